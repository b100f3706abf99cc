//! Everything a phone must be refused, each with its status and the store unchanged; too
//! many requests from one address get 429.

use partner_risk_core::workshop::Anonymity;
use partner_risk_core::Store;
use partner_risk_voting::{start, Options};
use serde_json::json;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{ballots, options, room, Client, LOCAL};

fn audit_rows(store: &Arc<Mutex<Store>>) -> i64 {
    let store = store.lock().unwrap();
    store
        .connection()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_refusal_has_its_status_and_changes_nothing() {
    let room = room(Anonymity::Anonymous);
    let (ann, ben, olga) = (&room.people[0], &room.people[1], &room.people[2]);
    let item = room.items[0].as_str();

    // Never all interfaces; a planned or closed workshop cannot be served.
    for any in [IpAddr::V4(Ipv4Addr::UNSPECIFIED), "::".parse().unwrap()] {
        let e = start(room.store.clone(), &room.workshop, Options::new(any, 0)).await;
        assert!(matches!(e, Err(partner_risk_voting::Error::Unspecified(_))));
    }

    let server = start(room.store.clone(), &room.workshop, options())
        .await
        .unwrap();
    let mut phone = Client::new(&server);
    assert_eq!(phone.join(ann).await.status, 200);
    assert_eq!(phone.vote(item, 2, 2, "mine").await.status, 200);
    let before = ballots(&room.store);
    let audit_before = audit_rows(&room.store);

    // Wrong, missing or truncated workshop token; unknown paths.
    let token = phone.base.trim_start_matches("/j/").to_string();
    let mut wrong = token.clone();
    wrong.replace_range(31..32, if token.ends_with('0') { "1" } else { "0" });
    for path in [
        format!("/j/{wrong}/api/state"),
        format!("/j/{}/api/state", &token[..31]),
        "/api/state".to_string(),
        "/favicon.ico".to_string(),
        "/code/x".to_string(),
        "/j//api/state".to_string(),
        format!("/j/{token}/../../etc/passwd"),
        format!("/j/{token}/api/nothing"),
    ] {
        let a = phone.raw(phone.request("GET", &path, None, "")).await;
        a.refused(404, "not_found");
    }
    let post = phone
        .raw(phone.request(
            "POST",
            &format!("/j/{wrong}/api/vote"),
            Some(&json!({"item_id": item, "likelihood": 5, "impact": 5}).to_string()),
            "",
        ))
        .await;
    post.refused(404, "not_found");

    // A Host other than the bound address and port (DNS rebinding), or none.
    for host in [
        "evil.example",
        "localhost",
        &format!("127.0.0.1:{}", server.local_addr().port() + 1),
    ] {
        let mut other = phone.clone();
        other.host = host.to_string();
        other.get("/api/state").await.refused(421, "wrong_host");
        other.vote(item, 5, 5, "").await.refused(421, "wrong_host");
    }
    let no_host = format!("GET {}/api/state HTTP/1.0\r\n\r\n", phone.base);
    phone
        .raw(no_host.into_bytes())
        .await
        .refused(421, "wrong_host");

    // A second device for a claimed name; an observer; someone not in the workshop.
    let mut intruder = Client::new(&server);
    intruder.join(ann).await.refused(409, "conflict");
    assert!(intruder.cookie.is_none());
    intruder.join(olga).await.refused(422, "invalid");
    intruder
        .join("01234567-not-a-participant")
        .await
        .refused(404, "not_found");
    // A device that joined as Ann cannot take Ben's name too.
    phone.join(ben).await.refused(409, "conflict");
    // No cookie, or a forged one: not joined.
    intruder
        .vote(item, 5, 5, "")
        .await
        .refused(401, "not_joined");
    intruder.cookie = Some("0".repeat(32));
    intruder
        .vote(item, 5, 5, "")
        .await
        .refused(401, "not_joined");
    let mut forged = phone.cookie.clone().unwrap();
    forged.replace_range(0..1, if forged.starts_with('a') { "b" } else { "a" });
    intruder.cookie = Some(forged);
    intruder
        .vote(item, 5, 5, "")
        .await
        .refused(401, "not_joined");

    // Bad votes: another item than the current one, off the matrix, too long a comment.
    phone
        .vote(&room.items[1], 5, 5, "")
        .await
        .refused(409, "conflict");
    phone
        .vote("no-such-item", 5, 5, "")
        .await
        .refused(409, "conflict");
    let off = phone.vote(item, 6, 1, "").await;
    off.refused(422, "invalid");
    assert!(off.json()["field"].as_str().unwrap().starts_with("score"));
    phone.vote(item, 0, 1, "").await.refused(422, "invalid");
    phone
        .vote(item, 1, 1, &"x".repeat(2_500))
        .await
        .refused(422, "invalid");

    // Oversized, malformed, or not JSON at all.
    let huge = json!({"item_id": item, "likelihood": 1, "impact": 1, "comment": "y".repeat(5_000)});
    phone
        .post("/api/vote", &huge)
        .await
        .refused(413, "too_large");
    let vote_path = format!("{}/api/vote", phone.base);
    for body in [
        "{",
        "[]",
        "{\"item_id\": 3}",
        "{\"item_id\":\"x\",\"likelihood\":300,\"impact\":1}",
        "{\"item_id\":\"x\",\"likelihood\":1,\"impact\":1,\"admin\":true}",
    ] {
        phone
            .raw(phone.request("POST", &vote_path, Some(body), ""))
            .await
            .refused(400, "malformed");
    }
    let form = format!(
        "POST {vote_path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nCookie: prisk_device={}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b",
        phone.host,
        phone.cookie.as_ref().unwrap()
    );
    phone
        .raw(form.into_bytes())
        .await
        .refused(415, "unsupported_media_type");

    assert_eq!(
        ballots(&room.store),
        before,
        "no refused request changed a ballot"
    );
    assert_eq!(audit_rows(&room.store), audit_before);
    // None of the refusals carried CORS headers either.
    let preflight = phone
        .raw(phone.request(
            "OPTIONS",
            &vote_path,
            None,
            "Origin: http://evil.example\r\n",
        ))
        .await;
    preflight.refused(405, "method_not_allowed");
    assert!(preflight
        .headers
        .iter()
        .all(|(n, _)| !n.to_ascii_lowercase().starts_with("access-control-")));

    // After the reveal: no more votes; an anonymous workshop shows no names.
    room.store.lock().unwrap().reveal(item).unwrap();
    let before = ballots(&room.store);
    phone
        .vote(item, 3, 3, "late")
        .await
        .refused(409, "conflict");
    let state = phone.get("/api/state").await.json();
    let shown = &state["item"]["result"]["ballots"];
    assert_eq!(shown.as_array().unwrap().len(), 1);
    assert!(shown[0]["participant_name"].is_null() && shown[0]["participant_id"].is_null());
    assert!(!state["item"]["result"].to_string().contains(ann.as_str()));

    // After closing: no votes, no joins, and the page says so.
    room.store
        .lock()
        .unwrap()
        .close_workshop(&room.workshop)
        .unwrap();
    phone.vote(item, 3, 3, "").await.refused(409, "conflict");
    let mut late = Client::new(&server);
    late.join(ben).await.refused(409, "conflict");
    let state = phone.get("/api/state").await.json();
    assert!(state["item"].is_null());
    assert!(state["waiting"].as_str().unwrap().contains("closed"));
    assert_eq!(ballots(&room.store), before);
    server.stop().await;

    // A closed workshop cannot be served again.
    let e = start(room.store.clone(), &room.workshop, options()).await;
    assert!(matches!(e, Err(partner_risk_voting::Error::NotRunning(_))));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_from_one_address_get_429_and_change_nothing() {
    let room = room(Anonymity::Room);
    let server = start(
        room.store.clone(),
        &room.workshop,
        Options {
            rate_per_second: 1.0,
            burst: 5.0,
            ..Options::new(LOCAL, 0)
        },
    )
    .await
    .unwrap();
    let mut phone = Client::new(&server);
    assert_eq!(phone.join(&room.people[0]).await.status, 200);
    let mut statuses = Vec::new();
    for _ in 0..10 {
        statuses.push(phone.vote(&room.items[0], 1, 1, "").await.status);
    }
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert!(limited >= 5, "{statuses:?}");
    let a = phone.vote(&room.items[0], 5, 5, "").await;
    a.refused(429, "rate_limited");
    // Only the votes let through were written, and as one ballot.
    let written = ballots(&room.store);
    assert_eq!(written.len(), 1);
    assert_eq!((written[0].2, written[0].3), (1, 1));
    // A second of patience earns a request again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(phone.get("/api/state").await.status, 200);
    server.stop().await;
}
