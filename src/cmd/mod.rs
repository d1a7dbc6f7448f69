//! One file per command; each turns its arguments into a result or an [`Error`].

pub mod build;
pub mod cache;
pub mod check;
pub mod diff;
mod fit;
mod metrics;
mod new;
pub mod schema;
mod summarise;
mod templates;
mod watch;

use std::path::Path;

use crate::cli::{Cli, Command, Load};
use crate::error::Error;
use crate::model::Project;
use crate::project::Options;

/// How the command line asks a project to be read, by a command that shows the inputs'
/// fingerprints: the report and the metrics list them.
fn options(load: Load) -> Options {
    Options {
        skip_bad_rows: load.skip_bad_rows,
        allow_symlinks: load.allow_symlinks,
        cache: !load.no_cache,
        log_fingerprint: crate::project::LogFingerprint::Always,
        version: crate::project::VersionLookup::Asked,
    }
}

/// How the command line asks a project to be read, by a command that shows none of the
/// inputs' provenance, neither their fingerprints nor the version (`check`, `summarise`),
/// and so need not hash the transaction log nor ask `git` for the commit. (`check` renders
/// a project's own templates to check them, its list of inputs then without the log's
/// hash, its cover without a version.)
fn options_without_provenance(load: Load) -> Options {
    Options {
        log_fingerprint: crate::project::LogFingerprint::ForCache,
        version: crate::project::VersionLookup::Skipped,
        ..options(load)
    }
}

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build { dir, output, pdf, assets, language, edition, since, load } => build::run(
            &dir,
            build::Outputs { report: output.as_deref(), pdf, assets: assets.as_deref() },
            build::Choices { language, edition },
            since.as_deref(),
            options(load),
        ),
        Command::Check { dir, load, deny_warnings } => {
            check::run(&dir, options_without_provenance(load), deny_warnings)
        }
        Command::Fit { summary, horizon_days, horizon_periods, models, predictions, timings } => {
            let horizon = fit::Horizon { days: horizon_days, periods: horizon_periods };
            fit::run(&summary, horizon, &models, predictions.as_deref(), timings)
        }
        Command::Summarise { dir, output, holdout, memory_limit, load } => summarise::run(
            &dir,
            output.as_deref(),
            (holdout, memory_limit << 20),
            options_without_provenance(load),
        ),
        Command::Diff { from, to, dir, format } => diff::run(diff::Request { from, to, dir, format }),
        Command::Metrics { dir, output, load } => metrics::run(&dir, output.as_deref(), options(load)),
        Command::New { dir, example } => new::run(&dir, example),
        Command::Schema { output } => schema::run(&output),
        Command::Templates { action: crate::cli::TemplatesAction::Export { dir } } => templates::export(&dir),
        Command::Templates { action: crate::cli::TemplatesAction::View { dir, language, edition, load } } => {
            templates::view(&dir, build::Choices { language, edition }, options(load))
        }
        Command::Watch { dir, output, language, load } => {
            watch::run(&dir, output.as_deref(), language, options(load))
        }
        // Handled in `main`, before anything else runs.
        Command::RenderConfined => Ok(()),
    }
}

/// Every figure of `project`, saying on standard error which customer-base models could
/// not be fitted and why (the report leaves their figures out, and says so too), and which
/// figures a reviewer would question.
pub fn analyse(project: &Project, cache: &cache::Store) -> crate::analysis::Metrics {
    let metrics = crate::analysis::analyse_with(project, cache);
    for s in metrics.data.iter().flat_map(|d| &d.segments) {
        for n in &s.not_fitted {
            crate::warn!("warning: {}; the figures that need it are left out", n.sentence(&s.id));
        }
        if let Some(sentence) = s.models.as_ref().and_then(|m| m.without_p_alive(&s.id)) {
            crate::warn!("warning: {sentence}");
        }
    }
    for doubt in &metrics.plausibility {
        let (file, field) = doubt.place();
        crate::warn!("warning: {file}: {field}: {}", doubt.describe());
    }
    metrics
}

/// Loads the project in `dir`, or explains why it cannot; the data as read is recalled
/// from and kept in `cache`.
pub fn load(dir: &Path, options: Options, cache: &cache::Store) -> Result<Project, Error> {
    if !dir.is_dir() {
        let why = if dir.exists() { "is not a folder" } else { "does not exist" };
        return Err(Error::Usage(format!("the project folder {} {why}", dir.display())));
    }
    let project = crate::project::load_memoised(dir, options, cache).map_err(Error::Invalid)?;
    crate::render::check_templates(&project)?;
    for warning in &project.warnings {
        crate::warn!("{}", warning.trim_end());
    }
    Ok(project)
}
