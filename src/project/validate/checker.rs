//! Reads raw fields of one file into plain values, recording every problem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;

use super::number::{Kind, interpret};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::model::Ref;
use crate::project::raw::{Num, Sp};

/// The ids another file declares, as far as they could be read.
#[derive(Debug)]
pub enum KnownIds {
    /// Each id with its place in the declaring list.
    Declared(BTreeMap<String, usize>),
    /// The declaring file has problems of its own: references to it are not checked,
    /// so one broken file does not bury the report in follow-on errors.
    Unreadable,
    /// The declaring file (named) does not exist.
    Absent(&'static str),
    /// The declaring file does not list these (a journey without `markets:`): any value goes.
    Unlisted,
}

/// The ids of a list's entries in order, trimmed (`None` where an entry has none): what a
/// file declares, read before validation so that other files can refer to it.
pub fn declared<T>(
    list: Option<&Sp<Vec<Sp<T>>>>,
    id: impl Fn(&T) -> Option<&Sp<String>>,
) -> Vec<Option<String>> {
    let entries = list.map(|l| l.value.as_slice()).unwrap_or_default();
    entries.iter().map(|e| id(&e.value).map(|id| id.value.trim().to_owned())).collect()
}

impl KnownIds {
    /// The ids of a list in order, each with its place there (an entry without an id keeps
    /// its place); where an id repeats, its first place counts (the repeat is an error).
    pub fn listed(ids: impl IntoIterator<Item = Option<String>>) -> Self {
        let mut declared = BTreeMap::new();
        for (index, id) in ids.into_iter().enumerate() {
            if let Some(id) = id {
                declared.entry(id).or_insert(index);
            }
        }
        KnownIds::Declared(declared)
    }
}

/// The longest text one YAML field may hold.
pub const TEXT_MAX_BYTES: usize = 64 * 1024;

/// Validation context for one input file.
///
/// Each reader returns `None` after recording a diagnostic, so callers gather
/// every field first and combine them with `?` at the end: all problems are
/// reported, and a value is only built when all its parts are sound.
pub struct Checker<'a> {
    file: &'a Path,
    /// Lines before the YAML starts (front matter in a Markdown note).
    line_offset: u32,
    diagnostics: &'a mut Diagnostics,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a Path, line_offset: u32, diagnostics: &'a mut Diagnostics) -> Self {
        Self { file, line_offset, diagnostics }
    }

    /// Where a value was written, in file coordinates.
    pub fn pos<T>(&self, value: &Sp<T>) -> Option<Position> {
        Position::from_yaml(value.referenced).map(|p| Position { line: p.line + self.line_offset, ..p })
    }

    /// Records a problem at `at` in `field`.
    pub fn error(
        &mut self,
        at: Option<Position>,
        field: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let mut d = Diagnostic::new(self.file, message).at(at).field(field);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    /// The field's value, or a "missing field" problem at the enclosing block.
    pub fn required<'v, T>(
        &mut self,
        value: &'v Option<Sp<T>>,
        field: &str,
        parent: Option<Position>,
    ) -> Option<&'v Sp<T>> {
        if value.is_none() {
            let name = field.rsplit('.').next().unwrap_or(field);
            self.error(
                parent,
                field,
                format!("missing required field `{name}`"),
                Some(format!("add `{name}:` here")),
            );
        }
        value.as_ref()
    }

    /// A required text that is not blank.
    pub fn text(
        &mut self,
        value: &Option<Sp<String>>,
        field: &str,
        parent: Option<Position>,
    ) -> Option<String> {
        let v = self.required(value, field, parent)?;
        let text = v.value.trim();
        if text.is_empty() {
            self.error(self.pos(v), field, "must not be empty", None);
            return None;
        }
        self.within_text_limit(v, field).then(|| text.to_owned())
    }

    /// An optional text; absent or blank is empty, too long is a problem (and empty).
    pub fn optional_text(&mut self, value: &Option<Sp<String>>, field: &str) -> String {
        match value {
            Some(v) if self.within_text_limit(v, field) => v.value.trim().to_owned(),
            _ => String::new(),
        }
    }

    /// Texts are Markdown, and Markdown's cost grows with contrived input far faster than
    /// with its length: one field holds at most [`TEXT_MAX_BYTES`].
    fn within_text_limit(&mut self, v: &Sp<String>, field: &str) -> bool {
        if v.value.len() <= TEXT_MAX_BYTES {
            return true;
        }
        self.error(
            self.pos(v),
            field,
            format!(
                "is {} KiB; a text field holds at most {} KiB",
                v.value.len() >> 10,
                TEXT_MAX_BYTES >> 10
            ),
            Some("put long material into a workshop note".into()),
        );
        false
    }

    /// A required number of `kind`.
    pub fn number(
        &mut self,
        value: &Option<Sp<Num>>,
        field: &str,
        parent: Option<Position>,
        kind: Kind,
    ) -> Option<f64> {
        let v = self.required(value, field, parent)?;
        self.value(v, field, kind)
    }

    /// An optional number of `kind`: `Ok(None)` when absent, `Err` when present but wrong.
    pub fn optional_number(
        &mut self,
        value: &Option<Sp<Num>>,
        field: &str,
        kind: Kind,
    ) -> Result<Option<f64>, ()> {
        match value {
            None => Ok(None),
            Some(v) => self.value(v, field, kind).map(Some).ok_or(()),
        }
    }

    /// A present number of `kind`.
    pub fn value(&mut self, value: &Sp<Num>, field: &str, kind: Kind) -> Option<f64> {
        match interpret(&value.value, kind) {
            Ok(x) => Some(x),
            Err((message, hint)) => {
                self.error(self.pos(value), field, message, hint);
                None
            }
        }
    }

    /// A required `YYYY-MM-DD` date.
    pub fn date(
        &mut self,
        value: &Option<Sp<String>>,
        field: &str,
        parent: Option<Position>,
    ) -> Option<NaiveDate> {
        let v = self.required(value, field, parent)?;
        let parsed = NaiveDate::parse_from_str(v.value.trim(), "%Y-%m-%d");
        if parsed.is_err() {
            self.error(
                self.pos(v),
                field,
                format!("`{}` is not a valid date", v.value),
                Some("write the date as YYYY-MM-DD, e.g. 2027-01-31".into()),
            );
        }
        parsed.ok()
    }

    /// Records a problem for each id seen before or not usable as an id; returns the set of ids.
    ///
    /// Ids link the files together and become anchors in the report, so they are limited to
    /// letters, digits, `-`, `_` and `.`.
    pub fn unique_ids<'v>(
        &mut self,
        ids: impl IntoIterator<Item = (String, &'v Sp<String>)>,
    ) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        for (field, id) in ids {
            let name = id.value.trim();
            if !name.is_empty() && !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                let slug: String = name
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
                    .collect();
                self.error(
                    self.pos(id),
                    &field,
                    format!("id `{name}` may hold only letters, digits, `-`, `_` and `.`"),
                    Some(format!("write it as `{slug}`")),
                );
            }
            if !seen.insert(name.to_owned()) {
                self.error(
                    self.pos(id),
                    &field,
                    format!("duplicate id `{}`", id.value),
                    Some("give every entry its own id".into()),
                );
            }
        }
        seen
    }

    /// Checks that `id` names one of the `what`s another file declares.
    pub fn reference(
        &mut self,
        id: &Sp<String>,
        field: &str,
        known: &KnownIds,
        what: &str,
    ) -> Option<String> {
        let name = id.value.trim();
        let known = match known {
            KnownIds::Declared(ids) if !ids.contains_key(name) => ids,
            KnownIds::Absent(file) => {
                let hint = format!("add {file}, or remove this reference");
                self.error(
                    self.pos(id),
                    field,
                    format!("refers to {} {what}, but the project has no {file}", article(what)),
                    Some(hint),
                );
                return None;
            }
            _ => return Some(name.to_owned()),
        };
        let hint = match did_you_mean(name, known.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("known {what}s: {}", list(known)),
        };
        self.error(self.pos(id), field, format!("unknown {what} `{name}`"), Some(hint));
        None
    }

    /// Checks that `id` names one of the `what`s a list declares, and refers to it there.
    /// `None` also when the declaring list could not be read: its own problems are reported,
    /// and a project with them is not built.
    pub fn refer<T>(&mut self, id: &Sp<String>, field: &str, known: &KnownIds, what: &str) -> Option<Ref<T>> {
        let name = self.reference(id, field, known, what)?;
        match known {
            KnownIds::Declared(ids) => ids.get(&name).map(|&index| Ref::declared(index, name)),
            _ => None,
        }
    }
}

/// `an` before a vowel, `a` otherwise: "an initiative", "a segment".
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}

/// `a`, `b`, `c` — at most ten, for hints.
fn list(ids: &BTreeMap<String, usize>) -> String {
    let shown: Vec<String> = ids.keys().take(10).map(|id| format!("`{id}`")).collect();
    let more = ids.len().saturating_sub(10);
    match (shown.is_empty(), more) {
        (true, _) => "none".into(),
        (false, 0) => shown.join(", "),
        (false, n) => format!("{}, and {n} more", shown.join(", ")),
    }
}
