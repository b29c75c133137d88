//! Plain-text cleanup: the copy editor's first pass. Pure functions over `&str`.

use std::borrow::Cow;

use copydesk_core::Counts;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::NormalizeConfig;

/// Cleans an article body: Unicode NFC; control characters and zero-width junk removed;
/// whitespace folded inside paragraphs; one paragraph per line; hard-wrapped paragraphs (text
/// with blank lines between paragraphs and line breaks inside them) joined; junk lines
/// (configurable) removed; lines without letters removed at the start and end (such as the
/// `**2050` a scraper leaves). Typographic quotes, dashes and ellipses are kept unless
/// `cfg.ascii`. Idempotent: `clean_text(clean_text(x)) == clean_text(x)`.
pub fn clean_text(input: &str, cfg: &NormalizeConfig) -> String {
    let input = nfc(input);
    let lines = clean_lines(&input, cfg.ascii);
    // Blank lines count as layout only between text, not at its ends (a final newline).
    let first_text = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last_text = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
    let has_blank =
        lines.iter().enumerate().any(|(i, l)| l.is_empty() && i > first_text && i < last_text);
    let mut paragraphs: Vec<Cow<'_, str>> = Vec::with_capacity(lines.len());
    let mut open = false; // whether the last paragraph may be continued by the next line
    for line in lines {
        if line.is_empty() {
            open = false;
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if open => {
                let joined = last.to_mut();
                joined.push(' ');
                joined.push_str(&line);
            }
            _ => paragraphs.push(line),
        }
        // Only text laid out in blank-line separated blocks can be hard-wrapped; there a line
        // that does not end a sentence continues on the next one.
        open = has_blank && !ends_sentence(paragraphs.last().map_or("", |p| p));
    }
    paragraphs.retain(|p| !cfg.is_junk_line(p));
    // Trim the edges: lines without letters and edge-only junk (bylines, credits, trailers).
    let keep = |p: &str| has_letter(p) && !cfg.is_edge_line(p);
    let first = paragraphs.iter().position(|p| keep(p)).unwrap_or(paragraphs.len());
    let last = paragraphs.iter().rposition(|p| keep(p)).map_or(first, |i| i + 1);
    let mut out = String::with_capacity(input.len());
    for p in &paragraphs[first..last] {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p);
    }
    nfc(&out).into_owned()
}

/// Cleans a one-line field (a title): like [`clean_text`] but every line break becomes a
/// space; `None` when nothing is left.
pub fn clean_title(input: &str, cfg: &NormalizeConfig) -> Option<String> {
    let input = nfc(input);
    let mut out = String::with_capacity(input.len());
    for line in clean_lines(&input, cfg.ascii) {
        if !line.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&line);
        }
    }
    let out = nfc(&out).into_owned();
    (!out.is_empty()).then_some(out)
}

/// Counts paragraphs, sentences (UAX #29) and words (UAX #29, with a letter or digit) of a
/// cleaned text.
pub fn count(text: &str) -> Counts {
    let mut c = Counts::default();
    for p in text.split('\n').filter(|p| !p.is_empty()) {
        c.paragraphs += 1;
        let (words, sentences) = crate::counts::words_and_sentences(p);
        c.words += words;
        c.sentences += sentences.max(1);
    }
    c.chars = text.chars().count() as u32;
    c
}

fn nfc(s: &str) -> Cow<'_, str> {
    if all_nfc_safe(s) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// True when every non-ASCII character of `s` is [`nfc_safe`]; ASCII runs are skipped as
/// bytes.
fn all_nfc_safe(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        i += off;
        match s[i..].chars().next() {
            Some(c) if nfc_safe(c) => i += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// Characters that are NFC starters on their own (combining class 0, NFC quick-check Yes) in
/// the blocks most news text is written in: a string of only these is NFC without the two
/// table look-ups per character the general check makes (a test checks every one of them).
fn nfc_safe(c: char) -> bool {
    matches!(c as u32,
        0..=0x2FF                 // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
        | 0x400..=0x482           // Cyrillic letters
        | 0x48A..=0x52F
        | 0x2010..=0x2027         // dashes, quotes, bullets, ellipsis
        | 0x2030..=0x205E         // per mille, primes, guillemets...
        | 0x3001..=0x3029         // CJK punctuation (before the combining tone marks)
        | 0x3041..=0x3096         // Hiragana (not the combining voicing marks)
        | 0x30A1..=0x30FA         // Katakana
        | 0x4E00..=0x9FFF         // CJK Unified Ideographs
        | 0xAC00..=0xD7A3) // Hangul syllables
}

/// First pass: one cleaned line per input line (blank lines kept as empty lines). Lines that
/// need nothing but trimming are borrowed; only the others are rebuilt.
fn clean_lines(input: &str, ascii: bool) -> Vec<Cow<'_, str>> {
    let mut lines = Vec::new();
    for raw in input.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        let dirty = trimmed.contains("  ") || trimmed.chars().any(|c| needs_work(c, ascii));
        if !dirty {
            lines.push(Cow::Borrowed(trimmed));
            continue;
        }
        let mut line = String::with_capacity(trimmed.len());
        let mut space = false;
        for c in trimmed.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if is_invisible(c) || c.is_control() {
                continue;
            }
            if space && !line.is_empty() {
                line.push(' ');
            }
            space = false;
            match fold_ascii(c) {
                Some(s) if ascii => line.push_str(s),
                _ => line.push(c),
            }
        }
        lines.push(Cow::Owned(line));
    }
    lines
}

/// Characters that carry nothing in news text and are dropped: zero-width space, word joiner,
/// byte-order mark, soft hyphen, Mongolian vowel separator. ZWJ and ZWNJ are kept: Persian,
/// Indic scripts and emoji need them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

fn needs_work(c: char, ascii: bool) -> bool {
    (c.is_whitespace() && c != ' ')
        || c.is_control()
        || is_invisible(c)
        || (ascii && fold_ascii(c).is_some())
}

/// ASCII replacements for typographic punctuation (with `--ascii`).
fn fold_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
        | '\u{2032}' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => "-",
        '\u{2014}' | '\u{2015}' => "--",
        '\u{2026}' => "...",
        _ => return None,
    })
}

fn ends_sentence(p: &str) -> bool {
    let p = p.trim_end_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}', '\u{00BB}', '*']);
    p.ends_with([
        '.', '!', '?', ':', ';', '\u{2026}', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{0964}',
    ]) || p.is_empty()
}

fn has_letter(p: &str) -> bool {
    p.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        clean_text(s, &NormalizeConfig::default())
    }

    #[test]
    fn folds_whitespace_and_keeps_paragraphs() {
        assert_eq!(
            clean("  One\t two \u{00A0} three. \r\nFour.\r\n\r\n\r\n"),
            "One two three.\nFour."
        );
    }

    #[test]
    fn removes_controls_and_zero_width_junk_but_keeps_joiners() {
        assert_eq!(clean("a\u{200B}b\u{0007}c\u{FEFF}d\u{00AD}e"), "abcde");
        assert_eq!(clean("\u{0645}\u{06CC}\u{200C}\u{062E}"), "\u{0645}\u{06CC}\u{200C}\u{062E}");
    }

    #[test]
    fn nfc_safe_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u)
                && nfc_safe(c)
            {
                assert_eq!(canonical_combining_class(c), 0, "U+{u:04X}");
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(clean("Cafe\u{0301}"), "Caf\u{00E9}");
        // A zero-width space between base and accent must not leave a decomposed pair.
        assert_eq!(clean("e\u{200B}\u{0301}"), "\u{00E9}");
    }

    #[test]
    fn removes_letterless_edge_lines_only() {
        assert_eq!(clean("***\nBody one.\n2050\nBody two.\n**2050"), "Body one.\n2050\nBody two.");
    }

    #[test]
    fn removes_bylines_and_credits_at_the_edges_only() {
        let text = "By Jane Doe\nPhoto: Reuters\nThe talks resumed.\nBy Friday, they had failed.\n\
                    Reporting by Jane Doe; Editing by John Roe\n© 2026 Example News";
        assert_eq!(clean(text), "The talks resumed.\nBy Friday, they had failed.");
        assert_eq!(clean("Body.\nBy Jane Doe\nMore body."), "Body.\nBy Jane Doe\nMore body.");
    }

    #[test]
    fn removes_junk_lines() {
        assert_eq!(
            clean("Advertisement\nBody.\nREAD MORE\nMore body.\nShare this article"),
            "Body.\nMore body."
        );
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let wrapped = "Headline\n\nThe minister said on Monday\nthat talks would go on.\n\nA second\nparagraph here.";
        assert_eq!(
            clean(wrapped),
            "Headline\nThe minister said on Monday that talks would go on.\nA second paragraph here."
        );
        // Without blank lines every line is a paragraph, however it ends.
        assert_eq!(
            clean("Headline\nBody line one\nBody line two"),
            "Headline\nBody line one\nBody line two"
        );
    }

    #[test]
    fn keeps_typography_unless_ascii() {
        let s = "\u{201C}Yes\u{201D} \u{2014} it\u{2019}s done\u{2026}";
        assert_eq!(clean(s), s);
        let mut cfg = NormalizeConfig::default();
        cfg.ascii = true;
        assert_eq!(clean_text(s, &cfg), "\"Yes\" -- it's done...");
    }

    #[test]
    fn titles_become_one_line() {
        let cfg = NormalizeConfig::default();
        assert_eq!(clean_title("  Big\n  news ", &cfg).as_deref(), Some("Big news"));
        assert_eq!(clean_title(" \u{200B} ", &cfg), None);
    }

    #[test]
    fn counts_units() {
        let c = count("Hello world. How are you?\nFine.");
        assert_eq!((c.paragraphs, c.sentences, c.words, c.chars), (2, 3, 6, 31));
    }
}
