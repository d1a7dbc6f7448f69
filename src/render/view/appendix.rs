//! The appendix: the workshop notes, methodology, the derivation of every headline figure
//! with this project's own numbers, every input assumption with where it came from, the
//! figures to question, and the input files' fingerprints.

use serde::Serialize;

use crate::analysis::{Metrics, SegmentMetrics};
use crate::model::{BenchmarkSource, Driver, Drivers, Estimate, Phase, Project, Ref, Segment};
use crate::render::labels::{lever_name, problem_name};
use crate::render::locale::{Arg, Localizer};
use crate::render::markdown;

/// The appendix section.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    pub workshops: Vec<WorkshopView>,
    pub methodology: Vec<Method>,
    pub derivations: Vec<Derivation>,
    pub assumptions: Vec<Assumption>,
    /// The fitted customer-base models' parameters; empty without transaction data.
    pub model_parameters: Vec<super::data::ParameterRow>,
    /// Figures a reviewer would question: "file: field: why".
    pub doubts: Vec<String>,
    pub sources: Vec<crate::model::Source>,
}

#[derive(Clone, Debug, Serialize)]
pub struct WorkshopView {
    pub anchor: String,
    pub title: String,
    pub date: String,
    pub market: String,
    pub participants: String,
    pub phases: String,
    /// The note rendered safely.
    pub html: String,
    /// The language the note is written in, when the report is in another (see
    /// [`super::written_in`]).
    pub lang: Option<&'static str>,
}

pub fn build(project: &Project, m: &Metrics, l: &Localizer) -> AppendixView {
    AppendixView {
        workshops: workshops(project, l),
        methodology: methodology(l),
        derivations: derivations(project, m, l),
        assumptions: assumptions(project, l),
        model_parameters: m.data.as_ref().map_or_else(Vec::new, |d| super::data::model_parameters(d, l)),
        doubts: m.plausibility.iter().map(|d| doubt(d, project, l)).collect(),
        sources: project.sources.clone(),
    }
}

pub fn workshops(project: &Project, l: &Localizer) -> Vec<WorkshopView> {
    let phase_name = |phase: &Ref<Phase>| {
        project.journey.as_ref().map_or_else(|| phase.id().to_owned(), |j| phase.get(&j.phases).name.clone())
    };
    project
        .workshops
        .iter()
        .enumerate()
        .map(|(i, w)| WorkshopView {
            html: markdown::to_html(
                &w.body,
                &anchor(i, &w.file),
                markdown::Pictures { file: &crate::diagnostic::slash_path(&w.file), images: &project.images },
            ),
            anchor: anchor(i, &w.file),
            title: w.title.clone(),
            date: l.date(w.date),
            market: w.market.clone(),
            participants: w.participants.join(", "),
            phases: w.phases.iter().map(phase_name).collect::<Vec<_>>().join(", "),
            lang: super::written_in(project, l),
        })
        .collect()
}

/// A stable, unique `id` for the `index`-th workshop note, readable from its file name.
pub fn anchor(index: usize, file: &std::path::Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("workshop-{}-{slug}", index + 1)
}

/// A formula in words and notation.
#[derive(Clone, Debug, Serialize)]
pub struct Method {
    pub name: String,
    pub notation: String,
    pub words: String,
}

/// One input to a derivation and where it was written.
#[derive(Clone, Debug, Serialize)]
pub struct Input {
    pub name: String,
    pub value: String,
    /// `file: field`, e.g. `segments.yaml: segments[0].retention_rate`.
    pub source: String,
    /// The `id` of another derivation this input comes from.
    pub link: Option<String>,
}

/// How a figure was reached: the formula, the same with this project's numbers, the result.
#[derive(Clone, Debug, Serialize)]
pub struct Derivation {
    pub id: String,
    pub title: String,
    pub formula: String,
    pub substituted: String,
    pub result: String,
    pub inputs: Vec<Input>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Assumption {
    pub file: &'static str,
    pub field: String,
    pub value: String,
}

/// Each method: (catalogue key, notation when it is not a message of its own).
const METHODS: [(&str, Option<&str>); 13] = [
    ("method-margin", Some("M = f · v · m")),
    ("method-clv", Some("CLV = Σ M · (r / (1+d))^t, t = 1..H")),
    ("method-projected", Some("r′ = r + Δr, m′ = m + Δm, f′ = f · (1 + Δf), v′ = v · (1 + Δv)")),
    ("method-uplift", Some("Σ N · CLV′ / Σ N · CLV − 1")),
    ("method-pv", Some("PV = one-off + annual · Σ (1+d)^−t")),
    ("method-npv", Some("NPV = Σ N · (CLV′ − CLV) − PV; ROI = NPV / PV")),
    ("method-payback", None),
    ("method-problems", None),
    ("method-uncertainty", None),
    ("method-gap", Some("gap = importance − performance; priority = importance · max(gap, 0)")),
    (
        "method-initiatives",
        Some("value = Σ share · φ(lever); cost = one-off + (annual + hours · rate) · Σ (1+d)^−t"),
    ),
    ("method-winloss", None),
    ("method-jobs", Some("opportunity = importance + max(importance − satisfaction, 0)")),
];

pub fn methodology(l: &Localizer) -> Vec<Method> {
    METHODS
        .iter()
        .map(|(key, notation)| Method {
            name: l.t(key),
            notation: notation.map_or_else(|| l.t(&format!("{key}-notation")), str::to_owned),
            words: l.t(&format!("{key}-words")),
        })
        .collect()
}

fn input(name: String, value: String, file: &str, field: &str) -> Input {
    Input { name, value, source: format!("{file}: {field}"), link: None }
}

/// An input computed in another derivation.
fn derived(name: String, value: String, id: String, l: &Localizer) -> Input {
    Input { name, value, source: l.t("derived-below"), link: Some(id) }
}

pub fn derivations(project: &Project, m: &Metrics, l: &Localizer) -> Vec<Derivation> {
    let mut out = vec![uplift(m, l), present_value(project, m, l), npv(m, l)];
    out.extend(roi(m, l));
    out.push(payback(m, l));
    out.push(probability(project, m, l));
    out.extend(initiative(project, m, l));
    out.extend(
        project
            .segments
            .iter()
            .enumerate()
            .zip(&m.segments)
            .map(|((i, seg), x)| segment_clv(project, i, seg, x, l)),
    );
    out
}

/// Where initiative `id` is written in journey.yaml.
fn initiative_index(project: &Project, id: Option<&str>) -> Option<usize> {
    project.journey.as_ref()?.initiatives.iter().position(|x| Some(x.id.as_str()) == id)
}

/// The first initiative of the ranking that has a value and a cost, derived with this
/// project's numbers: its value from the Shapley values of the levers it delivers, its
/// cost as a present value.
fn initiative(project: &Project, m: &Metrics, l: &Localizer) -> Option<Derivation> {
    let x = m.initiatives.iter().find(|x| x.value > 0.0 && x.cost_pv > 0.0)?;
    let i = initiative_index(project, Some(&x.id))?;
    let written = &project.journey.as_ref()?.initiatives[i];
    let s = &project.settings;
    let annuity = m.programme.investment.annuity_factor;
    let lever = |d: &crate::analysis::DeliveredValue| {
        format!(
            "{}: {}",
            crate::render::labels::segment_name(project, &d.segment),
            lever_name(l, d.lever).to_lowercase()
        )
    };
    let mut inputs: Vec<Input> = Vec::new();
    for (k, d) in x.delivers.iter().enumerate() {
        let share = l.t_with("der-initiative-share", vec![("lever", lever(d).into())]);
        inputs.push(input(
            share,
            l.percent(d.share, 0),
            "journey.yaml",
            &format!("initiatives[{i}].delivers[{k}]"),
        ));
        let value = l.t_with("der-initiative-lever-value", vec![("lever", lever(d).into())]);
        inputs.push(Input {
            name: value,
            value: l.money(d.lever_value),
            source: l.t("der-initiative-lever-source"),
            link: Some("methodology".into()),
        });
    }
    let field = |f: &str| format!("initiatives[{i}].{f}");
    inputs.push(input(
        l.t("der-initiative-one-off"),
        l.money(written.one_off.get()),
        "journey.yaml",
        &field("one_off"),
    ));
    inputs.push(input(
        l.t("der-initiative-annual"),
        l.money(written.annual),
        "journey.yaml",
        &field("annual"),
    ));
    inputs.push(input(
        l.t("der-initiative-hours"),
        l.number(written.hours_per_year, 0),
        "journey.yaml",
        &field("hours_per_year"),
    ));
    inputs.push(input(
        l.t("der-initiative-rate"),
        l.money(s.hourly_rate.get()),
        "project.yaml",
        "hourly_rate",
    ));
    inputs.extend(settings_inputs(project, l));
    let values = x
        .delivers
        .iter()
        .map(|d| format!("{} × {}", l.exact(d.share, 4), l.number(d.lever_value, 2)))
        .collect::<Vec<_>>();
    Some(Derivation {
        id: "derivation-initiative".into(),
        title: l.t_with("der-initiative", vec![("name", x.name.clone().into())]),
        formula: l.t("der-initiative-formula"),
        substituted: format!(
            "({}) − ({} + ({} + {} × {}) × {})",
            values.join(" + "),
            l.exact(written.one_off.get(), 2),
            l.exact(written.annual, 2),
            l.exact(written.hours_per_year, 2),
            l.exact(s.hourly_rate.get(), 2),
            l.exact(annuity, 10)
        ),
        result: l.t_with(
            "der-initiative-result",
            vec![
                ("value", l.number(x.value, 2).into()),
                ("cost", l.number(x.cost_pv, 2).into()),
                ("net", l.number(x.net_value, 2).into()),
            ],
        ),
        inputs,
    })
}

/// The discount rate and horizon, as inputs of a derivation.
fn settings_inputs(project: &Project, l: &Localizer) -> Vec<Input> {
    vec![
        input(
            "d".into(),
            l.percent(project.settings.discount_rate.get(), 1),
            "project.yaml",
            "discount_rate",
        ),
        input("H".into(), project.settings.horizon_years.to_string(), "project.yaml", "horizon_years"),
    ]
}

fn uplift(m: &Metrics, l: &Localizer) -> Derivation {
    let focus: Vec<_> = m.segments.iter().filter(|x| x.focus).collect();
    let sum =
        |f: &dyn Fn(&SegmentMetrics) -> String| focus.iter().map(|x| f(x)).collect::<Vec<_>>().join(" + ");
    Derivation {
        id: "derivation-uplift".into(),
        title: l.t("der-uplift"),
        formula: l.t("der-uplift-formula"),
        substituted: format!(
            "({}) / ({}) − 1",
            sum(&|x| format!("{} × {}", l.exact(x.customers, 6), l.number(x.scenarios.likely.value.clv, 2))),
            sum(&|x| format!("{} × {}", l.exact(x.customers, 6), l.number(x.baseline.clv, 2)))
        ),
        result: l.percent(m.programme.scenarios.likely.uplift, 2),
        inputs: focus
            .iter()
            .map(|x| {
                let value =
                    format!("{} → {}", l.money(x.baseline.clv), l.money(x.scenarios.likely.value.clv));
                let name = l.t_with("der-clv-pair", vec![("segment", x.name.clone().into())]);
                derived(name, value, format!("derivation-clv-{}", x.id), l)
            })
            .collect(),
    }
}

fn present_value(project: &Project, m: &Metrics, l: &Localizer) -> Derivation {
    let inv = &m.programme.investment;
    let items = project.investments.iter().enumerate().map(|(i, it)| {
        let value = l.t_with(
            "der-pv-item",
            vec![("once", l.money(it.one_off.get()).into()), ("annual", l.money(it.annual.get()).into())],
        );
        match initiative_index(project, it.initiative.as_deref()) {
            Some(k) => input(it.item.clone(), value, "journey.yaml", &format!("initiatives[{k}]")),
            None => input(it.item.clone(), value, "project.yaml", &format!("investment[{i}]")),
        }
    });
    Derivation {
        id: "derivation-pv".into(),
        title: l.t("der-pv"),
        formula: l.t("der-pv-formula"),
        substituted: format!(
            "{} + {} × {}",
            l.exact(inv.one_off, 2),
            l.exact(inv.annual, 2),
            l.exact(inv.annuity_factor, 10)
        ),
        result: l.number(inv.pv, 2),
        inputs: items.chain(settings_inputs(project, l)).collect(),
    }
}

fn npv(m: &Metrics, l: &Localizer) -> Derivation {
    let likely = &m.programme.scenarios.likely;
    let pv = m.programme.investment.pv;
    let segments = m.segments.iter().map(|x| {
        let p = &x.scenarios.likely;
        let value = format!(
            "{} × ({} − {}) = {}",
            l.exact(x.customers, 6),
            l.number(p.value.clv, 2),
            l.number(x.baseline.clv, 2),
            l.number(p.value_uplift, 2)
        );
        let name = l.t_with("der-value-uplift", vec![("segment", x.name.clone().into())]);
        derived(name, value, format!("derivation-clv-{}", x.id), l)
    });
    Derivation {
        id: "derivation-npv".into(),
        title: l.t("der-npv"),
        formula: l.t("der-npv-formula"),
        substituted: format!("{} − {}", l.number(likely.value_uplift, 2), l.number(pv, 2)),
        result: l.number(likely.npv, 2),
        inputs: segments
            .chain(std::iter::once(derived(l.t("der-pv-input"), l.money(pv), "derivation-pv".into(), l)))
            .collect(),
    }
}

fn roi(m: &Metrics, l: &Localizer) -> Option<Derivation> {
    let likely = &m.programme.scenarios.likely;
    let pv = m.programme.investment.pv;
    likely.roi.map(|roi| Derivation {
        id: "derivation-roi".into(),
        title: l.t("der-roi"),
        formula: "ROI = NPV / PV".into(),
        substituted: format!("{} / {}", l.number(likely.npv, 2), l.number(pv, 2)),
        result: l.percent(roi, 1),
        inputs: vec![
            derived("NPV".into(), l.money(likely.npv), "derivation-npv".into(), l),
            derived("PV".into(), l.money(pv), "derivation-pv".into(), l),
        ],
    })
}

fn payback(m: &Metrics, l: &Localizer) -> Derivation {
    let likely = &m.programme.scenarios.likely;
    let rows = likely
        .cumulative
        .iter()
        .map(|p| {
            let args = vec![
                ("year", p.year.to_string().into()),
                ("value", l.number(p.cumulative_value_uplift, 0).into()),
                ("investment", l.number(p.cumulative_investment, 0).into()),
            ];
            l.t_with("der-payback-year", args)
        })
        .collect::<Vec<_>>()
        .join("; ");
    Derivation {
        id: "derivation-payback".into(),
        title: l.t("der-payback"),
        formula: l.t("der-payback-formula"),
        substituted: rows,
        result: likely.payback_year.map_or_else(
            || l.t("der-payback-never"),
            |year| l.t_with("der-payback-result", vec![("year", year.to_string().into())]),
        ),
        inputs: vec![derived("PV".into(), l.money(m.programme.investment.pv), "derivation-pv".into(), l)],
    }
}

fn probability(project: &Project, m: &Metrics, l: &Localizer) -> Derivation {
    let s = &project.settings;
    let reached = (m.simulation.probability_reaching_target * f64::from(m.simulation.draws)).round();
    let draws = l.number(f64::from(m.simulation.draws), 0);
    Derivation {
        id: "derivation-probability".into(),
        title: l.t("der-chance"),
        formula: l.t("der-chance-formula"),
        substituted: l.t_with(
            "der-chance-substituted",
            vec![
                ("reached", l.number(reached, 0).into()),
                ("draws", draws.clone().into()),
                ("seed", s.seed.to_string().into()),
            ],
        ),
        result: l.percent(m.simulation.probability_reaching_target, 1),
        inputs: vec![
            input(
                l.t("der-target-min"),
                l.percent(s.target_min.get(), 1),
                "project.yaml",
                "target_uplift.min",
            ),
            input(l.t("der-draws"), draws, "project.yaml", "simulation.draws"),
            input(l.t("der-seed"), s.seed.to_string(), "project.yaml", "simulation.seed"),
            input(
                l.t("der-lever-correlation"),
                l.exact(s.lever_correlation.get(), 2),
                "project.yaml",
                "simulation.lever_correlation",
            ),
        ],
    }
}

fn segment_clv(project: &Project, i: usize, seg: &Segment, x: &SegmentMetrics, l: &Localizer) -> Derivation {
    let s = &project.settings;
    let d = &seg.drivers;
    let mut inputs = segment_inputs(i, seg, l);
    inputs.extend(settings_inputs(project, l));
    let one = |p: &Drivers, clv: f64| {
        format!(
            "{} × {} × {} × Σ ({} / {})^t, t = 1..{} = {}",
            l.exact(p.purchases_per_year, 6),
            l.exact(p.average_order_value, 6),
            l.exact(p.gross_margin, 6),
            l.exact(p.retention_rate, 6),
            l.exact(1.0 + s.discount_rate.get(), 6),
            s.horizon_years,
            l.number(clv, 2)
        )
    };
    let likely = &x.scenarios.likely.value;
    // Along a ramp-up the drivers change every year: the sum is written out year by year.
    let projected = if s.ramp_up.is_empty() {
        one(&likely.drivers, likely.clv)
    } else {
        inputs.push(input(l.t("der-ramp-up"), ramp_up(&s.ramp_up, l), "project.yaml", "ramp_up"));
        let levers = seg.levers.at(crate::model::Scenario::Likely);
        let years: Vec<String> =
            crate::analysis::value::projected_years(d, &levers, &s.ramp_up, s.horizon_years)
                .into_iter()
                .zip(1..)
                .map(|((margin, retained), t)| {
                    format!(
                        "{} × {} / {}^{t}",
                        l.exact(margin, 4),
                        l.exact(retained, 10),
                        l.exact(1.0 + s.discount_rate.get(), 6)
                    )
                })
                .collect();
        format!("{} = {}", years.join(" + "), l.number(likely.clv, 2))
    };
    Derivation {
        id: format!("derivation-clv-{}", seg.id),
        title: l.t_with("der-clv", vec![("segment", seg.name.clone().into())]),
        formula: l.t("der-clv-formula"),
        substituted: format!(
            "{}: {};  {}: {}",
            l.t("der-today"),
            one(d, x.baseline.clv),
            l.t("der-likely"),
            projected
        ),
        result: format!("{} → {}", l.number(x.baseline.clv, 2), l.number(likely.clv, 2)),
        inputs,
    }
}

/// A segment's drivers and likely levers as entered, with the file and field of each.
fn segment_inputs(i: usize, seg: &Segment, l: &Localizer) -> Vec<Input> {
    let d = &seg.drivers;
    let field = |name: &str| format!("segments[{i}].{name}");
    let mut inputs = match &seg.subscription {
        None => vec![
            input(
                "f".into(),
                l.number(d.purchases_per_year, 2),
                "segments.yaml",
                &field("purchases_per_year"),
            ),
            input("v".into(), l.money(d.average_order_value), "segments.yaml", &field("average_order_value")),
            input("m".into(), l.percent(d.gross_margin, 1), "segments.yaml", &field("gross_margin")),
            input("r".into(), l.percent(d.retention_rate, 1), "segments.yaml", &field("retention_rate")),
        ],
        Some(sub) => subscription_inputs(sub, d, &field, l),
    };
    for driver in Driver::ALL {
        let e = seg.levers.get(driver);
        let Some(key) = driver.lever_key(seg.subscription.is_some()) else { continue };
        let change = match (&seg.subscription, driver) {
            // A change in churn, and the retention lever it converts to.
            (Some(sub), Driver::RetentionRate) => {
                format!("{} → Δr {}", l.change(sub.churn_lever.likely, true), l.change(e.likely, true))
            }
            _ => l.change(e.likely, driver.lever_is_absolute()),
        };
        let name = l.t_with("der-lever", vec![("lever", l.t(&format!("lever-{key}")).into())]);
        inputs.push(input(name, change, "segments.yaml", &field(&format!("levers.{key}"))));
    }
    inputs
}

/// A subscription segment's inputs as entered, and the drivers they convert to.
fn subscription_inputs(
    sub: &crate::model::Subscription,
    d: &Drivers,
    field: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Vec<Input> {
    vec![
        input(l.t("der-monthly-price"), l.money(sub.monthly_price), "segments.yaml", &field("monthly_price")),
        input(
            l.t("der-monthly-churn"),
            l.percent(sub.monthly_churn, 2),
            "segments.yaml",
            &field("monthly_churn"),
        ),
        input("f".into(), l.t("subscription-payments"), "segments.yaml", &field("monthly_price")),
        input("v".into(), l.money(d.average_order_value), "segments.yaml", &field("monthly_price")),
        input("m".into(), l.percent(d.gross_margin, 1), "segments.yaml", &field("gross_margin")),
        input(
            "r = (1 − c)¹²".into(),
            format!("(1 − {})¹² = {}", l.exact(sub.monthly_churn, 6), l.exact(d.retention_rate, 6)),
            "segments.yaml",
            &field("monthly_churn"),
        ),
    ]
}

/// A subscription segment's monthly figures and churn lever, as entered.
fn subscription_assumptions(
    sub: &crate::model::Subscription,
    f: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Vec<Assumption> {
    let mut rows = vec![
        Assumption { file: "segments.yaml", field: f("monthly_price"), value: l.money(sub.monthly_price) },
        Assumption {
            file: "segments.yaml",
            field: f("monthly_churn"),
            value: l.percent(sub.monthly_churn, 2),
        },
    ];
    let churn = sub.churn_lever;
    if churn != crate::model::ChurnChange::default() {
        let c = |x: f64| l.change(x, true);
        let value = format!("{} / {} / {}", c(churn.low), c(churn.likely), c(churn.high));
        rows.push(Assumption { file: "segments.yaml", field: f("levers.monthly_churn"), value });
    }
    rows
}

/// The ramp-up as read in the report: "50 % · 90 % · 100 %", or that there is none.
pub fn ramp_up(ramp: &[f64], l: &Localizer) -> String {
    if ramp.is_empty() {
        return l.t("ramp-up-none");
    }
    let shares: Vec<String> = ramp.iter().map(|a| l.percent(*a, 0)).collect();
    l.t_with("ramp-up-shares", vec![("shares", shares.join(" · ").into())])
}

/// Every number the consultant typed, with its file and field.
pub fn assumptions(project: &Project, l: &Localizer) -> Vec<Assumption> {
    let s = &project.settings;
    let mut rows = vec![
        Assumption {
            file: "project.yaml",
            field: "target_uplift".into(),
            value: format!("{} – {}", l.percent(s.target_min.get(), 1), l.percent(s.target_max.get(), 1)),
        },
        Assumption {
            file: "project.yaml",
            field: "horizon_years".into(),
            value: s.horizon_years.to_string(),
        },
        Assumption {
            file: "project.yaml",
            field: "discount_rate".into(),
            value: l.percent(s.discount_rate.get(), 1),
        },
        Assumption { file: "project.yaml", field: "hourly_rate".into(), value: l.money(s.hourly_rate.get()) },
        Assumption {
            file: "project.yaml",
            field: "simulation".into(),
            value: l.t_with(
                "assumption-simulation",
                vec![
                    ("draws", l.number(f64::from(s.draws), 0).into()),
                    ("seed", s.seed.to_string().into()),
                    ("rho", l.exact(s.lever_correlation.get(), 2).into()),
                ],
            ),
        },
        Assumption { file: "project.yaml", field: "ramp_up".into(), value: ramp_up(&s.ramp_up, l) },
    ];
    for (i, seg) in project.segments.iter().enumerate() {
        rows.extend(segment_assumptions(i, seg, l));
    }
    rows
}

fn segment_assumptions(i: usize, seg: &Segment, l: &Localizer) -> Vec<Assumption> {
    let f = |name: &str| format!("segments[{i}].{name} ({})", seg.id);
    let mut rows = vec![Assumption {
        file: "segments.yaml",
        field: f("customers"),
        value: l.number(seg.customers.get(), 0),
    }];
    if let Some(sub) = &seg.subscription {
        rows.extend(subscription_assumptions(sub, &f, l));
    }
    for d in Driver::ALL {
        if seg.subscription.is_some() && d != Driver::GrossMargin {
            continue;
        }
        let value = super::economics::driver_value(d, *seg.drivers.get(d), l);
        rows.push(Assumption { file: "segments.yaml", field: f(d.key()), value });
    }
    for d in Driver::ALL {
        let e = seg.levers.get(d);
        // A subscription's churn lever is listed as written, with its monthly figures.
        let key = d.lever_key(seg.subscription.is_some()).filter(|k| *k != "monthly_churn");
        if let Some(key) = key.filter(|_| *e != Estimate::default()) {
            let c = |x: f64| l.change(x, d.lever_is_absolute());
            let value = format!("{} / {} / {}", c(e.low), c(e.likely), c(e.high));
            rows.push(Assumption { file: "segments.yaml", field: f(&format!("levers.{key}")), value });
        }
        if let Some(b) = seg.benchmarks.get(d) {
            let (file, field) = match b.source {
                BenchmarkSource::Segment => ("segments.yaml", f(&format!("benchmarks.{}", d.key()))),
                BenchmarkSource::Project => (
                    "project.yaml",
                    format!(
                        "benchmarks.{} ({})",
                        d.key(),
                        l.t_with("assumption-benchmark-used", vec![("segment", seg.id.clone().into())])
                    ),
                ),
            };
            rows.push(Assumption { file, field, value: super::economics::driver_value(d, b.value, l) });
        }
    }
    let acquisition = vec![
        ("customers", Arg::rounded(seg.new_customers_per_year.get())),
        ("spend", l.money(seg.acquisition_spend_per_year.get()).into()),
    ];
    rows.push(Assumption {
        file: "segments.yaml",
        field: f("acquisition"),
        value: l.t_with("assumption-acquisition", acquisition),
    });
    rows
}

/// A figure to question, in the report's language: "file · field: why".
pub fn doubt(d: &crate::analysis::Doubt, project: &Project, l: &Localizer) -> String {
    use crate::analysis::Doubt as D;
    let name = |id: &str| crate::render::labels::segment_name(project, id);
    let why = match d {
        D::RetentionNearCertain { segment, retention, .. } => l.t_with(
            "doubt-retention",
            vec![("segment", name(segment).into()), ("retention", l.percent(*retention, 1).into())],
        ),
        D::SegmentUpliftAboveDouble { segment, uplift, .. } => l.t_with(
            "doubt-uplift",
            vec![("segment", name(segment).into()), ("uplift", l.percent(*uplift, 0).into())],
        ),
        D::StakeAboveSegmentValue { segment, driver, value_at_stake, segment_value, .. } => l.t_with(
            "doubt-stake",
            vec![
                ("segment", name(segment).into()),
                ("problem", problem_name(l, *driver).to_lowercase().into()),
                ("stake", l.money_short(*value_at_stake).into()),
                ("value", l.money_short(*segment_value).into()),
            ],
        ),
        D::BenchmarkFarAway { segment, driver, current, benchmark, .. } => l.t_with(
            "doubt-benchmark",
            vec![
                ("segment", name(segment).into()),
                ("driver", lever_name(l, *driver).to_lowercase().into()),
                ("benchmark", l.exact(*benchmark, 4).into()),
                ("current", l.exact(*current, 4).into()),
            ],
        ),
        D::NpvManyTimesInvestment { npv, investment } => l.t_with(
            "doubt-npv",
            vec![
                ("npv", l.money_short(*npv).into()),
                ("investment", l.money_short(*investment).into()),
                ("times", l.number(npv / investment, 0).into()),
            ],
        ),
        D::TargetProbabilityExtreme { probability } => {
            l.t_with("doubt-probability", vec![("probability", l.percent(*probability, 1).into())])
        }
        D::ReducesImportantTouchpoint { initiative, touchpoint, importance, .. } => {
            let journey = project.journey.as_ref();
            let initiative_name = journey
                .and_then(|j| j.initiatives.iter().find(|i| i.id == *initiative))
                .map_or_else(|| initiative.clone(), |i| i.name.clone());
            let touchpoint_name = journey
                .and_then(|j| j.touchpoints.iter().find(|t| t.id == *touchpoint))
                .map_or_else(|| touchpoint.clone(), |t| t.name.clone());
            l.t_with(
                "doubt-reduces-important",
                vec![
                    ("initiative", initiative_name.into()),
                    ("touchpoint", touchpoint_name.into()),
                    ("importance", l.number(*importance, 1).into()),
                ],
            )
        }
    };
    let (file, field) = d.place();
    format!("{file} · {field}: {why}")
}
