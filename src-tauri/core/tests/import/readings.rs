//! Readings of health indicators from CSV and XLSX: long and wide tables, the dry run's
//! per-row problems for every kind of bad row, a replacement only when chosen, and the
//! import written in one audited transaction or not at all.

use chrono::NaiveDate;
use partner_risk_core::health::library;
use partner_risk_core::spreadsheet::import::readings::{
    apply_readings, plan_readings, ColumnChoice, ColumnMeaning, ReadingsLayout, ReadingsOptions,
    ReadingsPlan,
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
    assert_eq!(found[0], "column \"Uptime\": no indicator of the partnership has this name (add it, or choose what the column holds)");
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

fn choice(column: u32, taken_as: ColumnMeaning, indicator_id: Option<&str>) -> ColumnChoice {
    ColumnChoice {
        column,
        taken_as,
        indicator_id: indicator_id.map(str::to_string),
    }
}

#[test]
fn a_german_headed_long_file_imports_through_a_mapping() {
    let (_dir, mut store, p) = with_indicators();
    let csv = "Kennzahl;Stichtag;Wert;Bemerkung\n\
               Availability;30.09.2026;99,95;\n\
               Incidents;31.10.2026;2;zwei Störungen\n";
    // By the header words nothing is found: no date column.
    let auto = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    assert_eq!(auto.layout, None);
    assert!(
        problems(&auto)[0].starts_with("no date column"),
        "{:?}",
        problems(&auto)
    );
    let headers: Vec<&str> = auto.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(headers, ["Kennzahl", "Stichtag", "Wert", "Bemerkung"]);
    assert!(auto
        .columns
        .iter()
        .all(|c| c.taken_as == ColumnMeaning::Ignored));

    let options = ReadingsOptions {
        mapping: Some(vec![
            choice(0, ColumnMeaning::Indicator, None),
            choice(1, ColumnMeaning::Date, None),
            choice(2, ColumnMeaning::Value, None),
            choice(3, ColumnMeaning::Note, None),
        ]),
        ..Default::default()
    };
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &options);
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.layout, Some(ReadingsLayout::Long));
    let taken: Vec<(u32, &str, ColumnMeaning)> = plan
        .columns
        .iter()
        .map(|c| (c.column, c.header.as_str(), c.taken_as))
        .collect();
    assert_eq!(
        taken,
        [
            (0, "Kennzahl", ColumnMeaning::Indicator),
            (1, "Stichtag", ColumnMeaning::Date),
            (2, "Wert", ColumnMeaning::Value),
            (3, "Bemerkung", ColumnMeaning::Note),
        ]
    );
    assert_eq!(plan.readings.len(), 2);
    assert_eq!(plan.readings[0].value, 99.95);
    assert_eq!(
        plan.readings[1].date,
        NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
    );
    assert_eq!(plan.readings[1].note, "zwei Störungen");
    assert_eq!(apply_readings(&mut store, &plan, today()).unwrap().added, 2);

    // Per-row problems name the file's own headers.
    let bad = "Kennzahl;Stichtag;Wert\nAvailability;31.10.2026;viel\n";
    let plan = plan_bytes(&store, &p, bad.as_bytes(), &options_without_note(&options));
    assert_eq!(
        problems(&plan),
        ["row 2, column \"Wert\": \"viel\" is not a number"]
    );

    // A mapping missing the value, or with two dates, is a problem about the file.
    let options = ReadingsOptions {
        mapping: Some(vec![
            choice(0, ColumnMeaning::Indicator, None),
            choice(1, ColumnMeaning::Date, None),
            choice(2, ColumnMeaning::Date, None),
        ]),
        ..Default::default()
    };
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &options);
    assert_eq!(
        problems(&plan),
        [
            "2 columns are taken as the date: \"Stichtag\", \"Wert\"; choose one",
            "no column is taken as the value",
        ]
    );
    assert!(plan.readings.is_empty());
}

fn options_without_note(options: &ReadingsOptions) -> ReadingsOptions {
    let mut o = options.clone();
    o.mapping.as_mut().unwrap().retain(|c| c.column < 3);
    o
}

#[test]
fn a_wide_file_whose_headers_differ_from_the_indicator_names() {
    let (_dir, mut store, p) = with_indicators();
    let ids: Vec<String> = store
        .indicators(&p)
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    let csv = "Month end,Uptime (monthly),Tickets P1,Owner\n\
               2026-09-30,99.9,1,Ana\n\
               2026-10-31,,3,Ana\n";
    let auto = plan_bytes(&store, &p, csv.as_bytes(), &ReadingsOptions::default());
    assert_eq!(auto.columns.len(), 4);
    assert!(!auto.problems.is_empty());

    let options = ReadingsOptions {
        mapping: Some(vec![
            choice(0, ColumnMeaning::Date, None),
            choice(1, ColumnMeaning::Readings, Some(&ids[0])),
            choice(2, ColumnMeaning::Readings, Some(&ids[1])),
        ]),
        ..Default::default()
    };
    let plan = plan_bytes(&store, &p, csv.as_bytes(), &options);
    assert!(plan.problems.is_empty(), "{:?}", problems(&plan));
    assert_eq!(plan.layout, Some(ReadingsLayout::Wide));
    assert_eq!(plan.columns[1].indicator.as_deref(), Some("Availability"));
    assert_eq!(
        plan.columns[1].indicator_id.as_deref(),
        Some(ids[0].as_str())
    );
    assert_eq!(plan.columns[3].taken_as, ColumnMeaning::Ignored);
    let got: Vec<(&str, f64)> = plan
        .readings
        .iter()
        .map(|r| (r.indicator.as_str(), r.value))
        .collect();
    assert_eq!(
        got,
        [
            ("Availability", 99.9),
            ("Incidents", 1.0),
            ("Incidents", 3.0)
        ]
    );
    assert_eq!(apply_readings(&mut store, &plan, today()).unwrap().added, 3);

    // A column that is not there, or an indicator of another partnership: refused.
    let refuse = |mapping: Vec<ColumnChoice>| {
        let table = read_table_bytes(csv.as_bytes(), &ReadOptions::default()).unwrap();
        let options = ReadingsOptions {
            mapping: Some(mapping),
            ..Default::default()
        };
        plan_readings(&store, &p, "readings.csv", &table, &options, today()).unwrap_err()
    };
    let e = refuse(vec![choice(7, ColumnMeaning::Date, None)]);
    match &e {
        partner_risk_core::Error::Invalid {
            field,
            value,
            message,
        } => {
            assert_eq!((field.as_str(), value.as_str()), ("mapping.column", "7"));
            assert_eq!(message, "the file has 4 columns (numbered from 0 to 3)");
        }
        other => panic!("{other}"),
    }
    let e = refuse(vec![
        choice(0, ColumnMeaning::Date, None),
        choice(1, ColumnMeaning::Readings, Some("ind-elsewhere")),
    ]);
    match &e {
        partner_risk_core::Error::Invalid { field, value, .. } => {
            assert_eq!(
                (field.as_str(), value.as_str()),
                ("mapping.indicator_id", "ind-elsewhere")
            );
        }
        other => panic!("{other}"),
    }
}
