//! Plain-text cleanup: the copy editor's first pass. Pure functions over `&str`.

use std::borrow::Cow;
use std::sync::OnceLock;

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
    clean_text_edges(input, cfg).text
}

/// A cleaned text and the edge lines trimmed off it ([`clean_text_edges`]).
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    /// The text, as [`clean_text`] gives it.
    pub text: String,
    /// The lines with letters trimmed off its start (bylines, photo credits), in order.
    pub head: Vec<String>,
    /// The lines with letters trimmed off its end (credit lines, trailers), in order.
    pub tail: Vec<String>,
}

/// [`clean_text`], with the lines that edge trimming took off (so that a byline or credit line
/// can still say who wrote the article).
pub fn clean_text_edges(input: &str, cfg: &NormalizeConfig) -> Cleaned {
    // Most text is NFC already and made only of characters that cannot combine: the line scan
    // notices any other character, and only then is the input composed (and scanned again).
    let (lines, nfc_safe) = clean_lines(input, cfg.ascii);
    if nfc_safe {
        return assemble(lines, input.len(), cfg);
    }
    // (The scan found a character that is not safe: no need to look for one again.)
    let input = compose_runs(input);
    let (lines, _) = clean_lines(&input, cfg.ascii);
    // Removing a character (a zero-width space between a letter and its accent) can leave a
    // pair that composes. Lines only trimmed are pieces of an NFC text, which are NFC, and
    // joining them with a space or a line break composes nothing.
    if lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
        return assemble(lines, input.len(), cfg);
    }
    let mut c = assemble(lines, input.len(), cfg);
    c.text = nfc(&c.text).into_owned();
    for l in c.head.iter_mut().chain(c.tail.iter_mut()) {
        *l = nfc(l).into_owned();
    }
    c
}

/// Joins the cleaned lines into paragraphs and trims the edges (see [`clean_text`]).
fn assemble(lines: Vec<Cow<'_, str>>, capacity: usize, cfg: &NormalizeConfig) -> Cleaned {
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
    let mut out = String::with_capacity(capacity);
    for p in &paragraphs[first..last] {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p);
    }
    let edge = |ps: &[Cow<'_, str>]| -> Vec<String> {
        ps.iter().filter(|p| has_letter(p)).map(|p| p.to_string()).collect()
    };
    Cleaned { text: out, head: edge(&paragraphs[..first]), tail: edge(&paragraphs[last..]) }
}

/// Cleans a one-line field (a title): like [`clean_text`] but every line break becomes a
/// space; `None` when nothing is left.
pub fn clean_title(input: &str, cfg: &NormalizeConfig) -> Option<String> {
    let input = nfc(input);
    let mut out = String::with_capacity(input.len());
    for line in clean_lines(&input, cfg.ascii).0 {
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

/// `s` in NFC. Most text is made of [`nfc_safe`] characters only, and is NFC as it is;
/// otherwise see [`compose_runs`].
fn nfc(s: &str) -> Cow<'_, str> {
    if all_nfc_safe(s) {
        return Cow::Borrowed(s);
    }
    compose_runs(s)
}

/// `s` in NFC: only the runs of characters that are not safe starters are checked, each with
/// the safe starter before it, and composed when not NFC; the rest is copied. A safe starter
/// is a boundary of normalization: nothing reorders across it (combining class 0; the safe
/// viramas, class 9, are no boundary), and nothing composes with it (it is never the second
/// part of a canonical decomposition: a test checks every character), so the runs normalize
/// apart. Bengali text, whose common vowel sign `া` is not safe, had spent two thirds of its
/// normalize stage checking and composing the whole text, twice.
fn compose_runs(s: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0; // `s[..done]` is in `out`
    let mut boundary = 0; // the last safe starter: where a run to compose starts
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii() || NFC_STARTER.contains(c) {
            boundary = i;
            continue;
        }
        let mut end = s.len();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_ascii() || NFC_STARTER.contains(d) {
                end = j;
                break;
            }
            chars.next();
        }
        let run = &s[boundary..end];
        if is_nfc_quick(run.chars()) != IsNormalized::Yes {
            let out = out.get_or_insert_with(|| String::with_capacity(s.len() + 16));
            out.push_str(&s[done..boundary]);
            out.extend(run.nfc());
            done = end;
        }
        boundary = end;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut out) => {
            out.push_str(&s[done..]);
            Cow::Owned(out)
        }
    }
}

/// The [`nfc_safe`] starters (all but the viramas), as a [`PageSet`].
static NFC_STARTER: PageSet =
    PageSet::new(|c| nfc_safe(c) && !matches!(c, '\u{094D}' | '\u{09CD}'));

/// A set of characters of the BMP, as a bitmap per page of 256 characters, each page built on
/// first use from the set's rule (a few of them serve a text): a look-up is a load and a bit
/// test, where the rules are chains of range tests. Characters beyond the BMP are not in it.
struct PageSet {
    pages: [OnceLock<[u64; 4]>; 256],
    rule: fn(char) -> bool,
}

impl PageSet {
    const fn new(rule: fn(char) -> bool) -> PageSet {
        PageSet { pages: [const { OnceLock::new() }; 256], rule }
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        let u = c as u32;
        let Some(page) = self.pages.get((u >> 8) as usize) else { return false };
        let bits = page.get_or_init(|| {
            let base = u & !0xFF;
            let mut bits = [0u64; 4];
            for k in 0..256 {
                if char::from_u32(base + k).is_some_and(self.rule) {
                    bits[(k / 64) as usize] |= 1 << (k % 64);
                }
            }
            bits
        });
        bits[((u >> 6) & 3) as usize] >> (u & 63) & 1 != 0
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

/// Characters with NFC quick-check Yes that are starters (combining class 0) or viramas (class
/// 9), in the blocks most news text is written in: a string of only these is NFC (nothing
/// composes, and the only non-starters share one class, so every order is canonical) without
/// the two table look-ups per character the general check makes (a test checks every one).
fn nfc_safe(c: char) -> bool {
    matches!(c as u32,
        0..=0x2FF                 // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
        | 0x400..=0x482           // Cyrillic letters
        | 0x48A..=0x52F
        | 0x2010..=0x205E         // dashes, quotes, bullets, ellipsis, spaces, primes...
        | 0x20A0..=0x20C0         // currency signs
        | 0x2190..=0x2328 | 0x232B..=0x23FF // arrows, mathematical and technical symbols
        | 0x2500..=0x27BF         // box drawing, shapes, dingbats
        | 0x3200..=0x32FF         // enclosed CJK letters
        // Devanagari and Bengali without the nuktas, viramas, accents, the vowel signs that
        // compose and the letters excluded from composition.
        | 0x0900..=0x093B | 0x093D..=0x094C | 0x094E..=0x0950 | 0x0955..=0x0957
        | 0x0960..=0x097F | 0x0980..=0x09BB | 0x09BD | 0x09BF..=0x09CC | 0x09CE..=0x09D6
        | 0x09D8..=0x09DB | 0x09DE | 0x09E0..=0x09FD
        // The viramas: combining class 9, the only non-starters here, so any order of them is
        // canonical, and nothing composes with them.
        | 0x094D | 0x09CD
        | 0x3001..=0x3029         // CJK punctuation (before the combining tone marks)
        | 0x3041..=0x3096         // Hiragana (not the combining voicing marks)
        | 0x30A1..=0x30FC         // Katakana, middle dot, prolonged sound mark
        | 0x4E00..=0x9FFF         // CJK Unified Ideographs
        | 0xAC00..=0xD7A3         // Hangul syllables
        | 0xFF01..=0xFF5E) // fullwidth ASCII forms
}

/// Byte classes of the line scan in [`clean_lines`].
const PLAIN: u8 = 0; // printable ASCII other than the space
const SPACE: u8 = 1;
const BREAK: u8 = 2; // \n, \r
const FIX: u8 = 3; // other ASCII whitespace and controls: the line must be rebuilt
const MULTI: u8 = 4; // the first byte of a multi-byte character

static BYTE_CLASS: [u8; 256] = {
    let mut t = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' => SPACE,
            b'\n' | b'\r' => BREAK,
            0..=0x1F | 0x7F => FIX,
            _ => PLAIN,
        };
        b += 1;
    }
    t
};

/// First pass: one cleaned line per input line (blank lines kept as empty lines), and whether
/// every character of the input is [`nfc_safe`]. Lines that need nothing but trimming are
/// borrowed; only the others are rebuilt. One scan over the bytes finds the line breaks and
/// the lines to rebuild: eight bytes at a time over printable ASCII and single spaces (most
/// of a text), byte by byte at anything else; characters are decoded only outside ASCII.
fn clean_lines(input: &str, ascii: bool) -> (Vec<Cow<'_, str>>, bool) {
    let bytes = input.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut safe = true;
    let (mut start, mut i) = (0, 0);
    let mut dirty = false; // the line needs more than trimming
    let mut space = false; // the previous byte was a space
    while i < bytes.len() {
        if let Some(x) = copydesk_core::chars::word_at(bytes, i) {
            let (stop, spaces) = plain_scan(x, space);
            // The bytes before the first one that needs a look are printable ASCII or single
            // spaces: all that matters of them is whether the last is a space.
            let plain = (stop.trailing_zeros() / 8) as usize;
            if plain > 0 {
                space = spaces >> (8 * plain - 1) & 1 != 0;
                i += plain;
                continue;
            }
        }
        match BYTE_CLASS[usize::from(bytes[i])] {
            PLAIN => space = false,
            SPACE => {
                dirty |= space;
                space = true;
            }
            BREAK => {
                lines.push(clean_line(&input[start..i], dirty, ascii));
                (start, dirty, space) = (i + 1, false, false);
            }
            FIX => {
                dirty = true;
                space = false;
            }
            _ => {
                // A run of non-ASCII characters (a word in another script, a quotation mark).
                space = false;
                while let Some(&b) = bytes.get(i)
                    && b >= 0x80
                {
                    let c = input[i..].chars().next().unwrap_or_default();
                    let len = c.len_utf8();
                    if plain_char(c) {
                        // Most non-ASCII characters of news text: nothing to do.
                    } else if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                        lines.push(clean_line(&input[start..i], dirty, ascii));
                        (start, dirty) = (i + len, false);
                    } else {
                        dirty |= needs_work(c, ascii);
                        safe &= nfc_safe(c);
                    }
                    i += len;
                }
                continue;
            }
        }
        i += 1;
    }
    lines.push(clean_line(&input[start..], dirty, ascii));
    (lines, safe)
}

/// Letters of the blocks most news text is written in (Latin-1 and Latin Extended letters,
/// Cyrillic, CJK ideographs, Hangul syllables): [`nfc_safe`] and never in need of work, which
/// two range tests say faster than those functions' chains (a test checks every one).
#[inline]
fn plain_letter(c: char) -> bool {
    matches!(c as u32, 0xC0..=0x24F | 0x400..=0x482 | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// Characters that need nothing from the line scan: [`nfc_safe`], no work with or without
/// `ascii` ([`needs_work`]), and no line break. [`plain_letter`] answers for the commonest
/// scripts, a [`PageSet`] for the rest of the BMP: the chain of tests behind it cost
/// Devanagari and Bengali text a third of their line scan. (Characters beyond the BMP take
/// the long way: emoji, rare scripts.)
#[inline]
fn plain_char(c: char) -> bool {
    plain_letter(c) || PLAIN_CHARS.contains(c)
}

/// [`plain_char`] by its definition.
fn plain_by_rules(c: char) -> bool {
    nfc_safe(c)
        && !needs_work(c, false)
        && !needs_work(c, true)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

static PLAIN_CHARS: PageSet = PageSet::new(plain_by_rules);

/// Eight bytes `x` (little-endian) of the line scan, `space` telling whether the byte before
/// them is a space: the high bit of every byte that needs a look in `.0` (a control
/// character, DEL, a non-ASCII byte, or a space after a space; exact, no false positives),
/// and the high bit of every space in `.1`.
#[inline]
fn plain_scan(x: u64, space: bool) -> (u64, u64) {
    use copydesk_core::chars::{HIGH_BITS, ascii_in};
    let spaces = ascii_in(x, b' ', b' ');
    let double = spaces & ((spaces << 8) | u64::from(space) << 7);
    ((!ascii_in(x, b' ', b'~') & HIGH_BITS) | double, spaces)
}

/// One line: trimmed, and when `dirty`, rebuilt with whitespace folded, invisible and control
/// characters dropped (and typography folded with `ascii`).
fn clean_line(raw: &str, dirty: bool, ascii: bool) -> Cow<'_, str> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    if !dirty {
        return Cow::Borrowed(trimmed);
    }
    let mut line = String::with_capacity(trimmed.len());
    let mut space = false;
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of printable ASCII, with the single spaces inside it (each followed by
        // printable ASCII again), is copied as it stands: it needs nothing, and most of a
        // line that needs work is such runs (a double space made the whole line dirty).
        if is_graphic_ascii(bytes[i]) {
            let run = i;
            loop {
                match bytes.get(i) {
                    Some(&b) if is_graphic_ascii(b) => i += 1,
                    Some(b' ') if bytes.get(i + 1).is_some_and(|&b| is_graphic_ascii(b)) => {
                        i += 2;
                    }
                    _ => break,
                }
            }
            if space && !line.is_empty() {
                line.push(' ');
            }
            space = false;
            line.push_str(&trimmed[run..i]);
            continue;
        }
        let Some(c) = trimmed[i..].chars().next() else { break };
        i += c.len_utf8();
        rebuild_char(&mut line, &mut space, c, ascii);
    }
    Cow::Owned(line)
}

/// Adds `c` to a line being rebuilt by [`clean_line`]: white space is folded into one space
/// before the next character kept (none at the start), invisible and control characters are
/// dropped, typography is folded with `ascii`.
#[inline]
fn rebuild_char(line: &mut String, space: &mut bool, c: char, ascii: bool) {
    if c.is_whitespace() {
        *space = true;
        return;
    }
    if is_invisible(c) || c.is_control() {
        return;
    }
    if *space && !line.is_empty() {
        line.push(' ');
    }
    *space = false;
    match fold_ascii(c) {
        Some(s) if ascii => line.push_str(s),
        _ => line.push(c),
    }
}

/// Printable ASCII but the space: characters that [`clean_line`] keeps as they are.
#[inline]
fn is_graphic_ascii(b: u8) -> bool {
    (b'!'..=b'~').contains(&b)
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

    /// The line scan one byte at a time (what [`clean_lines`] did before it read eight bytes
    /// at a time): the reference the property test holds it to.
    fn clean_lines_bytewise(input: &str, ascii: bool) -> (Vec<Cow<'_, str>>, bool) {
        let bytes = input.as_bytes();
        let mut lines = Vec::new();
        let mut safe = true;
        let (mut start, mut i) = (0, 0);
        let (mut dirty, mut space) = (false, false);
        while i < bytes.len() {
            match BYTE_CLASS[usize::from(bytes[i])] {
                PLAIN => space = false,
                SPACE => {
                    dirty |= space;
                    space = true;
                }
                BREAK => {
                    lines.push(clean_line(&input[start..i], dirty, ascii));
                    (start, dirty, space) = (i + 1, false, false);
                }
                FIX => {
                    dirty = true;
                    space = false;
                }
                _ => {
                    let c = input[i..].chars().next().unwrap_or_default();
                    let len = c.len_utf8();
                    if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                        lines.push(clean_line(&input[start..i], dirty, ascii));
                        (start, dirty, space) = (i + len, false, false);
                    } else {
                        dirty |= needs_work(c, ascii);
                        safe &= nfc_safe(c);
                        space = false;
                    }
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        lines.push(clean_line(&input[start..], dirty, ascii));
        (lines, safe)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn the_eight_byte_line_scan_agrees_with_the_bytewise_one(
            s in "[a-z .,\t\r\n\u{7F}\u{0}\u{1F}\u{A0}\u{85}\u{2028}\u{200B}\u{201C}\u{301}\u{4E00}\u{915}\u{93C}\u{9BE}\u{3000}\u{3001}]{0,80}",
            ascii in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(clean_lines(&s, ascii), clean_lines_bytewise(&s, ascii));
        }
    }

    /// [`clean_line`] one character at a time (what it did before it copied runs of
    /// printable ASCII whole): the reference the property test below holds it to.
    fn clean_line_charwise(raw: &str, ascii: bool) -> String {
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
        let mut line = String::new();
        let mut space = false;
        for c in trimmed.chars() {
            rebuild_char(&mut line, &mut space, c, ascii);
        }
        line
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn a_rebuilt_line_is_what_the_character_by_character_rebuild_gives(
            s in "[a-c!~ \t\u{7F}\u{0}\u{1F}\u{A0}\u{85}\u{200B}\u{AD}\u{201C}\u{2014}\u{2026}\u{301}\u{E9}\u{3000}]{0,60}",
            ascii in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(clean_line(&s, true, ascii), clean_line_charwise(&s, ascii));
        }
    }

    #[test]
    fn plain_letters_need_nothing() {
        for c in ('\u{80}'..=char::MAX).filter(|&c| plain_letter(c)) {
            assert!(nfc_safe(c) && !needs_work(c, false) && !needs_work(c, true), "{c:?}");
            assert!(!matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}'));
        }
    }

    #[test]
    fn safe_characters_are_never_the_second_part_of_a_composition() {
        for c in '\0'..=char::MAX {
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |p| parts.push(p));
            for &p in parts.iter().skip(1) {
                assert!(!nfc_safe(p), "{c:?} decomposes to {parts:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        #[test]
        fn composing_the_runs_is_composing_the_whole(
            s in "[ aeAE\u{E9}\u{301}\u{308}\u{327}\u{316}\u{1100}\u{1161}\u{11A8}\u{AC00}\u{0995}\u{09A1}\u{09BC}\u{09BE}\u{09C7}\u{09D7}\u{09DC}\u{09CD}\u{0928}\u{093C}\u{0929}\u{3B1}\u{1F600}]{0,40}",
        ) {
            let whole: String = s.nfc().collect();
            proptest::prop_assert_eq!(compose_runs(&s), whole.as_str());
            proptest::prop_assert_eq!(nfc(&s), whole);
        }

        /// Cleaned text is NFC, whichever lines were rebuilt or only trimmed.
        #[test]
        fn cleaned_text_is_nfc(
            s in "[ a-e\n\t\r\u{A0}\u{200B}\u{7}\u{301}\u{327}\u{1100}\u{1161}\u{11A8}\u{09C7}\u{09BE}\u{09DC}\u{2028}]{0,40}",
        ) {
            let cleaned = clean(&s);
            proptest::prop_assert!(unicode_normalization::is_nfc(&cleaned), "{:?} -> {:?}", s, cleaned);
        }
    }

    #[test]
    fn plain_characters_are_those_the_rules_say() {
        for c in '\u{80}'..=char::MAX {
            assert_eq!(plain_char(c), plain_by_rules(c) && c <= '\u{FFFF}', "{c:?}");
        }
    }

    #[test]
    fn plain_scan_flags_exactly_the_bytes_that_need_a_look() {
        for b in 0..=255u8 {
            for (before, space) in [(b'a', false), (b' ', true)] {
                let x = u64::from_le_bytes([b'x', b'x', before, b, b'x', b'x', b'x', b'x']);
                let (stop, _) = plain_scan(x, false);
                let want = !(0x20..0x7F).contains(&b) || (b == b' ' && space);
                assert_eq!(stop, if want { 0x80 << 24 } else { 0 }, "{b:#x} after {before}");
            }
        }
        // A space in the byte before the eight: the first one, if a space, is a double.
        assert_eq!(plain_scan(u64::from_le_bytes(*b" xxxxxxx"), true).0, 0x80);
        assert_eq!(plain_scan(u64::from_le_bytes(*b" xxxxxxx"), false).0, 0);
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
                // Starters, and the viramas (class 9: a run of them is in canonical order).
                assert!(matches!(canonical_combining_class(c), 0 | 9), "U+{u:04X}");
                // The viramas, which [`nfc`] does not take for boundaries.
                if canonical_combining_class(c) == 9 {
                    assert!(matches!(c, '\u{094D}' | '\u{09CD}'), "U+{u:04X}");
                }
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
