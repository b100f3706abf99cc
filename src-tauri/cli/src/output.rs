//! What `prisk` prints, shared by the nouns: aligned tables for people, JSON for
//! scripts. What one noun prints lives beside that noun in `commands/`.

use partner_risk_core::Result;
use serde::Serialize;

pub fn print_json(value: &impl Serialize) -> Result<()> {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
    Ok(())
}

/// Prints rows as columns padded to their widest cell.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        outln!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        line(row);
    }
}
