//! `build/.cache`: the results of the slow steps of a project (`crate::memo`: the data as
//! read, each segment's model fits, validation and intervals, the simulations, and the
//! report as its safety check wrote it), kept between runs so that an unchanged project
//! does not compute them again.
//!
//! A project folder is untrusted input, and so is its `build/.cache`: a colleague or a pull
//! request could bring entries with figures of their own choosing under the names the
//! real inputs give. So every entry is signed with HMAC-SHA256 under a key that never
//! leaves this user account (`$XDG_CACHE_HOME/uplift/cache-key`, else
//! `~/.cache/uplift/cache-key`, made on first use from the operating system's random
//! source). An entry that is not a regular file, larger than [`MAX_ENTRY_BYTES`], unsigned,
//! signed with another key or for another name, or that does not decode completely is
//! ignored, recomputed and replaced — never trusted. Its signature is checked reading the
//! file in pieces, before any of it is kept in memory. Without a home for the key, nothing
//! is kept.
//!
//! Entries are written only when the command succeeds (so "nothing was written" stays
//! true of a failed run), each atomically ([`crate::output::write_atomically`]), never
//! over a link or a file that is not an entry, and at most [`MAX_ENTRIES`] are kept: the
//! least recently used go first, and only files that are entries are removed.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::memo::{Key, Memo};
// Entries are named by their key in lower-case hex, as the sources are fingerprinted.
use crate::project::source::hex;

/// Where the entries are, inside the project folder.
pub const FOLDER: &str = "build/.cache";

/// The first bytes of every entry, before its signature.
const MAGIC: &[u8] = b"uplift cache 1\n";

/// The most entries kept: a project with data keeps one for the data, one per segment, one
/// per simulation (the base case's and each programme option's) and one per report built.
pub const MAX_ENTRIES: usize = 256;

/// The largest entry written or read. The data of a log of a million customers takes
/// about 85 MB; a larger result is computed on every run rather than kept.
pub const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// A project's `build/.cache`, or no cache at all.
pub struct Store {
    /// The project folder and the signing key; `None`: nothing is recalled or kept
    /// (`--no-cache`, no project folder, a linked build folder, no signing key).
    place: Option<(PathBuf, [u8; 32])>,
    /// Why a cache that was asked for is not used, for `check` to say.
    off: Option<&'static str>,
    state: Mutex<State>,
}

/// What one run did with the cache.
#[derive(Default)]
struct State {
    /// Computed in this run, to be written when the command succeeds.
    pending: Vec<(Key, Vec<u8>)>,
    /// Recalled: touched when the command succeeds, so pruning removes them last.
    reused: HashSet<Key>,
    /// Entries found but not trusted.
    refused: u32,
}

impl Store {
    /// The cache of project folder `dir`; a store that keeps nothing when `enabled` is
    /// false, when `dir` is not a folder, when the build folder or the cache folder is a
    /// link or not a folder, or when there is no signing key.
    pub fn open(dir: &Path, enabled: bool) -> Self {
        let (place, off) = if !enabled || !dir.is_dir() {
            (None, None)
        } else if usable(dir).is_none() {
            (None, Some("build or build/.cache is a symbolic link or not a folder"))
        } else {
            match signing_key() {
                Some(key) => (Some((dir.to_path_buf(), key)), None),
                None => {
                    (None, Some("no signing key could be read or made under $XDG_CACHE_HOME or ~/.cache"))
                }
            }
        };
        Self { place, off, state: Mutex::new(State::default()) }
    }

    /// A store that keeps nothing.
    pub fn none() -> Self {
        Self { place: None, off: None, state: Mutex::new(State::default()) }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes the entries computed in this run and marks those recalled as recently used;
    /// an entry that cannot be written is left out (it costs time at the next run, nothing
    /// else).
    pub fn save(&self) {
        let Some((dir, secret)) = &self.place else { return };
        let folder = &dir.join(FOLDER);
        let (pending, reused) = {
            let mut state = self.state();
            (std::mem::take(&mut state.pending), std::mem::take(&mut state.reused))
        };
        // Checked again: the folders must still be real ones, not links made meanwhile.
        if usable(dir).is_none() {
            return;
        }
        for key in &reused {
            let _ = fs::File::options()
                .append(true)
                .open(folder.join(hex(key)))
                .and_then(|f| f.set_modified(std::time::SystemTime::now()));
        }
        if pending.is_empty() || fs::create_dir_all(folder).is_err() {
            return;
        }
        for (key, payload) in &pending {
            write_entry(folder, secret, key, payload);
        }
        prune(folder, MAX_ENTRIES);
    }

    /// "cache: 2 results reused, 1 computed; 1 untrusted entry ignored (…)", or why the
    /// cache is off, for `check`; `None` with `--no-cache`.
    pub fn summary(&self) -> Option<String> {
        if let Some(why) = self.off {
            return Some(format!("cache: off, every result computed: {why}"));
        }
        self.place.as_ref()?;
        let state = self.state();
        let (reused, computed, refused) = (state.reused.len(), state.pending.len(), state.refused as usize);
        let ignored = if refused > 0 {
            format!(
                "; {refused} untrusted {} ignored",
                crate::diagnostic::plural(refused, "entry", "entries")
            )
        } else {
            String::new()
        };
        Some(format!(
            "cache: {reused} {} reused, {computed} computed{ignored} ({FOLDER}; --no-cache computes all)",
            crate::diagnostic::plural(reused, "result", "results")
        ))
    }
}

impl Memo for Store {
    fn enabled(&self) -> bool {
        self.place.is_some()
    }

    fn recall(&self, key: &Key) -> Option<Vec<u8>> {
        let (dir, secret) = self.place.as_ref()?;
        // Computed earlier in this run (a programme option that changes nothing the
        // simulation reads): the same result.
        if let Some((_, value)) = self.state().pending.iter().find(|(k, _)| k == key) {
            return Some(value.clone());
        }
        let path = dir.join(FOLDER).join(hex(key));
        let meta = fs::symlink_metadata(&path).ok()?;
        let payload = (meta.is_file() && meta.len() <= MAX_ENTRY_BYTES)
            .then(|| read_entry(&path, secret, key))
            .flatten();
        let mut state = self.state();
        match &payload {
            Some(_) => {
                state.reused.insert(*key);
            }
            None => state.refused += 1,
        }
        payload
    }

    fn keep(&self, key: &Key, value: Vec<u8>) {
        let mut state = self.state();
        if self.place.is_some() && !state.pending.iter().any(|(k, _)| k == key) {
            state.pending.push((*key, value));
        }
    }

    fn spoiled(&self, key: &Key) {
        let mut state = self.state();
        if state.reused.remove(key) {
            state.refused += 1;
        }
    }
}

/// `Some` when neither `dir/build` nor `dir/build/.cache` is a link or something other
/// than a folder (either may not exist yet).
fn usable(dir: &Path) -> Option<()> {
    usable_folder(&dir.join("build"))?;
    usable_folder(&dir.join(FOLDER))
}

/// `Some` when `path` is a real folder or nothing.
fn usable_folder(path: &Path) -> Option<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => meta.is_dir().then_some(()),
        Err(e) => (e.kind() == std::io::ErrorKind::NotFound).then_some(()),
    }
}

/// The payload of the entry at `path`, when it is signed under `secret` for `key`. The
/// signature is checked on a first pass in pieces, so a large file that is not an entry
/// costs reading, not memory; only then is the payload read.
fn read_entry(path: &Path, secret: &[u8; 32], key: &Key) -> Option<Vec<u8>> {
    let mut file = fs::File::open(path).ok()?;
    let len = file.metadata().ok().filter(fs::Metadata::is_file)?.len();
    if len > MAX_ENTRY_BYTES {
        return None;
    }
    let mut head = vec![0u8; MAGIC.len() + 32];
    file.read_exact(&mut head).ok()?;
    let (magic, signature) = head.split_at(MAGIC.len());
    if magic != MAGIC {
        return None;
    }
    let mut mac = Hmac::new(secret);
    mac.update(key);
    let mut piece = vec![0u8; 1 << 16];
    let mut read = 0u64;
    loop {
        match file.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => {
                mac.update(&piece[..n]);
                read += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
        if read > MAX_ENTRY_BYTES {
            return None;
        }
    }
    // Every byte compared, so the time taken says nothing of where they differ.
    let differ = signature.iter().zip(mac.finish()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    if differ != 0 {
        return None;
    }
    // Read again, and checked again: the file may have changed in between.
    let mut bytes = Vec::with_capacity(usize::try_from(read).ok()?);
    let mut file = fs::File::open(path).ok()?;
    file.read_exact(&mut head).ok()?;
    file.take(read + 1).read_to_end(&mut bytes).ok()?;
    (head[..MAGIC.len()] == *MAGIC && head[MAGIC.len()..] == sign(secret, key, &bytes)).then_some(bytes)
}

/// Whether the file at `path` is an entry (it starts with [`MAGIC`]).
fn is_entry(path: &Path) -> bool {
    let mut head = vec![0u8; MAGIC.len()];
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && head == MAGIC
}

/// Writes one entry, unless it is too large or a file there is not an entry.
fn write_entry(folder: &Path, secret: &[u8; 32], key: &Key, payload: &[u8]) {
    let path = folder.join(hex(key));
    if payload.len() as u64 > MAX_ENTRY_BYTES || (fs::symlink_metadata(&path).is_ok() && !is_entry(&path)) {
        return;
    }
    let mut entry = Vec::with_capacity(MAGIC.len() + 32 + payload.len());
    entry.extend_from_slice(MAGIC);
    entry.extend_from_slice(&sign(secret, key, payload));
    entry.extend_from_slice(payload);
    let _ = crate::output::write_atomically(&path, &entry);
}

/// HMAC-SHA256 (RFC 2104) of `key ‖ payload` under `secret`.
fn sign(secret: &[u8; 32], key: &Key, payload: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::new(secret);
    mac.update(key);
    mac.update(payload);
    mac.finish()
}

/// HMAC-SHA256 (RFC 2104), fed in pieces. Twelve lines over the `sha2` the project
/// already uses, rather than one more dependency; checked against RFC 4231's vectors.
struct Hmac {
    inner: Sha256,
    outer: Sha256,
}

impl Hmac {
    fn new(secret: &[u8]) -> Self {
        let mut block = [0u8; 64];
        if secret.len() > 64 {
            block[..32].copy_from_slice(&Sha256::digest(secret));
        } else {
            block[..secret.len()].copy_from_slice(secret);
        }
        Self {
            inner: Sha256::new().chain_update(block.map(|b| b ^ 0x36)),
            outer: Sha256::new().chain_update(block.map(|b| b ^ 0x5c)),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        self.inner.update(bytes);
    }

    fn finish(self) -> [u8; 32] {
        self.outer.chain_update(self.inner.finalize()).finalize().into()
    }
}

/// Removes the least recently used entries beyond `keep`; files that are not entries (by
/// name: 64 lower-case hex digits; and by content: [`MAGIC`] first) are left alone.
fn prune(folder: &Path, keep: usize) {
    let Ok(listing) = fs::read_dir(folder) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
        .filter(|e| is_entry(&e.path()))
        .filter_map(|e| Some((e.path().symlink_metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if entries.len() <= keep {
        return;
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - keep] {
        let _ = fs::remove_file(path);
    }
}

/// This user's signing key, made on first use (atomically: a run that starts meanwhile
/// reads the whole key or none); `None` without a place for it.
fn signing_key() -> Option<[u8; 32]> {
    let home = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
    let base = home("XDG_CACHE_HOME").or_else(|| home("HOME").map(|h| h.join(".cache")))?;
    let path = base.join("uplift").join("cache-key");
    if let Some(key) = read_key(&path) {
        return Some(key);
    }
    let folder = path.parent()?;
    fs::create_dir_all(folder).ok()?;
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).ok()?;
    // A temporary file is made readable by its owner alone.
    let (_pending, mut temp) = crate::interrupt::create(
        || tempfile::Builder::new().prefix(".cache-key.").tempfile_in(folder),
        tempfile::NamedTempFile::path,
    )
    .ok()?;
    std::io::Write::write_all(&mut temp, &key).and_then(|()| temp.as_file().sync_all()).ok()?;
    match temp.persist_noclobber(&path) {
        Ok(_) => Some(key),
        // Another run made it first.
        Err(_) => read_key(&path),
    }
}

fn read_key(path: &Path) -> Option<[u8; 32]> {
    let mut bytes = Vec::new();
    fs::File::open(path).ok()?.take(33).read_to_end(&mut bytes).ok()?;
    bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231, test cases 1 and 2.
    #[test]
    fn hmac_matches_the_published_test_vectors() {
        let hmac = |secret: &[u8], pieces: &[&[u8]]| {
            let mut mac = Hmac::new(secret);
            for piece in pieces {
                mac.update(piece);
            }
            hex(&mac.finish())
        };
        assert_eq!(
            hmac(&[0x0b; 20], &[b"Hi There"]),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hmac(b"Jefe", &[b"what do ya want ", b"for nothing?"]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// An entry is read back only under the key and secret it was signed with, and not
    /// once a byte of it changes.
    #[test]
    fn an_entry_is_trusted_only_as_signed() {
        let dir = tempfile::tempdir().unwrap();
        let (secret, key) = ([7u8; 32], [1u8; 32]);
        write_entry(dir.path(), &secret, &key, b"payload");
        let path = dir.path().join(hex(&key));
        assert_eq!(read_entry(&path, &secret, &key).as_deref(), Some(&b"payload"[..]));
        assert_eq!(read_entry(&path, &[8u8; 32], &key), None, "another user's key");
        assert_eq!(read_entry(&path, &secret, &[2u8; 32]), None, "filed under another name");
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(read_entry(&path, &secret, &key), None, "one bit changed");
        // A file there that is not an entry is left alone.
        let other = [3u8; 32];
        fs::write(dir.path().join(hex(&other)), b"not an entry").unwrap();
        write_entry(dir.path(), &secret, &other, b"payload");
        assert_eq!(fs::read(dir.path().join(hex(&other))).unwrap(), b"not an entry");
    }

    #[test]
    fn pruning_keeps_the_most_recently_used() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for i in 0..5u8 {
            let path = dir.path().join(hex(&[i; 32]));
            fs::write(&path, MAGIC).unwrap();
            let file = fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(base + std::time::Duration::from_secs(u64::from(i))).unwrap();
        }
        // Not entries: another name, and an entry's name on a file that is not one (an
        // input a project could name there).
        fs::write(dir.path().join("README"), b"kept").unwrap();
        let input = hex(&[9; 32]);
        fs::write(dir.path().join(&input), b"customer,segment").unwrap();
        prune(dir.path(), 2);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        left.sort();
        assert_eq!(left, vec![hex(&[3; 32]), hex(&[4; 32]), input, "README".to_owned()]);
    }
}
