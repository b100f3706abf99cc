//! Partnerships, categories, and moving a partnership to another matrix.

use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::matrices::load_matrix;
use super::{new_id, Entity, Named, OrNotFound, Store, Writer};
use crate::error::{Error, Result};
use crate::matrix::{map_score, Matrix, Score};
use crate::model::{Category, Partnership, PartnershipFields, ScoreKind, Stage};

const PARTNERSHIP_COLUMNS: &str =
    "id, matrix_id, name, partner, description, stage, owner, archived, created_at, updated_at";

fn partnership_from_row(r: &Row<'_>) -> rusqlite::Result<Partnership> {
    let stage: String = r.get(5)?;
    Ok(Partnership {
        id: r.get(0)?,
        matrix_id: r.get(1)?,
        fields: PartnershipFields {
            name: r.get(2)?,
            partner: r.get(3)?,
            description: r.get(4)?,
            // The CHECK constraint keeps the column to known stages.
            stage: Stage::parse(&stage, "stage").unwrap_or(Stage::Exploring),
            owner: r.get(6)?,
            archived: r.get(7)?,
        },
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// A partnership with the size of its register, for lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartnershipSummary {
    #[serde(flatten)]
    pub partnership: Partnership,
    pub matrix_name: String,
    pub risk_count: u64,
    /// Risks per level of the partnership's matrix, by their current (residual, else
    /// inherent) score, lowest level first; unscored risks are not counted.
    pub risks_by_level: Vec<LevelCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelCount {
    pub level: String,
    pub colour: String,
    pub count: u64,
}

/// `counts` (one per level of `matrix`, lowest first) with each level's name and colour.
pub(crate) fn level_counts(matrix: &Matrix, counts: Vec<u64>) -> Vec<LevelCount> {
    matrix
        .levels
        .iter()
        .zip(counts)
        .map(|(level, count)| LevelCount {
            level: level.name.clone(),
            colour: level.colour.clone(),
            count,
        })
        .collect()
}

/// What changing a partnership's matrix does to each existing score, for the user to
/// confirm before it is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixChangePlan {
    pub partnership_id: String,
    pub from_matrix_id: String,
    pub to_matrix_id: String,
    pub changes: Vec<ScoreChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreChange {
    pub risk_id: String,
    pub reference: String,
    pub kind: ScoreKind,
    pub from: Score,
    pub from_level: String,
    pub to: Score,
    pub to_level: String,
}

impl Store {
    pub fn partnerships(&self, include_archived: bool) -> Result<Vec<Partnership>> {
        let sql = format!(
            "SELECT {PARTNERSHIP_COLUMNS} FROM partnerships WHERE archived = 0 OR ?1 ORDER BY name"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([include_archived], partnership_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn partnership(&self, id: &str) -> Result<Partnership> {
        let sql = format!("SELECT {PARTNERSHIP_COLUMNS} FROM partnerships WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], partnership_from_row)
            .or_not_found("partnership", "partnership", id)
    }

    /// Finds a partnership by id or exact name.
    pub fn find_partnership(&self, key: &str) -> Result<Partnership> {
        let sql = format!(
            "SELECT {PARTNERSHIP_COLUMNS} FROM partnerships WHERE id = ?1 OR name = ?1 LIMIT 1"
        );
        self.conn
            .query_row(&sql, [key], partnership_from_row)
            .or_not_found("partnership", "partnership", key)
    }

    pub fn partnership_summaries(&self, include_archived: bool) -> Result<Vec<PartnershipSummary>> {
        let mut counts = self.conn.prepare(
            "SELECT coalesce(r.residual_l, r.inherent_l), coalesce(r.residual_i, r.inherent_i), count(*)
             FROM risks r WHERE r.partnership_id = ?1 GROUP BY 1, 2",
        )?;
        let mut out = Vec::new();
        for partnership in self.partnerships(include_archived)? {
            let matrix = load_matrix(&self.conn, &partnership.matrix_id)?;
            let mut by_level = vec![0u64; matrix.levels.len()];
            let mut total = 0;
            let mut rows = counts.query([&partnership.id])?;
            while let Some(r) = rows.next()? {
                let (l, i, n): (Option<u8>, Option<u8>, u64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                total += n;
                if let (Some(l), Some(i)) = (l, i) {
                    if let Some(level) = matrix.level_index(Score::new(l, i)) {
                        by_level[level] += n;
                    }
                }
            }
            out.push(PartnershipSummary {
                matrix_name: matrix.name.clone(),
                risk_count: total,
                risks_by_level: level_counts(&matrix, by_level),
                partnership,
            });
        }
        Ok(out)
    }

    /// Creates an empty partnership scored on `matrix` (id, preset key or name).
    pub fn create_partnership(
        &mut self,
        fields: PartnershipFields,
        matrix: &str,
    ) -> Result<Partnership> {
        let partnership = self.new_partnership(fields, matrix)?;
        self.write(|w| w.insert_partnership(&partnership))?;
        Ok(partnership)
    }

    /// Validates and prepares a partnership record without writing it.
    pub(crate) fn new_partnership(
        &self,
        fields: PartnershipFields,
        matrix: &str,
    ) -> Result<Partnership> {
        fields.validate()?;
        self.ensure_unique_name(Named::Partnership, &fields.name, "")?;
        let matrix = self.find_matrix(matrix)?;
        let at = super::now();
        Ok(Partnership {
            id: new_id(),
            matrix_id: matrix.id,
            fields: PartnershipFields {
                name: fields.name.trim().to_string(),
                ..fields
            },
            created_at: at,
            updated_at: at,
        })
    }

    pub fn update_partnership(
        &mut self,
        id: &str,
        fields: PartnershipFields,
    ) -> Result<Partnership> {
        fields.validate()?;
        let old = self.partnership(id)?;
        self.ensure_unique_name(Named::Partnership, &fields.name, id)?;
        let new = Partnership {
            fields: PartnershipFields {
                name: fields.name.trim().to_string(),
                ..fields
            },
            updated_at: super::now(),
            ..old.clone()
        };
        self.write(|w| {
            w.tx.execute(
                "UPDATE partnerships SET name = ?2, partner = ?3, description = ?4, stage = ?5,
                 owner = ?6, archived = ?7, updated_at = ?8 WHERE id = ?1",
                params![
                    id,
                    new.fields.name,
                    new.fields.partner,
                    new.fields.description,
                    new.fields.stage.as_str(),
                    new.fields.owner,
                    new.fields.archived,
                    new.updated_at
                ],
            )?;
            w.audit_update(Entity::Partnership, id, Some(id), &old, &new)?;
            Ok(())
        })?;
        Ok(new)
    }

    /// Deletes a partnership with its whole register.
    pub fn delete_partnership(&mut self, id: &str) -> Result<()> {
        let old = self.partnership(id)?;
        self.write(|w| {
            w.index_new_risks()?;
            w.tx.execute("DELETE FROM partnerships WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Partnership, id, Some(id), &old)
        })
    }

    /// Computes how every existing score would move onto `to_matrix` (by rank position
    /// on each axis). Nothing is written.
    pub fn plan_matrix_change(
        &self,
        partnership_id: &str,
        to_matrix: &str,
    ) -> Result<MatrixChangePlan> {
        let partnership = self.partnership(partnership_id)?;
        let from = load_matrix(&self.conn, &partnership.matrix_id)?;
        let to = self.find_matrix(to_matrix)?;
        let mut changes = Vec::new();
        for risk in self.risks(partnership_id)? {
            for kind in ScoreKind::ALL {
                if let Some(score) = risk.fields.score(kind) {
                    let mapped = map_score(score, &from, &to);
                    changes.push(ScoreChange {
                        risk_id: risk.id.clone(),
                        reference: risk.reference.clone(),
                        kind,
                        from: score,
                        from_level: level_name(&from, score),
                        to: mapped,
                        to_level: level_name(&to, mapped),
                    });
                }
            }
        }
        Ok(MatrixChangePlan {
            partnership_id: partnership.id,
            from_matrix_id: from.id,
            to_matrix_id: to.id,
            changes,
        })
    }

    /// Applies a plan the user confirmed. If the register changed since the plan was
    /// made, nothing is applied and the caller must show the new plan.
    pub fn apply_matrix_change(&mut self, plan: &MatrixChangePlan) -> Result<Partnership> {
        let current = self.plan_matrix_change(&plan.partnership_id, &plan.to_matrix_id)?;
        if &current != plan {
            return Err(Error::conflict(
                "plan",
                &plan.partnership_id,
                "the register or its matrix changed since this mapping was computed; review the new mapping",
            ));
        }
        // Every score of the register moves: keep the register as it was first.
        self.backup_before(super::BackupReason::MatrixChange)?;
        let old = self.partnership(&plan.partnership_id)?;
        let mut risks = self.risks(&plan.partnership_id)?;
        for change in &plan.changes {
            if let Some(risk) = risks.iter_mut().find(|r| r.id == change.risk_id) {
                *risk.fields.score_mut(change.kind) = Some(change.to);
            }
        }
        let new = Partnership {
            matrix_id: plan.to_matrix_id.clone(),
            updated_at: super::now(),
            ..old.clone()
        };
        self.write(|w| {
            w.tx.execute(
                "UPDATE partnerships SET matrix_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![new.id, new.matrix_id, new.updated_at],
            )?;
            w.audit_update(Entity::Partnership, &new.id, Some(&new.id), &old, &new)?;
            for risk in &risks {
                let before = w.load_risk(&risk.id)?;
                w.update_risk_row(&before, risk.fields.clone())?;
            }
            Ok(())
        })?;
        Ok(new)
    }

    pub fn categories(&self) -> Result<Vec<Category>> {
        let mut stmt = self.conn.prepare(
            "SELECT code, name, prefix, built_in FROM categories ORDER BY built_in DESC, rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Category {
                code: r.get(0)?,
                name: r.get(1)?,
                prefix: r.get(2)?,
                built_in: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn category(&self, code: &str) -> Result<Category> {
        self.categories()?
            .into_iter()
            .find(|c| c.code == code)
            .ok_or_else(|| Error::not_found("category", "category", code))
    }

    /// Adds a user-defined category.
    pub fn add_category(&mut self, category: Category) -> Result<Category> {
        let category = Category {
            built_in: false,
            ..category
        };
        category.validate()?;
        let existing = self.categories()?;
        if existing.iter().any(|c| c.code == category.code) {
            return Err(Error::conflict(
                "code",
                &category.code,
                "this category exists",
            ));
        }
        if let Some(other) = existing.iter().find(|c| c.prefix == category.prefix) {
            return Err(Error::conflict(
                "prefix",
                &category.prefix,
                format!("the prefix is used by category {}", other.code),
            ));
        }
        self.write(|w| w.insert_category(&category))?;
        Ok(category)
    }
}

fn level_name(matrix: &crate::matrix::Matrix, score: Score) -> String {
    matrix
        .level(score)
        .map_or_else(|| "off the grid".to_string(), |l| l.name.clone())
}

impl Writer<'_> {
    pub(crate) fn insert_partnership(&self, p: &Partnership) -> Result<()> {
        self.tx.execute(
            "INSERT INTO partnerships (id, matrix_id, name, partner, description, stage, owner, archived, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                p.id,
                p.matrix_id,
                p.fields.name,
                p.fields.partner,
                p.fields.description,
                p.fields.stage.as_str(),
                p.fields.owner,
                p.fields.archived,
                p.created_at,
                p.updated_at
            ],
        )?;
        self.audit_create(Entity::Partnership, &p.id, Some(&p.id), p)
    }

    pub(crate) fn insert_category(&self, c: &Category) -> Result<()> {
        self.tx.execute(
            "INSERT INTO categories (code, name, prefix, built_in) VALUES (?1, ?2, ?3, 0)",
            params![c.code, c.name.trim(), c.prefix],
        )?;
        self.audit_create(Entity::Category, &c.code, None, c)
    }
}
