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

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use copydesk_core::chars::is_alnum;
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
    /// The same regexes with ASCII word boundaries, when any used `\b`: used on text without
    /// non-ASCII word characters, where both mean the same (see [`ascii_word_boundaries`]).
    regexes_ascii: Option<RegexSet>,
    /// For text with non-ASCII word characters, where the fast engines cannot evaluate a
    /// Unicode `\b`: the regexes without word boundaries as a one-pass prefilter, and each
    /// regex that had some on its own, to confirm a prefilter hit (`None`: the prefilter is
    /// the regex itself).
    regexes_relaxed: Option<(RegexSet, Vec<Option<regex::Regex>>)>,
    regex_terms: Vec<usize>,
    /// For each term, its index among the regexes (`None`: a phrase).
    term_regex: Vec<Option<usize>>,
    /// Each regex alone (plain, ASCII-boundary twin, relaxed prefilter), compiled on first
    /// use: a field whose rules need only a few regexes runs those alone, each stopping at
    /// its first match, instead of the whole set.
    single: Vec<SingleRegex>,
    terms: usize,
}

/// One regex for deciding it alone (see [`Rules::regex_alone`]): the regex itself, and its
/// ASCII-boundary twin and relaxed prefilter, each compiled on first use.
#[derive(Debug, Clone)]
struct SingleRegex {
    plain: regex::Regex,
    ascii: Option<(String, std::sync::OnceLock<Option<regex::Regex>>)>,
    relaxed: Option<(String, std::sync::OnceLock<Option<regex::Regex>>)>,
}

/// A lazily compiled pattern of a [`SingleRegex`] (`None`: it does not compile alone).
fn compiled(
    (p, re): &(String, std::sync::OnceLock<Option<regex::Regex>>),
) -> Option<&regex::Regex> {
    re.get_or_init(|| regex::Regex::new(p).ok()).as_ref()
}

/// At most this many regexes are run alone on one field; past it the whole set runs once.
const SINGLE_REGEXES: usize = 4;

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
        let mut singles = Vec::new();
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
                            match regex::Regex::new(&re) {
                                Ok(alone) => singles.push(alone),
                                Err(e) => {
                                    return Err(bad(format!("invalid regex {term:?}: {e}")));
                                }
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
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    // A full DFA: the fastest search, and affordable for tens of thousands of
                    // phrases (the builder falls back to an NFA past its size limit).
                    .kind((phrases.len() <= 20_000).then_some(AhoCorasickKind::DFA))
                    .build(&phrases)
                    .map_err(|e| {
                        RuleError::Toml(format!("cannot build the phrase matcher: {e}"))
                    })?,
            )
        };
        let ascii: Vec<Option<String>> = regexes.iter().map(|r| ascii_word_boundaries(r)).collect();
        let regexes_ascii = if ascii.iter().any(Option::is_some) {
            let patterns: Vec<&str> =
                ascii.iter().zip(&regexes).map(|(a, r)| a.as_deref().unwrap_or(r)).collect();
            RegexSet::new(&patterns).ok()
        } else {
            None
        };
        let relaxed: Vec<Option<String>> =
            regexes.iter().map(|r| without_word_boundaries(r)).collect();
        let regexes_relaxed = if relaxed.iter().any(Option::is_some) {
            let patterns: Vec<&str> =
                relaxed.iter().zip(&regexes).map(|(a, r)| a.as_deref().unwrap_or(r)).collect();
            // The regexes as validated above (a clone shares the compiled regex).
            let confirm =
                relaxed.iter().zip(&singles).map(|(a, r)| a.as_ref().map(|_| r.clone())).collect();
            RegexSet::new(&patterns).ok().map(|set| (set, confirm))
        } else {
            None
        };
        let lazy = |p: Option<String>| p.map(|p| (p, std::sync::OnceLock::new()));
        let single = singles
            .into_iter()
            .zip(ascii)
            .zip(relaxed)
            .map(|((plain, ascii), relaxed)| SingleRegex {
                plain,
                ascii: lazy(ascii),
                relaxed: lazy(relaxed),
            })
            .collect();
        let mut term_regex = vec![None; ids.len()];
        for (i, &t) in regex_terms.iter().enumerate() {
            term_regex[t] = Some(i);
        }
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
            regexes_ascii,
            regexes_relaxed,
            regex_terms,
            term_regex,
            single,
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
        let title = title.map(|t| (t, copydesk_core::chars::fold_case(t)));
        let text_folded = copydesk_core::chars::fold_case(text);
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
        // Phrases first; a regex is decided only when a rule still depends on it (rules are
        // short-circuited exactly as before: only which regexes run changes, not the result).
        let mut in_title = Field1::new(self, title.unwrap_or(("", "")));
        let mut in_text = Field1::new(self, text);
        let mut tags: Vec<String> = Vec::new();
        for r in &self.rules {
            let mut has = |t: &usize| match r.field {
                Field::Title => in_title.has(self, *t),
                Field::Text => in_text.has(self, *t),
                Field::Any => in_title.has(self, *t) || in_text.has(self, *t),
            };
            if (r.any.is_empty() || r.any.iter().any(&mut has))
                && r.all.iter().all(&mut has)
                && !r.none.iter().any(&mut has)
            {
                tags.push(r.tag.clone());
            }
        }
        tags.sort_unstable();
        tags.dedup();
        tags
    }

    /// Which phrase terms occur in a field, given as (text, lower-cased text); regex terms are
    /// left false.
    fn present_phrases(&self, (s, lower): (&str, &str)) -> Vec<bool> {
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
                    || lower[..m.start()].chars().next_back().is_none_or(|c| !is_alnum(c));
                let after_ok = !check_end
                    || copydesk_core::chars::char_at(lower, m.end()).is_none_or(|c| !is_alnum(c));
                if before_ok && after_ok {
                    found[term] = true;
                }
            }
        }
        found
    }

    /// Sets the regex terms of `found` that occur in `s`, all regexes in one pass.
    fn regex_set(&self, s: &str, found: &mut [bool]) {
        if s.is_empty() {
            return;
        }
        match (&self.regexes_ascii, &self.regexes_relaxed) {
            (Some(ascii), _) if !has_non_ascii_word_char(s) => {
                for i in ascii.matches(s).iter() {
                    found[self.regex_terms[i]] = true;
                }
            }
            (_, Some((prefilter, confirm))) => {
                for i in prefilter.matches(s).iter() {
                    if confirm[i].as_ref().is_none_or(|re| re.is_match(s)) {
                        found[self.regex_terms[i]] = true;
                    }
                }
            }
            _ => {
                if let Some(set) = &self.regexes {
                    for i in set.matches(s).iter() {
                        found[self.regex_terms[i]] = true;
                    }
                }
            }
        }
    }

    /// Which terms occur in a field, given as (text, lower-cased text).
    #[cfg(test)]
    fn present(&self, field: (&str, &str)) -> Vec<bool> {
        let mut found = self.present_phrases(field);
        self.regex_set(field.0, &mut found);
        found
    }

    /// Whether regex `i` matches `s`, decided alone (the same answer as the set's: the ASCII
    /// twin where `s` has no non-ASCII word character, else the relaxed prefilter and the
    /// regex itself). `clean` is `!has_non_ascii_word_char(s)`, computed on first need.
    /// `None` when a pattern does not compile alone (the caller then runs the set).
    fn regex_alone(&self, i: usize, s: &str, clean: &mut Option<bool>) -> Option<bool> {
        let one = &self.single[i];
        if s.is_empty() {
            return Some(false);
        }
        if let Some(ascii) = &one.ascii
            && *clean.get_or_insert_with(|| !has_non_ascii_word_char(s))
        {
            return Some(compiled(ascii)?.is_match(s));
        }
        if let Some(relaxed) = &one.relaxed
            && !compiled(relaxed)?.is_match(s)
        {
            return Some(false);
        }
        Some(one.plain.is_match(s))
    }
}

/// The terms of one field as rules ask for them: phrases found up front, regexes decided on
/// demand (a few alone, else all at once).
struct Field1<'s> {
    s: &'s str,
    found: Vec<bool>,
    /// Regex decided yet, by regex index.
    known: Vec<bool>,
    /// Regexes run alone so far.
    alone: usize,
    all_known: bool,
    clean: Option<bool>,
}

impl<'s> Field1<'s> {
    fn new(rules: &Rules, field: (&'s str, &str)) -> Field1<'s> {
        Field1 {
            s: field.0,
            found: rules.present_phrases(field),
            known: vec![false; rules.regex_terms.len()],
            alone: 0,
            all_known: field.0.is_empty(),
            clean: None,
        }
    }

    #[inline]
    fn has(&mut self, rules: &Rules, t: usize) -> bool {
        match rules.term_regex[t] {
            Some(i) if !self.all_known && !self.known[i] => self.decide(rules, t, i),
            _ => self.found[t],
        }
    }

    /// Decides regex term `t` (regex `i`), not known yet.
    #[inline(never)]
    fn decide(&mut self, rules: &Rules, t: usize, i: usize) -> bool {
        if self.alone < SINGLE_REGEXES
            && let Some(m) = rules.regex_alone(i, self.s, &mut self.clean)
        {
            self.alone += 1;
            self.known[i] = true;
            self.found[t] = m;
            return m;
        }
        rules.regex_set(self.s, &mut self.found);
        self.all_known = true;
        self.found[t]
    }
}

/// `pattern` with every Unicode word-boundary assertion (`\b`, `\B`, `\b{start}`, ...)
/// made ASCII-only, or `None` when it has none (or does not parse).
///
/// Why: the regex crate's fast engines (DFAs) cannot evaluate a Unicode `\b` once the text has
/// any non-ASCII byte, and news text nearly always has some (typographic quotes, dashes), so a
/// single `\b` sent every search to the slow PikeVM (a quarter of the tag stage's time with
/// 100 rules). On a text whose non-ASCII characters are all non-word characters, a Unicode and
/// an ASCII word boundary are at the same places, so the ASCII form is used there.
fn ascii_word_boundaries(pattern: &str) -> Option<String> {
    rewrite_word_boundaries(pattern, false)
}

/// `pattern` without its word-boundary assertions, or `None` when it has none. Dropping a
/// zero-width assertion only ever allows more matches, so this is a prefilter: where it does
/// not match, the pattern does not either.
fn without_word_boundaries(pattern: &str) -> Option<String> {
    rewrite_word_boundaries(pattern, true)
}

fn rewrite_word_boundaries(pattern: &str, drop: bool) -> Option<String> {
    use regex_syntax::ast::{AssertionKind, Ast, Visitor, parse::Parser, visit};
    struct Spans(Vec<(usize, usize, &'static str)>);
    impl Visitor for Spans {
        type Output = Vec<(usize, usize, &'static str)>;
        type Err = ();
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            if let Ast::Assertion(a) = ast {
                let ascii = match a.kind {
                    AssertionKind::WordBoundary => "(?-u:\\b)",
                    AssertionKind::NotWordBoundary => "(?-u:\\B)",
                    AssertionKind::WordBoundaryStart | AssertionKind::WordBoundaryStartAngle => {
                        "(?-u:\\b{start})"
                    }
                    AssertionKind::WordBoundaryEnd | AssertionKind::WordBoundaryEndAngle => {
                        "(?-u:\\b{end})"
                    }
                    AssertionKind::WordBoundaryStartHalf => "(?-u:\\b{start-half})",
                    AssertionKind::WordBoundaryEndHalf => "(?-u:\\b{end-half})",
                    _ => return Ok(()),
                };
                self.0.push((a.span.start.offset, a.span.end.offset, ascii));
            }
            Ok(())
        }
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.0)
        }
    }
    let ast = Parser::new().parse(pattern).ok()?;
    let mut spans = visit(&ast, Spans(Vec::new())).ok()?;
    if spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(pattern.len() + 8 * spans.len());
    let mut at = 0;
    for (start, end, ascii) in spans {
        out.push_str(&pattern[at..start]);
        if !drop {
            out.push_str(ascii);
        }
        at = end;
    }
    out.push_str(&pattern[at..]);
    Some(out)
}

/// The non-ASCII word characters that are neither letters, digits nor marks: zero-width
/// (non-)joiners and connector punctuation.
const WORD_JOINERS: [char; 7] =
    ['\u{200C}', '\u{200D}', '\u{203F}', '\u{2040}', '\u{FE33}', '\u{FE34}', '\u{FF3F}'];

/// True when `s` has a non-ASCII character that Unicode counts as a word character (letters,
/// marks, digits, connector punctuation, joiners). Only non-ASCII characters are decoded, and
/// their classes come from [`copydesk_core::chars`] (typographic quotes and dashes in English text
/// used to send every character of it through the standard library's tables).
fn has_non_ascii_word_char(s: &str) -> bool {
    let mut i = 0;
    while let Some(k) = copydesk_core::chars::next_non_ascii(&s.as_bytes()[i..]) {
        i += k;
        let Some(c) = copydesk_core::chars::char_at(s, i) else { return false };
        if copydesk_core::chars::is_alnum(c)
            || WORD_JOINERS.contains(&c)
            || copydesk_core::in_mark_block(c)
        {
            return true;
        }
        i += c.len_utf8();
    }
    false
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
    fn word_boundaries_are_rewritten_exactly() {
        assert_eq!(
            ascii_word_boundaries(r"(?i)\bgas\B|x\b{end}").as_deref(),
            Some(r"(?i)(?-u:\b)gas(?-u:\B)|x(?-u:\b{end})")
        );
        assert_eq!(ascii_word_boundaries(r"[\b]?a"), None);
        assert_eq!(ascii_word_boundaries(r"\\b"), None);
    }

    proptest::proptest! {
        #[test]
        fn ascii_boundaries_match_like_unicode_ones_on_such_text(
            text in "[a-z0-9 .,\u{201C}\u{201D}\u{2014}\u{00A0}]{0,40}",
            word in "[a-z]{1,3}",
        ) {
            let uni = regex::Regex::new(&format!(r"(?i)\b{word}\b")).unwrap();
            let asc = regex::Regex::new(&ascii_word_boundaries(&format!(r"(?i)\b{word}\b")).unwrap()).unwrap();
            proptest::prop_assert!(!has_non_ascii_word_char(&text));
            proptest::prop_assert_eq!(uni.is_match(&text), asc.is_match(&text));
        }
    }

    proptest::proptest! {
        /// Whatever path a text takes (ASCII twin, prefilter + confirm), the regexes decide
        /// exactly as the plain Unicode set does.
        #[test]
        fn every_regex_path_agrees_with_the_unicode_set(
            text in "[a-zö0-9 .\u{201C}\u{201D}\u{00E9}]{0,40}",
        ) {
            let rules = "[[rule]]\ntag = \"a\"\nany = [\"re:\\\\bgas\\\\b\"]\n\
                         [[rule]]\ntag = \"b\"\nany = [\"re:\\\\Bö\\\\w\"]\n\
                         [[rule]]\ntag = \"c\"\nany = [\"re:\\\\b[a-z]é\\\\b{end}\"]\n\
                         [[rule]]\ntag = \"d\"\nany = [\"re:o[0-9]+\"]\n";
            let r = Rules::parse(rules).unwrap();
            let m = r.regexes.as_ref().unwrap().matches(&text);
            let want: Vec<bool> = (0..4).map(|i| m.matched(i)).collect();
            let got = r.present((&text, &copydesk_core::chars::fold_case(&text)));
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        /// Regexes decided on demand (alone, or the set past a few) tag exactly as deciding
        /// every term of both fields up front does.
        #[test]
        fn regexes_on_demand_tag_like_all_terms_up_front(
            title in "[a-dö .]{0,12}",
            text in "[a-dö .\u{201C}]{0,40}",
        ) {
            let mut rules = String::new();
            let terms = [
                "a", "b c", r"re:\\bab\\b", "re:c[a-d]*d", r"re:(?-i)\\bö", "d", r"re:\\Ba",
                r"re:b\\b", "re:dd",
            ];
            for (i, field) in ["title", "text", "any"].iter().cycle().take(12).enumerate() {
                let t = |k: usize| terms[(i * 5 + k * 3) % terms.len()];
                rules.push_str(&format!(
                    "[[rule]]\ntag = \"t{i}\"\nfield = \"{field}\"\nany = [\"{}\", \"{}\"]\n\
                     all = [\"{}\"]\nnone = [\"{}\"]\n",
                    t(0), t(1), t(2), t(3)
                ));
            }
            let r = Rules::parse(&rules).unwrap();
            let ft = copydesk_core::chars::fold_case(&title);
            let fx = copydesk_core::chars::fold_case(&text);
            let in_title = r.present((&title, &ft));
            let in_text = r.present((&text, &fx));
            let mut want: Vec<String> = r
                .rules
                .iter()
                .filter(|rule| {
                    let has = |t: &usize| match rule.field {
                        Field::Title => in_title[*t],
                        Field::Text => in_text[*t],
                        Field::Any => in_title[*t] || in_text[*t],
                    };
                    (rule.any.is_empty() || rule.any.iter().any(has))
                        && rule.all.iter().all(has)
                        && !rule.none.iter().any(has)
                })
                .map(|rule| rule.tag.clone())
                .collect();
            want.sort_unstable();
            want.dedup();
            proptest::prop_assert_eq!(r.apply_folded(Some((&title, &ft)), (&text, &fx)), want);
        }
    }

    #[test]
    fn regexes_with_boundaries_work_on_both_kinds_of_text() {
        let r = Rules::parse("[[rule]]\ntag = \"t\"\nany = [\"re:\\\\bcaf\\\\w*\\\\b\"]").unwrap();
        assert_eq!(r.apply(None, "a \u{201C}cafe\u{201D} here"), vec!["t"]);
        assert_eq!(r.apply(None, "un café ici"), vec!["t"]);
        assert!(r.apply(None, "decaf").is_empty());
        assert!(!has_non_ascii_word_char("\u{201C}quotes\u{201D} \u{2014} dash"));
        assert!(has_non_ascii_word_char("café"));
    }

    #[test]
    fn prefiltered_boundaries_decide_like_the_full_set() {
        let rules = "[[rule]]\ntag = \"a\"\nany = [\"re:\\\\bgas\\\\b\"]\n\
                     [[rule]]\ntag = \"b\"\nany = [\"re:\\\\Bön\"]\n\
                     [[rule]]\ntag = \"c\"\nany = [\"re:öl[a-z]*\"]\n";
        let r = Rules::parse(rules).unwrap();
        let full = r.regexes.clone().unwrap();
        for text in ["gasförmig und Gas", "Erdgas schön", "Ölpreis steigt: öl", "gas", "Gasöl"]
        {
            let want: Vec<bool> = {
                let m = full.matches(text);
                (0..3).map(|i| m.matched(i)).collect()
            };
            let got = r.present((text, &copydesk_core::chars::fold_case(text)));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn non_ascii_word_chars_are_found_like_the_standard_library_does() {
        let std_way = |s: &str| {
            s.chars().any(|c| {
                !c.is_ascii()
                    && (c.is_alphanumeric()
                        || WORD_JOINERS.contains(&c)
                        || copydesk_core::in_mark_block(c))
            })
        };
        for s in [
            "",
            "plain ascii text",
            "\u{201C}quoted\u{201D} \u{2014} text",
            "caf\u{e9}",
            "a\u{301}",
            "x\u{200D}",
            "\u{2460} \u{1F600}",
            "\u{a0}\u{a0}b",
        ] {
            assert_eq!(has_non_ascii_word_char(s), std_way(s), "{s:?}");
        }
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
