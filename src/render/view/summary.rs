//! The executive summary: the headline sentence, key-figure cards, what to do next.

use serde::Serialize;

use crate::analysis::{Action, Metrics};
use crate::model::Project;
use crate::render::format::{money_short, number, percent, probability, times};
use crate::render::labels::problem_name;

/// A key figure, linked to its derivation in the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    pub label: String,
    pub value: String,
    pub note: String,
    /// The `id` of the derivation that shows how the figure was reached.
    pub derivation: String,
}

/// "Raising the value of an average customer relationship by 14.6% in the 3 focus segments
/// is worth DKK 12.9m over 5 years; …"
pub fn headline(project: &Project, m: &Metrics) -> String {
    let cur = &project.meta.currency;
    let likely = &m.programme.scenarios.likely;
    let focus = m.programme.focus_segments.len();
    let segments =
        if focus == 1 { "the focus segment".to_owned() } else { format!("the {focus} focus segments") };
    let mut parts = vec![format!(
        "Raising the value of an average customer relationship by {} in {segments} is worth {} over {} years",
        percent(likely.uplift, 1),
        money_short(likely.npv, cur),
        project.settings.horizon_years
    )];
    if let Some(roi) = likely.roi {
        parts.push(format!("ROI {}", times(roi)));
    }
    parts.push(likely.payback_months.map_or_else(
        || "no payback within the horizon".to_owned(),
        |mo| format!("payback in {} months", number(mo.ceil(), 0)),
    ));
    parts.push(format!(
        "{} chance of reaching the {} target",
        probability(m.simulation.probability_reaching_target),
        percent(project.settings.target_min, 0)
    ));
    format!("{}.", parts.join("; "))
}

pub fn cards(m: &Metrics, cur: &str) -> Vec<Card> {
    let likely = &m.programme.scenarios.likely;
    let card = |label: &str, value: String, note: String, derivation: &str| Card {
        label: label.to_owned(),
        value,
        note,
        derivation: derivation.to_owned(),
    };
    let mut cards = vec![
        card(
            "Uplift per customer relationship",
            percent(likely.uplift, 1),
            format!(
                "focus segments, likely; low {} – high {}",
                percent(m.programme.scenarios.low.uplift, 1),
                percent(m.programme.scenarios.high.uplift, 1)
            ),
            "derivation-uplift",
        ),
        card(
            "Net present value",
            money_short(likely.npv, cur),
            format!("after investment of {} (PV)", money_short(m.programme.investment.pv, cur)),
            "derivation-npv",
        ),
    ];
    if let Some(roi) = likely.roi {
        cards.push(card(
            "Return on investment",
            times(roi),
            "NPV ÷ present value of investment".to_owned(),
            "derivation-roi",
        ));
    }
    cards.push(card(
        "Payback",
        likely
            .payback_months
            .map_or_else(|| "not reached".to_owned(), |mo| format!("{} months", number(mo.ceil(), 0))),
        "cumulative, discounted".to_owned(),
        "derivation-payback",
    ));
    cards.push(card(
        "Chance of reaching target",
        probability(m.simulation.probability_reaching_target),
        format!("{} simulated outcomes", number(f64::from(m.simulation.draws), 0)),
        "derivation-probability",
    ));
    cards
}

/// Concrete next steps, from the largest problem areas and the touchpoint actions.
pub fn next_steps(m: &Metrics, segment_name: &dyn Fn(&str) -> String, cur: &str) -> Vec<String> {
    let mut steps: Vec<String> = m
        .problem_areas
        .ranked
        .iter()
        .filter(|p| p.value_at_stake > 0.0)
        .take(2)
        .map(|p| {
            format!(
                "Validate the root causes of {} in {} before spending: {} of customer value is at stake.",
                problem_name(p.driver).to_lowercase(),
                segment_name(&p.segment),
                money_short(p.value_at_stake, cur)
            )
        })
        .collect();
    if let Some(t) = &m.touchpoints {
        let named = |action: Action| {
            t.ranked
                .iter()
                .filter(move |g| g.action == action)
                .map(|g| g.name.clone())
                .take(3)
                .collect::<Vec<_>>()
        };
        let add = named(Action::Add);
        if !add.is_empty() {
            steps.push(format!("Add what customers value and we do not offer today: {}.", add.join("; ")));
        }
        let invest = named(Action::Invest);
        if !invest.is_empty() {
            steps.push(format!("Invest where importance is high and delivery weak: {}.", invest.join("; ")));
        }
        let mut reduce: Vec<_> = t.ranked.iter().filter(|g| g.action == Action::Reduce).collect();
        reduce.sort_by(|a, b| {
            b.investment_balance.total_cmp(&a.investment_balance).then_with(|| a.id.cmp(&b.id))
        });
        if !reduce.is_empty() {
            let names: Vec<String> = reduce.iter().take(3).map(|g| g.name.clone()).collect();
            steps.push(format!(
                "Free resources from touchpoints that take more effort than they give customers: {}.",
                names.join("; ")
            ));
        }
    }
    steps
}

pub fn simulation(m: &Metrics, cur: &str) -> super::SimulationView {
    let s = &m.simulation;
    super::SimulationView {
        draws: number(f64::from(s.draws), 0),
        seed: s.seed,
        p10: money_short(s.npv.p10, cur),
        p50: money_short(s.npv.p50, cur),
        p90: money_short(s.npv.p90, cur),
        probability: percent(s.probability_reaching_target, 1),
        target: percent(m.project.target_uplift_min, 0),
        uplift_p10: percent(s.uplift.p10, 1),
        uplift_p90: percent(s.uplift.p90, 1),
    }
}
