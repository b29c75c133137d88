//! WARC 1.0 / 1.1 (ISO 28500): web archives as crawlers write them. Records are read one at
//! a time from a stream, so memory stays bounded whatever the archive's size: a record's
//! payload is read only when it may be an article and is not larger than `max_bytes`,
//! otherwise it is skipped over unread.
//!
//! A `response` record holding an HTTP response with a 2xx status and an HTML payload (or a
//! `resource` record of HTML) is an article: the HTML is its body, `WARC-Target-URI` its URL,
//! `WARC-Date` (the fetch date), `WARC-Record-ID` and the HTTP status under `meta`. Chunked
//! transfer encoding and gzip/deflate content encoding are decoded (decoded size capped by
//! `max_bytes`). Other records (`warcinfo`, `request`, `metadata`, `revisit`, non-HTML and
//! non-2xx responses...) are skipped and counted per reason.
//!
//! A `.warc.gz` (one gzip member per record, as Common Crawl publishes them, or one for the
//! whole file) is decompressed by the framer before it gets here: offsets are then offsets
//! in the decompressed stream.

use std::io::{self, BufRead, Read};

use copydesk_core::{Body, DeadLetter, Format, InputMeta, Origin, RawArticle, now_rfc3339};
use serde_json::Value;

use super::{Parsed, RAW_LIMIT, Skip};

/// Longest header line, and largest header block, of a record or an HTTP response.
const MAX_LINE: usize = 64 << 10;
const MAX_HEADER: usize = 1 << 20;

/// A record's header fields, names as written.
#[derive(Debug, Default)]
pub(crate) struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    /// A field by name, case-insensitive.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }
}

/// What the reader found next in the stream.
#[derive(Debug)]
pub(crate) enum Next {
    /// A record whose payload was read (or, when `payload` is `None`, skipped unread).
    Record { header: Header, payload: Option<Vec<u8>>, length: u64 },
    /// Something that is not a record, or a broken one: the reason and the bytes that
    /// show it. The reader has moved on to the next record header.
    Bad { reason: String, raw: Vec<u8> },
}

/// Reads WARC records from a stream, counting offsets.
#[derive(Debug)]
pub(crate) struct Reader {
    max_bytes: usize,
    /// Byte offset of the next unread byte.
    pub(crate) offset: u64,
    /// Records (or broken stretches) read so far.
    pub(crate) records: u64,
    /// A record header line read while resynchronizing, to be used next.
    pending: Option<Vec<u8>>,
}

impl Reader {
    /// A reader that reads payloads of at most `max_bytes`.
    pub(crate) fn new(max_bytes: usize) -> Reader {
        Reader { max_bytes, offset: 0, records: 0, pending: None }
    }

    /// Reads one line (with its end), at most [`MAX_LINE`] bytes kept; empty at the end.
    fn line<R: BufRead>(&mut self, r: &mut R) -> io::Result<Vec<u8>> {
        if let Some(l) = self.pending.take() {
            return Ok(l);
        }
        let mut line = Vec::new();
        let n = r.by_ref().take(MAX_LINE as u64).read_until(b'\n', &mut line)?;
        self.offset += n as u64;
        Ok(line)
    }

    /// The next record, with its starting offset; `None` at the end of the stream.
    ///
    /// `want` says, from its header, whether a record's payload is to be read.
    pub(crate) fn next<R: BufRead>(
        &mut self,
        r: &mut R,
        want: impl Fn(&Header) -> bool,
    ) -> io::Result<Option<(u64, Next)>> {
        // Blank lines between records (each record ends with CRLF CRLF).
        let (start, first) = loop {
            let start = self.offset - self.pending.as_ref().map_or(0, |l| l.len() as u64);
            let line = self.line(r)?;
            if line.is_empty() {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break (start, line);
            }
        };
        self.records += 1;
        if !is_version_line(&first) {
            let reason = "not a WARC record: a record starts with a version line (WARC/1.0, WARC/1.1; WARC/0.17 or WARC/0.18 from the drafts)";
            return self.resync(r, start, first, reason.to_owned());
        }
        let mut header = Header::default();
        let mut size = first.len();
        loop {
            let line = self.line(r)?;
            size += line.len();
            if line.is_empty() {
                return Ok(Some((start, bad("the stream ends inside a record header", &first))));
            }
            if size > MAX_HEADER {
                return self.resync(r, start, first, "a record header over 1 MiB".to_owned());
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if text.starts_with([' ', '\t'])
                && let Some((_, v)) = header.fields.last_mut()
            {
                v.push(' ');
                v.push_str(text.trim());
            } else if let Some((k, v)) = text.split_once(':') {
                header.fields.push((k.trim().to_owned(), v.trim().to_owned()));
            }
        }
        let Some(length) = header.get("Content-Length").and_then(|l| l.parse::<u64>().ok()) else {
            let reason = "a WARC record without a valid Content-Length".to_owned();
            return self.resync(r, start, first, reason);
        };
        let read = want(&header) && length <= self.max_bytes as u64;
        let mut payload = Vec::new();
        let got = if read {
            payload.reserve(length as usize);
            r.by_ref().take(length).read_to_end(&mut payload)? as u64
        } else {
            io::copy(&mut r.by_ref().take(length), &mut io::sink())?
        };
        self.offset += got;
        if got < length {
            let reason = format!(
                "a truncated WARC record: Content-Length {length}, the stream ends after {got} bytes"
            );
            return Ok(Some((start, bad(&reason, &payload))));
        }
        let payload = read.then_some(payload);
        Ok(Some((start, Next::Record { header, payload, length })))
    }

    /// Skips to the next line that starts a record, and reports what was skipped.
    fn resync<R: BufRead>(
        &mut self,
        r: &mut R,
        start: u64,
        first: Vec<u8>,
        reason: String,
    ) -> io::Result<Option<(u64, Next)>> {
        loop {
            let line = self.line(r)?;
            if line.is_empty() {
                break;
            }
            if is_version_line(&line) {
                self.pending = Some(line);
                break;
            }
        }
        Ok(Some((start, bad(&reason, &first))))
    }
}

/// Whether `line` (or the start of a stream) is a WARC version line: `WARC/` and a digit, so the
/// drafts' `WARC/0.17` and `WARC/0.18`, which Heritrix wrote for years and whose records have
/// the same layout, are read like `WARC/1.0` and `WARC/1.1`.
pub(crate) fn is_version_line(line: &[u8]) -> bool {
    line.strip_prefix(b"WARC/").is_some_and(|v| v.first().is_some_and(u8::is_ascii_digit))
}

fn bad(reason: &str, raw: &[u8]) -> Next {
    Next::Bad { reason: reason.to_owned(), raw: raw[..raw.len().min(RAW_LIMIT)].to_vec() }
}

/// Whether a record's payload is worth reading: responses and resources.
pub(crate) fn wanted(h: &Header) -> bool {
    matches!(h.get("WARC-Type"), Some("response" | "resource"))
}

/// What a record read by [`Reader::next`] is: an article (or a dead letter), or a skip.
pub(crate) fn to_article(next: Next, origin: Origin, length_limit: usize) -> Parsed {
    let (header, payload, length) = match next {
        Next::Bad { reason, raw } => {
            let letter = DeadLetter::new("ingest", reason, origin, &raw, None);
            return Parsed::Item(Err(Box::new(letter)));
        }
        Next::Record { header, payload, length } => (header, payload, length),
    };
    let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let skip = match kind.as_str() {
        "response" | "resource" => None,
        "request" => Some(Skip::WarcRequest),
        "metadata" => Some(Skip::WarcMetadata),
        "warcinfo" => Some(Skip::WarcInfo),
        "revisit" => Some(Skip::WarcRevisit),
        _ => Some(Skip::WarcOther),
    };
    if let Some(s) = skip {
        return Parsed::Skip(s);
    }
    let record_type = header.get("Content-Type").unwrap_or("").to_ascii_lowercase();
    let id = header.get("WARC-Record-ID").map(str::to_owned);
    let dead = |reason: String, raw: &[u8]| {
        let raw = &raw[..raw.len().min(RAW_LIMIT)];
        Parsed::Item(Err(Box::new(DeadLetter::new("ingest", reason, origin.clone(), raw, None))))
    };
    let is_http = record_type.starts_with("application/http");
    if kind == "response" && !is_http {
        // dns:, whois: and other non-HTTP responses.
        return Parsed::Skip(Skip::WarcNotHtml);
    }
    let Some(payload) = payload else {
        return dead(
            format!("the WARC record is {length} bytes, over the limit of {length_limit} bytes"),
            b"",
        );
    };
    let (status, content_type, body) = if is_http {
        match http_response(&payload, length_limit) {
            Ok(r) => r,
            Err(reason) => return dead(reason, &payload),
        }
    } else {
        (200, record_type.clone(), payload)
    };
    if !(200..300).contains(&status) {
        return Parsed::Skip(Skip::WarcStatus);
    }
    let html_type = content_type.contains("html");
    let html = html_type || content_type.is_empty() && copydesk_core::looks_like_html(&body);
    if !html {
        return Parsed::Skip(Skip::WarcNotHtml);
    }
    let mut meta = InputMeta {
        url: header.get("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned()),
        ..InputMeta::default()
    };
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            meta.extra.insert(k.to_owned(), Value::String(v.to_owned()));
        }
    };
    put("warc_record_id", id.as_deref());
    put("warc_date", header.get("WARC-Date"));
    put("warc_type", Some(&kind));
    if is_http {
        meta.extra.insert("http_status".to_owned(), Value::from(status));
    }
    Parsed::Item(Ok(RawArticle {
        body: Body::Bytes(body),
        format: Format::Html,
        origin,
        received_at: now_rfc3339(),
        meta,
    }))
}

/// An HTTP response's status, content type (lower case) and body, transfer and content
/// encodings decoded.
fn http_response(payload: &[u8], limit: usize) -> Result<(u16, String, Vec<u8>), String> {
    let head_end = memchr::memmem::find(payload, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(payload, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_len, body_start)) = head_end else {
        return Err("an HTTP response without the blank line that ends its headers".to_owned());
    };
    let head = String::from_utf8_lossy(&payload[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| status_line.starts_with("HTTP/"))
        .ok_or_else(|| format!("not an HTTP status line: {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        .collect();
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let content_type = get("content-type").unwrap_or("").to_owned();
    let mut body = payload[body_start..].to_vec();
    if get("transfer-encoding").is_some_and(|t| t.contains("chunked"))
        && let Some(plain) = dechunk(&body)
    {
        body = plain;
    }
    match get("content-encoding").unwrap_or("identity") {
        "" | "identity" | "none" => {}
        "gzip" | "x-gzip" => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        "deflate" => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), limit))?;
        }
        other => return Err(format!("an HTTP body in an unsupported content encoding: {other}")),
    }
    Ok((status, content_type, body))
}

/// Decompresses, refusing more than `limit` bytes (a decompression bomb).
fn inflate(mut r: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("a compressed HTTP body that does not decompress: {e}"))?;
    if out.len() > limit {
        return Err(format!("the HTTP body decompresses to over the limit of {limit} bytes"));
    }
    Ok(out)
}

/// Decodes a chunked body; `None` when it is not (crawlers often store it decoded).
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    loop {
        let eol = memchr::memmem::find(&b[i..], b"\r\n")? + i;
        let size_text = std::str::from_utf8(&b[i..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        i = eol + 2;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(i..i + size)?);
        i += size + 2;
        if i >= b.len() {
            return Some(out);
        }
    }
}

/// Every item of a WARC stream, skips counted in `skipped` (for tests and small inputs; the
/// framer reads records one at a time).
#[cfg(test)]
pub(crate) fn read_all(
    mut r: impl BufRead,
    max_bytes: usize,
    skipped: &mut super::Skipped,
) -> io::Result<Vec<copydesk_core::Item<RawArticle>>> {
    let mut reader = Reader::new(max_bytes);
    let mut out = Vec::new();
    while let Some((offset, next)) = reader.next(&mut r, wanted)? {
        let origin = Origin {
            name: "test".to_owned(),
            path: None,
            line: Some(reader.records),
            offset: Some(offset),
        };
        match to_article(next, origin, max_bytes) {
            Parsed::Item(i) => out.push(i),
            Parsed::Skip(s) => skipped.add(s),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Skipped;

    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
             WARC-Date: 2026-12-06T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        r.extend_from_slice(body);
        r
    }

    /// A response record of an HTTP response.
    fn response(uri: &str, status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        record("response", uri, "application/http;msgtype=response", &http(status, headers, body))
    }

    const PAGE: &[u8] = b"<html><head><title>T</title></head><body><p>Story.</p></body></html>";

    #[test]
    fn html_responses_become_articles_and_the_rest_is_counted() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, PAGE).unwrap();
        let gzipped = gz.finish().unwrap();
        let chunked = b"f\r\n<html><body><p>\r\n12\r\nChunked story.</p>\r\n0\r\n\r\n";
        let mut warc = Vec::new();
        warc.extend(record("warcinfo", "", "application/warc-fields", b"software: test\r\n"));
        warc.extend(record(
            "request",
            "https://a.example/1",
            "application/http;msgtype=request",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        warc.extend(response(
            "https://a.example/1",
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            PAGE,
        ));
        warc.extend(record(
            "metadata",
            "https://a.example/1",
            "application/warc-fields",
            b"x: y\r\n",
        ));
        warc.extend(response(
            "https://a.example/logo.png",
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG",
        ));
        warc.extend(response("https://a.example/old", "301 Moved", "Location: /new\r\n", b""));
        warc.extend(record(
            "revisit",
            "https://a.example/1",
            "application/http;msgtype=response",
            b"",
        ));
        warc.extend(response(
            "https://a.example/gz",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gzipped,
        ));
        warc.extend(response(
            "https://a.example/chunked",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            chunked,
        ));
        let mut skipped = Skipped::default();
        let items = read_all(&warc[..], 1 << 20, &mut skipped).unwrap();
        let articles: Vec<RawArticle> = items.into_iter().map(Result::unwrap).collect();
        assert_eq!(articles.len(), 3);
        assert_eq!(articles[0].meta.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(&*articles[0].body, PAGE);
        assert_eq!(articles[0].format, Format::Html);
        assert_eq!(articles[0].meta.extra["warc_date"], "2026-12-06T10:00:00Z");
        assert_eq!(articles[0].meta.extra["http_status"], 200);
        assert_eq!(articles[0].origin.line, Some(3));
        let offset = articles[0].origin.offset.unwrap() as usize;
        assert!(warc[offset..].starts_with(b"WARC/1.1\r\nWARC-Type: response"));
        assert_eq!(&*articles[1].body, PAGE);
        assert_eq!(&*articles[2].body, b"<html><body><p>Chunked story.</p>".as_slice());
        assert_eq!(skipped.get(Skip::WarcInfo), 1);
        assert_eq!(skipped.get(Skip::WarcRequest), 1);
        assert_eq!(skipped.get(Skip::WarcMetadata), 1);
        assert_eq!(skipped.get(Skip::WarcNotHtml), 1);
        assert_eq!(skipped.get(Skip::WarcStatus), 1);
        assert_eq!(skipped.get(Skip::WarcRevisit), 1);
    }

    #[test]
    fn oversized_bombs_and_garbage_are_dead_letters_and_reading_goes_on() {
        let big = vec![b'x'; 5000];
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut bomb, &vec![b' '; 1 << 20]).unwrap();
        let bomb = bomb.finish().unwrap();
        let mut warc = Vec::new();
        warc.extend(b"garbage before\r\nmore garbage\r\n");
        warc.extend(response(
            "https://a.example/big",
            "200 OK",
            "Content-Type: text/html\r\n",
            &big,
        ));
        warc.extend(response(
            "https://a.example/bomb",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &bomb,
        ));
        warc.extend(response(
            "https://a.example/ok",
            "200 OK",
            "Content-Type: text/html\r\n",
            PAGE,
        ));
        warc.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\ncut short");
        let mut skipped = Skipped::default();
        let items = read_all(&warc[..], 4096, &mut skipped).unwrap();
        let reasons: Vec<String> = items
            .iter()
            .map(|i| match i {
                Ok(a) => format!("ok {}", a.meta.url.as_deref().unwrap_or("")),
                Err(d) => d.reason.clone(),
            })
            .collect();
        assert_eq!(reasons.len(), 5, "{reasons:?}");
        assert!(reasons[0].starts_with("not a WARC record"), "{reasons:?}");
        assert!(reasons[1].contains("over the limit of 4096 bytes"), "{reasons:?}");
        assert!(reasons[2].contains("decompresses to over the limit"), "{reasons:?}");
        assert_eq!(reasons[3], "ok https://a.example/ok");
        assert!(reasons[4].starts_with("a truncated WARC record"), "{reasons:?}");
        let first = items[0].as_ref().unwrap_err();
        assert_eq!(first.source.offset, Some(0));
    }

    #[test]
    fn chunked_bodies_decode_and_plain_ones_are_left_alone() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
    }
}
