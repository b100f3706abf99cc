//! Text registers: one register in words, written as different programs save text tables
//! (every encoding and separator), read back the same.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::Treatment;
use partner_risk_core::spreadsheet::import::{
    read_table, ColumnTarget, DateOrder, ReadOptions, TextEncoding,
};

use crate::support::{date, plan, problems, store_with, write};

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
        assert!(!plan.date_order_unclear, "{path:?}");
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
    assert!(asked.date_order_unclear, "the window asks for the order");
    let table = read_table(&path, &ReadOptions::default()).unwrap();
    let told = partner_risk_core::spreadsheet::import::plan_import(
        &store,
        &p,
        "ambiguous.csv",
        &table,
        None,
        None,
        Some(DateOrder::Mdy),
    )
    .unwrap();
    assert!(told.problems.is_empty());
    assert!(!told.date_order_unclear);
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
    let wrong = partner_risk_core::spreadsheet::import::plan_import(
        &store, &p, "b.csv", &table, None, None, None,
    )
    .unwrap();
    assert_eq!(
        problems(&wrong),
        ["no row among the first 20 looks like a header with a title or likelihood column; choose the header row"]
    );
    assert_eq!(
        (wrong.counts.rows, wrong.counts.invalid, wrong.rows.len()),
        (3, 3, 0)
    );
    assert!(
        partner_risk_core::spreadsheet::import::apply_import(&mut store, &wrong, true)
            .unwrap_err()
            .to_string()
            .contains("nothing was imported")
    );
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
    let titled = partner_risk_core::spreadsheet::import::plan_import(
        &store,
        &p,
        "thing.csv",
        &table,
        Some(mapping),
        None,
        None,
    )
    .unwrap();
    assert!(titled.problems.is_empty());
    assert_eq!(titled.rows[0].fields.inherent, Some(Score::new(2, 3)));
}
