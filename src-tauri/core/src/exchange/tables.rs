//! The tables a partnership's exchange carries, and how each merges.
//!
//! One entry per table, in parent-first order (inserts follow it, deletions go in reverse).
//! The columns themselves are read from the schema (`PRAGMA table_info`), so a column that a
//! later migration adds travels and merges without a change here; a table that a later
//! issue adds is one more entry.

use crate::store::Entity;

/// How the rows of a table merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Records edited in place: three-way, field by field; deletions travel.
    Record,
    /// Evidence that is only ever added (reviews, audit rows, exit tests…): the two sides
    /// are united, a row present on either side is kept, never duplicated.
    AppendOnly,
}

/// What a clash of values of a field across records means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clash {
    /// The incoming record gets the next free reference, and the preview says so.
    Renumber,
    /// A conflict to resolve; `both` may keep the two records when the store allows it.
    Conflict { both_allowed: bool },
}

/// A column that names a record of another table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parent {
    pub column: &'static str,
    pub table: &'static str,
    /// `ON DELETE SET NULL`: a missing parent empties the column rather than dropping the row.
    pub set_null: bool,
}

const fn parent(column: &'static str, table: &'static str) -> Parent {
    Parent {
        column,
        table,
        set_null: false,
    }
}

const fn optional_parent(column: &'static str, table: &'static str) -> Parent {
    Parent {
        column,
        table,
        set_null: true,
    }
}

/// How one table of a partnership is read, merged and written.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    /// The columns whose values name a row across workspaces (its UUID, or the UUIDs it
    /// links). Empty: the row is named by its whole content (audit rows).
    pub key: &'static [&'static str],
    /// For a table without a key: the fields that tell its rows apart well enough (joined,
    /// rather than a digest of the whole row); empty: the digest of the whole row.
    pub identity: &'static [&'static str],
    /// `WHERE …` choosing the partnership's rows, with the partnership id as `?1`.
    pub scope: &'static str,
    /// Columns that never leave the workspace: local row numbers, secrets, values derived
    /// from others and recomputed after a merge.
    pub local: &'static [&'static str],
    /// What a local column gets when a row arrives (SQL expressions).
    pub local_defaults: &'static [(&'static str, &'static str)],
    /// Columns merged as one field (a score is its likelihood and impact together).
    pub groups: &'static [(&'static str, &'static [&'static str])],
    pub kind: Kind,
    pub parents: &'static [Parent],
    /// Fields whose values must not repeat among the partnership's rows (compared trimmed,
    /// in any case).
    pub unique: &'static [(&'static str, Clash)],
    /// Fields that must match as well for two values of a unique field to clash (a day's
    /// reading is unique per indicator).
    pub unique_within: &'static [&'static str],
    /// A field that, when set, marks a row as replaced by another: such a row clashes
    /// with none, and the loser of a clash is marked so instead of being dropped (the
    /// table is append-only in the store: a row can be replaced, never deleted).
    pub replaced_by: Option<&'static str>,
    /// Fields where the later (larger) value wins when both sides changed them: the time
    /// of the last change, a counter.
    pub latest: &'static [&'static str],
    /// Fields written after every row has arrived, with the value a new row holds until
    /// then (a closed workshop's ballots arrive before it is closed).
    pub late: &'static [(&'static str, &'static str)],
    /// The audit log's entity for this table's rows (by their key), when it has one;
    /// otherwise changes are logged on the partnership as `table[key].field`.
    pub entity: Option<Entity>,
    /// The table goes into a share with the partner (`--for-partner`).
    pub partner: bool,
    /// The fields a share with the partner leaves at home.
    pub partner_private: &'static [&'static str],
    /// What people call one of its records, for the preview.
    pub noun: &'static str,
}

const BY_WORKSHOP: &str = "workshop_id IN (SELECT id FROM workshops WHERE partnership_id = ?1)";
const BY_ITEM: &str = "item_id IN (SELECT i.id FROM workshop_items i JOIN workshops w ON w.id = i.workshop_id WHERE w.partnership_id = ?1)";
const SCORES: &[(&str, &[&str])] = &[
    ("inherent", &["inherent_l", "inherent_i"]),
    ("residual", &["residual_l", "residual_i"]),
    ("target", &["target_l", "target_i"]),
];

const fn table(name: &'static str, noun: &'static str) -> Table {
    Table {
        name,
        key: &["id"],
        identity: &[],
        scope: "partnership_id = ?1",
        local: &[],
        local_defaults: &[],
        groups: &[],
        kind: Kind::Record,
        parents: &[],
        unique: &[],
        unique_within: &[],
        replaced_by: None,
        latest: &["updated_at"],
        late: &[],
        entity: None,
        partner: false,
        partner_private: &[],
        noun,
    }
}

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

/// The entry of a table by name.
pub(crate) fn find(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

impl Table {
    /// The field a column belongs to: its group's name, or itself.
    pub fn field_of<'a>(&self, column: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.groups
            .iter()
            .find(|(_, cols)| cols.contains(&column))
            .map(|(name, _)| *name)
            .unwrap_or(column)
    }

    pub fn is_latest(&self, field: &str) -> bool {
        self.latest.contains(&field)
    }
}
