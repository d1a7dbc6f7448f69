//! Two things cargo cannot know by itself:
//!
//! - The Fluent catalogues are read at compile time by `fluent_templates::static_loader!`,
//!   which does not tell cargo about them: without this, editing a catalogue would not
//!   rebuild the binary.
//! - Results kept in a project's `build/.cache` (`src/memo.rs`) must be those of this very
//!   build: `UPLIFT_BUILD_ID` fingerprints the source, the locked dependencies, the
//!   compiler and the target, so any change to them files results anew.

use std::hash::Hasher;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=Cargo.toml");
    let mut hash = Fnv::default();
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    files.push("Cargo.lock".into());
    files.push("Cargo.toml".into());
    for file in &files {
        hash.write(file.to_string_lossy().as_bytes());
        hash.write(&std::fs::read(file).unwrap_or_default());
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc).arg("-vV").output().map(|o| o.stdout).unwrap_or_default();
    hash.write(&version);
    // What else changes the machine code: the target, the profile, flags and CPU features.
    for var in ["TARGET", "PROFILE", "OPT_LEVEL", "CARGO_ENCODED_RUSTFLAGS", "CARGO_CFG_TARGET_FEATURE"] {
        hash.write(std::env::var(var).unwrap_or_default().as_bytes());
    }
    println!("cargo:rustc-env=UPLIFT_BUILD_ID={:016x}", hash.finish());
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// FNV-1a: stable across Rust versions, unlike the standard library's hasher.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        // Each piece ends: "ab" + "c" and "a" + "bc" differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
