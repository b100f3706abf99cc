//! What an error says in the window: a sentence for people, built from the error's
//! parts (field, value, reason) and, when known, what the user was working on (the
//! subject: "risk", "partnership", "workshop"…). No field keys, no `field:` in front,
//! no `(got …)` behind; the value is quoted only where it helps to find the slip.
//! The one-line form of `Display` stays for the command line and the logs.

use super::reasons::{BAD_DATE, CONTROL, DATE_RANGE, EMPTY};
use super::Error;

/// The subjects a form can be about.
const SUBJECTS: [&str; 9] = [
    "risk",
    "partnership",
    "workshop",
    "action",
    "requirement",
    "participant",
    "matrix",
    "category",
    "level",
];

impl Error {
    /// The error as a sentence for the window. `subject` is what the form is about
    /// ("risk", "partnership", …): it makes "Give the risk a title." of an empty title.
    pub fn for_people(&self, subject: Option<&str>) -> String {
        let subject = subject.filter(|s| SUBJECTS.contains(s));
        match self {
            Error::Invalid {
                field,
                value,
                message,
            } => invalid(field, value, message, subject),
            Error::Conflict { message, .. } => sentence(message),
            Error::NotFound { entity, key, .. } => {
                if key.is_empty() {
                    sentence(&format!("choose a {entity}"))
                } else {
                    format!("There is no {entity} “{key}” (any more): it may have been deleted or renamed.")
                }
            }
            other => sentence(&other.to_string()),
        }
    }
}

/// The sentence of a value that breaks a rule.
fn invalid(field: &str, value: &str, reason: &str, subject: Option<&str>) -> String {
    let (index, key) = split_field(field);
    let mut label = label(key);
    // A part of a matrix: "likelihood[2].label" is the label of likelihood level 2 (the
    // axes count from 1), "levels[0].name" the name of risk level 1 (from 0).
    if let Some((axis, rest)) = field.split_once('[') {
        if let Some((n, _)) = rest.split_once("].") {
            if let Ok(n) = n.parse::<usize>() {
                let (axis, n) = match axis {
                    "likelihood" | "impact" => (axis, n),
                    "levels" => ("risk", n + 1),
                    _ => ("", 0),
                };
                if !axis.is_empty() {
                    label = format!("{label} of {axis} level {n}");
                }
            }
        }
    }
    let whose = |label: &str| match subject {
        Some(s) if !label.starts_with(s) && !label.contains("'s ") && !label.contains(" of ") => {
            format!("the {s}'s {label}")
        }
        _ => format!("the {label}"),
    };
    let nth = index
        .map(|n| format!(" (the {} one)", ordinal(n + 1)))
        .unwrap_or_default();
    if reason == EMPTY {
        return match (subject, key) {
            (_, "tags") => "A tag cannot be empty: remove it.".into(),
            (Some("partnership"), "name") => "A partnership needs a name.".into(),
            (Some(s), "title" | "name" | "code") => format!("Give the {s} a {label}."),
            _ => format!("Fill in {}{nth}.", whose(&label)),
        };
    }
    if let Some(rest) = reason.strip_prefix("is ") {
        // "is N characters long; at most M are allowed"
        if let Some((count, max)) = too_long(rest) {
            return capitalise(&format!(
                "{}{nth} is {count} characters long: shorten it to {max} or fewer.",
                whose(&label)
            ));
        }
    }
    if reason == CONTROL {
        return capitalise(&format!(
            "{}{nth} holds invisible control characters (pasted from another program?): type it again or remove them.",
            whose(&label)
        ));
    }
    if reason == BAD_DATE {
        return capitalise(&format!(
            "Write {} as year-month-day, e.g. 2027-03-18.",
            whose(&label)
        ));
    }
    if let Some(range) = reason.strip_prefix(DATE_RANGE) {
        let range = range.trim().replace(" and ", " to ");
        // A year like 0018 is a date typed in another order (18/12/2027 read backwards).
        let slip = if value.starts_with('0') {
            " Was it typed in another order?"
        } else {
            ""
        };
        return capitalise(&format!(
            "{} reads {value}, which cannot be right: give a year from {range}.{slip}",
            whose(&label)
        ));
    }
    // A reason that reads as a predicate ("is a ballot for another workshop", "listed
    // twice") needs its subject in front.
    const PREDICATES: [&str; 8] = [
        "is ",
        "are ",
        "does ",
        "do ",
        "contains ",
        "has ",
        "must ",
        "listed ",
    ];
    if PREDICATES.iter().any(|p| reason.starts_with(p)) {
        return sentence(&format!("{}{nth} {reason}", whose(&label)));
    }
    if let Some(rest) = reason.strip_prefix("expected ") {
        return sentence(&format!("{}{nth} must be {rest}", whose(&label)));
    }
    sentence(reason)
}

/// `risks[3].title` → (None, "title") keeps the last part; `tags[2]` → (Some(2), "tags").
fn split_field(field: &str) -> (Option<usize>, &str) {
    // A ballot file's field comes after its path: "/x/ann.prisk-ballot: votes[0].score".
    let field = field.rsplit(": ").next().unwrap_or(field);
    let last = field.rsplit('.').next().unwrap_or(field);
    // "residual.impact" reads better whole.
    let key = match field {
        f if f.ends_with(".likelihood") || f.ends_with(".impact") => f,
        _ => last,
    };
    match key.split_once('[') {
        Some((name, rest)) => (
            rest.trim_end_matches(']').parse().ok(),
            name.trim_end_matches(']'),
        ),
        None => (None, key),
    }
}

/// The words for a field key.
fn label(key: &str) -> String {
    let known = match key {
        "acceptance_expiry" => "acceptance's expiry date",
        "acceptance_approver" => "acceptance's approver",
        "treatment_rationale" => "reason for the treatment",
        "next_review" => "next review date",
        "due" => "due date",
        "minor" => "cost",
        "snooze_days" => "number of days to snooze",
        "review_since" => "start of the review log's period",
        "prepared_by" => "“prepared by” name",
        "action_title" => "action's title",
        "action_owner" => "action's owner",
        "min_level" => "lowest level",
        "near_window" => "near-consensus window",
        "near_share_percent" => "near-consensus share",
        "review_days" => "review interval",
        "since" => "first day",
        "until" => "last day",
        "expiry" => "expiry date",
        "partner" => "partner organisation",
        "workshop_id" => "ballot file",
        "participant_id" => "ballot file's voter",
        "seal" => "ballot file's seal",
        "matrix_id" => "matrix",
        "risk_id" => "risk",
        _ => "",
    };
    if !known.is_empty() {
        return known.into();
    }
    key.replace(['_', '.'], " ")
}

fn too_long(rest: &str) -> Option<(&str, &str)> {
    let (count, tail) = rest.split_once(" characters long; at most ")?;
    let max = tail.strip_suffix(" are allowed")?;
    Some((count, max))
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}

/// A reason as a sentence: capitalised, ending with a full stop.
fn sentence(reason: &str) -> String {
    let text = capitalise(reason.trim());
    if text.ends_with(['.', '!', '?', '…']) {
        text
    } else {
        format!("{text}.")
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_for_the_common_slips() {
        let e = Error::invalid("title", "", EMPTY);
        assert_eq!(e.for_people(Some("risk")), "Give the risk a title.");
        let e = Error::invalid("name", "", EMPTY);
        assert_eq!(
            e.for_people(Some("partnership")),
            "A partnership needs a name."
        );
        let e = Error::invalid("owner", "", EMPTY);
        assert_eq!(e.for_people(None), "Fill in the owner.");
        let e = Error::invalid(
            "title",
            "x",
            "is 301 characters long; at most 300 are allowed",
        );
        assert_eq!(
            e.for_people(Some("action")),
            "The action's title is 301 characters long: shorten it to 300 or fewer."
        );
        let e =
            crate::rules::check_date("date", chrono::NaiveDate::from_ymd_opt(18, 12, 3).unwrap())
                .unwrap_err();
        let text = e.for_people(Some("workshop"));
        assert!(
            text.starts_with("The workshop's date reads 0018-12-03"),
            "{text}"
        );
        assert!(text.contains("1990 to 2200"), "{text}");
        assert_eq!(split_field("risks[3].title"), (None, "title"));
        assert_eq!(split_field("tags[2]"), (Some(2), "tags"));
    }
}
