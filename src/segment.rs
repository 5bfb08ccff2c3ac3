//! Sentence segmentation with SRX 2.0 rules.
//!
//! [`SentenceSplitter`] reads an SRX file (the segmentation-rule exchange format
//! that OmegaT, Okapi and Trados use) or the built-in rules in
//! `src/data/default.srx`, which handle Arabic (`. ! ؟ ؛ …`, « » quotes,
//! one-letter abbreviations such as `د.`) and English (titles, initials, month
//! and number abbreviations, decimals, closing quotes and brackets).
//!
//! Cost: candidate places are found with one regex scan per break rule; each
//! candidate is then checked against the rules in order on a window of
//! [`WINDOW`] bytes either side, so splitting is linear in the text length.

use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use regex::Regex;

use crate::error::{Error, Result};

/// How far (bytes) before and after a candidate break the rule patterns look.
pub const WINDOW: usize = 160;

/// The built-in rules.
pub const DEFAULT_SRX: &str = include_str!("data/default.srx");

/// The problem a regex error describes, on one line: the regex crate's
/// message spans several (the pattern, a caret under the fault, then
/// `error: ...`).
fn regex_problem(err: &regex::Error) -> String {
    let text = err.to_string();
    let problem = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or(&text);
    problem.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One SRX rule, compiled.
#[derive(Debug, Clone)]
struct Rule {
    is_break: bool,
    /// `beforebreak` anchored at the end of the window, used to check a candidate.
    before_at_end: Regex,
    /// `(?:before)()(?:after)`: finds candidate breaks (the empty group's
    /// position) in one scan, so a loose `beforebreak` such as "any letter"
    /// does not make every position a candidate.
    scan: Regex,
    /// `afterbreak` anchored at the start of the window.
    after_at_start: Regex,
}

/// A language rule set as read from SRX.
#[derive(Debug, Clone)]
struct LanguageRules {
    name: String,
    rules: Vec<Rule>,
}

/// Splits paragraphs into sentences following SRX rules.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    languages: Vec<LanguageRules>,
    /// (language pattern, rule set name) in document order.
    maps: Vec<(Regex, String)>,
    cascade: bool,
}

impl SentenceSplitter {
    /// The built-in Arabic and Latin-script rules.
    pub fn default_rules() -> Self {
        Self::from_srx(Path::new("<built-in rules>"), DEFAULT_SRX)
            .expect("built-in SRX rules are valid")
    }

    /// Read SRX rules from a file (`-` for stdin) within `limits`.
    pub fn from_file(path: &Path, limits: crate::input::text::ReadLimits) -> Result<Self> {
        let text = crate::input::text::read_text_with(path, limits)?;
        Self::from_srx(path, &text)
    }

    /// Parse SRX 2.0 text; `path` names it in errors.
    pub fn from_srx(path: &Path, srx: &str) -> Result<Self> {
        let path: PathBuf = path.to_path_buf();
        let mut reader = quick_xml::Reader::from_str(srx);
        let line_of = |pos: u64| srx[..(pos as usize).min(srx.len())].matches('\n').count() + 1;
        let mut languages = Vec::new();
        let mut maps = Vec::new();
        let mut cascade = false;
        let mut current: Option<LanguageRules> = None;
        let mut rule_break: Option<bool> = None;
        // Where the open <rule> starts, for messages: its line and number.
        let mut rule_line = 0;
        let mut before = String::new();
        let mut after = String::new();
        let mut in_elem: Option<&'static str> = None;
        loop {
            let pos = reader.buffer_position();
            let ev = reader.read_event().map_err(|e| {
                Error::parse(&path, line_of(pos), format!("not well-formed SRX: {e}"))
            })?;
            let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Result<Option<String>> {
                match e.try_get_attribute(name) {
                    Ok(Some(a)) => Ok(Some(
                        a.unescape_value()
                            .map_err(|e| Error::parse(&path, line_of(pos), e.to_string()))?
                            .into_owned(),
                    )),
                    Ok(None) => Ok(None),
                    Err(e) => Err(Error::parse(&path, line_of(pos), e.to_string())),
                }
            };
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_empty = matches!(ev, Event::Empty(_));
                    match e.local_name().as_ref() {
                        b"header" => cascade = attr(e, "cascade")?.as_deref() == Some("yes"),
                        b"languagerule" => {
                            let name = attr(e, "languagerulename")?.unwrap_or_default();
                            current = Some(LanguageRules {
                                name,
                                rules: Vec::new(),
                            });
                            if is_empty {
                                languages.push(current.take().unwrap());
                            }
                        }
                        b"rule" => {
                            rule_line = line_of(pos);
                            rule_break = Some(attr(e, "break")?.as_deref() != Some("no"));
                            before.clear();
                            after.clear();
                        }
                        b"beforebreak" if !is_empty => in_elem = Some("before"),
                        b"afterbreak" if !is_empty => in_elem = Some("after"),
                        b"languagemap" => {
                            let pattern = attr(e, "languagepattern")?.unwrap_or_default();
                            let name = attr(e, "languagerulename")?.unwrap_or_default();
                            let re = Regex::new(&format!("^(?i:{pattern})$")).map_err(|err| {
                                let err = Regex::new(&pattern).err().unwrap_or(err);
                                Error::parse(
                                    &path,
                                    line_of(pos),
                                    format!(
                                        "bad languagepattern {pattern:?}: {}",
                                        regex_problem(&err)
                                    ),
                                )
                            })?;
                            maps.push((re, name));
                        }
                        _ => {}
                    }
                }
                Event::Text(t) => {
                    let t = t
                        .unescape()
                        .map_err(|e| Error::parse(&path, line_of(pos), e.to_string()))?;
                    match in_elem {
                        Some("before") => before.push_str(&t),
                        Some("after") => after.push_str(&t),
                        _ => {}
                    }
                }
                Event::CData(t) => {
                    let t = String::from_utf8_lossy(&t).into_owned();
                    match in_elem {
                        Some("before") => before.push_str(&t),
                        Some("after") => after.push_str(&t),
                        _ => {}
                    }
                }
                Event::End(ref e) => match e.local_name().as_ref() {
                    b"beforebreak" | b"afterbreak" => in_elem = None,
                    b"rule" => {
                        let is_break = rule_break.take().unwrap_or(true);
                        let Some(lang) = current.as_mut() else {
                            return Err(Error::parse(
                                &path,
                                line_of(pos),
                                "<rule> outside <languagerule>",
                            ));
                        };
                        // On failure, the user's own pattern is compiled
                        // again, so that the message shows it and not the
                        // wrapping below.
                        let compile = |p: &str| {
                            Regex::new(p).map_err(|err| {
                                let (part, pattern, err) = [("beforebreak", &before), ("afterbreak", &after)]
                                    .into_iter()
                                    .find_map(|(part, own)| Some((part, own.as_str(), Regex::new(own).err()?)))
                                    .unwrap_or(("rule", p, err));
                                Error::parse(
                                    &path,
                                    rule_line,
                                    format!(
                                        "bad rule pattern: rule {} of languagerule {:?}, {part} {pattern:?}: {}",
                                        lang.rules.len() + 1,
                                        lang.name,
                                        regex_problem(&err)
                                    ),
                                )
                            })
                        };
                        let rule = Rule {
                            is_break,
                            before_at_end: compile(&format!("(?:{before})$"))?,
                            scan: compile(&format!("(?:{before})()(?:{after})"))?,
                            after_at_start: compile(&format!("^(?:{after})"))?,
                        };
                        lang.rules.push(rule);
                    }
                    b"languagerule" => {
                        if let Some(l) = current.take() {
                            languages.push(l);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if languages.is_empty() {
            return Err(Error::parse(
                &path,
                0,
                "no <languagerule> found: not an SRX file",
            ));
        }
        for (_, name) in &maps {
            if !languages.iter().any(|l| &l.name == name) {
                return Err(Error::parse(
                    &path,
                    0,
                    format!("<languagemap> names unknown rule set {name:?}"),
                ));
            }
        }
        Ok(SentenceSplitter {
            languages,
            maps,
            cascade,
        })
    }

    /// The rules that apply to `language` (a code such as `ar`, `en-US`), in order.
    fn rules_for(&self, language: &str) -> Vec<&Rule> {
        let mut out = Vec::new();
        for (pattern, name) in &self.maps {
            if pattern.is_match(language) {
                if let Some(l) = self.languages.iter().find(|l| &l.name == name) {
                    out.extend(l.rules.iter());
                }
                if !self.cascade {
                    break;
                }
            }
        }
        out
    }

    /// Split one paragraph into sentences (trimmed, never empty).
    pub fn split(&self, language: &str, paragraph: &str) -> Vec<String> {
        self.split_ranges(language, paragraph)
            .into_iter()
            .map(|r| paragraph[r].to_string())
            .collect()
    }

    /// Byte ranges of the sentences of `paragraph`, trimmed of whitespace.
    pub fn split_ranges(&self, language: &str, paragraph: &str) -> Vec<std::ops::Range<usize>> {
        let rules = self.rules_for(language);
        let mut candidates: Vec<usize> = Vec::new();
        for rule in rules.iter().filter(|r| r.is_break) {
            for caps in rule.scan.captures_iter(paragraph) {
                let at = caps.get(1).map_or(0, |g| g.start());
                if at > 0 && at < paragraph.len() {
                    candidates.push(at);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut cuts = Vec::new();
        for &pos in &candidates {
            let lo = floor_char_boundary(paragraph, pos.saturating_sub(WINDOW));
            let hi = ceil_char_boundary(paragraph, (pos + WINDOW).min(paragraph.len()));
            let before = &paragraph[lo..pos];
            let after = &paragraph[pos..hi];
            for rule in &rules {
                if rule.before_at_end.is_match(before) && rule.after_at_start.is_match(after) {
                    if rule.is_break {
                        cuts.push(pos);
                    }
                    break;
                }
            }
        }
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for end in cuts.into_iter().chain(std::iter::once(paragraph.len())) {
            let piece = &paragraph[start..end];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push(start + lead..start + lead + trimmed.len());
            }
            start = end;
        }
        out
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(p: &str) -> Vec<String> {
        SentenceSplitter::default_rules().split("en", p)
    }
    fn ar(p: &str) -> Vec<String> {
        SentenceSplitter::default_rules().split("ar", p)
    }
    fn de(p: &str) -> Vec<String> {
        SentenceSplitter::default_rules().split("de", p)
    }
    fn fr(p: &str) -> Vec<String> {
        SentenceSplitter::default_rules().split("fr", p)
    }

    #[test]
    fn english_basic_and_final_quotes() {
        assert_eq!(
            en("He left. She stayed! Why? \"Go.\" Then (it ended.) Next"),
            vec![
                "He left.",
                "She stayed!",
                "Why?",
                "\"Go.\"",
                "Then (it ended.)",
                "Next"
            ]
        );
    }

    #[test]
    fn english_abbreviations_and_initials() {
        assert_eq!(
            en("Mr. Smith met Dr. Jones in the U.S. on Jan. 5 with J. K. Rowling. It rained."),
            vec![
                "Mr. Smith met Dr. Jones in the U.S. on Jan. 5 with J. K. Rowling.",
                "It rained."
            ]
        );
        assert_eq!(
            en("Growth was 3.5 percent, i.e. more than No. 4 expected. Prices rose etc. and fell."),
            vec![
                "Growth was 3.5 percent, i.e. more than No. 4 expected.",
                "Prices rose etc. and fell."
            ]
        );
    }

    #[test]
    fn english_headline_run_into_the_lead() {
        assert_eq!(
            en("Storm closes port in Dana There were no ships in the harbour. It left."),
            vec![
                "Storm closes port in Dana",
                "There were no ships in the harbour.",
                "It left."
            ]
        );
        // A capitalised name after an opener is not a break.
        assert_eq!(
            en("He reads The Times every day."),
            vec!["He reads The Times every day."]
        );
    }

    #[test]
    fn arabic_marks() {
        assert_eq!(
            ar("قال الوزير. هل انتهى؟ نعم؛ انتهى… ثم غادر"),
            vec!["قال الوزير.", "هل انتهى؟", "نعم؛", "انتهى…", "ثم غادر"]
        );
    }

    #[test]
    fn arabic_abbreviations_decimals_quotes() {
        assert_eq!(
            ar("قال د. أحمد إن النمو بلغ 3.5 بالمئة. وأضاف «انتهى الأمر.» ثم غادر."),
            vec![
                "قال د. أحمد إن النمو بلغ 3.5 بالمئة.",
                "وأضاف «انتهى الأمر.»",
                "ثم غادر."
            ]
        );
        assert_eq!(
            ar("وصلت إلى U.S. Army أمس. ثم عادت."),
            vec!["وصلت إلى U.S. Army أمس.", "ثم عادت."]
        );
    }

    #[test]
    fn german_ordinal_dates_and_numbers() {
        assert_eq!(
            de("Baubeginn ist am 3. Oktober 2025. Am 1. Mai demonstrierten 2.500 Menschen. Es endet am 31. Dez. 2028."),
            vec![
                "Baubeginn ist am 3. Oktober 2025.",
                "Am 1. Mai demonstrierten 2.500 Menschen.",
                "Es endet am 31. Dez. 2028."
            ]
        );
        assert_eq!(
            de("Seit dem 19. Jahrhundert wird hier Stahl gekocht. Zum 2. Mal siegte der 1. FC Köln. Das Werk schließt."),
            vec![
                "Seit dem 19. Jahrhundert wird hier Stahl gekocht.",
                "Zum 2. Mal siegte der 1. FC Köln.",
                "Das Werk schließt."
            ]
        );
        // Any one- to three-digit number before a capitalised word is an ordinal in German ...
        assert_eq!(
            de("Sie feierten den 75. Jahrestag und die 12. Etappe. Dann gingen sie."),
            vec![
                "Sie feierten den 75. Jahrestag und die 12. Etappe.",
                "Dann gingen sie."
            ]
        );
        // ... unless a noun or verb that takes a cardinal comes before it, and years always end a sentence.
        assert_eq!(
            de("Der Verein belegt Platz 3. Der Trainer bleibt. Sie wurde 80. Das Gesetz gilt seit 2024. Es wirkt."),
            vec![
                "Der Verein belegt Platz 3.",
                "Der Trainer bleibt.",
                "Sie wurde 80.",
                "Das Gesetz gilt seit 2024.",
                "Es wirkt."
            ]
        );
        // The month rule holds in the shared Latin rules too, whatever the language code.
        assert_eq!(
            en("Am 3. Oktober begann es. Dann regnete es."),
            vec!["Am 3. Oktober begann es.", "Dann regnete es."]
        );
    }

    #[test]
    fn german_abbreviations_and_quotes() {
        assert_eq!(
            de("Viele Bäume fallen, z. B. entlang der Straße. Sie sind barrierefrei, d. h. Rollstuhlfahrer kommen hinein. Er fordert eine Umplanung bzw. Verzicht auf Nr. 3 und ca. Mitte Mai u. a. Sitzbänke usw. entlang der Strecke. Fertig."),
            vec![
                "Viele Bäume fallen, z. B. entlang der Straße.",
                "Sie sind barrierefrei, d. h. Rollstuhlfahrer kommen hinein.",
                "Er fordert eine Umplanung bzw. Verzicht auf Nr. 3 und ca. Mitte Mai u. a. Sitzbänke usw. entlang der Strecke.",
                "Fertig."
            ]
        );
        assert_eq!(
            de("Es gab 700 Mio. Euro von Dr. Weidemann. Er sagte: „Wir geben nicht auf.“ Dann ging er. »Nie wieder.« Sie nickte."),
            vec![
                "Es gab 700 Mio. Euro von Dr. Weidemann.",
                "Er sagte: „Wir geben nicht auf.“",
                "Dann ging er.",
                "»Nie wieder.«",
                "Sie nickte."
            ]
        );
        // A sentence may still end with an abbreviation of the usw. kind.
        assert_eq!(
            de("Es gab Äpfel, Birnen usw. Dann kam der Winter."),
            vec!["Es gab Äpfel, Birnen usw.", "Dann kam der Winter."]
        );
    }

    #[test]
    fn french_guillemets_titles_and_decimals() {
        assert_eq!(
            fr("M. Keller a déclaré : « Nous n'accepterons pas ce massacre. » D'autres manifestations sont prévues. Mme Krämer a parlé de 3,5 % de baisse."),
            vec![
                "M. Keller a déclaré : « Nous n'accepterons pas ce massacre. »",
                "D'autres manifestations sont prévues.",
                "Mme Krämer a parlé de 3,5 % de baisse."
            ]
        );
        // No-break and narrow no-break spaces before the closing guillemet; a lower-case
        // word after it continues the sentence.
        assert_eq!(
            fr("« C'est fini\u{a0}! » a-t-il dit. « Vraiment\u{202f}? » Oui. MM. Dupont et Durand sont venus, cf. Annexe 2, env. 240 personnes."),
            vec![
                "« C'est fini\u{a0}! » a-t-il dit.",
                "« Vraiment\u{202f}? »",
                "Oui.",
                "MM. Dupont et Durand sont venus, cf. Annexe 2, env. 240 personnes."
            ]
        );
    }

    #[test]
    fn bad_srx_is_reported_with_line() {
        let err = SentenceSplitter::from_srx(Path::new("r.srx"), "<srx><body><languagerules><languagerule languagerulename=\"x\">\n<rule><beforebreak>(</beforebreak></rule></languagerule></languagerules></body></srx>").unwrap_err();
        assert!(
            err.to_string().starts_with("r.srx:2: bad rule pattern"),
            "{err}"
        );
        let err = SentenceSplitter::from_srx(Path::new("r.srx"), "<html></html>").unwrap_err();
        assert!(err.to_string().contains("not an SRX file"));
    }
}
