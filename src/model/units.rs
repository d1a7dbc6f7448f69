//! Validated scalars: a value of these types is in its range, so nothing after loading checks
//! it again. Each is built only through a constructor that refuses a value outside it:
//!
//! ```
//! use uplift::model::{FivePoint, Money, Quantity, Rate, Score, TenPoint};
//! assert!(Rate::new(0.09).is_some());
//! assert!(Rate::new(1.2).is_none() && Rate::new(f64::NAN).is_none());
//! assert!(Money::new(-1.0).is_none() && Money::new(f64::INFINITY).is_none());
//! assert!(Quantity::new(-0.5).is_none() && Quantity::new(f64::NAN).is_none());
//! assert!(Score::new(0).is_none() && Score::new(6).is_none());
//! assert!(FivePoint::new(0.9).is_none() && FivePoint::new(5.5).is_none());
//! assert!(TenPoint::new(-0.1).is_none() && TenPoint::new(10.5).is_none());
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

/// Declares a finite, non-negative amount type: one definition for each unit, so that money
/// cannot be passed where customers are meant.
macro_rules! non_negative {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd, Serialize)]
        #[serde(transparent)]
        pub struct $name(f64);

        impl $name {
            /// `x` when it is finite and not negative (`-0` becomes `0`).
            pub fn new(x: f64) -> Option<Self> {
                (x.is_finite() && x >= 0.0).then_some(Self(x + 0.0))
            }

            pub fn get(self) -> f64 {
                self.0
            }
        }
    };
}

non_negative!(
    /// An amount of money in the project currency (or money per hour): finite, ≥ 0.
    Money
);

non_negative!(
    /// A number of things: customers, customers a year, hours a year, products per customer;
    /// finite, ≥ 0. It may be an average, so it need not be whole.
    Quantity
);

/// A score on the scale `LO..=HI` that a workshop gives, which may be an average (`3.5`).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct OnScale<const LO: u8, const HI: u8>(f64);

impl<const LO: u8, const HI: u8> OnScale<LO, HI> {
    /// `x` when it is in `LO..=HI`.
    pub fn new(x: f64) -> Option<Self> {
        (f64::from(LO)..=f64::from(HI)).contains(&x).then_some(Self(x))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// A touchpoint's importance or performance, 1–5.
pub type FivePoint = OnScale<1, 5>;

/// A job's importance or satisfaction, 0–10.
pub type TenPoint = OnScale<0, 10>;

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
        assert_eq!(Quantity::new(-0.0).map(Quantity::get), Some(0.0));
        assert_eq!(FivePoint::new(1.0).map(FivePoint::get), Some(1.0));
        assert_eq!(FivePoint::new(3.5).map(FivePoint::get), Some(3.5));
        assert_eq!(TenPoint::new(0.0).map(TenPoint::get), Some(0.0));
        assert_eq!(TenPoint::new(10.0).map(TenPoint::get), Some(10.0));
    }

    #[test]
    fn they_serialise_as_the_plain_number() {
        let json = serde_json::to_string(&(Rate::new(0.09), Money::new(380_000.0), Score::new(4))).unwrap();
        assert_eq!(json, "[0.09,380000.0,4]");
    }
}
