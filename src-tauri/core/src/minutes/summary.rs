//! A table of every agenda item: rounds, the last verdict, the agreed score and how it
//! was reached.

use crate::report::kit::{
    chips, humanise, Align, Doc, Grid, Style, Table, BODY, GREY, HEAD, MUTED,
};

use super::MinutesData;

pub(super) fn draw(doc: &mut Doc, data: &MinutesData) {
    let d = data.detail;
    let m = &d.matrix;
    doc.heading("Summary of decisions", 16.0, 80.0);
    let decided = d.items.iter().filter(|i| i.decision.is_some()).count();
    let deferred = d
        .items
        .iter()
        .filter(|i| {
            i.decision
                .as_ref()
                .is_some_and(|x| x.fields.score.is_none())
        })
        .count();
    let (left, width) = (doc.left(), doc.content_width());
    doc.paragraph(
        &format!(
            "{} risks on the agenda; {} decided ({} deferred), {} not reached.",
            d.items.len(),
            decided - deferred,
            deferred,
            d.items.len() - decided
        ),
        BODY.colour(MUTED),
        left,
        width,
    );
    doc.y += 6.0;
    let mut t = doc.table(Table::new(
        left,
        width,
        &[
            ("#", 0.35, Align::Right),
            ("Risk", 0.8, Align::Left),
            ("Title", 3.2, Align::Left),
            ("Rounds", 0.75, Align::Right),
            ("Last verdict", 1.1, Align::Left),
            ("Agreed", 1.5, Align::Left),
            ("How", 1.2, Align::Left),
        ],
        HEAD,
    ));
    for i in &d.items {
        let verdict = i
            .rounds
            .iter()
            .rev()
            .find_map(|r| r.spread.as_ref())
            .map_or("—", |s| s.verdict.label());
        let rounds = i.rounds.iter().filter(|r| r.revealed).count();
        let row = t
            .row()
            .text(&i.item.position.to_string(), BODY)
            .text(&i.item.reference, BODY.bold())
            .text(&i.item.title, BODY)
            .text(&rounds.to_string(), BODY)
            .text(verdict, BODY);
        let row = match &i.decision {
            Some(dec) => match dec.fields.score {
                Some(s) => row.cell(|c| chips::matrix_cell(c, m, s)),
                None => row.text("Deferred", BODY.colour(MUTED)),
            },
            None => row.text("Not decided", BODY.colour(GREY)),
        };
        let how = i
            .decision
            .as_ref()
            .map_or("—".to_owned(), |dec| humanise(dec.fields.how.as_str()));
        row.text(&how, BODY).draw();
    }
    drop(t);
    doc.y += 16.0;

    let grid = Grid::fit(doc, m, 48.0);
    doc.ensure(grid.height(doc) + 24.0);
    doc.subheading("The matrix the room scored on");
    let name_style = Style::new(6.5).bold();
    grid.draw(doc, &mut |doc, cell| {
        if let Some(level) = cell.level {
            cell.text(doc, &m.levels[level].name, name_style);
        }
    });
}
