//! Which deleted sentences were inserted elsewhere: pairs of a deleted and an
//! inserted sentence at least as similar as a threshold, found without
//! comparing every deletion with every insertion.
//!
//! Comparing all pairs costs d · i Dice scores: two unrelated texts of 9,000
//! sentences are 81 million. Instead each bag's words (a repeated word counted
//! as distinct tokens) are sorted rarest first, and only pairs that share a
//! token among the first few of either are scored (prefix filtering, Chaudhuri
//! et al. 2006): for Dice at least t, a bag of a words must share at least
//! t · a / (2 - t) of them, so two such bags share one among their first
//! a - ⌈t · a / (2 - t)⌉ + 1 tokens. Rare words make short posting lists, so
//! the work is near linear; a budget of [`PAIRS_PER_SENTENCE`] posting entries
//! a sentence bounds it whatever the text (pairs past the budget are not moves).

use std::collections::HashMap;

use super::sentences::Bag;

/// Posting entries looked at, per deleted or inserted sentence.
pub(super) const PAIRS_PER_SENTENCE: usize = 64;

/// A word occurrence: the word id and which repeat of it (0 for the first).
type Token = (u32, u32);

/// `(similarity, deletion, insertion)` for every pair found with a Dice
/// similarity of at least `threshold`, indexes into `deleted` and `inserted`.
pub(super) fn similar_pairs(
    deleted: &[&Bag],
    inserted: &[&Bag],
    threshold: f64,
) -> Vec<(f64, usize, usize)> {
    let mut budget = PAIRS_PER_SENTENCE.saturating_mul(deleted.len() + inserted.len());
    let mut out = Vec::new();
    // Empty bags (no word at all) are identical to each other and to nothing
    // else; all-pairs would be quadratic, and the greedy choice pairs them in
    // order anyway.
    let empty =
        |bags: &[&Bag]| -> Vec<usize> { (0..bags.len()).filter(|&k| bags[k].total == 0).collect() };
    for (&d, &k) in empty(deleted).iter().zip(&empty(inserted)) {
        out.push((1.0, d, k));
    }
    if threshold <= 0.0 {
        // Every pair qualifies; there is nothing to filter on.
        'all: for (d, del) in deleted.iter().enumerate() {
            for (k, ins) in inserted.iter().enumerate() {
                if budget == 0 {
                    break 'all;
                }
                budget -= 1;
                if del.total + ins.total > 0 {
                    out.push((del.dice(ins), d, k));
                }
            }
        }
        return out;
    }
    let mut frequency: HashMap<Token, u32> = HashMap::new();
    for bag in deleted.iter().chain(inserted) {
        for token in tokens(bag) {
            *frequency.entry(token).or_default() += 1;
        }
    }
    let prefix = |bag: &Bag| -> Vec<Token> {
        let mut t: Vec<Token> = tokens(bag).collect();
        t.sort_unstable_by_key(|x| (frequency[x], *x));
        let a = bag.total as f64;
        // Shared tokens needed, rounded down a hair so that float error can
        // only lengthen the prefix.
        let needed = ((threshold * a / (2.0 - threshold)) - 1e-9).ceil().max(1.0) as usize;
        t.truncate((bag.total + 1).saturating_sub(needed));
        t
    };
    let mut postings: HashMap<Token, Vec<usize>> = HashMap::new();
    for (k, bag) in inserted.iter().enumerate() {
        for token in prefix(bag) {
            postings.entry(token).or_default().push(k);
        }
    }
    // The last deletion each insertion was scored against.
    let mut scored_for: Vec<usize> = vec![usize::MAX; inserted.len()];
    'deleted: for (d, del) in deleted.iter().enumerate() {
        for token in prefix(del) {
            for &k in postings.get(&token).map_or(&[][..], Vec::as_slice) {
                if budget == 0 {
                    break 'deleted;
                }
                budget -= 1;
                if scored_for[k] == d {
                    continue;
                }
                scored_for[k] = d;
                let sim = del.dice(inserted[k]);
                if sim >= threshold {
                    out.push((sim, d, k));
                }
            }
        }
    }
    out
}

/// The tokens of a bag: each word once per repeat.
fn tokens(bag: &Bag) -> impl Iterator<Item = Token> + '_ {
    bag.counts
        .iter()
        .flat_map(|&(id, n)| (0..n).map(move |r| (id, r)))
}

#[cfg(test)]
mod tests {
    use super::super::sentences::Vocabulary;
    use super::*;
    use proptest::prelude::*;

    fn bags(v: &mut Vocabulary, texts: &[String]) -> Vec<Bag> {
        texts.iter().map(|t| v.bag(t)).collect()
    }

    /// All pairs, compared one by one: what the filter must find.
    fn brute_force(deleted: &[&Bag], inserted: &[&Bag], t: f64) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (d, a) in deleted.iter().enumerate() {
            for (k, b) in inserted.iter().enumerate() {
                if a.dice(b) >= t {
                    out.push((d, k));
                }
            }
        }
        out
    }

    const WORDS: &[&str] = &["port", "the", "grew", "3.5", "said", "a", "of", "year"];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..WORDS.len(), 0..7).prop_map(|ws| {
            ws.into_iter()
                .map(|k| WORDS[k])
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The filter finds exactly the pairs that comparing all pairs finds
        /// (within the budget, which these sizes never reach), empty
        /// sentences aside: those are paired in order.
        #[test]
        fn finds_what_all_pairs_finds(
            del in proptest::collection::vec(text(), 0..12),
            ins in proptest::collection::vec(text(), 0..12),
            t in prop_oneof![Just(0.8), Just(0.5), Just(0.34), Just(1.0)],
        ) {
            let mut v = Vocabulary::default();
            let (del, ins) = (bags(&mut v, &del), bags(&mut v, &ins));
            let (del, ins): (Vec<&Bag>, Vec<&Bag>) = (del.iter().collect(), ins.iter().collect());
            let mut found: Vec<(usize, usize)> = similar_pairs(&del, &ins, t)
                .into_iter()
                .filter(|&(_, d, _)| del[d].total > 0)
                .map(|(_, d, k)| (d, k))
                .collect();
            found.sort_unstable();
            let expected: Vec<(usize, usize)> = brute_force(&del, &ins, t)
                .into_iter()
                .filter(|&(d, _)| del[d].total > 0)
                .collect();
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn work_is_bounded_when_every_sentence_is_alike() {
        // 3,000 deletions and insertions of the same words: 9 million pairs
        // qualify; the budget stops the search, and the pairs found are real.
        let mut v = Vocabulary::default();
        let same: Vec<String> = vec!["the port grew a lot".to_string(); 3_000];
        let (del, ins) = (bags(&mut v, &same), bags(&mut v, &same));
        let (del, ins): (Vec<&Bag>, Vec<&Bag>) = (del.iter().collect(), ins.iter().collect());
        let pairs = similar_pairs(&del, &ins, 0.8);
        assert!(pairs.len() <= PAIRS_PER_SENTENCE * 6_000);
        assert!(pairs.len() >= 3_000, "{}", pairs.len());
        assert!(pairs.iter().all(|p| p.0 == 1.0));
    }
}
