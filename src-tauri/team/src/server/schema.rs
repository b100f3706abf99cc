//! The server's PostgreSQL schema: numbered migrations the server applies itself when it
//! starts, under an advisory lock (two servers starting together on one database take
//! turns; the second finds the work done), with the version in `schema_version`.
//!
//! The current copy of the register is one table per exchange table, named as in the
//! workspace (`partnerships`, `risks`, `actions`, `reviews`, …): the partnership, the
//! record's key, the whole record as `jsonb` and the log position that wrote it, plus the
//! main fields as real (generated) columns where that is cheap, so that `psql`, reports and
//! BI tools can read the register without knowing the JSON.

use tokio_postgres::Client;

/// Taken while migrating ("PRISKTEM" as a number).
const LOCK: i64 = 0x5052_4953_4B54_454D;

/// A generated column: name, SQL type, expression over `row`.
pub type Generated = (&'static str, &'static str, &'static str);

/// The tables of the current copy, with their generated columns (name, SQL type,
/// expression over `row`). A table an exchange of a later version adds is a new migration.
pub const TABLES: &[(&str, &[Generated])] = &[
    (
        "partnerships",
        &[
            ("name", "text", "row->>'name'"),
            ("partner", "text", "row->>'partner'"),
            ("stage", "text", "row->>'stage'"),
            ("owner", "text", "row->>'owner'"),
            ("archived", "integer", "(row->>'archived')::integer"),
        ],
    ),
    ("reference_counters", &[]),
    (
        "risks",
        &[
            ("id", "text", "row->>'id'"),
            ("reference", "text", "row->>'reference'"),
            ("title", "text", "row->>'title'"),
            ("category", "text", "row->>'category'"),
            ("status", "text", "row->>'status'"),
            ("owner", "text", "row->>'owner'"),
            ("treatment", "text", "row->>'treatment'"),
            (
                "inherent_likelihood",
                "integer",
                "(row->'inherent'->>'inherent_l')::integer",
            ),
            (
                "inherent_impact",
                "integer",
                "(row->'inherent'->>'inherent_i')::integer",
            ),
            (
                "likelihood",
                "integer",
                "(row->'residual'->>'residual_l')::integer",
            ),
            (
                "impact",
                "integer",
                "(row->'residual'->>'residual_i')::integer",
            ),
            (
                "target_likelihood",
                "integer",
                "(row->'target'->>'target_l')::integer",
            ),
            (
                "target_impact",
                "integer",
                "(row->'target'->>'target_i')::integer",
            ),
            ("next_review", "text", "row->>'next_review'"),
            ("updated_at", "text", "row->>'updated_at'"),
        ],
    ),
    (
        "actions",
        &[
            ("risk_id", "text", "row->>'risk_id'"),
            ("title", "text", "row->>'title'"),
            ("owner", "text", "row->>'owner'"),
            ("status", "text", "row->>'status'"),
            ("due", "text", "row->>'due'"),
            ("cost_minor", "bigint", "(row->>'cost_minor')::bigint"),
            ("currency", "text", "row->>'currency'"),
        ],
    ),
    ("requirements", &[("title", "text", "row->>'title'")]),
    ("requirement_risks", &[]),
    ("workshops", &[("title", "text", "row->>'title'")]),
    ("workshop_participants", &[]),
    ("workshop_items", &[]),
    ("workshop_ballots", &[]),
    ("workshop_voted", &[]),
    ("workshop_decisions", &[]),
    (
        "reviews",
        &[
            ("risk_id", "text", "row->>'risk_id'"),
            ("decision", "text", "row->>'decision'"),
            ("reviewer", "text", "row->>'reviewer'"),
            ("at", "text", "row->>'at'"),
        ],
    ),
    ("review_withdrawals", &[]),
    ("acceptances", &[]),
    ("exit_plans", &[]),
    ("exit_tests", &[]),
    ("quant_settings", &[]),
    ("indicators", &[("name", "text", "row->>'name'")]),
    ("indicator_risks", &[]),
    ("readings", &[]),
    ("partner_views", &[]),
    ("audit_log", &[]),
];

/// Whether the current copy has a table of this name.
pub fn known_table(name: &str) -> bool {
    TABLES.iter().any(|(t, _)| *t == name)
}

const V1_BASE: &str = "
CREATE TABLE team (
    id         text PRIMARY KEY,
    one        boolean NOT NULL DEFAULT true UNIQUE CHECK (one),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO team (id) VALUES (gen_random_uuid()::text);

-- People: a token each (its id in clear, its secret as an argon2 hash with its salt).
CREATE TABLE users (
    name       text PRIMARY KEY CHECK (length(trim(name)) > 0),
    role       text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    token_id   text NOT NULL UNIQUE,
    token_salt bytea NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

-- A role for one partnership, over the user's own role (an admin is an admin everywhere).
CREATE TABLE grants (
    user_name      text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    partnership_id text NOT NULL,
    role           text NOT NULL CHECK (role IN ('viewer', 'editor')),
    PRIMARY KEY (user_name, partnership_id)
);

-- Per partnership: the newest log position (the row pushes lock), and the newest matrix and
-- categories its risks use.
CREATE TABLE heads (
    partnership_id text PRIMARY KEY,
    position       bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
    reference      jsonb,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The ordered log of changes, per partnership; a change id is applied once.
CREATE TABLE log (
    partnership_id text NOT NULL REFERENCES heads(partnership_id),
    position       bigint NOT NULL CHECK (position > 0),
    change_id      uuid NOT NULL UNIQUE,
    author         text NOT NULL,
    at             timestamptz NOT NULL DEFAULT now(),
    changes        jsonb NOT NULL,
    PRIMARY KEY (partnership_id, position)
);

-- The position that last changed each record: a push based on an older position that
-- touches a record changed since must pull first.
CREATE TABLE row_versions (
    partnership_id text NOT NULL,
    tbl            text NOT NULL,
    key            text NOT NULL,
    position       bigint NOT NULL,
    PRIMARY KEY (partnership_id, tbl, key)
);
";

/// The SQL of migration `n` (1-based).
fn migration(n: usize) -> String {
    match n {
        1 => {
            let mut sql = V1_BASE.to_string();
            for (table, columns) in TABLES {
                sql.push_str(&format!(
                    "\nCREATE TABLE {table} (\n    partnership_id text NOT NULL,\n    key text NOT NULL,\n    row jsonb NOT NULL,\n    position bigint NOT NULL,\n"
                ));
                for (name, ty, expr) in *columns {
                    sql.push_str(&format!(
                        "    {name} {ty} GENERATED ALWAYS AS ({expr}) STORED,\n"
                    ));
                }
                sql.push_str("    PRIMARY KEY (partnership_id, key)\n);\n");
            }
            sql
        }
        _ => unreachable!("migration {n} is not defined"),
    }
}

/// How many migrations this build knows.
pub const LATEST: i32 = 1;

/// Creates or migrates the schema. A database migrated by a newer server is refused.
pub async fn migrate(client: &mut Client) -> Result<i32, String> {
    client
        .execute("SELECT pg_advisory_lock($1)", &[&LOCK])
        .await
        .map_err(|e| format!("cannot take the schema lock: {e}"))?;
    let result = migrate_locked(client).await;
    let unlock = client
        .execute("SELECT pg_advisory_unlock($1)", &[&LOCK])
        .await;
    let version = result?;
    unlock.map_err(|e| format!("cannot release the schema lock: {e}"))?;
    Ok(version)
}

async fn migrate_locked(client: &mut Client) -> Result<i32, String> {
    let db = |e: tokio_postgres::Error| format!("migrating the schema: {e}");
    client
        .batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        .await
        .map_err(db)?;
    let found: Option<i32> = client
        .query_one("SELECT max(version) FROM schema_version", &[])
        .await
        .map_err(db)?
        .get(0);
    let found = found.unwrap_or(0);
    if found > LATEST {
        return Err(format!(
            "the database was migrated by a newer server (schema {found}, this one knows up to {LATEST}); start the newer server"
        ));
    }
    for n in found + 1..=LATEST {
        let tx = client.transaction().await.map_err(db)?;
        tx.batch_execute(&migration(n as usize)).await.map_err(db)?;
        tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&n])
            .await
            .map_err(db)?;
        tx.commit().await.map_err(db)?;
        log::info!("team database migrated to schema {n}");
    }
    Ok(LATEST)
}
