//! The executive summary: the headline sentence, key-figure cards, what to do next.

use serde::Serialize;

use super::economics::ProblemRow;
use super::journey::GapRow;
use crate::analysis::{Action, Metrics};
use crate::model::{PROJECT_YAML, Project};
use crate::render::labels::problem_name;
use crate::render::locale::Localizer;
use crate::render::markdown;

/// The executive summary: the headline, the key figures, the largest problems and gaps, the
/// options' verdict and what to do next.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    /// The generated headline sentence (plain text).
    pub headline: String,
    /// The consultant's headline (`report.headline`) as HTML, shown in place of `headline`.
    pub headline_html: Option<String>,
    /// The consultant's key messages as HTML.
    pub key_messages: Vec<String>,
    pub cards: Vec<Card>,
    pub top_problems: Vec<ProblemRow>,
    /// The largest problem area the transaction data scores directly (low product
    /// integration), told apart from the ranked ones; `null` without one.
    pub data_problem: Option<DataProblemItem>,
    pub top_gaps: Vec<GapRow>,
    /// Which option has the highest expected NPV and which the best downside.
    pub options_verdict: Option<String>,
    /// The generated next steps (plain text).
    pub next_steps: Vec<String>,
    /// The consultant's next steps (`report.next_steps`) as HTML, shown in place of `next_steps`.
    pub next_steps_html: Option<Vec<String>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DataProblemItem {
    pub problem: String,
    pub segment: String,
    /// "18 % of loyal new customers become integrated, against 62 % in …: DKK 630k in
    /// margin within their first 365 days".
    pub text: String,
}

/// A key figure, linked to its derivation in the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    pub label: String,
    pub value: String,
    pub note: String,
    /// The `id` of the derivation that shows how the figure was reached.
    pub derivation: String,
}

/// The summary; `problems` and `gaps` are the full lists of their sections.
pub fn build(
    project: &Project,
    m: &Metrics,
    problems: &[ProblemRow],
    gaps: &[GapRow],
    options_verdict: Option<String>,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> SummaryView {
    let story = &project.story;
    let pictures = markdown::Pictures { file: PROJECT_YAML, images: &project.images };
    let html = |text: &String| markdown::inline(text, pictures);
    SummaryView {
        headline: headline(project, m, l),
        headline_html: story.headline.as_ref().map(html),
        key_messages: story.key_messages.iter().map(html).collect(),
        cards: cards(m, l),
        top_problems: problems.iter().take(3).cloned().collect(),
        data_problem: data_problem(m, segment_name, l),
        // The gaps to act on: what to add or invest in, largest shortfall first.
        top_gaps: gaps
            .iter()
            .filter(|g| g.priority_value > 0.0 && matches!(g.action_class.as_str(), "add" | "invest"))
            .take(5)
            .cloned()
            .collect(),
        options_verdict,
        next_steps: next_steps(m, segment_name, l),
        next_steps_html: story.next_steps.as_ref().map(|steps| steps.iter().map(html).collect()),
    }
}

/// "Raising the value of an average customer relationship by 10.6% in the 3 focus segments
/// gives the programme a net present value of DKK 8.0m over 5 years; ROI 162%; paid back in
/// year 2; 61% chance of reaching the 10% target."
pub fn headline(project: &Project, m: &Metrics, l: &Localizer) -> String {
    let likely = &m.programme.scenarios.likely;
    let mut parts = vec![l.t_with(
        "headline-main",
        vec![
            ("uplift", l.percent(likely.uplift, 1).into()),
            ("segments", m.programme.focus_segments.len().into()),
            ("npv", l.money_short(likely.npv).into()),
            ("years", f64::from(project.settings.horizon_years).into()),
        ],
    )];
    if let Some(roi) = likely.roi {
        parts.push(l.t_with("headline-roi", vec![("roi", l.percent(roi, 0).into())]));
    }
    parts.push(payback(m, ["headline-payback", "headline-no-payback", "headline-nothing-invested"], l));
    parts.push(l.t_with(
        "headline-chance",
        vec![
            ("chance", l.probability(m.simulation.probability_reaching_target).into()),
            ("target", l.percent_exact(project.settings.target_min.get()).into()),
        ],
    ));
    format!("{}.", parts.join("; "))
}

/// The likely payback in words: `[paid back in year N, never within the horizon, nothing
/// invested]`, message ids in that order.
fn payback(m: &Metrics, [year, never, nothing]: [&str; 3], l: &Localizer) -> String {
    match m.programme.scenarios.likely.payback_year {
        Some(y) => l.t_with(year, vec![("year", y.to_string().into())]),
        None if m.programme.investment.pv > 0.0 => l.t(never),
        None => l.t(nothing),
    }
}

pub fn cards(m: &Metrics, l: &Localizer) -> Vec<Card> {
    let likely = &m.programme.scenarios.likely;
    let card = |label: &str, value: String, note: String, derivation: &str| Card {
        label: l.t(label),
        // A card is narrow in print: "8,0 mill. DKK" may wrap between its words, which the
        // no-break spaces of running text would forbid, pushing it out of the card.
        value: value.replace('\u{a0}', " "),
        note,
        derivation: derivation.to_owned(),
    };
    let low_high = vec![
        ("low", l.percent(m.programme.scenarios.low.uplift, 1).into()),
        ("high", l.percent(m.programme.scenarios.high.uplift, 1).into()),
    ];
    let mut cards = vec![
        card(
            "card-uplift",
            l.percent(likely.uplift, 1),
            l.t_with("card-uplift-note", low_high),
            "derivation-uplift",
        ),
        card(
            "card-npv",
            l.money_short(likely.npv),
            l.t_with("card-npv-note", vec![("pv", l.money_short(m.programme.investment.pv).into())]),
            "derivation-npv",
        ),
    ];
    if let Some(roi) = likely.roi {
        cards.push(card("card-roi", l.percent(roi, 0), l.t("card-roi-note"), "derivation-roi"));
    }
    cards.push(card(
        "card-payback",
        payback(m, ["card-payback-value", "card-payback-never", "card-payback-nothing"], l),
        format!("{}; {}", l.t("card-payback-note"), super::appendix::ramp_up(&m.project.ramp_up, l)),
        "derivation-payback",
    ));
    cards.push(card(
        "card-chance",
        l.probability(m.simulation.probability_reaching_target),
        if m.simulation.uncertain_levers < 2 {
            l.t_with(
                "card-chance-note-plain",
                vec![("draws", l.number(f64::from(m.simulation.draws), 0).into())],
            )
        } else {
            l.t_with(
                "card-chance-note",
                vec![
                    ("draws", l.number(f64::from(m.simulation.draws), 0).into()),
                    ("rho", l.exact(m.simulation.lever_correlation, 2).into()),
                    (
                        "independent",
                        l.probability(m.simulation.independent().probability_reaching_target).into(),
                    ),
                    ("lockstep", l.probability(m.simulation.lockstep().probability_reaching_target).into()),
                ],
            )
        },
        "derivation-probability",
    ));
    cards
}

/// The data's largest problem area, when its value is known.
fn data_problem(
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Option<DataProblemItem> {
    let p = m.problem_areas.from_data.first()?;
    let value = p.value_at_stake?;
    let path = super::loyalty_path::first_path(m)?;
    Some(DataProblemItem {
        problem: l.t("problem-product_integration"),
        segment: segment_name(&p.segment),
        text: l.t_with(
            "summary-data-problem-item",
            vec![
                ("current", l.percent(p.current, 0).into()),
                ("benchmark", l.percent(p.benchmark, 0).into()),
                ("best_segment", segment_name(&p.benchmark_segment).into()),
                ("value", l.money_short(value).into()),
                ("window", f64::from(path.window_days).into()),
            ],
        ),
    })
}

/// Concrete next steps, from the largest problem areas and the touchpoint actions.
pub fn next_steps(m: &Metrics, segment_name: &dyn Fn(&str) -> String, l: &Localizer) -> Vec<String> {
    let mut steps: Vec<String> = m
        .problem_areas
        .ranked
        .iter()
        .filter(|p| p.value_at_stake > 0.0)
        .take(2)
        .map(|p| {
            let args = vec![
                ("problem", problem_name(l, p.driver).to_lowercase().into()),
                ("segment", segment_name(&p.segment).into()),
                ("value", l.money_short(p.value_at_stake).into()),
            ];
            l.t_with("next-validate", args)
        })
        .collect();
    if let Some(t) = &m.touchpoints {
        let named = |action: Action| {
            t.ranked.iter().filter(|g| g.action == action).map(|g| g.name.clone()).take(3).collect::<Vec<_>>()
        };
        for (action, id) in [(Action::Add, "next-add"), (Action::Invest, "next-invest")] {
            let names = named(action);
            if !names.is_empty() {
                steps.push(l.t_with(id, vec![("names", names.join("; ").into())]));
            }
        }
        let mut reduce: Vec<_> = t.ranked.iter().filter(|g| g.action == Action::Reduce).collect();
        reduce.sort_by(|a, b| {
            b.investment_balance.total_cmp(&a.investment_balance).then_with(|| a.id.cmp(&b.id))
        });
        if !reduce.is_empty() {
            let names: Vec<String> = reduce.iter().take(3).map(|g| g.name.clone()).collect();
            steps.push(l.t_with("next-reduce", vec![("names", names.join("; ").into())]));
        }
    }
    steps
}
