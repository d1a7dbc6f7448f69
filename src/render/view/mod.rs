//! What the templates see: one view struct per report section, each built by the module of
//! the same name and laid out by `templates/sections/<name>.html`.
//!
//! Templates bind to these, never to the model or the metrics, so either side can
//! change alone. All formatting happens here (through the [`Localizer`]), and all
//! consultant-written Markdown is rendered safely here; templates only lay out.

mod appendix;
mod business_case;
mod changes;
mod cover;
mod data;
mod economics;
mod initiatives;
mod journey;
mod loyalty_path;
mod options;
mod own_sections;
mod summary;
mod value;
mod winloss_jobs;

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::{Edition, Project};
use crate::render::locale::Localizer;

pub use appendix::{AppendixView, Assumption, Derivation, Method, WorkshopView};
pub use business_case::{BusinessCaseView, InvestmentRow, MatrixCell, RiskRow};
pub use changes::{ChangeRow, ChangesView};
pub use cover::MetaView;
pub use data::DataView;
pub use economics::{EconomicsView, ProblemRow, SegmentRow};
pub use initiatives::{InitiativeRow, InitiativesView};
pub use journey::{GapRow, JourneyView, PhaseView};
pub use own_sections::{BySection, OwnSectionView};
pub use summary::{Card, SummaryView};
pub use value::{CashFlowRow, ScenarioRow, SimulationView, ValueView};
pub use winloss_jobs::{JobRow, WinLossJobsView, WinLossRow};

/// The whole report, as `report.html` and its section templates receive it: one field per
/// section, in the report's order (`None` for a section the project has no inputs for).
#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    /// `full` or `leadership`.
    pub edition: &'static str,
    /// The leadership edition: the sections a board reads, without the audit trail (methods,
    /// derivations, sources, field paths, model parameters) and the links into it.
    pub leadership: bool,
    pub meta: MetaView,
    pub summary: SummaryView,
    /// "What changed since REV", when the build asked for it.
    pub changes: Option<ChangesView>,
    pub business_case: BusinessCaseView,
    pub economics: EconomicsView,
    /// "What the data says", when the project has data or retention curves.
    pub data: Option<DataView>,
    pub value: ValueView,
    pub journey: Option<JourneyView>,
    /// "From journey gaps to money", when the journey has initiatives.
    pub initiatives: Option<InitiativesView>,
    pub winloss_jobs: Option<WinLossJobsView>,
    pub appendix: AppendixView,
    /// The consultant's action title above each section.
    pub titles: BySection<Option<String>>,
    /// The consultant's own sections after each section.
    pub own: BySection<Vec<OwnSectionView>>,
}

/// What a report shows besides the project and its figures.
pub struct Extras<'a> {
    /// The logo as a ready `data:` URI.
    pub logo: Option<String>,
    /// The changes against an earlier revision, and its label.
    pub since: Option<(&'a crate::analysis::diff::Diff, &'a str)>,
    pub edition: Edition,
}

/// Builds the view of `project` with its computed `metrics` in `l`'s language.
pub fn build(project: &Project, metrics: &Metrics, extras: Extras, l: &Localizer) -> Report {
    let Extras { logo, since, edition } = extras;
    let segment_name = |id: &str| crate::render::labels::segment_name(project, id);
    // The summary quotes the top of these two lists.
    let problems = economics::problems(metrics, &segment_name, l);
    let gaps = journey::gaps(project, metrics, l);
    let value = value::build(project, metrics, &segment_name, l);
    let verdict = value.options.as_ref().map(|o| o.verdict.clone());
    Report {
        lang: l.language.code(),
        edition: edition.key(),
        leadership: edition == Edition::Leadership,
        meta: cover::build(project, logo, l),
        summary: summary::build(project, metrics, &problems, &gaps, verdict, &segment_name, l),
        changes: since.map(|(diff, revision)| changes::build(diff, revision, project, l)),
        business_case: business_case::build(project, metrics, &segment_name, l),
        economics: economics::build(metrics, problems, &segment_name, l),
        data: data::build(metrics, l),
        value,
        journey: journey::build(project, metrics, gaps, l),
        initiatives: initiatives::build(project, metrics, l),
        winloss_jobs: winloss_jobs::build(metrics, &segment_name, l),
        appendix: appendix::build(project, metrics, l),
        titles: own_sections::titles(project),
        own: own_sections::own_sections(project, written_in(project, l)),
    }
}

/// `x` formatted by `f`, or a dash when there is none.
fn optional(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map_or_else(|| "–".to_owned(), f)
}

/// The language of what the consultant wrote (notes, own sections), when the report is built
/// in another with `--language`: their text keeps its own `lang`, so a screen reader reads
/// English notes in English inside a Danish report.
pub fn written_in(project: &Project, l: &Localizer) -> Option<&'static str> {
    (project.meta.language != l.language).then(|| project.meta.language.code())
}
