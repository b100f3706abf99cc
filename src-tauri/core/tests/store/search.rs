//! The heat map, filters and full-text search, and the search index kept in step with the
//! risks, once per transaction.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields, ScoreKind};
use partner_risk_core::store::RiskFilter;
use partner_risk_core::{OpenMode, Store};

use crate::support::{partnership, risk, temp_store, today};

#[test]
fn heat_map_filters_and_search() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut risks = Vec::new();
    for (n, (category, l, i)) in [
        ("technical", 5, 5),
        ("technical", 1, 1),
        ("regulatory", 4, 5),
        ("regulatory", 2, 2),
        ("exit", 5, 5),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = risk(
            category,
            &format!("Risk {n} about insolvency"),
            Some((l, i)),
        );
        r.residual = Some(Score::new(l, i));
        r.owner = if n % 2 == 0 {
            "Ana".into()
        } else {
            "Ben".into()
        };
        r.tags = vec![format!("tag{n}")];
        risks.push(r);
    }
    risks[3].title = "Zürich data centre outage".into();
    risks[4].residual = None;
    store.add_risks(&p, risks).unwrap();

    let map = store.heat_map(&p, ScoreKind::Residual).unwrap();
    assert_eq!(map.counts[4][4], 1);
    assert_eq!(map.counts[3][4], 1);
    assert_eq!(map.unscored, 1);
    assert_eq!(map.counts.iter().flatten().sum::<u64>(), 4);
    let inherent = store.heat_map(&p, ScoreKind::Inherent).unwrap();
    assert_eq!(inherent.counts[4][4], 2);

    let matrix = store.find_matrix("5x5").unwrap();
    let high = matrix.find_level("high", "min").unwrap();
    let filter = RiskFilter {
        categories: vec!["regulatory".into()],
        min_level: Some(high),
        ..Default::default()
    };
    let hits = store.filter_risks(&p, &filter).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].fields.residual, Some(Score::new(4, 5)));

    let by_owner = store
        .filter_risks(
            &p,
            &RiskFilter {
                owner: Some("ben".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_owner.len(), 2);
    let by_cell = store
        .filter_risks(
            &p,
            &RiskFilter {
                cell: Some(Score::new(5, 5)),
                kind: Some(ScoreKind::Inherent),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_cell.len(), 2);

    assert_eq!(
        store.search_risks(&p, "zurich", 10).unwrap().len(),
        1,
        "diacritics folded"
    );
    assert_eq!(
        store.search_risks(&p, "insolv", 10).unwrap().len(),
        4,
        "prefix match while typing"
    );
    assert_eq!(
        store.search_risks(&p, "tag3", 10).unwrap().len(),
        1,
        "tags are searched"
    );
    assert_eq!(
        store.search_risks(&p, "ana", 10).unwrap().len(),
        3,
        "owners are searched"
    );
    assert!(
        store.search_risks(&p, "\"*()", 10).unwrap().is_empty(),
        "syntax is not passed through"
    );
    let text = RiskFilter {
        text: Some("risk insolvency".into()),
        categories: vec!["technical".into()],
        ..Default::default()
    };
    assert_eq!(store.filter_risks(&p, &text).unwrap().len(), 2);

    // References are not in the index, yet a reference typed, or its start, finds its
    // risks; a LIKE wildcard typed is only a character.
    let all = store.filter_risks(&p, &RiskFilter::default()).unwrap();
    let typed = |t: &str| {
        let f = RiskFilter {
            text: Some(t.into()),
            ..Default::default()
        };
        let found: Vec<String> = store
            .filter_risks(&p, &f)
            .unwrap()
            .into_iter()
            .map(|r| r.reference)
            .collect();
        found
    };
    let one = &all[0].reference;
    assert_eq!(typed(one), [one.as_str()]);
    assert_eq!(typed(&one.to_lowercase()), [one.as_str()]);
    let start = &one[..one.len() - 1];
    let mut expected: Vec<String> = all
        .iter()
        .filter(|r| r.reference.starts_with(start))
        .map(|r| r.reference.clone())
        .collect();
    let mut found = typed(start);
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert!(typed(&format!("{}_", &one[..one.len() - 1])).is_empty());

    // The window's path: ids of the same risks, in the same order, and one lean row per
    // risk of the whole register.
    for f in [&filter, &text, &RiskFilter::default()] {
        let ids: Vec<String> = store
            .filter_risks(&p, f)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(store.filter_risk_ids(&p, f).unwrap(), ids);
    }
    let table = store.register_table(&p, today()).unwrap();
    let all = store.filter_risks(&p, &RiskFilter::default()).unwrap();
    assert_eq!(table.rows.len(), all.len());
    assert_eq!(table.rows[0].reference, all[0].reference);
    assert_eq!(table.rows[0].residual, all[0].fields.residual);

    // Edits keep the index current.
    let r = store.find_risk(&p, "EXT-001").unwrap();
    let mut f = r.fields.clone();
    f.title = "Escrow agent unavailable".into();
    store.update_risk(&r.id, f).unwrap();
    assert_eq!(store.search_risks(&p, "escrow", 10).unwrap().len(), 1);
    assert_eq!(store.search_risks(&p, "insolvency", 10).unwrap().len(), 3);
    assert_search_index_matches(&store);
}

/// FTS5's own check of the search index against the risks table.
fn assert_search_index_matches(store: &Store) {
    store
        .connection()
        .execute(
            "INSERT INTO risks_fts (risks_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the search index matches the risks");
}

#[test]
fn new_risks_are_indexed_once_per_transaction_and_stay_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Index"), "5x5")
        .unwrap()
        .id;
    let batch: Vec<RiskFields> = (0..300)
        .map(|n| {
            let mut f = RiskFields::new("financial", format!("Currency exposure {n}"));
            f.description = format!("Payments in yen number {n}");
            f
        })
        .collect();
    let added = store.add_risks(&p, batch).unwrap();
    assert_search_index_matches(&store);
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 300);
    assert_eq!(store.search_risks(&p, "yen", 500).unwrap().len(), 300);

    // A refused batch leaves neither risks nor index entries behind.
    let mut bad = vec![RiskFields::new("financial", "Hedging cost")];
    bad.push(RiskFields::new("nope", "Unknown category"));
    assert!(store.add_risks(&p, bad).is_err());
    assert!(store.search_risks(&p, "hedging", 10).unwrap().is_empty());

    // Edits and deletions after a batch keep the index exact.
    let mut f = added[7].fields.clone();
    f.title = "Sanctions screening gap".into();
    store.update_risk(&added[7].id, f).unwrap();
    store.delete_risk(&added[8].id).unwrap();
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 298);
    assert_eq!(store.search_risks(&p, "sanctions", 10).unwrap().len(), 1);
    assert_search_index_matches(&store);

    // Another partnership's risks are added to the same index without disturbing it.
    let q = store
        .create_partnership(PartnershipFields::new("Second"), "3x3")
        .unwrap()
        .id;
    store
        .add_risks(
            &q,
            vec![RiskFields::new("exit", "Currency of the exit fee")],
        )
        .unwrap();
    assert_eq!(store.search_risks(&q, "currency", 10).unwrap().len(), 1);
    assert_eq!(store.search_risks(&p, "currency", 500).unwrap().len(), 298);
    store.delete_partnership(&p).unwrap();
    assert_search_index_matches(&store);
}
