//! From journey gaps to money: what each initiative is worth, what it costs, and what
//! reducing touchpoints frees for the others (docs/metrics.md, "Initiatives").
//!
//! An initiative delivers shares of segments' levers. A lever's value in a segment is its
//! Shapley value in the segment's likely value uplift ([`super::shapley`]), so the values of
//! initiatives that deliver different levers add up without counting an interaction twice,
//! and whatever no initiative claims is shown as not attributed.

use serde::Serialize;

use super::order::{by_score_then_id, ratio};
use super::programme::{InvestmentSummary, first_year_paid_back};
use super::shapley::{LeverValue, lever_values_by_year};
use super::value::discount;
use crate::model::{Driver, Initiative, InitiativeAction, Project};

/// One initiative's value, cost and return.
#[derive(Clone, Debug, Serialize)]
pub struct InitiativeValue {
    pub id: String,
    pub name: String,
    pub action: InitiativeAction,
    pub touchpoints: Vec<String>,
    /// `Σ share × lever_value` over what it delivers, in the project currency.
    pub value: f64,
    /// Its running cost a year: `annual + hours_per_year × hourly_rate` (negative: freed).
    pub annual_cost: f64,
    /// `one_off + annual_cost × annuity_factor`.
    pub cost_pv: f64,
    /// `value − cost_pv`.
    pub net_value: f64,
    /// `value / cost_pv`; `null` when it costs nothing or frees money.
    pub value_per_krone: Option<f64>,
    /// 12 × the first year whose cumulative discounted value less cost is at least zero;
    /// `null` when it costs nothing or does not pay back within the horizon.
    pub payback_months: Option<f64>,
    /// Whether an investment line in project.yaml funds it, so its cost is in the NPV.
    pub funded: bool,
    pub delivers: Vec<DeliveredValue>,
}

/// What one delivery is worth: `share × lever_value`.
#[derive(Clone, Debug, Serialize)]
pub struct DeliveredValue {
    pub segment: String,
    pub lever: Driver,
    pub share: f64,
    /// The lever's Shapley value in the segment's likely value uplift.
    pub lever_value: f64,
    pub value: f64,
}

/// The part of a lever's value no initiative claims: `(1 − Σ shares) × lever_value`.
#[derive(Clone, Debug, Serialize)]
pub struct Unattributed {
    pub segment: String,
    pub lever: Driver,
    /// `1 − Σ shares`.
    pub share: f64,
    pub value: f64,
}

/// What reducing and stopping touchpoints frees a year, against what adding and improving
/// others costs to run: the seed's "fewer touchpoints, better chosen" in one line.
#[derive(Clone, Debug, Serialize)]
pub struct Reallocation {
    /// Hours a year the reducing and stopping initiatives free.
    pub freed_hours: f64,
    /// Money a year they free besides the hours.
    pub freed_budget: f64,
    /// `freed_budget + freed_hours × hourly_rate`.
    pub freed: f64,
    /// What the adding and improving initiatives cost to run a year, hours priced.
    pub needed: f64,
    /// `freed / needed`; `null` when nothing is needed.
    pub funded_share: Option<f64>,
}

/// An initiative's value counted at each touchpoint it names, split equally between them,
/// so the column of the gap list adds up to the initiatives' value.
#[derive(Clone, Debug, Serialize)]
pub struct TouchpointValue {
    pub touchpoint: String,
    pub value: f64,
}

/// The initiatives' figures beside the ranking.
#[derive(Clone, Debug, Serialize)]
pub struct InitiativeSummary {
    /// `Σ value` over the initiatives.
    pub attributed_value: f64,
    /// `Σ value` over [`Unattributed`]: the likely value uplift no initiative claims.
    pub unattributed_value: f64,
    /// Each lever with value left unclaimed, in segment and lever order.
    pub unattributed: Vec<Unattributed>,
    pub reallocation: Reallocation,
    /// In the journey's touchpoint order; touchpoints no initiative names are left out.
    pub by_touchpoint: Vec<TouchpointValue>,
}

/// Every initiative, ranked by net value (then id), and the summary; `None` without
/// initiatives. `levers` are the Shapley values of every segment's levers.
/// `investment` is the programme's, for its annuity factor: an initiative's cost is a present
/// value by the same convention as the investment's.
pub fn analyse(
    project: &Project,
    levers: &[LeverValue],
    investment: &InvestmentSummary,
) -> Option<(Vec<InitiativeValue>, InitiativeSummary)> {
    let journey = project.journey.as_ref().filter(|j| !j.initiatives.is_empty())?;
    let s = &project.settings;
    let rate = s.hourly_rate.get();
    let by_lever: std::collections::HashMap<(&str, Driver), f64> =
        levers.iter().map(|v| ((v.segment.as_str(), v.lever), v.value)).collect();
    let lever_value = |segment: &str, lever: Driver| by_lever.get(&(segment, lever)).copied().unwrap_or(0.0);
    // Each segment's levers' values year by year, for the paybacks.
    let by_year: std::collections::HashMap<&str, Vec<crate::model::PerDriver<f64>>> =
        project.segments.iter().map(|seg| (seg.id.as_str(), lever_values_by_year(seg, s))).collect();
    let yearly = |segment: &str| by_year.get(segment).map(Vec::as_slice);
    let mut ranked: Vec<InitiativeValue> = journey
        .initiatives
        .iter()
        .map(|i| {
            let delivers: Vec<DeliveredValue> = i
                .delivers
                .iter()
                .map(|d| {
                    let lever_value = lever_value(&d.segment, d.lever);
                    let share = d.share.get();
                    DeliveredValue {
                        segment: d.segment.id().to_owned(),
                        lever: d.lever,
                        share,
                        lever_value,
                        value: share * lever_value,
                    }
                })
                .collect();
            let value = delivers.iter().map(|d| d.value).sum::<f64>() + 0.0;
            let annual_cost = i.annual + i.hours_per_year * rate + 0.0;
            let cost_pv = investment.present_value(i.one_off.get(), annual_cost);
            let payback = (cost_pv > 0.0)
                .then(|| payback_year(i, annual_cost, s.horizon_years, s.discount_rate.get(), &yearly))
                .flatten();
            InitiativeValue {
                id: i.id.clone(),
                name: i.name.clone(),
                action: i.action,
                touchpoints: i.touchpoints.iter().map(|t| t.id().to_owned()).collect(),
                value,
                annual_cost,
                cost_pv,
                net_value: value - cost_pv,
                value_per_krone: if cost_pv > 0.0 { ratio(value, cost_pv) } else { None },
                payback_months: payback.map(|year| 12.0 * f64::from(year)),
                funded: project.investments.iter().any(|line| line.initiative.as_deref() == Some(&i.id)),
                delivers,
            }
        })
        .collect();
    ranked.sort_by(|a, b| by_score_then_id(a.net_value, &a.id, b.net_value, &b.id));
    let unattributed = unattributed(&journey.initiatives, levers);
    let summary = InitiativeSummary {
        attributed_value: ranked.iter().map(|i| i.value).sum::<f64>() + 0.0,
        unattributed_value: unattributed.iter().map(|u| u.value).sum::<f64>() + 0.0,
        unattributed,
        reallocation: reallocation(&journey.initiatives, rate),
        by_touchpoint: by_touchpoint(journey, &ranked),
    };
    Some((ranked, summary))
}

/// The first year whose cumulative discounted value less cost is at least zero: value in
/// year `t` is `Σ share × (the lever's Shapley value in year t's value uplift)`, the one-off
/// cost falls in year 0 and the running cost at the end of every year, as in the programme's
/// cash flows.
fn payback_year<'a>(
    i: &Initiative,
    annual_cost: f64,
    horizon: u32,
    d: f64,
    yearly: &impl Fn(&str) -> Option<&'a [crate::model::PerDriver<f64>]>,
) -> Option<u32> {
    let mut cumulative = -i.one_off.get();
    let later = (1..=horizon).map(|year| {
        let value: f64 = i
            .delivers
            .iter()
            .filter_map(|del| {
                let values = yearly(&del.segment)?.get(year as usize - 1)?;
                Some(del.share.get() * values.get(del.lever))
            })
            .sum();
        cumulative += (value - annual_cost) * discount(year, d);
        cumulative
    });
    first_year_paid_back(std::iter::once(-i.one_off.get()).chain(later))
}

/// Each lever with a value that the initiatives' shares do not fully claim.
fn unattributed(initiatives: &[Initiative], levers: &[LeverValue]) -> Vec<Unattributed> {
    let mut claimed: std::collections::HashMap<(&str, Driver), f64> = std::collections::HashMap::new();
    for d in initiatives.iter().flat_map(|i| &i.delivers) {
        *claimed.entry((d.segment.id(), d.lever)).or_insert(0.0) += d.share.get();
    }
    levers
        .iter()
        .filter(|v| v.value != 0.0)
        .filter_map(|v| {
            let claimed = claimed.get(&(v.segment.as_str(), v.lever)).copied().unwrap_or(0.0);
            let share = (1.0 - claimed).max(0.0);
            (share > 1e-9).then(|| Unattributed {
                segment: v.segment.clone(),
                lever: v.lever,
                share,
                value: share * v.value,
            })
        })
        .collect()
}

fn reallocation(initiatives: &[Initiative], hourly_rate: f64) -> Reallocation {
    let (freeing, taking): (Vec<&Initiative>, Vec<&Initiative>) =
        initiatives.iter().partition(|i| i.action.frees());
    let freed_hours = -freeing.iter().map(|i| i.hours_per_year).sum::<f64>() + 0.0;
    let freed_budget = -freeing.iter().map(|i| i.annual).sum::<f64>() + 0.0;
    let freed = freed_budget + freed_hours * hourly_rate;
    let needed = taking.iter().map(|i| i.annual + i.hours_per_year * hourly_rate).sum::<f64>() + 0.0;
    Reallocation {
        freed_hours,
        freed_budget,
        freed,
        needed,
        funded_share: if needed > 0.0 { ratio(freed, needed) } else { None },
    }
}

fn by_touchpoint(journey: &crate::model::Journey, ranked: &[InitiativeValue]) -> Vec<TouchpointValue> {
    // In the ranking's order, so that each touchpoint's sum is the same bits every run.
    let mut carried: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    for i in ranked {
        #[allow(clippy::cast_precision_loss)]
        let each = i.value / i.touchpoints.len() as f64;
        for t in &i.touchpoints {
            *carried.entry(t.as_str()).or_insert(0.0) += each;
        }
    }
    journey
        .touchpoints
        .iter()
        .filter_map(|t| {
            carried.get(t.id.as_str()).map(|v| TouchpointValue { touchpoint: t.id.clone(), value: v + 0.0 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{drivers, initiative, journey, project, reference, segment, touchpoint};
    use crate::model::{Delivery, Estimate, Money, PerDriver, Rate};

    /// docs/metrics.md, worked example 4.18. One segment of 100 customers, M = 50 a year,
    /// r = 0.5, 2 years at d = 0, hourly rate 10; retention +0.1 (certain), the only lever.
    /// Value uplift 100·(50·(0.6 + 0.36) − 50·(0.5 + 0.25)) = 1,050, all of it retention's:
    /// 500 in year 1 (100·50·(0.6 − 0.5)) and 550 in year 2 (100·50·(0.36 − 0.25)).
    /// `improve` delivers 60 % of it: value 630. Its cost: 400 once and 50 + 2 h·10 = 70 a
    /// year, PV 400 + 2·70 = 540; net 90; 630/540 = 1.1667 per krone. Cumulative: −400,
    /// −400 + 300 − 70 = −170, −170 + 330 − 70 = +90: paid back at the end of year 2.
    /// `stop` frees a touchpoint of 30 h and 100 a year: −100 − 30·10 = −400 a year, PV −800,
    /// net +800, nothing to pay back. 40 % of retention (420) is not attributed.
    #[test]
    fn initiative_figures_worked_by_hand() {
        let lever = PerDriver { retention_rate: Estimate::certain(0.1), ..PerDriver::default() };
        let mut p =
            project(vec![segment("a", 100.0, drivers(1.0, 100.0, 0.5, 0.5), lever, true)], vec![], 2, 0.0);
        p.settings.hourly_rate = Money::new(10.0).unwrap();
        let mut improve = initiative("improve", InitiativeAction::Improve, &["t1", "t2"], (400.0, 50.0, 2.0));
        improve.delivers = vec![Delivery {
            segment: reference(0, "a"),
            lever: Driver::RetentionRate,
            share: Rate::new(0.6).unwrap(),
        }];
        let stop = initiative("stop", InitiativeAction::Stop, &["t3"], (0.0, -100.0, -30.0));
        let touchpoints = vec![
            touchpoint("t1", 3.0, 0.0, 0.0),
            touchpoint("t2", 3.0, 0.0, 0.0),
            touchpoint("t3", 3.0, 30.0, 100.0),
        ];
        p.journey = Some(journey(touchpoints, vec![improve, stop]));
        let levers = super::super::shapley::all(&p.segments, &p.settings);
        let investment = crate::analysis::programme::investment_summary(&p);
        let (ranked, summary) = analyse(&p, &levers, &investment).unwrap();
        let ids: Vec<&str> = ranked.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["stop", "improve"], "highest net value first");
        let [stop, improve] = &ranked[..] else { panic!("two initiatives") };
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(improve.value, 630.0), "{}", improve.value);
        assert!(close(improve.annual_cost, 70.0) && close(improve.cost_pv, 540.0));
        assert!(close(improve.net_value, 90.0));
        assert!(close(improve.value_per_krone.unwrap(), 630.0 / 540.0));
        assert_eq!(improve.payback_months, Some(24.0));
        assert!(close(improve.delivers[0].lever_value, 1050.0));
        assert!(close(stop.cost_pv, -800.0) && close(stop.net_value, 800.0));
        assert_eq!((stop.value_per_krone, stop.payback_months), (None, None));
        assert!(close(summary.attributed_value, 630.0) && close(summary.unattributed_value, 420.0));
        assert_eq!(summary.unattributed.len(), 1, "levers at zero are not listed");
        let r = &summary.reallocation;
        assert!(close(r.freed_hours, 30.0) && close(r.freed_budget, 100.0) && close(r.freed, 400.0));
        assert!(close(r.needed, 70.0) && close(r.funded_share.unwrap(), 400.0 / 70.0));
        let by_touchpoint: Vec<(&str, f64)> =
            summary.by_touchpoint.iter().map(|t| (t.touchpoint.as_str(), t.value)).collect();
        assert_eq!(by_touchpoint, [("t1", 315.0), ("t2", 315.0), ("t3", 0.0)]);
    }

    /// A project whose journey has no initiatives has no initiative figures at all.
    #[test]
    fn no_initiatives_no_figures() {
        let p = project(vec![], vec![], 2, 0.0);
        let investment = crate::analysis::programme::investment_summary(&p);
        assert!(analyse(&p, &[], &investment).is_none());
    }
}
