//! Common indicators to start from, each with sensible defaults that the user edits.

use serde::Serialize;
use ts_rs::TS;

use super::{Direction, Frequency, IndicatorFields, Source, Unit};

/// One indicator of the library: a stable key (`prisk indicator add --from KEY`) and its
/// default fields.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LibraryEntry {
    pub key: &'static str,
    pub fields: IndicatorFields,
}

struct Preset {
    key: &'static str,
    name: &'static str,
    unit: Unit,
    direction: Direction,
    target: Option<f64>,
    amber: f64,
    red: f64,
    frequency: Frequency,
    description: &'static str,
}

const UP: Direction = Direction::HigherIsBetter;
const DOWN: Direction = Direction::LowerIsBetter;

const DEFAULTS: &[Preset] = &[
    Preset {
        key: "availability",
        name: "Availability",
        unit: Unit::Percent,
        direction: UP,
        target: Some(99.9),
        amber: 99.5,
        red: 99.0,
        frequency: Frequency::Monthly,
        description: "Share of the month the service was available, against the agreed 99.5 % (about 3.6 hours of downtime a month).",
    },
    Preset {
        key: "p95_response_ms",
        name: "p95 response time",
        unit: Unit::Milliseconds,
        direction: DOWN,
        target: Some(300.0),
        amber: 500.0,
        red: 1000.0,
        frequency: Frequency::Monthly,
        description: "The 95th percentile of the partner API's response time over the month.",
    },
    Preset {
        key: "error_rate",
        name: "Error rate",
        unit: Unit::Percent,
        direction: DOWN,
        target: Some(0.1),
        amber: 1.0,
        red: 5.0,
        frequency: Frequency::Monthly,
        description: "Share of calls to the partner that failed over the month.",
    },
    Preset {
        key: "incidents",
        name: "Incidents",
        unit: Unit::Count,
        direction: DOWN,
        target: Some(0.0),
        amber: 1.0,
        red: 3.0,
        frequency: Frequency::Monthly,
        description: "Incidents caused by or at the partner in the month (severity 1 and 2).",
    },
    Preset {
        key: "open_critical_findings",
        name: "Open critical findings",
        unit: Unit::Count,
        direction: DOWN,
        target: Some(0.0),
        amber: 0.0,
        red: 2.0,
        frequency: Frequency::Quarterly,
        description: "Critical audit or penetration-test findings at the partner still open.",
    },
    Preset {
        key: "invoice_disputes",
        name: "Invoice disputes",
        unit: Unit::Count,
        direction: DOWN,
        target: Some(0.0),
        amber: 0.0,
        red: 2.0,
        frequency: Frequency::Quarterly,
        description: "Invoices or revenue-share statements in dispute with the partner.",
    },
    Preset {
        key: "revenue_vs_plan",
        name: "Revenue against plan",
        unit: Unit::PercentOfPlan,
        direction: UP,
        target: Some(100.0),
        amber: 90.0,
        red: 75.0,
        frequency: Frequency::Quarterly,
        description: "Revenue from the partnership as a percentage of the business plan for the period.",
    },
    Preset {
        key: "certificate_days_left",
        name: "Days until the certificate expires",
        unit: Unit::Days,
        direction: UP,
        target: Some(180.0),
        amber: 90.0,
        red: 30.0,
        frequency: Frequency::Monthly,
        description: "Days until the partner's certification (e.g. SOC 2 Type II, ISO 27001) expires.",
    },
    Preset {
        key: "days_since_audit",
        name: "Days since the last compliance audit",
        unit: Unit::Days,
        direction: DOWN,
        target: Some(180.0),
        amber: 330.0,
        red: 365.0,
        frequency: Frequency::Quarterly,
        description: "Days since the partner's last compliance audit: at least yearly, quarterly for high-risk AI or sensitive data.",
    },
    Preset {
        key: "model_accuracy",
        name: "Model accuracy",
        unit: Unit::Percent,
        direction: UP,
        target: Some(95.0),
        amber: 92.0,
        red: 90.0,
        frequency: Frequency::Monthly,
        description: "Accuracy of the partner's model on the agreed evaluation set, to catch drift.",
    },
];

/// The library, in a stable order.
pub fn library() -> Vec<LibraryEntry> {
    DEFAULTS
        .iter()
        .map(|d| LibraryEntry {
            key: d.key,
            fields: IndicatorFields {
                name: d.name.into(),
                unit: d.unit,
                direction: d.direction,
                target: d.target,
                amber: d.amber,
                red: d.red,
                frequency: d.frequency,
                owner: String::new(),
                source: Source::Entered,
                description: d.description.into(),
                risk_ids: Vec::new(),
                exit_triggers: Vec::new(),
            },
        })
        .collect()
}

/// The library's entry with this key (any case).
pub fn find(key: &str) -> Option<LibraryEntry> {
    library()
        .into_iter()
        .find(|e| e.key.eq_ignore_ascii_case(key.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_valid_and_keys_and_names_are_unique() {
        let all = library();
        assert_eq!(all.len(), 10);
        for (n, entry) in all.iter().enumerate() {
            entry
                .fields
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e}", entry.key));
            assert!(all[..n]
                .iter()
                .all(|o| o.key != entry.key && o.fields.name != entry.fields.name));
        }
        assert_eq!(find("AVAILABILITY").unwrap().fields.amber, 99.5);
        assert!(find("nothing").is_none());
    }
}
