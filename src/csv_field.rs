//! Writing CSV fields: exact for files `uplift` reads back, defused for spreadsheets.
//! Shared by the data commands and the report's tables (`build --assets`).
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
