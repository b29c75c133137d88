//! A Bloom filter over hashes: "no" for most keys never inserted, never for one that was. Put
//! in front of a table too large to stay in cache, it answers most misses with one read of a
//! small bit array instead of the table's cache misses.

/// Two bits a key, both in one 64-bit word (a blocked Bloom filter: one cache line read a
/// query, where two independent bits cost two misses in a filter larger than the L1 cache;
/// false positives are a little more frequent: 0.75 % against 0.57 % for the place names).
/// The word comes from the hash's low bits, the two bits from its high bits; `WORDS` words (a
/// power of two).
#[derive(Debug)]
pub(crate) struct Bloom<const WORDS: usize> {
    words: Box<[u64; WORDS]>,
}

impl<const WORDS: usize> Bloom<WORDS> {
    const MASK: usize = {
        assert!(WORDS.is_power_of_two());
        WORDS - 1
    };

    pub(crate) fn new() -> Bloom<WORDS> {
        Bloom { words: Box::new([0; WORDS]) }
    }

    /// The word of `hash` and its two bits in it.
    #[inline]
    fn slot(hash: u64) -> (usize, u64) {
        let bits = (1u64 << (hash >> 58)) | (1u64 << ((hash >> 52) & 63));
        (hash as usize & Self::MASK, bits)
    }

    pub(crate) fn insert(&mut self, hash: u64) {
        let (w, bits) = Self::slot(hash);
        self.words[w] |= bits;
    }

    /// False only when no key of this hash was inserted.
    #[inline]
    pub(crate) fn may_contain(&self, hash: u64) -> bool {
        let (w, bits) = Self::slot(hash);
        self.words[w] & bits == bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_hashes_always_pass_and_few_others_do() {
        let mut f = Bloom::<1024>::new();
        let hash = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
        for i in 0..2_000 {
            f.insert(hash(i));
        }
        assert!((0..2_000).all(|i| f.may_contain(hash(i))));
        let passed = (2_000..22_000).filter(|&i| f.may_contain(hash(i))).count();
        assert!(passed < 20_000 / 50, "{passed} of 20,000 pass");
    }
}
