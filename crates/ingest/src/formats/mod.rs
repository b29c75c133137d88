//! The delivered formats: one module per format, each a pure parser from a document's bytes to
//! raw articles (or dead letters, with the position of what was wrong).
//!
//! - [`feed`]: RSS 2.0 (and 0.9x), Atom 1.0, RSS 1.0 (RDF): one article per item;
//! - [`nitf`]: NITF 3.x documents;
//! - [`newsml`]: IPTC NewsML-G2 `newsItem`s, alone or in a `newsMessage`;
//! - [`ninjs`]: IPTC ninjs 1.x and 2.0 JSON objects;
//! - [`warc`]: WARC 1.0/1.1 records, read one at a time from a stream.
//!
//! The framer ([`crate::Framer`]) detects the format and hands the articles out one by one.

pub(crate) mod feed;
pub(crate) mod newsml;
pub(crate) mod ninjs;
pub(crate) mod nitf;
pub(crate) mod warc;
pub(crate) mod xml;

use copydesk_core::{Body, DeadLetter, Format, InputMeta, Item, Origin, RawArticle, now_rfc3339};
use serde_json::Value;

/// Why an input was read and deliberately not made an article: counted per reason in the
/// run's summary and metrics (`copydesk_source_skipped_total{reason}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Skip {
    /// A WARC `request` record.
    WarcRequest,
    /// A WARC `metadata` record.
    WarcMetadata,
    /// A WARC `warcinfo` record.
    WarcInfo,
    /// A WARC `revisit` record (a capture identical to an earlier one).
    WarcRevisit,
    /// Another WARC record type (`resource`, `conversion`, `continuation`).
    WarcOther,
    /// A WARC response whose payload is not HTML (images, scripts, PDFs, DNS...).
    WarcNotHtml,
    /// A WARC HTTP response whose status is not 2xx (redirects, errors).
    WarcStatus,
    /// A NewsML-G2 item that is not a news item (`packageItem`, `conceptItem`...).
    NewsmlNotNews,
}

impl Skip {
    /// Every reason, in the order of [`Skipped`]'s counts.
    pub const ALL: [Skip; 8] = [
        Skip::WarcRequest,
        Skip::WarcMetadata,
        Skip::WarcInfo,
        Skip::WarcRevisit,
        Skip::WarcOther,
        Skip::WarcNotHtml,
        Skip::WarcStatus,
        Skip::NewsmlNotNews,
    ];

    /// The reason's name, as the summary and the metrics' `reason` label write it.
    pub fn name(self) -> &'static str {
        match self {
            Skip::WarcRequest => "warc-request",
            Skip::WarcMetadata => "warc-metadata",
            Skip::WarcInfo => "warc-warcinfo",
            Skip::WarcRevisit => "warc-revisit",
            Skip::WarcOther => "warc-other-record",
            Skip::WarcNotHtml => "warc-not-html",
            Skip::WarcStatus => "warc-http-status",
            Skip::NewsmlNotNews => "newsml-not-news-item",
        }
    }

    fn index(self) -> usize {
        Skip::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Counts of skipped inputs, per [`Skip`] reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Skipped(pub [u64; Skip::ALL.len()]);

impl Skipped {
    /// Counts one skip.
    pub fn add(&mut self, why: Skip) {
        self.0[why.index()] += 1;
    }

    /// The count of one reason.
    pub fn get(&self, why: Skip) -> u64 {
        self.0[why.index()]
    }

    /// All skips.
    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    /// The reasons with a count, in [`Skip::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Skip, u64)> + '_ {
        Skip::ALL.into_iter().map(|s| (s, self.get(s))).filter(|(_, n)| *n > 0)
    }
}

impl std::ops::AddAssign for Skipped {
    fn add_assign(&mut self, o: Skipped) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a += b;
        }
    }
}

/// What a parser makes of one item: an article (or a dead letter), or a skip.
// Short-lived: each is moved at once into the framer's queue or counted; boxing the article
// would cost an allocation per article for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Parsed {
    Item(Item<RawArticle>),
    Skip(Skip),
}

/// The most raw bytes a dead letter of a document keeps.
pub(crate) const RAW_LIMIT: usize = 64 << 10;

/// Fields an item maps to, before it becomes a raw article.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    pub(crate) meta: InputMeta,
    /// The body, and whether it is HTML.
    pub(crate) body: Option<(String, bool)>,
}

impl Fields {
    /// Sets a metadata string when `v` has text (trimmed).
    pub(crate) fn extra(&mut self, key: &str, v: Option<String>) {
        if let Some(v) = v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
            self.meta.extra.insert(key.to_owned(), Value::String(v));
        }
    }

    /// Sets a metadata list when `vs` is not empty (duplicates dropped, order kept).
    pub(crate) fn extra_list(&mut self, key: &str, vs: impl IntoIterator<Item = String>) {
        let mut seen = Vec::new();
        for v in vs {
            let v = v.trim().to_owned();
            if !v.is_empty() && !seen.contains(&v) {
                seen.push(v);
            }
        }
        if !seen.is_empty() {
            self.meta.extra.insert(key.to_owned(), Value::from(seen));
        }
    }

    /// The body, unless one is set already.
    pub(crate) fn body(&mut self, text: Option<String>, html: bool) {
        if self.body.is_none()
            && let Some(t) = text.filter(|t| !t.trim().is_empty())
        {
            self.body = Some((t, html));
        }
    }

    /// The raw article, or a dead letter when the item has no text.
    pub(crate) fn into_item(self, what: &str, origin: Origin, raw: &[u8]) -> Item<RawArticle> {
        let Fields { meta, body } = self;
        let Some((text, html)) = body else {
            let reason = format!("no text: the {what} has no body");
            let raw = &raw[..raw.len().min(RAW_LIMIT)];
            return Err(Box::new(DeadLetter::new("ingest", reason, origin, raw, meta.id)));
        };
        let format = if html { Format::Html } else { Format::Text };
        Ok(RawArticle { body: Body::Text(text), format, origin, received_at: now_rfc3339(), meta })
    }
}

/// Trims and drops empty strings.
pub(crate) fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// Several authors as one string, `A, B, C` (the normalize stage splits it).
pub(crate) fn join_authors(names: impl IntoIterator<Item = String>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        if !n.is_empty() && !seen.contains(&n) {
            seen.push(n);
        }
    }
    (!seen.is_empty()).then(|| seen.join(", "))
}

/// Whether a feed's text holds HTML markup (an element or an entity-escaped one).
pub(crate) fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
}

/// An RFC 822 date (RSS `pubDate`: `Sat, 06 Dec 2026 09:30:00 +0100`, `GMT`, `EST`...) as
/// RFC 3339 (`2026-12-06T09:30:00+01:00`); `None` when it does not parse.
pub(crate) fn rfc822_to_rfc3339(s: &str) -> Option<String> {
    let s = s.trim();
    // The day name is optional.
    let s = match s.split_once(',') {
        Some((_, rest)) => rest.trim(),
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let year: u32 = match parts.next()?.parse::<u32>().ok()? {
        y @ 0..=49 => 2000 + y,
        y @ 50..=99 => 1900 + y,
        y => y,
    };
    let time = parts.next()?;
    let mut hms = time.split(':').map(|p| p.parse::<u32>().ok());
    let (h, m) = (hms.next()??, hms.next()??);
    let sec = hms.next().flatten().unwrap_or(0);
    let zone = match parts.next().unwrap_or("GMT") {
        "GMT" | "UT" | "UTC" | "Z" | "z" => "Z".to_owned(),
        "EST" => "-05:00".to_owned(),
        "EDT" => "-04:00".to_owned(),
        "CST" => "-06:00".to_owned(),
        "CDT" => "-05:00".to_owned(),
        "MST" => "-07:00".to_owned(),
        "MDT" => "-06:00".to_owned(),
        "PST" => "-08:00".to_owned(),
        "PDT" => "-07:00".to_owned(),
        z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
            if !z[1..].bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if &z[1..] == "0000" { "Z".to_owned() } else { format!("{}:{}", &z[..3], &z[3..]) }
        }
        _ => return None,
    };
    if !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{sec:02}{zone}"))
}

/// An ISO 8601 date in basic or extended form (NITF `norm` attributes: `20261206T093000Z`,
/// `20261206T093000+0100`, `20261206`) as RFC 3339; an extended one is returned as it is.
pub(crate) fn iso_basic_to_rfc3339(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() >= 10 && s.as_bytes()[4] == b'-' {
        return Some(s.to_owned());
    }
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d = format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..8]);
    if time.is_empty() {
        return Some(d);
    }
    let digits: String = time.chars().take_while(char::is_ascii_digit).collect();
    let zone = &time[digits.len()..];
    if digits.len() < 4 {
        return None;
    }
    let sec = if digits.len() >= 6 { &digits[4..6] } else { "00" };
    let zone = match zone {
        "" | "Z" => "Z".to_owned(),
        z if z.len() == 5 && &z[1..] == "0000" => "Z".to_owned(),
        z if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
        z if z.len() == 6 && z.as_bytes()[3] == b':' => z.to_owned(),
        _ => return None,
    };
    Some(format!("{d}T{}:{}:{sec}{zone}", &digits[..2], &digits[2..4]))
}

/// The XML formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum XmlKind {
    Feed,
    Nitf,
    NewsMl,
}

/// Parses an XML document of `kind` into its articles (in document order), then a dead
/// letter for the error that ended it early, if any. Items the error cut short are left to
/// that dead letter.
pub(crate) fn parse_xml(bytes: &[u8], kind: XmlKind, origin: &Origin) -> Vec<Parsed> {
    let text = decode_xml(bytes);
    let doc = xml::parse(&text);
    let mut out = match &doc.root {
        Some(root) => {
            let ctx = Ctx::new(&text, origin);
            match kind {
                XmlKind::Feed => feed::parse(root, &ctx),
                XmlKind::Nitf => nitf::parse(root, &ctx),
                XmlKind::NewsMl => newsml::parse(root, &ctx),
            }
        }
        None if doc.error.is_none() => {
            let letter = DeadLetter::new(
                "ingest",
                "no XML element in the document",
                origin.clone(),
                &bytes[..bytes.len().min(RAW_LIMIT)],
                None,
            );
            vec![Parsed::Item(Err(Box::new(letter)))]
        }
        None => Vec::new(),
    };
    if let Some(err) = doc.error {
        let ctx = Ctx::new(&text, origin);
        let from = floor_boundary(&text, err.offset.saturating_sub(2048));
        let to = floor_boundary(&text, (err.offset + 2048).min(text.len()));
        let letter = DeadLetter::new(
            "ingest",
            err.to_string(),
            ctx.at(err.offset),
            text[from..to].as_bytes(),
            None,
        );
        out.push(Parsed::Item(Err(Box::new(letter))));
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A document being mapped: its text (for positions and raw bytes of dead letters) and the
/// origin of the whole document.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) origin: &'a Origin,
    /// Byte offsets of the document's line ends, so that an item's line is found by a binary
    /// search: counting newlines from the start for every item made a 15 MB feed of 9,400
    /// items quadratic (1.5 s of framing, most of it counting).
    newlines: Vec<usize>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str, origin: &'a Origin) -> Ctx<'a> {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        Ctx { text, origin, newlines }
    }

    /// The origin of what starts at byte `offset` of the document.
    pub(crate) fn at(&self, offset: usize) -> Origin {
        let line = self.newlines.partition_point(|&n| n < offset) as u64 + 1;
        Origin {
            line: Some(self.origin.line.unwrap_or(1) + line - 1),
            offset: Some(self.origin.offset.unwrap_or(0) + offset as u64),
            ..self.origin.clone()
        }
    }

    /// The source text of an element (for a dead letter).
    pub(crate) fn raw(&self, e: &xml::Element) -> &[u8] {
        let end = floor_boundary(self.text, e.end.min(self.text.len()));
        let start = floor_boundary(self.text, e.start.min(end));
        &self.text.as_bytes()[start..end]
    }

    /// A dead letter for a document whose root is not what the format expects.
    pub(crate) fn wrong_root(&self, root: &xml::Element, expected: &str) -> Vec<Parsed> {
        let reason = format!("expected {expected}, got a <{}> document", root.name);
        let raw = self.raw(root);
        let letter = DeadLetter::new(
            "ingest",
            reason,
            self.at(root.start),
            &raw[..raw.len().min(RAW_LIMIT)],
            None,
        );
        vec![Parsed::Item(Err(Box::new(letter)))]
    }
}

/// The document as text: UTF-8 (invalid sequences replaced), or ISO-8859-1 / windows-1252
/// when its XML declaration says so.
fn decode_xml(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let head = &bytes[..bytes.len().min(200)];
    let decl_end = memchr::memmem::find(head, b"?>").unwrap_or(0);
    let decl = head[..decl_end].to_ascii_lowercase();
    let single_byte = [&b"iso-8859-1"[..], b"latin-1", b"latin1", b"windows-1252", b"cp1252"]
        .iter()
        .any(|enc| memchr::memmem::find(&decl, enc).is_some());
    if !single_byte || std::str::from_utf8(bytes).is_ok() && bytes.is_ascii() {
        return String::from_utf8_lossy(bytes);
    }
    bytes.iter().map(|&b| cp1252(b)).collect::<String>().into()
}

/// A windows-1252 byte as a character (ISO-8859-1 outside 0x80..0x9F).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        b => b as char,
    }
}

/// An item's id, url, title, published, author, dateline and lang, for tests to compare in
/// one line.
#[cfg(test)]
pub(crate) fn core_fields(m: &InputMeta) -> [Option<&str>; 7] {
    [
        m.id.as_deref(),
        m.url.as_deref(),
        m.title.as_deref(),
        m.published.as_deref(),
        m.author.as_deref(),
        m.dateline.as_deref(),
        m.lang.as_deref(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_dates_become_rfc3339() {
        let cases = [
            ("Sat, 06 Dec 2026 09:30:00 +0100", Some("2026-12-06T09:30:00+01:00")),
            ("6 Dec 2026 09:30 GMT", Some("2026-12-06T09:30:00Z")),
            ("Mon, 01 Jan 01 23:59:59 EST", Some("2001-01-01T23:59:59-05:00")),
            ("Tue, 10 Jun 2003 04:00:00 +0000", Some("2003-06-10T04:00:00Z")),
            ("yesterday", None),
            ("Sat, 06 Foo 2026 09:30:00 GMT", None),
        ];
        for (given, want) in cases {
            assert_eq!(rfc822_to_rfc3339(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn iso_basic_dates_become_rfc3339() {
        assert_eq!(
            iso_basic_to_rfc3339("20261206T093000Z").as_deref(),
            Some("2026-12-06T09:30:00Z")
        );
        assert_eq!(
            iso_basic_to_rfc3339("20261206T0930+0330").as_deref(),
            Some("2026-12-06T09:30:00+03:30")
        );
        assert_eq!(iso_basic_to_rfc3339("20261206").as_deref(), Some("2026-12-06"));
        assert_eq!(
            iso_basic_to_rfc3339("2026-12-06T09:30:00Z").as_deref(),
            Some("2026-12-06T09:30:00Z")
        );
        assert_eq!(iso_basic_to_rfc3339("Dec 6"), None);
    }

    #[test]
    fn authors_are_joined_once_each() {
        assert_eq!(
            join_authors(["Jane  Doe".into(), "John Roe".into(), "Jane Doe".into()]).as_deref(),
            Some("Jane Doe, John Roe")
        );
        assert_eq!(join_authors(Vec::<String>::new()), None);
    }

    #[test]
    fn skips_are_counted_per_reason() {
        let mut s = Skipped::default();
        s.add(Skip::WarcRequest);
        s.add(Skip::WarcRequest);
        s.add(Skip::WarcNotHtml);
        assert_eq!(s.total(), 3);
        assert_eq!(s.iter().collect::<Vec<_>>(), [(Skip::WarcRequest, 2), (Skip::WarcNotHtml, 1)]);
    }
}
