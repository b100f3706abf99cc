//! Why a column was given its target, in words for the person importing.
use super::*;

/// Why a column was given its target, in a few words.
pub(super) fn reason(
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
pub(super) fn header_language(header: &str) -> Option<&'static str> {
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
