//! Beads from a path, with their signals and confidence.

use super::model::{sigmoid, Scorer};
use super::{para_of, Aligner, Alignment, Bead};

impl Aligner {
    pub(super) fn beads_from_path(&self, scorer: &Scorer, path: &super::search::Path) -> Alignment {
        let mut beads = Vec::with_capacity(path.steps.len());
        let (mut i0, mut j0) = (0, 0);
        for &(i, j, t) in &path.steps {
            let (_, mut signals) = scorer.bead(i0, i, j0, j, scorer.params.log_priors[t]);
            signals.posterior = path.posterior.get(beads.len()).copied().unwrap_or(0.0);
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
        if !path.posterior.is_empty() {
            calibrate(&mut beads);
            return Alignment { beads };
        }
        // Without posteriors (a first pass, whose confidence only chooses
        // the beads a word table is learned from): evidence for a linked
        // bead; for an empty bead, how badly the lone sentence matches its
        // neighbours on the other side.
        let n = scorer.src.len();
        let m = scorer.tgt.len();
        for b in beads.iter_mut() {
            b.confidence = if !b.src.is_empty() && !b.tgt.is_empty() {
                sigmoid((b.signals.lexical + b.signals.length) / 2.0 - 0.5)
            } else {
                let mut best = f64::NEG_INFINITY;
                let prior = scorer.params.log_priors[0];
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

/// Weights of the confidence model: a logistic regression of "this bead is
/// exactly right" on a constant, the bead's posterior (as a logit), whether
/// it is empty, and the document's share of matchable words and numbers
/// that found their match inside their bead (as a logit). Fitted by
/// `benches/calibrate.py` on both dev profiles, with FreeDict and with the
/// embedded word list alone, each document also paired with another
/// document's translation (a wrong pair, where no bead is right, weighted
/// 0.3); the German-French corpora are the check it was not fitted on.
/// Refit it when the scores or the posterior temperature change.
const CALIBRATION: [f64; 4] = [-3.6199, 0.6506, -1.9400, 1.9456];

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

/// Set each bead's confidence, the probability that it is exactly right,
/// from its posterior and what the whole alignment says of the pair: a
/// wrong pair of documents, or a text where little matches, has low
/// posteriors nowhere in particular but few matches everywhere.
pub(super) fn calibrate(beads: &mut [Bead]) {
    let linked = beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty());
    let (matched, matchable) = linked.fold((0u64, 0u64), |(m, t), b| {
        let s = &b.signals;
        (
            m + (s.words_matched + s.numbers_matched) as u64,
            t + (s.words_matchable + s.numbers_total) as u64,
        )
    });
    let document_rate = (matched as f64 + 1.0) / (matchable as f64 + 2.0);
    let w = CALIBRATION;
    let shared = w[0] + w[3] * logit(document_rate);
    for b in beads {
        let empty = (b.src.is_empty() || b.tgt.is_empty()) as u8 as f64;
        b.confidence = sigmoid(shared + w[1] * logit(b.signals.posterior) + w[2] * empty);
    }
}
