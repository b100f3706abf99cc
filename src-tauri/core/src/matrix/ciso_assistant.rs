//! Scoring matrices from a CISO Assistant risk-matrix library (YAML).
//!
//! A library lists its matrices under `objects.risk_matrix`. Each matrix has a
//! `probability`, an `impact` and a `risk` list (lowest first; entries carry `name`,
//! `description`, `abbreviation`, `hexcolor` and sometimes `id`) and a `grid` with one
//! row per probability level and, in each row, one risk index per impact level.
//! CISO Assistant does not check these files, so everything is checked here, and every
//! error names the place in the file, e.g. `risk_matrix[0].grid[2][4]`.
//!
//! How the library maps onto a [`Matrix`]:
//!
//! | CISO Assistant | Partner Risk |
//! | --- | --- |
//! | `name`, `description` | `name`, `description` |
//! | `probability[p]` (`name`, `description`) | `likelihood[p]` (`label`, `description`) |
//! | `impact[i]` (`name`, `description`) | `impact[i]` (`label`, `description`) |
//! | `risk[k]` (`name`, `description`, `hexcolor`) | `levels[k]` (`name`, `description`, `colour`) |
//! | `grid[p][i]` | `grid[p][i]` |
//!
//! The library says nothing about review intervals or appetite; see
//! [`review_days_for`] and [`within_appetite_for`] for what an import chooses. Both can
//! be edited afterwards like any custom matrix. Abbreviations, ids, URNs and
//! translations are not kept.

use serde::Deserialize;

use super::{AxisLevel, Matrix, RiskLevel, MAX_AXIS, MAX_LEVELS, MIN_AXIS};
use crate::error::{Error, Result};
use crate::model::{limit_text, require_text};
use crate::store::{new_id, Entity, Store};

/// The largest library text accepted, checked before it is parsed.
pub const MAX_CISO_YAML_BYTES: usize = 1024 * 1024;
/// The most matrices one library may hold.
pub const MAX_CISO_MATRICES: usize = 50;

#[derive(Deserialize)]
#[serde(expecting = "a mapping with objects.risk_matrix")]
struct Library {
    #[serde(default)]
    objects: Option<Objects>,
}

#[derive(Deserialize)]
#[serde(expecting = "a mapping with risk_matrix")]
struct Objects {
    #[serde(default)]
    risk_matrix: Option<Vec<RawMatrix>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a matrix: a mapping with name, probability, impact, risk and grid")]
struct RawMatrix {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    probability: Option<Vec<RawLevel>>,
    #[serde(default)]
    impact: Option<Vec<RawLevel>>,
    #[serde(default)]
    risk: Option<Vec<RawLevel>>,
    #[serde(default)]
    grid: Option<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a level: a mapping with name, description and hexcolor")]
struct RawLevel {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    hexcolor: Option<String>,
}

/// Reads the matrices of a CISO Assistant risk-matrix library. Each one gets a new id
/// and no preset key, ready for [`Store::create_matrix`] or
/// [`Store::import_ciso_matrices`]; nothing is written.
pub fn parse_ciso_assistant(yaml: &str) -> Result<Vec<Matrix>> {
    if yaml.len() > MAX_CISO_YAML_BYTES {
        return Err(Error::invalid(
            "yaml",
            format!("{} bytes", yaml.len()),
            format!("a CISO Assistant library is at most {MAX_CISO_YAML_BYTES} bytes (1 MiB)"),
        ));
    }
    let library: Library =
        serde_path_to_error::deserialize(serde_norway::Deserializer::from_str(yaml))
            .map_err(|e| yaml_error(yaml, e))?;
    let raw = library.objects.and_then(|o| o.risk_matrix).ok_or_else(|| {
        Error::invalid(
            "objects",
            "",
            "no risk_matrix in objects: this is not a CISO Assistant risk-matrix library",
        )
    })?;
    if raw.is_empty() {
        return Err(Error::invalid(
            "risk_matrix",
            "[]",
            "the library lists no matrix",
        ));
    }
    if raw.len() > MAX_CISO_MATRICES {
        return Err(Error::invalid(
            "risk_matrix",
            format!("{} matrices", raw.len()),
            format!("a library may hold at most {MAX_CISO_MATRICES} matrices"),
        ));
    }
    let mut matrices: Vec<Matrix> = Vec::with_capacity(raw.len());
    for (m, raw) in raw.into_iter().enumerate() {
        let place = format!("risk_matrix[{m}]");
        let matrix = convert(raw, &place)?;
        if let Some(k) = matrices
            .iter()
            .position(|other| same_name(&other.name, &matrix.name))
        {
            return Err(Error::invalid(
                format!("{place}.name"),
                &matrix.name,
                format!("risk_matrix[{k}] has the same name"),
            ));
        }
        matrices.push(matrix);
    }
    Ok(matrices)
}

impl Store {
    /// Adds every matrix of a CISO Assistant risk-matrix library as a custom matrix, all
    /// of them in one transaction, or none when any of them is wrong or has the name of
    /// a matrix the workspace already has (compared case-insensitively).
    pub fn import_ciso_matrices(&mut self, yaml: &str) -> Result<Vec<Matrix>> {
        let matrices = parse_ciso_assistant(yaml)?;
        let existing = self.matrices()?;
        for (m, matrix) in matrices.iter().enumerate() {
            if let Some(taken) = existing.iter().find(|e| same_name(&e.name, &matrix.name)) {
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
            for matrix in &matrices {
                w.insert_matrix(matrix)?;
                w.audit_create(Entity::Matrix, &matrix.id, None, matrix)?;
            }
            Ok(())
        })?;
        Ok(matrices)
    }
}

/// Review interval of level `k` of `n`, lowest first: a year for the lowest level and a
/// month for the highest, with the usual steps between (3 levels: 365, 180, 30; 4: 365,
/// 180, 90, 30; 5: 365, 180, 90, 60, 30; 6: 365, 270, 180, 90, 60, 30; 7: 365, 270,
/// 180, 120, 90, 60, 30).
pub fn review_days_for(k: usize, n: usize) -> u32 {
    let steps: &[u32] = match n {
        0..=2 => &[365, 30],
        3 => &[365, 180, 30],
        4 => &[365, 180, 90, 30],
        5 => &[365, 180, 90, 60, 30],
        6 => &[365, 270, 180, 90, 60, 30],
        _ => &[365, 270, 180, 120, 90, 60, 30],
    };
    steps[k.min(steps.len() - 1)]
}

/// Whether level `k` of `n` (lowest first) is within appetite: the lower half of the
/// levels is; with an odd count the middle level is not, so that it gets attention.
pub fn within_appetite_for(k: usize, n: usize) -> bool {
    k < n / 2
}

fn convert(raw: RawMatrix, place: &str) -> Result<Matrix> {
    let name = raw.name.unwrap_or_default().trim().to_string();
    require_text(&format!("{place}.name"), &name, 100)?;
    let description = raw.description.unwrap_or_default().trim().to_string();
    limit_text(&format!("{place}.description"), &description, 5_000)?;

    let likelihood = axis(raw.probability, &format!("{place}.probability"))?;
    let impact = axis(raw.impact, &format!("{place}.impact"))?;
    let levels = risk_levels(raw.risk, &format!("{place}.risk"))?;
    let grid = grid(
        raw.grid,
        &format!("{place}.grid"),
        likelihood.len(),
        impact.len(),
        levels.len(),
    )?;
    let matrix = Matrix {
        id: new_id(),
        name,
        description,
        preset: None,
        likelihood,
        impact,
        levels,
        grid,
    };
    matrix
        .validate()
        .map_err(|e| e.within(&format!("{place}: ")))?;
    Ok(matrix)
}

/// Checks a list is there, within its size limits, and has well-formed, unique names.
fn level_list(
    list: Option<Vec<RawLevel>>,
    field: &str,
    min: usize,
    max: usize,
    what: &str,
    name_max: usize,
) -> Result<Vec<(String, String, Option<String>)>> {
    let list = list.ok_or_else(|| Error::invalid(field, "", format!("missing: {what}")))?;
    if list.is_empty() {
        return Err(Error::invalid(field, "[]", format!("empty: {what}")));
    }
    if !(min..=max).contains(&list.len()) {
        return Err(Error::invalid(
            field,
            format!("{} levels", list.len()),
            format!("{what}, {min} to {max} of them"),
        ));
    }
    let mut out: Vec<(String, String, Option<String>)> = Vec::with_capacity(list.len());
    for (k, level) in list.into_iter().enumerate() {
        let name = level.name.unwrap_or_default().trim().to_string();
        require_text(&format!("{field}[{k}].name"), &name, name_max)?;
        if let Some(j) = out.iter().position(|(other, _, _)| same_name(other, &name)) {
            return Err(Error::invalid(
                format!("{field}[{k}].name"),
                &name,
                format!("{field}[{j}] has the same name"),
            ));
        }
        let description = level.description.unwrap_or_default().trim().to_string();
        limit_text(&format!("{field}[{k}].description"), &description, 2_000)?;
        let colour = match level.hexcolor {
            Some(text) if !text.trim().is_empty() => {
                Some(normalise_colour(&text).ok_or_else(|| {
                    Error::invalid(
                        format!("{field}[{k}].hexcolor"),
                        &text,
                        "a colour is written #RGB or #RRGGBB",
                    )
                })?)
            }
            _ => None,
        };
        out.push((name, description, colour));
    }
    Ok(out)
}

fn axis(list: Option<Vec<RawLevel>>, field: &str) -> Result<Vec<AxisLevel>> {
    let what = "an axis lists its levels, lowest first";
    Ok(level_list(list, field, MIN_AXIS, MAX_AXIS, what, 60)?
        .into_iter()
        .map(|(label, description, _colour)| AxisLevel {
            label,
            description,
            range: None,
        })
        .collect())
}

fn risk_levels(list: Option<Vec<RawLevel>>, field: &str) -> Result<Vec<RiskLevel>> {
    let what = "a matrix lists its risk levels, lowest first";
    let list = level_list(list, field, 2, MAX_LEVELS, what, 40)?;
    let n = list.len();
    list.into_iter()
        .enumerate()
        .map(|(k, (name, description, colour))| {
            let colour = colour.ok_or_else(|| {
                Error::invalid(
                    format!("{field}[{k}].hexcolor"),
                    "",
                    "a risk level needs a colour, #RGB or #RRGGBB",
                )
            })?;
            Ok(RiskLevel {
                name,
                description,
                colour,
                review_days: review_days_for(k, n),
                within_appetite: within_appetite_for(k, n),
            })
        })
        .collect()
}

fn grid(
    grid: Option<Vec<Vec<i64>>>,
    field: &str,
    rows: usize,
    columns: usize,
    levels: usize,
) -> Result<Vec<Vec<u8>>> {
    let grid = grid.ok_or_else(|| {
        Error::invalid(
            field,
            "",
            format!("missing: the grid needs {rows} rows (one per probability level) of {columns} risk indexes (one per impact level)"),
        )
    })?;
    if grid.len() != rows {
        return Err(Error::invalid(
            field,
            format!("{} rows", grid.len()),
            format!("the grid needs one row per probability level: {rows} rows"),
        ));
    }
    grid.iter()
        .enumerate()
        .map(|(p, row)| {
            if row.len() != columns {
                return Err(Error::invalid(
                    format!("{field}[{p}]"),
                    format!("{} entries", row.len()),
                    format!("each grid row needs one entry per impact level: {columns} entries"),
                ));
            }
            row.iter()
                .enumerate()
                .map(|(i, &index)| {
                    let place = || format!("{field}[{p}][{i}]");
                    if index < 0 {
                        return Err(Error::invalid(
                            place(),
                            index,
                            format!(
                                "index {index} is not a risk level: indexes are 0 to {}",
                                levels - 1
                            ),
                        ));
                    }
                    match u8::try_from(index) {
                        Ok(cell) if usize::from(cell) < levels => Ok(cell),
                        _ => Err(Error::invalid(
                            place(),
                            index,
                            format!(
                                "index {index} is beyond the {levels} risk levels (0 to {})",
                                levels - 1
                            ),
                        )),
                    }
                })
                .collect()
        })
        .collect()
}

/// `#RGB` or `#RRGGBB` (any case, surrounding spaces allowed) as `#RRGGBB` in upper case,
/// as the presets write colours.
fn normalise_colour(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_uppercase()))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A YAML error as an input error: where it is (the path and the line and column) and
/// the text of that line.
fn yaml_error(yaml: &str, e: serde_path_to_error::Error<serde_norway::Error>) -> Error {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let mut message = inner.to_string();
    let location = inner.location();
    if let Some(loc) = &location {
        // The field and the message say where; the parser's own words need not.
        let at = format!(" at line {} column {}", loc.line(), loc.column());
        message = message.replacen(&at, "", 1);
    }
    // serde_norway puts its own path first; the field says it already.
    if let Some((head, rest)) = message.split_once(": ") {
        if !head.contains(' ') && (head.contains('.') || head.contains('[')) {
            message = rest.to_string();
        }
    }
    // A syntax error inside a mapping ends the path with `?` (no key yet).
    let path = path.trim_end_matches(".?").trim_end_matches('?');
    let field = match path.strip_prefix("objects.").unwrap_or(path) {
        "" | "." => "yaml".to_string(),
        p => p.to_string(),
    };
    let (where_, text) = match &location {
        Some(loc) => {
            let line: String = yaml
                .lines()
                .nth(loc.line().saturating_sub(1))
                .unwrap_or_default()
                .trim()
                .chars()
                .take(60)
                .collect();
            (
                format!(" at line {}, column {}", loc.line(), loc.column()),
                line,
            )
        }
        None => (String::new(), String::new()),
    };
    Error::invalid(
        field,
        text,
        format!("not a valid CISO Assistant library{where_}: {message}"),
    )
}
