//! `--report FILE.html`: one self-contained page a person would rather look at than read.
//!
//! - **Self-contained, no network.** CSS, script and the chart (SVG) are inline; a Content
//!   Security Policy allows no loads at all, and only the one script, by its hash, so even a
//!   post that slipped past escaping could not run code or fetch anything. The only links are
//!   the posts' own, and only `http(s)` ones.
//! - **Everything escaped.** Every piece of post text, id, file name and link is HTML-escaped
//!   ([`esc`]); highlights are cut from the text at the findings' byte spans on character
//!   boundaries, in Rust, so no offsets need converting in the browser.
//! - **Streamed.** Flagged posts are written to a private temporary file beside the report as
//!   they are found, and the page is assembled around them at the end, so memory does not grow
//!   with the number flagged. The report is written to a temporary file and renamed into place;
//!   both are readable by the owner only.
//! - **Works without script.** Filters and sorting need the script; without it every post is
//!   shown in the order read.

use std::fmt::Write as _;
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use pause_core::{Category, Finding, Severity};
use sha2::Digest;

use super::{audience_label, cat_index, kind_label, sev_index, thousands, Flagged, Summary};

const TEMPLATE: &str = include_str!("report.html");
const SCRIPT: &str = include_str!("report.js");

/// A colour per category (mostly Okabe-Ito, distinguishable with colour-blindness; brown in
/// place of its yellow, which is unreadable on white), in
/// [`Category::ALL`] order.
const COLOURS: [&str; 7] = [
    "#d55e00", "#e69f00", "#0072b2", "#cc79a7", "#009e73", "#8c564b", "#56b4e9",
];

/// One line on what each category means for the person, in [`Category::ALL`] order.
const ABOUT: [&str; 7] = [
    "Patients or people you cared for could be identified.",
    "Information from work that is not yours to share.",
    "Posts that could damage trust in your employer or the service.",
    "Claims about named people or organisations that could be defamatory.",
    "Put-downs or hostility aimed at colleagues or others.",
    "Written in anger, distress, late at night or after a drink.",
    "Blurred lines with patients, selling, endorsing or advising.",
];

/// Writes the report: posts as they come, the rest at the end.
pub struct Writer {
    path: PathBuf,
    dir: PathBuf,
    posts: BufWriter<tempfile::NamedTempFile>,
    count: u64,
}

impl Writer {
    pub fn new(path: &Path) -> Result<Writer> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let part = tempfile::Builder::new()
            .prefix(".pause-report-")
            .tempfile_in(&dir)
            .with_context(|| format!("cannot write the report in {}", dir.display()))?;
        Ok(Writer {
            path: path.to_path_buf(),
            dir,
            posts: BufWriter::new(part),
            count: 0,
        })
    }

    pub fn flagged(&mut self, f: &Flagged) -> Result<()> {
        let mut html = String::with_capacity(4096);
        post_html(&mut html, f);
        self.posts
            .write_all(html.as_bytes())
            .context("cannot write the report's temporary file")?;
        self.count += 1;
        Ok(())
    }

    /// Assembles the page and moves it into place; returns its path.
    pub fn finish(self, s: &Summary) -> Result<PathBuf> {
        let mut part = self
            .posts
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .context("cannot write the report's temporary file")?;
        part.rewind()?;
        let page = tempfile::Builder::new()
            .prefix(".pause-report-")
            .tempfile_in(&self.dir)
            .with_context(|| format!("cannot write the report in {}", self.dir.display()))?;
        let mut out = BufWriter::new(page);
        let mut pieces = TEMPLATE.split("{{");
        out.write_all(pieces.next().unwrap_or_default().as_bytes())?;
        for piece in pieces {
            let (name, rest) = piece.split_once("}}").unwrap_or((piece, ""));
            if name == "posts" {
                std::io::copy(part.as_file_mut(), &mut out)?;
            } else {
                out.write_all(fill(name, s, self.count).as_bytes())?;
            }
            out.write_all(rest.as_bytes())?;
        }
        let page = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .context("cannot write the report")?;
        page.persist(&self.path)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write the report to {}", self.path.display()))?;
        Ok(self.path)
    }
}

/// The text for a `{{name}}` in the template.
fn fill(name: &str, s: &Summary, flagged_posts: u64) -> String {
    match name {
        "csp" => format!(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{}'; base-uri 'none'; form-action 'none'",
            base64(&sha2::Sha256::digest(SCRIPT.as_bytes()))
        ),
        "script" => SCRIPT.to_owned(),
        "source" => esc(&s.path.display().to_string()),
        "platform" => esc(s.platform.describe()),
        "generated" => DateTime::<Utc>::from(std::time::SystemTime::now())
            .format("%-d %B %Y at %H:%M UTC")
            .to_string(),
        "overview" => overview(s),
        "chart" => chart(s),
        "categories" => categories(s),
        "filters" => filters(s),
        "count" => thousands(flagged_posts),
        "read" => read(s),
        other => format!("<!-- unknown placeholder {} -->", esc(other)),
    }
}

/// HTML-escapes text for element content and quoted attribute values alike.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A link to the post, only for `http(s)` URLs (an export could hold `javascript:` ones).
fn safe_url(url: &str) -> Option<&str> {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or_default()
        .to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

fn severity_title(s: Severity) -> &'static str {
    match s {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

fn platform_name(p: pause_archive::Platform) -> &'static str {
    match p {
        pause_archive::Platform::X => "X",
        pause_archive::Platform::Mastodon => "Mastodon",
        pause_archive::Platform::Bluesky => "Bluesky",
        pause_archive::Platform::Facebook => "Facebook",
        pause_archive::Platform::Instagram => "Instagram",
        pause_archive::Platform::LinkedIn => "LinkedIn",
        pause_archive::Platform::Csv | pause_archive::Platform::JsonLines => "the site",
    }
}

fn when(t: DateTime<FixedOffset>) -> String {
    let zone = if t.offset().local_minus_utc() == 0 {
        "UTC".to_owned()
    } else {
        t.format("UTC%:z").to_string()
    };
    format!("{} {zone}", t.format("%-d %b %Y, %H:%M"))
}

/// Moves `i` back to a character boundary of `text`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The post's text, escaped, with every finding's span in a `<mark>` and its number after it.
/// Spans are byte offsets into the text; overlapping spans are cut into segments, each marked
/// with the most severe finding covering it.
/// A finding about the whole post (posted at 3am) is numbered at the end, not highlighted.
pub fn highlight(text: &str, findings: &[Finding]) -> String {
    let words = text.trim();
    let first = text.len() - text.trim_start().len();
    let spans: Vec<(usize, usize)> = findings
        .iter()
        .map(|f| {
            let start = boundary(text, f.start);
            let end = boundary(text, f.end).max(start);
            if !words.is_empty() && start <= first && end >= first + words.len() {
                (text.len(), text.len())
            } else {
                (start, end)
            }
        })
        .collect();
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    cuts.extend([0, text.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let covering: Vec<usize> = (0..findings.len())
            .filter(|&i| spans[i].0 <= a && b <= spans[i].1 && spans[i].0 < spans[i].1)
            .collect();
        let segment = esc(&text[a..b]);
        if let Some(worst) = covering.iter().map(|&i| findings[i].severity).max() {
            let titles: Vec<&str> = covering
                .iter()
                .map(|&i| findings[i].message.as_str())
                .collect();
            let _ = write!(
                out,
                "<mark class=\"m-{}\" title=\"{}\">{segment}</mark>",
                worst.id(),
                esc(&titles.join(" / "))
            );
        } else {
            out.push_str(&segment);
        }
        let ending: Vec<String> = (0..findings.len())
            .filter(|&i| {
                let (s, e) = spans[i];
                (e == b && s < e) || (s == e && e == text.len() && b == text.len())
            })
            .map(|i| (i + 1).to_string())
            .collect();
        if !ending.is_empty() {
            let _ = write!(out, "<sup>{}</sup>", ending.join(","));
        }
    }
    out
}

fn post_html(out: &mut String, f: &Flagged) {
    let p = &f.post;
    let cats: Vec<&str> = f.categories.iter().map(|c| c.id()).collect();
    let count = |s: Severity| {
        f.findings
            .iter()
            .filter(|x| x.severity == s)
            .count()
            .min(999)
    };
    let score = sev_index(f.worst) * 1_000_000_000
        + count(Severity::High) * 1_000_000
        + count(Severity::Medium) * 1000
        + f.categories.len();
    let (year, time) = p.created_at.map_or((String::new(), String::new()), |t| {
        (t.year().to_string(), t.timestamp().to_string())
    });
    let _ = write!(
        out,
        "<article class=\"post s-{sev}\" data-sev=\"{sevn}\" data-cats=\"{cats}\" data-year=\"{year}\" data-time=\"{time}\" data-score=\"{score}\" data-seq=\"{seq}\">\n<header><span class=\"sev s-{sev}\">{sevt}</span>",
        sev = f.worst.id(),
        sevn = sev_index(f.worst),
        cats = cats.join(" "),
        seq = f.seq,
        sevt = severity_title(f.worst),
    );
    match p.created_at {
        Some(t) => {
            let _ = write!(
                out,
                "<time datetime=\"{}\">{}</time>",
                esc(&t.to_rfc3339()),
                esc(&when(t))
            );
        }
        None => out.push_str("<time>Date not recorded</time>"),
    }
    let audience_class = if p.audience == pause_archive::Audience::Direct {
        " private"
    } else {
        ""
    };
    let _ = write!(
        out,
        "<span class=\"meta\">{} · <span class=\"aud{audience_class}\">{}</span> · {}</span><span class=\"chips\">",
        capitalise(kind_label(p.kind)),
        audience_label(p.audience),
        platform_name(p.platform),
    );
    for &c in &f.categories {
        let _ = write!(
            out,
            "<span class=\"chip\" style=\"--c:{}\">{}</span>",
            COLOURS[cat_index(c)],
            esc(c.title())
        );
    }
    out.push_str("</span></header>\n");
    if p.text.trim().is_empty() {
        out.push_str("<p class=\"text empty\">(no text)</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p class=\"text\">{}</p>",
            highlight(&p.text, &f.findings)
        );
    }
    findings_html(out, &f.findings);
    if f.raise_concern {
        out.push_str("<p class=\"concern\">This reads as a patient-safety concern. If it still stands, raise it where it can be fixed and where you are protected: your line manager, another senior manager, or your Freedom to Speak Up guardian.</p>\n");
    }
    out.push_str("<footer>");
    match p.url.as_deref().and_then(safe_url) {
        Some(url) => {
            let _ = write!(
                out,
                "<a class=\"open\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">Open on {} to delete or edit ↗</a>",
                esc(url),
                platform_name(p.platform)
            );
        }
        None => {
            if let Some(url) = &p.url {
                let _ = write!(out, "<span class=\"nolink\">{}</span>", esc(url));
            }
        }
    }
    let _ = writeln!(
        out,
        "<span class=\"src\">{} · id {}</span></footer>\n</article>",
        esc(&p.source),
        esc(&p.id)
    );
}

/// The numbered explanations under a post: what, why, what to do, and the policy clause.
fn findings_html(out: &mut String, findings: &[Finding]) {
    out.push_str("<ol class=\"findings\">\n");
    for x in findings {
        let _ = writeln!(
            out,
            "<li class=\"s-{sev}\"><p class=\"what\"><span class=\"sev s-{sev}\">{sevt}</span> {msg} <code>{rule}</code></p><p class=\"why\"><b>Why it matters.</b> {why}</p><p class=\"todo\"><b>What to do.</b> {todo}</p><p class=\"policy\">{policy}</p></li>",
            sev = x.severity.id(),
            sevt = severity_title(x.severity),
            msg = esc(&x.message),
            rule = esc(x.rule),
            why = esc(x.why),
            todo = esc(&x.suggestion),
            policy = esc(x.policy),
        );
    }
    out.push_str("</ol>\n");
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn overview(s: &Summary) -> String {
    let k = s.read.counts();
    let pct = if s.screened > 0 {
        #[allow(clippy::cast_precision_loss)]
        let p = s.flagged as f64 * 100.0 / s.screened as f64;
        format!("{p:.1}% of those screened")
    } else {
        "nothing screened".to_owned()
    };
    let problems = s.read.problems.len();
    let mut html = String::new();
    let _ = write!(
        html,
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">posts read</div><div class=\"d\">{} own · {} replies · {} direct messages · {} reposts</div></div>",
        thousands(k.total()),
        thousands(k.own),
        thousands(k.reply),
        thousands(k.direct_message),
        thousands(k.repost)
    );
    let mut left = Vec::new();
    if s.skipped.reposts > 0 {
        left.push(format!("{} reposts left out", thousands(s.skipped.reposts)));
    }
    if s.skipped.outside_dates > 0 {
        left.push(format!(
            "{} outside the dates",
            thousands(s.skipped.outside_dates)
        ));
    }
    if s.skipped.undated > 0 {
        left.push(format!("{} undated", thousands(s.skipped.undated)));
    }
    let _ = write!(
        html,
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"l\">screened</div><div class=\"d\">{}</div></div>",
        thousands(s.screened),
        if left.is_empty() {
            "every post read".to_owned()
        } else {
            left.join(" · ")
        }
    );
    let _ = write!(
        html,
        "<div class=\"card flag\"><div class=\"n\">{}</div><div class=\"l\">flagged</div><div class=\"d\">{pct} · {} high</div></div>",
        thousands(s.flagged),
        thousands(s.by_severity[2])
    );
    let _ = write!(
        html,
        "<div class=\"card{}\"><div class=\"n\">{problems}</div><div class=\"l\">could not be read</div><div class=\"d\">{}</div></div>",
        if problems > 0 { " bad" } else { "" },
        if problems > 0 {
            "<a href=\"#read\">see what and where</a>"
        } else {
            "every file read to the end"
        }
    );
    html
}

/// Time buckets for the chart: days, weeks, months, quarters or years, whichever gives a
/// readable number of bars for the span covered.
#[derive(Clone, Copy)]
enum Step {
    Week,
    Month,
    Quarter,
    Year,
}

impl Step {
    fn start(self, d: NaiveDate) -> NaiveDate {
        let first = |m: u32| NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d);
        match self {
            Step::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Step::Month => first(d.month()),
            Step::Quarter => first((d.month() - 1) / 3 * 3 + 1),
            Step::Year => first(1),
        }
    }
    fn next(self, d: NaiveDate) -> NaiveDate {
        let months = |n| d.checked_add_months(chrono::Months::new(n)).unwrap_or(d);
        match self {
            Step::Week => d + Duration::days(7),
            Step::Month => months(1),
            Step::Quarter => months(3),
            Step::Year => months(12),
        }
    }
    fn label(self, d: NaiveDate) -> String {
        match self {
            Step::Week => d.format("week of %-d %b %Y").to_string(),
            Step::Month => d.format("%b %Y").to_string(),
            Step::Quarter => format!("Q{} {}", (d.month() - 1) / 3 + 1, d.year()),
            Step::Year => d.year().to_string(),
        }
    }
    fn short(self, d: NaiveDate) -> String {
        match self {
            Step::Week => d.format("%-d %b").to_string(),
            Step::Month => d.format("%b %y").to_string(),
            Step::Quarter => format!("Q{} {}", (d.month() - 1) / 3 + 1, d.format("%y")),
            Step::Year => d.year().to_string(),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Step::Week => "week",
            Step::Month => "month",
            Step::Quarter => "quarter",
            Step::Year => "year",
        }
    }
}

/// A bar of the chart: when it starts, and its flagged posts by main category.
type Bucket = (NaiveDate, [u64; 7]);

/// The chart's bars, and the step between them.
fn buckets(summary: &Summary) -> Option<(Step, Vec<Bucket>)> {
    let (&first, _) = summary.timeline.first_key_value()?;
    let (&last, _) = summary.timeline.last_key_value()?;
    let days = (last - first).num_days();
    let step = if days <= 7 * 20 {
        Step::Week
    } else if days <= 31 * 40 {
        Step::Month
    } else if days <= 92 * 40 {
        Step::Quarter
    } else {
        Step::Year
    };
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut start = step.start(first);
    while start <= last {
        buckets.push((start, [0; 7]));
        start = step.next(start);
    }
    let mut i = 0;
    for (day, counts) in &summary.timeline {
        while i + 1 < buckets.len() && buckets[i + 1].0 <= *day {
            i += 1;
        }
        for (acc, n) in buckets[i].1.iter_mut().zip(counts) {
            *acc += n;
        }
    }
    Some((step, buckets))
}

/// The SVG chart of flagged posts over time, stacked by main category, with its legend.
fn chart(summary: &Summary) -> String {
    let Some((step, buckets)) = buckets(summary) else {
        return "<p class=\"none\">No dated posts were flagged.</p>".to_owned();
    };
    let (first, last) = (
        summary.timeline.keys().next().copied().unwrap_or_default(),
        summary
            .timeline
            .keys()
            .next_back()
            .copied()
            .unwrap_or_default(),
    );
    let max = buckets
        .iter()
        .map(|(_, c)| c.iter().sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1);
    let tick = nice_step(max);
    let top = max.div_ceil(tick) * tick;
    let (w, h, left, right, up, down) = (960.0_f64, 260.0_f64, 44.0, 12.0, 14.0, 34.0);
    let plot_w = w - left - right;
    let plot_h = h - up - down;
    #[allow(clippy::cast_precision_loss)]
    let y = |v: u64| up + plot_h - plot_h * v as f64 / top as f64;
    #[allow(clippy::cast_precision_loss)]
    let slot = plot_w / buckets.len() as f64;
    let bar = (slot * 0.78).min(48.0);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Flagged posts per {} by main category\">",
        step.name()
    );
    let mut v = 0;
    while v <= top {
        let yy = y(v);
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\"/><text class=\"ax\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            w - right,
            left - 6.0,
            yy + 4.0
        );
        v += tick;
    }
    let every = buckets.len().div_ceil(12).max(1);
    for (n, (start, counts)) in buckets.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = left + slot * n as f64 + (slot - bar) / 2.0;
        let mut base = 0;
        let label = step.label(*start);
        for (c, &count) in counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let (y0, y1) = (y(base), y(base + count));
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\" data-cat=\"{}\"><title>{} · {}: {count}</title></rect>",
                (y0 - y1).max(0.5),
                COLOURS[c],
                Category::ALL[c].id(),
                esc(&label),
                esc(Category::ALL[c].title()),
            );
            base += count;
        }
        if n % every == 0 {
            let _ = write!(
                svg,
                "<text class=\"ax\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                h - down + 18.0,
                esc(&step.short(*start))
            );
        }
    }
    let _ = write!(
        svg,
        "<line class=\"base\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/></svg>",
        w - right,
        up + plot_h,
        up + plot_h
    );
    svg.push_str("<div class=\"legend\">");
    for c in Category::ALL {
        if summary.by_category[cat_index(c)].iter().sum::<u64>() > 0 {
            let _ = write!(
                svg,
                "<span><i style=\"background:{}\"></i>{}</span>",
                COLOURS[cat_index(c)],
                esc(c.title())
            );
        }
    }
    svg.push_str("</div>");
    let _ = write!(
        svg,
        "<p class=\"note\">Each bar is one {}, from {} to {}; each post is counted once, under the category of its most severe finding.{}</p>",
        step.name(),
        esc(&first.format("%-d %B %Y").to_string()),
        esc(&last.format("%-d %B %Y").to_string()),
        if summary.undated_flagged > 0 {
            format!(
                " {} flagged post{} with no date {} not shown.",
                thousands(summary.undated_flagged),
                if summary.undated_flagged == 1 { "" } else { "s" },
                if summary.undated_flagged == 1 { "is" } else { "are" }
            )
        } else {
            String::new()
        }
    );
    svg
}

/// A round step for the y axis giving four or five gridlines.
fn nice_step(max: u64) -> u64 {
    let rough = max.div_ceil(4).max(1);
    let mut magnitude = 1;
    while magnitude * 10 <= rough {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= rough)
        .unwrap_or(rough)
}

fn categories(s: &Summary) -> String {
    let max = s
        .by_category
        .iter()
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut html = String::new();
    for c in Category::ALL {
        let [low, medium, high] = s.by_category[cat_index(c)];
        let posts = low + medium + high;
        if posts == 0 {
            continue;
        }
        let mut by = Vec::new();
        for (n, name) in [(high, "high"), (medium, "medium"), (low, "low")] {
            if n > 0 {
                by.push(format!("{} {name}", thousands(n)));
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let width = 100.0 * posts as f64 / max as f64;
        let _ = write!(
            html,
            "<button class=\"cat\" type=\"button\" data-cat=\"{id}\" style=\"--c:{colour}\"><span class=\"name\">{title}</span><span class=\"count\">{n}</span><span class=\"bar\"><i style=\"width:{width:.1}%\"></i></span><span class=\"about\">{about} <em>{by}</em></span></button>",
            id = c.id(),
            colour = COLOURS[cat_index(c)],
            title = esc(c.title()),
            n = thousands(posts),
            about = esc(ABOUT[cat_index(c)]),
            by = by.join(" · "),
        );
    }
    if html.is_empty() {
        html.push_str("<p class=\"none\">Nothing was flagged.</p>");
    }
    html
}

fn filters(s: &Summary) -> String {
    let mut html = String::from(
        "<label>Category <select id=\"f-cat\"><option value=\"\">All categories</option>",
    );
    for c in Category::ALL {
        let n: u64 = s.by_category[cat_index(c)].iter().sum();
        if n > 0 {
            let _ = write!(
                html,
                "<option value=\"{}\">{} ({})</option>",
                c.id(),
                esc(c.title()),
                thousands(n)
            );
        }
    }
    html.push_str("</select></label><label>Severity <select id=\"f-sev\">");
    let floor = sev_index(s.min_severity);
    for (i, label) in [(0, "Any"), (1, "Medium and high"), (2, "High only")] {
        if i >= floor {
            let _ = write!(html, "<option value=\"{i}\">{label}</option>");
        }
    }
    html.push_str(
        "</select></label><label>Year <select id=\"f-year\"><option value=\"*\">All years</option>",
    );
    for (year, n) in s.years.iter().rev() {
        let _ = write!(
            html,
            "<option value=\"{year}\">{year} ({})</option>",
            thousands(*n)
        );
    }
    if s.undated_flagged > 0 {
        let _ = write!(
            html,
            "<option value=\"\">No date ({})</option>",
            thousands(s.undated_flagged)
        );
    }
    html.push_str("</select></label><label>Sort <select id=\"f-sort\"><option value=\"worst\">Worst first</option><option value=\"new\">Newest first</option><option value=\"old\">Oldest first</option></select></label><label class=\"q\">Search <input id=\"f-q\" type=\"search\" placeholder=\"words in the post\"></label>");
    html
}

fn read(s: &Summary) -> String {
    let mut html = String::from("<table><thead><tr><th>File in the export</th><th>Own</th><th>Replies</th><th>Direct messages</th><th>Reposts</th><th>Total</th><th>Read to the end</th></tr></thead><tbody>");
    for f in &s.read.files {
        let c = &f.counts;
        let _ = write!(
            html,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&f.file),
            thousands(c.own),
            thousands(c.reply),
            thousands(c.direct_message),
            thousands(c.repost),
            thousands(c.total()),
            if f.complete { "yes" } else { "<b class=\"no\">no</b>" }
        );
    }
    let c = s.read.counts();
    let _ = write!(
        html,
        "</tbody><tfoot><tr><td>Total</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td></td></tr></tfoot></table>",
        thousands(c.own),
        thousands(c.reply),
        thousands(c.direct_message),
        thousands(c.repost),
        thousands(c.total())
    );
    if s.read.problems.is_empty() {
        html.push_str("<p class=\"ok\">Every file was read to the end.</p>");
    } else {
        let _ = write!(
            html,
            "<h3 class=\"bad\">Could not be read ({})</h3><p>The rest of the export was still screened, but posts in these parts were not. If the download was interrupted, download the export again.</p><ul class=\"problems\">",
            s.read.problems.len()
        );
        for p in &s.read.problems {
            let _ = write!(html, "<li>{}</li>", esc(&p.to_string()));
        }
        html.push_str("</ul>");
    }
    let mut notes = vec![format!(
        "Flagged: posts with a finding of {} severity or more.",
        s.min_severity.id()
    )];
    if s.skipped.reposts > 0 {
        notes.push(format!(
            "{} reposts were not screened: they are other people's words. Run with <code>--include-reposts</code> to screen them too.",
            thousands(s.skipped.reposts)
        ));
    }
    if let Some(t) = s.since {
        notes.push(format!("Only posts from {} on.", esc(&t.to_rfc3339())));
    }
    if let Some(t) = s.until {
        notes.push(format!("Only posts before {}.", esc(&t.to_rfc3339())));
    }
    if s.skipped.outside_dates + s.skipped.undated > 0 {
        notes.push(format!(
            "{} posts outside those dates and {} without a date were not screened.",
            thousands(s.skipped.outside_dates),
            thousands(s.skipped.undated)
        ));
    }
    let _ = write!(html, "<p class=\"note\">{}</p>", notes.join(" "));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(start: usize, end: usize, severity: Severity) -> Finding {
        Finding {
            rule: "test",
            category: Category::PatientConfidentiality,
            severity,
            start,
            end,
            message: "a <b>message</b>".to_owned(),
            why: "",
            policy: "",
            suggestion: String::new(),
            replacement: None,
            concern: false,
        }
    }

    #[test]
    fn highlights_escape_text_and_messages() {
        let html = highlight("<3 Mrs Smith & co", &[finding(3, 12, Severity::High)]);
        assert_eq!(
            html,
            "&lt;3 <mark class=\"m-high\" title=\"a &lt;b&gt;message&lt;/b&gt;\">Mrs Smith</mark><sup>1</sup> &amp; co"
        );
    }

    #[test]
    fn overlapping_spans_become_segments() {
        let html = highlight(
            "abcdef",
            &[
                finding(0, 4, Severity::Medium),
                finding(2, 6, Severity::High),
            ],
        );
        assert_eq!(
            html,
            "<mark class=\"m-medium\" title=\"a &lt;b&gt;message&lt;/b&gt;\">ab</mark>\
             <mark class=\"m-high\" title=\"a &lt;b&gt;message&lt;/b&gt; / a &lt;b&gt;message&lt;/b&gt;\">cd</mark><sup>1</sup>\
             <mark class=\"m-high\" title=\"a &lt;b&gt;message&lt;/b&gt;\">ef</mark><sup>2</sup>"
        );
    }

    #[test]
    fn spans_inside_a_character_move_to_its_start() {
        // "é" is two bytes; a span ending at byte 2 falls inside it.
        let html = highlight("xé y", &[finding(0, 2, Severity::High)]);
        assert!(html.starts_with("<mark class=\"m-high\""), "{html}");
        assert!(html.contains(">x</mark><sup>1</sup>é y"), "{html}");
        // Out of range spans are clamped, not a panic.
        let html = highlight("abc", &[finding(2, 99, Severity::Low)]);
        assert!(html.ends_with(">c</mark><sup>1</sup>"), "{html}");
    }

    #[test]
    fn a_finding_about_the_whole_post_is_numbered_not_highlighted() {
        let html = highlight(
            " late post ",
            &[
                finding(1, 10, Severity::Medium),
                finding(1, 5, Severity::High),
            ],
        );
        assert_eq!(
            html,
            " <mark class=\"m-high\" title=\"a &lt;b&gt;message&lt;/b&gt;\">late</mark><sup>2</sup> post <sup>1</sup>"
        );
    }

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(
            safe_url("https://x.com/a/status/1"),
            Some("https://x.com/a/status/1")
        );
        assert_eq!(safe_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,hi"), None);
        assert_eq!(safe_url("/relative"), None);
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(19), 5);
        assert_eq!(nice_step(40), 10);
        assert_eq!(nice_step(950), 500);
    }
}
