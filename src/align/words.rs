//! Word analysis: each side split into distinct words with their match keys,
//! sentences as lists of word numbers, and what the scorer needs of each
//! sentence ([`SentenceInfo`]).

use std::collections::HashMap;

use super::keys::*;
use crate::document::Document;
use crate::hash::FnvBuild;
use crate::language::glued::{ends_inside, is_glued_candidate, split_document};
use crate::language::stem::{is_stop_word, stem};
use crate::language::translit::skeleton;
use crate::language::{
    capitalised_words, fold, fold_keeping_word_ends, for_each_token, is_arabic, unmark_word_ends,
    KnownWords,
};
use crate::lexicon::{find_form_with, lookup_forms};

/// A distinct word of one side and the keys by which it can match the other side.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// `key(KEY_WORD, stem)`: identifies the stem for learning.
    pub(super) stem: u64,
    /// Sorted; a boxed slice holds no spare capacity.
    pub(super) keys: Box<[u64]>,
    pub(super) is_number: bool,
}

/// One side of a document pair as words: each distinct word analysed once
/// (a text repeats its words: a long one has a million tokens but tens of
/// thousands of words), sentences as lists of word numbers.
#[derive(Debug, Clone, Default)]
pub(super) struct Side {
    pub(super) words: Vec<Word>,
    /// Word numbers of all sentences, stop words left out.
    pub(super) tokens: Vec<u32>,
    /// End of each sentence in `tokens`.
    pub(super) ends: Vec<u32>,
    /// Each sentence's length in characters, whitespace excluded, and
    /// whether its words ran together (see [`SentenceInfo::opaque`]).
    pub(super) lengths: Vec<(u32, bool)>,
    /// Every key of the side (for "can this word match anything there?").
    pub(super) keys: KeySet,
}

impl Side {
    /// Word numbers of sentence `k`.
    pub(super) fn sentence(&self, k: usize) -> &[u32] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.tokens[start..self.ends[k] as usize]
    }
}

/// What the scorer needs of one sentence.
#[derive(Debug, Clone, Default)]
pub(super) struct SentenceInfo {
    /// Length in characters, whitespace excluded.
    pub(super) length: f64,
    /// Tokens that can match something on the other side of the document.
    pub(super) words: KeyLists,
    pub(super) numbers: KeyLists,
    /// Content words (stop words and numbers left out), matchable or not.
    pub(super) content: u32,
    /// All keys of the sentence, sorted.
    pub(super) keyset: Vec<u64>,
    /// The words are run together (spaces lost in a copy from a PDF, say):
    /// the sentence cannot show matches, so the other side's words missing
    /// a match in it are no evidence.
    pub(super) opaque: bool,
}

/// Sentences per task when a side is split into words.
pub(super) const TOKENIZE_CHUNK: usize = 256;

/// One task's share of [`split_side`]: its distinct forms (each a folded
/// token with a leading flag: `n` when it may be a name, Arabic or
/// capitalised in its sentence's original text, `-` not), its sentences as
/// lists of form numbers, and each sentence's length and opacity (see
/// [`Side::lengths`]).
struct Chunk {
    forms: Vec<String>,
    tokens: Vec<u32>,
    ends: Vec<u32>,
    lengths: Vec<(u32, bool)>,
    /// Tokens of the sentences that have a glued one, folded keeping ة and
    /// ى (see [`glued_splits`]), by their folded form, where they differ.
    marked: HashMap<String, String, FnvBuild>,
}

/// Split one side into words and sentences of word numbers (see [`Side`]).
/// `is_source` chooses the dictionary direction (source words are looked
/// up, target words are keys); with `names`, Arabic words and capitalised
/// Latin ones get consonant-skeleton keys. Arabic tokens whose words ran
/// together are split back into the words `known` and the document's own
/// spaced words know (see [`crate::language::glued`]): the same words
/// whichever side is the source.
pub(super) fn split_side(
    doc: &Document,
    is_source: bool,
    translation_keys: &TranslationKeys,
    names: bool,
    known: &KnownWords,
) -> Side {
    use rayon::prelude::*;
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
                marked: HashMap::default(),
            };
            let mut form = String::new();
            for s in sentences {
                let folded = fold(&s.text);
                // Capitalised words of the original text: names in Latin script.
                let capitalised: Vec<String> = if names {
                    capitalised_words(&s.text).collect()
                } else {
                    Vec::new()
                };
                let mut glued = false;
                for_each_token(&folded, |tok| {
                    glued |= is_glued_candidate(tok);
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
                if glued {
                    mark_word_ends(&s.text, &mut chunk.marked);
                }
                let length = s.text.chars().filter(|c| !c.is_whitespace()).count();
                // News words average 5 to 6 letters; 15 means lost spaces.
                // Such a sentence stays opaque when its glued tokens are
                // split back into words: a split leaves some words unknown
                // and cuts others wrongly, so misses in it are still weak
                // evidence.
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
    // Glued forms keep their numbers; `pieces` gives those of the words
    // they were split into, numbered after the forms of the text.
    let mut marked = HashMap::default();
    for c in &chunks {
        marked.extend(c.marked.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    let splits = glued_splits(&forms, &marked, known);
    let mut pieces: HashMap<u32, Vec<u32>, FnvBuild> = HashMap::default();
    for (n, split) in &splits {
        let numbers = split
            .iter()
            .map(|p| {
                *global.entry(p.as_str()).or_insert_with(|| {
                    forms.push(p.as_str());
                    forms.len() as u32 - 1
                })
            })
            .collect();
        pieces.insert(*n, numbers);
    }
    let analysed: Vec<Option<Word>> = forms
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .map(|(k, f)| {
            if pieces.contains_key(&(k as u32)) {
                // Its words stand for it.
                return None;
            }
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
            let sentence = &c.tokens[start..end as usize];
            if pieces.is_empty() {
                side.tokens.extend(
                    sentence
                        .iter()
                        .map(|&id| number[renumber[id as usize] as usize])
                        .filter(|&w| w != u32::MAX),
                );
            } else {
                for &id in sentence {
                    // A glued token is the words it was split into.
                    let n = renumber[id as usize];
                    let words = pieces
                        .get(&n)
                        .map_or(std::slice::from_ref(&n), Vec::as_slice);
                    side.tokens.extend(
                        words
                            .iter()
                            .map(|&n| number[n as usize])
                            .filter(|&w| w != u32::MAX),
                    );
                }
            }
            side.ends.push(side.tokens.len() as u32);
            start = end as usize;
        }
    }
    side
}

/// The tokens of a sentence's `text` in which a ة or ى shows a word
/// ending inside (see [`split_glued`](crate::language::glued::split_glued)),
/// folded keeping them, into `marked` by their folded form.
fn mark_word_ends(text: &str, marked: &mut HashMap<String, String, FnvBuild>) {
    for_each_token(&fold_keeping_word_ends(text), |tok| {
        if ends_inside(tok) {
            marked
                .entry(unmark_word_ends(tok).into_owned())
                .or_insert_with(|| tok.to_string());
        }
    });
}

/// The glued forms among a side's distinct `forms` (see [`Chunk`]) that
/// [`split_document`] splits, by number, with the forms of their words
/// (same flag), in the order of the text. `marked` gives tokens folded
/// keeping ة and ى, where they show words ending inside.
fn glued_splits<'a>(
    forms: &[&'a str],
    marked: &HashMap<&'a str, &'a str, FnvBuild>,
    known: &KnownWords,
) -> Vec<(u32, Vec<String>)> {
    let glued: Vec<u32> = (0..forms.len() as u32)
        .filter(|&n| is_glued_candidate(&forms[n as usize][1..]))
        .collect();
    if glued.is_empty() {
        return Vec::new();
    }
    let marked = |tok: &'a str| marked.get(tok).copied().unwrap_or(tok);
    // The words the document writes spaced.
    let document = KnownWords::document(forms.iter().map(|f| marked(&f[1..])));
    let tokens: Vec<&str> = glued
        .iter()
        .map(|&n| marked(&forms[n as usize][1..]))
        .collect();
    glued
        .iter()
        .zip(split_document(&tokens, known, &document))
        .filter_map(|(&n, split)| {
            let flag = &forms[n as usize][..1];
            let words = split?
                .iter()
                .map(|p| format!("{flag}{}", unmark_word_ends(p)))
                .collect();
            Some((n, words))
        })
        .collect()
}

/// The match keys of a folded word; `None` for words that cannot say
/// anything (stop words, one-letter stems, a lone "1").
pub(super) fn analyse_word(
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
pub(super) fn cognate_form(word: &str) -> String {
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
pub(super) fn cognate_key(word: &str) -> Option<String> {
    let key: String = cognate_form(word)
        .chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        .take(4)
        .collect();
    (key.chars().count() >= 3).then_some(key)
}

/// Prepare the sentences of one side: keep the tokens whose keys occur on the other side.
pub(super) fn prepare(side: &Side, other_keys: &KeySet) -> Vec<SentenceInfo> {
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
                } else {
                    info.content += 1;
                    if !keys.is_empty() {
                        info.words.push(keys.iter().copied());
                    }
                }
            }
            info.keyset.sort_unstable();
            info.keyset.dedup();
            info
        })
        .collect()
}
