//! The partner's view kept beside ours — their scores and comments, dated and attributed —
//! never over our scores; and *Where we disagree*.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::Result;
use crate::exchange::file::Payload;
use crate::exchange::snapshot::{Row, Snapshot};
use crate::matrix::Score;
use crate::store::{Entity, Store, Writer};

/// The partner's view of one of our risks, as their copy came back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnerView {
    pub id: String,
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    /// Who sent it, and from which workspace.
    pub author: String,
    pub workspace: String,
    /// When they sent it.
    pub at: DateTime<Utc>,
    pub inherent: Option<Score>,
    pub residual: Option<Score>,
    pub target: Option<Score>,
    /// Their words: the rationale of their reviews, and the texts they changed.
    pub comment: String,
}

fn score(row: &Row, field: &str) -> Option<Score> {
    let parts = row.get(field)?.as_object()?;
    let l = parts.get(&format!("{field}_l"))?.as_u64()?;
    let i = parts.get(&format!("{field}_i"))?.as_u64()?;
    Some(Score::new(l as u8, i as u8))
}

/// One view per risk of ours whose scores or texts the partner changed since our share.
pub(crate) fn views(base: &Snapshot, mine: &Snapshot, payload: &Payload) -> Vec<PartnerView> {
    let theirs = &payload.records;
    let mut out = Vec::new();
    let empty = Default::default();
    for (key, row) in theirs.rows("risks").unwrap_or(&empty) {
        let Some(ours) = mine.get("risks", key) else {
            continue;
        };
        let b = base.get("risks", key);
        let changed = |f: &str| row.get(f) != b.and_then(|b| b.get(f)) && row.contains_key(f);
        let scores_changed = ["inherent", "residual", "target"]
            .iter()
            .any(|f| changed(f));
        let mut comment: Vec<String> = theirs
            .rows("reviews")
            .unwrap_or(&empty)
            .iter()
            .filter(|(k, r)| {
                r.get("risk_id").and_then(Value::as_str) == Some(key.as_str())
                    && base.get("reviews", k).is_none()
            })
            .filter_map(|(_, r)| r.get("rationale").and_then(Value::as_str))
            .filter(|t| !t.trim().is_empty())
            .map(String::from)
            .collect();
        for f in ["description", "cause", "consequence", "treatment_rationale"] {
            if changed(f) && b.is_some_and(|b| b.contains_key(f)) {
                if let Some(text) = row.get(f).and_then(Value::as_str) {
                    comment.push(format!("{f}: {text}"));
                }
            }
        }
        if !scores_changed && comment.is_empty() {
            continue;
        }
        let text = |r: &Row, f: &str| {
            r.get(f)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        out.push(PartnerView {
            id: format!("{}-{}", &payload.digest[..16], key),
            risk_id: key.clone(),
            reference: text(ours, "reference"),
            title: text(ours, "title"),
            author: payload.sender.name.clone(),
            workspace: payload.sender.workspace.clone(),
            at: payload.sent_at,
            inherent: score(row, "inherent"),
            residual: score(row, "residual"),
            target: score(row, "target"),
            comment: comment.join("\n"),
        });
    }
    out
}

/// Keeps the partner's views beside our risks, with an audit row each.
pub(crate) fn record(w: &Writer<'_>, partnership_id: &str, views: &[PartnerView]) -> Result<()> {
    let split = |s: Option<Score>| (s.map(|s| s.likelihood), s.map(|s| s.impact));
    for v in views {
        let (il, ii) = split(v.inherent);
        let (rl, ri) = split(v.residual);
        let (tl, ti) = split(v.target);
        let inserted = w.tx.execute(
            "INSERT INTO partner_views (id, risk_id, partnership_id, author, workspace, at,
                 inherent_l, inherent_i, residual_l, residual_i, target_l, target_i, comment, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (id) DO NOTHING",
            params![
                v.id, v.risk_id, partnership_id, v.author, v.workspace, v.at, il, ii, rl, ri, tl,
                ti, v.comment, w.at
            ],
        )?;
        if inserted > 0 {
            w.audit_field(
                Entity::Risk,
                &v.risk_id,
                Some(partnership_id),
                "partner_view",
                None,
                Some(serde_json::to_string(v).expect("views serialise")),
            )?;
        }
    }
    Ok(())
}

/// The partner's views of a partnership's risks, newest first.
pub fn partner_views(store: &Store, partnership_id: &str) -> Result<Vec<PartnerView>> {
    let mut stmt = store.connection().prepare(
        "SELECT v.id, v.risk_id, coalesce(r.reference, ''), coalesce(r.title, ''), v.author, v.workspace, v.at,
                v.inherent_l, v.inherent_i, v.residual_l, v.residual_i, v.target_l, v.target_i, v.comment
         FROM partner_views v LEFT JOIN risks r ON r.id = v.risk_id
         WHERE v.partnership_id = ?1 ORDER BY v.at DESC, r.reference",
    )?;
    let rows = stmt.query_map([partnership_id], |r| {
        let pair = |a: usize| -> rusqlite::Result<Option<Score>> {
            let l: Option<u8> = r.get(a)?;
            let i: Option<u8> = r.get(a + 1)?;
            Ok(l.zip(i).map(|(l, i)| Score::new(l, i)))
        };
        Ok(PartnerView {
            id: r.get(0)?,
            risk_id: r.get(1)?,
            reference: r.get(2)?,
            title: r.get(3)?,
            author: r.get(4)?,
            workspace: r.get(5)?,
            at: r.get(6)?,
            inherent: pair(7)?,
            residual: pair(9)?,
            target: pair(11)?,
            comment: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One score where the partner's latest view and ours lie more than one step apart (in
/// likelihood or impact): what *Where we disagree* lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Disagreement {
    pub risk_id: String,
    pub reference: String,
    pub title: String,
    /// `inherent`, `residual` or `target`.
    pub kind: String,
    pub ours: Score,
    pub theirs: Score,
    /// The larger of the two differences, in steps of the matrix.
    pub steps: u8,
    pub author: String,
    pub at: DateTime<Utc>,
}

/// Where the partner's latest view of each risk differs from our scores by more than one
/// step, largest first.
pub fn disagreements(store: &Store, partnership_id: &str) -> Result<Vec<Disagreement>> {
    let mut latest: std::collections::HashMap<String, PartnerView> = Default::default();
    // Newest first: the first view of a risk is its latest.
    for v in partner_views(store, partnership_id)? {
        latest.entry(v.risk_id.clone()).or_insert(v);
    }
    let mut out = Vec::new();
    for risk in store.risks(partnership_id)? {
        let Some(view) = latest.get(&risk.id) else {
            continue;
        };
        for (kind, ours, theirs) in [
            ("inherent", risk.fields.inherent, view.inherent),
            ("residual", risk.fields.residual, view.residual),
            ("target", risk.fields.target, view.target),
        ] {
            let (Some(ours), Some(theirs)) = (ours, theirs) else {
                continue;
            };
            let steps = ours
                .likelihood
                .abs_diff(theirs.likelihood)
                .max(ours.impact.abs_diff(theirs.impact));
            if steps > 1 {
                out.push(Disagreement {
                    risk_id: risk.id.clone(),
                    reference: risk.reference.clone(),
                    title: risk.fields.title.clone(),
                    kind: kind.into(),
                    ours,
                    theirs,
                    steps,
                    author: view.author.clone(),
                    at: view.at,
                });
            }
        }
    }
    out.sort_by(|a, b| b.steps.cmp(&a.steps).then(a.reference.cmp(&b.reference)));
    Ok(out)
}
