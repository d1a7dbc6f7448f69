//! Jobs to be done: Ulwick's opportunity score.

use serde::Serialize;

use super::order::{by_score_then_id, reaches};
use crate::model::Job;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobLabel {
    /// Opportunity ≥ 15.
    ExtremelyUnderServed,
    /// Opportunity ≥ 10.
    UnderServed,
    /// Satisfaction above importance.
    OverServed,
    Served,
}

#[derive(Clone, Debug, Serialize)]
pub struct JobMetrics {
    pub id: String,
    pub statement: String,
    pub segment: Option<String>,
    pub importance: f64,
    pub satisfaction: f64,
    /// `importance + max(importance − satisfaction, 0)`.
    pub opportunity: f64,
    pub label: JobLabel,
}

/// Ranked by opportunity, highest first; ties by id.
pub fn analyse(jobs: &[Job]) -> Vec<JobMetrics> {
    let mut ranked: Vec<JobMetrics> = jobs
        .iter()
        .map(|j| {
            let (importance, satisfaction) = (j.importance.get(), j.satisfaction.get());
            let opportunity = opportunity(importance, satisfaction);
            JobMetrics {
                id: j.id.clone(),
                statement: j.statement.clone(),
                segment: j.segment.as_ref().map(|s| s.id().to_owned()),
                importance,
                satisfaction,
                opportunity,
                label: label(opportunity, importance, satisfaction),
            }
        })
        .collect();
    ranked.sort_by(|a, b| by_score_then_id(a.opportunity, &a.id, b.opportunity, &b.id));
    ranked
}

pub fn opportunity(importance: f64, satisfaction: f64) -> f64 {
    importance + (importance - satisfaction).max(0.0)
}

fn label(opportunity: f64, importance: f64, satisfaction: f64) -> JobLabel {
    if reaches(opportunity, 15.0) {
        JobLabel::ExtremelyUnderServed
    } else if reaches(opportunity, 10.0) {
        JobLabel::UnderServed
    } else if satisfaction > importance {
        JobLabel::OverServed
    } else {
        JobLabel::Served
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TenPoint;

    /// 9 + (9 − 3) = 15 → extremely under-served; 7 + 0 (sat 8) = 7 → over-served;
    /// 6 + (6 − 2) = 10 → under-served; 5 + 0 (sat 5) = 5 → served.
    #[test]
    fn opportunity_and_labels_by_hand() {
        let cases = [
            (9.0, 3.0, 15.0, JobLabel::ExtremelyUnderServed),
            (7.0, 8.0, 7.0, JobLabel::OverServed),
            (6.0, 2.0, 10.0, JobLabel::UnderServed),
            (5.0, 5.0, 5.0, JobLabel::Served),
        ];
        for (imp, sat, opp, lab) in cases {
            assert!((opportunity(imp, sat) - opp).abs() < 1e-12);
            assert_eq!(label(opp, imp, sat), lab);
        }
    }

    #[test]
    fn a_threshold_reached_in_decimals_counts() {
        let o = opportunity(8.2, 1.4);
        assert_eq!(label(o, 8.2, 1.4), JobLabel::ExtremelyUnderServed, "{o}");
    }

    #[test]
    fn ranks_by_opportunity_then_id() {
        let job = |id: &str, imp, sat| Job {
            id: id.into(),
            statement: String::new(),
            segment: None,
            importance: TenPoint::new(imp).unwrap(),
            satisfaction: TenPoint::new(sat).unwrap(),
        };
        let ranked = analyse(&[job("b", 8.0, 4.0), job("a", 8.0, 4.0), job("c", 9.0, 2.0)]);
        let ids: Vec<_> = ranked.iter().map(|j| j.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }
}
