//! HTML to article text, with a real HTML5 parser (`scraper`, i.e. html5ever: the same tree a
//! browser builds, whatever the markup's state).
//!
//! The body is taken from the page's `<article>` (else `<main>`, else `<body>`); paragraphs
//! are the page's block elements; navigation, scripts, styles, forms, headers, footers, asides,
//! figures and hidden elements are dropped. The title comes from `og:title`, else the first
//! `<h1>`, else `<title>`. Nothing is invented: no title on the page, no title in the record.

use scraper::{ElementRef, Html, Node, Selector};

/// What was extracted from an HTML page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// The page's headline, if it has one.
    pub title: Option<String>,
    /// The body text: one paragraph per line (not yet cleaned).
    pub text: String,
}

/// Elements whose whole subtree is never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "svg",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
];

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
];

/// Extracts title and body text from an HTML page or fragment.
pub fn extract_html(html: &str) -> HtmlDoc {
    let doc = Html::parse_document(html);
    let title = page_title(&doc);
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|sel| best_match(&doc, &sel))
        .unwrap_or_else(|| doc.root_element());
    let mut out = Walker { text: String::new(), para: String::new() };
    out.walk(root);
    out.flush();
    // The headline is the record's title, not the body's first paragraph.
    if let Some(t) = &title
        && let Some(first) = out.text.lines().next()
        && first.trim() == t.as_str()
    {
        out.text = out.text[first.len()..].trim_start_matches('\n').to_owned();
    }
    HtmlDoc { title, text: out.text }
}

/// The element among those matching `sel` with the most text (pages often have several
/// `<article>`s: teasers next to the story).
fn best_match<'a>(doc: &'a Html, sel: &Selector) -> Option<ElementRef<'a>> {
    doc.select(sel).max_by_key(|e| e.text().map(str::len).sum::<usize>())
}

fn page_title(doc: &Html) -> Option<String> {
    let meta = Selector::parse(r#"meta[property="og:title"], meta[name="twitter:title"]"#).ok()?;
    if let Some(t) = doc.select(&meta).find_map(|m| m.value().attr("content")) {
        let t = fold_ws(t);
        if !t.is_empty() {
            return Some(t);
        }
    }
    for s in ["h1", "title"] {
        let sel = Selector::parse(s).ok()?;
        if let Some(t) =
            doc.select(&sel).map(|e| fold_ws(&e.text().collect::<String>())).find(|t| !t.is_empty())
        {
            return Some(if s == "title" { strip_site_name(&t) } else { t });
        }
    }
    None
}

/// `Headline | Site` / `Headline - Site` → `Headline` (the longest part, when one side is a
/// short site name).
fn strip_site_name(t: &str) -> String {
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{00B7} "] {
        if let Some((a, b)) = t.rsplit_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if b.split_whitespace().count() <= 4 && a.len() > b.len() {
                return a.to_owned();
            }
        }
    }
    t.to_owned()
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Walker {
    text: String,
    para: String,
}

impl Walker {
    fn walk(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.para.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) || is_hidden(e) {
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else { continue };
                    let block = BLOCK.contains(&name);
                    if block {
                        self.flush();
                    }
                    self.walk(child_el);
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let p = fold_ws(&self.para);
        self.para.clear();
        if !p.is_empty() {
            self.text.push_str(&p);
            self.text.push('\n');
        }
    }
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
        let page = r#"<!doctype html><html><head><title>Talks resume | Example News</title>
            <style>p{}</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> <a>World</a></nav>
            <article><h1>Talks resume</h1><p>First  paragraph,
            wrapped.</p><div class="share"><button>Share</button></div>
            <p>Second <b>bold</b> paragraph.<br>After a break.</p>
            <ul><li>Point one</li><li>Point two</li></ul></article>
            <footer>Copyright</footer></body></html>"#;
        let doc = extract_html(page);
        assert_eq!(doc.title.as_deref(), Some("Talks resume"));
        assert_eq!(
            doc.text,
            "First paragraph, wrapped.\nSecond bold paragraph.\nAfter a break.\nPoint one\nPoint two\n"
        );
    }

    #[test]
    fn title_sources_in_order() {
        let og = r#"<html><head><meta property="og:title" content="OG title"><title>T - Site</title></head><body><p>x</p></body></html>"#;
        assert_eq!(extract_html(og).title.as_deref(), Some("OG title"));
        let t = "<html><head><title>The real headline - Site</title></head><body><p>x</p></body></html>";
        assert_eq!(extract_html(t).title.as_deref(), Some("The real headline"));
        assert_eq!(extract_html("<p>Just a fragment.</p>").title, None);
    }

    #[test]
    fn hidden_elements_are_skipped() {
        let doc = extract_html(
            r#"<body><p>Shown.</p><p style="display: none">Hidden.</p><div hidden>No.</div></body>"#,
        );
        assert_eq!(doc.text, "Shown.\n");
    }
}
