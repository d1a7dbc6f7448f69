//! A project folder from someone else can leak nothing, run nothing and overwrite nothing
//! (docs/security.md). One test per attack; each asserts the exact outcome: refused with a
//! named problem and nothing written, or built with nothing executable, external or from
//! outside the project in the report.
//!
//! Attacks that need files are folders under `tests/hostile/`, laid over a copy of the
//! example project; links, repositories, FIFOs and devices are made by the tests.

use crate::common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use sha2::Digest as _;

use common::{
    TempDir, committed_client, copy_tree, example, example_copy, git, git_commit_all, text, uplift,
};

/// A copy of the example with the attack folder `tests/hostile/<name>` laid over it.
fn hostile(name: &str) -> TempDir {
    let dir = example_copy(name);
    let attack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name);
    assert!(attack.is_dir(), "no attack folder {}", attack.display());
    copy_tree(&attack, dir.path());
    dir
}

fn run(args: &[&str]) -> Output {
    uplift(args)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Builds `dir` to `dir/out.html`; the output and where it went.
fn build(dir: &Path) -> (Output, PathBuf) {
    let out = dir.join("out.html");
    (run(&["build", arg(dir), "-o", arg(&out)]), out)
}

/// The build is refused (exit 1), its message holds `what`, and no report was written;
/// `check` finds the same. The longer of the two commands' times.
fn assert_refused(name: &str, what: &str) -> Duration {
    let dir = hostile(name);
    let clock = Instant::now();
    let checked = run(&["check", arg(dir.path())]);
    let check_time = clock.elapsed();
    assert_eq!(checked.status.code(), Some(1), "{name}: check passed it");
    assert!(text(&checked.stderr).contains(what), "{name}: check: {}", text(&checked.stderr));
    let clock = Instant::now();
    let (result, out) = build(dir.path());
    let build_time = clock.elapsed();
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{name}: {stderr}");
    assert!(stderr.contains(what), "{name}: expected `{what}` in:\n{stderr}");
    assert!(!out.exists(), "{name}: a report was written");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    check_time.max(build_time)
}

/// `check` fails (exit 1) naming each of `what`, and quotes nothing of the planted secret.
fn check_fails_with(project: &Path, what: &[&str]) -> String {
    let result = run(&["check", arg(project)]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    for w in what {
        assert!(stderr.contains(w), "expected `{w}` in:\n{stderr}");
    }
    assert!(!stderr.contains("SECRET-CONTENTS"), "{stderr}");
    stderr
}

/// The report starts its head with the character set and the policy, and holds nothing
/// else that runs or loads: the policy's own check, run again here on the rest.
fn assert_inert(html: &str) {
    let start = format!(
        "<meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        uplift::render::policy::CSP
    );
    let (head, body) = (html.find("<head").expect("a head"), html.find("<body").expect("a body"));
    let policy = html.find(&start).expect("the policy");
    assert!(head < policy && policy < body, "the policy is in the head");
    assert!(!html[head + 1..policy].contains('<'), "first in the head");
    assert_eq!(html.matches("http-equiv").count(), 1);
    assert_eq!(uplift::render::policy::check(&html.replacen(&start, "", 1)), Ok(()));
}

// ---- Templates are data, not code ----

#[test]
fn a_template_that_adds_script_is_refused() {
    assert_refused("template-adds-script", "the report would hold a `<script>` element");
}

#[test]
fn a_template_that_loads_a_remote_image_is_refused() {
    assert_refused(
        "template-loads-remote-image",
        "a link or load `https://attacker.test/pixel.png` in `src` on `<img>`",
    );
}

#[test]
fn a_template_that_redirects_the_reader_is_refused() {
    assert_refused("template-redirects", "a `<meta http-equiv>` element");
}

#[test]
fn a_template_with_an_event_handler_is_refused() {
    assert_refused("template-event-handler", "an event handler `onmouseover` on `<p>`");
}

#[test]
fn a_template_with_a_form_is_refused() {
    assert_refused("template-form", "a `<form>` element");
}

#[test]
fn a_template_with_a_script_link_is_refused() {
    assert_refused("template-javascript-link", "a link or load `javascript:alert(1)` in `href` on `<a>`");
}

#[test]
fn a_template_cannot_read_the_environment() {
    let dir = hostile("template-reads-environment");
    let out = dir.path().join("out.html");
    let result = crate::common::command()
        .args(["build", arg(dir.path()), "-o", arg(&out)])
        .env("UPLIFT_TEST_SECRET", "AKIA-not-a-real-key")
        .output()
        .unwrap();
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`get_env()` is not available in report templates"), "{stderr}");
    assert!(!stderr.contains("AKIA") && !text(&result.stdout).contains("AKIA"));
    assert!(!out.exists());
}

#[test]
fn markup_a_browser_would_read_differently_is_refused() {
    // Raw text to a tokenizer without a tree builder, markup to a browser.
    assert_refused("template-misspelt-raw-text", "a `<meta http-equiv>` element");
    assert_refused("template-svg-title", "an event handler `onerror` on `<img>`");
    // Raw text inside HTML inside SVG: an attribute value to a tokenizer, a redirect to a browser.
    assert_refused("template-svg-xmp-redirect", "a `<meta http-equiv>` element");
}

#[test]
fn the_policy_lands_in_the_head_whatever_comes_before_it() {
    // An attribute value holding `>`, and a no-break space before <html> (which makes a
    // browser open head and body by itself): the policy still goes first in the head.
    for name in ["template-head-attribute", "template-text-before-head"] {
        let dir = hostile(name);
        let (result, out) = build(dir.path());
        assert!(result.status.success(), "{name}: {}", text(&result.stderr));
        assert_inert(&fs::read_to_string(out).unwrap());
    }
}

#[test]
fn a_template_without_the_policy_still_gets_it_first_in_head() {
    let dir = hostile("template-drops-csp");
    let (result, out) = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert_inert(&fs::read_to_string(out).unwrap());
}

#[test]
fn a_recursive_macro_is_stopped_with_a_clear_error() {
    assert_refused("template-recursive-macro", "a macro that calls itself without end");
}

#[test]
fn a_huge_range_is_refused_at_once() {
    let slowest = assert_refused("template-huge-range", "range() would give 100000000 items");
    assert!(slowest < Duration::from_secs(5), "{slowest:?}");
}

#[test]
fn an_endless_loop_is_stopped_at_the_time_budget() {
    let slowest = assert_refused("template-endless-loop", "took longer than 5 s, the budget for a report");
    assert!(slowest < Duration::from_secs(10), "{slowest:?}");
}

#[test]
fn a_memory_bomb_is_stopped_at_the_memory_budget() {
    assert_refused("template-memory-bomb", "more than 1024 MiB of memory");
}

#[test]
fn output_past_the_size_limit_is_refused() {
    assert_refused("template-huge-output", "the report would be larger than 32 MiB");
}

#[test]
fn a_style_sheet_cannot_close_its_style_element() {
    let dir = hostile("style-closes-style-element");
    check_fails_with(
        dir.path(),
        &["templates/style.css:2:", "a style sheet may not hold `</style` or `<!--`"],
    );
    assert_refused("style-closes-style-element", "a style sheet may not hold `</style` or `<!--`");
}

#[test]
fn a_style_sheet_cannot_load_anything() {
    assert_refused("style-loads-remote-image", "the style sheet loads `\"https://attacker.test/pixel.png\"`");
}

#[test]
fn a_load_hidden_by_css_escapes_is_found() {
    let dir = hostile("style-escaped-url");
    check_fails_with(
        dir.path(),
        &["templates/style.css: the style sheet loads `https://attacker.test/pixel.png`"],
    );
}

#[test]
fn check_names_a_misnamed_template() {
    let dir = hostile("template-unknown-name");
    check_fails_with(
        dir.path(),
        &["templates/reprot.html: is not a report template", "did you mean `report.html`?"],
    );
}

#[test]
fn check_finds_a_broken_template() {
    let dir = example_copy("broken-template");
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    fs::write(
        dir.path().join("templates/macros.html"),
        "{% macro chart(c) %}\n{{ c.svg | safe }\n{% endmacro chart %}\n",
    )
    .unwrap();
    check_fails_with(dir.path(), &["macros.html", "2:"]);
}

#[test]
fn the_sources_list_names_each_template_override_with_its_fingerprint() {
    let dir = hostile("style-harmless-theme");
    let (result, out) = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(out).unwrap();
    assert_inert(&html);
    assert!(html.contains(".theme-marker"));
    let css = fs::read(dir.path().join("templates/style.css")).unwrap();
    let sha = uplift::project::source::hex(&sha2::Sha256::digest(&css));
    assert!(
        html.contains("<code>templates/style.css</code>") && html.contains(&sha),
        "listed with its SHA-256"
    );
}

#[test]
fn hostile_markdown_is_shown_as_text_and_links_nowhere() {
    let dir = hostile("markdown-note-with-html");
    let (result, out) = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    let html = fs::read_to_string(out).unwrap();
    assert_inert(&html);
    assert!(!html.contains("<img src=\"https://"), "no remote image");
    assert!(!html.contains("<a href=\"https://attacker.test"), "no link out");
    assert!(html.contains("a site (https://attacker.test/phish)"), "an external link is shown as text");
    assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text");
}

#[test]
fn a_picture_from_the_web_or_outside_the_project_is_refused_where_it_is_shown() {
    let dir = hostile("markdown-remote-picture");
    check_fails_with(
        dir.path(),
        &[
            "workshops/2027-03-pixel.md:9:1: the picture `https://attacker.test/pixel.png` is on the web",
            "workshops/2027-03-pixel.md:11:1: the picture `/etc/passwd` is outside the project folder",
        ],
    );
    let (result, out) = build(dir.path());
    assert_eq!(result.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn a_picture_linked_to_a_file_outside_is_refused_and_not_read() {
    let outside = TempDir::new("outside-picture");
    let dir = example_copy("link-picture");
    fs::remove_file(dir.path().join("assets/welcome-process.svg")).unwrap();
    symlink(secret(&outside), dir.path().join("assets/welcome-process.svg")).unwrap();
    check_fails_with(
        dir.path(),
        &["sections/01-first-90-days.md:", "assets/welcome-process.svg: is a symbolic link (to `"],
    );
}

// ---- Images are images ----

#[test]
fn a_logo_that_is_not_an_image_is_refused() {
    let dir = hostile("logo-not-an-image");
    check_fails_with(dir.path(), &["assets/logo.svg: is not a PNG, JPEG or SVG image"]);
}

#[test]
fn an_svg_logo_with_script_or_external_references_is_refused() {
    for (name, what) in [
        ("logo-svg-with-script", "the SVG holds a `<script>` element (line 1)"),
        (
            "logo-svg-external-reference",
            "the SVG holds a reference to `https://attacker.test/p.png` on `<image>`",
        ),
    ] {
        let dir = hostile(name);
        check_fails_with(dir.path(), &[what]);
    }
}

// ---- Symbolic links ----

/// A file outside every project, standing for a secret on the consultant's machine.
fn secret(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("secret.txt");
    fs::write(&path, "SECRET-CONTENTS-7f3a").unwrap();
    path
}

#[test]
fn a_logo_linked_to_a_file_outside_is_refused() {
    let outside = TempDir::new("outside-logo");
    let dir = example_copy("link-logo");
    fs::remove_file(dir.path().join("assets/logo.svg")).unwrap();
    symlink(secret(&outside), dir.path().join("assets/logo.svg")).unwrap();
    check_fails_with(dir.path(), &["assets/logo.svg: is a symbolic link (to `", "--allow-symlinks"]);
    // Allowing links does not allow this one: it leaves the project.
    let result = run(&["check", arg(dir.path()), "--allow-symlinks"]);
    assert!(text(&result.stderr).contains("outside the project"), "{}", text(&result.stderr));
    let (result, out) = build(dir.path());
    assert_eq!(result.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn a_template_linked_to_a_file_outside_is_refused() {
    let outside = TempDir::new("outside-template");
    let dir = example_copy("link-template");
    fs::create_dir_all(dir.path().join("templates")).unwrap();
    symlink(secret(&outside), dir.path().join("templates/style.css")).unwrap();
    check_fails_with(dir.path(), &["templates/style.css: is a symbolic link"]);
}

#[test]
fn a_workshops_folder_linked_to_another_clients_notes_is_refused() {
    let other = TempDir::new("other-client");
    copy_tree(&example().join("workshops"), other.path());
    let dir = example_copy("link-workshops");
    fs::remove_dir_all(dir.path().join("workshops")).unwrap();
    symlink(other.path(), dir.path().join("workshops")).unwrap();
    check_fails_with(dir.path(), &["workshops: is a symbolic link"]);
}

#[test]
fn a_single_linked_note_is_named_not_silently_skipped() {
    let outside = TempDir::new("outside-note");
    let note = outside.path().join("note.md");
    fs::copy(example().join("workshops/2027-02-oslo.md"), &note).unwrap();
    let dir = example_copy("link-note");
    symlink(&note, dir.path().join("workshops/2027-05-linked.md")).unwrap();
    check_fails_with(dir.path(), &["workshops/2027-05-linked.md: is a symbolic link"]);
}

#[test]
fn a_linked_folder_on_the_way_to_the_data_is_refused() {
    let outside = TempDir::new("outside-data");
    fs::copy(example().join("data/transactions.csv"), outside.path().join("transactions.csv")).unwrap();
    let dir = example_copy("link-data-folder");
    symlink(outside.path(), dir.path().join("data/etc")).unwrap();
    let project = dir.path().join("project.yaml");
    let yaml =
        fs::read_to_string(&project).unwrap().replace("data/transactions.csv", "data/etc/transactions.csv");
    fs::write(&project, yaml).unwrap();
    check_fails_with(dir.path(), &["data/etc: is a symbolic link"]);
}

#[test]
fn allow_symlinks_follows_links_that_stay_inside() {
    let dir = example_copy("link-inside");
    fs::rename(dir.path().join("assets/logo.svg"), dir.path().join("assets/real-logo.svg")).unwrap();
    symlink("real-logo.svg", dir.path().join("assets/logo.svg")).unwrap();
    check_fails_with(dir.path(), &["assets/logo.svg: is a symbolic link (to `real-logo.svg`)"]);
    let result = run(&["check", arg(dir.path()), "--allow-symlinks"]);
    assert!(result.status.success(), "{}", text(&result.stderr));
}

#[test]
fn a_linked_build_folder_cannot_send_the_report_elsewhere() {
    let outside = TempDir::new("outside-build");
    let dir = example_copy("link-build");
    symlink(outside.path(), dir.path().join("build")).unwrap();
    let result = run(&["build", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("build is a symbolic link"), "{stderr}");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

// ---- Outputs ----

#[test]
fn an_output_cannot_replace_an_input_or_the_clients_data() {
    let dir = example_copy("output-over-input");
    let project = dir.path().join("project.yaml");
    let data = dir.path().join("data/transactions.csv");
    let before = (fs::read(&project).unwrap(), fs::read(&data).unwrap());
    for args in [
        vec!["build", arg(dir.path()), "-o", arg(&project)],
        vec!["metrics", arg(dir.path()), "-o", arg(&project)],
        vec!["summarise", arg(dir.path()), "-o", arg(&data)],
    ] {
        let result = run(&args);
        let stderr = text(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("write the output somewhere else"), "{stderr}");
    }
    // `build` creates the folders of its output: a new folder inside data/ is still data/.
    for (command, inside) in [("summarise", "data/summary.csv"), ("build", "data/new/folder/report.html")] {
        let result = run(&[command, arg(dir.path()), "-o", arg(&dir.path().join(inside))]);
        assert!(
            text(&result.stderr).contains("inside the project's data folder"),
            "{inside}: {}",
            text(&result.stderr)
        );
    }
    assert!(!dir.path().join("data/new").exists());
    assert_eq!((fs::read(&project).unwrap(), fs::read(&data).unwrap()), before);
}

#[test]
fn an_output_is_never_written_through_a_link_fifo_folder_or_device() {
    let dir = TempDir::new("output-special");
    let link = dir.path().join("link.html");
    symlink(dir.path().join("elsewhere.html"), &link).unwrap();
    let fifo = dir.path().join("fifo.html");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for target in [link.as_path(), fifo.as_path(), dir.path(), Path::new("/dev/null")] {
        let result = run(&["build", arg(&example()), "-o", arg(target)]);
        let stderr = text(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{}: {stderr}", target.display());
        assert!(stderr.contains("give the path of a regular file to write"), "{stderr}");
    }
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(!dir.path().join("elsewhere.html").exists());
    assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}

#[test]
fn a_rebuilt_report_keeps_its_permissions() {
    let dir = TempDir::new("output-mode");
    let out = dir.path().join("report.html");
    assert!(run(&["build", arg(&example()), "-o", arg(&out)]).status.success());
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(run(&["build", arg(&example()), "-o", arg(&out)]).status.success());
    assert_eq!(fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn dash_means_standard_output() {
    let dir = TempDir::new("output-dash");
    for args in [vec!["metrics", arg(&example()), "-o", "-"], vec!["build", arg(&example()), "-o", "-"]] {
        let result = crate::common::command().args(&args).current_dir(dir.path()).output().unwrap();
        assert!(result.status.success(), "{}", text(&result.stderr));
        assert!(result.stdout.len() > 1000, "{args:?} wrote to standard output");
    }
    assert!(!dir.path().join("-").exists(), "no file named `-`");
}

#[test]
fn an_interrupt_or_a_termination_leaves_no_temporary_file() {
    let dir = TempDir::new("interrupt");
    let out = dir.path().join("summary.csv");
    // `$TMPDIR`, where a log larger than the memory limit is cut into parts.
    let scratch = dir.path().join("tmp");
    fs::create_dir(&scratch).unwrap();
    // The temporary files and folders: beside the output, and under `$TMPDIR`.
    let temporaries = || -> Vec<String> {
        let names = |folder: &Path| -> Vec<String> {
            let entries = fs::read_dir(folder).unwrap().filter_map(Result::ok);
            entries.map(|e| e.file_name().to_string_lossy().into_owned()).collect()
        };
        let mut found = names(dir.path());
        found.retain(|n| n != "summary.csv" && n != "tmp");
        found.extend(names(&scratch));
        found
    };
    // Stop the summary, read whole and in parts (the example's 4 MB log over a 1 MiB
    // limit), as soon as a temporary file or folder appears and a little later; whatever was
    // under way, nothing is left, and the exit code says the run was stopped.
    for signal in ["-INT", "-TERM", "-HUP"] {
        let mut stopped = 0;
        for limit in ["1024", "1"] {
            for after in [0, 5, 20] {
                let _ = fs::remove_file(&out);
                let mut child = crate::common::command()
                    .args(["summarise", arg(&example()), "--memory-limit", limit, "-o", arg(&out)])
                    .env("TMPDIR", &scratch)
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap();
                let started = Instant::now();
                while temporaries().is_empty() && child.try_wait().unwrap().is_none() {
                    assert!(started.elapsed() < Duration::from_secs(30), "no temporary file appeared");
                    std::thread::sleep(Duration::from_micros(200));
                }
                std::thread::sleep(Duration::from_millis(after));
                let running = child.try_wait().unwrap().is_none();
                let _ = Command::new("kill").args([signal, &child.id().to_string()]).status();
                let status = child.wait().unwrap();
                let leftovers = temporaries();
                assert!(
                    leftovers.is_empty(),
                    "{signal} {after} ms in, limit {limit} ({status}): {leftovers:?}"
                );
                if running && !status.success() {
                    stopped += 1;
                    assert_eq!(status.code(), Some(130), "{signal} {after} ms in, limit {limit}: {status}");
                }
            }
        }
        // Read whole, the example's summary is written in a few milliseconds: the signal
        // may come too late. Its parts exist for most of the run.
        assert!(stopped > 0, "{signal}: every run ended before the signal");
    }
}

// ---- The terminal ----

#[test]
fn escape_sequences_from_project_files_never_reach_the_terminal() {
    let dir = example_copy("terminal");
    let project = dir.path().join("project.yaml");
    let yaml = fs::read_to_string(&project).unwrap();
    let currency_line = yaml.lines().find(|l| l.starts_with("currency:")).unwrap().to_owned();
    let hostile = "currency: \"\\e[2J\\e[1;1HFAKE OK: all checks passed\\e]52;c;ZXZpbA==\\a\"";
    fs::write(&project, yaml.replace(&currency_line, hostile)).unwrap();
    let result = run(&["check", arg(dir.path())]);
    let (stdout, stderr) = (text(&result.stdout), text(&result.stderr));
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}[2J"), "{stderr}");
}

// ---- Git ----

/// A repository holding a copy of the example, with a program planted that writes
/// `marker` whenever git runs it as fsmonitor, as a hook or as a clean filter.
fn planted_repository(label: &str) -> (TempDir, PathBuf, PathBuf) {
    let (repo, project) = committed_client(label);
    let marker = repo.path().join("PWNED");
    let program = repo.path().join(".git/evil.sh");
    fs::write(&program, format!("#!/bin/sh\necho \"$0 $*\" >> {}\ncat\n", marker.display())).unwrap();
    fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).unwrap();
    let hooks = repo.path().join(".git/evil-hooks");
    fs::create_dir_all(&hooks).unwrap();
    for hook in ["post-index-change", "post-checkout", "pre-commit", "reference-transaction"] {
        fs::copy(&program, hooks.join(hook)).unwrap();
    }
    for (key, value) in [
        ("core.fsmonitor", program.to_str().unwrap()),
        ("core.hooksPath", hooks.to_str().unwrap()),
        ("filter.evil.clean", program.to_str().unwrap()),
        ("filter.evil.process", program.to_str().unwrap()),
        ("diff.evil.textconv", program.to_str().unwrap()),
        ("core.pager", program.to_str().unwrap()),
    ] {
        git(repo.path(), &["config", key, value]);
    }
    fs::write(repo.path().join(".gitattributes"), "* filter=evil diff=evil\n").unwrap();
    // Touch every input so that git would re-read (and filter) them.
    let segments = project.join("segments.yaml");
    let text = fs::read_to_string(&segments).unwrap();
    fs::write(&segments, text).unwrap();
    (repo, project, marker)
}

#[test]
fn the_planted_programs_do_run_under_plain_git() {
    // The attack is real: plain `git status` runs the planted program.
    let (repo, _, marker) = planted_repository("git-plant-proof");
    let _ = Command::new("git").arg("-C").arg(repo.path()).arg("status").output().unwrap();
    assert!(marker.exists(), "the planted fsmonitor did not run: the next test would prove nothing");
}

#[test]
fn git_runs_none_of_the_repositorys_programs() {
    let (_repo, project, marker) = planted_repository("git-plant");
    let out = project.join("build/report.html");
    for args in [
        vec!["check", arg(&project)],
        vec!["metrics", arg(&project)],
        vec!["build", arg(&project), "-o", arg(&out)],
        vec!["build", arg(&project), "-o", arg(&out), "--since", "HEAD"],
        vec!["diff", "HEAD", arg(&project)],
    ] {
        let result = run(&args);
        assert!(result.status.success(), "{args:?}: {}", text(&result.stderr));
        assert!(
            !marker.exists(),
            "{args:?} ran a program of the repository: {}",
            fs::read_to_string(&marker).unwrap()
        );
    }
    // The stamp still works: the segments file was rewritten with the same bytes.
    let metrics: serde_json::Value =
        serde_json::from_slice(&run(&["metrics", arg(&project)]).stdout).unwrap();
    assert_eq!(metrics["version"]["uncommitted_changes"], false, "{}", metrics["version"]);
}

#[test]
fn a_missing_object_is_never_fetched_through_the_repositorys_transport() {
    let (repo, project, marker) = planted_repository("git-promisor");
    let transport = format!("ext::sh -c touch% {}", marker.display());
    for (key, value) in [
        ("core.repositoryformatversion", "1"),
        ("extensions.partialClone", "origin"),
        ("remote.origin.promisor", "true"),
        ("remote.origin.url", transport.as_str()),
        ("protocol.ext.allow", "always"),
    ] {
        git(repo.path(), &["config", key, value]);
    }
    // Remove the blob of project.yaml, so that reading it means fetching it.
    let oid = Command::new("git")
        .arg("-C")
        .arg(repo.path())
        .args(["rev-parse", "HEAD:client/project.yaml"])
        .output()
        .unwrap();
    let oid = text(&oid.stdout).trim().to_owned();
    fs::remove_file(repo.path().join(".git/objects").join(&oid[..2]).join(&oid[2..])).unwrap();
    for args in [vec!["check", arg(&project)], vec!["diff", "HEAD", arg(&project)]] {
        let _ = run(&args);
        assert!(!marker.exists(), "{args:?} fetched through the repository's transport");
    }
    // The plant works: plain git runs the transport.
    let _ = Command::new("git").arg("-C").arg(repo.path()).args(["cat-file", "-p", &oid]).output().unwrap();
    assert!(marker.exists(), "the planted transport did not run: the test above proves nothing");
}

/// Another client's repository on the same machine: the example, committed.
fn another_clients_repository(label: &str) -> TempDir {
    let other = TempDir::new(label);
    copy_tree(&example(), other.path());
    git_commit_all(other.path(), "other client");
    other
}

#[test]
fn a_git_file_pointing_to_another_repository_is_not_followed() {
    let other = another_clients_repository("git-other-client");
    let dir = example_copy("git-pointer");
    fs::write(dir.path().join(".git"), format!("gitdir: {}\n", other.path().join(".git").display())).unwrap();
    let metrics: serde_json::Value =
        serde_json::from_slice(&run(&["metrics", arg(dir.path())]).stdout).unwrap();
    assert!(metrics["version"].is_null(), "{}", metrics["version"]);
    let result = run(&["diff", "HEAD", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_ne!(result.status.code(), Some(0));
    assert!(stderr.contains("not the `.git` folder of its own work tree"), "{stderr}");
}

/// Plants something in a project folder.
type Plant<'a> = dyn Fn(&Path) + 'a;

#[test]
fn a_git_folder_borrowing_another_repository_is_not_read() {
    let other = another_clients_repository("git-other-client-2");
    let other_git = other.path().join(".git");
    let variants: [(&str, &Plant); 5] = [
        ("a link", &|dir: &Path| symlink(&other_git, dir.join(".git")).unwrap()),
        ("commondir", &|dir: &Path| {
            fs::create_dir_all(dir.join(".git")).unwrap();
            fs::write(dir.join(".git/HEAD"), "ref: refs/heads/master\n").unwrap();
            fs::write(dir.join(".git/config"), "[core]\n\tbare = false\n").unwrap();
            fs::write(dir.join(".git/commondir"), format!("{}\n", other_git.display())).unwrap();
        }),
        ("linked object folders one level down", &|dir: &Path| {
            git(dir, &["init", "-q"]);
            for entry in fs::read_dir(other_git.join("objects")).unwrap().map(Result::unwrap) {
                let target = dir.join(".git/objects").join(entry.file_name());
                let _ = fs::remove_dir_all(&target);
                symlink(entry.path(), target).unwrap();
            }
            let head =
                Command::new("git").arg("-C").arg(&other_git).args(["rev-parse", "HEAD"]).output().unwrap();
            fs::write(dir.join(".git/HEAD"), text(&head.stdout)).unwrap();
        }),
        ("a linked objects folder", &|dir: &Path| {
            // The other repository's commit, reached through its objects.
            git(dir, &["init", "-q"]);
            fs::remove_dir_all(dir.join(".git/objects")).unwrap();
            symlink(other_git.join("objects"), dir.join(".git/objects")).unwrap();
            let head =
                Command::new("git").arg("-C").arg(&other_git).args(["rev-parse", "HEAD"]).output().unwrap();
            fs::write(dir.join(".git/HEAD"), text(&head.stdout)).unwrap();
        }),
        ("a config that includes another", &|dir: &Path| {
            // A repository of its own, with a commit, whose config includes another file.
            git_commit_all(dir, "own");
            let config = fs::read_to_string(dir.join(".git/config")).unwrap();
            let include = format!("[include]\n\tpath = {}\n", other_git.join("config").display());
            fs::write(dir.join(".git/config"), config + &include).unwrap();
        }),
    ];
    for (what, plant) in variants {
        let dir = example_copy("git-borrow");
        plant(dir.path());
        let metrics: serde_json::Value =
            serde_json::from_slice(&run(&["metrics", arg(dir.path())]).stdout).unwrap();
        assert!(metrics["version"].is_null(), "{what}: {}", metrics["version"]);
        let result = run(&["diff", "HEAD", arg(dir.path())]);
        assert_ne!(result.status.code(), Some(0), "{what}: the other client's history was read");
        assert!(!text(&result.stdout).contains("What changed"), "{what}");
    }
}

#[test]
fn a_repository_that_would_hang_git_costs_a_few_seconds_at_most() {
    let (repo, project) = committed_client("git-fifo");
    fs::remove_file(repo.path().join(".git/HEAD")).unwrap();
    assert!(Command::new("mkfifo").arg(repo.path().join(".git/HEAD")).status().unwrap().success());
    let clock = Instant::now();
    let result = run(&["check", arg(&project)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(clock.elapsed() < Duration::from_secs(9), "{:?}", clock.elapsed());
}

#[test]
fn history_copies_only_the_inputs_each_within_its_limit() {
    let repo = TempDir::new("git-history");
    let project = repo.path().join("client");
    copy_tree(&example(), &project);
    // A large file that is no input: it must not be read at all.
    let big = fs::File::create(project.join("archive.bin")).unwrap();
    big.set_len(64 << 20).unwrap();
    git_commit_all(repo.path(), "first");
    let scratch = TempDir::new("git-history-scratch");
    uplift::project::history::export(&project, "HEAD", scratch.path()).unwrap();
    let mut copied: Vec<String> = walkdir::WalkDir::new(scratch.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| uplift::diagnostic::slash_path(e.path().strip_prefix(scratch.path()).unwrap()))
        .collect();
    copied.sort();
    assert_eq!(
        copied,
        [
            "assets/logo.svg",
            "assets/welcome-process.svg",
            "data/transactions.csv",
            "jobs.yaml",
            "journey.yaml",
            "options/danish-segments-only.yaml",
            "options/fast-roll-out.yaml",
            "project.yaml",
            "sections/01-first-90-days.md",
            "segments.yaml",
            "winloss.yaml",
            "workshops/2027-01-copenhagen.md",
            "workshops/2027-02-oslo.md"
        ]
    );

    // An input over its limit is refused from the listing, before it is read.
    fs::write(project.join("jobs.yaml"), vec![b' '; 17 << 20]).unwrap();
    git(repo.path(), &["commit", "-q", "-am", "huge jobs"]);
    let scratch = TempDir::new("git-history-huge");
    let error = uplift::project::history::export(&project, "HEAD", scratch.path()).unwrap_err().to_string();
    assert!(error.contains("jobs.yaml is 17825792 bytes at that revision"), "{error}");
    // A revision is never taken for an option.
    let error = uplift::project::history::export(&project, "--output=/tmp/x", scratch.path()).unwrap_err();
    assert!(error.to_string().contains("is not a commit"), "{error}");
}

#[test]
fn diff_leaves_no_scratch_folder_behind() {
    // `_repo` lives to the end of the test: dropping it deletes the repository.
    let (_repo, project) = committed_client("git-scratch");
    let tmp = TempDir::new("git-scratch-tmp");
    let result = crate::common::command()
        .args(["diff", "HEAD", arg(&project)])
        .env("TMPDIR", tmp.path())
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0);
}

// ---- Budgets ----

#[test]
fn a_note_past_its_size_limit_is_refused_unread() {
    let dir = example_copy("note-size");
    let note = fs::read_to_string(example().join("workshops/2027-02-oslo.md")).unwrap();
    fs::write(dir.path().join("workshops/2027-09-long.md"), note + &"*a ".repeat(400_000)).unwrap();
    check_fails_with(
        dir.path(),
        &["workshops/2027-09-long.md: the file is 1.1 MiB; workshop notes are limited to 1 MiB"],
    );
}

/// A project from `scripts/generate_project.py` with `segments` segments and `draws` draws.
fn generated(label: &str, segments: usize, draws: usize) -> TempDir {
    let dir = TempDir::new(label);
    let (segments, draws) = (segments.to_string(), draws.to_string());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/generate_project.py");
    let options = [
        "--segments",
        &segments,
        "--draws",
        &draws,
        "--touchpoints",
        "10",
        "--jobs",
        "1",
        "--workshops",
        "1",
    ];
    let result = Command::new("python3").arg(script).arg(dir.path()).args(options).output().unwrap();
    assert!(result.status.success(), "{}", text(&result.stderr));
    dir
}

#[test]
fn a_project_past_a_budget_is_refused_up_front_naming_the_limit() {
    let dir = generated("budget", 1001, 10_000);
    let clock = Instant::now();
    let result = run(&["build", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("segments.yaml: segments: 1001 segments; a project may have at most 1000"),
        "{stderr}"
    );
    assert!(clock.elapsed() < Duration::from_secs(10));
    assert!(!dir.path().join("build").exists());
}

/// Win/loss counted by month over more than five years: more places than the trend chart
/// and its table are budgeted for, refused up front naming the limit.
#[test]
fn win_loss_past_the_period_budget_is_refused_naming_the_limit() {
    let dir = example_copy("period-budget");
    let months: Vec<String> = (0..61)
        .map(|k| format!("      - {{period: \"{}-{:02}\", won: 1, lost: 1}}", 2020 + k / 12, k % 12 + 1))
        .collect();
    fs::write(
        dir.path().join("winloss.yaml"),
        format!("segments:\n  - segment: installers\n    periods:\n{}\n", months.join("\n")),
    )
    .unwrap();
    let result = run(&["check", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("winloss.yaml: periods: 61 different periods; a project may have at most 60"),
        "{stderr}"
    );
}

#[test]
fn an_option_past_the_investment_budget_is_refused_naming_its_file() {
    let dir = example_copy("option-budget");
    let lines: Vec<String> =
        (0..1_001).map(|i| format!("  - {{item: line {i}, one_off: 1, annual: 1}}")).collect();
    fs::write(
        dir.path().join("options/many-lines.yaml"),
        format!("name: Many lines\ninvestment:\n{}\n", lines.join("\n")),
    )
    .unwrap();
    let result = run(&["check", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("options/many-lines.yaml: investment: 1001 lines; a project may have at most 1000"),
        "{stderr}"
    );
}

#[test]
fn too_many_markets_and_initiatives_are_refused_naming_the_limits() {
    let dir = example_copy("journey-budget");
    let journey = fs::read_to_string(dir.path().join("journey.yaml")).unwrap();
    let extra = (0..11).map(|i| format!("Market {i}")).collect::<Vec<_>>().join(", ");
    let more = (0..100)
        .map(|i| format!("  - {{id: extra-{i}, name: Extra {i}, action: improve, touchpoints: [webshop]}}"))
        .collect::<Vec<_>>()
        .join("\n");
    let journey =
        journey.replacen("markets: [Denmark, Norway]", &format!("markets: [Denmark, Norway, {extra}]"), 1);
    fs::write(dir.path().join("journey.yaml"), format!("{journey}{more}\n")).unwrap();
    let result = run(&["check", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("journey.yaml: markets: 13 markets; a project may have at most 12"), "{stderr}");
    assert!(
        stderr.contains("journey.yaml: initiatives: 108 initiatives; a project may have at most 100"),
        "{stderr}"
    );
}

#[test]
fn a_file_wrong_on_every_line_gives_a_readable_screen_with_the_full_count() {
    let dir = example_copy("wrong-everywhere");
    let rows: Vec<String> = (0..5_000).map(|i| format!("  - {{id: s{i}, nme: x, customerz: 1}}")).collect();
    let yaml = format!("segments:\n{}\n", rows.join("\n"));
    fs::write(dir.path().join("segments.yaml"), yaml).unwrap();
    let result = run(&["check", arg(dir.path())]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1));
    let shown = stderr.matches("error: segments.yaml:").count();
    assert_eq!(shown, 100, "{}", &stderr[..stderr.len().min(2000)]);
    let more = stderr.lines().find(|l| l.starts_with("… and ")).expect("a line counting the rest");
    assert!(more.contains("more problems in segments.yaml"), "{more}");
    let total: usize = stderr.lines().last().unwrap().split(' ').next().unwrap().parse().unwrap();
    let rest: usize = more.split(' ').nth(2).unwrap().parse().unwrap();
    // 10,000 unknown keys: the first 1,000 described, the rest counted in one more problem.
    assert!(stderr.contains("9000 more unknown fields"), "{}", &stderr[stderr.len().saturating_sub(3000)..]);
    assert!(total > 1_000, "{total}");
    let errors_shown = stderr.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(errors_shown + rest, total, "every problem is shown or counted");
    assert!(stderr.len() < 256 * 1024, "{} bytes of problems", stderr.len());
}

#[test]
fn too_many_draws_are_refused_up_front() {
    // 100 segments of 4 uncertain levers each: a million draws is 400 million lever draws.
    let dir = generated("budget-draws", 100, 1_000_000);
    check_fails_with(
        dir.path(),
        &[
            "simulation.draws: 1000000 draws × 400 uncertain levers is 400000000 lever draws",
            "a simulation may have at most 30000000",
            "lower `draws` to 75000 or fewer",
        ],
    );
}

// ---- CSV for spreadsheets ----

#[test]
fn formulas_in_ids_are_defused_in_the_spreadsheet_csv_and_kept_exact_in_the_summary() {
    let dir = TempDir::new("csv-formula");
    let summary = dir.path().join("summary.csv");
    // The example's installers, the first with a formula for an id.
    let (mut rows, _) = common::installers_summary();
    let rest = rows[1].split_once(',').unwrap().1.to_owned();
    rows[1] = format!("\"=HYPERLINK(\"\"https://attacker.test\"\",\"\"x\"\")\",{rest}");
    let second = rows[2].split(',').next().unwrap().to_owned();
    let csv = rows.join("\n") + "\n";
    fs::write(&summary, csv).unwrap();
    let predictions = dir.path().join("predictions.csv");
    let result = run(&["fit", arg(&summary), "--predictions", arg(&predictions)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let written = fs::read_to_string(&predictions).unwrap();
    let defused = "\"'=HYPERLINK(\"\"https://attacker.test\"\",\"\"x\"\")\",installers,";
    assert!(written.lines().any(|l| l.starts_with(defused)), "{written}");
    assert!(written.lines().any(|l| l.starts_with(&format!("{second},installers,"))));
}

/// A summary read without a project numbers each new segment name; one that named a segment
/// per customer once made that reading quadratic (200,000 segments: 80 s). A file may name
/// as many segments as segments.yaml may, and each row naming one past them is a problem at
/// its line, as a reading from the top finds them: in a customer summary read in pieces on
/// all cores (each piece here names 600, together 1,200), in one read in one piece, and in a
/// holdout summary.
#[test]
fn a_summary_naming_more_segments_than_a_project_may_is_refused_at_each_row_past_them() {
    use std::fmt::Write as _;
    let dir = TempDir::new("many-segments");
    let header = "customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase";
    let customers = |n: usize, per_segment: usize| {
        let mut csv = format!("{header}\n");
        for i in 0..n {
            let _ = writeln!(csv, "C{i:08},s{:04},0,0,10,0.000000,2024-01-01,2024-01-01", i / per_segment);
        }
        csv
    };
    let in_pieces = dir.path().join("summary.csv");
    fs::write(&in_pieces, customers(24_000, 20)).unwrap();
    let at_once = dir.path().join("small.csv");
    fs::write(&at_once, customers(1_005, 1)).unwrap();
    let holdouts = dir.path().join("holdout.csv");
    let mut csv = String::from("customer,segment,frequency,recency,T,holdout_frequency,holdout_days\n");
    for i in 0..1_005 {
        let _ = writeln!(csv, "C{i:08},s{i:04},0,0,10,0,30");
    }
    fs::write(&holdouts, csv).unwrap();
    // s1000 is first named on line 20,002 of the first (customer 20,000), 1,002 of the others.
    for (file, first, past) in [(&in_pieces, 20_002, 4_000), (&at_once, 1_002, 5), (&holdouts, 1_002, 5)] {
        let started = Instant::now();
        let result = run(&["fit", arg(file)]);
        let stderr = text(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        let past_them = |line: usize| {
            format!(
                "error: {}:{line}:2: `s{:04}` is a segment past the first 1000 this file names; a file may name at most 1000 segments, as segments.yaml may",
                file.display(),
                if file == &in_pieces { (line - 2) / 20 } else { line - 2 }
            )
        };
        // The first 21 rows in full, then a line saying more follow.
        let (rows, rest) = errors.split_at(past.min(21));
        assert!(rows.iter().enumerate().all(|(k, e)| *e == past_them(first + k)), "{stderr}");
        let follow = format!("error: {}: more problems follow; correct these first", file.display());
        assert_eq!(rest, if past > 20 { vec![follow] } else { vec![] }, "{stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "a hang, not a slow machine: {:?}",
            started.elapsed()
        );
    }
}
