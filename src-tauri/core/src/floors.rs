//! The core's lower floors import nothing above them: errors, ids and files at the bottom, the
//! input rules on them, then the matrix, then the model, then the exit plans and the partnership health (and the workshop and review
//! rules). Everything else (the store, the register's read model, the outputs) is above
//! and may use them. A `crate::` path
//! from a lower floor to a higher one fails this test.

use std::path::Path;

/// Each lower floor's modules, lowest first; a module may use its own floor and below.
const FLOORS: &[&[&str]] = &[
    &["error", "ids", "files"],
    &["rules", "money"],
    &["matrix"],
    &["model"],
    // The domain rules built on the model (they never import the store).
    &["exit", "health"],
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

/// The source of a module (its file, or every file of its folder), without its tests.
fn sources(src: &Path, module: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.exists() {
        out.push((
            file.display().to_string(),
            std::fs::read_to_string(&file).unwrap(),
        ));
    }
    let dir = src.join(module);
    if dir.is_dir() {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push((
                        path.display().to_string(),
                        std::fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
        }
    }
    out.into_iter()
        .map(|(name, text)| {
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .to_string();
            (name, code)
        })
        .collect()
}

#[test]
fn lower_floors_import_nothing_above_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (level, modules) in FLOORS.iter().enumerate() {
        for module in *modules {
            let files = sources(&src, module);
            assert!(!files.is_empty(), "no source for module {module}");
            for (file, code) in files {
                for used in code.split("crate::").skip(1) {
                    let name: String = used
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    let allowed = floor_of(&name).is_some_and(|f| f <= level);
                    if !allowed && name != *module {
                        wrong.push(format!("{file} uses crate::{name}"));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a lower floor imports a higher one:\n{}",
        wrong.join("\n")
    );
}
