//! The register: the demo and the JSON listings, partnerships and risks through their
//! lifecycle (add, set, actions, matrix change, archive), templates and categories.

use crate::support::{json, ok, prisk, workspace, DEMO};

#[test]
fn demo_and_json_listings() {
    let (_dir, db) = workspace();
    let out = ok(&db, &["demo"]);
    assert!(out.contains("created"), "{out}");
    let list = json(&db, &["partnership", "list", "--json"]);
    let demo = &list[0];
    assert_eq!(demo["name"], DEMO);
    assert!(demo["risk_count"].as_u64().unwrap() >= 30);
    assert_eq!(demo["matrix_name"], "Standard 5×5");

    let risks = json(&db, &["risk", "list", "--partnership", DEMO, "--json"]);
    let risks = risks.as_array().unwrap();
    assert!(risks.len() >= 30);
    let r = &risks[0];
    for key in ["reference", "title", "category", "owner", "status"] {
        assert!(r[key].is_string(), "{key} in {r}");
    }
    assert!(r["inherent"]["likelihood"].as_u64().unwrap() >= 1);
    assert!(r["inherent"]["impact"].as_u64().unwrap() >= 1);
    assert!(r["inherent_level"].is_string());
    assert!(r["residual_level"].is_string());
    let id = demo["id"].as_str().unwrap();
    let by_id = json(&db, &["risk", "list", "--partnership", id, "--json"]);
    assert_eq!(by_id.as_array().unwrap().len(), risks.len());

    let text = ok(&db, &["risk", "list", "--partnership", DEMO]);
    assert!(text.starts_with("REF"), "{text}");
    let filtered = json(
        &db,
        &[
            "risk",
            "list",
            "--partnership",
            DEMO,
            "--json",
            "--category",
            "exit",
            "--min-level",
            "medium",
        ],
    );
    for r in filtered.as_array().unwrap() {
        assert_eq!(r["category"], "exit");
        assert_ne!(r["residual_level"], "Low");
    }
    let found = json(
        &db,
        &[
            "risk",
            "list",
            "--partnership",
            DEMO,
            "--json",
            "--search",
            "insolvency",
        ],
    );
    assert!(!found.as_array().unwrap().is_empty());

    let big = ok(&db, &["demo", "--risks", "500"]);
    assert!(
        big.contains("with 554 risks") || big.contains("risks"),
        "{big}"
    );
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn partnership_and_risk_lifecycle() {
    let (_dir, db) = workspace();
    let out = ok(
        &db,
        &[
            "partnership",
            "add",
            "--name",
            "Zürich Re API",
            "--partner",
            "Zürich Re",
            "--matrix",
            "4x4",
            "--templates",
            "api-format-mismatch,api-breaking-change",
        ],
    );
    assert!(out.contains("with 2 risks"), "{out}");
    let reference = ok(
        &db,
        &[
            "risk",
            "add",
            "--partnership",
            "Zürich Re API",
            "--category",
            "financial",
            "--title",
            "Revenue share disputed",
            "--owner",
            "Lea",
            "--inherent",
            "3,4",
            "--residual",
            "2,3",
        ],
    );
    assert_eq!(reference.trim(), "FIN-001");
    ok(
        &db,
        &[
            "risk",
            "set",
            "--partnership",
            "Zürich Re API",
            "FIN-001",
            "--residual",
            "1,2",
            "--status",
            "mitigating",
            "--target",
            "none",
            "--tags",
            "money,contract",
        ],
    );
    let detail = json(
        &db,
        &[
            "risk",
            "show",
            "--partnership",
            "Zürich Re API",
            "FIN-001",
            "--json",
        ],
    );
    assert_eq!(detail["risk"]["residual"]["likelihood"], 1);
    assert_eq!(detail["risk"]["status"], "mitigating");
    assert_eq!(
        detail["risk"]["tags"],
        serde_json::json!(["money", "contract"])
    );
    assert_eq!(detail["residual_level"], "Low");
    let history = detail["history"].as_array().unwrap();
    assert_eq!(history[0]["operation"], "create");
    assert_eq!(history[0]["actor"], "cli-tester");
    assert!(history.iter().any(|h| h["field"] == "status"
        && h["old_value"] == "open"
        && h["new_value"] == "mitigating"));

    ok(
        &db,
        &[
            "action",
            "add",
            "--partnership",
            "Zürich Re API",
            "--risk",
            "FIN-001",
            "--title",
            "Agree the revenue formula",
            "--due",
            "2020-01-31",
            "--cost",
            "2500 EUR",
            "--owner",
            "Lea",
        ],
    );
    let plan = ok(
        &db,
        &[
            "action",
            "list",
            "--partnership",
            "Zürich Re API",
            "--risk",
            "FIN-001",
        ],
    );
    assert!(
        plan.contains("OVERDUE") && plan.contains("2500.00 EUR"),
        "{plan}"
    );

    let shown = ok(&db, &["partnership", "set-matrix", "Zürich Re API", "5x5"]);
    assert!(shown.contains("nothing changed"), "{shown}");
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list[0]["matrix_name"], "Standard 4×4");
    ok(
        &db,
        &["partnership", "set-matrix", "Zürich Re API", "5x5", "--yes"],
    );
    let list = json(&db, &["partnership", "list", "--json"]);
    assert_eq!(list[0]["matrix_name"], "Standard 5×5");

    ok(
        &db,
        &[
            "partnership",
            "set",
            "Zürich Re API",
            "--archived",
            "true",
            "--stage",
            "ended",
        ],
    );
    assert_eq!(
        json(&db, &["partnership", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        json(&db, &["partnership", "list", "--json", "--all"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn templates_and_categories() {
    let (_dir, db) = workspace();
    let lib = json(&db, &["template", "list", "--json"]);
    assert!(lib["templates"].as_array().unwrap().len() >= 40);
    ok(
        &db,
        &[
            "category", "add", "--code", "esg", "--name", "ESG", "--prefix", "ESG",
        ],
    );
    let cats = json(&db, &["category", "list", "--json"]);
    assert_eq!(cats.as_array().unwrap().len(), 9);
    let run = prisk(
        &db,
        &[
            "category", "add", "--code", "Bad Code", "--name", "x", "--prefix", "XX",
        ],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("code"), "{}", run.stderr);
}
