//! The `.prisk-exchange` file: one line of JSON (the format, its version, the SHA-256 of
//! what follows and its length), then the payload as gzip-compressed JSON. The header and
//! the digest are checked before a byte of the payload is read.

use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::Category;

/// Names a Partner Risk exchange file.
pub const FORMAT: &str = "partner-risk/exchange";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// The usual extension.
pub const EXTENSION: &str = "prisk-exchange";
/// Files larger than this are refused before they are read (10,000 risks take ~2 MB).
const MAX_FILE: u64 = 512 * 1024 * 1024;
/// The payload may not inflate beyond this.
const MAX_PAYLOAD: u64 = 2 * 1024 * 1024 * 1024;

/// The first line of a file. Besides what checks the body, it repeats what the receiver
/// needs to choose its base (so that the body and the base are read side by side); the
/// body must agree with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// SHA-256 (hex) of the bytes after the header line.
    pub digest: String,
    pub bytes: u64,
    pub partnership_id: String,
    /// [`Payload::digest`].
    pub records: String,
    /// [`Payload::bases`].
    pub bases: Vec<String>,
}

/// A file whose header and digest were checked; its body not yet read.
pub struct Opened {
    pub header: Header,
    /// The gzip-compressed payload.
    pub body: Vec<u8>,
}

/// Who sent a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// The person (the workspace's actor when it was written).
    pub name: String,
    /// The sending workspace's id (kept in its settings).
    pub workspace_id: String,
    /// The sending workspace's file name.
    pub workspace: String,
}

/// A share with the partner: what was chosen to leave the house.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// The references of the risks shared (all when empty).
    pub risks: Vec<String>,
    /// The risk fields shared beyond the title, category and scores (all the partner may
    /// see when empty).
    pub fields: Vec<String>,
}

/// What an exchange file carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub partnership_id: String,
    pub partnership_name: String,
    pub sender: Sender,
    pub sent_at: DateTime<Utc>,
    /// The Partner Risk version that wrote it.
    pub app_version: String,
    /// The workspace schema it was written from.
    pub schema_version: i64,
    /// [`Snapshot::digest`] of `records`.
    pub digest: String,
    /// The digests of the earlier copies of this partnership the sender keeps (sent or
    /// merged), newest first: the receiver merges against the newest one it keeps too.
    pub bases: Vec<String>,
    /// Present on a share with the partner (or the partner's copy of one).
    pub share: Option<Share>,
    /// The matrix the partnership is scored on, and the categories its risks use.
    pub matrix: Matrix,
    pub categories: Vec<Category>,
    pub records: Snapshot,
}

fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::invalid("file", path.display().to_string(), reason.into())
}

/// The file's bytes.
pub fn encode(payload: &Payload) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(payload).expect("payloads serialise");
    let mut gz = GzEncoder::new(Vec::new(), Compression::new(6));
    gz.write_all(&json)
        .and_then(|_| gz.flush())
        .map_err(|e| Error::invalid("file", "", format!("cannot compress: {e}")))?;
    let body = gz
        .finish()
        .map_err(|e| Error::invalid("file", "", format!("cannot compress: {e}")))?;
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        digest: format!("{:x}", Sha256::digest(&body)),
        bytes: body.len() as u64,
        partnership_id: payload.partnership_id.clone(),
        records: payload.digest.clone(),
        bases: payload.bases.clone(),
    };
    let mut out = serde_json::to_vec(&header).expect("headers serialise");
    out.push(b'\n');
    out.extend_from_slice(&body);
    Ok(out)
}

/// Reads and checks a file: its header, the digest of its body, then the payload, which
/// must agree with the header. Refuses, naming the reason, anything else.
pub fn read(path: &Path) -> Result<Payload> {
    let opened = open(path)?;
    let payload = decode_body(path, &opened.body)?;
    agrees(path, &opened.header, &payload)?;
    Ok(payload)
}

/// Reads a file's header and checks its body against the digest, without reading the body.
pub fn open(path: &Path) -> Result<Opened> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE {
        return Err(refuse(
            path,
            format!("{size} bytes: larger than an exchange file can be ({MAX_FILE})"),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    open_bytes(path, bytes)
}

/// Checks the header and the digest of a file's bytes received some other way (`name` says
/// what they are in messages), without reading the body.
pub fn open_bytes(name: &Path, mut bytes: Vec<u8>) -> Result<Opened> {
    let path = name;
    let header = check(path, &bytes)?;
    let end = bytes.iter().position(|b| *b == b'\n').unwrap_or(0);
    let body = bytes.split_off(end + 1);
    Ok(Opened { header, body })
}

fn check(path: &Path, bytes: &[u8]) -> Result<Header> {
    let not_exchange = || refuse(path, "not a Partner Risk exchange file");
    let end = bytes
        .iter()
        .take(16 * 1024)
        .position(|b| *b == b'\n')
        .ok_or_else(not_exchange)?;
    let header: serde_json::Value =
        serde_json::from_slice(&bytes[..end]).map_err(|_| not_exchange())?;
    if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_exchange());
    }
    let version = header.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > VERSION as u64 {
        return Err(refuse(
            path,
            format!(
                "written by a newer Partner Risk (exchange version {version}; this build reads version {VERSION}): update Partner Risk to merge it"
            ),
        ));
    }
    let header: Header = serde_json::from_value(header)
        .map_err(|e| refuse(path, format!("damaged: its header does not read ({e})")))?;
    if header.version != VERSION {
        return Err(refuse(
            path,
            format!(
                "exchange version {} is not one this build reads",
                header.version
            ),
        ));
    }
    let body = &bytes[end + 1..];
    if body.len() as u64 != header.bytes {
        return Err(refuse(
            path,
            format!(
                "damaged: {} bytes of content where the header says {} (cut short or added to)",
                body.len(),
                header.bytes
            ),
        ));
    }
    if format!("{:x}", Sha256::digest(body)) != header.digest {
        return Err(refuse(
            path,
            "damaged or changed since it was written: its content does not match its digest",
        ));
    }
    Ok(header)
}

/// Decompresses and reads a payload (a file's body, or a base kept by a workspace).
pub fn decode_body(path: &Path, body: &[u8]) -> Result<Payload> {
    let mut json = Vec::new();
    GzDecoder::new(body)
        .take(MAX_PAYLOAD)
        .read_to_end(&mut json)
        .map_err(|e| {
            refuse(
                path,
                format!("damaged: the content does not decompress ({e})"),
            )
        })?;
    let de = &mut serde_json::Deserializer::from_slice(&json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        refuse(path, format!("damaged: {at}: {}", e.into_inner()))
    })
}

/// The body says what the header says.
pub(crate) fn agrees(path: &Path, header: &Header, payload: &Payload) -> Result<()> {
    if header.partnership_id != payload.partnership_id
        || header.records != payload.digest
        || header.bases != payload.bases
    {
        return Err(refuse(
            path,
            "changed since it was written: its header and its content disagree",
        ));
    }
    Ok(())
}
