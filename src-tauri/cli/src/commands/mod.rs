//! The commands of `prisk`, one module per noun.
//!
//! Each module has its clap arguments, `<Noun>Cmd` (an enum deriving `Subcommand` for a
//! noun with verbs, a struct deriving `Args` for a verb-less command such as `init`),
//! and `pub fn run(ctx: &Context, cmd: <Noun>Cmd) -> Result<()>`, which takes the
//! store from the context if it needs one, calls the core and prints. Arguments are
//! turned into core types in the module (with the parsers of `crate::args`), so clap
//! never reaches the core. What only this noun prints lives in its module; shared
//! printing is in `crate::output`.
//!
//! Adding a noun is one file and one entry in the list below:
//!
//! 1. write `commands/<noun>.rs` (or `commands/<noun>/mod.rs`) with `<Noun>Cmd` and `run`;
//! 2. add `/// Help line.`, `#[command(subcommand)]` and `<noun>::<Noun>(<Noun>Cmd),`
//!    to `nouns!` below, at the place it should take in `prisk --help`. This declares
//!    the module, the variant of [`Command`] and its arm in [`run`].
//!
//! A command that needs the workspace calls `ctx.store()?` (or `ctx.store_or_create()?`)
//! first; one that needs none (`template list`) never calls it, and runs without a
//! workspace file.

use partner_risk_core::Result;

use crate::context::Context;

/// Declares the noun modules, the top-level [`Command`] and its dispatch from one list
/// of `attributes module::Variant(Type)`.
macro_rules! nouns {
    ($($(#[$attr:meta])* $module:ident :: $variant:ident ($cmd:ident),)*) => {
        $(pub mod $module;)*

        // Parsed once per process, so the size of the largest variant does not matter.
        #[allow(clippy::large_enum_variant)]
        #[derive(clap::Subcommand)]
        pub enum Command {
            $($(#[$attr])* $variant($module::$cmd),)*
        }

        /// Runs one command.
        pub fn run(ctx: &Context, command: Command) -> Result<()> {
            match command {
                $(Command::$variant(cmd) => $module::run(ctx, cmd),)*
            }
        }
    };
}

nouns! {
    /// Create the workspace file (or migrate an existing one) and print its path.
    init::Init(InitCmd),
    /// Create the demo partnership from the library.
    demo::Demo(DemoCmd),
    /// Partnerships.
    #[command(subcommand)]
    partnership::Partnership(PartnershipCmd),
    /// Risks of a partnership.
    #[command(subcommand)]
    risk::Risk(RiskCmd),
    /// Mitigation actions.
    #[command(subcommand)]
    action::Action(ActionCmd),
    /// Scoring matrices.
    #[command(subcommand)]
    matrix::Matrix(MatrixCmd),
    /// Risk categories.
    #[command(subcommand)]
    category::Category(CategoryCmd),
    /// The built-in library of risk templates and requirements.
    #[command(subcommand)]
    template::Template(TemplateCmd),
    /// Risk workshops: plan, vote, reveal, decide, close, minutes.
    #[command(subcommand)]
    workshop::Workshop(WorkshopCmd),
    /// The analyst's review: the queue by cadence, decisions, the reviews kept.
    #[command(subcommand)]
    review::Review(ReviewCmd),
    /// Risk acceptances: request, approve, reject, revoke, list.
    #[command(subcommand)]
    acceptance::Acceptance(AcceptanceCmd),
    /// Exit plans: the agreement's deadlines, scenarios and steps, data and IP at exit,
    /// alternatives, exit tests and readiness.
    #[command(subcommand)]
    exit::Exit(ExitCmd),
    /// Health indicators (KRIs) of a partnership: thresholds, frequency, linked risks and
    /// exit triggers; the library of common ones.
    #[command(subcommand)]
    indicator::Indicator(IndicatorCmd),
    /// Readings of indicators: add (replace only when asked), list, import from CSV/XLSX.
    #[command(subcommand)]
    reading::Reading(ReadingCmd),
    /// Every indicator of a partnership with its status, change and reason.
    health::Health(HealthCmd),
    /// Risk in money: simulations of a partnership and of the portfolio, the tolerance,
    /// settings (currency, threshold), the cells the numbers imply, the mitigation value.
    #[command(subcommand)]
    quant::Quant(QuantCmd),
    /// Who changed what, field by field, newest first.
    history::History(HistoryCmd),
    /// Every partnership in one table: levels, appetite, reviews due, overdue actions.
    portfolio::Portfolio(PortfolioCmd),
    /// Who is recorded as the actor of changes and reviews (and set it).
    whoami::Whoami(WhoamiCmd),
    /// Export a partnership.
    #[command(subcommand)]
    export::Export(ExportCmd),
    /// Import a partnership.
    #[command(subcommand)]
    import::Import(ImportCmd),
    /// Registers that travel: send a partnership as a .prisk-exchange file, preview and
    /// merge one (three ways, conflicts by id), the partner's views.
    #[command(subcommand)]
    exchange::Exchange(ExchangeCmd),
    /// The team register: serve it on PostgreSQL, its users and grants; join a team, sync,
    /// status, conflicts.
    #[command(subcommand)]
    team::Team(TeamCmd),
    /// Backups of the workspace: create, list, restore.
    #[command(subcommand)]
    backup::Backup(BackupCmd),
}
