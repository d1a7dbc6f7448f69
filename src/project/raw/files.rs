//! One raw struct per YAML file and per nested block.

use std::collections::BTreeMap;

use super::scalar::{
    CategoriesField, DaysField, FivePointField, Num, NumField, RateField, RawCurve, RawEstimate, Sp,
    TenPointField, YearsField,
};

type Field<T> = Option<Sp<T>>;

yaml_block! {
    /// `project.yaml`: what the project is, its business case and its assumptions.
    pub struct RawProject {
        /// The report title.
        pub title: Field<String>,
        /// The client company.
        pub client: Field<String>,
        /// The consultant or team preparing the report.
        pub prepared_by: Field<String>,
        /// The report date, `YYYY-MM-DD`.
        pub date: Field<String>,
        /// ISO 4217 currency code of every money figure, e.g. `DKK`.
        pub currency: Field<String>,
        /// Report language: `en`, `da`, `nb` or `sv`.
        #[schemars(extend("enum" = ["en", "da", "nb", "sv"]))]
        pub language: Field<String>,
        /// The working title of the project, the question it answers.
        pub purpose: Field<String>,
        /// The uplift of an average customer relationship the programme aims for.
        pub target_uplift: Field<RawRange>,
        /// Years of customer value counted, 1–30.
        pub horizon_years: YearsField,
        /// Annual discount rate for present values, e.g. `0.09` or `9%`.
        pub discount_rate: RateField,
        /// Money per hour, used to price the hours spent on touchpoints.
        pub hourly_rate: NumField,
        /// The business case for leadership: the challenge, the approach and the expected value (Markdown).
        pub business_case: Field<RawBusinessCase>,
        /// What the programme costs.
        pub investment: Vec<Sp<RawInvestment>>,
        /// What could go wrong, each scored for likelihood and impact and given a mitigation.
        pub risks: Vec<Sp<RawRisk>>,
        /// The programme's activities, shown as a Gantt chart.
        pub timeline: Vec<Sp<RawActivity>>,
        /// Project-wide benchmarks for the problem-area analysis.
        pub benchmarks: Field<RawBenchmarks>,
        /// Monte Carlo settings for the probability of reaching the target and the NPV range.
        pub simulation: Field<RawSimulation>,
        /// The share of every lever's full effect reached in year 1, 2, … (0 to 1, never falling),
        /// e.g. `[0.4, 0.8, 1.0]`; the last value holds for later years. Absent: full effect from
        /// year 1. See docs/metrics.md, `ramp_up`.
        pub ramp_up: Field<Vec<Sp<Num>>>,
        /// Report branding.
        pub brand: Field<RawBrand>,
        /// The client's transaction data (a CRM or ERP export), or a per-customer summary.
        pub data: Field<RawData>,
        /// How the path from first purchase to a loyal customer is read from the transaction
        /// data: the purchase days that mark each stage, the window they must fall in and the
        /// gap after which a customer counts as lapsed. See docs/metrics.md, "The loyalty path".
        pub loyalty_path: Field<RawLoyaltyPath>,
        /// The consultant's own story in the report: headline, key messages, next steps and
        /// action titles.
        pub report: Field<RawReport>,
    }
}

yaml_block! {
    /// `report:`: the consultant's words in place of or beside the generated ones.
    pub struct RawReport {
        /// Markdown, in place of the generated headline sentence of the summary.
        pub headline: Field<String>,
        /// Up to five key messages (Markdown), shown as bullets at the top of the summary.
        pub key_messages: Vec<Sp<String>>,
        /// The next steps (Markdown), in place of the generated list.
        pub next_steps: Field<Vec<Sp<String>>>,
        /// An action title per section, shown above its standard title, e.g.
        /// `value: "Three segments carry 80 % of the upside"`.
        pub section_titles: Field<RawSectionTitles>,
        /// `full` (default): every section and the audit appendix; `leadership`: what a board
        /// reads in ten minutes — cover, summary, business case, value, journey gaps and own
        /// sections — with the same figures. `build --edition` overrides it for one run.
        #[schemars(extend("enum" = ["full", "leadership"]))]
        pub edition: Field<String>,
        /// Whether the cover shows the version the report was built from (default true).
        pub show_version: Field<bool>,
    }
}

yaml_block! {
    /// An action title per report section: the one thing to take from it.
    pub struct RawSectionTitles {
        /// Above the executive summary.
        pub summary: Field<String>,
        /// Above the business case.
        pub business_case: Field<String>,
        /// Above the segment economics and problem areas.
        pub economics: Field<String>,
        /// Above what the client's data says.
        pub data: Field<String>,
        /// Above the value uplift.
        pub value: Field<String>,
        /// Above the customer journey and its gaps.
        pub journey: Field<String>,
        /// Above what the initiatives on the journey are worth and cost.
        pub initiatives: Field<String>,
        /// Above win/loss and jobs to be done.
        pub winloss_jobs: Field<String>,
        /// Above the appendix.
        pub appendix: Field<String>,
    }
}

yaml_block! {
    /// `data:`: where the client's export is and how it is laid out.
    pub struct RawData {
        /// The transaction log, e.g. `data/transactions.csv`: one row per purchase.
        pub transactions: Field<String>,
        /// Optional customer → segment file, when the log has no segment column.
        pub customers: Field<String>,
        /// A per-customer summary computed in a warehouse (docs/warehouse.md), instead of `transactions`.
        pub summary: Field<String>,
        /// The client's column names.
        pub columns: Field<RawColumns>,
        /// Field delimiter: `","`, `";"` or `"tab"` (default `","`).
        #[schemars(extend("enum" = [",", ";", "tab"]))]
        pub delimiter: Field<String>,
        /// Decimal sign: `"."` or `","` (default `"."`). With `","`, `.` may group thousands: `1.234,50`.
        #[schemars(extend("enum" = [".", ","]))]
        pub decimal: Field<String>,
        /// Date format in strftime notation, e.g. `"%d.%m.%Y"` (default ISO, `"%Y-%m-%d"`).
        pub date_format: Field<String>,
        /// `utf-8` (default) or `windows-1252`.
        #[schemars(extend("enum" = ["utf-8", "windows-1252"]))]
        pub encoding: Field<String>,
        /// The last day observed, `YYYY-MM-DD` (default: the last date in the data).
        pub observation_end: Field<String>,
        /// Holdout validation: fit the customer-base models on the transactions up to this
        /// day, `YYYY-MM-DD`, and compare their predictions with what the customers then did
        /// up to the observation end. Needs `transactions`.
        pub calibration_end: Field<String>,
        /// The purchase model that values the customers: `bg_nbd` (default), `pareto_nbd`,
        /// `mbg_nbd`, or `auto` (per segment the lowest holdout error, else the lowest BIC).
        #[schemars(extend("enum" = ["auto", "bg_nbd", "pareto_nbd", "mbg_nbd"]))]
        pub model: Field<String>,
        /// `fail` (default) stops at bad rows and lists them; `skip` leaves them out and reports how many.
        #[schemars(extend("enum" = ["fail", "skip"]))]
        pub on_bad_rows: Field<String>,
    }
}

yaml_block! {
    /// Column names in the client's export, mapped to what uplift reads.
    pub struct RawColumns {
        /// Customer id column (default `customer`).
        pub customer: Field<String>,
        /// Purchase date column (default `date`).
        pub date: Field<String>,
        /// Net amount column (default `amount`); negative amounts are returns.
        pub amount: Field<String>,
        /// Optional gross margin per row, as money.
        pub margin: Field<String>,
        /// Optional gross margin per row, as a rate of the amount (e.g. `0.31` or `31%`).
        pub margin_rate: Field<String>,
        /// Optional segment column; its values are segment ids from segments.yaml.
        pub segment: Field<String>,
        /// Optional product or service category column (at most 32 distinct values): a
        /// customer buying from several is "integrated" (`loyalty_path.categories`).
        pub category: Field<String>,
    }
}

yaml_block! {
    /// `{min, max}` of the target uplift.
    pub struct RawRange {
        /// The lowest uplift that counts as reaching the target, e.g. `0.10`.
        pub min: RateField,
        /// The highest uplift leadership expects, e.g. `0.20`.
        pub max: RateField,
    }
}

yaml_block! {
    /// The three Markdown texts of the business case.
    pub struct RawBusinessCase {
        /// Why the project exists: what the customer base costs the company today (Markdown).
        pub challenge: Field<String>,
        /// How the programme will raise customer value (Markdown).
        pub approach: Field<String>,
        /// What the programme is expected to be worth, in words (Markdown).
        pub expected_value: Field<String>,
    }
}

yaml_block! {
    /// One investment line: what it is, what it costs once and every year.
    pub struct RawInvestment {
        /// What the money is spent on.
        pub item: Field<String>,
        /// Spent once, at the start (year 0), in the project currency.
        pub one_off: NumField,
        /// Spent every year of the horizon, in the project currency.
        pub annual: NumField,
        /// The segment id this investment serves; absent = programme-wide.
        pub segment: Field<String>,
        /// The id of the initiative in journey.yaml this line funds: its cost is then taken from
        /// the initiative (`one_off`, and `annual + hours_per_year × hourly_rate` a year) and
        /// not written here.
        pub initiative: Field<String>,
    }
}

yaml_block! {
    pub struct RawRisk {
        /// What could go wrong.
        pub risk: Field<String>,
        /// 1 (rare) to 5 (almost certain).
        pub likelihood: FivePointField,
        /// 1 (minor) to 5 (severe).
        pub impact: FivePointField,
        /// What the programme does about it.
        pub mitigation: Field<String>,
    }
}

yaml_block! {
    pub struct RawActivity {
        /// What is done.
        pub activity: Field<String>,
        /// First day, `YYYY-MM-DD`.
        pub start: Field<String>,
        /// Last day, `YYYY-MM-DD`, not before `start`.
        pub end: Field<String>,
        /// Who is responsible.
        pub owner: Field<String>,
    }
}

yaml_block! {
    /// Benchmarks a segment is measured against; every key optional.
    pub struct RawBenchmarks {
        /// Share of customers kept from one year to the next that a segment is measured against.
        pub retention_rate: RateField,
        /// Purchases per customer and year a segment is measured against.
        pub purchases_per_year: NumField,
        /// Average order value a segment is measured against, in the project currency.
        pub average_order_value: NumField,
        /// Gross margin (a rate of revenue) a segment is measured against.
        pub gross_margin: RateField,
    }
}

yaml_block! {
    pub struct RawSimulation {
        /// Monte Carlo runs (default 10,000).
        pub draws: NumField,
        /// Random seed: the same seed gives the same figures on every machine.
        pub seed: NumField,
        /// How strongly the levers move together, from 0 (independently) to 1 (all at the same
        /// percentile in every draw); default 0.5. See docs/metrics.md, `simulation`.
        pub lever_correlation: RateField,
    }
}

yaml_block! {
    /// `loyalty_path:`: the stages of the path to a loyal customer.
    pub struct RawLoyaltyPath {
        /// The purchase days that mark the four stages — first purchase, repeat, regular,
        /// loyal — counted from the first: 1, then rising; default `[1, 2, 4, 8]`.
        pub purchases: Field<Vec<Sp<Num>>>,
        /// The days from the first purchase within which a stage must be reached (default 365);
        /// only customers whose whole window has been observed are counted.
        pub window_days: DaysField,
        /// A gap between purchase days longer than this many days (default 365) makes a
        /// customer lapsed; one who bought again after it came back (win-back).
        pub lapse_days: DaysField,
        /// With a category column (`data: columns: category`): the categories bought within
        /// the window that make a loyal customer "integrated", the path's last stage
        /// (default 3).
        pub categories: CategoriesField,
    }
}

yaml_block! {
    pub struct RawBrand {
        /// Accent colour of the report, `#rrggbb`.
        pub primary_color: Field<String>,
        /// Logo file inside the project, default `assets/logo.svg` or `assets/logo.png`.
        pub logo: Field<String>,
    }
}

yaml_block! {
    /// `segments.yaml`.
    pub struct RawSegmentsFile {
        /// The customer segments, each with its economics and the programme's expected effect on it.
        pub segments: Field<Vec<Sp<RawSegment>>>,
    }
}

yaml_block! {
    pub struct RawSegment {
        /// A short id the other files refer to: letters, digits, `-`, `_` and `.`.
        pub id: Field<String>,
        /// The segment's name in the report.
        pub name: Field<String>,
        /// Active customers today.
        pub customers: NumField,
        /// Purchases per active customer and year, or `from_data`.
        pub purchases_per_year: NumField,
        /// Average value of a purchase in the project currency, or `from_data`.
        pub average_order_value: NumField,
        /// Gross margin as a rate of revenue.
        pub gross_margin: RateField,
        /// Share of customers who stay from one year to the next.
        pub retention_rate: RateField,
        /// A subscription's monthly fee, in place of `purchases_per_year` and `average_order_value`
        /// (docs/metrics.md, "Subscription segments").
        pub monthly_price: NumField,
        /// Share of subscribers who cancel each month, in place of `retention_rate`.
        pub monthly_churn: RateField,
        /// One of the programme's selected segments.
        pub focus: Field<bool>,
        /// What winning new customers costs today.
        pub acquisition: Field<RawAcquisition>,
        /// Product groups an average customer buys (shown as context beside the economics).
        pub products_per_customer: NumField,
        /// Overrides the project's benchmarks for this segment.
        pub benchmarks: Field<RawBenchmarks>,
        /// The programme's expected effect on each value driver: one number, or `{low, likely, high}`.
        pub levers: Field<RawLevers>,
        /// Customers still active after 0, 1, 2, … years (e.g. `[1000, 631, 468]`), or
        /// `from_data`: fits the shifted-beta-geometric model of retention by tenure.
        pub retention_curve: Field<RawCurve>,
    }
}

yaml_block! {
    pub struct RawAcquisition {
        /// Customers won per year.
        pub new_customers_per_year: NumField,
        /// Marketing and sales spend per year on winning them, in the project currency.
        pub spend_per_year: NumField,
    }
}

yaml_block! {
    /// The programme's expected effect on each value driver.
    pub struct RawLevers {
        /// Absolute change in retention (`0.03` = +3 points).
        pub retention_rate: Field<RawEstimate>,
        /// Absolute change in gross margin (`0.01` = +1 point).
        pub gross_margin: Field<RawEstimate>,
        /// Relative change in purchases per year (`0.05` = +5 %).
        pub purchases_per_year: Field<RawEstimate>,
        /// Relative change in average order value (`0.05` = +5 %).
        pub average_order_value: Field<RawEstimate>,
        /// Subscription segments: relative change in the monthly price (`0.05` = +5 %).
        pub monthly_price: Field<RawEstimate>,
        /// Subscription segments: change in monthly churn in points (`-0.005` = half a point fewer
        /// cancel each month); `low` is the pessimistic point, the smallest reduction.
        pub monthly_churn: Field<RawEstimate>,
    }
}

yaml_block! {
    /// `options/<id>.yaml`: a programme option, told as its differences from the base case in
    /// project.yaml and segments.yaml; everything it does not name is the base case.
    pub struct RawOption {
        /// The option's name in the decision table, e.g. `Lean programme in two segments`.
        pub name: Field<String>,
        /// One or two sentences on what sets this option apart (plain text).
        pub description: Field<String>,
        /// Replaces the base case's `ramp_up` (same rules: shares 0 to 1, never falling).
        pub ramp_up: Field<Vec<Sp<Num>>>,
        /// Replaces the base case's investment lines as a whole (`[]` for none).
        pub investment: Field<Vec<Sp<RawInvestment>>>,
        /// Segments whose focus or levers differ from segments.yaml, by id.
        pub segments: Vec<Sp<RawOptionSegment>>,
    }
}

yaml_block! {
    /// A segment's differences from segments.yaml in one option.
    pub struct RawOptionSegment {
        /// The id of a segment in segments.yaml.
        pub id: Field<String>,
        /// Whether the segment is one of this option's selected segments.
        pub focus: Field<bool>,
        /// Levers that replace the base case's, one by one; levers not named stay as they are.
        pub levers: Field<RawLevers>,
    }
}

yaml_block! {
    /// `journey.yaml`.
    pub struct RawJourney {
        /// The phases of the customer journey, in order.
        pub phases: Field<Vec<Sp<RawPhase>>>,
        /// Where the customer meets the company, scored by the workshop.
        pub touchpoints: Field<Vec<Sp<RawTouchpoint>>>,
        /// The markets scored separately, e.g. `[Denmark, Norway]`: the names a touchpoint's
        /// `by_market` and a workshop note's `market` use.
        pub markets: Field<Vec<Sp<String>>>,
        /// What the company will do about the gaps, what it costs and which levers it moves.
        pub initiatives: Field<Vec<Sp<RawInitiative>>>,
    }
}

yaml_block! {
    pub struct RawPhase {
        /// A short id touchpoints and notes refer to.
        pub id: Field<String>,
        /// The phase's name in the report.
        pub name: Field<String>,
        /// What we want to achieve in this phase.
        pub goal: Field<String>,
        /// What the customer needs and thinks here.
        pub customer_needs: Field<String>,
    }
}

yaml_block! {
    pub struct RawTouchpoint {
        /// A short id, unique in the journey.
        pub id: Field<String>,
        /// The id of the journey phase this touchpoint belongs to.
        pub phase: Field<String>,
        /// Where the touchpoint happens, e.g. `Webshop` or `Field sales`.
        pub channel: Field<String>,
        /// What happens at the touchpoint.
        pub name: Field<String>,
        /// Value to the customer, 1–5.
        pub importance: FivePointField,
        /// How well we deliver it today, 1–5.
        pub performance: FivePointField,
        /// Whether we are present at this touchpoint today (default true).
        pub present: Field<bool>,
        /// Staff hours spent on it per year, priced at `hourly_rate`.
        pub hours_per_year: NumField,
        /// Money spent on it per year besides the hours, in the project currency.
        pub budget_per_year: NumField,
        /// Scores and effort that differ by market, keyed by a market in `markets`; what is
        /// left out keeps the value above.
        pub by_market: BTreeMap<String, Sp<RawMarketScores>>,
    }
}

yaml_block! {
    /// A touchpoint as one market scores it.
    pub struct RawMarketScores {
        /// Value to the customer in this market, 1–5.
        pub importance: FivePointField,
        /// How well we deliver it in this market, 1–5.
        pub performance: FivePointField,
        /// Whether we are present at this touchpoint in this market.
        pub present: Field<bool>,
        /// Staff hours spent on it per year in this market.
        pub hours_per_year: NumField,
        /// Money spent on it per year in this market besides the hours.
        pub budget_per_year: NumField,
    }
}

yaml_block! {
    /// Something the company will do about one or more touchpoints.
    pub struct RawInitiative {
        /// A short id, unique among the initiatives; an investment line names it to fund it.
        pub id: Field<String>,
        /// The initiative's name in the report.
        pub name: Field<String>,
        /// `add`, `improve`, `reduce` or `stop`.
        #[schemars(extend("enum" = ["add", "improve", "reduce", "stop"]))]
        pub action: Field<String>,
        /// The ids of the touchpoints it adds, improves, reduces or stops.
        pub touchpoints: Field<Vec<Sp<String>>>,
        /// Spent once, at the start (year 0), in the project currency.
        pub one_off: NumField,
        /// Money a year besides the hours; negative for money freed. A `stop` without it frees
        /// the touchpoints' whole `budget_per_year`.
        pub annual: NumField,
        /// Staff hours a year, priced at `hourly_rate`; negative for hours freed. A `stop`
        /// without it frees the touchpoints' whole `hours_per_year`.
        pub hours_per_year: NumField,
        /// The levers it moves: each the share of one segment's lever effect it delivers.
        pub delivers: Vec<Sp<RawDelivery>>,
    }
}

yaml_block! {
    /// The share of one segment's lever effect an initiative delivers.
    pub struct RawDelivery {
        /// The id of a segment in segments.yaml.
        pub segment: Field<String>,
        /// `retention_rate`, `purchases_per_year`, `average_order_value` or `gross_margin`.
        #[schemars(extend("enum" = ["retention_rate", "purchases_per_year", "average_order_value", "gross_margin"]))]
        pub lever: Field<String>,
        /// The share (0 to 1, or per cent) of that lever's effect in the segment this initiative
        /// delivers; the shares of one segment's lever add up to at most 1.
        pub share: RateField,
    }
}

yaml_block! {
    /// `winloss.yaml`.
    pub struct RawWinLoss {
        /// Won and lost customers per segment, with the reasons given.
        pub segments: Field<Vec<Sp<RawWinLossSegment>>>,
    }
}

yaml_block! {
    pub struct RawWinLossSegment {
        /// The id of a segment in segments.yaml.
        pub segment: Field<String>,
        /// Customers won in the period.
        pub won: NumField,
        /// Customers lost in the period.
        pub lost: NumField,
        /// Why customers chose us: reason → count.
        pub reasons_won: BTreeMap<String, Sp<Num>>,
        /// Why customers left or chose another supplier: reason → count.
        pub reasons_lost: BTreeMap<String, Sp<Num>>,
        /// How many customers were offered more, and how many bought it.
        pub upsell: Field<RawUpsell>,
        /// The same counts per period, oldest first, to monitor them over time: instead of
        /// `won`, `lost`, the reasons and `upsell` above, which are then their sums.
        pub periods: Field<Vec<Sp<RawWinLossPeriod>>>,
    }
}

yaml_block! {
    /// One period's win/loss counts.
    pub struct RawWinLossPeriod {
        /// A year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`); every period in the
        /// file of the same kind.
        pub period: Field<Num>,
        /// Customers won in the period.
        pub won: NumField,
        /// Customers lost in the period.
        pub lost: NumField,
        /// Why customers chose us: reason → count.
        pub reasons_won: BTreeMap<String, Sp<Num>>,
        /// Why customers left or chose another supplier: reason → count.
        pub reasons_lost: BTreeMap<String, Sp<Num>>,
        /// How many customers were offered more, and how many bought it.
        pub upsell: Field<RawUpsell>,
    }
}

yaml_block! {
    pub struct RawUpsell {
        /// Customers who could have been sold more.
        pub customers: NumField,
        /// Of those, customers who bought more.
        pub upsold: NumField,
    }
}

yaml_block! {
    /// `jobs.yaml`.
    pub struct RawJobs {
        /// The jobs customers hire the company to do, scored by importance and satisfaction.
        pub jobs: Field<Vec<Sp<RawJob>>>,
    }
}

yaml_block! {
    pub struct RawJob {
        /// A short id, unique in the file.
        pub id: Field<String>,
        /// The job in the customer's words, e.g. `Get a firm quote within one working day`.
        pub statement: Field<String>,
        /// The segment whose customers have this job; absent for all segments.
        pub segment: Field<String>,
        /// 0–10.
        pub importance: TenPointField,
        /// 0–10.
        pub satisfaction: TenPointField,
    }
}

yaml_block! {
    /// The YAML front matter of an own section (`sections/*.md`).
    pub struct RawOwnSectionMeta {
        /// The section's title.
        pub title: Field<String>,
        /// The report section it follows: `summary`, `business_case`, `economics`, `data`,
        /// `value`, `journey`, `initiatives`, `winloss_jobs` or `appendix`.
        pub after: Field<String>,
    }
}

yaml_block! {
    /// The YAML front matter of a workshop note.
    pub struct RawWorkshopMeta {
        pub title: Field<String>,
        pub date: Field<String>,
        pub market: Field<String>,
        pub participants: Vec<Sp<String>>,
        /// Journey phase ids the note is about.
        pub phases: Vec<Sp<String>>,
    }
}
