//! An OpenDocument register in German, read with its mapping, and the mapping remembered
//! for the next file.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskStatus};
use partner_risk_core::spreadsheet::import::{read_table, ColumnTarget, ReadOptions};
use std::io::Write;

use crate::support::{plan, problems, store_with, write};

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
    let chosen = partner_risk_core::spreadsheet::import::plan_import(
        &store,
        &p,
        "risiken.ods",
        &table,
        Some(mapping),
        None,
        None,
    )
    .unwrap();
    let outcome =
        partner_risk_core::spreadsheet::import::apply_import(&mut store, &chosen, false).unwrap();
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
