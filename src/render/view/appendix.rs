//! The appendix: methodology, the derivation of every headline figure with this
//! project's own numbers, and every input assumption with where it came from.

use serde::Serialize;

use crate::analysis::Metrics;
use crate::model::{Driver, Project};
use crate::render::format::{money, number, percent, times};
use crate::render::labels::lever_name;

/// A formula in words and notation.
#[derive(Clone, Debug, Serialize)]
pub struct Method {
    pub name: &'static str,
    pub notation: &'static str,
    pub words: &'static str,
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

pub fn methodology() -> Vec<Method> {
    vec![
        Method {
            name: "Annual margin per customer",
            notation: "M = f · v · m",
            words: "Purchases per year times average order value times gross margin: what one customer earns us in a year.",
        },
        Method {
            name: "Customer lifetime value",
            notation: "CLV = Σ_{t=1..H} M · (r / (1+d))^t",
            words: "A customer still with us after t years (probability r^t) earns M that year; a krone then is worth (1+d)^−t today. Margin is counted at each year's end (Gupta & Lehmann).",
        },
        Method {
            name: "Projected value",
            notation: "r′ = r + Δr, m′ = m + Δm, f′ = f · (1 + Δf), v′ = v · (1 + Δv)",
            words: "The programme's levers add points to retention and margin and per cent to purchase frequency and order value; CLV′ is the CLV with these drivers.",
        },
        Method {
            name: "Programme uplift",
            notation: "Σ_focus N · CLV′ / Σ_focus N · CLV − 1",
            words: "How much more an average customer relationship in the focus segments is worth, weighted by the number of customers.",
        },
        Method {
            name: "Investment, present value",
            notation: "PV = one-off + annual · Σ_{t=1..H} (1+d)^−t",
            words: "One-off costs fall at the start, annual costs at each year's end, discounted like the margins.",
        },
        Method {
            name: "Net present value and ROI",
            notation: "NPV = Σ N · (CLV′ − CLV) − PV; ROI = NPV / PV",
            words: "The value added in every segment less what the programme costs, both in today's money.",
        },
        Method {
            name: "Payback",
            notation: "first t with Σ value uplift ≥ Σ investment (both discounted)",
            words: "When cumulative value first covers cumulative investment, interpolated linearly within the year.",
        },
        Method {
            name: "Problem areas",
            notation: "N · (CLV with the driver at benchmark − CLV)",
            words: "The value a segment leaves on the table on one driver, compared with its benchmark; zero when it already meets it. Drivers without a benchmark are not scored.",
        },
        Method {
            name: "Uncertainty",
            notation: "PERT(low, likely, high), independent draws",
            words: "Each uncertain lever is drawn from a PERT distribution; P10, P50 and P90 are read from the simulated outcomes, and the chance of reaching the target is the share of outcomes that do.",
        },
        Method {
            name: "Touchpoint gap",
            notation: "gap = importance − performance; priority = importance · max(gap, 0)",
            words: "Importance–performance analysis (Martilla & James): cross-hairs at the mean scores; resources are budget plus hours at the hourly rate, compared as shares with importance.",
        },
        Method {
            name: "Win/loss",
            notation: "win rate = won / (won + lost); upsell ratio = upsold / customers",
            words: "Why deals are won and lost, per segment, with reasons ranked by frequency.",
        },
        Method {
            name: "Jobs to be done",
            notation: "opportunity = importance + max(importance − satisfaction, 0)",
            words: "Ulwick's opportunity score: 15 or more is extremely under-served, 10 or more under-served; satisfaction above importance is over-served.",
        },
    ]
}

fn input(name: &str, value: String, file: &str, field: &str) -> Input {
    Input { name: name.to_owned(), value, source: format!("{file}: {field}"), link: None }
}

/// An input computed in another derivation.
fn derived(name: &str, value: String, id: String) -> Input {
    Input { name: name.to_owned(), value, source: "derived below".to_owned(), link: Some(id) }
}

pub fn derivations(project: &Project, m: &Metrics) -> Vec<Derivation> {
    let cur = project.meta.currency.as_str();
    let mut out = vec![uplift(m, cur), present_value(project, m, cur), npv(m, cur)];
    out.extend(roi(m, cur));
    out.push(payback(m, cur));
    out.push(probability(project, m));
    out.extend(
        project
            .segments
            .iter()
            .enumerate()
            .zip(&m.segments)
            .map(|((i, seg), x)| segment_clv(project, i, seg, x)),
    );
    out
}

/// The discount rate and horizon, as inputs of a derivation.
fn settings_inputs(project: &Project) -> Vec<Input> {
    vec![
        input("d", percent(project.settings.discount_rate, 1), "project.yaml", "discount_rate"),
        input("H", project.settings.horizon_years.to_string(), "project.yaml", "horizon_years"),
    ]
}

fn uplift(m: &Metrics, cur: &str) -> Derivation {
    let focus: Vec<_> = m.segments.iter().filter(|x| x.focus).collect();
    let sum = |f: &dyn Fn(&crate::analysis::SegmentMetrics) -> String| {
        focus.iter().map(|x| f(x)).collect::<Vec<_>>().join(" + ")
    };
    Derivation {
        id: "derivation-uplift".into(),
        title: "Uplift of an average customer relationship (likely)".into(),
        formula: "Σ_focus N · CLV′ / Σ_focus N · CLV − 1".into(),
        substituted: format!(
            "({}) / ({}) − 1",
            sum(&|x| format!("{} × {}", number(x.customers, 0), number(x.scenarios.likely.value.clv, 0))),
            sum(&|x| format!("{} × {}", number(x.customers, 0), number(x.baseline.clv, 0)))
        ),
        result: percent(m.programme.scenarios.likely.uplift, 2),
        inputs: focus
            .iter()
            .map(|x| {
                let value =
                    format!("{} → {}", money(x.baseline.clv, cur), money(x.scenarios.likely.value.clv, cur));
                derived(&format!("CLV → CLV′, {}", x.name), value, format!("derivation-clv-{}", x.id))
            })
            .collect(),
    }
}

fn present_value(project: &Project, m: &Metrics, cur: &str) -> Derivation {
    let inv = &m.programme.investment;
    let items = project.investments.iter().enumerate().map(|(i, it)| {
        let value = format!("{} once, {} a year", money(it.one_off, cur), money(it.annual, cur));
        input(&it.item, value, "project.yaml", &format!("investment[{i}]"))
    });
    Derivation {
        id: "derivation-pv".into(),
        title: "Present value of the investment".into(),
        formula: "PV = Σ one-off + Σ annual · Σ_{t=1..H} (1+d)^−t".into(),
        substituted: format!(
            "{} + {} × {}",
            number(inv.one_off, 0),
            number(inv.annual, 0),
            number(inv.annuity_factor, 4)
        ),
        result: money(inv.pv, cur),
        inputs: items.chain(settings_inputs(project)).collect(),
    }
}

fn npv(m: &Metrics, cur: &str) -> Derivation {
    let likely = &m.programme.scenarios.likely;
    Derivation {
        id: "derivation-npv".into(),
        title: "Net present value (likely)".into(),
        formula: "NPV = Σ_segments N · (CLV′ − CLV) − PV".into(),
        substituted: format!("{} − {}", number(likely.value_uplift, 0), number(m.programme.investment.pv, 0)),
        result: money(likely.npv, cur),
        inputs: m
            .segments
            .iter()
            .map(|x| {
                let p = &x.scenarios.likely;
                let value = format!(
                    "{} × ({} − {}) = {}",
                    number(x.customers, 0),
                    number(p.value.clv, 0),
                    number(x.baseline.clv, 0),
                    money(p.value_uplift, cur)
                );
                derived(&format!("Value uplift, {}", x.name), value, format!("derivation-clv-{}", x.id))
            })
            .chain(std::iter::once(derived(
                "PV of investment",
                money(m.programme.investment.pv, cur),
                "derivation-pv".into(),
            )))
            .collect(),
    }
}

fn roi(m: &Metrics, cur: &str) -> Option<Derivation> {
    let likely = &m.programme.scenarios.likely;
    let pv = m.programme.investment.pv;
    likely.roi.map(|roi| Derivation {
        id: "derivation-roi".into(),
        title: "Return on investment (likely)".into(),
        formula: "ROI = NPV / PV".into(),
        substituted: format!("{} / {}", number(likely.npv, 0), number(pv, 0)),
        result: times(roi),
        inputs: vec![
            derived("NPV", money(likely.npv, cur), "derivation-npv".into()),
            derived("PV", money(pv, cur), "derivation-pv".into()),
        ],
    })
}

fn probability(project: &Project, m: &Metrics) -> Derivation {
    let s = &project.settings;
    let reached = (m.simulation.probability_reaching_target * f64::from(m.simulation.draws)).round();
    Derivation {
        id: "derivation-probability".into(),
        title: "Chance of reaching the target".into(),
        formula: "share of simulated outcomes with programme uplift ≥ target minimum".into(),
        substituted: format!(
            "{} / {} (seed {})",
            number(reached, 0),
            number(f64::from(m.simulation.draws), 0),
            m.simulation.seed
        ),
        result: percent(m.simulation.probability_reaching_target, 1),
        inputs: vec![
            input("target minimum", percent(s.target_min, 1), "project.yaml", "target_uplift.min"),
            input("draws", number(f64::from(s.draws), 0), "project.yaml", "simulation.draws"),
            input("seed", s.seed.to_string(), "project.yaml", "simulation.seed"),
        ],
    }
}

fn segment_clv(
    project: &Project,
    i: usize,
    seg: &crate::model::Segment,
    x: &crate::analysis::SegmentMetrics,
) -> Derivation {
    let cur = project.meta.currency.as_str();
    let s = &project.settings;
    let d = &seg.drivers;
    let field = |name: &str| format!("segments[{i}].{name}");
    let mut inputs = vec![
        input("f", number(d.purchases_per_year, 2), "segments.yaml", &field("purchases_per_year")),
        input("v", money(d.average_order_value, cur), "segments.yaml", &field("average_order_value")),
        input("m", percent(d.gross_margin, 1), "segments.yaml", &field("gross_margin")),
        input("r", percent(d.retention_rate, 1), "segments.yaml", &field("retention_rate")),
    ];
    for driver in Driver::ALL {
        let change = crate::render::format::change(seg.levers.get(driver).likely, driver.lever_is_absolute());
        let name = format!("Δ {} (likely)", lever_name(driver));
        inputs.push(input(&name, change, "segments.yaml", &field(&format!("levers.{}", driver.key()))));
    }
    inputs.extend(settings_inputs(project));
    let one = |p: &crate::model::Drivers, clv: f64| {
        format!(
            "{} × {} × {} × Σ ({} / {})^t, t = 1..{} = {}",
            number(p.purchases_per_year, 2),
            number(p.average_order_value, 0),
            number(p.gross_margin, 3),
            number(p.retention_rate, 3),
            number(1.0 + s.discount_rate, 2),
            s.horizon_years,
            number(clv, 0)
        )
    };
    let likely = &x.scenarios.likely.value;
    Derivation {
        id: format!("derivation-clv-{}", seg.id),
        title: format!("Customer lifetime value, {}", seg.name),
        formula: "CLV = f · v · m × Σ_{t=1..H} (r / (1+d))^t".into(),
        substituted: format!(
            "today: {};  likely: {}",
            one(d, x.baseline.clv),
            one(&likely.drivers, likely.clv)
        ),
        result: format!("{} → {}", money(x.baseline.clv, cur), money(likely.clv, cur)),
        inputs,
    }
}

fn payback(m: &Metrics, cur: &str) -> Derivation {
    let likely = &m.programme.scenarios.likely;
    let rows = likely
        .cumulative
        .iter()
        .map(|p| {
            format!(
                "year {}: value {} / investment {}",
                p.year,
                number(p.cumulative_value_uplift, 0),
                number(p.cumulative_investment, 0)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Derivation {
        id: "derivation-payback".into(),
        title: "Payback (likely)".into(),
        formula: "first point where cumulative discounted value uplift ≥ cumulative discounted investment, linear within the year".into(),
        substituted: rows,
        result: likely.payback_months.map_or_else(|| "not within the horizon".to_owned(), |mo| format!("{} months", number(mo, 1))),
        inputs: vec![input("currency", cur.to_owned(), "project.yaml", "currency")],
    }
}

/// Every number the consultant typed, with its file and field.
pub fn assumptions(project: &Project) -> Vec<Assumption> {
    let cur = project.meta.currency.as_str();
    let s = &project.settings;
    let mut rows = vec![
        Assumption {
            file: "project.yaml",
            field: "target_uplift".into(),
            value: format!("{} – {}", percent(s.target_min, 1), percent(s.target_max, 1)),
        },
        Assumption {
            file: "project.yaml",
            field: "horizon_years".into(),
            value: s.horizon_years.to_string(),
        },
        Assumption {
            file: "project.yaml",
            field: "discount_rate".into(),
            value: percent(s.discount_rate, 1),
        },
        Assumption { file: "project.yaml", field: "hourly_rate".into(), value: money(s.hourly_rate, cur) },
        Assumption {
            file: "project.yaml",
            field: "simulation".into(),
            value: format!("{} draws, seed {}", number(f64::from(s.draws), 0), s.seed),
        },
    ];
    for (i, seg) in project.segments.iter().enumerate() {
        let f = |name: &str| format!("segments[{i}].{name} ({})", seg.id);
        rows.push(Assumption {
            file: "segments.yaml",
            field: f("customers"),
            value: number(seg.customers, 0),
        });
        for d in Driver::ALL {
            let value = super::economics::driver_value(d, *seg.drivers.get(d), cur);
            rows.push(Assumption { file: "segments.yaml", field: f(d.key()), value });
        }
        for d in Driver::ALL {
            let e = seg.levers.get(d);
            if *e != crate::model::Estimate::default() {
                let c = |x: f64| crate::render::format::change(x, d.lever_is_absolute());
                rows.push(Assumption {
                    file: "segments.yaml",
                    field: f(&format!("levers.{}", d.key())),
                    value: format!("{} / {} / {}", c(e.low), c(e.likely), c(e.high)),
                });
            }
            if let Some(b) = seg.benchmarks.get(d) {
                let (file, field) = match b.source {
                    crate::model::BenchmarkSource::Segment => {
                        ("segments.yaml", f(&format!("benchmarks.{}", d.key())))
                    }
                    crate::model::BenchmarkSource::Project => {
                        ("project.yaml", format!("benchmarks.{} (used for {})", d.key(), seg.id))
                    }
                };
                rows.push(Assumption { file, field, value: super::economics::driver_value(d, b.value, cur) });
            }
        }
        rows.push(Assumption {
            file: "segments.yaml",
            field: f("acquisition"),
            value: format!(
                "{} new customers for {} a year",
                number(seg.new_customers_per_year, 0),
                money(seg.acquisition_spend_per_year, cur)
            ),
        });
    }
    rows
}
