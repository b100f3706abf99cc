//! What every store test uses: a store on a temporary file, a partnership and a risk in
//! short, and the day of the tests.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{PartnershipFields, RiskFields};
use partner_risk_core::{OpenMode, Store};
use tempfile::TempDir;

pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    store.set_actor("tester");
    (dir, store)
}

pub fn partnership(store: &mut Store, matrix: &str) -> String {
    store
        .create_partnership(PartnershipFields::new("Acme pilot"), matrix)
        .unwrap()
        .id
}

pub fn risk(category: &str, title: &str, inherent: Option<(u8, u8)>) -> RiskFields {
    RiskFields {
        inherent: inherent.map(|(l, i)| Score::new(l, i)),
        ..RiskFields::new(category, title)
    }
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}
