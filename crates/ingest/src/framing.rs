//! Framing and format detection: how a byte stream becomes inputs.
//!
//! The format is sniffed from the first non-blank bytes of the stream ([`sniff`]): `{` is
//! NDJSON (one JSON object per line; a JSON object spread over several lines is a JSON
//! document), RS (0x1E) a JSON text sequence (RFC 7464), `[` a JSON array of objects, an XML
//! root element a news format (RSS, Atom, RDF, NITF, NewsML-G2), `WARC/1.0` (or an older draft's `WARC/0.18`) a WARC archive, an
//! HTML tag an HTML page, anything else plain text. A gzip stream is decompressed first and
//! its content sniffed. Plain text is one input by default; a [`Split`] cuts it into many.
//! Everything here is synchronous and pure over a `BufRead`, so it is tested without a
//! runtime.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use copydesk_core::{
    Body, DeadLetter, Format, InputMeta, Item, Origin, RawArticle, looks_like_html, now_rfc3339,
};
use serde_json::Value;

use crate::formats::{Parsed, Skipped, XmlKind, ninjs, parse_xml, warc};

/// How plain text is cut into articles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// The whole input is one article.
    #[default]
    None,
    /// Every non-blank line is an article.
    Line,
    /// Articles are separated by blank lines.
    Blank,
    /// Articles are separated by NUL bytes.
    Nul,
    /// Articles are separated by ASCII record separators (0x1E).
    Rs,
}

/// The input format: detected, or forced by the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// Sniff from the first bytes.
    #[default]
    Auto,
    /// One JSON object per line.
    Ndjson,
    /// RFC 7464 JSON text sequences.
    JsonSeq,
    /// One JSON array of objects.
    JsonArray,
    /// One HTML page (or several, with a split).
    Html,
    /// Plain text.
    Text,
    /// An RSS 2.0, Atom 1.0 or RSS 1.0 (RDF) feed: one article per item.
    Feed,
    /// A NITF 3.x document.
    Nitf,
    /// IPTC NewsML-G2: a `newsItem`, or a `newsMessage` of several.
    NewsMl,
    /// IPTC ninjs JSON objects (NDJSON, or one pretty-printed document).
    Ninjs,
    /// A WARC archive: one article per HTML response record.
    Warc,
}

impl Split {
    /// The names `FromStr` accepts, as the command line and the configuration write them.
    pub const NAMES: [&'static str; 5] = ["none", "line", "blank", "nul", "rs"];
}

impl std::str::FromStr for Split {
    type Err = String;

    fn from_str(s: &str) -> Result<Split, String> {
        Ok(match s {
            "none" => Split::None,
            "line" => Split::Line,
            "blank" => Split::Blank,
            "nul" => Split::Nul,
            "rs" => Split::Rs,
            _ => {
                return Err(format!(
                    "unknown split {s:?}: expected one of {}",
                    Split::NAMES.join(", ")
                ));
            }
        })
    }
}

impl InputFormat {
    /// The names `FromStr` accepts, as the command line and the configuration write them.
    pub const NAMES: [&'static str; 11] = [
        "auto", "ndjson", "json-seq", "json", "html", "text", "feed", "nitf", "newsml", "ninjs",
        "warc",
    ];
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<InputFormat, String> {
        Ok(match s {
            "auto" => InputFormat::Auto,
            "ndjson" => InputFormat::Ndjson,
            "json-seq" => InputFormat::JsonSeq,
            "json" => InputFormat::JsonArray,
            "html" => InputFormat::Html,
            "text" => InputFormat::Text,
            "feed" => InputFormat::Feed,
            "nitf" => InputFormat::Nitf,
            "newsml" => InputFormat::NewsMl,
            "ninjs" => InputFormat::Ninjs,
            "warc" => InputFormat::Warc,
            _ => {
                return Err(format!(
                    "unknown format {s:?}: expected one of {}",
                    InputFormat::NAMES.join(", ")
                ));
            }
        })
    }
}

/// Settings of a framer.
#[derive(Clone, Debug)]
pub struct FramingConfig {
    /// Name of the source, for [`Origin::name`].
    pub source: String,
    /// Path of the file being read, if any.
    pub path: Option<String>,
    /// Format, or `Auto` to sniff.
    pub format: InputFormat,
    /// How plain text (and HTML) is cut.
    pub split: Split,
    /// Largest input accepted, in bytes; larger ones become dead letters.
    pub max_bytes: usize,
    /// Hand JSON records over undecoded ([`Format::Json`]) for [`decode`] to parse elsewhere
    /// (on the worker pool), instead of parsing them while framing.
    pub defer_json: bool,
}

impl Default for FramingConfig {
    fn default() -> FramingConfig {
        FramingConfig {
            source: "stdin".to_owned(),
            path: None,
            format: InputFormat::Auto,
            split: Split::None,
            max_bytes: 16 << 20,
            defer_json: false,
        }
    }
}

/// The most raw bytes a dead letter keeps of an oversized input.
const DEAD_LETTER_RAW_LIMIT: usize = 64 << 10;

/// Cuts a byte stream into inputs. An iterator of `io::Result<Item<RawArticle>>`: I/O errors
/// end the stream; bad inputs are dead letters and the stream goes on.
#[derive(Debug)]
pub struct Framer<R> {
    reader: Input<R>,
    cfg: FramingConfig,
    mode: Option<InputFormat>,
    /// JSON objects are read as ninjs whatever their fields (`--format ninjs`).
    force_ninjs: bool,
    /// Whether the first bytes were looked at for a gzip header.
    started: bool,
    /// Articles of a document already parsed (a feed's items, a news message's items).
    ready: VecDeque<Item<RawArticle>>,
    /// The WARC record reader, in WARC mode.
    warc: Option<warc::Reader>,
    /// Inputs read and deliberately not made articles, per reason.
    skipped: Skipped,
    /// Byte offset of the next unread byte.
    offset: u64,
    /// 1-based number of the next line (or record).
    line: u64,
    /// Elements of a JSON array input, still to hand out.
    pending: std::vec::IntoIter<(u64, Value)>,
    done: bool,
    buf: Vec<u8>,
}

impl<R: BufRead> Framer<R> {
    /// A framer over `reader`.
    pub fn new(reader: R, cfg: FramingConfig) -> Framer<R> {
        let mode = match cfg.format {
            InputFormat::Auto | InputFormat::Ninjs => None,
            f => Some(f),
        };
        Framer {
            reader: Input::Plain(reader),
            force_ninjs: cfg.format == InputFormat::Ninjs,
            cfg,
            mode,
            started: false,
            ready: VecDeque::new(),
            warc: None,
            skipped: Skipped::default(),
            offset: 0,
            line: 1,
            pending: Vec::new().into_iter(),
            done: false,
            buf: Vec::new(),
        }
    }

    /// The number of bytes consumed so far (of the decompressed stream, for gzip input).
    pub fn bytes_read(&self) -> u64 {
        self.offset
    }

    /// Inputs read and deliberately not made articles so far (WARC records that are not HTML
    /// responses, NewsML-G2 items that are not news items), per reason.
    pub fn skipped(&self) -> Skipped {
        self.skipped
    }
}

/// The stream a framer reads: as given, or decompressed when it starts with a gzip header.
#[derive(Debug)]
enum Input<R> {
    Plain(R),
    Gz(Box<io::BufReader<flate2::bufread::MultiGzDecoder<R>>>),
    /// Only while switching from one to the other.
    Gone,
}

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::Plain(r) => r.read(buf),
            Input::Gz(r) => r.read(buf),
            Input::Gone => Ok(0),
        }
    }
}

impl<R: BufRead> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Input::Plain(r) => r.fill_buf(),
            Input::Gz(r) => r.fill_buf(),
            Input::Gone => Ok(&[]),
        }
    }

    fn consume(&mut self, n: usize) {
        match self {
            Input::Plain(r) => r.consume(n),
            Input::Gz(r) => r.consume(n),
            Input::Gone => {}
        }
    }
}

impl<R: std::io::Read> Framer<std::io::BufReader<R>> {
    /// True when the next input can be framed from what is already buffered, without a read
    /// that may block: then the batch can wait for it; otherwise it is handed over first (a
    /// producer that wrote half a line and paused must not hold back the lines before it).
    pub fn next_is_buffered(&self) -> bool {
        let buf = match &self.reader {
            Input::Plain(r) => r.buffer(),
            Input::Gz(r) => r.buffer(),
            Input::Gone => &[],
        };
        if self.pending.len() > 0 || !self.ready.is_empty() {
            return true;
        }
        let delim = match (self.mode, self.cfg.split) {
            (Some(InputFormat::Ndjson), _) => b'\n',
            (Some(InputFormat::JsonSeq), _) => 0x1E,
            (Some(InputFormat::Text | InputFormat::Html | InputFormat::Auto), Split::Line) => b'\n',
            (Some(InputFormat::Text | InputFormat::Html | InputFormat::Auto), Split::Nul) => 0,
            (Some(InputFormat::Text | InputFormat::Html | InputFormat::Auto), Split::Rs) => 0x1E,
            (Some(InputFormat::Text | InputFormat::Html | InputFormat::Auto), Split::Blank) => {
                return memchr::memmem::find(buf, b"\n\n").is_some();
            }
            // Whole-input modes, or the format is not known yet: reading is all that is left.
            _ => return false,
        };
        memchr::memchr(delim, buf).is_some()
    }
}

impl<R: BufRead> Framer<R> {
    fn origin(&self, line: u64, offset: u64) -> Origin {
        Origin {
            name: self.cfg.source.clone(),
            path: self.cfg.path.clone(),
            line: Some(line),
            offset: Some(offset),
        }
    }

    fn detect(&mut self) -> io::Result<InputFormat> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(InputFormat::Text);
            }
            // Skip a byte-order mark and leading blanks, keeping count of lines and offsets.
            let skip = if buf.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                buf.iter().take_while(|b| b.is_ascii_whitespace()).count()
            };
            if skip == 0 {
                return Ok(sniff(buf));
            }
            self.line += buf[..skip].iter().filter(|b| **b == b'\n').count() as u64;
            self.offset += skip as u64;
            self.reader.consume(skip);
        }
    }

    /// Reads up to (and consumes) the next `delim`, keeping at most `max_bytes + 1` bytes in
    /// `self.buf`. Returns the number of bytes consumed (0 at end of input).
    fn read_record(&mut self, delim: Option<u8>) -> io::Result<usize> {
        self.buf.clear();
        let cap = self.cfg.max_bytes.saturating_add(1);
        let mut consumed = 0;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(consumed);
            }
            let (take, found) = match delim.and_then(|d| memchr::memchr(d, chunk)) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = cap.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..take.min(room)]);
            self.reader.consume(take);
            consumed += take;
            if found {
                return Ok(consumed);
            }
        }
    }

    /// The next record when it lies whole in the reader's buffer and is within the size
    /// limit: its bytes without the surrounding whitespace and separators, copied once (not
    /// gathered into `buf` first), its length with the delimiter, and the lines it spans.
    /// `None` otherwise: [`Framer::read_record`] gathers it.
    fn buffered_record(&mut self, delim: u8) -> io::Result<Option<(Vec<u8>, usize, u64)>> {
        let max = self.cfg.max_bytes;
        let chunk = match self.reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(None),
            Err(e) => return Err(e),
        };
        let Some(end) = memchr::memchr(delim, chunk) else { return Ok(None) };
        let n = end + 1;
        if n > max {
            return Ok(None);
        }
        let raw = &chunk[..n];
        let lines = if delim == b'\n' { 1 } else { bytecount_newlines(raw) };
        let rec = trim_ascii(raw, RECORD_JUNK).to_vec();
        self.reader.consume(n);
        Ok(Some((rec, n, lines)))
    }

    fn oversized(&self, consumed: usize) -> bool {
        consumed > self.cfg.max_bytes
    }

    fn too_big(&self, consumed: usize, line: u64, offset: u64) -> Item<RawArticle> {
        let raw = &self.buf[..self.buf.len().min(DEAD_LETTER_RAW_LIMIT)];
        Err(Box::new(DeadLetter::new(
            "ingest",
            format!(
                "input is {consumed} bytes, over the limit of {} bytes (raw truncated)",
                self.cfg.max_bytes
            ),
            self.origin(line, offset),
            raw,
            None,
        )))
    }

    /// Swaps in a gzip decoder when the stream starts with a gzip header.
    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        let head = self.reader.fill_buf()?;
        if head.starts_with(&[0x1F, 0x8B]) {
            let Input::Plain(r) = std::mem::replace(&mut self.reader, Input::Gone) else {
                return Ok(());
            };
            let gz = flate2::bufread::MultiGzDecoder::new(r);
            self.reader = Input::Gz(Box::new(io::BufReader::with_capacity(256 << 10, gz)));
        }
        Ok(())
    }

    /// Reads the rest of the input into `buf`, at most `max_bytes + 1` bytes of it (never
    /// more: a decompression bomb is not inflated further). Returns the bytes read.
    fn read_whole(&mut self) -> io::Result<usize> {
        self.buf.clear();
        let cap = self.cfg.max_bytes as u64 + 1;
        let n = (&mut self.reader).take(cap).read_to_end(&mut self.buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// The articles of a whole XML document.
    fn next_xml(&mut self, kind: XmlKind) -> io::Result<Option<Item<RawArticle>>> {
        self.done = true;
        let (line, offset) = (self.line, self.offset);
        let n = self.read_whole()?;
        if self.oversized(n) {
            return Ok(Some(self.too_big_whole(line, offset)));
        }
        let origin = self.origin(line, offset);
        for parsed in parse_xml(&self.buf, kind, &origin) {
            match parsed {
                Parsed::Item(item) => self.ready.push_back(item),
                Parsed::Skip(why) => self.skipped.add(why),
            }
        }
        self.buf = Vec::new();
        Ok(self.ready.pop_front())
    }

    /// The next article of a WARC stream: records are read until one is an article (or a
    /// dead letter); the others are counted as skipped.
    fn next_warc(&mut self) -> io::Result<Option<Item<RawArticle>>> {
        let max = self.cfg.max_bytes;
        let reader = self.warc.get_or_insert_with(|| warc::Reader::new(max));
        reader.offset = self.offset;
        loop {
            let Some((start, next)) = reader.next(&mut self.reader, warc::wanted)? else {
                self.offset = reader.offset;
                self.done = true;
                return Ok(None);
            };
            let origin = Origin {
                name: self.cfg.source.clone(),
                path: self.cfg.path.clone(),
                line: Some(reader.records),
                offset: Some(start),
            };
            match warc::to_article(next, origin, max) {
                Parsed::Item(item) => {
                    self.offset = reader.offset;
                    return Ok(Some(item));
                }
                Parsed::Skip(why) => self.skipped.add(why),
            }
        }
    }

    fn too_big_whole(&self, line: u64, offset: u64) -> Item<RawArticle> {
        let raw = &self.buf[..self.buf.len().min(DEAD_LETTER_RAW_LIMIT)];
        Err(Box::new(DeadLetter::new(
            "ingest",
            format!("input is over the limit of {} bytes (raw truncated)", self.cfg.max_bytes),
            self.origin(line, offset),
            raw,
            None,
        )))
    }

    fn next_item(&mut self) -> io::Result<Option<Item<RawArticle>>> {
        if let Some(item) = self.ready.pop_front() {
            return Ok(Some(item));
        }
        if let Some((line, v)) = self.pending.next() {
            let origin = self.origin(line, 0);
            return Ok(Some(from_json_value(v, origin, b"", self.force_ninjs)));
        }
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.start()?;
        }
        let mode = match self.mode {
            Some(m) => m,
            None => {
                let m = self.detect()?;
                self.mode = Some(m);
                m
            }
        };
        match mode {
            InputFormat::Feed => self.next_xml(XmlKind::Feed),
            InputFormat::Nitf => self.next_xml(XmlKind::Nitf),
            InputFormat::NewsMl => self.next_xml(XmlKind::NewsMl),
            InputFormat::Warc => self.next_warc(),
            InputFormat::Ndjson | InputFormat::JsonSeq | InputFormat::Ninjs => {
                let delim = if mode == InputFormat::JsonSeq { 0x1E } else { b'\n' };
                loop {
                    let (line, offset) = (self.line, self.offset);
                    let defer = self.cfg.defer_json && !self.force_ninjs;
                    if defer && let Some((rec, n, lines)) = self.buffered_record(delim)? {
                        self.offset += n as u64;
                        self.line += lines;
                        if rec.is_empty() {
                            continue;
                        }
                        let mut raw = RawArticle::new(rec, self.origin(line, offset));
                        raw.format = Format::Json;
                        return Ok(Some(Ok(raw)));
                    }
                    let n = self.read_record(Some(delim))?;
                    if n == 0 {
                        self.done = true;
                        return Ok(None);
                    }
                    self.offset += n as u64;
                    self.line += if mode == InputFormat::JsonSeq {
                        bytecount_newlines(&self.buf)
                    } else {
                        1
                    };
                    if self.oversized(n) {
                        return Ok(Some(self.too_big(n, line, offset)));
                    }
                    let rec = trim_ascii(&self.buf, RECORD_JUNK);
                    if rec.is_empty() {
                        continue;
                    }
                    let origin = self.origin(line, offset);
                    if defer {
                        let mut raw = RawArticle::new(rec.to_vec(), origin);
                        raw.format = Format::Json;
                        return Ok(Some(Ok(raw)));
                    }
                    return Ok(Some(parse_json(rec, origin, self.force_ninjs)));
                }
            }
            InputFormat::JsonArray => {
                self.done = true;
                let (line, offset) = (self.line, self.offset);
                let n = self.read_whole()?;
                if self.oversized(n) {
                    return Ok(Some(self.too_big_whole(line, offset)));
                }
                // An array of objects, or objects (pretty-printed) one after another.
                let mut values = Vec::new();
                let mut stream = serde_json::Deserializer::from_slice(&self.buf).into_iter();
                let mut error = None;
                loop {
                    match stream.next() {
                        Some(Ok(Value::Array(items))) => values.extend(items),
                        Some(Ok(v)) => values.push(v),
                        Some(Err(e)) => {
                            error = Some(e);
                            break;
                        }
                        None => break,
                    }
                }
                // Sniffed as one object over several lines, but not one: its first line was
                // an NDJSON record cut short. Every line is then a record of its own, so a bad
                // first line never costs the good ones after it.
                let sniffed_object = self.cfg.format == InputFormat::Auto
                    && trim_start(&self.buf).first() == Some(&b'{');
                if error.is_some() && values.is_empty() && sniffed_object {
                    let buf = std::mem::take(&mut self.buf);
                    let mut at = 0usize;
                    for (k, l) in buf.split(|&b| b == b'\n').enumerate() {
                        let rec = trim_ascii(l, RECORD_JUNK);
                        if !rec.is_empty() {
                            let origin = self.origin(line + k as u64, offset + at as u64);
                            self.ready.push_back(parse_json(rec, origin, self.force_ninjs));
                        }
                        at += l.len() + 1;
                    }
                    return self.next_item();
                }
                self.pending = values
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (i as u64 + 1, v))
                    .collect::<Vec<_>>()
                    .into_iter();
                if let Some(e) = error {
                    let letter = DeadLetter::new(
                        "ingest",
                        format!("invalid JSON: {e}"),
                        self.origin(line + e.line() as u64 - 1, offset),
                        &self.buf[..self.buf.len().min(DEAD_LETTER_RAW_LIMIT)],
                        None,
                    );
                    // After the values read before the error.
                    let mut rest: Vec<Item<RawArticle>> = Vec::new();
                    while let Some((l, v)) = self.pending.next() {
                        rest.push(from_json_value(v, self.origin(l, 0), b"", self.force_ninjs));
                    }
                    self.ready.extend(rest);
                    self.ready.push_back(Err(Box::new(letter)));
                }
                self.buf = Vec::new();
                self.next_item()
            }
            InputFormat::Html | InputFormat::Text | InputFormat::Auto => {
                let format = match mode {
                    InputFormat::Html => Format::Html,
                    InputFormat::Text => Format::Text,
                    _ => Format::Auto,
                };
                self.next_text(format)
            }
        }
    }

    fn next_text(&mut self, format: Format) -> io::Result<Option<Item<RawArticle>>> {
        loop {
            let (line, offset) = (self.line, self.offset);
            let n = match self.cfg.split {
                Split::None => {
                    self.done = true;
                    self.read_record(None)?
                }
                Split::Line => self.read_record(Some(b'\n'))?,
                Split::Nul => self.read_record(Some(0))?,
                Split::Rs => self.read_record(Some(0x1E))?,
                Split::Blank => self.read_block()?,
            };
            if n == 0 {
                self.done = true;
                return Ok(None);
            }
            self.offset += n as u64;
            let newlines = bytecount_newlines(&self.buf);
            self.line += if self.cfg.split == Split::Line { 1 } else { newlines };
            if self.oversized(n) {
                return Ok(Some(self.too_big(n, line, offset)));
            }
            let body = trim_ascii(&self.buf, &[b'\n', b'\r', b' ', b'\t', 0, 0x1E]);
            if body.is_empty() {
                if self.done {
                    return Ok(None);
                }
                continue;
            }
            // Report where the text itself starts, past leading blank lines.
            let lead = self.buf.len() - trim_start(&self.buf).len();
            let lead_lines = bytecount_newlines(&self.buf[..lead]);
            let mut raw = RawArticle::new(body.to_vec(), self.origin(line + lead_lines, offset));
            raw.format = format;
            return Ok(Some(Ok(raw)));
        }
    }

    /// Reads lines up to and including the next blank line (a paragraph block).
    fn read_block(&mut self) -> io::Result<usize> {
        let mut block = Vec::new();
        let mut consumed = 0;
        let mut seen_text = false;
        loop {
            let n = self.read_record(Some(b'\n'))?;
            if n == 0 {
                break;
            }
            consumed += n;
            let blank = self.buf.iter().all(u8::is_ascii_whitespace);
            if block.len() <= self.cfg.max_bytes {
                block.extend_from_slice(&self.buf);
            }
            if blank && seen_text {
                break;
            }
            seen_text |= !blank;
        }
        block.truncate(self.cfg.max_bytes.saturating_add(1));
        self.buf = block;
        Ok(consumed)
    }
}

impl<R: BufRead> Iterator for Framer<R> {
    type Item = io::Result<Item<RawArticle>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_item() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Guesses the format from the first non-blank bytes of a stream.
pub fn sniff(head: &[u8]) -> InputFormat {
    match head.first() {
        Some(b'{') if is_multiline_object(head) => InputFormat::JsonArray,
        Some(b'{') => InputFormat::Ndjson,
        Some(0x1E) => InputFormat::JsonSeq,
        Some(b'[') if looks_like_json_array(head) => InputFormat::JsonArray,
        Some(b'<') => sniff_xml(head).unwrap_or(if looks_like_html(head) {
            InputFormat::Html
        } else {
            InputFormat::Text
        }),
        Some(b'W') if crate::formats::warc::is_version_line(head) => InputFormat::Warc,
        _ => InputFormat::Text,
    }
}

/// Whether the first line of `head` opens a JSON object that it does not close: a
/// pretty-printed document, not NDJSON.
fn is_multiline_object(head: &[u8]) -> bool {
    let Some(end) = memchr::memchr(b'\n', head) else { return false };
    match serde_json::from_slice::<Value>(&head[..end]) {
        Ok(_) => false,
        Err(e) => e.is_eof(),
    }
}

/// The news format of an XML document, from its root element (past the XML declaration,
/// comments, processing instructions and the document type declaration); `None` when the
/// root is not one (XHTML is HTML).
fn sniff_xml(head: &[u8]) -> Option<InputFormat> {
    let mut rest = head;
    loop {
        rest = trim_start(rest);
        if rest.starts_with(b"<?") {
            rest = &rest[memchr::memmem::find(rest, b"?>")? + 2..];
        } else if rest.starts_with(b"<!--") {
            rest = &rest[memchr::memmem::find(rest, b"-->")? + 3..];
        } else if rest.starts_with(b"<!") {
            // <!DOCTYPE name [ internal subset ]>
            let close = match (memchr::memchr(b'[', rest), memchr::memchr(b'>', rest)) {
                (Some(open), Some(gt)) if open < gt => {
                    open + memchr::memmem::find(&rest[open..], b"]")? + 1
                }
                _ => 0,
            };
            rest = &rest[close + memchr::memchr(b'>', &rest[close..])? + 1..];
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix(b"<")?;
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .unwrap_or(rest.len());
    let name = &rest[..end];
    let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
    match local {
        b"rss" | b"feed" | b"RDF" => Some(InputFormat::Feed),
        b"nitf" => Some(InputFormat::Nitf),
        b"newsItem" | b"newsMessage" => Some(InputFormat::NewsMl),
        _ => None,
    }
}

fn looks_like_json_array(head: &[u8]) -> bool {
    let rest = trim_start(&head[1..]);
    matches!(rest.first(), Some(b'{') | Some(b']')) || rest.is_empty()
}

/// Decodes an input framed with [`FramingConfig::defer_json`]: a [`Format::Json`] record
/// becomes a raw article with its body and metadata (or a dead letter); any other input is
/// returned as it is.
pub fn decode(raw: RawArticle) -> Item<RawArticle> {
    if raw.format != Format::Json {
        return Ok(raw);
    }
    let received_at = raw.received_at;
    let mut item = parse_json_article(&raw.body, raw.origin);
    match &mut item {
        Ok(a) => a.received_at = received_at,
        Err(d) => d.received_at = received_at,
    }
    item
}

/// Turns one JSON input (an NDJSON line or a sequence record) into a raw article; a ninjs
/// object is read as ninjs.
pub fn parse_json_article(rec: &[u8], origin: Origin) -> Item<RawArticle> {
    parse_json(rec, origin, false)
}

fn parse_json(rec: &[u8], origin: Origin, force_ninjs: bool) -> Item<RawArticle> {
    // Valid UTF-8 (nearly every record) is checked once, at SIMD speed, and parsed as `str`:
    // `from_slice` checks every string again, a character at a time outside ASCII. Invalid
    // UTF-8 goes to `from_slice`, whose error says where.
    let parsed = match simdutf8::basic::from_utf8(rec) {
        Ok(s) => serde_json::from_str::<Value>(s),
        Err(_) => serde_json::from_slice::<Value>(rec),
    };
    match parsed {
        Ok(v) => from_json_value(v, origin, rec, force_ninjs),
        Err(e) => Err(Box::new(DeadLetter::new(
            "ingest",
            format!("invalid JSON: {e}"),
            origin,
            rec,
            None,
        ))),
    }
}

/// The fields that may hold the body, in order of preference; `html` is read as HTML.
const BODY_FIELDS: [&str; 4] = ["text", "body", "content", "html"];

fn from_json_value(v: Value, origin: Origin, rec: &[u8], force_ninjs: bool) -> Item<RawArticle> {
    let reject = |reason: String, id: Option<String>, v: Option<&Value>| {
        let raw = match v {
            Some(v) if rec.is_empty() => v.to_string().into_bytes(),
            _ => rec.to_vec(),
        };
        Err(Box::new(DeadLetter::new("ingest", reason, origin.clone(), &raw, id)))
    };
    let Value::Object(mut obj) = v else {
        return reject(format!("expected a JSON object, got {}", kind(&v)), None, Some(&v));
    };
    if force_ninjs || ninjs::is_ninjs(&obj) {
        return ninjs::from_ninjs(obj, origin, rec);
    }
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut body = None;
    for field in BODY_FIELDS {
        match obj.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                body = Some(field);
                break;
            }
            Some(Value::Null) | Some(Value::String(_)) | None => {}
            Some(other) => {
                let reason = format!("field `{field}` must be a string, got {}", kind(other));
                let v = Value::Object(obj.clone());
                return reject(reason, id, Some(&v));
            }
        }
    }
    let Some(field) = body else {
        let v = Value::Object(obj.clone());
        return reject(
            "no text: none of the fields text, body, content or html holds any".to_owned(),
            id,
            Some(&v),
        );
    };
    let text = match obj.shift_remove(field) {
        Some(Value::String(text)) => text,
        _ => return reject(format!("field `{field}` vanished"), id, None),
    };
    // The other body fields are not metadata: a `text` next to an `html` is the same article.
    for other in BODY_FIELDS {
        if other != field && matches!(obj.get(other), Some(Value::String(_)) | Some(Value::Null)) {
            obj.shift_remove(other);
        }
    }
    let format = if field == "html" { Format::Html } else { Format::Auto };
    if matches!(obj.get("id"), Some(Value::String(_) | Value::Number(_) | Value::Null)) {
        obj.shift_remove("id");
    }
    // A string (or null) field is taken out; any other value stays, in place, under meta.
    let mut take = |k: &str| match obj.get(k) {
        Some(Value::String(_) | Value::Null) => match obj.shift_remove(k) {
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            _ => None,
        },
        _ => None,
    };
    let (url, title, published, author, lang) =
        (take("url"), take("title"), take("published"), take("author"), take("lang"));
    let dateline = take("dateline");
    let meta = InputMeta { id, url, title, published, author, dateline, lang, extra: obj };
    let body = Body::Text(text);
    Ok(RawArticle { body, format, origin, received_at: now_rfc3339(), meta })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn trim_start(b: &[u8]) -> &[u8] {
    let i = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[i..]
}

/// What surrounds a JSON record and is not part of it: line ends, blanks, the RS of JSON text
/// sequences.
const RECORD_JUNK: &[u8] = &[b'\n', b'\r', b' ', b'\t', 0x1E];

fn trim_ascii<'a>(b: &'a [u8], junk: &[u8]) -> &'a [u8] {
    let start = b.iter().position(|c| !junk.contains(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !junk.contains(c)).map_or(start, |i| i + 1);
    &b[start..end]
}

fn bytecount_newlines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(input: &str, cfg: FramingConfig) -> Vec<Item<RawArticle>> {
        Framer::new(input.as_bytes(), cfg).map(|r| r.unwrap()).collect()
    }

    fn texts(items: &[Item<RawArticle>]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Ok(r) => r.body.clone().into_string().unwrap(),
                Err(d) => format!("DLQ: {}", d.reason),
            })
            .collect()
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"{\"a\":1}"), InputFormat::Ndjson);
        assert_eq!(sniff(b"\x1e{\"a\":1}"), InputFormat::JsonSeq);
        assert_eq!(sniff(b"[{\"a\":1}]"), InputFormat::JsonArray);
        assert_eq!(sniff(b"[Reuters] Tehran"), InputFormat::Text);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(sniff(b"<3 love"), InputFormat::Text);
        assert_eq!(sniff(b"Plain text"), InputFormat::Text);
    }

    #[test]
    fn sniffs_delivered_formats_past_prologs_and_xhtml_stays_html() {
        let xml = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n";
        let cases = [
            (format!("{xml}<rss version=\"2.0\">"), InputFormat::Feed),
            (format!("{xml}<feed xmlns=\"http://www.w3.org/2005/Atom\">"), InputFormat::Feed),
            (format!("{xml}<rdf:RDF xmlns:rdf=\"x\">"), InputFormat::Feed),
            (format!("{xml}<!DOCTYPE nitf SYSTEM \"nitf-3-6.dtd\">\n<nitf>"), InputFormat::Nitf),
            (format!("{xml}<!DOCTYPE x [<!ENTITY a \"b\">]><newsMessage>"), InputFormat::NewsMl),
            ("<g2:newsItem xmlns:g2=\"x\">".to_owned(), InputFormat::NewsMl),
            (
                format!("{xml}<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">"),
                InputFormat::Html,
            ),
            (format!("{xml}<sitemap>"), InputFormat::Html),
            ("WARC/1.0\r\nWARC-Type: warcinfo".to_owned(), InputFormat::Warc),
            ("WARC is a format".to_owned(), InputFormat::Text),
            ("{\n  \"uri\": \"u\",\n".to_owned(), InputFormat::JsonArray),
            ("{\"uri\": \"u\"}\n{".to_owned(), InputFormat::Ndjson),
        ];
        for (head, want) in cases {
            assert_eq!(sniff(head.as_bytes()), want, "{head}");
        }
    }

    #[test]
    fn gzip_is_decompressed_and_sniffed_inside() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n").unwrap();
        let input = gz.finish().unwrap();
        let items: Vec<_> =
            Framer::new(&input[..], FramingConfig::default()).map(|r| r.unwrap()).collect();
        assert_eq!(texts(&items), vec!["a", "b"]);
        // feedparser's tests/compression/gzip.gz: an empty Atom feed.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/formats/feedparser/compression/gzip.gz"
        );
        let input = std::fs::read(path).unwrap();
        assert_eq!(Framer::new(&input[..], FramingConfig::default()).count(), 0);
    }

    #[test]
    fn a_gzip_bomb_is_not_inflated_past_the_limit() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1 << 20];
        std::io::Write::write_all(&mut gz, b"<rss><channel>").unwrap();
        for _ in 0..64 {
            std::io::Write::write_all(&mut gz, &zeros).unwrap();
        }
        let input = gz.finish().unwrap();
        let cfg = FramingConfig { max_bytes: 1 << 20, ..Default::default() };
        let mut framer = Framer::new(&input[..], cfg);
        let items: Vec<_> = framer.by_ref().map(|r| r.unwrap()).collect();
        assert_eq!(
            texts(&items),
            vec!["DLQ: input is over the limit of 1048576 bytes (raw truncated)"]
        );
        assert!(framer.bytes_read() <= (1 << 20) + 64, "read {} bytes", framer.bytes_read());
    }

    #[test]
    fn a_cut_short_first_ndjson_line_costs_only_itself() {
        let input = "{\"text\": \"cut short\n{\"text\":\"Second.\"}\n{\"text\":\"Third.\"}\n";
        let items: Vec<_> =
            Framer::new(input.as_bytes(), FramingConfig::default()).map(|i| i.unwrap()).collect();
        assert_eq!(items.len(), 3);
        assert!(items[0].is_err());
        let ok: Vec<u64> =
            items[1..].iter().map(|i| i.as_ref().unwrap().origin.line.unwrap()).collect();
        assert_eq!(ok, [2, 3]);
    }

    #[test]
    fn pretty_printed_json_objects_are_one_article_each() {
        let input = "{\n  \"uri\": \"urn:a\",\n  \"headline\": \"A\",\n  \"body_text\": \"Text a.\"\n}\n\
                     {\n  \"text\": \"b\"\n}\n{\n  \"text\": ";
        let items = frame(input, FramingConfig::default());
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.meta.id.as_deref(), a.meta.title.as_deref()), (Some("urn:a"), Some("A")));
        assert_eq!(&*items[1].as_ref().unwrap().body, b"b");
        let bad = items[2].as_ref().unwrap_err();
        assert!(bad.reason.starts_with("invalid JSON: EOF"), "{}", bad.reason);
        assert_eq!(bad.source.line, Some(10));
    }

    #[test]
    fn a_warc_stream_gives_its_html_responses_and_counts_the_rest() {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/formats/news-pages.warc.gz");
        let input = std::fs::read(path).unwrap();
        let mut framer = Framer::new(&input[..], FramingConfig::default());
        let items: Vec<RawArticle> = framer.by_ref().map(|r| r.unwrap().unwrap()).collect();
        let urls: Vec<&str> = items.iter().map(|a| a.meta.url.as_deref().unwrap()).collect();
        assert_eq!(urls.len(), 3);
        assert!(urls[0].starts_with("https://arstechnica.com/security/2015/05/"));
        assert!(items.iter().all(|a| a.format == Format::Html));
        assert!(items[1].body.starts_with(b"<!DOCTYPE html>") || items[1].body.starts_with(b"<"));
        assert_eq!(items[0].origin.line, Some(3));
        assert_eq!(framer.skipped().total(), 6);
        // The same records uncompressed: offsets point at each record.
        let plain = std::fs::read(path.trim_end_matches(".gz")).unwrap();
        let items: Vec<RawArticle> = Framer::new(&plain[..], FramingConfig::default())
            .map(|r| r.unwrap().unwrap())
            .collect();
        for a in &items {
            let at = a.origin.offset.unwrap() as usize;
            assert!(plain[at..].starts_with(b"WARC/1.0\r\n"), "{at}");
        }
    }

    #[test]
    fn forced_formats_read_what_they_are_told() {
        let nitf = frame(
            "<nitf><body><body.content><p>Hi.</p></body.content></body></nitf>",
            FramingConfig { format: InputFormat::Nitf, ..Default::default() },
        );
        assert_eq!(texts(&nitf), vec!["<article><p>Hi.</p></article>"]);
        let not_feed =
            frame("<nitf/>", FramingConfig { format: InputFormat::Feed, ..Default::default() });
        assert_eq!(
            texts(&not_feed),
            vec!["DLQ: expected an RSS, Atom or RDF feed, got a <nitf> document"]
        );
        for name in InputFormat::NAMES {
            assert!(name.parse::<InputFormat>().is_ok(), "{name}");
        }
    }

    #[test]
    fn ndjson_lines_become_articles_and_bad_lines_dead_letters() {
        let input = "{\"id\":\"a\",\"text\":\"One\",\"title\":\"T\",\"outlet\":\"X\"}\n\nnot json\n\
                     {\"body\":\"Two\"}\n[1]\n{\"title\":\"no body\"}\n{\"text\":5}\n{\"content\":\"Three\"}";
        let items = frame(input, FramingConfig::default());
        assert_eq!(
            texts(&items),
            vec![
                "One",
                "DLQ: invalid JSON: expected ident at line 1 column 2",
                "Two",
                "DLQ: expected a JSON object, got an array",
                "DLQ: no text: none of the fields text, body, content or html holds any",
                "DLQ: field `text` must be a string, got a number",
                "Three"
            ]
        );
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.meta.id.as_deref(), Some("a"));
        assert_eq!(first.meta.title.as_deref(), Some("T"));
        assert_eq!(first.meta.extra.get("outlet"), Some(&Value::from("X")));
        assert!(!first.meta.extra.contains_key("id"));
        let bad = items[1].as_ref().unwrap_err();
        assert_eq!(bad.source.line, Some(3));
        assert_eq!(bad.raw, "not json");
        assert_eq!(items[6].as_ref().unwrap().origin.line, Some(8));
    }

    /// Records are checked for UTF-8 once and parsed as `str`; one with invalid UTF-8 is
    /// rejected with what `serde_json::from_slice` says of it, and valid text in any script
    /// parses as `from_slice` parses it.
    #[test]
    fn utf8_is_checked_once_and_invalid_utf8_is_rejected_as_before() {
        let bad: &[u8] = b"{\"id\":\"a\",\"text\":\"caf\xC3 \xFF\"}";
        let Err(letter) = parse_json_article(bad, Origin::default()) else {
            panic!("invalid UTF-8 accepted")
        };
        let expected = serde_json::from_slice::<Value>(bad).unwrap_err();
        assert_eq!(letter.reason, format!("invalid JSON: {expected}"));
        let good = "{\"id\":\"b\",\"text\":\"Café কা 東京 \\u00e9\",\"x\":[1]}";
        let a = parse_json_article(good.as_bytes(), Origin::default()).unwrap();
        assert_eq!(a.body.clone().into_string().unwrap(), "Café কা 東京 é");
        let v: Value = serde_json::from_slice(good.as_bytes()).unwrap();
        assert_eq!(a.meta.extra.get("x"), v.get("x"));
    }

    #[test]
    fn deferred_json_decodes_to_the_same_article() {
        let input = "{\"id\":\"a\",\"text\":\"One\",\"x\":1}\nnope\n";
        let cfg =
            FramingConfig { format: InputFormat::Ndjson, defer_json: true, ..Default::default() };
        let deferred: Vec<_> = frame(input, cfg).into_iter().map(|i| decode(i.unwrap())).collect();
        let direct =
            frame(input, FramingConfig { format: InputFormat::Ndjson, ..Default::default() });
        assert_eq!(texts(&deferred), texts(&direct));
        let (a, b) = (deferred[0].as_ref().unwrap(), direct[0].as_ref().unwrap());
        assert_eq!((&a.meta, &a.origin, a.format), (&b.meta, &b.origin, b.format));
        assert_eq!(deferred[1].as_ref().unwrap_err().source.line, Some(2));
    }

    /// The deferred records of `input` read through a buffer of `capacity` bytes: bodies (or
    /// dead-letter reasons), lines and offsets.
    fn deferred_with_buffer(
        input: &[u8],
        format: InputFormat,
        capacity: usize,
    ) -> Vec<(String, Option<u64>, Option<u64>)> {
        let cfg = FramingConfig { format, defer_json: true, max_bytes: 40, ..Default::default() };
        let reader = std::io::BufReader::with_capacity(capacity, input);
        Framer::new(reader, cfg)
            .map(|item| match item.unwrap() {
                Ok(r) => {
                    (String::from_utf8_lossy(&r.body).into_owned(), r.origin.line, r.origin.offset)
                }
                Err(d) => (format!("DLQ: {}", d.reason), d.source.line, d.source.offset),
            })
            .collect()
    }

    proptest::proptest! {
        /// Records copied straight out of the reader's buffer (when they lie whole in it) and
        /// records gathered across reads come out the same, with the same lines and offsets.
        #[test]
        fn records_are_the_same_whatever_the_buffer_size(
            records in proptest::collection::vec("[ a-z{}\":\\n\\x1e]{0,60}", 0..12),
            seq in proptest::bool::ANY,
            capacity in 1usize..64,
        ) {
            let (format, delim) = if seq { (InputFormat::JsonSeq, "\x1e") } else { (InputFormat::Ndjson, "\n") };
            let input = records.join(delim);
            // One byte at a time, every record is gathered across reads.
            let gathered = deferred_with_buffer(input.as_bytes(), format, 1);
            proptest::prop_assert_eq!(&deferred_with_buffer(input.as_bytes(), format, capacity), &gathered);
            proptest::prop_assert_eq!(&deferred_with_buffer(input.as_bytes(), format, 1 << 16), &gathered);
        }
    }

    #[test]
    fn html_field_is_read_as_html_and_text_wins_over_it() {
        let items = frame(
            "{\"html\":\"<p>Hi</p>\"}\n{\"text\":\"Plain\",\"html\":\"<p>x</p>\"}\n",
            FramingConfig::default(),
        );
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.format, Format::Html);
        let b = items[1].as_ref().unwrap();
        assert_eq!(&*b.body, b"Plain");
        assert!(b.meta.extra.is_empty());
    }

    #[test]
    fn json_text_sequences_and_arrays() {
        let items = frame("\x1e{\"text\":\"a\"}\n\x1e{\"text\":\"b\"}\n", FramingConfig::default());
        assert_eq!(texts(&items), vec!["a", "b"]);
        let items = frame("[{\"text\":\"a\"}, {\"text\":\"b\"}, 3]", FramingConfig::default());
        assert_eq!(texts(&items), vec!["a", "b", "DLQ: expected a JSON object, got a number"]);
    }

    #[test]
    fn plain_text_is_one_article_unless_split() {
        let input = "\n\nFirst para.\nSecond para.\n\nThird block\nstill third\n";
        assert_eq!(
            texts(&frame(input, FramingConfig::default())),
            vec!["First para.\nSecond para.\n\nThird block\nstill third"]
        );
        let lines = frame(input, FramingConfig { split: Split::Line, ..Default::default() });
        assert_eq!(
            texts(&lines),
            vec!["First para.", "Second para.", "Third block", "still third"]
        );
        assert_eq!(lines[0].as_ref().unwrap().origin.line, Some(3));
        assert_eq!(lines[2].as_ref().unwrap().origin.line, Some(6));
        let blocks = frame(input, FramingConfig { split: Split::Blank, ..Default::default() });
        assert_eq!(texts(&blocks), vec!["First para.\nSecond para.", "Third block\nstill third"]);
        assert_eq!(blocks[0].as_ref().unwrap().origin.line, Some(3));
        assert_eq!(blocks[1].as_ref().unwrap().origin.line, Some(6));
        let nul = frame("a\0b\0\0c", FramingConfig { split: Split::Nul, ..Default::default() });
        assert_eq!(texts(&nul), vec!["a", "b", "c"]);
        let rs = frame("a\x1eb", FramingConfig { split: Split::Rs, ..Default::default() });
        assert_eq!(texts(&rs), vec!["a", "b"]);
    }

    #[test]
    fn blank_input_gives_no_article() {
        assert!(frame("", FramingConfig::default()).is_empty());
        assert!(frame(" \n\n", FramingConfig::default()).is_empty());
    }

    #[test]
    fn oversized_inputs_are_dead_letters_and_the_stream_goes_on() {
        let big = "x".repeat(100);
        let input = format!("{{\"text\":\"{big}\"}}\n{{\"text\":\"ok\"}}\n");
        let cfg = FramingConfig { max_bytes: 50, ..Default::default() };
        let items = frame(&input, cfg);
        assert_eq!(items.len(), 2);
        assert!(items[0].as_ref().unwrap_err().reason.contains("over the limit of 50 bytes"));
        assert_eq!(&*items[1].as_ref().unwrap().body, b"ok");
    }

    #[test]
    fn offsets_point_at_the_record() {
        let input = "{\"text\":\"a\"}\n{\"text\":\"b\"}\n";
        let items = frame(input, FramingConfig::default());
        assert_eq!(items[1].as_ref().unwrap().origin.offset, Some(13));
    }
}
