use super::*;

fn axis(labels: &[(&str, &str)]) -> Vec<AxisLevel> {
    labels
        .iter()
        .map(|(label, range)| AxisLevel {
            label: label.to_string(),
            description: String::new(),
            range: (!range.is_empty()).then(|| range.to_string()),
        })
        .collect()
}

fn to(entries: &[ValueEntry]) -> Vec<Option<&str>> {
    entries.iter().map(|e| e.to.as_deref()).collect()
}

#[test]
fn scores_come_from_numbers_words_percentages_and_money() {
    let five = axis(&[
        ("Rare", "< 5 %"),
        ("Unlikely", "5-20 %"),
        ("Possible", "20-50 %"),
        ("Likely", "50-80 %"),
        ("Almost certain", "> 80 %"),
    ]);
    let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
    assert_eq!(
        to(&propose_scores(&d(&["1", "5", "3"]), &five, true, 5, &[])),
        [Some("1"), Some("5"), Some("3")]
    );
    assert_eq!(
        to(&propose_scores(
            &d(&["Low", "Medium", "High"]),
            &five,
            true,
            0,
            &[]
        )),
        [Some("1"), Some("3"), Some("5")]
    );
    assert_eq!(
        to(&propose_scores(
            &d(&["likely", "RARE", "Often"]),
            &five,
            true,
            0,
            &[]
        )),
        [Some("4"), Some("1"), None]
    );
    assert_eq!(
        to(&propose_scores(
            &d(&["35%", "90 %", "2%"]),
            &five,
            true,
            90,
            &[]
        )),
        [Some("3"), Some("5"), Some("1")]
    );
    assert_eq!(
        to(&propose_scores(&d(&["0.35", "0.9"]), &five, true, 0, &[])),
        [Some("3"), Some("5")]
    );
    assert_eq!(
        to(&propose_scores(&d(&["2", "10"]), &five, true, 10, &[])),
        [Some("1"), Some("5")]
    );
    let money = axis(&[
        ("Minor", "< €50k"),
        ("Moderate", "€50k-€500k"),
        ("Major", "> €500k"),
    ]);
    assert_eq!(
        to(&propose_scores(
            &d(&["€20k", "€1.2M", "250000"]),
            &money,
            false,
            250000,
            &[]
        )),
        [Some("1"), Some("3"), Some("2")]
    );
    let nist = propose_scores(
        &d(&["Very Low", "Moderate", "Very High"]),
        &five,
        false,
        0,
        &[],
    );
    assert_eq!(to(&nist), [Some("1"), Some("3"), Some("5")]);
    assert_eq!(
        nist[1].how,
        "by rank in Very low…Low…Moderate…High…Very high"
    );
}

#[test]
fn labelled_numbers_wide_scales_amounts_and_marked_levels() {
    let five = axis(&[("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")]);
    let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
    // "3 - Possible": the number leads.
    let labelled = d(&["3 - Possible", "1 - Rare", "5 - Almost Certain"]);
    assert_eq!(
        to(&propose_scores(&labelled, &five, true, 5, &[])),
        [Some("3"), Some("1"), Some("5")]
    );
    assert_eq!(
        largest_whole(&["5 - Extreme".into(), "2 - Minor".into()]),
        5
    );
    // 0-10 scales by rank, 0 the lowest level; 0-100 too.
    assert_eq!(
        to(&propose_scores(
            &d(&["0", "3", "8", "10"]),
            &five,
            true,
            10,
            &[]
        )),
        [Some("1"), Some("2"), Some("4"), Some("5")]
    );
    assert_eq!(
        to(&propose_scores(
            &d(&["15", "55", "95"]),
            &five,
            true,
            95,
            &[]
        )),
        [Some("1"), Some("3"), Some("5")]
    );
    // Amounts without money bands on the matrix: by size, logarithmic.
    let amounts = d(&["1,000 CHF", "1'000'000 CHF", "31,600 CHF"]);
    assert_eq!(
        to(&propose_scores(&amounts, &five, false, 0, &[])),
        [Some("1"), Some("5"), Some("3")]
    );
    assert_eq!(parse_amount("300,000 CHF"), Some(300_000.0));
    assert_eq!(parse_amount("-3,150,000 CHF"), Some(-3_150_000.0));
    assert_eq!(parse_amount("1.234.567,89 €"), Some(1_234_567.89));
    assert_eq!(parse_amount("1'250.50 CHF"), Some(1_250.5));
    assert_eq!(parse_amount("$1.5M"), Some(1_500_000.0));
    assert_eq!(parse_amount("2 000 000 EUR"), Some(2_000_000.0));
    // Marked level columns name their whole scale: L is the second of VL…VH.
    let marked = d(&["L", "M", "H"]);
    let levels: Vec<String> = ["VL", "L", "M", "H", "VH"].map(String::from).to_vec();
    assert_eq!(
        to(&propose_scores(&marked, &five, false, 0, &levels)),
        [Some("2"), Some("3"), Some("4")]
    );
    assert_eq!(
        to(&propose_scores(&marked, &five, false, 0, &[])),
        [Some("1"), Some("3"), Some("5")]
    );
}

/// One register's words per language: its levels read by rank, its statuses and
/// treatments by name.
#[test]
fn levels_statuses_and_treatments_in_every_language() {
    let five = axis(&[("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", "")]);
    let d = |v: &[&str]| v.iter().map(|s| (s.to_string(), 1)).collect::<Vec<_>>();
    let cases: &[(&str, [&str; 3], &str, &str)] = &[
        ("en", ["Low", "Medium", "High"], "In progress", "Mitigate"),
        (
            "de",
            ["Niedrig", "Mittel", "Hoch"],
            "In Bearbeitung",
            "Vermeiden",
        ),
        ("fr", ["Faible", "Moyen", "Élevé"], "En cours", "Réduire"),
        ("es", ["Bajo", "Medio", "Alto"], "En curso", "Mitigar"),
        ("it", ["Basso", "Medio", "Alto"], "In corso", "Mitigare"),
        ("pt", ["Baixo", "Médio", "Alto"], "Em andamento", "Mitigar"),
        (
            "nl",
            ["Laag", "Gemiddeld", "Hoog"],
            "In behandeling",
            "Verminderen",
        ),
        (
            "pl",
            ["Niskie", "Średnie", "Wysokie"],
            "W trakcie",
            "Redukcja",
        ),
        ("cs", ["Nízká", "Střední", "Vysoká"], "V řešení", "Snížení"),
        (
            "sk",
            ["Nízka", "Stredná", "Vysoká"],
            "V riešení",
            "Zníženie",
        ),
        (
            "ru",
            ["Низкое", "Среднее", "Высокое"],
            "В работе",
            "Снижение",
        ),
    ];
    for (language, levels, status, treatment) in cases {
        assert_eq!(
            to(&propose_scores(&d(levels), &five, true, 0, &[])),
            [Some("1"), Some("3"), Some("5")],
            "{language}"
        );
        assert_eq!(
            parse_status(status),
            Some(RiskStatus::Mitigating),
            "{language}"
        );
        assert!(
            parse_treatment(treatment).is_some(),
            "{language}: {treatment}"
        );
    }
    // Slovak five-level impacts and a cell cut short.
    let sk = d(&[
        "Zanedbateľný",
        "Malý",
        "Stredný",
        "Závažný",
        "Katastrofický",
    ]);
    assert_eq!(
        to(&propose_scores(&sk, &five, false, 0, &[])),
        [Some("1"), Some("2"), Some("3"), Some("4"), Some("5")]
    );
    assert_eq!(parse_treatment("Предотвращени"), Some(Treatment::Avoid));
}

#[test]
fn new_categories_get_free_codes_and_prefixes() {
    let cats = crate::model::built_in_categories();
    let c = new_category("Logging/Monitoring", &cats);
    assert_eq!(
        (c.code.as_str(), c.prefix.as_str()),
        ("logging_monitoring", "LM")
    );
    let c = new_category("Время / Сроки", &cats);
    assert_eq!(c.code, "vremya_sroki");
    assert_eq!(c.name, "Время / Сроки");
    assert!(c.validate().is_ok());
    // The prefix of a built-in category is not taken again.
    let c = new_category("Security Ops", &cats);
    assert_ne!(c.prefix, "SEC");
    assert!(c.validate().is_ok());
    assert_eq!(
        parse_category("Technisch", &cats).as_deref(),
        Some("technical")
    );
    assert_eq!(
        parse_category("IAM / Phishing", &cats).as_deref(),
        Some("security")
    );
    assert_eq!(parse_category("Vendor", &cats), None);
}

#[test]
fn statuses_treatments_and_categories_by_synonyms() {
    assert_eq!(parse_status("In progress"), Some(RiskStatus::Mitigating));
    assert_eq!(parse_treatment("Tolerate"), Some(Treatment::Accept));
    let cats = crate::model::built_in_categories();
    assert_eq!(
        parse_category("Cyber security", &cats).as_deref(),
        Some("security")
    );
    assert_eq!(
        parse_category("Data protection", &cats).as_deref(),
        Some("data_protection")
    );
    assert_eq!(parse_category("TEC", &cats).as_deref(), Some("technical"));
    assert_eq!(clean_text("'=SUM(A1)"), "=SUM(A1)");
    assert_eq!(parse_number("2,5"), Some(2.5));
}
