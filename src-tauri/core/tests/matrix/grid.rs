//! The matrix on its own: the grid looked up (never multiplied, as the NIST table shows),
//! validation naming the field at fault, the consistency check, the rank mapping, the
//! presets and score parsing; property tests over random grids.

use partner_risk_core::matrix::{
    map_rank, map_score, preset, presets, Matrix, MatrixWarning, Score,
};
use proptest::prelude::*;

use crate::support::{axis, matrix};

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
