//! Partnership health, when the partnership has indicators: every indicator with its
//! status, latest value, target, thresholds, change and the risks it informs; then a small
//! chart per indicator with its amber and red bands and its readings of the last year,
//! drawn as vector graphics (see [`chart`]).

mod chart;

use chrono::{Months, NaiveDate};

use crate::error::Result;
use crate::health::{Indicator, IndicatorStatus, Point, Status, Unit};
use crate::report::kit::style::Colour;
use crate::report::kit::{Align, Doc, Table, ALERT, BODY, GOOD, GREY, HEAD, MUTED, SMALL, ZEBRA};
use crate::store::{HealthCounts, Store};

use super::{reference, ReportData, Ticker};

/// What the section draws from: every indicator with its status and its readings of the
/// charts' period.
pub(crate) struct HealthData {
    pub rows: Vec<HealthRowData>,
    pub counts: HealthCounts,
}

pub(crate) struct HealthRowData {
    pub indicator: Indicator,
    pub status: IndicatorStatus,
    /// The current readings of the last twelve months, oldest first.
    pub points: Vec<Point>,
}

/// The partnership's health on `today`; `None` when it has no indicators.
pub(crate) fn load(
    store: &Store,
    partnership_id: &str,
    today: NaiveDate,
) -> Result<Option<HealthData>> {
    let tab = store.partnership_health(partnership_id, today)?;
    if tab.rows.is_empty() {
        return Ok(None);
    }
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let rows = tab
        .rows
        .into_iter()
        .map(|r| {
            let points = store
                .readings(&r.indicator.id, false)?
                .into_iter()
                .filter(|x| x.fields.date > since)
                .map(|x| Point {
                    date: x.fields.date,
                    value: x.fields.value,
                })
                .collect();
            Ok(HealthRowData {
                indicator: r.indicator,
                status: r.status,
                points,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(HealthData {
        rows,
        counts: tab.counts,
    }))
}

/// The colour a status is printed in.
pub(crate) fn status_colour(status: Status) -> Colour {
    match status {
        Status::Green => GOOD,
        Status::Amber => Colour::rgb(0xC7, 0x86, 0x00),
        Status::Red => ALERT,
        Status::Stale | Status::NoData => GREY,
    }
}

fn status_words(status: Status) -> &'static str {
    match status {
        Status::Green => "Green",
        Status::Amber => "Amber",
        Status::Red => "Red",
        Status::Stale => "Stale",
        Status::NoData => "No data",
    }
}

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    // Only chosen when there are indicators (see `render_pdf`).
    let Some(health) = &data.health else { return };
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Health", 18.0, 80.0);
    let c = &health.counts;
    let mut intro = format!(
        "{} indicators on {}: {} red, {} amber, {} stale, {} green",
        health.rows.len(),
        data.today.format("%-d %b %Y"),
        c.red,
        c.amber,
        c.stale,
        c.green
    );
    if c.no_data > 0 {
        intro.push_str(&format!(", {} without readings", c.no_data));
    }
    intro.push_str(". An indicator that turns amber, red or stale brings the risks it informs back for review; the charts show each indicator's readings of the last twelve months against its amber and red thresholds.");
    doc.paragraph(&intro, BODY.colour(MUTED), left, width);
    doc.y += 6.0;

    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Indicator", 2.2, Align::Left),
            ("Status", 0.7, Align::Left),
            ("Latest", 1.7, Align::Right),
            ("Target", 0.8, Align::Right),
            ("Amber / red", 1.5, Align::Right),
            ("Change", 1.5, Align::Left),
            ("Risks", 0.9, Align::Left),
        ],
        HEAD,
    ));
    for (n, row) in health.rows.iter().enumerate() {
        let (i, s) = (&row.indicator, &row.status);
        let unit = i.fields.unit;
        let latest = s.latest.map_or("–".into(), |p| {
            format!("{} ({})", unit.format(p.value), p.date.format("%-d %b %Y"))
        });
        let refs: Vec<&str> = i
            .fields
            .risk_ids
            .iter()
            .map(|id| reference(data, id))
            .collect();
        t.row()
            .cell(|cell| {
                cell.text(&i.fields.name, BODY.bold());
                if !i.fields.owner.is_empty() {
                    cell.text(&format!("Owner: {}", i.fields.owner), SMALL.colour(MUTED));
                }
            })
            .text(
                status_words(s.status),
                BODY.bold().colour(status_colour(s.status)),
            )
            .text(&latest, BODY)
            .text(
                &i.fields.target.map_or("–".into(), |v| unit.format(v)),
                BODY,
            )
            .text(
                &format!(
                    "{} / {}",
                    unit.format(i.fields.amber),
                    unit.format(i.fields.red)
                ),
                BODY,
            )
            .text(&s.change_words, SMALL)
            .text(&refs.join(", "), SMALL)
            .draw_on((n % 2 == 1).then_some(ZEBRA));
    }
    doc.y += 12.0;

    // A chart per indicator with readings.
    let since = data
        .today
        .checked_sub_months(Months::new(12))
        .unwrap_or(data.today);
    for row in health.rows.iter().filter(|r| !r.points.is_empty()) {
        chart::draw(doc, row, &row.points, since, data.today);
    }
}

/// A value on an axis: the unit's format without its space before "%".
pub(super) fn axis_value(unit: Unit, value: f64) -> String {
    unit.format(value)
}
