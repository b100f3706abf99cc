//! Page layout on top of printpdf's drawing operations: pages, text runs with font
//! fallback, word wrapping, tables whose header repeats on every page and whose rows
//! split across pages, and the running header and footer.
//!
//! Positions are kept in points from the top-left corner of the page and turned into
//! PDF coordinates (from the bottom-left) only when an operation is emitted.

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix,
};

use super::fonts::{FaceRef, Fonts};
use super::Paper;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour {
            r: r as f32 / 255.0,
            g: g as f32 / 255.0,
            b: b as f32 / 255.0,
        }
    }

    /// Parses `#RRGGBB` (matrices are validated to that form); grey otherwise.
    pub fn hex(text: &str) -> Colour {
        let channel = |i: usize| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (channel(1), channel(3), channel(5)) {
            (Some(r), Some(g), Some(b)) if text.len() == 7 => Colour::rgb(r, g, b),
            _ => GREY,
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f32 {
        let lin = |c: f32| {
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// Black or white, whichever contrasts more with this background.
    pub fn text_on(self) -> Colour {
        let l = self.luminance();
        let with_black = (l + 0.05) / 0.05;
        let with_white = 1.05 / (l + 0.05);
        if with_black >= with_white {
            BLACK
        } else {
            WHITE
        }
    }

    fn pdf(self) -> Color {
        // Three decimals are finer than 8-bit colour and keep the streams short.
        let c = |v: f32| (v * 1000.0).round() / 1000.0;
        Color::Rgb(Rgb {
            r: c(self.r),
            g: c(self.g),
            b: c(self.b),
            icc_profile: None,
        })
    }
}

pub(crate) const BLACK: Colour = Colour::rgb(0, 0, 0);
pub(crate) const WHITE: Colour = Colour::rgb(255, 255, 255);
pub(crate) const INK: Colour = Colour::rgb(0x1A, 0x1A, 0x1A);
pub(crate) const MUTED: Colour = Colour::rgb(0x55, 0x5B, 0x66);
pub(crate) const GREY: Colour = Colour::rgb(0x9E, 0x9E, 0x9E);
pub(crate) const RULE: Colour = Colour::rgb(0xC8, 0xCD, 0xD4);
pub(crate) const ZEBRA: Colour = Colour::rgb(0xF4, 0xF6, 0xF8);
pub(crate) const NAVY: Colour = Colour::rgb(0x1F, 0x3A, 0x5F);
pub(crate) const OVERDUE: Colour = Colour::rgb(0xFD, 0xE2, 0xE1);
pub(crate) const ALERT: Colour = Colour::rgb(0xB0, 0x1C, 0x1C);

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            colour: INK,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }
    /// The height of one line of text.
    pub fn leading(self) -> f32 {
        self.size * 1.24
    }
    /// Where the baseline sits below the top of a line box.
    pub fn baseline(self) -> f32 {
        self.leading() * 0.5 + self.size * 0.36
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// One page being drawn. Shapes and text go to two lists so that the text can be
/// written in one text object above every background.
struct Page {
    width: f32,
    height: f32,
    shapes: Vec<Op>,
    text: Vec<Op>,
    shape_fill: Option<Colour>,
    shape_stroke: Option<(Colour, f32)>,
    text_fill: Option<Colour>,
    text_font: Option<(FaceRef, f32)>,
    /// Start (x, baseline) of the last line written, and the text leading in force:
    /// a line right below it is reached with `T*` instead of a new text matrix.
    text_line: Option<(f32, f32)>,
    text_leading: Option<f32>,
}

const MARGIN: f32 = 40.0;
const HEADER_Y: f32 = 26.0;
const CONTENT_TOP: f32 = 50.0;
const FOOTER_GAP: f32 = 44.0;

pub(crate) struct Doc<'f> {
    pub fonts: &'f Fonts,
    paper: Paper,
    pages: Vec<Page>,
    /// The page drawn on (the last one, except while finishing).
    cur: usize,
    /// The cursor, from the top of the current page.
    pub y: f32,
    /// Whether the cursor is right below a table header (a row must go here).
    at_table_top: bool,
}

impl<'f> Doc<'f> {
    pub fn new(fonts: &'f Fonts, paper: Paper) -> Doc<'f> {
        Doc {
            fonts,
            paper,
            pages: Vec::new(),
            cur: 0,
            y: CONTENT_TOP,
            at_table_top: false,
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Starts a page, portrait or landscape.
    pub fn new_page(&mut self, landscape: bool) {
        let (w, h) = self.paper.size_pt();
        let (width, height) = if landscape { (h, w) } else { (w, h) };
        self.pages.push(Page {
            width,
            height,
            shapes: Vec::new(),
            text: Vec::new(),
            shape_fill: None,
            shape_stroke: None,
            text_fill: None,
            text_font: None,
            text_line: None,
            text_leading: None,
        });
        self.cur = self.pages.len() - 1;
        self.y = CONTENT_TOP;
        self.at_table_top = false;
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(false);
        }
        let cur = self.cur;
        &mut self.pages[cur]
    }

    fn dims(&self) -> (f32, f32) {
        self.pages
            .get(self.cur)
            .map_or(self.paper.size_pt(), |p| (p.width, p.height))
    }

    pub fn landscape(&self) -> bool {
        let (w, h) = self.dims();
        w > h
    }

    pub fn left(&self) -> f32 {
        MARGIN
    }

    pub fn right(&self) -> f32 {
        self.dims().0 - MARGIN
    }

    pub fn content_width(&self) -> f32 {
        self.right() - self.left()
    }

    pub fn page_height(&self) -> f32 {
        self.dims().1
    }

    /// The lowest point content may reach.
    pub fn bottom(&self) -> f32 {
        self.dims().1 - FOOTER_GAP
    }

    /// Makes room for `height`: a new page of the same orientation when it does not
    /// fit. Returns whether a page was started.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom() && self.y > CONTENT_TOP {
            let landscape = self.landscape();
            self.new_page(landscape);
            return true;
        }
        false
    }

    // -----------------------------------------------------------------------------
    // Drawing

    /// Fills a rectangle whose top-left corner is (x, y).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        let page = self.page();
        if page.shape_fill != Some(colour) {
            page.shapes.push(Op::SetFillColor { col: colour.pdf() });
            page.shape_fill = Some(colour);
        }
        let bottom = page.height - y - h;
        page.shapes.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(q(x)),
                y: Pt(q(bottom)),
                width: Pt(q(w)),
                height: Pt(q(h)),
                mode: Some(printpdf::PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// Draws a straight line from (x1, y1) to (x2, y2).
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, colour: Colour, width: f32) {
        let page = self.page();
        if page.shape_stroke != Some((colour, width)) {
            page.shapes.push(Op::SetOutlineColor { col: colour.pdf() });
            page.shapes.push(Op::SetOutlineThickness { pt: Pt(width) });
            page.shape_stroke = Some((colour, width));
        }
        let h = page.height;
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(q(x)),
                y: Pt(q(h - y)),
            },
            bezier: false,
        };
        page.shapes.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, y1), point(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// Outlines a rectangle.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour, width: f32) {
        self.line(x, y, x + w, y, colour, width);
        self.line(x + w, y, x + w, y + h, colour, width);
        self.line(x + w, y + h, x, y + h, colour, width);
        self.line(x, y + h, x, y, colour, width);
    }

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

    /// Shortens `text` with an ellipsis to fit `width`.
    pub fn fit<'t>(&self, text: &'t str, width: f32, style: Style) -> std::borrow::Cow<'t, str> {
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

    /// A wrapped paragraph at the cursor, flowing onto new pages.
    pub fn paragraph(&mut self, text: &str, style: Style, x: f32, width: f32) {
        let lines: Vec<String> = self
            .wrap(text, width, style)
            .into_iter()
            .map(str::to_owned)
            .collect();
        for line in lines {
            self.ensure(style.leading());
            let y = self.y;
            self.text(x, y + style.baseline(), &line, style);
            self.y += style.leading();
        }
    }

    /// A section heading; starts a new page when fewer than `keep` points follow it.
    pub fn heading(&mut self, text: &str, size: f32, keep: f32) {
        let style = Style::new(size).bold().colour(NAVY);
        self.ensure(style.leading() + keep);
        let y = self.y;
        let x = self.left();
        self.text(x, y + style.baseline(), text, style);
        self.y += style.leading() + 2.0;
        let right = self.right();
        self.line(x, self.y, right, self.y, NAVY, 0.8);
        self.y += 6.0;
    }

    // -----------------------------------------------------------------------------
    // Tables

    /// Turns text into the lines of a table cell of the given inner width.
    pub fn cell(&self, text: &str, width: f32, style: Style) -> Vec<Item> {
        let mut items = Vec::new();
        self.push_cell(&mut items, text, width, style, None);
        items
    }

    pub fn push_cell(
        &self,
        items: &mut Vec<Item>,
        text: &str,
        width: f32,
        style: Style,
        chip: Option<Colour>,
    ) {
        let inner = if chip.is_some() {
            width - 2.0 * CHIP_PAD
        } else {
            width
        };
        for line in self.wrap(text, inner, style) {
            items.push(Item {
                text: line.to_owned(),
                style,
                chip,
            });
        }
    }

    /// A coloured chip (a level name on its level's colour).
    pub fn chip(&self, text: &str, width: f32, size: f32, background: Colour) -> Vec<Item> {
        let style = Style::new(size).bold().colour(background.text_on());
        let mut items = Vec::new();
        self.push_cell(&mut items, text, width, style, Some(background));
        items
    }

    pub fn table_header(&mut self, table: &Table) {
        let style = table.header;
        let cells: Vec<Vec<Item>> = table
            .columns
            .iter()
            .map(|c| self.cell(&c.title, c.width - 2.0 * table.pad, style))
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f32 * style.leading() + 2.0 * table.pad;
        let x0 = table.x;
        let y = self.y;
        self.rect(x0, y, table.width(), h, NAVY);
        let mut x = x0;
        for (col, items) in table.columns.iter().zip(&cells) {
            for (n, item) in items.iter().enumerate() {
                let base = y + table.pad + n as f32 * style.leading() + style.baseline();
                let inner = col.width - 2.0 * table.pad;
                self.text_in(
                    x + table.pad,
                    inner,
                    base,
                    &item.text,
                    item.style,
                    col.align,
                );
            }
            x += col.width;
        }
        self.y += h;
    }

    /// Draws a row; when it does not fit, continues on new pages with the header
    /// repeated. A row taller than a page is split between lines.
    pub fn table_row(&mut self, table: &Table, row: Row) {
        let mut cells = row.cells;
        loop {
            let height = row_height(&cells, table);
            let fresh = self.at_table_top;
            if self.y + height > self.bottom() && !fresh {
                let landscape = self.landscape();
                self.new_page(landscape);
                self.table_header(table);
                self.at_table_top = true;
                continue;
            }
            self.at_table_top = false;
            if self.y + height <= self.bottom() {
                self.draw_row(table, &cells, row.background, height);
                return;
            }
            // Taller than a page: draw what fits, carry the rest.
            let room = self.bottom() - self.y - 2.0 * table.pad;
            let mut rest = Vec::with_capacity(cells.len());
            for items in &mut cells {
                let mut used = 0.0;
                let mut keep = 0;
                for item in items.iter() {
                    if used + item.style.leading() > room {
                        break;
                    }
                    used += item.style.leading();
                    keep += 1;
                }
                rest.push(items.split_off(keep.max(1).min(items.len())));
            }
            let h = self.bottom() - self.y;
            self.draw_row(table, &cells, row.background, h);
            cells = rest;
            let landscape = self.landscape();
            self.new_page(landscape);
            self.table_header(table);
            self.at_table_top = true;
        }
    }

    fn draw_row(
        &mut self,
        table: &Table,
        cells: &[Vec<Item>],
        background: Option<Colour>,
        height: f32,
    ) {
        let y = self.y;
        if let Some(bg) = background {
            self.rect(table.x, y, table.width(), height, bg);
        }
        let mut x = table.x;
        for (col, items) in table.columns.iter().zip(cells) {
            let inner = col.width - 2.0 * table.pad;
            let mut top = y + table.pad;
            let mut chip_run: Option<(Colour, f32, f32)> = None; // colour, top, bottom
            for item in items {
                let lead = item.style.leading();
                let base = top + item.style.baseline();
                match item.chip {
                    // Left-aligned chips fill the column; consecutive lines share one.
                    Some(c) if col.align == Align::Left => {
                        match &mut chip_run {
                            Some((rc, _, bottom)) if *rc == c => *bottom = top + lead,
                            _ => {
                                if let Some((rc, t, b)) = chip_run.take() {
                                    self.rect(x + table.pad, t, inner, b - t, rc);
                                }
                                chip_run = Some((c, top, top + lead));
                            }
                        }
                        let (tx, tw) = (x + table.pad + CHIP_PAD, inner - 2.0 * CHIP_PAD);
                        self.text_in(tx, tw, base, &item.text, item.style, Align::Left);
                    }
                    // Otherwise a badge as wide as its text, aligned like the column.
                    Some(c) => {
                        let w = (self.width(&item.text, item.style) + 2.0 * CHIP_PAD)
                            .max(18.0)
                            .min(inner);
                        let bx = match col.align {
                            Align::Right => x + table.pad + inner - w,
                            _ => x + table.pad + (inner - w) / 2.0,
                        };
                        self.rect(bx, top, w, lead, c);
                        self.text_in(bx, w, base, &item.text, item.style, Align::Centre);
                    }
                    None => {
                        if let Some((rc, t, b)) = chip_run.take() {
                            self.rect(x + table.pad, t, inner, b - t, rc);
                        }
                        self.text_in(
                            x + table.pad,
                            inner,
                            base,
                            &item.text,
                            item.style,
                            col.align,
                        );
                    }
                }
                top += lead;
            }
            if let Some((rc, t, b)) = chip_run {
                self.rect(x + table.pad, t, inner, b - t, rc);
            }
            x += col.width;
        }
        self.y += height;
        let y = self.y;
        self.line(table.x, y, table.x + table.width(), y, RULE, 0.4);
    }

    /// A full-width band inside a table (a group title), kept with the row after it.
    pub fn table_band(&mut self, table: &Table, items: Vec<Item>, colour: Colour) {
        let h = items.iter().map(|i| i.style.leading()).sum::<f32>() + 2.0 * table.pad;
        if self.y + h + 30.0 > self.bottom() && !self.at_table_top {
            let landscape = self.landscape();
            self.new_page(landscape);
            self.table_header(table);
        }
        let y = self.y;
        self.rect(table.x, y, table.width(), h, colour);
        let mut top = y + table.pad;
        for item in &items {
            self.text(
                table.x + table.pad,
                top + item.style.baseline(),
                &item.text,
                item.style,
            );
            top += item.style.leading();
        }
        self.y += h;
        self.at_table_top = false;
    }

    /// A totals row: `label` spans every column but the last, which holds `value`.
    pub fn table_total(
        &mut self,
        table: &Table,
        label: Vec<Item>,
        value: Vec<Item>,
        colour: Colour,
    ) {
        let lines = |items: &[Item]| items.iter().map(|i| i.style.leading()).sum::<f32>();
        let h = lines(&label).max(lines(&value)) + 2.0 * table.pad;
        if self.y + h > self.bottom() && !self.at_table_top {
            let landscape = self.landscape();
            self.new_page(landscape);
            self.table_header(table);
        }
        let y = self.y;
        self.rect(table.x, y, table.width(), h, colour);
        let mut top = y + table.pad;
        for item in &label {
            self.text(
                table.x + table.pad,
                top + item.style.baseline(),
                &item.text,
                item.style,
            );
            top += item.style.leading();
        }
        if let Some(last) = table.columns.last() {
            let x = table.x + table.width() - last.width + table.pad;
            let inner = last.width - 2.0 * table.pad;
            let mut top = y + table.pad;
            for item in &value {
                self.text_in(
                    x,
                    inner,
                    top + item.style.baseline(),
                    &item.text,
                    item.style,
                    Align::Right,
                );
                top += item.style.leading();
            }
        }
        self.y += h;
        let y = self.y;
        self.line(table.x, y, table.x + table.width(), y, RULE, 0.4);
        self.at_table_top = false;
    }

    /// Begins a table at the cursor: header now, repeated on later pages.
    pub fn table_start(&mut self, table: &Table) {
        self.ensure(40.0);
        self.table_header(table);
        self.at_table_top = true;
    }

    // -----------------------------------------------------------------------------
    // Finishing

    /// The pages with running header and footer, now that their number is known.
    pub fn finish(
        mut self,
        header_left: &str,
        header_right: &str,
        footer_left: &str,
    ) -> Vec<PdfPage> {
        let total = self.pages.len();
        let small = Style::new(7.5).colour(MUTED);
        for n in 0..total {
            self.cur = n;
            let (left, right, h) = (self.left(), self.right(), self.page_height());
            let width = right - left;
            let hl = self.fit(header_left, width * 0.62, small).into_owned();
            let hr = self
                .fit(header_right, width * 0.36, small.bold())
                .into_owned();
            self.text(left, HEADER_Y, &hl, small);
            self.text_in(left, width, HEADER_Y, &hr, small.bold(), Align::Right);
            self.line(left, HEADER_Y + 5.0, right, HEADER_Y + 5.0, RULE, 0.5);
            let fy = h - 22.0;
            self.line(left, fy - 10.0, right, fy - 10.0, RULE, 0.5);
            let fl = self.fit(footer_left, width * 0.7, small).into_owned();
            self.text(left, fy, &fl, small);
            let label = format!("Page {} of {}", n + 1, total);
            self.text_in(left, width, fy, &label, small, Align::Right);
        }
        self.pages.into_iter().map(Page::into_pdf).collect()
    }
}

/// Positions are rounded to 1/100 pt: shorter numbers in the content streams.
fn q(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
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

impl Page {
    fn into_pdf(self) -> PdfPage {
        let mut ops = self.shapes;
        if !self.text.is_empty() {
            ops.reserve(self.text.len() + 2);
            ops.push(Op::StartTextSection);
            ops.extend(self.text);
            ops.push(Op::EndTextSection);
        }
        PdfPage::new(Mm::from(Pt(self.width)), Mm::from(Pt(self.height)), ops)
    }
}

const CHIP_PAD: f32 = 2.5;

/// One line in a table cell.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub text: String,
    pub style: Style,
    /// Drawn on a chip of this colour.
    pub chip: Option<Colour>,
}

pub(crate) struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

pub(crate) struct Table {
    pub x: f32,
    pub columns: Vec<Column>,
    pub pad: f32,
    pub header: Style,
}

impl Table {
    /// Columns from (title, relative width, alignment), spread over `width`.
    pub fn new(x: f32, width: f32, spec: &[(&str, f32, Align)], header: Style) -> Table {
        let total: f32 = spec.iter().map(|s| s.1).sum();
        Table {
            x,
            columns: spec
                .iter()
                .map(|(title, w, align)| Column {
                    title: (*title).to_owned(),
                    width: width * w / total,
                    align: *align,
                })
                .collect(),
            pad: 3.0,
            header,
        }
    }

    /// Columns of the given widths in points.
    pub fn fixed(x: f32, spec: &[(&str, f32, Align)], header: Style) -> Table {
        Table {
            x,
            columns: spec
                .iter()
                .map(|(title, width, align)| Column {
                    title: (*title).to_owned(),
                    width: *width,
                    align: *align,
                })
                .collect(),
            pad: 3.0,
            header,
        }
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    /// The inner width of column `i`.
    pub fn inner(&self, i: usize) -> f32 {
        self.columns[i].width - 2.0 * self.pad
    }
}

pub(crate) struct Row {
    pub cells: Vec<Vec<Item>>,
    pub background: Option<Colour>,
}

fn row_height(cells: &[Vec<Item>], table: &Table) -> f32 {
    let content = cells
        .iter()
        .map(|items| items.iter().map(|i| i.style.leading()).sum::<f32>())
        .fold(0.0, f32::max);
    content + 2.0 * table.pad
}
