//! What every server test uses: a room (a workspace with a workshop of two voters and an
//! observer), the server's options on 127.0.0.1, a tiny HTTP/1.1 client for a phone and its
//! answers, the ballots kept, and the event stream opened as a phone opens it.

use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::workshop::{Anonymity, ParticipantFields, WorkshopFields};
use partner_risk_core::{OpenMode, Store};
use partner_risk_voting::{Options, VotingServer};
use serde_json::{json, Value};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

pub struct Room {
    pub _dir: TempDir,
    pub store: Arc<Mutex<Store>>,
    pub workshop: String,
    /// Ann, Ben (voters), Olga (observer).
    pub people: Vec<String>,
    /// The agenda items, in order.
    pub items: Vec<String>,
}

/// A running workshop on the 5×5 matrix: two risks on the agenda, two voters, an observer.
pub fn room(anonymity: Anonymity) -> Room {
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
pub fn options() -> Options {
    Options {
        rate_per_second: 1000.0,
        burst: 1000.0,
        poll: Duration::from_millis(50),
        ..Options::new(LOCAL, 0)
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: not JSON: {:?}", self.body))
    }
    /// A refusal: this status and error code, as JSON.
    pub fn refused(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.json()["code"], code, "{}", self.body);
        assert!(self.json()["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

/// A phone: the server's address and Host, and the cookie it got when joining.
#[derive(Clone)]
pub struct Client {
    pub addr: std::net::SocketAddr,
    pub host: String,
    pub base: String,
    pub cookie: Option<String>,
}

impl Client {
    pub fn new(server: &VotingServer) -> Self {
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
    pub async fn raw(&self, request: Vec<u8>) -> Answer {
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

    pub fn request(&self, method: &str, path: &str, body: Option<&str>, extra: &str) -> Vec<u8> {
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

    pub async fn get(&self, path: &str) -> Answer {
        let path = format!("{}{path}", self.base);
        self.raw(self.request("GET", &path, None, "")).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        let path = format!("{}{path}", self.base);
        self.raw(self.request("POST", &path, Some(&body.to_string()), ""))
            .await
    }

    /// Joins as a participant and keeps the device cookie.
    pub async fn join(&mut self, participant: &str) -> Answer {
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

    pub async fn vote(&self, item: &str, l: u8, i: u8, comment: &str) -> Answer {
        self.post(
            "/api/vote",
            &json!({ "item_id": item, "likelihood": l, "impact": i, "comment": comment }),
        )
        .await
    }
}

/// Every ballot in the file: (participant or none, round, score, comment, source).
pub fn ballots(store: &Arc<Mutex<Store>>) -> Vec<(Option<String>, u32, u8, u8, String, String)> {
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

/// Opens an event stream and reads its response head, so that the stream is live.
pub async fn open_stream(phone: &Client) -> TcpStream {
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
