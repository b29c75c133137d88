//! NITF 3.x (IPTC News Industry Text Format): one article per `<nitf>` document.
//!
//! Headline from `hedline/hl1` (else `head/title`), byline persons (else the byline's text),
//! `dateline` as written, dates from `date.issue`/`date.release` `norm` attributes (ISO 8601
//! basic, made RFC 3339), `doc-id`, urgency, keywords and subjects under `meta`; the body is
//! `body.content` as HTML, with `body.end`'s tagline (where credit lines live) after it.

use super::xml::Element;
use super::{Ctx, Fields, Parsed, iso_basic_to_rfc3339, join_authors};

/// The article of a NITF document.
pub(crate) fn parse(root: &Element, ctx: &Ctx<'_>) -> Vec<Parsed> {
    if root.name != "nitf" {
        return ctx.wrong_root(root, "a <nitf> document");
    }
    let mut f = Fields::default();
    fill(root, &mut f);
    vec![Parsed::Item(f.into_item("NITF document", ctx.at(root.start), ctx.raw(root)))]
}

/// NITF's element names that HTML spells otherwise.
fn rename(name: &str) -> Option<&'static str> {
    Some(match name {
        "block" => "div",
        "hl1" => "h1",
        "hl2" => "h2",
        "media-caption" => "figcaption",
        "media" => "figure",
        _ => return None,
    })
}

/// Fills `f` from a `<nitf>` element (also one inside a NewsML-G2 item); fields already set
/// are kept.
pub(crate) fn fill(nitf: &Element, f: &mut Fields) {
    let head = nitf.child("head");
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));
    let docdata = head.and_then(|h| h.child("docdata"));
    let m = &mut f.meta;
    if m.id.is_none() {
        m.id = docdata
            .and_then(|d| d.child("doc-id"))
            .and_then(|d| d.attr("id-string"))
            .map(str::to_owned);
    }
    if m.title.is_none() {
        m.title = body_head
            .and_then(|b| b.child("hedline"))
            .and_then(|h| h.child("hl1"))
            .and_then(Element::text)
            .or_else(|| head.and_then(|h| h.child("title")).and_then(Element::text));
    }
    if m.author.is_none() {
        let bylines: Vec<&Element> = body_head.into_iter().flat_map(|b| b.all("byline")).collect();
        let persons: Vec<String> =
            bylines.iter().flat_map(|b| b.all("person")).filter_map(Element::text).collect();
        m.author = if persons.is_empty() {
            join_authors(bylines.iter().filter_map(|b| b.text()))
        } else {
            join_authors(persons)
        };
    }
    if m.dateline.is_none() {
        m.dateline = body_head.and_then(|b| b.child("dateline")).and_then(Element::text);
    }
    let date = |name: &str| {
        docdata
            .and_then(|d| d.child(name))
            .and_then(|d| d.attr("norm"))
            .map(|n| iso_basic_to_rfc3339(n).unwrap_or_else(|| n.to_owned()))
    };
    if m.published.is_none() {
        m.published = date("date.issue").or_else(|| date("date.release"));
    }
    if m.url.is_none() {
        m.url = head
            .into_iter()
            .flat_map(|h| h.all("pubdata"))
            .filter_map(|p| p.attr("ex-ref"))
            .find(|r| r.starts_with("http"))
            .map(str::to_owned);
    }
    if m.lang.is_none() {
        m.lang = nitf
            .attr("baselang")
            .or_else(|| nitf.attr("xml:lang"))
            .or_else(|| body.and_then(|b| b.attr("xml:lang")))
            .map(str::to_owned);
    }
    let doc_id = docdata.and_then(|d| d.child("doc-id"));
    f.extra("doc_id", doc_id.and_then(|d| d.attr("id-string")).map(str::to_owned));
    f.extra("urgency", docdata.and_then(|d| d.child("urgency")?.attr("ed-urg")).map(str::to_owned));
    f.extra("release", date("date.release"));
    f.extra("expire", date("date.expire"));
    f.extra(
        "copyright",
        docdata.and_then(|d| d.child("doc.copyright")?.attr("holder")).map(str::to_owned),
    );
    f.extra_list(
        "keywords",
        docdata
            .and_then(|d| d.child("key-list"))
            .into_iter()
            .flat_map(|k| k.all("keyword"))
            .filter_map(|k| k.attr("key").map(str::to_owned)),
    );
    f.extra_list(
        "subjects",
        head.and_then(|h| h.child("tobject"))
            .into_iter()
            .flat_map(|t| t.all("tobject.subject"))
            .filter_map(|s| {
                s.attr("tobject.subject.matter")
                    .or_else(|| s.attr("tobject.subject.type"))
                    .or_else(|| s.attr("tobject.subject.refnum"))
                    .map(str::to_owned)
            }),
    );
    let hedline = body_head.and_then(|b| b.child("hedline"));
    f.extra("subheadline", hedline.and_then(|h| h.child("hl2")).and_then(Element::text));
    f.extra("distributor", body_head.and_then(|b| b.child("distributor")).and_then(Element::text));
    f.extra("abstract", body_head.and_then(|b| b.child("abstract")).and_then(Element::text));
    if let Some(content) = body.and_then(|b| b.child("body.content")) {
        let mut html = content.inner_html(&rename);
        let tagline = body.and_then(|b| b.child("body.end")).and_then(|e| e.child("tagline"));
        if let Some(t) = tagline.and_then(Element::text) {
            html.push_str("<p>");
            html.push_str(&t.replace('&', "&amp;").replace('<', "&lt;"));
            html.push_str("</p>");
        }
        if content.text().is_some() {
            f.body(Some(format!("<article>{html}</article>")), true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::core_fields;
    use super::super::{Parsed, XmlKind, parse_xml};
    use copydesk_core::{Format, Origin};

    /// tests/fixtures/formats/nitf-3.6.xml (see the README there).
    const NITF: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/formats/nitf-3.6.xml"
    ));

    #[test]
    fn a_nitf_document_maps_to_one_article() {
        let out = parse_xml(NITF.as_bytes(), XmlKind::Nitf, &Origin::default());
        let [Parsed::Item(Ok(a))] = out.as_slice() else { panic!("{out:?}") };
        let m = &a.meta;
        assert_eq!(
            core_fields(m),
            [
                Some("TEH-2026-12-06-001"),
                Some("https://wire.example/teh-001"),
                Some("Iran's leader says no talks"),
                Some("2026-12-06T09:30:00Z"),
                Some("Parisa Hafezi"),
                Some("TEHRAN, Dec 6"),
                Some("en-US")
            ]
        );
        assert_eq!(m.extra["keywords"], serde_json::json!(["Iran", "diplomacy"]));
        assert_eq!(m.extra["urgency"], "3");
        assert_eq!(m.extra["subheadline"], "Khamenei speaks in Tehran");
        assert_eq!(a.format, Format::Html);
        let body = String::from_utf8(a.body.to_vec()).unwrap();
        assert!(body.contains("<div><p>\"We will not negotiate,\" he said.</p></div>"), "{body}");
        assert!(body.contains("not negotiate &amp; would"), "{body}");
        assert!(body.ends_with(
            "<p>(Reporting by Parisa Hafezi; Editing by Alex Richardson)</p></article>"
        ));
    }

    #[test]
    fn a_document_of_another_kind_is_a_dead_letter() {
        let out = parse_xml(b"<rss><channel/></rss>", XmlKind::Nitf, &Origin::default());
        let [Parsed::Item(Err(d))] = out.as_slice() else { panic!("{out:?}") };
        assert_eq!(d.reason, "expected a <nitf> document, got a <rss> document");
    }
}
