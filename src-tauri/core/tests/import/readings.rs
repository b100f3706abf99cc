//! Readings of health indicators from CSV and XLSX: long and wide tables, the dry run's
//! per-row problems for every kind of bad row, a replacement only when chosen, and the
//! import written in one audited transaction or not at all.

use chrono::NaiveDate;
use partner_risk_core::health::library;
use partner_risk_core::spreadsheet::import::readings::{
    apply_readings, plan_readings, ReadingsLayout, ReadingsOptions, ReadingsPlan,
};
use partner_risk_core::spreadsheet::import::DateOrder;
use partner_risk_core::spreadsheet::import::{read_table_bytes, ReadOptions};
use partner_risk_core::Store;

use crate::support::store_with;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn with_indicators() -> (tempfile::TempDir, Store, String) {
    let (dir, mut store, p) = store_with("5x5");
    for key in ["availability", "incidents", "p95_response_ms"] {
        store
            .add_indicator(&p, library::find(key).unwrap().fields)
            .unwrap();
    }
    (dir, store, p)
}

fn plan_bytes(store: &Store, p: &str, bytes: &[u8], options: &ReadingsOptions) -> ReadingsPlan {
    let table = read_table_bytes(bytes, &ReadOptions::default()).unwrap();
    plan_readings(store, p, "readings.csv", &table, options, today()).unwrap()
}

fn problems(plan: &ReadingsPlan) -> Vec<String> {
    plan.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_long_table_is_planned_then_written_with_its_audit_rows() {
    let (_dir, mut store, p) = with_indicators();
    let csv = "indicator,date,value,note\n\
               Availability,2026-09-30,99.95,\n\
               availability,31/10/2026,\"98,7 %\",outage 3 Oct\n\
               Incidents,2026-10-31,2,\n";
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    assert_eq!(plan.layout, Some(ReadingsLayout::Long));
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.readings.len(), 3);
    assert_eq!(plan.readings[1].value, 98.7);
    assert_eq!(
        plan.readings[1].date,
        NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
    );
    assert_eq!(plan.readings[1].note, "outage 3 Oct");
    let added = apply_readings(&mut store, &plan, today()).unwrap();
    assert_eq!((added.added, added.replaced), (3, 0));
    let health = store.health(&p, today()).unwrap();
    assert_eq!(health[0].status.status.as_str(), "red");
    let rows = store.partnership_history(&p).unwrap();
    let imported = rows
        .iter()
        .filter(|e| e.context.as_deref() == Some("imported from readings.csv"))
        .count();
    assert_eq!(imported, 3);

    // The same file again: every row is a day that has a reading.
    let again = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    assert_eq!(again.problems.len(), 3, "{:?}", problems(&again));
    assert!(problems(&again)[0].contains("already has a reading on 2026-09-30"));
    let e = apply_readings(&mut store, &again, today()).unwrap_err();
    assert!(e.to_string().contains("nothing was imported"), "{e}");
    // … unless replacing is chosen.
    let replace = ReadingsOptions {
        replace: true,
        ..Default::default()
    };
    let again = plan_bytes(&store, &p, csv.as_bytes(), &replace);
    assert!(again.problems.is_empty());
    assert_eq!(again.replacing(), 3);
    let added = apply_readings(&mut store, &again, today()).unwrap();
    assert_eq!((added.added, added.replaced), (3, 3));
    let id = &health[0].indicator.id;
    assert_eq!(store.readings(id, true).unwrap().len(), 4);
}

#[test]
fn every_kind_of_bad_row_is_named_by_row_and_column() {
    let (_dir, mut store, p) = with_indicators();
    let csv = "Indicator;Date;Value\n\
               Availability;2026-09-30;101\n\
               Uptime;2026-09-30;99.9\n\
               Incidents;2026-09-30;-1\n\
               Incidents;2026-10-31;1.5\n\
               p95 response time;2026-09-30;fast\n\
               p95 response time;2027-01-01;250\n\
               p95 response time;;250\n\
               p95 response time;1989-12-31;250\n\
               p95 response time;not a date;250\n\
               Availability;2026-10-31;\n\
               Availability;2026-11-30;99.9\n\
               availability;2026-11-30;99.8\n\
               ;2026-11-30;99.8\n";
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    let found = problems(&plan);
    let expect = [
        "row 2, column \"Value\": 101: a percentage must be between 0 and 100",
        "row 3, column \"Indicator\": no indicator of the partnership is named \"Uptime\"",
        "row 4, column \"Value\": -1: a count cannot be negative",
        "row 5, column \"Value\": 1.5: a count must be a whole number",
        "row 6, column \"Value\": \"fast\" is not a number",
        "row 7, column \"Date\": 2027-01-01: is in the future (today is 2026-12-01)",
        "row 8, column \"Date\": the date is missing",
        "row 9, column \"Date\": 1989-12-31: the year must be between 1990 and 2200",
        "row 10, column \"Date\": \"not a date\" is not a date",
        "row 11, column \"Value\": the value is missing",
        "row 13, column \"Value\": a second reading of Availability for 2026-11-30 (the first is on row 12)",
        "row 14, column \"Indicator\": the indicator is missing",
    ];
    assert_eq!(found, expect);
    assert_eq!(plan.readings.len(), 1);
    assert!(apply_readings(&mut store, &plan, today()).is_err());
    for h in store.health(&p, today()).unwrap() {
        assert!(store.readings(&h.indicator.id, true).unwrap().is_empty());
    }
}

#[test]
fn a_wide_table_has_a_date_column_and_a_column_per_indicator() {
    let (_dir, mut store, p) = with_indicators();
    let csv = "Date,Availability,INCIDENTS\n\
               03/04/2026,99.9,0\n\
               30/04/2026,99.2,\n\
               May 2026,,3\n";
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    assert_eq!(plan.layout, Some(ReadingsLayout::Wide));
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    // 30/04 tells the order: day-first, so 03/04 is 3 April.
    assert_eq!(
        plan.readings[0].date,
        NaiveDate::from_ymd_opt(2026, 4, 3).unwrap()
    );
    assert_eq!(plan.readings.len(), 4);
    assert_eq!(plan.warnings.len(), 1, "a month is read as its first day");
    assert_eq!(apply_readings(&mut store, &plan, today()).unwrap().added, 4);

    // Unknown columns and ambiguous dates are problems; a date order solves the latter.
    let csv = "Date,Availability,Uptime\n03/04/2026,99.9,1\n";
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    let found = problems(&plan);
    assert_eq!(found[0], "column \"Uptime\": no indicator of the partnership has this name (add it, or rename the column)");
    assert!(found[1].contains("day-first or month-first"), "{found:?}");
    let csv = "Date,Availability\n03/04/2026,99.9\n";
    let options = ReadingsOptions {
        date_order: Some(DateOrder::Mdy),
        ..Default::default()
    };
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &options);
    assert_eq!(
        plan.readings[0].date,
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    );
    let plan = plan_bytes(
        &store,
        &p,
        b"Indicator,Value\nAvailability,99\n",
        &Default::default(),
    );
    assert!(
        problems(&plan)[0].starts_with("no date column"),
        "{:?}",
        problems(&plan)
    );
}

#[test]
fn a_workbook_with_date_cells_and_a_title_row() {
    let (dir, mut store, p) = with_indicators();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("KRIs").unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(0, 0, "Monthly KRIs").unwrap();
    for (c, h) in ["Indicator", "Date", "Value", "Comment"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 31).unwrap();
    sheet.write_string(2, 0, "Availability").unwrap();
    sheet
        .write_datetime_with_format(2, 1, &d, &date_format)
        .unwrap();
    sheet.write_number(2, 2, 98.7).unwrap();
    sheet.write_string(2, 3, "storage outage").unwrap();
    sheet.write_string(3, 0, "p95 response time").unwrap();
    sheet
        .write_datetime_with_format(3, 1, &d, &date_format)
        .unwrap();
    sheet.write_number(3, 2, 420.0).unwrap();
    let path = dir.path().join("kris.xlsx");
    book.save(&path).unwrap();
    let table =
        partner_risk_core::spreadsheet::import::read_table(&path, &ReadOptions::default()).unwrap();
    let plan = plan_readings(
        &store,
        &p,
        "kris.xlsx",
        &table,
        &Default::default(),
        today(),
    )
    .unwrap();
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.readings.len(), 2);
    assert_eq!(plan.readings[0].row, 3);
    assert_eq!(plan.readings[0].note, "storage outage");
    apply_readings(&mut store, &plan, today()).unwrap();
    let reason = &store.health(&p, today()).unwrap()[0].status.reason;
    assert_eq!(
        reason,
        "Availability 98.7 % is below the red threshold 99.0 % since 31 Oct 2026"
    );
}
