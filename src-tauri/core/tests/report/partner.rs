//! The partner's view as a column of its own in the register, where chosen: their latest
//! scores, comment, who and when, beside ours; left out by default.

use partner_risk_core::exchange::{self, ExportOptions, MergeOptions};
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::report::{PdfOptions, Section};
use partner_risk_core::review::{ReviewDecision, ReviewFields};
use partner_risk_core::{OpenMode, Store};

use crate::support::{export, today, Pdf};

#[test]
fn the_partners_view_prints_beside_ours_where_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut ours = Store::open(dir.path().join("ours.prisk"), OpenMode::CreateIfMissing).unwrap();
    ours.set_actor("Ann");
    let p = ours
        .create_partnership(PartnershipFields::new("Acme cloud"), "5x5")
        .unwrap();
    let mut f = RiskFields::new("technical", "API breaks without notice");
    f.residual = Some(Score::new(4, 4));
    let rated = ours.add_risk(&p.id, f).unwrap();
    ours.add_risk(&p.id, RiskFields::new("financial", "Partner cannot pay"))
        .unwrap();
    // Shared with the partner, who rescores one risk with a comment and sends it back.
    let share = dir.path().join("share.prisk-exchange");
    let for_partner = ExportOptions {
        for_partner: true,
        ..Default::default()
    };
    exchange::export(&mut ours, &p.id, &share, &for_partner).unwrap();
    let mut partner =
        Store::open(dir.path().join("partner.prisk"), OpenMode::CreateIfMissing).unwrap();
    partner.set_actor("Pat at Acme");
    exchange::merge_file(&mut partner, &share, &MergeOptions::default(), false).unwrap();
    let mut review = ReviewFields::new(
        ReviewDecision::Rescore,
        "Our versioning policy makes this rarer",
    );
    review.residual = Some(Score::new(2, 4));
    partner.add_review(&rated.id, review, today()).unwrap();
    let back = dir.path().join("back.prisk-exchange");
    exchange::export(&mut partner, &p.id, &back, &ExportOptions::default()).unwrap();
    exchange::merge_file(&mut ours, &back, &MergeOptions::default(), false).unwrap();
    let p = ours.partnership(&p.id).unwrap();

    let with = PdfOptions {
        sections: vec![Section::Register],
        partner_views: true,
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&ours, &p, &with));
    let text = pdf.all();
    assert!(pdf.has("Partner's view"), "{text}");
    assert!(pdf.has("Our versioning policy makes this rarer"), "{text}");
    assert!(pdf.has("Pat at Acme"), "{text}");
    // Their residual beside ours: ours L4 × I4, theirs L2 × I4.
    assert!(pdf.has("L4 × I4") && pdf.has("L2 × I4"), "{text}");
    // The risk they did not rescore says so.
    assert!(pdf.has("No view from the partner"), "{text}");
    // Left out by default.
    let without = PdfOptions {
        sections: vec![Section::Register],
        ..PdfOptions::default()
    };
    let pdf = Pdf::read(&export(&ours, &p, &without));
    assert!(!pdf.has("Partner's view") && !pdf.has("Pat at Acme"));
}
