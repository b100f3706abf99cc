//! A typed code leads to the voting page, and guessing codes gets nowhere.

use partner_risk_core::workshop::Anonymity;
use partner_risk_voting::start;

use crate::support::{options, room, Answer, Client};

/// Posts a typed code to the server's root form, as a browser does.
async fn type_code(phone: &Client, code: &str) -> Answer {
    let body = format!("code={code}");
    let mut request = format!(
        "POST /code HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        phone.host,
        body.len()
    );
    request += &body;
    phone.raw(request.into_bytes()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_code_leads_to_the_voting_page_and_guessing_gets_nowhere() {
    let room = room(Anonymity::Anonymous);
    let server = start(room.store.clone(), &room.workshop, options())
        .await
        .unwrap();
    let phone = Client::new(&server);
    assert_eq!(
        server.code_url(),
        format!("http://{}/", server.local_addr())
    );
    let code = server.code();
    assert!(
        code.len() == 9 && code.as_bytes()[4] == b'-',
        "eight digits in two groups: {code}"
    );
    assert!(code.chars().filter(char::is_ascii_digit).count() == 8);
    // The code grants nothing of the token: none of its digits come from it.
    assert_ne!(&phone.base[3..11], code.replace('-', ""));

    // The root page: a form posting to /code, its own CSP allowing only that.
    let page = phone.raw(phone.request("GET", "/", None, "")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("action=\"/code\""), "{}", page.body);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("form-action 'self'") && !csp.contains("script-src"),
        "{csp}"
    );
    let style = phone.raw(phone.request("GET", "/code.css", None, "")).await;
    assert_eq!(style.status, 200);

    // The right code, typed with spaces instead of the dash: on to the voting page.
    let right = type_code(&phone, &code.replace('-', "+")).await;
    assert_eq!(right.status, 303, "{}", right.body);
    assert_eq!(right.header("location"), Some(phone.base.as_str()));
    // A wrong code: the form again, saying so, and never echoing what was typed.
    let wrong = type_code(&phone, "<b>12345678</b>").await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.body.contains("That is not the code"));
    assert!(!wrong.body.contains("<b>"));
    assert!(wrong.header("location").is_none());
    // The root page needs the right Host like everything else.
    let mut stranger = phone.clone();
    stranger.host = "evil.example:80".into();
    assert_eq!(
        stranger
            .raw(stranger.request("GET", "/", None, ""))
            .await
            .status,
        421
    );

    // Fifty wrong codes in all close code entry for good, even for the right code; the
    // link keeps working.
    for _ in 1..50 {
        assert_eq!(type_code(&phone, "00000000").await.status, 403);
    }
    let closed = type_code(&phone, &code).await;
    assert_eq!(closed.status, 410);
    assert!(closed.body.contains("Scan the QR code"));
    assert_eq!(phone.get("").await.status, 200);
    server.stop().await;
}
