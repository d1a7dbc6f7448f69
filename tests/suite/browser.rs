//! The example report in a real headless Chromium: it loads without console errors or
//! network requests, renders every chart, and prints to a PDF of a sensible length.
//!
//! Without Chromium these tests skip with a loud message, unless `UPLIFT_REQUIRE_BROWSER=1`
//! (set by CI), where a missing browser fails them.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TempDir, example, text, uplift};
use uplift::cmd::build::{find_browser, headless};

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
    let profile =
        dir.join(format!("profile-{}", PROFILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    headless(browser, &profile)
        .expect("a fresh profile")
        .args(extra)
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("run chromium")
}

/// Each browser run gets a profile of its own.
static PROFILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

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
    assert_eq!(dom.matches("role=\"img\" aria-labelledby=\"chart-").count(), 24, "charts in the DOM");
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
    // `~notfound` is the host every name resolves to under `--host-resolver-rules`: the
    // rule itself, echoed in the log, not a request.
    const BROWSER_SERVICES: [&str; 4] = ["google.com", "googleapis.com", "gstatic.com", "~notfound"];
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

/// A copy of the example with the attack folder `tests/hostile/<name>` laid over it.
fn hostile_project(name: &str) -> TempDir {
    let dir = common::example_copy(name);
    common::copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name), dir.path());
    dir
}

#[test]
fn reports_from_hostile_projects_make_no_request_and_no_navigation() {
    let Some(browser) = browser() else { return };
    for name in ["template-drops-csp", "markdown-note-with-html"] {
        let tmp = hostile_project(name);
        let report = tmp.path().join("out.html");
        let built = uplift(&["build", tmp.path().to_str().unwrap(), "-o", report.to_str().unwrap()]);
        assert!(built.status.success(), "{name}: {}", text(&built.stderr));
        let netlog = tmp.path().join("netlog.json");
        let extra = ["--dump-dom".to_owned(), format!("--log-net-log={}", netlog.display())];
        let out = chromium(&browser, tmp.path(), &extra, &fs::canonicalize(&report).unwrap());
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let dom = text(&out.stdout);
        // Still the report: nothing navigated the reader away.
        assert!(dom.contains("id=\"cover\""), "{name}: the report was replaced by another page");
        let requests = external_urls(&fs::read_to_string(&netlog).unwrap_or_default());
        assert!(requests.is_empty(), "{name}: network requests: {requests:?}");
    }
}

/// Counts the connections made to a listener on loopback until dropped.
struct Listener {
    port: u16,
    hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Listener {
    fn start() -> Self {
        use std::sync::atomic::Ordering;
        let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        socket.set_nonblocking(true).unwrap();
        let port = socket.local_addr().unwrap().port();
        let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (h, s) = (hits.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                if socket.accept().is_ok() {
                    h.fetch_add(1, Ordering::SeqCst);
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        });
        Self { port, hits, stop }
    }

    fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn the_leadership_edition_of_the_example_prints_to_at_most_ten_pages() {
    let Some(browser) = browser() else { return };
    let tmp = TempDir::new("browser-leadership");
    let out = tmp.path().join("leadership.html");
    let result = uplift(&[
        "build",
        example().to_str().unwrap(),
        "--edition",
        "leadership",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let pdf = artefacts().join("leadership.pdf");
    let _ = fs::remove_file(&pdf);
    let printed = chromium(
        &browser,
        tmp.path(),
        &["--no-pdf-header-footer".into(), format!("--print-to-pdf={}", pdf.display())],
        &fs::canonicalize(&out).unwrap(),
    );
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    let pages = count_pages(&fs::read(&pdf).expect("a PDF was written"));
    assert!((5..=10).contains(&pages), "{pages} pages");
}

#[test]
fn printing_runs_no_script_and_reaches_no_network() {
    // Were a report ever to slip script or a load past the policy, the PDF printer's own
    // isolation still holds: this page is everything the policy refuses, printed with the
    // flags `build --pdf` uses.
    let Some(browser) = browser() else { return };
    let listener = Listener::start();
    let tmp = TempDir::new("browser-isolation");
    let base = format!("http://127.0.0.1:{}", listener.port);
    let page = tmp.path().join("hostile.html");
    fs::write(
        &page,
        format!(
            "<!DOCTYPE html><html><head><link rel=stylesheet href=\"{base}/css\"></head><body>\
             <p id=\"marker\">report</p><img src=\"{base}/img\"><img src=\"http://localhost:{port}/name\">\
             <iframe src=\"{base}/frame\"></iframe>\
             <script>document.getElementById('marker').textContent = 'script ran'; fetch('{base}/fetch');</script>\
             </body></html>",
            port = listener.port
        ),
    )
    .unwrap();
    let pdf = tmp.path().join("hostile.pdf");
    let out = chromium(
        &browser,
        tmp.path(),
        &["--no-pdf-header-footer".into(), format!("--print-to-pdf={}", pdf.display())],
        &page,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(pdf.is_file(), "{}", text(&out.stderr));
    let out = chromium(&browser, tmp.path(), &["--dump-dom".into()], &page);
    let dom = text(&out.stdout);
    assert!(dom.contains("<p id=\"marker\">report</p>"), "script ran: {dom}");

    // A redirect goes nowhere either.
    let redirect = tmp.path().join("redirect.html");
    fs::write(
        &redirect,
        format!("<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" content=\"0;url={base}/navigate\"></head><body>r</body></html>"),
    )
    .unwrap();
    let out = chromium(&browser, tmp.path(), &["--dump-dom".into()], &redirect);
    assert!(out.status.success(), "{}", text(&out.stderr));
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(listener.hits(), 0, "the printer reached the network");
}
