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
    /// Strict precision true/false positives.
    pub p_strict: (usize, usize),
    /// Lax precision true/false positives.
    pub p_lax: (usize, usize),
    /// Strict recall true/false positives.
    pub r_strict: (usize, usize),
    /// Lax recall true/false positives.
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
        crate::text::squeeze_whitespace(s)
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
