//! `uplift metrics`: every figure as pretty JSON.

use std::path::Path;

use super::analyse;
use super::load;
use crate::error::Error;
use crate::output::{Destination, Protected, check_target};

pub fn run(dir: &Path, output: Option<&Path>, options: crate::project::Options) -> Result<(), Error> {
    let cache = super::cache::Store::open(dir, options.cache);
    let project = load(dir, options, &cache)?;
    let destination = Destination::from_arg(output).unwrap_or(Destination::Stdout);
    if let Destination::File(path) = &destination {
        check_target(path, Some(Protected { dir, inputs: &project.sources }))?;
    }
    let metrics = analyse(&project, &cache);
    let mut json = serde_json::to_vec_pretty(&metrics)
        .map_err(|e| Error::Tool(format!("cannot serialise the figures: {e}")))?;
    json.push(b'\n');
    destination.write(&json)?;
    cache.save();
    Ok(())
}
