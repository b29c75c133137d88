//! Near-duplicate fingerprint of a normalized text: a one-permutation MinHash with 64 bins over
//! the text's shingles (every run of three consecutive words, lower-cased and stripped of
//! punctuation, so quote styles, dashes, case and whitespace do not matter). The duplicate
//! index uses it to find near-duplicates and estimate their similarity; the record carries its
//! low 4 bits per bin (b-bit minwise hashing, 64 hex digits) for users' own comparisons.
//!
//! Each word is hashed once (xxh3) and a shingle's hash combines its three word hashes; one
//! hash per shingle, one bin update (one-permutation hashing instead of 64 hash functions;
//! empty bins are filled by rotation densification): linear in the text, small constant.

use copydesk_core::MINHASH_BINS;
#[cfg(test)]
use copydesk_core::minhash_similarity;

/// The MinHash and the number of distinct shingles of `text`.
pub fn near_fingerprints(text: &str) -> (Box<[u32; MINHASH_BINS]>, u32) {
    let mut bins = [u32::MAX; MINHASH_BINS];
    let mut filled = [false; MINHASH_BINS];
    let mut window = [0u64; 3];
    let mut words = 0usize;
    let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 5);
    let mut add = |h: u64| {
        hashes.push(h);
        let bin = (h >> 58) as usize; // top 6 bits: 64 bins
        let v = h as u32;
        if v <= bins[bin] {
            bins[bin] = v;
            filled[bin] = true;
        }
    };
    let mut lower = String::new();
    let mut ascii = [0u8; 32];
    for w in text.split(|c: char| !copydesk_core::is_word_char(c)).filter(|w| !w.is_empty()) {
        let h = if w.len() <= ascii.len() && w.is_ascii() {
            let buf = &mut ascii[..w.len()];
            buf.copy_from_slice(w.as_bytes());
            buf.make_ascii_lowercase();
            xxhash_rust::xxh3::xxh3_64(buf)
        } else {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            xxhash_rust::xxh3::xxh3_64(lower.as_bytes())
        };
        window = [window[1], window[2], h];
        words += 1;
        if words >= 3 {
            add(shingle(window));
        }
    }
    if (1..3).contains(&words) {
        // Texts of one or two words: the words are the shingle.
        add(shingle(window));
    }
    densify(&mut bins, &filled);
    // Distinct shingles: set sizes, for the containment estimate.
    hashes.sort_unstable();
    hashes.dedup();
    (Box::new(bins), hashes.len() as u32)
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
