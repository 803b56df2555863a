//! Trains the learned signal on labelled JSON Lines corpora and prints the model file:
//!
//! `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl > crates/pause-core/data/model.tsv`
//!
//! One logistic regression per category over words and word pairs (features that occur in at
//! least two posts), trained by stochastic gradient descent with L2 regularisation. Each
//! category's threshold is the lowest out-of-fold score (5-fold cross-validation) at which the
//! model alone reaches its category's precision target (`PRECISION_TARGET`, 85-95%). See
//! `pause_core::classifier::train_model`.
//!
//! `--opinion` prints the second opinion instead (`data/opinion.tsv`: no class balancing, light
//! regularisation; see `pause_core::classifier::OPINION`).
//!
//! `--cv-report` prints the out-of-fold recall and precision per category at those thresholds
//! instead of the model (to stderr), for comparing features (`--features`) and `--lambda`.

use pause_core::classifier::{FeatureSet, Trainer};
use pause_core::Category;

fn main() {
    let mut posts = Vec::new();
    let mut cv_report = false;
    let mut opinion = false;
    // For comparing second-opinion thresholds: `--veto -4,-4,-6,-4,-6,-4,-4` (with `--opinion`).
    let mut veto: Option<[f32; 7]> = None;
    // For comparing feature sets by cross-validation: `--features stems,skips,chars` and
    // `--lambda 1e-2` for every category (only with `--cv-report`; the model uses the defaults).
    let mut set = FeatureSet::SHIPPED;
    let mut lambda = pause_core::classifier::LAMBDA;
    let mut args = std::env::args().skip(1);
    while let Some(path) = args.next() {
        match path.as_str() {
            "--cv-report" => {
                cv_report = true;
                continue;
            }
            "--opinion" => {
                opinion = true;
                continue;
            }
            "--veto" => {
                let list = args.next().expect("--veto takes seven numbers");
                let v: Vec<f32> = list
                    .split(',')
                    .map(|x| x.parse().expect("--veto takes numbers"))
                    .collect();
                veto = Some(v.try_into().expect("--veto takes seven numbers"));
                continue;
            }
            "--features" => {
                let list = args.next().expect("--features takes a list");
                set = FeatureSet {
                    stems: list.contains("stems"),
                    skips: list.contains("skips"),
                    chars: list.contains("chars"),
                };
                continue;
            }
            "--lambda" => {
                lambda = [args
                    .next()
                    .and_then(|l| l.parse().ok())
                    .expect("--lambda takes a number"); 7];
                continue;
            }
            _ => {}
        }
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
    if opinion {
        let trainer = Trainer::opinion(&posts);
        let trainer = match veto {
            Some(v) => trainer.with_veto(v),
            None => trainer,
        };
        print!("{}", trainer.model());
    } else if cv_report {
        // Out-of-fold figures (5-fold cross-validation) at the thresholds the trainer picks.
        let trainer = Trainer::new(&posts, set, lambda);
        eprintln!("{}", trainer.cv_report());
    } else {
        print!("{}", pause_core::classifier::train_model(&posts));
    }
}
