//! Which row is the header and which column holds which field: header names are
//! matched with their synonyms, ignoring case, punctuation and suffixes like "(1-5)";
//! "inherent", "residual", "target" and their synonyms say which assessment a
//! likelihood or impact column belongs to, and unqualified repeats of the pair are
//! taken as inherent, then residual, then target.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::table::TableRow;
use super::values;
use crate::model::ScoreKind;

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnTarget {
    /// Not imported.
    Skip,
    /// Appended to the description as "Header: value", so that nothing is lost.
    Note,
    Reference,
    Title,
    Category,
    Description,
    Cause,
    Consequence,
    Owner,
    Status,
    Treatment,
    TreatmentRationale,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    TargetLikelihood,
    TargetImpact,
    Tags,
    NextReview,
    AcceptanceApprover,
    AcceptanceExpiry,
}

impl ColumnTarget {
    /// Whether several columns may have this target.
    pub fn repeatable(self) -> bool {
        matches!(self, ColumnTarget::Skip | ColumnTarget::Note)
    }

    /// The assessment and axis of a likelihood or impact column.
    pub fn score_axis(self) -> Option<(ScoreKind, Axis)> {
        use ColumnTarget::*;
        Some(match self {
            InherentLikelihood => (ScoreKind::Inherent, Axis::Likelihood),
            InherentImpact => (ScoreKind::Inherent, Axis::Impact),
            ResidualLikelihood => (ScoreKind::Residual, Axis::Likelihood),
            ResidualImpact => (ScoreKind::Residual, Axis::Impact),
            TargetLikelihood => (ScoreKind::Target, Axis::Likelihood),
            TargetImpact => (ScoreKind::Target, Axis::Impact),
            _ => return None,
        })
    }

    fn scored(kind: ScoreKind, axis: Axis) -> ColumnTarget {
        use ColumnTarget::*;
        match (kind, axis) {
            (ScoreKind::Inherent, Axis::Likelihood) => InherentLikelihood,
            (ScoreKind::Inherent, Axis::Impact) => InherentImpact,
            (ScoreKind::Residual, Axis::Likelihood) => ResidualLikelihood,
            (ScoreKind::Residual, Axis::Impact) => ResidualImpact,
            (ScoreKind::Target, Axis::Likelihood) => TargetLikelihood,
            (ScoreKind::Target, Axis::Impact) => TargetImpact,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    Likelihood,
    Impact,
}

/// One column of the file and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// 0-based position in the row.
    pub index: usize,
    /// The header as the file has it.
    pub header: String,
    pub target: ColumnTarget,
}

/// What a header names, before the assessment qualifier is applied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Named {
    Field(ColumnTarget),
    /// "Risk description": the title if there is no title column, else the description.
    TitleOrDescription,
    /// "Consequence": an impact if its values are scores, else the consequence text.
    ConsequenceOrImpact,
    Likelihood,
    Impact,
    /// "ID": the reference if there is no reference column (our own export has both).
    Id,
    /// A level, rating or date the app computes itself.
    Computed,
}

/// Header words (normalised) and what they name.
#[rustfmt::skip]
const SYNONYMS: &[(&[&str], Named)] = {
    use ColumnTarget::*;
    use Named::*;
    &[
        (&["reference", "ref", "risk ref", "risk reference", "risk id", "risk no", "risk number", "no", "number", "#", "key"], Field(Reference)),
        (&["id", "uuid", "guid"], Id),
        (&["title", "risk title", "risk", "risk name", "name", "short description", "risk summary"], Field(Title)),
        (&["risk description", "risk statement", "risk event"], TitleOrDescription),
        (&["category", "risk category", "type", "risk type", "area", "risk area", "domain", "class", "classification"], Field(Category)),
        (&["description", "details", "detail", "risk details", "summary", "narrative", "notes", "comments"], Field(Description)),
        (&["cause", "causes", "root cause", "trigger", "triggers", "source", "risk source", "threat"], Field(Cause)),
        (&["consequences", "effect", "effects", "outcome", "impact description", "impact details"], Field(Consequence)),
        (&["consequence"], ConsequenceOrImpact),
        (&["owner", "risk owner", "responsible", "accountable", "assigned to", "responsible person", "owned by"], Field(Owner)),
        (&["status", "risk status", "state"], Field(Status)),
        (&["treatment", "risk treatment", "response", "risk response", "strategy", "treatment option", "treatment strategy", "response strategy", "treatment decision"], Field(Treatment)),
        (&["treatment rationale", "rationale", "justification", "response rationale", "treatment plan"], Field(TreatmentRationale)),
        (&["likelihood", "probability", "prob", "chance", "frequency", "l", "likelihood score", "likelihood rating", "probability score", "probability rating"], Likelihood),
        (&["impact", "severity", "i", "impact score", "impact rating", "severity score", "severity rating", "magnitude"], Impact),
        (&["tags", "tag", "labels", "label", "keywords"], Field(Tags)),
        (&["next review", "review date", "next review date", "review by", "review due", "due for review"], Field(NextReview)),
        (&["acceptance approver", "accepted by", "approver", "approved by", "risk acceptor"], Field(AcceptanceApprover)),
        (&["acceptance expiry", "acceptance expires", "acceptance expiry date", "accepted until", "acceptance end", "expiry", "expiry date"], Field(AcceptanceExpiry)),
        (&["level", "risk level", "rating", "risk rating", "score", "risk score", "rag", "priority", "created", "updated", "created at", "updated at", "last updated", "next action due", "overdue actions", "date raised", "date identified"], Computed),
    ]
};

/// Words that say which assessment a column belongs to.
#[rustfmt::skip]
const QUALIFIERS: &[(&[&str], ScoreKind)] = &[
    (&["inherent", "gross", "initial", "raw", "pre mitigation", "before mitigation", "untreated"], ScoreKind::Inherent),
    (&["residual", "net", "current", "post mitigation", "after mitigation", "treated"], ScoreKind::Residual),
    (&["target", "desired", "future", "goal", "planned"], ScoreKind::Target),
];

/// Lower case, no bracketed suffixes ("(1-5)"), punctuation as spaces.
pub fn normalise_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '_' | '-' | '.' | '/' | ':' | '*' | '\n' | '\r' | '\t' => out.push(' '),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a header names and the assessment it is qualified with.
fn classify(header: &str) -> Option<(Named, Option<ScoreKind>)> {
    let mut name = normalise_header(header);
    if name.is_empty() {
        return None;
    }
    let mut qualifier = None;
    for (words, kind) in QUALIFIERS {
        for word in *words {
            let stripped = if let Some(rest) = name.strip_prefix(&format!("{word} ")) {
                Some(rest.to_string())
            } else {
                name.strip_suffix(&format!(" {word}")).map(str::to_string)
            };
            if let Some(rest) = stripped {
                qualifier = Some(*kind);
                name = rest.strip_prefix("risk ").unwrap_or(&rest).to_string();
                break;
            }
        }
        if qualifier.is_some() {
            break;
        }
    }
    SYNONYMS
        .iter()
        .find(|(words, _)| words.contains(&name.as_str()))
        .map(|(_, named)| (*named, qualifier))
}

/// The index (in `rows`) of the row that looks most like a register's header: the one
/// among the first [`HEADER_SEARCH_ROWS`] whose cells name the most known fields
/// (at least two, one of them the title or a score).
pub fn detect_header(rows: &[TableRow]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let named: Vec<Named> = row
            .cells
            .iter()
            .filter_map(|c| match c {
                super::table::CellValue::Text(t) => classify(t).map(|(n, _)| n),
                _ => None,
            })
            .collect();
        let key = named.iter().any(|n| {
            matches!(
                n,
                Named::Field(ColumnTarget::Title)
                    | Named::TitleOrDescription
                    | Named::Likelihood
                    | Named::Impact
            )
        });
        let score = named.len();
        if key && score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Maps each header to a field. `column_values` gives a column's values below the
/// header (to tell a scored "Consequence" from a text one). Unknown headers become
/// notes appended to the description; empty headers are skipped.
pub fn map_columns(
    headers: &[String],
    column_values: &dyn Fn(usize) -> Vec<String>,
) -> Vec<ColumnMapping> {
    let classified: Vec<Option<(Named, Option<ScoreKind>)>> =
        headers.iter().map(|h| classify(h)).collect();
    let mut targets: Vec<Option<ColumnTarget>> = vec![None; headers.len()];
    let taken = |targets: &[Option<ColumnTarget>], t: ColumnTarget| {
        !t.repeatable() && targets.contains(&Some(t))
    };
    // First the headers that name one field without doubt, then the qualified scores,
    // then the rest in column order.
    for (i, c) in classified.iter().enumerate() {
        if let Some((Named::Field(t), _)) = c {
            if !taken(&targets, *t) {
                targets[i] = Some(*t);
            }
        }
    }
    let scored_axis = |named: Named, values: &dyn Fn() -> Vec<String>| match named {
        Named::Likelihood => Some(Axis::Likelihood),
        Named::Impact => Some(Axis::Impact),
        Named::ConsequenceOrImpact if values::looks_scored(&values()) => Some(Axis::Impact),
        _ => None,
    };
    for (i, c) in classified.iter().enumerate() {
        if let Some((named, Some(kind))) = c {
            if let Some(axis) = scored_axis(*named, &|| column_values(i)) {
                let t = ColumnTarget::scored(*kind, axis);
                if !taken(&targets, t) {
                    targets[i] = Some(t);
                }
            }
        }
    }
    for (i, c) in classified.iter().enumerate() {
        if targets[i].is_some() {
            continue;
        }
        let Some((named, qualifier)) = c else {
            continue;
        };
        let choices: Vec<ColumnTarget> = match scored_axis(*named, &|| column_values(i)) {
            Some(axis) if qualifier.is_none() => {
                [ScoreKind::Inherent, ScoreKind::Residual, ScoreKind::Target]
                    .into_iter()
                    .map(|k| ColumnTarget::scored(k, axis))
                    .collect()
            }
            Some(_) => Vec::new(),
            None => match named {
                Named::TitleOrDescription => vec![ColumnTarget::Title, ColumnTarget::Description],
                Named::ConsequenceOrImpact => vec![ColumnTarget::Consequence],
                Named::Id => vec![ColumnTarget::Reference, ColumnTarget::Skip],
                Named::Computed => vec![ColumnTarget::Skip],
                _ => Vec::new(),
            },
        };
        targets[i] = choices.into_iter().find(|t| !taken(&targets, *t));
    }
    headers
        .iter()
        .zip(targets)
        .enumerate()
        .map(|(index, (header, target))| ColumnMapping {
            index,
            header: header.clone(),
            target: target.unwrap_or(if header.trim().is_empty() {
                ColumnTarget::Skip
            } else {
                ColumnTarget::Note
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnTarget::*;

    fn targets(headers: &[&str], values: &[&[&str]]) -> Vec<ColumnTarget> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let column = |i: usize| values.iter().map(|row| row[i].to_string()).collect();
        map_columns(&headers, &column)
            .into_iter()
            .map(|m| m.target)
            .collect()
    }

    #[test]
    fn headers_are_matched_with_synonyms_suffixes_and_qualifiers() {
        assert_eq!(normalise_header(" Likelihood (1-5) "), "likelihood");
        assert_eq!(normalise_header("Risk_Description"), "risk description");
        assert_eq!(
            targets(
                &[
                    "Risk ID",
                    "Risk_Description",
                    "Probability",
                    "Severity",
                    "Likelihood",
                    "Impact",
                    "Owner",
                    "Budget code"
                ],
                &[&["R1", "x", "3", "4", "2", "2", "Ann", "77"]]
            ),
            [
                Reference,
                Title,
                InherentLikelihood,
                InherentImpact,
                ResidualLikelihood,
                ResidualImpact,
                Owner,
                Note
            ]
        );
        assert_eq!(
            targets(
                &[
                    "Risk Title",
                    "Risk Description",
                    "Residual Likelihood",
                    "Residual Impact",
                    "Inherent likelihood",
                    "Inherent impact",
                    "Residual level"
                ],
                &[&["t", "d", "1", "1", "3", "3", "Low"]]
            ),
            [
                Title,
                Description,
                ResidualLikelihood,
                ResidualImpact,
                InherentLikelihood,
                InherentImpact,
                Skip
            ]
        );
        assert_eq!(
            targets(
                &["Title", "Consequence"],
                &[&["a", "Major"], &["b", "Minor"]]
            ),
            [Title, InherentImpact]
        );
        assert_eq!(
            targets(
                &["Title", "Consequence"],
                &[&["a", "Customers leave and revenue drops"]]
            ),
            [Title, Consequence]
        );
    }
}
