//! What a person types into `copydesk search`, made into what the stores understand: the text
//! query into an FTS5 expression (SQLite) or a `tsquery` (PostgreSQL), `--since` into a
//! timestamp the store's columns compare with.
//!
//! News is full of words FTS5's own syntax cannot take bare: `COVID-19` is the column `COVID`
//! minus something, `U.S.` and `Okafor's` are syntax errors, `two-year` asks for a column
//! `year`. [`fts_query`] reads a query the way a person means it: a term with punctuation is
//! one quoted string (FTS5 then matches its words as a phrase, so `COVID-19` finds
//! "COVID-19"), and the operators — `AND`, `OR`, `NOT`, `"phrases"`, `prefix*`,
//! `title:word`, parentheses — keep their meaning when they are used as operators. What
//! cannot be an operator where it stands (an `OR` with nothing on one side, an unmatched
//! parenthesis, an unclosed quote) is taken as text or closed, so a query never fails.
//!
//! The query is read once ([`normalized`]) and written in either language: [`fts_query`] for
//! FTS5, [`ts_query`] for PostgreSQL. PostgreSQL's side of the text is made by [`words`] here
//! too (the document's `tsvector` and the query's lexemes alike), so that both stores split and
//! fold words the same way — as FTS5's `unicode61 remove_diacritics 2` tokenizer does — whatever
//! the database server's locale.

use std::fmt;

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The FTS5 columns a query may filter on (`title:word`), as named in the store's schema.
const COLUMNS: [&str; 2] = ["title", "text"];

/// One piece of a query, as the tokenizer reads it.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// `(`
    Open,
    /// `)`
    Close,
    /// `AND`, `OR` or `NOT` (only upper case, as in FTS5).
    Op(&'static str),
    /// A term written without quotes; `prefix` when it ended in `*`.
    Word { text: String, prefix: bool },
    /// A `"quoted phrase"` (its content, unescaped); `prefix` when followed by `*`.
    Phrase { text: String, prefix: bool },
    /// `title:` or `text:` (lower-cased), applying to the operand after it.
    Column(String),
}

impl Token {
    /// Whether an expression can end with this token.
    fn ends_operand(&self) -> bool {
        matches!(self, Token::Close | Token::Word { .. } | Token::Phrase { .. })
    }

    /// Whether an operand can start with this token.
    fn starts_operand(&self) -> bool {
        matches!(self, Token::Open | Token::Word { .. } | Token::Phrase { .. } | Token::Column(_))
    }
}

/// Splits a query into tokens. Never fails: an unclosed quote runs to the end.
fn tokenize(query: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                while let Some((_, c)) = chars.next() {
                    if c == '"' {
                        // `""` inside a phrase is a quote character, as in FTS5.
                        if chars.next_if(|&(_, c)| c == '"').is_none() {
                            break;
                        }
                    }
                    text.push(c);
                }
                let prefix = chars.next_if(|&(_, c)| c == '*').is_some();
                tokens.push(Token::Phrase { text, prefix });
            }
            _ => {
                let mut end = query.len();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                tokens.extend(word(&query[start..end]));
            }
        }
    }
    tokens
}

/// The token(s) of one unquoted word: an operator, a column filter (perhaps with its term),
/// or a term.
fn word(w: &str) -> Vec<Token> {
    match w {
        "AND" => return vec![Token::Op("AND")],
        "OR" => return vec![Token::Op("OR")],
        "NOT" => return vec![Token::Op("NOT")],
        _ => {}
    }
    if let Some((column, rest)) = w.split_once(':')
        && COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(column))
    {
        let mut tokens = vec![Token::Column(column.to_ascii_lowercase())];
        tokens.extend(term(rest));
        return tokens;
    }
    term(w).into_iter().collect()
}

/// A term: `pref*` is a prefix query; a lone `*` is nothing.
fn term(w: &str) -> Option<Token> {
    let (text, prefix) = match w.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    (!text.is_empty()).then(|| Token::Word { text: text.to_owned(), prefix })
}

/// Whether FTS5 reads `w` as a bareword: non-ASCII characters, ASCII letters and digits, `_`.
/// Everything else (and the words FTS5 gives a meaning to) must be quoted.
fn is_bareword(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_')
        && !matches!(w, "AND" | "OR" | "NOT" | "NEAR")
}

/// Writes `text` as an FTS5 string: in double quotes, a quote inside doubled.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

/// Translates a search query as a person writes it into an FTS5 expression that SQLite
/// accepts, with the same meaning wherever the query was already valid FTS5 (except `NEAR`,
/// which is taken as a word).
///
/// - A term is matched as the words it contains: `COVID-19`, `U.S.`, `Okafor's` and
///   `two-year` become FTS5 strings (`"COVID-19"`), which match those words in a row.
/// - `AND`, `OR`, `NOT` (upper case) between two operands, `"phrases"`, `prefix*` and
///   `"phrase"*`, `title:word` / `text:word` and parentheses are operators; terms side by side
///   must all occur (an explicit `AND` is written between them, which FTS5 needs next to a
///   parenthesis).
/// - An operator with a missing operand is a word, an unmatched `)` or an empty `()` is
///   dropped, an unclosed `(` or `"` is closed at the end.
///
/// Returns an empty string when the query holds nothing to search for.
#[must_use]
pub fn fts_query(query: &str) -> String {
    render(&normalized(query))
}

/// The query as a list of tokens that is a valid expression: every operator between two
/// operands, parentheses balanced, column filters before an operand (see [`fts_query`]).
fn normalized(query: &str) -> Vec<Token> {
    let tokens = tokenize(query);
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1);
        let after_operand = out.last().is_some_and(Token::ends_operand);
        match token {
            Token::Op(op) => {
                if after_operand && next.is_some_and(Token::starts_operand) {
                    out.push(token.clone());
                } else {
                    // Not an operator where it stands: the word itself.
                    if after_operand {
                        out.push(Token::Op("AND"));
                    }
                    out.push(Token::Word { text: (*op).to_owned(), prefix: false });
                }
            }
            Token::Close => {
                if depth == 0 {
                    continue; // unmatched
                }
                if out.last() == Some(&Token::Open) {
                    out.pop(); // `()`: nothing inside
                    depth -= 1;
                    drop_dangling(&mut out, &mut depth);
                } else if after_operand {
                    out.push(Token::Close);
                    depth -= 1;
                }
                // After a column filter with nothing to filter: wait for the real operand.
            }
            Token::Column(_)
                if !next.is_some_and(|t| {
                    matches!(t, Token::Open | Token::Word { .. } | Token::Phrase { .. })
                }) => {}
            _ => {
                if after_operand {
                    out.push(Token::Op("AND"));
                }
                if *token == Token::Open {
                    depth += 1;
                }
                out.push(token.clone());
            }
        }
    }
    drop_dangling(&mut out, &mut depth);
    out.extend(std::iter::repeat_n(Token::Close, depth));
    out
}

/// Translates a search query as [`fts_query`] reads it into a PostgreSQL `tsquery` literal
/// (cast with `::tsquery`, no parser involved) over the store's `tsvector` ([`tsvector`]): the
/// same operators with the same precedence (FTS5's binary `a NOT b` is `a & !b`), a term or
/// phrase as its [`words`] in a row (`<->`), `prefix*` as `:*`, `title:` and `text:` as the
/// weights `A` and `B`. A term without any word (`-`) matches nothing, as in FTS5.
///
/// Returns an empty string when the query holds nothing to search for.
#[must_use]
pub fn ts_query(query: &str) -> String {
    let tokens = normalized(query);
    let mut out = String::new();
    // The weight of each open parenthesis's column filter, innermost last.
    let mut scopes: Vec<Option<char>> = Vec::new();
    let mut column: Option<char> = None;
    for token in &tokens {
        let weight = column.or_else(|| scopes.iter().rev().find_map(|w| *w));
        match token {
            Token::Open => {
                scopes.push(column.take());
                out.push_str("( ");
            }
            Token::Close => {
                scopes.pop();
                out.push_str(") ");
            }
            Token::Op("AND") => out.push_str("& "),
            Token::Op("OR") => out.push_str("| "),
            Token::Op(_) => out.push_str("& !"),
            Token::Column(c) => column = Some(if c == "title" { 'A' } else { 'B' }),
            Token::Word { text, prefix } | Token::Phrase { text, prefix } => {
                column = None;
                let words: Vec<String> = words(text).collect();
                let suffix = |last: bool| {
                    let mut s = String::new();
                    if *prefix && last {
                        s.push_str(":*");
                    }
                    if let Some(w) = weight {
                        if s.is_empty() {
                            s.push(':');
                        }
                        s.push(w);
                    }
                    s
                };
                match words.len() {
                    // No word: a lexeme of a weight no position has (FTS5: an empty phrase).
                    0 => out.push_str("'nothing':D "),
                    1 => out.push_str(&format!("'{}'{} ", words[0], suffix(true))),
                    n => {
                        out.push_str("( ");
                        for (i, w) in words.iter().enumerate() {
                            if i > 0 {
                                out.push_str("<-> ");
                            }
                            out.push_str(&format!("'{w}'{} ", suffix(i + 1 == n)));
                        }
                        out.push_str(") ");
                    }
                }
            }
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The words of a text as the stores index them: runs of letters and digits (Unicode),
/// lower-cased, with diacritics removed (canonical decomposition, combining marks dropped):
/// `Café COVID-19` gives `cafe`, `covid`, `19`. Words longer than PostgreSQL takes as a lexeme
/// are left out.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c));
    std::iter::from_fn(move || {
        loop {
            let mut word = String::new();
            for c in chars.by_ref() {
                if c.is_alphanumeric() {
                    word.extend(c.to_lowercase());
                } else if !word.is_empty() {
                    break;
                }
            }
            if word.is_empty() {
                return None;
            }
            if word.len() < MAX_LEXEME {
                return Some(word);
            }
        }
    })
}

/// PostgreSQL's limits on a `tsvector`: bytes of a lexeme, its highest position, positions
/// kept per lexeme, and bytes of all lexemes together.
const MAX_LEXEME: usize = 2047;
const MAX_POSITION: usize = 16383;
const MAX_POSITIONS: usize = 256;
const MAX_LEXEMES_BYTES: usize = 1 << 19;

/// The PostgreSQL `tsvector` literal of an article (cast with `::tsvector`): the [`words`] of
/// the title at weight `A`, then those of the text at weight `B`, with a gap between them so
/// that no phrase spans both. Past PostgreSQL's limits (position 16383, 256 positions of a
/// word, 512 KiB of distinct words) words keep their first positions only.
#[must_use]
pub fn tsvector(title: Option<&str>, text: &str) -> String {
    let mut lexemes: std::collections::HashMap<String, Vec<(usize, char)>> =
        std::collections::HashMap::new();
    let mut bytes = 0usize;
    let mut position = 0usize;
    for (field, weight) in [(title.unwrap_or(""), 'A'), (text, 'B')] {
        for word in words(field) {
            position = (position + 1).min(MAX_POSITION);
            let n = word.len();
            match lexemes.get_mut(&word) {
                Some(p) if p.len() < MAX_POSITIONS && p.last().is_none_or(|l| l.0 < position) => {
                    p.push((position, weight));
                }
                Some(_) => {}
                None if bytes + n <= MAX_LEXEMES_BYTES => {
                    bytes += n;
                    lexemes.insert(word, vec![(position, weight)]);
                }
                None => {}
            }
        }
        position += 1;
    }
    let mut sorted: Vec<_> = lexemes.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::with_capacity(bytes + sorted.len() * 8);
    for (word, positions) in sorted {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        out.push_str(&word);
        out.push_str("':");
        for (i, (p, w)) in positions.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&p.to_string());
            out.push(*w);
        }
    }
    out
}

/// Removes what cannot end an expression (an operator, an opening parenthesis, a column
/// filter) from the end of `out`.
fn drop_dangling(out: &mut Vec<Token>, depth: &mut usize) {
    while let Some(last) = out.last() {
        match last {
            Token::Open => *depth -= 1,
            Token::Op(_) | Token::Column(_) => {}
            _ => break,
        }
        out.pop();
    }
}

fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let after_column = i > 0 && matches!(tokens[i - 1], Token::Column(_));
        if i > 0 && !after_column && *token != Token::Close && tokens[i - 1] != Token::Open {
            out.push(' ');
        }
        match token {
            Token::Open => out.push('('),
            Token::Close => out.push(')'),
            Token::Op(op) => out.push_str(op),
            Token::Column(c) => {
                out.push_str(c);
                out.push(':');
            }
            Token::Word { text, prefix } => {
                if is_bareword(text) {
                    out.push_str(text);
                } else {
                    push_string(&mut out, text);
                }
                if *prefix {
                    out.push('*');
                }
            }
            Token::Phrase { text, prefix } => {
                push_string(&mut out, text);
                if *prefix {
                    out.push('*');
                }
            }
        }
    }
    out
}

/// The start of a `--since` period, validated: an RFC 3339 date (`2026-11-29`, the whole
/// day in UTC) or date and time (`2026-11-29T10:00:00Z`, `2026-11-29T12:00+02:00`), or a span
/// back from now (`90m`, `24h`, `7d`, `2w`).
///
/// It holds the instant in the form the store writes `received_at` (UTC, to the second), so
/// that SQLite compares them as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Since(String);

/// A `--since` value that is none of the accepted forms.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid time {0:?}: expected an RFC 3339 date or date and time (2026-11-29, \
     2026-11-29T10:00:00Z, 2026-11-29T12:00:00+02:00) or a span back from now in minutes, \
     hours, days or weeks (90m, 24h, 7d, 2w)"
)]
#[non_exhaustive]
pub struct SinceError(pub String);

impl Since {
    /// Parses a `--since` value; a span counts back from now.
    ///
    /// # Errors
    /// When `s` is none of the accepted forms, or not a real date or time.
    pub fn parse(s: &str) -> Result<Since, SinceError> {
        Since::parse_at(s, OffsetDateTime::now_utc())
    }

    /// [`Since::parse`] with a given "now" (tests).
    ///
    /// # Errors
    /// See [`Since::parse`].
    pub fn parse_at(s: &str, now: OffsetDateTime) -> Result<Since, SinceError> {
        let err = || SinceError(s.to_owned());
        let s = s.trim();
        if let Some(at) = span(s).and_then(|d| now.checked_sub(d)) {
            return Ok(Since(utc_seconds(at)));
        }
        let (date, rest) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let date = parse_date(date).ok_or_else(err)?;
        match rest {
            // A day alone: the store's timestamps of that day start with it.
            None => Ok(Since(format!(
                "{:04}-{:02}-{:02}",
                date.year(),
                u8::from(date.month()),
                date.day()
            ))),
            Some(rest) => {
                let at = parse_time(rest).map(|(t, offset)| {
                    PrimitiveDateTime::new(date, t).assume_offset(offset).to_offset(UtcOffset::UTC)
                });
                Ok(Since(utc_seconds(at.ok_or_else(err)?)))
            }
        }
    }

    /// The instant as the store compares it (`2026-11-29T10:00:00`, or `2026-11-29` for a
    /// whole day).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Since {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Since {
    type Err = SinceError;

    fn from_str(s: &str) -> Result<Since, SinceError> {
        Since::parse(s)
    }
}

/// `90m`, `24h`, `7d`, `2w`.
fn span(s: &str) -> Option<Duration> {
    let unit = s.chars().last()?;
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().ok().filter(|&n| n >= 0)?;
    let seconds = match unit {
        'm' => 60,
        'h' => 60 * 60,
        'd' => 24 * 60 * 60,
        'w' => 7 * 24 * 60 * 60,
        _ => return None,
    };
    n.checked_mul(seconds).map(Duration::seconds)
}

/// `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&s[0..4])?;
    let month = Month::try_from(u8::try_from(digits(&s[5..7])?).ok()?).ok()?;
    let day = u8::try_from(digits(&s[8..10])?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()
}

/// `HH:MM[:SS[.fraction]]` and an offset (`Z`, `+02:00`, `-05:00`); without an offset, UTC.
fn parse_time(s: &str) -> Option<(Time, UtcOffset)> {
    let (clock, offset) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => (&s[..i], parse_offset(&s[i..])?),
        None => (s, UtcOffset::UTC),
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((c, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (c, Some(f)),
        Some(_) => return None,
        None => (clock, None),
    };
    let mut parts = clock.split(':');
    let mut field = |max: u32| -> Option<u8> {
        let p = parts.next()?;
        (p.len() == 2).then_some(())?;
        u8::try_from(digits(p).filter(|&n| n <= max)?).ok()
    };
    let (hour, minute) = (field(23)?, field(59)?);
    let second = match clock.len() {
        5 if fraction.is_none() => 0,
        8 => field(59)?,
        _ => return None,
    };
    // The store keeps milliseconds, the comparison whole seconds: a fraction is dropped.
    Some((Time::from_hms(hour, minute, second).ok()?, offset))
}

fn parse_offset(s: &str) -> Option<UtcOffset> {
    if s.eq_ignore_ascii_case("z") {
        return Some(UtcOffset::UTC);
    }
    let (sign, hm) = (s.as_bytes().first()?, s.get(1..)?);
    let (h, m) = hm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (digits(h).filter(|&h| h <= 23)?, digits(m).filter(|&m| m <= 59)?);
    let (h, m) = (i8::try_from(h).ok()?, i8::try_from(m).ok()?);
    let sign = if *sign == b'-' { -1 } else { 1 };
    UtcOffset::from_hms(sign * h, sign * m, 0).ok()
}

/// A run of ASCII digits as a number.
fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// `2026-11-29T10:00:00`: a prefix of the store's `2026-11-29T10:00:00.000Z`, so that an
/// article received in that very second compares as at or after it.
fn utc_seconds(at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_with_punctuation_are_quoted() {
        let cases = [
            ("COVID-19", r#""COVID-19""#),
            ("U.S.", r#""U.S.""#),
            ("Okafor's", r#""Okafor's""#),
            ("two-year", r#""two-year""#),
            ("harbour bridge", "harbour AND bridge"),
            ("U.S. tariffs", r#""U.S." AND tariffs"#),
            ("café", "café"),
            ("snake_case", "snake_case"),
            ("-covid", r#""-covid""#),
            ("11:30", r#""11:30""#),
            ("http://example.org", r#""http://example.org""#),
            ("a\"b", r#"a AND "b""#),
            ("NEAR(a b)", r#""NEAR" AND (a AND b)"#),
        ];
        for (query, want) in cases {
            assert_eq!(fts_query(query), want, "{query}");
        }
    }

    #[test]
    fn operators_used_as_operators_pass_through() {
        let cases = [
            ("wheat OR harbour", "wheat OR harbour"),
            ("wheat AND harbour", "wheat AND harbour"),
            ("wheat NOT harbour", "wheat NOT harbour"),
            (r#""harbour bridge""#, r#""harbour bridge""#),
            (r#""say ""hi""""#, r#""say ""hi""""#),
            ("harb*", "harb*"),
            (r#""harb"*"#, r#""harb"*"#),
            ("COVID-*", r#""COVID-"*"#),
            ("title:bridge", "title:bridge"),
            ("TITLE:bridge", "title:bridge"),
            ("title:U.S.", r#"title:"U.S.""#),
            (r#"title:"harbour bridge""#, r#"title:"harbour bridge""#),
            ("title:(a OR b) c", "title:(a OR b) AND c"),
            ("(wheat OR rain) harvest", "(wheat OR rain) AND harvest"),
            ("harvest (wheat OR rain)", "harvest AND (wheat OR rain)"),
            ("(a OR b) (c OR d)", "(a OR b) AND (c OR d)"),
            ("COVID-19 OR U.S.", r#""COVID-19" OR "U.S.""#),
            ("a OR b c", "a OR b AND c"),
        ];
        for (query, want) in cases {
            assert_eq!(fts_query(query), want, "{query}");
        }
    }

    #[test]
    fn what_cannot_be_an_operator_is_text_or_closed() {
        let cases = [
            ("OR", r#""OR""#),
            ("NOT wheat", r#""NOT" AND wheat"#),
            ("wheat OR", r#"wheat AND "OR""#),
            ("wheat OR OR rain", r#"wheat AND "OR" OR rain"#),
            ("and or not", "and AND or AND not"),
            ("(wheat", "(wheat)"),
            ("wheat)", "wheat"),
            ("()", ""),
            ("wheat ()", "wheat"),
            ("wheat OR ()", "wheat"),
            ("(wheat OR (", "(wheat)"),
            (r#""unclosed"#, r#""unclosed""#),
            ("title:", ""),
            ("wheat title:", "wheat"),
            ("*", ""),
            ("", ""),
            ("   ", ""),
        ];
        for (query, want) in cases {
            assert_eq!(fts_query(query), want, "{query}");
        }
    }

    #[test]
    fn every_translation_is_valid_fts5() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE f USING fts5(title, text, tokenize = 'unicode61');
             INSERT INTO f VALUES ('COVID-19 two-year', 'U.S. officials back Okafor''s plan');",
        )
        .unwrap();
        let queries = [
            "COVID-19",
            "U.S.",
            "Okafor's",
            "two-year",
            "NOT",
            "a OR",
            "(((",
            ")))",
            "\"",
            "\"\"",
            "title:",
            "title:(",
            "(title:)",
            "- + ^ * : { } ,",
            "NEAR(a b, 3)",
            "a AND (OR b)",
            "x:y title:z text:\"w\"* (a OR (b NOT c)) d",
            "( ) ( a ) ( )",
            "title:() a",
            "OR AND NOT",
        ];
        for q in queries {
            let expr = fts_query(q);
            if expr.is_empty() {
                continue;
            }
            let r: rusqlite::Result<i64> =
                conn.query_row("SELECT count(*) FROM f WHERE f MATCH ?1", [&expr], |r| r.get(0));
            assert!(r.is_ok(), "{q:?} -> {expr:?}: {r:?}");
        }
        let hits = |q: &str| -> i64 {
            conn.query_row("SELECT count(*) FROM f WHERE f MATCH ?1", [fts_query(q)], |r| r.get(0))
                .unwrap()
        };
        for q in ["COVID-19", "U.S.", "Okafor's", "two-year", "title:covid-19", "offic*"] {
            assert_eq!(hits(q), 1, "{q}");
        }
        for q in ["text:COVID-19", "COVID-20", "covid NOT officials"] {
            assert_eq!(hits(q), 0, "{q}");
        }
    }

    #[test]
    fn queries_translate_to_tsquery_with_the_same_meaning() {
        let cases = [
            ("harbour bridge", "'harbour' & 'bridge'"),
            ("COVID-19", "( 'covid' <-> '19' )"),
            ("Café", "'cafe'"),
            ("wheat OR harbour", "'wheat' | 'harbour'"),
            ("wheat NOT harbour", "'wheat' & !'harbour'"),
            ("\"harbour bridge\"", "( 'harbour' <-> 'bridge' )"),
            ("harb*", "'harb':*"),
            ("\"harbour bri\"*", "( 'harbour' <-> 'bri':* )"),
            ("title:bridge", "'bridge':A"),
            ("text:brid*", "'brid':*B"),
            ("title:(a OR b) c", "( 'a':A | 'b':A ) & 'c'"),
            ("title:\"U.S. rules\"", "( 'u':A <-> 's':A <-> 'rules':A )"),
            ("(wheat OR rain) NOT (harvest)", "( 'wheat' | 'rain' ) & !( 'harvest' )"),
            ("-", "'nothing':D"),
            ("OR", "'or'"),
            ("()", ""),
            ("", ""),
        ];
        for (query, want) in cases {
            assert_eq!(ts_query(query), want, "{query}");
        }
    }

    #[test]
    fn words_fold_case_and_diacritics_and_split_at_punctuation() {
        let w: Vec<String> = words("Ça, l'été: COVID-19 — Zürich's 2026 Ωmega").collect();
        assert_eq!(w, ["ca", "l", "ete", "covid", "19", "zurich", "s", "2026", "ωmega"]);
        assert_eq!(
            tsvector(Some("Harbour bridge"), "The bridge, the harbour."),
            "'bridge':2A,5B 'harbour':1A,7B 'the':4B,6B"
        );
        assert_eq!(tsvector(None, ""), "");
        let long = "word ".repeat(20_000);
        let v = tsvector(None, &long);
        assert_eq!(v.matches(',').count(), MAX_POSITIONS - 1, "positions per word are capped");
    }

    #[test]
    fn since_accepts_dates_times_and_spans() {
        let now = OffsetDateTime::from_unix_timestamp(1_796_119_200).unwrap(); // 2026-12-01T10:00:00Z
        let ok = |s: &str| Since::parse_at(s, now).map(|s| s.0);
        assert_eq!(ok("2026-11-29").unwrap(), "2026-11-29");
        assert_eq!(ok("2026-11-29T10:00:00Z").unwrap(), "2026-11-29T10:00:00");
        assert_eq!(ok("2026-11-29t10:00:00.250z").unwrap(), "2026-11-29T10:00:00");
        assert_eq!(ok("2026-11-29 10:00:00Z").unwrap(), "2026-11-29T10:00:00");
        assert_eq!(ok("2026-11-29T10:00").unwrap(), "2026-11-29T10:00:00");
        assert_eq!(ok("2026-11-29T01:30:00+02:00").unwrap(), "2026-11-28T23:30:00");
        assert_eq!(ok("2026-11-29T23:30:00-05:00").unwrap(), "2026-11-30T04:30:00");
        assert_eq!(ok("90m").unwrap(), "2026-12-01T08:30:00");
        assert_eq!(ok("24h").unwrap(), "2026-11-30T10:00:00");
        assert_eq!(ok("7d").unwrap(), "2026-11-24T10:00:00");
        assert_eq!(ok("2w").unwrap(), "2026-11-17T10:00:00");
        assert_eq!(ok("0h").unwrap(), "2026-12-01T10:00:00");
    }

    #[test]
    fn since_refuses_the_rest() {
        let now = OffsetDateTime::from_unix_timestamp(1_796_119_200).unwrap();
        for s in [
            "yesterday",
            "garbage",
            "",
            "2026",
            "2026-11",
            "2026-11-29T08",
            "2026-13-01",
            "2026-02-30",
            "2026-11-29T24:00:00Z",
            "2026-11-29T10:00:00+25:00",
            "2026-11-29T10:00:00.Z",
            "2026-11-29T10:0:00Z",
            "24",
            "h",
            "-5h",
            "5y",
            "1.5h",
            "99999999999999999w",
        ] {
            let err = Since::parse_at(s, now).expect_err(s);
            assert!(err.to_string().contains("24h"), "{s}: {err}");
        }
    }

    #[test]
    fn since_compares_with_stored_timestamps() {
        let since = Since::parse("2026-11-29T10:00:00Z").unwrap();
        assert!("2026-11-29T10:00:00.000Z" >= since.as_str());
        assert!("2026-11-29T10:00:00Z" >= since.as_str());
        assert!("2026-11-29T09:59:59.999Z" < since.as_str());
        let day = Since::parse("2026-11-29").unwrap();
        assert!("2026-11-29" >= day.as_str());
        assert!("2026-11-29T00:00:00.000Z" >= day.as_str());
        assert!("2026-11-28T23:59:59.999Z" < day.as_str());
    }
}
