//! `jisr pair`: which English article translates which Arabic article.
//!
//! Reads two pools of articles (folders, or files listing paths), splits
//! them on all cores, and hands them to [`jisr::pair::Pairer`]. An article
//! that cannot be read is reported on one line and left out; the others are
//! still paired, and the exit status is 2.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jisr::input::text::{read_text_with, ReadLimits};
use jisr::pair::{Evidence, PairConfig, Pairer, PoolPairing, Stage};
use jisr::printable::printable;
use jisr::Document;
use rayon::prelude::*;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::align_cmd::{article_language, option_inputs, Setup};
use crate::args::{AlignOptions, PairArgs, PairFormat};
use crate::out;

/// Two pools read and paired.
pub struct Pools {
    /// The paths of the Arabic articles that could be read, in order.
    pub src: Vec<PathBuf>,
    /// The Arabic articles.
    pub src_docs: Vec<Document>,
    /// The paths of the English articles that could be read, in order.
    pub tgt: Vec<PathBuf>,
    /// The English articles.
    pub tgt_docs: Vec<Document>,
    /// Which translates which (indexes into `src` and `tgt`).
    pub pairing: PoolPairing,
    /// Articles that could not be read (each reported).
    pub failed: usize,
    /// The aligner and splitter, for aligning the pairs afterwards.
    pub setup: Setup,
}

/// The paths of a pool: the files of a folder (hidden files and
/// subfolders left out), or the lines of a file listing paths (`-`: stdin).
fn list_articles(pool: &Path, limits: ReadLimits) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    if pool.is_dir() {
        let entries =
            std::fs::read_dir(pool).with_context(|| format!("{}: cannot list", pool.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("{}: cannot list", pool.display()))?;
            let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
            if !hidden && !entry.path().is_dir() {
                paths.push(entry.path());
            }
        }
    } else {
        // A list of paths, as `find` writes it.
        let text = read_text_with(pool, limits)?;
        paths.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from),
        );
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// The language a side's articles must be in, as the options ask: `auto`
/// is Arabic for the source, English for the target.
fn side_language(option: &str, default: &'static str) -> String {
    if option == "auto" {
        default.to_string()
    } else {
        option.to_string()
    }
}

/// Read one article as `align` reads it (text, a web page, a Word
/// document) and check it is in its side's language (with `auto`, an
/// Arabic article in the English pool or the reverse is refused: the
/// folders were swapped, or a file strayed).
fn read_article(
    path: &Path,
    option: &str,
    arabic_side: bool,
    opts: &AlignOptions,
) -> Result<(String, String)> {
    let limits = ReadLimits {
        regular_only: true,
        ..opts.read_limits()
    };
    let article = jisr::input::article::read_article(path, opts.input_format(), limits)?;
    let fallback = if arabic_side { "ar" } else { "en" };
    let lang = article_language(option, &article, path, fallback)?;
    if option == "auto" && (lang == "ar") != arabic_side {
        let (found, wanted) = if arabic_side {
            ("not Arabic", "Arabic")
        } else {
            ("Arabic", "English")
        };
        anyhow::bail!(
            "{}: {found} text in the pool of {wanted} articles",
            path.display()
        );
    }
    Ok((article.text, lang))
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Read both pools and pair them; unreadable articles are reported (and
/// counted in [`Pools::failed`]). `output` must not be one of the inputs.
pub fn pair_pools(
    src_pool: &Path,
    tgt_pool: &Path,
    opts: &AlignOptions,
    config: PairConfig,
    output: Option<&Path>,
) -> Result<Pools> {
    if src_pool == Path::new("-") && tgt_pool == Path::new("-") {
        anyhow::bail!("only one of AR_DIR and EN_DIR can be `-` (standard input)");
    }
    let limits = opts.read_limits();
    let src_paths = list_articles(src_pool, limits)?;
    let tgt_paths = list_articles(tgt_pool, limits)?;
    let inputs: Vec<&Path> = [src_pool, tgt_pool]
        .into_iter()
        .chain(src_paths.iter().map(PathBuf::as_path))
        .chain(tgt_paths.iter().map(PathBuf::as_path))
        .chain(option_inputs(opts))
        .collect();
    out::refuse_output_onto_input(output, &inputs)?;
    for (pool, paths) in [(src_pool, &src_paths), (tgt_pool, &tgt_paths)] {
        if paths.is_empty() {
            out::report(&format!("jisr: {}: no articles", pool.display()));
        }
    }

    let progress = progress_bar();
    progress.set_message(format!(
        "reading {} articles",
        src_paths.len() + tgt_paths.len()
    ));
    let read = |paths: &[PathBuf], arabic_side: bool| -> Vec<Result<(String, String)>> {
        let option = if arabic_side {
            &opts.src_lang
        } else {
            &opts.tgt_lang
        };
        paths
            .par_iter()
            .map(|p| read_article(p, option, arabic_side, opts))
            .collect()
    };
    let (src_texts, tgt_texts) = rayon::join(|| read(&src_paths, true), || read(&tgt_paths, false));
    let mut failed = 0;
    let mut keep = |paths: Vec<PathBuf>, texts: Vec<Result<(String, String)>>| {
        let mut kept = Vec::with_capacity(paths.len());
        for (path, text) in paths.into_iter().zip(texts) {
            match text {
                Ok(text) => kept.push((path, text)),
                Err(err) => {
                    failed += 1;
                    progress.suspend(|| {
                        out::report(&format!("jisr: {}, skipped", out::error_line(&err)))
                    });
                }
            }
        }
        kept
    };
    let src_read = keep(src_paths, src_texts);
    let tgt_read = keep(tgt_paths, tgt_texts);

    let texts: Vec<&str> = src_read
        .iter()
        .chain(&tgt_read)
        .map(|(_, (t, _))| t.as_str())
        .collect();
    let setup = Setup::for_texts(
        opts,
        &side_language(&opts.src_lang, "ar"),
        &side_language(&opts.tgt_lang, "en"),
        &texts,
    )?;
    drop(texts);
    let split = |read: Vec<(PathBuf, (String, String))>| -> (Vec<PathBuf>, Vec<Document>) {
        read.into_par_iter()
            .map(|(path, (text, lang))| {
                let doc = if opts.presplit {
                    Document::from_presplit(&lang, &text)
                } else {
                    Document::from_raw(&lang, &text, setup.splitter())
                };
                (path, doc)
            })
            .unzip()
    };
    let ((src, src_docs), (tgt, tgt_docs)) = rayon::join(|| split(src_read), || split(tgt_read));

    let pairer = Pairer::new(&setup.lexicons, config);
    let pairing = out::catching_panics(|| {
        pairer.pair_with(&src_docs, &tgt_docs, &|stage| match stage {
            Stage::Indexing => progress.set_message(format!(
                "indexing {} Arabic and {} English articles",
                src_docs.len(),
                tgt_docs.len()
            )),
            Stage::Comparing => progress.set_message("finding candidates".to_string()),
            Stage::Aligning(n) => progress.set_message(format!("aligning {n} candidate pairs")),
        })
    });
    progress.finish_and_clear();
    report_duplicates(&pairing, &src, &tgt);
    Ok(Pools {
        src,
        src_docs,
        tgt,
        tgt_docs,
        pairing,
        failed,
        setup,
    })
}

/// One line on stderr per article left out as a copy of another.
fn report_duplicates(pairing: &PoolPairing, src: &[PathBuf], tgt: &[PathBuf]) {
    for (unpaired, side) in [(&pairing.src_unpaired, src), (&pairing.tgt_unpaired, tgt)] {
        for u in unpaired.iter() {
            if let Some(first) = u.duplicate_of {
                out::report(&format!(
                    "jisr: {}: same text as {}, left unpaired",
                    side[u.index].display(),
                    side[first].display()
                ));
            }
        }
    }
}

/// Run `jisr pair`.
pub fn run(args: PairArgs) -> Result<ExitCode> {
    let config = PairConfig {
        min_confidence: args.min_confidence,
        ..PairConfig::default()
    };
    let pools = pair_pools(
        &args.src,
        &args.tgt,
        &args.options,
        config,
        args.output.as_deref(),
    )?;
    let to_stdout = out::is_stdout(args.output.as_deref());
    let format = args
        .format
        .unwrap_or(if to_stdout && out::stdout_is_terminal() {
            PairFormat::Text
        } else {
            PairFormat::Tsv
        });
    let rows = rows(&pools);
    out::write_output(args.output.as_deref(), |w| {
        match format {
            PairFormat::Tsv => write_tsv(w, &rows, args.explain)?,
            PairFormat::Jsonl => write_jsonl(w, &rows, args.explain)?,
            PairFormat::Text => write_text(w, &rows, args.explain)?,
        }
        Ok(())
    })?;
    Ok(if pools.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// One output line: an article and its partner, or an article alone.
#[derive(Serialize)]
struct Row<'a> {
    /// The Arabic article.
    ar: Option<&'a Path>,
    /// The English article.
    en: Option<&'a Path>,
    /// The pair's confidence.
    confidence: Option<f64>,
    /// For an article left out as a copy: the article it copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<&'a Path>,
    /// What decided the pair; for an unpaired article, its nearest candidate's.
    #[serde(skip)]
    evidence: Option<&'a Evidence>,
}

/// The output lines: every Arabic article in path order, with its partner
/// or alone, then the English articles left alone.
fn rows(pools: &Pools) -> Vec<Row<'_>> {
    let p = &pools.pairing;
    let mut rows: Vec<(usize, Row)> = Vec::new();
    for pair in &p.pairs {
        rows.push((
            pair.src,
            Row {
                ar: Some(&pools.src[pair.src]),
                en: Some(&pools.tgt[pair.tgt]),
                confidence: Some(pair.confidence),
                duplicate_of: None,
                evidence: Some(&pair.evidence),
            },
        ));
    }
    for u in &p.src_unpaired {
        rows.push((
            u.index,
            Row {
                ar: Some(&pools.src[u.index]),
                en: None,
                confidence: None,
                duplicate_of: u.duplicate_of.map(|k| pools.src[k].as_path()),
                evidence: u.nearest.as_ref().map(|n| &n.2),
            },
        ));
    }
    rows.sort_by_key(|(k, _)| *k);
    let mut rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();
    for u in &p.tgt_unpaired {
        rows.push(Row {
            ar: None,
            en: Some(&pools.tgt[u.index]),
            confidence: None,
            duplicate_of: u.duplicate_of.map(|k| pools.tgt[k].as_path()),
            evidence: u.nearest.as_ref().map(|n| &n.2),
        });
    }
    rows
}

/// `--explain` in words.
fn explain(e: &Evidence) -> String {
    format!(
        "similarity {:.2}: {} names, {} numbers, {} dictionary words shared; {} of {} sentences aligned in order ({} confidently), {} of {} words matched, from sentence {} of {}",
        e.similarity,
        e.names,
        e.numbers,
        e.words,
        e.aligned,
        e.sentences,
        e.confident,
        e.words_matched,
        e.words_matchable,
        (e.lead + 1).min(e.longer),
        e.longer
    )
}

/// A path for a TSV field: a tab or a line end in it would break the line.
fn tsv_field(path: Option<&Path>) -> String {
    match path {
        None => "-".to_string(),
        Some(p) => p
            .to_string_lossy()
            .replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r"),
    }
}

fn write_tsv(w: &mut dyn Write, rows: &[Row], explain_too: bool) -> Result<()> {
    for r in rows {
        let confidence = r.confidence.map(|c| format!("{c:.3}")).unwrap_or_default();
        write!(w, "{}\t{}\t{confidence}", tsv_field(r.ar), tsv_field(r.en))?;
        if explain_too {
            let why = match (r.duplicate_of, r.evidence) {
                (Some(first), _) => format!("same text as {}", tsv_field(Some(first))),
                (None, Some(e)) if r.confidence.is_none() => format!("nearest: {}", explain(e)),
                (None, Some(e)) => explain(e),
                (None, None) => "no candidate".to_string(),
            };
            write!(w, "\t{why}")?;
        }
        writeln!(w)?;
    }
    Ok(())
}

fn write_jsonl(w: &mut dyn Write, rows: &[Row], explain_too: bool) -> Result<()> {
    for r in rows {
        let mut value = serde_json::to_value(r)?;
        if explain_too {
            value["evidence"] = serde_json::to_value(r.evidence)?;
        }
        serde_json::to_writer(&mut *w, &value)?;
        writeln!(w)?;
    }
    Ok(())
}

/// A table: Arabic path, English path, confidence; `--explain` adds a line.
fn write_text(w: &mut dyn Write, rows: &[Row], explain_too: bool) -> Result<()> {
    let shown = |p: Option<&Path>| match p {
        Some(p) => printable(&p.to_string_lossy()).into_owned(),
        None => "-".to_string(),
    };
    let width = rows
        .iter()
        .map(|r| shown(r.ar).width())
        .max()
        .unwrap_or(0)
        .max("ARABIC".len());
    let pad = |s: &str| format!("{s}{}", " ".repeat(width - s.width()));
    let paired = rows.iter().filter(|r| r.confidence.is_some()).count();
    writeln!(w, "{}  CONFIDENCE  ENGLISH", pad("ARABIC"))?;
    for r in rows {
        let confidence = r
            .confidence
            .map(|c| format!("{c:>10.3}"))
            .unwrap_or_else(|| format!("{:>10}", "-"));
        writeln!(w, "{}  {confidence}  {}", pad(&shown(r.ar)), shown(r.en))?;
        if explain_too {
            match (r.duplicate_of, r.evidence) {
                (Some(first), _) => writeln!(w, "    same text as {}", shown(Some(first)))?,
                (None, Some(e)) if r.confidence.is_none() => {
                    writeln!(w, "    nearest candidate: {}", explain(e))?
                }
                (None, Some(e)) => writeln!(w, "    {}", explain(e))?,
                (None, None) => writeln!(w, "    no candidate")?,
            }
        }
    }
    writeln!(
        w,
        "{paired} pairs; {} Arabic and {} English articles unpaired",
        rows.iter().filter(|r| r.en.is_none()).count(),
        rows.iter().filter(|r| r.ar.is_none()).count()
    )?;
    Ok(())
}
