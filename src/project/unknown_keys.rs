//! Keys no field reads: found all at once, with their line and a "did you mean".
//!
//! serde's `deny_unknown_fields` stops a file at its first unknown key, so a misspelt
//! field hid the duplicate id and the bad rate two lines below it until the next run.
//! Instead the raw types accept unknown keys, `serde_ignored` records the path of
//! every key nothing read, and this module turns each path into a problem: its
//! position comes from the YAML events, the field names allowed there from the
//! file's JSON Schema (the same one editors get), so the hint cannot drift from
//! what is accepted.

use std::collections::HashMap;

use schemars::{JsonSchema, schema_for};
use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser};

use crate::diagnostic::{Diagnostic, Position, did_you_mean};
use crate::project::source::SourceText;

/// One step from the top of a YAML file down to a value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The most unknown keys of one file described one by one; the rest are counted in one
/// more problem, so a file of a million stray keys costs neither minutes nor gigabytes.
pub const DESCRIBED_PER_FILE: usize = 1_000;

/// The unknown keys of one file, as serde reports them: the first paths, and how many.
#[derive(Default)]
pub struct Ignored {
    pub paths: Vec<Vec<Step>>,
    pub total: usize,
}

impl Ignored {
    /// Records one value nothing read (unless it is serde-saphyr's own marker).
    pub fn add(&mut self, ignored: &serde_ignored::Path) {
        if let Some(path) = path_of(ignored) {
            self.total += 1;
            if self.paths.len() < DESCRIBED_PER_FILE {
                self.paths.push(path);
            }
        }
    }
}

/// The key path of an ignored value, or `None` for what serde-saphyr's span wrapper
/// itself skips (its internal marker), which is not in the file.
fn path_of(ignored: &serde_ignored::Path) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut at = ignored;
    loop {
        match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                steps.push(Step::Index(*index));
                at = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                // `Sp<T>` reads a synthetic `{marker, value, referenced, defined}` map
                // inside a newtype: its `value` is the node itself, not a key of the file.
                let wrapper = matches!(parent, serde_ignored::Path::NewtypeStruct { .. });
                if key.starts_with("__serde_saphyr") {
                    return None;
                }
                if !(wrapper && key == "value") {
                    steps.push(Step::Key(key.clone()));
                }
                at = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => at = parent,
        }
    }
    steps.reverse();
    Some(steps)
}

/// An unknown key's problem, and the field it was probably meant to be.
pub struct Unknown {
    pub problem: Diagnostic,
    /// The full path of the close known field (`segments[0].purchases_per_year`), whose
    /// "missing required field" would only repeat this problem.
    pub meant: Option<String>,
}

/// A problem for each unknown key of a file parsed as `T`, in the order written.
pub fn problems<T: JsonSchema>(
    source: &SourceText,
    text: &str,
    line_offset: u32,
    unknown: &Ignored,
) -> Vec<Unknown> {
    let schema = serde_json::Value::from(schema_for!(T));
    let positions = key_positions(text, &unknown.paths);
    let mut allowed_at: HashMap<&[Step], Vec<String>> = HashMap::new();
    let mut found: Vec<Unknown> = unknown
        .paths
        .iter()
        .filter_map(|path| {
            let (Step::Key(key), parent) = path.split_last()? else { return None };
            let position = positions.get(path).map(|p| Position { line: p.line + line_offset, ..*p });
            let allowed = allowed_at.entry(parent).or_insert_with(|| allowed_keys(&schema, parent));
            let close = did_you_mean(key, allowed.iter().map(String::as_str));
            let hint = match close {
                Some(close) => format!("did you mean `{close}`?"),
                None if allowed.is_empty() => "remove it".to_owned(),
                None => format!("expected one of: {}", allowed.join(", ")),
            };
            let problem =
                Diagnostic::new(&source.rel, "unknown field").at(position).field(label(path)).hint(hint);
            let meant = close.map(|close| label(&[parent, &[Step::Key(close.to_owned())]].concat()));
            Some(Unknown { problem, meant })
        })
        .collect();
    found.sort_by_key(|u| u.problem.position.map(|p| (p.line, p.column)));
    let more = unknown.total - unknown.paths.len();
    if more > 0 {
        let problem = Diagnostic::new(&source.rel, format!("{more} more unknown fields"))
            .hint("fix the ones above first: they are often one mistake repeated");
        found.push(Unknown { problem, meant: None });
    }
    found
}

/// A path as validation names fields: `segments[2].levers.retention_rate`.
fn label(path: &[Step]) -> String {
    path.iter()
        .enumerate()
        .map(|(i, step)| match step {
            Step::Key(k) if i == 0 => k.clone(),
            Step::Key(k) => format!(".{k}"),
            Step::Index(n) => format!("[{n}]"),
        })
        .collect()
}

/// Where the mapping keys at `wanted` paths are written in `text`. Only called when a file
/// has unknown keys; the walk keeps one path, and stores only what is wanted.
fn key_positions(text: &str, wanted: &[Vec<Step>]) -> HashMap<Vec<Step>, Position> {
    enum Frame {
        Map { key: Option<String> },
        Seq { next: usize },
    }
    /// A value is complete: its mapping waits for the next key, its list for the next item.
    fn done(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Map { key }) => *key = None,
            Some(Frame::Seq { next }) => *next += 1,
            None => {}
        }
    }
    let wanted: std::collections::HashSet<&[Step]> = wanted.iter().map(Vec::as_slice).collect();
    let mut positions = HashMap::new();
    let mut path: Vec<Step> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        match event {
            Event::Scalar(..) | Event::Alias(..) | Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(Frame::Map { key: key @ None }) = stack.last_mut() {
                    // A list or a mapping as a key is not valid in a project file.
                    let Event::Scalar(name, ..) = &event else { break };
                    let position = Position {
                        line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
                        column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
                    };
                    path.push(Step::Key(name.to_string()));
                    if wanted.contains(path.as_slice()) {
                        positions.entry(path.clone()).or_insert(position);
                    }
                    path.pop();
                    *key = Some(name.to_string());
                    continue;
                }
                let step = match stack.last() {
                    Some(Frame::Map { key: Some(key) }) => Some(Step::Key(key.clone())),
                    Some(Frame::Seq { next }) => Some(Step::Index(*next)),
                    _ => None,
                };
                match event {
                    Event::MappingStart(..) | Event::SequenceStart(..) => {
                        path.extend(step);
                        stack.push(if matches!(event, Event::MappingStart(..)) {
                            Frame::Map { key: None }
                        } else {
                            Frame::Seq { next: 0 }
                        });
                    }
                    _ => done(&mut stack),
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                if !stack.is_empty() {
                    path.pop();
                }
                done(&mut stack);
            }
            _ => {}
        }
    }
    positions
}

/// The field names a schema allows in the block at `path`.
fn allowed_keys(root: &Value, path: &[Step]) -> Vec<String> {
    let mut nodes = vec![root];
    for step in path {
        nodes = nodes
            .into_iter()
            .flat_map(|n| resolve(root, n))
            .filter_map(|n| match step {
                Step::Key(k) => n.get("properties").and_then(|p| p.get(k)),
                Step::Index(_) => n.get("items"),
            })
            .collect();
    }
    let mut keys: Vec<String> = nodes
        .into_iter()
        .flat_map(|n| resolve(root, n))
        .filter_map(|n| n.get("properties").and_then(Value::as_object))
        .flat_map(|p| p.keys().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A schema node with its `$ref`s followed and its `anyOf`/`oneOf`/`allOf` alternatives
/// spread out, so an optional block or a number-or-estimate finds its object form.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut todo = vec![(node, 0)];
    while let Some((n, depth)) = todo.pop() {
        if depth > 16 {
            continue;
        }
        if let Some(target) = n.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            if let Some(t) = root.pointer(target) {
                todo.push((t, depth + 1));
            }
        }
        for alternatives in ["anyOf", "oneOf", "allOf"] {
            for alternative in n.get(alternatives).and_then(Value::as_array).into_iter().flatten() {
                todo.push((alternative, depth + 1));
            }
        }
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.to_owned())
    }

    #[test]
    fn finds_keys_in_blocks_lists_and_flow_maps() {
        let text = "a: 1\nb:\n  c: 2\n  d:\n    - e: 3\n      f: 4\n    - {e: 5, g: 6}\nh: [1, {i: 2}]\n";
        let all = [
            vec![key("a")],
            vec![key("b"), key("c")],
            vec![key("b"), key("d"), Step::Index(0), key("f")],
            vec![key("b"), key("d"), Step::Index(1), key("g")],
            vec![key("h"), Step::Index(1), key("i")],
            vec![key("h")],
        ];
        let at = key_positions(text, &all);
        assert_eq!(key_positions(text, &all[..1]).len(), 1, "only the wanted keys are kept");
        let pos = |path: Vec<Step>| at.get(&path).map(|p| (p.line, p.column));
        assert_eq!(pos(vec![key("a")]), Some((1, 1)));
        assert_eq!(pos(vec![key("b"), key("c")]), Some((3, 3)));
        assert_eq!(pos(vec![key("b"), key("d"), Step::Index(0), key("f")]), Some((6, 7)));
        assert_eq!(pos(vec![key("b"), key("d"), Step::Index(1), key("g")]), Some((7, 14)));
        assert_eq!(pos(vec![key("h"), Step::Index(1), key("i")]), Some((8, 9)));
        assert_eq!(pos(vec![key("h")]), Some((8, 1)));
    }

    #[test]
    fn labels_read_like_validation_fields() {
        assert_eq!(
            label(&[key("segments"), Step::Index(2), key("levers"), key("retention_rate")]),
            "segments[2].levers.retention_rate"
        );
        assert_eq!(label(&[key("title")]), "title");
    }

    #[test]
    fn allowed_keys_follow_refs_lists_and_options() {
        let schema = serde_json::json!({
            "properties": {"segments": {"type": "array", "items": {"$ref": "#/$defs/S"}}},
            "$defs": {
                "S": {"properties": {"id": {}, "levers": {"anyOf": [{"$ref": "#/$defs/L"}, {"type": "null"}]}}},
                "L": {"properties": {"retention": {}, "frequency": {}}}
            }
        });
        assert_eq!(allowed_keys(&schema, &[]), ["segments"]);
        assert_eq!(allowed_keys(&schema, &[key("segments"), Step::Index(3)]), ["id", "levers"]);
        assert_eq!(
            allowed_keys(&schema, &[key("segments"), Step::Index(0), key("levers")]),
            ["frequency", "retention"]
        );
        assert!(allowed_keys(&schema, &[key("nowhere")]).is_empty());
    }
}
