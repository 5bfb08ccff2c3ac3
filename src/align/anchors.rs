//! Anchored alignment: beads a person confirmed are kept as they are, and
//! only the sentences between them are aligned.
//!
//! Anchors cut the pair into gaps (the sentences between two anchors, on
//! each side). The model is still the whole document's: the tokens, the
//! first pass, the parameters re-estimated from it, the shape priors and the
//! learned word table all come from the whole text, anchors included, which
//! are the surest evidence there is. Only the search runs gap by gap, each in
//! its own band; since no bead may cross an anchor, the best path through
//! the whole table is the best path of each gap, and each bead's posterior
//! is its gap's. Confidence is then calibrated over all the aligned beads
//! together, as without anchors; an anchor's is 1.
//!
//! `find_anchors` places beads reviewed on an earlier version of the texts
//! in the current one, by their sentences' text.

use std::ops::Range;

use super::confidence::calibrate;
use super::model::{Params, BEAD_TYPES, FIRST_PASS_TYPES};
use super::search::{COARSE_BLOCK, PATH_BAND};
use super::words::SentenceInfo;
use super::{para_of, Aligner, Alignment, Bead, Signals};
use crate::document::Document;
use crate::input::text::squeeze_whitespace;

/// A bead fixed in advance: source and target sentence ranges (one of them
/// may be empty: a sentence confirmed as having no counterpart).
pub type Anchor = (Range<usize>, Range<usize>);

/// What one pass of the aligner needs to search between anchors.
pub(super) struct Pass<'a> {
    /// What the scorer reads of each sentence, for the whole texts.
    pub(super) si: &'a [SentenceInfo],
    /// The same for the target.
    pub(super) ti: &'a [SentenceInfo],
    /// The texts (for their paragraphs).
    pub(super) src: &'a Document,
    /// The translation.
    pub(super) tgt: &'a Document,
    /// The model, estimated on the whole texts.
    pub(super) params: Params,
    /// The first pass's alignment, in the second pass.
    pub(super) previous: Option<&'a Alignment>,
}

/// The anchors that can be kept, in order: inside both documents, not
/// empty on both sides, each after the one before (an anchor that is not is
/// left out), with how many were left out.
pub(crate) fn usable_anchors(anchors: &[Anchor], n: usize, m: usize) -> (Vec<Anchor>, usize) {
    let mut kept: Vec<Anchor> = Vec::with_capacity(anchors.len());
    let (mut i, mut j) = (0, 0);
    for (s, t) in anchors {
        let fits = s.start >= i
            && t.start >= j
            && s.start <= s.end
            && t.start <= t.end
            && s.end <= n
            && t.end <= m
            && !(s.is_empty() && t.is_empty());
        if fits {
            kept.push((s.clone(), t.clone()));
            (i, j) = (s.end, t.end);
        }
    }
    let dropped = anchors.len() - kept.len();
    (kept, dropped)
}

impl Aligner {
    /// Align one document pair keeping `anchors` as beads: they come out as
    /// they are, with confidence 1, and the sentences between them are
    /// aligned. Anchors must be in order and not overlap; one that does not
    /// follow the anchor before it, leaves the documents or is empty on both
    /// sides is ignored.
    /// Without anchors this is [`Aligner::align`].
    pub fn align_anchored(&self, src: &Document, tgt: &Document, anchors: &[Anchor]) -> Alignment {
        self.align_many_anchored(&[(src, tgt, anchors)])
            .pop()
            .unwrap_or_default()
    }

    /// [`Aligner::align_many`] with each pair's anchors (see
    /// [`Aligner::align_anchored`]): the word table is learned from all
    /// pairs together.
    pub fn align_many_anchored(
        &self,
        pairs: &[(&Document, &Document, &[Anchor])],
    ) -> Vec<Alignment> {
        let docs: Vec<(&Document, &Document)> = pairs.iter().map(|(s, t, _)| (*s, *t)).collect();
        let anchors: Vec<Vec<Anchor>> = pairs
            .iter()
            .map(|(s, t, a)| usable_anchors(a, s.len(), t.len()).0)
            .collect();
        self.align_all(&docs, &anchors)
    }

    /// One pass between `anchors` (usable ones, see [`usable_anchors`]).
    pub(super) fn search_between(&self, pass: &Pass<'_>, anchors: &[Anchor]) -> Alignment {
        let (n, m) = (pass.si.len(), pass.ti.len());
        // The aligned beads, and the anchors with the number of aligned
        // beads before each: calibration takes the aligned beads alone.
        let mut aligned: Vec<Bead> = Vec::new();
        let mut fixed: Vec<(usize, Bead)> = Vec::with_capacity(anchors.len());
        let (mut i, mut j) = (0, 0);
        for anchor in anchors.iter().map(Some).chain([None]) {
            let (i1, j1) = anchor.map_or((n, m), |(s, t)| (s.start, t.start));
            if i1 > i || j1 > j {
                aligned.extend(self.align_gap(pass, i..i1, j..j1));
            }
            if let Some((s, t)) = anchor {
                let bead = Bead {
                    src: s.clone(),
                    tgt: t.clone(),
                    confidence: 1.0,
                    paragraph: (
                        para_of(pass.src, s.start, s.end),
                        para_of(pass.tgt, t.start, t.end),
                    ),
                    signals: Signals {
                        posterior: 1.0,
                        ..Signals::default()
                    },
                };
                fixed.push((aligned.len(), bead));
                (i, j) = (s.end, t.end);
            }
        }
        if pass.previous.is_some() {
            // Each gap was calibrated alone; the document's match rate is
            // that of all of them.
            calibrate(&mut aligned);
        }
        let mut beads = Vec::with_capacity(aligned.len() + fixed.len());
        let mut rest = aligned.into_iter();
        let mut taken = 0;
        for (before, anchor) in fixed {
            beads.extend(rest.by_ref().take(before - taken));
            taken = before;
            beads.push(anchor);
        }
        beads.extend(rest);
        Alignment { beads }
    }

    /// The beads of the sentences `rs` and `rt` between two anchors, in the
    /// documents' numbering.
    fn align_gap(&self, pass: &Pass<'_>, rs: Range<usize>, rt: Range<usize>) -> Vec<Bead> {
        let part = |doc: &Document, r: &Range<usize>| Document {
            language: doc.language.clone(),
            sentences: doc.sentences[r.clone()].to_vec(),
        };
        let (src, tgt) = (part(pass.src, &rs), part(pass.tgt, &rt));
        let (si, ti) = (&pass.si[rs.clone()], &pass.ti[rt.clone()]);
        let inside = |b: &&Bead| {
            b.src.start >= rs.start
                && b.src.end <= rs.end
                && b.tgt.start >= rt.start
                && b.tgt.end <= rt.end
        };
        // As in `align_pass`: the second pass follows the first's path
        // (which went through the same anchors), the first starts from a
        // coarse path on long gaps.
        let (states, types) = match pass.previous {
            Some(prev) => {
                let mut states = vec![(0, 0)];
                states.extend(
                    prev.beads
                        .iter()
                        .filter(inside)
                        .map(|b| (b.src.end - rs.start, b.tgt.end - rt.start)),
                );
                (Some((states, PATH_BAND)), BEAD_TYPES.len())
            }
            None => (
                self.coarse_states(si, ti, &src, &tgt, pass.params)
                    .map(|s| (s, 3 * COARSE_BLOCK)),
                FIRST_PASS_TYPES,
            ),
        };
        let (scorer, path) = self.search(
            si,
            ti,
            &src,
            &tgt,
            pass.params,
            states.as_ref().map(|(s, h)| (s.as_slice(), *h)),
            types,
            pass.previous
                .map(|prev| super::posterior_temperature(prev, pass.src.len(), pass.tgt.len())),
        );
        let mut beads = self.beads_from_path(&scorer, &path).beads;
        for b in &mut beads {
            b.src = b.src.start + rs.start..b.src.end + rs.start;
            b.tgt = b.tgt.start + rt.start..b.tgt.end + rt.start;
            // A bead with an empty side at the start of a gap takes the
            // paragraph of the anchor's last sentence, as it would without.
            b.paragraph = (
                para_of(pass.src, b.src.start, b.src.end),
                para_of(pass.tgt, b.tgt.start, b.tgt.end),
            );
        }
        beads
    }
}

/// Beads fixed on an earlier version of the texts, placed in the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundAnchors {
    /// The beads whose sentences are all still there, in the current
    /// texts' numbering, in order.
    pub anchors: Vec<Anchor>,
    /// The beads that could not be placed.
    pub dropped: usize,
}

/// Place `beads`, given in the numbering of `old` (source and target as
/// they were when the beads were made), in `new`, by the text of their
/// sentences (whitespace squeezed).
///
/// The sentences of each side are matched in order, as a diff matches lines
/// (Myers' algorithm, O((n + m) · d) for d changed sentences): a sentence
/// kept is found even when sentences were added, removed or edited around
/// it. A bead is kept when every sentence of each side is found, still
/// consecutive; a side with no sentence is placed between the same
/// neighbours, or beside the one of them still found. A bead is dropped
/// when a sentence of it was edited or removed, when sentences were
/// inserted inside it, or when its empty side can no longer be placed.
pub(crate) fn find_anchors(
    old: (&Document, &Document),
    beads: &[Anchor],
    new: (&Document, &Document),
) -> FoundAnchors {
    let src = SideMap::new(old.0, new.0);
    let tgt = SideMap::new(old.1, new.1);
    let placed: Vec<Anchor> = beads
        .iter()
        .filter_map(|(s, t)| Some((src.place(s)?, tgt.place(t)?)))
        .collect();
    let (anchors, unusable) = usable_anchors(&placed, new.0.len(), new.1.len());
    FoundAnchors {
        dropped: beads.len() - placed.len() + unusable,
        anchors,
    }
}

/// Where the sentences of an old version of a side are in the new one.
struct SideMap {
    /// The new index of each old sentence still there.
    new_index: Vec<Option<usize>>,
    /// Sentences in the new version.
    new_len: usize,
}

impl SideMap {
    fn new(old: &Document, new: &Document) -> SideMap {
        let key = |doc: &Document| -> Vec<String> {
            doc.sentences
                .iter()
                .map(|s| squeeze_whitespace(&s.text))
                .collect()
        };
        let (a, b) = (key(old), key(new));
        let mut new_index = vec![None; a.len()];
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            if let similar::DiffOp::Equal {
                old_index,
                new_index: at,
                len,
            } = op
            {
                for k in 0..len {
                    new_index[old_index + k] = Some(at + k);
                }
            }
        }
        SideMap {
            new_index,
            new_len: b.len(),
        }
    }

    /// The new range of the old sentences `r`, if they are all there and
    /// still consecutive; for an empty `r`, the place between the same
    /// neighbours (or beside the one still there).
    fn place(&self, r: &Range<usize>) -> Option<Range<usize>> {
        if r.is_empty() {
            let after_previous = match r.start {
                0 => Some(0),
                q => self.new_index.get(q - 1).copied().flatten().map(|a| a + 1),
            };
            let next = match r.start {
                q if q == self.new_index.len() => Some(self.new_len),
                q => self.new_index.get(q).copied().flatten(),
            };
            let at = match (after_previous, next) {
                (Some(a), Some(b)) if a != b => return None,
                (Some(a), _) | (None, Some(a)) => a,
                (None, None) => return None,
            };
            return Some(at..at);
        }
        let start = self.new_index.get(r.start).copied().flatten()?;
        let consecutive = r
            .clone()
            .enumerate()
            .all(|(k, i)| self.new_index.get(i).copied().flatten() == Some(start + k));
        consecutive.then(|| start..start + r.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Document as D;

    const AR: &str = "قال الوزير إن الميناء الجديد سيفتح في عام 2025.\n\
        وأضاف الوزير أن الحكومة ستنفق ملياري دولار على الطرق.\n\
        وقال رئيس الوزراء إن المشروع مهم للاقتصاد الوطني.\n\
        وبلغ عدد الطلاب في المدارس 300 ألف في العاصمة.\n\
        وقالت وزارة الصحة إن المستشفيات في المدن الكبرى استقبلت المرضى.\n";
    const EN: &str = "The minister said the new port would open in 2025.\n\
        The minister added that the government would spend two billion dollars on roads.\n\
        The prime minister said the project was important for the national economy.\n\
        There were 300 thousand students in the schools of the capital.\n\
        The health ministry said hospitals in the big cities received patients.\n";

    #[test]
    fn an_anchor_is_kept_and_the_rest_aligned_around_it() {
        let (s, t) = (D::from_presplit("ar", AR), D::from_presplit("en", EN));
        let aligner = Aligner::default();
        let free = aligner.align(&s, &t);
        assert!(free
            .beads
            .iter()
            .all(|b| b.src.len() == 1 && b.tgt.len() == 1));
        // Sentences 1 and 2 as one bead with target 1: no aligner would
        // choose it, and then target 2 has no partner left.
        let al = aligner.align_anchored(&s, &t, &[(1..3, 1..2)]);
        let shapes: Vec<Anchor> = al
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(
            shapes,
            vec![
                (0..1, 0..1),
                (1..3, 1..2),
                (3..3, 2..3),
                (3..4, 3..4),
                (4..5, 4..5)
            ]
        );
        assert_eq!(al.beads[1].confidence, 1.0);
        assert!(al.beads.iter().all(|b| (0.0..=1.0).contains(&b.confidence)));
        // No anchors, or none usable: the plain alignment, bit for bit.
        assert_eq!(aligner.align_anchored(&s, &t, &[]), free);
        assert_eq!(aligner.align_anchored(&s, &t, &[(4..9, 0..1)]), free);
    }

    #[test]
    fn anchors_out_of_order_or_outside_are_left_out() {
        let anchors = [
            (0..1, 0..1),
            (3..4, 2..3),
            (2..3, 3..4),
            (5..5, 4..4),
            (4..4, 9..9),
        ];
        let (kept, dropped) = usable_anchors(&anchors, 5, 5);
        assert_eq!(kept, vec![(0..1, 0..1), (3..4, 2..3)]);
        assert_eq!(dropped, 3);
    }

    #[test]
    fn reviewed_beads_are_found_by_their_text() {
        let old_s = D::from_presplit("ar", "أ.\nب.\nج.\nد.\nه.\n");
        let old_t = D::from_presplit("en", "A.\nB.\nC.\nD.\nE.\n");
        // A sentence inserted at the start of both, C edited, E removed.
        let new_s = D::from_presplit("ar", "جديد.\nأ.\nب.\nج.\nد.\nه.\n");
        let new_t = D::from_presplit("en", "New.\nA.\nB.\nC, edited.\nD.\n");
        let beads = [
            (0..1, 0..1),
            (1..2, 1..1), // ب has no translation
            (2..3, 1..3), // C edited: dropped
            (3..4, 3..4),
            (4..5, 4..5), // E removed: dropped
        ];
        let found = find_anchors((&old_s, &old_t), &beads, (&new_s, &new_t));
        assert_eq!(
            found.anchors,
            vec![(1..2, 1..2), (2..3, 2..2), (4..5, 4..5)]
        );
        assert_eq!(found.dropped, 2);
        // Whitespace does not count; sentences put inside a bead do.
        let spaced = D::from_presplit("en", "A.\nB.\nC.\n  D. \nE.\n");
        let found = find_anchors((&old_s, &old_t), &[(3..4, 3..4)], (&old_s, &spaced));
        assert_eq!(found.anchors, vec![(3..4, 3..4)]);
        let split = D::from_presplit("ar", "أ.\nب.\nج.\nد.\nزائد.\nه.\n");
        let found = find_anchors((&old_s, &old_t), &[(3..5, 3..5)], (&split, &old_t));
        assert_eq!((found.anchors.len(), found.dropped), (0, 1));
    }
}
