//! A small element tree over `quick-xml`, shared by the XML formats (NITF, NewsML-G2, RSS,
//! Atom, RDF).
//!
//! Safe by construction against the XML bombs: DTD entities are never expanded (a reference
//! to one is kept as written, `&name;`), only the five predefined entities, character
//! references and a few common HTML names (`&nbsp;`, `&mdash;`…, each a fixed short string)
//! are; nesting is limited to [`MAX_DEPTH`]; the input itself is capped by the caller
//! (`max_bytes`), so the tree is never larger than a few times it.
//!
//! A malformed document keeps the tree read up to the error: the elements still open are
//! closed and marked incomplete ([`Element::complete`]), and the error says where it is.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// Deeper nesting is an error (no news document nests this deep; a crafted one would make
/// the tree's recursive walks deep).
pub(crate) const MAX_DEPTH: usize = 512;

/// An XML element.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Element {
    /// Namespace URI, empty when none.
    pub(crate) ns: String,
    /// Local name.
    pub(crate) name: String,
    /// Attributes: qualified name as written, value with references resolved.
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
    /// False when the document ended (or broke) before the element's end tag.
    pub(crate) complete: bool,
    /// Byte offset of the start tag in the document.
    pub(crate) start: usize,
    /// Byte offset just past the end tag (or where the document broke).
    pub(crate) end: usize,
}

/// A child of an element.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// Where and why a document is not well-formed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub(crate) reason: String,
    /// Byte offset of the error.
    pub(crate) offset: usize,
    /// 1-based line and column (in characters) of the error.
    pub(crate) line: u64,
    pub(crate) column: u64,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid XML at line {}, column {} (byte {}): {}",
            self.line, self.column, self.offset, self.reason
        )
    }
}

/// A parsed document: its root element (when one began) and the first error, if any.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub(crate) root: Option<Element>,
    pub(crate) error: Option<XmlError>,
}

/// Parses `text` into an element tree, up to the first error.
pub(crate) fn parse(text: &str) -> Document {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut doc = Document::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_resolved_event();
        let (ns, event) = match event {
            Ok((ns, ev)) => (ns_of(&ns), ev),
            Err(e) => {
                let at = reader.error_position() as usize;
                doc.error = Some(error_at(text, at, e.to_string()));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    doc.error =
                        Some(error_at(text, before, format!("nested deeper than {MAX_DEPTH}")));
                    break;
                }
                let el = start_element(&e, ns, before);
                stack.push(el);
            }
            Event::End(_) => {
                let Some(mut el) = stack.pop() else { continue };
                el.complete = true;
                el.end = reader.buffer_position() as usize;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(el)),
                    None => {
                        doc.root = Some(el);
                        // Whatever follows the root (comments, blanks) is of no interest.
                        return doc;
                    }
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string().into(),
                    _ => {
                        let name = r.xml10_content();
                        match resolve_entity(&name) {
                            Some(s) => s.into(),
                            // Never expanded: a DTD's entity stays as written.
                            None => format!("&{name};").into(),
                        }
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => {
                if !stack.is_empty() {
                    let name = stack.last().map(|e| e.name.clone()).unwrap_or_default();
                    doc.error = Some(error_at(
                        text,
                        text.len(),
                        format!("the document ends inside <{name}>"),
                    ));
                }
                break;
            }
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
        }
    }
    // Close what is still open, marked incomplete.
    let end = doc.error.as_ref().map_or(text.len(), |e| e.offset);
    while let Some(mut el) = stack.pop() {
        el.end = end;
        match stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(el)),
            None => doc.root = Some(el),
        }
    }
    doc
}

fn ns_of(ns: &ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(n) => n.as_ref().to_owned(),
        _ => String::new(),
    }
}

fn start_element(e: &BytesStart<'_>, ns: String, start: usize) -> Element {
    let name = e.local_name().as_ref().to_owned();
    let attrs = e
        .attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key.as_ref().to_owned();
            let value = a
                .normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 1, resolve_entity)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect();
    Element { ns, name, attrs, children: Vec::new(), complete: false, start, end: start }
}

fn push_text(stack: &mut [Element], s: &str) {
    let Some(el) = stack.last_mut() else { return };
    if let Some(Node::Text(t)) = el.children.last_mut() {
        t.push_str(s);
    } else {
        el.children.push(Node::Text(s.to_owned()));
    }
}

/// The entities resolved by name: XML's five, and common HTML names that news XML uses
/// (declared in the NITF DTD, or written by hand). Each is a fixed string: nothing recurses.
fn resolve_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        "nbsp" => "\u{a0}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "ldquo" => "\u{201c}",
        "rdquo" => "\u{201d}",
        "hellip" => "\u{2026}",
        "copy" => "\u{a9}",
        "reg" => "\u{ae}",
        "trade" => "\u{2122}",
        "eacute" => "\u{e9}",
        "bull" => "\u{2022}",
        "middot" => "\u{b7}",
        "deg" => "\u{b0}",
        "euro" => "\u{20ac}",
        "pound" => "\u{a3}",
        _ => return None,
    })
}

fn error_at(text: &str, offset: usize, reason: String) -> XmlError {
    let offset = offset.min(text.len());
    let (line, column) = line_col(text, offset);
    XmlError { reason, offset, line, column }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let mut cut = offset.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &text[..cut];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() as u64 + 1)
}

impl Element {
    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements with this local name (any namespace).
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element with this local name (any namespace).
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child element with this namespace and local name.
    pub(crate) fn child_ns(&self, ns: &str, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name && e.ns == ns)
    }

    /// The first descendant (depth first) with this local name.
    pub(crate) fn find(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(d) = e.find(name) {
                return Some(d);
            }
        }
        None
    }

    /// An attribute by qualified name (`href`, `xml:lang`), or by local name when no
    /// attribute has the qualified name (`rdf:about` found as `about`).
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        let exact = self.attrs.iter().find(|(k, _)| k == name);
        exact
            .or_else(|| self.attrs.iter().find(|(k, _)| k.rsplit(':').next() == Some(name)))
            .map(|(_, v)| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The text of the element and its descendants, whitespace collapsed; `None` when empty.
    pub(crate) fn text(&self) -> Option<String> {
        let mut raw = String::new();
        self.raw_text(&mut raw);
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        (!collapsed.is_empty()).then_some(collapsed)
    }

    /// The text of the element and its descendants as it is (line breaks kept).
    pub(crate) fn raw_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.raw_text(out),
            }
        }
    }

    /// The element's content as HTML markup: text escaped, elements by local name (prefixes
    /// dropped, so `<h:p>` is `<p>`) renamed by `rename` (NITF's `hl2` is an `h2`).
    pub(crate) fn inner_html(&self, rename: &dyn Fn(&str) -> Option<&'static str>) -> String {
        let mut out = String::new();
        self.write_children(&mut out, rename);
        out
    }

    fn write_children(&self, out: &mut String, rename: &dyn Fn(&str) -> Option<&'static str>) {
        for n in &self.children {
            match n {
                Node::Text(t) => escape_into(out, t, false),
                Node::Element(e) => {
                    let name = rename(&e.name).unwrap_or(&e.name);
                    out.push('<');
                    out.push_str(name);
                    for (k, v) in &e.attrs {
                        if k.starts_with("xmlns") {
                            continue;
                        }
                        out.push(' ');
                        out.push_str(k.rsplit(':').next().unwrap_or(k));
                        out.push_str("=\"");
                        escape_into(out, v, true);
                        out.push('"');
                    }
                    out.push('>');
                    e.write_children(out, rename);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
        }
    }
}

fn escape_into(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_tree_with_namespaces_and_references() {
        let doc = parse(
            "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:x\" xmlns:b=\"urn:b\"><b:c k=\"v&amp;w\">1 &lt; 2 &#233;&nbsp;<![CDATA[<p>]]></b:c><d/></a>",
        );
        assert_eq!(doc.error, None);
        let root = doc.root.unwrap();
        assert_eq!((root.ns.as_str(), root.name.as_str()), ("urn:x", "a"));
        let c = root.child_ns("urn:b", "c").unwrap();
        assert_eq!(c.attr("k"), Some("v&w"));
        // Collapsed: the no-break space is white space too.
        assert_eq!(c.text().as_deref(), Some("1 < 2 é <p>"));
        assert!(root.child("d").unwrap().complete);
        assert_eq!(
            root.inner_html(&|_| None),
            "<c k=\"v&amp;w\">1 &lt; 2 é\u{a0}&lt;p&gt;</c><d></d>"
        );
    }

    #[test]
    fn dtd_entities_are_never_expanded() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n \
                    <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n \
                    <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n]>\n\
                    <lolz>&lol2;</lolz>";
        let doc = parse(bomb);
        assert_eq!(doc.error, None);
        assert_eq!(doc.root.unwrap().text().as_deref(), Some("&lol2;"));
        // Nor external ones: nothing is read from outside the document.
        let xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assert_eq!(parse(xxe).root.unwrap().text().as_deref(), Some("&x;"));
    }

    #[test]
    fn a_broken_document_keeps_what_came_before_and_says_where() {
        let doc = parse("<a>\n<b>one</b>\n<b>two</c>\n</a>");
        let err = doc.error.unwrap();
        assert_eq!(err.line, 3);
        let root = doc.root.unwrap();
        assert!(!root.complete);
        let bs: Vec<_> = root.all("b").collect();
        assert!(bs[0].complete);
        assert!(!bs[1].complete);
        let doc = parse("<a><b>one</b>");
        assert!(doc.error.unwrap().reason.contains("ends inside <a>"));
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        let doc = parse(&deep);
        assert!(doc.error.unwrap().reason.contains("nested deeper"));
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_col("ab\ncdé f", 9), (2, 6));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
