//! All tables in one `.xlsx` workbook, a sheet per table: numbers as numbers with formats,
//! text as text (never a formula), the same bytes for the same project.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::tables::{Cell, Kind, Table};
use crate::error::Error;

/// The workbook of `tables`, dated `date` (the project's date, so that it is reproducible).
pub fn write(tables: &[Table], date: NaiveDate) -> Result<Vec<u8>, Error> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Tool(format!("cannot write the workbook: {e}"));
    let mut book = Workbook::new();
    // Excel dates run from 1900 to 9999; a project dated outside them gets no creation date
    // rather than a wrong one.
    let created = u16::try_from(date.year()).ok().and_then(|year| {
        let (month, day) = (u8::try_from(date.month()).ok()?, u8::try_from(date.day()).ok()?);
        ExcelDateTime::from_ymd(year, month, day).ok()
    });
    if let Some(created) = created {
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.title, &mut used)).map_err(fail)?;
        for (c, column) in table.columns.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, col, &column.header, &bold).map_err(fail)?;
            let width = if column.kind == Kind::Text { 36.0 } else { 16.0 };
            sheet.set_column_width(col, width).map_err(fail)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let at = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
                let col = u16::try_from(c).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(text) => {
                        sheet.write_string(at, col, excel_text(text)).map_err(fail)?;
                    }
                    Cell::Number(x) => {
                        sheet.write_number_with_format(at, col, *x, &format(column.kind)).map_err(fail)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The most characters a cell holds in Excel.
const MAX_CELL: usize = 32_767;

/// `text` as a cell can hold it: cut with `…` past Excel's limit.
fn excel_text(text: &str) -> String {
    if text.chars().count() <= MAX_CELL {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(MAX_CELL - 1).collect();
        cut.push('…');
        cut
    }
}

fn format(kind: Kind) -> Format {
    let code = match kind {
        Kind::Money | Kind::Decimal(0) => "#,##0".to_owned(),
        Kind::Percent => "0.0%".to_owned(),
        Kind::Decimal(d) => format!("#,##0.{}", "0".repeat(d)),
        Kind::Text => "@".to_owned(),
    };
    Format::new().set_num_format(code)
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String =
        title.chars().map(|c| if "[]:*?/\\'".contains(c) { '-' } else { c }).take(28).collect();
    let clean = clean.trim().to_owned();
    let mut name = if clean.is_empty() { "Sheet".to_owned() } else { clean };
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{} {n}", name.chars().take(27).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("Win/loss", &mut used), "Win-loss");
        assert_eq!(sheet_name("Win/loss", &mut used), "Win-loss 2");
        let long = sheet_name("A very long title of a table that Excel would refuse", &mut used);
        assert!(long.chars().count() <= 31, "{long}");
    }

    /// What `check` accepts, the workbook holds: a text longer than an Excel cell is cut with
    /// `…`, and a project dated before 1900 gets no creation date instead of an error.
    #[test]
    fn a_long_text_and_an_early_date_still_make_a_workbook() {
        use crate::render::assets::tables::Column;
        let table = Table {
            file: "t",
            title: "T".into(),
            columns: vec![Column { header: "Item".into(), kind: Kind::Text }],
            rows: vec![vec![Cell::Text("x".repeat(40_000))]],
        };
        let date = NaiveDate::from_ymd_opt(1066, 10, 14).unwrap();
        assert!(write(&[table], date).unwrap().starts_with(b"PK"));
        let cut = excel_text(&"é".repeat(40_000));
        assert_eq!(cut.chars().count(), MAX_CELL);
        assert!(cut.ends_with('…'));
    }
}
