//! `prisk indicator`, `prisk reading` and `prisk health`: indicators from the library and
//! from scratch, readings with an explicit replacement, every status with its reason as
//! JSON, and every refusal one line, exit 2, nothing changed.

use serde_json::Value;

use crate::support::{json, ok, prisk, refused, snapshot, workspace};

const P: &str = "Acme health";

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", P]);
    ok(
        &db,
        &[
            "risk",
            "add",
            "--partnership",
            P,
            "--category",
            "technical",
            "--title",
            "Outage",
        ],
    );
    (dir, db)
}

fn status_of<'a>(health: &'a Value, name: &str) -> &'a Value {
    health["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["indicator"]["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {health}"))
}

#[test]
fn the_library_lists_ten_indicators_with_their_defaults() {
    let (_dir, db) = workspace();
    let library = json(&db, &["indicator", "library", "--json"]);
    let library = library.as_array().unwrap();
    assert_eq!(library.len(), 10);
    assert_eq!(library[0]["key"], "availability");
    assert_eq!(library[0]["fields"]["amber"], 99.5);
    let text = ok(&db, &["indicator", "library"]);
    assert!(text.contains("model_accuracy"), "{text}");
}

#[test]
fn indicators_and_readings_give_each_status_with_its_reason() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "indicator",
            "add",
            P,
            "--from",
            "availability",
            "--owner",
            "Ops",
            "--risk",
            "TEC-001",
        ],
    );
    ok(
        &db,
        &[
            "indicator",
            "add",
            P,
            "--name",
            "Queue depth",
            "--unit",
            "count",
            "--direction",
            "lower",
            "--amber",
            "10",
            "--red",
            "50",
            "--frequency",
            "monthly",
        ],
    );
    ok(&db, &["indicator", "add", P, "--from", "model_accuracy"]);
    ok(&db, &["indicator", "add", P, "--from", "incidents"]);
    let list = json(&db, &["indicator", "list", P, "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 4);
    assert_eq!(list[0]["owner"], "Ops");
    assert_eq!(list[0]["risk_ids"].as_array().unwrap().len(), 1);

    // Readings a few days old: fresh whatever today is.
    let today = chrono::Local::now().date_naive();
    let day = |back: i64| (today - chrono::Duration::days(back)).to_string();
    let (before, latest) = (day(40), day(2));
    ok(
        &db,
        &[
            "reading",
            "add",
            "Availability",
            "--date",
            &before,
            "--value",
            "99.95",
        ],
    );
    ok(
        &db,
        &[
            "reading",
            "add",
            "availability",
            "--date",
            &latest,
            "--value",
            "98.7 %",
        ],
    );
    ok(
        &db,
        &[
            "reading",
            "add",
            "Queue depth",
            "--date",
            &latest,
            "--value",
            "12",
        ],
    );
    ok(
        &db,
        &[
            "reading",
            "add",
            "Model accuracy",
            "--date",
            &day(400),
            "--value",
            "96",
        ],
    );
    let health = json(&db, &["health", P, "--json"]);
    let availability = &status_of(&health, "Availability")["status"];
    assert_eq!(availability["status"], "red");
    let reason = availability["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("Availability 98.7 % is below the red threshold 99.0 % since "),
        "{reason}"
    );
    assert_eq!(
        status_of(&health, "Queue depth")["status"]["status"],
        "amber"
    );
    assert_eq!(
        status_of(&health, "Model accuracy")["status"]["status"],
        "stale"
    );
    assert_eq!(
        status_of(&health, "Incidents")["status"]["status"],
        "no_data"
    );
    let table = ok(&db, &["health", P]);
    assert!(
        table.contains("no data") && table.contains("stale"),
        "{table}"
    );
    // The red availability brings TEC-001 back for review.
    assert_eq!(health["risks"].as_array().unwrap().len(), 1);
    assert_eq!(health["risks"][0]["reference"], "TEC-001");
    assert_eq!(health["risks"][0]["reason"], reason);
    assert!(
        table.contains("Risks to review again:\n  TEC-001 Outage — Availability 98.7 %"),
        "{table}"
    );

    // A second reading of the day only with --replace; the first is kept, marked.
    let again = [
        "reading",
        "add",
        "Availability",
        "--date",
        &latest,
        "--value",
        "99.7",
    ];
    refused(&db, &again, "--date");
    let mut replace = again.to_vec();
    replace.push("--replace");
    let text = ok(&db, &replace);
    assert!(
        text.starts_with("replaced the reading of Availability 99.7 %"),
        "{text}"
    );
    let all = json(&db, &["reading", "list", "Availability", "--all", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[2]["replaces"], all[1]["id"]);
    assert_eq!(
        json(&db, &["reading", "list", "Availability", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let shown = json(&db, &["indicator", "show", "availability", "--json"]);
    assert_eq!(shown["status"]["status"], "green");
    assert_eq!(shown["readings"].as_array().unwrap().len(), 3);
    let shown = ok(&db, &["indicator", "show", "availability"]);
    assert!(
        shown.contains("informs: TEC-001") && shown.contains("replaced"),
        "{shown}"
    );

    // Set and remove.
    ok(
        &db,
        &[
            "indicator",
            "set",
            "Availability",
            "--red",
            "98.5",
            "--target",
            "none",
        ],
    );
    let list = json(&db, &["indicator", "list", P, "--json"]);
    assert_eq!(list[0]["red"], 98.5);
    assert!(list[0]["target"].is_null());
    ok(
        &db,
        &["indicator", "remove", "Incidents", "--partnership", P],
    );
    assert_eq!(
        json(&db, &["indicator", "list", P, "--json"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn refusals_are_one_line_name_the_option_and_change_nothing() {
    let (_dir, db) = setup();
    ok(&db, &["indicator", "add", P, "--from", "availability"]);
    ok(&db, &["indicator", "add", P, "--from", "incidents"]);
    ok(
        &db,
        &[
            "reading",
            "add",
            "Availability",
            "--date",
            "2026-10-31",
            "--value",
            "99.9",
        ],
    );
    let before = snapshot(&db);
    let cases: &[(&[&str], &str)] = &[
        (&["indicator", "add", P, "--from", "nothing"], "--from"),
        (&["indicator", "add", P, "--name", "X"], "--unit"),
        (&["indicator", "add", P, "--from", "incidents"], "--name"),
        (
            &[
                "indicator",
                "add",
                P,
                "--from",
                "availability",
                "--name",
                "A2",
                "--red",
                "99.8",
            ],
            "--red",
        ),
        (
            &[
                "indicator",
                "add",
                P,
                "--from",
                "availability",
                "--name",
                "A3",
                "--amber",
                "101",
            ],
            "--amber",
        ),
        (
            &[
                "indicator",
                "add",
                P,
                "--from",
                "incidents",
                "--name",
                "I2",
                "--unit",
                "litres",
            ],
            "--unit",
        ),
        (
            &["indicator", "set", "Availability", "--risk", "TEC-009"],
            "--risk",
        ),
        (
            &[
                "indicator",
                "set",
                "Availability",
                "--trigger",
                "Nope:sla_breach",
            ],
            "--trigger",
        ),
        (
            &["indicator", "set", "Availability", "--target", "50"],
            "--target",
        ),
        (&["indicator", "set", "Nothing", "--red", "1"], "indicator"),
        (
            &[
                "reading",
                "add",
                "Availability",
                "--date",
                "2026-10-31",
                "--value",
                "99",
            ],
            "--date",
        ),
        (
            &[
                "reading",
                "add",
                "Availability",
                "--date",
                "2999-01-01",
                "--value",
                "99",
            ],
            "--date",
        ),
        (
            &[
                "reading",
                "add",
                "Availability",
                "--date",
                "0018-12-03",
                "--value",
                "99",
            ],
            "--date",
        ),
        (
            &[
                "reading",
                "add",
                "Availability",
                "--date",
                "2026-09-30",
                "--value",
                "100.5",
            ],
            "--value",
        ),
        (
            &[
                "reading",
                "add",
                "Incidents",
                "--date",
                "2026-09-30",
                "--value",
                "-1",
            ],
            "--value",
        ),
        (
            &[
                "reading",
                "add",
                "Incidents",
                "--date",
                "2026-09-30",
                "--value",
                "1.5",
            ],
            "--value",
        ),
        (
            &[
                "reading",
                "add",
                "Incidents",
                "--date",
                "2026-09-30",
                "--value",
                "many",
            ],
            "--value",
        ),
        (&["health", "Nobody"], "partnership"),
    ];
    for (args, field) in cases {
        refused(&db, args, field);
    }
    assert!(snapshot(&db) == before, "a refusal changed the workspace");
    let run = prisk(
        &db,
        &[
            "reading",
            "add",
            "Incidents",
            "--date",
            "2026-09-30",
            "--value",
            "-1",
        ],
    );
    assert_eq!(
        run.stderr.trim(),
        "prisk: --value: a count cannot be negative (got \"-1\")"
    );
}

#[test]
fn readings_are_imported_from_a_table_after_a_dry_run() {
    let (dir, db) = setup();
    ok(&db, &["indicator", "add", P, "--from", "availability"]);
    ok(&db, &["indicator", "add", P, "--from", "incidents"]);
    let good = dir.path().join("kris.csv");
    std::fs::write(
        &good,
        "indicator,date,value,note\nAvailability,2026-09-30,99.95,\nIncidents,2026-09-30,2,two outages\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Date,Availability,Incidents\n2026-09-30,101,1\n2026-10-31,99.9,-2\n",
    )
    .unwrap();
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());

    let before = snapshot(&db);
    let dry = json(
        &db,
        &[
            "reading",
            "import",
            good,
            "--partnership",
            P,
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(dry["layout"], "long");
    assert_eq!(dry["readings"].as_array().unwrap().len(), 2);
    let run = prisk(
        &db,
        &["reading", "import", bad, "--partnership", P, "--dry-run"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stdout.contains(
            "problem: row 2, column \"Availability\": 101: a percentage must be between 0 and 100"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("row 3, column \"Incidents\""),
        "{}",
        run.stdout
    );
    refused(&db, &["reading", "import", bad, "--partnership", P], "file");
    assert!(
        snapshot(&db) == before,
        "a dry run or a refusal changed the workspace"
    );

    let text = ok(&db, &["reading", "import", good, "--partnership", P]);
    assert!(
        text.starts_with("imported 2 readings from kris.csv"),
        "{text}"
    );
    refused(
        &db,
        &["reading", "import", good, "--partnership", P],
        "file",
    );
    let added = json(
        &db,
        &[
            "reading",
            "import",
            good,
            "--partnership",
            P,
            "--replace",
            "--json",
        ],
    );
    assert_eq!(added["replaced"], 2);
    let history = ok(&db, &["history", "--partnership", P]);
    assert!(history.contains("kris.csv"), "{history}");
}

#[test]
fn columns_with_other_headers_are_imported_by_naming_what_they_hold() {
    let (dir, db) = setup();
    ok(&db, &["indicator", "add", P, "--from", "availability"]);
    ok(&db, &["indicator", "add", P, "--from", "incidents"]);
    let german = dir.path().join("kennzahlen.csv");
    std::fs::write(
        &german,
        "Kennzahl;Stichtag;Wert\nAvailability;30.09.2026;99,95\nIncidents;30.09.2026;2\n",
    )
    .unwrap();
    let wide = dir.path().join("wide.csv");
    std::fs::write(
        &wide,
        "Date,Uptime (monthly),Tickets P1\n2026-10-31,99.8,1\n",
    )
    .unwrap();
    let (german, wide) = (german.to_str().unwrap(), wide.to_str().unwrap());

    // Without a mapping the German file has no date column.
    let run = prisk(
        &db,
        &["reading", "import", german, "--partnership", P, "--dry-run"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stdout.contains("problem: no date column"),
        "{}",
        run.stdout
    );
    let columns = [
        "--column",
        "Kennzahl=indicator",
        "--column",
        "stichtag=date",
        "--column",
        "3=value",
    ];
    let mut args = vec!["reading", "import", german, "--partnership", P, "--dry-run"];
    args.extend(columns);
    let dry = ok(&db, &args);
    assert!(
        dry.contains("long table, 2 rows, 2 readings to import"),
        "{dry}"
    );
    assert!(dry.contains("column 2 \"Stichtag\": date"), "{dry}");
    assert!(dry.contains("column 3 \"Wert\": value"), "{dry}");

    // Refusals: a column that is not there, a meaning that is no indicator.
    let before = snapshot(&db);
    let mut args = vec!["reading", "import", german, "--partnership", P];
    args.extend(["--column", "Datum=date"]);
    refused(&db, &args, "--column");
    let mut args = vec!["reading", "import", wide, "--partnership", P];
    args.extend(["--column", "Uptime (monthly)=Uptime"]);
    refused(&db, &args, "--column");
    let mut args = vec!["reading", "import", german, "--partnership", P];
    args.extend(["--column", "Stichtag"]);
    refused(&db, &args, "--column");
    assert!(snapshot(&db) == before, "a refusal changed the workspace");

    let mut args = vec!["reading", "import", german, "--partnership", P];
    args.extend(columns);
    let text = ok(&db, &args);
    assert!(
        text.starts_with("imported 2 readings from kennzahlen.csv"),
        "{text}"
    );

    // A wide file: the one column whose header is no indicator's name is named.
    let added = json(
        &db,
        &[
            "reading",
            "import",
            wide,
            "--partnership",
            P,
            "--column",
            "Uptime (monthly)=availability",
            "--column",
            "Tickets P1=Incidents",
            "--json",
        ],
    );
    assert_eq!(added["added"], 2);
    let readings = json(&db, &["reading", "list", "Incidents", "--json"]);
    let values: Vec<f64> = readings
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["fields"]["value"]
                .as_f64()
                .unwrap_or_else(|| r["value"].as_f64().unwrap())
        })
        .collect();
    assert_eq!(values, [2.0, 1.0], "{readings}");
}

#[test]
fn a_red_indicator_fires_the_exit_trigger_it_is_linked_to() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "exit", "scenario", "add", P, "--name", "Stressed", "--kind", "stressed",
        ],
    );
    ok(
        &db,
        &["exit", "trigger", "add", P, "Stressed", "sla_breach"],
    );
    ok(
        &db,
        &[
            "indicator",
            "add",
            P,
            "--from",
            "availability",
            "--trigger",
            "stressed:sla-breach",
        ],
    );
    let listed = json(&db, &["indicator", "list", P, "--json"]);
    assert_eq!(listed[0]["exit_triggers"][0]["trigger"], "sla_breach");
    let day = (chrono::Local::now().date_naive() - chrono::Duration::days(1)).to_string();
    ok(
        &db,
        &[
            "reading",
            "add",
            "Availability",
            "--date",
            &day,
            "--value",
            "97.5",
        ],
    );
    let health = json(&db, &["health", P, "--json"]);
    let fired = health["triggers"].as_array().unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0]["scenario"], "Stressed");
    assert_eq!(fired[0]["label"], "persistent breach of the service levels");
    let text = ok(&db, &["health", P]);
    assert!(
        text.contains("Exit triggers fired:\n  Stressed: persistent breach of the service levels — Availability 97.5 %"),
        "{text}"
    );
    // `none` clears the links.
    ok(
        &db,
        &["indicator", "set", "Availability", "--trigger", "none"],
    );
    let health = json(&db, &["health", P, "--json"]);
    assert!(health["triggers"].as_array().unwrap().is_empty());
}
