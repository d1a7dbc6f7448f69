//! `uplift fit`: the customer-base models fitted to a per-customer summary, outside any
//! project. For checking the fits against other tools and for benchmarks.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::analysis::models::bg_nbd::Dropout;
use crate::analysis::models::validation::Holdout;
use crate::analysis::models::{
    self, Convergence, Criteria, Model, NotFitted, bg_bb, bg_nbd, gamma_gamma, pareto_nbd, rfm_of,
};
use crate::csv_field::push_for_spreadsheet;
use crate::error::Error;
use crate::model::{CustomerSummary, PeriodHistory};
use crate::output::Destination;
use crate::project::data::{holdout_file, periods_file};

#[derive(Serialize)]
struct Output {
    segments: Vec<SegmentFit>,
}

/// One segment's fits: the continuous-time models of a customer summary, or BG/BB of a
/// periods summary.
#[derive(Serialize)]
#[serde(untagged)]
enum SegmentFit {
    Days(Box<DaysFit>),
    Periods(PeriodsFit),
    Holdout(HoldoutFit),
}

/// A segment of a holdout summary: every purchase model fitted to the customers as of the
/// calibration end and judged on their purchases after it.
#[derive(Serialize)]
struct HoldoutFit {
    segment: String,
    customers: usize,
    validation: models::Validation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_fitted: Vec<NotFitted>,
}

impl SegmentFit {
    fn segment(&self) -> &str {
        match self {
            SegmentFit::Days(s) => &s.segment,
            SegmentFit::Periods(s) => &s.segment,
            SegmentFit::Holdout(s) => &s.segment,
        }
    }

    fn not_fitted(&self) -> &[NotFitted] {
        match self {
            SegmentFit::Days(s) => &s.not_fitted,
            SegmentFit::Periods(s) => &s.not_fitted,
            SegmentFit::Holdout(s) => &s.not_fitted,
        }
    }
}

#[derive(Serialize)]
struct DaysFit {
    segment: String,
    customers: usize,
    bg_nbd: Option<ModelOut<bg_nbd::BgNbd>>,
    pareto_nbd: Option<ModelOut<pareto_nbd::ParetoNbd>>,
    mbg_nbd: Option<ModelOut<bg_nbd::BgNbd>>,
    gamma_gamma: Option<ModelOut<gamma_gamma::GammaGamma>>,
    /// The models that could not be fitted, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_fitted: Vec<NotFitted>,
}

#[derive(Serialize)]
struct PeriodsFit {
    segment: String,
    customers: u64,
    bg_bb: Option<ModelOut<bg_bb::BgBb>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_fitted: Vec<NotFitted>,
}

/// A fitted model as printed: its parameters under the papers' names, their standard
/// errors under the same names, and how well and how surely it fits.
#[derive(Serialize)]
struct ModelOut<P> {
    /// What the rates are per: `"day"`, or `"opportunity"` for BG/BB; none for spend.
    #[serde(skip_serializing_if = "Option::is_none")]
    time_unit: Option<&'static str>,
    #[serde(flatten)]
    params: P,
    standard_errors: P,
    /// Customers the fit used, where that is not all (Gamma-Gamma: repeat buyers).
    #[serde(skip_serializing_if = "Option::is_none")]
    customers: Option<usize>,
    log_likelihood: f64,
    #[serde(flatten)]
    criteria: Criteria,
    #[serde(flatten)]
    convergence: Convergence,
}

impl<P> ModelOut<P> {
    /// A fit in days with `k` parameters fitted to `n` customers at `log_likelihood`.
    fn of(
        params: P,
        standard_errors: P,
        (log_likelihood, k, n): (f64, u32, f64),
        convergence: Convergence,
    ) -> Self {
        ModelOut {
            time_unit: Some(bg_nbd::TIME_UNIT),
            params,
            standard_errors,
            customers: None,
            log_likelihood,
            criteria: Criteria::of(log_likelihood, k, n),
            convergence,
        }
    }
}

/// How long each step took, with `--timings`: the read printed at once, each fit noted
/// for [`per_segment`] to print in segment order.
struct Clock {
    timings: bool,
}

impl Clock {
    /// Prints the time since `start` for `what`.
    fn since(&self, what: &str, start: Instant) {
        if self.timings {
            crate::warn!("{what}: {:.3} s", start.elapsed().as_secs_f64());
        }
    }

    /// Runs `f`, noting in `lines` `what` (given the result) and the time it took.
    fn time<T>(&self, lines: &mut Vec<String>, f: impl FnOnce() -> T, what: impl FnOnce(&T) -> String) -> T {
        let start = Instant::now();
        let result = f();
        if self.timings {
            lines.push(format!("{}: {:.3} s", what(&result), start.elapsed().as_secs_f64()));
        }
        result
    }
}

/// `fit` applied to each segment, the segments shared among the cores (each fit also sums
/// its likelihood on all of them), the results in segment order. The lines `fit` notes
/// ([`Clock::time`], with `--timings`) are printed in that order too, once every segment is
/// fitted; fits that ran side by side each count the time they shared.
fn per_segment<S: Sync, R: Send>(segments: &[S], fit: impl Fn(&S, &mut Vec<String>) -> R + Sync) -> Vec<R> {
    let fitted = crate::parallel::map_each(segments, |segment| {
        let mut lines = Vec::new();
        let result = fit(segment, &mut lines);
        (result, lines)
    });
    fitted
        .into_iter()
        .map(|(result, lines)| {
            for line in lines {
                crate::warn!("{line}");
            }
            result
        })
        .collect()
}

/// "… (N iterations)" or "… (no fit)".
fn iterations<F>(
    what: &str,
    fit: &Result<F, models::NoFit>,
    convergence: impl Fn(&F) -> Convergence,
) -> String {
    match fit {
        Ok(f) => format!("{what} ({} iterations)", convergence(f).iterations),
        Err(_) => format!("{what} (no fit)"),
    }
}

pub fn run(
    summary: &Path,
    horizon: Horizon,
    only: &[String],
    predictions: Option<&Path>,
    timings: bool,
) -> Result<(), Error> {
    if predictions == Some(Path::new("-")) {
        return Err(Error::Usage(
            "the fitted parameters go to standard output; give --predictions FILE, not -".into(),
        ));
    }
    let clock = Clock { timings };
    // The summary is a file the user names, not part of a project: any link is theirs.
    let (folder, name) = match (summary.parent(), summary.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => (parent, Path::new(name)),
        _ => (Path::new("."), summary),
    };
    let folder = crate::project::source::Folder { root: folder, links: crate::project::source::Links::Any };
    let started = Instant::now();
    let text = crate::project::data::read_file_unhashed(
        &folder,
        name,
        crate::project::data::SUMMARY_MAX_BYTES,
        "summaries",
    )
    .map_err(invalid)?;
    let days_only = !only.is_empty()
        && (holdout_file::is_holdout_summary(&text) || periods_file::is_periods_summary(&text));
    if days_only {
        return Err(Error::Usage(
            "--models chooses among the models of a customer summary; this is a periods or holdout summary"
                .into(),
        ));
    }
    let (segments, rows) = if holdout_file::is_holdout_summary(&text) {
        if predictions.is_some() {
            return Err(Error::Usage(
                "a holdout summary is for validating the models; --predictions needs a customer summary"
                    .into(),
            ));
        }
        let read = holdout_file::read(&text, summary).map_err(invalid)?;
        drop(text);
        clock.since("read", started);
        (fit_holdout(&read, &clock), String::new())
    } else if periods_file::is_periods_summary(&text) {
        let read = periods_file::read(&text, summary).map_err(invalid)?;
        drop(text);
        clock.since("read", started);
        fit_periods(&read, horizon.periods, predictions.is_some(), &clock)
    } else {
        let read = crate::project::data::read_summary(&text, summary, None).map_err(invalid)?;
        drop(text);
        clock.since("read", started);
        let wanted = |name: &str| only.is_empty() || only.iter().any(|m| m == name);
        let which = Which {
            bg: wanted("bg_nbd"),
            pareto: wanted("pareto_nbd"),
            mbg: wanted("mbg_nbd"),
            gg: wanted("gamma_gamma"),
        };
        fit_days(&read.customers, &read.segments, (horizon.days, which), predictions.is_some(), &clock)
    };
    if let Some(destination) = Destination::from_arg(predictions) {
        destination.write(rows.as_bytes())?;
    }
    let unfitted = unfitted(&segments);
    let mut json = serde_json::to_vec_pretty(&Output { segments })
        .map_err(|e| Error::Tool(format!("cannot serialise the fits: {e}")))?;
    json.push(b'\n');
    std::io::stdout().lock().write_all(&json).map_err(Error::io("write", "standard output"))?;
    if unfitted.is_empty() {
        Ok(())
    } else {
        Err(Error::Tool(format!("{}; the other fits are printed above", unfitted.join("; "))))
    }
}

/// How far ahead the predictions look.
#[derive(Clone, Copy, Debug)]
pub struct Horizon {
    /// For a customer summary, in days.
    pub days: u32,
    /// For a periods summary, in opportunities.
    pub periods: u32,
}

/// The segments of a summary, each with its members (one unnamed group without segments).
fn by_segment<'a, T>(
    items: &'a [T],
    segments: &[String],
    of: impl Fn(&T) -> Option<usize>,
) -> Vec<(String, Vec<&'a T>)> {
    // Rows without a segment form a group of their own, named "", after the named ones.
    let mut names: Vec<String> = segments.to_vec();
    if items.iter().any(|i| of(i).is_none()) {
        names.push(String::new());
    }
    let mut groups: Vec<Vec<&T>> = vec![Vec::new(); names.len()];
    for item in items {
        groups[of(item).unwrap_or(segments.len())].push(item);
    }
    names.into_iter().zip(groups).collect()
}

/// Why a model asked for has no fit; `None` when it has one or was not asked for.
fn why<F>(fit: Option<&Result<F, models::NoFit>>) -> Option<models::NoFit> {
    fit.and_then(|r| r.as_ref().err().copied())
}

/// Which models of a customer summary `--models` asks for.
#[derive(Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // one switch per model
struct Which {
    bg: bool,
    pareto: bool,
    mbg: bool,
    gg: bool,
}

/// The continuous-time models `which` names, per segment of a customer summary, and the
/// predictions rows.
fn fit_days(
    customers: &[CustomerSummary],
    segment_names: &[String],
    (horizon_days, which): (u32, Which),
    predict: bool,
    clock: &Clock,
) -> (Vec<SegmentFit>, String) {
    let segments = by_segment(customers, segment_names, |c| c.segment);
    let fitted = per_segment(&segments, |(name, customers), lines| {
        fit_segment_days(name, customers, (horizon_days, which), predict, (clock, lines))
    });
    let header = "customer,segment,p_alive,expected_purchases,expected_average_spend,\
         p_alive_pareto_nbd,expected_purchases_pareto_nbd,p_alive_mbg_nbd,expected_purchases_mbg_nbd\n";
    joined(fitted, header)
}

/// The models `which` names fitted to one segment's customers, timed with `clock` into
/// `lines`, and the customers' prediction rows when `predict`.
fn fit_segment_days(
    name: &str,
    customers: &[&CustomerSummary],
    (horizon_days, which): (u32, Which),
    predict: bool,
    (clock, lines): (&Clock, &mut Vec<String>),
) -> (SegmentFit, String) {
    let rfm: Vec<bg_nbd::Rfm> = customers.iter().map(|c| rfm_of(c)).collect();
    let spend: Vec<gamma_gamma::Spend> =
        customers.iter().map(|c| gamma_gamma::Spend { x: c.frequency, m: c.monetary }).collect();
    #[allow(clippy::cast_precision_loss)]
    let n = rfm.len() as f64;
    let what = |model: &str| format!("{model} fit, {} customers, segment `{name}`", rfm.len());
    // Each model `--models` asks for (all by default), timed with `--timings`.
    let bg = which.bg.then(|| {
        clock.time(lines, || bg_nbd::fit(&rfm), |f| iterations(&what("BG/NBD"), f, |f| f.convergence))
    });
    let pareto = which.pareto.then(|| {
        let fit = || pareto_nbd::fit(&rfm);
        clock.time(lines, fit, |f| iterations(&what("Pareto/NBD"), f, |f| f.convergence))
    });
    let mbg = which.mbg.then(|| {
        let fit = || bg_nbd::fit_with(&rfm, Dropout::AfterAny);
        clock.time(lines, fit, |f| iterations(&what("MBG/NBD"), f, |f| f.convergence))
    });
    let gg = which.gg.then(|| {
        let fit = || gamma_gamma::fit(&spend);
        clock.time(lines, fit, |f| iterations(&what("Gamma-Gamma"), f, |f| f.convergence))
    });
    let not_fitted = models::not_fitted_of(&[
        (Model::BgNbd, why(bg.as_ref())),
        (Model::ParetoNbd, why(pareto.as_ref())),
        (Model::MbgNbd, why(mbg.as_ref())),
        (Model::GammaGamma, why(gg.as_ref())),
    ]);
    let (bg, pareto, mbg, gg) = (
        bg.and_then(Result::ok),
        pareto.and_then(Result::ok),
        mbg.and_then(Result::ok),
        gg.and_then(Result::ok),
    );
    let mut rows = String::new();
    if predict {
        let fits = Fits { bg: bg.as_ref(), pareto: pareto.as_ref(), mbg: mbg.as_ref(), gg: gg.as_ref() };
        predict_days(&mut rows, name, customers, &rfm, fits, horizon_days);
    }
    let fit = SegmentFit::Days(Box::new(DaysFit {
        customers: customers.len(),
        not_fitted,
        bg_nbd: bg
            .map(|f| ModelOut::of(f.params, f.standard_errors, (f.log_likelihood, 4, n), f.convergence)),
        pareto_nbd: pareto
            .map(|f| ModelOut::of(f.params, f.standard_errors, (f.log_likelihood, 4, n), f.convergence)),
        mbg_nbd: mbg
            .map(|f| ModelOut::of(f.params, f.standard_errors, (f.log_likelihood, 4, n), f.convergence)),
        gamma_gamma: gg.map(|f| {
            #[allow(clippy::cast_precision_loss)]
            let used = f.customers as f64;
            let spend = ModelOut::of(f.params, f.standard_errors, (f.log_likelihood, 3, used), f.convergence);
            ModelOut { time_unit: None, customers: Some(f.customers), ..spend }
        }),
        segment: name.to_owned(),
    }));
    (fit, rows)
}

/// The segments' fits in order, and their prediction rows after `header`.
fn joined(fitted: Vec<(SegmentFit, String)>, header: &str) -> (Vec<SegmentFit>, String) {
    let mut rows = String::with_capacity(header.len() + fitted.iter().map(|(_, r)| r.len()).sum::<usize>());
    rows.push_str(header);
    let segments = fitted
        .into_iter()
        .map(|(fit, segment_rows)| {
            rows.push_str(&segment_rows);
            fit
        })
        .collect();
    (segments, rows)
}

/// Every purchase model per segment of a holdout summary, validated.
fn fit_holdout(read: &holdout_file::Holdouts, clock: &Clock) -> Vec<SegmentFit> {
    per_segment(&by_segment(&read.customers, &read.segments, |c| c.segment), |(name, customers), lines| {
        let holdouts: Vec<Holdout> = customers.iter().map(|&c| Holdout::from(c)).collect();
        let data = models::HoldoutData {
            calibration_end: None,
            holdout_days: read.holdout_days,
            customers: &holdouts,
            weekly: None,
            first_purchase_in_holdout: None,
        };
        let what = format!("validation of 3 models, {} customers, segment `{name}`", holdouts.len());
        let mut validation = clock.time(lines, || models::validate_all(&data), |_| what);
        let not_fitted = std::mem::take(&mut validation.not_fitted);
        SegmentFit::Holdout(HoldoutFit {
            segment: name.clone(),
            customers: holdouts.len(),
            validation,
            not_fitted,
        })
    })
}

/// BG/BB per segment of a periods summary, and the predictions rows.
fn fit_periods(
    read: &periods_file::Periods,
    horizon: u32,
    predict: bool,
    clock: &Clock,
) -> (Vec<SegmentFit>, String) {
    let fitted = per_segment(
        &by_segment(&read.histories, &read.segments, |h| h.segment),
        |(name, histories), lines| {
            let patterns: Vec<bg_bb::Pattern> = histories.iter().map(|h| pattern_of(h)).collect();
            let customers: u64 = histories.iter().map(|h| h.count).sum();
            let what = format!("BG/BB fit, {customers} customers, segment `{name}`");
            let fit =
                clock.time(lines, || bg_bb::fit(&patterns), |f| iterations(&what, f, |f| f.convergence));
            let not_fitted = models::not_fitted_of(&[(Model::BgBb, fit.as_ref().err().copied())]);
            let fit = fit.ok();
            let mut rows = String::new();
            if let (true, Some(f)) = (predict, &fit) {
                for (h, p) in histories.iter().zip(&patterns) {
                    let cell = |x: Option<f64>| x.map(|v| format!("{v:.12e}")).unwrap_or_default();
                    push_for_spreadsheet(&mut rows, &h.id, ',');
                    rows.push(',');
                    push_for_spreadsheet(&mut rows, name, ',');
                    let expected = f.params.expected_transactions(p, horizon);
                    let _ = writeln!(rows, ",{},{}", cell(Some(f.params.p_alive(p))), cell(expected));
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let n = customers as f64;
            let fit = SegmentFit::Periods(PeriodsFit {
                customers,
                not_fitted,
                bg_bb: fit.map(|f| ModelOut {
                    time_unit: Some(f.time_unit),
                    ..ModelOut::of(f.params, f.standard_errors, (f.log_likelihood, 4, n), f.convergence)
                }),
                segment: name.clone(),
            });
            (fit, rows)
        },
    );
    joined(fitted, &format!("customer,segment,p_alive,expected_transactions_next_{horizon}\n"))
}

#[allow(clippy::cast_precision_loss)]
fn pattern_of(h: &PeriodHistory) -> bg_bb::Pattern {
    bg_bb::Pattern { x: h.frequency, t_x: h.recency, n: h.periods, count: h.count as f64 }
}

/// The fitted models of one segment.
#[derive(Clone, Copy)]
struct Fits<'a> {
    bg: Option<&'a bg_nbd::Fit>,
    pareto: Option<&'a pareto_nbd::Fit>,
    mbg: Option<&'a bg_nbd::Fit>,
    gg: Option<&'a gamma_gamma::Fit>,
}

/// Appends each customer's predictions: BG/NBD's P(alive) and expected purchases in
/// `horizon_days`, expected spend, then Pareto/NBD's and MBG/NBD's; empty cells where a
/// model has no fit.
fn predict_days(
    rows: &mut String,
    segment: &str,
    customers: &[&CustomerSummary],
    rfm: &[bg_nbd::Rfm],
    fits: Fits,
    horizon_days: u32,
) {
    let t = f64::from(horizon_days);
    for (c, r) in customers.iter().zip(rfm) {
        let cells = [
            fits.bg.map(|f| f.params.p_alive(*r)),
            fits.bg.and_then(|f| f.params.expected_purchases(*r, t)),
            fits.gg.and_then(|g| g.params.expected_spend(c.frequency, c.monetary)),
            fits.pareto.and_then(|f| f.params.p_alive(*r)),
            fits.pareto.and_then(|f| f.params.expected_purchases(*r, t)),
            fits.mbg.map(|f| f.params.p_alive_with(Dropout::AfterAny, *r)),
            fits.mbg.and_then(|f| f.params.expected_purchases_with(Dropout::AfterAny, *r, t)),
        ];
        push_for_spreadsheet(rows, &c.id, ',');
        rows.push(',');
        push_for_spreadsheet(rows, segment, ',');
        for cell in cells {
            rows.push(',');
            if let Some(v) = cell {
                let _ = write!(rows, "{v:.12e}");
            }
        }
        rows.push('\n');
    }
}

/// One sentence per model that could not be fitted to a segment, with why.
fn unfitted(segments: &[SegmentFit]) -> Vec<String> {
    segments
        .iter()
        .flat_map(|s| {
            let name = if s.segment().is_empty() { "the customers" } else { s.segment() };
            s.not_fitted().iter().map(move |n| n.sentence(name))
        })
        .collect()
}

fn invalid(diagnostics: Vec<crate::diagnostic::Diagnostic>) -> Error {
    Error::Invalid(crate::diagnostic::Invalid { diagnostics, texts: std::collections::BTreeMap::new() })
}
