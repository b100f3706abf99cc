//! Colours as CISO Assistant's pages would show them: a palette for levels without one,
//! and the slips people make (`##RRGGBB`, no `#`, alpha, CSS names) read past.
use super::*;

pub(super) const LIME: &str = "#C0CA33";
pub(super) const DEEP_ORANGE: &str = "#E64A19";

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

/// A colour as read: `#RRGGBB` in upper case, as the presets write colours, and, when the
/// text had a slip that was read past, the text as written and what the slip was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Colour {
    pub(super) hex: String,
    pub(super) slip: Option<(String, String)>,
}

/// Reads a colour as a person would: `#RGB` or `#RRGGBB` in any case with spaces around
/// it as written; with slips read past and said: no `#` (`RRGGBB`), a doubled `##`, a
/// space after `#`, an alpha channel (`#RRGGBBAA`, `#RGBA`, dropped), a CSS colour name.
/// Without `#`, only 3 or 6 digits are read (so that words such as `cafe` are not).
/// Anything else is not a colour.
pub(super) fn read_colour(text: &str) -> Option<Colour> {
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
pub(super) fn css_colour(name: &str) -> Option<&'static str> {
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
pub(super) const CSS_COLOURS: [(&str, &str); 148] = [
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
