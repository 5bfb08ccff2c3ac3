//! Arabic words run together: text copied from a PDF or some web pages
//! loses the spaces between words (`طلابجامعةهارفارد`), and a sentence of
//! such text is one long unknown token. [`split_glued`] splits a token that
//! is clearly too long to be one word back into known words, by dynamic
//! programming: the fewest pieces, each a known word, where a piece may
//! carry the usual proclitics (و ف ب ل ك س, the article ال) and suffixes,
//! as dictionary look-ups allow (see
//! [`lookup_forms`](crate::lexicon::lookup_forms)). Taa marbuta (ة) and
//! alef maqsura (ى) only end words: in a token folded with them kept
//! ([`fold_keeping_word_ends`](crate::language::fold_keeping_word_ends)),
//! a word ends after each.
//!
//! The words known are the Arabic forms of the dictionaries loaded
//! ([`KnownWords::from_lexicons`]: both sides of each, so that a split does
//! not depend on which side of an alignment is the source), Arabic function
//! words, and the words the same document writes with spaces around them
//! ([`KnownWords::document`]), which come first. The aligner's word analysis and the pairer's
//! article keys both split through [`split_document`].

use std::collections::HashSet;

use crate::hash::fnv1a;
use crate::language::stem::{for_each_arabic_candidate, AR_LOOKUP_PREFIXES, AR_STOP, AR_SUFFIXES};
use crate::language::unmark_word_ends;
use crate::lexicon::Lexicon;

/// Fewest letters of a token that is tried: Arabic words with their
/// clitics reach about twelve (`والمستشفيات`; a longer one, as
/// `بالاستراتيجية`, stays whole when a dictionary knows it), and in news
/// text a token of 13 letters or more is nearly always words run together.
pub const MIN_GLUED_LETTERS: usize = 13;

/// Most letters of a token that is tried: a sentence of some fifty words.
/// A longer run is left alone (the dynamic program's cost grows with it).
pub const MAX_GLUED_LETTERS: usize = 320;

/// Most letters of one piece: a word with its clitics.
pub const MAX_PIECE_LETTERS: usize = 15;

/// Fewest letters of one piece (`في`, `من`): a one-letter proclitic is
/// part of the word it comes before.
pub const MIN_PIECE_LETTERS: usize = 2;

/// Most letters tried in one document, all tokens together: some fifty
/// pages of text whose spaces are all lost. The tokens after are
/// left alone, so that the work on any input stays bounded.
pub const MAX_GLUED_LETTERS_PER_DOCUMENT: usize = 100_000;

/// Arabic forms known to be words (folded, as dictionaries store them),
/// as hashes.
#[derive(Clone, Default)]
pub struct KnownWords(HashSet<u64, IdentityBuild>);

impl std::fmt::Debug for KnownWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KnownWords({} forms)", self.0.len())
    }
}

impl KnownWords {
    /// No word known.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Arabic forms of `lexicons`, on either side of each (a lexicon
    /// may translate English into Arabic).
    pub fn from_lexicons(lexicons: &[Lexicon]) -> Self {
        let mut known = Self::new();
        for lexicon in lexicons {
            for (src, tgts) in lexicon.iter() {
                known.insert_form(src);
                for t in tgts {
                    known.insert_form(t);
                }
            }
        }
        known
    }

    /// The words a document writes spaced: its folded Arabic tokens
    /// shorter than [`MIN_GLUED_LETTERS`], as written and without the
    /// clitic groups they start with (`والطلاب`: `طلاب`), but those whose ة
    /// or ى shows two words run together (when the tokens were folded with
    /// them kept: see [`split_glued`]).
    pub fn document<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Self {
        let mut known = Self::new();
        for tok in tokens {
            let letters = tok.chars().count();
            if (MIN_PIECE_LETTERS..MIN_GLUED_LETTERS).contains(&letters)
                && is_arabic_word(tok)
                && !ends_inside(tok)
            {
                let tok = unmark_word_ends(tok);
                // The word as written, and the word less each clitic group
                // it starts with, when three letters are left (two, as `هم`
                // of `لهم`, fit too much). A piece of a glued token is
                // looked up with its own clitics and suffixes taken off.
                known.insert_form(&tok);
                if tok.starts_with(['و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا']) {
                    for p in AR_LOOKUP_PREFIXES {
                        if let Some(rest) = tok.strip_prefix(p) {
                            if rest.len() >= 6 {
                                known.insert_form(rest);
                            }
                        }
                    }
                }
            }
        }
        known
    }

    /// Add a stored form as it is; forms not in Arabic script are left out.
    pub fn insert_form(&mut self, form: &str) {
        if form.chars().next().is_some_and(super::is_arabic) {
            self.0.insert(fnv1a(form.as_bytes()));
        }
    }

    /// Is this stored form known?
    pub fn contains_form(&self, form: &str) -> bool {
        self.0.contains(&fnv1a(form.as_bytes()))
    }

    /// Number of forms known.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no form is known.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Is a folded token made of Arabic letters only (no digit, mark or Latin letter)?
fn is_arabic_word(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Does a word end inside the token: has it a ة or ى before its last letter?
pub fn ends_inside(tok: &str) -> bool {
    tok.char_indices()
        .any(|(k, c)| matches!(c, 'ة' | 'ى') && k + c.len_utf8() < tok.len())
}

/// Is a folded token one [`split_glued`] tries: Arabic letters only, from
/// [`MIN_GLUED_LETTERS`] to [`MAX_GLUED_LETTERS`] of them.
pub fn is_glued_candidate(tok: &str) -> bool {
    // Arabic letters take two bytes: a cheap test first.
    tok.len() >= 2 * MIN_GLUED_LETTERS && tok.len() <= 2 * MAX_GLUED_LETTERS && is_arabic_word(tok)
}

/// The words of a folded Arabic token whose spaces were lost, in order
/// (they concatenate to `token`): the fewest pieces, each a known word
/// (see [`known_piece`]) of [`MIN_PIECE_LETTERS`] to [`MAX_PIECE_LETTERS`]
/// letters. Among splits of as many pieces, the one with the fewest pieces
/// known only to the dictionaries (a word the document itself writes
/// spaced is the likelier reading: `من النوم`, not the name `منال` and
/// `نوم`), then the one with the most pieces known as written, the article
/// aside (`العام الماضي`, not `العاما لماضي`); then the one whose last
/// pieces are longest.
///
/// When `token` was folded keeping ة and ى (see
/// [`fold_keeping_word_ends`](crate::language::fold_keeping_word_ends)),
/// a piece ends after each (`الحكومةان` is `الحكومة ان`, not the dual of
/// `الحكومه`); the pieces keep them (see
/// [`unmark_word_ends`](crate::language::unmark_word_ends)).
///
/// `None` when the token is not a candidate (see [`is_glued_candidate`]),
/// is itself a known word, or has no full split. The work is at most
/// [`MAX_GLUED_LETTERS`] × [`MAX_PIECE_LETTERS`] look-ups.
pub fn split_glued<'a>(
    token: &'a str,
    lexicon: &KnownWords,
    document: &KnownWords,
) -> Option<Vec<&'a str>> {
    if !is_glued_candidate(token) {
        return None;
    }
    // `plain` has the letters of `token` at the same offsets (ة and ه, ى
    // and ي, take two bytes each).
    let plain = unmark_word_ends(token);
    if !ends_inside(token) && known_piece(&plain, lexicon, document).is_some() {
        return None;
    }
    let (mut bounds, letters): (Vec<usize>, Vec<char>) = token.char_indices().unzip();
    let n = letters.len();
    bounds.push(token.len());
    let mut stretches = Stretches::new(&plain, lexicon, document);
    // The last letter a piece starting at each letter may hold: the first
    // ة or ى from there on.
    let mut last = vec![n - 1; n];
    for k in (0..n).rev() {
        if matches!(letters[k], 'ة' | 'ى') {
            last[k] = k;
        } else if k + 1 < n {
            last[k] = last[k + 1];
        }
    }
    // best[i]: the cost of the best split of the first i letters (pieces,
    // pieces known only to the dictionaries, pieces not known as written),
    // and where its last piece starts.
    type Cost = (usize, usize, usize);
    let mut best: Vec<Option<(Cost, usize)>> = vec![None; n + 1];
    best[0] = Some(((0, 0, 0), 0));
    for i in 0..n {
        let Some(((pieces, dictionary_only, inflected), _)) = best[i] else {
            continue;
        };
        let longest = MAX_PIECE_LETTERS.min(last[i] + 1 - i);
        for len in MIN_PIECE_LETTERS..=longest {
            let j = i + len;
            let Some(known) = stretches.known(i, j) else {
                continue;
            };
            let cost = (
                pieces + 1,
                dictionary_only + usize::from(!known.spaced),
                inflected + usize::from(!known.as_written),
            );
            if best[j].is_none_or(|(c, _)| cost < c) {
                best[j] = Some((cost, i));
            }
        }
    }
    let mut pieces = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i) = best[j]?;
        pieces.push(&token[bounds[i]..bounds[j]]);
        j = i;
    }
    pieces.reverse();
    (pieces.len() > 1).then_some(pieces)
}

/// How a piece of a glued token is known (see [`known_piece`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// A function word, or a word the document writes spaced; else only
    /// the dictionaries know it.
    pub spaced: bool,
    /// Known as written, without a clitic or ending taken off (but the
    /// article, which dictionaries leave out of their headwords).
    pub as_written: bool,
}

/// Whether a piece of a glued token is a known word, and how: one of its
/// look-up forms (see [`lookup_forms`](crate::lexicon::lookup_forms)), or
/// those of the piece without the ت of a verb's past (`قالت`), is known.
/// A form a function word or the document knows (see
/// [`KnownWords::document`]) is preferred to one only the dictionaries
/// (`lexicon`) know. A clitic alone (`ال`, `وب`) is no word, and a form of
/// two letters is one only when it is a function word (`في`, `من`) or the
/// document writes it: dictionaries list many two-letter forms, and with
/// them nearly any run of letters splits.
pub fn known_piece(piece: &str, lexicon: &KnownWords, document: &KnownWords) -> Option<Known> {
    // The longest clitic has four letters; Arabic letters take two bytes.
    if piece.len() <= 8 && AR_LOOKUP_PREFIXES.contains(&piece) {
        return None;
    }
    // A form the document knows ends the search; the first one only the
    // dictionaries know is noted, and the search goes on. Each form is
    // hashed once for the three sets (this runs for every stretch a split
    // tries).
    let function_words = function_words();
    let mut found = None;
    let look = |form: &str, found: &mut Option<Known>| {
        let hash = fnv1a(form.as_bytes());
        let as_written = form.len() == piece.len() || piece.strip_prefix("ال") == Some(form);
        if function_words.0.contains(&hash) || document.0.contains(&hash) {
            *found = Some(Known {
                spaced: true,
                as_written,
            });
            return true;
        }
        // Three letters or more (see above).
        let long = form.len() >= 6;
        if found.is_none() && long && lexicon.0.contains(&hash) {
            *found = Some(Known {
                spaced: false,
                as_written,
            });
        }
        false
    };
    if !for_each_arabic_candidate(piece, |form| look(form, &mut found)) && found.is_none() {
        if let Some(stem) = piece
            .strip_suffix('ت')
            .filter(|stem| stem.chars().nth(2).is_some())
        {
            for_each_arabic_candidate(stem, |form| look(form, &mut found));
        }
    }
    found
}

/// The Arabic function words (`في`, `من`, `التي`), as [`KnownWords`].
fn function_words() -> &'static KnownWords {
    static WORDS: std::sync::OnceLock<KnownWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut known = KnownWords::new();
        for word in AR_STOP {
            known.insert_form(word);
        }
        known
    })
}

/// [`known_piece`] for every piece of one token at once: the forms a
/// piece is looked up under are stretches of the token (a clitic off the
/// front, a suffix off the back), or such a stretch with the ت before the
/// suffix read as ة; each stretch is looked up once, when a piece first
/// needs it, and a piece's forms are read off a table instead of being
/// built and hashed piece by piece.
struct Stretches<'k> {
    /// The token's letters, folded as dictionaries store words.
    letters: Vec<char>,
    /// For a stretch of `len` letters from `start`, at `start * WIDTH +
    /// len`: what knows it ([`SPACED`], [`LEXICON`]), and what knows it with
    /// its last letter, a ت, read as ة (the same, shifted by two);
    /// [`UNSEEN`] until looked up.
    flags: Vec<u8>,
    /// The lengths of the clitics the token has at each letter (0 ends).
    clitics: Vec<[u8; 4]>,
    /// The lengths of the suffixes the token has ending before each letter
    /// (0 ends).
    suffixes: Vec<[u8; 4]>,
    lexicon: &'k KnownWords,
    document: &'k KnownWords,
}

/// Flags of [`Stretches`]: known to the document or a function word; known
/// to the dictionaries (three letters or more); not looked up yet.
const SPACED: u8 = 1;
const LEXICON: u8 = 2;
const UNSEEN: u8 = 0x80;
/// Stretch lengths a row of [`Stretches::flags`] holds: 0 to the longest piece.
const WIDTH: usize = MAX_PIECE_LETTERS + 1;

/// Affixes as letters.
type Letters = Vec<Vec<char>>;

/// The letters of the clitics and of the suffixes dictionary look-ups take
/// off (see [`for_each_arabic_candidate`]).
fn affixes() -> &'static (Letters, Letters) {
    static AFFIXES: std::sync::OnceLock<(Letters, Letters)> = std::sync::OnceLock::new();
    AFFIXES.get_or_init(|| {
        let chars = |list: &[&str]| list.iter().map(|w| w.chars().collect()).collect();
        (chars(AR_LOOKUP_PREFIXES), chars(AR_SUFFIXES))
    })
}

impl<'k> Stretches<'k> {
    fn new(plain: &str, lexicon: &'k KnownWords, document: &'k KnownWords) -> Self {
        let letters: Vec<char> = plain.chars().collect();
        let n = letters.len();
        let (prefixes, endings) = affixes();
        // At most four clitics start at a letter (`و`, `ول`, `ولل`,
        // `وللل`), and fewer suffixes end at one.
        let lengths = |matching: &mut dyn Iterator<Item = usize>| {
            let mut out = [0u8; 4];
            for (slot, len) in out.iter_mut().zip(matching) {
                *slot = len as u8;
            }
            out
        };
        let clitics = (0..n)
            .map(|a| {
                lengths(
                    &mut prefixes
                        .iter()
                        .filter(|p| letters[a..].starts_with(p))
                        .map(Vec::len),
                )
            })
            .collect();
        let suffixes = (0..=n)
            .map(|b| {
                lengths(
                    &mut endings
                        .iter()
                        .filter(|s| letters[..b].ends_with(s))
                        .map(Vec::len),
                )
            })
            .collect();
        Stretches {
            letters,
            flags: vec![UNSEEN; n * WIDTH],
            clitics,
            suffixes,
            lexicon,
            document,
        }
    }

    /// The flags of the stretch `a..b` (two letters at least).
    fn at(&mut self, a: usize, b: usize) -> u8 {
        let slot = a * WIDTH + (b - a);
        if self.flags[slot] == UNSEEN {
            let classify = |hash: u64, len: usize| {
                let mut f = 0;
                if function_words().0.contains(&hash) || self.document.0.contains(&hash) {
                    f |= SPACED;
                }
                if len >= 3 && self.lexicon.0.contains(&hash) {
                    f |= LEXICON;
                }
                f
            };
            let mut buf = [0u8; 4];
            let mut hash = crate::hash::OFFSET;
            for &c in &self.letters[a..b - 1] {
                hash = crate::hash::fnv1a_from(hash, c.encode_utf8(&mut buf).as_bytes());
            }
            let last = self.letters[b - 1];
            let full = crate::hash::fnv1a_from(hash, last.encode_utf8(&mut buf).as_bytes());
            let mut f = classify(full, b - a);
            if last == 'ت' {
                let taa = crate::hash::fnv1a_from(hash, 'ه'.encode_utf8(&mut buf).as_bytes());
                f |= classify(taa, b - a) << 2;
            }
            self.flags[slot] = f;
        }
        self.flags[slot]
    }

    /// [`known_piece`] of the letters `i..j`.
    fn known(&mut self, i: usize, j: usize) -> Option<Known> {
        let piece = &self.letters[i..j];
        if piece.len() <= 4
            && AR_LOOKUP_PREFIXES
                .iter()
                .any(|p| p.chars().eq(piece.iter().copied()))
        {
            return None;
        }
        let article = piece.starts_with(&['ا', 'ل']) && j - i >= 4;
        if let Some(f) = self.known_forms(i, j) {
            let what = if f & SPACED != 0 { SPACED } else { LEXICON };
            let as_written =
                self.at(i, j) & what != 0 || (article && self.at(i + 2, j) & what != 0);
            return Some(Known {
                spaced: what == SPACED,
                as_written,
            });
        }
        // A verb's past: `قالت` is `قال`.
        if self.letters[j - 1] == 'ت' && j - 1 - i >= 3 {
            return self.known_forms(i, j - 1).map(|f| Known {
                spaced: f & SPACED != 0,
                as_written: false,
            });
        }
        None
    }

    /// What knows the look-up forms of the letters `i..j` (see
    /// [`for_each_arabic_candidate`]), or'ed: the piece and the piece less
    /// a clitic, each less a suffix or not, with ت before the suffix read
    /// as ة or not; every form two letters at least.
    fn known_forms(&mut self, i: usize, j: usize) -> Option<u8> {
        let mut all = 0;
        let clitics = self.clitics[i];
        let suffixes = self.suffixes[j];
        let starts = std::iter::once(0)
            .chain(clitics.into_iter().take_while(|&p| p > 0))
            .map(|p| i + p as usize)
            .filter(|&a| a + 2 <= j);
        for a in starts {
            // The form itself, without its reading with ة.
            all |= self.at(a, j) & (SPACED | LEXICON);
            for s in suffixes.into_iter().take_while(|&s| s > 0) {
                let b = j - s as usize;
                if b >= a + 2 {
                    let f = self.at(a, b);
                    all |= (f | f >> 2) & (SPACED | LEXICON);
                }
            }
        }
        (all != 0).then_some(all)
    }
}

/// The splits of a document's distinct glued tokens (see [`split_glued`]:
/// folded, with ة and ى kept where known), one for each of `tokens` in
/// order: the known words are the dictionaries' (`lexicon`) and those the
/// document writes spaced (`document`, see [`KnownWords::document`]). Tokens past [`MAX_GLUED_LETTERS_PER_DOCUMENT`]
/// letters, counted in the order given, are not tried: from the first that
/// would go past it on.
pub fn split_document<'a>(
    tokens: &[&'a str],
    lexicon: &KnownWords,
    document: &KnownWords,
) -> Vec<Option<Vec<&'a str>>> {
    use rayon::prelude::*;
    let mut budget = MAX_GLUED_LETTERS_PER_DOCUMENT;
    let tried: Vec<bool> = tokens
        .iter()
        .map(|t| {
            if !is_glued_candidate(t) {
                return false;
            }
            let letters = t.len() / 2;
            let fits = letters <= budget;
            budget = if fits { budget - letters } else { 0 };
            fits
        })
        .collect();
    tokens
        .par_iter()
        .zip(tried)
        .with_min_len(8)
        .map(|(t, tried)| {
            if !tried {
                return None;
            }
            split_glued(t, lexicon, document)
        })
        .collect()
}

/// Hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::hash::fnv1a_from(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E3779B97F4A7C15);
    }
}

type IdentityBuild = std::hash::BuildHasherDefault<IdentityHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::{fold, fold_keeping_word_ends};

    /// Known words from a made-up dictionary of Arabic-English pairs.
    fn lexicon(words: &[&str]) -> KnownWords {
        let mut lex = Lexicon::new();
        for w in words {
            lex.add_phrase_pair(w, "x");
        }
        KnownWords::from_lexicons(&[lex])
    }

    /// The words of a text that loses its spaces, folded keeping ة and ى.
    fn glue(text: &str) -> String {
        fold_keeping_word_ends(text).split_whitespace().collect()
    }

    /// The folded words `split_glued` finds in `text` run together.
    fn split(text: &str, lexicon: &KnownWords, document: &KnownWords) -> Option<Vec<String>> {
        let token = glue(text);
        let pieces = split_glued(&token, lexicon, document)?;
        Some(
            pieces
                .iter()
                .map(|p| unmark_word_ends(p).into_owned())
                .collect(),
        )
    }

    fn words(text: &str) -> Option<Vec<String>> {
        Some(fold(text).split_whitespace().map(String::from).collect())
    }

    #[test]
    fn a_sentence_run_together_splits_into_its_words() {
        let lex = lexicon(&["وزير", "خارجية", "زار", "عاصمة", "أمس", "مدرسة", "جامعة"]);
        let none = KnownWords::new();
        // Clitics and the article stay on their words; function words are known.
        for text in [
            "زار وزير الخارجية العاصمة أمس",
            "في المدرسة والجامعة وبالعاصمة",
            // The ت of a verb's past: `قالت` is `قال`.
            "قالت الوزيرة للطلاب",
        ] {
            let lex = if text.starts_with("قالت") {
                lexicon(&["قال", "وزيرة", "طلاب"])
            } else {
                lex.clone()
            };
            assert_eq!(split(text, &lex, &none), words(text), "{text}");
        }
    }

    #[test]
    fn tokens_that_are_words_or_short_or_unknown_stay_whole() {
        let lex = lexicon(&["استراتيجيات", "وزير", "زار"]);
        let none = KnownWords::new();
        // A long word with its clitics is a word (14 letters).
        assert_eq!(split_glued(&fold("والاستراتيجيات"), &lex, &none), None);
        // Under the length tried: `زاروزير` is left alone.
        assert_eq!(split("زار وزير", &lex, &none), None);
        // One unknown word leaves the whole token as it is.
        assert_eq!(split("زار وزير الخارجية العاصمة", &lex, &none), None);
        // Not Arabic letters only.
        assert_eq!(split_glued("زاروزيرالخارجيهx", &lex, &none), None);
        // Too long to try.
        let long = "زاروزير".repeat(MAX_GLUED_LETTERS / 7 + 1);
        let lex = lexicon(&["زار", "وزير"]);
        assert!(split_glued(&"زاروزير".repeat(3), &lex, &none).is_some());
        assert_eq!(split_glued(&long, &lex, &none), None);
    }

    #[test]
    fn taa_marbuta_and_alef_maqsura_end_words() {
        // Folded, `الحكومةان` could be the dual of `الحكومه`; ة says a word
        // ends there. The same for ى: `علىالمدرسة`.
        let lex = lexicon(&["حكومة", "قال", "مدرسة", "جديد"]);
        let none = KnownWords::new();
        let text = "قالت الحكومة ان المدرسة الجديدة على";
        assert_eq!(split(text, &lex, &none), words(text));
        let plain = fold(text).split_whitespace().collect::<String>();
        let pieces = split_glued(&plain, &lex, &none).unwrap();
        assert!(pieces.contains(&"الحكومهان"), "{pieces:?}");
        // A document's token with a word ending inside is no word of it.
        let document = KnownWords::document(["جامعةهارفارد", "المدرسة"]);
        assert!(!document.contains_form(&fold("جامعةهارفارد")));
        assert!(document.contains_form(&fold("مدرسة")));
    }

    #[test]
    fn the_document_s_own_words_come_first() {
        // `منال` (a name) and `نوم` are in the dictionary; the document
        // writes `النوم` spaced: `من النوم`, not `منال نوم`.
        let lex = lexicon(&["منال", "نوم", "ليل"]);
        let text = "من النوم في الليل";
        let document = KnownWords::document(["النوم", "قليل"]);
        assert_eq!(split(text, &lex, &document), words(text));
        // The document's words alone are enough.
        let text = "سافرت المهندسة الشابة إلى الصحراء";
        let document = KnownWords::document(fold(text).split_whitespace().collect::<Vec<_>>());
        assert_eq!(split(text, &KnownWords::new(), &document), words(text));
    }

    #[test]
    fn two_letter_dictionary_forms_and_lone_clitics_are_no_words() {
        // With `بت` and `تق` as words, `استقبلت` splits into nonsense.
        let lex = lexicon(&["اس", "تق", "بلت", "بت", "وزير", "ال"]);
        let none = KnownWords::new();
        assert_eq!(split("استقبلت الوزير", &lex, &none), None);
        assert_eq!(known_piece("ال", &lex, &none), None);
        assert_eq!(known_piece("بت", &lex, &none), None);
        // A function word of two letters is one.
        assert!(known_piece("في", &lex, &none).is_some());
    }

    #[test]
    fn a_lexicon_either_way_round_knows_the_same_words() {
        let mut ar_en = Lexicon::new();
        ar_en.add_phrase_pair("مستشفى", "hospital");
        ar_en.add_phrase_pair("مريض", "patient");
        let from = |lex: &Lexicon| {
            let known = KnownWords::from_lexicons(std::slice::from_ref(lex));
            ["مستشفي", "مريض", "hospital"].map(|w| known.contains_form(w))
        };
        assert_eq!(from(&ar_en), [true, true, false]);
        assert_eq!(from(&ar_en.reversed()), from(&ar_en));
    }

    #[test]
    fn a_document_is_split_within_a_budget() {
        let lex = lexicon(&["زار", "وزير"]);
        let token = "زاروزير".repeat(40);
        let many = vec![token.as_str(); MAX_GLUED_LETTERS_PER_DOCUMENT / 280 + 2];
        let splits = split_document(&many, &lex, &KnownWords::new());
        let tried = splits.iter().filter(|s| s.is_some()).count();
        assert_eq!(tried, MAX_GLUED_LETTERS_PER_DOCUMENT / 280);
        assert!(splits[tried..].iter().all(Option::is_none));
    }

    #[test]
    fn pieces_are_the_token_cut_up_and_nothing_panics() {
        use proptest::prelude::*;
        let lex = lexicon(&["وزير", "زار", "عاصمة", "مدرسة", "كتب", "بيت", "سلام"]);
        let document = KnownWords::document(["الطلاب", "بيوت", "يكتب"]);
        // Known words with and without clitics, function words, stray
        // letters, marks and other scripts, run together.
        let parts = prop_oneof![
            12 => prop::sample::select(vec![
                "وزير", "والوزير", "زار", "العاصمة", "بالمدرسة", "كتب", "بيت", "سلام", "الطلاب",
                "في", "من", "مدرستها", "وعاصمتهم", "قالت", "بيوتهم",
            ]),
            2 => prop::sample::select(vec!["ال", "و", "ت", "ة", "ى", "ز", "ر", "بت"]),
            1 => prop::sample::select(vec!["x", "1", "\u{064E}", "ـ", " "]),
        ];
        let split_some = std::cell::Cell::new(0);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(3000));
        runner
            .run(&prop::collection::vec(parts, 0..60), |parts| {
                let text: String = parts.concat();
                for token in [text.clone(), fold(&text), fold_keeping_word_ends(&text)] {
                    if let Some(pieces) = split_glued(&token, &lex, &document) {
                        split_some.set(split_some.get() + 1);
                        prop_assert!(pieces.len() > 1);
                        prop_assert_eq!(pieces.concat(), token.clone());
                        for p in &pieces {
                            let n = p.chars().count();
                            prop_assert!((MIN_PIECE_LETTERS..=MAX_PIECE_LETTERS).contains(&n));
                            prop_assert!(!ends_inside(p), "{}", p);
                            let word = unmark_word_ends(p);
                            prop_assert!(known_piece(&word, &lex, &document).is_some());
                        }
                    }
                }
                let _ = split_document(&[text.as_str()], &lex, &document);
                // The tables answer as the piece-by-piece look-up does.
                let plain = fold(&text);
                if is_arabic_word(&plain) {
                    let mut stretches = Stretches::new(&plain, &lex, &document);
                    let bounds: Vec<usize> = plain
                        .char_indices()
                        .map(|(k, _)| k)
                        .chain([plain.len()])
                        .collect();
                    let n = bounds.len() - 1;
                    for i in 0..n {
                        for j in i + MIN_PIECE_LETTERS..=n.min(i + MAX_PIECE_LETTERS) {
                            let piece = &plain[bounds[i]..bounds[j]];
                            let table = stretches.known(i, j);
                            let one = known_piece(piece, &lex, &document);
                            prop_assert_eq!(
                                table.map(|k| k.spaced),
                                one.map(|k| k.spaced),
                                "{}",
                                piece
                            );
                        }
                    }
                }
                Ok(())
            })
            .unwrap();
        assert!(split_some.get() > 100, "{} splits", split_some.get());
    }
}
