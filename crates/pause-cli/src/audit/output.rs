//! `--format json` and `--format csv`: flagged posts written as they are found, in the order
//! read, so memory does not grow with the number flagged.

use std::io::Write;

use anyhow::Result;
use pause_core::{Category, Finding, Severity, Verdict};
use serde::Serialize;
use serde_json::json;

use super::{cat_index, sev_index, Flagged, Sink, Summary};

/// One flagged post in the JSON output.
#[derive(Serialize)]
struct FlaggedJson<'a> {
    platform: pause_archive::Platform,
    id: &'a str,
    created_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    url: Option<&'a str>,
    audience: pause_archive::Audience,
    kind: pause_archive::Kind,
    source: &'a str,
    text: &'a str,
    verdict: Verdict,
    severity: Severity,
    categories: &'a [Category],
    findings: &'a [Finding],
    raise_concern: bool,
}

impl<'a> From<&'a Flagged> for FlaggedJson<'a> {
    fn from(f: &'a Flagged) -> Self {
        FlaggedJson {
            platform: f.post.platform,
            id: &f.post.id,
            created_at: f.post.created_at,
            url: f.post.url.as_deref(),
            audience: f.post.audience,
            kind: f.post.kind,
            source: &f.post.source,
            text: &f.post.text,
            verdict: f.verdict,
            severity: f.worst,
            categories: &f.categories,
            findings: &f.findings,
            raise_concern: f.raise_concern,
        }
    }
}

/// The JSON object, written in three parts: what was opened, the flagged posts one per line as
/// they are found, then the counts and problems once everything has been read.
pub struct Json<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

impl<'a> Json<'a> {
    pub fn start(out: &'a mut dyn Write, summary: &Summary) -> Result<Json<'a>> {
        let head = json!({
            "path": summary.path.display().to_string(),
            "platform": summary.platform,
            "description": summary.platform.describe(),
            "packaging": summary.packaging.to_string(),
        });
        write!(out, "{{\"format\":{head},\"flagged\":[")?;
        Ok(Json { out, first: true })
    }

    fn tail(out: &mut dyn Write, s: &Summary) -> Result<()> {
        let by_category: serde_json::Map<String, serde_json::Value> = Category::ALL
            .iter()
            .map(|&c| {
                let n = s.by_category[cat_index(c)];
                (
                    c.id().to_owned(),
                    json!({"posts": n.iter().sum::<u64>(), "high": n[2], "medium": n[1], "low": n[0]}),
                )
            })
            .collect();
        let problems: Vec<serde_json::Value> = s
            .read
            .problems
            .iter()
            .map(|p| {
                json!({
                    "file": p.file(),
                    "position": p.position().map(|pos| pos.to_string()),
                    "message": p.to_string(),
                })
            })
            .collect();
        let mut by_platform = serde_json::Map::new();
        by_platform.insert(
            s.platform.key().to_owned(),
            json!({"posts_read": s.posts_read(), "posts_scanned": s.screened, "flagged": s.flagged}),
        );
        let tail = json!({
            "posts_read": s.posts_read(),
            "posts_scanned": s.screened,
            "posts_flagged": s.flagged,
            "skipped": s.skipped,
            "options": {
                "min_severity": s.min_severity,
                "include_reposts": s.include_reposts,
                "since": s.since,
                "until": s.until,
            },
            "by_platform": by_platform,
            "by_kind": s.read.counts(),
            "by_severity": {"high": s.by_severity[sev_index(Severity::High)], "medium": s.by_severity[sev_index(Severity::Medium)], "low": s.by_severity[sev_index(Severity::Low)]},
            "by_category": by_category,
            "files": s.read.files,
            "problems": problems,
        });
        // `tail` is an object: splice its members after "flagged".
        let tail = tail.to_string();
        let members = tail
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or_default();
        writeln!(out, "\n],{members}}}")?;
        Ok(())
    }
}

impl Sink for Json<'_> {
    fn flagged(&mut self, f: &Flagged) -> Result<()> {
        let sep = if self.first { "\n" } else { ",\n" };
        self.first = false;
        self.out.write_all(sep.as_bytes())?;
        // As an io::Error, so a closed pipe is recognised and ends the run quietly.
        serde_json::to_writer(&mut *self.out, &FlaggedJson::from(f))
            .map_err(std::io::Error::from)?;
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> Result<()> {
        Json::tail(self.out, summary)
    }
}

/// One row per flagged post.
pub struct Csv<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

const CSV_HEADER: [&str; 13] = [
    "created_at",
    "platform",
    "kind",
    "audience",
    "severity",
    "categories",
    "rules",
    "text",
    "what_was_found",
    "what_to_do",
    "url",
    "id",
    "source",
];

impl<'a> Csv<'a> {
    /// Starts the CSV with its header, so it opens in a spreadsheet even when nothing is flagged.
    pub fn new(out: &'a mut dyn Write) -> Result<Csv<'a>> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(CSV_HEADER).map_err(csv_io)?;
        Ok(Csv { writer })
    }
}

/// The I/O error inside a CSV error, so a closed pipe is recognised and ends the run quietly
/// (csv's own conversion would hide its kind).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (a reply starting
/// `@name` shows as an error, a crafted one runs): such cells get a leading `'`, which
/// spreadsheets show as "this is text".
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn join<'f>(findings: &'f [Finding], part: impl Fn(&'f Finding) -> &'f str) -> String {
    let mut parts: Vec<&str> = findings.iter().map(part).collect();
    parts.dedup();
    parts.join(" | ")
}

impl Sink for Csv<'_> {
    fn flagged(&mut self, f: &Flagged) -> Result<()> {
        let p = &f.post;
        let categories: Vec<&str> = f.categories.iter().map(|c| c.id()).collect();
        self.writer
            .write_record([
                p.created_at
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default()
                    .as_str(),
                p.platform.key(),
                super::kind_label(p.kind),
                super::audience_label(p.audience),
                f.worst.id(),
                &categories.join(";"),
                &join(&f.findings, |x| x.rule),
                &cell(&p.text),
                &cell(&join(&f.findings, |x| x.message.as_str())),
                &cell(&join(&f.findings, |x| x.suggestion.as_str())),
                p.url.as_deref().unwrap_or_default(),
                &cell(&p.id),
                &p.source,
            ])
            .map_err(csv_io)?;
        Ok(())
    }

    fn end(&mut self, _: &Summary) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}
