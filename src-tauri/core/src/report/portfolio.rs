//! The portfolio summary: one landscape page (more only for a very long list) with every
//! unarchived partnership's figures — open risks per level, outside appetite, reviews
//! due, overdue actions, acceptances running out and the exit plan's readiness — and the
//! totals, drawn with the report's kit.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::kit::blocks::{key_figures, Figure};
use super::kit::{
    Align, Colour, Doc, Fonts, Table, ALERT, BAND, BODY, GOOD, HEAD, MUTED, NAVY, SMALL, ZEBRA,
};
use super::{output, Paper};
use crate::error::Result;
use crate::exit::ReadinessLevel;
use crate::store::{PortfolioRow, Store};

/// What a written portfolio file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PortfolioExport {
    pub path: PathBuf,
    pub pages: usize,
    pub partnerships: usize,
    pub bytes: u64,
}

/// The portfolio summary as PDF bytes and its page count.
pub fn export_portfolio(
    store: &Store,
    today: NaiveDate,
    prepared_by: &str,
) -> Result<(Vec<u8>, usize)> {
    let (bytes, pages, _) = render_portfolio(store, today, prepared_by)?;
    Ok((bytes, pages))
}

/// The PDF bytes, their page count and the number of partnerships (read once).
fn render_portfolio(
    store: &Store,
    today: NaiveDate,
    prepared_by: &str,
) -> Result<(Vec<u8>, usize, usize)> {
    crate::model::limit_text("prepared_by", prepared_by, 200)?;
    let rows = store.portfolio(today)?;
    let exits: std::collections::HashMap<String, ReadinessLevel> = store
        .exit_statuses(today)?
        .into_iter()
        .map(|s| (s.partnership_id, s.level))
        .collect();
    let fonts = Fonts::load()?;
    let mut doc = Doc::new(&fonts, Paper::A4);
    doc.new_page(true);
    draw(&mut doc, &rows, &exits, today);
    let pages = doc.page_count();
    let header = "Partnership portfolio".to_string();
    let mut footer = format!("Printed {today}");
    if !prepared_by.trim().is_empty() {
        footer.push_str(&format!(" · prepared by {}", prepared_by.trim()));
    }
    footer.push_str(" · Partner Risk");
    let pdf_pages = doc.finish(&header, "Confidential", &footer);
    let meta = output::Meta {
        title: &header,
        author: prepared_by.trim(),
        subject: "Risks, reviews and acceptances of every partnership",
    };
    let bytes = output::save(&fonts, pdf_pages, &meta, &[("Portfolio".into(), 1)])?;
    Ok((bytes, pages, rows.len()))
}

/// Writes the portfolio summary to `path` whole or not at all.
pub fn export_portfolio_to_file(
    store: &Store,
    today: NaiveDate,
    prepared_by: &str,
    path: &Path,
) -> Result<PortfolioExport> {
    output::check_target(path)?;
    let (bytes, pages, partnerships) = render_portfolio(store, today, prepared_by)?;
    output::write_atomically(path, &bytes)?;
    Ok(PortfolioExport {
        path: path.to_path_buf(),
        pages,
        partnerships,
        bytes: bytes.len() as u64,
    })
}

/// A partnership's exit readiness as printed in its column.
fn exit_cell(level: Option<ReadinessLevel>) -> (&'static str, crate::report::kit::Style) {
    match level {
        Some(ReadinessLevel::Ready) => ("Ready", BODY.colour(GOOD)),
        Some(ReadinessLevel::Gaps) => ("Gaps", BODY),
        Some(ReadinessLevel::NotReady) => ("Not ready", BODY.bold().colour(ALERT)),
        None => ("—", BODY.colour(MUTED)),
    }
}

fn draw(
    doc: &mut Doc,
    rows: &[PortfolioRow],
    exits: &std::collections::HashMap<String, ReadinessLevel>,
    today: NaiveDate,
) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Partnership portfolio", 18.0, 80.0);
    let sum = |f: fn(&PortfolioRow) -> u64| rows.iter().map(f).sum::<u64>();
    let count = match rows.len() {
        1 => "1 partnership".to_string(),
        n => format!("{n} partnerships"),
    };
    let intro = format!(
        "{count} as of {today}. Levels count open risks by their residual score, else their inherent one; reviews are due by each level's review interval."
    );
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 8.0;
    let alert_if = |n: u64| if n > 0 { ALERT } else { NAVY };
    let figure = |n: u64, label| Figure {
        number: n.to_string(),
        label,
        colour: alert_if(n),
    };
    let outside = sum(|r| r.outside_appetite);
    let due = sum(|r| r.unreviewed + r.past_due_reviews);
    let overdue = sum(|r| r.overdue_actions);
    let expiring = sum(|r| r.acceptances_expiring + r.acceptances_expired);
    key_figures(
        doc,
        &[
            Figure {
                number: sum(|r| r.open_risks).to_string(),
                label: "open risks",
                colour: NAVY,
            },
            figure(outside, "outside appetite"),
            figure(due, "unreviewed or past due"),
            figure(overdue, "overdue actions"),
            figure(expiring, "acceptances expiring or expired"),
        ],
    );
    if rows.is_empty() {
        doc.paragraph("There are no partnerships yet.", BODY, left, width);
        return;
    }
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Partnership", 2.6, Align::Left),
            ("Open", 0.6, Align::Right),
            ("Risks by level", 2.45, Align::Left),
            ("Outside appetite", 0.9, Align::Right),
            ("Unreviewed", 0.9, Align::Right),
            ("Past due", 0.8, Align::Right),
            ("Overdue actions", 0.9, Align::Right),
            ("Acceptances expiring", 1.0, Align::Right),
            ("Exit plan", 0.95, Align::Left),
        ],
        HEAD,
    ));
    let number = |n: u64, alert: bool| {
        let style = if alert && n > 0 {
            BODY.bold().colour(ALERT)
        } else {
            BODY
        };
        (n.to_string(), style)
    };
    for (i, r) in rows.iter().enumerate() {
        let cells = [
            number(r.outside_appetite, true),
            number(r.unreviewed, false),
            number(r.past_due_reviews, true),
            number(r.overdue_actions, true),
        ];
        let mut row = t
            .row()
            .cell(|c| {
                c.text(&r.partnership, BODY.bold());
                c.text(&r.matrix_name, SMALL.colour(MUTED));
            })
            .text(&r.open_risks.to_string(), BODY)
            .cell(|c| {
                if r.by_level.iter().all(|l| l.count == 0) {
                    c.text("—", BODY.colour(MUTED));
                } else {
                    for l in r.by_level.iter().filter(|l| l.count > 0) {
                        let colour = Colour::hex(&l.colour);
                        c.chip(&format!("{} {}", l.level, l.count), SMALL.size, colour);
                    }
                }
                if r.unscored > 0 {
                    c.text(&format!("{} unscored", r.unscored), SMALL.colour(MUTED));
                }
            });
        for (text, style) in &cells {
            row = row.text(text, *style);
        }
        let (exit, exit_style) = exit_cell(exits.get(&r.partnership_id).copied());
        row.cell(|c| {
            let (text, style) = number(r.acceptances_expiring, true);
            c.text(&text, style);
            if r.acceptances_expired > 0 {
                c.text(
                    &format!("{} expired", r.acceptances_expired),
                    SMALL.colour(ALERT),
                );
            }
        })
        .text(exit, exit_style)
        .draw_on((i % 2 == 1).then_some(ZEBRA));
    }
    let totals = [
        number(outside, true),
        number(sum(|r| r.unreviewed), false),
        number(sum(|r| r.past_due_reviews), true),
        number(overdue, true),
        number(sum(|r| r.acceptances_expiring), true),
    ];
    let mut row = t
        .row()
        .text("All partnerships", BODY.bold())
        .text(&sum(|r| r.open_risks).to_string(), BODY.bold())
        .empty();
    for (text, style) in &totals {
        row = row.text(text, style.bold());
    }
    let not_ready = rows
        .iter()
        .filter(|r| exits.get(&r.partnership_id) == Some(&ReadinessLevel::NotReady))
        .count();
    let (text, style) = number(not_ready as u64, true);
    row.text(&format!("{text} not ready"), style.bold())
        .draw_on(Some(BAND));
}
