//! A project folder as it was at a git revision, read straight from history.
//!
//! Only the project's inputs are copied into a scratch folder — the files read by name,
//! and the data and logo the revision's project.yaml names — each checked against its
//! size limit in the tree listing before a byte of it is read, and streamed to disk.
//! Nothing is checked out, the work tree is never touched, and git runs nothing of the
//! repository's (see [`super::git`]). The normal loader then reads the scratch folder,
//! with all its checks.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use super::git;

/// The most one revision's inputs may hold together, so that comparing two revisions of
/// a small, well-compressed repository cannot fill the disk.
pub const REVISION_MAX_BYTES: u64 = 2 << 30;

/// Why a revision could not be read.
#[derive(Debug)]
pub enum HistoryError {
    /// `git` is missing, or the folder is not in a git work tree.
    NoRepository(String),
    /// The revision does not name a commit.
    UnknownRevision(String),
    /// The repository is not the project's own: a `.git` file points to this git folder.
    NotOwn(String),
    /// The commit exists but holds no project.yaml in this folder.
    NoProject(String),
    /// An input file at the revision is larger than its limit.
    TooLarge { path: String, bytes: u64, limit: u64 },
    /// Writing the scratch copy failed.
    Io(String),
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HistoryError::NoRepository(why) => {
                write!(f, "the project folder is not in a git repository ({why})")
            }
            HistoryError::NotOwn(git_dir) => write!(
                f,
                "the project's repository is `{git_dir}`, not the `.git` folder of its own work tree; \
                 uplift reads history only from that (a `.git` file pointing elsewhere, as in a worktree, is not followed)"
            ),
            HistoryError::UnknownRevision(rev) => write!(f, "`{rev}` is not a commit in this repository"),
            HistoryError::NoProject(rev) => {
                write!(f, "the project did not exist at `{rev}`: it has no project.yaml there")
            }
            HistoryError::TooLarge { path, bytes, limit } => write!(
                f,
                "{path} is {bytes} bytes at that revision; files read from history are limited to {limit} bytes"
            ),
            HistoryError::Io(why) => write!(f, "cannot copy the revision's files: {why}"),
        }
    }
}

/// The files project.yaml names, read leniently: everything else in it is ignored here and
/// checked by the loader afterwards.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Named {
    data: Option<NamedData>,
    brand: Option<NamedBrand>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct NamedData {
    transactions: Option<String>,
    customers: Option<String>,
    summary: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct NamedBrand {
    logo: Option<String>,
}

/// Writes the input files of the project in `dir` as they were at `rev` into `into`.
pub fn export(dir: &Path, rev: &str, into: &Path) -> Result<(), HistoryError> {
    // A revision is never an option: `--output=…` must not reach git as one.
    if rev.starts_with('-') {
        return Err(HistoryError::UnknownRevision(rev.to_owned()));
    }
    git::own_repository(dir).map_err(|e| match e {
        git::NotRead::NoRepository(why) => HistoryError::NoRepository(why),
        git::NotRead::NotOwn { git_dir } => HistoryError::NotOwn(git_dir),
    })?;
    let commit = format!("{rev}^{{commit}}");
    git::run(dir, &["rev-parse", "--verify", "--quiet", "--end-of-options", &commit])
        .map_err(|_| HistoryError::UnknownRevision(rev.to_owned()))?;
    let tree = git::tree(dir, rev).map_err(HistoryError::NoRepository)?;
    let Some(project) = tree.iter().find(|e| e.path == super::PROJECT_FILE && e.is_regular_file()) else {
        return Err(HistoryError::NoProject(rev.to_owned()));
    };
    copy(dir, project, super::source::MAX_FILE_BYTES, into)?;
    let named = fs::read_to_string(into.join(super::PROJECT_FILE))
        .ok()
        .and_then(|text| serde_saphyr::from_str::<Named>(&text).ok())
        .unwrap_or_default();
    // Each data file within the limit the loader itself applies to its kind.
    let data: BTreeMap<String, u64> = named
        .data
        .into_iter()
        .flat_map(|d| {
            [
                (d.transactions, crate::project::data::LOG_MAX_BYTES),
                (d.customers, crate::project::data::CUSTOMERS_MAX_BYTES),
                (d.summary, crate::project::data::SUMMARY_MAX_BYTES),
            ]
        })
        .filter_map(|(path, limit)| Some((path?.trim().to_owned(), limit)))
        .collect();
    let logo = named.brand.and_then(|b| b.logo).map(|p| p.trim().to_owned());
    let mut total = project.size.unwrap_or(0);
    for entry in tree.iter().filter(|e| e.is_regular_file() && e.path != super::PROJECT_FILE) {
        let limit = if let Some(&limit) = data.get(&entry.path) {
            limit
        } else if logo.as_deref() == Some(entry.path.as_str()) || super::is_default_logo(&entry.path) {
            super::LOGO_MAX_BYTES
        } else if super::is_fixed_input(&entry.path) {
            super::source::MAX_FILE_BYTES
        } else if super::markdown_images::is_picture(&entry.path) {
            // Any Markdown text may show it: the texts are not read here.
            super::markdown_images::IMAGE_MAX_BYTES
        } else {
            continue;
        };
        total += entry.size.unwrap_or(u64::MAX).min(limit);
        if total > REVISION_MAX_BYTES {
            return Err(HistoryError::TooLarge {
                path: "the revision's inputs".into(),
                bytes: total,
                limit: REVISION_MAX_BYTES,
            });
        }
        copy(dir, entry, limit, into)?;
    }
    Ok(())
}

/// Streams one blob into `into`, refusing it unread when the listing says it is too large.
fn copy(dir: &Path, entry: &git::TreeEntry, limit: u64, into: &Path) -> Result<(), HistoryError> {
    let bytes = entry.size.unwrap_or(u64::MAX);
    if bytes > limit {
        return Err(HistoryError::TooLarge { path: entry.path.clone(), bytes, limit });
    }
    // A path from the listing never climbs out of the scratch folder.
    let rel = Path::new(&entry.path);
    if !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
        return Ok(());
    }
    let target = into.join(rel);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| HistoryError::Io(e.to_string()))?;
    }
    git::write_blob(dir, &entry.oid, &target).map_err(HistoryError::Io)
}

/// The short hash of `rev`, for labels.
pub fn short(dir: &Path, rev: &str) -> String {
    git::run(dir, &["rev-parse", "--short", "--end-of-options", rev])
        .map_or_else(|_| rev.to_owned(), |s| String::from_utf8_lossy(&s).trim().to_owned())
}
