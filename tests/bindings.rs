//! The UI's TypeScript types are generated from the Rust types (ts-rs) into
//! `ui/src/bindings.ts`. This test fails when that file is stale; run
//! `UPDATE_BINDINGS=1 cargo test --test bindings` to regenerate it.

use partner_risk_app::commands::import::ImportPreview;
use partner_risk_app::commands::voting::{VotingInfo, VotingStatus};
use partner_risk_app::commands::workshops::BallotImport;
use partner_risk_app::error::IpcError;
use partner_risk_app::workspace::{DamagedWorkspace, WorkspaceInfo};
use partner_risk_core::library::{Library, LibraryRequirement, Template, TemplateSelection};
use partner_risk_core::matrix::{AxisLevel, Matrix, MatrixCheck, MatrixWarning, RiskLevel, Score};
use partner_risk_core::minutes::MinutesExport;
use partner_risk_core::model::*;
use partner_risk_core::register::{RegisterRow, RegisterTable, ReviewContext, RiskDetail};
use partner_risk_core::report::portfolio::PortfolioExport;
use partner_risk_core::report::{
    Paper, PdfExport, PdfOptions, PlanGrouping, ReportProgress, ReportStage, Section,
};
use partner_risk_core::review::acceptance::{Acceptance, AcceptanceRequest, AcceptanceState};
use partner_risk_core::review::{
    NextReviewSource, QueueEntry, QueueFilter, Review, ReviewCounts, ReviewDecision, ReviewFields,
    ReviewState,
};
use partner_risk_core::spreadsheet::import::{
    ColumnMapping, ColumnTarget, DateOrder, FileKind, ImportCounts, ImportMapping, ImportOutcome,
    ImportPlan, ImportProblem, PlannedRow, ReadOptions, RowChange, SourceInfo, TextEncoding,
    ValueEntry, ValueMapping,
};
use partner_risk_core::spreadsheet::{SpreadsheetExport, SpreadsheetFormat};
use partner_risk_core::store::backups::{BackupInfo, BackupReason, Contents, Restored};
use partner_risk_core::store::Whoami;
use partner_risk_core::store::{
    ActivityEntry, ActivityFilter, ActivityPage, ActorSource, AuditEntry, Entity, HeatMap,
    LevelCount, MatrixChangePlan, Movement, Operation, PartnershipSummary, PortfolioRow,
    RiskFilter, ScoreChange,
};
use partner_risk_core::workshop::ballot_file::{BallotFile, BallotFixed, BallotRisk, BallotVote};
use partner_risk_core::workshop::{
    AgendaItem, Anonymity, AxisSpread, Ballot, BallotSource, ConsensusRule, DecidedHow, Decision,
    DecisionFields, ItemView, Participant, ParticipantFields, RoundView, Side, Spread, Verdict,
    VoteStatus, Workshop, WorkshopDetail, WorkshopFields, WorkshopStatus, WorkshopSummary,
};
use partner_risk_voting::{AddressKind, DeviceInfo, VotingAddress};
use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),+]
    };
}

fn generate() -> String {
    // Our integers (counts, minor units, sequence numbers) stay well inside 2^53.
    let cfg = &Config::new().with_large_int("number");
    let decls = declarations![cfg;
        IpcError, WorkspaceInfo,
        Stage, RiskStatus, Treatment, ActionStatus, RequirementStatus, ScoreKind,
        Score, AxisLevel, RiskLevel, Matrix, MatrixCheck, MatrixWarning,
        PartnershipFields, Partnership, PartnershipSummary, LevelCount, Category,
        RiskFields, Risk, Money, ActionFields, Action, RequirementFields, Requirement,
        RiskFilter, RegisterTable, RegisterRow, RiskDetail, HeatMap, Movement,
        MatrixChangePlan, ScoreChange, AuditEntry, Entity, Operation,
        Template, LibraryRequirement, Library, TemplateSelection,
        PdfOptions, Paper, Section, PlanGrouping, ReportProgress, ReportStage, PdfExport,
        WorkshopStatus, Anonymity, Side, DecidedHow, BallotSource, WorkshopFields, Workshop,
        ParticipantFields, Participant, AgendaItem, Ballot, DecisionFields, Decision, VoteStatus,
        RoundView, ItemView, WorkshopDetail, WorkshopSummary, ConsensusRule, Verdict, AxisSpread,
        Spread, MinutesExport, BallotImport, BallotFile, BallotFixed, BallotRisk, BallotVote,
        ReviewDecision, NextReviewSource, ReviewState, ReviewFields, Review, QueueFilter, QueueEntry,
        ReviewCounts, ReviewContext, Whoami, ActorSource, AcceptanceState, AcceptanceRequest,
        Acceptance, ActivityFilter, ActivityEntry, ActivityPage, PortfolioRow, PortfolioExport,
        AddressKind, VotingAddress, DeviceInfo, VotingInfo, VotingStatus,
        SpreadsheetFormat, SpreadsheetExport,
        ReadOptions, TextEncoding, FileKind, SourceInfo, DateOrder, ColumnTarget, ColumnMapping,
        ValueEntry, ValueMapping, ImportMapping, ImportProblem, RowChange, PlannedRow, ImportCounts,
        ImportPlan, ImportOutcome, ImportPreview,
        BackupReason, BackupInfo, Contents, Restored, DamagedWorkspace,
    ];
    format!(
        "// Generated from the Rust types by tests/bindings.rs (ts-rs). Do not edit:\n// run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a type.\n\n{}\n",
        decls.join("\n\n")
    )
}

#[test]
fn bindings_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings`"
    );
}
