//! Amounts of money as people write them: currency marks, thousands separators in any
//! convention, k/M/bn.

pub(super) fn has_currency(text: &str) -> bool {
    text.contains(['€', '$', '£', '¥', '₽', '₹']) || {
        let t = text.to_ascii_uppercase();
        [
            "EUR", "USD", "GBP", "CHF", "PLN", "CZK", "SEK", "NOK", "DKK", "RUB", "JPY",
        ]
        .iter()
        .any(|c| t.contains(c))
    }
}

/// An amount such as "€250k", "$1.5M", "2 000 000 EUR", "300,000 CHF", "1'250.50 CHF",
/// "1.234.567,89 €", "-3,150,000 CHF".
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = text.to_lowercase();
    let t = t.trim();
    let number: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}')
        })
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let suffix = t
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .next()
        .unwrap_or("");
    let factor = match suffix {
        "bn" | "b" => 1e9,
        "m" | "mn" | "mio" => 1e6,
        "k" => 1e3,
        _ => 1.0,
    };
    let n = grouped_number(&number, factor != 1.0)?;
    let negative = t.starts_with(['-', '−']) || t.starts_with('(');
    Some(if negative { -n } else { n } * factor)
}

/// Digits with `.` and `,` as decimal and grouping marks: the last mark is the decimal
/// one when both occur; a lone mark before exactly three digits groups thousands
/// unless `decimal_likely` (as in "1.5M").
pub(super) fn grouped_number(text: &str, decimal_likely: bool) -> Option<f64> {
    let marks: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | ','))
        .collect();
    let plain = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let decimal_at = match marks.as_slice() {
        [] => None,
        [(at, _)] => {
            let after = text.len() - at - 1;
            (after != 3 || decimal_likely).then_some(*at)
        }
        many => {
            let (last_at, last) = many[many.len() - 1];
            let mixed = many.iter().any(|(_, c)| *c != last);
            mixed.then_some(last_at)
        }
    };
    let n = match decimal_at {
        Some(at) => format!("{}.{}", plain(&text[..at]), plain(&text[at + 1..])),
        None => plain(text),
    };
    n.parse::<f64>().ok().filter(|n| n.is_finite())
}
