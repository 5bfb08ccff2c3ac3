//! The editing model of a review, apart from any screen: the selected bead,
//! the corrections a reviewer makes, undo and redo, whether there are
//! unsaved changes, and finding doubtful beads and text.
//!
//! Every correction replaces a run of neighbouring beads with new ones, so
//! it is kept as one `Step` (where, the beads before, the beads after):
//! undoing and redoing splice them back, O(beads changed), and a review of
//! thousands of beads is never copied whole. Every operation keeps
//! [`Review::is_consistent`]; one that would break it is refused with a
//! [`Refused`] saying why, and changes nothing.
//!
//! A bead a correction touches keeps the lowest confidence of the beads its
//! sentences came from and is no longer reviewed: it is a new link nobody
//! has confirmed yet.

use std::fmt;
use std::ops::Range;

use super::{Review, ReviewBead};

/// The default threshold below which a bead is doubtful.
pub const DEFAULT_DOUBTFUL_BELOW: f64 = 0.5;

/// A side of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The original text.
    Source,
    /// The translation.
    Target,
}

impl Side {
    /// The bead's sentences on this side.
    fn of(self, bead: &ReviewBead) -> &Range<usize> {
        match self {
            Side::Source => &bead.src,
            Side::Target => &bead.tgt,
        }
    }

    /// The bead's sentences on this side, to change.
    fn of_mut(self, bead: &mut ReviewBead) -> &mut Range<usize> {
        match self {
            Side::Source => &mut bead.src,
            Side::Target => &mut bead.tgt,
        }
    }

    /// `source` or `target`, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Side::Source => "source",
            Side::Target => "target",
        }
    }
}

/// Why an operation changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The review has no bead at all.
    NoBead,
    /// Merging or taking back needs a next bead; the selected one is the last.
    LastBead,
    /// The bead (the selected one, or the next when taking back) has no
    /// sentence on this side to move.
    NoSentence(Side),
    /// Moving the sentence would leave the selected bead with no sentence at all.
    WouldEmpty(Side),
    /// Nothing left to undo.
    NothingToUndo,
    /// Nothing left to redo.
    NothingToRedo,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NoBead => write!(f, "there is no bead"),
            Refused::LastBead => write!(f, "this is the last bead: there is no next one"),
            Refused::NoSentence(side) => write!(f, "no {} sentence to move", side.name()),
            Refused::WouldEmpty(side) => write!(
                f,
                "the bead's only sentence is this {} sentence: moving it would leave the bead empty",
                side.name()
            ),
            Refused::NothingToUndo => write!(f, "nothing to undo"),
            Refused::NothingToRedo => write!(f, "nothing to redo"),
        }
    }
}

impl std::error::Error for Refused {}

/// One correction: the beads `at..at + before.len()` became `after`.
#[derive(Debug, Clone)]
struct Step {
    /// Index of the first bead replaced.
    at: usize,
    /// The beads as they were.
    before: Vec<ReviewBead>,
    /// The beads that replaced them.
    after: Vec<ReviewBead>,
    /// The selected bead before the step.
    selected_before: usize,
    /// The selected bead after it.
    selected_after: usize,
    /// Names the state after this step, for the unsaved-changes flag (ids
    /// are never reused, so an undo followed by a different edit is never
    /// mistaken for the saved state).
    id: u64,
}

/// Where a search or jump landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The bead.
    pub bead: usize,
    /// The search went past the last (or first) bead and on from the other end.
    pub wrapped: bool,
}

/// A review being edited.
#[derive(Debug, Clone)]
pub struct Editor {
    /// The review as it is now.
    review: Review,
    /// The selected bead (0 when there is none).
    selected: usize,
    /// Steps done, the last one on top.
    undo: Vec<Step>,
    /// Steps undone, the next to redo on top.
    redo: Vec<Step>,
    /// The id the next step gets.
    next_id: u64,
    /// The state last saved (or opened): 0 is the state the editor started with.
    saved: u64,
    /// Beads below this confidence and not reviewed are doubtful.
    doubtful_below: f64,
}

impl Editor {
    /// Edit `review`, the first bead selected, with no unsaved change.
    pub fn new(review: Review) -> Self {
        Editor {
            review,
            selected: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 1,
            saved: 0,
            doubtful_below: DEFAULT_DOUBTFUL_BELOW,
        }
    }

    /// Set the confidence below which a bead not yet reviewed is doubtful.
    pub fn doubtful_below(&mut self, threshold: f64) -> &mut Self {
        self.doubtful_below = threshold;
        self
    }

    /// The threshold of [`Editor::is_doubtful`].
    pub fn doubtful_threshold(&self) -> f64 {
        self.doubtful_below
    }

    /// The review as it is now.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The review, for saving after the editor is done.
    pub fn into_review(self) -> Review {
        self.review
    }

    /// Number of beads.
    pub fn len(&self) -> usize {
        self.review.beads.len()
    }

    /// True when the review has no bead (both texts are empty).
    pub fn is_empty(&self) -> bool {
        self.review.beads.is_empty()
    }

    /// The selected bead's index (0 when there is no bead).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Select bead `k` (clamped to the beads there are).
    pub fn select(&mut self, k: usize) {
        self.selected = k.min(self.len().saturating_sub(1));
    }

    /// Move the selection by `delta` beads, stopping at either end.
    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// Is bead `k` doubtful: below the threshold and not yet reviewed?
    pub fn is_doubtful(&self, k: usize) -> bool {
        let b = &self.review.beads[k];
        !b.reviewed && b.confidence < self.doubtful_below
    }

    /// How many beads are reviewed.
    pub fn reviewed_count(&self) -> usize {
        self.review.beads.iter().filter(|b| b.reviewed).count()
    }

    /// How many beads are doubtful.
    pub fn doubtful_count(&self) -> usize {
        (0..self.len()).filter(|&k| self.is_doubtful(k)).count()
    }

    /// Are there changes since the review was opened or last saved?
    pub fn is_modified(&self) -> bool {
        self.version() != self.saved
    }

    /// The review was saved as it is now.
    pub fn mark_saved(&mut self) {
        self.saved = self.version();
    }

    /// Names the current state (see [`Step::id`]).
    fn version(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    /// Can [`Editor::undo`] do something?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Can [`Editor::redo`] do something?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The first doubtful bead after the selected one, going on from the
    /// first bead past the last; selects it.
    pub fn next_doubtful(&mut self) -> Option<Found> {
        self.jump(true, |e, k| e.is_doubtful(k))
    }

    /// The last doubtful bead before the selected one, going on from the
    /// last bead past the first; selects it.
    pub fn prev_doubtful(&mut self) -> Option<Found> {
        self.jump(false, |e, k| e.is_doubtful(k))
    }

    /// Does bead `k` contain `query` in either language? Compared folded
    /// as the aligner folds words (case, harakat, alef and yaa forms and
    /// digits do not matter), so `الميناء` finds `المِيناء`.
    pub fn bead_contains(&self, k: usize, query: &str) -> bool {
        let query = crate::language::fold(query.trim());
        if query.is_empty() {
            return false;
        }
        let b = &self.review.beads[k];
        [
            self.review.src.text_of(b.src.clone()),
            self.review.tgt.text_of(b.tgt.clone()),
        ]
        .iter()
        .any(|text| crate::language::fold(text).contains(&query))
    }

    /// The next (or previous) bead containing `query` in either language,
    /// from the selected one, going on past either end; selects it.
    pub fn search(&mut self, query: &str, forward: bool) -> Option<Found> {
        self.jump(forward, |e, k| e.bead_contains(k, query))
    }

    /// Select the first bead after (or before) the selected one for which
    /// `hit` holds, wrapping around; the selected bead itself comes last.
    fn jump(&mut self, forward: bool, hit: impl Fn(&Self, usize) -> bool) -> Option<Found> {
        let n = self.len();
        (1..=n)
            .map(|step| {
                let k = if forward {
                    (self.selected + step) % n
                } else {
                    (self.selected + n - step) % n
                };
                let wrapped = if forward {
                    k <= self.selected
                } else {
                    k >= self.selected
                };
                Found { bead: k, wrapped }
            })
            .find(|f| hit(self, f.bead))
            .inspect(|f| self.selected = f.bead)
    }

    /// Confirm the selected bead as reviewed, or take the confirmation back.
    pub fn toggle_reviewed(&mut self) -> Result<(), Refused> {
        let k = self.selected_bead()?;
        let mut bead = self.review.beads[k].clone();
        bead.reviewed = !bead.reviewed;
        self.apply(k, 1, vec![bead], k);
        Ok(())
    }

    /// Merge the selected bead with the next one (`m`). The merged bead
    /// keeps the lower confidence and is not reviewed.
    pub fn merge_next(&mut self) -> Result<(), Refused> {
        let k = self.selected_bead()?;
        let next = self.review.beads.get(k + 1).ok_or(Refused::LastBead)?;
        let this = &self.review.beads[k];
        let merged = ReviewBead {
            src: this.src.start..next.src.end,
            tgt: this.tgt.start..next.tgt.end,
            confidence: this.confidence.min(next.confidence),
            reviewed: false,
        };
        self.apply(k, 2, vec![merged], k);
        Ok(())
    }

    /// Move the selected bead's last sentence on `side` to the start of the
    /// next bead, or into a new bead of its own when the selected bead is
    /// the last. Undone by [`Editor::take_from_next`].
    pub fn give_to_next(&mut self, side: Side) -> Result<(), Refused> {
        let k = self.selected_bead()?;
        let (kept, moved) = self.split_off_last(k, side)?;
        match self.review.beads.get(k + 1).cloned() {
            Some(mut next) => {
                side.of_mut(&mut next).start -= 1;
                next.confidence = next.confidence.min(moved.confidence);
                next.reviewed = false;
                self.apply(k, 2, vec![kept, next], k);
            }
            None => self.apply(k, 1, vec![kept, moved], k),
        }
        Ok(())
    }

    /// Move the next bead's first sentence on `side` to the end of the
    /// selected bead; a next bead left with no sentence goes.
    pub fn take_from_next(&mut self, side: Side) -> Result<(), Refused> {
        let k = self.selected_bead()?;
        let next = self.review.beads.get(k + 1).ok_or(Refused::LastBead)?;
        if side.of(next).is_empty() {
            return Err(Refused::NoSentence(side));
        }
        let mut next = next.clone();
        let mut this = self.review.beads[k].clone();
        side.of_mut(&mut next).start += 1;
        side.of_mut(&mut this).end += 1;
        this.confidence = this.confidence.min(next.confidence);
        this.reviewed = false;
        next.reviewed = false;
        let after = if next.src.is_empty() && next.tgt.is_empty() {
            vec![this]
        } else {
            vec![this, next]
        };
        self.apply(k, 2, after, k);
        Ok(())
    }

    /// Mark the selected bead's last sentence on `side` as having no
    /// counterpart: it becomes a bead of its own (1-0 or 0-1) right after
    /// the selected one.
    pub fn no_counterpart(&mut self, side: Side) -> Result<(), Refused> {
        let k = self.selected_bead()?;
        let (kept, alone) = self.split_off_last(k, side)?;
        self.apply(k, 1, vec![kept, alone], k);
        Ok(())
    }

    /// Bead `k` without its last sentence on `side`, and that sentence as
    /// a bead of its own (empty on the other side, where bead `k` ends).
    fn split_off_last(&self, k: usize, side: Side) -> Result<(ReviewBead, ReviewBead), Refused> {
        let this = &self.review.beads[k];
        if side.of(this).is_empty() {
            return Err(Refused::NoSentence(side));
        }
        if this.src.len() + this.tgt.len() == 1 {
            return Err(Refused::WouldEmpty(side));
        }
        let mut kept = this.clone();
        kept.reviewed = false;
        side.of_mut(&mut kept).end -= 1;
        let last = side.of(this).end - 1;
        let (src, tgt) = match side {
            Side::Source => (last..last + 1, this.tgt.end..this.tgt.end),
            Side::Target => (this.src.end..this.src.end, last..last + 1),
        };
        let alone = ReviewBead {
            src,
            tgt,
            confidence: this.confidence,
            reviewed: false,
        };
        Ok((kept, alone))
    }

    /// Undo the last correction (`u`); its bead is selected again.
    pub fn undo(&mut self) -> Result<(), Refused> {
        let step = self.undo.pop().ok_or(Refused::NothingToUndo)?;
        self.splice(step.at, step.after.len(), &step.before);
        self.selected = step.selected_before;
        self.redo.push(step);
        Ok(())
    }

    /// Redo the last correction undone (`Ctrl-r`).
    pub fn redo(&mut self) -> Result<(), Refused> {
        let step = self.redo.pop().ok_or(Refused::NothingToRedo)?;
        self.splice(step.at, step.before.len(), &step.after);
        self.selected = step.selected_after;
        self.undo.push(step);
        Ok(())
    }

    /// The selected bead, or why there is none.
    fn selected_bead(&self) -> Result<usize, Refused> {
        if self.is_empty() {
            Err(Refused::NoBead)
        } else {
            Ok(self.selected)
        }
    }

    /// Replace `count` beads from `at` with `after` as a new undoable step,
    /// then select `selected`. A new correction forgets what was undone.
    fn apply(&mut self, at: usize, count: usize, after: Vec<ReviewBead>, selected: usize) {
        let before = self.review.beads[at..at + count].to_vec();
        self.splice(at, count, &after);
        let step = Step {
            at,
            before,
            after,
            selected_before: self.selected,
            selected_after: selected,
            id: self.next_id,
        };
        self.next_id += 1;
        self.selected = selected;
        self.undo.push(step);
        self.redo.clear();
        debug_assert!(self.review.is_consistent());
    }

    /// Replace `count` beads from `at` with `beads`.
    fn splice(&mut self, at: usize, count: usize, beads: &[ReviewBead]) {
        self.review
            .beads
            .splice(at..at + count, beads.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;
    use proptest::prelude::*;

    /// A review of `n` source and `m` target sentences with the beads
    /// given as (source count, target count, confidence).
    fn review(n: usize, m: usize, shape: &[(usize, usize, f64)]) -> Review {
        let doc = |lang: &str, word: &str, k: usize| {
            Document::from_paragraphs(lang, vec![(0..k).map(|i| format!("{word} {i}.")).collect()])
        };
        let (mut i, mut j) = (0, 0);
        let beads = shape
            .iter()
            .map(|&(a, b, confidence)| {
                let bead = ReviewBead {
                    src: i..i + a,
                    tgt: j..j + b,
                    confidence,
                    reviewed: false,
                };
                (i, j) = (i + a, j + b);
                bead
            })
            .collect();
        let r = Review {
            src: doc("ar", "جملة", n),
            tgt: doc("en", "Sentence", m),
            beads,
        };
        assert!(r.is_consistent());
        r
    }

    /// Three 1-1 beads of confidences 0.9, 0.3, 0.8.
    fn three() -> Editor {
        Editor::new(review(3, 3, &[(1, 1, 0.9), (1, 1, 0.3), (1, 1, 0.8)]))
    }

    /// The beads' shapes as (source range, target range).
    fn shapes(e: &Editor) -> Vec<(Range<usize>, Range<usize>)> {
        e.review()
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    /// Undo the last step and check the review is back to `start`, then
    /// redo it and check it is `done` again.
    fn check_undo_redo(e: &mut Editor, start: &Review, start_selected: usize) {
        let done = e.review().clone();
        let done_selected = e.selected();
        e.undo().unwrap();
        assert_eq!(e.review(), start);
        assert_eq!(e.selected(), start_selected);
        assert!(!e.is_modified());
        e.redo().unwrap();
        assert_eq!(e.review(), &done);
        assert_eq!(e.selected(), done_selected);
        assert!(e.is_modified());
    }

    #[test]
    fn merge_keeps_the_lower_confidence_and_is_not_reviewed() {
        let mut e = three();
        e.toggle_reviewed().unwrap();
        let start = e.review().clone();
        e.mark_saved();
        e.merge_next().unwrap();
        assert_eq!(shapes(&e), vec![(0..2, 0..2), (2..3, 2..3)]);
        let merged = &e.review().beads[0];
        assert_eq!(merged.confidence, 0.3);
        assert!(!merged.reviewed);
        check_undo_redo(&mut e, &start, 0);
    }

    #[test]
    fn the_last_bead_has_nothing_to_merge_with() {
        let mut e = three();
        e.select(2);
        assert_eq!(e.merge_next(), Err(Refused::LastBead));
        assert!(!e.can_undo());
        assert!(!e.is_modified());
    }

    #[test]
    fn give_to_next_moves_the_last_sentence_and_take_back_reverses_it() {
        let mut e = Editor::new(review(3, 2, &[(2, 1, 0.9), (1, 1, 0.4)]));
        let start = e.review().clone();
        e.give_to_next(Side::Source).unwrap();
        assert_eq!(shapes(&e), vec![(0..1, 0..1), (1..3, 1..2)]);
        assert_eq!(e.review().beads[0].confidence, 0.9);
        assert_eq!(e.review().beads[1].confidence, 0.4);
        check_undo_redo(&mut e, &start, 0);
        e.take_from_next(Side::Source).unwrap();
        assert_eq!(shapes(&e), shapes(&Editor::new(start.clone())));
        let mut e = Editor::new(start.clone());
        e.give_to_next(Side::Target).unwrap();
        assert_eq!(shapes(&e), vec![(0..2, 0..0), (2..3, 0..2)]);
        check_undo_redo(&mut e, &start, 0);
    }

    #[test]
    fn give_to_next_from_the_last_bead_makes_a_new_bead() {
        let mut e = Editor::new(review(2, 1, &[(2, 1, 0.7)]));
        let start = e.review().clone();
        e.give_to_next(Side::Source).unwrap();
        assert_eq!(shapes(&e), vec![(0..1, 0..1), (1..2, 1..1)]);
        assert_eq!(e.review().beads[1].confidence, 0.7);
        check_undo_redo(&mut e, &start, 0);
    }

    #[test]
    fn a_bead_is_never_emptied() {
        let mut e = Editor::new(review(2, 1, &[(1, 0, 0.7), (1, 1, 0.7)]));
        assert_eq!(
            e.give_to_next(Side::Source),
            Err(Refused::WouldEmpty(Side::Source))
        );
        assert_eq!(
            e.give_to_next(Side::Target),
            Err(Refused::NoSentence(Side::Target))
        );
        assert_eq!(
            e.no_counterpart(Side::Source),
            Err(Refused::WouldEmpty(Side::Source))
        );
        assert!(!e.can_undo());
    }

    #[test]
    fn taking_back_the_next_beads_only_sentence_removes_that_bead() {
        let mut e = Editor::new(review(2, 1, &[(1, 1, 0.8), (1, 0, 0.6)]));
        let start = e.review().clone();
        e.take_from_next(Side::Source).unwrap();
        assert_eq!(shapes(&e), vec![(0..2, 0..1)]);
        assert_eq!(e.review().beads[0].confidence, 0.6);
        check_undo_redo(&mut e, &start, 0);
        e.undo().unwrap();
        assert_eq!(
            e.take_from_next(Side::Target),
            Err(Refused::NoSentence(Side::Target))
        );
        e.select(1);
        assert_eq!(e.take_from_next(Side::Source), Err(Refused::LastBead));
    }

    #[test]
    fn no_counterpart_detaches_the_last_sentence() {
        let mut e = three();
        e.select(1);
        let start = e.review().clone();
        e.no_counterpart(Side::Source).unwrap();
        assert_eq!(
            shapes(&e),
            vec![(0..1, 0..1), (1..1, 1..2), (1..2, 2..2), (2..3, 2..3)]
        );
        check_undo_redo(&mut e, &start, 1);
        e.undo().unwrap();
        e.no_counterpart(Side::Target).unwrap();
        assert_eq!(
            shapes(&e),
            vec![(0..1, 0..1), (1..2, 1..1), (2..2, 1..2), (2..3, 2..3)]
        );
        assert!(e.review().beads[1..3].iter().all(|b| b.confidence == 0.3));
    }

    #[test]
    fn space_toggles_reviewed_and_undo_takes_it_back() {
        let mut e = three();
        let start = e.review().clone();
        e.toggle_reviewed().unwrap();
        assert!(e.review().beads[0].reviewed);
        assert_eq!(e.reviewed_count(), 1);
        check_undo_redo(&mut e, &start, 0);
        e.toggle_reviewed().unwrap();
        assert!(!e.review().beads[0].reviewed);
    }

    #[test]
    fn undo_and_redo_run_out() {
        let mut e = three();
        assert_eq!(e.undo(), Err(Refused::NothingToUndo));
        assert_eq!(e.redo(), Err(Refused::NothingToRedo));
        e.merge_next().unwrap();
        e.undo().unwrap();
        e.toggle_reviewed().unwrap();
        // A new correction forgets the undone one.
        assert_eq!(e.redo(), Err(Refused::NothingToRedo));
    }

    #[test]
    fn unsaved_changes_follow_undo_and_save() {
        let mut e = three();
        assert!(!e.is_modified());
        e.merge_next().unwrap();
        assert!(e.is_modified());
        e.mark_saved();
        assert!(!e.is_modified());
        e.undo().unwrap();
        assert!(e.is_modified(), "the saved file holds the merge");
        e.redo().unwrap();
        assert!(!e.is_modified());
        e.undo().unwrap();
        e.toggle_reviewed().unwrap();
        assert!(e.is_modified(), "a different edit is not the saved state");
    }

    #[test]
    fn doubtful_beads_are_low_and_not_yet_reviewed() {
        let mut e = Editor::new(review(
            4,
            4,
            &[(1, 1, 0.2), (1, 1, 0.9), (1, 1, 0.45), (1, 1, 0.6)],
        ));
        assert_eq!(e.doubtful_count(), 2);
        assert_eq!(
            e.next_doubtful(),
            Some(Found {
                bead: 2,
                wrapped: false
            })
        );
        assert_eq!(
            e.next_doubtful(),
            Some(Found {
                bead: 0,
                wrapped: true
            })
        );
        assert_eq!(
            e.prev_doubtful(),
            Some(Found {
                bead: 2,
                wrapped: true
            })
        );
        e.toggle_reviewed().unwrap();
        assert_eq!(e.doubtful_count(), 1);
        assert_eq!(e.next_doubtful().map(|f| f.bead), Some(0));
        e.doubtful_below(0.7);
        assert_eq!(e.doubtful_count(), 2);
        assert_eq!(e.next_doubtful().map(|f| f.bead), Some(3));
        e.doubtful_below(0.1);
        assert_eq!(e.next_doubtful(), None);
        assert_eq!(e.selected(), 3);
    }

    #[test]
    fn search_finds_either_language_folded() {
        let src = Document::from_paragraphs(
            "ar",
            vec![vec!["افتتح المِيناء.".into(), "قال الوزير.".into()]],
        );
        let tgt = Document::from_paragraphs(
            "en",
            vec![vec!["The port opened.".into(), "The Minister said.".into()]],
        );
        let beads = vec![
            ReviewBead {
                src: 0..1,
                tgt: 0..1,
                confidence: 1.0,
                reviewed: false,
            },
            ReviewBead {
                src: 1..2,
                tgt: 1..2,
                confidence: 1.0,
                reviewed: false,
            },
        ];
        let mut e = Editor::new(Review { src, tgt, beads });
        assert_eq!(e.search("minister", true).map(|f| f.bead), Some(1));
        assert_eq!(
            e.search("الميناء", true),
            Some(Found {
                bead: 0,
                wrapped: true
            })
        );
        assert_eq!(e.search("PORT", false).map(|f| f.bead), Some(0));
        assert_eq!(e.search("harbour", true), None);
        assert_eq!(e.search("  ", true), None);
        assert_eq!(e.selected(), 0);
    }

    #[test]
    fn an_empty_review_refuses_everything() {
        let mut e = Editor::new(review(0, 0, &[]));
        assert_eq!(e.merge_next(), Err(Refused::NoBead));
        assert_eq!(e.toggle_reviewed(), Err(Refused::NoBead));
        assert_eq!(e.give_to_next(Side::Source), Err(Refused::NoBead));
        assert_eq!(e.no_counterpart(Side::Target), Err(Refused::NoBead));
        assert_eq!(e.next_doubtful(), None);
        assert_eq!(e.search("x", true), None);
        e.move_by(3);
        assert_eq!(e.selected(), 0);
    }

    /// What the property test does: select bead `k % len`, then one operation.
    #[derive(Debug, Clone)]
    enum Op {
        Merge,
        Give(Side),
        Take(Side),
        Alone(Side),
        Toggle,
        Undo,
        Redo,
    }

    fn side() -> impl Strategy<Value = Side> {
        prop_oneof![Just(Side::Source), Just(Side::Target)]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Merge),
            side().prop_map(Op::Give),
            side().prop_map(Op::Take),
            side().prop_map(Op::Alone),
            Just(Op::Toggle),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    /// A consistent review: bead shapes drawn from the usual kinds, as many
    /// as fit `n` source and `m` target sentences.
    fn any_review() -> impl Strategy<Value = Review> {
        (
            0usize..8,
            0usize..8,
            proptest::collection::vec((0usize..5, 0.0f64..1.0), 0..16),
        )
            .prop_map(|(n, m, picks)| {
                const KINDS: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];
                let (mut i, mut j) = (0, 0);
                let mut shape = Vec::new();
                for (pick, confidence) in picks {
                    let (a, b) = KINDS[pick];
                    if i + a <= n && j + b <= m {
                        shape.push((a, b, confidence));
                        (i, j) = (i + a, j + b);
                    }
                }
                // Whatever is left goes into a last bead.
                if i < n || j < m {
                    shape.push((n - i, m - j, 0.5));
                }
                review(n, m, &shape)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn operations_keep_consistency_and_undo_restores_the_start(
            start in any_review(),
            ops in proptest::collection::vec((0usize..16, op()), 0..24),
        ) {
            let mut e = Editor::new(start.clone());
            for (k, op) in &ops {
                e.select(k % e.len().max(1));
                let _ = match op {
                    Op::Merge => e.merge_next(),
                    Op::Give(s) => e.give_to_next(*s),
                    Op::Take(s) => e.take_from_next(*s),
                    Op::Alone(s) => e.no_counterpart(*s),
                    Op::Toggle => e.toggle_reviewed(),
                    Op::Undo => e.undo(),
                    Op::Redo => e.redo(),
                };
                prop_assert!(e.review().is_consistent(), "after {op:?}: {:?}", e.review().beads);
                prop_assert!(e.selected() < e.len().max(1));
            }
            let end = e.review().clone();
            let mut undone = 0;
            while e.can_undo() {
                e.undo().unwrap();
                undone += 1;
                prop_assert!(e.review().is_consistent());
            }
            prop_assert_eq!(e.review(), &start);
            prop_assert!(!e.is_modified());
            for _ in 0..undone {
                e.redo().unwrap();
            }
            prop_assert_eq!(e.review(), &end);
        }
    }
}
