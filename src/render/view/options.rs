//! Programme options side by side: the decision table and the sentence that reads it.

use serde::Serialize;

use crate::analysis::{Metrics, OptionFigures, best_downside, highest_expected_npv};
use crate::render::locale::Localizer;

#[derive(Debug, Serialize)]
pub struct OptionsView {
    pub rows: Vec<OptionRow>,
    /// Which option has the highest expected NPV and which the best downside.
    pub verdict: String,
    /// What the columns mean, with the project's target.
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct OptionRow {
    pub name: String,
    pub description: String,
    pub base: bool,
    pub focus: String,
    pub investment: String,
    pub npv: String,
    pub npv_mean: String,
    pub npv_range: String,
    pub probability: String,
    pub roi: String,
    pub payback: String,
}

/// The decision table, when the project has options.
pub fn build(
    m: &Metrics,
    descriptions: &dyn Fn(&str) -> String,
    segment_name: &dyn Fn(&str) -> String,
    l: &Localizer,
) -> Option<OptionsView> {
    let (best, safe) = (highest_expected_npv(&m.options)?, best_downside(&m.options)?);
    let name = |o: &OptionFigures| if o.file.is_none() { l.t("options-base") } else { o.name.clone() };
    let verdict = if best.id == safe.id {
        l.t_with(
            "options-verdict-same",
            vec![
                ("option", name(best).into()),
                ("npv", l.money_short(best.npv_mean).into()),
                ("p10", l.money_short(best.npv_p10).into()),
            ],
        )
    } else {
        l.t_with(
            "options-verdict",
            vec![
                ("best", name(best).into()),
                ("npv", l.money_short(best.npv_mean).into()),
                (
                    "safe",
                    if safe.file.is_none() { l.t("options-base-mid") } else { safe.name.clone() }.into(),
                ),
                ("p10", l.money_short(safe.npv_p10).into()),
            ],
        )
    };
    let rows = m
        .options
        .iter()
        .map(|o| OptionRow {
            name: name(o),
            description: descriptions(&o.id),
            base: o.file.is_none(),
            focus: o.focus_segments.iter().map(|id| segment_name(id)).collect::<Vec<_>>().join(", "),
            investment: l.money_short(o.investment_pv),
            npv: l.money_short(o.npv),
            npv_mean: l.money_short(o.npv_mean),
            // The range may wrap at its dash, never inside an amount ("DKK | 11.8m").
            npv_range: format!(
                "{} – {}",
                unbroken(&l.money_short(o.npv_p10)),
                unbroken(&l.money_short(o.npv_p90))
            ),
            probability: l.probability(o.probability_reaching_target),
            roi: o.roi.map_or_else(|| "–".to_owned(), |r| l.percent(r, 0)),
            payback: match o.payback_months {
                Some(months) => {
                    l.t_with("card-payback-value", vec![("year", (months / 12.0).to_string().into())])
                }
                None if o.investment_pv > 0.0 => l.t("card-payback-never"),
                None => l.t("card-payback-nothing"),
            },
        })
        .collect();
    let note =
        l.t_with("options-note", vec![("target", l.percent_exact(m.project.target_uplift_min).into())]);
    Some(OptionsView { rows, verdict, note })
}

/// `text` with its spaces made no-break.
fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}
