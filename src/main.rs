use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = uplift::cli::Cli::parse();
    if matches!(cli.command, uplift::cli::Command::RenderConfined) {
        return uplift::render::confined::serve();
    }
    uplift::interrupt::install();
    match uplift::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            uplift::warn!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
