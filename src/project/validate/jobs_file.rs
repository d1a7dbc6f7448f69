//! `jobs.yaml` → jobs to be done with importance and satisfaction.

use super::checker::{Checker, KnownIds};
use super::number::Kind;
use super::project_file::list;
use crate::diagnostic::Position;
use crate::model::{Job, TenPoint};
use crate::project::raw::{RawJob, RawJobs, Sp};

const SCORE: Kind = Kind::Score(0.0, 10.0);

pub fn validate(raw: &RawJobs, c: &mut Checker, segment_ids: &KnownIds) -> Option<Vec<Job>> {
    let top = Some(Position { line: 1, column: 1 });
    let all = c.required(&raw.jobs, "jobs", top)?;
    c.unique_ids(
        all.value
            .iter()
            .enumerate()
            .filter_map(|(i, j)| Some((format!("jobs[{i}].id"), j.value.id.as_ref()?))),
    );
    list(&all.value, |i, sp| job(sp, c, i, segment_ids))
}

fn job(sp: &Sp<RawJob>, c: &mut Checker, i: usize, segment_ids: &KnownIds) -> Option<Job> {
    let at = c.pos(sp);
    let raw = &sp.value;
    let path = |f: &str| format!("jobs[{i}].{f}");
    let id = c.text(&raw.id, &path("id"), at);
    let statement = c.text(&raw.statement, &path("statement"), at);
    let segment = match &raw.segment {
        Some(s) => c.refer(s, &path("segment"), segment_ids, "segment").map(Some),
        None => Some(None),
    };
    let importance = c.number(&raw.importance, &path("importance"), at, SCORE);
    let satisfaction = c.number(&raw.satisfaction, &path("satisfaction"), at, SCORE);
    Some(Job {
        id: id?,
        statement: statement?,
        segment: segment?,
        importance: TenPoint::new(importance?)?,
        satisfaction: TenPoint::new(satisfaction?)?,
    })
}
