//! Customer ids as hash-table keys.
//!
//! A log sorted by date visits a million customers in no order, so every row looks its
//! customer up in a table far larger than the CPU's caches. Ids are therefore packed into
//! machine words stored in the table itself: a lookup compares integers in memory it has
//! already fetched, instead of following a pointer to the id's bytes, a second cache miss
//! per row. Ids of up to 15 bytes (nearly every CRM's) go to a table of two words per id;
//! ids of up to 47 bytes (UUIDs, Salesforce's 18-character ids, e-mail addresses) to one of
//! six words, as one row of a log rarely has both. Only longer ids keep their bytes on the
//! heap and take the slower path.
//!
//! The ids come from the client's export, so they may be chosen by someone who wants the
//! read to stall: ids that all hash alike would queue up in one run of the table, and each
//! new one would walk past all the others (hours for a million of them). Every table is
//! therefore keyed with a secret of its own, from std's `RandomState` (a key drawn from
//! the operating system's randomness once per thread, a new one for every table), so that
//! no file can be written to collide. Nothing read depends on where a key lands: ids leave
//! the tables sorted.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// The words of a packed id of the narrow table: ids of up to 15 bytes.
pub const NARROW: usize = 2;
/// The words of a packed id of the wide table: ids of up to 47 bytes.
pub const WIDE: usize = 6;

/// An id of at most `8·W − 1` bytes: its bytes big-endian, zero-padded, with its length in
/// the last byte. Comparing two packed ids of one width compares the ids byte by byte,
/// shorter first on a tie, as slices compare.
pub type Packed<const W: usize = NARROW> = [u64; W];

/// `id` packed into `W` words, or `None` when it is too long for them.
pub fn pack<const W: usize>(id: &[u8]) -> Option<Packed<W>> {
    // The empty id would pack to the free-slot marker; ids are never empty, but no id may be lost.
    if id.is_empty() || id.len() >= 8 * W {
        return None;
    }
    let mut key = [0u64; W];
    for (word, chunk) in key.iter_mut().zip(id.chunks(8)) {
        let mut bytes = [0u8; 8];
        bytes[..chunk.len()].copy_from_slice(chunk);
        *word = u64::from_be_bytes(bytes);
    }
    // The last byte is padding: the id is at most 8·W − 1 bytes.
    key[W - 1] |= id.len() as u64;
    Some(key)
}

/// The bytes of an id packed by [`pack`].
fn unpack<const W: usize>(key: &Packed<W>) -> Box<[u8]> {
    #[allow(clippy::cast_possible_truncation)] // the length byte
    let len = usize::from(key[W - 1] as u8);
    key.iter().flat_map(|w| w.to_be_bytes()).take(len).collect()
}

/// A customer id, owned: packed when it fits the narrow table, its bytes otherwise.
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

/// What a table holds per customer: their number in the worker's own numbering, and the
/// segment of their first row, so the per-row segment check needs no second lookup.
#[derive(Clone, Copy)]
struct Slot<const W: usize> {
    key: Packed<W>,
    number: u32,
    segment: u32,
}

impl<const W: usize> Slot<W> {
    /// A free slot: no packed id is all zero, as its length byte is at least 1.
    const FREE: Self = Self { key: [0; W], number: 0, segment: 0 };

    /// Free when the length byte, in the last word, is 0.
    fn is_free(&self) -> bool {
        self.key[W - 1] == 0
    }

    /// Whether the slot holds `key`: word by word, with no call to `memcmp`, which the
    /// comparison of arrays of more than two words becomes.
    fn holds(&self, key: &Packed<W>) -> bool {
        self.key.iter().zip(key).fold(0, |differ, (a, b)| differ | (a ^ b)) == 0
    }
}

/// A customer looked up: their number, and the segment their first row named.
#[derive(Clone, Copy)]
pub struct Found {
    pub number: u32,
    pub first_segment: u32,
    pub new: bool,
}

/// A packed id waiting in a batch, with the segment its row names.
pub type Pending<const W: usize = NARROW> = (Packed<W>, u32);

/// Mixes the words of a packed id, two at a time, each pair first mixed with the two words
/// of `secret` and with what came before, into the slot-choosing top bits (a folded 128-bit
/// multiply, as in foldhash and wyhash). Without the secret, every id whose first word
/// cancels the constant would give a product of 0.
fn hash<const W: usize>(key: &Packed<W>, secret: [u64; 2]) -> u64 {
    const { assert!(W % 2 == 0, "ids are mixed two words at a time") };
    let mut folded = 0;
    for pair in key.chunks_exact(2) {
        let product = u128::from(pair[0] ^ secret[0] ^ folded) * u128::from(pair[1] ^ secret[1]);
        #[allow(clippy::cast_possible_truncation)] // the low half, on purpose
        let low = product as u64;
        folded = (product >> 64) as u64 ^ low;
    }
    folded.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Packed ids of `W` words in an open-addressing table of our own (linear probing, at most
/// three quarters full: each worker's table holds nearly every customer of a log sorted by
/// date, so its size is the reader's second cost in memory after the rows; the all-zero
/// key marks a free slot). Owning the layout lets [`Table::intern`] touch the slots of a
/// whole batch of rows before it probes any, so their cache misses overlap instead of
/// queueing one behind the other.
pub struct Table<const W: usize> {
    slots: Vec<Slot<W>>,
    /// `64 - log2(slots.len())`: the top bits of a hash pick the slot.
    shift: u32,
    /// The ids it holds.
    len: usize,
}

impl<const W: usize> Table<W> {
    fn with_bits(bits: u32) -> Self {
        Self { slots: vec![Slot::FREE; 1 << bits], shift: 64 - bits, len: 0 }
    }

    /// The slot where the search for `key` starts.
    fn home(&self, key: &Packed<W>, secret: [u64; 2]) -> usize {
        #[allow(clippy::cast_possible_truncation)] // fewer bits than the table's size
        let home = (hash(key, secret) >> self.shift) as usize;
        home
    }

    /// Finds each id of `batch`, adding it with its segment and the number `next` gives
    /// when new; `found` gets one entry per id, in order.
    fn intern(
        &mut self,
        batch: &[Pending<W>],
        found: &mut Vec<Found>,
        secret: [u64; 2],
        mut next: impl FnMut() -> u32,
    ) {
        while (self.len + batch.len()) * 4 > self.slots.len() * 3 {
            self.grow(secret);
        }
        // Touch every slot first: these loads do not depend on each other, so the CPU keeps
        // them in flight together, and the probes below find the lines in cache.
        let mut touched = 0u64;
        for (key, _) in batch {
            touched = touched.wrapping_add(self.slots[self.home(key, secret)].key[0]);
        }
        std::hint::black_box(touched);
        let mask = self.slots.len() - 1;
        for &(key, segment) in batch {
            let mut i = self.home(&key, secret);
            loop {
                let slot = self.slots[i];
                if slot.holds(&key) {
                    found.push(Found { number: slot.number, first_segment: slot.segment, new: false });
                    break;
                }
                if slot.is_free() {
                    let number = next();
                    self.slots[i] = Slot { key, number, segment };
                    self.len += 1;
                    found.push(Found { number, first_segment: segment, new: true });
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// Doubles the table.
    fn grow(&mut self, secret: [u64; 2]) {
        let doubled = vec![Slot::FREE; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| !s.is_free()) {
            let mut i = self.home(&slot.key, secret);
            while !self.slots[i].is_free() {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The longest walk from a key's home slot to where it lies: how far a lookup may probe.
    #[cfg(test)]
    fn longest_probe(&self, secret: [u64; 2]) -> usize {
        let mask = self.slots.len() - 1;
        (0..self.slots.len())
            .filter(|&i| !self.slots[i].is_free())
            .map(|i| i.wrapping_sub(self.home(&self.slots[i].key, secret)) & mask)
            .max()
            .unwrap_or(0)
    }

    /// Every id with its number, sorted by id.
    fn into_sorted(mut self) -> Vec<(Packed<W>, u32)> {
        // A quarter of the table or more is free slots: shed them before the list is made.
        self.slots.retain(|s| !s.is_free());
        self.slots.sort_unstable_by_key(|s| s.key);
        self.slots.shrink_to_fit();
        self.slots.into_iter().map(|s| (s.key, s.number)).collect()
    }
}

/// Numbers the customers one worker meets, 0, 1, 2, … in the order they are first looked up
/// (ids too long to pack are looked up at once, packed ones a batch later; one customer's
/// rows always take the same path, so each customer's rows stay in file order).
pub struct Interner {
    narrow: Table<NARROW>,
    wide: Table<WIDE>,
    /// The packed ids' hash key, secret and new for every table.
    secret: [u64; 2],
    /// Ids too long to pack, under std's keyed hash (SipHash-1-3), with their number and
    /// first segment.
    long: HashMap<Box<[u8]>, (u32, u32)>,
    len: u32,
}

impl Default for Interner {
    fn default() -> Self {
        let long: HashMap<Box<[u8]>, (u32, u32)> = HashMap::default();
        // Two outputs of the long table's own keyed hash: as unpredictable as its key.
        let secret = [long.hasher().hash_one(0u8), long.hasher().hash_one(1u8)];
        // The wide table starts small: most logs have no id longer than 15 bytes.
        Self { narrow: Table::with_bits(10), wide: Table::with_bits(4), secret, long, len: 0 }
    }
}

/// The interner's table of ids packed into `W` words.
pub trait Width<const W: usize> {
    fn table(&mut self) -> &mut Table<W>;
}

impl Width<NARROW> for Interner {
    fn table(&mut self) -> &mut Table<NARROW> {
        &mut self.narrow
    }
}

impl Width<WIDE> for Interner {
    fn table(&mut self) -> &mut Table<WIDE> {
        &mut self.wide
    }
}

impl Interner {
    /// Finds each packed id of `batch`, adding it with its segment when new; `found` gets one
    /// entry per id, in order.
    pub fn intern_batch<const W: usize>(&mut self, batch: &[Pending<W>], found: &mut Vec<Found>)
    where
        Self: Width<W>,
    {
        let (secret, mut len) = (self.secret, self.len);
        self.table().intern(batch, found, secret, || {
            len += 1;
            len - 1
        });
        self.len = len;
    }

    /// Finds an id too long to pack, adding it with `segment` when new.
    pub fn intern_long(&mut self, id: &[u8], segment: u32) -> Found {
        if let Some(&(number, first_segment)) = self.long.get(id) {
            return Found { number, first_segment, new: false };
        }
        let number = self.len;
        self.len += 1;
        self.long.insert(id.into(), (number, segment));
        Found { number, first_segment: segment, new: true }
    }

    /// Every id with its number, sorted by id.
    pub fn into_sorted(self) -> Vec<(Key, u32)> {
        let (narrow, wide) = (self.narrow.into_sorted(), self.wide.into_sorted());
        let mut long: Vec<(Box<[u8]>, u32)> = self.long.into_iter().map(|(k, (n, _))| (k, n)).collect();
        long.sort_unstable();
        let runs = [!narrow.is_empty(), !wide.is_empty(), !long.is_empty()];
        let mut keys: Vec<(Key, u32)> = Vec::with_capacity(narrow.len() + wide.len() + long.len());
        keys.extend(narrow.into_iter().map(|(k, n)| (Key::Packed(k), n)));
        keys.extend(wide.iter().map(|(k, n)| (Key::Long(unpack(k)), *n)));
        keys.extend(long.into_iter().map(|(k, n)| (Key::Long(k), n)));
        // Three sorted runs: std's stable sort finds them and merges them, in a pass each.
        if runs.iter().filter(|&&r| r).count() > 1 {
            keys.sort_by(|a, b| a.0.cmp(&b.0));
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An id as the interner keys it: packed when narrow, its bytes otherwise.
    fn key(id: &[u8]) -> Key {
        pack::<NARROW>(id).map_or_else(|| Key::Long(id.into()), Key::Packed)
    }

    /// Ids around both packing limits, to 15, 16, 47 and 48 bytes.
    const IDS: [&[u8]; 14] = [
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
        b"0000b00a-6dab-fcba-7196-bc06908a7231",
        b"0000b00a-6dab-fcba-7196-bc06908a7231-and-11-more",
        b"0000b00a-6dab-fcba-7196-bc06908a7231-and-11-mor",
        b"0000b00a-6dab-fcba-7196-bc06908a7231\0",
    ];

    #[test]
    fn keys_sort_as_their_bytes() {
        for a in IDS {
            let mut buffer = [0; 16];
            assert_eq!(key(a).bytes(&mut buffer), a);
            for b in IDS {
                assert_eq!(key(a).cmp(&key(b)), a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }

    #[test]
    fn wide_packed_ids_sort_as_their_bytes_and_unpack_to_them() {
        let wide: Vec<(&[u8], Packed<WIDE>)> =
            IDS.iter().filter_map(|&id| pack::<WIDE>(id).map(|k| (id, k))).collect();
        // All but the empty id and the one of 48 bytes.
        assert_eq!(wide.len(), IDS.len() - 2);
        for (a, ka) in &wide {
            assert_eq!(&*unpack(ka), *a);
            for (b, kb) in &wide {
                assert_eq!(ka.cmp(kb), a.cmp(b), "{a:?} against {b:?}");
            }
        }
        assert_eq!(pack::<NARROW>(b"1234567890123456"), None);
    }

    #[test]
    fn the_interner_numbers_ids_in_order_of_first_appearance() {
        let mut ids = Interner::default();
        let mut found = Vec::new();
        let long = b"a-customer-id-longer-than-forty-seven-bytes-whose-bytes-stay-on-the-heap";
        let wide = pack::<WIDE>(b"an-id-of-more-than-fifteen-bytes").unwrap();
        ids.intern_batch(&[(pack::<NARROW>(b"K2").unwrap(), 0)], &mut found);
        assert_eq!(ids.intern_long(long, 1).number, 1);
        ids.intern_batch(&[(wide, 4)], &mut found);
        ids.intern_batch(
            &[(pack::<NARROW>(b"K2").unwrap(), 3), (pack::<NARROW>(b"K1").unwrap(), 0)],
            &mut found,
        );
        ids.intern_batch(&[(wide, 5)], &mut found);
        assert_eq!(ids.intern_long(long, 2).first_segment, 1);
        let seen: Vec<(u32, u32, bool)> = found.iter().map(|f| (f.number, f.first_segment, f.new)).collect();
        assert_eq!(seen, [(0, 0, true), (2, 4, true), (0, 0, false), (3, 0, true), (2, 4, false)]);
        let sorted: Vec<u32> = ids.into_sorted().into_iter().map(|(_, i)| i).collect();
        // K1, K2, a-customer-id-…, an-id-of-…
        assert_eq!(sorted, [3, 0, 1, 2]);
    }

    #[test]
    fn ids_of_every_width_leave_the_interner_sorted_by_their_bytes() {
        let mut ids = Interner::default();
        let mut found = Vec::new();
        for (i, id) in IDS.iter().enumerate().filter(|(_, id)| !id.is_empty()) {
            let segment = u32::try_from(i).unwrap();
            if let Some(k) = pack::<NARROW>(id) {
                ids.intern_batch(&[(k, segment)], &mut found);
            } else if let Some(k) = pack::<WIDE>(id) {
                ids.intern_batch(&[(k, segment)], &mut found);
            } else {
                found.push(ids.intern_long(id, segment));
            }
        }
        let mut expected: Vec<&[u8]> = IDS[1..].to_vec();
        expected.sort();
        let mut buffer = [0; 16];
        let sorted: Vec<Vec<u8>> =
            ids.into_sorted().iter().map(|(k, _)| k.bytes(&mut buffer).to_vec()).collect();
        assert_eq!(sorted, expected);
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

    /// Interns `ids` sixteen at a time into a table of `W` words, checks each is numbered in
    /// turn, and gives the table's longest probe.
    fn longest_probe_after<const W: usize>(mut table: Interner, ids: &[Pending<W>]) -> usize
    where
        Interner: Width<W>,
    {
        let mut found = Vec::new();
        for chunk in ids.chunks(16) {
            table.intern_batch(chunk, &mut found);
        }
        assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
        let secret = table.secret;
        table.table().longest_probe(secret)
    }

    #[test]
    fn ids_chosen_to_collide_under_a_known_key_spread_under_the_secret_one() {
        let ids = colliding_under_the_fixed_word(50_000);
        // The attack works on the known key: every id walks past all those before it.
        let known =
            Interner { secret: [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344], ..Interner::default() };
        assert!(longest_probe_after(known, &ids) >= 49_999);
        // Under a secret key the same ids scatter like any others: 50,000 in 131,072 slots,
        // where linear probing's longest walk stays far below a hundred.
        let longest = longest_probe_after(Interner::default(), &ids);
        assert!(longest < 100, "a walk of {longest} slots");
    }

    #[test]
    fn wide_ids_that_differ_only_in_their_last_words_spread_too() {
        // UUID-like ids that share their first 24 bytes: the later words must move the slot.
        let ids: Vec<Pending<WIDE>> = (0..50_000)
            .map(|i| (pack(format!("00000000-0000-0000-0000-{i:012x}").as_bytes()).unwrap(), 0))
            .collect();
        let longest = longest_probe_after(Interner::default(), &ids);
        assert!(longest < 100, "a walk of {longest} slots");
    }

    #[test]
    fn every_table_has_its_own_secret() {
        assert_ne!(Interner::default().secret, Interner::default().secret);
    }

    #[test]
    fn the_tables_grow_and_find_every_id_again() {
        fn check<const W: usize>(keys: &[Pending<W>])
        where
            Interner: Width<W>,
        {
            let mut ids = Interner::default();
            let mut found = Vec::new();
            for chunk in keys.chunks(16) {
                ids.intern_batch(chunk, &mut found);
            }
            assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
            found.clear();
            ids.intern_batch(&keys[..16], &mut found);
            assert!(found.iter().enumerate().all(|(i, f)| !f.new && f.number as usize == i));
            assert_eq!(ids.len, 50_000);
            assert_eq!(ids.table().len, 50_000);
        }
        check::<NARROW>(
            &(0..50_000).map(|i| (pack(format!("C{i:07}").as_bytes()).unwrap(), i % 3)).collect::<Vec<_>>(),
        );
        check::<WIDE>(
            &(0..50_000)
                .map(|i| (pack(format!("customer-{i:07}@example.com").as_bytes()).unwrap(), i % 3))
                .collect::<Vec<_>>(),
        );
    }
}
