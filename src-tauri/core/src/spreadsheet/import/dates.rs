//! Dates as registers hold them: ISO, day-first or month-first numbers (the order is
//! found from dates that can only be read one way, else asked), Excel serial numbers
//! (formatted as dates or not), "12 May 2027", and "May 2027" (the first of the month).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::ColumnMapping;
use super::problem::ImportProblem;
use super::table::{CellValue, TableRow};
use super::values::clean_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 03/04/2027 is 3 April.
    Dmy,
    /// 03/04/2027 is March 4.
    Mdy,
}

impl DateOrder {
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" | "day-first" | "d/m/y" => Some(DateOrder::Dmy),
            "mdy" | "month-first" | "m/d/y" => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

/// A date cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum DateRead {
    Date(NaiveDate),
    /// "May 2027": the first of the month, worth a warning.
    MonthOnly(NaiveDate),
    /// Numbers a/b/year with both a and b up to 12 and no order given.
    Ambiguous,
    Invalid,
}

/// What numeric dates say about the order: a first field above 12 means day-first.
pub fn order_evidence(text: &str) -> Option<DateOrder> {
    let (a, b, _) = numeric_parts(text)?;
    if a > 12 && b <= 12 {
        Some(DateOrder::Dmy)
    } else if b > 12 && a <= 12 {
        Some(DateOrder::Mdy)
    } else {
        None
    }
}

fn numeric_parts(text: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let a = parts[0].trim().parse().ok()?;
    let b = parts[1].trim().parse().ok()?;
    let year_text = parts[2].trim();
    let year: i32 = year_text.parse().ok()?;
    let year = match year_text.len() {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    Some((a, b, year))
}

pub fn read_date(cell: &CellValue, order: Option<DateOrder>) -> DateRead {
    match cell {
        CellValue::Date(d) => DateRead::Date(*d),
        // An Excel serial day number (1900 date system), formatted as a date or not.
        CellValue::Number(n) if (1.0..2_958_466.0).contains(n) => {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
            base.checked_add_days(chrono::Days::new(n.floor() as u64))
                .map_or(DateRead::Invalid, DateRead::Date)
        }
        CellValue::Text(t) => read_date_text(&clean_text(t), order),
        _ => DateRead::Invalid,
    }
}

fn read_date_text(text: &str, order: Option<DateOrder>) -> DateRead {
    let iso = text.get(..10).unwrap_or(text);
    if iso.len() == 10 && iso.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(iso, format) {
                return DateRead::Date(d);
            }
        }
    }
    if let Some((a, b, year)) = numeric_parts(text) {
        let order = match (order, a > 12, b > 12) {
            (_, true, true) => return DateRead::Invalid,
            (_, true, false) => DateOrder::Dmy,
            (_, false, true) => DateOrder::Mdy,
            (Some(o), false, false) => o,
            (None, false, false) if a == b => DateOrder::Dmy,
            (None, false, false) => return DateRead::Ambiguous,
        };
        let (day, month) = match order {
            DateOrder::Dmy => (a, b),
            DateOrder::Mdy => (b, a),
        };
        return NaiveDate::from_ymd_opt(year, month, day).map_or(DateRead::Invalid, DateRead::Date);
    }
    // chrono reads "May 2027" with "%B %d %Y" as 20 May 27: keep plausible years only.
    let plausible = |d: &NaiveDate| (1900..=2200).contains(&d.year());
    for format in [
        "%d %B %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d-%b-%Y",
        "%d-%b-%y",
        "%B %d %Y",
    ] {
        if let Some(d) = NaiveDate::parse_from_str(text, format)
            .ok()
            .filter(plausible)
        {
            return DateRead::Date(d);
        }
    }
    for format in ["%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d %b-%Y"] {
        if let Some(d) = NaiveDate::parse_from_str(&format!("1 {text}"), format)
            .ok()
            .filter(plausible)
        {
            return DateRead::MonthOnly(d);
        }
    }
    DateRead::Invalid
}

/// Finds the order of numeric dates from those whose first or second field is above 12;
/// when they disagree or none tells, and some are ambiguous, it is a problem to solve.
pub(super) fn detect_date_order(
    data: &[TableRow],
    date_columns: &[&ColumnMapping],
    warnings: &mut Vec<ImportProblem>,
    problems: &mut Vec<ImportProblem>,
) -> Option<DateOrder> {
    let mut evidence: [Option<(u32, String, String)>; 2] = [None, None];
    let mut ambiguous: Option<(u32, String, String)> = None;
    for row in data {
        for c in date_columns {
            let Some(CellValue::Text(t)) = row.cells.get(c.index) else {
                continue;
            };
            let t = t.trim();
            match order_evidence(t) {
                Some(DateOrder::Dmy) => {
                    evidence[0].get_or_insert((row.number, c.header.clone(), t.to_string()))
                }
                Some(DateOrder::Mdy) => {
                    evidence[1].get_or_insert((row.number, c.header.clone(), t.to_string()))
                }
                None => {
                    if read_date(&CellValue::Text(t.to_string()), None) == DateRead::Ambiguous {
                        ambiguous.get_or_insert((row.number, c.header.clone(), t.to_string()));
                    }
                    continue;
                }
            };
        }
    }
    let at = |(row, column, text): &(u32, String, String), message: String| ImportProblem {
        row: Some(*row),
        column: Some(column.clone()),
        message: message.replace("{}", text),
    };
    match (&evidence[0], &evidence[1], &ambiguous) {
        (Some(d), Some(m), _) => {
            problems.push(at(d, "\"{}\" is day-first".into()));
            problems.push(at(
                m,
                "\"{}\" is month-first; the file mixes date orders, so choose one".into(),
            ));
            None
        }
        (Some(d), None, Some(_)) => {
            warnings.push(at(
                d,
                "dates are read day-first, as \"{}\" can only be read that way".into(),
            ));
            Some(DateOrder::Dmy)
        }
        (None, Some(m), Some(_)) => {
            warnings.push(at(
                m,
                "dates are read month-first, as \"{}\" can only be read that way".into(),
            ));
            Some(DateOrder::Mdy)
        }
        (None, None, Some(a)) => {
            problems.push(ImportProblem {
                row: None,
                column: Some(a.1.clone()),
                message: format!(
                    "dates such as \"{}\" (row {}) can be day-first or month-first; choose the date order",
                    a.2, a.0
                ),
            });
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_common_form() {
        let text = |t: &str, o| read_date(&CellValue::Text(t.into()), o);
        let day = |y, m, d| DateRead::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(text("2027-05-01", None), day(2027, 5, 1));
        assert_eq!(text("25/03/2027", None), day(2027, 3, 25));
        assert_eq!(text("03/25/2027", None), day(2027, 3, 25));
        assert_eq!(text("03/04/2027", None), DateRead::Ambiguous);
        assert_eq!(text("03/04/2027", Some(DateOrder::Mdy)), day(2027, 3, 4));
        assert_eq!(text("3.4.27", Some(DateOrder::Dmy)), day(2027, 4, 3));
        assert_eq!(text("12 May 2027", None), day(2027, 5, 12));
        assert_eq!(
            text("May 2027", None),
            DateRead::MonthOnly(NaiveDate::from_ymd_opt(2027, 5, 1).unwrap())
        );
        assert_eq!(text("soon", None), DateRead::Invalid);
        assert_eq!(text("31/02/2027", None), DateRead::Invalid);
        assert_eq!(
            read_date(&CellValue::Number(46508.0), None),
            day(2027, 5, 1)
        );
        assert_eq!(order_evidence("25/03/2027"), Some(DateOrder::Dmy));
    }
}
