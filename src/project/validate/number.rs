//! What each kind of number may be, and the hint when it is not.
//!
//! Rates are fractions (`0.78`) or per cent text (`"78%"`); a bare `78` where a
//! rate is expected is the most common slip, so it gets its own hint.

use crate::project::raw::Num;

/// The kinds of numbers the project files hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A fraction in 0..=1, or per cent text.
    Rate,
    /// A change in a rate or a volume, in -1..=1, or per cent text (`"+3%"`).
    Delta,
    /// Money or hours, ≥ 0.
    Amount,
    /// Money or hours that may be negative (freed rather than spent).
    Signed,
    /// Strictly positive (order value, purchases per year).
    Positive,
    /// A whole number ≥ 0.
    Count,
    /// A score on a scale `min..=max`.
    Score(f64, f64),
    /// A whole number in `min..=max`.
    Whole(u32, u32),
}

/// The largest money amount, count or volume accepted: far above any real project, far
/// below where sums over thousands of segments lose precision or overflow.
const MAX: f64 = 1e12;

/// Reads a number of `kind`, or says what is wrong and how to fix it.
pub fn interpret(num: &Num, kind: Kind) -> Result<f64, (String, Option<String>)> {
    let value = match num {
        Num::Number(x) => *x,
        Num::Text(text) => parse_text(text, kind)?,
    };
    if !value.is_finite() {
        return Err(("must be a finite number".into(), None));
    }
    check_range(value, kind)
}

fn parse_text(text: &str, kind: Kind) -> Result<f64, (String, Option<String>)> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err((
            "has no value".into(),
            Some("write a number after the colon, or remove the line".into()),
        ));
    }
    let percent_allowed = matches!(kind, Kind::Rate | Kind::Delta);
    if let Some(number) = trimmed.strip_suffix('%') {
        if let (true, Ok(x)) = (percent_allowed, number.trim().parse::<f64>()) {
            return Ok(x / 100.0);
        }
        if !percent_allowed {
            return Err((
                format!("`{text}` is a percentage, but this field is not a rate"),
                Some("write a plain number".into()),
            ));
        }
    } else if let Ok(x) = trimmed.parse::<f64>() {
        return Ok(x);
    }
    let hint = if percent_allowed {
        "write a fraction such as 0.78, or a percentage such as 78%"
    } else {
        "write a plain number without currency, units or thousands separators, e.g. 1250000"
    };
    Err((format!("`{text}` is not a number"), Some(hint.into())))
}

fn check_range(x: f64, kind: Kind) -> Result<f64, (String, Option<String>)> {
    let fail = |message: String, hint: Option<String>| Err((message, hint));
    match kind {
        Kind::Rate if (1.0..=100.0).contains(&x) && x > 1.0 => fail(
            format!("rate {x} is above 1 (100 %)"),
            Some(format!("write {} or {x}%", fmt_fraction(x / 100.0))),
        ),
        Kind::Rate if !(0.0..=1.0).contains(&x) => {
            fail(format!("rate {x} is outside 0–1"), Some("write a fraction such as 0.78, or 78%".into()))
        }
        Kind::Delta if x.abs() > 1.0 => fail(
            format!("change {x} is outside −1…1"),
            Some(format!(
                "levers are fractions: write {} or {x}% (3 points of retention is 0.03)",
                fmt_fraction(x / 100.0)
            )),
        ),
        Kind::Signed if x.abs() > MAX => fail(
            format!("{x:e} is implausibly large"),
            Some("project figures stay within a million million (10^12); check the units".into()),
        ),
        Kind::Amount | Kind::Count | Kind::Positive if x > MAX => fail(
            format!("{x:e} is implausibly large"),
            Some("project figures stay below a million million (10^12); check the units".into()),
        ),
        Kind::Amount | Kind::Count if x < 0.0 => {
            fail(format!("{x} is negative"), Some("write 0 or more".into()))
        }
        Kind::Positive if x <= 0.0 => fail(format!("{x} must be above 0"), None),
        Kind::Count if x.fract() != 0.0 => fail(format!("{x} is not a whole number"), None),
        Kind::Score(lo, hi) if !(lo..=hi).contains(&x) => {
            fail(format!("score {x} is outside {lo}–{hi}"), Some(format!("score on the scale {lo} to {hi}")))
        }
        Kind::Whole(lo, hi) if x.fract() != 0.0 || x < f64::from(lo) || x > f64::from(hi) => fail(
            format!("{x} is not a whole number from {lo} to {hi}"),
            Some(format!("write a whole number from {lo} to {hi}")),
        ),
        _ => Ok(x),
    }
}

/// `0.78` for 0.78, without float noise such as `0.7800000000000001`.
fn fmt_fraction(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(num: &Num, kind: Kind) -> Result<f64, String> {
        interpret(num, kind).map_err(|(m, h)| format!("{m} | {}", h.unwrap_or_default()))
    }

    #[test]
    fn rates_accept_fractions_and_percent_text() {
        assert_eq!(read(&Num::Number(0.78), Kind::Rate), Ok(0.78));
        assert_eq!(read(&Num::Text("78%".into()), Kind::Rate), Ok(0.78));
        assert_eq!(read(&Num::Text(" 7.5 % ".into()), Kind::Rate), Ok(0.075));
        assert_eq!(read(&Num::Text("-2%".into()), Kind::Delta), Ok(-0.02));
    }

    #[test]
    fn a_bare_percentage_where_a_rate_belongs_gets_the_hint() {
        assert_eq!(
            read(&Num::Number(78.0), Kind::Rate),
            Err("rate 78 is above 1 (100 %) | write 0.78 or 78%".into())
        );
        let err = read(&Num::Number(3.0), Kind::Delta).unwrap_err();
        assert!(err.contains("write 0.03 or 3%"), "{err}");
    }

    #[test]
    fn money_refuses_text_and_negatives() {
        assert!(read(&Num::Text("1.2m".into()), Kind::Amount).unwrap_err().contains("not a number"));
        assert!(read(&Num::Number(-5.0), Kind::Amount).unwrap_err().contains("negative"));
        assert!(read(&Num::Text("5%".into()), Kind::Amount).unwrap_err().contains("not a rate"));
        assert_eq!(read(&Num::Text("1250000".into()), Kind::Amount), Ok(1_250_000.0));
    }

    #[test]
    fn implausibly_large_figures_are_refused() {
        assert!(read(&Num::Number(1e20), Kind::Count).unwrap_err().contains("implausibly large"));
        assert!(read(&Num::Number(1e308), Kind::Positive).is_err());
        assert_eq!(read(&Num::Number(1e12), Kind::Amount), Ok(1e12));
    }

    #[test]
    fn an_empty_value_is_named_as_such() {
        assert_eq!(
            read(&Num::Text(String::new()), Kind::Amount),
            Err("has no value | write a number after the colon, or remove the line".into())
        );
    }

    #[test]
    fn scores_counts_and_whole_numbers_are_bounded() {
        assert!(read(&Num::Number(6.0), Kind::Score(1.0, 5.0)).is_err());
        assert_eq!(read(&Num::Number(3.5), Kind::Score(1.0, 5.0)), Ok(3.5));
        assert!(read(&Num::Number(2.5), Kind::Count).is_err());
        assert!(read(&Num::Number(0.0), Kind::Whole(1, 30)).is_err());
        assert!(read(&Num::Number(f64::NAN), Kind::Amount).is_err());
        assert!(read(&Num::Number(0.0), Kind::Positive).is_err());
    }
}
