//! The JSON Schemas for editors: generated from the reading types, committed beside the
//! examples without drift, accepting the example and flagging a typo — checked with an
//! independent validator (Python's `jsonschema`).

mod common;

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
    for project in ["example-project", "example-project-da"] {
        for name in FILES {
            let file = format!("{name}.schema.json");
            let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(project).join("schemas").join(&file);
            assert_eq!(
                fs::read(&committed).unwrap_or_default(),
                fs::read(dir.path().join(&file)).unwrap(),
                "{project}/schemas/{file} is stale: run `uplift schema -o {project}/schemas`"
            );
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
}
