//! Risk acceptances: requested, approved, rejected and revoked, and expired ones coming back
//! to the queue.

use partner_risk_core::model::RiskStatus;
use partner_risk_core::review::acceptance::{AcceptanceRequest, AcceptanceState};
use partner_risk_core::review::QueueFilter;

use crate::support::{day, desk};

#[test]
fn acceptances_move_through_their_lifecycle_and_expired_ones_come_back() {
    let mut d = desk();
    let today = day("2026-03-01");
    let (tec, reg) = (d.risks[0].clone(), d.risks[1].clone());
    let request = |approver: &str, expiry: &str| AcceptanceRequest {
        approver: approver.into(),
        justification: "tolerable for the pilot".into(),
        expiry: day(expiry),
    };
    // Refusals name the field and write nothing.
    let snapshot = d.snapshot();
    for (req, field) in [
        (request(" ", "2026-06-01"), "approver"),
        (request("CFO", "2026-03-01"), "expiry"),
        (
            AcceptanceRequest {
                justification: "  ".into(),
                ..request("CFO", "2026-06-01")
            },
            "justification",
        ),
    ] {
        let err = d.store.request_acceptance(&tec, req, today).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(d.snapshot(), snapshot);

    // Requested → approved: the risk carries it, audited as the acceptance's doing.
    let asked = d
        .store
        .request_acceptance(&tec, request("CFO", "2026-06-01"), today)
        .unwrap();
    assert_eq!(asked.state, AcceptanceState::Requested);
    assert_eq!(asked.requested_by, "analyst");
    let err = d
        .store
        .request_acceptance(&tec, request("CEO", "2026-07-01"), today)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("already has a request waiting for CFO"),
        "{err}"
    );
    let approved = d
        .store
        .approve_acceptance(&asked.id, "fine until June", today)
        .unwrap();
    assert_eq!(approved.state, AcceptanceState::Approved);
    assert_eq!(approved.decided_by.as_deref(), Some("analyst"));
    assert!(!approved.self_approved);
    let f = d.store.risk(&tec).unwrap().fields;
    assert_eq!(f.status, RiskStatus::Accepted);
    assert_eq!(f.acceptance_expiry, Some(day("2026-06-01")));
    assert!(d
        .store
        .history(&tec)
        .unwrap()
        .iter()
        .any(|e| e.context.as_deref() == Some("acceptance of TEC-001")));
    let err = d
        .store
        .approve_acceptance(&asked.id, "", today)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("only a requested acceptance can be approved"),
        "{err}"
    );

    // Expired: on the day after the expiry the risk is due again, flagged.
    let due = d
        .store
        .review_queue(&QueueFilter::default(), day("2026-06-02"))
        .unwrap();
    let entry = due.iter().find(|e| e.reference == "TEC-001").unwrap();
    assert!(entry.acceptance_expired);
    let later = d.store.acceptances(&tec, day("2026-06-02")).unwrap();
    assert!(later[0].expired);
    assert!(!d.store.acceptances(&tec, day("2026-06-01")).unwrap()[0].expired);

    // Revoked with a reason: the risk is open again; the history keeps both.
    let err = d
        .store
        .revoke_acceptance(&asked.id, " ", today)
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"));
    let revoked = d
        .store
        .revoke_acceptance(&asked.id, "partner breached the SLA", today)
        .unwrap();
    assert_eq!(revoked.state, AcceptanceState::Revoked);
    assert_eq!(revoked.revoked_by.as_deref(), Some("analyst"));
    let f = d.store.risk(&tec).unwrap().fields;
    assert_eq!((f.status, f.treatment), (RiskStatus::Open, None));

    // Rejected (with a note) leaves the risk alone; a self-approval is flagged.
    let asked = d
        .store
        .request_acceptance(&reg, request("analyst", "2026-05-01"), today)
        .unwrap();
    assert!(asked.self_approved);
    let err = d.store.reject_acceptance(&asked.id, "", today).unwrap_err();
    assert_eq!(err.field(), Some("note"));
    let rejected = d
        .store
        .reject_acceptance(&asked.id, "not on a regulatory risk", today)
        .unwrap();
    assert_eq!(rejected.state, AcceptanceState::Rejected);
    assert_eq!(d.store.risk(&reg).unwrap().fields.status, RiskStatus::Open);
    assert_eq!(
        d.store
            .partnership_acceptances(&d.partnership, today)
            .unwrap()
            .len(),
        2
    );
    // The file keeps to the lifecycle even when written directly.
    let err = d
        .store
        .connection()
        .execute(
            "UPDATE acceptances SET state = 'approved' WHERE state = 'rejected'",
            [],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("an acceptance moves only"),
        "{err}"
    );
    // A closed risk is not accepted.
    let mut f = d.store.risk(&reg).unwrap().fields;
    f.status = RiskStatus::Closed;
    d.store.update_risk(&reg, f).unwrap();
    let err = d
        .store
        .request_acceptance(&reg, request("CFO", "2026-05-01"), today)
        .unwrap_err()
        .to_string();
    assert!(err.contains("REG-001 is closed"), "{err}");
}
