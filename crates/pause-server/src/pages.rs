//! The page layout and small rendering helpers shared by the HTML handlers (maud escapes
//! everything interpolated).

use axum::http::StatusCode;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use pause_store::Role;

use crate::auth::SignedIn;

/// A whole page: header with the navigation this person may use, the content, the footer.
#[must_use]
pub fn layout(title: &str, who: Option<&SignedIn>, scripts: &[&str], content: &Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(who) = who {
                    meta name="csrf-token" content=(who.csrf());
                }
                title { (title) " · Pause" }
                link rel="stylesheet" href="/static/app.css";
                link rel="icon" href="/static/icon.svg" type="image/svg+xml";
                @for s in scripts {
                    script src=(format!("/static/{s}")) defer {}
                }
            }
            body {
                header.top {
                    a.brand href="/" { "Pause" }
                    @if let Some(who) = who {
                        nav aria-label="Main" {
                            a href="/compose" { "Compose" }
                            a href="/guidance" { "Guidance" }
                            a href="/training" { "Training" }
                            a href="/speak-up" { "Speak up" }
                            a href="/notifications" { "Notifications" }
                            @if who.user.role.manages_people() {
                                a href="/training/team" { "My team" }
                            }
                            @if matches!(who.user.role, Role::Comms | Role::Admin) {
                                a href="/policy" { "Policy" }
                            }
                            @if matches!(who.user.role, Role::Comms | Role::HeadOfService | Role::Admin) {
                                a href="/insight" { "Insight" }
                            }
                            @if matches!(who.user.role, Role::SpeakUpGuardian | Role::HeadOfService) {
                                a href="/speak-up/oversight" { "Oversight" }
                            }
                            @if who.user.role == Role::Admin {
                                a href="/org" { "Org chart" }
                            }
                        }
                        form.signout method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(who.csrf());
                            span.who { (who.user.email) }
                            button.link type="submit" { "Sign out" }
                        }
                    }
                }
                main { (content) }
                footer {
                    p { "Pause checks drafts in memory and never stores or logs them. Only anonymous counts are kept." }
                }
            }
        }
    }
}

/// An error page.
#[must_use]
pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = status.canonical_reason().unwrap_or("Error");
    layout(
        title,
        None,
        &[],
        &html! {
            h1 { (title) }
            p.error { (message) }
            p { a href="/" { "Back to Pause" } }
        },
    )
}

/// Percent-encodes everything but unreserved characters (for `?next=`).
#[must_use]
pub fn url_encode(s: &str) -> String {
    use std::fmt::Write;
    s.bytes().fold(String::new(), |mut out, b| {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        out
    })
}

/// A Unix time as `2026-11-28 14:05 UTC`.
#[must_use]
pub fn when(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0).map_or_else(
        || unix.to_string(),
        |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// A Unix time as a date, `2026-11-23`.
#[must_use]
pub fn date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map_or_else(|| unix.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

/// The draft with each finding's span marked, for server-rendered pages (training).
#[must_use]
pub fn marked(text: &str, report: &pause_core::Report) -> Markup {
    // As on the compose page: whole-draft findings are not marked; the narrower of two
    // overlapping spans is.
    let mut spans: Vec<&pause_core::Finding> = report
        .findings
        .iter()
        .filter(|f| f.start < f.end && f.end <= text.len())
        .filter(|f| text.is_char_boundary(f.start) && text.is_char_boundary(f.end))
        .filter(|f| !(f.start == 0 && f.end >= text.trim_end().len()))
        .collect();
    spans.sort_by_key(|f| f.end - f.start);
    let mut chosen: Vec<&pause_core::Finding> = Vec::new();
    for f in spans {
        if chosen.iter().all(|c| f.end <= c.start || f.start >= c.end) {
            chosen.push(f);
        }
    }
    chosen.sort_by_key(|f| f.start);
    let mut pos = 0;
    let mut parts: Vec<(bool, &str, &str)> = Vec::new();
    for f in chosen {
        parts.push((false, &text[pos..f.start], ""));
        parts.push((true, &text[f.start..f.end], f.severity.id()));
        pos = f.end;
    }
    parts.push((false, &text[pos..], ""));
    html! {
        @for (mark, s, sev) in parts {
            @if mark { mark class=(format!("sev-{sev}")) { (s) } } @else { (s) }
        }
    }
}

/// The findings of a report as a list (why, what to do, the policy clause).
#[must_use]
pub fn findings_list(report: &pause_core::Report) -> Markup {
    html! {
        @if report.findings.is_empty() {
            p.fine { "Nothing found." }
        } @else {
            ol.findings {
                @for f in &report.findings {
                    li class=(format!("finding sev-{}", f.severity.id())) {
                        p.head {
                            span.badge { (f.severity.id()) }
                            " " strong { (f.category.title()) } " · " code { (f.rule) }
                        }
                        p { (f.message) }
                        p.why { strong { "Why it matters: " } (f.why) }
                        p.todo { strong { "What to do: " } (f.suggestion) }
                        p.clause { (f.policy) }
                    }
                }
            }
        }
    }
}

/// Inline text that maud must not escape (only ever constants of this crate).
#[must_use]
pub fn trusted(s: &'static str) -> PreEscaped<&'static str> {
    PreEscaped(s)
}
