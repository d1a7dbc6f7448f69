//! Small hand-made projects for unit tests of the analysis.

use chrono::NaiveDate;

use super::{
    Brand, BusinessCase, Drivers, Economics, Estimate, Investment, Meta, Money, PerDriver, Project, Quantity,
    Rate, Ref, Segment, Settings,
};

/// A segment with the given customers, drivers and levers, and no benchmarks.
pub fn segment(
    id: &str,
    customers: f64,
    drivers: Drivers,
    levers: PerDriver<Estimate>,
    focus: bool,
) -> Segment {
    Segment {
        id: id.into(),
        name: id.into(),
        customers: Quantity::new(customers).expect("a test segment's customers are a quantity"),
        drivers: Economics::new(drivers).expect("a test segment's drivers are in range"),
        focus,
        new_customers_per_year: Quantity::default(),
        acquisition_spend_per_year: Money::default(),
        products_per_customer: None,
        benchmarks: PerDriver::default(),
        levers,
        from_data: Vec::new(),
        retention_curve: None,
        subscription: None,
    }
}

/// `x` as a rate; a test that writes one outside 0..=1 has a typo.
pub fn rate(x: f64) -> Rate {
    Rate::new(x).expect("a rate in 0..=1")
}

/// `x` as money; a test that writes a negative amount has a typo.
pub fn money(x: f64) -> Money {
    Money::new(x).expect("money ≥ 0")
}

/// `f`, `v`, `m`, `r` as drivers.
pub fn drivers(f: f64, v: f64, m: f64, r: f64) -> Drivers {
    Drivers { retention_rate: r, purchases_per_year: f, average_order_value: v, gross_margin: m }
}

/// A reference to the entry `id` at `index` of its list, as the loader would find it; the
/// test keeps the list it refers to consistent.
pub fn reference<T>(index: usize, id: &str) -> Ref<T> {
    Ref::declared(index, id.to_owned())
}

/// An investment line, programme-wide or for the segment at `segment = (index, id)`.
pub fn investment(one_off: f64, annual: f64, segment: Option<(usize, &str)>) -> Investment {
    Investment {
        item: "item".into(),
        one_off: money(one_off),
        annual: money(annual),
        segment: segment.map(|(index, id)| reference(index, id)),
        initiative: None,
    }
}

/// A project over `horizon` years at discount rate `d`, target 10–20 %, 1,000 draws.
pub fn project(segments: Vec<Segment>, investments: Vec<Investment>, horizon: u32, d: f64) -> Project {
    Project {
        meta: Meta {
            title: "t".into(),
            client: "c".into(),
            prepared_by: "p".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
            currency: "DKK".into(),
            language: crate::model::Language::En,
            purpose: "p".into(),
        },
        settings: Settings {
            target_min: rate(0.10),
            target_max: rate(0.20),
            horizon_years: horizon,
            discount_rate: rate(d),
            hourly_rate: money(0.0),
            draws: 1000,
            seed: 1,
            lever_correlation: rate(0.5),
            ramp_up: vec![],
            loyalty_path: super::LoyaltyPathSettings::default(),
        },
        business_case: BusinessCase::default(),
        investments,
        risks: vec![],
        timeline: vec![],
        brand: Brand::default(),
        segments,
        journey: None,
        winloss: None,
        jobs: None,
        workshops: vec![],
        sources: vec![],
        version: None,
        data: None,
        templates: vec![],
        options: vec![],
        story: crate::model::Story::default(),
        own_sections: vec![],
        images: vec![],
        warnings: vec![],
    }
}

/// A touchpoint present today, performance 3, with this importance, hours and budget a year.
pub fn touchpoint(id: &str, importance: f64, hours: f64, budget: f64) -> crate::model::Touchpoint {
    crate::model::Touchpoint {
        id: id.into(),
        phase: reference(0, "p"),
        channel: String::new(),
        name: id.into(),
        importance: crate::model::FivePoint::new(importance)
            .unwrap_or_else(|| panic!("importance {importance}")),
        performance: crate::model::FivePoint::new(3.0).unwrap_or_else(|| panic!("performance")),
        present: true,
        hours_per_year: crate::model::Quantity::new(hours).unwrap_or_default(),
        budget_per_year: money(budget),
        by_market: std::collections::BTreeMap::new(),
    }
}

/// An initiative on `touchpoints` (the journey's first ones, in order) costing `(one_off, annual, hours_per_year)`, delivering nothing.
pub fn initiative(
    id: &str,
    action: crate::model::InitiativeAction,
    touchpoints: &[&str],
    (one_off, annual, hours): (f64, f64, f64),
) -> crate::model::Initiative {
    crate::model::Initiative {
        id: id.into(),
        name: id.into(),
        action,
        touchpoints: touchpoints.iter().enumerate().map(|(index, t)| reference(index, t)).collect(),
        one_off: money(one_off),
        annual,
        hours_per_year: hours,
        delivers: vec![],
    }
}

/// A journey of one phase-less list of touchpoints and initiatives, no markets.
pub fn journey(
    touchpoints: Vec<crate::model::Touchpoint>,
    initiatives: Vec<crate::model::Initiative>,
) -> crate::model::Journey {
    crate::model::Journey { phases: vec![], touchpoints, markets: vec![], initiatives }
}
