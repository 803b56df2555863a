//! Trains the learned signal on labelled JSON Lines corpora and prints the model file:
//!
//! `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl tests/calibration/*.jsonl > crates/pause-core/data/model.tsv`
//!
//! (The shipped models learn from the corpus and the calibration set; the calibration is fitted
//! on the calibration set as judged by models that never saw each writer: see
//! `pause_core::calibration::stacked_examples`.)
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
//! `--calibration tests/corpus/*.jsonl -- tests/calibration/*.jsonl` prints the calibration
//! instead (`data/calibration.tsv`; each calibration file is one writer; see
//! `pause_core::calibration`). It trains its own models per fold of writers, so it does not
//! depend on the shipped ones.
//!
//! `--unreached CATEGORY` (with `--calibration`) also lists on stderr the calibration posts
//! labelled with that category that nothing flags out of writer (no rule, and the learned signal
//! of models that never saw the writer under its line): the misses no calibration can recover,
//! for rule work.
//!
//! `--outcomes FILE` (with `--calibration`) writes every calibration post to FILE as a JSON
//! line with its writer (the file's place after `--`, from 0), labels, evidence (per category:
//! definite or not, rules fired, learned signal less its line, second opinion) and the categories flagged
//! out of writer at the chosen thresholds: the false alarms and misses to read for rule work.
//!
//! `--cv-report` prints the out-of-fold recall and precision per category at those thresholds
//! instead of the model (to stderr), for comparing features (`--features`) and `--lambda`.

use pause_core::calibration::Example;
use pause_core::classifier::{FeatureSet, Trainer};
use pause_core::Category;

fn main() {
    let mut posts = Vec::new();
    let mut cv_report = false;
    let mut opinion = false;
    // `--calibration`: the files are the calibration set (tests/calibration), one writer each.
    let mut calibration = false;
    let mut calibration_posts = Vec::new();
    let mut group = 0usize;
    let mut calibration_from: Option<usize> = None;
    let mut unreached: Option<Category> = None;
    // `--outcomes FILE` (with `--calibration`): every calibration post's out-of-writer flags.
    let mut outcomes: Option<String> = None;
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
            "--calibration" => {
                calibration = true;
                continue;
            }
            "--unreached" => {
                unreached = args.next().as_deref().and_then(Category::from_id);
                continue;
            }
            "--outcomes" => {
                outcomes = args.next();
                continue;
            }
            "--" => {
                // After `--`: the calibration set, one writer per file.
                calibration_from = Some(group);
                continue;
            }
            "--features" => {
                let list = args.next().expect("--features takes a list");
                set = FeatureSet {
                    stems: list.contains("stems"),
                    skips: list.contains("skips"),
                    chars: list.contains("chars"),
                    shapes: list.contains("shapes"),
                    marks: list.contains("marks"),
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
            let labels: Vec<Category> = v["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l.as_str().and_then(Category::from_id))
                .collect();
            let at = v["at"]
                .as_str()
                .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok());
            calibration_posts.push((t.clone(), at, labels.clone(), group));
            posts.push((t, labels));
        }
        group += 1;
    }
    if calibration {
        let from = calibration_from
            .expect("--calibration takes the corpus files, then `--`, then the calibration files");
        let corpus: Vec<(String, Vec<Category>)> = calibration_posts
            .iter()
            .filter(|p| p.3 < from)
            .map(|p| (p.0.clone(), p.2.clone()))
            .collect();
        let set: Vec<pause_core::calibration::Post> = calibration_posts
            .into_iter()
            .filter(|p| p.3 >= from)
            .map(|(text, at, labels, g)| pause_core::calibration::Post {
                text,
                at,
                labels,
                writer: g - from,
            })
            .collect();
        let examples: Vec<Example> = pause_core::calibration::stacked_examples(&corpus, &set);
        // The posts in the order `stacked_examples` judged them: fold by fold, in file order
        // within a fold.
        let folds = pause_core::calibration::FOLDS;
        let order: Vec<&pause_core::calibration::Post> = (0..folds)
            .flat_map(|k| set.iter().filter(move |p| p.writer % folds == k))
            .collect();
        if let Some(c) = unreached {
            let ci = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
            for (p, e) in order.iter().zip(&examples) {
                if e.labels[ci] && !e.evidence[ci].flags(ci) {
                    eprintln!(
                        "UNREACHED {:?} {}",
                        e.evidence[ci],
                        p.text.replace('\n', " ")
                    );
                }
            }
        }
        let (calibration, report, flagged) =
            pause_core::calibration::train_with_outcomes(&examples);
        if let Some(path) = &outcomes {
            // One JSON line per calibration post, in the order they were judged.
            let mut out = String::new();
            for (p, (e, f)) in order.iter().zip(examples.iter().zip(&flagged)) {
                let round = |x: f32| (x * 100.0).round() / 100.0;
                let cats = |pick: &dyn Fn(usize) -> bool| -> Vec<&str> {
                    (0..7)
                        .filter(|&i| pick(i))
                        .map(|i| Category::ALL[i].id())
                        .collect()
                };
                let line = serde_json::json!({
                    "writer": p.writer,
                    "text": p.text,
                    "labels": p.labels.iter().map(|c| c.id()).collect::<Vec<_>>(),
                    "flagged": cats(&|i| f[i]),
                    "definite": cats(&|i| e.evidence[i].definite),
                    "rules": e.evidence.iter().map(|v| v.rules).collect::<Vec<_>>(),
                    "learned": e.evidence.iter().map(|v| round(v.learned)).collect::<Vec<_>>(),
                    "opinion": e.evidence.iter().map(|v| round(v.opinion)).collect::<Vec<_>>(),
                });
                out.push_str(&line.to_string());
                out.push('\n');
            }
            if let Err(e) = std::fs::write(path, out) {
                eprintln!("cannot write {path}: {e}");
                std::process::exit(2);
            }
        }
        eprint!("{report}");
        print!("{calibration}");
        return;
    }
    if opinion {
        print!("{}", Trainer::opinion(&posts).model());
    } else if cv_report {
        // Out-of-fold figures (5-fold cross-validation) at the thresholds the trainer picks.
        let trainer = Trainer::new(&posts, set, lambda);
        eprintln!("{}", trainer.cv_report());
    } else {
        print!("{}", pause_core::classifier::train_model(&posts));
    }
}
