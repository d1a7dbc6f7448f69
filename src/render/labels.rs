//! The report's names for the model's enums, from the language's catalogue.

use super::locale::Localizer;
use crate::analysis::{Action, JobLabel, Quadrant};
use crate::model::{Driver, InitiativeAction, Project, Segment};

/// A segment's name for its id; the id itself when no segment has it (an entry removed since
/// a revision keeps only its id).
pub fn segment_name(project: &Project, id: &str) -> String {
    project.segments.iter().find(|s| s.id == id).map_or_else(|| id.to_owned(), |s| s.name.clone())
}

pub fn lever_name(l: &Localizer, d: Driver) -> String {
    l.t(&format!("lever-{}", d.key()))
}

/// A lever's name as its segment was entered: a subscription's order-value and retention
/// levers are its monthly price and monthly churn.
pub fn entered_lever_name(l: &Localizer, segment: Option<&Segment>, d: Driver) -> String {
    let subscription = segment.is_some_and(|s| s.subscription.is_some());
    l.t(&format!("lever-{}", d.lever_key(subscription).unwrap_or(d.key())))
}

/// The problem area a weak driver stands for.
pub fn problem_name(l: &Localizer, d: Driver) -> String {
    l.t(&format!("problem-{}", d.key()))
}

pub fn quadrant_name(l: &Localizer, q: Quadrant) -> String {
    let key = match q {
        Quadrant::ConcentrateHere => "concentrate_here",
        Quadrant::KeepUpTheGoodWork => "keep_up_the_good_work",
        Quadrant::LowPriority => "low_priority",
        Quadrant::PossibleOverkill => "possible_overkill",
    };
    l.t(&format!("quadrant-{key}"))
}

/// The action's catalogue key, also its CSS class.
pub fn action_key(a: Action) -> &'static str {
    match a {
        Action::Invest => "invest",
        Action::Keep => "keep",
        Action::Reduce => "reduce",
        Action::Add => "add",
    }
}

pub fn action_name(l: &Localizer, a: Action) -> String {
    l.t(&format!("action-{}", action_key(a)))
}

pub fn job_label(l: &Localizer, label: JobLabel) -> String {
    let key = match label {
        JobLabel::ExtremelyUnderServed => "extremely_under_served",
        JobLabel::UnderServed => "under_served",
        JobLabel::OverServed => "over_served",
        JobLabel::Served => "served",
    };
    l.t(&format!("job-{key}"))
}

pub fn initiative_action_name(l: &Localizer, a: InitiativeAction) -> String {
    l.t(&format!("initiative-action-{}", a.key()))
}

/// The gap list's action class an initiative's action is drawn in: adding as adding,
/// improving as investing, reducing and stopping as reducing.
pub fn initiative_action_class(a: InitiativeAction) -> &'static str {
    match a {
        InitiativeAction::Add => "add",
        InitiativeAction::Improve => "invest",
        InitiativeAction::Reduce | InitiativeAction::Stop => "reduce",
    }
}
