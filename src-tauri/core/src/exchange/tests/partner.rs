//! A share with the partner, and their view coming back beside ours.

use super::*;

#[test]
fn a_share_with_the_partner_keeps_internal_matters_home_and_comes_back_as_their_view() {
    let mut t = two(3);
    let risks = t.a.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.treatment_rationale = "Internal: cheaper to accept".into();
    f.owner = "ann@example.com".into();
    t.a.update_risk(&risks[0].id, f).unwrap();
    t.a.add_action(&risks[0].id, ActionFields::new("Negotiate"))
        .unwrap();
    let share = ExportOptions {
        for_partner: true,
        risks: vec![risks[0].reference.clone(), risks[1].reference.clone()],
        fields: vec![],
    };
    let fp = t.dir.join("partner.prisk-exchange");
    export(&mut t.a, &t.pid, &fp, &share).unwrap();
    let payload = file::read(&fp).unwrap();
    let text = serde_json::to_string(&payload.records).unwrap();
    assert!(!text.contains("cheaper to accept") && !text.contains("ann@example.com"));
    assert!(!payload.records.tables.contains_key("actions"));
    assert!(!payload.records.tables.contains_key("audit_log"));
    assert_eq!(payload.records.count("risks"), 2);
    // The partner opens it in a new workspace, rescores one risk with a comment, sends it back.
    let mut partner = Store::open(t.dir.join("partner.prisk"), OpenMode::CreateIfMissing).unwrap();
    partner.set_actor("Pat (partner)");
    merge_file(&mut partner, &fp, &MergeOptions::default(), false).unwrap();
    let mut review = ReviewFields::new(ReviewDecision::Rescore, "We see this as rarer");
    review.residual = Some(Score::new(1, 4));
    partner.add_review(&risks[0].id, review, today()).unwrap();
    let back = t.dir.join("back.prisk-exchange");
    export(&mut partner, &t.pid, &back, &ExportOptions::default()).unwrap();
    let ours_before = t.a.risk(&risks[0].id).unwrap();
    let p = preview(&t.a, &back, &MergeOptions::default()).unwrap();
    assert_eq!(p.mode, Mode::PartnerView);
    merge_file(&mut t.a, &back, &MergeOptions::default(), false).unwrap();
    assert_eq!(t.a.risk(&risks[0].id).unwrap().fields, ours_before.fields);
    let views = partner_views(&t.a, &t.pid).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].residual, Some(Score::new(1, 4)));
    assert_eq!(views[0].author, "Pat (partner)");
    assert!(views[0].comment.contains("We see this as rarer"));
    // Ours is 3×3 (no residual: inherent only); theirs rescored the residual, which we lack.
    assert!(disagreements(&t.a, &t.pid).unwrap().is_empty());
    let mut f = t.a.risk(&risks[0].id).unwrap().fields;
    f.residual = Some(Score::new(4, 4));
    t.a.update_risk(&risks[0].id, f).unwrap();
    let d = disagreements(&t.a, &t.pid).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].kind.as_str(), d[0].steps), ("residual", 3));
    assert_eq!(d[0].theirs, Score::new(1, 4));
    // Twice: nothing more.
    merge_file(&mut t.a, &back, &MergeOptions::default(), false).unwrap();
    assert_eq!(partner_views(&t.a, &t.pid).unwrap().len(), 1);
}
