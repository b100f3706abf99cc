//! What every matrix test uses: axes and levels of any size, a matrix from a grid, a store
//! on a temporary file, a CISO Assistant library of two non-square matrices with a way to
//! spoil it and read the error, and the refusal of a file that only names a matrix.

use partner_risk_core::matrix::{parse_ciso_assistant, AxisLevel, Matrix, RiskLevel};
use partner_risk_core::{Error, OpenMode, Store};

pub fn axis(n: usize) -> Vec<AxisLevel> {
    (1..=n)
        .map(|i| AxisLevel {
            label: format!("L{i}"),
            description: String::new(),
            range: None,
        })
        .collect()
}

pub fn levels(n: usize) -> Vec<RiskLevel> {
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

pub fn matrix(grid: Vec<Vec<u8>>, level_count: usize) -> Matrix {
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

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("tester");
    (dir, store)
}

/// The error of parsing `yaml`, which must be an input error.
pub fn ciso_error(yaml: &str) -> Error {
    let e = parse_ciso_assistant(yaml).expect_err("the library should be refused");
    assert_eq!(e.code(), "invalid", "{e}");
    e
}

/// Three probability levels against four impact levels, two matrices in one library.
pub const CISO_3X4: &str = r##"
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

/// `CISO_3X4` with one piece of text replaced, which must be there.
pub fn ciso_3x4_with(from: &str, to: &str) -> String {
    assert!(CISO_3X4.contains(from), "{from:?} is not in the library");
    CISO_3X4.replacen(from, to, 1)
}

pub const REFERENCE_ONLY: &str = "references a risk matrix and does not define one";
