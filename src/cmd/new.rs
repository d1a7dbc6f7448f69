//! `uplift new`: scaffold a project: a clean starting point, or the full example.
//!
//! The starting point has the example's structure, placeholders and comments, and nothing
//! of the fictional client: no transaction log and no `data:` section, which would be easy
//! to ship into a real report. `--example` copies the complete example instead. Both get
//! the editor schemas and a `.gitignore` for build output.

use std::fs;
use std::path::Path;

use crate::error::Error;

/// The clean starting project, embedded so `uplift new` works from any folder.
const STARTER: &[(&str, &str)] = &[
    ("project.yaml", include_str!("../../starter-project/project.yaml")),
    ("segments.yaml", include_str!("../../starter-project/segments.yaml")),
    ("journey.yaml", include_str!("../../starter-project/journey.yaml")),
    ("winloss.yaml", include_str!("../../starter-project/winloss.yaml")),
    ("jobs.yaml", include_str!("../../starter-project/jobs.yaml")),
    (
        "workshops/2027-02-first-workshop.md",
        include_str!("../../starter-project/workshops/2027-02-first-workshop.md"),
    ),
    (".gitignore", GITIGNORE),
];

/// Build output is derived from the inputs: keep it out of the project's history.
const GITIGNORE: &str = "build/\n";

/// The example project, embedded so `uplift new --example` works from any folder.
const EXAMPLE: &[(&str, &str)] = &[
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
    (
        "options/danish-segments-only.yaml",
        include_str!("../../example-project/options/danish-segments-only.yaml"),
    ),
    ("options/fast-roll-out.yaml", include_str!("../../example-project/options/fast-roll-out.yaml")),
    ("assets/logo.svg", include_str!("../../example-project/assets/logo.svg")),
    ("assets/welcome-process.svg", include_str!("../../example-project/assets/welcome-process.svg")),
    ("sections/01-first-90-days.md", include_str!("../../example-project/sections/01-first-90-days.md")),
    ("data/transactions.csv", include_str!("../../example-project/data/transactions.csv")),
    (".gitignore", GITIGNORE),
];

pub fn run(dir: &Path, example: bool) -> Result<(), Error> {
    if dir.exists() {
        let empty = dir.is_dir() && fs::read_dir(dir).map_err(Error::io("read", dir))?.next().is_none();
        if !empty {
            return Err(Error::Usage(format!(
                "{} already exists and is not an empty folder; choose a new name",
                dir.display()
            )));
        }
    }
    let files = if example { EXAMPLE } else { STARTER };
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        }
        fs::write(&path, text).map_err(Error::io("write", &path))?;
    }
    super::schema::write(&dir.join("schemas"))?;
    let what = if example { "a copy of the example project" } else { "a starting project with placeholders" };
    crate::say!(
        "created {} as {what}; replace its figures with the client's, then run `uplift check {}`",
        dir.display(),
        dir.display()
    );
    Ok(())
}
