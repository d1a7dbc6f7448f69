//! `journey.yaml` → phases, touchpoints with their scores per market, and initiatives.

use std::collections::{BTreeMap, BTreeSet};

use super::checker::{Checker, KnownIds, declared};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::{Position, did_you_mean};
use crate::model::{FivePoint, Journey, MarketScores, Money, Phase, Quantity, Touchpoint};
use crate::project::raw::{RawJourney, RawMarketScores, RawPhase, RawTouchpoint, Sp};

const SCORE: Kind = Kind::Score(1.0, 5.0);

/// The phase ids the file declares, for workshop notes to refer to.
pub fn declared_phases(raw: &RawJourney) -> Vec<Option<String>> {
    declared(raw.phases.as_ref(), |p| p.id.as_ref())
}

/// The initiative ids the file declares, for investment lines to fund.
pub fn declared_initiatives(raw: &RawJourney) -> Vec<Option<String>> {
    declared(raw.initiatives.as_ref(), |i| i.id.as_ref())
}

/// The markets the file lists, for workshop notes to name; any market when it lists none.
pub fn declared_markets(raw: &RawJourney) -> KnownIds {
    match &raw.markets {
        Some(list) if !list.value.is_empty() => {
            KnownIds::listed(list.value.iter().map(|m| Some(m.value.trim().to_owned())))
        }
        _ => KnownIds::Unlisted,
    }
}

pub fn validate(raw: &RawJourney, c: &mut Checker, segment_ids: &KnownIds) -> Option<Journey> {
    let top = Some(Position { line: 1, column: 1 });
    let phases_sp = c.required(&raw.phases, "phases", top);
    let touchpoints_sp = c.required(&raw.touchpoints, "touchpoints", top);
    let (phases_sp, touchpoints_sp) = (phases_sp?, touchpoints_sp?);
    c.unique_ids(
        phases_sp
            .value
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((format!("phases[{i}].id"), p.value.id.as_ref()?))),
    );
    c.unique_ids(
        touchpoints_sp
            .value
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((format!("touchpoints[{i}].id"), t.value.id.as_ref()?))),
    );
    let (markets, markets_sound) = markets(raw, c);
    let phases = list(&phases_sp.value, |i, sp| phase(sp, c, i));
    let phase_ids = KnownIds::listed(declared_phases(raw));
    let unlisted = markets.is_empty() && unlisted_markets(&touchpoints_sp.value, c);
    let market_set: BTreeSet<&str> = markets.iter().map(String::as_str).collect();
    let touchpoints = list(&touchpoints_sp.value, |i, sp| {
        let t = touchpoint(sp, c, i, &phase_ids);
        let by_market = by_market(&sp.value.by_market, c, i, (&markets, &market_set), t.as_ref());
        Some(Touchpoint { by_market: by_market?, ..t? })
    });
    let initiatives = match &raw.initiatives {
        Some(list) => super::initiative_list::validate(&list.value, c, touchpoints.as_deref(), segment_ids),
        None => Some(Vec::new()),
    };
    let markets = (markets_sound && !unlisted).then_some(markets);
    Some(Journey { phases: phases?, touchpoints: touchpoints?, markets: markets?, initiatives: initiatives? })
}

/// The listed markets, each once, and whether each was listed once and not blank.
fn markets(raw: &RawJourney, c: &mut Checker) -> (Vec<String>, bool) {
    let Some(list) = &raw.markets else { return (Vec::new(), true) };
    let mut names: Vec<String> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut sound = true;
    for (i, m) in list.value.iter().enumerate() {
        let name = m.value.trim();
        let problem = if name.is_empty() {
            Some("must not be empty")
        } else if !seen.insert(name) {
            Some("is listed twice")
        } else {
            names.push(name.to_owned());
            None
        };
        if let Some(problem) = problem {
            c.error(c.pos(m), &format!("markets[{i}]"), format!("market `{name}` {problem}"), None);
            sound = false;
        }
    }
    (names, sound)
}

/// Touchpoints scored by market in a journey that lists no markets: one problem, at the
/// first, rather than one at every score. `true` when there are any.
fn unlisted_markets(touchpoints: &[Sp<RawTouchpoint>], c: &mut Checker) -> bool {
    let using: Vec<(usize, &Sp<RawTouchpoint>)> =
        touchpoints.iter().enumerate().filter(|(_, t)| !t.value.by_market.is_empty()).collect();
    let Some((i, first)) = using.first() else { return false };
    let (market, sp) = first.value.by_market.iter().next().expect("a touchpoint with markets");
    c.error(
        c.pos(sp),
        &format!("touchpoints[{i}].by_market.{market}"),
        format!("{} touchpoints are scored by market, but journey.yaml lists no `markets`", using.len()),
        Some("list the markets at the top of journey.yaml, e.g. `markets: [Denmark, Norway]`".into()),
    );
    true
}

/// A touchpoint's scores per market, each field the market leaves out taken from `defaults`
/// (`None` when the touchpoint itself has problems: its markets are still checked).
fn by_market(
    raw: &BTreeMap<String, Sp<RawMarketScores>>,
    c: &mut Checker,
    i: usize,
    (markets, listed): (&[String], &BTreeSet<&str>),
    defaults: Option<&Touchpoint>,
) -> Option<BTreeMap<String, MarketScores>> {
    let mut out = BTreeMap::new();
    let mut sound = true;
    for (market, sp) in raw {
        let path = |f: &str| format!("touchpoints[{i}].by_market.{market}{f}");
        if markets.is_empty() {
            // Reported once, by `unlisted_markets`.
            sound = false;
            continue;
        }
        if !listed.contains(market.as_str()) {
            let hint = match did_you_mean(market, markets.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the markets are {}", markets.join(", ")),
            };
            c.error(c.pos(sp), &path(""), format!("unknown market `{market}`"), Some(hint));
            sound = false;
            continue;
        }
        let scores = market_scores(&sp.value, c, &path, defaults);
        match scores {
            Some(s) => {
                out.insert(market.clone(), s);
            }
            None => sound = false,
        }
    }
    sound.then_some(out)
}

fn market_scores(
    raw: &RawMarketScores,
    c: &mut Checker,
    path: &dyn Fn(&str) -> String,
    defaults: Option<&Touchpoint>,
) -> Option<MarketScores> {
    let importance = c.optional_number(&raw.importance, &path(".importance"), SCORE);
    let performance = c.optional_number(&raw.performance, &path(".performance"), SCORE);
    let hours = c.optional_number(&raw.hours_per_year, &path(".hours_per_year"), Kind::Amount);
    let budget = c.optional_number(&raw.budget_per_year, &path(".budget_per_year"), Kind::Amount);
    let (importance, performance, hours, budget) =
        (importance.ok()?, performance.ok()?, hours.ok()?, budget.ok()?);
    let t = defaults?;
    let present = raw.present.as_ref().map_or(t.present, |p| p.value);
    // Absent in this market and not scored here: delivered at the bottom of the scale.
    let performance = match (performance, present) {
        (Some(p), _) => FivePoint::new(p)?,
        (None, false) => FivePoint::new(1.0)?,
        (None, true) => t.performance,
    };
    let zero_if_absent = |x: f64| if present { x } else { 0.0 };
    Some(MarketScores {
        importance: importance.map_or(Some(t.importance), FivePoint::new)?,
        performance,
        present,
        hours_per_year: Quantity::new(hours.unwrap_or(zero_if_absent(t.hours_per_year.get())))?,
        budget_per_year: Money::new(budget.unwrap_or(zero_if_absent(t.budget_per_year.get())))?,
    })
}

fn phase(sp: &Sp<RawPhase>, c: &mut Checker, i: usize) -> Option<Phase> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let id = c.text(&raw.id, &format!("phases[{i}].id"), at);
    let name = c.text(&raw.name, &format!("phases[{i}].name"), at);
    Some(Phase {
        id: id?,
        name: name?,
        goal: c.optional_text(&raw.goal, &format!("phases[{i}].goal")),
        customer_needs: c.optional_text(&raw.customer_needs, &format!("phases[{i}].customer_needs")),
    })
}

fn touchpoint(sp: &Sp<RawTouchpoint>, c: &mut Checker, i: usize, phases: &KnownIds) -> Option<Touchpoint> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("touchpoints[{i}].{f}");
    let id = c.text(&raw.id, &path("id"), at);
    let phase =
        c.required(&raw.phase, &path("phase"), at).and_then(|p| c.refer(p, &path("phase"), phases, "phase"));
    let name = c.text(&raw.name, &path("name"), at);
    let importance = c.number(&raw.importance, &path("importance"), at, SCORE);
    let present = raw.present.as_ref().is_none_or(|p| p.value);
    // A touchpoint we are not present at is delivered at the bottom of the scale unless scored.
    let performance = match (&**raw.performance, present) {
        (None, false) => Some(1.0),
        (value, _) => c.number(value, &path("performance"), at, SCORE),
    };
    let hours = c.optional_number(&raw.hours_per_year, &path("hours_per_year"), Kind::Amount);
    let budget = c.optional_number(&raw.budget_per_year, &path("budget_per_year"), Kind::Amount);
    Some(Touchpoint {
        id: id?,
        phase: phase?,
        channel: c.optional_text(&raw.channel, &format!("touchpoints[{i}].channel")),
        name: name?,
        importance: FivePoint::new(importance?)?,
        performance: FivePoint::new(performance?)?,
        present,
        hours_per_year: Quantity::new(hours.ok()?.unwrap_or(0.0))?,
        budget_per_year: Money::new(budget.ok()?.unwrap_or(0.0))?,
        by_market: BTreeMap::new(),
    })
}
