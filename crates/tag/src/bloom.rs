//! A Bloom filter over hashes: "no" for most keys never inserted, never for one that was. Put
//! in front of a table too large to stay in cache, it answers most misses with two reads of a
//! small bit array instead of the table's cache misses.

/// Two bits a key, from the two halves of its 64-bit hash; `WORDS` words of 64 bits (a power
/// of two).
#[derive(Debug)]
pub(crate) struct Bloom<const WORDS: usize> {
    words: Box<[u64; WORDS]>,
}

impl<const WORDS: usize> Bloom<WORDS> {
    const MASK: usize = {
        assert!(WORDS.is_power_of_two());
        WORDS * 64 - 1
    };

    pub(crate) fn new() -> Bloom<WORDS> {
        Bloom { words: Box::new([0; WORDS]) }
    }

    #[inline]
    fn bits(hash: u64) -> [usize; 2] {
        [(hash as usize) & Self::MASK, ((hash >> 32) as usize) & Self::MASK]
    }

    pub(crate) fn insert(&mut self, hash: u64) {
        for b in Self::bits(hash) {
            self.words[b / 64] |= 1 << (b % 64);
        }
    }

    /// False only when no key of this hash was inserted.
    #[inline]
    pub(crate) fn may_contain(&self, hash: u64) -> bool {
        Self::bits(hash).iter().all(|&b| self.words[b / 64] & (1 << (b % 64)) != 0)
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
