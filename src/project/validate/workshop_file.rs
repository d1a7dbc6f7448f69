//! A workshop note's front matter → a [`Workshop`].

use std::path::Path;

use super::checker::{Checker, KnownIds};
use crate::diagnostic::Position;
use crate::model::{Phase, Ref, Workshop};
use crate::project::raw::RawWorkshopMeta;

pub fn validate(
    meta: &RawWorkshopMeta,
    c: &mut Checker,
    file: &Path,
    body: &str,
    phase_ids: &KnownIds,
    markets: &KnownIds,
) -> Option<Workshop> {
    let top = Some(Position { line: 1, column: 1 });
    let title = c.text(&meta.title, "title", top);
    let date = c.date(&meta.date, "date", top);
    // The market is checked against journey.yaml's `markets` when it lists them.
    let market = c.text(&meta.market, "market", top).and_then(|_| {
        let sp = meta.market.as_ref()?;
        c.reference(sp, "market", markets, "market")
    });
    let phases: Vec<Option<Ref<Phase>>> = meta
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| c.refer(p, &format!("phases[{i}]"), phase_ids, "journey phase"))
        .collect();
    Some(Workshop {
        file: file.to_path_buf(),
        title: title?,
        date: date?,
        market: market?,
        participants: meta.participants.iter().map(|p| p.value.trim().to_owned()).collect(),
        phases: phases.into_iter().collect::<Option<_>>()?,
        body: body.to_owned(),
    })
}
