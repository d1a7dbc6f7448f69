//! `uplift summarise`: the per-customer summary of the project's transaction data.

use std::path::Path;

use super::load;
use crate::diagnostic::plural;
use crate::error::Error;
use crate::output::{Destination, Protected, check_target};
use crate::project::data::in_parts::{Failure, Target};

/// Summarises the project in `dir`, or its holdout; a log too large for `memory_limit` bytes
/// is read in parts, and without a cache a log read whole is written out as it is
/// summarised.
pub fn run(
    dir: &Path,
    output: Option<&Path>,
    (holdout, memory_limit): (bool, u64),
    options: crate::project::Options,
) -> Result<(), Error> {
    if !holdout
        && dir.is_dir()
        && let Some(data) = crate::project::load_data_only(dir, options)
    {
        if data.needs_parts(dir, memory_limit) {
            return in_parts(dir, output, &data, (memory_limit, options));
        }
        if !options.cache && data.is_log() {
            return whole(dir, output, &data, options);
        }
    }
    let cache = super::cache::Store::open(dir, options.cache);
    let project = load(dir, options, &cache)?;
    let Some(data) = &project.data else {
        return Err(Error::Usage(format!(
            "{} has no `data:` section in project.yaml: there is nothing to summarise",
            dir.display()
        )));
    };
    let ids: Vec<String> = project.segments.iter().map(|s| s.id.clone()).collect();
    let destination = destination(dir, output, &project.sources)?;
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
    said(&data.coverage);
    cache.save();
    // A million customers' summaries are a million allocations, freed one by one: some
    // 30 ms the run need not wait for, as its process is about to end.
    crate::parallel::drop_aside(project);
    Ok(())
}

/// Summarises a log read whole when nothing is cached, written out as it is summarised
/// ([`crate::project::data::streamed`]), without the figures per segment that only the
/// report and the cache need. As in parts, only project.yaml's settings and `data:`, and
/// segments.yaml, are checked besides the data; the project's other files are read
/// meanwhile, on a second thread, only to list them, so that the summary replaces none.
fn whole(
    dir: &Path,
    output: Option<&Path>,
    data: &crate::project::DataOnly,
    options: crate::project::Options,
) -> Result<(), Error> {
    // Refused before the log is read: the data and the files read by their name.
    destination(dir, output, &data.inputs)?;
    let (read, inputs) = std::thread::scope(|scope| {
        let inputs = scope.spawn(|| data.every_input(dir, options));
        (data.read_whole(dir), inputs.join().expect("the thread listing the project's files panicked"))
    });
    let read = read.map_err(|failure| match failure {
        Failure::Invalid(invalid) => Error::Invalid(invalid),
        Failure::Output(e) => Error::io("read", dir)(e),
    })?;
    let destination = destination(dir, output, &inputs)?;
    let coverage = write_or_leave(&destination, |out| data.write_whole(&read, out).map_err(Failure::Output))?;
    said(&coverage);
    Ok(())
}

/// Summarises a log too large to read whole in `memory_limit` bytes, part by part. Only
/// project.yaml's settings and `data:`, and segments.yaml, are checked besides the data
/// (see `DataOnly`; the other files are only listed, so that the summary replaces none),
/// and nothing is cached: the summary is the result.
fn in_parts(
    dir: &Path,
    output: Option<&Path>,
    data: &crate::project::DataOnly,
    (memory_limit, options): (u64, crate::project::Options),
) -> Result<(), Error> {
    let destination = destination(dir, output, &data.every_input(dir, options))?;
    // A file is written to a temporary one first, which the log's problems, found once every
    // part is read, leave unrenamed: its rows may go out as they are made. Standard output
    // takes nothing before the log is judged.
    let undoable = matches!(destination, Destination::File(_));
    let summarised = write_or_leave(&destination, |out| {
        data.summarise_in_parts(dir, (memory_limit, &std::env::temp_dir()), Target { out, undoable })
    })?;
    let (parts, bytes) = (summarised.parts, summarised.largest);
    let largest = if bytes < 10 << 20 {
        format!("{} KiB", bytes.div_ceil(1 << 10))
    } else {
        format!("{} MiB", bytes.div_ceil(1 << 20))
    };
    crate::warn!(
        "read the log in {parts} {} of at most {largest} each, within the memory limit of {} MiB; only project.yaml and segments.yaml were checked besides the data",
        plural(parts as u64, "part", "parts"),
        memory_limit >> 20
    );
    said(&summarised.coverage);
    Ok(())
}

/// Where `output` asks the summary to go, refused when it would replace one of the
/// project's `inputs`, or a file the project is read from by its name or the logo's
/// default place, even one this run did not read.
fn destination(
    dir: &Path,
    output: Option<&Path>,
    inputs: &[crate::model::Source],
) -> Result<Destination, Error> {
    let destination = Destination::from_arg(output).unwrap_or(Destination::Stdout);
    if let Destination::File(path) = &destination {
        check_target(path, Some(Protected { dir, inputs }))?;
        if let Some(rel) = crate::output::place_in(dir, path)
            .filter(|rel| crate::project::is_fixed_input(rel) || crate::project::is_default_logo(rel))
        {
            return Err(Error::Usage(format!(
                "{} is the project's input {rel}; write the output somewhere else",
                path.display()
            )));
        }
    }
    Ok(destination)
}

/// Writes to `destination` what `summarise` writes, and returns what it returns: the log's
/// problems when it has any (a file is then left as it was), or the output's error.
fn write_or_leave<T>(
    destination: &Destination,
    summarise: impl FnOnce(&mut dyn std::io::Write) -> Result<T, Failure>,
) -> Result<T, Error> {
    let (mut done, mut problems) = (None, None);
    let written = destination.write_with(|out| {
        match summarise(out) {
            Ok(result) => done = Some(result),
            Err(Failure::Output(e)) => return Err(e),
            Err(Failure::Invalid(invalid)) => {
                problems = Some(invalid);
                return Err(std::io::Error::other("the log has problems"));
            }
        }
        Ok(())
    });
    if let Some(invalid) = problems {
        return Err(Error::Invalid(invalid));
    }
    written?;
    let Some(done) = done else { unreachable!("`write_with` writes what its `fill` writes") };
    Ok(done)
}

/// Says on standard error how many customers and rows were summarised, and what was left out.
fn said(c: &crate::model::Coverage) {
    crate::warn!(
        "summarised {} {} from {} rows",
        c.customers,
        plural(c.customers, "customer", "customers"),
        c.rows
    );
    for note in super::check::left_out(c) {
        crate::warn!("{note}");
    }
}
