//! Entity mentions marked in an article's text, for the article view.
//!
//! The record names each entity with its surface forms (`Maria Okafor`, `Okafor`), not with
//! offsets; the mentions are found again here: every form, as a whole word, leftmost and
//! longest first (`Maria Okafor` rather than `Okafor` inside it). The page gets the text as
//! segments, each plain or marked with its entity, and builds the view from text nodes only.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;

/// A piece of a paragraph: plain text, or a mention of entity number `entity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text, as in the article.
    pub text: String,
    /// The index of the entity it mentions, in the list the forms were given with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
}

/// The paragraphs of `text` (lines), cut into segments at the mentions of `forms`: each a
/// surface form and the index of its entity. A form is found only as a whole word (not
/// `Rome` in `Romeo`).
pub fn paragraphs(text: &str, forms: &[(String, usize)]) -> Vec<Vec<Segment>> {
    let forms: Vec<&(String, usize)> = forms.iter().filter(|(f, _)| !f.trim().is_empty()).collect();
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(forms.iter().map(|(f, _)| f.as_str()))
        .ok();
    text.split('\n')
        .map(|line| {
            let mut out = Vec::new();
            let mut at = 0;
            let found = matcher.iter().flat_map(|m| m.find_iter(line));
            for m in found {
                if m.start() < at || !whole_word(line, m.start(), m.end()) {
                    continue;
                }
                if m.start() > at {
                    out.push(Segment { text: line[at..m.start()].to_owned(), entity: None });
                }
                let entity = forms[m.pattern().as_usize()].1;
                out.push(Segment {
                    text: line[m.start()..m.end()].to_owned(),
                    entity: Some(entity),
                });
                at = m.end();
            }
            if at < line.len() || out.is_empty() {
                out.push(Segment { text: line[at..].to_owned(), entity: None });
            }
            out
        })
        .collect()
}

/// Whether `line[start..end]` is not part of a longer word.
fn whole_word(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].chars().next_back();
    let after = line[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(paras: &[Vec<Segment>]) -> Vec<String> {
        paras
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| match s.entity {
                        Some(e) => format!("[{}|{e}]", s.text),
                        None => s.text.clone(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn mentions_are_marked_whole_words_longest_first() {
        let forms = vec![
            ("Maria Okafor".to_owned(), 0),
            ("Okafor".to_owned(), 0),
            ("Rome".to_owned(), 1),
            ("".to_owned(), 2),
        ];
        let text = "Maria Okafor spoke in Rome.\nOkafor, not Romeo, said it.\nNothing here.\n";
        assert_eq!(
            marked(&paragraphs(text, &forms)),
            [
                "[Maria Okafor|0] spoke in [Rome|1].",
                "[Okafor|0], not Romeo, said it.",
                "Nothing here.",
                "",
            ]
        );
        // The segments give back the text, whatever it holds.
        let text = "<script>alert(1)</script> Rome é Rome";
        let joined: String = paragraphs(text, &forms)[0].iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert_eq!(marked(&paragraphs("Okafor", &[])), ["Okafor"]);
    }
}
