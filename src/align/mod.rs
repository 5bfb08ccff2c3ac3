//! Sentence alignment: which source sentences translate which target sentences.
//!
//! # Method
//!
//! Every candidate bead (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, up to 1-6 and 6-1, and
//! the empty 1-0 and 0-1) gets a score: a log-likelihood ratio of "these
//! sentences translate each other" against "they are unrelated", plus the log
//! prior of the bead type. The evidence is:
//!
//! - **length**: the log of the target/source length ratio, normal around the
//!   document's own ratio with a spread that shrinks as beads grow (Gale and
//!   Church), both re-estimated from the first pass's 1-1 beads, against a
//!   wide normal for unrelated text;
//! - **words**: each content word that *could* be matched (it has a dictionary
//!   translation, is a number, a Latin token or cognate, a name whose
//!   consonant skeleton appears on the other side of the document) counts for
//!   the bead when its match is in the bead and against it when not. The match
//!   rates of true pairs, of a sentence's neighbours and of distant pairs are
//!   estimated per document after a first pass; each extra sentence of a
//!   merged bead brings the neighbour rate, so merging does not buy topic
//!   words. Arabic words run together (spaces lost in a copy from a PDF)
//!   are split back into the words the dictionaries and the document know
//!   ([`crate::language::glued`]); such a sentence is still no evidence
//!   against its partner's words, and no word table is learned from it;
//! - **numbers** are a class of their own, with their own rates, and count
//!   even when the other side never writes them;
//! - **paragraphs** as evidence, not a wall: a bead that starts a paragraph on
//!   both sides gains, one that crosses a paragraph boundary loses.
//!
//! A dynamic program finds the best monotone path of beads in a band whose
//! width doubles while the best path touches its edge: around the diagonal
//! for short texts, around a path found on blocks of four
//! sentences for long ones. The cost is O((n + m) · w · k) for k bead types
//! and band width w, linear in the text (not the O(n·m) of a full matrix).
//! A second pass, in a narrow band around the first path, adds a word table
//! learned from the first pass's confident 1-1 beads (Dice co-occurrence;
//! over all documents together in [`Aligner::align_many`]) and all bead shapes.

mod anchors;
mod confidence;
mod estimate;
mod keys;
mod learn;
mod model;
mod pairs;
mod search;
mod words;

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::language::KnownWords;
use crate::lexicon::Lexicon;
use keys::{key, KeyBuild, TranslationKeys, KEY_FORM, KEY_WORD};
use learn::learn;
use model::{document_priors, shape_counts, Params, BEAD_TYPES, FIRST_PASS_TYPES, N_TYPES};
use search::{COARSE_BLOCK, PATH_BAND};
use words::{prepare, split_side, Side};

pub(crate) use anchors::find_anchors;
pub use anchors::{Anchor, FoundAnchors};

/// Bead scores are log-likelihood ratios of a model that takes words as
/// independent; they overstate the evidence, the more so the more words a
/// bead has. Posteriors are taken over scores divided by a temperature
/// (fitted on the dev sets with the confidence, and checked on the
/// German-French corpora): this one where words are many.
const POSTERIOR_TEMPERATURE: f64 = 3.0;
/// The lowest temperature, for a text with few matchable words (a pair
/// without a dictionary), where the posteriors would otherwise be too flat.
const POSTERIOR_TEMPERATURE_MIN: f64 = 1.5;
/// How the temperature grows with the matchable words and numbers per
/// sentence (counted on both sides of the first pass's linked beads): from
/// 1, so about 5 a sentence (German-French without a dictionary) gives the
/// minimum and 20 (Arabic-English news with FreeDict) the maximum.
const POSTERIOR_TEMPERATURE_PER_WORD: f64 = 0.1;

/// The temperature of the posteriors for a document of `n_src` and `n_tgt`
/// sentences whose first pass is `prev`.
pub(super) fn posterior_temperature(prev: &Alignment, n_src: usize, n_tgt: usize) -> f64 {
    let matchable: u64 = prev
        .beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
        .map(|b| (b.signals.words_matchable + b.signals.numbers_total) as u64)
        .sum();
    let per_sentence = matchable as f64 / ((n_src + n_tgt) as f64 / 2.0).max(1.0);
    (1.0 + POSTERIOR_TEMPERATURE_PER_WORD * per_sentence)
        .clamp(POSTERIOR_TEMPERATURE_MIN, POSTERIOR_TEMPERATURE)
}

/// A link between a run of source sentences and a run of target sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    /// Source sentence indexes (may be empty: an added target sentence).
    pub src: Range<usize>,
    /// Target sentence indexes (may be empty: a dropped source sentence).
    pub tgt: Range<usize>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Paragraph of the bead on each side (of its first sentence, or of the
    /// sentence before it when that side is empty).
    pub paragraph: (usize, usize),
    /// What decided the bead, for `--explain`.
    pub signals: Signals,
}

impl Bead {
    /// The bead's shape, e.g. `2-1`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// The evidence behind one bead.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signals {
    /// Content words that could match, and matched, on both sides.
    pub words_matched: u32,
    /// Content words that could match, on both sides.
    pub words_matchable: u32,
    /// Numbers matched and present on both sides.
    pub numbers_matched: u32,
    /// Numbers present on both sides.
    pub numbers_total: u32,
    /// Length log-likelihood ratio.
    pub length: f64,
    /// Word and number log-likelihood ratio.
    pub lexical: f64,
    /// Paragraph evidence.
    pub paragraph: f64,
    /// Log prior of the bead type.
    pub prior: f64,
    /// Posterior probability of the bead: the share of the weight of all
    /// alignments (of scores tempered by the model's overconfidence) that
    /// holds it. 0 before the final pass.
    pub posterior: f64,
}

/// The result of aligning two documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// Beads in order; every sentence of both sides is in exactly one bead.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// Beads whose confidence is below `threshold`.
    pub fn low_confidence(&self, threshold: f64) -> usize {
        self.beads
            .iter()
            .filter(|b| b.confidence < threshold)
            .count()
    }
}

/// Largest run of sentences on one side of a bead.
pub const MAX_BEAD_SIDE: usize = 6;

/// Tunable weights of the scoring model.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AlignerConfig {
    /// Bonus when a bead starts a paragraph on both sides.
    pub paragraph_both: f64,
    /// Penalty when a bead starts a target paragraph but no source paragraph.
    pub paragraph_target_only: f64,
    /// Penalty when a bead starts a source paragraph but no target paragraph.
    pub paragraph_source_only: f64,
    /// Penalty when a bead spans a paragraph boundary inside one side.
    pub paragraph_crossing: f64,
    /// Standard deviation of the log length ratio of unrelated sentences.
    pub length_sigma_random: f64,
    /// Learn a word table from the first pass and realign.
    pub learn_lexicon: bool,
    /// Initial band half-width (sentences) around the diagonal.
    pub band: usize,
}

impl Default for AlignerConfig {
    fn default() -> Self {
        AlignerConfig {
            paragraph_both: 1.5,
            paragraph_target_only: -0.5,
            paragraph_source_only: -0.5,
            paragraph_crossing: -2.0,
            length_sigma_random: 0.8,
            learn_lexicon: true,
            band: 24,
        }
    }
}

/// Aligns documents with a lexicon and a configuration.
#[derive(Debug, Clone)]
pub struct Aligner {
    config: AlignerConfig,
    /// The lexicon's translations as match keys, hashed once, by the
    /// `key(KEY_FORM, _)` of the stored form they translate.
    translation_keys: TranslationKeys,
    /// The lexicon translates the target language into the source's: the
    /// target side's words are looked up. A pair's lexicon keeps one
    /// orientation whichever side is the source, so that swapping the
    /// sides gives the same matches, transposed.
    lookup_target: bool,
    /// The Arabic words of the lexicons, for splitting words run together
    /// (see [`crate::language::glued`]); shared by the aligner's clones.
    known: std::sync::Arc<KnownWords>,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner::new(Lexicon::embedded(), AlignerConfig::default())
    }
}

/// State of one document pair between passes.
struct Prepared {
    src: Side,
    tgt: Side,
}

impl Aligner {
    /// The Arabic words of the aligner's lexicons, for splitting words run
    /// together (see [`crate::language::glued`]).
    pub(crate) fn known_words(&self) -> &std::sync::Arc<KnownWords> {
        &self.known
    }

    /// An aligner with the given lexicon and configuration.
    pub fn new(lexicon: Lexicon, config: AlignerConfig) -> Self {
        Self::with_lexicons(vec![lexicon], config)
    }

    /// An aligner with the pairs of several lexicons (each of their
    /// translations counts), read on all cores.
    pub fn with_lexicons(lexicons: Vec<Lexicon>, config: AlignerConfig) -> Self {
        use rayon::prelude::*;
        let known = std::sync::Arc::new(KnownWords::from_lexicons(&lexicons));
        // The lexicon's translations as match keys, hashed once.
        let mut maps: Vec<HashMap<u64, Vec<u64>, KeyBuild>> = lexicons
            .into_par_iter()
            .map(|lexicon| {
                lexicon
                    .iter()
                    .map(|(form, translations)| {
                        let keys = translations.iter().map(|t| key(KEY_WORD, t)).collect();
                        (key(KEY_FORM, form), keys)
                    })
                    .collect()
            })
            .collect();
        // Into the largest: a translation in two lexicons is one key.
        let largest = (0..maps.len()).max_by_key(|&k| maps[k].len());
        let mut merged = largest.map(|k| maps.swap_remove(k)).unwrap_or_default();
        let several = !maps.is_empty();
        for map in maps {
            for (form, keys) in map {
                merged.entry(form).or_default().extend(keys);
            }
        }
        let translation_keys = merged
            .into_iter()
            .map(|(form, mut keys)| {
                if several {
                    keys.sort_unstable();
                    keys.dedup();
                }
                (form, keys.into_boxed_slice())
            })
            .collect();
        Aligner {
            config,
            lookup_target: false,
            translation_keys,
            known,
        }
    }

    /// The aligner with its lexicon read the other way: its entries
    /// translate the target language into the source language.
    pub(crate) fn looking_up_target(mut self, yes: bool) -> Self {
        self.lookup_target = yes;
        self
    }

    /// The configuration.
    pub fn config(&self) -> &AlignerConfig {
        &self.config
    }

    /// Tokens and match keys of every sentence, on all cores.
    fn tokenize(&self, src: &Document, tgt: &Document) -> Prepared {
        // Names are matched by consonant skeleton only across scripts; in a
        // Latin-script pair they are the same word (cognate keys find them),
        // and German capitalises every noun.
        let arabic_script = |doc: &Document| {
            matches!(
                doc.language.split(['-', '_']).next(),
                Some("ar" | "fa" | "ur")
            )
        };
        let names = arabic_script(src) != arabic_script(tgt);
        let (src, tgt) = rayon::join(
            || {
                let lookup = !self.lookup_target;
                split_side(src, lookup, &self.translation_keys, names, &self.known)
            },
            || {
                let lookup = self.lookup_target;
                split_side(tgt, lookup, &self.translation_keys, names, &self.known)
            },
        );
        Prepared { src, tgt }
    }

    /// Align one document pair.
    pub fn align(&self, src: &Document, tgt: &Document) -> Alignment {
        self.align_many(&[(src, tgt)]).pop().unwrap_or_default()
    }

    /// Align several document pairs; the learned word table is shared, so
    /// a batch learns from all its documents together.
    pub fn align_many(&self, pairs: &[(&Document, &Document)]) -> Vec<Alignment> {
        self.align_all(pairs, &[])
    }

    /// [`Aligner::align_many`] with each pair's anchors (`anchors` empty:
    /// none; else one list a pair, checked by the caller: see `anchors`).
    fn align_all(
        &self,
        pairs: &[(&Document, &Document)],
        anchors: &[Vec<Anchor>],
    ) -> Vec<Alignment> {
        use rayon::prelude::*;
        let anchors_of = |k: usize| anchors.get(k).map_or(&[][..], Vec::as_slice);
        let prepared: Vec<Prepared> = pairs.par_iter().map(|(s, t)| self.tokenize(s, t)).collect();
        let first: Vec<(Alignment, Params)> = pairs
            .par_iter()
            .zip(&prepared)
            .enumerate()
            .map(|(k, ((s, t), prep))| self.align_pass(s, t, prep, None, anchors_of(k)))
            .collect();
        // The second pass learns each text's own shape mix from the first
        // (and, when it learns words, a word table from all documents).
        let counts: Vec<[f64; N_TYPES]> =
            first.iter().map(|(a, _)| shape_counts(&a.beads)).collect();
        let priors = document_priors(&counts);
        let learned = if self.config.learn_lexicon {
            learn(&prepared, &first, self.lookup_target)
        } else {
            Default::default()
        };
        pairs
            .par_iter()
            .zip(prepared.into_par_iter())
            .zip(first.par_iter().zip(&priors))
            .enumerate()
            .map(|(k, (((s, t), mut prep), ((a, _), priors)))| {
                let side = if self.lookup_target {
                    &mut prep.tgt
                } else {
                    &mut prep.src
                };
                for word in &mut side.words {
                    if let Some(extra) = learned.get(&word.stem) {
                        side.keys.extend(extra);
                        let mut keys = word.keys.to_vec();
                        keys.extend(extra);
                        keys.sort_unstable();
                        keys.dedup();
                        word.keys = keys.into_boxed_slice();
                    }
                }
                self.align_pass(s, t, &prep, Some((a, priors)), anchors_of(k))
                    .0
            })
            .collect()
    }

    /// One alignment pass. With `previous`, parameters are re-estimated from
    /// it and the band follows its path. With `anchors`, only the sentences
    /// between them are aligned (see `anchors`).
    fn align_pass(
        &self,
        src: &Document,
        tgt: &Document,
        prep: &Prepared,
        previous: Option<(&Alignment, &[f64; N_TYPES])>,
        anchors: &[Anchor],
    ) -> (Alignment, Params) {
        let (si, ti) = rayon::join(
            || prepare(&prep.src, &prep.tgt.keys),
            || prepare(&prep.tgt, &prep.src.keys),
        );
        let total_s: f64 = si.iter().map(|s| s.length).sum::<f64>().max(1.0);
        let total_t: f64 = ti.iter().map(|s| s.length).sum::<f64>().max(1.0);
        let mut params = Params::initial(total_t / total_s);
        if let Some((prev, priors)) = previous {
            params = self.estimate(&si, &ti, prev, params);
            params.paragraph = self.paragraph_weights(src, tgt, prev);
            params.log_priors = priors.map(f64::ln);
        }
        if !anchors.is_empty() {
            let pass = anchors::Pass {
                si: &si,
                ti: &ti,
                src,
                tgt,
                params,
                previous: previous.map(|(prev, _)| prev),
            };
            return (self.search_between(&pass, anchors), params);
        }
        let (states, types) = match previous {
            Some((prev, _)) => {
                let mut states = vec![(0, 0)];
                states.extend(prev.beads.iter().map(|b| (b.src.end, b.tgt.end)));
                (Some((states, PATH_BAND)), BEAD_TYPES.len())
            }
            // The first pass only needs the path's neighbourhood: the common
            // shapes find it; rarer long beads (1-4 to 1-6) are for the second.
            None => (
                self.coarse_states(&si, &ti, src, tgt, params)
                    .map(|s| (s, 3 * COARSE_BLOCK)),
                FIRST_PASS_TYPES,
            ),
        };
        let (scorer, path) = self.search(
            &si,
            &ti,
            src,
            tgt,
            params,
            states.as_ref().map(|(s, h)| (s.as_slice(), *h)),
            types,
            previous.map(|(prev, _)| posterior_temperature(prev, src.len(), tgt.len())),
        );
        (self.beads_from_path(&scorer, &path), params)
    }
}

/// Paragraph of a bead side `start..end`: of its first sentence, or of the
/// sentence before when empty.
fn para_of(doc: &Document, start: usize, end: usize) -> usize {
    if start < end {
        doc.sentences[start].paragraph
    } else if start > 0 {
        doc.sentences[start - 1].paragraph
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::model::Scorer;
    use super::search::Band;
    use super::words::{cognate_form, cognate_key};
    use super::*;

    fn doc(lang: &str, text: &str) -> Document {
        Document::from_presplit(lang, text)
    }

    fn shapes(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
        a.beads
            .iter()
            .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
            .collect()
    }

    #[test]
    fn every_sentence_once_and_in_order() {
        let s = doc(
            "ar",
            "قال الوزير إن الميناء سيفتح في 2025.\nوبلغت الصادرات 300 مليون دولار.\n",
        );
        let t = doc(
            "en",
            "The minister said the port will open in 2025.\nExports reached 300 million dollars.\n",
        );
        let a = Aligner::default().align(&s, &t);
        assert_eq!(shapes(&a), vec![(vec![0], vec![0]), (vec![1], vec![1])]);
        assert!(a.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
    }

    #[test]
    fn words_run_together_are_no_evidence_against_a_link() {
        // One Arabic sentence lost its spaces (a PDF copy): not all its
        // English partner's words can be matched in it, which must not turn
        // a plain 1-1 into a drop and an addition. (Checked, before glued
        // words were split back: without the opaque-sentence rule this gave
        // `[]:[3]` and `[3]:[]`.)
        let s = doc(
            "ar",
            "قال الوزير إن الميناء الجديد سيفتح في عام 2025.\n\
             وأضاف الوزير أن الحكومة ستنفق ملياري دولار على الطرق.\n\
             وقال رئيس الوزراء إن المشروع مهم للاقتصاد الوطني.\n\
             وأكدتالحكومةأنالمدارسوالمستشفياتالجديدةفيالعاصمةوالمدنالكبرىستفتحأبوابهاللطلابوالمرضىفيالربيعالمقبل.\n\
             وبلغ عدد الطلاب في المدارس 300 ألف في العاصمة.\n\
             وقالت وزارة الصحة إن المستشفيات في المدن الكبرى استقبلت المرضى.\n\
             وأكدت الحكومة أن الربيع سيشهد افتتاح المدارس الجديدة للطلاب.\n",
        );
        let t = doc(
            "en",
            "The minister said the new port would open in 2025.\n\
             The minister added that the government would spend two billion dollars on roads.\n\
             The prime minister said the project was important for the national economy.\n\
             The government confirmed that new schools and hospitals in the capital and the big cities would open to students and patients next spring.\n\
             There were 300 thousand students in the schools of the capital.\n\
             The health ministry said hospitals in the big cities received patients.\n\
             The government confirmed that the spring would see new schools open for students.\n",
        );
        let a = Aligner::default().align(&s, &t);
        assert!(
            a.beads.iter().all(|b| b.src.len() == 1 && b.tgt.len() == 1),
            "{:?}",
            shapes(&a)
        );
    }

    #[test]
    fn words_run_together_are_split_back_and_the_sentence_stays_opaque() {
        // The same sentence spaced and glued: the glued one is split into
        // the words the dictionary and the document know, so it holds the
        // same words; it stays opaque (see `SentenceInfo::opaque`).
        let spaced = "وأكدت الحكومة أن المدارس الجديدة في العاصمة ستفتح في الربيع المقبل.";
        let glued: String = spaced.split_whitespace().collect();
        let other = "وقالت الحكومة إن المدارس ستفتح.";
        let t = doc(
            "en",
            "The government said the new schools would open.\nThe schools will open.",
        );
        let aligner = Aligner::default();
        let words = |first: &str| {
            let s = doc("ar", &format!("{first}\n{other}\n"));
            let prep = aligner.tokenize(&s, &t);
            let stems: Vec<u64> = prep
                .src
                .sentence(0)
                .iter()
                .map(|&w| prep.src.words[w as usize].stem)
                .collect();
            (stems, prep.src.lengths[0].1)
        };
        let (spaced_words, spaced_opaque) = words(spaced);
        assert!(spaced_words.len() >= 6 && !spaced_opaque);
        assert_eq!(words(&glued), (spaced_words, true));
    }

    #[test]
    fn cell_scores_equal_bead_scores_to_the_bit() {
        // The dynamic program scores whole cells at once, sharing work
        // between bead shapes; it must give exactly what `bead` gives.
        let read = |name: &str| {
            std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("corpora")
                    .join(name),
            )
            .unwrap()
        };
        let (s, t) = (
            doc("ar", &read("rabat-court.ar")),
            doc("en", &read("rabat-court.en")),
        );
        let aligner = Aligner::default();
        let prep = aligner.tokenize(&s, &t);
        let si = prepare(&prep.src, &prep.tgt.keys);
        let ti = prepare(&prep.tgt, &prep.src.keys);
        let (n, m) = (si.len(), ti.len());
        let mut params = Params::initial(1.2);
        params.sigma_k = 2.7;
        let band = Band::around_diagonal(n, m, n.max(m));
        let scorer = Scorer::new(&si, &ti, &s, &t, params, &aligner.config, &band);
        let mut cell = [0.0; BEAD_TYPES.len()];
        let mut compared = 0;
        for i in 0..=n {
            for j in 0..=m {
                scorer.cell(i, j, BEAD_TYPES.len(), &mut cell);
                for (t, &(a, b, _)) in BEAD_TYPES.iter().enumerate() {
                    if a > i || b > j {
                        assert_eq!(cell[t], f64::NEG_INFINITY);
                        continue;
                    }
                    let bead = scorer
                        .bead(i - a, i, j - b, j, scorer.params.log_priors[t])
                        .0;
                    assert_eq!(
                        cell[t].to_bits(),
                        bead.to_bits(),
                        "{a}-{b} ending at {i},{j}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn cognates_meet_across_spellings() {
        let key = |w: &str| cognate_key(w).unwrap();
        assert_eq!(key("präsident"), key("président"));
        assert_eq!(key("oktober"), key("octobre"));
        assert_eq!(key("ökologie"), key("écologie"));
        assert_eq!(key("energie"), key("énergie"));
        assert_ne!(key("regierung"), key("gouvernement"));
        assert_eq!(cognate_form("philosophie"), "filosofie");
    }

    #[test]
    fn empty_side_gives_empty_beads() {
        let s = doc("ar", "قال الوزير.\n");
        let t = Document {
            language: "en".into(),
            sentences: vec![],
        };
        let a = Aligner::default().align(&s, &t);
        assert_eq!(shapes(&a), vec![(vec![0], vec![])]);
    }

    /// Every sentence of both sides in exactly one bead, in order.
    fn assert_covers(a: &Alignment, n: usize, m: usize) {
        let (mut i, mut j) = (0, 0);
        for b in &a.beads {
            assert_eq!((b.src.start, b.tgt.start), (i, j));
            assert!(!b.src.is_empty() || !b.tgt.is_empty());
            (i, j) = (b.src.end, b.tgt.end);
        }
        assert_eq!((i, j), (n, m));
    }

    #[test]
    fn issue15_far_more_target_sentences_than_source_aligns() {
        // 1 x 52 panicked in best_path: row 1 of the diagonal band was out
        // of reach of row 0, and the path walked a back-pointer never set.
        for (n, m) in [(1, 52), (1, 60), (2, 200), (19, 1000), (60, 1), (200, 2)] {
            let side = |lang: &str, count: usize, line: &dyn Fn(usize) -> String| {
                doc(lang, &(0..count).map(line).collect::<Vec<_>>().join("\n"))
            };
            let s = side("ar", n, &|k| {
                format!("قال الوزير إن الميناء {k} سيفتح في الربيع.")
            });
            let t = side("en", m, &|k| {
                format!("The port {k} will open in the spring.")
            });
            let a = Aligner::default().align(&s, &t);
            assert_covers(&a, n, m);
        }
    }

    #[test]
    fn bands_leave_the_end_reachable() {
        for (n, m, half) in [(1, 52, 24), (3, 500, 8), (500, 3, 8), (10, 10, 2)] {
            let path: Vec<(usize, usize)> = vec![(0, 0), (n, m)];
            for band in [
                Band::around_diagonal(n, m, half),
                Band::around_path(n, m, &path, half),
            ] {
                for i in 1..=n {
                    assert!(band.lo[i] <= band.hi[i - 1], "row {i} of {n} x {m}");
                    assert!(band.lo[i] >= band.lo[i - 1] && band.hi[i] >= band.hi[i - 1]);
                }
                assert_eq!((band.lo[0], band.hi[n]), (0, m));
            }
        }
    }

    #[test]
    fn learned_priors_follow_the_text_and_keep_every_shape_possible() {
        use model::{default_priors, shape_priors};
        // A first pass of 100 beads: 60 1-1, 30 1-2, 10 1-3 (long Arabic
        // sentences split in English), no 2-1 and no 0-1.
        let mut counts = [0.0; N_TYPES];
        counts[0] = 60.0;
        counts[1] = 30.0;
        counts[6] = 10.0;
        let d = default_priors();
        let p = shape_priors(&counts, &d, 60.0);
        assert!(p[1] > 2.0 * d[1], "1-2 learned: {} vs {}", p[1], d[1]);
        assert!(p[6] > 5.0 * d[6], "1-3 learned: {} vs {}", p[6], d[6]);
        // Unseen shapes shrink but stay possible.
        assert!(p[4] < d[4] && p[4] >= d[4] / 4.0, "0-1: {}", p[4]);
        // 1-4 grows with 1-3; 4-1 does not.
        assert!(p[8] > d[8] && p[9] <= d[9]);
        // No evidence: the defaults, and the defaults are symmetric.
        assert_eq!(shape_priors(&[0.0; N_TYPES], &d, 60.0)[..8], d[..8]);
        for &(a, b, prior) in BEAD_TYPES {
            assert!(BEAD_TYPES.contains(&(b, a, prior)), "{a}-{b}");
        }
    }
}
