//! whatlang's `Combined` language detection for Latin-script text, computed the cheap way.
//!
//! `whatlang::detect` scores a Latin-script sample against 37 language profiles of 300
//! trigrams each by looking every profile trigram up in the sample's trigram map: 11,100 hash
//! look-ups, about a million instructions a sample, whatever the sample's length. The distance
//! of a language is `Σ_i (matched ? |n − i| : 300)` over its profile (`i` the rank of a trigram
//! in the profile, `n` its rank in the sample), which is `300·300 − Σ_matched (300 − |n − i|)`:
//! only the profile trigrams that occur in the sample matter. So [`detect`] walks the sample's
//! few hundred distinct trigrams once and looks each up in an inverted index (trigram → the
//! languages and ranks it has in their profiles), built once from `data/latin_trigrams.txt`.
//!
//! Everything else is whatlang 0.18.0 replicated step by step (file names are its sources):
//! the lower-casing and trigram ranks (`trigrams/utils.rs`), the distance adjustment and clamp
//! and the raw trigram score (`trigrams/detection.rs`), the alphabet scores
//! (`alphabets/common.rs`, `alphabets/latin.rs`), their weighting and the final order
//! (`combined/mod.rs`) and the confidence (`core/confidence.rs`). Where whatlang sorts with an
//! unstable sort and equal keys can occur, the same sort runs here on the same element type
//! and the same input order, so ties resolve the same way. The result is the same language and
//! the bit-identical confidence; the differential tests below and in `super` check that.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use whatlang::{Lang, Script};

/// whatlang's Latin profiles and alphabets; written by `data/build_trigrams.py`.
const DATA: &str = include_str!("../../data/latin_trigrams.txt");

/// whatlang's `MAX_TRIGRAM_DISTANCE`: also the length of every profile (checked on load).
const MAX_TRIGRAM_DISTANCE: u32 = 300;
/// whatlang's `MAX_TOTAL_DISTANCE`.
const MAX_TOTAL_DISTANCE: u32 = MAX_TRIGRAM_DISTANCE * MAX_TRIGRAM_DISTANCE;
/// whatlang's `TEXT_TRIGRAMS_SIZE`: only the sample's 600 most frequent trigrams are ranked.
const TEXT_TRIGRAMS_SIZE: usize = 600;
/// Language sets are `u64` bit masks.
const MAX_LANGS: usize = 64;

/// `whatlang::detect(sample)` as (language, confidence) when the sample is certainly
/// Latin-script; `None` when it may not be (or when the embedded data does not fit the
/// whatlang in use): then the caller asks whatlang itself, which is never wrong.
pub(super) fn detect(sample: &str) -> Option<(Lang, f64)> {
    if !latin_is_main_script(sample) {
        return None;
    }
    let model = MODEL.get_or_init(Model::load).as_ref()?;
    Some(model.detect(sample))
}

/// Whether whatlang's main script of `sample` is certainly Latin, without whatlang's script
/// detection (`scripts/detect.rs`), which tries up to 25 scripts a character. whatlang counts
/// each non-stop character for at most one script, and every character of its Latin ranges
/// for Latin, except U+1D2B and U+1D78, which are Cyrillic too. So when such characters
/// outnumber all other non-stop characters, Latin has the strictly highest count, whatever
/// order whatlang checks scripts in: it is the main script. Otherwise the answer is "maybe".
fn latin_is_main_script(sample: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for ch in sample.chars() {
        if ch.is_ascii_alphabetic() || (is_latin(ch) && !matches!(ch, '\u{1D2B}' | '\u{1D78}')) {
            latin += 1;
        } else if !is_stop_char(ch) {
            other += 1;
        }
    }
    latin > other
}

/// whatlang's `is_latin` (`scripts/chars.rs`).
fn is_latin(ch: char) -> bool {
    matches!(ch,
        'a'..='z'
        | 'A'..='Z'
        | '\u{0080}'..='\u{00FF}'
        | '\u{0100}'..='\u{017F}'
        | '\u{0180}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1D7F}'
        | '\u{1D80}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2100}'..='\u{214F}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
    )
}

static MODEL: OnceLock<Option<Model>> = OnceLock::new();

struct Model {
    /// `Script::Latin.langs()`, in its order: whatlang's alphabet scores start in this order,
    /// and it decides ties. Language indexes below are positions in this list.
    langs: Vec<Lang>,
    /// For each ASCII character, the languages whose alphabet has it.
    ascii_alphabets: [u64; 128],
    /// The same for the other alphabet characters, sorted by character.
    other_alphabets: Vec<(char, u64)>,
    /// Inverted index: trigram → (language index << 16 | rank in its profile).
    index: TrigramIndex,
}

impl Model {
    /// Parses [`DATA`]; `None` when it does not describe exactly whatlang's Latin languages
    /// (a whatlang upgrade without a rebuilt data file), so that detection falls back to
    /// whatlang rather than answering differently.
    fn load() -> Option<Model> {
        let langs: Vec<Lang> = Script::Latin.langs().to_vec();
        if langs.len() > MAX_LANGS {
            return None;
        }
        let mut ascii_alphabets = [0u64; 128];
        let mut other: BTreeMap<char, u64> = BTreeMap::new();
        let mut postings: Vec<(u64, u32)> = Vec::with_capacity(40 * 300);
        let mut seen = 0u64;
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (code, alphabet, trigrams) = (fields.next()?, fields.next()?, fields.next()?);
            let lang = Lang::from_code(code)?;
            let idx = langs.iter().position(|&l| l == lang)?;
            let bit = 1u64 << idx;
            if seen & bit != 0 || fields.next().is_some() {
                return None;
            }
            seen |= bit;
            for c in alphabet.chars() {
                match u8::try_from(c) {
                    Ok(b) if b.is_ascii() => ascii_alphabets[usize::from(b)] |= bit,
                    _ => *other.entry(c).or_default() |= bit,
                }
            }
            // "t1|t2|…": three characters each, '_' for a space.
            let (mut rank, mut trigram, mut len) = (0u32, [' '; 3], 0);
            for c in trigrams.chars().chain(Some('|')) {
                if c != '|' {
                    *trigram.get_mut(len)? = if c == '_' { ' ' } else { c };
                    len += 1;
                    continue;
                }
                if len != 3 {
                    return None;
                }
                postings
                    .push((pack(trigram[0], trigram[1], trigram[2]), (idx as u32) << 16 | rank));
                (rank, len) = (rank + 1, 0);
            }
            if rank != MAX_TRIGRAM_DISTANCE {
                return None;
            }
        }
        if seen.count_ones() as usize != langs.len() {
            return None;
        }
        Some(Model {
            langs,
            ascii_alphabets,
            other_alphabets: other.into_iter().collect(),
            index: TrigramIndex::new(&postings),
        })
    }

    fn detect(&self, sample: &str) -> (Lang, f64) {
        let n_langs = self.langs.len();
        let mut scan = Scan::new(sample.len());
        // whatlang lower-cases with `str::to_lowercase`. Character by character that is
        // `char::to_lowercase`, except for 'Σ', whose lower case depends on its neighbours.
        if sample.contains('Σ') {
            sample.to_lowercase().chars().for_each(|c| scan.push(self, c));
        } else {
            for ch in sample.chars() {
                if ch.is_ascii() {
                    scan.push(self, ch.to_ascii_lowercase());
                } else {
                    ch.to_lowercase().for_each(|c| scan.push(self, c));
                }
            }
        }
        let Scan { alphabet_count, ascii_counts, mut char_scores, mut keys, c1, c2 } = scan;
        // whatlang chains one space after the text.
        if c2 != ' ' {
            keys.push(pack(c1, c2, ' '));
        }
        for (b, &n) in ascii_counts.iter().enumerate() {
            if n > 0 {
                add_to_set(&mut char_scores, self.ascii_alphabets[b], 2 * n);
            }
        }

        // Trigram ranks (`trigram_occurances_to_positions`): by count, then by trigram, both
        // descending (a total order, so however sorted, the ranks are whatlang's). Here: the
        // distinct trigrams in descending order, then a stable counting sort by count.
        keys.sort_unstable();
        let mut distinct: Vec<(u32, u64)> = Vec::with_capacity(keys.len());
        for &k in keys.iter().rev() {
            match distinct.last_mut() {
                Some((n, last)) if *last == k => *n += 1,
                _ => distinct.push((1, k)),
            }
        }
        let max_count = distinct.iter().map(|d| d.0 as usize).max().unwrap_or(0);
        // next[c]: the rank of the next trigram seen c times.
        let mut next = vec![0usize; max_count + 1];
        for &(n, _) in &distinct {
            next[n as usize] += 1;
        }
        let mut before = 0;
        for slot in next.iter_mut().rev() {
            (*slot, before) = (before, before + *slot);
        }
        let mut ranked = vec![0u64; distinct.len()];
        for &(n, k) in &distinct {
            ranked[next[n as usize]] = k;
            next[n as usize] += 1;
        }
        ranked.truncate(TEXT_TRIGRAMS_SIZE);
        let trigrams_count = ranked.len();

        // Σ over matched profile trigrams of (300 − |n − i|), per language.
        let mut gains = [0i64; MAX_LANGS];
        for (n, &key) in ranked.iter().enumerate() {
            for &p in self.index.get(key) {
                let i = i64::from(p & 0xFFFF);
                gains[(p >> 16) as usize] += i64::from(MAX_TRIGRAM_DISTANCE) - (n as i64 - i).abs();
            }
        }
        // `calculate_distance` and `distance_to_raw_score`.
        let max_dist = trigrams_count as u32 * MAX_TRIGRAM_DISTANCE;
        let mut trigram_scores = [0f64; MAX_LANGS];
        for (score, &gain) in trigram_scores.iter_mut().zip(&gains).take(n_langs) {
            let mut total = i64::from(MAX_TOTAL_DISTANCE) - gain;
            let count = trigrams_count as u32;
            if MAX_TRIGRAM_DISTANCE > count {
                total -= i64::from((MAX_TRIGRAM_DISTANCE - count) * MAX_TRIGRAM_DISTANCE);
            }
            let distance = total.clamp(0, i64::from(MAX_TOTAL_DISTANCE)) as u32;
            let similarity = max_dist - distance;
            *score = f64::from(similarity) / f64::from(max_dist);
        }

        // `generic_alphabet_calculate_scores`: the same unstable sort on the same type from
        // the same order, then the normalized scores in the sorted order.
        let mut alphabet_raw: Vec<(Lang, usize)> = self
            .langs
            .iter()
            .zip(&char_scores)
            .map(|(&l, &s)| (l, s.saturating_sub(alphabet_count)))
            .collect();
        alphabet_raw.sort_unstable_by_key(|(_, score)| Reverse(*score));

        // combined `raw_detect`: the alphabet order, weighted scores, then whatlang's sort.
        let alphabet_weight = calc_alphabet_weight(alphabet_count);
        let trigram_weight = 1.0 - alphabet_weight;
        let mut scores: Vec<(Lang, f64)> = alphabet_raw
            .iter()
            .map(|&(lang, raw)| {
                let a = raw as f64 / alphabet_count as f64;
                let t =
                    self.langs.iter().position(|&l| l == lang).map_or(0.0, |i| trigram_scores[i]);
                (lang, a * alphabet_weight + t * trigram_weight)
            })
            .collect();
        scores.sort_unstable_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Less));

        let (lang1, score1) = scores[0];
        let confidence = match scores.get(1) {
            Some(&(_, score2)) => calculate_confidence(score1, score2, trigrams_count),
            None => 1.0,
        };
        (lang1, confidence)
    }
}

/// What one pass over the lower-cased sample collects.
struct Scan {
    /// Non-stop characters: whatlang's alphabet `count` (`max_raw_score`).
    alphabet_count: usize,
    /// How often each ASCII character occurs; turned into `char_scores` at the end.
    ascii_counts: [usize; 128],
    /// Per language, 2 for each character in its alphabet (`alphabets/common.rs`).
    char_scores: [usize; MAX_LANGS],
    /// The trigrams (`trigrams/utils.rs` `count`), packed, in text order.
    keys: Vec<u64>,
    /// The two characters before the next, stop characters as spaces.
    c1: char,
    c2: char,
}

impl Scan {
    fn new(len: usize) -> Scan {
        Scan {
            alphabet_count: 0,
            ascii_counts: [0; 128],
            char_scores: [0; MAX_LANGS],
            keys: Vec::with_capacity(len + 1),
            c1: ' ',
            c2: ' ',
        }
    }

    /// Takes the next character of the lower-cased text. Starting from two spaces gives
    /// whatlang's first trigram (it starts from a space and the first character).
    fn push(&mut self, model: &Model, ch: char) {
        let c3 = if is_stop_char(ch) {
            ' '
        } else {
            self.alphabet_count += 1;
            match u8::try_from(ch) {
                Ok(b) if b.is_ascii() => self.ascii_counts[usize::from(b)] += 1,
                _ => {
                    if let Ok(i) = model.other_alphabets.binary_search_by_key(&ch, |e| e.0) {
                        add_to_set(&mut self.char_scores, model.other_alphabets[i].1, 2);
                    }
                }
            }
            ch
        };
        let (c1, c2) = (self.c1, self.c2);
        if !(c2 == ' ' && (c1 == ' ' || c3 == ' ')) {
            self.keys.push(pack(c1, c2, c3));
        }
        (self.c1, self.c2) = (c2, c3);
    }
}

/// Adds `amount` to the score of every language in `set`.
fn add_to_set(scores: &mut [usize; MAX_LANGS], mut set: u64, amount: usize) {
    while set != 0 {
        scores[set.trailing_zeros() as usize] += amount;
        set &= set - 1;
    }
}

/// A trigram as one integer; integer order is whatlang's derived `Trigram` order.
fn pack(a: char, b: char, c: char) -> u64 {
    u64::from(a) << 42 | u64::from(b) << 21 | u64::from(c)
}

/// whatlang's `is_stop_char`: space, ASCII punctuation and digits.
fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// whatlang's `calc_alphabet_weight` (combined/mod.rs).
fn calc_alphabet_weight(count: usize) -> f64 {
    let weight = -(count as f64 / 300.0) + 2.0 / 3.0;
    weight.clamp(1.0 / 3.0, 2.0 / 3.0)
}

/// whatlang's `calculate_confidence` (core/confidence.rs).
fn calculate_confidence(highest_score: f64, second_score: f64, count: usize) -> f64 {
    if highest_score == 0.0 {
        return 0.0;
    }
    if second_score == 0.0 {
        return highest_score;
    }
    let confident_rate = (3.0 / count as f64) + 0.015;
    let rate = (highest_score - second_score) / second_score;
    if rate > confident_rate { 1.0 } else { rate / confident_rate }
}

/// Open-addressing hash table (linear probing) from packed trigram to its postings (language
/// index << 16 | rank).
struct TrigramIndex {
    shift: u32,
    slots: Vec<Slot>,
    postings: Vec<u32>,
}

/// A table slot: a trigram (0 when empty: every trigram has a letter) and where its postings
/// are in `postings`.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

impl TrigramIndex {
    /// Indexes (trigram, posting) pairs, in any order.
    fn new(entries: &[(u64, u32)]) -> TrigramIndex {
        // More slots than entries: at least one stays empty, which ends every probe. (For
        // whatlang's 11,100 trigrams, 4,143 distinct, 16,384 slots: a quarter full.)
        let n = (entries.len() + 1).next_power_of_two();
        let mut index = TrigramIndex {
            shift: 64 - n.trailing_zeros(),
            slots: vec![Slot { key: 0, start: 0, len: 0 }; n],
            postings: vec![0; entries.len()],
        };
        for &(key, _) in entries {
            let slot = index.insert(key);
            index.slots[slot].len += 1;
        }
        let mut start = 0;
        for slot in &mut index.slots {
            (slot.start, start, slot.len) = (start, start + slot.len, 0);
        }
        for &(key, posting) in entries {
            let i = index.insert(key);
            let slot = &mut index.slots[i];
            index.postings[(slot.start + slot.len) as usize] = posting;
            slot.len += 1;
        }
        index
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The slot of `key`, which takes an empty one if it is new.
    fn insert(&mut self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key != key && self.slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i].key = key;
        i
    }

    fn get(&self, key: u64) -> &[u32] {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return &self.postings[slot.start as usize..(slot.start + slot.len) as usize];
            }
            if slot.key == 0 {
                return &[];
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Asserts that when `detect` answers, the sample's main script is Latin and the answer is
    /// whatlang's language and bit-identical confidence; returns whether it answered.
    fn assert_same(sample: &str) -> bool {
        let Some((mine, my_conf)) = detect(sample) else {
            return false;
        };
        assert_eq!(whatlang::detect_script(sample), Some(Script::Latin), "{sample:?}");
        let info = whatlang::detect(sample).expect("whatlang answers for Latin script");
        let (lang, conf) = (info.lang(), info.confidence());
        assert_eq!(
            (mine, my_conf.to_bits()),
            (lang, conf.to_bits()),
            "{sample:?}: {mine:?} {my_conf} vs whatlang {lang:?} {conf}"
        );
        true
    }

    #[test]
    fn the_data_fits_whatlang() {
        let model = MODEL.get_or_init(Model::load).as_ref().expect("the Latin data loads");
        assert_eq!(model.langs.len(), 37);
        assert_eq!(model.index.postings.len(), 37 * 300);
    }

    #[test]
    fn agrees_with_whatlang_on_short_and_odd_samples() {
        for s in [
            "x",
            "é",
            "a b",
            "Ja kulkee kylmä hetki pariimme, Olet hauras kuin jää, Ja kulke",
            "I am begging pardon",
            "Die Ordnung muss für immer in diesem Codebase bleiben",
            "Además de todo lo anteriormente dicho, también encontramos...",
            "İstanbul'da Kelvin \u{212A} ǅemal ﬁnal ß ẞ Σίσυφος σ",
            "aaaa aaaa aaaa",
            "\u{7F}\u{7F}a\u{7F}",
            "Ɔkwan no so ɛyɛ",
            "Ó Ø ÿ ŉ ǰ ΐ",
            "ᴫᴫᴫ a",
            "ᵸ ab",
        ] {
            assert_same(s);
        }
        // Not certainly Latin: left to whatlang.
        assert!(!assert_same("“A"));
        assert!(!assert_same("Москва and"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        #[test]
        fn agrees_with_whatlang_on_latin_ish_text(
            s in "[a-zA-Z \u{C0}-\u{17F}\u{1E00}-\u{1EFF}ɔɛəʻ·¡¿0-9.,;:!?'\"()\u{2019}\u{201C}\u{201D}\u{2014}-]{0,200}"
        ) {
            assert_same(&s);
        }

        #[test]
        fn agrees_with_whatlang_on_latin_ish_words(
            words in proptest::collection::vec(
                "[a-zäöüßéèêàçñóíúãõąęłśżčšžřőűåæøëïîôûœăşţ]{1,9}|[A-Z][a-z]{1,7}|[0-9]{1,4}|[.,;:!?]",
                0..70,
            )
        ) {
            assert_same(&words.join(" "));
        }

        #[test]
        fn agrees_with_whatlang_on_repetitive_text(
            words in proptest::collection::vec("(de|la|en|die|und|der|que|el|et|le|ja|on|a|i|é|ő)", 0..90)
        ) {
            assert_same(&words.join(" "));
        }
    }
}
