//! Two-sided exchanges: a share with the partner (the chosen risks and fields; internal
//! rationale, costs, reviews, ballots and people's contact details stay home), the checks
//! of what arrives, and the partner's view kept beside ours — their scores and comments,
//! dated and attributed — never over our scores.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::file::{Payload, Share};
use super::snapshot::{key_of, shared_columns, Row, Snapshot};
use super::tables::{self, TABLES};
use crate::error::{Error, Result};
use crate::matrix::Score;
use crate::store::{Entity, Store, Writer};

/// The setting that marks a partnership imported from a partner's share (its copies go
/// back as shares).
pub(crate) fn share_key(partnership_id: &str) -> String {
    format!("exchange.share.{partnership_id}")
}

/// Risk fields every share carries.
const ALWAYS: [&str; 11] = [
    "id",
    "partnership_id",
    "reference",
    "category",
    "title",
    "status",
    "inherent",
    "residual",
    "target",
    "created_at",
    "updated_at",
];

/// An accepted risk names who approved the acceptance and until when; the approver is a
/// person of ours and stays home: the partner sees that we did (as a reading's recorder).
/// An acceptance whose expiry is not shared goes as no treatment decided.
fn shared_acceptance(row: &mut Row) {
    if row.get("treatment").and_then(Value::as_str) != Some("accept") {
        return;
    }
    if row
        .get("acceptance_expiry")
        .is_none_or(|e| e.as_str().is_none_or(|e| e.trim().is_empty()))
    {
        row.insert("treatment".into(), Value::Null);
        return;
    }
    let named = row
        .get("acceptance_approver")
        .and_then(Value::as_str)
        .is_some_and(|a| !a.trim().is_empty());
    if !named {
        row.insert("acceptance_approver".into(), Value::String("shared".into()));
    }
}

/// Cuts a partnership down to a share with the partner.
pub(crate) fn filter(records: &mut Snapshot, risks: &[String], fields: &[String]) -> Result<Share> {
    records
        .tables
        .retain(|name, _| tables::find(name).is_some_and(|t| t.partner));
    let all_risks = records.tables.entry("risks".into()).or_default();
    if !risks.is_empty() {
        let wanted: HashSet<String> = risks.iter().map(|r| r.trim().to_uppercase()).collect();
        let known: HashSet<String> = all_risks
            .values()
            .filter_map(|r| r.get("reference").and_then(Value::as_str))
            .map(str::to_uppercase)
            .collect();
        if let Some(missing) = risks
            .iter()
            .find(|r| !known.contains(&r.trim().to_uppercase()))
        {
            return Err(Error::invalid(
                "risks",
                missing,
                "no risk of the partnership has this reference",
            ));
        }
        all_risks.retain(|_, r| {
            r.get("reference")
                .and_then(Value::as_str)
                .is_some_and(|x| wanted.contains(&x.to_uppercase()))
        });
    }
    let risk_fields: HashSet<String> = all_risks
        .values()
        .next()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default();
    for f in fields {
        if !risk_fields.is_empty() && !risk_fields.contains(f) {
            let mut known: Vec<&String> = risk_fields.iter().collect();
            known.sort();
            return Err(Error::invalid(
                "fields",
                f,
                format!(
                    "not a field of a risk; known: {}",
                    known
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    let kept: HashSet<String> = all_risks.keys().cloned().collect();
    for t in TABLES.iter().filter(|t| t.partner) {
        let Some(rows) = records.tables.get_mut(t.name) else {
            continue;
        };
        if t.parents.iter().any(|p| p.table == "risks") {
            rows.retain(|_, r| {
                r.get("risk_id")
                    .and_then(Value::as_str)
                    .is_none_or(|id| kept.contains(id))
            });
        }
        for row in rows.values_mut() {
            // The exit plan stays home, so do the exit triggers an indicator fires.
            if t.name == "indicators" {
                row.insert("exit_triggers".into(), Value::String("[]".into()));
            }
            // Who typed a reading is a person of ours: the partner sees that we did.
            if t.name == "readings" {
                row.insert("recorded_by".into(), Value::String("shared".into()));
            }
            if t.name == "risks" && !fields.is_empty() {
                row.retain(|f, _| ALWAYS.contains(&f.as_str()) || fields.contains(f));
            } else {
                row.retain(|f, _| !t.partner_private.contains(&f.as_str()));
            }
            if t.name == "risks" {
                shared_acceptance(row);
            }
        }
    }
    Ok(Share {
        risks: risks.to_vec(),
        fields: fields.to_vec(),
    })
}

/// Checks what a file carries before anything is written: known tables and fields, keys
/// that match their records, every record of the file's partnership.
pub(crate) fn check_payload(store: &Store, payload: &Payload) -> Result<()> {
    let pid = payload.partnership_id.as_str();
    let partnerships = payload.records.rows("partnerships");
    let row = partnerships.and_then(|rows| rows.get(pid));
    if partnerships.map_or(0, |r| r.len()) != 1 || row.is_none() {
        return Err(Error::invalid(
            "records.partnerships",
            pid,
            "the file must carry exactly its own partnership",
        ));
    }
    let name = row.and_then(|r| r.get("name")).and_then(Value::as_str);
    if name != Some(payload.partnership_name.as_str()) {
        return Err(Error::invalid(
            "partnership_name",
            &payload.partnership_name,
            "does not match the partnership the file carries",
        ));
    }
    for (table, rows) in &payload.records.tables {
        let Some(t) = tables::find(table) else {
            return Err(Error::invalid(
                "records",
                table,
                "not a kind of record this build knows (written by a newer Partner Risk?)",
            ));
        };
        let columns = shared_columns(store.connection(), t)?;
        let mut known: HashSet<&str> = columns.iter().map(|c| t.field_of(c)).collect();
        known.extend(t.groups.iter().map(|(g, _)| *g));
        for (key, row) in rows {
            if let Some(f) = row.keys().find(|f| !known.contains(f.as_str())) {
                return Err(Error::invalid(
                    format!("records.{table}[{key}]"),
                    f,
                    "not a field this build knows (written by a newer Partner Risk?)",
                ));
            }
            let grouped = |f: &str| t.groups.iter().any(|(g, _)| *g == f);
            if let Some((f, v)) = row.iter().find(|(f, v)| match v {
                Value::Array(_) => true,
                Value::Object(parts) => {
                    !grouped(f) || parts.values().any(|p| p.is_object() || p.is_array())
                }
                _ => false,
            }) {
                return Err(Error::invalid(
                    format!("records.{table}[{key}].{f}"),
                    v.to_string(),
                    "not a value a field holds",
                ));
            }
            let expected = key_of(t, row);
            if !(key == &expected || (expected.starts_with('#') && key.starts_with(&expected))) {
                return Err(Error::invalid(
                    format!("records.{table}"),
                    key,
                    format!("the record's key does not match its content ({expected})"),
                ));
            }
            // What a record names must come with it: no record of the file may point into
            // another partnership of the receiver's.
            for parent in t.parents {
                let Some(id) = row.get(parent.column).and_then(Value::as_str) else {
                    continue;
                };
                if payload.records.get(parent.table, id).is_none() {
                    return Err(Error::invalid(
                        format!("records.{table}[{key}].{}", parent.column),
                        id,
                        format!("names no {} of the file", parent.table),
                    ));
                }
            }
            if let Some(p) = row.get("partnership_id").and_then(Value::as_str) {
                if p != pid && table != "audit_log" {
                    return Err(Error::invalid(
                        format!("records.{table}[{key}].partnership_id"),
                        p,
                        "a record of another partnership",
                    ));
                }
            }
        }
    }
    super::check_reference_data(store, payload)
}

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
