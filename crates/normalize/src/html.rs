//! HTML to article text, with a real HTML5 parser (`scraper`, i.e. html5ever: the same tree a
//! browser builds, whatever the markup's state).
//!
//! The body is found in the manner of Mozilla's Readability: paragraph blocks vote for their
//! enclosing elements (weighted by the elements' class/id hints and link density); the winner
//! grows to the ancestor that several near-winners share and takes its sibling blocks that
//! score well too (an article split over several containers); inside it, elements that look
//! like boilerplate (link lists, forms, embeds without text, hinted comments or share bars)
//! are dropped. Elements hinted as very unlikely content (comments, sidebars, menus...) do not
//! vote at all; when that leaves less than Readability's 500 characters, the extraction tries
//! weaker settings (the first that yields 500 characters wins, else the first that yields any
//! text), and last the densest text block, and says so ([`HtmlDoc::fallback`]). A shell or a
//! teaser page takes the story its JSON-LD, its `<noscript>` markup or its scripts' JSON state
//! holds, as a fallback too (see [`extract_html`]). Measured on the dev
//! split's 22 HTML pages against their reference texts (`scripts/eval_html.py`) and on
//! html-dev (`scripts/eval_html_dev.py`). Title, author and publication time follow
//! Readability's sources (JSON-LD, then meta tags, then the page's `<title>` and byline
//! elements). Nothing is invented: no title on the page, no title in the record.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// What was extracted from an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// The page's headline, if it has one.
    pub title: Option<String>,
    /// The body text: one paragraph per line (not yet cleaned).
    pub text: String,
    /// Publication time, as the page states it (meta tags, microdata, JSON-LD).
    pub published: Option<String>,
    /// Author, as the page states it.
    pub author: Option<String>,
    /// Canonical URL (`<link rel="canonical">`, else `og:url`).
    pub canonical: Option<String>,
    /// The text comes from a fallback (the article element yielded nothing under the normal
    /// settings), not from the element chosen first.
    pub fallback: bool,
}

/// Elements whose whole subtree is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "button", "select", "textarea", "iframe", "svg",
    "menu", "dialog", "head", "object", "embed", "canvas", "video", "audio", "input",
];

/// Page chrome skipped unless the extraction falls back to the densest text block.
const CHROME: &[&str] = &["nav", "header", "footer", "aside"];

/// Elements that keep a `<div>` holding them from being a mere paragraph (Readability's
/// test for turning a `<div>` into a `<p>`).
const PARAGRAPH_BREAKERS: &[&str] =
    &["blockquote", "dl", "div", "ol", "p", "pre", "table", "ul", "section", "article"];

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "address",
    "center",
    "form",
    "fieldset",
    "details",
    "summary",
];

/// How strict an extraction attempt is: each later one keeps more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Pass {
    /// Very unlikely elements (comments, sidebars, menus) neither vote nor count; class hints
    /// weigh; boilerplate-looking elements inside the article are dropped.
    Strict,
    /// Unlikely elements vote too (and may hold the article; those inside it still go).
    KeepUnlikely,
    /// Class hints ignored.
    NoHints,
    /// The densest text block, page chrome (`header`, `aside`...) included, nothing dropped.
    Densest,
}

/// Extracts title and body text from an HTML page or fragment.
///
/// The body is chosen in the manner of Readability (see the module doc): every paragraph
/// block with real text votes for its enclosing elements, up to five levels up with falling
/// weight; elements start with a bonus by tag and class/id hint (`article`, `content`, `story`
/// up; `comment`, `sidebar`, `related`, `share`, `promo` down), and end scaled by the share of
/// their text outside links. When the chosen element yields less than 500 characters, weaker
/// settings are tried (Readability's retries), last the densest text block ([`HtmlDoc::fallback`] is then set).
pub fn extract_html(html: &str) -> HtmlDoc {
    let doc = Html::parse_document(html);
    let meta = PageMeta::read(&doc);
    let title = meta.title(&doc);
    let (mut text, mut fallback) = body_text(&doc, Pass::Strict, title.as_deref());
    // A page rendered by its scripts has little text in its visible markup; its JSON-LD may
    // carry the article's body (taken where the visible markup gave less than Readability's
    // 500 characters and the body is clearly longer: half as many bytes again and 200 more),
    // or the page may hide the whole story until a script shows it (taken where the visible
    // text is a line at most, under 200 characters: a gate, an empty shell). Both as
    // fallbacks.
    let chars = text.chars().count();
    let hidden = (chars < 200).then(|| hidden_text(&doc, title.as_deref()));
    // (Read once, for both uses below.)
    let ld_body = if chars < 1500 { meta.article_body() } else { None };
    if chars < 500 {
        for other in [ld_body.clone(), hidden] {
            if let Some(other) = other
                && other.len() > text.len() * 3 / 2 + 200
            {
                (text, fallback) = (other, true);
            }
        }
    }
    // A shell or a teaser: the visible markup gives a headline, a deck and maybe the first
    // paragraph (a paywall, a "loading" placeholder), while the story is whole in the page's
    // JSON-LD, in its `<noscript>` markup, or in the state its scripts render from
    // (`__NEXT_DATA__`, `window.__INITIAL_STATE__ = {...}`). The source with the most prose
    // wins when it has clearly more than the visible text (twice as much and 300 characters
    // more), as a fallback. (Only short extractions ask: most pages never parse their
    // scripts.)
    if text.chars().count() < 1500 {
        let here = prose(&text);
        let best = [ld_body, noscript_text(&doc, title.as_deref()), script_state_text(&doc)]
            .into_iter()
            .flatten()
            .map(|t| (prose(&t), t))
            .max_by_key(|(p, _)| *p);
        // (Where the visible text has a paragraph of its own, the other must hold it: the
        // page is a teaser of that story, not a short story beside some other long text.)
        // (Where it has none, a shell, the other must share a word of the headline: a
        // brief's page may carry some other long text in its scripts.)
        let teaser = |other: &str| {
            if here >= 200 {
                let longest = text.lines().map(str::trim).max_by_key(|l| l.len()).unwrap_or("");
                return fold_ws(other).contains(&fold_ws(longest));
            }
            let other = other.to_lowercase();
            title.as_deref().is_none_or(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 5)
                    .any(|w| other.contains(&w.to_lowercase()))
            })
        };
        if let Some((p, other)) = best
            && p >= 2 * here + 300
            && teaser(&other)
        {
            (text, fallback) = (other, true);
        }
    }
    HtmlDoc {
        title,
        text,
        published: meta.published(&doc),
        author: meta.author(&doc),
        canonical: first_attr(
            &doc,
            &[(r#"link[rel="canonical"]"#, "href"), (r#"meta[property="og:url"]"#, "content")],
        )
        .filter(|u| u.starts_with("http")),
        fallback,
    }
}

/// The page's text as the fallback extractions find it (unlikely elements and page chrome
/// kept): for a page whose article text came out empty once cleaned.
pub fn extract_html_fallback(html: &str) -> String {
    let doc = Html::parse_document(html);
    let title = PageMeta::read(&doc).title(&doc);
    body_text(&doc, Pass::KeepUnlikely, title.as_deref()).0
}

/// The page's `<body>`, or the whole document when it has none.
fn body_of(doc: &Html) -> ElementRef<'_> {
    Selector::parse("body")
        .ok()
        .and_then(|sel| doc.select(&sel).next())
        .unwrap_or_else(|| doc.root_element())
}

/// The article text of the first attempt from `first` on that yields some, and whether it
/// was a fallback.
fn body_text(doc: &Html, first: Pass, title: Option<&str>) -> (String, bool) {
    let scope = body_of(doc);
    let mut w = Walker::default();
    w.walk(scope, false);
    // Readability's rule: an attempt that yields fewer than `CHAR_THRESHOLD` characters gives
    // way to the next, weaker one; when none yields that much, the longest wins.
    const CHAR_THRESHOLD: usize = 500;
    let mut best: Option<(String, usize, Pass)> = None;
    for pass in [Pass::Strict, Pass::KeepUnlikely, Pass::NoHints] {
        if pass < first {
            continue;
        }
        let text = w.article(pass, title);
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let len = text.chars().count();
        if len >= CHAR_THRESHOLD {
            return (text, pass > Pass::Strict);
        }
        if best.is_none() {
            best = Some((text, len, pass));
        }
    }
    if let Some((text, _, pass)) = best {
        return (text, pass > Pass::Strict);
    }
    w = Walker::default();
    w.walk(scope, true);
    let text = w.article(Pass::Densest, title);
    if text.chars().any(char::is_alphanumeric) {
        return (text, true);
    }
    (String::new(), first > Pass::Strict)
}

/// What a page hides until its scripts run, read as the densest text block: with its hidden
/// elements too when that is clearly more than the visible densest block (a story shown after
/// a consent or paywall script); else, when nothing at all is visible, the markup it keeps
/// for readers without scripts (`<noscript>`, which the parser keeps as raw text).
fn hidden_text(doc: &Html, title: Option<&str>) -> String {
    let scope = body_of(doc);
    let densest = |hidden_too: bool| {
        let mut w = Walker { hidden_too, ..Walker::default() };
        w.walk(scope, true);
        w.article(Pass::Densest, title)
    };
    let (visible, text) = (densest(false), densest(true));
    if text.len() > visible.len() * 3 / 2 + 200 {
        return text;
    }
    if !visible.is_empty() {
        return String::new();
    }
    noscript_text(doc, title).unwrap_or_default()
}

/// Characters of prose in `text`: of its lines of 60 characters or more that end a sentence
/// (a deck, a caption and a menu line mostly do not).
fn prose(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            l.chars().count() >= 60
                && l.trim_end_matches(['"', '\'', '”', '’', '»', ')'])
                    .ends_with(['.', '!', '?', '…', ':'])
        })
        .map(|l| l.chars().count())
        .sum()
}

/// The text of the page's `<noscript>` markup (kept as raw text by the parser), read as the
/// densest text block: a story shown only to readers without scripts.
fn noscript_text(doc: &Html, title: Option<&str>) -> Option<String> {
    let sel = Selector::parse("noscript").ok()?;
    let markup: String = doc
        .select(&sel)
        .flat_map(|n| n.text())
        .filter(|t| t.contains('<'))
        .collect::<Vec<_>>()
        .join("\n");
    if markup.is_empty() {
        return None;
    }
    let fragment = Html::parse_fragment(&markup);
    let mut w = Walker { hidden_too: true, ..Walker::default() };
    w.walk(fragment.root_element(), true);
    Some(w.article(Pass::Densest, title)).filter(|t| t.chars().any(char::is_alphanumeric))
}

/// The story held in the state a page's scripts render from: the JSON of a `<script>` (an
/// `application/json` one such as Next.js's `__NEXT_DATA__`, or an object assigned in one,
/// `window.__INITIAL_STATE__ = {...}`). Of its strings, the one with the most prose (HTML
/// read as such); of its lists of text blocks (`[{"type": "text", "content": "..."}]`), the
/// blocks joined. `None` when no script holds such JSON.
fn script_state_text(doc: &Html) -> Option<String> {
    const MAX: usize = 4 << 20;
    let sel = Selector::parse("script:not([src])").ok()?;
    let mut best: Option<(usize, String)> = None;
    for script in doc.select(&sel) {
        let kind = script.value().attr("type").unwrap_or("").to_ascii_lowercase();
        if kind.contains("ld+json")
            || !(kind.is_empty() || kind.contains("json") || kind.contains("javascript"))
        {
            continue;
        }
        let code: String = script.text().collect();
        if code.len() > MAX || !code.contains("\"") {
            continue;
        }
        let (Some(a), Some(b)) = (code.find('{'), code.rfind('}')) else { continue };
        if b <= a {
            continue;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&code[a..=b]) else { continue };
        let mut found = Vec::new();
        state_texts(&v, 0, &mut found);
        for t in found {
            let p = prose(&t);
            if best.as_ref().is_none_or(|(q, _)| p > *q) {
                best = Some((p, t));
            }
        }
    }
    best.filter(|(p, _)| *p > 0).map(|(_, t)| t)
}

/// Texts a JSON value may hold a story in (see [`script_state_text`]).
fn state_texts(v: &serde_json::Value, depth: usize, out: &mut Vec<String>) {
    use serde_json::Value;
    if depth > 64 {
        return;
    }
    let block = |v: &Value| -> Option<String> {
        let s = match v {
            Value::String(s) => s.as_str(),
            // (A block's text is its longest string, whatever its field's name: `content`,
            // `html`, `text`...)
            Value::Object(m) => m
                .values()
                .filter_map(Value::as_str)
                .filter(|s| !s.starts_with("http") && s.contains(' '))
                .max_by_key(|s| s.len())?,
            _ => return None,
        };
        Some(markup_text(s)).filter(|t| !t.is_empty())
    };
    match v {
        Value::String(s) if s.len() >= 200 => out.push(markup_text(s)),
        Value::Array(items) => {
            let blocks: Vec<String> = items.iter().filter_map(block).collect();
            if blocks.len() >= 3 {
                out.push(blocks.join("\n"));
            }
            for i in items {
                state_texts(i, depth + 1, out);
            }
        }
        Value::Object(m) => {
            for i in m.values() {
                state_texts(i, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// A string of a page's script state as text: HTML read as the densest text block, else its
/// lines.
fn markup_text(s: &str) -> String {
    if s.contains("</") || s.contains("<p") || s.contains("<br") {
        let fragment = Html::parse_fragment(s);
        let mut w = Walker::default();
        w.walk(fragment.root_element(), true);
        w.article(Pass::Densest, None)
    } else {
        s.lines().map(fold_ws).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
    }
}

/// The first non-empty `attr` of an element matching one of the selectors, in order.
fn first_attr(doc: &Html, sources: &[(&str, &str)]) -> Option<String> {
    sources.iter().find_map(|(sel, attr)| {
        let sel = Selector::parse(sel).ok()?;
        doc.select(&sel)
            .filter_map(|e| e.value().attr(attr))
            .map(|v| unescape_twice_escaped(&fold_ws(v)))
            .find(|v| !v.is_empty())
    })
}

/// CMSs often escape attribute values twice (`O&amp;#039;Donnell`): the parser undoes one
/// level; this undoes the common entities of the second.
fn unescape_twice_escaped(v: &str) -> String {
    if !v.contains('&') {
        return v.to_owned();
    }
    v.replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The page's JSON-LD objects, in page order (flattening arrays and `@graph`), each with
/// whether it is in a schema.org context (its own `@context`, or that of the object around it).
fn json_ld(doc: &Html) -> Vec<(serde_json::Value, bool)> {
    fn schema_org(m: &serde_json::Map<String, serde_json::Value>) -> Option<bool> {
        let ctx = m.get("@context")?;
        let s = ctx.as_str().or_else(|| ctx.get("@vocab")?.as_str())?;
        let s = s.trim_end_matches('/');
        Some(s == "http://schema.org" || s == "https://schema.org")
    }
    fn flatten(
        v: serde_json::Value,
        ctx: bool,
        depth: usize,
        out: &mut Vec<(serde_json::Value, bool)>,
    ) {
        if depth > 8 {
            return;
        }
        match v {
            serde_json::Value::Array(items) => {
                for v in items {
                    flatten(v, ctx, depth + 1, out);
                }
            }
            serde_json::Value::Object(mut m) => {
                let ctx = schema_org(&m).unwrap_or(ctx);
                let graph = m.remove("@graph");
                out.push((serde_json::Value::Object(m), ctx));
                if let Some(g) = graph {
                    flatten(g, ctx, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for script in doc.select(&sel) {
        let text: String = script.text().collect();
        let text = text.trim();
        let text = text.strip_prefix("<![CDATA[").unwrap_or(text);
        let text = text.strip_suffix("]]>").unwrap_or(text);
        let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else { continue };
        flatten(v, false, 0, &mut out);
    }
    out
}

fn ld_string(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(fold_ws).filter(|s| !s.is_empty())
}

/// A JSON-LD person or organization: a name, an object with `name`, or a list of them.
fn ld_name(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => {
            Some(fold_ws(s)).filter(|s| !s.is_empty() && !s.starts_with("http"))
        }
        serde_json::Value::Object(m) => m.get("name").and_then(ld_name),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// The page's metadata as Readability reads it: the first JSON-LD object of an article type
/// (schema.org), and the `<meta>` tags by normalized name (`og:title`, `dc:creator`, `author`,
/// `parsely-pub-date`...; a later tag wins over an earlier one of the same name).
#[derive(Default)]
struct PageMeta {
    ld: Option<serde_json::Value>,
    /// All JSON-LD objects (for fields the article object lacks).
    all_ld: Vec<serde_json::Value>,
    values: Vec<(String, String)>,
}

impl PageMeta {
    fn read(doc: &Html) -> PageMeta {
        let ld = json_ld(doc);
        let mut m = PageMeta {
            ld: ld.iter().find(|(v, ctx)| *ctx && is_article_ld(v)).map(|(v, _)| v.clone()),
            all_ld: ld.into_iter().map(|(v, _)| v).collect(),
            ..PageMeta::default()
        };
        let Ok(sel) = Selector::parse("meta[content]") else { return m };
        for e in doc.select(&sel) {
            let e = e.value();
            let Some(content) = e.attr("content").map(|c| unescape_twice_escaped(&fold_ws(c)))
            else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            let mut named = false;
            if let Some(prop) = e.attr("property") {
                for p in prop.split_whitespace() {
                    let p = p.to_ascii_lowercase();
                    if let Some((pre, name)) = p.split_once(':')
                        && ["article", "dc", "dcterm", "og", "twitter"].contains(&pre)
                        && [
                            "author",
                            "creator",
                            "description",
                            "published_time",
                            "title",
                            "site_name",
                        ]
                        .contains(&name)
                    {
                        m.set(p.clone(), &content);
                        named = true;
                    }
                }
            }
            if !named && let Some(name) = e.attr("name").or_else(|| e.attr("itemprop")) {
                let name = name.trim().to_ascii_lowercase().replace('.', ":");
                let (pre, last) = match name.rfind([':', '-']) {
                    Some(i) => (&name[..i], &name[i + 1..]),
                    None => ("", name.as_str()),
                };
                let known_pre = ["", "dc", "dcterm", "og", "twitter", "parsely"].contains(&pre)
                    || pre.starts_with("weibo:");
                let known =
                    ["author", "creator", "title", "site_name", "description"].contains(&last);
                if (known_pre && known) || name == "parsely-pub-date" {
                    m.set(name, &content);
                }
            }
        }
        m
    }

    fn set(&mut self, name: String, value: &str) {
        match self.values.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value.to_owned(),
            None => self.values.push((name, value.to_owned())),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// JSON-LD `name`/`headline` (the one closer to the `<title>` when they differ), else the
    /// title meta tags, else the `<title>` minus the site name (or the only `<h1>`).
    /// The article's body as its JSON-LD gives it (`articleBody`: plain text, paragraphs on
    /// lines of their own, or markup, whose text is read).
    fn article_body(&self) -> Option<String> {
        let body =
            self.ld.iter().chain(&self.all_ld).find_map(|v| v.get("articleBody")?.as_str())?;
        Some(markup_text(body)).filter(|t| t.chars().any(char::is_alphanumeric))
    }

    fn title(&self, doc: &Html) -> Option<String> {
        if let Some(ld) = &self.ld {
            let name = ld.get("name").and_then(ld_string);
            let headline = ld.get("headline").and_then(ld_string);
            match (name, headline) {
                (Some(n), Some(h)) if n != h => {
                    let page = document_title(doc).unwrap_or_default();
                    let by_name = text_similarity(&n, &page) > 0.75;
                    let by_headline = text_similarity(&h, &page) > 0.75;
                    return Some(if by_headline && !by_name { h } else { n });
                }
                (Some(t), _) | (None, Some(t)) => return Some(t),
                (None, None) => {}
            }
        }
        [
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ]
        .iter()
        .find_map(|k| self.get(k))
        .map(str::to_owned)
        .or_else(|| document_title(doc))
        .filter(|t| !t.is_empty())
    }

    /// JSON-LD author names, the author meta tags, else a byline element of the page.
    fn author(&self, doc: &Html) -> Option<String> {
        self.ld
            .as_ref()
            .and_then(|v| ld_name(v.get("author")?))
            .or_else(|| {
                ["dc:creator", "dcterm:creator", "author", "parsely-author"]
                    .iter()
                    .find_map(|k| self.get(k))
                    .map(str::to_owned)
            })
            .or_else(|| self.get("article:author").filter(|a| !is_url(a)).map(str::to_owned))
            .or_else(|| self.all_ld.iter().find_map(|v| ld_name(v.get("author")?)))
            .or_else(|| byline_element(doc))
    }

    fn published(&self, doc: &Html) -> Option<String> {
        self.ld
            .as_ref()
            .and_then(|v| ld_string(v.get("datePublished")?))
            .or_else(|| self.get("article:published_time").map(str::to_owned))
            .or_else(|| self.get("parsely-pub-date").map(str::to_owned))
            .or_else(|| {
                first_attr(
                    doc,
                    &[
                        (r#"meta[itemprop="datePublished"]"#, "content"),
                        (r#"time[itemprop="datePublished"]"#, "datetime"),
                        (r#"meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], meta[name="dc.date.issued"], meta[name="DC.date.issued"], meta[name="sailthru.date"]"#, "content"),
                    ],
                )
            })
            .or_else(|| self.all_ld.iter().find_map(|v| ld_string(v.get("datePublished")?)))
            .or_else(|| first_attr(doc, &[("time[pubdate]", "datetime")]))
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// A JSON-LD object of an article type, in a schema.org context (Readability's test).
fn is_article_ld(v: &serde_json::Value) -> bool {
    const TYPES: &[&str] = &[
        "AdvertiserContentArticle",
        "NewsArticle",
        "AnalysisNewsArticle",
        "AskPublicNewsArticle",
        "BackgroundNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "ReviewNewsArticle",
        "Report",
        "SatiricalArticle",
        "ScholarlyArticle",
        "MedicalScholarlyArticle",
        "SocialMediaPosting",
        "BlogPosting",
        "LiveBlogPosting",
        "DiscussionForumPosting",
        "TechArticle",
        "APIReference",
    ];
    let article_type = |t: &str| t.starts_with("Article") || TYPES.iter().any(|k| t.contains(k));
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => article_type(t),
        Some(serde_json::Value::Array(ts)) => {
            ts.iter().filter_map(|t| t.as_str()).any(article_type)
        }
        _ => false,
    }
}

/// Readability's similarity of two titles: the share of `b`'s text (as lower-case words) made
/// of words that `a` also has.
fn text_similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        // JavaScript's `\W`: ASCII word characters only.
        s.to_lowercase()
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (ta, tb) = (words(a), words(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let uniq: Vec<&str> = tb.iter().filter(|w| !ta.contains(w)).map(String::as_str).collect();
    let all = tb.join(" ").len();
    1.0 - uniq.join(" ").len() as f64 / all as f64
}

/// The `<title>` as a headline (Readability's rules): a final ` | Site` part is cut (the first
/// part instead when too little is left), `Site: Headline` keeps the headline unless a heading
/// shows the whole; a title too long or too short gives way to the page's only `<h1>`; a result
/// of four words or fewer that lost more than the site name goes back to the whole title.
fn document_title(doc: &Html) -> Option<String> {
    let sel = Selector::parse("title").ok()?;
    let orig = fold_ws(&doc.select(&sel).next()?.text().collect::<String>());
    let words = |s: &str| s.split_whitespace().count().max(1);
    let is_sep =
        |c: char| matches!(c, '|' | '-' | '\u{2013}' | '\u{2014}' | '\\' | '/' | '>' | '\u{bb}');
    // Positions of " X " separators.
    let seps: Vec<usize> = orig
        .char_indices()
        .filter(|&(i, c)| {
            is_sep(c) && orig[..i].ends_with(' ') && orig[i + c.len_utf8()..].starts_with(' ')
        })
        .map(|(i, _)| i - 1)
        .collect();
    let mut hierarchical = false;
    let mut cur = orig.clone();
    if let Some(&last) = seps.last() {
        hierarchical = seps
            .iter()
            .any(|&i| matches!(orig[i + 1..].chars().next(), Some('\\' | '/' | '>' | '\u{bb}')));
        cur = orig[..last].to_owned();
        if words(&cur) < 3 {
            // Drop the first part instead.
            cur = match orig.char_indices().find(|&(_, c)| is_sep(c)) {
                Some((i, c)) => orig[i + c.len_utf8()..].to_owned(),
                None => orig.clone(),
            };
        }
    } else if orig.contains(": ") {
        let hsel = Selector::parse("h1, h2").ok()?;
        let matched = doc.select(&hsel).any(|h| fold_ws(&h.text().collect::<String>()) == orig);
        if !matched {
            let after_last = &orig[orig.rfind(':').map_or(0, |i| i + 1)..];
            let first = orig.find(':').unwrap_or(0);
            if words(after_last) < 3 {
                cur = orig[first + 1..].to_owned();
            } else if words(&orig[..first]) > 5 {
                cur = orig.clone();
            } else {
                cur = after_last.to_owned();
            }
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        let hsel = Selector::parse("h1").ok()?;
        let h1s: Vec<_> = doc.select(&hsel).take(2).collect();
        if h1s.len() == 1 {
            cur = fold_ws(&h1s[0].text().collect::<String>());
        }
    }
    let cur = fold_ws(&cur);
    let n = words(&cur);
    let stripped: String = orig.chars().filter(|&c| !is_sep(c)).collect();
    let short = n <= 4 && (!hierarchical || n != words(&stripped) - 1);
    let cur = if short { orig } else { cur };
    (!cur.is_empty()).then_some(cur)
}

/// The first element, in page order, marked as the byline (`rel=author`, `itemprop=author`, a
/// class or id with `byline`, `author`, `dateline` or `writtenby`) with a short text.
fn byline_element(doc: &Html) -> Option<String> {
    let sel = Selector::parse("body *").ok()?;
    for e in doc.select(&sel) {
        let v = e.value();
        let named = |s: &str| {
            ["byline", "author", "dateline", "writtenby"].iter().any(|w| {
                s.as_bytes().windows(w.len()).any(|b| b.eq_ignore_ascii_case(w.as_bytes()))
            })
        };
        let marked = v.attr("rel") == Some("author")
            || v.attr("itemprop").is_some_and(|p| p.contains("author"))
            || v.attr("class").is_some_and(named)
            || v.id().is_some_and(named);
        if !marked
            || SKIP.contains(&v.name())
            || is_hidden(v)
            || e.ancestors().filter_map(ElementRef::wrap).any(|a| is_hidden(a.value()))
        {
            continue;
        }
        let text: String = e.text().collect();
        let text = text.trim();
        if !text.is_empty() && text.chars().count() < 100 {
            return Some(fold_ws(text));
        }
    }
    None
}

/// How deep elements nest in `html`, estimated without parsing: opening minus closing tags,
/// not counting void elements and those whose end tag may be left out (`p`, `li`, `td`...).
/// The HTML5 tree builder needs time quadratic in the nesting depth (10,000 levels: 0.2 s;
/// 100,000: 28 s), so pages nested absurdly deep are refused before parsing.
pub(crate) fn estimated_depth(html: &str) -> usize {
    const NO_END: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"rb",
        b"rt",
        b"rp",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"html",
        b"head",
        b"body",
        b"param",
        b"keygen",
        b"command",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match memchr::memmem::find(&b[i..], b"-->") {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if len == 0 {
            continue;
        }
        let name = b[start..start + len].to_ascii_lowercase();
        if NO_END.contains(&name.as_slice()) {
            continue;
        }
        let self_closing =
            memchr::memchr(b'>', &b[start..]).is_some_and(|gt| gt > 0 && b[start + gt - 1] == b'/');
        if close {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// No element (a parent of the root, an untracked element).
const NONE: u32 = u32::MAX;

/// An element of the page as the extraction sees it: where it is, what its class says, and
/// totals over its subtree.
struct Elem<'a> {
    name: &'a str,
    parent: u32,
    /// Class/id hint: +1 for names that say "article", -1 for "boilerplate", 0 for both or
    /// neither.
    hint: i8,
    /// Names that say "surely not the article" (comments, sidebar, menu...).
    unlikely: bool,
    /// Named as a share bar (the word `share` or `sharedaddy`).
    share: bool,
    class: &'a str,
    /// Child elements (tracked ones).
    children: u32,
    /// Subtree totals: text characters, characters inside links, commas, characters of
    /// headings, characters inside lists; `<p>`, `<li>`, `<img>`, form controls and embeds.
    chars: u32,
    links: u32,
    commas: u32,
    heading_chars: u32,
    list_chars: u32,
    p: u32,
    li: u32,
    img: u32,
    input: u32,
    embed: u32,
    /// Blocks flushed while this element was the innermost one.
    own_blocks: u32,
    /// Block-level elements inside it (none: a `<div>` that is only a paragraph).
    block_kids: u32,
    /// Characters inside descendants hinted as very unlikely content.
    unlikely_chars: u32,
    /// Blocks inside it that open with a slide counter (`1/50`, `3 of 12`): a gallery's.
    counters: u32,
    /// Links inside it to an author's page (`/author/jane-roe`, `?author=...`, `rel=author`).
    author_links: u32,
}

/// Whether a block opens with a slide counter: `1/50`, `12 / 50`, `3 of 12`, then a space or
/// nothing.
fn slide_counter(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |at: usize| b[at.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits(0);
    if !(1..=3).contains(&n) {
        return false;
    }
    let rest = text[n..].trim_start();
    let Some(rest) = rest.strip_prefix('/').or_else(|| rest.strip_prefix("of ")) else {
        return false;
    };
    let rest = rest.trim_start();
    let m = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&m) && rest[m..].chars().next().is_none_or(char::is_whitespace)
}

/// Two class attributes of which one holds every class of the other (`comment-piece__text` and
/// `comment-piece__text comment-piece__text--footer`; not `wp-block-group article-body` and
/// `wp-block-group comments-area`); never two empty ones.
fn same_classes(a: &str, b: &str) -> bool {
    let within = |x: &str, y: &str| {
        x.split_ascii_whitespace().all(|c| y.split_ascii_whitespace().any(|d| d == c))
    };
    !a.trim().is_empty() && !b.trim().is_empty() && (within(a, b) || within(b, a))
}

/// Two class attributes of one family: equal, or the same first class (`story-body
/// story-body-1`, `story-body story-body-2`); never two empty ones.
fn same_family(a: &str, b: &str) -> bool {
    fn first(c: &str) -> &str {
        c.split_ascii_whitespace().next().unwrap_or("")
    }
    !a.is_empty() && (a == b || first(a) == first(b))
}

/// A paragraph-like block of the page.
struct Block {
    text: String,
    chars: u32,
    /// Characters of the block inside links.
    links: u32,
    commas: u32,
    /// The innermost element holding it.
    elem: u32,
    /// The block is the whole of `elem` (rather than loose text beside its child blocks).
    whole: bool,
    /// Inside an element hinted as very unlikely content.
    unlikely: bool,
}

#[derive(Default)]
struct Walker<'a> {
    elems: Vec<Elem<'a>>,
    blocks: Vec<Block>,
    para: String,
    link_chars: usize,
    in_link: usize,
    unlikely: usize,
    stack: Vec<u32>,
    /// Read hidden elements too (the last resort for a page that hides its whole text).
    hidden_too: bool,
}

impl<'a> Walker<'a> {
    /// Walks the subtree of `el` without recursion (a page may nest elements thousands deep):
    /// text goes into the current paragraph, block elements end paragraphs, skipped elements
    /// are passed over whole (page chrome too, unless `chrome`). Below `MAX_DEPTH` elements
    /// are still read but no longer tracked.
    fn walk(&mut self, el: ElementRef<'a>, chrome: bool) {
        const MAX_DEPTH: usize = 256;
        let mut skipping: Option<NodeId> = None;
        // Per open element: (tracked?, block?, link?, unlikely?).
        let mut open: Vec<(bool, bool, bool, bool)> = Vec::new();
        for edge in el.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => {
                            if self.in_link > 0 {
                                self.link_chars += t.trim().chars().count();
                            }
                            self.para.push_str(t);
                        }
                        Node::Element(e) => {
                            let name = e.name();
                            let top = self.stack.last().copied();
                            match name {
                                "img" if !is_hidden(e) => self.count(top, |x| x.img += 1),
                                "a" if e.attr("rel") == Some("author")
                                    || e.attr("href").is_some_and(author_page) =>
                                {
                                    self.count(top, |x| x.author_links += 1);
                                }
                                "input" | "select" | "textarea" => {
                                    self.count(top, |x| x.input += 1);
                                }
                                "iframe" | "embed" | "object" | "video" => {
                                    self.count(top, |x| x.embed += 1);
                                }
                                _ => {}
                            }
                            if SKIP.contains(&name)
                                || (!chrome && CHROME.contains(&name))
                                || (!self.hidden_too && is_hidden(e))
                                || screen_reader_only(e)
                            {
                                skipping = Some(node.id());
                                continue;
                            }
                            let block = BLOCK.contains(&name);
                            if block {
                                self.flush(false);
                            }
                            let link = name == "a";
                            self.in_link += usize::from(link);
                            let tracked = self.stack.len() < MAX_DEPTH;
                            let mut unlikely = false;
                            if tracked {
                                let (hint, u, share) = hint(e);
                                unlikely = u && !self.stack.is_empty();
                                self.push(e, hint, unlikely, share);
                            }
                            self.unlikely += usize::from(unlikely);
                            open.push((tracked, block, link, unlikely));
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skipping {
                        if id == node.id() {
                            skipping = None;
                        }
                        continue;
                    }
                    if !matches!(node.value(), Node::Element(_)) {
                        continue;
                    }
                    let Some((tracked, block, link, unlikely)) = open.pop() else { continue };
                    if block {
                        self.flush(true);
                    }
                    if tracked {
                        self.pop();
                    }
                    self.in_link -= usize::from(link);
                    self.unlikely -= usize::from(unlikely);
                }
            }
        }
        self.flush(false);
    }

    fn count(&mut self, top: Option<u32>, f: impl FnOnce(&mut Elem<'a>)) {
        if let Some(i) = top {
            f(&mut self.elems[i as usize]);
        }
    }

    fn push(&mut self, e: &'a scraper::node::Element, hint: i8, unlikely: bool, share: bool) {
        let parent = self.stack.last().copied().unwrap_or(NONE);
        if parent != NONE {
            self.elems[parent as usize].children += 1;
        }
        let name = e.name();
        let i = self.elems.len() as u32;
        self.elems.push(Elem {
            name,
            parent,
            hint,
            unlikely,
            share,
            class: e.attr("class").unwrap_or("").trim(),
            children: 0,
            chars: 0,
            links: 0,
            commas: 0,
            heading_chars: 0,
            list_chars: 0,
            p: u32::from(name == "p"),
            li: u32::from(name == "li"),
            img: 0,
            input: 0,
            embed: 0,
            own_blocks: 0,
            block_kids: 0,
            unlikely_chars: 0,
            counters: 0,
            author_links: 0,
        });
        self.stack.push(i);
    }

    /// Closes the innermost tracked element: its totals go to its parent's.
    fn pop(&mut self) {
        let Some(i) = self.stack.pop() else { return };
        let e = &mut self.elems[i as usize];
        if matches!(e.name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            e.heading_chars = e.chars;
        }
        if matches!(e.name, "ul" | "ol") {
            e.list_chars = e.chars;
        }
        let e = &self.elems[i as usize];
        let (chars, links, commas, heading, list) =
            (e.chars, e.links, e.commas, e.heading_chars, e.list_chars);
        let (p, li, img, input, embed) = (e.p, e.li, e.img, e.input, e.embed);
        let kids = e.block_kids + u32::from(PARAGRAPH_BREAKERS.contains(&e.name));
        let unlikely_chars = if e.unlikely { e.chars } else { e.unlikely_chars };
        let (counters, author_links) = (e.counters, e.author_links);
        let parent = e.parent;
        if parent != NONE {
            let up = &mut self.elems[parent as usize];
            up.chars += chars;
            up.links += links;
            up.commas += commas;
            up.heading_chars += heading;
            up.list_chars += list;
            up.p += p;
            up.li += li;
            up.img += img;
            up.input += input;
            up.embed += embed;
            up.block_kids += kids;
            up.unlikely_chars += unlikely_chars;
            up.counters += counters;
            up.author_links += author_links;
        }
    }

    /// Ends the current paragraph; `closing` when the innermost element ends with it.
    fn flush(&mut self, closing: bool) {
        let p = fold_ws(&self.para);
        self.para.clear();
        let links = std::mem::take(&mut self.link_chars) as u32;
        if p.is_empty() {
            return;
        }
        let elem = self.stack.last().copied().unwrap_or(NONE);
        let chars = p.chars().count() as u32;
        let commas = p.matches([',', '\u{3001}', '\u{FF0C}', '\u{060C}']).count() as u32;
        let mut whole = false;
        if elem != NONE {
            let e = &mut self.elems[elem as usize];
            whole = closing && e.own_blocks == 0;
            e.own_blocks += 1;
            e.chars += chars;
            e.links += links.min(chars);
            e.commas += commas;
            e.counters += u32::from(slide_counter(&p));
        }
        self.blocks.push(Block {
            text: p,
            chars,
            links: links.min(chars),
            commas,
            elem,
            whole,
            unlikely: self.unlikely > 0,
        });
    }

    fn parent(&self, i: u32) -> u32 {
        if i == NONE { NONE } else { self.elems[i as usize].parent }
    }

    fn link_density(&self, i: u32) -> f64 {
        let e = &self.elems[i as usize];
        f64::from(e.links) / f64::from(e.chars.max(1))
    }

    /// The scores of the candidate elements (`NaN` for elements no block voted for).
    fn scores(&self, pass: Pass) -> Vec<f64> {
        const DIVIDERS: [f64; 5] = [1.0, 2.0, 6.0, 9.0, 12.0];
        let mut score = vec![f64::NAN; self.elems.len()];
        for b in &self.blocks {
            if (pass == Pass::Strict && b.unlikely) || b.chars < 25 || b.links * 2 > b.chars {
                continue;
            }
            let vote = 1.0 + f64::from(b.commas) + f64::from(b.chars / 100).min(3.0);
            // The block's own element is the paragraph; loose text's element is its container.
            let mut e = if b.whole { self.parent(b.elem) } else { b.elem };
            // A `<div>` around nothing but this paragraph is only a wrapper: its parent is the
            // paragraph's container.
            if b.whole
                && e != NONE
                && self.elems[e as usize].name == "div"
                && self.elems[e as usize].children == 1
                && self.elems[e as usize].own_blocks == 0
                && self.parent(e) != NONE
            {
                e = self.parent(e);
            }
            if e == NONE {
                e = b.elem;
            }
            for div in DIVIDERS {
                if e == NONE {
                    break;
                }
                let s = &mut score[e as usize];
                if s.is_nan() {
                    *s = self.initial_score(e, pass);
                }
                *s += vote / div;
                e = self.parent(e);
            }
        }
        for (i, s) in score.iter_mut().enumerate() {
            if !s.is_nan() {
                *s *= 1.0 - self.link_density(i as u32);
            }
        }
        score
    }

    /// An element's score before votes: by tag, and by class hint unless `pass` ignores them.
    fn initial_score(&self, i: u32, pass: Pass) -> f64 {
        let e = &self.elems[i as usize];
        let tag = match e.name {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        tag + self.weight(i, pass)
    }

    fn weight(&self, i: u32, pass: Pass) -> f64 {
        if pass >= Pass::NoHints { 0.0 } else { 25.0 * f64::from(self.elems[i as usize].hint) }
    }

    fn is_ancestor(&self, a: u32, mut e: u32) -> bool {
        while e != NONE {
            if e == a {
                return true;
            }
            e = self.parent(e);
        }
        false
    }

    /// The elements that hold the article, in page order: the best candidate, grown to the
    /// ancestor that most near-best candidates share, and its siblings that score well too.
    fn containers(&self, pass: Pass, score: &[f64]) -> Vec<u32> {
        let mut ranked: Vec<u32> =
            (0..self.elems.len() as u32).filter(|&i| !score[i as usize].is_nan()).collect();
        ranked.sort_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]).then(a.cmp(&b)));
        let Some(&best) = ranked.first() else { return vec![0] };
        let mut top = best;
        let top_score = score[top as usize];
        // Several candidates nearly as good as the best, under one ancestor: the article is
        // split over them.
        let near: Vec<u32> = ranked[1..ranked.len().min(5)]
            .iter()
            .copied()
            .filter(|&c| score[c as usize] >= 0.75 * top_score)
            .collect();
        if near.len() >= 3 {
            let mut p = self.parent(top);
            while p != NONE && p != 0 {
                if near.iter().filter(|&&c| self.is_ancestor(p, c)).count() >= 3 {
                    top = p;
                    break;
                }
                p = self.parent(p);
            }
        }
        // A parent scoring higher than its child, a few steps up, holds more of the article.
        let mut last = score[top as usize];
        if last.is_nan() {
            last = top_score;
        }
        let threshold = last / 3.0;
        let mut p = self.parent(top);
        while p != NONE && p != 0 {
            let s = score[p as usize];
            if !s.is_nan() {
                if s < threshold {
                    break;
                }
                if s > last {
                    top = p;
                    break;
                }
                last = s;
            }
            p = self.parent(p);
        }
        // An only child stands for its parent (whose siblings are then looked at).
        while self.parent(top) != NONE
            && self.parent(top) != 0
            && self.elems[self.parent(top) as usize].children == 1
        {
            top = self.parent(top);
        }
        // An article split over repeated sections (`story-body-1`, `story-body-2`; a run of
        // `acf-content` blocks between figures): the section a few levels up that has
        // siblings of its family with paragraphs of text stands for the article.
        let mut a = top;
        let mut sections = false;
        for _ in 0..4 {
            let p = self.parent(a);
            if p == NONE || p == 0 {
                break;
            }
            if self.has_section_siblings(a) {
                top = a;
                sections = true;
                break;
            }
            a = p;
        }
        let parent = self.parent(top);
        if parent == NONE {
            return vec![top];
        }
        let top_score = if score[top as usize].is_nan() { top_score } else { score[top as usize] };
        let threshold = (top_score * 0.2).max(10.0);
        let top_elem = &self.elems[top as usize];
        let top_class = top_elem.class;
        let mut out = Vec::new();
        for s in (parent + 1)..self.elems.len() as u32 {
            if self.elems[s as usize].parent != parent {
                continue;
            }
            if s == top {
                out.push(s);
                continue;
            }
            let e = &self.elems[s as usize];
            // (Unless of the chosen one's very family: the rest of the story, whatever its name
            // says, `comment-piece__text comment-piece__text--footer`.)
            let family = same_classes(e.class, top_class)
                && e.name == self.elems[top as usize].name
                && self.link_density(s) < 0.25;
            if pass == Pass::Strict && e.unlikely && !family {
                continue;
            }
            let bonus =
                if same_family(e.class, top_class) && e.name == self.elems[top as usize].name {
                    top_score * 0.2
                } else {
                    0.0
                };
            let sc = score[s as usize];
            let keep = if !sc.is_nan() && sc + bonus >= threshold {
                true
            } else if family && e.unlikely && e.p >= 1 && e.chars >= 100 {
                // (Its paragraphs did not vote, for its name.)
                true
            } else if sections
                && self.section_of(s, top)
                && e.class == top_elem.class
                && e.p >= 2
                && e.chars >= 400
            {
                // A section too deep for its paragraphs' votes to reach it (the first one, in
                // a drop-cap wrapper): of the very class of the chosen one, with paragraphs.
                true
            } else if e.name == "p" {
                let ld = self.link_density(s);
                (e.chars > 80 && ld < 0.25)
                    || (e.chars > 0
                        && e.chars <= 80
                        && e.links == 0
                        && self.blocks.iter().any(|b| {
                            b.elem == s && (b.text.ends_with('.') || b.text.contains(". "))
                        }))
            } else {
                false
            };
            if keep {
                out.push(s);
            }
        }
        out
    }

    /// Whether element `a` has a sibling of its tag and class family (see [`same_family`])
    /// that holds paragraphs of text, few of it in links: `a` is one of repeated sections.
    fn has_section_siblings(&self, a: u32) -> bool {
        let e = &self.elems[a as usize];
        if e.class.is_empty() || e.p == 0 {
            return false;
        }
        let parent = e.parent;
        ((parent + 1)..self.elems.len() as u32)
            .any(|s| s != a && self.elems[s as usize].parent == parent && self.section_of(s, a))
    }

    /// Whether element `s` is a section of the family of section `a`: the same tag and class
    /// family, paragraphs of text, few of it in links.
    fn section_of(&self, s: u32, a: u32) -> bool {
        let (o, e) = (&self.elems[s as usize], &self.elems[a as usize]);
        o.name == e.name
            && same_family(o.class, e.class)
            && !o.unlikely
            && o.p >= 1
            && o.chars >= 150
            && self.link_density(s) < 0.25
    }

    /// Whether element `i`, named as unlikely content, is a box of the story's own text: no
    /// link, no image, form control or embed, some prose, and the story goes on after it in
    /// the same container (`<div class="related-info"><h3>Know before you go</h3><ul>...`
    /// between two paragraphs). Comment threads and teaser boxes have links, or close the
    /// story.
    fn box_within_the_story(&self, i: u32) -> bool {
        // (The box is the outermost of the unlikely elements around `i`: its list is named
        // so too, `related-info__list`.)
        let mut i = i;
        while self.elems[i as usize].parent != NONE
            && self.elems[self.elems[i as usize].parent as usize].unlikely
        {
            i = self.elems[i as usize].parent;
        }
        let e = &self.elems[i as usize];
        // (A box has a title or a list: a pull quote, prose alone, repeats the story.)
        e.links == 0
            && e.chars >= 150
            && (e.li >= 2 || e.heading_chars > 0)
            && e.img == 0
            && e.input == 0
            && e.embed == 0
            && e.parent != NONE
            && self.elems[i as usize + 1..]
                .iter()
                .take(400)
                .any(|o| o.parent == e.parent && o.name == "p" && o.chars >= 80)
    }

    /// Whether element `i`, named as unlikely content, is of the very family of a sibling that
    /// holds most of the article (`comment-piece__text comment-piece__text--footer` after
    /// `comment-piece__text`, an opinion column's text split by an advertisement): the rest of
    /// the story, whatever its name says.
    fn continues_the_story(&self, i: u32, root_chars: u32) -> bool {
        let e = &self.elems[i as usize];
        e.parent != NONE
            && root_chars > 0
            && e.chars >= 100
            && e.links * 4 < e.chars
            // (The parent's descendants follow it in document order; a few thousand at most
            // are looked at.)
            && self.elems[e.parent as usize + 1..].iter().take(4000).enumerate().any(|(n, o)| {
                e.parent as usize + 1 + n != i as usize
                    && o.parent == e.parent
                    && o.name == e.name
                    && same_classes(o.class, e.class)
                    && o.chars * 2 >= root_chars
            })
    }

    /// Whether an element inside the article looks like boilerplate (Readability's
    /// conditional cleaning): a bad hint its votes do not outweigh; or, with few commas, more
    /// images than paragraphs, more list items than paragraphs, form controls, almost no
    /// text, too many links, or embeds without text. Elements named as surely not the article
    /// (comments, sidebars: Readability's unlikely words) go, in every pass, unless one holds
    /// most of the voted article's text, little of it named so too (names are hints); so do
    /// share bars with little text (Readability's rule). A `<div>` with no block inside is a
    /// paragraph (a caption, a dateline): only a line mostly of links or
    /// with form controls is dropped, not a weak name or a short text.
    fn is_boilerplate(&self, i: u32, pass: Pass, score: &[f64], root_chars: u32) -> bool {
        let e = &self.elems[i as usize];
        if e.unlikely && (self.box_within_the_story(i) || self.continues_the_story(i, root_chars)) {
            return false;
        }
        if e.unlikely
            && (root_chars == 0 || e.chars * 2 < root_chars || e.unlikely_chars * 10 > e.chars * 9)
        {
            return true;
        }
        // Readability's share-bar rule: an element named `share` with little text goes.
        if e.share && e.chars < 500 {
            return true;
        }
        // One slide of a gallery (`1/50 United goin down`, a caption, a credit) among three or
        // more: the gallery is not the story.
        if e.counters == 1
            && matches!(e.name, "li" | "div" | "figure" | "section" | "article")
            && e.chars < 1000
            && e.parent != NONE
            && self.elems[e.parent as usize].counters >= 3
        {
            return true;
        }
        // An author's box (a byline, a short biography): a link to the author's page and
        // little text, a small part of the article.
        if e.author_links > 0
            && matches!(e.name, "div" | "section" | "aside" | "footer")
            && e.chars < 600
            && e.p <= 2
            && (root_chars == 0 || e.chars * 4 < root_chars)
        {
            return true;
        }
        if !matches!(e.name, "div" | "section" | "ul" | "ol" | "dl" | "form" | "fieldset") {
            return false;
        }
        if e.name == "div" && e.block_kids == 0 {
            return self.link_density(i) > 0.5 || e.input > 0;
        }
        let weight = self.weight(i, pass);
        // Votes outweigh a bad name; a low score of the tag (a list's) is no bad name.
        let sc = if score[i as usize].is_nan() { 0.0 } else { score[i as usize].max(0.0) };
        // A bad name is a weak hint: an element that holds most of the article's text is the
        // article whatever its name (`elementor-widget-container`).
        if weight + sc < 0.0 && e.chars * 2 < root_chars {
            return true;
        }
        if e.commas >= 10 {
            return false;
        }
        let is_list = matches!(e.name, "ul" | "ol" | "dl") || e.list_chars * 10 > e.chars * 9;
        let (p, img, input, embed) = (e.p as i64, e.img as i64, e.input as i64, e.embed);
        let li = e.li as i64 - 100;
        let ld = self.link_density(i);
        let heading_density = f64::from(e.heading_chars) / f64::from(e.chars.max(1));
        let len = e.chars;
        // (Readability's rule for images needs little text besides: inline formulas and icons
        // are images too.)
        (img > 1 && (p as f64) / (img as f64) < 0.5 && i64::from(len) < 25 * img)
            || (!is_list && li > p)
            || input > p / 3
            || (!is_list && heading_density < 0.9 && len < 25 && (img == 0 || img > 2))
            || (!is_list && weight < 25.0 && ld > 0.2)
            || (weight >= 25.0 && ld > 0.5)
            || (is_list && ld > 0.5)
            || (embed == 1 && len < 75)
            || embed > 1
    }

    /// The article's text under `pass`'s settings (see [`Pass`]).
    fn article(&self, pass: Pass, title: Option<&str>) -> String {
        if self.elems.is_empty() {
            return self.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
        }
        let score = self.scores(pass);
        let roots = self.containers(pass, &score);
        let voted = score.iter().any(|s| !s.is_nan());
        let mut is_root = vec![false; self.elems.len()];
        for &r in &roots {
            is_root[r as usize] = true;
        }
        let all_chars: u32 = roots.iter().map(|&r| self.elems[r as usize].chars).sum();
        // Per element: 0 not yet known, 1 kept, 2 dropped.
        let mut verdict = vec![0u8; self.elems.len()];
        let mut text = String::new();
        let mut first = true;
        'blocks: for b in &self.blocks {
            // Find the root above the block; elements on the way may be boilerplate.
            let mut root = b.elem;
            loop {
                if root == NONE {
                    continue 'blocks;
                }
                if is_root[root as usize] {
                    break;
                }
                root = self.parent(root);
            }
            if pass < Pass::Densest
                && b.whole
                && (self.elems[b.elem as usize].name == "p"
                    || (self.elems[b.elem as usize].name == "div"
                        && self.elems[b.elem as usize].block_kids == 0))
                && teaser_link(b)
            {
                continue;
            }
            if pass < Pass::Densest {
                let mut e = b.elem;
                while !is_root[e as usize] {
                    let v = &mut verdict[e as usize];
                    if *v == 0 {
                        // (Where nothing voted, there is no article to hold most of.)
                        // (The article is all its containers: a box that is the whole of
                        // one of them is still a small part of it.)
                        let root_chars = if voted { all_chars } else { 0 };
                        *v = if self.is_boilerplate(e, pass, &score, root_chars) { 2 } else { 1 };
                    }
                    if *v == 2 {
                        continue 'blocks;
                    }
                    e = self.parent(e);
                }
            }
            // The headline is the record's title, not the body's first paragraph.
            if first {
                first = false;
                let name = if b.elem == NONE { "" } else { self.elems[b.elem as usize].name };
                if let Some(t) = title
                    && (b.text == t
                        || (matches!(name, "h1" | "h2") && text_similarity(t, &b.text) > 0.75))
                {
                    continue;
                }
            }
            text.push_str(&b.text);
            text.push('\n');
        }
        text
    }
}

/// Whether a link goes to an author's page: `/author/jane-roe`, `/authors/jane-roe/`, `.../author`,
/// `?author=12` (not `/authority`, `/authorisation`).
fn author_page(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    path.split('/').any(|seg| matches!(seg, "author" | "authors" | "autor" | "auteur"))
        || href.contains("author=")
}

/// Whether a paragraph is a link to another story set between paragraphs: one short line,
/// a label of a few words and a colon, then a link to the end (`Related: ...`, `Lire aussi :
/// ...`, `READ MORE: ...`), ending no sentence. (A story's own links sit in sentences.)
fn teaser_link(b: &Block) -> bool {
    // (The label ends at the colon; the link's characters run on to the end, give or take
    // the spaces around the colon.)
    let colon = b.text.chars().take(25).position(|c| c == ':');
    b.chars < 200
        && b.links * 2 >= b.chars
        && colon.is_some_and(|at| at >= 2 && b.links as usize + at + 3 >= b.chars as usize)
        && !b.text.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?', '…'])
}

/// A class/id hint: +1 for names that say "article", -1 for names that say "boilerplate" (0
/// for both or neither), and whether the names say the element is surely not the article
/// (comments, sidebar, menu, footer... and no word for content). Names are matched by whole
/// words: class tokens cut at `-`, `_` and lower-to-upper case changes (`entry-content-read-
/// more` is both "entry" and "more", `elementor-widget-container` is "widget"; "navigation-
/// border" is not "nav"), plurals included.
fn hint(e: &scraper::node::Element) -> (i8, bool, bool) {
    const GOOD: &[&str] = &[
        "article", "content", "story", "entry", "post", "body", "main", "text", "hentry", "blog",
        "page",
    ];
    // Boilerplate words (Readability's `negative` list, as whole words; `-ad-` is "ad",
    // `com-` is "com", `^hid$` is "hid").
    const WEAK: &[&str] = &[
        "ad",
        "hidden",
        "hid",
        "banner",
        "combx",
        "comment",
        "com",
        "contact",
        "footer",
        "gdpr",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "widget",
        // Not Readability's: newsletter sign-up boxes, common on news pages.
        "newsletter",
        "signup",
        "subscribe",
    ];
    // Surely not the article, unless a content word says otherwise: Readability's own list
    // (`unlikelyCandidates`), as whole words (`-ad-` and `ad-break` are the word "ad").
    const UNLIKELY: &[&str] = &[
        "ad",
        "ai2html",
        "banner",
        "breadcrumbs",
        "combx",
        "comment",
        "community",
        "disqus",
        "extra",
        "footer",
        "gdpr",
        "header",
        "legends",
        "menu",
        "related",
        "remark",
        "replies",
        "rss",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "social",
        "sponsor",
        "supplemental",
        "agegate",
        "pagination",
        "pager",
        "popup",
        // Not Readability's: video players (a title, a duration, `Play`), inside many
        // stories.
        "video",
        "player",
    ];
    // Appeals for readers' money and asks for their verdict (`Was this page helpful?`):
    // surely not the article, whatever other words the name has (`c-article-footer
    // c-contribution-box`, `article-feedback`).
    const APPEAL: &[&str] = &["contribution", "donate", "donation", "feedback"];
    // Words that say "boilerplate" even at the start of a longer word (Readability matches
    // substrings): the unlikely ones, then the weak ones.
    const UNLIKELY_PREFIXES: &[&str] =
        &["related", "social", "sidebar", "sponsor", "footer", "disqus", "comments"];
    const WEAK_PREFIXES: &[&str] = &[
        "related",
        "sidebar",
        "sponsor",
        "footer",
        "comment",
        "share",
        "promo",
        "outbrain",
        "newsletter",
    ];
    const MAYBE: &[&str] =
        &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];
    let name = e.name();
    let role_unlikely = e.attr("role").is_some_and(|r| {
        matches!(
            r,
            "menu"
                | "menubar"
                | "complementary"
                | "navigation"
                | "alert"
                | "alertdialog"
                | "dialog"
        )
    });
    let article_prop = e.attr("itemprop").is_some_and(|p| p.contains("articleBody"));
    let (mut good, mut bad, mut unlikely, mut maybe, mut appeal) =
        (false, false, false, false, false);
    let mut share = false;
    for s in [e.attr("class").unwrap_or(""), e.id().unwrap_or("")] {
        // An author's box, biography or card (`author-box`, `about-author`, `author-bio`):
        // words in either order.
        let mut author = (false, false);
        for_each_word(s, |w| {
            author.0 |= w == "author";
            author.1 |= matches!(w, "box" | "bio" | "biography" | "about" | "description" | "card");
        });
        bad |= author.0 && author.1;
        for_each_word(s, |w| {
            let is = |list: &[&str]| names_one_of(list, w);
            // Compounds such as `relatedposts`, `sharebar`, `footerlinks`.
            let compound =
                |list: &[&str]| list.iter().any(|p| w.len() > p.len() + 2 && w.starts_with(p));
            let very = is(UNLIKELY) || compound(UNLIKELY_PREFIXES);
            good |= is(GOOD);
            bad |= is(WEAK) || compound(WEAK_PREFIXES);
            unlikely |= very;
            appeal |= is(APPEAL);
            maybe |= is(MAYBE);
            share |= w == "share" || w == "sharedaddy";
        });
    }
    // (An appeal named by its component: `data-component="contributions-epic"`.)
    if let Some(c) = e.attr("data-component") {
        for_each_word(c, |w| appeal |= names_one_of(APPEAL, w));
    }
    good |= article_prop;
    let structural = matches!(name, "body" | "html" | "a" | "article" | "main") || article_prop;
    let hint = i8::from(good) - i8::from(bad);
    (hint, !structural && ((unlikely && !maybe) || role_unlikely || appeal), share)
}

/// Whether word `w` of a class or id name is one of `list`'s, as written or without a plural's
/// `s` (`comments`, `contributions`).
fn names_one_of(list: &[&str], w: &str) -> bool {
    let base = w.strip_suffix('s').filter(|b| b.len() > 2).unwrap_or(w);
    list.contains(&w) || list.contains(&base)
}

/// Calls `f` with each word of class or id names, lower-cased: tokens cut at non-alphanumeric
/// characters and at lower-to-upper case changes (`relatedPosts`).
fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if (!c.is_alphanumeric() || (prev_lower && c.is_uppercase())) && !word.is_empty() {
            f(&word);
            word.clear();
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        f(&word);
    }
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an element is text for screen readers only, which no reader sees (`sr-only`,
/// `visually-hidden`, `VisuallyHidden`, `screen-reader-text`: `Image source, `, `Advertisement`
/// labels, `(opens in a new window)`).
fn screen_reader_only(e: &scraper::node::Element) -> bool {
    let Some(class) = e.attr("class") else { return false };
    let mut prev = String::new();
    let mut found = false;
    for_each_word(class, |w| {
        found |= matches!(
            (prev.as_str(), w),
            ("sr", "only") | ("visually", "hidden") | ("screen", "reader")
        ) || matches!(w, "visuallyhidden" | "sronly" | "screenreader");
        prev.clear();
        prev.push_str(w);
    });
    found
}

fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(|s| {
            let s = s.replace(' ', "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_the_article_and_drops_chrome() {
        let page = r#"<!doctype html><html><head><title>Talks resume after a pause | Example News</title>
            <style>p{}</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> <a>World</a></nav>
            <article><h1>Talks resume after a pause</h1><p>First  paragraph,
            wrapped.</p><div class="share"><button>Share</button></div>
            <p>Second <b>bold</b> paragraph.<br>After a break.</p>
            <ul><li>Point one</li><li>Point two</li></ul></article>
            <footer>Copyright</footer></body></html>"#;
        let doc = extract_html(page);
        assert_eq!(doc.title.as_deref(), Some("Talks resume after a pause"));
        assert_eq!(
            doc.text,
            "First paragraph, wrapped.\nSecond bold paragraph.\nAfter a break.\nPoint one\nPoint two\n"
        );
    }

    #[test]
    fn an_authors_box_after_the_story_is_no_part_of_it() {
        let story = "<p>The council voted on Tuesday to replace the water tower, which has \
            needed repeated repairs over the past decade, at a cost of four million dollars.</p>\
            <p>Work will start in the spring and take about eighteen months, the city \
            engineer said, with the old tower kept in service until the new one is ready.</p>";
        for class in ["author-box", "about-author", "authorBio"] {
            let page = format!(
                "<html><body><article>{story}<div class=\"{class}\"><h4>Jane Roe</h4><p>Jane \
                 Roe covers city government, utilities and the county board for the paper. \
                 She joined it in 2017 after five years at a weekly.</p></div></article>\
                 </body></html>"
            );
            let text = extract_html(&page).text;
            assert!(!text.contains("covers city government"), "{class}: {text}");
            assert!(text.contains("Work will start in the spring"), "{class}: {text}");
        }
    }

    #[test]
    fn text_for_screen_readers_only_is_no_part_of_the_story() {
        let page = r#"<html><body><article><h1>Ferry outage enters second week</h1>
            <figure><img src="a.jpg"><span class="Copyright"><span class="VisuallyHidden">Image
            source, </span>Jane Roe</span></figure>
            <p>The island's only shop has had no fresh food for more than a week.</p>
            <div class="ad"><span class="sr-only">Advertisement</span></div>
            <p>The ferry company said repairs would take until Friday at the earliest.
            <span class="screen-reader-text">(opens in a new window)</span></p>
            <p>Islanders have been asked to share what supplies they have left.</p>
            </article></body></html>"#;
        let text = extract_html(page).text;
        assert!(!text.contains("Image source"), "{text}");
        assert!(!text.contains("Advertisement"), "{text}");
        assert!(!text.contains("new window"), "{text}");
        assert!(text.contains("The ferry company said repairs"), "{text}");
    }

    #[test]
    fn published_time_author_and_canonical_url_come_from_the_page() {
        let page = r#"<html><head>
            <link rel="canonical" href="https://news.example/2026/bridge">
            <meta property="article:published_time" content="2026-11-27T08:00:00Z">
            <meta name="author" content="Maria Okafor">
            </head><body><article><p>The bridge reopened on Friday after two years.</p></article></body></html>"#;
        let d = extract_html(page);
        assert_eq!(d.published.as_deref(), Some("2026-11-27T08:00:00Z"));
        assert_eq!(d.author.as_deref(), Some("Maria Okafor"));
        assert_eq!(d.canonical.as_deref(), Some("https://news.example/2026/bridge"));
        let ld = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
             {"@type":"NewsArticle","datePublished":"2026-11-28","author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Writer"}]}]}
            </script><meta property="og:url" content="https://news.example/x"></head>
            <body><p>Text of the story, long enough to be a paragraph.</p></body></html>"#;
        let d = extract_html(ld);
        assert_eq!(d.published.as_deref(), Some("2026-11-28"));
        assert_eq!(d.author.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(d.canonical.as_deref(), Some("https://news.example/x"));
        let none = extract_html("<p>Just a paragraph of text.</p>");
        assert_eq!((none.published, none.author, none.canonical), (None, None, None));
    }

    #[test]
    fn title_sources_in_order() {
        let og = r#"<html><head><meta property="og:title" content="OG title"><title>T - Site</title></head><body><p>x</p></body></html>"#;
        assert_eq!(extract_html(og).title.as_deref(), Some("OG title"));
        let t = "<html><head><title>The real headline of the day - Site</title></head><body><p>x</p></body></html>";
        assert_eq!(extract_html(t).title.as_deref(), Some("The real headline of the day"));
        // Too little left without the site name: the whole title.
        let t = "<html><head><title>Headline - Site</title></head><body><p>x</p></body></html>";
        assert_eq!(extract_html(t).title.as_deref(), Some("Headline - Site"));
        assert_eq!(extract_html("<p>Just a fragment.</p>").title, None);
    }

    #[test]
    fn the_densest_container_wins_over_teasers_and_comments() {
        let para = |s: &str| {
            format!("<p>{s}, with enough words, commas, and length to count as prose here.</p>")
        };
        let page = format!(
            r#"<html><body>
            <div class="layout">
              <div class="story-body">{}{}{}</div>
              <div class="related-links"><p><a href="/1">A long teaser headline that links elsewhere on the site</a></p>
                <p><a href="/2">Another long teaser headline linking to another story entirely</a></p></div>
              <div id="comments">{}</div>
            </div></body></html>"#,
            para("The council met on Monday"),
            para("The vote was close"),
            para("Residents were divided"),
            para("Great article, I think")
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 3, "{}", doc.text);
        assert!(doc.text.starts_with("The council met on Monday"));
        assert!(!doc.text.contains("teaser") && !doc.text.contains("Great article"));
    }

    /// A paragraph of prose, long enough to vote (`n` tells paragraphs apart).
    fn prose(n: usize) -> String {
        format!(
            "<p>Paragraph {n} of the story, with commas, clauses, and enough words to read as \
             prose rather than as a caption, a label or a link.</p>"
        )
    }

    #[test]
    fn class_hints_match_whole_words_and_content_words_win() {
        // Each name (of the body, of the article's element) contains a "boilerplate" word only
        // as part of a longer word, or next to a content word: none may lose the article.
        for (outer, inner) in [
            ("elementor-section", "elementor-widget-container"),
            ("post", "entry-content-read-more"),
            ("article-header-wrap", "article-header"),
            ("navigation-border", "story"),
            ("page", "headerless"),
        ] {
            let page = format!(
                r#"<html><body class="{outer}"><div class="wrap"><div class="{inner}">{}{}{}</div></div>
                <div class="sidebar"><p>Sidebar text, with commas, many words, and more words to vote.</p></div>
                </body></html>"#,
                prose(1),
                prose(2),
                prose(3)
            );
            let doc = extract_html(&page);
            assert_eq!(doc.text.lines().count(), 3, "{outer}/{inner}: {}", doc.text);
            assert!(!doc.fallback, "{outer}/{inner}");
        }
        let words = |s: &str| {
            let mut v = Vec::new();
            for_each_word(s, |w| v.push(w.to_owned()));
            v
        };
        assert_eq!(words("relatedPosts entry_content"), ["related", "posts", "entry", "content"]);
    }

    #[test]
    fn an_article_inside_a_form_is_read_and_forms_inside_it_are_dropped() {
        let page = format!(
            r#"<html><head><title>Headline</title></head><body><form id="aspnetForm" action="/x"><div class="main">
            <h1>Headline</h1>{}{}{}
            <div class="box"><label>Search the site</label><input name="q"><button>Go</button></div>
            </div></form></body></html>"#,
            prose(1),
            prose(2),
            prose(3)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 3, "{}", doc.text);
        assert!(!doc.text.contains("Search"));
    }

    #[test]
    fn a_long_comment_thread_does_not_take_the_place_of_a_short_post() {
        let comments: String = (0..8)
            .map(|i| {
                format!(
                    "<li class=\"comment\"><p>Comment {i}: I disagree, strongly, with the post, \
                     and here is why, at length, with commas.</p></li>"
                )
            })
            .collect();
        let page = format!(
            r#"<html><body><div class="wrap"><div class="post-body">{}</div>
            <div id="comments"><h3>8 comments</h3><ol class="commentlist">{comments}</ol></div></div></body></html>"#,
            prose(1)
        );
        let doc = extract_html(&page);
        assert_eq!(
            doc.text,
            "Paragraph 1 of the story, with commas, clauses, and enough words to read as prose rather than as a caption, a label or a link.\n"
        );
    }

    #[test]
    fn teasers_and_tag_lists_lose_to_the_article() {
        let teasers: String = (0..12)
            .map(|i| {
                format!(
                    "<div class=\"item\"><h3><a href=\"/{i}\">Teaser headline number {i} that \
                     links to another story on the site</a></h3><p>Short dek, with a comma.</p></div>"
                )
            })
            .collect();
        let page = format!(
            r#"<html><body><div class="grid"><div class="col">{}{}
            <ul class="tags"><li><a href="/t/a">Politics</a></li><li><a href="/t/b">Economy</a></li></ul>
            <div class="categories"><a href="/c/1">World</a>, <a href="/c/2">Europe</a>, <a href="/c/3">Trade</a></div>
            </div><div class="col2">{teasers}</div></div></body></html>"#,
            prose(1),
            prose(2)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 2, "{}", doc.text);
        assert!(!doc.text.contains("Teaser") && !doc.text.contains("Politics"));
        assert!(!doc.text.contains("Europe"));
    }

    #[test]
    fn an_article_split_over_sibling_containers_is_kept_whole() {
        let part = |a: usize| {
            format!(
                "<div class=\"block\"><div class=\"cell\"><div class=\"text\">{}{}</div></div></div>",
                prose(a),
                prose(a + 1)
            )
        };
        let page = format!(
            r#"<html><body><div class="page"><div class="flush">{}{}{}{}</div></div>
            <div class="footer-links"><a href="/a">About</a> <a href="/b">Contact</a></div></body></html>"#,
            part(1),
            part(3),
            part(5),
            part(7)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 8, "{}", doc.text);
    }

    #[test]
    fn an_article_in_numbered_sections_of_one_family_is_kept_whole() {
        // A short first section, a figure, a long second one: both sections of the
        // `story-body` family are the article; the related box is not.
        let page = format!(
            r#"<html><body><article><div class="story-wrap">
            <div class="story-body story-body-1">{}{}</div>
            <figure><img src="a.jpg"><figcaption>A bridge.</figcaption></figure>
            <div class="story-body story-body-2">{}{}{}{}</div>
            <div class="related-links"><a href="/x">Another story about something</a> <a href="/y">And one more story here</a></div>
            </div></article></body></html>"#,
            prose(1),
            prose(2),
            prose(3),
            prose(4),
            prose(5),
            prose(6)
        );
        let doc = extract_html(&page);
        assert!(doc.text.starts_with("Paragraph 1 of the story"), "{}", doc.text);
        assert_eq!(doc.text.lines().count(), 6, "{}", doc.text);
    }

    #[test]
    fn a_page_that_hides_its_whole_story_until_its_scripts_run_still_gives_it() {
        let paras: String = (1..=6).map(prose).collect();
        for page in [
            format!(
                r#"<html><body><div class="gate">Subscribe to read</div><div class="body" style="display:none">{paras}</div></body></html>"#
            ),
            format!(
                r#"<html><body><div id="app"></div><noscript>{paras}</noscript></body></html>"#
            ),
        ] {
            let doc = extract_html(&page);
            assert!(doc.fallback, "{page}");
            assert!(doc.text.contains("Paragraph 6 of the story"), "{page}: {}", doc.text);
        }
        // A page with visible text keeps its hidden parts out.
        let page = format!(
            r#"<html><body><article>{paras}<div hidden><p>{}</p></div></article></body></html>"#,
            "A hidden note about the newsletter, with commas, and words enough to vote."
        );
        assert!(!extract_html(&page).text.contains("hidden note"));
        // Nor does a short one: a story of two paragraphs is more than a gate.
        let page = format!(
            r#"<html><body><article>{}{}<div style="visibility: hidden">{}{}{}</div></article></body></html>"#,
            prose(1),
            prose(2),
            prose(7),
            prose(8),
            prose(9)
        );
        let doc = extract_html(&page);
        assert!(
            doc.text.contains("Paragraph 2") && !doc.text.contains("Paragraph 7"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn a_page_rendered_by_its_scripts_gives_the_body_its_json_ld_carries() {
        let body: Vec<String> = (1..=6).map(prose).collect();
        let ld = serde_json::json!({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Bridge reopens", "articleBody": body.join("\n\n"),
        });
        let page = format!(
            r#"<html><head><title>Bridge reopens</title><script type="application/ld+json">{ld}</script></head>
            <body><div id="root"></div><script>window.app = 1;</script></body></html>"#
        );
        let doc = extract_html(&page);
        assert!(doc.fallback);
        assert_eq!(doc.text.lines().count(), 6, "{}", doc.text);
        // Markup in the body is read as markup.
        let ld = serde_json::json!({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "articleBody": format!("<p>{}</p><p>{}</p><p>{}</p>", prose(1), prose(2), prose(3)),
        });
        let page = format!(
            r#"<html><head><script type="application/ld+json">{ld}</script></head><body></body></html>"#
        );
        assert_eq!(extract_html(&page).text.lines().count(), 3);
        // A page with its article in the markup keeps it, whatever its JSON-LD says.
        let ld = serde_json::json!({"@context": "https://schema.org", "@type": "NewsArticle",
            "articleBody": "A teaser."});
        let page = format!(
            r#"<html><head><script type="application/ld+json">{ld}</script></head><body><article>{}</article></body></html>"#,
            (1..=5).map(prose).collect::<String>()
        );
        let doc = extract_html(&page);
        assert!(!doc.fallback && doc.text.starts_with("Paragraph 1"), "{}", doc.text);
    }

    /// A page's visible shell: a headline, a deck and a placeholder, no paragraph of the story.
    const SHELL: &str = r#"<h1>Bridge reopens after two years</h1>
        <p class="deck">The crossing was shut after the floods. Its owner is relieved</p>
        <div class="byline">By Jane Roe · May 15</div><div class="loading">Loading story…</div>"#;

    #[test]
    fn a_shell_page_gives_the_story_its_noscript_markup_or_its_script_state_holds() {
        let paras: String = (1..=6).map(prose).collect();
        // In `<noscript>`, beside other noscript blocks (a tracking frame).
        let page = format!(
            r#"<html><body><noscript><iframe src="https://t.example/ns"></iframe></noscript>
            <main>{SHELL}<noscript><div class="body">{paras}</div></noscript></main></body></html>"#
        );
        let doc = extract_html(&page);
        assert!(doc.fallback && doc.text.contains("Paragraph 6 of the story"), "{}", doc.text);
        // In Next.js's page data, as one string of markup (related teasers beside it).
        let data = serde_json::json!({"props": {"pageProps": {
            "article": {"title": "Bridge reopens", "bodyHtml": paras},
            "related": [{"title": "Another story", "summary": "A short summary of it."}]}}});
        let page = format!(
            r#"<html><body><main>{SHELL}</main><script id="__NEXT_DATA__" type="application/json">{data}</script></body></html>"#
        );
        let doc = extract_html(&page);
        assert!(doc.fallback, "{}", doc.text);
        assert_eq!(doc.text.lines().count(), 6, "{}", doc.text);
        // Assigned in a script, as a list of text blocks.
        let blocks: Vec<serde_json::Value> =
            (1..=5).map(|n| serde_json::json!({"type": "text", "content": prose(n)})).collect();
        let state = serde_json::json!({"route": {"path": "/a"}, "article": {"blocks": blocks}});
        let page = format!(
            r#"<html><body><main>{SHELL}</main><script>window.__INITIAL_STATE__={state};</script></body></html>"#
        );
        let doc = extract_html(&page);
        assert!(
            doc.text.starts_with("Paragraph 1") && doc.text.contains("Paragraph 5"),
            "{}",
            doc.text
        );
    }

    #[test]
    fn a_teaser_page_gives_the_whole_story_its_json_ld_carries() {
        let body: Vec<String> = (1..=10).map(prose).collect();
        let text: Vec<String> = body
            .iter()
            .map(|p| p.trim_start_matches("<p>").trim_end_matches("</p>").to_owned())
            .collect();
        let ld = serde_json::json!({"@context": "https://schema.org", "@type": "NewsArticle",
            "articleBody": text.join("\n\n")});
        let page = format!(
            r#"<html><head><script type="application/ld+json">{ld}</script></head><body><article>
            {}{}<div class="paywall"><p>Read on with a subscription to the paper.</p><ul>{}</ul></div></article></body></html>"#,
            body[0],
            body[1],
            (1..=8)
                .map(|n| format!("<li>Perk number {n} of the subscription</li>"))
                .collect::<String>()
        );
        let doc = extract_html(&page);
        assert!(doc.fallback, "{}", doc.text);
        assert_eq!(doc.text.lines().count(), 10, "{}", doc.text);
        // A short story of its own beside a long text of the page's scripts (terms of use)
        // is kept: its paragraph is not in that text.
        let terms =
            serde_json::json!({"legal": {"terms": (7..=12).map(prose).collect::<String>()}});
        let page = format!(
            r#"<html><body><article>{}{}</article><script>window.__CONFIG__ = {terms};</script></body></html>"#,
            prose(1),
            prose(2)
        );
        let doc = extract_html(&page);
        assert!(!doc.fallback && doc.text.starts_with("Paragraph 1"), "{}", doc.text);
        assert!(!doc.text.contains("Paragraph 7"), "{}", doc.text);
    }

    #[test]
    fn an_author_box_and_links_to_other_stories_between_paragraphs_are_left_out() {
        // Arc-style sibling containers: the story's, then an author box of its own.
        let page = format!(
            r#"<html><body><div class="rail">
            <div class="rail-item"><article>{}<p>Related: <a href="/x">How the closure hits
            your commute this week</a></p>{}</article></div>
            <div class="rail-item"><section class="bio-box"><div><a href="/author/jane-roe/"><h2>Jane
            Roe</h2></a><p>Jane Roe covers transport for the paper, and has since 2019.</p></div>
            </section></div></div></body></html>"#,
            (1..=2).map(prose).collect::<String>(),
            (3..=4).map(prose).collect::<String>()
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 4, "{}", doc.text);
        assert!(!doc.text.contains("Related") && !doc.text.contains("covers transport"));
        // A story's own link in a sentence stays, and so does a line that is all link.
        let page = format!(
            r#"<html><body><article>{}<p>Read the <a href="/r">full report</a>: it is long.</p>
            <p><a href="/r">The full report</a></p>{}</article></body></html>"#,
            prose(1),
            prose(2)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 4, "{}", doc.text);
    }

    #[test]
    fn a_first_section_nested_in_a_wrapper_of_its_own_joins_the_sections_after_it() {
        // Sections of one class between figures, the first one deep inside a drop-cap
        // wrapper, out of its paragraphs' votes: all of them are the article.
        let section = |range: std::ops::Range<usize>| {
            format!(
                r#"<section class="outer anchors"><div class="flex-auto"><div class="content-section"><div class="content wysiwyg">{}</div></div></div></section>"#,
                range.map(prose).collect::<String>()
            )
        };
        let page = format!(
            r#"<html><body><div class="post">
            <div class="acf-content mt2"><div class="post-wrapper show-dropcap"><div class="container"><div class="post-content flex">{}</div></div></div></div>
            <figure><img src="a.jpg"><figcaption>A machine.</figcaption></figure>
            <div class="acf-content mt2">{}<figure><img src="b.jpg"><figcaption>A room.</figcaption></figure>{}<figure><img src="c.jpg"><figcaption>A desk.</figcaption></figure>{}</div>
            <div class="related"><a href="/x">Another story about something else</a></div>
            </div></body></html>"#,
            section(1..5),
            section(5..10),
            section(10..15),
            section(15..20),
        );
        let doc = extract_html(&page);
        assert!(doc.text.starts_with("Paragraph 1 of the story"), "{}", doc.text);
        assert_eq!(
            doc.text.lines().filter(|l| l.starts_with("Paragraph")).count(),
            19,
            "{}",
            doc.text
        );
    }

    #[test]
    fn a_gallery_of_numbered_slides_inside_the_story_is_left_out() {
        let slide = |n: usize| {
            format!(
                "<li><h2>{n}/12 Harbour scene number {n}</h2><p>The old harbour at dawn, with \
                 boats, gulls and the fish market opening, seen from the bridge.</p><span>Photo \
                 agency</span></li>"
            )
        };
        let slides: String = (1..=12).map(slide).collect();
        let page = format!(
            r#"<html><body><article><div class="text">{}{}
            <div class="gallery-widget"><h2>The harbour in pictures</h2><ul>{slides}</ul></div>
            {}{}</div></article></body></html>"#,
            prose(1),
            prose(2),
            prose(3),
            prose(4)
        );
        let doc = extract_html(&page);
        assert!(
            !doc.text.contains("Harbour scene") && !doc.text.contains("old harbour"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("Paragraph 4 of the story"), "{}", doc.text);
        assert!(slide_counter("3/12 Harbour scene") && slide_counter("3 of 12"));
        // Paragraphs of the story that open with a fraction are no slides.
        let page = format!(
            r#"<html><body><article><div class="text">{}
            <p>1/3 of the city's budget went to roads, clauses, commas, and more words here.</p>
            <p>2/3 of the rest went to schools, clauses, commas, and more words here too.</p>
            <p>1/4 of the schools are new, with clauses, commas, and more words again.</p>
            {}</div></article></body></html>"#,
            prose(1),
            prose(2)
        );
        assert!(extract_html(&page).text.contains("2/3 of the rest"));
    }

    #[test]
    fn link_heavy_paragraphs_and_embedded_posts_of_the_story_stay() {
        let page = format!(
            r#"<html><body><article>{}{}
            <p>Read <a href="/r">the full report from the ministry of transport</a> here.</p>
            <blockquote class="twitter-tweet"><p>The bridge is open again, finally, after two long years, says the mayor.</p>
            &mdash; Mayor (@mayor) <a href="https://x.example/1">May 1</a></blockquote>
            {}</article></body></html>"#,
            prose(1),
            prose(2),
            prose(3)
        );
        let doc = extract_html(&page);
        assert!(doc.text.contains("Read the full report"), "{}", doc.text);
        assert!(doc.text.contains("The bridge is open again"), "{}", doc.text);
    }

    #[test]
    fn a_page_whose_article_element_yields_nothing_falls_back() {
        // The only prose sits in an element named like a sidebar: the strict extraction finds
        // nothing, the fallback finds it and says so.
        let page = format!(
            r#"<html><body><div class="sidebar-box">{}{}</div></body></html>"#,
            prose(1),
            prose(2)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 2, "{}", doc.text);
        assert!(doc.fallback);
        // Page chrome is read only by the last fallback.
        let page = format!("<html><body><header>{}</header></body></html>", prose(1));
        let doc = extract_html(&page);
        assert!(doc.text.starts_with("Paragraph 1"));
        assert!(doc.fallback);
        let normal = extract_html(&format!("<html><body><div>{}</div></body></html>", prose(1)));
        assert!(!normal.fallback);
    }

    #[test]
    fn lists_tables_and_captions_of_the_story_stay() {
        // A plain list whose items are sentences (its tag scores low: no bad name), a figure
        // caption, a caption `<div>` with a weak name, a table of links: all the story's.
        let page = format!(
            r#"<html><body><article>{}
            <ul><li>The first point the minister made today</li><li>The second point the minister made today</li></ul>
            <figure><img src="a.jpg"><figcaption>The harbour at dawn, before the vote.</figcaption></figure>
            {}<div class="photo-caption">Dock workers at the north gate.</div>
            <table><tr><td><a href="/r1">Annual report 2025</a></td><td>2 MB</td></tr>
            <tr><td><a href="/r2">Harbour plan, final draft</a></td><td>5 MB</td></tr></table>
            {}<div class="share-tools">Share this story</div></article></body></html>"#,
            prose(1),
            prose(2),
            prose(3)
        );
        let doc = extract_html(&page);
        for kept in [
            "The first point",
            "The second point",
            "The harbour at dawn",
            "Dock workers",
            "Annual report 2025",
            "Harbour plan, final draft",
        ] {
            assert!(doc.text.contains(kept), "{kept}: {}", doc.text);
        }
        assert!(!doc.text.contains("Share this"), "{}", doc.text);
    }

    #[test]
    fn video_players_appeals_for_money_and_feedback_boxes_inside_the_story_go() {
        let page = format!(
            r#"<html><body><article class="story">{}
            <div class="video-container"><div class="vjs-title">Moment the crane fell on the quay</div><div class="vjs-duration">01:14</div><button>Play</button><p>Please use Chrome browser for a more accessible video player</p></div>
            {}<div class="c-article-footer c-contribution-box"><h3>Will you support our journalism?</h3><p>Millions turn to us to understand the news, and your gift keeps it free for all.</p><a href="/give">Yes, I'll give $5/month</a></div>
            {}<div class="x1"><div data-component="contributions-epic"><h2>We have a small favour to ask</h2><p>Tens of millions have placed their trust in our journalism, and every gift counts.</p></div></div>
            <div class="comp article-feedback"><div>Was this page helpful?</div><button>Yes</button><button>No</button><p>Thanks for your feedback!</p></div>
            </article></body></html>"#,
            prose(1),
            prose(2),
            prose(3)
        );
        let doc = extract_html(&page);
        assert_eq!(doc.text.lines().count(), 3, "{}", doc.text);
        for gone in ["crane", "01:14", "Chrome", "support", "Millions", "favour", "helpful"] {
            assert!(!doc.text.contains(gone), "{gone}: {}", doc.text);
        }
    }

    #[test]
    fn a_story_shown_inside_an_element_with_a_boilerplate_name_is_kept() {
        // Names are hints: an element named like boilerplate that holds most of the article's
        // text (a story shown in a `popup`) stays; one that holds little goes. (`modal` is
        // no word of Readability's lists: only `newsletter`, a weak hint of ours, counts there.)
        for (story, other) in
            [("story-popup", "newsletter-popup"), ("story-modal", "newsletter-modal")]
        {
            let page = format!(
                r#"<html><body><div class="page"><div class="wrap">{}
                <div class="{story}"><div class="inner">{}{}{}</div></div>
                <div class="{other}"><p>Sign up for our newsletter, it is free, weekly, and short.</p></div>
                </div></div></body></html>"#,
                prose(1),
                prose(2),
                prose(3),
                prose(4)
            );
            let doc = extract_html(&page);
            assert_eq!(doc.text.lines().count(), 4, "{story}: {}", doc.text);
            assert!(!doc.fallback, "{story}");
        }
    }

    #[test]
    fn a_short_strict_result_gives_way_to_the_article_found_with_weaker_settings() {
        // The story sits in a layout wrapper named like a sidebar; a short note outside it is
        // all the strict extraction finds. Under Readability's 500 characters, the
        // weaker settings are tried and find the story (unlikely names inside it still go).
        let page = format!(
            r#"<html><body><div class="wrap"><div class="note"><div class="box">{}</div></div>
            <div class="fixed-sidebar-layout"><div class="story">{}{}{}{}{}
            <div class="comments"><p>A comment on the story, with commas, long enough to vote, surely.</p></div>
            </div></div></div></body></html>"#,
            prose(9),
            prose(1),
            prose(2),
            prose(3),
            prose(4),
            prose(5)
        );
        let doc = extract_html(&page);
        for n in 1..=5 {
            assert!(doc.text.contains(&format!("Paragraph {n} ")), "{n}: {}", doc.text);
        }
        assert!(!doc.text.contains("A comment"), "{}", doc.text);
        assert!(doc.fallback);
    }

    #[test]
    fn metadata_follows_json_ld_then_meta_tags_then_the_page() {
        let page = r#"<html><head><title>Council votes on the harbour plan | The Courier</title>
            <script type="application/ld+json"><![CDATA[
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Council votes on the harbour plan",
             "author":{"@type":"Person","name":"Ana Lima"},"datePublished":"2026-10-01T09:00:00Z"}
            ]]></script>
            <meta property="og:title" content="Council votes | The Courier">
            <meta name="author" content="Courier staff"></head><body><p>Text.</p></body></html>"#;
        let d = extract_html(page);
        assert_eq!(d.title.as_deref(), Some("Council votes on the harbour plan"));
        assert_eq!(d.author.as_deref(), Some("Ana Lima"));
        assert_eq!(d.published.as_deref(), Some("2026-10-01T09:00:00Z"));
        // No JSON-LD: meta tags (a later tag of the same name wins), parsely's date.
        let page = r#"<html><head><meta property="og:title" content="First">
            <meta property="og:title" content="Second"><meta name="parsely-pub-date" content="2026-01-02">
            </head><body><div class="byline">By Sam Roe</div><p>Text.</p></body></html>"#;
        let d = extract_html(page);
        assert_eq!(d.title.as_deref(), Some("Second"));
        assert_eq!(d.published.as_deref(), Some("2026-01-02"));
        // No author meta: the byline element.
        assert_eq!(d.author.as_deref(), Some("By Sam Roe"));
        // `<title>` with a site name after an en dash; `Site: headline`.
        let t = |title: &str| {
            extract_html(&format!("<html><head><title>{title}</title></head><body></body></html>"))
                .title
        };
        assert_eq!(
            t("The harbour plan passes its first vote \u{2013} Courier").as_deref(),
            Some("The harbour plan passes its first vote")
        );
        assert_eq!(
            t("Courier: The harbour plan passes its first vote").as_deref(),
            Some("The harbour plan passes its first vote")
        );
    }

    #[test]
    fn nesting_depth_is_estimated() {
        assert_eq!(
            estimated_depth("<html><body><div><p>a<p>b<br><img src=x/></div></body></html>"),
            1
        );
        assert_eq!(estimated_depth(&"<div>".repeat(50)), 50);
        assert_eq!(estimated_depth("<!-- <div><div> --><span></span><svg><path/></svg>"), 1);
        assert_eq!(estimated_depth(&"<p>".repeat(10_000)), 0);
    }

    #[test]
    fn deep_nesting_and_huge_lines_are_fine() {
        let depth = 3_000;
        let page =
            format!("{}<p>Deep text here.</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let doc = extract_html(&page);
        assert_eq!(doc.text, "Deep text here.\n");
        let spans = format!("<body>{}<p>x</p></body>", "<span>".repeat(3_000));
        assert!(extract_html(&spans).text.contains('x'));
        let huge = format!("<p>{}</p>", "word ".repeat(2_000_000));
        assert_eq!(extract_html(&huge).text.len(), 2_000_000 * 5);
    }

    #[test]
    fn hidden_elements_are_skipped() {
        let doc = extract_html(
            r#"<body><p>Shown.</p><p style="display: none">Hidden.</p><div hidden>No.</div></body>"#,
        );
        assert_eq!(doc.text, "Shown.\n");
    }

    #[test]
    fn a_box_of_the_storys_own_text_named_related_stays_where_the_story_goes_on() {
        // A fact box named `related-info`, with no link, after paragraphs `1..=before` and
        // before the rest of the story's four; a teaser box after the story.
        let page = |title: &str, before: usize| {
            format!(
                r#"<html><body><article><div class="article-body">{}
            <div class="related-info"><h3 class="related-info__title">{title}</h3>
            <ul class="related-info__list"><li>Trains leave Calder at 7:40 a.m. daily from May
            through October, and return in the afternoon.</li><li>Fares are $48 for adults and
            $24 for children under twelve.</li></ul></div>{}</div>
            <div class="related-stories"><h3>More stories</h3><p>A story about a long and winding
            railway line that runs through the high country of somewhere else.</p></div>
            </article></body></html>"#,
                (1..=before).map(prose).collect::<String>(),
                (before + 1..=4).map(prose).collect::<String>()
            )
        };
        // Between paragraphs: the story's.
        let story = page("Know before you go", 2);
        let doc = extract_html(&story);
        assert!(doc.text.contains("Know before you go") && doc.text.contains("Fares are $48"));
        // A box after the story's end is left out, as is one with links.
        assert!(!doc.text.contains("More stories"), "{}", doc.text);
        let doc = extract_html(&page("More to read", 4));
        assert!(!doc.text.contains("More to read"), "{}", doc.text);
        let linked = story.replace("Fares are $48", r#"<a href="/fares">Fares</a> are $48"#);
        let doc = extract_html(&linked);
        assert!(!doc.text.contains("Know before you go"), "{}", doc.text);
    }

    #[test]
    fn the_rest_of_a_story_in_a_container_of_its_family_named_as_comments_stays() {
        // An opinion column (a "comment piece") split by an advertisement; reader comments after.
        let page = format!(
            r#"<html><body><article class="comment-piece">
            <div class="comment-piece__text">{}</div>
            <div class="ad">Advertisement</div>
            <div class="comment-piece__text comment-piece__text--footer">{}</div>
            </article>
            <section class="reader-comments"><div class="rc"><p>I disagree with every word of
            this, and I have lived on a high street for forty years, thank you.</p></div></section>
            </body></html>"#,
            (1..=4).map(prose).collect::<String>(),
            prose(5)
        );
        let doc = extract_html(&page);
        assert!(doc.text.contains("Paragraph 5 of the story"), "{}", doc.text);
        assert!(!doc.text.contains("I disagree"), "{}", doc.text);
    }
}
