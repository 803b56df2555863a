//! The shipped models (the learned signal and the second opinion) are the ones the corpus
//! trains: retrain and compare.

use pause_core::Category;

#[test]
fn shipped_model_matches_the_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut posts = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("corpus file reads");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let labels = v["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().and_then(Category::from_id))
                .collect();
            posts.push((v["text"].as_str().unwrap_or("").to_string(), labels));
        }
    }
    let opinion = pause_core::classifier::train_opinion(&posts);
    assert!(
        opinion == pause_core::classifier::OPINION,
        "crates/pause-core/data/opinion.tsv is stale: run `cargo run --release -p pause-core --example train -- --opinion tests/corpus/*.jsonl > crates/pause-core/data/opinion.tsv`"
    );
    let trained = pause_core::classifier::train_model(&posts);
    assert!(
        trained == pause_core::classifier::MODEL,
        "crates/pause-core/data/model.tsv is stale: run `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl > crates/pause-core/data/model.tsv`"
    );
}

/// The shipped calibration is the one `tests/calibration` fits with the shipped models.
#[test]
fn shipped_calibration_matches_the_calibration_set() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/calibration");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/calibration exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let engine = pause_core::Engine::new(&pause_core::Policy::example()).expect("engine builds");
    let mut examples = Vec::new();
    for (group, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).expect("calibration file reads");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let labels: Vec<Category> = v["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().and_then(Category::from_id))
                .collect();
            let at = v["at"]
                .as_str()
                .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok());
            let post = v["text"].as_str().unwrap_or("");
            examples.push(pause_core::calibration::Example::new(
                &engine, post, at, &labels, group,
            ));
        }
    }
    assert!(
        examples.len() > 3000,
        "{} calibration posts",
        examples.len()
    );
    assert!(
        pause_core::calibration::train(&examples) == pause_core::calibration::CALIBRATION,
        "crates/pause-core/data/calibration.tsv is stale: rebuild, then run `cargo run --release -p pause-core --example train -- --calibration tests/calibration/*.jsonl > crates/pause-core/data/calibration.tsv`"
    );
}
