//! The stage function.

use copydesk_core::Article;

use crate::entities::Tok;
use crate::keywords::{StopWords, has_keywords, keywords_with};
use crate::rules::Rules;
use copydesk_core::chars::fold_case;

/// Settings of the tag stage.
#[derive(Debug, Clone)]
pub struct TaggerConfig {
    /// How many keywords each article gets (0 turns keywords off).
    pub max_keywords: usize,
    /// The user's tag rules (empty: no tags).
    pub rules: Rules,
    /// Whether to tag entities (persons, organizations, places) and quotations (English
    /// articles, and those whose language is unknown).
    pub entities: bool,
}

impl Default for TaggerConfig {
    fn default() -> TaggerConfig {
        TaggerConfig { max_keywords: 10, rules: Rules::default(), entities: true }
    }
}

/// The tag stage, built once and shared by every worker.
#[derive(Debug)]
pub struct Tagger {
    cfg: TaggerConfig,
    stop: StopWords,
}

impl Tagger {
    /// A tagger with the given settings.
    pub fn new(cfg: TaggerConfig) -> Tagger {
        Tagger { cfg, stop: StopWords::default() }
    }

    /// The rules in use.
    pub fn rules(&self) -> &Rules {
        &self.cfg.rules
    }

    /// Adds entities, quotes, keywords and tags to an article. Deterministic: the same article always gets the
    /// same keywords and tags.
    pub fn tag(&self, mut article: Article) -> Article {
        // The entity rules (titles, cue words, reporting verbs) are English: other languages
        // get no entities rather than wrong ones.
        let english = article.lang.as_ref().is_none_or(|l| l.code == "en");
        let entities = self.cfg.entities && english;
        if !entities && self.cfg.max_keywords == 0 && self.cfg.rules.is_empty() {
            return article;
        }
        let lang = article.lang.as_ref().map(|l| l.code.as_str());
        let keywords = self.cfg.max_keywords > 0 && has_keywords(lang);
        // Lower-cased once, offset for offset, for entities, keywords and rules; not at all
        // when none of them reads it (a Chinese article without rules).
        let folded =
            (entities || keywords || !self.cfg.rules.is_empty()).then(|| fold_case(&article.text));
        // Keywords, with the entity tagger's tokens of the text when it ran (the keyword
        // scorer then reads its words off them instead of scanning the text again).
        let keywords_of = |folded: &str, toks: Option<&[Tok]>| {
            keywords_with(&article.text, folded, lang, self.cfg.max_keywords, &self.stop, toks)
        };
        let mut found = None;
        if entities && let Some(folded) = &folded {
            let context = article
                .dateline
                .as_ref()
                .and_then(|d| crate::entities::dateline_country(&crate::entities::LEXICON, d));
            let (x, k) =
                crate::entities::extract_folded_then(&article.text, folded, context, |toks| {
                    keywords.then(|| keywords_of(folded, toks))
                });
            article.entities = x.entities;
            article.quotes = x.quotes;
            found = k;
        }
        if self.cfg.max_keywords > 0 {
            article.keywords = match (found, &folded) {
                (Some(k), _) => k,
                (None, Some(folded)) if keywords => keywords_of(folded, None),
                _ => Vec::new(),
            };
        }
        article.tags = match &folded {
            Some(folded) if !self.cfg.rules.is_empty() => {
                let title = article.title.as_deref().map(|t| (t, fold_case(t)));
                self.cfg
                    .rules
                    .apply_folded(title.as_ref().map(|(t, f)| (*t, &**f)), (&article.text, folded))
            }
            // No rules, no tags (what `apply_folded` answers).
            _ => Vec::new(),
        };
        if entities
            && (article.dateline.is_some()
                || !article.authors.is_empty()
                || !article.credits.is_empty())
        {
            crate::entities::add_wire_entities(&crate::entities::LEXICON, &mut article);
        }
        article
    }
}
