//! Imports: a partnership through its JSON export and back (byte for byte), and a table
//! (CSV or workbook) with its dry run, mapping, problems and hostile files.

use serde_json::Value;

use crate::support::{json, ok, prisk, snapshot, workspace, DEMO};

#[test]
fn export_import_round_trip() {
    let (dir, db) = workspace();
    ok(&db, &["demo", "--risks", "20"]);
    let first = dir.path().join("first.json");
    ok(
        &db,
        &[
            "export",
            "json",
            "--partnership",
            DEMO,
            "--out",
            first.to_str().unwrap(),
        ],
    );
    let other = dir.path().join("other.prisk");
    let out = ok(&other, &["import", "json", first.to_str().unwrap()]);
    assert!(out.contains("imported"), "{out}");
    let second = dir.path().join("second.json");
    ok(
        &other,
        &[
            "export",
            "json",
            "--partnership",
            DEMO,
            "--out",
            second.to_str().unwrap(),
        ],
    );
    let a = std::fs::read_to_string(&first).unwrap();
    let b = std::fs::read_to_string(&second).unwrap();
    assert_eq!(a, b);
    let doc: Value = serde_json::from_str(&a).unwrap();
    assert_eq!(doc["format"], "partner-risk/partnership");
    assert_eq!(doc["version"], 1);
}

#[test]
fn import_table_dry_run_mapping_problems_and_hostile_files() {
    let (dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", "Acme"]);
    let csv = dir.path().join("register.csv");
    std::fs::write(
        &csv,
        "Risk register, exported 2026\n\nRisk ID;Risk Title;Probability;Severity;Owner;Status\n\
         R1;Cloud outage;High;Major;Ann;Open\n\
         R2;Supplier insolvency;Often;Minor;Ben;Closed\n\
         R3;Key person leaves;Low;Moderate;Cleo;In progress\n",
    )
    .unwrap();
    let file = csv.to_str().unwrap();

    // The dry run as JSON: what was read, the mapping, the rows and each problem.
    let args = [
        "import",
        "table",
        file,
        "--partnership",
        "Acme",
        "--dry-run",
        "--json",
    ];
    let run = prisk(&db, &args);
    assert_eq!(run.status, 2, "a dry run with problems exits 2");
    let plan: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(plan["source"]["delimiter"], ";");
    assert_eq!(plan["mapping"]["header_row"], 3);
    assert_eq!(plan["counts"]["rows"], 3);
    assert_eq!(plan["counts"]["invalid"], 1);
    assert_eq!(
        plan["problems"][0],
        serde_json::json!({"row": 5, "column": "Probability", "message": "\"Often\" is not a likelihood"})
    );
    assert_eq!(
        plan["rows"][0]["fields"]["inherent"],
        serde_json::json!({"likelihood": 5, "impact": 4})
    );

    // Without --skip-invalid nothing is imported; each problem is on stderr.
    let run = prisk(&db, &["import", "table", file, "--partnership", "Acme"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("row 5, column \"Probability\": \"Often\" is not a likelihood"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(
        json(&db, &["risk", "list", "--partnership", "Acme", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // The mapping given back, with the unknown value mapped: all rows, once.
    let mut mapping = plan["mapping"].clone();
    for values in mapping["values"].as_array_mut().unwrap() {
        for entry in values["entries"].as_array_mut().unwrap() {
            if entry["value"] == "Often" {
                entry["to"] = "4".into();
            }
        }
    }
    let mapping_file = dir.path().join("mapping.json");
    std::fs::write(&mapping_file, mapping.to_string()).unwrap();
    let with_mapping = [
        "import",
        "table",
        file,
        "--partnership",
        "Acme",
        "--mapping",
        mapping_file.to_str().unwrap(),
    ];
    let out = ok(&db, &with_mapping);
    assert!(out.contains("3 new, 0 updated, 0 unchanged"), "{out}");
    let out = ok(&db, &with_mapping);
    assert!(out.contains("0 new, 0 updated, 3 unchanged"), "{out}");
    let risks = json(&db, &["risk", "list", "--partnership", "Acme", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 3);
    let history = ok(&db, &["history", "--partnership", "Acme"]);
    assert!(history.contains("imported from register.csv"), "{history}");

    // Hostile files are read in a child process: a clear error, exit 2, nothing written.
    let before = snapshot(&db);
    let ole = dir.path().join("old.xlsx");
    std::fs::write(&ole, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00").unwrap();
    let run = prisk(
        &db,
        &[
            "import",
            "table",
            ole.to_str().unwrap(),
            "--partnership",
            "Acme",
        ],
    );
    assert_eq!(run.status, 2);
    // Read as the legacy Excel it claims to be, and refused as damaged.
    assert!(
        run.stderr.contains("XLS") && run.stderr.contains("cannot be read"),
        "{}",
        run.stderr
    );
    let garbage = dir.path().join("broken.xlsx");
    std::fs::write(&garbage, b"PK\x03\x04 not really a zip").unwrap();
    let run = prisk(
        &db,
        &[
            "import",
            "table",
            garbage.to_str().unwrap(),
            "--partnership",
            "Acme",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("the workbook's ZIP container cannot be read"),
        "{}",
        run.stderr
    );
    // Bad options name themselves.
    let run = prisk(
        &db,
        &[
            "import",
            "table",
            file,
            "--partnership",
            "Acme",
            "--date-order",
            "ymd",
        ],
    );
    assert!(
        run.status == 2 && run.stderr.contains("--date-order"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&db), before);
}
