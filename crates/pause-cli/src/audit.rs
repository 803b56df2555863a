//! `pause audit`: screen a whole social-media export before someone else does.
//!
//! A person points `pause` at the export a platform gave them (an X archive zip, a Mastodon
//! tar.gz, a Bluesky `.car`, a Facebook folder...). `pause-archive` finds and decodes every
//! post; each is screened by the same engine as `pause check`, with the time of posting; the
//! flagged ones are written as a terminal summary, JSON, CSV and/or a self-contained HTML report.
//!
//! # How the work is split
//!
//! ```text
//! reader thread      pause-archive: unzip, stream JSON, decode          -> posts (bounded channel)
//! dispatcher thread  date and repost filters; batches of BATCH posts    -> jobs (bounded channel)
//! N worker threads   engine.check on each post; keep only flagged ones  -> results (bounded)
//! this thread        puts batches back in the order read; counts; writes JSON/CSV/HTML as it goes
//! ```
//!
//! Every channel is bounded, so memory does not grow with the archive: nothing holds all the
//! posts. What is kept is what is reported: counts, a per-day tally for the chart, and the
//! [`Summary::worst`] few for the terminal. JSON and CSV rows are written as results arrive
//! (in the order read, whatever order the workers finish in), and the HTML report's posts are
//! streamed to a temporary file beside it and spliced in at the end.
//!
//! # Never silently drop
//!
//! Posts read are counted per file and kind by the reader; posts left out here (reposts unless
//! `--include-reposts`, posts outside `--since`/`--until`, undated posts when dates are
//! filtered) are counted and reported; what could not be read is listed with file and position.

mod human;
mod output;
mod report;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use clap::ValueEnum;
use pause_archive::{Packaging, Platform, Post, ReadReport};
use pause_core::{Category, Engine, Finding, Severity, Verdict};

/// Posts per job handed to a worker: enough to make channel traffic negligible, few enough
/// that memory in flight stays small.
const BATCH: usize = 128;

#[derive(clap::Args)]
pub struct AuditArgs {
    /// The export as the platform gave it: a .zip, .tar.gz, folder, .car, .csv or .jsonl file.
    path: PathBuf,
    /// The platform, when detection picks wrongly or the export holds several (x, mastodon,
    /// bluesky, facebook, instagram, linkedin, csv, jsonl).
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<Platform>,
    #[command(flatten)]
    policy: crate::PolicyArgs,
    /// What to write to standard output.
    #[arg(long, value_enum, default_value = "human")]
    format: AuditFormat,
    /// Also write a self-contained HTML report to FILE (it holds your posts: keep it private).
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// Only posts from this date on: YYYY-MM-DD, YYYY-MM, YYYY or RFC 3339 (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<DateArg>,
    /// Only posts up to and including this date: YYYY-MM-DD, YYYY-MM, YYYY or RFC 3339 (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<DateArg>,
    /// Flag posts with a finding at least this severe.
    #[arg(long, value_enum, default_value = "medium")]
    min_severity: MinSeverity,
    /// Screen reposts (retweets, boosts) too: they are someone else's words, but shared by you.
    #[arg(long)]
    include_reposts: bool,
    /// How many of the worst posts the terminal summary lists.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    /// A summary for people: what was read, what was flagged, the worst posts, what could not be read.
    Human,
    /// One JSON object: `posts_scanned`, `by_platform`, `flagged`, `problems`.
    Json,
    /// One row per flagged post, for spreadsheets.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum MinSeverity {
    Low,
    Medium,
    High,
}

impl From<MinSeverity> for Severity {
    fn from(m: MinSeverity) -> Severity {
        match m {
            MinSeverity::Low => Severity::Low,
            MinSeverity::Medium => Severity::Medium,
            MinSeverity::High => Severity::High,
        }
    }
}

/// A date given on the command line, as the span of time it names: a day, a month, a year or
/// an instant. `--since` takes its start, `--until` its end, so `--until 2023` includes the
/// whole of 2023.
#[derive(Clone, Copy, Debug)]
pub struct DateArg {
    start: DateTime<Utc>,
    /// Exclusive.
    end: DateTime<Utc>,
}

fn parse_date(s: &str) -> Result<DateArg, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let t = t.with_timezone(&Utc);
        return Ok(DateArg {
            start: t,
            end: t + chrono::TimeDelta::nanoseconds(1),
        });
    }
    let midnight = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN));
    let span = |from: NaiveDate, to: Option<NaiveDate>| -> Result<DateArg, String> {
        let to = to.ok_or_else(|| format!("`{s}` is out of range"))?;
        Ok(DateArg {
            start: midnight(from),
            end: midnight(to),
        })
    };
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return span(d, d.succ_opt());
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| {
        p.parse::<i32>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    match parts.as_slice() {
        [y, m] if y.len() == 4 => {
            if let (Some(y), Some(m)) = (num(y), num(m)) {
                if let Some(d) = u32::try_from(m)
                    .ok()
                    .and_then(|m| NaiveDate::from_ymd_opt(y, m, 1))
                {
                    return span(d, d.checked_add_months(Months::new(1)));
                }
            }
        }
        [y] if y.len() == 4 => {
            if let Some(d) = num(y).and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)) {
                return span(d, d.with_year(d.year() + 1));
            }
        }
        _ => {}
    }
    Err(format!(
        "`{s}` is not a date: use YYYY-MM-DD, YYYY-MM, YYYY or RFC 3339 (e.g. 2023-08-12T16:10:37Z)"
    ))
}

/// One flagged post, with the findings at or above the chosen severity.
pub struct Flagged {
    /// Its place in the order read (0-based, among posts screened).
    pub seq: u64,
    pub post: Post,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// The most severe finding's severity.
    pub worst: Severity,
    /// The categories of its findings, in [`Category::ALL`] order.
    pub categories: Vec<Category>,
    /// It reads as a patient-safety concern, which belongs with a manager or the Freedom to
    /// Speak Up guardian (as `pause check` says).
    pub raise_concern: bool,
}

impl Flagged {
    /// The category of its first most severe finding: where the chart puts it.
    pub fn main_category(&self) -> Category {
        self.findings
            .iter()
            .find(|f| f.severity == self.worst)
            .map_or(self.categories[0], |f| f.category)
    }

    /// Orders posts worst first: severity, then how many high and medium findings, then how
    /// many categories, then the order read.
    fn rank(&self) -> impl Ord {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        (
            std::cmp::Reverse(self.worst),
            std::cmp::Reverse(count(Severity::High)),
            std::cmp::Reverse(count(Severity::Medium)),
            std::cmp::Reverse(self.categories.len()),
            self.seq,
        )
    }

    /// The worst severity a finding of `category` has here, if any.
    fn severity_in(&self, category: Category) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| f.category == category)
            .map(|f| f.severity)
            .max()
    }
}

/// Screens one post; `None` when nothing reaches `min`.
fn screen(engine: &Engine, min: Severity, seq: u64, post: Post) -> Option<Flagged> {
    let report = engine.check(&post.text, post.created_at);
    let findings: Vec<Finding> = report
        .findings
        .into_iter()
        .filter(|f| f.severity >= min)
        .collect();
    let worst = findings.iter().map(|f| f.severity).max()?;
    let mut categories: Vec<Category> = findings.iter().map(|f| f.category).collect();
    categories.sort();
    categories.dedup();
    Some(Flagged {
        seq,
        post,
        verdict: report.verdict,
        findings,
        worst,
        categories,
        raise_concern: report.raise_concern,
    })
}

/// Posts read but not screened, by reason.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Skipped {
    /// Reposts (without `--include-reposts`).
    pub reposts: u64,
    /// Posts dated before `--since` or after `--until`.
    pub outside_dates: u64,
    /// Posts with no date, when dates were filtered.
    pub undated: u64,
}

/// Everything the outputs report besides the flagged posts themselves.
pub struct Summary {
    pub path: PathBuf,
    pub platform: Platform,
    pub packaging: Packaging,
    pub min_severity: Severity,
    pub include_reposts: bool,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub read: ReadReport,
    pub skipped: Skipped,
    pub screened: u64,
    pub flagged: u64,
    /// Flagged posts by their worst severity, indexed by [`sev_index`].
    pub by_severity: [u64; 3],
    /// Flagged posts per category (in [`Category::ALL`] order), by the worst severity of that
    /// category's findings in the post.
    pub by_category: [[u64; 3]; 7],
    /// Flagged posts per day, by main category: what the chart is drawn from.
    pub timeline: BTreeMap<NaiveDate, [u64; 7]>,
    /// Flagged posts without a date.
    pub undated_flagged: u64,
    /// Flagged posts per year.
    pub years: BTreeMap<i32, u64>,
    /// The worst flagged posts, worst first, at most `top` of them.
    pub worst: Vec<Flagged>,
    top: usize,
}

pub fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Low => 0,
        Severity::Medium => 1,
        Severity::High => 2,
    }
}

pub fn cat_index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

impl Summary {
    /// Posts read from the export, all kinds.
    pub fn posts_read(&self) -> u64 {
        self.read.counts().total()
    }

    fn count(&mut self, f: Flagged) {
        self.flagged += 1;
        self.by_severity[sev_index(f.worst)] += 1;
        for &c in &f.categories {
            if let Some(s) = f.severity_in(c) {
                self.by_category[cat_index(c)][sev_index(s)] += 1;
            }
        }
        match f.post.created_at {
            Some(t) => {
                let day = t.with_timezone(&Utc).date_naive();
                self.timeline.entry(day).or_default()[cat_index(f.main_category())] += 1;
                *self.years.entry(t.year()).or_default() += 1;
            }
            None => self.undated_flagged += 1,
        }
        if self.top > 0 {
            self.worst.push(f);
            if self.worst.len() >= self.top * 2 {
                self.trim_worst();
            }
        }
    }

    fn trim_worst(&mut self) {
        self.worst.sort_by_cached_key(Flagged::rank);
        self.worst.truncate(self.top);
    }
}

/// Where flagged posts go as they are found, in the order read.
trait Sink {
    fn flagged(&mut self, f: &Flagged) -> Result<()>;
    /// Called once everything has been read.
    fn end(&mut self, summary: &Summary) -> Result<()>;
}

/// Runs `pause audit`; returns the exit code.
pub fn run(args: &AuditArgs, out: &mut dyn Write) -> Result<u8> {
    let policy = args.policy.load()?;
    let engine = Engine::new(&policy)?;
    if let (Some(since), Some(until)) = (args.since, args.until) {
        if since.start >= until.end {
            bail!("--since is after --until: no post could be in between");
        }
    }
    if let Some(path) = &args.report {
        if path.is_dir() {
            bail!(
                "--report {} is a folder\nhint: give a file name, e.g. --report audit.html",
                path.display()
            );
        }
    }
    let archive = pause_archive::open(&args.path, args.platform)
        .with_context(|| format!("cannot audit {}", args.path.display()))?;
    let (platform, packaging) = (archive.platform(), archive.packaging());
    let files = archive.files().len();
    if args.format != AuditFormat::Human {
        let _ = writeln!(
            std::io::stderr(),
            "pause audit: reading a {} ({packaging}, {files} file{} to read)",
            platform.describe(),
            if files == 1 { "" } else { "s" }
        );
    }

    let mut summary = Summary {
        path: args.path.clone(),
        platform,
        packaging,
        min_severity: args.min_severity.into(),
        include_reposts: args.include_reposts,
        since: args.since.map(|d| d.start),
        until: args.until.map(|d| d.end),
        read: ReadReport::default(),
        skipped: Skipped::default(),
        screened: 0,
        flagged: 0,
        by_severity: [0; 3],
        by_category: [[0; 3]; 7],
        timeline: BTreeMap::new(),
        undated_flagged: 0,
        years: BTreeMap::new(),
        worst: Vec::new(),
        top: args.top,
    };

    let mut html = match &args.report {
        Some(path) => Some(report::Writer::new(path)?),
        None => None,
    };
    let mut stdout_sink: Box<dyn Sink + '_> = match args.format {
        AuditFormat::Human => Box::new(human::Human::new(&mut *out, args.report.as_deref())),
        AuditFormat::Json => Box::new(output::Json::start(&mut *out, &summary)?),
        AuditFormat::Csv => Box::new(output::Csv::new(&mut *out)?),
    };

    let progress = progress_bar(platform);
    let filter = Filter {
        since: summary.since,
        until: summary.until,
        include_reposts: args.include_reposts,
    };
    screen_all(
        archive,
        &engine,
        &filter,
        &mut summary,
        &progress,
        &mut |f: &Flagged| {
            stdout_sink.flagged(f)?;
            if let Some(html) = html.as_mut() {
                html.flagged(f)?;
            }
            Ok(())
        },
    )?;
    progress.finish_and_clear();
    summary.trim_worst();

    if let Some(html) = html {
        let path = html.finish(&summary)?;
        if args.format != AuditFormat::Human {
            let _ = writeln!(
                std::io::stderr(),
                "pause audit: report written to {} (it holds your posts: keep it private)",
                path.display()
            );
        }
    }
    stdout_sink.end(&summary)?;
    drop(stdout_sink);
    if !summary.read.problems.is_empty() && args.format != AuditFormat::Human {
        let _ = writeln!(
            std::io::stderr(),
            "warning: {} part(s) of the export could not be read; see \"problems\"",
            summary.read.problems.len()
        );
    }
    Ok(if summary.flagged > 0 {
        1
    } else if summary.read.problems.is_empty() {
        0
    } else {
        // Nothing flagged, but not everything could be read: not a clean bill of health.
        2
    })
}

/// Reads and screens every post: the reader, dispatcher and worker threads feed this one,
/// which hands each flagged post to `on_flagged` in the order read and counts it in `summary`.
fn screen_all(
    archive: pause_archive::Archive,
    engine: &Engine,
    filter: &Filter,
    summary: &mut Summary,
    progress: &indicatif::ProgressBar,
    on_flagged: &mut dyn FnMut(&Flagged) -> Result<()>,
) -> Result<()> {
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let min = summary.min_severity;
    std::thread::scope(|scope| -> Result<()> {
        let (job_tx, job_rx) = sync_channel::<(u64, u64, Vec<Post>)>(workers * 2);
        let (done_tx, done_rx) = sync_channel::<(u64, u64, Vec<Flagged>)>(workers * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..workers {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || worker(engine, min, &job_rx, &done_tx));
        }
        drop(done_tx);
        drop(job_rx);
        let dispatcher = scope.spawn(move || dispatch(archive.posts(), filter, &job_tx));

        // Batches come back in any order; put them back in the order read.
        let mut pending: BTreeMap<u64, (u64, Vec<Flagged>)> = BTreeMap::new();
        let mut next = 0;
        for (batch, screened, flagged) in done_rx {
            pending.insert(batch, (screened, flagged));
            while let Some((screened, flagged)) = pending.remove(&next) {
                next += 1;
                summary.screened += screened;
                for f in flagged {
                    on_flagged(&f)?;
                    summary.count(f);
                }
                progress.set_message(format!(
                    "{} posts, {} flagged",
                    thousands(summary.screened),
                    thousands(summary.flagged)
                ));
            }
        }
        let (read, skipped) = dispatcher
            .join()
            .map_err(|_| anyhow::anyhow!("the dispatcher thread panicked"))?;
        summary.read = read;
        summary.skipped = skipped;
        Ok(())
    })
}

struct Filter {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    include_reposts: bool,
}

impl Filter {
    fn keep(&self, post: &Post, skipped: &mut Skipped) -> bool {
        if post.kind == pause_archive::Kind::Repost && !self.include_reposts {
            skipped.reposts += 1;
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(at) = post.created_at else {
            skipped.undated += 1;
            return false;
        };
        let at = at.with_timezone(&Utc);
        if self.since.is_some_and(|s| at < s) || self.until.is_some_and(|u| at >= u) {
            skipped.outside_dates += 1;
            return false;
        }
        true
    }
}

/// Reads posts, filters them and hands them to the workers in numbered batches.
fn dispatch(
    mut posts: pause_archive::Posts,
    filter: &Filter,
    jobs: &std::sync::mpsc::SyncSender<(u64, u64, Vec<Post>)>,
) -> (ReadReport, Skipped) {
    let mut skipped = Skipped::default();
    let mut batch = Vec::with_capacity(BATCH);
    let (mut number, mut seq) = (0u64, 0u64);
    for post in &mut posts {
        if !filter.keep(&post, &mut skipped) {
            continue;
        }
        batch.push(post);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            let len = full.len() as u64;
            if jobs.send((number, seq, full)).is_err() {
                // The consumer stopped (an output error): stop reading, report nothing.
                return (ReadReport::default(), skipped);
            }
            number += 1;
            seq += len;
        }
    }
    if !batch.is_empty() {
        let _ = jobs.send((number, seq, batch));
    }
    (posts.finish(), skipped)
}

fn worker(
    engine: &Engine,
    min: Severity,
    jobs: &Mutex<Receiver<(u64, u64, Vec<Post>)>>,
    done: &std::sync::mpsc::SyncSender<(u64, u64, Vec<Flagged>)>,
) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((number, first, posts)) = job else {
            return;
        };
        let screened = posts.len() as u64;
        let flagged = posts
            .into_iter()
            .zip(first..)
            .filter_map(|(post, seq)| screen(engine, min, seq, post))
            .collect();
        if done.send((number, screened, flagged)).is_err() {
            return;
        }
    }
}

fn progress_bar(platform: Platform) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {prefix}: {msg} [{elapsed}]")
    {
        bar.set_style(style);
    }
    // Short enough for an 80-column terminal with six-digit counts.
    bar.set_prefix(format!("Screening {}", platform.describe()));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A short label for a kind of post.
pub fn kind_label(kind: pause_archive::Kind) -> &'static str {
    match kind {
        pause_archive::Kind::Own => "post",
        pause_archive::Kind::Reply => "reply",
        pause_archive::Kind::DirectMessage => "direct message",
        pause_archive::Kind::Repost => "repost",
    }
}

/// Who could see it, for people.
pub fn audience_label(audience: pause_archive::Audience) -> &'static str {
    match audience {
        pause_archive::Audience::Public => "public",
        pause_archive::Audience::Unlisted => "unlisted",
        pause_archive::Audience::Followers => "followers only",
        pause_archive::Audience::Direct => "private",
        pause_archive::Audience::Unknown => "audience not recorded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_name_spans_of_time() {
        let d = parse_date("2023-08-12").unwrap();
        assert_eq!(d.start.to_rfc3339(), "2023-08-12T00:00:00+00:00");
        assert_eq!(d.end.to_rfc3339(), "2023-08-13T00:00:00+00:00");
        let m = parse_date("2023-12").unwrap();
        assert_eq!(m.end.to_rfc3339(), "2024-01-01T00:00:00+00:00");
        let y = parse_date("2019").unwrap();
        assert_eq!(y.start.to_rfc3339(), "2019-01-01T00:00:00+00:00");
        assert_eq!(y.end.to_rfc3339(), "2020-01-01T00:00:00+00:00");
        let t = parse_date("2023-08-12T16:10:37+01:00").unwrap();
        assert_eq!(t.start.to_rfc3339(), "2023-08-12T15:10:37+00:00");
        for bad in ["yesterday", "2023-13", "2023-02-30", "23", "2023-1-x", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
