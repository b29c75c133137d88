//! The tag stage of copydesk: adds `keywords` (the article's most characteristic words and
//! phrases) and `tags` (from the user's rules) to an [`Article`].
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

mod duplicates;
mod entities;
mod keywords;
mod rules;
mod tagger;

pub use duplicates::{DuplicateConfig, DuplicateIndex};
pub use keywords::keywords;
pub use rules::{Field, RuleError, Rules};
pub use tagger::{Tagger, TaggerConfig};
