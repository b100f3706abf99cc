//! Matrices in the store: presets seeded on open, custom matrices cloned from them.

use rusqlite::{params, Connection, OptionalExtension};

use super::{new_id, Entity, Named, OrNotFound, Store, Writer};
use crate::error::{Error, Result};
use crate::matrix::{presets, AxisLevel, Matrix, RiskLevel};

impl Store {
    /// Adds any built-in matrix the file does not have yet.
    pub(super) fn seed_presets(&mut self) -> Result<()> {
        let missing: Vec<Matrix> = presets()
            .into_iter()
            .filter(|m| !matches!(self.matrix_exists(&m.id), Ok(true)))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        self.write(|w| {
            for matrix in &missing {
                w.insert_matrix(matrix)?;
            }
            Ok(())
        })
    }

    fn matrix_exists(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM matrices WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Presets first, then custom matrices by name.
    pub fn matrices(&self) -> Result<Vec<Matrix>> {
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT id FROM matrices ORDER BY preset IS NULL, rowid")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| load_matrix(&self.conn, id)).collect()
    }

    pub fn matrix(&self, id: &str) -> Result<Matrix> {
        load_matrix(&self.conn, id)
    }

    /// Finds a matrix by id, preset key (`5x5`, `nist-800-30`) or name.
    pub fn find_matrix(&self, key: &str) -> Result<Matrix> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM matrices WHERE id = ?1 OR preset = ?1 OR name = ?1
                 UNION ALL SELECT id FROM matrices WHERE lower(name) = lower(?1)
                 LIMIT 1",
                [key.trim()],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.matrix(&id),
            None => Err(Error::not_found("matrix", "matrix", key)),
        }
    }

    /// Copies a matrix under a new name; the copy can be edited.
    pub fn clone_matrix(&mut self, source: &str, name: &str) -> Result<Matrix> {
        let mut matrix = self.find_matrix(source)?;
        matrix.id = new_id();
        matrix.name = name.trim().to_string();
        matrix.preset = None;
        self.create_matrix(matrix)
    }

    /// Adds a custom matrix (as given, id included).
    pub fn create_matrix(&mut self, matrix: Matrix) -> Result<Matrix> {
        matrix.validate()?;
        if matrix.preset.is_some() {
            return Err(Error::invalid(
                "preset",
                matrix.preset.as_deref().unwrap_or_default(),
                "only built-in matrices are presets; clone one instead",
            ));
        }
        self.ensure_unique_name(Named::Matrix, &matrix.name, &matrix.id)?;
        if self.matrix_exists(&matrix.id)? {
            return Err(Error::conflict(
                "id",
                &matrix.id,
                "a matrix with this id exists",
            ));
        }
        self.write(|w| {
            w.insert_matrix(&matrix)?;
            w.audit_create(Entity::Matrix, &matrix.id, None, &matrix)
        })?;
        Ok(matrix)
    }

    /// Saves an edited custom matrix: labels, descriptions, colours, levels and cells.
    /// The axes of a matrix in use cannot change size: risks would fall off the grid
    /// (clone it and change the partnership's matrix instead, which maps the scores).
    pub fn update_matrix(&mut self, matrix: Matrix) -> Result<Matrix> {
        matrix.validate()?;
        let old = self.matrix(&matrix.id)?;
        if old.preset.is_some() {
            return Err(Error::invalid(
                "matrix",
                &old.name,
                "built-in matrices cannot be edited; clone one and edit the copy",
            ));
        }
        if matrix.preset.is_some() {
            return Err(Error::invalid(
                "preset",
                matrix.preset.as_deref().unwrap_or_default(),
                "a custom matrix cannot become a preset",
            ));
        }
        self.ensure_unique_name(Named::Matrix, &matrix.name, &matrix.id)?;
        if old.size() != matrix.size() {
            let users: i64 = self.conn.query_row(
                "SELECT count(*) FROM partnerships WHERE matrix_id = ?1",
                [&matrix.id],
                |r| r.get(0),
            )?;
            if users > 0 {
                return Err(Error::invalid(
                    "likelihood",
                    format!("{}×{}", matrix.likelihood.len(), matrix.impact.len()),
                    format!(
                        "{users} partnership(s) use this {}×{} matrix, so its axes cannot change size; clone it and change the partnership's matrix instead",
                        old.likelihood.len(),
                        old.impact.len()
                    ),
                ));
            }
        }
        self.write(|w| {
            w.tx.execute(
                "DELETE FROM matrix_cells WHERE matrix_id = ?1",
                [&matrix.id],
            )?;
            w.tx.execute(
                "DELETE FROM matrix_levels WHERE matrix_id = ?1",
                [&matrix.id],
            )?;
            w.tx.execute(
                "DELETE FROM matrix_axis_levels WHERE matrix_id = ?1",
                [&matrix.id],
            )?;
            w.tx.execute(
                "UPDATE matrices SET name = ?2, description = ?3, updated_at = ?4 WHERE id = ?1",
                params![matrix.id, matrix.name.trim(), matrix.description, w.at],
            )?;
            w.insert_matrix_parts(&matrix)?;
            // Levels and their review intervals may have moved: the due days of the
            // risks scored on this matrix follow (see migration 6).
            w.tx.execute(
                "UPDATE risks SET review_due = (SELECT due FROM risk_cadence c WHERE c.id = risks.id)
                 WHERE partnership_id IN (SELECT id FROM partnerships WHERE matrix_id = ?1)",
                [&matrix.id],
            )?;
            w.audit_update(Entity::Matrix, &matrix.id, None, &old, &matrix)?;
            Ok(())
        })?;
        Ok(matrix)
    }

    /// Deletes a custom matrix that no partnership uses.
    pub fn delete_matrix(&mut self, id: &str) -> Result<()> {
        let old = self.matrix(id)?;
        if old.preset.is_some() {
            return Err(Error::invalid(
                "matrix",
                &old.name,
                "built-in matrices cannot be deleted",
            ));
        }
        let users: i64 = self.conn.query_row(
            "SELECT count(*) FROM partnerships WHERE matrix_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if users > 0 {
            return Err(Error::conflict(
                "matrix",
                &old.name,
                format!("{users} partnership(s) still use this matrix"),
            ));
        }
        self.write(|w| {
            w.tx.execute("DELETE FROM matrices WHERE id = ?1", [id])?;
            w.audit_delete(Entity::Matrix, id, None, &old)
        })
    }
}

impl Writer<'_> {
    pub(crate) fn insert_matrix(&self, m: &Matrix) -> Result<()> {
        let tx = &self.tx;
        tx.execute(
            "INSERT INTO matrices (id, name, description, preset, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![m.id, m.name.trim(), m.description, m.preset, self.at],
        )?;
        self.insert_matrix_parts(m)
    }

    /// Axes, levels and cells of a matrix whose header row exists.
    fn insert_matrix_parts(&self, m: &Matrix) -> Result<()> {
        let tx = &self.tx;
        for (axis, levels) in [("likelihood", &m.likelihood), ("impact", &m.impact)] {
            for (i, level) in levels.iter().enumerate() {
                tx.execute(
                    "INSERT INTO matrix_axis_levels (matrix_id, axis, position, label, description, range)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![m.id, axis, i + 1, level.label, level.description, level.range],
                )?;
            }
        }
        for (i, level) in m.levels.iter().enumerate() {
            tx.execute(
                "INSERT INTO matrix_levels (matrix_id, position, name, description, colour, review_days, within_appetite)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    m.id,
                    i,
                    level.name,
                    level.description,
                    level.colour.to_ascii_uppercase(),
                    level.review_days,
                    level.within_appetite
                ],
            )?;
        }
        for (l, row) in m.grid.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                tx.execute(
                    "INSERT INTO matrix_cells (matrix_id, likelihood, impact, level) VALUES (?1, ?2, ?3, ?4)",
                    params![m.id, l + 1, i + 1, cell],
                )?;
            }
        }
        Ok(())
    }
}

pub(super) fn load_matrix(conn: &Connection, id: &str) -> Result<Matrix> {
    let (name, description, preset) = conn
        .prepare_cached("SELECT name, description, preset FROM matrices WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .or_not_found("matrix", "matrix", id)?;
    let axis = |which: &str| -> Result<Vec<AxisLevel>> {
        let mut stmt = conn.prepare_cached(
            "SELECT label, description, range FROM matrix_axis_levels
             WHERE matrix_id = ?1 AND axis = ?2 ORDER BY position",
        )?;
        let rows = stmt.query_map([id, which], |r| {
            Ok(AxisLevel {
                label: r.get(0)?,
                description: r.get(1)?,
                range: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let likelihood = axis("likelihood")?;
    let impact = axis("impact")?;
    let levels: Vec<RiskLevel> = conn
        .prepare_cached(
            "SELECT name, description, colour, review_days, within_appetite FROM matrix_levels
             WHERE matrix_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(RiskLevel {
                name: r.get(0)?,
                description: r.get(1)?,
                colour: r.get(2)?,
                review_days: r.get(3)?,
                within_appetite: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut grid = vec![vec![0u8; impact.len()]; likelihood.len()];
    let mut stmt = conn.prepare_cached(
        "SELECT likelihood, impact, level FROM matrix_cells WHERE matrix_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let (l, i, level): (usize, usize, u8) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if let Some(cell) = grid.get_mut(l - 1).and_then(|row| row.get_mut(i - 1)) {
            *cell = level;
        }
    }
    Ok(Matrix {
        id: id.to_string(),
        name,
        description,
        preset,
        likelihood,
        impact,
        levels,
        grid,
    })
}

impl Store {
    /// Adds every matrix of a CISO Assistant risk-matrix library as a custom matrix, all
    /// of them in one transaction, or none when any of them is wrong or has the name of
    /// a matrix the workspace already has (compared case-insensitively). The notes say
    /// what the import supplied or corrected (see [`crate::matrix::ciso_assistant::parse_ciso_assistant`]).
    pub fn import_ciso_matrices(
        &mut self,
        yaml: &str,
    ) -> Result<crate::matrix::ciso_assistant::CisoLibrary> {
        let library = crate::matrix::ciso_assistant::parse_ciso_assistant(yaml)?;
        let existing = self.matrices()?;
        for (m, matrix) in library.matrices.iter().enumerate() {
            if let Some(taken) = existing
                .iter()
                .find(|e| crate::matrix::ciso_assistant::same_name(&e.name, &matrix.name))
            {
                return Err(Error::conflict(
                    format!("risk_matrix[{m}].name"),
                    &matrix.name,
                    format!(
                        "the workspace already has a matrix named {:?}; rename one of them",
                        taken.name
                    ),
                ));
            }
        }
        self.write(|w| {
            *w.context.borrow_mut() = Some("CISO Assistant library import".into());
            for matrix in &library.matrices {
                w.insert_matrix(matrix)?;
                w.audit_create(Entity::Matrix, &matrix.id, None, matrix)?;
            }
            Ok(())
        })?;
        Ok(library)
    }
}
