//! `prisk quant`: risk in money (issue 24). Settings (currency, threshold, years, seed,
//! the years a cost is spread over), the tolerance, simulation runs of a partnership and
//! of the portfolio, the kept results, the cells the numbers imply, and the mitigation
//! plan's value. The estimates themselves are set with `prisk risk set --frequency …`.

mod output;

use clap::Subcommand;
use partner_risk_core::error::Error;
use partner_risk_core::model::ScoreKind;
use partner_risk_core::quant::{parse_amount, Tolerance, TolerancePoint};
use partner_risk_core::store::{RunRequest, PORTFOLIO};
use partner_risk_core::Result;

use crate::context::Context;

#[derive(clap::Args)]
pub struct RunOptions {
    /// Simulated years (10,000 to 1,000,000; default: the settings', else 100,000).
    #[arg(long)]
    years: Option<u32>,
    /// The seed (default: the settings', else a fresh one, printed with the results).
    #[arg(long)]
    seed: Option<u64>,
    /// Only these stages (comma-separated: inherent, residual, target).
    #[arg(long, value_delimiter = ',')]
    stage: Vec<String>,
    #[arg(long)]
    json: bool,
}

impl RunOptions {
    fn request(&self) -> Result<RunRequest> {
        let stages = self
            .stage
            .iter()
            .map(|s| ScoreKind::parse(s.trim(), "--stage"))
            .collect::<Result<_>>()?;
        Ok(RunRequest {
            stages,
            years: self.years,
            seed: self.seed,
        })
    }
}

#[derive(Subcommand)]
pub enum QuantCmd {
    /// Simulate a partnership's annual losses and keep the results.
    Run {
        #[arg(long)]
        partnership: String,
        #[command(flatten)]
        options: RunOptions,
    },
    /// Simulate the portfolio (every partnership not archived) and keep the results.
    Portfolio {
        #[command(flatten)]
        options: RunOptions,
    },
    /// The kept results of a partnership (or `portfolio`), marked out of date when the
    /// inputs changed since.
    Show {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// Set the loss exceedance a partnership tolerates, through two points
    /// PROBABILITY:LOSS (e.g. --point 0.10:1000000 --point 0.01:5000000).
    Tolerance {
        partnership: String,
        #[arg(long, value_name = "P:LOSS", num_args = 1)]
        point: Vec<String>,
        /// Remove the tolerance.
        #[arg(long, conflicts_with = "point")]
        clear: bool,
    },
    /// Show or change a partnership's settings: currency, threshold, years, seed.
    Settings {
        partnership: String,
        /// ISO 4217 code of the partnership's amounts (e.g. EUR), or none.
        #[arg(long)]
        currency: Option<String>,
        /// Report P(annual loss > this amount), or none.
        #[arg(long)]
        threshold: Option<String>,
        /// Simulated years of a run that names none.
        #[arg(long)]
        years: Option<u32>,
        /// The seed of a run that names none, or none (a fresh one each run).
        #[arg(long)]
        seed: Option<String>,
        /// Over how many years an action's cost is spread (1 to 50).
        #[arg(long)]
        cost_years: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// The cell each risk's numbers fall in beside the cell chosen; disagreements of more
    /// than one step flagged, and the chosen cells' bands as first estimates.
    Cells {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// What the mitigation plan is worth: loss avoided, annual cost, net value, return.
    Value {
        partnership: String,
        #[arg(long)]
        json: bool,
    },
}

fn none_or<T>(text: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if text.trim().eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

pub fn run(ctx: &Context, cmd: QuantCmd) -> Result<()> {
    let mut store = ctx.store()?;
    match cmd {
        QuantCmd::Run {
            partnership,
            options,
        } => {
            let p = store.find_partnership(&partnership)?;
            let request = options.request()?;
            let results = store.run_quant(&p.id, &request)?;
            output::results(&p.fields.name, &results, &request.stages, options.json)
        }
        QuantCmd::Portfolio { options } => {
            let request = options.request()?;
            let results = store.run_quant(PORTFOLIO, &request)?;
            output::results("Portfolio", &results, &request.stages, options.json)
        }
        QuantCmd::Show { partnership, json } => {
            let (name, scope) = if partnership == PORTFOLIO {
                ("Portfolio".to_string(), PORTFOLIO.to_string())
            } else {
                let p = store.find_partnership(&partnership)?;
                (p.fields.name, p.id)
            };
            let results = store.quant_results(&scope)?;
            output::results(&name, &results, &[], json)
        }
        QuantCmd::Tolerance {
            partnership,
            point,
            clear,
        } => {
            let p = store.find_partnership(&partnership)?;
            let tolerance = if clear {
                None
            } else {
                let [a, b] = point.as_slice() else {
                    return Err(Error::invalid(
                        "--point",
                        point.join(" "),
                        "give two points, e.g. --point 0.10:1000000 --point 0.01:5000000",
                    ));
                };
                Some(Tolerance::new(
                    TolerancePoint::parse(a, "--point")?,
                    TolerancePoint::parse(b, "--point")?,
                )?)
            };
            store.change_quant_settings(&p.id, |s| {
                s.tolerance = tolerance;
                Ok(())
            })?;
            match tolerance {
                Some(t) => outln!(
                    "{}: at most {} chance a year of losing more than {}, {} of more than {}",
                    p.fields.name,
                    output::percent(t.points[0].probability),
                    output::amount(t.points[0].loss),
                    output::percent(t.points[1].probability),
                    output::amount(t.points[1].loss)
                ),
                None => outln!("{}: no tolerance", p.fields.name),
            }
            Ok(())
        }
        QuantCmd::Settings {
            partnership,
            currency,
            threshold,
            years,
            seed,
            cost_years,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let changing = currency.is_some()
                || threshold.is_some()
                || years.is_some()
                || seed.is_some()
                || cost_years.is_some();
            let settings = if changing {
                let currency = currency
                    .map(|c| none_or(&c, |t| Ok(t.trim().to_ascii_uppercase())))
                    .transpose()?;
                let threshold = threshold
                    .map(|t| none_or(&t, |t| parse_amount(t, "--threshold")))
                    .transpose()?;
                let seed = seed
                    .map(|s| {
                        none_or(&s, |t| {
                            t.trim().parse::<u64>().map_err(|_| {
                                Error::invalid("--seed", t, "expected a whole number 0 or above")
                            })
                        })
                    })
                    .transpose()?;
                store
                    .change_quant_settings(&p.id, |s| {
                        if let Some(c) = currency {
                            s.currency = c;
                        }
                        if let Some(t) = threshold {
                            s.threshold = t;
                        }
                        if let Some(y) = years {
                            s.years = y;
                        }
                        if let Some(seed) = seed {
                            s.seed = seed;
                        }
                        if let Some(c) = cost_years {
                            s.cost_years = c;
                        }
                        Ok(())
                    })
                    .map_err(output::option_error)?
            } else {
                store.quant_settings(&p.id)?
            };
            output::settings(&settings, json)
        }
        QuantCmd::Cells { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            output::cells(&store.risk_cells(&p.id)?, json)
        }
        QuantCmd::Value { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            output::value(&store.mitigation_plan_value(&p.id)?, json)
        }
    }
}
