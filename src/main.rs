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
            eprintln!("{}", uplift::terminal::escape(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}
