//! Errors: bad input exits 2 with one line naming the field and changes nothing; files
//! that are not workspaces are refused; the log keeps the command and error code but no
//! contents.

use crate::support::{demo_workspace, prisk, prisk_in, snapshot, workspace, DEMO};

#[test]
fn bad_input_exits_2_with_one_line_and_changes_nothing() {
    let (dir, db) = demo_workspace();
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
