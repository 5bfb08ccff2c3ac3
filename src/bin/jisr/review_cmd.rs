//! `jisr review`: the full-screen review editor (`jisr::review::app`) on
//! an aligned pair or a review file, or the revision walk
//! (`jisr::review::revision`) on SRC OLD NEW.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use jisr::diff::DiffOptions;
use jisr::review::app::{ReviewScreen, Saver};
use jisr::review::edit::Editor;
use jisr::review::file::ReviewFormat;
use jisr::review::revision::RevisionScreen;
use jisr::review::screen::{self, poll_event, Palette, Screen, TerminalSession};
use jisr::review::Review;

use crate::align_cmd::{align_pair, option_inputs};
use crate::args::{ColorChoice, ReviewArgs};
use crate::out;

/// Run `jisr review`.
pub fn run(args: ReviewArgs) -> Result<ExitCode> {
    if args.files.iter().any(|p| p.as_path() == Path::new("-")) {
        bail!("review reads its keys from standard input: give files, not `-`");
    }
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        bail!("review is a full-screen editor: standard input and output must be a terminal (to print an alignment, use `jisr align`)");
    }
    if let Some(output) = &args.output {
        ReviewFormat::of(output)?;
    }
    let palette = Palette {
        color: use_color(args.color),
    };
    match args.files.as_slice() {
        [file] => {
            let review = Review::load(file)?;
            let save_to = args.output.clone().unwrap_or_else(|| file.clone());
            edit(review, Some(save_to), Vec::new(), &args, palette)
        }
        [src, tgt] => {
            let inputs: Vec<PathBuf> = [src.as_path(), tgt.as_path()]
                .into_iter()
                .chain(option_inputs(&args.options))
                .map(Path::to_path_buf)
                .collect();
            let paths: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
            out::refuse_output_onto_input(args.output.as_deref(), &paths)?;
            let (src_doc, tgt_doc, alignment, _) = align_pair(src, tgt, &args.options, None)?;
            let review = Review::from_alignment(src_doc, tgt_doc, &alignment);
            edit(review, args.output.clone(), inputs, &args, palette)
        }
        [src, old, new] => {
            if args.output.is_some() {
                bail!("-o: walking a revision writes nothing (-o is for reviewing an alignment)");
            }
            let diff = crate::diff_cmd::compute_diff(Some(src), old, new, &args.options)?;
            let mut screen =
                RevisionScreen::new(diff, palette, DiffOptions::default().max_char_edits);
            show(&mut screen)
        }
        _ => bail!("expected SRC TGT, FILE.jsonl (or .tmx), or SRC OLD NEW"),
    }
}

/// Open the review editor on `review`; `w` writes to `save_to` (or asks),
/// never onto one of `inputs`.
fn edit(
    review: Review,
    save_to: Option<PathBuf>,
    inputs: Vec<PathBuf>,
    args: &ReviewArgs,
    palette: Palette,
) -> Result<ExitCode> {
    let mut editor = Editor::new(review);
    editor.doubtful_below(args.doubtful);
    let saver: Saver = Box::new(move |review: &Review, path: &Path| {
        let paths: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        let saved = out::refuse_output_onto_input(Some(path), &paths)
            .and_then(|()| Ok(review.save(path)?))
            .map_err(|e| out::error_line(&e));
        saved.map(|()| match review.unpaired() {
            0 => String::new(),
            n if ReviewFormat::of(path).is_ok_and(|f| f == ReviewFormat::Tmx) => format!(
                "; {n} beads with an empty side are not in a TMX: write FILE.jsonl to keep them"
            ),
            _ => String::new(),
        })
    });
    let mut screen = ReviewScreen::new(editor, palette, save_to, saver);
    show(&mut screen)
}

/// Colour on the screen: as `--color` says, `auto` heeding NO_COLOR and
/// CLICOLOR; and never on the DEC terminals (`TERM=vt100`, `vt220`, ...),
/// which have none: the selection is in reverse video anyway.
fn use_color(choice: ColorChoice) -> bool {
    let monochrome = std::env::var("TERM").is_ok_and(|t| t.starts_with("vt"));
    out::use_color(choice, true) && (choice == ColorChoice::Always || !monochrome)
}

/// Show `screen` until it quits, the terminal restored however it ends. A
/// termination signal (SIGTERM, SIGHUP, SIGINT from `kill`; Ctrl-C is a key
/// in raw mode) restores the terminal, then ends the process by it.
fn show(screen: &mut dyn Screen) -> Result<ExitCode> {
    let signal = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for s in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(s, Arc::clone(&signal), s as usize)
            .context("cannot watch for signals")?;
    }
    #[cfg(unix)]
    watch_for_hangup();
    let mut session = TerminalSession::start().context("cannot set up the terminal")?;
    let result = screen::run(&mut session.terminal, screen, || {
        if signal.load(Ordering::SeqCst) != 0 {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "signal"));
        }
        // The pause lets a signal be noticed within a quarter second.
        poll_event(Duration::from_millis(250))
    });
    drop(session);
    #[cfg(unix)]
    if let s @ 1.. = signal.load(Ordering::SeqCst) {
        let _ = signal_hook::low_level::emulate_default_handler(s as i32);
        std::process::exit(128 + s as i32);
    }
    result.context("terminal")?;
    Ok(ExitCode::SUCCESS)
}

/// When the terminal is closed under the editor (its window or ssh
/// connection gone), crossterm reads end of file forever inside its event
/// loop, where the signal flag is never looked at: the process would spin
/// on a core until killed. A watchdog ends it as the hangup would have;
/// there is no terminal left to restore.
#[cfg(unix)]
fn watch_for_hangup() {
    use std::io::IsTerminal;
    std::thread::spawn(|| loop {
        std::thread::sleep(Duration::from_millis(300));
        if !io::stdin().is_terminal() {
            let hangup = signal_hook::consts::SIGHUP;
            let _ = signal_hook::low_level::emulate_default_handler(hangup);
            std::process::exit(128 + hangup);
        }
    });
}
