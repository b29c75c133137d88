//! Dev-only helpers shared by copydesk's tests and benchmarks: a corpus of real articles for
//! micro-benchmarks, and a throwaway PostgreSQL server ([`pg`]). Never a dependency of the
//! binary.

pub mod pg;

use std::path::PathBuf;

use copydesk_core::{Origin, RawArticle};

/// The seed article of the project (a plain-text wire story), shipped in the repository.
pub const SEED: &str = include_str!("../../../tests/data/seed-article.txt");

/// Texts of real articles for benchmarks: the dev corpus at `$COPYDESK_CORPUS` or
/// `../shared/corpus/dev/articles.jsonl` when present (the `text` of every line), else the seed
/// article and the samples in `config/`.
pub fn corpus_texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dev = std::env::var_os("COPYDESK_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus/dev/articles.jsonl"));
    let mut texts = Vec::new();
    let sources = [dev, root.join("config/samples/articles.jsonl")];
    for path in sources {
        let Ok(data) = std::fs::read_to_string(&path) else { continue };
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && let Some(t) = v.get("text").and_then(|t| t.as_str())
            {
                texts.push(t.to_owned());
            }
        }
        if !texts.is_empty() {
            break;
        }
    }
    texts.push(SEED.to_owned());
    texts
}

/// The corpus as raw inputs.
pub fn corpus_raw() -> Vec<RawArticle> {
    corpus_texts().into_iter().map(|t| RawArticle::new(t, Origin::default())).collect()
}

/// Total bytes of a set of texts.
pub fn total_bytes(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}
