//! The sections of the risk report, one file each, every one drawn by an entry of the
//! same shape ([`Draw`]). [`ORDER`] is the one place that decides their order, their
//! bookmarks and which are printed landscape.

mod appendix;
mod cover;
mod exit_plan;
pub(crate) mod health;
mod heat_maps;
mod loss;
mod plan;
mod register;
mod requirements;
mod review_log;
mod summary;

use crate::matrix::Matrix;
use crate::register::RegisterEntry;

use super::kit::chips::score_level;
use super::kit::Doc;
use super::{ReportData, ReportProgress, ReportStage, Section};

/// A section's entry: draws it from the top of its first page.
type Draw = fn(&mut Doc, &ReportData, &mut Ticker);

pub(crate) struct Spec {
    pub section: Section,
    /// The bookmark of its first page.
    pub title: &'static str,
    /// Wide tables go on landscape pages.
    pub landscape: bool,
    pub draw: Draw,
}

/// The sections in the order they are printed.
pub(crate) const ORDER: [Spec; 11] = [
    Spec {
        section: Section::Cover,
        title: "Cover",
        landscape: false,
        draw: cover::draw,
    },
    Spec {
        section: Section::Summary,
        title: "Summary",
        landscape: false,
        draw: summary::draw,
    },
    Spec {
        section: Section::HeatMaps,
        title: "Heat maps",
        landscape: false,
        draw: heat_maps::draw,
    },
    Spec {
        section: Section::Register,
        title: "Risk register",
        landscape: true,
        draw: register::draw,
    },
    Spec {
        section: Section::Plan,
        title: "Mitigation plan",
        landscape: true,
        draw: plan::draw,
    },
    Spec {
        section: Section::Loss,
        title: "Loss in money",
        landscape: false,
        draw: loss::draw,
    },
    Spec {
        section: Section::Requirements,
        title: "Requirements",
        landscape: false,
        draw: requirements::draw,
    },
    Spec {
        section: Section::Health,
        title: "Health",
        landscape: false,
        draw: health::draw,
    },
    Spec {
        section: Section::ExitPlan,
        title: "Exit plan",
        landscape: false,
        draw: exit_plan::draw,
    },
    Spec {
        section: Section::ReviewLog,
        title: "Review log",
        landscape: true,
        draw: review_log::draw,
    },
    Spec {
        section: Section::Appendix,
        title: "Appendix: scoring matrix",
        landscape: false,
        draw: appendix::draw,
    },
];

/// Draws the chosen sections, each from a new page, in [`ORDER`]; returns a bookmark
/// (title, 1-based page) per section.
pub(crate) fn draw(
    doc: &mut Doc,
    data: &ReportData,
    sections: &[Section],
    progress: &mut dyn FnMut(ReportProgress),
) -> Vec<(String, usize)> {
    let mut marks = Vec::new();
    let total = data.entries.len() * usize::from(sections.contains(&Section::Register))
        + data.actions.len() * usize::from(sections.contains(&Section::Plan));
    let mut tick = Ticker {
        done: 0,
        total,
        progress,
    };
    tick.report();
    for spec in ORDER.iter().filter(|s| sections.contains(&s.section)) {
        doc.new_page(spec.landscape);
        let start = doc.page_count();
        (spec.draw)(doc, data, &mut tick);
        marks.push((spec.title.to_owned(), start));
    }
    tick.done = tick.total;
    tick.report();
    marks
}

/// Counts the rows placed (risks and actions) for the progress bar.
pub(crate) struct Ticker<'p> {
    done: usize,
    total: usize,
    progress: &'p mut dyn FnMut(ReportProgress),
}

impl Ticker<'_> {
    fn report(&mut self) {
        (self.progress)(ReportProgress {
            stage: ReportStage::Layout,
            done: self.done,
            total: self.total,
        });
    }

    /// One more row placed; reported every 250.
    fn step(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(250) {
            self.report();
        }
    }
}

/// The level that counts for appetite and ranking: residual, else inherent.
fn current_level(matrix: &Matrix, e: &RegisterEntry) -> Option<usize> {
    score_level(matrix, e.risk.fields.residual.or(e.risk.fields.inherent))
}

/// A category's name from its code.
fn category_name<'a>(data: &'a ReportData, code: &'a str) -> &'a str {
    data.category_names
        .get(code)
        .map_or(code, |name| name.as_str())
}

/// A risk's reference from its id ("?" for a risk the report does not know).
fn reference<'a>(data: &'a ReportData, risk_id: &str) -> &'a str {
    data.references.get(risk_id).map_or("?", |r| r.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_in_the_order_once() {
        for s in Section::ALL {
            assert_eq!(ORDER.iter().filter(|o| o.section == s).count(), 1, "{s:?}");
        }
    }
}
