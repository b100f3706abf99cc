//! Rules every input follows, whatever it is about: required and bounded texts, dates of
//! a plausible year. The floor below the model and the matrix; it knows only errors.

use chrono::{Datelike, NaiveDate};

use crate::error::reasons::{BAD_DATE, CONTROL, DATE_RANGE, EMPTY};
use crate::error::{Error, Result};

/// A text the user must fill in, of at most `max` characters.
pub(crate) fn require_text(field: &str, text: &str, max: usize) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid(field, text, EMPTY));
    }
    limit_text(field, text, max)
}

pub(crate) fn limit_text(field: &str, text: &str, max: usize) -> Result<()> {
    let count = text.chars().count();
    if count > max {
        let preview: String = text.chars().take(40).collect();
        return Err(Error::invalid(
            field,
            format!("{preview}…"),
            format!("is {count} characters long; at most {max} are allowed"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid(field, text, CONTROL));
    }
    Ok(())
}

/// Parses an ISO date (YYYY-MM-DD) of a plausible year (see [`check_date`]).
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, text, BAD_DATE))?;
    check_date(field, date)?;
    Ok(date)
}

/// The first and the last year of a date a person may enter. A date outside them is
/// a typing slip, never a plan: a date field filled in the wrong order reads
/// 2027-03-18 as 0018-12-03.
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2200;

/// Refuses a date outside [`FIRST_YEAR`]..=[`LAST_YEAR`], naming the field.
pub fn check_date(field: &str, date: NaiveDate) -> Result<()> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Ok(());
    }
    Err(Error::invalid(
        field,
        date,
        format!("{DATE_RANGE} {FIRST_YEAR} and {LAST_YEAR}"),
    ))
}

/// [`check_date`] for an optional date.
pub fn check_date_opt(field: &str, date: Option<NaiveDate>) -> Result<()> {
    date.map_or(Ok(()), |d| check_date(field, d))
}
