//! "The path to a loyal customer": per segment a funnel of the stages, the bottleneck in one
//! sentence and the share of lapsed customers won back.

use serde::Serialize;

use super::optional;
use crate::analysis::{Bottleneck, DataMetrics, LoyaltyPath, SegmentDataMetrics};
use crate::render::charts::{self, Chart};
use crate::render::locale::{Arg, Localizer};

#[derive(Debug, Serialize)]
pub struct LoyaltyPathView {
    /// The stages' names, for the table's head.
    pub stages: Vec<String>,
    pub rows: Vec<LoyaltyRow>,
    /// One funnel per segment.
    pub charts: Vec<Chart>,
    /// Per segment, where its path breaks down most and what converting as well as the best
    /// segment would be worth.
    pub bottlenecks: Vec<String>,
    /// How the stages, the window and a lapse are defined.
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct LoyaltyRow {
    pub segment: String,
    pub eligible: String,
    /// "1,062 before the data, 120 too recent": customers not on the path, and why.
    pub left_out: String,
    pub stages: Vec<StageCell>,
    /// "141 of 906 (16 %)".
    pub win_back: String,
}

#[derive(Debug, Serialize)]
pub struct StageCell {
    /// Customers, and the conversion from the stage before: "2,329 (96 %)".
    pub customers: String,
    /// "median day 23"; empty when no one reached the stage.
    pub median: String,
}

/// The first segment's path: the settings every segment's was read under.
pub fn first_path(m: &crate::analysis::Metrics) -> Option<&LoyaltyPath> {
    m.data.as_ref()?.segments.iter().find_map(|s| s.loyalty_path.as_ref())
}

/// The block, when the data (a log, or a summary with the path's columns) gave a path for
/// at least one segment.
pub fn build(data: &DataMetrics, l: &Localizer) -> Option<LoyaltyPathView> {
    let paths: Vec<(&SegmentDataMetrics, &LoyaltyPath)> =
        data.segments.iter().filter_map(|s| Some((s, s.loyalty_path.as_ref()?))).collect();
    let (_, first) = paths.first()?;
    Some(LoyaltyPathView {
        stages: first.stages.iter().map(|s| l.t(&format!("stage-{}", s.name))).collect(),
        rows: paths.iter().map(|(s, p)| row(&s.name, p, l)).collect(),
        charts: paths
            .iter()
            .filter(|(_, p)| p.eligible > 0)
            .map(|(s, p)| charts::loyalty_funnel(&s.id, &s.name, p, l))
            .collect(),
        bottlenecks: paths
            .iter()
            .filter_map(|(s, p)| Some(bottleneck(&s.name, p, p.bottleneck.as_ref()?, data, l)))
            .collect(),
        note: note(first, l),
    })
}

/// How the stages, the window and a lapse are defined; with categories, what integrated is.
fn note(first: &LoyaltyPath, l: &Localizer) -> String {
    let window = f64::from(first.window_days);
    let mut note = l.t_with(
        "loyalty-note",
        vec![
            (
                "purchases",
                first
                    .stages
                    .iter()
                    .take(4)
                    .map(|s| s.purchases.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            ),
            ("window", window.into()),
            ("lapse", f64::from(first.lapse_days).into()),
        ],
    );
    if let Some(integrated) = &first.integrated {
        note.push(' ');
        note.push_str(&l.t_with(
            "loyalty-note-integrated",
            vec![("categories", f64::from(integrated.categories).into()), ("window", window.into())],
        ));
    }
    note
}

#[allow(clippy::cast_precision_loss)] // customer counts far below 2^53
fn row(segment: &str, path: &LoyaltyPath, l: &Localizer) -> LoyaltyRow {
    LoyaltyRow {
        segment: segment.to_owned(),
        eligible: l.number(path.eligible as f64, 0),
        left_out: l.t_with(
            "loyalty-left-out",
            vec![
                ("before", l.number(path.left_out.before_data as f64, 0).into()),
                ("recent", l.number(path.left_out.window_not_observed as f64, 0).into()),
            ],
        ),
        stages: path
            .stages
            .iter()
            .map(|s| StageCell {
                customers: match s.conversion {
                    Some(c) => format!("{} ({})", l.number(s.customers as f64, 0), l.percent(c, 0)),
                    None => l.number(s.customers as f64, 0),
                },
                // Everyone reaches the first stage on day 0.
                median: s
                    .median_days
                    .filter(|_| s.conversion.is_some())
                    .map(|d| l.t_with("loyalty-median-day", vec![("day", l.number(d, 0).into())]))
                    .unwrap_or_default(),
            })
            .collect(),
        win_back: l.t_with(
            "loyalty-win-back",
            vec![
                ("returned", l.number(path.win_back.returned as f64, 0).into()),
                ("lapsed", l.number(path.win_back.lapsed as f64, 0).into()),
                ("share", optional(path.win_back.share, |s| l.percent(s, 0)).into()),
            ],
        ),
    }
}

/// The segment's bottleneck in one sentence: the step, its conversion against all segments'
/// and the best segment's, and what converting as well as the best would be worth.
#[allow(clippy::cast_precision_loss)] // customer counts far below 2^53
fn bottleneck(
    segment: &str,
    path: &LoyaltyPath,
    b: &Bottleneck,
    data: &DataMetrics,
    l: &Localizer,
) -> String {
    let stage = |name: &str| l.t(&format!("stage-{name}")).to_lowercase();
    let best =
        data.segments.iter().find(|s| s.id == b.best_segment).map_or(b.best_segment.as_str(), |s| &s.name);
    let at_from = path.stages.iter().find(|s| s.name == b.from).map_or(0, |s| s.customers);
    let mut args = vec![
        ("segment", segment.to_owned().into()),
        ("from", stage(b.from).into()),
        ("to", stage(b.to).into()),
        ("conversion", l.percent(b.conversion, 0).into()),
        ("all", l.percent(b.all_segments_conversion, 0).into()),
    ];
    if b.additional_customers <= 0.0 {
        return l.t_with("loyalty-bottleneck-best", args);
    }
    args.extend([
        ("best", l.percent(b.best_conversion, 0).into()),
        ("best_segment", best.to_owned().into()),
        ("customers", Arg::rounded(b.additional_customers)),
        ("at_from", at_from.into()),
        ("window", f64::from(path.window_days).into()),
    ]);
    match b.value_at_stake {
        Some(value) => {
            args.push(("value", l.money_short(value).into()));
            l.t_with("loyalty-bottleneck", args)
        }
        None => l.t_with("loyalty-bottleneck-unvalued", args),
    }
}
