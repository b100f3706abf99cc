//! The endpoints, all under `/j/{token}`: the page and its two assets, the device's
//! state, joining, voting, and a stream of change events. Nothing else of the workspace
//! is reachable.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use futures_util::Stream;
use partner_risk_core::matrix::{Matrix, Score};
use partner_risk_core::workshop::{BallotSource, RoundView, WorkshopStatus};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::guard::guard;
use crate::state::{AppState, CodeCheck};

/// Request bodies larger than this are refused (413) before they are parsed.
pub const BODY_LIMIT: usize = 4 * 1024;
const COOKIE: &str = "prisk_device";

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");
const ICON: &str = include_str!("assets/icon.svg");
const CODE_PAGE: &str = include_str!("assets/code.html");

pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(code_page))
        .route("/code", post(enter_code))
        .route("/code.css", get(style))
        .route("/j/{token}", get(page))
        .route("/j/{token}/app.js", get(script))
        .route("/j/{token}/app.css", get(style))
        .route("/j/{token}/icon.svg", get(icon))
        .route("/j/{token}/api/state", get(device_state))
        .route("/j/{token}/api/join", post(join))
        .route("/j/{token}/api/vote", post(vote))
        .route("/j/{token}/api/events", get(events))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such page")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this page does not take that kind of request",
    )
}

fn asset(content_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn page(State(state): State<Arc<AppState>>) -> Response {
    // The page names its assets under the token's path; everything else is static.
    let base = format!("/j/{}", state.token);
    asset("text/html; charset=utf-8", PAGE.replace("{{BASE}}", &base))
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT.to_string())
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE.to_string())
}

fn code_page_with(status: StatusCode, message: &str) -> Response {
    let message = if message.is_empty() {
        String::new()
    } else {
        // Our own fixed sentences: nothing typed is ever echoed into the page.
        format!("<p id=\"error\" role=\"alert\">{message}</p>")
    };
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        CODE_PAGE.replace("{{MESSAGE}}", &message),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(crate::guard::CODE_PAGE_CSP),
    );
    response
}

/// `http://ADDR:PORT/`: type the code shown on the facilitator's screen.
async fn code_page() -> Response {
    code_page_with(StatusCode::OK, "")
}

/// A typed code: the right one sends the browser on to the voting page.
async fn enter_code(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    // A form post: `code=4821-0937`. Only its digits count.
    let typed = String::from_utf8_lossy(&body)
        .split('&')
        .find_map(|pair| pair.strip_prefix("code=").map(str::to_string))
        .unwrap_or_default();
    match state.check_code(&typed) {
        CodeCheck::Right => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/j/{}", state.token))],
        )
            .into_response(),
        CodeCheck::Wrong => code_page_with(
            StatusCode::FORBIDDEN,
            "That is not the code. Check the eight digits on the facilitator's screen.",
        ),
        CodeCheck::Closed => code_page_with(
            StatusCode::GONE,
            "Too many wrong codes: joining by code is closed. Scan the QR code or open the link the facilitator shows.",
        ),
    }
}

/// Named by the page, so that browsers do not ask for `/favicon.ico` (which, without
/// the token, would only earn a 404).
async fn icon() -> Response {
    asset("image/svg+xml", ICON.to_string())
}

/// The device cookie's value, if the request carries one.
fn device_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE).then(|| value.to_string())
        })
}

/// Runs store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| ApiError::internal())?
}

/// A JSON body, refused with a clear status when it is too large, not JSON, or not the
/// expected shape.
fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send JSON (Content-Type: application/json)",
        ));
    }
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the request is larger than {BODY_LIMIT} bytes"),
            )
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed",
                "the request body could not be read",
            )
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("the request is not valid: {e}"),
        )
    })
}

#[derive(Debug, Serialize)]
struct Me {
    participant_id: String,
    name: String,
}

#[derive(Debug, Serialize)]
struct VoterChoice {
    participant_id: String,
    name: String,
    claimed: bool,
}

#[derive(Debug, Serialize)]
struct MyVote {
    score: Score,
    comment: String,
}

/// The current item, as much of it as a device may see.
#[derive(Debug, Serialize)]
struct ItemState {
    id: String,
    reference: String,
    title: String,
    description: String,
    round: u32,
    revealed: bool,
    matrix: Matrix,
    /// How many voters have voted in this round, and of how many.
    voted: u32,
    voters: u32,
    my_vote: Option<MyVote>,
    /// The revealed round, shown as the workshop's anonymity mode allows.
    result: Option<RoundView>,
}

#[derive(Debug, Serialize)]
struct DeviceState {
    workshop: String,
    status: WorkshopStatus,
    code: String,
    me: Option<Me>,
    /// The voters to pick from; empty once this device has joined.
    voters: Vec<VoterChoice>,
    item: Option<ItemState>,
    /// What to show when there is nothing to vote on.
    waiting: Option<String>,
}

async fn device_state(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Result<Json<DeviceState>, ApiError> {
    let me = state.device(device_token(&headers).as_deref());
    let view = blocking(move || {
        let claimed = state.claimed();
        state.with_store(|store| {
            let workshop = store.workshop(&state.workshop_id)?;
            let mut out = DeviceState {
                workshop: workshop.fields.title.clone(),
                status: workshop.status,
                code: state.code(),
                me: None,
                voters: Vec::new(),
                item: None,
                waiting: None,
            };
            let Some((participant_id, name)) = me else {
                out.voters = store
                    .participants(&state.workshop_id)?
                    .into_iter()
                    .filter(|p| p.fields.voter)
                    .map(|p| VoterChoice {
                        claimed: claimed.contains(&p.id),
                        participant_id: p.id,
                        name: p.fields.name,
                    })
                    .collect();
                return Ok(out);
            };
            let item = match (workshop.status, store.current_item(&state.workshop_id)?) {
                (WorkshopStatus::Running, Some(item)) => item,
                (WorkshopStatus::Closed, _) => {
                    out.waiting = Some("The workshop is closed. Thank you!".into());
                    out.me = Some(Me {
                        participant_id,
                        name,
                    });
                    return Ok(out);
                }
                _ => {
                    out.waiting = Some("Waiting for the facilitator…".into());
                    out.me = Some(Me {
                        participant_id,
                        name,
                    });
                    return Ok(out);
                }
            };
            let view = store.item_view(&item.id)?;
            if view.decision.is_some() {
                out.waiting = Some(format!(
                    "{} is decided. Waiting for the facilitator…",
                    item.reference
                ));
                out.me = Some(Me {
                    participant_id,
                    name,
                });
                return Ok(out);
            }
            let matrix = store.workshop_matrix(&workshop)?;
            let my_vote = state
                .my_vote(&participant_id, &item)
                .map(|(score, comment)| MyVote { score, comment });
            let result = view.rounds.last().filter(|r| r.revealed).cloned();
            out.item = Some(ItemState {
                id: item.id.clone(),
                reference: item.reference.clone(),
                title: item.title.clone(),
                description: view.risk.map(|r| r.fields.description).unwrap_or_default(),
                round: item.round,
                revealed: item.revealed,
                matrix,
                voted: view.voted.iter().filter(|v| v.voted).count() as u32,
                voters: view.voted.len() as u32,
                my_vote,
                result,
            });
            out.me = Some(Me {
                participant_id,
                name,
            });
            Ok(out)
        })
    })
    .await?;
    Ok(Json(view))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinRequest {
    participant_id: String,
}

async fn join(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: JoinRequest = json_body(&headers, body)?;
    if let Some((id, name)) = state.device(device_token(&headers).as_deref()) {
        if id == request.participant_id {
            return Ok(Json(Me {
                participant_id: id,
                name,
            })
            .into_response());
        }
        return Err(ApiError::conflict(
            "participant_id",
            format!("this device has already joined as {name}"),
        ));
    }
    let (me, token) = blocking(move || {
        let (participant, voters) = state.with_store(|store| {
            let workshop = store.workshop(&state.workshop_id)?;
            if workshop.status != WorkshopStatus::Running {
                return Err(partner_risk_core::Error::conflict(
                    "workshop",
                    &workshop.fields.title,
                    "the workshop is not running",
                ));
            }
            let all = store.participants(&state.workshop_id)?;
            let voters = all.iter().filter(|p| p.fields.voter).count();
            Ok((
                all.into_iter().find(|p| p.id == request.participant_id),
                voters,
            ))
        })?;
        let Some(participant) = participant else {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "no such participant in this workshop",
            )
            .with_field("participant_id"));
        };
        if !participant.fields.voter {
            return Err(ApiError::invalid(
                "participant_id",
                format!(
                    "{} is an observer; observers do not vote",
                    participant.fields.name
                ),
            ));
        }
        let token = state.claim(&participant.id, &participant.fields.name, voters)?;
        Ok((
            Me {
                participant_id: participant.id,
                name: participant.fields.name,
            },
            token,
        ))
    })
    .await?;
    let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = Json(me).into_response();
    let value = HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteRequest {
    item_id: String,
    likelihood: u8,
    impact: u8,
    #[serde(default)]
    comment: String,
}

async fn vote(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<MyVote>, ApiError> {
    let Some((participant_id, _)) = state.device(device_token(&headers).as_deref()) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "not_joined",
            "pick your name first",
        ));
    };
    let request: VoteRequest = json_body(&headers, body)?;
    let score = Score::new(request.likelihood, request.impact);
    blocking(move || {
        let comment = request.comment.trim().to_string();
        state.with_store(|store| {
            // The lock is held from the check to the write, and to remembering the vote:
            // the item cannot move on between, and two quick taps are remembered in the
            // order they were written.
            let current = store.current_item(&state.workshop_id)?;
            let item = match current {
                Some(item) if item.id == request.item_id => store.cast_ballot(
                    &item.id,
                    &participant_id,
                    score,
                    &request.comment,
                    BallotSource::Network,
                )?,
                _ => {
                    return Err(partner_risk_core::Error::conflict(
                        "item_id",
                        &request.item_id,
                        "is not the risk the room is voting on now; reload the page",
                    ))
                }
            };
            state.remember_vote(&participant_id, &item, score, &comment);
            Ok(())
        })?;
        Ok(Json(MyVote { score, comment }))
    })
    .await
}

/// Keeps a device marked as connected while its event stream is open.
struct Listening {
    state: Arc<AppState>,
    participant_id: Option<String>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(id) = &self.participant_id {
            self.state.listening(id, false);
        }
    }
}

/// A `change` event whenever the current item, its round or its reveal changes (and
/// when the workshop closes); the page then fetches its state again.
async fn events(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let participant_id = state
        .device(device_token(&headers).as_deref())
        .map(|(id, _)| id);
    if let Some(id) = &participant_id {
        state.listening(id, true);
    }
    let mut changes = state.changes.clone();
    changes.mark_unchanged();
    let closing = state.closing.clone();
    let listening = Listening {
        state,
        participant_id,
    };
    // A `change` per change; when voting stops, one `closed` event with the words to
    // show, and the stream ends.
    let stream = futures_util::stream::unfold(
        (changes, closing, listening, false),
        |(mut changes, mut closing, l, done)| async move {
            if done {
                return None;
            }
            let last = |words: String| Event::default().event("closed").data(words);
            let said = closing.borrow_and_update().clone();
            if let Some(words) = said {
                return Some((Ok(last(words)), (changes, closing, l, true)));
            }
            tokio::select! {
                biased;
                said = closing.changed() => {
                    said.ok()?;
                    let words = closing.borrow_and_update().clone();
                    Some((Ok(last(words?)), (changes, closing, l, true)))
                }
                changed = changes.changed() => {
                    if changed.is_err() {
                        // The poller, the only sender, is gone: the server is stopping,
                        // and its last words were set before.
                        let words = closing.borrow_and_update().clone();
                        return Some((Ok(last(words?)), (changes, closing, l, true)));
                    }
                    let event = Event::default().event("change").data("refetch");
                    Some((Ok(event), (changes, closing, l, false)))
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}
