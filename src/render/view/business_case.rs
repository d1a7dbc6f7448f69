//! The business case: the consultant's texts, the investment, the timeline and the risks.

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::Project;
use crate::render::charts::{self, Chart};
use crate::render::locale::Localizer;
use crate::render::markdown;

/// The business case section: the consultant's three texts, the investment, the timeline
/// and the risks.
#[derive(Debug, Serialize)]
pub struct BusinessCaseView {
    pub challenge: String,
    pub approach: String,
    pub expected_value: String,
    pub investments: Vec<InvestmentRow>,
    pub investment_total: InvestmentRow,
    pub risks: Vec<RiskRow>,
    /// Impact 5 (top row) to 1; likelihood 1 to 5 left to right; risk numbers per cell.
    pub risk_matrix: Vec<Vec<MatrixCell>>,
    pub timeline: Option<Chart>,
}

#[derive(Clone, Debug, Serialize)]
pub struct InvestmentRow {
    pub item: String,
    pub segment: String,
    pub one_off: String,
    pub annual: String,
    pub pv: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RiskRow {
    pub number: usize,
    pub risk: String,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
    /// `high` (score ≥ 15), `medium` (≥ 8) or `low`: the matrix colour.
    pub level: &'static str,
    pub mitigation: String,
}

/// One cell of the likelihood × impact matrix: the numbers of the risks in it, and its colour.
#[derive(Clone, Debug, Serialize)]
pub struct MatrixCell {
    pub risks: Vec<usize>,
    pub level: &'static str,
}

pub fn build(
    project: &Project,
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> BusinessCaseView {
    let text = &project.business_case;
    let pictures = markdown::Pictures { file: crate::model::PROJECT_YAML, images: &project.images };
    BusinessCaseView {
        challenge: markdown::to_html(&text.challenge, "challenge", pictures),
        approach: markdown::to_html(&text.approach, "approach", pictures),
        expected_value: markdown::to_html(&text.expected_value, "expected-value", pictures),
        investments: investments(project, m, segment_name, l),
        investment_total: investment_total(m, l),
        risks: risks(project),
        risk_matrix: risk_matrix(project),
        timeline: (!project.timeline.is_empty()).then(|| charts::gantt(&project.timeline, l)),
    }
}

pub fn investments(
    project: &Project,
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Vec<InvestmentRow> {
    project
        .investments
        .iter()
        .map(|i| InvestmentRow {
            item: i.item.clone(),
            segment: i.segment.as_deref().map_or_else(|| l.t("investment-programme-wide"), segment_name),
            one_off: l.money(i.one_off.get()),
            annual: l.money(i.annual.get()),
            pv: l.money(m.programme.investment.present_value(i.one_off.get(), i.annual.get())),
        })
        .collect()
}

pub fn investment_total(m: &Metrics, l: &Localizer) -> InvestmentRow {
    let inv = &m.programme.investment;
    InvestmentRow {
        item: l.t("investment-total"),
        segment: String::new(),
        one_off: l.money(inv.one_off),
        annual: l.money(inv.annual),
        pv: l.money(inv.pv),
    }
}

pub fn risks(project: &Project) -> Vec<RiskRow> {
    project
        .risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let score = r.likelihood.get() * r.impact.get();
            RiskRow {
                number: i + 1,
                risk: r.risk.clone(),
                likelihood: r.likelihood.get(),
                impact: r.impact.get(),
                score,
                level: risk_level(score),
                mitigation: r.mitigation.clone(),
            }
        })
        .collect()
}

/// `high` (likelihood × impact ≥ 15), `medium` (≥ 8) or `low`: the colour of a risk.
fn risk_level(score: u8) -> &'static str {
    if score >= 15 {
        "high"
    } else if score >= 8 {
        "medium"
    } else {
        "low"
    }
}

/// Impact 5 (top row) to 1, likelihood 1 to 5 left to right.
pub fn risk_matrix(project: &Project) -> Vec<Vec<MatrixCell>> {
    (1..=5u8)
        .rev()
        .map(|impact| {
            (1..=5u8)
                .map(|likelihood| MatrixCell {
                    risks: project
                        .risks
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.impact.get() == impact && r.likelihood.get() == likelihood)
                        .map(|(i, _)| i + 1)
                        .collect(),
                    level: risk_level(impact * likelihood),
                })
                .collect()
        })
        .collect()
}
