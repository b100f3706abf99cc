//! Text tables (CSV, TSV, Excel's "Unicode Text"): the encoding and the field separator
//! are detected unless given, then the csv crate reads the records.

use std::borrow::Cow;

use super::table::{CellValue, TableRow, TextEncoding};
use super::{ReadOptions, MAX_COLUMNS, MAX_ROWS};
use crate::error::{Error, Result};

/// Separators tried when none is given, in order of preference on a tie.
const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

/// The text of the file and the encoding it was read in. A byte order mark decides;
/// without one, UTF-16 is recognised by its zero bytes, then strict UTF-8 is tried and
/// Windows-1252 (which decodes any byte) is the fallback.
pub(super) fn decode(bytes: &[u8], given: Option<TextEncoding>) -> Result<(String, TextEncoding)> {
    let (encoding, body) = match given {
        Some(e) => (e, strip_bom(bytes, e)),
        None => detect(bytes),
    };
    let text = match encoding {
        TextEncoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                return Err(Error::invalid(
                    "encoding",
                    "UTF-8",
                    format!(
                        "the file is not valid UTF-8 (byte {} of the file); try Windows-1252",
                        e.valid_up_to() + (bytes.len() - body.len()) + 1
                    ),
                ))
            }
        },
        TextEncoding::Windows1252 => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
        }
        TextEncoding::Utf16le | TextEncoding::Utf16be => {
            let codec = if encoding == TextEncoding::Utf16le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            let (text, had_errors) = codec.decode_without_bom_handling(body);
            if had_errors {
                return Err(Error::invalid(
                    "encoding",
                    encoding.label(),
                    "the file is not valid UTF-16 text",
                ));
            }
            text
        }
    };
    Ok((text.into_owned(), encoding))
}

fn strip_bom(bytes: &[u8], encoding: TextEncoding) -> &[u8] {
    let bom: &[u8] = match encoding {
        TextEncoding::Utf8 => b"\xEF\xBB\xBF",
        TextEncoding::Utf16le => b"\xFF\xFE",
        TextEncoding::Utf16be => b"\xFE\xFF",
        TextEncoding::Windows1252 => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

fn detect(bytes: &[u8]) -> (TextEncoding, &[u8]) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (TextEncoding::Utf8, rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (TextEncoding::Utf16le, rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (TextEncoding::Utf16be, rest);
    }
    // Text in UTF-16 without a mark: mostly ASCII, so every other byte is zero.
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() >= 4 {
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let half = sample.len() / 2;
        if zeros_at(1) * 10 >= half * 7 {
            return (TextEncoding::Utf16le, bytes);
        }
        if zeros_at(0) * 10 >= half * 7 {
            return (TextEncoding::Utf16be, bytes);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        (TextEncoding::Utf8, bytes)
    } else {
        (TextEncoding::Windows1252, bytes)
    }
}

/// The separator that splits the first lines into the same number of fields most
/// often (quoted text is skipped).
pub(super) fn sniff_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (',', 0usize, 0usize);
    for d in DELIMITERS {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let mut tally = std::collections::HashMap::new();
        for c in counts.iter().filter(|c| **c > 0) {
            *tally.entry(*c).or_insert(0usize) += 1;
        }
        // The most frequent non-zero count; on a tie, the larger count.
        let Some((mode, lines_agreeing)) = tally
            .into_iter()
            .max_by_key(|(count, lines)| (*lines, *count))
        else {
            continue;
        };
        if (lines_agreeing, mode) > (best.1, best.2) {
            best = (d, lines_agreeing, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|c| {
            if *c == '"' {
                quoted = !quoted;
            }
            !quoted && *c == delimiter
        })
        .count()
}

/// Reads the records of a text table. Every field is text; numbers and dates are
/// recognised when the values are mapped.
pub(super) fn read(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Vec<TableRow>, TextEncoding, char)> {
    let (text, encoding) = decode(bytes, options.encoding)?;
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() && d != '"' && d != '\n' && d != '\r' => d,
        Some(d) => {
            return Err(Error::invalid(
                "delimiter",
                d,
                "a separator is one ASCII character other than a quote or a line break",
            ))
        }
        None => sniff_delimiter(&text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The row a spreadsheet shows: the record's first line, less the line breaks inside
    // quoted fields of the records before it (blank lines count, as Excel shows them).
    let mut number: u32 = 0;
    let mut breaks_inside: u64 = 0;
    let mut records = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Error::invalid(
                    "file",
                    format!("row {}", number + 1),
                    format!("cannot be read as CSV: {e}"),
                ))
            }
        }
        records += 1;
        if records > MAX_ROWS {
            return Err(too_many_rows());
        }
        // The csv crate places a record after blank lines at the first blank line.
        let line = record.position().map_or(records as u64, |p| {
            let blank = text.as_bytes()[p.byte() as usize..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .filter(|b| **b == b'\n')
                .count();
            p.line() + blank as u64
        });
        number = u32::try_from(line.saturating_sub(breaks_inside)).unwrap_or(u32::MAX);
        breaks_inside += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        if record.len() > MAX_COLUMNS {
            return Err(too_many_columns(number, record.len()));
        }
        let cells: Vec<CellValue> = record
            .iter()
            .map(|field| {
                if field.trim().is_empty() {
                    CellValue::Empty
                } else {
                    CellValue::Text(field.to_string())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(TableRow { number, cells });
        }
    }
    Ok((rows, encoding, delimiter))
}

pub(super) fn too_many_rows() -> Error {
    Error::invalid(
        "file",
        format!("more than {MAX_ROWS} rows"),
        format!("an import reads at most {MAX_ROWS} rows; split the register into several files"),
    )
}

pub(super) fn too_many_columns(row: u32, columns: usize) -> Error {
    Error::invalid(
        "file",
        format!("row {row}: {columns} columns"),
        format!("an import reads at most {MAX_COLUMNS} columns"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised_by_their_marks_and_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa;b", None).unwrap().1,
            TextEncoding::Utf8
        );
        assert_eq!(
            decode(b"Caf\xE9;b", None).unwrap(),
            ("Café;b".into(), TextEncoding::Windows1252)
        );
        let utf16: Vec<u8> = "Risk\tOwner\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let (text, encoding) = decode(&utf16, None).unwrap();
        assert_eq!(
            (text.as_str(), encoding),
            ("Risk\tOwner\r\n", TextEncoding::Utf16le)
        );
        let err = decode(b"Caf\xE9", Some(TextEncoding::Utf8)).unwrap_err();
        assert!(err.to_string().contains("not valid UTF-8 (byte 4"), "{err}");
    }

    #[test]
    fn the_separator_is_the_one_that_splits_lines_alike() {
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2;x\";3,5\n"), ';');
        assert_eq!(sniff_delimiter("Title\tOwner\nA, B\tC\n"), '\t');
        assert_eq!(sniff_delimiter("a|b\nc|d\n"), '|');
        assert_eq!(
            sniff_delimiter("Risk register 2026\n\nid,title\n1,x\n"),
            ','
        );
    }
}
