//! Creates the demo partnership scored on a matrix of any shape, for looking at and
//! timing reports on matrices that are not presets (e.g. 7 likelihood × 4 impact).
//!
//! cargo run -p partner-risk-core --example demo_matrix -- WORKSPACE LxI [EXTRA_RISKS]
//!
//! A preset key (3x3, 4x4, 5x5, 6x6) is used as it is; any other LxI is cloned from the
//! 5×5 preset through the core and edited to that shape. Prints the partnership's name.

use chrono::Local;
use partner_risk_core::matrix::{AxisLevel, Matrix};
use partner_risk_core::{Error, OpenMode, Result, Store};

fn main() {
    if let Err(e) = run() {
        eprintln!("demo_matrix: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, shape, rest @ ..] = args.as_slice() else {
        return Err(Error::invalid(
            "args",
            args.join(" "),
            "usage: WORKSPACE LxI [EXTRA_RISKS]",
        ));
    };
    let extra: usize = match rest.first() {
        Some(n) => n
            .parse()
            .map_err(|_| Error::invalid("EXTRA_RISKS", n, "expected a number"))?,
        None => 0,
    };
    let (l, i) = shape
        .split_once('x')
        .and_then(|(l, i)| Some((l.parse::<usize>().ok()?, i.parse::<usize>().ok()?)))
        .ok_or_else(|| Error::invalid("shape", shape, "expected LxI such as 7x4"))?;
    let mut store = Store::open(db, OpenMode::CreateIfMissing)?;
    let today = Local::now().date_naive();
    let matrix = match store.find_matrix(shape) {
        Ok(m) => m,
        Err(_) => reshape(&mut store, l, i)?,
    };
    let p = store.create_demo(extra, today)?;
    if matrix.preset.as_deref() != Some("5x5") {
        let plan = store.plan_matrix_change(&p.id, &matrix.id)?;
        store.apply_matrix_change(&plan)?;
    }
    println!("{}", p.fields.name);
    Ok(())
}

/// Clones the 5×5 preset and gives it `l` likelihood and `i` impact levels; each cell
/// takes the level of the 5×5 cell at the same relative position.
fn reshape(store: &mut Store, l: usize, i: usize) -> Result<Matrix> {
    let name = format!("Custom {l}×{i}");
    if let Ok(m) = store.find_matrix(&name) {
        return Ok(m);
    }
    // A fresh clone is in use by nobody, so its axes may still change size.
    let base = store.clone_matrix("5x5", &name)?;
    let likelihood = [
        "Very rare",
        "Rare",
        "Unlikely",
        "Possible",
        "Likely",
        "Very likely",
        "Almost certain",
    ];
    let impact = [
        "Negligible",
        "Minor",
        "Moderate",
        "Significant",
        "Major",
        "Severe",
        "Catastrophic",
    ];
    let pick = |labels: &[&str], n: usize| -> Vec<AxisLevel> {
        (0..n)
            .map(|k| {
                let label = labels[(k * (labels.len() - 1)) / (n - 1).max(1)];
                AxisLevel {
                    label: label.to_string(),
                    description: format!("Step {} of {n}: {}.", k + 1, label.to_lowercase()),
                    range: None,
                }
            })
            .collect()
    };
    let scale = |k: usize, n: usize| (k * 4 + (n - 1) / 2) / (n - 1).max(1);
    let grid = (0..l)
        .map(|a| {
            (0..i)
                .map(|b| base.grid[scale(a, l)][scale(b, i)])
                .collect()
        })
        .collect();
    let shaped = Matrix {
        description: format!("The 5×5 levels spread over {l} likelihood and {i} impact steps."),
        likelihood: pick(&likelihood, l),
        impact: pick(&impact, i),
        grid,
        ..base
    };
    store.update_matrix(shaped)
}
