//! The appendix: the scoring matrix the report uses, its levels, grid and axes.

use crate::report::kit::{chips, Align, Doc, Grid, Style, Table, BODY, HEAD, MUTED};

use super::{ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    doc.heading("Appendix: scoring matrix", 16.0, 80.0);
    let (lmax, imax) = m.size();
    let intro = format!(
        "{} — {lmax} likelihood levels × {imax} impact levels, {} risk levels. {}",
        m.name,
        m.levels.len(),
        m.description.trim()
    );
    doc.paragraph(intro.trim(), BODY, left, width);
    doc.paragraph(
        "The level of a risk is looked up in the grid below, never computed from likelihood × impact.",
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 8.0;

    doc.subheading("Risk levels");
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("Level", 1.3, Align::Left),
            ("Meaning", 4.2, Align::Left),
            ("Review every", 1.1, Align::Right),
            ("Appetite", 1.1, Align::Left),
        ],
        HEAD,
    ));
    for l in (0..m.levels.len()).rev() {
        let level = &m.levels[l];
        let appetite = if level.within_appetite {
            "Within"
        } else {
            "Outside"
        };
        t.row()
            .cell(|c| chips::level(c, m, l))
            .text(&level.description, BODY)
            .text(&format!("{} days", level.review_days), BODY)
            .text(appetite, BODY)
            .draw();
    }
    doc.y += 12.0;

    let grid = Grid::fit(doc, m, 70.0);
    doc.ensure(grid.height(doc) + 30.0);
    doc.subheading("The grid");
    let name_style = Style::new(7.0).bold();
    grid.draw(doc, &mut |doc, cell| {
        if let Some(level) = cell.level {
            cell.text(doc, &m.levels[level].name, name_style);
        }
    });
    doc.y += 10.0;

    for (title, axis) in [
        ("Likelihood levels", &m.likelihood),
        ("Impact levels", &m.impact),
    ] {
        doc.subheading(title);
        let mut t = doc.table(Table::new(
            left,
            width,
            &[
                ("#", 0.35, Align::Right),
                ("Label", 1.4, Align::Left),
                ("Range", 1.5, Align::Left),
                ("Description", 4.6, Align::Left),
            ],
            HEAD,
        ));
        for (i, a) in axis.iter().enumerate().rev() {
            t.row()
                .text(&(i + 1).to_string(), BODY)
                .text(&a.label, BODY.bold())
                .text(a.range.as_deref().unwrap_or("—"), BODY)
                .text(&a.description, BODY)
                .draw();
        }
        doc.y += 12.0;
    }
}
