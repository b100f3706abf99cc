//! The document being drawn: its pages, the cursor, page breaks, shapes, the graphics
//! state guard, and the running header and footer ("Page X of Y") added at the end.
//!
//! Positions are kept in points from the top-left corner of the page and turned into
//! PDF coordinates (from the bottom-left) only when an operation is emitted.

use printpdf::{
    Line, LinePoint, Mm, Op, PaintMode, PdfPage, Point, Polygon, PolygonRing, Pt, Rect,
    WindingOrder,
};

use super::fonts::{FaceRef, Fonts};
use super::style::{Align, Colour, Style, MUTED, RULE};
use crate::report::Paper;

/// One page being drawn. Shapes and text go to two lists so that the text can be
/// written in one text object above every background.
pub(super) struct Page {
    width: f32,
    pub(super) height: f32,
    shapes: Vec<Op>,
    pub(super) text: Vec<Op>,
    shape_fill: Option<Colour>,
    shape_stroke: Option<(Colour, f32)>,
    pub(super) text_fill: Option<Colour>,
    pub(super) text_font: Option<(FaceRef, f32)>,
    /// Start (x, baseline) of the last line written, and the text leading in force:
    /// a line right below it is reached with `T*` instead of a new text matrix.
    pub(super) text_line: Option<(f32, f32)>,
    pub(super) text_leading: Option<f32>,
}

impl Page {
    fn new(width: f32, height: f32) -> Page {
        Page {
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
        }
    }

    fn set_fill(&mut self, colour: Colour) {
        if self.shape_fill != Some(colour) {
            self.shapes.push(Op::SetFillColor { col: colour.pdf() });
            self.shape_fill = Some(colour);
        }
    }

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

const MARGIN: f32 = 40.0;
const HEADER_Y: f32 = 26.0;
/// Where content starts on a page, below the running header.
pub(crate) const CONTENT_TOP: f32 = 50.0;
const FOOTER_GAP: f32 = 44.0;

/// A document: pages of a paper size, portrait or landscape, and a cursor `y` that the
/// drawing helpers (paragraphs, headings, tables, grids) move down as they draw.
pub(crate) struct Doc<'f> {
    pub fonts: &'f Fonts,
    paper: Paper,
    pages: Vec<Page>,
    /// The page drawn on (the last one, except while finishing).
    cur: usize,
    /// The cursor, from the top of the current page.
    pub y: f32,
    /// Whether the cursor is right below a table header (a row must go here).
    pub(super) at_table_top: bool,
}

impl<'f> Doc<'f> {
    /// An empty document; the first drawing starts a portrait page if `new_page` was
    /// not called.
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

    /// Starts a page, portrait or landscape, with the cursor at the top of the content.
    pub fn new_page(&mut self, landscape: bool) {
        let (w, h) = self.paper.size_pt();
        let (width, height) = if landscape { (h, w) } else { (w, h) };
        self.pages.push(Page::new(width, height));
        self.cur = self.pages.len() - 1;
        self.y = CONTENT_TOP;
        self.at_table_top = false;
    }

    pub(super) fn page(&mut self) -> &mut Page {
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
            self.continue_on_new_page();
            return true;
        }
        false
    }

    /// A new page of the same orientation as the current one.
    pub fn continue_on_new_page(&mut self) {
        let landscape = self.landscape();
        self.new_page(landscape);
    }

    // -----------------------------------------------------------------------------
    // Shapes

    /// Fills a rectangle whose top-left corner is (x, y).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        let page = self.page();
        page.set_fill(colour);
        let bottom = page.height - y - h;
        page.shapes.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(q(x)),
                y: Pt(q(bottom)),
                width: Pt(q(w)),
                height: Pt(q(h)),
                mode: Some(PaintMode::Fill),
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

    /// Fills a disc of radius `r` centred on (cx, cy): a vote, a marker.
    pub fn dot(&mut self, cx: f32, cy: f32, r: f32, colour: Colour) {
        let page = self.page();
        page.set_fill(colour);
        let (cx, cy) = (cx, page.height - cy);
        // Four cubic arcs; 0.5523 puts the control points of a quarter circle.
        let k = r * 0.552_3;
        let p = |x: f32, y: f32, bezier: bool| LinePoint {
            p: Point {
                x: Pt(q(cx + x)),
                y: Pt(q(cy + y)),
            },
            bezier,
        };
        let points = vec![
            p(r, 0.0, false),
            p(r, k, true),
            p(k, r, true),
            p(0.0, r, false),
            p(-k, r, true),
            p(-r, k, true),
            p(-r, 0.0, false),
            p(-r, -k, true),
            p(-k, -r, true),
            p(0.0, -r, false),
            p(k, -r, true),
            p(r, -k, true),
            p(r, 0.0, false),
        ];
        page.shapes.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// Runs `draw` inside a saved graphics state (`q` … `Q`), so that a clip set in it
    /// cannot outlive it, whatever way `draw` returns. The state covers shapes only:
    /// text is written in one text object above every shape of the page. When `draw`
    /// starts a new page, the state is closed on the page it was opened on.
    #[allow(
        dead_code,
        reason = "for the workshop minutes; the report needs no state"
    )]
    pub fn with_state<R>(&mut self, draw: impl FnOnce(&mut State<'_, 'f>) -> R) -> R {
        let page = self.page();
        page.shapes.push(Op::SaveGraphicsState);
        let saved = (page.shape_fill, page.shape_stroke);
        let opened_on = self.cur;
        let result = draw(&mut State { doc: self });
        let page = &mut self.pages[opened_on];
        page.shapes.push(Op::RestoreGraphicsState);
        (page.shape_fill, page.shape_stroke) = saved;
        result
    }

    // -----------------------------------------------------------------------------
    // Finishing

    /// The pages with the running header (`header_left`, `header_right` in bold) and
    /// footer (`footer_left`, "Page X of Y"), now that the number of pages is known.
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
            let hl = self
                .fit_words(header_left, width * 0.62, small)
                .into_owned();
            let hr = self
                .fit_words(header_right, width * 0.36, small.bold())
                .into_owned();
            self.text(left, HEADER_Y, &hl, small);
            self.text_in(left, width, HEADER_Y, &hr, small.bold(), Align::Right);
            self.line(left, HEADER_Y + 5.0, right, HEADER_Y + 5.0, RULE, 0.5);
            let fy = h - 22.0;
            self.line(left, fy - 10.0, right, fy - 10.0, RULE, 0.5);
            let fl = self.fit_words(footer_left, width * 0.7, small).into_owned();
            self.text(left, fy, &fl, small);
            let label = format!("Page {} of {}", n + 1, total);
            self.text_in(left, width, fy, &label, small, Align::Right);
        }
        self.pages.into_iter().map(Page::into_pdf).collect()
    }
}

/// The document inside [`Doc::with_state`]: everything a `Doc` does, and a clip.
#[allow(dead_code, reason = "for the workshop minutes")]
pub(crate) struct State<'d, 'f> {
    doc: &'d mut Doc<'f>,
}

#[allow(dead_code, reason = "for the workshop minutes")]
impl State<'_, '_> {
    /// Clips the shapes drawn after it, until the state ends, to a rectangle whose
    /// top-left corner is (x, y).
    pub fn clip(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let page = self.doc.page();
        let bottom = page.height - y - h;
        page.shapes.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(q(x)),
                y: Pt(q(bottom)),
                width: Pt(q(w)),
                height: Pt(q(h)),
                mode: Some(PaintMode::Clip),
                winding_order: None,
            },
        });
    }
}

impl<'f> std::ops::Deref for State<'_, 'f> {
    type Target = Doc<'f>;
    fn deref(&self) -> &Doc<'f> {
        self.doc
    }
}

impl<'f> std::ops::DerefMut for State<'_, 'f> {
    fn deref_mut(&mut self) -> &mut Doc<'f> {
        self.doc
    }
}

/// Positions are rounded to 1/100 pt: shorter numbers in the content streams.
pub(super) fn q(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
