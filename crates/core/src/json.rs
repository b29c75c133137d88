//! The output record written by hand, byte for byte as `serde_json` writes it (a property test
//! compares the two on random articles).
//!
//! Serializing was a tenth of a normalize-only run: `serde_json` looks every byte of a string
//! up in its escape table, one at a time, and the text is most of an article's bytes. Here a
//! string is scanned eight bytes at a time for the only bytes JSON escapes (`"`, `\` and
//! control characters) and copied in runs. Numbers, the rare floats and the input's free-form
//! metadata still go through `itoa` and `serde_json`, so their form stays serde's.

use serde_json::{Map, Value};

use crate::record::{Article, Credit, Dateline, Entity, Lang, Origin, Place, Quote};

/// Bytes with the high bit of every byte set, or 0x01 in every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// True when one of the eight bytes of `x` is a control character (< 0x20), `"` or `\`; false
/// only when none is (the bit tricks never miss one; a true may come from a byte after a real
/// match, which the byte loop sorts out).
#[inline]
fn any_escape(x: u64) -> bool {
    let control = x.wrapping_sub(0x20 * ONES) & !x;
    let quote = x ^ (u64::from(b'"') * ONES);
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = x ^ (u64::from(b'\\') * ONES);
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGH != 0
}

/// `s` as a JSON string, quotes included, escaped as `serde_json` escapes it: `\"`, `\\`, the
/// short forms `\b \t \n \f \r`, `\u00XX` (lower-case hex) for other control characters, and
/// everything else (DEL and non-ASCII included) as it is.
pub(crate) fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut start = 0; // first byte not yet copied
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !any_escape(x) {
                i += 8;
                continue;
            }
        }
        // Somewhere in the next eight bytes (or the tail): byte by byte.
        let end = (i + 8).min(bytes.len());
        while i < end {
            let b = bytes[i];
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                b'\t' => b't',
                b'\n' => b'n',
                0x0C => b'f',
                b'\r' => b'r',
                0x00..=0x1F => 0,
                _ => {
                    i += 1;
                    continue;
                }
            };
            // Only ASCII bytes end a run: `start..i` lies on character boundaries.
            out.push_str(&s[start..i]);
            out.push('\\');
            if short == 0 {
                out.push_str("u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                out.push(char::from(short));
            }
            i += 1;
            start = i;
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn write_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.push_str("null"),
    }
}

fn write_int(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

fn write_opt_int(out: &mut String, n: Option<impl itoa::Integer>) {
    match n {
        Some(n) => write_int(out, n),
        None => out.push_str("null"),
    }
}

/// Floats (and NaN, infinities as `null`) exactly as `serde_json` writes them.
fn write_f64(out: &mut String, x: f64) {
    out.push_str(&serde_json::to_string(&x).unwrap_or_else(|_| "null".to_owned()));
}

fn write_opt_f64(out: &mut String, x: Option<f64>) {
    match x {
        Some(x) => write_f64(out, x),
        None => out.push_str("null"),
    }
}

fn write_bool(out: &mut String, b: bool) {
    out.push_str(if b { "true" } else { "false" });
}

/// `"key":` after a comma unless `first`.
// Inlined, so that each constant name is copied without a call to `memcpy` (the calls were
// half a per cent of a default run).
#[inline(always)]
fn key(out: &mut String, first: bool, name: &str) {
    if !first {
        out.push(',');
    }
    out.push('"');
    out.push_str(name); // field names are plain ASCII identifiers
    out.push_str("\":");
}

fn write_list<T>(out: &mut String, items: &[T], mut write: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

fn write_strings(out: &mut String, items: &[String]) {
    write_list(out, items, |out, s| write_str(out, s));
}

fn write_origin(out: &mut String, o: &Origin) {
    out.push('{');
    key(out, true, "name");
    write_str(out, &o.name);
    key(out, false, "path");
    write_opt_str(out, o.path.as_deref());
    key(out, false, "line");
    write_opt_int(out, o.line);
    key(out, false, "offset");
    write_opt_int(out, o.offset);
    out.push('}');
}

fn write_lang(out: &mut String, l: &Lang) {
    out.push('{');
    key(out, true, "code");
    write_str(out, &l.code);
    key(out, false, "confidence");
    write_f64(out, l.confidence);
    key(out, false, "detected");
    write_bool(out, l.detected);
    out.push('}');
}

fn write_entity(out: &mut String, e: &Entity) {
    out.push('{');
    key(out, true, "name");
    write_str(out, &e.name);
    key(out, false, "forms");
    write_strings(out, &e.forms);
    key(out, false, "count");
    write_int(out, e.count);
    out.push('}');
}

fn write_place(out: &mut String, p: &Place) {
    out.push('{');
    key(out, true, "name");
    write_str(out, &p.name);
    key(out, false, "forms");
    write_strings(out, &p.forms);
    key(out, false, "count");
    write_int(out, p.count);
    key(out, false, "country");
    write_opt_str(out, p.country.as_deref());
    key(out, false, "lat");
    write_opt_f64(out, p.lat);
    key(out, false, "lon");
    write_opt_f64(out, p.lon);
    key(out, false, "geonames_id");
    write_opt_int(out, p.geonames_id);
    out.push('}');
}

fn write_credit(out: &mut String, c: &Credit) {
    out.push('{');
    key(out, true, "role");
    write_str(out, &c.role);
    key(out, false, "name");
    write_str(out, &c.name);
    out.push('}');
}

fn write_dateline(out: &mut String, d: &Dateline) {
    out.push('{');
    key(out, true, "text");
    write_str(out, &d.text);
    key(out, false, "place");
    write_str(out, &d.place);
    key(out, false, "name");
    write_opt_str(out, d.name.as_deref());
    key(out, false, "country");
    write_opt_str(out, d.country.as_deref());
    key(out, false, "lat");
    write_opt_f64(out, d.lat);
    key(out, false, "lon");
    write_opt_f64(out, d.lon);
    key(out, false, "geonames_id");
    write_opt_int(out, d.geonames_id);
    key(out, false, "date");
    write_opt_str(out, d.date.as_deref());
    key(out, false, "agency");
    write_opt_str(out, d.agency.as_deref());
    out.push('}');
}

fn write_quote(out: &mut String, q: &Quote) {
    out.push('{');
    key(out, true, "text");
    write_str(out, &q.text);
    key(out, false, "speaker");
    write_opt_str(out, q.speaker.as_deref());
    out.push('}');
}

/// The input's metadata: free-form JSON, left to `serde_json` (small, and rare).
fn write_meta(out: &mut String, meta: &Map<String, Value>) {
    if meta.is_empty() {
        out.push_str("{}");
    } else {
        out.push_str(&serde_json::to_string(meta).unwrap_or_else(|_| "{}".to_owned()));
    }
}

impl Article {
    /// The article as one line of JSON (no newline): the same bytes as
    /// `serde_json::to_string(&article)`, several times faster on long texts.
    pub fn to_json(&self) -> String {
        let a = self;
        let mut out = String::with_capacity(a.text.len() + a.text.len() / 4 + 1024);
        out.push('{');
        key(&mut out, true, "schema");
        write_int(&mut out, a.schema);
        key(&mut out, false, "id");
        write_str(&mut out, &a.id.0);
        key(&mut out, false, "source");
        write_origin(&mut out, &a.source);
        key(&mut out, false, "url");
        write_opt_str(&mut out, a.url.as_deref());
        key(&mut out, false, "published");
        write_opt_str(&mut out, a.published.as_deref());
        key(&mut out, false, "author");
        write_opt_str(&mut out, a.author.as_deref());
        key(&mut out, false, "authors");
        write_strings(&mut out, &a.authors);
        key(&mut out, false, "credits");
        write_list(&mut out, &a.credits, write_credit);
        key(&mut out, false, "received_at");
        write_str(&mut out, &a.received_at);
        key(&mut out, false, "title");
        write_opt_str(&mut out, a.title.as_deref());
        key(&mut out, false, "dateline");
        match &a.dateline {
            Some(d) => write_dateline(&mut out, d),
            None => out.push_str("null"),
        }
        key(&mut out, false, "text");
        write_str(&mut out, &a.text);
        key(&mut out, false, "extraction");
        out.push_str(match a.extraction {
            Some(crate::record::Extraction::Article) => "\"article\"",
            Some(crate::record::Extraction::Fallback) => "\"fallback\"",
            None => "null",
        });
        key(&mut out, false, "lang");
        match &a.lang {
            Some(l) => write_lang(&mut out, l),
            None => out.push_str("null"),
        }
        let c = &a.counts;
        key(&mut out, false, "counts");
        out.push('{');
        key(&mut out, true, "paragraphs");
        write_int(&mut out, c.paragraphs);
        key(&mut out, false, "sentences");
        write_int(&mut out, c.sentences);
        key(&mut out, false, "words");
        write_int(&mut out, c.words);
        key(&mut out, false, "chars");
        write_int(&mut out, c.chars);
        key(&mut out, false, "invalid_utf8");
        write_int(&mut out, c.invalid_utf8);
        out.push('}');
        key(&mut out, false, "fingerprint");
        out.push('{');
        key(&mut out, true, "exact");
        write_str(&mut out, &a.fingerprint.exact);
        key(&mut out, false, "minhash");
        write_opt_str(&mut out, a.fingerprint.minhash.as_deref());
        out.push('}');
        let e = &a.entities;
        key(&mut out, false, "entities");
        out.push('{');
        key(&mut out, true, "persons");
        write_list(&mut out, &e.persons, write_entity);
        key(&mut out, false, "organizations");
        write_list(&mut out, &e.organizations, write_entity);
        key(&mut out, false, "locations");
        write_list(&mut out, &e.locations, write_place);
        out.push('}');
        key(&mut out, false, "quotes");
        write_list(&mut out, &a.quotes, write_quote);
        key(&mut out, false, "keywords");
        write_strings(&mut out, &a.keywords);
        key(&mut out, false, "tags");
        write_strings(&mut out, &a.tags);
        key(&mut out, false, "meta");
        write_meta(&mut out, &a.meta);
        key(&mut out, false, "duplicate_of");
        write_opt_str(&mut out, a.duplicate_of.as_ref().map(|d| d.0.as_str()));
        key(&mut out, false, "similarity");
        write_opt_f64(&mut out, a.similarity);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ArticleId, Counts, Entities, Fingerprint, SCHEMA_VERSION};
    use proptest::prelude::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        write_str(&mut out, s);
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for b in 0u8..=0x7F {
            all.push(char::from(b));
        }
        all.push_str("é\u{2028}\u{FFFD}日本");
        for s in ["", "plain", "a\"b\\c\nd", &all, "0123456\"", "01234567\u{1}", "\u{7f}\u{80}"] {
            assert_eq!(escaped(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    /// Any string, with the escaped bytes frequent enough to land at every chunk position.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                3 => any::<char>(),
                2 => proptest::sample::select(vec!['"', '\\', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}', 'a', ' ', 'é', '—']),
            ],
            0..40,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    fn opt<T: std::fmt::Debug + Clone>(
        s: impl Strategy<Value = T>,
    ) -> impl Strategy<Value = Option<T>> {
        proptest::option::of(s)
    }

    fn entity() -> impl Strategy<Value = Entity> {
        (text(), proptest::collection::vec(text(), 0..3), any::<u32>())
            .prop_map(|(name, forms, count)| Entity { name, forms, count })
    }

    fn place() -> impl Strategy<Value = Place> {
        (text(), opt(text()), opt(any::<f64>()), opt(-180.0f64..180.0), opt(any::<u32>())).prop_map(
            |(name, country, lat, lon, geonames_id)| Place {
                name,
                forms: vec!["U.S.".into()],
                count: 2,
                country,
                lat,
                lon,
                geonames_id,
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn records_are_written_as_serde_json_writes_them(
            text in text(),
            title in opt(text()),
            url in opt(text()),
            path in opt(text()),
            line in opt(any::<u64>()),
            confidence in prop_oneof![any::<f64>(), 0.0f64..1.0],
            detected in any::<bool>(),
            counts in any::<(u32, u32, u32, u32, u32)>(),
            persons in proptest::collection::vec(entity(), 0..3),
            locations in proptest::collection::vec(place(), 0..3),
            quotes in proptest::collection::vec((text(), opt(text())), 0..3),
            keywords in proptest::collection::vec(text(), 0..4),
            extra in proptest::collection::btree_map(text(), text(), 0..3),
            duplicate in opt((text(), any::<f64>())),
            authors in proptest::collection::vec(text(), 0..3),
            dateline in opt((text(), opt(text()), opt(any::<f64>()), opt(any::<u32>()))),
        ) {
            let a = Article {
                schema: SCHEMA_VERSION,
                id: ArticleId(text.clone()),
                source: Origin { name: "stdin".into(), path, line, offset: Some(40) },
                url,
                published: None,
                author: Some("A \"B\"".into()),
                credits: authors.iter().map(|n| Credit { role: "editing".into(), name: n.clone() }).collect(),
                authors,
                received_at: "2026-11-30T01:02:03.456Z".into(),
                title,
                dateline: dateline.map(|(text, name, lat, geonames_id)| Dateline {
                    place: text.to_uppercase(),
                    text,
                    name,
                    country: Some("IR".into()),
                    lat,
                    lon: Some(51.42),
                    geonames_id,
                    date: Some("Dec 6".into()),
                    agency: None,
                }),
                text: text.clone(),
                extraction: None,
                lang: detected.then(|| Lang { code: "en".into(), confidence, detected }),
                counts: Counts { paragraphs: counts.0, sentences: counts.1, words: counts.2, chars: counts.3, invalid_utf8: counts.4 },
                fingerprint: Fingerprint { exact: "ab".into(), minhash: url_like(&text), signature: None, shingles: 3 },
                entities: Entities { persons: persons.clone(), organizations: persons, locations },
                quotes: quotes.into_iter().map(|(text, speaker)| Quote { text, speaker }).collect(),
                keywords: keywords.clone(),
                tags: keywords,
                meta: extra.into_iter().map(|(k, v)| (k, Value::from(v))).collect(),
                duplicate_of: duplicate.as_ref().map(|d| ArticleId(d.0.clone())),
                similarity: duplicate.map(|d| d.1),
            };
            prop_assert_eq!(a.to_json(), serde_json::to_string(&a).unwrap());
        }
    }

    fn url_like(text: &str) -> Option<String> {
        (!text.is_empty()).then(|| text.chars().rev().collect())
    }
}
