//! The keys by which an Arabic article can meet its English translation:
//! dictionary translations of its words, names by consonant skeleton, and
//! numbers; each article becomes a weighted bag of them.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::sync::Arc;

use crate::document::Document;
use crate::hash::{FnvBuild, FnvHasher};
use crate::language::glued::MIN_GLUED_LETTERS;
use crate::language::stem::{arabic_stem, is_stop_word, latin_stem};
use crate::language::translit::skeleton;
use crate::language::{
    capitalised_words, fold, fold_keeping_word_ends, for_each_token, is_arabic, is_letter,
    unmark_word_ends, KnownWords,
};
use crate::lexicon::{find_form_with, Lexicon};

/// What a key stands for; kept in the key's two top bits, so that
/// `--explain` can count shared names, numbers and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    /// A word and its dictionary translation (an English stem).
    Word = 0,
    /// A name, by consonant skeleton.
    Name = 1,
    /// A number, as written in digits.
    Number = 2,
}

/// A key: an FNV-1a hash of the text, its kind in the top two bits.
pub(crate) fn key(kind: KeyKind, text: &str) -> u64 {
    let mut h = FnvHasher::default();
    h.write(text.as_bytes());
    (h.finish() >> 2) | ((kind as u64) << 62)
}

/// The kind of a key made by [`key`].
pub(crate) fn kind(key: u64) -> KeyKind {
    match key >> 62 {
        0 => KeyKind::Word,
        1 => KeyKind::Name,
        _ => KeyKind::Number,
    }
}

/// The English-stem keys of the stored forms of several lexicons, merged:
/// an Arabic word looks them up through its clitic variants as the aligner
/// does ([`find_form_with`]); and the Arabic words of the lexicons, for
/// splitting words run together as the aligner does (see
/// [`crate::language::glued`]).
#[derive(Debug, Default)]
pub(crate) struct Translations {
    keys: HashMap<String, Box<[u64]>, FnvBuild>,
    known: Arc<KnownWords>,
}

impl Translations {
    /// All translations of all `lexicons`, whose Arabic words are `known`
    /// (the aligner's set: built once from the same lexicons).
    pub(crate) fn new(lexicons: &[Lexicon], known: Arc<KnownWords>) -> Self {
        let mut merged: HashMap<String, Vec<u64>, FnvBuild> = HashMap::default();
        for lexicon in lexicons {
            for (form, targets) in lexicon.iter() {
                let keys = merged.entry(form.clone()).or_default();
                keys.extend(targets.iter().map(|t| key(KeyKind::Word, t)));
            }
        }
        Translations {
            keys: merged
                .into_iter()
                .map(|(form, mut keys)| {
                    keys.sort_unstable();
                    keys.dedup();
                    (form, keys.into_boxed_slice())
                })
                .collect(),
            known,
        }
    }

    /// Keys of the translations of a folded Arabic word.
    fn of(&self, folded: &str) -> &[u64] {
        find_form_with(folded, |form| self.keys.get(form)).map_or(&[], |k| k)
    }
}

/// The words of each sentence of an Arabic article, folded, glued tokens
/// split back into their words (see [`crate::language::glued`]): the
/// words the lexicons know and those the article writes spaced.
fn for_each_word(doc: &Document, known: &KnownWords, mut visit: impl FnMut(usize, &str)) {
    use crate::language::glued::{is_glued_candidate, split_document};
    let folded: Vec<String> = doc.sentences.iter().map(|s| fold(&s.text)).collect();
    // Most articles have no glued token: one pass over them.
    let has_glued = folded.iter().any(|s| {
        s.split(|c: char| !is_letter(c))
            .any(|w| w.len() >= 2 * MIN_GLUED_LETTERS && is_glued_candidate(w))
    });
    if !has_glued {
        for (k, sentence) in folded.iter().enumerate() {
            for_each_token(sentence, |tok| visit(k, tok));
        }
        return;
    }
    // The tokens folded keeping ة and ى, which show where words end.
    let mut tokens: Vec<Vec<String>> = vec![Vec::new(); folded.len()];
    for (k, sentence) in doc.sentences.iter().enumerate() {
        for_each_token(&fold_keeping_word_ends(&sentence.text), |tok| {
            tokens[k].push(tok.to_string())
        });
    }
    // Each distinct token once, in the order of the text.
    let mut seen: HashSet<&str, FnvBuild> = HashSet::default();
    let distinct: Vec<&str> = tokens
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|t| seen.insert(t))
        .collect();
    let document = KnownWords::document(distinct.iter().copied());
    let glued: Vec<&str> = distinct
        .into_iter()
        .filter(|t| is_glued_candidate(t))
        .collect();
    let splits: HashMap<&str, Vec<&str>, FnvBuild> = glued
        .iter()
        .zip(split_document(&glued, known, &document))
        .filter_map(|(t, split)| Some((*t, split?)))
        .collect();
    for (k, sentence) in tokens.iter().enumerate() {
        for tok in sentence {
            match splits.get(tok.as_str()) {
                Some(pieces) => pieces.iter().for_each(|p| visit(k, &unmark_word_ends(p))),
                None => visit(k, &unmark_word_ends(tok)),
            }
        }
    }
}

/// An article's keys: each key with its count and the first sentence
/// holding it (a word with n translations gives each 1/n, so that a common
/// word with many glosses does not outweigh a rare one), and each
/// sentence's own keys, for comparing articles sentence by sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleKeys {
    /// (key, count, first sentence), sorted by key.
    pub(crate) counts: Vec<(u64, f32, u16)>,
    /// The keys of each sentence, sorted and without repeats, one sentence
    /// after the other.
    pub(crate) sentence_keys: Vec<u64>,
    /// Where each sentence's keys end in `sentence_keys`.
    pub(crate) sentence_ends: Vec<u32>,
}

/// The keys the other side holds, when known: keys outside it cannot meet
/// anything, and an Arabic word with many dictionary translations would
/// otherwise fill memory with keys no English article holds.
pub(crate) type KeyFilter<'a> = Option<&'a HashSet<u64, FnvBuild>>;

/// Collects an article's keys sentence by sentence.
struct Collector<'a> {
    counts: HashMap<u64, (f32, u16), FnvBuild>,
    sentence: Vec<u64>,
    out: ArticleKeys,
    filter: KeyFilter<'a>,
}

impl<'a> Collector<'a> {
    fn new(filter: KeyFilter<'a>) -> Self {
        Collector {
            counts: HashMap::default(),
            sentence: Vec::new(),
            out: ArticleKeys::default(),
            filter,
        }
    }

    fn add(&mut self, key: u64, weight: f32) {
        if self.filter.is_some_and(|f| !f.contains(&key)) {
            return;
        }
        let index = self.out.sentence_ends.len().min(u16::MAX as usize) as u16;
        self.counts.entry(key).or_insert((0.0, index)).0 += weight;
        self.sentence.push(key);
    }

    fn end_sentence(&mut self) {
        self.sentence.sort_unstable();
        self.sentence.dedup();
        self.out.sentence_keys.append(&mut self.sentence);
        self.out
            .sentence_ends
            .push(self.out.sentence_keys.len() as u32);
    }

    fn finish(mut self) -> ArticleKeys {
        self.out.counts = self
            .counts
            .into_iter()
            .map(|(k, (n, f))| (k, n, f))
            .collect();
        self.out.counts.sort_unstable_by_key(|&(k, _, _)| k);
        self.out.sentence_keys.shrink_to_fit();
        self.out
    }
}

/// The keys of an Arabic article.
pub(crate) fn arabic_keys(
    doc: &Document,
    translations: &Translations,
    filter: KeyFilter,
) -> ArticleKeys {
    let mut c = Collector::new(filter);
    let mut word_keys: Vec<u64> = Vec::new();
    let mut sentence = 0;
    for_each_word(doc, &translations.known, |k, tok| {
        while sentence < k {
            c.end_sentence();
            sentence += 1;
        }
        if is_stop_word(tok) {
            return;
        }
        if let Some(n) = number(tok) {
            c.add(n, 1.0);
            return;
        }
        let stem = arabic_stem(tok);
        if stem.chars().count() < 2 {
            return;
        }
        let found = translations.of(tok);
        let share = 1.0 / found.len().max(1) as f32;
        for &k in found {
            c.add(k, share);
        }
        word_keys.clear();
        if is_arabic(tok.chars().next().unwrap_or(' ')) {
            // Any Arabic word may be a name: the script has no capitals.
            let bare = tok
                .strip_prefix("ال")
                .filter(|r| r.chars().count() >= 3)
                .unwrap_or(tok);
            word_keys.extend([bare, stem.as_str()].into_iter().filter_map(name_key));
        } else {
            // A Latin word inside Arabic text is the same word in English.
            word_keys.push(key(KeyKind::Word, &latin_stem(tok)));
        }
        word_keys.sort_unstable();
        word_keys.dedup();
        for &k in &word_keys {
            c.add(k, 1.0);
        }
    });
    while sentence < doc.sentences.len() {
        c.end_sentence();
        sentence += 1;
    }
    c.finish()
}

/// The keys of an English (or other Latin-script) article.
pub(crate) fn english_keys(doc: &Document, filter: KeyFilter) -> ArticleKeys {
    let mut c = Collector::new(filter);
    let mut capitalised: HashSet<String, FnvBuild> = HashSet::default();
    for sentence in &doc.sentences {
        capitalised.clear();
        capitalised.extend(capitalised_words(&sentence.text));
        for_each_token(&fold(&sentence.text), |tok| {
            if is_stop_word(tok) {
                return;
            }
            if let Some(n) = number(tok) {
                c.add(n, 1.0);
                return;
            }
            let stem = latin_stem(tok);
            if stem.chars().count() < 2 {
                return;
            }
            c.add(key(KeyKind::Word, &stem), 1.0);
            if capitalised.contains(tok) {
                if let Some(k) = name_key(tok) {
                    c.add(k, 1.0);
                }
            }
        });
        c.end_sentence();
    }
    c.finish()
}

/// The key of a number token; a lone `1` is everywhere and says nothing.
fn number(tok: &str) -> Option<u64> {
    if !tok.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    (tok != "1" && tok != "0").then(|| key(KeyKind::Number, tok))
}

/// The name key of a folded word: its consonant skeleton, when it has at
/// least three classes (two match too many unrelated words).
fn name_key(word: &str) -> Option<u64> {
    skeleton(word)
        .filter(|s| s.len() >= 3)
        .map(|s| key(KeyKind::Name, &s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: &str, text: &str) -> Document {
        Document::from_presplit(lang, text)
    }

    /// The translations of one lexicon, its Arabic words known.
    fn translations(lex: Lexicon) -> Translations {
        let known = Arc::new(KnownWords::from_lexicons(std::slice::from_ref(&lex)));
        Translations::new(&[lex], known)
    }

    fn shared(a: &ArticleKeys, b: &ArticleKeys) -> Vec<u64> {
        a.counts
            .iter()
            .map(|c| c.0)
            .filter(|k| b.counts.iter().any(|d| d.0 == *k))
            .collect()
    }

    #[test]
    fn a_name_and_a_number_meet_across_scripts() {
        let ar = arabic_keys(
            &doc("ar", "زار ترامب لندن عام 2019"),
            &Translations::default(),
            None,
        );
        let en = english_keys(&doc("en", "Trump visited London in 2019"), None);
        let shared: Vec<KeyKind> = shared(&ar, &en).into_iter().map(kind).collect();
        assert!(shared.contains(&KeyKind::Number), "{shared:?}");
        assert_eq!(
            shared.iter().filter(|&&k| k == KeyKind::Name).count(),
            2,
            "{shared:?}"
        );
    }

    #[test]
    fn a_dictionary_translation_meets_the_english_word() {
        let mut lex = Lexicon::new();
        lex.add_phrase_pair("مدرسة", "school");
        let ar = arabic_keys(&doc("ar", "المدرسة"), &translations(lex), None);
        let en = english_keys(&doc("en", "the schools"), None);
        assert!(shared(&ar, &en)
            .into_iter()
            .any(|k| kind(k) == KeyKind::Word));
    }

    #[test]
    fn an_article_whose_spaces_were_lost_has_the_keys_of_its_words() {
        let mut lex = Lexicon::new();
        for (a, e) in [("مدرسة", "school"), ("طلاب", "students"), ("مدينة", "city")] {
            lex.add_phrase_pair(a, e);
        }
        let translations = translations(lex);
        // The second sentence, spaced, writes the words the dictionary lacks.
        let second = "وقال المدير إن المدرسة الجديدة افتتحت أبوابها اليوم.";
        let spaced = format!("افتتحت المدرسة الجديدة في المدينة أبوابها للطلاب.\n{second}");
        let glued = format!("افتتحتالمدرسةالجديدةفيالمدينةأبوابهاللطلاب.\n{second}");
        let keys = |text: &str| {
            let k = arabic_keys(&doc("ar", text), &translations, None);
            let first = &k.sentence_keys[..k.sentence_ends[0] as usize];
            let words: Vec<u64> = first
                .iter()
                .copied()
                .filter(|&k| kind(k) == KeyKind::Word)
                .collect();
            (words, k.sentence_ends.len())
        };
        let (spaced_words, sentences) = keys(&spaced);
        assert_eq!(spaced_words.len(), 3, "school, city, students");
        assert_eq!(keys(&glued), (spaced_words, sentences));
    }

    #[test]
    fn lowercase_english_words_are_not_names() {
        let en = english_keys(&doc("en", "He will trump them."), None);
        assert!(en.counts.iter().all(|&(k, _, _)| kind(k) != KeyKind::Name));
    }

    #[test]
    fn each_key_knows_its_first_sentence_and_each_sentence_its_keys() {
        let en = english_keys(
            &doc("en", "Paris burned.\nThen Paris and Rome burned."),
            None,
        );
        let first = |word: &str| {
            let k = key(KeyKind::Word, &latin_stem(word));
            en.counts.iter().find(|c| c.0 == k).map(|c| (c.1, c.2))
        };
        assert_eq!(first("paris"), Some((2.0, 0)));
        assert_eq!(first("rome"), Some((1.0, 1)));
        assert_eq!(en.sentence_ends.len(), 2);
        let second = &en.sentence_keys[en.sentence_ends[0] as usize..];
        assert!(second.windows(2).all(|w| w[0] < w[1]));
        assert!(second.contains(&key(KeyKind::Word, &latin_stem("rome"))));
    }

    #[test]
    fn keys_the_other_side_lacks_are_left_out() {
        let mut lex = Lexicon::new();
        lex.add_phrase_pair("مدرسة", "school");
        lex.add_phrase_pair("مدرسة", "academy");
        let en = english_keys(&doc("en", "the schools"), None);
        let other: HashSet<u64, FnvBuild> = en.counts.iter().map(|c| c.0).collect();
        let ar = arabic_keys(&doc("ar", "المدرسة"), &translations(lex), Some(&other));
        assert_eq!(ar.counts.len(), 1, "{ar:?}");
        assert_eq!(ar.counts[0].0, key(KeyKind::Word, &latin_stem("school")));
        assert_eq!(ar.sentence_keys, vec![ar.counts[0].0]);
    }
}
