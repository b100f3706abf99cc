//! The exit plan of each partnership and its log of exit tests.
//!
//! A plan is one JSON document per partnership (`exit_plans`), validated by the domain on
//! every write and read back with the same types. Each change is one transaction that
//! reads the plan, changes it and writes it, with one audit row per changed field: the
//! rows belong to the partnership (entity `partnership`), their field a path in the plan
//! such as `exit.agreement.notice_days_ours` or `exit.scenarios[<id>].steps[<id>].status`;
//! an item added or removed is one row whose other side is empty. Exit tests are
//! append-only rows of `exit_tests`, audited as `exit.tests[<id>]`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::health::FiredTrigger;
use super::{new_id, Entity, Store, Writer};
use crate::error::{Error, Result};
use crate::exit::{
    readiness, ExitPlan, ExitTest, ExitTestFields, FinancialResult, GapCode, NoticeDeadline,
    OperationalResult, Readiness, ReadinessLevel, TestKind,
};
use crate::model::{Action, ActionFields};

/// The prefix of the audit fields of a plan.
const AUDIT_ROOT: &str = "exit";

fn read_plan(conn: &Connection, partnership_id: &str) -> Result<ExitPlan> {
    let json: Option<String> = conn
        .prepare_cached("SELECT plan FROM exit_plans WHERE partnership_id = ?1")?
        .query_row([partnership_id], |r| r.get(0))
        .optional()?;
    let Some(json) = json else {
        return Ok(ExitPlan::default());
    };
    let mut plan: ExitPlan = serde_json::from_str(&json).map_err(|e| {
        Error::invalid(
            "exit_plan",
            partnership_id,
            format!("the stored exit plan cannot be read ({e})"),
        )
    })?;
    // Links to risks and requirements deleted since drop out.
    let mut risk =
        conn.prepare_cached("SELECT 1 FROM risks WHERE id = ?1 AND partnership_id = ?2")?;
    let mut requirement =
        conn.prepare_cached("SELECT 1 FROM requirements WHERE id = ?1 AND partnership_id = ?2")?;
    let kept = |stmt: &mut rusqlite::CachedStatement<'_>, ids: &mut Vec<String>| -> Result<()> {
        let mut keep = Vec::with_capacity(ids.len());
        for id in ids.drain(..) {
            if stmt.exists([id.as_str(), partnership_id])? {
                keep.push(id);
            }
        }
        *ids = keep;
        Ok(())
    };
    kept(&mut risk, &mut plan.risk_ids)?;
    kept(&mut requirement, &mut plan.requirement_ids)?;
    Ok(plan)
}

const TEST_COLUMNS: &str = "id, tested_on, kind, scenario_id, scenario, operational, financial, \
                            findings, recorded_by, recorded_at";

/// An exit test from a row of [`TEST_COLUMNS`] (the CHECK constraints keep its kind and
/// results to the known values).
fn test_from_row(r: &rusqlite::Row<'_>) -> Result<ExitTest> {
    let text = |n: usize| r.get::<_, String>(n);
    Ok(ExitTest {
        id: r.get(0)?,
        fields: ExitTestFields {
            date: r.get(1)?,
            kind: TestKind::parse(&text(2)?, "kind")?,
            scenario_id: r.get(3)?,
            operational: OperationalResult::parse(&text(5)?, "operational")?,
            financial: FinancialResult::parse(&text(6)?, "financial")?,
            findings: r.get(7)?,
        },
        scenario: r.get(4)?,
        recorded_by: r.get(8)?,
        recorded_at: r.get(9)?,
    })
}

/// Refuses a link to a risk or a requirement that is not the partnership's.
fn check_links(conn: &Connection, partnership_id: &str, plan: &ExitPlan) -> Result<()> {
    for (list, table, ids) in [
        ("risk_ids", "risks", &plan.risk_ids),
        ("requirement_ids", "requirements", &plan.requirement_ids),
    ] {
        let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND partnership_id = ?2");
        let mut stmt = conn.prepare_cached(&sql)?;
        for (n, id) in ids.iter().enumerate() {
            if !stmt.exists([id.as_str(), partnership_id])? {
                return Err(Error::invalid(
                    format!("{list}[{n}]"),
                    id,
                    format!("not one of the partnership's {table}"),
                ));
            }
        }
    }
    Ok(())
}

impl Store {
    /// The exit plan of a partnership: the empty plan until something is written in it.
    pub fn exit_plan(&self, partnership_id: &str) -> Result<ExitPlan> {
        self.partnership(partnership_id)?;
        read_plan(&self.conn, partnership_id)
    }

    /// Replaces the exit plan of a partnership with `plan` (items without an id get one).
    pub fn save_exit_plan(&mut self, partnership_id: &str, plan: ExitPlan) -> Result<ExitPlan> {
        self.change_exit_plan(partnership_id, |p| {
            *p = plan;
            Ok(())
        })
    }

    /// Changes the exit plan of a partnership: `change` is given the plan as stored, read
    /// in the same transaction that writes it back, so no other program's change is lost
    /// between the two. Items left without an id get one; the result is validated, and on
    /// any refusal nothing is written. Returns the plan as stored.
    pub fn change_exit_plan(
        &mut self,
        partnership_id: &str,
        change: impl FnOnce(&mut ExitPlan) -> Result<()>,
    ) -> Result<ExitPlan> {
        self.partnership(partnership_id)?;
        self.write(|w| {
            let before = read_plan(&w.tx, partnership_id)?;
            let mut after = before.clone();
            change(&mut after)?;
            after.assign_ids();
            after.validate()?;
            check_links(&w.tx, partnership_id, &after)?;
            w.write_exit_plan(partnership_id, &before, &after)?;
            Ok(after)
        })
    }

    /// The exit tests of a partnership, oldest first (by day, then as recorded).
    pub fn exit_tests(&self, partnership_id: &str) -> Result<Vec<ExitTest>> {
        self.partnership(partnership_id)?;
        let sql = format!(
            "SELECT {TEST_COLUMNS} FROM exit_tests WHERE partnership_id = ?1 ORDER BY tested_on, num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([partnership_id])?;
        let mut tests = Vec::new();
        while let Some(row) = rows.next()? {
            tests.push(test_from_row(row)?);
        }
        Ok(tests)
    }

    /// Records an exit test. A scenario, when named, must be one of the plan's.
    pub fn add_exit_test(
        &mut self,
        partnership_id: &str,
        fields: ExitTestFields,
    ) -> Result<ExitTest> {
        fields.validate()?;
        let plan = self.exit_plan(partnership_id)?;
        let scenario = match fields.scenario_id.as_deref() {
            None => String::new(),
            Some(id) => plan
                .scenarios
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
                .ok_or_else(|| Error::not_found("scenario", "scenario_id", id))?,
        };
        let actor = self.actor.clone();
        self.write(|w| {
            let test = ExitTest {
                id: new_id(),
                fields,
                scenario,
                recorded_by: actor,
                recorded_at: w.at,
            };
            w.insert_exit_test(partnership_id, &test)?;
            Ok(test)
        })
    }

    /// Whether an exit test with this id is in the workspace (any partnership).
    pub(crate) fn exit_test_exists(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM exit_tests WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Turns the findings of an exit test into an action on a risk the plan is linked to
    /// (its exit risk, say). Unless `fields` says otherwise, the action's title names the
    /// test and its first finding, and its detail holds the findings.
    pub fn exit_finding_action(
        &mut self,
        partnership_id: &str,
        test_id: &str,
        risk_id: &str,
        mut fields: ActionFields,
    ) -> Result<Action> {
        let test = self
            .exit_tests(partnership_id)?
            .into_iter()
            .find(|t| t.id == test_id)
            .ok_or_else(|| Error::not_found("exit test", "test", test_id))?;
        if test.fields.findings.trim().is_empty() {
            return Err(Error::invalid(
                "test",
                test_id,
                "the test recorded no findings to act on",
            ));
        }
        if !self
            .exit_plan(partnership_id)?
            .risk_ids
            .iter()
            .any(|r| r == risk_id)
        {
            return Err(Error::invalid(
                "risk",
                risk_id,
                "the exit plan is not linked to this risk: link it first",
            ));
        }
        if fields.title.trim().is_empty() {
            let first: String = test
                .fields
                .findings
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default()
                .trim()
                .chars()
                .take(200)
                .collect();
            fields.title = format!(
                "Exit test of {} ({}): {first}",
                test.fields.date, test.fields.kind
            );
        }
        if fields.detail.trim().is_empty() {
            fields.detail = test.fields.findings.clone();
        }
        self.add_action(risk_id, fields)
    }

    /// The readiness of a partnership's exit plan on `today`.
    pub fn exit_readiness(&self, partnership_id: &str, today: NaiveDate) -> Result<Readiness> {
        let plan = self.exit_plan(partnership_id)?;
        let tests = self.exit_tests(partnership_id)?;
        let mut readiness = readiness(&plan, &tests, today);
        let fired = self.health_flags(Some(partnership_id), today)?.triggers;
        add_fired_triggers(&mut readiness, &plan, &fired);
        Ok(readiness)
    }
}

/// Adds to a plan's readiness the exit triggers that red health indicators fired (issue
/// 23): the plan's own rules cannot see indicators.
fn add_fired_triggers(readiness: &mut Readiness, plan: &ExitPlan, fired: &[FiredTrigger]) {
    for f in fired {
        let n = plan.scenarios.iter().position(|s| s.id == f.scenario_id);
        readiness.add_fired_trigger(
            n.map_or("scenarios".into(), |n| format!("scenarios[{n}].triggers")),
            format!(
                "the trigger \"{}\" of the scenario \"{}\" has fired: {}",
                f.label, f.scenario, f.reason
            ),
        );
    }
}

/// The exit plan of one partnership at a glance: for the portfolio, the review queue and
/// the Register of Information.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ExitStatus {
    pub partnership_id: String,
    pub partnership: String,
    pub level: ReadinessLevel,
    /// The gaps' codes, in the order readiness lists them.
    pub gaps: Vec<GapCode>,
    /// Our last day to give notice, when known.
    pub notice: Option<NoticeDeadline>,
    pub last_test: Option<NaiveDate>,
    pub next_test_due: Option<NaiveDate>,
}

/// Something of an exit plan that needs the analyst soon.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ExitReminder {
    pub partnership_id: String,
    pub partnership: String,
    pub kind: ReminderKind,
    /// The last day to give notice, or the day the exit test is due.
    pub date: NaiveDate,
    /// Days from today to `date`; negative once it has passed.
    pub days_left: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    NoticeDeadline,
    TestDue,
    /// The last exit test failed (its day is the reminder's date): the plan needs fixing
    /// and testing again, whenever the next test is due.
    TestFailed,
}

impl ExitStatus {
    /// The reminders of this plan due within `days` of `today` (or already passed: a test
    /// that is overdue; a notice deadline passed is a gap, not a reminder), and the last
    /// test when it failed, until a later one passes.
    pub fn reminders(&self, today: NaiveDate, days: i64) -> Vec<ExitReminder> {
        let mut out = Vec::new();
        let mut remind = |kind, date: NaiveDate| {
            out.push(ExitReminder {
                partnership_id: self.partnership_id.clone(),
                partnership: self.partnership.clone(),
                kind,
                date,
                days_left: (date - today).num_days(),
            })
        };
        if let Some(n) = self
            .notice
            .as_ref()
            .filter(|n| (0..=days).contains(&n.days_left))
        {
            remind(ReminderKind::NoticeDeadline, n.last_day);
        }
        if let Some(due) = self
            .next_test_due
            .filter(|d| (*d - today).num_days() <= days)
        {
            remind(ReminderKind::TestDue, due);
        }
        if let Some(last) = self
            .last_test
            .filter(|_| self.gaps.contains(&GapCode::LastTestFailed))
        {
            remind(ReminderKind::TestFailed, last);
        }
        out
    }
}

impl Store {
    /// The exit status of every partnership that is not archived, by name: four reads in
    /// all (partnerships, plans, tests, indicators linked to exit triggers), whatever the
    /// number of partnerships, then the health of those with such indicators.
    pub fn exit_statuses(&self, today: NaiveDate) -> Result<Vec<ExitStatus>> {
        let mut plans: HashMap<String, ExitPlan> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partnership_id, plan FROM exit_plans")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let json: String = row.get(1)?;
            let plan = serde_json::from_str(&json).map_err(|e| {
                Error::invalid(
                    "exit_plan",
                    &id,
                    format!("the stored exit plan cannot be read ({e})"),
                )
            })?;
            plans.insert(id, plan);
        }
        let mut tests: HashMap<String, Vec<ExitTest>> = HashMap::new();
        let sql = format!(
            "SELECT {TEST_COLUMNS}, partnership_id FROM exit_tests ORDER BY tested_on, num"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let test = test_from_row(row)?;
            tests.entry(row.get(10)?).or_default().push(test);
        }
        // Only partnerships with an indicator linked to an exit trigger can have one fired:
        // the others' health is not computed.
        let mut fired: HashMap<String, Vec<FiredTrigger>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT partnership_id FROM indicators WHERE exit_triggers <> '[]'",
        )?;
        let linked: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in linked {
            if plans.contains_key(&id) {
                let triggers = self.health_flags(Some(&id), today)?.triggers;
                fired.insert(id, triggers);
            }
        }
        let empty = ExitPlan::default();
        Ok(self
            .partnerships(false)?
            .into_iter()
            .map(|p| {
                let plan = plans.get(&p.id).unwrap_or(&empty);
                let mut r = readiness(plan, tests.get(&p.id).map_or(&[], Vec::as_slice), today);
                if let Some(fired) = fired.get(&p.id) {
                    add_fired_triggers(&mut r, plan, fired);
                }
                ExitStatus {
                    partnership_id: p.id,
                    partnership: p.fields.name,
                    level: r.level,
                    gaps: r.gaps.iter().map(|g| g.code).collect(),
                    notice: r.notice,
                    last_test: r.last_test,
                    next_test_due: r.next_test_due,
                }
            })
            .collect())
    }

    /// The notice deadlines and exit tests due within `days` of `today` across the
    /// workspace (tests overdue included), and the last tests that failed, soonest first.
    pub fn exit_reminders(&self, today: NaiveDate, days: i64) -> Result<Vec<ExitReminder>> {
        let mut all: Vec<ExitReminder> = self
            .exit_statuses(today)?
            .iter()
            .flat_map(|s| s.reminders(today, days))
            .collect();
        all.sort_by(|a, b| (a.date, &a.partnership).cmp(&(b.date, &b.partnership)));
        Ok(all)
    }
}

impl Writer<'_> {
    /// Writes `after` over `before` with an audit row per changed field; nothing when they
    /// are equal.
    pub(crate) fn write_exit_plan(
        &self,
        partnership_id: &str,
        before: &ExitPlan,
        after: &ExitPlan,
    ) -> Result<()> {
        if before == after {
            return Ok(());
        }
        let json = serde_json::to_string(after).expect("plans serialise");
        self.tx.execute(
            "INSERT INTO exit_plans (partnership_id, plan, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (partnership_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at",
            params![partnership_id, json, self.at_text],
        )?;
        let old = serde_json::to_value(before).expect("plans serialise");
        let new = serde_json::to_value(after).expect("plans serialise");
        let mut changes = Vec::new();
        diff(AUDIT_ROOT, &old, &new, &mut changes);
        for (field, old, new) in changes {
            self.audit_field(
                Entity::Partnership,
                partnership_id,
                Some(partnership_id),
                &field,
                old,
                new,
            )?;
        }
        Ok(())
    }

    pub(crate) fn insert_exit_test(&self, partnership_id: &str, t: &ExitTest) -> Result<()> {
        let f = &t.fields;
        self.tx.execute(
            "INSERT INTO exit_tests (id, partnership_id, tested_on, kind, scenario_id, scenario,
                                     operational, financial, findings, recorded_by, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                t.id,
                partnership_id,
                f.date,
                f.kind.as_str(),
                f.scenario_id,
                t.scenario,
                f.operational.as_str(),
                f.financial.as_str(),
                f.findings,
                t.recorded_by,
                t.recorded_at
            ],
        )?;
        let json = serde_json::to_string(t).expect("tests serialise");
        self.audit_field(
            Entity::Partnership,
            partnership_id,
            Some(partnership_id),
            &format!("{AUDIT_ROOT}.tests[{}]", t.id),
            None,
            Some(json),
        )
    }
}

/// How a value is kept in the log: plain text for strings, JSON for everything else.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The id of an item of a list, when every item of the list has one.
fn ids(list: &[Value]) -> Option<Vec<&str>> {
    list.iter()
        .map(|v| v.get("id").and_then(Value::as_str))
        .collect()
}

/// The changed leaves between two JSON values, as (path, before, after). Objects are
/// compared field by field, lists of items with ids item by item (an added or removed
/// item is one change; a new order of the same items is one change of the list of ids),
/// anything else as a whole.
fn diff(
    path: &str,
    old: &Value,
    new: &Value,
    out: &mut Vec<(String, Option<String>, Option<String>)>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                diff(
                    &format!("{path}.{key}"),
                    a.get(key).unwrap_or(&Value::Null),
                    value,
                    out,
                );
            }
            for (key, value) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                diff(&format!("{path}.{key}"), value, &Value::Null, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if !a.is_empty() || !b.is_empty() => {
            let (Some(a_ids), Some(b_ids)) = (ids(a), ids(b)) else {
                out.push((path.to_string(), as_text(old), as_text(new)));
                return;
            };
            for (item, id) in a.iter().zip(&a_ids) {
                let after = b_ids.iter().position(|b| b == id).map(|n| &b[n]);
                diff(
                    &format!("{path}[{id}]"),
                    item,
                    after.unwrap_or(&Value::Null),
                    out,
                );
            }
            for (item, id) in b.iter().zip(&b_ids) {
                if !a_ids.contains(id) {
                    diff(&format!("{path}[{id}]"), &Value::Null, item, out);
                }
            }
            let kept_a: Vec<&&str> = a_ids.iter().filter(|id| b_ids.contains(id)).collect();
            let kept_b: Vec<&&str> = b_ids.iter().filter(|id| a_ids.contains(id)).collect();
            if kept_a != kept_b {
                out.push((
                    format!("{path}.order"),
                    Some(Value::from(a_ids.clone()).to_string()),
                    Some(Value::from(b_ids.clone()).to_string()),
                ));
            }
        }
        _ => out.push((path.to_string(), as_text(old), as_text(new))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn changes(old: Value, new: Value) -> Vec<(String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        diff("exit", &old, &new, &mut out);
        out
    }

    #[test]
    fn the_diff_names_each_changed_leaf() {
        let old = json!({"a": {"b": 1, "c": "x"}, "list": [{"id": "1", "v": 1}, {"id": "2", "v": 2}], "tags": ["p"]});
        let new = json!({"a": {"b": 2, "c": "x"}, "list": [{"id": "2", "v": 3}, {"id": "3", "v": 4}], "tags": ["p", "q"]});
        let got = changes(old, new);
        let s = |t: &str| Some(t.to_string());
        assert_eq!(
            got,
            [
                ("exit.a.b".into(), s("1"), s("2")),
                ("exit.list[1]".into(), s(r#"{"id":"1","v":1}"#), None),
                ("exit.list[2].v".into(), s("2"), s("3")),
                ("exit.list[3]".into(), None, s(r#"{"id":"3","v":4}"#)),
                ("exit.tags".into(), s(r#"["p"]"#), s(r#"["p","q"]"#)),
            ]
        );
        let moved = changes(
            json!({"l": [{"id": "1"}, {"id": "2"}]}),
            json!({"l": [{"id": "2"}, {"id": "1"}]}),
        );
        assert_eq!(
            moved,
            [("exit.l.order".into(), s(r#"["1","2"]"#), s(r#"["2","1"]"#))]
        );
        assert_eq!(changes(json!({"a": 1}), json!({"a": 1})), []);
    }
}
