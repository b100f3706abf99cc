//! The mitigation plan: the actions of the report's risks, grouped by owner or by due
//! month, with cost subtotals per group and a total per currency.

use std::collections::{BTreeMap, HashMap};

use crate::model::Action;
use crate::register::RegisterEntry;
use crate::report::kit::{
    chips, date, humanise, money, or_dash, plural, Align, Doc, Table, TableWriter, ALERT, BAND,
    BODY, HEAD, MUTED, NAVY, OVERDUE, SMALL, ZEBRA,
};
use crate::report::PlanGrouping;

use super::loss::amount;
use super::{reference, ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, tick: &mut Ticker) {
    let (left, width) = (doc.left(), doc.content_width());
    // Grouped by owner, the owner goes without saying; otherwise each action names it.
    let owner_shown = data.options.plan_grouping != PlanGrouping::Owner;
    doc.heading("Mitigation plan", 16.0, 80.0);
    let overdue = data
        .actions
        .iter()
        .filter(|a| a.fields.is_overdue(data.today))
        .count();
    let intro = format!(
        "{} actions, {overdue} overdue as of {}, grouped by {}{}.",
        data.actions.len(),
        data.today.format("%Y-%m-%d"),
        match data.options.plan_grouping {
            PlanGrouping::Owner => "owner",
            PlanGrouping::DueMonth => "due month",
            PlanGrouping::Value => "risk, the mitigation worth most in money first",
        },
        if data.scope.is_empty() {
            String::new()
        } else {
            format!("; risks: {}", data.scope)
        }
    );
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 4.0;
    if data.actions.is_empty() {
        doc.paragraph("No actions in this report.", BODY, left, width);
        return;
    }
    let groups = groups(data);
    let risks: HashMap<&str, &RegisterEntry> = data
        .entries
        .iter()
        .map(|e| (e.risk.id.as_str(), e))
        .collect();
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Risk", 1.9, Align::Left),
            ("Action", 3.5, Align::Left),
            ("Residual", 0.9, Align::Left),
            ("Due", 0.9, Align::Left),
            ("Status", 0.8, Align::Left),
            ("Cost", 1.3, Align::Right),
        ],
        HEAD,
    ));
    let mut grand: BTreeMap<String, i64> = BTreeMap::new();
    for (heading, name, actions) in &groups {
        let late = actions
            .iter()
            .filter(|a| a.fields.is_overdue(data.today))
            .count();
        let label = format!(
            "{heading} — {} action{}{}",
            actions.len(),
            plural(actions.len()),
            if late > 0 {
                format!(", {late} overdue")
            } else {
                String::new()
            }
        );
        t.band(&label, BODY.bold().colour(NAVY), BAND);
        let mut subtotal: BTreeMap<String, i64> = BTreeMap::new();
        for a in actions {
            let f = &a.fields;
            let overdue = f.is_overdue(data.today);
            let entry = risks.get(a.risk_id.as_str());
            let cost = match &f.cost {
                Some(c) => {
                    *subtotal.entry(c.currency.clone()).or_default() += c.minor;
                    *grand.entry(c.currency.clone()).or_default() += c.minor;
                    money(c.minor, &c.currency)
                }
                None => "—".to_owned(),
            };
            let level = entry.and_then(|e| e.risk.fields.residual.or(e.risk.fields.inherent));
            t.row()
                .cell(|c| {
                    c.text(reference(data, &a.risk_id), BODY.bold());
                    if let Some(e) = entry {
                        c.text(&e.risk.fields.title, SMALL.colour(MUTED));
                    }
                })
                .cell(|c| {
                    c.text(&f.title, BODY);
                    if !f.detail.trim().is_empty() {
                        c.text(f.detail.trim(), SMALL.colour(MUTED));
                    }
                    if owner_shown {
                        let owner = format!("Owner: {}", or_dash(&f.owner));
                        c.text(&owner, SMALL.bold().colour(MUTED));
                    }
                })
                .cell(|c| chips::score(c, data.matrix, level))
                .cell(|c| {
                    if overdue {
                        let days = f.due.map_or(0, |d| (data.today - d).num_days());
                        c.text(&date(f.due), BODY.bold().colour(ALERT));
                        c.text(&format!("overdue {days} d"), SMALL.bold().colour(ALERT));
                    } else {
                        c.text(&date(f.due), BODY);
                    }
                })
                .text(&humanise(f.status.as_str()), BODY)
                .text(&cost, BODY)
                .draw_on(overdue.then_some(OVERDUE));
            tick.step();
        }
        total(&mut t, &format!("Subtotal {name}"), &subtotal, false);
    }
    total(&mut t, "Total cost of the plan", &grand, true);
}

/// The actions in their groups, in the order printed: each group's heading, the name its
/// subtotal goes by, and its actions.
fn groups<'a>(data: &ReportData<'a>) -> Vec<(String, String, Vec<&'a Action>)> {
    if data.options.plan_grouping == PlanGrouping::Value {
        return by_value(data);
    }
    let by_month = data.options.plan_grouping == PlanGrouping::DueMonth;
    // Group keys sort so that "no owner" / "no due date" come last.
    let mut groups: BTreeMap<(bool, String), Vec<&Action>> = BTreeMap::new();
    for a in &data.actions {
        let key = if by_month {
            match a.fields.due {
                Some(d) => (false, d.format("%Y-%m").to_string()),
                None => (true, "No due date".to_owned()),
            }
        } else if a.fields.owner.trim().is_empty() {
            (true, "No owner".to_owned())
        } else {
            (false, a.fields.owner.trim().to_owned())
        };
        groups.entry(key).or_default().push(a);
    }
    groups
        .into_iter()
        .map(|((_, name), a)| (name.clone(), name, a))
        .collect()
}

/// One group per risk with actions: those whose mitigation has a value in money first,
/// best net value first, named with what it avoids and costs; then the others in the
/// register's order.
fn by_value<'a>(data: &ReportData<'a>) -> Vec<(String, String, Vec<&'a Action>)> {
    let mut by_risk: HashMap<&str, Vec<&'a Action>> = HashMap::new();
    for a in &data.actions {
        by_risk.entry(a.risk_id.as_str()).or_default().push(a);
    }
    let mut out = Vec::new();
    if let Some(v) = &data.plan_value {
        let currency = v
            .currency
            .as_deref()
            .map_or(String::new(), |c| format!(" {c}"));
        for r in &v.risks {
            if let Some(actions) = by_risk.remove(r.risk_id.as_str()) {
                let label = format!(
                    "{} {}: avoids {}{currency} a year for {}{currency} a year, net {}{currency}",
                    r.reference,
                    r.title,
                    amount(r.avoided),
                    amount(r.annual_cost),
                    amount(r.net)
                );
                let subtotal = r.reference.clone();
                out.push((label, subtotal, actions));
            }
        }
    }
    // The rest in one group, in the register's order.
    let rest: Vec<&Action> = data
        .entries
        .iter()
        .filter_map(|e| by_risk.remove(e.risk.id.as_str()))
        .flatten()
        .collect();
    if !rest.is_empty() {
        let label = "Risks without a value in money (no current and target estimates)";
        out.push((label.to_owned(), "without a value".to_owned(), rest));
    }
    out
}

/// A subtotal (muted, on grey) or the grand total (on blue): one line per currency.
fn total(t: &mut TableWriter, label: &str, sums: &BTreeMap<String, i64>, grand: bool) {
    let style = if grand {
        BODY.bold()
    } else {
        BODY.bold().colour(MUTED)
    };
    let text = if sums.is_empty() {
        "—".to_owned()
    } else {
        sums.iter()
            .map(|(c, m)| money(*m, c))
            .collect::<Vec<_>>()
            .join("\n")
    };
    t.total(label, &text, style, if grand { BAND } else { ZEBRA });
}
