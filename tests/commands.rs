//! The commands through Tauri's IPC on the mock runtime (no display), against a real
//! workspace file: arguments are deserialised as the UI sends them, and errors come
//! back as `{ code, message, field }`.

use partner_risk_core::{OpenMode, Store};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

struct App {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let app = partner_risk_app::with_workspace(mock_builder(), store)
        // Import… reads files in a child process of the app binary (its `main` answers).
        .manage(partner_risk_app::commands::import::ImportReader(
            env!("CARGO_BIN_EXE_partner-risk").into(),
        ))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        _dir: dir,
        _app: app,
        window,
    }
}

fn call(app: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn demo_register_and_scoring_through_ipc() {
    let app = app();
    assert_eq!(
        call(&app, "list_partnerships", json!({"includeArchived": false})).unwrap(),
        json!([])
    );
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let id = demo["id"].as_str().unwrap();
    let register = call(&app, "register", json!({"partnershipId": id})).unwrap();
    let entries = register["rows"].as_array().unwrap();
    assert!(entries.len() >= 30);
    assert_eq!(
        register["matrix"]["likelihood"].as_array().unwrap().len(),
        5
    );
    // The table's rows carry the columns, not the whole risk.
    assert!(entries[0]["reference"].is_string() && entries[0]["inherent"].is_object());
    assert!(entries[0].get("description").is_none());

    // Filters answer with the ids of the matching rows, in reference order.
    let exit_rows: Vec<&Value> = entries.iter().filter(|r| r["category"] == "exit").collect();
    let ids = call(
        &app,
        "matching_risks",
        json!({"partnershipId": id, "filter": {"categories": ["exit"]}}),
    )
    .unwrap();
    assert!(!exit_rows.is_empty());
    assert_eq!(
        ids.as_array().unwrap().iter().collect::<Vec<_>>(),
        exit_rows.iter().map(|r| &r["id"]).collect::<Vec<_>>()
    );
    let found = call(
        &app,
        "matching_risks",
        json!({"partnershipId": id, "filter": {"text": "insolv"}}),
    )
    .unwrap();
    assert!(!found.as_array().unwrap().is_empty());

    let fields = json!({
        "category": "technical", "title": "Partner changes its model without notice",
        "status": "open", "inherent": {"likelihood": 4, "impact": 4}, "tags": ["ml"]
    });
    let risk = call(
        &app,
        "create_risk",
        json!({"partnershipId": id, "fields": fields}),
    )
    .unwrap();
    assert!(risk["reference"].as_str().unwrap().starts_with("TEC-"));
    let mut fields = risk.clone();
    fields["residual"] = json!({"likelihood": 2, "impact": 3});
    let updated = call(
        &app,
        "update_risk",
        json!({"id": risk["id"], "fields": fields}),
    )
    .unwrap();
    assert_eq!(updated["residual"]["likelihood"], 2);
    let detail = call(&app, "risk_detail", json!({"id": risk["id"]})).unwrap();
    assert_eq!(detail["history"].as_array().unwrap().len(), 2);

    let map = call(
        &app,
        "heat_map",
        json!({"partnershipId": id, "kind": "residual"}),
    )
    .unwrap();
    let total: u64 = map["counts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(total, entries.len() as u64 + 1);

    let action = call(&app, "add_action", json!({"riskId": risk["id"], "fields": {"title": "Pin the model version", "status": "planned", "due": "2026-12-01"}})).unwrap();
    assert_eq!(action["due"], "2026-12-01");
}

#[test]
fn errors_cross_ipc_with_code_message_and_field() {
    let app = app();
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let id = demo["id"].as_str().unwrap();
    let bad = json!({"category": "technical", "title": "x", "status": "open", "residual": {"likelihood": 6, "impact": 1}});
    let e = call(
        &app,
        "create_risk",
        json!({"partnershipId": id, "fields": bad}),
    )
    .unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["field"], "residual.likelihood");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("Likelihood is 1 to 5"));

    let e = call(&app, "risk_detail", json!({"id": "nope"})).unwrap_err();
    assert_eq!(e["code"], "not_found");

    let e = call(
        &app,
        "create_partnership",
        json!({
            "fields": {"name": "", "stage": "pilot"}, "matrix": "5x5", "templates": "all"
        }),
    )
    .unwrap_err();
    assert_eq!(e["field"], "name");
    // A request the UI got wrong is refused without touching the workspace.
    assert!(call(&app, "create_risk", json!({"partnershipId": id})).is_err());
}

#[test]
fn matrices_and_matrix_change_through_ipc() {
    let app = app();
    let matrices = call(&app, "matrices", json!({})).unwrap();
    assert_eq!(matrices.as_array().unwrap().len(), 5);
    let copy = call(
        &app,
        "clone_matrix",
        json!({"source": "5x5", "name": "Board 5×5"}),
    )
    .unwrap();
    let mut edited = copy.clone();
    edited["grid"][0][0] = json!(3);
    let check = call(&app, "check_matrix", json!({"matrix": edited})).unwrap();
    assert!(!check["warnings"].as_array().unwrap().is_empty());
    let mut broken = copy.clone();
    broken["levels"][0]["colour"] = json!("green");
    let e = call(&app, "check_matrix", json!({"matrix": broken})).unwrap_err();
    assert_eq!(e["field"], "levels[0].colour");

    let p = call(&app, "create_partnership", json!({
        "fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": {"codes": ["api-format-mismatch"]}
    }))
    .unwrap();
    let plan = call(
        &app,
        "plan_matrix_change",
        json!({"partnershipId": p["id"], "matrixId": "3x3"}),
    )
    .unwrap();
    assert_eq!(plan["changes"].as_array().unwrap().len(), 1);
    let moved = call(&app, "apply_matrix_change", json!({"plan": plan})).unwrap();
    assert_eq!(moved["matrix_id"], "preset-3x3");
}

#[test]
fn a_workshop_through_ipc_shows_no_vote_before_the_reveal() {
    let app = app();
    let demo = call(&app, "create_demo", json!({})).unwrap();
    let pid = demo["id"].as_str().unwrap();
    let fields = json!({
        "title": "Kick-off", "date": "2026-12-10", "place": "Room 4", "facilitator": "Fran",
        "sets": "residual", "anonymity": "named",
        "rule": {"consensus_range": 1, "near_window": 1, "near_share_percent": 75}, "notes": ""
    });
    let w = call(
        &app,
        "create_workshop",
        json!({"partnershipId": pid, "fields": fields}),
    )
    .unwrap();
    let wid = w["id"].as_str().unwrap();
    let mut voters = Vec::new();
    for (name, voter) in [("Ann", true), ("Ben", true), ("Olga", false)] {
        let p = call(
            &app,
            "add_participant",
            json!({"workshopId": wid, "fields": {"name": name, "role": "", "side": "partner", "voter": voter}}),
        )
        .unwrap();
        voters.push(p["id"].as_str().unwrap().to_string());
    }
    let items = call(
        &app,
        "add_agenda_items",
        json!({"workshopId": wid, "riskIds": ["DPR-001", "DPR-002"]}),
    )
    .unwrap();
    let item = items[0]["id"].as_str().unwrap();
    call(&app, "start_workshop", json!({"id": wid})).unwrap();

    let vote = |who: &str, l: u8, i: u8| {
        call(
            &app,
            "cast_ballot",
            json!({"itemId": item, "participantId": who, "score": {"likelihood": l, "impact": i},
                   "comment": "", "proxy": false}),
        )
    };
    let view = vote(&voters[0], 3, 3).unwrap();
    assert_eq!(view["rounds"][0]["votes"], 1);
    assert_eq!(
        view["rounds"][0]["ballots"],
        json!([]),
        "no vote shows before the reveal"
    );
    assert_eq!(view["voted"][0]["voted"], true);
    assert_eq!(view["voted"][1]["voted"], false);
    let refused = vote(&voters[2], 3, 3).unwrap_err();
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["field"], "participant");
    vote(&voters[1], 3, 4).unwrap();

    let view = call(&app, "reveal_votes", json!({"itemId": item})).unwrap();
    assert_eq!(view["rounds"][0]["ballots"][1]["participant_name"], "Ben");
    assert_eq!(view["rounds"][0]["spread"]["verdict"], "consensus");
    let decision = json!({"score": {"likelihood": 3, "impact": 4}, "how": "consensus",
                          "rationale": "", "dissent": ""});
    let e = call(
        &app,
        "decide_item",
        json!({"itemId": item, "fields": decision}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "rationale");
    let mut decision = decision;
    decision["rationale"] = json!("Late DPA");
    let view = call(
        &app,
        "decide_item",
        json!({"itemId": item, "fields": decision}),
    )
    .unwrap();
    assert_eq!(
        view["risk"]["residual"],
        json!({"likelihood": 3, "impact": 4})
    );
    assert_eq!(view["decision"]["how"], "consensus");

    // Voting from phones: on an address of this machine only, one server per window.
    let addresses = call(&app, "voting_addresses", json!({})).unwrap();
    assert!(addresses
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["address"] == "127.0.0.1" && a["kind"] == "loopback"));
    for (address, says) in [
        ("0.0.0.0", "not an address of this computer"),
        ("phones", "is not an IP address"),
    ] {
        let e = call(
            &app,
            "open_voting",
            json!({"workshopId": wid, "address": address}),
        )
        .unwrap_err();
        assert_eq!(
            (&e["code"], &e["field"]),
            (&json!("invalid"), &json!("address"))
        );
        assert!(e["message"].as_str().unwrap().contains(says), "{e}");
    }
    let open = call(
        &app,
        "open_voting",
        json!({"workshopId": wid, "address": "127.0.0.1"}),
    )
    .unwrap();
    let url = open["join_url"].as_str().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(open["qr_svg"].as_str().unwrap().contains("<svg"));
    assert_eq!(open["code"].as_str().unwrap().len(), 9);
    let again = call(
        &app,
        "open_voting",
        json!({"workshopId": wid, "address": "127.0.0.1"}),
    )
    .unwrap();
    assert_eq!(
        again["join_url"], open["join_url"],
        "the running server, not a second one"
    );
    // The facilitator moves the room to item 2; a phone joins as Ben.
    let second = items[1]["id"].as_str().unwrap();
    let moved = call(
        &app,
        "set_current_item",
        json!({"workshopId": wid, "itemId": second}),
    )
    .unwrap();
    assert_eq!(moved["current_item"], second);
    let listening = url["http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let base = &url["http://".len() + listening.len()..];
    let joined = phone_post(
        &listening,
        &format!("{base}/api/join"),
        &json!({"participant_id": voters[1]}).to_string(),
    );
    assert!(joined.starts_with("HTTP/1.1 200"), "{joined}");
    let status = call(&app, "voting_status", json!({"workshopId": wid})).unwrap();
    assert_eq!(status["open"]["join_url"], open["join_url"]);
    assert_eq!(status["devices"][0]["name"], "Ben");
    assert_eq!(status["devices"][0]["voted"], false);
    assert_eq!(status["item"]["id"], second, "the item the phones are on");
    assert_eq!(status["voted"], json!([]));
    assert_eq!(
        call(&app, "voting_status", json!({"workshopId": "another"})).unwrap()["open"],
        Value::Null
    );
    let released =
        |app: &App| call(app, "release_voter", json!({"participantId": voters[1]})).unwrap();
    assert_eq!(released(&app), json!(true));
    assert_eq!(released(&app), json!(false));

    // Closing the workshop closes voting: nothing listens any more.
    let closed = call(&app, "close_workshop", json!({"id": wid})).unwrap();
    assert_eq!(closed["ballot_digest"].as_str().unwrap().len(), 64);
    assert_eq!(
        call(&app, "voting_status", json!({"workshopId": wid})).unwrap()["open"],
        Value::Null
    );
    assert!(std::net::TcpStream::connect(&listening).is_err());
    let list = call(&app, "list_workshops", json!({"partnershipId": pid})).unwrap();
    assert_eq!(list[0]["decided"], 1);
    let detail = call(&app, "workshop_detail", json!({"id": wid})).unwrap();
    assert_eq!(detail["workshop"]["status"], "closed");
    let e = vote(&voters[0], 1, 1).unwrap_err();
    assert_eq!(e["code"], "conflict");
    assert!(e["message"].as_str().unwrap().contains("closed"));
}

#[test]
fn a_spreadsheet_is_previewed_then_imported_through_ipc() {
    let app = app();
    let p = call(
        &app,
        "create_partnership",
        json!({
            "fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"
        }),
    )
    .unwrap();
    let id = p["id"].as_str().unwrap();
    let path = app._dir.path().join("register.csv");
    std::fs::write(
        &path,
        "Title;Category;Probability;Impact;Status\n\
         Partner API changes without notice;Technical;4;3;Open\n\
         No exit plan;Exit;Medium-ish;4;Open\n\
         DPA not signed;Regulatory;2;5;Mitigating\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let count = |app: &App| {
        call(app, "register", json!({"partnershipId": id})).unwrap()["rows"]
            .as_array()
            .unwrap()
            .len()
    };

    let preview = call(
        &app,
        "preview_import",
        json!({"partnershipId": id, "path": file, "options": {}}),
    )
    .unwrap();
    let plan = &preview["plan"];
    assert_eq!(plan["source"]["kind"], "csv");
    assert_eq!(plan["source"]["delimiter"], ";");
    assert_eq!(
        plan["counts"],
        json!({"rows": 3, "skipped": 0, "valid": 2, "invalid": 1, "new": 2, "update": 0, "unchanged": 0})
    );
    assert_eq!(
        (preview["rows_shown"].clone(), preview["rows_total"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!(
        plan["problems"],
        json!([{"row": 3, "column": "Probability", "message": "\"Medium-ish\" is not a likelihood"}])
    );
    assert_eq!(count(&app), 0, "a preview writes nothing");

    // The import reads the file again and takes the mapping the user saw.
    let digest = plan["source"]["digest"].clone();
    let outcome = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": file, "options": {}, "mapping": plan["mapping"],
            "digest": digest, "skipInvalid": true
        }),
    )
    .unwrap();
    assert_eq!(
        outcome,
        json!({"created": 2, "updated": 0, "unchanged": 0, "skipped": 1, "categories_created": 0})
    );
    assert_eq!(count(&app), 2);

    // A file changed since its preview is refused in words, and nothing is written.
    std::fs::write(&path, "Title\nSomething else entirely\n").unwrap();
    let e = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": file, "options": {}, "mapping": plan["mapping"],
            "digest": digest, "skipInvalid": true
        }),
    )
    .unwrap_err();
    assert_eq!(
        e["message"],
        "The file has changed since the preview. Preview it again."
    );
    assert_eq!(count(&app), 2);

    // File → Restore from Backup…: the import kept the workspace as it was before.
    let backups = call(&app, "list_backups", json!({})).unwrap();
    let before_import = backups
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reason"] == "import")
        .expect("a backup before the import");
    assert_eq!(
        (&before_import["partnerships"], &before_import["risks"]),
        (&json!(1), &json!(0))
    );
    let restored = call(
        &app,
        "restore_backup",
        json!({"backup": before_import["path"]}),
    )
    .unwrap();
    assert_eq!(restored["contents"]["risks"], 0);
    assert_eq!(restored["previous"]["reason"], "before_restore");
    assert_eq!(count(&app), 0, "the window's store reads the restored file");
    // Only this workspace's own backups can be restored.
    let e = call(&app, "restore_backup", json!({"backup": file})).unwrap_err();
    assert_eq!(e["code"], "invalid");
    assert_eq!(count(&app), 0);

    // A real register (../shared/realdata, beside the project when present): Russian, on
    // the workbook's second sheet below title rows, 16 rows holding only an ID, areas the
    // workspace has no category for. Read by the app's own reader process.
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/realdata/registers/LysinKirill__SoftwareProjectManagement__Лысин_RiskRegister.xlsx",
    );
    if !real.exists() {
        eprintln!("../shared/realdata is absent: the real register is not tried");
        return;
    }
    let real = real.display().to_string();
    let preview = call(
        &app,
        "preview_import",
        json!({"partnershipId": id, "path": real, "options": {}}),
    )
    .unwrap();
    let plan = &preview["plan"];
    assert_eq!(plan["source"]["sheet"], "Реестр рисков");
    assert_eq!(plan["mapping"]["header_row"], 4);
    assert_eq!(
        (
            &plan["counts"]["new"],
            &plan["counts"]["skipped"],
            &plan["counts"]["invalid"]
        ),
        (&json!(10), &json!(16), &json!(0))
    );
    let likelihood = plan["mapping"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["header"] == "Вероятность риска")
        .unwrap();
    assert_eq!(likelihood["target"], "inherent_likelihood");
    assert_eq!(
        likelihood["how"],
        "its header, in Russian; unqualified pairs: inherent, residual, target"
    );
    let new_categories = plan["mapping"]["new_categories"].as_array().unwrap().len();
    assert!(new_categories > 0);
    let outcome = call(
        &app,
        "run_import",
        json!({
            "partnershipId": id, "path": real, "options": {"sheet": plan["source"]["sheet"]},
            "mapping": plan["mapping"], "digest": plan["source"]["digest"], "skipInvalid": false
        }),
    )
    .unwrap();
    assert_eq!(outcome["created"], 10);
    assert_eq!(outcome["categories_created"], new_categories);
    assert_eq!(count(&app), 10);
}

#[test]
fn a_ballot_file_is_filled_through_ipc_and_saved_at_once() {
    use partner_risk_core::workshop::ballot_file::BallotFile;
    use partner_risk_core::workshop::{ParticipantFields, WorkshopFields};
    use tauri::Manager;

    // The facilitator's workspace writes a sealed ballot file …
    let facilitator = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        facilitator.path().join("f.prisk"),
        OpenMode::CreateIfMissing,
    )
    .unwrap();
    let p = store
        .create_demo(0, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .unwrap();
    let w = store
        .create_workshop(&p.id, WorkshopFields::new("Home round"))
        .unwrap();
    store
        .add_participant(&w.id, ParticipantFields::voter("Ann"))
        .unwrap();
    store
        .add_agenda_items(&w.id, &["DPR-001".into(), "DPR-002".into()])
        .unwrap();
    let path = facilitator.path().join("ann.prisk-ballot");
    store
        .export_ballot(&w.id, "Ann")
        .unwrap()
        .write(&path)
        .unwrap();

    // … which the participant's own app (another workspace) fills in.
    let app = app();
    *app._app
        .state::<partner_risk_app::workspace::OpenBallot>()
        .0
        .lock()
        .unwrap() = Some(path.clone());
    let filled = call(
        &app,
        "fill_ballot",
        json!({"reference": "DPR-001", "score": {"likelihood": 3, "impact": 4}, "comment": "DPA late"}),
    )
    .unwrap();
    assert_eq!(filled["votes"][0]["reference"], "DPR-001");
    let e = call(
        &app,
        "fill_ballot",
        json!({"reference": "DPR-002", "score": {"likelihood": 9, "impact": 4}, "comment": ""}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "score.likelihood");
    let on_disk = BallotFile::read(&path).unwrap();
    assert_eq!(
        on_disk.votes.len(),
        1,
        "saved at once; the refused vote is not"
    );
    assert_eq!(store.import_ballot(&w.id, &on_disk).unwrap(), 1);
}

#[test]
fn the_analysts_review_through_ipc() {
    let app = app();
    // No name yet: the actor is the OS user or "local user", never "unknown".
    let who = call(&app, "whoami", json!({})).unwrap();
    assert_eq!(who["name"], Value::Null);
    assert_ne!(who["actor"], "unknown");
    let e = call(&app, "set_whoami", json!({"name": "  "})).unwrap_err();
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid"), Some("name"))
    );
    let who = call(&app, "set_whoami", json!({"name": "Rita Reviewer"})).unwrap();
    assert_eq!(
        (who["name"].as_str(), who["source"].as_str()),
        (Some("Rita Reviewer"), Some("workspace"))
    );

    call(&app, "create_demo", json!({})).unwrap();
    let filter = json!({"limit": 3});
    let queue = call(&app, "review_queue", json!({ "filter": filter })).unwrap();
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 3);
    assert!(queue.iter().all(|e| e["state"] == "unreviewed"));
    let risk = queue[0]["risk_id"].as_str().unwrap();
    let context = call(&app, "review_context", json!({"riskId": risk})).unwrap();
    assert_eq!(context["detail"]["risk"]["id"], risk);
    assert!(context["reviews"].as_array().unwrap().is_empty());
    assert!(context["matrix"]["levels"].as_array().unwrap().len() >= 3);

    // A refused review names its field and leaves nothing behind.
    let e = call(
        &app,
        "add_review",
        json!({"riskId": risk, "fields": {"decision": "escalate"}}),
    )
    .unwrap_err();
    assert_eq!(e["field"], "rationale");
    let review = call(
        &app,
        "add_review",
        json!({"riskId": risk, "fields": {"decision": "escalate", "rationale": "board"}}),
    )
    .unwrap();
    assert_eq!(review["reviewer"], "Rita Reviewer");
    // The counts agree with the queue: one risk fewer is unreviewed.
    let counts = call(&app, "review_counts", json!({})).unwrap();
    let all = call(&app, "review_queue", json!({"filter": {}})).unwrap();
    let unreviewed = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["state"] == "unreviewed")
        .count();
    assert_eq!(counts[0]["unreviewed"].as_u64(), Some(unreviewed as u64));
    assert!(!all.as_array().unwrap().iter().any(|e| e["risk_id"] == risk));
    let undone = call(&app, "undo_review", json!({"reviewId": review["id"]})).unwrap();
    assert_eq!(undone["withdrawn_by"], "Rita Reviewer");

    // Activity and portfolio.
    let page = call(
        &app,
        "activity",
        json!({"filter": {"limit": 5, "actor": "Rita Reviewer"}}),
    )
    .unwrap();
    assert!(!page["entries"].as_array().unwrap().is_empty());
    assert!(page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "Rita Reviewer"));
    let e = call(&app, "activity", json!({"filter": {"limit": 0}})).unwrap_err();
    assert_eq!(e["field"], "limit");
    let portfolio = call(&app, "portfolio", json!({})).unwrap();
    assert_eq!(portfolio.as_array().unwrap().len(), 1);
    assert!(call(&app, "activity_actors", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&json!("Rita Reviewer")));
}

/// One JSON POST to the voting server, as a phone sends it; the whole answer as text.
fn phone_post(addr: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_window_learns_of_another_programs_changes() {
    let app = app();
    let before = call(&app, "workspace_version", json!({})).unwrap();
    // The window's own change does not count; another program's commit does.
    call(
        &app,
        "create_partnership",
        json!({"fields": {"name": "Acme", "stage": "exploring"}, "matrix": "5x5", "templates": "none"}),
    )
    .unwrap();
    assert_eq!(call(&app, "workspace_version", json!({})).unwrap(), before);
    let mut other = Store::open(app._dir.path().join("w.prisk"), OpenMode::Existing).unwrap();
    other
        .create_partnership(
            partner_risk_core::model::PartnershipFields::new("Globex"),
            "5x5",
        )
        .unwrap();
    assert_ne!(call(&app, "workspace_version", json!({})).unwrap(), before);
    let info = call(&app, "workspace_info", json!({})).unwrap();
    assert_eq!(
        info["storage_warning"],
        Value::Null,
        "a temp folder is local"
    );
}

#[test]
fn a_damaged_workspace_is_offered_its_newest_good_backup() {
    use tauri::Manager;
    let app = app();
    // Another workspace with a backup, then a zeroed page: it fails its check.
    let path = app._dir.path().join("damaged.prisk");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    store
        .create_demo(0, chrono::Local::now().date_naive())
        .unwrap();
    store
        .backup_before(partner_risk_core::store::BackupReason::Manual)
        .unwrap();
    drop(store);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[16384 * 3..16384 * 4].fill(0);
    std::fs::write(&path, bytes).unwrap();
    let detail = match Store::open(&path, OpenMode::Existing) {
        Err(partner_risk_core::Error::Damaged { detail, .. }) => detail,
        other => panic!("expected a damaged workspace, got {:?}", other.map(|_| ())),
    };
    // As the app starts on it: the window shows it with its way back.
    *app._app
        .state::<partner_risk_app::workspace::Recovery>()
        .0
        .lock()
        .unwrap() = Some(partner_risk_app::workspace::DamagedWorkspace::new(
        &path, detail,
    ));
    let damaged = call(&app, "damaged_workspace", json!({})).unwrap();
    assert_eq!(damaged["path"], path.display().to_string());
    assert_eq!(damaged["newest_backup"]["risks"], 54);

    let restored = call(&app, "restore_damaged", json!({})).unwrap();
    assert_eq!(restored["contents"]["risks"], 54);
    assert_eq!(
        call(&app, "damaged_workspace", json!({})).unwrap(),
        Value::Null
    );
    let info = call(&app, "workspace_info", json!({})).unwrap();
    assert_eq!(
        info["path"],
        path.display().to_string(),
        "the window is on it now"
    );
    let list = call(&app, "list_partnerships", json!({"includeArchived": false})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}
