//! Values that must not repeat: a taken reference renumbers the incoming record, two
//! titles, codes or names alike are a conflict, and so are two current readings of one
//! indicator for one day.

use std::collections::HashMap;

use serde_json::Value;

use super::{opt, rows_of, ConflictKind, Merger, Renumbered, Resolution, Side};
use crate::exchange::snapshot::Row;
use crate::exchange::tables::{Clash, Table};

impl Merger<'_> {
    /// Whether the record's field has our value (else it came from theirs).
    fn ours(&self, t: &Table, key: &str, f: &str, value: &Value) -> bool {
        self.mine
            .get(t.name, key)
            .is_some_and(|r| r.get(f) == Some(value))
    }

    pub(super) fn unique(&mut self, t: &Table) {
        // Titles first: a record left out for its title needs no new reference.
        let mut order: Vec<&(&str, Clash)> = t.unique.iter().collect();
        order.sort_by_key(|(_, clash)| *clash == Clash::Renumber);
        for (f, clash) in order {
            let rows = rows_of(Some(&self.result), t.name);
            let mut seen: HashMap<String, Vec<String>> = HashMap::new();
            for (key, row) in rows {
                // A row replaced by another clashes with none.
                if t.replaced_by
                    .is_some_and(|r| row.get(r).is_some_and(|v| !v.is_null()))
                {
                    continue;
                }
                if let Some(Value::String(v)) = row.get(*f) {
                    let mut group = String::new();
                    for w in t.unique_within {
                        group.push_str(&row.get(*w).map(Value::to_string).unwrap_or_default());
                        group.push('\u{1f}');
                    }
                    group.push_str(&v.trim().to_lowercase());
                    seen.entry(group).or_default().push(key.clone());
                }
            }
            let mut clashes: Vec<Vec<String>> =
                seen.into_values().filter(|keys| keys.len() > 1).collect();
            clashes.sort();
            for keys in clashes {
                let value = |k: &String| {
                    self.result
                        .get(t.name, k)
                        .and_then(|r| r.get(*f))
                        .cloned()
                        .unwrap_or(Value::Null)
                };
                // A title that may repeat in a register (a risk's) clashes only between two
                // records new on each side since the base; a value that may not repeat
                // clashes however it came.
                let soft = matches!(clash, Clash::Conflict { both_allowed: true });
                let in_base = |k: &String| self.base.and_then(|b| b.get(t.name, k)).is_some();
                let keys: Vec<String> =
                    keys.into_iter().filter(|k| !(soft && in_base(k))).collect();
                let (ours, incoming): (Vec<String>, Vec<String>) =
                    keys.into_iter().partition(|k| {
                        if soft {
                            self.mine.get(t.name, k).is_some()
                        } else {
                            self.ours(t, k, f, &value(k))
                        }
                    });
                for k in incoming {
                    match clash {
                        Clash::Renumber => self.renumber(t, &k, f),
                        Clash::Conflict { both_allowed } => {
                            let Some(mine_key) = ours.first() else {
                                continue;
                            };
                            self.same_title(t, f, mine_key, &k, *both_allowed);
                        }
                    }
                }
            }
        }
    }

    /// Two records with the same title: keep ours, theirs, or both.
    fn same_title(&mut self, t: &Table, f: &str, mine_key: &str, their_key: &str, both: bool) {
        let row = |k: &str| self.result.get(t.name, k).cloned();
        let (ours, incoming) = (row(mine_key), row(their_key));
        let choices: &[&str] = if both {
            &["mine", "theirs", "both"]
        } else {
            &["mine", "theirs"]
        };
        let r = self.conflict(
            t,
            ConflictKind::SameTitle,
            their_key,
            Some(f),
            Value::Null,
            opt(ours.as_ref()),
            opt(incoming.as_ref()),
            choices,
        );
        if let Some(c) = self.conflicts.iter_mut().rev().find(|c| c.key == their_key) {
            c.other_key = Some(mine_key.to_string());
        }
        if let Some(replaced_by) = t.replaced_by {
            // Nothing is dropped: the record not chosen is marked as replaced by the other.
            let (loser, winner) = match r {
                Some(Resolution::Theirs) => (mine_key, their_key),
                _ => (their_key, mine_key),
            };
            if let Some(row) = self
                .result
                .tables
                .get_mut(t.name)
                .and_then(|rows| rows.get_mut(loser))
            {
                row.insert(replaced_by.into(), Value::String(winner.into()));
            }
            return;
        }
        // A record that both sides had before is put back as ours had it; a new one goes.
        let undo = |m: &mut Self, k: &str, side: Side| {
            let was = match side {
                Side::Mine => m.mine.get(t.name, k).cloned(),
                Side::Theirs => m.theirs.get(t.name, k).cloned(),
            };
            let table = m.result.tables.entry(t.name.into()).or_default();
            let existed = m.base.and_then(|b| b.get(t.name, k)).is_some();
            match (existed, was) {
                (true, Some(row)) => {
                    table.insert(k.into(), row);
                }
                _ => {
                    table.remove(k);
                }
            }
        };
        match r {
            Some(Resolution::Both) => {}
            Some(Resolution::Theirs) => undo(self, mine_key, Side::Theirs),
            _ => undo(self, their_key, Side::Mine),
        }
    }

    /// Gives the incoming record the next free reference of its prefix.
    fn renumber(&mut self, t: &Table, key: &str, f: &str) {
        let Some(Value::String(from)) =
            self.result.get(t.name, key).and_then(|r| r.get(f)).cloned()
        else {
            return;
        };
        let Some((prefix, _)) = from.rsplit_once('-') else {
            return;
        };
        let number = |reference: &str| {
            reference
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|n| n.parse::<i64>().ok())
        };
        let counters = self
            .result
            .tables
            .entry("reference_counters".into())
            .or_default();
        let counted = counters
            .get(prefix)
            .and_then(|r| r.get("last"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let used = rows_of(Some(&self.result), t.name)
            .values()
            .filter_map(|r| r.get(f).and_then(Value::as_str).and_then(number))
            .max()
            .unwrap_or(0);
        let next = counted.max(used) + 1;
        let to = format!("{prefix}-{next:03}");
        let table = self.result.tables.entry(t.name.into()).or_default();
        let Some(row) = table.get_mut(key) else {
            return;
        };
        row.insert(f.into(), Value::String(to.clone()));
        let title = row
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let counters = self
            .result
            .tables
            .entry("reference_counters".into())
            .or_default();
        let counter = counters.entry(prefix.to_string()).or_insert_with(|| {
            let mut r = Row::new();
            r.insert("prefix".into(), Value::String(prefix.into()));
            r
        });
        counter.insert("last".into(), Value::from(next));
        // The agenda items of theirs that name the risk keep its reference with it.
        if let Some(items) = self.result.tables.get_mut("workshop_items") {
            for item in items.values_mut() {
                if item.get("risk_id").and_then(Value::as_str) == Some(key)
                    && item.get("reference").and_then(Value::as_str) == Some(from.as_str())
                {
                    item.insert("reference".into(), Value::String(to.clone()));
                }
            }
        }
        self.renumbered.push(Renumbered {
            table: t.name.into(),
            key: key.into(),
            from,
            to,
            title,
        });
    }
}
