//! CISO Assistant libraries refused: errors that name the place in the YAML, the limits
//! enforced before and after parsing, and a file that only references a matrix by URN.

use partner_risk_core::matrix::ciso_assistant::{MAX_CISO_MATRICES, MAX_CISO_YAML_BYTES};
use partner_risk_core::matrix::{MAX_AXIS, MAX_LEVELS};

use crate::support::{ciso_3x4_with, ciso_error, temp_store, CISO_3X4, REFERENCE_ONLY};

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
