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
        // Cyrillic letters.
        0x410..=0x44F => true,
        // Hiragana, Katakana (not the middle dot and prolonged-sound helpers' neighbours).
        0x3041..=0x3096 | 0x30A1..=0x30FA => true,
        // CJK Unified Ideographs.
        0x4E00..=0x9FFF => true,
        // Hangul syllables.
        0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric(),
    }
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
