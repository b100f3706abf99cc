//! `prisk workshop ballot`: export a voter's ballot file, fill it in without any
//! workspace, import it as round 1.

use std::path::PathBuf;

use clap::Subcommand;
use partner_risk_core::matrix::Score;
use partner_risk_core::workshop::ballot_file::BallotFile;
use partner_risk_core::Result;

use crate::context::Context;

#[derive(Subcommand)]
pub enum BallotCmd {
    /// Write a voter's ballot file: the agenda's risks and the matrix, sealed.
    Export {
        workshop: String,
        #[arg(long)]
        participant: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Vote in a ballot file (needs no workspace); again for the same risk replaces it.
    Fill {
        file: PathBuf,
        reference: String,
        #[arg(long, value_name = "L,I")]
        score: String,
        #[arg(long, default_value = "")]
        comment: String,
    },
    /// Import a filled ballot file as the voter's round-1 votes (all or nothing).
    Import { workshop: String, file: PathBuf },
}

pub fn run(ctx: &Context, cmd: BallotCmd) -> Result<()> {
    match cmd {
        BallotCmd::Export {
            workshop,
            participant,
            out,
        } => {
            let store = ctx.store()?;
            let w = store.find_workshop(&workshop)?;
            let file = store.export_ballot(&w.id, &participant)?;
            file.write(&out)?;
            outln!(
                "{}: ballot of {} with {} risks",
                out.display(),
                file.fixed.participant_name,
                file.fixed.agenda.len()
            );
        }
        BallotCmd::Fill {
            file: path,
            reference,
            score,
            comment,
        } => {
            let mut file = BallotFile::read(&path)?;
            let score = Score::parse(&score, "--score")?;
            file.fill(&reference, score, &comment)
                .map_err(|e| e.within(&format!("{}: ", path.display())))?;
            file.write(&path)?;
            outln!(
                "{}: {} of {} risks scored",
                path.display(),
                file.votes.len(),
                file.fixed.agenda.len()
            );
        }
        BallotCmd::Import {
            workshop,
            file: path,
        } => {
            let mut store = ctx.store()?;
            let w = store.find_workshop(&workshop)?;
            let file = BallotFile::read(&path)?;
            let n = store
                .import_ballot(&w.id, &file)
                .map_err(|e| e.within(&format!("{}: ", path.display())))?;
            outln!(
                "{}: {n} votes of {} imported into round 1",
                path.display(),
                file.fixed.participant_name
            );
        }
    }
    Ok(())
}
