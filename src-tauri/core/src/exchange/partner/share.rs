//! A share with the partner: the chosen risks and fields of a partnership; internal
//! rationale, costs, reviews, ballots and people's contact details stay home.

use std::collections::HashSet;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::exchange::file::Share;
use crate::exchange::snapshot::{Row, Snapshot};
use crate::exchange::tables::{self, TABLES};

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
