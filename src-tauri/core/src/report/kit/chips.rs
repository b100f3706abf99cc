//! Chips: a level, a score, a status or a count on its colour, inside a table cell.

use crate::matrix::{Matrix, Score};
use crate::model::RequirementStatus;

use super::cell::Cell;
use super::style::{Colour, BODY, GREY, SMALL};
use super::util::humanise;

/// The colour of level `index` of the matrix; grey for an unknown level.
pub(crate) fn level_colour(matrix: &Matrix, index: usize) -> Colour {
    matrix
        .levels
        .get(index)
        .map_or(GREY, |l| Colour::hex(&l.colour))
}

/// The level of a score, when there is a score and the matrix has its cell.
pub(crate) fn score_level(matrix: &Matrix, score: Option<Score>) -> Option<usize> {
    score.and_then(|s| matrix.level_index(s))
}

/// Level `index`'s name on its colour.
pub(crate) fn level(cell: &mut Cell, matrix: &Matrix, index: usize) {
    let name = matrix.levels.get(index).map_or("?", |l| l.name.as_str());
    cell.chip(name, BODY.size, level_colour(matrix, index));
}

/// A score: its level on the level's colour, with `L4 × I3` below; the bare score when
/// the matrix has no such cell; a grey dash when there is no score.
pub(crate) fn score(cell: &mut Cell, matrix: &Matrix, score: Option<Score>) {
    match score {
        Some(s) => match matrix.level_index(s) {
            Some(l) => {
                level(cell, matrix, l);
                cell.line(format!("L{} × I{}", s.likelihood, s.impact), SMALL);
            }
            None => {
                cell.text(&s.to_string(), BODY);
            }
        },
        None => {
            cell.text("—", BODY.colour(GREY));
        }
    }
}

/// A cell of the matrix on one chip: `High (L4 × I3)`.
pub(crate) fn matrix_cell(cell: &mut Cell, matrix: &Matrix, s: Score) {
    let l = matrix.level_index(s).unwrap_or(0);
    let name = matrix.levels.get(l).map_or("?", |l| l.name.as_str());
    let text = format!("{name} (L{} × I{})", s.likelihood, s.impact);
    cell.chip(&text, BODY.size, level_colour(matrix, l));
}

/// A count on `colour`, or a grey dot for zero.
pub(crate) fn count(cell: &mut Cell, n: usize, colour: Colour) {
    if n == 0 {
        cell.text("·", BODY.colour(GREY));
    } else {
        cell.chip(&n.to_string(), BODY.size, colour);
    }
}

/// The colour of a requirement status, from red (not started) to green (verified).
pub(crate) fn status_colour(status: RequirementStatus) -> Colour {
    match status {
        RequirementStatus::Verified => Colour::rgb(0x2E, 0x7D, 0x32),
        RequirementStatus::InPlace => Colour::rgb(0x7C, 0xB3, 0x42),
        RequirementStatus::InProgress => Colour::rgb(0xFB, 0xC0, 0x2D),
        RequirementStatus::NotStarted => Colour::rgb(0xC6, 0x28, 0x28),
        RequirementStatus::NotApplicable => Colour::rgb(0xBD, 0xBD, 0xBD),
    }
}

/// A requirement status on its colour.
pub(crate) fn status(cell: &mut Cell, status: RequirementStatus) {
    cell.chip(&humanise(status.as_str()), BODY.size, status_colour(status));
}
