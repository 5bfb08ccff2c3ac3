//! Light stemmers and stop words, applied to folded tokens (see [`crate::language::fold`]).
//!
//! Light stemming (strip clitics and inflectional endings, no roots) is what
//! works for matching Arabic words against a dictionary: Larkey et al. (2002)
//! showed light10 beats root extraction for retrieval. The English stemmer
//! strips plural, possessive and verb endings. Both are O(length of the word).

/// Arabic proclitic groups of light10 (Larkey et al.), longest first (on folded text: أ/إ/آ are ا).
const AR_PREFIXES: &[&str] = &[
    "وبال", "وللل", "وال", "بال", "كال", "فال", "ولل", "لل", "ال", "و",
];
/// Proclitics tried when looking a word up: every way the word may start
/// with a conjunction, preposition or the article.
pub(crate) const AR_LOOKUP_PREFIXES: &[&str] = &[
    "وبال", "وكال", "وللل", "فبال", "وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال", "وب",
    "ول", "وس", "وك", "فب", "فل", "فس", "و", "ف", "ب", "ل", "ك", "س",
];
/// Arabic suffixes, longest first (ة is folded to ه).
pub(crate) const AR_SUFFIXES: &[&str] = &[
    "تهما", "هما", "كما", "تها", "تهم", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا",
    "وا", "ته", "ه", "ي",
];

/// Light stem of a folded Arabic word; keeps at least three letters.
pub fn arabic_stem(word: &str) -> String {
    let mut w: &str = word;
    let len = |s: &str| s.chars().count();
    for p in AR_PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            // One-letter clitics only when enough word is left (وزير is not و+زير).
            let min_left = if len(p) == 1 { 4 } else { 3 };
            if len(rest) >= min_left {
                w = rest;
                break;
            }
        }
    }
    for s in AR_SUFFIXES {
        if let Some(rest) = w.strip_suffix(s) {
            if len(rest) >= 3 {
                w = rest;
                break;
            }
        }
    }
    w.to_string()
}

/// Forms under which a folded Arabic word may be listed in a dictionary, most
/// literal first: the word itself, without proclitics, without a suffix
/// (a taa marbuta written ت before a suffix is restored: مدرستها → مدرسه).
pub fn arabic_candidates(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_arabic_candidate(word, |c| {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
        false
    });
    out
}

/// Call `visit` with each form of [`arabic_candidates`], in the same order,
/// without allocating (but for a restored taa marbuta); stops when `visit`
/// returns true, and returns whether it did. Dictionary lookups run this
/// for every word of every sentence.
pub fn for_each_arabic_candidate(word: &str, mut visit: impl FnMut(&str) -> bool) -> bool {
    let long_enough = |s: &str| s.chars().nth(1).is_some();
    // Clitics and suffixes are a few bytes: compared byte by byte, not
    // through `memcmp` (this runs for every word looked up).
    let starts = |w: &[u8], p: &[u8]| w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b);
    let ends = |w: &[u8], s: &[u8]| {
        w.len() >= s.len() && w.iter().rev().zip(s.iter().rev()).all(|(a, b)| a == b)
    };
    // The word, then the word less each proclitic group it starts with.
    let mut bases: [&str; AR_LOOKUP_PREFIXES.len() + 1] = [""; AR_LOOKUP_PREFIXES.len() + 1];
    bases[0] = word;
    let mut count = 1;
    for p in AR_LOOKUP_PREFIXES {
        if starts(word.as_bytes(), p.as_bytes()) {
            let rest = &word[p.len()..];
            if long_enough(rest) {
                bases[count] = rest;
                count += 1;
            }
        }
    }
    let bases = &bases[..count];
    for b in bases {
        if visit(b) {
            return true;
        }
    }
    let mut restored = String::new();
    for b in bases {
        for suf in AR_SUFFIXES {
            if !ends(b.as_bytes(), suf.as_bytes()) {
                continue;
            }
            let rest = &b[..b.len() - suf.len()];
            if long_enough(rest) {
                if visit(rest) {
                    return true;
                }
                if let Some(r) = rest.strip_suffix('ت') {
                    restored.clear();
                    restored.push_str(r);
                    restored.push('ه');
                    if visit(&restored) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// The form a dictionary headword is stored under: folded, without the article.
pub fn arabic_dictionary_form(folded: &str) -> String {
    match folded.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        _ => folded.to_string(),
    }
}

/// Light stem of a lowercased Latin-script word (English rules; harmless on
/// other languages since both sides of a comparison go through it).
pub fn latin_stem(word: &str) -> String {
    let mut w = word
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_string();
    let n = w.chars().count();
    if n <= 3 {
        return w;
    }
    if w.ends_with("ies") && n > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with("ing") && n > 5 {
        w.truncate(w.len() - 3);
    } else if w.ends_with("ed") && n > 4 {
        w.truncate(w.len() - 2);
        if w.ends_with('i') {
            w.pop();
            w.push('y');
        }
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    if w.ends_with('e') && w.chars().count() > 3 {
        w.pop();
    }
    // Doubled final consonant left by -ing/-ed (stopped, planning).
    let b = w.as_bytes();
    if b.len() > 3
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'e' | b'o')
    {
        w.pop();
    }
    w
}

/// Stem a folded token of the given side's script.
pub fn stem(token: &str) -> String {
    if token.chars().next().is_some_and(crate::language::is_arabic) {
        arabic_stem(token)
    } else {
        latin_stem(token)
    }
}

/// Arabic function words (folded): frequent everywhere, so a match between
/// them says nothing about which sentences belong together.
pub(crate) const AR_STOP: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "ان",
    "او",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "هو",
    "هي",
    "هم",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "مع",
    "بين",
    "كل",
    "بعد",
    "قبل",
    "حتي",
    "ثم",
    "اذا",
    "اي",
    "عند",
    "منذ",
    "غير",
    "بعض",
    "كما",
    "لكن",
    "وقد",
    "فقد",
    "ايضا",
    "حيث",
    "انه",
    "انها",
    "الا",
    "ولا",
    "وفي",
    "ومن",
    "به",
    "بها",
    "له",
    "لها",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "اليه",
    "هناك",
    "هنا",
    "وهو",
    "وهي",
    "ان",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "يا",
    "اما",
    "وان",
    "بان",
    "لان",
    "وكان",
    "وكانت",
    "تم",
    "يتم",
    "دون",
    "نحو",
    "خلال",
    "الى",
];

/// English function words.
const EN_STOP: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
    "those", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your",
    "him", "them", "us", "as", "has", "have", "had", "do", "does", "did", "not", "no", "so", "if",
    "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where",
    "will", "would", "can", "could", "should", "may", "might", "must", "shall", "also", "into",
    "about", "over", "after", "before", "such", "s", "t", "up", "out", "more", "most", "very",
    "just", "only", "all", "any", "some", "other",
    // German and French, for Latin-script pairs other than English.
    "der", "die", "das", "und", "den", "dem", "des", "ein", "eine", "einen", "ist", "im", "zu",
    "mit", "von", "auf", "für", "le", "la", "les", "et", "des", "du", "un", "une", "est", "en",
    "dans", "pour", "que", "qui", "au", "aux", "sur", "par",
];

/// Is the folded token a function word of Arabic or of a Latin-script language?
pub fn is_stop_word(token: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    // Looked up for every token of every sentence and dictionary entry: a hash
    // set, built once, instead of a scan of the lists.
    static STOP: OnceLock<HashSet<&'static str, crate::hash::FnvBuild>> = OnceLock::new();
    STOP.get_or_init(|| AR_STOP.iter().chain(EN_STOP).copied().collect())
        .contains(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::fold;

    #[test]
    fn arabic_clitics_and_suffixes() {
        assert_eq!(arabic_stem(&fold("والمدرسة")), "مدرس");
        assert_eq!(arabic_stem(&fold("بالمدارس")), "مدارس");
        assert_eq!(arabic_stem(&fold("وزير")), "وزير");
        assert_eq!(arabic_stem(&fold("الوزراء")), "وزراء");
        assert_eq!(arabic_stem(&fold("مهندسون")), "مهندس");
        assert_eq!(arabic_stem(&fold("كتابها")), "كتاب");
    }

    #[test]
    fn lookup_candidates_cover_clitics() {
        let c = arabic_candidates(&fold("ومدرستها"));
        assert!(c.contains(&fold("مدرسة")), "{c:?}");
        let c = arabic_candidates(&fold("الوزراء"));
        assert!(c.contains(&fold("وزراء")), "{c:?}");
        let c = arabic_candidates(&fold("وزراء"));
        assert_eq!(c[0], fold("وزراء"));
    }

    /// The candidates as `for_each_arabic_candidate` gave them before it
    /// skipped the comparisons that cannot match.
    fn reference_candidates(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        let long_enough = |s: &str| s.chars().nth(1).is_some();
        let bases: Vec<&str> = std::iter::once(word)
            .chain(
                AR_LOOKUP_PREFIXES
                    .iter()
                    .filter_map(|p| word.strip_prefix(p))
                    .filter(|r| long_enough(r)),
            )
            .collect();
        out.extend(bases.iter().map(|b| b.to_string()));
        for b in &bases {
            for suf in AR_SUFFIXES {
                if let Some(rest) = b.strip_suffix(suf).filter(|r| long_enough(r)) {
                    out.push(rest.to_string());
                    if let Some(r) = rest.strip_suffix('ت') {
                        out.push(format!("{r}ه"));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn candidates_come_in_the_same_order_as_before() {
        use proptest::prelude::*;
        let letters = prop::sample::select(vec![
            'و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا', 'ت', 'ه', 'م', 'ن', 'ي', 'ر', 'د', 'x', 'ة',
        ]);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(5000));
        runner
            .run(&prop::collection::vec(letters, 0..12), |chars| {
                let word: String = chars.into_iter().collect();
                let mut seen = Vec::new();
                for_each_arabic_candidate(&word, |c| {
                    seen.push(c.to_string());
                    false
                });
                prop_assert_eq!(seen, reference_candidates(&word));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn english_endings() {
        for (a, b) in [
            ("ministers", "minister"),
            ("countries", "country"),
            ("planning", "plan"),
            ("stopped", "stop"),
            ("announced", "announc"),
            ("announce", "announc"),
            ("minister's", "minister"),
        ] {
            assert_eq!(latin_stem(a), b, "{a}");
        }
    }
}
