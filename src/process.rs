//! Running a helper program (git, or `uplift`'s own confined renderer) with a deadline.
//!
//! A program fed from a project folder can be made to hang (a FIFO where git expects a
//! file) or to print without end. Each run here gets its input on standard input, has its
//! output capped, and is killed when its wall-clock deadline passes; the caller gets one
//! answer it can turn into a clear message.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How a run ended, when it ended by itself.
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// At most 64 KiB of what the program complained.
    pub stderr: String,
}

/// Why a run has no answer.
#[derive(Debug)]
pub enum Failure {
    /// The program could not be started.
    Start(std::io::Error),
    /// The deadline passed; the program was killed.
    Timeout,
    /// It printed more than the cap; the program was killed.
    TooMuchOutput,
}

/// Where a program's standard output goes.
pub enum Output {
    /// Read back, up to this many bytes (more stops the program).
    Capture(u64),
    /// Straight into this file, never through memory.
    File(std::fs::File),
}

/// Runs `command` with `input` on its standard input and its output as `output` says.
pub fn run(
    mut command: Command,
    input: Vec<u8>,
    deadline: Duration,
    output: Output,
) -> Result<Finished, Failure> {
    let max_output = match output {
        Output::Capture(max) => {
            command.stdout(Stdio::piped());
            max
        }
        Output::File(file) => {
            command.stdout(Stdio::from(file));
            0
        }
    };
    let mut child = command.stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(Failure::Start)?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    // Each pipe on its own thread: a program that writes while it reads would otherwise
    // block on a full pipe.
    let writer = std::thread::spawn(move || stdin.map(|mut s| s.write_all(&input)));
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.map(|s| s.take(max_output + 1).read_to_end(&mut out));
        out
    });
    let complaint = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.map(|s| s.take(64 * 1024).read_to_string(&mut text));
        text
    });
    let status = wait(&mut child, Instant::now() + deadline);
    let _ = writer.join();
    let stdout = reader.join().unwrap_or_default();
    let stderr = complaint.join().unwrap_or_default();
    let status = status.ok_or(Failure::Timeout)?;
    if stdout.len() as u64 > max_output {
        return Err(Failure::TooMuchOutput);
    }
    Ok(Finished { status, stdout, stderr })
}

/// Waits for `child` until `deadline`; kills it then. `None` when it was killed.
fn wait(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_that_hangs_is_killed_at_its_deadline() {
        let clock = Instant::now();
        let mut sleep = Command::new("sleep");
        sleep.arg("30");
        let result = run(sleep, Vec::new(), Duration::from_millis(200), Output::Capture(1024));
        assert!(matches!(result, Err(Failure::Timeout)));
        assert!(clock.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn output_past_the_cap_is_refused() {
        let result = run(Command::new("yes"), Vec::new(), Duration::from_secs(5), Output::Capture(4096));
        assert!(matches!(result, Err(Failure::TooMuchOutput)));
    }

    #[test]
    fn input_goes_in_and_output_comes_back() {
        let done = run(Command::new("cat"), b"hello".to_vec(), Duration::from_secs(5), Output::Capture(1024))
            .ok()
            .unwrap();
        assert!(done.status.success());
        assert_eq!(done.stdout, b"hello");
    }
}
