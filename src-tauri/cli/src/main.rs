//! `prisk`: Partner Risk from a terminal. A thin front door to `partner-risk-core`:
//! each command parses its arguments, calls the core, and prints the result.
//!
//! Exit status: 0 on success, 2 on any error, with one line on stderr that names the
//! field and the value at fault.

/// Prints to stdout, ignoring a closed pipe (`prisk … | head` must not panic).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use partner_risk_core::interchange::{document_json, parse_document};
use partner_risk_core::library::{library, TemplateSelection};
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{
    parse_date, ActionFields, ActionStatus, Category, Money, PartnershipFields, RiskFields,
    RiskStatus, ScoreKind, Stage, Treatment,
};
use partner_risk_core::report::{Paper, PdfOptions, PlanGrouping, Section};
use partner_risk_core::store::{default_path, RiskFilter};
use partner_risk_core::{Error, OpenMode, Result, Store};

#[derive(Parser)]
#[command(
    name = "prisk",
    version,
    about = "Partner Risk: risk registers for partnerships"
)]
struct Cli {
    /// The workspace file (default: $PARTNER_RISK_DB, else the desktop app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is recorded in the audit log (default: the OS user).
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process, so the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Create the workspace file (or migrate an existing one) and print its path.
    Init,
    /// Create the demo partnership from the library.
    Demo {
        /// Add N generated risks for scale tests (up to 100,000).
        #[arg(long, value_name = "N", default_value_t = 0)]
        risks: usize,
    },
    /// Partnerships.
    #[command(subcommand)]
    Partnership(PartnershipCommand),
    /// Risks of a partnership.
    #[command(subcommand)]
    Risk(RiskCommand),
    /// Mitigation actions.
    #[command(subcommand)]
    Action(ActionCommand),
    /// Scoring matrices.
    #[command(subcommand)]
    Matrix(MatrixCommand),
    /// Risk categories.
    #[command(subcommand)]
    Category(CategoryCommand),
    /// The built-in library of risk templates and requirements.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Export a partnership.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import a partnership.
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Subcommand)]
enum PartnershipCommand {
    /// List partnerships with their risk counts per level.
    List {
        #[arg(long)]
        json: bool,
        /// Include archived partnerships.
        #[arg(long)]
        all: bool,
    },
    /// Create a partnership, optionally filled from library templates.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        partner: String,
        /// Matrix id, preset key (3x3, 4x4, 5x5, 6x6, nist-800-30) or name.
        #[arg(long, default_value = "5x5")]
        matrix: String,
        /// `all` or comma-separated template codes (see `prisk template list`).
        #[arg(long, default_value = "none")]
        templates: String,
        #[arg(long, default_value = "exploring", value_parser = parse_stage)]
        stage: Stage,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Change a partnership's fields.
    Set {
        /// Partnership id or exact name.
        partnership: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        partner: Option<String>,
        #[arg(long, value_parser = parse_stage)]
        stage: Option<Stage>,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        archived: Option<bool>,
    },
    /// Move a partnership to another matrix: shows how every score maps; applies with --yes.
    SetMatrix {
        partnership: String,
        matrix: String,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum RiskCommand {
    /// The register of a partnership.
    List {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        json: bool,
        /// Only these categories (comma-separated codes).
        #[arg(long, value_delimiter = ',')]
        category: Vec<String>,
        /// Only risks whose residual level is this one or higher (level name).
        #[arg(long)]
        min_level: Option<String>,
        /// Only these statuses (comma-separated).
        #[arg(long, value_delimiter = ',', value_parser = parse_risk_status)]
        status: Vec<RiskStatus>,
        #[arg(long)]
        owner: Option<String>,
        /// Full-text search over title, description, owner and tags.
        #[arg(long)]
        search: Option<String>,
    },
    /// Add a risk; its reference is given from the category's prefix.
    Add {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: RiskOptions,
    },
    /// Change fields of a risk (only the options given).
    Set {
        #[arg(long)]
        partnership: String,
        /// Reference (e.g. TEC-004) or id.
        reference: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[command(flatten)]
        fields: RiskOptions,
    },
    /// Show one risk with its actions, requirements and history.
    Show {
        #[arg(long)]
        partnership: String,
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a risk with its actions.
    Delete {
        #[arg(long)]
        partnership: String,
        reference: String,
    },
}

/// Risk fields settable from the command line; scores take `L,I` or `none`.
#[derive(Args)]
struct RiskOptions {
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    cause: Option<String>,
    #[arg(long)]
    consequence: Option<String>,
    #[arg(long, value_parser = parse_risk_status)]
    status: Option<RiskStatus>,
    /// avoid, reduce, transfer, share, accept or none.
    #[arg(long)]
    treatment: Option<String>,
    #[arg(long)]
    rationale: Option<String>,
    /// Who approved an accepted risk.
    #[arg(long)]
    approver: Option<String>,
    /// Until when an acceptance holds (YYYY-MM-DD or none).
    #[arg(long)]
    expiry: Option<String>,
    #[arg(long, value_name = "L,I")]
    inherent: Option<String>,
    #[arg(long, value_name = "L,I")]
    residual: Option<String>,
    #[arg(long, value_name = "L,I")]
    target: Option<String>,
    /// Comma-separated tags (replaces the list).
    #[arg(long)]
    tags: Option<String>,
    /// Next review date (YYYY-MM-DD or none).
    #[arg(long)]
    next_review: Option<String>,
}

#[derive(Subcommand)]
enum ActionCommand {
    /// The mitigation plan of a partnership, or of one risk.
    List {
        #[arg(long)]
        partnership: String,
        /// Only this risk's actions.
        #[arg(long)]
        risk: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add an action to a risk.
    Add {
        #[arg(long)]
        partnership: String,
        /// The risk's reference or id.
        #[arg(long)]
        risk: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        #[arg(long, default_value = "planned", value_parser = parse_action_status)]
        status: ActionStatus,
        /// e.g. "12500.00 EUR".
        #[arg(long)]
        cost: Option<String>,
        #[arg(long, default_value = "")]
        detail: String,
    },
}

#[derive(Subcommand)]
enum MatrixCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        matrix: String,
        #[arg(long)]
        json: bool,
    },
    /// Report where the grid breaks consistency (warnings, exit 0).
    Check { matrix: String },
    /// Copy a matrix under a new name, to edit it.
    Clone {
        matrix: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum CategoryCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a user-defined category.
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// Two to four capital letters for risk references.
        #[arg(long)]
        prefix: String,
    },
}

#[derive(Subcommand)]
enum TemplateCommand {
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Lossless JSON document of one partnership.
    Json {
        #[arg(long)]
        partnership: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// PDF report: cover, summary, heat maps, register, mitigation plan, requirements, appendix.
    Pdf(PdfArgs),
}

#[derive(Args)]
struct PdfArgs {
    #[arg(long)]
    partnership: String,
    #[arg(long)]
    out: PathBuf,
    /// a4 or letter.
    #[arg(long, default_value = "a4", value_parser = parse_paper)]
    paper: Paper,
    /// Comma-separated: cover, summary, heat_maps, register, plan, requirements, appendix.
    #[arg(long, value_delimiter = ',', value_parser = parse_section)]
    sections: Vec<Section>,
    /// Only risks whose residual level is this one or higher (level name).
    #[arg(long)]
    min_level: Option<String>,
    /// Only these categories (comma-separated codes).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// Only these risk statuses (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_risk_status)]
    status: Vec<RiskStatus>,
    /// The mitigation plan on its own (with the cover unless --sections leaves it out).
    #[arg(long)]
    plan_only: bool,
    /// Group the plan by owner or due_month.
    #[arg(long, default_value = "owner", value_parser = parse_plan_grouping)]
    plan_group: PlanGrouping,
    #[arg(long, default_value = "")]
    prepared_by: String,
    #[arg(long, default_value = "Confidential")]
    confidentiality: String,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import a partnership from a JSON document made by `export json`.
    Json { file: PathBuf },
}

fn parse_stage(s: &str) -> Result<Stage> {
    Stage::parse(s, "--stage")
}
fn parse_risk_status(s: &str) -> Result<RiskStatus> {
    RiskStatus::parse(s, "--status")
}
fn parse_action_status(s: &str) -> Result<ActionStatus> {
    ActionStatus::parse(s, "--status")
}
fn parse_paper(s: &str) -> Result<Paper> {
    Paper::parse(s, "--paper")
}
fn parse_section(s: &str) -> Result<Section> {
    Section::parse(s, "--sections")
}
fn parse_plan_grouping(s: &str) -> Result<PlanGrouping> {
    PlanGrouping::parse(s, "--plan-group")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            out!("{e}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("prisk: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prisk: {}", e.to_string().replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn open(cli_db: &Option<PathBuf>, mode: OpenMode, actor: &Option<String>) -> Result<Store> {
    let path = match cli_db {
        Some(path) => path.clone(),
        None => default_path()?,
    };
    let mut store = Store::open(path, mode)?;
    if let Some(actor) = actor {
        store.set_actor(actor.clone());
    }
    Ok(store)
}

fn run(cli: Cli) -> Result<()> {
    let mode = match cli.command {
        Command::Init | Command::Demo { .. } | Command::Import(_) => OpenMode::CreateIfMissing,
        _ => OpenMode::Existing,
    };
    // Library and template listings need no workspace.
    if let Command::Template(TemplateCommand::List { json }) = cli.command {
        return output::templates(library(), json);
    }
    let mut store = open(&cli.db, mode, &cli.actor)?;
    match cli.command {
        Command::Init => {
            outln!("{}", store.path().display());
            Ok(())
        }
        Command::Demo { risks } => {
            let p = store.create_demo(risks, today())?;
            let count = store
                .register(&p.id, &RiskFilter::default(), today())?
                .entries
                .len();
            outln!("created {:?} ({}) with {count} risks", p.fields.name, p.id);
            Ok(())
        }
        Command::Partnership(cmd) => partnership(&mut store, cmd),
        Command::Risk(cmd) => risk(&mut store, cmd),
        Command::Action(cmd) => action(&mut store, cmd),
        Command::Matrix(cmd) => matrix(&mut store, cmd),
        Command::Category(CategoryCommand::List { json }) => {
            output::categories(&store.categories()?, json)
        }
        Command::Category(CategoryCommand::Add { code, name, prefix }) => {
            let c = store.add_category(Category {
                code,
                name,
                prefix,
                built_in: false,
            })?;
            outln!("added category {} ({})", c.code, c.prefix);
            Ok(())
        }
        Command::Template(_) => unreachable!("handled above"),
        Command::Export(ExportCommand::Json { partnership, out }) => {
            let p = store.find_partnership(&partnership)?;
            let doc = store.export_partnership(&p.id)?;
            std::fs::write(&out, document_json(&doc) + "\n").map_err(|source| Error::Io {
                path: out.clone(),
                source,
            })?;
            outln!(
                "exported {:?} ({} risks) to {}",
                p.fields.name,
                doc.risks.len(),
                out.display()
            );
            Ok(())
        }
        Command::Export(ExportCommand::Pdf(args)) => export_pdf(&store, args),
        Command::Import(ImportCommand::Json { file }) => {
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let doc =
                parse_document(&text).map_err(|e| e.within(&format!("{}: ", file.display())))?;
            let p = store.import_partnership(doc)?;
            outln!("imported {:?} ({})", p.fields.name, p.id);
            Ok(())
        }
    }
}

fn export_pdf(store: &Store, args: PdfArgs) -> Result<()> {
    let p = store.find_partnership(&args.partnership)?;
    let min_level = match args.min_level {
        Some(name) => Some(
            store
                .matrix(&p.matrix_id)?
                .find_level(&name, "--min-level")?,
        ),
        None => None,
    };
    let options = PdfOptions {
        paper: args.paper,
        sections: if args.sections.is_empty() {
            Section::ALL.to_vec()
        } else {
            args.sections
        },
        filter: RiskFilter {
            categories: args.categories,
            statuses: args.status,
            min_level,
            ..RiskFilter::default()
        },
        plan_only: args.plan_only,
        plan_grouping: args.plan_group,
        prepared_by: args.prepared_by,
        confidentiality: args.confidentiality,
    };
    let done = store
        .export_pdf_to_file(&p.id, &options, today(), &args.out, &mut |_| {})
        .map_err(option_names)?;
    outln!(
        "exported {:?} ({} risks, {} actions, {} pages) to {}",
        p.fields.name,
        done.risks,
        done.actions,
        done.pages,
        done.path.display()
    );
    Ok(())
}

/// Names the command-line option in errors about report options (`categories` →
/// `--categories`).
fn option_names(e: Error) -> Error {
    match e {
        Error::Invalid {
            field,
            value,
            message,
        } => {
            let option = match field.as_str() {
                "categories" | "sections" | "min_level" | "prepared_by" | "confidentiality" => {
                    format!("--{}", field.replace('_', "-"))
                }
                _ => field,
            };
            Error::invalid(option, value, message)
        }
        other => other,
    }
}

fn partnership(store: &mut Store, cmd: PartnershipCommand) -> Result<()> {
    match cmd {
        PartnershipCommand::List { json, all } => {
            output::partnerships(&store.partnership_summaries(all)?, json)
        }
        PartnershipCommand::Add {
            name,
            partner,
            matrix,
            templates,
            stage,
            owner,
            description,
        } => {
            let fields = PartnershipFields {
                name,
                partner,
                description,
                stage,
                owner,
                archived: false,
            };
            let p = store.create_partnership_from_templates(
                fields,
                &matrix,
                &TemplateSelection::parse(&templates),
            )?;
            let count = store.risks(&p.id)?.len();
            outln!("created {:?} ({}) with {count} risks", p.fields.name, p.id);
            Ok(())
        }
        PartnershipCommand::Set {
            partnership,
            name,
            partner,
            stage,
            owner,
            description,
            archived,
        } => {
            let p = store.find_partnership(&partnership)?;
            let mut f = p.fields.clone();
            if let Some(v) = name {
                f.name = v;
            }
            if let Some(v) = partner {
                f.partner = v;
            }
            if let Some(v) = stage {
                f.stage = v;
            }
            if let Some(v) = owner {
                f.owner = v;
            }
            if let Some(v) = description {
                f.description = v;
            }
            if let Some(v) = archived {
                f.archived = v;
            }
            let p = store.update_partnership(&p.id, f)?;
            outln!("updated {:?}", p.fields.name);
            Ok(())
        }
        PartnershipCommand::SetMatrix {
            partnership,
            matrix,
            yes,
        } => {
            let p = store.find_partnership(&partnership)?;
            let plan = store.plan_matrix_change(&p.id, &matrix)?;
            let to = store.matrix(&plan.to_matrix_id)?;
            output::matrix_plan(&plan, &to);
            if yes {
                store.apply_matrix_change(&plan)?;
                outln!("applied: {:?} is now scored on {}", p.fields.name, to.name);
            } else {
                outln!("nothing changed; run again with --yes to apply this mapping");
            }
            Ok(())
        }
    }
}

/// Parses `L,I` or `none`.
fn score_option(text: &str, field: &str) -> Result<Option<Score>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Score::parse(text, field).map(Some)
}

fn date_option(text: &str, field: &str) -> Result<Option<NaiveDate>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse_date(text, field).map(Some)
}

impl RiskOptions {
    /// Applies the options given to `fields`.
    fn apply(self, fields: &mut RiskFields) -> Result<()> {
        let set = |target: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        set(&mut fields.owner, self.owner);
        set(&mut fields.description, self.description);
        set(&mut fields.cause, self.cause);
        set(&mut fields.consequence, self.consequence);
        set(&mut fields.treatment_rationale, self.rationale);
        set(&mut fields.acceptance_approver, self.approver);
        if let Some(status) = self.status {
            fields.status = status;
        }
        if let Some(t) = self.treatment {
            fields.treatment = match t.trim() {
                "none" => None,
                t => Some(Treatment::parse(t, "--treatment")?),
            };
        }
        if let Some(d) = self.expiry {
            fields.acceptance_expiry = date_option(&d, "--expiry")?;
        }
        for (kind, value) in [
            (ScoreKind::Inherent, self.inherent),
            (ScoreKind::Residual, self.residual),
            (ScoreKind::Target, self.target),
        ] {
            if let Some(v) = value {
                *fields.score_mut(kind) = score_option(&v, kind.as_str())?;
            }
        }
        if let Some(tags) = self.tags {
            fields.tags = tags
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
        }
        if let Some(d) = self.next_review {
            fields.next_review = date_option(&d, "--next-review")?;
        }
        Ok(())
    }
}

fn risk(store: &mut Store, cmd: RiskCommand) -> Result<()> {
    match cmd {
        RiskCommand::List {
            partnership,
            json,
            category,
            min_level,
            status,
            owner,
            search,
        } => {
            let p = store.find_partnership(&partnership)?;
            let min_level = match min_level {
                Some(name) => Some(
                    store
                        .matrix(&p.matrix_id)?
                        .find_level(&name, "--min-level")?,
                ),
                None => None,
            };
            let filter = RiskFilter {
                categories: category,
                statuses: status,
                min_level,
                owner,
                text: search,
                ..RiskFilter::default()
            };
            output::register(&store.register(&p.id, &filter, today())?, json)
        }
        RiskCommand::Add {
            partnership,
            category,
            title,
            fields: options,
        } => {
            let p = store.find_partnership(&partnership)?;
            let mut fields = RiskFields::new(category, title);
            options.apply(&mut fields)?;
            let r = store.add_risk(&p.id, fields)?;
            outln!("{}", r.reference);
            Ok(())
        }
        RiskCommand::Set {
            partnership,
            reference,
            title,
            category,
            fields: options,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            let mut fields = r.fields.clone();
            if let Some(t) = title {
                fields.title = t;
            }
            if let Some(c) = category {
                fields.category = c;
            }
            options.apply(&mut fields)?;
            let r = store.update_risk(&r.id, fields)?;
            outln!("updated {}", r.reference);
            Ok(())
        }
        RiskCommand::Show {
            partnership,
            reference,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            let matrix = store.matrix(&p.matrix_id)?;
            let actions = store.actions(&r.id)?;
            let requirements = store.risk_requirements(&r.id)?;
            let history = store.history(&r.id)?;
            output::risk_detail(
                &r,
                &matrix,
                &actions,
                &requirements,
                &history,
                today(),
                json,
            )
        }
        RiskCommand::Delete {
            partnership,
            reference,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &reference)?;
            store.delete_risk(&r.id)?;
            outln!("deleted {}", r.reference);
            Ok(())
        }
    }
}

fn action(store: &mut Store, cmd: ActionCommand) -> Result<()> {
    match cmd {
        ActionCommand::List {
            partnership,
            risk,
            json,
        } => {
            let p = store.find_partnership(&partnership)?;
            let actions = match risk {
                Some(key) => store.actions(&store.find_risk(&p.id, &key)?.id)?,
                None => store.partnership_actions(&p.id)?,
            };
            let references = store
                .risks(&p.id)?
                .into_iter()
                .map(|r| (r.id, r.reference))
                .collect();
            output::actions(&actions, &references, today(), json)
        }
        ActionCommand::Add {
            partnership,
            risk,
            title,
            owner,
            due,
            status,
            cost,
            detail,
        } => {
            let p = store.find_partnership(&partnership)?;
            let r = store.find_risk(&p.id, &risk)?;
            let fields = ActionFields {
                title,
                detail,
                owner,
                due: due.as_deref().map(|d| parse_date(d, "--due")).transpose()?,
                status,
                cost: cost
                    .as_deref()
                    .map(|c| Money::parse(c, "--cost"))
                    .transpose()?,
            };
            let a = store.add_action(&r.id, fields)?;
            outln!("added action {} to {}", a.id, r.reference);
            Ok(())
        }
    }
}

fn matrix(store: &mut Store, cmd: MatrixCommand) -> Result<()> {
    match cmd {
        MatrixCommand::List { json } => output::matrices(&store.matrices()?, json),
        MatrixCommand::Show { matrix, json } => output::matrix(&store.find_matrix(&matrix)?, json),
        MatrixCommand::Check { matrix } => {
            let m = store.find_matrix(&matrix)?;
            let check = m.check();
            outln!(
                "{}: {}×{}, {} of {} levels reachable",
                m.name,
                m.likelihood.len(),
                m.impact.len(),
                check.distinct_levels,
                m.levels.len()
            );
            if check.warnings.is_empty() {
                outln!("no warnings");
            }
            for w in &check.warnings {
                outln!("warning: {w}");
            }
            Ok(())
        }
        MatrixCommand::Clone { matrix, name } => {
            let m = store.clone_matrix(&matrix, &name)?;
            outln!("created matrix {:?} ({})", m.name, m.id);
            Ok(())
        }
    }
}
