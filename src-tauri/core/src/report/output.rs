//! From drawn pages to a file: the PDF document with its metadata and fonts, serialised
//! in parallel parts that are joined, given an outline, deflated and written atomically.
//! Any document drawn with the kit is saved with [`save`].

use std::io::Write;
use std::path::{Path, PathBuf};

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use super::kit::Fonts;
use crate::error::{Error, Result};

/// What a document says about itself in its properties.
pub(crate) struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

/// The PDF bytes of `pages` drawn with `fonts`, with an outline entry per bookmark
/// (title, 1-based page).
pub(crate) fn save(
    fonts: &Fonts,
    pages: Vec<PdfPage>,
    meta: &Meta,
    bookmarks: &[(String, usize)],
) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(meta.title);
    pdf.metadata.info.author = meta.author.to_owned();
    pdf.metadata.info.creator = "Partner Risk".into();
    pdf.metadata.info.producer = "Partner Risk (printpdf)".into();
    pdf.metadata.info.subject = meta.subject.to_owned();
    if let Ok(now) = printpdf::OffsetDateTime::from_unix_timestamp(chrono::Utc::now().timestamp()) {
        pdf.metadata.info.creation_date = now;
        pdf.metadata.info.modification_date = now;
        pdf.metadata.info.metadata_date = now;
    }
    fonts.embed(&mut pdf);
    pdf.with_pages(pages);
    write_pdf(pdf, bookmarks)
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

/// Refuses targets that can never be written before any work is done.
pub(crate) fn check_target(path: &Path) -> Result<()> {
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

pub(crate) use crate::files::{parent_dir, write_atomically};
