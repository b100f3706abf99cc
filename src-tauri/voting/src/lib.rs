//! The workshop's voting server: a thin network doorway to the core's workshop functions,
//! bound to one address of this machine, for the phones and laptops in the room.
//!
//! Everything a device may do goes through [`api`], behind the [`guard`] (rate limit,
//! `Host` check, workshop token, security headers). Votes are written by the same core
//! function as the CLI's `prisk workshop vote` (`Store::cast_ballot`), so they get the
//! same validation and audit rows.

mod api;
mod error;
mod guard;
mod network;
mod state;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use partner_risk_core::workshop::WorkshopStatus;
use partner_risk_core::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use error::ApiError;
pub use network::{addresses, AddressKind, VotingAddress};
use state::AppState;
pub use state::DeviceInfo;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bind: {0} listens on every interface; pick one address of this machine")]
    Unspecified(IpAddr),
    #[error("bind: {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("workshop: {0:?} is not running; start it before opening voting")]
    NotRunning(String),
    #[error("system: {0}")]
    System(String),
    #[error(transparent)]
    Core(#[from] partner_risk_core::Error),
}

/// Where and how the server listens.
#[derive(Debug, Clone)]
pub struct Options {
    /// One address of this machine (never 0.0.0.0 or ::).
    pub addr: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Requests per second and burst allowed per client address.
    pub rate_per_second: f64,
    pub burst: f64,
    /// How often the store is looked at for a new item, round or reveal.
    pub poll: Duration,
}

impl Options {
    pub fn new(addr: IpAddr, port: u16) -> Self {
        Options {
            addr,
            port,
            rate_per_second: 20.0,
            burst: 40.0,
            poll: Duration::from_millis(500),
        }
    }
}

/// What every phone shows when the workshop is closed.
pub const CLOSED_WORKSHOP: &str = "The workshop is closed. Thank you!";
/// What every phone shows when voting from phones ends while the workshop is open (the
/// facilitator closed voting, or quit the app).
pub const CLOSED_VOTING: &str = "Voting from phones has ended. Thank you!";

/// A running server. Dropping it without [`VotingServer::stop`] leaves it running until
/// the runtime ends.
pub struct VotingServer {
    state: Arc<AppState>,
    addr: SocketAddr,
    shutdown: oneshot::Sender<()>,
    /// Sends the phones their last event before the server stops.
    closing: tokio::sync::watch::Sender<Option<String>>,
    server: JoinHandle<std::io::Result<()>>,
    poller: JoinHandle<()>,
}

/// Starts voting for one running workshop.
pub async fn start(
    store: Arc<Mutex<Store>>,
    workshop_id: &str,
    options: Options,
) -> Result<VotingServer, Error> {
    if options.addr.is_unspecified() {
        return Err(Error::Unspecified(options.addr));
    }
    let workshop = {
        let store = store.clone();
        let id = workshop_id.to_string();
        tokio::task::spawn_blocking(move || {
            let store = store.lock().unwrap_or_else(|p| p.into_inner());
            store.workshop(&id)
        })
        .await
        .map_err(|e| Error::System(e.to_string()))??
    };
    if workshop.status != WorkshopStatus::Running {
        return Err(Error::NotRunning(workshop.fields.title));
    }
    let wanted = SocketAddr::new(options.addr, options.port);
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(|source| Error::Bind {
            addr: wanted,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind {
        addr: wanted,
        source,
    })?;
    let no_random =
        |e: String| Error::System(format!("no random bytes from the operating system ({e})"));
    let token = state::random_hex().map_err(no_random)?;
    let join_code = state::random_code().map_err(no_random)?;
    // The poller owns the only sender: when it ends, every event stream ends.
    let (changes, watch) = tokio::sync::watch::channel(state::Signature::default());
    let (closing, closing_watch) = tokio::sync::watch::channel(None);
    let state = Arc::new(AppState::new(
        store,
        workshop.id,
        addr,
        token,
        join_code,
        &options,
        (watch, closing_watch),
    ));
    let poller = tokio::spawn(state::poll_changes(state.clone(), changes, options.poll));
    let app = api::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let (shutdown, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(VotingServer {
        state,
        addr,
        shutdown,
        closing,
        server,
        poller,
    })
}

impl VotingServer {
    /// The link participants open: `http://ADDR:PORT/j/TOKEN`.
    pub fn join_url(&self) -> String {
        format!("http://{}/j/{}", self.addr, self.state.token)
    }

    /// The join link as a QR code: a complete SVG document, black on white with the
    /// quiet zone phones' cameras need.
    pub fn join_qr_svg(&self) -> String {
        // A link of ~60 bytes always fits a QR code; an error here would be a bug.
        match qrcode::QrCode::with_error_correction_level(
            self.join_url().as_bytes(),
            qrcode::EcLevel::M,
        ) {
            Ok(code) => code
                .render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(240, 240)
                .build(),
            Err(_) => String::new(),
        }
    }

    /// Where people type the join code when they cannot scan: `http://ADDR:PORT/`.
    pub fn code_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Eight digits (`4821-0937`) to type at [`VotingServer::code_url`] instead of
    /// scanning; the participant page shows it too, so people can check they joined the
    /// right workshop.
    pub fn code(&self) -> String {
        self.state.code()
    }

    pub fn workshop_id(&self) -> &str {
        &self.state.workshop_id
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The devices that have joined: who they are and whether they voted in the current
    /// round (never how).
    pub async fn devices(&self) -> Result<Vec<DeviceInfo>, ApiError> {
        let state = self.state.clone();
        tokio::task::spawn_blocking(move || state.device_infos())
            .await
            .map_err(|_| ApiError::internal())?
    }

    /// Frees a claimed name so that another device can take it; false when unclaimed.
    pub fn release(&self, participant_id: &str) -> bool {
        self.state.release(participant_id)
    }

    /// Stops listening, ends the live event streams and waits for open requests. Every
    /// phone that follows the room first gets a last `closed` event with a sentence to
    /// show: "The workshop is closed. Thank you!" when it is, else that voting from
    /// phones has ended.
    pub async fn stop(self) {
        let state = self.state.clone();
        let closed = tokio::task::spawn_blocking(move || {
            state.with_store(|store| Ok(store.workshop(&state.workshop_id)?.status))
        })
        .await
        .ok()
        .and_then(Result::ok)
            == Some(WorkshopStatus::Closed);
        let words = if closed {
            CLOSED_WORKSHOP
        } else {
            CLOSED_VOTING
        };
        // Each stream sends the event and ends; the graceful shutdown below waits for
        // them to be written.
        let _ = self.closing.send(Some(words.to_string()));
        let _ = self.shutdown.send(());
        // Ending the poller drops the change channel's sender, which ends every event
        // stream, so the graceful shutdown is not held up by phones listening for changes.
        self.poller.abort();
        let _ = self.poller.await;
        let mut server = self.server;
        if tokio::time::timeout(Duration::from_secs(5), &mut server)
            .await
            .is_err()
        {
            server.abort();
        }
    }
}
