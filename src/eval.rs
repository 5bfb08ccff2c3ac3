//! Scoring alignments against gold beads: strict and lax precision, recall
//! and F1, with the definitions of the published sentence-alignment
//! benchmarks (Vecalign, Bertalign) and of `score.py` in the jisr evaluation
//! set. Strict counts a test bead only when it equals a gold bead; lax when it
//! shares a source and a target sentence with one. Precision is over all test
//! beads, recall over the gold beads that link both sides. Cost: linear in
//! the beads, with hash sets.

use std::collections::{HashMap, HashSet};

/// A bead as two lists of sentence numbers.
pub type BeadIds = (Vec<usize>, Vec<usize>);

/// Counts that add up over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Strict precision: (test beads found in the gold, test beads not found).
    pub p_strict: (usize, usize),
    /// Lax precision: (test beads that overlap a gold bead, those that do not).
    pub p_lax: (usize, usize),
    /// Strict recall: (linking gold beads found in the test, those missed).
    pub r_strict: (usize, usize),
    /// Lax recall: (linking gold beads a test bead overlaps, those missed).
    pub r_lax: (usize, usize),
}

/// Precision, recall and F1, strict and lax.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Strict precision.
    pub precision_strict: f64,
    /// Strict recall.
    pub recall_strict: f64,
    /// Strict F1.
    pub f1_strict: f64,
    /// Lax precision.
    pub precision_lax: f64,
    /// Lax recall.
    pub recall_lax: f64,
    /// Lax F1.
    pub f1_lax: f64,
}

/// (strict tp, strict fp, lax tp, lax fp) of `test` against `gold`, ignoring empty beads.
fn tally(gold: &[BeadIds], test: &[BeadIds]) -> (usize, usize, usize, usize) {
    let gold: HashSet<&BeadIds> = gold
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let test: HashSet<&BeadIds> = test
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let mut links: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (s, t) in &gold {
        for i in s {
            links.entry(*i).or_default().extend(t.iter().copied());
        }
    }
    let (mut ts, mut fs, mut tl, mut fl) = (0, 0, 0, 0);
    for bead in test {
        if gold.contains(bead) {
            ts += 1;
            tl += 1;
            continue;
        }
        fs += 1;
        let reach = bead
            .0
            .iter()
            .filter_map(|s| links.get(s))
            .any(|r| bead.1.iter().any(|t| r.contains(t)));
        if reach {
            tl += 1;
        } else {
            fl += 1;
        }
    }
    (ts, fs, tl, fl)
}

impl Counts {
    /// Counts of one document.
    pub fn of(gold: &[BeadIds], test: &[BeadIds]) -> Counts {
        let (a, b, c, d) = tally(gold, test);
        let links = |v: &[BeadIds]| {
            v.iter()
                .filter(|x| !x.0.is_empty() && !x.1.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        };
        let (e, f, g, h) = tally(&links(test), &links(gold));
        Counts {
            p_strict: (a, b),
            p_lax: (c, d),
            r_strict: (e, f),
            r_lax: (g, h),
        }
    }

    /// Add another document's counts.
    pub fn add(&mut self, o: &Counts) {
        let add = |x: &mut (usize, usize), y: (usize, usize)| {
            x.0 += y.0;
            x.1 += y.1;
        };
        add(&mut self.p_strict, o.p_strict);
        add(&mut self.p_lax, o.p_lax);
        add(&mut self.r_strict, o.r_strict);
        add(&mut self.r_lax, o.r_lax);
    }

    /// The scores these counts give.
    pub fn scores(&self) -> Scores {
        let ratio = |(t, f): (usize, usize)| {
            if t + f > 0 {
                t as f64 / (t + f) as f64
            } else {
                0.0
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (ps, pl, rs, rl) = (
            ratio(self.p_strict),
            ratio(self.p_lax),
            ratio(self.r_strict),
            ratio(self.r_lax),
        );
        Scores {
            precision_strict: ps,
            recall_strict: rs,
            f1_strict: f1(ps, rs),
            precision_lax: pl,
            recall_lax: rl,
            f1_lax: f1(pl, rl),
        }
    }
}

/// How well confidences match how often beads are right: expected
/// calibration error over ten equal-width bins (the mean over beads of
/// |mean confidence - accuracy| of their bin), and how many of the beads
/// at or above a threshold are right.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    /// Per bin: beads, sum of confidences, beads exactly right.
    bins: [(usize, f64, usize); 10],
}

impl Calibration {
    /// Count one bead of confidence `confidence` (clamped to [0, 1]) that
    /// is exactly a gold bead (`right`) or not.
    pub fn add(&mut self, confidence: f64, right: bool) {
        let c = confidence.clamp(0.0, 1.0);
        let bin = &mut self.bins[((c * 10.0) as usize).min(9)];
        bin.0 += 1;
        bin.1 += c;
        bin.2 += right as usize;
    }

    /// Beads counted.
    pub fn beads(&self) -> usize {
        self.bins.iter().map(|b| b.0).sum()
    }

    /// Share of the beads that are right.
    pub fn accuracy(&self) -> f64 {
        self.bins.iter().map(|b| b.2).sum::<usize>() as f64 / self.beads().max(1) as f64
    }

    /// Mean confidence.
    pub fn mean_confidence(&self) -> f64 {
        self.bins.iter().map(|b| b.1).sum::<f64>() / self.beads().max(1) as f64
    }

    /// Expected calibration error (0 when no bead was counted).
    pub fn expected_error(&self) -> f64 {
        let gap: f64 = self.bins.iter().map(|b| (b.1 - b.2 as f64).abs()).sum();
        gap / self.beads().max(1) as f64
    }

    /// Share of the beads in the top bin (confidence 0.9 or more), and the
    /// share of those that are right.
    pub fn confident(&self) -> (f64, f64) {
        let top = self.bins[9];
        (
            top.0 as f64 / self.beads().max(1) as f64,
            top.2 as f64 / top.0.max(1) as f64,
        )
    }
}

/// Map beads over the aligner's own sentences onto gold sentence numbers,
/// as `score_raw.py` does: each printed sentence is located in the text
/// (whitespace folded), and each gold sentence is credited to the bead that
/// covers most (more than half) of its characters.
///
/// `gold_src`/`gold_tgt` are the gold sentences by paragraph; `beads` hold the
/// aligner's sentence texts. Returns `None` when a sentence cannot be located.
pub fn map_raw_beads(
    gold_src: &[Vec<String>],
    gold_tgt: &[Vec<String>],
    beads: &[(Vec<&str>, Vec<&str>)],
) -> Option<Vec<BeadIds>> {
    fn fold(s: &str) -> String {
        crate::input::text::squeeze_whitespace(s)
    }
    fn text_and_spans(paras: &[Vec<String>]) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for p in paras {
            for s in p {
                if !text.is_empty() {
                    text.push(' ');
                }
                let s = fold(s);
                spans.push((text.len(), text.len() + s.len()));
                text.push_str(&s);
            }
        }
        (text, spans)
    }
    fn locate(text: &str, side: &[Vec<&str>]) -> Option<Vec<Vec<(usize, usize)>>> {
        let mut cursor = 0;
        let mut out = Vec::new();
        for sentences in side {
            let mut spans = Vec::new();
            for s in sentences {
                let s = fold(s);
                if s.is_empty() {
                    continue;
                }
                let at = cursor + text[cursor..].find(&s)?;
                spans.push((at, at + s.len()));
                cursor = at + s.len();
            }
            out.push(spans);
        }
        Some(out)
    }
    fn credit(bead_spans: &[Vec<(usize, usize)>], gold: &[(usize, usize)]) -> Vec<Option<usize>> {
        gold.iter()
            .map(|&(gs, ge)| {
                let mut best = None;
                let mut best_cov = 0;
                for (b, spans) in bead_spans.iter().enumerate() {
                    let cov: usize = spans
                        .iter()
                        .map(|&(s, e)| ge.min(e).saturating_sub(gs.max(s)))
                        .sum();
                    if cov > best_cov {
                        best = Some(b);
                        best_cov = cov;
                    }
                }
                best.filter(|_| best_cov * 2 > ge - gs)
            })
            .collect()
    }
    let (st, ss) = text_and_spans(gold_src);
    let (tt, ts) = text_and_spans(gold_tgt);
    let src_side: Vec<Vec<&str>> = beads.iter().map(|b| b.0.clone()).collect();
    let tgt_side: Vec<Vec<&str>> = beads.iter().map(|b| b.1.clone()).collect();
    let so = credit(&locate(&st, &src_side)?, &ss);
    let to = credit(&locate(&tt, &tgt_side)?, &ts);
    let mut out = Vec::new();
    for b in 0..beads.len() {
        let s: Vec<usize> = (0..so.len()).filter(|&g| so[g] == Some(b)).collect();
        let t: Vec<usize> = (0..to.len()).filter(|&g| to[g] == Some(b)).collect();
        if !s.is_empty() || !t.is_empty() {
            out.push((s, t));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_error_is_the_binned_gap() {
        let mut c = Calibration::default();
        // Bin 9: two beads at 0.95, one right: gap |1.9 - 1| = 0.9.
        c.add(0.95, true);
        c.add(0.95, false);
        // Bin 2: one bead at 0.25, wrong: gap 0.25. Bin 5: 0.5, right: 0.5.
        c.add(0.25, false);
        c.add(0.5, true);
        assert_eq!(c.beads(), 4);
        assert!((c.expected_error() - (0.9 + 0.25 + 0.5) / 4.0).abs() < 1e-12);
        assert_eq!(c.confident(), (0.5, 0.5));
        assert_eq!(c.accuracy(), 0.5);
        // Confidence 1.0 counts in the top bin.
        c.add(1.0, true);
        assert_eq!(c.confident().0, 3.0 / 5.0);
    }

    #[test]
    fn matches_the_reference_definitions() {
        let gold = vec![(vec![0], vec![0]), (vec![1], vec![1, 2]), (vec![2], vec![])];
        let test = vec![
            (vec![0], vec![0]),
            (vec![1], vec![1]),
            (vec![], vec![2]),
            (vec![2], vec![]),
        ];
        let s = Counts::of(&gold, &test).scores();
        // Test beads: [0]:[0] right, [1]:[1] lax only, []:[2] wrong, [2]:[] right.
        assert!((s.precision_strict - 0.5).abs() < 1e-9);
        assert!((s.precision_lax - 0.75).abs() < 1e-9);
        // Gold links: [0]:[0] found, [1]:[1,2] not (strict), lax yes.
        assert!((s.recall_strict - 0.5).abs() < 1e-9);
        assert!((s.recall_lax - 1.0).abs() < 1e-9);
    }
}
