//! Small text helpers for documents: codes, money, dates and empty values.

use chrono::NaiveDate;

/// `limited_launch` → `Limited launch`.
pub(crate) fn humanise(code: &str) -> String {
    let text = code.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// 1234567 minor units of EUR → `12,345.67 EUR`.
pub(crate) fn money(minor: i64, currency: &str) -> String {
    let whole = (minor / 100).abs().to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02} {currency}", (minor % 100).abs())
}

/// The trimmed text, or an em dash when there is none.
pub(crate) fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.trim().into()
    }
}

/// `2026-11-26`, or an em dash.
pub(crate) fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

/// `""` for one, `"s"` otherwise: `format!("{n} action{}", plural(n))`.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_format_as_printed() {
        assert_eq!(humanise("limited_launch"), "Limited launch");
        assert_eq!(humanise(""), "");
        assert_eq!(money(123_456_789, "EUR"), "1,234,567.89 EUR");
        assert_eq!(money(-5, "USD"), "-0.05 USD");
        assert_eq!(money(100_000, "EUR"), "1,000.00 EUR");
        assert_eq!(or_dash("  "), "—");
        assert_eq!(or_dash(" Ann "), "Ann");
        assert_eq!(date(None), "—");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 2)), "2026-01-02");
        assert_eq!((plural(1), plural(2)), ("", "s"));
    }
}
