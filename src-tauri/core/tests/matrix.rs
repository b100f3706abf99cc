//! Grid lookup, matrix validation, the consistency check, the rank mapping and the
//! import of CISO Assistant risk-matrix libraries.
//!
//! One test binary: the tests live in `matrix/`, one file per behaviour, and share the
//! axes, levels, matrices and CISO Assistant fixture of `matrix/support.rs`.

#[path = "matrix/support.rs"]
mod support;

#[path = "matrix/ciso_assistant.rs"]
mod ciso_assistant;
#[path = "matrix/ciso_colours.rs"]
mod ciso_colours;
#[path = "matrix/ciso_realdata.rs"]
mod ciso_realdata;
#[path = "matrix/ciso_refusals.rs"]
mod ciso_refusals;
#[path = "matrix/grid.rs"]
mod grid;
