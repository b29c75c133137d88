//! Character classes and case folding for the hot loops of the normalize and tag stages,
//! answering exactly as the standard library does but without its cost on non-ASCII text.
//!
//! Why: `char::is_alphanumeric`, `is_numeric`, `is_uppercase` and `to_lowercase` look
//! non-ASCII characters up in compressed tables, at up to ~900 instructions a call for some
//! scripts (Devanagari and Bengali went through `alphabetic::lookup_slow` twice a character);
//! a third of the news is not English. Here ASCII is answered from a constant table and every
//! other character of the Basic Multilingual Plane from a 256-character page of flags that is
//! filled from the standard library the first time a character of that page is seen (a few
//! hundred thousand instructions, once, for the handful of pages a script uses). So the answers
//! are the standard library's by construction; the test below checks every code point anyway.
//! Characters beyond the BMP (emoji, rare CJK) go to the standard library directly.

use std::borrow::Cow;
use std::sync::OnceLock;

/// `char::is_alphanumeric`.
const ALNUM: u8 = 1;
/// `char::is_alphabetic`.
const ALPHA: u8 = 2;
/// `char::is_numeric`.
const NUMERIC: u8 = 4;
/// `char::is_uppercase`.
const UPPER: u8 = 8;
/// `char::is_lowercase`.
const LOWER: u8 = 16;
/// `char::is_whitespace`.
const SPACE: u8 = 32;
/// [`is_word_part`] beyond letters and digits: a combining mark of running text (in a
/// [`in_mark_block`] block, not a letter) or a zero-width (non-)joiner.
const JOIN: u8 = 64;
/// [`fold_char`] changes the character.
const FOLDS: u8 = 128;

/// The flags of one character, computed from the standard library.
fn compute(c: char) -> u8 {
    let mut f = 0;
    for (yes, flag) in [
        (c.is_alphanumeric(), ALNUM),
        (c.is_alphabetic(), ALPHA),
        (c.is_numeric(), NUMERIC),
        (c.is_uppercase(), UPPER),
        (c.is_lowercase(), LOWER),
        (c.is_whitespace(), SPACE),
        (c == '\u{200C}' || c == '\u{200D}' || (in_mark_block(c) && !c.is_alphanumeric()), JOIN),
        (fold_std(c) != c, FOLDS),
    ] {
        if yes {
            f |= flag;
        }
    }
    f
}

/// The lower case of `c` when it is one character of the same UTF-8 length, else `c`.
fn fold_std(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

const fn ascii_flags(b: u8) -> u8 {
    let mut f = 0;
    if b.is_ascii_alphanumeric() {
        f |= ALNUM;
    }
    if b.is_ascii_alphabetic() {
        f |= ALPHA;
    }
    if b.is_ascii_digit() {
        f |= NUMERIC;
    }
    if b.is_ascii_uppercase() {
        f |= UPPER | FOLDS;
    }
    if b.is_ascii_lowercase() {
        f |= LOWER;
    }
    // `char::is_whitespace` on ASCII: space, \t, \n, \x0B, \x0C, \r (not `u8::is_ascii_whitespace`,
    // which leaves out \x0B).
    if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
        f |= SPACE;
    }
    f
}

static ASCII: [u8; 128] = {
    let mut t = [0; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = ascii_flags(b as u8);
        b += 1;
    }
    t
};

/// ASCII letters and digits, by byte (a table look-up is cheaper than the range tests).
static ALNUM_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The high bit of every byte of a `u64`.
pub const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `s` from `at`, as a little-endian number (byte `at` lowest), or `None`
/// when fewer than eight are left: the unit of the scans that read eight bytes at a time.
#[inline]
pub fn word_at(s: &[u8], at: usize) -> Option<u64> {
    s.get(at..at + 8).map(|b| u64::from_le_bytes(b.try_into().expect("eight bytes")))
}

/// The high bit of every byte of `x` that lies in `lo..=hi` (ASCII: `hi` below 0x80); exact,
/// no false positives. With the high bits set first, `y - n` keeps a byte's high bit when its
/// low seven bits are at least `n`, and no subtraction borrows across bytes.
#[inline]
pub const fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = x | HIGH_BITS;
    let at_least_lo = y.wrapping_sub(lo as u64 * ONES);
    let above_hi = y.wrapping_sub((hi as u64 + 1) * ONES);
    at_least_lo & !above_hi & !x & HIGH_BITS
}

/// `a == b`, for the short keys of the look-up tables (words): up to 16 bytes are compared
/// with two overlapping loads of 1, 4 or 8 bytes each, inline; longer ones by the library's
/// `memcmp`. A call to `memcmp` per table hit was 3-4 % of a default run.
#[inline(always)]
pub fn short_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        // The first, middle and last bytes cover every byte of up to three.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4),
        8..=16 => load8(a, 0) == load8(b, 0) && load8(a, n - 8) == load8(b, n - 8),
        _ => a == b,
    }
}

#[inline(always)]
fn load4(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(s[i..i + 4].try_into().expect("four bytes"))
}

#[inline(always)]
fn load8(s: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(s[i..i + 8].try_into().expect("eight bytes"))
}

/// The end of the run of ASCII letters and digits of `s` that starts at byte `i`, read eight
/// bytes at a time: a word's end is found without a branch per byte, whose last turn (the
/// word's end, every few bytes) the branch predictor guesses wrong.
#[inline]
pub fn ascii_alnum_end(s: &[u8], i: usize) -> usize {
    let mut at = i;
    while let Some(x) = word_at(s, at) {
        let other = !alnum_bytes(x) & HIGH_BITS;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    s.get(at..).map_or(at, |rest| {
        at + rest.iter().position(|&b| !ALNUM_BYTE[b as usize]).unwrap_or(rest.len())
    })
}

/// The high bit of every byte of `x` that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    // Setting bit 5 turns upper-case letters into lower-case ones (and nothing else into a
    // letter).
    ascii_in(x, b'0', b'9') | ascii_in(x | 0x2020_2020_2020_2020, b'a', b'z')
}

/// Pages of 256 characters of the BMP, filled on first use.
static PAGES: [OnceLock<[u8; 256]>; 256] = [const { OnceLock::new() }; 256];

#[inline]
fn flags(c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        return ASCII[u as usize];
    }
    match u {
        // CJK Unified Ideographs and Hangul syllables are letters without case, and fill a
        // hundred pages: answered here, they need none.
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => return ALNUM | ALPHA,
        0x1_0000.. => return compute(c),
        _ => {}
    }
    let page = PAGES[(u >> 8) as usize].get_or_init(|| {
        let base = u & !0xFF;
        // Surrogates are no characters: their flags stay 0 and are never asked for.
        std::array::from_fn(|i| char::from_u32(base + i as u32).map_or(0, compute))
    });
    page[(u & 0xFF) as usize]
}

/// `char::is_alphanumeric`.
#[inline]
pub fn is_alnum(c: char) -> bool {
    flags(c) & ALNUM != 0
}

/// `char::is_alphabetic`.
#[inline]
pub fn is_alpha(c: char) -> bool {
    flags(c) & ALPHA != 0
}

/// `char::is_numeric`.
#[inline]
pub fn is_numeric(c: char) -> bool {
    flags(c) & NUMERIC != 0
}

/// `char::is_uppercase`.
#[inline]
pub fn is_upper(c: char) -> bool {
    flags(c) & UPPER != 0
}

/// `char::is_lowercase`.
#[inline]
pub fn is_lower(c: char) -> bool {
    flags(c) & LOWER != 0
}

/// `char::is_whitespace`.
#[inline]
pub fn is_space(c: char) -> bool {
    flags(c) & SPACE != 0
}

/// A character that continues a word for keyword extraction: a letter or digit, a combining
/// mark of running text (Devanagari and Bengali vowel signs...) or a zero-width (non-)joiner.
#[inline]
pub fn is_word_part(c: char) -> bool {
    flags(c) & (ALNUM | JOIN) != 0
}

/// The lower case of `c` when that is one character of the same UTF-8 length (so that folded
/// text keeps every offset), else `c` itself (`İ`, whose lower case is two characters).
#[inline]
pub fn fold_char(c: char) -> char {
    if flags(c) & FOLDS == 0 {
        c
    } else if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        fold_std(c)
    }
}

/// Lower case with the same byte offsets as `text` (characters whose lower case has another
/// length, such as `İ`, are kept as they are), so that one index serves both strings.
pub fn fold_case(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(text.to_ascii_lowercase());
    }
    // The text is copied in runs up to each character whose lower case differs, which is
    // written in its place (same length), and the copy's ASCII is lower-cased in bulk: the
    // copy is made of `str` pieces, so it needs no UTF-8 check (checking it again was half of
    // folding Korean or Devanagari text).
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // `text[..copied]` is in `out`
    let mut i = 0;
    while let Some(k) = next_non_ascii(&bytes[i..]) {
        i += k;
        // Runs of characters of blocks without case (Indic scripts, CJK, Hangul) are stepped
        // over by their first byte, undecoded.
        while bytes.get(i).copied().is_some_and(caseless_lead) {
            i += 3;
        }
        if bytes.get(i).is_none_or(|&b| b < 0x80) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let len = c.len_utf8();
        let l = fold_char(c);
        if l != c {
            out.push_str(&text[copied..i]);
            out.push(l);
            copied = i + len;
        }
        i += len;
    }
    out.push_str(&text[copied..]);
    out.make_ascii_lowercase();
    Cow::Owned(out)
}

/// True for the first byte of a three-byte character of U+0800..=U+0FFF (Samaritan to
/// Tibetan: the Indic scripts), U+3000..=U+9FFF (CJK) or U+B000..=U+D7FF (Hangul): blocks in
/// which no character has a lower case (the test checks every one).
#[inline]
fn caseless_lead(b: u8) -> bool {
    matches!(b, 0xE0 | 0xE3..=0xE9 | 0xEB..=0xED)
}

/// The offset of the first non-ASCII byte of `s`, read eight bytes at a time (news text is
/// mostly ASCII even in other languages: spaces, digits, punctuation).
pub fn next_non_ascii(s: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = s.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(HIGH, u64::from_le_bytes);
        if word & HIGH != 0 {
            return Some(at + (word & HIGH).trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b >= 0x80).map(|k| at + k)
}

/// The character starting at byte `i` of `s`, ASCII without decoding (`None` at the end).
#[inline]
pub fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
    }
}

/// A word or name in capitals as it is written in ordinary case: each letter that follows a
/// non-letter starts a word (`AL-AIN` → `Al-Ain`, `ST. LOUIS` → `St. Louis`, `O'NEIL` →
/// `O'Neil`), but a lone letter after an apostrophe stays small (`JOHN'S` → `John's`).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let after_apostrophe = matches!(prev, Some('\'' | '’'));
        let lone = after_apostrophe && chars.peek().is_none_or(|n| !n.is_alphabetic());
        let start = prev.is_none_or(|p| !p.is_alphabetic()) && !lone;
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    out
}

/// True for characters in the blocks that hold the combining marks of running text (Latin
/// diacritics, Cyrillic, Hebrew, Arabic, Indic, Thai, Lao, Tibetan, Myanmar, CJK tone marks,
/// variation selectors...). The Indic, Thai and Myanmar ranges are whole blocks, letters
/// included: callers combine this with a letter test.
#[inline]
pub fn in_mark_block(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x0EB1..=0x0ECD
        | 0x0F18..=0x0FBC | 0x1000..=0x109F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_case_writes_capitals_in_ordinary_case() {
        for (caps, ordinary) in [
            ("AL-AIN", "Al-Ain"),
            ("ST. LOUIS", "St. Louis"),
            ("O'NEIL-SMITH", "O'Neil-Smith"),
            ("ST. JOHN'S", "St. John's"),
            ("SÃO PAULO", "São Paulo"),
        ] {
            assert_eq!(super::title_case(caps), ordinary);
        }
    }

    #[test]
    fn short_eq_is_slice_equality() {
        // Every length to 20, equal and differing in each one byte, and lengths that differ.
        for n in 0..=20usize {
            let a: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            assert!(super::short_eq(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!super::short_eq(&a, &b), "{n} at {at}");
            }
            assert!(!super::short_eq(&a, &a[..n.saturating_sub(1)]) || n == 0);
        }
    }

    use super::*;

    #[test]
    fn agrees_with_the_standard_library_everywhere() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "alphanumeric U+{u:04X}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "alphabetic U+{u:04X}");
            assert_eq!(is_numeric(c), c.is_numeric(), "numeric U+{u:04X}");
            assert_eq!(is_upper(c), c.is_uppercase(), "uppercase U+{u:04X}");
            assert_eq!(is_lower(c), c.is_lowercase(), "lowercase U+{u:04X}");
            assert_eq!(is_space(c), c.is_whitespace(), "whitespace U+{u:04X}");
            let part = c.is_alphanumeric()
                || c == '\u{200C}'
                || c == '\u{200D}'
                || (in_mark_block(c) && !c.is_alphanumeric());
            assert_eq!(is_word_part(c), part, "word part U+{u:04X}");
            let mut lower = c.to_lowercase();
            let want = match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            assert_eq!(fold_char(c), want, "fold U+{u:04X}");
        }
    }

    #[test]
    fn caseless_blocks_have_no_lower_case() {
        let mut seen = 0;
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            if caseless_lead(lead) {
                assert_eq!(c.len_utf8(), 3, "U+{u:04X}");
                assert_eq!(fold_char(c), c, "U+{u:04X}");
                assert!(c.to_lowercase().eq([c]), "U+{u:04X}");
                seen += 1;
            }
        }
        assert_eq!(seen, 0x800 + 0x7000 + 0x2800);
        assert_eq!(fold_case("ক খ 日本 한국 ÉA\u{0904}"), "ক খ 日本 한국 éa\u{0904}");
        assert_eq!(fold_case("日本Ä"), "日本ä");
    }

    #[test]
    fn folding_keeps_offsets() {
        for t in [
            "Ünïcödé ÉTATS-UNIS \u{201C}Quote\u{201D}",
            "İstanbul ẞ Straße",
            "ASCII Only",
            "東京 Tokyo",
        ] {
            let f = fold_case(t);
            assert_eq!(f.len(), t.len(), "{t}");
            for (a, b) in t.char_indices().zip(f.char_indices()) {
                assert_eq!(a.0, b.0);
            }
        }
        assert_eq!(fold_case("Ünïcödé ÉTATS"), "ünïcödé états");
        assert_eq!(fold_case("İstanbul ẞ ΣΑΣ"), "İstanbul ẞ σασ");
        assert!(matches!(fold_case("all lower"), Cow::Borrowed(_)));
    }

    #[test]
    fn alnum_bytes_flags_exactly_letters_and_digits() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'-'; 8];
                bytes[pos] = b;
                let want = if b.is_ascii_alphanumeric() { 0x80 << (8 * pos) } else { 0 };
                assert_eq!(alnum_bytes(u64::from_le_bytes(bytes)), want, "{b:#x} at {pos}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_alnum_end_agrees_with_a_byte_scan(
            s in proptest::collection::vec(proptest::sample::select(b"aZ09-_ \xc3\xa9.@[`{/:".to_vec()), 0..40),
            i in 0usize..45,
        ) {
            let want = if i > s.len() {
                i
            } else {
                i + s[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count()
            };
            proptest::prop_assert_eq!(ascii_alnum_end(&s, i), want);
        }
    }

    proptest::proptest! {
        /// The same as folding character by character with the standard library.
        #[test]
        fn folding_agrees_with_the_standard_library(text in "\\PC{0,60}") {
            let want: String = text.chars().map(|c| {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                }
            }).collect();
            proptest::prop_assert_eq!(fold_case(&text), want);
        }
    }

    #[test]
    fn ascii_runs_end_at_the_first_other_byte() {
        assert_eq!(ascii_alnum_end(b"abc1 d", 0), 4);
        assert_eq!(ascii_alnum_end(b"abc1 d", 4), 4);
        assert_eq!(ascii_alnum_end("ab\u{e9}".as_bytes(), 0), 2);
        assert_eq!(ascii_alnum_end(b"ab", 0), 2);
        assert_eq!(ascii_alnum_end(b"ab", 2), 2);
        for b in 0..=255u8 {
            assert_eq!(ascii_alnum_end(&[b], 0) == 1, b.is_ascii_alphanumeric());
        }
    }

    #[test]
    fn finds_the_first_non_ascii_byte() {
        for s in [
            "",
            "abc",
            "abcdefgh",
            "abcdefghé",
            "é",
            "abcdefghijklmnopqrstu\u{201C}x",
            "ab\u{201C}",
        ] {
            assert_eq!(next_non_ascii(s.as_bytes()), s.bytes().position(|b| b >= 0x80), "{s}");
        }
    }

    #[test]
    fn char_at_reads_ascii_and_multibyte() {
        let s = "aé東";
        assert_eq!(char_at(s, 0), Some('a'));
        assert_eq!(char_at(s, 1), Some('é'));
        assert_eq!(char_at(s, 3), Some('東'));
        assert_eq!(char_at(s, 6), None);
    }
}
