//! The register as CSV, written with the csv crate.

use std::borrow::Cow;
use std::path::Path;

use super::{register_row, SheetData, REGISTER_COLUMNS};
use crate::error::{Error, Result};

/// The UTF-8 byte order mark: Excel opens a CSV file as UTF-8 only when it starts with it.
pub const BOM: &str = "\u{FEFF}";

/// A cell made safe to open in a spreadsheet: text that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return would be taken for a formula (CSV injection), so it gets
/// a leading `'`, as OWASP advises; spreadsheets show the rest as text.
///
/// A plain number (`-12`, `+3.5`) is left alone: it is no formula, and prefixing it
/// would turn a number into text. The register's own numbers (scores, counts) are never
/// negative; the rule is for numbers that users type into text fields.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// An optional sign, digits and an optional decimal part: `-12`, `+3.5`, `-.5`.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

/// The CSV bytes of the register; `path` names the file in errors.
pub(super) fn register(data: &SheetData, path: &Path) -> Result<Vec<u8>> {
    let fail = |e: String| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    };
    let mut out = Vec::with_capacity(256 * (data.entries.len() + 1));
    out.extend_from_slice(BOM.as_bytes());
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(REGISTER_COLUMNS.iter().map(|(header, _)| *header))
        .map_err(|e| fail(e.to_string()))?;
    let names = data.category_names();
    let mut record: Vec<String> = Vec::with_capacity(REGISTER_COLUMNS.len());
    for entry in &data.entries {
        record.clear();
        record.extend(
            register_row(entry, &data.matrix, &names)
                .iter()
                .map(|cell| neutralise(&cell.plain(&data.matrix)).into_owned()),
        );
        writer
            .write_record(&record)
            .map_err(|e| fail(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (text, expected) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("-", "'-"),
            ("- a bullet", "'- a bullet"),
            ("-12", "-12"),
            ("+3.5", "+3.5"),
            ("-.5", "-.5"),
            ("12", "12"),
            ("plain = text", "plain = text"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), expected, "{text:?}");
        }
    }
}
