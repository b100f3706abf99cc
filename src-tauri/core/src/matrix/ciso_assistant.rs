//! Scoring matrices from a CISO Assistant risk-matrix library (YAML).
//!
//! A library lists its matrices under `objects.risk_matrix`. Each matrix has a
//! `probability`, an `impact` and a `risk` list (lowest first; entries carry `name`,
//! `description`, `abbreviation`, `hexcolor` and sometimes `id`) and a `grid` with one
//! row per probability level and, in each row, one risk index per impact level.
//! CISO Assistant does not check these files, so everything is checked here, and every
//! error names the place in the file, e.g. `risk_matrix[0].grid[2][4]`.
//!
//! How the library maps onto a [`Matrix`]:
//!
//! | CISO Assistant | Partner Risk |
//! | --- | --- |
//! | `name`, `description` | `name`, `description` |
//! | `probability[p]` (`name`, `description`) | `likelihood[p]` (`label`, `description`) |
//! | `impact[i]` (`name`, `description`) | `impact[i]` (`label`, `description`) |
//! | `risk[k]` (`name`, `description`, `hexcolor`) | `levels[k]` (`name`, `description`, `colour`) |
//! | `grid[p][i]` | `grid[p][i]` |
//!
//! The library says nothing about review intervals or appetite; see
//! [`review_days_for`] and [`within_appetite_for`] for what an import chooses. Both can
//! be edited afterwards like any custom matrix. Abbreviations, ids, URNs, translations
//! and the colours of axis levels are not kept.
//!
//! Colours are read as CISO Assistant's own pages would show them: a risk level without
//! `hexcolor` gets one from [`palette_colour`] by its rank, and obvious slips (`##RRGGBB`,
//! `RRGGBB` without `#`, `#RRGGBBAA`, a CSS colour name such as `orange`) are read; each of
//! these is reported as a [`CisoNote`] beside the matrices. A colour that cannot be read
//! is still an error naming its field. A file that only references a matrix by URN (a
//! CISO Assistant preset) is refused with a message that says so.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    AxisLevel, Matrix, RiskLevel, GREEN, LIGHT_GREEN, MAX_AXIS, MAX_LEVELS, MIN_AXIS, ORANGE, RED,
    YELLOW,
};
use crate::error::{Error, Result};
use crate::ids::new_id;
use crate::rules::{limit_text, require_text};

/// The largest library text accepted, checked before it is parsed.
pub const MAX_CISO_YAML_BYTES: usize = 1024 * 1024;
/// The most matrices one library may hold.
pub const MAX_CISO_MATRICES: usize = 50;

#[derive(Deserialize)]
#[serde(expecting = "a mapping with objects.risk_matrix")]
struct Library {
    #[serde(default)]
    objects: Option<Objects>,
}

#[derive(Deserialize)]
#[serde(expecting = "a mapping with risk_matrix")]
struct Objects {
    #[serde(default)]
    risk_matrix: Option<Vec<RawMatrix>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a matrix: a mapping with name, probability, impact, risk and grid")]
struct RawMatrix {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    probability: Option<Vec<RawLevel>>,
    #[serde(default)]
    impact: Option<Vec<RawLevel>>,
    #[serde(default)]
    risk: Option<Vec<RawLevel>>,
    #[serde(default)]
    grid: Option<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a level: a mapping with name, description and hexcolor")]
struct RawLevel {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    hexcolor: Option<String>,
}

/// Something the import supplied or corrected, for the person importing to check: a
/// colour given to a level that had none, a colour read despite a slip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CisoNote {
    /// Which matrix of the library it concerns (`risk_matrix[matrix]`).
    pub matrix: usize,
    /// The place in the file, e.g. `risk_matrix[0].risk[2].hexcolor`.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for CisoNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The matrices read from a library, and what the import supplied or corrected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CisoLibrary {
    pub matrices: Vec<Matrix>,
    /// In the order of the file; empty when everything was read as written.
    pub notes: Vec<CisoNote>,
}

impl CisoLibrary {
    /// The notes about matrix `k` of the library.
    pub fn notes_for(&self, k: usize) -> impl Iterator<Item = &CisoNote> {
        self.notes.iter().filter(move |n| n.matrix == k)
    }
}

/// Reads the matrices of a CISO Assistant risk-matrix library. Each one gets a new id
/// and no preset key, ready for [`Store::create_matrix`] or
/// [`Store::import_ciso_matrices`]; nothing is written.
pub fn parse_ciso_assistant(yaml: &str) -> Result<CisoLibrary> {
    if yaml.len() > MAX_CISO_YAML_BYTES {
        return Err(Error::invalid(
            "yaml",
            format!("{} bytes", yaml.len()),
            format!("a CISO Assistant library is at most {MAX_CISO_YAML_BYTES} bytes (1 MiB)"),
        ));
    }
    let library: Library = serde_path_to_error::deserialize(serde_norway::Deserializer::from_str(
        yaml,
    ))
    .map_err(|e| {
        // `risk_matrix: urn:…` names a matrix instead of defining one.
        let at_risk_matrix = e.path().to_string().starts_with("objects.risk_matrix");
        match reference_only(yaml) {
            Some(refused) if at_risk_matrix => refused,
            _ => yaml_error(yaml, e),
        }
    })?;
    let raw = match library.objects.and_then(|o| o.risk_matrix) {
        Some(raw) => raw,
        None => return Err(reference_only(yaml).unwrap_or_else(|| not_a_library(yaml))),
    };
    if raw.is_empty() {
        return Err(Error::invalid(
            "risk_matrix",
            "[]",
            "the library lists no matrix",
        ));
    }
    if raw.len() > MAX_CISO_MATRICES {
        return Err(Error::invalid(
            "risk_matrix",
            format!("{} matrices", raw.len()),
            format!("a library may hold at most {MAX_CISO_MATRICES} matrices"),
        ));
    }
    let mut matrices: Vec<Matrix> = Vec::with_capacity(raw.len());
    let mut notes = Vec::new();
    for (m, raw) in raw.into_iter().enumerate() {
        let place = format!("risk_matrix[{m}]");
        let mut notes_here = Notes {
            matrix: m,
            notes: &mut notes,
        };
        let matrix = convert(raw, &place, &mut notes_here)?;
        if let Some(k) = matrices
            .iter()
            .position(|other| same_name(&other.name, &matrix.name))
        {
            return Err(Error::invalid(
                format!("{place}.name"),
                &matrix.name,
                format!("risk_matrix[{k}] has the same name"),
            ));
        }
        matrices.push(matrix);
    }
    Ok(CisoLibrary { matrices, notes })
}

/// Where the notes of one matrix go.
struct Notes<'a> {
    matrix: usize,
    notes: &'a mut Vec<CisoNote>,
}

impl Notes<'_> {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.notes.push(CisoNote {
            matrix: self.matrix,
            field: field.into(),
            message: message.into(),
        });
    }
}

/// Review interval of level `k` of `n`, lowest first: a year for the lowest level and a
/// month for the highest, with the usual steps between (3 levels: 365, 180, 30; 4: 365,
/// 180, 90, 30; 5: 365, 180, 90, 60, 30; 6: 365, 270, 180, 90, 60, 30; 7: 365, 270,
/// 180, 120, 90, 60, 30).
pub fn review_days_for(k: usize, n: usize) -> u32 {
    let steps: &[u32] = match n {
        0..=2 => &[365, 30],
        3 => &[365, 180, 30],
        4 => &[365, 180, 90, 30],
        5 => &[365, 180, 90, 60, 30],
        6 => &[365, 270, 180, 90, 60, 30],
        _ => &[365, 270, 180, 120, 90, 60, 30],
    };
    steps[k.min(steps.len() - 1)]
}

/// Whether level `k` of `n` (lowest first) is within appetite: the lower half of the
/// levels is; with an odd count the middle level is not, so that it gets attention.
pub fn within_appetite_for(k: usize, n: usize) -> bool {
    k < n / 2
}

const LIME: &str = "#C0CA33";
const DEEP_ORANGE: &str = "#E64A19";

/// The colour given to risk level `k` of `n` (lowest first) that has none: a ramp from
/// green through yellow and orange to red, in the colours of the built-in presets, so
/// the lowest level is green and the highest red (2 levels: green, red; 3: green, yellow,
/// red; 4: green, yellow, orange, red; 5 adds light green; 6 deep orange; 7 lime).
pub fn palette_colour(k: usize, n: usize) -> &'static str {
    let ramp: &[&'static str] = match n {
        0..=2 => &[GREEN, RED],
        3 => &[GREEN, YELLOW, RED],
        4 => &[GREEN, YELLOW, ORANGE, RED],
        5 => &[GREEN, LIGHT_GREEN, YELLOW, ORANGE, RED],
        6 => &[GREEN, LIGHT_GREEN, YELLOW, ORANGE, DEEP_ORANGE, RED],
        _ => &[GREEN, LIGHT_GREEN, LIME, YELLOW, ORANGE, DEEP_ORANGE, RED],
    };
    ramp[k.min(ramp.len() - 1)]
}

fn convert(raw: RawMatrix, place: &str, notes: &mut Notes) -> Result<Matrix> {
    let name = raw.name.unwrap_or_default().trim().to_string();
    require_text(&format!("{place}.name"), &name, 100)?;
    let description = raw.description.unwrap_or_default().trim().to_string();
    limit_text(&format!("{place}.description"), &description, 5_000)?;

    let likelihood = axis(raw.probability, &format!("{place}.probability"))?;
    let impact = axis(raw.impact, &format!("{place}.impact"))?;
    let levels = risk_levels(raw.risk, &format!("{place}.risk"), notes)?;
    let grid = grid(
        raw.grid,
        &format!("{place}.grid"),
        likelihood.len(),
        impact.len(),
        levels.len(),
    )?;
    let matrix = Matrix {
        id: new_id(),
        name,
        description,
        preset: None,
        likelihood,
        impact,
        levels,
        grid,
    };
    matrix
        .validate()
        .map_err(|e| e.within(&format!("{place}: ")))?;
    Ok(matrix)
}

/// Checks a list is there, within its size limits, and has well-formed, unique names
/// and readable colours (or none).
fn level_list(
    list: Option<Vec<RawLevel>>,
    field: &str,
    min: usize,
    max: usize,
    what: &str,
    name_max: usize,
) -> Result<Vec<(String, String, Option<Colour>)>> {
    let list = list.ok_or_else(|| Error::invalid(field, "", format!("missing: {what}")))?;
    if list.is_empty() {
        return Err(Error::invalid(field, "[]", format!("empty: {what}")));
    }
    if !(min..=max).contains(&list.len()) {
        return Err(Error::invalid(
            field,
            format!("{} levels", list.len()),
            format!("{what}, {min} to {max} of them"),
        ));
    }
    let mut out: Vec<(String, String, Option<Colour>)> = Vec::with_capacity(list.len());
    for (k, level) in list.into_iter().enumerate() {
        let name = level.name.unwrap_or_default().trim().to_string();
        require_text(&format!("{field}[{k}].name"), &name, name_max)?;
        if let Some(j) = out.iter().position(|(other, _, _)| same_name(other, &name)) {
            return Err(Error::invalid(
                format!("{field}[{k}].name"),
                &name,
                format!("{field}[{j}] has the same name"),
            ));
        }
        let description = level.description.unwrap_or_default().trim().to_string();
        limit_text(&format!("{field}[{k}].description"), &description, 2_000)?;
        let colour = match level.hexcolor {
            Some(text) if !text.trim().is_empty() => Some(read_colour(&text).ok_or_else(|| {
                Error::invalid(
                    format!("{field}[{k}].hexcolor"),
                    &text,
                    "not a colour: a colour is written #RGB or #RRGGBB (hexadecimal digits), \
                     or as a CSS colour name such as orange",
                )
            })?),
            _ => None,
        };
        out.push((name, description, colour));
    }
    Ok(out)
}

fn axis(list: Option<Vec<RawLevel>>, field: &str) -> Result<Vec<AxisLevel>> {
    let what = "an axis lists its levels, lowest first";
    Ok(level_list(list, field, MIN_AXIS, MAX_AXIS, what, 60)?
        .into_iter()
        .map(|(label, description, _colour)| AxisLevel {
            label,
            description,
            range: None,
        })
        .collect())
}

/// The risk levels, each with a colour: the one written, read despite slips (noted), or
/// one from [`palette_colour`] by rank when there is none (noted once for the matrix).
fn risk_levels(
    list: Option<Vec<RawLevel>>,
    field: &str,
    notes: &mut Notes,
) -> Result<Vec<RiskLevel>> {
    let what = "a matrix lists its risk levels, lowest first";
    let list = level_list(list, field, 2, MAX_LEVELS, what, 40)?;
    let n = list.len();
    let mut supplied = Vec::new();
    let levels = list
        .into_iter()
        .enumerate()
        .map(|(k, (name, description, colour))| {
            let colour = match colour {
                Some(Colour { hex, slip: None }) => hex,
                Some(Colour {
                    hex,
                    slip: Some((written, slip)),
                }) => {
                    notes.add(
                        format!("{field}[{k}].hexcolor"),
                        format!("read {written:?} as {hex} ({slip})"),
                    );
                    hex
                }
                None => {
                    let hex = palette_colour(k, n).to_string();
                    supplied.push(format!("{name} {hex}"));
                    hex
                }
            };
            RiskLevel {
                name,
                description,
                colour,
                review_days: review_days_for(k, n),
                within_appetite: within_appetite_for(k, n),
            }
        })
        .collect();
    if !supplied.is_empty() {
        let which = match supplied.len() {
            all if all == n => "no risk level has a hexcolor".to_string(),
            1 => format!("1 of the {n} risk levels has no hexcolor"),
            some => format!("{some} of the {n} risk levels have no hexcolor"),
        };
        notes.add(
            field,
            format!(
                "{which} (missing, empty, or an unquoted # that YAML reads as a comment); \
                 gave colours by rank, lowest green to highest red: {}",
                supplied.join(", ")
            ),
        );
    }
    Ok(levels)
}

fn grid(
    grid: Option<Vec<Vec<i64>>>,
    field: &str,
    rows: usize,
    columns: usize,
    levels: usize,
) -> Result<Vec<Vec<u8>>> {
    let grid = grid.ok_or_else(|| {
        Error::invalid(
            field,
            "",
            format!("missing: the grid needs {rows} rows (one per probability level) of {columns} risk indexes (one per impact level)"),
        )
    })?;
    if grid.len() != rows {
        return Err(Error::invalid(
            field,
            format!("{} rows", grid.len()),
            format!("the grid needs one row per probability level: {rows} rows"),
        ));
    }
    grid.iter()
        .enumerate()
        .map(|(p, row)| {
            if row.len() != columns {
                return Err(Error::invalid(
                    format!("{field}[{p}]"),
                    format!("{} entries", row.len()),
                    format!("each grid row needs one entry per impact level: {columns} entries"),
                ));
            }
            row.iter()
                .enumerate()
                .map(|(i, &index)| {
                    let place = || format!("{field}[{p}][{i}]");
                    if index < 0 {
                        return Err(Error::invalid(
                            place(),
                            index,
                            format!(
                                "index {index} is not a risk level: indexes are 0 to {}",
                                levels - 1
                            ),
                        ));
                    }
                    match u8::try_from(index) {
                        Ok(cell) if usize::from(cell) < levels => Ok(cell),
                        _ => Err(Error::invalid(
                            place(),
                            index,
                            format!(
                                "index {index} is beyond the {levels} risk levels (0 to {})",
                                levels - 1
                            ),
                        )),
                    }
                })
                .collect()
        })
        .collect()
}

/// A colour as read: `#RRGGBB` in upper case, as the presets write colours, and, when the
/// text had a slip that was read past, the text as written and what the slip was.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Colour {
    hex: String,
    slip: Option<(String, String)>,
}

/// Reads a colour as a person would: `#RGB` or `#RRGGBB` in any case with spaces around
/// it as written; with slips read past and said: no `#` (`RRGGBB`), a doubled `##`, a
/// space after `#`, an alpha channel (`#RRGGBBAA`, `#RGBA`, dropped), a CSS colour name.
/// Without `#`, only 3 or 6 digits are read (so that words such as `cafe` are not).
/// Anything else is not a colour.
fn read_colour(text: &str) -> Option<Colour> {
    let trimmed = text.trim();
    let slipped = |hex: String, slips: &[&str]| Colour {
        hex,
        slip: (!slips.is_empty()).then(|| (text.to_string(), slips.join(" and "))),
    };
    if let Some(hex) = css_colour(trimmed) {
        return Some(slipped(hex.to_string(), &["a CSS colour name"]));
    }
    let digits = trimmed.trim_start_matches('#');
    let hashes = trimmed.len() - digits.len();
    let spaced = digits.starts_with(char::is_whitespace);
    let digits = digits.trim_start();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match (digits.len(), hashes) {
        (3, _) | (4, 1..) => digits.chars().take(3).flat_map(|c| [c, c]).collect(),
        (6, _) | (8, 1..) => digits[..6].to_string(),
        _ => return None,
    };
    let mut slips = Vec::new();
    match hashes {
        0 => slips.push("without its #"),
        1 => {}
        _ => slips.push("a doubled #"),
    }
    if spaced {
        slips.push("a space after #");
    }
    if matches!(digits.len(), 4 | 8) {
        slips.push("an alpha channel, dropped: a level's colour is opaque");
    }
    Some(slipped(format!("#{}", full.to_ascii_uppercase()), &slips))
}

/// The `#RRGGBB` of a CSS named colour (CSS Color Module Level 4), in any case, with
/// spaces, hyphens or underscores between the words (`Light Green`, `dark-red`).
fn css_colour(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > 30 || !name.is_ascii() {
        return None;
    }
    let key: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    CSS_COLOURS
        .binary_search_by(|(n, _)| (*n).cmp(key.as_str()))
        .ok()
        .map(|i| CSS_COLOURS[i].1)
}

/// The named colours of CSS, sorted by name (for the binary search).
const CSS_COLOURS: [(&str, &str); 148] = [
    ("aliceblue", "#F0F8FF"),
    ("antiquewhite", "#FAEBD7"),
    ("aqua", "#00FFFF"),
    ("aquamarine", "#7FFFD4"),
    ("azure", "#F0FFFF"),
    ("beige", "#F5F5DC"),
    ("bisque", "#FFE4C4"),
    ("black", "#000000"),
    ("blanchedalmond", "#FFEBCD"),
    ("blue", "#0000FF"),
    ("blueviolet", "#8A2BE2"),
    ("brown", "#A52A2A"),
    ("burlywood", "#DEB887"),
    ("cadetblue", "#5F9EA0"),
    ("chartreuse", "#7FFF00"),
    ("chocolate", "#D2691E"),
    ("coral", "#FF7F50"),
    ("cornflowerblue", "#6495ED"),
    ("cornsilk", "#FFF8DC"),
    ("crimson", "#DC143C"),
    ("cyan", "#00FFFF"),
    ("darkblue", "#00008B"),
    ("darkcyan", "#008B8B"),
    ("darkgoldenrod", "#B8860B"),
    ("darkgray", "#A9A9A9"),
    ("darkgreen", "#006400"),
    ("darkgrey", "#A9A9A9"),
    ("darkkhaki", "#BDB76B"),
    ("darkmagenta", "#8B008B"),
    ("darkolivegreen", "#556B2F"),
    ("darkorange", "#FF8C00"),
    ("darkorchid", "#9932CC"),
    ("darkred", "#8B0000"),
    ("darksalmon", "#E9967A"),
    ("darkseagreen", "#8FBC8F"),
    ("darkslateblue", "#483D8B"),
    ("darkslategray", "#2F4F4F"),
    ("darkslategrey", "#2F4F4F"),
    ("darkturquoise", "#00CED1"),
    ("darkviolet", "#9400D3"),
    ("deeppink", "#FF1493"),
    ("deepskyblue", "#00BFFF"),
    ("dimgray", "#696969"),
    ("dimgrey", "#696969"),
    ("dodgerblue", "#1E90FF"),
    ("firebrick", "#B22222"),
    ("floralwhite", "#FFFAF0"),
    ("forestgreen", "#228B22"),
    ("fuchsia", "#FF00FF"),
    ("gainsboro", "#DCDCDC"),
    ("ghostwhite", "#F8F8FF"),
    ("gold", "#FFD700"),
    ("goldenrod", "#DAA520"),
    ("gray", "#808080"),
    ("green", "#008000"),
    ("greenyellow", "#ADFF2F"),
    ("grey", "#808080"),
    ("honeydew", "#F0FFF0"),
    ("hotpink", "#FF69B4"),
    ("indianred", "#CD5C5C"),
    ("indigo", "#4B0082"),
    ("ivory", "#FFFFF0"),
    ("khaki", "#F0E68C"),
    ("lavender", "#E6E6FA"),
    ("lavenderblush", "#FFF0F5"),
    ("lawngreen", "#7CFC00"),
    ("lemonchiffon", "#FFFACD"),
    ("lightblue", "#ADD8E6"),
    ("lightcoral", "#F08080"),
    ("lightcyan", "#E0FFFF"),
    ("lightgoldenrodyellow", "#FAFAD2"),
    ("lightgray", "#D3D3D3"),
    ("lightgreen", "#90EE90"),
    ("lightgrey", "#D3D3D3"),
    ("lightpink", "#FFB6C1"),
    ("lightsalmon", "#FFA07A"),
    ("lightseagreen", "#20B2AA"),
    ("lightskyblue", "#87CEFA"),
    ("lightslategray", "#778899"),
    ("lightslategrey", "#778899"),
    ("lightsteelblue", "#B0C4DE"),
    ("lightyellow", "#FFFFE0"),
    ("lime", "#00FF00"),
    ("limegreen", "#32CD32"),
    ("linen", "#FAF0E6"),
    ("magenta", "#FF00FF"),
    ("maroon", "#800000"),
    ("mediumaquamarine", "#66CDAA"),
    ("mediumblue", "#0000CD"),
    ("mediumorchid", "#BA55D3"),
    ("mediumpurple", "#9370DB"),
    ("mediumseagreen", "#3CB371"),
    ("mediumslateblue", "#7B68EE"),
    ("mediumspringgreen", "#00FA9A"),
    ("mediumturquoise", "#48D1CC"),
    ("mediumvioletred", "#C71585"),
    ("midnightblue", "#191970"),
    ("mintcream", "#F5FFFA"),
    ("mistyrose", "#FFE4E1"),
    ("moccasin", "#FFE4B5"),
    ("navajowhite", "#FFDEAD"),
    ("navy", "#000080"),
    ("oldlace", "#FDF5E6"),
    ("olive", "#808000"),
    ("olivedrab", "#6B8E23"),
    ("orange", "#FFA500"),
    ("orangered", "#FF4500"),
    ("orchid", "#DA70D6"),
    ("palegoldenrod", "#EEE8AA"),
    ("palegreen", "#98FB98"),
    ("paleturquoise", "#AFEEEE"),
    ("palevioletred", "#DB7093"),
    ("papayawhip", "#FFEFD5"),
    ("peachpuff", "#FFDAB9"),
    ("peru", "#CD853F"),
    ("pink", "#FFC0CB"),
    ("plum", "#DDA0DD"),
    ("powderblue", "#B0E0E6"),
    ("purple", "#800080"),
    ("rebeccapurple", "#663399"),
    ("red", "#FF0000"),
    ("rosybrown", "#BC8F8F"),
    ("royalblue", "#4169E1"),
    ("saddlebrown", "#8B4513"),
    ("salmon", "#FA8072"),
    ("sandybrown", "#F4A460"),
    ("seagreen", "#2E8B57"),
    ("seashell", "#FFF5EE"),
    ("sienna", "#A0522D"),
    ("silver", "#C0C0C0"),
    ("skyblue", "#87CEEB"),
    ("slateblue", "#6A5ACD"),
    ("slategray", "#708090"),
    ("slategrey", "#708090"),
    ("snow", "#FFFAFA"),
    ("springgreen", "#00FF7F"),
    ("steelblue", "#4682B4"),
    ("tan", "#D2B48C"),
    ("teal", "#008080"),
    ("thistle", "#D8BFD8"),
    ("tomato", "#FF6347"),
    ("turquoise", "#40E0D0"),
    ("violet", "#EE82EE"),
    ("wheat", "#F5DEB3"),
    ("white", "#FFFFFF"),
    ("whitesmoke", "#F5F5F5"),
    ("yellow", "#FFFF00"),
    ("yellowgreen", "#9ACD32"),
];

/// When a file names a risk matrix without defining one (a CISO Assistant preset, whose
/// `scaffolded_objects` name their matrix by URN, or `risk_matrix: urn:…`), the error
/// that says so, naming the first reference. `None` when the file names no matrix.
fn reference_only(yaml: &str) -> Option<Error> {
    let value: serde_norway::Value = serde_norway::from_str(yaml).ok()?;
    let objects = value.get("objects");
    let mut found = Vec::new();
    if let Some(objects) = objects {
        find_references(objects, "", 0, &mut found);
    }
    if let Some(dependencies) = value.get("dependencies").and_then(|d| d.as_sequence()) {
        for (k, d) in dependencies.iter().enumerate() {
            match d.as_str() {
                Some(urn) if urn.to_lowercase().contains("matrix") => {
                    found.push((format!("dependencies[{k}]"), urn.to_string()));
                }
                _ => {}
            }
        }
    }
    let (field, urn) = found.first()?;
    let what = if objects.and_then(|o| o.get("preset")).is_some() {
        "a CISO Assistant preset, which names its matrix by URN"
    } else {
        "it names its matrix by URN"
    };
    Some(Error::invalid(
        field,
        urn,
        format!(
            "this file references a risk matrix and does not define one ({what}); import the \
             library that defines that matrix instead, a YAML whose objects.risk_matrix lists \
             probability, impact, risk and grid"
        ),
    ))
}

/// Collects the string values of `risk_matrix` keys anywhere under `value`, with their
/// place (`preset.scaffolded_objects[0].risk_matrix`).
fn find_references(
    value: &serde_norway::Value,
    place: &str,
    depth: usize,
    found: &mut Vec<(String, String)>,
) {
    if depth > 32 || found.len() >= 10 {
        return;
    }
    let join = |key: &str| match place {
        "" => key.to_string(),
        _ => format!("{place}.{key}"),
    };
    match value {
        serde_norway::Value::Mapping(map) => {
            for (key, inner) in map {
                let Some(key) = key.as_str() else { continue };
                match (key, inner) {
                    ("risk_matrix", serde_norway::Value::String(urn)) => {
                        found.push((join(key), urn.clone()));
                    }
                    ("risk_matrix", serde_norway::Value::Sequence(list)) => {
                        for (k, item) in list.iter().enumerate() {
                            if let Some(urn) = item.as_str() {
                                found.push((format!("{}[{k}]", join(key)), urn.to_string()));
                            }
                        }
                    }
                    _ => find_references(inner, &join(key), depth + 1, found),
                }
            }
        }
        serde_norway::Value::Sequence(list) => {
            for (k, item) in list.iter().enumerate() {
                find_references(item, &format!("{place}[{k}]"), depth + 1, found);
            }
        }
        serde_norway::Value::Tagged(tagged) => {
            find_references(&tagged.value, place, depth + 1, found);
        }
        _ => {}
    }
}

/// The error for a file with no `risk_matrix` in `objects` and no reference to one,
/// saying what the file holds instead when it is a CISO Assistant library of another kind.
fn not_a_library(yaml: &str) -> Error {
    let kinds: Vec<String> = serde_norway::from_str::<serde_norway::Value>(yaml)
        .ok()
        .and_then(|v| {
            v.get("objects").and_then(|o| o.as_mapping()).map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str())
                    .map(String::from)
                    .collect()
            })
        })
        .unwrap_or_default();
    let holds = match kinds.len() {
        0 => String::new(),
        _ => format!(" (its objects are {})", kinds.join(", ")),
    };
    Error::invalid(
        "objects",
        kinds.join(", "),
        format!(
            "no risk_matrix in objects{holds}: this is not a CISO Assistant risk-matrix library"
        ),
    )
}

pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A YAML error as an input error: where it is (the path and the line and column) and
/// the text of that line.
fn yaml_error(yaml: &str, e: serde_path_to_error::Error<serde_norway::Error>) -> Error {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let mut message = inner.to_string();
    let location = inner.location();
    if let Some(loc) = &location {
        // The field and the message say where; the parser's own words need not.
        let at = format!(" at line {} column {}", loc.line(), loc.column());
        message = message.replacen(&at, "", 1);
    }
    // serde_norway puts its own path first; the field says it already.
    if let Some((head, rest)) = message.split_once(": ") {
        if !head.contains(' ') && (head.contains('.') || head.contains('[')) {
            message = rest.to_string();
        }
    }
    // A syntax error inside a mapping ends the path with `?` (no key yet).
    let path = path.trim_end_matches(".?").trim_end_matches('?');
    let field = match path.strip_prefix("objects.").unwrap_or(path) {
        "" | "." => "yaml".to_string(),
        p => p.to_string(),
    };
    let (where_, text) = match &location {
        Some(loc) => {
            let line: String = yaml
                .lines()
                .nth(loc.line().saturating_sub(1))
                .unwrap_or_default()
                .trim()
                .chars()
                .take(60)
                .collect();
            (
                format!(" at line {}, column {}", loc.line(), loc.column()),
                line,
            )
        }
        None => (String::new(), String::new()),
    };
    Error::invalid(
        field,
        text,
        format!("not a valid CISO Assistant library{where_}: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, Option<String>)> {
        read_colour(text).map(|c| {
            if let Some((written, _)) = &c.slip {
                assert_eq!(written, text, "the note quotes the text as written");
            }
            (c.hex, c.slip.map(|(_, slip)| slip))
        })
    }

    #[test]
    fn colours_as_written_are_read_without_a_note() {
        for (text, hex) in [
            ("#BEF264", "#BEF264"),
            ("#bef264", "#BEF264"),
            ("  #BeF264 ", "#BEF264"),
            ("#0a0", "#00AA00"),
            ("#FFF", "#FFFFFF"),
        ] {
            assert_eq!(read(text), Some((hex.to_string(), None)), "{text:?}");
        }
    }

    #[test]
    fn colour_typos_are_read_and_said() {
        for (text, hex, slip) in [
            ("##BEF264", "#BEF264", "a doubled #"),
            ("###bef264", "#BEF264", "a doubled #"),
            (" ##BEF264", "#BEF264", "a doubled #"),
            ("BEF264", "#BEF264", "without its #"),
            ("bef264 ", "#BEF264", "without its #"),
            ("0A0", "#00AA00", "without its #"),
            ("# BEF264", "#BEF264", "a space after #"),
            ("#BEF26480", "#BEF264", "an alpha channel"),
            ("#0a08", "#00AA00", "an alpha channel"),
            (
                "##0a08",
                "#00AA00",
                "a doubled # and an alpha channel, dropped",
            ),
            ("## fc3", "#FFCC33", "a doubled # and a space after #"),
            ("orange", "#FFA500", "a CSS colour name"),
            ("Red", "#FF0000", "a CSS colour name"),
            (" Light Green ", "#90EE90", "a CSS colour name"),
            ("dark-red", "#8B0000", "a CSS colour name"),
            ("rebeccapurple", "#663399", "a CSS colour name"),
            ("GREY", "#808080", "a CSS colour name"),
        ] {
            let (got, said) = read(text).unwrap_or_else(|| panic!("{text:?} not read"));
            assert_eq!(got, hex, "{text:?}");
            let said = said.unwrap_or_else(|| panic!("{text:?} read without a note"));
            assert!(said.starts_with(slip), "{text:?}: {said}");
        }
    }

    #[test]
    fn unreadable_colours_are_not_guessed() {
        for text in [
            "",
            " ",
            "#",
            "##",
            "#FFAA0",
            "#FFAA000",
            "#GGHHII",
            "FFAA0G",
            "light orange",
            "#12345",
            "cafe",
            "deadbeef",
            "transparent",
            "rgb(0, 128, 0)",
            "#FF AA 00",
            "0x00FF00",
            "é",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn css_colour_table_is_sorted_and_well_formed() {
        assert!(CSS_COLOURS.windows(2).all(|w| w[0].0 < w[1].0));
        for (name, hex) in CSS_COLOURS {
            assert!(name.chars().all(|c| c.is_ascii_lowercase()), "{name}");
            assert_eq!(
                read_colour(hex).map(|c| c.hex).as_deref(),
                Some(hex),
                "{name}"
            );
        }
        assert_eq!(css_colour("black"), Some("#000000"));
        assert_eq!(css_colour("white"), Some("#FFFFFF"));
        assert_eq!(css_colour("yellowgreen"), Some("#9ACD32"));
    }

    /// Hue in degrees, 0 for red, 120 for green.
    fn hue(hex: &str) -> f64 {
        let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
        let (r, g, b) = (channel(1), channel(3), channel(5));
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        assert!(max > min, "{hex} is grey");
        let h = if max == r {
            60.0 * ((g - b) / (max - min))
        } else if max == g {
            60.0 * ((b - r) / (max - min) + 2.0)
        } else {
            60.0 * ((r - g) / (max - min) + 4.0)
        };
        h.rem_euclid(360.0)
    }

    #[test]
    fn palette_runs_from_green_to_red_by_rank() {
        for n in 2..=MAX_LEVELS {
            let ramp: Vec<&str> = (0..n).map(|k| palette_colour(k, n)).collect();
            assert_eq!(ramp[0], GREEN, "{n} levels");
            assert_eq!(ramp[n - 1], RED, "{n} levels");
            // Every step moves from green towards red, and no two levels share a colour.
            let hues: Vec<f64> = ramp.iter().map(|c| hue(c)).collect();
            assert!(
                hues.windows(2).all(|w| w[0] > w[1]),
                "{n}: {ramp:?} {hues:?}"
            );
            assert!(hues[0] > 90.0 && hues[n - 1] < 10.0, "{hues:?}");
            for c in &ramp {
                assert_eq!(read_colour(c).map(|r| r.hex).as_deref(), Some(*c));
            }
        }
        assert_eq!(
            (0..4).map(|k| palette_colour(k, 4)).collect::<Vec<_>>(),
            [GREEN, YELLOW, ORANGE, RED],
            "four levels as the built-in 4×4 preset colours them"
        );
        // Beyond the ramp (never with MAX_LEVELS levels), the highest colour holds.
        assert_eq!(palette_colour(9, 3), RED);
    }

    #[test]
    fn missing_risk_colours_are_supplied_by_rank_and_noted() {
        let yaml = r#"
objects:
  risk_matrix:
  - name: No colours
    probability: [{name: Low}, {name: High}]
    impact: [{name: Low}, {name: High}]
    risk:
    - {name: Low}
    - {name: Medium, hexcolor: ''}
    - {name: High, hexcolor: '##c62828'}
    - name: Very high
      hexcolor: #C62828
    grid: [[0, 1], [2, 3]]
"#;
        let library = parse_ciso_assistant(yaml).unwrap();
        let colours: Vec<&str> = library.matrices[0]
            .levels
            .iter()
            .map(|l| l.colour.as_str())
            .collect();
        assert_eq!(colours, [GREEN, YELLOW, "#C62828", RED]);
        let notes: Vec<String> = library.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(
            notes[0],
            "risk_matrix[0].risk[2].hexcolor: read \"##c62828\" as #C62828 (a doubled #)"
        );
        assert!(
            notes[1].starts_with(
                "risk_matrix[0].risk: 3 of the 4 risk levels have no hexcolor (missing, empty, \
                 or an unquoted # that YAML reads as a comment); gave colours by rank"
            ) && notes[1].ends_with("Low #2E7D32, Medium #FBC02D, Very high #C62828"),
            "{}",
            notes[1]
        );
        assert!(library.notes.iter().all(|n| n.matrix == 0));
        assert_eq!(library.notes_for(0).count(), 2);
        assert_eq!(library.notes_for(1).count(), 0);
    }
}
