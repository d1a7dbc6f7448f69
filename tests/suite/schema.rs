//! The JSON Schemas for editors: generated from the reading types, committed beside the
//! examples without drift, accepting the example and flagging a typo — checked with an
//! independent validator (Python's `jsonschema`).

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TempDir, example, text, uplift};

const FILES: [&str; 5] = ["project", "segments", "journey", "winloss", "jobs"];

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let dir = TempDir::new("schemas");
    let out = uplift(&["schema", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut generated: Vec<_> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    generated.sort();
    assert_eq!(generated.len(), FILES.len() + 1, "{generated:?}");
    for project in ["example-project", "example-project-da"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(project);
        for file in &generated {
            let committed = root.join("schemas").join(file);
            assert_eq!(
                fs::read(&committed).unwrap_or_default(),
                fs::read(dir.path().join(file)).unwrap(),
                "{project}/schemas/{file} is stale: run `uplift schema -o {project}/schemas`"
            );
        }
        for option in option_files(&root) {
            let yaml = fs::read_to_string(&option).unwrap();
            assert!(
                yaml.starts_with("# yaml-language-server: $schema=../schemas/option.schema.json"),
                "{} names its schema",
                option.display()
            );
        }
        for name in FILES {
            let file = format!("{name}.schema.json");
            let yaml = fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(project).join(format!("{name}.yaml")),
            )
            .unwrap();
            assert!(
                yaml.starts_with(&format!("# yaml-language-server: $schema=schemas/{file}")),
                "{project}/{name}.yaml names its schema"
            );
        }
    }
}

/// The example's programme options, `options/*.yaml`, sorted.
fn option_files(project: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        fs::read_dir(project.join("options")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} has options", project.display());
    files
}

/// Validates `yaml_file` against `schema_file` with Python's jsonschema; the error messages,
/// or `None` when the validator is not installed here.
fn validate(yaml_file: &Path, schema_file: &Path) -> Option<String> {
    const SCRIPT: &str = r#"
import json, sys
try:
    import jsonschema, yaml
except ImportError:
    sys.exit(3)
doc = json.loads(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), default=str))
schema = json.load(open(sys.argv[2], encoding="utf-8"))
for error in jsonschema.Draft202012Validator(schema).iter_errors(doc):
    print(error.message)
"#;
    let out = Command::new("python3").args(["-c", SCRIPT]).arg(yaml_file).arg(schema_file).output().ok()?;
    if out.status.code() == Some(3) {
        return None;
    }
    assert!(out.status.success(), "{}", text(&out.stderr));
    Some(text(&out.stdout))
}

#[test]
fn the_example_validates_and_a_typo_is_flagged() {
    let dir = TempDir::new("schema-validate");
    assert!(uplift(&["schema", "-o", dir.path().to_str().unwrap()]).status.success());
    for name in FILES {
        let schema = dir.path().join(format!("{name}.schema.json"));
        let Some(errors) = validate(&example().join(format!("{name}.yaml")), &schema) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs Python's jsonschema and PyYAML (pip install jsonschema pyyaml)"
            );
            eprintln!(
                "\n!!! SKIPPED: schema validation needs Python's jsonschema and PyYAML (pip install jsonschema pyyaml) !!!\n"
            );
            return;
        };
        assert!(errors.trim().is_empty(), "{name}.yaml: {errors}");
    }
    for option in option_files(&example()) {
        let errors = validate(&option, &dir.path().join("option.schema.json")).unwrap();
        assert!(errors.trim().is_empty(), "{}: {errors}", option.display());
    }
    let typo = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(example().join("segments.yaml")).unwrap().replacen(
        "retention_rate: 0.79",
        "retension_rate: 0.79",
        1,
    );
    fs::write(&typo, yaml).unwrap();
    let errors = validate(&typo, &dir.path().join("segments.schema.json")).unwrap();
    assert!(errors.contains("retension_rate"), "the typo is flagged: {errors}");
    let out_of_range = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(example().join("segments.yaml")).unwrap().replacen(
        "retention_rate: 0.79",
        "retention_rate: 79",
        1,
    );
    fs::write(&out_of_range, yaml).unwrap();
    let errors = validate(&out_of_range, &dir.path().join("segments.schema.json")).unwrap();
    assert!(errors.contains("79 is greater than the maximum of 1"), "the range is flagged: {errors}");
    // `retention_rate:` with no value is "has no value" to `check`, so the editor flags it too.
    let empty = dir.path().join("segments.yaml");
    let yaml = fs::read_to_string(example().join("segments.yaml")).unwrap().replacen(
        "retention_rate: 0.79",
        "retention_rate:",
        1,
    );
    fs::write(&empty, yaml).unwrap();
    let errors = validate(&empty, &dir.path().join("segments.schema.json")).unwrap();
    assert!(errors.contains("None is not of type"), "an empty value is flagged: {errors}");
    // A touchpoint's importance has the same 1–5 range in the schema as in `check`.
    let journey = dir.path().join("journey.yaml");
    let yaml = fs::read_to_string(example().join("journey.yaml")).unwrap().replacen(
        "importance: 4, performance: 2",
        "importance: 6, performance: 2",
        1,
    );
    fs::write(&journey, yaml).unwrap();
    let errors = validate(&journey, &dir.path().join("journey.schema.json")).unwrap();
    assert!(errors.contains("6 is greater than the maximum of 5"), "the range is flagged: {errors}");
}

/// The property paths under `node` that have no description.
fn undescribed(node: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    let Some(object) = node.as_object() else { return };
    if let Some(properties) = object.get("properties").and_then(|p| p.as_object()) {
        for (key, property) in properties {
            if property.get("description").is_none() {
                out.push(format!("{path}.{key}"));
            }
            undescribed(property, &format!("{path}.{key}"), out);
        }
    }
    if let Some(definitions) = object.get("$defs").and_then(|d| d.as_object()) {
        for (name, definition) in definitions {
            undescribed(definition, &format!("{path}/{name}"), out);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(sub) = object.get(key) {
            undescribed(sub, path, out);
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for sub in object.get(key).and_then(|a| a.as_array()).into_iter().flatten() {
            undescribed(sub, path, out);
        }
    }
}

#[test]
fn every_field_of_every_file_has_a_description_for_the_editor() {
    let dir = TempDir::new("schema-descriptions");
    assert!(uplift(&["schema", "-o", dir.path().to_str().unwrap()]).status.success());
    let mut missing = Vec::new();
    for entry in fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let schema: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        undescribed(&schema, &name, &mut missing);
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "fields without a doc comment in src/project/raw/files.rs:\n{}",
        missing.join("\n")
    );
}
