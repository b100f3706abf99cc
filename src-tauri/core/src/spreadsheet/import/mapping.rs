//! How the file's columns and values become fields: the mapping the dry run proposes,
//! which the user may change and give back, and its checks.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{Axis, ColumnMapping, ColumnTarget};
use super::dates::DateOrder;
use super::lexicon::fold;
use super::values::{self, ValueEntry};
use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::{Category, RiskStatus, Treatment};

/// How the file's columns and values become fields. The dry run proposes one; the user
/// may change it and give it back (`--mapping FILE.json` in `prisk`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportMapping {
    /// The header's row number as the spreadsheet shows it.
    pub header_row: u32,
    pub columns: Vec<ColumnMapping>,
    /// For columns of categories, statuses, treatments and scores: each distinct value
    /// and what it becomes.
    #[serde(default)]
    pub values: Vec<ValueMapping>,
    /// How numeric dates such as 03/04/2027 are read; asked when the file does not say.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// The category of rows without one.
    pub default_category: String,
    /// Categories the workspace lacks, for values of the file's category column that
    /// name none of its own; created with the import when a row uses them.
    #[serde(default)]
    pub new_categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValueMapping {
    pub column: usize,
    pub header: String,
    pub entries: Vec<ValueEntry>,
}

/// For each column of categories, statuses, treatments or scores: its distinct values
/// and what each becomes, proposed, with the user's choices (in `given`) applied.
/// Categories the file's values need that the workspace lacks are proposed in
/// `new_categories` (or taken from the given mapping's).
pub(super) fn value_mappings(
    columns: &[ColumnMapping],
    column_text: &dyn Fn(usize) -> Vec<String>,
    given: Option<&ImportMapping>,
    matrix: &Matrix,
    categories: &[Category],
    new_categories: &mut Vec<Category>,
    levels: &[(usize, Vec<String>)],
) -> Result<Vec<ValueMapping>> {
    if let Some(given) = given {
        check_new_categories(&given.new_categories, categories)?;
        new_categories.clone_from(&given.new_categories);
    }
    // Each mapped column's distinct values, in the order they first appear, with how
    // many rows hold each: read once, for the scales, the words and the proposals.
    let mut distinct_of: Vec<(&ColumnMapping, Vec<(String, u32)>)> = Vec::new();
    for c in columns {
        let mapped = matches!(
            c.target,
            ColumnTarget::Category | ColumnTarget::Status | ColumnTarget::Treatment
        ) || c.target.score_axis().is_some();
        if !mapped {
            continue;
        }
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for text in column_text(c.index) {
            if text.is_empty() {
                continue;
            }
            let count = counts.entry(text.clone()).or_insert(0);
            if *count == 0 {
                order.push(text);
            }
            *count += 1;
        }
        let distinct = order
            .into_iter()
            .map(|v| {
                let n = counts[&v];
                (v, n)
            })
            .collect();
        distinct_of.push((c, distinct));
    }
    let of_axis = |axis: Axis| {
        distinct_of
            .iter()
            .filter(move |(c, _)| c.target.score_axis().is_some_and(|(_, a)| a == axis))
            .flat_map(|(_, d)| d.iter().map(|(v, _)| v.clone()))
    };
    // The scale of each axis, from all its columns.
    let largest_whole = |axis: Axis| values::largest_whole(&of_axis(axis).collect::<Vec<_>>());
    let scales = (largest_whole(Axis::Likelihood), largest_whole(Axis::Impact));
    // The distinct words of all the columns of each axis: inherent, residual and target
    // are on one scale, so their words are read on the scale that holds them all.
    let words_of = |axis: Axis| -> Vec<String> {
        of_axis(axis)
            .filter(|v| v.parse::<f64>().is_err())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect()
    };
    let (likelihood_words, impact_words) = (words_of(Axis::Likelihood), words_of(Axis::Impact));
    let axis_words = |axis: Axis| match axis {
        Axis::Likelihood => &likelihood_words,
        Axis::Impact => &impact_words,
    };
    let mut value_maps: Vec<ValueMapping> = Vec::new();
    for (c, distinct) in &distinct_of {
        // The words of every column of the axis, and the levels marked columns name.
        let known_levels: Vec<String> = match c.target.score_axis() {
            Some((_, axis)) => axis_words(axis)
                .iter()
                .cloned()
                .chain(
                    levels
                        .iter()
                        .filter(|(column, _)| *column == c.index)
                        .flat_map(|(_, l)| l.iter().cloned()),
                )
                .collect(),
            None => Vec::new(),
        };
        let mut entries = propose_values(
            c.target,
            distinct,
            matrix,
            categories,
            scales,
            &known_levels,
        );
        if c.target == ColumnTarget::Category {
            propose_new_categories(&mut entries, categories, new_categories);
        }
        // The user's choices win for the values they name.
        if let Some(given) = given.and_then(|m| m.values.iter().find(|v| v.column == c.index)) {
            for e in &mut entries {
                if let Some(g) = given.entries.iter().find(|g| g.value == e.value) {
                    if e.to == g.to {
                        continue;
                    }
                    e.to = g.to.clone();
                    e.how = if g.to.is_some() {
                        "chosen".into()
                    } else {
                        "left out".into()
                    };
                }
            }
            check_value_targets(c, &entries, matrix, categories, new_categories)?;
        }
        value_maps.push(ValueMapping {
            column: c.index,
            header: c.header.clone(),
            entries,
        });
    }
    Ok(value_maps)
}

fn propose_values(
    target: ColumnTarget,
    distinct: &[(String, u32)],
    matrix: &Matrix,
    categories: &[crate::model::Category],
    (likelihood_scale, impact_scale): (usize, usize),
    known_levels: &[String],
) -> Vec<ValueEntry> {
    let entry = |(value, rows): &(String, u32), to: Option<String>, how: &str| ValueEntry {
        value: value.clone(),
        rows: *rows,
        how: if to.is_some() {
            how.to_string()
        } else {
            "not recognised".to_string()
        },
        to,
    };
    match target {
        ColumnTarget::Category => distinct
            .iter()
            .map(|d| entry(d, values::parse_category(&d.0, categories), "by name"))
            .collect(),
        ColumnTarget::Status => distinct
            .iter()
            .map(|d| {
                entry(
                    d,
                    values::parse_status(&d.0).map(|s| s.as_str().to_string()),
                    "by name",
                )
            })
            .collect(),
        ColumnTarget::Treatment => distinct
            .iter()
            .map(|d| {
                entry(
                    d,
                    values::parse_treatment(&d.0).map(|t| t.as_str().to_string()),
                    "by name",
                )
            })
            .collect(),
        _ => match target.score_axis() {
            Some((_, Axis::Likelihood)) => values::propose_scores(
                distinct,
                &matrix.likelihood,
                true,
                likelihood_scale,
                known_levels,
            ),
            Some((_, Axis::Impact)) => {
                values::propose_scores(distinct, &matrix.impact, false, impact_scale, known_levels)
            }
            None => Vec::new(),
        },
    }
}

/// Each category value the workspace has no category for becomes a new category (one
/// per distinct name, folded), unless the user chose otherwise.
fn propose_new_categories(
    entries: &mut [ValueEntry],
    categories: &[Category],
    new_categories: &mut Vec<Category>,
) {
    for e in entries.iter_mut().filter(|e| e.to.is_none()) {
        let same = |c: &&Category| fold(&c.name) == fold(&e.value);
        let category = match new_categories.iter().find(same) {
            Some(c) => c.clone(),
            None => {
                let taken: Vec<Category> = categories
                    .iter()
                    .chain(new_categories.iter())
                    .cloned()
                    .collect();
                let c = values::new_category(&e.value, &taken);
                new_categories.push(c.clone());
                c
            }
        };
        e.to = Some(category.code);
        e.how = format!("a new category ({})", category.prefix);
    }
}

/// New categories given back by the user: valid, and not clashing with the workspace's.
fn check_new_categories(new: &[Category], categories: &[Category]) -> Result<()> {
    for (i, c) in new.iter().enumerate() {
        c.validate()
            .map_err(|e| e.within(&format!("new_categories[{i}].")))?;
        let clash = categories
            .iter()
            .chain(&new[..i])
            .find(|o| o.code == c.code || o.prefix == c.prefix);
        if let Some(other) = clash {
            return Err(Error::conflict(
                format!("new_categories[{i}]"),
                &c.code,
                format!("its code or prefix is used by category {}", other.code),
            ));
        }
    }
    Ok(())
}

/// A given mapping's columns, checked against the file's headers; a column given as
/// proposed keeps the proposal's reason.
pub(super) fn checked_columns(
    given: &[ColumnMapping],
    headers: &[String],
    proposed: &[ColumnMapping],
) -> Result<Vec<ColumnMapping>> {
    let mut columns: Vec<ColumnMapping> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| ColumnMapping {
            index,
            header: header.clone(),
            target: ColumnTarget::Skip,
            how: "chosen".into(),
        })
        .collect();
    for (n, c) in given.iter().enumerate() {
        let Some(slot) = columns.get_mut(c.index) else {
            return Err(Error::invalid(
                format!("columns[{n}].index"),
                c.index,
                format!("the table has {} columns", headers.len()),
            ));
        };
        slot.target = c.target;
        if let Some(p) = proposed
            .iter()
            .find(|p| p.index == c.index && p.target == c.target)
        {
            slot.how.clone_from(&p.how);
        }
    }
    for c in &columns {
        if !c.target.repeatable() && columns.iter().filter(|o| o.target == c.target).count() > 1 {
            let field = serde_json::to_value(c.target)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            return Err(Error::invalid(
                "columns",
                field,
                "two columns are mapped to the same field",
            ));
        }
    }
    Ok(columns)
}

/// Checks the targets a user gave for values: positions on the axis, known categories,
/// statuses and treatments.
fn check_value_targets(
    column: &ColumnMapping,
    entries: &[ValueEntry],
    matrix: &Matrix,
    categories: &[Category],
    new_categories: &[Category],
) -> Result<()> {
    let field = format!("values[{:?}]", column.header);
    for e in entries {
        let Some(to) = &e.to else { continue };
        let ok = match column.target {
            ColumnTarget::Category => categories
                .iter()
                .chain(new_categories)
                .any(|c| c.code == *to),
            ColumnTarget::Status => RiskStatus::parse(to, "status").is_ok(),
            ColumnTarget::Treatment => Treatment::parse(to, "treatment").is_ok(),
            t => {
                let size = match t.score_axis() {
                    Some((_, Axis::Likelihood)) => matrix.likelihood.len(),
                    _ => matrix.impact.len(),
                };
                to.parse::<usize>().is_ok_and(|p| (1..=size).contains(&p))
            }
        };
        if !ok {
            return Err(Error::invalid(
                format!("{field}[{:?}]", e.value),
                to,
                "is not a value this column can take",
            ));
        }
    }
    Ok(())
}
