//! The contents of a table cell: lines of text, each wrapped to the cell and possibly
//! on a coloured chip. Chips of the domain (levels, scores) are in `chips`.

use super::doc::Doc;
use super::style::{Colour, Style};

/// Padding inside a chip, left and right of its text.
pub(super) const CHIP_PAD: f32 = 2.5;

/// One line in a table cell.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub text: String,
    pub style: Style,
    /// Drawn on a chip of this colour.
    pub chip: Option<Colour>,
}

/// The lines of one cell, wrapped to the cell's inner width as they are added.
pub(crate) struct Cell<'a, 'f> {
    doc: &'a Doc<'f>,
    width: f32,
    items: Vec<Item>,
}

impl<'a, 'f> Cell<'a, 'f> {
    pub fn new(doc: &'a Doc<'f>, width: f32) -> Cell<'a, 'f> {
        Cell {
            doc,
            width,
            items: Vec::new(),
        }
    }

    /// Adds `text`, wrapped to the cell.
    pub fn text(&mut self, text: &str, style: Style) -> &mut Self {
        self.push(text, style, None)
    }

    /// Adds `text` on a chip of `background` (bold, in black or white, whichever reads
    /// better). In a left-aligned column the chip fills the column; otherwise it is as
    /// wide as its text.
    pub fn chip(&mut self, text: &str, size: f32, background: Colour) -> &mut Self {
        let style = Style::new(size).bold().colour(background.text_on());
        self.push(text, style, Some(background))
    }

    /// Adds one line as it is, without wrapping.
    pub fn line(&mut self, text: String, style: Style) -> &mut Self {
        self.items.push(Item {
            text,
            style,
            chip: None,
        });
        self
    }

    /// The lines added.
    pub fn into_items(self) -> Vec<Item> {
        self.items
    }

    fn push(&mut self, text: &str, style: Style, chip: Option<Colour>) -> &mut Self {
        let inner = if chip.is_some() {
            self.width - 2.0 * CHIP_PAD
        } else {
            self.width
        };
        for line in self.doc.wrap(text, inner, style) {
            self.items.push(Item {
                text: line.to_owned(),
                style,
                chip,
            });
        }
        self
    }
}

/// `text` wrapped to `width`, as the lines of a cell.
pub(super) fn wrapped(doc: &Doc, text: &str, width: f32, style: Style) -> Vec<Item> {
    let mut cell = Cell::new(doc, width);
    cell.text(text, style);
    cell.items
}

/// The height of a cell's lines.
pub(super) fn height(items: &[Item]) -> f32 {
    items.iter().map(|i| i.style.leading()).sum()
}
