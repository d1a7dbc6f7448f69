//! `uplift diff` on a temporary git repository with several commits.

use crate::common;

use std::fs;
use std::path::Path;

use common::{TempDir, copy_tree, example, git, git_commit_all, text, uplift};

fn edit(path: &Path, from: &str, to: &str) {
    let before = fs::read_to_string(path).unwrap();
    assert!(before.contains(from), "{from} not in {}", path.display());
    fs::write(path, before.replacen(from, to, 1)).unwrap();
}

/// A repository: commit 1 has only a README, commit 2 the example project, commit 3 a
/// higher retention for installers, a new segment and a new touchpoint.
fn repository() -> TempDir {
    let repo = TempDir::new("diff-repo");
    fs::write(repo.path().join("README.md"), "client work\n").unwrap();
    git_commit_all(repo.path(), "start");
    let project = repo.path().join("acme");
    copy_tree(&example(), &project);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "project"]);
    edit(&project.join("segments.yaml"), "retention_rate: 0.79", "retention_rate: 0.81");
    let mut segments = fs::read_to_string(project.join("segments.yaml")).unwrap();
    segments.push_str(
        "\n  - {id: startups, name: Start-ups, customers: 40, purchases_per_year: 3, average_order_value: 2000, gross_margin: 0.3, retention_rate: 0.6, focus: false}\n",
    );
    fs::write(project.join("segments.yaml"), segments).unwrap();
    let mut journey = fs::read_to_string(project.join("journey.yaml")).unwrap();
    // The last touchpoint of the list, before the initiatives.
    journey = journey.replacen(
        "\ninitiatives:",
        "\n  - {id: chat-bot, phase: buy, channel: Web, name: Chat bot, importance: 2, performance: 2, hours_per_year: 10, budget_per_year: 1000}\ninitiatives:",
        1,
    );
    fs::write(project.join("journey.yaml"), journey).unwrap();
    git(repo.path(), &["commit", "-q", "-am", "workshop round 2"]);
    repo
}

#[test]
fn diff_names_changed_inputs_moved_figures_and_new_entries() {
    let repo = repository();
    let project = repo.path().join("acme");
    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("segments.yaml: segments[installers].retention_rate  79.0%"), "{table}");
    assert!(table.contains("81.0%"), "{table}");
    assert!(table.contains("segments.yaml: startups") && table.contains("added"), "{table}");
    assert!(table.contains("journey.yaml: chat-bot"), "{table}");
    assert!(table.contains("NPV (likely)"), "{table}");
    assert!(table.contains("CLV installers"), "{table}");

    // Backwards, the new entries are removed; JSON carries the same, with numbers.
    let out = uplift(&["diff", "HEAD", "HEAD~1", project.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let removed: Vec<&str> =
        json["removed"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(removed, ["startups", "chat-bot"]);
    let change = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "segments[installers].retention_rate")
        .unwrap();
    assert_eq!((change["old"].as_f64(), change["new"].as_f64()), (Some(0.81), Some(0.79)));
    let npv = json["figures"].as_array().unwrap().iter().find(|f| f["figure"] == "npv").unwrap();
    assert!(npv["change"].as_f64().unwrap() < 0.0, "lower retention lowers NPV");
}

#[test]
fn diff_against_the_working_tree_by_default_and_without_touching_it() {
    let repo = repository();
    let project = repo.path().join("acme");
    edit(&project.join("project.yaml"), "discount_rate: 0.09", "discount_rate: 0.10");
    let before = fs::read(project.join("project.yaml")).unwrap();
    let out = crate::common::command().arg("diff").current_dir(&project).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("to the working tree") && table.contains("project.yaml: discount_rate"),
        "{table}"
    );
    assert_eq!(fs::read(project.join("project.yaml")).unwrap(), before, "the work tree is untouched");
}

#[test]
fn a_revision_without_the_project_or_with_an_invalid_one_is_named() {
    let repo = repository();
    let project = repo.path().join("acme");
    let p = project.to_str().unwrap();
    let out = uplift(&["diff", "HEAD~2", "HEAD", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("the project did not exist at `HEAD~2`"), "{}", text(&out.stderr));

    let out = uplift(&["diff", "no-such-rev", "HEAD", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`no-such-rev` is not a commit"), "{}", text(&out.stderr));

    edit(&project.join("segments.yaml"), "retention_rate: 0.81", "retention_rate: 81");
    git(repo.path(), &["commit", "-q", "-am", "typo"]);
    let out = uplift(&["diff", "HEAD~1", "HEAD", p]);
    assert_eq!(out.status.code(), Some(1), "an invalid project is invalid input");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the project at `HEAD` is invalid") && stderr.contains("rate 81 is above 1"),
        "{stderr}"
    );
}

#[test]
fn build_since_adds_the_changes_after_the_summary() {
    let repo = repository();
    let project = repo.path().join("acme");
    // A programme option added since, in the working tree.
    let option = fs::read_to_string(project.join("options/fast-roll-out.yaml")).unwrap();
    let pilot = option
        .lines()
        .map(|l| if l.starts_with("name:") { "name: Pilot first" } else { l })
        .collect::<Vec<_>>();
    fs::write(project.join("options/pilot-first.yaml"), pilot.join("\n") + "\n").unwrap();
    for lang in ["en", "da"] {
        let out = project.join(format!("report-{lang}.html"));
        let result = uplift(&[
            "build",
            project.to_str().unwrap(),
            "--since",
            "HEAD~1",
            "--language",
            lang,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(result.status.success(), "{}", text(&result.stderr));
        let html = fs::read_to_string(&out).unwrap();
        let (summary, changes, business_case) = (
            html.find("id=\"summary\"").unwrap(),
            html.find("<section id=\"changes\">").unwrap(),
            html.find("<section id=\"business-case\">").unwrap(),
        );
        assert!(
            summary < changes && changes < business_case,
            "{lang}: the changes follow the executive summary"
        );
        // Inputs by the names a reader knows, never by field path.
        let (retention, added, option) = match lang {
            "en" => (
                "Danish installers: Retention</td>",
                "Touchpoint: Chat bot</td>",
                "Programme option: Pilot first</td>",
            ),
            _ => (
                "Danish installers: Fastholdelse</td>",
                "Berøringspunkt: Chat bot</td>",
                "Programalternativ: Pilot first</td>",
            ),
        };
        assert!(html.contains(retention) && html.contains(added) && html.contains(option), "{lang}");
        // The changes name no field path (the appendix's derivations do, as their sources).
        let changes = html.split("id=\"changes\"").nth(1).and_then(|s| s.split("</section>").next()).unwrap();
        assert!(!changes.contains("segments[installers]") && !changes.contains("journey.yaml: "), "{lang}");
        assert!(!html.contains('⟦'), "{lang}: every message translated");
    }
    let plain = project.join("plain.html");
    assert!(uplift(&["build", project.to_str().unwrap(), "-o", plain.to_str().unwrap()]).status.success());
    assert!(!fs::read_to_string(plain).unwrap().contains("id=\"changes\""), "no section without --since");
}

#[test]
fn a_renamed_touchpoint_id_reads_as_removed_and_added_and_a_renamed_segment_name_is_no_change() {
    let repo = repository();
    let project = repo.path().join("acme");
    edit(&project.join("journey.yaml"), "id: chat-bot", "id: chatbot");
    edit(&project.join("segments.yaml"), "name: \"Danish installers\"", "name: \"Installers, Denmark\"");
    git(repo.path(), &["commit", "-q", "-am", "rename"]);
    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = |key: &str| {
        json[key].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(ids("added"), ["chatbot"]);
    assert_eq!(ids("removed"), ["chat-bot"]);
    assert!(
        json["inputs"].as_array().unwrap().is_empty(),
        "a new display name is not an input change: {}",
        json["inputs"]
    );
}

#[test]
fn diff_follows_the_programme_options() {
    let repo = TempDir::new("diff-options");
    let project = repo.path().join("acme");
    copy_tree(&example(), &project);
    git_commit_all(repo.path(), "project");
    // A dearer roll-out team, and a new option.
    edit(&project.join("options/fast-roll-out.yaml"), "one_off: 1900000", "one_off: 3900000");
    fs::write(
        project.join("options/no-norway.yaml"),
        "name: No Norway\nsegments:\n  - {id: norway-installers, focus: false}\n",
    )
    .unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "options"]);
    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let added: Vec<(&str, &str)> = json["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["file"].as_str().unwrap(), e["id"].as_str().unwrap()))
        .collect();
    assert_eq!(added, [("options", "no-norway")]);
    let moved = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["figure"] == "option_npv" && f["segment"] == "fast-roll-out")
        .expect("the dearer option's NPV moved");
    // 2,000,000 more, once, in year 0.
    assert!((moved["change"].as_f64().unwrap() + 2_000_000.0).abs() < 1e-6, "{moved}");
    // The base case did not change.
    assert!(!json["figures"].as_array().unwrap().iter().any(|f| f["figure"] == "npv"), "{json}");
}

#[test]
fn diff_names_a_subscription_s_figures_as_entered() {
    let repo = TempDir::new("diff-subscription");
    let project = repo.path().join("acme");
    copy_tree(&example(), &project);
    let mut segments = fs::read_to_string(project.join("segments.yaml")).unwrap();
    segments.push_str(
        "\n  - {id: pumps, name: Pump monitoring, customers: 400, monthly_price: 349, monthly_churn: 0.025, gross_margin: 0.6, focus: false, levers: {monthly_churn: -0.005}}\n",
    );
    fs::write(project.join("segments.yaml"), segments).unwrap();
    git_commit_all(repo.path(), "project");
    edit(&project.join("segments.yaml"), "monthly_price: 349", "monthly_price: 399");
    git(repo.path(), &["commit", "-q", "-am", "new price"]);
    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields: Vec<&str> =
        json["inputs"].as_array().unwrap().iter().map(|i| i["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["segments[pumps].monthly_price"], "{json}");
}

/// An initiative's share and cost, a market's score and a new initiative are inputs that
/// changed: by field path in `uplift diff`, by name in the report's "What changed".
#[test]
fn initiatives_and_market_scores_are_compared_by_id() {
    let repo = TempDir::new("diff-initiatives");
    let project = repo.path().join("acme");
    copy_tree(&example(), &project);
    git_commit_all(repo.path(), "project");
    let journey = project.join("journey.yaml");
    edit(
        &journey,
        "{segment: installers, lever: retention_rate, share: 0.5}",
        "{segment: installers, lever: retention_rate, share: 0.6}",
    );
    edit(
        &journey,
        "by_market: {Norway: {importance: 3, performance: 2}}}",
        "by_market: {Norway: {importance: 4, performance: 2}}}",
    );
    let mut text_now = fs::read_to_string(&journey).unwrap();
    text_now.push_str("  - {id: chat-bot-pilot, name: Chat bot pilot, action: add, touchpoints: [visible-support], one_off: 50000}\n");
    fs::write(&journey, text_now).unwrap();
    git_commit_all(repo.path(), "round 2");

    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("journey.yaml: initiatives[welcome-process].delivers.installers.retention_rate"),
        "{table}"
    );
    assert!(table.contains("journey.yaml: touchpoints[sales-visits].by_market.Norway.importance"), "{table}");
    assert!(
        table.contains("journey.yaml: initiatives[chat-bot-pilot]") && table.contains("added"),
        "{table}"
    );

    let html = repo.path().join("since.html");
    let out =
        uplift(&["build", project.to_str().unwrap(), "--since", "HEAD~1", "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = fs::read_to_string(html).unwrap();
    let changes = html.split("id=\"changes\"").nth(1).and_then(|s| s.split("</section>").next()).unwrap();
    for name in [
        "Welcome process for the first 90 days: Share of the Retention lever in Danish installers</td>",
        "Field sales visits: Norway: Importance</td>",
        "Initiative: Chat bot pilot</td>",
    ] {
        assert!(changes.contains(name), "{name} missing from {changes}");
    }
}

/// The problem area the data scores, low product integration, moves with the number of
/// categories that make a customer integrated, and the diff says by how much.
#[test]
fn diff_follows_the_data_scored_problem_area() {
    let repo = TempDir::new("diff-integration");
    let project = repo.path().join("acme");
    copy_tree(&example(), &project);
    git_commit_all(repo.path(), "project");
    edit(&project.join("project.yaml"), "\ndata:", "\nloyalty_path:\n  categories: 2\n\ndata:");
    git(repo.path(), &["commit", "-q", "-am", "two categories make an integrated customer"]);
    let out = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moved = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["figure"] == "integration_value_at_stake" && f["segment"] == "installers")
        .unwrap_or_else(|| panic!("no integration figure in {json}"));
    let (old, new) = (moved["old"].as_f64().unwrap(), moved["new"].as_f64().unwrap());
    assert!(old > 0.0 && new > 0.0 && (old - new).abs() > 1.0, "{moved}");
    let table = uplift(&["diff", "HEAD~1", "HEAD", project.to_str().unwrap()]);
    assert!(
        text(&table.stdout).contains("low product integration at stake, installers"),
        "{}",
        text(&table.stdout)
    );
}
