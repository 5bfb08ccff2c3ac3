//! Beads from a path, with their signals and confidence.

use super::model::{sigmoid, Scorer};
use super::{para_of, Aligner, Alignment, Bead};

impl Aligner {
    pub(super) fn beads_from_path(
        &self,
        scorer: &Scorer,
        path: &[(usize, usize, usize)],
    ) -> Alignment {
        let mut beads = Vec::with_capacity(path.len());
        let (mut i0, mut j0) = (0, 0);
        for &(i, j, t) in path {
            let (_, signals) = scorer.bead(i0, i, j0, j, scorer.log_priors[t]);
            let paragraph = (
                para_of(scorer.src_doc, i0, i),
                para_of(scorer.tgt_doc, j0, j),
            );
            beads.push(Bead {
                src: i0..i,
                tgt: j0..j,
                confidence: 0.0,
                paragraph,
                signals,
            });
            i0 = i;
            j0 = j;
        }
        // Confidence: evidence for a linked bead; for an empty bead, how badly
        // the lone sentence matches its neighbours on the other side.
        let n = scorer.src.len();
        let m = scorer.tgt.len();
        for b in beads.iter_mut() {
            b.confidence = if !b.src.is_empty() && !b.tgt.is_empty() {
                sigmoid((b.signals.lexical + b.signals.length) / 2.0 - 0.5)
            } else {
                let mut best = f64::NEG_INFINITY;
                let prior = scorer.log_priors[0];
                if b.tgt.is_empty() {
                    let i = b.src.start;
                    for j in b.tgt.start.saturating_sub(1)..(b.tgt.start + 1).min(m) {
                        let (_, s) = scorer.bead(i, i + 1, j, j + 1, prior);
                        best = best.max(s.lexical + s.length);
                    }
                } else {
                    let j = b.tgt.start;
                    for i in b.src.start.saturating_sub(1)..(b.src.start + 1).min(n) {
                        let (_, s) = scorer.bead(i, i + 1, j, j + 1, prior);
                        best = best.max(s.lexical + s.length);
                    }
                }
                if best == f64::NEG_INFINITY {
                    0.5
                } else {
                    sigmoid(-best / 2.0 + 0.5)
                }
            };
        }
        Alignment { beads }
    }
}
