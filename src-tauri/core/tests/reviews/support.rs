//! What every review test uses: dates and scores in short, and a desk: a workspace file
//! with one partnership of three risks, the analyst's store on it, and checks of the due
//! days kept, the queue and the file's bytes.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::review::{QueueFilter, ReviewState};
use partner_risk_core::{OpenMode, Store};
use tempfile::TempDir;

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn s(l: u8, i: u8) -> Score {
    Score::new(l, i)
}

pub struct Desk {
    pub dir: TempDir,
    pub store: Store,
    pub partnership: String,
    /// Risks: TEC-001 (residual 2,2), REG-001 (inherent 5,5), EXT-001 (unscored).
    pub risks: Vec<String>,
}

pub fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("analyst");
    let partnership = store
        .create_partnership(PartnershipFields::new("Acme pilot"), "5x5")
        .unwrap()
        .id;
    let risks = store
        .add_risks(
            &partnership,
            vec![
                RiskFields {
                    residual: Some(s(2, 2)),
                    inherent: Some(s(4, 4)),
                    owner: "Ann".into(),
                    ..RiskFields::new("technical", "Partner API changes without notice")
                },
                RiskFields {
                    inherent: Some(s(5, 5)),
                    ..RiskFields::new("regulatory", "No DPA before personal data moves")
                },
                RiskFields::new("exit", "No written exit plan"),
            ],
        )
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    Desk {
        dir,
        store,
        partnership,
        risks,
    }
}

impl Desk {
    pub fn interval(&self, score: Score) -> u32 {
        let p = self.store.partnership(&self.partnership).unwrap();
        let m = self.store.matrix(&p.matrix_id).unwrap();
        m.level(score).unwrap().review_days
    }

    pub fn queue(&self, today: NaiveDate) -> Vec<(String, ReviewState)> {
        self.assert_due_days_kept();
        self.store
            .review_queue(&QueueFilter::default(), today)
            .unwrap()
            .into_iter()
            .map(|e| (e.reference, e.state))
            .collect()
    }

    /// The due day kept on every risk is the one its cadence gives now.
    pub fn assert_due_days_kept(&self) {
        let stale: Vec<(String, Option<String>, Option<String>)> = self
            .store
            .connection()
            .prepare(
                "SELECT r.reference, r.review_due, k.due FROM risks r
                 JOIN risk_cadence k ON k.id = r.id WHERE r.review_due IS NOT k.due",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(stale.is_empty(), "stale due days: {stale:?}");
    }

    /// The file's bytes after a checkpoint, and the rows that matter.
    pub fn snapshot(&self) -> (Vec<u8>, i64, i64, i64) {
        let c = self.store.connection();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        let count = |t: &str| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        (
            std::fs::read(self.dir.path().join("w.prisk")).unwrap(),
            count("reviews"),
            count("audit_log"),
            count("actions"),
        )
    }
}
