//! Customer ids as hash-table keys.
//!
//! A log sorted by date visits a million customers in no order, so every row looks its
//! customer up in a table far larger than the CPU's caches. Ids are therefore packed into
//! machine words stored in the table itself: a lookup compares integers in memory it has
//! already fetched, instead of following a pointer to the id's bytes, a second cache miss
//! per row. Ids of up to 15 bytes (nearly every CRM's) go to a table of two words per id;
//! UUIDs in lowercase hex, the other common shape, are 128 bits, and go as their value to
//! a table of two words too; other ids of up to 47 bytes (uppercase UUIDs, Salesforce's
//! 18-character ids, e-mail addresses) to one of six words, so that short ids keep slots of
//! 24 bytes instead of 56. Only longer ids keep their bytes on the heap and take the slower
//! path.
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

use super::uuid;

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
        *word = word_of(chunk);
    }
    // The last byte is padding: the id is at most 8·W − 1 bytes.
    key[W - 1] |= id.len() as u64;
    Some(key)
}

/// The first eight bytes of `bytes` as one big-endian word, zero-padded when there are
/// fewer: ordered as the bytes are. Read without a copy of unknown length, which is a call
/// per row on the read's hot path: a whole word as one, four to seven bytes as two
/// overlapping halves (the last word of an id of 12 to 15 bytes, a common length), fewer
/// byte by byte.
#[inline]
pub(super) fn word_of(bytes: &[u8]) -> u64 {
    if let Some(first) = bytes.first_chunk::<8>() {
        return u64::from_be_bytes(*first);
    }
    let n = bytes.len();
    if n >= 4 {
        let half = |at: usize| {
            u64::from(u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]))
        };
        // The last four bytes, shifted to their places after the first four: the bytes
        // both halves hold are the same, in the same places.
        return (half(0) << 32) | (half(n - 4) << ((8 - n) * 8));
    }
    bytes.iter().enumerate().fold(0, |word, (i, &b)| word | (u64::from(b) << ((7 - i) * 8)))
}

/// An id as the interner keys it: in the first form it fits, each the key of a table of
/// its own. The read and the tests route ids by this alone.
pub enum Packing {
    /// Up to 15 bytes, packed by [`pack`] into two words.
    Narrow(Packed),
    /// A UUID in lowercase hex, as its value ([`uuid::pack`]).
    Uuid(uuid::Value),
    /// Any other id of up to 47 bytes, packed into six words.
    Wide(Packed<WIDE>),
    /// Longer: its bytes.
    Long,
}

impl Packing {
    /// The form `id` is keyed in.
    #[inline]
    pub fn of(id: &[u8]) -> Self {
        if let Some(narrow) = pack::<NARROW>(id) {
            Self::Narrow(narrow)
        } else if let Some(value) = uuid::pack(id) {
            Self::Uuid(value)
        } else if let Some(wide) = pack::<WIDE>(id) {
            Self::Wide(wide)
        } else {
            Self::Long
        }
    }
}

/// A customer id, owned: packed into the words of the table it was found in when it fits
/// one, its bytes otherwise. Ids of one form compare as integers, with no call to compare
/// bytes: a log keyed by UUIDs or e-mail addresses has a million of them. A wide id's words
/// are boxed, so that a key takes 24 bytes, as the lists of a million keys per reader are
/// the merge's memory.
#[derive(Clone, Debug)]
pub enum Key {
    Packed(Packed),
    Uuid(uuid::Value),
    Wide(Box<Packed<WIDE>>),
    Long(Box<[u8]>),
}

/// Room for the bytes of any packed id.
pub type KeyBuffer = [u8; 8 * WIDE];

impl Key {
    /// `id` keyed as the interner keys it ([`Packing::of`]).
    #[cfg(test)]
    pub fn of(id: &[u8]) -> Self {
        match Packing::of(id) {
            Packing::Narrow(narrow) => Self::Packed(narrow),
            Packing::Uuid(value) => Self::Uuid(value),
            Packing::Wide(wide) => Self::Wide(Box::new(wide)),
            Packing::Long => Self::Long(id.into()),
        }
    }

    /// The id's bytes, written into `buffer` when packed.
    pub fn bytes<'a>(&'a self, buffer: &'a mut KeyBuffer) -> &'a [u8] {
        match self {
            Self::Packed(words) => packed_bytes(words, buffer),
            Self::Uuid(value) => uuid::text(value, buffer),
            Self::Wide(words) => packed_bytes(words, buffer),
            Self::Long(bytes) => bytes,
        }
    }
}

/// The bytes of an id packed by [`pack`], written into `buffer`.
fn packed_bytes<'a, const W: usize>(key: &Packed<W>, buffer: &'a mut KeyBuffer) -> &'a [u8] {
    for (chunk, word) in buffer.chunks_exact_mut(8).zip(key) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    &buffer[..usize::from(buffer[8 * W - 1])]
}

impl Ord for Key {
    /// Byte by byte, as the ids' text sorts.
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Packed(a), Self::Packed(b)) | (Self::Uuid(a), Self::Uuid(b)) => a.cmp(b),
            (Self::Wide(a), Self::Wide(b)) => a.as_ref().cmp(b.as_ref()),
            _ => {
                let (mut a, mut b) = ([0; 8 * WIDE], [0; 8 * WIDE]);
                self.bytes(&mut a).cmp(other.bytes(&mut b))
            }
        }
    }
}

impl PartialEq for Key {
    /// The same bytes, whichever form holds them.
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A customer as a worker's interner lists them: their id, their number in the worker's
/// own numbering, and the segment of their first row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub key: Key,
    pub number: u32,
    pub segment: u32,
}

// Two readers list a million customers each in a 10 M-row log: 32 bytes apiece.
const _: () = assert!(std::mem::size_of::<Listed>() == 32);

/// What a table holds per customer: their number in the worker's own numbering, and the
/// segment of their first row, so the per-row segment check needs no second lookup.
#[derive(Clone, Copy)]
struct Slot<const W: usize> {
    key: Packed<W>,
    number: u32,
    segment: u32,
}

impl<const W: usize> Slot<W> {
    /// A free slot: its key's last word is 0, which no key's is. A packed id's last word
    /// holds its length, at least 1; a UUID whose value ends in a zero word is not packed.
    const FREE: Self = Self { key: [0; W], number: 0, segment: 0 };

    /// Free when the key's last word is 0.
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

/// Rows looked up together: enough to keep the CPU's outstanding cache misses busy.
pub const BATCH: usize = 16;

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
/// date, so its size is the reader's second cost in memory after the rows; a last word of
/// 0 marks a free slot). Owning the layout lets [`Table::intern`] touch the slots of a
/// whole batch of rows before it probes any, so their cache misses overlap instead of
/// queueing one behind the other.
struct Table<const W: usize> {
    slots: Vec<Slot<W>>,
    /// `64 - log2(slots.len())`: the top bits of a hash pick the slot.
    shift: u32,
    /// The hash key, secret and new for every table.
    secret: [u64; 2],
    /// The ids it holds.
    len: usize,
}

impl<const W: usize> Table<W> {
    fn new(bits: u32, secret: [u64; 2]) -> Self {
        Self { slots: vec![Slot::FREE; 1 << bits], shift: 64 - bits, secret, len: 0 }
    }

    /// The slot where the search for `key` starts.
    fn home(&self, key: &Packed<W>) -> usize {
        #[allow(clippy::cast_possible_truncation)] // fewer bits than the table's size
        let home = (hash(key, self.secret) >> self.shift) as usize;
        home
    }

    /// Finds each id of `batch`, [`BATCH`] at a time, adding it with its segment and the next
    /// number of `numbered` when new; `found` gets one entry per id, in order.
    fn intern(&mut self, batch: &[Pending<W>], found: &mut Vec<Found>, numbered: &mut u32) {
        if batch.len() > BATCH {
            return batch.chunks(BATCH).for_each(|chunk| self.intern(chunk, found, numbered));
        }
        while (self.len + batch.len()) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        // Touch every slot first, its first and last word (a slot of six words may straddle
        // two cache lines): these loads do not depend on each other, so the CPU keeps them
        // in flight together, and the probes below find the lines in cache.
        let mut homes = [0; BATCH];
        let mut touched = 0u64;
        for ((key, _), home) in batch.iter().zip(&mut homes) {
            *home = self.home(key);
            let slot = &self.slots[*home];
            touched = touched.wrapping_add(slot.key[0] ^ slot.key[W - 1]);
        }
        std::hint::black_box(touched);
        let mask = self.slots.len() - 1;
        for (&(key, segment), &home) in batch.iter().zip(&homes) {
            let mut i = home;
            loop {
                let slot = self.slots[i];
                if slot.holds(&key) {
                    found.push(Found { number: slot.number, first_segment: slot.segment, new: false });
                    break;
                }
                if slot.is_free() {
                    let number = *numbered;
                    *numbered += 1;
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
    fn grow(&mut self) {
        let doubled = vec![Slot::FREE; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| !s.is_free()) {
            let mut i = self.home(&slot.key);
            while !self.slots[i].is_free() {
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
            .filter(|&i| !self.slots[i].is_free())
            .map(|i| i.wrapping_sub(self.home(&self.slots[i].key)) & mask)
            .max()
            .unwrap_or(0)
    }

    /// Every id with its number and first segment, sorted by id, its key made by `key`.
    fn into_listed(mut self, key: fn(Packed<W>) -> Key) -> impl ExactSizeIterator<Item = Listed> {
        // A quarter of the table or more is free slots: shed them before the list is made.
        self.slots.retain(|s| !s.is_free());
        self.slots.sort_unstable_by_key(|s| s.key);
        self.slots.shrink_to_fit();
        self.slots.into_iter().map(move |s| Listed { key: key(s.key), number: s.number, segment: s.segment })
    }
}

/// Numbers the customers one worker meets, 0, 1, 2, … in the order they are first looked up
/// (ids too long to pack are looked up at once, packed ones a batch later; one customer's
/// rows always take the same path, so each customer's rows stay in file order).
pub struct Interner {
    narrow: Table<NARROW>,
    uuids: Table<NARROW>,
    wide: Table<WIDE>,
    /// Ids too long to pack, under std's keyed hash (SipHash-1-3), with their number and
    /// first segment.
    long: HashMap<Box<[u8]>, (u32, u32)>,
    /// The ids numbered so far, in all four tables.
    len: u32,
}

impl Default for Interner {
    fn default() -> Self {
        let long: HashMap<Box<[u8]>, (u32, u32)> = HashMap::default();
        // Outputs of the long table's own keyed hash: as unpredictable as its key.
        let secret = |i: u8| [long.hasher().hash_one(2 * i), long.hasher().hash_one(2 * i + 1)];
        // The UUID and wide tables start small: most logs have ids of one shape, and short.
        Self {
            narrow: Table::new(10, secret(0)),
            uuids: Table::new(4, secret(1)),
            wide: Table::new(4, secret(2)),
            long,
            len: 0,
        }
    }
}

/// Looking up a batch of ids packed into `W` words in one of the interner's tables: finds
/// each id of the batch, adding it with its segment when new; `found` gets one entry per
/// id, in order.
pub type Intern<const W: usize> = fn(&mut Interner, &[Pending<W>], &mut Vec<Found>);

impl Interner {
    /// [`Intern`] for ids packed by [`pack`] into the narrow table's two words.
    pub fn intern_narrow(&mut self, batch: &[Pending], found: &mut Vec<Found>) {
        self.narrow.intern(batch, found, &mut self.len);
    }

    /// [`Intern`] for UUIDs packed by [`uuid::pack`].
    pub fn intern_uuids(&mut self, batch: &[Pending], found: &mut Vec<Found>) {
        self.uuids.intern(batch, found, &mut self.len);
    }

    /// [`Intern`] for ids packed by [`pack`] into the wide table's six words.
    pub fn intern_wide(&mut self, batch: &[Pending<WIDE>], found: &mut Vec<Found>) {
        self.wide.intern(batch, found, &mut self.len);
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

    /// Every id with its number and first segment, sorted by id.
    pub fn into_sorted(self) -> Vec<Listed> {
        let narrow = self.narrow.into_listed(Key::Packed);
        let uuids = self.uuids.into_listed(Key::Uuid);
        let wide = self.wide.into_listed(|words| Key::Wide(Box::new(words)));
        let mut long: Vec<_> = self.long.into_iter().collect();
        long.sort_unstable();
        let long =
            long.into_iter().map(|(k, (number, segment))| Listed { key: Key::Long(k), number, segment });
        merge_sorted([Box::new(narrow), Box::new(uuids), Box::new(wide), Box::new(long)])
    }
}

/// The smallest of sorted lists' first ids (`None` for a list at its end), the first list's
/// on a tie, with the index of its list: the step of merging the lists.
pub fn smallest<'a>(heads: impl IntoIterator<Item = Option<&'a Key>>) -> Option<(usize, &'a Key)> {
    heads
        .into_iter()
        .enumerate()
        .filter_map(|(i, head)| Some((i, head?)))
        .reduce(|least, next| if next.1 < least.1 { next } else { least })
}

/// Sorted runs of ids merged into one sorted list, taking the smallest head each time: no
/// sort, and no scratch memory beside the list.
fn merge_sorted<const N: usize>(mut runs: [Box<dyn ExactSizeIterator<Item = Listed>>; N]) -> Vec<Listed> {
    let mut merged = Vec::with_capacity(runs.iter().map(ExactSizeIterator::len).sum());
    let mut heads = runs.each_mut().map(Iterator::next);
    loop {
        let Some((i, _)) = smallest(heads.iter().map(|h| h.as_ref().map(|l| &l.key))) else { return merged };
        let next = runs[i].next();
        merged.extend(std::mem::replace(&mut heads[i], next));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_holds_the_first_eight_bytes_zero_padded() {
        let bytes: Vec<u8> = (0..12u8).map(|b| b.wrapping_mul(37).wrapping_add(0xa1)).collect();
        for n in 0..=12 {
            let mut padded = [0u8; 8];
            let taken = n.min(8);
            padded[..taken].copy_from_slice(&bytes[..taken]);
            assert_eq!(word_of(&bytes[..n]), u64::from_be_bytes(padded), "{n} bytes");
        }
    }

    /// Ids around both packing limits, to 15, 16, 47 and 48 bytes, some ending in NUL bytes,
    /// which only the length byte tells from the padding; and UUIDs, packed as their value
    /// but for the uppercase one, the one whose last half is zero, and the misshapen ones.
    const IDS: [&[u8]; 24] = [
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
        b"0000b00a-6dab-fcba-7196-bc06908a7231-and-11-mo",
        b"0000b00a-6dab-fcba-7196-bc06908a7231-and-11-mo\0",
        b"0000b00a-6dab-fcba-7196-bc06908a7232",
        b"ffffffff-ffff-ffff-ffff-ffffffffffff",
        b"0000b00a-6dab-fcba-0000-000000000000",
        b"0000b00a-6dab-fcba-0000-000000000001",
        b"0000B00A-6DAB-FCBA-7196-BC06908A7231",
        b"0000b00a-6dab-fcba-7196-bc06908a723g",
        b"0000b00a-6dab-fcba-7196_bc06908a7231",
        b"0000b00a-6dab-fcba-7196-bc06908a7231-",
    ];

    #[test]
    fn keys_sort_as_their_bytes() {
        for a in IDS {
            let mut buffer = [0; 8 * WIDE];
            assert_eq!(Key::of(a).bytes(&mut buffer), a);
            for b in IDS {
                assert_eq!(Key::of(a).cmp(&Key::of(b)), a.cmp(b), "{a:?} against {b:?}");
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
            assert_eq!(packed_bytes(ka, &mut [0; 8 * WIDE]), *a);
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
        let uuid = uuid::pack(b"0f5e0000-6dab-4cba-9196-bc06908a7231").unwrap();
        ids.intern_narrow(&[(pack::<NARROW>(b"K2").unwrap(), 0)], &mut found);
        assert_eq!(ids.intern_long(long, 1).number, 1);
        ids.intern_wide(&[(wide, 4)], &mut found);
        ids.intern_narrow(
            &[(pack::<NARROW>(b"K2").unwrap(), 3), (pack::<NARROW>(b"K1").unwrap(), 0)],
            &mut found,
        );
        ids.intern_uuids(&[(uuid, 6)], &mut found);
        ids.intern_wide(&[(wide, 5)], &mut found);
        ids.intern_uuids(&[(uuid, 7)], &mut found);
        assert_eq!(ids.intern_long(long, 2).first_segment, 1);
        let seen: Vec<(u32, u32, bool)> = found.iter().map(|f| (f.number, f.first_segment, f.new)).collect();
        assert_eq!(
            seen,
            [
                (0, 0, true),
                (2, 4, true),
                (0, 0, false),
                (3, 0, true),
                (4, 6, true),
                (2, 4, false),
                (4, 6, false)
            ]
        );
        let sorted: Vec<(u32, u32)> = ids.into_sorted().into_iter().map(|l| (l.number, l.segment)).collect();
        // 0f5e…, K1, K2, a-customer-id-…, an-id-of-…, each with the segment of its first row.
        assert_eq!(sorted, [(4, 6), (3, 0), (0, 0), (1, 1), (2, 4)]);
    }

    #[test]
    fn ids_of_every_width_leave_the_interner_sorted_by_their_bytes_with_their_numbers() {
        let mut ids = Interner::default();
        let mut found = Vec::new();
        let mut expected: Vec<(&[u8], u32)> = Vec::new();
        for id in IDS.into_iter().filter(|id| !id.is_empty()) {
            match Key::of(id) {
                Key::Packed(k) => ids.intern_narrow(&[(k, 0)], &mut found),
                Key::Uuid(k) => ids.intern_uuids(&[(k, 0)], &mut found),
                Key::Wide(k) => ids.intern_wide(&[(*k, 0)], &mut found),
                Key::Long(_) => found.push(ids.intern_long(id, 0)),
            }
            expected.push((id, u32::try_from(expected.len()).unwrap()));
        }
        assert_eq!(ids.uuids.len, 4);
        assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
        expected.sort();
        let mut buffer = [0; 8 * WIDE];
        let sorted: Vec<(Vec<u8>, u32)> =
            ids.into_sorted().iter().map(|l| (l.key.bytes(&mut buffer).to_vec(), l.number)).collect();
        let expected: Vec<(Vec<u8>, u32)> = expected.into_iter().map(|(id, n)| (id.to_vec(), n)).collect();
        assert_eq!(sorted, expected);
    }

    /// A hash key an attacker knows.
    const KNOWN: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];

    /// Ids of `W` words whose words 0, 2, 4, … equal the first word of [`KNOWN`]: under that
    /// key every pair's product is 0, so all of them share one home slot.
    fn colliding_under_the_known_key<const W: usize>(n: u32) -> Vec<Pending<W>> {
        (0..n)
            .map(|i| {
                let mut id = Vec::new();
                for _ in 1..W / 2 {
                    id.extend(KNOWN[0].to_be_bytes());
                    id.extend(b"-filler-");
                }
                id.extend(KNOWN[0].to_be_bytes());
                id.extend(format!("{i:07}").bytes());
                (pack(&id).unwrap(), 0)
            })
            .collect()
    }

    /// The longest probe of one of an interner's tables.
    type Probe = fn(&Interner) -> usize;

    /// Interns `ids` sixteen at a time, checks each is numbered in turn, and gives the
    /// longest probe of the table `probe` looks at.
    fn longest_probe_after<const W: usize>(
        mut table: Interner,
        intern: Intern<W>,
        ids: &[Pending<W>],
        probe: Probe,
    ) -> usize {
        let mut found = Vec::new();
        for chunk in ids.chunks(16) {
            intern(&mut table, chunk, &mut found);
        }
        assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
        probe(&table)
    }

    #[test]
    fn ids_chosen_to_collide_under_a_known_key_spread_under_the_secret_one() {
        let narrow: Probe = |t| t.narrow.longest_probe();
        let uuids: Probe = |t| t.uuids.longest_probe();
        let wide: Probe = |t| t.wide.longest_probe();
        let narrow_ids = colliding_under_the_known_key::<NARROW>(50_000);
        let wide_ids = colliding_under_the_known_key::<WIDE>(50_000);
        // UUIDs whose first half is the key's first word.
        let uuid_ids: Vec<Pending> = (1..=50_000).map(|i| ([KNOWN[0], i], 0)).collect();
        // The attack works on the known key: every id walks past all those before it (shown
        // on the first 20,000 only, as each walk is as long as the table is full).
        let known = || Interner {
            narrow: Table::new(10, KNOWN),
            uuids: Table::new(4, KNOWN),
            wide: Table::new(4, KNOWN),
            ..Interner::default()
        };
        assert!(
            longest_probe_after(known(), Interner::intern_narrow, &narrow_ids[..20_000], narrow) >= 19_999
        );
        assert!(longest_probe_after(known(), Interner::intern_uuids, &uuid_ids[..20_000], uuids) >= 19_999);
        assert!(longest_probe_after(known(), Interner::intern_wide, &wide_ids[..20_000], wide) >= 19_999);
        // Under a secret key the same ids scatter like any others: 50,000 in 131,072 slots,
        // where linear probing's longest walk stays far below a hundred.
        for longest in [
            longest_probe_after(Interner::default(), Interner::intern_narrow, &narrow_ids, narrow),
            longest_probe_after(Interner::default(), Interner::intern_uuids, &uuid_ids, uuids),
            longest_probe_after(Interner::default(), Interner::intern_wide, &wide_ids, wide),
        ] {
            assert!(longest < 100, "a walk of {longest} slots");
        }
    }

    #[test]
    fn wide_ids_that_differ_in_one_pair_of_words_only_spread_too() {
        // Ids of 40 bytes, alike but for bytes 16 to 31 (the second pair of words), or but
        // for bytes 32 to 39 (the third): each pair must move the slot.
        let alike = "00000000-0000-0000-0000-000000000000-000";
        let differing = |at: usize, i: u32| {
            let mut id = alike.as_bytes().to_vec();
            let digits = format!("{i:08x}");
            for (k, d) in digits.bytes().enumerate() {
                id[at + 2 * k] = d;
            }
            (pack::<WIDE>(&id).unwrap(), 0)
        };
        for at in [16, 24] {
            let ids: Vec<Pending<WIDE>> = (0..50_000).map(|i| differing(at, i)).collect();
            let longest = longest_probe_after(Interner::default(), Interner::intern_wide, &ids, |t| {
                t.wide.longest_probe()
            });
            assert!(longest < 100, "ids differing from byte {at} on: a walk of {longest} slots");
        }
    }

    #[test]
    fn every_table_has_its_own_secret() {
        let (a, b) = (Interner::default(), Interner::default());
        assert_ne!(a.narrow.secret, b.narrow.secret);
        assert_ne!(a.narrow.secret, a.uuids.secret);
        assert_ne!(a.narrow.secret, a.wide.secret);
        assert_ne!(a.uuids.secret, a.wide.secret);
        assert_ne!(a.uuids.secret, b.uuids.secret);
        assert_ne!(a.wide.secret, b.wide.secret);
    }

    #[test]
    fn the_tables_grow_and_find_every_id_again() {
        fn check<const W: usize>(intern: Intern<W>, keys: &[Pending<W>], held: fn(&Interner) -> usize) {
            let mut ids = Interner::default();
            let mut found = Vec::new();
            // Unequal batches, one longer than a batch is.
            for chunk in keys.chunks(23) {
                intern(&mut ids, chunk, &mut found);
            }
            assert!(found.iter().enumerate().all(|(i, f)| f.new && f.number as usize == i));
            found.clear();
            intern(&mut ids, &keys[..40], &mut found);
            assert!(found.iter().enumerate().all(|(i, f)| !f.new && f.number as usize == i));
            assert_eq!(found.len(), 40);
            assert_eq!(ids.len, 50_000);
            assert_eq!(held(&ids), 50_000);
        }
        check::<NARROW>(
            Interner::intern_narrow,
            &(0..50_000).map(|i| (pack(format!("C{i:07}").as_bytes()).unwrap(), i % 3)).collect::<Vec<_>>(),
            |t| t.narrow.len,
        );
        check::<NARROW>(
            Interner::intern_uuids,
            &(0..50_000)
                .map(|i| {
                    (uuid::pack(format!("0f5e0000-6dab-4cba-9196-{:012x}", i + 1).as_bytes()).unwrap(), i % 3)
                })
                .collect::<Vec<_>>(),
            |t| t.uuids.len,
        );
        check::<WIDE>(
            Interner::intern_wide,
            &(0..50_000)
                .map(|i| (pack(format!("customer-{i:07}@example.com").as_bytes()).unwrap(), i % 3))
                .collect::<Vec<_>>(),
            |t| t.wide.len,
        );
    }
}
