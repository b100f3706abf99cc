//! The workbook's "Exit plan" sheet: the agreement and the assessment as label and value
//! rows, then the gaps, scenarios, steps (with their end days and the critical path),
//! data sets, assets, alternatives and exit tests as small tables, one under the other.
//! Written only for a partnership whose plan has something in it.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::exit::{ExitPlan, ExitTest, NoticeDeadline, Readiness, Renewal};

pub(crate) const EXIT_PLAN: &str = "Exit plan";

/// What the sheet shows.
pub(crate) struct ExitSheet {
    pub plan: ExitPlan,
    pub tests: Vec<ExitTest>,
    pub readiness: Readiness,
}

type R = std::result::Result<(), XlsxError>;

/// A cell of the sheet: text, a whole number or an amount in minor units.
enum V {
    T(String),
    N(u32),
    M(Option<i64>),
}

fn t(text: impl Into<String>) -> V {
    V::T(text.into())
}

fn opt<T: ToString>(v: Option<T>) -> V {
    V::T(v.map(|v| v.to_string()).unwrap_or_default())
}

struct Writer<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
    header: &'a Format,
    title: &'a Format,
    money: &'a Format,
}

impl Writer<'_> {
    fn title(&mut self, text: &str) -> R {
        self.row += 1;
        self.sheet
            .write_string_with_format(self.row, 0, text, self.title)?;
        self.row += 1;
        Ok(())
    }

    fn head(&mut self, columns: &[&str]) -> R {
        for (c, text) in columns.iter().enumerate() {
            self.sheet
                .write_string_with_format(self.row, c as u16, *text, self.header)?;
        }
        self.row += 1;
        Ok(())
    }

    fn cells(&mut self, values: &[V]) -> R {
        for (c, v) in values.iter().enumerate() {
            let c = c as u16;
            match v {
                V::T(text) if !text.is_empty() => {
                    self.sheet.write_string(self.row, c, text)?;
                }
                V::T(_) | V::M(None) => {}
                V::N(n) => {
                    self.sheet.write_number(self.row, c, *n)?;
                }
                V::M(Some(minor)) => {
                    self.sheet.write_number_with_format(
                        self.row,
                        c,
                        *minor as f64 / 100.0,
                        self.money,
                    )?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// A table of named things with notes, a kind and one status column (assets and
    /// alternatives), under a title of the same name.
    fn named_notes<'x>(
        &mut self,
        title: &str,
        last: &str,
        rows: impl Iterator<Item = (&'x String, &'x String, &'x str, V)>,
    ) -> R {
        let first = title.trim_end_matches('s');
        self.title(title)?;
        self.head(&[first, "Notes", "Kind", "", "", last])?;
        for (name, notes, kind, status) in rows {
            self.cells(&[t(name), t(notes), t(kind), t(""), t(""), status])?;
        }
        Ok(())
    }

    fn pairs(&mut self, rows: Vec<(&str, V)>) -> R {
        for (label, value) in rows {
            self.sheet
                .write_string_with_format(self.row, 0, label, self.header)?;
            self.cells(&[t(""), value])?;
        }
        Ok(())
    }
}

fn notice(n: Option<&NoticeDeadline>) -> V {
    opt(n.map(|n| n.last_day))
}

pub(crate) fn write(
    sheet: &mut Worksheet,
    name: &str,
    exit: &ExitSheet,
    header: &Format,
    title: &Format,
    money: &Format,
) -> R {
    sheet.set_name(EXIT_PLAN)?;
    for (c, width) in [28.0, 30.0, 16.0, 12.0, 12.0, 14.0, 14.0, 14.0, 40.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, width)?;
    }
    let (plan, r) = (&exit.plan, &exit.readiness);
    let a = &plan.agreement;
    let mut w = Writer {
        sheet,
        row: 0,
        header,
        title,
        money,
    };
    w.sheet
        .write_string_with_format(0, 0, format!("Exit plan — {name}"), title)?;
    w.row = 1;
    w.title("Agreement")?;
    w.pairs(vec![
        ("Start", opt(a.start)),
        ("End of the initial term", opt(a.initial_term_end)),
        (
            "Renewal",
            t(match a.renewal {
                Renewal::None => "none".to_string(),
                Renewal::Automatic => format!(
                    "automatic, every {} months",
                    a.renewal_months.unwrap_or_default()
                ),
            }),
        ),
        ("Our notice (days)", opt(a.notice_days_ours)),
        ("Partner's notice (days)", opt(a.notice_days_partner)),
        ("Our last day to give notice", notice(r.notice.as_ref())),
        ("Partner's last day", notice(r.partner_notice.as_ref())),
        (
            "Termination for convenience",
            t(if a.termination_for_convenience {
                "yes"
            } else {
                "no"
            }),
        ),
        ("Termination fee", V::M(a.termination_fee)),
        (
            "Change of control clause",
            t(if a.change_of_control { "yes" } else { "no" }),
        ),
        ("Change of control note", t(&a.change_of_control_note)),
        ("Currency", t(&plan.currency)),
    ])?;
    w.title("Assessment and roles")?;
    w.pairs(vec![
        ("Substitutability", opt(plan.substitutability)),
        ("Reason", opt(plan.substitutability_reason)),
        ("Reintegration", opt(plan.reintegration)),
        ("Impact of discontinuing", opt(plan.discontinuing_impact)),
        ("Exit owner", t(&plan.roles.exit_owner)),
        ("Decision maker", t(&plan.roles.decision_maker)),
        ("Communication lead", t(&plan.roles.communication_lead)),
        ("Success criteria", t(plan.success_criteria.join("; "))),
        ("Last exit test", opt(r.last_test)),
        ("Next exit test due", opt(r.next_test_due)),
    ])?;
    w.title(&format!(
        "Readiness: {}",
        r.level.as_str().replace('_', " ")
    ))?;
    w.head(&["Gap", "Severity", "Field", "", "", "", "", "", "Reason"])?;
    for g in &r.gaps {
        let severity = match g.severity {
            crate::exit::Severity::Blocking => "blocking",
            crate::exit::Severity::Gap => "gap",
        };
        w.cells(&[
            t(g.code.as_str()),
            t(severity),
            t(&g.field),
            t(""),
            t(""),
            t(""),
            t(""),
            t(""),
            t(&g.reason),
        ])?;
    }
    w.title("Scenarios")?;
    w.head(&[
        "Scenario",
        "Triggers",
        "Kind",
        "Target (days)",
        "Critical path (days)",
        "One-off low",
        "One-off high",
        "Running a month",
        "Owner",
    ])?;
    for (s, timing) in plan.scenarios.iter().zip(&r.scenarios) {
        let mut triggers: Vec<String> = s.triggers.iter().map(|x| x.to_string()).collect();
        triggers.extend(s.custom_triggers.iter().cloned());
        w.cells(&[
            t(&s.name),
            t(triggers.join("; ")),
            t(s.kind.as_str()),
            opt(s.target_days),
            V::N(timing.critical_path.days),
            V::M(s.cost.one_off_low),
            V::M(s.cost.one_off_high),
            V::M(s.cost.running_monthly),
            t(&s.owner),
        ])?;
    }
    w.title("Steps")?;
    w.head(&[
        "Scenario",
        "Step",
        "#",
        "Days",
        "After #",
        "Ends on day",
        "Critical",
        "Status",
        "Owner",
    ])?;
    for (s, timing) in plan.scenarios.iter().zip(&r.scenarios) {
        let path = &timing.critical_path;
        for (n, step) in s.steps.iter().enumerate() {
            let after = step
                .waits_for
                .as_ref()
                .and_then(|id| s.steps.iter().position(|x| x.id == *id))
                .map(|p| p as u32 + 1);
            w.cells(&[
                t(&s.name),
                t(&step.title),
                V::N(n as u32 + 1),
                V::N(step.duration_days),
                after.map_or(t(""), V::N),
                path.step_ends.get(n).map_or(t(""), |e| V::N(*e)),
                t(if path.step_ids.contains(&step.id) {
                    "yes"
                } else {
                    ""
                }),
                t(step.status.as_str()),
                t(&step.owner),
            ])?;
        }
    }
    w.title("Data sets")?;
    w.head(&[
        "Data set",
        "Format",
        "Personal data",
        "Window (days)",
        "Paid by",
        "Disposition",
        "Deletion evidence",
    ])?;
    for d in &plan.data_sets {
        w.cells(&[
            t(&d.name),
            t(&d.format),
            t(if d.personal_data { "yes" } else { "no" }),
            opt(d.window_days),
            opt(d.paid_by),
            opt(d.disposition),
            t(if d.deletion_evidence { "required" } else { "" }),
        ])?;
    }
    w.named_notes(
        "Assets",
        "Disposition",
        plan.assets.iter().map(|x| {
            let last = opt(x.disposition);
            (&x.name, &x.notes, x.kind.as_str(), last)
        }),
    )?;
    w.named_notes(
        "Alternatives",
        "Readiness",
        plan.alternatives.iter().map(|x| {
            let last = t(x.readiness.as_str());
            (&x.name, &x.notes, x.kind.as_str(), last)
        }),
    )?;
    w.title("Exit tests")?;
    w.head(&[
        "Date",
        "Findings",
        "Kind",
        "Operational",
        "Financial",
        "Scenario",
    ])?;
    for x in &exit.tests {
        let f = &x.fields;
        w.cells(&[
            t(f.date.to_string()),
            t(&f.findings),
            t(f.kind.as_str()),
            t(f.operational.as_str()),
            t(f.financial.as_str()),
            t(&x.scenario),
        ])?;
    }
    Ok(())
}
