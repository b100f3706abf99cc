//! One device's part of the run (join, vote at the barrier, sleep and reconnect, wait for
//! the reveal), the plan of who reconnects, and the latency summary.

use std::net::Ipv4Addr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Barrier;

use crate::*;

pub struct Plan {
    pub participant_id: String,
    pub name: String,
    pub reconnects: bool,
}

/// What one device ends with: the vote it should have in the file, if it got that far.
pub struct Outcome {
    pub plan_index: usize,
    pub participant_id: String,
    pub name: String,
    pub last_vote: Option<(String, Vote)>,
    pub saw_reveal: Option<bool>,
}

pub struct Barriers {
    pub joined: Barrier,
    pub voted: Barrier,
    pub settled: Barrier,
    pub ready: Barrier,
}

pub async fn run_device(
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

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn summary(values: &[f64]) -> String {
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

pub async fn plans(cfg: &Arc<Config>, stats: &Shared) -> Result<Vec<Plan>, String> {
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
