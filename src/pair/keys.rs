//! The keys by which an Arabic article can meet its English translation:
//! dictionary translations of its words, names by consonant skeleton, and
//! numbers; each article becomes a weighted bag of them.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use crate::document::Document;
use crate::hash::{FnvBuild, FnvHasher};
use crate::language::stem::{arabic_stem, is_stop_word, latin_stem};
use crate::language::translit::skeleton;
use crate::language::{fold, for_each_token, is_arabic, is_letter};
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
/// does ([`find_form_with`]).
#[derive(Debug, Default)]
pub(crate) struct Translations(HashMap<String, Box<[u64]>, FnvBuild>);

impl Translations {
    /// All translations of all `lexicons`.
    pub(crate) fn new(lexicons: &[Lexicon]) -> Self {
        let mut merged: HashMap<String, Vec<u64>, FnvBuild> = HashMap::default();
        for lexicon in lexicons {
            for (form, targets) in lexicon.iter() {
                let keys = merged.entry(form.clone()).or_default();
                keys.extend(targets.iter().map(|t| key(KeyKind::Word, t)));
            }
        }
        Translations(
            merged
                .into_iter()
                .map(|(form, mut keys)| {
                    keys.sort_unstable();
                    keys.dedup();
                    (form, keys.into_boxed_slice())
                })
                .collect(),
        )
    }

    /// Keys of the translations of a folded Arabic word.
    fn of(&self, folded: &str) -> &[u64] {
        find_form_with(folded, |form| self.0.get(form)).map_or(&[], |k| k)
    }
}

/// An article as a bag of keys: each key with its count (a word with n
/// translations gives each 1/n, so that a common word with many glosses
/// does not outweigh a rare one).
pub(crate) type Bag = HashMap<u64, f32, crate::hash::FnvBuild>;

/// The bag of an Arabic article.
pub(crate) fn arabic_bag(doc: &Document, translations: &Translations) -> Bag {
    let mut bag = Bag::default();
    let mut word_keys: Vec<u64> = Vec::new();
    for sentence in &doc.sentences {
        for_each_token(&fold(&sentence.text), |tok| {
            if is_stop_word(tok) {
                return;
            }
            if let Some(n) = number(tok) {
                *bag.entry(n).or_default() += 1.0;
                return;
            }
            let stem = arabic_stem(tok);
            if stem.chars().count() < 2 {
                return;
            }
            let found = translations.of(tok);
            let share = 1.0 / found.len().max(1) as f32;
            for &k in found {
                *bag.entry(k).or_default() += share;
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
                *bag.entry(k).or_default() += 1.0;
            }
        });
    }
    bag
}

/// The bag of an English (or other Latin-script) article.
pub(crate) fn english_bag(doc: &Document) -> Bag {
    let mut bag = Bag::default();
    let mut capitalised: HashSet<String, FnvBuild> = HashSet::default();
    for sentence in &doc.sentences {
        capitalised.clear();
        capitalised.extend(
            sentence
                .text
                .split_whitespace()
                .filter(|w| {
                    w.chars()
                        .find(|&c| is_letter(c))
                        .is_some_and(char::is_uppercase)
                })
                .map(|w| fold(w.trim_matches(|c: char| !is_letter(c) && !c.is_ascii_digit()))),
        );
        for_each_token(&fold(&sentence.text), |tok| {
            if is_stop_word(tok) {
                return;
            }
            if let Some(n) = number(tok) {
                *bag.entry(n).or_default() += 1.0;
                return;
            }
            let stem = latin_stem(tok);
            if stem.chars().count() < 2 {
                return;
            }
            *bag.entry(key(KeyKind::Word, &stem)).or_default() += 1.0;
            if capitalised.contains(tok) {
                if let Some(k) = name_key(tok) {
                    *bag.entry(k).or_default() += 1.0;
                }
            }
        });
    }
    bag
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

    #[test]
    fn a_name_and_a_number_meet_across_scripts() {
        let ar = arabic_bag(
            &doc("ar", "زار ترامب لندن عام 2019"),
            &Translations::default(),
        );
        let en = english_bag(&doc("en", "Trump visited London in 2019"));
        let shared: Vec<KeyKind> = ar
            .keys()
            .filter(|k| en.contains_key(k))
            .map(|&k| kind(k))
            .collect();
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
        let ar = arabic_bag(&doc("ar", "المدرسة"), &Translations::new(&[lex]));
        let en = english_bag(&doc("en", "the schools"));
        assert!(ar
            .keys()
            .any(|k| en.contains_key(k) && kind(*k) == KeyKind::Word));
    }

    #[test]
    fn lowercase_english_words_are_not_names() {
        let en = english_bag(&doc("en", "He will trump them."));
        assert!(en.keys().all(|&k| kind(k) != KeyKind::Name));
    }
}
