//! Lexicon learning: a word table from the confident 1-1 beads of a first
//! pass, over all documents of a batch.

use std::collections::HashMap;

use super::keys::{KeyBuild, Learned};
use super::model::Params;
use super::words::Side;
use super::{Alignment, Prepared};

/// Learn a word table from the confident 1-1 beads of a first pass (but
/// those of a sentence whose words ran together: see
/// `SentenceInfo::opaque`): pairs of stems seen together at least twice
/// with a Dice coefficient of 0.6 or more. Over all documents of a batch;
/// cost linear in the words of the beads times the words of their partners.
pub(super) fn learn(
    prepared: &[Prepared],
    first: &[(Alignment, Params)],
    lookup_target: bool,
) -> Learned {
    use rayon::prelude::*;
    let stems = |side: &Side, k: usize| -> Vec<u64> {
        let mut v: Vec<u64> = side
            .sentence(k)
            .iter()
            .map(|&w| &side.words[w as usize])
            .filter(|w| !w.is_number)
            .map(|w| w.stem)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let beads: Vec<(Vec<u64>, Vec<u64>)> = prepared
        .par_iter()
        .zip(first)
        .flat_map_iter(|(prep, (al, _))| {
            al.beads
                .iter()
                .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.confidence > 0.6)
                // A sentence whose words ran together shows only some of
                // them, wrongly split at times: no table is learned from it.
                .filter(|b| !prep.src.lengths[b.src.start].1 && !prep.tgt.lengths[b.tgt.start].1)
                .map(|b| {
                    let (s, t) = (stems(&prep.src, b.src.start), stems(&prep.tgt, b.tgt.start));
                    // From the side that is looked up to the other.
                    if lookup_target {
                        (t, s)
                    } else {
                        (s, t)
                    }
                })
        })
        .collect();
    let mut src_count: HashMap<u64, u32, KeyBuild> = HashMap::default();
    let mut tgt_count: HashMap<u64, u32, KeyBuild> = HashMap::default();
    for (ss, ts) in &beads {
        for a in ss {
            *src_count.entry(*a).or_default() += 1;
        }
        for t in ts {
            *tgt_count.entry(*t).or_default() += 1;
        }
    }
    // Dice of a pair seen c times is at most that of c = the smaller count:
    // pairs that fail with it cannot pass, and are not counted.
    let dice = |c: u32, ca: u32, ct: u32| 2.0 * c as f64 / (ca + ct) as f64;
    let mut joint: HashMap<u64, (u64, u64, u32), KeyBuild> = HashMap::default();
    let mut targets: Vec<(u64, u32)> = Vec::new();
    for (ss, ts) in &beads {
        targets.clear();
        targets.extend(
            ts.iter()
                .map(|t| (*t, tgt_count[t]))
                .filter(|&(_, ct)| ct >= 2),
        );
        for a in ss {
            let ca = src_count[a];
            if ca < 2 {
                continue;
            }
            for &(t, ct) in &targets {
                if dice(ca.min(ct), ca, ct) >= 0.6 {
                    // Both are hashes already: mixed, they key the pair.
                    joint.entry(a.rotate_left(17) ^ t).or_insert((*a, t, 0)).2 += 1;
                }
            }
        }
    }
    let mut learned = Learned::default();
    for (_, (a, t, c)) in joint {
        if c >= 2 && dice(c, src_count[&a], tgt_count[&t]) >= 0.6 {
            learned.entry(a).or_default().push(t);
        }
    }
    learned
}
