//! The built-in partnership library: risk templates and requirements (controls),
//! shipped as `data/library.json` inside the crate and embedded at compile time.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::matrix::{map_score, preset, Score};
use crate::model::{
    ActionFields, Partnership, PartnershipFields, RequirementFields, RequirementStatus, RiskFields,
    Treatment,
};
use crate::store::{new_id, Store};

const LIBRARY_JSON: &str = include_str!("../data/library.json");

/// The matrix the templates' default scores are written on.
pub const TEMPLATE_MATRIX: &str = "5x5";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    pub code: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub cause: String,
    pub consequence: String,
    pub treatment: Treatment,
    /// Suggested mitigation actions.
    pub actions: Vec<String>,
    /// Default inherent score on the standard 5×5 matrix, `[likelihood, impact]`.
    pub inherent: [u8; 2],
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryRequirement {
    pub code: String,
    pub title: String,
    pub area: String,
    pub description: String,
    /// Codes of the templates this requirement mitigates.
    pub mitigates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Library {
    pub templates: Vec<Template>,
    pub requirements: Vec<LibraryRequirement>,
}

/// The library, parsed once. A broken data file is caught by the crate's tests.
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| serde_json::from_str(LIBRARY_JSON).expect("data/library.json is valid"))
}

/// Which templates a new partnership starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSelection {
    None,
    All,
    Codes(Vec<String>),
}

impl TemplateSelection {
    /// Parses `all`, `none` or a comma-separated list of codes.
    pub fn parse(text: &str) -> Self {
        match text.trim() {
            "all" => TemplateSelection::All,
            "" | "none" => TemplateSelection::None,
            codes => TemplateSelection::Codes(
                codes
                    .split(',')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
            ),
        }
    }

    /// The selected templates, in library order; unknown codes are an error.
    pub fn resolve(&self) -> Result<Vec<&'static Template>> {
        let templates = &library().templates;
        match self {
            TemplateSelection::None => Ok(Vec::new()),
            TemplateSelection::All => Ok(templates.iter().collect()),
            TemplateSelection::Codes(codes) => {
                for code in codes {
                    if !templates.iter().any(|t| &t.code == code) {
                        return Err(Error::invalid(
                            "templates",
                            code,
                            "no template with this code in the library",
                        ));
                    }
                }
                Ok(templates
                    .iter()
                    .filter(|t| codes.contains(&t.code))
                    .collect())
            }
        }
    }
}

impl Template {
    /// The fields of a new risk made from this template, scored on `matrix`.
    pub fn risk_fields(&self, matrix: &crate::matrix::Matrix) -> RiskFields {
        let standard = preset(TEMPLATE_MATRIX).expect("the template matrix is a preset");
        let inherent = Score::new(self.inherent[0], self.inherent[1]);
        // Acceptance needs an approver and an expiry that only a person can give, so an
        // "accept" suggestion starts as a note rather than a decision.
        let (treatment, treatment_rationale) = match self.treatment {
            Treatment::Accept => (
                None,
                "Suggested treatment: accept (record who approves it and until when).".into(),
            ),
            other => (Some(other), String::new()),
        };
        RiskFields {
            description: self.description.clone(),
            cause: self.cause.clone(),
            consequence: self.consequence.clone(),
            treatment,
            treatment_rationale,
            inherent: Some(map_score(inherent, &standard, matrix)),
            tags: self.tags.clone(),
            ..RiskFields::new(&self.category, &self.title)
        }
    }
}

/// A plan for the risks, actions and requirements a set of templates brings, ready to
/// be written in one transaction. The hooks let the demo fill in owners and dates.
pub(crate) struct Seed<'a> {
    pub risks: Vec<(&'a Template, RiskFields, Vec<ActionFields>)>,
    pub requirements: Vec<(&'a LibraryRequirement, RequirementFields)>,
}

impl<'a> Seed<'a> {
    pub fn from_templates(templates: &[&'a Template], matrix: &crate::matrix::Matrix) -> Self {
        let risks = templates
            .iter()
            .map(|t| {
                let actions = t.actions.iter().map(ActionFields::new).collect();
                (*t, t.risk_fields(matrix), actions)
            })
            .collect();
        let chosen: Vec<&str> = templates.iter().map(|t| t.code.as_str()).collect();
        let requirements = library()
            .requirements
            .iter()
            .filter(|q| q.mitigates.iter().any(|m| chosen.contains(&m.as_str())))
            .map(|q| {
                (
                    q,
                    RequirementFields {
                        code: q.code.clone(),
                        title: q.title.clone(),
                        area: q.area.clone(),
                        description: q.description.clone(),
                        status: RequirementStatus::NotStarted,
                        evidence: String::new(),
                    },
                )
            })
            .collect();
        Seed {
            risks,
            requirements,
        }
    }
}

impl Store {
    /// Creates a partnership and fills its register from library templates: a risk per
    /// template (with its suggested actions) and every requirement that mitigates one
    /// of them, linked. One transaction.
    pub fn create_partnership_from_templates(
        &mut self,
        fields: PartnershipFields,
        matrix: &str,
        selection: &TemplateSelection,
    ) -> Result<Partnership> {
        let templates = selection.resolve()?;
        let partnership = self.new_partnership(fields, matrix)?;
        let matrix = self.matrix(&partnership.matrix_id)?;
        let seed = Seed::from_templates(&templates, &matrix);
        self.write_seed(&partnership, seed, Vec::new())?;
        Ok(partnership)
    }

    /// Writes a partnership with a seeded register, and `extra` risks after it, in one
    /// transaction.
    pub(crate) fn write_seed(
        &mut self,
        partnership: &Partnership,
        seed: Seed<'_>,
        extra: Vec<RiskFields>,
    ) -> Result<()> {
        let matrix = self.matrix(&partnership.matrix_id)?;
        let prefixes = self.category_prefixes()?;
        for (n, (_, fields, actions)) in seed.risks.iter().enumerate() {
            crate::store::check_risk(fields, &matrix, &prefixes)
                .map_err(|e| e.within(&format!("risks[{n}].")))?;
            for (a, action) in actions.iter().enumerate() {
                action
                    .validate()
                    .map_err(|e| e.within(&format!("risks[{n}].actions[{a}].")))?;
            }
        }
        for (n, fields) in extra.iter().enumerate() {
            crate::store::check_risk(fields, &matrix, &prefixes)
                .map_err(|e| e.within(&format!("extra[{n}].")))?;
        }
        for (_, fields) in &seed.requirements {
            fields.validate()?;
        }
        self.write(|w| {
            w.insert_partnership(partnership)?;
            let mut by_template: HashMap<&str, String> = HashMap::new();
            for (template, fields, actions) in seed.risks {
                let risk = w.insert_risk(&partnership.id, &prefixes, fields)?;
                for action in actions {
                    let action = crate::model::Action {
                        id: new_id(),
                        risk_id: risk.id.clone(),
                        fields: action,
                        created_at: w.at,
                        updated_at: w.at,
                    };
                    w.insert_action(&action, &partnership.id)?;
                }
                by_template.insert(template.code.as_str(), risk.id);
            }
            for (source, fields) in seed.requirements {
                let risk_ids = source
                    .mitigates
                    .iter()
                    .filter_map(|code| by_template.get(code.as_str()).cloned())
                    .collect();
                w.insert_requirement(&crate::model::Requirement {
                    id: new_id(),
                    partnership_id: partnership.id.clone(),
                    fields,
                    risk_ids,
                    created_at: w.at,
                    updated_at: w.at,
                })?;
            }
            for fields in extra {
                w.insert_risk(&partnership.id, &prefixes, fields)?;
            }
            Ok(())
        })
    }
}
