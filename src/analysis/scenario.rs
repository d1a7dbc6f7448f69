//! A value for each scenario of the three-point estimates.

use serde::Serialize;

use crate::model::Scenario;

/// One value per scenario (low, likely, high).
#[derive(Clone, Debug, Serialize)]
pub struct PerScenario<T> {
    pub low: T,
    pub likely: T,
    pub high: T,
}

impl<T> PerScenario<T> {
    pub fn from_fn(mut f: impl FnMut(Scenario) -> T) -> Self {
        Self { low: f(Scenario::Low), likely: f(Scenario::Likely), high: f(Scenario::High) }
    }

    pub fn get(&self, scenario: Scenario) -> &T {
        match scenario {
            Scenario::Low => &self.low,
            Scenario::Likely => &self.likely,
            Scenario::High => &self.high,
        }
    }
}
