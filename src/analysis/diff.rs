//! What changed between two versions of a project: inputs, figures and rankings.
//!
//! Pure: it compares two loaded projects and their metrics. Entries are matched by
//! id (segments, touchpoints, jobs), so a renamed or reordered entry is not a change,
//! and every list comes out in a fixed order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Metrics;
use crate::model::{Driver, MarketScores, Project, Scenario, Segment};

/// How a value should be read and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Rate,
    Money,
    Number,
    Months,
}

/// An input that differs: `file: field old → new`.
#[derive(Clone, Debug, Serialize)]
pub struct InputChange {
    pub file: &'static str,
    /// Where the value sits in its file, as `uplift diff` prints it:
    /// `segments[installers].levers.retention_rate.likely`.
    pub field: String,
    /// The segment, touchpoint, initiative or job the value belongs to (its id); `None` for a
    /// setting. With `list` and `key`, what the report names the value by.
    #[serde(skip)]
    pub entry: Option<String>,
    /// The list the entry is in: `segments`, `touchpoints`, `initiatives` or `jobs`.
    #[serde(skip)]
    pub list: Option<&'static str>,
    /// The value within its entry (`levers.retention_rate.likely`), or the setting's key.
    #[serde(skip)]
    pub key: String,
    pub kind: Kind,
    pub old: f64,
    pub new: f64,
}

/// An entry present in only one version.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub file: &'static str,
    /// `segments`, `touchpoints`, `initiatives`, `jobs` or `options`.
    pub list: &'static str,
    pub id: String,
}

impl Entry {
    /// As `uplift diff` prints it: `journey.yaml: chat-bot`, `journey.yaml: initiatives[x]`
    /// for an initiative (journey.yaml's other list).
    pub fn label(&self) -> String {
        match self.list {
            "initiatives" => format!("{}: initiatives[{}]", self.file, self.id),
            _ => format!("{}: {}", self.file, self.id),
        }
    }
}

/// A computed figure that moved.
#[derive(Clone, Debug, Serialize)]
pub struct FigureChange {
    /// `programme_uplift`, `npv`, `roi`, `payback_months`, `probability_reaching_target`,
    /// `segment_clv`, `segment_uplift` or `option_npv`.
    pub figure: &'static str,
    /// The segment id, for the per-segment figures; the option id, for an option's.
    pub segment: Option<String>,
    pub kind: Kind,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// `new − old`.
    pub change: Option<f64>,
    /// `new / old − 1`; `None` when `old` is zero.
    pub relative: Option<f64>,
}

/// An entry of a ranking that moved, appeared or left.
#[derive(Clone, Debug, Serialize)]
pub struct RankChange {
    /// `problem_areas`, `touchpoint_gaps` or `jobs`.
    pub ranking: &'static str,
    pub entry: String,
    /// 1-based; `None` when not ranked in that version.
    pub old_rank: Option<usize>,
    pub new_rank: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub inputs: Vec<InputChange>,
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub figures: Vec<FigureChange>,
    pub rankings: Vec<RankChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.figures.is_empty()
            && self.rankings.is_empty()
    }
}

/// Compares version `a` (old) with version `b` (new).
pub fn diff(a: &Project, ma: &Metrics, b: &Project, mb: &Metrics) -> Diff {
    let mut inputs = Vec::new();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    settings(a, b, &mut inputs);
    segments(a, b, &mut inputs, &mut added, &mut removed);
    touchpoints(a, b, &mut inputs, &mut added, &mut removed);
    initiatives(a, b, &mut inputs, &mut added, &mut removed);
    jobs(a, b, &mut inputs, &mut added, &mut removed);
    for (id, x, y) in matched(&a.options, &b.options, |o| &o.id) {
        pair(("options", "options"), &id, x, y, &mut added, &mut removed);
    }
    Diff { inputs, added, removed, figures: figures(ma, mb), rankings: rankings(ma, mb) }
}

/// Where a value sits: its file, and for an entry's value the list and the entry's id.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'static str,
    entry: Option<(&'static str, &'a str)>,
}

impl Place<'_> {
    fn setting() -> Place<'static> {
        Place { file: "project.yaml", entry: None }
    }
}

fn push(out: &mut Vec<InputChange>, at: Place, key: &str, kind: Kind, old: f64, new: f64) {
    if old.to_bits() != new.to_bits() {
        let field = match at.entry {
            Some((list, id)) => format!("{list}[{id}].{key}"),
            None => key.to_owned(),
        };
        let entry = at.entry.map(|(_, id)| id.to_owned());
        let list = at.entry.map(|(list, _)| list);
        out.push(InputChange { file: at.file, field, entry, list, key: key.to_owned(), kind, old, new });
    }
}

fn settings(a: &Project, b: &Project, out: &mut Vec<InputChange>) {
    let (x, y) = (&a.settings, &b.settings);
    let p = Place::setting();
    push(out, p, "target_uplift.min", Kind::Rate, x.target_min.get(), y.target_min.get());
    push(out, p, "target_uplift.max", Kind::Rate, x.target_max.get(), y.target_max.get());
    push(out, p, "horizon_years", Kind::Number, f64::from(x.horizon_years), f64::from(y.horizon_years));
    push(out, p, "discount_rate", Kind::Rate, x.discount_rate.get(), y.discount_rate.get());
    push(out, p, "hourly_rate", Kind::Money, x.hourly_rate.get(), y.hourly_rate.get());
    let total = |p: &Project| {
        (
            p.investments.iter().map(|i| i.one_off.get()).sum::<f64>(),
            p.investments.iter().map(|i| i.annual.get()).sum::<f64>(),
        )
    };
    let ((oa, aa), (ob, ab)) = (total(a), total(b));
    push(out, p, "investment (total one-off)", Kind::Money, oa, ob);
    push(out, p, "investment (total annual)", Kind::Money, aa, ab);
}

/// Entries of two versions matched by id: (id, old, new).
fn matched<'a, T>(
    a: &'a [T],
    b: &'a [T],
    id: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let mut all: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for x in a {
        all.entry(id(x).to_owned()).or_default().0 = Some(x);
    }
    for y in b {
        all.entry(id(y).to_owned()).or_default().1 = Some(y);
    }
    all.into_iter().map(|(k, (x, y))| (k, x, y)).collect()
}

/// Records an entry as added or removed; `Some((old, new))` when it is in both.
fn pair<'a, T>(
    (file, list): (&'static str, &'static str),
    id: &str,
    x: Option<&'a T>,
    y: Option<&'a T>,
    added: &mut Vec<Entry>,
    removed: &mut Vec<Entry>,
) -> Option<(&'a T, &'a T)> {
    match (x, y) {
        (Some(x), Some(y)) => Some((x, y)),
        (None, Some(_)) => {
            added.push(Entry { file, list, id: id.to_owned() });
            None
        }
        (Some(_), None) => {
            removed.push(Entry { file, list, id: id.to_owned() });
            None
        }
        (None, None) => None,
    }
}

fn segments(
    a: &Project,
    b: &Project,
    out: &mut Vec<InputChange>,
    added: &mut Vec<Entry>,
    removed: &mut Vec<Entry>,
) {
    let file = "segments.yaml";
    for (id, x, y) in matched(&a.segments, &b.segments, |s| &s.id) {
        let Some((x, y)) = pair((file, "segments"), &id, x, y, added, removed) else { continue };
        // Each segment's inputs as entered: a subscription's monthly figures when both
        // versions are subscriptions, else the drivers every segment converts to.
        let monthly = x.subscription.is_some() && y.subscription.is_some();
        let at = Place { file, entry: Some(("segments", &id)) };
        for ((key, kind, old), (_, _, new)) in entered(x, monthly).into_iter().zip(entered(y, monthly)) {
            push(out, at, &key, kind, old, new);
        }
    }
}

/// A segment's inputs as `(field, kind, value)`, in a fixed order; with `monthly`, a
/// subscription's monthly price and churn and their levers in place of the drivers they
/// convert to.
fn entered(seg: &Segment, monthly: bool) -> Vec<(String, Kind, f64)> {
    let point = |s: Scenario| match s {
        Scenario::Low => "low",
        Scenario::Likely => "likely",
        Scenario::High => "high",
    };
    let mut fields = vec![("customers".to_owned(), Kind::Number, seg.customers.get())];
    let subscription = seg.subscription.filter(|_| monthly);
    if let Some(sub) = &subscription {
        fields.push(("monthly_price".into(), Kind::Money, sub.monthly_price));
        fields.push(("monthly_churn".into(), Kind::Rate, sub.monthly_churn));
        let churn = sub.churn_lever;
        for (s, x) in Scenario::ALL.into_iter().zip([churn.low, churn.likely, churn.high]) {
            fields.push((format!("levers.monthly_churn.{}", point(s)), Kind::Rate, x));
        }
    }
    for d in Driver::ALL {
        // A subscription's churn lever is compared as written, with its monthly figures.
        let Some(key) = d.lever_key(subscription.is_some()).filter(|k| *k != "monthly_churn") else {
            continue;
        };
        let kind = if d == Driver::AverageOrderValue {
            Kind::Money
        } else if d.lever_is_absolute() {
            Kind::Rate
        } else {
            Kind::Number
        };
        if subscription.is_none() || d == Driver::GrossMargin {
            fields.push((key.to_owned(), kind, *seg.drivers.get(d)));
        }
        for s in Scenario::ALL {
            fields.push((format!("levers.{key}.{}", point(s)), Kind::Rate, seg.levers.get(d).at(s)));
        }
    }
    fields.push(("focus".into(), Kind::Number, f64::from(u8::from(seg.focus))));
    fields
}

fn touchpoints(
    a: &Project,
    b: &Project,
    out: &mut Vec<InputChange>,
    added: &mut Vec<Entry>,
    removed: &mut Vec<Entry>,
) {
    fn list(p: &Project) -> &[crate::model::Touchpoint] {
        p.journey.as_ref().map_or(&[], |j| &j.touchpoints)
    }
    let file = "journey.yaml";
    for (id, x, y) in matched(list(a), list(b), |t| &t.id) {
        let Some((x, y)) = pair((file, "touchpoints"), &id, x, y, added, removed) else { continue };
        let at = Place { file, entry: Some(("touchpoints", &id)) };
        push_scores(out, at, "", x.own_scores(), y.own_scores());
        // A market's scores, where either version has them (the touchpoint's own otherwise).
        let markets: std::collections::BTreeSet<&String> =
            x.by_market.keys().chain(y.by_market.keys()).collect();
        for market in markets {
            push_scores(out, at, &format!("by_market.{market}."), x.scores_in(market), y.scores_in(market));
        }
    }
}

/// A touchpoint's scores and effort in two versions, each field under `prefix`.
fn push_scores(out: &mut Vec<InputChange>, at: Place, prefix: &str, x: MarketScores, y: MarketScores) {
    let key = |f: &str| format!("{prefix}{f}");
    let flag = |b: bool| f64::from(u8::from(b));
    push(out, at, &key("importance"), Kind::Number, x.importance.get(), y.importance.get());
    push(out, at, &key("performance"), Kind::Number, x.performance.get(), y.performance.get());
    push(out, at, &key("hours_per_year"), Kind::Number, x.hours_per_year.get(), y.hours_per_year.get());
    push(out, at, &key("budget_per_year"), Kind::Money, x.budget_per_year.get(), y.budget_per_year.get());
    push(out, at, &key("present"), Kind::Number, flag(x.present), flag(y.present));
}

/// Initiatives matched by id: their cost, and the share of each segment's lever they deliver
/// (0 where a version does not deliver it).
fn initiatives(
    a: &Project,
    b: &Project,
    out: &mut Vec<InputChange>,
    added: &mut Vec<Entry>,
    removed: &mut Vec<Entry>,
) {
    fn list(p: &Project) -> &[crate::model::Initiative] {
        p.journey.as_ref().map_or(&[], |j| &j.initiatives)
    }
    let file = "journey.yaml";
    for (id, x, y) in matched(list(a), list(b), |i| &i.id) {
        let Some((x, y)) = pair((file, "initiatives"), &id, x, y, added, removed) else { continue };
        let at = Place { file, entry: Some(("initiatives", &id)) };
        push(out, at, "one_off", Kind::Money, x.one_off.get(), y.one_off.get());
        push(out, at, "annual", Kind::Money, x.annual, y.annual);
        push(out, at, "hours_per_year", Kind::Number, x.hours_per_year, y.hours_per_year);
        let share = |i: &crate::model::Initiative, segment: &str, lever: crate::model::Driver| {
            i.delivers
                .iter()
                .filter(|d| d.segment.id() == segment && d.lever == lever)
                .map(|d| d.share.get())
                .sum::<f64>()
        };
        let delivered: std::collections::BTreeSet<(&str, crate::model::Driver)> =
            x.delivers.iter().chain(&y.delivers).map(|d| (d.segment.id(), d.lever)).collect();
        for (segment, lever) in delivered {
            let key = format!("delivers.{segment}.{}", lever.key());
            push(out, at, &key, Kind::Rate, share(x, segment, lever), share(y, segment, lever));
        }
    }
}

fn jobs(
    a: &Project,
    b: &Project,
    out: &mut Vec<InputChange>,
    added: &mut Vec<Entry>,
    removed: &mut Vec<Entry>,
) {
    let file = "jobs.yaml";
    let (ja, jb) = (a.jobs.clone().unwrap_or_default(), b.jobs.clone().unwrap_or_default());
    for (id, x, y) in matched(&ja, &jb, |j| &j.id) {
        let Some((x, y)) = pair((file, "jobs"), &id, x, y, added, removed) else { continue };
        let at = Place { file, entry: Some(("jobs", &id)) };
        push(out, at, "importance", Kind::Number, x.importance.get(), y.importance.get());
        push(out, at, "satisfaction", Kind::Number, x.satisfaction.get(), y.satisfaction.get());
    }
}

fn figure(
    name: &'static str,
    segment: Option<&str>,
    kind: Kind,
    old: Option<f64>,
    new: Option<f64>,
) -> Option<FigureChange> {
    if old.map(f64::to_bits) == new.map(f64::to_bits) {
        return None;
    }
    let change = old.zip(new).map(|(o, n)| n - o);
    let relative = old.zip(new).and_then(|(o, n)| (o != 0.0).then(|| n / o - 1.0));
    Some(FigureChange { figure: name, segment: segment.map(str::to_owned), kind, old, new, change, relative })
}

fn figures(a: &Metrics, b: &Metrics) -> Vec<FigureChange> {
    let (la, lb) = (&a.programme.scenarios.likely, &b.programme.scenarios.likely);
    let mut out = vec![
        figure("programme_uplift", None, Kind::Rate, Some(la.uplift), Some(lb.uplift)),
        figure("npv", None, Kind::Money, Some(la.npv), Some(lb.npv)),
        figure("roi", None, Kind::Rate, la.roi, lb.roi),
        figure("payback_months", None, Kind::Months, la.payback_months, lb.payback_months),
        figure(
            "probability_reaching_target",
            None,
            Kind::Rate,
            Some(a.simulation.probability_reaching_target),
            Some(b.simulation.probability_reaching_target),
        ),
    ];
    for (id, x, y) in matched(&a.segments, &b.segments, |s| &s.id) {
        let clv = |m: Option<&super::SegmentMetrics>| m.map(|s| s.baseline.clv);
        let up = |m: Option<&super::SegmentMetrics>| m.and_then(|s| s.scenarios.likely.uplift);
        out.push(figure("segment_clv", Some(&id), Kind::Money, clv(x), clv(y)));
        out.push(figure("segment_uplift", Some(&id), Kind::Rate, up(x), up(y)));
    }
    // The data's problem area per segment: low product integration's value at stake.
    let integration = |m: &Metrics, id: &str| {
        m.problem_areas.from_data.iter().find(|p| p.segment == id).and_then(|p| p.value_at_stake)
    };
    for (id, _, _) in matched(&a.segments, &b.segments, |s| &s.id) {
        let (x, y) = (integration(a, &id), integration(b, &id));
        out.push(figure("integration_value_at_stake", Some(&id), Kind::Money, x, y));
    }
    // Each programme option's likely NPV (the base case's is `npv` above).
    let options = |m: &Metrics| m.options.iter().filter(|o| o.file.is_some()).cloned().collect::<Vec<_>>();
    let (oa, ob) = (options(a), options(b));
    for (id, x, y) in matched(&oa, &ob, |o| &o.id) {
        let npv = |o: Option<&super::OptionFigures>| o.map(|o| o.npv);
        out.push(figure("option_npv", Some(&id), Kind::Money, npv(x), npv(y)));
    }
    out.into_iter().flatten().collect()
}

fn ranks(keys: impl Iterator<Item = String>) -> BTreeMap<String, usize> {
    keys.enumerate().map(|(i, k)| (k, i + 1)).collect()
}

fn rankings(a: &Metrics, b: &Metrics) -> Vec<RankChange> {
    let problems = |m: &Metrics| {
        ranks(
            m.problem_areas
                .ranked
                .iter()
                .filter(|p| p.value_at_stake > 0.0)
                .map(|p| format!("{} / {}", p.segment, p.driver.key())),
        )
    };
    let gaps = |m: &Metrics| ranks(m.touchpoints.iter().flat_map(|t| t.ranked.iter()).map(|g| g.id.clone()));
    let jobs = |m: &Metrics| ranks(m.jobs.iter().flatten().map(|j| j.id.clone()));
    let mut out = Vec::new();
    for (name, old, new) in [
        ("problem_areas", problems(a), problems(b)),
        ("touchpoint_gaps", gaps(a), gaps(b)),
        ("jobs", jobs(a), jobs(b)),
    ] {
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (o, n) = (old.get(key).copied(), new.get(key).copied());
            if o != n {
                out.push(RankChange { ranking: name, entry: key.clone(), old_rank: o, new_rank: n });
            }
        }
    }
    out.sort_by(|x, y| {
        x.ranking
            .cmp(y.ranking)
            .then_with(|| x.new_rank.unwrap_or(usize::MAX).cmp(&y.new_rank.unwrap_or(usize::MAX)))
            .then_with(|| x.entry.cmp(&y.entry))
    });
    out
}
