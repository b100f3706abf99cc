//! The option values of `prisk indicator` and `prisk reading`: numbers, the health
//! vocabularies (with `-` for `_` and the short directions), and the core's field names in
//! errors turned into the options that set them.

use partner_risk_core::health::{Direction, Frequency, Source, Unit};
use partner_risk_core::{Error, Result};

pub fn parse_unit(s: &str) -> Result<Unit> {
    let s = s.trim().replace('-', "_").to_ascii_lowercase();
    let s = match s.as_str() {
        "%" => "percent",
        "ms" => "milliseconds",
        other => other,
    };
    Unit::parse(s, "--unit")
}

pub fn parse_direction(s: &str) -> Result<Direction> {
    let s = s.trim().replace('-', "_").to_ascii_lowercase();
    let s = match s.as_str() {
        "higher" | "up" => "higher_is_better",
        "lower" | "down" => "lower_is_better",
        other => other,
    };
    Direction::parse(s, "--direction")
}

pub fn parse_frequency(s: &str) -> Result<Frequency> {
    Frequency::parse(&s.trim().replace('-', "_").to_ascii_lowercase(), "--frequency")
}

pub fn parse_source(s: &str) -> Result<Source> {
    Source::parse(&s.trim().to_ascii_lowercase(), "--source")
}

/// A number as people type it: `98.7`, `98.7 %`, `98,7` (a decimal comma), `1 250`.
pub fn parse_number(text: &str, field: &str) -> Result<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let cleaned = if cleaned.contains(',') && !cleaned.contains('.') {
        cleaned.replace(',', ".")
    } else {
        cleaned
    };
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Error::invalid(field, text, "expected a number"))
}

/// `--target`: a number or `none`.
pub fn target(text: &str) -> Result<Option<f64>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse_number(text, "--target").map(Some)
}

/// The option that sets a core field (`amber` → `--amber`, `risk_ids[2]` → `--risk`).
pub fn as_option(field: &str) -> String {
    let head = field.split(['[', '.']).next().unwrap_or(field);
    match head {
        "risk_ids" => "--risk".into(),
        "exit_triggers" => "--trigger".into(),
        "name" | "unit" | "direction" | "target" | "amber" | "red" | "frequency" | "owner"
        | "source" | "description" | "date" | "value" | "note" => format!("--{head}"),
        _ => field.into(),
    }
}

/// A core error about a field, named by the option that sets it.
pub fn flag_error(e: Error) -> Error {
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => Error::Invalid {
            field: as_option(&field),
            value,
            message,
        },
        Error::Conflict {
            field,
            value,
            message,
        } => Error::Conflict {
            field: as_option(&field),
            value,
            message,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(parse_number("98.7", "v").unwrap(), 98.7);
        assert_eq!(parse_number(" 98.7 % ", "v").unwrap(), 98.7);
        assert_eq!(parse_number("98,7", "v").unwrap(), 98.7);
        assert_eq!(parse_number("1 250", "v").unwrap(), 1250.0);
        assert_eq!(parse_number("-3", "v").unwrap(), -3.0);
        for bad in ["", "abc", "NaN", "inf", "1.2.3"] {
            assert_eq!(parse_number(bad, "--value").unwrap_err().field(), Some("--value"));
        }
        assert_eq!(parse_direction("higher").unwrap(), Direction::HigherIsBetter);
        assert_eq!(parse_unit("ms").unwrap(), Unit::Milliseconds);
        assert_eq!(parse_frequency("half-yearly").unwrap(), Frequency::HalfYearly);
        assert_eq!(as_option("risk_ids[3]"), "--risk");
        assert_eq!(as_option("amber"), "--amber");
    }
}
