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
//!   words. A sentence whose words ran together is no evidence against its
//!   partner's words;
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

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;
use crate::lexicon::{find_form_with, lookup_forms, FnvBuild, Lexicon};
use crate::normalize::{fold, for_each_token, is_arabic};
use crate::stem::{is_stop_word, stem};
use crate::translit::skeleton;

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

/// Bead shapes considered, with their prior probabilities.
const BEAD_TYPES: &[(usize, usize, f64)] = &[
    (1, 1, 0.80),
    (1, 2, 0.08),
    (2, 1, 0.06),
    (1, 0, 0.025),
    (0, 1, 0.015),
    (2, 2, 0.003),
    (1, 3, 0.008),
    (3, 1, 0.004),
    (1, 4, 0.002),
    (4, 1, 0.001),
    (1, 5, 0.0008),
    (5, 1, 0.0004),
    (1, 6, 0.0004),
    (6, 1, 0.0002),
];

/// Characters added to both lengths so that very short sentences do not give extreme ratios.
const SMOOTH: f64 = 8.0;

/// 1 / (2 sigma²) and ln sigma of the log length ratio for a bead of `total` characters.
fn spread(sigma_k: f64, total: f64) -> (f64, f64) {
    let var = SIGMA_FLOOR * SIGMA_FLOOR + sigma_k * sigma_k / (total + 1.0);
    (1.0 / (2.0 * var), 0.5 * var.ln())
}

/// Smallest spread of the log length ratio, however long the bead.
const SIGMA_FLOOR: f64 = 0.08;

/// Texts with fewer sentences than this on either side are searched directly, without a coarse path.
const COARSE_MIN: usize = 400;

/// Sentences per block in the coarse search.
const COARSE_BLOCK: usize = 4;

/// Half-width of the band around a previous (or coarse) path, in sentences.
const PATH_BAND: usize = 8;

/// Bead types tried in the first pass: the first eight of [`BEAD_TYPES`] (up to 1-3 and 3-1).
const FIRST_PASS_TYPES: usize = 8;

/// Largest run of sentences on one side of a bead.
pub const MAX_BEAD_SIDE: usize = 6;

/// Tunable weights of the scoring model.
#[derive(Debug, Clone)]
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
            paragraph_target_only: -2.0,
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
}

/// Per-document model parameters (estimated from the text).
#[derive(Debug, Clone, Copy)]
struct Params {
    /// Expected target length / source length.
    ratio: f64,
    /// Spread of the log length ratio of translations: its standard
    /// deviation for a bead of L characters (both sides) is
    /// sqrt(SIGMA_FLOOR² + sigma_k² / L), since short sentences vary more
    /// (Gale and Church 1993 model the variance as proportional to length).
    sigma_k: f64,
    /// Match rate of a matchable word in a true pair / a random pair.
    word_true: f64,
    word_random: f64,
    /// Match rate of a word in the sentence next to its partner: neighbours
    /// share topic words, so each extra sentence in a merged bead brings this
    /// chance of a spurious match, not the random one.
    word_adjacent: f64,
    number_true: f64,
    number_random: f64,
    number_adjacent: f64,
}

impl Params {
    fn initial(ratio: f64) -> Self {
        Params {
            ratio,
            sigma_k: 3.5,
            word_true: 0.45,
            word_random: 0.04,
            word_adjacent: 0.08,
            number_true: 0.85,
            number_random: 0.03,
            number_adjacent: 0.05,
        }
    }
}

/// Hash of a match key: a namespace byte and a string.
fn key(space: u8, s: &str) -> u64 {
    // FNV-1a: stable across runs, no dependency, fast on short strings.
    let mut h: u64 = 0xcbf29ce484222325 ^ space as u64;
    h = h.wrapping_mul(0x100000001b3);
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

const KEY_WORD: u8 = b'w';
const KEY_FORM: u8 = b'f';
const KEY_SAME: u8 = b'i';
const KEY_NUMBER: u8 = b'n';
const KEY_NAME: u8 = b'k';

/// A distinct word of one side and the keys by which it can match the other side.
#[derive(Debug, Clone)]
struct Word {
    /// `key(KEY_WORD, stem)`: identifies the stem for learning.
    stem: u64,
    /// Sorted; a boxed slice holds no spare capacity.
    keys: Box<[u64]>,
    is_number: bool,
}

/// One side of a document pair as words: each distinct word analysed once
/// (a text repeats its words: a long one has a million tokens but tens of
/// thousands of words), sentences as lists of word numbers.
#[derive(Debug, Clone, Default)]
struct Side {
    words: Vec<Word>,
    /// Word numbers of all sentences, stop words left out.
    tokens: Vec<u32>,
    /// End of each sentence in `tokens`.
    ends: Vec<u32>,
    /// Each sentence's length in characters, whitespace excluded, and
    /// whether its words ran together (see [`SentenceInfo::opaque`]).
    lengths: Vec<(u32, bool)>,
    /// Every key of the side (for "can this word match anything there?").
    keys: KeySet,
}

impl Side {
    /// Word numbers of sentence `k`.
    fn sentence(&self, k: usize) -> &[u32] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.tokens[start..self.ends[k] as usize]
    }
}

/// Hasher for keys that are already hashes: use the value itself.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E3779B97F4A7C15);
    }
}

type KeyBuild = std::hash::BuildHasherDefault<KeyHasher>;
/// Match keys of the translations of a stored form, by the form's key.
type TranslationKeys = HashMap<u64, Box<[u64]>, KeyBuild>;
/// A set of match keys.
type KeySet = HashSet<u64, KeyBuild>;
/// A word table learned from the text: source stem key to target keys.
type Learned = HashMap<u64, Vec<u64>, KeyBuild>;

/// The match keys of a sentence's tokens, one list per token, in one
/// allocation (a sentence has tens of tokens; a long text, a million).
#[derive(Debug, Clone, Default)]
struct KeyLists {
    keys: Vec<u64>,
    ends: Vec<u32>,
}

impl KeyLists {
    /// Number of tokens.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Add a token's keys; returns whether it had any.
    fn push(&mut self, keys: impl Iterator<Item = u64>) -> bool {
        let before = self.keys.len();
        self.keys.extend(keys);
        self.ends.push(self.keys.len() as u32);
        self.keys.len() > before
    }

    /// Add all tokens of `other`.
    fn append(&mut self, other: &KeyLists) {
        for list in other.iter() {
            self.push(list.iter().copied());
        }
    }

    /// Each token's keys.
    fn iter(&self) -> impl Iterator<Item = &[u64]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&e| e as usize));
        starts
            .zip(self.ends.iter())
            .map(|(a, &b)| &self.keys[a..b as usize])
    }
}

/// What the scorer needs of one sentence.
#[derive(Debug, Clone, Default)]
struct SentenceInfo {
    /// Length in characters, whitespace excluded.
    length: f64,
    /// Tokens that can match something on the other side of the document.
    words: KeyLists,
    numbers: KeyLists,
    /// All keys of the sentence, sorted.
    keyset: Vec<u64>,
    /// The words are run together (spaces lost in a copy from a PDF, say):
    /// the sentence cannot show matches, so the other side's words missing
    /// a match in it are no evidence.
    opaque: bool,
}

/// Sentences per task when a side is split into words.
const TOKENIZE_CHUNK: usize = 256;

/// Split one side into words and sentences of word numbers (see [`Side`]).
/// `is_source` chooses the dictionary direction (source words are looked
/// up, target words are keys); with `names`, Arabic words and capitalised
/// Latin ones get consonant-skeleton keys.
fn split_side(
    doc: &Document,
    is_source: bool,
    translation_keys: &TranslationKeys,
    names: bool,
) -> Side {
    use rayon::prelude::*;
    // A word is its folded form with a leading flag: `n` when it may be a
    // name (Arabic, or capitalised in its sentence's original text), `-` not.
    struct Chunk {
        forms: Vec<String>,
        tokens: Vec<u32>,
        ends: Vec<u32>,
        lengths: Vec<(u32, bool)>,
    }
    let chunks: Vec<Chunk> = doc
        .sentences
        .par_chunks(TOKENIZE_CHUNK)
        .map(|sentences| {
            let mut ids: HashMap<String, u32, FnvBuild> = HashMap::default();
            let mut chunk = Chunk {
                forms: Vec::new(),
                tokens: Vec::new(),
                ends: Vec::with_capacity(sentences.len()),
                lengths: Vec::with_capacity(sentences.len()),
            };
            let mut form = String::new();
            for s in sentences {
                let folded = fold(&s.text);
                // Capitalised words of the original text: names in Latin script.
                let capitalised: Vec<String> = if names {
                    capitalised_words(&s.text)
                } else {
                    Vec::new()
                };
                for_each_token(&folded, |tok| {
                    let first = tok.chars().next().unwrap_or(' ');
                    let name_like = names
                        && !first.is_ascii_digit()
                        && (is_arabic(first) || capitalised.iter().any(|c| c == tok));
                    form.clear();
                    form.push(if name_like { 'n' } else { '-' });
                    form.push_str(tok);
                    let id = match ids.get(form.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = ids.len() as u32;
                            ids.insert(form.clone(), id);
                            id
                        }
                    };
                    chunk.tokens.push(id);
                });
                chunk.ends.push(chunk.tokens.len() as u32);
                let length = s.text.chars().filter(|c| !c.is_whitespace()).count();
                // News words average 5 to 6 letters; 15 means lost spaces.
                let opaque = length > 40 && s.text.split_whitespace().count() * 15 < length;
                chunk.lengths.push((length as u32, opaque));
            }
            chunk.forms = vec![String::new(); ids.len()];
            for (form, id) in ids {
                chunk.forms[id as usize] = form;
            }
            chunk
        })
        .collect();
    // One numbering for the whole side.
    let mut global: HashMap<&str, u32, FnvBuild> = HashMap::default();
    let mut forms: Vec<&str> = Vec::new();
    let renumber: Vec<Vec<u32>> = chunks
        .iter()
        .map(|c| {
            c.forms
                .iter()
                .map(|f| {
                    *global.entry(f.as_str()).or_insert_with(|| {
                        forms.push(f.as_str());
                        forms.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let analysed: Vec<Option<Word>> = forms
        .par_iter()
        .with_min_len(64)
        .map(|f| {
            let (flag, tok) = f.split_at(1);
            analyse_word(tok, flag == "n", is_source, translation_keys)
        })
        .collect();
    // Stop words and the like have no word number.
    let mut number = vec![u32::MAX; analysed.len()];
    let mut words = Vec::with_capacity(analysed.len());
    for (k, w) in analysed.into_iter().enumerate() {
        if let Some(w) = w {
            number[k] = words.len() as u32;
            words.push(w);
        }
    }
    let mut side = Side {
        keys: words.iter().flat_map(|w| w.keys.iter().copied()).collect(),
        words,
        tokens: Vec::new(),
        ends: Vec::with_capacity(doc.sentences.len()),
        lengths: chunks
            .iter()
            .flat_map(|c| c.lengths.iter().copied())
            .collect(),
    };
    for (c, renumber) in chunks.iter().zip(&renumber) {
        let mut start = 0;
        for &end in &c.ends {
            side.tokens.extend(
                c.tokens[start..end as usize]
                    .iter()
                    .map(|&id| number[renumber[id as usize] as usize])
                    .filter(|&w| w != u32::MAX),
            );
            side.ends.push(side.tokens.len() as u32);
            start = end as usize;
        }
    }
    side
}

/// Capitalised words of an original text, folded and trimmed of punctuation.
fn capitalised_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| {
            w.chars()
                .find(|&c| crate::normalize::is_letter(c))
                .is_some_and(|c| {
                    c.is_ascii_uppercase() || (!c.is_ascii() && !is_arabic(c) && c.is_uppercase())
                })
        })
        .map(|w| {
            fold(w.trim_matches(|c: char| !crate::normalize::is_letter(c) && !c.is_ascii_digit()))
        })
        .collect()
}

/// The match keys of a folded word; `None` for words that cannot say
/// anything (stop words, one-letter stems, a lone "1").
fn analyse_word(
    tok: &str,
    name_like: bool,
    is_source: bool,
    translation_keys: &TranslationKeys,
) -> Option<Word> {
    if is_stop_word(tok) {
        return None;
    }
    let first = tok.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        // Years and counts; a lone "1" is too common to say anything.
        return (tok != "1").then(|| Word {
            stem: key(KEY_NUMBER, tok),
            keys: Box::new([key(KEY_NUMBER, tok)]),
            is_number: true,
        });
    }
    let st = stem(tok);
    if st.chars().count() < 2 {
        return None;
    }
    let mut keys = Vec::new();
    let arabic = is_arabic(first);
    if is_source {
        let translations = (!translation_keys.is_empty())
            .then(|| find_form_with(tok, |form| translation_keys.get(&key(KEY_FORM, form))))
            .flatten();
        if let Some(translations) = translations {
            keys.extend(translations.iter());
        }
    } else {
        keys.push(key(KEY_WORD, &st));
        if arabic {
            // Arabic target words match a dictionary's forms through their clitic variants.
            for form in lookup_forms(tok) {
                keys.push(key(KEY_WORD, &form));
            }
        }
    }
    if !arabic && tok.chars().count() >= 3 {
        // Same word on both sides: Latin tokens inside Arabic, cognates
        // and names in Latin-script pairs (Präsident ~ président,
        // Oktober ~ octobre), compared by their first four consonants
        // once spelling is levelled (see `cognate_form`).
        if let Some(consonants) = cognate_key(tok) {
            keys.push(key(KEY_SAME, &consonants));
        }
    }
    if name_like {
        let bare = if arabic {
            tok.strip_prefix("ال")
                .filter(|r| r.chars().count() >= 3)
                .unwrap_or(tok)
        } else {
            tok
        };
        for form in [bare, st.as_str()] {
            if let Some(sk) = skeleton(form) {
                if sk.len() >= 3 {
                    keys.push(key(KEY_NAME, &sk));
                }
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    Some(Word {
        stem: key(KEY_WORD, &st),
        keys: keys.into_boxed_slice(),
        is_number: false,
    })
}

/// A Latin-script word with its spelling levelled across European
/// languages, for cognate keys: accents dropped, ß æ œ spelt out, k and z
/// as c, ph as f, th as t, y as i, double letters single.
fn cognate_form(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // One pass over the letters (decomposed only when not ASCII): this runs
    // for every Latin-script word of every sentence.
    let mut letters: Vec<char> = Vec::with_capacity(word.len() + 2);
    let mut level = |c: char| match c {
        '\u{0300}'..='\u{036F}' => {}
        'ß' => letters.extend(['s', 's']),
        'æ' => letters.extend(['a', 'e']),
        'œ' => letters.extend(['o', 'e']),
        'k' | 'z' => letters.push('c'),
        'y' => letters.push('i'),
        'h' if matches!(letters.last(), Some('p')) => *letters.last_mut().unwrap() = 'f',
        'h' if matches!(letters.last(), Some('t')) => {}
        _ => letters.push(c),
    };
    if word.is_ascii() {
        word.chars().for_each(&mut level);
    } else {
        word.nfd().for_each(&mut level);
    }
    letters.dedup();
    letters.into_iter().collect()
}

/// The cognate key of a Latin-script word: the first four consonants of
/// its [`cognate_form`]; `None` with fewer than three.
fn cognate_key(word: &str) -> Option<String> {
    let key: String = cognate_form(word)
        .chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        .take(4)
        .collect();
    (key.chars().count() >= 3).then_some(key)
}

/// Prepare the sentences of one side: keep the tokens whose keys occur on the other side.
fn prepare(side: &Side, other_keys: &KeySet) -> Vec<SentenceInfo> {
    use rayon::prelude::*;
    // Only keys the other side has can ever match: the rest would cost
    // memory (a dictionary gives a word tens of keys). Once per word.
    let mut reachable = KeyLists::default();
    for w in &side.words {
        reachable.push(w.keys.iter().copied().filter(|k| other_keys.contains(k)));
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(reachable.ends.iter().map(|&e| e as usize))
        .collect();
    let keys_of = |w: u32| &reachable.keys[starts[w as usize]..starts[w as usize + 1]];
    side.lengths
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .map(|(k, &(length, opaque))| {
            let mut info = SentenceInfo {
                length: length as f64,
                opaque,
                ..Default::default()
            };
            for &w in side.sentence(k) {
                let keys = keys_of(w);
                info.keyset.extend_from_slice(keys);
                // A number counts even when the other side never writes it:
                // a sentence whose figures appear nowhere in the translation
                // was most likely dropped. A word without a match anywhere
                // only says the dictionary does not know it.
                if side.words[w as usize].is_number {
                    info.numbers.push(keys.iter().copied());
                } else if !keys.is_empty() {
                    info.words.push(keys.iter().copied());
                }
            }
            info.keyset.sort_unstable();
            info.keyset.dedup();
            info
        })
        .collect()
}

/// Match counts between one source and one target sentence.
#[derive(Debug, Clone, Copy, Default)]
struct PairCounts {
    src_words: u16,
    tgt_words: u16,
    src_numbers: u16,
    tgt_numbers: u16,
}

fn count_in(tokens: &KeyLists, keyset: &[u64]) -> u16 {
    tokens
        .iter()
        .filter(|keys| keys.iter().any(|k| keyset.binary_search(k).is_ok()))
        .count() as u16
}

fn pair_counts(s: &SentenceInfo, t: &SentenceInfo) -> PairCounts {
    PairCounts {
        src_words: count_in(&s.words, &t.keyset),
        tgt_words: count_in(&t.words, &s.keyset),
        src_numbers: count_in(&s.numbers, &t.keyset),
        tgt_numbers: count_in(&t.numbers, &s.keyset),
    }
}

/// Sorted sentence numbers in which each key occurs.
fn postings(side: &[SentenceInfo]) -> HashMap<u64, Vec<u32>, KeyBuild> {
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
struct PairTable {
    window: Vec<(usize, usize)>,
    /// Where each row starts in `cells` (one more entry than rows).
    start: Vec<usize>,
    cells: Vec<PairCounts>,
}

impl PairTable {
    /// Count, for every pair in the windows, the words of each side that
    /// match the other. Walks inverted lists restricted to the window, so
    /// the cost is the number of key occurrences times log of a list plus
    /// the matches found, not windows times words times keys. The two
    /// directions run at once.
    fn new(src: &[SentenceInfo], tgt: &[SentenceInfo], window: Vec<(usize, usize)>) -> Self {
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
    fn get(&self, i: usize, j: usize) -> Option<PairCounts> {
        let (lo, hi) = self.window[i];
        (j >= lo && j < hi).then(|| self.cells[self.start[i] + j - lo])
    }
}

/// For every sentence `k` of `own`, find the sentences of the other side,
/// within `windows[k]`, that hold each of its words (through `other_index`),
/// and call `record(k, other, is_number)` once per word and sentence; `record`
/// says whether the pair was counted.
fn count_matches(
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

/// Which target columns each source row may use: `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    fn around_diagonal(n: usize, m: usize, half_width: usize) -> Band {
        let mut lo = Vec::with_capacity(n + 1);
        let mut hi = Vec::with_capacity(n + 1);
        for i in 0..=n {
            let c = if n == 0 {
                0.0
            } else {
                i as f64 * m as f64 / n as f64
            };
            lo.push((c - half_width as f64).max(0.0).floor() as usize);
            hi.push(((c + half_width as f64).ceil() as usize).min(m));
        }
        Band { lo, hi }
    }

    fn around_path(n: usize, m: usize, path: &[(usize, usize)], half_width: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for &(i, j) in path {
            lo[i] = lo[i].min(j.saturating_sub(half_width));
            hi[i] = hi[i].max((j + half_width).min(m));
        }
        for i in 0..=n {
            if lo[i] == usize::MAX {
                lo[i] = lo[i.saturating_sub(1)];
                hi[i] = hi[i.saturating_sub(1)];
            }
        }
        // Keep rows monotone so that every cell can be reached.
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]).min(hi[i]);
        }
        for i in (0..n).rev() {
            hi[i] = hi[i].min(hi[i + 1]);
        }
        for i in 0..=n {
            lo[i] = lo[i].min(hi[i]);
        }
        lo[0] = 0;
        hi[n] = m;
        Band { lo, hi }
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        j >= self.lo[i] && j <= self.hi[i]
    }
}

/// Everything the dynamic program reads.
struct Scorer<'a> {
    src: &'a [SentenceInfo],
    tgt: &'a [SentenceInfo],
    src_doc: &'a Document,
    tgt_doc: &'a Document,
    params: Params,
    config: &'a AlignerConfig,
    /// Pair counts near the band.
    pairs: PairTable,
    /// What bead scoring reads of each sentence, side by side in memory.
    src_facts: Vec<Facts>,
    tgt_facts: Vec<Facts>,
    /// Paragraph openings before each sentence, per side (n + 1 entries).
    src_opens: Vec<u32>,
    tgt_opens: Vec<u32>,
    /// The unrelated-length model's constant terms: 2 s0² and ln s0.
    random_two_var: f64,
    random_log_sigma: f64,
    /// (hit, miss) log-likelihood weights by span length, from params.
    word_weights: [(f64, f64); MAX_BEAD_SIDE + 1],
    number_weights: [(f64, f64); MAX_BEAD_SIDE + 1],
    /// ln of each bead type's prior, in [`BEAD_TYPES`] order.
    log_priors: Vec<f64>,
    /// ln k for small integers k.
    ln_table: Vec<f64>,
    /// [`spread`] for integer bead lengths.
    spread_table: Vec<(f64, f64)>,
    /// ln of the expected length ratio.
    log_ratio: f64,
    /// Length smoothing on the source side, in source characters (an
    /// integer so that the log table applies).
    smooth_src: f64,
}

impl<'a> Scorer<'a> {
    fn new(
        src: &'a [SentenceInfo],
        tgt: &'a [SentenceInfo],
        src_doc: &'a Document,
        tgt_doc: &'a Document,
        params: Params,
        config: &'a AlignerConfig,
        band: &Band,
    ) -> Self {
        let n = src.len();
        let m = tgt.len();
        let margin = MAX_BEAD_SIDE + 2;
        let window = (0..n)
            .map(|i| {
                // Beads ending in rows i+1..=i+MAX use this row.
                let top = (i + MAX_BEAD_SIDE).min(n);
                let lo = band.lo[i].saturating_sub(margin).min(m);
                let hi = (band.hi[top] + margin).min(m).max(lo);
                (lo, hi)
            })
            .collect();
        let pairs = PairTable::new(src, tgt, window);
        let weights = |pt: f64, pr: f64, pa: f64| {
            let mut w = [(0.0, 0.0); MAX_BEAD_SIDE + 1];
            for (k, slot) in w.iter_mut().enumerate().skip(1) {
                let prk = (1.0 - (1.0 - pr) * (1.0 - pa).powi(k as i32 - 1)).min(pt * 0.9);
                *slot = ((pt / prk).ln(), ((1.0 - prk) / (1.0 - pt)).ln());
            }
            w
        };
        let word_weights = weights(params.word_true, params.word_random, params.word_adjacent);
        let number_weights = weights(
            params.number_true,
            params.number_random,
            params.number_adjacent,
        );
        const TABLE: usize = 4096;
        let facts = |infos: &[SentenceInfo], doc: &Document| -> (Vec<Facts>, Vec<u32>) {
            let facts = infos
                .iter()
                .map(|s| Facts {
                    length: s.length,
                    words: s.words.len() as u32,
                    numbers: s.numbers.len() as u32,
                    opaque: s.opaque,
                })
                .collect();
            let mut opens = Vec::with_capacity(infos.len() + 1);
            opens.push(0);
            for k in 0..infos.len() {
                opens.push(opens[k] + doc.starts_paragraph(k) as u32);
            }
            (facts, opens)
        };
        let (src_facts, src_opens) = facts(src, src_doc);
        let (tgt_facts, tgt_opens) = facts(tgt, tgt_doc);
        let s0 = config.length_sigma_random;
        Scorer {
            src_facts,
            tgt_facts,
            src_opens,
            tgt_opens,
            random_two_var: 2.0 * s0 * s0,
            random_log_sigma: s0.ln(),
            src,
            tgt,
            src_doc,
            tgt_doc,
            params,
            config,
            pairs,
            word_weights,
            number_weights,
            log_priors: BEAD_TYPES.iter().map(|t| t.2.ln()).collect(),
            ln_table: (0..TABLE).map(|k| (k as f64).ln()).collect(),
            spread_table: (0..TABLE)
                .map(|k| spread(params.sigma_k, k as f64))
                .collect(),
            log_ratio: params.ratio.ln(),
            smooth_src: (SMOOTH / params.ratio).round(),
        }
    }

    #[inline]
    fn pair(&self, i: usize, j: usize) -> PairCounts {
        match self.pairs.get(i, j) {
            Some(p) => p,
            None => pair_counts(&self.src[i], &self.tgt[j]),
        }
    }

    /// Natural log, from a table for the integer lengths beads have.
    fn ln(&self, x: f64) -> f64 {
        let k = x as usize;
        if k as f64 == x && k < self.ln_table.len() {
            self.ln_table[k]
        } else {
            x.ln()
        }
    }

    /// 1 / (2 sigma²) and ln sigma of the length model for a bead of `total` characters.
    fn length_spread(&self, total: f64) -> (f64, f64) {
        let k = total.round() as usize;
        match self.spread_table.get(k) {
            Some(&v) => v,
            None => spread(self.params.sigma_k, total),
        }
    }

    /// Log-likelihood ratio of `hits` of `total` words and `number_hits` of
    /// `numbers` matching in a span of `span` sentences.
    #[inline]
    fn llr(&self, hits: u32, total: u32, number_hits: u32, numbers: u32, span: usize) -> f64 {
        let k = span.min(MAX_BEAD_SIDE);
        let (wh, wm) = self.word_weights[k];
        let (nh, nm) = self.number_weights[k];
        hits as f64 * wh - (total - hits) as f64 * wm + number_hits as f64 * nh
            - (numbers - number_hits) as f64 * nm
    }

    /// Word and number evidence of one sentence of a bead that matched
    /// `w` words and `num` numbers in the other side, which spans `span`
    /// sentences. Adds the counts to `sig`.
    #[inline(always)]
    fn sentence_evidence(
        &self,
        own: &Facts,
        (w, num): (u32, u32),
        other_opaque: bool,
        span: usize,
        sig: &mut Signals,
    ) -> f64 {
        let (mut words, mut numbers) = (own.words, own.numbers);
        let (hits, number_hits) = (w.min(words), num.min(numbers));
        if other_opaque {
            // Misses against run-together words are no evidence.
            (words, numbers) = (hits, number_hits);
        }
        sig.words_matched += hits;
        sig.words_matchable += words;
        sig.numbers_matched += number_hits;
        sig.numbers_total += numbers;
        self.llr(hits, words, number_hits, numbers, span)
    }

    /// Does a paragraph open at one of the sentences `from..to` of a side?
    #[inline(always)]
    fn opens_within(opens: &[u32], from: usize, to: usize) -> bool {
        from < to && opens[to] > opens[from]
    }

    /// Length evidence of a bead of `ls` source and `lt` target characters.
    #[inline(always)]
    fn length_term(&self, ls: f64, lt: f64) -> f64 {
        self.length_term_with(self.ln(ls + self.smooth_src), ls, lt)
    }

    /// [`Scorer::length_term`] given `ln_src = ln(ls + smooth_src)`.
    #[inline(always)]
    fn length_term_with(&self, ln_src: f64, ls: f64, lt: f64) -> f64 {
        let r = self.ln(lt + SMOOTH) - ln_src - self.log_ratio;
        let total = lt + self.params.ratio * ls;
        let (inv_two_var, log_sigma) = self.length_spread(total);
        -(r * r) * inv_two_var + (r * r) / self.random_two_var + self.random_log_sigma - log_sigma
    }

    /// Paragraph evidence of the bead `src[i0..i1]` with `tgt[j0..j1]`.
    #[inline(always)]
    fn paragraph_term(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f64 {
        let cfg = self.config;
        let sb = Self::opens_within(&self.src_opens, i0, i0 + 1);
        let tb = Self::opens_within(&self.tgt_opens, j0, j0 + 1);
        let mut paragraph = match (sb, tb) {
            (true, true) => cfg.paragraph_both,
            (false, true) => cfg.paragraph_target_only,
            (true, false) => cfg.paragraph_source_only,
            (false, false) => 0.0,
        };
        if Self::opens_within(&self.src_opens, i0 + 1, i1) {
            paragraph += cfg.paragraph_crossing;
        }
        if Self::opens_within(&self.tgt_opens, j0 + 1, j1) {
            paragraph += cfg.paragraph_crossing;
        }
        paragraph
    }

    /// Score of the bead `src[i0..i1]` with `tgt[j0..j1]`, and its signals.
    fn bead(&self, i0: usize, i1: usize, j0: usize, j1: usize, log_prior: f64) -> (f64, Signals) {
        let mut sig = Signals {
            prior: log_prior,
            ..Default::default()
        };
        if i0 == i1 || j0 == j1 {
            return (sig.prior, sig);
        }
        // Lexical evidence. A word has more chances to meet a spurious match
        // in a longer span: `llr` weighs hits by the span's length.
        let (a, b) = (i1 - i0, j1 - j0);
        let (src, tgt) = (&self.src_facts[i0..i1], &self.tgt_facts[j0..j1]);
        let src_opaque = src.iter().any(|s| s.opaque);
        let tgt_opaque = tgt.iter().any(|s| s.opaque);
        let mut src_lexical = 0.0;
        for (i, own) in (i0..i1).zip(src) {
            let (mut w, mut num) = (0, 0);
            for j in j0..j1 {
                let p = self.pair(i, j);
                (w, num) = (w + p.src_words as u32, num + p.src_numbers as u32);
            }
            src_lexical += self.sentence_evidence(own, (w, num), tgt_opaque, b, &mut sig);
        }
        let mut tgt_lexical = 0.0;
        for (j, own) in (j0..j1).zip(tgt) {
            let (mut w, mut num) = (0, 0);
            for i in i0..i1 {
                let p = self.pair(i, j);
                (w, num) = (w + p.tgt_words as u32, num + p.tgt_numbers as u32);
            }
            tgt_lexical += self.sentence_evidence(own, (w, num), src_opaque, a, &mut sig);
        }
        sig.lexical = src_lexical + tgt_lexical;
        let ls: f64 = src.iter().map(|s| s.length).sum();
        let lt: f64 = tgt.iter().map(|s| s.length).sum();
        sig.length = self.length_term(ls, lt);
        sig.paragraph = self.paragraph_term(i0, i1, j0, j1);
        (sig.lexical + sig.length + sig.paragraph + sig.prior, sig)
    }

    /// The scores of the first `types` bead types ending at `(i, j)` (as
    /// [`Scorer::bead`] gives them, to the last bit), `NEG_INFINITY` for
    /// those that would start before the text. The 1-b beads share their
    /// source sentence and the a-1 beads their target sentence: each
    /// sentence's evidence is computed once for the family.
    fn cell(&self, i: usize, j: usize, types: usize, out: &mut [f64]) {
        let max_b = BEAD_TYPES[..types].iter().map(|t| t.1).max().unwrap_or(0);
        let max_a = BEAD_TYPES[..types].iter().map(|t| t.0).max().unwrap_or(0);
        // One source sentence i-1 against target runs j-b..j, b = 1, 2, ...
        let mut one_to_b = [f64::NEG_INFINITY; MAX_BEAD_SIDE + 1];
        if i >= 1 {
            let i0 = i - 1;
            let own = &self.src_facts[i0];
            let ln_src = self.ln(own.length + self.smooth_src);
            let runs = self.runs_against_one(own, &self.tgt_facts, j, max_b, |j0| {
                let p = self.pair(i0, j0);
                ((p.src_words, p.src_numbers), (p.tgt_words, p.tgt_numbers))
            });
            for b in 1..=max_b.min(j) {
                let (lexical, lt) = runs[b];
                let length = self.length_term_with(ln_src, own.length, lt);
                one_to_b[b] = lexical + length + self.paragraph_term(i0, i, j - b, j);
            }
        }
        // Source runs i-a..i against one target sentence j-1, a = 2, 3, ...
        let mut a_to_one = [f64::NEG_INFINITY; MAX_BEAD_SIDE + 1];
        if j >= 1 && i >= 2 && max_a >= 2 {
            let j0 = j - 1;
            let own = &self.tgt_facts[j0];
            let runs = self.runs_against_one(own, &self.src_facts, i, max_a, |i0| {
                let p = self.pair(i0, j0);
                ((p.tgt_words, p.tgt_numbers), (p.src_words, p.src_numbers))
            });
            for a in 2..=max_a.min(i) {
                let (lexical, ls) = runs[a];
                let length = self.length_term(ls, own.length);
                a_to_one[a] = lexical + length + self.paragraph_term(i - a, i, j0, j);
            }
        }
        for (slot, (&(a, b, _), &log_prior)) in out
            .iter_mut()
            .zip(BEAD_TYPES.iter().zip(&self.log_priors))
            .take(types)
        {
            *slot = if a > i || b > j {
                f64::NEG_INFINITY
            } else if a == 0 || b == 0 {
                log_prior
            } else if a == 1 {
                one_to_b[b] + log_prior
            } else if b == 1 {
                a_to_one[a] + log_prior
            } else if (a, b) == (2, 2) {
                self.two_to_two(i, j) + log_prior
            } else {
                self.bead(i - a, i, j - b, j, log_prior).0
            };
        }
    }

    /// Lexical evidence of one sentence `own` of one side against each run
    /// of k = 1..=`max` sentences of the other side (`run`) that ends at
    /// `end`, as [`Scorer::bead`] sums it, with the run's length: entry k.
    /// `counts(x)` gives, for sentence x of the run, the (words, numbers) of
    /// `own` matched in it and of it matched in `own`. Each run sentence's
    /// evidence is computed once for all the runs that hold it.
    #[inline(always)]
    fn runs_against_one(
        &self,
        own: &Facts,
        run: &[Facts],
        end: usize,
        max: usize,
        counts: impl Fn(usize) -> ((u16, u16), (u16, u16)),
    ) -> [(f64, f64); MAX_BEAD_SIDE + 1] {
        let mut sig = Signals::default();
        let mut out = [(0.0, 0.0); MAX_BEAD_SIDE + 1];
        // Evidence of each run sentence (against the one sentence alone).
        let mut single = [0.0; MAX_BEAD_SIDE + 1];
        let (mut w, mut num, mut length, mut run_opaque) = (0, 0, 0.0, false);
        for k in 1..=max.min(end) {
            let x = end - k;
            let (own_hits, run_hits) = counts(x);
            single[k] = self.sentence_evidence(
                &run[x],
                (run_hits.0 as u32, run_hits.1 as u32),
                own.opaque,
                1,
                &mut sig,
            );
            (w, num) = (w + own_hits.0 as u32, num + own_hits.1 as u32);
            length += run[x].length;
            run_opaque |= run[x].opaque;
            let own_lexical = 0.0 + self.sentence_evidence(own, (w, num), run_opaque, k, &mut sig);
            // The run's sentences in text order, as `bead` sums them; the
            // two sides' sums are then added (in either order: addition of
            // two numbers commutes exactly).
            let mut run_lexical = 0.0;
            for q in (1..=k).rev() {
                run_lexical += single[q];
            }
            out[k] = (own_lexical + run_lexical, length);
        }
        out
    }

    /// [`Scorer::bead`] of the 2-2 bead ending at `(i, j)` without its prior
    /// and signals, summed in the same order.
    #[inline(always)]
    fn two_to_two(&self, i: usize, j: usize) -> f64 {
        let mut sig = Signals::default();
        let (s, t) = (&self.src_facts[i - 2..i], &self.tgt_facts[j - 2..j]);
        let p = [
            [self.pair(i - 2, j - 2), self.pair(i - 2, j - 1)],
            [self.pair(i - 1, j - 2), self.pair(i - 1, j - 1)],
        ];
        let src_opaque = s[0].opaque || s[1].opaque;
        let tgt_opaque = t[0].opaque || t[1].opaque;
        let mut src_lexical = 0.0;
        for (k, own) in s.iter().enumerate() {
            let (w, num) = (
                p[k][0].src_words as u32 + p[k][1].src_words as u32,
                p[k][0].src_numbers as u32 + p[k][1].src_numbers as u32,
            );
            src_lexical += self.sentence_evidence(own, (w, num), tgt_opaque, 2, &mut sig);
        }
        let mut tgt_lexical = 0.0;
        for (k, own) in t.iter().enumerate() {
            let (w, num) = (
                p[0][k].tgt_words as u32 + p[1][k].tgt_words as u32,
                p[0][k].tgt_numbers as u32 + p[1][k].tgt_numbers as u32,
            );
            tgt_lexical += self.sentence_evidence(own, (w, num), src_opaque, 2, &mut sig);
        }
        let lexical = src_lexical + tgt_lexical;
        let length = self.length_term(s[0].length + s[1].length, t[0].length + t[1].length);
        lexical + length + self.paragraph_term(i - 2, i, j - 2, j)
    }
}

/// What bead scoring reads of a sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Facts {
    length: f64,
    /// Matchable words and numbers.
    words: u32,
    numbers: u32,
    opaque: bool,
}

/// Rows whose bead scores are computed together (in parallel) before the
/// dynamic program takes them in order.
const DP_CHUNK: usize = 256;

/// Run the dynamic program in `band`; returns the path of states and bead types.
///
/// A bead's score does not depend on the path before it, so the scores of
/// a chunk of rows are computed on all cores first; the recurrence (a
/// maximum over a dozen sums per cell) then runs through them in order.
fn best_path(scorer: &Scorer, band: &Band, types: usize) -> Vec<(usize, usize, usize)> {
    use rayon::prelude::*;
    let n = scorer.src.len();
    let m = scorer.tgt.len();
    let mut offset = Vec::with_capacity(n + 2);
    let mut total = 0usize;
    for i in 0..=n {
        offset.push(total);
        total += band.hi[i] - band.lo[i] + 1;
    }
    let mut score = vec![f64::NEG_INFINITY; total];
    let mut back = vec![u8::MAX; total];
    let idx = |i: usize, j: usize| offset[i] + (j - band.lo[i]);
    score[idx(0, 0)] = 0.0;
    let bead_types = &BEAD_TYPES[..types];
    // Bead scores of cells offset[r0]..offset[r1], `types` per cell
    // (NEG_INFINITY where the bead would leave the band).
    let mut beads: Vec<f64> = Vec::new();
    for r0 in (0..=n).step_by(DP_CHUNK) {
        let r1 = (r0 + DP_CHUNK).min(n + 1);
        let base = offset[r0];
        beads.clear();
        beads.resize(
            (offset[r1 - 1] + band.hi[r1 - 1] - band.lo[r1 - 1] + 1 - base) * types,
            0.0,
        );
        let mut rows: Vec<(usize, &mut [f64])> = Vec::with_capacity(r1 - r0);
        let mut rest = beads.as_mut_slice();
        for i in r0..r1 {
            let cells = band.hi[i] - band.lo[i] + 1;
            let (row, tail) = rest.split_at_mut(cells * types);
            rows.push((i, row));
            rest = tail;
        }
        rows.par_iter_mut().with_min_len(8).for_each(|(i, row)| {
            let i = *i;
            for (j, cell) in (band.lo[i]..=band.hi[i]).zip(row.chunks_exact_mut(types)) {
                scorer.cell(i, j, types, cell);
                for (slot, &(a, b, _)) in cell.iter_mut().zip(bead_types) {
                    if *slot != f64::NEG_INFINITY && !band.contains(i - a, j - b) {
                        *slot = f64::NEG_INFINITY;
                    }
                }
            }
        });
        for i in r0..r1 {
            for j in band.lo[i]..=band.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let k = idx(i, j);
                let cell = &beads[(k - base) * types..(k - base + 1) * types];
                let mut best = f64::NEG_INFINITY;
                let mut best_t = u8::MAX;
                for (t, (&(a, b, _), &bead)) in bead_types.iter().zip(cell).enumerate() {
                    if bead == f64::NEG_INFINITY {
                        continue;
                    }
                    let prev = score[idx(i - a, j - b)];
                    if prev == f64::NEG_INFINITY {
                        continue;
                    }
                    let s = prev + bead;
                    if s > best {
                        best = s;
                        best_t = t as u8;
                    }
                }
                score[k] = best;
                back[k] = best_t;
            }
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let t = back[idx(i, j)] as usize;
        let (a, b, _) = BEAD_TYPES[t];
        path.push((i, j, t));
        i -= a;
        j -= b;
    }
    path.reverse();
    path
}

/// Does the path come close to the band's edge where the band could be wider?
fn touches_edge(path: &[(usize, usize, usize)], band: &Band, m: usize) -> bool {
    path.iter().any(|&(i, j, _)| {
        (band.lo[i] > 0 && j < band.lo[i] + 2) || (band.hi[i] < m && j + 2 > band.hi[i])
    })
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner::new(Lexicon::embedded(), AlignerConfig::default())
    }
}

/// Median of a list (0 when empty).
fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Learn a word table from the confident 1-1 beads of a first pass: pairs
/// of stems seen together at least twice with a Dice coefficient of 0.6 or
/// more. Over all documents of a batch; cost linear in the words of the beads
/// times the words of their partners.
fn learn(prepared: &[Prepared], first: &[(Alignment, Params)]) -> Learned {
    use rayon::prelude::*;
    let stems = |side: &Side, k: usize| -> Vec<u64> {
        let mut v: Vec<u64> = side
            .sentence(k)
            .iter()
            .map(|&w| &side.words[w as usize])
            .filter(|w| !w.is_number)
            .map(|w| w.stem)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let beads: Vec<(Vec<u64>, Vec<u64>)> = prepared
        .par_iter()
        .zip(first)
        .flat_map_iter(|(prep, (al, _))| {
            al.beads
                .iter()
                .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.confidence > 0.6)
                .map(|b| (stems(&prep.src, b.src.start), stems(&prep.tgt, b.tgt.start)))
        })
        .collect();
    let mut src_count: HashMap<u64, u32, KeyBuild> = HashMap::default();
    let mut tgt_count: HashMap<u64, u32, KeyBuild> = HashMap::default();
    for (ss, ts) in &beads {
        for a in ss {
            *src_count.entry(*a).or_default() += 1;
        }
        for t in ts {
            *tgt_count.entry(*t).or_default() += 1;
        }
    }
    // Dice of a pair seen c times is at most that of c = the smaller count:
    // pairs that fail with it cannot pass, and are not counted.
    let dice = |c: u32, ca: u32, ct: u32| 2.0 * c as f64 / (ca + ct) as f64;
    let mut joint: HashMap<u64, (u64, u64, u32), KeyBuild> = HashMap::default();
    let mut targets: Vec<(u64, u32)> = Vec::new();
    for (ss, ts) in &beads {
        targets.clear();
        targets.extend(
            ts.iter()
                .map(|t| (*t, tgt_count[t]))
                .filter(|&(_, ct)| ct >= 2),
        );
        for a in ss {
            let ca = src_count[a];
            if ca < 2 {
                continue;
            }
            for &(t, ct) in &targets {
                if dice(ca.min(ct), ca, ct) >= 0.6 {
                    // Both are hashes already: mixed, they key the pair.
                    joint.entry(a.rotate_left(17) ^ t).or_insert((*a, t, 0)).2 += 1;
                }
            }
        }
    }
    let mut learned = Learned::default();
    for (_, (a, t, c)) in joint {
        if c >= 2 && dice(c, src_count[&a], tgt_count[&t]) >= 0.6 {
            learned.entry(a).or_default().push(t);
        }
    }
    learned
}

/// State of one document pair between passes.
struct Prepared {
    src: Side,
    tgt: Side,
}

impl Aligner {
    /// An aligner with the given lexicon and configuration.
    pub fn new(lexicon: Lexicon, config: AlignerConfig) -> Self {
        Self::with_lexicons(vec![lexicon], config)
    }

    /// An aligner with the pairs of several lexicons (each of their
    /// translations counts), read on all cores.
    pub fn with_lexicons(lexicons: Vec<Lexicon>, config: AlignerConfig) -> Self {
        use rayon::prelude::*;
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
            translation_keys,
        }
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
            || split_side(src, true, &self.translation_keys, names),
            || split_side(tgt, false, &self.translation_keys, names),
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
        use rayon::prelude::*;
        let prepared: Vec<Prepared> = pairs.par_iter().map(|(s, t)| self.tokenize(s, t)).collect();
        let first: Vec<(Alignment, Params)> = pairs
            .par_iter()
            .zip(&prepared)
            .map(|((s, t), prep)| self.align_pass(s, t, prep, None))
            .collect();
        if !self.config.learn_lexicon {
            return first.into_iter().map(|(a, _)| a).collect();
        }
        let learned = learn(&prepared, &first);
        if learned.is_empty() {
            return first.into_iter().map(|(a, _)| a).collect();
        }
        pairs
            .par_iter()
            .zip(prepared.into_par_iter())
            .zip(first.par_iter())
            .map(|(((s, t), mut prep), (a, p))| {
                for word in &mut prep.src.words {
                    if let Some(extra) = learned.get(&word.stem) {
                        prep.src.keys.extend(extra);
                        let mut keys = word.keys.to_vec();
                        keys.extend(extra);
                        keys.sort_unstable();
                        keys.dedup();
                        word.keys = keys.into_boxed_slice();
                    }
                }
                self.align_pass(s, t, &prep, Some((a, *p))).0
            })
            .collect()
    }

    /// One alignment pass. With `previous`, parameters are re-estimated from
    /// it and the band follows its path.
    fn align_pass(
        &self,
        src: &Document,
        tgt: &Document,
        prep: &Prepared,
        previous: Option<(&Alignment, Params)>,
    ) -> (Alignment, Params) {
        let (si, ti) = rayon::join(
            || prepare(&prep.src, &prep.tgt.keys),
            || prepare(&prep.tgt, &prep.src.keys),
        );
        let total_s: f64 = si.iter().map(|s| s.length).sum::<f64>().max(1.0);
        let total_t: f64 = ti.iter().map(|s| s.length).sum::<f64>().max(1.0);
        let mut params = Params::initial(total_t / total_s);
        let (states, types) = match previous {
            Some((prev, _)) => {
                params = self.estimate(&si, &ti, prev, params);
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
        );
        (self.beads_from_path(&scorer, &path), params)
    }

    /// Best path in a band: around `states` (a previous path) when given,
    /// around the diagonal otherwise; the band doubles while the path
    /// touches its edge.
    #[allow(clippy::too_many_arguments)]
    fn search<'a>(
        &'a self,
        si: &'a [SentenceInfo],
        ti: &'a [SentenceInfo],
        src: &'a Document,
        tgt: &'a Document,
        params: Params,
        states: Option<(&[(usize, usize)], usize)>,
        types: usize,
    ) -> (Scorer<'a>, Vec<(usize, usize, usize)>) {
        let (n, m) = (si.len(), ti.len());
        let mut half = states.map_or(self.config.band, |(_, h)| h);
        loop {
            let band = match states {
                Some((states, _)) => Band::around_path(n, m, states, half),
                None => Band::around_diagonal(n, m, half),
            };
            let scorer = Scorer::new(si, ti, src, tgt, params, &self.config, &band);
            let path = best_path(&scorer, &band, types);
            let full = band.lo.iter().all(|&l| l == 0) && band.hi.iter().all(|&h| h == m);
            if full || !touches_edge(&path, &band, m) {
                return (scorer, path);
            }
            half *= 2;
        }
    }

    /// For long texts, a path found on blocks of [`COARSE_BLOCK`] sentences,
    /// in sentence coordinates (Vecalign's coarse-to-fine idea): the fine
    /// search then needs only a narrow band around it. `None` for short texts.
    fn coarse_states(
        &self,
        si: &[SentenceInfo],
        ti: &[SentenceInfo],
        src: &Document,
        tgt: &Document,
        params: Params,
    ) -> Option<Vec<(usize, usize)>> {
        if si.len().min(ti.len()) < COARSE_MIN {
            return None;
        }
        let blocks = |side: &[SentenceInfo], doc: &Document| -> (Vec<SentenceInfo>, Document) {
            use rayon::prelude::*;
            let infos = side
                .par_chunks(COARSE_BLOCK)
                .with_min_len(64)
                .map(|chunk| {
                    let mut info = SentenceInfo::default();
                    for s in chunk {
                        info.length += s.length;
                        info.words.append(&s.words);
                        info.numbers.append(&s.numbers);
                        info.keyset.extend(&s.keyset);
                    }
                    info.keyset.sort_unstable();
                    info.keyset.dedup();
                    info
                })
                .collect();
            let mut sentences: Vec<crate::document::Sentence> =
                Vec::with_capacity(side.len() / COARSE_BLOCK + 1);
            for first in (0..side.len()).step_by(COARSE_BLOCK) {
                // A block opens a paragraph when one of its sentences does.
                let opens = (first..(first + COARSE_BLOCK).min(side.len()))
                    .any(|i| doc.starts_paragraph(i));
                let paragraph = sentences.last().map_or(0, |s| s.paragraph + opens as usize);
                sentences.push(crate::document::Sentence {
                    text: String::new(),
                    paragraph,
                });
            }
            (
                infos,
                Document {
                    language: doc.language.clone(),
                    sentences,
                },
            )
        };
        let ((bs, bs_doc), (bt, bt_doc)) = rayon::join(|| blocks(si, src), || blocks(ti, tgt));
        let (_, path) = self.search(&bs, &bt, &bs_doc, &bt_doc, params, None, FIRST_PASS_TYPES);
        let (n, m) = (si.len(), ti.len());
        let mut states = vec![(0, 0)];
        states.extend(
            path.iter()
                .map(|&(i, j, _)| ((i * COARSE_BLOCK).min(n), (j * COARSE_BLOCK).min(m))),
        );
        Some(states)
    }

    /// Re-estimate the model from a previous alignment's 1-1 beads.
    fn estimate(
        &self,
        si: &[SentenceInfo],
        ti: &[SentenceInfo],
        prev: &Alignment,
        mut p: Params,
    ) -> Params {
        let ones: Vec<&Bead> = prev
            .beads
            .iter()
            .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
            .collect();
        if ones.len() < 5 {
            return p;
        }
        let mut logs: Vec<f64> = ones
            .iter()
            .map(|b| ((ti[b.tgt.start].length + 1.0) / (si[b.src.start].length + 1.0)).ln())
            .collect();
        let med = median(&mut logs.clone());
        // Deviations scaled by sqrt(length) estimate sigma_k robustly (MAD).
        let mut scaled: Vec<f64> = ones
            .iter()
            .zip(&logs)
            .map(|(b, r)| {
                (r - med).abs()
                    * (ti[b.tgt.start].length + med.exp() * si[b.src.start].length + 1.0).sqrt()
            })
            .collect();
        let mad = median(&mut scaled);
        logs.clear();
        p.ratio = med.exp();
        p.sigma_k = (1.4826 * mad).clamp(1.5, 8.0);
        // Match rates: aligned pairs versus pairs shifted by a few sentences.
        // Counts are integers: summing them on all cores in any order is exact.
        let rate = |pairs: Vec<(usize, usize)>| {
            use rayon::prelude::*;
            let (wh, wt, nh, nt) = pairs
                .par_iter()
                .with_min_len(256)
                .map(|&(i, j)| {
                    let c = pair_counts(&si[i], &ti[j]);
                    (
                        (c.src_words + c.tgt_words) as u64,
                        (si[i].words.len() + ti[j].words.len()) as u64,
                        (c.src_numbers + c.tgt_numbers) as u64,
                        (si[i].numbers.len() + ti[j].numbers.len()) as u64,
                    )
                })
                .reduce(
                    || (0, 0, 0, 0),
                    |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3),
                );
            (
                (wh as f64 + 1.0) / (wt as f64 + 2.0),
                (nh as f64 + 1.0) / (nt as f64 + 2.0),
            )
        };
        let (wt_true, nt_true) = rate(ones.iter().map(|b| (b.src.start, b.tgt.start)).collect());
        let m = ti.len();
        let (wt_rand, nt_rand) = rate(
            ones.iter()
                .flat_map(|b| {
                    let (i, j) = (b.src.start, b.tgt.start);
                    [3usize, 5, 8].into_iter().filter_map(move |d| {
                        let j2 = if j + d < m { j + d } else { j.checked_sub(d)? };
                        Some((i, j2))
                    })
                })
                .collect(),
        );
        let one_to_one: HashSet<(usize, usize)> =
            ones.iter().map(|b| (b.src.start, b.tgt.start)).collect();
        let (wt_adj, nt_adj) = rate(
            ones.iter()
                .flat_map(|b| {
                    let (i, j) = (b.src.start, b.tgt.start);
                    [j.checked_sub(1), Some(j + 1).filter(|&x| x < m)]
                        .into_iter()
                        .flatten()
                        .map(move |j2| (i, j2))
                })
                .filter(|p| !one_to_one.contains(p))
                .collect(),
        );
        p.word_true = wt_true.clamp(0.1, 0.95);
        p.word_random = wt_rand.clamp(0.005, p.word_true / 2.0);
        p.number_true = nt_true.clamp(0.3, 0.98);
        p.number_random = nt_rand.clamp(0.005, p.number_true / 3.0);
        p.word_adjacent = wt_adj.clamp(p.word_random, p.word_true / 1.5);
        p.number_adjacent = nt_adj.clamp(p.number_random, p.number_true / 2.0);
        p
    }

    fn beads_from_path(&self, scorer: &Scorer, path: &[(usize, usize, usize)]) -> Alignment {
        let mut beads = Vec::with_capacity(path.len());
        let (mut i0, mut j0) = (0, 0);
        for &(i, j, t) in path {
            let (_, signals) = scorer.bead(i0, i, j0, j, scorer.log_priors[t]);
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
        // Confidence: evidence for a linked bead; for an empty bead, how badly
        // the lone sentence matches its neighbours on the other side.
        let n = scorer.src.len();
        let m = scorer.tgt.len();
        for b in beads.iter_mut() {
            b.confidence = if !b.src.is_empty() && !b.tgt.is_empty() {
                sigmoid((b.signals.lexical + b.signals.length) / 2.0 - 0.5)
            } else {
                let mut best = f64::NEG_INFINITY;
                let prior = scorer.log_priors[0];
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
        // One Arabic sentence lost its spaces (a PDF copy): its English
        // partner's words cannot be matched in it, which must not turn a
        // plain 1-1 into a drop and an addition. (Checked: without the
        // opaque-sentence rule this gives `[]:[3]` and `[3]:[]`.)
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
                    let bead = scorer.bead(i - a, i, j - b, j, scorer.log_priors[t]).0;
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
}
