//! CISO Assistant colours read as CISO Assistant shows them: doubled or missing `#`, short
//! hex, colour names, and levels without a colour.

use partner_risk_core::matrix::Matrix;

use crate::support::{ciso_3x4_with, temp_store, CISO_3X4};

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
