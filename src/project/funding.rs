//! Investment lines that fund an initiative carry the initiative's cost, written once in
//! journey.yaml: `one_off`, and `annual + hours_per_year × hourly_rate` a year.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::model::{Investment, Journey, Money};

/// Fills in the cost of every line in `lines` that names an initiative; `false` (with a
/// problem in `file` at the line's `initiative`) when one frees money rather than costing
/// it. The names were checked when the lines were read.
pub fn fund(
    lines: &mut [Investment],
    journey: &Journey,
    hourly_rate: f64,
    file: &Path,
    at: impl Fn(usize) -> Option<Position>,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut sound = true;
    for (i, line) in lines.iter_mut().enumerate() {
        let Some(id) = &line.initiative else { continue };
        let Some(initiative) = journey.initiatives.get(id.index()) else { continue };
        let annual = initiative.annual + initiative.hours_per_year * hourly_rate;
        let Some(money) = Money::new(annual) else {
            diagnostics.push(
                Diagnostic::new(
                    file,
                    format!("initiative `{id}` frees {:.0} a year to run rather than costing it: a saving is not an investment line", -annual),
                )
                .at(at(i))
                .field(format!("investment[{i}].initiative"))
                .hint("remove this line: what reducing or stopping touchpoints frees is shown as the reallocation"),
            );
            sound = false;
            continue;
        };
        line.one_off = initiative.one_off;
        line.annual = money;
    }
    sound
}
