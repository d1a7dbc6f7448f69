//! `uplift summarise`: the per-customer summary of the project's transaction data.

use std::path::Path;

use super::load;
use crate::diagnostic::plural;
use crate::error::Error;
use crate::output::{Destination, Protected, check_target};

pub fn run(
    dir: &Path,
    output: Option<&Path>,
    holdout: bool,
    options: crate::project::Options,
) -> Result<(), Error> {
    let cache = super::cache::Store::open(dir, options.cache);
    let project = load(dir, options, &cache)?;
    let Some(data) = &project.data else {
        return Err(Error::Usage(format!(
            "{} has no `data:` section in project.yaml: there is nothing to summarise",
            dir.display()
        )));
    };
    let ids: Vec<String> = project.segments.iter().map(|s| s.id.clone()).collect();
    let destination = Destination::from_arg(output).unwrap_or(Destination::Stdout);
    if let Destination::File(path) = &destination {
        check_target(path, Some(Protected { dir, inputs: &project.sources }))?;
    }
    if holdout {
        let Some(calibration) = &data.calibration else {
            return Err(Error::Usage(format!(
                "{} sets no `data: calibration_end:` in project.yaml: there is no holdout to summarise",
                dir.display()
            )));
        };
        destination.write_with(|out| crate::project::data::holdout_file::write(calibration, &ids, out))?;
        let n = calibration.customers.len() as u64;
        crate::warn!(
            "summarised {n} {} as of {} with their purchases in the {} days after; {} whose first purchase fell after it left out",
            plural(n, "customer", "customers"),
            calibration.end,
            calibration.holdout_days,
            calibration.first_purchase_in_holdout.iter().sum::<u64>()
        );
        cache.save();
        return Ok(());
    }
    destination.write_with(|out| {
        crate::project::data::write_summary(&data.customers, &ids, &project.settings.loyalty_path, out)
    })?;
    let c = &data.coverage;
    crate::warn!(
        "summarised {} {} from {} rows",
        c.customers,
        plural(c.customers, "customer", "customers"),
        c.rows
    );
    for note in super::check::left_out(c) {
        crate::warn!("{note}");
    }
    cache.save();
    Ok(())
}
