//! `uplift new`: scaffold a project from the built-in example.

use std::fs;
use std::path::Path;

use crate::error::Error;

/// The example project, embedded so `uplift new` works from any folder.
const FILES: &[(&str, &str)] = &[
    ("project.yaml", include_str!("../../example-project/project.yaml")),
    ("segments.yaml", include_str!("../../example-project/segments.yaml")),
    ("journey.yaml", include_str!("../../example-project/journey.yaml")),
    ("winloss.yaml", include_str!("../../example-project/winloss.yaml")),
    ("jobs.yaml", include_str!("../../example-project/jobs.yaml")),
    (
        "workshops/2027-01-copenhagen.md",
        include_str!("../../example-project/workshops/2027-01-copenhagen.md"),
    ),
    ("workshops/2027-02-oslo.md", include_str!("../../example-project/workshops/2027-02-oslo.md")),
    ("assets/logo.svg", include_str!("../../example-project/assets/logo.svg")),
    ("data/transactions.csv", include_str!("../../example-project/data/transactions.csv")),
    // Build output is derived from the inputs: keep it out of the project's history.
    (".gitignore", "build/\n"),
];

pub fn run(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let empty = dir.is_dir() && fs::read_dir(dir).map_err(Error::io("read", dir))?.next().is_none();
        if !empty {
            return Err(Error::Usage(format!(
                "{} already exists and is not an empty folder; choose a new name",
                dir.display()
            )));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        }
        fs::write(&path, text).map_err(Error::io("write", &path))?;
    }
    crate::say!(
        "created {} from the example project; edit its YAML files, then run `uplift check {}`",
        dir.display(),
        dir.display()
    );
    Ok(())
}
