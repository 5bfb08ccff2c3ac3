//! Folding text for matching.
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
/// assert_eq!(jisr::language::fold("أَحْمَدُ ٣٫٥ Trump"), "احمد 3.5 trump");
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

/// [`fold`], but taa marbuta (ة) and alef maqsura (ى) are kept as they
/// are written (or as their presentation forms stand for), not folded to ه
/// and ي: these two letters end a word, so they show where the words of a
/// text that lost its spaces end (see [`crate::language::glued`]). Both
/// pairs of letters take two bytes: the text has [`fold`]'s characters at
/// the same offsets, and [`unmark_word_ends`] turns it into `fold`'s.
pub fn fold_keeping_word_ends(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ة' | '\u{FE93}' | '\u{FE94}' => out.push('ة'),
            'ى' | '\u{FEEF}' | '\u{FEF0}' => out.push('ى'),
            _ => fold_char(c, &mut out),
        }
    }
    out
}

/// A text of [`fold_keeping_word_ends`] as [`fold`] gives it: ة as ه, ى as ي.
pub fn unmark_word_ends(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['ة', 'ى']) {
        s.chars()
            .map(|c| match c {
                'ة' => 'ه',
                'ى' => 'ي',
                _ => c,
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_fold_as_the_full_rules_do() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let mut full = String::new();
            fold_char(c, &mut full);
            assert_eq!(fold(&c.to_string()), full, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn keeping_word_ends_is_folding_but_for_them() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("ب{c}ت");
            let kept = fold_keeping_word_ends(&text);
            assert_eq!(unmark_word_ends(&kept), fold(&text), "U+{:04X}", c as u32);
            assert_eq!(kept.len(), fold(&text).len(), "U+{:04X}", c as u32);
        }
        assert_eq!(fold_keeping_word_ends("مدرسةعلى"), "مدرسةعلى");
        assert_eq!(fold_keeping_word_ends("\u{FE94}\u{FEF0}أ"), "ةىا");
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
}
