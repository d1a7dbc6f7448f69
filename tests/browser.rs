//! The example report in a real headless Chromium: it loads without console errors or
//! network requests, renders every chart, and prints to a PDF of a sensible length.
//!
//! Without Chromium these tests skip with a loud message, unless `UPLIFT_REQUIRE_BROWSER=1`
//! (set by CI), where a missing browser fails them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, example, text, uplift};
use uplift::cmd::build::{find_browser, headless_args};

fn browser() -> Option<PathBuf> {
    let found = find_browser();
    if found.is_none() {
        assert!(
            std::env::var("UPLIFT_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "UPLIFT_REQUIRE_BROWSER=1 but no Chromium was found (install Debian's `chromium`)"
        );
        eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        eprintln!("!!! SKIPPED: browser tests need Chromium (apt-get install chromium).     !!!");
        eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
    }
    found
}

fn build_example(dir: &Path) -> PathBuf {
    let out = dir.join("report.html");
    let result = uplift(&["build", example().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    fs::canonicalize(out).unwrap()
}

fn chromium(browser: &Path, dir: &Path, extra: &[String], report: &Path) -> std::process::Output {
    Command::new(browser)
        .args(headless_args(&dir.join("profile")))
        .args(extra)
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("run chromium")
}

/// Where screenshots and PDFs are kept for a person to look at.
fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artefacts");
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_loads_cleanly_and_renders_every_chart() {
    let Some(browser) = browser() else { return };
    let tmp = TempDir::new("browser-dom");
    let report = build_example(tmp.path());
    let netlog = tmp.path().join("netlog.json");
    let extra = [
        "--dump-dom".to_owned(),
        "--enable-logging=stderr".to_owned(),
        "--v=0".to_owned(),
        format!("--log-net-log={}", netlog.display()),
    ];
    let out = chromium(&browser, tmp.path(), &extra, &report);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dom = text(&out.stdout);
    let log = text(&out.stderr);
    for line in log.lines() {
        assert!(!line.contains("CONSOLE"), "console message: {line}");
        assert!(!line.contains("Refused to"), "blocked load: {line}");
    }
    // Every chart made it into the rendered document with its drawing.
    assert_eq!(dom.matches("class=\"chart\"").count(), 15, "charts in the DOM");
    assert!(dom.matches("<rect").count() > 100, "chart shapes are drawn");
    // No request left the file. Chromium itself still calls its own time, update and
    // sign-in services whatever the flags say; those are the browser's, not the report's.
    let net = fs::read_to_string(&netlog).unwrap_or_default();
    assert!(!net.is_empty(), "chromium wrote no net log");
    let report_requests = external_urls(&net);
    assert!(report_requests.is_empty(), "network requests: {report_requests:?}");
}

#[test]
fn the_report_prints_to_a_pdf_and_a_screenshot() {
    let Some(browser) = browser() else { return };
    let tmp = TempDir::new("browser-pdf");
    let report = build_example(tmp.path());
    let pdf = artefacts().join("report.pdf");
    let _ = fs::remove_file(&pdf);
    let out = chromium(
        &browser,
        tmp.path(),
        &["--no-pdf-header-footer".into(), format!("--print-to-pdf={}", pdf.display())],
        &report,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = fs::read(&pdf).expect("a PDF was written");
    let pages = count_pages(&bytes);
    assert!((12..=60).contains(&pages), "{pages} pages");

    let png = artefacts().join("report.png");
    let _ = fs::remove_file(&png);
    let out = chromium(
        &browser,
        tmp.path(),
        &["--window-size=1280,2400".into(), format!("--screenshot={}", png.display())],
        &report,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(fs::metadata(&png).map_or(0, |m| m.len()) > 20_000, "the screenshot is blank or missing");
    eprintln!("browser artefacts: {}", artefacts().display());
}

/// Addresses in a net log other than Chromium's own services.
fn external_urls(net_log: &str) -> Vec<String> {
    const BROWSER_SERVICES: [&str; 3] = ["google.com", "googleapis.com", "gstatic.com"];
    let mut urls: Vec<String> = net_log
        .split('"')
        .filter(|s| ["http://", "https://", "ws://", "wss://"].iter().any(|scheme| s.starts_with(scheme)))
        .filter(|url| {
            let host = url.split("://").nth(1).unwrap_or("").split(['/', ':', ' ', '?']).next().unwrap_or("");
            !BROWSER_SERVICES.iter().any(|service| host == *service || host.ends_with(&format!(".{service}")))
        })
        .map(str::to_owned)
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// Page objects in a PDF (`/Type /Page`, not `/Pages`).
fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}
