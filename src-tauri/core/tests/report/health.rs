//! The workbook's Health and Readings sheets: absent without indicators; with them, every
//! indicator with its status and reason and the risks it informs, and every reading with
//! the replaced ones marked.

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use partner_risk_core::health::{library, ReadingFields};
use partner_risk_core::model::{PartnershipFields, RiskFields};

use crate::support::{temp_store, today};

#[test]
fn the_workbook_gains_health_and_readings_sheets() {
    let (_dir, mut store) = temp_store();
    let p = store
        .create_partnership(PartnershipFields::new("Healthy"), "5x5")
        .unwrap();
    let bytes = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    let book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert!(!book.sheet_names().contains(&"Health".to_string()));

    let risk = store
        .add_risk(&p.id, RiskFields::new("technical", "Outage"))
        .unwrap();
    let mut fields = library::find("availability").unwrap().fields;
    fields.risk_ids = vec![risk.id.clone()];
    let a = store.add_indicator(&p.id, fields).unwrap();
    store
        .add_indicator(&p.id, library::find("incidents").unwrap().fields)
        .unwrap();
    let day = today() - chrono::Duration::days(3);
    let reading = |value: f64, note: &str| ReadingFields {
        date: day,
        value,
        note: note.into(),
    };
    store
        .add_reading(&a.id, reading(99.9, "=cmd()"), false, today())
        .unwrap();
    store
        .add_reading(&a.id, reading(98.7, ""), true, today())
        .unwrap();

    let bytes = partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap();
    // Percentages keep the stored number (98.7, read back as such) and show as "98.7 %":
    // a custom format with a literal percent sign, not a fraction cell.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"formatCode="0.0## \%""#), "{styles}");
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let at = names
        .iter()
        .position(|n| n == "Health")
        .expect("a Health sheet");
    assert_eq!(names[at + 1], "Readings");
    let rows = |book: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        book.worksheet_range(name)
            .unwrap()
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let health = rows(&mut book, "Health");
    assert_eq!(health[0][0], "Health — Healthy");
    let availability = health.iter().find(|r| r[0] == "Availability").unwrap();
    assert_eq!(availability[9], "red");
    assert_eq!(availability[10], "98.7");
    assert!(availability[13].starts_with("Availability 98.7 % is below the red threshold"));
    assert_eq!(availability[14], "TEC-001");
    let incidents = health.iter().find(|r| r[0] == "Incidents").unwrap();
    assert_eq!(incidents[9], "no data");
    let readings = rows(&mut book, "Readings");
    assert_eq!(readings.len(), 3);
    assert_eq!(readings[1][2], "99.9");
    // A note that looks like a formula stays text.
    assert_eq!(readings[1][3], "=cmd()");
    assert_eq!(readings[1][6], "yes");
    assert_eq!(readings[2][2], "98.7");
    assert_eq!(readings[2][6], "");
}

#[test]
fn the_partnership_report_has_an_optional_health_section() {
    use crate::support::{demo_on, export, Pdf};
    use partner_risk_core::report::{PdfOptions, Section};
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let all = PdfOptions::default();
    assert!(Section::ALL.contains(&Section::Health));
    // Without indicators the section is left out of a full report.
    assert!(!Pdf::read(&export(&store, &p, &all)).has("indicators on"));

    let risk = store.find_risk(&p.id, "TEC-002").unwrap();
    let mut fields = library::find("availability").unwrap().fields;
    fields.risk_ids = vec![risk.id];
    let a = store.add_indicator(&p.id, fields).unwrap();
    store
        .add_indicator(&p.id, library::find("incidents").unwrap().fields)
        .unwrap();
    let readings = (0..40)
        .map(|n| {
            let fields = ReadingFields {
                date: today() - chrono::Duration::days(n),
                value: if n == 0 { 98.7 } else { 99.95 },
                note: String::new(),
            };
            (a.id.clone(), fields)
        })
        .collect();
    store.add_readings(&p.id, readings, false, today()).unwrap();

    let only = PdfOptions {
        sections: vec![Section::Health],
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&store, &p, &only));
    assert!(pdf.has("2 indicators on"), "{}", pdf.all());
    assert!(pdf.has("1 red, 0 amber, 0 stale, 0 green, 1 without readings"));
    assert!(pdf.has("Availability 98.7 % is below the red threshold 99.0 % since"));
    assert!(pdf.has("99.5 % / 99.0 %"));
    assert!(pdf.has("TEC-002"));
    assert!(!pdf.has("Requirements and controls"));
    // Left out when not chosen.
    let without = PdfOptions {
        sections: Section::ALL
            .into_iter()
            .filter(|s| *s != Section::Health)
            .collect(),
        ..PdfOptions::default()
    };
    assert!(!Pdf::read(&export(&store, &p, &without)).has("indicators on"));
    assert_eq!(
        Section::parse("health", "sections").unwrap(),
        Section::Health
    );
}
