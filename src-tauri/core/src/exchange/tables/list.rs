//! The entries: every table of a partnership, parents first.

use super::{optional_parent, parent, table, Clash, Kind, Table};
use crate::store::Entity;

const BY_WORKSHOP: &str = "workshop_id IN (SELECT id FROM workshops WHERE partnership_id = ?1)";
const BY_ITEM: &str = "item_id IN (SELECT i.id FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE w.partnership_id = ?1)";
const SCORES: &[(&str, &[&str])] = &[
    ("inherent", &["inherent_l", "inherent_i"]),
    ("residual", &["residual_l", "residual_i"]),
    ("target", &["target_l", "target_i"]),
];

/// Every table of a partnership, parents first.
pub(crate) const TABLES: &[Table] = &[
    Table {
        scope: "id = ?1",
        entity: Some(Entity::Partnership),
        partner: true,
        partner_private: &["owner"],
        ..table("partnerships", "partnership")
    },
    Table {
        key: &["prefix"],
        latest: &["last"],
        partner: true,
        ..table("reference_counters", "reference counter")
    },
    Table {
        local: &["num", "review_due"],
        groups: SCORES,
        unique: &[
            ("reference", Clash::Renumber),
            ("title", Clash::Conflict { both_allowed: true }),
        ],
        entity: Some(Entity::Risk),
        partner: true,
        partner_private: &[
            "treatment_rationale",
            "acceptance_approver",
            "owner",
            "next_review",
        ],
        ..table("risks", "risk")
    },
    Table {
        scope: "risk_id IN (SELECT id FROM risks WHERE partnership_id = ?1)",
        parents: &[parent("risk_id", "risks")],
        entity: Some(Entity::Action),
        ..table("actions", "action")
    },
    Table {
        unique: &[(
            "code",
            Clash::Conflict {
                both_allowed: false,
            },
        )],
        entity: Some(Entity::Requirement),
        partner: true,
        partner_private: &["evidence"],
        ..table("requirements", "requirement")
    },
    Table {
        key: &["requirement_id", "risk_id"],
        scope: "requirement_id IN (SELECT id FROM requirements WHERE partnership_id = ?1)",
        parents: &[
            parent("requirement_id", "requirements"),
            parent("risk_id", "risks"),
        ],
        latest: &[],
        partner: true,
        ..table("requirement_risks", "link of a requirement to a risk")
    },
    Table {
        local: &["secret"],
        local_defaults: &[("secret", "randomblob(32)")],
        unique: &[(
            "title",
            Clash::Conflict {
                both_allowed: false,
            },
        )],
        late: &[
            ("status", "'planned'"),
            ("ballot_digest", "NULL"),
            ("current_item", "NULL"),
        ],
        entity: Some(Entity::Workshop),
        ..table("workshops", "workshop")
    },
    Table {
        scope: BY_WORKSHOP,
        parents: &[parent("workshop_id", "workshops")],
        latest: &[],
        ..table("workshop_participants", "workshop participant")
    },
    Table {
        scope: BY_WORKSHOP,
        parents: &[
            parent("workshop_id", "workshops"),
            optional_parent("risk_id", "risks"),
        ],
        latest: &[],
        ..table("workshop_items", "workshop item")
    },
    Table {
        // A voter's ballot of a round; an anonymous one (no participant) by its content.
        key: &["item_id", "round", "participant_id"],
        scope: BY_ITEM,
        local: &["num"],
        parents: &[
            parent("item_id", "workshop_items"),
            parent("participant_id", "workshop_participants"),
        ],
        latest: &[],
        ..table("workshop_ballots", "ballot")
    },
    Table {
        key: &["item_id", "round", "participant_id"],
        scope: BY_ITEM,
        parents: &[
            parent("item_id", "workshop_items"),
            parent("participant_id", "workshop_participants"),
        ],
        latest: &[],
        ..table("workshop_voted", "vote cast")
    },
    Table {
        key: &["item_id"],
        scope: BY_ITEM,
        parents: &[parent("item_id", "workshop_items")],
        latest: &[],
        ..table("workshop_decisions", "workshop decision")
    },
    Table {
        local: &["num"],
        kind: Kind::AppendOnly,
        parents: &[parent("risk_id", "risks")],
        latest: &[],
        ..table("reviews", "review")
    },
    Table {
        key: &["review_id"],
        scope: "review_id IN (SELECT id FROM reviews WHERE partnership_id = ?1)",
        kind: Kind::AppendOnly,
        parents: &[parent("review_id", "reviews")],
        latest: &[],
        ..table("review_withdrawals", "withdrawal of a review")
    },
    Table {
        local: &["num"],
        parents: &[parent("risk_id", "risks")],
        latest: &[],
        ..table("acceptances", "acceptance")
    },
    Table {
        key: &["partnership_id"],
        ..table("exit_plans", "exit plan")
    },
    Table {
        local: &["num"],
        kind: Kind::AppendOnly,
        latest: &[],
        ..table("exit_tests", "exit test")
    },
    // Risk in money (issue 24): the estimates are columns of `risks` and travel with them;
    // the settings are one record per partnership. Simulation results stay home: they are
    // recomputed from these, and marked out of date when they change.
    Table {
        key: &["partnership_id"],
        ..table("quant_settings", "money settings")
    },
    Table {
        local: &["num"],
        unique: &[(
            "name",
            Clash::Conflict {
                both_allowed: false,
            },
        )],
        partner: true,
        partner_private: &["owner"],
        ..table("indicators", "indicator")
    },
    Table {
        key: &["indicator_id", "risk_id"],
        scope: "indicator_id IN (SELECT id FROM indicators WHERE partnership_id = ?1)",
        parents: &[
            parent("indicator_id", "indicators"),
            parent("risk_id", "risks"),
        ],
        latest: &[],
        partner: true,
        ..table("indicator_risks", "link of an indicator to a risk")
    },
    Table {
        scope: "indicator_id IN (SELECT id FROM indicators WHERE partnership_id = ?1)",
        // The level follows from the indicator's thresholds: recomputed after a merge.
        local: &["num", "level"],
        local_defaults: &[("level", "0")],
        parents: &[parent("indicator_id", "indicators")],
        // One current reading a day per indicator: two of one day are a conflict, settled
        // by marking the one not chosen as replaced by the other.
        unique: &[(
            "read_on",
            Clash::Conflict {
                both_allowed: false,
            },
        )],
        unique_within: &["indicator_id"],
        replaced_by: Some("replaced_by"),
        latest: &[],
        partner: true,
        ..table("readings", "reading")
    },
    Table {
        local: &["recorded_at"],
        local_defaults: &[("recorded_at", "strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')")],
        groups: SCORES,
        kind: Kind::AppendOnly,
        parents: &[parent("risk_id", "risks")],
        latest: &[],
        ..table("partner_views", "partner's view")
    },
    Table {
        key: &[],
        // Who changed which field of which record at which millisecond: one row (two alike
        // are told apart by their order).
        identity: &["at", "actor", "entity_id", "operation", "field"],
        local: &["seq"],
        kind: Kind::AppendOnly,
        latest: &[],
        ..table("audit_log", "audit row")
    },
];
