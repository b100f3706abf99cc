//! One indicator's chart: the readings of the period as a line over its days, with the
//! amber and red zones beyond the thresholds filled, the thresholds and the target as
//! lines, the title with the status and the reason underneath. Vector graphics on the
//! report kit.

use chrono::NaiveDate;

use crate::health::{Direction, Point};
use crate::report::kit::style::{Colour, RULE};
use crate::report::kit::{Doc, Style, ALERT, BODY, GOOD, MUTED, NAVY, SMALL};

use super::{axis_value, status_colour, HealthRowData};

const HEIGHT: f32 = 92.0;
const RED_ZONE: Colour = Colour::rgb(0xF8, 0xD7, 0xD7);
const AMBER_ZONE: Colour = Colour::rgb(0xFC, 0xEB, 0xC4);
const AMBER_LINE: Colour = Colour::rgb(0xC7, 0x86, 0x00);

pub(super) fn draw(
    doc: &mut Doc,
    row: &HealthRowData,
    points: &[Point],
    from: NaiveDate,
    to: NaiveDate,
) {
    let i = &row.indicator.fields;
    let s = &row.status;
    let label = Style::new(6.5).colour(MUTED);
    let reason_lines = doc.wrap_owned(&s.reason, doc.content_width(), SMALL, 2);
    doc.ensure(HEIGHT + 34.0 + 9.0 * reason_lines.len() as f32);
    let left = doc.left();
    let title = BODY.bold();
    doc.text(left, doc.y + 8.0, &i.name, title);
    let w = doc.width(&i.name, title);
    let status = super::status_words(s.status);
    doc.text(
        left + w + 6.0,
        doc.y + 8.0,
        status,
        BODY.bold().colour(status_colour(s.status)),
    );
    doc.y += 11.0;
    for line in &reason_lines {
        doc.text(left, doc.y + 7.0, line, SMALL.colour(MUTED));
        doc.y += 8.5;
    }
    doc.y += 2.0;

    // The value range: the readings, the thresholds and the target, with a margin.
    let mut lo = i.red.min(i.amber);
    let mut hi = i.red.max(i.amber);
    for v in points.iter().map(|p| p.value).chain(i.target) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi - lo < 1e-9 {
        lo -= 1.0;
        hi += 1.0;
    }
    let pad = (hi - lo) * 0.1;
    let (lo, hi) = (lo - pad, hi + pad);
    let (x, y, w, h) = (
        left + 44.0,
        doc.y,
        doc.content_width() - 50.0,
        HEIGHT - 16.0,
    );
    let span = (to - from).num_days().max(1) as f32;
    let px = |d: NaiveDate| x + ((d - from).num_days() as f32 / span).clamp(0.0, 1.0) * w;
    let py = |v: f64| y + h - (((v - lo) / (hi - lo)) as f32).clamp(0.0, 1.0) * h;

    // The zones beyond the thresholds.
    let (red_edge, amber_edge) = (py(i.red), py(i.amber));
    match i.direction {
        Direction::HigherIsBetter => {
            doc.rect(x, red_edge, w, y + h - red_edge, RED_ZONE);
            doc.rect(x, amber_edge, w, red_edge - amber_edge, AMBER_ZONE);
        }
        Direction::LowerIsBetter => {
            doc.rect(x, y, w, red_edge - y, RED_ZONE);
            doc.rect(x, red_edge, w, amber_edge - red_edge, AMBER_ZONE);
        }
    }
    doc.frame(x, y, w, h, RULE, 0.6);
    // Threshold and target lines, labelled on the left.
    let mut marks = vec![(i.amber, AMBER_LINE), (i.red, ALERT)];
    if let Some(t) = i.target {
        marks.push((t, GOOD));
    }
    for (value, colour) in marks {
        let yy = py(value);
        doc.line(x, yy, x + w, yy, colour, 0.7);
        let text = axis_value(i.unit, value);
        let tw = doc.width(&text, label);
        doc.text(x - tw - 3.0, yy + 2.2, &text, label);
    }
    // The readings.
    for pair in points.windows(2) {
        doc.line(
            px(pair[0].date),
            py(pair[0].value),
            px(pair[1].date),
            py(pair[1].value),
            NAVY,
            1.1,
        );
    }
    if let [only] = points {
        doc.dot(px(only.date), py(only.value), 1.6, NAVY);
    }
    if let Some(last) = points.last() {
        doc.dot(px(last.date), py(last.value), 1.8, status_colour(s.status));
    }
    // The period under the axis.
    let (a, b) = (
        from.format("%-d %b %Y").to_string(),
        to.format("%-d %b %Y").to_string(),
    );
    doc.text(x, y + h + 8.0, &a, label);
    doc.text(x + w - doc.width(&b, label), y + h + 8.0, &b, label);
    doc.y = y + h + 20.0;
}
