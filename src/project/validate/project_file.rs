//! `project.yaml` → meta, settings, business case, investment, risks, timeline.

use std::path::{Path, PathBuf};

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use crate::diagnostic::Position;
use crate::model::Language;
use crate::model::{
    Activity, Brand, BusinessCase, Investment, LoyaltyPathSettings, Meta, Money, PerDriver, Rate, Risk,
    Score, Settings, Story,
};
use crate::project::raw::{Num, NumField, RawBenchmarks, RawLoyaltyPath, RawProject, Sp};

/// Default Monte Carlo draws: enough for stable P10/P90 at two decimals of a per cent.
const DEFAULT_DRAWS: f64 = 10_000.0;

/// Default lever correlation: half of each lever's uncertainty is the programme's shared
/// fate (docs/metrics.md, `simulation`, says why this is the prudent middle).
const DEFAULT_LEVER_CORRELATION: f64 = 0.5;

/// Everything `project.yaml` contributes to the model.
pub struct ProjectPart {
    pub meta: Meta,
    pub settings: Settings,
    pub business_case: BusinessCase,
    pub investments: Vec<Investment>,
    pub risks: Vec<Risk>,
    pub timeline: Vec<Activity>,
    pub benchmarks: PerDriver<Option<f64>>,
    pub brand: Brand,
    /// The logo file, relative to the project folder.
    pub logo_path: Option<PathBuf>,
    pub data: Option<crate::project::data::DataConfig>,
    pub story: Story,
}

/// The settings, and the `data:` section when there is one (`None` inside when invalid):
/// all that a read of the data alone takes (`project::load_data_only`).
pub fn settings_and_data(
    raw: &RawProject,
    c: &mut Checker,
    dir: &Path,
) -> (Option<Settings>, Option<Option<crate::project::data::DataConfig>>) {
    let settings = settings(raw, c, Some(Position { line: 1, column: 1 }));
    let data = raw.data.as_ref().map(|d| super::data_section::validate(d, c, dir));
    let categories = integration_categories(raw, data.as_ref().and_then(Option::as_ref), c);
    let settings = settings.map(|mut s| {
        s.loyalty_path.categories = categories.flatten();
        s
    });
    (settings, data)
}

pub fn validate(raw: &RawProject, c: &mut Checker, refs: &InvestmentRefs, dir: &Path) -> Option<ProjectPart> {
    let top = Some(Position { line: 1, column: 1 });
    let meta = meta(raw, c, top);
    let (settings, data) = settings_and_data(raw, c, dir);
    let business_case = raw.business_case.as_ref().map_or_else(BusinessCase::default, |b| BusinessCase {
        challenge: c.optional_text(&b.value.challenge, "business_case.challenge"),
        approach: c.optional_text(&b.value.approach, "business_case.approach"),
        expected_value: c.optional_text(&b.value.expected_value, "business_case.expected_value"),
    });
    let investments = investments(&raw.investment, c, refs);
    let risks = list(&raw.risks, |i, sp| risk(sp, c, i));
    let timeline = list(&raw.timeline, |i, sp| activity(sp, c, i));
    let benchmarks = match &raw.benchmarks {
        Some(b) => benchmarks(&b.value, c, "benchmarks"),
        None => Some(PerDriver::default()),
    };
    let story = super::report_block::validate(raw.report.as_ref(), c);
    let brand = brand(raw, c, dir);
    let (brand, logo_path) = match brand {
        Some((b, p)) => (Some(b), p),
        None => (None, None),
    };
    Some(ProjectPart {
        meta: meta?,
        settings: settings?,
        business_case,
        investments: investments?,
        risks: risks?,
        timeline: timeline?,
        benchmarks: benchmarks?,
        brand: brand?,
        logo_path,
        data: match data {
            Some(d) => Some(d?),
            None => None,
        },
        story: story?,
    })
}

/// Validates every entry of a list; `None` if any entry failed (all are checked).
pub fn list<R, T>(items: &[R], mut each: impl FnMut(usize, &R) -> Option<T>) -> Option<Vec<T>> {
    let results: Vec<Option<T>> = items.iter().enumerate().map(|(i, r)| each(i, r)).collect();
    results.into_iter().collect()
}

fn meta(raw: &RawProject, c: &mut Checker, top: Option<Position>) -> Option<Meta> {
    let title = c.text(&raw.title, "title", top);
    let client = c.text(&raw.client, "client", top);
    let prepared_by = c.text(&raw.prepared_by, "prepared_by", top);
    let date = c.date(&raw.date, "date", top);
    let currency = currency(raw, c, top);
    let language = language(raw, c);
    let purpose = c.text(&raw.purpose, "purpose", top);
    Some(Meta {
        title: title?,
        client: client?,
        prepared_by: prepared_by?,
        date: date?,
        currency: currency?,
        language: language?,
        purpose: purpose?,
    })
}

fn currency(raw: &RawProject, c: &mut Checker, top: Option<Position>) -> Option<String> {
    let code = c.text(&raw.currency, "currency", top)?;
    if code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Some(code);
    }
    let at = raw.currency.as_ref().and_then(|v| c.pos(v));
    c.error(
        at,
        "currency",
        format!("`{code}` is not an ISO 4217 currency code"),
        Some("write three capital letters, e.g. DKK, NOK, SEK or EUR".into()),
    );
    None
}

fn language(raw: &RawProject, c: &mut Checker) -> Option<Language> {
    let Some(v) = &raw.language else {
        return Some(Language::En);
    };
    let code = v.value.trim();
    let language = code.parse::<Language>().ok();
    if language.is_none() {
        c.error(
            c.pos(v),
            "language",
            format!("unsupported language `{code}`"),
            Some("write en, da, nb or sv".into()),
        );
    }
    language
}

fn settings(raw: &RawProject, c: &mut Checker, top: Option<Position>) -> Option<Settings> {
    let target = c.required(&raw.target_uplift, "target_uplift", top);
    let (target_min, target_max) = match target {
        Some(t) => {
            let at = c.pos(t);
            let min = c.number(&t.value.min, "target_uplift.min", at, Kind::Rate);
            let max = c.number(&t.value.max, "target_uplift.max", at, Kind::Rate);
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    c.error(
                        at,
                        "target_uplift",
                        format!("min {lo} is above max {hi}"),
                        Some("swap min and max".into()),
                    );
                }
            }
            (min, max)
        }
        None => (None, None),
    };
    let horizon = c.number(&raw.horizon_years, "horizon_years", top, Kind::Whole(1, 30));
    let discount_rate = c.number(&raw.discount_rate, "discount_rate", top, Kind::Rate);
    let hourly_rate = c.number(&raw.hourly_rate, "hourly_rate", top, Kind::Amount);
    let (draws, seed, lever_correlation) = match &raw.simulation {
        Some(s) => (
            c.optional_number(&s.value.draws, "simulation.draws", Kind::Whole(1, 1_000_000))
                .ok()
                .map(|d| d.unwrap_or(DEFAULT_DRAWS)),
            c.optional_number(&s.value.seed, "simulation.seed", Kind::Count).ok().map(|s| s.unwrap_or(0.0)),
            c.optional_number(&s.value.lever_correlation, "simulation.lever_correlation", Kind::Rate)
                .ok()
                .map(|r| r.unwrap_or(DEFAULT_LEVER_CORRELATION)),
        ),
        None => (Some(DEFAULT_DRAWS), Some(0.0), Some(DEFAULT_LEVER_CORRELATION)),
    };
    // Read before the settings are put together, so that their problems show in the same run.
    let ramp_up = ramp_up(&raw.ramp_up, c);
    let loyalty_path = loyalty_path(raw.loyalty_path.as_ref(), c);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // whole numbers checked above
    Some(Settings {
        target_min: Rate::new(target_min?)?,
        target_max: Rate::new(target_max?)?,
        horizon_years: horizon? as u32,
        discount_rate: Rate::new(discount_rate?)?,
        hourly_rate: Money::new(hourly_rate?)?,
        draws: draws? as u32,
        seed: seed? as u64,
        lever_correlation: Rate::new(lever_correlation?)?,
        ramp_up: ramp_up?.unwrap_or_default(),
        loyalty_path: loyalty_path?,
    })
}

/// `loyalty_path:`, each field defaulting to the method's path: four stages, the first at
/// purchase day 1 and each later one at a later day; window and lapse in whole days.
fn loyalty_path(raw: Option<&Sp<RawLoyaltyPath>>, c: &mut Checker) -> Option<LoyaltyPathSettings> {
    let defaults = LoyaltyPathSettings::default();
    let Some(raw) = raw else { return Some(defaults) };
    let days = |c: &mut Checker, field: &NumField, name: &str, default: u32| {
        let read = c.optional_number(field, &format!("loyalty_path.{name}"), Kind::Whole(1, 3650)).ok()?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, 1..=3650
        Some(read.map_or(default, |x| x as u32))
    };
    let window_days = days(c, &raw.value.window_days, "window_days", defaults.window_days);
    let lapse_days = days(c, &raw.value.lapse_days, "lapse_days", defaults.lapse_days);
    let purchases = match &raw.value.purchases {
        Some(list) => stage_purchases(list, c),
        None => Some(defaults.purchases),
    };
    Some(LoyaltyPathSettings {
        purchases: purchases?,
        window_days: window_days?,
        lapse_days: lapse_days?,
        categories: None,
    })
}

/// `loyalty_path.categories`: the categories that make a loyal customer integrated, read
/// only with a category column in a transaction log (`Some(None)` without one); `None`
/// after a problem.
fn integration_categories(
    raw: &RawProject,
    data: Option<&crate::project::data::DataConfig>,
    c: &mut Checker,
) -> Option<Option<u32>> {
    use crate::project::data::DataInput;
    let given = raw.loyalty_path.as_ref().and_then(|l| l.value.categories.as_ref());
    let read = match given {
        Some(v) => Some(c.value(v, "loyalty_path.categories", Kind::Whole(2, 32))?),
        None => None,
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, 2..=32
    let read = read.map(|x| x as u32);
    match data.map(|d| (&d.input, d.columns.category.is_some())) {
        // A log's category column brings the stage; a summary's, only when asked for (the
        // summary's header is checked against it when it is read).
        Some((DataInput::Transactions { .. }, true)) => {
            Some(Some(read.unwrap_or(LoyaltyPathSettings::DEFAULT_CATEGORIES)))
        }
        Some((DataInput::Summary(_), _)) => Some(read),
        _ => match given {
            Some(given) => {
                c.error(
                    c.pos(given),
                    "loyalty_path.categories",
                    "counts categories, but no category column is mapped",
                    Some("map the transaction log's category column as `data: columns: category:`, or remove `categories`".into()),
                );
                None
            }
            None => Some(None),
        },
    }
}

/// `loyalty_path.purchases`: four whole numbers, 1 first, each above the one before.
fn stage_purchases(list: &Sp<Vec<Sp<Num>>>, c: &mut Checker) -> Option<[u32; 4]> {
    let read: Vec<Option<f64>> = list
        .value
        .iter()
        .enumerate()
        .map(|(k, v)| c.value(v, &format!("loyalty_path.purchases[{k}]"), Kind::Whole(1, 1000)))
        .collect();
    let read: Vec<f64> = read.into_iter().collect::<Option<_>>()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, 1..=1000
    let counts: Vec<u32> = read.iter().map(|&x| x as u32).collect();
    let problem = if counts.len() != 4 {
        Some(format!(
            "has {} stages; the path has four: first purchase, repeat, regular, loyal",
            counts.len()
        ))
    } else if counts[0] != 1 {
        Some(format!("starts at purchase day {}; the first stage is the first purchase", counts[0]))
    } else if counts.windows(2).any(|w| w[1] <= w[0]) {
        Some("does not rise: each stage needs more purchase days than the one before".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        c.error(c.pos(list), "loyalty_path.purchases", problem, Some("write e.g. `[1, 2, 4, 8]`".into()));
        return None;
    }
    counts.try_into().ok()
}

/// `ramp_up:` as shares of the full effect, each 0..=1, never falling, at most 30 years;
/// `Some(None)` when it is not given.
pub fn ramp_up(field: &Option<Sp<Vec<Sp<Num>>>>, c: &mut Checker) -> Option<Option<Vec<f64>>> {
    let Some(list) = field else { return Some(None) };
    let shares: Vec<Option<f64>> = list
        .value
        .iter()
        .enumerate()
        .map(|(k, v)| c.value(v, &format!("ramp_up[{k}]"), Kind::Rate))
        .collect();
    let shares: Vec<f64> = shares.into_iter().collect::<Option<_>>()?;
    let problem = if shares.is_empty() {
        Some("is empty".to_owned())
    } else if shares.len() > 30 {
        Some(format!("has {} years; the horizon is at most 30", shares.len()))
    } else {
        shares.windows(2).position(|w| w[1] < w[0]).map(|k| {
            format!("falls from {} in year {} to {} in year {}", shares[k], k + 1, shares[k + 1], k + 2)
        })
    };
    if let Some(message) = problem {
        let hint = "give the share of the full effect reached in each year, rising to 1, e.g. `ramp_up: [0.4, 0.8, 1.0]`";
        c.error(c.pos(list), "ramp_up", message, Some(hint.into()));
        return None;
    }
    Some(Some(shares))
}

pub fn investment(
    sp: &Sp<crate::project::raw::RawInvestment>,
    c: &mut Checker,
    i: usize,
    known: &InvestmentRefs,
) -> Option<Investment> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("investment[{i}].{f}");
    let item = c.text(&raw.item, &path("item"), at);
    let segment = match &raw.segment {
        Some(id) => c.refer(id, &path("segment"), known.segments, "segment").map(Some),
        None => Some(None),
    };
    let Some(initiative) = &raw.initiative else {
        let one_off = c.number(&raw.one_off, &path("one_off"), at, Kind::Amount);
        let annual = c.number(&raw.annual, &path("annual"), at, Kind::Amount);
        return Some(Investment {
            item: item?,
            one_off: Money::new(one_off?)?,
            annual: Money::new(annual?)?,
            segment: segment?,
            initiative: None,
        });
    };
    // The cost comes from the initiative: written here as well, the two could disagree.
    for (field, value) in [("one_off", &raw.one_off), ("annual", &raw.annual)] {
        if let Some(v) = &**value {
            c.error(
                c.pos(v),
                &path(field),
                format!("`{field}` is taken from initiative `{}` this line funds", initiative.value.trim()),
                Some(format!("remove `{field}:` here, or remove `initiative:` and give the cost here")),
            );
        }
    }
    let initiative = c.refer(initiative, &path("initiative"), known.initiatives, "initiative");
    if raw.one_off.is_some() || raw.annual.is_some() {
        return None;
    }
    // Zero until the loader fills in the initiative's cost (`project::funding`).
    Some(Investment {
        item: item?,
        one_off: Money::default(),
        annual: Money::default(),
        segment: segment?,
        initiative: Some(initiative?),
    })
}

/// The investment lines of one list, each checked, and no initiative funded twice: its cost
/// would count twice in the programme's investment.
pub fn investments(
    lines: &[Sp<crate::project::raw::RawInvestment>],
    c: &mut Checker,
    known: &InvestmentRefs,
) -> Option<Vec<Investment>> {
    let mut funded = std::collections::BTreeMap::new();
    let mut twice = false;
    for (i, line) in lines.iter().enumerate() {
        let Some(id) = &line.value.initiative else { continue };
        if let Some(first) = funded.insert(id.value.trim().to_owned(), i) {
            twice = true;
            c.error(
                c.pos(id),
                &format!("investment[{i}].initiative"),
                format!(
                    "initiative `{}` is already funded by investment line {}",
                    id.value.trim(),
                    first + 1
                ),
                Some("fund each initiative from one line; merge the two lines".into()),
            );
        }
    }
    let checked = list(lines, |i, sp| investment(sp, c, i, known));
    checked.filter(|_| !twice)
}

/// What an investment line may refer to: a segment, and an initiative in journey.yaml.
pub struct InvestmentRefs<'a> {
    pub segments: &'a KnownIds,
    pub initiatives: &'a KnownIds,
}

fn risk(sp: &Sp<crate::project::raw::RawRisk>, c: &mut Checker, i: usize) -> Option<Risk> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("risks[{i}].{f}");
    let name = c.text(&raw.risk, &path("risk"), at);
    let likelihood = c.number(&raw.likelihood, &path("likelihood"), at, Kind::Whole(1, 5));
    let impact = c.number(&raw.impact, &path("impact"), at, Kind::Whole(1, 5));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole numbers 1..=5
    Some(Risk {
        risk: name?,
        likelihood: Score::new(likelihood? as u8)?,
        impact: Score::new(impact? as u8)?,
        mitigation: c.optional_text(&raw.mitigation, &path("mitigation")),
    })
}

fn activity(sp: &Sp<crate::project::raw::RawActivity>, c: &mut Checker, i: usize) -> Option<Activity> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("timeline[{i}].{f}");
    let name = c.text(&raw.activity, &path("activity"), at);
    let start = c.date(&raw.start, &path("start"), at);
    let end = c.date(&raw.end, &path("end"), at);
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            let end_at = raw.end.as_ref().and_then(|v| c.pos(v));
            c.error(
                end_at,
                &path("end"),
                format!("ends ({e}) before it starts ({s})"),
                Some("swap start and end".into()),
            );
            return None;
        }
    }
    Some(Activity {
        activity: name?,
        start: start?,
        end: end?,
        owner: c.optional_text(&raw.owner, &path("owner")),
    })
}

/// Benchmarks, every key optional; retention below 1.
pub fn benchmarks(raw: &RawBenchmarks, c: &mut Checker, path: &str) -> Option<PerDriver<Option<f64>>> {
    let f = |name: &str| format!("{path}.{name}");
    let retention = c.optional_number(&raw.retention_rate, &f("retention_rate"), Kind::Rate);
    let retention = match (retention, &**raw.retention_rate) {
        (Ok(Some(r)), Some(v)) if r >= 1.0 => {
            c.error(c.pos(v), &f("retention_rate"), "a retention benchmark must be below 100 %", None);
            Err(())
        }
        (other, _) => other,
    };
    let purchases = c.optional_number(&raw.purchases_per_year, &f("purchases_per_year"), Kind::Positive);
    let order_value = c.optional_number(&raw.average_order_value, &f("average_order_value"), Kind::Positive);
    let margin = c.optional_number(&raw.gross_margin, &f("gross_margin"), Kind::Rate);
    Some(PerDriver {
        retention_rate: retention.ok()?,
        purchases_per_year: purchases.ok()?,
        average_order_value: order_value.ok()?,
        gross_margin: margin.ok()?,
    })
}

/// The brand and the logo's path (read by the loader, which reads every file).
fn brand(raw: &RawProject, c: &mut Checker, dir: &Path) -> Option<(Brand, Option<PathBuf>)> {
    let Some(b) = &raw.brand else {
        return Some((Brand::default(), default_logo(dir)));
    };
    let mut ok = true;
    let color = b.value.primary_color.as_ref().map(|v| v.value.trim().to_owned());
    if let (Some(col), Some(v)) = (&color, &b.value.primary_color) {
        let valid =
            col.len() == 7 && col.starts_with('#') && col[1..].chars().all(|ch| ch.is_ascii_hexdigit());
        if !valid {
            c.error(
                c.pos(v),
                "brand.primary_color",
                format!("`{col}` is not a colour"),
                Some("write a hex colour such as \"#1f4e79\" (quoted)".into()),
            );
            ok = false;
        }
    }
    let logo = match &b.value.logo {
        Some(v) => {
            let rel = Path::new(v.value.trim());
            let inside = rel.components().all(|part| matches!(part, std::path::Component::Normal(_)));
            if !inside || !dir.join(rel).is_file() {
                c.error(
                    c.pos(v),
                    "brand.logo",
                    format!("logo file `{}` not found in the project folder", rel.display()),
                    Some("give a path inside the project, e.g. assets/logo.svg".into()),
                );
                ok = false;
            }
            Some(rel.to_path_buf())
        }
        None => default_logo(dir),
    };
    ok.then_some((Brand { primary_color: color, logo: None }, logo))
}

/// `assets/logo.svg` or `assets/logo.png`, when present.
fn default_logo(dir: &Path) -> Option<std::path::PathBuf> {
    crate::project::DEFAULT_LOGOS.into_iter().map(std::path::PathBuf::from).find(|p| dir.join(p).is_file())
}
