//! Matrices: listed, shown, checked and cloned, and imported from a CISO Assistant
//! library (all or nothing).

use crate::support::{json, ok, prisk, workspace};

#[test]
fn matrices_from_the_command_line() {
    let (_dir, db) = workspace();
    let list = json(&db, &["matrix", "list", "--json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5);
    assert!(names.contains(&"NIST SP 800-30 Rev. 1"));
    let nist = json(&db, &["matrix", "show", "nist-800-30", "--json"]);
    assert_eq!(nist["levels"].as_array().unwrap().len(), 5);
    let text = ok(&db, &["matrix", "show", "3x3"]);
    assert!(text.contains("grid"), "{text}");
    let check = ok(&db, &["matrix", "check", "5x5"]);
    assert!(
        check.contains("no warnings") && check.contains("4 of 4 levels"),
        "{check}"
    );

    ok(&db, &["matrix", "clone", "4x4", "--name", "Skewed"]);
    {
        let mut store =
            partner_risk_core::Store::open(&db, partner_risk_core::OpenMode::Existing).unwrap();
        let mut m = store.find_matrix("Skewed").unwrap();
        m.grid[3][3] = 0; // the most likely, most severe cell rated lowest
        store.update_matrix(m).unwrap();
    }
    let check = ok(&db, &["matrix", "check", "Skewed"]);
    assert!(check.contains("warning: cell L4 I4 is Low"), "{check}");
    assert!(
        check.contains("not used by any cell") || check.contains("4 of 4"),
        "{check}"
    );
}

#[test]
fn matrix_import_reads_a_ciso_assistant_library() {
    let (dir, db) = workspace();
    let library = r##"
urn: urn:example:risk:library:cli-test
name: CLI test library
objects:
  risk_matrix:
  - urn: urn:example:risk:matrix:cli-3x4
    name: Vendor 3x4
    description: Three probabilities against four impacts.
    probability:
    - {abbreviation: L, name: Low, description: Rarely}
    - {abbreviation: M, name: Medium, description: Sometimes}
    - {abbreviation: H, name: High, description: Often}
    impact:
    - {name: Limited}
    - {name: Significant}
    - {name: Serious}
    - {name: Critical}
    risk:
    - {name: Acceptable, hexcolor: '#0a0'}
    - {name: Tolerable, hexcolor: '#FFAA00'}
    - {name: Unacceptable, hexcolor: '#aa0000'}
    grid:
    - [0, 0, 1, 1]
    - [0, 1, 1, 2]
    - [1, 1, 2, 2]
  - urn: urn:example:risk:matrix:cli-2x2
    name: Vendor 2x2
    probability: [{name: Unlikely}, {name: Likely}]
    impact: [{name: Minor}, {name: Major}]
    risk: [{name: Low, hexcolor: '#2E7D32'}, {name: High, hexcolor: '#C62828'}]
    grid: [[0, 0], [0, 1]]
"##;
    let file = dir.path().join("vendor.yaml");
    std::fs::write(&file, library).unwrap();
    let out = ok(&db, &["matrix", "import", file.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("imported matrix \"Vendor 3x4\" (")
            && lines[0].ends_with("), 3×4, levels Acceptable, Tolerable, Unacceptable"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("imported matrix \"Vendor 2x2\" (")
            && lines[1].ends_with("), 2×2, levels Low, High"),
        "{out}"
    );
    let shown = json(&db, &["matrix", "show", "Vendor 3x4", "--json"]);
    assert_eq!(shown["levels"][0]["colour"], "#00AA00");
    assert_eq!(shown["grid"][2][3], 2);
    let list_before = ok(&db, &["matrix", "list"]);
    assert!(list_before.contains("Vendor 2x2"), "{list_before}");

    // A broken second matrix: exit 2, the place named, nothing imported.
    let broken = library
        .replace("Vendor", "Supplier")
        .replace("grid: [[0, 0], [0, 1]]", "grid: [[0, 0], [0, 5]]");
    let bad = dir.path().join("broken.yaml");
    std::fs::write(&bad, broken).unwrap();
    let run = prisk(&db, &["matrix", "import", bad.to_str().unwrap()]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains(
            "broken.yaml: risk_matrix[1].grid[1][1]: index 5 is beyond the 2 risk levels"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(ok(&db, &["matrix", "list"]), list_before);
}
