//! The parts of the exit plan PDF, each drawn from the top of its first page.

use crate::exit::{ReadinessLevel, Renewal, Severity};
use crate::report::kit::blocks::{cover_subject, cover_title, fact_rows, key_figures, Figure};
use crate::report::kit::{
    date, humanise, money, or_dash, plural, Align, Doc, Style, Table, ALERT, BODY, GOOD, HEAD,
    MUTED, NAVY, RULE,
};

use super::{level_text, timeline, ExitData};

fn days(d: Option<u32>) -> String {
    d.map_or_else(|| "—".into(), |d| format!("{d} day{}", plural(d as usize)))
}

fn amount(minor: Option<i64>, currency: &str) -> String {
    minor.map_or_else(|| "—".into(), |m| money(m, currency))
}

fn notice_text(n: Option<&crate::exit::NoticeDeadline>) -> String {
    match n {
        None => "— (the end of the term or the notice period is not recorded)".into(),
        Some(n) => {
            let when = match n.days_left {
                0 => "today".to_owned(),
                d if d < 0 => format!("passed {} days ago", -d),
                d => format!("in {d} days"),
            };
            format!(
                "{} ({when}), to end the agreement on {}{}",
                n.last_day,
                n.term_end,
                if n.renews {
                    "; otherwise it renews"
                } else {
                    ""
                }
            )
        }
    }
}

fn level_colour(level: ReadinessLevel) -> crate::report::kit::Colour {
    match level {
        ReadinessLevel::Ready => GOOD,
        ReadinessLevel::Gaps => NAVY,
        ReadinessLevel::NotReady => ALERT,
    }
}

pub(super) fn cover(doc: &mut Doc, d: &ExitData) {
    let p = d.partnership;
    let r = d.readiness;
    cover_title(doc, "EXIT PLAN", &p.fields.name);
    let with = format!("with {}", p.fields.partner.trim());
    cover_subject(
        doc,
        "How we would leave this partnership, and how ready we are",
        (!p.fields.partner.trim().is_empty()).then_some(&with),
    );
    let blocking = r
        .gaps
        .iter()
        .filter(|g| g.severity == Severity::Blocking)
        .count();
    key_figures(
        doc,
        &[
            Figure {
                number: level_text(r.level).into(),
                label: "readiness",
                colour: level_colour(r.level),
            },
            Figure {
                number: r.gaps.len().to_string(),
                label: "gaps",
                colour: if blocking > 0 { ALERT } else { NAVY },
            },
            Figure {
                number: d.plan.scenarios.len().to_string(),
                label: "scenarios",
                colour: NAVY,
            },
            Figure {
                number: r
                    .notice
                    .as_ref()
                    .map_or("—".into(), |n| n.days_left.to_string()),
                label: "days left to give notice",
                colour: match &r.notice {
                    Some(n) if n.days_left < 90 => ALERT,
                    _ => NAVY,
                },
            },
        ],
    );
    let roles = &d.plan.roles;
    fact_rows(
        doc,
        &[
            ("Notice by", notice_text(r.notice.as_ref())),
            ("Exit owner", or_dash(&roles.exit_owner)),
            ("Decision maker", or_dash(&roles.decision_maker)),
            ("Communication lead", or_dash(&roles.communication_lead)),
            ("Last exit test", date(r.last_test)),
            ("Next exit test due", date(r.next_test_due)),
            ("Partnership owner", or_dash(&p.fields.owner)),
            ("Printed", d.today.format("%-d %B %Y").to_string()),
        ],
    );
}

pub(super) fn agreement(doc: &mut Doc, d: &ExitData) {
    let a = &d.plan.agreement;
    let c = d.plan.currency.as_str();
    doc.heading("The agreement", 16.0, 80.0);
    let renewal = match (a.renewal, a.renewal_months) {
        (Renewal::Automatic, Some(m)) => format!("Automatic, every {m} months"),
        _ => "None: the agreement ends with its term".into(),
    };
    fact_rows(
        doc,
        &[
            ("Start", date(a.start)),
            ("End of the initial term", date(a.initial_term_end)),
            ("Renewal", renewal),
            ("Our notice period", days(a.notice_days_ours)),
            ("Partner's notice period", days(a.notice_days_partner)),
            ("Our notice by", notice_text(d.readiness.notice.as_ref())),
            (
                "Partner's notice by",
                notice_text(d.readiness.partner_notice.as_ref()),
            ),
            (
                "Early termination",
                if a.termination_for_convenience {
                    format!("Yes; fee {}", amount(a.termination_fee, c))
                } else {
                    "No".into()
                },
            ),
            (
                "Change of control",
                match (a.change_of_control, a.change_of_control_note.trim()) {
                    (false, _) => "No clause".to_owned(),
                    (true, "") => "We may end the agreement".to_owned(),
                    (true, note) => format!("We may end the agreement: {note}"),
                },
            ),
        ],
    );
    doc.y += 12.0;
    let r = d.readiness;
    doc.heading(&format!("Readiness: {}", level_text(r.level)), 16.0, 60.0);
    let (left, width) = (doc.left(), doc.content_width());
    doc.paragraph(
        "Computed from the plan and its test log. A blocking gap means the plan would not get us out if it were invoked today; the other gaps are what the plan should say and does not.",
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 6.0;
    if r.gaps.is_empty() {
        doc.paragraph("No gaps.", BODY.colour(GOOD), left, width);
        return;
    }
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Gap", 1.9, Align::Left),
            ("Severity", 0.8, Align::Left),
            ("What is wrong", 3.4, Align::Left),
            ("Closed by", 1.7, Align::Left),
        ],
        HEAD,
    ));
    for g in &r.gaps {
        let (severity, style) = match g.severity {
            Severity::Blocking => ("Blocking", BODY.bold().colour(ALERT)),
            Severity::Gap => ("Gap", BODY),
        };
        t.row()
            .text(g.code.as_str(), Style::new(7.5))
            .text(severity, style)
            .text(&g.reason, BODY)
            .text(&g.field, Style::new(7.5).colour(MUTED))
            .draw();
    }
}

pub(super) fn scenarios(doc: &mut Doc, d: &ExitData) {
    let c = d.plan.currency.as_str();
    doc.heading("Scenarios", 16.0, 80.0);
    let (left, width) = (doc.left(), doc.content_width());
    if d.plan.scenarios.is_empty() {
        doc.paragraph(
            "The plan has no scenarios yet: neither a planned exit nor a stressed one.",
            BODY.colour(ALERT),
            left,
            width,
        );
        return;
    }
    for (n, (s, timing)) in d
        .plan
        .scenarios
        .iter()
        .zip(&d.readiness.scenarios)
        .enumerate()
    {
        if n > 0 {
            doc.y += 14.0;
        }
        doc.heading(&format!("{} ({} exit)", s.name, s.kind), 13.0, 120.0);
        let mut triggers: Vec<String> = s.triggers.iter().map(|t| humanise(t.label())).collect();
        triggers.extend(s.custom_triggers.iter().cloned());
        let path = &timing.critical_path;
        let over = s.target_days.is_some_and(|t| path.days > t);
        fact_rows(
            doc,
            &[
                (
                    "Triggers",
                    if triggers.is_empty() {
                        "— (none recorded)".into()
                    } else {
                        triggers.join("; ")
                    },
                ),
                ("Owner", or_dash(&s.owner)),
                ("Target time to exit", days(s.target_days)),
                (
                    "Critical path",
                    format!(
                        "{}{}",
                        days(Some(path.days)),
                        if over { " — over the target" } else { "" }
                    ),
                ),
                (
                    "One-off cost",
                    match (s.cost.one_off_low, s.cost.one_off_high) {
                        (None, None) => "—".into(),
                        (low, high) => format!("{} to {}", amount(low, c), amount(high, c)),
                    },
                ),
                (
                    "Running cost",
                    s.cost
                        .running_monthly
                        .map_or("—".into(), |m| format!("{} a month", money(m, c))),
                ),
            ],
        );
        if !s.notes.trim().is_empty() {
            doc.y += 4.0;
            doc.paragraph(s.notes.trim(), BODY, left, width);
        }
        if s.steps.is_empty() {
            doc.y += 4.0;
            doc.paragraph("No steps yet.", BODY.colour(ALERT), left, width);
            continue;
        }
        doc.y += 6.0;
        // The heading stays with the first rows of its timeline.
        doc.ensure(100.0);
        doc.subheading("Timeline (the critical path in dark blue)");
        timeline::draw(doc, s, path);
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("#", 0.3, Align::Right),
                ("Step", 3.0, Align::Left),
                ("Owner", 1.2, Align::Left),
                ("Days", 0.55, Align::Right),
                ("After", 0.55, Align::Right),
                ("Ends on day", 0.8, Align::Right),
                ("Status", 0.9, Align::Left),
            ],
            HEAD,
        ));
        for (i, (step, end)) in s.steps.iter().zip(&path.step_ends).enumerate() {
            let after = step
                .waits_for
                .as_ref()
                .and_then(|w| s.steps.iter().position(|x| x.id == *w))
                .map_or("—".into(), |p| (p + 1).to_string());
            let critical = path.step_ids.contains(&step.id);
            let title = if critical { BODY.bold() } else { BODY };
            t.row()
                .text(&(i + 1).to_string(), BODY)
                .text(&step.title, title)
                .text(&or_dash(&step.owner), BODY)
                .text(&step.duration_days.to_string(), BODY)
                .text(&after, BODY)
                .text(&end.to_string(), BODY)
                .text(&humanise(step.status.as_str()), BODY)
                .draw();
        }
    }
}

pub(super) fn data(doc: &mut Doc, d: &ExitData) {
    let plan = d.plan;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Data at exit", 16.0, 80.0);
    if plan.data_sets.is_empty() {
        doc.paragraph("No data sets recorded.", BODY.colour(MUTED), left, width);
    } else {
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("Data set", 2.0, Align::Left),
                ("Personal", 0.7, Align::Left),
                ("Disposition", 1.0, Align::Left),
                ("Format", 1.2, Align::Left),
                ("Window", 0.8, Align::Right),
                ("Paid by", 0.8, Align::Left),
                ("Deletion evidence", 0.9, Align::Left),
            ],
            HEAD,
        ));
        for s in &plan.data_sets {
            let short = s
                .window_days
                .is_some_and(|w| w < crate::exit::readiness::MIN_DATA_WINDOW_DAYS);
            t.row()
                .text(&s.name, BODY.bold())
                .text(if s.personal_data { "Yes" } else { "No" }, BODY)
                .text(
                    &s.disposition.map_or("—".into(), |x| humanise(x.as_str())),
                    BODY,
                )
                .text(&or_dash(&s.format), BODY)
                .text(
                    &days(s.window_days),
                    if short { BODY.colour(ALERT) } else { BODY },
                )
                .text(
                    &s.paid_by.map_or("—".into(), |x| humanise(x.as_str())),
                    BODY,
                )
                .text(
                    if s.deletion_evidence {
                        "Required"
                    } else {
                        "—"
                    },
                    BODY,
                )
                .draw();
        }
    }
    doc.y += 14.0;
    doc.heading("Assets and jointly created IP", 16.0, 80.0);
    if plan.assets.is_empty() {
        doc.paragraph("No assets recorded.", BODY.colour(MUTED), left, width);
    } else {
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("Asset", 2.0, Align::Left),
                ("Kind", 1.0, Align::Left),
                ("At exit", 1.3, Align::Left),
                ("Notes", 3.0, Align::Left),
            ],
            HEAD,
        ));
        for a in &plan.assets {
            t.row()
                .text(&a.name, BODY.bold())
                .text(&humanise(a.kind.as_str()), BODY)
                .text(
                    &a.disposition.map_or("—".into(), |x| humanise(x.as_str())),
                    BODY,
                )
                .text(&or_dash(&a.notes), BODY)
                .draw();
        }
    }
    doc.y += 14.0;
    doc.heading("Alternatives and assessment", 16.0, 80.0);
    let assessed = |v: Option<&str>| v.map_or("— (not assessed)".to_owned(), humanise);
    fact_rows(
        doc,
        &[
            (
                "Substitutability",
                assessed(plan.substitutability.map(|x| x.as_str())),
            ),
            (
                "Reason",
                assessed(plan.substitutability_reason.map(|x| x.as_str())),
            ),
            (
                "Reintegration",
                assessed(plan.reintegration.map(|x| x.as_str())),
            ),
            (
                "Impact of discontinuing",
                assessed(plan.discontinuing_impact.map(|x| x.as_str())),
            ),
        ],
    );
    doc.y += 8.0;
    if plan.alternatives.is_empty() {
        doc.paragraph("No alternatives recorded.", BODY.colour(MUTED), left, width);
    } else {
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("Alternative", 2.0, Align::Left),
                ("Kind", 1.0, Align::Left),
                ("How ready", 1.0, Align::Left),
                ("Notes", 3.2, Align::Left),
            ],
            HEAD,
        ));
        for a in &plan.alternatives {
            t.row()
                .text(&a.name, BODY.bold())
                .text(&humanise(a.kind.as_str()), BODY)
                .text(&humanise(a.readiness.as_str()), BODY)
                .text(&or_dash(&a.notes), BODY)
                .draw();
        }
    }
    doc.y += 14.0;
    doc.heading("Success criteria", 16.0, 60.0);
    if plan.success_criteria.is_empty() {
        doc.paragraph("None recorded.", BODY.colour(MUTED), left, width);
    }
    for c in &plan.success_criteria {
        doc.paragraph(&format!("• {c}"), BODY, left, width);
        doc.y += 2.0;
    }
    if !d.risks.is_empty() || !d.requirements.is_empty() {
        doc.y += 12.0;
        doc.heading("Linked risks and requirements", 16.0, 60.0);
        for r in &d.risks {
            doc.paragraph(
                &format!("{}  {}", r.reference, r.fields.title),
                BODY,
                left,
                width,
            );
        }
        for q in &d.requirements {
            doc.paragraph(
                &format!("{}  {}", q.fields.code, q.fields.title),
                BODY,
                left,
                width,
            );
        }
    }
}

pub(super) fn tests(doc: &mut Doc, d: &ExitData) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Exit tests", 16.0, 80.0);
    if d.tests.is_empty() {
        doc.paragraph(
            "The plan has never been tested.",
            BODY.colour(ALERT),
            left,
            width,
        );
    } else {
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("Date", 0.9, Align::Left),
                ("Kind", 1.1, Align::Left),
                ("Scenario", 1.4, Align::Left),
                ("Operational", 1.05, Align::Left),
                ("Financial", 0.95, Align::Left),
                ("Findings", 2.8, Align::Left),
            ],
            HEAD,
        ));
        for test in d.tests {
            let f = &test.fields;
            let result = |failed: bool, text: &str| {
                if failed {
                    (humanise(text), BODY.bold().colour(ALERT))
                } else {
                    (humanise(text), BODY)
                }
            };
            let (op, op_style) = result(
                f.operational == crate::exit::OperationalResult::Fail,
                f.operational.as_str(),
            );
            let (fin, fin_style) = result(
                f.financial == crate::exit::FinancialResult::Fail,
                f.financial.as_str(),
            );
            t.row()
                .text(&f.date.to_string(), BODY)
                .text(&humanise(f.kind.as_str()), BODY)
                .text(&or_dash(&test.scenario), BODY)
                .text(&op, op_style)
                .text(&fin, fin_style)
                .text(&or_dash(&f.findings), BODY)
                .draw();
        }
    }
    doc.y += 24.0;
    doc.heading("Sign-off", 16.0, 200.0);
    doc.paragraph(
        "We have reviewed this exit plan and agree that it describes how we would leave the partnership.",
        BODY,
        left,
        width,
    );
    doc.y += 24.0;
    let label = Style::new(8.0).colour(MUTED);
    let roles = &d.plan.roles;
    let named = |role: &str, name: &str| {
        if name.trim().is_empty() {
            role.to_owned()
        } else {
            format!("{role}: {}", name.trim())
        }
    };
    for who in [
        named("Exit owner", &roles.exit_owner),
        named("Decision maker", &roles.decision_maker),
        named("Partnership owner", &d.partnership.fields.owner),
    ] {
        doc.ensure(46.0);
        let y = doc.y + 26.0;
        doc.line(left, y, left + width * 0.55, y, RULE, 0.8);
        doc.line(left + width * 0.65, y, left + width, y, RULE, 0.8);
        let fitted = doc.fit(&who, width * 0.55, label).into_owned();
        doc.text(left, y + 10.0, &fitted, label);
        doc.text(left + width * 0.65, y + 10.0, "Date", label);
        doc.y = y + 20.0;
    }
}
