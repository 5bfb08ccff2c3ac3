//! Articles as vectors over the keys both pools hold, the inverted index
//! that finds candidates, and the comparison of two articles as wholes and
//! as beginnings.

use std::collections::HashMap;

use super::keys::{kind, ArticleKeys, KeyKind};
use crate::hash::FnvBuild;

/// The keys both sides hold, numbered, with their weight and kind.
#[derive(Debug, Default)]
pub(crate) struct KeySpace {
    /// Inverse document frequency by key id.
    pub(crate) idf: Vec<f32>,
    /// Kind by key id.
    pub(crate) kinds: Vec<KeyKind>,
}

/// An article over the key space.
#[derive(Debug, Default)]
pub(crate) struct Article {
    /// Unit TF-IDF vector: (key id, weight), sorted by id.
    pub(crate) vector: Vec<(u32, f32)>,
    /// The first sentence holding each key of `vector`.
    pub(crate) first: Vec<u16>,
    /// The key ids of each sentence, sorted, one sentence after the other.
    pub(crate) sentence_keys: Vec<u32>,
    /// Where each sentence's keys end in `sentence_keys`.
    pub(crate) sentence_ends: Vec<u32>,
}

impl Article {
    /// Sentences.
    pub(crate) fn len(&self) -> usize {
        self.sentence_ends.len()
    }

    /// The key ids of sentence `k`.
    pub(crate) fn sentence(&self, k: usize) -> &[u32] {
        let start = if k == 0 {
            0
        } else {
            self.sentence_ends[k - 1] as usize
        };
        &self.sentence_keys[start..self.sentence_ends[k] as usize]
    }
}

/// How many sentences of a longer article a translation of `n` sentences
/// can cover when it translates the article's beginning: a little more
/// than `n`, since the translator may join sentences.
pub(crate) fn reach(n: usize) -> usize {
    n + n / 4 + 1
}

/// The sorted keys of a side's articles, each with the number of articles
/// holding it. A sort rather than a hash map: the pool's keys number in the
/// millions, and a sorted list of them takes a few bytes each.
fn document_frequencies(side: &[ArticleKeys]) -> Vec<(u64, u32)> {
    use rayon::prelude::*;
    let mut all: Vec<u64> = side
        .iter()
        .flat_map(|a| a.counts.iter().map(|c| c.0))
        .collect();
    all.par_sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for k in all {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1,
            _ => out.push((k, 1)),
        }
    }
    out
}

/// Number the keys both sides hold and turn each article into an
/// [`Article`]. Keys on one side only are dropped: they cannot meet
/// anything. The inverse document frequency counts the articles of both
/// sides.
pub(crate) fn articles(
    src: &[ArticleKeys],
    tgt: &[ArticleKeys],
) -> (KeySpace, Vec<Article>, Vec<Article>) {
    use rayon::prelude::*;
    let (src_df, tgt_df) = rayon::join(|| document_frequencies(src), || document_frequencies(tgt));
    // One more than the articles: a key in every article still weighs a
    // little, so a pool of one article a side can pair.
    let total = (src.len() + tgt.len() + 1) as f64;
    let mut ids: HashMap<u64, u32, FnvBuild> = HashMap::default();
    let mut space = KeySpace::default();
    let (mut i, mut j) = (0, 0);
    while i < src_df.len() && j < tgt_df.len() {
        let ((a, na), (b, nb)) = (src_df[i], tgt_df[j]);
        match a.cmp(&b) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let idf = (total / (na + nb) as f64).ln() as f32;
                if idf > 0.0 {
                    ids.insert(a, space.idf.len() as u32);
                    space.idf.push(idf);
                    space.kinds.push(kind(a));
                }
                i += 1;
                j += 1;
            }
        }
    }
    drop((src_df, tgt_df));
    let convert = |side: &[ArticleKeys]| -> Vec<Article> {
        side.par_iter()
            .map(|keys| article(keys, &ids, &space.idf))
            .collect()
    };
    let (src, tgt) = rayon::join(|| convert(src), || convert(tgt));
    (space, src, tgt)
}

/// One article's keys over the key space.
fn article(keys: &ArticleKeys, ids: &HashMap<u64, u32, FnvBuild>, idf: &[f32]) -> Article {
    let mut entries: Vec<(u32, f32, u16)> = keys
        .counts
        .iter()
        .filter_map(|&(k, n, first)| {
            let id = *ids.get(&k)?;
            Some((id, n * idf[id as usize], first))
        })
        .collect();
    entries.sort_unstable_by_key(|e| e.0);
    let norm = entries.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    let mut out = Article {
        vector: entries.iter().map(|e| (e.0, e.1 / norm)).collect(),
        first: entries.iter().map(|e| e.2).collect(),
        ..Article::default()
    };
    let mut start = 0;
    for &end in &keys.sentence_ends {
        let before = out.sentence_keys.len();
        out.sentence_keys.extend(
            keys.sentence_keys[start..end as usize]
                .iter()
                .filter_map(|k| ids.get(k).copied()),
        );
        out.sentence_keys[before..].sort_unstable();
        out.sentence_ends.push(out.sentence_keys.len() as u32);
        start = end as usize;
    }
    out.sentence_keys.shrink_to_fit();
    out
}

/// One posting: an article holding a key, the key's weight there, and the
/// first sentence holding it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    pub(crate) article: u32,
    pub(crate) weight: f32,
    pub(crate) first: u16,
}

/// The articles of one side by key id.
pub(crate) struct Index {
    ends: Vec<u32>,
    postings: Vec<Posting>,
}

impl Index {
    /// The index of `articles` over a space of `keys` key ids.
    pub(crate) fn new(articles: &[Article], keys: usize) -> Self {
        let mut ends = vec![0u32; keys + 1];
        for a in articles {
            for &(id, _) in &a.vector {
                ends[id as usize + 1] += 1;
            }
        }
        for k in 1..ends.len() {
            ends[k] += ends[k - 1];
        }
        let mut fill = ends.clone();
        let mut postings = vec![
            Posting {
                article: 0,
                weight: 0.0,
                first: 0
            };
            ends[keys] as usize
        ];
        for (d, a) in articles.iter().enumerate() {
            for (&(id, weight), &first) in a.vector.iter().zip(&a.first) {
                let slot = &mut fill[id as usize];
                postings[*slot as usize] = Posting {
                    article: d as u32,
                    weight,
                    first,
                };
                *slot += 1;
            }
        }
        ends.remove(0);
        Index { ends, postings }
    }

    /// The postings of key `id`.
    pub(crate) fn postings(&self, id: u32) -> &[Posting] {
        let start = if id == 0 {
            0
        } else {
            self.ends[id as usize - 1] as usize
        };
        &self.postings[start..self.ends[id as usize] as usize]
    }
}

/// Two articles compared: their cosine, the cosine of the longer one's
/// beginning with the shorter (a shortened translation keeps the
/// beginning of the story), and the keys they share by kind.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Comparison {
    pub(crate) cosine: f32,
    pub(crate) lead_cosine: f32,
    pub(crate) shared: [u32; 3],
}

/// Compare two articles (see [`Comparison`]).
pub(crate) fn compare(a: &Article, b: &Article, space: &KeySpace) -> Comparison {
    // Only the longer article is cut, to the part the shorter can cover.
    let a_cut = if a.len() > reach(b.len()) {
        reach(b.len())
    } else {
        usize::MAX
    };
    let b_cut = if b.len() > reach(a.len()) {
        reach(a.len())
    } else {
        usize::MAX
    };
    let prefix_norm = |x: &Article, cut: usize| -> f32 {
        x.vector
            .iter()
            .zip(&x.first)
            .filter(|(_, &f)| (f as usize) < cut)
            .map(|(e, _)| e.1 * e.1)
            .sum::<f32>()
            .sqrt()
    };
    let (mut i, mut j) = (0, 0);
    let mut c = Comparison::default();
    let mut lead_dot = 0.0;
    while i < a.vector.len() && j < b.vector.len() {
        let (ka, kb) = (a.vector[i].0, b.vector[j].0);
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let dot = a.vector[i].1 * b.vector[j].1;
                c.cosine += dot;
                if (a.first[i] as usize) < a_cut && (b.first[j] as usize) < b_cut {
                    lead_dot += dot;
                }
                c.shared[space.kinds[ka as usize] as usize] += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c.lead_cosine = if a_cut == usize::MAX && b_cut == usize::MAX {
        c.cosine
    } else {
        let na = if a_cut == usize::MAX {
            1.0
        } else {
            prefix_norm(a, a_cut)
        };
        let nb = if b_cut == usize::MAX {
            1.0
        } else {
            prefix_norm(b, b_cut)
        };
        if na > 0.0 && nb > 0.0 {
            (lead_dot / (na * nb)).min(1.0)
        } else {
            0.0
        }
    };
    c
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An article of the given sentences, each a list of keys.
    pub(crate) fn keys(sentences: &[&[u64]]) -> ArticleKeys {
        let mut out = ArticleKeys::default();
        let mut counts: HashMap<u64, (f32, u16)> = HashMap::new();
        for (s, keys) in sentences.iter().enumerate() {
            let mut sorted = keys.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            for &k in &sorted {
                counts.entry(k).or_insert((0.0, s as u16)).0 += 1.0;
            }
            out.sentence_keys.extend(sorted);
            out.sentence_ends.push(out.sentence_keys.len() as u32);
        }
        out.counts = counts.into_iter().map(|(k, (n, f))| (k, n, f)).collect();
        out.counts.sort_unstable_by_key(|c| c.0);
        out
    }

    #[test]
    fn a_translation_of_the_beginning_matches_the_beginning_best() {
        // The English translates the Arabic's first sentence only; a second
        // Arabic article holds the same sentence near its end.
        let opening: &[u64] = &[1, 2, 3];
        let ar = [
            keys(&[opening, &[10, 11], &[12, 13], &[14, 15], &[16, 17]]),
            keys(&[&[20, 21], &[22, 23], &[24, 25], &[26, 27], opening]),
        ];
        // A second English article holds every other key, so that none is
        // dropped and both Arabic articles weigh the same.
        let rest: Vec<u64> = (10..18).chain(20..28).collect();
        let en = [keys(&[opening]), keys(&[&rest])];
        let (space, ar, en) = articles(&ar, &en);
        let start = compare(&ar[0], &en[0], &space);
        let end = compare(&ar[1], &en[0], &space);
        assert!(
            (start.cosine - end.cosine).abs() < 1e-6,
            "{start:?} {end:?}"
        );
        assert!(start.lead_cosine > start.cosine + 0.2, "{start:?}");
        assert!(end.lead_cosine < 0.1, "{end:?}");
        assert_eq!(start.shared.iter().sum::<u32>(), 3);
    }

    #[test]
    fn the_index_lists_each_article_under_its_keys() {
        let ar = [keys(&[&[1, 2]]), keys(&[&[2], &[3]])];
        let en = [keys(&[&[1, 2, 3]])];
        let (space, ar, _) = articles(&ar, &en);
        let index = Index::new(&ar, space.idf.len());
        // Keys 1, 2, 3 sorted: ids 0, 1, 2.
        let list = |id: u32| -> Vec<(u32, u16)> {
            index
                .postings(id)
                .iter()
                .map(|p| (p.article, p.first))
                .collect()
        };
        assert_eq!(list(0), vec![(0, 0)]);
        assert_eq!(list(1), vec![(0, 0), (1, 0)]);
        assert_eq!(list(2), vec![(1, 1)]);
    }
}
