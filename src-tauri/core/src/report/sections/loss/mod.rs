//! Loss in money (issue 24): the kept simulations' exceedance curves against the
//! tolerance, their figures, the top contributors, the cells where the numbers and the
//! matrix disagree, and what each mitigation is worth. Results are printed as kept,
//! never recomputed; out-of-date ones say so.

mod chart;

use crate::model::ScoreKind;
use crate::report::kit::blocks::{key_figures, Figure};
use crate::report::kit::{humanise, Align, Doc, Table, ALERT, BODY, GOOD, HEAD, MUTED, NAVY};
use crate::store::StageResult;

use super::{ReportData, Ticker};

/// 1234567 → "1,234,567".
pub(super) fn amount(x: f64) -> String {
    let digits = (x.round().abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 {
        format!("-{out}")
    } else {
        out
    }
}

/// 1234567 → "1.2M"; 50000 → "50k".
pub(super) fn short_amount(x: f64) -> String {
    let (v, unit) = match x.abs() {
        a if a >= 1e9 => (x / 1e9, "bn"),
        a if a >= 1e6 => (x / 1e6, "M"),
        a if a >= 1e3 => (x / 1e3, "k"),
        _ => (x, ""),
    };
    let text = if v.abs() >= 10.0 || v.fract().abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{text}{unit}")
}

fn percent(p: f64) -> String {
    let pct = p * 100.0;
    if pct > 0.0 && pct < 1.0 {
        format!("{pct:.2} %")
    } else {
        format!("{pct:.1} %")
    }
}

/// The stage whose figures lead: residual, else inherent, else target.
fn lead(stages: &[StageResult]) -> Option<&StageResult> {
    [ScoreKind::Residual, ScoreKind::Inherent, ScoreKind::Target]
        .into_iter()
        .find_map(|k| stages.iter().find(|s| s.stage == k && s.figures.risks > 0))
}

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Loss in money", 16.0, 160.0);
    let Some(q) = &data.quant else {
        return;
    };
    let currency = q.results.currency.as_deref().unwrap_or("");
    let stages: Vec<&StageResult> = q
        .results
        .stages
        .iter()
        .filter(|s| s.figures.risks > 0)
        .collect();
    match lead(&q.results.stages) {
        None => doc.paragraph(
            "No simulation is kept for this partnership. Run one (prisk quant run, or the \
             Loss tab) to print the loss exceedance curves here.",
            BODY.colour(MUTED),
            left,
            width,
        ),
        Some(s) => {
            let f = &s.figures;
            let mut intro =
                format!(
                "Annual loss in {}, simulated over {} years (seed {}) on {} by {}: each risk's \
                 events from its frequency, each event's loss from its 90 % range or PERT \
                 estimate, risks independent.",
                if currency.is_empty() { "the partnership's currency" } else { currency },
                amount(f64::from(f.years)),
                f.seed,
                s.run_at.format("%Y-%m-%d"),
                s.run_by
            );
            if stages.iter().any(|s| s.out_of_date) {
                intro.push_str(
                    " Some estimates changed since: the stages marked out of date are not \
                     the current figures.",
                );
            }
            doc.paragraph(&intro, BODY, left, width);
            doc.y += 6.0;
            let outside = s.tolerance.is_some_and(|t| t.outside);
            key_figures(
                doc,
                &[
                    Figure {
                        number: short_amount(f.mean),
                        label: "expected annual loss",
                        colour: NAVY,
                    },
                    Figure {
                        number: short_amount(f.p95),
                        label: "1 year in 20 loses more",
                        colour: NAVY,
                    },
                    Figure {
                        number: short_amount(f.p99),
                        label: "1 year in 100 loses more",
                        colour: NAVY,
                    },
                    Figure {
                        number: if outside {
                            "Outside".into()
                        } else {
                            "Within".into()
                        },
                        label: if s.tolerance.is_some() {
                            "tolerance"
                        } else {
                            "no tolerance set"
                        },
                        colour: if outside { ALERT } else { GOOD },
                    },
                ],
            );
            let curves: Vec<_> = stages
                .iter()
                .map(|s| (s.stage, s.figures.curve.as_slice()))
                .collect();
            chart::draw(doc, &curves, q.results.tolerance.as_ref());
            if let Some(t) = &q.results.tolerance {
                let [a, b] = t.points;
                let mut text = format!(
                    "Tolerance: at most {} chance a year of losing more than {}, and {} of more \
                     than {}.",
                    percent(a.probability),
                    amount(a.loss),
                    percent(b.probability),
                    amount(b.loss)
                );
                for s in &stages {
                    if let Some(c) = s.tolerance.filter(|c| c.outside) {
                        text.push_str(&format!(
                            " {}: outside — a {} chance of losing more than {} where {} is \
                             tolerated.",
                            humanise(s.stage.as_str()),
                            percent(c.probability),
                            amount(c.worst_loss),
                            percent(c.tolerated)
                        ));
                    }
                }
                doc.paragraph(&text, BODY, left, width);
            }
            doc.y += 8.0;
            figures_table(doc, &stages);
            contributors(doc, s);
        }
    }
    disagreements(doc, data);
    value(doc, data);
}

fn figures_table(doc: &mut Doc, stages: &[&StageResult]) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Figures per stage", 11.0, 80.0);
    let threshold = stages
        .iter()
        .find_map(|s| s.figures.threshold)
        .map_or("P(> threshold)".to_string(), |t| {
            format!("P(> {})", short_amount(t))
        });
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Stage", 1.6, Align::Left),
            ("Risks", 0.7, Align::Right),
            ("Mean", 1.2, Align::Right),
            ("Median", 1.2, Align::Right),
            ("P90", 1.2, Align::Right),
            ("P95", 1.2, Align::Right),
            ("P99", 1.2, Align::Right),
            ("ES 99 %", 1.2, Align::Right),
            ("P(loss)", 1.0, Align::Right),
            (threshold.as_str(), 1.1, Align::Right),
        ],
        HEAD,
    ));
    for s in stages {
        let f = &s.figures;
        let mut name = humanise(s.stage.as_str());
        if s.out_of_date {
            name.push_str(" (out of date)");
        }
        t.row()
            .text(&name, BODY.bold())
            .text(&f.risks.to_string(), BODY)
            .text(&amount(f.mean), BODY)
            .text(&amount(f.median), BODY)
            .text(&amount(f.p90), BODY)
            .text(&amount(f.p95), BODY)
            .text(&amount(f.p99), BODY)
            .text(&amount(f.es99), BODY)
            .text(&percent(f.p_any_loss), BODY)
            .text(&f.p_over_threshold.map_or("—".into(), percent), BODY)
            .draw();
    }
    doc.y += 10.0;
}

fn contributors(doc: &mut Doc, s: &StageResult) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading(
        &format!("Top contributors ({})", s.stage.as_str()),
        11.0,
        80.0,
    );
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Risk", 0.9, Align::Left),
            ("Title", 4.0, Align::Left),
            ("Mean a year", 1.3, Align::Right),
            ("Of the mean", 1.1, Align::Right),
            ("Of the worst 1 %", 1.3, Align::Right),
        ],
        HEAD,
    ));
    for c in s.figures.contributions.iter().take(10) {
        t.row()
            .text(&c.reference, BODY.bold())
            .text(&c.title, BODY)
            .text(&amount(c.mean), BODY)
            .text(&percent(c.share_of_mean), BODY)
            .text(&percent(c.share_of_tail), BODY)
            .draw();
    }
    doc.y += 10.0;
}

fn disagreements(doc: &mut Doc, data: &ReportData) {
    let Some(q) = &data.quant else {
        return;
    };
    let flagged: Vec<_> = q.cells.iter().filter(|c| c.disagrees()).collect();
    if flagged.is_empty() {
        return;
    }
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Where the numbers and the matrix disagree", 11.0, 80.0);
    doc.paragraph(
        "The cell each stage's numbers fall in (by the matrix's ranges) is more than one step \
         from the cell chosen.",
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 4.0;
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Risk", 0.9, Align::Left),
            ("Title", 4.0, Align::Left),
            ("Stage", 1.0, Align::Left),
            ("Cell chosen", 1.0, Align::Right),
            ("Numbers' cell", 1.1, Align::Right),
        ],
        HEAD,
    ));
    for r in flagged {
        for s in r.stages.iter().filter(|s| s.disagrees) {
            let cell = |c: Option<crate::matrix::Score>| {
                c.map_or("—".to_string(), |c| {
                    format!("L{} I{}", c.likelihood, c.impact)
                })
            };
            t.row()
                .text(&r.reference, BODY.bold())
                .text(&r.title, BODY)
                .text(&humanise(s.stage.as_str()), BODY)
                .text(&cell(s.chosen), BODY)
                .text(&cell(s.implied), BODY.colour(ALERT))
                .draw();
        }
    }
    doc.y += 10.0;
}

fn value(doc: &mut Doc, data: &ReportData) {
    let Some(q) = &data.quant else {
        return;
    };
    let v = &q.value;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("What the mitigation plan is worth", 11.0, 80.0);
    if v.risks.is_empty() {
        doc.paragraph(
            "No risk has both a current (residual or inherent) and a target estimate yet.",
            BODY.colour(MUTED),
            left,
            width,
        );
        return;
    }
    doc.paragraph(
        &format!(
            "Expected annual loss avoided from each risk's current stage to its target, against \
             its actions' costs spread over {} years{}; best value first.",
            v.cost_years,
            v.currency
                .as_deref()
                .map(|c| format!(", in {c}"))
                .unwrap_or_default()
        ),
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 4.0;
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Risk", 0.9, Align::Left),
            ("Title", 3.2, Align::Left),
            ("Loss avoided", 1.2, Align::Right),
            ("Cost a year", 1.2, Align::Right),
            ("Net value", 1.2, Align::Right),
            ("Return", 0.9, Align::Right),
        ],
        HEAD,
    ));
    for r in &v.risks {
        let net = if r.net < 0.0 {
            BODY.colour(ALERT)
        } else {
            BODY.colour(GOOD)
        };
        t.row()
            .text(&r.reference, BODY.bold())
            .text(&r.title, BODY)
            .text(&amount(r.avoided), BODY)
            .text(&amount(r.annual_cost), BODY)
            .text(&amount(r.net), net.bold())
            .text(&r.return_on_cost.map_or("—".into(), percent), BODY)
            .draw();
    }
    t.total(
        &format!(
            "The plan: {} avoided, {} a year, net {}",
            amount(v.avoided),
            amount(v.annual_cost),
            amount(v.net)
        ),
        &v.return_on_cost.map_or("—".into(), percent),
        BODY.bold(),
        crate::report::kit::BAND,
    );
}
