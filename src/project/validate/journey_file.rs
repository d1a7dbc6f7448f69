//! `journey.yaml` → phases and touchpoints.

use std::collections::BTreeSet;

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::Position;
use crate::model::{FivePoint, Journey, Money, Phase, Quantity, Touchpoint};
use crate::project::raw::{RawJourney, RawPhase, RawTouchpoint, Sp};

const SCORE: Kind = Kind::Score(1.0, 5.0);

/// The phase ids the file declares, for workshop notes to refer to.
pub fn declared_phases(raw: &RawJourney) -> BTreeSet<String> {
    let phases = raw.phases.as_ref().map(|p| p.value.as_slice()).unwrap_or_default();
    phases.iter().filter_map(|p| p.value.id.as_ref()).map(|id| id.value.trim().to_owned()).collect()
}

pub fn validate(raw: &RawJourney, c: &mut Checker) -> Option<Journey> {
    let top = Some(Position { line: 1, column: 1 });
    let phases_sp = c.required(&raw.phases, "phases", top);
    let touchpoints_sp = c.required(&raw.touchpoints, "touchpoints", top);
    let (phases_sp, touchpoints_sp) = (phases_sp?, touchpoints_sp?);
    let phase_ids = c.unique_ids(
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
    let phases = list(&phases_sp.value, |i, sp| phase(sp, c, i));
    let phase_ids = KnownIds::Declared(phase_ids);
    let touchpoints = list(&touchpoints_sp.value, |i, sp| touchpoint(sp, c, i, &phase_ids));
    Some(Journey { phases: phases?, touchpoints: touchpoints? })
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
    let phase = c
        .required(&raw.phase, &path("phase"), at)
        .and_then(|p| c.reference(p, &path("phase"), phases, "phase"));
    let name = c.text(&raw.name, &path("name"), at);
    let importance = c.number(&raw.importance, &path("importance"), at, SCORE);
    let present = raw.present.as_ref().is_none_or(|p| p.value);
    // A touchpoint we are not present at is delivered at the bottom of the scale unless scored.
    let performance = match (&*raw.performance, present) {
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
    })
}
