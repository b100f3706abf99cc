use super::*;
use ColumnTarget::*;

fn targets(headers: &[&str], values: &[&[&str]]) -> Vec<ColumnTarget> {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let column = |i: usize| values.iter().map(|row| row[i].to_string()).collect();
    map_columns(&headers, &column)
        .into_iter()
        .map(|m| m.target)
        .collect()
}

#[test]
fn headers_are_matched_with_synonyms_suffixes_and_qualifiers() {
    assert_eq!(normalise_header(" Likelihood (1-5) "), "likelihood");
    assert_eq!(normalise_header("Risk_Description"), "risk description");
    assert_eq!(
        targets(
            &[
                "Risk ID",
                "Risk_Description",
                "Probability",
                "Severity",
                "Likelihood",
                "Impact",
                "Owner",
                "Budget code"
            ],
            &[&["R1", "x", "3", "4", "2", "2", "Ann", "77"]]
        ),
        [
            Reference,
            Title,
            InherentLikelihood,
            InherentImpact,
            ResidualLikelihood,
            ResidualImpact,
            Owner,
            Note
        ]
    );
    assert_eq!(
        targets(
            &[
                "Risk Title",
                "Risk Description",
                "Residual Likelihood",
                "Residual Impact",
                "Inherent likelihood",
                "Inherent impact",
                "Residual level"
            ],
            &[&["t", "d", "1", "1", "3", "3", "Low"]]
        ),
        [
            Title,
            Description,
            ResidualLikelihood,
            ResidualImpact,
            InherentLikelihood,
            InherentImpact,
            Skip
        ]
    );
    assert_eq!(
        targets(
            &["Title", "Consequence"],
            &[&["a", "Major"], &["b", "Minor"]]
        ),
        [Title, InherentImpact]
    );
    assert_eq!(
        targets(
            &["Title", "Consequence"],
            &[&["a", "Customers leave and revenue drops"]]
        ),
        [Title, Consequence]
    );
}

/// A register's header in each language of the word list, with one-letter and
/// bracketed qualifiers: every column lands where a person would put it.
#[test]
fn headers_in_every_language() {
    fn row(cells: &[&'static str]) -> Vec<&'static str> {
        cells.to_vec()
    }
    let scores = &["3", "4", "2", "2"];
    let cases: &[(&str, Vec<&str>)] = &[
        (
            "en",
            row(&[
                "Risk ID",
                "Risk title",
                "Inherent likelihood",
                "Inherent impact",
                "Residual likelihood",
                "Residual impact",
            ]),
        ),
        (
            "de",
            row(&[
                "Nr.",
                "Risiko",
                "Wahrscheinlichkeit (brutto)",
                "Auswirkung (brutto)",
                "Wahrscheinlichkeit (netto)",
                "Auswirkung (netto)",
            ]),
        ),
        (
            "fr",
            row(&[
                "Référence",
                "Intitulé",
                "Probabilité brute",
                "Gravité brute",
                "Probabilité résiduelle",
                "Gravité résiduelle",
            ]),
        ),
        (
            "es",
            row(&[
                "Código",
                "Riesgo",
                "Probabilidad_Inicial",
                "Impacto_Inicial",
                "Probabilidad residual",
                "Impacto residual",
            ]),
        ),
        (
            "it",
            row(&[
                "Codice",
                "Rischio",
                "Probabilità iniziale",
                "Impatto iniziale",
                "Probabilità residua",
                "Impatto residuo",
            ]),
        ),
        (
            "pt",
            row(&[
                "Código",
                "Risco",
                "Probabilidade inerente",
                "Impacto inerente",
                "Probabilidade residual",
                "Impacto residual",
            ]),
        ),
        (
            "nl",
            row(&[
                "Nummer",
                "Risico",
                "Kans (bruto)",
                "Impact (bruto)",
                "Kans (netto)",
                "Impact (netto)",
            ]),
        ),
        (
            "pl",
            row(&[
                "Lp.",
                "Nazwa ryzyka",
                "Prawdopodobieństwo (brutto)",
                "Wpływ (brutto)",
                "Prawdopodobieństwo (netto)",
                "Wpływ (netto)",
            ]),
        ),
        (
            "cs",
            row(&[
                "Číslo",
                "Název rizika",
                "Pravděpodobnost (před mitigací)",
                "Dopad (před mitigací)",
                "Pravděpodobnost (po mitigaci)",
                "Dopad (po mitigaci)",
            ]),
        ),
        (
            "sk",
            row(&[
                "Číslo",
                "Názov rizika",
                "Pravdepodobnosť (pred mitigáciou)",
                "Následok (pred mitigáciou)",
                "Pravdepodobnosť (po mitigácii)",
                "Následok (po mitigácii)",
            ]),
        ),
        (
            "ru",
            row(&[
                "Номер",
                "Название риска",
                "Вероятность (исходная)",
                "Влияние (исходное)",
                "Вероятность (остаточная)",
                "Влияние (остаточное)",
            ]),
        ),
    ];
    for (language, headers) in cases {
        let values: Vec<&str> = ["R1", "Vendor outage"]
            .iter()
            .chain(scores)
            .copied()
            .collect();
        assert_eq!(
            targets(headers, &[&values]),
            [
                Reference,
                Title,
                InherentLikelihood,
                InherentImpact,
                ResidualLikelihood,
                ResidualImpact
            ],
            "{language}"
        );
    }
    // Abbreviations, scale marks and CISO Assistant's three stages.
    assert_eq!(
        targets(
            &["ID", "Description (hypothesis)", "Impact", "L", "S"],
            &[&[
                "R1",
                "Slow pages under load",
                "Pages take too long",
                "3",
                "4"
            ]]
        ),
        [
            Reference,
            TitleFromText,
            Consequence,
            InherentLikelihood,
            InherentImpact
        ]
    );
    assert_eq!(
        targets(
            &["Nr", "Risiko", "PRB", "IMP"],
            &[&["1", "Ausfall", "2", "3"]]
        ),
        [Reference, Title, InherentLikelihood, InherentImpact]
    );
    assert_eq!(
        targets(
            &[
                "risk_id",
                "title",
                "L_1to5",
                "I_1to5",
                "residual_L_1to5",
                "residual_I_1to5"
            ],
            &[&["R1", "t", "4", "4", "3", "4"]]
        ),
        [
            Reference,
            Title,
            InherentLikelihood,
            InherentImpact,
            ResidualLikelihood,
            ResidualImpact
        ]
    );
    assert_eq!(
        targets(
            &[
                "name",
                "inherent_proba",
                "inherent_impact",
                "current_proba",
                "current_impact",
                "residual_proba",
                "residual_impact"
            ],
            &[&["t", "likely", "minor", "likely", "minor", "unlikely", "minor"]]
        ),
        [
            Title,
            InherentLikelihood,
            InherentImpact,
            ResidualLikelihood,
            ResidualImpact,
            TargetLikelihood,
            TargetImpact
        ]
    );
    // A "Next review" of words is a note; a title column of one repeated word a label.
    assert_eq!(
        targets(
            &["Title", "Next Review"],
            &[&["a", "Weekly"], &["b", "Weekly"]]
        ),
        [Title, Note]
    );
    assert_eq!(
        targets(
            &["Risk", "Description"],
            &[
                &["Risk", "Late delivery"],
                &["Risk", "Staff leave"],
                &["Risk", "Data loss"]
            ]
        ),
        [Note, TitleFromText]
    );
}
