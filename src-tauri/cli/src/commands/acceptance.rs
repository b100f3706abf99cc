//! `prisk acceptance`: ask for a risk to be accepted, record the approver's decision,
//! revoke, and list every acceptance kept.

use clap::Subcommand;
use partner_risk_core::model::parse_date;
use partner_risk_core::review::acceptance::{Acceptance, AcceptanceRequest, AcceptanceState};
use partner_risk_core::{Error, Result, Store};

use crate::context::Context;
use crate::output::{print_json, table};

#[derive(Subcommand)]
pub enum AcceptanceCmd {
    /// Ask for a risk to be accepted, naming who is to approve it.
    Request {
        #[arg(long)]
        partnership: String,
        /// The risk's reference or id.
        risk: String,
        #[arg(long)]
        approver: String,
        #[arg(long)]
        justification: String,
        /// When the acceptance ends (after today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        expiry: String,
    },
    /// Record that the approver approved the risk's pending request.
    Approve {
        #[arg(long)]
        partnership: String,
        risk: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that the approver refused the risk's pending request (a note is required).
    Reject {
        #[arg(long)]
        partnership: String,
        risk: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Withdraw the risk's approved acceptance (a reason is required).
    Revoke {
        #[arg(long)]
        partnership: String,
        risk: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Every acceptance of a partnership, or of one risk, oldest first.
    List {
        #[arg(long)]
        partnership: String,
        risk: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: AcceptanceCmd) -> Result<()> {
    let mut store = ctx.store()?;
    let today = ctx.today();
    let done = |a: Acceptance| {
        outln!("{} acceptance of {}: {}", a.reference, a.approver, describe(&a));
        Ok(())
    };
    match cmd {
        AcceptanceCmd::Request {
            partnership,
            risk,
            approver,
            justification,
            expiry,
        } => {
            let risk = risk_id(&store, &partnership, &risk)?;
            let request = AcceptanceRequest {
                approver,
                justification,
                expiry: parse_date(&expiry, "--expiry")?,
            };
            done(store.request_acceptance(&risk, request, today)?)
        }
        AcceptanceCmd::Approve {
            partnership,
            risk,
            note,
        } => {
            let id = latest(&store, &partnership, &risk, AcceptanceState::Requested, today)?;
            done(store.approve_acceptance(&id, &note, today)?)
        }
        AcceptanceCmd::Reject {
            partnership,
            risk,
            note,
        } => {
            let id = latest(&store, &partnership, &risk, AcceptanceState::Requested, today)?;
            done(store.reject_acceptance(&id, &note, today)?)
        }
        AcceptanceCmd::Revoke {
            partnership,
            risk,
            reason,
        } => {
            let id = latest(&store, &partnership, &risk, AcceptanceState::Approved, today)?;
            done(store.revoke_acceptance(&id, &reason, today)?)
        }
        AcceptanceCmd::List {
            partnership,
            risk,
            json,
        } => {
            let list = match risk {
                Some(key) => store.acceptances(&risk_id(&store, &partnership, &key)?, today)?,
                None => {
                    let p = store.find_partnership(&partnership)?;
                    store.partnership_acceptances(&p.id, today)?
                }
            };
            if json {
                return print_json(&list);
            }
            table(
                &["REF", "STATE", "EXPIRES", "APPROVER", "REQUESTED BY", "JUSTIFICATION"],
                list.iter()
                    .map(|a| {
                        vec![
                            a.reference.clone(),
                            describe(a),
                            a.expiry.to_string(),
                            a.approver.clone(),
                            a.requested_by.clone(),
                            a.justification.clone(),
                        ]
                    })
                    .collect(),
            );
            Ok(())
        }
    }
}

fn risk_id(store: &Store, partnership: &str, risk: &str) -> Result<String> {
    let p = store.find_partnership(partnership)?;
    Ok(store.find_risk(&p.id, risk)?.id)
}

/// The risk's last acceptance in `state`: the one a decision or revocation applies to.
fn latest(
    store: &Store,
    partnership: &str,
    risk: &str,
    state: AcceptanceState,
    today: chrono::NaiveDate,
) -> Result<String> {
    let id = risk_id(store, partnership, risk)?;
    store
        .acceptances(&id, today)?
        .into_iter()
        .rfind(|a| a.state == state)
        .map(|a| a.id)
        .ok_or_else(|| {
            Error::invalid(
                "risk",
                risk,
                format!("has no {state} acceptance"),
            )
        })
}

/// The state in words, with the flags an auditor looks for.
fn describe(a: &Acceptance) -> String {
    let mut text = if a.expired {
        "expired".to_string()
    } else {
        a.state.to_string()
    };
    if a.self_approved {
        text.push_str(" (approver is the requester)");
    }
    text
}
