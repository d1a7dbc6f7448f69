//! `build/.cache`: the results of the slow steps of a project (`crate::memo`), kept between
//! runs so that an unchanged project is checked and built in milliseconds.
//!
//! A project folder is untrusted input, and so is its `build/.cache`: a colleague or a pull
//! request could bring entries with figures of their own choosing under the names the
//! real inputs give. So every entry is signed with HMAC-SHA256 under a key that never
//! leaves this user account (`$XDG_CACHE_HOME/uplift/cache-key`, else
//! `~/.cache/uplift/cache-key`, made on first use from the operating system's random
//! source). An entry that is not a regular file, too large, unsigned, signed with another
//! key, or does not decode completely is ignored, recomputed and replaced — never trusted.
//! Without a home for the key, nothing is kept.
//!
//! Entries are written only when the command succeeds (so "nothing was written" stays
//! true of a failed run), each atomically, never over a link or a file that is not an
//! entry, and at most [`MAX_ENTRIES`] are kept: the least recently used go first.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use sha2::{Digest, Sha256};

use crate::memo::{Key, Memo, hex};

/// Where the entries are, inside the project folder.
pub const FOLDER: &str = "build/.cache";

/// The first bytes of every entry, before its signature.
const MAGIC: &[u8] = b"uplift cache 1\n";

/// The most entries kept: a project with data keeps one for the data and one per segment.
pub const MAX_ENTRIES: usize = 256;

/// The largest entry read: the data of the largest transaction log read is smaller.
const MAX_ENTRY_BYTES: u64 = 2 << 30;

/// A project's `build/.cache`, or no cache at all.
pub struct Store {
    /// `None`: nothing is recalled or kept (`--no-cache`, a linked build folder, no key).
    place: Option<(PathBuf, [u8; 32])>,
    pending: Mutex<Vec<(Key, Vec<u8>)>>,
    reused: AtomicU32,
    refused: AtomicU32,
}

impl Store {
    /// The cache of project folder `dir`; a store that keeps nothing when `enabled` is
    /// false, when the build folder or the cache folder is a link or not a folder, or when
    /// there is no signing key.
    pub fn open(dir: &Path, enabled: bool) -> Self {
        let place = enabled.then(|| usable(dir)).flatten().and_then(|folder| Some((folder, signing_key()?)));
        Self { place, pending: Mutex::new(Vec::new()), reused: AtomicU32::new(0), refused: AtomicU32::new(0) }
    }

    /// A store that keeps nothing.
    pub fn none() -> Self {
        Self::open(Path::new(""), false)
    }

    /// Writes the entries computed in this run; one that cannot be written is left out
    /// (it costs time at the next run, nothing else).
    pub fn save(&self) {
        let Some((folder, secret)) = &self.place else { return };
        let pending =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if pending.is_empty() || fs::create_dir_all(folder).is_err() || usable_folder(folder).is_none() {
            return;
        }
        for (key, payload) in &pending {
            let _ = write_entry(folder, secret, key, payload);
        }
        prune(folder, MAX_ENTRIES);
    }

    /// "2 results reused, 1 computed, 1 refused and recomputed", for `check`; `None`
    /// without a cache.
    pub fn summary(&self) -> Option<String> {
        self.place.as_ref()?;
        let computed = self.pending.lock().map_or(0, |p| p.len());
        let reused = self.reused.load(Ordering::Relaxed);
        let refused = self.refused.load(Ordering::Relaxed);
        let ignored = if refused > 0 {
            format!(
                "; {refused} untrusted {} ignored",
                crate::diagnostic::plural(refused as usize, "entry", "entries")
            )
        } else {
            String::new()
        };
        Some(format!(
            "cache: {reused} {} reused, {computed} computed{ignored} ({FOLDER}; --no-cache computes all)",
            crate::diagnostic::plural(reused as usize, "result", "results")
        ))
    }
}

impl Memo for Store {
    fn enabled(&self) -> bool {
        self.place.is_some()
    }

    fn recall(&self, key: &Key) -> Option<Vec<u8>> {
        let (folder, secret) = self.place.as_ref()?;
        let path = folder.join(hex(key));
        let meta = fs::symlink_metadata(&path).ok()?;
        let payload = (meta.is_file() && meta.len() <= MAX_ENTRY_BYTES)
            .then(|| read_entry(&path, secret, key))
            .flatten();
        match &payload {
            Some(_) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                // Recently used: pruned last.
                let _ = fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(now()));
            }
            None => {
                self.refused.fetch_add(1, Ordering::Relaxed);
            }
        }
        payload
    }

    fn keep(&self, key: &Key, value: Vec<u8>) {
        if self.place.is_some()
            && let Ok(mut pending) = self.pending.lock()
        {
            pending.push((*key, value));
        }
    }
}

fn now() -> std::time::SystemTime {
    std::time::SystemTime::now()
}

/// `dir/build/.cache`, when neither it nor `build` is a link or something other than a
/// folder (either may not exist yet).
fn usable(dir: &Path) -> Option<PathBuf> {
    let build = dir.join("build");
    usable_folder(&build)?;
    let folder = dir.join(FOLDER);
    usable_folder(&folder)?;
    Some(folder)
}

/// `Some` when `path` is a real folder or nothing.
fn usable_folder(path: &Path) -> Option<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => meta.is_dir().then_some(()),
        Err(e) => (e.kind() == std::io::ErrorKind::NotFound).then_some(()),
    }
}

/// The payload of the entry at `path`, when it is signed under `secret` for `key`.
fn read_entry(path: &Path, secret: &[u8; 32], key: &Key) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path).ok()?.take(MAX_ENTRY_BYTES).read_to_end(&mut bytes).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let (signature, payload) = rest.split_at_checked(32)?;
    let expected = sign(secret, key, payload);
    // Every byte compared, so the time taken says nothing of where they differ.
    let differ = signature.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    (differ == 0).then(|| payload.to_vec())
}

/// Writes one entry atomically; never over a link or a file that is not an entry.
fn write_entry(folder: &Path, secret: &[u8; 32], key: &Key, payload: &[u8]) -> std::io::Result<()> {
    let path = folder.join(hex(key));
    if let Ok(meta) = fs::symlink_metadata(&path) {
        let is_entry = meta.is_file()
            && fs::File::open(&path)
                .and_then(|f| {
                    let mut head = Vec::new();
                    f.take(MAGIC.len() as u64).read_to_end(&mut head)?;
                    Ok(head == MAGIC)
                })
                .unwrap_or(false);
        if !is_entry {
            return Ok(());
        }
    }
    let mut file = tempfile::Builder::new().prefix(".entry-").tempfile_in(folder)?;
    file.write_all(MAGIC)?;
    file.write_all(&sign(secret, key, payload))?;
    file.write_all(payload)?;
    file.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// HMAC-SHA256 (RFC 2104) of `key ‖ payload` under `secret`.
fn sign(secret: &[u8; 32], key: &Key, payload: &[u8]) -> [u8; 32] {
    hmac(secret, &[key, payload])
}

fn hmac(secret: &[u8], message: &[&[u8]]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if secret.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(secret));
    } else {
        block[..secret.len()].copy_from_slice(secret);
    }
    let mut inner = Sha256::new().chain_update(block.map(|b| b ^ 0x36));
    for part in message {
        inner.update(part);
    }
    Sha256::new().chain_update(block.map(|b| b ^ 0x5c)).chain_update(inner.finalize()).finalize().into()
}

/// Removes the least recently used entries beyond `keep`.
fn prune(folder: &Path, keep: usize) {
    let Ok(listing) = fs::read_dir(folder) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = listing
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .filter_map(|e| {
            let meta = e.path().symlink_metadata().ok().filter(fs::Metadata::is_file)?;
            Some((meta.modified().ok()?, e.path()))
        })
        .collect();
    if entries.len() <= keep {
        return;
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - keep] {
        let _ = fs::remove_file(path);
    }
}

/// This user's signing key, made on first use; `None` without a place for it.
fn signing_key() -> Option<[u8; 32]> {
    let home = |var: &str| std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute());
    let base = home("XDG_CACHE_HOME").or_else(|| home("HOME").map(|h| h.join(".cache")))?;
    let path = base.join("uplift").join("cache-key");
    if let Some(key) = read_key(&path) {
        return Some(key);
    }
    fs::create_dir_all(path.parent()?).ok()?;
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).ok()?;
    let mut options = fs::File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(&path) {
        Ok(mut file) => {
            file.write_all(&key).ok()?;
            Some(key)
        }
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
        let hex = |b: [u8; 32]| crate::memo::hex(&b);
        assert_eq!(
            hex(hmac(&[0x0b; 20], &[b"Hi There"])),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hex(hmac(b"Jefe", &[b"what do ya want ", b"for nothing?"])),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// An entry is read back only under the key and secret it was signed with, and not
    /// once a byte of it changes.
    #[test]
    fn an_entry_is_trusted_only_as_signed() {
        let dir = tempfile::tempdir().unwrap();
        let (secret, key) = ([7u8; 32], [1u8; 32]);
        write_entry(dir.path(), &secret, &key, b"payload").unwrap();
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
        write_entry(dir.path(), &secret, &other, b"payload").unwrap();
        assert_eq!(fs::read(dir.path().join(hex(&other))).unwrap(), b"not an entry");
    }

    #[test]
    fn pruning_keeps_the_most_recently_used() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for i in 0..5u8 {
            let path = dir.path().join(hex(&[i; 32]));
            fs::write(&path, b"x").unwrap();
            let file = fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(base + std::time::Duration::from_secs(u64::from(i))).unwrap();
        }
        fs::write(dir.path().join("README"), b"kept").unwrap();
        prune(dir.path(), 2);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        left.sort();
        assert_eq!(left, vec![hex(&[3; 32]), hex(&[4; 32]), "README".to_owned()]);
    }
}
