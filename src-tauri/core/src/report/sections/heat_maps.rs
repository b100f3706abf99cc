//! Heat maps: the count of risks in each cell of the grid for each kind of score, and
//! how risks moved from their inherent to their residual score.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::matrix::Score;
use crate::model::ScoreKind;
use crate::report::kit::{
    chips, humanise, Align, Doc, Grid, Style, Table, ALERT, BODY, GOOD, GREY, HEAD,
};

use super::{ReportData, Ticker};

pub(super) fn draw(doc: &mut Doc, data: &ReportData, _: &mut Ticker) {
    let m = data.matrix;
    let (lmax, imax) = m.size();
    doc.heading("Heat maps", 16.0, 200.0);
    let kinds: Vec<ScoreKind> = ScoreKind::ALL
        .into_iter()
        .filter(|&k| {
            k != ScoreKind::Target || data.entries.iter().any(|e| e.risk.fields.target.is_some())
        })
        .collect();
    let grid = Grid::fit(doc, m, 62.0);
    let count_style = Style::new(11.0).bold();
    for kind in kinds {
        let mut counts = vec![vec![0usize; imax]; lmax];
        let mut unscored = 0;
        for e in data.entries {
            match e.risk.fields.score(kind) {
                Some(s) if m.level_index(s).is_some() => {
                    counts[usize::from(s.likelihood) - 1][usize::from(s.impact) - 1] += 1
                }
                _ => unscored += 1,
            }
        }
        doc.ensure(grid.height(doc) + 24.0);
        let scored = data.entries.len() - unscored;
        let title = format!(
            "{} risk — {scored} scored{}",
            humanise(kind.as_str()),
            if unscored > 0 {
                format!(", {unscored} not scored")
            } else {
                String::new()
            }
        );
        doc.subheading(&title);
        grid.draw(doc, &mut |doc, cell| {
            let n = counts[cell.likelihood - 1][cell.impact - 1];
            if n > 0 {
                cell.text(doc, &n.to_string(), count_style);
            }
        });
        doc.y += 10.0;
    }
    movement(doc, data);
}

/// Inherent to residual: a sentence, a level-to-level table and the largest moves.
fn movement(doc: &mut Doc, data: &ReportData) {
    let m = data.matrix;
    let (left, width) = (doc.left(), doc.content_width());
    let n = m.levels.len();
    let mut by_level = vec![vec![0usize; n]; n];
    let mut cells: HashMap<(Score, Score), usize> = HashMap::new();
    let (mut down, mut same_level_better, mut same, mut up) = (0, 0, 0, 0);
    for e in data.entries {
        let f = &e.risk.fields;
        let (Some(from), Some(to)) = (f.inherent, f.residual) else {
            continue;
        };
        let (Some(a), Some(b)) = (m.level_index(from), m.level_index(to)) else {
            continue;
        };
        by_level[a][b] += 1;
        *cells.entry((from, to)).or_default() += 1;
        match b.cmp(&a) {
            Ordering::Less => down += 1,
            Ordering::Greater => up += 1,
            Ordering::Equal if from != to => same_level_better += 1,
            Ordering::Equal => same += 1,
        }
    }
    let both = down + same_level_better + same + up;
    doc.ensure(200.0);
    doc.y += 6.0;
    doc.heading("Movement from inherent to residual", 11.0, 120.0);
    let text = format!(
        "Of {both} risks scored both ways, {down} moved to a lower level with today's controls, \
         {same_level_better} moved to another cell of the same level, {same} did not move and \
         {up} moved to a higher level."
    );
    doc.paragraph(&text, BODY, left, width);
    doc.y += 6.0;
    if both == 0 {
        return;
    }
    // Level-to-level table: rows inherent, columns residual.
    let mut spec: Vec<(&str, f32, Align)> = vec![("Inherent \\ residual", 2.0, Align::Left)];
    for level in m.levels.iter().rev() {
        spec.push((level.name.as_str(), 1.0, Align::Right));
    }
    let table_width = width.min(110.0 + 62.0 * n as f32);
    let mut t = doc.table(Table::new(left, table_width, &spec, HEAD));
    for a in (0..n).rev() {
        let mut row = t.row().cell(|c| chips::level(c, m, a));
        for b in (0..n).rev() {
            let count = by_level[a][b];
            let style = match b.cmp(&a) {
                _ if count == 0 => BODY.colour(GREY),
                Ordering::Less => BODY.bold().colour(GOOD),
                Ordering::Greater => BODY.bold().colour(ALERT),
                Ordering::Equal => BODY,
            };
            let text = if count == 0 {
                "·".to_owned()
            } else {
                count.to_string()
            };
            row = row.text(&text, style);
        }
        row.draw();
    }
    doc.y += 12.0;

    // The largest cell-to-cell moves; ties by the higher cells, so the order is stable.
    let mut moves: Vec<((Score, Score), usize)> =
        cells.into_iter().filter(|((a, b), _)| a != b).collect();
    let key = |((from, to), count): &((Score, Score), usize)| {
        let cells = (from.likelihood, from.impact, to.likelihood, to.impact);
        (*count, cells)
    };
    moves.sort_by_key(|m| std::cmp::Reverse(key(m)));
    if moves.is_empty() {
        return;
    }
    doc.heading("Largest moves between cells", 11.0, 60.0);
    let mut t = doc.table(Table::new(
        left,
        width.min(420.0),
        &[
            ("From (inherent)", 2.0, Align::Left),
            ("To (residual)", 2.0, Align::Left),
            ("Risks", 0.8, Align::Right),
        ],
        HEAD,
    ));
    for ((from, to), count) in moves.into_iter().take(12) {
        t.row()
            .cell(|c| chips::matrix_cell(c, m, from))
            .cell(|c| chips::matrix_cell(c, m, to))
            .text(&count.to_string(), BODY.bold())
            .draw();
    }
}
