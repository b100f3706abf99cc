//! Risks: the register, scoring, heat maps, filters and full-text search.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::matrices::load_matrix;
use super::{new_id, timestamp_text, Entity, OrNotFound, Store, Writer};
use crate::error::{Error, Result};
use crate::matrix::{Matrix, Score};
use crate::model::{Risk, RiskFields, RiskStatus, ScoreKind, Treatment};
use crate::quant::LossEstimate;

const RISK_COLUMNS: &str =
    "id, partnership_id, reference, category, title, description, cause, consequence,
    owner, status, treatment, treatment_rationale, acceptance_approver, acceptance_expiry,
    inherent_l, inherent_i, residual_l, residual_i, target_l, target_i, tags, next_review,
    created_at, updated_at, inherent_loss, residual_loss, target_loss";

/// A stage's money estimate from its JSON column (the core validated it when written).
fn loss_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<LossEstimate>> {
    let json: Option<String> = r.get(at)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// A score stored as two nullable columns from `at`.
pub(super) fn score_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Score>> {
    let l: Option<u8> = r.get(at)?;
    let i: Option<u8> = r.get(at + 1)?;
    Ok(l.zip(i).map(|(l, i)| Score::new(l, i)))
}

fn risk_from_row(r: &Row<'_>) -> rusqlite::Result<Risk> {
    let status: String = r.get(9)?;
    let treatment: Option<String> = r.get(10)?;
    let tags: String = r.get(20)?;
    Ok(Risk {
        id: r.get(0)?,
        partnership_id: r.get(1)?,
        reference: r.get(2)?,
        fields: RiskFields {
            category: r.get(3)?,
            title: r.get(4)?,
            description: r.get(5)?,
            cause: r.get(6)?,
            consequence: r.get(7)?,
            owner: r.get(8)?,
            // CHECK constraints keep these columns to known values.
            status: RiskStatus::parse(&status, "status").unwrap_or(RiskStatus::Open),
            treatment: treatment.and_then(|t| Treatment::parse(&t, "treatment").ok()),
            treatment_rationale: r.get(11)?,
            acceptance_approver: r.get(12)?,
            acceptance_expiry: r.get(13)?,
            inherent: score_at(r, 14)?,
            residual: score_at(r, 16)?,
            target: score_at(r, 18)?,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            next_review: r.get(21)?,
            inherent_loss: loss_at(r, 24)?,
            residual_loss: loss_at(r, 25)?,
            target_loss: loss_at(r, 26)?,
        },
        created_at: r.get(22)?,
        updated_at: r.get(23)?,
    })
}

/// Counts of risks per cell of a partnership's matrix, for one kind of score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HeatMap {
    pub kind: ScoreKind,
    /// `counts[likelihood - 1][impact - 1]`.
    pub counts: Vec<Vec<u64>>,
    /// Risks without this kind of score.
    pub unscored: u64,
}

/// How many risks moved from one cell to another between two kinds of score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Movement {
    pub from: Score,
    pub to: Score,
    pub count: u64,
}

/// A query on a partnership's register. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RiskFilter {
    pub categories: Vec<String>,
    pub statuses: Vec<RiskStatus>,
    /// Keep risks whose score (of `kind`) is at this level index or higher.
    pub min_level: Option<usize>,
    /// Which score `min_level` and `cell` apply to (residual when absent).
    pub kind: Option<ScoreKind>,
    /// Keep only risks in this cell.
    pub cell: Option<Score>,
    pub owner: Option<String>,
    /// Full-text search over title, description, owner and tags.
    pub text: Option<String>,
}

impl Store {
    /// The whole register of a partnership, in reference order.
    pub fn risks(&self, partnership_id: &str) -> Result<Vec<Risk>> {
        self.filter_risks(partnership_id, &RiskFilter::default())
    }

    pub fn risk(&self, id: &str) -> Result<Risk> {
        let sql = format!("SELECT {RISK_COLUMNS} FROM risks WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], risk_from_row)
            .or_not_found("risk", "risk", id)
    }

    /// Finds a risk of a partnership by its reference (`TEC-004`) or id.
    pub fn find_risk(&self, partnership_id: &str, key: &str) -> Result<Risk> {
        let sql = format!(
            "SELECT {RISK_COLUMNS} FROM risks WHERE partnership_id = ?1 AND (reference = ?2 OR id = ?2)"
        );
        self.conn
            .query_row(&sql, [partnership_id, key.trim()], risk_from_row)
            .or_not_found("risk", "reference", key)
    }

    pub fn add_risk(&mut self, partnership_id: &str, fields: RiskFields) -> Result<Risk> {
        let mut risks = self.add_risks(partnership_id, vec![fields])?;
        Ok(risks.remove(0))
    }

    /// Adds many risks in one transaction (all or none). Errors name the position of
    /// the offending risk, e.g. `risks[12].title`.
    pub fn add_risks(&mut self, partnership_id: &str, all: Vec<RiskFields>) -> Result<Vec<Risk>> {
        let all: Vec<RiskFields> = all.into_iter().map(RiskFields::normalised).collect();
        let partnership = self.partnership(partnership_id)?;
        let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
        let prefixes = self.category_prefixes()?;
        for (n, fields) in all.iter().enumerate() {
            check_risk(fields, &matrix, &prefixes).map_err(|e| {
                if all.len() == 1 {
                    e
                } else {
                    e.within(&format!("risks[{n}]."))
                }
            })?;
        }
        self.write(|w| {
            all.into_iter()
                .map(|fields| w.insert_risk(&partnership.id, &prefixes, fields))
                .collect()
        })
    }

    /// Replaces the editable fields of a risk; one audit row per changed field.
    pub fn update_risk(&mut self, id: &str, fields: RiskFields) -> Result<Risk> {
        let fields = fields.normalised();
        let before = self.risk(id)?;
        let partnership = self.partnership(&before.partnership_id)?;
        let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
        check_risk(&fields, &matrix, &self.category_prefixes()?)?;
        self.write(|w| w.update_risk_row(&before, fields))
    }

    /// Sets or clears one score of a risk.
    pub fn score_risk(&mut self, id: &str, kind: ScoreKind, score: Option<Score>) -> Result<Risk> {
        let mut fields = self.risk(id)?.fields;
        *fields.score_mut(kind) = score;
        self.update_risk(id, fields)
    }

    /// Deletes a risk with its actions and requirement links. Its reference is not reused.
    pub fn delete_risk(&mut self, id: &str) -> Result<()> {
        let old = self.risk(id)?;
        self.write(|w| {
            w.index_new_risks()?;
            w.tx.execute("DELETE FROM risks WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Risk, id, Some(&old.partnership_id), &old)
        })
    }

    /// The risks of a partnership that pass `filter`, in reference order.
    pub fn filter_risks(&self, partnership_id: &str, filter: &RiskFilter) -> Result<Vec<Risk>> {
        let Some((clauses, args)) = self.filter_clauses(partnership_id, filter)? else {
            return Ok(Vec::new());
        };
        let sql = format!("SELECT {RISK_COLUMNS} FROM risks WHERE {clauses} ORDER BY reference");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), risk_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the risks of a partnership that pass `filter`, in reference order:
    /// what the window needs to filter the register it already holds.
    pub fn filter_risk_ids(
        &self,
        partnership_id: &str,
        filter: &RiskFilter,
    ) -> Result<Vec<String>> {
        let Some((clauses, args)) = self.filter_clauses(partnership_id, filter)? else {
            return Ok(Vec::new());
        };
        let sql = format!("SELECT id FROM risks WHERE {clauses} ORDER BY reference");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The WHERE clause and its arguments for `filter`; `None` when nothing can match.
    fn filter_clauses(
        &self,
        partnership_id: &str,
        filter: &RiskFilter,
    ) -> Result<Option<(String, Vec<SqlValue>)>> {
        let mut clauses = vec!["partnership_id = ?".to_string()];
        let mut args: Vec<SqlValue> = vec![partnership_id.to_string().into()];
        let columns = |kind: Option<ScoreKind>| match kind.unwrap_or(ScoreKind::Residual) {
            ScoreKind::Inherent => ("inherent_l", "inherent_i"),
            ScoreKind::Residual => ("residual_l", "residual_i"),
            ScoreKind::Target => ("target_l", "target_i"),
        };
        let in_list = |n: usize| vec!["?"; n].join(", ");
        if !filter.categories.is_empty() {
            clauses.push(format!(
                "category IN ({})",
                in_list(filter.categories.len())
            ));
            args.extend(filter.categories.iter().map(|c| SqlValue::from(c.clone())));
        }
        if !filter.statuses.is_empty() {
            clauses.push(format!("status IN ({})", in_list(filter.statuses.len())));
            args.extend(
                filter
                    .statuses
                    .iter()
                    .map(|s| SqlValue::from(s.as_str().to_string())),
            );
        }
        if let Some(min) = filter.min_level {
            // The level lives in the grid, so the filter becomes the list of cells at
            // or above it.
            let partnership = self.partnership(partnership_id)?;
            let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
            let cells = cells_at_or_above(&matrix, min);
            if cells.is_empty() {
                return Ok(None);
            }
            let (l, i) = columns(filter.kind);
            clauses.push(format!(
                "({l}, {i}) IN (VALUES {})",
                vec!["(?, ?)"; cells.len()].join(", ")
            ));
            for cell in cells {
                args.push(i64::from(cell.likelihood).into());
                args.push(i64::from(cell.impact).into());
            }
        }
        if let Some(cell) = filter.cell {
            let (l, i) = columns(filter.kind);
            clauses.push(format!("{l} = ? AND {i} = ?"));
            args.push(i64::from(cell.likelihood).into());
            args.push(i64::from(cell.impact).into());
        }
        if let Some(owner) = filter.owner.as_deref().filter(|o| !o.trim().is_empty()) {
            clauses.push("owner = ? COLLATE NOCASE".into());
            args.push(owner.trim().to_string().into());
        }
        if let Some(text) = filter.text.as_deref() {
            if let Some(query) = fts_query(text) {
                // References are not in the index: one typed, or its start ("DPR-01"),
                // finds its risks too.
                clauses.push(
                    "(num IN (SELECT rowid FROM risks_fts WHERE risks_fts MATCH ?) \
                     OR reference LIKE ? ESCAPE '\\')"
                        .into(),
                );
                args.push(query.into());
                args.push(format!("{}%", like_literal(text.trim())).into());
            }
        }
        Ok(Some((clauses.join(" AND "), args)))
    }

    /// Full-text search across a partnership's risks, best matches first.
    pub fn search_risks(
        &self,
        partnership_id: &str,
        text: &str,
        limit: usize,
    ) -> Result<Vec<Risk>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {RISK_COLUMNS} FROM risks JOIN (
                 SELECT rowid AS hit, rank FROM risks_fts WHERE risks_fts MATCH ?1
             ) ON num = hit
             WHERE partnership_id = ?2 ORDER BY rank LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![query, partnership_id, limit as i64], risk_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Risk counts per cell of the partnership's matrix for one kind of score.
    pub fn heat_map(&self, partnership_id: &str, kind: ScoreKind) -> Result<HeatMap> {
        let partnership = self.partnership(partnership_id)?;
        let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
        let (lmax, imax) = matrix.size();
        let (l, i) = match kind {
            ScoreKind::Inherent => ("inherent_l", "inherent_i"),
            ScoreKind::Residual => ("residual_l", "residual_i"),
            ScoreKind::Target => ("target_l", "target_i"),
        };
        let sql = format!(
            "SELECT {l}, {i}, count(*) FROM risks WHERE partnership_id = ?1 GROUP BY {l}, {i}"
        );
        let mut map = HeatMap {
            kind,
            counts: vec![vec![0; imax]; lmax],
            unscored: 0,
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([partnership_id])?;
        while let Some(r) = rows.next()? {
            let (l, i, n): (Option<usize>, Option<usize>, u64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            match (l, i) {
                (Some(l), Some(i)) if (1..=lmax).contains(&l) && (1..=imax).contains(&i) => {
                    map.counts[l - 1][i - 1] += n
                }
                _ => map.unscored += n,
            }
        }
        Ok(map)
    }

    /// How risks moved from their inherent to their residual cell (risks with both).
    pub fn movement(&self, partnership_id: &str) -> Result<Vec<Movement>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT inherent_l, inherent_i, residual_l, residual_i, count(*) FROM risks
             WHERE partnership_id = ?1 AND inherent_l IS NOT NULL AND residual_l IS NOT NULL
             GROUP BY 1, 2, 3, 4 ORDER BY 1 DESC, 2 DESC, 3 DESC, 4 DESC",
        )?;
        let rows = stmt.query_map([partnership_id], |r| {
            Ok(Movement {
                from: Score::new(r.get(0)?, r.get(1)?),
                to: Score::new(r.get(2)?, r.get(3)?),
                count: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The last reference number given per prefix in a partnership.
    pub fn reference_counters(
        &self,
        partnership_id: &str,
    ) -> Result<std::collections::BTreeMap<String, i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT prefix, last FROM reference_counters WHERE partnership_id = ?1",
        )?;
        let rows = stmt.query_map([partnership_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Category code → reference prefix.
    pub(crate) fn category_prefixes(&self) -> Result<HashMap<String, String>> {
        Ok(self
            .categories()?
            .into_iter()
            .map(|c| (c.code, c.prefix))
            .collect())
    }
}

/// Cells whose level is `min` or higher.
fn cells_at_or_above(matrix: &Matrix, min: usize) -> Vec<Score> {
    let mut cells = Vec::new();
    for (l, row) in matrix.grid.iter().enumerate() {
        for (i, &level) in row.iter().enumerate() {
            if usize::from(level) >= min {
                cells.push(Score::new(l as u8 + 1, i as u8 + 1));
            }
        }
    }
    cells
}

/// Turns what a user types into an FTS5 query: every word must match, the last one as
/// a prefix (so results follow typing). Returns `None` when nothing searchable is left.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}*", words.join(" ")))
}

/// Text for a LIKE pattern that matches itself only: `%`, `_` and the escape are escaped.
fn like_literal(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Rules that need the matrix and the categories, on top of `RiskFields::validate`.
pub(crate) fn check_risk(
    fields: &RiskFields,
    matrix: &Matrix,
    prefixes: &HashMap<String, String>,
) -> Result<()> {
    fields.validate()?;
    if !prefixes.contains_key(&fields.category) {
        let mut known: Vec<&str> = prefixes.keys().map(String::as_str).collect();
        known.sort_unstable();
        return Err(Error::invalid(
            "category",
            &fields.category,
            format!("unknown category; known: {}", known.join(", ")),
        ));
    }
    for kind in ScoreKind::ALL {
        if let Some(score) = fields.score(kind) {
            matrix.check_score(score, kind.as_str())?;
        }
    }
    Ok(())
}

impl Writer<'_> {
    pub(crate) fn insert_risk(
        &self,
        partnership_id: &str,
        prefixes: &HashMap<String, String>,
        fields: RiskFields,
    ) -> Result<Risk> {
        let prefix = &prefixes[&fields.category];
        let number = self.next_reference_number(partnership_id, prefix)?;
        let risk = Risk {
            id: new_id(),
            partnership_id: partnership_id.to_string(),
            reference: format!("{prefix}-{number:03}"),
            fields,
            created_at: self.at,
            updated_at: self.at,
        };
        self.insert_risk_record(&risk)?;
        Ok(risk)
    }

    /// The next number for a reference prefix in a partnership.
    fn next_reference_number(&self, partnership_id: &str, prefix: &str) -> Result<i64> {
        let key = (partnership_id.to_string(), prefix.to_string());
        let mut cache = self.references.borrow_mut();
        let last = match cache.get(&key) {
            Some(last) => *last,
            None => self
                .tx
                .query_row(
                    "SELECT last FROM reference_counters WHERE partnership_id = ?1 AND prefix = ?2",
                    params![partnership_id, prefix],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0),
        };
        cache.insert(key, last + 1);
        Ok(last + 1)
    }

    /// Writes back the reference numbers handed out in this transaction.
    pub(crate) fn save_reference_counters(&self) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO reference_counters (partnership_id, prefix, last) VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET last = max(last, excluded.last)",
        )?;
        for ((partnership_id, prefix), last) in self.references.borrow().iter() {
            stmt.execute(params![partnership_id, prefix, last])?;
        }
        Ok(())
    }

    /// Inserts a risk as given (id and reference included), e.g. from an import.
    pub(crate) fn insert_risk_record(&self, risk: &Risk) -> Result<()> {
        let stamp = |t: DateTime<Utc>| {
            if t == self.at {
                self.at_text.clone()
            } else {
                timestamp_text(t)
            }
        };
        let (created, updated) = (stamp(risk.created_at), stamp(risk.updated_at));
        let fields = FieldValues::new(&risk.fields);
        let head: [&dyn ToSql; 3] = [&risk.id, &risk.partnership_id, &risk.reference];
        let [il, rl, tl] = &fields.losses;
        let tail: [&dyn ToSql; 5] = [&created, &updated, il, rl, tl];
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO risks ({RISK_COLUMNS}) VALUES
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)"
            ))?
            .execute(params_from_iter(
                head.into_iter().chain(fields.params()).chain(tail),
            ))?;
        if self.first_unindexed_risk.get().is_none() {
            self.first_unindexed_risk
                .set(Some(self.tx.last_insert_rowid()));
        }
        self.audit_create(Entity::Risk, &risk.id, Some(&risk.partnership_id), risk)
    }

    /// Adds the risks inserted so far in this transaction to the search index, in one
    /// statement. Runs before commit, and before any statement whose triggers expect a
    /// risk to be indexed already (an edit or a deletion).
    pub(crate) fn index_new_risks(&self) -> Result<()> {
        if let Some(first) = self.first_unindexed_risk.take() {
            // Row numbers only grow, so this transaction's new risks are those from `first` on.
            self.tx.execute(
                "INSERT INTO risks_fts (rowid, title, description, owner, tags)
                 SELECT num, title, description, owner, tags FROM risks WHERE num >= ?1",
                [first],
            )?;
        }
        Ok(())
    }

    pub(crate) fn load_risk(&self, id: &str) -> Result<Risk> {
        let sql = format!("SELECT {RISK_COLUMNS} FROM risks WHERE id = ?1");
        self.tx
            .query_row(&sql, [id], risk_from_row)
            .or_not_found("risk", "risk", id)
    }

    /// Writes new fields over a risk and audits each changed field.
    pub(crate) fn update_risk_row(&self, before: &Risk, fields: RiskFields) -> Result<Risk> {
        let after = Risk {
            fields,
            updated_at: self.at,
            ..before.clone()
        };
        let fields = FieldValues::new(&after.fields);
        let id: [&dyn ToSql; 1] = [&after.id];
        let [il, rl, tl] = &fields.losses;
        let updated: [&dyn ToSql; 4] = [&after.updated_at, il, rl, tl];
        self.index_new_risks()?;
        self.tx.execute(
            "UPDATE risks SET category = ?2, title = ?3, description = ?4, cause = ?5,
             consequence = ?6, owner = ?7, status = ?8, treatment = ?9, treatment_rationale = ?10,
             acceptance_approver = ?11, acceptance_expiry = ?12, inherent_l = ?13, inherent_i = ?14,
             residual_l = ?15, residual_i = ?16, target_l = ?17, target_i = ?18, tags = ?19,
             next_review = ?20, updated_at = ?21, inherent_loss = ?22, residual_loss = ?23,
             target_loss = ?24 WHERE id = ?1",
            params_from_iter(id.into_iter().chain(fields.params()).chain(updated)),
        )?;
        self.audit_update(
            Entity::Risk,
            &after.id,
            Some(&after.partnership_id),
            before,
            &after,
        )?;
        Ok(after)
    }
}

/// A risk's fields as the values of their columns, from `category` to `next_review` in
/// the order of [`RISK_COLUMNS`]: inserting and updating a risk bind the same list.
struct FieldValues<'a> {
    fields: &'a RiskFields,
    status: &'static str,
    treatment: Option<&'static str>,
    /// Likelihood and impact of the inherent, residual and target scores.
    scores: [Option<u8>; 6],
    tags: String,
    /// The inherent, residual and target money estimates as JSON.
    losses: [Option<String>; 3],
}

impl<'a> FieldValues<'a> {
    fn new(fields: &'a RiskFields) -> Self {
        let split = |s: Option<Score>| (s.map(|s| s.likelihood), s.map(|s| s.impact));
        let (il, ii) = split(fields.inherent);
        let (rl, ri) = split(fields.residual);
        let (tl, ti) = split(fields.target);
        FieldValues {
            fields,
            status: fields.status.as_str(),
            treatment: fields.treatment.map(Treatment::as_str),
            scores: [il, ii, rl, ri, tl, ti],
            tags: serde_json::to_string(&fields.tags).expect("tags serialise"),
            losses: ScoreKind::ALL.map(|k| {
                fields
                    .loss(k)
                    .map(|e| serde_json::to_string(e).expect("estimates serialise"))
            }),
        }
    }

    fn params(&self) -> [&dyn ToSql; 19] {
        let f = self.fields;
        let [il, ii, rl, ri, tl, ti] = &self.scores;
        [
            &f.category,
            &f.title,
            &f.description,
            &f.cause,
            &f.consequence,
            &f.owner,
            &self.status,
            &self.treatment,
            &f.treatment_rationale,
            &f.acceptance_approver,
            &f.acceptance_expiry,
            il,
            ii,
            rl,
            ri,
            tl,
            ti,
            &self.tags,
            &f.next_review,
        ]
    }
}
