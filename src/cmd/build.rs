//! `uplift build`: the report as one self-contained HTML file, and optionally a PDF.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::load;
use crate::analysis::analyse;
use crate::error::Error;
use crate::output::write_atomically;
use crate::render::Language;

/// Where the report goes when `-o` is not given, relative to the project folder.
pub const DEFAULT_OUTPUT: &str = "build/report.html";

/// Browsers that can print the report to PDF, in the order they are tried.
const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

pub fn run(
    dir: &Path,
    output: Option<&Path>,
    pdf: bool,
    language: Option<Language>,
    since: Option<&str>,
    options: crate::project::Options,
) -> Result<(), Error> {
    let (target, bytes) = build(dir, output, language, since, options)?;
    println!("wrote {} ({} KB)", target.display(), bytes.div_ceil(1024));
    if pdf {
        let pdf_path = target.with_extension("pdf");
        print_pdf(&target, &pdf_path)?;
        println!("wrote {}", pdf_path.display());
    }
    Ok(())
}

/// Where the report of `dir` goes.
pub fn target(dir: &Path, output: Option<&Path>) -> PathBuf {
    output.map_or_else(|| dir.join(DEFAULT_OUTPUT), Path::to_path_buf)
}

/// Loads, checks, analyses and renders the project, writing the report atomically;
/// the report's path and size.
pub fn build(
    dir: &Path,
    output: Option<&Path>,
    language: Option<Language>,
    since: Option<&str>,
    options: crate::project::Options,
) -> Result<(PathBuf, usize), Error> {
    let project = load(dir, options)?;
    let metrics = analyse(&project);
    let language = language.unwrap_or(project.meta.language);
    let changes = since.map(|rev| super::diff::since(dir, rev, &project, &metrics)).transpose()?;
    let html = crate::render::report(
        dir,
        &project,
        &metrics,
        language,
        changes.as_ref().map(|(d, label)| (d, label.as_str())),
    )?;
    let target = target(dir, output);
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
    }
    write_atomically(&target, html.as_bytes())?;
    Ok((target, html.len()))
}

/// The first browser found on `PATH` (or named by `UPLIFT_CHROMIUM`).
pub fn find_browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("UPLIFT_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    BROWSERS
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Prints `html` to `pdf` with headless Chromium, through a temporary file so a failed
/// print never leaves a half-written PDF.
fn print_pdf(html: &Path, pdf: &Path) -> Result<(), Error> {
    let browser = find_browser().ok_or_else(|| {
        Error::Tool(format!(
            "--pdf needs a Chromium browser, and none was found ({} on PATH, or UPLIFT_CHROMIUM). Install one, e.g. `apt-get install chromium`.",
            BROWSERS.join(", ")
        ))
    })?;
    let html = std::fs::canonicalize(html).map_err(Error::io("read", html))?;
    let profile = std::env::temp_dir().join(format!("uplift-chromium-{}", std::process::id()));
    let temp_pdf = pdf.with_extension("pdf.tmp");
    let status = Command::new(&browser)
        .args(headless_args(&profile))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", temp_pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let output = status.map_err(|e| Error::Tool(format!("cannot run {}: {e}", browser.display())))?;
    if !output.status.success() || !temp_pdf.is_file() {
        let _ = std::fs::remove_file(&temp_pdf);
        return Err(Error::Tool(format!(
            "{} could not print the report to PDF:\n{}",
            browser.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    std::fs::rename(&temp_pdf, pdf).map_err(Error::io("write", pdf))
}

/// Flags for a quiet, offline, throw-away headless Chromium.
pub fn headless_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(std::iter::once(format!("--user-data-dir={}", profile.display())))
    .collect()
}
