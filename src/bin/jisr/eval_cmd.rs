//! `jisr eval DIR`: align every document of a folder and score it against its gold beads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use jisr::eval::{map_raw_beads, BeadIds, Counts};
use jisr::output::parse_bead_line;
use jisr::text::{presplit_paragraphs, read_text};
use jisr::Error;

use crate::align_cmd::{load_pair, Setup};
use crate::args::EvalArgs;

fn read_gold(path: &Path) -> Result<Vec<BeadIds>> {
    let text = read_text(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(k, l)| {
            parse_bead_line(l).ok_or_else(|| {
                Error::parse(path, k + 1, "expected a bead like `[0, 1]:[2]`").into()
            })
        })
        .collect()
}

/// Run `jisr eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Error::invalid(dir, "not a directory").into());
    }
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| dir.display().to_string())?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".gold"))
                .map(String::from)
        })
        .collect();
    stems.sort();
    if stems.is_empty() {
        return Err(Error::invalid(dir, "no NNN.gold files").into());
    }
    let presplit = args.options.presplit;
    let p = |stem: &str, ext: &str| -> PathBuf { dir.join(format!("{stem}{ext}")) };
    let start = Instant::now();
    let mut pairs = Vec::new();
    let mut langs = None;
    for stem in &stems {
        let (s, t) = if presplit {
            (p(stem, ".ar"), p(stem, ".en"))
        } else {
            (p(stem, ".ar.txt"), p(stem, ".en.txt"))
        };
        let pair = load_pair(&s, &t, &args.options)?;
        langs.get_or_insert((pair.src_lang.clone(), pair.tgt_lang.clone()));
        pairs.push(pair);
    }
    let (sl, tl) = langs.unwrap();
    let texts: Vec<&str> = pairs
        .iter()
        .flat_map(|p| [p.src_text.as_str(), p.tgt_text.as_str()])
        .collect();
    let setup = Setup::for_texts(&args.options, &sl, &tl, &texts)?;
    let docs: Vec<_> = pairs
        .iter()
        .map(|pair| pair.documents(&setup, presplit))
        .collect();
    let refs: Vec<_> = docs.iter().map(|(s, t)| (s, t)).collect();
    let alignments = setup.aligner.align_many(&refs);
    let elapsed = start.elapsed();
    let mut total = Counts::default();
    println!(
        "{:<12} {:>6} {:>6} {:>6} {:>9} {:>9}",
        "document", "src", "tgt", "beads", "strict F1", "lax F1"
    );
    for ((stem, (src, tgt)), al) in stems.iter().zip(&docs).zip(&alignments) {
        let gold = read_gold(&p(stem, ".gold"))?;
        let test: Vec<BeadIds> = if presplit {
            al.beads
                .iter()
                .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
                .collect()
        } else {
            let gs = presplit_paragraphs(&read_text(&p(stem, ".ar"))?);
            let gt = presplit_paragraphs(&read_text(&p(stem, ".en"))?);
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
            map_raw_beads(&gs, &gt, &texts).ok_or_else(|| {
                Error::invalid(
                    p(stem, ".ar"),
                    "raw text does not match the presplit gold sentences",
                )
            })?
        };
        let c = Counts::of(&gold, &test);
        total.add(&c);
        let s = c.scores();
        println!(
            "{:<12} {:>6} {:>6} {:>6} {:>9.4} {:>9.4}",
            stem,
            src.len(),
            tgt.len(),
            al.beads.len(),
            s.f1_strict,
            s.f1_lax
        );
    }
    let s = total.scores();
    println!(
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
    );
    Ok(ExitCode::SUCCESS)
}
