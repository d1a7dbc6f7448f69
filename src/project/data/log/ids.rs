//! Customer ids as hash-table keys.
//!
//! A log sorted by date visits a million customers in no order, so every row looks its
//! customer up in a table far larger than the CPU's caches. Ids of up to 15 bytes (nearly
//! every CRM's) are therefore packed into two machine words stored in the table itself: a
//! lookup compares integers in memory it has already fetched, instead of following a
//! pointer to the id's bytes, a second cache miss per row. Longer ids keep their bytes on
//! the heap and take the slower path.
//!
//! The ids come from the client's export, so they may be chosen by someone who wants the
//! read to stall: ids that all hash alike would queue up in one run of the table, and each
//! new one would walk past all the others (hours for a million of them). Both tables are
//! therefore keyed with a secret of their own, from std's `RandomState` (a key drawn from
//! the operating system's randomness once per thread, a new one for every table), so that
//! no file can be written to collide. Nothing read depends on where a key lands: ids leave
//! the tables sorted.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// The longest id that is packed.
const PACKED_MAX: usize = 15;

/// An id of at most [`PACKED_MAX`] bytes: its bytes big-endian, zero-padded, with its length
/// in the last byte. Comparing two packed ids compares the ids byte by byte, shorter first
/// on a tie, as slices compare.
pub type Packed = [u64; 2];

/// `id` packed, or `None` when it is too long to pack.
pub fn pack(id: &[u8]) -> Option<Packed> {
    // The empty id would pack to the free-slot marker; ids are never empty, but no id may be lost.
    if id.is_empty() || id.len() > PACKED_MAX {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..id.len()].copy_from_slice(id);
    #[allow(clippy::cast_possible_truncation)] // at most 15
    let len = id.len() as u8;
    bytes[15] = len;
    let (high, low) = bytes.split_at(8);
    Some([
        u64::from_be_bytes(high.try_into().unwrap_or_default()),
        u64::from_be_bytes(low.try_into().unwrap_or_default()),
    ])
}

/// A customer id, owned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Packed(Packed),
    Long(Box<[u8]>),
}

impl Key {
    /// The id's bytes, written into `buffer` when packed.
    pub fn bytes<'a>(&'a self, buffer: &'a mut [u8; 16]) -> &'a [u8] {
        match self {
            Self::Packed([high, low]) => {
                buffer[..8].copy_from_slice(&high.to_be_bytes());
                buffer[8..].copy_from_slice(&low.to_be_bytes());
                &buffer[..usize::from(buffer[15])]
            }
            Self::Long(bytes) => bytes,
        }
    }
}

impl Ord for Key {
    /// Byte by byte, as the ids' text sorts.
    fn cmp(&self, other: &Self) -> Ordering {
        if let (Self::Packed(a), Self::Packed(b)) = (self, other) {
            return a.cmp(b);
        }
        let (mut a, mut b) = ([0; 16], [0; 16]);
        self.bytes(&mut a).cmp(other.bytes(&mut b))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What the table holds per customer: their number in the worker's own numbering, and the
/// segment of their first row, so the per-row segment check needs no second lookup.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: Packed,
    number: u32,
    segment: u32,
}

/// A customer looked up: their number, and the segment their first row named.
#[derive(Clone, Copy)]
pub struct Found {
    pub number: u32,
    pub first_segment: u32,
    pub new: bool,
}

/// A packed id waiting in a batch, with the segment its row names.
pub type Pending = (Packed, u32);

/// Numbers the customers one worker meets, 0, 1, 2, … in the order they are first looked up
/// (long ids are looked up at once, packed ones a batch later; one customer's rows always
/// take the same path, so each customer's rows stay in file order).
///
/// Packed ids live in an open-addressing table of our own (linear probing, at most three
/// quarters full: each worker's table holds nearly every customer of a log sorted by date,
/// so its size is the reader's second cost in memory after the rows; the all-zero key
/// marks a free slot, and no packed id is all zero, as its length
/// byte is at least 1). Owning the layout lets [`Interner::intern_batch`] touch the slots of
/// a whole batch of rows before it probes any, so their cache misses overlap instead of
/// queueing one behind the other.
pub struct Interner {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the top bits of a hash pick the slot.
    shift: u32,
    /// The packed ids' hash key, secret and new for every table.
    secret: [u64; 2],
    /// Ids too long to pack, under std's keyed hash (SipHash-1-3).
    long: HashMap<Box<[u8]>, Slot>,
    len: u32,
}

impl Default for Interner {
    fn default() -> Self {
        let long: HashMap<Box<[u8]>, Slot> = HashMap::default();
        // Two outputs of the long table's own keyed hash: as unpredictable as its key.
        let secret = [long.hasher().hash_one(0u8), long.hasher().hash_one(1u8)];
        Self { slots: vec![Slot::default(); 1 << 10], shift: 64 - 10, secret, long, len: 0 }
    }
}

/// Mixes both words of a packed id, each first mixed with a word of `secret`, into the
/// slot-choosing top bits (a folded 128-bit multiply, as in foldhash and wyhash). Without
/// the secret, every id whose first word cancels the constant would give a product of 0.
fn hash(key: &Packed, secret: [u64; 2]) -> u64 {
    let product = u128::from(key[0] ^ secret[0]) * u128::from(key[1] ^ secret[1]);
    #[allow(clippy::cast_possible_truncation)] // the low half, on purpose
    let low = product as u64;
    ((product >> 64) as u64 ^ low).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Interner {
    /// The slot where the search for `key` starts.
    fn home(&self, key: &Packed) -> usize {
        #[allow(clippy::cast_possible_truncation)] // fewer bits than the table's size
        let home = (hash(key, self.secret) >> self.shift) as usize;
        home
    }

    fn next(&mut self, key: Packed, segment: u32) -> Slot {
        let slot = Slot { key, number: self.len, segment };
        self.len += 1;
        slot
    }

    /// Finds each packed id of `batch`, adding it with its segment when new; `found` gets one
    /// entry per id, in order.
    pub fn intern_batch(&mut self, batch: &[Pending], found: &mut Vec<Found>) {
        while (self.len as usize + batch.len()) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        // Touch every slot first: these loads do not depend on each other, so the CPU keeps
        // them in flight together, and the probes below find the lines in cache.
        let mut touched = 0u64;
        for (key, _) in batch {
            touched = touched.wrapping_add(self.slots[self.home(key)].key[0]);
        }
        std::hint::black_box(touched);
        for &(key, segment) in batch {
            let mask = self.slots.len() - 1;
            let mut i = self.home(&key);
            loop {
                let slot = self.slots[i];
                if slot.key == key {
                    found.push(Found { number: slot.number, first_segment: slot.segment, new: false });
                    break;
                }
                if slot.key == [0, 0] {
                    let slot = self.next(key, segment);
                    self.slots[i] = slot;
                    found.push(Found { number: slot.number, first_segment: segment, new: true });
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// Finds an id too long to pack, adding it with `segment` when new.
    pub fn intern_long(&mut self, id: &[u8], segment: u32) -> Found {
        if let Some(slot) = self.long.get(id) {
            return Found { number: slot.number, first_segment: slot.segment, new: false };
        }
        let slot = self.next([0, 0], segment);
        self.long.insert(id.into(), slot);
        Found { number: slot.number, first_segment: segment, new: true }
    }

    /// Doubles the table.
    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.key != [0, 0]) {
            let mut i = self.home(&slot.key);
            while self.slots[i].key != [0, 0] {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The longest walk from a key's home slot to where it lies: how far a lookup may probe.
    #[cfg(test)]
    fn longest_probe(&self) -> usize {
        let mask = self.slots.len() - 1;
        (0..self.slots.len())
            .filter(|&i| self.slots[i].key != [0, 0])
            .map(|i| i.wrapping_sub(self.home(&self.slots[i].key)) & mask)
            .max()
            .unwrap_or(0)
    }

    /// Every id with its number, sorted by id.
    pub fn into_sorted(mut self) -> Vec<(Key, u32)> {
        // A quarter of the table or more is free slots: shed them before the list is made
        // beside it.
        self.slots.retain(|s| s.key != [0, 0]);
        self.slots.shrink_to_fit();
        let mut keys: Vec<(Key, u32)> = self
            .slots
            .into_iter()
            .map(|s| (Key::Packed(s.key), s.number))
            .chain(self.long.into_iter().map(|(k, s)| (Key::Long(k), s.number)))
            .collect();
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &[u8]) -> Key {
        pack(id).map_or_else(|| Key::Long(id.into()), Key::Packed)
    }

    #[test]
    fn keys_sort_as_their_bytes() {
        let ids: [&[u8]; 10] = [
            b"",
            b"C1",
            b"C1\0",
            b"C10",
            b"C2",
            b"C1\0\0x",
            b"123456789012345",
            b"1234567890123456",
            b"12345678901234",
            b"\xff",
        ];
        for a in ids {
            let mut buffer = [0; 16];
            assert_eq!(key(a).bytes(&mut buffer), a);
            for b in ids {
                assert_eq!(key(a).cmp(&key(b)), a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn the_interner_numbers_ids_in_order_of_first_appearance() {
        let mut ids = Interner::default();
        let mut found = Vec::new();
        let long = b"a-customer-id-longer-than-fifteen-bytes";
        ids.intern_batch(&[(pack(b"K2").unwrap(), 0)], &mut found);
        assert_eq!(ids.intern_long(long, 1).number, 1);
        ids.intern_batch(&[(pack(b"K2").unwrap(), 3), (pack(b"K1").unwrap(), 0)], &mut found);
        assert_eq!(ids.intern_long(long, 2).first_segment, 1);
        let seen: Vec<(u32, u32, bool)> = found.iter().map(|f| (f.number, f.first_segment, f.new)).collect();
        assert_eq!(seen, [(0, 0, true), (0, 0, false), (2, 0, true)]);
        let sorted: Vec<u32> = ids.into_sorted().into_iter().map(|(_, i)| i).collect();
        assert_eq!(sorted, [2, 0, 1]);
    }

    /// Ids whose first eight bytes equal the first word the hash was once mixed with: under
    /// that fixed word every product is 0, so all of them shared one home slot.
    fn colliding_under_the_fixed_word(n: u32) -> Vec<Pending> {
        (0..n)
            .map(|i| {
                let mut id = 0x243f_6a88_85a3_08d3_u64.to_be_bytes().to_vec();
                id.extend(format!("{i:07}").bytes());
                (pack(&id).unwrap(), 0)
            })
            .collect()
    }

    #[test]
    fn ids_chosen_to_collide_under_a_known_key_spread_under_the_secret_one() {
        let ids = colliding_under_the_fixed_word(50_000);
        let intern = |mut table: Interner| {
            let mut found = Vec::new();
            for chunk in ids.chunks(16) {
                table.intern_batch(chunk, &mut found);
            }
            assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
            table.longest_probe()
        };
        // The attack works on the known key: every id walks past all those before it.
        let known =
            Interner { secret: [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344], ..Interner::default() };
        assert!(intern(known) >= 49_999);
        // Under a secret key the same ids scatter like any others: 50,000 in 131,072 slots,
        // where linear probing's longest walk stays far below a hundred.
        let longest = intern(Interner::default());
        assert!(longest < 100, "a walk of {longest} slots");
    }

    #[test]
    fn every_table_has_its_own_secret() {
        assert_ne!(Interner::default().secret, Interner::default().secret);
    }

    #[test]
    fn the_table_grows_and_finds_every_id_again() {
        let mut ids = Interner::default();
        let keys: Vec<Pending> =
            (0..50_000).map(|i| (pack(format!("C{i:07}").as_bytes()).unwrap(), i % 3)).collect();
        let mut found = Vec::new();
        for chunk in keys.chunks(16) {
            ids.intern_batch(chunk, &mut found);
        }
        assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
        found.clear();
        ids.intern_batch(&keys[..16], &mut found);
        assert!(found.iter().enumerate().all(|(i, f)| !f.new && f.number as usize == i));
        assert_eq!(ids.len, 50_000);
    }
}
