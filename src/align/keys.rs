//! Match keys: the hashes by which a word of one side can meet a word of the
//! other (a translation, a number, a cognate, a name skeleton), and the
//! compact per-token key lists built from them.

use std::collections::{HashMap, HashSet};

use crate::hash::{fnv1a_from, OFFSET};

/// Hash of a match key: a namespace byte and a string (FNV-1a: stable
/// across runs, fast on short strings).
pub(super) fn key(space: u8, s: &str) -> u64 {
    fnv1a_from(fnv1a_from(OFFSET, &[space]), s.as_bytes())
}

pub(super) const KEY_WORD: u8 = b'w';
pub(super) const KEY_FORM: u8 = b'f';
pub(super) const KEY_SAME: u8 = b'i';
pub(super) const KEY_NUMBER: u8 = b'n';
pub(super) const KEY_NAME: u8 = b'k';

/// Hasher for keys that are already hashes: use the value itself.
#[derive(Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a_from(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E3779B97F4A7C15);
    }
}

pub(super) type KeyBuild = std::hash::BuildHasherDefault<KeyHasher>;
/// Match keys of the translations of a stored form, by the form's key.
pub(super) type TranslationKeys = HashMap<u64, Box<[u64]>, KeyBuild>;
/// A set of match keys.
pub(super) type KeySet = HashSet<u64, KeyBuild>;
/// A word table learned from the text: source stem key to target keys.
pub(super) type Learned = HashMap<u64, Vec<u64>, KeyBuild>;

/// The match keys of a sentence's tokens, one list per token, in one
/// allocation (a sentence has tens of tokens; a long text, a million).
#[derive(Debug, Clone, Default)]
pub(super) struct KeyLists {
    pub(super) keys: Vec<u64>,
    pub(super) ends: Vec<u32>,
}

impl KeyLists {
    /// Number of tokens.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Add a token's keys; returns whether it had any.
    pub(super) fn push(&mut self, keys: impl Iterator<Item = u64>) -> bool {
        let before = self.keys.len();
        self.keys.extend(keys);
        self.ends.push(self.keys.len() as u32);
        self.keys.len() > before
    }

    /// Add all tokens of `other`.
    pub(super) fn append(&mut self, other: &KeyLists) {
        for list in other.iter() {
            self.push(list.iter().copied());
        }
    }

    /// Each token's keys.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u64]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&e| e as usize));
        starts
            .zip(self.ends.iter())
            .map(|(a, &b)| &self.keys[a..b as usize])
    }
}
