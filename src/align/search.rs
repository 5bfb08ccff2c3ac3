//! The search: a band of cells around the diagonal or a previous path, the
//! dynamic program through it, and the coarse path on blocks of sentences
//! that long texts start from.

use super::model::{Params, Scorer, BEAD_TYPES, FIRST_PASS_TYPES, N_TYPES};
use super::words::SentenceInfo;
use super::Aligner;
use crate::document::Document;

/// Texts with fewer sentences than this on either side are searched directly, without a coarse path.
pub(super) const COARSE_MIN: usize = 400;

/// Sentences per block in the coarse search.
pub(super) const COARSE_BLOCK: usize = 4;

/// Half-width of the band around a previous (or coarse) path, in sentences.
pub(super) const PATH_BAND: usize = 8;

/// How many times its first width a band may grow (by doubling).
const MAX_WIDENING: usize = 2;

/// Which target columns each source row may use: `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub(super) struct Band {
    pub(super) lo: Vec<usize>,
    pub(super) hi: Vec<usize>,
}

impl Band {
    pub(super) fn around_diagonal(n: usize, m: usize, half_width: usize) -> Band {
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let c = if n == 0 {
                0.0
            } else {
                i as f64 * m as f64 / n as f64
            };
            lo.push((c - half_width as f64).max(0.0).floor() as usize);
            hi.push(((c + half_width as f64).ceil() as usize).min(m));
        }
        Band { lo, hi }.connected()
    }

    pub(super) fn around_path(
        n: usize,
        m: usize,
        path: &[(usize, usize)],
        half_width: usize,
    ) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for &(i, j) in path {
            lo[i] = lo[i].min(j.saturating_sub(half_width));
            hi[i] = hi[i].max((j + half_width).min(m));
        }
        for i in 0..=n {
            if lo[i] == usize::MAX {
                lo[i] = lo[i.saturating_sub(1)];
                hi[i] = hi[i.saturating_sub(1)];
            }
        }
        // Keep rows monotone so that every cell can be reached.
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]).min(hi[i]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            lo[i] = lo[i].min(hi[i]);
        }
        lo[0] = 0;
        hi[n] = m;
        Band { lo, hi }.connected()
    }

    /// The band with each row starting no later than the previous row ends,
    /// so that the end is always reachable (by 0-1 steps along a row and a
    /// 1-0 step down), however skewed the sentence counts: a band around
    /// the diagonal of 1 x 60 sentences would otherwise leave row 1 out of
    /// reach of row 0. The rows stay monotone, and a skewed text costs
    /// O(n + m) cells more, not O(n · m).
    fn connected(mut self) -> Band {
        for i in 1..self.lo.len() {
            self.lo[i] = self.lo[i].min(self.hi[i - 1]);
        }
        self
    }

    pub(super) fn contains(&self, i: usize, j: usize) -> bool {
        j >= self.lo[i] && j <= self.hi[i]
    }
}

/// Rows whose bead scores are computed together (in parallel) before the
/// dynamic program takes them in order.
pub(super) const DP_CHUNK: usize = 256;

/// Run the dynamic program in `band`; returns the path of states and bead
/// types, `None` when the band leaves the end out of reach (which
/// [`Band::connected`] rules out, but the caller widens rather than trusts).
///
/// A bead's score does not depend on the path before it, so the scores of
/// a chunk of rows are computed on all cores first; the recurrence (a
/// maximum over a dozen sums per cell) then runs through them in order.
pub(super) fn best_path(
    scorer: &Scorer,
    band: &Band,
    types: usize,
    temperature: Option<f64>,
) -> Option<Path> {
    use rayon::prelude::*;
    let n = scorer.src.len();
    let m = scorer.tgt.len();
    let mut offset = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offset.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    let mut score = vec![f64::NEG_INFINITY; total];
    let mut back = vec![u8::MAX; total];
    let idx = |i: usize, j: usize| offset[i] + (j - band.lo[i]);
    score[idx(0, 0)] = 0.0;
    // With a temperature, the forward sums (log-sum-exp over all paths of
    // scores / temperature) beside the maxima, and every bead score kept
    // (as f32: posteriors need no more) for the backward sums.
    let sums = temperature.is_some();
    let inv_t = temperature.map_or(1.0, |t| 1.0 / t);
    let mut alpha = if sums {
        vec![f64::NEG_INFINITY; total]
    } else {
        Vec::new()
    };
    let mut kept: Vec<f32> = if sums {
        Vec::with_capacity(total * types)
    } else {
        Vec::new()
    };
    if sums {
        alpha[idx(0, 0)] = 0.0;
    }
    let bead_types = &BEAD_TYPES[..types];
    // Bead scores of cells offset[r0]..offset[r1], `types` per cell
    // (NEG_INFINITY where the bead would leave the band).
    let mut beads: Vec<f64> = Vec::new();
    for r0 in (0..=n).step_by(DP_CHUNK) {
        let r1 = (r0 + DP_CHUNK).min(n + 1);
        let base = offset[r0];
        beads.clear();
        beads.resize(
            (offset[r1 - 1] + band.hi[r1 - 1] - band.lo[r1 - 1] + 1 - base) * types,
            0.0,
        );
        let mut rows: Vec<(usize, &mut [f64])> = Vec::with_capacity(r1 - r0);
        let mut rest = beads.as_mut_slice();
        for i in r0..r1 {
            let cells = band.hi[i] - band.lo[i] + 1;
            let (row, tail) = rest.split_at_mut(cells * types);
            rows.push((i, row));
            rest = tail;
        }
        rows.par_iter_mut().with_min_len(8).for_each(|(i, row)| {
            let i = *i;
            for (j, cell) in (band.lo[i]..=band.hi[i]).zip(row.chunks_exact_mut(types)) {
                scorer.cell(i, j, types, cell);
                for (slot, &(a, b, _)) in cell.iter_mut().zip(bead_types) {
                    if *slot != f64::NEG_INFINITY && !band.contains(i - a, j - b) {
                        *slot = f64::NEG_INFINITY;
                    }
                }
            }
        });
        for i in r0..r1 {
            for j in band.lo[i]..=band.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let k = idx(i, j);
                let cell = &beads[(k - base) * types..(k - base + 1) * types];
                let mut best = f64::NEG_INFINITY;
                let mut best_t = u8::MAX;
                for (t, (&(a, b, _), &bead)) in bead_types.iter().zip(cell).enumerate() {
                    if bead == f64::NEG_INFINITY {
                        continue;
                    }
                    let prev = score[idx(i - a, j - b)];
                    if prev == f64::NEG_INFINITY {
                        continue;
                    }
                    let s = prev + bead;
                    if s > best {
                        best = s;
                        best_t = t as u8;
                    }
                }
                score[k] = best;
                back[k] = best_t;
                if sums {
                    let mut terms = [f64::NEG_INFINITY; N_TYPES];
                    for (t, (&(a, b, _), &bead)) in bead_types.iter().zip(cell).enumerate() {
                        if bead != f64::NEG_INFINITY {
                            terms[t] = alpha[idx(i - a, j - b)] + bead * inv_t;
                        }
                    }
                    alpha[k] = log_sum_exp(&terms[..types]);
                }
            }
        }
        if sums {
            kept.extend(beads.iter().map(|&x| x as f32));
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        // Every cell on the way back was reached, so it has a bead type
        // that leads to another reached cell.
        let &(a, b, _) = BEAD_TYPES.get(back[idx(i, j)] as usize)?;
        path.push((i, j, back[idx(i, j)] as usize));
        i -= a;
        j -= b;
    }
    path.reverse();
    let posterior = if sums {
        // Backward sums: beta(i, j) over every way from (i, j) to the end.
        let mut beta = vec![f64::NEG_INFINITY; total];
        beta[idx(n, m)] = 0.0;
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                if (i, j) == (n, m) {
                    continue;
                }
                let mut terms = [f64::NEG_INFINITY; N_TYPES];
                for (t, &(a, b, _)) in bead_types.iter().enumerate() {
                    let (i1, j1) = (i + a, j + b);
                    if i1 <= n && band.contains(i1, j1) {
                        let bead = kept[idx(i1, j1) * types + t];
                        if bead != f32::NEG_INFINITY {
                            terms[t] = beta[idx(i1, j1)] + bead as f64 * inv_t;
                        }
                    }
                }
                beta[idx(i, j)] = log_sum_exp(&terms[..types]);
            }
        }
        let z = alpha[idx(n, m)];
        let (mut i0, mut j0) = (0, 0);
        path.iter()
            .map(|&(i, j, t)| {
                let bead = kept[idx(i, j) * types + t] as f64;
                let p = (alpha[idx(i0, j0)] + bead * inv_t + beta[idx(i, j)] - z).exp();
                (i0, j0) = (i, j);
                p.clamp(0.0, 1.0)
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Path {
        steps: path,
        posterior,
    })
}

/// The best path of a dynamic program.
pub(super) struct Path {
    /// The states the path goes through, each with the bead type that ends there.
    pub(super) steps: Vec<(usize, usize, usize)>,
    /// With a temperature: each bead's posterior probability, the share of
    /// all paths' weight (exp(score / temperature)) that goes through it.
    pub(super) posterior: Vec<f64>,
}

/// ln of the sum of the exponentials, without overflow.
fn log_sum_exp(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + terms.iter().map(|&x| (x - max).exp()).sum::<f64>().ln()
}

/// Does the path come close to the band's edge where the band could be wider?
pub(super) fn touches_edge(path: &[(usize, usize, usize)], band: &Band, m: usize) -> bool {
    path.iter().any(|&(i, j, _)| {
        (band.lo[i] > 0 && j < band.lo[i] + 2) || (band.hi[i] < m && j + 2 > band.hi[i])
    })
}

impl Aligner {
    /// Best path in a band: around `states` (a previous path) when given,
    /// around the diagonal otherwise; the band doubles while the path
    /// touches its edge.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn search<'a>(
        &'a self,
        si: &'a [SentenceInfo],
        ti: &'a [SentenceInfo],
        src: &'a Document,
        tgt: &'a Document,
        params: Params,
        states: Option<(&[(usize, usize)], usize)>,
        types: usize,
        temperature: Option<f64>,
    ) -> (Scorer<'a>, Path) {
        let (n, m) = (si.len(), ti.len());
        let mut half = states.map_or(self.config.band, |(_, h)| h);
        // The band widens while the path presses against its edge, up to
        // MAX_WIDENING times its first width: text where little matches
        // (a wrong pair, a literary translation) would otherwise widen it
        // to the full n x m table. Past that, the best path inside is kept.
        let widest = half.saturating_mul(MAX_WIDENING);
        loop {
            let band = match states {
                Some((states, _)) => Band::around_path(n, m, states, half),
                None => Band::around_diagonal(n, m, half),
            };
            let scorer = Scorer::new(si, ti, src, tgt, params, &self.config, &band);
            let full = band.lo.iter().all(|&l| l == 0) && band.hi.iter().all(|&h| h == m);
            match best_path(&scorer, &band, types, temperature) {
                Some(path) if full || half >= widest || !touches_edge(&path.steps, &band, m) => {
                    return (scorer, path)
                }
                _ => half = half.saturating_mul(2),
            }
        }
    }

    /// For long texts, a path found on blocks of [`COARSE_BLOCK`] sentences,
    /// in sentence coordinates (Vecalign's coarse-to-fine idea): the fine
    /// search then needs only a narrow band around it. `None` for short texts.
    pub(super) fn coarse_states(
        &self,
        si: &[SentenceInfo],
        ti: &[SentenceInfo],
        src: &Document,
        tgt: &Document,
        params: Params,
    ) -> Option<Vec<(usize, usize)>> {
        if si.len().min(ti.len()) < COARSE_MIN {
            return None;
        }
        let blocks = |side: &[SentenceInfo], doc: &Document| -> (Vec<SentenceInfo>, Document) {
            use rayon::prelude::*;
            let infos = side
                .par_chunks(COARSE_BLOCK)
                .with_min_len(64)
                .map(|chunk| {
                    let mut info = SentenceInfo::default();
                    for s in chunk {
                        info.length += s.length;
                        info.words.append(&s.words);
                        info.numbers.append(&s.numbers);
                        info.keyset.extend(&s.keyset);
                    }
                    info.keyset.sort_unstable();
                    info.keyset.dedup();
                    info
                })
                .collect();
            let mut sentences: Vec<crate::document::Sentence> =
                Vec::with_capacity(side.len() / COARSE_BLOCK + 1);
            for first in (0..side.len()).step_by(COARSE_BLOCK) {
                // A block opens a paragraph when one of its sentences does.
                let opens = (first..(first + COARSE_BLOCK).min(side.len()))
                    .any(|i| doc.starts_paragraph(i));
                let paragraph = sentences.last().map_or(0, |s| s.paragraph + opens as usize);
                sentences.push(crate::document::Sentence {
                    text: String::new(),
                    paragraph,
                });
            }
            (
                infos,
                Document {
                    language: doc.language.clone(),
                    sentences,
                },
            )
        };
        let ((bs, bs_doc), (bt, bt_doc)) = rayon::join(|| blocks(si, src), || blocks(ti, tgt));
        let (_, path) = self.search(
            &bs,
            &bt,
            &bs_doc,
            &bt_doc,
            params,
            None,
            FIRST_PASS_TYPES,
            None,
        );
        let (n, m) = (si.len(), ti.len());
        let mut states = vec![(0, 0)];
        states.extend(
            path.steps
                .iter()
                .map(|&(i, j, _)| ((i * COARSE_BLOCK).min(n), (j * COARSE_BLOCK).min(m))),
        );
        Some(states)
    }
}
