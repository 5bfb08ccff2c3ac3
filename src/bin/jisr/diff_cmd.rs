//! `jisr diff [SRC] OLD NEW`: what changed between two versions of a
//! translation, beside the source sentences they translate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode, Stdio};

use anyhow::{bail, Context, Result};
use jisr::diff::view::{write_html, write_jsonl, write_text, ViewOptions};
use jisr::diff::{Diff, DiffOptions, Differ};
use jisr::input::text::display_path;
use jisr::{Document, Error, SentenceSplitter};

use crate::align_cmd::{article_language, option_inputs, Setup};
use crate::args::{AlignOptions, DiffArgs, DiffFormat};
use crate::out;

/// Everything `diff` needs, resolved once from the arguments and the environment.
struct Settings {
    src: Option<PathBuf>,
    old: PathBuf,
    new: PathBuf,
    format: DiffFormat,
    output: Option<PathBuf>,
    view: ViewOptions,
    /// The pager command line, when output goes to one.
    pager: Option<String>,
}

impl Settings {
    fn new(args: &DiffArgs) -> Result<Settings> {
        let (src, old, new) = match args.files.as_slice() {
            [old, new] => (None, old.clone(), new.clone()),
            [src, old, new] => (Some(src.clone()), old.clone(), new.clone()),
            _ => bail!("expected [SRC] OLD NEW: two or three files"),
        };
        let stdin_count = args
            .files
            .iter()
            .filter(|p| p.as_path() == Path::new("-"))
            .count();
        if stdin_count > 1 {
            bail!("only one of SRC, OLD and NEW can be `-` (standard input)");
        }
        let to_stdout = out::is_stdout(args.output.as_deref());
        let text = args.format == DiffFormat::Text;
        let color = text && out::use_color(args.color, to_stdout);
        let mut view = ViewOptions::default();
        view.width(args.width.unwrap_or_else(out::terminal_width))
            .color(color)
            .context(args.context)
            .max_char_edits(DiffOptions::default().max_char_edits);
        let pager = if text && to_stdout && !args.no_pager && out::stdout_is_terminal() {
            let from_env = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
            Some(
                args.pager
                    .clone()
                    .or(from_env)
                    .unwrap_or_else(|| "less -R".to_string()),
            )
        } else {
            None
        };
        Ok(Settings {
            src,
            old,
            new,
            format: args.format,
            output: args.output.clone(),
            view,
            pager,
        })
    }
}

fn document(lang: &str, text: &str, splitter: &SentenceSplitter, presplit: bool) -> Document {
    if presplit {
        Document::from_presplit(lang, text)
    } else {
        Document::from_raw(lang, text, splitter)
    }
}

/// Run `jisr diff`; exit 0 when nothing changed, 1 when something did.
pub fn run(args: DiffArgs) -> Result<ExitCode> {
    let settings = Settings::new(&args)?;
    let opts: &AlignOptions = &args.options;
    let inputs: Vec<&Path> = args
        .files
        .iter()
        .map(PathBuf::as_path)
        .chain(option_inputs(opts))
        .collect();
    out::refuse_output_onto_input(settings.output.as_deref(), &inputs)?;
    let diff = compute_diff(settings.src.as_deref(), &settings.old, &settings.new, opts)?;
    let render = |w: &mut dyn Write| -> Result<()> {
        match settings.format {
            DiffFormat::Text => write_text(w, &diff, &settings.view)?,
            DiffFormat::Jsonl => write_jsonl(w, &diff, settings.view.max_char_edits)?,
            DiffFormat::Html => {
                let title = format!(
                    "jisr diff: {} → {}",
                    display_path(&settings.old).display(),
                    display_path(&settings.new).display()
                );
                write_html(w, &diff, &title, &settings.view)?
            }
        }
        Ok(())
    };
    match &settings.pager {
        Some(pager) => {
            let mut buf = Vec::new();
            render(&mut buf)?;
            page(pager, &buf)?;
        }
        None => out::write_output(settings.output.as_deref(), render)?,
    }
    Ok(if diff.has_changes() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What changed between the translations `old_path` and `new_path`, beside
/// the source `src_path` when given: the diff `jisr diff` shows, and
/// `jisr review SRC OLD NEW` walks.
pub fn compute_diff(
    src_path: Option<&Path>,
    old_path: &Path,
    new_path: &Path,
    opts: &AlignOptions,
) -> Result<Diff> {
    let read = |path| opts.read_article(path);
    let old = read(old_path)?;
    let new_text = read(new_path)?.text;
    let tgt_lang = article_language(&opts.tgt_lang, &old, old_path, "en")?;
    let old_text = old.text;
    let differ = Differ::new(DiffOptions::default());
    Ok(match src_path {
        Some(src_path) => {
            let src = read(src_path)?;
            let src_lang = article_language(&opts.src_lang, &src, src_path, "ar")?;
            let src_text = src.text;
            Error::check_languages(
                display_path(src_path),
                &src_lang,
                display_path(old_path),
                &tgt_lang,
            )?;
            let setup = Setup::for_texts(
                opts,
                &src_lang,
                &tgt_lang,
                &[&src_text, &old_text, &new_text],
            )?;
            let src = document(&src_lang, &src_text, setup.splitter(), opts.presplit);
            let old = document(&tgt_lang, &old_text, setup.splitter(), opts.presplit);
            let new = document(&tgt_lang, &new_text, setup.splitter(), opts.presplit);
            differ.diff_with_source(&setup.aligner, &src, &old, &new)
        }
        None => {
            let splitter = match &opts.srx {
                Some(p) => SentenceSplitter::from_file(p, opts.read_limits())?,
                None => SentenceSplitter::default_rules(),
            };
            let old = document(&tgt_lang, &old_text, &splitter, opts.presplit);
            let new = document(&tgt_lang, &new_text, &splitter, opts.presplit);
            differ.diff(&old, &new)
        }
    })
}

/// Show `text` through `pager` when it is taller than the terminal, else
/// print it. A pager that cannot be started is not an error: the text is
/// printed instead, as `git` does.
fn page(pager: &str, text: &[u8]) -> Result<()> {
    let height = terminal_size::terminal_size().map_or(24, |(_, h)| h.0 as usize);
    let lines = text.iter().filter(|&&b| b == b'\n').count();
    let mut words = pager.split_whitespace();
    let program = words.next().filter(|p| *p != "cat");
    if let (Some(program), true) = (program, lines >= height) {
        let mut cmd = Process::new(program);
        cmd.args(words).stdin(Stdio::piped());
        if program == "less" && std::env::var_os("LESS").is_none() {
            // Keep colour, and quit at once when the text fits after all.
            cmd.env("LESS", "FRX");
        }
        if let Ok(mut child) = cmd.spawn() {
            if let Some(mut stdin) = child.stdin.take() {
                // The user may quit the pager before reading everything.
                let _ = stdin.write_all(text);
            }
            child.wait().with_context(|| format!("pager `{pager}`"))?;
            return Ok(());
        }
    }
    out::write_output(None, |w| {
        w.write_all(text)?;
        Ok(())
    })
}
