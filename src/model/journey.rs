//! The customer journey, win/loss, jobs-to-be-done and workshop notes.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::units::{FivePoint, Money, Quantity, TenPoint};

/// The journey map: phases in order and the touchpoints in them.
#[derive(Clone, Debug)]
pub struct Journey {
    /// Ids unique.
    pub phases: Vec<Phase>,
    /// Ids unique; every `phase` names a phase above.
    pub touchpoints: Vec<Touchpoint>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub goal: String,
    pub customer_needs: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Touchpoint {
    pub id: String,
    pub phase: String,
    pub channel: String,
    pub name: String,
    pub importance: FivePoint,
    pub performance: FivePoint,
    pub present: bool,
    pub hours_per_year: Quantity,
    pub budget_per_year: Money,
}

/// Win/loss counts per segment; segments exist and appear once.
#[derive(Clone, Debug)]
pub struct WinLoss {
    pub segments: Vec<WinLossSegment>,
}

#[derive(Clone, Debug)]
pub struct WinLossSegment {
    pub segment: String,
    pub won: u64,
    pub lost: u64,
    /// Sorted by reason (the YAML mapping's keys).
    pub reasons_won: Vec<(String, u64)>,
    pub reasons_lost: Vec<(String, u64)>,
    /// `(customers, upsold)` with `upsold ≤ customers`.
    pub upsell: Option<(u64, u64)>,
}

/// A job to be done.
#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub id: String,
    pub statement: String,
    pub segment: Option<String>,
    pub importance: TenPoint,
    pub satisfaction: TenPoint,
}

/// A workshop note: front matter plus the Markdown body.
#[derive(Clone, Debug)]
pub struct Workshop {
    /// Relative to the project folder.
    pub file: PathBuf,
    pub title: String,
    pub date: NaiveDate,
    pub market: String,
    pub participants: Vec<String>,
    /// Existing journey phase ids.
    pub phases: Vec<String>,
    pub body: String,
}
