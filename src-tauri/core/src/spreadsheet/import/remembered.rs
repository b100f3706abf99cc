//! Mappings remembered per shape of file: after an import, the mapping used is kept in
//! the workspace's settings under the file's header, so that the next file with the same
//! columns (next quarter's register) is read the way the user chose, not guessed again.

use sha2::{Digest, Sha256};

use super::lexicon::fold;
use super::mapping::ImportMapping;
use crate::error::Result;
use crate::model::Category;
use crate::store::{Store, Writer};

/// The settings key of a header: its non-empty cells folded, in order.
fn key(headers: &[String]) -> String {
    let shape: Vec<String> = headers
        .iter()
        .map(|h| fold(h))
        .filter(|h| !h.is_empty())
        .collect();
    let digest = Sha256::digest(shape.join("\u{1f}").as_bytes());
    format!("import-mapping:{:x}", digest)[..15 + 32].to_string()
}

impl Store {
    /// The mapping last used for a file with these headers, if any. Categories it
    /// created then are the workspace's own now, and no longer new.
    pub(super) fn remembered_mapping(
        &self,
        headers: &[String],
        categories: &[Category],
    ) -> Result<Option<ImportMapping>> {
        let text = self.setting(&key(headers))?;
        // A mapping that no longer reads (an older shape of the type) is forgotten.
        let Some(mut mapping) = text.and_then(|t| serde_json::from_str::<ImportMapping>(&t).ok())
        else {
            return Ok(None);
        };
        mapping
            .new_categories
            .retain(|c| !categories.iter().any(|o| o.code == c.code));
        Ok(Some(mapping))
    }
}

impl Writer<'_> {
    pub(super) fn remember_mapping(
        &self,
        headers: &[String],
        mapping: &ImportMapping,
    ) -> Result<()> {
        let text = serde_json::to_string(mapping).expect("a mapping serialises");
        self.set_setting(&key(headers), &text)
    }
}
