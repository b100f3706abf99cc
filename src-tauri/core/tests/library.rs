//! The built-in library, partnerships from templates, the demo, and the JSON round trip.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use partner_risk_core::interchange::{document_json, parse_document};
use partner_risk_core::library::{library, TemplateSelection};
use partner_risk_core::matrix::preset;
use partner_risk_core::model::{built_in_categories, PartnershipFields};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::{OpenMode, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    (dir, store)
}

#[test]
fn library_is_complete_and_consistent() {
    let lib = library();
    assert!(
        lib.templates.len() >= 40,
        "{} templates",
        lib.templates.len()
    );
    assert!(
        lib.requirements.len() >= 25,
        "{} requirements",
        lib.requirements.len()
    );
    let categories: HashSet<String> = built_in_categories().into_iter().map(|c| c.code).collect();
    let standard = preset("5x5").unwrap();
    let mut per_category: HashMap<&str, usize> = HashMap::new();
    let mut codes = HashSet::new();
    for t in &lib.templates {
        assert!(
            codes.insert(t.code.as_str()),
            "duplicate template {}",
            t.code
        );
        assert!(
            categories.contains(&t.category),
            "{}: category {}",
            t.code,
            t.category
        );
        *per_category.entry(t.category.as_str()).or_default() += 1;
        let fields = t.risk_fields(&standard);
        fields
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", t.code));
        standard
            .check_score(fields.inherent.unwrap(), "inherent")
            .unwrap();
        assert!(!t.actions.is_empty(), "{} suggests actions", t.code);
        for text in [&t.description, &t.cause, &t.consequence] {
            assert!(text.len() > 20, "{}: texts are written out", t.code);
        }
    }
    for category in ["technical", "financial", "regulatory", "exit"] {
        assert!(
            per_category[category] >= 5,
            "{category}: {}",
            per_category[category]
        );
    }
    let mut mitigated = HashSet::new();
    let mut requirement_codes = HashSet::new();
    for q in &lib.requirements {
        assert!(
            requirement_codes.insert(q.code.as_str()),
            "duplicate requirement {}",
            q.code
        );
        assert!(!q.mitigates.is_empty(), "{} mitigates something", q.code);
        for code in &q.mitigates {
            assert!(
                codes.contains(code.as_str()),
                "{} links unknown template {code}",
                q.code
            );
            mitigated.insert(code.as_str());
        }
    }
    assert_eq!(
        mitigated.len(),
        codes.len(),
        "every template is mitigated by a requirement"
    );
}

#[test]
fn partnership_from_selected_templates_on_another_matrix() {
    let (_dir, mut store) = temp_store();
    let lib = library();
    let chosen = vec![lib.templates[0].code.clone(), lib.templates[5].code.clone()];
    let p = store
        .create_partnership_from_templates(
            PartnershipFields::new("Selected"),
            "3x3",
            &TemplateSelection::Codes(chosen.clone()),
        )
        .unwrap();
    let risks = store.risks(&p.id).unwrap();
    assert_eq!(risks.len(), 2);
    let m = store.matrix(&p.matrix_id).unwrap();
    for r in &risks {
        m.check_score(r.fields.inherent.unwrap(), "inherent")
            .unwrap();
        assert!(!store.actions(&r.id).unwrap().is_empty());
        assert!(
            !store.risk_requirements(&r.id).unwrap().is_empty(),
            "{} is linked",
            r.reference
        );
    }
    let requirements = store.requirements(&p.id).unwrap();
    let expected = lib
        .requirements
        .iter()
        .filter(|q| q.mitigates.iter().any(|c| chosen.contains(c)))
        .count();
    assert_eq!(requirements.len(), expected);

    let e = store
        .create_partnership_from_templates(
            PartnershipFields::new("Bad"),
            "5x5",
            &TemplateSelection::parse("api-format-mismatch,no-such-template"),
        )
        .unwrap_err();
    assert_eq!(e.field(), Some("templates"));
    assert!(store.find_partnership("Bad").is_err(), "nothing written");

    let all = store
        .create_partnership_from_templates(
            PartnershipFields::new("All"),
            "nist-800-30",
            &TemplateSelection::All,
        )
        .unwrap();
    assert_eq!(store.risks(&all.id).unwrap().len(), lib.templates.len());
}

#[test]
fn demo_is_realistic() {
    let (_dir, mut store) = temp_store();
    let p = store.create_demo(0, today()).unwrap();
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    assert!(register.entries.len() >= 30);
    let categories: HashSet<&str> = register
        .entries
        .iter()
        .map(|e| e.risk.fields.category.as_str())
        .collect();
    for c in ["technical", "financial", "regulatory", "exit"] {
        assert!(categories.contains(c), "{c}");
    }
    for e in &register.entries {
        assert!(
            e.risk.fields.inherent.is_some() && e.risk.fields.residual.is_some(),
            "{}",
            e.risk.reference
        );
        assert!(!e.risk.fields.owner.is_empty());
    }
    let actions = store.partnership_actions(&p.id).unwrap();
    assert!(actions
        .iter()
        .all(|a| a.fields.due.is_some() && !a.fields.owner.is_empty()));
    let overdue = actions
        .iter()
        .filter(|a| a.fields.is_overdue(today()))
        .count();
    assert!(overdue >= 3, "{overdue} overdue actions");
    assert!(actions.len() - overdue >= 3);
    let requirements = store.requirements(&p.id).unwrap();
    assert!(requirements.len() >= 25);
    assert!(requirements.iter().all(|q| !q.risk_ids.is_empty()));

    // Deterministic: a second demo on the same day has the same register (new name).
    let again = store.create_demo(25, today()).unwrap();
    assert_ne!(again.fields.name, p.fields.name);
    let second = store
        .register(&again.id, &RiskFilter::default(), today())
        .unwrap();
    assert_eq!(second.entries.len(), register.entries.len() + 25);
    for a in &register.entries {
        let b = second
            .entries
            .iter()
            .find(|b| b.risk.reference == a.risk.reference)
            .unwrap();
        assert_eq!(a.risk.fields, b.risk.fields, "{}", a.risk.reference);
    }
    let e = store.create_demo(100_001, today()).unwrap_err();
    assert_eq!(e.field(), Some("risks"));
}

#[test]
fn json_round_trip_is_lossless() {
    let (_dir, mut store) = temp_store();
    let p = store.create_demo(10, today()).unwrap();
    // Make the document interesting: a custom matrix, a custom category, a deleted risk.
    store
        .add_category(partner_risk_core::model::Category {
            code: "esg".into(),
            name: "Environment, social, governance".into(),
            prefix: "ESG".into(),
            built_in: false,
        })
        .unwrap();
    let custom = store
        .clone_matrix("5x5", "Board 5×5 – Zürich edition")
        .unwrap();
    let plan = store.plan_matrix_change(&p.id, &custom.id).unwrap();
    store.apply_matrix_change(&plan).unwrap();
    let mut esg =
        partner_risk_core::model::RiskFields::new("esg", "Carbon reporting – 東京 office €1.2M");
    esg.tags = vec!["csrd".into()];
    store.add_risk(&p.id, esg).unwrap();
    let doomed = store.find_risk(&p.id, "TEC-002").unwrap();
    store.delete_risk(&doomed.id).unwrap();

    let first = partner_risk_core::interchange::export_partnership(&store, &p.id).unwrap();
    let json = document_json(&first);

    let (_dir2, mut empty) = temp_store();
    let parsed = parse_document(&json).unwrap();
    partner_risk_core::interchange::import_partnership(&mut empty, parsed).unwrap();
    let second = partner_risk_core::interchange::export_partnership(&empty, &p.id).unwrap();
    assert_eq!(document_json(&second), json);
    assert_eq!(second.risks.len(), first.risks.len());
    assert!(
        second.reference_counters["TEC"] >= 3,
        "numbers are not reused after import"
    );
    let next = empty
        .add_risk(
            &p.id,
            partner_risk_core::model::RiskFields::new("technical", "after import"),
        )
        .unwrap();
    assert!(!first.risks.iter().any(|r| r.reference == next.reference));

    // Importing the same document again is refused and writes nothing.
    let count = |s: &Store| -> i64 {
        s.connection()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&empty);
    let e = partner_risk_core::interchange::import_partnership(
        &mut empty,
        parse_document(&json).unwrap(),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("partnership.id"));
    assert_eq!(count(&empty), before);
}

#[test]
fn bad_documents_name_the_field() {
    let (_dir, mut store) = temp_store();
    let p = store.create_demo(0, today()).unwrap();
    let json =
        document_json(&partner_risk_core::interchange::export_partnership(&store, &p.id).unwrap());
    let (_dir2, mut empty) = temp_store();

    let e = parse_document("{ not json").unwrap_err();
    assert_eq!(e.field(), Some("document"));
    let broken = json.replacen("\"status\": \"open\"", "\"status\": \"perhaps\"", 1);
    let e = parse_document(&broken).unwrap_err();
    assert!(e.field().unwrap().starts_with("risks["), "{e}");
    // Flattened records stop serde's path at the risk; the message names the field.
    assert!(
        e.to_string().contains("status: expected one of open"),
        "{e}"
    );
    assert!(e.to_string().contains("perhaps"), "{e}");

    let mut doc = parse_document(&json).unwrap();
    doc.risks[4].fields.residual = Some(partner_risk_core::matrix::Score::new(6, 1));
    let e = partner_risk_core::interchange::import_partnership(&mut empty, doc).unwrap_err();
    assert_eq!(e.field(), Some("risks[4].residual.likelihood"));

    let mut doc = parse_document(&json).unwrap();
    doc.version = 99;
    assert_eq!(
        partner_risk_core::interchange::import_partnership(&mut empty, doc)
            .unwrap_err()
            .field(),
        Some("version")
    );

    let mut doc = parse_document(&json).unwrap();
    doc.actions[0].risk_id = "missing".into();
    assert_eq!(
        partner_risk_core::interchange::import_partnership(&mut empty, doc)
            .unwrap_err()
            .field(),
        Some("actions[0].risk_id")
    );
    assert!(
        empty.partnerships(true).unwrap().is_empty(),
        "nothing was written"
    );
}
