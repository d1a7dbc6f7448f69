//! Rows that could not be used: the first few in full, and a count of every kind.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Position};
use crate::model::SkippedRows;

/// How many bad rows are shown in full; the rest are counted.
pub const SHOWN: usize = 20;

/// What is wrong with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Problem {
    Quote,
    FieldCount,
    MissingCustomer,
    NotText,
    Date,
    BeforeData,
    AfterEnd,
    Amount,
    Margin,
    DecimalSign,
    MissingSegment,
    UnknownSegment,
    UnknownCustomer,
    MissingCategory,
}

impl Problem {
    /// The reason as the report and `check` name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quote => "a quote that does not close",
            Self::FieldCount => "wrong number of fields",
            Self::MissingCustomer => "no customer id",
            Self::NotText => "text not in the file's encoding",
            Self::Date => "unreadable date",
            Self::BeforeData => "date before 1990",
            Self::AfterEnd => "date after the observation end",
            Self::Amount => "unreadable amount",
            Self::Margin => "unreadable margin",
            Self::DecimalSign => "a number with the other decimal sign",
            Self::MissingSegment => "no segment",
            Self::UnknownSegment => "unknown segment",
            Self::UnknownCustomer => "customer not in the customers file",
            Self::MissingCategory => "no category",
        }
    }
}

/// One bad row, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    pub column: u32,
    /// The client's column name, when one field is at fault.
    pub field: Option<String>,
    pub problem: Problem,
    pub message: String,
}

/// Every bad row of one file: the first [`SHOWN`] by line, and counts per problem.
#[derive(Clone, Debug, Default)]
pub struct BadRows {
    pub first: Vec<BadRow>,
    pub counts: BTreeMap<Problem, u64>,
}

impl BadRows {
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// Adds the rows another part of the file found, keeping the first [`SHOWN`] by line.
    pub fn merge(&mut self, other: BadRows) {
        for (problem, n) in other.counts {
            *self.counts.entry(problem).or_default() += n;
        }
        self.first.extend(other.first);
        self.first.sort_by_key(|r| (r.line, r.column));
        self.first.truncate(SHOWN);
    }

    /// The counts as the report lists skipped rows.
    pub fn skipped(&self) -> Vec<SkippedRows> {
        self.counts.iter().map(|(p, &rows)| SkippedRows { reason: p.label().to_owned(), rows }).collect()
    }

    /// The problems to show when bad rows make the run fail: each shown row, then the total.
    pub fn diagnostics(&self, file: &std::path::Path) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .first
            .iter()
            .map(|row| {
                let at = Position { line: u32::try_from(row.line).unwrap_or(u32::MAX), column: row.column };
                let d = Diagnostic::new(file, &row.message).at(Some(at));
                match &row.field {
                    Some(f) => d.field(f),
                    None => d,
                }
            })
            .collect();
        let total = self.total();
        let kinds: Vec<String> = self.counts.iter().map(|(p, n)| format!("{n} × {}", p.label())).collect();
        let shown =
            if total > SHOWN as u64 { format!("; the first {SHOWN} are listed") } else { String::new() };
        out.push(
            Diagnostic::new(
                file,
                format!(
                    "{total} bad {} in all ({}){shown}",
                    crate::diagnostic::plural(total, "row", "rows"),
                    kinds.join(", ")
                ),
            )
            .hint(
                "correct them in the export, or leave them out with `on_bad_rows: skip` under `data:` \
                 in project.yaml (or `--skip-bad-rows`); the report then says how many were skipped and why",
            ),
        );
        out
    }
}
