//! Trains the learned signal on labelled JSON Lines corpora and prints the model file:
//!
//! `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl > crates/pause-core/data/model.tsv`
//!
//! One logistic regression per category over words and word pairs (features that occur in at
//! least two posts), trained by stochastic gradient descent with L2 regularisation. Each
//! category's threshold is the lowest out-of-fold score (5-fold cross-validation) at which the
//! model alone is at least 93% precise. See `pause_core::classifier::train_model`.

use pause_core::Category;

fn main() {
    let mut posts = Vec::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let t = v["text"].as_str().unwrap_or("").to_string();
            let labels = v["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().and_then(Category::from_id))
                .collect();
            posts.push((t, labels));
        }
    }
    print!("{}", pause_core::classifier::train_model(&posts));
}
