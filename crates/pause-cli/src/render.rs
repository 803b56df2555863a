//! Human output: each finding as a compiler-style diagnostic against the draft (rendered by
//! annotate-snippets, the renderer rustc uses), then a verdict line.

use std::io::{IsTerminal, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use pause_core::{Report, Severity, Verdict, RULES};

use crate::input::Draft;

fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Renders a report for people.
pub fn human(out: &mut impl Write, draft: &Draft, report: &Report) -> std::io::Result<()> {
    let renderer = if colour() {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode);
    for f in &report.findings {
        let level = match f.severity {
            Severity::High => Level::ERROR.with_name("high"),
            Severity::Medium => Level::WARNING.with_name("medium"),
            Severity::Low => Level::INFO.with_name("low"),
        };
        let group = level
            .primary_title(f.message.as_str())
            .id(f.rule)
            .element(
                Snippet::source(draft.text.as_str())
                    .path(draft.origin.as_str())
                    .annotation(
                        AnnotationKind::Primary
                            .span(f.start..f.end)
                            .label(f.category.id()),
                    ),
            )
            .element(Level::NOTE.with_name("why").message(f.why))
            .element(Level::NOTE.with_name("policy").message(f.policy))
            .element(
                Level::HELP
                    .with_name("instead")
                    .message(f.suggestion.as_str()),
            );
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    if report.raise_concern {
        writeln!(
            out,
            "This reads as a patient-safety concern. Raise it where it can be fixed and where you are protected: your line manager, another senior manager, or your Freedom to Speak Up guardian.\n"
        )?;
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    match report.verdict {
        Verdict::Pause => writeln!(
            out,
            "pause: {} high, {} medium, {} low. Take a moment before you post.",
            count(Severity::High),
            count(Severity::Medium),
            count(Severity::Low)
        ),
        Verdict::Post if report.findings.is_empty() => {
            writeln!(out, "post: nothing found. Fine to post.")
        }
        Verdict::Post => writeln!(
            out,
            "post: {} gentle reminder(s) above; fine to post.",
            report.findings.len()
        ),
    }
}

/// Lists the rules.
pub fn rules(out: &mut impl Write, json: bool) -> std::io::Result<()> {
    if json {
        let rows: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "category": r.category, "severity": r.severity,
                    "policy": r.policy, "what": r.docs.what, "why": r.docs.why,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    writeln!(
        out,
        "{:<24} {:<26} {:<8} POLICY",
        "RULE", "CATEGORY", "SEVERITY"
    )?;
    for r in RULES {
        let clause = r.policy.split(" (").next().unwrap_or(r.policy);
        writeln!(
            out,
            "{:<24} {:<26} {:<8} {}",
            r.id,
            r.category.id(),
            r.severity.id(),
            clause
        )?;
    }
    writeln!(
        out,
        "\n{} rules. `pause explain RULE` says more about one.",
        RULES.len()
    )
}
