//! Pairing articles: which English article translates which Arabic one, in
//! two pools of articles with unrelated names, most of them without a
//! partner.
//!
//! # Method
//!
//! The aligner's own evidence, in four steps, each cheaper than the next is
//! per pair, so that the expensive one runs on few pairs:
//!
//! 1. **Keys**: each article becomes a bag of keys: the dictionary
//!    translations of its Arabic words (the lexicons the aligner uses), names
//!    by consonant skeleton (`language::translit::skeleton`) and numbers,
//!    each with the first sentence holding it, and each sentence's keys.
//!    Keys seen on one side only are dropped: they cannot meet anything.
//! 2. **Candidates**: TF-IDF vectors over the keys, compared by cosine
//!    (after Buck and Koehn 2016, who translate one side's words and compare
//!    documents in the other's vocabulary). An inverted index over each side
//!    yields each article's candidates from its rarest keys, a bounded
//!    number of postings per article, so the cost grows with the pool and
//!    not with its square; the best few, over the whole of each article and
//!    over the beginning a translation of this article's length could cover,
//!    are then compared in full (whole and beginning: a shortened
//!    translation keeps the start of the story, and among the many long
//!    articles that hold its sentences only its original starts with them).
//! 3. **Sentence order**: each candidate pair is compared sentence by
//!    sentence, in order (a weighted overlap of the sentences' keys and a
//!    monotone matching): the share of the shorter article matched, less the
//!    part of the longer one before the match and skipped inside it. Only
//!    the candidates close to the best of their Arabic or of their English
//!    article go on: this leaves little more than one pair per article.
//! 4. **Rescoring**: those pairs are aligned ([`Aligner::align_many`]). A
//!    translation aligns in order, with confident beads covering most of the
//!    shorter article (a shortened translation covers itself) from its
//!    first sentence; a twin story on the same event, with the same names
//!    and numbers, does not (Thompson and Koehn 2020 use the same test). The
//!    share of the shorter article's sentences in beads whose words match,
//!    and in beads the aligner is confident of (its calibrated bead
//!    confidence), the part of the longer article before the first matched
//!    sentence and left out inside the matched run, and whether a shortened
//!    translation stops inside a paragraph make the pair's confidence.
//!
//! Pairs are then taken one-to-one down to [`PairConfig::min_confidence`],
//! most confident first, and among equally confident ones those resting on
//! more sentences first: a translation of a single sentence that opens
//! several articles takes what the fuller translations leave. Identical
//! articles on one side are paired once: the first is paired, the others
//! are reported as its duplicates.
//!
//! Cost: linear in the total text for the keys, O(articles · budget) for
//! the candidates, a small sentence-by-sentence comparison per candidate,
//! and the alignment of little more than one pair per article. Every step
//! runs on all cores.

mod keys;
mod order;
mod space;

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use serde::Serialize;

use crate::align::{Aligner, AlignerConfig, Alignment};
use crate::document::Document;
use crate::hash::{FnvBuild, FnvHasher};
use crate::language::is_arabic;
use crate::lexicon::Lexicon;
use keys::{arabic_keys, english_keys, ArticleKeys, KeyFilter, KeyKind, Translations};
use order::{compare_sentences, Order};
use space::{articles, compare, reach, Article, Index, KeySpace};

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
    /// Sentences of the longer article before the first one that meets
    /// its translation, compared sentence by sentence (a shortened
    /// translation keeps the beginning of the story).
    pub lead: u32,
    /// Sentences of the shorter article that meet their translation,
    /// compared sentence by sentence, in order.
    pub in_order: u32,
    /// Sentences of the longer article skipped between the first and the
    /// last that meet their translation.
    pub skipped: u32,
    /// Whether the translation stops inside a paragraph of the longer
    /// article, well before its end: a shortened translation keeps whole
    /// paragraphs.
    pub stops_mid_paragraph: bool,
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

/// One candidate pair: the other article's index, cosine (of the whole or
/// of the beginning, whichever is higher), shared keys by kind, and the
/// sentence-by-sentence comparison.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    other: u32,
    similarity: f32,
    shared: [u32; 3],
    order: Order,
}

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
            translations: Translations::new(lexicons, aligner.known_words().clone()),
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
        let keys = |docs: &[Document], dups: &[Option<usize>], filter: KeyFilter| {
            docs.par_iter()
                .zip(dups)
                .map(|(doc, dup)| match dup {
                    Some(_) => ArticleKeys::default(),
                    None if arabic_script(doc) => arabic_keys(doc, &self.translations, filter),
                    None => english_keys(doc, filter),
                })
                .collect::<Vec<ArticleKeys>>()
        };
        // The English side first: its keys are few (a word is itself), and
        // the Arabic side then keeps only the translations it can meet.
        let tgt_keys = keys(tgt, &tgt_dups, None);
        let held: HashSet<u64, FnvBuild> = tgt_keys
            .iter()
            .flat_map(|k| k.counts.iter().map(|c| c.0))
            .collect();
        let src_keys = keys(src, &src_dups, Some(&held));
        drop(held);
        let (space, src_art, tgt_art) = articles(&src_keys, &tgt_keys);
        drop((src_keys, tgt_keys));
        let (src_index, tgt_index) = rayon::join(
            || Index::new(&src_art, space.idf.len()),
            || Index::new(&tgt_art, space.idf.len()),
        );

        // Candidates from both sides: a short translation of a long article
        // ranks low among the article's candidates (other articles share
        // more of its words) but high among its own.
        stage(Stage::Comparing);
        let search = |from: &[Article], index: &Index, to: &[Article]| -> Vec<Vec<Candidate>> {
            from.par_iter()
                .map_init(
                    || Scratch::new(to.len()),
                    |scratch, article| self.candidates(article, index, to, &space, scratch),
                )
                .collect()
        };
        let (forward, backward) = rayon::join(
            || search(&src_art, &tgt_index, &tgt_art),
            || search(&tgt_art, &src_index, &src_art),
        );
        drop((src_index, tgt_index));
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
        drop((forward, backward));
        edges.sort_unstable_by_key(|(s, c)| (*s, c.other));
        edges.dedup_by_key(|(s, c)| (*s, c.other));
        // Sentence by sentence, in order: cheap, and enough to set aside
        // the candidates that cannot win.
        edges.par_iter_mut().for_each(|(s, c)| {
            c.order = compare_sentences(&src_art[*s], &tgt_art[c.other as usize], &space);
        });
        let edges = prune(edges, src.len(), tgt.len());
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
            scored.extend(
                edges
                    .iter()
                    .zip(docs)
                    .zip(alignments)
                    .map(|(((s, c), docs), al)| {
                        let arts = (&src_art[*s], &tgt_art[c.other as usize]);
                        let evidence = evidence(c, *docs, arts, &space, al.as_ref().ok());
                        ArticlePair {
                            src: *s,
                            tgt: c.other as usize,
                            confidence: confidence(&evidence),
                            evidence,
                        }
                    }),
            );
        }
        assign(&mut scored, src, tgt, &src_dups, &tgt_dups, &self.config)
    }

    /// The best candidates of one article among the other side's: postings
    /// of its rarest keys accumulated (over the whole of each article, and
    /// over the beginning a translation of this article could cover), the
    /// best of each compared in full.
    fn candidates(
        &self,
        article: &Article,
        index: &Index,
        others: &[Article],
        space: &KeySpace,
        scratch: &mut Scratch,
    ) -> Vec<Candidate> {
        let mut keys: Vec<(usize, u32, f32)> = article
            .vector
            .iter()
            .map(|&(k, w)| (index.postings(k).len(), k, w))
            .filter(|&(n, _, _)| n > 0)
            .collect();
        keys.sort_unstable_by_key(|&(n, k, _)| (n, k));
        let cut = reach(article.len());
        let mut read = 0;
        for (i, (n, k, w)) in keys.into_iter().enumerate() {
            if i >= self.config.min_keys.max(1) && read + n > self.config.posting_budget {
                break;
            }
            read += n;
            for p in index.postings(k) {
                let t = p.article as usize;
                if scratch.whole[t] == 0.0 {
                    scratch.touched.push(p.article);
                }
                scratch.whole[t] += w * p.weight;
                if (p.first as usize) < cut {
                    scratch.lead[t] += w * p.weight;
                }
            }
        }
        // The best by the rarest keys, over the whole and over the
        // beginning, then in full.
        let mut by_whole: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
        let mut by_lead: Vec<(f32, u32)> = Vec::with_capacity(scratch.touched.len());
        for &t in &scratch.touched {
            by_whole.push((scratch.whole[t as usize], t));
            by_lead.push((scratch.lead[t as usize], t));
            scratch.whole[t as usize] = 0.0;
            scratch.lead[t as usize] = 0.0;
        }
        scratch.touched.clear();
        let best = |list: &mut Vec<(f32, u32)>, keep: usize| {
            if keep < list.len() {
                list.select_nth_unstable_by(keep, |a, b| b.0.total_cmp(&a.0));
                list.truncate(keep);
            }
        };
        best(&mut by_whole, SHORTLIST);
        best(&mut by_lead, SHORTLIST / 2);
        let mut short: Vec<u32> = by_whole.iter().chain(&by_lead).map(|p| p.1).collect();
        short.sort_unstable();
        short.dedup();
        let mut full: Vec<Candidate> = short
            .iter()
            .map(|&t| {
                let c = compare(article, &others[t as usize], space);
                Candidate {
                    other: t,
                    similarity: c.cosine.max(c.lead_cosine),
                    shared: c.shared,
                    order: Order::default(),
                }
            })
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

/// Per-thread accumulators of [`Pairer::candidates`], one slot per article
/// of the other side (zero between uses).
struct Scratch {
    whole: Vec<f32>,
    lead: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            whole: vec![0.0; n],
            lead: vec![0.0; n],
            touched: Vec::new(),
        }
    }
}

/// The candidates worth aligning: those whose sentence-by-sentence score
/// ([`Order::score`]) is within [`PRUNE_MARGIN`] of the best of their
/// Arabic or of their English article, or whose articles have no decisive
/// best.
fn prune(edges: Vec<(usize, Candidate)>, n_src: usize, n_tgt: usize) -> Vec<(usize, Candidate)> {
    let mut src_best = vec![f64::NEG_INFINITY; n_src];
    let mut tgt_best = vec![f64::NEG_INFINITY; n_tgt];
    for (s, c) in &edges {
        let score = c.order.score();
        src_best[*s] = src_best[*s].max(score);
        let t = c.other as usize;
        tgt_best[t] = tgt_best[t].max(score);
    }
    edges
        .into_iter()
        .filter(|(s, c)| {
            let score = c.order.score();
            // A side rules a candidate out only when its best is decisive:
            // on text the dictionary covers thinly the sentence comparison
            // is weak, and the aligner must see every candidate.
            let rules_out = |best: f64| best >= DECISIVE && score < best - PRUNE_MARGIN;
            !(rules_out(src_best[*s]) && rules_out(tgt_best[c.other as usize]))
        })
        .collect()
}

/// A sentence-by-sentence score ([`Order::score`]) at which a candidate is
/// clearly a translation: half the shorter article matched in order more
/// than the longer one's lead and gaps.
const DECISIVE: f64 = 0.5;

/// How far below an article's best candidate (by [`Order::score`]) a
/// candidate is still aligned.
const PRUNE_MARGIN: f64 = 0.1;

/// Candidate pairs aligned together: enough to keep every core busy.
const ALIGN_CHUNK: usize = 1024;

/// Candidates compared in full per article, after the rarest keys have
/// ranked them (over the whole; half as many over the beginning).
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

/// The evidence for a candidate pair, from its keys and its alignment
/// (`None` when aligning it failed).
fn evidence(
    c: &Candidate,
    (src, tgt): (&Document, &Document),
    (src_art, tgt_art): (&Article, &Article),
    space: &KeySpace,
    al: Option<&Alignment>,
) -> Evidence {
    let source_shorter = src.len() <= tgt.len();
    let (long_doc, short_doc, long_art, short_art) = if source_shorter {
        (tgt, src, tgt_art, src_art)
    } else {
        (src, tgt, src_art, tgt_art)
    };
    let mut e = Evidence {
        similarity: c.similarity as f64,
        words: c.shared[KeyKind::Word as usize],
        names: c.shared[KeyKind::Name as usize],
        numbers: c.shared[KeyKind::Number as usize],
        sentences: src.len().min(tgt.len()) as u32,
        longer: src.len().max(tgt.len()) as u32,
        lead: src.len().max(tgt.len()) as u32,
        in_order: c.order.matched,
        ..Evidence::default()
    };
    // The matched run on the longer side, and the sentences of that side
    // the alignment leaves out (a translation leaves out few inside it).
    let mut run: Option<(usize, usize)> = None;
    let mut left_out: Vec<usize> = Vec::new();
    for b in al.map_or(&[][..], |al| &al.beads) {
        let (short, long) = if source_shorter {
            (&b.src, &b.tgt)
        } else {
            (&b.tgt, &b.src)
        };
        if short.is_empty() {
            left_out.extend(long.clone());
            continue;
        }
        if long.is_empty() {
            continue;
        }
        let s = &b.signals;
        if b.confidence >= 0.5 {
            e.confident += short.len() as u32;
        }
        e.words_matched += s.words_matched;
        e.words_matchable += s.words_matchable;
        // A bead most of whose words meet their translation: one shared
        // name or a length that fits is not enough.
        if s.words_matched >= 2 && 2 * s.words_matched >= s.words_matchable {
            e.aligned += short.len() as u32;
            let start = match run {
                Some((start, _)) => start,
                // A bead far longer on the long side than on the short one
                // joins sentences the short side does not translate.
                None if chars(long_doc, long) > 2 * chars(short_doc, short) => {
                    opening(long_art, long.clone(), short_art, short.clone(), space)
                }
                None => long.start,
            };
            run = Some((start, long.end));
        }
    }
    if let Some((start, end)) = run {
        e.lead = start as u32;
        e.skipped = left_out.iter().filter(|&&k| start <= k && k < end).count() as u32;
        e.stops_mid_paragraph = end + 2 <= long_doc.len()
            && left_out.contains(&end)
            && long_doc.sentences[end - 1].paragraph == long_doc.sentences[end].paragraph;
    }
    e
}

/// The characters of a range of a document's sentences.
fn chars(doc: &Document, range: &std::ops::Range<usize>) -> usize {
    doc.sentences[range.clone()]
        .iter()
        .map(|s| s.text.chars().count())
        .sum()
}

/// The first sentence of `long` (a range of the longer article's
/// sentences, in one bead) that carries the match with `short` (the
/// bead's other side): a bead may join an unrelated sentence or two to
/// the translated one, and the match starts where the translation does.
fn opening(
    long_art: &Article,
    long: std::ops::Range<usize>,
    short_art: &Article,
    short: std::ops::Range<usize>,
    space: &KeySpace,
) -> usize {
    if long.len() <= 1 || long.end > long_art.len() || short.end > short_art.len() {
        return long.start;
    }
    let mut other: Vec<u32> = short.flat_map(|k| short_art.sentence(k)).copied().collect();
    other.sort_unstable();
    other.dedup();
    let shared: Vec<f32> = long
        .clone()
        .map(|k| {
            long_art
                .sentence(k)
                .iter()
                .filter(|id| other.binary_search(id).is_ok())
                .map(|&id| space.idf[id as usize])
                .sum()
        })
        .collect();
    let most = shared.iter().copied().fold(0.0, f32::max);
    long.start
        + shared
            .iter()
            .position(|&w| w > 0.0 && w >= 0.5 * most)
            .unwrap_or(0)
}

// Weights of the pair score (see `confidence`), fitted on pools built from
// the NTREX alignment sets (`make_pairing.py` seeds 1 to 6,
// `make_pairing_scale.py` 2,000 articles seeds 1 to 3, both profiles) and
// checked on pools of seeds 7 to 9. They read the aligner's calibrated bead
// confidences: refit them when those change.

/// Weight of the share of the shorter article in beads whose words match.
const COVERAGE_WEIGHT: f64 = 0.5;
/// Weight of the share of words matched in all linked beads.
const RATE_WEIGHT: f64 = 0.75;
/// Weight of the share of the longer article before the matched run.
const LEAD_WEIGHT: f64 = 3.25;
/// Weight of the share of the shorter article in beads the aligner is
/// confident of: its bead confidence is calibrated on true translations,
/// so it is evidence of its own, not a retuning of the others.
const CONFIDENT_WEIGHT: f64 = 1.5;
/// Weight of the share of the longer article skipped inside the matched run.
const SKIP_WEIGHT: f64 = 1.0;
/// Weight of the share of the shorter article that meets its translation
/// sentence by sentence, in order ([`Order`]): a twin story shares names
/// and words, but not in the same order.
const ORDER_WEIGHT: f64 = 0.25;
/// Taken off the score of a translation that stops inside a paragraph.
const MID_PARAGRAPH_PENALTY: f64 = 0.1;
/// The score at which a pair is as likely right as wrong (confidence 0.5).
const SCORE_MIDPOINT: f64 = 2.15;
/// How fast the confidence rises with the score.
const SCORE_SLOPE: f64 = 3.0;

/// A candidate pair's confidence. The score adds: the share of the shorter
/// article in beads whose words match (a translation covers itself, a twin
/// story covers little); the share of it in beads whose calibrated
/// confidence is at least one half; the share of words matched in all
/// linked beads; the share of it that meets its translation sentence by
/// sentence in order; the cosine; and takes away the share of the longer
/// article before the first sentence whose words match, since a shortened
/// translation keeps the beginning of the story, while an article that
/// merely shares a paragraph matches it anywhere; the share of it the
/// alignment leaves out inside the matched run; and a little when a
/// shortened translation stops inside a paragraph. The score is then
/// squashed to 0..1.
fn confidence(e: &Evidence) -> f64 {
    let coverage = e.aligned as f64 / e.sentences.max(1) as f64;
    let rate = (e.words_matched as f64 + 1.0) / (e.words_matchable as f64 + 2.0);
    let lead = e.lead as f64 / e.longer.max(1) as f64;
    let confident = e.confident as f64 / e.sentences.max(1) as f64;
    let skipped = e.skipped as f64 / e.longer.max(1) as f64;
    let in_order = e.in_order as f64 / e.sentences.max(1) as f64;
    let score = COVERAGE_WEIGHT * coverage
        + CONFIDENT_WEIGHT * confident
        + RATE_WEIGHT * rate
        + ORDER_WEIGHT * in_order
        + e.similarity
        - LEAD_WEIGHT * lead
        - SKIP_WEIGHT * skipped
        - if e.stops_mid_paragraph {
            MID_PARAGRAPH_PENALTY
        } else {
            0.0
        };
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
    // Pairs resting on more sentences first: a translation of one
    // sentence that opens several articles can only take what the
    // articles' fuller translations leave.
    let rank =
        |p: &ArticlePair| p.confidence * (1.0 - 0.5f64.powi(p.evidence.aligned.max(1) as i32));
    scored.sort_by(|a, b| {
        rank(b)
            .total_cmp(&rank(a))
            .then(b.evidence.similarity.total_cmp(&a.evidence.similarity))
            .then((a.src, a.tgt).cmp(&(b.src, b.tgt)))
    });
    let mut src_of = vec![None; tgt.len()];
    let mut tgt_of = vec![None; src.len()];
    let mut pairs = Vec::new();
    for p in scored.iter() {
        if p.confidence < config.min_confidence {
            continue;
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
        let one_sentence = |vector: Vec<(u32, f32)>| Article {
            first: vec![0; vector.len()],
            vector,
            sentence_keys: Vec::new(),
            sentence_ends: vec![0],
        };
        let mut others: Vec<Article> = (0..100u32)
            .map(|j| one_sentence(vec![(1 + j % 5, 1.0), (100 + j, 1.0)]))
            .collect();
        others.push(one_sentence((1..=5).map(|k| (k, 0.3)).collect()));
        let query = one_sentence((1..=5).map(|k| (k, 0.4)).collect());
        let space = KeySpace {
            idf: vec![1.0; 200],
            kinds: vec![KeyKind::Word; 200],
        };
        let index = Index::new(&others, 200);
        let found = |min_keys| {
            let pairer = Pairer::new(
                &[],
                PairConfig {
                    posting_budget: 21,
                    min_keys,
                    ..PairConfig::default()
                },
            );
            let mut scratch = Scratch::new(others.len());
            pairer.candidates(&query, &index, &others, &space, &mut scratch)[0].other
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
            order: Order::default(),
        };
        let (src_keys, tgt_keys) = (
            english_keys(&Document::from_presplit("en", "a\nb\nc"), None),
            english_keys(&tgt, None),
        );
        let (space, sa, ta) = articles(&[src_keys], &[tgt_keys]);
        let e = evidence(&c, (&src, &tgt), (&sa[0], &ta[0]), &space, Some(&al));
        assert_eq!((e.confident, e.sentences), (2, 3));
    }
}
