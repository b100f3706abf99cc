//! The voting server over a real socket on 127.0.0.1, with a tiny HTTP/1.1 client: what a
//! phone can do, and everything it must be refused (with the store left unchanged).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::workshop::{
    Anonymity, DecidedHow, DecisionFields, ParticipantFields, WorkshopFields,
};
use partner_risk_core::{OpenMode, Store};
use partner_risk_voting::{start, Options, VotingServer};
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

struct Room {
    _dir: TempDir,
    store: Arc<Mutex<Store>>,
    workshop: String,
    /// Ann, Ben (voters), Olga (observer).
    people: Vec<String>,
    /// The agenda items, in order.
    items: Vec<String>,
}

/// A running workshop on the 5×5 matrix: two risks on the agenda, two voters, an observer.
fn room(anonymity: Anonymity) -> Room {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("facilitator");
    let p = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap()
        .id;
    let risks = store
        .add_risks(
            &p,
            vec![
                RiskFields {
                    description: "The partner ships breaking API versions.".into(),
                    ..RiskFields::new("technical", "Partner API changes without notice")
                },
                RiskFields::new("exit", "No written exit plan"),
                RiskFields::new("regulatory", "No DPA before personal data moves"),
            ],
        )
        .unwrap();
    let workshop = store
        .create_workshop(
            &p,
            WorkshopFields {
                anonymity,
                ..WorkshopFields::new("Kick-off")
            },
        )
        .unwrap()
        .id;
    let mut people = Vec::new();
    for (name, voter) in [("Ann", true), ("Ben", true), ("Olga", false)] {
        let fields = ParticipantFields {
            voter,
            ..ParticipantFields::voter(name)
        };
        people.push(store.add_participant(&workshop, fields).unwrap().id);
    }
    let refs: Vec<String> = risks.iter().map(|r| r.reference.clone()).collect();
    let items = store
        .add_agenda_items(&workshop, &refs)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    store.start_workshop(&workshop).unwrap();
    Room {
        _dir: dir,
        store: Arc::new(Mutex::new(store)),
        workshop,
        people,
        items,
    }
}

/// Generous limits, so that only the rate-limit check meets the limit.
fn options() -> Options {
    Options {
        rate_per_second: 1000.0,
        burst: 1000.0,
        poll: Duration::from_millis(50),
        ..Options::new(LOCAL, 0)
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: not JSON: {:?}", self.body))
    }
    /// A refusal: this status and error code, as JSON.
    fn refused(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.json()["code"], code, "{}", self.body);
        assert!(self.json()["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

/// A phone: the server's address and Host, and the cookie it got when joining.
#[derive(Clone)]
struct Client {
    addr: std::net::SocketAddr,
    host: String,
    base: String,
    cookie: Option<String>,
}

impl Client {
    fn new(server: &VotingServer) -> Self {
        let url = server.join_url();
        let addr = server.local_addr();
        Client {
            addr,
            host: addr.to_string(),
            base: url
                .trim_start_matches(&format!("http://{addr}"))
                .to_string(),
            cookie: None,
        }
    }

    /// Sends one raw request (`Connection: close`) and reads the whole answer.
    async fn raw(&self, request: Vec<u8>) -> Answer {
        let mut stream = TcpStream::connect(self.addr).await.unwrap();
        stream.write_all(&request).await.unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await.unwrap();
        let text = String::from_utf8_lossy(&bytes).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("")[9..12].parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn request(&self, method: &str, path: &str, body: Option<&str>, extra: &str) -> Vec<u8> {
        let mut r = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.host
        );
        if let Some(c) = &self.cookie {
            r += &format!("Cookie: prisk_device={c}\r\n");
        }
        r += extra;
        if let Some(b) = body {
            r += &format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            );
        }
        r += "\r\n";
        r += body.unwrap_or("");
        r.into_bytes()
    }

    async fn get(&self, path: &str) -> Answer {
        let path = format!("{}{path}", self.base);
        self.raw(self.request("GET", &path, None, "")).await
    }

    async fn post(&self, path: &str, body: &Value) -> Answer {
        let path = format!("{}{path}", self.base);
        self.raw(self.request("POST", &path, Some(&body.to_string()), ""))
            .await
    }

    /// Joins as a participant and keeps the device cookie.
    async fn join(&mut self, participant: &str) -> Answer {
        let answer = self
            .post("/api/join", &json!({ "participant_id": participant }))
            .await;
        if let Some(c) = answer.header("set-cookie") {
            let value = c
                .split(';')
                .next()
                .unwrap()
                .trim_start_matches("prisk_device=");
            self.cookie = Some(value.to_string());
        }
        answer
    }

    async fn vote(&self, item: &str, l: u8, i: u8, comment: &str) -> Answer {
        self.post(
            "/api/vote",
            &json!({ "item_id": item, "likelihood": l, "impact": i, "comment": comment }),
        )
        .await
    }
}

/// Every ballot in the file: (participant or none, round, score, comment, source).
fn ballots(store: &Arc<Mutex<Store>>) -> Vec<(Option<String>, u32, u8, u8, String, String)> {
    let store = store.lock().unwrap();
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT participant_id, round, likelihood, impact, comment, source
             FROM workshop_ballots ORDER BY item_id, round, participant_id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn audit_rows(store: &Arc<Mutex<Store>>) -> i64 {
    let store = store.lock().unwrap();
    store
        .connection()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

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

/// Posts a typed code to the server's root form, as a browser does.
async fn type_code(phone: &Client, code: &str) -> Answer {
    let body = format!("code={code}");
    let mut request = format!(
        "POST /code HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        phone.host,
        body.len()
    );
    request += &body;
    phone.raw(request.into_bytes()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_code_leads_to_the_voting_page_and_guessing_gets_nowhere() {
    let room = room(Anonymity::Anonymous);
    let server = start(room.store.clone(), &room.workshop, options())
        .await
        .unwrap();
    let phone = Client::new(&server);
    assert_eq!(
        server.code_url(),
        format!("http://{}/", server.local_addr())
    );
    let code = server.code();
    assert!(
        code.len() == 9 && code.as_bytes()[4] == b'-',
        "eight digits in two groups: {code}"
    );
    assert!(code.chars().filter(char::is_ascii_digit).count() == 8);
    // The code grants nothing of the token: none of its digits come from it.
    assert_ne!(&phone.base[3..11], code.replace('-', ""));

    // The root page: a form posting to /code, its own CSP allowing only that.
    let page = phone.raw(phone.request("GET", "/", None, "")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("action=\"/code\""), "{}", page.body);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("form-action 'self'") && !csp.contains("script-src"),
        "{csp}"
    );
    let style = phone.raw(phone.request("GET", "/code.css", None, "")).await;
    assert_eq!(style.status, 200);

    // The right code, typed with spaces instead of the dash: on to the voting page.
    let right = type_code(&phone, &code.replace('-', "+")).await;
    assert_eq!(right.status, 303, "{}", right.body);
    assert_eq!(right.header("location"), Some(phone.base.as_str()));
    // A wrong code: the form again, saying so, and never echoing what was typed.
    let wrong = type_code(&phone, "<b>12345678</b>").await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.body.contains("That is not the code"));
    assert!(!wrong.body.contains("<b>"));
    assert!(wrong.header("location").is_none());
    // The root page needs the right Host like everything else.
    let mut stranger = phone.clone();
    stranger.host = "evil.example:80".into();
    assert_eq!(
        stranger
            .raw(stranger.request("GET", "/", None, ""))
            .await
            .status,
        421
    );

    // Fifty wrong codes in all close code entry for good, even for the right code; the
    // link keeps working.
    for _ in 1..50 {
        assert_eq!(type_code(&phone, "00000000").await.status, 403);
    }
    let closed = type_code(&phone, &code).await;
    assert_eq!(closed.status, 410);
    assert!(closed.body.contains("Scan the QR code"));
    assert_eq!(phone.get("").await.status, 200);
    server.stop().await;
}

/// Opens an event stream and reads its response head, so that the stream is live.
async fn open_stream(phone: &Client) -> TcpStream {
    let mut stream = TcpStream::connect(phone.addr).await.unwrap();
    let path = format!("{}/api/events", phone.base);
    stream
        .write_all(&phone.request("GET", &path, None, "Accept: text/event-stream\r\n"))
        .await
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).await.unwrap(), 1, "the stream opens");
        head.push(byte[0]);
    }
    assert!(String::from_utf8_lossy(&head).starts_with("HTTP/1.1 200"));
    stream
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
