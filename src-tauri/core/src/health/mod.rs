//! Partnership health: key risk indicators (KRIs) with thresholds, and readings over time.
//!
//! An [`Indicator`] belongs to a partnership: a name, a [`Unit`] (which bounds its values),
//! a [`Direction`] (higher or lower is better), an optional target, an amber and a red
//! threshold, a [`Frequency`], an owner, how its readings arrive ([`Source`]), the risks it
//! informs and the exit triggers it fires. A [`Reading`] is one value on one day.
//!
//! Everything else is computed, never typed: the status (green / amber / red / stale / no
//! data), the change since the previous period and the reason in words ([`status`]). The
//! [`library`] holds common indicators with sensible defaults to start from.
//!
//! A domain floor: it uses errors, the input rules and the model, never the store. It
//! never changes a risk's score: it brings the risk to the analyst.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::string_enum;
use crate::rules::{check_date, limit_text, require_text};

pub mod library;
pub mod status;

pub use library::{library, LibraryEntry};
pub use status::{
    status, Change, History, IndicatorStatus, Level, LevelChange, Point, Status, GRACE_HALF_YEARLY,
    GRACE_MONTHLY, GRACE_QUARTERLY, GRACE_YEARLY,
};

/// The longest name, owner and note.
pub const MAX_NAME: usize = 120;
pub const MAX_OWNER: usize = 120;
pub const MAX_NOTE: usize = 2_000;
/// The most risks an indicator informs and exit triggers it fires.
pub const MAX_LINKS: usize = 100;

string_enum!(
    /// What a value is measured in; the unit bounds the values an indicator accepts:
    /// `percent` a share, 0–100 (availability, error rate, accuracy); `percent_of_plan` 0 or
    /// more (revenue against plan may exceed 100); `count` a whole number, 0 or more
    /// (incidents, findings, disputes); `milliseconds` 0 or more (response times); `days` a
    /// whole number, negative allowed (days until a certificate expires); `number` any
    /// finite number.
    Unit, "unit" {
        Percent => "percent",
        PercentOfPlan => "percent_of_plan",
        Count => "count",
        Milliseconds => "milliseconds",
        Days => "days",
        Number => "number",
    }
);

impl Unit {
    /// The symbol written after a value ("" for counts and plain numbers).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Percent | Unit::PercentOfPlan => " %",
            Unit::Milliseconds => " ms",
            Unit::Days => " days",
            Unit::Count | Unit::Number => "",
        }
    }

    /// Refuses a value this unit cannot hold, naming the field.
    pub fn check(self, field: &str, value: f64) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::invalid(field, value, "must be a finite number"));
        }
        let whole = value.fract() == 0.0;
        let reason = match self {
            Unit::Percent if !(0.0..=100.0).contains(&value) => {
                Some("a percentage must be between 0 and 100")
            }
            Unit::PercentOfPlan if value < 0.0 => Some("a percentage of plan cannot be negative"),
            Unit::Count if value < 0.0 => Some("a count cannot be negative"),
            Unit::Count if !whole => Some("a count must be a whole number"),
            Unit::Milliseconds if value < 0.0 => Some("a duration cannot be negative"),
            Unit::Days if !whole => Some("a number of days must be a whole number"),
            _ => None,
        };
        match reason {
            Some(reason) => Err(Error::invalid(field, format_number(value), reason)),
            None => Ok(()),
        }
    }

    /// A value as people read it: `98.7 %`, `99.0 %`, `250 ms`, `3`.
    pub fn format(self, value: f64) -> String {
        let number = match self {
            // Percentages keep one decimal at least: 99.0 %, 99.95 %.
            Unit::Percent | Unit::PercentOfPlan if value.fract() == 0.0 => format!("{value:.1}"),
            _ => format_number(value),
        };
        format!("{number}{}", self.symbol())
    }
}

/// A number with at most four decimals and no trailing zeros.
pub fn format_number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

string_enum!(
    /// Which way is good.
    Direction, "direction" {
        HigherIsBetter => "higher_is_better",
        LowerIsBetter => "lower_is_better",
    }
);

string_enum!(
    /// How often a reading is expected (named apart from the loss model's frequency in the
    /// window's bindings; [`Frequency`] in Rust).
    IndicatorFrequency, "frequency" {
        Monthly => "monthly",
        Quarterly => "quarterly",
        HalfYearly => "half_yearly",
        Yearly => "yearly",
    }
);

/// How often a reading is expected.
pub type Frequency = IndicatorFrequency;

impl Frequency {
    /// The days after its date that the latest reading keeps an indicator fresh: the
    /// frequency plus a grace period (see [`status`]).
    pub fn grace_days(self) -> i64 {
        match self {
            Frequency::Monthly => GRACE_MONTHLY,
            Frequency::Quarterly => GRACE_QUARTERLY,
            Frequency::HalfYearly => GRACE_HALF_YEARLY,
            Frequency::Yearly => GRACE_YEARLY,
        }
    }

    /// The period's name in "since last month".
    pub fn period_name(self) -> &'static str {
        match self {
            Frequency::Monthly => "month",
            Frequency::Quarterly => "quarter",
            Frequency::HalfYearly => "half-year",
            Frequency::Yearly => "year",
        }
    }

    /// The months a period lasts.
    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
        }
    }
}

string_enum!(
    /// How readings arrive.
    Source, "source" {
        Entered => "entered",
        Imported => "imported",
    }
);

/// An exit trigger an indicator fires: a scenario of the partnership's exit plan (its id)
/// and one of its triggers — a checklist code (`sla_breach`) or a custom trigger's words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TriggerLink {
    pub scenario_id: String,
    pub trigger: String,
}

/// What a user edits of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFields {
    /// Unique in the partnership (any case).
    pub name: String,
    pub unit: Unit,
    pub direction: Direction,
    /// The value aimed at, when there is one: on the good side of the amber threshold.
    #[serde(default)]
    pub target: Option<f64>,
    /// A reading beyond it (below it when higher is better, above it when lower is better)
    /// is amber; a reading equal to it is not.
    pub amber: f64,
    /// A reading beyond it is red; a reading equal to it is amber at worst.
    pub red: f64,
    pub frequency: Frequency,
    #[serde(default)]
    pub owner: String,
    #[serde(default = "entered")]
    pub source: Source,
    #[serde(default)]
    pub description: String,
    /// The ids of the partnership's risks the indicator informs.
    #[serde(default)]
    pub risk_ids: Vec<String>,
    /// The exit triggers it fires when red.
    #[serde(default)]
    pub exit_triggers: Vec<TriggerLink>,
}

fn entered() -> Source {
    Source::Entered
}

/// An indicator as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub id: String,
    pub partnership_id: String,
    #[serde(flatten)]
    pub fields: IndicatorFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl IndicatorFields {
    /// The fields with their texts trimmed.
    pub fn normalised(mut self) -> Self {
        self.name = self.name.trim().to_string();
        self.owner = self.owner.trim().to_string();
        self.description = self.description.trim().to_string();
        self
    }

    /// Refuses fields that break a rule, naming the field: texts, values the unit cannot
    /// hold, thresholds and a target that do not follow the direction (when higher is
    /// better: red ≤ amber ≤ target; when lower is better: red ≥ amber ≥ target).
    pub fn validate(&self) -> Result<()> {
        require_text("name", &self.name, MAX_NAME)?;
        limit_text("owner", &self.owner, MAX_OWNER)?;
        limit_text("description", &self.description, MAX_NOTE)?;
        self.unit.check("amber", self.amber)?;
        self.unit.check("red", self.red)?;
        if let Some(target) = self.target {
            self.unit.check("target", target)?;
        }
        let (worse, better) = match self.direction {
            Direction::HigherIsBetter => ("below", "above"),
            Direction::LowerIsBetter => ("above", "below"),
        };
        let at_least = |a: f64, b: f64| match self.direction {
            Direction::HigherIsBetter => a >= b,
            Direction::LowerIsBetter => a <= b,
        };
        if !at_least(self.amber, self.red) {
            return Err(Error::invalid(
                "red",
                self.unit.format(self.red),
                format!(
                    "the red threshold must not be {better} the amber threshold {} when {}",
                    self.unit.format(self.amber),
                    self.direction.words()
                ),
            ));
        }
        if let Some(target) = self.target.filter(|t| !at_least(*t, self.amber)) {
            return Err(Error::invalid(
                "target",
                self.unit.format(target),
                format!(
                    "the target must not be {worse} the amber threshold {} when {}",
                    self.unit.format(self.amber),
                    self.direction.words()
                ),
            ));
        }
        if self.risk_ids.len() > MAX_LINKS {
            return Err(Error::invalid(
                "risk_ids",
                self.risk_ids.len(),
                format!("at most {MAX_LINKS} risks"),
            ));
        }
        if self.exit_triggers.len() > MAX_LINKS {
            return Err(Error::invalid(
                "exit_triggers",
                self.exit_triggers.len(),
                format!("at most {MAX_LINKS} exit triggers"),
            ));
        }
        for (n, id) in self.risk_ids.iter().enumerate() {
            if self.risk_ids[..n].contains(id) {
                return Err(Error::invalid(
                    format!("risk_ids[{n}]"),
                    id,
                    "is linked twice",
                ));
            }
        }
        for (n, link) in self.exit_triggers.iter().enumerate() {
            require_text(
                &format!("exit_triggers[{n}].trigger"),
                &link.trigger,
                MAX_NOTE,
            )?;
            if self.exit_triggers[..n].contains(link) {
                return Err(Error::invalid(
                    format!("exit_triggers[{n}]"),
                    &link.trigger,
                    "is linked twice",
                ));
            }
        }
        Ok(())
    }
}

impl Direction {
    pub fn words(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher is better",
            Direction::LowerIsBetter => "lower is better",
        }
    }
}

/// What a user records of one reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReadingFields {
    pub date: NaiveDate,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

impl ReadingFields {
    /// Refuses a reading that cannot be right for `unit`: a value the unit cannot hold, a
    /// date after `today` or outside the years the input rules allow, a note too long.
    pub fn validate(&self, unit: Unit, today: NaiveDate) -> Result<()> {
        check_date("date", self.date)?;
        if self.date > today {
            return Err(Error::invalid(
                "date",
                self.date,
                format!("is in the future (today is {today})"),
            ));
        }
        unit.check("value", self.value)?;
        limit_text("note", &self.note, MAX_NOTE)
    }
}

/// A reading as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reading {
    pub id: String,
    pub indicator_id: String,
    #[serde(flatten)]
    pub fields: ReadingFields,
    /// Who recorded it.
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// The id of the reading of the same day this one replaced, if any.
    #[serde(default)]
    pub replaces: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(direction: Direction, target: Option<f64>, amber: f64, red: f64) -> IndicatorFields {
        IndicatorFields {
            name: "Availability".into(),
            unit: Unit::Percent,
            direction,
            target,
            amber,
            red,
            frequency: Frequency::Monthly,
            owner: String::new(),
            source: Source::Entered,
            description: String::new(),
            risk_ids: vec![],
            exit_triggers: vec![],
        }
    }

    #[test]
    fn thresholds_follow_the_direction() {
        use Direction::*;
        assert!(fields(HigherIsBetter, Some(99.9), 99.5, 99.0)
            .validate()
            .is_ok());
        // Equal thresholds: no amber band, allowed.
        assert!(fields(HigherIsBetter, None, 99.0, 99.0).validate().is_ok());
        let e = fields(HigherIsBetter, None, 99.0, 99.5)
            .validate()
            .unwrap_err();
        assert_eq!(e.field(), Some("red"));
        assert_eq!(e.value(), Some("99.5 %"));
        let e = fields(HigherIsBetter, Some(98.0), 99.5, 99.0)
            .validate()
            .unwrap_err();
        assert_eq!(e.field(), Some("target"));
        assert!(fields(LowerIsBetter, Some(0.5), 1.0, 5.0)
            .validate()
            .is_ok());
        let e = fields(LowerIsBetter, None, 5.0, 1.0)
            .validate()
            .unwrap_err();
        assert_eq!(e.field(), Some("red"));
        let e = fields(LowerIsBetter, Some(2.0), 1.0, 5.0)
            .validate()
            .unwrap_err();
        assert_eq!(e.field(), Some("target"));
        let e = fields(HigherIsBetter, None, 101.0, 99.0)
            .validate()
            .unwrap_err();
        assert_eq!(e.field(), Some("amber"));
    }

    #[test]
    fn units_refuse_values_that_cannot_be_right() {
        assert!(Unit::Percent.check("value", 100.0).is_ok());
        assert!(Unit::Percent.check("value", 0.0).is_ok());
        for (unit, value) in [
            (Unit::Percent, 100.1),
            (Unit::Percent, -0.1),
            (Unit::Count, -1.0),
            (Unit::Count, 1.5),
            (Unit::Milliseconds, -3.0),
            (Unit::Days, 2.5),
            (Unit::PercentOfPlan, -1.0),
            (Unit::Number, f64::NAN),
            (Unit::Number, f64::INFINITY),
        ] {
            let e = unit.check("value", value).unwrap_err();
            assert_eq!(e.field(), Some("value"), "{unit} {value}");
        }
        assert!(Unit::PercentOfPlan.check("value", 140.0).is_ok());
        assert!(Unit::Days.check("value", -12.0).is_ok());
        assert!(Unit::Number.check("value", -12.5).is_ok());
    }

    #[test]
    fn readings_refuse_future_and_implausible_dates() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        let reading = |date: NaiveDate, value: f64| ReadingFields {
            date,
            value,
            note: String::new(),
        };
        assert!(reading(today, 99.0).validate(Unit::Percent, today).is_ok());
        let e = reading(today.succ_opt().unwrap(), 99.0)
            .validate(Unit::Percent, today)
            .unwrap_err();
        assert_eq!(e.field(), Some("date"));
        assert!(e.to_string().contains("future"), "{e}");
        let e = reading(NaiveDate::from_ymd_opt(18, 12, 3).unwrap(), 99.0)
            .validate(Unit::Percent, today)
            .unwrap_err();
        assert_eq!(e.field(), Some("date"));
        let e = reading(today, 120.0)
            .validate(Unit::Percent, today)
            .unwrap_err();
        assert_eq!((e.field(), e.value()), (Some("value"), Some("120")));
        let e = reading(today, -2.0)
            .validate(Unit::Count, today)
            .unwrap_err();
        assert!(e.to_string().contains("count cannot be negative"), "{e}");
    }

    #[test]
    fn values_are_written_as_people_read_them() {
        assert_eq!(Unit::Percent.format(98.7), "98.7 %");
        assert_eq!(Unit::Percent.format(99.0), "99.0 %");
        assert_eq!(Unit::Percent.format(99.95), "99.95 %");
        assert_eq!(Unit::Milliseconds.format(250.0), "250 ms");
        assert_eq!(Unit::Count.format(3.0), "3");
        assert_eq!(Unit::Days.format(-4.0), "-4 days");
        assert_eq!(format_number(1.0 / 3.0), "0.3333");
    }
}
