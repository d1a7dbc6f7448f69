//! `uplift watch`: rebuilds on change, once per burst of saves, keeps the last good report
//! when an edit breaks the project, and stops cleanly on Ctrl-C (SIGINT).

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use common::example_copy;

/// Waits for a line of output containing `needle` (bounded, so a broken watch fails
/// instead of hanging); the lines seen on the way.
fn wait_for(lines: &Receiver<String>, needle: &str) -> Vec<String> {
    let mut seen = Vec::new();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(30)) {
        let done = line.contains(needle);
        seen.push(line);
        if done {
            return seen;
        }
    }
    panic!("no line with {needle:?}; saw {seen:?}");
}

/// `uplift watch DIR`, and its output line by line.
fn watch(dir: &std::path::Path) -> (std::process::Child, Receiver<String>) {
    let mut child = crate::common::command()
        .args(["watch", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    (child, lines)
}

#[test]
fn watch_rebuilds_once_per_burst_keeps_the_last_good_report_and_stops_on_ctrl_c() {
    let dir = example_copy("watch");
    let report = dir.path().join("build/report.html");
    let (mut child, lines) = watch(dir.path());
    wait_for(&lines, "build 1: wrote");
    let first = fs::read_to_string(&report).unwrap();

    // A burst of three saves gives one rebuild.
    let segments = dir.path().join("segments.yaml");
    let text = fs::read_to_string(&segments).unwrap();
    for customers in ["2150", "2175", "2200"] {
        fs::write(&segments, text.replacen("customers: 2100", &format!("customers: {customers}"), 1))
            .unwrap();
    }
    wait_for(&lines, "build 2: wrote");
    std::thread::sleep(Duration::from_secs(1));
    assert!(lines.try_recv().is_err(), "more than one rebuild for one burst");
    let second = fs::read_to_string(&report).unwrap();
    assert_ne!(first, second);
    assert!(second.contains("2,200"), "the rebuilt report has the new figure");

    // A broken edit keeps the last good report.
    fs::write(&segments, text.replacen("retention_rate: 0.79", "retention_rate: 79", 1)).unwrap();
    wait_for(&lines, "build 3: failed");
    assert_eq!(fs::read_to_string(&report).unwrap(), second);

    // Ctrl-C stops it cleanly.
    let interrupted = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(interrupted.success());
    wait_for(&lines, "stopped watching");
    assert!(child.wait().unwrap().success());
}

#[test]
fn watch_in_a_git_repository_builds_once_without_an_edit() {
    let dir = example_copy("watch-git");
    common::git_commit_all(dir.path(), "first");
    let (mut child, lines) = watch(dir.path());
    wait_for(&lines, "build 1: wrote");
    // Git touching its own files (as `git status` does) is no edit of the project.
    let _ = Command::new("git").arg("-C").arg(dir.path()).arg("status").output();
    std::thread::sleep(Duration::from_secs(2));
    let _ = child.kill();
    let _ = child.wait();
    let more: Vec<String> = lines.try_iter().collect();
    assert!(more.iter().all(|l| !l.contains("build 2")), "rebuilt without an edit: {more:?}");
}
