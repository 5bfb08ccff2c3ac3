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
mod pair_cmd;
mod review_cmd;
mod tmx_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Parse the arguments. A bad option value is one line, `jisr: invalid
/// value ...`, exit status 2, like any bad input; other usage errors keep
/// clap's report, which shows the usage.
fn parse_args() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    Cli::try_parse().map_err(|err| match err.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let text = err.to_string();
            let first = text.lines().next().unwrap_or_default();
            out::report(&format!(
                "jisr: {}",
                first.strip_prefix("error: ").unwrap_or(first)
            ));
            ExitCode::from(2)
        }
        _ => {
            let _ = err.print();
            ExitCode::from(if err.use_stderr() { 2 } else { 0 })
        }
    })
}

fn main() -> ExitCode {
    out::install_panic_hook();
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Align(a) => align_cmd::run(a),
        Command::Diff(a) => diff_cmd::run(a),
        Command::Batch(a) => batch_cmd::run(a),
        Command::Tmx(a) => tmx_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Pair(a) => pair_cmd::run(a),
        Command::Review(a) => review_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if out::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            out::report(&format!("jisr: {}", out::error_line(&err)));
            ExitCode::from(2)
        }
    }
}
