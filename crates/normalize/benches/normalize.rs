//! Normalize stage micro-benchmarks (`cargo bench -p copydesk-normalize`): throughput of the
//! whole stage and of its parts on real articles (see copydesk-testkit for the corpus).

use copydesk_normalize::{NormalizeConfig, clean_text, count, detect_language, normalize};
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

#[divan::bench]
fn normalize_plain_text(b: divan::Bencher<'_, '_>) {
    let raws = copydesk_testkit::corpus_raw();
    let bytes: usize = raws.iter().map(|r| r.body.len()).sum();
    let cfg = NormalizeConfig::default();
    b.counter(BytesCount::new(bytes)).with_inputs(|| raws.clone()).bench_values(|raws| {
        raws.into_iter()
            .map(|r| normalize(r, &cfg).map(|a| a.text.len()).unwrap_or(0))
            .sum::<usize>()
    });
}

#[divan::bench]
fn clean(b: divan::Bencher<'_, '_>) {
    let texts = copydesk_testkit::corpus_texts();
    let cfg = NormalizeConfig::default();
    b.counter(BytesCount::new(copydesk_testkit::total_bytes(&texts)))
        .bench(|| texts.iter().map(|t| clean_text(t, &cfg).len()).sum::<usize>());
}

#[divan::bench]
fn counts(b: divan::Bencher<'_, '_>) {
    let texts = copydesk_testkit::corpus_texts();
    b.counter(BytesCount::new(copydesk_testkit::total_bytes(&texts)))
        .bench(|| texts.iter().map(|t| count(t).words).sum::<u32>());
}

#[divan::bench]
fn language(b: divan::Bencher<'_, '_>) {
    let texts = copydesk_testkit::corpus_texts();
    b.counter(BytesCount::new(copydesk_testkit::total_bytes(&texts)))
        .bench(|| texts.iter().filter(|t| detect_language(t).is_some()).count());
}
