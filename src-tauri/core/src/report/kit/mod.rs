//! The drawing kit of the app's PDF documents: the risk report uses it, and so can the
//! workshop minutes and any later document. Nothing here knows the report's sections;
//! the grid and the chips know the domain's matrices, scores and statuses.
//!
//! - [`style`]: colours, text styles ([`BODY`], [`SMALL`], [`HEAD`]) and alignment.
//! - [`fonts`]: the embedded faces (DejaVu Sans with a CJK fallback) and their widths.
//! - [`doc`]: a document of pages with a cursor, shapes, page breaks, a graphics-state
//!   guard ([`Doc::with_state`]) and the running header and footer ([`Doc::finish`]).
//! - [`text`]: lines, wrapping, paragraphs and headings on a [`Doc`].
//! - [`table`]: tables with a header repeated on every page ([`Doc::table`]), whose
//!   cells are [`cell::Cell`]s.
//! - [`grid`]: the likelihood × impact grid of a matrix, at any size, with the
//!   caller's content in each cell.
//! - [`chips`]: levels, scores, statuses and counts on their colours in table cells.
//! - [`blocks`]: cover parts and key figures.
//! - [`util`]: codes, money and dates as printed.
//!
//! A document is drawn in three steps: a [`Doc`] on [`fonts::Fonts`], drawing at its
//! cursor, then [`Doc::finish`] for the pages and `report::output::save` for the bytes.

pub(crate) mod blocks;
pub(crate) mod cell;
pub(crate) mod chips;
pub(crate) mod doc;
pub(crate) mod fonts;
pub(crate) mod grid;
pub(crate) mod style;
pub(crate) mod table;
pub(crate) mod text;
pub(crate) mod util;

pub(crate) use doc::Doc;
pub(crate) use fonts::Fonts;
pub(crate) use grid::Grid;
pub(crate) use style::{
    Align, Style, ALERT, BAND, BODY, GOOD, GREY, HEAD, MUTED, NAVY, OVERDUE, SMALL, ZEBRA,
};
pub(crate) use table::{Table, TableWriter};
pub(crate) use util::{date, humanise, money, or_dash, plural};
#[allow(
    unused_imports,
    reason = "the rest of the kit's API, for other documents"
)]
pub(crate) use {
    cell::Cell,
    doc::State,
    grid::GridCell,
    style::{Colour, INK, RULE, WHITE},
    table::RowBuilder,
};

#[cfg(test)]
mod tests;
