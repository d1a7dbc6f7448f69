//! One file per command; each turns its arguments into a result or an [`Error`].

pub mod build;
mod check;
pub mod diff;
mod metrics;
mod new;
pub mod schema;
mod watch;

use std::path::Path;

use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::model::Project;

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build { dir, output, pdf, language, since } => {
            build::run(&dir, output.as_deref(), pdf, language, since.as_deref())
        }
        Command::Check { dir } => check::run(&dir),
        Command::Diff { from, to, dir, format } => diff::run(diff::Request { from, to, dir, format }),
        Command::Metrics { dir, output } => metrics::run(&dir, output.as_deref()),
        Command::New { dir } => new::run(&dir),
        Command::Schema { output } => schema::run(&output),
        Command::Watch { dir, output, language } => watch::run(&dir, output.as_deref(), language),
    }
}

/// Loads the project in `dir`, or explains why it cannot.
pub fn load(dir: &Path) -> Result<Project, Error> {
    if !dir.is_dir() {
        let why = if dir.exists() { "is not a folder" } else { "does not exist" };
        return Err(Error::Usage(format!("the project folder {} {why}", dir.display())));
    }
    crate::project::load(dir).map_err(Error::Invalid)
}
