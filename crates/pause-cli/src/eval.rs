//! `pause eval`: post-level precision, recall and F1 per category, and false alarms on clean
//! posts, over labelled JSON Lines corpora `{"id", "text", "labels": [...], "at"?}`.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::DateTime;
use pause_core::classifier::{FeatureSet, Model, Trainer, LAMBDA};
use pause_core::{Category, Engine, Policy};

#[derive(serde::Deserialize)]
struct Labelled {
    id: serde_json::Value,
    text: String,
    labels: Vec<String>,
    #[serde(default)]
    at: Option<String>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The quality bar from the issue: (recall, precision) per category.
fn threshold(c: Category) -> (f64, f64) {
    if c == Category::PatientConfidentiality {
        (0.95, 0.90)
    } else {
        (0.85, 0.85)
    }
}
const MAX_FALSE_ALARMS: f64 = 0.05;

/// One labelled post, read.
struct Post {
    id: serde_json::Value,
    text: String,
    gold: Vec<Category>,
    at: Option<DateTime<chrono::FixedOffset>>,
}

fn read_corpora(files: &[PathBuf]) -> Result<Vec<Post>> {
    let mut posts = Vec::new();
    for path in files {
        let f = std::fs::File::open(path)
            .with_context(|| format!("could not open {}", path.display()))?;
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line =
                line.with_context(|| format!("{}:{}: could not read", path.display(), i + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let rec: Labelled = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a labelled post", path.display(), i + 1))?;
            let mut gold: Vec<Category> = Vec::new();
            for l in &rec.labels {
                match Category::from_id(l) {
                    Some(c) => gold.push(c),
                    None => bail!("{}:{}: unknown label `{l}`", path.display(), i + 1),
                }
            }
            let at = rec
                .at
                .as_deref()
                .and_then(|a| DateTime::parse_from_rfc3339(a).ok());
            posts.push(Post {
                id: rec.id,
                text: rec.text,
                gold,
                at,
            });
        }
    }
    Ok(posts)
}

/// What the engine said about one post: the flagged categories, and per category the rules
/// that spoke (for `--errors`).
struct Predicted {
    flagged: Vec<Category>,
    rules: Vec<(Category, String)>,
}

fn predict(engine: &Engine, p: &Post) -> Predicted {
    let report = engine.check(&p.text, p.at);
    Predicted {
        flagged: report.flagged_categories(),
        rules: report
            .findings
            .iter()
            .map(|f| (f.category, f.rule.to_string()))
            .collect(),
    }
}

/// The whole engine with its models out of fold: per fold (post i is in fold i % 5, as the
/// trainer's), the learned signal (its thresholds chosen within the other four fifths) and the
/// second opinion trained on the other four fifths of the corpus, weighed by the shipped
/// calibration (fitted on `tests/calibration`, none of the corpus), so no post is judged by a
/// model that saw it. The rules are as `policy` sets them.
fn predict_cross_validated(policy: &Policy, posts: &[Post]) -> Result<Vec<Predicted>> {
    let engine = Engine::new(policy)?;
    let labelled: Vec<(String, Vec<Category>)> = posts
        .iter()
        .map(|p| (p.text.clone(), p.gold.clone()))
        .collect();
    let mut engines = Vec::with_capacity(5);
    for fold in 0..5 {
        let others: Vec<(String, Vec<Category>)> = labelled
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, p)| p.clone())
            .collect();
        let learned = Model::parse(&Trainer::new(&others, FeatureSet::SHIPPED, LAMBDA).model())
            .map_err(|e| anyhow::anyhow!("fold {fold}'s learned signal: {e}"))?;
        let opinion = Model::parse(&Trainer::opinion(&others).model())
            .map_err(|e| anyhow::anyhow!("fold {fold}'s second opinion: {e}"))?;
        engines.push(engine.clone().with_models(learned, opinion));
    }
    Ok(posts
        .iter()
        .enumerate()
        .map(|(i, p)| predict(&engines[i % 5], p))
        .collect())
}

/// How `pause eval` judges the corpus.
pub enum Mode {
    /// The engine as built, model included.
    AsBuilt,
    /// The learned signal out of fold (see [`predict_cross_validated`]).
    CrossValidated,
}

pub fn run(
    engine: &Engine,
    mode: &Mode,
    files: &[PathBuf],
    show_errors: bool,
    enforce: bool,
    out: &mut impl Write,
) -> Result<u8> {
    let mut counts: BTreeMap<Category, Counts> = Category::ALL
        .iter()
        .map(|&c| (c, Counts::default()))
        .collect();
    let (mut clean, mut clean_paused) = (0usize, 0usize);
    let mut errors: Vec<String> = Vec::new();
    let corpus = read_corpora(files)?;
    let predictions: Vec<Predicted> = match mode {
        Mode::AsBuilt => corpus.iter().map(|p| predict(engine, p)).collect(),
        Mode::CrossValidated => predict_cross_validated(engine.policy(), &corpus)?,
    };
    let posts = corpus.len();
    for (rec, pred) in corpus.iter().zip(&predictions) {
        if rec.gold.is_empty() {
            clean += 1;
            if !pred.flagged.is_empty() {
                clean_paused += 1;
            }
        }
        for c in Category::ALL {
            let (g, p) = (rec.gold.contains(&c), pred.flagged.contains(&c));
            let e = counts.entry(c).or_default();
            match (g, p) {
                (true, true) => e.tp += 1,
                (false, true) => e.fp += 1,
                (true, false) => e.fn_ += 1,
                (false, false) => {}
            }
            if show_errors && g != p {
                let kind = if p { "FP" } else { "FN" };
                let rules: Vec<&str> = pred
                    .rules
                    .iter()
                    .filter(|(rc, _)| *rc == c)
                    .map(|(_, r)| r.as_str())
                    .collect();
                errors.push(format!(
                    "{kind} {:<26} {} {:?} {}",
                    c.id(),
                    rec.id,
                    rules,
                    rec.text.replace('\n', " ")
                ));
            }
        }
    }
    writeln!(out, "{posts} posts, {clean} clean\n")?;
    writeln!(
        out,
        "{:<26} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
        "category", "precision", "recall", "f1", "tp", "fp", "fn"
    )?;
    let mut failed: Vec<String> = Vec::new();
    for (c, k) in &counts {
        writeln!(
            out,
            "{:<26} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6}",
            c.id(),
            k.precision(),
            k.recall(),
            k.f1(),
            k.tp,
            k.fp,
            k.fn_
        )?;
        let (min_r, min_p) = threshold(*c);
        if k.recall() < min_r {
            failed.push(format!("{} recall {:.3} < {min_r}", c.id(), k.recall()));
        }
        if k.precision() < min_p {
            failed.push(format!(
                "{} precision {:.3} < {min_p}",
                c.id(),
                k.precision()
            ));
        }
    }
    let fa = ratio(clean_paused, clean);
    writeln!(
        out,
        "\nfalse alarms: {clean_paused} of {clean} clean posts got verdict pause ({:.1}%)",
        fa * 100.0
    )?;
    if fa > MAX_FALSE_ALARMS {
        failed.push(format!(
            "false alarms {:.1}% > {:.0}%",
            fa * 100.0,
            MAX_FALSE_ALARMS * 100.0
        ));
    }
    for e in &errors {
        writeln!(out, "{e}")?;
    }
    if failed.is_empty() {
        writeln!(out, "all thresholds met")?;
        Ok(0)
    } else {
        writeln!(out, "below threshold: {}", failed.join("; "))?;
        Ok(if enforce { 1 } else { 0 })
    }
}
