//! Colours, text styles and alignment: the look shared by every document of the app.

use printpdf::{Color, Rgb};

/// An RGB colour with channels from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Colour {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour {
            r: r as f32 / 255.0,
            g: g as f32 / 255.0,
            b: b as f32 / 255.0,
        }
    }

    /// Parses `#RRGGBB` (matrices are validated to that form); grey otherwise.
    pub fn hex(text: &str) -> Colour {
        let channel = |i: usize| {
            text.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (channel(1), channel(3), channel(5)) {
            (Some(r), Some(g), Some(b)) if text.len() == 7 => Colour::rgb(r, g, b),
            _ => GREY,
        }
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f32 {
        let lin = |c: f32| {
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// Black or white, whichever contrasts more with this background.
    pub fn text_on(self) -> Colour {
        let l = self.luminance();
        let with_black = (l + 0.05) / 0.05;
        let with_white = 1.05 / (l + 0.05);
        if with_black >= with_white {
            BLACK
        } else {
            WHITE
        }
    }

    /// The colour as printpdf writes it.
    pub(super) fn pdf(self) -> Color {
        // Three decimals are finer than 8-bit colour and keep the streams short.
        let c = |v: f32| (v * 1000.0).round() / 1000.0;
        Color::Rgb(Rgb {
            r: c(self.r),
            g: c(self.g),
            b: c(self.b),
            icc_profile: None,
        })
    }
}

// The palette.
pub(crate) const BLACK: Colour = Colour::rgb(0, 0, 0);
pub(crate) const WHITE: Colour = Colour::rgb(255, 255, 255);
/// Body text.
pub(crate) const INK: Colour = Colour::rgb(0x1A, 0x1A, 0x1A);
/// Secondary text: intros, notes, labels.
pub(crate) const MUTED: Colour = Colour::rgb(0x55, 0x5B, 0x66);
/// Empty values and unknown levels.
pub(crate) const GREY: Colour = Colour::rgb(0x9E, 0x9E, 0x9E);
/// Hairlines between rows and under the running header.
pub(crate) const RULE: Colour = Colour::rgb(0xC8, 0xCD, 0xD4);
/// Alternate table rows, totals, figure boxes.
pub(crate) const ZEBRA: Colour = Colour::rgb(0xF4, 0xF6, 0xF8);
/// Headings, table headers, accents.
pub(crate) const NAVY: Colour = Colour::rgb(0x1F, 0x3A, 0x5F);
/// Group bands and grand totals in tables.
pub(crate) const BAND: Colour = Colour::rgb(0xE3, 0xEA, 0xF3);
/// Background of an overdue row.
pub(crate) const OVERDUE: Colour = Colour::rgb(0xFD, 0xE2, 0xE1);
/// Text that needs attention: overdue, outside appetite, confidentiality.
pub(crate) const ALERT: Colour = Colour::rgb(0xB0, 0x1C, 0x1C);
/// Text for an improvement (a risk that moved to a lower level).
pub(crate) const GOOD: Colour = Colour::rgb(0x2E, 0x7D, 0x32);

/// A text style: size in points, weight and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl Style {
    pub const fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            colour: INK,
        }
    }
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }
    pub const fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }
    /// The height of one line of text.
    pub fn leading(self) -> f32 {
        self.size * 1.24
    }
    /// Where the baseline sits below the top of a line box.
    pub fn baseline(self) -> f32 {
        self.leading() * 0.5 + self.size * 0.36
    }
}

/// Table cells and body text.
pub(crate) const BODY: Style = Style::new(8.0);
/// Second lines in cells: details, notes, the cell of a score.
pub(crate) const SMALL: Style = Style::new(6.8);
/// Table header rows (white on navy).
pub(crate) const HEAD: Style = Style::new(7.5).bold().colour(WHITE);

/// Horizontal alignment of a line within a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}
