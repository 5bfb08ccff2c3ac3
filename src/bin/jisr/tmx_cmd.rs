//! `jisr tmx merge` and `jisr tmx stats`, and the TMX output of `align` and `batch`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use jisr::batch::document_name;
use jisr::export::tmx::{
    merge, read_tmx, write_stats, Tmx, TmxConfig, TmxDate, TmxStats, TmxSummary, TmxWriter,
};
use jisr::language::language_code;
use jisr::{Alignment, Document};

use crate::args::{TmxArgs, TmxCommand, TmxMergeArgs, TmxStatsArgs};
use crate::out;

/// The date written into TMX files: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention, so that a rerun gives the same bytes), else now.
pub fn tmx_date() -> Result<TmxDate> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => {
            let seconds = v.trim().parse::<u64>().with_context(|| {
                format!("SOURCE_DATE_EPOCH={v:?}: expected a number of seconds since 1970")
            })?;
            Ok(TmxDate::from_unix_seconds(seconds))
        }
        _ => Ok(TmxDate::now()),
    }
}

/// Warn, naming the document, when characters XML forbids were removed.
pub fn warn_removed(document: &str, summary: &TmxSummary) {
    if summary.removed_chars > 0 {
        eprintln!(
            "jisr: warning: {document}: removed {} character(s) that XML 1.0 does not allow \
             (control characters, U+FFFE, U+FFFF)",
            summary.removed_chars
        );
    }
}

/// `jisr align --format tmx`: one document, named after the source file.
pub fn write_align_tmx(
    w: &mut dyn Write,
    src_path: &Path,
    min_confidence: f64,
    alignment: &Alignment,
    src: &Document,
    tgt: &Document,
) -> Result<()> {
    let name = if src_path == Path::new("-") {
        "stdin".to_string()
    } else {
        document_name(src_path, &language_code(&src.language))
    };
    let mut config = TmxConfig::new(&src.language);
    config.min_confidence(min_confidence).date(tmx_date()?);
    let mut writer = TmxWriter::new(w, config)?;
    let summary = writer.write_alignment(&name, alignment, src, tgt)?;
    writer.finish()?;
    warn_removed(&name, &summary);
    Ok(())
}

/// Run `jisr tmx ...`.
pub fn run(args: TmxArgs) -> Result<ExitCode> {
    match args.command {
        TmxCommand::Merge(a) => run_merge(a),
        TmxCommand::Stats(a) => run_stats(a),
    }
}

/// `jisr tmx merge`: every input is read before anything is written, so a
/// malformed input leaves no output file.
fn run_merge(args: TmxMergeArgs) -> Result<ExitCode> {
    let inputs: Vec<&Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    out::refuse_output_onto_input(args.output.as_deref(), &inputs)?;
    let mut memories = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        memories.push(read_tmx(path)?);
    }
    // Only once every input has been read: a refused file warns about nothing.
    memories.iter().for_each(warn_skipped);
    let read: usize = memories.iter().map(|m| m.units.len()).sum();
    let src_lang = memories
        .iter()
        .map(|m| m.src_lang.clone())
        .find(|l| !l.is_empty())
        .or_else(|| {
            memories
                .iter()
                .flat_map(|m| m.units.first())
                .flat_map(|u| u.variants.first())
                .map(|v| v.lang.clone())
                .next()
        })
        .unwrap_or_else(|| "*all*".to_string());
    let (units, dropped) = merge(memories);
    let mut config = TmxConfig::new(&src_lang);
    config.date(tmx_date()?);
    out::write_output(args.output.as_deref(), |w| {
        let mut writer = TmxWriter::new(w, config)?;
        let mut removed = 0;
        for mut unit in units.iter().cloned() {
            // Numbers from different files collide; the merged file numbers anew.
            unit.tuid = None;
            removed += writer.write_unit(&unit)?;
        }
        writer.finish()?;
        if removed > 0 {
            eprintln!("jisr: warning: removed {removed} character(s) that XML 1.0 does not allow");
        }
        Ok(())
    })?;
    eprintln!(
        "jisr: {} units from {} files: {} written, {} duplicates dropped",
        read,
        args.inputs.len(),
        units.len(),
        dropped
    );
    Ok(ExitCode::SUCCESS)
}

/// `jisr tmx stats`: counts on stdout, one `key: value` a line.
fn run_stats(args: TmxStatsArgs) -> Result<ExitCode> {
    let tmx = read_tmx(&args.input)?;
    warn_skipped(&tmx);
    let stats = TmxStats::of(&tmx);
    out::write_output(None, |w| {
        write_stats(w, &args.input, &tmx, &stats)?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Say what the reader left out of a memory, one line each.
fn warn_skipped(tmx: &Tmx) {
    for warning in &tmx.warnings {
        eprintln!("jisr: warning: {warning}");
    }
}
