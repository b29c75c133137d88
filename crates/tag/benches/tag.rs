//! Tag stage micro-benchmarks (`cargo bench -p copydesk-tag`): entities and quotes, keywords,
//! rules (10 and 1,000 generated rules, to show that the cost hardly depends on their number)
//! and the whole stage.

use copydesk_tag::{Rules, Tagger, TaggerConfig, keywords};
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// `n` rules over a vocabulary of words and a few regexes.
fn rules(n: usize) -> Rules {
    let words = [
        "government",
        "minister",
        "election",
        "police",
        "court",
        "market",
        "bank",
        "energy",
        "oil",
        "school",
        "hospital",
        "storm",
        "fire",
        "army",
        "border",
        "trade",
        "tax",
        "football",
        "cricket",
        "film",
        "music",
        "health",
        "water",
        "farm",
        "rail",
    ];
    let mut toml = String::new();
    for i in 0..n {
        let a = words[i % words.len()];
        let b = words[(i * 7 + 3) % words.len()];
        toml.push_str(&format!(
            "[[rule]]\ntag = \"t{i}\"\nany = [\"{a} {i}\", \"{b}\", \"{a}s\"]\nnone = [\"w{i}x\"]\n"
        ));
        if i % 10 == 0 {
            toml.push_str(&format!("all = [\"re:\\\\b{a}[a-z]*\\\\b\"]\n"));
        }
    }
    Rules::parse(&toml).expect("generated rules are valid")
}

/// The English articles only: other languages skip entity tagging.
fn english() -> Vec<copydesk_core::Article> {
    articles().into_iter().filter(|a| a.lang.as_ref().is_some_and(|l| l.code == "en")).collect()
}

/// Entities and quotes alone (keywords and rules off), on English news.
#[divan::bench]
fn entities_only(b: divan::Bencher<'_, '_>) {
    let arts = english();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let tagger =
        Tagger::new(TaggerConfig { max_keywords: 0, rules: Rules::default(), entities: true });
    // The gazetteers are built on first use: not part of the measurement.
    let _ = tagger.tag(arts[0].clone());
    b.counter(BytesCount::new(bytes)).with_inputs(|| arts.clone()).bench_values(|arts| {
        arts.into_iter().map(|a| tagger.tag(a).entities.persons.len()).sum::<usize>()
    });
}

fn articles() -> Vec<copydesk_core::Article> {
    let cfg = copydesk_normalize::NormalizeConfig::default();
    copydesk_testkit::corpus_raw()
        .into_iter()
        .filter_map(|r| copydesk_normalize::normalize(r, &cfg).ok())
        .collect()
}

#[divan::bench]
fn keywords_only(b: divan::Bencher<'_, '_>) {
    let texts = copydesk_testkit::corpus_texts();
    b.counter(BytesCount::new(copydesk_testkit::total_bytes(&texts)))
        .bench(|| texts.iter().map(|t| keywords(t, Some("en"), 10).len()).sum::<usize>());
}

#[divan::bench(args = [10, 100, 1000])]
fn rules_only(b: divan::Bencher<'_, '_>, n: usize) {
    let texts = copydesk_testkit::corpus_texts();
    let rules = rules(n);
    b.counter(BytesCount::new(copydesk_testkit::total_bytes(&texts)))
        .bench(|| texts.iter().map(|t| rules.apply(None, t).len()).sum::<usize>());
}

#[divan::bench]
fn tag_stage_100_rules(b: divan::Bencher<'_, '_>) {
    let arts = articles();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let tagger = Tagger::new(TaggerConfig { rules: rules(100), ..Default::default() });
    b.counter(BytesCount::new(bytes))
        .with_inputs(|| arts.clone())
        .bench_values(|arts| arts.into_iter().map(|a| tagger.tag(a).tags.len()).sum::<usize>());
}
