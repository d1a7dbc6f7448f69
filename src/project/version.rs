//! Which commit a project's inputs come from, so every printed report can be traced.
//!
//! Reads the repository with the `git` program, through [`super::git`], which runs
//! nothing the repository configures. `git status` is not used: it can run the
//! repository's fsmonitor program, hooks and clean filters. Instead every input the
//! project was loaded from is compared with the commit's tree: one new to the tree or of
//! another size than its blob differs outright; otherwise each is hashed with
//! `hash-object --no-filters` and compared with its blob. That also makes "uncommitted
//! changes" mean what the reader cares about: an input of this report differs from the
//! commit. Outside a work tree, without `git`, or in a repository owned by someone else,
//! nothing is stamped and nothing fails.

use std::collections::BTreeMap;
use std::path::Path;

use super::git;
use crate::model::Version;

/// The version of the project in `dir`, whose inputs are `inputs` (relative, `/`
/// separated), when it is inside a git work tree with a commit.
pub fn version(dir: &Path, inputs: &[&str]) -> Option<Version> {
    git::own_repository(dir).ok()?;
    let head = git::run(dir, &["log", "-1", "--no-show-signature", "--format=%h %cs", "HEAD", "--"]).ok()?;
    let head = String::from_utf8_lossy(&head);
    let (commit, date) = head.trim().split_once(' ')?;
    let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let committed: BTreeMap<String, (String, Option<u64>)> = git::tree(dir, "HEAD")
        .ok()?
        .into_iter()
        .filter(git::TreeEntry::is_regular_file)
        .map(|e| (e.path, (e.oid, e.size)))
        .collect();
    let changed_input = differs_without_hashing(dir, inputs, &committed) || {
        let mut arguments = vec!["hash-object", "--no-filters", "--"];
        arguments.extend_from_slice(inputs);
        let hashes = git::run(dir, &arguments).ok()?;
        let hashes = String::from_utf8_lossy(&hashes);
        hashes.lines().count() != inputs.len()
            || inputs
                .iter()
                .zip(hashes.lines())
                .any(|(path, oid)| committed.get(*path).is_none_or(|c| c.0 != oid))
    };
    let gone = committed.keys().any(|path| super::is_fixed_input(path) && !dir.join(path).is_file());
    Some(Version { commit: commit.to_owned(), date, uncommitted_changes: changed_input || gone })
}

/// Whether an input is new to the commit or has another size than its blob there: then it
/// differs, and no input need be hashed. Hashing is what costs (a 435 MB transaction
/// export takes git most of a second), and a client's fresh export is usually new or of
/// another size. The size is the file's bytes as they are, as `--no-filters` hashes them.
fn differs_without_hashing(
    dir: &Path,
    inputs: &[&str],
    committed: &BTreeMap<String, (String, Option<u64>)>,
) -> bool {
    inputs.iter().any(|path| match committed.get(*path) {
        None => true,
        Some((_, size)) => {
            let on_disk = std::fs::metadata(dir.join(path)).map(|m| m.len()).ok();
            on_disk.is_some() && size.is_some() && on_disk != *size
        }
    })
}
