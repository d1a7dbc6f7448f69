//! The pipeline's layers, checked on the source: a lower layer never imports a higher one.
//!
//! `project/` reads the folder into `model/`; `analysis/` computes from `model/` alone;
//! `render/` lays out `model/` and `analysis/`; `cmd/` ties them together. The small shared
//! modules at the top of `src/` (diagnostics, errors, paths, threads) sit beside the pipeline:
//! every layer may use them, and they use nothing of it but `model/`.

use std::collections::BTreeSet;
use std::path::Path;

/// Each pipeline folder and the folders it may import (shared modules always allowed).
const LAYERS: [(&str, &[&str]); 5] = [
    ("model", &[]),
    ("project", &["model"]),
    ("analysis", &["model"]),
    ("render", &["model", "analysis"]),
    ("cmd", &["model", "project", "analysis", "render", "cli"]),
];

/// The modules beside the pipeline, which every layer may use.
const SHARED: [&str; 11] = [
    "cli",
    "css",
    "csv_field",
    "diagnostic",
    "error",
    "interrupt",
    "memo",
    "output",
    "parallel",
    "process",
    "terminal",
];

/// The top-level modules `text` names through `crate::…`, comments left out.
fn imports(text: &str) -> BTreeSet<String> {
    let code =
        text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::b, c}`: the first name of each item.
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(inner.split(',').filter_map(|item| first_name(item.trim())));
        } else if let Some(name) = first_name(rest) {
            // `crate::say!` is a macro of the crate root, not a module.
            if !rest[name.len()..].starts_with('!') {
                found.insert(name);
            }
        }
    }
    found
}

fn first_name(path: &str) -> Option<String> {
    let name: String = path.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// Every `(file, module it must not import)` of the source tree under `src`.
fn violations(src: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("src is readable");
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).expect("under src");
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let top = top.unwrap_or_default().trim_end_matches(".rs").to_owned();
        let allowed: Vec<&str> = match LAYERS.iter().find(|(layer, _)| *layer == top) {
            Some((_, may)) => may.to_vec(),
            None if SHARED.contains(&top.as_str()) => vec!["model"],
            None => continue, // main.rs, lib.rs: the crate's entry points
        };
        let text = std::fs::read_to_string(path).expect("a source file is readable");
        for module in imports(&text) {
            let fine =
                module == top || allowed.contains(&module.as_str()) || SHARED.contains(&module.as_str());
            if !fine {
                found.push((crate::diagnostic::slash_path(rel), module));
            }
        }
    }
    found
}

#[test]
fn no_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports against the pipeline's direction (see README, \"How the code is laid out\"):\n{}",
        found
            .iter()
            .map(|(file, module)| format!("  {file} imports crate::{module}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_check_sees_grouped_and_inline_imports() {
    let text = "use crate::{model::Project, render::x};\n// crate::cmd in a comment\nlet v = crate::project::load(dir);\ncrate::say!(\"hi\");\n";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["model", "project", "render"]);
}

#[test]
fn an_import_against_the_direction_is_found() {
    let src = std::env::temp_dir().join(format!("uplift-layers-{}", std::process::id()));
    std::fs::create_dir_all(src.join("analysis")).unwrap();
    std::fs::write(src.join("analysis/value.rs"), "use crate::model::Drivers;\nuse crate::project::load;\n")
        .unwrap();
    std::fs::write(src.join("model.rs"), "use crate::diagnostic::plural;\n").unwrap();
    let found = violations(&src);
    std::fs::remove_dir_all(&src).unwrap();
    assert_eq!(found, [("analysis/value.rs".to_owned(), "project".to_owned())]);
}

/// The files outside `project/` that build a reference without looking it up (besides
/// `model/reference.rs`, which defines it, the unit tests' `model/fixture.rs` and this file's
/// planted example): none may,
/// so that every [`crate::model::Ref`] names an entry the loader found.
fn unchecked_references(src: &Path) -> Vec<String> {
    walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("src is readable").into_path())
        .filter(|path| path.extension().is_some_and(|x| x == "rs"))
        .filter(|path| {
            let rel = crate::diagnostic::slash_path(path.strip_prefix(src).expect("under src"));
            !rel.starts_with("project/")
                && !["model/reference.rs", "model/fixture.rs", "layers.rs"].contains(&rel.as_str())
        })
        .filter(|path| {
            std::fs::read_to_string(path).expect("a source file is readable").contains("Ref::declared(")
        })
        .map(|path| crate::diagnostic::slash_path(path.strip_prefix(src).expect("under src")))
        .collect()
}

#[test]
fn only_the_loader_builds_a_reference_unchecked() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    assert_eq!(unchecked_references(&src), Vec::<String>::new());
    let planted = std::env::temp_dir().join(format!("uplift-refs-{}", std::process::id()));
    std::fs::create_dir_all(planted.join("analysis")).unwrap();
    std::fs::create_dir_all(planted.join("project")).unwrap();
    std::fs::write(planted.join("analysis/x.rs"), "let r = Ref::declared(3, id);\n").unwrap();
    std::fs::write(planted.join("project/y.rs"), "let r = Ref::declared(3, id);\n").unwrap();
    let found = unchecked_references(&planted);
    std::fs::remove_dir_all(&planted).unwrap();
    assert_eq!(found, ["analysis/x.rs"]);
}
