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
