//! `prisk import`: a partnership from a document made by `prisk export`.

use std::path::PathBuf;

use clap::Subcommand;
use partner_risk_core::interchange::parse_document;
use partner_risk_core::{Error, Result};

use crate::context::Context;

#[derive(Subcommand)]
pub enum ImportCmd {
    /// Import a partnership from a JSON document made by `export json`.
    Json { file: PathBuf },
}

pub fn run(ctx: &Context, cmd: ImportCmd) -> Result<()> {
    let mut store = ctx.store_or_create()?;
    match cmd {
        ImportCmd::Json { file } => {
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let doc =
                parse_document(&text).map_err(|e| e.within(&format!("{}: ", file.display())))?;
            let p = store.import_partnership(doc)?;
            outln!("imported {:?} ({})", p.fields.name, p.id);
            Ok(())
        }
    }
}
