//! Wording of the lines copydesk prints for people (summaries, progress, checks).

/// The noun for a count of `n`: `one` when `n` is 1, else `one` + "s" (every noun copydesk
/// counts in its messages takes a plain "s").
///
/// ```
/// assert_eq!(copydesk_pipeline::plural(1_u64, "file"), "file");
/// assert_eq!(copydesk_pipeline::plural(0_u64, "file"), "files");
/// ```
pub fn plural<N: PartialEq + From<u8>>(n: N, one: &str) -> String {
    if n == N::from(1) { one.to_owned() } else { format!("{one}s") }
}

/// A count and its noun, agreeing: `1 file`, `2 files`, `0 files`.
///
/// ```
/// assert_eq!(copydesk_pipeline::counted(1_usize, "source"), "1 source");
/// assert_eq!(copydesk_pipeline::counted(3_u64, "input"), "3 inputs");
/// ```
pub fn counted<N: Copy + PartialEq + From<u8> + std::fmt::Display>(n: N, one: &str) -> String {
    format!("{n} {}", plural(n, one))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(0_u64, "file"), "0 files");
        assert_eq!(counted(1_u64, "file"), "1 file");
        assert_eq!(counted(2_u64, "file"), "2 files");
        assert_eq!(counted(1_usize, "sink"), "1 sink");
        assert_eq!(counted(11_u64, "duplicate"), "11 duplicates");
        assert_eq!(counted(1_u64, "input"), "1 input");
        assert_eq!(plural(1_u64, "word"), "word");
        assert_eq!(plural(21_u64, "word"), "words");
    }
}
