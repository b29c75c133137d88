//! Language identification with whatlang: fast, small, and reliable past ~150 bytes
//! (measured in `research/rust-deps.md`: 12.8 MB/s on paragraphs, 100 % correct past 150
//! bytes). Only the first few hundred bytes are looked at, which keeps the cost per article
//! flat. English is recognised by its function words; other Latin-script samples get
//! whatlang's answer computed by [`latin`] at a small fraction of whatlang's cost; every other
//! script goes to whatlang itself.

mod latin;

use copydesk_core::Lang;
use copydesk_core::chars::is_alpha;

/// How much text (bytes, cut at a character boundary) language detection looks at.
const SAMPLE_BYTES: usize = 320;

/// Detects the language of `text`; `None` when whatlang has no opinion or the text gives
/// none (names and numbers only).
pub fn detect_language(text: &str) -> Option<Lang> {
    detect_with(text, whatlang_detect)
}

/// [`detect_language`] with `whatlang` standing for whatlang's answer on the sample (the tests
/// pass whatlang itself, to compare).
fn detect_with(
    text: &str,
    whatlang: impl Fn(&str) -> Option<(whatlang::Lang, f64)>,
) -> Option<Lang> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if let Some(lang) = english_fast_path(sample) {
        return Some(lang);
    }
    let table = names_and_numbers(text);
    // (A table of names and numbers, and its English function words in lower case: for an
    // answer of whatlang's, below, that is unsure.)
    let names_table = match table {
        Table::Names(_, hits) => Some(hits),
        _ => None,
    };
    match table {
        Table::English => {
            return Some(Lang { code: "en".to_owned(), confidence: 0.5, detected: true });
        }
        // The words that carry the language, without the names: English when whatlang reads
        // them so (`Results of Dutch first division matches ... played, won, drawn, lost`).
        Table::Names(lower, _)
            if whatlang(&lower).is_some_and(|(l, _)| l == whatlang::Lang::Eng) =>
        {
            return Some(Lang { code: "en".to_owned(), confidence: 0.5, detected: true });
        }
        Table::Unknown => return None,
        // (Too few of them for whatlang to tell another language: no guess.)
        Table::FewWords(lower) => {
            return whatlang(&lower).is_some_and(|(l, _)| l == whatlang::Lang::Eng).then(|| Lang {
                code: "en".to_owned(),
                confidence: 0.5,
                detected: true,
            });
        }
        Table::Prose | Table::Names(..) => {}
    }
    let answer = whatlang(sample);
    // (whatlang's confidence on so few words is no guide: it is 1.0 for some of them.)
    if answer.is_none_or(|(lang, _)| lang != whatlang::Lang::Eng)
        && text.len() <= SAMPLE_BYTES
        && short_english(sample)
    {
        return Some(Lang { code: "en".to_owned(), confidence: 0.5, detected: true });
    }
    if answer.is_some_and(|(lang, _)| lang != whatlang::Lang::Eng) && english_prose(text) {
        return Some(Lang { code: "en".to_owned(), confidence: 0.5, detected: true });
    }
    let (lang, confidence) = answer?;
    // whatlang names some language for anything, even "x"; zero confidence means a guess.
    if confidence < 0.05 {
        return None;
    }
    // A table of names and numbers in ASCII letters (a bond's term sheet of labels, read
    // as French, 0.22) that whatlang is unsure of: English when English function words are
    // there to say so (a wrong language would cost the entity tagger its entities). Prose
    // keeps whatlang's answer however unsure (`Het is een feit dat hij in de stad was`).
    if names_table.is_some_and(|hits| hits >= 2)
        && lang != whatlang::Lang::Eng
        && confidence < UNSURE
        && text.is_ascii()
    {
        return Some(Lang { code: "en".to_owned(), confidence: 0.3, detected: true });
    }
    let code = iso639_1(lang.code()).unwrap_or(lang.code());
    let confidence = (confidence * 1000.0).round() / 1000.0;
    Some(Lang { code: code.to_owned(), confidence, detected: true })
}

/// `whatlang::detect(sample)` as (language, confidence): the same answer, bit for bit, but
/// for samples that are certainly Latin-script computed by [`latin::detect`] (the tests here
/// and there compare the two).
fn whatlang_detect(sample: &str) -> Option<(whatlang::Lang, f64)> {
    latin::detect(sample)
        .or_else(|| whatlang::detect(sample).map(|info| (info.lang(), info.confidence())))
}

/// English function words: a sample where they make up at least a quarter of the words, with
/// at least two of the four most frequent among them, is English. Most news traffic is
/// English; this check costs a fraction of whatlang's trigram scoring (over a million
/// instructions an article, mostly spent comparing Latin-script profiles). News leads are
/// heavy with names and nouns, so the list is long enough (64 words) that English news passes:
/// on the 7,552 articles of a 20 MB bench corpus every English article did (the lowest
/// English share was above 25 %), while no article in another language reached 7 % or any of
/// the four top words. Words that are common in other Latin-script languages ("no", "die",
/// "so", "also", "over", "am") are left out. Confidence 1.0, as whatlang gives such samples.
fn english_fast_path(sample: &str) -> Option<Lang> {
    let (words, hits, distinct_top) = function_words(sample);
    (words >= 20 && hits * 4 >= words && distinct_top >= 2).then(|| Lang {
        code: "en".to_owned(),
        confidence: 1.0,
        detected: true,
    })
}

/// The words of `sample`, how many of them are English function words, and how many of the
/// four most frequent ones occur.
fn function_words(sample: &str) -> (u32, u32, usize) {
    const TOP: [&str; 4] = ["the", "and", "of", "to"];
    let keys = function_keys();
    let top = TOP.map(|w| pack(w.as_bytes()));
    let (mut words, mut hits) = (0u32, 0u32);
    let mut top_seen = [false; 4];
    let mut word = |key: Option<u64>| {
        words += 1;
        if let Some(key) = key
            && keys.binary_search(&key).is_ok()
        {
            hits += 1;
            if let Some(i) = top.iter().position(|&t| t == key) {
                top_seen[i] = true;
            }
        }
    };
    let bytes = sample.as_bytes();
    let mut i = 0;
    // The current word: its start, and whether it is still a short ASCII word.
    let mut start: Option<usize> = None;
    let mut short_ascii = true;
    while i < bytes.len() {
        let b = bytes[i];
        let (letter, len) = if b.is_ascii() {
            (b.is_ascii_alphabetic(), 1)
        } else {
            let c = sample[i..].chars().next().unwrap_or_default();
            (is_alpha(c), c.len_utf8())
        };
        if letter {
            if start.is_none() {
                (start, short_ascii) = (Some(i), true);
            }
            short_ascii &= len == 1;
        } else if let Some(s) = start.take() {
            word((short_ascii && i - s <= 5).then(|| pack(&bytes[s..i])));
        }
        i += len;
    }
    if let Some(s) = start {
        word((short_ascii && bytes.len() - s <= 5).then(|| pack(&bytes[s..])));
    }
    (words, hits, top_seen.iter().filter(|s| **s).count())
}

/// A short English text (a headline and a sentence) that whatlang, unsure, gives to another
/// language (`Man dies in crash` read as Welsh): trigrams of a dozen words say little, while
/// English function words say more. For a whole text of one sample at most (320 bytes):
/// at least three of them and a fifth of the words, one of them, in lower case, a word other
/// Latin-script languages do not use (`said`, `the`; not `in`, `is`, `a`, `was`, `will`, nor
/// `New` of a foreign text's `New York`).
fn short_english(sample: &str) -> bool {
    const ONLY_ENGLISH: [&str; 34] = [
        "the", "and", "said", "says", "with", "from", "that", "which", "would", "could", "their",
        "they", "this", "were", "after", "into", "about", "than", "his", "have", "who", "what",
        "when", "there", "them", "she", "its", "two", "it", "you", "told", "should", "because",
        "where",
    ];
    let (words, hits, _) = function_words(sample);
    words < 40
        && hits >= 3
        && hits * 5 >= words
        && sample.split(|c: char| !c.is_ascii_alphabetic()).any(|w| ONLY_ENGLISH.contains(&w))
}

/// English wire copy that whatlang, on its first 320 bytes, gives to another language (`LME
/// copper ends lower on fund selling. Copper on the London Metal Exchange ended lower ...`
/// read as Danish): trigrams of a headline of nouns mislead it, and such copy may use none of
/// `and`, `of`, `to`. Over the first 2 KiB: at least 20 words, a quarter of them English
/// function words, with two different words other Latin-script languages do not use, in
/// lower case (`said`, `the`). Prose in other languages stays under 4 % of function words.
fn english_prose(text: &str) -> bool {
    const ONLY_ENGLISH: [&str; 20] = [
        "the", "and", "said", "says", "with", "from", "that", "which", "would", "could", "their",
        "they", "this", "were", "after", "into", "about", "than", "have", "told",
    ];
    let mut end = text.len().min(TABLE_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (words, hits, _) = function_words(sample);
    let mut seen = [false; ONLY_ENGLISH.len()];
    for w in sample.split(|c: char| !c.is_ascii_alphabetic()) {
        if let Some(i) = ONLY_ENGLISH.iter().position(|e| *e == w) {
            seen[i] = true;
        }
    }
    words >= 20 && hits * 4 >= words && seen.iter().filter(|s| **s).count() >= 2
}

/// whatlang's confidence under which its answer for a table's words is a guess: a bond's
/// term sheet in English gets 0.22.
const UNSURE: f64 = 0.3;

/// How much text [`names_and_numbers`] looks at.
const TABLE_SAMPLE_BYTES: usize = 2048;

/// What [`names_and_numbers`] makes of a text.
#[derive(Debug, PartialEq, Eq)]
enum Table {
    /// Names and numbers, with English lower-case words.
    English,
    /// Names and numbers only, in Latin letters: nothing tells the language.
    Unknown,
    /// Names and numbers with lower-case words that are not English function words enough:
    /// those words, for whatlang, and how many of them are such words.
    Names(String, u32),
    /// Names and numbers in ASCII with three to seven lower-case words, none or few of them
    /// English function words (`1. Jane Roe ( Britain ) Vorsk 1 hour 32 minutes`): English
    /// when whatlang reads those words so, else unknown.
    FewWords(String),
    /// Anything else: for whatlang.
    Prose,
}

/// Text made mostly of names and numbers: sports results, league tables, market prices, lists
/// of people (`Chelsea 2 Everton 1`). Trigram statistics read the names there, not the
/// language, and guess Danish, French or Slovene; the few lower-case words say more. In the
/// first 2 KiB, when fewer than half the words are lower case:
/// - with at least three lower-case words, of which at least two and a quarter are English
///   function words (the list of [`english_fast_path`]), the text is English (confidence 0.5,
///   a reasoned guess);
/// - with fewer than three lower-case words, all words ASCII, the language is unknown (no
///   guess: the entity tagger reads such text, names are names in any language);
/// - with at least eight lower-case words otherwise, those words are what tells the language
///   ([`Table::Names`]): a table's names would mislead trigram statistics;
/// - with three to seven, all words ASCII, those words are too few to name another language
///   ([`Table::FewWords`]).
fn names_and_numbers(text: &str) -> Table {
    let mut end = text.len().min(TABLE_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let keys = function_keys();
    let (mut words, mut lower, mut hits, mut ascii) = (0u32, 0u32, 0u32, true);
    for w in text[..end].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        words += 1;
        ascii &= w.is_ascii();
        if w.bytes().all(|b| b.is_ascii_lowercase()) {
            lower += 1;
            if w.len() <= 5 && keys.binary_search(&pack(w.as_bytes())).is_ok() {
                hits += 1;
            }
        }
    }
    if lower * 2 >= words {
        Table::Prose
    } else if lower >= 3 && hits >= 2 && hits * 4 >= lower {
        Table::English
    } else if lower < 3 && words >= 4 && ascii {
        Table::Unknown
    } else if lower >= 8 || (ascii && lower >= 3) {
        let words = text[..end].split(|c: char| !c.is_alphanumeric());
        let lower: Vec<&str> =
            words.filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())).collect();
        if lower.len() >= 8 {
            Table::Names(lower.join(" "), hits)
        } else {
            Table::FewWords(lower.join(" "))
        }
    } else {
        Table::Prose
    }
}

/// English function words (see [`english_fast_path`]). Words are runs of letters; only ASCII
/// words of up to five letters can be function words, and those are looked up as a number
/// (their lower-cased bytes) in a sorted table ([`function_keys`]).
#[rustfmt::skip]
const FUNCTION: [&str; 64] = [
    "the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he", "it",
    "as", "at", "by", "from", "his", "has", "have", "be", "are", "were", "an", "will", "its",
    "their", "they", "said", "this", "which", "not", "but", "or", "been", "had", "who",
    "after", "into", "about", "would", "could", "than", "more", "one", "two", "new", "up",
    "out", "we", "our", "you", "her", "she", "them", "there", "what", "when", "all", "if",
    "can", "may", "says",
];

/// The 64 English function words of [`english_fast_path`], each as [`pack`] makes it,
/// sorted.
fn function_keys() -> &'static [u64; 64] {
    static KEYS: std::sync::LazyLock<[u64; 64]> = std::sync::LazyLock::new(|| {
        let mut keys = FUNCTION.map(|w| pack(w.as_bytes()));
        keys.sort_unstable();
        keys
    });
    &KEYS
}

/// Up to five ASCII letters, lower-cased, as one number.
fn pack(word: &[u8]) -> u64 {
    word.iter().fold(0, |k, &b| (k << 8) | u64::from(b.to_ascii_lowercase()))
}

/// The language as the input's metadata gives it, reduced to its primary subtag (`en-GB` →
/// `en`) and lower case; `None` when it is not a plausible language tag.
pub(crate) fn from_meta(tag: &str) -> Option<Lang> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let code = iso639_1(&primary).map(str::to_owned).unwrap_or(primary);
    Some(Lang { code, confidence: 1.0, detected: false })
}

/// ISO 639-3 (as whatlang names them) to ISO 639-1.
fn iso639_1(code3: &str) -> Option<&'static str> {
    Some(match code3 {
        "epo" => "eo",
        "eng" => "en",
        "rus" => "ru",
        "cmn" | "zho" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" | "fas" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "cym" => "cy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The shortcut as first written (split on non-letters, linear search): the fast one must
    /// agree with it.
    fn english_reference(sample: &str) -> bool {
        const TOP: [&str; 4] = ["the", "and", "of", "to"];
        const FUNCTION: [&str; 64] = [
            "the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "was", "with", "he",
            "it", "as", "at", "by", "from", "his", "has", "have", "be", "are", "were", "an",
            "will", "its", "their", "they", "said", "this", "which", "not", "but", "or", "been",
            "had", "who", "after", "into", "about", "would", "could", "than", "more", "one", "two",
            "new", "up", "out", "we", "our", "you", "her", "she", "them", "there", "what", "when",
            "all", "if", "can", "may", "says",
        ];
        let (mut words, mut hits, mut top_seen) = (0u32, 0u32, [false; 4]);
        for w in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words += 1;
            if w.len() > 5 || !w.is_ascii() {
                continue;
            }
            let lower = w.to_ascii_lowercase();
            if FUNCTION.contains(&lower.as_str()) {
                hits += 1;
                if let Some(i) = TOP.iter().position(|t| *t == lower) {
                    top_seen[i] = true;
                }
            }
        }
        words >= 20 && hits * 4 >= words && top_seen.iter().filter(|s| **s).count() >= 2
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_english_shortcut_agrees_with_its_reference(
            words in proptest::collection::vec(
                prop_oneof![
                    3 => proptest::sample::select(vec![
                        "the", "The", "THE", "and", "of", "To", "said", "says", "there", "thereby",
                        "a", "I", "die", "über", "été", "naïve", "x1y", "theé", "Thé", "and-of",
                    ]).prop_map(str::to_owned),
                    1 => "[a-zA-Z\u{e9}\u{df}0-9]{1,7}",
                ],
                0..60,
            ),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", ", ", ". ", "\u{2019}", "\u{a0}", "\n"]), 60),
        ) {
            let mut sample = String::new();
            for (w, sep) in words.iter().zip(&seps) {
                sample.push_str(w);
                sample.push_str(sep);
            }
            prop_assert_eq!(english_fast_path(&sample).is_some(), english_reference(&sample), "{}", sample);
        }
    }

    #[test]
    fn detects_common_languages() {
        let en = "The Supreme Leader noted Iran and Iraq enjoy such strong unity that cannot be \
                  disrupted by outside influence.";
        assert_eq!(detect_language(en).unwrap().code, "en");
        let de = "Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für erneuerbare \
                  Energien deutlich auszubauen.";
        assert_eq!(detect_language(de).unwrap().code, "de");
    }

    #[test]
    fn short_english_that_whatlang_reads_as_another_language_is_english() {
        for text in [
            "Lorry overturns near Quelton\nA lorry driver was hurt on Monday , police said .",
            "Gunmen kill two in Vorsk\nGunmen killed two guards in Vorsk on Friday .",
            "\"It is a disaster,\" a government source told Vorland Radio.",
        ] {
            assert_eq!(detect_language(text).map(|l| l.code), Some("en".into()), "{text:?}");
        }
        // Short text in other languages, with words English has too, is not English.
        for text in [
            "Het is een feit dat hij in de stad was .",
            "De president is in New York aangekomen, waar hij was uitgenodigd.",
            "Was will er in der Stadt ? Er will an die See .",
            "Le gouvernement a annoncé vendredi de nouvelles taxes à Paris .",
            "O governo anunciou novos impostos para o ano que vem .",
        ] {
            assert!(detect_language(text).is_none_or(|l| l.code != "en"), "{text:?}");
        }
    }

    #[test]
    fn an_unsure_answer_for_english_of_a_markets_table_is_english() {
        // A term sheet of nouns, labels and numbers: whatlang reads French, unsure.
        let text = "Vorsk Motor Credit issues 150 million dlr eurobond .\nQUELTON 1996-12-04\n\
                    Borrower Vorsk Motor Credit Corp ( VMCC )\nIssue details :\nAmt $ 150 \
                    million Coupon 6.25 pct\nIssue price 101.32 Maturity 15.JAN.02\nReoffer \
                    price 99.57 Spread +20 bp\nPayment date 15.JAN.97 Listing Telemby\nFees \
                    1.875 pct Denoms ( K ) 1-10-100\nNegative pledge No Cross default No\n\
                    Force majeure IPMA Governing law English\nLead manager Qorvash Europe\n\
                    The deal was priced to yield 20 basis points over comparable bonds .";
        assert_eq!(detect_language(text).map(|l| l.code), Some("en".into()));
    }

    #[test]
    fn english_wire_copy_that_whatlang_reads_as_another_language_is_english() {
        let text = "ZINC ENDS LOWER ON FUND SELLING .\nQuelton 1996-12-06\nZinc on the Quelton \
                    Metals Market ended lower on Friday as funds sold , traders said .\n\
                    Three-months zinc closed at $ 1,055 a tonne .\n\" Funds are getting out , \
                    \" said a dealer at Vorsk Metals .\nZinc in Telemby was also weaker .";
        assert_eq!(detect_language(text).map(|l| l.code), Some("en".into()));
        // Prose in other languages, with English words in it, keeps its language.
        for (text, code) in [
            (
                "Der Vorstand sagte am Freitag, die Zahlen seien gut. \"The deal is done,\" said \
                 der Chef. Die Aktie stieg um zwei Prozent, und die Analysten erwarten mehr \
                 Gewinn im nächsten Jahr.",
                "de",
            ),
            (
                "Kobberprisen faldt fredag, efter at fondene solgte ud, sagde handlerne i \
                 London. Markedet venter nu på nye tal fra Kina i næste uge.",
                "da",
            ),
        ] {
            assert_eq!(detect_language(text).map(|l| l.code), Some(code.into()), "{text:?}");
        }
    }

    #[test]
    fn names_and_numbers_alone_have_no_language() {
        let table = "MIAMI 14 4 .778 -\nNEW YORK 10 6 .625 3\nORLANDO 8 6 .571 4\n\
                     BOSTON 7 9 .438 6";
        assert_eq!(detect_language(table), None);
        // Not for other scripts, nor for a short title.
        assert_eq!(detect_language("北京 上海 广州 深圳 天津").map(|l| l.code), Some("zh".into()));
        assert!(detect_language("Brexit").is_none_or(|l| l.code != "en" || l.confidence != 0.5));
    }

    #[test]
    fn english_made_of_names_and_numbers_is_english() {
        // Results and tables: the lower-case words are English, the rest names and numbers.
        for text in [
            "SOCCER - DUTCH FIRST DIVISION RESULTS.\nAMSTERDAM 1997-03-08\nResults of Dutch \
             first division matches on Saturday:\nAjax 2 Twente 1\nFeyenoord 0 Vitesse 0\n\
             Utrecht 3 Groningen 2\nNAC Breda 1 Roda JC 1",
            "Leading scorers in the Danish league after the weekend's games:\n14 - Peter \
             Moller (Brondby)\n12 - Soren Frederiksen (Silkeborg)\n10 - Morten Bisgaard \
             (Odense), Ebbe Sand (Brondby)",
        ] {
            let lang = detect_language(text).unwrap();
            assert_eq!((lang.code.as_str(), lang.confidence), ("en", 0.5), "{text:?}");
        }
        // Other languages' tables and prose are not read as English.
        for (text, code) in [
            (
                "Ergebnisse der Bundesliga am Samstag:\nBayern München 2 Borussia Dortmund 1\n\
                 Werder Bremen 0 Hamburger SV 0\nSchalke 04 3 VfB Stuttgart 2",
                "de",
            ),
            (
                "Le gouvernement a annoncé mardi une hausse des salaires dans la fonction \
                 publique, une mesure attendue par les syndicats depuis des mois.",
                "fr",
            ),
        ] {
            assert_eq!(detect_language(text).unwrap().code, code, "{text:?}");
        }
    }

    #[test]
    fn a_table_is_read_by_its_lower_case_words_not_its_names() {
        // Few function words among the lower-case ones (`played, won, drawn, lost`): English
        // all the same, whatever the clubs' names look like.
        let table = "SOCCER - VORSKIAN FIRST DIVISION RESULTS .\nVORSKDAM 1996-12-08\nResults of \
                     Vorskian first division soccer matches played at the weekend :\nVorskveen 1 \
                     Qorvasdijk Breda 0\nTelemhoven 3 Sint Haarvliet 1\nGroenkerk 2 Twentevoorde \
                     Enschede 2\nVolkendaal 4 Heerenbroek 0\nRodenmeer JC Kerkdijk 1 Zuidveen 1\n\
                     Leading positions ( tabulate under played , won , drawn , lost , goals for , \
                     against , points ) :\nTelemhoven 17 12 4 1 41 10 40\nVorskveen 17 11 4 2 30 \
                     17 37\nGroenkerk 16 9 4 3 27 14 31";
        // (whatlang alone reads it as Dutch.)
        assert_ne!(whatlang::detect(&table[..320]).map(|i| i.lang()), Some(whatlang::Lang::Eng));
        let lang = detect_language(table).unwrap();
        assert_eq!((lang.code.as_str(), lang.confidence), ("en", 0.5));
        // The same in German stays German.
        let table = "Ergebnisse der ersten Liga vom Wochenende und die aktuelle Tabelle nach \
                     dem Spieltag mit Punkten und Toren:\nVorskveld 1 Qorvashdorf 0\n\
                     Telemborg Oost 3 Haarvliet 1\nVorskveld 17 12 4 1 41 10 40\nQorvashdorf \
                     17 11 4 2 30 17 37\nHaarvliet 16 9 4 3 27 14 31";
        assert_eq!(detect_language(table).unwrap().code, "de");
    }

    #[test]
    fn a_table_with_a_few_lower_case_words_gets_no_other_language() {
        // A ranked result: names, countries, teams, times, and five words in lower case.
        let table = "Vorskian Grand Prix results :\n1. Jan Qorvash ( Britain ) Telembo 1 hour 32 \
                     minutes 33.791 seconds\n2. Mika Vorskinen ( Germany ) Haarvliet 1.883 \
                     seconds behind\n3. Ivo Marrow ( Britain ) Jordan 1:07.120";
        let lang = detect_language(table);
        assert!(lang.as_ref().is_none_or(|l| l.code == "en"), "{lang:?}");
    }

    #[test]
    fn the_english_shortcut_agrees_with_whatlang() {
        let en = "The minister said on Monday that the talks with the unions would go on, and \
                  that a deal was close. It is the third round of talks this year.";
        assert_eq!(english_fast_path(en).unwrap().code, "en");
        assert_eq!(whatlang::detect(en).unwrap().lang(), whatlang::Lang::Eng);
        // A news lead: names and nouns, few function words.
        let lead = "Indian security forces have shot dead eight suspected militants in a \
                    night-long encounter in southern Kashmir, police said on Sunday. The \
                    militants were hiding in a village near the town of Anantnag when troops \
                    surrounded it.";
        assert_eq!(english_fast_path(lead).unwrap().code, "en");
        assert_eq!(whatlang::detect(lead).unwrap().lang(), whatlang::Lang::Eng);
        // Other languages, even with a few English-looking words, are left to whatlang.
        for other in [
            "De minister zei op maandag dat de gesprekken met de bonden in de stad door zouden gaan, \
             en dat een akkoord dichtbij was. Het is de derde ronde van dit jaar.",
            "Le ministre a dit lundi que les discussions avec les syndicats allaient continuer, \
             et qu'un accord était proche. C'est le troisième tour de cette année.",
            "Der Minister sagte am Montag, dass die Gespräche mit den Gewerkschaften in der Stadt \
             weitergehen, und dass eine Einigung nahe sei. Es ist die dritte Runde.",
            "El ministro dijo el lunes que las conversaciones con los sindicatos en la ciudad \
             seguirán, y que un acuerdo está cerca. Es la tercera ronda de este año.",
            "O ministro disse na segunda-feira que as conversas com os sindicatos na cidade vão \
             continuar, e que um acordo está próximo. É a terceira ronda deste ano.",
            "Ministern sa på måndagen att samtalen med facken i staden ska fortsätta, och att en \
             överenskommelse är nära. Det är den tredje rundan i år.",
        ] {
            assert!(english_fast_path(other).is_none(), "{other}");
        }
    }

    /// `detect_language` as it was before the Latin shortcut: whatlang for everything that is
    /// not English by its function words.
    fn reference_detect_language(text: &str) -> Option<Lang> {
        detect_with(text, |s| whatlang::detect(s).map(|info| (info.lang(), info.confidence())))
    }

    /// Asserts that `sample` gets whatlang's answer, with the bit-identical confidence, and
    /// that `detect_language` gives what it gave before; returns whether the answer came from
    /// the Latin path.
    fn assert_agrees(sample: &str) -> bool {
        let theirs = whatlang::detect(sample).map(|i| (i.lang(), i.confidence().to_bits()));
        let mine = whatlang_detect(sample).map(|(l, c)| (l, c.to_bits()));
        assert_eq!(mine, theirs, "{sample:?}");
        assert_eq!(detect_language(sample), reference_detect_language(sample), "{sample:?}");
        latin::detect(sample).is_some()
    }

    /// Samples of `text`: windows of several lengths starting every `step` bytes, cut at
    /// character boundaries.
    fn windows(text: &str, step: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            for len in [12, 45, 110, 200, SAMPLE_BYTES] {
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                out.push(&text[start..end]);
            }
            start += step;
            while start < text.len() && !text.is_char_boundary(start) {
                start += 1;
            }
        }
        out
    }

    /// (samples compared, of which Latin) over the windows of `texts`.
    fn agree_on(texts: &[String], step: usize) -> (usize, usize) {
        let (mut total, mut latin) = (0, 0);
        for text in texts {
            for sample in windows(text, step) {
                total += 1;
                latin += usize::from(assert_agrees(sample));
            }
        }
        (total, latin)
    }

    /// The `text` fields of a JSONL file, or `None` when it is missing.
    fn jsonl_texts(path: &std::path::Path) -> Option<Vec<String>> {
        let data = std::fs::read_to_string(path).ok()?;
        let texts = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
            .collect();
        Some(texts)
    }

    #[test]
    fn agrees_with_whatlang_on_the_fixtures() {
        let fixtures = include_str!("../tests/data/lang-samples.txt");
        let mut texts: Vec<String> =
            fixtures.lines().filter(|l| !l.starts_with('#')).map(str::to_owned).collect();
        texts.push(include_str!("../../../tests/data/seed-article.txt").to_owned());
        let samples = include_str!("../../../config/samples/articles.jsonl");
        texts.extend(
            samples
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v.get("text")?.as_str().map(str::to_owned)),
        );
        let (total, latin) = agree_on(&texts, 13);
        assert!(latin > 2000, "{latin} Latin samples of {total}");
        eprintln!("fixtures: {} texts, {total} samples ({latin} Latin) agree", texts.len());
    }

    /// The dev corpus of `../shared/corpus` (real articles in ten languages), when it is there.
    #[test]
    fn agrees_with_whatlang_on_the_dev_corpus() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/dev/articles.jsonl");
        let Some(texts) = jsonl_texts(&path) else {
            eprintln!("skipped: {} not found", path.display());
            return;
        };
        let (total, latin) = agree_on(&texts, 29);
        eprintln!("dev corpus: {} articles, {total} samples ({latin} Latin) agree", texts.len());
    }

    /// A large offline check: `COPYDESK_LANG_BENCH=path/to/bench.jsonl cargo test --release
    /// -p copydesk-normalize -- --ignored --nocapture lang::tests::agrees_with_whatlang_on_a_bench`.
    #[test]
    #[ignore = "needs a bench corpus; slow"]
    fn agrees_with_whatlang_on_a_bench_corpus() {
        let path = std::env::var_os("COPYDESK_LANG_BENCH").expect("COPYDESK_LANG_BENCH is set");
        let texts = jsonl_texts(std::path::Path::new(&path)).expect("the bench corpus reads");
        let step: usize = std::env::var("COPYDESK_LANG_STEP")
            .map_or(Ok(1000), |s| s.parse())
            .expect("COPYDESK_LANG_STEP is a number");
        let (total, latin) = agree_on(&texts, step);
        let firsts = texts.iter().filter(|t| assert_agrees(t)).count();
        eprintln!(
            "bench: {} articles, {total} samples ({latin} Latin) and every article's own \
             sample ({firsts} Latin) agree",
            texts.len()
        );
    }

    #[test]
    fn no_language_for_a_guess() {
        assert!(detect_language("x").is_none());
        assert!(detect_language("1234 5678").is_none());
    }

    #[test]
    fn metadata_tags_are_reduced_to_iso639_1() {
        assert_eq!(from_meta("en-GB").unwrap().code, "en");
        assert_eq!(from_meta("deu").unwrap().code, "de");
        assert_eq!(from_meta("FR").unwrap().code, "fr");
        assert!(from_meta("english please").is_none());
        assert!(from_meta("").is_none());
    }
}
