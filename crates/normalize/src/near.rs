//! Near-duplicate fingerprint of a normalized text: a one-permutation MinHash with 64 bins over
//! the text's shingles (every run of three consecutive words, lower-cased and stripped of
//! punctuation, so quote styles, dashes, case and whitespace do not matter). The duplicate
//! index uses it to find near-duplicates and estimate their similarity; the record carries its
//! low 4 bits per bin (b-bit minwise hashing, 64 hex digits) for users' own comparisons.
//!
//! Each word is hashed once, while the text is scanned (a multiply-rotate hash over its
//! lower-cased characters, bytes at a time in ASCII runs), and a shingle's hash combines its
//! three word hashes; one hash per shingle, one bin update (one-permutation hashing instead of
//! 64 hash functions; empty bins are filled by rotation densification); the distinct shingles
//! are counted in an open-addressing table reused across articles: linear in the text, small
//! constant, no allocation per article.

use copydesk_core::MINHASH_BINS;
#[cfg(test)]
use copydesk_core::minhash_similarity;

thread_local! {
    /// Shingle hashes of the current text and the table that counts the distinct ones.
    static SCRATCH: std::cell::RefCell<(Vec<u64>, Vec<u64>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// The MinHash and the number of distinct shingles of `text`.
pub fn near_fingerprints(text: &str) -> (Box<[u32; MINHASH_BINS]>, u32) {
    SCRATCH.with(|cell| {
        let (hashes, table) = &mut *cell.borrow_mut();
        let bins = fingerprint_into(text, hashes);
        (Box::new(bins), distinct(hashes, table))
    })
}

/// The bins of `text`; `hashes` gets every shingle hash.
fn fingerprint_into(text: &str, hashes: &mut Vec<u64>) -> [u32; MINHASH_BINS] {
    let mut bins = [u32::MAX; MINHASH_BINS];
    let mut filled = [false; MINHASH_BINS];
    hashes.clear();
    let mut add = |h: u64| {
        hashes.push(h);
        let bin = (h >> 58) as usize; // top 6 bits: 64 bins
        // Without a branch: whether a hash lowers its bin's minimum is a coin toss early in
        // the text (every bin starts at `u32::MAX`, so the first hash of a bin fills it).
        bins[bin] = bins[bin].min(h as u32);
        filled[bin] = true;
    };
    let mut window = [0u64; 3];
    let mut words = 0usize;
    for_each_word_hash(text, |h| {
        window = [window[1], window[2], h];
        words += 1;
        if words >= 3 {
            add(shingle(window));
        }
    });
    if (1..3).contains(&words) {
        // Texts of one or two words: the words are the shingle.
        add(shingle(window));
    }
    densify(&mut bins, &filled);
    bins
}

/// Calls `f` with the hash of every word of `text`: every maximal run of letters and digits
/// ([`copydesk_core::chars::is_alnum`]), lower-cased. ASCII is hashed byte by byte without
/// decoding; other characters are decoded and lower-cased one at a time.
fn for_each_word_hash(text: &str, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut h = WORD_SEED;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            let l = ASCII_WORD[usize::from(b)];
            if l != 0 {
                h = step(h, u32::from(l));
                in_word = true;
                // The common case: a run of lower-case letters, without the table.
                while let Some(&c) = bytes.get(i)
                    && c.is_ascii_lowercase()
                {
                    h = step(h, u32::from(c));
                    i += 1;
                }
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if copydesk_core::chars::is_alnum(c) {
                if caseless(c) {
                    h = step(h, c as u32);
                } else {
                    for l in c.to_lowercase() {
                        h = step(h, l as u32);
                    }
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            f(finish(h));
            h = WORD_SEED;
            in_word = false;
        }
    }
    if in_word {
        f(finish(h));
    }
}

/// ASCII letters and digits, lower-cased; 0 for every other byte.
static ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

const WORD_SEED: u64 = 0x243F_6A88_85A3_08D3;

#[inline]
fn step(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn finish(h: u64) -> u64 {
    let z = (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    z ^ (z >> 32)
}

/// Characters of scripts without case (Hebrew to Myanmar, kana and CJK, Hangul): their lower
/// case is themselves, without the standard library's table search.
#[inline]
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x109F | 0x3040..=0x9FFF | 0xAC00..=0xD7A3)
}

/// The number of distinct values in `hashes`, counted in `table` (an open-addressing set
/// sized for a load of at most one half, reused across calls).
fn distinct(hashes: &[u64], table: &mut Vec<u64>) -> u32 {
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    table.clear();
    table.resize(size, 0);
    let mask = size - 1;
    let mut n = 0;
    for &h in hashes {
        let key = h.max(1); // 0 marks an empty slot (a hash of 0 counts as 1: odds of 2^-64)
        let mut slot = (h >> 32) as usize & mask;
        // Past the other keys (rarely any), to the key's slot or an empty one: whether the
        // key is new is counted and stored without a branch on it (which shingles repeat an
        // earlier one follows no pattern a branch predictor could learn).
        while table[slot] != 0 && table[slot] != key {
            slot = (slot + 1) & mask;
        }
        n += u32::from(table[slot] == 0);
        table[slot] = key;
    }
    n
}

/// The low 4 bits of every bin, as 64 hex digits.
pub fn minhash_hex(m: &[u32; MINHASH_BINS]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    m.iter().map(|v| char::from(HEX[(v & 0xF) as usize])).collect()
}

fn shingle([a, b, c]: [u64; 3]) -> u64 {
    // Order-sensitive combination, then the splitmix64 finalizer so that the top bits (the
    // bin) depend on every word.
    let mut z = a ^ b.rotate_left(21) ^ c.rotate_left(42);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fills empty bins from the next filled bin to the right (circularly), offset by the
/// distance so that two texts agree on a filled-in bin only when they agree on its source.
fn densify(bins: &mut [u32; MINHASH_BINS], filled: &[bool; MINHASH_BINS]) {
    if !filled.iter().any(|f| *f) {
        return;
    }
    for i in 0..MINHASH_BINS {
        if filled[i] {
            continue;
        }
        let mut j = (i + 1) % MINHASH_BINS;
        let mut d = 1u32;
        while !filled[j] {
            j = (j + 1) % MINHASH_BINS;
            d += 1;
        }
        bins[i] = bins[j].wrapping_add(d.wrapping_mul(0x9E37_79B9));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/data/seed-article.txt");

    fn sim(a: &str, b: &str) -> f64 {
        let (ma, _) = near_fingerprints(a);
        let (mb, _) = near_fingerprints(b);
        minhash_similarity(&ma, &mb)
    }

    #[test]
    fn quotes_case_and_spacing_do_not_matter() {
        let ascii = SEED.replace(['\u{201C}', '\u{201D}'], "\"").replace('\u{2019}', "'");
        assert_eq!(sim(SEED, &ascii.to_uppercase()), 1.0);
        assert_eq!(sim(SEED, &SEED.replace(' ', "  ")), 1.0);
    }

    #[test]
    fn a_trimmed_last_paragraph_is_still_near() {
        let trimmed: Vec<&str> = SEED.lines().collect();
        let trimmed = trimmed[..trimmed.len() - 2].join("\n");
        let s = sim(SEED, &trimmed);
        assert!(s >= 0.8, "similarity {s}");
    }

    #[test]
    fn different_articles_are_far() {
        let other = "Heavy rain across Kansas and Nebraska delayed the wheat harvest for a \
                     second week, the Department of Agriculture said on Thursday. Farmers said \
                     the grain was standing in wet fields and some of it had started to sprout.";
        let s = sim(SEED, other);
        assert!(s < 0.2, "similarity {s}");
        let (a, b) = (near_fingerprints(SEED).0, near_fingerprints(other).0);
        let equal =
            minhash_hex(&a).chars().zip(minhash_hex(&b).chars()).filter(|(x, y)| x == y).count();
        assert!(equal < 16, "b-bit digits agree about by chance only: {equal}");
    }

    #[test]
    fn caseless_characters_are_their_own_lower_case() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u)
                && caseless(c)
            {
                assert!(c.to_lowercase().eq(std::iter::once(c)), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn words_are_case_folded_runs_of_letters_and_digits() {
        let hashes = |t: &str| {
            let mut v = Vec::new();
            for_each_word_hash(t, |h| v.push(h));
            v
        };
        assert_eq!(hashes("Hello, WORLD 42!"), hashes("hello world 42"));
        assert_eq!(hashes("\u{C9}t\u{C9} \u{417}\u{430}"), hashes("\u{E9}t\u{E9} \u{437}\u{430}"));
        assert_eq!(hashes("a-b").len(), 2);
        assert_ne!(hashes("ab"), hashes("ba"));
        assert!(hashes(" \u{201C} ").is_empty());
    }

    #[test]
    fn distinct_counts_distinct_values() {
        let mut table = Vec::new();
        assert_eq!(distinct(&[], &mut table), 0);
        assert_eq!(distinct(&[5, 5, 7, 1 << 40, 5], &mut table), 3);
        let many: Vec<u64> =
            (0..1000u64).map(|i| (i % 300).wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        assert_eq!(distinct(&many, &mut table), 300);
    }

    proptest::proptest! {
        /// The branch-free count agrees with a set, whatever the collisions: values drawn
        /// from a small range repeat often and share slots (and 0 counts as 1).
        #[test]
        fn distinct_agrees_with_a_set(values in proptest::collection::vec(0u64..64, 0..300),
                                      spread in proptest::bool::ANY) {
            let hashes: Vec<u64> = values
                .iter()
                .map(|&v| if spread { v.wrapping_mul(0x9E37_79B9_7F4A_7C15) } else { v })
                .collect();
            let set: std::collections::HashSet<u64> = hashes.iter().map(|&h| h.max(1)).collect();
            let mut table = Vec::new();
            proptest::prop_assert_eq!(distinct(&hashes, &mut table) as usize, set.len());
        }
    }

    #[test]
    fn short_texts_have_fingerprints() {
        let (a, n) = near_fingerprints("Hello");
        let (b, _) = near_fingerprints("Hello");
        assert_eq!((minhash_similarity(&a, &b), n), (1.0, 1));
        assert_eq!(minhash_hex(&a).len(), 64);
        let (e, n) = near_fingerprints("");
        assert_eq!(n, 0);
        assert!(e.iter().all(|v| *v == u32::MAX));
    }
}
