//! Bilingual word lists: the embedded default, FreeDict dictd files, hunalign `.dic` files.
//!
//! A [`Lexicon`] maps a source-language stem to the target-language stems it
//! may translate to. Entries are stemmed on loading with the same stemmers as
//! the text (`language::stem`), so a lookup is one hash probe. Multi-word
//! entries are kept when each side has at most two content words (every
//! content word of one side is paired with every one of the other); longer
//! glosses ("a device that ...") add noise and are skipped.

pub mod cache;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::hash::FnvBuild;
use crate::input::text::{read_capped, read_input, ReadLimits};
use crate::language::glued::{
    is_glued_candidate, MAX_GLUED_LETTERS_PER_DOCUMENT, MAX_PIECE_LETTERS,
};
use crate::language::stem::{
    arabic_candidates, arabic_dictionary_form, for_each_arabic_candidate, is_stop_word, latin_stem,
};
use crate::language::{fold, for_each_token, KnownWords};
use crate::language::{is_arabic, language_code};
use crate::lexicon::cache::{DictCache, Encoded, EncodedWriter};

/// The embedded Arabic-English word list (hunalign format, written for jisr).
pub const DEFAULT_DIC: &str = include_str!("default.dic");

/// Largest dictionary file read, in bytes, and for a compressed `.dict.dz`
/// its size once decompressed. FreeDict's largest dictionaries hold a few
/// tens of megabytes of text; a gzip bomb (a few megabytes that inflate to
/// gigabytes) is refused at this size.
pub const MAX_DICT_SIZE: u64 = 256 << 20;

/// What [`Error::TooLarge`] says [`MAX_DICT_SIZE`] is for.
const DICT_LIMIT: &str = "a dictionary";
/// The same, for the decompressed data of a `.dict.dz`.
const DICT_LIMIT_DECOMPRESSED: &str = "a dictionary (decompressed)";

/// Where Debian installs FreeDict dictionaries.
pub const SYSTEM_DICT_DIR: &str = "/usr/share/dictd";

/// The stored forms (see [`stored_form`]) under which the words of some
/// texts may be listed: every clitic variant of an Arabic word, the stem of a
/// Latin-script word.
///
/// A long Arabic token whose words ran together (see
/// [`crate::language::glued`]) also brings the forms of every stretch of
/// it that could be one of its words, so that the entries of those words
/// are loaded and the token can be split into them.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    forms: std::collections::HashSet<String, FnvBuild>,
    /// Hashes of the forms of the stretches of glued tokens.
    glued: KnownWords,
}

impl Vocabulary {
    /// The vocabulary of `texts`.
    pub fn from_texts(texts: &[&str]) -> Self {
        use rayon::prelude::*;
        // Distinct words of pieces of the texts, on all cores: a long text
        // repeats its words many times. A few pieces a core, so that the
        // pieces' sets, merged on one core, repeat little.
        let total: usize = texts.iter().map(|t| t.len()).sum();
        let piece = (total / (4 * rayon::current_num_threads())).max(1 << 16);
        let mut pieces: Vec<&str> = Vec::new();
        for text in texts {
            let mut rest = *text;
            while rest.len() > piece {
                let mut cut = piece;
                while !rest.is_char_boundary(cut) {
                    cut += 1;
                }
                // Cut after whitespace so that no word is split.
                let end = rest[cut..]
                    .find(char::is_whitespace)
                    .map_or(rest.len(), |k| cut + k);
                pieces.push(&rest[..end]);
                rest = &rest[end..];
            }
            pieces.push(rest);
        }
        // Folding works character by character and keeps whitespace, so the
        // words of the folded text are those of its folded distinct
        // whitespace-separated tokens: fold each of those once.
        let raw: Vec<std::collections::HashSet<&str, FnvBuild>> = pieces
            .par_iter()
            .map(|p| p.split_whitespace().collect())
            .collect();
        let mut raw_distinct: std::collections::HashSet<&str, FnvBuild> = Default::default();
        for set in &raw {
            raw_distinct.extend(set);
        }
        let raw_distinct: Vec<&str> = raw_distinct.into_iter().collect();
        let folded: Vec<String> = raw_distinct
            .par_chunks(1024)
            .map(|chunk| {
                let mut out = String::new();
                for t in chunk {
                    out.push_str(&fold(t));
                    out.push(' ');
                }
                out
            })
            .collect();
        let mut distinct: std::collections::HashSet<&str, FnvBuild> = Default::default();
        for f in &folded {
            distinct.extend(
                f.split(|c: char| !crate::language::is_letter(c))
                    .filter(|w| !w.is_empty()),
            );
        }
        let distinct: Vec<&str> = distinct.into_iter().collect();
        let glued = glued_stretches(&distinct);
        let forms: Vec<Vec<String>> = distinct
            .par_chunks(1024)
            .map(|chunk| {
                let mut forms = Vec::new();
                for w in chunk {
                    for_each_lookup_form(w, |form| {
                        forms.push(form.to_string());
                        false
                    });
                }
                forms
            })
            .collect();
        Vocabulary {
            forms: forms.into_iter().flatten().collect(),
            glued,
        }
    }

    /// Is this stored form in the vocabulary?
    pub fn contains(&self, form: &str) -> bool {
        self.forms.contains(form) || (!self.glued.is_empty() && self.glued.contains_form(form))
    }
}

/// The forms under which a word inside the glued tokens among `words` (see
/// [`is_glued_candidate`]) may be listed, as [`KnownWords`]: the look-up
/// forms of every stretch of up to [`MAX_PIECE_LETTERS`] letters, those of
/// three letters or more (shorter ones are not looked up in dictionaries:
/// see [`known_piece`](crate::language::glued::known_piece)). A look-up
/// form of a stretch is itself a stretch, but for a taa marbuta restored
/// before a suffix (`مدرستها`: `مدرسه`), so these are every stretch of
/// three to [`MAX_PIECE_LETTERS`] letters, and those ending in ت with ه
/// for it. The tokens are taken in sorted order up to
/// [`MAX_GLUED_LETTERS_PER_DOCUMENT`] letters, so that the same texts give
/// the same forms in any order.
fn glued_stretches(words: &[&str]) -> KnownWords {
    let mut glued: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| is_glued_candidate(w))
        .collect();
    let mut known = KnownWords::new();
    if glued.is_empty() {
        return known;
    }
    glued.sort_unstable();
    let mut budget = MAX_GLUED_LETTERS_PER_DOCUMENT;
    let mut restored = String::new();
    for word in glued {
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(k, _)| k)
            .chain(std::iter::once(word.len()))
            .collect();
        let n = bounds.len() - 1;
        if n > budget {
            break;
        }
        budget -= n;
        for i in 0..n {
            for len in 3..=MAX_PIECE_LETTERS.min(n - i) {
                let stretch = &word[bounds[i]..bounds[i + len]];
                known.insert_form(stretch);
                if let Some(stem) = stretch.strip_suffix('ت') {
                    restored.clear();
                    restored.push_str(stem);
                    restored.push('ه');
                    known.insert_form(&restored);
                }
            }
        }
    }
    known
}

/// The entry of `map` (keyed by stored form) for a folded text word: that of
/// its most literal form present (see [`lookup_forms`]), without allocating.
pub fn find_form<'a, V>(map: &'a HashMap<String, V, FnvBuild>, folded: &str) -> Option<&'a V> {
    if map.is_empty() {
        return None;
    }
    find_form_with(folded, |form| map.get(form))
}

/// What `get` gives for the most literal form of a folded text word it
/// gives something for (see [`lookup_forms`]).
pub fn find_form_with<V>(folded: &str, mut get: impl FnMut(&str) -> Option<V>) -> Option<V> {
    let mut found = None;
    for_each_lookup_form(folded, |form| {
        found = get(form);
        found.is_some()
    });
    found
}

/// Call `visit` with each form of [`lookup_forms`] in turn, without
/// allocating for an Arabic word, until it returns true; returns whether
/// it did.
pub fn for_each_lookup_form(folded: &str, mut visit: impl FnMut(&str) -> bool) -> bool {
    if folded.chars().next().is_some_and(is_arabic) {
        for_each_arabic_candidate(folded, visit)
    } else {
        visit(&latin_stem(folded))
    }
}

/// Source stems to target stems.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    map: HashMap<String, Vec<String>, FnvBuild>,
    entries: usize,
}

/// The form a folded word is stored under: Arabic without the article,
/// Latin-script words stemmed.
pub fn stored_form(folded: &str) -> String {
    if folded.chars().next().is_some_and(is_arabic) {
        arabic_dictionary_form(folded)
    } else {
        latin_stem(folded)
    }
}

/// Forms a folded text word may be stored under, most literal first.
pub fn lookup_forms(folded: &str) -> Vec<String> {
    if folded.chars().next().is_some_and(is_arabic) {
        arabic_candidates(folded)
    } else {
        vec![latin_stem(folded)]
    }
}

/// Content words of a phrase in stored form.
fn content_stems(phrase: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(&fold(phrase), |t| {
        if !is_stop_word(t) {
            let s = stored_form(t);
            if !s.is_empty() {
                out.push(s);
            }
        }
    });
    out
}

/// Content words of a phrase in stored form, when it has at most
/// [`MAX_PHRASE_STEMS`] (longer phrases give no pairs).
fn short_content_stems(phrase: &str) -> Option<Vec<String>> {
    let (mut out, mut more) = (Vec::new(), false);
    for_each_token(&fold(phrase), |t| {
        if !more && !is_stop_word(t) {
            let s = stored_form(t);
            if !s.is_empty() {
                more = out.len() == MAX_PHRASE_STEMS;
                out.push(s);
            }
        }
    });
    (!more).then_some(out)
}

/// Most content words a side of a pair of phrases may have to give word pairs.
const MAX_PHRASE_STEMS: usize = 2;

/// The stored-form word pairs a phrase pair gives (see the module documentation).
fn phrase_pairs(src: &str, tgt: &str) -> Vec<(String, String)> {
    stem_pairs(&content_stems(src), &content_stems(tgt))
}

/// The word pairs of two phrases' content stems: each with each, when
/// both have one or two.
fn stem_pairs(s: &[String], t: &[String]) -> Vec<(String, String)> {
    if s.is_empty() || t.is_empty() || s.len() > MAX_PHRASE_STEMS || t.len() > MAX_PHRASE_STEMS {
        return Vec::new();
    }
    s.iter()
        .flat_map(|a| t.iter().map(move |b| (a.clone(), b.clone())))
        .collect()
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Self::default()
    }

    /// The embedded word list for the pair `src_language` → `tgt_language`
    /// (tags: `ar-SA` is Arabic): Arabic to English, or turned round for
    /// English to Arabic; empty for any other pair, for which it has no words.
    pub fn embedded_for(src_language: &str, tgt_language: &str) -> Self {
        match (
            language_code(src_language).as_str(),
            language_code(tgt_language).as_str(),
        ) {
            ("ar", "en") => Self::embedded_arabic_english(),
            ("en", "ar") => Self::embedded_arabic_english().reversed(),
            _ => Self::new(),
        }
    }

    /// The embedded word list both ways: an Arabic word finds its English
    /// translations and an English word its Arabic ones, so an aligner built
    /// on it (`Aligner::default()`) matches words whichever side is Arabic.
    /// The two halves cannot meet: their words are in different scripts.
    /// [`Lexicon::embedded_for`] gives one direction.
    pub fn embedded() -> Self {
        let mut both = Self::embedded_arabic_english();
        for (src, tgts) in both.reversed().map {
            for tgt in tgts {
                both.add_stem_pair(&src, &tgt);
            }
        }
        both
    }

    /// The embedded list as written: Arabic stems to English stems.
    fn embedded_arabic_english() -> Self {
        let mut lex = Self::new();
        lex.add_hunalign_text(Path::new("<embedded dictionary>"), DEFAULT_DIC, false)
            .expect("embedded dictionary is valid");
        lex
    }

    /// Number of stem pairs.
    pub fn len(&self) -> usize {
        self.entries
    }

    /// True when the lexicon holds no pair.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Add a translation pair of phrases (source, target).
    pub fn add_phrase_pair(&mut self, src: &str, tgt: &str) {
        for (a, b) in phrase_pairs(src, tgt) {
            self.add_stem_pair(&a, &b);
        }
    }

    /// Add a pair of already stemmed words.
    pub fn add_stem_pair(&mut self, src: &str, tgt: &str) {
        if !self.map.contains_key(src) {
            self.map.insert(src.to_string(), Vec::new());
        }
        let v = self.map.get_mut(src).expect("inserted");
        if !v.iter().any(|x| x == tgt) {
            v.push(tgt.to_string());
            self.entries += 1;
        }
    }

    /// Translations (stems) of a source stem.
    pub fn translations(&self, src_stem: &str) -> &[String] {
        self.map.get(src_stem).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Translations of a folded text word: those of its most literal form
    /// that the lexicon lists (see [`lookup_forms`]).
    pub fn lookup(&self, folded: &str) -> &[String] {
        find_form(&self.map, folded)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The same pairs the other way round (target stems to source stems).
    pub fn reversed(&self) -> Lexicon {
        let mut out = Lexicon::new();
        for (s, ts) in &self.map {
            for t in ts {
                out.add_stem_pair(t, s);
            }
        }
        out
    }

    /// Iterate over (source stem, target stems).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.map.iter()
    }

    /// Add the entries of a hunalign dictionary (`TARGET @ SOURCE` a line;
    /// `#` comments). With `reversed`, lines are `SOURCE @ TARGET`.
    pub fn add_hunalign_text(&mut self, path: &Path, text: &str, reversed: bool) -> Result<()> {
        for (k, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((left, right)) = line.split_once(" @ ") else {
                return Err(Error::parse(
                    path,
                    k + 1,
                    "expected `TARGET @ SOURCE` (hunalign dictionary format)",
                ));
            };
            if reversed {
                self.add_phrase_pair(left, right);
            } else {
                self.add_phrase_pair(right, left);
            }
        }
        Ok(())
    }

    /// Load a dictionary file: a dictd `.index` (or its `.dict`/`.dict.dz`
    /// partner), or a hunalign `.dic`. The direction of a dictd file is read
    /// from its name and `src_language`, the source side's language: when the
    /// name's first code is it (`freedict-ara-eng` for `ar`) the headwords
    /// are source words, when it is another code (`freedict-eng-ara`) they
    /// are target words, and a name without codes has source headwords.
    pub fn add_file(&mut self, path: &Path, src_language: &str) -> Result<()> {
        self.add_file_for(path, src_language, None, None)
    }

    /// [`Lexicon::add_file`], keeping only the dictd entries whose headword
    /// occurs in `vocabulary` (the texts to align): the others cannot match
    /// anything, and skipping them makes loading FreeDict several times
    /// faster. With a `cache`, a dictd file is stemmed once and read from
    /// the cache afterwards (see [`crate::lexicon::cache`]).
    pub fn add_file_for(
        &mut self,
        path: &Path,
        src_language: &str,
        vocabulary: Option<&Vocabulary>,
        cache: Option<&DictCache>,
    ) -> Result<()> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.ends_with(".index") || name.ends_with(".dict.dz") || name.ends_with(".dict") {
            let stem = name
                .trim_end_matches(".index")
                .trim_end_matches(".dz")
                .trim_end_matches(".dict");
            let dir = path.parent().unwrap_or(Path::new("."));
            let index = dir.join(format!("{stem}.index"));
            let dz = dir.join(format!("{stem}.dict.dz"));
            let plain = dir.join(format!("{stem}.dict"));
            let data = if dz.exists() { dz } else { plain };
            // freedict-ara-eng: Arabic headwords; freedict-eng-ara: English headwords.
            let src3 = iso639_3(src_language);
            let headword_is_src = match stem
                .rsplit_once('-')
                .map(|(a, _)| a.rsplit('-').next().unwrap_or(a))
            {
                Some(first) => first == src3 || first == src_language,
                None => true,
            };
            self.add_dictd(&index, &data, headword_is_src, vocabulary, cache)
        } else {
            let text = crate::input::text::read_text_as(path, dict_limits(), DICT_LIMIT)?;
            self.add_hunalign_text(path, &text, false)
        }
    }

    /// Add a dictd dictionary: `index` lists `headword TAB offset TAB length`
    /// (base64 numbers) into `data` (plain or gzip/dictzip). With a
    /// `vocabulary`, only entries whose headword occurs in it are added;
    /// with a `cache`, the stemmed entries are kept there for the next run.
    pub fn add_dictd(
        &mut self,
        index: &Path,
        data: &Path,
        headword_is_src: bool,
        vocabulary: Option<&Vocabulary>,
        cache: Option<&DictCache>,
    ) -> Result<()> {
        let keep = |head: &[&str]| vocabulary.is_none_or(|v| head.iter().any(|w| v.contains(w)));
        let encoded = match cache {
            None => parse_dictd(index, data, headword_is_src, vocabulary)?,
            Some(cache) => cache.load(index, data, headword_is_src, || {
                parse_dictd(index, data, headword_is_src, None)
            })?,
        };
        encoded
            .for_each(|head, pairs| {
                if keep(head) {
                    for (a, b) in pairs {
                        self.add_stem_pair(a, b);
                    }
                }
            })
            .expect("checked when read, or just built");
        Ok(())
    }

    /// FreeDict dictionaries installed under [`SYSTEM_DICT_DIR`] for the pair.
    pub fn system_dictionaries(src_language: &str, tgt_language: &str) -> Vec<PathBuf> {
        let (s, t) = (iso639_3(src_language), iso639_3(tgt_language));
        [
            format!("freedict-{s}-{t}.index"),
            format!("freedict-{t}-{s}.index"),
        ]
        .iter()
        .map(|n| Path::new(SYSTEM_DICT_DIR).join(n))
        .filter(|p| p.exists())
        .collect()
    }
}

/// Dictionaries are read whole and may be FIFOs (`--dict <(...)`), up to
/// [`MAX_DICT_SIZE`].
fn dict_limits() -> ReadLimits {
    ReadLimits {
        max_size: MAX_DICT_SIZE,
        regular_only: false,
    }
}

/// The entries of a dictd dictionary that give stem pairs, stemmed (see
/// [`Lexicon::add_dictd`]); with a `vocabulary`, only those whose headword
/// occurs in it.
fn parse_dictd(
    index: &Path,
    data: &Path,
    headword_is_src: bool,
    vocabulary: Option<&Vocabulary>,
) -> Result<Encoded> {
    let index_bytes = read_input(index, dict_limits(), DICT_LIMIT, false)?;
    let index_text = String::from_utf8(index_bytes).map_err(|e| Error::InvalidUtf8 {
        path: index.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let raw = read_input(data, dict_limits(), DICT_LIMIT, false)?;
    let body = if raw.starts_with(&[0x1f, 0x8b]) {
        // Decompressed within the same limit: a gzip bomb stops there.
        let gz = flate2::read::MultiGzDecoder::new(&raw[..]);
        read_capped(gz, data, MAX_DICT_SIZE, DICT_LIMIT_DECOMPRESSED, false, 0).map_err(
            |e| match e {
                Error::Io { path, source } => {
                    Error::invalid(path, format!("cannot decompress: {source}"))
                }
                other => other,
            },
        )?
    } else {
        raw
    };
    // Entries are independent: parse and stem them on all cores (the
    // two FreeDict Arabic-English files hold 140,000 entries).
    use rayon::prelude::*;
    let lines: Vec<(usize, &str)> = index_text.lines().enumerate().collect();
    let chunks: Vec<Result<EncodedWriter>> = lines
        .par_chunks(4096)
        .map(|chunk| {
            let mut entries = EncodedWriter::new();
            for &(k, line) in chunk {
                let mut parts = line.split('\t');
                let (Some(head), Some(off), Some(len)) = (parts.next(), parts.next(), parts.next())
                else {
                    return Err(Error::parse(
                        index,
                        k + 1,
                        "expected `headword TAB offset TAB length` (dictd index)",
                    ));
                };
                if head.starts_with("00database") || head.starts_with("00-database") {
                    continue;
                }
                let head_stems = content_stems(head);
                if vocabulary.is_some_and(|v| !head_stems.iter().any(|w| v.contains(w))) {
                    continue;
                }
                let (Some(off), Some(len)) = (b64(off), b64(len)) else {
                    return Err(Error::parse(
                        index,
                        k + 1,
                        "offset or length is not dictd base64",
                    ));
                };
                let Some(entry) = off.checked_add(len).and_then(|end| body.get(off..end)) else {
                    return Err(Error::parse(
                        index,
                        k + 1,
                        "entry lies outside the .dict data",
                    ));
                };
                if head_stems.is_empty() || head_stems.len() > MAX_PHRASE_STEMS {
                    // No pairs (see `stem_pairs`).
                    continue;
                }
                let entry = String::from_utf8_lossy(entry);
                entries.begin(&head_stems);
                for gloss in dictd_glosses(&entry) {
                    let Some(gloss_stems) = short_content_stems(gloss) else {
                        continue;
                    };
                    if gloss_stems.is_empty() {
                        continue;
                    }
                    // Each content word with each (see the module documentation).
                    let (src, tgt) = if headword_is_src {
                        (&head_stems, &gloss_stems)
                    } else {
                        (&gloss_stems, &head_stems)
                    };
                    for a in src {
                        for b in tgt {
                            entries.pair(a, b);
                        }
                    }
                }
                if entries.pairs() > 0 {
                    entries.end();
                } else {
                    entries.abandon();
                }
            }
            Ok(entries)
        })
        .collect();
    let mut entries = EncodedWriter::new();
    for chunk in chunks {
        entries.append(chunk?);
    }
    Ok(entries.finish())
}

/// ISO 639-3 code FreeDict uses, from a 2-letter code (`ar` → `ara`).
fn iso639_3(lang: &str) -> String {
    let base = language_code(lang);
    match base.as_str() {
        "ar" => "ara",
        "en" => "eng",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        "fa" => "fas",
        "tr" => "tur",
        "ru" => "rus",
        other => return other.to_string(),
    }
    .to_string()
}

/// Decode a dictd base64 number.
fn b64(s: &str) -> Option<usize> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut n: usize = 0;
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)?;
        n = n.checked_mul(64)?.checked_add(v)?;
    }
    Some(n)
}

/// The glosses of a dictd entry: the lines after the headword, without
/// numbering, pronunciation and explanations after ` - `, split at `,` and `;`.
fn dictd_glosses(entry: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in entry.lines().skip(1) {
        let line = line.trim();
        let line = line
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches('.')
            .trim();
        let line = line.split(" - ").next().unwrap_or("");
        for g in line.split([',', ';', '،', '؛']) {
            let g = g.trim();
            if !g.is_empty() && !g.starts_with('/') {
                out.push(g);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::fold;

    #[test]
    fn hunalign_lines_are_stemmed() {
        let mut lex = Lexicon::new();
        lex.add_hunalign_text(
            Path::new("t.dic"),
            "# comment\nministers @ وزراء\nschool @ مدرسة\n",
            false,
        )
        .unwrap();
        assert_eq!(lex.lookup(&fold("الوزراء")), ["minister"]);
        assert_eq!(lex.lookup(&fold("والمدرسة")), ["school"]);
        assert_eq!(lex.lookup(&fold("لمدرستها")), ["school"]);
        let err = lex
            .add_hunalign_text(Path::new("t.dic"), "no separator\n", false)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.dic:1: expected `TARGET @ SOURCE` (hunalign dictionary format)"
        );
    }

    #[test]
    fn dictd_offsets_past_the_data_are_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("d.dict"), "x\ny\n").unwrap();
        let index = dir.path().join("d.index");
        // An offset near 2^64: adding the length overflows.
        for line in ["x\tP/////////\tB\n", "x\tA\tZ\n"] {
            std::fs::write(&index, line).unwrap();
            let err = Lexicon::new().add_file(&index, "ar").unwrap_err();
            assert!(err.to_string().contains("outside the .dict data"), "{err}");
        }
    }

    #[test]
    fn vocabulary_holds_every_word_of_the_folded_texts() {
        let read = |name: &str| {
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("corpora")
                    .join(name),
            )
            .unwrap()
        };
        let (ar, en) = (read("rabat-court.ar.txt"), read("rabat-court.en.txt"));
        // Harakat, presentation forms, no-break spaces, punctuation glued to words.
        let odd = "أَحْمَدُ ﻻ\u{00A0}وزير، «التجارة» (U.S.) don't ٣٫٥";
        let texts = [ar.as_str(), en.as_str(), odd];
        let vocabulary = Vocabulary::from_texts(&texts);
        let mut expected: std::collections::HashSet<String, FnvBuild> = Default::default();
        for t in texts {
            for w in fold(t).split(|c: char| !crate::language::is_letter(c)) {
                if w.is_empty() {
                    continue;
                }
                for_each_lookup_form(w, |form| {
                    expected.insert(form.to_string());
                    false
                });
            }
        }
        assert_eq!(vocabulary.forms, expected);
    }

    #[test]
    fn a_glued_token_brings_the_forms_of_the_words_inside_it() {
        // Every look-up form, of three letters or more, of every stretch
        // of a glued token is in the vocabulary: a dictionary entry for any
        // word inside it is loaded.
        let token = fold("وقالتالوزيرةإنمدرستهاالجديدةستفتحأبوابها");
        let vocabulary = Vocabulary::from_texts(&[&token]);
        let letters: Vec<(usize, char)> = token.char_indices().collect();
        for (i, &(from, _)) in letters.iter().enumerate() {
            for &(to, _) in letters[i + 1..].iter().take(MAX_PIECE_LETTERS) {
                for_each_lookup_form(&token[from..to], |form| {
                    let long = form.chars().nth(2).is_some();
                    assert!(!long || vocabulary.contains(form), "{form}");
                    false
                });
            }
        }
        assert!(vocabulary.contains("مدرسه") && vocabulary.contains("وزيره"));
        // A token of ordinary length brings only its own forms.
        let plain = Vocabulary::from_texts(&["الوزيرة"]);
        assert!(!plain.contains("وزي"));
    }

    #[test]
    fn embedded_default_loads() {
        let lex = Lexicon::embedded();
        assert!(lex.len() > 500, "{}", lex.len());
    }
}
