//! Parsers for option values, shared by the commands. Each returns a core type and
//! names the option at fault in its error, so clap's types stop at the command modules.

use chrono::NaiveDate;
use partner_risk_core::matrix::Score;
use partner_risk_core::model::{parse_date, ActionStatus, RiskStatus, Stage};
use partner_risk_core::report::{Paper, PlanGrouping, Section};
use partner_risk_core::{Result, Store};

pub fn parse_stage(s: &str) -> Result<Stage> {
    Stage::parse(s, "--stage")
}
pub fn parse_risk_status(s: &str) -> Result<RiskStatus> {
    RiskStatus::parse(s, "--status")
}
pub fn parse_action_status(s: &str) -> Result<ActionStatus> {
    ActionStatus::parse(s, "--status")
}
pub fn parse_paper(s: &str) -> Result<Paper> {
    Paper::parse(s, "--paper")
}
pub fn parse_section(s: &str) -> Result<Section> {
    Section::parse(s, "--sections")
}
pub fn parse_plan_grouping(s: &str) -> Result<PlanGrouping> {
    PlanGrouping::parse(s, "--plan-group")
}

/// Parses `L,I` or `none`.
pub fn score_option(text: &str, field: &str) -> Result<Option<Score>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Score::parse(text, field).map(Some)
}

/// Parses `YYYY-MM-DD` or `none`.
pub fn date_option(text: &str, field: &str) -> Result<Option<NaiveDate>> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse_date(text, field).map(Some)
}

/// Resolves `--min-level NAME` to a level of the given matrix.
pub fn min_level(store: &Store, matrix_id: &str, name: Option<String>) -> Result<Option<usize>> {
    match name {
        Some(name) => Ok(Some(
            store.matrix(matrix_id)?.find_level(&name, "--min-level")?,
        )),
        None => Ok(None),
    }
}
