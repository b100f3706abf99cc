//! The workbook's "Health" and "Readings" sheets: every indicator with its thresholds,
//! status, change and reason, the risks it informs and the exit triggers it fires; then
//! every reading, replaced ones included and marked. Written only for a partnership that
//! has indicators.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::health::{Reading, Unit};
use crate::store::IndicatorHealth;

pub(crate) const HEALTH: &str = "Health";
pub(crate) const READINGS: &str = "Readings";

/// What the sheets show.
pub(crate) struct HealthSheet {
    pub health: Vec<IndicatorHealth>,
    /// Every reading, by indicator and day, a replaced one before the one replacing it.
    pub readings: Vec<Reading>,
}

type R = std::result::Result<(), XlsxError>;

fn head(sheet: &mut Worksheet, row: u32, columns: &[(&str, f64)], header: &Format) -> R {
    for (c, (text, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *text, header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str) -> R {
    if !value.is_empty() {
        sheet.write_string(row, col, value)?;
    }
    Ok(())
}

/// A value of an indicator in `unit`. Percentages keep the number the app stores (99.5)
/// and show it as "99.5 %": a fraction cell (0.995 shown as 99.5%) would come back as
/// 0.995 % through the readings import, which reads numbers as they are stored.
fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    unit: (Unit, &Format),
) -> R {
    if let Some(v) = value {
        match unit.0 {
            Unit::Percent | Unit::PercentOfPlan => {
                sheet.write_number_with_format(row, col, v, unit.1)?;
            }
            _ => {
                sheet.write_number(row, col, v)?;
            }
        }
    }
    Ok(())
}

/// The number format of a percentage stored as 99.5: "99.5 %", "99.0 %", "99.95 %".
pub(crate) const PERCENT_FORMAT: &str = "0.0## \\%";

fn percent() -> Format {
    Format::new().set_num_format(PERCENT_FORMAT)
}

/// The "Health" sheet. `risk_names` gives a risk's reference by its id.
pub(crate) fn write_health(
    sheet: &mut Worksheet,
    name: &str,
    data: &HealthSheet,
    reference: &dyn Fn(&str) -> String,
    header: &Format,
    title: &Format,
) -> R {
    sheet.set_name(HEALTH)?;
    sheet.write_string_with_format(0, 0, format!("Health — {name}"), title)?;
    let columns = [
        ("Indicator", 28.0),
        ("Unit", 14.0),
        ("Direction", 16.0),
        ("Target", 10.0),
        ("Amber", 10.0),
        ("Red", 10.0),
        ("Frequency", 12.0),
        ("Owner", 16.0),
        ("Source", 10.0),
        ("Status", 10.0),
        ("Latest", 10.0),
        ("On", 12.0),
        ("Change", 28.0),
        ("Reason", 60.0),
        ("Risks", 18.0),
        ("Exit triggers", 30.0),
    ];
    head(sheet, 2, &columns, header)?;
    sheet.set_freeze_panes(3, 1)?;
    let pct = percent();
    for (n, h) in data.health.iter().enumerate() {
        let row = 3 + n as u32;
        let (f, s) = (&h.indicator.fields, &h.status);
        text(sheet, row, 0, &f.name)?;
        text(sheet, row, 1, f.unit.as_str())?;
        text(sheet, row, 2, f.direction.words())?;
        number(sheet, row, 3, f.target, (f.unit, &pct))?;
        number(sheet, row, 4, Some(f.amber), (f.unit, &pct))?;
        number(sheet, row, 5, Some(f.red), (f.unit, &pct))?;
        text(sheet, row, 6, f.frequency.as_str())?;
        text(sheet, row, 7, &f.owner)?;
        text(sheet, row, 8, f.source.as_str())?;
        text(sheet, row, 9, &s.status.as_str().replace('_', " "))?;
        number(sheet, row, 10, s.latest.map(|p| p.value), (f.unit, &pct))?;
        text(
            sheet,
            row,
            11,
            &s.latest.map(|p| p.date.to_string()).unwrap_or_default(),
        )?;
        text(sheet, row, 12, &s.change_words)?;
        text(sheet, row, 13, &s.reason)?;
        let risks: Vec<String> = f.risk_ids.iter().map(|id| reference(id)).collect();
        text(sheet, row, 14, &risks.join(", "))?;
        let triggers: Vec<&str> = f.exit_triggers.iter().map(|t| t.trigger.as_str()).collect();
        text(sheet, row, 15, &triggers.join("; "))?;
    }
    if !data.health.is_empty() {
        sheet.autofilter(2, 0, 2 + data.health.len() as u32, columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// The "Readings" sheet, written row by row (constant memory).
pub(crate) fn write_readings(sheet: &mut Worksheet, data: &HealthSheet, header: &Format) -> R {
    sheet.set_name(READINGS)?;
    let columns = [
        ("Indicator", 28.0),
        ("Date", 12.0),
        ("Value", 12.0),
        ("Note", 40.0),
        ("Recorded by", 16.0),
        ("Recorded at", 20.0),
        ("Replaced", 10.0),
    ];
    head(sheet, 0, &columns, header)?;
    sheet.set_freeze_panes(1, 0)?;
    let pct = percent();
    let names: std::collections::HashMap<&str, (&str, Unit)> = data
        .health
        .iter()
        .map(|h| {
            let f = &h.indicator.fields;
            (h.indicator.id.as_str(), (f.name.as_str(), f.unit))
        })
        .collect();
    let replaced: std::collections::HashSet<&str> = data
        .readings
        .iter()
        .filter_map(|r| r.replaces.as_deref())
        .collect();
    for (n, r) in data.readings.iter().enumerate() {
        let row = 1 + n as u32;
        let (name, unit) = names
            .get(r.indicator_id.as_str())
            .copied()
            .unwrap_or(("", Unit::Number));
        text(sheet, row, 0, name)?;
        text(sheet, row, 1, &r.fields.date.to_string())?;
        number(sheet, row, 2, Some(r.fields.value), (unit, &pct))?;
        text(sheet, row, 3, &r.fields.note)?;
        text(sheet, row, 4, &r.recorded_by)?;
        text(
            sheet,
            row,
            5,
            &r.recorded_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        )?;
        if replaced.contains(r.id.as_str()) {
            text(sheet, row, 6, "yes")?;
        }
    }
    Ok(())
}
