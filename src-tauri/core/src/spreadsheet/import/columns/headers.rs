//! Reading a header: its words folded, qualifiers and scale marks taken off, the row
//! that looks most like a register's header.
use super::*;

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

pub(super) fn without_brackets(header: &str) -> String {
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
pub(super) fn is_scale_mark(word: &str) -> bool {
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
                super::super::table::CellValue::Text(t) => t.clone(),
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
