//! `uplift summarise`: the per-customer summary of the project's transaction data.

use std::io::Write;
use std::path::Path;

use super::load;
use crate::error::Error;
use crate::output::write_atomically;

pub fn run(dir: &Path, output: Option<&Path>, options: crate::project::Options) -> Result<(), Error> {
    let project = load(dir, options)?;
    let Some(data) = &project.data else {
        return Err(Error::Usage(format!(
            "{} has no `data:` section in project.yaml: there is nothing to summarise",
            dir.display()
        )));
    };
    let ids: Vec<String> = project.segments.iter().map(|s| s.id.clone()).collect();
    let csv = crate::data::write_summary(&data.customers, &ids);
    match output {
        Some(path) => write_atomically(path, csv.as_bytes()),
        None => {
            std::io::stdout().lock().write_all(csv.as_bytes()).map_err(Error::io("write", "standard output"))
        }
    }
}
