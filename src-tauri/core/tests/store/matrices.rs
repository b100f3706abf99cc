//! Matrices in the store: a change of matrix maps scores only when confirmed; custom
//! matrices cloned, edited and protected.

use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, ScoreKind};

use crate::support::{partnership, risk, temp_store};

#[test]
fn changing_the_matrix_maps_scores_only_when_confirmed() {
    let (_dir, mut store) = temp_store();
    let p = partnership(&mut store, "5x5");
    let mut fields = risk("technical", "t", Some((5, 5)));
    fields.residual = Some(Score::new(3, 2));
    let r = store.add_risk(&p, fields).unwrap();
    store.add_risk(&p, risk("exit", "unscored", None)).unwrap();

    let plan = store.plan_matrix_change(&p, "3x3").unwrap();
    assert_eq!(plan.changes.len(), 2);
    let inherent = plan
        .changes
        .iter()
        .find(|c| c.kind == ScoreKind::Inherent)
        .unwrap();
    assert_eq!(
        (inherent.from, inherent.to),
        (Score::new(5, 5), Score::new(3, 3))
    );
    assert_eq!(inherent.to_level, "High");
    let residual = plan
        .changes
        .iter()
        .find(|c| c.kind == ScoreKind::Residual)
        .unwrap();
    assert_eq!(residual.to, Score::new(2, 2));
    // Planning wrote nothing.
    assert_eq!(
        store.risk(&r.id).unwrap().fields.inherent,
        Some(Score::new(5, 5))
    );
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-5x5");

    // A plan made before the register changed is refused.
    let stale = plan.clone();
    store
        .score_risk(&r.id, ScoreKind::Target, Some(Score::new(1, 1)))
        .unwrap();
    let e = store.apply_matrix_change(&stale).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-5x5");

    let plan = store.plan_matrix_change(&p, "3x3").unwrap();
    assert_eq!(plan.changes.len(), 3);
    store.apply_matrix_change(&plan).unwrap();
    let after = store.risk(&r.id).unwrap();
    assert_eq!(store.partnership(&p).unwrap().matrix_id, "preset-3x3");
    assert_eq!(after.fields.inherent, Some(Score::new(3, 3)));
    assert_eq!(after.fields.residual, Some(Score::new(2, 2)));
    assert_eq!(after.fields.target, Some(Score::new(1, 1)));
    let history = store.history(&r.id).unwrap();
    assert!(history
        .iter()
        .any(|h| h.field.as_deref() == Some("inherent")));
}

#[test]
fn custom_matrices_are_cloned_edited_and_protected() {
    let (_dir, mut store) = temp_store();
    let mut m = store.clone_matrix("4x4", "Our 4×4").unwrap();
    assert!(m.preset.is_none());
    m.levels[3].colour = "#880000".into();
    m.grid[0][0] = 3;
    let saved = store.update_matrix(m.clone()).unwrap();
    assert_eq!(store.matrix(&saved.id).unwrap().grid[0][0], 3);
    assert!(!store.matrix(&saved.id).unwrap().check().warnings.is_empty());
    let history = store.history(&saved.id).unwrap();
    assert!(history.iter().any(|h| h.field.as_deref() == Some("grid")));

    let mut preset = store.find_matrix("5x5").unwrap();
    preset.name = "Mine".into();
    assert_eq!(store.update_matrix(preset).unwrap_err().code(), "invalid");

    let p = store
        .create_partnership(PartnershipFields::new("Uses it"), &saved.id)
        .unwrap();
    let mut bigger = saved.clone();
    bigger.likelihood.push(bigger.likelihood[0].clone());
    bigger.likelihood[4].label = "Extra".into();
    bigger.grid.push(vec![3; 4]);
    let e = store.update_matrix(bigger).unwrap_err();
    assert_eq!(e.field(), Some("likelihood"));
    assert_eq!(
        store.delete_matrix(&saved.id).unwrap_err().code(),
        "conflict"
    );
    store.delete_partnership(&p.id).unwrap();
    store.delete_matrix(&saved.id).unwrap();
    assert_eq!(
        store.find_matrix("Our 4×4").unwrap_err().code(),
        "not_found"
    );
}
