//! The compose page: write a draft, see what Pause finds as you type. The page itself holds no
//! draft; the script sends the text to `/api/v1/check` and reports only anonymous outcomes.

use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use crate::auth::SignedIn;
use crate::handlers::api::REASONS;
use crate::pages::layout;

/// `GET /`: the compose page (people not signed in are sent to sign in first).
pub async fn home(_who: SignedIn) -> Response {
    Redirect::to("/compose").into_response()
}

/// `GET /compose`.
pub async fn page(who: SignedIn) -> maud::Markup {
    layout(
        "Compose",
        Some(&who),
        &["compose.js"],
        &html! {
            h1 { "Take a moment before you post" }
            p.lede { "Write or paste your post. Pause checks it as you type, here and in memory only: your draft is never stored or logged." }
            div.compose {
                section.editor {
                    label for="draft" { "Your draft" }
                    textarea #draft rows="8" maxlength="20000" spellcheck="true" placeholder="What do you want to say?" {}
                    div #verdict .verdict .empty role="status" aria-live="polite" { "Start typing to check your draft." }
                    div.actions {
                        button #redact type="button" disabled { "Redact identifiers" }
                        button #copy type="button" disabled { "Copy to clipboard" }
                        button #dontpost .secondary type="button" disabled { "I won't post this" }
                    }
                    div #reasons .reasons hidden {
                        p { strong { "Pause suggests waiting. " } "If you post anyway, tell us why (anonymously):" }
                        @for (id, label) in REASONS {
                            label.choice {
                                input type="radio" name="reason" value=(id);
                                " " (label)
                            }
                        }
                        div.actions {
                            button #copyanyway type="button" { "Copy anyway" }
                            button #cancelcopy .secondary type="button" { "Back to editing" }
                        }
                    }
                    p #copied .notice hidden role="status" {}
                    div #concern .concern hidden {
                        h2 { "This sounds like a concern about patient safety" }
                        p { "Posting it publicly can break confidentiality and will not get it fixed. Raise it inside the organisation: with your line manager, another senior manager if you are not comfortable with that, or the Freedom to Speak Up guardian. You are protected when you raise a concern this way." }
                        p {
                            a #raise .button href="/concerns/new" { "Raise it internally" }
                            " "
                            a href="/guidance#raise" { "How to raise a concern" }
                        }
                        p.small { "Your draft goes across with patient identifiers already taken out; you can edit it before you send it." }
                    }
                }
                section.results aria-label="What Pause found" {
                    h2 { "Your draft, marked" }
                    div #marked .marked { }
                    h2 { "What Pause found" }
                    ol #findings .findings { }
                }
            }
        },
    )
}
