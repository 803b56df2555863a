//! Guidance pages, generated from the rule catalogue (the same docs as `pause explain`) and the
//! organisation's own policy.

use axum::extract::{Path, State};
use maud::{html, Markup};
use pause_core::{Category, Policy, RULES};

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::layout;
use crate::state::AppState;

/// One line about each category, for the index.
fn summary(c: Category) -> &'static str {
    match c {
        Category::PatientConfidentiality => {
            "Names, numbers, photos and details that identify a patient, alone or together."
        }
        Category::ConfidentialInformation => {
            "Internal documents, unannounced decisions, prices, passwords and embargoed news."
        }
        Category::OrganisationReputation => {
            "Public criticism of your employer, and concerns that belong inside the organisation."
        }
        Category::Defamation => {
            "Allegations about identifiable people or companies that you could not prove."
        }
        Category::BullyingHarassment => {
            "Insults, threats, shaming and discriminatory remarks aimed at people."
        }
        Category::HeatOfTheMoment => "Anger, shouting and late-night posting: moments to wait.",
        Category::ProfessionalBoundaries => {
            "Friendships with patients, clinical advice in public, endorsements, drinking."
        }
    }
}

/// A rule id as a heading: `nhs-number` -> "NHS number".
fn rule_title(id: &str) -> String {
    let words: Vec<String> = id
        .split('-')
        .enumerate()
        .map(|(i, w)| match w {
            "nhs" => "NHS".to_string(),
            _ if i == 0 => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
            _ => w.to_string(),
        })
        .collect();
    words.join(" ")
}

/// What the organisation's policy says about a category, for its page.
#[allow(clippy::collapsible_match)] // maud's `@match` arms with `@if` inside are clearer as written
fn organisation_rules(c: Category, p: &Policy) -> Markup {
    let org = &p.organisation;
    let names: Vec<&String> = std::iter::once(&org.name)
        .filter(|n| !n.is_empty())
        .chain(&org.aliases)
        .chain(&org.handles)
        .collect();
    let list = |items: &[&String]| -> Markup {
        html! { ul { @for i in items { li { (i) } } } }
    };
    let setting = p.rules.get(c.id());
    html! {
        @match c {
            Category::OrganisationReputation => {
                @if names.is_empty() {
                    p { "Your organisation has not listed its names yet, so Pause looks for phrases like \"our trust\" and \"my hospital\"." }
                } @else {
                    p { "Pause recognises your organisation by these names:" }
                    (list(&names))
                }
            }
            Category::Defamation => {
                @if !p.suppliers.names.is_empty() {
                    p { "Suppliers your organisation works with (accusations against them are a particular risk):" }
                    (list(&p.suppliers.names.iter().collect::<Vec<_>>()))
                }
            }
            Category::ConfidentialInformation => {
                @if !p.confidential.terms.is_empty() {
                    p { "Terms your organisation treats as confidential: never mention them in public." }
                    (list(&p.confidential.terms.iter().collect::<Vec<_>>()))
                }
            }
            Category::PatientConfidentiality => {
                @if !org.public_contacts.is_empty() {
                    p { "These public contact details of your organisation are fine to share:" }
                    (list(&org.public_contacts.iter().collect::<Vec<_>>()))
                }
            }
            _ => {}
        }
        @if !has_specific(c, p) {
            p { "Your organisation has added nothing specific to this category: the guidance below applies as it stands." }
        }
        @if let Some(s) = setting {
            @if s.enabled == Some(false) {
                p.notice { "Your organisation has turned this category off." }
            } @else if let Some(sev) = s.severity {
                p.notice { "Your organisation grades every finding in this category as " strong { (sev.id()) } "." }
            }
        }
    }
}

/// Whether the policy says anything specific about this category.
fn has_specific(c: Category, p: &Policy) -> bool {
    p.rules.contains_key(c.id())
        || match c {
            Category::OrganisationReputation => true,
            Category::Defamation => !p.suppliers.names.is_empty(),
            Category::ConfidentialInformation => !p.confidential.terms.is_empty(),
            Category::PatientConfidentiality => !p.organisation.public_contacts.is_empty(),
            _ => false,
        }
}

/// `GET /guidance`.
///
/// # Errors
/// When the policy in force cannot be loaded.
pub async fn index(State(state): State<AppState>, who: SignedIn) -> Result<Markup, AppError> {
    let loaded = state.engines.current().await?;
    let org = if loaded.policy.organisation.name.is_empty() {
        "your organisation".to_string()
    } else {
        loaded.policy.organisation.name.clone()
    };
    let content = html! {
        h1 { "Guidance" }
        p.lede { "Social media is a good place for healthcare staff: to share what you know, celebrate your team and support each other. These pages explain the few things that end careers or hurt people, and what to do instead. They follow the GPhC, NMC, GMC and HCPC guidance and " (org) "'s policy." }
        ul.scenarios {
            @for c in Category::ALL {
                li {
                    a href=(format!("/guidance/{}", c.id())) { (c.title()) }
                    span.muted { (summary(c)) }
                }
            }
        }
        section.card #raise {
            h2 { "Raising a concern instead of posting" }
            p { "If something at work worries you, especially about patient safety, you are encouraged to raise it, and protected when you do. Posting it publicly rarely gets it fixed and can breach patients' confidentiality." }
            ol {
                li { "Talk to your line manager." }
                li { "If you are not comfortable with that, or nothing happens, go to another senior manager or your head of service." }
                li { "You can always go to the Freedom to Speak Up guardian, in confidence." }
            }
            p { "A manager who cannot resolve a concern passes it on, and you should hear what is being done about it." }
        }
    };
    Ok(layout("Guidance", Some(&who), &[], &content))
}

/// `GET /guidance/{category}`: every rule of the category with its example and rewrite.
///
/// # Errors
/// 404 for an unknown category.
pub async fn category(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let c = Category::from_id(&id).ok_or(AppError::NotFound)?;
    let loaded = state.engines.current().await?;
    let policy = &loaded.policy;
    let content = html! {
        p { a href="/guidance" { "← All guidance" } }
        h1 { (c.title()) }
        p.lede { (summary(c)) }
        section.card {
            h2 { "Your organisation's rules" }
            (organisation_rules(c, policy))
            p.muted { "Questions about the policy: ask your communications team." }
        }
        @for r in RULES.iter().filter(|r| r.category == c) {
            @let off = policy.rules.get(r.id).is_some_and(|s| s.enabled == Some(false));
            section.card id=(r.id) {
                h2 { (rule_title(r.id)) }
                p.muted { code { (r.id) } " · " (r.severity.id()) @if off { " · turned off by your organisation" } }
                p { (r.docs.what) }
                p { strong { "Why it matters. " } (r.docs.why) }
                div.grid2 {
                    div { p { strong { "For example" } } div.scenario-draft { (r.docs.example) } }
                    div { p { strong { "Instead" } } div.scenario-draft { (r.docs.rewrite) } }
                }
                p { strong { "What to do. " } (r.suggestion) }
                p.hint { (r.policy) }
            }
        }
    };
    Ok(layout(c.title(), Some(&who), &[], &content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_read_as_headings() {
        assert_eq!(rule_title("nhs-number"), "NHS number");
        assert_eq!(rule_title("patient-name"), "Patient name");
        assert_eq!(rule_title("late-night"), "Late night");
    }
}
