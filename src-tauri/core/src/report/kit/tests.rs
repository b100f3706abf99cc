//! The kit on its own: what a document built with it contains.

use printpdf::{Op, PdfPage, TextItem};

use super::*;
use crate::matrix::Score;
use crate::report::Paper;

fn fonts() -> Fonts {
    Fonts::load().expect("DejaVu Sans is installed for the tests")
}

/// The text shown on a page, one string per text operation.
fn texts(page: &PdfPage) -> Vec<String> {
    page.ops
        .iter()
        .filter_map(|op| match op {
            Op::ShowText { items } => Some(
                items
                    .iter()
                    .map(|i| match i {
                        TextItem::Text(t) => t.as_str(),
                        _ => "",
                    })
                    .collect(),
            ),
            Op::MoveToNextLineShowText { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn count(page: &PdfPage, wanted: fn(&Op) -> bool) -> usize {
    page.ops.iter().filter(|op| wanted(op)).count()
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let fonts = fonts();
    let mut doc = Doc::new(&fonts, Paper::A4);
    doc.new_page(false);
    let spec = [("Number", 1.0, Align::Left), ("Text", 3.0, Align::Left)];
    let mut t = doc.table(Table::new(40.0, 400.0, &spec, HEAD));
    for n in 0..200 {
        t.row()
            .text(&format!("row {n}"), BODY)
            .cell(|c| {
                c.text("first", BODY).chip("High", 8.0, NAVY);
            })
            .draw();
    }
    let pages = doc.finish("left", "right", "footer");
    assert!(pages.len() > 3, "{} pages", pages.len());
    let mut rows = 0;
    for (i, page) in pages.iter().enumerate() {
        let t = texts(page);
        assert_eq!(t.iter().filter(|s| *s == "Number").count(), 1, "page {i}");
        assert!(t.contains(&format!("Page {} of {}", i + 1, pages.len())));
        rows += t.iter().filter(|s| s.starts_with("row ")).count();
    }
    assert_eq!(rows, 200);
}

#[test]
fn a_graphics_state_is_closed_whatever_way_the_drawing_ends() {
    let fonts = fonts();
    let mut doc = Doc::new(&fonts, Paper::A4);
    doc.new_page(false);
    let early = doc.with_state(|s| {
        s.clip(40.0, 40.0, 100.0, 100.0);
        s.rect(40.0, 40.0, 10.0, 10.0, ALERT);
        if s.y > 0.0 {
            return "early";
        }
        s.rect(60.0, 40.0, 10.0, 10.0, GOOD);
        "late"
    });
    assert_eq!(early, "early");
    // A page break inside: the state ends on the page it began on.
    doc.with_state(|s| {
        s.clip(40.0, 40.0, 100.0, 100.0);
        s.new_page(false);
        s.rect(40.0, 40.0, 10.0, 10.0, ALERT);
    });
    // After a state, the fill colour is set again (the restore undid it).
    doc.rect(40.0, 200.0, 10.0, 10.0, ALERT);
    let pages = doc.finish("", "", "");
    let saves = |p: &PdfPage| count(p, |op| matches!(op, Op::SaveGraphicsState));
    let restores = |p: &PdfPage| count(p, |op| matches!(op, Op::RestoreGraphicsState));
    assert_eq!((saves(&pages[0]), restores(&pages[0])), (2, 2));
    assert_eq!((saves(&pages[1]), restores(&pages[1])), (0, 0));
    let fills = count(&pages[1], |op| matches!(op, Op::SetFillColor { .. }));
    assert!(fills >= 2, "{fills}");
}

#[test]
fn a_small_grid_holds_the_callers_content_in_every_cell() {
    let fonts = fonts();
    let matrix = crate::matrix::preset("5x5").expect("a 5×5 preset");
    let mut doc = Doc::new(&fonts, Paper::A4);
    doc.new_page(false);
    let top = doc.y;
    let grid = Grid::new(&matrix, 40.0, 12.0, 9.0);
    let mut seen = Vec::new();
    grid.draw(&mut doc, &mut |doc, cell| {
        seen.push((cell.likelihood, cell.impact));
        let level = matrix.level_index(Score::new(cell.likelihood as u8, cell.impact as u8));
        assert_eq!(level, cell.level);
        let votes = if (cell.likelihood, cell.impact) == (4, 3) {
            7
        } else {
            0
        };
        cell.dots(doc, &vec![WHITE; votes]);
    });
    assert_eq!(seen.len(), 25);
    assert_eq!(seen[0], (5, 1), "the most likely row comes first");
    assert!((doc.y - (top + 5.0 * 9.0 + 4.0)).abs() < 0.01, "{}", doc.y);
    assert!((grid.height(&doc) - (5.0 * 9.0 + 4.0)).abs() < 0.01);
    let pages = doc.finish("", "", "");
    let dots = count(&pages[0], |op| matches!(op, Op::DrawPolygon { .. }));
    assert_eq!(dots, 7);
    let cells = count(&pages[0], |op| matches!(op, Op::DrawRectangle { .. }));
    assert_eq!(cells, 25);
}

#[test]
fn chips_show_levels_scores_and_counts() {
    let fonts = fonts();
    let matrix = crate::matrix::preset("5x5").expect("a 5×5 preset");
    let doc = Doc::new(&fonts, Paper::A4);
    let mut cell = Cell::new(&doc, 80.0);
    chips::score(&mut cell, &matrix, Some(Score::new(5, 5)));
    chips::score(&mut cell, &matrix, None);
    chips::count(&mut cell, 0, NAVY);
    let lines: Vec<(String, bool)> = cell
        .into_items()
        .into_iter()
        .map(|i| (i.text, i.chip.is_some()))
        .collect();
    let top = matrix.levels.last().unwrap().name.clone();
    assert_eq!(
        lines,
        vec![
            (top, true),
            ("L5 × I5".to_owned(), false),
            ("—".to_owned(), false),
            ("·".to_owned(), false),
        ]
    );
}
