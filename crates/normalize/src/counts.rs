//! Word and sentence counts by the rules of Unicode UAX #29.
//!
//! The `unicode-segmentation` crate implements UAX #29 for all of Unicode but looks up every
//! character in large tables, which made counting the slowest part of normalizing (27 MB/s).
//! Most news paragraphs use a small alphabet: ASCII plus typographic quotes, dashes and the
//! ellipsis. For paragraphs made only of those, this module applies the UAX #29 word and
//! sentence rules directly (the property tests below check that it agrees with the crate on
//! random text over that alphabet); any other paragraph goes to the crate.

use unicode_segmentation::UnicodeSegmentation;

thread_local! {
    /// Class buffers reused across paragraphs (no allocation per paragraph).
    static CLASSES: std::cell::RefCell<(Vec<Wb>, Vec<Sb>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// Words and sentences of one paragraph (no line breaks inside).
pub(crate) fn words_and_sentences(p: &str) -> (u32, u32) {
    let fast = CLASSES.with(|cell| {
        let (w, s) = &mut *cell.borrow_mut();
        classify(p, w, s).then(|| (fast_words(w), fast_sentences(s)))
    });
    fast.unwrap_or_else(|| (p.unicode_words().count() as u32, p.unicode_sentences().count() as u32))
}

/// Word and sentence classes of the printable ASCII characters, computed once: the hot loop
/// looks ASCII bytes up instead of matching.
static ASCII_CLASSES: std::sync::LazyLock<[(Wb, Sb); 128]> = std::sync::LazyLock::new(|| {
    let mut t = [(Wb::Other, Sb::Other); 128];
    for (b, slot) in t.iter_mut().enumerate() {
        let c = char::from(b as u8);
        *slot = (word_class(c), sentence_class(c));
    }
    t
});

/// Fills the word and sentence classes of `p`; false when `p` leaves the fast alphabet.
fn classify(p: &str, w: &mut Vec<Wb>, s: &mut Vec<Sb>) -> bool {
    w.clear();
    s.clear();
    w.reserve(p.len());
    s.reserve(p.len());
    let table = &*ASCII_CLASSES;
    let bytes = p.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (b' '..=b'~').contains(&b) {
            let (wc, sc) = table[usize::from(b)];
            w.push(wc);
            s.push(sc);
            i += 1;
            continue;
        }
        // A multi-byte character (or a control byte, which is not in the alphabet).
        let Some(c) = p[i..].chars().next() else { return false };
        if !in_fast_alphabet(c) {
            return false;
        }
        w.push(word_class(c));
        s.push(sentence_class(c));
        i += c.len_utf8();
    }
    true
}

fn in_fast_alphabet(c: char) -> bool {
    (' '..='~').contains(&c)
        || ('\u{C0}'..='\u{FF}').contains(&c)
        || matches!(
            c,
            '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                // CJK punctuation, fullwidth punctuation
                | '\u{3001}'
                | '\u{3002}'
                | '\u{300C}'
                ..='\u{300F}'
                    | '\u{FF01}'
                    | '\u{FF08}'
                    | '\u{FF09}'
                    | '\u{FF0C}'
                    | '\u{FF1A}'
                    | '\u{FF1F}'
        )
        || is_ideo(c)
        || is_hangul(c)
}

/// CJK Unified Ideographs and Hiragana: UAX #29 gives each its own word segment; for
/// sentences they are OLetter. (Katakana has rules of its own and is left to the crate.)
fn is_ideo(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}')
}

/// Hangul syllables: ALetter for words, OLetter for sentences.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// Latin-1 letters (`À`..`ÿ` without `×` and `÷`): letters for both word and sentence rules.
fn is_latin1_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{FF}') && c != '\u{D7}' && c != '\u{F7}'
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    /// A character that is a word of its own (ideographs, hiragana).
    Ideo,
    Digit,
    MidLetter,
    MidNumLet,
    MidNum,
    ExtendNumLet,
    Other,
}

fn word_class(c: char) -> Wb {
    match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        c if is_latin1_letter(c) || is_hangul(c) => Wb::Letter,
        c if is_ideo(c) => Wb::Ideo,
        '\u{FF1A}' => Wb::MidLetter,
        '\u{FF0C}' => Wb::MidNum,
        '0'..='9' => Wb::Digit,
        ':' => Wb::MidLetter,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        ',' | ';' => Wb::MidNum,
        '_' => Wb::ExtendNumLet,
        _ => Wb::Other,
    }
}

/// UAX #29 word segments that contain a letter or digit (as `unicode_words` counts them).
fn fast_words(class: &[Wb]) -> u32 {
    let at = |i: usize| class.get(i).copied().unwrap_or(Wb::Other);
    let mut count = 0;
    let mut i = 0;
    while i < class.len() {
        if class[i] == Wb::Ideo {
            count += 1;
            i += 1;
            continue;
        }
        if !matches!(class[i], Wb::Letter | Wb::Digit | Wb::ExtendNumLet) {
            i += 1;
            continue;
        }
        let mut alnum = false;
        loop {
            let cur = at(i);
            alnum |= matches!(cur, Wb::Letter | Wb::Digit);
            let next = at(i + 1);
            let joins = match (cur, next) {
                (Wb::Letter | Wb::Digit, Wb::Letter | Wb::Digit) => true, // WB5, WB8-10
                (Wb::Letter | Wb::Digit | Wb::ExtendNumLet, Wb::ExtendNumLet) => true, // WB13a
                (Wb::ExtendNumLet, Wb::Letter | Wb::Digit) => true,       // WB13b
                _ => false,
            };
            if joins {
                i += 1;
                continue;
            }
            // WB6/7: letter (MidLetter|MidNumLetQ) letter; WB11/12: digit (MidNum|MidNumLetQ) digit.
            let bridged = matches!(
                (cur, next, at(i + 2)),
                (Wb::Letter, Wb::MidLetter | Wb::MidNumLet, Wb::Letter)
                    | (Wb::Digit, Wb::MidNum | Wb::MidNumLet, Wb::Digit)
            );
            if bridged {
                i += 2;
                continue;
            }
            i += 1;
            break;
        }
        if alnum {
            count += 1;
        }
    }
    count
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sb {
    Sp,
    OLetter,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

fn sentence_class(c: char) -> Sb {
    match c {
        ' ' | '\t' => Sb::Sp,
        'a'..='z' | '\u{DF}'..='\u{FF}' if c != '\u{F7}' => Sb::Lower,
        'A'..='Z' | '\u{C0}'..='\u{DE}' if c != '\u{D7}' => Sb::Upper,
        '0'..='9' => Sb::Numeric,
        '.' => Sb::ATerm,
        '!' | '?' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => Sb::STerm,
        '\u{300C}'..='\u{300F}' | '\u{FF08}' | '\u{FF09}' => Sb::Close,
        '\u{3001}' | '\u{FF0C}' | '\u{FF1A}' => Sb::SContinue,
        c if is_ideo(c) || is_hangul(c) => Sb::OLetter,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{2018}' | '\u{2019}' | '\u{201C}'
        | '\u{201D}' => Sb::Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// UAX #29 sentence segments that contain a letter or digit (as `unicode_sentences` counts
/// them), for a paragraph without line breaks.
fn fast_sentences(class: &[Sb]) -> u32 {
    let n = class.len();
    let mut count = 0;
    let mut seg_start = 0;
    let mut i = 0;
    while i < n {
        let c = class[i];
        if !matches!(c, Sb::ATerm | Sb::STerm) {
            i += 1;
            continue;
        }
        // SATerm Close* Sp*, then decide whether the sentence ends there (SB11) or not.
        let mut p = i + 1;
        while p < n && class[p] == Sb::Close {
            p += 1;
        }
        while p < n && class[p] == Sb::Sp {
            p += 1;
        }
        // SB8a: no break before SContinue or another terminator (or at the end).
        let no_break = if p >= n || matches!(class[p], Sb::SContinue | Sb::ATerm | Sb::STerm) {
            true
        } else if c == Sb::ATerm {
            let next = class.get(i + 1).copied();
            let prev = i.checked_sub(1).map(|j| class[j]);
            next == Some(Sb::Numeric) // SB6
                || (matches!(prev, Some(Sb::Upper | Sb::Lower)) && next == Some(Sb::Upper)) // SB7
                || {
                    // SB8: ATerm Close* Sp* × (¬(OLetter|Upper|Lower|ParaSep|SATerm))* Lower
                    let q = (p..n).find(|&k| {
                        matches!(class[k], Sb::OLetter | Sb::Upper | Sb::Lower | Sb::ATerm | Sb::STerm)
                    });
                    q.is_some_and(|k| class[k] == Sb::Lower)
                }
        } else {
            false
        };
        if no_break {
            i = if p > i + 1 { p } else { i + 1 };
            // Resume at p: an SATerm there starts its own run (SB8a case).
            if p < n && matches!(class[p], Sb::ATerm | Sb::STerm) {
                i = p;
            }
            continue;
        }
        if has_alnum(&class[seg_start..p]) {
            count += 1;
        }
        seg_start = p;
        i = p;
    }
    if seg_start < n && has_alnum(&class[seg_start..]) {
        count += 1;
    }
    count
}

fn has_alnum(s: &[Sb]) -> bool {
    s.iter().any(|c| matches!(c, Sb::Lower | Sb::Upper | Sb::Numeric | Sb::OLetter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast(p: &str) -> (u32, u32) {
        let (mut w, mut s) = (Vec::new(), Vec::new());
        assert!(classify(p, &mut w, &mut s));
        (fast_words(&w), fast_sentences(&s))
    }

    fn crate_counts(p: &str) -> (u32, u32) {
        (p.unicode_words().count() as u32, p.unicode_sentences().count() as u32)
    }

    #[test]
    fn known_cases() {
        for p in [
            "Hello world. How are you?",
            "The U.S. economy grew 3.5 percent in 2023, officials said.",
            "\u{201C}We need five dry days,\u{201D} said Tom. \u{201C}Then we run.\u{201D}",
            "Don\u{2019}t stop\u{2014}ever. mid-sentence e.g. this one. And 10,000 more...",
            "Wait!? Really. (Yes.) [No!] ok: fine; done_now a_b 3:4",
            "He said \"Go.\" Then left. etc. and so on.",
        ] {
            assert_eq!(fast(p), crate_counts(p), "{p}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn agrees_on_cjk_and_hangul(
            p in "[a-zA-Z0-9 .!?,:'\"()_\u{4E00}-\u{4E20}\u{3041}-\u{3050}\u{AC00}-\u{AC10}\u{3001}\u{3002}\u{300C}-\u{300F}\u{FF01}\u{FF08}\u{FF09}\u{FF0C}\u{FF1A}\u{FF1F}\u{201C}\u{201D}]{0,40}"
        ) {
            let (mut w, mut s) = (Vec::new(), Vec::new());
            prop_assert!(classify(&p, &mut w, &mut s));
            prop_assert_eq!((fast_words(&w), fast_sentences(&s)), crate_counts(&p));
        }

        #[test]
        fn agrees_with_unicode_segmentation(
            p in "[a-zA-Z0-9 .!?,;:'\"()\\[\\]_\\-\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{C0}-\u{FF}]{0,60}"
        ) {
            let (mut w, mut s) = (Vec::new(), Vec::new());
            classify(&p, &mut w, &mut s);
            prop_assert_eq!((fast_words(&w), fast_sentences(&s)), crate_counts(&p));
        }

        #[test]
        fn agrees_on_word_like_text(
            words in proptest::collection::vec("[A-Za-z]{1,6}|[0-9]{1,4}|[.!?]|[\u{201C}\u{201D}\"]", 0..30)
        ) {
            let p = words.join(" ");
            let (mut w, mut s) = (Vec::new(), Vec::new());
            classify(&p, &mut w, &mut s);
            prop_assert_eq!((fast_words(&w), fast_sentences(&s)), crate_counts(&p));
        }
    }
}
