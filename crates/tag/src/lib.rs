//! The tag stage of copydesk: adds `entities` (persons, organizations and places, each once
//! with its canonical name, surface forms and mention count; places with country and
//! coordinates), `quotes` (with their speakers), `keywords` (the article's most
//! characteristic words and phrases) and `tags` (from the user's rules) to an [`Article`].
//!
//! Entity tagging is rules and gazetteers, no statistical model: one tokenizer pass, hash
//! look-ups of capitalized runs in tables built once from the committed data files
//! (`data/`, made by `data/build_data.py`), then document-level merging. See the
//! `entities` module for the rules.
//!
//! [`Tagger::tag`] is a pure, deterministic function; a [`Tagger`] is built once from its
//! configuration ([`Rules`] parsed and compiled up front: all phrases of all rules go into one
//! Aho-Corasick automaton and all regexes into one `RegexSet`, so a thousand rules cost about
//! what ten do).
//!
//! ```
//! use copydesk_tag::{Rules, Tagger, TaggerConfig};
//!
//! let rules = Rules::parse(r#"
//!     [[rule]]
//!     tag = "energy"
//!     any = ["oil price", "re:\\bgas(oline)?\\b"]
//! "#).unwrap();
//! let tagger = Tagger::new(TaggerConfig { rules, ..Default::default() });
//! # let _ = tagger;
//! ```
//!
//! [`Article`]: copydesk_core::Article

mod bloom;
mod duplicates;
mod entities;
mod keywords;
mod rules;
mod tagger;

pub use duplicates::{DuplicateConfig, DuplicateIndex};
pub use keywords::keywords;
pub use rules::{Field, RuleError, Rules};
pub use tagger::{Tagger, TaggerConfig};

/// Builds the entity gazetteers now (they are otherwise built on the first English article):
/// about 20 ms and tens of MB, once per process.
pub fn preload_entities() {
    std::sync::LazyLock::force(&entities::LEXICON);
}
