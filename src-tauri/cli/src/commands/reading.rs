//! `prisk reading`: the readings of an indicator — add one (a second of the same day only
//! with `--replace`, the replaced one kept), list them.

use clap::Subcommand;
use partner_risk_core::health::ReadingFields;
use partner_risk_core::model::parse_date;
use partner_risk_core::Result;

use super::indicator::{flag_error as flag, parse_number};
use crate::context::Context;

#[derive(Subcommand)]
pub enum ReadingCmd {
    /// Record a reading of an indicator.
    Add {
        /// The indicator's name or id.
        indicator: String,
        /// The partnership (id or exact name), when several have an indicator of that name.
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Replace the reading of that day (it is kept, marked as replaced).
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// An indicator's readings, oldest first (`--all`: replaced ones too).
    List {
        indicator: String,
        #[arg(long)]
        partnership: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: ReadingCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        ReadingCmd::Add {
            indicator,
            partnership,
            date,
            value,
            note,
            replace,
            json,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let fields = ReadingFields {
                date: parse_date(&date, "--date")?,
                value: parse_number(&value, "--value")?,
                note,
            };
            let reading = store
                .add_reading(&i.id, fields, replace, ctx.today())
                .map_err(flag)?;
            if json {
                return crate::output::print_json(&reading);
            }
            let verb = if reading.replaces.is_some() {
                "replaced the reading of"
            } else {
                "recorded"
            };
            let status = store.indicator_health(&i.id, ctx.today())?.status;
            outln!(
                "{verb} {} {} on {}; status {}: {}",
                i.fields.name,
                i.fields.unit.format(reading.fields.value),
                reading.fields.date,
                status.status,
                status.reason
            );
            Ok(())
        }
        ReadingCmd::List {
            indicator,
            partnership,
            all,
            json,
        } => {
            let i = store.find_indicator(partnership.as_deref(), &indicator)?;
            let readings = store.readings(&i.id, all)?;
            if json {
                return crate::output::print_json(&readings);
            }
            let rows = readings
                .iter()
                .map(|r| {
                    vec![
                        r.fields.date.to_string(),
                        i.fields.unit.format(r.fields.value),
                        r.fields.note.clone(),
                        r.recorded_by.clone(),
                    ]
                })
                .collect();
            crate::output::table(&["Date", "Value", "Note", "By"], rows);
            Ok(())
        }
    }
}
