//! An own section's front matter (`sections/*.md`) → an [`OwnSection`].

use std::path::Path;

use super::checker::{Checker, KnownIds};
use crate::diagnostic::{Position, slash_path};
use crate::model::{OwnSection, SectionId};
use crate::project::raw::RawOwnSectionMeta;

pub fn validate(meta: &RawOwnSectionMeta, c: &mut Checker, file: &Path, body: &str) -> Option<OwnSection> {
    let top = Some(Position { line: 1, column: 1 });
    let title = c.text(&meta.title, "title", top);
    let sections = KnownIds::listed(SectionId::ALL.iter().map(|s| Some(s.key().to_owned())));
    let after = c
        .required(&meta.after, "after", top)
        .and_then(|a| c.reference(a, "after", &sections, "report section"))
        .and_then(|key| SectionId::from_key(&key));
    Some(OwnSection { file: slash_path(file), title: title?, after: after?, body: body.to_owned() })
}
