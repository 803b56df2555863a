//! How the whole engine (rules, then the learned signal where no rule of the category fired)
//! would do at different learned-signal thresholds, for choosing each category's precision
//! target:
//!
//! `cargo run --release -p pause-core --example sweep -- --policy tests/rules-only.toml tests/corpus/*.jsonl [--test tests/holdout/*.jsonl]`
//!
//! For each category and each target precision of the model alone (80-97%), prints the
//! engine's post-level precision and recall on the development corpus (learned scores out of
//! fold, by 5-fold cross-validation) and, with `--test`, on the test corpora (the model trained
//! on the whole development corpus). The policy must turn the learned rules off: rule flags
//! come from the engine with that policy.

use pause_core::classifier::{index, Model, Trainer, LAMBDA};
use pause_core::{Category, Engine, Policy};

struct Post {
    text: String,
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
    labels: Vec<Category>,
}

fn read(path: &str) -> Vec<Post> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            Post {
                text: v["text"].as_str().unwrap_or("").to_string(),
                at: v["at"]
                    .as_str()
                    .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok()),
                labels: v["labels"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_str().and_then(Category::from_id))
                    .collect(),
            }
        })
        .collect()
}

fn rule_flags(engine: &Engine, posts: &[Post]) -> Vec<[bool; 7]> {
    posts
        .iter()
        .map(|p| {
            let mut f = [false; 7];
            for c in engine.check(&p.text, p.at).flagged_categories() {
                f[index(c)] = true;
            }
            f
        })
        .collect()
}

/// Precision, recall and false positives of "rule flag or score at or above t".
fn measure(posts: &[Post], flags: &[[bool; 7]], scores: &[f32], ci: usize, t: f32) -> String {
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    for ((p, f), &s) in posts.iter().zip(flags).zip(scores) {
        let y = p.labels.iter().any(|&c| index(c) == ci);
        let hit = f[ci] || s >= t;
        match (hit, y) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            _ => {}
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let (p, r) = (
        tp as f32 / (tp + fp).max(1) as f32,
        tp as f32 / (tp + fneg).max(1) as f32,
    );
    format!("P {p:.3} R {r:.3} (fp {fp:>3} fn {fneg:>3})")
}

fn main() {
    let mut policy_path = None;
    let (mut dev, mut test) = (Vec::new(), Vec::new());
    let mut in_test = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--policy" => policy_path = args.next(),
            "--test" => in_test = true,
            _ if in_test => test.extend(read(&a)),
            _ => dev.extend(read(&a)),
        }
    }
    let policy_path = policy_path.expect("--policy FILE (with the learned rules off)");
    let policy_text = std::fs::read_to_string(&policy_path).expect("the policy file");
    let policy = Policy::from_toml(&policy_text).expect("a valid policy");
    let engine = Engine::new(&policy).expect("an engine");

    let dev_flags = rule_flags(&engine, &dev);
    let test_flags = rule_flags(&engine, &test);
    let pairs: Vec<(String, Vec<Category>)> = dev
        .iter()
        .map(|p| (p.text.clone(), p.labels.clone()))
        .collect();
    let trainer = Trainer::new(&pairs, pause_core::classifier::FeatureSet::SHIPPED, LAMBDA);
    let oof = trainer.out_of_fold_all();
    let model = Model::parse(&trainer.model()).expect("the trained model parses");
    let test_scores: Vec<[f32; 7]> = test
        .iter()
        .map(|p| {
            let norm = pause_core::normalize::Normalized::new(&p.text);
            let s = model.score(&pause_core::classifier::Features::of(
                &norm.cased,
                &norm.lower,
            ));
            std::array::from_fn(|i| s[i].0)
        })
        .collect();

    for c in Category::ALL {
        let ci = index(c);
        println!("{}", c.id());
        println!(
            "  rules only      dev {}{}",
            measure(&dev, &dev_flags, &vec![0.0; dev.len()], ci, f32::INFINITY),
            if test.is_empty() {
                String::new()
            } else {
                format!(
                    "   test {}",
                    measure(
                        &test,
                        &test_flags,
                        &vec![0.0; test.len()],
                        ci,
                        f32::INFINITY
                    )
                )
            }
        );
        let fixed = [0.5f32];
        let targets = [75usize, 80, 85, 88, 90, 93, 95];
        for (target, t) in fixed.iter().map(|&t| (0, t)).chain(
            targets
                .iter()
                .map(|&p| (p, trainer.threshold_at(ci, &oof[ci], p, f32::NEG_INFINITY))),
        ) {
            let ts: Vec<f32> = test_scores.iter().map(|s| s[ci]).collect();
            println!(
                "  {target}% t={t:>6.3} dev {}{}",
                measure(&dev, &dev_flags, &oof[ci], ci, t),
                if test.is_empty() {
                    String::new()
                } else {
                    format!("   test {}", measure(&test, &test_flags, &ts, ci, t))
                }
            );
        }
    }
}
