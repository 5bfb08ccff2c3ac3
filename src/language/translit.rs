//! Matching names across scripts by their consonant skeleton.
//!
//! Arabic writes few vowels, so a name is compared by its consonants: both the
//! Arabic word and the Latin word are mapped to classes of similar-sounding
//! consonants (b/p, f/v, s/z/th, k/q/c, j/g, t/d ...), vowels and the glides
//! w, y (which Arabic writes as و ي or not at all) are dropped but at the
//! start of a word, doubled classes collapse. ترامب → `TRMB`, Trump → `TRMB`;
//! ويلز → `WLS`, Wales → `WLS`.
//! Cost: linear in the word.

/// Consonant class of an Arabic letter (folded text), `None` for vowels,
/// glides and letters that carry no consonant.
fn arabic_class(c: char) -> Option<char> {
    Some(match c {
        'ب' | 'پ' => 'B',
        'ت' | 'ط' | 'ث' | 'د' | 'ض' | 'ذ' => 'T',
        'ج' | 'غ' | 'گ' => 'G',
        'ح' | 'ه' | 'خ' => 'H',
        'ر' => 'R',
        'ز' | 'س' | 'ص' | 'ش' | 'ظ' => 'S',
        'ف' | 'ڤ' => 'F',
        'ق' | 'ك' => 'K',
        'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        _ => return None, // ا و ي ء ع ى
    })
}

/// Consonant classes of a lowercased Latin word.
fn latin_classes(word: &str, out: &mut String) {
    let chars: Vec<char> = word.chars().collect();
    match chars.first() {
        Some('w') => out.push('W'),
        Some('y') => out.push('Y'),
        _ => {}
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (class, step) = match (c, next) {
            ('s', Some('h')) | ('c', Some('h')) => (Some('S'), 2),
            ('t', Some('h')) => (Some('S'), 2),
            ('k', Some('h')) | ('g', Some('h')) => (Some('H'), 2),
            ('p', Some('h')) => (Some('F'), 2),
            ('b' | 'p', _) => (Some('B'), 1),
            ('t' | 'd', _) => (Some('T'), 1),
            ('j' | 'g', _) => (Some('G'), 1),
            ('h', _) => (Some('H'), 1),
            ('r', _) => (Some('R'), 1),
            ('s' | 'z' | 'x', _) => (Some('S'), 1),
            ('c', Some('e' | 'i' | 'y')) => (Some('S'), 1),
            ('c' | 'k' | 'q', _) => (Some('K'), 1),
            ('f' | 'v', _) => (Some('F'), 1),
            ('l', _) => (Some('L'), 1),
            ('m', _) => (Some('M'), 1),
            ('n', _) => (Some('N'), 1),
            _ => (None, 1),
        };
        if let Some(k) = class {
            if !out.ends_with(k) {
                out.push(k);
            }
        }
        i += step;
    }
}

/// Skeleton of a folded word of either script; `None` when it has fewer than
/// two consonants (too short to say anything).
pub fn skeleton(word: &str) -> Option<String> {
    let mut out = String::new();
    let first = word.chars().next()?;
    if crate::language::is_arabic(first) {
        // A word-initial و or ي is a consonant (ويلز Wales, يمن Yemen); inside
        // the word they mostly write vowels.
        match first {
            'و' => out.push('W'),
            'ي' => out.push('Y'),
            _ => {}
        }
        for c in word.chars() {
            if let Some(k) = arabic_class(c) {
                if !out.ends_with(k) {
                    out.push(k);
                }
            }
        }
    } else if crate::language::is_letter(first) {
        latin_classes(word, &mut out);
    } else {
        return None;
    }
    (out.len() >= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::fold;

    fn same(ar: &str, en: &str) -> bool {
        skeleton(&fold(ar)) == skeleton(&fold(en))
    }

    #[test]
    fn names_match_across_scripts() {
        assert!(same("ترامب", "Trump"));
        assert!(same("ويلز", "Wales"));
        assert!(same("ميقاتي", "Mikati"));
        assert!(same("بيروت", "Beirut"));
        assert!(same("لندن", "London"));
        assert!(same("شكسبير", "Shakespeare"));
    }

    #[test]
    fn different_names_differ() {
        assert!(!same("ترامب", "Biden"));
        assert!(!same("بيروت", "Cairo"));
        assert_eq!(skeleton("a"), None);
    }
}
