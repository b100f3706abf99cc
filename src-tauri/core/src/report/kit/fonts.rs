//! Fonts for reports: DejaVu Sans (regular and bold) found on the system at run time,
//! plus a CJK fallback for the characters DejaVu lacks. No font file ships with the app.
//!
//! Widths come from the fonts' own advance tables, and printpdf writes the same
//! advances into the PDF's `/W` arrays, so what we measure is what the viewer draws.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::error::{Error, Result};

/// Names a folder that holds the report fonts; when set, only that folder is searched.
pub const FONT_DIR_ENV: &str = "PARTNER_RISK_FONT_DIR";

const REGULAR: &[&str] = &["DejaVuSans.ttf"];
const BOLD: &[&str] = &["DejaVuSans-Bold.ttf"];
/// Fallbacks for CJK, in order of preference. Droid is one small TrueType file; the Noto
/// CJK collections are CFF and much larger.
const CJK: &[&str] = &[
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
];

/// Where distributions put those files.
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/droid",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-droid-sans-fonts",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:\\Windows\\Fonts",
];

/// The folders searched: `$PARTNER_RISK_FONT_DIR` alone when it is set, else the
/// system folders and the user's font folder.
pub(crate) fn search_dirs() -> Vec<PathBuf> {
    if let Some(dir) = std::env::var_os(FONT_DIR_ENV).filter(|d| !d.is_empty()) {
        return vec![PathBuf::from(dir)];
    }
    let mut dirs: Vec<PathBuf> = SYSTEM_DIRS.iter().map(PathBuf::from).collect();
    if let Some(home) = dirs::home_dir() {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs
}

fn find(dirs: &[PathBuf], names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .filter(|p| p.is_file())
        .collect()
}

/// Parsed fonts are kept for the life of the process: parsing is the slow part of a
/// small export, and the desktop app exports many times.
fn parse_cached(path: &Path) -> Option<Arc<ParsedFont>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<ParsedFont>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(font) = cache.lock().ok()?.get(path) {
        return Some(font.clone());
    }
    let bytes = std::fs::read(path).ok()?;
    let font = Arc::new(ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?);
    // A font without a Unicode cmap cannot be used to draw text.
    font.cmap_subtable.as_ref()?;
    if let Ok(mut cache) = cache.lock() {
        cache.insert(path.to_path_buf(), font.clone());
    }
    Some(font)
}

fn first_usable(candidates: &[PathBuf]) -> Option<Arc<ParsedFont>> {
    candidates.iter().find_map(|p| parse_cached(p))
}

/// A font resource name of six capital letters: printpdf takes the subset tag from
/// the first six letters of the id, and every `Tf` in the content repeats the name.
/// The last letter tells the faces apart (printpdf's random ids use A to J only).
fn short_id(kind: char) -> FontId {
    let id = FontId::new().0;
    FontId(id.chars().take(5).chain([kind]).collect())
}

/// Characters whose widths are kept in a table (Latin, Greek, Cyrillic, punctuation,
/// currency); others are looked up once and remembered.
const DENSE: usize = 0x2200;

/// One font face as used by a report: its parsed font, the id its text is drawn
/// with, and its advance widths in em.
pub(crate) struct Face {
    font: Arc<ParsedFont>,
    pub id: FontId,
    upm: f32,
    /// Advance in em per character below `DENSE`; negative when the face has no glyph.
    dense: Vec<f32>,
    sparse: RefCell<HashMap<char, f32>>,
    /// Whether any text was drawn with it (only used faces are embedded).
    used: std::cell::Cell<bool>,
}

impl Face {
    fn new(font: Arc<ParsedFont>, kind: char) -> Face {
        let upm = f32::from(font.font_metrics.units_per_em.max(1));
        let mut face = Face {
            font,
            id: short_id(kind),
            upm,
            dense: Vec::new(),
            sparse: RefCell::new(HashMap::new()),
            used: std::cell::Cell::new(false),
        };
        face.dense = (0..DENSE as u32)
            .map(|c| face.lookup(c).unwrap_or(-1.0))
            .collect();
        face
    }

    fn lookup(&self, c: u32) -> Option<f32> {
        let gid = self.font.lookup_glyph_index(c)?;
        if gid == 0 {
            return None;
        }
        Some(f32::from(self.font.get_horizontal_advance(gid)) / self.upm)
    }

    /// The advance of `c` in em, or `None` when the face has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let w = match self.dense.get(c as usize) {
            Some(&w) => w,
            None => *self
                .sparse
                .borrow_mut()
                .entry(c)
                .or_insert_with(|| self.lookup(c as u32).unwrap_or(-1.0)),
        };
        (w >= 0.0).then_some(w)
    }

    pub fn mark_used(&self) {
        self.used.set(true);
    }
}

/// Which face draws a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaceRef {
    Regular,
    Bold,
    Fallback,
}

/// The faces of one report. The fallback is parsed only when a character needs it.
pub(crate) struct Fonts {
    regular: Face,
    bold: Option<Face>,
    fallback_paths: Vec<PathBuf>,
    fallback: std::cell::OnceCell<Option<Face>>,
}

impl Fonts {
    /// Finds and parses the fonts; a clear error when no regular face is usable.
    pub fn load() -> Result<Fonts> {
        Fonts::load_from(&search_dirs())
    }

    pub fn load_from(dirs: &[PathBuf]) -> Result<Fonts> {
        let regular = first_usable(&find(dirs, REGULAR)).ok_or_else(|| Error::Io {
            path: dirs.first().cloned().unwrap_or_default(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "no usable font for PDF reports: looked for {} in {}; install the \
                     fonts-dejavu-core package or set {FONT_DIR_ENV} to a folder holding it",
                    REGULAR.join(", "),
                    dirs.iter()
                        .map(|d| d.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
        })?;
        let bold = first_usable(&find(dirs, BOLD)).map(|f| Face::new(f, 'B'));
        Ok(Fonts {
            regular: Face::new(regular, 'R'),
            bold,
            fallback_paths: find(dirs, CJK),
            fallback: std::cell::OnceCell::new(),
        })
    }

    pub fn face(&self, which: FaceRef) -> &Face {
        match which {
            FaceRef::Regular => &self.regular,
            FaceRef::Bold => self.bold.as_ref().unwrap_or(&self.regular),
            FaceRef::Fallback => self.fallback().unwrap_or(&self.regular),
        }
    }

    fn fallback(&self) -> Option<&Face> {
        self.fallback
            .get_or_init(|| first_usable(&self.fallback_paths).map(|f| Face::new(f, 'F')))
            .as_ref()
    }

    /// The face that draws `c` in the given weight, and its advance in em. Characters
    /// no face has are drawn (as a missing-glyph box) by the main face.
    #[inline]
    pub fn pick(&self, c: char, bold: bool) -> (FaceRef, f32) {
        let main = if bold {
            FaceRef::Bold
        } else {
            FaceRef::Regular
        };
        if let Some(w) = self.face(main).advance(c) {
            return (main, w);
        }
        if let Some(w) = self.fallback().and_then(|f| f.advance(c)) {
            return (FaceRef::Fallback, w);
        }
        (main, 0.6)
    }

    /// Width of `text` in points.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text.chars().map(|c| self.pick(c, bold).1).sum::<f32>() * size
    }

    /// Adds the faces that drew text to the document, under the ids the pages use.
    pub fn embed(&self, pdf: &mut PdfDocument) {
        let faces = [
            Some(&self.regular),
            self.bold.as_ref(),
            self.fallback.get().and_then(|f| f.as_ref()),
        ];
        for face in faces.into_iter().flatten().filter(|f| f.used.get()) {
            pdf.resources
                .fonts
                .map
                .insert(face.id.clone(), PdfFont::new((*face.font).clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_folder_gives_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("prisk-nofonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let err = match Fonts::load_from(std::slice::from_ref(&dir)) {
            Err(e) => e,
            Ok(_) => panic!("fonts found in an empty folder"),
        };
        assert_eq!(err.code(), "io");
        assert!(err.to_string().contains("DejaVuSans.ttf"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
