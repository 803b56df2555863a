//! Criterion benchmarks: a typical post checked warm (engine built once), engine construction
//! (cold), and throughput over the corpus.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pause_core::{Engine, Policy};

const TYPICAL: &str = "Long day on the ward. Huge thanks to Jo and Priya in the dispensary for sorting the TTOs so fast, and to the night team for the handover. Reminder: flu jab clinic in the canteen 9-5 tomorrow! #NHS #pharmacy #teamwork Kettle on, feet up.";

const RISKY: &str = "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk and management couldn't care less. F*** this place";

fn corpus() -> Vec<String> {
    let mut posts = Vec::new();
    for file in ["confidentiality", "conduct", "behaviour"] {
        let path = format!(
            "{}/../../tests/corpus/{file}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        if let Ok(text) = std::fs::read_to_string(path) {
            for line in text.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                        posts.push(t.to_string());
                    }
                }
            }
        }
    }
    posts
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(&Policy::example()).expect("engine builds");
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(TYPICAL.len() as u64));
    g.bench_function("typical_280_chars", |b| {
        b.iter(|| engine.check(black_box(TYPICAL), None))
    });
    g.throughput(Throughput::Bytes(RISKY.len() as u64));
    g.bench_function("risky_post", |b| {
        b.iter(|| engine.check(black_box(RISKY), None))
    });
    let posts = corpus();
    if !posts.is_empty() {
        g.throughput(Throughput::Elements(posts.len() as u64));
        g.bench_function("corpus_all_posts", |b| {
            b.iter(|| {
                for p in &posts {
                    black_box(engine.check(p, None));
                }
            });
        });
    }
    g.finish();
    c.bench_function("engine_new", |b| {
        b.iter(|| Engine::new(black_box(&Policy::example())))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
