//! The team register's commands without a server to hand: a workspace not in a team says
//! so quietly, and joining refuses plain http to another machine, a token that is not one
//! and a server that does not answer, in words, keeping nothing.

use serde_json::{json, Value};

use crate::support::{app, call};

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

const TOKEN: &str =
    "prt_0123456789ab_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn a_workspace_not_in_a_team_has_no_status_and_nothing_to_sync() {
    let app = app();
    let view = call(&app, "team_status", json!({})).unwrap();
    assert_eq!(view["status"]["joined"], false);
    assert_eq!(view["problem"], Value::Null);
    let outcome = call(&app, "team_sync", json!({})).unwrap();
    assert_eq!(outcome["report"], Value::Null);
    assert_eq!(outcome["view"]["status"]["joined"], false);
    assert_eq!(
        call(&app, "team_conflicts", json!({"partnershipId": null})).unwrap(),
        json!([])
    );
}

#[test]
fn joining_refuses_plain_http_elsewhere_a_token_that_is_not_one_and_a_server_that_does_not_answer()
{
    let app = app();
    let config = tempfile::tempdir().unwrap();
    std::env::set_var("PARTNER_RISK_CONFIG_DIR", config.path());
    let refused = |server: &str, token: &str| {
        call(&app, "team_join", json!({"server": server, "token": token})).unwrap_err()
    };

    let e = refused("http://risk.example.org:8443", TOKEN);
    assert_eq!(e["field"], "server");
    assert_eq!(e["reason"], "plain http only on this machine");

    let e = refused("risk.example.org", TOKEN);
    assert_eq!(
        (e["field"].as_str(), e["reason"].as_str()),
        (Some("server"), Some("must start with https://"))
    );

    let closed = format!("http://127.0.0.1:{}", closed_port());
    let e = refused(&closed, "my password");
    assert_eq!(e["field"], "token");
    assert!(
        e["reason"]
            .as_str()
            .unwrap()
            .starts_with("not a Partner Risk team token"),
        "{e}"
    );

    let e = refused(&closed, TOKEN);
    assert_eq!(e["field"], "server");
    assert!(
        e["reason"]
            .as_str()
            .unwrap()
            .starts_with("no answer from the team server"),
        "{e}"
    );

    // Nothing was kept: the workspace is in no team, no token was written.
    let view = call(&app, "team_status", json!({})).unwrap();
    assert_eq!(view["status"]["joined"], false);
    assert_eq!(std::fs::read_dir(config.path()).unwrap().count(), 0);
}
