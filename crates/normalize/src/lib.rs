//! The normalize stage of copydesk: turns a [`RawArticle`] into a clean [`Article`].
//!
//! [`normalize`] is a pure function: it decodes (repairing invalid UTF-8), extracts text from
//! HTML, cleans the text (Unicode NFC, control and zero-width characters removed, whitespace
//! folded, paragraphs kept, scraper artifacts removed at the edges), counts paragraphs,
//! sentences and words, detects the language and computes the article id and fingerprint.
//! Normalizing its own output again changes nothing.
//!
//! ```
//! use copydesk_core::{Origin, RawArticle};
//! use copydesk_normalize::{NormalizeConfig, normalize};
//!
//! let raw = RawArticle::new("  Hello\u{200B}   world.\r\n\r\n**2050", Origin::default());
//! let article = normalize(raw, &NormalizeConfig::default()).unwrap();
//! assert_eq!(article.text, "Hello world.");
//! assert_eq!(article.counts.words, 2);
//! ```
//!
//! [`RawArticle`]: copydesk_core::RawArticle
//! [`Article`]: copydesk_core::Article

mod counts;
mod html;
mod lang;
mod near;
mod stage;
mod text;
mod wire;

pub use html::{HtmlDoc, extract_html, extract_html_fallback};
pub use lang::detect_language;
pub use near::{minhash_hex, near_fingerprints};
pub use stage::{
    ConfigError, DEFAULT_EDGE_LINES, DEFAULT_JUNK_LINES, MAX_HTML_DEPTH, NormalizeConfig,
    NormalizeError, Reason, normalize, passthrough,
};
pub use text::{Cleaned, clean_text, clean_text_edges, clean_title, count};
pub use wire::{Wire, take_wire};
