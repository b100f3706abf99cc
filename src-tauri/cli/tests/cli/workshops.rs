//! Workshops from the command line: participants, agenda, ballot files, votes, reveal,
//! revote, decisions, closing and minutes; and `workshop serve` taking a phone's vote over
//! HTTP.

use std::process::Command;

use serde_json::Value;

use crate::support::{demo_workspace, json, ok, prisk_command, prisk_in, refused, snapshot, DEMO};

#[test]
fn a_workshop_from_the_command_line() {
    let (dir, db) = demo_workspace();
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
    let (_dir, db) = demo_workspace();
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

    let mut child = prisk_command()
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
