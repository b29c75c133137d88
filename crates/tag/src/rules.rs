//! User tag rules, from TOML:
//!
//! ```toml
//! [[rule]]
//! tag = "iran-iraq"            # the tag added when the rule matches
//! field = "any"                # "title", "text" or "any" (default)
//! any = ["Tehran", "Baghdad"]  # at least one of these (if given)
//! all = ["Iran", "Iraq"]       # every one of these
//! none = ["football"]          # none of these
//! ```
//!
//! A term is a phrase, matched case-insensitively as whole words, or, prefixed with `re:`, a
//! regular expression (Rust `regex` syntax, case-insensitive unless it says `(?-i)`). A rule
//! needs at least one `any` or `all` term. Several rules may add the same tag (an "or").
//! All phrases of all rules go into one Aho-Corasick automaton, all regexes into one
//! `RegexSet`: one pass over each field whatever the number of rules.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::RegexSet;
use serde::Deserialize;

/// Which part of the article a rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The title only.
    Title,
    /// The body only.
    Text,
    /// Title or body.
    #[default]
    Any,
}

/// An invalid rules file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The file is not valid TOML of the expected shape (the message gives line and column).
    #[error("invalid rules file: {0}")]
    Toml(String),
    /// A rule is not usable.
    #[error("rule {index} (tag {tag:?}): {problem}")]
    Rule {
        /// 1-based position of the rule in the file.
        index: usize,
        /// Its tag.
        tag: String,
        /// What is wrong.
        problem: String,
    },
    /// Reading the file failed.
    #[error("cannot read rules file {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    tag: String,
    #[serde(default)]
    field: Field,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
}

#[derive(Debug, Clone)]
struct Rule {
    tag: String,
    field: Field,
    any: Vec<usize>,
    all: Vec<usize>,
    none: Vec<usize>,
}

/// Compiled tag rules.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<Rule>,
    /// Phrase automaton over lower-cased phrases; pattern i is term `phrase_terms[i]`.
    phrases: Option<AhoCorasick>,
    phrase_terms: Vec<usize>,
    /// Whether each phrase starts / ends with a word character (whole-word checks apply there).
    phrase_edges: Vec<(bool, bool)>,
    regexes: Option<RegexSet>,
    regex_terms: Vec<usize>,
    terms: usize,
}

impl Rules {
    /// Reads and compiles a rules file.
    ///
    /// # Errors
    /// When the file cannot be read or is invalid.
    pub fn load(path: &std::path::Path) -> Result<Rules, RuleError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| RuleError::Read { path: path.display().to_string(), source })?;
        Rules::parse(&text)
    }

    /// Parses and compiles rules from TOML text.
    ///
    /// # Errors
    /// When the TOML is invalid, a rule has no `any`/`all` term or an empty tag, or a regex
    /// does not compile.
    pub fn parse(toml_text: &str) -> Result<Rules, RuleError> {
        let file: RulesFile =
            toml::from_str(toml_text).map_err(|e| RuleError::Toml(e.to_string()))?;
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut phrase_terms = Vec::new();
        let mut regexes: Vec<String> = Vec::new();
        let mut regex_terms = Vec::new();
        let mut rules = Vec::with_capacity(file.rule.len());
        for (i, spec) in file.rule.into_iter().enumerate() {
            let bad =
                |problem: String| RuleError::Rule { index: i + 1, tag: spec.tag.clone(), problem };
            let tag = spec.tag.trim().to_owned();
            if tag.is_empty() {
                return Err(bad("the tag is empty".to_owned()));
            }
            if spec.any.is_empty() && spec.all.is_empty() {
                return Err(bad("needs at least one `any` or `all` term".to_owned()));
            }
            let mut intern = |list: &[String]| -> Result<Vec<usize>, RuleError> {
                let mut out = Vec::with_capacity(list.len());
                for term in list {
                    let key = match term.strip_prefix("re:") {
                        Some(re) => format!("re:{re}"),
                        None => {
                            let p = term.split_whitespace().collect::<Vec<_>>().join(" ");
                            if p.is_empty() {
                                return Err(bad("an empty phrase".to_owned()));
                            }
                            p.to_lowercase()
                        }
                    };
                    if let Some(&id) = ids.get(&key) {
                        out.push(id);
                        continue;
                    }
                    let id = ids.len();
                    match key.strip_prefix("re:") {
                        Some(re) => {
                            let re = format!("(?i){re}");
                            if let Err(e) = regex::Regex::new(&re) {
                                return Err(bad(format!("invalid regex {term:?}: {e}")));
                            }
                            regexes.push(re);
                            regex_terms.push(id);
                        }
                        None => {
                            phrases.push(key.clone());
                            phrase_terms.push(id);
                        }
                    }
                    ids.insert(key, id);
                    out.push(id);
                }
                Ok(out)
            };
            let any = intern(&spec.any)?;
            let all = intern(&spec.all)?;
            let none = intern(&spec.none)?;
            rules.push(Rule { tag, field: spec.field, any, all, none });
        }
        let phrase_edges = phrases
            .iter()
            .map(|p| {
                (
                    p.chars().next().is_some_and(char::is_alphanumeric),
                    p.chars().next_back().is_some_and(char::is_alphanumeric),
                )
            })
            .collect();
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder().match_kind(MatchKind::Standard).build(&phrases).map_err(
                    |e| RuleError::Toml(format!("cannot build the phrase matcher: {e}")),
                )?,
            )
        };
        let regexes = if regexes.is_empty() {
            None
        } else {
            Some(RegexSet::new(&regexes).map_err(|e| RuleError::Toml(e.to_string()))?)
        };
        Ok(Rules {
            rules,
            phrases,
            phrase_terms,
            phrase_edges,
            regexes,
            regex_terms,
            terms: ids.len(),
        })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The tags whose rules match, sorted and without repeats.
    pub fn apply(&self, title: Option<&str>, text: &str) -> Vec<String> {
        let title = title.map(|t| (t, crate::keywords::fold_case(t)));
        let text_folded = crate::keywords::fold_case(text);
        self.apply_folded(title.as_ref().map(|(t, f)| (*t, &**f)), (text, &text_folded))
    }

    /// [`Rules::apply`] with each field given as (text, lower-cased text).
    pub(crate) fn apply_folded(
        &self,
        title: Option<(&str, &str)>,
        text: (&str, &str),
    ) -> Vec<String> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        let in_title = self.present(title.unwrap_or(("", "")));
        let in_text = self.present(text);
        let mut tags: Vec<String> = self
            .rules
            .iter()
            .filter(|r| {
                let has = |t: &usize| match r.field {
                    Field::Title => in_title[*t],
                    Field::Text => in_text[*t],
                    Field::Any => in_title[*t] || in_text[*t],
                };
                (r.any.is_empty() || r.any.iter().any(has))
                    && r.all.iter().all(has)
                    && !r.none.iter().any(has)
            })
            .map(|r| r.tag.clone())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }

    /// Which terms occur in a field, given as (text, lower-cased text).
    fn present(&self, (s, lower): (&str, &str)) -> Vec<bool> {
        let mut found = vec![false; self.terms];
        if s.is_empty() {
            return found;
        }
        if let Some(ac) = &self.phrases {
            for m in ac.find_overlapping_iter(lower) {
                let p = m.pattern().as_usize();
                let term = self.phrase_terms[p];
                if found[term] {
                    continue;
                }
                let (check_start, check_end) = self.phrase_edges[p];
                let before_ok = !check_start
                    || lower[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = !check_end
                    || lower[m.end()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok {
                    found[term] = true;
                }
            }
        }
        if let Some(set) = &self.regexes {
            for i in set.matches(s).iter() {
                found[self.regex_terms[i]] = true;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
        [[rule]]
        tag = "mideast"
        any = ["Iran", "Iraq", "re:\\bbaghdad\\b"]

        [[rule]]
        tag = "diplomacy"
        all = ["president", "meeting"]
        none = ["football"]

        [[rule]]
        tag = "headline-iran"
        field = "title"
        any = ["iran"]

        [[rule]]
        tag = "numbers"
        any = ["re:(?-i)\\b[0-9]{4}\\b"]

        [[rule]]
        tag = "mideast"
        any = ["Kurdistan region"]
    "#;

    #[test]
    fn rules_combine_terms() {
        let r = Rules::parse(RULES).unwrap();
        assert_eq!(r.len(), 5);
        assert_eq!(
            r.apply(Some("Talks"), "The PRESIDENT held a meeting in Iran in 2023."),
            vec!["diplomacy", "mideast", "numbers"]
        );
        assert_eq!(r.apply(Some("Iran talks"), "nothing"), vec!["headline-iran", "mideast"]);
        assert_eq!(r.apply(None, "president meeting football"), Vec::<String>::new());
        assert_eq!(r.apply(None, "Flights to BAGHDAD"), vec!["mideast"]);
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let r = Rules::parse(RULES).unwrap();
        assert!(r.apply(None, "Irani and Iraqis").is_empty());
        assert_eq!(r.apply(None, "in the kurdistan   region"), Vec::<String>::new());
        assert_eq!(r.apply(None, "in the Kurdistan Region."), vec!["mideast"]);
        assert_eq!(r.apply(None, "(Iran)"), vec!["mideast"]);
    }

    #[test]
    fn non_ascii_phrases_are_case_insensitive() {
        let r = Rules::parse("[[rule]]\ntag = \"t\"\nany = [\"ÉTATS-UNIS\"]").unwrap();
        assert_eq!(r.apply(None, "Les États-Unis ont dit"), vec!["t"]);
    }

    #[test]
    fn bad_rules_are_explained() {
        let e = Rules::parse("[[rule]]\ntag = \"x\"\nany = [\"re:(\"]").unwrap_err();
        assert!(e.to_string().starts_with("rule 1 (tag \"x\"): invalid regex"), "{e}");
        let e = Rules::parse("[[rule]]\ntag = \"x\"").unwrap_err();
        assert!(e.to_string().contains("needs at least one"), "{e}");
        let e = Rules::parse("[[rule]]\ntag = \"x\"\nanny = [\"a\"]").unwrap_err();
        assert!(e.to_string().contains("unknown field `anny`"), "{e}");
        assert!(e.to_string().contains("line 3"), "{e}");
    }
}
