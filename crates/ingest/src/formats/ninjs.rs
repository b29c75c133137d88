//! IPTC ninjs (News in JSON) 1.x and 2.0: one article per object.
//!
//! An object is ninjs when it has a `uri` and one of `headline`, `headlines`, `body_text`,
//! `body_html`, `bodies` or `versioncreated` (or when the format is forced). Id from `uri`;
//! title from `headline` (1.x) or the main of `headlines` (2.0); body from `body_html`, else
//! `body_text` (1.x), or the HTML, else the text, of `bodies` (2.0); author from `byline`
//! (1.x) or `by` (2.0); published from `versioncreated`, else `firstcreated`; language from
//! `language`. Every other field stays, in order, under the record's `meta`.

use copydesk_core::{DeadLetter, Item, Origin, RawArticle};
use serde_json::{Map, Value};

use super::{Fields, RAW_LIMIT};

/// The fields that, next to a `uri`, make an object ninjs.
const MARKERS: [&str; 6] =
    ["headline", "headlines", "body_text", "body_html", "bodies", "versioncreated"];

/// Whether a JSON object is a ninjs document.
pub(crate) fn is_ninjs(obj: &Map<String, Value>) -> bool {
    matches!(obj.get("uri"), Some(Value::String(_))) && MARKERS.iter().any(|k| obj.contains_key(*k))
}

/// A ninjs object as a raw article (or a dead letter when it has no body).
pub(crate) fn from_ninjs(
    mut obj: Map<String, Value>,
    origin: Origin,
    rec: &[u8],
) -> Item<RawArticle> {
    let mut f = Fields::default();
    let mut take_str = |k: &str| match obj.get(k) {
        Some(Value::String(_)) => match obj.shift_remove(k) {
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            _ => None,
        },
        _ => None,
    };
    f.meta.id = take_str("uri");
    f.meta.title = take_str("headline");
    f.meta.author = take_str("byline").or_else(|| take_str("by"));
    f.meta.published = take_str("versioncreated").or_else(|| take_str("firstcreated"));
    f.meta.lang = take_str("language");
    let body_html = take_str("body_html");
    let body_text = take_str("body_text");
    f.body(body_html, true);
    f.body(body_text, false);
    if f.meta.title.is_none()
        && let Some(Value::Array(hs)) = obj.get("headlines")
    {
        f.meta.title = pick(hs, |_| true).map(|(v, _)| v.to_owned());
        obj.shift_remove("headlines");
    }
    if f.body.is_none()
        && let Some(Value::Array(bs)) = obj.get("bodies")
    {
        let html = pick(bs, |t| t.contains("html")).map(|(v, _)| (v.to_owned(), true));
        let text = pick(bs, |t| !t.contains("html")).map(|(v, _)| (v.to_owned(), false));
        if let Some((v, is_html)) = html.or(text) {
            f.body(Some(v), is_html);
            obj.shift_remove("bodies");
        }
    }
    f.meta.url = f
        .meta
        .id
        .clone()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .or_else(|| link(&obj));
    let id = f.meta.id.clone();
    f.meta.extra = obj;
    if f.body.is_none() {
        let reason = "no text: the ninjs object has no body_html, body_text or bodies";
        let raw = &rec[..rec.len().min(RAW_LIMIT)];
        let raw = if raw.is_empty() {
            Value::Object(f.meta.extra).to_string().into_bytes()
        } else {
            raw.to_vec()
        };
        return Err(Box::new(DeadLetter::new("ingest", reason, origin, &raw, id)));
    }
    f.into_item("ninjs object", origin, rec)
}

/// The value of the best element of a ninjs 2.0 `headlines` or `bodies` list whose content
/// type passes `kind`: the one whose role is `main` (or has no role), else the first.
fn pick(list: &[Value], kind: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    let entries: Vec<(&str, &str, Option<&str>)> = list
        .iter()
        .filter_map(|v| {
            let value = v.get("value")?.as_str()?.trim();
            let ctype = v.get("contenttype").and_then(Value::as_str).unwrap_or("text/plain");
            let role = v.get("role").and_then(Value::as_str);
            (!value.is_empty() && kind(ctype)).then_some((value, ctype, role))
        })
        .collect();
    entries
        .iter()
        .find(|(_, _, r)| r.is_none_or(|r| r == "main" || r.ends_with(":main")))
        .or(entries.first())
        .map(|(v, t, _)| (*v, *t))
}

/// A web link of a ninjs 2.0 object (`links` with an `http` `href`, `canonical` or
/// `alternate` first).
fn link(obj: &Map<String, Value>) -> Option<String> {
    let links = obj.get("links")?.as_array()?;
    fn href(l: &Value) -> Option<&str> {
        l.get("href").and_then(Value::as_str).filter(|h| h.starts_with("http"))
    }
    let rel =
        |l: &Value, r: &str| l.get("rel").and_then(Value::as_str).is_some_and(|x| x.ends_with(r));
    links
        .iter()
        .find(|l| href(l).is_some() && (rel(l, "canonical") || rel(l, "alternate")))
        .or_else(|| links.iter().find(|l| href(l).is_some()))
        .and_then(href)
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::super::core_fields;
    use super::*;
    use copydesk_core::Format;

    fn article(v: Value) -> RawArticle {
        let Value::Object(obj) = v else { panic!("not an object") };
        assert!(is_ninjs(&obj));
        from_ninjs(obj, Origin::default(), b"").unwrap()
    }

    /// ninjs 1.3 (schema http://www.iptc.org/std/ninjs/ninjs-schema_1.3.json).
    #[test]
    fn ninjs_1_maps_to_an_article() {
        let a = article(serde_json::json!({
            "uri": "http://wire.example/2026/12/06/bridge",
            "type": "text",
            "version": "1",
            "versioncreated": "2026-12-06T09:30:00Z",
            "language": "en",
            "headline": "Harbour bridge reopens",
            "byline": "By Jane Doe and John Roe",
            "located": "Harbourton",
            "subject": [{"name": "transport", "code": "medtop:20000574"}],
            "body_html": "<p>The bridge reopened.</p>",
            "body_text": "The bridge reopened."
        }));
        let m = &a.meta;
        assert_eq!(
            core_fields(m),
            [
                Some("http://wire.example/2026/12/06/bridge"),
                Some("http://wire.example/2026/12/06/bridge"),
                Some("Harbour bridge reopens"),
                Some("2026-12-06T09:30:00Z"),
                Some("By Jane Doe and John Roe"),
                None,
                Some("en")
            ]
        );
        assert_eq!(a.format, Format::Html);
        assert_eq!(&*a.body, b"<p>The bridge reopened.</p>".as_slice());
        let keys: Vec<&str> = m.extra.keys().map(String::as_str).collect();
        assert_eq!(keys, ["type", "version", "located", "subject"]);
    }

    /// ninjs 2.0 (schema https://www.iptc.org/std/ninjs/ninjs-schema_2.0.json).
    #[test]
    fn ninjs_2_maps_to_an_article() {
        let a = article(serde_json::json!({
            "uri": "urn:wire.example:2026:rain",
            "versioncreated": "2026-12-05T08:00:00Z",
            "headlines": [{"role": "short", "value": "Rain"}, {"role": "main", "value": "Rain delays harvest"}],
            "by": "Tom Brandt",
            "bodies": [{"role": "main", "contenttype": "text/plain", "value": "Rain delayed the harvest."}],
            "links": [{"href": "https://wire.example/rain", "rel": "irel:canonical"}]
        }));
        assert_eq!(a.meta.title.as_deref(), Some("Rain delays harvest"));
        assert_eq!(a.meta.author.as_deref(), Some("Tom Brandt"));
        assert_eq!(a.meta.url.as_deref(), Some("https://wire.example/rain"));
        assert_eq!(a.format, Format::Text);
        assert_eq!(&*a.body, b"Rain delayed the harvest.".as_slice());
    }

    #[test]
    fn an_object_without_uri_is_not_ninjs_and_one_without_body_is_a_dead_letter() {
        let Value::Object(o) = serde_json::json!({"headline": "x", "text": "y"}) else { panic!() };
        assert!(!is_ninjs(&o));
        let Value::Object(o) = serde_json::json!({"uri": "u", "headline": "x"}) else { panic!() };
        assert!(is_ninjs(&o));
        let d = from_ninjs(o, Origin::default(), b"{}").unwrap_err();
        assert!(d.reason.starts_with("no text"));
        assert_eq!(d.id.as_deref(), Some("u"));
    }
}
