//! What every request passes before a handler sees it: the per-address rate limit, the
//! `Host` check (DNS rebinding), the workshop token in the path, and the security headers
//! on every answer. No CORS headers are ever sent: other origins get nothing.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::{same_secret, AppState};

pub(crate) const CODE_PAGE_CSP: &str = "default-src 'none'; style-src 'self'; \
form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) async fn guard(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match check(&state, peer, &request) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    };
    let headers = response.headers_mut();
    // The code page's form needs `form-action 'self'`; every other response gets CSP.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The token is in the URL: never let it leave in a Referer.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn check(state: &AppState, peer: SocketAddr, request: &Request) -> Result<(), ApiError> {
    if !state.allow(peer.ip()) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests from this device; wait a moment",
        ));
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if host != Some(state.host.as_str()) {
        return Err(ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "wrong_host",
            format!("this server answers only as {}", state.host),
        )
        .with_field("host"));
    }
    // The code page is the one door without the token: it hands out the link only for
    // the right code, and closes after a few wrong ones (see `AppState::check_code`).
    if matches!(request.uri().path(), "/" | "/code" | "/code.css") {
        return Ok(());
    }
    let token = request
        .uri()
        .path()
        .strip_prefix("/j/")
        .map(|rest| rest.split('/').next().unwrap_or(""));
    match token {
        Some(t) if same_secret(t, &state.token) => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no voting page here: open the link or QR code the facilitator shows",
        )),
    }
}
