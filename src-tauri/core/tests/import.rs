//! Spreadsheet import: registers as people keep them (a messy workbook, CSV in every
//! encoding and separator), our own export coming back the same, mappings given back,
//! and hostile files refused with a clear error. Every fixture is made here.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskStatus, Treatment};
use partner_risk_core::spreadsheet::import::{
    read_table, ColumnTarget, DateOrder, ImportPlan, ReadOptions, TextEncoding,
};
use partner_risk_core::store::{backups, BackupReason};
use partner_risk_core::{OpenMode, Store};
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Formula, Workbook};

fn store_with(matrix: &str) -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Acme cloud"), matrix)
        .unwrap();
    (dir, store, p.id)
}

fn plan(store: &Store, partnership: &str, path: &Path) -> ImportPlan {
    let table = read_table(path, &ReadOptions::default()).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    store
        .plan_import(partnership, &name, &table, None, None, None)
        .unwrap()
}

fn problems(plan: &ImportPlan) -> Vec<String> {
    plan.problems.iter().map(|p| p.to_string()).collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A register as a workbook made in Excel might be: an instructions sheet first, a
/// merged title and preamble above the header, a formula column, dropdowns, frozen
/// panes, date cells, serial numbers, a residual pair under the same names, a column
/// the app does not know, and one row whose probability is prose.
fn messy_workbook(path: &Path) {
    let mut book = Workbook::new();
    let help = book.add_worksheet().set_name("How to use").unwrap();
    help.write_string(0, 0, "Fill one row per risk. Scores 1 (low) to 5 (high).")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Risk Register").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(0, 0, 0, 11, "Acme cloud – partnership risk register", &bold)
        .unwrap();
    sheet.write_string(1, 0, "Owner: Procurement").unwrap();
    sheet
        .write_string(2, 0, "Version 3, reviewed quarterly")
        .unwrap();
    let header = [
        "Risk ID",
        "Risk_Description",
        "Category",
        "Probability (1-5)",
        "Severity (1-5)",
        "Score",
        "Likelihood",
        "Impact",
        "Owner",
        "Status",
        "Review date",
        "Budget code",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(5, c as u16, *h).unwrap();
    }
    sheet.set_freeze_panes(6, 0).unwrap();
    let statuses = DataValidation::new()
        .allow_list_strings(&["Open", "In progress", "Closed"])
        .unwrap();
    sheet.add_data_validation(6, 9, 200, 9, &statuses).unwrap();
    let dmy = Format::new().set_num_format("dd/mm/yyyy");
    // id, title, category, probability, severity, residual L, residual I, owner, status
    let rows: [[&str; 9]; 5] = [
        [
            "R-01",
            "Vendor lock-in on the claims API",
            "Exit",
            "4",
            "4",
            "2",
            "3",
            "Ann",
            "Open",
        ],
        [
            "R-02",
            "Data residency outside the EU",
            "Privacy",
            "3",
            "5",
            "2",
            "4",
            "Ben",
            "In progress",
        ],
        [
            "R-03",
            "Key engineer leaves",
            "Operational",
            "2",
            "3",
            "",
            "",
            "Cleo",
            "Closed",
        ],
        [
            "R-04",
            "Model drift lowers accuracy",
            "Tech",
            "Medium at the beginning, gets higher with time",
            "3",
            "3",
            "3",
            "Dan",
            "Open",
        ],
        [
            "R-05",
            "Partner misses the SOC 2 renewal",
            "Security",
            "3",
            "4",
            "1",
            "4",
            "Eve",
            "Open",
        ],
    ];
    for (i, [id, title, category, probability, severity, rl, ri, owner, status]) in
        rows.iter().enumerate()
    {
        let severity: f64 = severity.parse().unwrap();
        let r = 6 + i as u32;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, *category).unwrap();
        match probability.parse::<f64>() {
            Ok(n) => sheet.write_number(r, 3, n).unwrap(),
            Err(_) => sheet.write_string(r, 3, *probability).unwrap(),
        };
        sheet.write_number(r, 4, severity).unwrap();
        let score = probability.parse::<f64>().unwrap_or(0.0) * severity;
        sheet
            .write_formula(
                r,
                5,
                Formula::new(format!("=D{}*E{}", r + 1, r + 1)).set_result(score.to_string()),
            )
            .unwrap();
        if !rl.is_empty() {
            sheet
                .write_number(r, 6, rl.parse::<f64>().unwrap())
                .unwrap();
            sheet
                .write_number(r, 7, ri.parse::<f64>().unwrap())
                .unwrap();
        }
        sheet.write_string(r, 8, *owner).unwrap();
        sheet.write_string(r, 9, *status).unwrap();
        sheet
            .write_string(r, 11, format!("BC-{}", 100 + i))
            .unwrap();
    }
    // Review dates: a date cell, a serial number without a date format, text forms.
    let may = ExcelDateTime::from_ymd(2027, 5, 1).unwrap();
    sheet.write_datetime_with_format(6, 10, may, &dmy).unwrap();
    sheet.write_number(7, 10, 46508.0).unwrap();
    sheet.write_string(8, 10, "May 2027").unwrap();
    sheet.write_string(9, 10, "2027-06-30").unwrap();
    sheet.write_string(10, 10, "30/06/2027").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_messy_workbook_is_read_with_its_sheet_header_scores_dates_and_errors_by_row() {
    let (dir, mut store, p) = store_with("5x5");
    let path = dir.path().join("register.xlsx");
    messy_workbook(&path);

    let plan = plan(&store, &p, &path);
    assert_eq!(plan.source.sheets, ["How to use", "Risk Register"]);
    assert_eq!(plan.source.sheet.as_deref(), Some("Risk Register"));
    assert_eq!(
        plan.mapping.header_row, 6,
        "the header under the merged title and preamble"
    );
    let targets: Vec<ColumnTarget> = plan.mapping.columns.iter().map(|c| c.target).collect();
    use ColumnTarget::*;
    assert_eq!(
        targets,
        [
            Reference,
            Title,
            Category,
            InherentLikelihood,
            InherentImpact,
            Skip,
            ResidualLikelihood,
            ResidualImpact,
            Owner,
            Status,
            NextReview,
            Note
        ]
    );
    // Every problem by its row as the spreadsheet shows it and its column's header.
    assert_eq!(
        problems(&plan),
        [
            r#"row 10, column "Probability (1-5)": "Medium at the beginning, gets higher with time" is not a likelihood"#
        ]
    );
    assert_eq!(
        plan.warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>(),
        [r#"row 9, column "Review date": "May 2027" has no day; read as 2027-05-01"#]
    );
    assert_eq!(
        (plan.counts.rows, plan.counts.valid, plan.counts.new),
        (5, 4, 4)
    );

    let first = &plan.rows[0].fields;
    assert_eq!(first.title, "Vendor lock-in on the claims API");
    assert_eq!(first.category, "exit");
    assert_eq!(first.inherent, Some(Score::new(4, 4)));
    assert_eq!(first.residual, Some(Score::new(2, 3)));
    assert_eq!(first.next_review, Some(date(2027, 5, 1)), "a date cell");
    assert_eq!(
        first.description, "Budget code: BC-100",
        "unknown columns are kept"
    );
    let second = &plan.rows[1].fields;
    assert_eq!(second.category, "data_protection", "\"Privacy\" by synonym");
    assert_eq!(second.status, RiskStatus::Mitigating, "\"In progress\"");
    assert_eq!(
        second.next_review,
        Some(date(2027, 5, 1)),
        "an Excel serial number"
    );
    assert_eq!(plan.rows[2].fields.residual, None);
    assert_eq!(plan.rows[2].fields.status, RiskStatus::Closed);
    assert_eq!(plan.rows[4].fields.next_review, Some(date(2027, 6, 30)));

    let workspace = store.path().to_path_buf();
    // With a problem and no choice: refused, nothing written (not even a backup).
    let err = store.apply_import(&plan, false).unwrap_err().to_string();
    assert!(
        err.contains("1 of 5 rows have problems") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(store.risks(&p).unwrap().len(), 0);

    // Only the valid rows, audited as imported from the file.
    assert!(backups::list(&workspace).unwrap().is_empty());
    let outcome = store.apply_import(&plan, true).unwrap();
    // The workspace as it was is kept first: a backup without the imported risks.
    let kept = backups::list(&workspace).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].reason, kept[0].risks),
        (BackupReason::Import, Some(0))
    );
    assert_eq!((outcome.created, outcome.skipped), (4, 1));
    let risks = store.risks(&p).unwrap();
    assert_eq!(risks.len(), 4);
    let history = store.history(&risks[0].id).unwrap();
    assert_eq!(
        history[0].context.as_deref(),
        Some("imported from register.xlsx")
    );

    // The same file again duplicates nothing; an edited cell updates that risk only.
    let again = self::plan(&store, &p, &path);
    assert_eq!((again.counts.new, again.counts.unchanged), (0, 4));
    let mut mapping = again.mapping.clone();
    let probability = mapping
        .values
        .iter_mut()
        .find(|v| v.header == "Probability (1-5)")
        .unwrap();
    let prose = probability
        .entries
        .iter_mut()
        .find(|e| e.to.is_none())
        .unwrap();
    prose.to = Some("4".into());
    let table = read_table(&path, &ReadOptions::default()).unwrap();
    let edited = store
        .plan_import(
            &p,
            "register.xlsx",
            &table,
            Some(mapping.clone()),
            None,
            None,
        )
        .unwrap();
    assert!(edited.problems.is_empty(), "{:?}", problems(&edited));
    assert_eq!(edited.rows[3].fields.inherent, Some(Score::new(4, 3)));
    assert_eq!((edited.counts.new, edited.counts.unchanged), (1, 4));
    assert_eq!(store.apply_import(&edited, false).unwrap().created, 1);
    assert_eq!(store.risks(&p).unwrap().len(), 5);

    // A mapping that names a position the matrix does not have is refused by name.
    let bad = mapping
        .values
        .iter_mut()
        .find(|v| v.header == "Probability (1-5)")
        .unwrap();
    bad.entries[0].to = Some("9".into());
    let err = store
        .plan_import(&p, "register.xlsx", &table, Some(mapping), None, None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("values[\"Probability (1-5)\"]")
            && err.contains("is not a value this column can take"),
        "{err}"
    );
}

/// One register in words (High/Medium/Low likelihoods, AS/NZS impacts, percentages
/// with decimal commas), written as different programs save text tables.
fn register_text(separator: &str) -> String {
    let rows = [
        [
            "Risk",
            "Probability",
            "Consequence",
            "Treatment",
            "Next review",
            "Tags",
        ],
        [
            "Café supplier fails",
            "High",
            "Major",
            "Mitigate",
            "25/03/2027",
            "\"supply, food\"",
        ],
        [
            "Invoices paid twice",
            "Low",
            "Minor",
            "Terminate",
            "03/04/2027",
            "",
        ],
        [
            "Fire in the data centre",
            "Medium",
            "Catastrophic",
            "Insure",
            "",
            "dc",
        ],
    ];
    rows.iter()
        .map(|r| r.join(separator))
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::File::create(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    path.to_path_buf()
}

#[test]
fn text_registers_in_every_encoding_and_separator() {
    let (dir, mut store, p) = store_with("5x5");
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), register_text(",").as_bytes()].concat();
    let windows: Vec<u8> = register_text(";")
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        register_text("\t")
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let files = [
        (
            write(&dir.path().join("a.csv"), &utf8_bom),
            TextEncoding::Utf8,
            ',',
        ),
        (
            write(&dir.path().join("b.csv"), &windows),
            TextEncoding::Windows1252,
            ';',
        ),
        // Excel's "Unicode Text" is UTF-16 with tabs, saved as .txt.
        (
            write(&dir.path().join("c.txt"), &utf16),
            TextEncoding::Utf16le,
            '\t',
        ),
        (
            write(&dir.path().join("d.xlsx"), register_text("|").as_bytes()),
            TextEncoding::Utf8,
            '|',
        ),
    ];
    for (path, encoding, separator) in &files {
        let plan = plan(&store, &p, path);
        assert_eq!(plan.source.encoding, Some(*encoding), "{path:?}");
        assert_eq!(plan.source.delimiter, Some(*separator), "{path:?}");
        assert!(plan.problems.is_empty(), "{path:?}: {:?}", problems(&plan));
        let first = &plan.rows[0].fields;
        assert_eq!(first.title, "Café supplier fails", "{path:?}");
        // High on Low/Medium/High → 5 of 5; Major on Insignificant…Catastrophic → 4.
        assert_eq!(first.inherent, Some(Score::new(5, 4)), "{path:?}");
        assert_eq!(first.treatment, Some(Treatment::Reduce));
        assert_eq!(first.tags, ["supply", "food"]);
        // 25/03 can only be day-first, so 03/04 is 3 April.
        assert_eq!(first.next_review, Some(date(2027, 3, 25)));
        assert_eq!(plan.rows[1].fields.next_review, Some(date(2027, 4, 3)));
        assert_eq!(plan.mapping.date_order, Some(DateOrder::Dmy));
        assert_eq!(plan.rows[1].fields.inherent, Some(Score::new(1, 2)));
        assert_eq!(plan.rows[2].fields.inherent, Some(Score::new(3, 5)));
        assert_eq!(plan.rows[2].fields.treatment, Some(Treatment::Transfer));
        assert_eq!(plan.rows[1].fields.treatment, Some(Treatment::Avoid));
    }

    // Dates that cannot tell their order are asked about; given the order, they are read.
    let ambiguous = "Title;Likelihood;Impact;Next review\nA;2;3;03/04/2027\nB;1;1;05/06/2027\n";
    let path = write(&dir.path().join("ambiguous.csv"), ambiguous.as_bytes());
    let asked = plan(&store, &p, &path);
    assert_eq!(
        problems(&asked),
        [
            r#"column "Next review": dates such as "03/04/2027" (row 2) can be day-first or month-first; choose the date order"#
        ]
    );
    let table = read_table(&path, &ReadOptions::default()).unwrap();
    let told = store
        .plan_import(
            &p,
            "ambiguous.csv",
            &table,
            None,
            None,
            Some(DateOrder::Mdy),
        )
        .unwrap();
    assert!(told.problems.is_empty());
    assert_eq!(told.rows[0].fields.next_review, Some(date(2027, 3, 4)));

    // Percentages with decimal commas go into the likelihood levels' ranges.
    let percent = "Title;Likelihood;Impact\nA;35 %;2\nB;0,9;1\nC;4%;1\n";
    let path = write(&dir.path().join("percent.csv"), percent.as_bytes());
    let plan = plan(&store, &p, &path);
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    let likelihoods: Vec<u8> = plan
        .rows
        .iter()
        .map(|r| r.fields.inherent.unwrap().likelihood)
        .collect();
    let expected: Vec<u8> = ["35 %", "0,9", "4%"]
        .iter()
        .map(|v| {
            let entry = plan.mapping.values[0]
                .entries
                .iter()
                .find(|e| e.value == *v)
                .unwrap();
            entry.to.as_deref().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(likelihoods, expected);
    assert!(
        likelihoods[0] < likelihoods[1] && likelihoods[2] < likelihoods[0],
        "{likelihoods:?}"
    );

    // Overrides: the wrong separator gives one column and no header.
    let table = read_table(
        &files[1].0,
        &ReadOptions {
            delimiter: Some(','),
            ..Default::default()
        },
    )
    .unwrap();
    // The plan still shows the columns, so that the user can choose.
    let wrong = store
        .plan_import(&p, "b.csv", &table, None, None, None)
        .unwrap();
    assert_eq!(
        problems(&wrong),
        ["no row among the first 20 looks like a header with a title or likelihood column; choose the header row"]
    );
    assert_eq!(
        (wrong.counts.rows, wrong.counts.invalid, wrong.rows.len()),
        (3, 3, 0)
    );
    assert!(store
        .apply_import(&wrong, true)
        .unwrap_err()
        .to_string()
        .contains("nothing was imported"));
    // A header without a recognisable title: the columns are shown; choosing one works.
    let path = write(
        &dir.path().join("thing.csv"),
        b"Thing,Probability,Impact\nA,2,3\n",
    );
    let untitled = self::plan(&store, &p, &path);
    assert_eq!(
        problems(&untitled),
        ["no column is mapped to the title; choose the column that holds the risks' titles"]
    );
    let mut mapping = untitled.mapping.clone();
    mapping.columns[0].target = ColumnTarget::Title;
    let table = read_table(&path, &ReadOptions::default()).unwrap();
    let titled = store
        .plan_import(&p, "thing.csv", &table, Some(mapping), None, None)
        .unwrap();
    assert!(titled.problems.is_empty());
    assert_eq!(titled.rows[0].fields.inherent, Some(Score::new(2, 3)));
}

#[test]
fn our_own_export_comes_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let demo = store.create_demo(0, date(2026, 11, 1)).unwrap();
    let mut risk = store.risks(&demo.id).unwrap()[0].clone();
    // Text a spreadsheet would take for a formula: the CSV neutralises it, import undoes it.
    risk.fields.title = "=HYPERLINK(\"x\") in a title".into();
    store.update_risk(&risk.id, risk.fields.clone()).unwrap();
    let original = store.risks(&demo.id).unwrap();
    let today = date(2026, 12, 1);
    for format in ["xlsx", "csv"] {
        let path = dir.path().join(format!("register.{format}"));
        match format {
            "xlsx" => store.export_xlsx_to_file(&demo.id, today, &path).unwrap(),
            _ => store.export_csv_to_file(&demo.id, today, &path).unwrap(),
        };
        // Into the same partnership: nothing to do.
        let same = plan(&store, &demo.id, &path);
        assert!(same.problems.is_empty(), "{format}: {:?}", problems(&same));
        assert_eq!(same.counts.unchanged, original.len(), "{format}");
        // Into a new partnership on the same matrix: the same register.
        let copy = store
            .create_partnership(
                PartnershipFields::new(format!("Copy {format}")),
                &demo.matrix_id,
            )
            .unwrap();
        let plan = plan(&store, &copy.id, &path);
        assert_eq!(plan.counts.new, original.len(), "{format}");
        store.apply_import(&plan, false).unwrap();
        let copied = store.risks(&copy.id).unwrap();
        let fields = |risks: &[partner_risk_core::model::Risk]| {
            let mut all: Vec<_> = risks.iter().map(|r| r.fields.clone()).collect();
            all.sort_by(|a, b| a.title.cmp(&b.title));
            all
        };
        assert_eq!(fields(&copied), fields(&original), "{format}");
    }
}

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

/// A minimal OpenDocument spreadsheet (as LibreOffice saves one) with one sheet.
fn ods(rows: &[&[&str]]) -> Vec<u8> {
    let cell = |v: &str| match v.parse::<f64>() {
        Ok(n) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{v}</text:p></table:table-cell>"#
        ),
        Err(_) if v.is_empty() => "<table:table-cell/>".to_string(),
        Err(_) => format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        ),
    };
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<table:table-row>{}</table:table-row>",
                r.iter().map(|v| cell(v)).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Risiken">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    for (name, text) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A German register kept in LibreOffice: a title row, German headers with bracketed
/// qualifiers, levels in words, a category the workspace lacks, a row with one axis
/// scored, an acceptance without its approver, a repeated title and a group heading.
/// Then next quarter's file with the same columns is read with the mapping the user
/// chose for the first.
#[test]
fn an_opendocument_register_in_german_and_its_mapping_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, mut store, p) = store_with("5x5");
    let rows: &[&[&str]] = &[
        &[
            "Risikoregister Lieferant Q1",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        &[
            "Nr.",
            "Risiko",
            "Kategorie",
            "Wahrscheinlichkeit (brutto)",
            "Auswirkung (brutto)",
            "Behandlung",
            "Verantwortlich",
            "Status",
            "Bemerkungen",
        ],
        &[
            "1",
            "Ausfall des Rechenzentrums",
            "Technisch",
            "Mittel",
            "Hoch",
            "Reduzieren",
            "Anna",
            "Offen",
            "RZ Frankfurt",
        ],
        &[
            "2",
            "Lieferant insolvent",
            "Lieferkette",
            "Niedrig",
            "Hoch",
            "Akzeptieren",
            "Ben",
            "In Bearbeitung",
            "",
        ],
        &["", "Vertrag", "", "", "", "", "", "", ""],
        &[
            "3",
            "Datenabfluss beim Partner",
            "Datenschutz",
            "Hoch",
            "",
            "Vermeiden",
            "Anna",
            "Offen",
            "",
        ],
        &[
            "4",
            "Lieferant insolvent",
            "Lieferkette",
            "Mittel",
            "Mittel",
            "Übertragen",
            "Carla",
            "Offen",
            "zweiter Standort",
        ],
        // A risk still to be assessed: its reference and title only, not a heading.
        &["5", "Exit-Kosten unklar", "", "", "", "", "", "", ""],
    ];
    let path = write(&dir.path().join("risiken.ods"), &ods(rows));
    let plan = plan(&store, &p, &path);
    assert_eq!(
        plan.source.kind,
        partner_risk_core::spreadsheet::import::FileKind::Ods
    );
    assert_eq!(plan.mapping.header_row, 2);
    let targets: Vec<ColumnTarget> = plan.mapping.columns.iter().map(|c| c.target).collect();
    use ColumnTarget::*;
    assert_eq!(
        targets,
        [
            Reference,
            Title,
            Category,
            InherentLikelihood,
            InherentImpact,
            Treatment,
            Owner,
            Status,
            Description
        ]
    );
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    // The new category, the group heading, the lenient rows: all said.
    assert_eq!(plan.mapping.new_categories.len(), 1);
    assert_eq!(plan.mapping.new_categories[0].name, "Lieferkette");
    assert_eq!(plan.counts.skipped, 1);
    let warnings: Vec<String> = plan.warnings.iter().map(|w| w.to_string()).collect();
    for expected in [
        "no category for \"Lieferkette\"",
        "row 6, column \"Wahrscheinlichkeit (brutto)\": the inherent score has no impact",
        "row 4, column \"Behandlung\": the acceptance has no approver or expiry date",
        "row 7, column \"Risiko\": the same title as row 4; both are imported",
        "1 row is a heading of a group of rows; skipped (rows 5)",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected:?} not in {warnings:#?}"
        );
    }
    let by_row = |n: u32| {
        &plan
            .rows
            .iter()
            .find(|r| r.row == n)
            .unwrap_or_else(|| {
                panic!(
                    "row {n} not in {:?}",
                    plan.rows.iter().map(|r| r.row).collect::<Vec<_>>()
                )
            })
            .fields
    };
    assert_eq!(by_row(3).inherent, Some(Score::new(3, 5)));
    assert_eq!(by_row(3).category, "technical");
    assert_eq!(by_row(4).treatment, None);
    assert!(by_row(4)
        .description
        .contains("Behandlung: Akzeptieren (acceptance pending"));
    assert_eq!(by_row(4).status, RiskStatus::Mitigating);
    assert_eq!(by_row(6).inherent, None);
    assert_eq!(by_row(6).category, "data_protection");
    assert_eq!(by_row(8).inherent, None);
    assert_eq!(by_row(8).title, "Exit-Kosten unklar");
    assert_eq!(
        by_row(7).treatment,
        Some(partner_risk_core::model::Treatment::Transfer)
    );

    // The user moves "Bemerkungen" to the cause; the import creates the category.
    let mut mapping = plan.mapping.clone();
    mapping.columns[8].target = ColumnTarget::Cause;
    let table = read_table(&path, &ReadOptions::default()).unwrap();
    let chosen = store
        .plan_import(&p, "risiken.ods", &table, Some(mapping), None, None)
        .unwrap();
    let outcome = store.apply_import(&chosen, false).unwrap();
    assert_eq!((outcome.created, outcome.categories_created), (5, 1));
    let supply = store
        .categories()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Lieferkette")
        .unwrap();
    assert!(store
        .risks(&p)
        .unwrap()
        .iter()
        .any(|r| r.fields.category == supply.code && r.fields.cause == "zweiter Standort"));

    // Next quarter's file, same columns, another workspace partnership: read as chosen.
    let next = store
        .create_partnership(PartnershipFields::new("Acme Q2"), "5x5")
        .unwrap();
    let mut q2: Vec<&[&str]> = rows.to_vec();
    q2[0] = &[
        "Risikoregister Lieferant Q2",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    let path = write(&dir.path().join("risiken-q2.ods"), &ods(&q2));
    let again = self::plan(&store, &next.id, &path);
    assert_eq!(again.mapping.columns[8].target, ColumnTarget::Cause);
    assert!(
        again.mapping.new_categories.is_empty(),
        "the category exists now"
    );
    assert!(again.warnings.iter().any(|w| w
        .message
        .contains("the mapping chosen when a file with these columns was last imported")));
    assert_eq!(
        again
            .rows
            .iter()
            .find(|r| r.row == 7)
            .unwrap()
            .fields
            .category,
        supply.code
    );
}

/// A workbook with a page of instructions first, a title row, and a header over two rows
/// whose upper labels say which assessment the scores below them belong to, the residual
/// before the inherent.
#[test]
fn a_header_over_two_rows_names_the_assessment_above_its_scores() {
    let dir = tempfile::tempdir().unwrap();
    let (_d, store, p) = store_with("5x5");
    let path = dir.path().join("two-rows.xlsx");
    let mut book = Workbook::new();
    let help = book.add_worksheet().set_name("Read me").unwrap();
    help.write_string(0, 0, "How to use this register").unwrap();
    help.write_string(1, 0, "Score each risk from 1 to 5")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Register").unwrap();
    sheet
        .write_string(0, 0, "Supplier risk register 2026")
        .unwrap();
    for (c, h) in [
        "ID",
        "Risk",
        "Owner",
        "Residual risk",
        "",
        "",
        "Inherent risk",
    ]
    .iter()
    .enumerate()
    {
        if !h.is_empty() {
            sheet.write_string(2, c as u16, *h).unwrap();
        }
    }
    for (c, h) in [
        "Likelihood",
        "Impact",
        "Score",
        "Likelihood",
        "Impact",
        "Score",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(3, 3 + c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, [f64; 6]); 2] = [
        ("R1", "Cloud outage", "Ops", [2.0, 3.0, 6.0, 4.0, 5.0, 20.0]),
        ("R2", "Data leak", "CISO", [1.0, 4.0, 4.0, 3.0, 5.0, 15.0]),
    ];
    for (r, (id, title, owner, scores)) in rows.iter().enumerate() {
        let r = 4 + r as u32;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, *title).unwrap();
        sheet.write_string(r, 2, *owner).unwrap();
        for (c, n) in scores.iter().enumerate() {
            sheet.write_number(r, 3 + c as u16, *n).unwrap();
        }
    }
    book.save(&path).unwrap();
    let plan = plan(&store, &p, &path);
    assert_eq!(plan.source.sheet.as_deref(), Some("Register"));
    assert_eq!(plan.mapping.header_row, 3);
    use ColumnTarget::*;
    let targets: Vec<ColumnTarget> = plan.mapping.columns.iter().map(|c| c.target).collect();
    assert_eq!(
        targets,
        [
            Reference,
            Title,
            Owner,
            ResidualLikelihood,
            ResidualImpact,
            Skip,
            InherentLikelihood,
            InherentImpact,
            Skip
        ]
    );
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.rows[0].fields.inherent, Some(Score::new(4, 5)));
    assert_eq!(plan.rows[0].fields.residual, Some(Score::new(2, 3)));
}

#[path = "import/realdata.rs"]
mod realdata;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Random and mutated input for the readers, the dry run and the JSON import: each
/// gives a result or an error, never a panic, and a row the dry run calls valid is
/// always written. `make test` runs a few cases; `scripts/fuzz-import.sh` runs many.
mod fuzz {
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
        static STORE: OnceLock<std::sync::Mutex<(tempfile::TempDir, Store, String)>> =
            OnceLock::new();
        STORE.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut store =
                Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
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
            if let Ok(plan) = store.plan_import(partnership, "fuzz.csv", &table, None, None, None) {
                let file_problem = plan.problems.iter().any(|p| p.row.is_none());
                let outcome = store.apply_import(&plan, true);
                prop_assert_eq!(outcome.is_ok(), !file_problem, "{:?}", outcome);
            }
        }

        #[test]
        fn mutated_partnership_documents_are_imported_or_refused(edits in edits()) {
            let mut guard = store().lock().unwrap();
            let (_, store, partnership) = &mut *guard;
            let json = document_json(&store.export_partnership(partnership).unwrap());
            let mutated = mutate(json.into_bytes(), &edits);
            if let Ok(text) = String::from_utf8(mutated) {
                if let Ok(doc) = parse_document(&text) {
                    let _ = store.import_partnership(doc);
                }
            }
        }
    }
}
