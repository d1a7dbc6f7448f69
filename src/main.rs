use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = uplift::cli::Cli::parse();
    if matches!(cli.command, uplift::cli::Command::RenderConfined) {
        return uplift::render::confined::serve();
    }
    uplift::interrupt::install();
    let result = uplift::cmd::run(cli);
    uplift::interrupt::await_handler();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            uplift::warn!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
