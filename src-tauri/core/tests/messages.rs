//! What the window says when the core refuses input: every error the core returns for
//! the window's forms, walked through the core's own functions, reads as a sentence for
//! people (no field key, no `field:` in front, no `(got …)` behind), while the one-line
//! form the CLI prints is unchanged. Dates outside 1990–2200 are refused where they
//! enter, naming the field.
//!
//! The walk is also written to `ui/src/test/core-errors.json` (each error's code, field,
//! value, reason and sentence, as the window receives them), which the UI's own test
//! renders through its forms; this test fails when that file is stale
//! (`UPDATE_CORE_ERRORS=1 cargo test -p partner-risk-core --test messages` rewrites it).

use chrono::NaiveDate;
use partner_risk_core::matrix::{preset, Score};
use partner_risk_core::model::{
    ActionFields, Category, Money, PartnershipFields, RequirementFields, RequirementStatus,
    RiskFields, Treatment,
};
use partner_risk_core::report::PdfOptions;
use partner_risk_core::review::acceptance::AcceptanceRequest;
use partner_risk_core::review::{ReviewDecision, ReviewFields};
use partner_risk_core::store::ActivityFilter;
use partner_risk_core::workshop::{
    ConsensusRule, DecidedHow, DecisionFields, ParticipantFields, WorkshopFields,
};
use partner_risk_core::{Error, OpenMode, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One refusal: the form it happens in, what the form is about (the subject the shell
/// derives from the command's name), and the error.
struct Case {
    form: &'static str,
    subject: &'static str,
    error: Error,
}

fn err<T: std::fmt::Debug>(result: partner_risk_core::Result<T>) -> Error {
    result.expect_err("the core refuses this input")
}

/// Every refusal of the window's forms, made through the core's functions.
fn walk(store: &mut Store) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |form, subject, error| {
        cases.push(Case {
            form,
            subject,
            error,
        })
    };
    let long = "x".repeat(400);
    let year_18 = day(18, 12, 3);

    // New / edit partnership.
    let p = store
        .create_partnership(PartnershipFields::new("Acme"), "5x5")
        .unwrap();
    let on = |f: fn(&mut PartnershipFields)| {
        let mut fields = PartnershipFields::new("Other");
        f(&mut fields);
        fields
    };
    add(
        "partnership",
        "partnership",
        err(store.create_partnership(on(|f| f.name.clear()), "5x5")),
    );
    add(
        "partnership",
        "partnership",
        err(store.create_partnership(on(|f| f.name = "y".repeat(201)), "5x5")),
    );
    add(
        "partnership",
        "partnership",
        err(store.create_partnership(on(|f| f.partner = "A\u{7}B".into()), "5x5")),
    );
    add(
        "partnership",
        "partnership",
        err(store.create_partnership(PartnershipFields::new("Acme"), "5x5")),
    );
    add(
        "partnership",
        "partnership",
        err(store.create_partnership(on(|_| {}), "no-such-matrix")),
    );

    // Risk editor.
    let risk = |f: fn(&mut RiskFields)| {
        let mut fields = RiskFields::new("technical", "A risk");
        f(&mut fields);
        fields
    };
    for fields in [
        risk(|f| f.title.clear()),
        risk(|f| f.title = "t".repeat(301)),
        risk(|f| f.description = "line\u{0}".into()),
        risk(|f| f.tags = vec!["two words".into()]),
        risk(|f| f.tags = vec![" ".into()]),
        risk(|f| f.treatment = Some(Treatment::Accept)),
        risk(|f| {
            f.treatment = Some(Treatment::Accept);
            f.acceptance_approver = "Ann".into();
        }),
        risk(|f| f.acceptance_expiry = Some(NaiveDate::from_ymd_opt(18, 12, 3).unwrap())),
        risk(|f| f.next_review = Some(NaiveDate::from_ymd_opt(3000, 1, 1).unwrap())),
        risk(|f| f.inherent = Some(Score::new(9, 1))),
        risk(|f| f.residual = Some(Score::new(1, 9))),
        risk(|f| f.category = "no_such".into()),
        risk(|f| f.owner = "o".repeat(201)),
    ] {
        add("risk", "risk", err(store.add_risk(&p.id, fields)));
    }
    let r = store
        .add_risk(&p.id, RiskFields::new("technical", "A risk"))
        .unwrap();

    // Actions of a risk.
    let action = |f: fn(&mut ActionFields)| {
        let mut fields = ActionFields::new("Do it");
        f(&mut fields);
        fields
    };
    for fields in [
        action(|f| f.title.clear()),
        action(|f| f.due = Some(NaiveDate::from_ymd_opt(18, 12, 3).unwrap())),
        action(|f| {
            f.cost = Some(Money {
                minor: -5,
                currency: "EUR".into(),
            })
        }),
        action(|f| {
            f.cost = Some(Money {
                minor: 5,
                currency: "euro".into(),
            })
        }),
    ] {
        add("action", "action", err(store.add_action(&r.id, fields)));
    }

    // Requirements.
    let requirement = |code: &str, title: &str| RequirementFields {
        code: code.into(),
        title: title.into(),
        area: String::new(),
        description: String::new(),
        status: RequirementStatus::NotStarted,
        evidence: String::new(),
    };
    add(
        "requirement",
        "requirement",
        err(store.add_requirement(&p.id, requirement("", "T"), vec![])),
    );
    add(
        "requirement",
        "requirement",
        err(store.add_requirement(&p.id, requirement("R-1", ""), vec![])),
    );

    // Categories.
    let category = |code: &str, prefix: &str| Category {
        code: code.into(),
        name: "Vendors".into(),
        prefix: prefix.into(),
        built_in: false,
    };
    add(
        "category",
        "category",
        err(store.add_category(category("Vendors!", "VEN"))),
    );
    add(
        "category",
        "category",
        err(store.add_category(category("vendors", "v"))),
    );
    add(
        "category",
        "category",
        err(store.add_category(category("technical", "VEN"))),
    );

    // Workshop plan, participants, decisions.
    let workshop = |f: fn(&mut WorkshopFields)| {
        let mut fields = WorkshopFields::new("Kick-off");
        f(&mut fields);
        fields
    };
    let w = store.create_workshop(&p.id, workshop(|_| {})).unwrap();
    for fields in [
        workshop(|f| f.title.clear()),
        workshop(|f| f.date = Some(NaiveDate::from_ymd_opt(18, 12, 3).unwrap())),
        workshop(|f| f.date = Some(NaiveDate::from_ymd_opt(2201, 1, 1).unwrap())),
        workshop(|_| {}),
        workshop(|f| {
            f.title = "Rules".into();
            f.rule = ConsensusRule {
                near_share_percent: 10,
                ..ConsensusRule::default()
            }
        }),
    ] {
        add(
            "workshop",
            "workshop",
            err(store.create_workshop(&p.id, fields)),
        );
    }
    add(
        "participant",
        "participant",
        err(store.add_participant(&w.id, ParticipantFields::voter(" "))),
    );
    let matrix = preset("5x5").unwrap();
    for fields in [
        DecisionFields {
            score: Some(Score::new(2, 2)),
            how: DecidedHow::Facilitator,
            rationale: String::new(),
            dissent: String::new(),
        },
        DecisionFields {
            score: None,
            how: DecidedHow::Facilitator,
            rationale: "Why".into(),
            dissent: String::new(),
        },
        DecisionFields {
            score: Some(Score::new(2, 2)),
            how: DecidedHow::Deferred,
            rationale: "Why".into(),
            dissent: String::new(),
        },
        DecisionFields {
            score: Some(Score::new(6, 2)),
            how: DecidedHow::Facilitator,
            rationale: "Why".into(),
            dissent: String::new(),
        },
    ] {
        add("decision", "item", err(fields.validate(&matrix)));
    }

    // The review screen and acceptances.
    let review = |decision, f: fn(&mut ReviewFields)| {
        let mut fields = ReviewFields::new(decision, "Because");
        f(&mut fields);
        fields
    };
    for fields in [
        review(ReviewDecision::Escalate, |f| f.rationale.clear()),
        review(ReviewDecision::Rescore, |_| {}),
        review(ReviewDecision::Accept, |_| {}),
        review(ReviewDecision::Accept, |f| f.approver = "Ann".into()),
        review(ReviewDecision::Accept, |f| {
            f.approver = "Ann".into();
            f.expiry = Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        }),
        review(ReviewDecision::Accept, |f| {
            f.approver = "Ann".into();
            f.expiry = Some(NaiveDate::from_ymd_opt(18, 12, 3).unwrap());
        }),
        review(ReviewDecision::Mitigate, |_| {}),
        review(ReviewDecision::NoChange, |f| f.snooze_days = Some(0)),
        review(ReviewDecision::NoChange, |f| {
            f.next_review = Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        }),
        review(ReviewDecision::Close, |f| f.approver = "Ann".into()),
    ] {
        add(
            "review",
            "review",
            err(store.add_review(&r.id, fields, today())),
        );
    }
    for (approver, justification, expiry) in [
        ("", "Cheap", day(2027, 6, 1)),
        ("Ann", "", day(2027, 6, 1)),
        ("Ann", "Cheap", day(2026, 1, 1)),
        ("Ann", "Cheap", day(3000, 1, 1)),
    ] {
        let request = AcceptanceRequest {
            approver: approver.into(),
            justification: justification.into(),
            expiry,
        };
        add(
            "acceptance",
            "acceptance",
            err(store.request_acceptance(&r.id, request, today())),
        );
    }

    // Deciding on a requested acceptance: a rejection or a revocation says why.
    let request = AcceptanceRequest {
        approver: "Ann".into(),
        justification: "Cheap".into(),
        expiry: day(2027, 6, 1),
    };
    let acceptance = store.request_acceptance(&r.id, request, today()).unwrap();
    add(
        "acceptance",
        "acceptance",
        err(store.reject_acceptance(&acceptance.id, " ", today())),
    );
    add(
        "acceptance",
        "acceptance",
        err(store.revoke_acceptance(&acceptance.id, "", today())),
    );

    // The matrix editor.
    let copy = store.clone_matrix("5x5", "Our 5×5").unwrap();
    let edit = |f: &dyn Fn(&mut partner_risk_core::matrix::Matrix)| {
        let mut m = copy.clone();
        f(&mut m);
        m
    };
    for matrix in [
        edit(&|m| m.name.clear()),
        edit(&|m| m.levels[0].colour = "green".into()),
        edit(&|m| m.levels[1].review_days = 0),
        edit(&|m| m.levels[1].name = m.levels[0].name.clone()),
        edit(&|m| m.likelihood[0].label.clear()),
        edit(&|m| m.name = "Standard 5×5".into()),
    ] {
        add("matrix", "matrix", err(store.update_matrix(matrix)));
    }

    // Votes in the room: an observer, a score off the matrix.
    let running = store
        .create_workshop(&p.id, WorkshopFields::new("Running"))
        .unwrap();
    let voter = store
        .add_participant(&running.id, ParticipantFields::voter("Ann"))
        .unwrap();
    let observer = store
        .add_participant(
            &running.id,
            ParticipantFields {
                voter: false,
                ..ParticipantFields::voter("Olga")
            },
        )
        .unwrap();
    let item = store
        .add_agenda_items(&running.id, std::slice::from_ref(&r.id))
        .unwrap()
        .remove(0);
    store.start_workshop(&running.id).unwrap();
    let room = partner_risk_core::workshop::BallotSource::Room;
    add(
        "vote",
        "ballot",
        err(store.cast_ballot(&item.id, &observer.id, Score::new(2, 2), "", room)),
    );
    add(
        "vote",
        "ballot",
        err(store.cast_ballot(&item.id, &voter.id, Score::new(6, 2), "", room)),
    );
    add(
        "vote",
        "ballot",
        err(store.cast_ballot(
            &item.id,
            &voter.id,
            Score::new(2, 2),
            &"c".repeat(5000),
            room,
        )),
    );

    // Who is working, the PDF export, the activity view.
    add("whoami", "whoami", err(store.set_whoami(" ")));
    add("whoami", "whoami", err(store.set_whoami(&long)));
    let pdf = |f: fn(&mut PdfOptions)| {
        let mut options = PdfOptions::default();
        f(&mut options);
        options
    };
    for options in [
        pdf(|o| o.sections.clear()),
        pdf(|o| o.prepared_by = "Ann\nBob".into()),
        pdf(|o| o.review_since = Some(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap())),
        pdf(|o| o.filter.min_level = Some(9)),
    ] {
        add(
            "export_pdf",
            "pdf",
            err(partner_risk_core::report::export_pdf(
                store,
                &p.id,
                &options,
                today(),
                &mut |_| {},
            )),
        );
    }
    for filter in [
        ActivityFilter {
            since: Some(day(2026, 5, 1)),
            until: Some(day(2026, 4, 1)),
            ..ActivityFilter::default()
        },
        ActivityFilter {
            since: Some(NaiveDate::from_ymd_opt(202, 5, 1).unwrap()),
            ..ActivityFilter::default()
        },
    ] {
        add("activity", "activity", err(store.activity(&filter)));
    }

    // A date typed in the wrong order arrives as year 18.
    assert_eq!(year_18.to_string(), "0018-12-03");
    cases
}

/// The rules every message in the window keeps.
fn people_problem(message: &str, field: Option<&str>) -> Option<String> {
    if message.contains("(got ") {
        return Some("quotes `(got …)`".into());
    }
    if let Some(field) = field {
        if message
            .to_lowercase()
            .starts_with(&format!("{}:", field.to_lowercase()))
        {
            return Some(format!("puts `{field}:` in front"));
        }
        // A key is any field path that is not a plain word: `acceptance_expiry`,
        // `residual.impact`, `tags[0]`.
        for part in field.split(['.', '[', ']', ' ', ':']) {
            if part.contains('_') && message.contains(part) {
                return Some(format!("shows the field key `{part}`"));
            }
        }
        if (field.contains('.') || field.contains('[')) && message.contains(field) {
            return Some(format!("shows the field path `{field}`"));
        }
    }
    let first = message.chars().next()?;
    if !first.is_uppercase() && !first.is_ascii_digit() && first != '“' {
        return Some("does not start with a capital".into());
    }
    if !message.ends_with(['.', '!', '?', ')']) {
        return Some("is not a finished sentence".into());
    }
    None
}

#[test]
fn every_error_of_the_windows_forms_is_a_sentence_for_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let cases = walk(&mut store);
    assert!(cases.len() > 50, "{} cases", cases.len());

    let mut problems = Vec::new();
    let mut json = Vec::new();
    for case in &cases {
        let said = case.error.for_people(Some(case.subject));
        let field = case.error.field();
        if let Some(problem) = people_problem(&said, field) {
            problems.push(format!(
                "{} ({}): {said:?} {problem}",
                case.form, case.error
            ));
        }
        json.push(serde_json::json!({
            "form": case.form,
            "code": case.error.code(),
            "field": field,
            // An id is new on every run: the file keeps its place, not its digits.
            "value": case.error.value().map(|v| match uuid::Uuid::parse_str(v) {
                Ok(_) => "<id>",
                Err(_) => v,
            }),
            "reason": case.error.reason(),
            "message": said,
        }));
    }
    assert!(
        problems.is_empty(),
        "messages for logs, not people:\n{}",
        problems.join("\n")
    );

    // The sentences the issue asked for, word for word.
    let said = |form: &str, field: &str| {
        cases
            .iter()
            .find(|c| c.form == form && c.error.field() == Some(field))
            .map(|c| c.error.for_people(Some(c.subject)))
            .unwrap()
    };
    assert_eq!(said("risk", "title"), "Give the risk a title.");
    assert_eq!(said("partnership", "name"), "A partnership needs a name.");
    assert_eq!(said("workshop", "title"), "Give the workshop a title.");

    // The CLI's one line is the error's Display, as before.
    let title = cases
        .iter()
        .find(|c| c.form == "risk" && c.error.field() == Some("title"))
        .unwrap();
    assert_eq!(
        title.error.to_string(),
        "title: must not be empty (got \"\")"
    );

    // The UI's test reads the same walk.
    let text = serde_json::to_string_pretty(&json).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/core-errors.json");
    if std::env::var_os("UPDATE_CORE_ERRORS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: run UPDATE_CORE_ERRORS=1 cargo test -p partner-risk-core --test messages",
        path.display()
    );
}

#[test]
fn dates_outside_1990_to_2200_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("w.prisk"), OpenMode::CreateIfMissing).unwrap();
    let p = store
        .create_partnership(PartnershipFields::new("Dates"), "5x5")
        .unwrap();

    // The slip from the issue: 2027-03-18 typed in the wrong order became 0018-12-03.
    let mut fields = WorkshopFields::new("Kick-off");
    fields.date = Some(day(18, 12, 3));
    let e = store.create_workshop(&p.id, fields.clone()).unwrap_err();
    assert_eq!(e.field(), Some("date"));
    assert_eq!(
        e.to_string(),
        "date: the year must be between 1990 and 2200 (got \"0018-12-03\")"
    );
    let said = e.for_people(Some("workshop"));
    assert!(
        said.contains("workshop's date") && said.contains("0018-12-03"),
        "{said}"
    );
    assert!(said.contains("1990 to 2200"), "{said}");
    assert!(
        store.workshops(&p.id).unwrap().is_empty(),
        "nothing was created"
    );

    // The edges are taken, one day beyond is not.
    for (date, ok) in [
        (day(1990, 1, 1), true),
        (day(2200, 12, 31), true),
        (day(1989, 12, 31), false),
        (day(2201, 1, 1), false),
    ] {
        fields.title = format!("On {date}");
        fields.date = Some(date);
        assert_eq!(
            store.create_workshop(&p.id, fields.clone()).is_ok(),
            ok,
            "{date}"
        );
    }

    // Every date a person types goes through the same check.
    let r = store
        .add_risk(&p.id, RiskFields::new("technical", "R"))
        .unwrap();
    let mut action = ActionFields::new("A");
    action.due = Some(day(1066, 10, 14));
    assert_eq!(err(store.add_action(&r.id, action)).field(), Some("due"));
    let mut risk = RiskFields::new("technical", "R2");
    risk.next_review = Some(day(9999, 1, 1));
    assert_eq!(
        err(store.add_risk(&p.id, risk)).field(),
        Some("next_review")
    );
    let e = partner_risk_core::model::parse_date("0018-12-03", "--date").unwrap_err();
    assert_eq!(e.field(), Some("--date"));
    assert!(partner_risk_core::model::parse_date("2027-03-18", "--date").is_ok());
    let filter = ActivityFilter {
        until: Some(day(12, 1, 1)),
        ..ActivityFilter::default()
    };
    assert_eq!(err(store.activity(&filter)).field(), Some("until"));
}
