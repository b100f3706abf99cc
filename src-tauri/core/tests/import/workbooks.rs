//! Workbooks as Excel users make them: a messy one read with its sheet, header, scores,
//! dates and errors by row; a header over two rows naming the assessment above its scores;
//! and our own XLSX and CSV export coming back the same.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskStatus};
use partner_risk_core::spreadsheet::import::{read_table, ColumnTarget, ReadOptions};
use partner_risk_core::store::{backups, BackupReason};
use partner_risk_core::{OpenMode, Store};
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;

use crate::support::{date, plan, problems, store_with};

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
    let err = partner_risk_core::spreadsheet::import::apply_import(&mut store, &plan, false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("1 of 5 rows have problems") && err.contains("nothing was imported"),
        "{err}"
    );
    assert_eq!(store.risks(&p).unwrap().len(), 0);

    // Only the valid rows, audited as imported from the file.
    assert!(backups::list(&workspace).unwrap().is_empty());
    let outcome =
        partner_risk_core::spreadsheet::import::apply_import(&mut store, &plan, true).unwrap();
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
    let edited = partner_risk_core::spreadsheet::import::plan_import(
        &store,
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
    assert_eq!(
        partner_risk_core::spreadsheet::import::apply_import(&mut store, &edited, false)
            .unwrap()
            .created,
        1
    );
    assert_eq!(store.risks(&p).unwrap().len(), 5);

    // A mapping that names a position the matrix does not have is refused by name.
    let bad = mapping
        .values
        .iter_mut()
        .find(|v| v.header == "Probability (1-5)")
        .unwrap();
    bad.entries[0].to = Some("9".into());
    let err = partner_risk_core::spreadsheet::import::plan_import(
        &store,
        &p,
        "register.xlsx",
        &table,
        Some(mapping),
        None,
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("values[\"Probability (1-5)\"]")
            && err.contains("is not a value this column can take"),
        "{err}"
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
            "xlsx" => {
                partner_risk_core::spreadsheet::export_xlsx_to_file(&store, &demo.id, today, &path)
                    .unwrap()
            }
            _ => partner_risk_core::spreadsheet::export_csv_to_file(&store, &demo.id, today, &path)
                .unwrap(),
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
        partner_risk_core::spreadsheet::import::apply_import(&mut store, &plan, false).unwrap();
        let copied = store.risks(&copy.id).unwrap();
        let fields = |risks: &[partner_risk_core::model::Risk]| {
            let mut all: Vec<_> = risks.iter().map(|r| r.fields.clone()).collect();
            all.sort_by(|a, b| a.title.cmp(&b.title));
            all
        };
        assert_eq!(fields(&copied), fields(&original), "{format}");
    }
}
