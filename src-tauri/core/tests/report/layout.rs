//! Where text lands: every run of text placed from the PDF's own operators and the glyph
//! widths of its embedded fonts, so that no text leaves the page and long titles are whole.

use chrono::NaiveDate;
use lopdf::{Document, Object};
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{ActionFields, Money, PartnershipFields, RiskFields};
use partner_risk_core::report::{Paper, PdfOptions};

use crate::support::{custom_matrix, export, temp_store, today, Pdf};

/// One shown run of text: its page, left and right edges and baseline (from the top).
#[derive(Debug)]
struct Run {
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    page_w: f32,
    page_h: f32,
}

/// The glyph widths (per 1000 em) of a Type0 font, from its descendant's `W` and `DW`.
fn cid_widths(
    doc: &Document,
    font: &lopdf::Dictionary,
) -> (std::collections::HashMap<u32, f32>, f32) {
    let resolve = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let num = |o: &Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    let mut widths = std::collections::HashMap::new();
    let descendant = font
        .get(b"DescendantFonts")
        .map(resolve)
        .ok()
        .and_then(|a| a.as_array().ok().and_then(|a| a.first().map(resolve)));
    let Some(Object::Dictionary(cid)) = descendant else {
        return (widths, 1000.0);
    };
    let dw = cid.get(b"DW").map(num).unwrap_or(1000.0);
    if let Ok(w) = cid.get(b"W").map(resolve) {
        let w = w
            .as_array()
            .unwrap()
            .iter()
            .map(resolve)
            .collect::<Vec<_>>();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u32;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        widths.insert(first + k as u32, num(&resolve(v)));
                    }
                    i += 2;
                }
                last => {
                    let (last, width) = (num(last) as u32, num(&w[i + 2]));
                    for c in first..=last {
                        widths.insert(c, width);
                    }
                    i += 3;
                }
            }
        }
    }
    (widths, dw)
}

/// Every run of text of the document, placed.
fn text_runs(pdf: &Pdf) -> Vec<Run> {
    let doc = &pdf.doc;
    let num = |o: &Object| {
        o.as_float()
            .or_else(|_| o.as_i64().map(|i| i as f32))
            .unwrap()
    };
    let mut runs = Vec::new();
    for (n, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let page = doc.get_object(page_id).unwrap().as_dict().unwrap();
        let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let (page_w, page_h) = (num(&b[2]), num(&b[3]));
        let fonts: std::collections::HashMap<Vec<u8>, _> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .map(|(name, dict)| (name, cid_widths(doc, dict)))
            .collect();
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        // Text matrix and line start as (x, y) translations (the kit never scales text).
        let (mut line, mut at) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
        let (mut leading, mut size) = (0.0f32, 0.0f32);
        let mut font: Option<&(std::collections::HashMap<u32, f32>, f32)> = None;
        for op in &content.operations {
            let args = &op.operands;
            let mut shown: Vec<&Object> = Vec::new();
            match op.operator.as_str() {
                "BT" => (line, at) = ((0.0, 0.0), (0.0, 0.0)),
                "Tf" => {
                    font = fonts.get(args[0].as_name().unwrap());
                    size = num(&args[1]);
                }
                "TL" => leading = num(&args[0]),
                "Tm" => {
                    line = (num(&args[4]), num(&args[5]));
                    at = line;
                }
                "Td" => {
                    line = (line.0 + num(&args[0]), line.1 + num(&args[1]));
                    at = line;
                }
                "TD" => {
                    leading = -num(&args[1]);
                    line = (line.0 + num(&args[0]), line.1 + num(&args[1]));
                    at = line;
                }
                "T*" => {
                    line = (line.0, line.1 - leading);
                    at = line;
                }
                "'" => {
                    line = (line.0, line.1 - leading);
                    at = line;
                    shown.push(&args[0]);
                }
                "Tj" => shown.push(&args[0]),
                "TJ" => shown.extend(args[0].as_array().unwrap().iter()),
                _ => {}
            }
            if shown.is_empty() {
                continue;
            }
            let (widths, dw) = font.expect("a font is set before text");
            let x0 = at.0;
            for item in shown {
                match item {
                    Object::String(bytes, _) => {
                        for pair in bytes.chunks(2) {
                            let cid =
                                u32::from(pair[0]) << 8 | u32::from(*pair.get(1).unwrap_or(&0));
                            at.0 += widths.get(&cid).copied().unwrap_or(*dw) / 1000.0 * size;
                        }
                    }
                    adjust => at.0 -= num(adjust) / 1000.0 * size,
                }
            }
            runs.push(Run {
                page: n + 1,
                x0,
                x1: at.0,
                y: page_h - at.1,
                size,
                page_w,
                page_h,
            });
        }
    }
    runs
}

/// The runs that leave the printable area: the page less its 40-point side margins,
/// and less 14 points at the top and bottom (the running header and footer sit there).
fn outside(runs: &[Run]) -> Vec<String> {
    runs.iter()
        .filter(|r| {
            r.x0 < 40.0 - 0.6
                || r.x1 > r.page_w - 40.0 + 0.6
                || r.y - r.size < 14.0
                || r.y > r.page_h - 14.0
        })
        .map(|r| {
            format!(
                "page {}: x {:.1}–{:.1} of {:.0}, baseline {:.1} of {:.0}, {} pt",
                r.page, r.x0, r.x1, r.page_w, r.y, r.page_h, r.size
            )
        })
        .collect()
}

#[test]
fn no_text_leaves_the_page_and_long_titles_are_whole_in_every_pdf() {
    use partner_risk_core::review::{ReviewDecision, ReviewFields};
    use partner_risk_core::workshop::{
        Anonymity, BallotSource, DecidedHow, DecisionFields, ParticipantFields, WorkshopFields,
    };
    let (_dir, mut store) = temp_store();
    store.set_actor("Maximiliane Scharnhorst-Wendelstein von Oberammergau-Partenkirchen");
    // The names of the issue and worse: long words, long names, CJK, Arabic, accents.
    let partnership_name = "Vendor onboarding & data-sharing partnership between Überregionale Genossenschaftsbank Nordrhein-Westfalen eG and 株式会社東京データ解析研究所 (شركة البيانات)";
    let mut fields = PartnershipFields::new(partnership_name);
    fields.partner = "Überregionale Genossenschaftsbank Nordrhein-Westfalen und Rheinland-Pfalz eingetragene Genossenschaft — Zentralbereich Informationssicherheit".into();
    fields.owner = "Anne-Sophie Aßmann-Łukasiewicz".into();
    let p = store.create_partnership(fields, "5x5").unwrap();
    let titles = [
        "Vendor onboarding risk workshop – Q2: the partner's sub-processors in three jurisdictions have not signed the data processing agreement and the exit clauses leave the jointly created models unassigned",
        "個人データの越境移転に関する契約上の保護措置が不十分であり、委託先の再委託先に対する監査権が確保されていないリスク",
        "عدم وجود خطة خروج مكتوبة تحدد مصير البيانات والملكية الفكرية المشتركة عند إنهاء الشراكة",
        "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenauszahlungsstellenleiterinnenvertretungsvollmachtsbeglaubigungsurkunde",
    ];
    let owner = "Bartholomew Fitzgerald-Montgomery-Worthington III, Head of Third-Party Risk";
    let mut risk_ids = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let mut risk = RiskFields::new("technical", *title);
        risk.owner = owner.into();
        risk.description = format!("{title} — {}", titles[(n + 1) % titles.len()]);
        risk.inherent = Some(Score::new(5, 5));
        risk.residual = Some(Score::new(3, 4));
        risk.target = Some(Score::new(2, 2));
        let r = store.add_risk(&p.id, risk).unwrap();
        let mut action = ActionFields::new(*title);
        action.owner = owner.into();
        action.due = Some(today());
        action.cost = Some(Money {
            minor: 99_999_999_999,
            currency: "EUR".into(),
        });
        store.add_action(&r.id, action).unwrap();
        risk_ids.push(r.id);
    }
    store
        .add_review(
            &risk_ids[0],
            ReviewFields {
                approver: owner.into(),
                expiry: Some(NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()),
                ..ReviewFields::new(ReviewDecision::Accept, titles[0])
            },
            today(),
        )
        .unwrap();

    // The minutes of a workshop with the title made longer.
    let workshop_title = "Vendor onboarding risk workshop – Q2 with Überregionale Genossenschaftsbank Nordrhein-Westfalen and 東京データ解析研究所";
    let mut w = WorkshopFields::new(workshop_title);
    w.anonymity = Anonymity::Named;
    w.facilitator = owner.into();
    w.place = "Konferenzraum „Zugspitze“, 14. Obergeschoss, Verwaltungsgebäude Süd".into();
    let w = store.create_workshop(&p.id, w).unwrap();
    let mut people = Vec::new();
    for name in [
        owner,
        "Zhāng Wěi-Lóng (张伟龙)",
        "عبد الرحمن بن عبد العزيز",
        "Anne-Sophie Aßmann-Łukasiewicz",
    ] {
        let mut f = ParticipantFields::voter(name);
        f.role = "Chief Information Security Officer and Data Protection Officer (acting)".into();
        people.push(store.add_participant(&w.id, f).unwrap().id);
    }
    let refs: Vec<String> = risk_ids.clone();
    let items = store.add_agenda_items(&w.id, &refs).unwrap();
    store.start_workshop(&w.id).unwrap();
    for item in &items {
        for (k, person) in people.iter().enumerate() {
            let score = Score::new(1 + (k as u8 % 5), 2 + (k as u8 % 4));
            store
                .cast_ballot(
                    &item.id,
                    person,
                    score,
                    titles[k % titles.len()],
                    BallotSource::Room,
                )
                .unwrap();
        }
        store.reveal(&item.id).unwrap();
        store
            .decide(
                &item.id,
                DecisionFields {
                    score: Some(Score::new(3, 3)),
                    how: DecidedHow::Facilitator,
                    rationale: titles.join(" "),
                    dissent: titles[1].into(),
                },
            )
            .unwrap();
    }
    store.close_workshop(&w.id).unwrap();

    let options = PdfOptions {
        prepared_by: owner.into(),
        confidentiality: "Streng vertraulich – nur für den Lenkungsausschuss und die Prüfer".into(),
        ..PdfOptions::default()
    };
    let documents = [
        (
            "report",
            export(&store, &store.partnership(&p.id).unwrap(), &options),
            partnership_name,
        ),
        (
            "report on Letter",
            export(
                &store,
                &store.partnership(&p.id).unwrap(),
                &PdfOptions {
                    paper: Paper::Letter,
                    ..options.clone()
                },
            ),
            partnership_name,
        ),
        (
            "plan only",
            export(
                &store,
                &store.partnership(&p.id).unwrap(),
                &PdfOptions {
                    plan_only: true,
                    ..options.clone()
                },
            ),
            partnership_name,
        ),
        (
            "portfolio",
            partner_risk_core::report::portfolio::export_portfolio(&store, today(), owner)
                .unwrap()
                .0,
            partnership_name,
        ),
        (
            "minutes",
            partner_risk_core::minutes::export_minutes(&store, &w.id, today())
                .unwrap()
                .0,
            workshop_title,
        ),
    ];
    // A matrix of the partner's own words: long labels and level names in the heat maps,
    // the grids and the appendix.
    let mut wordy = custom_matrix(&mut store, 5, 4);
    for (n, level) in wordy.likelihood.iter_mut().enumerate() {
        level.label = format!("Wahrscheinlichkeitsstufe {n}: Eintritt im Berichtszeitraum");
    }
    for (n, level) in wordy.impact.iter_mut().enumerate() {
        level.label = format!("Auswirkungsstufe {n} — erhebliche Beeinträchtigung");
    }
    for level in wordy.levels.iter_mut() {
        level.name = format!("{} – an den Lenkungsausschuss", level.name);
    }
    let wordy = store.update_matrix(wordy).unwrap();
    let mut other = PartnershipFields::new("Zweite Partnerschaft mit sehr langen Stufen");
    other.partner = partnership_name.into();
    let q = store.create_partnership(other, &wordy.id).unwrap();
    let mut risk = RiskFields::new("technical", titles[0]);
    risk.inherent = Some(Score::new(5, 4));
    risk.residual = Some(Score::new(2, 3));
    store.add_risk(&q.id, risk).unwrap();
    let documents: Vec<(&str, Vec<u8>, &str)> = documents
        .into_iter()
        .chain([(
            "report on a wordy matrix",
            export(&store, &store.partnership(&q.id).unwrap(), &options),
            "Zweite Partnerschaft mit sehr langen Stufen",
        )])
        .collect();

    // `LOOK_AT_PDFS=DIR` keeps the documents, to render them with pdftoppm and look.
    if let Some(dir) = std::env::var_os("LOOK_AT_PDFS") {
        for (kind, bytes, _) in &documents {
            let name = format!("long-{}.pdf", kind.replace(' ', "-"));
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
        }
    }
    let mut problems = Vec::new();
    for (kind, bytes, title) in &documents {
        let pdf = Pdf::read(bytes);
        let runs = text_runs(&pdf);
        assert!(runs.len() > 20, "{kind}: {} runs", runs.len());
        for line in outside(&runs) {
            problems.push(format!("{kind}: {line}"));
        }
        // The whole title is in the text, not cut by an ellipsis.
        if !pdf.has(title) {
            problems.push(format!(
                "{kind}: the whole title {title:?} is not in the text"
            ));
        }
        // The second partnership has one risk, the first title.
        let risks = if kind.contains("wordy") {
            &titles[..1]
        } else {
            &titles[..]
        };
        for t in risks {
            if *kind != "portfolio" && !pdf.has(t) {
                problems.push(format!("{kind}: the risk title {t:?} is not whole"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "text outside the page:\n{}",
        problems.join("\n")
    );

    // The running header of the minutes is shortened at the end of a word.
    let minutes = Pdf::read(&documents[4].1);
    let page_two = minutes.doc.extract_text(&[2]).unwrap();
    let full = format!("{partnership_name} — Workshop minutes: {workshop_title}");
    let start = page_two.rfind(&full[..30]).expect("the running header");
    let end = start
        + page_two[start..]
            .find('…')
            .expect("a shortened running header");
    let header = &page_two[start..end];
    let kept = header.trim_end();
    assert!(full.starts_with(kept), "{header:?}");
    assert!(
        full[kept.len()..].starts_with([' ', ',', '—', '–', ':']),
        "cut inside a word: {header:?}"
    );
}
