//! "What the data says": coverage, figures from the data beside those in use, cohorts,
//! and the customer-base models.

use serde::Serialize;

use crate::analysis::models::bg_nbd::BgNbd;
use crate::analysis::models::{ChoiceReason, MAX_RELATIVE_STANDARD_ERROR, NoFit};
use crate::analysis::{DataMetrics, Figure, Metrics, SegmentDataMetrics};
use crate::render::charts::{self, Chart};
use crate::render::locale::Localizer;

#[derive(Debug, Serialize)]
pub struct DataView {
    /// One sentence: rows, customers, period and files; `None` without data.
    pub coverage: Option<String>,
    /// Customers left out for having returns only, when there are any.
    pub returns_only: Option<String>,
    /// "12 rows: unreadable date", one per reason.
    pub skipped: Vec<String>,
    pub figures: Vec<FigureRow>,
    pub cohorts: Vec<CohortTable>,
    pub models: Vec<ModelRow>,
    /// Per segment with a model: which purchase model values it, and why.
    pub choices: Vec<String>,
    /// Per segment validated on a holdout: the sentence and both charts.
    pub validation: Vec<ValidationBlock>,
    pub tenure: Vec<TenureRow>,
    /// "Segment — BG/NBD: why", one per model that could not be fitted.
    pub not_fitted: Vec<String>,
    /// Per segment whose model in use gives some customers no P(alive): how many, and what
    /// that leaves out.
    pub without_p_alive: Vec<String>,
    pub charts: DataCharts,
    /// The path from first purchase to a loyal customer, from the transaction log.
    pub loyalty_path: Option<super::loyalty_path::LoyaltyPathView>,
}

#[derive(Debug, Serialize)]
pub struct FigureRow {
    pub segment: String,
    pub field: String,
    pub derived: String,
    pub used: String,
    /// "from the data" or "typed".
    pub source: String,
    pub from_data: bool,
    /// Typed figure against the data, e.g. "+2 %"; empty when the data gives none or is used.
    pub difference: String,
}

#[derive(Debug, Serialize)]
pub struct CohortTable {
    pub segment: String,
    /// Calendar years of the columns.
    pub years: Vec<i32>,
    pub rows: Vec<CohortRow>,
    pub partial_note: bool,
}

#[derive(Debug, Serialize)]
pub struct CohortRow {
    pub year: i32,
    pub customers: String,
    /// Share active per calendar year, empty before the cohort's first year.
    pub cells: Vec<String>,
}

/// One segment's holdout validation: how well the chosen model predicted, and the plots.
#[derive(Debug, Serialize)]
pub struct ValidationBlock {
    pub segment: String,
    /// "predicted 13,368 repeat purchases in the 39-week holdout, actual 12,627: +6 %".
    pub sentence: String,
    pub tracking: Chart,
    pub by_frequency: Chart,
}

#[derive(Debug, Serialize)]
pub struct ModelRow {
    pub segment: String,
    /// The purchase model in use, e.g. "Pareto/NBD".
    pub model: String,
    pub customers: String,
    pub mean_p_alive: String,
    pub expected_purchases: String,
    pub model_clv: String,
    pub simple_clv: String,
    pub difference: String,
}

/// One fitted model's parameters, as the papers name them: audit matter for the appendix.
#[derive(Debug, Serialize)]
pub struct ParameterRow {
    pub segment: String,
    /// "BG/NBD", "Gamma-Gamma", "sBG".
    pub model: &'static str,
    pub parameters: String,
}

#[derive(Debug, Serialize)]
pub struct TenureRow {
    pub segment: String,
    pub source: String,
    pub retention: String,
    pub clv: String,
    pub simple_clv: String,
}

#[derive(Debug, Serialize)]
pub struct DataCharts {
    pub cohorts: Vec<Chart>,
    pub p_alive: Option<Chart>,
    pub tenure: Option<Chart>,
}

/// The section, when the project has data or typed retention curves: one block per table,
/// in the section's order.
pub fn build(metrics: &Metrics, l: &Localizer) -> Option<DataView> {
    let data: &DataMetrics = metrics.data.as_ref()?;
    let (coverage, skipped, returns_only) = coverage(data, l);
    Some(DataView {
        coverage,
        returns_only,
        skipped,
        figures: data
            .segments
            .iter()
            .flat_map(|s| s.figures.iter().map(move |f| figure_row(&s.name, f, l)))
            .collect(),
        cohorts: data.segments.iter().filter_map(|s| cohort_table(s, l)).collect(),
        models: data.segments.iter().filter_map(|s| model_row(s, l)).collect(),
        choices: data.segments.iter().filter_map(|s| choice(s, l)).collect(),
        validation: data.segments.iter().filter_map(|s| validation(s, l)).collect(),
        tenure: data.segments.iter().filter_map(|s| tenure_row(s, l)).collect(),
        not_fitted: data
            .segments
            .iter()
            .flat_map(|s| {
                s.not_fitted
                    .iter()
                    .map(move |n| format!("{} — {}: {}", s.name, n.model.name(), reason(&n.why, l)))
            })
            .collect(),
        without_p_alive: data.segments.iter().filter_map(|s| without_p_alive(s, l)).collect(),
        charts: data_charts(data, l),
        loyalty_path: super::loyalty_path::build(data, l),
    })
}

/// "Segment — Pareto/NBD gives no P(alive) for N customers …"; `None` when the model in
/// use gives every customer one.
fn without_p_alive(s: &SegmentDataMetrics, l: &Localizer) -> Option<String> {
    let m = s.models.as_ref()?;
    let chosen = m.chosen.as_ref().filter(|_| m.customers_without_p_alive > 0)?;
    Some(l.t_with(
        "data-no-p-alive",
        vec![
            ("segment", s.name.clone().into()),
            ("model", chosen.model.name().into()),
            ("customers", m.customers_without_p_alive.into()),
        ],
    ))
}

/// What was read (rows, customers, period, files), the rows left out and why, and the
/// customers with returns only.
fn coverage(data: &DataMetrics, l: &Localizer) -> (Option<String>, Vec<String>, Option<String>) {
    let Some(c) = data.coverage.as_ref() else { return (None, Vec::new(), None) };
    let read = l.t_with(
        "data-coverage",
        vec![
            ("rows", c.rows.into()),
            ("customers", c.customers.into()),
            ("from", l.date(c.first_date).into()),
            ("to", l.date(c.observation_end).into()),
            ("files", c.files.join(", ").into()),
        ],
    );
    let skipped = c
        .skipped
        .iter()
        .map(|s| l.t_with("data-skipped", vec![("rows", s.rows.into()), ("reason", s.reason.clone().into())]))
        .collect();
    let returns_only = (c.customers_returns_only > 0)
        .then(|| l.t_with("data-returns-only", vec![("customers", c.customers_returns_only.into())]));
    (Some(read), skipped, returns_only)
}

/// A segment's cohorts: the share of each first-purchase year's customers buying in each
/// later year.
fn cohort_table(s: &SegmentDataMetrics, l: &Localizer) -> Option<CohortTable> {
    let d = s.data.as_ref().filter(|d| !d.cohorts.is_empty())?;
    let first = d.cohorts.first()?.year;
    let last = d.cohorts.iter().map(|c| c.year + i32::try_from(c.active.len()).unwrap_or(1) - 1).max()?;
    let years: Vec<i32> = (first..=last).collect();
    let rows = d
        .cohorts
        .iter()
        .map(|c| CohortRow {
            year: c.year,
            customers: l.number(count(c.customers), 0),
            cells: years
                .iter()
                .map(|y| {
                    usize::try_from(y - c.year)
                        .ok()
                        .and_then(|k| c.active.get(k))
                        .map_or_else(String::new, |n| l.percent(count(*n) / count(c.customers.max(1)), 0))
                })
                .collect(),
        })
        .collect();
    Some(CohortTable {
        segment: s.name.clone(),
        years,
        rows,
        partial_note: d.cohorts.iter().any(|c| c.last_year_partial),
    })
}

/// A segment's customer-base models against its simple CLV, or why they were not fitted.
fn model_row(s: &SegmentDataMetrics, l: &Localizer) -> Option<ModelRow> {
    let m = s.models.as_ref()?;
    let dash = || "–".to_owned();
    Some(ModelRow {
        segment: s.name.clone(),
        model: m.chosen.map_or_else(dash, |c| c.model.name().to_owned()),
        customers: l.number(count(s.data.as_ref().map_or(0, |d| d.customers)), 0),
        mean_p_alive: m.mean_p_alive.map_or_else(dash, |p| l.percent(p, 0)),
        expected_purchases: m.expected_purchases.map_or_else(dash, |e| {
            let range = m.intervals.map(|i| i.expected_purchases);
            with_interval(l.number(e, 0), range.map(|[lo, hi]| (l.number(lo, 0), l.number(hi, 0))))
        }),
        model_clv: m.model_clv.map_or_else(dash, |v| {
            let range = m.intervals.and_then(|i| i.model_clv);
            with_interval(l.money(v), range.map(|[lo, hi]| (l.money(lo), l.money(hi))))
        }),
        simple_clv: l.money(s.simple_clv),
        difference: m.model_clv.map_or_else(String::new, |v| l.change(v / s.simple_clv - 1.0, false)),
    })
}

/// "Installers: Pareto/NBD, the lowest holdout error of 3 models (…)", or why not.
fn choice(s: &SegmentDataMetrics, l: &Localizer) -> Option<String> {
    let chosen = s.models.as_ref()?.chosen?;
    let model = chosen.model.name();
    let (key, mut args) = match chosen.reason {
        ChoiceReason::Setting => ("data-choice-setting", Vec::new()),
        ChoiceReason::Holdout { root_mean_squared_error, runner_up, candidates } => (
            "data-choice-holdout",
            vec![
                ("error", l.number(root_mean_squared_error, 2).into()),
                ("next", runner_up.map_or_else(|| "–".to_owned(), |e| l.number(e, 2)).into()),
                ("candidates", f64::from(candidates).into()),
            ],
        ),
        ChoiceReason::Bic { candidates, .. } => {
            ("data-choice-bic", vec![("candidates", f64::from(candidates).into())])
        }
    };
    args.extend([("segment", s.name.clone().into()), ("model", model.into())]);
    Some(l.t_with(key, args))
}

/// The chosen model's holdout prediction against what happened, with both plots.
fn validation(s: &SegmentDataMetrics, l: &Localizer) -> Option<ValidationBlock> {
    let v = s.validation.as_ref()?;
    let chosen = s.models.as_ref()?.chosen?.model;
    let m = v.models.get(&chosen).or_else(|| v.models.values().next())?;
    #[allow(clippy::cast_precision_loss)] // counts far below 2^53
    let sentence = l.t_with(
        "data-holdout-sentence",
        vec![
            ("segment", s.name.clone().into()),
            ("model", m.model.name().into()),
            ("predicted", l.number(m.predicted, 0).into()),
            ("weeks", f64::from(v.holdout_days.div_ceil(7)).into()),
            ("actual", l.number(m.actual as f64, 0).into()),
            ("error", m.error.map_or_else(|| "–".to_owned(), |e| l.change(e, false)).into()),
        ],
    );
    Some(ValidationBlock {
        segment: s.name.clone(),
        sentence,
        tracking: charts::validation_tracking(&s.id, &s.name, v, m.model, l),
        by_frequency: charts::validation_by_frequency(&s.id, &s.name, v, l),
    })
}

/// "18,261 (18,051–18,508)": a figure with its 90 % interval, when it has one.
fn with_interval(figure: String, range: Option<(String, String)>) -> String {
    match range {
        Some((low, high)) => format!("{figure} ({low}–{high})"),
        None => figure,
    }
}

/// A segment's retention by tenure (shifted-beta-geometric) and the CLV it gives.
fn tenure_row(s: &SegmentDataMetrics, l: &Localizer) -> Option<TenureRow> {
    let t = s.retention_by_tenure.as_ref()?;
    let shown: Vec<String> = t.fitted.iter().take(5).map(|r| l.percent(*r, 0)).collect();
    Some(TenureRow {
        segment: s.name.clone(),
        source: l.t(&format!("data-tenure-{}", t.source)),
        retention: shown.join(" → "),
        clv: l.money(t.clv),
        simple_clv: l.money(s.simple_clv),
    })
}

fn data_charts(data: &DataMetrics, l: &Localizer) -> DataCharts {
    let with_models: Vec<_> =
        data.segments.iter().filter(|s| s.models.as_ref().is_some_and(|m| m.chosen.is_some())).collect();
    let with_tenure: Vec<_> = data.segments.iter().filter(|s| s.retention_by_tenure.is_some()).collect();
    DataCharts {
        cohorts: data
            .segments
            .iter()
            .filter_map(|s| {
                let d = s.data.as_ref().filter(|d| !d.cohorts.is_empty())?;
                Some(charts::cohorts(&s.id, &s.name, &d.cohorts, l))
            })
            .collect(),
        p_alive: (!with_models.is_empty()).then(|| charts::p_alive(&with_models, l)),
        tenure: (!with_tenure.is_empty()).then(|| charts::tenure(&with_tenure, l)),
    }
}

fn figure_row(segment: &str, f: &Figure, l: &Localizer) -> FigureRow {
    let show = |x: f64| match f.field {
        "customers" => l.number(x, 0),
        "purchases_per_year" => l.number(x, 1),
        "average_order_value" => l.money(x),
        _ => l.percent(x, 1),
    };
    FigureRow {
        segment: segment.to_owned(),
        field: l.t(&format!("data-field-{}", f.field)),
        derived: f.derived.map_or_else(|| "–".to_owned(), show),
        used: show(f.used),
        source: l.t(if f.from_data { "data-source-data" } else { "data-source-typed" }),
        from_data: f.from_data,
        difference: match f.derived {
            Some(d) if !f.from_data && d != 0.0 => l.change(f.used / d - 1.0, false),
            _ => String::new(),
        },
    }
}

#[allow(clippy::cast_precision_loss)] // counts far below 2^53
fn count(n: u64) -> f64 {
    n as f64
}

/// A parameter's name (as the JSON spells it) as the report writes it: Greek letters as
/// letters. The parameter table and the reasons for a missing fit both use it.
fn symbol(name: &str) -> &str {
    match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        other => other,
    }
}

/// Why a model has no fit, in the report's language.
fn reason(why: &NoFit, l: &Localizer) -> String {
    match *why {
        NoFit::TooFewCustomers { customers, needed } => {
            l.t_with("data-no-fit-too-few", vec![("customers", customers.into()), ("needed", needed.into())])
        }
        NoFit::TooFewRepeatBuyers { customers, needed } => l.t_with(
            "data-no-fit-too-few-repeat",
            vec![("customers", customers.into()), ("needed", needed.into())],
        ),
        NoFit::NoRepeatPurchases => l.t("data-no-fit-no-repeat"),
        NoFit::NobodyLost => l.t("data-no-fit-nobody-lost"),
        NoFit::SameChurn { retention } => {
            l.t_with("data-no-fit-same-churn", vec![("retention", l.percent(retention, 1).into())])
        }
        NoFit::NotConverged { iterations, .. } => {
            l.t_with("data-no-fit-not-converged", vec![("iterations", f64::from(iterations).into())])
        }
        NoFit::NotIdentified { parameter: Some(p) } => {
            let bound = l.number(MAX_RELATIVE_STANDARD_ERROR, 0);
            l.t_with(
                "data-no-fit-not-identified-parameter",
                vec![("parameter", symbol(p).into()), ("bound", bound.into())],
            )
        }
        NoFit::NotIdentified { parameter: None } => l.t("data-no-fit-not-identified"),
        NoFit::NoPrediction => l.t("data-no-fit-no-prediction"),
    }
}

/// The parameters of every fitted customer-base model, segment by segment, each with its
/// standard error in brackets (the sBG fit has none), at the parameter's own decimals.
pub fn model_parameters(data: &DataMetrics, l: &Localizer) -> Vec<ParameterRow> {
    let mut rows = Vec::new();
    // `name = value (standard error)`, the two at the same decimals.
    let with_se = |name: &str, value: f64, se: f64, decimals: usize| {
        format!("{} = {} ({})", symbol(name), l.number(value, decimals), l.number(se, decimals))
    };
    for s in &data.segments {
        let row = |model, parameters: Vec<String>| ParameterRow {
            segment: s.name.clone(),
            model,
            parameters: parameters.join(", "),
        };
        if let Some(m) = &s.models {
            // BG/NBD and MBG/NBD share their parameters' names.
            let nbd = |p: &BgNbd, se: &BgNbd| {
                vec![
                    with_se("r", p.r, se.r, 3),
                    with_se("alpha", p.alpha, se.alpha, 1),
                    with_se("a", p.a, se.a, 3),
                    with_se("b", p.b, se.b, 2),
                ]
            };
            if let Some(f) = &m.bg_nbd {
                rows.push(row("BG/NBD", nbd(&f.params, &f.standard_errors)));
            }
            if let Some(f) = &m.pareto_nbd {
                let (p, se) = (f.params, f.standard_errors);
                rows.push(row(
                    "Pareto/NBD",
                    vec![
                        with_se("r", p.r, se.r, 3),
                        with_se("alpha", p.alpha, se.alpha, 1),
                        with_se("s", p.s, se.s, 3),
                        with_se("beta", p.beta, se.beta, 1),
                    ],
                ));
            }
            if let Some(f) = &m.mbg_nbd {
                rows.push(row("MBG/NBD", nbd(&f.params, &f.standard_errors)));
            }
            if let Some(g) = &m.gamma_gamma {
                let (p, se) = (g.params, g.standard_errors);
                rows.push(row(
                    "Gamma-Gamma",
                    vec![with_se("p", p.p, se.p, 2), with_se("q", p.q, se.q, 2), with_se("v", p.v, se.v, 0)],
                ));
            }
        }
        if let Some(t) = &s.retention_by_tenure {
            let p = t.fit.params;
            rows.push(row("sBG", vec![format!("a = {}, b = {}", l.number(p.a, 3), l.number(p.b, 3))]));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    /// A segment whose model gives some customers no P(alive) says so, naming the model and
    /// the count, in every language; the terminal too. Without such customers, nothing.
    #[test]
    fn customers_without_a_p_alive_are_named_under_the_models() {
        use crate::analysis::models::{Choice, ChoiceReason, Model};
        let chosen = Some(Choice { model: Model::ParetoNbd, reason: ChoiceReason::Setting });
        let some = SegmentDataMetrics::with_p_alive("Installers", chosen, vec![1; 10], 1234);
        let none = SegmentDataMetrics::with_p_alive("Utilities", chosen, vec![1; 10], 0);
        for (l, count) in crate::render::locale::each_language_with_1234() {
            let language = l.language;
            let text = without_p_alive(&some, &l).unwrap();
            assert!(
                text.contains("Installers") && text.contains("Pareto/NBD") && text.contains(count),
                "{text}"
            );
            assert!(!text.contains('⟦'), "{language:?}: {text}");
            assert_eq!(without_p_alive(&none, &l), None);
        }
        let models = |s: &SegmentDataMetrics| s.models.clone().unwrap();
        let sentence = models(&some).without_p_alive("installers").unwrap();
        assert!(
            sentence.starts_with("Pareto/NBD gives no P(alive) for 1234 customers of segment `installers`")
        );
        assert_eq!(models(&none).without_p_alive("utilities"), None);
        let single = SegmentDataMetrics::with_p_alive("Depots", chosen, vec![1; 10], 1);
        let sentence = models(&single).without_p_alive("depots").unwrap();
        assert!(
            sentence.starts_with("Pareto/NBD gives no P(alive) for 1 customer of segment `depots`"),
            "{sentence}"
        );
    }

    /// The reason names the parameter as the parameter table does and states the bound the
    /// analysis applies, in every language.
    #[test]
    fn a_model_the_data_cannot_identify_names_its_parameter_and_the_bound() {
        let why = NoFit::NotIdentified { parameter: Some("alpha") };
        for language in [Language::En, Language::Da, Language::Nb, Language::Sv] {
            let l = Localizer::new(language, "DKK");
            let text = reason(&why, &l);
            assert!(
                text.contains('α') && text.contains("10") && !text.contains("alpha"),
                "{language:?}: {text}"
            );
        }
    }
}
