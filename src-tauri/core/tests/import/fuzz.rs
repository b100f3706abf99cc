//! Random and mutated input for the readers, the dry run and the JSON import: each
//! gives a result or an error, never a panic, and a row the dry run calls valid is
//! always written. `make test` runs a few cases; `scripts/fuzz-import.sh` runs many.

use std::io::Write;
use std::sync::OnceLock;

use partner_risk_core::interchange::{document_json, parse_document};
use partner_risk_core::spreadsheet::import::{
    read_table_bytes, CellValue, ReadOptions, SourceInfo, Table, TableRow,
};
use partner_risk_core::{OpenMode, Store};
use proptest::prelude::*;

/// A small workbook's parts (name, content), made once.
fn workbook_parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Title", "Likelihood", "Impact", "Next review"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Outage").unwrap();
        sheet.write_number(1, 1, 3).unwrap();
        sheet.write_string(1, 2, "High").unwrap();
        sheet.write_number(1, 3, 46508).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut content = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut content).unwrap();
                (entry.name().to_string(), content)
            })
            .collect()
    })
}

fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Edits at random places: replace, insert or delete a byte.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for (at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(*byte);
            continue;
        }
        let at = at % bytes.len();
        match kind % 3 {
            0 => bytes[at] = *byte,
            1 => bytes.insert(at, *byte),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
}

const WORDS: &[&str] = &[
    "Title",
    "Risk",
    "Likelihood",
    "Impact",
    "Probability",
    "Severity",
    "Owner",
    "Status",
    "Category",
    "Treatment",
    "Next review",
    "Acceptance expiry",
    "Accepted by",
    "Tags",
    "ID",
    "High",
    "Low",
    "Medium",
    "Rare",
    "Almost certain",
    "3",
    "7",
    "0",
    "-1",
    "35 %",
    "0,5",
    "€2M",
    "accept",
    "Tolerate",
    "closed",
    "Exit",
    "Privacy",
    "03/04/2027",
    "25/13/2027",
    "May 2027",
    "2027-02-30",
    "=1+1",
    "'=cmd",
    "a, b; c",
    "",
    " ",
    "x\ny",
];

fn table(rows: Vec<Vec<usize>>) -> Table {
    Table {
        source: SourceInfo {
            kind: partner_risk_core::spreadsheet::import::FileKind::Csv,
            sheets: Vec::new(),
            sheet: None,
            encoding: None,
            delimiter: Some(','),
            digest: String::new(),
        },
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                number: i as u32 + 1,
                cells: cells
                    .into_iter()
                    .map(|w| match WORDS[w % WORDS.len()] {
                        "" => CellValue::Empty,
                        "7" => CellValue::Number(46508.0),
                        text => CellValue::Text(text.to_string()),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn store() -> &'static std::sync::Mutex<(tempfile::TempDir, Store, String)> {
    static STORE: OnceLock<std::sync::Mutex<(tempfile::TempDir, Store, String)>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
        let demo = store
            .create_demo(0, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
            .unwrap();
        std::sync::Mutex::new((dir, store, demo.id))
    })
}

/// 48 cases in `make test`; PROPTEST_CASES for a long run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_read_or_refused(
        prefix in prop::sample::select(vec![&b""[..], b"PK\x03\x04", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xD0\xCF\x11\xE0"]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let _ = read_table_bytes(&[prefix, &body[..]].concat(), &ReadOptions::default());
    }

    #[test]
    fn mutated_workbooks_are_read_or_refused(part in 0usize..16, edits in edits(), whole in any::<bool>()) {
        let mut parts = workbook_parts().clone();
        let bytes = if whole {
            mutate(zip_parts(&parts), &edits)
        } else {
            let i = part % parts.len();
            parts[i].1 = mutate(parts[i].1.clone(), &edits);
            zip_parts(&parts)
        };
        let _ = read_table_bytes(&bytes, &ReadOptions::default());
    }

    #[test]
    fn a_row_the_dry_run_calls_valid_is_written(
        rows in prop::collection::vec(prop::collection::vec(0usize..64, 0..10), 0..12),
    ) {
        let mut guard = store().lock().unwrap();
        let (_, store, partnership) = &mut *guard;
        let table = table(rows);
        if let Ok(plan) = partner_risk_core::spreadsheet::import::plan_import(store, partnership, "fuzz.csv", &table, None, None, None) {
            let file_problem = plan.problems.iter().any(|p| p.row.is_none());
            let outcome = partner_risk_core::spreadsheet::import::apply_import(store, &plan, true);
            prop_assert_eq!(outcome.is_ok(), !file_problem, "{:?}", outcome);
        }
    }

    #[test]
    fn mutated_partnership_documents_are_imported_or_refused(edits in edits()) {
        let mut guard = store().lock().unwrap();
        let (_, store, partnership) = &mut *guard;
        let json = document_json(&partner_risk_core::interchange::export_partnership(store, partnership).unwrap());
        let mutated = mutate(json.into_bytes(), &edits);
        if let Ok(text) = String::from_utf8(mutated) {
            if let Ok(doc) = parse_document(&text) {
                let _ = partner_risk_core::interchange::import_partnership(store, doc);
            }
        }
    }
}
