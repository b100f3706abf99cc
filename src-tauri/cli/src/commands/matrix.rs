//! `prisk matrix`: the scoring matrices.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use partner_risk_core::matrix::ciso_assistant::MAX_CISO_YAML_BYTES;
use partner_risk_core::matrix::{AxisLevel, Matrix};
use partner_risk_core::{Error, Result};

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum MatrixCmd {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        matrix: String,
        #[arg(long)]
        json: bool,
    },
    /// Report where the grid breaks consistency (warnings, exit 0).
    Check { matrix: String },
    /// Copy a matrix under a new name, to edit it.
    Clone {
        matrix: String,
        #[arg(long)]
        name: String,
    },
    /// Import the risk matrices of a CISO Assistant risk-matrix library (YAML).
    Import { file: PathBuf },
}

pub fn run(ctx: &Context, cmd: MatrixCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        MatrixCmd::List { json } => print_matrices(&store.matrices()?, json),
        MatrixCmd::Show { matrix, json } => print_matrix(&store.find_matrix(&matrix)?, json),
        MatrixCmd::Check { matrix } => {
            let m = store.find_matrix(&matrix)?;
            let check = m.check();
            outln!(
                "{}: {}×{}, {} of {} levels reachable",
                m.name,
                m.likelihood.len(),
                m.impact.len(),
                check.distinct_levels,
                m.levels.len()
            );
            if check.warnings.is_empty() {
                outln!("no warnings");
            }
            for w in &check.warnings {
                outln!("warning: {w}");
            }
            Ok(())
        }
        MatrixCmd::Clone { matrix, name } => {
            let m = store.clone_matrix(&matrix, &name)?;
            outln!("created matrix {:?} ({})", m.name, m.id);
            Ok(())
        }
        MatrixCmd::Import { file } => {
            let text = read_library(&file)?;
            let imported = store
                .import_ciso_matrices(&text)
                .map_err(|e| e.within(&format!("{}: ", file.display())))?;
            for (k, m) in imported.matrices.iter().enumerate() {
                outln!(
                    "imported matrix {:?} ({}), {}×{}, levels {}",
                    m.name,
                    m.id,
                    m.likelihood.len(),
                    m.impact.len(),
                    level_names(m)
                );
                // What the import supplied or corrected, under the matrix it concerns.
                for note in imported.notes_for(k) {
                    outln!("note: {note}");
                }
            }
            Ok(())
        }
    }
}

/// Reads a library file, refusing one too big to be a library before reading it.
fn read_library(file: &Path) -> Result<String> {
    let io = |source| Error::Io {
        path: file.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(file).map_err(io)?.len();
    if len > MAX_CISO_YAML_BYTES as u64 {
        return Err(Error::invalid(
            file.display().to_string(),
            format!("{len} bytes"),
            format!("a CISO Assistant library is at most {MAX_CISO_YAML_BYTES} bytes (1 MiB)"),
        ));
    }
    std::fs::read_to_string(file).map_err(io)
}

fn level_names(m: &Matrix) -> String {
    m.levels
        .iter()
        .map(|l| l.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_matrices(list: &[Matrix], json: bool) -> Result<()> {
    if json {
        return print_json(&list);
    }
    table(
        &["NAME", "SIZE", "LEVELS", "PRESET", "ID"],
        list.iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    format!("{}×{}", m.likelihood.len(), m.impact.len()),
                    level_names(m),
                    m.preset.clone().unwrap_or_else(|| "-".into()),
                    m.id.clone(),
                ]
            })
            .collect(),
    );
    Ok(())
}

fn print_matrix(m: &Matrix, json: bool) -> Result<()> {
    if json {
        return print_json(m);
    }
    outln!(
        "{} ({}×{}){}",
        m.name,
        m.likelihood.len(),
        m.impact.len(),
        m.preset
            .as_ref()
            .map_or(String::new(), |p| format!(", preset {p}"))
    );
    if !m.description.is_empty() {
        outln!("{}", m.description);
    }
    let axis = |name: &str, levels: &[AxisLevel]| {
        outln!("{name}:");
        for (i, l) in levels.iter().enumerate() {
            outln!(
                "  {} {}{}: {}",
                i + 1,
                l.label,
                l.range
                    .as_ref()
                    .map_or(String::new(), |r| format!(" [{r}]")),
                l.description
            );
        }
    };
    axis("likelihood", &m.likelihood);
    axis("impact", &m.impact);
    outln!("levels:");
    for l in &m.levels {
        outln!(
            "  {} {} review every {} days, {}: {}",
            l.name,
            l.colour,
            l.review_days,
            if l.within_appetite {
                "within appetite"
            } else {
                "outside appetite"
            },
            l.description
        );
    }
    outln!("grid (likelihood down, impact across):");
    let width = m
        .levels
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(4);
    for (l, row) in m.grid.iter().enumerate().rev() {
        let cells: Vec<String> = row
            .iter()
            .map(|&c| format!("{:<width$}", m.levels[usize::from(c)].name))
            .collect();
        outln!("  L{} {}", l + 1, cells.join(" | "));
    }
    Ok(())
}
