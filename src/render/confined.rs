//! Rendering a project's own templates in a confined child process.
//!
//! Tera is a small language: a template can loop, recurse through macros and build
//! strings. A template from a received project folder could therefore run for minutes,
//! take gigabytes or overflow the stack and abort the process. The built-in templates are
//! ours and render in process; a project's overrides render in a child — this same
//! binary, started with a hidden command — that gets the templates and the view on its
//! standard input and nothing else, runs under a memory, CPU-time and file-size limit,
//! and is killed at a wall-clock deadline. Whatever goes wrong in it, the parent reports
//! one clear error and writes nothing.

use std::io::{Read, Write};
use std::process::{Command, ExitCode};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::templates::{self, REPORT_MAX_BYTES};
use crate::error::Error;
use crate::model::{Language, TemplateOverride};
use crate::process;

/// The hidden command the child is started with.
pub const COMMAND: &str = "render-confined";
/// Wall-clock time a confined rendering may take.
pub const TIME_BUDGET: Duration = Duration::from_secs(5);
/// Address space of the child, which bounds its memory.
pub const MEMORY_BUDGET_BYTES: u64 = 1 << 30;

/// What the child needs: the templates, the language of `t()` and the view.
#[derive(Serialize, Deserialize)]
struct Job {
    templates: Vec<(String, String)>,
    language: String,
    context: serde_json::Value,
}

/// Renders `overrides` with `context` in a confined child process.
pub fn render(
    overrides: &[TemplateOverride],
    language: Language,
    context: tera::Context,
) -> Result<String, Error> {
    let job = Job {
        templates: overrides.iter().map(|o| (o.name.clone(), o.text.clone())).collect(),
        language: language.code().to_owned(),
        context: context.into_json(),
    };
    let input =
        serde_json::to_vec(&job).map_err(|e| Error::Template(format!("cannot pass the view on: {e}")))?;
    let exe =
        std::env::current_exe().map_err(|e| Error::Tool(format!("cannot find the uplift program: {e}")))?;
    let mut command = Command::new(exe);
    command.arg(COMMAND).env_clear();
    let finished =
        match process::run(command, input, TIME_BUDGET, process::Output::Capture(REPORT_MAX_BYTES as u64)) {
            Ok(finished) => finished,
            Err(process::Failure::Start(e)) => {
                return Err(Error::Tool(format!("cannot start the template renderer: {e}")));
            }
            Err(process::Failure::TooMuchOutput) => return Err(templates::too_large()),
            Err(process::Failure::Timeout) => {
                return Err(Error::Template(format!(
                    "rendering the project's templates took longer than {} s, the budget for a report; \
                 look for a loop or macro that never ends",
                    TIME_BUDGET.as_secs()
                )));
            }
        };
    if !finished.status.success() {
        let complaint = finished.stderr.trim();
        return Err(Error::Template(if finished.status.code() == Some(1) && !complaint.is_empty() {
            complaint.trim_start_matches("error: template: ").to_owned()
        } else {
            format!(
                "rendering the project's templates stopped ({}): a macro that calls itself without end, \
                 or more than {} MiB of memory",
                finished.status,
                MEMORY_BUDGET_BYTES >> 20
            )
        }));
    }
    String::from_utf8(finished.stdout).map_err(|_| Error::Template("the rendered report is not UTF-8".into()))
}

/// The child's side: limits itself, reads the job, renders to standard output.
pub fn serve() -> ExitCode {
    confine();
    let outcome = (|| {
        let mut input = Vec::new();
        std::io::stdin().read_to_end(&mut input).map_err(Error::io("read", "standard input"))?;
        let job: Job =
            serde_json::from_slice(&input).map_err(|e| Error::Template(format!("bad job: {e}")))?;
        let language: Language = job.language.parse().map_err(Error::Template)?;
        let overrides: Vec<TemplateOverride> =
            job.templates.into_iter().map(|(name, text)| TemplateOverride { name, text }).collect();
        let tera = templates::compile(&overrides, super::locale::Catalogue::new(language))?;
        let context =
            tera::Context::from_value(job.context).map_err(|e| Error::Template(templates::chain(&e)))?;
        let html = templates::render(&tera, &context)?;
        std::io::stdout().lock().write_all(html.as_bytes()).map_err(Error::io("write", "standard output"))
    })();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            ExitCode::from(1)
        }
    }
}

/// Memory, CPU time and file writes of this process, limited for good.
#[cfg(unix)]
fn confine() {
    use rlimit::{Resource, setrlimit};
    let cpu = TIME_BUDGET.as_secs();
    let _ = setrlimit(Resource::AS, MEMORY_BUDGET_BYTES, MEMORY_BUDGET_BYTES);
    let _ = setrlimit(Resource::CPU, cpu, cpu + 1);
    let _ = setrlimit(Resource::FSIZE, 0, 0);
    let _ = setrlimit(Resource::NPROC, 0, 0);
}

#[cfg(not(unix))]
fn confine() {}
