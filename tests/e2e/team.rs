//! The team register in the real window, against a real PostgreSQL (a private cluster, as
//! the team's own tests start it) and a team server in this process: Ada connects through
//! File → Connect to a Team… (the native menu from the keyboard), Ben gets the partnership
//! in a second workspace and retitles a risk; Ada retitles it too; the server stops and
//! *Sync now* says Offline without a word of error; the server comes back, the sync keeps a
//! conflict and the register marks the risk; Ada takes Ben's title on the side-by-side
//! screen, and both workspaces and the server's register agree.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use partner_risk_core::{OpenMode, Store};
use partner_risk_team::server::{self, users, Config};
use tokio::sync::oneshot;

use crate::driver::*;
use crate::postgres::cluster;
use crate::steps::file_menu_item;
use crate::{app, ONE_WINDOW};

const ADA_TITLE: &str = "Personal data leaves the EU without a DPA";
const BEN_TITLE: &str = "Claims data sent abroad without a DPA";

/// A team server on a loopback port of this process, stopped when `stop` is sent.
struct Running {
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<Result<(), String>>,
    url: String,
    port: u16,
}

async fn serve(database: &str, port: u16) -> Running {
    let (ready_tx, ready) = oneshot::channel::<SocketAddr>();
    let (stop, stopped) = oneshot::channel::<()>();
    let config = Config {
        database: database.to_string(),
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port,
        tls: None,
        pool: 4,
    };
    let done = tokio::spawn(server::serve(
        config,
        move |addr, _team| {
            let _ = ready_tx.send(addr);
        },
        async move {
            let _ = stopped.await;
        },
    ));
    let addr = ready.await.expect("the team server starts");
    Running {
        stop,
        done,
        url: format!("http://{addr}"),
        port: addr.port(),
    }
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(());
        self.done.await.unwrap().unwrap();
    }
}

/// Runs blocking workspace work (SQLite and the team client's HTTP) off the runtime that
/// serves the team.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.unwrap()
}

fn retitle(db: &Path, actor: &str, title: &str) {
    let mut store = Store::open(db, OpenMode::Existing).unwrap();
    store.set_actor(actor);
    let p = store.partnerships(false).unwrap().remove(0);
    let risk = store.find_risk(&p.id, "DPR-001").unwrap();
    let mut fields = risk.fields.clone();
    fields.title = title.into();
    store.update_risk(&risk.id, fields).unwrap();
}

fn title_of(db: &Path) -> String {
    let store = Store::open(db, OpenMode::Existing).unwrap();
    let p = store.partnerships(false).unwrap().remove(0);
    store.find_risk(&p.id, "DPR-001").unwrap().fields.title
}

/// File → Connect to a Team… from the keyboard: F10 opens File; the item is the seventh
/// (New Workspace…, Open Workspace…, Open Recent, Send Partnership…, Share with the
/// Partner…, Merge a File…, Connect to a Team…).
async fn connect_from_file_menu(client: &fantoccini::Client, display: &str) {
    file_menu_item(display, 7).await;
    text_appears(client, "Connect to a team").await;
}

async fn type_into(client: &fantoccini::Client, label: &str, text: &str) {
    let input = field(client, label).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn text_gone(client: &fantoccini::Client, needle: &str) {
    for _ in 0..150 {
        if !page_text(client).await.contains(needle) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{needle:?} never went away");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_conflict_from_the_team_is_kept_marked_and_settled_in_the_window_while_offline_stays_quiet(
) {
    let _window = ONE_WINDOW.lock().await;
    let pg = cluster();
    let database = pg.database("e2e_team_window");
    let dir = tempfile::tempdir().unwrap();
    // Tokens go to a config folder of the test's own (the app inherits it through the driver).
    std::env::set_var("PARTNER_RISK_CONFIG_DIR", dir.path().join("config"));
    let (ada_token, ben_token) = {
        let admin = server::admin_connection(&database).await.unwrap();
        let ada = users::add(&admin, "ada", "editor").await.unwrap().text();
        let ben = users::add(&admin, "ben", "editor").await.unwrap().text();
        (ada, ben)
    };
    let server = serve(&database, 0).await;
    let ada_db = dir.path().join("ada.prisk");
    let ben_db = dir.path().join("ben.prisk");
    {
        let mut ada = Store::open(&ada_db, OpenMode::CreateIfMissing).unwrap();
        ada.set_whoami("Ada Analyst").unwrap();
        ada.create_demo(0, chrono::Local::now().date_naive())
            .unwrap();
        let mut ben = Store::open(&ben_db, OpenMode::CreateIfMissing).unwrap();
        ben.set_whoami("Ben Brook").unwrap();
    }

    let session = start_driver(4494);
    let client = launch(&session, app(), &ada_db).await;
    wait(&client, "table.register tbody tr[aria-rowindex]").await;
    assert!(!page_text(&client).await.contains("Sync now"));

    connect_from_file_menu(&client, session.display()).await;
    type_into(&client, "Server address", &server.url).await;
    type_into(&client, "Token", &ada_token).await;
    button(&client, "Connect").await.click().await.unwrap();
    text_appears(&client, "Synced just now").await;

    // Ben gets the partnership from the team and retitles DPR-001; Ada retitles it too.
    let (url, db) = (server.url.clone(), ben_db.clone());
    blocking(move || {
        let mut ben = Store::open(&db, OpenMode::Existing).unwrap();
        partner_risk_team::join(&mut ben, &url, &ben_token).unwrap();
        let got = partner_risk_team::sync(&mut ben).unwrap();
        assert!(got.partnerships.iter().any(|p| p.imported), "{got:?}");
        drop(ben);
        retitle(&db, "Ben Brook", BEN_TITLE);
        let mut ben = Store::open(&db, OpenMode::Existing).unwrap();
        assert!(partner_risk_team::sync(&mut ben).unwrap().pushed > 0);
    })
    .await;
    let db = ada_db.clone();
    blocking(move || retitle(&db, "Ada Analyst", ADA_TITLE)).await;
    text_appears(&client, "1 change waiting").await;

    // The server stops: Sync now says Offline, quietly.
    let port = server.port;
    server.stop().await;
    button(&client, "Sync now").await.click().await.unwrap();
    text_appears(&client, "Offline — last synced").await;
    let loud = client
        .find_all(fantoccini::Locator::Css("[role=alert], [role=dialog]"))
        .await
        .unwrap();
    assert!(loud.is_empty(), "no alert and no dialog while offline");
    text_appears(&client, "1 change waiting").await;

    // Back on the same port: the sync keeps a conflict and the register marks DPR-001.
    let server = serve(&database, port).await;
    button(&client, "Sync now").await.click().await.unwrap();
    text_appears(&client, "1 conflict to settle").await;
    let mark = wait(&client, "[aria-label^='Conflict from the team sync']").await;
    let said = mark.attr("title").await.unwrap().unwrap_or_default();
    assert!(
        said.contains("Title") && said.contains("Ours is kept"),
        "{said}"
    );
    assert_eq!(title_of(&ada_db), ADA_TITLE, "ours stays until settled");

    by_label(&client, "Settle conflicts")
        .await
        .click()
        .await
        .unwrap();
    let conflict = by_label(&client, "Conflict 1 of 1").await;
    let sides = conflict.text().await.unwrap();
    assert!(
        sides.contains(ADA_TITLE) && sides.contains(BEN_TITLE),
        "{sides}"
    );
    keys(&client, "t").await;
    keys(&client, "\u{E007}").await;
    text_gone(&client, "conflict to settle").await;
    assert!(
        client
            .find_all(fantoccini::Locator::Css(
                "[aria-label^='Conflict from the team sync']"
            ))
            .await
            .unwrap()
            .is_empty(),
        "the mark goes with the conflict"
    );
    button(&client, "Sync now").await.click().await.unwrap();
    text_gone(&client, "Syncing…").await;
    text_appears(&client, "Synced just now").await;

    let db = ben_db.clone();
    blocking(move || {
        let mut ben = Store::open(&db, OpenMode::Existing).unwrap();
        partner_risk_team::sync(&mut ben).unwrap();
    })
    .await;
    assert_eq!(title_of(&ada_db), BEN_TITLE);
    assert_eq!(title_of(&ben_db), BEN_TITLE);
    let on_server = pg.psql(
        "e2e_team_window",
        "SELECT row->>'title' FROM risks WHERE row->>'reference' = 'DPR-001'",
    );
    assert_eq!(on_server.trim(), BEN_TITLE);
    client.close().await.unwrap();
    server.stop().await;
}
