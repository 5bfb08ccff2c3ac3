//! Guessing the language of a text; language tags and names.

use super::fold::is_arabic;
use super::tokens::is_letter;

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
/// use jisr::language::{resolve_language, NoLetters};
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
