//! A cache of stemmed dictd dictionaries, so that each run does not parse
//! and stem FreeDict's 140,000 entries again.
//!
//! A cache file holds a dictionary's entries as jisr stems them (see
//! [`crate::lexicon`]): each entry's headword stems and the stem pairs it
//! gives. It is tied to the dictionary files (path, size, modification time)
//! and to the source code that stems and reads them (a hash of it, compiled
//! in): when either changes, the cache is rebuilt. Different builds keep
//! their own files (the newest few per dictionary are kept). A file is
//! written to a temporary file and renamed, so a reader never sees half a
//! file, and a cache that cannot be read or written only costs the parse.
//!
//! The format is private to jisr: a header line, a fingerprint line, then
//! entries as length-prefixed UTF-8 strings (little-endian `u16` lengths).

use std::io::Write;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use crate::hash::fnv1a;

const MAGIC: &[u8] = b"jisr dictd cache 1\n";

/// Hash of the sources that decide what a cache file holds: folding and
/// tokens, stemming and stop words, dictd parsing, and this format.
const SOURCES: u64 = fnv1a(include_bytes!("../language/fold.rs"))
    ^ fnv1a(include_bytes!("../language/tokens.rs")).rotate_left(8)
    ^ fnv1a(include_bytes!("../language/stem.rs")).rotate_left(16)
    ^ fnv1a(include_bytes!("mod.rs")).rotate_left(32)
    ^ fnv1a(include_bytes!("cache.rs")).rotate_left(48);

/// Cache files kept per dictionary (for different builds of jisr).
const KEEP: usize = 3;

/// Where stemmed dictionaries are kept between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictCache {
    dir: PathBuf,
}

/// A stemmed dictionary entry: the headword's content stems and the
/// (source, target) stem pairs it gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CachedEntry {
    /// Content stems of the headword.
    pub head: Vec<String>,
    /// Source and target stems.
    pub pairs: Vec<(String, String)>,
}

impl DictCache {
    /// A cache in `dir` (created when first written).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DictCache { dir: dir.into() }
    }

    /// The cache the environment asks for: `$JISR_CACHE_DIR` (empty turns
    /// caching off), else `jisr` in the user's cache folder:
    /// `$XDG_CACHE_HOME` when absolute, else `~/.cache` (Linux, macOS),
    /// `%LOCALAPPDATA%` (Windows). None when there is no home folder.
    pub fn from_env() -> Option<Self> {
        if let Some(dir) = std::env::var_os("JISR_CACHE_DIR") {
            return (!dir.is_empty()).then(|| DictCache::new(dir));
        }
        // etcetera's command-line convention (bat's too): XDG folders on
        // macOS as on Linux, the known folders on Windows.
        let base = etcetera::choose_base_strategy().ok()?;
        Some(DictCache::new(base.cache_dir().join("jisr")))
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The encoded entries of the dictionary `index` + `data` read with
    /// `headword_is_src`: from the cache when it is current, otherwise from
    /// `build`, whose result is then stored (failures to store are ignored:
    /// the cache only saves time).
    pub fn load<E>(
        &self,
        index: &Path,
        data: &Path,
        headword_is_src: bool,
        build: impl FnOnce() -> Result<Encoded, E>,
    ) -> Result<Encoded, E> {
        let fingerprint = fingerprint(index, data, headword_is_src);
        let file = self.file_for(index, headword_is_src);
        if let Some(fp) = &fingerprint {
            if let Some(encoded) = read(&file, fp) {
                return Ok(encoded);
            }
        }
        let encoded = build()?;
        if let Some(fp) = &fingerprint {
            if self.write(&file, fp, &encoded).is_ok() {
                self.prune(&file);
            }
        }
        Ok(encoded)
    }

    /// `NAME-PATHHASH-SIDE-SOURCES.bin`: one file per dictionary, direction
    /// and build; the part before SOURCES names the dictionary's files.
    fn file_for(&self, index: &Path, headword_is_src: bool) -> PathBuf {
        let canonical = std::fs::canonicalize(index).unwrap_or_else(|_| index.to_path_buf());
        let name = index
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hash = fnv1a(canonical.to_string_lossy().as_bytes());
        let side = if headword_is_src { "h" } else { "g" };
        self.dir
            .join(format!("{name}-{hash:016x}-{side}-{SOURCES:016x}.bin"))
    }

    /// Remove all but the newest [`KEEP`] files of the dictionary `file` is for.
    fn prune(&self, file: &Path) {
        let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let Some((dictionary, _)) = name.rsplit_once('-') else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|e| {
                e.file_name().to_str().is_some_and(|n| {
                    n.strip_prefix(dictionary)
                        .and_then(|rest| rest.strip_prefix('-'))
                        .is_some_and(|rest| rest.len() == 20 && rest.ends_with(".bin"))
                })
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.0));
        for (_, old) in files.into_iter().skip(KEEP) {
            if old != file {
                let _ = std::fs::remove_file(old);
            }
        }
    }

    fn write(&self, file: &Path, fingerprint: &str, encoded: &Encoded) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".jisr-cache")
            .tempfile_in(&self.dir)?;
        tmp.write_all(MAGIC)?;
        tmp.write_all(fingerprint.as_bytes())?;
        tmp.write_all(b"\n")?;
        tmp.write_all(&encoded.0)?;
        // No fsync: a file damaged by a crash fails the checks when read and
        // is rebuilt, which is all a cache needs.
        tmp.persist(file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What a cache file depends on, or `None` when a file cannot be examined.
fn fingerprint(index: &Path, data: &Path, headword_is_src: bool) -> Option<String> {
    let stamp = |p: &Path| -> Option<String> {
        let meta = std::fs::metadata(p).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let canonical = std::fs::canonicalize(p).ok()?;
        Some(format!(
            "{}:{}:{}",
            canonical.display(),
            meta.len(),
            mtime.as_nanos()
        ))
    };
    let fp = format!(
        "{} {SOURCES:016x} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        stamp(index)?,
        stamp(data)?,
        headword_is_src,
    );
    // One line, whatever the paths hold.
    Some(fp.replace(['\n', '\r'], " "))
}

/// Largest cache file read: a dictionary's stem pairs take a small multiple
/// of its size at most, so anything bigger was not written by jisr.
const MAX_CACHE_SIZE: u64 = 4 * crate::lexicon::MAX_DICT_SIZE;

/// The cached entries when `file` exists, matches `fingerprint` and decodes.
fn read(file: &Path, fingerprint: &str) -> Option<Encoded> {
    if !crate::input::text::is_regular_file(file) {
        return None;
    }
    let bytes = crate::input::text::read_limited(file, MAX_CACHE_SIZE).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let rest = rest.strip_prefix(fingerprint.as_bytes())?;
    let body = rest.strip_prefix(b"\n")?;
    let encoded = Encoded(body.to_vec());
    encoded.for_each(|_, _| {})?;
    Some(encoded)
}

/// Entries in the cache's encoding, walked without building strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded(Vec<u8>);

impl Encoded {
    /// Encode entries.
    pub fn new(entries: &[CachedEntry]) -> Self {
        let mut w = EncodedWriter::new();
        for e in entries {
            w.begin(&e.head);
            for (a, b) in &e.pairs {
                w.pair(a, b);
            }
            w.end();
        }
        w.finish()
    }

    /// Call `visit(head stems, pairs)` for each entry in order; `None` when
    /// the encoding is damaged (entries before the damage were visited).
    pub fn for_each(&self, mut visit: impl FnMut(&[&str], &[(&str, &str)])) -> Option<()> {
        let mut r = Reader(&self.0);
        let count = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let mut head: Vec<&str> = Vec::new();
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for _ in 0..count {
            head.clear();
            pairs.clear();
            for _ in 0..r.u16()? {
                head.push(r.str()?);
            }
            for _ in 0..r.u16()? {
                pairs.push((r.str()?, r.str()?));
            }
            visit(&head, &pairs);
        }
        r.0.is_empty().then_some(())
    }
}

/// Builds an [`Encoded`] entry by entry, without an owned string per stem.
#[derive(Debug)]
pub struct EncodedWriter {
    /// A 4-byte entry count (written by `finish`), then the entries.
    bytes: Vec<u8>,
    count: u32,
    /// Where the open entry starts, and its pair count.
    entry: usize,
    pairs_at: usize,
    pairs: u16,
}

impl Default for EncodedWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl EncodedWriter {
    /// No entries yet.
    pub fn new() -> Self {
        EncodedWriter {
            bytes: vec![0; 4],
            count: 0,
            entry: 4,
            pairs_at: 4,
            pairs: 0,
        }
    }

    fn put(&mut self, s: &str) {
        // Stems are words: far below 64 KiB; a longer one is cut at a
        // character boundary rather than corrupting the file.
        let mut end = s.len().min(u16::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.bytes.extend_from_slice(&(end as u16).to_le_bytes());
        self.bytes.extend_from_slice(&s.as_bytes()[..end]);
    }

    /// Open an entry with its headword stems.
    pub fn begin(&mut self, head: &[impl AsRef<str>]) {
        self.entry = self.bytes.len();
        let heads = head.len().min(u16::MAX as usize);
        self.bytes.extend_from_slice(&(heads as u16).to_le_bytes());
        for h in &head[..heads] {
            self.put(h.as_ref());
        }
        self.pairs_at = self.bytes.len();
        self.bytes.extend_from_slice(&[0, 0]);
        self.pairs = 0;
    }

    /// Add a (source, target) stem pair to the open entry.
    pub fn pair(&mut self, a: &str, b: &str) {
        if self.pairs < u16::MAX {
            self.put(a);
            self.put(b);
            self.pairs += 1;
        }
    }

    /// Pairs in the open entry.
    pub fn pairs(&self) -> u16 {
        self.pairs
    }

    /// Close the open entry.
    pub fn end(&mut self) {
        self.bytes[self.pairs_at..self.pairs_at + 2].copy_from_slice(&self.pairs.to_le_bytes());
        self.count += 1;
    }

    /// Drop the open entry.
    pub fn abandon(&mut self) {
        self.bytes.truncate(self.entry);
    }

    /// Add the entries of another writer after these.
    pub fn append(&mut self, other: EncodedWriter) {
        self.bytes.extend_from_slice(&other.bytes[4..]);
        self.count += other.count;
    }

    /// The encoding.
    pub fn finish(mut self) -> Encoded {
        self.bytes[..4].copy_from_slice(&self.count.to_le_bytes());
        Encoded(self.bytes)
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.u16()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_encodings_are_refused_not_panicked_on() {
        use proptest::prelude::*;
        let valid = Encoded::new(&entries()).0;
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(500));
        let damage = (
            prop::collection::vec(any::<u8>(), 0..64),
            0..valid.len(),
            any::<bool>(),
        );
        runner
            .run(&damage, |(noise, at, splice)| {
                // Noise alone, and noise written over or into a valid file.
                let mut bytes = valid.clone();
                if splice {
                    bytes.splice(at..at, noise.iter().copied());
                } else {
                    bytes.truncate(at);
                    bytes.extend(&noise);
                }
                for b in [noise, bytes] {
                    let mut visited = 0usize;
                    let _ = Encoded(b.clone()).for_each(|_, _| visited += 1);
                    // Every entry takes at least its two counts.
                    prop_assert!(visited <= b.len() / 4);
                }
                Ok(())
            })
            .unwrap();
    }

    fn entries() -> Vec<CachedEntry> {
        vec![
            CachedEntry {
                head: vec!["مدرس".into()],
                pairs: vec![("مدرس".into(), "school".into())],
            },
            CachedEntry {
                head: vec!["new".into(), "york".into()],
                pairs: vec![
                    ("نيويورك".into(), "new".into()),
                    ("نيويورك".into(), "york".into()),
                ],
            },
        ]
    }

    fn decoded(e: &Encoded) -> Vec<CachedEntry> {
        let mut out = Vec::new();
        e.for_each(|h, p| {
            out.push(CachedEntry {
                head: h.iter().map(|s| s.to_string()).collect(),
                pairs: p
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            })
        })
        .unwrap();
        out
    }

    #[test]
    fn entries_round_trip() {
        assert_eq!(decoded(&Encoded::new(&entries())), entries());
    }

    #[test]
    fn damaged_encoding_is_refused() {
        let good = Encoded::new(&entries()).0;
        for cut in [0, 3, 7, good.len() - 1] {
            assert!(Encoded(good[..cut].to_vec()).for_each(|_, _| {}).is_none());
        }
        let mut extra = good.clone();
        extra.push(0);
        assert!(Encoded(extra).for_each(|_, _| {}).is_none());
    }

    /// A folder with a (stand-in) dictionary `d.index` + `d.dict` and a
    /// cache in `cache/` (not yet created).
    fn dictionary_and_cache() -> (tempfile::TempDir, PathBuf, PathBuf, DictCache) {
        let dir = tempfile::tempdir().unwrap();
        let (index, data) = (dir.path().join("d.index"), dir.path().join("d.dict"));
        std::fs::write(&index, "x\n").unwrap();
        std::fs::write(&data, "y\n").unwrap();
        let cache = DictCache::new(dir.path().join("cache"));
        (dir, index, data, cache)
    }

    #[test]
    fn files_of_other_builds_are_pruned_to_the_newest_few() {
        let (_dir, index, data, cache) = dictionary_and_cache();
        let ours = cache.file_for(&index, true);
        let name = ours.file_name().unwrap().to_str().unwrap().to_string();
        let (prefix, _) = name.rsplit_once('-').unwrap();
        std::fs::create_dir_all(cache.dir()).unwrap();
        let day = std::time::Duration::from_secs(86_400);
        let other = |k: u64| cache.dir().join(format!("{prefix}-{k:016x}.bin"));
        for k in 1..=4u64 {
            let f = std::fs::File::create(other(k)).unwrap();
            f.set_modified(std::time::SystemTime::now() - day * k as u32)
                .unwrap();
        }
        // Another dictionary's file is not touched.
        let unrelated = cache
            .dir()
            .join("other-dictionary-0000000000000001-h-0000000000000001.bin");
        std::fs::write(&unrelated, "").unwrap();
        cache
            .load(&index, &data, true, || -> Result<_, ()> {
                Ok(Encoded::new(&entries()))
            })
            .unwrap();
        assert!(ours.exists());
        let kept: Vec<bool> = (1..=4).map(|k| other(k).exists()).collect();
        assert_eq!(
            kept,
            [true, true, false, false],
            "the two newest others stay"
        );
        assert!(unrelated.exists());
    }

    #[test]
    fn second_load_reads_the_cache_and_a_changed_dictionary_rebuilds_it() {
        let (dir, index, data, cache) = dictionary_and_cache();
        let builds = std::cell::Cell::new(0);
        let load = |cache: &DictCache| {
            cache
                .load(&index, &data, true, || -> Result<_, ()> {
                    builds.set(builds.get() + 1);
                    Ok(Encoded::new(&entries()))
                })
                .unwrap()
        };
        let first = load(&cache);
        let second = load(&cache);
        assert_eq!(first, second);
        assert_eq!(decoded(&second), entries());
        std::fs::write(&data, "changed, and longer\n").unwrap();
        load(&cache);
        // A damaged cache file is rebuilt, not trusted.
        let file = std::fs::read_dir(dir.path().join("cache"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "bin"))
            .unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(decoded(&load(&cache)), entries());
        assert_eq!(builds.get(), 3);
    }
}
