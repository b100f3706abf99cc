//! What `prisk exit` prints: the plan in sections, the readiness checklist and the test
//! log for people; the same as JSON for scripts.

use chrono::NaiveDate;
use partner_risk_core::exit::{ExitPlan, ExitTest, NoticeDeadline, Readiness, Renewal};
use partner_risk_core::model::{Money, Partnership};
use partner_risk_core::store::{ExitReminder, ExitStatus, ReminderKind};
use partner_risk_core::{Result, Store};
use serde::Serialize;

use crate::output::{print_json, table};

/// `prisk exit show --json`: the plan, its tests and its readiness.
#[derive(Serialize)]
struct Shown<'a> {
    partnership_id: &'a str,
    partnership: &'a str,
    plan: &'a ExitPlan,
    tests: &'a [ExitTest],
    readiness: &'a Readiness,
}

fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".into(), |v| v.to_string())
}

fn money(minor: Option<i64>, currency: &str) -> String {
    match minor {
        None => "-".into(),
        Some(minor) => Money {
            minor,
            currency: currency.to_string(),
        }
        .to_string()
        .trim_end()
        .to_string(),
    }
}

fn deadline(d: &NoticeDeadline) -> String {
    let when = match d.days_left {
        0 => "today".to_string(),
        n if n < 0 => format!("passed {} days ago", -n),
        n => format!("{n} days left"),
    };
    format!(
        "{} ({when}) to end it on {}{}",
        d.last_day,
        d.term_end,
        if d.renews { "; else it renews" } else { "" }
    )
}

pub fn show(store: &Store, p: &Partnership, today: NaiveDate, json: bool) -> Result<()> {
    let plan = store.exit_plan(&p.id)?;
    let tests = store.exit_tests(&p.id)?;
    let readiness = partner_risk_core::exit::readiness(&plan, &tests, today);
    if json {
        return print_json(&Shown {
            partnership_id: &p.id,
            partnership: &p.fields.name,
            plan: &plan,
            tests: &tests,
            readiness: &readiness,
        });
    }
    let a = &plan.agreement;
    let c = plan.currency.as_str();
    outln!("Exit plan of {}", p.fields.name);
    outln!();
    outln!("Agreement");
    let renewal = match (a.renewal, a.renewal_months) {
        (Renewal::Automatic, Some(m)) => format!("automatic, every {m} months"),
        (r, _) => r.to_string(),
    };
    let rows = [
        ("start", or_dash(a.start)),
        ("end of initial term", or_dash(a.initial_term_end)),
        ("renewal", renewal),
        (
            "our notice",
            or_dash(a.notice_days_ours.map(|d| format!("{d} days"))),
        ),
        (
            "partner's notice",
            or_dash(a.notice_days_partner.map(|d| format!("{d} days"))),
        ),
        (
            "last day to give notice",
            or_dash(readiness.notice.as_ref().map(deadline)),
        ),
        (
            "partner's last day",
            or_dash(readiness.partner_notice.as_ref().map(deadline)),
        ),
        (
            "termination for convenience",
            if a.termination_for_convenience {
                format!("yes, fee {}", money(a.termination_fee, c))
            } else {
                "no".into()
            },
        ),
        (
            "change of control",
            match (a.change_of_control, a.change_of_control_note.trim()) {
                (false, _) => "no".to_string(),
                (true, "") => "yes".to_string(),
                (true, note) => format!("yes: {note}"),
            },
        ),
    ];
    for (label, value) in rows {
        outln!("  {label:<28} {value}");
    }
    outln!();
    outln!("Assessment");
    let rows = [
        ("substitutability", or_dash(plan.substitutability)),
        ("reason", or_dash(plan.substitutability_reason)),
        ("reintegration", or_dash(plan.reintegration)),
        (
            "impact of discontinuing",
            or_dash(plan.discontinuing_impact),
        ),
        ("exit owner", plan.roles.exit_owner.clone()),
        ("decision maker", plan.roles.decision_maker.clone()),
        ("communication lead", plan.roles.communication_lead.clone()),
        ("currency", plan.currency.clone()),
        ("next test due", or_dash(readiness.next_test_due)),
    ];
    for (label, value) in rows {
        let value = if value.is_empty() { "-".into() } else { value };
        outln!("  {label:<28} {value}");
    }
    if !plan.success_criteria.is_empty() {
        outln!("  success criteria:");
        for criterion in &plan.success_criteria {
            outln!("    - {criterion}");
        }
    }
    for (n, (s, timing)) in plan.scenarios.iter().zip(&readiness.scenarios).enumerate() {
        outln!();
        outln!(
            "Scenario {}: {} ({}), owner {}",
            n + 1,
            s.name,
            s.kind,
            if s.owner.is_empty() { "-" } else { &s.owner }
        );
        outln!(
            "  critical path {} days, target {}",
            timing.critical_path.days,
            or_dash(s.target_days.map(|d| format!("{d} days")))
        );
        let mut triggers: Vec<String> = s.triggers.iter().map(|t| t.to_string()).collect();
        triggers.extend(s.custom_triggers.iter().map(|t| format!("{t:?}")));
        outln!(
            "  triggers: {}",
            if triggers.is_empty() {
                "-".into()
            } else {
                triggers.join(", ")
            }
        );
        if !s.cost.is_empty() {
            outln!(
                "  cost: one-off {} to {}, running {} a month",
                money(s.cost.one_off_low, c),
                money(s.cost.one_off_high, c),
                money(s.cost.running_monthly, c)
            );
        }
        if !s.steps.is_empty() {
            let number = |id: &str| {
                s.steps
                    .iter()
                    .position(|x| x.id == id)
                    .map_or("?".into(), |i| (i + 1).to_string())
            };
            table(
                &[
                    "  #", "STEP", "OWNER", "DAYS", "AFTER", "STATUS", "CRITICAL",
                ],
                s.steps
                    .iter()
                    .enumerate()
                    .map(|(i, step)| {
                        vec![
                            format!("  {}", i + 1),
                            step.title.clone(),
                            step.owner.clone(),
                            step.duration_days.to_string(),
                            step.waits_for.as_deref().map_or("-".into(), number),
                            step.status.to_string(),
                            if timing.critical_path.step_ids.contains(&step.id) {
                                "*".into()
                            } else {
                                String::new()
                            },
                        ]
                    })
                    .collect(),
            );
        }
    }
    if !plan.data_sets.is_empty() {
        outln!();
        outln!("Data sets");
        table(
            &[
                "  NAME",
                "PERSONAL",
                "DISPOSITION",
                "FORMAT",
                "WINDOW",
                "PAID BY",
                "DELETION EVIDENCE",
            ],
            plan.data_sets
                .iter()
                .map(|d| {
                    vec![
                        format!("  {}", d.name),
                        yes_no(d.personal_data),
                        or_dash(d.disposition),
                        d.format.clone(),
                        or_dash(d.window_days.map(|w| format!("{w} days"))),
                        or_dash(d.paid_by),
                        yes_no(d.deletion_evidence),
                    ]
                })
                .collect(),
        );
    }
    if !plan.assets.is_empty() {
        outln!();
        outln!("Assets");
        table(
            &["  NAME", "KIND", "DISPOSITION", "NOTES"],
            plan.assets
                .iter()
                .map(|x| {
                    vec![
                        format!("  {}", x.name),
                        x.kind.to_string(),
                        or_dash(x.disposition),
                        x.notes.clone(),
                    ]
                })
                .collect(),
        );
    }
    if !plan.alternatives.is_empty() {
        outln!();
        outln!("Alternatives");
        table(
            &["  NAME", "KIND", "READINESS", "NOTES"],
            plan.alternatives
                .iter()
                .map(|x| {
                    vec![
                        format!("  {}", x.name),
                        x.kind.to_string(),
                        x.readiness.to_string(),
                        x.notes.clone(),
                    ]
                })
                .collect(),
        );
    }
    if !plan.risk_ids.is_empty() || !plan.requirement_ids.is_empty() {
        outln!();
        outln!("Linked");
        for id in &plan.risk_ids {
            let r = store.risk(id)?;
            outln!("  risk {}  {}", r.reference, r.fields.title);
        }
        for id in &plan.requirement_ids {
            let q = store.requirement(id)?;
            outln!("  requirement {}  {}", q.fields.code, q.fields.title);
        }
    }
    if !tests.is_empty() {
        outln!();
        outln!("Exit tests");
        tests_table(&tests);
    }
    outln!();
    readiness_text(&readiness);
    Ok(())
}

fn yes_no(v: bool) -> String {
    if v { "yes" } else { "no" }.into()
}

fn tests_table(tests: &[ExitTest]) {
    table(
        &[
            "  #",
            "DATE",
            "KIND",
            "SCENARIO",
            "OPERATIONAL",
            "FINANCIAL",
            "FINDINGS",
        ],
        tests
            .iter()
            .enumerate()
            .map(|(n, t)| {
                vec![
                    format!("  {}", n + 1),
                    t.fields.date.to_string(),
                    t.fields.kind.to_string(),
                    t.scenario.clone(),
                    t.fields.operational.to_string(),
                    t.fields.financial.to_string(),
                    t.fields.findings.chars().take(60).collect(),
                ]
            })
            .collect(),
    );
}

pub fn tests(tests: &[ExitTest], json: bool) -> Result<()> {
    if json {
        return print_json(&tests);
    }
    if tests.is_empty() {
        outln!("no exit tests yet (record one with `prisk exit test add`)");
        return Ok(());
    }
    tests_table(tests);
    Ok(())
}

fn readiness_text(r: &Readiness) {
    let level = match r.level {
        partner_risk_core::exit::ReadinessLevel::Ready => "ready",
        partner_risk_core::exit::ReadinessLevel::Gaps => "gaps",
        partner_risk_core::exit::ReadinessLevel::NotReady => "NOT READY",
    };
    outln!("Readiness: {level} ({} gaps)", r.gaps.len());
    if !r.gaps.is_empty() {
        table(
            &["  CODE", "SEVERITY", "FIELD", "REASON"],
            r.gaps
                .iter()
                .map(|g| {
                    vec![
                        format!("  {}", g.code),
                        match g.severity {
                            partner_risk_core::exit::Severity::Blocking => "blocking".into(),
                            partner_risk_core::exit::Severity::Gap => "gap".into(),
                        },
                        g.field.clone(),
                        g.reason.clone(),
                    ]
                })
                .collect(),
        );
    }
}

pub fn readiness(r: &Readiness, json: bool) -> Result<()> {
    if json {
        return print_json(r);
    }
    readiness_text(r);
    Ok(())
}

pub fn statuses(list: &[ExitStatus], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("no partnerships");
        return Ok(());
    }
    table(
        &["PARTNERSHIP", "READINESS", "GAPS", "NOTICE BY", "NEXT TEST"],
        list.iter()
            .map(|s| {
                vec![
                    s.partnership.clone(),
                    s.level.as_str().replace('_', " "),
                    s.gaps.len().to_string(),
                    or_dash(s.notice.as_ref().map(|n| n.last_day)),
                    or_dash(s.next_test_due),
                ]
            })
            .collect(),
    );
    Ok(())
}

pub fn reminders(list: &[ExitReminder], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        outln!("nothing due");
        return Ok(());
    }
    print_reminders(list);
    Ok(())
}

/// The reminders as a table (also under the review queue).
pub fn print_reminders(list: &[ExitReminder]) {
    table(
        &["DATE", "DAYS", "PARTNERSHIP", "DUE"],
        list.iter()
            .map(|r| {
                vec![
                    r.date.to_string(),
                    r.days_left.to_string(),
                    r.partnership.clone(),
                    match r.kind {
                        ReminderKind::NoticeDeadline => "last day to give notice".into(),
                        ReminderKind::TestDue if r.days_left < 0 => "exit test overdue".into(),
                        ReminderKind::TestDue => "exit test due".into(),
                        ReminderKind::TestFailed => {
                            "last exit test failed: fix and test again".into()
                        }
                    },
                ]
            })
            .collect(),
    );
}
