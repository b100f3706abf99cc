//! Grid lookup, matrix validation, the consistency check, the rank mapping and the
//! import of CISO Assistant risk-matrix libraries.

use partner_risk_core::matrix::ciso_assistant::{
    review_days_for, within_appetite_for, MAX_CISO_MATRICES, MAX_CISO_YAML_BYTES,
};
use partner_risk_core::matrix::{
    map_rank, map_score, parse_ciso_assistant, preset, presets, AxisLevel, Matrix, MatrixWarning,
    RiskLevel, Score, MAX_AXIS, MAX_LEVELS,
};
use partner_risk_core::{Error, OpenMode, Store};
use proptest::prelude::*;

fn axis(n: usize) -> Vec<AxisLevel> {
    (1..=n)
        .map(|i| AxisLevel {
            label: format!("L{i}"),
            description: String::new(),
            range: None,
        })
        .collect()
}

fn levels(n: usize) -> Vec<RiskLevel> {
    (0..n)
        .map(|i| RiskLevel {
            name: format!("Level {i}"),
            description: String::new(),
            colour: "#336699".into(),
            review_days: 30,
            within_appetite: i == 0,
        })
        .collect()
}

fn matrix(grid: Vec<Vec<u8>>, level_count: usize) -> Matrix {
    Matrix {
        id: "m".into(),
        name: "Test".into(),
        description: String::new(),
        preset: None,
        likelihood: axis(grid.len()),
        impact: axis(grid[0].len()),
        levels: levels(level_count),
        grid,
    }
}

/// A grid of the given size with arbitrary level indexes below `level_count`.
fn any_grid() -> impl Strategy<Value = (Vec<Vec<u8>>, usize)> {
    (2usize..=7, 2usize..=7, 2usize..=7).prop_flat_map(|(l, i, n)| {
        (
            prop::collection::vec(prop::collection::vec(0..n as u8, i), l),
            Just(n),
        )
    })
}

/// A monotone grid: each cell is the maximum of its lower neighbours plus a step.
fn monotone_grid() -> impl Strategy<Value = (Vec<Vec<u8>>, usize)> {
    (2usize..=7, 2usize..=7, 2usize..=7).prop_flat_map(|(l, i, n)| {
        prop::collection::vec(prop::collection::vec(0u8..2, i), l).prop_map(move |steps| {
            let mut grid = vec![vec![0u8; i]; l];
            for a in 0..l {
                for b in 0..i {
                    let below = if a > 0 { grid[a - 1][b] } else { 0 };
                    let left = if b > 0 { grid[a][b - 1] } else { 0 };
                    grid[a][b] = (below.max(left) + steps[a][b]).min(n as u8 - 1);
                }
            }
            (grid, n)
        })
    })
}

proptest! {
    #[test]
    fn lookup_reads_the_grid_cell((grid, n) in any_grid()) {
        let m = matrix(grid.clone(), n);
        prop_assert!(m.validate().is_ok());
        for (l, row) in grid.iter().enumerate() {
            for (i, &cell) in row.iter().enumerate() {
                let score = Score::new(l as u8 + 1, i as u8 + 1);
                prop_assert_eq!(m.level_index(score), Some(usize::from(cell)));
                prop_assert!(m.check_score(score, "s").is_ok());
            }
        }
        let (lmax, imax) = m.size();
        prop_assert_eq!(m.level_index(Score::new(0, 1)), None);
        prop_assert_eq!(m.level_index(Score::new(lmax as u8 + 1, 1)), None);
        prop_assert_eq!(m.level_index(Score::new(1, imax as u8 + 1)), None);
        prop_assert!(m.check_score(Score::new(lmax as u8 + 1, 1), "residual").is_err());
    }

    #[test]
    fn monotone_grids_have_no_monotonicity_warning((grid, n) in monotone_grid()) {
        let check = matrix(grid, n).check();
        let broken = check.warnings.iter().any(|w| matches!(w, MatrixWarning::NotMonotonic { .. }));
        prop_assert!(!broken, "{:?}", check.warnings);
    }

    #[test]
    fn lowering_a_cell_below_its_neighbour_is_reported((grid, n) in monotone_grid(), pick in any::<prop::sample::Index>()) {
        // Find a cell above a non-zero lower neighbour and drop it to 0.
        let cells: Vec<(usize, usize)> = (0..grid.len())
            .flat_map(|l| (0..grid[0].len()).map(move |i| (l, i)))
            .filter(|&(l, i)| (l > 0 && grid[l - 1][i] > 0) || (i > 0 && grid[l][i - 1] > 0))
            .collect();
        prop_assume!(!cells.is_empty());
        let (l, i) = cells[pick.index(cells.len())];
        let mut broken = grid.clone();
        broken[l][i] = 0;
        let check = matrix(broken, n).check();
        let here = Score::new(l as u8 + 1, i as u8 + 1);
        let reported = check.warnings.iter().any(|w| matches!(w, MatrixWarning::NotMonotonic { cell, .. } if *cell == here));
        prop_assert!(reported, "{:?}", check.warnings);
    }

    #[test]
    fn distinct_levels_and_unused_levels_agree((grid, n) in any_grid()) {
        let check = matrix(grid.clone(), n).check();
        let used: std::collections::BTreeSet<u8> = grid.iter().flatten().copied().collect();
        prop_assert_eq!(check.distinct_levels, used.len());
        let unused = check.warnings.iter().filter(|w| matches!(w, MatrixWarning::UnusedLevel { .. })).count();
        prop_assert_eq!(unused, n - used.len());
    }

    #[test]
    fn rank_mapping_keeps_ends_order_and_range(from in 2usize..=7, to in 2usize..=7) {
        prop_assert_eq!(map_rank(1, from, to), 1);
        prop_assert_eq!(usize::from(map_rank(from as u8, from, to)), to);
        let mut last = 0;
        for k in 1..=from as u8 {
            let mapped = map_rank(k, from, to);
            prop_assert!(mapped >= last, "order kept");
            prop_assert!((1..=to as u8).contains(&mapped));
            last = mapped;
        }
        if from == to {
            for k in 1..=from as u8 {
                prop_assert_eq!(map_rank(k, from, to), k);
            }
        }
        // Growing then shrinking back returns to where it started.
        if to >= from {
            for k in 1..=from as u8 {
                prop_assert_eq!(map_rank(map_rank(k, from, to), to, from), k);
            }
        }
    }
}

#[test]
fn rank_mapping_spreads_by_position() {
    // 5 levels onto 3: 1→1, 2→2 (0.5 rounds up), 3→2, 4→3 (2.5 rounds up), 5→3.
    let mapped: Vec<u8> = (1..=5).map(|k| map_rank(k, 5, 3)).collect();
    assert_eq!(mapped, vec![1, 2, 2, 3, 3]);
    let mapped: Vec<u8> = (1..=3).map(|k| map_rank(k, 3, 7)).collect();
    assert_eq!(mapped, vec![1, 4, 7]);
}

#[test]
fn map_score_works_on_both_axes_independently() {
    let five = preset("5x5").unwrap();
    let mut seven_by_four = preset("5x5").unwrap();
    seven_by_four.likelihood = axis(7);
    seven_by_four.impact = axis(4);
    assert_eq!(
        map_score(Score::new(5, 5), &five, &seven_by_four),
        Score::new(7, 4)
    );
    assert_eq!(
        map_score(Score::new(3, 1), &five, &seven_by_four),
        Score::new(4, 1)
    );
}

#[test]
fn presets_are_valid_and_consistent() {
    let all = presets();
    assert_eq!(all.len(), 5);
    for m in &all {
        m.validate().unwrap_or_else(|e| panic!("{}: {e}", m.name));
        let check = m.check();
        assert!(
            check.warnings.is_empty(),
            "{}: {:?}",
            m.name,
            check.warnings
        );
        assert_eq!(check.distinct_levels, m.levels.len(), "{}", m.name);
        for level in m.likelihood.iter().chain(&m.impact) {
            assert!(
                !level.description.is_empty(),
                "{}: {} needs a description",
                m.name,
                level.label
            );
            assert!(
                level.range.is_some(),
                "{}: {} needs a range",
                m.name,
                level.label
            );
        }
    }
    let sizes: Vec<(usize, usize)> = all.iter().map(Matrix::size).collect();
    assert_eq!(sizes, vec![(3, 3), (4, 4), (5, 5), (6, 6), (5, 5)]);
}

#[test]
fn nist_table_i2_is_looked_up_not_multiplied() {
    let nist = preset("nist-800-30").unwrap();
    let name = |l, i| nist.level(Score::new(l, i)).unwrap().name.clone();
    // Table I-2, NIST SP 800-30 Rev. 1 (likelihood row, impact column).
    assert_eq!(name(5, 5), "Very High");
    assert_eq!(name(5, 1), "Very Low");
    assert_eq!(name(4, 4), "High");
    assert_eq!(name(3, 4), "Moderate");
    assert_eq!(name(3, 5), "High");
    assert_eq!(name(2, 5), "Moderate");
    assert_eq!(name(2, 2), "Low");
    assert_eq!(name(1, 4), "Low");
    assert_eq!(name(1, 3), "Very Low");
    // A product would rank (2,5) = 10 above (3,3) = 9; the table ranks both Moderate,
    // and (5,2) = 10 is only Low.
    assert_eq!(name(5, 2), "Low");
    assert_eq!(nist.likelihood[2].range.as_deref(), Some("21-79 (5)"));
}

#[test]
fn validation_names_the_field_at_fault() {
    let mut m = preset("4x4").unwrap();
    m.grid[2][3] = 9;
    let e = m.validate().unwrap_err();
    assert_eq!(e.field(), Some("grid[3][4]"));

    let mut m = preset("4x4").unwrap();
    m.likelihood = axis(8);
    assert_eq!(m.validate().unwrap_err().field(), Some("likelihood"));

    let mut m = preset("4x4").unwrap();
    m.likelihood = axis(1);
    assert_eq!(m.validate().unwrap_err().field(), Some("likelihood"));

    let mut m = preset("4x4").unwrap();
    m.levels[1].colour = "red".into();
    assert_eq!(m.validate().unwrap_err().field(), Some("levels[1].colour"));

    let mut m = preset("4x4").unwrap();
    m.levels[2].name = m.levels[0].name.clone();
    assert_eq!(m.validate().unwrap_err().field(), Some("levels[2].name"));

    let mut m = preset("4x4").unwrap();
    m.grid[1].pop();
    assert_eq!(m.validate().unwrap_err().field(), Some("grid[2]"));

    let m = preset("3x3").unwrap();
    let e = m.check_score(Score::new(2, 4), "target").unwrap_err();
    assert_eq!(e.field(), Some("target.impact"));
    assert!(e.to_string().contains("impact is 1 to 3"), "{e}");
}

#[test]
fn check_reports_unused_levels_and_reachable_count() {
    let m = matrix(vec![vec![0, 0], vec![0, 2]], 4);
    let check = m.check();
    assert_eq!(check.distinct_levels, 2);
    let unused: Vec<String> = check
        .warnings
        .iter()
        .filter_map(|w| match w {
            MatrixWarning::UnusedLevel { level } => Some(level.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(unused, vec!["Level 1", "Level 3"]);
}

#[test]
fn score_parsing() {
    assert_eq!(Score::parse("4,3", "x").unwrap(), Score::new(4, 3));
    assert_eq!(Score::parse(" 2 , 5 ", "x").unwrap(), Score::new(2, 5));
    for bad in ["4", "a,b", "4;3", "", "-1,2", "300,1"] {
        let e = Score::parse(bad, "inherent").unwrap_err();
        assert_eq!(e.field(), Some("inherent"), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------
// CISO Assistant risk-matrix libraries

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

/// Three probability levels against four impact levels, two matrices in one library.
const CISO_3X4: &str = r##"
urn: urn:example:risk:library:example-3x4
name: Example non-square matrices
objects:
  risk_matrix:
  - urn: urn:example:risk:matrix:example-3x4
    name: Example 3x4 matrix
    description: Three probabilities, four impacts.
    probability:
    - {abbreviation: L, name: Low, description: Rarely}
    - {abbreviation: M, name: Medium, description: Sometimes}
    - {abbreviation: H, name: High, description: Often}
    impact:
    - {abbreviation: '1', name: Limited, description: Small}
    - {abbreviation: '2', name: Significant, description: Noticeable}
    - {abbreviation: '3', name: Serious, description: Large}
    - {abbreviation: '4', name: Critical, description: Existential}
    risk:
    - {abbreviation: A, name: Acceptable, description: Keep, hexcolor: '#00AA00'}
    - {abbreviation: T, name: Tolerable, description: Watch, hexcolor: '#FFAA00'}
    - {abbreviation: U, name: Unacceptable, description: Treat, hexcolor: '#AA0000'}
    grid:
    - [0, 0, 1, 1]
    - [0, 1, 1, 2]
    - [1, 1, 2, 2]
  - urn: urn:example:risk:matrix:example-2x2
    name: Example 2x2 matrix
    probability:
    - {name: Unlikely}
    - {name: Likely}
    impact:
    - {name: Minor}
    - {name: Major}
    risk:
    - {name: Low, hexcolor: '#0A0'}
    - {name: High, hexcolor: '#A00'}
    grid: [[0, 0], [0, 1]]
"##;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("tester");
    (dir, store)
}

/// The error of parsing `yaml`, which must be an input error.
fn ciso_error(yaml: &str) -> Error {
    let e = parse_ciso_assistant(yaml).expect_err("the library should be refused");
    assert_eq!(e.code(), "invalid", "{e}");
    e
}

/// `CISO_3X4` with one piece of text replaced, which must be there.
fn ciso_3x4_with(from: &str, to: &str) -> String {
    assert!(CISO_3X4.contains(from), "{from:?} is not in the library");
    CISO_3X4.replacen(from, to, 1)
}

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
fn ciso_assistant_errors_name_the_place() {
    let not_an_index = ciso_3x4_with("grid: [[0, 0], [0, 1]]", "grid: [[0, 0], [0, x]]");
    let x_line = not_an_index
        .lines()
        .position(|l| l.contains("[0, x]"))
        .unwrap()
        + 1;
    let at_x_line = format!("at line {x_line}, column");
    // (library, field, words the message must contain)
    let cases: Vec<(String, &str, &str)> = vec![
        (
            ciso_3x4_with("- [1, 1, 2, 2]", "- [1, 1, 2, 7]"),
            "risk_matrix[0].grid[2][3]",
            "index 7 is beyond the 3 risk levels",
        ),
        (
            ciso_3x4_with("- [0, 1, 1, 2]", "- [0, -1, 1, 2]"),
            "risk_matrix[0].grid[1][1]",
            "index -1 is not a risk level",
        ),
        (
            ciso_3x4_with("    - [0, 1, 1, 2]\n", ""),
            "risk_matrix[0].grid",
            "one row per probability level: 3 rows",
        ),
        (
            ciso_3x4_with("- [0, 1, 1, 2]", "- [0, 1, 1]"),
            "risk_matrix[0].grid[1]",
            "one entry per impact level: 4 entries",
        ),
        (
            not_an_index.clone(),
            "risk_matrix[1].grid[1][1]",
            &at_x_line,
        ),
        (
            ciso_3x4_with("'#FFAA00'", "'#FFAA0'"),
            "risk_matrix[0].risk[1].hexcolor",
            "#RGB or #RRGGBB",
        ),
        (
            ciso_3x4_with("'#FFAA00'", "'light orange'"),
            "risk_matrix[0].risk[1].hexcolor",
            "not a colour",
        ),
        (
            ciso_3x4_with("'#FFAA00'", "'#FFAA00#'"),
            "risk_matrix[0].risk[1].hexcolor",
            "#RGB or #RRGGBB",
        ),
        (
            ciso_3x4_with(
                "name: Limited, description: Small",
                "name: Limited, description: Small, hexcolor: '#12'",
            ),
            "risk_matrix[0].impact[0].hexcolor",
            "not a colour",
        ),
        (
            ciso_3x4_with("hexcolor: '#AA0000'", "hexcolor: [170, 0, 0]"),
            "risk_matrix[0].risk[2].hexcolor",
            "expected a string",
        ),
        (
            ciso_3x4_with("name: Tolerable", "name: acceptable"),
            "risk_matrix[0].risk[1].name",
            "risk_matrix[0].risk[0] has the same name",
        ),
        (
            ciso_3x4_with("name: Serious", "name: Limited"),
            "risk_matrix[0].impact[2].name",
            "has the same name",
        ),
        (
            ciso_3x4_with("name: Example 2x2 matrix", "name: Example 3x4 matrix"),
            "risk_matrix[1].name",
            "risk_matrix[0] has the same name",
        ),
        (
            ciso_3x4_with("name: Medium, description: Sometimes", "name: ' '"),
            "risk_matrix[0].probability[1].name",
            "must not be empty",
        ),
        (
            ciso_3x4_with("    - {name: Likely}\n", ""),
            "risk_matrix[1].probability",
            "2 to 7",
        ),
        (
            "objects:\n  framework: {name: Not a matrix}\n".into(),
            "objects",
            "no risk_matrix in objects",
        ),
        (
            "urn: x\nname: a library without objects\n".into(),
            "objects",
            "no risk_matrix in objects",
        ),
        (
            "objects:\n  risk_matrix: []\n".into(),
            "risk_matrix",
            "no matrix",
        ),
        (
            "objects:\n  risk_matrix:\n  - name: 'unclosed\n".into(),
            "risk_matrix[0].name",
            "scanning a quoted scalar at line 3",
        ),
        ("\tobjects:\n".into(), "yaml", "at line 1, column 1"),
        (
            "just some text".into(),
            "yaml",
            "expected a mapping with objects.risk_matrix",
        ),
    ];
    for (yaml, field, words) in &cases {
        let e = ciso_error(yaml);
        assert_eq!(e.field(), Some(*field), "{e}");
        assert!(e.to_string().contains(words), "{e:?} lacks {words:?}");
    }
}

#[test]
fn ciso_assistant_limits_are_enforced_before_and_after_parsing() {
    // Too big: refused before parsing, whatever the text.
    let big = format!("{CISO_3X4}#{}\n", "x".repeat(MAX_CISO_YAML_BYTES));
    let e = ciso_error(&big);
    assert_eq!(e.field(), Some("yaml"));
    assert!(e.to_string().contains("at most 1048576 bytes"), "{e}");

    // Too many matrices.
    let one = CISO_3X4
        .split_once("  - urn: urn:example:risk:matrix:example-2x2\n")
        .unwrap()
        .1;
    let mut many = String::from("objects:\n  risk_matrix:\n");
    for k in 0..=MAX_CISO_MATRICES {
        many.push_str(&format!("  - urn: m{k}\n"));
        many.push_str(&one.replace("Example 2x2 matrix", &format!("M{k}")));
    }
    let e = ciso_error(&many);
    assert_eq!(e.field(), Some("risk_matrix"));
    assert!(e.to_string().contains("at most 50 matrices"), "{e}");

    // Too many risk levels, and too many probability levels.
    let level = "    - {name: Low, hexcolor: '#0A0'}\n";
    let extra: String = (0..MAX_LEVELS)
        .map(|k| format!("    - {{name: Extra {k}, hexcolor: '#123'}}\n"))
        .collect();
    let e = ciso_error(&ciso_3x4_with(level, &format!("{level}{extra}")));
    assert_eq!(e.field(), Some("risk_matrix[1].risk"), "{e}");
    assert!(e.to_string().contains("2 to 7"), "{e}");
    let extra: String = (0..MAX_AXIS)
        .map(|k| format!("    - {{name: Often {k}}}\n"))
        .collect();
    let likely = "    - {name: Likely}\n";
    let e = ciso_error(&ciso_3x4_with(likely, &format!("{likely}{extra}")));
    assert_eq!(e.field(), Some("risk_matrix[1].probability"), "{e}");
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

#[test]
fn ciso_assistant_colours_are_read_as_ciso_assistant_shows_them() {
    let (_dir, mut store) = temp_store();
    let sloppy = ciso_3x4_with("hexcolor: '#00AA00'", "hexcolor: '##00aa00'")
        .replacen("hexcolor: '#FFAA00'", "hexcolor: ' ffaa00 '", 1)
        .replacen(", hexcolor: '#AA0000'", "", 1)
        .replacen("hexcolor: '#0A0'", "hexcolor: 008000", 1)
        .replacen("hexcolor: '#A00'", "hexcolor: DarkRed", 1);
    let imported = store.import_ciso_matrices(&sloppy).unwrap();
    let colours = |m: &Matrix| {
        m.levels
            .iter()
            .map(|l| l.colour.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        colours(&imported.matrices[0]),
        ["#00AA00", "#FFAA00", "#C62828"],
        "the level without a colour is the highest of three: red"
    );
    assert_eq!(colours(&imported.matrices[1]), ["#008000", "#8B0000"]);
    let notes: Vec<(usize, String)> = imported
        .notes
        .iter()
        .map(|n| (n.matrix, n.to_string()))
        .collect();
    assert_eq!(
        notes,
        [
            (
                0,
                "risk_matrix[0].risk[0].hexcolor: read \"##00aa00\" as #00AA00 (a doubled #)"
                    .to_string()
            ),
            (
                0,
                "risk_matrix[0].risk[1].hexcolor: read \" ffaa00 \" as #FFAA00 (without its #)"
                    .to_string()
            ),
            (
                0,
                "risk_matrix[0].risk: 1 of the 3 risk levels has no hexcolor (missing, empty, \
                 or an unquoted # that YAML reads as a comment); gave colours by rank, lowest \
                 green to highest red: Unacceptable #C62828"
                    .to_string()
            ),
            (
                1,
                // Unquoted digits stay text, leading zeros and all.
                "risk_matrix[1].risk[0].hexcolor: read \"008000\" as #008000 (without its #)"
                    .to_string()
            ),
            (
                1,
                "risk_matrix[1].risk[1].hexcolor: read \"DarkRed\" as #8B0000 (a CSS colour name)"
                    .to_string()
            ),
        ]
    );
    // What was stored is what was returned.
    for m in &imported.matrices {
        assert_eq!(&store.matrix(&m.id).unwrap(), m);
    }

    // A library with no colours at all: green to red by rank, one note for the matrix.
    let bare = CISO_3X4
        .replacen("name: Example 3x4 matrix", "name: Bare 3x4", 1)
        .replacen("name: Example 2x2 matrix", "name: Bare 2x2", 1)
        .replace(", hexcolor: '#00AA00'", "")
        .replace(", hexcolor: '#FFAA00'", "")
        .replace(", hexcolor: '#AA0000'", "")
        .replace(", hexcolor: '#0A0'", "")
        .replace(", hexcolor: '#A00'", "");
    assert!(!bare.contains("hexcolor"));
    let imported = store.import_ciso_matrices(&bare).unwrap();
    assert_eq!(
        colours(&imported.matrices[0]),
        ["#2E7D32", "#FBC02D", "#C62828"]
    );
    assert_eq!(colours(&imported.matrices[1]), ["#2E7D32", "#C62828"]);
    let notes: Vec<String> = imported.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].starts_with("risk_matrix[0].risk: no risk level has a hexcolor")
            && notes[0].ends_with("Acceptable #2E7D32, Tolerable #FBC02D, Unacceptable #C62828"),
        "{notes:?}"
    );
    assert!(
        notes[1].starts_with("risk_matrix[1].risk: no risk level has a hexcolor")
            && notes[1].ends_with("Low #2E7D32, High #C62828"),
        "{notes:?}"
    );
}

/// A preset in the shape CISO Assistant publishes: it names the matrix its risk
/// assessment uses by URN and defines none.
const CISO_PRESET: &str = r#"
urn: urn:example:risk:preset:example
name: Example preset
dependencies:
  - urn:example:risk:library:example-framework
  - urn:example:risk:library:risk-matrix-5x5-example
objects:
  preset:
    profile:
      industry: [saas]
    feature_flags:
      enable: [compliance]
    scaffolded_objects:
      - type: perimeter
        name: Main perimeter
      - type: risk_assessment
        name: Information security risk assessment
        risk_matrix: urn:example:risk:library:risk-matrix-5x5-example
"#;

const REFERENCE_ONLY: &str = "references a risk matrix and does not define one";

#[test]
fn ciso_assistant_file_that_only_references_a_matrix_is_refused_clearly() {
    let e = ciso_error(CISO_PRESET);
    assert_eq!(
        e.field(),
        Some("preset.scaffolded_objects[1].risk_matrix"),
        "{e}"
    );
    let text = e.to_string();
    for words in [
        REFERENCE_ONLY,
        "a CISO Assistant preset",
        "import the library that defines that matrix",
        "(got \"urn:example:risk:library:risk-matrix-5x5-example\")",
    ] {
        assert!(text.contains(words), "{text} lacks {words:?}");
    }

    // Only the dependencies name the matrix.
    let dependencies_only = CISO_PRESET.replace(
        "        risk_matrix: urn:example:risk:library:risk-matrix-5x5-example\n",
        "",
    );
    let e = ciso_error(&dependencies_only);
    assert_eq!(e.field(), Some("dependencies[1]"), "{e}");
    assert!(e.to_string().contains(REFERENCE_ONLY), "{e}");

    // `risk_matrix:` holding a URN instead of matrices.
    for yaml in [
        "objects:\n  risk_matrix: urn:example:risk:matrix:m\n",
        "objects:\n  risk_matrix:\n  - urn:example:risk:matrix:m\n",
    ] {
        let e = ciso_error(yaml);
        assert!(e.to_string().contains(REFERENCE_ONLY), "{e}");
        assert!(e.field().unwrap().starts_with("risk_matrix"), "{e}");
    }

    // A library of another kind that names no matrix says what it holds.
    let e = ciso_error("objects:\n  framework: {name: F}\n  reference_controls: []\n");
    assert_eq!(e.field(), Some("objects"));
    assert!(
        e.to_string().contains(
            "no risk_matrix in objects (its objects are framework, reference_controls): \
             this is not a CISO Assistant risk-matrix library"
        ),
        "{e}"
    );

    // Refused before anything is written.
    let (_dir, mut store) = temp_store();
    let before = store.matrices().unwrap();
    assert!(store.import_ciso_matrices(CISO_PRESET).is_err());
    assert_eq!(store.matrices().unwrap(), before);
}

// ---------------------------------------------------------------------------------------
// Real CISO Assistant libraries from public repositories, read where they are kept
// (../shared/realdata/matrices, described in its README), never copied into the project.

fn realdata_matrices() -> Option<std::path::PathBuf> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdata/matrices");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: no real matrices at {} (the shared realdata folder is absent)",
            dir.display()
        );
        None
    }
}

fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    files.sort();
    files
}

fn is_hex_colour(c: &str) -> bool {
    c.len() == 7
        && c.starts_with('#')
        && c[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
}

#[test]
fn every_real_ciso_assistant_matrix_imports_with_its_shape_and_colours() {
    let Some(root) = realdata_matrices() else {
        return;
    };
    let mut files = yaml_files(&root);
    let historical = root.join("historical");
    if historical.is_dir() {
        files.extend(yaml_files(&historical));
    }
    assert!(!files.is_empty(), "no YAML in {}", root.display());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        let text = std::fs::read_to_string(file).unwrap();
        let (_dir, mut store) = temp_store();
        let library = match store.import_ciso_matrices(&text) {
            Ok(library) => library,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        // The shape, read from the YAML independently of the import.
        let yaml: serde_norway::Value = serde_norway::from_str(&text).unwrap();
        let raw = yaml["objects"]["risk_matrix"].as_sequence().unwrap();
        assert_eq!(library.matrices.len(), raw.len(), "{name}");
        for (k, (m, raw)) in library.matrices.iter().zip(raw).enumerate() {
            let count = |key: &str| raw[key].as_sequence().map_or(0, |s| s.len());
            assert_eq!(m.likelihood.len(), count("probability"), "{name} [{k}]");
            assert_eq!(m.impact.len(), count("impact"), "{name} [{k}]");
            assert_eq!(m.levels.len(), count("risk"), "{name} [{k}]");
            let grid: Vec<Vec<u8>> = raw["grid"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|row| {
                    row.as_sequence()
                        .unwrap()
                        .iter()
                        .map(|i| u8::try_from(i.as_u64().unwrap()).unwrap())
                        .collect()
                })
                .collect();
            assert_eq!(m.grid, grid, "{name} [{k}]");
            for (l, level) in m.levels.iter().enumerate() {
                assert!(
                    is_hex_colour(&level.colour),
                    "{name} [{k}] level {l}: {:?}",
                    level.colour
                );
                // A level the file gives no colour is named in a note.
                let written = raw["risk"][l]["hexcolor"].as_str().unwrap_or("").trim();
                if written.is_empty() {
                    assert!(
                        library
                            .notes_for(k)
                            .any(|n| n.field == format!("risk_matrix[{k}].risk")
                                && n.message
                                    .contains(&format!("{} {}", level.name, level.colour))),
                        "{name} [{k}] level {l}: no note for the colour supplied"
                    );
                }
            }
            m.validate().unwrap();
            assert_eq!(&store.matrix(&m.id).unwrap(), m, "{name}");
        }
        eprintln!(
            "{name}: imported {}{}",
            library
                .matrices
                .iter()
                .map(|m| format!(
                    "{:?} {}×{}, {} levels",
                    m.name,
                    m.likelihood.len(),
                    m.impact.len(),
                    m.levels.len()
                ))
                .collect::<Vec<_>>()
                .join("; "),
            library
                .notes
                .iter()
                .map(|n| format!("\n    note: {n}"))
                .collect::<String>()
        );
    }
    assert!(
        failures.is_empty(),
        "not imported:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_real_ciso_assistant_preset_is_refused_as_a_reference() {
    let Some(root) = realdata_matrices() else {
        return;
    };
    let presets = root.join("presets_reference_only");
    if !presets.is_dir() {
        eprintln!("skipped: no {}", presets.display());
        return;
    }
    let files = yaml_files(&presets);
    assert!(!files.is_empty(), "no YAML in {}", presets.display());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(file).unwrap();
        let (_dir, mut store) = temp_store();
        let before = store.matrices().unwrap();
        let e = store
            .import_ciso_matrices(&text)
            .expect_err("a preset defines no matrix");
        assert_eq!(e.code(), "invalid", "{name}: {e}");
        let message = e.to_string();
        assert!(message.contains(REFERENCE_ONLY), "{name}: {message}");
        assert!(message.contains("(got \"urn:"), "{name}: {message}");
        assert_eq!(store.matrices().unwrap(), before, "{name}");
        eprintln!("{name}: refused: {message}");
    }
}
