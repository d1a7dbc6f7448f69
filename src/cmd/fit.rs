//! `uplift fit`: the customer-base models fitted to a per-customer summary, outside any
//! project. For checking the fits against other tools and for benchmarks.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::analysis::models::{self, Convergence, NotFitted, bg_nbd, gamma_gamma, rfm_of};
use crate::csv_field::push_for_spreadsheet;
use crate::error::Error;
use crate::model::CustomerSummary;
use crate::output::Destination;

#[derive(Serialize)]
struct Output {
    segments: Vec<SegmentFit>,
}

#[derive(Serialize)]
struct SegmentFit {
    segment: String,
    customers: usize,
    bg_nbd: Option<BgNbdOut>,
    gamma_gamma: Option<GammaGammaOut>,
    /// The models that could not be fitted, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_fitted: Vec<NotFitted>,
}

#[derive(Serialize)]
struct BgNbdOut {
    /// What `alpha` is per: `"day"`.
    time_unit: &'static str,
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
    log_likelihood: f64,
    #[serde(flatten)]
    convergence: Convergence,
}

#[derive(Serialize)]
struct GammaGammaOut {
    p: f64,
    q: f64,
    v: f64,
    customers: usize,
    log_likelihood: f64,
    #[serde(flatten)]
    convergence: Convergence,
}

pub fn run(
    summary: &Path,
    horizon_days: u32,
    predictions: Option<&Path>,
    timings: bool,
) -> Result<(), Error> {
    if predictions == Some(Path::new("-")) {
        return Err(Error::Usage(
            "the fitted parameters go to standard output; give --predictions FILE, not -".into(),
        ));
    }
    let clock = Instant::now();
    // The summary is a file the user names, not part of a project: any link is theirs.
    let (folder, name) = match (summary.parent(), summary.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => (parent, Path::new(name)),
        _ => (Path::new("."), summary),
    };
    let folder = crate::project::source::Folder { root: folder, links: crate::project::source::Links::Any };
    let (text, _) =
        crate::project::data::read_file(&folder, name, crate::project::data::SUMMARY_MAX_BYTES, "summaries")
            .map_err(invalid)?;
    let read = crate::project::data::read_summary(&text, summary, None).map_err(invalid)?;
    drop(text);
    let elapsed = |what: &str, since: Instant| {
        if timings {
            crate::warn!("{what}: {:.3} s", since.elapsed().as_secs_f64());
        }
    };
    elapsed("read", clock);
    let names: Vec<String> =
        if read.segments.is_empty() { vec![String::new()] } else { read.segments.clone() };
    let mut groups: Vec<Vec<&CustomerSummary>> = vec![Vec::new(); names.len()];
    for c in &read.customers {
        groups[c.segment.unwrap_or(0)].push(c);
    }
    let mut segments = Vec::new();
    let mut rows = String::from("customer,segment,p_alive,expected_purchases,expected_average_spend\n");
    for (name, customers) in names.iter().zip(&groups) {
        let rfm: Vec<bg_nbd::Rfm> = customers.iter().map(|c| rfm_of(c)).collect();
        let spend: Vec<gamma_gamma::Spend> =
            customers.iter().map(|c| gamma_gamma::Spend { x: c.frequency, m: c.monetary }).collect();
        let clock = Instant::now();
        let bg = bg_nbd::fit(&rfm);
        let iterations = |c: Result<Convergence, _>| {
            c.map_or_else(|_| "no fit".to_owned(), |c| format!("{} iterations", c.iterations))
        };
        elapsed(
            &format!(
                "BG/NBD fit, {} customers, segment `{name}` ({})",
                rfm.len(),
                iterations(bg.as_ref().map(|f| f.convergence))
            ),
            clock,
        );
        let clock = Instant::now();
        let gg = gamma_gamma::fit(&spend);
        elapsed(
            &format!(
                "Gamma-Gamma fit, segment `{name}` ({})",
                iterations(gg.as_ref().map(|f| f.convergence))
            ),
            clock,
        );
        let not_fitted = models::not_fitted(&bg, &gg);
        let (bg, gg) = (bg.ok(), gg.ok());
        if predictions.is_some() {
            predict(&mut rows, name, customers, &rfm, (bg.as_ref(), gg.as_ref()), horizon_days);
        }
        segments.push(SegmentFit {
            segment: name.clone(),
            customers: customers.len(),
            not_fitted,
            bg_nbd: bg.map(|f| BgNbdOut {
                time_unit: f.time_unit,
                r: f.params.r,
                alpha: f.params.alpha,
                a: f.params.a,
                b: f.params.b,
                log_likelihood: f.log_likelihood,
                convergence: f.convergence,
            }),
            gamma_gamma: gg.map(|f| GammaGammaOut {
                p: f.params.p,
                q: f.params.q,
                v: f.params.v,
                customers: f.customers,
                log_likelihood: f.log_likelihood,
                convergence: f.convergence,
            }),
        });
    }
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

/// Appends each customer's predictions: P(alive), expected purchases in `horizon_days`
/// and expected spend; empty cells where a model has no fit.
fn predict(
    rows: &mut String,
    segment: &str,
    customers: &[&CustomerSummary],
    rfm: &[bg_nbd::Rfm],
    (bg, gg): (Option<&bg_nbd::Fit>, Option<&gamma_gamma::Fit>),
    horizon_days: u32,
) {
    for (c, r) in customers.iter().zip(rfm) {
        let alive = bg.map(|f| f.params.p_alive(*r));
        let expected = bg.and_then(|f| f.params.expected_purchases(*r, f64::from(horizon_days)));
        let spend = gg.and_then(|g| g.params.expected_spend(c.frequency, c.monetary));
        let cell = |x: Option<f64>| x.map(|v| format!("{v:.12e}")).unwrap_or_default();
        push_for_spreadsheet(rows, &c.id, ',');
        rows.push(',');
        push_for_spreadsheet(rows, segment, ',');
        let _ = writeln!(rows, ",{},{},{}", cell(alive), cell(expected), cell(spend));
    }
}

/// One sentence per model that could not be fitted to a segment, with why.
fn unfitted(segments: &[SegmentFit]) -> Vec<String> {
    segments
        .iter()
        .flat_map(|s| {
            let name = if s.segment.is_empty() { "the customers" } else { s.segment.as_str() };
            s.not_fitted.iter().map(move |n| n.sentence(name))
        })
        .collect()
}

fn invalid(diagnostics: Vec<crate::diagnostic::Diagnostic>) -> Error {
    Error::Invalid(crate::diagnostic::Invalid { diagnostics, texts: std::collections::BTreeMap::new() })
}
