//! Feeds: RSS 2.0 (and the 0.9x it grew from), Atom 1.0 (RFC 4287) and RSS 1.0 (RDF), one
//! article per item.
//!
//! An item's id is its `guid` (RSS), `id` (Atom) or `rdf:about` (RDF), else its link: a feed
//! saved again gives the same ids, so a store's upsert and the duplicate window see the same
//! articles. The body is `content:encoded` or Atom `content` (HTML) when present, else the
//! description / summary (HTML when it holds markup, else text).

use super::xml::Element;
use super::{Ctx, Fields, Parsed, has_markup, join_authors, nonempty, rfc822_to_rfc3339};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The articles of a feed document.
pub(crate) fn parse(root: &Element, ctx: &Ctx<'_>) -> Vec<Parsed> {
    match items(root) {
        Some(items) => items
            .into_iter()
            .map(|(e, f)| Parsed::Item(f.into_item("feed item", ctx.at(e.start), ctx.raw(e))))
            .collect(),
        None => ctx.wrong_root(root, "an RSS, Atom or RDF feed"),
    }
}

/// The complete items of a feed with their fields; `None` when the root is not a feed's.
pub(crate) fn items(root: &Element) -> Option<Vec<(&Element, Fields)>> {
    Some(match root.name.as_str() {
        "rss" => {
            let channel = root.child("channel")?;
            let items: Vec<&Element> = channel.all("item").collect();
            rss_items(channel, &items)
        }
        // RSS 1.0 and 0.90: the items are the channel's siblings.
        "RDF" => {
            let channel = root.child("channel").cloned().unwrap_or_default();
            let items: Vec<&Element> = root.all("item").collect();
            rss_items(&channel, &items)
        }
        "feed" => atom_entries(root),
        _ => return None,
    })
}

/// The feed's own fields, repeated in every item's metadata.
fn feed_fields(f: &mut Fields, title: Option<String>, url: Option<String>) {
    f.extra("feed_title", title);
    f.extra("feed_url", url);
}

fn rss_items<'a>(channel: &Element, items: &[&'a Element]) -> Vec<(&'a Element, Fields)> {
    let feed_title = channel.child("title").and_then(Element::text);
    let feed_url = rss_link(channel);
    let feed_lang =
        channel.child("language").and_then(Element::text).or_else(|| dc(channel, "language"));
    items
        .iter()
        .filter(|item| item.complete)
        .map(|&item| {
            let mut f = Fields::default();
            let link = rss_link(item);
            let guid = item.child("guid");
            let guid_text = guid.and_then(Element::text);
            let permalink = guid.is_some_and(|g| g.attr("isPermaLink") != Some("false"));
            let about = item.attr("rdf:about").map(str::to_owned);
            f.meta.id = guid_text.clone().or(about).or_else(|| link.clone());
            f.meta.url = link.or_else(|| {
                guid_text.filter(|g| permalink && g.starts_with("http")).map(|g| g.to_owned())
            });
            f.meta.title = item.child("title").and_then(Element::text);
            let pub_date = item.child("pubDate").and_then(Element::text);
            f.meta.published = pub_date
                .as_deref()
                .map(|d| rfc822_to_rfc3339(d).unwrap_or_else(|| d.to_owned()))
                .or_else(|| dc(item, "date"))
                .or_else(|| item.child_ns(ATOM, "published").and_then(Element::text))
                .or_else(|| item.child_ns(ATOM, "updated").and_then(Element::text));
            let creators: Vec<String> = item
                .all("creator")
                .filter_map(Element::text)
                .chain(
                    item.all("author")
                        .filter(|a| a.ns != ATOM)
                        .filter_map(|a| a.text().map(|t| rss_author_name(&t))),
                )
                .collect();
            f.meta.author = join_authors(creators);
            f.meta.lang = dc(item, "language").or_else(|| feed_lang.clone());
            feed_fields(&mut f, feed_title.clone(), feed_url.clone());
            f.extra_list(
                "categories",
                item.all("category").chain(item.all("subject")).filter_map(Element::text),
            );
            f.extra("comments", item.child("comments").and_then(Element::text));
            f.extra_list(
                "enclosures",
                item.all("enclosure").filter_map(|e| e.attr("url").map(str::to_owned)),
            );
            if let Some(src) = item.child("source") {
                f.extra("source_title", src.text());
                f.extra("source_url", src.attr("url").map(str::to_owned));
            }
            let description = item.child("description").and_then(text_as_is);
            let encoded = item.child("encoded").and_then(text_as_is);
            if encoded.is_some() {
                f.extra("summary", description.clone());
            }
            f.body(encoded, true);
            let html = description.as_deref().is_some_and(has_markup);
            f.body(description, html);
            (item, f)
        })
        .collect()
}

/// An RSS `<link>`'s text; an `atom:link rel=self/alternate` as a fallback.
fn rss_link(e: &Element) -> Option<String> {
    e.all("link").filter(|l| l.ns != ATOM).find_map(Element::text).or_else(|| atom_link(e))
}

/// A Dublin Core element's text (`dc:creator`, `dc:date`...).
fn dc(e: &Element, name: &str) -> Option<String> {
    e.elements()
        .find(|c| c.name == name && c.ns.starts_with("http://purl.org/dc/"))
        .and_then(Element::text)
}

/// The name in an RSS `<author>`: `jane@example.com (Jane Doe)` is `Jane Doe`.
fn rss_author_name(s: &str) -> String {
    match (s.find('('), s.rfind(')')) {
        (Some(a), Some(b)) if a < b && s[..a].contains('@') => s[a + 1..b].trim().to_owned(),
        _ => s.to_owned(),
    }
}

/// An element's text as written (line breaks kept), trimmed; `None` when blank.
fn text_as_is(e: &Element) -> Option<String> {
    let mut s = String::new();
    e.raw_text(&mut s);
    nonempty(Some(&s))
}

fn atom_link(e: &Element) -> Option<String> {
    let links: Vec<&Element> = e.all("link").filter(|l| l.attr("href").is_some()).collect();
    let alternate = |l: &Element| matches!(l.attr("rel"), None | Some("alternate"));
    links
        .iter()
        .find(|l| alternate(l) && l.attr("type").is_none_or(|t| t.contains("html")))
        .or_else(|| links.iter().find(|l| alternate(l)))
        .and_then(|l| l.attr("href"))
        .map(str::to_owned)
}

fn atom_entries(feed: &Element) -> Vec<(&Element, Fields)> {
    let feed_title = feed.child("title").map(atom_text).and_then(|(t, _)| nonempty(Some(&t)));
    let feed_url = atom_link(feed);
    let feed_lang = feed.attr("xml:lang").map(str::to_owned);
    feed.all("entry")
        .filter(|e| e.complete)
        .map(|entry| {
            let mut f = Fields::default();
            f.meta.id = entry.child("id").and_then(Element::text);
            f.meta.url = atom_link(entry);
            f.meta.title = entry.child("title").map(atom_text).and_then(|(t, html)| {
                let t = if html { strip_tags(&t) } else { t };
                nonempty(Some(&t)).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            });
            let updated = entry.child("updated").and_then(Element::text);
            f.meta.published =
                entry.child("published").and_then(Element::text).or_else(|| updated.clone());
            f.extra("updated", updated);
            let names = |tag: &str| -> Vec<String> {
                entry.all(tag).filter_map(|a| a.child("name").and_then(Element::text)).collect()
            };
            f.meta.author = join_authors(names("author"));
            f.extra_list("contributors", names("contributor"));
            let content = entry.child("content").filter(|c| c.attr("src").is_none());
            f.meta.lang = content
                .and_then(|c| c.attr("xml:lang"))
                .or_else(|| entry.attr("xml:lang"))
                .map(str::to_owned)
                .or_else(|| feed_lang.clone());
            feed_fields(&mut f, feed_title.clone(), feed_url.clone());
            f.extra_list(
                "categories",
                entry
                    .all("category")
                    .filter_map(|c| c.attr("label").or_else(|| c.attr("term")).map(str::to_owned)),
            );
            f.extra("rights", entry.child("rights").and_then(Element::text));
            if let Some(src) = entry.child("source") {
                f.extra("source_title", src.child("title").and_then(Element::text));
                f.extra("source_url", atom_link(src));
            }
            let summary = entry.child("summary").map(atom_text);
            if let Some((text, html)) = content.map(atom_text) {
                if let Some((s, s_html)) = &summary {
                    let s = if *s_html { strip_tags(s) } else { s.clone() };
                    f.extra("summary", Some(s));
                }
                f.body(Some(text), html);
            }
            if let Some((text, html)) = summary {
                f.body(Some(text), html);
            }
            (entry, f)
        })
        .collect()
}

/// An Atom text construct's content and whether it is HTML: `type="html"` holds escaped
/// markup, `type="xhtml"` a `<div>` of XHTML, anything else text.
fn atom_text(e: &Element) -> (String, bool) {
    match e.attr("type") {
        Some("html") | Some("text/html") => (text_as_is(e).unwrap_or_default(), true),
        Some("xhtml") | Some("application/xhtml+xml") => {
            let div = e.child("div").unwrap_or(e);
            (div.inner_html(&|_| None), true)
        }
        _ => (text_as_is(e).unwrap_or_default(), false),
    }
}

/// Text without its tags (an HTML title).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::core_fields;
    use super::super::{Parsed, XmlKind, parse_xml};
    use copydesk_core::{Format, Origin, RawArticle};

    fn articles(doc: &str) -> Vec<RawArticle> {
        parse_xml(doc.as_bytes(), XmlKind::Feed, &Origin::default())
            .into_iter()
            .map(|p| match p {
                Parsed::Item(Ok(a)) => a,
                other => panic!("not an article: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn rss2_items_map_to_articles() {
        let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://news.example/</link><language>en-gb</language>
<item><title>Harbour bridge reopens</title><link>https://news.example/bridge</link>
<guid isPermaLink="false">urn:example:1</guid><pubDate>Sat, 06 Dec 2026 09:30:00 +0100</pubDate>
<dc:creator>Jane Doe</dc:creator><dc:creator>John Roe</dc:creator>
<category>Transport</category><category>Local</category>
<description>The bridge is open &lt;b&gt;again&lt;/b&gt;.</description>
<content:encoded><![CDATA[<p>The harbour bridge reopened on Saturday.</p>]]></content:encoded></item>
<item><title>Second</title><guid>https://news.example/2</guid><author>ed@news.example (Ed Itor)</author>
<description>Plain summary only.</description></item>
</channel></rss>"#;
        let a = articles(doc);
        assert_eq!(a.len(), 2);
        let m = &a[0].meta;
        assert_eq!(
            core_fields(m),
            [
                Some("urn:example:1"),
                Some("https://news.example/bridge"),
                Some("Harbour bridge reopens"),
                Some("2026-12-06T09:30:00+01:00"),
                Some("Jane Doe, John Roe"),
                None,
                Some("en-gb")
            ]
        );
        assert_eq!(m.extra["feed_title"], "Example News");
        assert_eq!(m.extra["categories"], serde_json::json!(["Transport", "Local"]));
        assert_eq!(a[0].format, Format::Html);
        assert_eq!(&*a[0].body, b"<p>The harbour bridge reopened on Saturday.</p>");
        assert_eq!(a[0].origin.line, Some(4));
        let b = &a[1];
        assert_eq!(b.meta.id.as_deref(), Some("https://news.example/2"));
        assert_eq!(b.meta.url.as_deref(), Some("https://news.example/2"));
        assert_eq!(b.meta.author.as_deref(), Some("Ed Itor"));
        assert_eq!(b.format, Format::Text);
    }

    #[test]
    fn atom_entries_map_to_articles() {
        let doc = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Wire</title>
<link href="https://wire.example/"/>
<entry><id>tag:wire.example,2026:1</id><title type="html">&lt;b&gt;Rain&lt;/b&gt; delays harvest</title>
<link rel="alternate" type="text/html" href="https://wire.example/rain"/>
<published>2026-12-05T08:00:00Z</published><updated>2026-12-05T09:00:00Z</updated>
<author><name>Tom Brandt</name></author><category term="agri" label="Agriculture"/>
<summary>Short.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Rain delayed the <em>wheat</em> harvest.</p></div></content>
</entry></feed>"#;
        let a = articles(doc);
        let m = &a[0].meta;
        assert_eq!(
            core_fields(m),
            [
                Some("tag:wire.example,2026:1"),
                Some("https://wire.example/rain"),
                Some("Rain delays harvest"),
                Some("2026-12-05T08:00:00Z"),
                Some("Tom Brandt"),
                None,
                Some("en")
            ]
        );
        assert_eq!(m.extra["summary"], "Short.");
        assert_eq!(m.extra["categories"], serde_json::json!(["Agriculture"]));
        assert_eq!(&*a[0].body, b"<p>Rain delayed the <em>wheat</em> harvest.</p>".as_slice());
        assert_eq!(a[0].format, Format::Html);
    }

    #[test]
    fn rdf_items_are_the_channels_siblings() {
        let doc = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link></channel>
<item rdf:about="https://x.example/a"><title>A</title><link>https://x.example/a</link>
<description>Text of A.</description><dc:date>2026-12-01T10:00:00Z</dc:date><dc:creator>Ann Lee</dc:creator></item>
</rdf:RDF>"#;
        let a = articles(doc);
        assert_eq!(a.len(), 1);
        let m = &a[0].meta;
        assert_eq!(m.id.as_deref(), Some("https://x.example/a"));
        assert_eq!(m.published.as_deref(), Some("2026-12-01T10:00:00Z"));
        assert_eq!(m.author.as_deref(), Some("Ann Lee"));
        assert_eq!(m.extra["feed_title"], "X");
    }

    /// The fields of a file of feedparser's test suite (tests/fixtures/formats/feedparser).
    fn feedparser(path: &str) -> Vec<super::super::Fields> {
        let file = format!(
            "{}/../../tests/fixtures/formats/feedparser/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let doc = super::super::xml::parse(&text);
        assert_eq!(doc.error, None, "{path}");
        super::items(&doc.root.unwrap()).unwrap().into_iter().map(|(_, f)| f).collect()
    }

    #[test]
    fn feedparser_test_files_map_as_feedparser_expects() {
        let f = feedparser("wellformed/rss/item_content_encoded.xml");
        assert_eq!(f[0].body, Some(("<p>Example content</p>".to_owned(), true)));
        let f = feedparser("wellformed/rss/item_dc_creator.xml");
        assert_eq!(f[0].meta.author.as_deref(), Some("Example editor"));
        let f = feedparser("wellformed/rss/item_guid.xml");
        assert_eq!(f[0].meta.id.as_deref(), Some("http://guid.example.com/"));
        assert_eq!(f[0].meta.url.as_deref(), Some("http://guid.example.com/"));
        let f = feedparser("wellformed/rss/item_pubDate.xml");
        assert_eq!(f[0].meta.published.as_deref(), Some("2004-01-01T19:48:21Z"));
        let f = feedparser("wellformed/atom10/entry_content_inline_markup.xml");
        assert_eq!(f[0].body, Some(("Example <b>Atom</b>".to_owned(), true)));
        let f = feedparser("wellformed/atom10/entry_authors_name.xml");
        assert_eq!(f[0].meta.author.as_deref(), Some("one, two"));
        let f = feedparser("wellformed/atom10/entry_id.xml");
        assert_eq!(f[0].meta.id.as_deref(), Some("http://example.com/"));
        let f = feedparser("wellformed/rdf/rdf_item_rdf_about.xml");
        assert_eq!(f[0].meta.id.as_deref(), Some("http://example.org/1"));
        assert!(feedparser("wellformed/rdf/doctype_contains_entity_decl.xml").is_empty());
    }

    #[test]
    fn a_broken_feed_keeps_its_complete_items_and_dead_letters_the_rest() {
        let doc = "<rss><channel><item><title>A</title><description>a</description></item>\n\
                   <item><title>B</title><description>b</item></channel></rss>";
        let out = parse_xml(doc.as_bytes(), XmlKind::Feed, &Origin::default());
        assert_eq!(out.len(), 2);
        assert!(matches!(&out[0], Parsed::Item(Ok(a)) if a.meta.title.as_deref() == Some("A")));
        let Parsed::Item(Err(d)) = &out[1] else { panic!("no dead letter") };
        assert!(d.reason.starts_with("invalid XML at line 2, column"), "{}", d.reason);
        assert_eq!(d.source.line, Some(2));
    }
}
