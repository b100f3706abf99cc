//! The option values of `prisk exit`: days, months, yes/no, amounts in the plan's currency,
//! "none" to clear, and the plan's paths in errors turned into the options that set them.

use chrono::NaiveDate;
use partner_risk_core::exit::{
    AlternativeKind, AlternativeReadiness, AssetKind, FinancialResult, OperationalResult,
    ScenarioKind, TestKind,
};
use partner_risk_core::model::{parse_date, Money};
use partner_risk_core::{Error, Result};

pub fn parse_scenario_kind(s: &str) -> Result<ScenarioKind> {
    ScenarioKind::parse(s, "--kind")
}
pub fn parse_asset_kind(s: &str) -> Result<AssetKind> {
    AssetKind::parse(&s.replace('-', "_"), "--kind")
}
pub fn parse_alternative_kind(s: &str) -> Result<AlternativeKind> {
    AlternativeKind::parse(&s.replace('-', "_"), "--kind")
}
pub fn parse_readiness(s: &str) -> Result<AlternativeReadiness> {
    AlternativeReadiness::parse(s, "--readiness")
}
pub fn parse_test_kind(s: &str) -> Result<TestKind> {
    TestKind::parse(&s.replace('-', "_"), "--kind")
}
pub fn parse_operational(s: &str) -> Result<OperationalResult> {
    OperationalResult::parse(s, "--operational")
}
pub fn parse_financial(s: &str) -> Result<FinancialResult> {
    FinancialResult::parse(&s.replace('-', "_"), "--financial")
}

/// `none` (any case) → `None`, anything else parsed.
pub fn enum_or_none<T>(text: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse(text.trim()).map(Some)
}

pub fn date_or_none(text: &str, field: &str) -> Result<Option<NaiveDate>> {
    enum_or_none(text, |t| parse_date(t, field))
}

/// A whole number of days (the plan's rules bound it).
pub fn days(text: &str, field: &str) -> Result<u32> {
    text.trim()
        .parse()
        .map_err(|_| Error::invalid(field, text, "expected a whole number of days"))
}

pub fn days_or_none(text: &str, field: &str) -> Result<Option<u32>> {
    enum_or_none(text, |t| days(t, field))
}

pub fn months_or_none(text: &str, field: &str) -> Result<Option<u32>> {
    enum_or_none(text, |t| {
        t.parse()
            .map_err(|_| Error::invalid(field, text, "expected a whole number of months"))
    })
}

pub fn boolean(text: &str, field: &str) -> Result<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        _ => Err(Error::invalid(field, text, "expected yes or no")),
    }
}

/// An amount in minor units: `12500.50` in the plan's currency, or `12500.50 EUR`, which
/// sets the plan's currency when it has none and must match it otherwise.
pub fn amount(text: &str, field: &str, currency: &mut String) -> Result<i64> {
    let with_currency = text.split_whitespace().count() > 1;
    let money = if with_currency {
        Money::parse(text, field)?
    } else {
        // The plan's currency (the partnership's when the plan has none) stands in for
        // the one not typed; without either, ISO 4217's "no currency" code does, and only
        // the amount is used.
        let stand_in = if currency.is_empty() {
            "XXX"
        } else {
            currency.as_str()
        };
        Money::parse(&format!("{} {stand_in}", text.trim()), field).map_err(|_| {
            Error::invalid(
                field,
                text,
                "expected an amount such as 12500.50, optionally with its currency",
            )
        })?
    };
    if with_currency {
        if currency.is_empty() {
            *currency = money.currency.clone();
        } else if *currency != money.currency {
            return Err(Error::invalid(
                field,
                text,
                format!("the plan's amounts are in {currency}"),
            ));
        }
    }
    Ok(money.minor)
}

/// The option that sets a field of the plan, from the field's path
/// (`scenarios[0].steps[1].duration_days` → `--days`).
fn option_of(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    let renamed = match last {
        "initial_term_end" => "term-end",
        "notice_days_ours" => "notice-ours",
        "notice_days_partner" => "notice-partner",
        "termination_for_convenience" => "convenience",
        "one_off_low" => "cost-low",
        "one_off_high" => "cost-high",
        "running_monthly" => "running",
        "duration_days" => "days",
        "waits_for" => "after",
        "success_criteria" => "success-criterion",
        "custom_triggers" => "custom-trigger",
        "triggers" => "trigger",
        "findings" => "finding",
        "personal_data" => "personal",
        other => return format!("--{}", other.replace('_', "-")),
    };
    format!("--{renamed}")
}

/// An error about a field of the plan names the option that sets it, then the field:
/// `--days (scenarios[0].steps[1].duration_days): expected 0 to 3650 days (got "4000")`.
/// Errors already about an option or an argument are left as they are.
pub fn flag_error(e: Error, known: &[(&str, &str)]) -> Error {
    let rename = |field: String| -> String {
        if let Some((_, flag)) = known.iter().find(|(f, _)| *f == field) {
            return flag.to_string();
        }
        if field.starts_with("--") || field.chars().all(|c| !c.is_ascii_lowercase()) {
            return field;
        }
        let flag = option_of(&field);
        if flag.trim_start_matches('-') == field.replace('_', "-") {
            flag
        } else {
            format!("{flag} ({field})")
        }
    };
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => Error::Invalid {
            field: rename(field),
            value,
            message,
        },
        Error::Conflict {
            field,
            value,
            message,
        } => Error::Conflict {
            field: rename(field),
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
    fn paths_become_options() {
        let e = flag_error(
            Error::invalid("scenarios[0].steps[1].duration_days", 4000, "too long"),
            &[],
        );
        assert_eq!(
            e.field(),
            Some("--days (scenarios[0].steps[1].duration_days)")
        );
        let e = flag_error(Error::invalid("currency", "eur", "bad"), &[]);
        assert_eq!(e.field(), Some("--currency"));
        let e = flag_error(Error::invalid("--start", "x", "bad"), &[]);
        assert_eq!(e.field(), Some("--start"));
        let e = flag_error(Error::invalid("STEP", "x", "bad"), &[]);
        assert_eq!(e.field(), Some("STEP"));
    }

    #[test]
    fn amounts_use_the_plans_currency() {
        let mut currency = String::new();
        assert_eq!(amount("12500.5", "--x", &mut currency).unwrap(), 1_250_050);
        assert_eq!(currency, "");
        assert_eq!(amount("10 EUR", "--x", &mut currency).unwrap(), 1000);
        assert_eq!(currency, "EUR");
        let e = amount("10 USD", "--x", &mut currency).unwrap_err();
        assert!(e.to_string().contains("in EUR"), "{e}");
        assert!(amount("ten", "--x", &mut currency).is_err());
        assert!(amount("-5", "--x", &mut currency).is_err());
    }
}
