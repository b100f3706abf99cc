//! What a phone does: joins, votes, changes its vote and follows the room through the event
//! stream; phones hear the end before the server stops.

use partner_risk_core::matrix::Score;
use partner_risk_core::workshop::{Anonymity, DecidedHow, DecisionFields};
use partner_risk_voting::{start, Options};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{ballots, open_stream, options, room, Client};

/// Waits (at most 5 s) for a `change` event on an open event stream.
async fn next_change(stream: &mut TcpStream) {
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    tokio::time::timeout(Duration::from_secs(5), async {
        while !seen.contains("event: change") {
            let n = stream.read(&mut buf).await.unwrap();
            assert!(n > 0, "the event stream ended: {seen:?}");
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    })
    .await
    .expect("a change event within 5 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_joins_votes_changes_its_vote_and_follows_the_room() {
    let room = room(Anonymity::Named);
    let (ann, ben) = (&room.people[0], &room.people[1]);
    let server = start(room.store.clone(), &room.workshop, options())
        .await
        .unwrap();
    assert!(server
        .join_url()
        .starts_with(&format!("http://{}/j/", server.local_addr())));
    assert_eq!(
        server.join_url().len(),
        format!("http://{}/j/", server.local_addr()).len() + 32
    );
    let mut phone = Client::new(&server);

    // The page and its assets, with a strict CSP and no CORS.
    let page = phone.get("").await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert!(page.body.contains(&format!("{}/app.js", phone.base)));
    assert!(!page.body.contains("<script>"), "no inline script");
    assert!(
        page.body.contains(&format!("{}/icon.svg", phone.base)),
        "no /favicon.ico"
    );
    for (asset, kind) in [
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
        ("/icon.svg", "image/svg+xml"),
    ] {
        let a = phone.get(asset).await;
        assert_eq!(a.status, 200);
        assert!(a.header("content-type").unwrap().starts_with(kind));
        assert!(a.header("content-security-policy").is_some());
    }
    assert!(page
        .headers
        .iter()
        .all(|(n, _)| !n.to_ascii_lowercase().starts_with("access-control-")));

    // Before joining: the voters to pick from (no observer), and no risk text.
    let state = phone.get("/api/state").await.json();
    let names: Vec<&str> = state["voters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ann", "Ben"]);
    assert!(state["item"].is_null());
    assert_eq!(state["code"], server.code());

    let joined = phone.join(ann).await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    let cookie = joined.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/")
    );
    assert_eq!(phone.cookie.as_ref().unwrap().len(), 32);
    // Joining again from the same device is harmless.
    assert_eq!(phone.join(ann).await.status, 200);

    // After joining: the current item only, with the matrix and its descriptions.
    let state = phone.get("/api/state").await.json();
    assert_eq!(state["me"]["name"], "Ann");
    assert_eq!(state["voters"], json!([]));
    let item = &state["item"];
    assert_eq!(item["id"], room.items[0].as_str());
    assert_eq!(item["title"], "Partner API changes without notice");
    assert_eq!(
        item["description"],
        "The partner ships breaking API versions."
    );
    assert_eq!(item["matrix"]["likelihood"].as_array().unwrap().len(), 5);
    assert!(item["matrix"]["impact"][0]["label"].as_str().is_some());
    assert!(item["result"].is_null() && item["my_vote"].is_null());
    assert!(
        !state.to_string().contains("No written exit plan"),
        "only the current item"
    );

    // Vote, then change the vote: one ballot, the latest score, source "network".
    assert_eq!(
        phone.vote(&room.items[0], 2, 3, "  first  ").await.status,
        200
    );
    let changed = phone.vote(&room.items[0], 4, 5, "on reflection").await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(
        ballots(&room.store),
        [(
            Some(ann.clone()),
            1,
            4,
            5,
            "on reflection".into(),
            "network".into()
        )]
    );
    let state = phone.get("/api/state").await.json();
    assert_eq!(
        state["item"]["my_vote"]["score"],
        json!({"likelihood": 4, "impact": 5})
    );
    assert_eq!(state["item"]["voted"], 1);
    assert_eq!(state["item"]["voters"], 2);

    // A second phone for Ben; the facilitator sees who voted, never how.
    let mut phone2 = Client::new(&server);
    assert_eq!(phone2.join(ben).await.status, 200);
    let devices = server.devices().await.unwrap();
    assert_eq!(devices.len(), 2);
    assert!(devices.iter().any(|d| d.name == "Ann" && d.voted));
    assert!(devices.iter().any(|d| d.name == "Ben" && !d.voted));
    let keys: Vec<String> = serde_json::to_value(&devices[0])
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        ["connected", "name", "participant_id", "voted"],
        "never how"
    );
    assert_eq!(phone2.vote(&room.items[0], 1, 1, "").await.status, 200);

    // The facilitator reveals through the core: the open event stream says so, and the
    // state shows the named distribution (a named workshop).
    let mut events = TcpStream::connect(phone.addr).await.unwrap();
    let path = format!("{}/api/events", phone.base);
    events
        .write_all(&phone.request("GET", &path, None, "Accept: text/event-stream\r\n"))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    room.store.lock().unwrap().reveal(&room.items[0]).unwrap();
    next_change(&mut events).await;
    let state = phone.get("/api/state").await.json();
    let result = &state["item"]["result"];
    assert_eq!(result["votes"], 2);
    let shown: Vec<(String, u64)> = result["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["participant_name"].as_str().unwrap().to_string(),
                b["score"]["likelihood"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(shown, [("Ann".to_string(), 4), ("Ben".to_string(), 1)]);
    assert!(result["spread"]["median"].is_object());

    // The facilitator decides: the room moves on to the next item by itself.
    room.store
        .lock()
        .unwrap()
        .decide(
            &room.items[0],
            DecisionFields {
                score: Some(Score::new(3, 3)),
                how: DecidedHow::Facilitator,
                rationale: "split room".into(),
                dissent: String::new(),
            },
        )
        .unwrap();
    next_change(&mut events).await;
    let state = phone.get("/api/state").await.json();
    assert_eq!(state["item"]["id"], room.items[1].as_str());
    assert!(state["item"]["my_vote"].is_null());

    // The facilitator puts another risk before the room: the phones follow it, and a
    // vote for the risk they left is refused. Back on the decided one, they wait.
    room.store
        .lock()
        .unwrap()
        .set_current_item(&room.workshop, Some(&room.items[2]))
        .unwrap();
    next_change(&mut events).await;
    let state = phone.get("/api/state").await.json();
    assert_eq!(state["item"]["id"], room.items[2].as_str());
    phone
        .vote(&room.items[1], 2, 2, "")
        .await
        .refused(409, "conflict");
    room.store
        .lock()
        .unwrap()
        .set_current_item(&room.workshop, Some(&room.items[0]))
        .unwrap();
    next_change(&mut events).await;
    let state = phone.get("/api/state").await.json();
    assert!(state["item"].is_null());
    assert!(
        state["waiting"].as_str().unwrap().contains("is decided"),
        "{state}"
    );
    phone
        .vote(&room.items[0], 2, 2, "")
        .await
        .refused(409, "conflict");
    room.store
        .lock()
        .unwrap()
        .set_current_item(&room.workshop, None)
        .unwrap();
    next_change(&mut events).await;
    drop(events);

    // Releasing a name frees it for another device; the old cookie no longer works.
    assert!(server.release(ben));
    assert!(!server.release(ben));
    phone2
        .vote(&room.items[1], 1, 1, "")
        .await
        .refused(401, "not_joined");
    let mut phone3 = Client::new(&server);
    assert_eq!(phone3.join(ben).await.status, 200);

    // Stopping ends the server, event streams included, promptly.
    let addr = server.local_addr();
    let mut open_stream = TcpStream::connect(addr).await.unwrap();
    open_stream
        .write_all(&phone.request("GET", &path, None, ""))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    tokio::time::timeout(Duration::from_secs(3), server.stop())
        .await
        .expect("a graceful stop within 3 s");
    assert!(TcpStream::connect(addr).await.is_err());
}

/// Everything a stream sends until the server ends it.
async fn rest_of(mut stream: TcpStream) -> String {
    let mut all = Vec::new();
    stream.read_to_end(&mut all).await.unwrap();
    String::from_utf8_lossy(&all).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_hear_the_end_before_the_server_stops() {
    // The poller looks once, at the start: the close below is never seen by it, as when
    // the facilitator closes between two looks (the phones stayed on "decided").
    let slow = || Options {
        poll: Duration::from_secs(3600),
        ..options()
    };

    // Closing the workshop: every phone, joined or not, gets the last words.
    let closing = room(Anonymity::Named);
    let server = start(closing.store.clone(), &closing.workshop, slow())
        .await
        .unwrap();
    let mut phone = Client::new(&server);
    assert_eq!(phone.join(&closing.people[0]).await.status, 200);
    let stranger = Client::new(&server);
    let streams = [open_stream(&phone).await, open_stream(&stranger).await];
    closing
        .store
        .lock()
        .unwrap()
        .close_workshop(&closing.workshop)
        .unwrap();
    server.stop().await;
    for stream in streams {
        let said = rest_of(stream).await;
        assert!(
            said.contains("event: closed\ndata: The workshop is closed. Thank you!\n"),
            "{said:?}"
        );
    }

    // Closing voting while the workshop goes on says that instead.
    let going_on = room(Anonymity::Named);
    let server = start(going_on.store.clone(), &going_on.workshop, slow())
        .await
        .unwrap();
    let phone = Client::new(&server);
    let stream = open_stream(&phone).await;
    server.stop().await;
    let said = rest_of(stream).await;
    assert!(
        said.contains("event: closed\ndata: Voting from phones has ended. Thank you!"),
        "{said:?}"
    );
}
