//! The project as a whole: its description, settings, business case and segments.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::driver::{Economics, Estimate, PerDriver};
use super::journey::{Initiative, Job, Journey, WinLoss, Workshop};
use super::reference::{Listed, Ref};
use super::story::{Image, OwnSection, Story};
use super::units::{Money, Quantity, Rate, Score};

/// A validated project folder.
#[derive(Clone, Debug)]
pub struct Project {
    pub meta: Meta,
    pub settings: Settings,
    pub business_case: BusinessCase,
    pub investments: Vec<Investment>,
    pub risks: Vec<Risk>,
    pub timeline: Vec<Activity>,
    pub brand: Brand,
    /// At least one segment, at least one of them in focus; ids unique.
    pub segments: Vec<Segment>,
    pub journey: Option<Journey>,
    pub winloss: Option<WinLoss>,
    pub jobs: Option<Vec<Job>>,
    /// Sorted by file name.
    pub workshops: Vec<Workshop>,
    /// Every input file read, sorted by path.
    pub sources: Vec<Source>,
    /// The git commit of the project folder, when it is in a work tree and the command
    /// shows it (`crate::project::VersionLookup`).
    pub version: Option<crate::model::Version>,
    /// The client's data, read and summarised, when project.yaml has a `data:` section.
    pub data: Option<super::DataSet>,
    /// The project's own report templates, in name order (also listed in `sources`).
    pub templates: Vec<TemplateOverride>,
    /// The programme options of `options/*.yaml`, sorted by file name; empty without them.
    pub options: Vec<ProgrammeOption>,
    /// project.yaml's `report:`: the consultant's headline, messages, next steps and titles.
    pub story: Story,
    /// `sections/*.md`, sorted by file name.
    pub own_sections: Vec<OwnSection>,
    /// Every picture the Markdown texts show, sorted by path, each once.
    pub images: Vec<Image>,
    /// Values that were read but probably not as meant (`4.800` for 4,800), rendered with
    /// their source lines.
    pub warnings: Vec<String>,
}

impl Project {
    /// The programme this project describes with `option`'s choices in place of the base
    /// case's: its focus segments, levers, ramp-up and investment. Only what the programme's
    /// figures read is kept; the client's data, notes, journey and templates are left out, so
    /// that comparing options never copies an export.
    #[must_use]
    pub fn with_option(&self, option: &ProgrammeOption) -> Project {
        let mut settings = self.settings.clone();
        if let Some(ramp_up) = &option.ramp_up {
            settings.ramp_up.clone_from(ramp_up);
        }
        let segments = self
            .segments
            .iter()
            .zip(&option.segments)
            .map(|(seg, choice)| Segment {
                focus: choice.focus,
                levers: choice.levers,
                retention_curve: None,
                ..seg.clone()
            })
            .collect();
        Project {
            meta: self.meta.clone(),
            settings,
            business_case: BusinessCase::default(),
            investments: option.investments.clone().unwrap_or_else(|| self.investments.clone()),
            risks: Vec::new(),
            timeline: Vec::new(),
            brand: Brand::default(),
            segments,
            journey: None,
            winloss: None,
            jobs: None,
            workshops: Vec::new(),
            sources: Vec::new(),
            version: None,
            data: None,
            templates: Vec::new(),
            options: Vec::new(),
            story: Story::default(),
            own_sections: Vec::new(),
            images: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// The base case's id when options are compared; no option file may take it.
pub const BASE_CASE_ID: &str = "base";

/// A programme option leadership can choose instead of the base case (`options/<id>.yaml`).
#[derive(Clone, Debug)]
pub struct ProgrammeOption {
    /// The file name without `.yaml`; unique, as file names are.
    pub id: String,
    /// `options/<id>.yaml`.
    pub file: String,
    pub name: String,
    /// Plain text, shown under the option's name in the decision table.
    pub description: String,
    /// Replaces the base case's ramp-up when given (same rules as [`Settings::ramp_up`]).
    pub ramp_up: Option<Vec<f64>>,
    /// Replaces the base case's investment lines when given.
    pub investments: Option<Vec<Investment>>,
    /// One per segment, in segments.yaml's order: the base case's choice unless the option
    /// changes it. At least one segment is in focus, and every projected point is as sound
    /// as [`Segment::levers`] promises.
    pub segments: Vec<SegmentChoice>,
}

/// What an option chooses for one segment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SegmentChoice {
    pub focus: bool,
    pub levers: PerDriver<Estimate>,
}

/// What the report is about and who wrote it.
#[derive(Clone, Debug, Serialize)]
pub struct Meta {
    pub title: String,
    pub client: String,
    pub prepared_by: String,
    pub date: NaiveDate,
    /// Three upper-case letters (ISO 4217).
    pub currency: String,
    /// The report's language.
    pub language: crate::model::Language,
    pub purpose: String,
}

/// The assumptions every computation uses.
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// Target uplift of an average customer relationship, `min ≤ max`.
    pub target_min: Rate,
    pub target_max: Rate,
    /// 1..=30 years.
    pub horizon_years: u32,
    /// Annual discount rate.
    pub discount_rate: Rate,
    /// Money per hour.
    pub hourly_rate: Money,
    /// Monte Carlo draws, 1..=1,000,000.
    pub draws: u32,
    pub seed: u64,
    /// How strongly the levers move together in the simulation.
    pub lever_correlation: Rate,
    /// The share of the levers' full effect reached in year 1, 2, …: each in 0..=1, never
    /// falling, at most 30; the last holds for later years. Empty: full effect from year 1.
    pub ramp_up: Vec<f64>,
    pub loyalty_path: LoyaltyPathSettings,
}

/// How the path to a loyal customer is read from the transaction data (docs/metrics.md,
/// "The loyalty path").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LoyaltyPathSettings {
    /// The purchase day that marks each stage: 1 (the first purchase), then strictly rising.
    pub purchases: [u32; 4],
    /// 1..=3650: a stage counts when reached within this many days of the first purchase.
    pub window_days: u32,
    /// 1..=3650: a longer gap between purchase days, or before the observation end, is a lapse.
    pub lapse_days: u32,
    /// 2..=32, when the data has a category column: a loyal customer who bought from this
    /// many categories within the window is integrated, the path's fifth stage.
    pub categories: Option<u32>,
}

impl LoyaltyPathSettings {
    /// The stages' names, in order, as the JSON and the catalogue key them.
    pub const STAGES: [&'static str; 5] = ["first_purchase", "repeat", "regular", "loyal", "integrated"];

    /// The categories that make a loyal customer integrated when none are given.
    pub const DEFAULT_CATEGORIES: u32 = 3;

    /// The stages counted: four, and the fifth, integrated, when the data has categories.
    pub fn stages(&self) -> usize {
        if self.categories.is_some() { 5 } else { 4 }
    }
}

impl Default for LoyaltyPathSettings {
    /// The method's path: first purchase, a second, a fourth and an eighth within a year; a
    /// year without a purchase is a lapse.
    fn default() -> Self {
        Self { purchases: [1, 2, 4, 8], window_days: 365, lapse_days: 365, categories: None }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct BusinessCase {
    /// Markdown.
    pub challenge: String,
    pub approach: String,
    pub expected_value: String,
}

/// One investment line.
#[derive(Clone, Debug, Serialize)]
pub struct Investment {
    pub item: String,
    pub one_off: Money,
    pub annual: Money,
    /// `None` = programme-wide.
    pub segment: Option<Ref<Segment>>,
    /// The initiative in journey.yaml this line funds, whose cost it carries: `one_off`, and
    /// `annual + hours_per_year × hourly_rate` as `annual`. Each initiative is funded at most
    /// once, so no cost is counted twice.
    pub initiative: Option<Ref<Initiative>>,
}

/// A risk scored on both axes.
#[derive(Clone, Debug, Serialize)]
pub struct Risk {
    pub risk: String,
    pub likelihood: Score,
    pub impact: Score,
    pub mitigation: String,
}

/// A timeline activity with `start ≤ end`.
#[derive(Clone, Debug, Serialize)]
pub struct Activity {
    pub activity: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub owner: String,
}

#[derive(Clone, Debug, Default)]
pub struct Brand {
    /// `#rrggbb`.
    pub primary_color: Option<String>,
    /// The logo, read and size-checked by the loader.
    pub logo: Option<Logo>,
}

/// A logo image from the project folder.
#[derive(Clone, Debug)]
pub struct Logo {
    /// Relative to the project folder.
    pub path: PathBuf,
    /// What the bytes were checked to be.
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
}

/// The image formats a report embeds: each checked by content, not by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    /// Parsed, and free of script, event handlers and external references.
    Svg,
}

impl ImageKind {
    /// The media type of a `data:` URI.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Svg => "image/svg+xml",
        }
    }
}

/// The report templates a project may replace, by path below its `templates/` folder: the
/// whole report, its style and macros, or one section alone.
pub const TEMPLATE_NAMES: &[&str] = &[
    "report.html",
    "style.css",
    "macros.html",
    "sections/cover.html",
    "sections/summary.html",
    "sections/changes.html",
    "sections/business_case.html",
    "sections/economics.html",
    "sections/data.html",
    "sections/value.html",
    "sections/journey.html",
    "sections/initiatives.html",
    "sections/winloss_jobs.html",
    "sections/appendix.html",
];

/// A report template the project supplies in place of the built-in one of that name.
#[derive(Clone, Debug)]
pub struct TemplateOverride {
    /// One of the built-in templates' names, e.g. `style.css`.
    pub name: String,
    pub text: String,
}

/// A customer segment and the programme's expected effect on it.
#[derive(Clone, Debug)]
pub struct Segment {
    pub id: String,
    pub name: String,
    /// Customers today.
    pub customers: Quantity,
    pub drivers: Economics,
    pub focus: bool,
    /// Customers won per year.
    pub new_customers_per_year: Quantity,
    /// Acquisition spend per year.
    pub acquisition_spend_per_year: Money,
    pub products_per_customer: Option<Quantity>,
    /// The benchmark each driver is measured against, if any.
    pub benchmarks: PerDriver<Option<Benchmark>>,
    /// Every projected point keeps retention in 0..1, margin in 0..=1 and volumes positive.
    pub levers: PerDriver<Estimate>,
    /// The fields written `from_data` (`customers`, `purchases_per_year`, …), whose values
    /// above came from the client's data.
    pub from_data: Vec<&'static str>,
    pub retention_curve: Option<RetentionCurve>,
    /// The monthly figures a subscription segment was entered as; `drivers` and `levers`
    /// hold them converted.
    pub subscription: Option<Subscription>,
}

/// A subscription segment as entered: a monthly fee and a monthly churn. They convert exactly
/// to the drivers every formula uses: `f = 12`, `v = monthly_price`, `r = (1 − monthly_churn)¹²`;
/// a lever on the price is the order-value lever, and a change `x` in churn is the retention
/// lever `(1 − c − x)¹² − (1 − c)¹²`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Subscription {
    /// Above 0.
    pub monthly_price: f64,
    /// Above 0 and below 1.
    pub monthly_churn: f64,
    /// The programme's change in monthly churn as written; every projected churn stays above
    /// 0 and below 1.
    pub churn_lever: ChurnChange,
}

/// A change in monthly churn at each scenario, in points. `low` is the pessimistic point, the
/// smallest reduction, so `low ≥ likely ≥ high`; zero when the segment has no churn lever.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ChurnChange {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
}

impl Subscription {
    /// Purchases a year of a monthly subscription.
    pub const PAYMENTS_PER_YEAR: f64 = 12.0;

    /// The share of subscribers still there a year later: `(1 − c)¹²`, multiplied out as
    /// `s⁸·s⁴` so that it is the same to the last bit wherever it is computed (`powi` may be
    /// folded differently at compile time than at run time).
    pub fn annual_retention(monthly_churn: f64) -> f64 {
        let s = 1.0 - monthly_churn;
        let s2 = s * s;
        let s4 = s2 * s2;
        s4 * s4 * s4
    }

    /// The retention lever of a change `x` in monthly churn `c`: `(1 − c − x)¹² − (1 − c)¹²`.
    pub fn retention_change(monthly_churn: f64, x: f64) -> f64 {
        Self::annual_retention(monthly_churn + x) - Self::annual_retention(monthly_churn)
    }
}

impl Listed for Segment {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Where a segment's retention-by-tenure counts come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetentionCurve {
    /// Customers still active after 0, 1, 2, … years: at least two, not rising, first above 0.
    Typed(Vec<u64>),
    /// The segment's survival counts in the data (the project has data with this segment).
    FromData,
}

/// A benchmark value and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Benchmark {
    pub value: f64,
    pub source: BenchmarkSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkSource {
    /// The segment's own `benchmarks`.
    Segment,
    /// The project's `benchmarks`.
    Project,
}

/// An input file and its fingerprint, so a printed report can be traced to its inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Relative to the project folder, with `/` separators.
    pub path: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes; empty for a transaction log read by a
    /// command that shows no fingerprints (`project::LogFingerprint::ForCache`).
    pub sha256: String,
}
