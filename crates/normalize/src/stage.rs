//! The stage function: [`normalize`] a raw input into an article, or say why not.

use copydesk_core::{
    Article, ArticleId, DeadLetter, Extraction, Fingerprint, Format, RawArticle, SCHEMA_VERSION,
    content_hash, looks_like_html,
};
use regex::RegexSet;

use crate::html::{extract_html, extract_html_fallback};
use crate::lang::{detect_language, from_meta};
use crate::text::{clean_text_edges, clean_title, count};

/// Lines removed wherever they stand as a whole line (case-insensitive regexes, anchored to the
/// whole line): the junk scrapers leave between and after paragraphs. Only lines of up to 160
/// bytes are tested (240 for edge lines), so patterns use `.*` rather than bounded repeats,
/// which would multiply the size of the compiled automaton (and the start-up time).
pub const DEFAULT_JUNK_LINES: &[&str] = &[
    r"advertisements?",
    r"sponsored( content)?",
    r"read more\.*",
    r"(read|see) (more|also):?.*",
    r"share (this|the) (article|story|page)\.*",
    r"share( on)? (facebook|twitter|x|whatsapp|linkedin|email)",
    r"(click|tap) here to .*",
    r"continue reading\.*",
    r"subscribe( now)?( to .*)?\.*",
    r"sign up (for|to) (our|the) .*newsletters?\.*",
    r"skip (to|advertisement).*",
];

/// Lines removed only at the start or the end of an article (repeatedly, with the lines
/// without letters): photo credits, wire-service trailers, copyright lines; bylines are
/// recognized in code ([`is_byline`]). Inside the
/// text such a line may be real content ("By Friday, the talks had failed."), so it stays.
/// Case-insensitive regexes anchored to the whole line.
pub const DEFAULT_EDGE_LINES: &[&str] = &[
    r"\(?(additional )?(reporting|writing|editing|compiled|translated)( and (writing|editing))? by .*",
    r"(photo|image|picture|photograph|video)s?( credit| source| copyright)?\s*[:|].*",
    r"image (copyright|source|caption).*",
    r"(getty images|afp|reuters|ap photo|epa|shutterstock|associated press)(/.*)?",
    r"(copyright|©|\(c\)) .*",
    r".*all rights reserved\.?",
    r"follow (us|[^ ]+( [^ ]+)?) on (twitter|facebook|x|instagram|linkedin|tiktok|threads|bluesky).*",
    r"(related|more on this story|more from [^.!?]*)\s*:?",
    // An affiliate disclosure: `Vorsk may earn a commission when you buy through links...`.
    r".*\b(may|might|could) (earn|receive|get) (a |an )?(small )?(affiliate )?(commission|compensation|share of (the )?(sales|revenue))\b.*\b(links?|buy|purchases?)\b.*",
    // A trailer of contributors and contacts: `Jane Roe contributed to this report.`,
    // `Contact Jane Roe at jroe@example.com.`
    r"(.*\b)?contributed( reporting)? to this (report|story|article)\b.*",
    r"(contact|email|reach) [^.]* at [^ ]+@[^ ]+.*",
    // A call for readers' tips: `Do you have a story to share? Email us at ...`.
    r"(do you have|have you got|got|have) (a|an|any) (story|news tip|tip|video|photo|pictures?)s?\b.*\b(email|contact|send|get in touch|message|call)\b.*",
    // A travel writer's disclosure: `The writer travelled as a guest of ...`, `Prices correct
    // at time of publication.`
    r"(this trip|the (writer|author|reporter)) (was|travelled|traveled)\b.*\b(paid for by|guest of|courtesy of|hosted by|supported by)\b.*",
    r"prices? (were |are )?correct at (the )?time of (publication|writing)\.?",
    // Editors' initials over the agencies drawn on: `jr/ab (AFP, Reuters)`.
    r"[a-z]{2,4}(/[a-z]{2,4})+\s*\([^)]*\)",
    // A press release's credit: `Story source: ...`, `Materials provided by ...`.
    r"story source:.*",
    r"(based on )?materials provided by [^,.]*\.( (note|content may be edited)[^.]*\.?)*",
];

/// Settings of the normalize stage, validated once.
#[derive(Clone, Debug)]
pub struct NormalizeConfig {
    /// Fold typographic quotes, dashes and ellipses to ASCII.
    pub ascii: bool,
    /// Detect the language when the input does not give it.
    pub detect_language: bool,
    junk: RegexSet,
    edge: RegexSet,
}

impl Default for NormalizeConfig {
    fn default() -> NormalizeConfig {
        NormalizeConfig::new(false, DEFAULT_JUNK_LINES, DEFAULT_EDGE_LINES)
            .expect("the default junk-line patterns are valid (tested)")
    }
}

impl NormalizeConfig {
    /// Settings with the given junk-line patterns, removed wherever they stand, and edge-line
    /// patterns, removed at the start and end only (regexes matched, case-insensitively,
    /// against whole lines).
    ///
    /// # Errors
    /// When a pattern is not a valid regex.
    pub fn new(
        ascii: bool,
        junk_lines: &[impl AsRef<str>],
        edge_lines: &[impl AsRef<str>],
    ) -> Result<NormalizeConfig, ConfigError> {
        let junk = RegexSet::new(anchored(junk_lines)).map_err(ConfigError::JunkPattern)?;
        let edge = RegexSet::new(anchored(edge_lines)).map_err(ConfigError::JunkPattern)?;
        Ok(NormalizeConfig { ascii, detect_language: true, junk, edge })
    }

    pub(crate) fn is_edge_line(&self, line: &str) -> bool {
        line.len() <= 240 && (is_byline(line) || self.edge.is_match(line))
    }

    pub(crate) fn is_junk_line(&self, line: &str) -> bool {
        // Junk lines are short; do not run the set over whole paragraphs. Dashes, bullets and
        // brackets around them are no part of them (`- Advertisement -`, `[Advertisement]`).
        let bare = line.trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(c, '-' | '–' | '—' | '•' | '·' | '[' | ']' | '(' | ')' | '|')
        });
        line.len() <= 160
            && (self.junk.is_match(line) || (bare.len() < line.len() && self.junk.is_match(bare)))
    }
}

/// "By Jane Doe", "By Jane Doe and John van Roe, Staff Writers": "By", then up to six
/// capitalized name words (particles such as "and", "van", "de" allowed), optionally a comma
/// and a short role, and no final period (a sentence such as "By Friday, the talks had
/// failed." is not a byline). Done in code: a regex with Unicode letter classes costs tens of
/// milliseconds to compile at every start.
fn is_byline(line: &str) -> bool {
    const PARTICLES: &[&str] =
        &["and", "&", "de", "van", "von", "der", "al", "bin", "da", "la", "le"];
    let Some(rest) = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY ")) else {
        return false;
    };
    if rest.ends_with(['.', '!', '?']) || rest.len() > 120 {
        return false;
    }
    let (names, role) = rest.split_once(',').unwrap_or((rest, ""));
    let words: Vec<&str> = names.split_whitespace().collect();
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    !words.is_empty()
        && words.len() <= 8
        && words.iter().any(|w| capitalized(w))
        && words.iter().all(|w| capitalized(w) || PARTICLES.contains(w))
        && role.split_whitespace().count() <= 5
}

/// Whole-line, case-insensitive forms of line patterns.
fn anchored(patterns: &[impl AsRef<str>]) -> Vec<String> {
    patterns.iter().map(|p| format!("(?i)^(?:{})$", p.as_ref())).collect()
}

/// An invalid normalize setting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A junk-line pattern is not a valid regex.
    #[error("invalid junk-line pattern")]
    JunkPattern(#[source] regex::Error),
}

/// Why an input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// Nothing but whitespace, markup or junk.
    #[error("no text left after normalization")]
    NoText,
    /// Bytes that are not text (NUL bytes, or mostly control characters and invalid UTF-8).
    #[error("binary data, not text")]
    Binary,
    /// An HTML page whose elements nest deeper than [`MAX_HTML_DEPTH`].
    #[error("HTML nested deeper than {MAX_HTML_DEPTH} elements")]
    HtmlTooDeep,
}

/// Deepest element nesting accepted in an HTML input (real pages stay below a few hundred; the
/// parser's cost grows with the square of the depth).
pub const MAX_HTML_DEPTH: usize = 10_000;

/// An input the normalize stage refused, with the input itself so that it can be
/// dead-lettered.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct NormalizeError {
    /// Why.
    pub reason: Reason,
    /// The refused input.
    pub input: Box<RawArticle>,
}

impl NormalizeError {
    /// The dead-letter record for this refusal.
    pub fn into_dead_letter(self) -> DeadLetter {
        let raw = *self.input;
        let mut dead = DeadLetter::new(
            "normalize",
            self.reason.to_string(),
            raw.origin,
            &raw.body,
            raw.meta.id,
        );
        dead.received_at = raw.received_at;
        dead
    }
}

/// Normalizes one input into an article.
///
/// # Errors
/// When no text is left: the input comes back inside the error, for the dead-letter output.
pub fn normalize(raw: RawArticle, cfg: &NormalizeConfig) -> Result<Article, NormalizeError> {
    // One UTF-8 check serves both the binary sniff and decoding; a refused input is never
    // decoded.
    let utf8 = raw.body.as_text().or_else(|| std::str::from_utf8(&raw.body).ok());
    if looks_binary(&raw.body, utf8.is_some()) {
        return Err(NormalizeError { reason: Reason::Binary, input: Box::new(raw) });
    }
    let (body, invalid) = match utf8 {
        Some(s) => (std::borrow::Cow::Borrowed(s), 0),
        None => {
            let (s, n) = replace_invalid(&raw.body);
            (std::borrow::Cow::Owned(s), n)
        }
    };
    let html = match raw.format {
        Format::Html => true,
        Format::Auto => looks_like_html(body.as_bytes()),
        Format::Text | Format::Json => false,
    };
    let mut page: (Option<String>, Option<String>, Option<String>) = (None, None, None);
    let mut extraction = None;
    let (text, page_title) = if html {
        if crate::html::estimated_depth(&body) > MAX_HTML_DEPTH {
            drop(body);
            return Err(NormalizeError { reason: Reason::HtmlTooDeep, input: Box::new(raw) });
        }
        let doc = extract_html(&body);
        page = (doc.published, doc.author, doc.canonical);
        let mut text = clean_text_edges(&doc.text, cfg);
        let mut fallback = doc.fallback;
        if text.text.is_empty() {
            // Only junk lines in the article element: a page with text is never dead-lettered
            // for that; the fallback extraction keeps what the first one left out.
            text = clean_text_edges(&extract_html_fallback(&body), cfg);
            fallback = true;
        }
        extraction = Some(if fallback { Extraction::Fallback } else { Extraction::Article });
        (text, doc.title)
    } else {
        (clean_text_edges(&body, cfg), None)
    };
    drop(body);
    // Wire copy: the dateline, byline and credit lines go to their own fields (those the
    // edge trimming took off too). A text that is nothing but them keeps them (never an
    // empty article).
    let (stripped, wire) = crate::wire::take_wire(
        &text.text,
        (&text.head, &text.tail),
        raw.meta.dateline.as_deref(),
        raw.meta.author.as_deref().or(page.1.as_deref()),
    );
    let text = match stripped {
        Some(s) if !s.is_empty() => s,
        _ => text.text,
    };
    if text.is_empty() {
        return Err(NormalizeError { reason: Reason::NoText, input: Box::new(raw) });
    }
    let meta = raw.meta;
    let title = meta
        .title
        .as_deref()
        .and_then(|t| clean_title(t, cfg))
        .or_else(|| page_title.as_deref().and_then(|t| clean_title(t, cfg)));
    let lang = meta
        .lang
        .as_deref()
        .and_then(from_meta)
        .or_else(|| cfg.detect_language.then(|| detect_language(&text)).flatten());
    let mut counts = count(&text);
    counts.invalid_utf8 = invalid;
    let exact = content_hash(&text);
    let (minhash, shingles) = crate::near::near_fingerprints(&text);
    let minhash_hex = crate::near::minhash_hex(&minhash);
    Ok(Article {
        schema: SCHEMA_VERSION,
        id: meta.id.map_or_else(|| ArticleId(exact.clone()), ArticleId),
        source: raw.origin,
        // The input's own metadata wins over what its page says.
        url: meta.url.or(page.2),
        published: meta.published.or(page.0),
        author: meta.author.or(page.1),
        authors: wire.authors,
        credits: wire.credits,
        received_at: raw.received_at,
        title,
        dateline: wire.dateline,
        text,
        extraction,
        lang,
        counts,
        fingerprint: Fingerprint {
            exact,
            minhash: Some(minhash_hex),
            signature: Some(minhash),
            shingles,
        },
        entities: Default::default(),
        quotes: Vec::new(),
        keywords: Vec::new(),
        tags: Vec::new(),
        meta: meta.extra,
        duplicate_of: None,
        similarity: None,
    })
}

/// Turns an input into a record without cleaning it (decoding only): for benchmarks and for
/// users who want copydesk as a format converter. Counts stay zero, except invalid UTF-8.
///
/// # Errors
/// When the input is blank.
pub fn passthrough(raw: RawArticle) -> Result<Article, NormalizeError> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Err(NormalizeError { reason: Reason::NoText, input: Box::new(raw) });
    }
    let (text, invalid) = match raw.body.into_string() {
        Ok(s) => (s, 0),
        Err(e) => replace_invalid(e.as_bytes()),
    };
    let exact = content_hash(&text);
    let meta = raw.meta;
    Ok(Article {
        schema: SCHEMA_VERSION,
        id: meta.id.map_or_else(|| ArticleId(exact.clone()), ArticleId),
        source: raw.origin,
        url: meta.url,
        published: meta.published,
        author: meta.author,
        authors: Vec::new(),
        credits: Vec::new(),
        received_at: raw.received_at,
        title: meta.title,
        dateline: None,
        text,
        extraction: None,
        lang: meta.lang.as_deref().and_then(from_meta),
        counts: copydesk_core::Counts { invalid_utf8: invalid, ..Default::default() },
        fingerprint: Fingerprint { exact, minhash: None, signature: None, shingles: 0 },
        entities: Default::default(),
        quotes: Vec::new(),
        keywords: Vec::new(),
        tags: Vec::new(),
        meta: meta.extra,
        duplicate_of: None,
        similarity: None,
    })
}

/// True for bytes that are not text: a NUL byte in the first 8 KiB (as `file`, `grep` and
/// git decide), or a sample where more than a tenth of the bytes are control characters
/// (other than tab, line feed, carriage return, form feed) or invalid UTF-8. `valid` says
/// whether all of `bytes` is valid UTF-8 (the caller has checked it: the sample needs no check
/// of its own then).
fn looks_binary(bytes: &[u8], valid: bool) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    // Branch-free over byte lanes, so that it runs on vectors: C0 controls and DEL, less the
    // four kinds of white space (at most 64 per chunk: a byte counter does).
    let controls: usize = sample
        .chunks(64)
        .map(|chunk| {
            let mut n = 0u8;
            for &b in chunk {
                n += u8::from(b < 0x20 || b == 0x7F)
                    - u8::from(b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0C);
            }
            usize::from(n)
        })
        .sum();
    let invalid: usize = if valid {
        0
    } else {
        match std::str::from_utf8(sample) {
            Ok(_) => 0,
            // Only a character cut by the end of the sample: valid.
            Err(e) if e.error_len().is_none() => 0,
            Err(_) => sample.utf8_chunks().map(|c| c.invalid().len()).sum(),
        }
    };
    // A sample cut inside a character ends in an "invalid" chunk of at most 3 bytes.
    (controls + invalid.saturating_sub(3)) * 10 > sample.len()
}

/// Decodes bytes that are not all valid UTF-8, replacing each invalid sequence by U+FFFD;
/// returns the text and the number of sequences replaced.
fn replace_invalid(bytes: &[u8]) -> (String, u32) {
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut bad = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            bad += 1;
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean_text;
    use copydesk_core::{Body, InputMeta, Origin};
    use proptest::prelude::*;

    fn raw(body: &[u8]) -> RawArticle {
        RawArticle::new(body.to_vec(), Origin::default())
    }

    const SEED: &str = include_str!("../../../tests/data/seed-article.txt");

    #[test]
    fn text_a_decoder_made_is_taken_as_it_is_and_reads_like_the_same_bytes() {
        let html =
            "<html><head><title>T</title></head><body><p>Hello there, world.</p></body></html>";
        for body in [SEED, html, "\u{1}\u{2}\u{3} binary-looking \u{0}\u{0}\u{0}\u{0}", " \n "] {
            let bytes = raw(body.as_bytes());
            let mut text = bytes.clone();
            text.body = Body::Text(body.to_owned());
            let cfg = NormalizeConfig::default();
            let strip = |r: Result<Article, NormalizeError>| {
                r.map(|mut a| {
                    a.received_at.clear();
                    a
                })
                .map_err(|e| e.reason)
            };
            assert_eq!(strip(normalize(text.clone(), &cfg)), strip(normalize(bytes.clone(), &cfg)));
            assert_eq!(strip(passthrough(text)), strip(passthrough(bytes)));
        }
    }

    #[test]
    fn the_seed_article() {
        let a = normalize(raw(SEED.as_bytes()), &NormalizeConfig::default()).unwrap();
        assert_eq!(a.counts.paragraphs, 13);
        assert!(!a.text.contains("2050"));
        assert!(a.text.ends_with("security cooperation."));
        assert!(a.text.contains("\u{201C}Our relations with the Islamic Republic of Iran"));
        assert_eq!(a.lang.as_ref().unwrap().code, "en");
        assert_eq!(a.id.0, a.fingerprint.exact);
        assert_eq!(a.title, None);
    }

    #[test]
    fn metadata_wins_and_is_kept() {
        let mut r = raw(b"Some text here.");
        r.meta = InputMeta {
            id: Some("x1".into()),
            title: Some(" A\ttitle ".into()),
            lang: Some("de-AT".into()),
            ..Default::default()
        };
        let a = normalize(r, &NormalizeConfig::default()).unwrap();
        assert_eq!(a.id.0, "x1");
        assert_eq!(a.title.as_deref(), Some("A title"));
        assert_eq!(a.lang.unwrap().code, "de");
    }

    #[test]
    fn html_bodies_are_extracted() {
        let a = normalize(
            raw(b"<html><head><title>The headline of the story - Site</title></head><body><p>Body one.</p><p>Body two.</p></body></html>"),
            &NormalizeConfig::default(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("The headline of the story"));
        assert_eq!(a.text, "Body one.\nBody two.");
    }

    #[test]
    fn invalid_utf8_is_repaired_and_counted() {
        let a =
            normalize(raw(b"Caf\xe9 au lait \xff\xfe ok"), &NormalizeConfig::default()).unwrap();
        assert_eq!(a.text, "Caf\u{FFFD} au lait \u{FFFD}\u{FFFD} ok");
        assert_eq!(a.counts.invalid_utf8, 3);
    }

    #[test]
    fn blank_inputs_are_refused_with_the_input() {
        let e =
            normalize(raw(" \n\u{200B}\n**".as_bytes()), &NormalizeConfig::default()).unwrap_err();
        assert_eq!(e.reason, Reason::NoText);
        let dead = e.into_dead_letter();
        assert_eq!(dead.stage, "normalize");
        assert_eq!(dead.reason, "no text left after normalization");
    }

    #[test]
    fn binary_data_is_refused() {
        for bytes in [
            &b"\x7fELF\x02\x01\x01\0\0\0 payload"[..],
            &[0xFF, 0xFE, 0x01, 0x02, 0x03, 0x9C, 0x80, b'a'][..],
        ] {
            let e = normalize(raw(bytes), &NormalizeConfig::default()).unwrap_err();
            assert_eq!(e.reason, Reason::Binary);
        }
        // Text with a few bad bytes is repaired, not refused.
        assert!(
            normalize(
                raw(b"Caf\xe9 au lait, a long enough sentence here."),
                &NormalizeConfig::default()
            )
            .is_ok()
        );
        assert!(!looks_binary("日本語のテキスト".as_bytes(), true));
    }

    #[test]
    fn binary_means_more_than_a_tenth_of_control_bytes() {
        // 200 bytes across several 64-byte chunks: 20 controls are a tenth (text), 21 are more.
        for (controls, binary) in [(20, false), (21, true)] {
            for control in [1u8, 0x1F, 0x7F] {
                let mut bytes = vec![b'a'; 200];
                for k in 0..controls {
                    bytes[k * 9 + 3] = control;
                }
                assert_eq!(looks_binary(&bytes, true), binary, "{controls} of {control:#x}");
            }
        }
        // Tab, line feed, carriage return and form feed are white space, not controls.
        let ws: Vec<u8> = b"\t\n\r\x0c".iter().copied().cycle().take(200).collect();
        assert!(!looks_binary(&ws, true));
    }

    #[test]
    fn absurdly_deep_html_is_refused_quickly() {
        let page = format!("<html><body>{}<p>x</p></body></html>", "<div>".repeat(200_000));
        let e = normalize(raw(page.as_bytes()), &NormalizeConfig::default()).unwrap_err();
        assert_eq!(e.reason, Reason::HtmlTooDeep);
        assert_eq!(e.to_string(), "HTML nested deeper than 10000 elements");
    }

    #[test]
    fn default_junk_patterns_compile() {
        let cfg = NormalizeConfig::default();
        assert!(cfg.is_junk_line("Advertisement"));
        assert!(cfg.is_junk_line("- Advertisement -") && cfg.is_junk_line("[ Advertisement ]"));
        assert!(!cfg.is_junk_line("The advertisement market grew."));
        assert!(NormalizeConfig::new(false, &["("], DEFAULT_EDGE_LINES).is_err());
        assert!(cfg.is_edge_line("By Jane Doe"));
        assert!(cfg.is_edge_line("By Jane Doe and John van Roe, Staff Writers"));
        assert!(!cfg.is_edge_line("By Friday, the talks had failed."));
        assert!(!cfg.is_edge_line("by the river"));
        assert!(cfg.is_edge_line("By Reuters"));
        assert!(cfg.is_edge_line("Reporting by Parisa Hafezi; Editing by Jon Boyle"));
        assert!(cfg.is_edge_line("Photo: AFP/Getty Images"));
        assert!(cfg.is_edge_line("© 2024 Example Media. All rights reserved."));
        assert!(cfg.is_edge_line("Follow us on Twitter"));
        assert!(!cfg.is_edge_line("The photographer said the image was real."));
        assert!(cfg.is_edge_line(
            "Vorsk may earn a commission when you buy through links on our site. This does not \
             affect our reviews."
        ));
        assert!(cfg.is_edge_line(
            "Staff writer Jane Roe contributed to this report. Contact Joan Doe at jdoe@example.com."
        ));
        assert!(cfg.is_edge_line("Contact Joan Doe at jdoe@example.com or on Twitter at @jdoe."));
        assert!(!cfg.is_edge_line("The council may earn more from parking than it expected."));
        assert!(!cfg.is_edge_line("Victims may receive compensation under the scheme."));
        // Calls for tips, travel disclosures, editors' initials, press-release credits.
        assert!(cfg.is_edge_line("Got a story? Email us at tips@example.com or call the desk."));
        assert!(cfg.is_edge_line("Do you have a video of the storm? Send it to us on WhatsApp."));
        assert!(!cfg.is_edge_line("Do you have a plan for the harvest, the minister was asked."));
        assert!(!cfg.is_edge_line("Got a story about the flood, she asked the crowd."));
        assert!(cfg.is_edge_line("The writer travelled as a guest of Vorsk Tourism."));
        assert!(cfg.is_edge_line(
            "This trip was paid for by the author. Prices correct at time of writing."
        ));
        assert!(cfg.is_edge_line("Prices correct at the time of publication."));
        assert!(cfg.is_edge_line("jr/ab (AFP, Reuters)"));
        assert!(cfg.is_edge_line("Story Source:"));
        assert!(
            cfg.is_edge_line(
                "Materials provided by Vorsk University. Note: Content may be edited."
            )
        );
        assert!(!cfg.is_edge_line("Materials provided by the council were poor, residents said."));
        assert!(!cfg.is_edge_line("Story sources say the deal is close."));
    }

    /// Compiled once: building the regex sets per proptest case would dominate the run.
    static CFG: std::sync::LazyLock<NormalizeConfig> =
        std::sync::LazyLock::new(NormalizeConfig::default);
    static ASCII_CFG: std::sync::LazyLock<NormalizeConfig> =
        std::sync::LazyLock::new(|| NormalizeConfig { ascii: true, ..NormalizeConfig::default() });

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn normalizing_is_idempotent(s in "\\PC*|[ a-zA-Z\u{00A0}\u{200B}\u{0301}\t\r\n.\"*]{0,200}") {
            let cfg = &*CFG;
            let once = clean_text(&s, cfg);
            prop_assert_eq!(clean_text(&once, cfg), once.clone());
            if let Ok(a) = normalize(raw(s.as_bytes()), cfg) {
                let b = normalize(raw(a.text.as_bytes()), cfg).unwrap();
                prop_assert_eq!(b.text, a.text);
            }
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let cfg = &*CFG;
            _ = normalize(raw(&bytes), cfg);
            let mut html = b"<html><body><p>".to_vec();
            html.extend_from_slice(&bytes);
            _ = normalize(raw(&html), cfg);
        }

        #[test]
        fn an_html_page_and_its_text_have_the_same_fingerprints(
            paras in proptest::collection::vec("[A-Za-z][a-z]{0,8}( [a-z]{1,9}){2,25}[.,]?", 1..8),
        ) {
            let cfg = &*CFG;
            let text = paras.join("\n");
            let html = format!(
                "<!doctype html><html><head><title>T</title></head><body><nav><a href=\"/\">Home</a></nav>\
                 <article>{}</article><footer>Contact us</footer></body></html>",
                paras.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
            );
            let a = normalize(raw(text.as_bytes()), cfg).unwrap();
            let b = normalize(raw(html.as_bytes()), cfg).unwrap();
            prop_assert_eq!(&a.text, &b.text);
            prop_assert_eq!(&a.fingerprint, &b.fingerprint);
        }

        #[test]
        fn ascii_folding_is_idempotent(s in "[a-z \u{201C}\u{201D}\u{2018}\u{2019}\u{2013}\u{2014}\u{2026}\n]{0,80}") {
            let cfg = &*ASCII_CFG;
            let once = clean_text(&s, cfg);
            prop_assert!(once.is_ascii());
            prop_assert_eq!(clean_text(&once, cfg), once.clone());
        }
    }
}
