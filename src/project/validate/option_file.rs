//! `options/<id>.yaml` → a programme option: the base case with the choices it names changed.

use super::checker::{Checker, KnownIds};
use super::project_file::{InvestmentRefs, investments, ramp_up};
use super::segments_file::levers;
use crate::diagnostic::Position;
use crate::model::{ProgrammeOption, Segment, SegmentChoice};
use crate::project::raw::{RawOption, RawOptionSegment, Sp};

/// Validates one option file against the validated `segments` (`None` when segments.yaml
/// has problems of its own: the option's own fields are still checked).
pub fn validate(
    raw: &RawOption,
    c: &mut Checker,
    id: &str,
    file: &str,
    segments: Option<&[Segment]>,
    segment_ids: &KnownIds,
    initiative_ids: &KnownIds,
) -> Option<ProgrammeOption> {
    let top = Some(Position { line: 1, column: 1 });
    let name = c.text(&raw.name, "name", top);
    let description = c.optional_text(&raw.description, "description");
    let ramp_up = ramp_up(&raw.ramp_up, c);
    let investments = match &raw.investment {
        Some(lines) => {
            let refs = InvestmentRefs { segments: segment_ids, initiatives: initiative_ids };
            investments(&lines.value, c, &refs).map(Some)
        }
        None => Some(None),
    };
    c.unique_ids(
        raw.segments
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((format!("segments[{i}].id"), s.value.id.as_ref()?))),
    );
    let mut choices: Option<Vec<SegmentChoice>> =
        segments.map(|all| all.iter().map(|s| SegmentChoice { focus: s.focus, levers: s.levers }).collect());
    for (i, sp) in raw.segments.iter().enumerate() {
        let changed = segment_choice(sp, c, i, segments, segment_ids);
        match (&mut choices, changed) {
            (Some(all), Some((index, choice))) => all[index] = choice,
            _ => choices = None,
        }
    }
    let choices = choices?;
    if !choices.iter().any(|s| s.focus) {
        c.error(
            top,
            "segments",
            "no segment is in focus in this option",
            Some("set `focus: true` on the segments this option targets".into()),
        );
        return None;
    }
    Some(ProgrammeOption {
        id: id.to_owned(),
        file: file.to_owned(),
        name: name?,
        description,
        ramp_up: ramp_up?,
        investments: investments?,
        segments: choices,
    })
}

/// The segment an entry changes (its index in segments.yaml) and what the option chooses for it.
fn segment_choice(
    sp: &Sp<RawOptionSegment>,
    c: &mut Checker,
    i: usize,
    segments: Option<&[Segment]>,
    segment_ids: &KnownIds,
) -> Option<(usize, SegmentChoice)> {
    let path = |f: &str| format!("segments[{i}].{f}");
    let id = c.required(&sp.value.id, &path("id"), c.pos(sp))?;
    let id = c.reference(id, &path("id"), segment_ids, "segment")?;
    let index = segments?.iter().position(|s| s.id == id)?;
    let base = &segments?[index];
    let levers = match &sp.value.levers {
        Some(l) => {
            let churn = base.subscription.map(|s| s.monthly_churn);
            levers(&l.value, c, &path("levers"), &base.drivers, &base.levers, churn)?.0
        }
        None => base.levers,
    };
    let focus = sp.value.focus.as_ref().map_or(base.focus, |f| f.value);
    Some((index, SegmentChoice { focus, levers }))
}
