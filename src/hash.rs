//! FNV-1a, the one hash of jisr's own tables and keys: stable across runs
//! and builds (a cache key must be), no dependency, fast on the short
//! strings it sees (words). Std's SipHash resists keys chosen to collide,
//! which a word list is not worth its cost for.

/// FNV-1a's starting state (the offset basis).
pub(crate) const OFFSET: u64 = 0xcbf29ce484222325;

/// FNV-1a's 64-bit prime.
pub(crate) const PRIME: u64 = 0x100000001b3;

/// FNV-1a of `bytes`, continued from the state `h` ([`OFFSET`] to start):
/// `fnv1a_from(fnv1a_from(OFFSET, a), b)` hashes `a` then `b`. `const`, so a
/// key can be computed at compile time.
pub(crate) const fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    let mut k = 0;
    while k < bytes.len() {
        h = (h ^ bytes[k] as u64).wrapping_mul(PRIME);
        k += 1;
    }
    h
}

/// FNV-1a of `bytes`.
pub(crate) const fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(OFFSET, bytes)
}

/// [`fnv1a`] as a [`std::hash::Hasher`], for hash maps of words.
#[derive(Debug, Clone, Copy)]
pub struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(OFFSET)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a_from(self.0, bytes);
    }
}

/// Builds [`FnvHasher`]s.
pub type FnvBuild = std::hash::BuildHasherDefault<FnvHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hasher;

    #[test]
    fn known_values_and_pieces() {
        // The FNV-1a 64-bit test vectors.
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
        assert_eq!(fnv1a_from(fnv1a(b"foo"), b"bar"), fnv1a(b"foobar"));
        let mut hasher = FnvHasher::default();
        hasher.write(b"foo");
        hasher.write(b"bar");
        assert_eq!(hasher.finish(), fnv1a(b"foobar"));
    }
}
