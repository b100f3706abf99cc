//! The other side's history, merged in with new row numbers here, shows on its own day
//! in the activity view.

use super::*;
use crate::store::ActivityFilter;

#[test]
fn merged_history_shows_on_its_own_day_and_does_not_hide_ours() {
    let mut t = two(2);
    let risks = t.b.risks(&t.pid).unwrap();
    let mut f = risks[0].fields.clone();
    f.owner = "Bo".into();
    t.b.update_risk(&risks[0].id, f).unwrap();
    // Bo's change was made yesterday (his workspace was offline).
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    t.b.connection()
        .execute(
            "UPDATE audit_log SET at = ?1 || substr(at, 11) WHERE actor = 'Bo'",
            [yesterday.to_string()],
        )
        .unwrap();
    // Ann's change today, before the merge: a smaller row number than Bo's will get here.
    let mut f = risks[1].fields.clone();
    f.owner = "Ann".into();
    t.a.update_risk(&risks[1].id, f).unwrap();
    let fb = send(&mut t.b, &t.pid, &t.dir.join("b.prisk-exchange"));
    merge_file(&mut t.a, &fb, &MergeOptions::default(), false).unwrap();
    let page = |since, until| {
        t.a.activity(&ActivityFilter {
            partnership_id: Some(t.pid.clone()),
            since,
            until,
            ..Default::default()
        })
        .unwrap()
        .entries
    };
    let owners = |entries: &[crate::store::ActivityEntry]| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.entry.field.as_deref() == Some("owner") && e.entry.context.is_none())
            .map(|e| e.entry.actor.clone())
            .collect()
    };
    // Bo's row is on yesterday, however late it arrived here.
    assert_eq!(owners(&page(Some(yesterday), Some(yesterday))), vec!["Bo"]);
    // From yesterday on: Bo's and Ann's (Ann's is not hidden behind the later row number).
    let mut both = owners(&page(Some(yesterday), None));
    both.sort();
    assert_eq!(both, vec!["Ann", "Bo"]);
    // Today only: Ann's.
    assert_eq!(owners(&page(Some(today), Some(today))), vec!["Ann"]);
    // Up to yesterday: Bo's, though its row number is the newest here.
    assert_eq!(owners(&page(None, Some(yesterday))), vec!["Bo"]);
}
