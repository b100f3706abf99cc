//! The likelihood × impact grid of a matrix: cells on their level's colour, white
//! gutters, optional axis labels and legend, and whatever the caller puts in each cell
//! (a count for a heat map, a level name for the appendix, dots for a round of votes).
//!
//! ```ignore
//! let grid = Grid::fit(doc, matrix, 62.0);          // as wide as the page allows
//! grid.draw(doc, &mut |doc, cell| cell.text(doc, &counts[cell.likelihood - 1][cell.impact - 1].to_string(), style));
//! let small = Grid::new(matrix, x, 14.0, 10.0);     // a thumbnail, no labels
//! small.draw(doc, &mut |doc, cell| cell.dots(doc, &votes_in(cell)));
//! ```

use crate::matrix::{Matrix, Score};

use super::chips::level_colour;
use super::doc::Doc;
use super::style::{Align, Colour, Style, MUTED, SMALL, WHITE};

/// Where a grid goes and how large its cells are.
pub(crate) struct Grid<'m> {
    matrix: &'m Matrix,
    /// The left edge (of the likelihood labels when there are some).
    pub x: f32,
    pub cell_w: f32,
    pub cell_h: f32,
    /// The width of the likelihood labels; `None` draws no labels and no axis titles.
    labels: Option<f32>,
    /// Whether a legend of the levels follows the grid.
    legend: bool,
}

/// One cell as the caller's content sees it: its place on both axes (1-based), its
/// level (`None` for a cell the matrix leaves out) and colour, and its box on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GridCell {
    pub likelihood: usize,
    pub impact: usize,
    pub level: Option<usize>,
    pub colour: Colour,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl<'m> Grid<'m> {
    /// A bare grid of the given cell size at `x`: no labels, no legend.
    pub fn new(matrix: &'m Matrix, x: f32, cell_w: f32, cell_h: f32) -> Grid<'m> {
        Grid {
            matrix,
            x,
            cell_w,
            cell_h,
            labels: None,
            legend: false,
        }
    }

    /// The report's grid: likelihood labels, axis titles and legend, as wide as the
    /// content allows with cells no wider than `max_cell`; lower cells for tall
    /// matrices.
    pub fn fit(doc: &Doc, matrix: &'m Matrix, max_cell: f32) -> Grid<'m> {
        let (lmax, imax) = matrix.size();
        let label_w = 96.0;
        let avail = doc.content_width() - label_w - 8.0;
        let cell_w = (avail / imax as f32).min(max_cell);
        let cell_h = (cell_w * 0.62).clamp(22.0, 34.0) - (lmax as f32 - 5.0).max(0.0) * 2.0;
        Grid::new(matrix, doc.left(), cell_w, cell_h)
            .with_labels(label_w)
            .with_legend()
    }

    /// Axis labels (likelihood labels `width` wide on the left, impact labels below)
    /// and axis titles.
    pub fn with_labels(self, width: f32) -> Grid<'m> {
        Grid {
            labels: Some(width),
            ..self
        }
    }

    /// A legend of the levels below the grid.
    pub fn with_legend(self) -> Grid<'m> {
        Grid {
            legend: true,
            ..self
        }
    }

    fn label_w(&self) -> f32 {
        self.labels.unwrap_or(0.0)
    }

    /// The height the grid with its labels and legend needs (for keeping it on a page).
    pub fn height(&self, doc: &Doc) -> f32 {
        let (lmax, _) = self.matrix.size();
        let rows = lmax as f32 * self.cell_h;
        if self.labels.is_none() {
            return rows + 4.0 + if self.legend { 30.0 } else { 0.0 };
        }
        let (style, lines) = self.impact_label_lines(doc);
        let labelled = 14.0 + rows + 6.0 + lines.len().max(1) as f32 * style.leading();
        labelled + if self.legend { 44.0 } else { 14.0 }
    }

    /// Draws the grid at the cursor, most likely row on top, calling `content` for
    /// each cell after its background; leaves the cursor below the grid.
    pub fn draw(&self, doc: &mut Doc, content: &mut dyn FnMut(&mut Doc, &GridCell)) {
        let m = self.matrix;
        let (lmax, imax) = m.size();
        let (x0, label_w) = (self.x, self.label_w());
        let grid_x = x0 + label_w;
        let axis = SMALL.bold().colour(MUTED);
        if self.labels.is_some() {
            let y = doc.y;
            doc.text_in(
                x0,
                label_w - 8.0,
                y + 8.0,
                "Likelihood ↑",
                axis,
                Align::Right,
            );
            doc.y += 12.0;
        }
        let top = doc.y;
        for row in 0..lmax {
            let l = lmax - row; // 1-based likelihood, highest first
            let y = top + row as f32 * self.cell_h;
            if self.labels.is_some() {
                // Row label, on as many lines as the row holds (two at least), in
                // smaller type when a word is wider than the label column; centred.
                let label = &m.likelihood[l - 1].label;
                let style = label_style(doc, &[label], label_w - 8.0);
                let fit = ((self.cell_h / style.leading()).floor() as usize).max(2);
                let lines = doc.wrap_owned(label, label_w - 8.0, style, fit);
                let block = lines.len() as f32 * style.leading();
                let mut ly = y + (self.cell_h - block) / 2.0;
                for line in &lines {
                    let base = ly + style.baseline();
                    doc.text_in(x0, label_w - 8.0, base, line, style, Align::Right);
                    ly += style.leading();
                }
            }
            for i in 1..=imax {
                let x = grid_x + (i - 1) as f32 * self.cell_w;
                let level = m.level_index(Score::new(l as u8, i as u8));
                let colour = level_colour(m, level.unwrap_or(0));
                doc.rect(x, y, self.cell_w, self.cell_h, colour);
                let cell = GridCell {
                    likelihood: l,
                    impact: i,
                    level,
                    colour,
                    x,
                    y,
                    w: self.cell_w,
                    h: self.cell_h,
                };
                content(doc, &cell);
            }
        }
        // White gutters between cells.
        let bottom = top + lmax as f32 * self.cell_h;
        let right = grid_x + imax as f32 * self.cell_w;
        let gutter = if self.labels.is_some() { 1.5 } else { 1.0 };
        for row in 0..=lmax {
            let y = top + row as f32 * self.cell_h;
            doc.line(grid_x, y, right, y, WHITE, gutter);
        }
        for col in 0..=imax {
            let x = grid_x + col as f32 * self.cell_w;
            doc.line(x, top, x, bottom, WHITE, gutter);
        }
        doc.y = bottom + 4.0;
        if self.labels.is_some() {
            let (style, lines) = self.impact_label_lines(doc);
            for line in lines {
                for (i, text) in line.iter().enumerate() {
                    let x = grid_x + i as f32 * self.cell_w;
                    let base = doc.y + style.baseline();
                    doc.text_in(x + 2.0, self.cell_w - 4.0, base, text, style, Align::Centre);
                }
                doc.y += style.leading();
            }
            let y = doc.y;
            let width = imax as f32 * self.cell_w;
            doc.text_in(grid_x, width, y + 8.0, "Impact →", axis, Align::Centre);
            doc.y += 14.0;
        }
        if self.legend {
            legend(doc, m, grid_x);
        }
    }

    /// The impact labels wrapped to the cell width (up to four lines, in smaller type
    /// when a word is wider than a cell), line by line, and their style.
    fn impact_label_lines(&self, doc: &Doc) -> (Style, Vec<Vec<String>>) {
        let labels: Vec<&str> = self
            .matrix
            .impact
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        let style = label_style(doc, &labels, self.cell_w - 4.0);
        let lines: Vec<Vec<String>> = labels
            .iter()
            .map(|label| doc.wrap_owned(label, self.cell_w - 4.0, style, 4))
            .collect();
        let depth = lines.iter().map(Vec::len).max().unwrap_or(1);
        let rows = (0..depth)
            .map(|d| {
                lines
                    .iter()
                    .map(|l| l.get(d).cloned().unwrap_or_default())
                    .collect()
            })
            .collect();
        (style, rows)
    }
}

/// The labels' type: SMALL, or smaller (down to 5.5 points) until the longest word of
/// every text fits `width`, so that a label's words are not broken.
fn label_style(doc: &Doc, texts: &[&str], width: f32) -> Style {
    let mut style = SMALL;
    let too_wide = |style: Style| {
        texts
            .iter()
            .flat_map(|t| t.split_whitespace())
            .any(|w| doc.width(w, style) > width)
    };
    while style.size > 5.6 && too_wide(style) {
        style = Style::new(style.size * 0.92);
    }
    style
}

/// A square of each level's colour with its name, wrapping at the right margin.
fn legend(doc: &mut Doc, m: &Matrix, x0: f32) {
    let style = SMALL;
    let mut x = x0;
    for (l, level) in m.levels.iter().enumerate() {
        let w = doc.width(&level.name, style) + 16.0;
        if x + w > doc.right() {
            x = x0;
            doc.y += 12.0;
        }
        let y = doc.y;
        doc.rect(x, y + 1.0, 8.0, 8.0, level_colour(m, l));
        doc.text(x + 11.0, y + 8.0, &level.name, style);
        x += w + 6.0;
    }
    doc.y += 14.0;
}

impl GridCell {
    /// `text` centred in the cell, up to two lines, in black or white on the level's
    /// colour; nothing for empty text.
    pub fn text(&self, doc: &mut Doc, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let style = style.colour(self.colour.text_on());
        let lines = doc.wrap_owned(text, self.w - 4.0, style, 2);
        let block = lines.len() as f32 * style.leading();
        let mut ty = self.y + (self.h - block) / 2.0;
        for line in &lines {
            let base = ty + style.baseline();
            doc.text_in(self.x + 2.0, self.w - 4.0, base, line, style, Align::Centre);
            ty += style.leading();
        }
    }

    /// One dot per colour (a vote each), in rows centred in the cell; the dots get
    /// smaller until they all fit.
    pub fn dots(&self, doc: &mut Doc, colours: &[Colour]) {
        let n = colours.len();
        if n == 0 {
            return;
        }
        let (inner_w, inner_h) = ((self.w - 2.0).max(1.0), (self.h - 2.0).max(1.0));
        let mut r = (self.w.min(self.h) * 0.16).clamp(0.6, 4.0);
        let (cols, rows) = loop {
            let step = 2.4 * r;
            let cols = ((inner_w / step).floor() as usize).clamp(1, n);
            let rows = n.div_ceil(cols);
            if rows as f32 * step <= inner_h || r <= 0.6 {
                break (cols, rows);
            }
            r *= 0.85;
        };
        let step = 2.4 * r;
        let top = self.y + (self.h - rows as f32 * step) / 2.0 + step / 2.0;
        for (k, &colour) in colours.iter().enumerate() {
            let (row, col) = (k / cols, k % cols);
            let in_row = if row + 1 == rows {
                n - row * cols
            } else {
                cols
            };
            let left = self.x + (self.w - in_row as f32 * step) / 2.0 + step / 2.0;
            doc.dot(left + col as f32 * step, top + row as f32 * step, r, colour);
        }
    }
}
