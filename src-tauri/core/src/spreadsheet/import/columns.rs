//! Which row is the header and which column holds which field: header names are
//! matched with their synonyms in the languages of the word list (`lexicon`), ignoring
//! case, accents, punctuation and suffixes like "(1-5)"; "inherent", "residual",
//! "target" and their synonyms say which assessment a likelihood or impact column
//! belongs to, and unqualified repeats of the pair are taken as inherent, then
//! residual, then target. Values decide what the header leaves open: an "Impact" of
//! sentences is the consequence, a "Next review" of "Weekly" a note.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lexicon::{fold, HeaderMeaning, Stage, LEXICON};
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
    /// The risk's text: the title is its first line (shortened if long) and the whole
    /// text is the description. Chosen when the file has no title column.
    TitleFromText,
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
    /// Why the column goes there, for people ("its header, in German"; "chosen").
    #[serde(default)]
    pub how: String,
}

/// Lower case, no bracketed suffixes ("(1-5)"), no scale marks ("1to5", "0-10"),
/// without accents, punctuation as spaces.
pub fn normalise_header(header: &str) -> String {
    let name = fold(&without_brackets(header));
    let words: Vec<&str> = name
        .split(' ')
        .filter(|w| !is_scale_mark(w))
        .filter(|w| *w != "#" || name == "#")
        .collect();
    words.join(" ")
}

fn without_brackets(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// "1to5", "15" (a number), "0" — the scale a header names, not its meaning.
fn is_scale_mark(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || word
            .split_once("to")
            .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
}

/// What a header names and the assessment it is qualified with. The qualifier may be
/// in brackets ("Pravdepodobnosť (pred mitigáciou)"); the name is looked up as it is,
/// then without the word "risk" in its language, then by the part before a "/".
pub fn classify(header: &str) -> Option<(HeaderMeaning, Option<Stage>)> {
    let name = normalise_header(header);
    if name.is_empty() {
        return None;
    }
    let (stage, name) = match LEXICON.strip_qualifier(&name) {
        Some((stage, rest)) if !rest.is_empty() => (Some(stage), rest),
        _ => {
            let whole = fold(header);
            let stage = (whole != name)
                .then(|| LEXICON.strip_qualifier(&whole).map(|(s, _)| s))
                .flatten();
            (stage, name)
        }
    };
    let meaning = LEXICON
        .header(&name)
        .or_else(|| {
            LEXICON
                .strip_risk_word(&name)
                .filter(|rest| !rest.is_empty())
                .and_then(|rest| LEXICON.header(&rest))
        })
        .or_else(|| {
            let (first, _) = header.split_once('/')?;
            classify(first).map(|(m, _)| m)
        })?;
    Some((meaning, stage))
}

/// The index (in `rows`) of the row that looks most like a register's header, and how
/// many fields it names: the one among the first [`HEADER_SEARCH_ROWS`] whose cells name
/// the most known fields (at least two, one of them the title or a score).
pub fn detect_header(rows: &[TableRow]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let texts: Vec<String> = row
            .cells
            .iter()
            .map(|c| match c {
                super::table::CellValue::Text(t) => t.clone(),
                _ => String::new(),
            })
            .collect();
        let score = header_score(&texts);
        if score > 0 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best
}

/// How many cells of a would-be header name a known field; 0 unless at least two do,
/// one of them the title or a score.
pub fn header_score(headers: &[String]) -> usize {
    let named: Vec<HeaderMeaning> = headers
        .iter()
        .filter_map(|h| classify(h).map(|(n, _)| n))
        .collect();
    let key = named.iter().any(|n| {
        matches!(
            n,
            HeaderMeaning::Title
                | HeaderMeaning::TitleOrDescription
                | HeaderMeaning::Likelihood
                | HeaderMeaning::Impact
                | HeaderMeaning::ConsequenceOrImpact
        )
    });
    if key && named.len() >= 2 {
        named.len()
    } else {
        0
    }
}

/// Maps each header to a field. `column_values` gives a column's values below the
/// header (a sample is enough): a likelihood or impact column must hold scores (else it is text: an
/// "Impact" of sentences is the consequence), a date column dates, a title column
/// different titles. Without a title column, the best text column gives the title.
/// Unknown headers become notes appended to the description; empty headers are skipped.
pub fn map_columns(
    headers: &[String],
    column_values: &dyn Fn(usize) -> Vec<String>,
) -> Vec<ColumnMapping> {
    // A column's values are read only when its header leaves something open.
    let cells: Vec<std::cell::OnceCell<Vec<String>>> = (0..headers.len())
        .map(|_| std::cell::OnceCell::new())
        .collect();
    let values = |i: usize| cells[i].get_or_init(|| column_values(i)).as_slice();
    let filled = |i: usize| values(i).iter().filter(|v| !v.trim().is_empty()).count();
    let scored = |i: usize| filled(i) == 0 || values::looks_scored(values(i));
    let prose = |i: usize| values::looks_like_prose(values(i));
    let amounts = |i: usize| filled(i) > 0 && values::looks_like_amounts(values(i));
    let classified: Vec<Option<(HeaderMeaning, Option<Stage>)>> =
        headers.iter().map(|h| classify(h)).collect();
    // "Current" is the residual, unless the file has a residual too (then that is the
    // target): CISO Assistant's inherent, current and residual.
    let stages_used: Vec<Stage> = classified
        .iter()
        .filter_map(|c| {
            c.and_then(|(m, s)| {
                matches!(m, HeaderMeaning::Likelihood | HeaderMeaning::Impact)
                    .then_some(s)
                    .flatten()
            })
        })
        .collect();
    let has_current = stages_used.contains(&Stage::Current);
    let kind_of = |stage: Stage| match stage {
        Stage::Inherent => ScoreKind::Inherent,
        Stage::Current => ScoreKind::Residual,
        Stage::Residual if has_current => ScoreKind::Target,
        Stage::Residual => ScoreKind::Residual,
        Stage::Target => ScoreKind::Target,
    };
    // What each column names once its values are seen.
    let named: Vec<Option<(Named, Option<ScoreKind>)>> = classified
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (meaning, stage) = (*c)?;
            let kind = stage.map(kind_of);
            use HeaderMeaning as M;
            let named = match meaning {
                // A likelihood or impact column is one of scores unless it is written in
                // prose; a "consequence" is one of scores only when its values are.
                M::Likelihood if !prose(i) => Named::Score(Axis::Likelihood),
                M::Likelihood => Named::Text,
                M::Impact if !prose(i) => Named::Score(Axis::Impact),
                M::Consequence | M::ConsequenceOrImpact if scored(i) && filled(i) > 0 => {
                    Named::Score(Axis::Impact)
                }
                M::Impact | M::Consequence | M::ConsequenceOrImpact => {
                    Named::Field(ColumnTarget::Consequence)
                }
                // "Initial risk" of amounts is the impact in money; else its level.
                M::Title | M::TitleOrDescription if stage.is_some() => {
                    if amounts(i) {
                        Named::Score(Axis::Impact)
                    } else {
                        Named::Computed
                    }
                }
                M::Title => Named::Field(ColumnTarget::Title),
                M::TitleOrDescription => Named::TitleOrDescription,
                M::Id => Named::Id,
                M::Computed => Named::Computed,
                M::NextReview | M::AcceptanceExpiry if !values::looks_like_dates(values(i)) => {
                    Named::Text
                }
                M::Reference => Named::Field(ColumnTarget::Reference),
                M::Category => Named::Field(ColumnTarget::Category),
                M::Description => Named::Field(ColumnTarget::Description),
                M::Cause => Named::Field(ColumnTarget::Cause),
                M::Owner => Named::Field(ColumnTarget::Owner),
                M::Status => Named::Field(ColumnTarget::Status),
                M::Treatment => Named::Field(ColumnTarget::Treatment),
                M::TreatmentRationale => Named::Field(ColumnTarget::TreatmentRationale),
                M::Tags => Named::Field(ColumnTarget::Tags),
                M::NextReview => Named::Field(ColumnTarget::NextReview),
                M::AcceptanceApprover => Named::Field(ColumnTarget::AcceptanceApprover),
                M::AcceptanceExpiry => Named::Field(ColumnTarget::AcceptanceExpiry),
            };
            Some((named, kind))
        })
        .collect();
    let mut targets: Vec<Option<ColumnTarget>> = vec![None; headers.len()];
    let taken = |targets: &[Option<ColumnTarget>], t: ColumnTarget| {
        !t.repeatable() && targets.contains(&Some(t))
    };
    // First the headers that name one field without doubt, then the qualified scores,
    // then the rest in column order.
    for (i, c) in named.iter().enumerate() {
        if let Some((Named::Field(t), _)) = c {
            if !taken(&targets, *t) {
                targets[i] = Some(*t);
            }
        }
    }
    for (i, c) in named.iter().enumerate() {
        if let Some((Named::Score(axis), Some(kind))) = c {
            let t = ColumnTarget::scored(*kind, *axis);
            if !taken(&targets, t) {
                targets[i] = Some(t);
            }
        }
    }
    let has_scores = named
        .iter()
        .any(|c| matches!(c, Some((Named::Score(_), _))));
    for (i, c) in named.iter().enumerate() {
        if targets[i].is_some() {
            continue;
        }
        let Some((named, kind)) = c else {
            continue;
        };
        let choices: Vec<ColumnTarget> = match named {
            Named::Score(axis) if kind.is_none() => {
                [ScoreKind::Inherent, ScoreKind::Residual, ScoreKind::Target]
                    .into_iter()
                    .map(|k| ColumnTarget::scored(k, *axis))
                    .collect()
            }
            Named::TitleOrDescription => vec![ColumnTarget::Title, ColumnTarget::Description],
            Named::Id => vec![ColumnTarget::Reference, ColumnTarget::Skip],
            // A level is the app's to compute, but when the file has no scores it is
            // the only assessment there is: kept as a note.
            Named::Computed if has_scores => vec![ColumnTarget::Skip],
            _ => Vec::new(),
        };
        targets[i] = choices.into_iter().find(|t| !taken(&targets, *t));
    }
    // A "title" column that repeats one word on most rows ("Risk", "Risk", …) is a
    // label, not the risks' titles.
    let mut label_column = None;
    if let Some(i) = targets.iter().position(|t| *t == Some(ColumnTarget::Title)) {
        if repeats_one_value(values(i)) {
            targets[i] = Some(ColumnTarget::Note);
            label_column = Some(i);
        }
    }
    // Without a title column, the title comes from the text that says most.
    if !targets.contains(&Some(ColumnTarget::Title)) {
        let text_column = |i: usize| {
            let prose = values(i)
                .iter()
                .filter(|v| v.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .count();
            (prose * 2 >= filled(i).max(1) && prose > 0 && !repeats_one_value(values(i)))
                .then_some(prose)
        };
        let candidates = [
            ColumnTarget::Description,
            ColumnTarget::Consequence,
            ColumnTarget::Cause,
        ];
        let chosen = candidates
            .iter()
            .find_map(|want| {
                (0..headers.len()).find(|&i| targets[i] == Some(*want) && text_column(i).is_some())
            })
            .or_else(|| {
                (0..headers.len())
                    .filter(|&i| targets[i].is_none() && !headers[i].trim().is_empty())
                    .filter_map(|i| text_column(i).map(|n| (i, n)))
                    .max_by_key(|(_, n)| *n)
                    .map(|(i, _)| i)
            });
        if let Some(i) = chosen {
            targets[i] = Some(ColumnTarget::TitleFromText);
        }
    }
    headers
        .iter()
        .zip(targets)
        .enumerate()
        .map(|(index, (header, target))| {
            let target = target.unwrap_or(if header.trim().is_empty() {
                ColumnTarget::Skip
            } else {
                ColumnTarget::Note
            });
            let how = reason(
                header,
                target,
                classified[index],
                named[index].map(|(n, _)| n),
                label_column == Some(index),
            );
            ColumnMapping {
                index,
                header: header.clone(),
                target,
                how,
            }
        })
        .collect()
}

/// Why a column was given its target, in a few words.
fn reason(
    header: &str,
    target: ColumnTarget,
    classified: Option<(HeaderMeaning, Option<Stage>)>,
    named: Option<Named>,
    label: bool,
) -> String {
    use ColumnTarget as T;
    let by_header = || {
        let language = header_language(header);
        match language {
            Some(l) if l != "English" => format!("its header, in {l}"),
            _ => "its header".to_string(),
        }
    };
    match (target, named) {
        (T::Skip, _) if header.trim().is_empty() => "no header".into(),
        (T::Skip, Some(Named::Computed)) | (T::Skip, Some(Named::Id)) => {
            "a level or score the app works out itself".into()
        }
        (T::TitleFromText, _) => "no title column: the title is the first line of this text".into(),
        (T::Note, _) if label => "one value on most rows: a label, not the titles".into(),
        (T::Note, Some(Named::Text)) => {
            "its values are not the scores or dates its header names: kept in the description"
                .into()
        }
        (T::Note, Some(Named::Computed)) => {
            "a level, and the file has no scores: kept in the description".into()
        }
        (T::Note, None) => "a header the import does not know: kept in the description".into(),
        (T::Note, Some(_)) => "another column has this field: kept in the description".into(),
        (T::Consequence, _)
            if matches!(
                classified,
                Some((
                    HeaderMeaning::Impact | HeaderMeaning::ConsequenceOrImpact,
                    _
                ))
            ) =>
        {
            "its values are sentences, not scores: the consequence".into()
        }
        (t, _) if t.score_axis().is_some() => match classified {
            Some((HeaderMeaning::Title | HeaderMeaning::TitleOrDescription, Some(_))) => {
                "amounts of money under an assessment's name: its impact".into()
            }
            Some((_, Some(_))) => format!("{}, which names the assessment", by_header()),
            _ => format!(
                "{}; unqualified pairs: inherent, residual, target",
                by_header()
            ),
        },
        _ => by_header(),
    }
}

/// The language of the word list a header was found in (none for English only words).
fn header_language(header: &str) -> Option<&'static str> {
    let name = normalise_header(header);
    let name = LEXICON
        .strip_qualifier(&name)
        .map(|(_, rest)| rest)
        .filter(|r| !r.is_empty())
        .unwrap_or(name);
    // Looked up as classify does: as it is, then without the word "risk".
    let find = |phrase: &str| {
        LEXICON
            .entries
            .iter()
            .find(|e| e.kind == "header" && e.phrase == phrase)
    };
    let entry = find(&name).or_else(|| find(&LEXICON.strip_risk_word(&name)?))?;
    Some(match entry.language {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "pl" => "Polish",
        "cs" => "Czech",
        "sk" => "Slovak",
        "ru" => "Russian",
        other => other,
    })
}

/// Whether one value fills most of a column's cells (at least three of them).
fn repeats_one_value(values: &[String]) -> bool {
    let filled: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if filled.len() < 3 {
        return false;
    }
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in &filled {
        *counts.entry(v).or_default() += 1;
    }
    counts.values().max().is_some_and(|n| n * 2 > filled.len())
}

/// What a column holds once its header and values are read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Named {
    Field(ColumnTarget),
    TitleOrDescription,
    Score(Axis),
    Id,
    Computed,
    /// Kept as a note.
    Text,
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

    /// A register's header in each language of the word list, with one-letter and
    /// bracketed qualifiers: every column lands where a person would put it.
    #[test]
    fn headers_in_every_language() {
        fn row(cells: &[&'static str]) -> Vec<&'static str> {
            cells.to_vec()
        }
        let scores = &["3", "4", "2", "2"];
        let cases: &[(&str, Vec<&str>)] = &[
            (
                "en",
                row(&[
                    "Risk ID",
                    "Risk title",
                    "Inherent likelihood",
                    "Inherent impact",
                    "Residual likelihood",
                    "Residual impact",
                ]),
            ),
            (
                "de",
                row(&[
                    "Nr.",
                    "Risiko",
                    "Wahrscheinlichkeit (brutto)",
                    "Auswirkung (brutto)",
                    "Wahrscheinlichkeit (netto)",
                    "Auswirkung (netto)",
                ]),
            ),
            (
                "fr",
                row(&[
                    "Référence",
                    "Intitulé",
                    "Probabilité brute",
                    "Gravité brute",
                    "Probabilité résiduelle",
                    "Gravité résiduelle",
                ]),
            ),
            (
                "es",
                row(&[
                    "Código",
                    "Riesgo",
                    "Probabilidad_Inicial",
                    "Impacto_Inicial",
                    "Probabilidad residual",
                    "Impacto residual",
                ]),
            ),
            (
                "it",
                row(&[
                    "Codice",
                    "Rischio",
                    "Probabilità iniziale",
                    "Impatto iniziale",
                    "Probabilità residua",
                    "Impatto residuo",
                ]),
            ),
            (
                "pt",
                row(&[
                    "Código",
                    "Risco",
                    "Probabilidade inerente",
                    "Impacto inerente",
                    "Probabilidade residual",
                    "Impacto residual",
                ]),
            ),
            (
                "nl",
                row(&[
                    "Nummer",
                    "Risico",
                    "Kans (bruto)",
                    "Impact (bruto)",
                    "Kans (netto)",
                    "Impact (netto)",
                ]),
            ),
            (
                "pl",
                row(&[
                    "Lp.",
                    "Nazwa ryzyka",
                    "Prawdopodobieństwo (brutto)",
                    "Wpływ (brutto)",
                    "Prawdopodobieństwo (netto)",
                    "Wpływ (netto)",
                ]),
            ),
            (
                "cs",
                row(&[
                    "Číslo",
                    "Název rizika",
                    "Pravděpodobnost (před mitigací)",
                    "Dopad (před mitigací)",
                    "Pravděpodobnost (po mitigaci)",
                    "Dopad (po mitigaci)",
                ]),
            ),
            (
                "sk",
                row(&[
                    "Číslo",
                    "Názov rizika",
                    "Pravdepodobnosť (pred mitigáciou)",
                    "Následok (pred mitigáciou)",
                    "Pravdepodobnosť (po mitigácii)",
                    "Následok (po mitigácii)",
                ]),
            ),
            (
                "ru",
                row(&[
                    "Номер",
                    "Название риска",
                    "Вероятность (исходная)",
                    "Влияние (исходное)",
                    "Вероятность (остаточная)",
                    "Влияние (остаточное)",
                ]),
            ),
        ];
        for (language, headers) in cases {
            let values: Vec<&str> = ["R1", "Vendor outage"]
                .iter()
                .chain(scores)
                .copied()
                .collect();
            assert_eq!(
                targets(headers, &[&values]),
                [
                    Reference,
                    Title,
                    InherentLikelihood,
                    InherentImpact,
                    ResidualLikelihood,
                    ResidualImpact
                ],
                "{language}"
            );
        }
        // Abbreviations, scale marks and CISO Assistant's three stages.
        assert_eq!(
            targets(
                &["ID", "Description (hypothesis)", "Impact", "L", "S"],
                &[&[
                    "R1",
                    "Slow pages under load",
                    "Pages take too long",
                    "3",
                    "4"
                ]]
            ),
            [
                Reference,
                TitleFromText,
                Consequence,
                InherentLikelihood,
                InherentImpact
            ]
        );
        assert_eq!(
            targets(
                &["Nr", "Risiko", "PRB", "IMP"],
                &[&["1", "Ausfall", "2", "3"]]
            ),
            [Reference, Title, InherentLikelihood, InherentImpact]
        );
        assert_eq!(
            targets(
                &[
                    "risk_id",
                    "title",
                    "L_1to5",
                    "I_1to5",
                    "residual_L_1to5",
                    "residual_I_1to5"
                ],
                &[&["R1", "t", "4", "4", "3", "4"]]
            ),
            [
                Reference,
                Title,
                InherentLikelihood,
                InherentImpact,
                ResidualLikelihood,
                ResidualImpact
            ]
        );
        assert_eq!(
            targets(
                &[
                    "name",
                    "inherent_proba",
                    "inherent_impact",
                    "current_proba",
                    "current_impact",
                    "residual_proba",
                    "residual_impact"
                ],
                &[&["t", "likely", "minor", "likely", "minor", "unlikely", "minor"]]
            ),
            [
                Title,
                InherentLikelihood,
                InherentImpact,
                ResidualLikelihood,
                ResidualImpact,
                TargetLikelihood,
                TargetImpact
            ]
        );
        // A "Next review" of words is a note; a title column of one repeated word a label.
        assert_eq!(
            targets(
                &["Title", "Next Review"],
                &[&["a", "Weekly"], &["b", "Weekly"]]
            ),
            [Title, Note]
        );
        assert_eq!(
            targets(
                &["Risk", "Description"],
                &[
                    &["Risk", "Late delivery"],
                    &["Risk", "Staff leave"],
                    &["Risk", "Data loss"]
                ]
            ),
            [Note, TitleFromText]
        );
    }
}
