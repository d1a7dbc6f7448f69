//! Parsing YAML text into raw structs, with serde-saphyr's budgets on.
//!
//! serde-saphyr refuses alias bombs and runaway nesting by itself; we raise
//! its node budget so the largest real projects (tens of thousands of
//! touchpoints) fit, and turn its errors into [`Diagnostic`]s with a position.
//! Keys no field reads are collected on the way (`serde_ignored`) and reported
//! together by [`super::unknown_keys`].

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Position};
use crate::project::source::SourceText;
use crate::project::unknown_keys;

/// A file read as `T`, and a problem for each key in it that no field reads.
///
/// The unknown keys do not stop the file: its other fields are still validated,
/// so one run lists every mistake in it.
pub struct Parsed<T> {
    pub value: T,
    pub unknown: Vec<unknown_keys::Unknown>,
}

/// Parses `text` (which starts `line_offset` lines into `source`) as `T`.
pub fn parse<T: DeserializeOwned + JsonSchema>(
    source: &SourceText,
    text: &str,
    line_offset: u32,
) -> Result<Parsed<T>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::new(&source.rel, "the file is empty").hint("see `uplift new` for a complete example")
        );
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 4_000_000,
            max_nodes: 2_000_000,
            max_depth: 32,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
        },
        with_snippet: false,
    };
    let mut ignored = unknown_keys::Ignored::default();
    let value = serde_saphyr::with_deserializer_from_str_with_options(text, options, |yaml| {
        serde_ignored::deserialize(yaml, |path| ignored.add(&path))
    })
    .map_err(|e| to_diagnostic(&source.rel, &e, line_offset))?;
    let unknown = if ignored.total == 0 {
        Vec::new()
    } else {
        unknown_keys::problems::<T>(source, text, line_offset, &ignored)
    };
    Ok(Parsed { value, unknown })
}

fn to_diagnostic(rel: &std::path::Path, error: &serde_saphyr::Error, line_offset: u32) -> Diagnostic {
    let position =
        error.location().and_then(Position::from_yaml).map(|p| Position { line: p.line + line_offset, ..p });
    let (message, hint) = explain(&clean_message(&error.without_snippet().to_string()));
    let mut d = Diagnostic::new(rel, message).at(position);
    d.hint = hint;
    d
}

/// The parser's wording, turned into words a consultant acts on.
fn explain(message: &str) -> (String, Option<String>) {
    let say = |m: &str, h: &str| (m.to_owned(), Some(h.to_owned()));
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return say(&format!("`{key}` appears twice in this block"), "keep one of the two lines");
    }
    if message.contains("alias replay limit") || message.contains("alias") && message.contains("limit") {
        return say(
            "the file expands YAML aliases (`*name`) beyond the safe limit",
            "write the values out instead of repeating anchors and aliases",
        );
    }
    if message.contains("budget") {
        return say(
            "the file is too large or too deeply nested to read safely",
            "split it up, or remove repeated anchors and aliases",
        );
    }
    if message.contains("expected sequence start") {
        return say("expected a list here", "write one entry per line, each starting with `- `");
    }
    if message.contains("expected mapping start") {
        return say("expected a block of fields here", "write `field: value` lines, indented under this key");
    }
    if message.contains("expected string scalar") {
        return say(
            "expected text here",
            "write the text after the colon, in quotes if it contains `:` or `#`",
        );
    }
    if message.contains("invalid type: sequence") {
        return say(message, "write a single value, not a list");
    }
    if message.contains("invalid boolean") {
        return say("expected true or false", "write `true` or `false`");
    }
    let syntax = [
        "mapping values are not allowed",
        "only valid inside a block",
        "multiline quoted scalar",
        "did not find expected",
        "while scanning",
        "simple key",
        "unexpected end",
        "found character that cannot start",
        "tab",
    ];
    if syntax.iter().any(|s| message.contains(s)) {
        return (
            format!("YAML syntax: {message}"),
            Some(
                "check the indentation, colons, brackets and quotes on this line and the line before it"
                    .into(),
            ),
        );
    }
    (message.to_owned(), None)
}

/// serde-saphyr appends " at line L column C"; the position is shown separately.
fn clean_message(message: &str) -> String {
    let trimmed = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    trimmed.trim().to_owned()
}
