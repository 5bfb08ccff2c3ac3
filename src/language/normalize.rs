//! Folding text for matching, and guessing the language of a text.
//!
//! Folding is used only to compare words; what jisr prints is always the
//! original (NFC) text. For Arabic it removes tatweel and harakat, unifies
//! alef, yaa and taa marbuta variants, maps Arabic-Indic and Persian digits to
//! ASCII and presentation forms to their base letters. Latin text is
//! lowercased. Everything here is O(n) in the length of the text.

use unicode_normalization::char::decompose_compatible;

/// Is `c` a letter of the Arabic script (any Arabic block)?
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Fold one character for matching: push its folded form onto `out`, or
/// nothing for the characters folding drops (tatweel, harakat).
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{0640}' => {}                                        // tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' => {}              // harakat, superscript alef
        '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' => {} // Quranic marks
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' | 'ی' => out.push('ي'),
        'ة' => out.push('ه'),
        'ؤ' => out.push('و'),
        'ئ' => out.push('ي'),
        'ک' => out.push('ك'),
        '\u{0660}'..='\u{0669}' => out.push((b'0' + (c as u32 - 0x0660) as u8) as char),
        '\u{06F0}'..='\u{06F9}' => out.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
        '\u{066B}' => out.push('.'), // Arabic decimal separator
        '\u{066C}' => out.push(','), // Arabic thousands separator
        '\u{066A}' => out.push('%'), // Arabic percent sign
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
            let mut base = String::new();
            decompose_compatible(c, |d| base.push(d));
            for d in base.chars() {
                if d == c {
                    // No decomposition (ornate parentheses, unassigned): keep it.
                    out.push(c);
                } else if d != ' ' {
                    fold_char(d, out);
                }
            }
        }
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        '\u{0600}'..='\u{06FF}' => out.push(c),
        _ if c.is_uppercase() => out.extend(c.to_lowercase()),
        _ => out.push(c),
    }
}

/// Fold a string for matching (see the module documentation).
///
/// ```
/// assert_eq!(jisr::language::normalize::fold("أَحْمَدُ ٣٫٥ Trump"), "احمد 3.5 trump");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Fast paths for what most text is made of: ASCII, and the Arabic
        // letters that fold to themselves.
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if c.is_ascii() => out.push(c),
            '\u{0621}'
            | '\u{0627}'..='\u{0628}'
            | '\u{062A}'..='\u{063F}'
            | '\u{0641}'..='\u{0648}'
            | '\u{064A}' => out.push(c),
            _ => fold_char(c, &mut out),
        }
    }
    out
}

/// Word tokens of folded text: runs of letters, digits and marks; a number
/// keeps its inner `.` and `,` (`3.5`, `1,200`), and thousands separators are
/// removed so that `1,200` and `1200` compare equal.
pub fn tokens(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(folded, |t| out.push(t.to_string()));
    out
}

/// [`tokens`] without a string per token: calls `visit` with each in turn.
/// One pass over the characters, looking one behind and one ahead.
pub fn for_each_token(folded: &str, mut visit: impl FnMut(&str)) {
    let mut rest = folded.chars().peekable();
    let (mut prev, mut cur) = (None, rest.next());
    let mut tok = String::new();
    macro_rules! advance {
        () => {{
            prev = cur;
            cur = rest.next();
        }};
    }
    while let Some(c) = cur {
        tok.clear();
        if c.is_ascii_digit() {
            while let Some(d) = cur {
                if d.is_ascii_digit() {
                    tok.push(d);
                } else if (d == '.' || d == ',')
                    && rest.peek().is_some_and(|n| n.is_ascii_digit())
                    && !tok.is_empty()
                {
                    if d == '.' {
                        tok.push('.');
                    }
                } else {
                    break;
                }
                advance!();
            }
            visit(&tok);
        } else if is_letter(c) || (!c.is_ascii() && c.is_numeric()) {
            // Digits join a Latin word (`cop28`, `g20`) but not an Arabic one:
            // `و1200` is the conjunction and a number. An apostrophe or
            // hyphen between letters is inside the word.
            while let Some(d) = cur {
                let inner = matches!(d, '\'' | '’' | '-')
                    && prev.is_some_and(is_letter)
                    && rest.peek().is_some_and(|&n| is_letter(n));
                let joins = d.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_alphanumeric());
                if !(is_letter(d) || is_mark(d) || inner || joins) {
                    break;
                }
                tok.push(d);
                advance!();
            }
            if tok.is_empty() {
                // A numeric character that is neither an ASCII digit nor a
                // letter (a superscript, a fraction): skip it.
                advance!();
            } else {
                visit(&tok);
            }
        } else {
            advance!();
        }
    }
}

/// `char::is_alphabetic` with fast paths for ASCII and Arabic letters, which
/// are nearly all the text jisr sees (the general lookup is a binary search).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c as u32 {
        0x0621..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 => true,
        0x0600..=0x06FF => false,
        _ => c.is_alphabetic(),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

/// The writing system that dominates a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Mostly Arabic letters.
    Arabic,
    /// Mostly Latin letters.
    Latin,
    /// Something else, or too little text to tell.
    Other,
}

/// Which script most letters of `text` belong to.
pub fn dominant_script(text: &str) -> Script {
    let (mut arabic, mut latin, mut other) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|&c| is_letter(c)) {
        if is_arabic(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    if arabic > latin && arabic > other {
        Script::Arabic
    } else if latin > arabic && latin > other {
        Script::Latin
    } else {
        Script::Other
    }
}

/// Frequent function words of Latin-script languages, for telling them apart.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "said", "on",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "nicht", "ist", "mit", "ein", "eine", "den", "zu", "von",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "qui", "pas",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "que", "del", "por", "una", "con", "para", "es", "se",
        ],
    ),
    (
        "it",
        &[
            "il", "che", "di", "della", "per", "non", "sono", "gli", "una", "con", "nel", "è",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "que", "do", "da", "em", "não", "uma", "com", "para", "dos", "é",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "niet", "is", "dat", "op", "te", "zijn", "met",
        ],
    ),
];

/// Guess the language of a text: `ar` for Arabic script, a language code for
/// Latin-script text whose function words are clear, `None` otherwise.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let text = prefix(text, GUESS_BYTES);
    match dominant_script(text) {
        Script::Arabic => Some("ar"),
        Script::Other => None,
        Script::Latin => {
            let mut counts = vec![0usize; FUNCTION_WORDS.len()];
            let mut total = 0usize;
            for w in text
                .split(|c: char| !is_letter(c))
                .filter(|w| !w.is_empty())
                .take(5000)
            {
                let w = w.to_lowercase();
                total += 1;
                for (k, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
                    if words.contains(&w.as_str()) {
                        counts[k] += 1;
                    }
                }
            }
            let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
            let second = counts
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != best)
                .map(|(_, n)| *n)
                .max()
                .unwrap_or(0);
            // Demand a clear winner: at least 8% of the words, twice the runner-up.
            if total >= 20 && n * 100 >= total * 8 && n >= 2 * second.max(1) {
                Some(FUNCTION_WORDS[best].0)
            } else {
                None
            }
        }
    }
}

/// A text without a single letter (only numbers, punctuation, symbols):
/// its language cannot be told, so it must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no letters: cannot tell its language; give it with --src-lang/--tgt-lang")]
pub struct NoLetters;

/// The language of a text as a `--src-lang`/`--tgt-lang` option asks: the
/// option itself, or for `auto` a guess from the text.
///
/// The guess is [`guess_language`]'s; when that is unsure, Latin-script
/// text is `en` (a few English words carry too few function words to
/// tell), a text with Arabic letters is `ar`, and any other text is
/// `fallback` unless `fallback` is `ar`: text without an Arabic letter is
/// never guessed Arabic (it is `und`, undetermined, then). A text without
/// a letter is refused with [`NoLetters`].
///
/// ```
/// use jisr::language::normalize::{resolve_language, NoLetters};
/// assert_eq!(resolve_language("auto", "The port opened.", "ar"), Ok("en".to_string()));
/// assert_eq!(resolve_language("auto", "12 345", "en"), Err(NoLetters));
/// assert_eq!(resolve_language("de", "12 345", "en"), Ok("de".to_string()));
/// ```
pub fn resolve_language(
    option: &str,
    text: &str,
    fallback: &'static str,
) -> std::result::Result<String, NoLetters> {
    if option != "auto" {
        return Ok(option.to_string());
    }
    if let Some(code) = guess_language(text) {
        return Ok(code.to_string());
    }
    // The first letter tells whether there is one; the scripts are then
    // counted on the same 64 KB that `guess_language` looks at.
    if !text.chars().any(is_letter) {
        return Err(NoLetters);
    }
    let head = prefix(text, GUESS_BYTES);
    let code = match dominant_script(head) {
        Script::Latin => "en",
        _ if head.chars().any(|c| is_letter(c) && is_arabic(c)) => "ar",
        _ if fallback == "ar" => "und",
        _ => fallback,
    };
    Ok(code.to_string())
}

/// The language of a tag, without region or script, in lower case: `ar-SA`,
/// `AR_sa` and `ar` are all `ar`. Dictionaries, stemmers and the
/// same-language check go by this code; documents keep the tag as given
/// (a TMX file says `ar-SA` when told so).
pub fn language_code(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The English name of a language tag for messages (`ar-SA` is Arabic), or
/// the tag itself when it is not one jisr knows.
pub fn language_name(tag: &str) -> std::borrow::Cow<'_, str> {
    let name = match language_code(tag).as_str() {
        "ar" => "Arabic",
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "fa" => "Persian",
        _ => return tag.into(),
    };
    name.into()
}

/// How much of a text [`guess_language`] looks at: the first 64 KB tell the
/// language as well as the whole file would.
const GUESS_BYTES: usize = 1 << 16;

/// The longest prefix of `text` of at most `max` bytes.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index-based tokenizer `for_each_token` replaced, kept to check it.
    fn reference_tokens(folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut visit = |t: &str| out.push(t.to_string());
        let chars: Vec<char> = folded.chars().collect();
        let mut tok = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            tok.clear();
            if c.is_ascii_digit() {
                while i < chars.len() {
                    let d = chars[i];
                    if d.is_ascii_digit() {
                        tok.push(d);
                    } else if (d == '.' || d == ',')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()
                        && !tok.is_empty()
                    {
                        if d == '.' {
                            tok.push('.');
                        }
                    } else {
                        break;
                    }
                    i += 1;
                }
                visit(&tok);
            } else if is_letter(c) || (!c.is_ascii() && c.is_numeric()) {
                // Digits join a Latin word (`cop28`, `g20`) but not an Arabic one:
                // `و1200` is the conjunction and a number.
                while i < chars.len()
                    && (is_letter(chars[i])
                        || is_mark(chars[i])
                        || inner_apostrophe(&chars, i)
                        || (chars[i].is_ascii_digit() && chars[i - 1].is_ascii_alphanumeric()))
                {
                    tok.push(chars[i]);
                    i += 1;
                }
                if tok.is_empty() {
                    // A numeric character that is neither an ASCII digit nor a
                    // letter (a superscript, a fraction): skip it.
                    i += 1;
                } else {
                    visit(&tok);
                }
            } else {
                i += 1;
            }
        }
        out
    }

    fn inner_apostrophe(chars: &[char], i: usize) -> bool {
        (chars[i] == '\'' || chars[i] == '’' || chars[i] == '-')
            && i > 0
            && is_letter(chars[i - 1])
            && i + 1 < chars.len()
            && is_letter(chars[i + 1])
    }

    #[test]
    fn one_pass_tokens_equal_the_index_based_ones() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            'a', 'Z', 'e', '1', '9', '0', '.', ',', '\'', '’', '-', ' ', '\n', '²', '½', '٣', 'ب',
            'ا', '\u{064E}', '\u{0301}', 'é', '%', '(', 'x',
        ]);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(2000));
        runner
            .run(&prop::collection::vec(alphabet, 0..24), |chars| {
                let text: String = chars.into_iter().collect();
                prop_assert_eq!(tokens(&text), reference_tokens(&text));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn fast_paths_fold_as_the_full_rules_do() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let mut full = String::new();
            fold_char(c, &mut full);
            assert_eq!(fold(&c.to_string()), full, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(fold("إسلام آمن أمن"), "اسلام امن امن");
        assert_eq!(fold("مدرسة على"), "مدرسه علي");
        assert_eq!(fold("كـــتاب"), "كتاب");
        assert_eq!(fold("١٢٣ ۴۵۶"), "123 456");
        // Presentation forms (lam-alef ligature, isolated beh).
        assert_eq!(fold("\u{FEFB}\u{FE8F}"), "لاب");
        // A presentation-block character without decomposition stays as it is.
        assert_eq!(fold("\u{FD3E}"), "\u{FD3E}");
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        assert_eq!(
            tokens(&fold("بلغ ٣٫٥ في المئة و1,200 دولار")),
            vec!["بلغ", "3.5", "في", "الميه", "و", "1200", "دولار"]
        );
        assert_eq!(
            tokens("the u.s. rate, 3.5%."),
            vec!["the", "u", "s", "rate", "3.5"]
        );
        assert_eq!(tokens("don't well-known"), vec!["don't", "well-known"]);
        // Other numeric characters neither hang nor make empty tokens.
        assert_eq!(tokens("x² ½ ٣"), vec!["x"]);
    }

    #[test]
    fn short_latin_text_is_never_arabic_and_letterless_text_is_refused() {
        // Issue 15: a short English source fell back to `ar`.
        assert_eq!(
            resolve_language("auto", "Ships arrived.", "ar").as_deref(),
            Ok("en")
        );
        assert_eq!(
            resolve_language("auto", "Ships arrived.", "en").as_deref(),
            Ok("en")
        );
        assert_eq!(
            resolve_language("auto", "وصلت السفن", "en").as_deref(),
            Ok("ar")
        );
        // Neither Latin nor Arabic: the fallback, but never `ar`.
        assert_eq!(
            resolve_language("auto", "Корабли прибыли", "en").as_deref(),
            Ok("en")
        );
        assert_eq!(
            resolve_language("auto", "Корабли прибыли", "ar").as_deref(),
            Ok("und")
        );
        // As many Arabic letters as Latin ones: Arabic is there.
        assert_eq!(
            resolve_language("auto", "abcd ابجد", "en").as_deref(),
            Ok("ar")
        );
        for letterless in ["", "12 345\n67.8 %", "٣٫٥ – ١٢", "\u{200B}!?"] {
            assert_eq!(
                resolve_language("auto", letterless, "ar"),
                Err(NoLetters),
                "{letterless:?}"
            );
            assert_eq!(
                resolve_language("ar", letterless, "en").as_deref(),
                Ok("ar")
            );
        }
        assert!(!NoLetters.to_string().contains('\n'));
    }

    #[test]
    fn guesses_languages() {
        assert_eq!(guess_language("قال الوزير إن المشروع سيكتمل"), Some("ar"));
        let en = "The minister said that the project was on time and the port of the city is open to ships with cargo for the region.";
        assert_eq!(guess_language(en), Some("en"));
        let de = "Der Minister sagte, dass das Projekt nicht verspätet ist und die Stadt mit dem Hafen von der Region eine Verbindung zu den Schiffen hat.";
        assert_eq!(guess_language(de), Some("de"));
    }
}
