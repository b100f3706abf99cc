//! The workbook's "Loss" sheet (issue 24): every stage's money estimate of every risk,
//! with its exact expected annual loss, then the kept simulations' figures per stage.
//! Written only for a partnership with estimates or kept runs.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::model::{Risk, ScoreKind};
use crate::quant::{Frequency, LossPerEvent};
use crate::store::QuantResults;

pub(crate) const LOSS: &str = "Loss";

pub(crate) struct LossSheet {
    /// The risks with at least one estimate, in reference order.
    pub risks: Vec<Risk>,
    pub results: QuantResults,
}

type R = std::result::Result<(), XlsxError>;

fn number(sheet: &mut Worksheet, row: u32, col: u16, value: Option<f64>) -> R {
    if let Some(v) = value {
        sheet.write_number(row, col, v)?;
    }
    Ok(())
}

pub(crate) fn write(
    sheet: &mut Worksheet,
    name: &str,
    data: &LossSheet,
    header: &Format,
    title: &Format,
) -> R {
    sheet.set_name(LOSS)?;
    let currency = data.results.currency.as_deref().unwrap_or("");
    sheet.write_string_with_format(0, 0, format!("Loss in money — {name} {currency}"), title)?;
    let columns = [
        ("Reference", 11.0),
        ("Title", 40.0),
        ("Stage", 10.0),
        ("Frequency", 14.0),
        ("Events a year", 13.0),
        ("Rate low", 10.0),
        ("Rate high", 10.0),
        ("Probability", 11.0),
        ("Loss", 10.0),
        ("Low", 13.0),
        ("High", 13.0),
        ("Minimum", 13.0),
        ("Most likely", 13.0),
        ("Maximum", 13.0),
        ("Expected a year", 15.0),
    ];
    for (c, (text, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *text, header)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(3, 1)?;
    let mut row = 3u32;
    for risk in &data.risks {
        for stage in ScoreKind::ALL {
            let Some(e) = risk.fields.loss(stage) else {
                continue;
            };
            sheet.write_string(row, 0, &risk.reference)?;
            sheet.write_string(row, 1, &risk.fields.title)?;
            sheet.write_string(row, 2, stage.as_str())?;
            match e.frequency {
                Some(Frequency::Rate { per_year }) => {
                    sheet.write_string(row, 3, "rate")?;
                    sheet.write_number(row, 4, per_year)?;
                }
                Some(Frequency::RateRange { low, high }) => {
                    sheet.write_string(row, 3, "rate range")?;
                    sheet.write_number(row, 5, low)?;
                    sheet.write_number(row, 6, high)?;
                }
                Some(Frequency::Probability { p }) => {
                    sheet.write_string(row, 3, "probability")?;
                    sheet.write_number(row, 7, p)?;
                }
                None => {}
            }
            match e.loss {
                Some(LossPerEvent::Range { low, high }) => {
                    sheet.write_string(row, 8, "90 % range")?;
                    sheet.write_number(row, 9, low)?;
                    sheet.write_number(row, 10, high)?;
                }
                Some(LossPerEvent::Pert { min, mode, max }) => {
                    sheet.write_string(row, 8, "PERT")?;
                    sheet.write_number(row, 11, min)?;
                    sheet.write_number(row, 12, mode)?;
                    sheet.write_number(row, 13, max)?;
                }
                None => {}
            }
            number(sheet, row, 14, e.expected_annual_loss())?;
            row += 1;
        }
    }
    if row > 3 {
        sheet.autofilter(2, 0, row - 1, columns.len() as u16 - 1)?;
    }
    // The kept simulations.
    row += 2;
    let figures = [
        ("Simulated stage", 0),
        ("Risks", 0),
        ("Years", 0),
        ("Seed", 0),
        ("Mean", 0),
        ("Median", 0),
        ("P90", 0),
        ("P95", 0),
        ("P99", 0),
        ("ES 99 %", 0),
        ("P(loss)", 0),
        ("P(> threshold)", 0),
        ("Out of date", 0),
        ("Outside tolerance", 0),
        ("Run at", 0),
    ];
    for (c, (text, _)) in figures.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *text, header)?;
    }
    for s in &data.results.stages {
        row += 1;
        let f = &s.figures;
        sheet.write_string(row, 0, s.stage.as_str())?;
        sheet.write_number(row, 1, f.risks)?;
        sheet.write_number(row, 2, f.years)?;
        sheet.write_string(row, 3, f.seed.to_string())?;
        for (c, v) in [f.mean, f.median, f.p90, f.p95, f.p99, f.es99, f.p_any_loss]
            .into_iter()
            .enumerate()
        {
            sheet.write_number(row, 4 + c as u16, v)?;
        }
        number(sheet, row, 11, f.p_over_threshold)?;
        sheet.write_boolean(row, 12, s.out_of_date)?;
        if let Some(t) = s.tolerance {
            sheet.write_boolean(row, 13, t.outside)?;
        }
        sheet.write_string(row, 14, s.run_at.format("%Y-%m-%d %H:%M").to_string())?;
    }
    Ok(())
}
