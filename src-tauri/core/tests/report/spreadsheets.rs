//! Spreadsheet exports: the XLSX workbook read back from its ZIP and XML (register,
//! actions, requirements and matrix sheets, for matrices of other shapes too), the CSV with
//! its BOM and no formulas, and the refusals of unknown partnerships and unwritable paths.

use chrono::NaiveDate;
use partner_risk_core::model::RiskFields;
use partner_risk_core::store::RiskFilter;

use crate::support::{custom_matrix, demo_on, temp_store, today};

/// An exported workbook, read back from its ZIP: sheets by name, cells with their
/// shared or inline strings and their styles' fills.
struct Xlsx {
    files: std::collections::HashMap<String, String>,
    shared: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct XCell {
    /// The text, or the number as written.
    value: String,
    style: usize,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The concatenated text of every `<t>` element in `xml`.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<t") {
        rest = &rest[i + 2..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let open = rest.find('>').unwrap();
        let close = rest.find("</t>").unwrap();
        out.push_str(&unescape(&rest[open + 1..close]));
        rest = &rest[close..];
    }
    out
}

/// The bodies of the elements `<name …>…</name>` (or `<name …/>`) with their start tags.
fn elements<'a>(xml: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i..];
        let after = rest.as_bytes()[open.len()];
        if after != b' ' && after != b'>' && after != b'/' {
            rest = &rest[open.len()..];
            continue;
        }
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.ends_with("/>") {
            out.push((tag, ""));
            rest = &rest[end + 1..];
        } else {
            let stop = rest.find(&close).unwrap();
            out.push((tag, &rest[end + 1..stop]));
            rest = &rest[stop + close.len()..];
        }
    }
    out
}

impl Xlsx {
    fn read(bytes: &[u8]) -> Xlsx {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut files = std::collections::HashMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            files.insert(file.name().to_string(), text);
        }
        let shared = files
            .get("xl/sharedStrings.xml")
            .map(|xml| {
                elements(xml, "si")
                    .into_iter()
                    .map(|(_, body)| texts(body))
                    .collect()
            })
            .unwrap_or_default();
        Xlsx { files, shared }
    }

    /// (name, hidden) of each sheet, in order.
    fn sheets(&self) -> Vec<(String, bool)> {
        elements(&self.files["xl/workbook.xml"], "sheet")
            .into_iter()
            .map(|(tag, _)| {
                (
                    unescape(attr(tag, "name").unwrap()),
                    attr(tag, "state") == Some("hidden"),
                )
            })
            .collect()
    }

    fn sheet_xml(&self, name: &str) -> &str {
        let workbook = &self.files["xl/workbook.xml"];
        let (tag, _) = elements(workbook, "sheet")
            .into_iter()
            .find(|(tag, _)| attr(tag, "name") == Some(name))
            .unwrap_or_else(|| panic!("no sheet {name}"));
        let id = attr(tag, "r:id").unwrap();
        let rels = &self.files["xl/_rels/workbook.xml.rels"];
        let (rel, _) = elements(rels, "Relationship")
            .into_iter()
            .find(|(rel, _)| attr(rel, "Id") == Some(id))
            .unwrap();
        &self.files[&format!("xl/{}", attr(rel, "Target").unwrap())]
    }

    /// Every cell of a sheet by reference (`B2`).
    fn cells(&self, sheet: &str) -> std::collections::HashMap<String, XCell> {
        elements(self.sheet_xml(sheet), "c")
            .into_iter()
            .map(|(tag, body)| {
                let value = match attr(tag, "t") {
                    Some("s") => {
                        let (_, v) = elements(body, "v")[0];
                        self.shared[v.parse::<usize>().unwrap()].clone()
                    }
                    Some("inlineStr") => texts(body),
                    _ => elements(body, "v")
                        .first()
                        .map(|(_, v)| v.to_string())
                        .unwrap_or_default(),
                };
                let style = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
                (attr(tag, "r").unwrap().to_string(), XCell { value, style })
            })
            .collect()
    }

    /// The solid fill of a cell style as `#RRGGBB`, if it has one.
    fn fill(&self, style: usize) -> Option<String> {
        let styles = &self.files["xl/styles.xml"];
        let (_, xfs) = elements(styles, "cellXfs")[0];
        let (xf, _) = elements(xfs, "xf")[style];
        let fill_id: usize = attr(xf, "fillId")?.parse().ok()?;
        let (_, fills) = elements(styles, "fills")[0];
        let (_, fill) = elements(fills, "fill")[fill_id];
        let (fg, _) = *elements(fill, "fgColor").first()?;
        attr(fg, "rgb").map(|argb| format!("#{}", &argb[2..]))
    }

    /// The number format code of a cell style.
    fn num_format(&self, style: usize) -> Option<String> {
        let styles = &self.files["xl/styles.xml"];
        let (_, xfs) = elements(styles, "cellXfs")[0];
        let (xf, _) = elements(xfs, "xf")[style];
        let id = attr(xf, "numFmtId")?;
        elements(styles, "numFmt")
            .into_iter()
            .find(|(tag, _)| attr(tag, "numFmtId") == Some(id))
            .map(|(tag, _)| unescape(attr(tag, "formatCode").unwrap()))
    }
}

/// `A1` notation of a 0-based row and column.
fn cell_ref(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// Excel's serial number of a date.
fn serial(date: NaiveDate) -> String {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days().to_string()
}

#[test]
fn xlsx_export_has_register_actions_requirements_and_matrix_sheets() {
    let (_dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let book =
        Xlsx::read(&partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap());
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    let matrix = &register.matrix;
    let n = register.entries.len();
    assert!(n > 20);
    assert_eq!(
        book.sheets(),
        [
            ("Register".to_string(), false),
            ("Actions".to_string(), false),
            ("Requirements".to_string(), false),
            ("Matrix".to_string(), false),
            ("Lists".to_string(), true),
        ]
    );

    // Register: a header and one row per risk, in reference order.
    let cells = book.cells("Register");
    let at = |row: u32, col: u32| cells.get(&cell_ref(row, col)).cloned();
    let text = |row: u32, col: u32| at(row, col).map(|c| c.value).unwrap_or_default();
    let headers: Vec<String> = (0..28).map(|c| text(0, c)).collect();
    assert_eq!(headers[..3], ["Reference", "Title", "Category"]);
    assert_eq!(headers[12], "Inherent level");
    assert_eq!(headers[15], "Residual level");
    assert_eq!(headers[27], "ID");
    assert_eq!(text(n as u32 + 1, 0), "");
    let categories: std::collections::HashMap<String, String> = store
        .categories()
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    for (i, entry) in register.entries.iter().enumerate() {
        let row = i as u32 + 1;
        let f = &entry.risk.fields;
        assert_eq!(text(row, 0), entry.risk.reference);
        assert_eq!(text(row, 1), f.title);
        assert_eq!(text(row, 2), categories[&f.category]);
        assert_eq!(text(row, 7), f.status.as_str());
        assert_eq!(text(row, 27), entry.risk.id);
        // Scores as numbers, levels as their names on their colours.
        for (kind, col) in [(f.inherent, 10), (f.residual, 13), (f.target, 16)] {
            match kind {
                Some(score) => {
                    assert_eq!(text(row, col), score.likelihood.to_string());
                    assert_eq!(text(row, col + 1), score.impact.to_string());
                    let level = matrix.level(score).unwrap();
                    let cell = at(row, col + 2).unwrap();
                    assert_eq!(cell.value, level.name);
                    assert_eq!(
                        book.fill(cell.style).as_deref(),
                        Some(level.colour.as_str())
                    );
                }
                None => assert_eq!(at(row, col + 2), None),
            }
        }
        // Dates are real dates: serial numbers with a date format.
        if let Some(next) = f.next_review {
            let cell = at(row, 19).unwrap();
            assert_eq!(cell.value, serial(next));
            assert_eq!(book.num_format(cell.style).as_deref(), Some("yyyy-mm-dd"));
        }
    }
    let scored = register
        .entries
        .iter()
        .filter(|e| e.risk.fields.residual.is_some());
    assert!(scored.count() > 10);

    // Frozen header (and reference column), autofilter, dropdowns.
    let xml = book.sheet_xml("Register");
    let (pane, _) = elements(xml, "pane")[0];
    assert_eq!(attr(pane, "ySplit"), Some("1"));
    assert_eq!(attr(pane, "xSplit"), Some("1"));
    assert_eq!(attr(pane, "state"), Some("frozen"));
    let (filter, _) = elements(xml, "autoFilter")[0];
    assert_eq!(
        attr(filter, "ref"),
        Some(format!("A1:AB{}", n + 1).as_str())
    );
    let validations: Vec<(String, String)> = elements(xml, "dataValidation")
        .into_iter()
        .map(|(tag, body)| {
            assert_eq!(attr(tag, "type"), Some("list"));
            (
                attr(tag, "sqref").unwrap().to_string(),
                unescape(elements(body, "formula1")[0].1),
            )
        })
        .collect();
    let count = categories.len() + 1;
    assert_eq!(
        validations,
        [
            ("C2:C1048576".into(), format!("Lists!$A$2:$A${count}")),
            (
                "H2:H1048576".into(),
                "\"open,mitigating,accepted,closed\"".into()
            ),
            (
                "I2:I1048576".into(),
                "\"avoid,reduce,transfer,share,accept\"".into()
            ),
        ]
    );
    let lists = book.cells("Lists");
    let mut listed: Vec<&str> = (1..count as u32)
        .map(|r| lists[&cell_ref(r, 0)].value.as_str())
        .collect();
    let mut names: Vec<&str> = categories.values().map(String::as_str).collect();
    listed.sort_unstable();
    names.sort_unstable();
    assert_eq!(listed, names);

    // Actions: one row per action, by risk in register order, with the risk's reference.
    let actions = store.partnership_actions(&p.id).unwrap();
    let cells = book.cells("Actions");
    let position: std::collections::HashMap<&str, usize> = register
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.risk.reference.as_str(), i))
        .collect();
    let mut last = 0;
    for row in 1..=actions.len() as u32 {
        let reference = &cells[&cell_ref(row, 0)].value;
        let at = position[reference.as_str()];
        assert!(at >= last, "row {row}: {reference} out of order");
        last = at;
        let id = &cells[&cell_ref(row, 10)].value;
        let action = actions.iter().find(|a| &a.id == id).unwrap();
        assert_eq!(cells[&cell_ref(row, 2)].value, action.fields.title);
        assert_eq!(register.entries[at].risk.id, action.risk_id);
    }
    assert!(!cells.contains_key(&cell_ref(actions.len() as u32 + 1, 0)));
    assert!(elements(book.sheet_xml("Actions"), "pane").len() == 1);

    // Requirements: by code, with the references of the risks they mitigate.
    let requirements = store.requirements(&p.id).unwrap();
    assert!(!requirements.is_empty());
    let cells = book.cells("Requirements");
    for (i, r) in requirements.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(cells[&cell_ref(row, 0)].value, r.fields.code);
        assert_eq!(cells[&cell_ref(row, 4)].value, r.fields.status.as_str());
        let linked = cells.get(&cell_ref(row, 6)).map(|c| c.value.clone());
        assert_eq!(
            linked.is_some(),
            !r.risk_ids.is_empty(),
            "{}",
            r.fields.code
        );
    }

    check_matrix_sheet(&book, matrix);
}

/// The Matrix sheet: impact labels across, likelihood labels down (highest first), each
/// cell the grid's level name on its colour.
fn check_matrix_sheet(book: &Xlsx, matrix: &partner_risk_core::matrix::Matrix) {
    let cells = book.cells("Matrix");
    let text = |row: u32, col: u32| cells.get(&cell_ref(row, col)).map(|c| c.value.clone());
    assert_eq!(text(0, 0).as_deref(), Some(matrix.name.as_str()));
    let (lmax, imax) = matrix.size();
    let top = 3;
    for (i, level) in matrix.impact.iter().enumerate() {
        assert_eq!(
            text(top, i as u32 + 1),
            Some(format!("{} · {}", i + 1, level.label))
        );
    }
    assert_eq!(text(top, imax as u32 + 1), None);
    for l in 1..=lmax {
        let row = top + 1 + (lmax - l) as u32;
        assert_eq!(
            text(row, 0),
            Some(format!("{l} · {}", matrix.likelihood[l - 1].label))
        );
        for i in 1..=imax {
            let level = &matrix.levels[usize::from(matrix.grid[l - 1][i - 1])];
            let cell = &cells[&cell_ref(row, i as u32)];
            assert_eq!(cell.value, level.name, "L{l} I{i}");
            assert_eq!(
                book.fill(cell.style),
                Some(level.colour.clone()),
                "L{l} I{i}"
            );
        }
    }
    // The levels' legend follows the grid.
    let legend = top + lmax as u32 + 3;
    assert_eq!(text(legend, 0).as_deref(), Some("Level"));
    for (k, level) in matrix.levels.iter().enumerate() {
        assert_eq!(text(legend + 1 + k as u32, 0), Some(level.name.clone()));
        assert_eq!(text(legend + 1 + k as u32, 1), Some(level.colour.clone()));
    }
}

#[test]
fn xlsx_matrix_sheet_follows_matrices_of_other_shapes() {
    let (_dir, mut store) = temp_store();
    let m = custom_matrix(&mut store, 7, 3);
    let p = demo_on(&mut store, 0, &m.id);
    let book =
        Xlsx::read(&partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap());
    check_matrix_sheet(&book, &store.matrix(&p.matrix_id).unwrap());
}

#[test]
fn csv_export_has_a_bom_the_register_columns_and_no_formulas() {
    let (dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let mut fields = RiskFields::new("technical", "=HYPERLINK(\"http://evil.example\",\"click\")");
    fields.description = "He said \"stop\", twice;\nthen left.\n\nNext line, with commas".into();
    fields.owner = "@owner".into();
    fields.cause = "-12".into();
    fields.consequence = "+1+2".into();
    fields.treatment_rationale = "\tindented".into();
    let risk = store.add_risk(&p.id, fields.clone()).unwrap();

    let out = dir.path().join("register.csv");
    let done =
        partner_risk_core::spreadsheet::export_csv_to_file(&store, &p.id, today(), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(done.bytes, bytes.len() as u64);
    assert_eq!(
        bytes,
        partner_risk_core::spreadsheet::export_csv(&store, &p.id, today()).unwrap()
    );
    assert!(bytes.starts_with(b"\xEF\xBB\xBFReference,Title,Category,"));

    // The csv crate strips the BOM.
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers.len(), 28);
    assert_eq!(headers[0], "Reference");
    assert_eq!(headers[15], "Residual level");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), done.risks);
    let register = store
        .register(&p.id, &RiskFilter::default(), today())
        .unwrap();
    assert_eq!(rows.len(), register.entries.len());
    let row = rows
        .iter()
        .find(|r| &r[0] == risk.reference.as_str())
        .unwrap();
    assert_eq!(&row[1], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&row[3], fields.description.as_str());
    assert_eq!(&row[4], "-12", "a plain number stays a number");
    assert_eq!(&row[5], "'+1+2");
    assert_eq!(&row[6], "'@owner");
    assert_eq!(&row[7], "open");
    assert_eq!(&row[9], "'\tindented");
    assert_eq!(&row[27], risk.id.as_str());
    // No cell anywhere could start a formula.
    for row in &rows {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!cell.starts_with('-') || cell[1..].parse::<f64>().is_ok()),
                "{cell:?}"
            );
        }
    }
    // Levels and dates as text.
    for (entry, row) in register.entries.iter().zip(&rows) {
        assert_eq!(&row[0], entry.risk.reference.as_str());
        assert_eq!(&row[15], entry.residual_level.as_deref().unwrap_or(""));
        let next = entry.risk.fields.next_review.map(|d| d.to_string());
        assert_eq!(&row[19], next.as_deref().unwrap_or(""));
    }

    // The workbook keeps the title as text, not as a formula.
    let book =
        Xlsx::read(&partner_risk_core::spreadsheet::export_xlsx(&store, &p.id, today()).unwrap());
    let xml = book.sheet_xml("Register");
    assert!(!xml.contains("<f>"), "no formulas in the register");
    let at = register
        .entries
        .iter()
        .position(|e| e.risk.id == risk.id)
        .unwrap();
    let cells = book.cells("Register");
    assert_eq!(cells[&cell_ref(at as u32 + 1, 1)].value, fields.title);
    assert_eq!(cells[&cell_ref(at as u32 + 1, 3)].value, fields.description);
}

#[test]
fn spreadsheet_exports_refuse_unknown_partnerships_and_unwritable_paths() {
    let (dir, mut store) = temp_store();
    let p = demo_on(&mut store, 0, "5x5");
    let out = dir.path().join("r.xlsx");
    for err in [
        partner_risk_core::spreadsheet::export_xlsx(&store, "nobody", today()).unwrap_err(),
        partner_risk_core::spreadsheet::export_csv(&store, "nobody", today()).unwrap_err(),
        partner_risk_core::spreadsheet::export_xlsx_to_file(&store, "nobody", today(), &out)
            .unwrap_err(),
        partner_risk_core::spreadsheet::export_csv_to_file(&store, "nobody", today(), &out)
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "not_found", "{err}");
        assert!(err.to_string().contains("nobody"), "{err}");
    }
    assert!(!out.exists());

    let missing = dir.path().join("no/such/folder/r.xlsx");
    for err in [
        partner_risk_core::spreadsheet::export_xlsx_to_file(&store, &p.id, today(), &missing)
            .unwrap_err(),
        partner_risk_core::spreadsheet::export_csv_to_file(&store, &p.id, today(), &missing)
            .unwrap_err(),
    ] {
        assert_eq!(err.code(), "io", "{err}");
        assert!(err.to_string().contains("no/such/folder"), "{err}");
    }
    let err =
        partner_risk_core::spreadsheet::export_xlsx_to_file(&store, &p.id, today(), dir.path())
            .unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(err.to_string().contains("folder"), "{err}");

    // A good export replaces the old file; a failed one leaves it as it was.
    std::fs::write(&out, b"old").unwrap();
    let done =
        partner_risk_core::spreadsheet::export_xlsx_to_file(&store, &p.id, today(), &out).unwrap();
    assert_eq!(done.path, out);
    assert!(done.risks > 20 && done.actions > 20, "{done:?}");
    let written = std::fs::read(&out).unwrap();
    assert_eq!(written.len() as u64, done.bytes);
    assert!(written.starts_with(b"PK"));
    partner_risk_core::spreadsheet::export_xlsx_to_file(&store, "nobody", today(), &out)
        .unwrap_err();
    assert_eq!(std::fs::read(&out).unwrap(), written);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        let target = locked.join("r.csv");
        let result =
            partner_risk_core::spreadsheet::export_csv_to_file(&store, &p.id, today(), &target);
        // Root may write anywhere; everyone else is refused, naming the file.
        if let Err(err) = result {
            assert_eq!(err.code(), "io", "{err}");
            assert!(err.to_string().contains("locked/r.csv"), "{err}");
            assert!(std::fs::read_dir(&locked).unwrap().next().is_none());
        }
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
