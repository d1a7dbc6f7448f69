//! Writing CSV fields: exact for files `uplift` reads back, defused for spreadsheets, and
//! numbers and dates as `{}` writes them, without its machinery. Shared by the data
//! commands and the report's tables (`build --assets`).
//!
//! The summary CSV (`uplift summarise`) is an interchange file that `uplift fit` and the
//! warehouse read back, so its ids are written exactly as they are, quoted only where
//! CSV needs it. The predictions CSV (`uplift fit --predictions`) and the tables of
//! `build --assets` are meant to be opened in
//! a spreadsheet, where a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is read as a formula — a customer id `=HYPERLINK("https://…")` in a client's
//! export would become a live link. Those cells get a leading `'`, as OWASP recommends
//! against CSV injection, and are quoted.

/// Appends `s` as one field between `separator`s, quoted when it holds the separator, a
/// quote or a line break.
pub fn push_exact(out: &mut String, s: &str, separator: char) {
    if s.contains([separator, '"', '\n', '\r']) {
        push_quoted(out, s);
    } else {
        out.push_str(s);
    }
}

/// Appends `s` as one field a spreadsheet shows as text, never runs as a formula.
pub fn push_for_spreadsheet(out: &mut String, s: &str, separator: char) {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        push_quoted(out, &format!("'{s}"));
    } else {
        push_exact(out, s, separator);
    }
}

/// Appends `n` in decimal, as `{}` writes it, without the formatting machinery: a summary
/// of a million customers writes some ten million numbers.
pub fn push_number(out: &mut String, n: u64) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Appends `date` as `{}` writes it (`2026-10-31`), the digits pushed directly for the
/// four-digit years every date read has.
pub fn push_date(out: &mut String, date: chrono::NaiveDate) {
    use chrono::Datelike;
    let Some(year) = u32::try_from(date.year()).ok().filter(|&y| y <= 9999) else {
        out.push_str(&date.to_string());
        return;
    };
    let two = |out: &mut String, n: u32| {
        out.push(char::from(b'0' + u8::try_from(n / 10).unwrap_or(0)));
        out.push(char::from(b'0' + u8::try_from(n % 10).unwrap_or(0)));
    };
    two(out, year / 100);
    two(out, year % 100);
    out.push('-');
    two(out, date.month());
    out.push('-');
    two(out, date.day());
}

/// Appends `x` with six decimals exactly as `{:.6}` writes it, without its machinery: the
/// summary writes an average per customer, a million of them, and the general formatter
/// took a tenth of a second of a core for them.
///
/// What `{:.6}` writes is the binary value's exact decimal expansion rounded to six places,
/// a tie to the even last digit (`0.0078125` is `0.007812`), with the sign of any
/// negative value, zero too (`-0.000000`). A finite `x` is `mantissa · 2^-shift`; its
/// millionths are `mantissa · 10⁶ / 2^shift`, which 128-bit integers hold exactly for
/// every `x` below 10¹² (the mantissa has 53 bits, 10⁶ adds 20). Larger values, and
/// infinities and NaN, take the general formatter.
pub fn push_six_places(out: &mut String, x: f64) {
    const MILLION: u64 = 1_000_000;
    if !x.is_finite() || x.abs() >= 1e12 {
        use std::fmt::Write as _;
        let _ = write!(out, "{x:.6}");
        return;
    }
    let bits = x.to_bits();
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // 11 bits
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // Subnormals have no hidden bit and the smallest exponent. Below 10¹² the shift is at
    // least 13.
    let (mantissa, shift) =
        if exponent == 0 { (fraction, 1074) } else { (fraction | (1 << 52), 1075 - exponent) };
    let scaled = u128::from(mantissa) * u128::from(MILLION);
    let millionths = if shift >= 128 {
        0 // below 2⁻⁷⁵ · 10⁶: less than half a millionth
    } else {
        let (quotient, remainder) = (scaled >> shift, scaled & ((1 << shift) - 1));
        let half = 1 << (shift - 1);
        quotient + u128::from(remainder > half || (remainder == half && quotient & 1 == 1))
    };
    let millionths = u64::try_from(millionths).unwrap_or(u64::MAX);
    if x.is_sign_negative() {
        out.push('-');
    }
    push_number(out, millionths / MILLION);
    out.push('.');
    push_padded(out, millionths % MILLION, 6);
}

/// Appends `n` with at least `width` digits, zeros in front, as `{n:0width$}` writes it.
pub fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(digits);
}

fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(push: fn(&mut String, &str, char), s: &str) -> String {
        let mut out = String::new();
        push(&mut out, s, ',');
        out
    }

    #[test]
    fn numbers_and_dates_are_written_as_display_writes_them() {
        let number = |n| {
            let mut out = String::new();
            push_number(&mut out, n);
            out
        };
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(number(n), n.to_string());
        }
        let date = |d: chrono::NaiveDate| {
            let mut out = String::from("x");
            push_date(&mut out, d);
            out
        };
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut d = day(1969, 12, 25);
        while d < day(2031, 1, 5) {
            assert_eq!(date(d), format!("x{d}"));
            d = d.succ_opt().unwrap();
        }
        for d in [
            day(0, 1, 1),
            day(7, 3, 9),
            day(999, 12, 31),
            day(9999, 12, 31),
            day(10_000, 1, 1),
            day(-1, 6, 30),
        ] {
            assert_eq!(date(d), format!("x{d}"));
        }
    }

    #[test]
    fn six_places_are_written_as_display_writes_them() {
        let six = |x: f64| {
            let mut out = String::new();
            push_six_places(&mut out, x);
            out
        };
        let mut values = vec![
            0.0,
            -0.0,
            -1e-9,
            5e-7,
            1.5e-6,
            2.5e-6,
            0.007_812_5, // a tie: 0.007812
            0.023_437_5, // a tie: 0.023438
            1.000_000_5,
            123_456_789.000_000_5,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE / 3.0, // subnormal
            5e-324,
            999_999_999_999.999_9,
            1e12,
            -1e12,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        // Averages of whole ten-thousandths, as the summary's monetary values are, and every
        // multiple of 2⁻¹⁰ below 4 (which includes ties at the seventh place).
        for total in (-40_000_i32..2_000_000).step_by(7) {
            for days in [1, 3, 7, 11, 365] {
                values.push(f64::from(total) / 10_000.0 / f64::from(days));
            }
        }
        values.extend((0..4096).map(|k| f64::from(k) / 1024.0));
        // Random bit patterns of every magnitude (a fixed xorshift, so the test is the same
        // in every run).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push(f64::from_bits(state));
        }
        for x in values {
            assert_eq!(six(x), format!("{x:.6}"), "{x:e}");
        }
        let mut padded = String::new();
        for (n, width) in [(0, 4), (7, 4), (1234, 4), (12_345, 4), (5, 0)] {
            padded.clear();
            push_padded(&mut padded, n, width);
            assert_eq!(padded, format!("{n:0width$}"));
        }
    }

    #[test]
    fn exact_fields_are_quoted_only_where_csv_needs_it() {
        assert_eq!(field(push_exact, "C-1"), "C-1");
        assert_eq!(field(push_exact, "=1+1"), "=1+1");
        assert_eq!(field(push_exact, "a,\"b\""), "\"a,\"\"b\"\"\"");
    }

    #[test]
    fn formula_cells_are_defused_for_spreadsheets() {
        assert_eq!(
            field(push_for_spreadsheet, "=HYPERLINK(\"https://e.test\",\"x\")"),
            "\"'=HYPERLINK(\"\"https://e.test\"\",\"\"x\"\")\""
        );
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(field(push_for_spreadsheet, s), format!("\"'{s}\""));
        }
        assert_eq!(field(push_for_spreadsheet, "C-1"), "C-1");
    }

    #[test]
    fn the_separator_decides_what_is_quoted() {
        let mut out = String::new();
        push_exact(&mut out, "a,b", ';');
        out.push(';');
        push_exact(&mut out, "a;b", ';');
        assert_eq!(out, "a,b;\"a;b\"");
    }
}
