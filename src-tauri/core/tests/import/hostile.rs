//! Hostile files refused with a clear error, never a panic or an abort: shared strings that
//! declare four billion entries, cells at the far corner, zip bombs (also with lying
//! headers), a truncated OLE header named .xlsx, files that are no spreadsheet, empty or
//! over the size limit, and a CSV wider than the column cap.

use partner_risk_core::spreadsheet::import::{read_table, ReadOptions};
use rust_xlsxwriter::Workbook;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::write;

/// A workbook of our own making, with one part replaced.
fn workbook_with(dir: &Path, name: &str, replace: &str, with: &[u8]) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Title").unwrap();
    sheet.write_string(0, 1, "Likelihood").unwrap();
    sheet.write_string(1, 0, "A risk").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let path = dir.join(name);
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let entry_name = entry.name().to_string();
        out.start_file(entry_name.as_str(), deflate).unwrap();
        if entry_name == replace {
            out.write_all(with).unwrap();
        } else {
            std::io::copy(&mut entry, &mut out).unwrap();
        }
    }
    out.finish().unwrap();
    path
}

#[test]
fn hostile_files_are_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let refused = |path: &Path| {
        read_table(path, &ReadOptions::default())
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    // Shared strings that declare four billion strings (calamine would reserve 96 GB).
    let strings = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>Title</t></si></sst>"#;
    let path = workbook_with(d, "strings.xlsx", "xl/sharedStrings.xml", strings);
    let err = refused(&path);
    assert!(err.contains("declare 4000000000 strings"), "{err}");

    // Cells at A1 and XFD1048576 (worksheet_range would allocate the whole rectangle).
    let far = br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let path = workbook_with(d, "far.xlsx", "xl/worksheets/sheet1.xml", far);
    let err = refused(&path);
    assert!(
        err.contains("row 1048576: 16384 columns") && err.contains("at most 256 columns"),
        "{err}"
    );

    // A zip bomb: 210 MB of zeros in a few hundred kilobytes.
    let zeros = vec![0u8; 210 * 1024 * 1024];
    let path = workbook_with(d, "bomb.xlsx", "xl/worksheets/sheet1.xml", &zeros);
    drop(zeros);
    assert!(std::fs::metadata(&path).unwrap().len() < 1024 * 1024);
    let err = refused(&path);
    assert!(
        err.contains("would inflate beyond 200 MB") && err.contains("zip bomb"),
        "{err}"
    );

    // The same bomb whose headers claim a small size: caught while inflating.
    let mut lying = std::fs::read(&path).unwrap();
    let small = 1000u32.to_le_bytes();
    let mut at = 0;
    while let Some(i) = find(&lying[at..], b"PK\x01\x02") {
        let header = at + i;
        lying[header + 24..header + 28].copy_from_slice(&small);
        at = header + 4;
    }
    let lying = write(&d.join("lying.xlsx"), &lying);
    let err = refused(&lying);
    assert!(err.contains("would inflate beyond 200 MB"), "{err}");

    // A truncated OLE header renamed .xlsx (a slice panic in calamine's xls reader).
    let ole = write(
        &d.join("old.xlsx"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
    );
    let err = refused(&ole);
    assert!(
        err.contains("XLS") && (err.contains("damaged") || err.contains("cannot be read")),
        "{err}"
    );

    // Not a spreadsheet at all, an empty file, a file over the size limit.
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let binary = write(&d.join("image.csv"), &binary);
    assert!(refused(&binary).contains("a binary file that is not a workbook"));
    assert!(refused(&write(&d.join("empty.csv"), b"")).contains("the file is empty"));
    let huge = d.join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    assert!(refused(&huge).contains("is too large to import; the limit is 50 MB"));

    // A CSV wider than the column cap.
    let wide = format!("Title{}\n", ",x".repeat(300));
    let err = refused(&write(&d.join("wide.csv"), wide.as_bytes()));
    assert!(err.contains("at most 256 columns"), "{err}");
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
