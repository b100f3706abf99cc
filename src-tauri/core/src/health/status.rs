//! The status of an indicator, computed from its latest readings and today's date.
//!
//! - **Level** of a reading: red when the value is beyond the red threshold, amber when it
//!   is beyond the amber threshold, green otherwise. "Beyond" is below when higher is
//!   better and above when lower is better; a value *equal* to a threshold is not beyond
//!   it (99.0 % against a red threshold of 99.0 % is amber, not red).
//! - **Status**: the level of the latest reading, unless that reading is older than the
//!   frequency plus its grace period — then *stale* —, or there is no reading — *no data*.
//!   Fresh for `grace` days after its date, stale from the day after: monthly 32 days,
//!   quarterly 95, half-yearly 185 (six months of at most 184 days, plus one, like the
//!   others' margin over their longest period), yearly 370.
//! - **Previous period**: periods are calendar periods of the frequency (months, quarters
//!   from January, half-years from January and July, years). The previous reading is the
//!   latest one dated before the start of the period of the latest reading; the change
//!   compares its level with the latest reading's ("newly red since last quarter").
//! - **Since**: the day of the first reading of the unbroken run of readings at the latest
//!   reading's level, the date in the review queue's reason.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Direction, Frequency, IndicatorFields};
use crate::error::{Error, Result};
use crate::model::string_enum;

/// Days after its date that a monthly indicator's latest reading keeps it fresh.
pub const GRACE_MONTHLY: i64 = 32;
/// … a quarterly indicator's.
pub const GRACE_QUARTERLY: i64 = 95;
/// … a half-yearly indicator's.
pub const GRACE_HALF_YEARLY: i64 = 185;
/// … a yearly indicator's.
pub const GRACE_YEARLY: i64 = 370;

string_enum!(
    /// The level of one reading against the thresholds.
    Level, "level" {
        Green => "green",
        Amber => "amber",
        Red => "red",
    }
);

string_enum!(
    /// The status of an indicator.
    Status, "status" {
        Green => "green",
        Amber => "amber",
        Red => "red",
        Stale => "stale",
        NoData => "no_data",
    }
);

impl Status {
    /// Whether the status brings the indicator's risks into the review queue.
    pub fn needs_review(self) -> bool {
        matches!(self, Status::Amber | Status::Red | Status::Stale)
    }
}

string_enum!(
    /// How the latest reading's level compares with the previous period's (`new`: no
    /// reading before the latest reading's period, or no reading at all).
    Change, "change" {
        New => "new",
        Same => "same",
        Better => "better",
        Worse => "worse",
    }
);

/// One reading reduced to what the status needs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

/// What an indicator's status is computed from: the store finds it with a few index
/// lookups, [`History::from_points`] from a whole list.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct History {
    pub latest: Option<Point>,
    /// The latest reading before the start of the latest reading's period.
    pub previous: Option<Point>,
    /// The date of the first reading of the unbroken run at the latest reading's level.
    pub run_start: Option<NaiveDate>,
}

impl History {
    /// The history of readings given oldest first, one per day.
    pub fn from_points(fields: &IndicatorFields, points: &[Point]) -> History {
        let Some(latest) = points.last().copied() else {
            return History::default();
        };
        let start = period_start(fields.frequency, latest.date);
        let previous = points.iter().rev().find(|p| p.date < start).copied();
        let level = level(fields, latest.value);
        let run_start = points
            .iter()
            .rev()
            .take_while(|p| self::level(fields, p.value) == level)
            .last()
            .map(|p| p.date);
        History {
            latest: Some(latest),
            previous,
            run_start,
        }
    }
}

/// A change of level between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelChange {
    pub from: Level,
    pub to: Level,
}

/// The status of an indicator on a day, with everything the screens and the queue say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IndicatorStatus {
    pub status: Status,
    /// The level of the latest reading (also when stale).
    pub level: Option<Level>,
    pub latest: Option<Point>,
    /// The first day of the run at the latest reading's level; for a stale indicator, the
    /// first day it is stale.
    pub since: Option<NaiveDate>,
    /// The last day the latest reading keeps the indicator fresh.
    pub fresh_until: Option<NaiveDate>,
    pub previous: Option<Point>,
    pub change: Change,
    /// The levels before and after, when they differ.
    pub level_change: Option<LevelChange>,
    /// The latest value minus the previous period's.
    pub delta: Option<f64>,
    /// The reason in words, for the review queue and the health table.
    pub reason: String,
    /// The change in words ("newly red since last quarter"); empty without readings.
    pub change_words: String,
}

/// The level of a value against the thresholds (see the module's notes on equality).
pub fn level(fields: &IndicatorFields, value: f64) -> Level {
    let beyond = |threshold: f64| match fields.direction {
        Direction::HigherIsBetter => value < threshold,
        Direction::LowerIsBetter => value > threshold,
    };
    if beyond(fields.red) {
        Level::Red
    } else if beyond(fields.amber) {
        Level::Amber
    } else {
        Level::Green
    }
}

/// The first day of the calendar period of `frequency` that holds `date`.
pub fn period_start(frequency: Frequency, date: NaiveDate) -> NaiveDate {
    let months = frequency.months();
    let month = (date.month0() / months) * months + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).expect("the first of a month exists")
}

/// A date as the reasons write it: `31 Mar 2027`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The status of the indicator `fields` on `today`, from its [`History`].
pub fn status(fields: &IndicatorFields, history: &History, today: NaiveDate) -> IndicatorStatus {
    let name = &fields.name;
    let unit = fields.unit;
    let Some(latest) = history.latest else {
        return IndicatorStatus {
            status: Status::NoData,
            level: None,
            latest: None,
            since: None,
            fresh_until: None,
            previous: None,
            change: Change::New,
            level_change: None,
            delta: None,
            reason: format!("{name} has no reading yet"),
            change_words: String::new(),
        };
    };
    let level = level(fields, latest.value);
    let grace = fields.frequency.grace_days();
    let fresh_until = latest
        .date
        .checked_add_days(Days::new(grace as u64))
        .unwrap_or(NaiveDate::MAX);
    let stale = today > fresh_until;
    let value = unit.format(latest.value);
    let side = match fields.direction {
        Direction::HigherIsBetter => "below",
        Direction::LowerIsBetter => "above",
    };
    let run_start = history.run_start.unwrap_or(latest.date);
    let (status, since, reason) = if stale {
        let since = fresh_until.succ_opt().unwrap_or(fresh_until);
        let reason = format!(
            "{name} is stale: the latest reading, {value} on {}, is more than {grace} days old ({} indicator)",
            format_date(latest.date),
            fields.frequency.as_str().replace('_', "-"),
        );
        (Status::Stale, since, reason)
    } else {
        let (status, reason) = match level {
            Level::Red => (
                Status::Red,
                format!(
                    "{name} {value} is {side} the red threshold {} since {}",
                    unit.format(fields.red),
                    format_date(run_start)
                ),
            ),
            Level::Amber => (
                Status::Amber,
                format!(
                    "{name} {value} is {side} the amber threshold {} since {}",
                    unit.format(fields.amber),
                    format_date(run_start)
                ),
            ),
            Level::Green => (
                Status::Green,
                format!(
                    "{name} {value} is within its thresholds (amber {side} {}) since {}",
                    unit.format(fields.amber),
                    format_date(run_start)
                ),
            ),
        };
        (status, run_start, reason)
    };
    let period = fields.frequency.period_name();
    let (change, level_change, delta, change_words) = match history.previous {
        None => (
            Change::New,
            None,
            None,
            format!("no reading before this {period}"),
        ),
        Some(previous) => {
            let before = self::level(fields, previous.value);
            let change = match (rank(before), rank(level)) {
                (a, b) if a == b => Change::Same,
                (a, b) if b > a => Change::Worse,
                _ => Change::Better,
            };
            let last_period = period_start(fields.frequency, latest.date)
                .pred_opt()
                .map(|d| period_start(fields.frequency, d));
            let when = if last_period.is_some_and(|start| previous.date >= start) {
                format!("since last {period}")
            } else {
                format!("since {}", format_date(previous.date))
            };
            let words = match change {
                Change::Same => format!("still {level} {when}"),
                Change::Worse => format!("newly {level} {when}"),
                Change::Better | Change::New => format!("improved to {level} {when}"),
            };
            // Beside a "Stale" chip, "newly amber" alone reads as today's news.
            let words = if stale {
                format!("last reading {words}")
            } else {
                words
            };
            let level_change = (before != level).then_some(LevelChange {
                from: before,
                to: level,
            });
            (
                change,
                level_change,
                Some(latest.value - previous.value),
                words,
            )
        }
    };
    IndicatorStatus {
        status,
        level: Some(level),
        latest: Some(latest),
        since: Some(since),
        fresh_until: Some(fresh_until),
        previous: history.previous,
        change,
        level_change,
        delta,
        reason,
        change_words,
    }
}

fn rank(level: Level) -> u8 {
    match level {
        Level::Green => 0,
        Level::Amber => 1,
        Level::Red => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Source, Unit};
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn indicator(
        direction: Direction,
        amber: f64,
        red: f64,
        frequency: Frequency,
    ) -> IndicatorFields {
        IndicatorFields {
            name: "Availability".into(),
            unit: Unit::Percent,
            direction,
            target: None,
            amber,
            red,
            frequency,
            owner: String::new(),
            source: Source::Entered,
            description: String::new(),
            risk_ids: vec![],
            exit_triggers: vec![],
        }
    }

    fn availability() -> IndicatorFields {
        indicator(Direction::HigherIsBetter, 99.5, 99.0, Frequency::Monthly)
    }

    fn error_rate() -> IndicatorFields {
        let mut f = indicator(Direction::LowerIsBetter, 1.0, 5.0, Frequency::Monthly);
        f.name = "Error rate".into();
        f
    }

    fn points(list: &[(NaiveDate, f64)]) -> Vec<Point> {
        list.iter()
            .map(|&(date, value)| Point { date, value })
            .collect()
    }

    #[test]
    fn levels_for_both_directions_with_values_on_the_thresholds() {
        let up = availability();
        for (value, expected) in [
            (100.0, Level::Green),
            (99.6, Level::Green),
            (99.5, Level::Green),
            (99.49, Level::Amber),
            (99.0, Level::Amber),
            (98.99, Level::Red),
            (0.0, Level::Red),
        ] {
            assert_eq!(level(&up, value), expected, "higher is better, {value}");
        }
        let down = error_rate();
        for (value, expected) in [
            (0.0, Level::Green),
            (1.0, Level::Green),
            (1.01, Level::Amber),
            (5.0, Level::Amber),
            (5.01, Level::Red),
            (100.0, Level::Red),
        ] {
            assert_eq!(level(&down, value), expected, "lower is better, {value}");
        }
        // Equal thresholds: no amber band.
        let sharp = indicator(Direction::HigherIsBetter, 99.0, 99.0, Frequency::Monthly);
        assert_eq!(level(&sharp, 99.0), Level::Green);
        assert_eq!(level(&sharp, 98.9), Level::Red);
    }

    #[test]
    fn status_reason_names_value_threshold_and_since() {
        let f = availability();
        let history = History::from_points(
            &f,
            &points(&[
                (d(2027, 1, 31), 99.9),
                (d(2027, 2, 28), 98.9),
                (d(2027, 3, 31), 98.7),
            ]),
        );
        let s = status(&f, &history, d(2027, 4, 10));
        assert_eq!(s.status, Status::Red);
        assert_eq!(
            s.reason,
            "Availability 98.7 % is below the red threshold 99.0 % since 28 Feb 2027"
        );
        assert_eq!(s.since, Some(d(2027, 2, 28)));
        assert_eq!(s.change, Change::Same);
        assert_eq!(s.change_words, "still red since last month");
        assert!((s.delta.unwrap() - -0.2).abs() < 1e-9);

        let history = History::from_points(
            &f,
            &points(&[(d(2026, 12, 31), 99.9), (d(2027, 3, 31), 98.7)]),
        );
        let s = status(&f, &history, d(2027, 3, 31));
        assert_eq!(
            s.reason,
            "Availability 98.7 % is below the red threshold 99.0 % since 31 Mar 2027"
        );
        assert_eq!(s.change, Change::Worse);
        assert_eq!(
            s.level_change,
            Some(LevelChange {
                from: Level::Green,
                to: Level::Red
            })
        );
        assert_eq!(s.change_words, "newly red since 31 Dec 2026");
        assert!(s.status.needs_review());

        let e = error_rate();
        let history = History::from_points(&e, &points(&[(d(2027, 3, 1), 2.5)]));
        let s = status(&e, &history, d(2027, 3, 2));
        assert_eq!(s.status, Status::Amber);
        assert_eq!(
            s.reason,
            "Error rate 2.5 % is above the amber threshold 1.0 % since 1 Mar 2027"
        );
        assert_eq!(s.change, Change::New);
        assert_eq!(s.change_words, "no reading before this month");
    }

    #[test]
    fn quarterly_change_compares_with_the_previous_quarter() {
        let mut f = availability();
        f.frequency = Frequency::Quarterly;
        let history = History::from_points(
            &f,
            &points(&[
                (d(2026, 12, 20), 98.0),
                (d(2027, 2, 10), 99.2),
                (d(2027, 3, 31), 99.9),
            ]),
        );
        assert_eq!(history.previous.unwrap().date, d(2026, 12, 20));
        let s = status(&f, &history, d(2027, 4, 1));
        assert_eq!(s.status, Status::Green);
        assert_eq!(s.change, Change::Better);
        assert_eq!(s.change_words, "improved to green since last quarter");
        assert!(!s.status.needs_review());
    }

    #[test]
    fn no_data_and_stale_reasons() {
        let f = availability();
        let s = status(&f, &History::default(), d(2027, 4, 1));
        assert_eq!(s.status, Status::NoData);
        assert_eq!(s.reason, "Availability has no reading yet");
        let history = History::from_points(&f, &points(&[(d(2027, 3, 31), 98.7)]));
        let s = status(&f, &history, d(2027, 5, 3));
        assert_eq!(s.status, Status::Stale);
        assert_eq!(s.level, Some(Level::Red));
        assert_eq!(s.since, Some(d(2027, 5, 3)));
        assert_eq!(
            s.reason,
            "Availability is stale: the latest reading, 98.7 % on 31 Mar 2027, is more than 32 days old (monthly indicator)"
        );
        let history = History::from_points(
            &f,
            &points(&[(d(2027, 2, 28), 99.9), (d(2027, 3, 31), 98.7)]),
        );
        let s = status(&f, &history, d(2027, 5, 3));
        assert_eq!(s.status, Status::Stale);
        assert_eq!(s.change_words, "last reading newly red since last month");
    }

    #[test]
    fn period_starts() {
        let day = d(2027, 8, 17);
        assert_eq!(period_start(Frequency::Monthly, day), d(2027, 8, 1));
        assert_eq!(period_start(Frequency::Quarterly, day), d(2027, 7, 1));
        assert_eq!(period_start(Frequency::HalfYearly, day), d(2027, 7, 1));
        assert_eq!(period_start(Frequency::Yearly, day), d(2027, 1, 1));
        assert_eq!(
            period_start(Frequency::Quarterly, d(2027, 3, 31)),
            d(2027, 1, 1)
        );
        assert_eq!(
            period_start(Frequency::HalfYearly, d(2027, 6, 30)),
            d(2027, 1, 1)
        );
    }

    fn any_frequency() -> impl Strategy<Value = Frequency> {
        prop::sample::select(Frequency::ALL.to_vec())
    }

    proptest! {
        /// Fresh on the last day of the grace period, stale from the next day, at every
        /// frequency and on any date (month ends, leap days included).
        #[test]
        fn stale_exactly_after_the_grace_period(
            frequency in any_frequency(),
            days in 0i64..(200 * 366),
            value in 0.0f64..=100.0,
        ) {
            let date = d(1990, 1, 1) + chrono::Duration::days(days);
            let mut f = availability();
            f.frequency = frequency;
            let history = History::from_points(&f, &[Point { date, value }]);
            let grace = frequency.grace_days();
            let last_fresh = date + chrono::Duration::days(grace);
            let fresh = status(&f, &history, last_fresh);
            prop_assert_ne!(fresh.status, Status::Stale);
            prop_assert_eq!(fresh.fresh_until, Some(last_fresh));
            let on_the_day = status(&f, &history, date);
            prop_assert_eq!(on_the_day.status, fresh.status);
            let stale = status(&f, &history, last_fresh + chrono::Duration::days(1));
            prop_assert_eq!(stale.status, Status::Stale);
            prop_assert_eq!(stale.since, Some(last_fresh + chrono::Duration::days(1)));
            prop_assert_eq!(stale.level, fresh.level);
        }

        /// A worse value is never at a better level, whichever the direction.
        #[test]
        fn levels_are_monotone(a in 0.0f64..=100.0, b in 0.0f64..=100.0, up in any::<bool>()) {
            let f = if up { availability() } else { error_rate() };
            let (worse, better) = match (f.direction, a < b) {
                (Direction::HigherIsBetter, true) | (Direction::LowerIsBetter, false) => (a, b),
                _ => (b, a),
            };
            prop_assert!(rank(level(&f, worse)) >= rank(level(&f, better)));
        }

        /// The run start is the first reading of the latest run at one level, and the
        /// previous reading lies before the latest reading's period.
        #[test]
        fn history_from_points(
            values in prop::collection::vec(95.0f64..100.0, 1..60),
            start in 0i64..3000,
            frequency in any_frequency(),
        ) {
            let mut f = availability();
            f.frequency = frequency;
            let first = d(2020, 1, 1) + chrono::Duration::days(start);
            let list: Vec<Point> = values
                .iter()
                .enumerate()
                .map(|(n, &value)| Point { date: first + chrono::Duration::days(n as i64 * 9), value })
                .collect();
            let h = History::from_points(&f, &list);
            let latest = *list.last().unwrap();
            prop_assert_eq!(h.latest, Some(latest));
            let run_start = h.run_start.unwrap();
            let at = level(&f, latest.value);
            for p in list.iter().filter(|p| p.date >= run_start) {
                prop_assert_eq!(level(&f, p.value), at);
            }
            if let Some(before) = list.iter().rev().find(|p| p.date < run_start) {
                prop_assert_ne!(level(&f, before.value), at);
            }
            if let Some(previous) = h.previous {
                prop_assert!(previous.date < period_start(frequency, latest.date));
            }
        }
    }
}
