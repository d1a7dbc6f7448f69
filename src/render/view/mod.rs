//! What the templates see: view structs of pre-formatted, ready-to-print values.
//!
//! Templates bind to these, never to the model or the metrics, so either side can
//! change alone. All formatting happens here (through `render::format`), and all
//! consultant-written Markdown is rendered safely here; templates only lay out.

mod appendix;
mod changes;
mod customer_data;
mod economics;
mod journey;
mod options;
mod summary;

use serde::Serialize;

use super::charts::Chart;
use crate::analysis::Metrics;
use crate::model::Project;
use crate::render::locale::Localizer;

pub use appendix::{Assumption, Derivation, Method};
pub use changes::{ChangeRow, ChangesView};
pub use economics::{InvestmentRow, ProblemRow, RiskRow, ScenarioRow, SegmentRow};
pub use journey::{GapRow, JobRow, PhaseView, WinLossRow, WorkshopView};
pub use summary::Card;

/// The whole report, as the `report.html` template receives it.
#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    pub meta: MetaView,
    pub headline: String,
    /// "What changed since REV", when the build asked for it.
    pub changes: Option<ChangesView>,
    pub cards: Vec<Card>,
    pub top_problems: Vec<ProblemRow>,
    pub top_gaps: Vec<GapRow>,
    pub next_steps: Vec<String>,
    pub business_case: BusinessCaseView,
    pub investments: Vec<InvestmentRow>,
    pub investment_total: InvestmentRow,
    pub risks: Vec<RiskRow>,
    /// Impact 5 (top row) to 1; likelihood 1 to 5 left to right; risk numbers per cell.
    pub risk_matrix: Vec<Vec<economics::MatrixCell>>,
    pub segments: Vec<SegmentRow>,
    pub problems: Vec<ProblemRow>,
    pub not_scored: Vec<String>,
    pub scenarios: Vec<ScenarioRow>,
    /// The likely scenario's yearly cash flows, beside the payback chart.
    pub cash_flows: Vec<economics::CashFlowRow>,
    pub simulation: SimulationView,
    /// The base case and the programme options side by side, when there are options.
    pub options: Option<options::OptionsView>,
    pub phases: Vec<PhaseView>,
    pub gaps: Vec<GapRow>,
    pub winloss: Option<Vec<WinLossRow>>,
    pub jobs: Option<Vec<JobRow>>,
    /// "What the data says", when the project has data or retention curves.
    pub data: Option<customer_data::DataView>,
    pub workshops: Vec<WorkshopView>,
    pub methodology: Vec<Method>,
    pub derivations: Vec<Derivation>,
    pub assumptions: Vec<Assumption>,
    /// Figures a reviewer would question: "file: field: why".
    pub doubts: Vec<String>,
    pub sources: Vec<crate::model::Source>,
    pub charts: Charts,
}

#[derive(Debug, Serialize)]
pub struct MetaView {
    pub title: String,
    pub client: String,
    pub purpose: String,
    pub date: String,
    pub prepared_by: String,
    pub currency: String,
    pub horizon_years: u32,
    pub primary_color: String,
    /// The logo as a `data:` URI.
    pub logo: Option<String>,
    /// The print footer, escaped for a CSS string.
    pub footer_css: String,
    /// "abc1234 of 20 November 2026, with uncommitted changes", when the project is in git.
    pub version: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BusinessCaseView {
    pub challenge: String,
    pub approach: String,
    pub expected_value: String,
}

#[derive(Debug, Serialize)]
pub struct SimulationView {
    pub draws: String,
    pub seed: String,
    pub p10: String,
    pub p50: String,
    pub p90: String,
    pub probability: String,
    pub target: String,
    pub uplift_p10: String,
    pub uplift_p90: String,
    /// The lever correlation and the same figures at ρ = 0 and ρ = 1.
    pub correlation: String,
}

/// Every chart of the report; optional ones exist only when their data does.
#[derive(Debug, Serialize)]
pub struct Charts {
    pub timeline: Option<Chart>,
    pub clv_scenarios: Chart,
    pub bridge: Chart,
    pub payback: Chart,
    pub npv: Chart,
    pub tornado: Chart,
    pub acquisition: Chart,
    pub ipa: Option<Chart>,
    pub resources: Option<Chart>,
    pub pareto: Option<Chart>,
    pub jobs: Option<Chart>,
}

/// Builds the view of `project` with its computed `metrics` in `l`'s language; `logo` is a
/// ready `data:` URI.
pub fn build(
    project: &Project,
    metrics: &Metrics,
    logo: Option<String>,
    since: Option<(&crate::analysis::diff::Diff, &str)>,
    l: &Localizer,
) -> Report {
    let segment_name = |id: &str| {
        project.segments.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let gaps = journey::gaps(project, metrics, l);
    let problems = economics::problems(metrics, &segment_name, l);
    Report {
        lang: l.language.code(),
        meta: MetaView {
            title: project.meta.title.clone(),
            client: project.meta.client.clone(),
            purpose: project.meta.purpose.clone(),
            date: l.date(project.meta.date),
            prepared_by: project.meta.prepared_by.clone(),
            currency: project.meta.currency.clone(),
            horizon_years: project.settings.horizon_years,
            primary_color: project.brand.primary_color.clone().unwrap_or_else(|| "#1f4e79".to_owned()),
            logo,
            version: project.version.as_ref().map(|v| {
                let date = l.date(v.date);
                let id = if v.uncommitted_changes { "version-dirty" } else { "version-clean" };
                l.t_with(id, vec![("commit", v.commit.clone().into()), ("date", date.into())])
            }),
            footer_css: css_string(&l.t_with(
                "page-footer",
                vec![
                    ("client", project.meta.client.clone().into()),
                    ("title", project.meta.title.clone().into()),
                ],
            )),
        },
        headline: summary::headline(project, metrics, l),
        changes: since.map(|(diff, revision)| changes::build(diff, revision, project, l)),
        cards: summary::cards(metrics, l),
        top_problems: problems.iter().take(3).cloned().collect(),
        // The gaps to act on: what to add or invest in, largest shortfall first.
        top_gaps: gaps
            .iter()
            .filter(|g| g.priority_value > 0.0 && matches!(g.action_class.as_str(), "add" | "invest"))
            .take(5)
            .cloned()
            .collect(),
        next_steps: summary::next_steps(metrics, &segment_name, l),
        business_case: BusinessCaseView {
            challenge: super::markdown::to_html(&project.business_case.challenge, "challenge"),
            approach: super::markdown::to_html(&project.business_case.approach, "approach"),
            expected_value: super::markdown::to_html(&project.business_case.expected_value, "expected-value"),
        },
        investments: economics::investments(project, metrics, &segment_name, l),
        investment_total: economics::investment_total(metrics, l),
        risks: economics::risks(project),
        risk_matrix: economics::risk_matrix(project),
        segments: economics::segments(metrics, l),
        not_scored: economics::not_scored(metrics, &segment_name, l),
        problems,
        scenarios: economics::scenarios(metrics, l),
        cash_flows: economics::cash_flows(metrics, l),
        simulation: summary::simulation(metrics, l),
        options: options::build(
            metrics,
            &|id| {
                project.options.iter().find(|o| o.id == id).map(|o| o.description.clone()).unwrap_or_default()
            },
            &segment_name,
            l,
        ),
        phases: journey::phases(project, metrics, l),
        gaps,
        winloss: journey::winloss(metrics, &segment_name, l),
        jobs: journey::jobs(metrics, &segment_name, l),
        data: customer_data::build(metrics, l),
        workshops: journey::workshops(project, l),
        methodology: appendix::methodology(l),
        derivations: appendix::derivations(project, metrics, l),
        assumptions: appendix::assumptions(project, l),
        doubts: metrics.plausibility.iter().map(|d| appendix::doubt(d, project, l)).collect(),
        sources: project.sources.clone(),
        charts: charts(project, metrics, &segment_name, l),
    }
}

/// `text` escaped for the inside of a double-quoted CSS string in a `<style>` element:
/// every character outside plain letters, digits and spaces becomes a CSS escape, so
/// nothing the consultant wrote can end the string or the element.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}

fn charts(
    project: &Project,
    metrics: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Charts {
    use super::charts as c;
    let likely = &metrics.programme.scenarios.likely;
    Charts {
        timeline: (!project.timeline.is_empty()).then(|| c::gantt(&project.timeline, l)),
        clv_scenarios: c::clv_scenarios(&metrics.segments, l),
        bridge: c::bridge(&metrics.value_bridge, l),
        payback: c::payback(likely, l),
        npv: c::npv_histogram(&metrics.simulation, project.settings.target_min, l),
        tornado: c::tornado(&metrics.tornado, likely.npv, segment_name, l),
        acquisition: c::acquisition(&metrics.segments, l),
        ipa: metrics.touchpoints.as_ref().map(|t| c::importance_performance(t, l)),
        resources: metrics.touchpoints.as_ref().map(|t| c::resource_share(t, l)),
        pareto: metrics.winloss.as_deref().map(|w| c::loss_pareto(w, l)),
        jobs: metrics.jobs.as_deref().map(|j| c::opportunity_landscape(j, l)),
    }
}
