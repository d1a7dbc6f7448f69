//! The value uplift: scenarios, bridge, cash flows and payback, simulation, tornado, options.

use serde::Serialize;

use super::optional;
use super::options::{self, OptionsView};
use crate::analysis::Metrics;
use crate::model::Project;
use crate::render::charts::{self, Chart};
use crate::render::labels::entered_lever_name;
use crate::render::locale::Localizer;

/// The value uplift section: each segment's scenarios, the bridge, the cash flows and
/// payback, the simulation, what matters most, and the programme options.
#[derive(Debug, Serialize)]
pub struct ValueView {
    pub scenarios: Vec<ScenarioRow>,
    /// The likely scenario's yearly cash flows, beside the payback chart.
    pub cash_flows: Vec<CashFlowRow>,
    pub simulation: SimulationView,
    /// The base case and the programme options side by side, when there are options.
    pub options: Option<OptionsView>,
    pub clv_scenarios: Chart,
    pub bridge: Chart,
    pub payback: Chart,
    pub npv: Chart,
    pub tornado: Chart,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScenarioRow {
    pub name: String,
    pub focus: bool,
    pub today: String,
    pub low: String,
    pub likely: String,
    pub high: String,
    pub uplift_low: String,
    pub uplift_likely: String,
    pub uplift_high: String,
    pub value_uplift: String,
}

/// One year of the likely scenario's cash flows, as the payback is read off it.
#[derive(Clone, Debug, Serialize)]
pub struct CashFlowRow {
    pub period: u32,
    pub investment: String,
    pub value_uplift: String,
    pub net: String,
    pub discounted_net: String,
    pub cumulative: String,
    /// The year the programme is paid back.
    pub payback: bool,
}

#[derive(Debug, Serialize)]
pub struct SimulationView {
    pub draws: String,
    pub seed: String,
    pub p10: String,
    pub p50: String,
    pub p90: String,
    pub probability: String,
    pub target: String,
    pub uplift_p10: String,
    pub uplift_p90: String,
    /// The lever correlation and the same figures at ρ = 0 and ρ = 1.
    pub correlation: String,
}

pub fn build(
    project: &Project,
    m: &Metrics,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> ValueView {
    let likely = &m.programme.scenarios.likely;
    let description = |id: &str| {
        project.options.iter().find(|o| o.id == id).map(|o| o.description.clone()).unwrap_or_default()
    };
    ValueView {
        scenarios: scenarios(m, l),
        cash_flows: cash_flows(m, l),
        simulation: simulation(m, l),
        options: options::build(m, &description, segment_name, l),
        clv_scenarios: charts::clv_scenarios(&m.segments, l),
        bridge: charts::bridge(&m.value_bridge, l),
        payback: charts::payback(likely, l),
        npv: charts::npv_histogram(&m.simulation, project.settings.target_min.get(), l),
        tornado: charts::tornado(
            &m.tornado,
            likely.npv,
            segment_name,
            &|id, d| entered_lever_name(l, project.segments.iter().find(|s| s.id == id), d),
            l,
        ),
    }
}

pub fn scenarios(m: &Metrics, l: &Localizer) -> Vec<ScenarioRow> {
    let up = |x: Option<f64>| optional(x, |u| l.percent(u, 1));
    m.segments
        .iter()
        .map(|s| ScenarioRow {
            name: s.name.clone(),
            focus: s.focus,
            today: l.money(s.baseline.clv),
            low: l.money(s.scenarios.low.value.clv),
            likely: l.money(s.scenarios.likely.value.clv),
            high: l.money(s.scenarios.high.value.clv),
            uplift_low: up(s.scenarios.low.uplift),
            uplift_likely: up(s.scenarios.likely.uplift),
            uplift_high: up(s.scenarios.high.uplift),
            value_uplift: l.money_short(s.scenarios.likely.value_uplift),
        })
        .collect()
}

pub fn cash_flows(m: &Metrics, l: &Localizer) -> Vec<CashFlowRow> {
    let payback = m.programme.scenarios.likely.payback_year;
    m.programme
        .cash_flows
        .iter()
        .map(|f| CashFlowRow {
            period: f.period,
            investment: l.money_short(f.investment),
            value_uplift: l.money_short(f.value_uplift),
            net: l.money_short(f.net),
            discounted_net: l.money_short(f.discounted_net),
            cumulative: l.money_short(f.cumulative_discounted_net),
            payback: payback == Some(f.period),
        })
        .collect()
}

pub fn simulation(m: &Metrics, l: &Localizer) -> SimulationView {
    let s = &m.simulation;
    SimulationView {
        draws: l.number(f64::from(s.draws), 0),
        seed: s.seed.to_string(),
        p10: l.money_short(s.npv.p10),
        p50: l.money_short(s.npv.p50),
        p90: l.money_short(s.npv.p90),
        probability: l.percent(s.probability_reaching_target, 1),
        target: l.percent_exact(m.project.target_uplift_min),
        uplift_p10: l.percent(s.uplift.p10, 1),
        uplift_p90: l.percent(s.uplift.p90, 1),
        correlation: if s.uncertain_levers < 2 {
            String::new()
        } else {
            let (independent, lockstep) = (s.independent(), s.lockstep());
            let rho = vec![
                ("rho", l.exact(s.lever_correlation, 2).into()),
                ("rho_value", s.lever_correlation.into()),
            ];
            let sensitivity = l.t_with(
                "simulation-sensitivity",
                vec![
                    ("p10_independent", l.money_short(independent.npv.p10).into()),
                    ("p90_independent", l.money_short(independent.npv.p90).into()),
                    ("probability_independent", l.percent(independent.probability_reaching_target, 1).into()),
                    ("p10_lockstep", l.money_short(lockstep.npv.p10).into()),
                    ("p90_lockstep", l.money_short(lockstep.npv.p90).into()),
                    ("probability_lockstep", l.percent(lockstep.probability_reaching_target, 1).into()),
                ],
            );
            format!("{} {sensitivity}", l.t_with("simulation-rho", rho))
        },
    }
}
