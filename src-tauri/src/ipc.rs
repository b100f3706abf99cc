//! The one list of the app's commands, and the TypeScript generated from it.
//!
//! Adding a command is one function under `#[command]` (from `partner-risk-macros`) and
//! one line in [`commands!`] below: the invoke handler, the UI's typed wrapper and every
//! type it carries come from those two places (`tests/bindings.rs` fails when
//! `ui/src/bindings.ts` is stale).

use std::collections::BTreeMap;

use ts_rs::{Config, TypeVisitor, TS};

/// A command that can describe itself; implemented by `#[command]`.
pub trait Command {
    fn signature(types: &mut Types) -> Signature;
}

/// What the UI needs to call a command: its name, the arguments it sends (camelCase key,
/// TypeScript type), its reply's TypeScript type and its doc comment.
pub struct Signature {
    pub name: &'static str,
    pub docs: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub reply: String,
}

/// The TypeScript names of the types commands carry, and the declarations of every named
/// type reached from them.
pub struct Types {
    config: Config,
    declarations: BTreeMap<String, String>,
    /// Names declared twice with different declarations: two Rust types of one name in
    /// different modules, of which the file would keep one only.
    clashes: Vec<String>,
}

impl Types {
    pub fn new() -> Self {
        Types {
            // Our integers (counts, minor units, sequence numbers) stay well inside 2^53.
            config: Config::new().with_large_int("number"),
            declarations: BTreeMap::new(),
            clashes: Vec::new(),
        }
    }

    /// The TypeScript name of `T`, declaring it and everything it refers to.
    pub fn name<T: TS + 'static + ?Sized>(&mut self) -> String {
        self.visit::<T>();
        T::visit_generics(self);
        T::name(&self.config)
    }

    /// The TypeScript names two different Rust types were given (see `name_clashes`).
    pub fn clashes(&self) -> &[String] {
        &self.clashes
    }

    /// Every declaration, sorted by name.
    pub fn declarations(&self) -> impl Iterator<Item = &str> {
        self.declarations.values().map(String::as_str)
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

impl TypeVisitor for Types {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only named types are declared; `Vec`, `Option` and the primitives are written inline.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(&self.config);
        let declaration = format!("export {}", T::decl(&self.config));
        if let Some(seen) = self.declarations.get(&name) {
            if *seen != declaration && !self.clashes.contains(&name) {
                self.clashes.push(name);
            }
            return;
        }
        self.declarations.insert(name, declaration);
        T::visit_dependencies(self);
    }
}

/// Names every command once: the invoke handler and the signatures both come from here.
macro_rules! commands {
    ($($($segment:ident)::+),* $(,)?) => {
        /// The invoke handler of every command.
        pub fn invoke_handler<R: tauri::Runtime>(
        ) -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($segment)::+),*]
        }

        /// Every command's signature, in the order of the list.
        pub fn signatures(types: &mut Types) -> Vec<Signature> {
            vec![$(<$($segment)::+ as Command>::signature(types)),*]
        }
    };
}

use crate::commands;

commands![
    commands::partnerships::workspace_info,
    commands::partnerships::workspace_version,
    commands::partnerships::list_partnerships,
    commands::partnerships::create_partnership,
    commands::partnerships::update_partnership,
    commands::partnerships::create_demo,
    commands::partnerships::library,
    commands::partnerships::categories,
    commands::partnerships::add_category,
    commands::risks::register,
    commands::risks::matching_risks,
    commands::risks::risk_detail,
    commands::risks::create_risk,
    commands::risks::update_risk,
    commands::risks::delete_risk,
    commands::risks::add_action,
    commands::risks::update_action,
    commands::risks::delete_action,
    commands::risks::requirements,
    commands::risks::add_requirement,
    commands::risks::update_requirement,
    commands::risks::link_requirement,
    commands::risks::heat_map,
    commands::risks::movement,
    commands::matrices::matrices,
    commands::matrices::clone_matrix,
    commands::matrices::update_matrix,
    commands::matrices::delete_matrix,
    commands::matrices::check_matrix,
    commands::matrices::plan_matrix_change,
    commands::matrices::apply_matrix_change,
    commands::exports::export_pdf,
    commands::exports::export_spreadsheet,
    commands::exports::open_last_export,
    commands::exit::exit_plan,
    commands::exit::save_exit_plan,
    commands::exit::move_exit_step,
    commands::exit::start_exit_plan,
    commands::exit::add_exit_test,
    commands::exit::exit_finding_action,
    commands::exit::exit_reminders,
    commands::exit::exit_statuses,
    commands::exit::export_exit_plan_pdf,
    commands::exit::export_register_of_information,
    commands::health::indicator_library,
    commands::health::list_indicators,
    commands::health::add_indicator,
    commands::health::update_indicator,
    commands::health::remove_indicator,
    commands::health::add_reading,
    commands::health::list_readings,
    commands::health::partnership_health,
    commands::health::indicator_chart,
    commands::health::risk_indicators,
    commands::health::health_flags,
    commands::health::preview_reading_import,
    commands::health::run_reading_import,
    commands::quant::quant_settings,
    commands::quant::save_quant_settings,
    commands::quant::set_loss_estimate,
    commands::quant::run_quant,
    commands::quant::quant_results,
    commands::quant::risk_cells,
    commands::quant::mitigation_value,
    commands::backups::list_backups,
    commands::backups::restore_backup,
    commands::backups::damaged_workspace,
    commands::backups::restore_damaged,
    commands::backups::open_another_workspace,
    commands::exchange::send_partnership,
    commands::exchange::choose_exchange_file,
    commands::exchange::preview_exchange,
    commands::exchange::merge_exchange,
    commands::exchange::partner_views,
    commands::exchange::disagreements,
    commands::team::team_status,
    commands::team::team_join,
    commands::team::team_sync,
    commands::team::team_conflicts,
    commands::team::team_resolve,
    commands::import::choose_import_file,
    commands::import::preview_import,
    commands::import::run_import,
    commands::reviews::whoami,
    commands::reviews::set_whoami,
    commands::reviews::review_queue,
    commands::reviews::review_counts,
    commands::reviews::review_context,
    commands::reviews::add_review,
    commands::reviews::undo_review,
    commands::reviews::request_acceptance,
    commands::reviews::approve_acceptance,
    commands::reviews::reject_acceptance,
    commands::reviews::revoke_acceptance,
    commands::reviews::activity,
    commands::reviews::activity_actors,
    commands::reviews::portfolio,
    commands::reviews::export_portfolio_pdf,
    commands::workshops::list_workshops,
    commands::workshops::workshop_detail,
    commands::workshops::create_workshop,
    commands::workshops::update_workshop,
    commands::workshops::delete_workshop,
    commands::workshops::add_participant,
    commands::workshops::update_participant,
    commands::workshops::remove_participant,
    commands::workshops::add_agenda_items,
    commands::workshops::propose_risk,
    commands::workshops::move_agenda_item,
    commands::workshops::remove_agenda_item,
    commands::workshops::start_workshop,
    commands::workshops::close_workshop,
    commands::workshops::item_view,
    commands::workshops::cast_ballot,
    commands::workshops::reveal_votes,
    commands::workshops::revote,
    commands::workshops::decide_item,
    commands::workshops::set_item_notes,
    commands::workshops::export_minutes,
    commands::workshops::export_ballots,
    commands::workshops::import_ballots,
    commands::workshops::open_ballot,
    commands::workshops::fill_ballot,
    commands::workshops::set_current_item,
    commands::voting::voting_addresses,
    commands::voting::open_voting,
    commands::voting::voting_status,
    commands::voting::release_voter,
    commands::voting::close_voting,
];

/// The TypeScript names that two different Rust types of the commands were both given
/// (`Side` of the exit plan's notice and of a workshop participant, say): the bindings would
/// silently keep one declaration. Rename one with `#[ts(rename = "…")]`.
pub fn name_clashes() -> Vec<String> {
    let mut types = Types::new();
    signatures(&mut types);
    types.name::<crate::error::IpcError>();
    types.clashes().to_vec()
}

/// `ui/src/bindings.ts`: every type the commands carry, then one typed wrapper per command,
/// then what tests need to mock commands by their wrappers' names.
pub fn typescript() -> String {
    let mut types = Types::new();
    let signatures = signatures(&mut types);
    // The error every command rejects with is not in any signature.
    types.name::<crate::error::IpcError>();

    let mut out = String::from(
        "// Generated from the Rust commands and types (src-tauri/src/ipc.rs). Do not edit: run\n\
         // `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a command or a type.\n\n\
         import { type Channel, invoke } from \"@tauri-apps/api/core\";\n\n",
    );
    for declaration in types.declarations() {
        out.push_str(declaration);
        out.push_str("\n\n");
    }

    out.push_str(
        "/** The app's commands; each rejects with an IpcError. */\nexport const commands = {\n",
    );
    for s in &signatures {
        if !s.docs.is_empty() {
            out.push_str(&format!("  /** {} */\n", s.docs.replace('\n', "\n   * ")));
        }
        let params: Vec<String> = s.args.iter().map(|(k, t)| format!("{k}: {t}")).collect();
        let keys: Vec<&str> = s.args.iter().map(|(k, _)| *k).collect();
        let payload = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}) => invoke<{}>(\"{}\"{payload}),\n",
            wrapper_name(s.name),
            params.join(", "),
            s.reply,
            s.name
        ));
    }
    out.push_str("};\n\n");

    out.push_str("/** What each command sends over IPC, by its wrapper's name. */\nexport type CommandArgs = {\n");
    for s in &signatures {
        let fields: Vec<String> = s.args.iter().map(|(k, t)| format!("{k}: {t}")).collect();
        let body = if fields.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!("  {}: {body};\n", wrapper_name(s.name)));
    }
    out.push_str("};\n\n");

    out.push_str(
        "/** Each command's IPC name, by its wrapper's name. */\nexport const commandNames = {\n",
    );
    for s in &signatures {
        out.push_str(&format!("  {}: \"{}\",\n", wrapper_name(s.name), s.name));
    }
    out.push_str("} as const;\n\n");

    out.push_str("/** The events the shell sends to the window. */\nexport const events = {\n");
    for (name, event) in EVENTS {
        out.push_str(&format!("  {}: \"{event}\",\n", wrapper_name(name)));
    }
    out.push_str("} as const;\n");
    out
}

/// The events the shell emits, by the name the UI knows them under.
const EVENTS: [(&str, &str); 5] = [
    ("workspace_changed", crate::workspace::WORKSPACE_CHANGED),
    ("open_restore", crate::workspace::OPEN_RESTORE),
    ("open_exchange", crate::workspace::OPEN_EXCHANGE),
    ("open_team", crate::workspace::OPEN_TEAM),
    ("team_synced", crate::commands::team::TEAM_SYNCED),
];

/// `list_partnerships` → `listPartnerships`.
fn wrapper_name(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut upper = false;
    for c in command.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
