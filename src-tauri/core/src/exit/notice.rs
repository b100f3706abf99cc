//! The last day to give notice: derived from the agreement, never typed.
//!
//! The term ends on `initial_term_end` (its last day). An automatic renewal adds terms of
//! `renewal_months` counted from the day after a term ends, so a term ending on the last
//! day of a month renews to the last day of a month (30 April + 1 month → 31 May) and a
//! leap day is kept where the calendar has one (29 February 2024 + 12 months → 28 February
//! 2025, + 48 months → 29 February 2028). Notice of N days must be given at the latest N
//! days before the term's last day. With an automatic renewal the deadline rolls forward:
//! the term whose deadline has not passed on `today` is the one notice is for. Without a
//! renewal there is one deadline, which may have passed.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Agreement, Renewal};

/// Whose notice: ours to the partner, or the partner's to us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "NoticeSide")]
pub enum Side {
    Ours,
    Partner,
}

/// When notice must be given to leave at the end of a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoticeDeadline {
    pub side: Side,
    /// The last day of the term that the notice ends the agreement at.
    pub term_end: NaiveDate,
    /// The last day to give notice for the agreement to end at `term_end`.
    pub last_day: NaiveDate,
    /// Days from today to `last_day`: 0 on the day itself, negative once it has passed.
    pub days_left: i64,
    /// Whether the agreement renews at `term_end` when no notice is given.
    pub renews: bool,
}

/// The most renewals looked through (a monthly renewal over two centuries).
const MAX_RENEWALS: u32 = 12 * 220;

/// The deadline for `side` on `today`, or `None` when the end of the initial term or that
/// side's notice period is not known.
pub fn notice_deadline(
    agreement: &Agreement,
    side: Side,
    today: NaiveDate,
) -> Option<NoticeDeadline> {
    let first_end = agreement.initial_term_end?;
    let notice = match side {
        Side::Ours => agreement.notice_days_ours?,
        Side::Partner => agreement.notice_days_partner?,
    };
    let deadline = |term_end: NaiveDate| term_end.checked_sub_days(Days::new(u64::from(notice)));
    let renewal = match (agreement.renewal, agreement.renewal_months) {
        (Renewal::Automatic, Some(m)) if m > 0 => Some(m),
        _ => None,
    };
    let mut term_end = first_end;
    if let Some(months) = renewal {
        let next_start = first_end.checked_add_days(Days::new(1))?;
        let mut k = 0;
        while deadline(term_end)? < today {
            k += 1;
            if k > MAX_RENEWALS {
                return None;
            }
            term_end = next_start
                .checked_add_months(Months::new(months.checked_mul(k)?))?
                .checked_sub_days(Days::new(1))?;
        }
    }
    let last_day = deadline(term_end)?;
    Some(NoticeDeadline {
        side,
        term_end,
        last_day,
        days_left: (last_day - today).num_days(),
        renews: renewal.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn agreement(end: &str, notice: u32, months: Option<u32>) -> Agreement {
        Agreement {
            initial_term_end: Some(date(end)),
            notice_days_ours: Some(notice),
            renewal: if months.is_some() {
                Renewal::Automatic
            } else {
                Renewal::None
            },
            renewal_months: months,
            ..Agreement::default()
        }
    }

    /// (term end, notice days, renewal months, today) → (term end, last day, days left).
    #[test]
    fn deadlines() {
        let cases = [
            // No renewal: one deadline, counted back across a month end.
            (
                "2027-03-31",
                30,
                None,
                "2027-01-01",
                "2027-03-31",
                "2027-03-01",
                59,
            ),
            // Across February of a leap year and of a common year.
            (
                "2028-03-15",
                30,
                None,
                "2028-01-01",
                "2028-03-15",
                "2028-02-14",
                44,
            ),
            (
                "2027-03-15",
                30,
                None,
                "2027-01-01",
                "2027-03-15",
                "2027-02-13",
                43,
            ),
            (
                "2028-03-01",
                1,
                None,
                "2028-01-01",
                "2028-03-01",
                "2028-02-29",
                59,
            ),
            // On the day itself: 0 days left; the day after: passed, no renewal to roll to.
            (
                "2027-06-30",
                90,
                None,
                "2027-04-01",
                "2027-06-30",
                "2027-04-01",
                0,
            ),
            (
                "2027-06-30",
                90,
                None,
                "2027-04-02",
                "2027-06-30",
                "2027-04-01",
                -1,
            ),
            // Zero days of notice: until the last day of the term.
            (
                "2027-06-30",
                0,
                None,
                "2027-06-30",
                "2027-06-30",
                "2027-06-30",
                0,
            ),
            // Automatic renewal, deadline still ahead: the initial term.
            (
                "2026-12-31",
                90,
                Some(12),
                "2026-10-02",
                "2026-12-31",
                "2026-10-02",
                0,
            ),
            // Rolled one year: 2027 is not a leap year.
            (
                "2026-12-31",
                90,
                Some(12),
                "2026-10-03",
                "2027-12-31",
                "2027-10-02",
                364,
            ),
            // A term ending on a month's last day renews to months' last days.
            (
                "2027-01-31",
                0,
                Some(1),
                "2027-02-10",
                "2027-02-28",
                "2027-02-28",
                18,
            ),
            (
                "2028-01-31",
                0,
                Some(1),
                "2028-02-10",
                "2028-02-29",
                "2028-02-29",
                19,
            ),
            // A leap day kept where the calendar has one.
            (
                "2024-02-29",
                0,
                Some(12),
                "2025-01-01",
                "2025-02-28",
                "2025-02-28",
                58,
            ),
            (
                "2024-02-29",
                0,
                Some(12),
                "2027-03-01",
                "2028-02-29",
                "2028-02-29",
                365,
            ),
            // Rolled many quarters forward past today.
            (
                "2020-03-31",
                30,
                Some(3),
                "2027-01-15",
                "2027-03-31",
                "2027-03-01",
                45,
            ),
            (
                "2020-03-31",
                30,
                Some(3),
                "2027-03-02",
                "2027-06-30",
                "2027-05-31",
                90,
            ),
        ];
        for (end, notice, months, today, term_end, last_day, left) in cases {
            let a = agreement(end, notice, months);
            let d = notice_deadline(&a, Side::Ours, date(today)).unwrap();
            let got = (d.term_end, d.last_day, d.days_left);
            let want = (date(term_end), date(last_day), left);
            assert_eq!(
                got, want,
                "{end} notice {notice} renewal {months:?} on {today}"
            );
            assert_eq!(d.renews, months.is_some());
        }
    }

    #[test]
    fn a_monthly_renewal_rolls_to_the_next_term() {
        // Term ends 30 April, renews monthly to 31 May, 30 June; 10 days of notice.
        let a = agreement("2027-04-30", 10, Some(1));
        let d = notice_deadline(&a, Side::Ours, date("2027-05-21")).unwrap();
        assert_eq!(
            (d.term_end, d.last_day, d.days_left),
            (date("2027-05-31"), date("2027-05-21"), 0)
        );
        let d = notice_deadline(&a, Side::Ours, date("2027-05-22")).unwrap();
        assert_eq!(
            (d.term_end, d.last_day, d.days_left),
            (date("2027-06-30"), date("2027-06-20"), 29)
        );
    }

    #[test]
    fn a_renewing_agreement_never_has_a_passed_deadline() {
        let a = agreement("2026-01-31", 45, Some(1));
        let mut today = date("2025-06-01");
        while today < date("2031-01-01") {
            let d = notice_deadline(&a, Side::Ours, today).unwrap();
            assert!(d.days_left >= 0, "{today}: {d:?}");
            // The deadline is the first one not passed: the previous term's had passed.
            assert!(d.last_day >= today);
            today = today.succ_opt().unwrap();
        }
    }

    #[test]
    fn each_side_has_its_own_notice() {
        let mut a = agreement("2027-12-31", 90, None);
        a.notice_days_partner = Some(180);
        let today = date("2027-01-01");
        let ours = notice_deadline(&a, Side::Ours, today).unwrap();
        let theirs = notice_deadline(&a, Side::Partner, today).unwrap();
        assert_eq!(ours.last_day, date("2027-10-02"));
        assert_eq!(theirs.last_day, date("2027-07-04"));
        assert_eq!(theirs.side, Side::Partner);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn day(n: i64) -> NaiveDate {
            date("2020-01-01") + chrono::Days::new(n as u64)
        }

        proptest! {
            /// With an automatic renewal: the deadline is never passed, it is the term's
            /// end minus the notice, the term ends on a renewal boundary (a whole number of
            /// periods after the first term), and the term before it had its deadline
            /// passed already.
            #[test]
            fn renewal_rolls_to_the_first_open_deadline(
                end in 0i64..3000, today in 0i64..6000, notice in 0u32..400, months in 1u32..37,
            ) {
                let a = agreement(&day(end).to_string(), notice, Some(months));
                let d = notice_deadline(&a, Side::Ours, day(today)).unwrap();
                prop_assert!(d.days_left >= 0);
                prop_assert_eq!(d.last_day, d.term_end - Days::new(u64::from(notice)));
                let next_start = day(end) + Days::new(1);
                let k = (0..=500u32)
                    .find(|k| next_start.checked_add_months(Months::new(months * k)).unwrap() - Days::new(1) == d.term_end)
                    .expect("the term ends on a renewal boundary");
                if k > 0 {
                    let before = next_start.checked_add_months(Months::new(months * (k - 1))).unwrap() - Days::new(1);
                    prop_assert!(before - Days::new(u64::from(notice)) < day(today));
                }
            }

            /// Without a renewal: one deadline, whatever today is.
            #[test]
            fn without_renewal_the_deadline_stays(end in 0i64..3000, today in 0i64..6000, notice in 0u32..400) {
                let a = agreement(&day(end).to_string(), notice, None);
                let d = notice_deadline(&a, Side::Ours, day(today)).unwrap();
                prop_assert_eq!(d.term_end, day(end));
                prop_assert_eq!(d.days_left, (d.last_day - day(today)).num_days());
            }
        }
    }

    #[test]
    fn unknown_without_the_end_or_the_notice() {
        let today = date("2027-01-01");
        assert!(notice_deadline(&Agreement::default(), Side::Ours, today).is_none());
        let mut a = agreement("2027-12-31", 90, None);
        a.notice_days_ours = None;
        assert!(notice_deadline(&a, Side::Ours, today).is_none());
        a.initial_term_end = None;
        a.notice_days_ours = Some(10);
        assert!(notice_deadline(&a, Side::Ours, today).is_none());
    }
}
