//! A table as CSV the way a spreadsheet in the report's language opens it: `,` and a
//! decimal point in English; `;` and a decimal comma in Danish, Norwegian and Swedish, as
//! Nordic Excel expects. UTF-8 with a byte-order mark, so Excel reads æ, ø and å right.

use super::tables::{Cell, Kind, Table};
use crate::csv_field::push_for_spreadsheet;
use crate::render::locale::Language;

/// `table` as CSV for `language`.
pub fn write(table: &Table, language: Language) -> String {
    let (separator, decimal) = if language == Language::En { (',', '.') } else { (';', ',') };
    let mut out = String::from('\u{feff}');
    let headers: Vec<String> = table
        .columns
        .iter()
        .map(|c| if c.kind == Kind::Percent { format!("{} (%)", c.header) } else { c.header.clone() })
        .map(|h| field(&h, separator))
        .collect();
    out.push_str(&headers.join(&separator.to_string()));
    out.push_str("\r\n");
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&table.columns)
            .map(|(cell, column)| match cell {
                Cell::Text(text) => field(text, separator),
                Cell::Number(x) => number(*x, column.kind).replace('.', &decimal.to_string()),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A number as the column writes it, with a decimal point and no grouping.
fn number(x: f64, kind: Kind) -> String {
    let text = match kind {
        Kind::Money => format!("{x:.0}"),
        Kind::Percent => format!("{:.1}", x * 100.0),
        Kind::Decimal(d) => format!("{x:.d$}"),
        Kind::Text => x.to_string(),
    };
    // `-0` is 0.
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

/// A text field, never read as a formula: the names in a received project are not to be
/// trusted.
fn field(text: &str, separator: char) -> String {
    let mut out = String::new();
    push_for_spreadsheet(&mut out, text, separator);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::assets::tables::Column;

    fn table() -> Table {
        Table {
            file: "t",
            title: "T".into(),
            columns: vec![
                Column { header: "Segment".into(), kind: Kind::Text },
                Column { header: "CLV".into(), kind: Kind::Money },
                Column { header: "Uplift".into(), kind: Kind::Percent },
                Column { header: "Rate".into(), kind: Kind::Decimal(2) },
            ],
            rows: vec![
                vec![
                    Cell::Text("Installers; DK".into()),
                    Cell::Number(28_840.4),
                    Cell::Number(0.10596),
                    Cell::Number(1.5),
                ],
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Number(-0.2),
                    Cell::Empty,
                    Cell::Number(-0.001),
                ],
            ],
        }
    }

    #[test]
    fn english_uses_commas_and_a_decimal_point() {
        let csv = write(&table(), Language::En);
        assert_eq!(
            csv,
            "\u{feff}Segment,CLV,Uplift (%),Rate\r\nInstallers; DK,28840,10.6,1.50\r\n\"'=HYPERLINK(\"\"x\"\")\",0,,0.00\r\n"
        );
    }

    #[test]
    fn nordic_languages_use_semicolons_and_a_decimal_comma() {
        let csv = write(&table(), Language::Da);
        assert_eq!(
            csv,
            "\u{feff}Segment;CLV;Uplift (%);Rate\r\n\"Installers; DK\";28840;10,6;1,50\r\n\"'=HYPERLINK(\"\"x\"\")\";0;;0,00\r\n"
        );
    }
}
