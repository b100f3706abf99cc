//! `prisk workshop`: plan a risk workshop, take the room's votes, reveal their spread,
//! agree scores, close it and print its minutes; ballot files for a first round at home.
//!
//! `W` is a workshop id or exact title, `REF` a risk reference, scores are `L,I`.

mod ballot;
mod output;
mod serve;

use clap::{Args, Subcommand};
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{parse_date, ScoreKind};
use partner_risk_core::workshop::{
    Anonymity, BallotSource, DecidedHow, DecisionFields, ParticipantFields, Side, WorkshopFields,
};
use partner_risk_core::{minutes, Result};

use crate::context::Context;
use crate::output::print_json;
pub use ballot::BallotCmd;

#[derive(Subcommand)]
pub enum WorkshopCmd {
    /// Plan a workshop for a partnership.
    Create {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        place: String,
        #[arg(long, default_value = "")]
        facilitator: String,
        /// Which score of each risk the decisions set.
        #[arg(long, default_value = "residual", value_parser = parse_sets)]
        sets: ScoreKind,
        /// named (votes shown with names after the reveal), room (names kept, never shown)
        /// or anonymous (names not kept).
        #[arg(long, default_value = "named", value_parser = parse_anonymity)]
        anonymity: Anonymity,
        /// Consensus when all votes lie within this many steps on each axis.
        #[arg(long, default_value_t = 1, value_name = "STEPS")]
        consensus_range: u8,
        /// Near consensus: the window around the median, in steps…
        #[arg(long, default_value_t = 1, value_name = "STEPS")]
        near_window: u8,
        /// …and the share of votes that must lie within it, in per cent.
        #[arg(long, default_value_t = 75, value_name = "PERCENT")]
        near_share: u8,
    },
    /// Participants of a workshop.
    #[command(subcommand)]
    Participant(ParticipantCmd),
    /// The agenda: the risks the room will score, in order.
    #[command(subcommand)]
    Agenda(AgendaCmd),
    /// Open voting (planned → running).
    Start { workshop: String },
    /// Record a participant's private vote on a risk (again before the reveal replaces it).
    Vote {
        workshop: String,
        reference: String,
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "L,I")]
        score: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// Entered by the facilitator for someone without a device.
        #[arg(long)]
        proxy: bool,
    },
    /// Reveal the current round: votes (as the anonymity mode allows), median, spread, verdict.
    Reveal {
        workshop: String,
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Start another round of a revealed risk.
    Revote { workshop: String, reference: String },
    /// Put a risk before the room: phones vote on it. Without a reference (or with
    /// --follow-agenda), the room follows the first risk without a decision.
    Current {
        workshop: String,
        reference: Option<String>,
        #[arg(long, conflicts_with = "reference")]
        follow_agenda: bool,
    },
    /// Record the room's decision and write the agreed score to the risk.
    Decide {
        workshop: String,
        reference: String,
        /// The agreed score; not given for a deferred decision.
        #[arg(long, value_name = "L,I")]
        score: Option<String>,
        /// consensus, near, facilitator or deferred.
        #[arg(long, value_parser = parse_how)]
        how: DecidedHow,
        #[arg(long)]
        rationale: String,
        #[arg(long, default_value = "")]
        dissent: String,
    },
    /// End the workshop: its ballots and decisions are frozen and their digest kept.
    Close { workshop: String },
    /// A workshop with its participants, agenda, rounds and decisions.
    Show {
        workshop: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the minutes as PDF (a draft until the workshop is closed).
    Minutes {
        workshop: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: std::path::PathBuf,
    },
    /// The workshops of a partnership.
    List {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        json: bool,
    },
    /// Ballot files for a first round held before the meeting.
    #[command(subcommand)]
    Ballot(BallotCmd),
    /// Let participants vote from their own devices: serve the voting page on one address
    /// of this machine until Ctrl+C; the join URL is the first line printed.
    Serve(serve::ServeArgs),
}

#[derive(Subcommand)]
pub enum ParticipantCmd {
    /// Add a participant (a voter unless --observer).
    Add(ParticipantArgs),
}

#[derive(Args)]
pub struct ParticipantArgs {
    pub workshop: String,
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub role: String,
    /// ours, partner or third-party.
    #[arg(long, default_value = "ours", value_parser = parse_side)]
    pub side: Side,
    /// Takes part without voting.
    #[arg(long)]
    pub observer: bool,
}

#[derive(Subcommand)]
pub enum AgendaCmd {
    /// Append risks to the agenda: REF[,REF...].
    Add { workshop: String, references: String },
}

fn parse_sets(s: &str) -> Result<ScoreKind> {
    ScoreKind::parse(s, "--sets")
}
fn parse_anonymity(s: &str) -> Result<Anonymity> {
    Anonymity::parse(s, "--anonymity")
}
fn parse_side(s: &str) -> Result<Side> {
    Side::parse_loose(s, "--side")
}
fn parse_how(s: &str) -> Result<DecidedHow> {
    DecidedHow::parse_loose(s, "--how")
}

pub fn run(ctx: &Context, cmd: WorkshopCmd) -> Result<()> {
    // Filling a ballot file needs no workspace.
    let cmd = match cmd {
        WorkshopCmd::Ballot(ballot) => return ballot::run(ctx, ballot),
        // The server shares the store with its threads, so it takes the store itself.
        WorkshopCmd::Serve(args) => return serve::run(ctx, args),
        other => other,
    };
    let mut store = ctx.store()?;
    let store = &mut *store;
    match cmd {
        WorkshopCmd::Create {
            partnership,
            title,
            date,
            place,
            facilitator,
            sets,
            anonymity,
            consensus_range,
            near_window,
            near_share,
        } => {
            let p = store.find_partnership(&partnership)?;
            let fields = WorkshopFields {
                title,
                date: date.map(|d| parse_date(&d, "--date")).transpose()?,
                place,
                facilitator,
                sets,
                anonymity,
                rule: partner_risk_core::workshop::ConsensusRule {
                    consensus_range,
                    near_window,
                    near_share_percent: near_share,
                },
                notes: String::new(),
            };
            let w = store.create_workshop(&p.id, fields)?;
            outln!("{}", w.id);
        }
        WorkshopCmd::Participant(ParticipantCmd::Add(a)) => {
            let w = store.find_workshop(&a.workshop)?;
            let p = store.add_participant(
                &w.id,
                ParticipantFields {
                    name: a.name,
                    role: a.role,
                    side: a.side,
                    voter: !a.observer,
                },
            )?;
            outln!("{}", p.id);
        }
        WorkshopCmd::Agenda(AgendaCmd::Add {
            workshop,
            references,
        }) => {
            let w = store.find_workshop(&workshop)?;
            let refs: Vec<String> = references
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            for item in store.add_agenda_items(&w.id, &refs)? {
                outln!("{}. {} {}", item.position, item.reference, item.title);
            }
        }
        WorkshopCmd::Start { workshop } => {
            let w = store.find_workshop(&workshop)?;
            store.start_workshop(&w.id)?;
            outln!("{}: running", w.fields.title);
        }
        WorkshopCmd::Vote {
            workshop,
            reference,
            participant,
            score,
            comment,
            proxy,
        } => {
            let w = store.find_workshop(&workshop)?;
            let item = store.find_agenda_item(&w.id, &reference)?;
            let p = store.find_participant(&w.id, &participant)?;
            let score = Score::parse(&score, "--score")?;
            let source = if proxy {
                BallotSource::Proxy
            } else {
                BallotSource::Room
            };
            store.cast_ballot(&item.id, &p.id, score, &comment, source)?;
            let view = store.item_view(&item.id)?;
            let voted = view.voted.iter().filter(|v| v.voted).count();
            outln!(
                "{}: {voted} of {} have voted in round {}",
                item.reference,
                view.voted.len(),
                item.round
            );
        }
        WorkshopCmd::Reveal {
            workshop,
            reference,
            json,
        } => {
            let w = store.find_workshop(&workshop)?;
            let item = store.find_agenda_item(&w.id, &reference)?;
            store.reveal(&item.id)?;
            let view = store.item_view(&item.id)?;
            let round = view.rounds.last().expect("a revealed item has a round");
            if json {
                print_json(round)?;
            } else {
                output::print_round(&store.workshop_matrix(&w)?, round);
            }
        }
        WorkshopCmd::Revote {
            workshop,
            reference,
        } => {
            let w = store.find_workshop(&workshop)?;
            let item = store.find_agenda_item(&w.id, &reference)?;
            let item = store.revote(&item.id)?;
            outln!("{}: round {} is open", item.reference, item.round);
        }
        WorkshopCmd::Current {
            workshop,
            reference,
            follow_agenda: _,
        } => {
            let w = store.find_workshop(&workshop)?;
            let chosen = reference
                .map(|r| store.find_agenda_item(&w.id, &r))
                .transpose()?;
            store.set_current_item(&w.id, chosen.as_ref().map(|i| i.id.as_str()))?;
            match (chosen, store.current_item(&w.id)?) {
                (Some(item), _) => outln!("the room is on {}: {}", item.reference, item.title),
                (None, Some(item)) => outln!(
                    "the room follows the agenda: now {}: {}",
                    item.reference,
                    item.title
                ),
                (None, None) => outln!("the room follows the agenda: every risk is decided"),
            }
        }
        WorkshopCmd::Decide {
            workshop,
            reference,
            score,
            how,
            rationale,
            dissent,
        } => {
            let w = store.find_workshop(&workshop)?;
            let item = store.find_agenda_item(&w.id, &reference)?;
            let score = score.map(|s| Score::parse(&s, "--score")).transpose()?;
            let d = store.decide(
                &item.id,
                DecisionFields {
                    score,
                    how,
                    rationale,
                    dissent,
                },
            )?;
            match d.fields.score {
                Some(s) => outln!(
                    "{}: {} set to {s} ({})",
                    item.reference,
                    w.fields.sets.as_str(),
                    d.fields.how
                ),
                None => outln!("{}: deferred", item.reference),
            }
        }
        WorkshopCmd::Close { workshop } => {
            let w = store.find_workshop(&workshop)?;
            let closed = store.close_workshop(&w.id)?;
            outln!(
                "{}: closed; ballot digest {}",
                closed.fields.title,
                closed.ballot_digest.unwrap_or_default()
            );
        }
        WorkshopCmd::Show { workshop, json } => {
            let w = store.find_workshop(&workshop)?;
            let detail = store.workshop_detail(&w.id)?;
            if json {
                print_json(&detail)?;
            } else {
                let digest_ok = store.verify_ballot_digest(&w.id)?;
                output::print_detail(&detail, digest_ok);
            }
        }
        WorkshopCmd::Minutes { workshop, out } => {
            let w = store.find_workshop(&workshop)?;
            let export = minutes::export_minutes_to_file(store, &w.id, ctx.today(), &out)?;
            outln!(
                "{}: {} pages, {} items",
                export.path.display(),
                export.pages,
                export.items
            );
        }
        WorkshopCmd::List { partnership, json } => {
            let p = store.find_partnership(&partnership)?;
            let list = store.workshop_summaries(&p.id)?;
            if json {
                print_json(&list)?;
            } else {
                output::print_list(&list);
            }
        }
        WorkshopCmd::Ballot(_) | WorkshopCmd::Serve(_) => {
            unreachable!("handled before the store is opened")
        }
    }
    Ok(())
}
