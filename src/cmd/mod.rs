//! One file per command; each turns its arguments into a result or an [`Error`].

pub mod build;
mod check;
pub mod diff;
mod fit;
mod metrics;
mod new;
pub mod schema;
mod summarise;
mod watch;

use std::path::Path;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::model::Project;
use crate::project::Options;

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build { dir, output, pdf, language, since, skip_bad_rows } => {
            build::run(&dir, output.as_deref(), pdf, language, since.as_deref(), options(skip_bad_rows))
        }
        Command::Check { dir, skip_bad_rows } => check::run(&dir, options(skip_bad_rows)),
        Command::Fit { summary, horizon_days, predictions, timings } => {
            fit::run(&summary, horizon_days, predictions.as_deref(), timings)
        }
        Command::Summarise { dir, output, skip_bad_rows } => {
            summarise::run(&dir, output.as_deref(), options(skip_bad_rows))
        }
        Command::Diff { from, to, dir, format } => diff::run(diff::Request { from, to, dir, format }),
        Command::Metrics { dir, output, skip_bad_rows } => {
            metrics::run(&dir, output.as_deref(), options(skip_bad_rows))
        }
        Command::New { dir } => new::run(&dir),
        Command::Schema { output } => schema::run(&output),
        Command::Watch { dir, output, language, skip_bad_rows } => {
            watch::run(&dir, output.as_deref(), language, options(skip_bad_rows))
        }
    }
}

fn options(skip_bad_rows: bool) -> Options {
    Options { skip_bad_rows }
}

/// Loads the project in `dir`, or explains why it cannot.
pub fn load(dir: &Path, options: Options) -> Result<Project, Error> {
    if !dir.is_dir() {
        let why = if dir.exists() { "is not a folder" } else { "does not exist" };
        return Err(Error::Usage(format!("the project folder {} {why}", dir.display())));
    }
    crate::project::load_with(dir, options).map_err(Error::Invalid)
}
