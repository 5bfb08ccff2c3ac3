//! Reviewing an alignment: both texts, the beads a person checks and
//! corrects, and which of them are confirmed.
//!
//! A [`Review`] is built from the aligner's [`Alignment`], edited (see
//! `edit`), saved as JSONL or TMX (see `file`) and reopened. The beads
//! always cover every sentence of both sides exactly once, in order.

#[cfg(feature = "tui")]
pub mod app;
pub mod edit;
pub mod file;
#[cfg(feature = "tui")]
pub mod revision;
#[cfg(feature = "tui")]
pub mod screen;

use std::ops::Range;

use crate::align::{find_anchors, Alignment, Anchor, FoundAnchors};
use crate::document::Document;

/// One bead under review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewBead {
    /// Source sentence indexes (may be empty: a sentence added in the translation).
    pub src: Range<usize>,
    /// Target sentence indexes (may be empty: a source sentence left out).
    pub tgt: Range<usize>,
    /// The aligner's confidence in [0, 1] (a bead a person made or changed
    /// keeps the lowest confidence of the beads it came from).
    pub confidence: f64,
    /// Confirmed by a person: kept as a fixed anchor when the pair is aligned again.
    pub reviewed: bool,
}

/// An alignment under review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The source text.
    pub src: Document,
    /// The translation.
    pub tgt: Document,
    /// Beads in order; every sentence of both sides is in exactly one.
    pub beads: Vec<ReviewBead>,
}

impl Review {
    /// The aligner's beads, none reviewed yet.
    pub fn from_alignment(src: Document, tgt: Document, alignment: &Alignment) -> Self {
        let beads = alignment
            .beads
            .iter()
            .map(|b| ReviewBead {
                src: b.src.clone(),
                tgt: b.tgt.clone(),
                confidence: b.confidence,
                reviewed: false,
            })
            .collect();
        Review { src, tgt, beads }
    }

    /// Paragraph of bead `k` on each side: of its first sentence, or of the
    /// sentence before it when that side is empty (as the aligner reports it).
    pub fn paragraph(&self, k: usize) -> (usize, usize) {
        let side = |doc: &Document, r: &Range<usize>| {
            let i = if r.is_empty() {
                r.start.saturating_sub(1)
            } else {
                r.start
            };
            doc.sentences.get(i).map_or(0, |s| s.paragraph)
        };
        let b = &self.beads[k];
        (side(&self.src, &b.src), side(&self.tgt, &b.tgt))
    }

    /// The reviewed beads placed in `src` and `tgt`, the texts as they are
    /// now, by the text of their sentences: anchors for
    /// [`Aligner::align_anchored`](crate::Aligner::align_anchored). A bead
    /// some of whose sentences were edited or removed since the review is
    /// dropped (counted in [`FoundAnchors::dropped`]).
    pub fn reviewed_anchors(&self, src: &Document, tgt: &Document) -> FoundAnchors {
        let beads: Vec<Anchor> = self
            .beads
            .iter()
            .filter(|b| b.reviewed)
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        find_anchors((&self.src, &self.tgt), &beads, (src, tgt))
    }

    /// Do the beads cover every sentence of both sides once, in order?
    pub fn is_consistent(&self) -> bool {
        let (mut i, mut j) = (0, 0);
        for b in &self.beads {
            if b.src.start != i || b.tgt.start != j || (b.src.is_empty() && b.tgt.is_empty()) {
                return false;
            }
            i = b.src.end;
            j = b.tgt.end;
        }
        i == self.src.len() && j == self.tgt.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_alignment_covers_both_sides() {
        let src = Document::from_presplit("ar", "أ.\nب.\n\nج.\n");
        let tgt = Document::from_presplit("en", "A.\n\nC.\n");
        let aligner = crate::Aligner::for_languages("ar", "en")
            .system_dictionaries(false)
            .build()
            .unwrap();
        let al = aligner.align(&src, &tgt);
        let review = Review::from_alignment(src, tgt, &al);
        assert!(review.is_consistent());
        assert!(review.beads.iter().all(|b| !b.reviewed));
    }
}
