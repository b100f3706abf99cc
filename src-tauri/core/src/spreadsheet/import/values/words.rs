//! Statuses, treatments and categories by their words in the languages of the word list,
//! and the new categories a file's values ask for.
use super::*;

// ---------------------------------------------------------------------------------------
// Statuses, treatments, categories

pub fn parse_status(text: &str) -> Option<RiskStatus> {
    LEXICON.status(&fold(text))
}

pub fn parse_treatment(text: &str) -> Option<Treatment> {
    LEXICON.treatment(&fold(text))
}

/// The workspace's category a value names: by its name, code or prefix, else by the
/// word list (in any of its languages, or one of the value's words).
pub fn parse_category(text: &str, categories: &[Category]) -> Option<String> {
    let label = fold(text);
    if let Some(c) = categories.iter().find(|c| {
        fold(&c.name) == label || c.code.replace('_', " ") == label || fold(&c.prefix) == label
    }) {
        return Some(c.code.clone());
    }
    let code = LEXICON.category(&label)?;
    categories
        .iter()
        .any(|c| c.code == code)
        .then(|| code.to_string())
}

/// A new category for a value the workspace has no category for: its code and a
/// reference prefix that no category in `taken` uses.
pub fn new_category(name: &str, taken: &[Category]) -> Category {
    let latin = transliterate(&fold(name));
    let mut code: String = latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if !code.starts_with(|c: char| c.is_ascii_lowercase()) {
        code = format!("c_{code}");
    }
    code.truncate(36);
    let code = code.trim_end_matches('_').to_string();
    let code = (1..)
        .map(|n| {
            if n == 1 {
                code.clone()
            } else {
                format!("{code}_{n}")
            }
        })
        .find(|c| !taken.iter().any(|t| t.code == *c))
        .expect("some code is free");
    let letters: Vec<char> = latin
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let words: Vec<&str> = latin
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let initials: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .take(3)
        .collect();
    let mut candidates: Vec<String> = Vec::new();
    if words.len() >= 2 {
        candidates.push(initials);
    }
    candidates.push(letters.iter().take(3).collect());
    // The first letter with each later pair, then any two letters A-Z.
    for i in 1..letters.len() {
        for j in i + 1..letters.len() {
            candidates.push([letters[0], letters[i], letters[j]].iter().collect());
        }
    }
    for a in 'A'..='Z' {
        for b in 'A'..='Z' {
            candidates.push(format!("X{a}{b}"));
        }
    }
    let prefix = candidates
        .into_iter()
        .filter(|p| (2..=4).contains(&p.len()))
        .find(|p| !taken.iter().any(|t| t.prefix == *p))
        .unwrap_or_else(|| "XZZZ".to_string());
    let mut display: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if display.chars().count() > 100 {
        display = display.chars().take(100).collect();
    }
    Category {
        code,
        name: display,
        prefix,
        built_in: false,
    }
}

/// Cyrillic in Latin letters, for codes and prefixes (names keep their own script).
pub(super) fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(latin);
    }
    out
}
