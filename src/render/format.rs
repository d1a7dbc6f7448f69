//! Numbers, money, percentages and dates as the report shows them (English conventions).
//!
//! Every figure in the report goes through these functions, so a locale can later
//! change them in one place. Negative numbers use the true minus sign (−).

use chrono::{Datelike, NaiveDate};

/// `1,234,567` with `decimals` decimals, rounding halves away from zero (as a
/// spreadsheet does: 1,234.5 → 1,235), not to even.
pub fn number(x: f64, decimals: usize) -> String {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    let rounded = format!("{:.*}", decimals, (x.abs() * scale).round() / scale);
    let (whole, fraction) = rounded.split_once('.').map_or((rounded.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if let Some(f) = fraction {
        grouped.push('.');
        grouped.push_str(f);
    }
    let is_zero = rounded.chars().all(|c| c == '0' || c == '.');
    if x < 0.0 && !is_zero { format!("−{grouped}") } else { grouped }
}

/// `DKK 1,234,567`.
pub fn money(x: f64, currency: &str) -> String {
    format!("{currency} {}", number(x, 0))
}

/// `DKK 12.4m`, `DKK 850k`, `DKK 950`: for sentences and cards.
pub fn money_short(x: f64, currency: &str) -> String {
    let a = x.abs();
    let (value, suffix) = if a >= 999_500.0 {
        (x / 1e6, "m")
    } else if a >= 10_000.0 {
        (x / 1e3, "k")
    } else {
        return money(x, currency);
    };
    let decimals = usize::from(value.abs() < 100.0);
    format!("{currency} {}{suffix}", number(value, decimals))
}

/// `14.6%` for 0.146.
pub fn percent(x: f64, decimals: usize) -> String {
    format!("{}%", number(x * 100.0, decimals))
}

/// A probability as a reader should see it: never "100%" or "0%" for what merely
/// came close in a simulation.
pub fn probability(p: f64) -> String {
    if p > 0.99 && p < 1.0 {
        ">99%".to_owned()
    } else if p > 0.0 && p < 0.01 {
        "<1%".to_owned()
    } else {
        percent(p, 0)
    }
}

/// `+2.5 pts` or `+4.0%`: a lever's change, in points for rates and per cent for volumes.
pub fn change(x: f64, absolute: bool) -> String {
    let sign = if x > 0.0 { "+" } else { "" };
    if absolute { format!("{sign}{} pts", number(x * 100.0, 1)) } else { format!("{sign}{}", percent(x, 1)) }
}

/// `2 November 2026`.
pub fn date(d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `3.1×`.
pub fn times(x: f64) -> String {
    format!("{}×", number(x, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_signs_negatives() {
        let cases = [
            (1_234_567.891, 2, "1,234,567.89"),
            (-1_234.5, 0, "−1,235"),
            (0.0, 0, "0"),
            (-0.004, 2, "0.00"),
            (999.0, 0, "999"),
            (1000.0, 0, "1,000"),
        ];
        for (x, d, want) in cases {
            assert_eq!(number(x, d), want, "{x}");
        }
    }

    #[test]
    fn money_is_shortened_for_sentences() {
        assert_eq!(money_short(12_410_000.0, "DKK"), "DKK 12.4m");
        assert_eq!(money_short(850_000.0, "DKK"), "DKK 850k");
        assert_eq!(money_short(999_700.0, "DKK"), "DKK 1.0m");
        assert_eq!(money_short(950.0, "DKK"), "DKK 950");
        assert_eq!(money_short(-2_500_000.0, "NOK"), "NOK −2.5m");
        assert_eq!(money(4_960_754.75, "DKK"), "DKK 4,960,755");
    }

    #[test]
    fn percentages_changes_and_dates() {
        assert_eq!(percent(0.1457, 1), "14.6%");
        assert_eq!(change(0.025, true), "+2.5 pts");
        assert_eq!(change(0.04, false), "+4.0%");
        assert_eq!(change(-0.01, false), "−1.0%");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()), "2 November 2026");
        assert_eq!(times(3.16), "3.2×");
        assert_eq!(probability(0.9993), ">99%");
        assert_eq!(probability(1.0), "100%");
        assert_eq!(probability(0.004), "<1%");
        assert_eq!(probability(0.78), "78%");
    }
}
