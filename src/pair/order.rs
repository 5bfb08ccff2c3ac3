//! A quick sentence-by-sentence comparison of two articles: which
//! sentences meet their translation, in order, and where in the longer
//! article the matched run starts. It costs a small fraction of an
//! alignment, so it runs on every candidate pair and decides which are
//! worth aligning; it also says where the match starts exactly, which an
//! alignment bead joining several sentences hides.

use super::space::{Article, KeySpace};

/// Two sentences whose keys overlap this much (weighted Dice) are a
/// translation of each other; unrelated sentences of articles on the same
/// subject share a name or two and stay well below it.
const MATCH: f32 = 0.15;

/// The outcome of [`compare_sentences`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Order {
    /// Sentences of the shorter article matched, in order.
    pub(crate) matched: u32,
    /// Sentences of the shorter article.
    pub(crate) short: u32,
    /// Sentences of the longer article.
    pub(crate) long: u32,
    /// Sentences of the longer article before its first matched one.
    pub(crate) lead: u32,
    /// Sentences of the longer article left unmatched between its first
    /// and last matched ones.
    pub(crate) gaps: u32,
}

impl Order {
    /// How much this looks like a translation, about -2 to 1: the share of
    /// the shorter article matched, less the share of the longer one
    /// before the match and the share skipped inside it.
    pub(crate) fn score(&self) -> f64 {
        let short = self.short.max(1) as f64;
        let long = self.long.max(1) as f64;
        self.matched as f64 / short - (self.lead as f64 + self.gaps as f64) / long
    }
}

/// The sum of the weights of sorted key ids.
fn weight(keys: &[u32], idf: &[f32]) -> f32 {
    keys.iter().map(|&k| idf[k as usize]).sum()
}

/// Weighted Dice overlap of two sorted lists of key ids.
fn overlap(a: &[u32], b: &[u32], wa: f32, wb: f32, idf: &[f32]) -> f32 {
    if wa + wb <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += idf[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared / (wa + wb)
}

/// Match the sentences of two articles in order (the most matched
/// sentence pairs, each sentence at most once, no crossing), and describe
/// the match (see [`Order`]).
pub(crate) fn compare_sentences(a: &Article, b: &Article, space: &KeySpace) -> Order {
    let (n, m) = (a.len(), b.len());
    let idf = &space.idf;
    let wa: Vec<f32> = (0..n).map(|i| weight(a.sentence(i), idf)).collect();
    let wb: Vec<f32> = (0..m).map(|j| weight(b.sentence(j), idf)).collect();
    // best[i][j]: the most matches among the first i and j sentences; a
    // near tie is broken by the overlap, so that the run is the tightest.
    let width = m + 1;
    let mut best = vec![(0u32, 0f32); (n + 1) * width];
    let mut hit = vec![false; n * m];
    for i in 1..=n {
        for j in 1..=m {
            let sim = overlap(
                a.sentence(i - 1),
                b.sentence(j - 1),
                wa[i - 1],
                wb[j - 1],
                idf,
            );
            let up = best[(i - 1) * width + j];
            let left = best[i * width + j - 1];
            let mut cell = if up >= left { up } else { left };
            if sim >= MATCH {
                let diag = best[(i - 1) * width + j - 1];
                let take = (diag.0 + 1, diag.1 + sim);
                if take > cell {
                    cell = take;
                    hit[(i - 1) * m + j - 1] = true;
                }
            }
            best[i * width + j] = cell;
        }
    }
    // Trace the matched pairs back.
    let (mut i, mut j) = (n, m);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    while i > 0 && j > 0 {
        let cell = best[i * width + j];
        if hit[(i - 1) * m + j - 1] && best[(i - 1) * width + j - 1].0 + 1 == cell.0 {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if best[(i - 1) * width + j] == cell {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    let a_longer = n > m;
    let long_side = |p: &(usize, usize)| if a_longer { p.0 } else { p.1 };
    let mut order = Order {
        matched: pairs.len() as u32,
        short: n.min(m) as u32,
        long: n.max(m) as u32,
        lead: n.max(m) as u32,
        gaps: 0,
    };
    if let (Some(first), Some(last)) = (pairs.first(), pairs.last()) {
        order.lead = long_side(first) as u32;
        let span = long_side(last) - long_side(first) + 1;
        order.gaps = (span - pairs.len()) as u32;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::space::articles;
    use crate::pair::space::tests::keys;

    #[test]
    fn a_shortened_translation_matches_in_order_from_the_start() {
        let s: Vec<Vec<u64>> = (0..6u64)
            .map(|k| vec![10 * k, 10 * k + 1, 10 * k + 2])
            .collect();
        let refs: Vec<&[u64]> = s.iter().map(Vec::as_slice).collect();
        let ar = [
            keys(&refs),
            // The same sentences, the translated ones late and swapped.
            keys(&[refs[3], refs[4], refs[5], refs[1], refs[0]]),
        ];
        let en = [keys(&refs[..2]), keys(&[&[100, 101]])];
        let (space, ar, en) = articles(&ar, &en);
        let good = compare_sentences(&ar[0], &en[0], &space);
        assert_eq!(
            good,
            Order {
                matched: 2,
                short: 2,
                long: 6,
                lead: 0,
                gaps: 0,
            }
        );
        let bad = compare_sentences(&ar[1], &en[0], &space);
        assert!(bad.matched == 1 && bad.lead >= 3, "{bad:?}");
        assert!(good.score() > bad.score() + 0.5);
    }
}
