//! Signing in and out.

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use pause_store::SessionRecord;
use serde::Deserialize;

use crate::auth::{self, MaybeSignedIn, SignedIn, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use crate::error::AppError;
use crate::pages::layout;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths are followed after signing in.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/compose",
    }
}

fn login_form(next: &str, csrf: &str, email: &str, error: Option<&str>) -> maud::Markup {
    layout(
        "Sign in",
        None,
        &[],
        &html! {
            section.narrow {
                h1 { "Sign in" }
                p { "Pause helps you take a moment before you post. Sign in with the account your organisation gave you." }
                @if let Some(error) = error { p.error role="alert" { (error) } }
                form method="post" action="/login" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="next" value=(next);
                    label for="email" { "E-mail" }
                    input #email type="email" name="email" autocomplete="username" required value=(email);
                    label for="password" { "Password" }
                    input #password type="password" name="password" autocomplete="current-password" required;
                    button type="submit" { "Sign in" }
                }
                p.small {
                    "Worried about something at work? You can "
                    a href="/speak-up" { "raise a concern" }
                    ", anonymously if you prefer, without signing in."
                }
            }
        },
    )
}

fn with_login_cookie(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    page: maud::Markup,
    csrf: &str,
) -> Response {
    let cookie = auth::set_cookie(LOGIN_CSRF_COOKIE, csrf, 3600, auth::secure(state, headers));
    (status, [(header::SET_COOKIE, cookie)], page).into_response()
}

/// `GET /login`.
pub async fn login_page(
    State(state): State<AppState>,
    MaybeSignedIn(who): MaybeSignedIn,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let next = safe_next(q.next.as_deref());
    if who.is_some() {
        return Redirect::to(next).into_response();
    }
    let csrf = auth::random_token();
    with_login_cookie(
        &state,
        &headers,
        StatusCode::OK,
        login_form(next, &csrf, "", None),
        &csrf,
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /login`: checks the double-submit token and the rate limits, then the password.
///
/// # Errors
/// 403 for a forged form, 429 when rate limited; a wrong password re-shows the form (401).
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let cookie_token = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if cookie_token.is_empty() || !auth::same(cookie_token, &form.csrf) {
        return Err(AppError::Csrf);
    }
    let cfg = &state.config;
    let now = crate::now();
    let window = now - now.rem_euclid(cfg.login_window);
    let email = auth::normalise_email(&form.email).unwrap_or_else(|_| form.email.clone());
    let account_key = format!("login:account:{}", auth::sha256_hex(&email));
    let address_key = format!("login:address:{}", peer.ip());
    // At most this long: failures count in this window and the next.
    let retry_minutes = (window + 2 * cfg.login_window - now + 59) / 60;
    // Failures in this window and the one before count, so the limit does not reset at a
    // window's edge.
    let hits = |key: String| {
        let store = state.store.clone();
        let previous = window - cfg.login_window;
        async move {
            Ok::<i64, pause_store::StoreError>(
                store.rate_hits(&key, window).await? + store.rate_hits(&key, previous).await?,
            )
        }
    };
    if hits(account_key.clone()).await? >= cfg.login_limit_per_account
        || hits(address_key.clone()).await? >= cfg.login_limit_per_address
    {
        tracing::warn!("sign-in refused: rate limit");
        return Err(AppError::TooManyRequests(retry_minutes));
    }
    let user = state.store.user_by_email(&email).await?;
    let phc = user.as_ref().map_or_else(
        || auth::dummy_hash().to_string(),
        |u| u.password_hash.clone(),
    );
    let password = form.password;
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &phc))
        .await
        .map_err(|e| anyhow::anyhow!("password check panicked: {e}"))?;
    let Some(user) = user.filter(|_| ok) else {
        state.store.rate_hit(&account_key, window).await?;
        state.store.rate_hit(&address_key, window).await?;
        tracing::info!("sign-in failed");
        let csrf = auth::random_token();
        return Ok(with_login_cookie(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            login_form(
                safe_next(form.next.as_deref()),
                &csrf,
                &form.email,
                Some("That e-mail and password do not match an account."),
            ),
            &csrf,
        ));
    };
    let token = auth::random_token();
    state
        .store
        .create_session(&SessionRecord {
            token_hash: auth::sha256_hex(&token),
            user_id: user.id,
            csrf_token: auth::random_token(),
            created_at: now,
            expires_at: now + cfg.session_ttl.min(cfg.session_idle),
        })
        .await?;
    tracing::info!(user = user.id, "signed in");
    let secure = auth::secure(&state, &headers);
    let mut res = Redirect::to(safe_next(form.next.as_deref())).into_response();
    let h = res.headers_mut();
    for c in [
        auth::set_cookie(SESSION_COOKIE, &token, cfg.session_ttl, secure),
        auth::set_cookie(LOGIN_CSRF_COOKIE, "", 0, secure),
    ] {
        if let Ok(v) = c.parse() {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `POST /logout`: ends the session everywhere (it is deleted from the store).
///
/// # Errors
/// 401 without a session, 403 without its CSRF token.
pub async fn logout(
    State(state): State<AppState>,
    who: SignedIn,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    who.check_csrf(&form.csrf)?;
    state.store.delete_session(&who.session.token_hash).await?;
    let cookie = auth::set_cookie(SESSION_COOKIE, "", 0, auth::secure(&state, &headers));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response())
}
