//! Estimation: the per-document length and match-rate parameters, from the
//! 1-1 beads of a previous pass.

use std::collections::HashSet;

use super::model::Params;
use super::pairs::pair_counts;
use super::words::SentenceInfo;
use super::{Aligner, Alignment, Bead};

/// Median of a list (0 when empty).
pub(super) fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    // The mean of the two middle values of an even count, so that the
    // median of the negated list is the negated median.
    let k = v.len() / 2;
    if v.len() % 2 == 0 {
        (v[k - 1] + v[k]) / 2.0
    } else {
        v[k]
    }
}

/// Pseudo-beads of the configured paragraph weights when a text's own are
/// learned.
const PARAGRAPH_WEIGHT: f64 = 30.0;

impl Aligner {
    /// Re-estimate the model from a previous alignment's 1-1 beads.
    pub(super) fn estimate(
        &self,
        si: &[SentenceInfo],
        ti: &[SentenceInfo],
        prev: &Alignment,
        mut p: Params,
    ) -> Params {
        let ones: Vec<&Bead> = prev
            .beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .collect();
        if ones.len() < 5 {
            return p;
        }
        // Length model from every linked bead, not only the 1-1 ones: where
        // the source writes long sentences that the target splits, the 1-1
        // beads of a first pass are mostly a long sentence with the first
        // half of its translation, and would bias the ratio.
        let sum = |side: &[SentenceInfo], r: &std::ops::Range<usize>| -> f64 {
            side[r.clone()].iter().map(|s| s.length).sum()
        };
        let linked: Vec<(f64, f64)> = prev
            .beads
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
            .map(|b| (sum(si, &b.src), sum(ti, &b.tgt)))
            .collect();
        let logs: Vec<f64> = linked
            .iter()
            .map(|&(ls, lt)| ((lt + 1.0) / (ls + 1.0)).ln())
            .collect();
        let med = median(&mut logs.clone());
        // Deviations scaled by sqrt(length) estimate sigma_k robustly (MAD).
        let mut scaled: Vec<f64> = linked
            .iter()
            .zip(&logs)
            .map(|(&(ls, lt), r)| {
                (r - med).abs() * ((lt + med.exp() * ls) / (med / 2.0).exp() + 1.0).sqrt()
            })
            .collect();
        let mad = median(&mut scaled);
        p.ratio = med.exp();
        p.sigma_k = (1.4826 * mad).clamp(1.5, 8.0);
        // Match rates: aligned pairs versus pairs shifted by a few sentences.
        // Counts are integers: summing them on all cores in any order is exact.
        let rate = |pairs: Vec<(usize, usize)>| {
            use rayon::prelude::*;
            let (wh, wt, nh, nt) = pairs
                .par_iter()
                .with_min_len(256)
                .map(|&(i, j)| {
                    let c = pair_counts(&si[i], &ti[j]);
                    (
                        (c.src_words + c.tgt_words) as u64,
                        (si[i].words.len() + ti[j].words.len()) as u64,
                        (c.src_numbers + c.tgt_numbers) as u64,
                        (si[i].numbers.len() + ti[j].numbers.len()) as u64,
                    )
                })
                .reduce(
                    || (0, 0, 0, 0),
                    |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3),
                );
            (
                (wh as f64 + 1.0) / (wt as f64 + 2.0),
                (nh as f64 + 1.0) / (nt as f64 + 2.0),
            )
        };
        let (wt_true, nt_true) = rate(ones.iter().map(|b| (b.src.start, b.tgt.start)).collect());
        let m = ti.len();
        // Pairs shifted on either side, so that swapping source and target
        // gives the same pairs, transposed.
        let n = si.len();
        let shifted = |i: usize, j: usize, d: usize| {
            let shift = |x: usize, len: usize| {
                if x + d < len {
                    Some(x + d)
                } else {
                    x.checked_sub(d)
                }
            };
            [shift(j, m).map(|j2| (i, j2)), shift(i, n).map(|i2| (i2, j))]
        };
        let (wt_rand, nt_rand) = rate(
            ones.iter()
                .flat_map(|b| {
                    let (i, j) = (b.src.start, b.tgt.start);
                    [3usize, 5, 8]
                        .into_iter()
                        .flat_map(move |d| shifted(i, j, d))
                })
                .flatten()
                .collect(),
        );
        let one_to_one: HashSet<(usize, usize)> =
            ones.iter().map(|b| (b.src.start, b.tgt.start)).collect();
        let (wt_adj, nt_adj) = rate(
            ones.iter()
                .flat_map(|b| {
                    let (i, j) = (b.src.start, b.tgt.start);
                    [
                        j.checked_sub(1).map(|j2| (i, j2)),
                        Some(j + 1).filter(|&x| x < m).map(|j2| (i, j2)),
                        i.checked_sub(1).map(|i2| (i2, j)),
                        Some(i + 1).filter(|&x| x < n).map(|i2| (i2, j)),
                    ]
                })
                .flatten()
                .filter(|p| !one_to_one.contains(p))
                .collect(),
        );
        p.word_true = wt_true.clamp(0.1, 0.95);
        p.word_random = wt_rand.clamp(0.005, p.word_true / 2.0);
        p.number_true = nt_true.clamp(0.3, 0.98);
        p.number_random = nt_rand.clamp(0.005, p.number_true / 3.0);
        p.word_adjacent = wt_adj.clamp(p.word_random, p.word_true / 1.5);
        p.number_adjacent = nt_adj.clamp(p.number_random, p.number_true / 2.0);
        p
    }

    /// Paragraph weights learned from a previous alignment: how much likelier
    /// its linked beads open a paragraph on both sides, or on one side only,
    /// than sentences taken at random would; shrunk toward the configured
    /// weights by the number of beads. `None` when a side has no paragraphs.
    pub(super) fn paragraph_weights(
        &self,
        src: &crate::document::Document,
        tgt: &crate::document::Document,
        prev: &Alignment,
    ) -> Option<(f64, f64)> {
        let share = |doc: &crate::document::Document| {
            let n = doc.sentences.len();
            let opens = (1..n).filter(|&i| doc.starts_paragraph(i)).count();
            (opens as f64 + 0.5) / (n as f64 + 1.0)
        };
        let (ps, pt) = (share(src), share(tgt));
        let (mut both, mut one, mut total) = (0.0, 0.0, 0.0);
        for b in prev
            .beads
            .iter()
            .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        {
            if b.src.start == 0 && b.tgt.start == 0 {
                continue;
            }
            let (sb, tb) = (
                src.starts_paragraph(b.src.start),
                tgt.starts_paragraph(b.tgt.start),
            );
            total += 1.0;
            match (sb, tb) {
                (true, true) => both += 1.0,
                (true, false) | (false, true) => one += 1.0,
                _ => {}
            }
        }
        if total < 5.0 || ps < 0.02 || pt < 0.02 {
            return None;
        }
        let learned_both = ((both + 0.5) / (total + 1.0) / (ps * pt)).ln();
        let learned_one = ((one + 0.5) / (total + 1.0) / (ps * (1.0 - pt) + pt * (1.0 - ps))).ln();
        let cfg = &self.config;
        let default_one = (cfg.paragraph_source_only + cfg.paragraph_target_only) / 2.0;
        let shrink = |learned: f64, default: f64| {
            (total * learned + PARAGRAPH_WEIGHT * default) / (total + PARAGRAPH_WEIGHT)
        };
        Some((
            shrink(learned_both, cfg.paragraph_both).clamp(0.0, 4.0),
            shrink(learned_one, default_one).clamp(-4.0, 0.0),
        ))
    }
}
