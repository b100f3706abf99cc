//! `load check`: the votes each voter should have against the facilitator's reveal.

use std::collections::BTreeMap;

use serde_json::Value;

pub fn check(expected_path: &str, reveal_path: &str) -> i32 {
    let read = |p: &str| -> Value {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("check: {p}: {e}");
            std::process::exit(2)
        });
        serde_json::from_str(&text).unwrap_or_else(|e| {
            eprintln!("check: {p}: not JSON: {e}");
            std::process::exit(2)
        })
    };
    let expected = read(expected_path);
    let reveal = read(reveal_path);
    let devices = expected["devices"].as_u64().unwrap_or(0) as usize;
    let want = expected["votes"].as_array().cloned().unwrap_or_default();
    let ballots = reveal["ballots"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    if want.len() != devices {
        problems.push(format!(
            "only {} of {devices} devices got a vote through (see the load report)",
            want.len()
        ));
    }
    let mut by_participant: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for b in &ballots {
        let id = b["participant_id"]
            .as_str()
            .unwrap_or("(anonymous)")
            .to_string();
        by_participant.entry(id).or_default().push(b);
    }
    // A ballot belongs to a device by its voter (a named or room workshop) or, when the
    // file keeps no voter (anonymous), by its comment, which names the device.
    let (mut recorded, mut lost, mut wrong, mut changed_ok, mut changed) = (0, 0, 0, 0, 0);
    for w in &want {
        let comment = w["comment"].as_str().unwrap_or("");
        let device_tag = comment.split(' ').nth(1).unwrap_or("");
        let is_changed = w["changed"] == true;
        if is_changed {
            changed += 1;
        }
        let found: Vec<&Value> = ballots
            .iter()
            .filter(|b| match b["participant_id"].as_str() {
                Some(id) => w["participant_id"] == id,
                None => b["comment"]
                    .as_str()
                    .is_some_and(|c| c.split(' ').nth(1) == Some(device_tag)),
            })
            .collect();
        match found.as_slice() {
            [] => {
                lost += 1;
                problems.push(format!(
                    "lost: {} ({device_tag})'s vote is not in the reveal",
                    w["name"]
                ));
            }
            [b] => {
                recorded += 1;
                let same = b["score"]["likelihood"] == w["likelihood"]
                    && b["score"]["impact"] == w["impact"]
                    && b["comment"] == w["comment"]
                    && b["item_id"] == w["item_id"];
                if !same {
                    wrong += 1;
                    problems.push(format!(
                        "wrong: device {device_tag} sent {}/{} {comment:?}, the file has {}/{} {}",
                        w["likelihood"],
                        w["impact"],
                        b["score"]["likelihood"],
                        b["score"]["impact"],
                        b["comment"]
                    ));
                } else if is_changed {
                    changed_ok += 1;
                }
                if b["source"] != "network" {
                    problems.push(format!(
                        "device {device_tag}'s ballot has source {}",
                        b["source"]
                    ));
                }
            }
            many => problems.push(format!(
                "duplicated: device {device_tag} has {} ballots",
                many.len()
            )),
        }
    }
    let duplicated: Vec<_> = by_participant
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, v)| format!("{k} ×{}", v.len()))
        .collect();
    if !duplicated.is_empty() {
        problems.push(format!(
            "voters with more than one ballot: {}",
            duplicated.join(", ")
        ));
    }
    let strangers = ballots.len() as i64 - want.len() as i64;
    if ballots.len() != devices {
        problems.push(format!(
            "the reveal holds {} ballots for {devices} devices ({strangers:+} against the votes sent)",
            ballots.len()
        ));
    }
    if reveal["votes"].as_u64() != Some(ballots.len() as u64) {
        problems.push(format!(
            "the reveal counts {} votes but lists {} ballots",
            reveal["votes"],
            ballots.len()
        ));
    }
    println!(
        "check: {} ballots in the reveal for {devices} devices: {recorded} recorded, {lost} lost, \
         {} voters with duplicates, {wrong} with a wrong value; changed votes carrying the \
         change: {changed_ok} of {changed}",
        ballots.len(),
        duplicated.len()
    );
    if problems.is_empty() {
        println!("check: ok");
        0
    } else {
        for p in problems.iter().take(30) {
            println!("check: {p}");
        }
        1
    }
}
