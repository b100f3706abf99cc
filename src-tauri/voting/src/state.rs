//! What the server keeps in memory: the workshop token, the devices that joined, the
//! rate-limit buckets, and the last state of the workshop seen by the poller.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use partner_risk_core::matrix::Score;
use partner_risk_core::workshop::{AgendaItem, WorkshopStatus};
use partner_risk_core::Store;
use serde::Serialize;
use subtle::ConstantTimeEq;
use tokio::sync::watch;

use crate::error::ApiError;
use crate::Options;

/// 128 random bits from the operating system, as 32 lowercase hex digits.
pub(crate) fn random_hex() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal strings, compared in time that does not depend on where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Wrong join codes accepted in all before code entry closes: with 10^8 codes, 50
/// guesses find the code with a chance of one in two million.
pub(crate) const MAX_WRONG_CODES: u32 = 50;

/// What a typed join code earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeCheck {
    Right,
    Wrong,
    Closed,
}

/// Eight random decimal digits for people to type (the token is for links).
pub(crate) fn random_code() -> Result<String, String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    // 2^64 is not a multiple of 10^8: the bias is below one part in 10^11.
    Ok(format!("{:08}", u64::from_le_bytes(bytes) % 100_000_000))
}

/// A device that claimed a voter's name.
struct Device {
    token: String,
    name: String,
    /// The last vote sent from this device: (item, round, score, comment), shown back to
    /// it after a reload; the store keeps ballots hidden until the reveal.
    last_vote: Option<(String, u32, Score, String)>,
    last_seen: Instant,
    /// Open event streams: a device listening for changes is connected.
    streams: usize,
}

/// A joined device as the facilitator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DeviceInfo {
    pub participant_id: String,
    pub name: String,
    /// Seen in the last 30 seconds (the page keeps an event stream open).
    pub connected: bool,
    /// Has voted in the current round of the current item.
    pub voted: bool,
}

/// What the devices follow: a change of any of these makes them fetch their state again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub status: Option<WorkshopStatus>,
    pub item: Option<(String, u32, bool, bool)>,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

pub(crate) struct AppState {
    pub store: Arc<Mutex<Store>>,
    pub workshop_id: String,
    /// The bound address as a `Host` header must spell it.
    pub host: String,
    pub token: String,
    /// Typed instead of scanning the QR code, at the server's root page.
    join_code: String,
    wrong_codes: AtomicU32,
    devices: Mutex<HashMap<String, Device>>,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
    rate: f64,
    burst: f64,
    pub changes: watch::Receiver<Signature>,
    /// The last words to every phone when voting ends (set once, by `stop`).
    pub closing: watch::Receiver<Option<String>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the server down with it: the maps stay usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn new(
        store: Arc<Mutex<Store>>,
        workshop_id: String,
        bound: SocketAddr,
        token: String,
        join_code: String,
        options: &Options,
        (changes, closing): (watch::Receiver<Signature>, watch::Receiver<Option<String>>),
    ) -> Self {
        AppState {
            store,
            workshop_id,
            host: bound.to_string(),
            token,
            join_code,
            wrong_codes: AtomicU32::new(0),
            devices: Mutex::new(HashMap::new()),
            buckets: Mutex::new(HashMap::new()),
            rate: options.rate_per_second,
            burst: options.burst,
            changes,
            closing,
        }
    }

    /// The join code as the facilitator's screen shows it: `4821-0937`.
    pub fn code(&self) -> String {
        format!("{}-{}", &self.join_code[..4], &self.join_code[4..])
    }

    /// Checks a typed join code (separators and spaces ignored). After
    /// [`MAX_WRONG_CODES`] wrong codes in all, code entry closes for good (the link and
    /// QR code keep working), so that guessing can never get far.
    pub fn check_code(&self, typed: &str) -> CodeCheck {
        if self.wrong_codes.load(Ordering::Relaxed) >= MAX_WRONG_CODES {
            return CodeCheck::Closed;
        }
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        if same_secret(&digits, &self.join_code) {
            CodeCheck::Right
        } else {
            self.wrong_codes.fetch_add(1, Ordering::Relaxed);
            CodeCheck::Wrong
        }
    }

    /// Takes one token from the address's bucket; false when it is empty.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut buckets = lock(&self.buckets);
        // Forget quiet addresses so that the map cannot grow without end.
        if buckets.len() > 1024 {
            buckets.retain(|_, b| now.duration_since(b.last) < Duration::from_secs(10));
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: self.burst,
            last: now,
        });
        let refill = now.duration_since(bucket.last).as_secs_f64() * self.rate;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// The participant whose device carries this token, if any (compared in constant time
    /// against every device's token).
    pub fn device(&self, token: Option<&str>) -> Option<(String, String)> {
        let token = token?;
        let mut devices = lock(&self.devices);
        let mut found = None;
        for (participant_id, device) in devices.iter() {
            if same_secret(&device.token, token) {
                found = Some(participant_id.clone());
            }
        }
        let id = found?;
        let device = devices.get_mut(&id)?;
        device.last_seen = Instant::now();
        Some((id, device.name.clone()))
    }

    pub fn claimed(&self) -> Vec<String> {
        lock(&self.devices).keys().cloned().collect()
    }

    /// Claims a name for a new device; `Err` names who holds it.
    pub fn claim(
        &self,
        participant_id: &str,
        name: &str,
        voters: usize,
    ) -> Result<String, ApiError> {
        let mut devices = lock(&self.devices);
        if devices.contains_key(participant_id) {
            return Err(ApiError::conflict(
                "participant_id",
                format!("{name} has already joined on another device; ask the facilitator to release the name"),
            ));
        }
        if devices.len() >= voters {
            return Err(ApiError::conflict(
                "participant_id",
                "every voter has joined already",
            ));
        }
        let token = random_hex().map_err(|_| ApiError::internal())?;
        devices.insert(
            participant_id.to_string(),
            Device {
                token: token.clone(),
                name: name.to_string(),
                last_vote: None,
                last_seen: Instant::now(),
                streams: 0,
            },
        );
        Ok(token)
    }

    pub fn release(&self, participant_id: &str) -> bool {
        lock(&self.devices).remove(participant_id).is_some()
    }

    pub fn remember_vote(
        &self,
        participant_id: &str,
        item: &AgendaItem,
        score: Score,
        comment: &str,
    ) {
        if let Some(d) = lock(&self.devices).get_mut(participant_id) {
            d.last_vote = Some((item.id.clone(), item.round, score, comment.to_string()));
        }
    }

    /// The device's own vote in this round of this item, if it sent one.
    pub fn my_vote(&self, participant_id: &str, item: &AgendaItem) -> Option<(Score, String)> {
        let devices = lock(&self.devices);
        match &devices.get(participant_id)?.last_vote {
            Some((id, round, score, comment)) if *id == item.id && *round == item.round => {
                Some((*score, comment.clone()))
            }
            _ => None,
        }
    }

    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> partner_risk_core::Result<T>,
    ) -> Result<T, ApiError> {
        let mut store = self.store.lock().map_err(|_| ApiError::internal())?;
        f(&mut store).map_err(ApiError::from)
    }

    /// The devices and whether each voted in the current round (blocking: store work).
    pub fn device_infos(&self) -> Result<Vec<DeviceInfo>, ApiError> {
        let voted: Vec<String> = self.with_store(|store| {
            Ok(match store.current_item(&self.workshop_id)? {
                Some(item) => store
                    .item_view(&item.id)?
                    .voted
                    .into_iter()
                    .filter(|v| v.voted)
                    .map(|v| v.participant_id)
                    .collect(),
                None => Vec::new(),
            })
        })?;
        let now = Instant::now();
        let mut list: Vec<DeviceInfo> = lock(&self.devices)
            .iter()
            .map(|(id, d)| DeviceInfo {
                participant_id: id.clone(),
                name: d.name.clone(),
                connected: d.streams > 0
                    || now.duration_since(d.last_seen) < Duration::from_secs(30),
                voted: voted.contains(id),
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(list)
    }

    /// Counts a device's open event streams.
    pub fn listening(&self, participant_id: &str, open: bool) {
        if let Some(d) = lock(&self.devices).get_mut(participant_id) {
            d.last_seen = Instant::now();
            d.streams = if open {
                d.streams + 1
            } else {
                d.streams.saturating_sub(1)
            };
        }
    }

    pub fn signature(&self) -> Result<Signature, ApiError> {
        self.with_store(|store| {
            let w = store.workshop(&self.workshop_id)?;
            let item = match store.current_item(&self.workshop_id)? {
                Some(i) => {
                    let decided = store.decision(&i.id)?.is_some();
                    Some((i.id, i.round, i.revealed, decided))
                }
                None => None,
            };
            Ok(Signature {
                status: Some(w.status),
                item,
            })
        })
    }
}

/// Looks at the store every `every` and publishes the workshop's signature when it
/// changed; the devices' event streams follow the channel.
pub(crate) async fn poll_changes(
    state: Arc<AppState>,
    changes: watch::Sender<Signature>,
    every: Duration,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let s = state.clone();
        if let Ok(Ok(sig)) = tokio::task::spawn_blocking(move || s.signature()).await {
            changes.send_if_modified(|old| {
                if *old != sig {
                    *old = sig;
                    true
                } else {
                    false
                }
            });
        }
    }
}
