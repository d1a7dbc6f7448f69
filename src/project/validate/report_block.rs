//! project.yaml's `report:` → the consultant's [`Story`].

use std::collections::BTreeMap;

use super::checker::Checker;
use crate::model::{Edition, SectionId, Story};
use crate::project::raw::{RawReport, RawSectionTitles, Sp};

/// The story `report:` tells; the default (every text generated) when it is absent.
pub fn validate(raw: Option<&Sp<RawReport>>, c: &mut Checker) -> Option<Story> {
    let Some(raw) = raw else { return Some(Story::default()) };
    let at = c.pos(raw);
    let raw = &raw.value;
    let headline = raw.headline.as_ref().map(|_| c.text(&raw.headline, "report.headline", at));
    let key_messages = texts(&raw.key_messages, c, "report.key_messages");
    if raw.key_messages.len() > Story::MAX_KEY_MESSAGES {
        let extra = &raw.key_messages[Story::MAX_KEY_MESSAGES];
        c.error(
            c.pos(extra),
            "report.key_messages",
            format!(
                "{} key messages; the summary shows at most {}",
                raw.key_messages.len(),
                Story::MAX_KEY_MESSAGES
            ),
            Some("keep the messages a leader should remember; the rest belongs in an own section".into()),
        );
    }
    let next_steps = raw.next_steps.as_ref().map(|steps| {
        if steps.value.is_empty() {
            c.error(
                c.pos(steps),
                "report.next_steps",
                "is empty",
                Some("list at least one step, or leave `next_steps` out for the generated ones".into()),
            );
            return None;
        }
        texts(&steps.value, c, "report.next_steps")
    });
    let titles = raw.section_titles.as_ref().map_or_else(|| Some(BTreeMap::new()), |t| titles(&t.value, c));
    let edition = match &raw.edition {
        None => Some(Edition::Full),
        Some(e) => e
            .value
            .trim()
            .parse()
            .map_err(|why: String| {
                c.error(c.pos(e), "report.edition", why, Some("write `full` or `leadership`".into()));
            })
            .ok(),
    };
    Some(Story {
        headline: match headline {
            Some(h) => Some(h?),
            None => None,
        },
        key_messages: key_messages?,
        next_steps: match next_steps {
            Some(s) => Some(s?),
            None => None,
        },
        section_titles: titles?,
        edition: edition?,
        show_version: raw.show_version.as_ref().is_none_or(|s| s.value),
    })
}

/// Each text of a list, none of them empty.
fn texts(items: &[Sp<String>], c: &mut Checker, field: &str) -> Option<Vec<String>> {
    let checked: Vec<Option<String>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| c.text(&Some(item.clone()), &format!("{field}[{i}]"), c.pos(item)))
        .collect();
    checked.into_iter().collect()
}

/// The action titles given, by section.
fn titles(raw: &RawSectionTitles, c: &mut Checker) -> Option<BTreeMap<SectionId, String>> {
    let given = [
        (SectionId::Summary, &raw.summary),
        (SectionId::BusinessCase, &raw.business_case),
        (SectionId::Economics, &raw.economics),
        (SectionId::Data, &raw.data),
        (SectionId::Value, &raw.value),
        (SectionId::Journey, &raw.journey),
        (SectionId::Initiatives, &raw.initiatives),
        (SectionId::WinlossJobs, &raw.winloss_jobs),
        (SectionId::Appendix, &raw.appendix),
    ];
    let mut out = BTreeMap::new();
    let mut sound = true;
    for (id, value) in given {
        if let Some(v) = value {
            match c.text(value, &format!("report.section_titles.{}", id.key()), c.pos(v)) {
                Some(text) => {
                    out.insert(id, text);
                }
                None => sound = false,
            }
        }
    }
    sound.then_some(out)
}
