//! journey.yaml's `initiatives` → what the company will do about its touchpoints, what it
//! costs and which segments' levers it moves.

use std::collections::{BTreeMap, HashMap};

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::did_you_mean;
use crate::model::{Delivery, Driver, Initiative, InitiativeAction, Money, Rate, Ref, Touchpoint};
use crate::project::raw::{RawDelivery, RawInitiative, Sp};

/// The initiatives, checked against the journey's `touchpoints` (`None` when they have
/// problems of their own: the initiatives' own fields are still checked) and the segments.
pub fn validate(
    raw: &[Sp<RawInitiative>],
    c: &mut Checker,
    touchpoints: Option<&[Touchpoint]>,
    segment_ids: &KnownIds,
) -> Option<Vec<Initiative>> {
    let by_id: Option<HashMap<&str, &Touchpoint>> =
        touchpoints.map(|all| all.iter().map(|t| (t.id.as_str(), t)).collect());
    c.unique_ids(
        raw.iter()
            .enumerate()
            .filter_map(|(i, sp)| Some((format!("initiatives[{i}].id"), sp.value.id.as_ref()?))),
    );
    let touchpoint_ids = touchpoints
        .map_or(KnownIds::Unreadable, |all| KnownIds::listed(all.iter().map(|t| Some(t.id.clone()))));
    // Every delivery that could be read, also of initiatives with problems elsewhere, so that
    // shares adding up to more than 1 show in the same run.
    let mut read = Read::default();
    let initiatives =
        list(raw, |i, sp| initiative(sp, c, i, by_id.as_ref(), &touchpoint_ids, segment_ids, &mut read));
    let shares_sound = shares_within_one(raw, &read.delivered, c);
    let freed_sound = freed_once(raw, &read.freeing, c);
    initiatives.filter(|_| shares_sound && freed_sound)
}

/// A delivery as read: the initiative's index and id, the delivery's index, and it.
type Delivered = (usize, String, usize, Delivery);

/// What could be read of every initiative, also of those with problems elsewhere, so that
/// the checks across initiatives show in the same run.
#[derive(Default)]
struct Read {
    delivered: Vec<Delivered>,
    /// Each reducing or stopping initiative: its index, id and touchpoints.
    freeing: Vec<(usize, String, Vec<Ref<Touchpoint>>)>,
}

fn initiative(
    sp: &Sp<RawInitiative>,
    c: &mut Checker,
    i: usize,
    touchpoints: Option<&HashMap<&str, &Touchpoint>>,
    touchpoint_ids: &KnownIds,
    segment_ids: &KnownIds,
    read: &mut Read,
) -> Option<Initiative> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("initiatives[{i}].{f}");
    let id = c.text(&raw.id, &path("id"), at);
    let name = c.text(&raw.name, &path("name"), at);
    let action = c.required(&raw.action, &path("action"), at).and_then(|a| action(a, c, &path("action")));
    let named = c.required(&raw.touchpoints, &path("touchpoints"), at).and_then(|list| {
        if list.value.is_empty() {
            let hint = "name the touchpoints it adds, improves, reduces or stops, e.g. `touchpoints: [welcome-process]`";
            c.error(c.pos(list), &path("touchpoints"), "names no touchpoint", Some(hint.into()));
            return None;
        }
        let ids: Vec<Option<Ref<Touchpoint>>> = list
            .value
            .iter()
            .enumerate()
            .map(|(k, id)| c.refer(id, &format!("initiatives[{i}].touchpoints[{k}]"), touchpoint_ids, "touchpoint"))
            .collect();
        let ids: Vec<Ref<Touchpoint>> = ids.into_iter().collect::<Option<_>>()?;
        let mut seen = std::collections::BTreeSet::new();
        if let Some(twice) = ids.iter().find(|id| !seen.insert(id.index())) {
            c.error(c.pos(list), &path("touchpoints"), format!("names `{twice}` twice"), None);
            return None;
        }
        Some(ids)
    });
    let one_off = c.optional_number(&raw.one_off, &path("one_off"), Kind::Amount);
    let annual = c.optional_number(&raw.annual, &path("annual"), Kind::Signed);
    let hours = c.optional_number(&raw.hours_per_year, &path("hours_per_year"), Kind::Signed);
    let delivers = list(&raw.delivers, |k, d| {
        let delivery = delivery(d, c, &format!("initiatives[{i}].delivers[{k}]"), segment_ids)?;
        let id = raw.id.as_ref().map(|id| id.value.trim().to_owned()).unwrap_or_default();
        read.delivered.push((i, id, k, delivery.clone()));
        Some(delivery)
    });
    let (action, named) = (action?, named?);
    if action.frees() {
        let id = raw.id.as_ref().map(|id| id.value.trim().to_owned()).unwrap_or_default();
        read.freeing.push((i, id, named.clone()));
    }
    let (one_off, annual, hours) = (one_off.ok()?, annual.ok()?, hours.ok()?);
    if !signs_match_action(raw, action, (annual, hours), c, &path) {
        return None;
    }
    // Stopping a touchpoint frees everything it takes unless said otherwise.
    let freed = |field: fn(&Touchpoint) -> f64| -> Option<f64> {
        let taken: f64 = named.iter().filter_map(|id| touchpoints?.get(id.id())).map(|t| field(t)).sum();
        Some(-taken + 0.0)
    };
    let stop = action == InitiativeAction::Stop;
    let annual = match annual {
        Some(x) => x,
        None if stop => freed(|t| t.budget_per_year.get())?,
        None => 0.0,
    };
    let hours_per_year = match hours {
        Some(x) => x,
        None if stop => freed(|t| t.hours_per_year.get())?,
        None => 0.0,
    };
    Some(Initiative {
        id: id?,
        name: name?,
        action,
        touchpoints: named,
        one_off: Money::new(one_off.unwrap_or(0.0))?,
        annual,
        hours_per_year,
        delivers: delivers?,
    })
}

/// Reducing and stopping free hours and money, written negative; a `reduce` says what it
/// frees (a `stop` frees all its touchpoints take unless told). `false` after a problem.
fn signs_match_action(
    raw: &RawInitiative,
    action: InitiativeAction,
    (annual, hours): (Option<f64>, Option<f64>),
    c: &mut Checker,
    path: &dyn Fn(&str) -> String,
) -> bool {
    if !action.frees() {
        return true;
    }
    let mut sound = true;
    for (field, value, written) in
        [("annual", annual, &raw.annual), ("hours_per_year", hours, &raw.hours_per_year)]
    {
        if let (Some(x), Some(sp)) = (value, &**written)
            && x > 0.0
        {
            c.error(
                c.pos(sp),
                &path(field),
                format!("a `{}` frees {field}, but {x} would add them", action.key()),
                Some(format!("write what it frees as a negative number, e.g. `{field}: -{x}`")),
            );
            sound = false;
        }
    }
    if action == InitiativeAction::Reduce && annual.is_none() && hours.is_none() {
        c.error(
            raw.action.as_ref().and_then(|a| c.pos(a)),
            &path("action"),
            "a `reduce` says what it frees",
            Some(
                "give `hours_per_year` and/or `annual` as negative numbers, e.g. `hours_per_year: -200`"
                    .into(),
            ),
        );
        sound = false;
    }
    sound
}

fn action(a: &Sp<String>, c: &mut Checker, field: &str) -> Option<InitiativeAction> {
    let word = a.value.trim();
    let found = InitiativeAction::ALL.into_iter().find(|x| x.key() == word);
    if found.is_none() {
        let keys = InitiativeAction::ALL.map(InitiativeAction::key);
        let hint = match did_you_mean(word, keys) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "write add, improve, reduce or stop".to_owned(),
        };
        c.error(c.pos(a), field, format!("unknown action `{word}`"), Some(hint));
    }
    found
}

fn delivery(sp: &Sp<RawDelivery>, c: &mut Checker, path: &str, segment_ids: &KnownIds) -> Option<Delivery> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let field = |f: &str| format!("{path}.{f}");
    let segment = c
        .required(&raw.segment, &field("segment"), at)
        .and_then(|s| c.refer(s, &field("segment"), segment_ids, "segment"));
    let lever = c.required(&raw.lever, &field("lever"), at).and_then(|l| lever(l, c, &field("lever")));
    let share = c.number(&raw.share, &field("share"), at, Kind::Rate);
    Some(Delivery { segment: segment?, lever: lever?, share: Rate::new(share?)? })
}

/// A lever by its driver's name; a subscription segment's `monthly_churn` and
/// `monthly_price` name the retention and order-value levers they are written as.
fn lever(l: &Sp<String>, c: &mut Checker, field: &str) -> Option<Driver> {
    let word = l.value.trim();
    let found = match word {
        "monthly_churn" => Some(Driver::RetentionRate),
        "monthly_price" => Some(Driver::AverageOrderValue),
        _ => Driver::ALL.into_iter().find(|d| d.key() == word),
    };
    if found.is_none() {
        let hint = match did_you_mean(word, Driver::ALL.map(Driver::key)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => {
                "write retention_rate, purchases_per_year, average_order_value or gross_margin".to_owned()
            }
        };
        c.error(c.pos(l), field, format!("unknown lever `{word}`"), Some(hint));
    }
    found
}

/// The shares of one segment's lever, over all initiatives, add up to at most 1: more would
/// attribute more than the lever's whole value. Reported at the delivery that goes over.
fn shares_within_one(raw: &[Sp<RawInitiative>], delivered: &[Delivered], c: &mut Checker) -> bool {
    // Per segment and lever: the sum, the deliveries that make it up, and the last of them.
    let mut total: BTreeMap<(&str, Driver), (f64, Vec<&Delivered>)> = BTreeMap::new();
    for d in delivered {
        let (sum, by) = total.entry((d.3.segment.id(), d.3.lever)).or_default();
        *sum += d.3.share.get();
        by.push(d);
    }
    let mut sound = true;
    // A little room for shares written as decimals that add up to 1 (0.1 + 0.2 + 0.7).
    for ((segment, lever), (sum, by)) in total.into_iter().filter(|(_, (sum, _))| *sum > 1.0 + 1e-9) {
        let &&(i, _, k, _) = by.last().expect("a sum above 1 has deliveries");
        let at = raw.get(i).and_then(|r| r.value.delivers.get(k)).and_then(|sp| c.pos(sp));
        let shown: Vec<String> =
            by.iter().take(10).map(|(_, id, _, d)| format!("`{id}` {}", d.share.get())).collect();
        let more = if by.len() > 10 { format!(" and {} more", by.len() - 10) } else { String::new() };
        c.error(
            at,
            &format!("initiatives[{i}].delivers[{k}].share"),
            format!(
                "the shares of `{segment}` {} add up to {}: {}{more}",
                lever.key(),
                (sum * 1e6).round() / 1e6,
                shown.join(", ")
            ),
            Some("the initiatives together deliver at most the whole lever (1); lower the shares".into()),
        );
        sound = false;
    }
    sound
}

/// A touchpoint is reduced or stopped by one initiative at most: two would free the same
/// hours and budget twice in the reallocation.
fn freed_once(
    raw: &[Sp<RawInitiative>],
    freeing: &[(usize, String, Vec<Ref<Touchpoint>>)],
    c: &mut Checker,
) -> bool {
    let mut first_by: HashMap<&str, &str> = HashMap::new();
    let mut sound = true;
    for (i, id, touchpoints) in freeing {
        for t in touchpoints {
            if let Some(first) = first_by.insert(t.id(), id.as_str()) {
                let at = raw.get(*i).and_then(|r| r.value.touchpoints.as_ref()).and_then(|sp| c.pos(sp));
                c.error(
                    at,
                    &format!("initiatives[{i}].touchpoints"),
                    format!("`{t}` is already reduced or stopped by initiative `{first}`"),
                    Some(
                        "let one initiative reduce or stop a touchpoint, so what it frees counts once".into(),
                    ),
                );
                sound = false;
            }
        }
    }
    sound
}
