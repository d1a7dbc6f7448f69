//! `uplift build`: the report as one self-contained HTML file, and optionally a PDF.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::analyse;
use super::load;
use crate::error::Error;
use crate::output::{Destination, Protected, check_target};
use crate::render::Language;

/// Where the report goes when `-o` is not given, relative to the project folder.
pub const DEFAULT_OUTPUT: &str = "build/report.html";

/// Browsers that can print the report to PDF, in the order they are tried.
const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

pub fn run(
    dir: &Path,
    outputs: Outputs,
    choices: Choices,
    since: Option<&str>,
    options: crate::project::Options,
) -> Result<(), Error> {
    let Outputs { report: output, pdf, assets } = outputs;
    if pdf && output == Some(Path::new("-")) {
        return Err(Error::Usage("--pdf prints the report file beside it; give -o FILE, not -o -".into()));
    }
    let built = build(dir, Outputs { report: output, pdf, assets }, choices, since, options)?;
    if let Some(assets) = assets {
        crate::say!("wrote {} chart and table files to {}", built.assets, assets.display());
    }
    let Destination::File(target) = built.target else {
        return Ok(());
    };
    crate::say!("wrote {} ({} KB)", target.display(), built.bytes.div_ceil(1024));
    if pdf {
        // Checked with the other targets before anything was written.
        let pdf_path = target.with_extension("pdf");
        print_pdf(&target, &pdf_path)?;
        crate::say!("wrote {}", pdf_path.display());
    }
    Ok(())
}

/// Where the report of `dir` goes: `-o`, or the project's build folder.
pub fn target(dir: &Path, output: Option<&Path>) -> Destination {
    Destination::from_arg(output).unwrap_or_else(|| Destination::File(dir.join(DEFAULT_OUTPUT)))
}

/// What `build` writes besides the report's HTML.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outputs<'a> {
    /// `-o`: the report [default: the project's build folder]; `-` for standard output.
    pub report: Option<&'a Path>,
    /// Also print the report to PDF beside it.
    pub pdf: bool,
    /// Also write the charts and tables for the slide deck into this folder.
    pub assets: Option<&'a Path>,
}

/// What the command line chooses about the report, in place of project.yaml's choice.
#[derive(Clone, Copy, Debug, Default)]
pub struct Choices {
    pub language: Option<Language>,
    pub edition: Option<crate::model::Edition>,
}

/// A report written.
pub struct Built {
    pub target: Destination,
    pub bytes: usize,
    /// How many charts and tables for the slide deck were written ([`Outputs::assets`]).
    pub assets: usize,
}

/// Loads, checks, analyses and renders the project, writing the report atomically, and the
/// slide-deck assets when asked for. Every target is checked before anything is written, so
/// a refused one leaves no report and no part of the assets behind.
pub fn build(
    dir: &Path,
    outputs: Outputs,
    choices: Choices,
    since: Option<&str>,
    options: crate::project::Options,
) -> Result<Built, Error> {
    let Outputs { report: output, pdf, assets: assets_dir } = outputs;
    let built_in = crate::render::BuiltIn::start();
    let cache = super::cache::Store::open(dir, options.cache);
    let project = load(dir, options, &cache)?;
    let target = target(dir, output);
    if let Destination::File(path) = &target {
        if output.is_none() {
            refuse_linked_build_folder(dir)?;
        }
        check_target(path, Some(Protected { dir, inputs: &project.sources }))?;
        if pdf {
            check_target(&path.with_extension("pdf"), Some(Protected { dir, inputs: &project.sources }))?;
        }
    }
    if let Some(into) = assets_dir {
        refuse_non_folder(into)?;
    }
    let metrics = analyse(&project, &cache);
    let language = choices.language.unwrap_or(project.meta.language);
    let edition = choices.edition.unwrap_or(project.story.edition);
    let changes = since.map(|rev| super::diff::since(dir, rev, &project, &metrics)).transpose()?;
    let html = crate::render::report(
        &project,
        &metrics,
        language,
        edition,
        changes.as_ref().map(|(d, label)| (d, label.as_str())),
        Some(built_in),
        &cache,
    )?;
    let assets = match assets_dir {
        Some(into) => {
            let files = crate::render::assets::assets(&project, &metrics, language)?;
            for (name, _) in &files {
                let asset = into.join(name);
                check_target(&asset, Some(Protected { dir, inputs: &project.sources }))?;
                if matches!(&target, Destination::File(report) if same_file(report, &asset)) {
                    return Err(Error::Usage(format!(
                        "{} would be both the report and one of its assets; give -o or --assets another place",
                        asset.display()
                    )));
                }
            }
            files
        }
        None => Vec::new(),
    };
    if let Destination::File(path) = &target
        && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
    }
    target.write(html.as_bytes())?;
    if let Some(into) = assets_dir {
        std::fs::create_dir_all(into).map_err(Error::io("create", into))?;
        for (name, bytes) in &assets {
            crate::output::write_atomically(&into.join(name), bytes)?;
        }
    }
    cache.save();
    Ok(Built { target, bytes: html.len(), assets: assets.len() })
}

/// `--assets` names a folder, or a place where one can be made: not a file or a link.
fn refuse_non_folder(into: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(into) {
        Ok(meta) if !meta.is_dir() || meta.file_type().is_symlink() => Err(Error::Usage(format!(
            "{} is not a folder; --assets writes a folder of files, give the path of a folder",
            into.display()
        ))),
        _ => Ok(()),
    }
}

/// Whether two paths name the same file: the same folder (as the file system resolves it,
/// when it exists) and the same name.
fn same_file(a: &Path, b: &Path) -> bool {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|x| !x.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
    };
    a.file_name() == b.file_name() && folder(a) == folder(b)
}

/// The default output goes into the project's own `build/` folder: a link there would
/// send it anywhere on the machine.
fn refuse_linked_build_folder(dir: &Path) -> Result<(), Error> {
    let build = dir.join(DEFAULT_OUTPUT).parent().map(Path::to_path_buf).unwrap_or_default();
    match std::fs::symlink_metadata(&build) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::Usage(format!(
            "{} is a symbolic link; the report is written into the project's own build folder. \
             Remove the link, or give -o FILE",
            build.display()
        ))),
        _ => Ok(()),
    }
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

/// Prints `html` to `pdf` with headless Chromium, isolated (see [`headless_args`]), through
/// a temporary file so a failed print never leaves a half-written PDF.
fn print_pdf(html: &Path, pdf: &Path) -> Result<(), Error> {
    let browser = find_browser().ok_or_else(|| {
        Error::Tool(format!(
            "--pdf needs a Chromium browser, and none was found ({} on PATH, or UPLIFT_CHROMIUM). Install one, e.g. `apt-get install chromium`.",
            BROWSERS.join(", ")
        ))
    })?;
    let html = std::fs::canonicalize(html).map_err(Error::io("read", html))?;
    // A private scratch folder (mode 0700, random name) for the profile and the PDF.
    let (_pending, scratch) = crate::interrupt::create(
        || tempfile::Builder::new().prefix("uplift-pdf-").tempdir(),
        tempfile::TempDir::path,
    )
    .map_err(Error::io("create", "a scratch folder"))?;
    let temp_pdf = scratch.path().join("report.pdf");
    let mut chromium = headless(&browser, &scratch.path().join("profile"))?;
    // A tagged PDF (Chromium tags printed pages) with bookmarks from the report's headings,
    // for readers who use a screen reader or jump between sections.
    chromium
        .arg("--no-pdf-header-footer")
        .arg("--generate-pdf-document-outline")
        .arg(format!("--print-to-pdf={}", temp_pdf.display()));
    chromium.arg(url::file(&html));
    let finished = match crate::process::run(
        chromium,
        Vec::new(),
        PDF_DEADLINE,
        crate::process::Output::Capture(1 << 20),
    ) {
        Ok(finished) => finished,
        Err(crate::process::Failure::Timeout) => {
            return Err(Error::Tool(format!(
                "printing the report to PDF took longer than {} s; the HTML report is written",
                PDF_DEADLINE.as_secs()
            )));
        }
        Err(e) => return Err(Error::Tool(format!("cannot run {}: {e:?}", browser.display()))),
    };
    if !finished.status.success() || !temp_pdf.is_file() {
        return Err(Error::Tool(format!(
            "{} could not print the report to PDF:\n{}",
            browser.display(),
            finished.stderr.trim()
        )));
    }
    let bytes = std::fs::read(&temp_pdf).map_err(Error::io("read", &temp_pdf))?;
    crate::output::write_atomically(pdf, &bytes)
}

/// How long printing to PDF may take: Chromium lays out every page, and a style can ask for
/// very many; the example's 26 pages take about 3 s.
const PDF_DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// `file://` URLs of local paths.
mod url {
    use std::fmt::Write as _;
    use std::path::Path;

    /// `path` (absolute) as a `file://` URL, every byte outside the unreserved set and `/`
    /// percent-encoded, so that a folder named `a#b` or `%2e%2e` prints that folder.
    pub fn file(path: &Path) -> String {
        let mut url = String::from("file://");
        for &b in path.as_os_str().as_encoded_bytes() {
            if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
                url.push(char::from(b));
            } else {
                let _ = write!(url, "%{b:02X}");
            }
        }
        url
    }

    #[cfg(test)]
    mod tests {
        use std::path::Path;

        #[test]
        fn reserved_characters_are_encoded() {
            assert_eq!(
                super::file(Path::new("/tmp/a#b/%2e%2e/r é.html")),
                "file:///tmp/a%23b/%252e%252e/r%20%C3%A9.html"
            );
        }
    }
}

/// JavaScript blocked for every site, as a profile preference: headless Chromium ignores
/// `--disable-javascript`, and `--blink-settings=scriptEnabled=false` stops it printing.
const PROFILE_PREFERENCES: &str = r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#;

/// A headless Chromium that can neither run the page's script nor reach a network, with a
/// fresh profile in `profile` (a folder that does not exist yet, inside a private scratch
/// folder): JavaScript blocked, every host name resolved to nothing, a proxy that does not
/// exist for every address including loopback, no background traffic. Chromium's own
/// sandbox stays on unless this process runs as root, where Chromium refuses to start
/// with it (docs/security.md says what remains then).
pub fn headless(browser: &Path, profile: &Path) -> Result<Command, Error> {
    let preferences = profile.join("Default");
    std::fs::create_dir_all(&preferences).map_err(Error::io("create", &preferences))?;
    let preferences = preferences.join("Preferences");
    std::fs::write(&preferences, PROFILE_PREFERENCES).map_err(Error::io("write", &preferences))?;
    let mut command = Command::new(browser);
    command.args(headless_args(profile)).stdin(std::process::Stdio::null());
    Ok(command)
}

/// The flags of [`headless`].
fn headless_args(profile: &Path) -> Vec<String> {
    let mut args: Vec<String> = [
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=socks5://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--no-proxy-server-fallback",
        "--disable-features=Translate,MediaRouter,OptimizationHints",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if running_as_root() {
        args.push("--no-sandbox".to_owned());
    }
    args.push(format!("--user-data-dir={}", profile.display()));
    args
}

/// Whether this process runs as root, read from the kernel's view of it.
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status.lines().find_map(|l| l.strip_prefix("Uid:")).and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}
