//! One simulated phone (its cookie, its connection, its requests and checks), its votes,
//! and the figures every device adds to.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

use crate::*;

#[derive(Default)]
pub struct Stats {
    /// Milliseconds per kind of request ("vote at the barrier", "join", …).
    pub latencies: BTreeMap<&'static str, Vec<f64>>,
    /// Answers by HTTP status, and failures without one ("io: …").
    pub statuses: BTreeMap<String, usize>,
    /// Requests that failed or checks that did not hold.
    pub failures: Vec<String>,
    pub requests: usize,
    pub votes: usize,
}

pub type Shared = Arc<Mutex<Stats>>;

pub fn fail(stats: &Shared, who: &str, what: impl Into<String>) {
    let what = what.into();
    let mut s = stats.lock().unwrap();
    if s.failures.len() < 1000 {
        s.failures.push(format!("{who}: {what}"));
    }
}

/// A phone: its address, its cookie, its connection for requests and its event stream.
pub struct Device {
    pub index: usize,
    pub name: String,
    pub source: Option<Ipv4Addr>,
    pub cfg: Arc<Config>,
    pub stats: Shared,
    pub cookie: Option<String>,
    pub conn: Option<Conn>,
    pub events: Option<EventStream>,
}

impl Device {
    pub fn who(&self) -> String {
        format!("device {} ({})", self.index, self.name)
    }

    pub fn fail(&self, what: impl Into<String>) {
        fail(&self.stats, &self.who(), what);
    }

    /// One request on the device's keep-alive connection (opened when there is none).
    /// Returns the answer whatever its status; `Err` when no answer came.
    pub async fn send(
        &mut self,
        kind: &'static str,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, String> {
        let result = tokio::time::timeout(TIMEOUT, self.send_inner(kind, method, path, body)).await;
        let result = result.unwrap_or_else(|_| {
            self.conn = None;
            Err("timed out".into())
        });
        let mut s = self.stats.lock().unwrap();
        s.requests += 1;
        let key = match &result {
            Ok(a) => a.status.to_string(),
            Err(e) => format!("no answer ({})", e.split(':').next().unwrap_or(e)),
        };
        *s.statuses.entry(key).or_default() += 1;
        result
    }

    pub async fn send_inner(
        &mut self,
        kind: &'static str,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, String> {
        let mut request = format!(
            "{method} {}{path} HTTP/1.1\r\nHost: {}\r\nAccept: */*\r\n",
            self.cfg.base, self.cfg.host
        );
        if let Some(c) = &self.cookie {
            request += &format!("Cookie: prisk_device={c}\r\n");
        }
        let body = body.map(|b| b.to_string());
        if let Some(b) = &body {
            request += &format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            );
        }
        request += "\r\n";
        request += body.as_deref().unwrap_or("");
        // A kept connection the server has closed meanwhile is opened again, once, when
        // nothing of an answer came back.
        for attempt in 0..2 {
            let fresh = self.conn.is_none();
            if fresh {
                self.conn = Some(Conn {
                    stream: connect(self.cfg.server, self.source).await?,
                    buf: Vec::new(),
                });
            }
            let conn = self.conn.as_mut().unwrap();
            let started = Instant::now();
            let outcome = async {
                conn.stream
                    .write_all(request.as_bytes())
                    .await
                    .map_err(|e| format!("write: {e}"))?;
                let (status, headers) = conn.read_head().await?;
                let body = conn.read_body(&headers).await?;
                Ok::<_, String>((status, headers, body))
            }
            .await;
            match outcome {
                Ok((status, headers, body)) => {
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    let close = headers.iter().any(|(n, v)| {
                        n.eq_ignore_ascii_case("connection") && v.eq_ignore_ascii_case("close")
                    });
                    if close {
                        self.conn = None;
                    }
                    self.stats
                        .lock()
                        .unwrap()
                        .latencies
                        .entry(kind)
                        .or_default()
                        .push(ms);
                    return Ok(Answer {
                        status,
                        headers,
                        body: String::from_utf8_lossy(&body).to_string(),
                    });
                }
                Err(e) => {
                    self.conn = None;
                    let retry = !fresh && attempt == 0 && (e == "closed" || e.starts_with("write"));
                    if !retry {
                        return Err(e);
                    }
                }
            }
        }
        unreachable!("the second attempt returns")
    }

    /// A request that must answer 200 with JSON; failures are recorded and give `None`.
    pub async fn ok_json(
        &mut self,
        kind: &'static str,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Option<Value> {
        match self.send(kind, method, path, body).await {
            Ok(a) if a.status == 200 => match a.json() {
                Ok(v) => Some(v),
                Err(e) => {
                    self.fail(format!("{method} {path}: {e}"));
                    None
                }
            },
            Ok(a) => {
                self.fail(format!("{method} {path}: {} {:.200}", a.status, a.body));
                None
            }
            Err(e) => {
                self.fail(format!("{method} {path}: {e}"));
                None
            }
        }
    }

    pub async fn ok_page(&mut self, path: &str, kind: &'static str) -> bool {
        match self.send(kind, "GET", path, None).await {
            Ok(a) if a.status == 200 && !a.body.is_empty() => true,
            Ok(a) => {
                self.fail(format!("GET {path:?}: {} {:.200}", a.status, a.body));
                false
            }
            Err(e) => {
                self.fail(format!("GET {path:?}: {e}"));
                false
            }
        }
    }

    /// The page as a browser loads it: the page, its script and style, then the state.
    pub async fn load_page(&mut self) -> Option<Value> {
        let mut ok = self.ok_page("", "page").await;
        ok &= self.ok_page("/app.js", "page").await;
        ok &= self.ok_page("/app.css", "page").await;
        let state = self.ok_json("state", "GET", "/api/state", None).await;
        state.filter(|_| ok)
    }

    pub async fn join(&mut self, participant_id: &str) -> bool {
        let body = json!({ "participant_id": participant_id });
        let answer = match self.send("join", "POST", "/api/join", Some(&body)).await {
            Ok(a) => a,
            Err(e) => {
                self.fail(format!("join: {e}"));
                return false;
            }
        };
        if answer.status != 200 {
            self.fail(format!("join: {} {:.200}", answer.status, answer.body));
            return false;
        }
        let cookie = answer.header("set-cookie").and_then(|c| {
            c.split(';')
                .next()?
                .trim()
                .strip_prefix("prisk_device=")
                .map(str::to_string)
        });
        match cookie {
            Some(c) if !c.is_empty() => {
                self.cookie = Some(c);
                true
            }
            _ => {
                self.fail("join: no device cookie");
                false
            }
        }
    }

    pub async fn open_events(&mut self) -> bool {
        match EventStream::open(self).await {
            Ok(e) => {
                self.events = Some(e);
                true
            }
            Err(e) => {
                self.fail(format!("event stream: {e}"));
                false
            }
        }
    }

    pub async fn vote(&mut self, kind: &'static str, item: &str, vote: &Vote) -> bool {
        let body = json!({
            "item_id": item,
            "likelihood": vote.likelihood,
            "impact": vote.impact,
            "comment": vote.comment,
        });
        self.stats.lock().unwrap().votes += 1;
        let Some(answer) = self.ok_json(kind, "POST", "/api/vote", Some(&body)).await else {
            return false;
        };
        let back = Vote::parse(&answer);
        if back.as_ref() != Some(vote) {
            self.fail(format!("vote: answered {answer} for {vote:?}"));
            return false;
        }
        true
    }

    /// Reads the state and checks that the server shows this device's vote back.
    pub async fn check_my_vote(&mut self, item: &str, expected: &Vote) -> bool {
        let Some(state) = self.ok_json("state", "GET", "/api/state", None).await else {
            return false;
        };
        if state["item"]["id"] != item {
            self.fail(format!(
                "state: item {} instead of {item}",
                state["item"]["id"]
            ));
            return false;
        }
        let shown = Vote::parse(&state["item"]["my_vote"]);
        if shown.as_ref() != Some(expected) {
            self.fail(format!(
                "state: my_vote {} instead of {expected:?} (the server forgot the vote)",
                state["item"]["my_vote"]
            ));
            return false;
        }
        true
    }

    /// The phone sleeps: its event stream and connection go, without a goodbye.
    pub fn drop_connections(&mut self) {
        self.events = None;
        self.conn = None;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub likelihood: u8,
    pub impact: u8,
    pub comment: String,
}

impl Vote {
    pub fn first(i: usize) -> Vote {
        Vote {
            likelihood: 1 + (i % 5) as u8,
            impact: 1 + ((i / 5) % 5) as u8,
            comment: format!("load d{i:03} first"),
        }
    }
    /// Differs from the first vote on both axes.
    pub fn changed(i: usize) -> Vote {
        Vote {
            likelihood: 1 + ((i + 2) % 5) as u8,
            impact: 1 + ((i / 5 + 1) % 5) as u8,
            comment: format!("load d{i:03} changed"),
        }
    }
    /// `{score: {likelihood, impact}, comment}` as the server sends a vote back.
    pub fn parse(v: &Value) -> Option<Vote> {
        Some(Vote {
            likelihood: v["score"]["likelihood"].as_u64()? as u8,
            impact: v["score"]["impact"].as_u64()? as u8,
            comment: v["comment"].as_str()?.to_string(),
        })
    }
}
