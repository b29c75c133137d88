//! The duplicate index: remembers the fingerprints of recent articles (a bounded window, by
//! count and optionally by age, so memory stays flat on an endless stream) and says whether a
//! new article duplicates one of them, exactly (same normalized text) or nearly (similarity at
//! or above a threshold; candidates found by locality-sensitive hashing: 16 bands of 4 bins).
//!
//! Similarity is the MinHash estimate of the Jaccard index of the two shingle sets, or, when
//! the texts are of comparable length (the shorter at least half the longer), the estimated
//! containment of the shorter in the longer if that is higher: a re-published copy with its
//! last paragraph trimmed is contained in the original even when their Jaccard index is low.
//!
//! It must see articles in one order to be deterministic, so the pipeline runs it as one
//! sequential step after the parallel workers, in output order: with ordered output, the first
//! article in input order is the original and later ones point to it.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use copydesk_core::{Article, ArticleId, MINHASH_BINS, minhash_similarity};
use foldhash::fast::RandomState;

const BANDS: usize = 16;
/// Texts with fewer distinct shingles (about a dozen words) are matched exactly only: on so
/// few shingles a MinHash estimate is noise, and two one-line briefs that differ in a number
/// are different news.
const MIN_SHINGLES: u32 = 12;
const ROWS: usize = MINHASH_BINS / BANDS;

/// Settings of the duplicate index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DuplicateConfig {
    /// How many recent originals are remembered (0 turns detection off).
    pub window: usize,
    /// How long an original is remembered, if limited.
    pub max_age: Option<Duration>,
    /// Minimum estimated similarity (0..1) of a near-duplicate.
    pub threshold: f64,
}

impl Default for DuplicateConfig {
    fn default() -> DuplicateConfig {
        DuplicateConfig { window: 50_000, max_age: None, threshold: 0.8 }
    }
}

struct Entry {
    id: ArticleId,
    exact: String,
    minhash: Box<[u32; MINHASH_BINS]>,
    shingles: u32,
    bands: [u64; BANDS],
    inserted: Instant,
}

/// Recent originals and their fingerprints.
pub struct DuplicateIndex {
    cfg: DuplicateConfig,
    entries: VecDeque<Entry>,
    /// Sequence number of `entries[0]`.
    base: u64,
    exact: HashMap<String, u64, RandomState>,
    /// The originals by band key. Both maps hash with foldhash, seeded per process: their
    /// keys are hashes already (xxh3 of the text, of a band's bins), and the standard
    /// SipHash of 17 keys an article was needless work in this sequential step.
    bands: HashMap<u64, Seqs, RandomState>,
}

/// The originals (sequence numbers, oldest first) that share a band key: almost always one,
/// held without a vector (an allocation for each of 16 keys of every original).
enum Seqs {
    One(u64),
    Many(Vec<u64>),
}

impl Seqs {
    fn as_slice(&self) -> &[u64] {
        match self {
            Seqs::One(seq) => std::slice::from_ref(seq),
            Seqs::Many(seqs) => seqs,
        }
    }

    fn push(&mut self, seq: u64) {
        match self {
            Seqs::One(first) => *self = Seqs::Many(vec![*first, seq]),
            Seqs::Many(seqs) => seqs.push(seq),
        }
    }

    /// Removes `seq`; true when none is left.
    fn remove(&mut self, seq: u64) -> bool {
        match self {
            Seqs::One(s) => *s == seq,
            Seqs::Many(seqs) => {
                seqs.retain(|s| *s != seq);
                seqs.is_empty()
            }
        }
    }
}

impl std::fmt::Debug for DuplicateIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DuplicateIndex").field("cfg", &self.cfg).field("len", &self.len()).finish()
    }
}

impl DuplicateIndex {
    /// An empty index.
    pub fn new(cfg: DuplicateConfig) -> DuplicateIndex {
        DuplicateIndex {
            cfg,
            entries: VecDeque::new(),
            base: 0,
            exact: HashMap::default(),
            bands: HashMap::default(),
        }
    }

    /// Originals remembered now.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The original `article` duplicates, with the estimated similarity (1 for an exact
    /// duplicate); `None` for an original, which is then remembered. An article with the same
    /// id as a remembered one is the same article delivered again, not a duplicate.
    pub fn check(&mut self, article: &Article) -> Option<(ArticleId, f64)> {
        if self.cfg.window == 0 {
            return None;
        }
        self.expire(Instant::now());
        let fp = &article.fingerprint;
        if let Some(&seq) = self.exact.get(&fp.exact) {
            let e = &self.entries[(seq - self.base) as usize];
            return (e.id != article.id).then(|| (e.id.clone(), 1.0));
        }
        let minhash = fp.signature.as_ref()?;
        let near = fp.shingles >= MIN_SHINGLES;
        let bands = band_keys(minhash);
        let mut best: Option<(u64, f64)> = None;
        let mut seen = Vec::new();
        for key in bands.iter().filter(|_| near) {
            for &seq in self.bands.get(key).map_or(&[][..], Seqs::as_slice) {
                if seen.contains(&seq) {
                    continue;
                }
                seen.push(seq);
                let e = &self.entries[(seq - self.base) as usize];
                let sim = similarity(&e.minhash, e.shingles, minhash, fp.shingles);
                if sim >= self.cfg.threshold
                    && best.is_none_or(|(s, b)| sim > b || (sim == b && seq < s))
                {
                    best = Some((seq, sim));
                }
            }
        }
        if let Some((seq, sim)) = best {
            let e = &self.entries[(seq - self.base) as usize];
            if e.id != article.id {
                return Some((e.id.clone(), sim));
            }
            return None;
        }
        let entry = Entry {
            id: article.id.clone(),
            exact: fp.exact.clone(),
            minhash: minhash.clone(),
            shingles: fp.shingles,
            bands,
            inserted: Instant::now(),
        };
        self.insert(entry);
        None
    }

    fn insert(&mut self, entry: Entry) {
        let seq = self.base + self.entries.len() as u64;
        self.exact.insert(entry.exact.clone(), seq);
        if entry.shingles >= MIN_SHINGLES {
            for key in entry.bands {
                self.bands.entry(key).and_modify(|seqs| seqs.push(seq)).or_insert(Seqs::One(seq));
            }
        }
        self.entries.push_back(entry);
        while self.entries.len() > self.cfg.window {
            self.evict_front();
        }
    }

    fn expire(&mut self, now: Instant) {
        if let Some(age) = self.cfg.max_age {
            while self.entries.front().is_some_and(|e| now.duration_since(e.inserted) > age) {
                self.evict_front();
            }
        }
    }

    fn evict_front(&mut self) {
        let Some(e) = self.entries.pop_front() else { return };
        let seq = self.base;
        self.base += 1;
        if self.exact.get(&e.exact) == Some(&seq) {
            self.exact.remove(&e.exact);
        }
        for key in e.bands.iter().filter(|_| e.shingles >= MIN_SHINGLES) {
            if self.bands.get_mut(key).is_some_and(|seqs| seqs.remove(seq)) {
                self.bands.remove(key);
            }
        }
    }
}

fn band_keys(m: &[u32; MINHASH_BINS]) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let mut bytes = [0u8; 1 + ROWS * 4];
        bytes[0] = b as u8;
        for (r, v) in m[b * ROWS..(b + 1) * ROWS].iter().enumerate() {
            bytes[1 + r * 4..5 + r * 4].copy_from_slice(&v.to_le_bytes());
        }
        *key = xxhash_rust::xxh3::xxh3_64(&bytes);
    }
    keys
}

/// Jaccard estimate, or containment of the shorter text in the longer when they are of
/// comparable length and that is higher (see the module docs).
fn similarity(a: &[u32; MINHASH_BINS], na: u32, b: &[u32; MINHASH_BINS], nb: u32) -> f64 {
    let j = minhash_similarity(a, b);
    let (small, large) = (f64::from(na.min(nb)), f64::from(na.max(nb)));
    if small == 0.0 || small * 2.0 < large {
        return j;
    }
    // |A∩B| = J(|A|+|B|)/(1+J); containment = |A∩B| / |smaller|.
    let containment = (j * (small + large) / ((1.0 + j) * small)).min(1.0);
    j.max(containment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::{Fingerprint, Origin};

    fn article(id: &str, exact: &str, minhash: [u32; MINHASH_BINS]) -> Article {
        Article {
            schema: 1,
            id: ArticleId(id.into()),
            source: Origin::default(),
            url: None,
            published: None,
            author: None,
            authors: Vec::new(),
            credits: Vec::new(),
            received_at: String::new(),
            title: None,
            dateline: None,
            text: "x".into(),
            extraction: None,
            lang: None,
            counts: Default::default(),
            fingerprint: Fingerprint {
                exact: exact.into(),
                minhash: None,
                signature: Some(Box::new(minhash)),
                shingles: 100,
            },
            entities: Default::default(),
            quotes: vec![],
            keywords: vec![],
            tags: vec![],
            meta: Default::default(),
            duplicate_of: None,
            similarity: None,
        }
    }

    fn sig(seed: u32, changed: usize) -> [u32; MINHASH_BINS] {
        let mut m = [0u32; MINHASH_BINS];
        for (i, v) in m.iter_mut().enumerate() {
            *v = seed.wrapping_mul(1000).wrapping_add(i as u32);
            if i < changed {
                *v = v.wrapping_add(7_777_777);
            }
        }
        m
    }

    #[test]
    fn exact_and_near_duplicates_point_to_the_first() {
        let mut idx = DuplicateIndex::new(DuplicateConfig::default());
        assert_eq!(idx.check(&article("a", "h1", sig(1, 0))), None);
        assert_eq!(idx.check(&article("b", "h1", sig(9, 0))), Some((ArticleId("a".into()), 1.0)));
        // 6 of 64 bins differ: Jaccard 0.906; equal sizes: containment 2J/(1+J) = 0.951.
        let (of, sim) = idx.check(&article("c", "h2", sig(1, 6))).unwrap();
        assert_eq!(of.0, "a");
        let j = 58.0 / 64.0;
        assert!((sim - 2.0 * j / (1.0 + j)).abs() < 1e-9, "{sim}");
        // Too different: an original.
        assert_eq!(idx.check(&article("d", "h3", sig(1, 30))), None);
        assert_eq!(idx.check(&article("e", "h4", sig(2, 0))), None);
        assert_eq!(idx.len(), 3);
    }

    #[test]
    fn the_same_article_again_is_not_a_duplicate() {
        let mut idx = DuplicateIndex::new(DuplicateConfig::default());
        assert_eq!(idx.check(&article("a", "h1", sig(1, 0))), None);
        assert_eq!(idx.check(&article("a", "h1", sig(1, 0))), None);
        assert_eq!(idx.check(&article("a", "h9", sig(1, 2))), None);
    }

    #[test]
    fn originals_sharing_a_band_key_are_kept_in_order() {
        let mut seqs = Seqs::One(3);
        seqs.push(5);
        seqs.push(9);
        assert_eq!(seqs.as_slice(), [3, 5, 9]);
        assert!(!seqs.remove(5));
        assert_eq!(seqs.as_slice(), [3, 9]);
        assert!(!seqs.remove(3) && seqs.remove(9));
        assert!(Seqs::One(4).remove(4) && !Seqs::One(4).remove(5));
        // Through the index: three originals with the same first band (but different
        // enough), evicted oldest first, each band list emptied and dropped with the last.
        let mut idx = DuplicateIndex::new(DuplicateConfig { window: 2, ..Default::default() });
        for (i, id) in ["a", "b", "c"].into_iter().enumerate() {
            let mut m = sig(100 * (i as u32 + 1), 0);
            m[..ROWS].copy_from_slice(&[7; ROWS]);
            assert_eq!(idx.check(&article(id, id, m)), None);
        }
        assert_eq!(idx.len(), 2);
        // `a` (0) evicted; `b` (1) and `c` (2) share the first band's key, oldest first.
        let shared: Vec<&[u64]> =
            idx.bands.values().map(Seqs::as_slice).filter(|s| s.len() > 1).collect();
        assert_eq!(shared, [&[1, 2][..]]);
        assert_eq!(idx.bands.values().map(|s| s.as_slice().len()).sum::<usize>(), 2 * BANDS);
    }

    #[test]
    fn the_window_is_bounded() {
        let mut idx = DuplicateIndex::new(DuplicateConfig { window: 100, ..Default::default() });
        for i in 0..1_000u32 {
            assert_eq!(
                idx.check(&article(&format!("a{i}"), &format!("h{i}"), sig(i * 3 + 1, 0))),
                None
            );
        }
        assert_eq!(idx.len(), 100);
        assert!(
            idx.exact.len() == 100
                && idx.bands.values().map(|s| s.as_slice().len()).sum::<usize>() == 100 * BANDS
        );
        // Forgotten: no longer a duplicate; remembered: still one.
        assert_eq!(idx.check(&article("x", "h5", sig(16, 0))), None);
        assert_eq!(idx.check(&article("y", "h999", sig(1, 0))).unwrap().0.0, "a999");
    }

    #[test]
    fn tiny_texts_match_exactly_only() {
        let mut idx = DuplicateIndex::new(DuplicateConfig::default());
        let mut a = article("a", "h1", sig(1, 0));
        a.fingerprint.shingles = 5;
        let mut b = article("b", "h2", sig(1, 0));
        b.fingerprint.shingles = 5;
        assert_eq!(idx.check(&a), None);
        assert_eq!(idx.check(&b), None);
        let mut c = article("c", "h1", sig(7, 0));
        c.fingerprint.shingles = 5;
        assert_eq!(idx.check(&c).unwrap().0.0, "a");
    }

    #[test]
    fn off_when_the_window_is_zero() {
        let mut idx = DuplicateIndex::new(DuplicateConfig { window: 0, ..Default::default() });
        assert_eq!(idx.check(&article("a", "h1", sig(1, 0))), None);
        assert_eq!(idx.check(&article("b", "h1", sig(1, 0))), None);
    }
}
