//! The workspace's side of the protocol: a blocking HTTP client (ureq, rustls on ring).

use std::time::Duration;

use partner_risk_core::{Error, Result};
use serde::de::DeserializeOwned;

use crate::protocol::{LogPage, PartnershipHead, Push, Pushed, Refusal, TeamInfo};

/// The largest answer read (a log page of a large partnership).
const MAX_ANSWER: u64 = 512 * 1024 * 1024;

/// Names a PEM file of certificates to trust besides the system's (a team's own CA).
pub const CA_ENV: &str = "PARTNER_RISK_TEAM_CA";

/// rustls on ring, trusting the system's roots and `$PARTNER_RISK_TEAM_CA`'s.
fn tls() -> Result<ureq::tls::TlsConfig> {
    use ureq::tls::{Certificate, RootCerts, TlsConfig};
    let mut roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()).to_owned())
        .collect();
    if let Some(file) = std::env::var_os(CA_ENV).filter(|f| !f.is_empty()) {
        let pem = std::fs::read(&file).map_err(|source| Error::Io {
            path: file.clone().into(),
            source,
        })?;
        let before = roots.len();
        for item in ureq::tls::parse_pem(&pem) {
            if let Ok(ureq::tls::PemItem::Certificate(c)) = item {
                roots.push(c);
            }
        }
        if roots.len() == before {
            return Err(Error::invalid(
                CA_ENV,
                file.to_string_lossy(),
                "no PEM certificate in the file",
            ));
        }
    }
    let provider = std::sync::Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    Ok(TlsConfig::builder()
        .unversioned_rustls_crypto_provider(provider)
        .root_certs(RootCerts::Specific(std::sync::Arc::new(roots)))
        .build())
}

/// What a push came back with, besides success.
#[derive(Debug)]
pub enum PushError {
    /// Others changed the same records since the push's base: pull, merge, push again.
    PullFirst,
    /// Anything else, the server's words.
    Refused(Error),
    /// No answer: the push may or may not have been applied; send it again.
    NoAnswer(Error),
}

/// A request that did not succeed: the HTTP status (0: no answer), the refusal's code,
/// and the error in the core's terms.
struct Failed {
    status: u16,
    code: String,
    error: Error,
}

impl Failed {
    fn no_answer(error: Error) -> Box<Failed> {
        Box::new(Failed {
            status: 0,
            code: "no_answer".into(),
            error,
        })
    }
}

/// Whether `server` is a plain `http://` address of another machine, where a token must
/// not be sent.
pub fn plain_http_elsewhere(server: &str) -> bool {
    let lower = server.trim().to_ascii_lowercase();
    lower
        .strip_prefix("http://")
        .is_some_and(|rest| !is_loopback_host(host_of(rest)))
}

fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

/// The host of what follows `http://` or `https://`, without user, port or path.
pub fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(bracketed) = authority.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or(bracketed);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// A server and a token.
pub struct Client {
    base: String,
    token: String,
    agent: ureq::Agent,
}

impl Client {
    pub fn new(server: &str, token: &str) -> Result<Client> {
        let base = server.trim().trim_end_matches('/').to_string();
        let scheme = base.to_ascii_lowercase();
        if !(scheme.starts_with("https://") || scheme.starts_with("http://")) {
            return Err(Error::invalid(
                "server",
                server,
                "must start with https:// (or http:// for a server on this machine)",
            ));
        }
        if plain_http_elsewhere(&base) {
            return Err(Error::invalid(
                "server",
                server,
                "plain http:// is only for a server on this machine (the token and the register would travel in clear): use https://",
            ));
        }
        // A server that takes the connection but never answers (a hung process, a proxy)
        // must not keep a sync waiting for minutes: the headers come within a minute or
        // the sync is tried again later (a push retried with its change id is harmless).
        let agent = ureq::Agent::config_builder()
            .tls_config(tls()?)
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_recv_response(Some(Duration::from_secs(60)))
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(Client {
            base,
            token: token.trim().to_string(),
            agent,
        })
    }

    pub fn server(&self) -> &str {
        &self.base
    }

    fn unreachable(&self, e: ureq::Error) -> Error {
        let text = e.to_string();
        if text.contains("certificate") {
            return Error::invalid(
                "server",
                &self.base,
                format!(
                    "the team server's certificate is not trusted here ({text}): add the team's CA to the system's certificates, or name its PEM file in ${CA_ENV}"
                ),
            );
        }
        Error::invalid(
            "server",
            &self.base,
            format!("no answer from the team server ({text}); nothing was lost, sync again later"),
        )
    }

    fn answer<T: DeserializeOwned>(
        &self,
        what: &str,
        result: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> std::result::Result<T, Box<Failed>> {
        let mut response = result.map_err(|e| Failed::no_answer(self.unreachable(e)))?;
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_vec()
            .map_err(|e| Failed::no_answer(self.unreachable(e)))?;
        if status == 200 {
            return serde_json::from_slice(&bytes).map_err(|e| {
                Box::new(Failed {
                    status,
                    code: "bad_answer".into(),
                    error: Error::invalid(
                        "server",
                        &self.base,
                        format!("{what}: not an answer of a Partner Risk team server ({e})"),
                    ),
                })
            });
        }
        let refusal: Refusal = serde_json::from_slice(&bytes).unwrap_or(Refusal {
            code: "http".into(),
            message: format!("HTTP {status}"),
            head: None,
        });
        let field = match refusal.code.as_str() {
            "token" => "token",
            "forbidden" => "role",
            "unknown_base" => "base",
            _ => "server",
        };
        let err = if refusal.code == "pull_first" || refusal.code == "forbidden" {
            Error::conflict(field, &self.base, format!("{what}: {}", refusal.message))
        } else {
            Error::invalid(field, &self.base, format!("{what}: {}", refusal.message))
        };
        Err(Box::new(Failed {
            status,
            code: refusal.code,
            error: err,
        }))
    }

    fn get<T: DeserializeOwned>(&self, what: &str, path: &str) -> Result<T> {
        let result = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.token))
            .call();
        self.answer(what, result).map_err(|f| f.error)
    }

    /// The team and who the token is.
    pub fn team(&self) -> Result<TeamInfo> {
        self.get("the team", "/v1/team")
    }

    /// The partnerships on the server.
    pub fn partnerships(&self) -> Result<Vec<PartnershipHead>> {
        self.get("the partnerships", "/v1/partnerships")
    }

    /// One page of a partnership's log after `after`.
    pub fn page(&self, partnership: &str, after: i64) -> Result<LogPage> {
        self.get(
            "the log",
            &format!("/v1/partnerships/{partnership}/log/{after}"),
        )
    }

    /// Sends a push.
    pub fn push(&self, partnership: &str, push: &Push) -> std::result::Result<Pushed, PushError> {
        let body = serde_json::to_vec(push).expect("pushes serialise");
        let result = self
            .agent
            .post(format!("{}/v1/partnerships/{partnership}/push", self.base))
            .header("Authorization", format!("Bearer {}", self.token))
            .content_type("application/json")
            .send(&body[..]);
        match self.answer::<Pushed>("push", result) {
            Ok(p) => Ok(p),
            Err(f) if f.code == "pull_first" => Err(PushError::PullFirst),
            // No answer, or the server could not reach its database: it may have applied
            // the push or not; the same change id is sent again.
            Err(f) if f.status == 0 || f.status >= 500 => Err(PushError::NoAnswer(f.error)),
            Err(f) => Err(PushError::Refused(f.error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_goes_in_clear_only_to_this_machine() {
        for here in [
            "http://127.0.0.1:8080",
            "http://localhost/",
            "http://[::1]:9000",
            "https://risk.example.org",
        ] {
            assert!(!plain_http_elsewhere(here), "{here}");
        }
        for elsewhere in [
            "http://10.0.0.5:8080",
            "HTTP://risk.example.org",
            "http://user@192.168.1.2/",
        ] {
            assert!(plain_http_elsewhere(elsewhere), "{elsewhere}");
            let e = Client::new(elsewhere, "t")
                .err()
                .expect(elsewhere)
                .to_string();
            assert!(e.contains("only for a server on this machine"), "{e}");
        }
        assert!(Client::new("http://127.0.0.1:1", "t").is_ok());
    }
}
