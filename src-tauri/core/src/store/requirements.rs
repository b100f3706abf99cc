//! Requirements (controls) of a partnership and the risks they mitigate.

use rusqlite::{params, OptionalExtension};

use super::{new_id, Entity, OrNotFound, Store, Writer};
use crate::error::{Error, Result};
use crate::model::{Requirement, RequirementFields, RequirementStatus};

const REQUIREMENT_COLUMNS: &str =
    "id, partnership_id, code, title, area, description, status, evidence, created_at, updated_at";

impl Store {
    /// The checklist of a partnership, by code.
    pub fn requirements(&self, partnership_id: &str) -> Result<Vec<Requirement>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM requirements WHERE partnership_id = ?1 ORDER BY code")?
            .query_map([partnership_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.requirement(id)).collect()
    }

    pub fn requirement(&self, id: &str) -> Result<Requirement> {
        let sql = format!("SELECT {REQUIREMENT_COLUMNS} FROM requirements WHERE id = ?1");
        let mut requirement = self
            .conn
            .query_row(&sql, [id], |r| {
                let status: String = r.get(6)?;
                Ok(Requirement {
                    id: r.get(0)?,
                    partnership_id: r.get(1)?,
                    fields: RequirementFields {
                        code: r.get(2)?,
                        title: r.get(3)?,
                        area: r.get(4)?,
                        description: r.get(5)?,
                        // The CHECK constraint keeps the column to known statuses.
                        status: RequirementStatus::parse(&status, "status")
                            .unwrap_or(RequirementStatus::NotStarted),
                        evidence: r.get(7)?,
                    },
                    risk_ids: Vec::new(),
                    created_at: r.get(8)?,
                    updated_at: r.get(9)?,
                })
            })
            .or_not_found("requirement", "requirement", id)?;
        requirement.risk_ids = self
            .conn
            .prepare_cached(
                "SELECT l.risk_id FROM requirement_risks l JOIN risks r ON r.id = l.risk_id
                 WHERE l.requirement_id = ?1 ORDER BY r.reference",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(requirement)
    }

    /// The requirements that mitigate a risk.
    pub fn risk_requirements(&self, risk_id: &str) -> Result<Vec<Requirement>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT q.id FROM requirements q JOIN requirement_risks l ON l.requirement_id = q.id
                 WHERE l.risk_id = ?1 ORDER BY q.code",
            )?
            .query_map([risk_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.requirement(id)).collect()
    }

    /// Adds a requirement linked to the given risks of the same partnership.
    pub fn add_requirement(
        &mut self,
        partnership_id: &str,
        fields: RequirementFields,
        risk_ids: Vec<String>,
    ) -> Result<Requirement> {
        fields.validate()?;
        self.partnership(partnership_id)?;
        self.ensure_unique_code(partnership_id, &fields.code, "")?;
        self.check_links(partnership_id, &risk_ids)?;
        let at = super::now();
        let requirement = Requirement {
            id: new_id(),
            partnership_id: partnership_id.to_string(),
            fields,
            risk_ids,
            created_at: at,
            updated_at: at,
        };
        self.write(|w| w.insert_requirement(&requirement))?;
        Ok(requirement)
    }

    /// Replaces a requirement's fields and links; one audit row per changed field.
    pub fn update_requirement(
        &mut self,
        id: &str,
        fields: RequirementFields,
        risk_ids: Vec<String>,
    ) -> Result<Requirement> {
        fields.validate()?;
        let before = self.requirement(id)?;
        self.ensure_unique_code(&before.partnership_id, &fields.code, id)?;
        self.check_links(&before.partnership_id, &risk_ids)?;
        let after = Requirement {
            fields,
            risk_ids,
            updated_at: super::now(),
            ..before.clone()
        };
        self.write(|w| {
            let f = &after.fields;
            w.tx.execute(
                "UPDATE requirements SET code = ?2, title = ?3, area = ?4, description = ?5,
                 status = ?6, evidence = ?7, updated_at = ?8 WHERE id = ?1",
                params![
                    id,
                    f.code,
                    f.title,
                    f.area,
                    f.description,
                    f.status.as_str(),
                    f.evidence,
                    after.updated_at
                ],
            )?;
            w.tx.execute(
                "DELETE FROM requirement_risks WHERE requirement_id = ?1",
                [id],
            )?;
            w.insert_links(&after)?;
            w.audit_update(
                Entity::Requirement,
                id,
                Some(&after.partnership_id),
                &before,
                &after,
            )?;
            Ok(())
        })?;
        self.requirement(id)
    }

    /// Links a requirement to a risk of its partnership (`linked`), or removes the link.
    /// Either way is idempotent; the change is audited as a change of `risk_ids`.
    pub fn set_requirement_link(
        &mut self,
        requirement_id: &str,
        risk_id: &str,
        linked: bool,
    ) -> Result<Requirement> {
        let requirement = self.requirement(requirement_id)?;
        let mut risk_ids = requirement.risk_ids;
        let was_linked = risk_ids.iter().any(|r| r == risk_id);
        if was_linked == linked {
            return self.requirement(requirement_id);
        }
        if linked {
            risk_ids.push(risk_id.to_string());
        } else {
            risk_ids.retain(|r| r != risk_id);
        }
        self.update_requirement(requirement_id, requirement.fields, risk_ids)
    }

    pub fn delete_requirement(&mut self, id: &str) -> Result<()> {
        let old = self.requirement(id)?;
        self.write(|w| {
            w.tx.execute("DELETE FROM requirements WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Requirement, id, Some(&old.partnership_id), &old)
        })
    }

    fn ensure_unique_code(&self, partnership_id: &str, code: &str, id: &str) -> Result<()> {
        let taken = self
            .conn
            .query_row(
                "SELECT 1 FROM requirements WHERE partnership_id = ?1 AND code = ?2 AND id <> ?3",
                [partnership_id, code, id],
                |_| Ok(()),
            )
            .optional()?;
        match taken {
            Some(()) => Err(Error::conflict(
                "code",
                code,
                "another requirement of this partnership has this code",
            )),
            None => Ok(()),
        }
    }

    fn check_links(&self, partnership_id: &str, risk_ids: &[String]) -> Result<()> {
        for (n, risk_id) in risk_ids.iter().enumerate() {
            let risk = self
                .risk(risk_id)
                .map_err(|e| e.within(&format!("risk_ids[{n}].")))?;
            if risk.partnership_id != partnership_id {
                return Err(Error::invalid(
                    format!("risk_ids[{n}]"),
                    risk_id,
                    "the risk belongs to another partnership",
                ));
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    pub(crate) fn insert_requirement(&self, q: &Requirement) -> Result<()> {
        let f = &q.fields;
        self.tx.execute(
            "INSERT INTO requirements (id, partnership_id, code, title, area, description, status, evidence, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![q.id, q.partnership_id, f.code, f.title, f.area, f.description, f.status.as_str(), f.evidence, q.created_at, q.updated_at],
        )?;
        self.insert_links(q)?;
        self.audit_create(Entity::Requirement, &q.id, Some(&q.partnership_id), q)
    }

    fn insert_links(&self, q: &Requirement) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO requirement_risks (requirement_id, risk_id) VALUES (?1, ?2)",
        )?;
        for risk_id in &q.risk_ids {
            stmt.execute([&q.id, risk_id])?;
        }
        Ok(())
    }
}
