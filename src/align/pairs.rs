//! Pair counting: how many words of a source sentence match a target
//! sentence and back, for every pair near the band, from inverted lists.

use std::collections::HashMap;

use super::keys::{KeyBuild, KeyLists};
use super::words::SentenceInfo;

/// Match counts between one source and one target sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PairCounts {
    pub(super) src_words: u16,
    pub(super) tgt_words: u16,
    pub(super) src_numbers: u16,
    pub(super) tgt_numbers: u16,
}

pub(super) fn count_in(tokens: &KeyLists, keyset: &[u64]) -> u16 {
    tokens
        .iter()
        .filter(|keys| keys.iter().any(|k| keyset.binary_search(k).is_ok()))
        .count() as u16
}

pub(super) fn pair_counts(s: &SentenceInfo, t: &SentenceInfo) -> PairCounts {
    PairCounts {
        src_words: count_in(&s.words, &t.keyset),
        tgt_words: count_in(&t.words, &s.keyset),
        src_numbers: count_in(&s.numbers, &t.keyset),
        tgt_numbers: count_in(&t.numbers, &s.keyset),
    }
}

/// Sorted sentence numbers in which each key occurs.
pub(super) fn postings(side: &[SentenceInfo]) -> HashMap<u64, Vec<u32>, KeyBuild> {
    let mut index: HashMap<u64, Vec<u32>, KeyBuild> = HashMap::default();
    for (k, s) in side.iter().enumerate() {
        for key in &s.keyset {
            index.entry(*key).or_default().push(k as u32);
        }
    }
    index
}

/// Match counts of the pairs `(i, j)` with `j` in row i's window
/// `lo[i]..hi[i]`, stored row after row.
#[derive(Debug, Clone, Default)]
pub(super) struct PairTable {
    pub(super) window: Vec<(usize, usize)>,
    /// Where each row starts in `cells` (one more entry than rows).
    pub(super) start: Vec<usize>,
    pub(super) cells: Vec<PairCounts>,
}

impl PairTable {
    /// Count, for every pair in the windows, the words of each side that
    /// match the other. Walks inverted lists restricted to the window, so
    /// the cost is the number of key occurrences times log of a list plus
    /// the matches found, not windows times words times keys. The two
    /// directions run at once.
    pub(super) fn new(
        src: &[SentenceInfo],
        tgt: &[SentenceInfo],
        window: Vec<(usize, usize)>,
    ) -> Self {
        let (n, m) = (src.len(), tgt.len());
        let mut start = Vec::with_capacity(n + 1);
        start.push(0);
        for &(lo, hi) in &window {
            start.push(start.last().unwrap() + (hi - lo));
        }
        let total = start[n];
        // Rows whose window holds column j form an interval (windows are monotone).
        let mut col_window = vec![(n, 0usize); m];
        for (i, &(lo, hi)) in window.iter().enumerate() {
            for w in &mut col_window[lo..hi] {
                *w = (w.0.min(i), w.1.max(i + 1));
            }
        }
        // (words, numbers) of one side matched in the other, per cell.
        let count = |own: &[SentenceInfo], other: &[SentenceInfo], src_rows: bool| {
            let mut cells = vec![(0u16, 0u16); total];
            let windows = if src_rows { &window } else { &col_window };
            count_matches(own, &postings(other), windows, |k, x, is_number| {
                let (i, j) = if src_rows { (k, x) } else { (x, k) };
                let (lo, hi) = window[i];
                if j < lo || j >= hi {
                    return false;
                }
                let c = &mut cells[start[i] + j - lo];
                if is_number {
                    c.1 += 1
                } else {
                    c.0 += 1
                }
                true
            });
            cells
        };
        let (from_src, from_tgt) = if n == 0 || m == 0 {
            (vec![(0, 0); total], vec![(0, 0); total])
        } else {
            rayon::join(|| count(src, tgt, true), || count(tgt, src, false))
        };
        let cells = from_src
            .into_iter()
            .zip(from_tgt)
            .map(|(s, t)| PairCounts {
                src_words: s.0,
                src_numbers: s.1,
                tgt_words: t.0,
                tgt_numbers: t.1,
            })
            .collect();
        PairTable {
            window,
            start,
            cells,
        }
    }

    /// Counts of `(i, j)` when in the table.
    #[inline]
    pub(super) fn get(&self, i: usize, j: usize) -> Option<PairCounts> {
        let (lo, hi) = self.window[i];
        (j >= lo && j < hi).then(|| self.cells[self.start[i] + j - lo])
    }
}

/// For every sentence `k` of `own`, find the sentences of the other side,
/// within `windows[k]`, that hold each of its words (through `other_index`),
/// and call `record(k, other, is_number)` once per word and sentence; `record`
/// says whether the pair was counted.
pub(super) fn count_matches(
    own: &[SentenceInfo],
    other_index: &HashMap<u64, Vec<u32>, KeyBuild>,
    windows: &[(usize, usize)],
    mut record: impl FnMut(usize, usize, bool) -> bool,
) {
    let others = windows.iter().map(|w| w.1).max().unwrap_or(0);
    // stamp[x] = last word that counted sentence x, so a word counts once.
    let mut stamp: Vec<u32> = vec![u32::MAX; others];
    let mut word_id: u32 = 0;
    for (k, info) in own.iter().enumerate() {
        let (lo, hi) = windows[k];
        if lo >= hi {
            continue;
        }
        for (tokens, is_number) in [(&info.words, false), (&info.numbers, true)] {
            for keys in tokens.iter() {
                word_id = word_id.wrapping_add(1);
                for key in keys {
                    let Some(list) = other_index.get(key) else {
                        continue;
                    };
                    let start = list.partition_point(|&x| (x as usize) < lo);
                    for &x in list[start..].iter().take_while(|&&x| (x as usize) < hi) {
                        let x = x as usize;
                        if stamp[x] != word_id && record(k, x, is_number) {
                            stamp[x] = word_id;
                        }
                    }
                }
            }
        }
    }
}
