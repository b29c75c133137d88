//! Wire copy conventions: the dateline that opens a story (`TEHRAN, Dec 6 (Reuters) -`), the
//! byline above it (`By Jane Doe and John Roe`) and the credit line that closes it
//! (`(Reporting by X; Editing by Y)`, `X contributed to this report.`). They are taken out of
//! the text into the record's `dateline`, `authors` and `credits`.
//!
//! Everything here reads structure, not word lists: a dateline is a place in capitals (or any
//! place followed by an agency in brackets), then a date or agency, then a dash and a sentence
//! in ordinary case; a byline is `By` and name-shaped words; a credit line is made only of
//! `<role> by <names>` clauses or a `<names> contributed ...` sentence. A paragraph that does
//! not fit the shape whole is left alone, so an ordinary first sentence is never cut.

use std::sync::LazyLock;

use copydesk_core::{Credit, Dateline};
use regex::Regex;

/// What the wire conventions of one article gave.
#[derive(Debug, Default, PartialEq)]
pub struct Wire {
    /// The dateline, from the text or the input.
    pub dateline: Option<Dateline>,
    /// Byline names (from the text, else from the input's author field, else the reporters
    /// of the credit line).
    pub authors: Vec<String>,
    /// Credit-line names with their roles, in text order.
    pub credits: Vec<Credit>,
}

/// How many paragraphs at the top may hold a headline, a byline and the dateline.
const LEADING: usize = 4;
/// How many paragraphs at the end may be credit lines.
const TRAILING: usize = 3;

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const WEEKDAY: &str = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?";

/// A word in capitals: letters (and marks), dots and apostrophes; a hyphen only between
/// capitals (`AL-AIN`, not `YORK--Verizon`).
const CAPS_WORD: &str = r"[A-Z\u{C0}-\u{D6}\u{D8}-\u{DE}\u{100}-\u{17F}](?:[A-Z\u{C0}-\u{D6}\u{D8}-\u{DE}\u{100}-\u{17F}\u{300}-\u{36F}.'’]|-[A-Z\u{C0}-\u{D6}\u{D8}-\u{DE}\u{100}-\u{17F}])*";
/// A word as a place in ordinary case is written (`Paris`, `St.`, `Calif.`, `N.Y.`).
const TITLE_WORD: &str = r"[A-Z\u{C0}-\u{D6}\u{D8}-\u{DE}\u{100}-\u{17F}](?:[A-Za-z\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{24F}\u{300}-\u{36F}.'’]|-[A-Za-z\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{24F}])*";

fn date_pattern() -> String {
    format!(
        r"(?:{MONTH}\x20+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\x20+[0-9]{{4}})?|[0-9]{{1,2}}\x20+{MONTH}(?:,?\x20+[0-9]{{4}})?|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|{WEEKDAY})"
    )
}

/// The parts of a dateline before its separator; `rest` is what follows the separator.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"^(?x)
        (?P<place>(?:{CAPS_WORD})(?:\x20+{CAPS_WORD}){{0,4}}|(?:{TITLE_WORD})(?:\x20+{TITLE_WORD}){{0,3}})
        (?P<region>\x20?,\x20*(?:{TITLE_WORD})(?:\x20+{TITLE_WORD}){{0,3}})?
        (?:\x20?,?\x20*(?P<date>{date})|\x20*\(\x20*(?P<pdate>{date})\x20*\))?
        (?:\x20*(?:\(\x20*(?P<agency>[A-Za-z\u{{C0}}-\u{{24F}}][A-Za-z\u{{C0}}-\u{{24F}}.&'\ -]{{0,30}}?)\x20*\)|/(?P<wire>[A-Za-z\u{{C0}}-\u{{24F}}][A-Za-z\u{{C0}}-\u{{24F}}.&\ -]{{0,30}}?)/))?
        (?P<sep>\x20*(?:--|—|–)\x20*|\x20+-\x20+|\x20*--\x20*)
        (?P<rest>\S)"
    ))
    .expect("dateline pattern")
});

/// A dateline paragraph of its own: place and date, nothing after (`LONDON 1996-12-06`).
static DATELINE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"^(?x)
        (?P<place>(?:{CAPS_WORD})(?:\x20+{CAPS_WORD}){{0,4}})
        (?P<region>\x20?,\x20*(?:{TITLE_WORD})(?:\x20+{TITLE_WORD}){{0,3}})?
        \x20?,?\x20*(?P<date>{date})
        (?:\x20*\(\x20*(?P<agency>[A-Za-z\u{{C0}}-\u{{24F}}][A-Za-z\u{{C0}}-\u{{24F}}.&'\ -]{{0,30}}?)\x20*\))?
        \x20*$"
    ))
    .expect("dateline-alone pattern")
});

/// A dateline as an input gives it on its own (NITF `<dateline>`): the place in any case,
/// an optional date and agency.
static DATELINE_GIVEN: LazyLock<Regex> = LazyLock::new(|| {
    let date = date_pattern();
    Regex::new(&format!(
        r"^(?x)
        (?P<place>(?:{TITLE_WORD})(?:\x20+(?:{TITLE_WORD}|de|da|do|del|la|el|al|of))*?)
        (?P<region>\x20?,\x20*(?:{TITLE_WORD})(?:\x20+{TITLE_WORD}){{0,3}})?
        (?:\x20?,?\x20*(?P<date>{date}(?:,?\x20+[0-9]{{4}})?))?
        (?:\x20*\(\x20*(?P<agency>[A-Za-z\u{{C0}}-\u{{24F}}][A-Za-z\u{{C0}}-\u{{24F}}.&'\ -]{{0,30}}?)\x20*\))?
        \x20*(?:--|—|–|-|:)?\x20*$"
    ))
    .expect("given-dateline pattern")
});

/// Words that open a story in capitals without being a place: wire slugs and labels.
const SLUGS: &[&str] = &[
    "ADVISORY",
    "ALERT",
    "ANALYSIS",
    "BREAKING",
    "BULLETIN",
    "COLUMN",
    "CORRECTED",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "FEATURE",
    "FLASH",
    "INSIGHT",
    "INTERVIEW",
    "LIVE",
    "NEWS",
    "OPINION",
    "PHOTOS",
    "PREVIEW",
    "REFILE",
    "REVIEW",
    "UPDATE",
    "UPDATED",
    "URGENT",
    "VIDEO",
    "WATCH",
    "WRAPUP",
];

/// Takes the wire conventions out of a normalized text (paragraphs separated by `\n`): the
/// byline and dateline paragraphs at the top, the dateline at the start of the first
/// paragraph and the credit lines at the end. `given_dateline` and `given_author` are the
/// input's own fields; the text's dateline wins over the given one, and the text's byline
/// over the given author. `edges` are the lines cleaning already trimmed off the start and
/// the end of the text ([`crate::Cleaned`]): their bylines and credit lines count too.
///
/// Returns the text without them (`None` when nothing was taken out) and what they said.
pub fn take_wire(
    text: &str,
    edges: (&[String], &[String]),
    given_dateline: Option<&str>,
    given_author: Option<&str>,
) -> (Option<String>, Wire) {
    // What edge trimming took off: bylines above the text, credit lines below it.
    let edge_authors = edges.0.iter().filter_map(|p| byline(p)).flatten();
    let edge_credits: Vec<Credit> =
        edges.1.iter().filter_map(|p| credit_line(p)).flatten().collect();
    let mut wire = Wire { authors: edge_authors.collect(), ..Wire::default() };
    if !may_have_wire(text) {
        wire.credits = edge_credits;
        fill_in(&mut wire, given_dateline, given_author);
        return (None, wire);
    }
    let mut paras: Vec<std::borrow::Cow<'_, str>> = text.split('\n').map(Into::into).collect();
    let mut keep = vec![true; paras.len()];
    let mut changed = false;

    // The top: a headline may come first, then a byline, a bare dateline or the dateline
    // that opens the first paragraph.
    let mut i = 0;
    while i < paras.len().min(LEADING) {
        let p = paras[i].as_ref();
        if let Some(names) = byline(p) {
            wire.authors.extend(names);
            keep[i] = false;
        } else if wire.dateline.is_some() {
            break;
        } else if let Some(d) = dateline_alone(p) {
            wire.dateline = Some(d);
            keep[i] = false;
            // A bare name just above a bare dateline, under a headline, is the byline.
            if i >= 2
                && keep[i - 1]
                && wire.authors.is_empty()
                && let Some(name) = name_of(&paras[i - 1])
            {
                wire.authors.push(name);
                keep[i - 1] = false;
            }
        } else if let Some((d, rest)) = dateline_prefix(p) {
            wire.dateline = Some(d);
            paras[i] = rest.to_owned().into();
            changed = true;
            break;
        } else {
            // A headline written as a sentence (`Bonds end firmer on U.S. data .`) still
            // stands above a bare dateline.
            let above_dateline =
                || p.len() <= 160 && paras.get(i + 1).is_some_and(|n| dateline_alone(n).is_some());
            if !headline_like(p) && !above_dateline() {
                break;
            }
        }
        i += 1;
    }

    // The end: credit lines, a paragraph of their own or in brackets at the end of the last.
    let mut tail: Vec<Vec<Credit>> = Vec::new();
    let start = paras.len().saturating_sub(TRAILING).max(i.min(paras.len()));
    for j in (start..paras.len()).rev() {
        if !keep[j] {
            continue;
        }
        if let Some(c) = credit_line(&paras[j]) {
            tail.push(c);
            keep[j] = false;
            continue;
        }
        if let Some((body, c)) = trailing_credit(&paras[j]) {
            tail.push(c);
            paras[j] = body.to_owned().into();
            changed = true;
        }
        break;
    }
    wire.credits = tail.into_iter().rev().flatten().chain(edge_credits).collect();

    fill_in(&mut wire, given_dateline, given_author);

    if !changed && keep.iter().all(|k| *k) {
        return (None, wire);
    }
    let mut out = String::with_capacity(text.len());
    for (p, k) in paras.iter().zip(&keep) {
        if *k && !p.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(p);
        }
    }
    (Some(out), wire)
}

/// The input's own fields where the text gave nothing, and the reporters of the credit line
/// as the authors when nothing else names them.
fn fill_in(wire: &mut Wire, given_dateline: Option<&str>, given_author: Option<&str>) {
    if wire.authors.is_empty()
        && let Some(a) = given_author
    {
        wire.authors = author_names(a);
    }
    if wire.authors.is_empty() {
        wire.authors = wire
            .credits
            .iter()
            .filter(|c| c.role == "reporting" || c.role == "writing")
            .map(|c| c.name.clone())
            .collect();
        wire.authors.dedup();
    }
    if wire.dateline.is_none() {
        wire.dateline = given_dateline.and_then(parse_given_dateline);
    }
}

/// Whether a paragraph at the top could be a byline or dateline, or one at the end a credit
/// line: most texts are looked at no further.
fn may_have_wire(text: &str) -> bool {
    let top = text.split('\n').take(LEADING).any(|p| {
        let head = &p.as_bytes()[..p.len().min(120)];
        p.starts_with("By ")
            || p.starts_with("BY ")
            || has_dash(head)
            || (p.len() <= 80 && head.iter().any(u8::is_ascii_digit))
    });
    top || text.rsplit('\n').take(TRAILING).any(|p| p.contains(" by ") || p.contains("contributed"))
}

/// A hyphen, an en dash or an em dash in `head` (not the curly quotes that share the dashes'
/// first UTF-8 byte).
fn has_dash(head: &[u8]) -> bool {
    head.contains(&b'-') || head.windows(3).any(|w| matches!(w, [0xE2, 0x80, 0x93 | 0x94]))
}

/// A dateline that opens `p`, and the sentence after it.
fn dateline_prefix(p: &str) -> Option<(Dateline, &str)> {
    // Every dateline has its dash within its first hundred bytes or so.
    if p.len() < 12 || !has_dash(&p.as_bytes()[..p.len().min(120)]) {
        return None;
    }
    let c = DATELINE.captures(p)?;
    let place = c.name("place")?.as_str();
    let caps = is_caps(place);
    let date = c.name("date").or_else(|| c.name("pdate")).map(|m| m.as_str());
    let agency = c.name("agency").or_else(|| c.name("wire")).map(|m| m.as_str());
    let region = c.name("region").map(|m| m.as_str());
    let rest = &p[c.name("rest")?.start()..];
    // A place in ordinary case is a dateline only with an agency after it (`Washington
    // (CNN) —`): `Paris - the city` is a sentence.
    if !caps && agency.is_none() {
        return None;
    }
    if agency.is_some_and(|a| !agency_like(a)) {
        return None;
    }
    if !place_like(place) {
        return None;
    }
    // A bare short word in capitals (`NATO —`, `AI -`) is an acronym, not a place.
    if caps && date.is_none() && agency.is_none() && region.is_none() && !place.contains(' ') {
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 4 {
            return None;
        }
    }
    // What follows is a sentence in ordinary case, not the rest of a shouted headline.
    if !sentence_like(rest) {
        return None;
    }
    let text = p[..c.name("sep")?.start()].trim_end();
    Some((dateline(text, place, region, date, agency), rest))
}

/// A paragraph that is a dateline and nothing else (`LONDON 1996-12-06`).
fn dateline_alone(p: &str) -> Option<Dateline> {
    if p.len() > 80 {
        return None;
    }
    let c = DATELINE_ALONE.captures(p)?;
    let place = c.name("place")?.as_str();
    if !place_like(place) {
        return None;
    }
    let agency = c.name("agency").map(|m| m.as_str());
    if agency.is_some_and(|a| !agency_like(a)) {
        return None;
    }
    let region = c.name("region").map(|m| m.as_str());
    let date = c.name("date").map(|m| m.as_str());
    Some(dateline(p.trim(), place, region, date, agency))
}

/// A dateline an input gave in a field of its own: taken as it is when it does not parse.
fn parse_given_dateline(s: &str) -> Option<Dateline> {
    let s = s.trim().trim_end_matches(['-', '—', '–', ':', ' ']);
    if s.is_empty() {
        return None;
    }
    let parsed = DATELINE_GIVEN.captures(s).and_then(|c| {
        let place = c.name("place")?.as_str();
        Some(dateline(
            s,
            place,
            c.name("region").map(|m| m.as_str()),
            c.name("date").map(|m| m.as_str()),
            c.name("agency").map(|m| m.as_str()),
        ))
    });
    Some(parsed.unwrap_or_else(|| Dateline {
        text: s.to_owned(),
        place: s.to_owned(),
        ..Dateline::default()
    }))
}

fn dateline(
    text: &str,
    place: &str,
    region: Option<&str>,
    date: Option<&str>,
    agency: Option<&str>,
) -> Dateline {
    let mut written = place.trim().to_owned();
    if let Some(r) = region {
        let r = r.trim_start_matches([' ', ',']).trim();
        written.push_str(", ");
        written.push_str(r);
    }
    Dateline {
        text: text.trim().to_owned(),
        place: written,
        date: date.map(|d| d.trim().to_owned()),
        agency: agency.map(|a| a.trim().to_owned()),
        ..Dateline::default()
    }
}

/// All letters in capitals (and at least two of them).
fn is_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// A place: no wire slug, no digits, at least two letters.
fn place_like(place: &str) -> bool {
    place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !place.chars().any(|c| c.is_ascii_digit())
        && !place.split_whitespace().any(|w| SLUGS.contains(&w.trim_matches(['.', '\'', '’'])))
}

/// An agency in brackets: one to four words, the first capitalized or an acronym
/// (`Reuters`, `AP`, `dpa`, `BUSINESS WIRE`); never a sentence.
fn agency_like(a: &str) -> bool {
    let words: Vec<&str> = a.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && (words[0].starts_with(char::is_uppercase) || words[0].len() <= 4)
        && words.iter().skip(1).all(|w| w.starts_with(char::is_uppercase))
}

/// Text in ordinary case: among its first words, some in lower case.
fn sentence_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().take(8).collect();
    words.len() >= 3
        && words.iter().filter(|w| w.chars().any(char::is_lowercase)).count() * 2 >= words.len()
}

/// A line that may stand above the dateline: short, and either not a sentence or shouted.
fn headline_like(p: &str) -> bool {
    p.len() <= 160 && (!p.trim_end().ends_with(['.', '"', '”', '?', '!']) || shouted(p))
}

fn shouted(p: &str) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for c in p.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper > 3 * lower
}

/// Job titles that follow a byline's names (`By Jane Doe, Staff Writer`).
const JOB_NOUNS: &[&str] = &[
    "Correspondent",
    "Correspondents",
    "Editor",
    "Editors",
    "Reporter",
    "Reporters",
    "Writer",
    "Writers",
    "Staff",
    "Columnist",
    "Contributor",
    "Analyst",
    "Author",
    "Authors",
];

/// The names of a byline paragraph (`By Jane Doe and John Roe`, `By JANE DOE, Associated
/// Press Writer`).
fn byline(p: &str) -> Option<Vec<String>> {
    if p.len() > 120 {
        return None;
    }
    let rest = p.strip_prefix("By ").or_else(|| p.strip_prefix("BY "))?;
    let names = name_list(rest, true)?;
    (!names.is_empty()).then_some(names)
}

/// The names of an input's author field: `By` taken off, `A, B and C` split; empty when it
/// names no person (`Reuters`, `Courier staff`).
fn author_names(a: &str) -> Vec<String> {
    let mut a = a.trim();
    // `By`, `Posted by`, `Written by:` before the names.
    for lead in ["posted by", "written by", "reported by", "by"] {
        if a.len() > lead.len()
            && a.is_char_boundary(lead.len())
            && a[..lead.len()].eq_ignore_ascii_case(lead)
        {
            a = a[lead.len()..].trim_start_matches(':').trim_start();
            break;
        }
    }
    // A date, an outlet or a link after a dash, bar or bracket (`Jane Doe - Apr 16, 2015`).
    let cut = [" - ", " — ", " – ", " | ", " (", " ·", "\n"]
        .iter()
        .filter_map(|sep| a.find(sep))
        .min()
        .unwrap_or(a.len());
    let a = a[..cut].trim().trim_end_matches(['-', '—', '–', ' ']);
    // A date after the names (`Jane Doe Monday, February 29, 2016`).
    let cut = a.split_whitespace().find(|w| is_weekday(w)).and_then(|w| a.find(w));
    let a = a[..cut.unwrap_or(a.len())].trim_end();
    // Several authors given one per comma: every part must then be a name.
    if !a.contains(" and ") && !a.contains(" & ") && a.contains(',') {
        let parts: Vec<Option<String>> = a.split([',', ';']).map(name_of).collect();
        if parts.len() > 1 && parts.iter().all(Option::is_some) {
            return parts.into_iter().flatten().collect();
        }
    }
    name_list(a, true).unwrap_or_default()
}

/// A list of names: `A`, `A and B`, `A, B and C`, each perhaps `in <Place>`; in a byline
/// (`byline`), a comma not followed by more names ends the list (`Jane Doe, Reuters`).
/// `None` when a part is not name-shaped.
fn name_list(s: &str, byline: bool) -> Option<Vec<String>> {
    let s = s.trim().trim_end_matches(['.', ' ']);
    // What follows a bar or an agency in brackets is the outlet.
    let s = s.split(" | ").next()?.split(" (").next()?.trim();
    let s = s.split(" for ").next()?.trim();
    let (list, _affiliation) = if byline && !s.contains(" and ") && !s.contains(" & ") {
        match s.split_once(',') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        }
    } else {
        (s, None)
    };
    let mut names = Vec::new();
    for part in list.split(" and ").flat_map(|p| p.split(" & ")).flat_map(|p| p.split(',')) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        // `Jane Doe in Kyiv`, `Jane Doe from London`.
        let part = part.split(" in ").next()?.split(" from ").next()?.trim();
        // An outlet's (`CNN's Alex Mooney`, `The Courier's Ana Ruiz`).
        let part = match part.rfind("'s ").or_else(|| part.rfind("’s ")) {
            Some(at) => part[at..].split_once(' ').map_or(part, |(_, name)| name),
            None => part,
        };
        // A job title after the names ends them (`A, B and C, Staff Writers`).
        if part.split_whitespace().any(|w| JOB_NOUNS.contains(&w)) {
            break;
        }
        names.push(name_of(part)?);
    }
    Some(names)
}

/// Particles that may stand in lower case inside a name.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le", "van",
    "von", "y",
];

/// A person's name: two to five words, each capitalized (or a particle), letters, dots,
/// hyphens and apostrophes only. A name in capitals is given in title case.
fn name_of(s: &str) -> Option<String> {
    let s = s.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return None;
    }
    // A day of the week is no part of a name (`Joe Wee Monday, February 29`).
    if words.iter().any(|w| is_weekday(w)) {
        return None;
    }
    let mut out = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        if !w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')) {
            return None;
        }
        if PARTICLES.contains(&w.to_lowercase().as_str()) && k > 0 && k + 1 < words.len() {
            out.push(w.to_lowercase());
            continue;
        }
        if !w.starts_with(char::is_uppercase) {
            return None;
        }
        out.push(if is_caps(w) { copydesk_core::chars::title_case(w) } else { (*w).to_owned() });
    }
    // The last word is a surname, not an initial.
    if words.last()?.trim_end_matches('.').chars().count() < 2 {
        return None;
    }
    Some(out.join(" "))
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].contains(&w)
}

/// `<Role> by <names>` clauses of a credit line.
static CREDIT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<role>(?:[A-Z][a-z]+|[a-z]+)(?:\x20[a-z]+){0,2})\x20+by\x20+(?P<names>.+)$")
        .expect("credit clause pattern")
});

/// `<names> contributed to this report`, perhaps after an outlet and job (`Associated Press
/// writers ...`).
static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:[A-Z][A-Za-z0-9_.]*\x20)+?(?:staff\x20)?(?:writers?|correspondents?|reporters?|journalists?|researchers?|photographers?)\x20+)?(?P<names>.+?)\x20+(?:also\x20+)?contributed\x20+(?:to\x20+this\x20+(?:report|story|article)|(?:additional\x20+)?reporting)(?:\x20+from\x20+[^.]+)?\.?$")
        .expect("contributed pattern")
});

/// The credits of a paragraph that is a credit line and nothing else.
fn credit_line(p: &str) -> Option<Vec<Credit>> {
    if p.len() > 400 || !(p.contains(" by ") || p.contains("contributed")) {
        return None;
    }
    let inner = p.trim().trim_end_matches('.');
    let inner = inner
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .or_else(|| inner.strip_prefix('[').and_then(|s| s.strip_suffix(']')))
        .unwrap_or(inner)
        .trim();
    let inner = inner.trim_start_matches(['-', '—', '–', ' ']);
    if let Some(c) = CONTRIBUTED.captures(inner) {
        let names = name_list(c.name("names")?.as_str(), false)?;
        if names.is_empty() {
            return None;
        }
        return Some(
            names.into_iter().map(|name| Credit { role: "contributing".into(), name }).collect(),
        );
    }
    let mut credits = Vec::new();
    for clause in inner.split(';') {
        let c = CREDIT_CLAUSE.captures(clause.trim().trim_end_matches('.'))?;
        let role = credit_role(c.name("role")?.as_str())?;
        let names = name_list(c.name("names")?.as_str(), false)?;
        if names.is_empty() {
            return None;
        }
        credits.extend(names.into_iter().map(|name| Credit { role: role.clone(), name }));
    }
    (!credits.is_empty()).then_some(credits)
}

/// A credit line in brackets at the end of the last paragraph (`... he said. (Reporting by
/// X; Editing by Y)`): the paragraph without it, and the credits.
fn trailing_credit(p: &str) -> Option<(&str, Vec<Credit>)> {
    let t = p.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind(" (")?;
    let body = t[..open].trim_end();
    if !body.ends_with(['.', '"', '”', '!', '?']) {
        return None;
    }
    let credits = credit_line(&t[open + 1..])?;
    Some((body, credits))
}

/// The role of a credit clause in lower case, as an activity: `Reporting`, `Reported` →
/// `reporting`; `Additional reporting` stays. `None` for what is not an activity (`Photo`).
fn credit_role(role: &str) -> Option<String> {
    let role = role.to_lowercase();
    let (first, last) = match role.rsplit_once(' ') {
        Some((first, last)) => (Some(first), last),
        None => (None, role.as_str()),
    };
    // compiled → compiling, edited → editing, produced → producing, written → writing.
    let activity = if last.ends_with("ing") {
        last.to_owned()
    } else if let Some(stem) = last.strip_suffix("ed") {
        format!("{stem}ing")
    } else if last == "written" {
        "writing".to_owned()
    } else {
        return None;
    };
    Some(match first {
        Some(first) => format!("{first} {activity}"),
        None => activity,
    })
}

#[cfg(test)]
mod tests;
