//! `data:` in project.yaml → where the client's export is and how to read it.

use std::path::{Component, Path, PathBuf};

use super::checker::Checker;
use crate::model::ModelChoice;
use crate::project::data::{Columns, CsvFormat, DataConfig, DataInput, Margin, WrittenAt};
use crate::project::data::{DateFormat, Encoding};
use crate::project::raw::{RawColumns, RawData, Sp};

/// The path a `data:` file key names, as it is read: the text without surrounding spaces.
pub fn data_path(value: &str) -> PathBuf {
    PathBuf::from(value.trim())
}

#[allow(clippy::too_many_lines)] // one check per key of `data:`, read top to bottom
pub fn validate(raw: &Sp<RawData>, c: &mut Checker, dir: &Path) -> Option<DataConfig> {
    let at = c.pos(raw);
    let d = &raw.value;
    let file = |c: &mut Checker, v: &Option<Sp<String>>, key: &str| -> Result<Option<PathBuf>, ()> {
        let Some(v) = v else { return Ok(None) };
        let rel = data_path(&v.value);
        let inside = rel.components().all(|p| matches!(p, Component::Normal(_)));
        if !inside || !dir.join(&rel).is_file() {
            c.error(
                c.pos(v),
                &format!("data.{key}"),
                format!("file `{}` not found in the project folder", rel.display()),
                Some("give a path inside the project, e.g. data/transactions.csv".into()),
            );
            return Err(());
        }
        Ok(Some(rel))
    };
    let transactions = file(c, &d.transactions, "transactions");
    let customers = file(c, &d.customers, "customers");
    let summary = file(c, &d.summary, "summary");
    let columns = columns(d.columns.as_ref(), c);
    let input = match (transactions, customers, summary) {
        (Ok(Some(log)), Ok(customers), Ok(None)) => Some(DataInput::Transactions { log, customers }),
        (Ok(None), Ok(None), Ok(Some(summary))) => Some(DataInput::Summary(summary)),
        (Ok(Some(_)), _, Ok(Some(_))) => {
            c.error(
                at,
                "data",
                "both `transactions` and `summary` are given",
                Some("give the transaction log or the warehouse summary, not both".into()),
            );
            None
        }
        (Ok(None), Ok(Some(_)), Ok(Some(_))) => {
            c.error(
                at,
                "data.customers",
                "a customers file goes with `transactions`; the summary already has a segment column",
                None,
            );
            None
        }
        (Ok(None), _, Ok(None)) => {
            c.error(
                at,
                "data",
                "names no data file",
                Some(
                    "add `transactions: data/transactions.csv` (or `summary:` for a warehouse summary)"
                        .into(),
                ),
            );
            None
        }
        _ => None,
    };
    let delimiter = choice(
        c,
        &d.delimiter,
        "data.delimiter",
        &[(",", b','), (";", b';'), ("tab", b'\t'), ("\t", b'\t')],
        b',',
    );
    let decimal = choice(c, &d.decimal, "data.decimal", &[(".", b'.'), (",", b',')], b'.');
    let encoding = choice(
        c,
        &d.encoding,
        "data.encoding",
        &[
            ("utf-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("windows-1252", Encoding::Windows1252),
            ("cp1252", Encoding::Windows1252),
        ],
        Encoding::Utf8,
    );
    let date_format = match &d.date_format {
        None => Some(DateFormat::iso()),
        Some(v) => match DateFormat::new(v.value.trim()) {
            Ok(f) => Some(f),
            Err(e) => {
                c.error(
                    c.pos(v),
                    "data.date_format",
                    format!("`{}`: {e}", v.value),
                    Some("e.g. \"%d.%m.%Y\" for 31.12.2026, \"%Y-%m-%d\" for 2026-12-31".into()),
                );
                None
            }
        },
    };
    let observation_end = match &d.observation_end {
        None => Ok(None),
        v => c.date(v, "data.observation_end", at).map(Some).ok_or(()),
    };
    let calibration_end = match &d.calibration_end {
        None => Ok(None),
        v => c.date(v, "data.calibration_end", at).map(Some).ok_or(()),
    };
    if let (Ok(Some(_)), Some(DataInput::Summary(_)), Some(v)) =
        (&calibration_end, &input, &d.calibration_end)
    {
        c.error(
            c.pos(v),
            "data.calibration_end",
            "holdout validation needs the transactions: a summary has no purchases after the calibration end",
            Some("name the transaction log as `transactions:`, or run `uplift fit` on a summary with `holdout_frequency` (docs/metrics.md)".into()),
        );
    }
    let model = choice(
        c,
        &d.model,
        "data.model",
        &[
            ("auto", ModelChoice::Auto),
            ("bg_nbd", ModelChoice::BgNbd),
            ("pareto_nbd", ModelChoice::ParetoNbd),
            ("mbg_nbd", ModelChoice::MbgNbd),
        ],
        ModelChoice::BgNbd,
    );
    let skip = choice(c, &d.on_bad_rows, "data.on_bad_rows", &[("fail", false), ("skip", true)], false);
    if delimiter.is_some() && delimiter == decimal {
        // Point at whichever of the two was written (the delimiter first: it is the one to change).
        let written = d.delimiter.as_ref().or(d.decimal.as_ref()).and_then(|v| c.pos(v));
        c.error(
            written.or(at),
            "data.decimal",
            "the decimal sign is the same as the delimiter",
            Some("exports with a decimal comma separate fields with `;`: set `delimiter: \";\"`".into()),
        );
        return None;
    }
    Some(DataConfig {
        input: input?,
        columns: columns?,
        format: CsvFormat {
            delimiter: delimiter?,
            decimal: decimal?,
            date_format: date_format?,
            encoding: encoding?,
        },
        observation_end: observation_end.ok()?,
        calibration_end: calibration_end.ok()?,
        calibration_end_at: WrittenAt(d.calibration_end.as_ref().and_then(|v| c.pos(v))),
        model: model?,
        skip_bad_rows: skip?,
    })
}

fn columns(raw: Option<&Sp<RawColumns>>, c: &mut Checker) -> Option<Columns> {
    let name = |v: &Option<Sp<String>>, default: &str| {
        v.as_ref().map_or(default.to_owned(), |s| s.value.trim().to_owned())
    };
    let optional = |v: &Option<Sp<String>>| v.as_ref().map(|s| s.value.trim().to_owned());
    let Some(raw) = raw else {
        return Some(Columns {
            customer: "customer".into(),
            date: "date".into(),
            amount: "amount".into(),
            margin: None,
            segment: None,
            category: None,
        });
    };
    let r = &raw.value;
    let margin = match (optional(&r.margin), optional(&r.margin_rate)) {
        (Some(_), Some(_)) => {
            c.error(
                c.pos(raw),
                "data.columns",
                "both `margin` and `margin_rate` are mapped",
                Some("map the margin as money or as a rate, not both".into()),
            );
            return None;
        }
        (Some(m), None) => Some(Margin::Money(m)),
        (None, Some(m)) => Some(Margin::Rate(m)),
        (None, None) => None,
    };
    Some(Columns {
        customer: name(&r.customer, "customer"),
        date: name(&r.date, "date"),
        amount: name(&r.amount, "amount"),
        margin,
        segment: optional(&r.segment),
        category: optional(&r.category),
    })
}

/// One of a few spellings, or its default when absent.
fn choice<T: Copy>(
    c: &mut Checker,
    v: &Option<Sp<String>>,
    field: &str,
    options: &[(&str, T)],
    default: T,
) -> Option<T> {
    let Some(v) = v else { return Some(default) };
    let written = v.value.trim().to_lowercase();
    let written = if v.value == "\t" { "\t".to_owned() } else { written };
    if let Some((_, value)) = options.iter().find(|(name, _)| *name == written) {
        return Some(*value);
    }
    let listed: Vec<String> = options.iter().map(|(n, _)| format!("`{}`", n.replace('\t', "\\t"))).collect();
    c.error(c.pos(v), field, format!("`{}` is not one of {}", v.value, listed.join(", ")), None);
    None
}
