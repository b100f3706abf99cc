//! `prisk exit`: an exit plan built option by option, shown and checked for readiness as
//! JSON (gaps by their stable codes), and every refusal one line, exit 2, nothing changed.

use serde_json::Value;

use crate::support::{json, ok, prisk, snapshot, workspace};

const P: &str = "Acme exit";

fn codes(db: &std::path::Path) -> Vec<String> {
    json(db, &["exit", "readiness", P, "--json"])["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap().to_string())
        .collect()
}

fn level(db: &std::path::Path) -> String {
    json(db, &["exit", "readiness", P, "--json"])["level"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_plan_is_built_from_the_command_line_and_its_gaps_close() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    let empty = codes(&db);
    assert!(empty.contains(&"no_stressed_scenario".to_string()));
    assert_eq!(level(&db), "not_ready");

    ok(
        &db,
        &[
            "exit",
            "set",
            P,
            "--start",
            "2025-01-01",
            "--term-end",
            "2030-12-31",
            "--renewal",
            "automatic",
            "--renewal-months",
            "12",
            "--notice-ours",
            "90",
            "--notice-partner",
            "180",
            "--convenience",
            "yes",
            "--termination-fee",
            "25000.50 EUR",
            "--substitutability",
            "highly_complex",
            "--exit-owner",
            "CIO",
            "--success-criterion",
            "all data back and verified",
        ],
    );
    let found = codes(&db);
    for closed in [
        "no_agreement_dates",
        "no_notice_period",
        "substitutability_not_assessed",
        "no_exit_owner",
        "no_success_criteria",
    ] {
        assert!(!found.contains(&closed.to_string()), "{closed}: {found:?}");
    }
    assert!(found.contains(&"no_alternative".to_string()));

    for (name, kind, trigger) in [
        ("End of term", "planned", "sla-breach"),
        ("Insolvency", "stressed", "insolvency"),
    ] {
        ok(
            &db,
            &[
                "exit",
                "scenario",
                "add",
                P,
                "--name",
                name,
                "--kind",
                kind,
                "--trigger",
                trigger,
                "--target-days",
                "30",
                "--owner",
                "Head of IT",
                "--cost-low",
                "1000",
                "--cost-high",
                "2000.5",
            ],
        );
        for (title, days, after) in [("Export data", "10", "none"), ("Switch over", "15", "1")] {
            ok(
                &db,
                &[
                    "exit", "step", "add", P, name, "--title", title, "--days", days, "--after",
                    after,
                ],
            );
        }
    }
    ok(
        &db,
        &["exit", "trigger", "add", P, "2", "loss of ISO 27001"],
    );
    ok(
        &db,
        &[
            "exit",
            "data",
            "add",
            P,
            "--name",
            "Claims",
            "--personal",
            "yes",
            "--window-days",
            "14",
        ],
    );
    let found = codes(&db);
    assert!(found.contains(&"data_set_without_disposition".to_string()));
    assert!(found.contains(&"data_window_too_short".to_string()));
    ok(
        &db,
        &[
            "exit",
            "data",
            "set",
            P,
            "Claims",
            "--disposition",
            "returned",
            "--window-days",
            "60",
        ],
    );
    ok(
        &db,
        &[
            "exit",
            "asset",
            "add",
            P,
            "--name",
            "Triage model",
            "--kind",
            "model",
            "--disposition",
            "joint-ownership",
        ],
    );
    ok(
        &db,
        &[
            "exit",
            "alternative",
            "add",
            P,
            "--name",
            "In house",
            "--kind",
            "in-house",
        ],
    );
    // Only the test is missing now.
    assert_eq!(codes(&db), ["no_test"]);
    assert_eq!(level(&db), "gaps");

    // A failed tabletop test makes the plan not ready; a later one that passes, ready.
    // (Days before today: a test more than 12 months old would be a gap of its own.)
    let days_ago = |n: u64| (chrono::Local::now().date_naive() - chrono::Days::new(n)).to_string();
    let (earlier, later) = (days_ago(30), days_ago(10));
    ok(
        &db,
        &[
            "exit",
            "test",
            "add",
            P,
            "--date",
            &earlier,
            "--kind",
            "tabletop",
            "--scenario",
            "Insolvency",
            "--operational",
            "fail",
            "--financial",
            "not-assessed",
            "--finding",
            "exports took too long",
        ],
    );
    assert_eq!(codes(&db), ["last_test_failed"]);
    assert_eq!(level(&db), "not_ready");
    ok(
        &db,
        &[
            "exit",
            "test",
            "add",
            P,
            "--date",
            &later,
            "--kind",
            "dry-run-migration",
            "--operational",
            "pass",
            "--financial",
            "pass",
        ],
    );
    assert_eq!(codes(&db), Vec::<String>::new());
    assert_eq!(level(&db), "ready");

    // The critical path against the target: a longer step opens the gap.
    ok(
        &db,
        &[
            "exit",
            "step",
            "set",
            P,
            "Insolvency",
            "Switch over",
            "--days",
            "25",
        ],
    );
    assert_eq!(codes(&db), ["critical_path_over_target"]);

    let shown = json(&db, &["exit", "show", P, "--json"]);
    let plan = &shown["plan"];
    assert_eq!(plan["agreement"]["termination_fee"], 2_500_050);
    assert_eq!(plan["currency"], "EUR");
    assert_eq!(plan["agreement"]["renewal_months"], 12);
    let stressed = &plan["scenarios"][1];
    assert_eq!(stressed["cost"]["one_off_high"], 200_050);
    assert_eq!(stressed["triggers"], serde_json::json!(["insolvency"]));
    assert_eq!(
        stressed["custom_triggers"],
        serde_json::json!(["loss of ISO 27001"])
    );
    assert_eq!(
        stressed["steps"][1]["waits_for"],
        stressed["steps"][0]["id"]
    );
    let timing = &shown["readiness"]["scenarios"][1];
    assert_eq!(timing["critical_path"]["days"], 35);
    assert_eq!(shown["tests"].as_array().unwrap().len(), 2);
    assert_eq!(shown["tests"][0]["scenario"], "Insolvency");
    let notice: &Value = &shown["readiness"]["notice"];
    assert_eq!(notice["renews"], true);
    assert!(notice["last_day"].as_str().unwrap().ends_with("-10-02"));

    // The text view shows the deadline, the critical path and the gap by its code.
    let text = ok(&db, &["exit", "show", P]);
    assert!(text.contains("last day to give notice"), "{text}");
    assert!(
        text.contains("critical path 35 days, target 30 days"),
        "{text}"
    );
    assert!(text.contains("critical_path_over_target"), "{text}");
    assert!(text.contains("25000.50 EUR"), "{text}");

    // Removing: a step another waits for is refused; the one after it first.
    let run = prisk(&db, &["exit", "step", "remove", P, "Insolvency", "1"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("Switch over"), "{}", run.stderr);
    ok(&db, &["exit", "step", "remove", P, "Insolvency", "2"]);
    ok(&db, &["exit", "step", "remove", P, "Insolvency", "1"]);
    ok(&db, &["exit", "scenario", "remove", P, "End of term"]);
    ok(&db, &["exit", "asset", "remove", P, "1"]);
    ok(&db, &["exit", "alternative", "remove", P, "in house"]);
    ok(&db, &["exit", "data", "remove", P, "Claims"]);
    ok(
        &db,
        &["exit", "trigger", "remove", P, "Insolvency", "insolvency"],
    );
    let plan = &json(&db, &["exit", "show", P, "--json"])["plan"];
    assert_eq!(plan["scenarios"].as_array().unwrap().len(), 1);
    assert_eq!(plan["scenarios"][0]["triggers"], serde_json::json!([]));
    assert!(plan["assets"].as_array().unwrap().is_empty());
    // The tests stay: the log is append-only.
    assert_eq!(
        json(&db, &["exit", "test", "list", P, "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn refusals_name_the_option_and_change_nothing() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(
        &db,
        &[
            "exit",
            "set",
            P,
            "--start",
            "2026-01-01",
            "--currency",
            "EUR",
        ],
    );
    ok(
        &db,
        &[
            "exit",
            "scenario",
            "add",
            P,
            "--name",
            "Insolvency",
            "--kind",
            "stressed",
        ],
    );
    for (title, after) in [("Export", "none"), ("Switch", "1")] {
        ok(
            &db,
            &[
                "exit", "step", "add", P, "1", "--title", title, "--days", "3", "--after", after,
            ],
        );
    }
    let before = snapshot(&db);
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["set", P, "--renewal", "sideways"],
            &["--renewal", "sideways"],
        ),
        (
            vec!["set", P, "--notice-ours", "4000"],
            &["--notice-ours", "4000"],
        ),
        (
            vec!["set", P, "--notice-ours", "ninety"],
            &["--notice-ours", "ninety"],
        ),
        (
            vec!["set", P, "--term-end", "0018-12-03"],
            &["--term-end", "0018-12-03"],
        ),
        (
            vec!["set", P, "--term-end", "2025-12-31"],
            &["--term-end", "2025-12-31"],
        ),
        (
            vec!["set", P, "--renewal", "automatic"],
            &["--renewal-months"],
        ),
        (
            vec!["set", P, "--termination-fee", "10 USD"],
            &["--termination-fee", "10 USD"],
        ),
        (
            vec!["set", P, "--currency", "euro"],
            &["--currency", "EURO"],
        ),
        (
            vec!["set", P, "--convenience", "perhaps"],
            &["--convenience", "perhaps"],
        ),
        (
            vec!["set", P, "--substitutability", "hard"],
            &["--substitutability", "hard"],
        ),
        (
            vec!["set", "Nobody Ltd", "--exit-owner", "x"],
            &["partnership", "Nobody Ltd"],
        ),
        (
            vec![
                "scenario",
                "add",
                P,
                "--name",
                "insolvency",
                "--kind",
                "planned",
            ],
            &["--name", "insolvency"],
        ),
        (vec!["scenario", "add", P, "--name", "X"], &["--kind"]),
        (
            vec!["scenario", "set", P, "1", "--target-days", "0"],
            &["--target-days", "0"],
        ),
        (
            vec!["scenario", "set", P, "1", "--trigger", "meteor"],
            &["--trigger", "meteor"],
        ),
        (
            vec![
                "scenario",
                "set",
                P,
                "1",
                "--cost-low",
                "500",
                "--cost-high",
                "100",
            ],
            &["--cost-high", "100.00"],
        ),
        (
            vec!["scenario", "remove", P, "Planned"],
            &["SCENARIO", "Planned"],
        ),
        (
            vec!["step", "set", P, "1", "Export", "--after", "Switch"],
            &["--after", "circle"],
        ),
        (
            vec!["step", "set", P, "1", "9", "--days", "1"],
            &["STEP", "9"],
        ),
        (
            vec!["step", "set", P, "1", "2", "--after", "Nope"],
            &["--after", "Nope"],
        ),
        (
            vec!["step", "remove", P, "1", "Export"],
            &["STEP", "Export"],
        ),
        (vec!["step", "add", P, "1", "--days", "3"], &["--title"]),
        (
            vec![
                "data",
                "add",
                P,
                "--name",
                "Claims",
                "--disposition",
                "burned",
            ],
            &["--disposition", "burned"],
        ),
        (vec!["data", "remove", P, "Claims"], &["DATA SET", "Claims"]),
        (
            vec!["asset", "add", P, "--name", "Model", "--kind", "painting"],
            &["--kind", "painting"],
        ),
        (
            vec![
                "test",
                "add",
                P,
                "--date",
                "2026-13-01",
                "--kind",
                "tabletop",
                "--operational",
                "pass",
                "--financial",
                "pass",
            ],
            &["--date", "2026-13-01"],
        ),
        (
            vec![
                "test",
                "add",
                P,
                "--date",
                "2026-10-01",
                "--kind",
                "tabletop",
                "--scenario",
                "Meteor",
                "--operational",
                "pass",
                "--financial",
                "pass",
            ],
            &["--scenario", "Meteor"],
        ),
        (
            vec![
                "test",
                "add",
                P,
                "--date",
                "2026-10-01",
                "--kind",
                "tabletop",
                "--operational",
                "pass",
                "--financial",
                "maybe",
            ],
            &["--financial", "maybe"],
        ),
    ];
    for (args, words) in cases {
        let mut all = vec!["exit"];
        all.extend(&args);
        let run = prisk(&db, &all);
        assert_eq!(run.status, 2, "prisk {all:?} should fail: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        for word in words {
            assert!(
                run.stderr.contains(word),
                "prisk {all:?}: {:?} does not name {word:?}",
                run.stderr
            );
        }
        assert!(
            snapshot(&db) == before,
            "prisk {all:?} changed the workspace"
        );
    }
}

#[test]
fn the_plan_links_the_registers_exit_risks() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(
        &db,
        &[
            "risk",
            "add",
            "--partnership",
            P,
            "--category",
            "exit",
            "--title",
            "No written exit plan",
        ],
    );
    ok(&db, &["exit", "link", P, "--risk", "EXT-001"]);
    let text = ok(&db, &["exit", "show", P]);
    assert!(
        text.contains("risk EXT-001  No written exit plan"),
        "{text}"
    );
    let plan = &json(&db, &["exit", "show", P, "--json"])["plan"];
    assert_eq!(plan["risk_ids"].as_array().unwrap().len(), 1);

    let before = snapshot(&db);
    for (args, words) in [
        (
            vec!["exit", "link", P, "--risk", "EXT-999"],
            ["--risk", "EXT-999"],
        ),
        (
            vec!["exit", "link", P, "--requirement", "NOPE"],
            ["--requirement", "NOPE"],
        ),
    ] {
        let run = prisk(&db, &args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            words.iter().all(|w| run.stderr.contains(w)),
            "{}",
            run.stderr
        );
        assert!(snapshot(&db) == before);
    }
    ok(&db, &["exit", "unlink", P, "--risk", "EXT-001"]);
    let plan = &json(&db, &["exit", "show", P, "--json"])["plan"];
    assert!(plan["risk_ids"].as_array().unwrap().is_empty());
}

#[test]
fn a_plan_starts_from_the_saas_template() {
    let (dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(&db, &["exit", "start", P]);
    let shown = json(&db, &["exit", "show", P, "--json"]);
    let scenarios = shown["plan"]["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[1]["kind"], "stressed");
    let found = codes(&db);
    assert!(!found.contains(&"no_stressed_scenario".to_string()));
    assert!(found.contains(&"scenario_without_owner".to_string()));
    // Only once: a plan with scenarios is refused, unchanged.
    let before = snapshot(&db);
    let run = prisk(&db, &["exit", "start", P]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("--scenarios") || run.stderr.contains("scenarios"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&db) == before);

    // A step moves within its scenario; its links and so the critical path stay.
    let titles = |db: &std::path::Path| -> Vec<String> {
        json(db, &["exit", "show", P, "--json"])["plan"]["scenarios"][0]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect()
    };
    let path = |db: &std::path::Path| {
        json(db, &["exit", "show", P, "--json"])["readiness"]["scenarios"][0]["critical_path"]
            ["days"]
            .clone()
    };
    let (order, days) = (titles(&db), path(&db));
    let last = order.last().unwrap().clone();
    let said = ok(&db, &["exit", "step", "move", P, "1", &last, "--to", "1"]);
    assert!(said.contains("to position 1"), "{said}");
    let moved = titles(&db);
    assert_eq!(moved[0], last);
    assert_eq!(moved[1..], order[..order.len() - 1]);
    assert_eq!(path(&db), days);
    // Refused in one line, changing nothing: a place past the end, a step not there.
    let before = snapshot(&db);
    for (args, words) in [
        (vec!["--to", "0"], ["--to", "0"]),
        (vec!["--to", "99"], ["--to", "99"]),
    ] {
        let mut all = vec!["exit", "step", "move", P, "1", "2"];
        all.extend(args);
        let run = prisk(&db, &all);
        assert_eq!(run.status, 2, "{all:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            words.iter().all(|w| run.stderr.contains(w)),
            "{}",
            run.stderr
        );
    }
    let run = prisk(&db, &["exit", "step", "move", P, "1", "Nope", "--to", "1"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("Nope"), "{}", run.stderr);
    assert!(snapshot(&db) == before);

    // The plan as a PDF.
    let out = dir.path().join("exit.pdf");
    let said = ok(&db, &["exit", "pdf", P, "--out", out.to_str().unwrap()]);
    assert!(said.contains("pages"), "{said}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn the_register_of_information_has_a_row_per_partnership() {
    let (dir, db) = workspace();
    ok(
        &db,
        &["partnership", "add", "--name", P, "--partner", "Acme Cloud"],
    );
    ok(&db, &["partnership", "add", "--name", "Second"]);
    ok(&db, &["exit", "start", P]);
    ok(
        &db,
        &[
            "exit",
            "set",
            P,
            "--substitutability",
            "medium",
            "--substitutability-reason",
            "difficult_migration",
            "--reintegration",
            "easy",
            "--discontinuing-impact",
            "high",
        ],
    );
    ok(
        &db,
        &[
            "exit",
            "alternative",
            "add",
            P,
            "--name",
            "Beta Cloud",
            "--kind",
            "provider",
        ],
    );
    let out = dir.path().join("roi.csv");
    let said = ok(
        &db,
        &[
            "export",
            "register-of-information",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(said.contains("2 partnerships"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("B_07.01.0050") && lines[0].contains("B_07.01.0120"));
    assert_eq!(
        lines[1],
        "Acme exit,Acme Cloud,,,,,Medium complexity in terms of substitutability,Difficulties in migrating or reintegrating,,Yes,Easy,High,Yes,Beta Cloud"
    );
    assert_eq!(lines[2], "Second,,,,,,,,,No,,,Assessment not performed,");
}

#[test]
fn every_partnerships_exit_at_a_glance_and_what_is_due() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(&db, &["partnership", "add", "--name", "Second"]);
    // Our notice is due in 30 days (the term ends 120 days from now, 90 days' notice).
    let today = chrono::Local::now().date_naive();
    let term_end = (today + chrono::Days::new(120)).to_string();
    ok(
        &db,
        &[
            "exit",
            "set",
            P,
            "--term-end",
            &term_end,
            "--notice-ours",
            "90",
        ],
    );
    let list = json(&db, &["exit", "list", "--json"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["partnership"], P);
    assert_eq!(rows[0]["level"], "not_ready");
    assert_eq!(rows[0]["notice"]["days_left"], 30);
    let text = ok(&db, &["exit", "list"]);
    assert!(text.contains("not ready"), "{text}");
    let text = ok(&db, &["portfolio"]);
    assert!(
        text.lines().next().unwrap().ends_with("EXIT PLAN") && text.contains("not ready"),
        "{text}"
    );

    let due = json(&db, &["exit", "due", "--json"]);
    let due = due.as_array().unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["kind"], "notice_deadline");
    assert_eq!(due[0]["days_left"], 30);
    assert!(json(&db, &["exit", "due", "--within", "29", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    let text = ok(&db, &["exit", "due"]);
    assert!(text.contains("last day to give notice"), "{text}");

    // The review queue shows it beside the risks; its JSON stays the risks' queue.
    let queue = ok(&db, &["review", "queue"]);
    assert!(queue.contains("Exit plans: notice deadlines"), "{queue}");
    assert!(queue.contains("last day to give notice"), "{queue}");
    let other = ok(&db, &["review", "queue", "--partnership", "Second"]);
    assert!(!other.contains("Exit plans"), "{other}");
    assert!(json(&db, &["review", "queue", "--json"]).is_array());
}

#[test]
fn a_finding_becomes_an_action_on_a_linked_risk() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(
        &db,
        &[
            "risk",
            "add",
            "--partnership",
            P,
            "--category",
            "exit",
            "--title",
            "Data not returned in time",
        ],
    );
    let recent = (chrono::Local::now().date_naive() - chrono::Days::new(3)).to_string();
    ok(
        &db,
        &[
            "exit",
            "test",
            "add",
            P,
            "--date",
            &recent,
            "--kind",
            "tabletop",
            "--operational",
            "partial",
            "--financial",
            "not-assessed",
            "--finding",
            "The export API pages at 100 records: a full export takes 9 days",
        ],
    );
    // Not linked yet: refused, nothing changed.
    let before = snapshot(&db);
    let run = prisk(
        &db,
        &["exit", "test", "action", P, "1", "--risk", "EXT-001"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("--risk") && run.stderr.contains("link it first"),
        "{}",
        run.stderr
    );
    assert!(snapshot(&db) == before);
    let run = prisk(
        &db,
        &["exit", "test", "action", P, "2", "--risk", "EXT-001"],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("TEST"), "{}", run.stderr);

    ok(&db, &["exit", "link", P, "--risk", "EXT-001"]);
    let said = ok(
        &db,
        &[
            "exit", "test", "action", P, "1", "--risk", "EXT-001", "--owner", "Ops",
        ],
    );
    assert!(said.contains("EXT-001"), "{said}");
    let actions = json(&db, &["action", "list", "--partnership", P, "--json"]);
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1);
    let title = actions[0]["title"].as_str().unwrap();
    assert!(
        title.starts_with(&format!("Exit test of {recent} (tabletop): The export API")),
        "{title}"
    );
    assert_eq!(actions[0]["owner"], "Ops");
}
