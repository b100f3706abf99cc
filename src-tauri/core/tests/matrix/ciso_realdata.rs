//! Real CISO Assistant libraries from public repositories, read where they are kept
//! (../shared/realdata/matrices, described in its README), never copied into the project:
//! every matrix imports with its shape and colours, every preset is refused as a reference.
//! The tests skip when the folder is absent.

use crate::support::{temp_store, REFERENCE_ONLY};

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
