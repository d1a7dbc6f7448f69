//! Results of the slow, pure steps — the per-customer summary of the transaction export,
//! each segment's model fits, holdout validation and intervals, the simulations of the
//! levers, and the report's safety check — kept between runs, so that `check`, `metrics`
//! and `build` of an unchanged project do not recompute them.
//!
//! A result is filed under a [`Key`]: the SHA-256 of this build of uplift ([`BUILD`]), the
//! step's name and everything the step reads, so a changed byte or setting names another
//! entry, never a stale one. What the key covers is each step's whole input, written out
//! with `{:?}` (every field of every derived `Debug`, each number exactly: Rust prints the
//! shortest digits that read back as the same `f64`). Results are stored in the exact
//! binary form of [`codec`], so a result recalled is the result computed, bit for bit.
//!
//! This module only names and encodes; where results are kept (and why a received folder's
//! entries are never trusted) is `cmd/cache.rs`. The steps themselves stay pure: they get
//! a [`Memo`] to ask, and compute when it has nothing.

pub mod codec;

use std::fmt::{self, Debug, Write as _};

use sha2::{Digest, Sha256};

pub use codec::Codec;

/// This build of uplift: its version and a fingerprint of the source, dependencies and
/// compiler it was built from (`build.rs`). A rebuilt binary files its results anew.
pub const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("UPLIFT_BUILD_ID"));

/// The SHA-256 naming one result.
pub type Key = [u8; 32];

/// Where results are recalled from and kept; [`Nothing`] recalls nothing.
pub trait Memo: Sync {
    /// Whether anything is kept at all: without, a step need not even work out its key
    /// (which for the data means hashing the whole export once more).
    fn enabled(&self) -> bool {
        true
    }
    /// The bytes kept under `key`, if any (and trustworthy).
    fn recall(&self, key: &Key) -> Option<Vec<u8>>;
    /// Keeps `value` under `key`.
    fn keep(&self, key: &Key, value: Vec<u8>);
    /// What was recalled under `key` did not decode: it was not a result after all.
    fn spoiled(&self, _key: &Key) {}
}

/// A memo that keeps nothing: every result is computed.
pub struct Nothing;

impl Memo for Nothing {
    fn enabled(&self) -> bool {
        false
    }
    fn recall(&self, _: &Key) -> Option<Vec<u8>> {
        None
    }
    fn keep(&self, _: &Key, _: Vec<u8>) {}
}

/// The key of step `step` on `input`: SHA-256 of [`BUILD`], the step and `input`'s `{:?}`.
pub fn key(step: &str, input: &dyn Debug) -> Key {
    key_with(step, input, &[])
}

/// The key of step `step` on `settings` and `bulk`, the [`codec`] form of the step's
/// larger inputs (thousands of customers), which it takes a fraction of the time to write
/// that `{:?}` would.
pub fn key_with(step: &str, settings: &dyn Debug, bulk: &[u8]) -> Key {
    let mut hasher = Hashing(Sha256::new());
    hasher.0.update(BUILD.as_bytes());
    hasher.0.update([0]);
    hasher.0.update(step.as_bytes());
    hasher.0.update([0]);
    // Writing into a hasher cannot fail.
    let _ = write!(hasher, "{settings:?}");
    hasher.0.update([0]);
    hasher.0.update((bulk.len() as u64).to_le_bytes());
    hasher.0.update(bulk);
    hasher.0.finalize().into()
}

/// Formats straight into the hash, without the text in memory.
struct Hashing(Sha256);

impl fmt::Write for Hashing {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// The result kept under the key `key` works out, or `compute`'s, which is then kept. An
/// entry that does not decode completely is recomputed (and replaced). Without a cache,
/// the key is not even worked out.
pub fn memoised<T: Codec>(memo: &dyn Memo, key: impl FnOnce() -> Key, compute: impl FnOnce() -> T) -> T {
    if !memo.enabled() {
        return compute();
    }
    let key = key();
    if let Some(value) = recall(memo, &key) {
        return value;
    }
    let value = compute();
    memo.keep(&key, codec::encode(&value));
    value
}

/// The result kept under `key`, when there is one that decodes completely.
pub fn recall<T: Codec>(memo: &dyn Memo, key: &Key) -> Option<T> {
    let bytes = memo.recall(key)?;
    let value = codec::decode(&bytes);
    if value.is_none() {
        memo.spoiled(key);
    }
    value
}

/// Keeps `value` under `key`.
pub fn keep<T: Codec>(memo: &dyn Memo, key: &Key, value: &T) {
    memo.keep(key, codec::encode(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct InMemory(Mutex<std::collections::HashMap<Key, Vec<u8>>>);

    impl Memo for InMemory {
        fn recall(&self, key: &Key) -> Option<Vec<u8>> {
            self.0.lock().unwrap().get(key).cloned()
        }
        fn keep(&self, key: &Key, value: Vec<u8>) {
            self.0.lock().unwrap().insert(*key, value);
        }
    }

    /// Keys differ with every part of the input, down to the last bit of a number.
    #[test]
    fn a_key_changes_with_any_bit_of_the_input() {
        let base = key("step", &(1.0_f64, "a", vec![1u32, 2]));
        assert_eq!(base, key("step", &(1.0_f64, "a", vec![1u32, 2])));
        assert_ne!(base, key("other", &(1.0_f64, "a", vec![1u32, 2])));
        assert_ne!(base, key("step", &(f64::from_bits(1.0_f64.to_bits() + 1), "a", vec![1u32, 2])));
        assert_ne!(base, key("step", &(1.0_f64, "b", vec![1u32, 2])));
        assert_ne!(base, key("step", &(1.0_f64, "a", vec![1u32, 2, 3])));
        assert_ne!(key("step", &-0.0_f64), key("step", &0.0_f64));
        assert_ne!(key_with("step", &1, &[0]), key_with("step", &1, &[1]));
    }

    /// A kept result is recalled instead of computed; a damaged one is recomputed.
    #[test]
    fn memoised_recalls_what_it_kept_and_recomputes_what_does_not_decode() {
        let memo = InMemory::default();
        let k = key("square", &3u64);
        let runs = std::cell::Cell::new(0);
        let square = || {
            runs.set(runs.get() + 1);
            (9u64, Some(0.1_f64))
        };
        assert_eq!(memoised(&memo, || k, square), (9, Some(0.1)));
        assert_eq!(memoised(&memo, || k, square), (9, Some(0.1)));
        assert_eq!(runs.get(), 1);
        memo.0.lock().unwrap().get_mut(&k).unwrap().pop();
        assert_eq!(memoised(&memo, || k, square), (9, Some(0.1)));
        assert_eq!(runs.get(), 2);
        let never = || -> Key { panic!("no key is worked out without a cache") };
        assert_eq!(memoised(&Nothing, never, square), (9, Some(0.1)));
        assert_eq!(runs.get(), 3);
    }
}
