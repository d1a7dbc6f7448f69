//! Programme options side by side: the base case and every option of `options/*.yaml`,
//! each valued by the same formulas, simulation and seed, so that the differences in the
//! decision table come from the options alone.

use serde::Serialize;

use super::programme::{Programme, investment_and_segments, programme};
use super::simulation::{Simulation, simulate_at};
use crate::model::{BASE_CASE_ID, Project, Scenario};

/// One row of the decision table.
#[derive(Clone, Debug, Serialize)]
pub struct OptionFigures {
    /// [`BASE_CASE_ID`] for the base case, else the option file's name without `.yaml`.
    pub id: String,
    /// The option's `name`; `Base case` for the base case.
    pub name: String,
    /// `options/<id>.yaml`; `null` for the base case.
    pub file: Option<String>,
    pub focus_segments: Vec<String>,
    /// Likely scenario, as the headline: `Σ N·(CLV′ − CLV) − PV(investment)`.
    pub npv: f64,
    /// The mean NPV of the simulation's draws.
    pub npv_mean: f64,
    pub npv_p10: f64,
    pub npv_p90: f64,
    /// Share of the draws whose uplift reaches `target_uplift.min`.
    pub probability_reaching_target: f64,
    /// Likely uplift of the option's focus segments.
    pub uplift: f64,
    /// `NPV / PV(investment)`; `null` when nothing is invested.
    pub roi: Option<f64>,
    pub payback_months: Option<f64>,
    pub investment_pv: f64,
}

/// The base case (from its already computed `programme` and `simulation`) and every option
/// of `project`; empty when the project has no options.
pub fn compare(
    project: &Project,
    base: &Programme,
    base_simulation: &Simulation,
    memo: &dyn crate::memo::Memo,
) -> Vec<OptionFigures> {
    if project.options.is_empty() {
        return Vec::new();
    }
    let mut rows = vec![row(BASE_CASE_ID, "Base case", None, base, base_simulation)];
    for option in &project.options {
        let variant = project.with_option(option);
        let (programme, simulation) = value(&variant, memo);
        rows.push(row(&option.id, &option.name, Some(&option.file), &programme, &simulation));
    }
    rows
}

/// The programme's figures and simulation for a project, as `analyse` computes them.
fn value(project: &Project, memo: &dyn crate::memo::Memo) -> (Programme, Simulation) {
    let (investment, segments) = investment_and_segments(project);
    let pv = investment.pv;
    // The decision table shows the project's own lever correlation only.
    let simulation = simulate_at(project, &segments, pv, &[project.settings.lever_correlation.get()], memo);
    (programme(project, &segments, investment), simulation)
}

fn row(id: &str, name: &str, file: Option<&str>, p: &Programme, sim: &Simulation) -> OptionFigures {
    let likely = p.scenarios.get(Scenario::Likely);
    OptionFigures {
        id: id.to_owned(),
        name: name.to_owned(),
        file: file.map(str::to_owned),
        focus_segments: p.focus_segments.clone(),
        npv: likely.npv,
        npv_mean: sim.npv.mean,
        npv_p10: sim.npv.p10,
        npv_p90: sim.npv.p90,
        probability_reaching_target: sim.probability_reaching_target,
        uplift: likely.uplift,
        roi: likely.roi,
        payback_months: likely.payback_months,
        investment_pv: p.investment.pv,
    }
}

/// The option with the highest expected (mean simulated) NPV; the first listed on a tie.
pub fn highest_expected_npv(rows: &[OptionFigures]) -> Option<&OptionFigures> {
    first_max_by(rows, |r| r.npv_mean)
}

/// The option with the best downside: the highest P10 of the NPV; the first listed on a tie.
pub fn best_downside(rows: &[OptionFigures]) -> Option<&OptionFigures> {
    first_max_by(rows, |r| r.npv_p10)
}

fn first_max_by(rows: &[OptionFigures], key: impl Fn(&OptionFigures) -> f64) -> Option<&OptionFigures> {
    rows.iter().reduce(|best, r| if key(r) > key(best) { r } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::analysis::value::clv;
    use crate::model::fixture::{drivers, investment, project, segment};
    use crate::model::{Estimate, PerDriver, ProgrammeOption, SegmentChoice};

    fn retention_lever(low: f64, likely: f64, high: f64) -> PerDriver<Estimate> {
        PerDriver { retention_rate: Estimate { low, likely, high }, ..PerDriver::default() }
    }

    fn base() -> Project {
        project(
            vec![
                segment("a", 1000.0, drivers(4.0, 100.0, 0.5, 0.8), retention_lever(0.01, 0.02, 0.04), true),
                segment("b", 500.0, drivers(2.0, 200.0, 0.4, 0.7), retention_lever(0.0, 0.03, 0.05), true),
            ],
            vec![investment(10_000.0, 2_000.0, None)],
            5,
            0.1,
        )
    }

    /// An option of `p` that, as written, changes nothing.
    fn unchanged(p: &Project, id: &str) -> ProgrammeOption {
        ProgrammeOption {
            id: id.into(),
            file: format!("options/{id}.yaml"),
            name: id.into(),
            description: String::new(),
            ramp_up: None,
            investments: None,
            segments: p.segments.iter().map(|s| SegmentChoice { focus: s.focus, levers: s.levers }).collect(),
        }
    }

    fn compared(p: &Project) -> Vec<OptionFigures> {
        analyse(p).options
    }

    #[test]
    fn without_options_there_is_no_comparison() {
        assert!(compared(&base()).is_empty());
    }

    #[test]
    fn an_option_that_changes_nothing_has_the_base_case_figures_bit_for_bit() {
        let mut p = base();
        p.options = vec![unchanged(&p, "same")];
        let rows = compared(&p);
        assert_eq!((rows[0].id.as_str(), rows[1].id.as_str()), ("base", "same"));
        let figures = |r: &OptionFigures| {
            (r.npv, r.npv_mean, r.npv_p10, r.npv_p90, r.probability_reaching_target, r.roi, r.payback_months)
        };
        assert_eq!(figures(&rows[0]), figures(&rows[1]));
        assert_eq!(rows[0].investment_pv.to_bits(), rows[1].investment_pv.to_bits());
    }

    #[test]
    fn more_investment_lowers_every_npv_figure_by_its_present_value_and_nothing_else() {
        let mut p = base();
        let mut dearer = unchanged(&p, "dearer");
        dearer.investments = Some(vec![investment(25_000.0, 2_000.0, None)]);
        p.options = vec![dearer];
        let rows = compared(&p);
        // 15,000 more, once, in year 0: undiscounted.
        for (base, option) in [
            (rows[0].npv, rows[1].npv),
            (rows[0].npv_mean, rows[1].npv_mean),
            (rows[0].npv_p10, rows[1].npv_p10),
            (rows[0].npv_p90, rows[1].npv_p90),
        ] {
            assert!((base - option - 15_000.0).abs() < 1e-6, "{base} − {option}");
        }
        assert!((rows[1].investment_pv - rows[0].investment_pv - 15_000.0).abs() < 1e-9);
        // The same draws on the same levers: the chance of the target does not move.
        assert_eq!(
            rows[0].probability_reaching_target.to_bits(),
            rows[1].probability_reaching_target.to_bits()
        );
    }

    #[test]
    fn a_segment_out_of_focus_leaves_the_uplift_to_the_others() {
        let mut p = base();
        let mut only_a = unchanged(&p, "only-a");
        only_a.segments[1].focus = false;
        p.options = vec![only_a];
        let rows = compared(&p);
        assert_eq!(rows[1].focus_segments, vec!["a".to_owned()]);
        // By hand: segment a's CLV with and without its likely lever, 5 years at 10 %.
        let today = clv(&drivers(4.0, 100.0, 0.5, 0.8), 5, 0.1);
        let with = clv(&drivers(4.0, 100.0, 0.5, 0.82), 5, 0.1);
        assert!((rows[1].uplift - (with / today - 1.0)).abs() < 1e-12);
        // The value of segment b still counts: only the target is measured over fewer segments.
        assert_eq!(rows[0].npv.to_bits(), rows[1].npv.to_bits());
    }

    #[test]
    fn an_option_s_ramp_up_is_the_project_with_that_ramp_up() {
        let mut p = base();
        p.settings.ramp_up = vec![0.5, 1.0];
        let mut at_once = unchanged(&p, "at-once");
        at_once.ramp_up = Some(Vec::new());
        p.options = vec![at_once];
        let rows = compared(&p);
        let mut direct = base();
        direct.settings.ramp_up = Vec::new();
        let expected = analyse(&direct);
        assert_eq!(rows[1].npv.to_bits(), expected.programme.scenarios.likely.npv.to_bits());
        assert_eq!(rows[1].npv_p10.to_bits(), expected.simulation.npv.p10.to_bits());
        assert!(rows[1].npv > rows[0].npv, "full effect from year 1 is worth more than a ramp-up");
    }

    #[test]
    fn the_verdict_takes_the_first_listed_on_a_tie() {
        let mut p = base();
        p.options = vec![unchanged(&p, "same")];
        let rows = compared(&p);
        assert_eq!(highest_expected_npv(&rows).map(|r| r.id.as_str()), Some("base"));
        assert_eq!(best_downside(&rows).map(|r| r.id.as_str()), Some("base"));
        let mut p = base();
        let mut cheaper = unchanged(&p, "cheaper");
        cheaper.investments = Some(vec![investment(5_000.0, 2_000.0, None)]);
        p.options = vec![cheaper];
        let rows = compared(&p);
        assert_eq!(highest_expected_npv(&rows).map(|r| r.id.as_str()), Some("cheaper"));
        assert_eq!(best_downside(&rows).map(|r| r.id.as_str()), Some("cheaper"));
    }
}
