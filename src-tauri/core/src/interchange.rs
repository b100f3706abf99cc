//! Lossless JSON export and import of one partnership, with a versioned schema.
//!
//! Export → import into an empty workspace → export gives the same document: ids,
//! references, timestamps and reference counters are kept.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::exit::{ExitPlan, ExitTest};
use crate::health::{Indicator, Reading};
use crate::matrix::Matrix;
use crate::model::{Action, Category, Partnership, Requirement, Risk};
use crate::quant::QuantSettings;
use crate::store::{BackupReason, Store};

/// Identifies a Partner Risk partnership document.
pub const FORMAT: &str = "partner-risk/partnership";
/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PartnershipDocument {
    pub format: String,
    pub version: u32,
    pub partnership: Partnership,
    /// The matrix the partnership is scored on, in full.
    pub matrix: Matrix,
    /// The categories its risks use.
    pub categories: Vec<Category>,
    pub risks: Vec<Risk>,
    pub actions: Vec<Action>,
    pub requirements: Vec<Requirement>,
    /// The last reference number given per prefix, so numbers are never reused.
    pub reference_counters: BTreeMap<String, i64>,
    /// The partnership's exit plan, with the ids of its items; absent when empty (a build
    /// that does not know exit plans refuses a document that has one).
    #[serde(default, skip_serializing_if = "ExitPlan::is_empty")]
    pub exit_plan: ExitPlan,
    /// The log of exit tests, oldest first; absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exit_tests: Vec<ExitTest>,
    /// The partnership's health indicators, in the order added; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Every reading of those indicators, replaced ones included: by indicator, then by
    /// day, a replaced reading before the one that replaced it. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// The partnership's quantification settings (currency, tolerance, threshold, years,
    /// seed); absent when they are the defaults. The estimates are in the risks.
    #[serde(default, skip_serializing_if = "QuantSettings::is_default")]
    pub quant_settings: QuantSettings,
}

pub fn export_partnership(store: &Store, partnership_id: &str) -> Result<PartnershipDocument> {
    let partnership = store.partnership(partnership_id)?;
    let matrix = store.matrix(&partnership.matrix_id)?;
    let risks = store.risks(partnership_id)?;
    let used: HashSet<&str> = risks.iter().map(|r| r.fields.category.as_str()).collect();
    let categories = store
        .categories()?
        .into_iter()
        .filter(|c| used.contains(c.code.as_str()))
        .collect();
    let mut actions = Vec::new();
    for risk in &risks {
        actions.extend(store.actions(&risk.id)?);
    }
    let indicators = store.indicators(partnership_id)?;
    let mut readings = Vec::new();
    for indicator in &indicators {
        readings.extend(store.readings(&indicator.id, true)?);
    }
    Ok(PartnershipDocument {
        indicators,
        readings,
        format: FORMAT.into(),
        version: VERSION,
        exit_plan: store.exit_plan(partnership_id)?,
        exit_tests: store.exit_tests(partnership_id)?,
        quant_settings: store.quant_settings(partnership_id)?,
        requirements: store.requirements(partnership_id)?,
        reference_counters: store.reference_counters(partnership_id)?,
        partnership,
        matrix,
        categories,
        risks,
        actions,
    })
}

/// Imports a document written by `export_partnership`. All of it is checked before
/// anything is written; then it is written in one transaction.
pub fn import_partnership(store: &mut Store, doc: PartnershipDocument) -> Result<Partnership> {
    if doc.format != FORMAT {
        return Err(Error::invalid(
            "format",
            &doc.format,
            format!("expected {FORMAT:?}"),
        ));
    }
    if doc.version != VERSION {
        return Err(Error::invalid(
            "version",
            doc.version,
            format!("this build reads version {VERSION} documents"),
        ));
    }
    let p = &doc.partnership;
    p.fields.validate().map_err(|e| e.within("partnership."))?;
    if store.partnership(&p.id).is_ok() {
        return Err(Error::conflict(
            "partnership.id",
            &p.id,
            "this partnership is already in the workspace",
        ));
    }
    if store.find_partnership(&p.fields.name).is_ok() {
        return Err(Error::conflict(
            "partnership.name",
            &p.fields.name,
            "another partnership has this name",
        ));
    }
    if p.matrix_id != doc.matrix.id {
        return Err(Error::invalid(
            "partnership.matrix_id",
            &p.matrix_id,
            format!("the document's matrix is {:?}", doc.matrix.id),
        ));
    }
    doc.matrix.validate().map_err(|e| e.within("matrix."))?;
    let new_matrix = match store.matrix(&doc.matrix.id) {
        // Presets are the same matrix everywhere even if their wording was revised.
        Ok(existing) if existing.preset.is_some() && existing.size() == doc.matrix.size() => false,
        Ok(existing) if existing == doc.matrix => false,
        Ok(_) => {
            return Err(Error::conflict(
                "matrix.id",
                &doc.matrix.id,
                "the workspace has a different matrix with this id",
            ))
        }
        Err(Error::NotFound { .. }) => true,
        Err(e) => return Err(e),
    };
    let existing_categories = store.categories()?;
    let mut new_categories = Vec::new();
    for (n, c) in doc.categories.iter().enumerate() {
        c.validate()
            .map_err(|e| e.within(&format!("categories[{n}].")))?;
        match existing_categories.iter().find(|e| e.code == c.code) {
            Some(e) if e.prefix == c.prefix => {}
            Some(e) => {
                return Err(Error::conflict(
                    format!("categories[{n}].prefix"),
                    &c.prefix,
                    format!(
                        "category {} has prefix {} in this workspace",
                        e.code, e.prefix
                    ),
                ))
            }
            None => new_categories.push(c.clone()),
        }
    }
    let known: HashSet<&str> = existing_categories
        .iter()
        .chain(&new_categories)
        .map(|c| c.code.as_str())
        .collect();
    let mut risk_ids = HashSet::new();
    let mut references = HashSet::new();
    for (n, risk) in doc.risks.iter().enumerate() {
        let within = |e: Error| e.within(&format!("risks[{n}]."));
        risk.fields.validate().map_err(within)?;
        if !known.contains(risk.fields.category.as_str()) {
            return Err(within(Error::invalid(
                "category",
                &risk.fields.category,
                "not a category of the workspace or the document",
            )));
        }
        for kind in crate::model::ScoreKind::ALL {
            if let Some(score) = risk.fields.score(kind) {
                doc.matrix
                    .check_score(score, kind.as_str())
                    .map_err(within)?;
            }
        }
        if risk.partnership_id != p.id {
            return Err(within(Error::invalid(
                "partnership_id",
                &risk.partnership_id,
                "the risk belongs to another partnership",
            )));
        }
        if !risk_ids.insert(risk.id.as_str()) || store.risk(&risk.id).is_ok() {
            return Err(within(Error::conflict("id", &risk.id, "duplicate risk id")));
        }
        if !references.insert(risk.reference.as_str()) {
            return Err(within(Error::conflict(
                "reference",
                &risk.reference,
                "duplicate reference",
            )));
        }
    }
    let mut action_ids = HashSet::new();
    for (n, action) in doc.actions.iter().enumerate() {
        let within = |e: Error| e.within(&format!("actions[{n}]."));
        action.fields.validate().map_err(within)?;
        if !risk_ids.contains(action.risk_id.as_str()) {
            return Err(within(Error::invalid(
                "risk_id",
                &action.risk_id,
                "no risk of the document has this id",
            )));
        }
        if !action_ids.insert(action.id.as_str()) || store.action(&action.id).is_ok() {
            return Err(within(Error::conflict(
                "id",
                &action.id,
                "duplicate action id",
            )));
        }
    }
    let mut codes = HashSet::new();
    let requirement_ids: HashSet<&str> = doc.requirements.iter().map(|q| q.id.as_str()).collect();
    for (n, q) in doc.requirements.iter().enumerate() {
        let within = |e: Error| e.within(&format!("requirements[{n}]."));
        q.fields.validate().map_err(within)?;
        if !codes.insert(q.fields.code.as_str()) {
            return Err(within(Error::conflict(
                "code",
                &q.fields.code,
                "duplicate code",
            )));
        }
        if let Some(missing) = q.risk_ids.iter().find(|id| !risk_ids.contains(id.as_str())) {
            return Err(within(Error::invalid(
                "risk_ids",
                missing,
                "no risk of the document has this id",
            )));
        }
        if store.requirement(&q.id).is_ok() || q.partnership_id != p.id {
            return Err(within(Error::conflict(
                "id",
                &q.id,
                "requirement id already used or of another partnership",
            )));
        }
    }
    for (prefix, last) in &doc.reference_counters {
        if *last < 1 {
            return Err(Error::invalid(
                format!("reference_counters.{prefix}"),
                last,
                "a counter is at least 1",
            ));
        }
    }
    // The plan is written as it is: every item keeps its id (none is given a new one).
    doc.exit_plan
        .validate()
        .map_err(|e| e.within("exit_plan."))?;
    for (list, ids, known) in [
        ("risk_ids", &doc.exit_plan.risk_ids, &risk_ids),
        (
            "requirement_ids",
            &doc.exit_plan.requirement_ids,
            &requirement_ids,
        ),
    ] {
        if let Some((n, id)) = ids
            .iter()
            .enumerate()
            .find(|(_, id)| !known.contains(id.as_str()))
        {
            return Err(Error::invalid(
                format!("exit_plan.{list}[{n}]"),
                id,
                "not an id of the document",
            ));
        }
    }
    let mut test_ids = HashSet::new();
    for (n, t) in doc.exit_tests.iter().enumerate() {
        let within = |e: Error| e.within(&format!("exit_tests[{n}]."));
        t.fields.validate().map_err(within)?;
        crate::rules::require_text("recorded_by", &t.recorded_by, 200).map_err(within)?;
        if t.id.trim().is_empty()
            || !test_ids.insert(t.id.as_str())
            || store.exit_test_exists(&t.id)?
        {
            return Err(within(Error::conflict(
                "id",
                &t.id,
                "duplicate or empty exit test id",
            )));
        }
    }
    check_health(store, &doc, &risk_ids)?;
    doc.quant_settings
        .validate()
        .map_err(|e| e.within("quant_settings."))?;
    store.backup_before(BackupReason::Import)?;
    store.write(|w| {
        if new_matrix {
            w.insert_matrix(&doc.matrix)?;
            w.audit_create(
                crate::store::Entity::Matrix,
                &doc.matrix.id,
                None,
                &doc.matrix,
            )?;
        }
        for c in &new_categories {
            w.insert_category(c)?;
        }
        w.insert_partnership(p)?;
        for risk in &doc.risks {
            w.insert_risk_record(risk)?;
        }
        for action in &doc.actions {
            w.insert_action(action, &p.id)?;
        }
        for q in &doc.requirements {
            w.insert_requirement(q)?;
        }
        for (prefix, last) in &doc.reference_counters {
            w.tx.execute(
                "INSERT INTO reference_counters (partnership_id, prefix, last) VALUES (?1, ?2, ?3)",
                rusqlite::params![p.id, prefix, last],
            )?;
        }
        w.write_exit_plan(&p.id, &ExitPlan::default(), &doc.exit_plan)?;
        if !doc.quant_settings.is_default() {
            w.save_quant_settings(&p.id, &doc.quant_settings)?;
        }
        for t in &doc.exit_tests {
            w.insert_exit_test(&p.id, t)?;
        }
        for i in &doc.indicators {
            let at = Some((i.created_at, i.updated_at));
            w.insert_indicator(&p.id, &i.id, i.fields.clone(), at)?;
        }
        for (n, r) in doc.readings.iter().enumerate() {
            let indicator = doc
                .indicators
                .iter()
                .find(|i| i.id == r.indicator_id)
                .expect("checked above");
            let recorded = Some((r.id.as_str(), r.recorded_by.as_str(), r.recorded_at));
            w.insert_reading_as(indicator, r.fields.clone(), r.replaces.is_some(), recorded)
                .map_err(|e| e.within(&format!("readings[{n}].")))?;
        }
        Ok(())
    })?;
    store.partnership(&p.id)
}

/// Checks the document's indicators and readings before anything is written: valid fields,
/// ids new to the workspace, links to the document's risks and exit plan, readings of the
/// document's indicators, each day's replacements a chain in the order the store keeps.
fn check_health(store: &Store, doc: &PartnershipDocument, risk_ids: &HashSet<&str>) -> Result<()> {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for (n, i) in doc.indicators.iter().enumerate() {
        let within = |e: Error| e.within(&format!("indicators[{n}]."));
        i.fields.validate().map_err(within)?;
        if i.partnership_id != doc.partnership.id {
            return Err(within(Error::invalid(
                "partnership_id",
                &i.partnership_id,
                "the indicator belongs to another partnership",
            )));
        }
        if i.id.trim().is_empty() || !ids.insert(i.id.as_str()) || store.indicator(&i.id).is_ok() {
            return Err(within(Error::conflict(
                "id",
                &i.id,
                "duplicate or empty indicator id",
            )));
        }
        if !names.insert(i.fields.name.to_lowercase()) {
            return Err(within(Error::conflict(
                "name",
                &i.fields.name,
                "another indicator of the document has this name",
            )));
        }
        if let Some((k, id)) = i
            .fields
            .risk_ids
            .iter()
            .enumerate()
            .find(|(_, id)| !risk_ids.contains(id.as_str()))
        {
            return Err(within(Error::invalid(
                format!("risk_ids[{k}]"),
                id,
                "no risk of the document has this id",
            )));
        }
    }
    // The store names the reading at fault as it writes (the unit, the date); here, what
    // only the whole document shows.
    let mut reading_ids = HashSet::new();
    let mut last_of_day: std::collections::HashMap<(&str, chrono::NaiveDate), &str> =
        Default::default();
    for (n, r) in doc.readings.iter().enumerate() {
        let within = |e: Error| e.within(&format!("readings[{n}]."));
        let Some(i) = doc.indicators.iter().find(|i| i.id == r.indicator_id) else {
            return Err(within(Error::invalid(
                "indicator_id",
                &r.indicator_id,
                "no indicator of the document has this id",
            )));
        };
        crate::rules::check_date("date", r.fields.date).map_err(within)?;
        i.fields
            .unit
            .check("value", r.fields.value)
            .map_err(within)?;
        crate::rules::limit_text("note", &r.fields.note, crate::health::MAX_NOTE)
            .map_err(within)?;
        crate::rules::require_text("recorded_by", &r.recorded_by, 200).map_err(within)?;
        if r.id.trim().is_empty() || !reading_ids.insert(r.id.as_str()) {
            return Err(within(Error::conflict(
                "id",
                &r.id,
                "duplicate or empty reading id",
            )));
        }
        let before = last_of_day.insert((r.indicator_id.as_str(), r.fields.date), &r.id);
        if before != r.replaces.as_deref() {
            return Err(within(Error::invalid(
                "replaces",
                r.replaces.as_deref().unwrap_or("none"),
                match before {
                    Some(_) => "a second reading of a day must replace the one before it",
                    None => "names no earlier reading of the same indicator and day",
                },
            )));
        }
    }
    Ok(())
}

/// Parses a document, naming the path of the first bad field (e.g. `risks[3].status`).
pub fn parse_document(json: &str) -> Result<PartnershipDocument> {
    let de = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let field = match path.as_str() {
            "." | "?" => "document".to_string(),
            _ => path,
        };
        // Show the text where the parser stopped, so the value at fault is visible.
        let at: String = json
            .lines()
            .nth(inner.line().saturating_sub(1))
            .unwrap_or_default()
            .chars()
            .skip(inner.column().saturating_sub(1))
            .take(40)
            .collect();
        Error::invalid(field, at.trim(), inner.to_string())
    })
}

/// Writes a document as pretty JSON.
pub fn document_json(doc: &PartnershipDocument) -> String {
    serde_json::to_string_pretty(doc).expect("documents serialise")
}
