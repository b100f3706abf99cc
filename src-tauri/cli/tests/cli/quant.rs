//! `prisk risk set --frequency/--loss` and `prisk quant`: estimates, settings, a run kept
//! and reproduced with its seed, the tolerance breach, the portfolio, the cells and the
//! value; every refusal one line, exit 2, nothing changed.

use crate::support::{json, ok, refused, snapshot, workspace};

const P: &str = "Acme money";

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    for (category, title, score) in [
        ("financial", "Partner cannot pay", "1,1"),
        ("technical", "API breaks", "2,2"),
    ] {
        ok(
            &db,
            &[
                "risk",
                "add",
                "--partnership",
                P,
                "--category",
                category,
                "--title",
                title,
                "--residual",
                score,
            ],
        );
    }
    (dir, db)
}

fn set(db: &std::path::Path, reference: &str, more: &[&str]) {
    let mut args = vec!["risk", "set", "--partnership", P, reference];
    args.extend_from_slice(more);
    ok(db, &args);
}

#[test]
fn estimates_runs_and_the_tolerance_from_the_command_line() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "quant",
            "settings",
            P,
            "--currency",
            "eur",
            "--threshold",
            "1M",
        ],
    );
    set(
        &db,
        "FIN-001",
        &["--frequency", "0.5", "--loss", "50000..2000000"],
    );
    set(
        &db,
        "FIN-001",
        &[
            "--probability",
            "0.1",
            "--pert",
            "20k,100k,800k",
            "--stage",
            "target",
        ],
    );
    set(
        &db,
        "TEC-001",
        &["--frequency", "0.2..1.5", "--loss", "100k..9M"],
    );
    let risk = json(
        &db,
        &["risk", "show", "--partnership", P, "FIN-001", "--json"],
    );
    let text = risk.to_string();
    assert!(text.contains("\"residual_loss\""), "{text}");
    assert!(text.contains("\"pert\""), "{text}");
    let shown = ok(&db, &["risk", "show", "--partnership", P, "FIN-001"]);
    assert!(
        shown.contains("money: 0.5 a year × 50000..2000000 (expected "),
        "{shown}"
    );

    ok(
        &db,
        &[
            "quant",
            "tolerance",
            P,
            "--point",
            "0.10:1000000",
            "--point",
            "0.01:5000000",
        ],
    );
    let args = [
        "quant",
        "run",
        "--partnership",
        P,
        "--years",
        "20000",
        "--seed",
        "7",
        "--json",
    ];
    let first = json(&db, &args);
    let again = json(&db, &args);
    let residual = |v: &serde_json::Value| {
        v["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["stage"] == "residual")
            .unwrap()
            .clone()
    };
    let (a, b) = (residual(&first), residual(&again));
    assert_eq!(
        a["figures"], b["figures"],
        "same inputs and seed, same figures"
    );
    assert_eq!(a["figures"]["seed"], "7");
    assert_eq!(a["figures"]["risks"], 2);
    assert_eq!(first["currency"], "EUR");
    assert_eq!(a["tolerance"]["outside"], true);
    assert_eq!(a["out_of_date"], false);

    // Text output names the breach and the top contributors.
    let text = ok(&db, &["quant", "show", P]);
    assert!(text.contains("outside tolerance"), "{text}");
    assert!(text.contains("Top contributors, residual"), "{text}");
    // A changed estimate marks the kept run out of date.
    set(&db, "TEC-001", &["--frequency", "0.1"]);
    let text = ok(&db, &["quant", "show", P]);
    assert!(text.contains("residual (out of date)"), "{text}");

    // The cells: FIN-001 is scored 1,1 but its numbers say far more.
    let cells = json(&db, &["quant", "cells", P, "--json"]);
    let fin = cells
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["reference"] == "FIN-001")
        .unwrap();
    assert!(
        fin["stages"].to_string().contains("\"disagrees\":true"),
        "{fin}"
    );
    // The value: FIN-001 has both a residual and a target estimate.
    let value = json(&db, &["quant", "value", P, "--json"]);
    assert_eq!(value["risks"][0]["reference"], "FIN-001");
    assert!(value["risks"][0]["avoided"].as_f64().unwrap() > 0.0);
    // An exit plan without a currency takes the partnership's for amounts typed without.
    ok(&db, &["exit", "set", P, "--termination-fee", "5000"]);
    let plan = json(&db, &["exit", "show", P, "--json"]);
    assert!(plan.to_string().contains("\"currency\":\"EUR\""), "{plan}");
    // The portfolio is this one partnership.
    let portfolio = json(
        &db,
        &[
            "quant",
            "portfolio",
            "--years",
            "10000",
            "--seed",
            "1",
            "--json",
        ],
    );
    assert_eq!(portfolio["scope"], "portfolio");
    assert_eq!(residual(&portfolio)["figures"]["risks"], 2);
}

#[test]
fn bad_input_is_refused_in_one_line_and_changes_nothing() {
    let (_dir, db) = setup();
    set(
        &db,
        "FIN-001",
        &["--frequency", "0.5", "--loss", "50000..2000000"],
    );
    let before = snapshot(&db);
    let risk_set = |more: &[&str]| {
        let mut args = vec!["risk", "set", "--partnership", P, "TEC-001"];
        args.extend_from_slice(more);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    for (args, field) in [
        (
            risk_set(&["--frequency", "0.5", "--loss", "2000000..50000"]),
            "--loss",
        ),
        (risk_set(&["--probability", "1.5"]), "--probability"),
        (risk_set(&["--loss", "50000..2000000"]), "--loss"),
        (
            risk_set(&["--frequency", "0.5", "--loss", "0..10"]),
            "--loss",
        ),
        (risk_set(&["--frequency", "-1"]), "--frequency"),
        (risk_set(&["--frequency", "often"]), "--frequency"),
        (risk_set(&["--frequency", "1", "--pert", "5,1,9"]), "--pert"),
        (
            risk_set(&["--frequency", "1", "--stage", "later"]),
            "--stage",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&db, &args, field);
    }
    refused(
        &db,
        &["quant", "run", "--partnership", P, "--years", "500"],
        "years",
    );
    refused(
        &db,
        &["quant", "run", "--partnership", P, "--stage", "soon"],
        "--stage",
    );
    refused(
        &db,
        &["quant", "tolerance", P, "--point", "0.1:1000000"],
        "--point",
    );
    refused(
        &db,
        &[
            "quant",
            "tolerance",
            P,
            "--point",
            "0.01:1000000",
            "--point",
            "0.1:5000000",
        ],
        "tolerance",
    );
    refused(
        &db,
        &[
            "quant",
            "tolerance",
            P,
            "--point",
            "2:1",
            "--point",
            "0.1:5",
        ],
        "--point",
    );
    refused(
        &db,
        &["quant", "settings", P, "--currency", "euro"],
        "--currency",
    );
    refused(&db, &["quant", "settings", P, "--years", "5"], "--years");
    refused(&db, &["quant", "run", "--partnership", "Nobody"], "Nobody");
    assert_eq!(snapshot(&db), before, "a refusal changed the workspace");
}
