//! What an editor changed between two versions of a translation.
//!
//! # Method
//!
//! 1. **Sentence alignment, monolingual.** The old and the new English share
//!    most of their words, so a pair of sentences is scored by the Dice
//!    coefficient over their word multisets (lower-cased words and numbers,
//!    punctuation ignored). A monotone dynamic program over the two sentence
//!    lists picks the cheapest path of beads: 1-1 (same or edited sentence),
//!    1-0 (deleted), 0-1 (inserted), 2-1 (two old sentences merged into one)
//!    and 1-2 (one split in two). A 2-1 or 1-2 bead is only allowed when each
//!    of its two sentences finds at least [`DiffOptions::part_containment`] of
//!    its words in the other side, so that a merge cannot swallow an unrelated
//!    deletion. Sentences that occur once in each version, word for word,
//!    anchor the path (as in Patience diff), and between anchors the program
//!    fills a band around the diagonal (the full table when the gap is small,
//!    as in every article), so the cost is linear in n + m for n old and m new
//!    sentences whatever the texts; see `sentences.rs`.
//! 2. **Moves.** A deleted old sentence whose near-identical copy (Dice at
//!    least [`DiffOptions::moved_similarity`]) was inserted elsewhere is one
//!    [`SegmentKind::Moved`] segment, shown where it now stands. Candidate
//!    pairs share a rare word (prefix filtering, see `moves.rs`), so the cost
//!    is near linear rather than O(d · i) for d deletions and i insertions.
//! 3. **Word changes.** Inside every segment that has both sides, the old and
//!    new text are compared with `similar` over Unicode words, whitespace and
//!    punctuation as tokens (Patience diff, bounded by a deadline), then
//!    tidied so that a run of changed words reads as one deletion followed by
//!    one insertion. [`char_detail`] refines a single changed word into
//!    character changes when only a few characters differ (a corrected name
//!    or number).
//! 4. **Source.** With the Arabic original, the old English is aligned to it
//!    with the bilingual [`Aligner`], and every segment carries the source
//!    sentences its old sentences translate; segments with no old sentence
//!    take theirs from the new English's alignment to the source.
//!
//! No colour here: [`view`] renders [`Diff`] as text, JSON lines or HTML.

mod moves;
mod sentences;
pub mod view;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};
use unicode_segmentation::UnicodeSegmentation;

use crate::align::{Aligner, Alignment};
use crate::document::Document;
use sentences::{Bag, Costs, Versions, Vocabulary};

/// What happened to a segment between the old and the new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Same sentence, word for word, in the same place.
    Unchanged,
    /// One old sentence became one new sentence with different words.
    Edited,
    /// A new sentence with no old counterpart.
    Inserted,
    /// An old sentence with no new counterpart.
    Deleted,
    /// Two old sentences became one.
    Merged,
    /// One old sentence became two.
    Split,
    /// An old sentence now stands elsewhere (possibly also edited).
    Moved,
}

impl SegmentKind {
    /// All kinds, in the order summaries list them.
    pub const ALL: [SegmentKind; 7] = [
        SegmentKind::Unchanged,
        SegmentKind::Edited,
        SegmentKind::Inserted,
        SegmentKind::Deleted,
        SegmentKind::Merged,
        SegmentKind::Split,
        SegmentKind::Moved,
    ];

    /// The lower-case name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Unchanged => "unchanged",
            SegmentKind::Edited => "edited",
            SegmentKind::Inserted => "inserted",
            SegmentKind::Deleted => "deleted",
            SegmentKind::Merged => "merged",
            SegmentKind::Split => "split",
            SegmentKind::Moved => "moved",
        }
    }
}

impl std::fmt::Display for SegmentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One step of a text change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeOp {
    /// Text in both versions.
    Equal,
    /// Text only in the old version.
    Delete,
    /// Text only in the new version.
    Insert,
}

/// A run of text with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Equal, deleted or inserted.
    pub op: ChangeOp,
    /// The text, spaces included.
    pub text: String,
}

impl Change {
    fn new(op: ChangeOp, text: impl Into<String>) -> Self {
        Change {
            op,
            text: text.into(),
        }
    }
}

/// A group of old and new sentences that correspond, with their source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// What happened.
    pub kind: SegmentKind,
    /// Indexes of the source sentences translated (empty without a source).
    pub src: Vec<usize>,
    /// Indexes of the old sentences (empty when inserted).
    pub old: Vec<usize>,
    /// Indexes of the new sentences (empty when deleted).
    pub new: Vec<usize>,
    /// Word-level changes from the old text to the new text (all one
    /// [`ChangeOp::Equal`] run when unchanged, one delete or insert run when
    /// deleted or inserted).
    pub changes: Vec<Change>,
}

impl Segment {
    /// Is this segment a change (anything but [`SegmentKind::Unchanged`])?
    pub fn is_change(&self) -> bool {
        self.kind != SegmentKind::Unchanged
    }
}

/// Counts of a diff, for the one-line summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of segments of each kind, in [`SegmentKind::ALL`] order.
    pub kinds: Vec<(SegmentKind, usize)>,
    /// Words in inserted text.
    pub words_added: usize,
    /// Words in deleted text.
    pub words_removed: usize,
}

impl Summary {
    /// Number of segments of `kind`.
    pub fn count(&self, kind: SegmentKind) -> usize {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }
}

impl std::fmt::Display for Summary {
    /// `2 edited, 1 inserted, 15 unchanged; 12 words added, 9 removed`
    /// (kinds with a zero count left out, unchanged last).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts: Vec<String> = self
            .kinds
            .iter()
            .filter(|(k, n)| *n > 0 && *k != SegmentKind::Unchanged)
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        if parts.is_empty() {
            parts.push("no change".to_string());
        }
        parts.push(format!("{} unchanged", self.count(SegmentKind::Unchanged)));
        write!(
            f,
            "{}; {} words added, {} removed",
            parts.join(", "),
            self.words_added,
            self.words_removed
        )
    }
}

/// The result of comparing two versions of a translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The source document, when one was given.
    pub src: Option<Document>,
    /// The old version.
    pub old: Document,
    /// The new version.
    pub new: Document,
    /// The segments, in the order of the new version (deleted segments where
    /// the old sentence stood).
    pub segments: Vec<Segment>,
}

impl Diff {
    /// Did anything change?
    pub fn has_changes(&self) -> bool {
        self.segments.iter().any(Segment::is_change)
    }

    /// Segment counts and words added and removed.
    pub fn summary(&self) -> Summary {
        let mut kinds: Vec<(SegmentKind, usize)> =
            SegmentKind::ALL.iter().map(|k| (*k, 0)).collect();
        let (mut added, mut removed) = (0, 0);
        for s in &self.segments {
            if let Some(slot) = kinds.iter_mut().find(|(k, _)| *k == s.kind) {
                slot.1 += 1;
            }
            for c in &s.changes {
                match c.op {
                    ChangeOp::Insert => added += c.text.unicode_words().count(),
                    ChangeOp::Delete => removed += c.text.unicode_words().count(),
                    ChangeOp::Equal => {}
                }
            }
        }
        Summary {
            kinds,
            words_added: added,
            words_removed: removed,
        }
    }

    /// Source sentences of a segment joined with spaces (empty without a source).
    pub fn src_text(&self, seg: &Segment) -> String {
        self.src
            .as_ref()
            .map_or(String::new(), |d| join(d, &seg.src))
    }

    /// Old sentences of a segment joined with spaces.
    pub fn old_text(&self, seg: &Segment) -> String {
        join(&self.old, &seg.old)
    }

    /// New sentences of a segment joined with spaces.
    pub fn new_text(&self, seg: &Segment) -> String {
        join(&self.new, &seg.new)
    }
}

fn join(doc: &Document, ids: &[usize]) -> String {
    ids.iter()
        .filter_map(|&i| doc.sentences.get(i))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tuning of the monolingual alignment. The defaults were checked on the four
/// revised articles of `corpora/`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DiffOptions {
    /// Below this Dice similarity a 1-1 pair costs more than a deletion plus
    /// an insertion, so unrelated sentences are not paired.
    pub min_similarity: f64,
    /// Each sentence of a 2-1 or 1-2 bead must find this share of its words
    /// on the other side.
    pub part_containment: f64,
    /// A deletion and an insertion at least this similar are one move.
    pub moved_similarity: f64,
    /// Words that differ in at most this many characters are shown
    /// character by character by [`char_detail`].
    pub max_char_edits: usize,
    /// Time allowed to each word diff before `similar` settles for a coarser one.
    pub word_diff_timeout: Duration,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            min_similarity: 0.4,
            part_containment: 0.5,
            moved_similarity: 0.8,
            max_char_edits: 3,
            word_diff_timeout: Duration::from_millis(200),
        }
    }
}

setters!(DiffOptions {
    /// Sets the Dice similarity below which sentences are not paired 1-1.
    min_similarity: f64,
    /// Sets the share of its words each part of a 2-1 or 1-2 bead must find.
    part_containment: f64,
    /// Sets the similarity from which a deletion and an insertion are a move.
    moved_similarity: f64,
    /// Sets the character difference up to which words are shown character
    /// by character.
    max_char_edits: usize,
    /// Sets the time allowed to each word diff.
    word_diff_timeout: Duration,
});

/// Compares two versions of a translation.
#[derive(Debug, Clone, Default)]
pub struct Differ {
    options: DiffOptions,
}

impl Differ {
    /// A differ with these options.
    pub fn new(options: DiffOptions) -> Self {
        Differ { options }
    }

    /// The options.
    pub fn options(&self) -> &DiffOptions {
        &self.options
    }

    /// Compare `old` and `new` with no source.
    pub fn diff(&self, old: &Document, new: &Document) -> Diff {
        let segments = self.segments(old, new);
        Diff {
            src: None,
            old: old.clone(),
            new: new.clone(),
            segments,
        }
    }

    /// Compare `old` and `new`, both translations of `src`, aligning them to
    /// it with `aligner` so that every segment names its source sentences.
    pub fn diff_with_source(
        &self,
        aligner: &Aligner,
        src: &Document,
        old: &Document,
        new: &Document,
    ) -> Diff {
        let old_al = aligner.align(src, old);
        let new_al = aligner.align(src, new);
        let mut diff = self.diff(old, new);
        attach_source(&mut diff.segments, &old_al, &new_al);
        diff.src = Some(src.clone());
        diff
    }

    /// Align, detect moves, and compute word changes.
    fn segments(&self, old: &Document, new: &Document) -> Vec<Segment> {
        let mut vocabulary = Vocabulary::default();
        let old_bags: Vec<Bag> = old
            .sentences
            .iter()
            .map(|s| vocabulary.bag(&s.text))
            .collect();
        let new_bags: Vec<Bag> = new
            .sentences
            .iter()
            .map(|s| vocabulary.bag(&s.text))
            .collect();
        let old_text: Vec<&str> = old.sentences.iter().map(|s| s.text.as_str()).collect();
        let new_text: Vec<&str> = new.sentences.iter().map(|s| s.text.as_str()).collect();
        let versions = Versions {
            old_text: &old_text,
            new_text: &new_text,
            old: &old_bags,
            new: &new_bags,
        };
        let costs = Costs {
            min_similarity: self.options.min_similarity,
            part_containment: self.options.part_containment,
        };
        let (beads, _) = sentences::align(&versions, costs);
        let mut segments: Vec<Segment> = beads
            .into_iter()
            .map(|(o, n)| {
                let kind = match (o.len(), n.len()) {
                    (0, _) => SegmentKind::Inserted,
                    (_, 0) => SegmentKind::Deleted,
                    (2, 1) => SegmentKind::Merged,
                    (1, 2) => SegmentKind::Split,
                    _ if old.sentences[o[0]].text == new.sentences[n[0]].text => {
                        SegmentKind::Unchanged
                    }
                    _ => SegmentKind::Edited,
                };
                Segment {
                    kind,
                    src: Vec::new(),
                    old: o,
                    new: n,
                    changes: Vec::new(),
                }
            })
            .collect();
        self.find_moves(&mut segments, &old_bags, &new_bags);
        for seg in &mut segments {
            let o = join(old, &seg.old);
            let n = join(new, &seg.new);
            seg.changes = match seg.kind {
                SegmentKind::Unchanged => vec![Change::new(ChangeOp::Equal, o)],
                SegmentKind::Deleted => vec![Change::new(ChangeOp::Delete, o)],
                SegmentKind::Inserted => vec![Change::new(ChangeOp::Insert, n)],
                _ => word_changes(&o, &n, self.options.word_diff_timeout),
            };
        }
        segments
    }

    /// Pair deletions with near-identical insertions, best pairs first; the
    /// move is kept where the sentence now stands.
    fn find_moves(&self, segments: &mut Vec<Segment>, old: &[Bag], new: &[Bag]) {
        let of_kind = |kind: SegmentKind| -> Vec<usize> {
            (0..segments.len())
                .filter(|&k| segments[k].kind == kind)
                .collect()
        };
        let (deleted, inserted) = (
            of_kind(SegmentKind::Deleted),
            of_kind(SegmentKind::Inserted),
        );
        let del_bags: Vec<&Bag> = deleted.iter().map(|&d| &old[segments[d].old[0]]).collect();
        let ins_bags: Vec<&Bag> = inserted.iter().map(|&k| &new[segments[k].new[0]]).collect();
        let mut pairs: Vec<(f64, usize, usize)> =
            moves::similar_pairs(&del_bags, &ins_bags, self.options.moved_similarity)
                .into_iter()
                .map(|(sim, d, k)| (sim, deleted[d], inserted[k]))
                .collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used = vec![false; segments.len()];
        for (_, d, k) in pairs {
            if used[d] || used[k] {
                continue;
            }
            used[d] = true;
            used[k] = true;
            let from = segments[d].old.clone();
            let seg = &mut segments[k];
            seg.kind = SegmentKind::Moved;
            seg.old = from;
        }
        // The deletions that became moves go; one pass, not one removal each.
        let mut k = 0;
        segments.retain(|s| {
            let gone = used[k] && s.kind == SegmentKind::Deleted;
            k += 1;
            !gone
        });
    }
}

/// Give every segment the source sentences its sentences translate.
fn attach_source(segments: &mut [Segment], old_al: &Alignment, new_al: &Alignment) {
    let map = |al: &Alignment| {
        let mut m: HashMap<usize, Vec<usize>> = HashMap::new();
        for b in &al.beads {
            for t in b.tgt.clone() {
                m.entry(t).or_default().extend(b.src.clone());
            }
        }
        m
    };
    let (old_map, new_map) = (map(old_al), map(new_al));
    for seg in segments {
        let (ids, m) = if seg.old.is_empty() {
            (&seg.new, &new_map)
        } else {
            (&seg.old, &old_map)
        };
        let mut src: Vec<usize> = ids
            .iter()
            .filter_map(|i| m.get(i))
            .flatten()
            .copied()
            .collect();
        src.sort_unstable();
        src.dedup();
        seg.src = src;
    }
}

/// Word-level changes from `old` to `new`: words, whitespace and punctuation
/// are the tokens; a run of changes with only spaces between them becomes
/// one deletion followed by one insertion.
pub fn word_changes(old: &str, new: &str, timeout: Duration) -> Vec<Change> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .deadline(Instant::now() + timeout)
        .diff_unicode_words(old, new);
    let raw: Vec<Change> = diff
        .iter_all_changes()
        .map(|c| {
            let op = match c.tag() {
                ChangeTag::Equal => ChangeOp::Equal,
                ChangeTag::Delete => ChangeOp::Delete,
                ChangeTag::Insert => ChangeOp::Insert,
            };
            Change::new(op, c.value())
        })
        .collect();
    tidy(raw)
}

/// Group changes: a whitespace-only equal run between two changed runs joins
/// the change (on both sides, so that both texts stay whole), and every
/// changed run is written as its deletion then its insertion. Whitespace at
/// both ends of both sides goes back to the equal text around it.
fn tidy(raw: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let mut pending_space = String::new();
    for c in raw {
        match c.op {
            ChangeOp::Equal if c.text.trim().is_empty() && (!del.is_empty() || !ins.is_empty()) => {
                pending_space.push_str(&c.text);
            }
            ChangeOp::Equal => {
                flush_run(&mut out, &mut del, &mut ins);
                push_merged(
                    &mut out,
                    Change::new(ChangeOp::Equal, std::mem::take(&mut pending_space)),
                );
                push_merged(&mut out, c);
            }
            ChangeOp::Delete | ChangeOp::Insert => {
                del.push_str(&pending_space);
                ins.push_str(&pending_space);
                pending_space.clear();
                if c.op == ChangeOp::Delete {
                    del.push_str(&c.text);
                } else {
                    ins.push_str(&c.text);
                }
            }
        }
    }
    flush_run(&mut out, &mut del, &mut ins);
    push_merged(&mut out, Change::new(ChangeOp::Equal, pending_space));
    out
}

/// Write one changed run (deletion, then insertion) after `out`.
fn flush_run(out: &mut Vec<Change>, del: &mut String, ins: &mut String) {
    if del.is_empty() && ins.is_empty() {
        return;
    }
    let lead = common_prefix_space(del, ins);
    push_merged(out, Change::new(ChangeOp::Equal, &del[..lead]));
    del.drain(..lead);
    ins.drain(..lead);
    let trail = common_suffix_space(del, ins);
    let tail = del[del.len() - trail..].to_string();
    del.truncate(del.len() - trail);
    ins.truncate(ins.len() - trail);
    push_merged(out, Change::new(ChangeOp::Delete, std::mem::take(del)));
    push_merged(out, Change::new(ChangeOp::Insert, std::mem::take(ins)));
    push_merged(out, Change::new(ChangeOp::Equal, tail));
}

/// Bytes of whitespace both strings start with.
fn common_prefix_space(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y && x.is_whitespace())
        .map(|((i, x), _)| i + x.len_utf8())
        .last()
        .unwrap_or(0)
}

/// Bytes of whitespace both strings end with.
fn common_suffix_space(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Append `c`, merged into the last change when it has the same op; empty
/// text is dropped.
fn push_merged(out: &mut Vec<Change>, c: Change) {
    if c.text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == c.op => last.text.push_str(&c.text),
        _ => out.push(c),
    }
}

/// The character-level view: every deletion of one word followed by an
/// insertion of one word that differs in at most `max_edits` characters
/// (a corrected name or number) is replaced by character changes; all other
/// changes are kept as they are.
pub fn char_detail(changes: &[Change], max_edits: usize) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let mut k = 0;
    while k < changes.len() {
        let c = &changes[k];
        if let (ChangeOp::Delete, Some(next)) = (c.op, changes.get(k + 1)) {
            if next.op == ChangeOp::Insert {
                if let Some(fine) = char_changes(&c.text, &next.text, max_edits) {
                    for f in fine {
                        push_merged(&mut out, f);
                    }
                    k += 2;
                    continue;
                }
            }
        }
        push_merged(&mut out, c.clone());
        k += 1;
    }
    out
}

/// Character changes between two single words, when they are few.
fn char_changes(old: &str, new: &str, max_edits: usize) -> Option<Vec<Change>> {
    let one_word = |s: &str| !s.is_empty() && !s.chars().any(char::is_whitespace);
    if !one_word(old) || !one_word(new) {
        return None;
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(old, new);
    let mut out: Vec<Change> = Vec::new();
    let (mut edits, mut kept) = (0, 0);
    for c in diff.iter_all_changes() {
        let op = match c.tag() {
            ChangeTag::Equal => {
                kept += 1;
                ChangeOp::Equal
            }
            ChangeTag::Delete => {
                edits += 1;
                ChangeOp::Delete
            }
            ChangeTag::Insert => {
                edits += 1;
                ChangeOp::Insert
            }
        };
        push_merged(&mut out, Change::new(op, c.value()));
    }
    // Few edits, and most of the word kept: otherwise it is a different word.
    (edits <= max_edits && kept * 2 >= old.chars().count().max(new.chars().count())).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paragraphs: &[&[&str]]) -> Document {
        Document::from_paragraphs(
            "en",
            paragraphs
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect(),
        )
    }

    const A: &str = "The authority announced a plan to expand the main port on Sunday.";
    const B: &str = "Cargo volumes at the port grew by 3.5 percent last year.";
    const C: &str = "Analysts attribute the growth to shipping lines leaving the Red Sea.";
    const D: &str = "Some analysts warn that the growth may not last very long.";
    const E: &str = "The project will create about 7,000 jobs during construction.";

    fn kinds(d: &Diff) -> Vec<SegmentKind> {
        d.segments.iter().map(|s| s.kind).collect()
    }

    fn one(d: &Diff, kind: SegmentKind) -> &Segment {
        let found: Vec<_> = d.segments.iter().filter(|s| s.kind == kind).collect();
        assert_eq!(found.len(), 1, "{:?}", kinds(d));
        found[0]
    }

    #[test]
    fn identical_documents_are_unchanged() {
        let old = doc(&[&[A, B], &[C]]);
        let d = Differ::default().diff(&old, &old);
        assert_eq!(kinds(&d), vec![SegmentKind::Unchanged; 3]);
        assert!(!d.has_changes());
        assert_eq!(
            d.summary().to_string(),
            "no change, 3 unchanged; 0 words added, 0 removed"
        );
    }

    #[test]
    fn edited_word_is_a_word_change() {
        let old = doc(&[&[A, B, C]]);
        let new = doc(&[&[A, &B.replace("last", "this"), C]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Edited);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![1], vec![1]));
        let changed: Vec<_> = s
            .changes
            .iter()
            .filter(|c| c.op != ChangeOp::Equal)
            .collect();
        assert_eq!(
            changed,
            vec![
                &Change::new(ChangeOp::Delete, "last"),
                &Change::new(ChangeOp::Insert, "this")
            ]
        );
        assert_eq!((d.summary().words_added, d.summary().words_removed), (1, 1));
    }

    #[test]
    fn inserted_sentence() {
        let old = doc(&[&[A, B, C]]);
        let new = doc(&[&[A, B, E, C]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Inserted);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![], vec![2]));
        assert_eq!(s.changes, vec![Change::new(ChangeOp::Insert, E)]);
    }

    #[test]
    fn deleted_sentence() {
        let old = doc(&[&[A, B, C, D]]);
        let new = doc(&[&[A, B, D]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Deleted);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![2], vec![]));
        assert_eq!(d.segments.len(), 4);
    }

    #[test]
    fn merged_sentences() {
        let old = doc(&[&[
            A,
            "She advised people to drink at least 3 litres of water a day.",
            "They should avoid going outdoors between 11 a.m. and 4 p.m., she added.",
            C,
        ]]);
        let new = doc(&[&[A, "She advised people to drink at least 3 litres of water a day and to stay indoors between 11 a.m. and 4 p.m. if possible.", C]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Merged);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![1, 2], vec![1]));
    }

    #[test]
    fn split_sentence() {
        let old = doc(&[&[A, "The project will be financed with loans from local banks, while the authority will cover the rest.", C]]);
        let new = doc(&[&[
            A,
            "The project will be financed with loans from local banks.",
            "The authority will cover the rest.",
            C,
        ]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Split);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![1], vec![1, 2]));
        assert!(s
            .changes
            .iter()
            .any(|c| c.op == ChangeOp::Delete && c.text.contains("while")));
    }

    #[test]
    fn moved_sentence_is_one_segment_where_it_now_stands() {
        let old = doc(&[&[A, B], &[C, D, E]]);
        let new = doc(&[&[A, E, B], &[C, D]]);
        let d = Differ::default().diff(&old, &new);
        let s = one(&d, SegmentKind::Moved);
        assert_eq!((s.old.clone(), s.new.clone()), (vec![4], vec![1]));
        assert_eq!(d.segments.len(), 5, "{:?}", kinds(&d));
        assert_eq!(d.segments[1].kind, SegmentKind::Moved);
        assert!(s.changes.iter().all(|c| c.op == ChangeOp::Equal));
    }

    #[test]
    fn a_merge_does_not_swallow_an_unrelated_deletion() {
        let old = doc(&[&[
            A,
            B,
            "The authority's revenue rose to $1.3 billion, up 8 percent year on year.",
            C,
        ]]);
        let new = doc(&[&[A, &B.replace("3.5", "3.8"), C]]);
        let d = Differ::default().diff(&old, &new);
        assert_eq!(
            kinds(&d),
            vec![
                SegmentKind::Unchanged,
                SegmentKind::Edited,
                SegmentKind::Deleted,
                SegmentKind::Unchanged
            ]
        );
    }

    #[test]
    fn corrected_name_is_shown_by_characters() {
        let changes = word_changes(
            "spokesman Mahmoud Shaheen said",
            "spokesman Mahmoud Shahin said",
            Duration::from_secs(1),
        );
        assert_eq!(
            char_detail(&changes, 3),
            vec![
                Change::new(ChangeOp::Equal, "spokesman Mahmoud Shah"),
                Change::new(ChangeOp::Delete, "ee"),
                Change::new(ChangeOp::Insert, "i"),
                Change::new(ChangeOp::Equal, "n said"),
            ]
        );
        // A different word stays a word change.
        let changes = word_changes("to last until", "to continue until", Duration::from_secs(1));
        assert_eq!(char_detail(&changes, 3), changes);
    }

    #[test]
    fn changed_words_read_as_one_deletion_then_one_insertion() {
        let changes = word_changes(
            "he said it was very hot today",
            "he said temperatures were rising today",
            Duration::from_secs(1),
        );
        assert_eq!(
            changes,
            vec![
                Change::new(ChangeOp::Equal, "he said "),
                Change::new(ChangeOp::Delete, "it was very hot"),
                Change::new(ChangeOp::Insert, "temperatures were rising"),
                Change::new(ChangeOp::Equal, " today"),
            ]
        );
    }

    #[test]
    fn source_is_attached_from_the_bilingual_alignment() {
        use crate::align::{Bead, Signals};
        let bead = |src: std::ops::Range<usize>, tgt: std::ops::Range<usize>| Bead {
            src,
            tgt,
            confidence: 1.0,
            paragraph: (0, 0),
            signals: Signals::default(),
        };
        // Old: ar 0 -> en 0, ar 1 -> en 1-2. New: ar 0 -> en 0, ar 1 -> en 1, ar 2 -> en 2.
        let old_al = Alignment {
            beads: vec![bead(0..1, 0..1), bead(1..2, 1..3)],
        };
        let new_al = Alignment {
            beads: vec![bead(0..1, 0..1), bead(1..2, 1..2), bead(2..3, 2..3)],
        };
        let seg = |kind, old: Vec<usize>, new: Vec<usize>| Segment {
            kind,
            src: vec![],
            old,
            new,
            changes: vec![],
        };
        let mut segs = vec![
            seg(SegmentKind::Unchanged, vec![0], vec![0]),
            seg(SegmentKind::Merged, vec![1, 2], vec![1]),
            seg(SegmentKind::Inserted, vec![], vec![2]),
        ];
        attach_source(&mut segs, &old_al, &new_al);
        let src: Vec<Vec<usize>> = segs.iter().map(|s| s.src.clone()).collect();
        assert_eq!(src, vec![vec![0], vec![1], vec![2]]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const WORDS: &[&str] = &[
            "port", "plan", "the", "3.5", "grew", "Shaheen", "said", "of", "a", "year",
        ];

        fn sentence() -> impl Strategy<Value = String> {
            proptest::collection::vec(0..WORDS.len(), 1..8).prop_map(|ws| {
                let words: Vec<&str> = ws.into_iter().map(|k| WORDS[k]).collect();
                format!("{}.", words.join(" "))
            })
        }

        fn document() -> impl Strategy<Value = Document> {
            proptest::collection::vec(proptest::collection::vec(sentence(), 1..4), 1..4)
                .prop_map(|ps| Document::from_paragraphs("en", ps))
        }

        proptest! {
            /// Every old and every new sentence is in exactly one segment, and
            /// the changes of a segment rebuild both of its texts.
            #[test]
            fn segments_cover_both_versions_and_rebuild_them(old in document(), new in document()) {
                let d = Differ::default().diff(&old, &new);
                let mut olds: Vec<usize> = d.segments.iter().flat_map(|s| s.old.clone()).collect();
                let mut news: Vec<usize> = d.segments.iter().flat_map(|s| s.new.clone()).collect();
                olds.sort_unstable();
                news.sort_unstable();
                prop_assert_eq!(olds, (0..old.len()).collect::<Vec<_>>());
                prop_assert_eq!(news.clone(), (0..new.len()).collect::<Vec<_>>());
                // New sentences come in order.
                let order: Vec<usize> = d.segments.iter().flat_map(|s| s.new.clone()).collect();
                prop_assert_eq!(order, news);
                for seg in &d.segments {
                    for (side, text) in [(ChangeOp::Delete, d.old_text(seg)), (ChangeOp::Insert, d.new_text(seg))] {
                        let rebuilt: String = seg
                            .changes
                            .iter()
                            .filter(|c| c.op == ChangeOp::Equal || c.op == side)
                            .map(|c| c.text.as_str())
                            .collect();
                        prop_assert_eq!(&rebuilt, &text);
                        let fine: String = char_detail(&seg.changes, 3)
                            .iter()
                            .filter(|c| c.op == ChangeOp::Equal || c.op == side)
                            .map(|c| c.text.as_str())
                            .collect();
                        prop_assert_eq!(&fine, &text);
                    }
                }
                prop_assert!(!Differ::default().diff(&old, &old).has_changes());
                // Identical texts have no change.
                if old.sentences.iter().map(|x| &x.text).eq(new.sentences.iter().map(|x| &x.text)) {
                    prop_assert!(!d.has_changes());
                }
            }
        }
    }
}
