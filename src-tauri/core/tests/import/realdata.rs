//! Registers written by other people (public repositories, kept in `../shared/realdata`
//! beside the project and never copied into it): every one is read with the mapping the
//! dry run proposes, nothing chosen by hand. The test skips when the folder is absent.
//! `REALDATA_VERBOSE=1` prints each file's columns, values, warnings and problems, and
//! `--nocapture` the table the README shows.

use std::path::{Path, PathBuf};

use partner_risk_core::model::PartnershipFields;
use partner_risk_core::spreadsheet::import::{read_table, ImportPlan, ReadOptions};
use partner_risk_core::{OpenMode, Store};

/// What a file holds, counted by reading it as a person would.
struct Expected {
    /// The file's name starts with this.
    file: &'static str,
    /// Rows that are risks (findings, suppliers…); 0 for an empty template.
    risks: usize,
    /// Whether the file scores its risks on both axes (then every risk comes in scored).
    scored: bool,
    /// Words the plan's file-level message says, for a file that imports nothing.
    why_not: Option<&'static str>,
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "EnochFatade__",
        risks: 4,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "JRafaelSoares__",
        risks: 6,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "LysinKirill__",
        risks: 10,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "McCloud4871__",
        risks: 16,
        scored: false,
        why_not: None,
    },
    Expected {
        file: "SG1unitis__",
        risks: 30,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "Tomchong404__",
        risks: 300,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "akfuller45__",
        risks: 5,
        scored: false,
        why_not: None,
    },
    Expected {
        file: "browndarwin231-Tech__",
        risks: 10,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "drogoXX__",
        risks: 52,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "imane2001__",
        risks: 5,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "intuitem__",
        risks: 4,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "mysticum__",
        risks: 105,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "paulgovan__",
        risks: 41,
        scored: false,
        why_not: None,
    },
    Expected {
        file: "piotrcierpich__",
        risks: 18,
        scored: true,
        why_not: None,
    },
    Expected {
        file: "eduardocesar-esg__",
        risks: 0,
        scored: false,
        why_not: Some("only a reference"),
    },
    Expected {
        file: "rickvanosch__",
        risks: 0,
        scored: false,
        why_not: Some("only a reference"),
    },
    Expected {
        file: "truongpv85__Template_Update__Risk Register.xlsx",
        risks: 0,
        scored: false,
        why_not: Some("no row holds a risk"),
    },
    Expected {
        file: "truongpv85__Template_Update__Risk Register Template.xls",
        risks: 0,
        scored: false,
        why_not: Some("only a reference"),
    },
];

fn realdata() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realdata/registers");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [dir.to_path_buf(), dir.join("edge_cases")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("README")
        })
        .collect();
    files.sort();
    files
}

/// One line of the README's table.
fn line(name: &str, plan: &ImportPlan, created: usize, scored: usize) -> String {
    let warnings = plan.warnings.len();
    format!(
        "| {name} | {} | {} | {created} | {scored} | {} | {warnings} | {} |",
        plan.source.sheet.as_deref().unwrap_or("–"),
        plan.mapping.header_row,
        plan.counts.skipped,
        plan.problems.len(),
    )
}

#[test]
fn every_real_register_imports_with_the_proposed_mapping() {
    let Some(dir) = realdata() else {
        eprintln!("../shared/realdata is absent: the real registers are not tried");
        return;
    };
    let mut table = vec![
        "| file | sheet | header row | risks imported | scored | rows skipped | warnings | problems |".to_string(),
        "|---|---|---|---|---|---|---|---|".to_string(),
    ];
    let mut failures = Vec::new();
    for path in files(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected = EXPECTED
            .iter()
            .find(|e| name.starts_with(e.file))
            .unwrap_or_else(|| panic!("{name} is not described in EXPECTED"));
        let read = read_table(&path, &ReadOptions::default());
        let read = match read {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{name}: not read: {e}"));
                continue;
            }
        };
        // Each file into a workspace of its own, as a new user would.
        let workspace = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(workspace.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
        let p = store
            .create_partnership(PartnershipFields::new(&name), "5x5")
            .unwrap();
        let plan = partner_risk_core::spreadsheet::import::plan_import(
            &store, &p.id, &name, &read, None, None, None,
        )
        .unwrap();
        if std::env::var_os("REALDATA_VERBOSE").is_some() {
            eprintln!("== {name}: header row {}", plan.mapping.header_row);
            for c in &plan.mapping.columns {
                eprintln!("   {:?} -> {:?}", c.header, c.target);
            }
            for v in &plan.mapping.values {
                for e in &v.entries {
                    eprintln!("   {:?}: {:?} -> {:?} ({})", v.header, e.value, e.to, e.how);
                }
            }
            for w in plan.warnings.iter().take(8) {
                eprintln!("   warning: {w}");
            }
            for p in plan.problems.iter().take(8) {
                eprintln!("   problem: {p}");
            }
        }
        let file_problem = plan.problems.iter().find(|p| p.row.is_none());
        if let Some(why) = expected.why_not {
            match file_problem {
                Some(p) if p.message.contains(why) => {}
                other => failures.push(format!(
                    "{name}: expected a refusal saying {why:?}, got {other:?}"
                )),
            }
            table.push(line(&name, &plan, 0, 0));
            continue;
        }
        if let Some(p) = file_problem {
            failures.push(format!("{name}: refused: {p}"));
            continue;
        }
        let row_problems: Vec<String> = plan.problems.iter().map(|p| p.to_string()).collect();
        let outcome =
            partner_risk_core::spreadsheet::import::apply_import(&mut store, &plan, true).unwrap();
        let risks = store.risks(&p.id).unwrap();
        let scored = risks.iter().filter(|r| r.fields.inherent.is_some()).count();
        table.push(line(&name, &plan, outcome.created, scored));
        // At least 95 % of the risk rows, and nothing that is not a risk.
        if outcome.created * 100 < expected.risks * 95 || outcome.created > expected.risks {
            failures.push(format!(
                "{name}: {} of {} risks imported; problems: {row_problems:?}",
                outcome.created, expected.risks
            ));
        }
        if risks.iter().any(|r| r.fields.title.trim().is_empty()) {
            failures.push(format!("{name}: a risk without a title"));
        }
        if expected.scored && scored < risks.len() {
            failures.push(format!("{name}: {scored} of {} risks scored", risks.len()));
        }
        if !expected.scored && scored > 0 {
            failures.push(format!(
                "{name}: {scored} risks scored from a file without scores"
            ));
        }
    }
    eprintln!("{}", table.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
