//! The analyst's review: who is working, the review queue, review decisions and their
//! refusals, undo, acceptances, the history and the portfolio.

use serde_json::Value;

use crate::support::{demo_workspace, json, ok, prisk_command, refused, snapshot, DEMO};

#[test]
fn the_analysts_review_from_the_command_line() {
    let (_dir, db) = demo_workspace();
    let today = chrono::Local::now().date_naive();

    // Who is working: the OS user until a name is stored, never "unknown".
    assert!(ok(&db, &["whoami"]).starts_with("cli-tester (OS user)"));
    let run = prisk_command()
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
