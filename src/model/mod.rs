//! The validated project: domain types whose invariants hold by construction.
//!
//! Only `project::validate` builds these. Everything downstream (analysis,
//! rendering) may rely on what the doc comments promise — a referenced id exists,
//! `low ≤ likely ≤ high` — and never re-checks. Rates, money, quantities and scores are
//! [`Rate`], [`Money`], [`Quantity`], [`Score`] and [`OnScale`]: a value outside its range
//! cannot be built at all (`units`), and so are a segment's drivers ([`Economics`]).

mod cached;
mod data;
mod driver;
#[cfg(test)]
pub mod fixture;
mod journey;
mod language;
mod project;
mod reference;
mod story;
mod units;
mod version;

pub use data::{
    Calibration, CalibrationCustomer, Cohort, Coverage, CustomerSummary, DataSet, LineCounts, LoyaltyCounts,
    ModelChoice, PathFields, PeriodHistory, SegmentData, SkippedRows, Survival,
};
pub use driver::{Driver, Drivers, Economics, Estimate, PerDriver, Scenario};
pub use journey::{
    Delivery, Initiative, InitiativeAction, Job, Journey, MarketScores, Period, Phase, Touchpoint, WinLoss,
    WinLossCounts, WinLossSegment, Workshop,
};
pub use language::Language;
pub use project::{
    Activity, BASE_CASE_ID, Benchmark, BenchmarkSource, Brand, BusinessCase, ChurnChange, ImageKind,
    Investment, Logo, LoyaltyPathSettings, Meta, ProgrammeOption, Project, RetentionCurve, Risk, Segment,
    SegmentChoice, Settings, Source, Subscription, TEMPLATE_NAMES, TemplateOverride,
};
pub use reference::{Listed, Ref};
pub use story::{Edition, Image, OwnSection, PROJECT_YAML, SectionId, Story, image_path};
pub use units::{FivePoint, Money, OnScale, Quantity, Rate, Score, TenPoint};
pub use version::Version;
