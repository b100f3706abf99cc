//! A scenario's timeline: one bar per step from the day it can start to the day it ends,
//! the critical path's bars in the accent colour, and the target as a vertical line.

use crate::exit::{CriticalPath, Scenario};
use crate::report::kit::{Align, Colour, Doc, Style, ALERT, MUTED, NAVY, RULE};

/// The bars of steps off the critical path.
const OFF_PATH: Colour = Colour::rgb(0xA9, 0xBB, 0xD1);

const ROW: f32 = 13.0;

pub(super) fn draw(doc: &mut Doc, s: &Scenario, path: &CriticalPath) {
    if s.steps.is_empty() || path.step_ends.len() != s.steps.len() {
        return;
    }
    let (left, width) = (doc.left(), doc.content_width());
    let label_w = width * 0.38;
    let (x0, bar_w) = (left + label_w + 6.0, width - label_w - 6.0);
    let span = path.days.max(s.target_days.unwrap_or(0)).max(1) as f32;
    let scale = bar_w / span;
    let label = Style::new(7.5);
    let axis = Style::new(7.0).colour(MUTED);
    doc.ensure(ROW * 3.0 + 30.0);
    doc.y += 10.0;
    let mut top = doc.y;
    let mut first = 0;
    // One block per page: the target line and the axis are drawn for the rows on it.
    let finish_block = |doc: &mut Doc, top: f32, rows: usize| {
        let bottom = top + rows as f32 * ROW;
        doc.line(x0, bottom, x0 + bar_w, bottom, RULE, 0.5);
        doc.text(x0, bottom + 9.0, "day 0", axis);
        doc.text_in(
            x0,
            bar_w,
            bottom + 9.0,
            &format!("day {}", span as u32),
            axis,
            Align::Right,
        );
        if let Some(target) = s.target_days {
            let x = x0 + target as f32 * scale;
            doc.line(x, top - 2.0, x, bottom + 2.0, ALERT, 0.9);
            doc.text_in(
                x0,
                bar_w,
                top - 4.0,
                &format!("target {target} days"),
                axis.colour(ALERT),
                Align::Right,
            );
        }
        doc.y = bottom + 16.0;
    };
    for (n, (step, end)) in s.steps.iter().zip(&path.step_ends).enumerate() {
        if doc.y + ROW > doc.bottom() - 16.0 {
            finish_block(doc, top, n - first);
            doc.continue_on_new_page();
            top = doc.y + 8.0;
            doc.y = top;
            first = n;
        }
        let y = doc.y;
        let critical = path.step_ids.contains(&step.id);
        let name = format!("{}. {}", n + 1, step.title);
        let fitted = doc.fit(&name, label_w, label).into_owned();
        doc.text(left, y + label.baseline() + 2.0, &fitted, label);
        let start = end.saturating_sub(step.duration_days) as f32;
        let x = x0 + start * scale;
        let w = (step.duration_days as f32 * scale).max(2.0);
        doc.rect(
            x,
            y + 3.0,
            w,
            ROW - 6.0,
            if critical { NAVY } else { OFF_PATH },
        );
        doc.y += ROW;
    }
    finish_block(doc, top, s.steps.len() - first);
}
