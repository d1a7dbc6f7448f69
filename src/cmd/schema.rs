//! `uplift schema`: JSON Schemas of the project files, for editors.
//!
//! Generated from the same raw types that read the files, so a schema cannot drift from
//! what `uplift` accepts: field names, descriptions (the types' doc comments), ranges,
//! enums and `additionalProperties: false` for unknown fields.

use std::path::Path;

use schemars::{JsonSchema, Schema, schema_for};

use crate::error::Error;
use crate::output::write_atomically;
use crate::project::raw::{RawJobs, RawJourney, RawOption, RawProject, RawSegmentsFile, RawWinLoss};

/// Each YAML file, its schema's file name and title.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    fn titled<T: JsonSchema>(file: &str) -> Schema {
        let mut schema = schema_for!(T);
        schema.insert("title".into(), format!("uplift {file}").into());
        schema
    }
    vec![
        ("project.schema.json", titled::<RawProject>("project.yaml")),
        ("segments.schema.json", titled::<RawSegmentsFile>("segments.yaml")),
        ("journey.schema.json", titled::<RawJourney>("journey.yaml")),
        ("winloss.schema.json", titled::<RawWinLoss>("winloss.yaml")),
        ("jobs.schema.json", titled::<RawJobs>("jobs.yaml")),
        ("option.schema.json", titled::<RawOption>("options/*.yaml")),
    ]
}

/// Writes every schema into `dir`, creating it if needed.
pub fn write(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(Error::io("create", dir))?;
    for (name, schema) in schemas() {
        let mut json = serde_json::to_vec_pretty(&schema)
            .map_err(|e| Error::Tool(format!("cannot serialise a schema: {e}")))?;
        json.push(b'\n');
        write_atomically(&dir.join(name), &json)?;
    }
    Ok(())
}

pub fn run(dir: &Path) -> Result<(), Error> {
    write(dir)?;
    crate::say!(
        "wrote {} schemas to {}; point your editor at them with a first line such as\n# yaml-language-server: $schema=schemas/segments.schema.json",
        schemas().len(),
        dir.display()
    );
    Ok(())
}
