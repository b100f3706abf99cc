//! What a partnership is sent as: its records, who sends it, from which workspace, and
//! the bases the receiver may share with us.

use std::collections::HashSet;

use super::bases::{kept_bases, workspace_id, WORKSPACE_ID};
use super::{file, partner, snapshot, ExportOptions, Payload, Sender};
use crate::error::{Error, Result};
use crate::store::Store;

/// The payload and the bytes of an exchange file, without writing anything (see
/// [`keep_sent`]).
pub fn exchange_bytes(
    store: &mut Store,
    partnership: &str,
    options: &ExportOptions,
) -> Result<(Payload, Vec<u8>)> {
    let p = store.find_partnership(partnership)?;
    let chosen = !options.risks.is_empty() || !options.fields.is_empty();
    if chosen && !options.for_partner {
        return Err(Error::invalid(
            "risks",
            options.risks.join(","),
            "choosing risks or fields is for a share with the partner (--for-partner)",
        ));
    }
    let mut records = snapshot::read(store.connection(), &p.id)?;
    let mut share = store
        .setting(&partner::share_key(&p.id))?
        .and_then(|s| serde_json::from_str(&s).ok());
    if options.for_partner {
        let chosen = partner::filter(&mut records, &options.risks, &options.fields)?;
        share = Some(chosen);
    }
    let workspace_id = match workspace_id(store)? {
        Some(id) => id,
        None => {
            let id = crate::ids::new_id();
            store.write(|w| w.set_setting(WORKSPACE_ID, &id))?;
            id
        }
    };
    let used: HashSet<String> = records
        .rows("risks")
        .into_iter()
        .flat_map(|rows| rows.values())
        .filter_map(|r| r.get("category").and_then(|c| c.as_str()).map(String::from))
        .collect();
    let categories = store
        .categories()?
        .into_iter()
        .filter(|c| used.contains(&c.code))
        .collect();
    let payload = Payload {
        partnership_id: p.id.clone(),
        partnership_name: p.fields.name.clone(),
        sender: Sender {
            name: store.actor().to_string(),
            workspace_id,
            workspace: store
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        },
        sent_at: crate::ids::now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: store.schema_version()?,
        digest: records.digest(),
        bases: kept_bases(store, &p.id)?
            .into_iter()
            .map(|(d, _)| d)
            .collect(),
        share,
        matrix: store.matrix(&p.matrix_id)?,
        categories,
        records,
    };
    let bytes = file::encode(&payload)?;
    Ok((payload, bytes))
}
