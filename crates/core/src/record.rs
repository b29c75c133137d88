//! The records: what a source produces ([`RawArticle`]), what the pipeline writes
//! ([`Article`]), and what it writes instead when an input is refused ([`DeadLetter`]).

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Version of the output record layout (`"schema"` in every record). Adding a field keeps the
/// version; renaming, removing or changing the meaning of one bumps it.
pub const SCHEMA_VERSION: u32 = 1;

/// A stable article id: the input's own id when it has one, otherwise the hex xxh3-128 hash of
/// the normalized text (so the same article gets the same id in every run).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The content-derived id of a normalized text.
    pub fn from_text(text: &str) -> ArticleId {
        ArticleId(content_hash(text))
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Hex xxh3-128 of a text: the exact fingerprint, and the id of articles without one.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// Where an input came from: enough to find it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Name of the source (`stdin`, or the name given in the configuration).
    pub name: String,
    /// File the input was read from, when there was one.
    pub path: Option<String>,
    /// 1-based line (or record) number within the stream or file.
    pub line: Option<u64>,
    /// Byte offset of the input's first byte within the stream or file.
    pub offset: Option<u64>,
}

/// How a raw body is to be read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Not known: normalize sniffs HTML, otherwise plain text.
    #[default]
    Auto,
    /// Plain text, one paragraph per line (or blank-line separated blocks).
    Text,
    /// An HTML page or fragment.
    Html,
    /// One JSON object (an NDJSON line) still to be decoded into body and metadata: sources
    /// only frame, so that parsing runs on the worker pool (`copydesk_ingest::decode`).
    Json,
}

/// Metadata an input carried with it (an NDJSON object's fields other than the body).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputMeta {
    /// The input's own article id.
    pub id: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication time as given.
    pub published: Option<String>,
    /// Author (byline) as given.
    pub author: Option<String>,
    /// Dateline as given (NITF `<dateline>`, a feed's or format's own field), to be parsed.
    pub dateline: Option<String>,
    /// Language as given (ISO 639-1 preferred).
    pub lang: Option<String>,
    /// Every other field, preserved as it came.
    pub extra: Map<String, Value>,
}

/// An input's body: bytes as received, or text a decoder has already made (the body field of
/// a JSON input, which the JSON parser checked to be UTF-8: normalize need not check it
/// again). Reads as bytes either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// As received; may be invalid UTF-8.
    Bytes(Vec<u8>),
    /// Known to be text.
    Text(String),
}

impl Body {
    /// The body as text, when it is known to be text (without checking).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Body::Bytes(_) => None,
            Body::Text(s) => Some(s),
        }
    }

    /// The body as a `String`: text as it is, bytes checked for UTF-8 (the error gives them
    /// back).
    pub fn into_string(self) -> Result<String, std::string::FromUtf8Error> {
        match self {
            Body::Bytes(b) => String::from_utf8(b),
            Body::Text(s) => Ok(s),
        }
    }
}

impl std::ops::Deref for Body {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Body::Bytes(b) => b,
            Body::Text(s) => s.as_bytes(),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(b: Vec<u8>) -> Body {
        Body::Bytes(b)
    }
}

/// An input as a source produced it: bytes plus where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct RawArticle {
    /// The body: bytes as received (may be invalid UTF-8), or text a decoder made.
    pub body: Body,
    /// How to read the body.
    pub format: Format,
    /// Where it came from.
    pub origin: Origin,
    /// When copydesk received it (RFC 3339, UTC).
    pub received_at: String,
    /// Metadata carried by the input.
    pub meta: InputMeta,
}

impl RawArticle {
    /// A plain input with no metadata, received now.
    pub fn new(body: impl Into<Vec<u8>>, origin: Origin) -> RawArticle {
        RawArticle {
            body: Body::Bytes(body.into()),
            format: Format::Auto,
            origin,
            received_at: now_rfc3339(),
            meta: InputMeta::default(),
        }
    }
}

/// Language of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lang {
    /// ISO 639-1 code (`en`), or ISO 639-3 when the language has no two-letter code.
    pub code: String,
    /// 0..1; 1 when the input's metadata gave the language.
    pub confidence: f64,
    /// False when the input's metadata gave the language.
    pub detected: bool,
}

/// Sizes of the normalized article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Paragraphs (lines of `text`).
    pub paragraphs: u32,
    /// Sentences (Unicode UAX #29 sentence boundaries).
    pub sentences: u32,
    /// Words (UAX #29 words that contain a letter or digit).
    pub words: u32,
    /// Unicode scalar values in `text`.
    pub chars: u32,
    /// Invalid UTF-8 sequences in the input that were replaced by U+FFFD.
    pub invalid_utf8: u32,
}

/// Content fingerprints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Hex xxh3-128 of the normalized text: equal texts, equal hashes.
    pub exact: String,
    /// `signature` as 64 hex digits, the lowest 4 bits of each bin ("b-bit minwise
    /// hashing"): for users' own comparisons, the Jaccard similarity of two texts is about
    /// `(equal digits / 64 - 1/16) / (15/16)`; null with `--passthrough`.
    pub minhash: Option<String>,
    /// One-permutation MinHash of the text's word 3-shingles (64 bins), used to find
    /// near-duplicates and estimate their similarity; not written to the record.
    #[serde(skip)]
    pub signature: Option<Box<[u32; MINHASH_BINS]>>,
    /// Number of shingles the MinHash was computed from (sizes turn a Jaccard estimate into
    /// a containment estimate); not written to the record.
    #[serde(skip)]
    pub shingles: u32,
}

/// Bins of the MinHash signature.
pub const MINHASH_BINS: usize = 64;

/// Estimated Jaccard similarity of two MinHash signatures: the share of equal bins.
pub fn minhash_similarity(a: &[u32; MINHASH_BINS], b: &[u32; MINHASH_BINS]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / MINHASH_BINS as f64
}

/// People, organizations and places named in an article, each once, in order of first
/// mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// Named people.
    pub persons: Vec<Entity>,
    /// Named organizations (companies, agencies, parties, media, armed groups...).
    pub organizations: Vec<Entity>,
    /// Named places, with their country and, where known, coordinates.
    pub locations: Vec<Place>,
}

/// A person or organization named in an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the fullest form in the article, titles left out.
    pub name: String,
    /// The other surface forms that refer to it (`President Rashid`, `Rashid`).
    pub forms: Vec<String>,
    /// Mentions in the article (every form).
    pub count: u32,
}

/// A place named in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical name: the fullest form in the article.
    pub name: String,
    /// The other surface forms that refer to it (`U.S.`, `Hunan province`).
    pub forms: Vec<String>,
    /// Mentions in the article (every form).
    pub count: u32,
    /// ISO 3166-1 alpha-2 code of the country it is in (its own for a country); null for
    /// places that span several countries or when unknown.
    pub country: Option<String>,
    /// Latitude (WGS 84), when known.
    pub lat: Option<f64>,
    /// Longitude (WGS 84), when known.
    pub lon: Option<f64>,
    /// GeoNames id, when known.
    pub geonames_id: Option<u32>,
}

/// A direct quotation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words between the quotation marks (one paragraph of a multi-paragraph quote).
    pub text: String,
    /// Canonical name of the person or organization credited with it; null when the article
    /// does not say, or does not say unambiguously.
    pub speaker: Option<String>,
}

/// A person named in a credit line, with the role the line gives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// What they did, lower case as the line says it: `reporting`, `additional reporting`,
    /// `writing`, `editing`, `contributing`, ...
    pub role: String,
    /// Their name as written.
    pub name: String,
}

/// A dateline: where (and when, and through which agency) a story was filed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as written, separator left out (`TEHRAN, Dec 6 (Reuters)`).
    pub text: String,
    /// The place as written (`TEHRAN`, `AL-AIN, United Arab Emirates`).
    pub place: String,
    /// The place's canonical name, resolved like the article's other places (`Tehran`).
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 code of the place's country, when known.
    pub country: Option<String>,
    /// Latitude (WGS 84), when known.
    pub lat: Option<f64>,
    /// Longitude (WGS 84), when known.
    pub lon: Option<f64>,
    /// GeoNames id, when known.
    pub geonames_id: Option<u32>,
    /// The date as written (`Dec 6`, `1996-12-06`), when the dateline has one.
    pub date: Option<String>,
    /// The news agency the dateline names (`Reuters`, `AP`, `PRNewswire`), when it names one.
    pub agency: Option<String>,
}

/// Where an HTML input's text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extraction {
    /// The element chosen as the article.
    Article,
    /// A fallback (weaker settings, or the page's densest text block): the article element
    /// yielded no text.
    Fallback,
}

/// The output record: one per article. Field order here is the order in the JSON output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Record layout version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Stable id.
    pub id: ArticleId,
    /// Where the input came from.
    pub source: Origin,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Publication time as the input (or its HTML page) gave it.
    pub published: Option<String>,
    /// Author (byline) as the input (or its HTML page) gave it.
    pub author: Option<String>,
    /// The article's authors, one name each: from a byline in the text (`By Jane Doe and John
    /// Roe`), else from the input's author field, else the reporters of its credit line.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Everyone a credit line names (`(Reporting by X; Editing by Y)`, `X contributed to this
    /// report`), in order, with their role.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// When copydesk received the input (RFC 3339, UTC).
    pub received_at: String,
    /// Headline, from metadata or the HTML page; never invented.
    pub title: Option<String>,
    /// The wire dateline that opened the text (`TEHRAN, Dec 6 (Reuters) -`) or that the input
    /// gave, taken out of the text.
    #[serde(default)]
    pub dateline: Option<Dateline>,
    /// Normalized body: paragraphs separated by `\n`.
    pub text: String,
    /// For HTML inputs, where the text came from; `None` for other inputs.
    pub extraction: Option<Extraction>,
    /// Language of the text.
    pub lang: Option<Lang>,
    /// Sizes.
    pub counts: Counts,
    /// Fingerprints.
    pub fingerprint: Fingerprint,
    /// People, organizations and places the article names.
    pub entities: Entities,
    /// Direct quotations, in text order, with their speakers.
    pub quotes: Vec<Quote>,
    /// The most characteristic words and phrases, best first.
    pub keywords: Vec<String>,
    /// Tags from the user's rules, sorted.
    pub tags: Vec<String>,
    /// The input's other fields, preserved.
    pub meta: Map<String, Value>,
    /// Id of an earlier article (within the duplicate window) that this one duplicates,
    /// exactly or nearly. Last in the record, so that it can be set after serialization.
    pub duplicate_of: Option<ArticleId>,
    /// Estimated similarity to `duplicate_of` (share of equal MinHash bins; 1 for exact).
    pub similarity: Option<f64>,
}

/// The closing bytes of every serialized [`Article`] that is not a duplicate.
pub const NOT_DUPLICATE_SUFFIX: &str = ",\"duplicate_of\":null,\"similarity\":null}";

/// An article with its serialized JSON record, made on the worker pool so that sinks only
/// write bytes (the JSONL sink writes `json`; a store keeps it as the full record).
///
/// A record is *whole* ([`Record::new`]) or *lean* ([`Record::lean`]): a lean record keeps
/// only the fields that the steps after the workers read besides the JSON (the duplicate
/// check, `--echo`, a broker's subject), and frees the rest on the worker that made them.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The article, whole or lean ([`Record::article`]).
    article: Article,
    /// `article` as one line of JSON, without the newline.
    pub json: String,
    lean: bool,
}

impl Record {
    /// Marks the record as a duplicate of `of`, in the article and in its JSON (whose last
    /// fields are `duplicate_of` and `similarity`).
    pub fn set_duplicate(&mut self, of: ArticleId, similarity: f64) {
        if self.json.ends_with(NOT_DUPLICATE_SUFFIX) {
            // In place: the record is most of the article's bytes, no need to copy it.
            self.json.truncate(self.json.len() - NOT_DUPLICATE_SUFFIX.len());
            let sim = (similarity * 1000.0).round() / 1000.0;
            self.json.push_str(",\"duplicate_of\":");
            crate::json::write_str(&mut self.json, &of.0);
            // Writing to a String cannot fail.
            _ = write!(self.json, ",\"similarity\":{sim}}}");
        }
        self.article.duplicate_of = Some(of);
        self.article.similarity = Some(similarity);
    }

    /// Serializes `article` ([`Article::to_json`]: every article serializes) and keeps it
    /// whole.
    pub fn new(article: Article) -> Record {
        let json = article.to_json();
        Record { article, json, lean: false }
    }

    /// Serializes `article` and keeps only its id, source, title, language, counts, exact
    /// hash, MinHash signature and shingle count (and the duplicate verdict, set later); the
    /// text, entities, quotes, keywords, tags, metadata and the other strings are freed here.
    ///
    /// For pipelines whose sinks read the JSON only. Freeing an article's parts on the thread
    /// that allocated them is cheaper than on a sink's: the allocator hands a block freed
    /// elsewhere back to its owner through a queue, and the owner's next use of it misses its
    /// cache (the default pipeline took 12 % less CPU time with lean records).
    pub fn lean(article: Article) -> Record {
        let json = article.to_json();
        let Article {
            schema,
            id,
            source,
            title,
            extraction,
            lang,
            counts,
            fingerprint: Fingerprint { exact, signature, shingles, .. },
            duplicate_of,
            similarity,
            ..
        } = article;
        let article = Article {
            schema,
            id,
            source,
            url: None,
            published: None,
            author: None,
            authors: Vec::new(),
            credits: Vec::new(),
            received_at: String::new(),
            title,
            dateline: None,
            text: String::new(),
            extraction,
            lang,
            counts,
            fingerprint: Fingerprint { exact, minhash: None, signature, shingles },
            entities: Entities::default(),
            quotes: Vec::new(),
            keywords: Vec::new(),
            tags: Vec::new(),
            meta: Map::new(),
            duplicate_of,
            similarity,
        };
        Record { article, json, lean: true }
    }

    /// The article. Of a lean record ([`Record::lean`]) only the fields it keeps are set,
    /// the others are empty: read them from [`Record::json`] or [`Record::whole`].
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// Whether the record is lean ([`Record::lean`]).
    pub fn is_lean(&self) -> bool {
        self.lean
    }

    /// The whole article: the record's own, or for a lean record, read back from its JSON.
    /// The JSON does not hold the MinHash signature and shingle count, and holds the
    /// similarity rounded: those three are copied over from the lean record.
    ///
    /// # Errors
    /// Never for a JSON made by [`Record::lean`]; the error is the JSON parser's.
    pub fn whole(&self) -> Result<std::borrow::Cow<'_, Article>, serde_json::Error> {
        if !self.lean {
            return Ok(std::borrow::Cow::Borrowed(&self.article));
        }
        let mut a: Article = serde_json::from_str(&self.json)?;
        a.fingerprint.signature.clone_from(&self.article.fingerprint.signature);
        a.fingerprint.shingles = self.article.fingerprint.shingles;
        a.similarity = self.article.similarity;
        Ok(std::borrow::Cow::Owned(a))
    }
}

/// A refused input, written to the dead-letter output instead of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeadLetter {
    /// Record layout version ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Why it was refused.
    pub reason: String,
    /// The stage that refused it (`ingest`, `normalize`, `tag`).
    pub stage: String,
    /// Where it came from.
    pub source: Origin,
    /// The input's id, when it had one.
    pub id: Option<String>,
    /// When copydesk received it.
    pub received_at: String,
    /// The input as received (invalid UTF-8 replaced by U+FFFD).
    pub raw: String,
}

impl DeadLetter {
    /// A dead letter for `raw` from `origin`, refused by `stage` for `reason`.
    pub fn new(
        stage: &str,
        reason: impl Into<String>,
        origin: Origin,
        raw: &[u8],
        id: Option<String>,
    ) -> DeadLetter {
        DeadLetter {
            schema: SCHEMA_VERSION,
            reason: reason.into(),
            stage: stage.to_owned(),
            source: origin,
            id,
            received_at: now_rfc3339(),
            raw: String::from_utf8_lossy(raw).into_owned(),
        }
    }
}

/// The current time as RFC 3339 UTC with millisecond precision (`2026-11-29T17:28:43.123Z`).
///
/// Called once per input: the formatted string is cached per thread and reused within the
/// same millisecond (a source stamps thousands of inputs per millisecond).
pub fn now_rfc3339() -> String {
    thread_local! {
        static LAST: std::cell::RefCell<(i128, String)> = const {
            std::cell::RefCell::new((i128::MIN, String::new()))
        };
    }
    let now = time::OffsetDateTime::now_utc();
    let ms = now.unix_timestamp_nanos() / 1_000_000;
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != ms {
            let fmt = time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
            );
            last.1 = now.format(&fmt).unwrap_or_default();
            last.0 = ms;
        }
        last.1.clone()
    })
}

/// True when the bytes start like an HTML document or fragment.
pub fn looks_like_html(head: &[u8]) -> bool {
    let start = head.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(head.len());
    let head = &head[start..];
    let n = head.len().min(64);
    let lower: Vec<u8> = head[..n].to_ascii_lowercase();
    const STARTS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<!--",
        b"<meta",
        b"<article",
        b"<div",
        b"<p>",
        b"<p ",
        b"<h1",
        b"<section",
        b"<main",
        b"<title",
        b"<?xml",
    ];
    STARTS.iter().any(|s| lower.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_are_stable_hex() {
        let a = ArticleId::from_text("Hello");
        assert_eq!(a, ArticleId::from_text("Hello"));
        assert_eq!(a.0.len(), 32);
        assert_ne!(a, ArticleId::from_text("Hello."));
    }

    proptest::proptest! {
        #[test]
        fn articles_round_trip_through_json(
            text in "\\PC{1,80}",
            title in proptest::option::of("\\PC{0,20}"),
            words in 0u32..100_000,
            keywords in proptest::collection::vec("\\PC{1,10}", 0..4),
            extra in proptest::collection::btree_map("[a-z]{1,6}", "\\PC{0,8}", 0..4),
        ) {
            let a = Article {
                schema: SCHEMA_VERSION,
                id: ArticleId::from_text(&text),
                source: Origin { name: "stdin".into(), path: None, line: Some(3), offset: Some(40) },
                url: None,
                published: Some("2026-11-29".into()),
                author: None,
                authors: vec!["Jane Doe".into()],
                credits: vec![Credit { role: "editing".into(), name: "John Roe".into() }],
                received_at: now_rfc3339(),
                title,
                dateline: Some(Dateline { text: "PERTH (AAP)".into(), place: "PERTH".into(), name: Some("Perth".into()), agency: Some("AAP".into()), ..Dateline::default() }),
                fingerprint: Fingerprint { exact: content_hash(&text), minhash: Some("0".repeat(64)), signature: None, shingles: 0 },
                text,
                extraction: Some(Extraction::Fallback),
                lang: Some(Lang { code: "en".into(), confidence: 0.5, detected: true }),
                counts: Counts { words, ..Counts::default() },
                entities: Entities {
                    persons: vec![Entity { name: "Abdul Latif Rashid".into(), forms: vec!["Rashid".into()], count: 2 }],
                    organizations: vec![],
                    locations: vec![Place { name: "Perth".into(), forms: vec![], count: 1, country: Some("AU".into()), lat: Some(-31.9522), lon: Some(115.8614), geonames_id: Some(2063523) }],
                },
                quotes: vec![Quote { text: "Yes,".into(), speaker: None }],
                keywords,
                tags: vec!["t".into()],
                meta: extra.into_iter().map(|(k, v)| (k, Value::from(v))).collect(),
                duplicate_of: None,
                similarity: None,
            };
            let json = serde_json::to_string(&a).unwrap();
            proptest::prop_assert!(json.ends_with(NOT_DUPLICATE_SUFFIX));
            let back: Article = serde_json::from_str(&json).unwrap();
            proptest::prop_assert_eq!(&back, &a);
            let mut signed = a.clone();
            signed.fingerprint.signature = Some(Box::new([words; MINHASH_BINS]));
            signed.fingerprint.shingles = words;
            let mut rec = Record::new(a);
            rec.set_duplicate(ArticleId("earlier \"one\"".into()), 0.91234);
            let back: Article = serde_json::from_str(&rec.json).unwrap();
            proptest::prop_assert_eq!(back.duplicate_of, Some(ArticleId("earlier \"one\"".into())));
            proptest::prop_assert_eq!(back.similarity, Some(0.912));

            // A lean record: the same JSON; the fields it keeps; the whole article back.
            let mut lean = Record::lean(signed.clone());
            proptest::prop_assert!(lean.is_lean() && !rec.is_lean());
            proptest::prop_assert_eq!(&lean.json, &signed.to_json());
            let kept = lean.article();
            proptest::prop_assert_eq!(&kept.id, &signed.id);
            proptest::prop_assert_eq!(&kept.source, &signed.source);
            proptest::prop_assert_eq!(&kept.title, &signed.title);
            proptest::prop_assert_eq!(&kept.lang, &signed.lang);
            proptest::prop_assert_eq!(kept.counts, signed.counts);
            proptest::prop_assert_eq!(&kept.fingerprint.exact, &signed.fingerprint.exact);
            proptest::prop_assert_eq!(&kept.fingerprint.signature, &signed.fingerprint.signature);
            proptest::prop_assert_eq!(kept.fingerprint.shingles, words);
            proptest::prop_assert!(kept.text.is_empty() && kept.keywords.is_empty() && kept.meta.is_empty());
            proptest::prop_assert_eq!(lean.whole().unwrap().into_owned(), signed.clone());
            lean.set_duplicate(ArticleId("earlier".into()), 0.91234);
            signed.duplicate_of = Some(ArticleId("earlier".into()));
            signed.similarity = Some(0.91234);
            proptest::prop_assert_eq!(lean.whole().unwrap().into_owned(), signed);
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc_millis() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 24, "{t}");
        assert!(t.ends_with('Z'));
    }
}
