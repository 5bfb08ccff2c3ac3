//! `jisr eval DIR`: align every document of a folder and score it against its gold beads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use jisr::eval::{map_raw_beads, BeadIds, Calibration, Counts};
use jisr::export::beads::parse_bead_line;
use jisr::input::text::{presplit_paragraphs, read_text};
use jisr::printable::printable;
use jisr::Error;

use crate::align_cmd::{load_pair, Setup};
use crate::args::EvalArgs;
use crate::out;

/// Read the gold beads of `path`, for texts of `sizes` (source, target)
/// sentences: a sentence number beyond the text is an error naming the line.
fn read_gold(path: &Path, sizes: (usize, usize)) -> Result<Vec<BeadIds>> {
    let text = read_text(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(k, l)| {
            let bead = parse_bead_line(l).ok_or_else(|| {
                Error::parse(path, k + 1, "expected a bead like `[0, 1]:[2]`")
            })?;
            for (side, ids, size) in [("source", &bead.0, sizes.0), ("target", &bead.1, sizes.1)] {
                if let Some(i) = ids.iter().find(|&&i| i >= size) {
                    return Err(Error::parse(
                        path,
                        k + 1,
                        format!(
                            "{side} sentence {i} is beyond the text, which has {size} (numbered from 0)"
                        ),
                    )
                    .into());
                }
            }
            Ok(bead)
        })
        .collect()
}

/// The two language codes of document `stem`: the extensions of the files
/// `stem.XX` beside `stem.gold`. The gold's left side is Arabic when one is
/// `ar`, the other side English when one is `en`, else alphabetical order.
fn languages_of(dir: &Path, names: &[String], stem: &str) -> Result<(String, String)> {
    let mut codes: Vec<String> = names
        .iter()
        .filter_map(|name| {
            let ext = name.strip_prefix(stem)?.strip_prefix('.')?.to_string();
            (ext.len() >= 2
                && ext.len() <= 3
                && ext.chars().all(|c| c.is_ascii_lowercase())
                && ext != "txt")
                .then_some(ext)
        })
        .collect();
    codes.sort();
    if codes.len() != 2 {
        return Err(Error::invalid(
            dir.join(format!("{stem}.gold")),
            format!(
                "expected two files {stem}.LANG beside it (found {})",
                codes.len()
            ),
        )
        .into());
    }
    let (x, y) = (codes[0].clone(), codes[1].clone());
    Ok(if y == "ar" || x == "en" {
        (y, x)
    } else {
        (x, y)
    })
}

/// Run `jisr eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::invalid(dir, "not a directory").into());
    }
    let names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .collect();
    let mut stems: Vec<String> = names
        .iter()
        .filter_map(|n| n.strip_suffix(".gold"))
        .map(String::from)
        .collect();
    stems.sort();
    if stems.is_empty() {
        return Err(Error::invalid(dir, "no NNN.gold files").into());
    }
    let presplit = args.options.presplit;
    let p = |stem: &str, ext: &str| -> PathBuf { dir.join(format!("{stem}{ext}")) };
    let start = Instant::now();
    // Each document: its two language codes (file extensions) and texts.
    let mut sides = Vec::new();
    let mut pairs = Vec::new();
    for stem in &stems {
        let (a, b) = languages_of(dir, &names, stem)?;
        let (s, t) = if presplit {
            (p(stem, &format!(".{a}")), p(stem, &format!(".{b}")))
        } else {
            (p(stem, &format!(".{a}.txt")), p(stem, &format!(".{b}.txt")))
        };
        pairs.push(load_pair(&s, &t, &args.options)?);
        sides.push((a, b));
    }
    // One aligner per language pair, each learning from all its documents.
    let mut docs = vec![None; pairs.len()];
    let mut alignments = vec![None; pairs.len()];
    let mut groups: Vec<(String, String)> = Vec::new();
    for pair in &pairs {
        let key = (pair.src_lang.clone(), pair.tgt_lang.clone());
        if !groups.contains(&key) {
            groups.push(key);
        }
    }
    for (sl, tl) in &groups {
        let members: Vec<usize> = (0..pairs.len())
            .filter(|&k| &pairs[k].src_lang == sl && &pairs[k].tgt_lang == tl)
            .collect();
        let texts: Vec<&str> = members
            .iter()
            .flat_map(|&k| [pairs[k].src_text.as_str(), pairs[k].tgt_text.as_str()])
            .collect();
        let setup = Setup::for_texts(&args.options, sl, tl, &texts)?;
        let group_docs: Vec<_> = members
            .iter()
            .map(|&k| pairs[k].documents(&setup, presplit))
            .collect();
        let refs: Vec<_> = group_docs.iter().map(|(s, t)| (s, t)).collect();
        let group_alignments = setup.aligner.align_many(&refs);
        for ((k, d), a) in members.into_iter().zip(group_docs).zip(group_alignments) {
            docs[k] = Some(d);
            alignments[k] = Some(a);
        }
    }
    let docs: Vec<_> = docs.into_iter().flatten().collect();
    let alignments: Vec<_> = alignments.into_iter().flatten().collect();
    let elapsed = start.elapsed();
    let mut total = Counts::default();
    let mut calibration = Calibration::default();
    let mut rows = Vec::with_capacity(stems.len());
    for (((stem, (src, tgt)), al), (a, b)) in stems.iter().zip(&docs).zip(&alignments).zip(&sides) {
        let (gold, test): (_, Vec<BeadIds>) = if presplit {
            let test = al
                .beads
                .iter()
                .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
                .collect();
            (read_gold(&p(stem, ".gold"), (src.len(), tgt.len()))?, test)
        } else {
            let gs = presplit_paragraphs(&read_text(&p(stem, &format!(".{a}")))?);
            let gt = presplit_paragraphs(&read_text(&p(stem, &format!(".{b}")))?);
            let count = |paras: &[Vec<String>]| paras.iter().map(Vec::len).sum();
            let gold = read_gold(&p(stem, ".gold"), (count(&gs), count(&gt)))?;
            let texts: Vec<(Vec<&str>, Vec<&str>)> = al
                .beads
                .iter()
                .map(|b| {
                    (
                        b.src
                            .clone()
                            .map(|i| src.sentences[i].text.as_str())
                            .collect(),
                        b.tgt
                            .clone()
                            .map(|j| tgt.sentences[j].text.as_str())
                            .collect(),
                    )
                })
                .collect();
            let test = map_raw_beads(&gs, &gt, &texts).ok_or_else(|| {
                Error::invalid(
                    p(stem, &format!(".{a}.txt")),
                    "raw text does not match the presplit gold sentences",
                )
            })?;
            (gold, test)
        };
        let c = Counts::of(&gold, &test);
        total.add(&c);
        let gold_set: std::collections::HashSet<&BeadIds> = gold.iter().collect();
        for (bead, ids) in al.beads.iter().zip(&test) {
            calibration.add(bead.confidence, gold_set.contains(ids));
        }
        let s = c.scores();
        rows.push(format!(
            "{:<12} {:>6} {:>6} {:>6} {:>9.4} {:>9.4}",
            printable(stem),
            src.len(),
            tgt.len(),
            al.beads.len(),
            s.f1_strict,
            s.f1_lax
        ));
    }
    let s = total.scores();
    // Everything is checked before the first line is printed.
    out::write_output(None, |w| {
        writeln!(
            w,
            "{:<12} {:>6} {:>6} {:>6} {:>9} {:>9}",
            "document", "src", "tgt", "beads", "strict F1", "lax F1"
        )?;
        for row in &rows {
            writeln!(w, "{row}")?;
        }
        writeln!(
            w,
            "total: strict P {:.4} R {:.4} F1 {:.4} | lax P {:.4} R {:.4} F1 {:.4} | {} documents ({}) aligned in {:.2} s",
            s.precision_strict,
            s.recall_strict,
            s.f1_strict,
            s.precision_lax,
            s.recall_lax,
            s.f1_lax,
            stems.len(),
            if presplit { "presplit" } else { "raw" },
            elapsed.as_secs_f64()
        )?;
        let (share, right) = calibration.confident();
        writeln!(
            w,
            "confidence: calibration error {:.3} (mean {:.3}, {:.3} of beads exactly right) | {:.1}% of beads at 0.9 or more, {:.3} of them right",
            calibration.expected_error(),
            calibration.mean_confidence(),
            calibration.accuracy(),
            share * 100.0,
            right
        )?;
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
