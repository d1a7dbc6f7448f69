//! The validated project: domain types whose invariants hold by construction.
//!
//! Only `project::validate` builds these. Everything downstream (analysis,
//! rendering) may rely on what the doc comments promise — a referenced id exists,
//! `low ≤ likely ≤ high` — and never re-checks. The settings' rates, the money of the
//! investment and the risk scores are [`Rate`], [`Money`] and [`Score`]: a value outside
//! their range cannot be built at all (`units`). The drivers of a segment are still plain
//! numbers whose ranges the doc comments state.

mod data;
mod driver;
#[cfg(test)]
pub mod fixture;
mod journey;
mod language;
mod project;
mod units;
mod version;

pub use data::{Cohort, Coverage, CustomerSummary, DataSet, LineCounts, SegmentData, SkippedRows, Survival};
pub use driver::{Driver, Drivers, Estimate, PerDriver, Scenario};
pub use journey::{Job, Journey, Phase, Touchpoint, WinLoss, WinLossSegment, Workshop};
pub use language::Language;
pub use project::{
    Activity, BASE_CASE_ID, Benchmark, BenchmarkSource, Brand, BusinessCase, ChurnChange, ImageKind,
    Investment, Logo, Meta, ProgrammeOption, Project, RetentionCurve, Risk, Segment, SegmentChoice, Settings,
    Source, Subscription, TEMPLATE_NAMES, TemplateOverride,
};
pub use units::{Money, Rate, Score};
pub use version::Version;
