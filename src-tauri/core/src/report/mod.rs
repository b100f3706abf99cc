//! PDF reports: a partnership's risk register and mitigation plan, drawn with printpdf's
//! low-level operations (no HTML, no browser) and an embedded, subset Unicode font.
//!
//! The desktop app and the CLI call [`Store::export_pdf`] or
//! [`Store::export_pdf_to_file`] with [`PdfOptions`]; progress is reported through a
//! callback so that a large register can show a progress bar.

mod fonts;
mod layout;
mod sections;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use printpdf::{PdfDocument, PdfSaveOptions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use fonts::FONT_DIR_ENV;

use crate::error::{Error, Result};
use crate::matrix::Matrix;
use crate::model::{limit_text, Action, Partnership, Requirement};
use crate::register::RegisterEntry;
use crate::store::{RiskFilter, Store};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub fn parse(text: &str, field: &str) -> Result<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(Error::invalid(field, text, "expected a4 or letter")),
        }
    }

    /// Portrait width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// The parts of a report, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Cover,
    Summary,
    HeatMaps,
    Register,
    Plan,
    Requirements,
    Appendix,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Cover,
        Section::Summary,
        Section::HeatMaps,
        Section::Register,
        Section::Plan,
        Section::Requirements,
        Section::Appendix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Cover => "cover",
            Section::Summary => "summary",
            Section::HeatMaps => "heat_maps",
            Section::Register => "register",
            Section::Plan => "plan",
            Section::Requirements => "requirements",
            Section::Appendix => "appendix",
        }
    }

    /// Parses a section name (`heat-maps` and `heatmaps` are accepted too).
    pub fn parse(text: &str, field: &str) -> Result<Section> {
        let key = text.trim().to_ascii_lowercase().replace('-', "_");
        let key = if key == "heatmaps" { "heat_maps" } else { &key };
        Section::ALL
            .into_iter()
            .find(|s| s.as_str() == key)
            .ok_or_else(|| {
                let names: Vec<&str> = Section::ALL.iter().map(|s| s.as_str()).collect();
                Error::invalid(field, text, format!("expected one of {}", names.join(", ")))
            })
    }
}

/// How the mitigation plan is grouped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanGrouping {
    #[default]
    Owner,
    DueMonth,
}

impl PlanGrouping {
    pub fn parse(text: &str, field: &str) -> Result<PlanGrouping> {
        match text.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "owner" => Ok(PlanGrouping::Owner),
            "due_month" | "month" => Ok(PlanGrouping::DueMonth),
            _ => Err(Error::invalid(field, text, "expected owner or due_month")),
        }
    }
}

/// What a PDF export contains. Every field has a default, so `{}` is a full report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PdfOptions {
    pub paper: Paper,
    /// Sections to include; they are printed in their fixed order whatever the order here.
    pub sections: Vec<Section>,
    /// Which risks the report covers (and so which actions the plan lists).
    pub filter: RiskFilter,
    /// A mitigation plan on its own: the cover (when selected) and the plan.
    pub plan_only: bool,
    pub plan_grouping: PlanGrouping,
    /// Shown on the cover and in the footer.
    pub prepared_by: String,
    /// A label such as "Confidential", printed on the cover and on every page.
    pub confidentiality: String,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            paper: Paper::A4,
            sections: Section::ALL.to_vec(),
            filter: RiskFilter::default(),
            plan_only: false,
            plan_grouping: PlanGrouping::Owner,
            prepared_by: String::new(),
            confidentiality: "Confidential".into(),
        }
    }
}

impl PdfOptions {
    /// Checks what needs no workspace; the filter is checked against the partnership's
    /// matrix and the categories when exporting.
    pub fn validate(&self) -> Result<()> {
        if self.sections.is_empty() {
            return Err(Error::invalid(
                "sections",
                "",
                "choose at least one section",
            ));
        }
        for (i, s) in self.sections.iter().enumerate() {
            if self.sections[..i].contains(s) {
                return Err(Error::invalid("sections", s.as_str(), "listed twice"));
            }
        }
        limit_text("prepared_by", &self.prepared_by, 200)?;
        limit_text("confidentiality", &self.confidentiality, 100)?;
        if self.confidentiality.contains('\n') || self.prepared_by.contains('\n') {
            let field = if self.prepared_by.contains('\n') {
                "prepared_by"
            } else {
                "confidentiality"
            };
            return Err(Error::invalid(field, "…", "must be a single line"));
        }
        Ok(())
    }

    /// The sections printed, in order.
    pub fn effective_sections(&self) -> Vec<Section> {
        let mut sections: Vec<Section> = if self.plan_only {
            let mut s = vec![Section::Plan];
            if self.sections.contains(&Section::Cover) {
                s.push(Section::Cover);
            }
            s
        } else {
            self.sections.clone()
        };
        sections.sort();
        sections.dedup();
        sections
    }

    fn check_filter(&self, matrix: &Matrix, categories: &[String]) -> Result<()> {
        let f = &self.filter;
        if let Some(min) = f.min_level {
            if min >= matrix.levels.len() {
                return Err(Error::invalid(
                    "min_level",
                    min,
                    format!(
                        "matrix {} has levels 0 to {}",
                        matrix.name,
                        matrix.levels.len() - 1
                    ),
                ));
            }
        }
        if let Some(cell) = f.cell {
            matrix.check_score(cell, "cell")?;
        }
        for c in &f.categories {
            if !categories.contains(c) {
                return Err(Error::invalid(
                    "categories",
                    c,
                    format!("no such category; known: {}", categories.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

/// Where an export is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportStage {
    /// Reading the register from the workspace.
    Reading,
    /// Laying out pages; `done` of `total` rows (risks and actions) are placed.
    Layout,
    /// Compressing, subsetting fonts and writing the file.
    Writing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProgress {
    pub stage: ReportStage,
    pub done: usize,
    pub total: usize,
}

/// What [`Store::export_pdf_to_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PdfExport {
    pub path: PathBuf,
    pub pages: usize,
    pub risks: usize,
    pub actions: usize,
    pub bytes: u64,
}

/// Everything the sections draw from.
pub(crate) struct ReportData<'a> {
    pub partnership: &'a Partnership,
    pub matrix: &'a Matrix,
    pub entries: &'a [RegisterEntry],
    /// Actions of the risks in the report, by due date.
    pub actions: Vec<&'a Action>,
    pub requirements: &'a [Requirement],
    pub category_names: HashMap<String, String>,
    /// Reference of every risk of the partnership by id.
    pub references: HashMap<String, String>,
    pub options: &'a PdfOptions,
    pub today: NaiveDate,
    /// A description of the filter, empty when the report covers every risk.
    pub scope: String,
}

struct Rendered {
    bytes: Vec<u8>,
    pages: usize,
    risks: usize,
    actions: usize,
}

impl Store {
    /// The partnership's report as PDF bytes. `today` is the export date and decides
    /// which actions are overdue.
    pub fn export_pdf(
        &self,
        partnership_id: &str,
        options: &PdfOptions,
        today: NaiveDate,
        progress: &mut dyn FnMut(ReportProgress),
    ) -> Result<Vec<u8>> {
        Ok(self
            .render_pdf(partnership_id, options, today, progress)?
            .bytes)
    }

    /// Writes the report to `path` atomically: a temporary file in the same folder is
    /// renamed over the target, so a failed export leaves nothing half-written.
    pub fn export_pdf_to_file(
        &self,
        partnership_id: &str,
        options: &PdfOptions,
        today: NaiveDate,
        path: &Path,
        progress: &mut dyn FnMut(ReportProgress),
    ) -> Result<PdfExport> {
        check_target(path)?;
        let r = self.render_pdf(partnership_id, options, today, progress)?;
        write_atomically(path, &r.bytes)?;
        Ok(PdfExport {
            path: path.to_path_buf(),
            pages: r.pages,
            risks: r.risks,
            actions: r.actions,
            bytes: r.bytes.len() as u64,
        })
    }

    fn render_pdf(
        &self,
        partnership_id: &str,
        options: &PdfOptions,
        today: NaiveDate,
        progress: &mut dyn FnMut(ReportProgress),
    ) -> Result<Rendered> {
        options.validate()?;
        progress(ReportProgress {
            stage: ReportStage::Reading,
            done: 0,
            total: 1,
        });
        let partnership = self.partnership(partnership_id)?;
        let matrix = self.matrix(&partnership.matrix_id)?;
        let categories = self.categories()?;
        let codes: Vec<String> = categories.iter().map(|c| c.code.clone()).collect();
        options.check_filter(&matrix, &codes)?;
        let fonts = fonts::Fonts::load()?;

        let sections = options.effective_sections();
        let needs = |s: &[Section]| s.iter().any(|x| sections.contains(x));
        let register = self.register(&partnership.id, &options.filter, today)?;
        let in_report: HashMap<&str, &RegisterEntry> = register
            .entries
            .iter()
            .map(|e| (e.risk.id.as_str(), e))
            .collect();
        let all_actions = if needs(&[Section::Summary, Section::Register, Section::Plan]) {
            self.partnership_actions(&partnership.id)?
        } else {
            Vec::new()
        };
        let actions: Vec<&Action> = all_actions
            .iter()
            .filter(|a| in_report.contains_key(a.risk_id.as_str()))
            .collect();
        let requirements = if needs(&[Section::Summary, Section::Requirements]) {
            self.requirements(&partnership.id)?
        } else {
            Vec::new()
        };
        let filtered = options.filter != RiskFilter::default();
        let mut references: HashMap<String, String> = register
            .entries
            .iter()
            .map(|e| (e.risk.id.clone(), e.risk.reference.clone()))
            .collect();
        let linked_outside = requirements
            .iter()
            .flat_map(|r| &r.risk_ids)
            .any(|id| !references.contains_key(id));
        if filtered && linked_outside {
            // Requirements list every risk they mitigate, also those filtered out.
            references = self
                .risks(&partnership.id)?
                .into_iter()
                .map(|r| (r.id, r.reference))
                .collect();
        }
        let data = ReportData {
            partnership: &partnership,
            matrix: &matrix,
            entries: &register.entries,
            actions,
            requirements: &requirements,
            category_names: categories
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .collect(),
            references,
            options,
            today,
            scope: describe_filter(&options.filter, &matrix, &categories),
        };
        progress(ReportProgress {
            stage: ReportStage::Reading,
            done: 1,
            total: 1,
        });

        let mut doc = layout::Doc::new(&fonts, options.paper);
        let bookmarks = sections::draw(&mut doc, &data, &sections, progress);
        let pages = doc.page_count();
        let title = if options.plan_only {
            "Mitigation plan"
        } else {
            "Risk register"
        };
        let header_left = format!("{} — {title}", partnership.fields.name);
        let mut footer = format!("Exported {}", today.format("%Y-%m-%d"));
        if !options.prepared_by.trim().is_empty() {
            footer.push_str(&format!(" · prepared by {}", options.prepared_by.trim()));
        }
        footer.push_str(" · Partner Risk");
        let pdf_pages = doc.finish(&header_left, options.confidentiality.trim(), &footer);

        progress(ReportProgress {
            stage: ReportStage::Writing,
            done: 0,
            total: 1,
        });
        let mut pdf = PdfDocument::new(&header_left);
        pdf.metadata.info.author = options.prepared_by.trim().to_owned();
        pdf.metadata.info.creator = "Partner Risk".into();
        pdf.metadata.info.producer = "Partner Risk (printpdf)".into();
        pdf.metadata.info.subject = format!("{title} of {}", partnership.fields.name);
        if let Ok(now) =
            printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp())
        {
            pdf.metadata.info.creation_date = now;
            pdf.metadata.info.modification_date = now;
            pdf.metadata.info.metadata_date = now;
        }
        fonts.embed(&mut pdf);
        pdf.with_pages(pdf_pages);
        let bytes = write_pdf(pdf, &bookmarks)?;
        progress(ReportProgress {
            stage: ReportStage::Writing,
            done: 1,
            total: 1,
        });
        Ok(Rendered {
            bytes,
            pages,
            risks: data.entries.len(),
            actions: data.actions.len(),
        })
    }
}

/// Serialises the document. printpdf turns pages into PDF objects (subsetting the
/// fonts and encoding every glyph), which is most of the time a large report takes:
/// a large document is cut into one part per core, each part serialised on its own
/// thread with its own font subsets, and the parts are joined into one document.
/// The streams are then deflated, in parallel too, at a faster level than lopdf's.
fn write_pdf(mut pdf: PdfDocument, bookmarks: &[(String, usize)]) -> Result<Vec<u8>> {
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    // Small documents are not worth a second thread.
    let parts = threads.min(pdf.pages.len() / 40).max(1);
    let pages = std::mem::take(&mut pdf.pages);
    let per_part = pages.len().div_ceil(parts).max(1);
    let mut chunks: Vec<Vec<printpdf::PdfPage>> = Vec::with_capacity(parts);
    let mut rest = pages.into_iter();
    for _ in 0..parts {
        chunks.push(rest.by_ref().take(per_part).collect());
    }
    let docs: Vec<lopdf::Document> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .enumerate()
            .map(|(k, chunk)| {
                let mut part = PdfDocument {
                    metadata: pdf.metadata.clone(),
                    resources: pdf.resources.clone(),
                    bookmarks: Default::default(),
                    pages: chunk,
                };
                let save = &save;
                scope.spawn(move || {
                    if k > 0 {
                        rename_fonts(&mut part, k);
                    }
                    printpdf::to_lopdf_doc(&part, save, &mut Vec::new())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| "a serialising thread failed".to_owned())
            })
            .collect::<std::result::Result<_, _>>()
    })
    .map_err(|e| Error::Io {
        path: PathBuf::from("report.pdf"),
        source: std::io::Error::other(e),
    })?;
    drop(pdf);
    let mut doc = join(docs).map_err(|e| Error::Io {
        path: PathBuf::from("report.pdf"),
        source: std::io::Error::other(e.to_string()),
    })?;
    add_outline(&mut doc, bookmarks);
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || part.iter_mut().for_each(|s| deflate(s)));
        }
    });
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(|e| Error::Io {
        path: PathBuf::from("report.pdf"),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(bytes)
}

/// Gives part `k`'s fonts their own names (and so their own subset tags): two
/// different subsets of a font must not share a name in one document.
fn rename_fonts(part: &mut PdfDocument, k: usize) {
    let rename = |id: &printpdf::FontId| {
        let mut name: Vec<char> = id.0.chars().collect();
        if let Some(c) = name.get_mut(4) {
            // The ids use A to J there; K and after are free.
            *c = char::from(b'K' + (k as u8).min(15));
        }
        printpdf::FontId(name.into_iter().collect())
    };
    let fonts = std::mem::take(&mut part.resources.fonts.map);
    part.resources.fonts.map = fonts.into_iter().map(|(id, f)| (rename(&id), f)).collect();
    for page in &mut part.pages {
        for op in &mut page.ops {
            if let printpdf::Op::SetFont {
                font: printpdf::PdfFontHandle::External(id),
                ..
            } = op
            {
                *id = rename(id);
            }
        }
    }
}

/// Appends the pages of the other documents to the first one.
fn join(mut docs: Vec<lopdf::Document>) -> lopdf::Result<lopdf::Document> {
    use lopdf::Object;
    let mut base = docs.remove(0);
    let pages_id = base.catalog()?.get(b"Pages")?.as_reference()?;
    let mut kids: Vec<Object> = base
        .get_pages()
        .values()
        .map(|&id| Object::Reference(id))
        .collect();
    for mut other in docs {
        other.renumber_objects_with(base.max_id + 1);
        base.max_id = other.max_id;
        let root = other.trailer.get(b"Root")?.as_reference()?;
        let other_pages = other.catalog()?.get(b"Pages")?.as_reference()?;
        let info = other
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .ok();
        let page_ids: Vec<lopdf::ObjectId> = other.get_pages().values().copied().collect();
        for id in &page_ids {
            other
                .get_dictionary_mut(*id)?
                .set("Parent", Object::Reference(pages_id));
        }
        for (id, object) in std::mem::take(&mut other.objects) {
            if id != root && id != other_pages && Some(id) != info {
                base.objects.insert(id, object);
            }
        }
        kids.extend(page_ids.into_iter().map(Object::Reference));
    }
    let pages = base.get_dictionary_mut(pages_id)?;
    pages.set("Count", Object::Integer(kids.len() as i64));
    pages.set("Kids", Object::Array(kids));
    Ok(base)
}

/// One outline entry (bookmark) per section, pointing at its first page.
fn add_outline(doc: &mut lopdf::Document, marks: &[(String, usize)]) {
    use lopdf::{Dictionary, Object, StringFormat};
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let marks: Vec<(&String, lopdf::ObjectId)> = marks
        .iter()
        .filter_map(|(name, page)| Some((name, *pages.get(page.checked_sub(1)?)?)))
        .collect();
    if marks.is_empty() {
        return;
    }
    let outline = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
    for (i, ((name, page), id)) in marks.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::new();
        // UTF-16BE with a byte order mark: any title is representable.
        let title: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(name.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        item.set("Title", Object::String(title, StringFormat::Hexadecimal));
        item.set("Parent", Object::Reference(outline));
        let dest = vec![
            Object::Reference(*page),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Null,
            Object::Null,
        ];
        item.set("Dest", Object::Array(dest));
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(*id, Object::Dictionary(item));
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    root.set("First", Object::Reference(ids[0]));
    root.set("Last", Object::Reference(ids[ids.len() - 1]));
    root.set("Count", Object::Integer(ids.len() as i64));
    doc.objects.insert(outline, Object::Dictionary(root));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

fn deflate(stream: &mut lopdf::Stream) {
    use flate2::write::ZlibEncoder;
    let mut encoder = ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 4),
        flate2::Compression::new(1),
    );
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    if let Ok(packed) = encoder.finish() {
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// "Categories: Technical, Exit · minimum level High · statuses: open", or "".
fn describe_filter(
    filter: &RiskFilter,
    matrix: &Matrix,
    categories: &[crate::model::Category],
) -> String {
    let mut parts = Vec::new();
    if !filter.categories.is_empty() {
        let names: Vec<&str> = filter
            .categories
            .iter()
            .map(|code| {
                categories
                    .iter()
                    .find(|c| &c.code == code)
                    .map_or(code.as_str(), |c| c.name.as_str())
            })
            .collect();
        parts.push(format!("categories {}", names.join(", ")));
    }
    if let Some(level) = filter.min_level.and_then(|i| matrix.levels.get(i)) {
        let kind = filter.kind.map_or("residual", |k| k.as_str());
        parts.push(format!("{kind} level {} or higher", level.name));
    }
    if !filter.statuses.is_empty() {
        let names: Vec<String> = filter
            .statuses
            .iter()
            .map(|s| sections::humanise(s.as_str()))
            .collect();
        parts.push(format!("status {}", names.join(", ")));
    }
    if let Some(cell) = filter.cell {
        parts.push(format!(
            "cell likelihood {} × impact {}",
            cell.likelihood, cell.impact
        ));
    }
    if let Some(owner) = filter.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        parts.push(format!("owner {}", owner.trim()));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(format!("matching “{}”", text.trim()));
    }
    parts.join("; ")
}

/// Refuses targets that can never be written before any work is done.
fn check_target(path: &Path) -> Result<()> {
    let io = |kind, message: &str| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(kind, message.to_owned()),
    };
    if path.file_name().is_none() {
        return Err(io(std::io::ErrorKind::InvalidInput, "not a file name"));
    }
    if path.is_dir() {
        return Err(io(
            std::io::ErrorKind::IsADirectory,
            "is a folder; give a file name such as report.pdf",
        ));
    }
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the folder to write the report in does not exist",
            ),
        });
    }
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a new temporary file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(".{name}.{}-{stamp}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}
