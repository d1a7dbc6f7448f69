//! Validated scalars: a value of these types is in its range, so nothing after loading checks
//! it again. Each is built only through a constructor that refuses a value outside it:
//!
//! ```
//! use uplift::model::{Money, Rate, Score};
//! assert!(Rate::new(0.09).is_some());
//! assert!(Rate::new(1.2).is_none() && Rate::new(f64::NAN).is_none());
//! assert!(Money::new(-1.0).is_none() && Money::new(f64::INFINITY).is_none());
//! assert!(Score::new(0).is_none() && Score::new(6).is_none());
//! ```
//!
//! They serialise as the plain number, so the metrics JSON is unchanged by them.

use serde::Serialize;

/// A share in 0..=1: a rate, a correlation, a share of an effect.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Rate(f64);

impl Rate {
    /// `x` when it is in 0..=1.
    pub fn new(x: f64) -> Option<Self> {
        (0.0..=1.0).contains(&x).then_some(Self(x))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// An amount of money in the project currency (or hours, or customers a year): finite, ≥ 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Money(f64);

impl Money {
    /// `x` when it is finite and not negative.
    pub fn new(x: f64) -> Option<Self> {
        (x.is_finite() && x >= 0.0).then_some(Self(x + 0.0))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// A score on the 1–5 scale of risks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    /// `x` when it is 1..=5.
    pub fn new(x: u8) -> Option<Self> {
        (1..=5).contains(&x).then_some(Self(x))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_of_each_range_are_in_it() {
        assert_eq!(Rate::new(0.0).map(Rate::get), Some(0.0));
        assert_eq!(Rate::new(1.0).map(Rate::get), Some(1.0));
        assert_eq!(Money::new(0.0).map(Money::get), Some(0.0));
        assert_eq!(Score::new(1).map(Score::get), Some(1));
        assert_eq!(Score::new(5).map(Score::get), Some(5));
    }

    #[test]
    fn they_serialise_as_the_plain_number() {
        let json = serde_json::to_string(&(Rate::new(0.09), Money::new(380_000.0), Score::new(4))).unwrap();
        assert_eq!(json, "[0.09,380000.0,4]");
    }
}
