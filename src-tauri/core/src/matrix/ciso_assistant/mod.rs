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
//! be edited afterwards like any custom matrix. Abbreviations, ids, URNs, translations
//! and the colours of axis levels are not kept.
//!
//! Colours are read as CISO Assistant's own pages would show them: a risk level without
//! `hexcolor` gets one from [`palette_colour`] by its rank, and obvious slips (`##RRGGBB`,
//! `RRGGBB` without `#`, `#RRGGBBAA`, a CSS colour name such as `orange`) are read; each of
//! these is reported as a [`CisoNote`] beside the matrices. A colour that cannot be read
//! is still an error naming its field. A file that only references a matrix by URN (a
//! CISO Assistant preset) is refused with a message that says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    AxisLevel, Matrix, RiskLevel, GREEN, LIGHT_GREEN, MAX_AXIS, MAX_LEVELS, MIN_AXIS, ORANGE, RED,
    YELLOW,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::rules::{limit_text, require_text};

mod colours;
mod refusals;
pub use colours::*;
use refusals::*;

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

/// Something the import supplied or corrected, for the person importing to check: a
/// colour given to a level that had none, a colour read despite a slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CisoNote {
    /// Which matrix of the library it concerns (`risk_matrix[matrix]`).
    pub matrix: usize,
    /// The place in the file, e.g. `risk_matrix[0].risk[2].hexcolor`.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for CisoNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The matrices read from a library, and what the import supplied or corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CisoLibrary {
    pub matrices: Vec<Matrix>,
    /// In the order of the file; empty when everything was read as written.
    pub notes: Vec<CisoNote>,
}

impl CisoLibrary {
    /// The notes about matrix `k` of the library.
    pub fn notes_for(&self, k: usize) -> impl Iterator<Item = &CisoNote> {
        self.notes.iter().filter(move |n| n.matrix == k)
    }
}

/// Reads the matrices of a CISO Assistant risk-matrix library. Each one gets a new id
/// and no preset key, ready for [`Store::create_matrix`] or
/// [`Store::import_ciso_matrices`]; nothing is written.
pub fn parse_ciso_assistant(yaml: &str) -> Result<CisoLibrary> {
    if yaml.len() > MAX_CISO_YAML_BYTES {
        return Err(Error::invalid(
            "yaml",
            format!("{} bytes", yaml.len()),
            format!("a CISO Assistant library is at most {MAX_CISO_YAML_BYTES} bytes (1 MiB)"),
        ));
    }
    let library: Library = serde_path_to_error::deserialize(serde_norway::Deserializer::from_str(
        yaml,
    ))
    .map_err(|e| {
        // `risk_matrix: urn:…` names a matrix instead of defining one.
        let at_risk_matrix = e.path().to_string().starts_with("objects.risk_matrix");
        match reference_only(yaml) {
            Some(refused) if at_risk_matrix => refused,
            _ => yaml_error(yaml, e),
        }
    })?;
    let raw = match library.objects.and_then(|o| o.risk_matrix) {
        Some(raw) => raw,
        None => return Err(reference_only(yaml).unwrap_or_else(|| not_a_library(yaml))),
    };
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
    let mut notes = Vec::new();
    for (m, raw) in raw.into_iter().enumerate() {
        let place = format!("risk_matrix[{m}]");
        let mut notes_here = Notes {
            matrix: m,
            notes: &mut notes,
        };
        let matrix = convert(raw, &place, &mut notes_here)?;
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
    Ok(CisoLibrary { matrices, notes })
}

/// Where the notes of one matrix go.
struct Notes<'a> {
    matrix: usize,
    notes: &'a mut Vec<CisoNote>,
}

impl Notes<'_> {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.notes.push(CisoNote {
            matrix: self.matrix,
            field: field.into(),
            message: message.into(),
        });
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

fn convert(raw: RawMatrix, place: &str, notes: &mut Notes) -> Result<Matrix> {
    let name = raw.name.unwrap_or_default().trim().to_string();
    require_text(&format!("{place}.name"), &name, 100)?;
    let description = raw.description.unwrap_or_default().trim().to_string();
    limit_text(&format!("{place}.description"), &description, 5_000)?;

    let likelihood = axis(raw.probability, &format!("{place}.probability"))?;
    let impact = axis(raw.impact, &format!("{place}.impact"))?;
    let levels = risk_levels(raw.risk, &format!("{place}.risk"), notes)?;
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

/// Checks a list is there, within its size limits, and has well-formed, unique names
/// and readable colours (or none).
fn level_list(
    list: Option<Vec<RawLevel>>,
    field: &str,
    min: usize,
    max: usize,
    what: &str,
    name_max: usize,
) -> Result<Vec<(String, String, Option<Colour>)>> {
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
    let mut out: Vec<(String, String, Option<Colour>)> = Vec::with_capacity(list.len());
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
            Some(text) if !text.trim().is_empty() => Some(read_colour(&text).ok_or_else(|| {
                Error::invalid(
                    format!("{field}[{k}].hexcolor"),
                    &text,
                    "not a colour: a colour is written #RGB or #RRGGBB (hexadecimal digits), \
                     or as a CSS colour name such as orange",
                )
            })?),
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

/// The risk levels, each with a colour: the one written, read despite slips (noted), or
/// one from [`palette_colour`] by rank when there is none (noted once for the matrix).
fn risk_levels(
    list: Option<Vec<RawLevel>>,
    field: &str,
    notes: &mut Notes,
) -> Result<Vec<RiskLevel>> {
    let what = "a matrix lists its risk levels, lowest first";
    let list = level_list(list, field, 2, MAX_LEVELS, what, 40)?;
    let n = list.len();
    let mut supplied = Vec::new();
    let levels = list
        .into_iter()
        .enumerate()
        .map(|(k, (name, description, colour))| {
            let colour = match colour {
                Some(Colour { hex, slip: None }) => hex,
                Some(Colour {
                    hex,
                    slip: Some((written, slip)),
                }) => {
                    notes.add(
                        format!("{field}[{k}].hexcolor"),
                        format!("read {written:?} as {hex} ({slip})"),
                    );
                    hex
                }
                None => {
                    let hex = palette_colour(k, n).to_string();
                    supplied.push(format!("{name} {hex}"));
                    hex
                }
            };
            RiskLevel {
                name,
                description,
                colour,
                review_days: review_days_for(k, n),
                within_appetite: within_appetite_for(k, n),
            }
        })
        .collect();
    if !supplied.is_empty() {
        let which = match supplied.len() {
            all if all == n => "no risk level has a hexcolor".to_string(),
            1 => format!("1 of the {n} risk levels has no hexcolor"),
            some => format!("{some} of the {n} risk levels have no hexcolor"),
        };
        notes.add(
            field,
            format!(
                "{which} (missing, empty, or an unquoted # that YAML reads as a comment); \
                 gave colours by rank, lowest green to highest red: {}",
                supplied.join(", ")
            ),
        );
    }
    Ok(levels)
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

pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests;
