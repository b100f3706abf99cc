//! `prisk exchange`: two workspaces exchange the demo partnership; each kind of conflict,
//! its resolution, the refusals (nothing written), the share with the partner.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{demo_workspace, json, ok, prisk, refused, snapshot, DEMO};

struct Pair {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    a: PathBuf,
    b: PathBuf,
}

/// A has the demo; B got it from A's file (a first exchange: a plain import).
fn pair() -> Pair {
    let (dir, a) = demo_workspace();
    let b = dir.path().join("b.prisk");
    let start = dir.path().join("start.prisk-exchange");
    let out = ok(
        &a,
        &["exchange", "export", DEMO, "--out", start.to_str().unwrap()],
    );
    assert!(out.contains("54 risks"), "{out}");
    let out = ok(
        &b,
        &[
            "--actor",
            "Bo",
            "exchange",
            "merge",
            start.to_str().unwrap(),
        ],
    );
    assert!(out.contains("new here: imported"), "{out}");
    Pair {
        dir: dir.path().to_path_buf(),
        _dir: dir,
        a,
        b,
    }
}

fn set(db: &Path, reference: &str, args: &[&str]) {
    let mut all = vec!["risk", "set", "--partnership", DEMO, reference];
    all.extend_from_slice(args);
    ok(db, &all);
}

fn send(db: &Path, name: &str, dir: &Path) -> String {
    let file = dir.join(name).to_str().unwrap().to_string();
    ok(db, &["exchange", "export", DEMO, "--out", &file]);
    file
}

fn conflicts(db: &Path, file: &str) -> Vec<Value> {
    json(db, &["exchange", "preview", file, "--json"])["conflicts"]
        .as_array()
        .unwrap()
        .clone()
}

fn risk_json(db: &Path, reference: &str) -> Value {
    json(
        db,
        &["risk", "show", "--partnership", DEMO, reference, "--json"],
    )["risk"]
        .clone()
}

#[test]
fn a_first_exchange_imports_the_partnership_whole() {
    let p = pair();
    let a = json(&p.a, &["risk", "list", "--partnership", DEMO, "--json"]);
    let b = json(&p.b, &["risk", "list", "--partnership", DEMO, "--json"]);
    assert_eq!(a, b);
    // Sending it back brings A only B's history (its import): the register stays.
    let back = send(&p.b, "back.prisk-exchange", &p.dir);
    let preview = json(&p.a, &["exchange", "preview", &back, "--json"]);
    assert_eq!(preview["mode"], "three_way");
    assert!(preview["conflicts"].as_array().unwrap().is_empty());
    let tables: Vec<&String> = preview["apply"].as_object().unwrap().keys().collect();
    assert_eq!(tables, ["audit_log"]);
    ok(&p.a, &["exchange", "merge", &back]);
    assert_eq!(
        a,
        json(&p.a, &["risk", "list", "--partnership", DEMO, "--json"])
    );
    let before = snapshot(&p.a);
    let out = ok(&p.a, &["exchange", "merge", &back]);
    assert!(out.contains("already in this workspace"), "{out}");
    assert_eq!(before, snapshot(&p.a));
}

#[test]
fn each_kind_of_conflict_stops_the_merge_until_it_is_resolved() {
    let p = pair();
    // The same field changed differently; a field changed on one side only.
    set(
        &p.a,
        "DPR-001",
        &["--title", "DPA missing before data moves"],
    );
    set(&p.b, "DPR-001", &["--title", "No DPA yet"]);
    set(&p.b, "DPR-002", &["--owner", "Bo Berg"]);
    // An edit against a deletion.
    ok(&p.b, &["risk", "delete", "--partnership", DEMO, "DPR-003"]);
    set(&p.a, "DPR-003", &["--owner", "Ann"]);
    // Two new risks with one title; both took DPR-006.
    for db in [&p.a, &p.b] {
        ok(
            db,
            &[
                "risk",
                "add",
                "--partnership",
                DEMO,
                "--category",
                "data_protection",
                "--title",
                "Backups keep personal data too long",
            ],
        );
    }
    let file = send(&p.b, "bo.prisk-exchange", &p.dir);
    let found = conflicts(&p.a, &file);
    let kinds: Vec<&str> = found.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["field", "edit_delete", "same_title"]);
    assert_eq!(found[0]["field"], "title");
    assert_eq!(found[0]["mine"], "DPA missing before data moves");
    assert_eq!(found[0]["theirs"], "No DPA yet");
    // Stable ids: the same preview names them alike.
    assert_eq!(conflicts(&p.a, &file), found);
    let text = ok(&p.a, &["exchange", "preview", &file]);
    for c in &found {
        assert!(text.contains(c["id"].as_str().unwrap()), "{text}");
    }

    // Without resolutions: exit 2, the conflicts listed, nothing written.
    let before = snapshot(&p.a);
    let run = prisk(&p.a, &["exchange", "merge", &file]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("3 conflicts to resolve"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(found[1]["id"].as_str().unwrap()));
    assert_eq!(before, snapshot(&p.a));
    // A dry run with resolutions writes nothing either.
    let resolutions = p.dir.join("res.json");
    std::fs::write(
        &resolutions,
        serde_json::json!({
            found[0]["id"].as_str().unwrap(): {"value": "No DPA before personal data moves"},
            found[1]["id"].as_str().unwrap(): "theirs",
            found[2]["id"].as_str().unwrap(): "both",
        })
        .to_string(),
    )
    .unwrap();
    let res = resolutions.to_str().unwrap();
    let out = ok(
        &p.a,
        &["exchange", "merge", &file, "--resolve", res, "--dry-run"],
    );
    assert!(out.contains("Dry run: nothing was written"), "{out}");
    assert_eq!(before, snapshot(&p.a));

    let out = ok(
        &p.a,
        &[
            "--actor",
            "Ann",
            "exchange",
            "merge",
            &file,
            "--resolve",
            res,
        ],
    );
    assert!(out.contains("Renumbered their new risk"), "{out}");
    assert!(out.contains("DPR-006 → DPR-007"), "{out}");
    assert!(out.contains("Backup taken first"), "{out}");
    assert_eq!(
        risk_json(&p.a, "DPR-001")["title"],
        "No DPA before personal data moves"
    );
    assert_eq!(risk_json(&p.a, "DPR-002")["owner"], "Bo Berg");
    assert_eq!(
        prisk(&p.a, &["risk", "show", "--partnership", DEMO, "DPR-003"]).status,
        2
    );
    assert_eq!(
        risk_json(&p.a, "DPR-007")["title"],
        "Backups keep personal data too long"
    );
    // The audit rows of the merge name the file and its sender.
    let history = json(&p.a, &["history", "--json", "--limit", "50"]);
    let rows = history.as_array().unwrap();
    assert!(rows.iter().any(
        |r| r["context"] == "merged from bo.prisk-exchange (cli-tester)"
            && r["actor"] == "Ann"
            && r["field"] == "owner"
    ));
    // Twice: nothing changes.
    let before = snapshot(&p.a);
    let out = ok(&p.a, &["exchange", "merge", &file, "--resolve", res]);
    assert!(out.contains("already in this workspace"), "{out}");
    assert_eq!(before, snapshot(&p.a));
}

#[test]
fn take_settles_every_conflict_with_one_side() {
    let p = pair();
    set(&p.a, "TEC-001", &["--residual", "2,2"]);
    set(&p.b, "TEC-001", &["--residual", "4,4"]);
    let file = send(&p.b, "bo.prisk-exchange", &p.dir);
    assert_eq!(conflicts(&p.a, &file)[0]["field"], "residual");
    ok(&p.a, &["exchange", "merge", &file, "--take", "theirs"]);
    let r = risk_json(&p.a, "TEC-001");
    assert_eq!(
        r["residual"],
        serde_json::json!({"likelihood": 4, "impact": 4})
    );
    // A resolution naming no conflict, or a choice the conflict does not offer, is refused.
    set(&p.b, "TEC-001", &["--residual", "1,1"]);
    set(&p.a, "TEC-001", &["--residual", "5,5"]);
    let file = send(&p.b, "bo2.prisk-exchange", &p.dir);
    let id = conflicts(&p.a, &file)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let bad = p.dir.join("bad.json");
    std::fs::write(&bad, format!("{{\"{id}\": \"both\"}}")).unwrap();
    refused(
        &p.a,
        &[
            "exchange",
            "merge",
            &file,
            "--resolve",
            bad.to_str().unwrap(),
        ],
        "settled by one of: mine, theirs, value",
    );
    std::fs::write(&bad, "{\"xnothing\": \"mine\"}").unwrap();
    refused(
        &p.a,
        &[
            "exchange",
            "merge",
            &file,
            "--resolve",
            bad.to_str().unwrap(),
        ],
        "no conflict of this file has this id",
    );
}

#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let p = pair();
    let good = send(&p.a, "good.prisk-exchange", &p.dir);
    let bytes = std::fs::read(&good).unwrap();
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap();
    let write = |name: &str, content: Vec<u8>| {
        let f = p.dir.join(name);
        std::fs::write(&f, content).unwrap();
        f.to_str().unwrap().to_string()
    };
    let mut tampered = bytes.clone();
    let n = tampered.len() - 20;
    tampered[n] ^= 1;
    let mut newer = String::from_utf8_lossy(&bytes[..newline])
        .replace("\"version\":1", "\"version\":7")
        .into_bytes();
    newer.extend_from_slice(&bytes[newline..]);
    let cases = [
        (
            write("t.prisk-exchange", tampered),
            "does not match its digest",
        ),
        (
            write("s.prisk-exchange", bytes[..bytes.len() / 2].to_vec()),
            "cut short",
        ),
        (write("n.prisk-exchange", newer), "newer Partner Risk"),
        (
            write("x.prisk-exchange", b"{}\nnot this".to_vec()),
            "not a Partner Risk exchange file",
        ),
    ];
    let before = snapshot(&p.b);
    for (file, reason) in &cases {
        refused(&p.b, &["exchange", "merge", file], reason);
        refused(&p.b, &["exchange", "preview", file], reason);
    }
    // A file for another partnership than the one named.
    ok(&p.b, &["partnership", "add", "--name", "Other"]);
    let before_other = snapshot(&p.b);
    refused(
        &p.b,
        &["exchange", "merge", &good, "--partnership", "Other"],
        "the file is for partnership",
    );
    assert_eq!(before_other, snapshot(&p.b));
    let _ = before;

    // A workspace with a different partnership of the same name.
    let (_d, c) = crate::support::workspace();
    ok(&c, &["partnership", "add", "--name", DEMO]);
    let before = snapshot(&c);
    refused(
        &c,
        &["exchange", "merge", &good],
        "another partnership named",
    );
    assert_eq!(before, snapshot(&c));

    // A copy made without the exchange (JSON): the file's base is unknown there.
    let (_d2, d) = crate::support::workspace();
    let json_copy = p.dir.join("copy.json");
    ok(
        &p.a,
        &[
            "export",
            "json",
            "--partnership",
            DEMO,
            "--out",
            json_copy.to_str().unwrap(),
        ],
    );
    ok(&d, &["import", "json", json_copy.to_str().unwrap()]);
    let before = snapshot(&d);
    refused(&d, &["exchange", "merge", &good], "never had");
    assert_eq!(before, snapshot(&d));
    // … unless asked to compare two ways: then every difference is a conflict.
    set(&d, "TEC-002", &["--owner", "Dee"]);
    let preview = json(&d, &["exchange", "preview", &good, "--two-way", "--json"]);
    assert_eq!(preview["mode"], "two_way");
    let kinds: Vec<&str> = preview["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["field"], "{preview}");
}

#[test]
fn a_share_with_the_partner_and_their_view_back() {
    let p = pair();
    set(
        &p.a,
        "TEC-001",
        &[
            "--rationale",
            "Internal: cheaper to accept",
            "--owner",
            "ann@example.com",
        ],
    );
    ok(
        &p.a,
        &[
            "indicator",
            "add",
            DEMO,
            "--from",
            "availability",
            "--owner",
            "ops@example.com",
        ],
    );
    ok(
        &p.a,
        &[
            "reading",
            "add",
            "Availability",
            "--partnership",
            DEMO,
            "--date",
            "2026-10-31",
            "--value",
            "99.1",
        ],
    );
    let share = p.dir.join("share.prisk-exchange");
    let share = share.to_str().unwrap();
    refused(
        &p.a,
        &[
            "exchange", "export", DEMO, "--out", share, "--risks", "TEC-001",
        ],
        "--for-partner",
    );
    refused(
        &p.a,
        &[
            "exchange",
            "export",
            DEMO,
            "--out",
            share,
            "--for-partner",
            "--risks",
            "TEC-999",
        ],
        "TEC-999",
    );
    refused(
        &p.a,
        &[
            "exchange",
            "export",
            DEMO,
            "--out",
            share,
            "--for-partner",
            "--fields",
            "shoe_size",
        ],
        "shoe_size",
    );
    let out = ok(
        &p.a,
        &[
            "exchange",
            "export",
            DEMO,
            "--out",
            share,
            "--for-partner",
            "--risks",
            "TEC-001,TEC-002",
            "--fields",
            "description",
        ],
    );
    assert!(
        out.contains("2 risks") && out.contains("share with the partner"),
        "{out}"
    );
    // The partner's own new workspace.
    let partner = p.dir.join("partner.prisk");
    ok(&partner, &["--actor", "Pat", "exchange", "merge", share]);
    let theirs = json(&partner, &["risk", "list", "--partnership", DEMO, "--json"]);
    let text = theirs.to_string();
    assert_eq!(theirs.as_array().unwrap().len(), 2);
    assert!(!text.contains("cheaper to accept") && !text.contains("ann@example.com"));
    let health = json(&partner, &["health", DEMO, "--json"]);
    assert_eq!(
        health["indicators"][0]["status"]["latest"]["value"], 99.1,
        "{health}"
    );
    assert!(!health.to_string().contains("ops@example.com"));
    assert!(json(
        &partner,
        &["action", "list", "--partnership", DEMO, "--json"]
    )
    .as_array()
    .is_none_or(|a| a.is_empty()));
    set(
        &partner,
        "TEC-001",
        &["--residual", "1,2", "--description", "Our API is versioned"],
    );
    let back = send(&partner, "back.prisk-exchange", &p.dir);
    let ours = risk_json(&p.a, "TEC-001");
    let preview = json(&p.a, &["exchange", "preview", &back, "--json"]);
    assert_eq!(preview["mode"], "partner_view");
    ok(&p.a, &["exchange", "merge", &back]);
    assert_eq!(risk_json(&p.a, "TEC-001")["residual"], ours["residual"]);
    let views = json(&p.a, &["exchange", "views", DEMO, "--json"]);
    assert_eq!(views.as_array().unwrap().len(), 1);
    assert_eq!(views[0]["reference"], "TEC-001");
    assert_eq!(
        views[0]["residual"],
        serde_json::json!({"likelihood": 1, "impact": 2})
    );
    assert!(views[0]["comment"]
        .as_str()
        .unwrap()
        .contains("Our API is versioned"));
    // Ours is 2×3 residual against their 1×2: one step apart, no disagreement yet.
    let none = ok(&p.a, &["exchange", "disagree", DEMO]);
    assert!(none.contains("No score"), "{none}");
    set(&p.a, "TEC-001", &["--residual", "4,4"]);
    let found = json(&p.a, &["exchange", "disagree", DEMO, "--json"]);
    assert_eq!(found[0]["kind"], "residual");
    assert_eq!(found[0]["steps"], 3);
    let text = ok(&p.a, &["exchange", "views", DEMO]);
    assert!(
        text.contains("TEC-001") && text.contains("residual 1×2"),
        "{text}"
    );
}

#[test]
fn workshops_exit_plans_and_health_travel_whole() {
    let (dir, a) = demo_workspace();
    let w = "Kick-off";
    let steps: &[&[&str]] = &[
        &["workshop", "create", "--partnership", DEMO, "--title", w],
        &["workshop", "participant", "add", w, "--name", "Ann"],
        &["workshop", "participant", "add", w, "--name", "Ben"],
        &["workshop", "agenda", "add", w, "DPR-001,DPR-002"],
        &["workshop", "start", w],
        &[
            "workshop",
            "vote",
            w,
            "DPR-001",
            "--participant",
            "Ann",
            "--score",
            "3,3",
        ],
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
        &["workshop", "reveal", w, "DPR-001"],
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
            "Agreed",
        ],
        &["workshop", "close", w],
        &["indicator", "add", DEMO, "--from", "availability"],
        &[
            "reading",
            "add",
            "Availability",
            "--partnership",
            DEMO,
            "--date",
            "2026-10-31",
            "--value",
            "99.1",
        ],
        &[
            "exit", "scenario", "add", DEMO, "--name", "Stressed", "--kind", "stressed",
        ],
    ];
    for step in steps {
        ok(&a, step);
    }
    let file = dir.path().join("all.prisk-exchange");
    let file = file.to_str().unwrap();
    ok(&a, &["exchange", "export", DEMO, "--out", file]);
    let b = dir.path().join("b.prisk");
    let out = ok(&b, &["exchange", "merge", file]);
    for table in [
        "workshop_ballots",
        "workshop_decisions",
        "exit_plans",
        "readings",
    ] {
        assert!(out.contains(table), "{out}");
    }
    for view in [
        &["workshop", "show", w, "--json"][..],
        &["exit", "show", DEMO, "--json"],
        &["health", DEMO, "--json"],
        &["risk", "list", "--partnership", DEMO, "--json"],
    ] {
        assert_eq!(json(&a, view), json(&b, view), "{view:?}");
    }
}
