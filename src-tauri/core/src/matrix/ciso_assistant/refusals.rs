//! What a file that is not a matrix library is told: a preset that only references a
//! matrix, another kind of library, YAML that does not parse.
use super::*;

/// When a file names a risk matrix without defining one (a CISO Assistant preset, whose
/// `scaffolded_objects` name their matrix by URN, or `risk_matrix: urn:…`), the error
/// that says so, naming the first reference. `None` when the file names no matrix.
pub(super) fn reference_only(yaml: &str) -> Option<Error> {
    let value: serde_norway::Value = serde_norway::from_str(yaml).ok()?;
    let objects = value.get("objects");
    let mut found = Vec::new();
    if let Some(objects) = objects {
        find_references(objects, "", 0, &mut found);
    }
    if let Some(dependencies) = value.get("dependencies").and_then(|d| d.as_sequence()) {
        for (k, d) in dependencies.iter().enumerate() {
            match d.as_str() {
                Some(urn) if urn.to_lowercase().contains("matrix") => {
                    found.push((format!("dependencies[{k}]"), urn.to_string()));
                }
                _ => {}
            }
        }
    }
    let (field, urn) = found.first()?;
    let what = if objects.and_then(|o| o.get("preset")).is_some() {
        "a CISO Assistant preset, which names its matrix by URN"
    } else {
        "it names its matrix by URN"
    };
    Some(Error::invalid(
        field,
        urn,
        format!(
            "this file references a risk matrix and does not define one ({what}); import the \
             library that defines that matrix instead, a YAML whose objects.risk_matrix lists \
             probability, impact, risk and grid"
        ),
    ))
}

/// Collects the string values of `risk_matrix` keys anywhere under `value`, with their
/// place (`preset.scaffolded_objects[0].risk_matrix`).
pub(super) fn find_references(
    value: &serde_norway::Value,
    place: &str,
    depth: usize,
    found: &mut Vec<(String, String)>,
) {
    if depth > 32 || found.len() >= 10 {
        return;
    }
    let join = |key: &str| match place {
        "" => key.to_string(),
        _ => format!("{place}.{key}"),
    };
    match value {
        serde_norway::Value::Mapping(map) => {
            for (key, inner) in map {
                let Some(key) = key.as_str() else { continue };
                match (key, inner) {
                    ("risk_matrix", serde_norway::Value::String(urn)) => {
                        found.push((join(key), urn.clone()));
                    }
                    ("risk_matrix", serde_norway::Value::Sequence(list)) => {
                        for (k, item) in list.iter().enumerate() {
                            if let Some(urn) = item.as_str() {
                                found.push((format!("{}[{k}]", join(key)), urn.to_string()));
                            }
                        }
                    }
                    _ => find_references(inner, &join(key), depth + 1, found),
                }
            }
        }
        serde_norway::Value::Sequence(list) => {
            for (k, item) in list.iter().enumerate() {
                find_references(item, &format!("{place}[{k}]"), depth + 1, found);
            }
        }
        serde_norway::Value::Tagged(tagged) => {
            find_references(&tagged.value, place, depth + 1, found);
        }
        _ => {}
    }
}

/// The error for a file with no `risk_matrix` in `objects` and no reference to one,
/// saying what the file holds instead when it is a CISO Assistant library of another kind.
pub(super) fn not_a_library(yaml: &str) -> Error {
    let kinds: Vec<String> = serde_norway::from_str::<serde_norway::Value>(yaml)
        .ok()
        .and_then(|v| {
            v.get("objects").and_then(|o| o.as_mapping()).map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str())
                    .map(String::from)
                    .collect()
            })
        })
        .unwrap_or_default();
    let holds = match kinds.len() {
        0 => String::new(),
        _ => format!(" (its objects are {})", kinds.join(", ")),
    };
    Error::invalid(
        "objects",
        kinds.join(", "),
        format!(
            "no risk_matrix in objects{holds}: this is not a CISO Assistant risk-matrix library"
        ),
    )
}

/// A YAML error as an input error: where it is (the path and the line and column) and
/// the text of that line.
pub(super) fn yaml_error(yaml: &str, e: serde_path_to_error::Error<serde_norway::Error>) -> Error {
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
