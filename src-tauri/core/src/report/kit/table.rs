//! Tables: a header row that repeats on every page the table runs onto, rows that wrap
//! their cells and split across pages when taller than one, coloured chips in cells,
//! full-width group bands and totals rows. Every table of every document uses this.
//!
//! ```ignore
//! let mut t = doc.table(Table::new(x, width, &[("Ref", 1.0, Align::Left), …], HEAD));
//! for risk in risks {
//!     t.row()
//!         .text(&risk.reference, BODY.bold())
//!         .cell(|c| chips::score(c, matrix, risk.residual))
//!         .draw();
//! }
//! ```

use super::cell::{height, wrapped, Cell, Item, CHIP_PAD};
use super::doc::Doc;
use super::style::{Align, Colour, Style, NAVY, RULE};

pub(crate) struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

/// The shape of a table: where it starts, its columns, padding and header style.
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
        let columns = spec
            .iter()
            .map(|&(title, w, align)| (title, width * w / total, align));
        Table::from_columns(x, columns, header)
    }

    /// Columns of the given widths in points.
    pub fn fixed(x: f32, spec: &[(&str, f32, Align)], header: Style) -> Table {
        Table::from_columns(x, spec.iter().copied(), header)
    }

    fn from_columns<'a>(
        x: f32,
        columns: impl Iterator<Item = (&'a str, f32, Align)>,
        header: Style,
    ) -> Table {
        Table {
            x,
            columns: columns
                .map(|(title, width, align)| Column {
                    title: title.to_owned(),
                    width,
                    align,
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

impl<'f> Doc<'f> {
    /// Starts a table at the cursor (on a new page when less than 40 points are left)
    /// and draws its header.
    pub fn table(&mut self, table: Table) -> TableWriter<'_, 'f> {
        self.ensure(40.0);
        let mut writer = TableWriter { doc: self, table };
        writer.header();
        writer.doc.at_table_top = true;
        writer
    }
}

/// A table being drawn: rows, bands and totals go below the cursor, and a page break
/// repeats the header.
pub(crate) struct TableWriter<'d, 'f> {
    doc: &'d mut Doc<'f>,
    table: Table,
}

impl<'f> TableWriter<'_, 'f> {
    /// A new row; its cells are added from left to right, then it is drawn.
    pub fn row(&mut self) -> RowBuilder<'_, 'f> {
        RowBuilder {
            cells: Vec::with_capacity(self.table.columns.len()),
            doc: self.doc,
            table: &self.table,
        }
    }

    /// A full-width band (a group title), kept with the row after it.
    pub fn band(&mut self, text: &str, style: Style, colour: Colour) {
        let (width, pad) = (self.table.width(), self.table.pad);
        let items = wrapped(self.doc, text, width - 2.0 * pad, style);
        let h = height(&items) + 2.0 * pad;
        self.break_unless_fits(h + 30.0);
        let (t, doc) = (&self.table, &mut *self.doc);
        let y = doc.y;
        doc.rect(t.x, y, t.width(), h, colour);
        let mut top = y + t.pad;
        for item in &items {
            doc.text(
                t.x + t.pad,
                top + item.style.baseline(),
                &item.text,
                item.style,
            );
            top += item.style.leading();
        }
        doc.y += h;
        doc.at_table_top = false;
    }

    /// A totals row: `label` spans every column but the last, which holds `value`
    /// (right-aligned, one line per `\n`).
    pub fn total(&mut self, label: &str, value: &str, style: Style, colour: Colour) {
        let t = &self.table;
        let columns = t.columns.len().saturating_sub(1);
        let label_width = t.columns[..columns].iter().map(|c| c.width).sum::<f32>() - 2.0 * t.pad;
        let label = wrapped(self.doc, label, label_width, style);
        let value = wrapped(self.doc, value, t.inner(columns), style);
        let h = height(&label).max(height(&value)) + 2.0 * t.pad;
        self.break_unless_fits(h);
        let (t, doc) = (&self.table, &mut *self.doc);
        let y = doc.y;
        doc.rect(t.x, y, t.width(), h, colour);
        let mut top = y + t.pad;
        for item in &label {
            doc.text(
                t.x + t.pad,
                top + item.style.baseline(),
                &item.text,
                item.style,
            );
            top += item.style.leading();
        }
        if let Some(last) = t.columns.last() {
            let x = t.x + t.width() - last.width + t.pad;
            let inner = last.width - 2.0 * t.pad;
            let mut top = y + t.pad;
            for item in &value {
                let base = top + item.style.baseline();
                doc.text_in(x, inner, base, &item.text, item.style, Align::Right);
                top += item.style.leading();
            }
        }
        doc.y += h;
        let y = doc.y;
        doc.line(t.x, y, t.x + t.width(), y, RULE, 0.4);
        doc.at_table_top = false;
    }

    /// A new page with the header when `h` does not fit (and a row may go elsewhere).
    fn break_unless_fits(&mut self, h: f32) {
        if self.doc.y + h > self.doc.bottom() && !self.doc.at_table_top {
            self.doc.continue_on_new_page();
            self.header();
        }
    }

    fn header(&mut self) {
        header(self.doc, &self.table);
    }
}

fn header(doc: &mut Doc, table: &Table) {
    let style = table.header;
    let cells: Vec<Vec<Item>> = table
        .columns
        .iter()
        .map(|c| wrapped(doc, &c.title, c.width - 2.0 * table.pad, style))
        .collect();
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let h = lines as f32 * style.leading() + 2.0 * table.pad;
    let y = doc.y;
    doc.rect(table.x, y, table.width(), h, NAVY);
    let mut x = table.x;
    for (col, items) in table.columns.iter().zip(&cells) {
        for (n, item) in items.iter().enumerate() {
            let base = y + table.pad + n as f32 * style.leading() + style.baseline();
            let inner = col.width - 2.0 * table.pad;
            doc.text_in(
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
    doc.y += h;
}

/// A row being filled, cell by cell from the left.
pub(crate) struct RowBuilder<'t, 'f> {
    doc: &'t mut Doc<'f>,
    table: &'t Table,
    cells: Vec<Vec<Item>>,
}

impl RowBuilder<'_, '_> {
    /// The next cell: `text`, wrapped.
    pub fn text(mut self, text: &str, style: Style) -> Self {
        let mut cell = Cell::new(self.doc, self.next_width());
        cell.text(text, style);
        self.cells.push(cell.into_items());
        self
    }

    /// The next cell, filled by `fill` (several texts, chips).
    pub fn cell(mut self, fill: impl FnOnce(&mut Cell)) -> Self {
        let mut cell = Cell::new(self.doc, self.next_width());
        fill(&mut cell);
        self.cells.push(cell.into_items());
        self
    }

    /// The next cell, left empty.
    pub fn empty(mut self) -> Self {
        self.cells.push(Vec::new());
        self
    }

    fn next_width(&self) -> f32 {
        self.table.inner(self.cells.len())
    }

    /// Draws the row on the page's background.
    pub fn draw(self) {
        self.draw_on(None);
    }

    /// Draws the row on `background`. When it does not fit, it goes on a new page
    /// below the repeated header; a row taller than a page is split between lines.
    pub fn draw_on(self, background: Option<Colour>) {
        let RowBuilder {
            doc,
            table,
            mut cells,
        } = self;
        loop {
            let height = row_height(&cells, table);
            if doc.y + height > doc.bottom() && !doc.at_table_top {
                doc.continue_on_new_page();
                header(doc, table);
                doc.at_table_top = true;
                continue;
            }
            doc.at_table_top = false;
            if doc.y + height <= doc.bottom() {
                draw_row(doc, table, &cells, background, height);
                return;
            }
            // Taller than a page: draw what fits, carry the rest.
            let room = doc.bottom() - doc.y - 2.0 * table.pad;
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
            let h = doc.bottom() - doc.y;
            draw_row(doc, table, &cells, background, h);
            cells = rest;
            doc.continue_on_new_page();
            header(doc, table);
            doc.at_table_top = true;
        }
    }
}

fn draw_row(
    doc: &mut Doc,
    table: &Table,
    cells: &[Vec<Item>],
    background: Option<Colour>,
    height: f32,
) {
    let y = doc.y;
    if let Some(bg) = background {
        doc.rect(table.x, y, table.width(), height, bg);
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
                                doc.rect(x + table.pad, t, inner, b - t, rc);
                            }
                            chip_run = Some((c, top, top + lead));
                        }
                    }
                    let (tx, tw) = (x + table.pad + CHIP_PAD, inner - 2.0 * CHIP_PAD);
                    doc.text_in(tx, tw, base, &item.text, item.style, Align::Left);
                }
                // Otherwise a badge as wide as its text, aligned like the column.
                Some(c) => {
                    let w = (doc.width(&item.text, item.style) + 2.0 * CHIP_PAD)
                        .max(18.0)
                        .min(inner);
                    let bx = match col.align {
                        Align::Right => x + table.pad + inner - w,
                        _ => x + table.pad + (inner - w) / 2.0,
                    };
                    doc.rect(bx, top, w, lead, c);
                    doc.text_in(bx, w, base, &item.text, item.style, Align::Centre);
                }
                None => {
                    if let Some((rc, t, b)) = chip_run.take() {
                        doc.rect(x + table.pad, t, inner, b - t, rc);
                    }
                    let tx = x + table.pad;
                    doc.text_in(tx, inner, base, &item.text, item.style, col.align);
                }
            }
            top += lead;
        }
        if let Some((rc, t, b)) = chip_run {
            doc.rect(x + table.pad, t, inner, b - t, rc);
        }
        x += col.width;
    }
    doc.y += height;
    let y = doc.y;
    doc.line(table.x, y, table.x + table.width(), y, RULE, 0.4);
}

fn row_height(cells: &[Vec<Item>], table: &Table) -> f32 {
    cells.iter().map(|items| height(items)).fold(0.0, f32::max) + 2.0 * table.pad
}
