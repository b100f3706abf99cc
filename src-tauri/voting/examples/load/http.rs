//! A tiny HTTP/1.1 client over plain sockets: keep-alive, Content-Length or chunked bodies,
//! each connection bound to the device's own loopback address.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

use serde_json::Value;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpSocket, TcpStream};

use crate::*;

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
    pub fn json(&self) -> Result<Value, String> {
        serde_json::from_str(&self.body).map_err(|e| format!("not JSON ({e}): {:.200}", self.body))
    }
}

pub async fn connect(server: SocketAddr, source: Option<Ipv4Addr>) -> Result<TcpStream, String> {
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
pub struct Conn {
    pub stream: TcpStream,
    pub buf: Vec<u8>,
}

impl Conn {
    pub async fn fill(&mut self) -> Result<usize, String> {
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
    pub async fn read_head(&mut self) -> Result<(u16, Vec<(String, String)>), String> {
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

    pub async fn read_body(&mut self, headers: &[(String, String)]) -> Result<Vec<u8>, String> {
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

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
