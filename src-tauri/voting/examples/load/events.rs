//! A device's open `GET /api/events` stream: a task reads it and counts the `change` events.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::*;

/// An open `GET /api/events`: a task reads it and counts the `change` events.
pub struct EventStream {
    pub changes: Arc<AtomicUsize>,
    pub notify: Arc<Notify>,
    pub ended: Arc<Mutex<Option<String>>>,
    pub reader: JoinHandle<()>,
}

impl Drop for EventStream {
    fn drop(&mut self) {
        // Aborting the reader drops its socket: the connection closes, as a sleeping phone's.
        self.reader.abort();
    }
}

impl EventStream {
    pub async fn open(d: &Device) -> Result<EventStream, String> {
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

    pub fn ended(&self) -> Option<String> {
        self.ended.lock().unwrap().clone()
    }

    /// Waits for a change event beyond the first `seen`; false at the deadline or when
    /// the stream ended.
    pub async fn wait_change(&self, seen: usize, deadline: Instant) -> bool {
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
