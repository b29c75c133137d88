//! Character classes on the hot paths of several stages.

/// True for letters and digits (Unicode Alphabetic or Numeric, as `char::is_alphanumeric`),
/// answered from ranges for the scripts most news is written in; only other characters go to
/// the standard library's tables, whose look-ups cost hundreds of instructions for some scripts
/// (CJK, Hangul) and were the largest single item of a profile on multilingual text.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters and Latin Extended-A/B (× and ÷ are symbols).
        0xC0..=0x24F => u != 0xD7 && u != 0xF7,
        // Typographic quotes, dashes, ellipsis, spaces: never letters.
        0x2000..=0x206F => false,
        // Greek and Cyrillic, Devanagari and Bengali: bitmaps (one bit per code point, made
        // from `char::is_alphanumeric`; the test below checks every one).
        0x370..=0x52F => bit(&GREEK_CYRILLIC, u - 0x370),
        0x900..=0x9FF => bit(&DEVANAGARI_BENGALI, u - 0x900),
        // Hiragana, Katakana (not the middle dot and prolonged-sound helpers' neighbours).
        0x3041..=0x3096 | 0x30A1..=0x30FA => true,
        // CJK Unified Ideographs.
        0x4E00..=0x9FFF => true,
        // Hangul syllables.
        0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric(),
    }
}

const GREEK_CYRILLIC: [u64; 7] = [
    0xFFFB_FFFF_D740_BCDF,
    0xFFFF_FFFF_FFFF_FFFF,
    0xFFFF_FFFF_FFFF_FFBF,
    0xFFFF_FFFF_FFFF_FFFF,
    0xFFFF_FFFF_FC03_FFFF,
    0xFFFF_FFFF_FFFF_FFFF,
    0xFFFF_FFFF_FFFF_FFFF,
];

const DEVANAGARI_BENGALI: [u64; 4] =
    [0xEFFF_FFFF_FFFF_FFFF, 0xFFFE_FFCF_FFE1_DFFF, 0xE3C5_FDFF_FFF9_9FEF, 0x13F3_FFCF_B080_599F];

#[inline]
fn bit(map: &[u64], i: u32) -> bool {
    map[(i / 64) as usize] >> (i % 64) & 1 == 1
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
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_everywhere() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{u:04X}");
            }
        }
    }
}
