//! `uplift metrics`: every figure as pretty JSON.

use std::io::Write;
use std::path::Path;

use super::load;
use crate::analysis::analyse;
use crate::error::Error;
use crate::output::write_atomically;

pub fn run(dir: &Path, output: Option<&Path>, options: crate::project::Options) -> Result<(), Error> {
    let project = load(dir, options)?;
    let metrics = analyse(&project);
    let mut json = serde_json::to_vec_pretty(&metrics)
        .map_err(|e| Error::Tool(format!("cannot serialise the figures: {e}")))?;
    json.push(b'\n');
    match output {
        Some(path) => write_atomically(path, &json),
        None => std::io::stdout().lock().write_all(&json).map_err(Error::io("write", "standard output")),
    }
}
