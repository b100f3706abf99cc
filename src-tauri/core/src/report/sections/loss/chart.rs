//! The loss exceedance chart: each kept stage's curve and the tolerance, drawn as vector
//! lines on logarithmic axes (annual loss across, probability of exceeding it up).

use crate::model::ScoreKind;
use crate::quant::{CurvePoint, Tolerance};
use crate::report::kit::style::{Colour, RULE};
use crate::report::kit::{Doc, Style, ALERT, GOOD, MUTED, NAVY};

use super::short_amount;

pub(super) const HEIGHT: f32 = 240.0;

/// The colour of a stage's curve.
pub(super) fn stage_colour(stage: ScoreKind) -> Colour {
    match stage {
        ScoreKind::Inherent => Colour::rgb(0x8D, 0x6E, 0x63),
        ScoreKind::Residual => NAVY,
        ScoreKind::Target => GOOD,
    }
}

/// Decades of the axes: 10^lo to 10^hi.
struct Axes {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    loss: (f64, f64),
    prob: (f64, f64),
}

impl Axes {
    fn px(&self, loss: f64) -> f32 {
        let t = (loss.log10() - self.loss.0) / (self.loss.1 - self.loss.0);
        self.x + (t.clamp(0.0, 1.0) as f32) * self.w
    }

    fn py(&self, p: f64) -> f32 {
        let t = (p.log10() - self.prob.0) / (self.prob.1 - self.prob.0);
        self.y + self.h - (t.clamp(0.0, 1.0) as f32) * self.h
    }
}

/// Draws the chart at the cursor, across the content width; returns false (drawing
/// nothing) when no curve has a point.
pub(super) fn draw(
    doc: &mut Doc,
    curves: &[(ScoreKind, &[CurvePoint])],
    tolerance: Option<&Tolerance>,
) -> bool {
    let points = curves
        .iter()
        .flat_map(|(_, c)| c.iter())
        .filter(|p| p.loss > 0.0 && p.probability > 0.0);
    let (mut lo, mut hi, mut pmin) = (f64::MAX, 0.0f64, 1.0f64);
    for p in points {
        lo = lo.min(p.loss);
        hi = hi.max(p.loss);
        pmin = pmin.min(p.probability);
    }
    if hi <= 0.0 {
        return false;
    }
    if let Some(t) = tolerance {
        for p in t.points {
            lo = lo.min(p.loss);
            hi = hi.max(p.loss);
            pmin = pmin.min(p.probability);
        }
    }
    doc.ensure(HEIGHT + 30.0);
    let label = Style::new(7.5).colour(MUTED);
    let axes = Axes {
        x: doc.left() + 38.0,
        y: doc.y + 14.0,
        w: doc.content_width() - 48.0,
        h: HEIGHT - 40.0,
        loss: (
            lo.log10().floor(),
            hi.log10().ceil().max(lo.log10().floor() + 1.0),
        ),
        prob: (pmin.log10().floor().max(-5.0), 0.0),
    };
    // Grid and labels at each decade.
    let mut d = axes.loss.0;
    while d <= axes.loss.1 {
        let x = axes.px(10f64.powf(d));
        doc.line(x, axes.y, x, axes.y + axes.h, RULE, 0.4);
        let text = short_amount(10f64.powf(d));
        let w = doc.width(&text, label);
        doc.text(x - w / 2.0, axes.y + axes.h + 10.0, &text, label);
        d += 1.0;
    }
    let mut d = axes.prob.0;
    while d <= axes.prob.1 {
        let y = axes.py(10f64.powf(d));
        doc.line(axes.x, y, axes.x + axes.w, y, RULE, 0.4);
        let p = 10f64.powf(d) * 100.0;
        let text = if p >= 1.0 {
            format!("{p:.0} %")
        } else {
            format!("{} %", trim(p))
        };
        let w = doc.width(&text, label);
        doc.text(axes.x - w - 4.0, y + 2.5, &text, label);
        d += 1.0;
    }
    doc.frame(axes.x, axes.y, axes.w, axes.h, MUTED, 0.6);
    // The tolerance: a dashed line across the chart.
    if let Some(t) = tolerance {
        let steps = 80;
        for i in 0..steps {
            if i % 2 == 1 {
                continue;
            }
            let at = |i: usize| {
                10f64.powf(axes.loss.0 + (axes.loss.1 - axes.loss.0) * i as f64 / steps as f64)
            };
            let (a, b) = (at(i), at(i + 1));
            let (pa, pb) = (t.probability_at(a), t.probability_at(b));
            if pa <= 10f64.powf(axes.prob.0) || pa > 1.0 {
                continue;
            }
            doc.line(axes.px(a), axes.py(pa), axes.px(b), axes.py(pb), ALERT, 1.2);
        }
        for p in t.points {
            doc.dot(axes.px(p.loss), axes.py(p.probability), 2.2, ALERT);
        }
    }
    // The curves, as steps of straight segments between their points.
    for (stage, curve) in curves {
        let colour = stage_colour(*stage);
        let drawn: Vec<&CurvePoint> = curve
            .iter()
            .filter(|p| p.loss > 0.0 && p.probability >= 10f64.powf(axes.prob.0))
            .collect();
        for pair in drawn.windows(2) {
            doc.line(
                axes.px(pair[0].loss),
                axes.py(pair[0].probability),
                axes.px(pair[1].loss),
                axes.py(pair[1].probability),
                colour,
                1.4,
            );
        }
    }
    doc.text(
        axes.x + axes.w - doc.width("annual loss →", label),
        axes.y + axes.h + 20.0,
        "annual loss →",
        label,
    );
    doc.text(
        axes.x - 34.0,
        axes.y - 5.0,
        "↑ probability of losing more in a year",
        label,
    );
    // Legend.
    let mut x = axes.x;
    let y = axes.y + axes.h + 30.0;
    let mut entries: Vec<(String, Colour)> = curves
        .iter()
        .map(|(s, _)| (crate::report::kit::humanise(s.as_str()), stage_colour(*s)))
        .collect();
    if tolerance.is_some() {
        entries.push(("Tolerance".into(), ALERT));
    }
    for (name, colour) in entries {
        doc.line(x, y, x + 16.0, y, colour, 2.0);
        doc.text(x + 20.0, y + 2.5, &name, label);
        x += 28.0 + doc.width(&name, label);
    }
    doc.y = y + 12.0;
    true
}

/// 0.10000 → "0.1", 0.01 → "0.01".
fn trim(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
