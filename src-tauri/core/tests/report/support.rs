//! What every report test uses: the day of the reports, a store on a temporary file, custom
//! matrices of any shape, the demo partnership on a chosen matrix, an export, and a PDF read
//! back page by page with lopdf.

use chrono::NaiveDate;
use lopdf::{Document, Object};
use partner_risk_core::matrix::{AxisLevel, Matrix, RiskLevel};
use partner_risk_core::model::Partnership;
use partner_risk_core::report::PdfOptions;
use partner_risk_core::{OpenMode, Store};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    (dir, store)
}

/// A custom matrix of any shape, with levels from the 4×4 preset's colours.
pub fn custom_matrix(store: &mut Store, likelihood: usize, impact: usize) -> Matrix {
    let axis = |name: &str, n: usize| {
        (1..=n)
            .map(|k| AxisLevel {
                label: format!("{name} {k}"),
                description: format!("{name} level {k} of {n}"),
                range: None,
            })
            .collect::<Vec<_>>()
    };
    let colours = ["#2E7D32", "#FBC02D", "#F57C00", "#C62828"];
    let names = ["Low", "Medium", "High", "Critical"];
    let levels: Vec<RiskLevel> = names
        .iter()
        .zip(colours)
        .enumerate()
        .map(|(i, (name, colour))| RiskLevel {
            name: (*name).into(),
            description: format!("{name} risk"),
            colour: colour.into(),
            review_days: 30 * (4 - i as u32),
            within_appetite: i < 2,
        })
        .collect();
    let grid = (0..likelihood)
        .map(|l| {
            (0..impact)
                .map(|i| {
                    let rank =
                        (l as f32 / (likelihood - 1) as f32 + i as f32 / (impact - 1) as f32) / 2.0;
                    ((rank * 3.99) as u8).min(3)
                })
                .collect()
        })
        .collect();
    store
        .create_matrix(Matrix {
            id: format!("custom-{likelihood}x{impact}"),
            name: format!("Custom {likelihood}×{impact}"),
            description: "A test matrix.".into(),
            preset: None,
            likelihood: axis("Likelihood", likelihood),
            impact: axis("Impact", impact),
            levels,
            grid,
        })
        .unwrap()
}

/// The demo partnership (with `extra` generated risks) scored on `matrix`.
pub fn demo_on(store: &mut Store, extra: usize, matrix: &str) -> Partnership {
    let p = store.create_demo(extra, today()).unwrap();
    if matrix != "5x5" {
        let plan = store.plan_matrix_change(&p.id, matrix).unwrap();
        store.apply_matrix_change(&plan).unwrap();
    }
    store.partnership(&p.id).unwrap()
}

pub fn export(store: &Store, p: &Partnership, options: &PdfOptions) -> Vec<u8> {
    partner_risk_core::report::export_pdf(store, &p.id, options, today(), &mut |_| {}).unwrap()
}

pub struct Pdf {
    pub doc: Document,
    /// Text of each page, whitespace removed (lines wrap anywhere).
    pub pages: Vec<String>,
}

impl Pdf {
    pub fn read(bytes: &[u8]) -> Pdf {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let doc = Document::load_mem(bytes).expect("lopdf reads it");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        let pages = numbers
            .iter()
            .map(|&n| squash(&doc.extract_text(&[n]).expect("text extracts")))
            .collect();
        Pdf { doc, pages }
    }

    pub fn count(&self) -> usize {
        self.pages.len()
    }

    pub fn all(&self) -> String {
        self.pages.concat()
    }

    pub fn has(&self, text: &str) -> bool {
        self.all().contains(&squash(text))
    }

    /// The `/BaseFont` names of the embedded Type0 fonts and whether each has a FontFile2.
    pub fn fonts(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for object in self.doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            let is_type0 = dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Type0");
            if !is_type0 {
                continue;
            }
            let name = dict
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let has_file = dict
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|d| self.deref_dict(d))
                .and_then(|d| {
                    d.get(b"FontDescriptor")
                        .ok()
                        .and_then(|fd| self.deref_dict(fd))
                })
                .is_some_and(|fd| fd.has(b"FontFile2"));
            out.push((name, has_file));
        }
        out
    }

    pub fn deref_dict<'a>(&'a self, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).ok()?.as_dict().ok(),
            other => other.as_dict().ok(),
        }
    }

    pub fn media_box(&self) -> (f32, f32) {
        let (_, id) = self.doc.get_pages().into_iter().next().unwrap();
        let page = self.doc.get_object(id).unwrap().as_dict().unwrap();
        let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let num = |o: &Object| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        };
        (num(&b[2]), num(&b[3]))
    }
}

pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
