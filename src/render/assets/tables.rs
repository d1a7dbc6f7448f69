//! The report's tables as numbers: one [`Table`] per table a consultant puts on a slide.

use crate::analysis::{DataMetrics, JobMetrics, Metrics, TouchpointAnalysis, WinLossMetrics};
use crate::model::Project;
use crate::render::labels::{action_name, initiative_action_name, job_label, problem_name, quadrant_name};
use crate::render::locale::Localizer;

/// A table: what it is called, its columns and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file name without its extension, in English whatever the language: `value-uplift`.
    pub file: &'static str,
    /// The sheet's name in the workbook, in the report's language.
    pub title: String,
    pub columns: Vec<Column>,
    /// One cell per column.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
}

/// How a column's numbers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Money in the project currency, whole units.
    Money,
    /// A share, kept as a fraction (`0.106`): per cent in the CSV (`10.6`), a per-cent format
    /// in the workbook.
    Percent,
    /// A number with this many decimals.
    Decimal(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// No value (a rate of nothing, a payback that never comes).
    Empty,
}

/// The columns of a table: each header's catalogue key and how its numbers are written.
fn columns(l: &Localizer, spec: &[(&str, Kind)]) -> Vec<Column> {
    spec.iter().map(|(key, kind)| Column { header: l.t(key), kind: *kind }).collect()
}

fn number(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Number)
}

/// Every table the project has, in the report's order.
pub fn all(project: &Project, m: &Metrics, l: &Localizer) -> Vec<Table> {
    let name = |id: &str| crate::render::labels::segment_name(project, id);
    let mut tables = vec![
        investment(project, m, l, &name),
        problem_areas(m, l, &name),
        value_uplift(m, l),
        cash_flows(m, l),
    ];
    if !m.problem_areas.from_data.is_empty() {
        tables.insert(2, problem_areas_from_data(m, l, &name));
    }
    if !m.options.is_empty() {
        tables.push(options(m, l));
    }
    if let Some(t) = &m.touchpoints {
        tables.push(touchpoint_gaps(project, t, l));
        if !t.by_market.is_empty() {
            tables.push(market_gaps(project, t, l));
        }
    }
    if !m.initiatives.is_empty() {
        tables.push(initiatives(m, l));
    }
    if let Some(data) = &m.data
        && data.segments.iter().any(|s| s.loyalty_path.is_some())
    {
        tables.push(loyalty_path(data, l));
    }
    if let Some(w) = &m.winloss {
        tables.push(win_loss(w, l, &name));
        if w.iter().any(|s| !s.periods.is_empty()) {
            tables.push(win_loss_by_period(w, l, &name));
        }
    }
    if let Some(jobs) = &m.jobs {
        tables.push(jobs_to_be_done(jobs, l, &name));
    }
    tables
}

fn investment(project: &Project, m: &Metrics, l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    let inv = &m.programme.investment;
    Table {
        file: "investment",
        title: l.t("bc-investment"),
        columns: columns(
            l,
            &[
                ("th-item", Kind::Text),
                ("th-serves", Kind::Text),
                ("th-one-off", Kind::Money),
                ("th-annual", Kind::Money),
                ("th-present-value", Kind::Money),
            ],
        ),
        rows: project
            .investments
            .iter()
            .map(|i| {
                let (one_off, annual) = (i.one_off.get(), i.annual.get());
                vec![
                    Cell::Text(i.item.clone()),
                    Cell::Text(i.segment.as_deref().map_or_else(|| l.t("investment-programme-wide"), name)),
                    Cell::Number(one_off),
                    Cell::Number(annual),
                    Cell::Number(inv.present_value(one_off, annual)),
                ]
            })
            .collect(),
    }
}

fn problem_areas(m: &Metrics, l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    Table {
        file: "problem-areas",
        title: l.t("sheet-problem-areas"),
        columns: columns(
            l,
            &[
                ("th-segment", Kind::Text),
                ("th-problem", Kind::Text),
                ("th-today", Kind::Decimal(3)),
                ("th-benchmark", Kind::Decimal(3)),
                ("th-value-at-stake", Kind::Money),
            ],
        ),
        // As in the report: a figure at or above its benchmark is no problem area.
        rows: m
            .problem_areas
            .ranked
            .iter()
            .filter(|p| p.value_at_stake > 0.0)
            .map(|p| {
                vec![
                    Cell::Text(name(&p.segment)),
                    Cell::Text(problem_name(l, p.driver)),
                    Cell::Number(p.current),
                    Cell::Number(p.benchmark),
                    Cell::Number(p.value_at_stake),
                ]
            })
            .collect(),
    }
}

/// The problem areas the data scores (low product integration), apart from the ranked ones
/// as in the report: their value is first-window margin, not a CLV difference.
fn problem_areas_from_data(m: &Metrics, l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    Table {
        file: "problem-areas-from-data",
        title: l.t("sheet-problem-areas-from-data"),
        columns: columns(
            l,
            &[
                ("th-segment", Kind::Text),
                ("th-problem", Kind::Text),
                ("th-loyal-to-integrated", Kind::Percent),
                ("th-benchmark", Kind::Percent),
                ("th-best-segment", Kind::Text),
                ("th-additional", Kind::Decimal(1)),
                ("th-value-at-stake", Kind::Money),
            ],
        ),
        rows: m
            .problem_areas
            .from_data
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(name(&p.segment)),
                    Cell::Text(l.t("problem-product_integration")),
                    Cell::Number(p.current),
                    Cell::Number(p.benchmark),
                    Cell::Text(name(&p.benchmark_segment)),
                    Cell::Number(p.additional_customers),
                    number(p.value_at_stake),
                ]
            })
            .collect(),
    }
}

fn value_uplift(m: &Metrics, l: &Localizer) -> Table {
    Table {
        file: "value-uplift",
        title: l.t("section-uplift"),
        columns: columns(
            l,
            &[
                ("th-segment", Kind::Text),
                ("th-clv-today", Kind::Money),
                ("th-low", Kind::Money),
                ("th-likely", Kind::Money),
                ("th-high", Kind::Money),
                ("th-uplift-low", Kind::Percent),
                ("th-uplift-likely", Kind::Percent),
                ("th-uplift-high", Kind::Percent),
                ("th-value-uplift-likely", Kind::Money),
            ],
        ),
        rows: m
            .segments
            .iter()
            .map(|s| {
                let sc = &s.scenarios;
                vec![
                    Cell::Text(s.name.clone()),
                    Cell::Number(s.baseline.clv),
                    Cell::Number(sc.low.value.clv),
                    Cell::Number(sc.likely.value.clv),
                    Cell::Number(sc.high.value.clv),
                    number(sc.low.uplift),
                    number(sc.likely.uplift),
                    number(sc.high.uplift),
                    Cell::Number(sc.likely.value_uplift),
                ]
            })
            .collect(),
    }
}

fn cash_flows(m: &Metrics, l: &Localizer) -> Table {
    Table {
        file: "cash-flows",
        title: l.t("sheet-cash-flows"),
        columns: columns(
            l,
            &[
                ("th-year", Kind::Decimal(0)),
                ("th-cf-investment", Kind::Money),
                ("th-cf-value", Kind::Money),
                ("th-cf-net", Kind::Money),
                ("th-cf-discounted", Kind::Money),
                ("th-cf-cumulative", Kind::Money),
            ],
        ),
        rows: m
            .programme
            .cash_flows
            .iter()
            .map(|f| {
                vec![
                    Cell::Number(f64::from(f.period)),
                    Cell::Number(f.investment),
                    Cell::Number(f.value_uplift),
                    Cell::Number(f.net),
                    Cell::Number(f.discounted_net),
                    Cell::Number(f.cumulative_discounted_net),
                ]
            })
            .collect(),
    }
}

fn options(m: &Metrics, l: &Localizer) -> Table {
    Table {
        file: "programme-options",
        title: l.t("options-title"),
        columns: columns(
            l,
            &[
                ("th-option", Kind::Text),
                ("th-investment-pv", Kind::Money),
                ("th-npv-likely", Kind::Money),
                ("th-expected-npv", Kind::Money),
                ("th-npv-p10", Kind::Money),
                ("th-npv-p90", Kind::Money),
                ("th-chance", Kind::Percent),
                ("th-roi", Kind::Percent),
                ("th-payback-months", Kind::Decimal(0)),
            ],
        ),
        rows: m
            .options
            .iter()
            .map(|o| {
                let name = if o.file.is_none() { l.t("options-base") } else { o.name.clone() };
                vec![
                    Cell::Text(name),
                    Cell::Number(o.investment_pv),
                    Cell::Number(o.npv),
                    Cell::Number(o.npv_mean),
                    Cell::Number(o.npv_p10),
                    Cell::Number(o.npv_p90),
                    Cell::Number(o.probability_reaching_target),
                    number(o.roi),
                    number(o.payback_months),
                ]
            })
            .collect(),
    }
}

fn touchpoint_gaps(project: &Project, t: &TouchpointAnalysis, l: &Localizer) -> Table {
    let phase = |id: &str| {
        project
            .journey
            .as_ref()
            .and_then(|j| j.phases.iter().find(|p| p.id == id))
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    Table {
        file: "touchpoint-gaps",
        title: l.t("sheet-touchpoint-gaps"),
        columns: columns(
            l,
            &[
                ("th-touchpoint", Kind::Text),
                ("th-phase", Kind::Text),
                ("th-importance", Kind::Decimal(1)),
                ("th-performance", Kind::Decimal(1)),
                ("th-priority", Kind::Decimal(1)),
                ("th-cost", Kind::Money),
                ("th-resource-share", Kind::Percent),
                ("th-importance-share", Kind::Percent),
                ("th-quadrant", Kind::Text),
                ("th-action", Kind::Text),
            ],
        ),
        rows: t
            .ranked
            .iter()
            .map(|g| {
                vec![
                    Cell::Text(g.name.clone()),
                    Cell::Text(phase(&g.phase)),
                    Cell::Number(g.importance),
                    Cell::Number(g.performance),
                    Cell::Number(g.priority),
                    Cell::Number(g.cost),
                    Cell::Number(g.resource_share),
                    Cell::Number(g.importance_share),
                    Cell::Text(quadrant_name(l, g.quadrant)),
                    Cell::Text(action_name(l, g.action)),
                ]
            })
            .collect(),
    }
}

/// One row per segment and stage: the funnel's numbers.
fn loyalty_path(data: &DataMetrics, l: &Localizer) -> Table {
    Table {
        file: "loyalty-path",
        title: l.t("loyalty-title"),
        columns: columns(l, &[
            ("th-segment", Kind::Text),
            ("th-stage", Kind::Text),
            ("th-purchase-day", Kind::Decimal(0)),
            ("th-categories", Kind::Decimal(0)),
            ("th-customers", Kind::Decimal(0)),
            ("th-conversion", Kind::Percent),
            ("th-median-days", Kind::Decimal(1)),
        ]),
        #[allow(clippy::cast_precision_loss)] // counts far below 2^53
        rows: data
            .segments
            .iter()
            .filter_map(|s| Some((s, s.loyalty_path.as_ref()?)))
            .flat_map(|(s, p)| {
                p.stages.iter().map(move |stage| {
                    vec![
                        Cell::Text(s.name.clone()),
                        Cell::Text(l.t(&format!("stage-{}", stage.name))),
                        Cell::Number(f64::from(stage.purchases)),
                        // Integrated also needs its categories.
                        number(
                            p.integrated
                                .as_ref()
                                .filter(|_| stage.name == "integrated")
                                .map(|i| f64::from(i.categories)),
                        ),
                        Cell::Number(stage.customers as f64),
                        number(stage.conversion),
                        number(stage.median_days),
                    ]
                })
            })
            .collect(),
    }
}

fn win_loss(w: &[WinLossMetrics], l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    Table {
        file: "win-loss",
        title: l.t("section-winloss"),
        columns: columns(l, &[
            ("th-segment", Kind::Text),
            ("th-won", Kind::Decimal(0)),
            ("th-lost", Kind::Decimal(0)),
            ("th-win-rate", Kind::Percent),
            ("th-upsell-ratio", Kind::Percent),
        ]),
        #[allow(clippy::cast_precision_loss)] // counts far below 2^53
        rows: w
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(name(&s.segment)),
                    Cell::Number(s.won as f64),
                    Cell::Number(s.lost as f64),
                    number(s.win_rate),
                    number(s.upsell_ratio),
                ]
            })
            .collect(),
    }
}

fn win_loss_by_period(w: &[WinLossMetrics], l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    Table {
        file: "win-loss-by-period",
        title: l.t("winloss-trend-title"),
        columns: columns(l, &[
            ("th-segment", Kind::Text),
            ("th-period", Kind::Text),
            ("th-won", Kind::Decimal(0)),
            ("th-lost", Kind::Decimal(0)),
            ("th-win-rate", Kind::Percent),
            ("th-win-loss-ratio", Kind::Decimal(2)),
            ("th-upsell-ratio", Kind::Percent),
        ]),
        #[allow(clippy::cast_precision_loss)] // counts far below 2^53
        rows: w
            .iter()
            .flat_map(|s| {
                s.periods.iter().map(|p| {
                    vec![
                        Cell::Text(name(&s.segment)),
                        Cell::Text(p.period.clone()),
                        Cell::Number(p.won as f64),
                        Cell::Number(p.lost as f64),
                        number(p.win_rate),
                        number(p.win_loss_ratio),
                        number(p.upsell_ratio),
                    ]
                })
            })
            .collect(),
    }
}

fn jobs_to_be_done(jobs: &[JobMetrics], l: &Localizer, name: &dyn Fn(&str) -> String) -> Table {
    Table {
        file: "jobs-to-be-done",
        title: l.t("section-jobs"),
        columns: columns(
            l,
            &[
                ("th-job", Kind::Text),
                ("th-segment", Kind::Text),
                ("th-importance", Kind::Decimal(1)),
                ("th-satisfaction", Kind::Decimal(1)),
                ("th-opportunity", Kind::Decimal(1)),
                ("th-assessment", Kind::Text),
            ],
        ),
        rows: jobs
            .iter()
            .map(|j| {
                vec![
                    Cell::Text(j.statement.clone()),
                    j.segment.as_deref().map_or(Cell::Empty, |s| Cell::Text(name(s))),
                    Cell::Number(j.importance),
                    Cell::Number(j.satisfaction),
                    Cell::Number(j.opportunity),
                    Cell::Text(job_label(l, j.label)),
                ]
            })
            .collect(),
    }
}

/// The gap analysis of each market, market by market in journey.yaml's order.
fn market_gaps(project: &Project, t: &TouchpointAnalysis, l: &Localizer) -> Table {
    let markets = project.journey.as_ref().map(|j| j.markets.as_slice()).unwrap_or_default();
    Table {
        file: "touchpoint-gaps-by-market",
        title: l.t("sheet-market-gaps"),
        columns: columns(
            l,
            &[
                ("th-market", Kind::Text),
                ("th-touchpoint", Kind::Text),
                ("th-importance", Kind::Decimal(1)),
                ("th-performance", Kind::Decimal(1)),
                ("th-priority", Kind::Decimal(1)),
                ("th-cost", Kind::Money),
                ("th-quadrant", Kind::Text),
                ("th-action", Kind::Text),
            ],
        ),
        rows: markets
            .iter()
            .filter_map(|market| Some((market, t.by_market.get(market)?)))
            .flat_map(|(market, a)| {
                a.ranked.iter().map(move |g| {
                    vec![
                        Cell::Text(market.clone()),
                        Cell::Text(g.name.clone()),
                        Cell::Number(g.importance),
                        Cell::Number(g.performance),
                        Cell::Number(g.priority),
                        Cell::Number(g.cost),
                        Cell::Text(quadrant_name(l, g.quadrant)),
                        Cell::Text(action_name(l, g.action)),
                    ]
                })
            })
            .collect(),
    }
}

/// The initiatives, highest net value first, as in the report.
fn initiatives(m: &Metrics, l: &Localizer) -> Table {
    Table {
        file: "initiatives",
        title: l.t("sheet-initiatives"),
        columns: columns(
            l,
            &[
                ("th-initiative", Kind::Text),
                ("th-action", Kind::Text),
                ("th-initiative-value", Kind::Money),
                ("th-initiative-cost", Kind::Money),
                ("th-net-value", Kind::Money),
                ("th-per-krone", Kind::Decimal(2)),
                ("th-payback-months", Kind::Decimal(0)),
                ("th-funded", Kind::Text),
            ],
        ),
        rows: m
            .initiatives
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.name.clone()),
                    Cell::Text(initiative_action_name(l, x.action)),
                    Cell::Number(x.value),
                    Cell::Number(x.cost_pv),
                    Cell::Number(x.net_value),
                    number(x.value_per_krone),
                    number(x.payback_months),
                    Cell::Text(if x.funded { l.t("initiative-funded") } else { String::new() }),
                ]
            })
            .collect(),
    }
}
