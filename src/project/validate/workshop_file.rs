//! A workshop note's front matter → a [`Workshop`].

use std::collections::BTreeSet;
use std::path::Path;

use super::checker::Checker;
use crate::diagnostic::Position;
use crate::model::Workshop;
use crate::project::raw::RawWorkshopMeta;

pub fn validate(
    meta: &RawWorkshopMeta,
    c: &mut Checker,
    file: &Path,
    body: &str,
    phase_ids: Option<&BTreeSet<String>>,
) -> Option<Workshop> {
    let top = Some(Position { line: 1, column: 1 });
    let title = c.text(&meta.title, "title", top);
    let date = c.date(&meta.date, "date", top);
    let market = c.text(&meta.market, "market", top);
    let phases: Vec<Option<String>> = meta
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| match phase_ids {
            Some(known) => c.reference(p, &format!("phases[{i}]"), known, "journey phase"),
            None => {
                c.error(
                    c.pos(p),
                    &format!("phases[{i}]"),
                    "refers to a journey phase, but the project has no journey.yaml",
                    Some("add journey.yaml or remove `phases`".into()),
                );
                None
            }
        })
        .collect();
    Some(Workshop {
        file: file.to_path_buf(),
        title: title?,
        date: date?,
        market: market?,
        participants: meta
            .participants
            .iter()
            .map(|p| p.value.trim().to_owned())
            .collect(),
        phases: phases.into_iter().collect::<Option<_>>()?,
        body: body.to_owned(),
    })
}
