//! From journey gaps to money: each initiative's value, cost and return, the chart of value
//! against cost, what no initiative claims, and what reducing touchpoints frees.

use serde::Serialize;

use crate::analysis::{InitiativeValue, Metrics};
use crate::model::Project;
use crate::render::charts::{self, Chart};
use crate::render::labels::{initiative_action_class, initiative_action_name};
use crate::render::locale::Localizer;

/// The section, when the journey has initiatives.
#[derive(Debug, Serialize)]
pub struct InitiativesView {
    pub rows: Vec<InitiativeRow>,
    pub chart: Chart,
    /// What the initiatives carry of the likely value uplift, and what no initiative claims.
    pub attribution: String,
    /// The seed's "fewer touchpoints, better chosen" in one line; `None` when no initiative
    /// frees or takes running cost.
    pub reallocation: Option<String>,
    /// The initiatives whose cost is not in the business case's investment.
    pub not_funded: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct InitiativeRow {
    /// Rank by net value, also the point's number in the chart.
    pub number: usize,
    pub id: String,
    pub name: String,
    /// The touchpoints' names, joined.
    pub touchpoints: String,
    pub action: String,
    /// A CSS class of the gap list's actions.
    pub action_class: &'static str,
    pub value: String,
    pub cost: String,
    pub net_value: String,
    /// Below zero: shown as a loss.
    pub negative: bool,
    pub per_krone: String,
    pub payback: String,
    /// Whether an investment line funds it (a ✓), so its cost is in the NPV.
    pub funded: bool,
}

pub fn build(project: &Project, m: &Metrics, l: &Localizer) -> Option<InitiativesView> {
    let summary = m.initiative_summary.as_ref()?;
    let journey = project.journey.as_ref()?;
    let touchpoint_name =
        |id: &str| journey.touchpoints.iter().find(|t| t.id == id).map_or(id, |t| t.name.as_str()).to_owned();
    let horizon = project.settings.horizon_years;
    let rows = m
        .initiatives
        .iter()
        .enumerate()
        .map(|(i, x)| InitiativeRow {
            number: i + 1,
            id: x.id.clone(),
            name: x.name.clone(),
            touchpoints: x.touchpoints.iter().map(|t| touchpoint_name(t)).collect::<Vec<_>>().join(", "),
            action: initiative_action_name(l, x.action),
            action_class: initiative_action_class(x.action),
            value: l.money(x.value),
            cost: l.money(x.cost_pv),
            net_value: l.money(x.net_value),
            negative: x.net_value < 0.0,
            per_krone: x.value_per_krone.map_or_else(|| "–".to_owned(), |v| l.number(v, 2)),
            payback: payback(x, horizon, l),
            funded: x.funded,
        })
        .collect();
    let whole = summary.attributed_value + summary.unattributed_value;
    let attribution = l.t_with(
        "initiatives-attribution",
        vec![
            ("count", m.initiatives.len().into()),
            ("attributed", l.money_short(summary.attributed_value).into()),
            ("whole", l.money_short(whole).into()),
            ("unattributed", l.money_short(summary.unattributed_value).into()),
            (
                "share",
                l.percent(if whole > 0.0 { summary.unattributed_value / whole } else { 0.0 }, 0).into(),
            ),
        ],
    );
    Some(InitiativesView {
        rows,
        chart: charts::value_against_cost(&m.initiatives, l),
        attribution,
        reallocation: reallocation(summary, project, l),
        not_funded: not_funded(&m.initiatives, project, l),
    })
}

/// "year 2", "not within 5 years", or a dash for an initiative that costs nothing.
fn payback(x: &InitiativeValue, horizon: u32, l: &Localizer) -> String {
    match x.payback_months {
        _ if x.cost_pv <= 0.0 => "–".to_owned(),
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 12 × a year ≤ 30
        Some(months) => {
            l.t_with("initiative-payback", vec![("year", ((months / 12.0) as u32).to_string().into())])
        }
        None => l.t_with("initiative-payback-never", vec![("years", horizon.to_string().into())]),
    }
}

fn reallocation(
    summary: &crate::analysis::InitiativeSummary,
    project: &Project,
    l: &Localizer,
) -> Option<String> {
    let r = &summary.reallocation;
    if r.freed <= 0.0 && r.needed <= 0.0 {
        return None;
    }
    let args = vec![
        ("hours", l.number(r.freed_hours, 0).into()),
        ("budget", l.money_short(r.freed_budget).into()),
        ("freed", l.money_short(r.freed).into()),
        ("rate", l.money(project.settings.hourly_rate.get()).into()),
        ("needed", l.money_short(r.needed).into()),
    ];
    Some(match r.funded_share {
        Some(share) if r.freed > 0.0 => {
            let mut args = args;
            args.push(("share", l.percent(share, 0).into()));
            l.t_with("initiatives-reallocation", args)
        }
        _ if r.freed > 0.0 => l.t_with("initiatives-reallocation-nothing-needed", args),
        _ => l.t_with("initiatives-reallocation-nothing-freed", args),
    })
}

/// The initiatives that cost money (once or a year) and that no investment line funds:
/// their value is part of the programme's value uplift, but their cost is not in its NPV.
fn not_funded(ranked: &[InitiativeValue], project: &Project, l: &Localizer) -> Option<String> {
    let one_off = |id: &str| {
        let initiatives = project.journey.iter().flat_map(|j| &j.initiatives);
        initiatives.into_iter().find(|i| i.id == id).map_or(0.0, |i| i.one_off.get())
    };
    let names: Vec<&str> = ranked
        .iter()
        .filter(|x| !x.funded && (x.annual_cost > 0.0 || one_off(&x.id) > 0.0))
        .map(|x| x.name.as_str())
        .collect();
    (!names.is_empty()).then(|| {
        l.t_with(
            "initiatives-not-funded",
            vec![("count", names.len().into()), ("names", names.join("; ").into())],
        )
    })
}
