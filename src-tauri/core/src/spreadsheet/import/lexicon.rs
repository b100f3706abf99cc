//! The words of registers in the languages people keep them in, read from
//! `data/import-words.txt` and `data/import-scales.txt` (kept as data, one entry a line,
//! so that a language is added without touching the code). Every phrase is compared
//! [`fold`]ed: lower case, without accents, punctuation as spaces.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::model::{RiskStatus, Treatment};

const WORDS: &str = include_str!("../../../data/import-words.txt");
const SCALES: &str = include_str!("../../../data/import-scales.txt");

/// What a header names, before the assessment qualifier is applied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HeaderMeaning {
    Reference,
    /// "ID": the reference if there is no reference column (our own export has both).
    Id,
    Title,
    /// "Risk description": the title if there is no title column, else the description.
    TitleOrDescription,
    Category,
    Description,
    Cause,
    Consequence,
    /// "Consequence": an impact if its values are scores, else the consequence text.
    ConsequenceOrImpact,
    Owner,
    Status,
    Treatment,
    TreatmentRationale,
    Likelihood,
    Impact,
    Tags,
    NextReview,
    AcceptanceApprover,
    AcceptanceExpiry,
    /// A level, rating or date the app computes itself.
    Computed,
}

impl HeaderMeaning {
    fn parse(text: &str) -> Option<HeaderMeaning> {
        use HeaderMeaning::*;
        Some(match text {
            "reference" => Reference,
            "id" => Id,
            "title" => Title,
            "title_or_description" => TitleOrDescription,
            "category" => Category,
            "description" => Description,
            "cause" => Cause,
            "consequence" => Consequence,
            "consequence_or_impact" => ConsequenceOrImpact,
            "owner" => Owner,
            "status" => Status,
            "treatment" => Treatment,
            "treatment_rationale" => TreatmentRationale,
            "likelihood" => Likelihood,
            "impact" => Impact,
            "tags" => Tags,
            "next_review" => NextReview,
            "acceptance_approver" => AcceptanceApprover,
            "acceptance_expiry" => AcceptanceExpiry,
            "computed" => Computed,
            _ => return None,
        })
    }
}

/// Which assessment a score column belongs to, as the file names it. "Current" sits
/// between inherent and residual (CISO Assistant's three stages).
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Stage {
    Inherent,
    Current,
    Residual,
    Target,
}

/// One entry of the word list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: &'static str,
    pub meaning: &'static str,
    pub language: &'static str,
    /// Folded.
    pub phrase: String,
}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    headers: HashMap<String, HeaderMeaning>,
    /// Longest first, so that "before mitigation" wins over a shorter phrase.
    qualifiers: Vec<(String, Stage)>,
    risk_words: Vec<String>,
    statuses: HashMap<String, RiskStatus>,
    treatments: HashMap<String, Treatment>,
    categories: HashMap<String, &'static str>,
    /// Each scale's levels, lowest first; each level with its folded forms.
    pub scales: Vec<Scale>,
}

#[derive(Debug)]
pub struct Scale {
    pub language: &'static str,
    pub levels: Vec<Vec<String>>,
}

impl Scale {
    /// The 1-based rank of a folded label on this scale.
    pub fn rank(&self, folded: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|forms| forms.iter().any(|f| f == folded))
            .map(|i| i + 1)
    }

    /// The scale's levels as a person reads them ("Low…Medium…High").
    pub fn describe(&self) -> String {
        self.levels
            .iter()
            .map(|forms| {
                let word = &forms[0];
                // Abbreviations in capitals (VL…VH), words with a capital first letter.
                if word.chars().count() <= 2 {
                    return word.to_uppercase();
                }
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("…")
    }
}

/// The word lists, read once. The files are part of the program and checked by tests,
/// so a malformed line is a programming error.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon {
        entries: Vec::new(),
        headers: HashMap::new(),
        qualifiers: Vec::new(),
        risk_words: Vec::new(),
        statuses: HashMap::new(),
        treatments: HashMap::new(),
        categories: HashMap::new(),
        scales: Vec::new(),
    };
    for (n, line) in WORDS.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&'static str> = line.split('|').map(str::trim).collect();
        let [kind, meaning, language, phrase] = parts[..] else {
            panic!("import-words.txt line {}: expected 4 fields", n + 1);
        };
        let folded = fold(phrase);
        match kind {
            "header" => {
                let m = HeaderMeaning::parse(meaning).unwrap_or_else(|| unknown(n, meaning));
                lexicon.headers.entry(folded.clone()).or_insert(m);
            }
            "qualifier" => {
                let stage = match meaning {
                    "inherent" => Stage::Inherent,
                    "current" => Stage::Current,
                    "residual" => Stage::Residual,
                    "target" => Stage::Target,
                    _ => unknown(n, meaning),
                };
                lexicon.qualifiers.push((folded.clone(), stage));
            }
            "risk-word" => lexicon.risk_words.push(folded.clone()),
            "status" => {
                let s =
                    RiskStatus::parse(meaning, "status").unwrap_or_else(|_| unknown(n, meaning));
                lexicon.statuses.entry(folded.clone()).or_insert(s);
            }
            "treatment" => {
                let t =
                    Treatment::parse(meaning, "treatment").unwrap_or_else(|_| unknown(n, meaning));
                lexicon.treatments.entry(folded.clone()).or_insert(t);
            }
            "category" => {
                lexicon.categories.entry(folded.clone()).or_insert(meaning);
            }
            _ => panic!("import-words.txt line {}: unknown kind {kind:?}", n + 1),
        }
        lexicon.entries.push(Entry {
            kind,
            meaning,
            language,
            phrase: folded,
        });
    }
    lexicon
        .qualifiers
        .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    lexicon
        .risk_words
        .sort_by_key(|p| std::cmp::Reverse(p.len()));
    for (n, line) in SCALES.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (language, levels) = line
            .split_once('|')
            .unwrap_or_else(|| panic!("import-scales.txt line {}: expected LANGUAGE |", n + 1));
        lexicon.scales.push(Scale {
            language: language.trim(),
            levels: levels
                .split(';')
                .map(|level| level.split('/').map(fold).collect())
                .collect(),
        });
    }
    lexicon
});

/// `folded` without `phrase` where it stands as whole words, if it does.
fn without_phrase(folded: &str, phrase: &str) -> Option<String> {
    let padded = format!(" {folded} ");
    let needle = format!(" {phrase} ");
    let at = padded.find(&needle)?;
    let rest = format!("{} {}", &padded[..at], &padded[at + needle.len()..]);
    Some(rest.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A word, or the start of one (a cell cut short: "Предотвращени"), of at least six
/// letters that begins words of one meaning only.
fn lookup<T: Copy + PartialEq>(words: &HashMap<String, T>, folded: &str) -> Option<T> {
    if let Some(v) = words.get(folded) {
        return Some(*v);
    }
    if folded.chars().count() < 6 {
        return None;
    }
    let mut found = words
        .iter()
        .filter(|(w, _)| w.starts_with(folded))
        .map(|(_, v)| *v);
    let first = found.next()?;
    found.all(|v| v == first).then_some(first)
}

fn unknown<T>(line: usize, meaning: &str) -> T {
    panic!(
        "import-words.txt line {}: unknown meaning {meaning:?}",
        line + 1
    )
}

/// Lower case, without accents (NFKD without combining marks; "№" becomes "no"), letters
/// without a decomposition mapped by hand (ł, ß, ø), every other character but `#` a
/// space, spaces collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for c in c.to_lowercase() {
            match c {
                'ł' => out.push('l'),
                'ß' => out.push_str("ss"),
                'ø' => out.push('o'),
                'đ' => out.push('d'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                c if c.is_alphanumeric() || c == '#' => out.push(c),
                _ => out.push(' '),
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Lexicon {
    pub fn header(&self, folded: &str) -> Option<HeaderMeaning> {
        self.headers.get(folded).copied()
    }

    /// The qualifier found as whole words in `folded` and the text without it.
    pub fn strip_qualifier(&self, folded: &str) -> Option<(Stage, String)> {
        self.qualifiers
            .iter()
            .find_map(|(phrase, stage)| without_phrase(folded, phrase).map(|rest| (*stage, rest)))
    }

    /// `folded` without the word "risk" (in any language), if it held one.
    pub fn strip_risk_word(&self, folded: &str) -> Option<String> {
        self.risk_words
            .iter()
            .find_map(|word| without_phrase(folded, word))
    }

    pub fn status(&self, folded: &str) -> Option<RiskStatus> {
        lookup(&self.statuses, folded)
    }

    pub fn treatment(&self, folded: &str) -> Option<Treatment> {
        lookup(&self.treatments, folded)
    }

    /// The built-in category a value names: the whole value, else the first of its
    /// words or word pairs that names one ("IAM / Phishing" → security).
    pub fn category(&self, folded: &str) -> Option<&'static str> {
        if let Some(code) = self.categories.get(folded) {
            return Some(code);
        }
        let words: Vec<&str> = folded.split(' ').collect();
        let pairs = words.windows(2).map(|w| w.join(" "));
        pairs
            .chain(words.iter().map(|w| w.to_string()))
            .find_map(|w| self.categories.get(&w).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_load_and_fold() {
        assert!(LEXICON.entries.len() > 500);
        assert!(LEXICON.scales.len() > 40);
        assert_eq!(
            fold("Pravdepodobnosť (pred mitigáciou)"),
            "pravdepodobnost pred mitigaciou"
        );
        assert_eq!(fold("Вероятность риска"), "вероятность риска");
        assert_eq!(fold("Właściciel"), "wlasciciel");
        assert_eq!(fold("Maßnahmen"), "massnahmen");
        assert_eq!(fold("№"), "no");
        assert_eq!(fold("Risk ID #"), "risk id #");
        // Every phrase is written folded already, so what is read is what is written.
        for e in &LEXICON.entries {
            assert_eq!(fold(&e.phrase), e.phrase, "{e:?}");
        }
    }

    #[test]
    fn every_language_names_the_core_fields_and_its_scales() {
        let languages = [
            "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ru",
        ];
        for language in languages {
            for meaning in [
                "title",
                "likelihood",
                "impact",
                "owner",
                "description",
                "status",
            ] {
                let has = LEXICON.entries.iter().any(|e| {
                    e.kind == "header"
                        && e.language == language
                        && (e.meaning == meaning
                            || meaning == "impact" && e.meaning == "consequence_or_impact")
                });
                assert!(has, "{language} has no header word for {meaning}");
            }
            for kind in ["qualifier", "status", "treatment", "category"] {
                assert!(
                    LEXICON
                        .entries
                        .iter()
                        .any(|e| e.kind == kind && e.language == language),
                    "{language} has no {kind}"
                );
            }
            assert!(
                LEXICON.scales.iter().any(|s| s.language == language),
                "{language} has no scale"
            );
        }
    }

    #[test]
    fn qualifiers_and_risk_words_are_found_as_whole_words() {
        let l = &*LEXICON;
        assert_eq!(
            l.strip_qualifier("pravdepodobnost pred mitigaciou"),
            Some((Stage::Inherent, "pravdepodobnost".into()))
        );
        assert_eq!(
            l.strip_qualifier("current proba"),
            Some((Stage::Current, "proba".into()))
        );
        assert_eq!(l.strip_qualifier("network"), None);
        assert_eq!(
            l.strip_risk_word("вероятность риска").as_deref(),
            Some("вероятность")
        );
        assert_eq!(l.category("iam phishing"), Some("security"));
        assert_eq!(l.category("access management"), Some("security"));
        assert_eq!(l.category("vendor"), None);
    }
}
