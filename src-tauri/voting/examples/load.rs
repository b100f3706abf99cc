//! A load generator for the voting server: many phones joining, following the room and
//! voting at the same moment. A client only; it talks HTTP/1.1 over plain sockets, as the
//! tests do. Run it against `prisk workshop serve W --bind 127.0.0.1` (see
//! `scripts/voting-load.sh`, which also checks the votes in the workspace afterwards):
//!
//! ```text
//! load URL [--devices N] [--names A,B,…] [--reconnect-every K] [--out FILE]
//!          [--await-reveal SECS] [--same-address]
//! load check EXPECTED.json REVEAL.json
//! ```
//!
//! Each device binds its sockets to its own loopback address, 127.0.0.(10+i) (Linux
//! routes all of 127/8 to `lo`), so the server's per-address rate limit applies per
//! device as it would for real phones; `--same-address` sends everything from 127.0.0.1
//! instead, which shows the limit. Every device loads the page and its assets, reads the
//! voters, claims its name, opens the event stream, reads its state; then all vote at
//! once (a barrier), each vote timed from the first byte written to the last byte of the
//! answer on the device's open connection. Every K-th device (a third by default) then
//! "sleeps": drops its event stream and connection, waits a little, reconnects, checks
//! that the server shows its vote back, and changes it. At the end every device checks
//! that the room's count is complete.
//!
//! `--out FILE` writes the votes each voter should have in the file (the last one sent);
//! `load check` compares it with `prisk workshop reveal W REF --json` (a named
//! workshop): every voter exactly once, with the last score and comment, from the
//! network. `--await-reveal SECS` keeps the event streams open after voting, prints
//! `ready` and waits for the reveal: every device must get a change event and then see
//! the item revealed in its state.
//!
//! The exit status is 1 when any request failed or any check did not hold.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{Barrier, Notify};
use tokio::task::JoinHandle;

const TIMEOUT: Duration = Duration::from_secs(30);

fn usage() -> ! {
    eprintln!(
        "usage: load URL [--devices N] [--names A,B,...] [--reconnect-every K] [--out FILE]\n\
         \x20           [--await-reveal SECS] [--same-address]\n\
         \x20      load check EXPECTED.json REVEAL.json"
    );
    std::process::exit(2)
}

struct Config {
    url: String,
    server: SocketAddr,
    host: String,
    base: String,
    devices: usize,
    names: Option<Vec<String>>,
    reconnect_every: usize,
    out: Option<String>,
    await_reveal: Option<Duration>,
    same_address: bool,
}

fn parse_args() -> Config {
    let mut args = std::env::args().skip(1);
    let mut url = None;
    let mut devices = 50;
    let mut names = None;
    let mut reconnect_every = 3;
    let mut out = None;
    let mut await_reveal = None;
    let mut same_address = false;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--devices" => devices = value().parse().unwrap_or_else(|_| usage()),
            "--names" => {
                names = Some(
                    value()
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
            "--reconnect-every" => reconnect_every = value().parse().unwrap_or_else(|_| usage()),
            "--out" => out = Some(value()),
            "--await-reveal" => {
                await_reveal = Some(Duration::from_secs_f64(
                    value().parse().unwrap_or_else(|_| usage()),
                ))
            }
            "--same-address" => same_address = true,
            "-h" | "--help" => usage(),
            _ if url.is_none() && !a.starts_with('-') => url = Some(a),
            _ => usage(),
        }
    }
    let url: String = url.unwrap_or_else(|| usage());
    // http://ADDR:PORT/j/TOKEN
    let rest = url.strip_prefix("http://").unwrap_or_else(|| {
        eprintln!("load: {url:?} is not an http:// join URL");
        std::process::exit(2)
    });
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let server: SocketAddr = host.parse().unwrap_or_else(|_| {
        eprintln!("load: {host:?} is not ADDR:PORT");
        std::process::exit(2)
    });
    if names
        .as_ref()
        .is_some_and(|n: &Vec<String>| n.len() < devices)
    {
        eprintln!("load: --names lists fewer names than --devices");
        std::process::exit(2)
    }
    Config {
        url: url.clone(),
        server,
        host: host.to_string(),
        base: format!("/{}", path.trim_end_matches('/')),
        devices,
        names,
        reconnect_every,
        out,
        await_reveal,
        same_address,
    }
}

/// The loopback address device `i` sends from: 127.0.q.(10+r), r < 240.
fn source_address(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, (i / 240) as u8, 0, (10 + i % 240) as u8)
}

// ---------------------------------------------------------------------------------------
// A tiny HTTP/1.1 client: keep-alive, Content-Length or chunked bodies.

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
    fn json(&self) -> Result<Value, String> {
        serde_json::from_str(&self.body).map_err(|e| format!("not JSON ({e}): {:.200}", self.body))
    }
}

async fn connect(server: SocketAddr, source: Option<Ipv4Addr>) -> Result<TcpStream, String> {
    let socket = TcpSocket::new_v4().map_err(|e| format!("socket: {e}"))?;
    if let Some(src) = source {
        socket
            .bind(SocketAddr::V4(SocketAddrV4::new(src, 0)))
            .map_err(|e| format!("bind {src}: {e}"))?;
    }
    let stream = tokio::time::timeout(TIMEOUT, socket.connect(server))
        .await
        .map_err(|_| "connect: timed out".to_string())?
        .map_err(|e| format!("connect: {e}"))?;
    stream
        .set_nodelay(true)
        .map_err(|e| format!("nodelay: {e}"))?;
    Ok(stream)
}

/// One keep-alive connection and what has been read past the last answer.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn fill(&mut self) -> Result<usize, String> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self
            .stream
            .read(&mut chunk)
            .await
            .map_err(|e| format!("read: {e}"))?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// Reads up to the end of the head; `Err` with `closed` when the peer closed first.
    async fn read_head(&mut self) -> Result<(u16, Vec<(String, String)>), String> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buf[..end]).to_string();
                self.buf.drain(..end + 4);
                let mut lines = head.split("\r\n");
                let status_line = lines.next().unwrap_or("");
                let status = status_line
                    .get(9..12)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| format!("bad status line {status_line:?}"))?;
                let headers = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                    .collect();
                return Ok((status, headers));
            }
            if self.fill().await? == 0 {
                return Err(if self.buf.is_empty() {
                    "closed".into()
                } else {
                    "connection closed inside the head".into()
                });
            }
        }
    }

    async fn read_body(&mut self, headers: &[(String, String)]) -> Result<Vec<u8>, String> {
        let get = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.to_ascii_lowercase())
        };
        if let Some(len) = get("content-length") {
            let len: usize = len.parse().map_err(|_| format!("bad length {len:?}"))?;
            while self.buf.len() < len {
                if self.fill().await? == 0 {
                    return Err("connection closed inside the body".into());
                }
            }
            return Ok(self.buf.drain(..len).collect());
        }
        if get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            let mut body = Vec::new();
            loop {
                let line_end = loop {
                    if let Some(i) = find(&self.buf, b"\r\n") {
                        break i;
                    }
                    if self.fill().await? == 0 {
                        return Err("connection closed inside a chunk".into());
                    }
                };
                let size_text = String::from_utf8_lossy(&self.buf[..line_end]).to_string();
                let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16)
                    .map_err(|_| format!("bad chunk size {size_text:?}"))?;
                self.buf.drain(..line_end + 2);
                while self.buf.len() < size + 2 {
                    if self.fill().await? == 0 {
                        return Err("connection closed inside a chunk".into());
                    }
                }
                body.extend(self.buf.drain(..size));
                self.buf.drain(..2);
                if size == 0 {
                    return Ok(body);
                }
            }
        }
        // Neither: the body runs to the end of the connection.
        while self.fill().await? > 0 {}
        Ok(std::mem::take(&mut self.buf))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------
// What the run measures.

#[derive(Default)]
struct Stats {
    /// Milliseconds per kind of request ("vote at the barrier", "join", …).
    latencies: BTreeMap<&'static str, Vec<f64>>,
    /// Answers by HTTP status, and failures without one ("io: …").
    statuses: BTreeMap<String, usize>,
    /// Requests that failed or checks that did not hold.
    failures: Vec<String>,
    requests: usize,
    votes: usize,
}

type Shared = Arc<Mutex<Stats>>;

fn fail(stats: &Shared, who: &str, what: impl Into<String>) {
    let what = what.into();
    let mut s = stats.lock().unwrap();
    if s.failures.len() < 1000 {
        s.failures.push(format!("{who}: {what}"));
    }
}

/// A phone: its address, its cookie, its connection for requests and its event stream.
struct Device {
    index: usize,
    name: String,
    source: Option<Ipv4Addr>,
    cfg: Arc<Config>,
    stats: Shared,
    cookie: Option<String>,
    conn: Option<Conn>,
    events: Option<EventStream>,
}

impl Device {
    fn who(&self) -> String {
        format!("device {} ({})", self.index, self.name)
    }

    fn fail(&self, what: impl Into<String>) {
        fail(&self.stats, &self.who(), what);
    }

    /// One request on the device's keep-alive connection (opened when there is none).
    /// Returns the answer whatever its status; `Err` when no answer came.
    async fn send(
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

    async fn send_inner(
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
    async fn ok_json(
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

    async fn ok_page(&mut self, path: &str, kind: &'static str) -> bool {
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
    async fn load_page(&mut self) -> Option<Value> {
        let mut ok = self.ok_page("", "page").await;
        ok &= self.ok_page("/app.js", "page").await;
        ok &= self.ok_page("/app.css", "page").await;
        let state = self.ok_json("state", "GET", "/api/state", None).await;
        state.filter(|_| ok)
    }

    async fn join(&mut self, participant_id: &str) -> bool {
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

    async fn open_events(&mut self) -> bool {
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

    async fn vote(&mut self, kind: &'static str, item: &str, vote: &Vote) -> bool {
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
    async fn check_my_vote(&mut self, item: &str, expected: &Vote) -> bool {
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
    fn drop_connections(&mut self) {
        self.events = None;
        self.conn = None;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Vote {
    likelihood: u8,
    impact: u8,
    comment: String,
}

impl Vote {
    fn first(i: usize) -> Vote {
        Vote {
            likelihood: 1 + (i % 5) as u8,
            impact: 1 + ((i / 5) % 5) as u8,
            comment: format!("load d{i:03} first"),
        }
    }
    /// Differs from the first vote on both axes.
    fn changed(i: usize) -> Vote {
        Vote {
            likelihood: 1 + ((i + 2) % 5) as u8,
            impact: 1 + ((i / 5 + 1) % 5) as u8,
            comment: format!("load d{i:03} changed"),
        }
    }
    /// `{score: {likelihood, impact}, comment}` as the server sends a vote back.
    fn parse(v: &Value) -> Option<Vote> {
        Some(Vote {
            likelihood: v["score"]["likelihood"].as_u64()? as u8,
            impact: v["score"]["impact"].as_u64()? as u8,
            comment: v["comment"].as_str()?.to_string(),
        })
    }
}

/// An open `GET /api/events`: a task reads it and counts the `change` events.
struct EventStream {
    changes: Arc<AtomicUsize>,
    notify: Arc<Notify>,
    ended: Arc<Mutex<Option<String>>>,
    reader: JoinHandle<()>,
}

impl Drop for EventStream {
    fn drop(&mut self) {
        // Aborting the reader drops its socket: the connection closes, as a sleeping phone's.
        self.reader.abort();
    }
}

impl EventStream {
    async fn open(d: &Device) -> Result<EventStream, String> {
        let started = Instant::now();
        let mut conn = Conn {
            stream: connect(d.cfg.server, d.source).await?,
            buf: Vec::new(),
        };
        let mut request = format!(
            "GET {}/api/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\
             Cache-Control: no-cache\r\n",
            d.cfg.base, d.cfg.host
        );
        if let Some(c) = &d.cookie {
            request += &format!("Cookie: prisk_device={c}\r\n");
        }
        request += "\r\n";
        let head = tokio::time::timeout(TIMEOUT, async {
            conn.stream
                .write_all(request.as_bytes())
                .await
                .map_err(|e| format!("write: {e}"))?;
            conn.read_head().await
        })
        .await
        .map_err(|_| "timed out".to_string())
        .and_then(|r| r);
        {
            let mut s = d.stats.lock().unwrap();
            s.requests += 1;
            let key = match &head {
                Ok((status, _)) => status.to_string(),
                Err(e) => format!("no answer ({})", e.split(':').next().unwrap_or(e)),
            };
            *s.statuses.entry(key).or_default() += 1;
            if head.is_ok() {
                s.latencies
                    .entry("events (head)")
                    .or_default()
                    .push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let (status, headers) = head?;
        let kind = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        if status != 200 || !kind.starts_with("text/event-stream") {
            return Err(format!("{status} {kind}"));
        }
        let changes = Arc::new(AtomicUsize::new(0));
        let notify = Arc::new(Notify::new());
        let ended = Arc::new(Mutex::new(None));
        let (c, n, e) = (changes.clone(), notify.clone(), ended.clone());
        let reader = tokio::spawn(async move {
            // The stream is chunked; counting "event: change" lines in the raw bytes is
            // enough (chunk sizes are on lines of their own).
            let mut text = String::from_utf8_lossy(&conn.buf).to_string();
            conn.buf.clear();
            let mut chunk = [0u8; 4096];
            loop {
                while let Some(i) = text.find('\n') {
                    let line: String = text.drain(..=i).collect();
                    if line.trim_end() == "event: change" {
                        c.fetch_add(1, Ordering::SeqCst);
                        n.notify_waiters();
                    }
                }
                match conn.stream.read(&mut chunk).await {
                    Ok(0) => {
                        *e.lock().unwrap() = Some("the server ended the stream".into());
                        break;
                    }
                    Ok(k) => text.push_str(&String::from_utf8_lossy(&chunk[..k])),
                    Err(err) => {
                        *e.lock().unwrap() = Some(format!("read: {err}"));
                        break;
                    }
                }
            }
            n.notify_waiters();
        });
        Ok(EventStream {
            changes,
            notify,
            ended,
            reader,
        })
    }

    fn ended(&self) -> Option<String> {
        self.ended.lock().unwrap().clone()
    }

    /// Waits for a change event beyond the first `seen`; false at the deadline or when
    /// the stream ended.
    async fn wait_change(&self, seen: usize, deadline: Instant) -> bool {
        loop {
            let notified = self.notify.notified();
            if self.changes.load(Ordering::SeqCst) > seen {
                return true;
            }
            if self.ended().is_some() {
                return false;
            }
            if tokio::time::timeout_at(deadline.into(), notified)
                .await
                .is_err()
            {
                return self.changes.load(Ordering::SeqCst) > seen;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The run.

struct Plan {
    participant_id: String,
    name: String,
    reconnects: bool,
}

/// What one device ends with: the vote it should have in the file, if it got that far.
struct Outcome {
    plan_index: usize,
    participant_id: String,
    name: String,
    last_vote: Option<(String, Vote)>,
    saw_reveal: Option<bool>,
}

struct Barriers {
    joined: Barrier,
    voted: Barrier,
    settled: Barrier,
    ready: Barrier,
}

async fn run_device(
    index: usize,
    plan: Arc<Plan>,
    cfg: Arc<Config>,
    stats: Shared,
    barriers: Arc<Barriers>,
    devices: usize,
) -> Outcome {
    let mut d = Device {
        index,
        name: plan.name.clone(),
        source: (!cfg.same_address).then(|| source_address(index)),
        cfg: cfg.clone(),
        stats: stats.clone(),
        cookie: None,
        conn: None,
        events: None,
    };
    let mut outcome = Outcome {
        plan_index: index,
        participant_id: plan.participant_id.clone(),
        name: plan.name.clone(),
        last_vote: None,
        saw_reveal: None,
    };

    // 1. The page, the names, the claim, the event stream, the state.
    let mut item = None;
    if d.load_page().await.is_some() && d.join(&plan.participant_id).await && d.open_events().await
    {
        if let Some(state) = d.ok_json("state", "GET", "/api/state", None).await {
            match state["item"]["id"].as_str() {
                Some(id) if state["me"]["participant_id"] == plan.participant_id.as_str() => {
                    item = Some(id.to_string())
                }
                _ => d.fail(format!(
                    "state after joining has no item or no me: {state:.300}"
                )),
            }
        }
    }

    // 2. Everyone votes at once.
    barriers.joined.wait().await;
    if let Some(item) = &item {
        let first = Vote::first(index);
        if d.vote("vote at the barrier", item, &first).await {
            outcome.last_vote = Some((item.clone(), first.clone()));
            // 3. The sleepers: gone for a moment, back, vote shown, vote changed.
            if plan.reconnects {
                d.drop_connections();
                let nap = 200 + (index as u64 * 37) % 600;
                tokio::time::sleep(Duration::from_millis(nap)).await;
                let back = d.load_page().await.is_some() && d.open_events().await;
                if back && d.check_my_vote(item, &first).await {
                    let changed = Vote::changed(index);
                    if d.vote("vote after reconnecting", item, &changed).await {
                        outcome.last_vote = Some((item.clone(), changed.clone()));
                        d.check_my_vote(item, &changed).await;
                    }
                }
            }
            // The others, like the page, show the vote's answer without reading the state
            // again; the state must show it back once everyone has voted (below).
        }
    }
    barriers.voted.wait().await;
    if !plan.reconnects {
        if let (Some(item), Some((_, vote))) = (&item, outcome.last_vote.clone()) {
            d.check_my_vote(item, &vote).await;
        }
    }

    // 4. The room's count is complete, and the event stream is still open.
    if item.is_some() {
        if let Some(state) = d.ok_json("state", "GET", "/api/state", None).await {
            let (voted, voters) = (&state["item"]["voted"], &state["item"]["voters"]);
            if voted.as_u64() != Some(devices as u64) {
                d.fail(format!(
                    "state: {voted} of {voters} voted, expected {devices} (one per device)"
                ));
            }
        }
        match &d.events {
            Some(e) => {
                if let Some(why) = e.ended() {
                    d.fail(format!("event stream ended: {why}"));
                }
            }
            None => d.fail("no event stream"),
        }
    }
    barriers.settled.wait().await;

    // 5. Optionally: the facilitator reveals; every phone hears it and shows the result.
    if let Some(wait) = cfg.await_reveal {
        let seen = d
            .events
            .as_ref()
            .map(|e| e.changes.load(Ordering::SeqCst))
            .unwrap_or(0);
        // The main task prints "ready" once every device is here; the reveal follows.
        barriers.ready.wait().await;
        let deadline = Instant::now() + wait;
        let mut saw = false;
        if let Some(e) = &d.events {
            if e.wait_change(seen, deadline).await {
                if let Some(state) = d.ok_json("state", "GET", "/api/state", None).await {
                    saw = state["item"]["revealed"] == true
                        && state["item"]["result"]["revealed"] == true;
                    if !saw {
                        d.fail(format!(
                            "a change event, but the state shows no reveal: {:.300}",
                            state["item"]
                        ));
                    }
                }
            } else {
                d.fail(format!(
                    "no change event for the reveal within {} s{}",
                    wait.as_secs(),
                    e.ended().map(|w| format!(" ({w})")).unwrap_or_default()
                ));
            }
        }
        outcome.saw_reveal = Some(saw);
    }
    d.drop_connections();
    outcome
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(values: &[f64]) -> String {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    format!(
        "n={:<4} p50 {:>7.2}  p90 {:>7.2}  p99 {:>7.2}  max {:>7.2}",
        v.len(),
        percentile(&v, 50.0),
        percentile(&v, 90.0),
        percentile(&v, 99.0),
        v.last().copied().unwrap_or(f64::NAN)
    )
}

async fn plans(cfg: &Arc<Config>, stats: &Shared) -> Result<Vec<Plan>, String> {
    // The voters as the page lists them before joining.
    let mut scout = Device {
        index: usize::MAX,
        name: "scout".into(),
        source: (!cfg.same_address).then(|| Ipv4Addr::new(127, 0, 0, 9)),
        cfg: cfg.clone(),
        stats: stats.clone(),
        cookie: None,
        conn: None,
        events: None,
    };
    let state = scout
        .ok_json("state", "GET", "/api/state", None)
        .await
        .ok_or("could not read the voters from /api/state")?;
    let voters = state["voters"]
        .as_array()
        .ok_or("the state lists no voters")?;
    let free: Vec<(String, String)> = voters
        .iter()
        .filter(|v| v["claimed"] != true)
        .filter_map(|v| {
            Some((
                v["participant_id"].as_str()?.into(),
                v["name"].as_str()?.into(),
            ))
        })
        .collect();
    let chosen: Vec<(String, String)> = match &cfg.names {
        Some(names) => names
            .iter()
            .take(cfg.devices)
            .map(|n| {
                free.iter()
                    .find(|(_, name)| name == n)
                    .cloned()
                    .ok_or_else(|| format!("no unclaimed voter named {n:?}"))
            })
            .collect::<Result<_, _>>()?,
        None => free.into_iter().take(cfg.devices).collect(),
    };
    if chosen.len() < cfg.devices {
        return Err(format!(
            "{} devices but only {} unclaimed voters",
            cfg.devices,
            chosen.len()
        ));
    }
    Ok(chosen
        .into_iter()
        .enumerate()
        .map(|(i, (participant_id, name))| Plan {
            participant_id,
            name,
            reconnects: cfg.reconnect_every > 0 && i % cfg.reconnect_every == 0,
        })
        .collect())
}

async fn load(cfg: Config) -> i32 {
    let cfg = Arc::new(cfg);
    let stats: Shared = Arc::default();
    let plans = match plans(&cfg, &stats).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("load: {e}");
            return 1;
        }
    };
    let n = plans.len();
    let reconnecting = plans.iter().filter(|p| p.reconnects).count();
    let from = if cfg.same_address {
        "all from 127.0.0.1".to_string()
    } else {
        format!(
            "source addresses {}–{}",
            source_address(0),
            source_address(n.saturating_sub(1))
        )
    };
    println!(
        "load: {} · {n} devices ({from}), {reconnecting} reconnect mid-round",
        cfg.url
    );
    let barriers = Arc::new(Barriers {
        joined: Barrier::new(n),
        voted: Barrier::new(n),
        settled: Barrier::new(n),
        ready: Barrier::new(n + 1),
    });
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, plan) in plans.into_iter().enumerate() {
        tasks.push(tokio::spawn(run_device(
            i,
            Arc::new(plan),
            cfg.clone(),
            stats.clone(),
            barriers.clone(),
            n,
        )));
    }
    if cfg.await_reveal.is_some() {
        barriers.ready.wait().await;
        // Everyone has voted and checked: the script may reveal now.
        println!("ready");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
    }
    let mut outcomes = Vec::new();
    for t in tasks {
        match t.await {
            Ok(o) => outcomes.push(o),
            Err(e) => fail(&stats, "load", format!("a device task failed: {e}")),
        }
    }
    let elapsed = started.elapsed();

    // Report.
    let s = stats.lock().unwrap();
    let mut all_votes = Vec::new();
    for k in ["vote at the barrier", "vote after reconnecting"] {
        all_votes.extend(s.latencies.get(k).cloned().unwrap_or_default());
    }
    println!(
        "devices {n}, requests {}, votes sent {} in {:.1} s",
        s.requests,
        s.votes,
        elapsed.as_secs_f64()
    );
    println!("latency in ms (first byte sent → last byte of the answer, on an open connection):");
    println!("  {:<24} {}", "vote (all)", summary(&all_votes));
    for (k, v) in &s.latencies {
        println!("  {k:<24} {}", summary(v));
    }
    let statuses: Vec<String> = s
        .statuses
        .iter()
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect();
    println!("answers by status: {}", statuses.join(", "));
    if cfg.await_reveal.is_some() {
        let saw = outcomes
            .iter()
            .filter(|o| o.saw_reveal == Some(true))
            .count();
        println!("reveal seen over the event stream and in the state: {saw} of {n} devices");
    }
    if let Some(path) = &cfg.out {
        let votes: Vec<Value> = outcomes
            .iter()
            .filter_map(|o| {
                let (item, v) = o.last_vote.as_ref()?;
                Some(json!({
                    "device": o.plan_index,
                    "participant_id": o.participant_id,
                    "name": o.name,
                    "item_id": item,
                    "likelihood": v.likelihood,
                    "impact": v.impact,
                    "comment": v.comment,
                    "changed": v.comment.ends_with("changed"),
                }))
            })
            .collect();
        let text =
            serde_json::to_string_pretty(&json!({ "devices": n, "votes": votes })).expect("JSON");
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("load: writing {path}: {e}");
            return 1;
        }
    }
    if s.failures.is_empty() {
        println!("failures: none");
        0
    } else {
        println!("failures: {}", s.failures.len());
        for f in s.failures.iter().take(30) {
            println!("  {f}");
        }
        if s.failures.len() > 30 {
            println!("  … and {} more", s.failures.len() - 30);
        }
        1
    }
}

// ---------------------------------------------------------------------------------------
// `load check EXPECTED REVEAL`

fn check(expected_path: &str, reveal_path: &str) -> i32 {
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("check") {
        if args.len() != 4 {
            usage();
        }
        std::process::exit(check(&args[2], &args[3]));
    }
    let cfg = parse_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let code = runtime.block_on(load(cfg));
    // Open event streams would keep nothing alive, but leave at once anyway.
    runtime.shutdown_timeout(Duration::from_millis(100));
    std::process::exit(code);
}
