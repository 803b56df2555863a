//! The terminal summary: what was found and read, what was flagged, the worst posts, and what
//! could not be read, last, where it is seen.

use std::io::{IsTerminal, Write};
use std::path::Path;

use pause_core::{Category, Severity};

use super::{audience_label, cat_index, kind_label, thousands, Flagged, Sink, Summary};

/// ANSI styling, on only for a terminal without `NO_COLOR`.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::High => "1;31",
            Severity::Medium => "1;33",
            Severity::Low => "36",
        };
        self.wrap(code, s.id())
    }
    /// The risky words inside an excerpt: marked with « » without colour.
    fn span(&self, s: &str) -> String {
        if self.0 {
            format!("\x1b[1;4m{s}\x1b[0m")
        } else {
            format!("«{s}»")
        }
    }
}

/// The summary is written at the end; flagged posts are only counted (in [`Summary`]) as they come.
pub struct Human<'a> {
    out: &'a mut dyn Write,
    report: Option<&'a Path>,
}

impl<'a> Human<'a> {
    pub fn new(out: &'a mut dyn Write, report: Option<&'a Path>) -> Human<'a> {
        Human { out, report }
    }
}

impl Sink for Human<'_> {
    fn flagged(&mut self, _: &Flagged) -> anyhow::Result<()> {
        Ok(())
    }

    fn end(&mut self, summary: &Summary) -> anyhow::Result<()> {
        render(self.out, summary, self.report)?;
        Ok(())
    }
}

fn render(out: &mut dyn Write, s: &Summary, report: Option<&Path>) -> std::io::Result<()> {
    let p = Paint(
        std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    );
    writeln!(out, "{}", p.bold(&format!("Audit of {}", s.path.display())))?;
    writeln!(
        out,
        "Found: {} ({}), {} file{} read.",
        s.platform.describe(),
        s.packaging,
        s.read.files.len(),
        if s.read.files.len() == 1 { "" } else { "s" }
    )?;
    writeln!(out)?;
    read_table(out, s, &p)?;
    writeln!(out)?;
    screened_line(out, s)?;
    writeln!(out)?;
    flagged_table(out, s, &p)?;
    if !s.worst.is_empty() {
        writeln!(out)?;
        worst(out, s, &p)?;
    }
    writeln!(out)?;
    problems(out, s, &p)?;
    if let Some(path) = report {
        writeln!(out)?;
        writeln!(
            out,
            "Report written to {}. It holds your posts and messages: keep it private, and delete it when you are done.",
            path.display()
        )?;
    }
    Ok(())
}

fn read_table(out: &mut dyn Write, s: &Summary, p: &Paint) -> std::io::Result<()> {
    let width = s
        .read
        .files
        .iter()
        .map(|f| f.file.chars().count())
        .max()
        .unwrap_or(0)
        .max(10)
        + 2;
    writeln!(
        out,
        "{}",
        p.bold(&format!(
            "{:<width$} {:>7} {:>8} {:>8} {:>8} {:>8}",
            "Posts read", "own", "replies", "DMs", "reposts", "total"
        ))
    )?;
    let row = |name: &str, c: &pause_archive::KindCounts, note: &str| {
        format!(
            "  {:<w$} {:>7} {:>8} {:>8} {:>8} {:>8}{note}",
            name,
            thousands(c.own),
            thousands(c.reply),
            thousands(c.direct_message),
            thousands(c.repost),
            thousands(c.total()),
            w = width - 2
        )
    };
    for f in &s.read.files {
        let note = if f.complete {
            ""
        } else {
            "  (not read to the end: see below)"
        };
        writeln!(out, "{}", row(&f.file, &f.counts, note))?;
    }
    writeln!(out, "{}", p.bold(&row("total", &s.read.counts(), "")))
}

fn screened_line(out: &mut dyn Write, s: &Summary) -> std::io::Result<()> {
    let read = s.posts_read();
    let mut left = Vec::new();
    if s.skipped.reposts > 0 {
        left.push(format!(
            "{} repost{} (someone else's words; add --include-reposts to screen them)",
            thousands(s.skipped.reposts),
            plural(s.skipped.reposts)
        ));
    }
    if s.skipped.outside_dates > 0 {
        left.push(format!(
            "{} outside the dates asked for",
            thousands(s.skipped.outside_dates)
        ));
    }
    if s.skipped.undated > 0 {
        left.push(format!(
            "{} with no date, which a date filter cannot place",
            thousands(s.skipped.undated)
        ));
    }
    if left.is_empty() {
        writeln!(out, "Screened all {} posts.", thousands(s.screened))
    } else {
        writeln!(
            out,
            "Screened {} of {} posts; left out: {}.",
            thousands(s.screened),
            thousands(read),
            left.join("; ")
        )
    }
}

fn flagged_table(out: &mut dyn Write, s: &Summary, p: &Paint) -> std::io::Result<()> {
    let floor = match s.min_severity {
        Severity::Low => "any finding",
        Severity::Medium => "medium or high",
        Severity::High => "high only",
    };
    if s.flagged == 0 {
        return writeln!(
            out,
            "{}",
            p.bold(&format!(
                "Nothing flagged in {} posts ({floor}).",
                thousands(s.screened)
            ))
        );
    }
    let [low, medium, high] = s.by_severity;
    let mut by = vec![format!("{} high", thousands(high))];
    if s.min_severity <= Severity::Medium {
        by.push(format!("{} medium", thousands(medium)));
    }
    if s.min_severity == Severity::Low {
        by.push(format!("{} low", thousands(low)));
    }
    writeln!(
        out,
        "{}",
        p.bold(&format!(
            "Flagged {} of {} posts ({floor}): {}.",
            thousands(s.flagged),
            thousands(s.screened),
            by.join(", ")
        ))
    )?;
    writeln!(
        out,
        "{}",
        p.bold(&format!(
            "  {:<32} {:>7} {:>7} {:>7} {:>7}",
            "category", "posts", "high", "medium", "low"
        ))
    )?;
    for c in Category::ALL {
        let [low, medium, high] = s.by_category[cat_index(c)];
        let posts = low + medium + high;
        if posts == 0 {
            continue;
        }
        writeln!(
            out,
            "  {:<32} {:>7} {:>7} {:>7} {:>7}",
            c.title(),
            thousands(posts),
            thousands(high),
            thousands(medium),
            thousands(low)
        )?;
    }
    writeln!(
        out,
        "{}",
        p.dim("  (a post with findings in two categories counts in both)")
    )
}

fn worst(out: &mut dyn Write, s: &Summary, p: &Paint) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        p.bold(&format!(
            "Worst first ({} of {}):",
            s.worst.len(),
            thousands(s.flagged)
        ))
    )?;
    for (i, f) in s.worst.iter().enumerate() {
        post(out, i + 1, f, p)?;
    }
    let more = s.flagged.saturating_sub(s.worst.len() as u64);
    if more > 0 {
        writeln!(
            out,
            "  ...and {} more: see them all with --report FILE.html, --format json or --format csv.",
            thousands(more)
        )?;
    }
    Ok(())
}

fn post(out: &mut dyn Write, n: usize, f: &Flagged, p: &Paint) -> std::io::Result<()> {
    let when = f.post.created_at.map_or_else(
        || "undated".to_owned(),
        |t| {
            if t.offset().local_minus_utc() == 0 {
                t.format("%Y-%m-%d %H:%M UTC").to_string()
            } else {
                t.format("%Y-%m-%d %H:%M %:z").to_string()
            }
        },
    );
    writeln!(
        out,
        "  {n:>2}. {:<6} {when} · {} · {}",
        p.severity(f.worst),
        kind_label(f.post.kind),
        audience_label(f.post.audience),
    )?;
    let cats: Vec<&str> = f.categories.iter().map(|c| c.title()).collect();
    writeln!(out, "      {}", cats.join(", "))?;
    let lead = f
        .findings
        .iter()
        .find(|x| x.severity == f.worst)
        .or(f.findings.first());
    if let Some(lead) = lead {
        let (before, span, after) = excerpt(&f.post.text, lead.start, lead.end, 100);
        writeln!(out, "      \"{before}{}{after}\"", p.span(&span))?;
        writeln!(out, "      {}", p.dim(&lead.message))?;
    }
    match &f.post.url {
        Some(url) => writeln!(out, "      {url}")?,
        None => writeln!(
            out,
            "      {}",
            p.dim(&format!("{} in {}", f.post.id, f.post.source))
        )?,
    }
    Ok(())
}

fn problems(out: &mut dyn Write, s: &Summary, p: &Paint) -> std::io::Result<()> {
    if s.read.problems.is_empty() {
        return writeln!(out, "Every file was read to the end.");
    }
    writeln!(
        out,
        "{}",
        p.bold(&format!(
            "Could not read ({}): the rest of the export was still audited.",
            s.read.problems.len()
        ))
    )?;
    for problem in &s.read.problems {
        // The message names the file and position; keep continuation lines indented.
        let text = problem.to_string().replace('\n', "\n    ");
        writeln!(out, "  - {text}")?;
    }
    writeln!(
        out,
        "hint: download the export again if it was cut short; posts in the parts listed were not screened"
    )
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A one-line excerpt of `text` around the byte span `start..end`, at most about `width`
/// characters: (before, the span, after), whitespace folded, `…` where cut.
pub fn excerpt(text: &str, start: usize, end: usize, width: usize) -> (String, String, String) {
    let start = floor_boundary(text, start.min(text.len()));
    let end = floor_boundary(text, end.clamp(start, text.len()));
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut span = fold(&text[start..end]);
    if span.chars().count() > width / 2 {
        span = span.chars().take(width / 2).collect::<String>() + "…";
    }
    let room = width.saturating_sub(span.chars().count());
    let before_all = fold(&text[..start]);
    let after_all = fold(&text[end..]);
    let want_before = (room / 3).max(room.saturating_sub(after_all.chars().count()));
    let before_n = before_all.chars().count();
    let mut before: String = if before_n > want_before {
        let skip = before_n - want_before;
        let tail: String = before_all.chars().skip(skip + 1).collect();
        // Start at a word, unless that would leave nothing.
        let tail = match tail.split_once(' ') {
            Some((_, rest)) if !rest.is_empty() => rest.to_owned(),
            _ => tail,
        };
        format!("…{tail}")
    } else {
        before_all
    };
    if text[..start].ends_with(char::is_whitespace) && !before.is_empty() {
        before.push(' ');
    }
    let room = room.saturating_sub(before.chars().count());
    let mut after = String::new();
    if text[end..].starts_with(char::is_whitespace) && !after_all.is_empty() {
        after.push(' ');
    }
    if after_all.chars().count() > room {
        let cut: String = after_all.chars().take(room.saturating_sub(1)).collect();
        // End at a word, unless that would leave nothing.
        match cut.rsplit_once(' ') {
            Some((head, _)) if !head.is_empty() => after.push_str(head),
            _ => after.push_str(&cut),
        }
        after.push('…');
    } else {
        after.push_str(&after_all);
    }
    (before, span, after)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpt_keeps_the_span_and_cuts_around_it() {
        let text = "Bed 4 Mrs Dorothy Pembleton is the most difficult patient";
        let (b, s, a) = excerpt(text, 6, 27, 100);
        assert_eq!(
            (b.as_str(), s.as_str()),
            ("Bed 4 ", "Mrs Dorothy Pembleton")
        );
        assert_eq!(a, " is the most difficult patient");

        let long = format!(
            "{} NHS 943 476 5919 {}",
            "word ".repeat(50),
            "tail ".repeat(50)
        );
        let at = long.find("943").unwrap();
        let (b, s, a) = excerpt(&long, at, at + 12, 60);
        assert_eq!(s, "943 476 5919");
        assert!(b.starts_with('…') && a.ends_with('…'), "{b}|{a}");
        assert!(b.chars().count() + s.chars().count() + a.chars().count() <= 62);
    }

    #[test]
    fn excerpt_never_splits_a_character() {
        let text = "😀😀 risky 😀😀";
        // Spans inside a four-byte emoji are moved to a boundary rather than panicking.
        let (b, s, a) = excerpt(text, 2, 13, 40);
        assert_eq!(format!("{b}{s}{a}").replace(' ', ""), text.replace(' ', ""));
    }
}
