use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = uplift::cli::Cli::parse();
    match uplift::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
