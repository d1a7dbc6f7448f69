//! The complete set of figures, as `uplift metrics` prints them (see docs/metrics.md).

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    bridge, initiatives, jobs, options, problems, programme, segments, shapley, simulation, touchpoints,
    winloss,
};
use crate::model::{Project, Source};

/// Bumped whenever a field is renamed or removed; adding fields keeps the version.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    pub schema_version: u32,
    pub project: ProjectSummary,
    pub segments: Vec<segments::SegmentMetrics>,
    pub programme: programme::Programme,
    /// Likely scenario, focus segments.
    pub value_bridge: bridge::ValueBridge,
    /// Each lever's Shapley value in each segment's likely value uplift; the four of a
    /// segment sum to its value uplift.
    pub levers_shapley: Vec<shapley::LeverValue>,
    pub problem_areas: problems::ProblemAreas,
    pub simulation: simulation::Simulation,
    pub tornado: Vec<simulation::TornadoBar>,
    /// The base case and every programme option side by side; absent without `options/`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<options::OptionFigures>,
    /// `null` without journey.yaml.
    pub touchpoints: Option<touchpoints::TouchpointAnalysis>,
    /// journey.yaml's initiatives, highest net value first; left out without any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<initiatives::InitiativeValue>,
    /// What the initiatives leave unattributed, free and carry per touchpoint; left out
    /// without initiatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiative_summary: Option<initiatives::InitiativeSummary>,
    /// `null` without winloss.yaml.
    pub winloss: Option<Vec<winloss::WinLossMetrics>>,
    /// `null` without jobs.yaml.
    pub jobs: Option<Vec<jobs::JobMetrics>>,
    pub workshops: Vec<WorkshopSummary>,
    /// What the client's data says; `null` without `data:` in project.yaml and without
    /// typed retention curves.
    pub data: Option<super::DataMetrics>,
    pub sources: Vec<Source>,
    /// Figures a reviewer would question (docs/metrics.md, "Plausibility warnings").
    pub plausibility: Vec<super::Doubt>,
    /// The git commit the inputs come from; `null` outside a git work tree.
    pub version: Option<crate::model::Version>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProjectSummary {
    pub title: String,
    pub client: String,
    pub date: NaiveDate,
    pub currency: String,
    pub horizon_years: u32,
    pub discount_rate: f64,
    pub hourly_rate: f64,
    pub target_uplift_min: f64,
    pub target_uplift_max: f64,
    /// The share of the levers' full effect in year 1, 2, …; empty for full effect from year 1.
    pub ramp_up: Vec<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WorkshopSummary {
    pub file: String,
    pub title: String,
    pub date: NaiveDate,
    pub market: String,
    pub participants: usize,
    pub phases: Vec<String>,
}

/// Computes every figure for `project`. Same project, same figures, bit for bit.
pub fn analyse(project: &Project) -> Metrics {
    analyse_with(project, &crate::memo::Nothing)
}

/// [`analyse`], recalling from `memo` the slow results whose inputs are unchanged (each
/// segment's customer-base models), and keeping those it computes.
pub fn analyse_with(project: &Project, memo: &dyn crate::memo::Memo) -> Metrics {
    let s = &project.settings;
    let (investment, segment_metrics) = programme::investment_and_segments(project);
    let pv = investment.pv;
    let mut metrics = Metrics {
        schema_version: SCHEMA_VERSION,
        project: ProjectSummary {
            title: project.meta.title.clone(),
            client: project.meta.client.clone(),
            date: project.meta.date,
            currency: project.meta.currency.clone(),
            horizon_years: s.horizon_years,
            discount_rate: s.discount_rate.get(),
            hourly_rate: s.hourly_rate.get(),
            ramp_up: s.ramp_up.clone(),
            target_uplift_min: s.target_min.get(),
            target_uplift_max: s.target_max.get(),
        },
        programme: programme::programme(project, &segment_metrics, investment),
        value_bridge: bridge::value_bridge(project),
        levers_shapley: shapley::all(&project.segments, &project.settings),
        problem_areas: problems::problem_areas(&project.segments, s),
        simulation: simulation::simulate(project, &segment_metrics, pv, memo),
        tornado: simulation::tornado(project, &segment_metrics, pv),
        options: Vec::new(),
        touchpoints: project.journey.as_ref().map(|j| touchpoints::analyse(j, s.hourly_rate.get())),
        initiatives: Vec::new(),
        initiative_summary: None,
        winloss: project.winloss.as_ref().map(|w| winloss::analyse(&w.segments)),
        jobs: project.jobs.as_deref().map(jobs::analyse),
        workshops: project
            .workshops
            .iter()
            .map(|w| WorkshopSummary {
                file: w.file.to_string_lossy().replace('\\', "/"),
                title: w.title.clone(),
                date: w.date,
                market: w.market.clone(),
                participants: w.participants.len(),
                phases: w.phases.iter().map(|p| p.id().to_owned()).collect(),
            })
            .collect(),
        data: super::customer_data::analyse(project, memo),
        sources: project.sources.clone(),
        plausibility: Vec::new(),
        version: project.version.clone(),
        segments: segment_metrics,
    };
    if let Some((ranked, summary)) =
        initiatives::analyse(project, &metrics.levers_shapley, &metrics.programme.investment)
    {
        metrics.initiatives = ranked;
        metrics.initiative_summary = Some(summary);
    }
    metrics.problem_areas.from_data = problems::from_data(metrics.data.as_ref());
    metrics.options = options::compare(project, &metrics.programme, &metrics.simulation, memo);
    metrics.plausibility = super::plausibility::doubts(project, &metrics);
    metrics
}
