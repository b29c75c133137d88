//! Keyword extraction: a RAKE-style scorer. Candidate phrases are runs of up to three content
//! words between stop words and punctuation; a word weighs as often as it occurs (proper nouns,
//! capitalized inside a sentence, a little more); a phrase scores its frequency times the mean
//! weight of its words, with a bonus for length. Deterministic: ties go to the phrase seen
//! first. Stop words come from the `stop-words` crate (stopwords-iso lists, MIT), for the
//! article's language, English when unknown. Languages written without spaces between words
//! (Chinese, Japanese, Thai, ...) get no keywords rather than wrong ones.

use std::sync::OnceLock;

use crate::bloom::Bloom;
use crate::entities::{Tok, WORD};

use copydesk_core::chars::{
    ascii_alnum_end, char_at, fold_case, is_alnum, is_numeric, is_space, is_upper, is_word_part,
    short_eq,
};

type FoldMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Per-language stop-word sets, built on first use (most runs see one or two languages).
#[derive(Debug)]
pub(crate) struct StopWords {
    langs: &'static [&'static str],
    sets: Vec<OnceLock<StopSet>>,
}

impl Default for StopWords {
    fn default() -> StopWords {
        let langs = stop_words::available_languages();
        StopWords { langs, sets: langs.iter().map(|_| OnceLock::new()).collect() }
    }
}

impl StopWords {
    fn get(&self, lang: &str) -> Option<&StopSet> {
        let i = self.langs.binary_search(&lang).ok()?;
        Some(
            self.sets[i].get_or_init(|| {
                StopSet::new(stop_words::lookup(self.langs[i]).unwrap_or_default())
            }),
        )
    }
}

/// One language's stop words in an open-addressing table hashed as the article's words are
/// ([`hash_word`], [`home`]): a new word is looked up with the hash it was interned by, not
/// hashed a second time (the second hash and a general-purpose set were a tenth of the stage).
///
/// Laid out for the cache: a word is probed in `tags` (two bytes a slot) and its bytes are
/// compared where they are stored inline (`keys`, sixteen bytes a slot), so that a stop word
/// found costs about one cache miss, not one for the slot and another for the string it
/// pointed to. perf put the table's probe at a tenth of the keyword stage's time.
#[derive(Debug)]
struct StopSet {
    /// Each slot's [`stop_tag`]; 0 for an empty slot.
    tags: Vec<u16>,
    /// The words of up to 16 bytes, zero-padded, by slot.
    keys: Vec<[u8; 16]>,
    /// The words longer than 16 bytes (rare: none in most lists), with their slots.
    long: Vec<(usize, &'static str)>,
    /// The stop words' hashes: 4 KiB that stay in cache; most words are not stop words.
    filter: Bloom<512>,
}

/// A word's tag: the top bit set, its length (1 to 16, 0 when longer) and 10 bits of its
/// hash. Equal tags mean equal lengths, so that the bytes compare without looking further.
fn stop_tag(len: usize, hash: u64) -> u16 {
    let len = if len <= 16 { len as u16 } else { 0 };
    0x8000 | (len << 10) | (hash >> 54) as u16
}

impl StopSet {
    fn new(words: &[&'static str]) -> StopSet {
        let n = (2 * words.len()).next_power_of_two().max(16);
        let mut set = StopSet {
            tags: vec![0; n],
            keys: vec![[0; 16]; n],
            long: Vec::new(),
            filter: Bloom::new(),
        };
        for &w in words {
            let hash = hash_word(w.as_bytes());
            set.filter.insert(hash);
            if let Err(i) = set.find(w.as_bytes(), hash) {
                set.tags[i] = stop_tag(w.len(), hash);
                if w.len() <= 16 {
                    set.keys[i][..w.len()].copy_from_slice(w.as_bytes());
                } else {
                    set.long.push((i, w));
                }
            }
        }
        set
    }

    /// `Ok` with the slot of `key`, or `Err` with the empty slot where it would go.
    fn find(&self, key: &[u8], hash: u64) -> Result<usize, usize> {
        let mask = self.tags.len() - 1;
        let tag = stop_tag(key.len(), hash);
        let mut i = home(hash, self.tags.len());
        loop {
            match self.tags[i] {
                0 => return Err(i),
                t if t == tag && self.holds(i, key) => return Ok(i),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Whether slot `i`, whose tag says it holds a word as long as `key`, holds `key`.
    fn holds(&self, i: usize, key: &[u8]) -> bool {
        if key.len() <= 16 {
            short_eq(&self.keys[i][..key.len()], key)
        } else {
            self.long.iter().any(|&(j, w)| j == i && w.as_bytes() == key)
        }
    }

    /// Whether `key`, whose [`hash_word`] is `hash`, is a stop word.
    fn contains_hashed(&self, key: &[u8], hash: u64) -> bool {
        self.filter.may_contain(hash) && self.find(key, hash).is_ok()
    }

    fn contains(&self, key: &[u8]) -> bool {
        self.contains_hashed(key, hash_word(key))
    }
}

/// Languages whose words are not separated by spaces.
const UNSPACED: &[&str] = &["zh", "ja", "th", "my", "km", "lo", "bo"];

const MAX_PHRASE_WORDS: usize = 3;

/// Whether an article in `lang` (English when unknown) can have keywords: not in a language
/// written without spaces.
pub(crate) fn has_keywords(lang: Option<&str>) -> bool {
    !UNSPACED.contains(&lang.unwrap_or("en"))
}

/// The `max` most characteristic words and phrases of `text`, best first (see the module
/// docs). `lang` is an ISO 639-1 code; English stop words are used when it is unknown.
pub fn keywords(text: &str, lang: Option<&str>, max: usize) -> Vec<String> {
    keywords_with(text, &fold_case(text), lang, max, &StopWords::default(), None)
}

/// How a word is capitalized: proper nouns (`Upper` inside a sentence) weigh more and do not
/// join common words in a phrase; a capital at a sentence start says nothing (`Initial`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Initial,
    Lower,
}

/// A distinct lower-cased word of the article.
struct Word<'a> {
    /// The word's bytes in the folded text (compared as bytes: no `str` slicing per word).
    key: &'a [u8],
    hash: u64,
    /// Occurrences, proper nouns counting 1.5.
    weight: f64,
    /// Whether the word can be part of a keyword at all (not a stop word, a number or a
    /// single character).
    content: bool,
    /// The word's one-word candidate, if any.
    single: Option<u32>,
}

#[derive(Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Index in the article's words.
    id: u32,
    case: Case,
}

struct Candidate<'a> {
    surface: &'a str,
    count: u32,
    first: usize,
    /// The phrase's words (indices in the article's words), `len` of them.
    words: [u32; MAX_PHRASE_WORDS],
    len: usize,
}

impl Candidate<'_> {
    fn words(&self) -> &[u32] {
        &self.words[..self.len]
    }
}

/// An empty slot of [`Vocab::slots`].
const EMPTY: u32 = u32::MAX;

/// The article's distinct words and candidate phrases. Words are interned once (one look-up
/// per word of the text), so that weights, stop-word checks and the words of a phrase are
/// array indices; a one-word phrase is found by its word, and a longer one by its words' ids
/// ([`phrase_key`]).
///
/// The word table is a small open-addressing table of ids (linear probing, at most half
/// full) with foldhash of the word's bytes: a general-purpose map cost about three times as
/// much per word, and every word of the text goes through here.
struct Vocab<'a> {
    slots: Vec<u32>,
    words: Vec<Word<'a>>,
    /// Candidates of two or three words, by their words' ids ([`phrase_key`]).
    multi: FoldMap<u128, u32>,
    cands: Vec<Candidate<'a>>,
    /// Phrase occurrences so far: the order of first occurrence breaks ties.
    order: usize,
}

fn hash_word(key: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    // The bytes alone (`str`'s `Hash` adds a terminator, a second step for nothing here).
    let mut h = foldhash::fast::FixedState::default().build_hasher();
    h.write(key);
    h.finish()
}

/// The first slot to probe for `hash` in a table of `slots` (a power of two) slots.
fn home(hash: u64, slots: usize) -> usize {
    // Fibonacci hashing: the high bits of the product mix every bit of the hash.
    (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (slots - 1)
}

impl<'a> Vocab<'a> {
    fn with_capacity(words: usize) -> Vocab<'a> {
        Vocab {
            slots: vec![EMPTY; (2 * words).next_power_of_two().max(64)],
            words: Vec::with_capacity(words),
            multi: FoldMap::with_capacity_and_hasher(words / 2, Default::default()),
            cands: Vec::with_capacity(words),
            order: 0,
        }
    }

    /// The id of lower-cased word `key` and whether it is [`Word::content`], added with
    /// `content` (computed only for a new word, and given the word's [`hash_word`]).
    fn intern(&mut self, key: &'a [u8], content: impl FnOnce(u64) -> bool) -> (u32, bool) {
        let hash = hash_word(key);
        let mask = self.slots.len() - 1;
        let mut i = home(hash, self.slots.len());
        loop {
            let id = self.slots[i];
            if id == EMPTY {
                break;
            }
            let w = &self.words[id as usize];
            if w.hash == hash && short_eq(w.key, key) {
                return (id, w.content);
            }
            i = (i + 1) & mask;
        }
        let id = self.words.len() as u32;
        self.slots[i] = id;
        let content = content(hash);
        self.words.push(Word { key, hash, weight: 0.0, content, single: None });
        if 2 * self.words.len() > self.slots.len() {
            let n = 2 * self.slots.len();
            self.slots = vec![EMPTY; n];
            for (id, w) in self.words.iter().enumerate() {
                let mut i = home(w.hash, n);
                while self.slots[i] != EMPTY {
                    i = (i + 1) & (n - 1);
                }
                self.slots[i] = id as u32;
            }
        }
        (id, content)
    }

    /// Ends the current phrase: counts it as a candidate when it is short enough. Inlined, so
    /// that the many breaks with no phrase pending (after a stop word, a second punctuation
    /// mark) cost a test instead of a call.
    #[inline]
    fn flush(&mut self, text: &'a str, run: &mut Run) {
        if run.len != 0 {
            if run.len <= MAX_PHRASE_WORDS {
                self.count(text, &run.toks[..run.len]);
            }
            run.len = 0;
        }
    }

    /// Counts the non-empty phrase `run` of at most [`MAX_PHRASE_WORDS`] words as a candidate.
    #[inline(never)]
    fn count(&mut self, text: &'a str, run: &[Token]) {
        let (first, end) = (run[0].start, run[run.len() - 1].end);
        let slot = if run.len() == 1 {
            self.words[run[0].id as usize].single
        } else {
            self.multi.get(&phrase_key(run)).copied()
        };
        let c = match slot {
            Some(c) => c,
            None => {
                let c = self.cands.len() as u32;
                let mut words = [0; MAX_PHRASE_WORDS];
                for (w, t) in words.iter_mut().zip(run.iter()) {
                    *w = t.id;
                }
                self.cands.push(Candidate {
                    surface: &text[first..end],
                    first: self.order,
                    words,
                    len: run.len(),
                    count: 0,
                });
                if run.len() == 1 {
                    self.words[run[0].id as usize].single = Some(c);
                } else {
                    self.multi.insert(phrase_key(run), c);
                }
                c
            }
        };
        self.cands[c as usize].count += 1;
        self.order += 1;
    }
}

/// The key of a phrase of two or three words: their ids (no id is `u32::MAX`, so a two-word
/// key is no three-word one). The words of a phrase are separated by white space only (any
/// other character, and a line break, ends it), so equal ids mean the same lower-cased words,
/// whatever the white space between them (in normalized text, one space); no string is hashed.
/// The phrase's surface is its first occurrence's.
fn phrase_key(run: &[Token]) -> u128 {
    let third = run.get(2).map_or(u32::MAX, |t| t.id);
    u128::from(run[0].id) | u128::from(run[1].id) << 32 | u128::from(third) << 64
}

/// The phrase being read: its first [`MAX_PHRASE_WORDS`] words and how many it has in all
/// (a longer one is no candidate), in place of a growing vector.
struct Run {
    toks: [Token; MAX_PHRASE_WORDS],
    len: usize,
}

impl Run {
    fn last(&self) -> Option<&Token> {
        self.len.checked_sub(1).map(|i| &self.toks[i.min(MAX_PHRASE_WORDS - 1)])
    }

    fn push(&mut self, t: Token) {
        self.toks[self.len.min(MAX_PHRASE_WORDS - 1)] = t;
        self.len += 1;
    }
}

/// [`keywords`] of `text` given its lower case (`folded`, offset for offset) and the stop
/// words. `toks` are the entity tagger's tokens of `text`, when it ran: the words are then
/// read off them ([`pieces_from_tokens`], the same words and breaks as [`split_words`])
/// instead of scanning the text a second time.
// One call per article: kept out of line so that profiles show it apart from the other parts
// of the stage.
#[inline(never)]
pub(crate) fn keywords_with(
    text: &str,
    folded: &str,
    lang: Option<&str>,
    max: usize,
    stop: &StopWords,
    toks: Option<&[Tok]>,
) -> Vec<String> {
    let lang = lang.unwrap_or("en");
    if max == 0 || UNSPACED.contains(&lang) || folded.len() != text.len() {
        return Vec::new();
    }
    let Some(stops) = stop.get(lang).or_else(|| stop.get("en")) else { return Vec::new() };
    let v = match toks.and_then(|t| pieces_from_tokens(text, t)) {
        Some(pieces) => count_words(text, folded, lang, stops, pieces),
        None => count_words(text, folded, lang, stops, split_words(text)),
    };
    rank(&v, max)
}

/// The words and candidate phrases of `text`, read from `pieces`.
fn count_words<'a>(
    text: &'a str,
    folded: &'a str,
    lang: &str,
    stops: &StopSet,
    pieces: impl Iterator<Item = Piece>,
) -> Vocab<'a> {
    // Sized for the text up front: growing the maps was a visible share of the stage.
    // (For as many distinct words as the text has words, about one in six bytes: half as
    // many made a third of the articles regrow the tables, copying what they held.)
    let words_guess = text.len() / 6 + 8;
    let mut v = Vocab::with_capacity(words_guess);
    let none = Token { start: 0, end: 0, id: 0, case: Case::Lower };
    let mut run = Run { toks: [none; MAX_PHRASE_WORDS], len: 0 };
    let mut sentence_start = true;
    let english = lang == "en";
    let (bytes, folded_bytes) = (text.as_bytes(), folded.as_bytes());
    for piece in pieces {
        match piece {
            Piece::Word(start, end) => {
                // Bytes: slicing the `str` checked both ends for character boundaries, at
                // every word.
                let key = &folded_bytes[start..end];
                let upper = match bytes[start] {
                    b @ 0..0x80 => b.is_ascii_uppercase(),
                    _ => char_at(text, start).is_some_and(is_upper),
                };
                let case = if upper {
                    if sentence_start { Case::Initial } else { Case::Upper }
                } else {
                    Case::Lower
                };
                sentence_start = false;
                // Whether the word may be a keyword depends on its lower case only (folding
                // keeps every character's class and the number of characters: see the tests).
                let (id, content) = v.intern(key, |hash| {
                    // A letter, and two characters or more: known at once when the first is
                    // an ASCII letter (most words), else read off the characters.
                    let wordlike = (key[0].is_ascii_alphabetic() && key.len() >= 2) || {
                        let key = &folded[start..end];
                        key.chars().any(|c| is_alnum(c) && !is_numeric(c))
                            && key.chars().nth(1).is_some()
                    };
                    wordlike
                        && !stops.contains_hashed(key, hash)
                        && !(key.ends_with(b"'s") && stops.contains(&key[..key.len() - 2]))
                });
                let keep = content
                    // English past tenses ("reopened", "delayed") are verbs, not topics.
                    && !(english && case == Case::Lower && key.len() > 4 && key.ends_with(b"ed"));
                if !keep {
                    v.flush(text, &mut run);
                    continue;
                }
                // A name does not run into common words: "Portsmouth reopened" is two things.
                if let Some(prev) = run.last()
                    && matches!(
                        (prev.case, case),
                        (Case::Upper, Case::Lower) | (Case::Lower, Case::Upper)
                    )
                {
                    v.flush(text, &mut run);
                }
                v.words[id as usize].weight += if case == Case::Upper { 1.5 } else { 1.0 };
                run.push(Token { start, end, id, case });
            }
            Piece::Break { sentence } => {
                v.flush(text, &mut run);
                sentence_start |= sentence;
            }
        }
    }
    v.flush(text, &mut run);
    v
}

/// The `max` best candidates of `v` (see the module docs).
fn rank(v: &Vocab<'_>, max: usize) -> Vec<String> {
    let words = &v.words;
    let mut scored: Vec<(f64, &Candidate<'_>)> = v
        .cands
        .iter()
        .map(|c| {
            let ws = c.words();
            let mean = ws.iter().map(|&w| words[w as usize].weight).sum::<f64>() / ws.len() as f64;
            let bonus = 1.0 + 0.5 * (ws.len() - 1) as f64;
            (f64::from(c.count) * mean * bonus, c)
        })
        .collect();
    let order = |a: &(f64, &Candidate<'_>), b: &(f64, &Candidate<'_>)| {
        b.0.total_cmp(&a.0).then(a.1.first.cmp(&b.1.first))
    };
    // Only the best few are needed: select them, then sort those (the loop below skips a
    // candidate only when a chosen phrase covers it, so 4× the wanted number is plenty; the
    // full sort remains the fallback).
    let shortlist = (4 * max).max(16);
    if scored.len() > shortlist {
        scored.select_nth_unstable_by(shortlist, order);
        let (head, _) = scored.split_at_mut(shortlist);
        head.sort_by(order);
        let picked = pick(head.iter().map(|(_, c)| *c), max);
        if picked.len() == max {
            return picked;
        }
    }
    scored.sort_by(order);
    pick(scored.iter().map(|(_, c)| *c), max)
}

/// The first `max` candidates, in order, skipping words covered by a chosen phrase.
fn pick<'a>(ranked: impl Iterator<Item = &'a Candidate<'a>>, max: usize) -> Vec<String> {
    let mut out: Vec<&Candidate<'a>> = Vec::with_capacity(max);
    for c in ranked {
        if out.len() == max {
            break;
        }
        // A word already inside a chosen phrase adds nothing; a phrase takes the place of a
        // chosen word it contains ("President Rashid" replaces "Rashid").
        let cw = c.words();
        if cw.len() == 1 {
            if !out.iter().any(|o| o.words().contains(&cw[0])) {
                out.push(c);
            }
        } else if let Some(i) =
            out.iter().position(|o| o.words().len() == 1 && cw.contains(&o.words()[0]))
        {
            out[i] = c;
            out.retain(|o| {
                o.words().len() > 1 || !cw.contains(&o.words()[0]) || std::ptr::eq(*o, c)
            });
        } else {
            out.push(c);
        }
    }
    out.into_iter().map(|c| c.surface.to_owned()).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// Byte range of a word.
    Word(usize, usize),
    Break {
        sentence: bool,
    },
}

/// Words (letters and digits, with inner apostrophes, hyphens and dots as in `U.S.`, and the
/// combining marks and joiners of their script) and the punctuation that breaks phrases
/// between them. ASCII is read as bytes; only other characters are decoded.
fn split_words(text: &str) -> impl Iterator<Item = Piece> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let b = *bytes.get(i)?;
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                let c = char_at(text, i)?;
                (c, c.len_utf8())
            };
            if !is_alnum(c) {
                i += len;
                if is_space(c) && c != '\n' {
                    continue;
                }
                return Some(Piece::Break { sentence: ends_sentence(c) });
            }
            let start = i;
            let end = word_end(text, i + len);
            i = end;
            return Some(Piece::Word(start, end));
        }
    })
}

/// Whether a break at `c` ends a sentence (for the capital of the word after it).
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | ';' | ':' | '\u{3002}')
}

/// The end of the word of which `text[..end]` holds a part that ends at a character
/// boundary (see [`split_words`]): letters, digits and the combining marks and joiners of
/// their script, and `'`, `’`, `-`, `.` and `&` with a letter or digit after them.
fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        end = ascii_alnum_end(bytes, end);
        let Some(&b) = bytes.get(end) else { break };
        // No other ASCII character is part of a word; a joiner is, when a letter or
        // digit follows it.
        let (ch, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            let Some(ch) = char_at(text, end) else { break };
            if is_word_part(ch) {
                end += ch.len_utf8();
                // The rest of a run of other characters (a word in another script),
                // without an eight-byte ASCII scan after each.
                while bytes.get(end).is_some_and(|&b| b >= 0x80)
                    && let Some(ch) = char_at(text, end)
                    && is_word_part(ch)
                {
                    end += ch.len_utf8();
                }
                continue;
            }
            (ch, ch.len_utf8())
        };
        if matches!(ch, '\'' | '\u{2019}' | '-' | '.' | '&')
            && char_at(text, end + len).is_some_and(is_alnum)
        {
            end += len;
            continue;
        }
        break;
    }
    end
}

/// The pieces [`split_words`] finds in `text`, read off the entity tagger's tokens of it:
/// its words start where its word tokens do, and what a token leaves out that a keyword
/// word takes (a possessive `'s`, `&` and `.` between letters) is found by [`word_end`] from
/// the token's end; a token's last `.` or apostrophe (`U.S.`, `Employers’`), which a keyword
/// word takes only before a letter or digit, is looked at again. `None` when `text` holds a
/// combining mark or joiner outside a word token (the tokenizer breaks words there, where
/// keyword words go on): the caller then scans the text.
fn pieces_from_tokens<'t>(
    text: &'t str,
    toks: &'t [Tok],
) -> Option<impl Iterator<Item = Piece> + 't> {
    if toks.iter().any(|t| !t.is(WORD) && t.ch >= '\u{300}' && is_word_part(t.ch)) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut toks = toks.iter();
    // The end of the text the pieces given so far cover, and a break due after the word
    // just given.
    let mut pos = 0usize;
    let mut pending: Option<Piece> = None;
    Some(std::iter::from_fn(move || {
        if let Some(p) = pending.take() {
            return Some(p);
        }
        loop {
            let t = toks.next()?;
            let (s, e) = (t.s as usize, t.e as usize);
            if !t.is(WORD) {
                if s < pos {
                    continue; // inside the word before (`'s`, `-`, `&`)
                }
                pos = e;
                // The token's first character (a possessive's `ch` is `'` for `’` too).
                let first = char_at(text, s).unwrap_or(t.ch);
                if e - s > first.len_utf8() {
                    // A possessive `'s` that no word took (never seen: a word before it
                    // takes it): a break at the apostrophe, then the `s` as a word.
                    let at = s + first.len_utf8();
                    let end = word_end(text, at + 1);
                    pos = end;
                    pending = Some(Piece::Word(at, end));
                }
                return Some(Piece::Break { sentence: ends_sentence(t.ch) });
            }
            // A last `.` or apostrophe: the word goes on past it only before a letter or
            // digit, else it is a break of its own. (Read as bytes: `’` is E2 80 99.)
            let (last, body) = match bytes[e - 1] {
                b'.' => ('.', e - 1),
                b'\'' => ('\'', e - 1),
                0x99 if bytes[s..e].ends_with("\u{2019}".as_bytes()) => ('\u{2019}', e - 3),
                _ => ('a', e),
            };
            let trailing = (body < e).then_some(body);
            if s < pos {
                // Inside the word before (`U.S.` after `Rashid's-`): only its last character
                // may be left.
                debug_assert!(body <= pos, "a keyword word ends inside a token");
                match trailing {
                    Some(at) if at >= pos => {
                        pos = e;
                        return Some(Piece::Break { sentence: ends_sentence(last) });
                    }
                    _ => continue,
                }
            }
            // Most words end at a space or a mark that joins nothing: no need to look further.
            let end = match bytes.get(body) {
                Some(&b) if b < 0x80 && !matches!(b, b'\'' | b'-' | b'.' | b'&') => body,
                None => body,
                _ => word_end(text, body),
            };
            pos = end;
            if let Some(at) = trailing
                && at >= end
            {
                pos = e;
                pending = Some(Piece::Break { sentence: ends_sentence(last) });
            }
            return Some(Piece::Word(s, end));
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/data/seed-article.txt");

    /// The pieces read off the entity tokens of `text`, when they can be.
    fn from_tokens(text: &str) -> Option<Vec<Piece>> {
        let mut toks = Vec::new();
        crate::entities::tokenize(text, &mut toks);
        pieces_from_tokens(text, &toks).map(Iterator::collect)
    }

    /// A possessive token that no word before it took (the tokenizer makes none such: this
    /// holds the fallback branch to the scan all the same), with either apostrophe.
    #[test]
    fn a_lone_possessive_token_gives_the_scanned_pieces() {
        for text in ["x 's", "x \u{2019}s"] {
            let toks = [
                Tok { s: 0, e: 1, flags: WORD, ch: '\0' },
                Tok { s: 2, e: text.len() as u32, flags: 0, ch: '\'' },
            ];
            let pieces: Vec<Piece> = pieces_from_tokens(text, &toks).unwrap().collect();
            assert_eq!(pieces, split_words(text).collect::<Vec<_>>(), "{text:?}");
        }
    }

    /// [`pieces_from_tokens`] looks for joiners among the tokens from U+0300 up only.
    #[test]
    fn every_word_part_below_u300_is_a_letter_or_digit() {
        for c in '\0'..'\u{300}' {
            assert!(!is_word_part(c) || is_alnum(c), "{c:?}");
        }
    }

    #[test]
    fn pieces_from_tokens_are_the_scanned_pieces() {
        for text in [
            SEED,
            "Rashid's-U.S. x. The U.S.A. and AT&T's R&D; U.N.-led rock'n'roll e.g. 3.5% Mr. Li",
            "Employers’ Association, Zeus’ Gwen's; 'quoted' -dash- end.",
            "al-Qa'ida's men. D.C.'s mayor",
            "",
        ] {
            let scanned: Vec<Piece> = split_words(text).collect();
            assert_eq!(from_tokens(text).as_ref(), Some(&scanned), "{text:?}");
        }
        // A combining mark or joiner outside a word token: the text is scanned instead.
        assert_eq!(from_tokens("a \u{301}b"), None);
        assert_eq!(from_tokens("क\u{94d}\u{200d}ष"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        /// Whatever the text, the pieces read off the tokens are the scanned ones (or the
        /// text is scanned).
        #[test]
        fn pieces_from_tokens_agree_with_the_scan(
            text in "([aAsSUI1é]{1,3}|['’.&\\- ,\n!?:;“\u{301}\u{200d}\u{3002}]){0,40}",
        ) {
            if let Some(pieces) = from_tokens(&text) {
                let scanned: Vec<Piece> = split_words(&text).collect();
                proptest::prop_assert_eq!(pieces, scanned);
            }
        }

        /// Without combining marks and joiners, the tokens always serve.
        #[test]
        fn pieces_from_tokens_serve_text_without_marks(
            text in "([aAsSUIDC1é東]{1,3}|['’.&\\- ,\n!?:;“”\u{3002}]|'s|\\. ){0,40}",
        ) {
            let pieces = from_tokens(&text);
            proptest::prop_assert!(pieces.is_some());
            let scanned: Vec<Piece> = split_words(&text).collect();
            proptest::prop_assert_eq!(pieces.unwrap(), scanned);
        }
    }

    #[test]
    fn seed_article_keywords() {
        let k = keywords(SEED, Some("en"), 10);
        assert_eq!(k.len(), 10, "{k:?}");
        for want in ["Iran", "Iraq", "Islamic Republic"] {
            assert!(k.iter().any(|x| x == want), "{want} missing from {k:?}");
        }
        for banned in ["the", "and", "said", "2050"] {
            assert!(!k.iter().any(|x| x.eq_ignore_ascii_case(banned)), "{banned} in {k:?}");
        }
    }

    #[test]
    fn deterministic() {
        assert_eq!(keywords(SEED, None, 10), keywords(SEED, None, 10));
    }

    #[test]
    fn no_keywords_for_unspaced_scripts_or_zero() {
        assert!(keywords("北京是中国的首都。", Some("zh"), 10).is_empty());
        assert!(keywords(SEED, Some("en"), 0).is_empty());
    }

    #[test]
    fn stop_sets_hold_exactly_their_lists() {
        let stop = StopWords::default();
        for &lang in stop.langs {
            let list = stop_words::lookup(lang).unwrap_or_default();
            let set = stop.get(lang).unwrap();
            for w in list {
                assert!(set.contains(w.as_bytes()), "{lang}: {w}");
                // Near misses are not in it (unless the list has them too).
                let shorter = &w[..w.char_indices().last().map_or(0, |(i, _)| i)];
                for other in [format!("{w}x"), format!("x{w}"), w.to_uppercase(), shorter.into()] {
                    assert_eq!(
                        set.contains(other.as_bytes()),
                        list.contains(&other.as_str()),
                        "{lang}: {other}"
                    );
                }
            }
            assert_eq!(
                set.tags.iter().filter(|&&t| t != 0).count(),
                list.iter().collect::<std::collections::HashSet<_>>().len()
            );
        }
    }

    #[test]
    fn a_words_class_survives_folding() {
        // `keywords_with` decides whether a word may be a keyword from its lower case.
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let f = copydesk_core::chars::fold_char(c);
            assert_eq!(is_alnum(c) && !is_numeric(c), is_alnum(f) && !is_numeric(f), "U+{u:04X}");
        }
    }

    #[test]
    fn phrases_are_counted_by_their_words() {
        // Two- and three-word phrases sharing their first words are two candidates, each
        // counted at every occurrence (spacing aside).
        let text = "The wheat harvest. Then the wheat  harvest.\nA wheat harvest season. \
                    A wheat harvest season.";
        // Three asked for, two given: the single words are inside the phrases, and `wheat
        // harvest` with two spaces is the same phrase as with one.
        assert_eq!(keywords(text, Some("en"), 3), ["wheat harvest season", "wheat harvest"]);
    }

    #[test]
    fn words_keep_inner_joiners() {
        let text = "U.S. state-run don't, rock&roll.";
        let words: Vec<&str> = split_words(text)
            .filter_map(|p| match p {
                Piece::Word(s, e) => Some(&text[s..e]),
                Piece::Break { .. } => None,
            })
            .collect();
        assert_eq!(words, vec!["U.S", "state-run", "don't", "rock&roll"]);
    }
}
