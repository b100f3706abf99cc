//! Exports to files: the PDF report (options, unwritable paths, missing fonts) and the
//! register as XLSX and CSV.

use std::path::Path;

use crate::support::{demo_workspace, json, ok, prisk, prisk_in, DEMO};

#[test]
fn export_pdf_writes_the_report() {
    let (dir, db) = demo_workspace();
    let out = dir.path().join("report.pdf");
    let text = ok(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            out.to_str().unwrap(),
            "--prepared-by",
            "Risk office",
            "--paper",
            "letter",
        ],
    );
    assert!(text.starts_with(&format!("exported {DEMO:?}")), "{text}");
    assert!(text.contains(" pages) to "), "{text}");
    assert_eq!(text.lines().count(), 1);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 20_000);

    // The plan on its own, filtered, is a shorter document.
    let plan = dir.path().join("plan.pdf");
    let text = ok(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            plan.to_str().unwrap(),
            "--plan-only",
            "--min-level",
            "high",
            "--categories",
            "technical,exit",
            "--status",
            "open,mitigating",
            "--plan-group",
            "due_month",
        ],
    );
    assert!(text.contains("exported"), "{text}");
    let plan_len = std::fs::read(&plan).unwrap().len();
    assert!(plan_len < bytes.len(), "{plan_len} vs {}", bytes.len());
}

#[test]
fn export_pdf_bad_options_exit_2_naming_the_option() {
    let (dir, db) = demo_workspace();
    let out = dir.path().join("r.pdf");
    let out = out.to_str().unwrap();
    for (args, needles) in [
        (vec!["--paper", "a5"], vec!["--paper", "a5"]),
        (
            vec!["--sections", "cover,index"],
            vec!["--sections", "index"],
        ),
        (vec!["--sections", "plan,plan"], vec!["--sections", "plan"]),
        (
            vec!["--min-level", "extreme"],
            vec!["--min-level", "extreme"],
        ),
        (
            vec!["--categories", "nonsense"],
            vec!["--categories", "nonsense"],
        ),
        (vec!["--status", "sleeping"], vec!["--status", "sleeping"]),
        (
            vec!["--plan-group", "colour"],
            vec!["--plan-group", "colour"],
        ),
    ] {
        let mut all = vec!["export", "pdf", "--partnership", DEMO, "--out", out];
        all.extend_from_slice(&args);
        let run = prisk(&db, &all);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        for needle in needles {
            assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
        }
    }
    let run = prisk(
        &db,
        &["export", "pdf", "--partnership", "Nobody", "--out", out],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("Nobody"), "{}", run.stderr);
    assert!(!Path::new(out).exists());
}

#[test]
fn export_pdf_to_an_unwritable_path_is_a_clear_error() {
    let (dir, db) = demo_workspace();
    let missing = dir.path().join("no/such/dir/r.pdf");
    let run = prisk(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no/such/dir"), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = prisk(
        &db,
        &[
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("folder"), "{}", run.stderr);
    assert!(!missing.exists());
}

#[test]
fn export_pdf_without_fonts_says_what_to_install() {
    let (dir, db) = demo_workspace();
    let empty = dir.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("r.pdf");
    let run = prisk_in(
        &[("PARTNER_RISK_FONT_DIR", empty.to_str().unwrap())],
        &[
            "--db",
            db.to_str().unwrap(),
            "export",
            "pdf",
            "--partnership",
            DEMO,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("DejaVuSans.ttf"), "{}", run.stderr);
    assert!(run.stderr.contains("fonts-dejavu-core"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn export_xlsx_and_csv_write_spreadsheets() {
    let (dir, db) = demo_workspace();
    let risks = json(&db, &["risk", "list", "--partnership", DEMO, "--json"]);
    let count = risks.as_array().unwrap().len();
    let xlsx = dir.path().join("register.xlsx");
    let text = ok(
        &db,
        &[
            "export",
            "xlsx",
            "--partnership",
            DEMO,
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(
        text.starts_with(&format!("exported {DEMO:?} ({count} risks, ")),
        "{text}"
    );
    assert!(text.trim_end().ends_with(xlsx.to_str().unwrap()), "{text}");
    assert_eq!(text.lines().count(), 1);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04") && bytes.len() > 10_000);

    // By id as well as by name.
    let id = json(&db, &["partnership", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = dir.path().join("register.csv");
    let text = ok(
        &db,
        &[
            "export",
            "csv",
            "--partnership",
            &id,
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(
        text.trim_end(),
        format!("exported {DEMO:?} ({count} risks) to {}", csv.display())
    );
    let content = std::fs::read_to_string(&csv).unwrap();
    assert!(content.starts_with("\u{feff}Reference,Title,Category,"));
    assert_eq!(content.lines().next().unwrap().split(',').count(), 28);

    // An unknown partnership and unwritable paths: exit 2, one line, nothing written.
    for format in ["xlsx", "csv"] {
        let out = dir.path().join(format!("nobody.{format}"));
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                "Nobody",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("no partnership \"Nobody\""),
            "{}",
            run.stderr
        );
        assert!(!out.exists());

        let missing = dir.path().join(format!("no/such/dir/r.{format}"));
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                DEMO,
                "--out",
                missing.to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains("no/such/dir"), "{}", run.stderr);
        assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
        let run = prisk(
            &db,
            &[
                "export",
                format,
                "--partnership",
                DEMO,
                "--out",
                dir.path().to_str().unwrap(),
            ],
        );
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("folder"), "{}", run.stderr);
    }
    assert!(!dir.path().join("no").exists());
}
