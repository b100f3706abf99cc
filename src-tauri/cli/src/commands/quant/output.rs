//! What `prisk quant` prints.

use partner_risk_core::error::Error;
use partner_risk_core::model::ScoreKind;
use partner_risk_core::quant::{MitigationPlanValue, QuantSettings};
use partner_risk_core::store::{QuantResults, RiskCells};
use partner_risk_core::Result;

use crate::output::{print_json, table};

/// An amount with thousands separators, no decimals.
pub fn amount(x: f64) -> String {
    let whole = x.round().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 {
        format!("-{out}")
    } else {
        out
    }
}

pub fn percent(p: f64) -> String {
    let pct = p * 100.0;
    if pct != 0.0 && pct < 1.0 {
        format!("{pct:.2} %")
    } else {
        format!("{pct:.1} %")
    }
}

/// A settings error named after the option typed.
pub fn option_error(e: Error) -> Error {
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => Error::Invalid {
            field: format!("--{}", field.replace('_', "-")),
            value,
            message,
        },
        other => other,
    }
}

pub fn results(name: &str, results: &QuantResults, only: &[ScoreKind], json: bool) -> Result<()> {
    if json {
        return print_json(results);
    }
    let currency = results.currency.as_deref().unwrap_or("(no currency set)");
    let stages: Vec<_> = results
        .stages
        .iter()
        .filter(|s| only.is_empty() || only.contains(&s.stage))
        .collect();
    let Some(first) = stages.first() else {
        outln!("{name}: no simulation kept (run `prisk quant run`)");
        return Ok(());
    };
    outln!(
        "{name}: annual loss in {currency}, {} simulated years, seed {}",
        amount(f64::from(first.figures.years)),
        first.figures.seed
    );
    let rows = stages
        .iter()
        .map(|s| {
            let f = &s.figures;
            let mut stage = s.stage.as_str().to_string();
            if s.out_of_date {
                stage.push_str(" (out of date)");
            }
            vec![
                stage,
                f.risks.to_string(),
                amount(f.mean),
                amount(f.std_error),
                amount(f.median),
                amount(f.p90),
                amount(f.p95),
                amount(f.p99),
                amount(f.es99),
                percent(f.p_any_loss),
                f.p_over_threshold
                    .map(percent)
                    .unwrap_or_else(|| "-".into()),
                match &s.tolerance {
                    Some(t) if t.outside => "OUTSIDE".into(),
                    Some(_) => "within".into(),
                    None => "-".into(),
                },
            ]
        })
        .collect();
    let threshold = first
        .figures
        .threshold
        .map(|t| format!("P(>{})", amount(t)))
        .unwrap_or_else(|| "P(>threshold)".into());
    table(
        &[
            "stage",
            "risks",
            "mean",
            "±se",
            "median",
            "P90",
            "P95",
            "P99",
            "ES99",
            "P(>0)",
            &threshold,
            "tolerance",
        ],
        rows,
    );
    for s in &stages {
        if let Some(t) = s.tolerance.filter(|t| t.outside) {
            outln!(
                "{}: outside tolerance — P(loss > {}) is {} where {} is tolerated",
                s.stage.as_str(),
                amount(t.worst_loss),
                percent(t.probability),
                percent(t.tolerated)
            );
        }
    }
    for s in &stages {
        let top: Vec<Vec<String>> = s
            .figures
            .contributions
            .iter()
            .take(5)
            .map(|c| {
                vec![
                    c.reference.clone(),
                    amount(c.mean),
                    percent(c.share_of_mean),
                    percent(c.share_of_tail),
                    c.title.clone(),
                ]
            })
            .collect();
        if top.is_empty() {
            continue;
        }
        outln!("\nTop contributors, {}:", s.stage.as_str());
        table(&["risk", "mean", "of mean", "of tail", "title"], top);
    }
    for (stage, missing) in &results.incomplete {
        if only.is_empty() || only.contains(stage) {
            let shown: Vec<&str> = missing.iter().take(10).map(String::as_str).collect();
            let more = missing.len() - shown.len();
            outln!(
                "\n{} open risk(s) without a complete {} estimate: {}{}",
                missing.len(),
                stage.as_str(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
    }
    Ok(())
}

pub fn settings(s: &QuantSettings, json: bool) -> Result<()> {
    if json {
        return print_json(s);
    }
    let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    outln!("currency    {}", or_none(s.currency.clone()));
    outln!("threshold   {}", or_none(s.threshold.map(amount)));
    outln!("years       {}", amount(f64::from(s.years)));
    outln!("seed        {}", or_none(s.seed.map(|x| x.to_string())));
    outln!("cost years  {}", s.cost_years);
    outln!(
        "tolerance   {}",
        or_none(s.tolerance.map(|t| format!(
            "{}:{} {}:{}",
            t.points[0].probability, t.points[0].loss, t.points[1].probability, t.points[1].loss
        )))
    );
    Ok(())
}

pub fn cells(all: &[RiskCells], json: bool) -> Result<()> {
    if json {
        return print_json(&all);
    }
    let cell = |s: Option<partner_risk_core::matrix::Score>| {
        s.map(|s| s.to_string()).unwrap_or_else(|| "-".into())
    };
    let rows = all
        .iter()
        .flat_map(|r| {
            r.stages
                .iter()
                .filter(|s| s.implied.is_some())
                .map(move |s| {
                    vec![
                        r.reference.clone(),
                        s.stage.as_str().into(),
                        cell(s.chosen),
                        cell(s.implied),
                        if s.disagrees {
                            "DISAGREES".into()
                        } else {
                            String::new()
                        },
                    ]
                })
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        outln!("no risk has numbers the matrix's ranges can place");
    } else {
        table(&["risk", "stage", "chosen", "numbers", ""], rows);
    }
    let flagged = all.iter().filter(|r| r.disagrees()).count();
    outln!("{flagged} risk(s) where the numbers and the cell disagree by more than one step");
    Ok(())
}

pub fn value(v: &MitigationPlanValue, json: bool) -> Result<()> {
    if json {
        return print_json(v);
    }
    let currency = v.currency.as_deref().unwrap_or("");
    let rows = v
        .risks
        .iter()
        .map(|r| {
            vec![
                r.reference.clone(),
                r.from.as_str().into(),
                amount(r.avoided),
                amount(r.annual_cost),
                amount(r.net),
                r.return_on_cost.map(percent).unwrap_or_else(|| "-".into()),
                r.title.clone(),
            ]
        })
        .collect();
    outln!(
        "Mitigation value a year in {currency} (costs spread over {} years), best first",
        v.cost_years
    );
    table(
        &[
            "risk", "from", "avoided", "cost/yr", "net", "return", "title",
        ],
        rows,
    );
    outln!(
        "plan: {} avoided, {} cost a year, net {}{}",
        amount(v.avoided),
        amount(v.annual_cost),
        amount(v.net),
        v.return_on_cost
            .map(|r| format!(", return {}", percent(r)))
            .unwrap_or_default()
    );
    if !v.without_estimates.is_empty() {
        outln!(
            "without a current and a target estimate: {}",
            v.without_estimates.join(", ")
        );
    }
    Ok(())
}
