//! One numbering of a log's customers in id order, from the workers' sorted lists of the
//! ids they met: merged range by range on all cores, with each worker's numbers mapped to
//! the merged ones and the customers whose rows name two segments noted.

use rustc_hash::FxHashSet;

use super::NO_SEGMENT;
use super::ids::{self, Key, KeyBuffer, Listed, WIDE};
use super::worker::Part;
#[cfg(test)]
use super::{Loc, rows::PlainRow};

/// The customers of all workers, numbered in id order.
pub struct Numbering {
    /// The ids one after the other, each ending at its entry of `id_ends`.
    pub ids: String,
    pub id_ends: Vec<u32>,
    pub segments: Vec<u32>,
    /// Per worker: its customer numbers → these.
    pub remap: Vec<Vec<u32>>,
    /// Customers whose rows name more than one segment.
    pub conflicted: FxHashSet<u32>,
}

impl Numbering {
    /// Merges the workers' sorted id lists on up to `threads` threads: the ids are cut into
    /// ranges at the quantiles of the longest list, each range of every list is merged on a
    /// thread of its own, and then each worker's numbers are mapped to these on a thread of
    /// its own. On one thread, the merge of a 10 M-row log's two lists of a million ids
    /// each took a twentieth of a second while the other core waited.
    pub fn new<E>(parts: &mut [Part<E>], threads: usize) -> Self {
        let lists: Vec<Vec<Listed>> = parts.iter_mut().map(|p| std::mem::take(&mut p.ids)).collect();
        let bounds = range_bounds(&lists, threads);
        let mut merged: Vec<Merged> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..bounds[0].len() - 1)
                .map(|r| {
                    let lists: Vec<&[Listed]> =
                        lists.iter().zip(&bounds).map(|(list, b)| &list[b[r]..b[r + 1]]).collect();
                    scope.spawn(move || merge_range(&lists))
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a merging thread panicked")).collect()
        });
        let customers = merged.iter().map(|m| m.segments.len()).sum();
        let mut ids = String::with_capacity(merged.iter().map(|m| m.ids.len()).sum());
        let (mut id_ends, mut segments) = (Vec::with_capacity(customers), Vec::with_capacity(customers));
        let mut conflicted = FxHashSet::default();
        // The number of each range's first customer.
        let mut first_numbers = Vec::with_capacity(merged.len());
        for m in &mut merged {
            // Fits: a log read whole is at most 1 GiB, as is a part of a larger one; its ids
            // decoded from Windows-1252 at most 3 GiB.
            let text_start = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            let first = u32::try_from(id_ends.len()).unwrap_or(u32::MAX);
            first_numbers.push(first);
            // Taken, not copied: the ranges' texts are not held beside the joined one.
            ids.push_str(&std::mem::take(&mut m.ids));
            id_ends.extend(std::mem::take(&mut m.id_ends).into_iter().map(|end| text_start + end));
            segments.append(&mut m.segments);
            conflicted.extend(m.conflicted.iter().map(|n| first + n));
        }
        let remap = remap_lists(&lists, &bounds, parts, (&merged, &first_numbers));
        for (part, map) in parts.iter().zip(&remap) {
            conflicted.extend(part.others.iter().map(|&(local, _, _)| map[local as usize]));
        }
        Self { ids, id_ends, segments, remap, conflicted }
    }

    /// The id of customer `number`.
    pub fn id(&self, number: u32) -> &str {
        let end = self.id_ends[number as usize] as usize;
        let start = number.checked_sub(1).map_or(0, |n| self.id_ends[n as usize] as usize);
        &self.ids[start..end]
    }
}

/// Where each of `lists` is cut into ranges of ids, up to `threads` of them, at the
/// quantiles of the longest list: a range ends before the first id not below its cut, so
/// that an id falls in the same range in every list. Each list's bounds start with 0 and
/// end with its length.
fn range_bounds(lists: &[Vec<Listed>], threads: usize) -> Vec<Vec<usize>> {
    let longest = lists.iter().map(Vec::as_slice).max_by_key(|l| l.len()).unwrap_or_default();
    let ranges = threads.clamp(1, longest.len().max(1));
    let cuts: Vec<&Key> = (1..ranges).map(|r| &longest[longest.len() * r / ranges].key).collect();
    lists
        .iter()
        .map(|list| {
            let inner = cuts.iter().map(|&cut| list.partition_point(|l| l.key < *cut));
            std::iter::once(0).chain(inner).chain([list.len()]).collect()
        })
        .collect()
}

/// Each worker's numbers → the merged ones, a thread per worker: range by range, each
/// entry of its list gets its range's first number plus its number within the range.
fn remap_lists<E>(
    lists: &[Vec<Listed>],
    bounds: &[Vec<usize>],
    parts: &[Part<E>],
    (merged, first_numbers): (&[Merged], &[u32]),
) -> Vec<Vec<u32>> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = lists
            .iter()
            .zip(bounds)
            .zip(parts)
            .enumerate()
            .map(|(w, ((list, bounds), part))| {
                let len = part.firsts.len();
                scope.spawn(move || {
                    let mut map = vec![0; len];
                    for (r, m) in merged.iter().enumerate() {
                        for (listed, &n) in list[bounds[r]..bounds[r + 1]].iter().zip(&m.numbers[w]) {
                            map[listed.number as usize] = first_numbers[r] + n;
                        }
                    }
                    map
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a numbering thread panicked")).collect()
    })
}

/// One range of ids merged from every worker's list, numbered from 0: their text, where
/// each ends in it, their segments, the number each list's entries get, and the customers
/// whose rows name two segments.
struct Merged {
    ids: String,
    id_ends: Vec<u32>,
    segments: Vec<u32>,
    /// Per list, in its order.
    numbers: Vec<Vec<u32>>,
    conflicted: Vec<u32>,
}

/// Merges the sorted `lists` into one numbering, taking the smallest id each time.
fn merge_range(lists: &[&[Listed]]) -> Merged {
    let most = lists.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut m = Merged {
        ids: String::new(),
        id_ends: Vec::with_capacity(most),
        segments: Vec::with_capacity(most),
        numbers: lists.iter().map(|l| Vec::with_capacity(l.len())).collect(),
        conflicted: Vec::new(),
    };
    let mut at = vec![0; lists.len()];
    let mut buffer: KeyBuffer = [0; 8 * WIDE];
    loop {
        let heads = lists.iter().zip(&at).map(|(list, &i)| list.get(i).map(|l| &l.key));
        let Some((_, key)) = ids::smallest(heads) else { return m };
        let number = u32::try_from(m.id_ends.len()).unwrap_or(u32::MAX);
        m.ids.push_str(&String::from_utf8_lossy(key.bytes(&mut buffer)));
        m.id_ends.push(u32::try_from(m.ids.len()).unwrap_or(u32::MAX));
        let mut segment = None;
        for (w, list) in lists.iter().enumerate() {
            let Some(listed) = list.get(at[w]).filter(|l| l.key == *key) else { continue };
            at[w] += 1;
            m.numbers[w].push(number);
            if segment.is_some_and(|s| s != listed.segment) {
                m.conflicted.push(number);
            }
            segment = Some(listed.segment);
        }
        m.segments.push(segment.unwrap_or(NO_SEGMENT));
    }
}

/// A worker's part that met `ids` (id, segment of its first row, where that row is), with
/// `others` (number, segment, place) and blocks of ten lines.
#[cfg(test)]
pub(super) fn listing_part(
    block: u32,
    ids: &[(&str, u32, Loc)],
    others: &[(u32, u32, Loc)],
) -> Part<PlainRow> {
    let mut keys: Vec<Listed> = ids
        .iter()
        .zip(0..)
        .map(|((id, segment, _), number)| Listed { key: Key::of(id.as_bytes()), number, segment: *segment })
        .collect();
    keys.sort_by(|a, b| a.key.cmp(&b.key));
    Part {
        ids: keys,
        firsts: ids.iter().map(|(_, segment, at)| (*segment, *at)).collect(),
        others: others.to_vec(),
        lines: vec![(block, 10)],
        ..Part::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::uuid;

    #[test]
    fn ids_of_every_width_are_numbered_alike_on_any_number_of_threads() {
        // 600 ids of 4 to 60 bytes (packed in two words, as a UUID, in six, or kept as bytes),
        // each met by some of four workers, each worker numbering them in an order of its own.
        let ids: Vec<String> = (0..600_u32)
            .map(|i| match i % 5 {
                0 => format!("{i:03}{i:05x}-6dab-4cba-9196-{:012x}", i + 1),
                _ => format!("{i:03}-{}", "x".repeat(usize::try_from(i * 7 % 57).unwrap())),
            })
            .collect();
        let mets: Vec<Vec<(&str, u32, Loc)>> = (0..4_u32)
            .map(|w| {
                let met = ids
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (u32::try_from(*i).unwrap() * 31 + w * 17) % 7 < 3);
                met.map(|(i, id)| (id.as_str(), 0, (w, u32::try_from(i).unwrap()))).rev().collect()
            })
            .collect();
        let build = || -> Vec<Part<PlainRow>> {
            (0..4).zip(&mets).map(|(w, met)| listing_part(w, met, &[])).collect()
        };
        let mut parts = build();
        let one = Numbering::new(&mut parts, 1);
        let numbered: Vec<&str> = (0..one.id_ends.len()).map(|n| one.id(u32::try_from(n).unwrap())).collect();
        let met: std::collections::BTreeSet<&str> = numbered.iter().copied().collect();
        assert_eq!(met.len(), numbered.len(), "each id once");
        assert!(numbered.windows(2).all(|w| w[0] < w[1]), "in byte order");
        assert!(
            numbered.len() > 400
                && numbered.iter().any(|id| id.len() > 47)
                && numbered.iter().any(|id| (16..48).contains(&id.len()))
                && numbered.iter().filter(|id| uuid::pack(id.as_bytes()).is_some()).count() == 120
        );
        // Each worker's number for an id maps to that id's number.
        for (map, met) in one.remap.iter().zip(&mets) {
            assert!(met.iter().zip(map).all(|((id, _, _), &n)| one.id(n) == *id));
        }
        for threads in 2..=8 {
            let mut parts = build();
            let many = Numbering::new(&mut parts, threads);
            assert_eq!((&many.ids, &many.id_ends, &many.segments), (&one.ids, &one.id_ends, &one.segments));
            assert_eq!(many.remap, one.remap, "on {threads} threads");
        }
    }
}
