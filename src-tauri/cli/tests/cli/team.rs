//! The team register with a real PostgreSQL ([`crate::postgres`]) and real `prisk team
//! serve` processes: workspaces that edit offline and sync, a conflict resolved, the
//! register read with psql; a viewer refused whole; a server killed mid-push; tokens
//! refused; a base position never issued.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use partner_risk_team::client::{Client, PushError};
use partner_risk_team::protocol::Push;
use serde_json::Value;

use crate::postgres::{cluster, Cluster};
use crate::support::{prisk_command, prisk_in, Run, DEMO};

/// A `prisk team serve` process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(database: &str, port: u16, env: &[(&str, &str)]) -> Server {
        Server::spawn(database, port, env).ready()
    }

    /// Started, not yet known to listen.
    fn spawn(database: &str, port: u16, env: &[(&str, &str)]) -> Child {
        let mut cmd = prisk_command();
        cmd.args([
            "team",
            "serve",
            "--database",
            database,
            "--bind",
            "127.0.0.1",
        ])
        .args(["--port", &port.to_string(), "--pool", "4"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.spawn().unwrap()
    }
}

trait Ready {
    fn ready(self) -> Server;
}

impl Ready for Child {
    /// Waits for the address the server prints once it listens (its schema migrated).
    fn ready(self) -> Server {
        let mut child = self;
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("http://127.0.0.1:"),
            "serve printed {line:?}"
        );
        Server {
            child,
            url: line.trim().to_string(),
        }
    }
}

impl Server {
    /// Kills the server at once (SIGKILL): whatever it was doing is cut off.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One test's team: a database, a config folder for the tokens, workspaces in a folder.
struct Team {
    cluster: std::sync::Arc<Cluster>,
    name: String,
    database: String,
    dir: tempfile::TempDir,
}

impl Team {
    fn new(name: &str) -> Team {
        let cluster = cluster();
        let database = cluster.database(name);
        Team {
            cluster,
            name: name.into(),
            database,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![(
            "PARTNER_RISK_CONFIG_DIR",
            self.dir.path().join("config").display().to_string(),
        )]
    }

    /// `prisk` with this team's config folder.
    fn prisk(&self, args: &[&str]) -> Run {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        prisk_in(&env, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.prisk(args);
        assert_eq!(run.status, 0, "prisk {args:?} failed: {}", run.stderr);
        run.stdout
    }

    /// `prisk` on a workspace, as a person.
    fn on(&self, ws: &Path, actor: &str, args: &[&str]) -> Run {
        let mut all = vec!["--db", ws.to_str().unwrap(), "--actor", actor];
        all.extend_from_slice(args);
        self.prisk(&all)
    }

    fn ok_on(&self, ws: &Path, actor: &str, args: &[&str]) -> String {
        let run = self.on(ws, actor, args);
        assert_eq!(
            run.status, 0,
            "prisk {args:?} on {ws:?} failed: {}",
            run.stderr
        );
        run.stdout
    }

    fn user(&self, name: &str, role: &str) -> String {
        let token = self.ok(&[
            "team",
            "user",
            "add",
            name,
            "--role",
            role,
            "--database",
            &self.database,
        ]);
        token.trim().to_string()
    }

    fn server(&self) -> Server {
        Server::start(&self.database, 0, &[])
    }

    /// A new workspace joined to the team at `url` with `token`.
    fn workspace(&self, name: &str, url: &str, token: &str) -> PathBuf {
        let ws = self.dir.path().join(format!("{name}.prisk"));
        self.ok_on(&ws, name, &["init"]);
        self.ok_on(&ws, name, &["team", "join", url, "--token", token]);
        ws
    }

    fn sql(&self, sql: &str) -> String {
        self.cluster.psql(&self.name, sql)
    }

    fn status(&self, ws: &Path) -> Value {
        serde_json::from_str(&self.ok_on(ws, "-", &["team", "status", "--json"])).unwrap()
    }
}

/// The register as a workspace lists it: reference, title, status, residual score.
fn register(team: &Team, ws: &Path) -> Vec<String> {
    let list: Value = serde_json::from_str(&team.ok_on(
        ws,
        "-",
        &["risk", "list", "--partnership", DEMO, "--json"],
    ))
    .unwrap();
    let mut rows: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}|{}|{}|{}|{}",
                r["reference"].as_str().unwrap(),
                r["title"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["residual"]["likelihood"],
                r["residual"]["impact"]
            )
        })
        .collect();
    rows.sort();
    rows
}

/// The same, as psql reads it from the server's current copy.
fn register_in_postgres(team: &Team) -> Vec<String> {
    let text = team.sql(
        "SELECT reference, title, status, likelihood, impact FROM risks r
         JOIN partnerships p ON p.partnership_id = r.partnership_id AND p.name = 'Northwind Analytics – claims triage AI'
         ORDER BY reference",
    );
    let mut rows: Vec<String> = text.lines().map(String::from).collect();
    rows.sort();
    rows
}

fn risk(team: &Team, ws: &Path, reference: &str) -> Value {
    let list: Value = serde_json::from_str(&team.ok_on(
        ws,
        "-",
        &["risk", "list", "--partnership", DEMO, "--json"],
    ))
    .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == reference)
        .cloned()
        .unwrap()
}

#[test]
fn two_workspaces_edit_offline_sync_resolve_a_conflict_and_psql_reads_the_same_register() {
    let team = Team::new("team_two_workspaces");
    let (ann_token, bob_token) = (team.user("ann", "editor"), team.user("bob", "editor"));
    // Two servers started together on one new database (they take turns creating the
    // schema), then side by side: Ann talks to one, Bob to the other.
    let (one, two) = (
        Server::spawn(&team.database, 0, &[]),
        Server::spawn(&team.database, 0, &[]),
    );
    let (one, two) = (one.ready(), two.ready());
    assert_eq!(team.sql("SELECT version FROM schema_version"), "1\n");
    let ann = team.workspace("ann", &one.url, &ann_token);
    team.ok_on(&ann, "ann", &["demo"]);
    let first: Value =
        serde_json::from_str(&team.ok_on(&ann, "ann", &["team", "sync", "--json"])).unwrap();
    assert_eq!(first["partnerships"][0]["position"], 1);
    assert!(first["pushed"].as_u64().unwrap() > 100, "{first}");
    let bob = team.workspace("bob", &two.url, &bob_token);
    // The tokens live in the config folder, readable by their owner only, not in the files.
    let tokens: Vec<_> = std::fs::read_dir(team.dir.path().join("config/team-tokens"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(tokens.len(), 2);
    for t in &tokens {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(t).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{t:?}");
    }
    for (ws, token) in [(&ann, &ann_token), (&bob, &bob_token)] {
        let bytes = std::fs::read(ws).unwrap();
        let secret = token.rsplit('_').next().unwrap().as_bytes();
        assert!(!bytes.windows(secret.len()).any(|w| w == secret));
    }
    let imported: Value =
        serde_json::from_str(&team.ok_on(&bob, "bob", &["team", "sync", "--json"])).unwrap();
    assert_eq!(imported["partnerships"][0]["imported"], true, "{imported}");
    assert_eq!(register(&team, &ann), register(&team, &bob));

    // Offline, both edit: different risks, and one score both change differently.
    let set = |ws: &Path, who: &str, args: &[&str]| {
        let mut all = vec!["risk", "set", "--partnership", DEMO];
        all.extend_from_slice(args);
        team.ok_on(ws, who, &all);
    };
    set(
        &ann,
        "ann",
        &["TEC-001", "--title", "Ann renamed this risk"],
    );
    set(&ann, "ann", &["TEC-003", "--residual", "4,4"]);
    set(&bob, "bob", &["TEC-002", "--status", "mitigating"]);
    set(&bob, "bob", &["TEC-003", "--residual", "2,2"]);
    // Two risks edited: two changes (their history rows go with them, uncounted).
    assert_eq!(team.status(&ann)["pending_changes"], 2);

    team.ok_on(&ann, "ann", &["team", "sync"]);
    let bob_sync: Value =
        serde_json::from_str(&team.ok_on(&bob, "bob", &["team", "sync", "--json"])).unwrap();
    assert_eq!(bob_sync["conflicts"], 1, "{bob_sync}");
    // The conflict waits; Bob's value stays and Ann's non-overlapping edit arrived.
    let status = team.status(&bob);
    assert_eq!(status["conflicts"], 1);
    assert_eq!(risk(&team, &bob, "TEC-003")["residual"]["likelihood"], 2);
    assert_eq!(
        risk(&team, &bob, "TEC-001")["title"],
        "Ann renamed this risk"
    );
    // Pulled changes leave audit rows naming their author.
    let history = team.ok_on(&bob, "bob", &["history", "--partnership", DEMO]);
    assert!(history.contains("merged from team sync (ann)"), "{history}");
    let conflicts: Value =
        serde_json::from_str(&team.ok_on(&bob, "bob", &["team", "conflicts", "--json"])).unwrap();
    let conflict = &conflicts[0];
    assert_eq!(conflict["conflict"]["field"], "residual");
    assert_eq!(conflict["conflict"]["theirs"]["residual_l"], 4);
    // Held back from the server until resolved.
    assert_eq!(
        team.sql("SELECT likelihood FROM risks WHERE reference = 'TEC-003'")
            .trim(),
        "4"
    );

    team.ok_on(
        &bob,
        "bob",
        &[
            "team",
            "resolve",
            conflict["id"].as_str().unwrap(),
            "theirs",
        ],
    );
    assert_eq!(team.status(&bob)["conflicts"], 0);
    assert_eq!(risk(&team, &bob, "TEC-003")["residual"]["likelihood"], 4);
    team.ok_on(&bob, "bob", &["team", "sync"]);
    team.ok_on(&ann, "ann", &["team", "sync"]);
    team.ok_on(&bob, "bob", &["team", "sync"]);

    let (a, b, pg) = (
        register(&team, &ann),
        register(&team, &bob),
        register_in_postgres(&team),
    );
    assert_eq!(a, b);
    assert_eq!(a, pg);
    assert!(a
        .iter()
        .any(|r| r.starts_with("TEC-001|Ann renamed this risk|")));
    assert!(a
        .iter()
        .any(|r| r.starts_with("TEC-002|") && r.contains("|mitigating|")));
    assert!(a
        .iter()
        .any(|r| r.starts_with("TEC-003|") && r.ends_with("|4|4")));
    for ws in [&ann, &bob] {
        let s = team.status(ws);
        assert_eq!(s["pending_changes"], 0, "{s}");
        assert_eq!(s["conflicts"], 0, "{s}");
        assert!(s["last_sync"].is_string());
    }
    // Every change in the log once, in order, each signed by its author.
    let log = team
        .sql("SELECT count(*), count(DISTINCT change_id), min(position), max(position) FROM log");
    let parts: Vec<&str> = log.trim().split('|').collect();
    assert_eq!(parts[0], parts[1]);
    assert_eq!(parts[2], "1");
    assert_eq!(parts[0], parts[3]);
    assert_eq!(
        team.sql("SELECT DISTINCT author FROM log ORDER BY 1")
            .trim(),
        "ann\nbob"
    );
}

#[test]
fn a_viewer_is_refused_whole_and_wrong_revoked_tokens_and_unknown_bases_are_refused() {
    let team = Team::new("team_refusals");
    let (ann_token, vic_token) = (team.user("ann", "editor"), team.user("vic", "viewer"));
    let server = team.server();
    let ann = team.workspace("ann", &server.url, &ann_token);
    team.ok_on(&ann, "ann", &["demo"]);
    team.ok_on(&ann, "ann", &["team", "sync"]);
    let vic = team.workspace("vic", &server.url, &vic_token);
    team.ok_on(&vic, "vic", &["team", "sync"]);

    // A viewer reads, and their own edits are refused whole: nothing reaches the server.
    let on_server = "SELECT title, status FROM risks WHERE reference IN ('TEC-001', 'TEC-002') ORDER BY reference";
    let (entries, before) = (team.sql("SELECT count(*) FROM log"), team.sql(on_server));
    team.ok_on(
        &vic,
        "vic",
        &[
            "risk",
            "set",
            "--partnership",
            DEMO,
            "TEC-001",
            "--title",
            "Vic's title",
        ],
    );
    team.ok_on(
        &vic,
        "vic",
        &[
            "risk",
            "set",
            "--partnership",
            DEMO,
            "TEC-002",
            "--status",
            "closed",
        ],
    );
    let run = team.on(&vic, "vic", &["team", "sync"]);
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(run.stdout.contains("REFUSED"), "{}", run.stdout);
    assert!(run.stderr.contains("refused"), "{}", run.stderr);
    assert_eq!(team.sql("SELECT count(*) FROM log"), entries);
    assert_eq!(team.sql(on_server), before);
    // Vic keeps the edits, as pending changes.
    assert_eq!(risk(&team, &vic, "TEC-001")["title"], "Vic's title");
    assert_eq!(team.status(&vic)["pending_changes"], 2);

    // An editor's grant on the partnership lets the same changes through.
    team.ok(&[
        "team",
        "grant",
        "vic",
        DEMO,
        "--role",
        "editor",
        "--database",
        &team.database,
    ]);
    team.ok_on(&vic, "vic", &["team", "sync"]);
    assert_eq!(
        team.sql("SELECT title FROM risks WHERE reference = 'TEC-001'")
            .trim(),
        "Vic's title"
    );

    // A wrong token: join refused, nothing recorded.
    let stranger = team.dir.path().join("stranger.prisk");
    team.ok_on(&stranger, "x", &["init"]);
    let mut wrong = ann_token.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == '0' { '1' } else { '0' });
    let run = team.on(
        &stranger,
        "x",
        &["team", "join", &server.url, "--token", &wrong],
    );
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("wrong token"), "{}", run.stderr);
    assert_eq!(team.status(&stranger)["joined"], false);
    let unknown = format!("prt_000000000000_{}", "ab".repeat(32));
    let run = team.on(
        &stranger,
        "x",
        &["team", "join", &server.url, "--token", &unknown],
    );
    assert!(run.stderr.contains("unknown token"), "{}", run.stderr);

    // A revoked token: refused from the next request on, and the status says why.
    team.ok(&[
        "team",
        "user",
        "revoke",
        "ann",
        "--database",
        &team.database,
    ]);
    let run = team.on(&ann, "ann", &["team", "sync"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("revoked"), "{}", run.stderr);
    let status = team.status(&ann);
    assert!(
        status["last_error"].as_str().unwrap().contains("revoked"),
        "{status}"
    );
    let users = team.ok(&[
        "team",
        "user",
        "list",
        "--json",
        "--database",
        &team.database,
    ]);
    let users: Value = serde_json::from_str(&users).unwrap();
    assert!(users[0]["revoked_at"].is_string(), "{users}");
    assert_eq!(users[1]["name"], "vic");
    assert_eq!(users[1]["grants"][0][1], "editor");

    // A push based on a position the server never issued is refused, nothing applied.
    let pid = team
        .sql("SELECT partnership_id FROM heads")
        .trim()
        .to_string();
    let head = team
        .sql("SELECT position FROM heads")
        .trim()
        .parse::<i64>()
        .unwrap();
    let client = Client::new(&server.url, &vic_token).unwrap();
    let push = Push {
        change_id: "01a25000-0000-7000-8000-000000000001".into(),
        base: head + 10,
        author: "vic".into(),
        changes: Vec::new(),
        reference: None,
    };
    match client.push(&pid, &push) {
        Err(PushError::Refused(e)) => assert!(e.to_string().contains("never issued"), "{e}"),
        other => panic!("a base never issued must be refused: {other:?}"),
    }
    // Signed by someone else than the token's user: refused.
    let forged = Push {
        base: head,
        author: "ann".into(),
        ..push
    };
    match client.push(&pid, &forged) {
        Err(PushError::Refused(e)) => assert!(e.to_string().contains("signed"), "{e}"),
        other => panic!("another author must be refused: {other:?}"),
    }
    assert_eq!(
        team.sql("SELECT position FROM heads")
            .trim()
            .parse::<i64>()
            .unwrap(),
        head
    );
}

/// Kills the server at `point` of a push, starts it again, syncs again: the change is
/// in the log once.
/// Starts `prisk team sync` on `ws`, waits for the server to write `hang_file` (it has
/// stopped at its test hook), kills it there, and checks the sync failed as unanswered.
fn sync_cut_off(team: &Team, ws: &Path, actor: &str, hang_file: &Path, hanging: Server) {
    let mut cmd = prisk_command();
    for (k, v) in team.env() {
        cmd.env(k, v);
    }
    let sync = cmd
        .args([
            "--db",
            ws.to_str().unwrap(),
            "--actor",
            actor,
            "team",
            "sync",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while !hang_file.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    hanging.kill();
    let out = sync.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "the sync must fail when the server dies"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no answer"));
}

fn killed_mid_push(team: &Team, point: &str, ws: &Path, port: u16, title: &str) {
    let hang_file = team.dir.path().join(format!("hang-{point}"));
    let hanging = Server::start(
        &team.database,
        port,
        &[
            ("PRISK_TEAM_TEST_HANG", point),
            ("PRISK_TEAM_TEST_HANG_FILE", hang_file.to_str().unwrap()),
        ],
    );
    team.ok_on(
        ws,
        "ann",
        &[
            "risk",
            "set",
            "--partnership",
            DEMO,
            "TEC-001",
            "--title",
            title,
        ],
    );
    let before: i64 = team.sql("SELECT count(*) FROM log").trim().parse().unwrap();
    // The push reached the server and stopped there.
    sync_cut_off(team, ws, "ann", &hang_file, hanging);
    let status = team.status(ws);
    assert_eq!(status["unanswered_pushes"], 1, "{status}");
    let committed: i64 = team.sql("SELECT count(*) FROM log").trim().parse().unwrap();
    assert_eq!(committed, before + i64::from(point == "after_commit"));

    let _again = Server::start(&team.database, port, &[]);
    let report: Value =
        serde_json::from_str(&team.ok_on(ws, "ann", &["team", "sync", "--json"])).unwrap();
    let status = team.status(ws);
    assert_eq!(status["unanswered_pushes"], 0, "{status}");
    assert_eq!(status["pending_changes"], 0, "{status}");
    let after: i64 = team.sql("SELECT count(*) FROM log").trim().parse().unwrap();
    assert_eq!(
        after,
        before + 1,
        "{point}: the change applied once ({report})"
    );
    let with_title = team.sql(&format!(
        "SELECT count(*) FROM log, jsonb_array_elements(changes) c
         WHERE c->>'table' = 'risks' AND c->'row'->>'title' = '{title}'"
    ));
    assert_eq!(
        with_title.trim(),
        "1",
        "{point}: one entry carries the edit"
    );
    assert_eq!(
        team.sql("SELECT title FROM risks WHERE reference = 'TEC-001'")
            .trim(),
        title
    );
}

#[test]
fn a_server_killed_mid_push_and_restarted_loses_and_doubles_nothing() {
    let team = Team::new("team_killed");
    let ann_token = team.user("ann", "editor");
    let port = free_port();
    let ann = {
        let server = Server::start(&team.database, port, &[]);
        let ann = team.workspace("ann", &server.url, &ann_token);
        team.ok_on(&ann, "ann", &["demo"]);
        team.ok_on(&ann, "ann", &["team", "sync"]);
        ann
    };
    killed_mid_push(
        &team,
        "before_commit",
        &ann,
        port,
        "Killed before the commit",
    );
    killed_mid_push(&team, "after_commit", &ann, port, "Killed after the commit");
    let log = team.sql("SELECT count(*), count(DISTINCT change_id) FROM log");
    let parts: Vec<&str> = log.trim().split('|').collect();
    assert_eq!(parts[0], parts[1]);
}

#[test]
fn a_pull_cut_off_between_two_pages_leaves_the_workspace_as_it_was() {
    let team = Team::new("team_cut_pull");
    let ann_token = team.user("ann", "editor");
    let bob_token = team.user("bob", "editor");
    let server = team.server();
    let ann = team.workspace("ann", &server.url, &ann_token);
    team.ok_on(&ann, "ann", &["demo"]);
    team.ok_on(&ann, "ann", &["team", "sync"]);
    // Bob syncs through a server of his own, which the test cuts off later.
    let port = free_port();
    let bob = {
        let his = Server::start(&team.database, port, &[]);
        let bob = team.workspace("bob", &his.url, &bob_token);
        team.ok_on(&bob, "bob", &["team", "sync"]);
        bob
    };
    // Three entries in the log that Bob has not pulled.
    for (reference, title) in [
        ("TEC-001", "First of three"),
        ("TEC-002", "Second of three"),
        ("TEC-003", "Third of three"),
    ] {
        team.ok_on(
            &ann,
            "ann",
            &[
                "risk",
                "set",
                "--partnership",
                DEMO,
                reference,
                "--title",
                title,
            ],
        );
        team.ok_on(&ann, "ann", &["team", "sync"]);
    }
    let register_before = register(&team, &bob);
    let status_before = team.status(&bob);

    // One entry a page: Bob receives the first page, and the server dies at the second.
    let hang_file = team.dir.path().join("hang-second-page");
    let hanging = Server::start(
        &team.database,
        port,
        &[
            ("PRISK_TEAM_TEST_HANG", "second_page"),
            ("PRISK_TEAM_TEST_HANG_FILE", hang_file.to_str().unwrap()),
            ("PRISK_TEAM_TEST_PAGE", "1"),
        ],
    );
    sync_cut_off(&team, &bob, "bob", &hang_file, hanging);
    assert_eq!(
        register(&team, &bob),
        register_before,
        "nothing of the first page applied"
    );
    let status = team.status(&bob);
    assert_eq!(
        status["partnerships"], status_before["partnerships"],
        "positions and bases as they were"
    );

    // The server back: the next sync pulls all three, in order.
    let _again = Server::start(&team.database, port, &[]);
    team.ok_on(&bob, "bob", &["team", "sync"]);
    assert_eq!(risk(&team, &bob, "TEC-003")["title"], "Third of three");
    assert_eq!(register(&team, &bob), register(&team, &ann));
    assert_eq!(register(&team, &bob), register_in_postgres(&team));
}
