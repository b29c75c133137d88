//! IPTC NewsML-G2 (2.x): a `newsItem` is an article; a `newsMessage` carries several items
//! (each `newsItem` an article; package, concept and knowledge items are skipped and counted).
//!
//! Id from the item's `guid` (its `version` under `meta`); headline, `by` (else the
//! creators' names), `dateline`, language, subjects, keywords, urgency from `contentMeta`;
//! published from `itemMeta`'s `versionCreated` (else `firstCreated`, else
//! `contentMeta/contentCreated`). The body is the first `inlineXML` of the content set: XHTML
//! (its `<body>`) or NITF (its `body.content`), else a text `inlineData`.

use super::xml::Element;
use super::{Ctx, Fields, Parsed, Skip, join_authors, nitf, nonempty};

/// The articles of a NewsML-G2 document.
pub(crate) fn parse(root: &Element, ctx: &Ctx<'_>) -> Vec<Parsed> {
    match root.name.as_str() {
        "newsItem" => vec![item(root, ctx)],
        "newsMessage" => root
            .all("itemSet")
            .flat_map(Element::elements)
            .filter(|e| e.complete)
            .map(|e| match e.name.as_str() {
                "newsItem" => item(e, ctx),
                _ => Parsed::Skip(Skip::NewsmlNotNews),
            })
            .collect(),
        "packageItem" | "conceptItem" | "knowledgeItem" | "planningItem" => {
            vec![Parsed::Skip(Skip::NewsmlNotNews)]
        }
        _ => ctx.wrong_root(root, "a NewsML-G2 <newsItem> or <newsMessage>"),
    }
}

fn item(e: &Element, ctx: &Ctx<'_>) -> Parsed {
    let meta = e.child("itemMeta");
    let content_meta = e.child("contentMeta");
    let class = meta.and_then(|m| m.child("itemClass")).and_then(|c| c.attr("qcode"));
    // Pictures, graphics, video: no text to read.
    if class.is_some_and(|c| !c.ends_with(":text") && !c.ends_with(":composite")) {
        return Parsed::Skip(Skip::NewsmlNotNews);
    }
    let mut f = Fields::default();
    let cm = |name: &str| content_meta.and_then(|c| c.child(name));
    let im = |name: &str| meta.and_then(|m| m.child(name));
    f.meta.id = e.attr("guid").map(str::to_owned);
    f.meta.title = cm("headline").and_then(Element::text);
    f.meta.author = cm("by").and_then(Element::text).or_else(|| {
        join_authors(content_meta.into_iter().flat_map(|c| c.all("creator")).filter_map(|c| {
            c.child("name").and_then(Element::text).or_else(|| nonempty(c.attr("literal")))
        }))
    });
    f.meta.dateline = cm("dateline").and_then(Element::text);
    f.meta.published = im("versionCreated")
        .and_then(Element::text)
        .or_else(|| im("firstCreated").and_then(Element::text))
        .or_else(|| cm("contentCreated").and_then(Element::text));
    f.meta.lang = cm("language")
        .and_then(|l| l.attr("tag"))
        .or_else(|| e.attr("xml:lang"))
        .map(str::to_owned);
    f.meta.url = meta
        .into_iter()
        .flat_map(|m| m.all("link"))
        .filter_map(|l| l.attr("href"))
        .find(|h| h.starts_with("http"))
        .map(str::to_owned);
    f.extra("version", e.attr("version").map(str::to_owned));
    f.extra("item_class", class.map(str::to_owned));
    f.extra(
        "provider",
        im("provider").and_then(|p| p.attr("qcode").or(p.attr("literal"))).map(str::to_owned),
    );
    f.extra("first_created", im("firstCreated").and_then(Element::text));
    f.extra("version_created", im("versionCreated").and_then(Element::text));
    f.extra("embargoed", im("embargoed").and_then(Element::text));
    f.extra("pub_status", im("pubStatus").and_then(|p| p.attr("qcode")).map(str::to_owned));
    f.extra("urgency", cm("urgency").and_then(Element::text));
    f.extra("slugline", cm("slugline").and_then(Element::text));
    f.extra("located", cm("located").and_then(|l| l.child("name")).and_then(Element::text));
    f.extra("description", cm("description").and_then(Element::text));
    let all = |name: &'static str| content_meta.into_iter().flat_map(move |c| c.all(name));
    f.extra_list(
        "subjects",
        all("subject").filter_map(|s| {
            s.child("name").and_then(Element::text).or_else(|| nonempty(s.attr("qcode")))
        }),
    );
    f.extra_list("keywords", all("keyword").filter_map(Element::text));
    f.extra_list(
        "genres",
        all("genre").filter_map(|g| {
            g.child("name").and_then(Element::text).or_else(|| nonempty(g.attr("qcode")))
        }),
    );
    let set = e.child("contentSet");
    for inline in set.into_iter().flat_map(|s| s.all("inlineXML")) {
        if let Some(n) = inline.find("nitf") {
            nitf::fill(n, &mut f);
        } else if let Some(html) = inline.find("body").filter(|b| b.text().is_some()) {
            f.body(Some(format!("<article>{}</article>", html.inner_html(&|_| None))), true);
        }
    }
    for data in set.into_iter().flat_map(|s| s.all("inlineData")) {
        let mut text = String::new();
        data.raw_text(&mut text);
        let html = data.attr("contenttype").is_some_and(|t| t.contains("html"));
        f.body(nonempty(Some(&text)), html);
    }
    Parsed::Item(f.into_item("NewsML-G2 item", ctx.at(e.start), ctx.raw(e)))
}

#[cfg(test)]
mod tests {
    use super::super::core_fields;
    use super::super::{Parsed, Skip, XmlKind, parse_xml};
    use copydesk_core::{Format, Origin};

    /// tests/fixtures/formats/newsml-g2-2.33.xml (see the README there).
    const MESSAGE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/formats/newsml-g2-2.33.xml"
    ));

    #[test]
    fn a_news_message_gives_its_news_items() {
        let out = parse_xml(MESSAGE.as_bytes(), XmlKind::NewsMl, &Origin::default());
        assert_eq!(out.len(), 3);
        let Parsed::Item(Ok(a)) = &out[0] else { panic!("{:?}", out[0]) };
        let m = &a.meta;
        assert_eq!(
            core_fields(m),
            [
                Some("urn:newsml:wire.example:20261206:rain"),
                Some("https://wire.example/rain"),
                Some("Rain delays wheat harvest"),
                Some("2026-12-06T09:45:00Z"),
                Some("Tom Brandt, Ann Lee"),
                Some("KANSAS CITY, Mo."),
                Some("en")
            ]
        );
        assert_eq!(m.extra["version"], "2");
        assert_eq!(m.extra["subjects"], serde_json::json!(["agriculture"]));
        assert_eq!(a.format, Format::Html);
        assert_eq!(
            &*a.body,
            b"<article><p>Rain delayed the wheat harvest across the plains.</p><p>Futures rose.</p></article>"
                .as_slice()
        );
        assert!(matches!(out[1], Parsed::Skip(Skip::NewsmlNotNews)));
        let Parsed::Item(Ok(b)) = &out[2] else { panic!("{:?}", out[2]) };
        assert_eq!(b.meta.author.as_deref(), Some("By Maria Okafor"));
        assert_eq!(b.meta.dateline.as_deref(), Some("LAGOS, Dec 6"));
        assert_eq!(
            &*b.body,
            b"<article><p>The port strike ended on Saturday.</p></article>".as_slice()
        );
    }

    #[test]
    fn a_picture_item_is_skipped() {
        let doc = r#"<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="p"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>"#;
        let out = parse_xml(doc.as_bytes(), XmlKind::NewsMl, &Origin::default());
        assert!(matches!(out.as_slice(), [Parsed::Skip(Skip::NewsmlNotNews)]));
    }
}
