//! The `jisr` command: argument parsing and I/O around the jisr library.
//!
//! Exit codes: 0 success (for `diff`: no change), 1 (`diff`: something
//! changed), 2 trouble (bad input, I/O error). A broken pipe exits quietly.

mod align_cmd;
mod args;
mod batch_cmd;
mod diff_cmd;
mod eval_cmd;
mod out;
mod tmx_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(a) => align_cmd::run(a),
        Command::Diff(a) => diff_cmd::run(a),
        Command::Batch(a) => batch_cmd::run(a),
        Command::Tmx(a) => tmx_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if out::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("jisr: {}", out::error_line(&err));
            ExitCode::from(2)
        }
    }
}
