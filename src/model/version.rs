//! Which commit a project's inputs come from, so every printed report can be traced.

use chrono::NaiveDate;
use serde::Serialize;

/// The commit a project folder is at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Abbreviated commit hash.
    pub commit: String,
    /// Commit date (`YYYY-MM-DD` in JSON).
    pub date: NaiveDate,
    /// Whether an input file of the project differs from that commit, or one of its
    /// committed inputs is gone.
    pub uncommitted_changes: bool,
}
