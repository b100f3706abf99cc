//! The `prisk` contract, run as a real process on temporary workspace files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn prisk_in(env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prisk"));
    cmd.args(args)
        .env_remove("PARTNER_RISK_DB")
        .env("USER", "cli-tester")
        // The tests' log lines stay out of the user's own log folder.
        .env(
            "PARTNER_RISK_LOG_DIR",
            std::env::temp_dir().join("prisk-cli-tests-log"),
        );
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    Run {
        status: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn prisk(db: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    prisk_in(&[], &all)
}

fn ok(db: &Path, args: &[&str]) -> String {
    let run = prisk(db, args);
    assert_eq!(run.status, 0, "prisk {args:?} failed: {}", run.stderr);
    run.stdout
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.prisk");
    ok(&db, &["init"]);
    (dir, db)
}

const DEMO: &str = "Northwind Analytics – claims triage AI";

/// The bytes of a workspace after its WAL is folded in, to compare before and after.
fn snapshot(db: &Path) -> Vec<u8> {
    std::fs::read(db).unwrap()
}

#[test]
fn init_creates_a_workspace_at_the_given_or_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/dir/w.prisk");
    let out = ok(&db, &["init"]);
    assert_eq!(out.trim(), db.to_str().unwrap());
    assert!(db.exists());

    let env_db = dir.path().join("env.prisk");
    let run = prisk_in(&[("PARTNER_RISK_DB", env_db.to_str().unwrap())], &["init"]);
    assert_eq!(run.stdout.trim(), env_db.to_str().unwrap());

    let data = dir.path().join("data");
    let run = prisk_in(&[("XDG_DATA_HOME", data.to_str().unwrap())], &["init"]);
    let expected = data.join("org.partnerrisk.desktop/workspace.prisk");
    assert_eq!(run.stdout.trim(), expected.to_str().unwrap());
    assert!(expected.exists());
}

#[test]
fn demo_and_json_listings() {
    let (_dir, db) = workspace();
    let out = ok(&db, &["demo"]);
    assert!(out.contains("created"), "{out}");
    let list = json(&db, &["partnership", "list", "--json"]);
    let demo = &list[0];
    assert_eq!(demo["name"], DEMO);
    assert!(demo["risk_count"].as_u64().unwrap() >= 30);
    assert_eq!(demo["matrix_name"], "Standard 5×5");

    let risks = json(&db, &["risk", "list", "--partnership", DEMO, "--json"]);
    let risks = risks.as_array().unwrap();
    assert!(risks.len() >= 30);
    let r = &risks[0];
    for key in ["reference", "title", "category", "owner", "status"] {
        assert!(r[key].is_string(), "{key} in {r}");
    }
    assert!(r["inherent"]["likelihood"].as_u64().unwrap() >= 1);
    assert!(r["inherent"]["impact"].as_u64().unwrap() >= 1);
    assert!(r["inherent_level"].is_string());
    assert!(r["residual_level"].is_string());
    let id = demo["id"].as_str().unwrap();
    let by_id = json(&db, &["risk", "list", "--partnership", id, "--json"]);
    assert_eq!(by_id.as_array().unwrap().len(), risks.len());

    let text = ok(&db, &["risk", "list", "--partnership", DEMO]);
    assert!(text.starts_with("REF"), "{text}");
    let filtered = json(
        &db,
        &[
            "risk",
            "list",
            "--partnership",
            DEMO,
            "--json",
            "--category",
            "exit",
            "--min-level",
            "medium",
        ],
    );
    for r in filtered.as_array().unwrap() {
        assert_eq!(r["category"], "exit");
        assert_ne!(r["residual_level"], "Low");
    }
    let found = json(
        &db,
        &[
            "risk",
            "list",
            "--partnership",
            DEMO,
            "--json",
            "--search",
            "insolvency",
        ],
    );
    assert!(!found.as_array().unwrap().is_empty());

    let big = ok(&db, &["demo", "--risks", "500"]);
    assert!(
        big.contains("with 554 risks") || big.contains("risks"),
        "{big}"
    );
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn partnership_and_risk_lifecycle() {
    let (_dir, db) = workspace();
    let out = ok(
        &db,
        &[
            "partnership",
            "add",
            "--name",
            "Zürich Re API",
            "--partner",
            "Zürich Re",
            "--matrix",
            "4x4",
            "--templates",
            "api-format-mismatch,api-breaking-change",
        ],
    );
    assert!(out.contains("with 2 risks"), "{out}");
    let reference = ok(
        &db,
        &[
            "risk",
            "add",
            "--partnership",
            "Zürich Re API",
            "--category",
            "financial",
            "--title",
            "Revenue share disputed",
            "--owner",
            "Lea",
            "--inherent",
            "3,4",
            "--residual",
            "2,3",
        ],
    );
    assert_eq!(reference.trim(), "FIN-001");
    ok(
        &db,
        &[
            "risk",
            "set",
            "--partnership",
            "Zürich Re API",
            "FIN-001",
            "--residual",
            "1,2",
            "--status",
            "mitigating",
            "--target",
            "none",
            "--tags",
            "money,contract",
        ],
    );
    let detail = json(
        &db,
        &[
            "risk",
            "show",
            "--partnership",
            "Zürich Re API",
            "FIN-001",
            "--json",
        ],
    );
    assert_eq!(detail["risk"]["residual"]["likelihood"], 1);
    assert_eq!(detail["risk"]["status"], "mitigating");
    assert_eq!(
        detail["risk"]["tags"],
        serde_json::json!(["money", "contract"])
    );
    assert_eq!(detail["residual_level"], "Low");
    let history = detail["history"].as_array().unwrap();
    assert_eq!(history[0]["operation"], "create");
    assert_eq!(history[0]["actor"], "cli-tester");
    assert!(history.iter().any(|h| h["field"] == "status"
        && h["old_value"] == "open"
        && h["new_value"] == "mitigating"));

    ok(
        &db,
        &[
            "action",
            "add",
            "--partnership",
            "Zürich Re API",
            "--risk",
            "FIN-001",
            "--title",
            "Agree the revenue formula",
            "--due",
            "2020-01-31",
            "--cost",
            "2500 EUR",
            "--owner",
            "Lea",
        ],
    );
    let plan = ok(
        &db,
        &[
            "action",
            "list",
            "--partnership",
            "Zürich Re API",
            "--risk",
            "FIN-001",
        ],
    );
    assert!(
        plan.contains("OVERDUE") && plan.contains("2500.00 EUR"),
        "{plan}"
    );

    let shown = ok(&db, &["partnership", "set-matrix", "Zürich Re API", "5x5"]);
    assert!(shown.contains("nothing changed"), "{shown}");
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list[0]["matrix_name"], "Standard 4×4");
    ok(
        &db,
        &["partnership", "set-matrix", "Zürich Re API", "5x5", "--yes"],
    );
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list[0]["matrix_name"], "Standard 5×5");

    ok(
        &db,
        &[
            "partnership",
            "set",
            "Zürich Re API",
            "--archived",
            "true",
            "--stage",
            "ended",
        ],
    );
    assert_eq!(
        json(&db, &["partnership", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        json(&db, &["partnership", "list", "--json", "--all"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn matrices_from_the_command_line() {
    let (_dir, db) = workspace();
    let list = json(&db, &["matrix", "list", "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5);
    assert!(names.contains(&"NIST SP 800-30 Rev. 1"));
    let nist = json(&db, &["matrix", "show", "nist-800-30", "--json"]);
    assert_eq!(nist["levels"].as_array().unwrap().len(), 5);
    let text = ok(&db, &["matrix", "show", "3x3"]);
    assert!(text.contains("grid"), "{text}");
    let check = ok(&db, &["matrix", "check", "5x5"]);
    assert!(
        check.contains("no warnings") && check.contains("4 of 4 levels"),
        "{check}"
    );

    ok(&db, &["matrix", "clone", "4x4", "--name", "Skewed"]);
    {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
        let mut m = store.find_matrix("Skewed").unwrap();
        m.grid[3][3] = 0; // the most likely, most severe cell rated lowest
        store.update_matrix(m).unwrap();
    }
    let check = ok(&db, &["matrix", "check", "Skewed"]);
    assert!(check.contains("warning: cell L4 I4 is Low"), "{check}");
    assert!(
        check.contains("not used by any cell") || check.contains("4 of 4"),
        "{check}"
    );
}

#[test]
fn matrix_import_reads_a_ciso_assistant_library() {
    let (dir, db) = workspace();
    let library = r##"
urn: urn:example:risk:library:cli-test
name: CLI test library
objects:
  risk_matrix:
  - urn: urn:example:risk:matrix:cli-3x4
    name: Vendor 3x4
    description: Three probabilities against four impacts.
    probability:
    - {abbreviation: L, name: Low, description: Rarely}
    - {abbreviation: M, name: Medium, description: Sometimes}
    - {abbreviation: H, name: High, description: Often}
    impact:
    - {name: Limited}
    - {name: Significant}
    - {name: Serious}
    - {name: Critical}
    risk:
    - {name: Acceptable, hexcolor: '#0a0'}
    - {name: Tolerable, hexcolor: '#FFAA00'}
    - {name: Unacceptable, hexcolor: '#aa0000'}
    grid:
    - [0, 0, 1, 1]
    - [0, 1, 1, 2]
    - [1, 1, 2, 2]
  - urn: urn:example:risk:matrix:cli-2x2
    name: Vendor 2x2
    probability: [{name: Unlikely}, {name: Likely}]
    impact: [{name: Minor}, {name: Major}]
    risk: [{name: Low, hexcolor: '#2E7D32'}, {name: High, hexcolor: '#C62828'}]
    grid: [[0, 0], [0, 1]]
"##;
    let file = dir.path().join("vendor.yaml");
    std::fs::write(&file, library).unwrap();
    let out = ok(&db, &["matrix", "import", file.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("imported matrix \"Vendor 3x4\" (")
            && lines[0].ends_with("), 3×4, levels Acceptable, Tolerable, Unacceptable"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("imported matrix \"Vendor 2x2\" (")
            && lines[1].ends_with("), 2×2, levels Low, High"),
        "{out}"
    );
    let shown = json(&db, &["matrix", "show", "Vendor 3x4", "--json"]);
    assert_eq!(shown["levels"][0]["colour"], "#00AA00");
    assert_eq!(shown["grid"][2][3], 2);
    let list_before = ok(&db, &["matrix", "list"]);
    assert!(list_before.contains("Vendor 2x2"), "{list_before}");

    // A broken second matrix: exit 2, the place named, nothing imported.
    let broken = library
        .replace("Vendor", "Supplier")
        .replace("grid: [[0, 0], [0, 1]]", "grid: [[0, 0], [0, 5]]");
    let bad = dir.path().join("broken.yaml");
    std::fs::write(&bad, broken).unwrap();
    let run = prisk(&db, &["matrix", "import", bad.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(
            "broken.yaml: risk_matrix[1].grid[1][1]: index 5 is beyond the 2 risk levels"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(ok(&db, &["matrix", "list"]), list_before);
}

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
fn bad_input_exits_2_with_one_line_and_changes_nothing() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let bad_json = dir.path().join("bad.json");
    std::fs::write(
        &bad_json,
        "{\"format\": \"partner-risk/partnership\", \"version\": 1, \"partnership\": 42}",
    )
    .unwrap();
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["risk", "list", "--partnership", "Nobody Ltd"],
            &["partnership", "Nobody Ltd"],
        ),
        (
            vec![
                "risk",
                "add",
                "--partnership",
                DEMO,
                "--category",
                "technical",
                "--title",
                "x",
                "--inherent",
                "6,1",
            ],
            &["inherent.likelihood", "6"],
        ),
        (
            vec![
                "risk",
                "add",
                "--partnership",
                DEMO,
                "--category",
                "astrology",
                "--title",
                "x",
            ],
            &["category", "astrology"],
        ),
        (
            vec![
                "risk",
                "add",
                "--partnership",
                DEMO,
                "--category",
                "technical",
                "--title",
                "x",
                "--residual",
                "high",
            ],
            &["residual", "high"],
        ),
        (
            vec![
                "risk",
                "set",
                "--partnership",
                DEMO,
                "TEC-999",
                "--status",
                "open",
            ],
            &["reference", "TEC-999"],
        ),
        (
            vec![
                "risk",
                "set",
                "--partnership",
                DEMO,
                "TEC-001",
                "--status",
                "forgotten",
            ],
            &["--status", "forgotten"],
        ),
        (
            vec![
                "risk",
                "set",
                "--partnership",
                DEMO,
                "TEC-001",
                "--target",
                "1,9",
            ],
            &["target.impact", "9"],
        ),
        (
            vec!["partnership", "add", "--name", "X", "--matrix", "10x10"],
            &["matrix", "10x10"],
        ),
        (
            vec![
                "partnership",
                "add",
                "--name",
                "X",
                "--templates",
                "made-up",
            ],
            &["templates", "made-up"],
        ),
        (vec!["partnership", "add", "--name", DEMO], &["name", DEMO]),
        (vec!["demo", "--risks", "lots"], &["--risks", "lots"]),
        (vec!["demo", "--risks", "100001"], &["risks", "100001"]),
        (vec!["matrix", "show", "9x9"], &["matrix", "9x9"]),
        (
            vec!["import", "json", bad_json.to_str().unwrap()],
            &["partnership", "42"],
        ),
        (
            vec![
                "action",
                "add",
                "--partnership",
                DEMO,
                "--risk",
                "TEC-001",
                "--title",
                "t",
                "--due",
                "31/12/2026",
            ],
            &["--due", "31/12/2026"],
        ),
        (
            vec![
                "action",
                "add",
                "--partnership",
                DEMO,
                "--risk",
                "TEC-001",
                "--title",
                "t",
                "--cost",
                "lots EUR",
            ],
            &["--cost", "lots EUR"],
        ),
    ];
    let before = snapshot(&db);
    for (args, needles) in cases {
        let run = prisk(&db, &args);
        assert_eq!(run.status, 2, "prisk {args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "one line for {args:?}: {}",
            run.stderr
        );
        for needle in needles {
            assert!(
                run.stderr.contains(needle),
                "{args:?}: {:?} should mention {needle}",
                run.stderr
            );
        }
        assert!(run.stdout.is_empty(), "{args:?} printed {}", run.stdout);
    }
    assert_eq!(snapshot(&db), before, "the workspace file is unchanged");

    // Files that are not workspaces are refused and left as they were.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "meeting notes, not a database").unwrap();
    let run = prisk(&text, &["partnership", "list"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("not a Partner Risk workspace"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "meeting notes, not a database"
    );
    let missing = dir.path().join("missing.prisk");
    let run = prisk(&missing, &["partnership", "list"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("prisk init"), "{}", run.stderr);
    assert!(!missing.exists());
}

#[test]
fn templates_and_categories() {
    let (_dir, db) = workspace();
    let lib = json(&db, &["template", "list", "--json"]);
    assert!(lib["templates"].as_array().unwrap().len() >= 40);
    ok(
        &db,
        &[
            "category", "add", "--code", "esg", "--name", "ESG", "--prefix", "ESG",
        ],
    );
    let cats = json(&db, &["category", "list", "--json"]);
    assert_eq!(cats.as_array().unwrap().len(), 9);
    let run = prisk(
        &db,
        &[
            "category", "add", "--code", "Bad Code", "--name", "x", "--prefix", "XX",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("code"), "{}", run.stderr);
}

#[test]
fn export_pdf_writes_the_report() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let out = dir.path().join("report.pdf");
    let text = ok(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            out.to_str().unwrap(),
            "--prepared-by",
            "Risk office",
            "--paper",
            "letter",
        ],
    );
    assert!(text.starts_with(&format!("exported {DEMO:?}")), "{text}");
    assert!(text.contains(" pages) to "), "{text}");
    assert_eq!(text.lines().count(), 1);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 20_000);

    // The plan on its own, filtered, is a shorter document.
    let plan = dir.path().join("plan.pdf");
    let text = ok(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            plan.to_str().unwrap(),
            "--plan-only",
            "--min-level",
            "high",
            "--categories",
            "technical,exit",
            "--status",
            "open,mitigating",
            "--plan-group",
            "due_month",
        ],
    );
    assert!(text.contains("exported"), "{text}");
    let plan_len = std::fs::read(&plan).unwrap().len();
    assert!(plan_len < bytes.len(), "{plan_len} vs {}", bytes.len());
}

#[test]
fn export_pdf_bad_options_exit_2_naming_the_option() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let out = dir.path().join("r.pdf");
    let out = out.to_str().unwrap();
    for (args, needles) in [
        (vec!["--paper", "a5"], vec!["--paper", "a5"]),
        (
            vec!["--sections", "cover,index"],
            vec!["--sections", "index"],
        ),
        (vec!["--sections", "plan,plan"], vec!["--sections", "plan"]),
        (
            vec!["--min-level", "extreme"],
            vec!["--min-level", "extreme"],
        ),
        (
            vec!["--categories", "nonsense"],
            vec!["--categories", "nonsense"],
        ),
        (vec!["--status", "sleeping"], vec!["--status", "sleeping"]),
        (
            vec!["--plan-group", "colour"],
            vec!["--plan-group", "colour"],
        ),
    ] {
        let mut all = vec!["export", "pdf", "--partnership", DEMO, "--out", out];
        all.extend_from_slice(&args);
        let run = prisk(&db, &all);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        for needle in needles {
            assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
        }
    }
    let run = prisk(
        &db,
        &["export", "pdf", "--partnership", "Nobody", "--out", out],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("Nobody"), "{}", run.stderr);
    assert!(!Path::new(out).exists());
}

#[test]
fn export_pdf_to_an_unwritable_path_is_a_clear_error() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let missing = dir.path().join("no/such/dir/r.pdf");
    let run = prisk(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no/such/dir"), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = prisk(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("folder"), "{}", run.stderr);
    assert!(!missing.exists());
}

#[test]
fn export_pdf_without_fonts_says_what_to_install() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let empty = dir.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("r.pdf");
    let run = prisk_in(
        &[("PARTNER_RISK_FONT_DIR", empty.to_str().unwrap())],
        &[
            "--db",
            db.to_str().unwrap(),
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("DejaVuSans.ttf"), "{}", run.stderr);
    assert!(run.stderr.contains("fonts-dejavu-core"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_xlsx_and_csv_write_spreadsheets() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let risks = json(&db, &["risk", "list", "--partnership", DEMO, "--json"]);
    let count = risks.as_array().unwrap().len();
    let xlsx = dir.path().join("register.xlsx");
    let text = ok(
        &db,
        &[
            "export",
            "xlsx",
            "--partnership",
            DEMO,
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(
        text.starts_with(&format!("exported {DEMO:?} ({count} risks, ")),
        "{text}"
    );
    assert!(text.trim_end().ends_with(xlsx.to_str().unwrap()), "{text}");
    assert_eq!(text.lines().count(), 1);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04") && bytes.len() > 10_000);

    // By id as well as by name.
    let id = json(&db, &["partnership", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = dir.path().join("register.csv");
    let text = ok(
        &db,
        &[
            "export",
            "csv",
            "--partnership",
            &id,
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(
        text.trim_end(),
        format!("exported {DEMO:?} ({count} risks) to {}", csv.display())
    );
    let content = std::fs::read_to_string(&csv).unwrap();
    assert!(content.starts_with("\u{feff}Reference,Title,Category,"));
    assert_eq!(content.lines().next().unwrap().split(',').count(), 28);

    // An unknown partnership and unwritable paths: exit 2, one line, nothing written.
    for format in ["xlsx", "csv"] {
        let out = dir.path().join(format!("nobody.{format}"));
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                "Nobody",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("no partnership \"Nobody\""),
            "{}",
            run.stderr
        );
        assert!(!out.exists());

        let missing = dir.path().join(format!("no/such/dir/r.{format}"));
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                DEMO,
                "--out",
                missing.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("no/such/dir"), "{}", run.stderr);
        assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                DEMO,
                "--out",
                dir.path().to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("folder"), "{}", run.stderr);
    }
    assert!(!dir.path().join("no").exists());
}

/// Runs `prisk` expecting the one-line refusal (exit 2) that names `field`.
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

fn refused(db: &Path, args: &[&str], field: &str) {
    let run = prisk(db, args);
    assert_eq!(run.status, 2, "prisk {args:?} should fail: {}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(field),
        "prisk {args:?}: {:?} does not name {field:?}",
        run.stderr
    );
}

#[test]
fn a_workshop_from_the_command_line() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    let w = "Kick-off";
    ok(
        &db,
        &[
            "workshop",
            "create",
            "--partnership",
            DEMO,
            "--title",
            w,
            "--date",
            "2026-12-10",
            "--facilitator",
            "Fran",
            "--sets",
            "target",
        ],
    );
    refused(
        &db,
        &[
            "workshop",
            "create",
            "--partnership",
            DEMO,
            "--title",
            "X",
            "--anonymity",
            "secret",
        ],
        "--anonymity",
    );
    for (name, extra) in [("Ann", None), ("Ben", Some("third-party")), ("Cleo", None)] {
        let mut args = vec![
            "workshop",
            "participant",
            "add",
            w,
            "--name",
            name,
            "--role",
            "Lead",
        ];
        if let Some(side) = extra {
            args.extend(["--side", side]);
        }
        ok(&db, &args);
    }
    ok(
        &db,
        &[
            "workshop",
            "participant",
            "add",
            w,
            "--name",
            "Olga",
            "--observer",
        ],
    );
    refused(
        &db,
        &["workshop", "participant", "add", w, "--name", "ann"],
        "name",
    );
    let agenda = ok(
        &db,
        &["workshop", "agenda", "add", w, "DPR-001,DPR-002,TEC-001"],
    );
    assert_eq!(agenda.lines().count(), 3, "{agenda}");
    refused(
        &db,
        &["workshop", "agenda", "add", w, "NOPE-9"],
        "reference",
    );

    // Ballot file round at home, before the meeting.
    let ballot = dir.path().join("ann.prisk-ballot");
    let b = ballot.to_str().unwrap();
    ok(
        &db,
        &[
            "workshop",
            "ballot",
            "export",
            w,
            "--participant",
            "Ann",
            "--out",
            b,
        ],
    );
    refused(
        &db,
        &[
            "workshop",
            "ballot",
            "export",
            w,
            "--participant",
            "Olga",
            "--out",
            b,
        ],
        "participant",
    );
    // Filling needs no workspace at all.
    let fill = prisk_in(
        &[],
        &["workshop", "ballot", "fill", b, "DPR-001", "--score", "3,3"],
    );
    assert_eq!(fill.status, 0, "{}", fill.stderr);
    let bad = prisk_in(
        &[],
        &["workshop", "ballot", "fill", b, "DPR-001", "--score", "8,3"],
    );
    assert_eq!(bad.status, 2);
    assert!(
        bad.stderr.contains(b) && bad.stderr.contains("score.likelihood"),
        "{}",
        bad.stderr
    );
    let tampered = dir.path().join("tampered.prisk-ballot");
    std::fs::write(
        &tampered,
        std::fs::read_to_string(&ballot)
            .unwrap()
            .replace("Ann", "Cleo"),
    )
    .unwrap();
    refused(
        &db,
        &[
            "workshop",
            "ballot",
            "import",
            w,
            tampered.to_str().unwrap(),
        ],
        "seal",
    );
    assert!(ok(&db, &["workshop", "ballot", "import", w, b]).contains("1 votes"));
    refused(
        &db,
        &["workshop", "ballot", "import", w, b],
        "second ballot",
    );

    // Votes: refused before the start, from an observer, an unknown name, off the matrix.
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ben",
            "--score",
            "3,3",
        ],
        "workshop",
    );
    ok(&db, &["workshop", "start", w]);
    let before = snapshot(&db);
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Olga",
            "--score",
            "3,3",
        ],
        "observer",
    );
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Zed",
            "--score",
            "3,3",
        ],
        "participant",
    );
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ben",
            "--score",
            "3,9",
        ],
        "score.impact",
    );
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ben",
            "--score",
            "three",
        ],
        "--score",
    );
    refused(&db, &["workshop", "reveal", w, "DPR-002"], "reference");
    refused(
        &db,
        &[
            "workshop",
            "decide",
            w,
            "DPR-001",
            "--score",
            "3,3",
            "--how",
            "facilitator",
            "--rationale",
            " ",
        ],
        "rationale",
    );
    assert!(snapshot(&db) == before, "refusals change nothing");

    ok(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ben",
            "--score",
            "3,4",
        ],
    );
    let out = ok(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Cleo",
            "--score",
            "5,1",
            "--proxy",
        ],
    );
    assert!(out.contains("3 of 3 have voted"), "{out}");
    let reveal = json(&db, &["workshop", "reveal", w, "DPR-001", "--json"]);
    assert_eq!(reveal["votes"], 3);
    assert_eq!(reveal["spread"]["verdict"], "discuss");
    assert_eq!(reveal["ballots"][0]["participant_name"], "Ann");
    assert_eq!(reveal["ballots"][0]["source"], "file");
    assert_eq!(reveal["ballots"][2]["source"], "proxy");
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ben",
            "--score",
            "3,3",
        ],
        "revealed",
    );
    refused(
        &db,
        &[
            "workshop",
            "decide",
            w,
            "DPR-001",
            "--score",
            "3,3",
            "--how",
            "consensus",
            "--rationale",
            "r",
        ],
        "how",
    );
    assert!(ok(&db, &["workshop", "revote", w, "DPR-001"]).contains("round 2"));
    for (p, s) in [("Ann", "3,3"), ("Ben", "3,4"), ("Cleo", "4,4")] {
        ok(
            &db,
            &[
                "workshop",
                "vote",
                w,
                "DPR-001",
                "--participant",
                p,
                "--score",
                s,
            ],
        );
    }
    let text = ok(&db, &["workshop", "reveal", w, "DPR-001"]);
    assert!(text.contains("Verdict: Consensus"), "{text}");
    ok(
        &db,
        &[
            "workshop",
            "decide",
            w,
            "DPR-001",
            "--score",
            "3,4",
            "--how",
            "consensus",
            "--rationale",
            "DPA draft is late",
            "--dissent",
            "Cleo: higher",
        ],
    );
    ok(
        &db,
        &[
            "workshop",
            "decide",
            w,
            "DPR-002",
            "--how",
            "deferred",
            "--rationale",
            "Needs legal",
        ],
    );
    let risk = json(
        &db,
        &["risk", "show", "--partnership", DEMO, "DPR-001", "--json"],
    );
    assert_eq!(
        risk["risk"]["target"],
        serde_json::json!({"likelihood": 3, "impact": 4})
    );
    let history = risk["history"].as_array().unwrap();
    assert!(
        history
            .iter()
            .any(|h| h["field"] == "target"
                && h["context"].as_str().unwrap_or("").contains("Kick-off")),
        "the audit row names the workshop: {history:?}"
    );

    let closed = ok(&db, &["workshop", "close", w]);
    assert!(closed.contains("ballot digest"), "{closed}");
    refused(
        &db,
        &[
            "workshop",
            "vote",
            w,
            "TEC-001",
            "--participant",
            "Ann",
            "--score",
            "1,1",
        ],
        "closed",
    );
    refused(&db, &["workshop", "revote", w, "DPR-001"], "closed");

    let show = json(&db, &["workshop", "show", w, "--json"]);
    assert_eq!(show["workshop"]["status"], "closed");
    assert_eq!(show["items"].as_array().unwrap().len(), 3);
    assert_eq!(show["items"][0]["rounds"].as_array().unwrap().len(), 2);
    assert!(ok(&db, &["workshop", "show", w]).contains("matches the ballots"));
    let list = json(&db, &["workshop", "list", "--partnership", DEMO, "--json"]);
    assert_eq!(list[0]["decided"], 2);

    let pdf = dir.path().join("minutes.pdf");
    let out = ok(
        &db,
        &["workshop", "minutes", w, "--out", pdf.to_str().unwrap()],
    );
    assert!(out.contains("3 items"), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    refused(&db, &["workshop", "show", "Nope"], "workshop");
}

#[test]
fn the_analysts_review_from_the_command_line() {
    let (_dir, db) = workspace();
    ok(&db, &["demo"]);
    let today = chrono::Local::now().date_naive();

    // Who is working: the OS user until a name is stored, never "unknown".
    assert!(ok(&db, &["whoami"]).starts_with("cli-tester (OS user)"));
    let run = Command::new(env!("CARGO_BIN_EXE_prisk"))
        .args(["--db", db.to_str().unwrap(), "whoami"])
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .output()
        .unwrap();
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.starts_with("local user (default"), "{text}");
    assert!(text.contains("prisk whoami --set NAME"), "{text}");
    refused(&db, &["whoami", "--set", "  "], "name");
    assert_eq!(
        ok(&db, &["whoami", "--set", "Ada Analyst"]).trim(),
        "Ada Analyst (workspace setting)"
    );
    assert!(ok(&db, &["--actor", "Auditor", "whoami"]).starts_with("Auditor (--actor)"));

    // The queue: every open demo risk is unreviewed.
    let queue = json(&db, &["review", "queue", "--json"]);
    let queue = queue.as_array().unwrap();
    let risks = json(&db, &["risk", "list", "--partnership", DEMO, "--json"]);
    let open = risks
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] != "closed")
        .count();
    assert_eq!(queue.len(), open);
    assert!(queue.iter().all(|e| e["state"] == "unreviewed"));
    let refs: Vec<String> = queue
        .iter()
        .take(7)
        .map(|e| e["reference"].as_str().unwrap().to_string())
        .collect();
    let text = ok(
        &db,
        &["review", "queue", "--partnership", DEMO, "--limit", "3"],
    );
    assert!(text.starts_with("STATE"), "{text}");
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.contains(&refs[0]));

    // Refusals: exit 2, one line naming the field, nothing written.
    let before = snapshot(&db);
    let future = (today + chrono::Days::new(90)).to_string();
    let past = (today - chrono::Days::new(1)).to_string();
    let add = |r: &str, rest: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["review", "add", "--partnership", DEMO, r]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    let r0 = refs[0].as_str();
    for (args, field) in [
        (add(r0, &["--decision", "escalate"]), "rationale"),
        (add(r0, &["--decision", "maybe"]), "--decision"),
        (
            add(r0, &["--decision", "rescore", "--rationale", "r"]),
            "residual",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "rescore",
                    "--rationale",
                    "r",
                    "--residual",
                    "9,1",
                ],
            ),
            "residual.likelihood",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "accept",
                    "--rationale",
                    "r",
                    "--expiry",
                    &future,
                ],
            ),
            "approver",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "accept",
                    "--rationale",
                    "r",
                    "--approver",
                    "CFO",
                ],
            ),
            "expiry",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "accept",
                    "--rationale",
                    "r",
                    "--approver",
                    "CFO",
                    "--expiry",
                    &past,
                ],
            ),
            "expiry",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "accept",
                    "--rationale",
                    "r",
                    "--approver",
                    "CFO",
                    "--expiry",
                    "2026-13-01",
                ],
            ),
            "--expiry",
        ),
        (
            add(r0, &["--decision", "mitigate", "--rationale", "r"]),
            "action_title",
        ),
        (
            add(r0, &["--decision", "no-change", "--snooze-days", "7"]),
            "rationale",
        ),
        (
            add(
                r0,
                &[
                    "--decision",
                    "no-change",
                    "--rationale",
                    "r",
                    "--snooze-days",
                    "400",
                ],
            ),
            "snooze_days",
        ),
        (add("XYZ-999", &["--decision", "no-change"]), "XYZ-999"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&db, &args, field);
    }
    assert!(snapshot(&db) == before, "refusals change nothing");

    // Five reviews: no change, rescore, accept, mitigate, snooze.
    let review = |r: &str, rest: &[&str]| -> Value {
        let mut args = add(r, rest);
        args.push("--json".into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        json(&db, &args)
    };
    let v = review(&refs[0], &["--decision", "no-change"]);
    assert_eq!(v["reviewer"], "Ada Analyst");
    assert_eq!(v["decision"], "no_change");
    assert_eq!(v["next_review_source"], "level_interval");
    let v = review(
        &refs[1],
        &[
            "--decision",
            "rescore",
            "--residual",
            "1,1",
            "--rationale",
            "controls in place",
        ],
    );
    assert_eq!(
        v["residual_after"],
        serde_json::json!({"likelihood": 1, "impact": 1})
    );
    let v = review(
        &refs[2],
        &[
            "--decision",
            "accept",
            "--approver",
            "CFO",
            "--expiry",
            &future,
            "--rationale",
            "tolerable",
        ],
    );
    assert_eq!(v["decision"], "accept");
    let v = review(
        &refs[3],
        &[
            "--decision",
            "mitigate",
            "--action-title",
            "Sign the DPA",
            "--action-owner",
            "Legal",
            "--rationale",
            "fix it",
        ],
    );
    assert_eq!(v["decision"], "mitigate");
    let v = review(
        &refs[4],
        &[
            "--decision",
            "no-change",
            "--snooze-days",
            "30",
            "--rationale",
            "waiting for the audit",
        ],
    );
    assert_eq!(
        v["next_review"],
        (today + chrono::Days::new(30)).to_string()
    );
    assert_eq!(v["next_review_source"], "snooze");
    let out = ok(
        &db,
        &[
            "review",
            "add",
            "--partnership",
            DEMO,
            &refs[5],
            "--decision",
            "escalate",
            "--rationale",
            "board",
        ],
    );
    assert!(
        out.contains(&format!("{} reviewed by Ada Analyst: escalate", refs[5])),
        "{out}"
    );

    // The risks carry the decisions, with the review as the context of their history.
    let risk =
        |r: &str| json(&db, &["risk", "show", "--partnership", DEMO, r, "--json"])["risk"].clone();
    assert_eq!(
        risk(&refs[1])["residual"],
        serde_json::json!({"likelihood": 1, "impact": 1})
    );
    let accepted = risk(&refs[2]);
    assert_eq!(accepted["treatment"], "accept");
    assert_eq!(accepted["acceptance_approver"], "CFO");
    let actions = json(
        &db,
        &[
            "action",
            "list",
            "--partnership",
            DEMO,
            "--risk",
            &refs[3],
            "--json",
        ],
    );
    assert!(actions
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["title"] == "Sign the DPA"));

    let soon = (today + chrono::Days::new(7)).to_string();
    refused(
        &db,
        &[
            "review",
            "add",
            "--partnership",
            DEMO,
            &refs[6],
            "--decision",
            "no-change",
            "--next-review",
            &today.to_string(),
        ],
        "next_review",
    );
    let v = review(
        &refs[6],
        &["--decision", "no-change", "--next-review", &soon],
    );
    assert_eq!(
        (v["next_review"].as_str(), v["next_review_source"].as_str()),
        (Some(soon.as_str()), Some("custom"))
    );

    // Six reviewed risks leave the queue (none is due within 14 days); the seventh is
    // due soon, after the unreviewed ones.
    let queue = json(&db, &["review", "queue", "--json"]);
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), open - 6);
    let last = queue.last().unwrap();
    assert_eq!(
        (last["reference"].as_str(), last["state"].as_str()),
        (Some(refs[6].as_str()), Some("due_soon"))
    );

    // The reviews kept; a later edit outdates a sign-off.
    let list = json(&db, &["review", "list", "--partnership", DEMO, "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 7);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["outdated"] == false));
    ok(
        &db,
        &[
            "risk",
            "set",
            "--partnership",
            DEMO,
            &refs[0],
            "--residual",
            "5,5",
        ],
    );
    let list = json(
        &db,
        &["review", "list", "--partnership", DEMO, &refs[0], "--json"],
    );
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["outdated"], true);
    let text = ok(&db, &["review", "list", "--partnership", DEMO]);
    assert!(
        text.contains("outdated") && text.contains("Ada Analyst"),
        "{text}"
    );

    // Undo: my last review (the custom date of refs[6]) and then the escalation.
    let out = ok(&db, &["review", "undo"]);
    assert!(
        out.contains(&format!("no_change review of {}", refs[6])),
        "{out}"
    );
    let out = ok(&db, &["review", "undo"]);
    assert!(
        out.contains(&format!("escalate review of {}", refs[5])),
        "{out}"
    );
    // refs[0] changed after its review: refused, nothing written.
    let before = snapshot(&db);
    refused(
        &db,
        &["review", "undo", "--partnership", DEMO, &refs[0]],
        "review",
    );
    refused(&db, &["--actor", "Nobody", "review", "undo"], "undo");
    assert!(snapshot(&db) == before);
    let queue = json(&db, &["review", "queue", "--json"]);
    // refs[5] is unreviewed again; refs[6] was in the queue already (due soon).
    assert_eq!(queue.as_array().unwrap().len(), open - 5);
    let text = ok(&db, &["review", "list", "--partnership", DEMO, &refs[5]]);
    assert!(text.contains("undone by Ada Analyst"), "{text}");

    // Acceptances: request → approve → revoke; a self-approval is flagged.
    let r = refs[6].as_str();
    let accept = |verb: &str, rest: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["acceptance", verb, "--partnership", DEMO, r]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(rest.iter().map(|s| s.to_string()));
        v
    };
    let run = |args: Vec<String>| -> String {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(&db, &args)
    };
    let before = snapshot(&db);
    for (args, field) in [
        (
            accept(
                "request",
                &[
                    "--approver",
                    "CFO",
                    "--justification",
                    "j",
                    "--expiry",
                    &past,
                ],
            ),
            "expiry",
        ),
        (
            accept(
                "request",
                &[
                    "--approver",
                    " ",
                    "--justification",
                    "j",
                    "--expiry",
                    &future,
                ],
            ),
            "approver",
        ),
        (accept("approve", &[]), "risk"),
        (accept("revoke", &["--reason", "r"]), "risk"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&db, &args, field);
    }
    assert!(snapshot(&db) == before);
    let out = run(accept(
        "request",
        &[
            "--approver",
            "Ada Analyst",
            "--justification",
            "cheap to carry",
            "--expiry",
            &future,
        ],
    ));
    assert!(
        out.contains("requested (approver is the requester)"),
        "{out}"
    );
    let args = accept("reject", &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(&db, &args, "note");
    assert!(run(accept("approve", &["--note", "ok"])).contains("approved"));
    assert_eq!(risk(r)["status"], "accepted");
    let args = accept("revoke", &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(&db, &args, "reason");
    assert!(run(accept("revoke", &["--reason", "SLA breached"])).contains("revoked"));
    assert_eq!(risk(r)["status"], "open");
    let list = json(
        &db,
        &["acceptance", "list", "--partnership", DEMO, "--json"],
    );
    let states: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["state"].as_str().unwrap())
        .collect();
    // refs[2]'s acceptance (from its review) and refs[6]'s.
    assert_eq!(states, vec!["approved", "revoked"]);

    // History: newest first, by person, field and kind; refusals.
    let history = json(&db, &["history", "--limit", "3", "--json"]);
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0]["context"], format!("acceptance of {r}"));
    assert_eq!(history[0]["reference"], r);
    let by_auditor = json(&db, &["history", "--actor", "auditor", "--json"]);
    assert!(by_auditor.as_array().unwrap().is_empty());
    let residual = json(
        &db,
        &[
            "history",
            "--partnership",
            DEMO,
            "--field",
            "residual",
            "--entity",
            "risk",
            "--json",
        ],
    );
    let residual = residual.as_array().unwrap();
    assert!(!residual.is_empty());
    assert!(residual
        .iter()
        .all(|e| e["field"] == "residual" && e["partnership"] == DEMO));
    let text = ok(
        &db,
        &["history", "--since", &today.to_string(), "--limit", "5"],
    );
    assert!(
        text.starts_with("AT") && text.contains("Ada Analyst"),
        "{text}"
    );
    refused(&db, &["history", "--entity", "nope"], "--entity");
    refused(&db, &["history", "--since", "2026-02-30"], "--since");
    refused(&db, &["history", "--limit", "0"], "--limit");
    refused(
        &db,
        &["history", "--since", &today.to_string(), "--until", &past],
        "until",
    );

    // Portfolio: the figures add up with the queue.
    let portfolio = json(&db, &["portfolio", "--json"]);
    let row = &portfolio[0];
    assert_eq!(row["partnership"], DEMO);
    assert_eq!(row["unreviewed"].as_u64().unwrap() as usize, open - 5);
    assert_eq!(row["open_risks"].as_u64().unwrap() as usize, open);
    let text = ok(&db, &["portfolio"]);
    assert!(
        text.starts_with("PARTNERSHIP") && text.contains(DEMO),
        "{text}"
    );
}

/// One HTTP/1.1 request to the voting server (`Connection: close`): status, headers, body.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&str>,
) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        req += &format!("Cookie: {c}\r\n");
    }
    if let Some(b) = body {
        req += &format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        );
    } else {
        req += "\r\n";
    }
    stream.write_all(req.as_bytes()).unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (
        head[9..12].parse().unwrap(),
        head.to_string(),
        body.to_string(),
    )
}

#[test]
fn workshop_serve_prints_the_join_url_first_and_takes_a_phones_vote() {
    use std::io::BufRead;
    let (_dir, db) = workspace();
    ok(&db, &["demo"]);
    let w = "Phones";
    ok(
        &db,
        &["workshop", "create", "--partnership", DEMO, "--title", w],
    );
    let ann = ok(&db, &["workshop", "participant", "add", w, "--name", "Ann"]);
    let ann = ann.trim();
    ok(&db, &["workshop", "agenda", "add", w, "DPR-001,DPR-002"]);
    // Only a running workshop can be served; never on every interface.
    refused(
        &db,
        &["workshop", "serve", w, "--bind", "127.0.0.1"],
        "running",
    );
    ok(&db, &["workshop", "start", w]);
    refused(
        &db,
        &["workshop", "serve", w, "--bind", "0.0.0.0"],
        "--bind",
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_prisk"))
        .args(["--db", db.to_str().unwrap(), "workshop", "serve", w])
        .args(["--bind", "127.0.0.1", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    let rest = url.strip_prefix("http://127.0.0.1:").expect(&url);
    let (port, path) = rest.split_once('/').unwrap();
    let addr = format!("127.0.0.1:{port}");
    let base = format!("/{path}");
    assert!(base.starts_with("/j/") && base.len() == 35, "{url}");
    // The second line: where to type the code instead, and the code.
    let second = lines.next().unwrap().unwrap();
    assert!(
        second.starts_with(&format!("or open http://{addr}/ and type the code ")),
        "{second}"
    );
    let code = second.split("type the code ").nth(1).unwrap()[..9].to_string();
    assert!(
        code.chars().filter(char::is_ascii_digit).count() == 8,
        "{second}"
    );
    let (status, head, _) = http(&addr, "POST", "/code", None, Some(&format!("code={code}")));
    assert_eq!(status, 303);
    assert!(head.contains(&format!("location: {base}")), "{head}");

    let (status, _, _) = http(&addr, "GET", &base, None, None);
    assert_eq!(status, 200);
    let join = format!("{{\"participant_id\":\"{ann}\"}}");
    let (status, head, body) = http(
        &addr,
        "POST",
        &format!("{base}/api/join"),
        None,
        Some(&join),
    );
    assert_eq!(status, 200, "{body}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect(&head)
        .to_string();
    let (_, _, state) = http(
        &addr,
        "GET",
        &format!("{base}/api/state"),
        Some(&cookie),
        None,
    );
    let state: Value = serde_json::from_str(&state).unwrap();
    let item = state["item"]["id"].as_str().unwrap().to_string();
    let vote = format!("{{\"item_id\":\"{item}\",\"likelihood\":2,\"impact\":3}}");
    let (status, _, body) = http(
        &addr,
        "POST",
        &format!("{base}/api/vote"),
        Some(&cookie),
        Some(&vote),
    );
    assert_eq!(status, 200, "{body}");

    // The facilitator's own commands work on the same file meanwhile: the vote is there.
    let reveal = json(&db, &["workshop", "reveal", w, "DPR-001", "--json"]);
    assert_eq!(reveal["votes"], 1);
    assert_eq!(reveal["ballots"][0]["score"]["likelihood"], 2);
    assert_eq!(reveal["ballots"][0]["source"], "network");
    // The facilitator puts another risk before the room; the phones follow.
    let moved = ok(&db, &["workshop", "current", w, "DPR-002"]);
    assert!(moved.contains("the room is on DPR-002"), "{moved}");
    let (_, _, state) = http(
        &addr,
        "GET",
        &format!("{base}/api/state"),
        Some(&cookie),
        None,
    );
    let state: Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["item"]["reference"], "DPR-002");
    let shown = ok(&db, &["workshop", "show", w]);
    assert!(shown.contains("▸ DPR-002"), "{shown}");
    let back = ok(&db, &["workshop", "current", w, "--follow-agenda"]);
    assert!(back.contains("follows the agenda: now DPR-001"), "{back}");
    // SIGTERM (as from a service manager) stops it cleanly, like Ctrl+C; elsewhere, end it.
    #[cfg(unix)]
    {
        let pid = child.id().to_string();
        assert!(Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success());
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}");
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        assert_eq!(rest.last().map(String::as_str), Some("voting closed"));
    }
    #[cfg(not(unix))]
    {
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[test]
fn backups_are_taken_listed_and_restored_and_a_damaged_workspace_is_refused() {
    let (dir, db) = workspace();
    ok(&db, &["demo"]);
    // The demo wrote to the workspace: a session backup was taken after it.
    let listed = json(&db, &["backup", "list", "--json"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["reason"], "session");

    let out = ok(&db, &["backup", "create"]);
    let manual = PathBuf::from(out.lines().next().unwrap());
    assert!(manual.starts_with(dir.path().join("backups")), "{out}");
    assert!(manual.to_str().unwrap().ends_with("-manual.prisk"));
    let listed = json(&db, &["backup", "list", "--json"]);
    let newest = &listed.as_array().unwrap()[0];
    assert_eq!(newest["path"], manual.to_str().unwrap());
    assert_eq!(newest["reason"], "manual");
    assert_eq!(newest["partnerships"], 1);
    let risks = newest["risks"].as_i64().unwrap();
    assert!(risks > 10, "{newest}");
    assert!(newest["size"].as_u64().unwrap() > 0);
    assert!(newest["at"].as_str().is_some());

    // A second partnership, then a look at what restoring would do: nothing changes.
    ok(&db, &["partnership", "add", "--name", "Second"]);
    let before = snapshot(&db);
    let out = ok(&db, &["backup", "restore", manual.to_str().unwrap()]);
    assert!(
        out.contains(&format!("1 partnership, {risks} risks")),
        "{out}"
    );
    assert!(
        out.contains(&format!("which holds 2 partnerships, {risks} risks")),
        "{out}"
    );
    assert!(out.contains("--yes"), "{out}");
    assert_eq!(snapshot(&db), before);

    let out = ok(
        &db,
        &["backup", "restore", manual.to_str().unwrap(), "--yes"],
    );
    assert!(out.contains("the previous file was kept as"), "{out}");
    let names = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(names.as_array().unwrap().len(), 1);

    // Damage the workspace: every command that opens it exits 2 and names the backup.
    let len = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let run = prisk(&db, &["partnership", "list"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    for part in [
        "the workspace file is damaged",
        "backup restore",
        "--yes",
        "-before_restore.prisk", // the newest good backup: the file as it was before
    ] {
        assert!(run.stderr.contains(part), "{part:?} in {}", run.stderr);
    }
    // The backups are still listed, and the newest good one brings the workspace back.
    let out = ok(&db, &["backup", "list"]);
    assert!(out.contains("before_restore"), "{out}");
    ok(
        &db,
        &["backup", "restore", manual.to_str().unwrap(), "--yes"],
    );
    let names = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(names[0]["name"], DEMO);
}

#[test]
fn the_log_records_the_command_and_the_error_code_but_no_contents() {
    let (dir, db) = workspace();
    let logs = dir.path().join("logs");
    let env = [("PARTNER_RISK_LOG_DIR", logs.to_str().unwrap())];
    let run = prisk_in(&env, &["--db", db.to_str().unwrap(), "demo"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let secret = "Secret merger with Contoso";
    let args = [
        "--db",
        db.to_str().unwrap(),
        "risk",
        "add",
        "--partnership",
        DEMO,
        "--category",
        "technical",
        "--title",
        secret,
        "--inherent",
        "9,9",
    ];
    let run = prisk_in(&env, &args);
    assert_eq!(run.status, 2, "{}", run.stdout);
    // The log is written beside, never to prisk's own output.
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    let log = std::fs::read_to_string(logs.join("prisk_rCURRENT.log")).unwrap();
    assert!(log.contains("start demo"), "{log}");
    assert!(log.contains("start risk add"), "{log}");
    assert!(
        log.contains("error code=invalid field=inherent.likelihood"),
        "{log}"
    );
    for content in [secret, DEMO, db.to_str().unwrap()] {
        assert!(!log.contains(content), "{content:?} in {log}");
    }
}

#[test]
fn a_write_waits_for_another_programs_lock_and_then_lands() {
    let (_dir, db) = workspace();
    ok(&db, &["partnership", "add", "--name", "Acme"]);
    // This test process holds the write lock, as the app does while it writes.
    let holder =
        partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
    holder
        .connection()
        .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = value;")
        .unwrap();
    let mut prisk = Command::new(env!("CARGO_BIN_EXE_prisk"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "risk",
            "add",
            "--partnership",
            "Acme",
        ])
        .args([
            "--category",
            "exit",
            "--title",
            "Written after the other program's commit",
        ])
        .env(
            "PARTNER_RISK_LOG_DIR",
            std::env::temp_dir().join("prisk-cli-tests-log"),
        )
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert!(
        prisk.try_wait().unwrap().is_none(),
        "prisk waits for the lock"
    );
    holder.connection().execute_batch("COMMIT").unwrap();
    assert!(prisk.wait().unwrap().success());
    let risks = json(&db, &["risk", "list", "--partnership", "Acme", "--json"]);
    assert_eq!(risks.as_array().unwrap().len(), 1);
}

#[test]
fn a_workspace_in_a_synced_folder_gets_a_warning_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("Dropbox").join("w.prisk");
    let run = prisk(&db, &["init"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        db.to_str().unwrap(),
        "the output stays the command's"
    );
    assert!(
        run.stderr.starts_with("prisk: warning: ") && run.stderr.contains("synced by Dropbox"),
        "{}",
        run.stderr
    );
}
