//! Numbered schema migrations. `MIGRATIONS[n]` brings a file from version n to n + 1;
//! the version is kept in `PRAGMA user_version`. Never edit a migration that has shipped:
//! add a new one.
//!
//! Each migration is a SQL file in `migrations/`, numbered as its version.

pub const MIGRATIONS: &[&str] = &[
    V1_REGISTER,
    V2_SEARCH,
    V3_INDEX_PER_TRANSACTION,
    V4_WORKSHOPS,
    V5_REVIEWS,
    V6_UNDO_ACCEPTANCES_ACTIVITY,
    V7_CURRENT_ITEM,
    V8_EXIT_PLANS,
    V9_HEALTH,
    V10_QUANT,
    V11_EXCHANGE,
    V12_TEAM,
];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Marks a SQLite file as a Partner Risk workspace ("PRSK").
pub const APPLICATION_ID: i64 = 0x5052_534B;

const V1_REGISTER: &str = include_str!("migrations/01_register.sql");

const V2_SEARCH: &str = include_str!("migrations/02_search.sql");

const V3_INDEX_PER_TRANSACTION: &str = include_str!("migrations/03_index_per_transaction.sql");

const V4_WORKSHOPS: &str = include_str!("migrations/04_workshops.sql");

const V5_REVIEWS: &str = include_str!("migrations/05_reviews.sql");

const V6_UNDO_ACCEPTANCES_ACTIVITY: &str =
    include_str!("migrations/06_undo_acceptances_activity.sql");

const V7_CURRENT_ITEM: &str = include_str!("migrations/07_current_item.sql");

const V8_EXIT_PLANS: &str = include_str!("migrations/08_exit_plans.sql");

const V9_HEALTH: &str = include_str!("migrations/09_health.sql");

const V10_QUANT: &str = include_str!("migrations/10_quant.sql");

const V11_EXCHANGE: &str = include_str!("migrations/11_exchange.sql");

const V12_TEAM: &str = include_str!("migrations/12_team.sql");
