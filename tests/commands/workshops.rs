//! Workshops through IPC: no vote shows before the reveal (a phone voting beside the
//! window), and a ballot file filled and saved at once.

use partner_risk_core::{OpenMode, Store};
use serde_json::{json, Value};

use crate::support::{app, call, App};

#[test]
fn a_workshop_through_ipc_shows_no_vote_before_the_reveal() {
    let app = app();
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let pid = demo["id"].as_str().unwrap();
    let fields = json!({
        "title": "Kick-off", "date": "2026-12-10", "place": "Room 4", "facilitator": "Fran",
        "sets": "residual", "anonymity": "named",
        "rule": {"consensus_range": 1, "near_window": 1, "near_share_percent": 75}, "notes": ""
    });
    let w = call(
        &app,
        "create_workshop",
        json!({"partnershipId": pid, "fields": fields}),
    )
    .unwrap();
    let wid = w["id"].as_str().unwrap();
    let mut voters = Vec::new();
    for (name, voter) in [("Ann", true), ("Ben", true), ("Olga", false)] {
        let p = call(
            &app,
            "add_participant",
            json!({"workshopId": wid, "fields": {"name": name, "role": "", "side": "partner", "voter": voter}}),
        )
        .unwrap();
        voters.push(p["id"].as_str().unwrap().to_string());
    }
    let items = call(
        &app,
        "add_agenda_items",
        json!({"workshopId": wid, "riskIds": ["DPR-001", "DPR-002"]}),
    )
    .unwrap();
    let item = items[0]["id"].as_str().unwrap();
    call(&app, "start_workshop", json!({"id": wid})).unwrap();

    let vote = |who: &str, l: u8, i: u8| {
        call(
            &app,
            "cast_ballot",
            json!({"itemId": item, "participantId": who, "score": {"likelihood": l, "impact": i},
                   "comment": "", "proxy": false}),
        )
    };
    let view = vote(&voters[0], 3, 3).unwrap();
    assert_eq!(view["rounds"][0]["votes"], 1);
    assert_eq!(
        view["rounds"][0]["ballots"],
        json!([]),
        "no vote shows before the reveal"
    );
    assert_eq!(view["voted"][0]["voted"], true);
    assert_eq!(view["voted"][1]["voted"], false);
    let refused = vote(&voters[2], 3, 3).unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["field"], "participant");
    vote(&voters[1], 3, 4).unwrap();

    let view = call(&app, "reveal_votes", json!({"itemId": item})).unwrap();
    assert_eq!(view["rounds"][0]["ballots"][1]["participant_name"], "Ben");
    assert_eq!(view["rounds"][0]["spread"]["verdict"], "consensus");
    let decision = json!({"score": {"likelihood": 3, "impact": 4}, "how": "consensus",
                          "rationale": "", "dissent": ""});
    let e = call(
        &app,
        "decide_item",
        json!({"itemId": item, "fields": decision}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "rationale");
    let mut decision = decision;
    decision["rationale"] = json!("Late DPA");
    let view = call(
        &app,
        "decide_item",
        json!({"itemId": item, "fields": decision}),
    )
    .unwrap();
    assert_eq!(
        view["risk"]["residual"],
        json!({"likelihood": 3, "impact": 4})
    );
    assert_eq!(view["decision"]["how"], "consensus");

    // Voting from phones: on an address of this machine only, one server per window.
    let addresses = call(&app, "voting_addresses", json!({})).unwrap();
    assert!(addresses
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["address"] == "127.0.0.1" && a["kind"] == "loopback"));
    for (address, says) in [
        ("0.0.0.0", "not an address of this computer"),
        ("phones", "is not an IP address"),
    ] {
        let e = call(
            &app,
            "open_voting",
            json!({"workshopId": wid, "address": address}),
        )
        .unwrap_err();
        assert_eq!(
            (&e["code"], &e["field"]),
            (&json!("invalid"), &json!("address"))
        );
        assert!(e["message"].as_str().unwrap().contains(says), "{e}");
    }
    let open = call(
        &app,
        "open_voting",
        json!({"workshopId": wid, "address": "127.0.0.1"}),
    )
    .unwrap();
    let url = open["join_url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(open["qr_svg"].as_str().unwrap().contains("<svg"));
    assert_eq!(open["code"].as_str().unwrap().len(), 9);
    let again = call(
        &app,
        "open_voting",
        json!({"workshopId": wid, "address": "127.0.0.1"}),
    )
    .unwrap();
    assert_eq!(
        again["join_url"], open["join_url"],
        "the running server, not a second one"
    );
    // The facilitator moves the room to item 2; a phone joins as Ben.
    let second = items[1]["id"].as_str().unwrap();
    let moved = call(
        &app,
        "set_current_item",
        json!({"workshopId": wid, "itemId": second}),
    )
    .unwrap();
    assert_eq!(moved["current_item"], second);
    let listening = url["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let base = &url["http://".len() + listening.len()..];
    let joined = phone_post(
        &listening,
        &format!("{base}/api/join"),
        &json!({"participant_id": voters[1]}).to_string(),
    );
    assert!(joined.starts_with("HTTP/1.1 200"), "{joined}");
    let status = call(&app, "voting_status", json!({"workshopId": wid})).unwrap();
    assert_eq!(status["open"]["join_url"], open["join_url"]);
    assert_eq!(status["devices"][0]["name"], "Ben");
    assert_eq!(status["devices"][0]["voted"], false);
    assert_eq!(status["item"]["id"], second, "the item the phones are on");
    assert_eq!(status["voted"], json!([]));
    assert_eq!(
        call(&app, "voting_status", json!({"workshopId": "another"})).unwrap()["open"],
        Value::Null
    );
    let released =
        |app: &App| call(app, "release_voter", json!({"participantId": voters[1]})).unwrap();
    assert_eq!(released(&app), json!(true));
    assert_eq!(released(&app), json!(false));

    // Closing the workshop closes voting: nothing listens any more.
    let closed = call(&app, "close_workshop", json!({"id": wid})).unwrap();
    assert_eq!(closed["ballot_digest"].as_str().unwrap().len(), 64);
    assert_eq!(
        call(&app, "voting_status", json!({"workshopId": wid})).unwrap()["open"],
        Value::Null
    );
    assert!(std::net::TcpStream::connect(&listening).is_err());
    let list = call(&app, "list_workshops", json!({"partnershipId": pid})).unwrap();
    assert_eq!(list[0]["decided"], 1);
    let detail = call(&app, "workshop_detail", json!({"id": wid})).unwrap();
    assert_eq!(detail["workshop"]["status"], "closed");
    let e = vote(&voters[0], 1, 1).unwrap_err();
    assert_eq!(e["code"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("closed"));
}

/// One JSON POST to the voting server, as a phone sends it; the whole answer as text.
fn phone_post(addr: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn a_ballot_file_is_filled_through_ipc_and_saved_at_once() {
    use partner_risk_core::workshop::ballot_file::BallotFile;
    use partner_risk_core::workshop::{ParticipantFields, WorkshopFields};
    use tauri::Manager;

    // The facilitator's workspace writes a sealed ballot file …
    let facilitator = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        facilitator.path().join("f.prisk"),
        OpenMode::CreateIfMissing,
    )
    .unwrap();
    let p = store
        .create_demo(0, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .unwrap();
    let w = store
        .create_workshop(&p.id, WorkshopFields::new("Home round"))
        .unwrap();
    store
        .add_participant(&w.id, ParticipantFields::voter("Ann"))
        .unwrap();
    store
        .add_agenda_items(&w.id, &["DPR-001".into(), "DPR-002".into()])
        .unwrap();
    let path = facilitator.path().join("ann.prisk-ballot");
    store
        .export_ballot(&w.id, "Ann")
        .unwrap()
        .write(&path)
        .unwrap();

    // … which the participant's own app (another workspace) fills in.
    let app = app();
    *app._app
        .state::<partner_risk_app::workspace::OpenBallot>()
        .0
        .lock()
        .unwrap() = Some(path.clone());
    let filled = call(
        &app,
        "fill_ballot",
        json!({"reference": "DPR-001", "score": {"likelihood": 3, "impact": 4}, "comment": "DPA late"}),
    )
    .unwrap();
    assert_eq!(filled["votes"][0]["reference"], "DPR-001");
    let e = call(
        &app,
        "fill_ballot",
        json!({"reference": "DPR-002", "score": {"likelihood": 9, "impact": 4}, "comment": ""}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "score.likelihood");
    let on_disk = BallotFile::read(&path).unwrap();
    assert_eq!(
        on_disk.votes.len(),
        1,
        "saved at once; the refused vote is not"
    );
    assert_eq!(store.import_ballot(&w.id, &on_disk).unwrap(), 1);
}
