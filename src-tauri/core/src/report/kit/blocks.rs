//! Larger blocks of a page: the parts of a cover (kicker and title, subject, a table of
//! facts, a note, the confidentiality box) and a row of key figures.

use super::doc::Doc;
use super::style::{Align, Colour, Style, ALERT, INK, MUTED, NAVY, RULE, ZEBRA};

/// The top of a cover: a small upper-case kicker, the document's title in large type
/// and a short accent bar; leaves the cursor below the bar. A long title wraps, in
/// smaller type (down to 20 points) when it would take more than two lines.
pub(crate) fn cover_title(doc: &mut Doc, kicker: &str, title: &str) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.y = 110.0;
    let style = Style::new(10.0).colour(MUTED);
    for line in doc.wrap_owned(kicker, width, style.bold(), usize::MAX) {
        doc.text(left, doc.y, &line, style.bold());
        doc.y += style.leading();
    }
    doc.y += 30.0 - style.leading();
    let (big, lines) = fitted_lines(doc, title, width, &[30.0, 26.0, 22.0, 20.0], 2);
    let big = big.bold().colour(NAVY);
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            doc.y += big.leading();
        }
        doc.text(left, doc.y, line, big);
    }
    doc.y += 22.0;
    doc.rect(left, doc.y, 60.0, 3.0, NAVY);
    doc.y += 24.0;
}

/// `text` wrapped to `width` at the first of `sizes` that needs at most `max_lines`
/// lines (or at the last size, on as many lines as it takes).
pub(crate) fn fitted_lines(
    doc: &Doc,
    text: &str,
    width: f32,
    sizes: &[f32],
    max_lines: usize,
) -> (Style, Vec<String>) {
    let mut best = (Style::new(sizes[0]), Vec::new());
    for &size in sizes {
        let style = Style::new(size).bold();
        let lines = doc.wrap_owned(text, width, style, usize::MAX);
        let fits = lines.len() <= max_lines;
        best = (Style::new(size), lines);
        if fits {
            break;
        }
    }
    best
}

/// What the document is about (a partnership's name, a workshop's title) and, when
/// there is one, a muted line under it such as "with Partner Ltd".
pub(crate) fn cover_subject(doc: &mut Doc, name: &str, subtitle: Option<&str>) {
    let (left, width) = (doc.left(), doc.content_width());
    doc.paragraph(name, Style::new(18.0).bold(), left, width);
    if let Some(line) = subtitle {
        doc.y += 2.0;
        doc.paragraph(line, Style::new(12.0).colour(MUTED), left, width);
    }
    doc.y += 26.0;
}

/// Label and value rows with a rule under each: the facts of a cover.
pub(crate) fn fact_rows(doc: &mut Doc, rows: &[(&str, String)]) {
    let (left, width) = (doc.left(), doc.content_width());
    let label = Style::new(9.5).bold().colour(MUTED);
    let value = Style::new(10.5);
    for (k, v) in rows {
        let lines = doc.wrap_owned(v, width - 140.0, value, usize::MAX);
        let y = doc.y;
        doc.text(left, y + value.baseline(), k, label);
        for (n, line) in lines.iter().enumerate() {
            let base = y + value.baseline() + n as f32 * value.leading();
            doc.text(left + 140.0, base, line, value);
        }
        doc.y += lines.len().max(1) as f32 * value.leading() + 5.0;
        doc.line(left, doc.y - 2.5, left + width, doc.y - 2.5, RULE, 0.4);
    }
}

/// A free text under the facts, cut after `max_lines` lines (a cover has one page).
pub(crate) fn cover_note(doc: &mut Doc, text: &str, max_lines: usize) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let (left, width) = (doc.left(), doc.content_width());
    doc.y += 14.0;
    let style = Style::new(9.5).colour(INK);
    for line in doc.wrap_owned(text, width, style, max_lines) {
        let y = doc.y;
        doc.text(left, y + style.baseline(), &line, style);
        doc.y += style.leading();
    }
}

/// A red-framed label such as "Confidential" at the foot of the page, when the
/// content above leaves room for it.
pub(crate) fn confidentiality_box(doc: &mut Doc, label: &str) {
    let label = label.trim();
    if label.is_empty() {
        return;
    }
    let (left, width) = (doc.left(), doc.content_width());
    let style = Style::new(11.0).bold().colour(ALERT);
    let lines = doc.wrap_owned(label, width - 24.0, style, 4);
    let h = 16.0 + lines.len() as f32 * style.leading();
    let y = doc.bottom() - h - 10.0;
    if doc.y < y {
        doc.frame(left, y, width, h, ALERT, 1.2);
        for (n, line) in lines.iter().enumerate() {
            let base = y + 8.0 + style.baseline() + n as f32 * style.leading();
            doc.text_in(left, width, base, line, style, Align::Centre);
        }
    }
}

/// One key figure: a large number, what it counts, and its accent colour.
pub(crate) struct Figure<'a> {
    pub number: String,
    pub label: &'a str,
    pub colour: Colour,
}

/// Key figures side by side across the content width, each in a shaded box with an
/// accent bar; leaves the cursor 14 points below the boxes.
pub(crate) fn key_figures(doc: &mut Doc, figures: &[Figure]) {
    let (left, width) = (doc.left(), doc.content_width());
    let gap = 8.0;
    let n = figures.len().max(1) as f32;
    let box_w = (width - gap * (n - 1.0)) / n;
    let y = doc.y;
    for (i, f) in figures.iter().enumerate() {
        let x = left + i as f32 * (box_w + gap);
        doc.rect(x, y, box_w, 50.0, ZEBRA);
        doc.rect(x, y, 3.0, 50.0, f.colour);
        let number = Style::new(20.0).bold().colour(f.colour);
        doc.text(x + 10.0, y + 26.0, &f.number, number);
        doc.text(x + 10.0, y + 41.0, f.label, Style::new(8.0).colour(MUTED));
    }
    doc.y += 50.0 + 14.0;
}
