//! The minutes of a workshop as a PDF, drawn with the report's kit: a cover with who
//! took part and the declared method and rule, a summary of every item, one part per
//! item with each round's votes on a small copy of the matrix, the decision with its
//! rationale and dissent, and the sign-off with the ballot digest. Names appear only
//! where the workshop's anonymity mode allows (the store's views decide that).

mod cover;
mod items;
mod signoff;
mod summary;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::model::Action;
use crate::report::kit::{Doc, Fonts};
use crate::report::{output, Paper};
use crate::store::Store;
use crate::workshop::WorkshopDetail;

/// What a written minutes file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MinutesExport {
    pub path: PathBuf,
    pub pages: usize,
    pub items: usize,
    pub bytes: u64,
}

/// A part's entry: draws it from the top of its first page.
type Draw = fn(&mut Doc, &MinutesData);

/// Everything the parts of the minutes draw from.
pub(crate) struct MinutesData<'a> {
    pub detail: &'a WorkshopDetail,
    /// Per item (same order as `detail.items`), the actions of its risk created while
    /// the workshop ran: the actions agreed in the room.
    pub actions: Vec<Vec<Action>>,
    pub partner: String,
}

/// The minutes of a workshop as PDF bytes. A workshop still running prints as a
/// draft (no digest yet).
pub fn export_minutes(
    store: &Store,
    workshop_id: &str,
    today: NaiveDate,
) -> Result<(Vec<u8>, usize)> {
    let (bytes, pages, _) = render_minutes(store, workshop_id, today)?;
    Ok((bytes, pages))
}

/// The PDF bytes, their page count and the number of agenda items.
fn render_minutes(
    store: &Store,
    workshop_id: &str,
    today: NaiveDate,
) -> Result<(Vec<u8>, usize, usize)> {
    let detail = store.workshop_detail(workshop_id)?;
    let partnership = store.partnership(&detail.workshop.partnership_id)?;
    let w = &detail.workshop;
    let start = w.started_at;
    let end = w.closed_at;
    let actions = detail
        .items
        .iter()
        .map(|i| -> Result<Vec<Action>> {
            let Some(risk) = &i.risk else {
                return Ok(Vec::new());
            };
            Ok(store
                .actions(&risk.id)?
                .into_iter()
                .filter(|a| {
                    start.is_some_and(|s| a.created_at >= s)
                        && end.is_none_or(|e| a.created_at <= e)
                })
                .collect())
        })
        .collect::<Result<_>>()?;
    let data = MinutesData {
        detail: &detail,
        actions,
        partner: partnership.fields.partner.clone(),
    };
    let fonts = Fonts::load()?;
    let mut doc = Doc::new(&fonts, Paper::A4);
    let mut marks = Vec::new();
    let parts: [(&str, Draw); 4] = [
        ("Cover", cover::draw),
        ("Summary", summary::draw),
        ("Items", items::draw),
        ("Sign-off", signoff::draw),
    ];
    for (title, draw) in parts {
        doc.new_page(false);
        marks.push((title.to_owned(), doc.page_count()));
        draw(&mut doc, &data);
    }
    let pages = doc.page_count();
    let header = format!(
        "{} — Workshop minutes: {}",
        detail.partnership_name, w.fields.title
    );
    let status = if w.status == crate::workshop::WorkshopStatus::Closed {
        ""
    } else {
        "DRAFT"
    };
    let footer = format!("Printed {} · Partner Risk", today.format("%Y-%m-%d"));
    let pdf_pages = doc.finish(&header, status, &footer);
    let meta = output::Meta {
        title: &header,
        author: w.fields.facilitator.trim(),
        subject: &format!("Minutes of the workshop {}", w.fields.title),
    };
    let bytes = output::save(&fonts, pdf_pages, &meta, &marks)?;
    Ok((bytes, pages, detail.items.len()))
}

/// Writes the minutes to `path` whole or not at all.
pub fn export_minutes_to_file(
    store: &Store,
    workshop_id: &str,
    today: NaiveDate,
    path: &Path,
) -> Result<MinutesExport> {
    output::check_target(path)?;
    let (bytes, pages, items) = render_minutes(store, workshop_id, today)?;
    output::write_atomically(path, &bytes)?;
    Ok(MinutesExport {
        path: path.to_path_buf(),
        pages,
        items,
        bytes: bytes.len() as u64,
    })
}
