//! `prisk exchange preview` as a process: conflict ids that stay the same from run to run
//! and from one file to the next, every refusal of a file (exit 2, one line naming why,
//! nothing written) from preview and merge alike, and the partner's column of the PDF.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{demo_workspace, json, ok, prisk, refused, snapshot, DEMO};

/// A has the demo; B got it from A's file.
fn pair() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, a) = demo_workspace();
    let b = dir.path().join("b.prisk");
    let start = file(dir.path(), "start");
    ok(&a, &["exchange", "export", DEMO, "--out", &start]);
    ok(&b, &["--actor", "Bo", "exchange", "merge", &start]);
    (dir, a, b)
}

fn file(dir: &Path, name: &str) -> String {
    dir.join(format!("{name}.prisk-exchange"))
        .to_str()
        .unwrap()
        .to_string()
}

fn set(db: &Path, reference: &str, args: &[&str]) {
    let mut all = vec!["risk", "set", "--partnership", DEMO, reference];
    all.extend_from_slice(args);
    ok(db, &all);
}

fn ids(preview: &Value) -> Vec<String> {
    preview["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn conflict_ids_are_the_same_from_run_to_run_and_from_one_file_to_the_next() {
    let (dir, a, b) = pair();
    set(&a, "DPR-001", &["--title", "DPA missing before data moves"]);
    set(&b, "DPR-001", &["--title", "No DPA yet"]);
    ok(&b, &["risk", "delete", "--partnership", DEMO, "DPR-003"]);
    set(&a, "DPR-003", &["--owner", "Ann"]);
    let first = file(dir.path(), "bo-1");
    ok(&b, &["exchange", "export", DEMO, "--out", &first]);
    let runs: Vec<Value> = (0..3)
        .map(|_| json(&a, &["exchange", "preview", &first, "--json"]))
        .collect();
    let found = ids(&runs[0]);
    assert_eq!(found.len(), 2, "{}", runs[0]);
    for run in &runs[1..] {
        assert_eq!(ids(run), found);
        assert_eq!(run["conflicts"], runs[0]["conflicts"]);
    }
    // The words name the same ids.
    let text = ok(&a, &["exchange", "preview", &first]);
    for id in &found {
        assert!(text.contains(id.as_str()), "{text}");
    }
    // Bo works on and sends again: the same conflicts keep their ids, so resolutions
    // written against the first file settle the second.
    set(&b, "TEC-002", &["--owner", "Bo Berg"]);
    let second = file(dir.path(), "bo-2");
    ok(&b, &["exchange", "export", DEMO, "--out", &second]);
    let again = json(&a, &["exchange", "preview", &second, "--json"]);
    assert_eq!(ids(&again), found);
    let resolutions = dir.path().join("res.json");
    std::fs::write(
        &resolutions,
        serde_json::json!({ &found[0]: "theirs", &found[1]: "mine" }).to_string(),
    )
    .unwrap();
    let res = resolutions.to_str().unwrap();
    ok(&a, &["exchange", "merge", &second, "--resolve", res]);
    let risk = json(
        &a,
        &["risk", "show", "--partnership", DEMO, "DPR-001", "--json"],
    );
    assert_eq!(risk["risk"]["title"], "No DPA yet");
}

/// Every refusal of a file, from `preview` (words and JSON) and `merge` alike: exit 2, one
/// line naming why, nothing written.
fn refused_everywhere(db: &Path, file: &str, extra: &[&str], why: &str) {
    let before = snapshot(db);
    for command in [
        vec!["exchange", "preview", file],
        vec!["exchange", "preview", file, "--json"],
        vec!["exchange", "merge", file],
        vec!["exchange", "merge", file, "--dry-run"],
    ] {
        let mut args = command.clone();
        args.extend_from_slice(extra);
        refused(db, &args, why);
    }
    assert_eq!(before, snapshot(db), "{file} wrote something");
}

#[test]
fn every_refusal_of_a_file_exits_2_naming_why_and_writes_nothing() {
    let (dir, a, b) = pair();
    let good = file(dir.path(), "good");
    ok(&a, &["exchange", "export", DEMO, "--out", &good]);
    let bytes = std::fs::read(&good).unwrap();
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap();
    let write = |name: &str, content: Vec<u8>| {
        let f = file(dir.path(), name);
        std::fs::write(&f, content).unwrap();
        f
    };
    // Damaged: a byte changed after the header (the digest), or the end cut off.
    let mut tampered = bytes.clone();
    let n = tampered.len() - 20;
    tampered[n] ^= 1;
    refused_everywhere(
        &b,
        &write("tampered", tampered),
        &[],
        "does not match its digest",
    );
    refused_everywhere(
        &b,
        &write("short", bytes[..bytes.len() - 3].to_vec()),
        &[],
        "cut short",
    );
    // Tampered in the header: the body no longer matches the digest it names.
    let header = String::from_utf8_lossy(&bytes[..newline]).to_string();
    let digest = header
        .split("\"digest\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let mut other_digest = header
        .replace(&digest, &"0".repeat(digest.len()))
        .into_bytes();
    other_digest.extend_from_slice(&bytes[newline..]);
    refused_everywhere(
        &b,
        &write("header", other_digest),
        &[],
        "does not match its digest",
    );
    // From a newer version of the app.
    let mut newer = header
        .replace("\"version\":1", "\"version\":9")
        .into_bytes();
    newer.extend_from_slice(&bytes[newline..]);
    refused_everywhere(&b, &write("newer", newer), &[], "newer Partner Risk");
    // Not an exchange file at all.
    refused_everywhere(
        &b,
        &write("other", b"%PDF-1.7\n".to_vec()),
        &[],
        "not a Partner Risk exchange file",
    );
    // For another partnership than the one named.
    ok(&b, &["partnership", "add", "--name", "Other"]);
    refused_everywhere(
        &b,
        &good,
        &["--partnership", "Other"],
        "the file is for partnership",
    );
    // A base this workspace never had: a copy of the demo made without the exchange.
    let c = dir.path().join("c.prisk");
    ok(&c, &["init"]);
    let copy = dir.path().join("copy.json");
    ok(
        &a,
        &[
            "export",
            "json",
            "--partnership",
            DEMO,
            "--out",
            copy.to_str().unwrap(),
        ],
    );
    ok(&c, &["import", "json", copy.to_str().unwrap()]);
    refused_everywhere(&c, &good, &[], "never had");
    // The words of the last one say what to do instead.
    let run = prisk(&c, &["exchange", "merge", &good]);
    assert!(run.stderr.contains("--two-way"), "{}", run.stderr);
}

#[test]
fn the_partners_view_prints_as_a_column_of_the_register_when_asked() {
    let (dir, a, _b) = pair();
    let share = file(dir.path(), "share");
    ok(
        &a,
        &["exchange", "export", DEMO, "--out", &share, "--for-partner"],
    );
    let partner = dir.path().join("partner.prisk");
    ok(&partner, &["--actor", "Pat", "exchange", "merge", &share]);
    set(&partner, "TEC-001", &["--residual", "1,2"]);
    let back = file(dir.path(), "back");
    ok(&partner, &["exchange", "export", DEMO, "--out", &back]);
    ok(&a, &["exchange", "merge", &back]);
    let pdf = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec![
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            out.to_str().unwrap(),
            "--sections",
            "register",
        ];
        args.extend_from_slice(extra);
        let text = ok(&a, &args);
        assert!(text.starts_with(&format!("exported {DEMO:?}")), "{text}");
        std::fs::read(out).unwrap()
    };
    let with = pdf("with.pdf", &["--partner-views"]);
    let without = pdf("without.pdf", &[]);
    assert!(with.starts_with(b"%PDF-"));
    // The column's header, the partner's name and their scores are more text on the page.
    assert!(
        with.len() > without.len(),
        "{} vs {}",
        with.len(),
        without.len()
    );
}
