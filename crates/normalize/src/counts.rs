//! Word and sentence counts by the rules of Unicode UAX #29.
//!
//! The `unicode-segmentation` crate implements UAX #29 for all of Unicode but looks up every
//! character in large tables, which made counting the slowest part of normalizing (27 MB/s).
//! Most news paragraphs use a small alphabet: ASCII plus typographic quotes, dashes and the
//! ellipsis, Latin-1 letters, and a few scripts whose classes are simple (CJK, kana, Hangul,
//! Devanagari, Bengali). For paragraphs made only of those, this module applies the UAX #29
//! word and sentence rules directly (the property tests below check that it agrees with the
//! crate on random text over that alphabet); any other paragraph goes to the crate.
//!
//! The rules are written once, as two small state machines that read one character class at
//! a time ([`Words::push`], [`Sentences::push`]). Running them character by character cost
//! about 30 instructions per byte; instead, [`Automaton`] explores every state the pair can
//! reach, once, and tabulates the transitions: counting a paragraph is then one table look-up
//! per character.

use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

/// Words and sentences of one paragraph (no line breaks inside).
pub(crate) fn words_and_sentences(p: &str) -> (u32, u32) {
    fast_counts(p)
        .unwrap_or_else(|| (p.unicode_words().count() as u32, p.unicode_sentences().count() as u32))
}

/// Words and sentences of `p` when it is made of the fast alphabet (else `None`).
fn fast_counts(p: &str) -> Option<(u32, u32)> {
    let dfa = &*AUTOMATON;
    let bytes = p.as_bytes();
    let (mut words, mut sentences) = (0, 0);
    let mut row = 0usize; // the state, as the offset of its row in `dfa.next`
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = if b < 0x80 {
            i += 1;
            dfa.ascii[usize::from(b)]
        } else {
            let c = p[i..].chars().next()?;
            i += c.len_utf8();
            match dfa.class_of_char(c) {
                // Combining signs (UAX #29 Extend) attach to the character before them (WB4,
                // SB5) and change nothing. After a space or punctuation the sign makes that
                // segment a word (the sign is alphabetic): rare, left to the crate.
                EXTEND if dfa.after_letter[row] => continue,
                EXTEND | NO_CLASS => return None,
                class => class,
            }
        };
        let t = dfa.next[row + usize::from(class)];
        words += u32::from(t & 1);
        sentences += u32::from((t >> 1) & 1);
        row = usize::from(t >> 2);
        if b.is_ascii_lowercase() {
            // The rest of a run of lower-case letters: one step to the state a second letter
            // leads to, which more letters do not change.
            let run = lower_run(&bytes[i..]);
            if run > 0 {
                i += run;
                row = usize::from(dfa.lower_run[row]);
            }
        }
    }
    let state = row / dfa.classes;
    (state != dfa.dead).then(|| (words, sentences + u32::from(dfa.end[state])))
}

/// The length of the run of lower-case ASCII letters `s` starts with, read eight bytes at a
/// time.
#[inline]
fn lower_run(s: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut n = 0;
    while let Some(chunk) = s.get(n..n + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Per byte, without borrows across bytes: `(b | 0x80) - 0x61` keeps the high bit for
        // b & 0x7F >= 'a'; `(b | 0x80) - 0x7B` keeps it for b & 0x7F > 'z'.
        let lower = ((x | HIGH) - 0x61 * ONES) & !((x | HIGH) - 0x7B * ONES) & !x & HIGH;
        let other = !lower & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + s[n..].iter().take_while(|c| c.is_ascii_lowercase()).count()
}

/// The word and sentence rules as one table (see the module docs).
struct Automaton {
    /// The number of character classes: the `(Wb, Sb)` pairs of the fast alphabet, and one
    /// for the ASCII control characters (which lead to `dead`).
    classes: usize,
    /// Class id of each `(Wb, Sb)` pair, by `wb * SB_COUNT + sb` (`NO_CLASS` when none).
    class_ids: Vec<u8>,
    /// Class id of each ASCII byte.
    ascii: [u8; 128],
    /// Class id (or `EXTEND`, or `NO_CLASS`) of each character below U+3400.
    low: Vec<u8>,
    /// Class ids of the ideographs, the Hangul syllables, and the fullwidth punctuation
    /// U+FF00..=U+FF1F.
    ideo: u8,
    hangul: u8,
    fullwidth: [u8; 32],
    /// By state row (`state * classes`) plus class: the next state's row `<< 2`, plus 1 when
    /// a word starts, plus 2 when a sentence ends.
    next: Vec<u16>,
    /// By row: the row after more lower-case letters, when the state was reached by one.
    lower_run: Vec<u16>,
    /// By state: the sentences still to count when the paragraph ends there.
    end: Vec<u8>,
    /// By row: whether the last character read was a letter (WB4: see [`fast_counts`]).
    after_letter: Vec<bool>,
    /// The state a control character leads to, and never leaves: the crate counts.
    dead: usize,
}

/// The class of pairs and characters outside the fast alphabet.
const NO_CLASS: u8 = u8::MAX;
/// The "class" of the Devanagari and Bengali combining signs (see [`fast_counts`]).
const EXTEND: u8 = u8::MAX - 1;

/// The blocks of the fast alphabet below U+3400 (the rest is ideographs, Hangul syllables
/// and fullwidth punctuation).
const BLOCKS: [std::ops::RangeInclusive<char>; 5] = [
    '\u{20}'..='\u{FF}',
    '\u{900}'..='\u{9FF}',
    '\u{2010}'..='\u{20AC}',
    '\u{3001}'..='\u{30FF}',
    '\u{3200}'..='\u{321E}',
];

/// A state of the two rule machines as a small number (for the table of known states).
fn state_key(w: &Words, s: &Sentences) -> usize {
    let sentence = match s.state {
        SentenceState::Text => 0,
        SentenceState::After { aterm, cased_before, phase } => {
            1 + usize::from(aterm) * 6 + usize::from(cased_before) * 3 + phase as usize
        }
        SentenceState::Scan { digit } => 13 + usize::from(digit),
    };
    let words = usize::from(w.pending) | (w.prev2 as usize) << 1 | (w.prev as usize) << 5;
    ((words << 1 | usize::from(s.alnum)) << 1 | usize::from(s.cased)) << 4 | sentence
}

impl Automaton {
    #[inline]
    fn class_of(&self, wb: Wb, sb: Sb) -> u8 {
        self.class_ids[wb as usize * SB_COUNT + sb as usize]
    }

    /// The class id of a character, `EXTEND` for a combining sign, `NO_CLASS` outside the
    /// fast alphabet.
    #[inline]
    fn class_of_char(&self, c: char) -> u8 {
        let u = c as usize;
        match u {
            0..0x3400 => self.low[u],
            0x4E00..=0x9FFF => self.ideo,
            0xAC00..=0xD7A3 => self.hangul,
            0xFF00..=0xFF1F => self.fullwidth[u - 0xFF00],
            _ => NO_CLASS,
        }
    }

    /// The class id of a character, computed from the rule functions.
    fn compute_class(&self, c: char) -> u8 {
        if is_indic_extend(c) {
            EXTEND
        } else if !in_fast_alphabet(c) {
            NO_CLASS
        } else {
            self.class_of(word_class(c), sentence_class(c))
        }
    }

    fn build() -> Automaton {
        // The classes: every (word, sentence) pair a character of the fast alphabet has (each
        // block of it has a character in these ranges: see the tests).
        let mut pairs: Vec<(Wb, Sb)> = Vec::new();
        let mut class_ids = vec![NO_CLASS; WB_COUNT * SB_COUNT];
        let chars = BLOCKS
            .into_iter()
            .chain(['\u{4E00}'..='\u{4E00}', '\u{AC00}'..='\u{AC00}', '\u{FF01}'..='\u{FF1F}'])
            .flatten();
        for c in chars.filter(|&c| in_fast_alphabet(c) && !is_indic_extend(c)) {
            let (wb, sb) = (word_class(c), sentence_class(c));
            let slot = &mut class_ids[wb as usize * SB_COUNT + sb as usize];
            if *slot == NO_CLASS {
                *slot = pairs.len() as u8;
                pairs.push((wb, sb));
            }
        }
        let control = pairs.len() as u8;
        let classes = pairs.len() + 1;
        let mut ascii = [control; 128];
        for (b, slot) in ascii.iter_mut().enumerate().take(0x7F).skip(usize::from(b' ')) {
            let c = char::from(b as u8);
            *slot = class_ids[word_class(c) as usize * SB_COUNT + sentence_class(c) as usize];
        }
        // Every reachable state, breadth first from the start of a paragraph; the dead state
        // comes last.
        let start = (Words::default(), Sentences::default());
        let mut ids = vec![u16::MAX; 1 << 15];
        ids[state_key(&start.0, &start.1)] = 0;
        let mut states = vec![start];
        let mut steps: Vec<(usize, bool, bool)> = Vec::new();
        let mut k = 0;
        while k < states.len() {
            let state = states[k];
            for &(wb, sb) in &pairs {
                let (mut w, mut s) = state;
                let word = w.push(wb);
                let sentence = s.push(sb);
                w.forget_what_does_not_matter();
                let slot = &mut ids[state_key(&w, &s)];
                if *slot == u16::MAX {
                    *slot = states.len() as u16;
                    states.push((w, s));
                }
                steps.push((usize::from(*slot), word, sentence));
            }
            steps.push((usize::MAX, false, false)); // control: to the dead state
            k += 1;
        }
        let dead = states.len();
        assert!((dead + 1) * classes < 1 << 14, "the rows fit in 14 bits");
        let entry = |(to, word, sentence): (usize, bool, bool)| {
            let to = if to == usize::MAX { dead } else { to };
            ((to * classes) << 2) as u16 | u16::from(sentence) << 1 | u16::from(word)
        };
        let mut next: Vec<u16> = steps.into_iter().map(entry).collect();
        next.extend(std::iter::repeat_n(entry((dead, false, false)), classes));
        let lower = class_ids[Wb::Letter as usize * SB_COUNT + Sb::Lower as usize];
        let step = |state: usize| usize::from(next[state * classes + usize::from(lower)]);
        // For each state a lower-case letter leads to (by row), the row of the state a second
        // one leads to: it counts nothing, and more letters do not change it.
        let mut lower_run = vec![0; (dead + 1) * classes];
        for state in 0..dead {
            let after = step(state) >> 2;
            let t = step(after / classes);
            assert_eq!(t & 3, 0, "a letter after a letter counts nothing");
            assert_eq!(step((t >> 2) / classes), t, "letters after letters change nothing");
            lower_run[after] = (t >> 2) as u16;
        }
        let mut end: Vec<u8> = states.iter().map(|(_, s)| s.end()).collect();
        end.push(0);
        let mut after_letter = vec![false; (dead + 1) * classes];
        for (state, (w, _)) in states.iter().enumerate() {
            after_letter[state * classes] = w.prev == Wb::Letter;
        }
        let mut dfa = Automaton {
            classes,
            class_ids,
            ascii,
            low: vec![NO_CLASS; 0x3400],
            ideo: NO_CLASS,
            hangul: NO_CLASS,
            fullwidth: [NO_CLASS; 32],
            next,
            lower_run,
            end,
            after_letter,
            dead,
        };
        for c in BLOCKS.into_iter().flatten() {
            dfa.low[c as usize] = dfa.compute_class(c);
        }
        dfa.ideo = dfa.compute_class('\u{4E00}');
        dfa.hangul = dfa.compute_class('\u{AC00}');
        for (k, c) in ('\u{FF00}'..='\u{FF1F}').enumerate() {
            dfa.fullwidth[k] = dfa.compute_class(c);
        }
        dfa
    }
}

static AUTOMATON: LazyLock<Automaton> = LazyLock::new(Automaton::build);

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

/// The number of [`Wb`] classes.
const WB_COUNT: usize = 9;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
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

/// The UAX #29 word rules, one class at a time: a word segment that contains a letter or
/// digit (what `unicode_words` counts) starts at a letter, digit or connector that does not
/// continue the segment of the character before it: continuing means the character before is
/// one too (WB5, WB8-10, WB13a/b) or the two before it bridge (WB6/7: letter (MidLetter |
/// MidNumLetQ) letter; WB11/12: digit (MidNum | MidNumLetQ) digit). Ideographs are words of
/// their own.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Words {
    /// The current segment has no letter or digit yet.
    pending: bool,
    prev2: Wb,
    prev: Wb,
}

impl Default for Words {
    fn default() -> Words {
        Words { pending: false, prev2: Wb::Other, prev: Wb::Other }
    }
}

impl Words {
    /// The class two characters back matters only when it is a letter or digit and the one
    /// before is a connector (WB6/7, WB11/12): otherwise forgetting it changes nothing, and
    /// the automaton has fewer states.
    fn forget_what_does_not_matter(&mut self) {
        if !matches!(self.prev, Wb::MidLetter | Wb::MidNumLet | Wb::MidNum)
            || !matches!(self.prev2, Wb::Letter | Wb::Digit)
        {
            self.prev2 = Wb::Other;
        }
    }

    /// Reads a character of class `cur`; true when it starts a word.
    fn push(&mut self, cur: Wb) -> bool {
        let mut counted = false;
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
                    counted = true;
                    self.pending = false;
                }
            }
            Wb::Ideo => {
                counted = true;
                self.pending = false;
            }
            _ => {}
        }
        (self.prev2, self.prev) = (self.prev, cur);
        counted
    }
}

/// The number of [`Sb`] classes.
const SB_COUNT: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
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

/// The UAX #29 sentence rules over a paragraph without line breaks, one class at a time,
/// counting the segments that contain a letter or digit (what `unicode_sentences` counts).
/// After a terminator (SATerm) come `Close* Sp*`; the next character decides: no break before
/// SContinue or another terminator (SB8a); after a full stop (ATerm), no break before a digit
/// right after it (SB6), before an upper-case letter right after it when a cased letter came
/// before it (SB7), nor when the next letter (or terminator) after `Close* Sp*` and any other
/// characters is lower case (SB8); else a break before that character (SB11).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Sentences {
    /// The current segment has a letter or digit.
    alnum: bool,
    /// The last class was Upper or Lower.
    cased: bool,
    state: SentenceState,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
enum SentenceState {
    #[default]
    Text,
    /// After a terminator and the `Close*` / `Sp*` after it (`phase`): the next character
    /// decides.
    After {
        aterm: bool,
        /// A cased letter came right before the full stop (SB7).
        cased_before: bool,
        phase: Phase,
    },
    /// SB8: after `ATerm Close* Sp*` and a character that is neither a letter nor a
    /// terminator, waiting for the first one; `digit` when a digit came on the way (it belongs
    /// to the next sentence if there is a break).
    Scan { digit: bool },
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Phase {
    /// Right after the terminator.
    Term,
    Close,
    Sp,
}

impl Sentences {
    /// Reads a character of class `c`; true when a sentence with a letter or digit ended
    /// before it.
    fn push(&mut self, c: Sb) -> bool {
        use SentenceState::{After, Scan, Text};
        let mut ended = false;
        match self.state {
            Text => self.text(c),
            After { aterm, cased_before, phase } => match c {
                Sb::Close if phase != Phase::Sp => {
                    self.state = After { aterm, cased_before, phase: Phase::Close };
                }
                Sb::Sp => self.state = After { aterm, cased_before, phase: Phase::Sp },
                // SB8a: no break.
                Sb::SContinue | Sb::ATerm | Sb::STerm => {
                    self.state = Text;
                    self.cased = false; // the terminator starts afresh: nothing cased before it
                    self.text(c);
                }
                // SB6, SB7, SB8 when the letter is right there: no break.
                Sb::Numeric if aterm && phase == Phase::Term => self.resume(c),
                Sb::Upper if aterm && phase == Phase::Term && cased_before => self.resume(c),
                Sb::Lower if aterm => self.resume(c),
                // SB8: the letter (or terminator) that decides is further on.
                _ if aterm && !matches!(c, Sb::Upper | Sb::OLetter) => {
                    self.state = Scan { digit: c == Sb::Numeric };
                }
                _ => {
                    ended = self.alnum;
                    self.alnum = false;
                    self.resume(c);
                }
            },
            Scan { digit } => match c {
                Sb::Lower => {
                    self.alnum |= digit;
                    self.resume(c);
                }
                Sb::Upper | Sb::OLetter | Sb::ATerm | Sb::STerm => {
                    // A break where the scan began: what came since is the next sentence's.
                    ended = self.alnum;
                    self.alnum = digit;
                    self.cased = false;
                    self.resume(c);
                }
                Sb::Numeric => self.state = Scan { digit: true },
                _ => {}
            },
        }
        ended
    }

    /// Reads `c` as running text.
    fn resume(&mut self, c: Sb) {
        self.state = SentenceState::Text;
        self.text(c);
    }

    fn text(&mut self, c: Sb) {
        match c {
            Sb::Lower | Sb::Upper | Sb::Numeric | Sb::OLetter => self.alnum = true,
            Sb::ATerm | Sb::STerm => {
                self.state = SentenceState::After {
                    aterm: c == Sb::ATerm,
                    cased_before: self.cased,
                    phase: Phase::Term,
                };
            }
            _ => {}
        }
        self.cased = matches!(c, Sb::Upper | Sb::Lower);
    }

    /// The sentences still to count at the end of the paragraph.
    fn end(&self) -> u8 {
        match self.state {
            SentenceState::Scan { digit } => u8::from(self.alnum) + u8::from(digit),
            _ => u8::from(self.alnum),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fast(p: &str) -> (u32, u32) {
        fast_counts(p).expect("in the fast alphabet")
    }

    fn crate_counts(p: &str) -> (u32, u32) {
        (p.unicode_words().count() as u32, p.unicode_sentences().count() as u32)
    }

    #[test]
    fn the_automaton_is_small() {
        let dfa = &*AUTOMATON;
        let states = dfa.end.len();
        eprintln!("{} classes, {states} states", dfa.classes);
        // Entries of two bytes (see `Automaton::next`): 17 KB, within the first-level cache.
        assert!(dfa.classes < 32 && states < 1024, "{} classes, {states} states", dfa.classes);
        assert_eq!(dfa.next.len(), states * dfa.classes);
    }

    #[test]
    fn every_character_has_the_class_of_its_rules() {
        let dfa = &*AUTOMATON;
        for c in '\u{80}'..=char::MAX {
            let want = dfa.compute_class(c);
            assert_eq!(dfa.class_of_char(c), want, "{c:?}");
            if in_fast_alphabet(c) {
                assert_ne!(want, NO_CLASS, "{c:?}");
            }
        }
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
        fn lower_runs_are_measured_exactly(s in proptest::collection::vec(any::<u8>(), 0..40), lower in 0usize..20) {
            let mut bytes = vec![b'q'; lower];
            bytes.extend(s);
            let want = bytes.iter().take_while(|c| c.is_ascii_lowercase()).count();
            prop_assert_eq!(lower_run(&bytes), want);
        }

        #[test]
        fn agrees_on_cjk_and_hangul(
            p in "[a-zA-Z0-9 .!?,:'\"()_\u{4E00}-\u{4E20}\u{3041}-\u{3050}\u{AC00}-\u{AC10}\u{3001}\u{3002}\u{300C}-\u{300F}\u{FF01}\u{FF08}\u{FF09}\u{FF0C}\u{FF1A}\u{FF1F}\u{201C}\u{201D}]{0,40}"
        ) {
            prop_assert_eq!(fast_counts(&p), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_katakana_and_narrow_spaces(
            p in "[a-zA-Z0-9 .!?,:;'_()\u{202F}\u{3041}-\u{3045}\u{4E00}-\u{4E05}\u{30A1}-\u{30A8}\u{30F8}-\u{30FA}\u{30FC}-\u{30FF}\u{3001}\u{3002}\u{3200}-\u{3202}\u{321C}-\u{321E}\u{AC00}-\u{AC03}]{0,40}"
        ) {
            prop_assert_eq!(fast_counts(&p), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_devanagari_and_bengali(
            p in "[a-z0-9 .!?,:'\"()\u{0900}-\u{0965}\u{0980}-\u{09EF}]{0,40}"
        ) {
            if let Some(fast) = fast_counts(&p) {
                prop_assert_eq!(fast, crate_counts(&p));
            }
        }

        #[test]
        fn agrees_with_unicode_segmentation(
            p in "[a-zA-Z0-9 .!?,;:'\"()\\[\\]_\\-\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{A1}-\u{A7}\u{A9}-\u{AC}\u{AE}\u{B0}\u{B1}\u{B5}-\u{B7}\u{BA}\u{BB}\u{BF}-\u{FF}\u{2010}\u{201A}\u{201E}\u{2022}\u{2039}\u{203A}\u{20AC}]{0,60}"
        ) {
            prop_assert_eq!(fast_counts(&p), Some(crate_counts(&p)));
        }

        #[test]
        fn agrees_on_word_like_text(
            words in proptest::collection::vec("[A-Za-z]{1,6}|[0-9]{1,4}|[.!?]|[\u{201C}\u{201D}\"]", 0..30)
        ) {
            let p = words.join(" ");
            prop_assert_eq!(fast_counts(&p), Some(crate_counts(&p)));
        }
    }
}
