//! The exact binary form results are kept in: every number by its bits (so a recalled `f64`
//! is the computed one, `-0.0` and NaN included), every length before its items, and
//! nothing left over. A struct lists its fields once, in [`crate::codec_struct!`]; the
//! macro destructures and rebuilds the struct, so a field added and not listed does not
//! compile, rather than being lost on the way through the cache.
//!
//! Decoding never trusts a length: it reads only bytes that are there, and an entry that
//! ends early, runs on, or holds an unknown tag decodes to `None`.

use std::collections::BTreeMap;

/// A value that can be kept and recalled exactly.
pub trait Codec: Sized {
    fn put(&self, out: &mut Vec<u8>);
    /// Reads one value from the front of `input`, advancing it.
    fn take(input: &mut &[u8]) -> Option<Self>;
}

/// `value` in the codec's form.
pub fn encode<T: Codec>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// The value `bytes` hold, when they hold exactly one.
pub fn decode<T: Codec>(mut bytes: &[u8]) -> Option<T> {
    let value = T::take(&mut bytes)?;
    bytes.is_empty().then_some(value)
}

/// The first `n` bytes of `input`, advancing it.
fn bytes<'a>(input: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = input.split_at_checked(n)?;
    *input = rest;
    Some(head)
}

macro_rules! little_endian {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                Some(<$t>::from_le_bytes(bytes(input, size_of::<$t>())?.try_into().ok()?))
            }
        }
    )*};
}
little_endian!(u8, u32, u64, i32, i64);

impl Codec for usize {
    fn put(&self, out: &mut Vec<u8>) {
        (*self as u64).put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        usize::try_from(u64::take(input)?).ok()
    }
}

impl Codec for f64 {
    fn put(&self, out: &mut Vec<u8>) {
        self.to_bits().put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        Some(f64::from_bits(u64::take(input)?))
    }
}

impl Codec for bool {
    fn put(&self, out: &mut Vec<u8>) {
        u8::from(*self).put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Codec for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = usize::take(input)?;
        String::from_utf8(bytes(input, n)?.to_vec()).ok()
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(None),
            1 => Some(Some(T::take(input)?)),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for v in self {
            v.put(out);
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = usize::take(input)?;
        // Every item takes at least one byte: a length beyond what is left is damage,
        // refused before anything is reserved.
        if n > input.len() && size_of::<T>() > 0 {
            return None;
        }
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::take(input)?);
        }
        Some(items)
    }
}

impl<T: Codec, const N: usize> Codec for [T; N] {
    fn put(&self, out: &mut Vec<u8>) {
        for v in self {
            v.put(out);
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let items: Vec<T> = (0..N).map(|_| T::take(input)).collect::<Option<_>>()?;
        items.try_into().ok()
    }
}

impl<K: Codec + Ord, V: Codec> Codec for BTreeMap<K, V> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for (k, v) in self {
            k.put(out);
            v.put(out);
        }
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        let n = usize::take(input)?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = K::take(input)?;
            map.insert(k, V::take(input)?);
        }
        (map.len() == n).then_some(map)
    }
}

impl Codec for chrono::NaiveDate {
    fn put(&self, out: &mut Vec<u8>) {
        use chrono::Datelike;
        self.num_days_from_ce().put(out);
    }
    fn take(input: &mut &[u8]) -> Option<Self> {
        chrono::NaiveDate::from_num_days_from_ce_opt(i32::take(input)?)
    }
}

macro_rules! tuple {
    ($($name:ident),+) => {
        impl<$($name: Codec),+> Codec for ($($name,)+) {
            #[allow(non_snake_case)]
            fn put(&self, out: &mut Vec<u8>) {
                let ($($name,)+) = self;
                $($name.put(out);)+
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                Some(($($name::take(input)?,)+))
            }
        }
    };
}
tuple!(A, B);
tuple!(A, B, C);

/// Implements [`Codec`] for a struct from the list of all its fields, in any order:
/// `codec_struct!(Point { x, y });`. A field left out of the list does not compile.
#[macro_export]
macro_rules! codec_struct {
    ($type:ident { $($field:ident),+ $(,)? }) => {
        impl $crate::memo::Codec for $type {
            fn put(&self, out: &mut Vec<u8>) {
                let $type { $($field),+ } = self;
                $($crate::memo::Codec::put($field, out);)+
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                $(let $field = $crate::memo::Codec::take(input)?;)+
                Some($type { $($field),+ })
            }
        }
    };
}

/// Implements [`Codec`] for an enum of unit and struct-like variants, each with its tag:
/// `codec_enum!(Shape { 0 => Empty, 1 => Circle { radius } });`. A variant left out does
/// not compile; a tag given twice is an unreachable pattern, which the lints refuse.
#[macro_export]
macro_rules! codec_enum {
    ($type:ident { $($tag:literal => $variant:ident $({ $($field:ident),* $(,)? })?),+ $(,)? }) => {
        impl $crate::memo::Codec for $type {
            fn put(&self, out: &mut Vec<u8>) {
                match self {
                    $($type::$variant $({ $($field),* })? => {
                        $crate::memo::Codec::put(&($tag as u8), out);
                        $($($crate::memo::Codec::put($field, out);)*)?
                    })+
                }
            }
            fn take(input: &mut &[u8]) -> Option<Self> {
                match <u8 as $crate::memo::Codec>::take(input)? {
                    $($tag => {
                        $($(let $field = $crate::memo::Codec::take(input)?;)*)?
                        Some($type::$variant $({ $($field),* })?)
                    })+
                    _ => None,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Sample {
        id: String,
        rate: f64,
        days: Option<Vec<u32>>,
        when: chrono::NaiveDate,
        flags: [bool; 2],
    }
    crate::codec_struct!(Sample { id, rate, days, when, flags });

    fn sample() -> Sample {
        Sample {
            id: "kunde-ø".to_owned(),
            rate: 0.1 + 0.2,
            days: Some(vec![0, 7, u32::MAX]),
            when: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            flags: [true, false],
        }
    }

    #[test]
    fn a_value_comes_back_bit_for_bit() {
        let s = sample();
        assert_eq!(decode::<Sample>(&encode(&s)), Some(sample()));
        for x in [-0.0_f64, f64::NAN, f64::INFINITY, f64::MIN_POSITIVE / 3.0, 1.0 / 3.0] {
            let back: f64 = decode(&encode(&x)).unwrap();
            assert_eq!(back.to_bits(), x.to_bits());
        }
        let map: BTreeMap<u8, (i64, Option<f64>)> = [(1, (-5, None)), (2, (7, Some(2.5)))].into();
        assert_eq!(decode(&encode(&map)), Some(map));
    }

    /// Every shortened, lengthened or altered entry either decodes to something or to
    /// nothing, and never panics or reserves what is not there.
    #[test]
    fn damage_decodes_to_nothing() {
        let bytes = encode(&sample());
        for n in 0..bytes.len() {
            assert_eq!(decode::<Sample>(&bytes[..n]), None, "cut at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode::<Sample>(&longer), None);
        let mut huge = Vec::new();
        u64::MAX.put(&mut huge);
        assert_eq!(decode::<Vec<u64>>(&huge), None);
        assert_eq!(decode::<String>(&huge), None);
        assert_eq!(decode::<bool>(&[2]), None);
        assert_eq!(decode::<Option<u8>>(&[7, 0]), None);
    }
}
