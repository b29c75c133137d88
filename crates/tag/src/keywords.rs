//! Keyword extraction: a RAKE-style scorer. Candidate phrases are runs of up to three content
//! words between stop words and punctuation; a word weighs as often as it occurs (proper nouns,
//! capitalized inside a sentence, a little more); a phrase scores its frequency times the mean
//! weight of its words, with a bonus for length. Deterministic: ties go to the phrase seen
//! first. Stop words come from the `stop-words` crate (stopwords-iso lists, MIT), for the
//! article's language, English when unknown. Languages written without spaces between words
//! (Chinese, Japanese, Thai, ...) get no keywords rather than wrong ones.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use copydesk_core::is_word_char;

type FoldMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Per-language stop-word sets, built on first use (most runs see one or two languages).
#[derive(Debug)]
pub(crate) struct StopWords {
    langs: &'static [&'static str],
    sets: Vec<OnceLock<HashSet<&'static str, foldhash::fast::FixedState>>>,
}

impl Default for StopWords {
    fn default() -> StopWords {
        let langs = stop_words::available_languages();
        StopWords { langs, sets: langs.iter().map(|_| OnceLock::new()).collect() }
    }
}

impl StopWords {
    fn get(&self, lang: &str) -> Option<&HashSet<&'static str, foldhash::fast::FixedState>> {
        let i = self.langs.binary_search(&lang).ok()?;
        Some(self.sets[i].get_or_init(|| {
            stop_words::lookup(self.langs[i]).unwrap_or_default().iter().copied().collect()
        }))
    }
}

/// Languages whose words are not separated by spaces.
const UNSPACED: &[&str] = &["zh", "ja", "th", "my", "km", "lo", "bo"];

const MAX_PHRASE_WORDS: usize = 3;

/// The `max` most characteristic words and phrases of `text`, best first (see the module
/// docs). `lang` is an ISO 639-1 code; English stop words are used when it is unknown.
pub fn keywords(text: &str, lang: Option<&str>, max: usize) -> Vec<String> {
    keywords_with(text, &fold_case(text), lang, max, &StopWords::default())
}

/// Lower case with the same byte offsets as `text` (characters whose lower case has another
/// length, such as `İ`, are kept as they are), so that one index serves both strings.
pub(crate) fn fold_case(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(text.to_ascii_lowercase());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII are lower-cased as bytes; only other characters are decoded.
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        out.extend(run.chars().map(|c| c.to_ascii_lowercase()));
        rest = tail;
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    Cow::Owned(out)
}

/// How a word is capitalized: proper nouns (`Upper` inside a sentence) weigh more and do not
/// join common words in a phrase; a capital at a sentence start says nothing (`Initial`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Initial,
    Lower,
}

struct Token<'a> {
    start: usize,
    end: usize,
    key: &'a str,
    case: Case,
}

struct Candidate<'a> {
    surface: &'a str,
    count: u32,
    first: usize,
    words: Vec<&'a str>,
}

pub(crate) fn keywords_with(
    text: &str,
    folded: &str,
    lang: Option<&str>,
    max: usize,
    stop: &StopWords,
) -> Vec<String> {
    let lang = lang.unwrap_or("en");
    if max == 0 || UNSPACED.contains(&lang) || folded.len() != text.len() {
        return Vec::new();
    }
    let Some(stops) = stop.get(lang).or_else(|| stop.get("en")) else { return Vec::new() };
    // Sized for the text up front: growing the maps was a visible share of the stage.
    let words_guess = text.len() / 6 + 8;
    let mut weight: FoldMap<&str, f64> =
        FoldMap::with_capacity_and_hasher(words_guess / 2, Default::default());
    let mut cands: FoldMap<&str, Candidate<'_>> =
        FoldMap::with_capacity_and_hasher(words_guess / 2, Default::default());
    let mut order = 0usize;
    let mut run: Vec<Token<'_>> = Vec::new();
    let mut sentence_start = true;
    for piece in split_words(text) {
        match piece {
            Piece::Word(start, end) => {
                let (w, key) = (&text[start..end], &folded[start..end]);
                let case = if w.chars().next().is_some_and(char::is_uppercase) {
                    if sentence_start { Case::Initial } else { Case::Upper }
                } else {
                    Case::Lower
                };
                sentence_start = false;
                let keep = w.chars().any(|c| is_word_char(c) && !c.is_numeric())
                    && w.chars().nth(1).is_some()
                    && !stops.contains(key)
                    && !(key.ends_with("'s") && stops.contains(&key[..key.len() - 2]))
                    // English past tenses ("reopened", "delayed") are verbs, not topics.
                    && !(lang == "en" && case == Case::Lower && key.len() > 4 && key.ends_with("ed"));
                if !keep {
                    flush(text, folded, &mut run, &mut cands, &mut order);
                    continue;
                }
                // A name does not run into common words: "Portsmouth reopened" is two things.
                if let Some(prev) = run.last()
                    && matches!(
                        (prev.case, case),
                        (Case::Upper, Case::Lower) | (Case::Lower, Case::Upper)
                    )
                {
                    flush(text, folded, &mut run, &mut cands, &mut order);
                }
                *weight.entry(key).or_default() += if case == Case::Upper { 1.5 } else { 1.0 };
                run.push(Token { start, end, key, case });
            }
            Piece::Break { sentence } => {
                flush(text, folded, &mut run, &mut cands, &mut order);
                sentence_start |= sentence;
            }
        }
    }
    flush(text, folded, &mut run, &mut cands, &mut order);

    let mut scored: Vec<(f64, &Candidate<'_>)> = cands
        .values()
        .map(|c| {
            let mean = c.words.iter().map(|w| weight[w]).sum::<f64>() / c.words.len() as f64;
            let bonus = 1.0 + 0.5 * (c.words.len() - 1) as f64;
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
        if c.words.len() == 1 {
            if !out.iter().any(|o| o.words.contains(&c.words[0])) {
                out.push(c);
            }
        } else if let Some(i) =
            out.iter().position(|o| o.words.len() == 1 && c.words.contains(&o.words[0]))
        {
            out[i] = c;
            out.retain(|o| {
                o.words.len() > 1 || !c.words.contains(&o.words[0]) || std::ptr::eq(*o, c)
            });
        } else {
            out.push(c);
        }
    }
    out.into_iter().map(|c| c.surface.to_owned()).collect()
}

fn flush<'a>(
    text: &'a str,
    folded: &'a str,
    run: &mut Vec<Token<'a>>,
    cands: &mut FoldMap<&'a str, Candidate<'a>>,
    order: &mut usize,
) {
    if !run.is_empty() && run.len() <= MAX_PHRASE_WORDS {
        let (first, end) = (run[0].start, run[run.len() - 1].end);
        let c = cands.entry(&folded[first..end]).or_insert_with(|| Candidate {
            surface: &text[first..end],
            first: *order,
            words: run.iter().map(|t| t.key).collect(),
            count: 0,
        });
        c.count += 1;
        *order += 1;
    }
    run.clear();
}

enum Piece {
    /// Byte range of a word.
    Word(usize, usize),
    Break {
        sentence: bool,
    },
}

/// Words (letters and digits, with inner apostrophes, hyphens and dots as in `U.S.`) and the
/// punctuation that breaks phrases between them.
fn split_words(text: &str) -> impl Iterator<Item = Piece> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let mut chars = rest.char_indices();
            let (_, c) = chars.next()?;
            if is_word_char(c) {
                let mut end = rest.len();
                let mut prev_join = false;
                for (i, ch) in rest.char_indices().skip(1) {
                    if is_word_char(ch) || ch == '\u{200C}' || ch == '\u{200D}' || is_mark(ch) {
                        prev_join = false;
                        continue;
                    }
                    let joiner = matches!(ch, '\'' | '\u{2019}' | '-' | '.' | '&');
                    let next_alnum =
                        rest[i + ch.len_utf8()..].chars().next().is_some_and(is_word_char);
                    if joiner && !prev_join && next_alnum {
                        prev_join = true;
                        continue;
                    }
                    end = i;
                    break;
                }
                let start = text.len() - rest.len();
                rest = &rest[end..];
                return Some(Piece::Word(start, start + end));
            }
            let len = c.len_utf8();
            rest = &rest[len..];
            if c.is_whitespace() && c != '\n' {
                continue;
            }
            let sentence = matches!(c, '.' | '!' | '?' | '\n' | ';' | ':' | '\u{3002}');
            return Some(Piece::Break { sentence });
        }
    })
}

fn is_mark(c: char) -> bool {
    // Combining marks (Devanagari, Bengali vowel signs...) belong to the word.
    copydesk_core::in_mark_block(c) && !c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/data/seed-article.txt");

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
