//! The sentence level of a diff: word bags, and the monotone alignment of the
//! old sentences with the new.
//!
//! # Cost
//!
//! A full dynamic program over n old and m new sentences fills n · m cells:
//! 4,000 sentences took 20 s and 400 MB, 20,000 ran out of memory. The
//! alignment here is linear in n + m whatever the texts, in two steps:
//!
//! 1. **Anchors** (as in Patience diff): sentences that occur exactly once in
//!    each version, word for word, are paired, and the longest chain of such
//!    pairs that keeps both orders is fixed as 1-1 beads. An identical pair
//!    costs nothing and no merge or split can beat it (a merge must match
//!    better than either part alone, and nothing matches better than the same
//!    sentence), so the full program would pair them too. Between two anchors
//!    the same is done again with the sentences unique inside the gap, down to
//!    [`MAX_ANCHOR_DEPTH`] levels; each level is one linear pass.
//! 2. **A band** between anchors: the program only fills cells within
//!    [`BAND`] columns of the gap's diagonal, a fixed budget of cells per
//!    sentence. A gap small enough for a full table ([`FULL_TABLE_CELLS`],
//!    every article) gets one, so the band never changes the result there. In
//!    a huge gap without anchors (a long text of repeated sentences, or two
//!    unrelated texts) a block inserted or deleted further than [`BAND`]
//!    sentences from the diagonal is seen as edits, deletions and insertions
//!    instead of a clean insertion: a worse diff, never a wrong one, since
//!    every sentence still stands in exactly one bead.

use std::collections::HashMap;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A gap with at most this many cells gets the full table: 1,000 x 1,000
/// sentences, about 9 MB (an `f64` and a byte a cell).
pub(super) const FULL_TABLE_CELLS: usize = 1 << 20;

/// Half-width of the band in a larger gap, in sentences: 2 x 100 cells a
/// sentence, which keeps 20,000 sentences under a second and 40 MB.
pub(super) const BAND: usize = 100;

/// Levels of anchors looked for inside gaps; each costs one pass.
pub(super) const MAX_ANCHOR_DEPTH: usize = 4;

/// Word ids of the two versions, so that bags compare integers.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// Lower-cased word to its id.
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// The bag of `text`'s words (lower-cased words and numbers).
    pub(super) fn bag(&mut self, text: &str) -> Bag {
        let mut ids: Vec<u32> = text
            .unicode_words()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w.to_lowercase()).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        let total = ids.len();
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for id in ids {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => counts.push((id, 1)),
            }
        }
        Bag { counts, total }
    }
}

/// A multiset of words: (word id, count) sorted by id, so that two bags
/// are compared in one merge pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Bag {
    /// Word ids and their counts, ids ascending.
    pub(super) counts: Vec<(u32, u32)>,
    /// Number of words, repeats counted.
    pub(super) total: usize,
}

impl Bag {
    /// Words both bags hold, repeats counted.
    fn shared(&self, other: &Bag) -> usize {
        let (a, b) = (&self.counts, &other.counts);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += a[i].1.min(b[j].1) as usize;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Dice: twice the shared words over the words of both, in [0, 1].
    pub(super) fn dice(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        2.0 * self.shared(other) as f64 / (self.total + other.total) as f64
    }

    /// Share of this bag's words found in `other`.
    fn containment_in(&self, other: &Bag) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        self.shared(other) as f64 / self.total as f64
    }

    /// The words of both bags.
    fn plus(&self, other: &Bag) -> Bag {
        let (a, b) = (&self.counts, &other.counts);
        let mut counts = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let take_a = j == b.len() || (i < a.len() && a[i].0 <= b[j].0);
            let take_b = i == a.len() || (j < b.len() && b[j].0 <= a[i].0);
            match (take_a, take_b) {
                (true, true) => {
                    counts.push((a[i].0, a[i].1 + b[j].1));
                    i += 1;
                    j += 1;
                }
                (true, false) => {
                    counts.push(a[i]);
                    i += 1;
                }
                _ => {
                    counts.push(b[j]);
                    j += 1;
                }
            }
        }
        Bag {
            counts,
            total: self.total + other.total,
        }
    }
}

/// A bead of the alignment: old sentence indexes, new sentence indexes.
pub(super) type Bead = (Vec<usize>, Vec<usize>);

/// How beads are priced.
#[derive(Debug, Clone, Copy)]
pub(super) struct Costs {
    /// Below this Dice similarity a 1-1 pair costs more than a deletion plus
    /// an insertion.
    pub(super) min_similarity: f64,
    /// Each part of a merge or split must find this share of its words on
    /// the other side.
    pub(super) part_containment: f64,
}

/// Cost of a deletion or an insertion.
const INDEL: f64 = 1.0;

impl Costs {
    /// A 1-1 pair at the minimum similarity costs as much as deleting one
    /// sentence and inserting the other (1 each): scale = 2 / (1 - min).
    fn scale(&self) -> f64 {
        2.0 / (1.0 - self.min_similarity).max(1e-6)
    }

    /// Cost of the bead joining `a` and `b` (two sentences in a row) to
    /// `one` on the other side, or `None` when it is no merge (or split):
    /// each part must find enough of its words in `one`, and together they
    /// must match `one` better than either alone does, so that an unchanged
    /// sentence cannot swallow a short deleted neighbour with common words.
    fn merge(&self, a: &Bag, b: &Bag, one: &Bag, scale: f64) -> Option<f64> {
        // Merging and splitting are a little dearer than a 1-1 pair at the
        // same similarity, so that a clean 1-1 plus an indel wins ties.
        const MERGE_PENALTY: f64 = 0.1;
        const MIN_GAIN: f64 = 0.05;
        let min = self.part_containment;
        if a.containment_in(one) < min || b.containment_in(one) < min {
            return None;
        }
        let both = a.plus(b).dice(one);
        if both < a.dice(one).max(b.dice(one)) + MIN_GAIN {
            return None;
        }
        // Three sentences are involved where a 1-1 pair has two.
        Some(1.5 * scale * (1.0 - both) + MERGE_PENALTY)
    }
}

/// The two versions to align: each sentence's text (for anchors) and bag.
pub(super) struct Versions<'a> {
    /// Old sentence texts.
    pub(super) old_text: &'a [&'a str],
    /// New sentence texts.
    pub(super) new_text: &'a [&'a str],
    /// Old sentence bags.
    pub(super) old: &'a [Bag],
    /// New sentence bags.
    pub(super) new: &'a [Bag],
}

/// What an alignment cost, for tests of the bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Work {
    /// Cells of the dynamic program filled, all gaps together.
    pub(super) cells: usize,
    /// Anchored 1-1 beads.
    pub(super) anchors: usize,
}

/// The cheapest monotone path of 1-1, 1-0, 0-1, 2-1 and 1-2 beads through
/// both versions, anchored and banded (see the module documentation).
pub(super) fn align(versions: &Versions<'_>, costs: Costs) -> (Vec<Bead>, Work) {
    let mut beads = Vec::new();
    let mut work = Work::default();
    align_range(
        versions,
        costs,
        0..versions.old.len(),
        0..versions.new.len(),
        0,
        &mut beads,
        &mut work,
    );
    (beads, work)
}

/// Align `old` with `new` (ranges of sentence indexes), appending to `out`.
fn align_range(
    versions: &Versions<'_>,
    costs: Costs,
    old: Range<usize>,
    new: Range<usize>,
    depth: usize,
    out: &mut Vec<Bead>,
    work: &mut Work,
) {
    let chain = if old.is_empty() || new.is_empty() || depth >= MAX_ANCHOR_DEPTH {
        Vec::new()
    } else {
        anchors(versions, old.clone(), new.clone())
    };
    if chain.is_empty() {
        band(versions, costs, old, new, out, work);
        return;
    }
    let (mut i, mut j) = (old.start, new.start);
    for (a, b) in chain {
        align_range(versions, costs, i..a, j..b, depth + 1, out, work);
        out.push((vec![a], vec![b]));
        work.anchors += 1;
        (i, j) = (a + 1, b + 1);
    }
    align_range(
        versions,
        costs,
        i..old.end,
        j..new.end,
        depth + 1,
        out,
        work,
    );
}

/// Pairs of sentences that occur once in `old` and once in `new`, word for
/// word: the longest chain of them in both orders (patience sorting,
/// O(k log k) for k pairs).
fn anchors(versions: &Versions<'_>, old: Range<usize>, new: Range<usize>) -> Vec<(usize, usize)> {
    // Per text: occurrences in old, in new, and the index of the last one.
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for i in old.clone() {
        let e = seen.entry(versions.old_text[i]).or_insert((0, 0, 0, 0));
        e.0 += 1;
        e.1 = i;
    }
    for j in new {
        if let Some(e) = seen.get_mut(versions.new_text[j]) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|e| e.0 == 1 && e.2 == 1)
        .map(|e| (e.1, e.3))
        .collect();
    pairs.sort_unstable();
    longest_increasing_chain(&pairs)
}

/// The longest subsequence of `pairs` (sorted by their first element, which
/// is distinct) whose second elements increase too.
fn longest_increasing_chain(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index in `pairs` of the smallest last element of a chain of
    // length k + 1; prev[p]: the element before p in its chain.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, b)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < b);
        prev[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        chain.push(pairs[p]);
        at = prev[p];
    }
    chain.reverse();
    chain
}

/// How a cell was reached: the bead that ends there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Not reached (or the start).
    None,
    /// 1-0: an old sentence deleted.
    Delete,
    /// 0-1: a new sentence inserted.
    Insert,
    /// 1-1.
    Pair,
    /// 2-1: two old sentences merged.
    Merge,
    /// 1-2: an old sentence split.
    Split,
}

impl Step {
    /// Old and new sentences the bead takes.
    fn size(self) -> (usize, usize) {
        match self {
            Step::None => (0, 0),
            Step::Delete => (1, 0),
            Step::Insert => (0, 1),
            Step::Pair => (1, 1),
            Step::Merge => (2, 1),
            Step::Split => (1, 2),
        }
    }
}

/// The columns each row of the band covers: within `half` of the straight
/// line from (0, 0) to (n, m). Rows overlap by construction (row i reaches
/// the start of row i + 1), so the corner (n, m) is always reachable.
struct BandShape {
    /// First column of each row.
    lo: Vec<usize>,
    /// Offset of each row's first cell in the flat tables; one more entry
    /// holding the total.
    start: Vec<usize>,
}

impl BandShape {
    fn new(n: usize, m: usize, half: usize) -> BandShape {
        let mut lo = Vec::with_capacity(n + 1);
        let mut start = Vec::with_capacity(n + 2);
        start.push(0);
        for i in 0..=n {
            let (first, last) = match (i * m).checked_div(n) {
                None => (0, m),
                Some(diagonal) => (
                    diagonal.saturating_sub(half),
                    ((i + 1) * m).div_ceil(n).saturating_add(half).min(m),
                ),
            };
            lo.push(first);
            start.push(start[i] + last - first + 1);
        }
        BandShape { lo, start }
    }

    /// Index of cell (i, j) in the flat tables, when the band holds it.
    fn at(&self, i: usize, j: usize) -> Option<usize> {
        let lo = *self.lo.get(i)?;
        let width = self.start[i + 1] - self.start[i];
        (j >= lo && j - lo < width).then(|| self.start[i] + j - lo)
    }

    /// Columns of row `i`.
    fn columns(&self, i: usize) -> Range<usize> {
        self.lo[i]..self.lo[i] + self.start[i + 1] - self.start[i]
    }

    /// Number of cells.
    fn cells(&self) -> usize {
        *self.start.last().unwrap_or(&0)
    }
}

/// The dynamic program over one gap, within a band around its diagonal
/// (the whole table when it is small).
fn band(
    versions: &Versions<'_>,
    costs: Costs,
    old_range: Range<usize>,
    new_range: Range<usize>,
    out: &mut Vec<Bead>,
    work: &mut Work,
) {
    let old = &versions.old[old_range.clone()];
    let new = &versions.new[new_range.clone()];
    let (n, m) = (old.len(), new.len());
    if n == 0 || m == 0 {
        out.extend(old_range.map(|i| (vec![i], vec![])));
        out.extend(new_range.map(|j| (vec![], vec![j])));
        return;
    }
    let full = (n + 1).saturating_mul(m + 1) <= FULL_TABLE_CELLS;
    let shape = BandShape::new(n, m, if full { n.max(m) } else { BAND });
    work.cells += shape.cells();
    let scale = costs.scale();
    let mut cost = vec![f64::INFINITY; shape.cells()];
    let mut back = vec![Step::None; shape.cells()];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in shape.columns(i) {
            let here = cost[shape.at(i, j).expect("a cell of the row")];
            if here == f64::INFINITY {
                continue;
            }
            let mut relax = |step: Step, c: f64| {
                let (di, dj) = step.size();
                if let Some(to) = shape.at(i + di, j + dj) {
                    if here + c < cost[to] {
                        cost[to] = here + c;
                        back[to] = step;
                    }
                }
            };
            // The order of these decides ties; it is the order of the full
            // table this replaced, so that articles align as before.
            if i < n {
                relax(Step::Delete, INDEL);
            }
            if j < m {
                relax(Step::Insert, INDEL);
            }
            if i < n && j < m {
                relax(Step::Pair, scale * (1.0 - old[i].dice(&new[j])));
            }
            if i + 1 < n && j < m {
                if let Some(c) = costs.merge(&old[i], &old[i + 1], &new[j], scale) {
                    relax(Step::Merge, c);
                }
            }
            if i < n && j + 1 < m {
                if let Some(c) = costs.merge(&new[j], &new[j + 1], &old[i], scale) {
                    relax(Step::Split, c);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let step = shape.at(i, j).map_or(Step::None, |k| back[k]);
        let (di, dj) = step.size();
        // Unreachable: every cell of the band but (0, 0) that is reached has
        // a step, and rows overlap, so (n, m) is reached.
        assert!(di + dj > 0, "cell ({i}, {j}) of the diff band not reached");
        let (oi, nj) = (old_range.start + i, new_range.start + j);
        beads.push(((oi - di..oi).collect(), (nj - dj..nj).collect()));
        i -= di;
        j -= dj;
    }
    beads.reverse();
    out.extend(beads);
}

#[cfg(test)]
mod tests {
    use super::*;

    const COSTS: Costs = Costs {
        min_similarity: 0.4,
        part_containment: 0.5,
    };

    fn run(old: &[String], new: &[String]) -> (Vec<Bead>, Work) {
        let mut vocabulary = Vocabulary::default();
        let old_bags: Vec<Bag> = old.iter().map(|s| vocabulary.bag(s)).collect();
        let new_bags: Vec<Bag> = new.iter().map(|s| vocabulary.bag(s)).collect();
        let old_text: Vec<&str> = old.iter().map(String::as_str).collect();
        let new_text: Vec<&str> = new.iter().map(String::as_str).collect();
        let versions = Versions {
            old_text: &old_text,
            new_text: &new_text,
            old: &old_bags,
            new: &new_bags,
        };
        align(&versions, COSTS)
    }

    /// Every sentence of both sides in exactly one bead, in order.
    fn assert_covers(beads: &[Bead], n: usize, m: usize) {
        let old: Vec<usize> = beads.iter().flat_map(|b| b.0.clone()).collect();
        let new: Vec<usize> = beads.iter().flat_map(|b| b.1.clone()).collect();
        assert_eq!(old, (0..n).collect::<Vec<_>>());
        assert_eq!(new, (0..m).collect::<Vec<_>>());
    }

    fn sentences(n: usize, f: impl Fn(usize) -> String) -> Vec<String> {
        (0..n).map(f).collect()
    }

    #[test]
    fn bags_count_repeated_words() {
        let mut v = Vocabulary::default();
        let a = v.bag("The port, the PORT and 3.5 percent.");
        let b = v.bag("the port grew");
        assert_eq!(a.total, 7);
        assert_eq!(a.shared(&b), 2);
        assert_eq!(a.plus(&b).total, 10);
        assert_eq!(a.plus(&b).shared(&a), 7);
        assert!((a.dice(&b) - 0.4).abs() < 1e-12);
        assert_eq!(Bag::default().dice(&Bag::default()), 1.0);
    }

    #[test]
    fn longest_chain_keeps_both_orders() {
        let pairs = [(0, 3), (1, 0), (2, 1), (3, 4), (4, 2), (5, 5)];
        assert_eq!(
            longest_increasing_chain(&pairs),
            vec![(1, 0), (2, 1), (4, 2), (5, 5)]
        );
        assert!(longest_increasing_chain(&[]).is_empty());
    }

    #[test]
    fn unique_sentences_anchor_and_repeated_ones_do_not() {
        let old = sentences(6, |k| format!("Sentence {k} stands here."));
        let mut new = old.clone();
        new.insert(3, "A new line.".into());
        let (beads, work) = run(&old, &new);
        assert_covers(&beads, 6, 7);
        assert_eq!(work.anchors, 6);
        assert_eq!(work.cells, 0);
        let old = vec!["Same.".to_string(); 4];
        let (beads, work) = run(&old, &old);
        assert_covers(&beads, 4, 4);
        assert_eq!(work.anchors, 0);
        assert!(beads.iter().all(|b| b.0.len() == 1 && b.1.len() == 1));
    }

    /// The bound of issue 15: with nothing to anchor on (the same few
    /// sentences over and over, or unrelated texts), the cells filled grow
    /// with n + m, not n x m. The full table had 4,000 x 4,000 = 16 million.
    #[test]
    fn cells_grow_linearly_without_anchors() {
        let repeated = |n: usize| sentences(n, |k| format!("The port grew by {} percent.", k % 7));
        let unrelated = |n: usize| sentences(n, |k| format!("Ein Satz mit Nummer {}.", k % 5));
        for n in [3_000, 6_000] {
            let (beads, work) = run(&repeated(n), &repeated(n + n / 10));
            assert_covers(&beads, n, n + n / 10);
            assert!(work.cells <= (2 * BAND + 3) * (2 * n + n / 10), "{work:?}");
            let (beads, work) = run(&repeated(n), &unrelated(n));
            assert_covers(&beads, n, n);
            assert!(work.cells <= (2 * BAND + 3) * 2 * n, "{work:?}");
        }
        // Skewed: one old sentence against many new ones.
        let (beads, work) = run(&repeated(1), &unrelated(5_000));
        assert_covers(&beads, 1, 5_000);
        assert!(work.cells <= 2 * 5_001, "{work:?}");
    }

    #[test]
    fn band_finds_the_path_of_a_long_repeated_text() {
        // 2,000 sentences of 13 kinds, so none is unique; every 50th edited.
        let old = sentences(2_000, |k| format!("Line of kind {} in the text.", k % 13));
        let new: Vec<String> = old
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k % 50 == 7 {
                    s.replace("text", "story")
                } else {
                    s.clone()
                }
            })
            .collect();
        let (beads, work) = run(&old, &new);
        assert!(work.cells > 0 && work.cells < (2 * BAND + 3) * 4_000);
        assert_covers(&beads, 2_000, 2_000);
        // The band follows the diagonal: every bead is the 1-1 pair k-k.
        assert!(
            beads.iter().all(|b| b.0.len() == 1 && b.0 == b.1),
            "{beads:?}"
        );
    }
}
