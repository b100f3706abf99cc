//! Text: single lines with font fallback, measuring, wrapping, shortening, and the
//! flowing blocks built on them (paragraphs, headings).

use std::borrow::Cow;

use printpdf::{Op, PdfFontHandle, Point, Pt, TextItem, TextMatrix};

use super::doc::{q, Doc, Page};
use super::fonts::{FaceRef, Fonts};
use super::style::{Align, Style, NAVY};

impl Doc<'_> {
    /// Writes one line of text with its baseline at `baseline`, switching to the
    /// fallback face for the characters the main face lacks.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        let text = text.trim_end();
        if text.is_empty() {
            return;
        }
        let (x, baseline) = (q(x), q(baseline));
        let fonts = self.fonts;
        let page = self.page();
        if page.text_fill != Some(style.colour) {
            page.text.push(Op::SetFillColor {
                col: style.colour.pdf(),
            });
            page.text_fill = Some(style.colour);
        }
        let single = single_face(fonts, text, style.bold);
        match page.text_line {
            // The next line of a block: `T*` (with `'` when one face draws it all)
            // is much shorter than a new position.
            Some((lx, ly)) if (lx - x).abs() < 0.005 && baseline > ly + 0.5 => {
                let mut lead = q(baseline - ly);
                match page.text_leading {
                    // Rounding makes 9.92 and 9.93 of the same leading.
                    Some(tl) if (tl - lead).abs() < 0.015 => lead = tl,
                    _ => {
                        page.text.push(Op::SetLineHeight { lh: Pt(lead) });
                        page.text_leading = Some(lead);
                    }
                }
                page.text_line = Some((lx, ly + lead));
                if let Some(face) = single {
                    set_font(page, fonts, face, style.size);
                    page.text.push(Op::MoveToNextLineShowText {
                        text: text.to_owned(),
                    });
                    return;
                }
                page.text.push(Op::AddLineBreak);
            }
            // Elsewhere: a move relative to the last line start, or an absolute
            // position for the first text of the page.
            Some((lx, ly)) => {
                let (dx, dy) = (q(x - lx), q(baseline - ly));
                page.text.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(dx),
                        y: Pt(-dy),
                    },
                });
                page.text_line = Some((lx + dx, ly + dy));
            }
            None => {
                page.text.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(x), Pt(q(page.height - baseline))),
                });
                page.text_line = Some((x, baseline));
            }
        }
        if let Some(face) = single {
            show(page, fonts, face, style.size, text);
            return;
        }
        let mut start = 0;
        let mut current: Option<FaceRef> = None;
        for (i, c) in text.char_indices() {
            let (face, _) = fonts.pick(c, style.bold);
            if let Some(f) = current.filter(|&f| f != face) {
                show(page, fonts, f, style.size, &text[start..i]);
                start = i;
            }
            current = Some(face);
        }
        if let Some(face) = current {
            show(page, fonts, face, style.size, &text[start..]);
        }
    }

    /// Writes one line aligned within [x, x + width].
    pub fn text_in(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let x = match align {
            Align::Left => x,
            Align::Centre => x + (width - self.width(text, style)) / 2.0,
            Align::Right => x + width - self.width(text, style),
        };
        self.text(x, baseline, text, style);
    }

    /// The width of `text` in points.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.width(text, style.size, style.bold)
    }

    /// Breaks `text` into lines no wider than `width`: at spaces, after hyphens and
    /// slashes, between CJK characters, and inside a word only when it alone is too
    /// long. Newlines in the text are kept.
    pub fn wrap<'t>(&self, text: &'t str, width: f32, style: Style) -> Vec<&'t str> {
        let mut lines = Vec::new();
        let max = width / style.size; // in em
        for para in text.split('\n') {
            let para = para.trim_end();
            if para.is_empty() {
                lines.push("");
                continue;
            }
            let mut start = 0; // byte offset where the current line starts
            let mut used = 0.0f32; // em used by para[start..i]
                                   // The last place the line may end: (end of line, start of the next).
            let mut brk: Option<(usize, usize)> = None;
            for (i, c) in para.char_indices() {
                if i == start && c == ' ' {
                    start = i + 1;
                    continue;
                }
                let wide = is_wide(c);
                if wide && i > start {
                    brk = Some((i, i));
                }
                let w = self.fonts.pick(c, style.bold).1;
                if used + w > max && i > start {
                    if c == ' ' {
                        lines.push(&para[start..i]);
                        start = i + 1;
                        used = 0.0;
                        brk = None;
                        continue;
                    }
                    match brk.filter(|&(end, _)| end > start) {
                        Some((end, next)) => {
                            lines.push(para[start..end].trim_end());
                            start = next;
                        }
                        None => {
                            lines.push(&para[start..i]);
                            start = i;
                        }
                    }
                    brk = None;
                    used = self.fonts.width(&para[start..i], 1.0, style.bold);
                }
                used += w;
                let after = i + c.len_utf8();
                match c {
                    ' ' => brk = Some((i, after)),
                    '-' | '/' | '–' | '—' => brk = Some((after, after)),
                    _ if wide => brk = Some((after, after)),
                    _ => {}
                }
            }
            if start < para.len() {
                lines.push(&para[start..]);
            }
        }
        lines
    }

    /// The first `max` lines of `text` wrapped to `width`, as owned strings (so that
    /// they can be drawn while the document is borrowed mutably).
    pub fn wrap_owned(&self, text: &str, width: f32, style: Style, max: usize) -> Vec<String> {
        self.wrap(text, width, style)
            .into_iter()
            .take(max)
            .map(str::to_owned)
            .collect()
    }

    /// Shortens `text` with an ellipsis to fit `width`.
    pub fn fit<'t>(&self, text: &'t str, width: f32, style: Style) -> Cow<'t, str> {
        if self.width(text, style) <= width {
            return text.into();
        }
        let budget = width - self.width("…", style);
        let mut used = 0.0;
        let mut end = 0;
        for (i, c) in text.char_indices() {
            used += self.fonts.pick(c, style.bold).1 * style.size;
            if used > budget {
                break;
            }
            end = i + c.len_utf8();
        }
        format!("{}…", text[..end].trim_end()).into()
    }

    /// Shortens `text` to fit `width`, at the end of a word when one ends in the last
    /// two thirds of the room (a running header: the whole text is elsewhere on the
    /// page), with an ellipsis.
    pub fn fit_words<'t>(&self, text: &'t str, width: f32, style: Style) -> Cow<'t, str> {
        let cut = self.fit(text, width, style);
        let Cow::Owned(cut) = cut else {
            return cut;
        };
        let kept = cut.trim_end_matches('…');
        // The cut fell inside a word unless the text goes on with a space.
        let rest = &text[kept.len()..];
        if rest.starts_with(' ') {
            return format!("{}…", kept.trim_end_matches([' ', '—', '–', ':', ',', '-'])).into();
        }
        match kept.rfind(' ') {
            Some(at) if self.width(&kept[..at], style) > width / 3.0 => format!(
                "{}…",
                kept[..at].trim_end_matches([' ', '—', '–', ':', ',', '-'])
            )
            .into(),
            _ => cut.into(),
        }
    }

    /// A wrapped paragraph at the cursor, flowing onto new pages.
    pub fn paragraph(&mut self, text: &str, style: Style, x: f32, width: f32) {
        for line in self.wrap_owned(text, width, style, usize::MAX) {
            self.ensure(style.leading());
            let y = self.y;
            self.text(x, y + style.baseline(), &line, style);
            self.y += style.leading();
        }
    }

    /// A section heading with a rule under it; starts a new page when fewer than
    /// `keep` points would follow it on this one.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        let style = Style::new(size).bold().colour(NAVY);
        let (x, width) = (self.left(), self.content_width());
        let lines = self.wrap_owned(text, width, style, usize::MAX);
        self.ensure(style.leading() * lines.len() as f32 + keep);
        for line in &lines {
            let y = self.y;
            self.text(x, y + style.baseline(), line, style);
            self.y += style.leading();
        }
        self.y += 2.0;
        let right = self.right();
        self.line(x, self.y, right, self.y, NAVY, 0.8);
        self.y += 6.0;
    }

    /// A smaller heading without a rule, kept with 40 points of what follows.
    pub fn subheading(&mut self, text: &str) {
        let style = Style::new(10.5).bold().colour(NAVY);
        let (x, width) = (self.left(), self.content_width());
        let lines = self.wrap_owned(text, width, style, usize::MAX);
        self.ensure(style.leading() * lines.len() as f32 + 40.0);
        for line in &lines {
            let y = self.y;
            self.text(x, y + style.baseline(), line, style);
            self.y += style.leading();
        }
        self.y += 4.0;
    }
}

/// The face that draws all of `text`, when one does.
fn single_face(fonts: &Fonts, text: &str, bold: bool) -> Option<FaceRef> {
    let mut chars = text.chars();
    let first = fonts.pick(chars.next()?, bold).0;
    chars
        .all(|c| fonts.pick(c, bold).0 == first)
        .then_some(first)
}

fn set_font(page: &mut Page, fonts: &Fonts, face: FaceRef, size: f32) {
    let f = fonts.face(face);
    f.mark_used();
    if page.text_font != Some((face, size)) {
        page.text.push(Op::SetFont {
            font: PdfFontHandle::External(f.id.clone()),
            size: Pt(size),
        });
        page.text_font = Some((face, size));
    }
}

fn show(page: &mut Page, fonts: &Fonts, face: FaceRef, size: f32, run: &str) {
    set_font(page, fonts, face, size);
    page.text.push(Op::ShowText {
        items: vec![TextItem::Text(run.to_owned())],
    });
}

/// CJK and other scripts written without spaces: a line may break around them.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF)
}
