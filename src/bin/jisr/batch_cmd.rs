//! `jisr batch`: align every document of a folder, or JSONL documents from stdin.
//!
//! Folder mode reads and splits all documents in parallel (rayon), then aligns
//! them together with [`jisr::Aligner::align_many`], which learns one word
//! table from the whole batch. Stdin mode does the same a chunk of lines at a
//! time, so memory stays bounded however long the input is. A document that
//! fails, even by a panic in the aligner, is reported and skipped; the others
//! are written, and the exit status is 2.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jisr::batch::{
    file_suffix, file_suffixes, isolate_panics, pair_files, parse_json_document, DocumentId,
    DocumentSummary,
};
use jisr::export::beads::{write_jsonl, write_tsv};
use jisr::export::tmx::{TmxConfig, TmxSummary, TmxWriter};
use jisr::input::text::{Layout, INPUT_LIMIT, STDIN_NAME};
use jisr::language::{language_code, resolve_language};
use jisr::printable::printable;
use jisr::review::file::write_jsonl_reviewed;
use jisr::review::Review;
use jisr::{Alignment, Anchor, Document, Error, FoundAnchors};

use crate::align_cmd::{dropped_warning, load_pair, option_inputs, Setup};
use crate::args::{BatchArgs, BatchFormat};
use crate::out;
use crate::tmx_cmd::{tmx_date, warn_removed};

/// A document read and split, ready to align.
struct Loaded {
    /// Its name (file name without language and extension), or the JSON id.
    id: DocumentId,
    /// How messages name it: the name, or `<stdin>:LINE: document ID`.
    label: String,
    /// The original.
    src: Document,
    /// The translation.
    tgt: Document,
    /// The review file beside the pair, and its reviewed beads found in the texts.
    review: Option<(PathBuf, FoundAnchors)>,
}

impl Loaded {
    /// The beads to keep: the reviewed ones found in the texts.
    fn anchors(&self) -> &[Anchor] {
        self.review
            .as_ref()
            .map_or(&[][..], |(_, found)| found.anchors.as_slice())
    }
}

/// The language of a side for pairing files and choosing dictionaries:
/// `auto` means the default pair, Arabic to English.
fn pairing_language(option: &str, default: &str) -> String {
    if option == "auto" {
        default.to_string()
    } else {
        language_code(option)
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise, so logs
/// and tests see only the summary lines.
fn progress_bar(len: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} documents") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Run `jisr batch`.
pub fn run(args: BatchArgs) -> Result<ExitCode> {
    if args.stdin {
        return run_stdin(&args);
    }
    let Some(dir) = args.dir.as_deref() else {
        bail!("give a folder of documents, or --stdin");
    };
    if let Some(tgt_dir) = args.en_dir.as_deref() {
        return run_pools(&args, dir, tgt_dir);
    }
    let layout = if args.options.presplit {
        Layout::Presplit
    } else {
        Layout::Raw
    };
    let src_lang = pairing_language(&args.options.src_lang, "ar");
    let tgt_lang = pairing_language(&args.options.tgt_lang, "en");
    let (src_suffix, tgt_suffix) = (
        file_suffix(&src_lang, layout),
        file_suffix(&tgt_lang, layout),
    );
    let pairing = pair_files(dir, &src_lang, &tgt_lang, layout)?;
    let name_of = |file: &str, lang: &str| {
        file_suffixes(lang, layout)
            .iter()
            .find_map(|s| file.strip_suffix(s.as_str()))
            .map(str::to_string)
    };
    for path in &pairing.unpaired {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let partner = match name_of(&file, &src_lang) {
            Some(name) => format!("{name}{tgt_suffix}"),
            None => format!(
                "{}{src_suffix}",
                name_of(&file, &tgt_lang).unwrap_or(file.to_string())
            ),
        };
        out::report(&format!(
            "jisr: {}: no {partner} beside it, skipped",
            path.display()
        ));
    }
    for (path, kept) in &pairing.shadowed {
        let kept = kept.file_name().unwrap_or_default().to_string_lossy();
        out::report(&format!(
            "jisr: {}: {kept} is read for this document instead, skipped",
            path.display()
        ));
    }
    for (path, why) in &pairing.unreadable {
        out::report(&format!("jisr: {}: {why}, skipped", path.display()));
    }
    if pairing.pairs.is_empty() {
        bail!(
            "{}: no documents to align (expected NAME{src_suffix} with NAME{tgt_suffix})",
            dir.display()
        );
    }
    let inputs: Vec<&Path> = pairing
        .pairs
        .iter()
        .flat_map(|files| [Some(&files.src), Some(&files.tgt), files.review.as_ref()])
        .flatten()
        .map(PathBuf::as_path)
        .chain(option_inputs(&args.options))
        .collect();
    out::refuse_output_onto_input(args.output.as_deref(), &inputs)?;
    let setup = Setup::new(&args.options, &src_lang, &tgt_lang)?;

    let progress = progress_bar(pairing.pairs.len() as u64);
    progress.set_message("reading");
    let loaded: Vec<Result<Loaded>> = {
        use rayon::prelude::*;
        pairing
            .pairs
            .par_iter()
            .map(|files| {
                let loaded = load_pair(&files.src, &files.tgt, &args.options).and_then(|pair| {
                    let review = files.review.as_deref().map(Review::load).transpose()?;
                    let (src, tgt) = pair.documents(&setup, args.options.presplit);
                    Ok(Loaded {
                        id: DocumentId::Name(files.name.clone()),
                        label: files.name.clone(),
                        review: files
                            .review
                            .clone()
                            .zip(review)
                            .map(|(path, r)| (path, r.reviewed_anchors(&src, &tgt))),
                        src,
                        tgt,
                    })
                });
                progress.inc(1);
                loaded
            })
            .collect()
    };
    let (docs, mut failed) = keep_loaded(loaded, |line| progress.suspend(|| out::report(&line)));
    failed += pairing.unreadable.len();
    align_and_write(&args, &setup, docs, failed, dir, progress)
}

/// `jisr batch AR_DIR EN_DIR`: pair the articles by content (as `jisr
/// pair` does), report those left unpaired, then align the pairs.
fn run_pools(args: &BatchArgs, src_dir: &Path, tgt_dir: &Path) -> Result<ExitCode> {
    let mut pools = crate::pair_cmd::pair_pools(
        src_dir,
        tgt_dir,
        &args.options,
        jisr::pair::PairConfig::default(),
        args.output.as_deref(),
    )?;
    for u in &pools.pairing.src_unpaired {
        out::report(&format!(
            "jisr: {}: no English article translates it, left out",
            pools.src[u.index].display()
        ));
    }
    for u in &pools.pairing.tgt_unpaired {
        out::report(&format!(
            "jisr: {}: no Arabic article it translates, left out",
            pools.tgt[u.index].display()
        ));
    }
    let docs: Vec<Loaded> = pools
        .pairing
        .pairs
        .iter()
        .map(|p| {
            let name = jisr::batch::document_name(&pools.src[p.src], "ar");
            Loaded {
                id: DocumentId::Name(name.clone()),
                label: format!("{name} ({})", pools.tgt[p.tgt].display()),
                src: std::mem::take(&mut pools.src_docs[p.src]),
                tgt: std::mem::take(&mut pools.tgt_docs[p.tgt]),
                review: None,
            }
        })
        .collect();
    let progress = progress_bar(docs.len() as u64);
    align_and_write(args, &pools.setup, docs, pools.failed, src_dir, progress)
}

/// Align the documents read from `dir` together, print a summary line for
/// each, and write them in the format asked; `failed` documents were
/// already reported.
fn align_and_write(
    args: &BatchArgs,
    setup: &Setup,
    docs: Vec<Loaded>,
    mut failed: usize,
    dir: &Path,
    progress: ProgressBar,
) -> Result<ExitCode> {
    if docs.is_empty() {
        progress.finish_and_clear();
        bail!(
            "{}: none of the {failed} documents could be read",
            dir.display()
        );
    }
    // One call aligns the whole batch (the word table is shared), so there is
    // no per-document progress to show here: a spinner says it is working.
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} aligning {msg} documents ({elapsed})")
    {
        progress.set_style(style);
    }
    progress.set_message(docs.len().to_string());
    progress.enable_steady_tick(std::time::Duration::from_millis(120));
    let (aligned, unaligned) =
        align_all(setup, &docs, |line| progress.suspend(|| out::report(&line)));
    progress.finish_and_clear();
    failed += unaligned;
    if aligned.is_empty() {
        bail!(
            "{}: none of the {failed} documents could be aligned",
            dir.display()
        );
    }

    let (mut reviews, mut kept) = (0, 0);
    for (doc, al) in &aligned {
        let summary = DocumentSummary::new(&doc.label, al, &doc.src, &doc.tgt, args.low_confidence);
        out::report(&summary.to_string());
        if let Some((path, found)) = &doc.review {
            if let Some(warning) = dropped_warning(path, found) {
                out::report(&warning);
            }
            reviews += 1;
            kept += found.anchors.len();
        }
    }
    let format = args.format.unwrap_or(BatchFormat::Tmx);
    let mut total = TmxSummary::default();
    out::write_output(args.output.as_deref(), |w| {
        match format {
            BatchFormat::Tmx => {
                let mut config = TmxConfig::new(&aligned[0].0.src.language);
                config.min_confidence(args.min_confidence).date(tmx_date()?);
                let mut writer = TmxWriter::new(w, config)?;
                for (doc, al) in &aligned {
                    let name = doc.id.as_str();
                    let summary = writer.write_alignment(name, al, &doc.src, &doc.tgt)?;
                    warn_removed(&printable(name), &summary);
                    total.add(&summary);
                }
                writer.finish()?;
            }
            // With review files, every bead says whether it was reviewed.
            BatchFormat::Jsonl if reviews > 0 => {
                for (doc, al) in &aligned {
                    let docs = (&doc.src, &doc.tgt);
                    write_jsonl_reviewed(w, al, docs, doc.anchors(), Some(&doc.id), false)?;
                }
            }
            BatchFormat::Jsonl => {
                for (doc, al) in &aligned {
                    write_jsonl(w, al, &doc.src, &doc.tgt, Some(&doc.id), false)?;
                }
            }
            BatchFormat::Tsv => {
                for (doc, al) in &aligned {
                    write_tsv(w, al, &doc.src, &doc.tgt, Some(doc.id.as_str()))?;
                }
            }
        }
        Ok(())
    })?;
    let mut line = format!("jisr: {} documents aligned", aligned.len());
    if failed > 0 {
        line.push_str(&format!(", {failed} failed"));
    }
    if reviews > 0 {
        line.push_str(&format!(
            ", {reviews} with a review file ({kept} reviewed beads kept)"
        ));
    }
    if format == BatchFormat::Tmx {
        line.push_str(&format!(
            "; {} translation units (left out: {} source-only and {} target-only beads, {} below --min-confidence)",
            total.units, total.source_only, total.target_only, total.below_min_confidence
        ));
    }
    eprintln!("{line}");
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Parse, check and split one JSONL line.
fn load_json_line(args: &BatchArgs, setup: &Setup, line_no: usize, bytes: &[u8]) -> Result<Loaded> {
    let name = Path::new(STDIN_NAME);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::parse(
            name,
            line_no,
            format!(
                "invalid UTF-8 at byte offset {} of the line",
                e.valid_up_to()
            ),
        )
    })?;
    let doc = parse_json_document(name, line_no, text)?;
    let language = |option: &str, side: &str, text: &str, fallback| {
        resolve_language(option, text, fallback).map_err(|e| {
            Error::parse(
                name,
                line_no,
                format!("document {}: {side}: {e}", doc.id.to_json()),
            )
        })
    };
    let src_lang = language(&args.options.src_lang, "src", &doc.src, "ar")?;
    let tgt_lang = language(&args.options.tgt_lang, "tgt", &doc.tgt, "en")?;
    Error::check_languages(
        format!("{STDIN_NAME}:{line_no}: document {}: src", doc.id.to_json()),
        &src_lang,
        "tgt",
        &tgt_lang,
    )?;
    let split = |lang: &str, text: &str| {
        if args.options.presplit {
            Document::from_presplit(lang, text)
        } else {
            Document::from_raw(lang, text, setup.splitter())
        }
    };
    Ok(Loaded {
        src: split(&src_lang, &doc.src),
        tgt: split(&tgt_lang, &doc.tgt),
        label: format!("{STDIN_NAME}:{line_no}: document {}", doc.id.to_json()),
        id: doc.id,
        review: None,
    })
}

/// `jisr batch --stdin`: JSONL documents in, JSONL beads out, a chunk at a time.
fn run_stdin(args: &BatchArgs) -> Result<ExitCode> {
    if let Some(format) = args.format.filter(|f| *f != BatchFormat::Jsonl) {
        bail!("--stdin writes JSONL; --format {format:?} is not available with it");
    }
    let src_lang = pairing_language(&args.options.src_lang, "ar");
    let tgt_lang = pairing_language(&args.options.tgt_lang, "en");
    let inputs: Vec<&Path> = std::iter::once(Path::new("-"))
        .chain(option_inputs(&args.options))
        .collect();
    out::refuse_output_onto_input(args.output.as_deref(), &inputs)?;
    let setup = Setup::new(&args.options, &src_lang, &tgt_lang)?;
    let chunk_size = args.chunk;
    let mut failed = 0usize;
    out::write_output(args.output.as_deref(), |w| {
        let mut input = io::stdin().lock();
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(chunk_size);
        let mut line_no = 0usize;
        loop {
            let mut buf = Vec::new();
            let (n, cut) = read_line_capped(&mut input, &mut buf, args.options.max_input_size)
                .with_context(|| format!("{STDIN_NAME}: read failed"))?;
            if n > 0 {
                line_no += 1;
                if cut {
                    failed += 1;
                    let err = Error::TooLarge {
                        path: format!("{STDIN_NAME}:{line_no}").into(),
                        limit: args.options.max_input_size,
                        what: INPUT_LIMIT,
                    };
                    out::report(&format!("jisr: {err}"));
                } else if !buf.trim_ascii().is_empty() {
                    chunk.push((line_no, buf));
                }
            }
            if chunk.len() >= chunk_size || (n == 0 && !chunk.is_empty()) {
                failed += align_chunk(args, &setup, std::mem::take(&mut chunk), w)?;
                // Downstream (a Spark executor reading the pipe) sees each chunk as it is done.
                w.flush()?;
            }
            if n == 0 {
                return Ok(());
            }
        }
    })?;
    if failed > 0 {
        eprintln!("jisr: {failed} input line(s) skipped");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

/// Read one line, through its `\n`, into `buf`, keeping at most `limit`
/// bytes: the rest of a longer line is read and dropped, so one endless line
/// cannot fill the memory, and the lines after it are still read. Returns
/// the bytes read (0 at the end of the input) and whether the line was cut
/// (then `buf` is empty).
fn read_line_capped(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<(usize, bool)> {
    let mut read = 0;
    let mut cut = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((read, cut));
        }
        let end = memchr::memchr(b'\n', available);
        let piece = &available[..end.map_or(available.len(), |i| i + 1)];
        if !cut && (buf.len() + piece.len()) as u64 > limit {
            cut = true;
            *buf = Vec::new();
        }
        if !cut {
            buf.extend_from_slice(piece);
        }
        let n = piece.len();
        input.consume(n);
        read += n;
        if end.is_some() {
            return Ok((read, cut));
        }
    }
}

/// The documents that loaded, and how many did not; each failure is passed
/// to `report` as its one-line `jisr: ...` message.
fn keep_loaded(loaded: Vec<Result<Loaded>>, report: impl Fn(String)) -> (Vec<Loaded>, usize) {
    let mut failed = 0;
    let mut docs = Vec::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok(doc) => docs.push(doc),
            Err(err) => {
                failed += 1;
                report(format!("jisr: {}", out::error_line(&err)));
            }
        }
    }
    (docs, failed)
}

/// Align the documents of one chunk of lines and write their beads; returns
/// the number of bad lines (each reported on stderr).
fn align_chunk(
    args: &BatchArgs,
    setup: &Setup,
    chunk: Vec<(usize, Vec<u8>)>,
    w: &mut dyn Write,
) -> Result<usize> {
    use rayon::prelude::*;
    let loaded: Vec<Result<Loaded>> = chunk
        .par_iter()
        .map(|(line_no, bytes)| load_json_line(args, setup, *line_no, bytes))
        .collect();
    let (docs, failed) = keep_loaded(loaded, |line| out::report(&line));
    let (aligned, unaligned) = align_all(setup, &docs, |line| out::report(&line));
    for (doc, al) in &aligned {
        write_jsonl(w, al, &doc.src, &doc.tgt, Some(&doc.id), false)?;
    }
    Ok(failed + unaligned)
}

/// Align `docs` together (they share the learned word table), the documents
/// the aligner panics on left out: each is passed to `report` as a one-line
/// message. Returns the aligned documents in order, and how many were left out.
fn align_all<'a>(
    setup: &Setup,
    docs: &'a [Loaded],
    report: impl Fn(String),
) -> (Vec<(&'a Loaded, Alignment)>, usize) {
    let pairs: Vec<(&Document, &Document, &[Anchor])> =
        docs.iter().map(|d| (&d.src, &d.tgt, d.anchors())).collect();
    let results = out::catching_panics(|| {
        isolate_panics(&pairs, |part| setup.aligner.align_many_anchored(part))
    });
    let mut aligned = Vec::with_capacity(docs.len());
    let mut failed = 0;
    for (doc, result) in docs.iter().zip(results) {
        match result {
            Ok(al) => aligned.push((doc, al)),
            Err(message) => {
                failed += 1;
                report(format!(
                    "jisr: {}: internal error (a bug, please report it): {message}; skipped",
                    doc.label
                ));
            }
        }
    }
    (aligned, failed)
}
