//! The shipped models (the learned signal and the second opinion) are the ones the corpus and
//! the calibration set train, and the shipped calibration the one the calibration set fits
//! (judged by models that never saw its writers): retrain and compare.

use pause_core::Category;

/// One labelled post of a set under `tests/`, with the index of its file (its writer).
struct Post {
    text: String,
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    labels: Vec<Category>,
    file: usize,
}

/// Every post of `tests/<set>/*.jsonl`, files in name order.
fn read_set(set: &str) -> Vec<Post> {
    let dir = format!("{}/../../tests/{set}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the set's folder exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut posts = Vec::new();
    for (file, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).expect("the set's file reads");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            posts.push(Post {
                text: v["text"].as_str().unwrap_or("").to_string(),
                at: v["at"]
                    .as_str()
                    .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok()),
                labels: v["labels"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_str().and_then(Category::from_id))
                    .collect(),
                file,
            });
        }
    }
    posts
}

fn corpus() -> Vec<(String, Vec<Category>)> {
    read_set("corpus")
        .into_iter()
        .map(|p| (p.text, p.labels))
        .collect()
}

fn calibration_set() -> Vec<pause_core::calibration::Post> {
    read_set("calibration")
        .into_iter()
        .map(|p| pause_core::calibration::Post {
            text: p.text,
            at: p.at,
            labels: p.labels,
            writer: p.file,
        })
        .collect()
}

#[test]
fn shipped_models_match_the_corpus_and_calibration_set() {
    let posts = pause_core::calibration::training_posts(&corpus(), &calibration_set());
    let opinion = pause_core::classifier::train_opinion(&posts);
    assert!(
        opinion == pause_core::classifier::OPINION,
        "crates/pause-core/data/opinion.tsv is stale: run `cargo run --release -p pause-core --example train -- --opinion tests/corpus/*.jsonl tests/calibration/*.jsonl > crates/pause-core/data/opinion.tsv`"
    );
    let trained = pause_core::classifier::train_model(&posts);
    assert!(
        trained == pause_core::classifier::MODEL,
        "crates/pause-core/data/model.tsv is stale: run `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl tests/calibration/*.jsonl > crates/pause-core/data/model.tsv`"
    );
}

/// The shipped calibration is the one `tests/calibration` fits, judged writer fold by writer
/// fold by models that never saw the writer.
#[test]
fn shipped_calibration_matches_the_calibration_set() {
    let set = calibration_set();
    assert!(set.len() > 3000, "{} calibration posts", set.len());
    let examples = pause_core::calibration::stacked_examples(&corpus(), &set);
    assert_eq!(
        examples.len(),
        set.len(),
        "every calibration post is judged"
    );
    assert!(
        pause_core::calibration::train(&examples) == pause_core::calibration::CALIBRATION,
        "crates/pause-core/data/calibration.tsv is stale: run `cargo run --release -p pause-core --example train -- --calibration tests/corpus/*.jsonl -- tests/calibration/*.jsonl > crates/pause-core/data/calibration.tsv`"
    );
}
