//! The command line as the user writes it. The doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Check a customer-loyalty project, compute its value uplift and gap rankings,
/// and report them to leadership.
///
/// A project is a folder of YAML files (project.yaml, segments.yaml, and optionally
/// journey.yaml, winloss.yaml, jobs.yaml) plus workshop notes in workshops/*.md.
/// Run `uplift new my-client` to start one (`--example` for a complete example).
///
/// Exit codes: 0 success, 1 invalid project or failed output, 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "uplift", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// How a project is loaded: the options of every command that reads a project folder.
#[derive(Debug, Clone, Copy, Args)]
pub struct Load {
    /// Leave out data rows that cannot be read (the report and `check` say how many, and
    /// why), as `on_bad_rows: skip` under `data:` does.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Follow symbolic links that stay inside the project folder. By default every input
    /// must be a real file: a link could put files from outside the project into the
    /// report (docs/security.md).
    #[arg(long)]
    pub allow_symlinks: bool,
    /// Compute everything afresh: neither recall nor keep results in the project's
    /// build/.cache (the data as read, each segment's model fits and the simulations, kept
    /// so that an unchanged project does not compute them again).
    #[arg(long)]
    pub no_cache: bool,
}

/// What `uplift templates` does.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write the built-in templates (report frame, sections, style, macros) into DIR for
    /// editing, e.g. `uplift templates export my-client/templates`. Keep only the files you
    /// change: each one a project holds replaces the built-in one of that name.
    Export {
        /// The folder to write into (created if needed); no file in it is overwritten.
        dir: PathBuf,
    },
    /// Print, as JSON, everything the templates see for this project: one object per
    /// report section (`summary`, `value`, …) beside `meta`, `titles` and `own`; what a
    /// template names as `{{ value.scenarios }}` is `value.scenarios` here.
    View {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The language the texts are in (en, da, nb or sv) instead of project.yaml's.
        #[arg(long, value_name = "LANG")]
        language: Option<crate::model::Language>,
        /// `full` or `leadership` instead of project.yaml's `report.edition`.
        #[arg(long, value_name = "EDITION")]
        edition: Option<crate::model::Edition>,
        #[command(flatten)]
        load: Load,
    },
}

/// Output formats of `uplift diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table to read in the terminal.
    Text,
    /// The same as JSON, for scripts and the report.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the report: one self-contained HTML file to e-mail, open offline and print.
    Build {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the report [default: DIR/build/report.html].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Also print the report to a PDF beside it, with a locally installed Chromium.
        #[arg(long)]
        pdf: bool,
        /// Write the report in this language for this run, instead of project.yaml's
        /// `language` (en, da, nb or sv).
        #[arg(long, value_name = "LANG")]
        language: Option<crate::model::Language>,
        /// Also write every chart as SVG, every table as CSV (in the report language's
        /// conventions) and all tables as one .xlsx workbook into DIR, for the slide deck.
        #[arg(long, value_name = "DIR")]
        assets: Option<PathBuf>,
        /// Write this edition for this run instead of project.yaml's `report.edition`:
        /// `full` (every section and the audit appendix) or `leadership` (what a board reads
        /// in ten minutes, with the same figures).
        #[arg(long, value_name = "EDITION")]
        edition: Option<crate::model::Edition>,
        /// Add a "What changed since REV" section after the executive summary, comparing
        /// the project with its version at git revision REV (e.g. HEAD~1 or a tag).
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        #[command(flatten)]
        load: Load,
    },
    /// Check a project folder and list every problem found, with file, line and column.
    Check {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        load: Load,
        /// Fail (exit 1) when there is any warning: a figure a reviewer would question, or a
        /// value that may be misread.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Fit the customer-base models (BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma; BG/BB to a
    /// periods summary) per segment and print the parameters, standard errors, AIC and BIC as
    /// JSON; a holdout summary is validated. Time is in days.
    Fit {
        /// A summary CSV as `uplift summarise` writes it (docs/warehouse.md), or a periods
        /// summary `customer,segment,frequency,recency,periods[,count]` for BG/BB.
        summary: PathBuf,
        /// Horizon of the expected purchases in the predictions, in days.
        #[arg(long, value_name = "DAYS", default_value_t = 365)]
        horizon_days: u32,
        /// Horizon of a periods summary's predictions, in opportunities.
        #[arg(long, value_name = "PERIODS", default_value_t = 5)]
        horizon_periods: u32,
        /// Fit only these models of a customer summary, comma-separated (default: all four).
        #[arg(long, value_name = "MODELS", value_delimiter = ',', value_parser = ["bg_nbd", "pareto_nbd", "mbg_nbd", "gamma_gamma"])]
        models: Vec<String>,
        /// Also write each customer's P(alive), expected purchases and expected spend to FILE.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
        /// Print how long reading and each fit took to stderr. Segments are fitted side by
        /// side, so a fit's time is its wall time beside the others'.
        #[arg(long)]
        timings: bool,
    },
    /// Write the per-customer summary of the project's transaction data as CSV: the same
    /// table docs/warehouse.md computes in a warehouse. Without a cache (`--no-cache`), or
    /// for a log read in parts, only project.yaml's settings and `data:`, segments.yaml and
    /// the log are checked (the other files' problems and warnings are not shown), and the
    /// log's rows go out as they are made.
    Summarise {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the holdout summary instead: each customer as of `data: calibration_end:`
        /// and their purchase days after it, for `uplift fit` to validate the models on.
        /// The log is then read whole.
        #[arg(long)]
        holdout: bool,
        /// The memory the summary may take, in MiB. A transaction log larger than this (or
        /// than 1 GiB) is cut by customer id into parts of about a third of it, in the
        /// temporary folder ($TMPDIR), each read on its own; a log may be up to 16 GiB this
        /// way. Below some 512 MiB, buffers and the allocator's free memory take the peak
        /// past it.
        #[arg(long, value_name = "MIB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=1 << 20))]
        memory_limit: u64,
        #[command(flatten)]
        load: Load,
    },
    /// Print every computed figure as JSON (shape documented in docs/metrics.md).
    Metrics {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write the JSON to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        load: Load,
    },
    /// Show what changed between two versions of a project in git: inputs, figures and
    /// rankings. Reads both versions from history without touching the work tree.
    ///
    /// Examples: `uplift diff` (last commit against the working tree), `uplift diff HEAD~1`,
    /// `uplift diff v1 v2 clients/acme`.
    Diff {
        /// The older revision [default: HEAD].
        from: Option<String>,
        /// The newer revision [default: the working tree].
        to: Option<String>,
        /// The project folder [default: .]; may also stand in place of a revision.
        dir: Option<PathBuf>,
        /// Output as a readable table or as JSON.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Rebuild the report whenever a project file changes, until Ctrl-C. An invalid edit
    /// prints its problems and keeps the last good report.
    Watch {
        /// The project folder.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the report [default: DIR/build/report.html].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write the report in this language instead of project.yaml's (en, da, nb or sv).
        #[arg(long, value_name = "LANG")]
        language: Option<crate::model::Language>,
        #[command(flatten)]
        load: Load,
    },
    /// Write JSON Schemas of the project files, so editors (VS Code with the YAML extension,
    /// and others using the YAML language server) complete field names and flag mistakes.
    Schema {
        /// The folder to write the schemas to.
        #[arg(short, long, value_name = "DIR", default_value = "schemas")]
        output: PathBuf,
    },
    /// Work with the report templates a project can override.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// Create a new project folder: a starting project with placeholders and comments, the
    /// editor schemas and a .gitignore; with --example, the complete example instead.
    New {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
        /// Copy the complete example project (a fictional client, with its transaction
        /// export) instead of the clean starting project.
        #[arg(long)]
        example: bool,
    },
    /// Internal: renders a project's own templates in a confined process (see
    /// `render::confined`); reads its job on standard input.
    #[command(name = "render-confined", hide = true)]
    RenderConfined,
}
