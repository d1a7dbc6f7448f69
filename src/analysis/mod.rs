//! Pure computations on a validated project: no I/O, no re-checking of inputs.
//!
//! [`analyse`] computes every figure of the report and of `uplift metrics`.
//! Each formula lives in a small function next to tests worked by hand; the
//! plain-words explanations are in `docs/metrics.md`.

mod bridge;
mod customer_data;
pub mod diff;
mod initiatives;
mod jobs;
mod loyalty_path;
mod metrics;
pub mod models;
mod options;
mod order;
mod pert;
mod plausibility;
mod problems;
mod programme;
#[cfg(test)]
mod properties;
mod scenario;
mod segments;
mod shapley;
mod simulation;
mod touchpoints;
pub mod value;
mod winloss;

pub use bridge::{BridgeStep, ValueBridge};
pub use customer_data::{DataMetrics, Figure, SegmentDataMetrics};
pub use initiatives::{DeliveredValue, InitiativeSummary, InitiativeValue, Reallocation, Unattributed};
pub use jobs::{JobLabel, JobMetrics};
pub use loyalty_path::{Bottleneck, Integrated, LoyaltyPath, MIN_BENCHMARK_CUSTOMERS, Stage, WinBack};
pub use metrics::{Metrics, ProjectSummary, SCHEMA_VERSION, WorkshopSummary, analyse, analyse_with};
pub use options::{OptionFigures, best_downside, highest_expected_npv};
pub use plausibility::Doubt;
pub use problems::{DataProblemArea, NO_BENCHMARK, NotScored, ProblemArea, ProblemAreas};
pub use programme::{InvestmentSummary, Programme, ProgrammeScenario, YearPoint};
pub use scenario::PerScenario;
pub use segments::{Acquisition, Projection, SegmentMetrics, ValuePoint};
pub use shapley::LeverValue;
pub use simulation::{Histogram, Percentiles, Sensitivity, Simulation, TornadoBar};
pub use touchpoints::{Action, Quadrant, TouchpointAnalysis, TouchpointGap};
pub use winloss::{Change, PeriodFigures, Reason, Trend, WinLossMetrics};
