//! The report's names for the model's enums: one place for every fixed label.

use crate::analysis::{Action, JobLabel, Quadrant};
use crate::model::{Driver, Scenario};

pub fn lever_name(d: Driver) -> &'static str {
    match d {
        Driver::RetentionRate => "Retention",
        Driver::PurchasesPerYear => "Purchase frequency",
        Driver::AverageOrderValue => "Order value",
        Driver::GrossMargin => "Gross margin",
    }
}

/// The problem area a weak driver stands for, capitalised for tables.
pub fn problem_name(d: Driver) -> &'static str {
    match d {
        Driver::RetentionRate => "Short customer relationships",
        Driver::PurchasesPerYear => "Few purchases",
        Driver::AverageOrderValue => "Small purchases",
        Driver::GrossMargin => "Poor margins",
    }
}

pub fn scenario_name(s: Scenario) -> &'static str {
    match s {
        Scenario::Low => "Low",
        Scenario::Likely => "Likely",
        Scenario::High => "High",
    }
}

pub fn quadrant_name(q: Quadrant) -> &'static str {
    match q {
        Quadrant::ConcentrateHere => "Concentrate here",
        Quadrant::KeepUpTheGoodWork => "Keep up the good work",
        Quadrant::LowPriority => "Low priority",
        Quadrant::PossibleOverkill => "Possible overkill",
    }
}

pub fn action_name(a: Action) -> &'static str {
    match a {
        Action::Invest => "Invest",
        Action::Keep => "Keep",
        Action::Reduce => "Reduce",
        Action::Add => "Add",
    }
}

pub fn job_label(l: JobLabel) -> &'static str {
    match l {
        JobLabel::ExtremelyUnderServed => "Extremely under-served",
        JobLabel::UnderServed => "Under-served",
        JobLabel::OverServed => "Over-served",
        JobLabel::Served => "Served",
    }
}
