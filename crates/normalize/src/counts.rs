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
    /// The sentence-class buffer, reused across paragraphs (no allocation per paragraph).
    static CLASSES: std::cell::RefCell<Vec<Sb>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Words and sentences of one paragraph (no line breaks inside).
pub(crate) fn words_and_sentences(p: &str) -> (u32, u32) {
    let fast = CLASSES.with(|cell| fast_counts(p, &mut cell.borrow_mut()));
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

/// Words and sentences of `p` when it is made of the fast alphabet (else `None`): words are
/// counted while the characters are classified, sentences from the classes kept in `s`.
fn fast_counts(p: &str, s: &mut Vec<Sb>) -> Option<(u32, u32)> {
    let words = classify(p, s)?;
    Some((words, fast_sentences(s)))
}

/// Fills the sentence classes of `p` into `s` (one for a whole run of lower-case ASCII
/// letters) and counts its words; `None` when `p` leaves the fast alphabet. Combining signs (UAX #29 Extend) attach to the character before them
/// (WB4, SB5) and get no class of their own.
fn classify(p: &str, s: &mut Vec<Sb>) -> Option<u32> {
    let table = &*ASCII_CLASSES;
    let bytes = p.as_bytes();
    let mut words = Words::default();
    s.clear();
    s.resize(bytes.len(), Sb::Other);
    let (mut i, mut k) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !(b' '..=b'~').contains(&b) {
                return None; // a control character
            }
            let (wc, sc) = table[usize::from(b)];
            words.push(wc);
            s[k] = sc;
            (i, k) = (i + 1, k + 1);
            if b.is_ascii_lowercase() {
                // The rest of a run of lower-case letters changes nothing: the word goes on, and
                // one Lower class stands for the run (the sentence rules look only at which
                // classes neighbour each other).
                let run = bytes[i..].iter().take_while(|c| c.is_ascii_lowercase()).count();
                if run > 0 {
                    i += run;
                    words.prev2 = Wb::Letter;
                }
            }
            continue;
        }
        let c = p[i..].chars().next()?;
        i += c.len_utf8();
        if is_indic_extend(c) {
            if words.prev != Wb::Letter {
                // A sign after a space or punctuation makes that segment a word (the sign is
                // alphabetic): rare, left to the crate.
                return None;
            }
            continue;
        }
        if !in_fast_alphabet(c) {
            return None;
        }
        words.push(word_class(c));
        s[k] = sentence_class(c);
        k += 1;
    }
    s.truncate(k);
    Some(words.count)
}

/// Devanagari and Bengali letters (Lo: UAX #29 ALetter for words, OLetter for sentences).
fn is_indic_letter(c: char) -> bool {
    matches!(c,
        '\u{0904}'..='\u{0939}' | '\u{093D}' | '\u{0950}' | '\u{0958}'..='\u{0961}'
        | '\u{0971}'..='\u{097F}'
        | '\u{0980}' | '\u{0985}'..='\u{098C}' | '\u{098F}' | '\u{0990}' | '\u{0993}'..='\u{09A8}'
        | '\u{09AA}'..='\u{09B0}' | '\u{09B2}' | '\u{09B6}'..='\u{09B9}' | '\u{09BD}' | '\u{09CE}'
        | '\u{09DC}' | '\u{09DD}' | '\u{09DF}'..='\u{09E1}' | '\u{09F0}' | '\u{09F1}' | '\u{09FC}')
}

/// Devanagari and Bengali vowel signs, viramas, nuktas and other combining marks (UAX #29
/// Extend).
fn is_indic_extend(c: char) -> bool {
    matches!(c,
        '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{093C}' | '\u{093E}'..='\u{094F}'
        | '\u{0951}'..='\u{0957}' | '\u{0962}' | '\u{0963}'
        | '\u{0981}'..='\u{0983}' | '\u{09BC}' | '\u{09BE}'..='\u{09C4}' | '\u{09C7}' | '\u{09C8}'
        | '\u{09CB}'..='\u{09CD}' | '\u{09D7}' | '\u{09E2}' | '\u{09E3}' | '\u{09FE}')
}

/// Devanagari and Bengali digits.
fn is_indic_digit(c: char) -> bool {
    matches!(c, '\u{0966}'..='\u{096F}' | '\u{09E6}'..='\u{09EF}')
}

fn in_fast_alphabet(c: char) -> bool {
    (' '..='~').contains(&c)
        // Latin-1 letters and symbols (not the no-break space and the soft hyphen, which are
        // spacing and format characters, nor the superscripts and fractions, which are
        // numbers that make words of their own).
        || (('\u{A1}'..='\u{FF}').contains(&c)
            && !matches!(c, '\u{AD}' | '\u{B2}' | '\u{B3}' | '\u{B9}' | '\u{BC}'..='\u{BE}'
                // The spacing diacritics ¨ ¯ ´ ¸ (UAX #29 gives them classes of their own).
                | '\u{A8}' | '\u{AF}' | '\u{B4}' | '\u{B8}'))
        // Hyphen, low-9 quotes, bullet, single guillemets, euro sign.
        || matches!(c, '\u{2010}' | '\u{201A}' | '\u{201E}' | '\u{2022}' | '\u{2039}' | '\u{203A}' | '\u{20AC}')
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
        || is_katakana(c)
        || is_hangul(c)
        // The narrow no-break space (French typography: before `;` `:` `!` `?`, between
        // thousands; a word joiner for words, a space for sentences) and the parenthesized
        // Hangul signs ㈀..㈞ (㈜ for companies in Korean news; symbols, in no word).
        || matches!(c, '\u{202F}' | '\u{3200}'..='\u{321E}')
        || is_indic_letter(c)
        || is_indic_digit(c)
        // Danda, double danda.
        || matches!(c, '\u{0964}' | '\u{0965}')
}

/// CJK Unified Ideographs and Hiragana: UAX #29 gives each its own word segment; for
/// sentences they are OLetter. (Katakana has rules of its own and is left to the crate.)
fn is_ideo(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}')
}

/// Katakana letters and the prolonged sound and iteration marks (not the middle dot ・ nor the
/// double hyphen ゠): UAX #29 Katakana for words (a run of them is one word), OLetter for
/// sentences.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}')
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
    /// Katakana: joins only Katakana and connectors (WB13, WB13a/b).
    Katakana,
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
        c if is_latin1_letter(c) || is_hangul(c) || is_indic_letter(c) => Wb::Letter,
        c if is_indic_digit(c) => Wb::Digit,
        '\u{AA}' | '\u{B5}' | '\u{BA}' => Wb::Letter,
        '\u{B7}' => Wb::MidLetter,
        c if is_ideo(c) => Wb::Ideo,
        c if is_katakana(c) => Wb::Katakana,
        '\u{202F}' => Wb::ExtendNumLet,
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

/// Counts UAX #29 word segments that contain a letter or digit (as `unicode_words` counts
/// them) from the word classes of a paragraph, one at a time: a letter, digit or connector
/// continues the segment of the character before it when that is one too (WB5, WB8-10,
/// WB13a/b) or when the two before it bridge (WB6/7: letter (MidLetter|MidNumLetQ) letter;
/// WB11/12: digit (MidNum|MidNumLetQ) digit); anything else starts a new one. Ideographs are
/// words of their own.
struct Words {
    count: u32,
    /// The current segment has no letter or digit yet.
    pending: bool,
    prev2: Wb,
    prev: Wb,
}

impl Default for Words {
    fn default() -> Words {
        Words { count: 0, pending: false, prev2: Wb::Other, prev: Wb::Other }
    }
}

impl Words {
    #[inline]
    fn push(&mut self, cur: Wb) {
        match cur {
            Wb::Letter | Wb::Digit | Wb::ExtendNumLet | Wb::Katakana => {
                let joined = match cur {
                    Wb::Katakana => matches!(self.prev, Wb::Katakana | Wb::ExtendNumLet),
                    Wb::ExtendNumLet => matches!(
                        self.prev,
                        Wb::Letter | Wb::Digit | Wb::ExtendNumLet | Wb::Katakana
                    ),
                    _ => {
                        matches!(self.prev, Wb::Letter | Wb::Digit | Wb::ExtendNumLet)
                            || matches!(
                                (self.prev2, self.prev, cur),
                                (Wb::Letter, Wb::MidLetter | Wb::MidNumLet, Wb::Letter)
                                    | (Wb::Digit, Wb::MidNum | Wb::MidNumLet, Wb::Digit)
                            )
                    }
                };
                if !joined {
                    self.pending = true; // a new segment
                }
                if self.pending && cur != Wb::ExtendNumLet {
                    self.count += 1;
                    self.pending = false;
                }
            }
            Wb::Ideo => {
                self.count += 1;
                self.pending = false;
            }
            _ => {}
        }
        (self.prev2, self.prev) = (self.prev, cur);
    }
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
        ' ' | '\t' | '\u{202F}' => Sb::Sp,
        'a'..='z' | '\u{DF}'..='\u{FF}' if c != '\u{F7}' => Sb::Lower,
        '\u{AA}' | '\u{B5}' | '\u{BA}' => Sb::Lower,
        'A'..='Z' | '\u{C0}'..='\u{DE}' if c != '\u{D7}' => Sb::Upper,
        '0'..='9' => Sb::Numeric,
        '.' => Sb::ATerm,
        '!' | '?' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' => Sb::STerm,
        '\u{300C}'..='\u{300F}' | '\u{FF08}' | '\u{FF09}' => Sb::Close,
        '\u{3001}' | '\u{FF0C}' | '\u{FF1A}' => Sb::SContinue,
        c if is_ideo(c) || is_katakana(c) || is_hangul(c) || is_indic_letter(c) => Sb::OLetter,
        c if is_indic_digit(c) => Sb::Numeric,
        '\u{0964}' | '\u{0965}' => Sb::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{2018}' | '\u{2019}' | '\u{201C}'
        | '\u{201D}' | '\u{AB}' | '\u{BB}' | '\u{201A}' | '\u{201E}' | '\u{2039}' | '\u{203A}' => {
            Sb::Close
        }
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
        fast_counts(p, &mut Vec::new()).expect("in the fast alphabet")
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
            "\u{0928}\u{0947}\u{092A}\u{093E}\u{0932}\u{092E}\u{093E} \u{0906}\u{091C} \u{0966}\u{0967}\u{0964} \u{0938}\u{0921}\u{0915} \u{092C}\u{0928}\u{094D}\u{0926}\u{0964}",
            "\u{09AC}\u{09BE}\u{0982}\u{09B2}\u{09BE}\u{09A6}\u{09C7}\u{09B6} \u{09AD}\u{09BE}\u{09B2}\u{09CB}\u{0964} \u{09E7}\u{09E8} \u{099F}\u{09BE}\u{0995}\u{09BE}\u{0964}",
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
            prop_assert_eq!(fast_counts(&p, &mut Vec::new()), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_katakana_and_narrow_spaces(
            p in "[a-zA-Z0-9 .!?,:;'_()\u{202F}\u{3041}-\u{3045}\u{4E00}-\u{4E05}\u{30A1}-\u{30A8}\u{30F8}-\u{30FA}\u{30FC}-\u{30FF}\u{3001}\u{3002}\u{3200}-\u{3202}\u{321C}-\u{321E}\u{AC00}-\u{AC03}]{0,40}"
        ) {
            prop_assert_eq!(fast_counts(&p, &mut Vec::new()), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_devanagari_and_bengali(
            p in "[a-z0-9 .!?,:'\"()\u{0900}-\u{0965}\u{0980}-\u{09EF}]{0,40}"
        ) {
            if let Some(fast) = fast_counts(&p, &mut Vec::new()) {
                prop_assert_eq!(fast, crate_counts(&p));
            }
        }

        #[test]
        fn agrees_with_unicode_segmentation(
            p in "[a-zA-Z0-9 .!?,;:'\"()\\[\\]_\\-\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{A1}-\u{A7}\u{A9}-\u{AC}\u{AE}\u{B0}\u{B1}\u{B5}-\u{B7}\u{BA}\u{BB}\u{BF}-\u{FF}\u{2010}\u{201A}\u{201E}\u{2022}\u{2039}\u{203A}\u{20AC}]{0,60}"
        ) {
            prop_assert_eq!(fast_counts(&p, &mut Vec::new()), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_word_like_text(
            words in proptest::collection::vec("[A-Za-z]{1,6}|[0-9]{1,4}|[.!?]|[\u{201C}\u{201D}\"]", 0..30)
        ) {
            let p = words.join(" ");
            prop_assert_eq!(fast_counts(&p, &mut Vec::new()), Some(crate_counts(&p)));
        }
    }
}
