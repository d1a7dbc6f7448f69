//! The four value drivers of a customer relationship and the programme's levers on them.

use serde::Serialize;

/// A value driver of a segment: what a customer relationship is worth is made of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    RetentionRate,
    PurchasesPerYear,
    AverageOrderValue,
    GrossMargin,
}

impl Driver {
    /// All drivers, in the order reports list them.
    pub const ALL: [Driver; 4] =
        [Driver::RetentionRate, Driver::PurchasesPerYear, Driver::AverageOrderValue, Driver::GrossMargin];

    /// The field name in the YAML files and the JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Driver::RetentionRate => "retention_rate",
            Driver::PurchasesPerYear => "purchases_per_year",
            Driver::AverageOrderValue => "average_order_value",
            Driver::GrossMargin => "gross_margin",
        }
    }

    /// The problem area a weak driver stands for (the method's names).
    pub fn problem(self) -> &'static str {
        match self {
            Driver::RetentionRate => "short customer relationships",
            Driver::PurchasesPerYear => "few purchases",
            Driver::AverageOrderValue => "small purchases",
            Driver::GrossMargin => "poor margins",
        }
    }

    /// The field this driver's lever is written as in segments.yaml. A subscription segment
    /// writes its order-value and retention levers on what it enters, `monthly_price` and
    /// `monthly_churn`, and has no purchases lever (`None`).
    pub fn lever_key(self, subscription: bool) -> Option<&'static str> {
        match (subscription, self) {
            (true, Driver::PurchasesPerYear) => None,
            (true, Driver::AverageOrderValue) => Some("monthly_price"),
            (true, Driver::RetentionRate) => Some("monthly_churn"),
            _ => Some(self.key()),
        }
    }

    /// Whether a lever on this driver adds points (rates) rather than per cent (volumes).
    pub fn lever_is_absolute(self) -> bool {
        matches!(self, Driver::RetentionRate | Driver::GrossMargin)
    }
}

/// One value per driver.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PerDriver<T> {
    pub retention_rate: T,
    pub purchases_per_year: T,
    pub average_order_value: T,
    pub gross_margin: T,
}

impl<T> PerDriver<T> {
    pub fn get(&self, driver: Driver) -> &T {
        match driver {
            Driver::RetentionRate => &self.retention_rate,
            Driver::PurchasesPerYear => &self.purchases_per_year,
            Driver::AverageOrderValue => &self.average_order_value,
            Driver::GrossMargin => &self.gross_margin,
        }
    }

    pub fn get_mut(&mut self, driver: Driver) -> &mut T {
        match driver {
            Driver::RetentionRate => &mut self.retention_rate,
            Driver::PurchasesPerYear => &mut self.purchases_per_year,
            Driver::AverageOrderValue => &mut self.average_order_value,
            Driver::GrossMargin => &mut self.gross_margin,
        }
    }

    /// Builds a value per driver from a function of the driver.
    pub fn from_fn(mut f: impl FnMut(Driver) -> T) -> Self {
        Self {
            retention_rate: f(Driver::RetentionRate),
            purchases_per_year: f(Driver::PurchasesPerYear),
            average_order_value: f(Driver::AverageOrderValue),
            gross_margin: f(Driver::GrossMargin),
        }
    }
}

/// A segment's economics: retention `r` and margin `m` in 0..1 (retention below 1),
/// purchases per year `f` and order value `v` positive.
pub type Drivers = PerDriver<f64>;

impl Drivers {
    /// Margin earned per retained customer per year: `M = f·v·m`.
    pub fn annual_margin(&self) -> f64 {
        self.purchases_per_year * self.average_order_value * self.gross_margin
    }

    /// These drivers with `delta` applied to one of them: points added to a rate,
    /// per cent added to a volume (`f·(1+Δ)`).
    #[must_use]
    pub fn with_lever(mut self, driver: Driver, delta: f64) -> Self {
        let value = self.get_mut(driver);
        if driver.lever_is_absolute() {
            *value += delta;
        } else {
            *value *= 1.0 + delta;
        }
        self
    }

    /// These drivers with every lever applied at one point of its estimate.
    #[must_use]
    pub fn with_levers(self, levers: &PerDriver<f64>) -> Self {
        Driver::ALL.into_iter().fold(self, |d, driver| d.with_lever(driver, *levers.get(driver)))
    }
}

/// A segment's drivers today, as entered or derived from the client's data, and checked:
/// retention `r` in 0..1 (below 1), purchases a year `f` and order value `v` finite and above
/// 0, margin `m` in 0..=1. Only [`Economics::new`] builds one, and it refuses anything else,
/// so a formula that divides by `f·v` or by `1 − r·…` never meets a zero or a `NaN`:
///
/// ```
/// use uplift::model::{Drivers, Economics};
/// let today = Drivers { retention_rate: 0.8, purchases_per_year: 4.0, average_order_value: 900.0, gross_margin: 0.3 };
/// assert!(Economics::new(today).is_some());
/// assert!(Economics::new(Drivers { retention_rate: 1.0, ..today }).is_none());
/// assert!(Economics::new(Drivers { purchases_per_year: 0.0, ..today }).is_none());
/// assert!(Economics::new(Drivers { average_order_value: f64::NAN, ..today }).is_none());
/// assert!(Economics::new(Drivers { gross_margin: 1.5, ..today }).is_none());
/// ```
///
/// It reads as the plain [`Drivers`] it holds (`Deref`), which is what every formula and
/// every projection with the programme's levers computes on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Economics(Drivers);

impl Economics {
    /// `drivers` when each is in its range.
    pub fn new(drivers: Drivers) -> Option<Self> {
        let positive = |x: f64| x.is_finite() && x > 0.0;
        let sound = (0.0..1.0).contains(&drivers.retention_rate)
            && positive(drivers.purchases_per_year)
            && positive(drivers.average_order_value)
            && (0.0..=1.0).contains(&drivers.gross_margin);
        sound.then_some(Self(drivers))
    }
}

impl std::ops::Deref for Economics {
    type Target = Drivers;

    fn deref(&self) -> &Drivers {
        &self.0
    }
}

/// The three points of an estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    Low,
    Likely,
    High,
}

impl Scenario {
    pub const ALL: [Scenario; 3] = [Scenario::Low, Scenario::Likely, Scenario::High];
}

/// A three-point estimate with `low ≤ likely ≤ high`; one certain number has all three equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
}

impl Estimate {
    pub fn certain(value: f64) -> Self {
        Self { low: value, likely: value, high: value }
    }

    pub fn at(&self, scenario: Scenario) -> f64 {
        match scenario {
            Scenario::Low => self.low,
            Scenario::Likely => self.likely,
            Scenario::High => self.high,
        }
    }

    /// Whether the estimate is uncertain at all (worth simulating and charting).
    pub fn is_uncertain(&self) -> bool {
        self.low < self.high
    }
}

impl PerDriver<Estimate> {
    /// Every lever at one scenario's point.
    pub fn at(&self, scenario: Scenario) -> PerDriver<f64> {
        PerDriver::from_fn(|d| self.get(d).at(scenario))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drivers() -> Drivers {
        Drivers {
            retention_rate: 0.8,
            purchases_per_year: 10.0,
            average_order_value: 500.0,
            gross_margin: 0.3,
        }
    }

    #[test]
    fn annual_margin_is_frequency_times_value_times_margin() {
        assert!((drivers().annual_margin() - 1500.0).abs() < 1e-9);
    }

    #[test]
    fn rate_levers_add_points_and_volume_levers_add_per_cent() {
        let d = drivers()
            .with_lever(Driver::RetentionRate, 0.03)
            .with_lever(Driver::PurchasesPerYear, 0.10)
            .with_lever(Driver::AverageOrderValue, -0.02)
            .with_lever(Driver::GrossMargin, 0.01);
        assert!((d.retention_rate - 0.83).abs() < 1e-12);
        assert!((d.purchases_per_year - 11.0).abs() < 1e-12);
        assert!((d.average_order_value - 490.0).abs() < 1e-12);
        assert!((d.gross_margin - 0.31).abs() < 1e-12);
    }
}
