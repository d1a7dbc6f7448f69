//! Values that parse, but probably not as the consultant meant them.
//!
//! YAML reads `average_order_value: 4.800` as 4.8: written the Danish way, four thousand
//! eight hundred becomes a thousandth of itself, and every figure built on it is wrong
//! without an error. Money and counts are never written with exactly three decimals on
//! purpose, so such a value is a warning that names the thousands reading. Rates (`0.345`)
//! start with `0.` and are left alone.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};

/// Keys whose values are money or counts.
const MONEY_AND_COUNTS: &[&str] = &[
    "customers",
    "average_order_value",
    "spend_per_year",
    "new_customers_per_year",
    "one_off",
    "annual",
    "budget_per_year",
    "hours_per_year",
    "hourly_rate",
    "won",
    "lost",
    "upsold",
];

/// A warning for each money or count value in the YAML `text` of `rel` written like `4.800`.
pub fn three_decimals(rel: &Path, text: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.split(" #").next().unwrap_or(line);
        for key in MONEY_AND_COUNTS {
            let mut from = 0;
            while let Some(at) = line[from..].find(&format!("{key}:")).map(|i| from + i) {
                from = at + key.len() + 1;
                let starts_key = at == 0
                    || !line.as_bytes()[at - 1].is_ascii_alphanumeric() && line.as_bytes()[at - 1] != b'_';
                let value = line[from..].trim_start();
                let value: &str = value.split([',', '}', ' ']).next().unwrap_or("");
                if starts_key && let Some(thousands) = thousands_reading(value) {
                    let column = line[..from].chars().count()
                        + 1
                        + (line[from..].len() - line[from..].trim_start().len());
                    warnings.push(
                        Diagnostic::new(
                            rel,
                            format!("`{value}` reads as {}", value.parse::<f64>().unwrap_or_default()),
                        )
                        .at(Some(Position {
                            line: u32::try_from(index + 1).unwrap_or(u32::MAX),
                            column: u32::try_from(column).unwrap_or(u32::MAX),
                        }))
                        .field(*key)
                        .hint(format!(
                            "if you meant {thousands}, write it without the dot: in YAML `.` is the decimal sign"
                        )),
                    );
                }
            }
        }
    }
    warnings
}

/// `4.800` → `4800`: for a value of one to three digits, not starting with 0, a `.` and
/// exactly three digits.
fn thousands_reading(value: &str) -> Option<String> {
    let (whole, decimals) = value.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && whole.len() <= 3 && !whole.starts_with('0') && digits(decimals) && decimals.len() == 3)
        .then(|| format!("{whole}{decimals}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warned(text: &str) -> Vec<String> {
        three_decimals(Path::new("segments.yaml"), text).into_iter().map(|d| d.render(None)).collect()
    }

    #[test]
    fn money_written_with_a_thousands_dot_is_named() {
        let w = warned("segments:\n  - id: a\n    average_order_value: 4.800   # DKK\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("segments.yaml:3:26: average_order_value: `4.800` reads as 4.8"), "{w:?}");
        assert!(w[0].contains("if you meant 4800, write it without the dot"), "{w:?}");
        let w = warned("investment:\n  - {item: x, one_off: 1.250, annual: 300}\n");
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn rates_and_ordinary_decimals_are_left_alone() {
        assert!(warned("gross_margin: 0.345\nretention_rate: 0.800\n").is_empty());
        assert!(warned("average_order_value: 4800\npurchases_per_year: 9.125\n").is_empty());
        assert!(warned("average_order_value: 4.8\ncustomers: 1.2345\n").is_empty());
        assert!(warned("new_customers: 1.250\n").is_empty(), "only the listed keys");
    }
}
