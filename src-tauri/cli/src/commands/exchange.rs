//! `prisk exchange`: send a partnership as a `.prisk-exchange` file, preview what merging
//! one would do, merge it (three ways against the base both workspaces keep), and list the
//! partner's views recorded from their copies.
//!
//! `merge` refuses (exit 2, nothing written) while a conflict has no resolution: give them
//! with `--resolve FILE` (`{"<conflict id>": "mine" | "theirs" | "both" | {"value": …}}`)
//! or settle every other one with `--take mine|theirs`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use partner_risk_core::exchange::{
    self, Conflict, ExportOptions, MergeOptions, Mode, Preview, Resolution, Resolutions, Side, What,
};
use partner_risk_core::{Error, Result};
use serde_json::Value;

use crate::context::Context;
use crate::output::print_json;

#[derive(Subcommand)]
pub enum ExchangeCmd {
    /// Write a partnership, everything of it, to an exchange file.
    Export(ExportArgs),
    /// What merging a file would do: changes on each side since the common base, what
    /// merges by itself, and the conflicts (each with a stable id).
    Preview(PreviewArgs),
    /// Merge a file into the workspace (a backup first, one transaction).
    Merge(MergeArgs),
    /// The partner's views recorded from their copies: their scores and comments.
    Views(ViewsArgs),
    /// Where we disagree: the risks whose partner's score lies more than one step from ours.
    Disagree(ViewsArgs),
}

#[derive(Args)]
pub struct ExportArgs {
    /// Partnership id or exact name.
    partnership: String,
    /// The file to write (e.g. `acme.prisk-exchange`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// A share with the partner: internal rationale, costs, reviews, workshop ballots and
    /// people's contact details stay home.
    #[arg(long)]
    for_partner: bool,
    /// With --for-partner: only these risks (references, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "REF,…")]
    risks: Vec<String>,
    /// With --for-partner: the risk fields to share beyond reference, category, title,
    /// status and scores (comma-separated, e.g. description,consequence).
    #[arg(long, value_delimiter = ',', value_name = "FIELD,…")]
    fields: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct Target {
    /// The exchange file.
    file: PathBuf,
    /// Refuse the file unless it is for this partnership (id or exact name).
    #[arg(long, value_name = "P")]
    partnership: Option<String>,
    /// Compare two ways (every difference a conflict) when the file's base is unknown here.
    #[arg(long)]
    two_way: bool,
    /// Resolutions: a JSON object of conflict id → "mine" | "theirs" | "both" | {"value": …}.
    #[arg(long, value_name = "RESOLUTIONS.json")]
    resolve: Option<PathBuf>,
    /// Settle every conflict not in --resolve with our side or theirs.
    #[arg(long, value_enum)]
    take: Option<Take>,
}

#[derive(Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct MergeArgs {
    #[command(flatten)]
    target: Target,
    /// Check everything and print what would be written, without writing.
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ViewsArgs {
    /// Partnership id or exact name.
    partnership: String,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Take {
    Mine,
    Theirs,
}

pub fn run(ctx: &Context, cmd: ExchangeCmd) -> Result<()> {
    match cmd {
        ExchangeCmd::Export(a) => {
            let mut store = ctx.store()?;
            let options = ExportOptions {
                for_partner: a.for_partner,
                risks: a.risks,
                fields: a.fields,
            };
            let sent = exchange::export(&mut store, &a.partnership, &a.out, &options)?;
            if a.json {
                return print_json(&sent);
            }
            let records: usize = sent.records.values().sum();
            outln!(
                "Wrote {} ({} bytes): \"{}\", {} records ({} risks){}.",
                a.out.display(),
                sent.bytes,
                sent.partnership,
                records,
                sent.records.get("risks").copied().unwrap_or(0),
                if options.for_partner {
                    ", a share with the partner"
                } else {
                    ""
                }
            );
            Ok(())
        }
        ExchangeCmd::Preview(a) => {
            let store = ctx.store()?;
            let options = options(&a.target)?;
            let preview = exchange::preview(&store, &a.target.file, &options)?;
            if a.json {
                return print_json(&preview);
            }
            print_preview(&preview);
            Ok(())
        }
        ExchangeCmd::Merge(a) => {
            // A first exchange may bring the workspace its first partnership.
            let mut store = ctx.store_or_create()?;
            let options = options(&a.target)?;
            let report = match exchange::merge_file(&mut store, &a.target.file, &options, a.dry_run)
            {
                Ok(report) => report,
                Err(e) => {
                    // Show what stands in the way before the one-line refusal.
                    if let Error::Conflict { .. } = e {
                        if let Ok(p) = exchange::preview(&store, &a.target.file, &options) {
                            if !a.json {
                                print_conflicts(&p.conflicts);
                            }
                        }
                    }
                    return Err(e);
                }
            };
            if a.json {
                return print_json(&report);
            }
            let p = &report.preview;
            if a.dry_run {
                outln!("Dry run: nothing was written.");
                print_preview(p);
            } else if !report.written {
                outln!("Nothing to merge: {} is already in this workspace.", p.file);
            } else {
                outln!(
                    "Merged {} from {} into \"{}\" ({}).",
                    p.file,
                    p.sender.name,
                    p.partnership,
                    mode_words(p.mode)
                );
                print_apply(p);
                print_renumbered(p);
                if !p.partner_views.is_empty() {
                    outln!(
                        "Recorded the partner's view of {} risk{} beside ours (`prisk exchange views`).",
                        p.partner_views.len(),
                        plural(p.partner_views.len())
                    );
                }
                if let Some(b) = &report.backup {
                    outln!("Backup taken first: {b}");
                }
            }
            Ok(())
        }
        ExchangeCmd::Disagree(a) => {
            let store = ctx.store()?;
            let p = store.find_partnership(&a.partnership)?;
            let found = exchange::disagreements(&store, &p.id)?;
            if a.json {
                return print_json(&found);
            }
            if found.is_empty() {
                outln!(
                    "No score of \"{}\" lies more than one step from the partner's view.",
                    p.fields.name
                );
            }
            for d in found {
                outln!(
                    "{} {}  {}: ours {}×{}, {}'s {}×{} ({} steps)",
                    d.reference,
                    d.title,
                    d.kind,
                    d.ours.likelihood,
                    d.ours.impact,
                    d.author,
                    d.theirs.likelihood,
                    d.theirs.impact,
                    d.steps
                );
            }
            Ok(())
        }
        ExchangeCmd::Views(a) => {
            let store = ctx.store()?;
            let p = store.find_partnership(&a.partnership)?;
            let views = exchange::partner_views(&store, &p.id)?;
            if a.json {
                return print_json(&views);
            }
            if views.is_empty() {
                outln!("No partner's views recorded for \"{}\".", p.fields.name);
            }
            let score = |s: Option<partner_risk_core::matrix::Score>| {
                s.map_or("–".to_string(), |s| {
                    format!("{}×{}", s.likelihood, s.impact)
                })
            };
            for v in views {
                outln!(
                    "{} {}  by {} on {}: inherent {}, residual {}, target {}",
                    v.reference,
                    v.title,
                    v.author,
                    v.at.format("%Y-%m-%d"),
                    score(v.inherent),
                    score(v.residual),
                    score(v.target)
                );
                for line in v.comment.lines() {
                    outln!("    {line}");
                }
            }
            Ok(())
        }
    }
}

fn options(t: &Target) -> Result<MergeOptions> {
    let mut resolutions = Resolutions {
        take: t.take.map(|t| match t {
            Take::Mine => Side::Mine,
            Take::Theirs => Side::Theirs,
        }),
        ..Default::default()
    };
    if let Some(path) = &t.resolve {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let by_id: BTreeMap<String, Resolution> = serde_json::from_str(&text).map_err(|e| {
            Error::invalid(
                "resolve",
                path.display().to_string(),
                format!(
                    "expected {{\"<conflict id>\": \"mine\" | \"theirs\" | \"both\" | {{\"value\": …}}}}: {e}"
                ),
            )
        })?;
        resolutions.by_id = by_id;
    }
    Ok(MergeOptions {
        resolutions,
        partnership: t.partnership.clone(),
        two_way: t.two_way,
        rolling_backup: false,
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn mode_words(mode: Mode) -> &'static str {
    match mode {
        Mode::Import => "new here: imported",
        Mode::ThreeWay => "three-way, against the copy both sides keep",
        Mode::TwoWay => "two-way: no common copy, every difference asked",
        Mode::PartnerView => "the partner's copy: their view kept beside ours",
    }
}

fn counts_line(c: &exchange::Counts) -> String {
    let mut parts = Vec::new();
    for (n, word) in [
        (c.new, "new"),
        (c.changed, "changed"),
        (c.deleted, "deleted"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    parts.join(", ")
}

fn print_apply(p: &Preview) {
    if p.is_noop() {
        outln!("Nothing would change here.");
        return;
    }
    for (table, c) in &p.apply {
        outln!("  {table:<22} {}", counts_line(c));
    }
}

fn print_renumbered(p: &Preview) {
    for r in &p.renumbered {
        outln!(
            "Renumbered their new risk \"{}\" {} → {} (ours has {}).",
            r.title,
            r.from,
            r.to,
            r.from
        );
    }
}

fn print_preview(p: &Preview) {
    outln!(
        "{} from {} (workspace {}), sent {}",
        p.file,
        p.sender.name,
        p.sender.workspace,
        p.sent_at.format("%Y-%m-%d %H:%M UTC")
    );
    outln!("Partnership \"{}\": {}", p.partnership, mode_words(p.mode));
    if let Some(base) = &p.base {
        outln!("Base: {}", &base[..12]);
    }
    if p.mode == Mode::ThreeWay {
        outln!("Since the base:");
        let tables: std::collections::BTreeSet<&String> =
            p.mine_counts.keys().chain(p.theirs_counts.keys()).collect();
        let empty = exchange::Counts::default();
        for t in tables {
            outln!(
                "  {t:<22} ours: {:<28} theirs: {}",
                or_dash(counts_line(p.mine_counts.get(t).unwrap_or(&empty))),
                or_dash(counts_line(p.theirs_counts.get(t).unwrap_or(&empty)))
            );
        }
        for c in p.theirs.iter().filter(|c| c.table != "audit_log") {
            let what = match c.what {
                What::New => "new".to_string(),
                What::Deleted => "deleted".to_string(),
                What::Changed => format!("changed: {}", c.fields.join(", ")),
            };
            outln!("  theirs: {} ({what})", c.record);
        }
    }
    outln!("Merging writes here:");
    print_apply(p);
    print_renumbered(p);
    for v in &p.partner_views {
        outln!(
            "Partner's view of {} {} by {}",
            v.reference,
            v.title,
            v.author
        );
    }
    print_conflicts(&p.conflicts);
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "–".into()
    } else {
        s
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => format!("{s:?}"),
        Value::Object(o) if o.len() > 3 => "(the record)".into(),
        other => other.to_string(),
    }
}

fn print_conflicts(conflicts: &[Conflict]) {
    if conflicts.is_empty() {
        outln!("No conflicts.");
        return;
    }
    let open = conflicts.iter().filter(|c| c.resolution.is_none()).count();
    outln!("Conflicts: {} ({} unresolved)", conflicts.len(), open);
    for c in conflicts {
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let state = match &c.resolution {
            None => "unresolved".to_string(),
            Some(Resolution::Value(v)) => format!("→ {}", show(v)),
            Some(r) => format!(
                "→ {}",
                serde_json::to_value(r)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
        };
        outln!(
            "  {}  {kind:<13} {}{}  [{}] {state}",
            c.id,
            c.record,
            c.field
                .as_deref()
                .map(|f| format!(" · {f}"))
                .unwrap_or_default(),
            c.choices.join("/")
        );
        outln!(
            "      base {}  ·  mine {}  ·  theirs {}",
            show(&c.base),
            show(&c.mine),
            show(&c.theirs)
        );
    }
}
