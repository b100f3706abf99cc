//! CISO Assistant risk-matrix libraries imported: the 5×5 library cell by cell, a 3×4
//! matrix keeping its shape, review days and appetite derived from the levels, and an
//! import that is all or nothing.

use partner_risk_core::matrix::ciso_assistant::{review_days_for, within_appetite_for};
use partner_risk_core::matrix::{parse_ciso_assistant, preset, AxisLevel, Score, MAX_LEVELS};

use crate::support::{ciso_3x4_with, temp_store, CISO_3X4};

/// A library in the shape CISO Assistant publishes, with the keys an import ignores
/// (locale, version, abbreviations, ids, translations), block and flow grid rows, and
/// colours in every accepted spelling.
const CISO_5X5: &str = r##"
urn: urn:example:risk:library:example-5x5
locale: en
ref_id: example-5x5
name: Example risk matrices
description: An invented library used to test the import.
copyright: nobody
version: 1
provider: Example Ltd
packager: example
objects:
  risk_matrix:
  - urn: urn:example:risk:matrix:example-5x5
    ref_id: example-5x5
    name: Example 5x5 matrix
    description: |
      Five probability levels against five impact levels,
      for the supplier reviews of an invented company.
    probability:
    - id: 0
      abbreviation: VU
      name: Very unlikely
      description: Not expected within five years.
      hexcolor: '#E0F2F1'
    - id: 1
      abbreviation: U
      name: Unlikely
      description: Could happen once in five years.
      hexcolor: '#B2DFDB'
    - id: 2
      abbreviation: P
      name: Possible
      description: About once in two years.
      hexcolor: '#80CBC4'
    - id: 3
      abbreviation: L
      name: Likely
      description: About once a year.
      hexcolor: '#4DB6AC'
    - id: 4
      abbreviation: VL
      name: Very likely
      description: Several times a year.
      hexcolor: '#26A69A'
    impact:
    - abbreviation: N
      name: Negligible
      description: No one outside the team notices.
      hexcolor: '#FFF'
    - abbreviation: Mi
      name: Minor
      description: A customer notices; fixed within a week.
    - abbreviation: Mo
      name: Moderate
      description: Several customers affected; management is told.
      hexcolor: '#ffe0b2'
    - abbreviation: Ma
      name: Major
      description: A regulator or the press takes notice.
      hexcolor: '#FFB74D'
    - abbreviation: S
      name: Severe
      description: The business itself is at stake.
      hexcolor: '#F57C00'
      translations:
        fr:
          name: Sévère
    risk:
    - abbreviation: VL
      name: Very low
      description: Accept.
      hexcolor: '#2e7d32'
    - abbreviation: L
      name: Low
      description: Accept and watch.
      hexcolor: '#7CB342'
    - abbreviation: M
      name: Medium
      description: Reduce where it pays.
      hexcolor: '#FC3'
    - abbreviation: H
      name: High
      description: Reduce now.
      hexcolor: ' #F57C00 '
    - abbreviation: VH
      name: Very high
      description: Stop and escalate.
      hexcolor: '#C62828'
    grid:
    - - 0
      - 0
      - 1
      - 1
      - 2
    - [0, 1, 1, 2, 3]
    - [1, 1, 2, 3, 3]
    - [1, 2, 3, 3, 4]
    - [2, 3, 3, 4, 4]
"##;

#[test]
fn ciso_assistant_5x5_library_is_imported_cell_by_cell() {
    let (_dir, mut store) = temp_store();
    let before = store.matrices().unwrap().len();
    let imported = store.import_ciso_matrices(CISO_5X5).unwrap();
    // Every colour is written in a spelling read without comment; axis colours are not kept.
    assert_eq!(imported.notes, []);
    assert_eq!(imported.matrices.len(), 1);
    let m = &imported.matrices[0];
    assert_eq!(m.name, "Example 5x5 matrix");
    assert_eq!(
        m.description,
        "Five probability levels against five impact levels,\nfor the supplier reviews of an invented company."
    );
    assert_eq!(m.preset, None);
    assert_eq!(m.size(), (5, 5));
    let labels = |axis: &[AxisLevel]| axis.iter().map(|l| l.label.clone()).collect::<Vec<_>>();
    assert_eq!(
        labels(&m.likelihood),
        [
            "Very unlikely",
            "Unlikely",
            "Possible",
            "Likely",
            "Very likely"
        ]
    );
    assert_eq!(
        labels(&m.impact),
        ["Negligible", "Minor", "Moderate", "Major", "Severe"]
    );
    assert_eq!(m.likelihood[2].description, "About once in two years.");
    assert_eq!(m.impact[4].description, "The business itself is at stake.");
    assert!(m.likelihood.iter().all(|l| l.range.is_none()));
    let levels: Vec<(&str, &str, &str, u32, bool)> = m
        .levels
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                l.description.as_str(),
                l.colour.as_str(),
                l.review_days,
                l.within_appetite,
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("Very low", "Accept.", "#2E7D32", 365, true),
            ("Low", "Accept and watch.", "#7CB342", 180, true),
            ("Medium", "Reduce where it pays.", "#FFCC33", 90, false),
            ("High", "Reduce now.", "#F57C00", 60, false),
            ("Very high", "Stop and escalate.", "#C62828", 30, false),
        ]
    );
    // grid[p][i], probability rows lowest first, exactly as in the library.
    let expected: [[u8; 5]; 5] = [
        [0, 0, 1, 1, 2],
        [0, 1, 1, 2, 3],
        [1, 1, 2, 3, 3],
        [1, 2, 3, 3, 4],
        [2, 3, 3, 4, 4],
    ];
    for (p, row) in expected.iter().enumerate() {
        for (i, &cell) in row.iter().enumerate() {
            let score = Score::new(p as u8 + 1, i as u8 + 1);
            assert_eq!(
                m.level_index(score),
                Some(usize::from(cell)),
                "cell {score}"
            );
        }
    }
    assert!(m.check().warnings.is_empty(), "{:?}", m.check().warnings);

    // Stored as a custom matrix with a fresh id, read back the same, with an audit row.
    assert!(!m.id.is_empty() && !m.id.starts_with("preset-"));
    assert_eq!(store.matrices().unwrap().len(), before + 1);
    assert_eq!(&store.matrix(&m.id).unwrap(), m);
    assert_eq!(&store.find_matrix("example 5x5 matrix").unwrap(), m);
    let history = store.history(&m.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].context.as_deref(),
        Some("CISO Assistant library import")
    );

    // The same library again clashes by name and adds nothing.
    let e = store.import_ciso_matrices(CISO_5X5).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(e.field(), Some("risk_matrix[0].name"));
    assert_eq!(store.matrices().unwrap().len(), before + 1);
}

#[test]
fn ciso_assistant_3x4_matrix_keeps_its_shape() {
    let matrices = parse_ciso_assistant(CISO_3X4).unwrap().matrices;
    assert_eq!(matrices.len(), 2);
    let m = &matrices[0];
    assert_eq!(m.size(), (3, 4));
    assert_eq!(m.impact[3].label, "Critical");
    assert_eq!(
        m.grid,
        vec![vec![0, 0, 1, 1], vec![0, 1, 1, 2], vec![1, 1, 2, 2]]
    );
    assert_eq!(m.level(Score::new(3, 4)).unwrap().name, "Unacceptable");
    assert_eq!(m.level(Score::new(1, 4)).unwrap().name, "Tolerable");
    assert_eq!(
        m.levels
            .iter()
            .map(|l| (l.review_days, l.within_appetite))
            .collect::<Vec<_>>(),
        [(365, true), (180, false), (30, false)]
    );
    let small = &matrices[1];
    assert_eq!(small.size(), (2, 2));
    assert_eq!(small.description, "");
    assert_eq!(small.levels[0].colour, "#00AA00");
    assert_eq!(small.levels[1].colour, "#AA0000");
    assert_ne!(m.id, small.id);
    for m in &matrices {
        m.validate().unwrap();
    }
}

#[test]
fn ciso_assistant_review_days_fall_and_appetite_covers_the_lower_half() {
    for n in 2..=MAX_LEVELS {
        let days: Vec<u32> = (0..n).map(|k| review_days_for(k, n)).collect();
        assert_eq!((days[0], days[n - 1]), (365, 30), "{n} levels");
        assert!(days.windows(2).all(|w| w[0] > w[1]), "{days:?}");
        let within: Vec<bool> = (0..n).map(|k| within_appetite_for(k, n)).collect();
        assert_eq!(within.iter().filter(|w| **w).count(), n / 2, "{within:?}");
        assert!(within[0] && !within[n - 1]);
    }
}

#[test]
fn ciso_assistant_import_is_all_or_nothing() {
    let (_dir, mut store) = temp_store();
    let mut taken = preset("4x4").unwrap();
    taken.id = "taken".into();
    taken.preset = None;
    taken.name = "EXAMPLE 2X2 MATRIX".into();
    store.create_matrix(taken).unwrap();
    let before = store.matrices().unwrap();

    // The second matrix clashes with the workspace: the first is not written either.
    let e = store.import_ciso_matrices(CISO_3X4).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(e.field(), Some("risk_matrix[1].name"));
    assert!(e.to_string().contains("EXAMPLE 2X2 MATRIX"), "{e}");
    // So does a broken second matrix.
    let broken = ciso_3x4_with("grid: [[0, 0], [0, 1]]", "grid: [[0, 0], [0, 2]]");
    let e = store.import_ciso_matrices(&broken).unwrap_err();
    assert_eq!(e.field(), Some("risk_matrix[1].grid[1][1]"), "{e}");
    assert_eq!(store.matrices().unwrap(), before);

    // A preset's name clashes too.
    let renamed = ciso_3x4_with("name: Example 2x2 matrix", "name: Standard 5×5");
    let e = store.import_ciso_matrices(&renamed).unwrap_err();
    assert_eq!(e.field(), Some("risk_matrix[1].name"), "{e}");
    assert_eq!(store.matrices().unwrap(), before);

    store.delete_matrix("taken").unwrap();
    let imported = store.import_ciso_matrices(CISO_3X4).unwrap();
    assert_eq!(imported.matrices.len(), 2);
    for m in &imported.matrices {
        assert_eq!(&store.matrix(&m.id).unwrap(), m);
    }
}
