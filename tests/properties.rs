//! Invariants of the aligner on arbitrary input: beads never cross, every
//! sentence of both sides is in exactly one bead, confidences are in [0, 1].

use jisr::{Aligner, Document};
use proptest::prelude::*;

const AR: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "الميناء",
    "سيفتح",
    "في",
    "2025",
    "بيروت",
    "المحكمة",
    "٣٫٥",
    "و",
    "ترامب",
];
const EN: &[&str] = &[
    "The", "minister", "said", "port", "will", "open", "in", "2025", "Beirut", "court", "3.5",
    "Trump",
];

fn side(words: &'static [&'static str]) -> impl Strategy<Value = Vec<Vec<String>>> {
    let sentence =
        prop::collection::vec(prop::sample::select(words), 1..12).prop_map(|w| w.join(" ") + ".");
    prop::collection::vec(prop::collection::vec(sentence, 1..5), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn beads_cover_every_sentence_once_in_order(src in side(AR), tgt in side(EN)) {
        let s = Document::from_paragraphs("ar", src);
        let t = Document::from_paragraphs("en", tgt);
        let al = Aligner::default().align(&s, &t);
        let (mut i, mut j) = (0, 0);
        for b in &al.beads {
            prop_assert_eq!(b.src.start, i);
            prop_assert_eq!(b.tgt.start, j);
            prop_assert!(!b.src.is_empty() || !b.tgt.is_empty());
            prop_assert!((0.0..=1.0).contains(&b.confidence));
            i = b.src.end;
            j = b.tgt.end;
        }
        prop_assert_eq!(i, s.len());
        prop_assert_eq!(j, t.len());
    }

    #[test]
    fn tokens_and_folding_never_panic(text in "\\PC{0,200}") {
        let folded = jisr::language::fold(&text);
        for t in jisr::language::tokens(&folded) {
            prop_assert!(!t.is_empty());
        }
        let _ = jisr::SentenceSplitter::default_rules().split("ar", &text);
    }
}
