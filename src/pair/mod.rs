//! Pairing articles: which English article translates which Arabic one, in
//! two pools of articles with unrelated names, most of them without a
//! partner.
//!
//! # Method
//!
//! The aligner's own evidence, in three steps, each cheaper than the next is
//! per pair, so that the expensive one runs on few pairs:
//!
//! 1. **Keys**: each article becomes a bag of keys: the dictionary
//!    translations of its Arabic words (the lexicons the aligner uses), names
//!    by consonant skeleton (`language::translit::skeleton`) and numbers.
//!    Keys seen on one side only are dropped: they cannot meet anything.
//! 2. **Candidates**: TF-IDF vectors over the keys, compared by cosine
//!    (after Buck and Koehn 2016, who translate one side's words and compare
//!    documents in the other's vocabulary). An inverted index over the
//!    English articles yields each Arabic article's candidates from its
//!    rarest keys, a bounded number of postings per article, so the cost
//!    grows with the pool and not with its square; the best few are then
//!    compared in full.
//! 3. **Rescoring**: each Arabic article's best candidates are aligned
//!    sentence by sentence ([`Aligner::align_many`]). A translation aligns in
//!    order, with confident beads covering most of the shorter article (a
//!    shortened translation covers itself); a twin story on the same event,
//!    with the same names and numbers, does not (Thompson and Koehn 2020 use
//!    the same test). The share of the shorter article's sentences in
//!    beads whose words match, and in beads the aligner is confident of
//!    (its calibrated bead confidence), make the pair's confidence.
//!
//! Pairs are then taken one-to-one, most confident first, down to
//! [`PairConfig::min_confidence`]. Identical articles on one side are
//! paired once: the first is paired, the others are reported as its
//! duplicates.
//!
//! Cost: linear in the total text for the keys, O(articles · budget) for
//! the candidates, and the alignment of at most
//! [`PairConfig::candidates`] pairs per Arabic article (usually about one:
//! weaker candidates are dropped when the best is far ahead). Every step
//! runs on all cores.

mod keys;

use std::collections::HashMap;
use std::hash::Hasher;

use serde::Serialize;

use crate::align::{Aligner, AlignerConfig, Alignment};
use crate::document::Document;
use crate::hash::{FnvBuild, FnvHasher};
use crate::language::is_arabic;
use crate::lexicon::Lexicon;
use keys::{arabic_bag, english_bag, kind, Bag, KeyKind, Translations};

/// How articles are paired.
#[derive(Debug, Clone)]
pub struct PairConfig {
    /// Candidates aligned per article, at most (from each side). Three: a
    /// shortened translation of a story with a twin can rank third by
    /// cosine, behind the twin and the twin's own translation, since the
    /// part left out dilutes its similarity.
    pub candidates: usize,
    /// A candidate is aligned only when its similarity is at least this
    /// share of the article's best candidate's: a far weaker one is no rival.
    pub rival_ratio: f64,
    /// Pairs below this confidence are not made: both articles stay unpaired.
    pub min_confidence: f64,
    /// Postings read from the inverted index per article, rarest keys
    /// first, once [`PairConfig::min_keys`] keys are read: bounds the cost
    /// of finding candidates in a pool whose every key is common.
    pub posting_budget: usize,
    /// Keys read per article whatever their postings: in a large pool of
    /// similar articles even the rarest keys are in hundreds of articles,
    /// and a fixed budget of postings would stop at a key or two, which
    /// cannot tell the translation from its many neighbours. The cost then
    /// follows the keys' document frequencies, not a fixed count.
    pub min_keys: usize,
}

impl Default for PairConfig {
    fn default() -> Self {
        PairConfig {
            candidates: 3,
            rival_ratio: 0.6,
            min_confidence: 0.5,
            posting_budget: 4096,
            min_keys: 32,
        }
    }
}

/// What decided a pair (or made a candidate fail).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// Cosine similarity of the articles' TF-IDF vectors, 0 to 1.
    pub similarity: f64,
    /// Names (consonant skeletons) both articles hold.
    pub names: u32,
    /// Numbers both articles hold.
    pub numbers: u32,
    /// Dictionary words both articles hold (an Arabic word and a translation).
    pub words: u32,
    /// Sentences of the shorter article in beads most of whose words
    /// meet their translation.
    pub aligned: u32,
    /// Sentences of the shorter article.
    pub sentences: u32,
    /// Sentences of the longer article.
    pub longer: u32,
    /// Words matched in the linked beads.
    pub words_matched: u32,
    /// Words that could match in the linked beads.
    pub words_matchable: u32,
    /// Sentences of the longer article before the first aligned one (a
    /// shortened translation keeps the beginning of the story).
    pub lead: u32,
    /// Sentences of the shorter article in beads the aligner is confident
    /// of (calibrated confidence at least one half).
    pub confident: u32,
}

/// An Arabic article and its English translation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticlePair {
    /// Index of the Arabic (source) article.
    pub src: usize,
    /// Index of the English (target) article.
    pub tgt: usize,
    /// The share of the shorter article aligned with confidence, 0 to 1.
    pub confidence: f64,
    /// What decided it.
    pub evidence: Evidence,
}

/// An article left without a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unpaired {
    /// Its index on its side.
    pub index: usize,
    /// The earlier article of the same side with exactly the same text.
    pub duplicate_of: Option<usize>,
    /// The closest candidate compared with it, when there was one: its
    /// index on the other side, and the confidence and evidence it got.
    pub nearest: Option<(usize, f64, Evidence)>,
}

/// The pairing of two pools.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PoolPairing {
    /// Pairs, by Arabic article.
    pub pairs: Vec<ArticlePair>,
    /// Arabic articles without a partner, in order.
    pub src_unpaired: Vec<Unpaired>,
    /// English articles without a partner, in order.
    pub tgt_unpaired: Vec<Unpaired>,
}

/// The step [`Pairer::pair_with`] is at, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the articles' keys and indexing them.
    Indexing,
    /// Finding and comparing candidates.
    Comparing,
    /// Aligning this many candidate pairs.
    Aligning(usize),
}

/// Pairs Arabic articles with their English translations (see the module
/// documentation).
#[derive(Debug)]
pub struct Pairer {
    translations: Translations,
    aligner: Aligner,
    config: PairConfig,
}

/// One candidate pair: the other article's index, cosine, shared keys by kind.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    other: u32,
    similarity: f32,
    shared: [u32; 3],
}

/// An article as a unit vector over the keys both sides hold, sorted by key.
type Vector = Vec<(u64, f32)>;

impl Pairer {
    /// A pairer that translates Arabic words with `lexicons` (the aligner's:
    /// the embedded list, FreeDict, `--dict` files) and aligns candidates
    /// with an aligner built on them.
    pub fn new(lexicons: &[Lexicon], config: PairConfig) -> Self {
        // One pass, no learned table: a table learned from candidate pairs,
        // most of them wrong, would teach noise, and a second pass doubles
        // the cost for a verdict the first pass already gives.
        let aligner = Aligner::with_lexicons(
            lexicons.to_vec(),
            AlignerConfig {
                learn_lexicon: false,
                ..AlignerConfig::default()
            },
        );
        Pairer {
            translations: Translations::new(lexicons),
            aligner,
            config,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &PairConfig {
        &self.config
    }

    /// Pair the Arabic articles `src` with the English articles `tgt`.
    pub fn pair(&self, src: &[Document], tgt: &[Document]) -> PoolPairing {
        self.pair_with(src, tgt, &|_| {})
    }

    /// [`Pairer::pair`], telling `stage` what it is doing.
    pub fn pair_with(
        &self,
        src: &[Document],
        tgt: &[Document],
        stage: &(dyn Fn(Stage) + Sync),
    ) -> PoolPairing {
        use rayon::prelude::*;
        stage(Stage::Indexing);
        let (src_dups, tgt_dups) = rayon::join(|| duplicates(src), || duplicates(tgt));
        let bags = |docs: &[Document], dups: &[Option<usize>]| -> Vec<Bag> {
            docs.par_iter()
                .zip(dups)
                .map(|(doc, dup)| match dup {
                    Some(_) => Bag::default(),
                    None if arabic_script(doc) => arabic_bag(doc, &self.translations),
                    None => english_bag(doc),
                })
                .collect()
        };
        let (src_bags, tgt_bags) = rayon::join(|| bags(src, &src_dups), || bags(tgt, &tgt_dups));
        let (src_vecs, tgt_vecs) = vectors(&src_bags, &tgt_bags);
        drop((src_bags, tgt_bags));
        let (src_index, tgt_index) =
            rayon::join(|| Index::new(&src_vecs), || Index::new(&tgt_vecs));

        // Candidates from both sides: a short translation of a long article
        // ranks low among the article's candidates (other articles share
        // more of its words) but high among its own.
        stage(Stage::Comparing);
        let search = |from: &[Vector], index: &Index, to: &[Vector]| -> Vec<Vec<Candidate>> {
            from.par_iter()
                .map_init(
                    || (vec![0f32; to.len()], Vec::new()),
                    |(acc, touched), vector| self.candidates(vector, index, to, acc, touched),
                )
                .collect()
        };
        let (forward, backward) = rayon::join(
            || search(&src_vecs, &tgt_index, &tgt_vecs),
            || search(&tgt_vecs, &src_index, &src_vecs),
        );
        let mut edges: Vec<(usize, Candidate)> = forward
            .iter()
            .enumerate()
            .flat_map(|(s, list)| list.iter().map(move |c| (s, *c)))
            .chain(backward.iter().enumerate().flat_map(|(t, list)| {
                list.iter().map(move |c| {
                    let s = c.other as usize;
                    (
                        s,
                        Candidate {
                            other: t as u32,
                            ..*c
                        },
                    )
                })
            }))
            .collect();
        edges.sort_unstable_by_key(|(s, c)| (*s, c.other));
        edges.dedup_by_key(|(s, c)| (*s, c.other));
        stage(Stage::Aligning(edges.len()));
        let docs: Vec<(&Document, &Document)> = edges
            .iter()
            .map(|(s, c)| (&src[*s], &tgt[c.other as usize]))
            .collect();
        // A chunk of pairs at a time, each alignment reduced to its
        // evidence at once: memory stays that of one chunk, whatever the pool.
        let mut scored: Vec<ArticlePair> = Vec::with_capacity(edges.len());
        for (edges, docs) in edges.chunks(ALIGN_CHUNK).zip(docs.chunks(ALIGN_CHUNK)) {
            let alignments =
                crate::batch::isolate_panics(docs, |part| self.aligner.align_many(part));
            scored.extend(edges.iter().zip(docs).zip(alignments).map(
                |(((s, c), (sd, td)), al)| {
                    let evidence = evidence(c, sd, td, al.as_ref().ok());
                    ArticlePair {
                        src: *s,
                        tgt: c.other as usize,
                        confidence: confidence(&evidence),
                        evidence,
                    }
                },
            ));
        }
        assign(&mut scored, src, tgt, &src_dups, &tgt_dups, &self.config)
    }

    /// The best candidates of one article among the other side's: postings
    /// of its rarest keys accumulated into `acc` (one slot per article of
    /// the other side, zero again on return), the best compared in full.
    fn candidates(
        &self,
        vector: &Vector,
        index: &Index,
        others: &[Vector],
        acc: &mut [f32],
        touched: &mut Vec<u32>,
    ) -> Vec<Candidate> {
        let mut keys: Vec<(usize, u64, f32)> = vector
            .iter()
            .filter_map(|&(k, w)| Some((index.postings(k)?.len(), k, w)))
            .collect();
        keys.sort_unstable_by_key(|&(n, k, _)| (n, k));
        let mut read = 0;
        for (i, (n, k, w)) in keys.into_iter().enumerate() {
            if i >= self.config.min_keys.max(1) && read + n > self.config.posting_budget {
                break;
            }
            read += n;
            for &(t, tw) in index.postings(k).unwrap_or_default() {
                if acc[t as usize] == 0.0 {
                    touched.push(t);
                }
                acc[t as usize] += w * tw;
            }
        }
        // The best by the rarest keys, then in full.
        let mut partial: Vec<(f32, u32)> = touched.iter().map(|&t| (acc[t as usize], t)).collect();
        for &t in touched.iter() {
            acc[t as usize] = 0.0;
        }
        touched.clear();
        let keep = SHORTLIST.min(partial.len());
        if keep < partial.len() {
            partial.select_nth_unstable_by(keep, |a, b| b.0.total_cmp(&a.0));
            partial.truncate(keep);
        }
        let mut full: Vec<Candidate> = partial
            .iter()
            .map(|&(_, t)| compare(vector, &others[t as usize], t))
            .collect();
        full.sort_unstable_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.other.cmp(&b.other))
        });
        let best = full.first().map_or(0.0, |c| c.similarity);
        let floor = (best as f64 * self.config.rival_ratio).max(MIN_SIMILARITY) as f32;
        full.retain(|c| c.similarity >= floor);
        full.truncate(self.config.candidates);
        full
    }
}

/// Candidate pairs aligned together: enough to keep every core busy.
const ALIGN_CHUNK: usize = 1024;

/// Candidates compared in full per Arabic article, after the rarest keys
/// have ranked them.
const SHORTLIST: usize = 16;

/// Below this cosine two articles share only common words: not aligned.
const MIN_SIMILARITY: f64 = 0.02;

/// Does the document's language use the Arabic script?
fn arabic_script(doc: &Document) -> bool {
    match doc.language.split(['-', '_']).next() {
        Some("ar" | "fa" | "ur") => true,
        Some(_) => false,
        None => doc
            .sentences
            .first()
            .is_some_and(|s| s.text.chars().any(is_arabic)),
    }
}

/// For each document, the first earlier one with exactly the same
/// sentences, if any.
fn duplicates(docs: &[Document]) -> Vec<Option<usize>> {
    let mut first: HashMap<u64, Vec<usize>, FnvBuild> = HashMap::default();
    let mut out = vec![None; docs.len()];
    for (k, doc) in docs.iter().enumerate() {
        let mut h = FnvHasher::default();
        for s in &doc.sentences {
            h.write(s.text.as_bytes());
            h.write_u8(0);
        }
        let same = first.entry(h.finish()).or_default();
        match same.iter().find(|&&j| docs[j].sentences == doc.sentences) {
            Some(&j) => out[k] = Some(j),
            None => same.push(k),
        }
    }
    out
}

/// TF-IDF unit vectors of both sides over the keys both sides hold. The
/// inverse document frequency counts the articles of both sides.
fn vectors(src: &[Bag], tgt: &[Bag]) -> (Vec<Vector>, Vec<Vector>) {
    use rayon::prelude::*;
    let count = |bags: &[Bag]| -> HashMap<u64, u32, FnvBuild> {
        bags.par_iter()
            .fold(
                HashMap::default,
                |mut df: HashMap<u64, u32, FnvBuild>, bag| {
                    for &k in bag.keys() {
                        *df.entry(k).or_default() += 1;
                    }
                    df
                },
            )
            .reduce(HashMap::default, |a, b| {
                if a.len() < b.len() {
                    return merge_counts(b, a);
                }
                merge_counts(a, b)
            })
    };
    let (src_df, tgt_df) = rayon::join(|| count(src), || count(tgt));
    // One more than the articles: a key in every article still weighs a
    // little, so a pool of one article a side can pair.
    let total = (src.len() + tgt.len() + 1) as f64;
    let idf = |k: &u64| -> Option<f32> {
        let (a, b) = (src_df.get(k)?, tgt_df.get(k)?);
        Some((total / (a + b) as f64).ln().max(0.0) as f32)
    };
    let vectorize = |bags: &[Bag]| -> Vec<Vector> {
        bags.par_iter()
            .map(|bag| {
                let mut v: Vector = bag
                    .iter()
                    .filter_map(|(k, &tf)| Some((*k, tf * idf(k)?)))
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                for (_, w) in &mut v {
                    *w /= norm;
                }
                v.sort_unstable_by_key(|&(k, _)| k);
                v
            })
            .collect()
    };
    rayon::join(|| vectorize(src), || vectorize(tgt))
}

/// Add the counts of `b` into `a`.
fn merge_counts(
    mut a: HashMap<u64, u32, FnvBuild>,
    b: HashMap<u64, u32, FnvBuild>,
) -> HashMap<u64, u32, FnvBuild> {
    for (k, n) in b {
        *a.entry(k).or_default() += n;
    }
    a
}

/// The English articles by key: for each key, the articles holding it and
/// its weight there.
struct Index {
    ranges: HashMap<u64, (u32, u32), FnvBuild>,
    postings: Vec<(u32, f32)>,
}

impl Index {
    fn new(vecs: &[Vector]) -> Self {
        use rayon::prelude::*;
        let mut all: Vec<(u64, u32, f32)> = vecs
            .iter()
            .enumerate()
            .flat_map(|(d, v)| v.iter().map(move |&(k, w)| (k, d as u32, w)))
            .collect();
        all.par_sort_unstable_by_key(|&(k, d, _)| (k, d));
        let mut ranges = HashMap::default();
        let mut start = 0;
        while start < all.len() {
            let k = all[start].0;
            let end = start + all[start..].partition_point(|p| p.0 == k);
            ranges.insert(k, (start as u32, end as u32));
            start = end;
        }
        Index {
            ranges,
            postings: all.into_iter().map(|(_, d, w)| (d, w)).collect(),
        }
    }

    fn postings(&self, key: u64) -> Option<&[(u32, f32)]> {
        let &(a, b) = self.ranges.get(&key)?;
        Some(&self.postings[a as usize..b as usize])
    }
}

/// The cosine of two unit vectors, and the keys they share by kind.
fn compare(a: &Vector, b: &Vector, other: u32) -> Candidate {
    let (mut i, mut j) = (0, 0);
    let mut c = Candidate {
        other,
        similarity: 0.0,
        shared: [0; 3],
    };
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                c.similarity += a[i].1 * b[j].1;
                c.shared[kind(a[i].0) as usize] += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c
}

/// The evidence for a candidate pair, from its keys and its alignment
/// (`None` when aligning it failed).
fn evidence(c: &Candidate, src: &Document, tgt: &Document, al: Option<&Alignment>) -> Evidence {
    let source_shorter = src.len() <= tgt.len();
    let mut e = Evidence {
        similarity: c.similarity as f64,
        words: c.shared[KeyKind::Word as usize],
        names: c.shared[KeyKind::Name as usize],
        numbers: c.shared[KeyKind::Number as usize],
        sentences: src.len().min(tgt.len()) as u32,
        longer: src.len().max(tgt.len()) as u32,
        lead: src.len().max(tgt.len()) as u32,
        ..Evidence::default()
    };
    for b in al.map_or(&[][..], |al| &al.beads) {
        if b.src.is_empty() || b.tgt.is_empty() {
            continue;
        }
        let s = &b.signals;
        if b.confidence >= 0.5 {
            e.confident += if source_shorter {
                b.src.len()
            } else {
                b.tgt.len()
            } as u32;
        }
        e.words_matched += s.words_matched;
        e.words_matchable += s.words_matchable;
        // A bead most of whose words meet their translation: one shared
        // name or a length that fits is not enough.
        if s.words_matched >= 2 && 2 * s.words_matched >= s.words_matchable {
            let (short, long) = if source_shorter {
                (&b.src, &b.tgt)
            } else {
                (&b.tgt, &b.src)
            };
            e.aligned += short.len() as u32;
            e.lead = e.lead.min(long.start as u32);
        }
    }
    e
}

/// Weights of the pair score (see [`confidence`]), fitted on pools built
/// from the NTREX alignment sets (`make_pairing.py`, `make_pairing_scale.py`).
const RATE_WEIGHT: f64 = 1.5;
const LEAD_WEIGHT: f64 = 2.0;
/// Weight of the share of the shorter article in beads the aligner is
/// confident of: its bead confidence is calibrated on true translations,
/// so it is evidence of its own, not a retuning of the others.
const CONFIDENT_WEIGHT: f64 = 0.5;
/// The score at which a pair is as likely right as wrong (confidence 0.5).
const SCORE_MIDPOINT: f64 = 2.05;
/// How fast the confidence rises with the score.
const SCORE_SLOPE: f64 = 4.0;

/// A candidate pair's confidence. The score adds: the share of the shorter
/// article in beads whose words match (a translation covers itself, a twin
/// story covers little); the share of it in beads whose calibrated
/// confidence is at least one half; the share of words matched in all
/// linked beads; the cosine; and takes away the share of the longer
/// article before the first bead whose words match, since a shortened translation keeps the beginning of
/// the story, while an article that merely shares a paragraph matches it
/// anywhere. The score is then squashed to 0..1.
fn confidence(e: &Evidence) -> f64 {
    let coverage = e.aligned as f64 / e.sentences.max(1) as f64;
    let rate = (e.words_matched as f64 + 1.0) / (e.words_matchable as f64 + 2.0);
    let lead = e.lead as f64 / e.longer.max(1) as f64;
    let confident = e.confident as f64 / e.sentences.max(1) as f64;
    let score = coverage + CONFIDENT_WEIGHT * confident + RATE_WEIGHT * rate + e.similarity
        - LEAD_WEIGHT * lead;
    1.0 / (1.0 + (-SCORE_SLOPE * (score - SCORE_MIDPOINT)).exp())
}

/// One-to-one pairs from the scored candidates, most confident first;
/// what is left is unpaired.
fn assign(
    scored: &mut [ArticlePair],
    src: &[Document],
    tgt: &[Document],
    src_dups: &[Option<usize>],
    tgt_dups: &[Option<usize>],
    config: &PairConfig,
) -> PoolPairing {
    scored.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.evidence.similarity.total_cmp(&a.evidence.similarity))
            .then((a.src, a.tgt).cmp(&(b.src, b.tgt)))
    });
    let mut src_of = vec![None; tgt.len()];
    let mut tgt_of = vec![None; src.len()];
    let mut pairs = Vec::new();
    for p in scored.iter() {
        if p.confidence < config.min_confidence {
            break;
        }
        if tgt_of[p.src].is_none() && src_of[p.tgt].is_none() {
            tgt_of[p.src] = Some(p.tgt);
            src_of[p.tgt] = Some(p.src);
            pairs.push(p.clone());
        }
    }
    pairs.sort_by_key(|p| p.src);
    // The best-scored candidate of each unpaired article: `scored` is in
    // order, so the first seen is the best.
    let mut src_nearest: Vec<Option<(usize, f64, Evidence)>> = vec![None; src.len()];
    let mut tgt_nearest: Vec<Option<(usize, f64, Evidence)>> = vec![None; tgt.len()];
    for p in scored.iter() {
        src_nearest[p.src].get_or_insert_with(|| (p.tgt, p.confidence, p.evidence.clone()));
        tgt_nearest[p.tgt].get_or_insert_with(|| (p.src, p.confidence, p.evidence.clone()));
    }
    let unpaired = |partner: &[Option<usize>],
                    dups: &[Option<usize>],
                    nearest: &mut [Option<(usize, f64, Evidence)>]| {
        (0..partner.len())
            .filter(|&k| partner[k].is_none())
            .map(|k| Unpaired {
                index: k,
                duplicate_of: dups[k],
                nearest: nearest[k].take(),
            })
            .collect()
    };
    PoolPairing {
        pairs,
        src_unpaired: unpaired(&tgt_of, src_dups, &mut src_nearest),
        tgt_unpaired: unpaired(&src_of, tgt_dups, &mut tgt_nearest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;

    /// The evidence of a plausible pair: half the shorter article aligned.
    fn half_aligned() -> Evidence {
        Evidence {
            similarity: 0.3,
            aligned: 3,
            sentences: 6,
            longer: 8,
            words_matched: 40,
            words_matchable: 50,
            ..Evidence::default()
        }
    }

    #[test]
    fn a_partner_sharing_many_common_keys_is_found_past_the_posting_budget() {
        // 100 articles, each with one of five keys (20 articles a key) and
        // a key of its own; the partner holds all five, each more weakly.
        let mut others: Vec<Vector> = (0..100u64)
            .map(|j| vec![(1 + j % 5, 1.0), (100 + j, 1.0)])
            .collect();
        others.push((1..=5).map(|k| (k, 0.3)).collect());
        let query: Vector = (1..=5).map(|k| (k, 0.4)).collect();
        let index = Index::new(&others);
        let found = |min_keys| {
            let pairer = Pairer::new(
                &[],
                PairConfig {
                    posting_budget: 21,
                    min_keys,
                    ..PairConfig::default()
                },
            );
            let (mut acc, mut touched) = (vec![0f32; others.len()], Vec::new());
            pairer.candidates(&query, &index, &others, &mut acc, &mut touched)[0].other
        };
        // The budget alone reads one key: twenty articles rank above it.
        assert_ne!(found(1), 100);
        assert_eq!(found(5), 100);
    }

    #[test]
    fn confident_beads_raise_the_confidence() {
        let unsure = half_aligned();
        let sure = Evidence {
            confident: 6,
            ..half_aligned()
        };
        assert!(confidence(&sure) > confidence(&unsure) + 0.1);
    }

    #[test]
    fn confident_beads_count_the_shorter_side() {
        let mut al = Alignment::default();
        let bead = |src: std::ops::Range<usize>, tgt: std::ops::Range<usize>, confidence| Bead {
            src,
            tgt,
            confidence,
            paragraph: (0, 0),
            signals: crate::align::Signals::default(),
        };
        al.beads = vec![
            bead(0..1, 0..2, 0.9),
            bead(1..2, 2..3, 0.2),
            bead(2..3, 3..4, 0.6),
        ];
        let src = Document::from_presplit("ar", "أ\nب\nج");
        let tgt = Document::from_presplit("en", "a\nb\nc\nd");
        let c = Candidate {
            other: 0,
            similarity: 0.5,
            shared: [0; 3],
        };
        let e = evidence(&c, &src, &tgt, Some(&al));
        assert_eq!((e.confident, e.sentences), (2, 3));
    }
}
