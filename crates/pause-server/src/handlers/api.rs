//! The JSON API: `POST /api/v1/check`, `POST /api/v1/outcomes`, `GET /api/v1/openapi.json`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use pause_core::Category;
use pause_store::UsageKey;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;

/// `axum::Json`, with its rejections turned into [`AppError`]s that say what was wrong.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
                    "send the body as JSON with `Content-Type: application/json`".into(),
                ),
                JsonRejection::JsonSyntaxError(e) => {
                    AppError::BadRequest(format!("the body is not valid JSON: {}", inner(&e)))
                }
                JsonRejection::JsonDataError(e) => {
                    AppError::Unprocessable(format!("the JSON does not fit: {}", inner(&e)))
                }
                JsonRejection::BytesRejection(e) if e.status().as_u16() == 413 => {
                    AppError::PayloadTooLarge
                }
                other => AppError::BadRequest(format!("the body could not be read: {other}")),
            }),
        }
    }
}

/// The innermost message of a rejection (serde's, with line and column).
fn inner(e: &dyn std::error::Error) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The body of `POST /api/v1/check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub text: String,
    /// Time of posting, RFC 3339 (late-night posting is a signal).
    #[serde(default)]
    pub at: Option<String>,
}

/// Drafts above this size are checked on a blocking thread so they never stall others.
const LARGE_DRAFT: usize = 16 * 1024;

/// `POST /api/v1/check`: exactly what `pause check --format json` prints, under the policy in
/// force (its version in the `Pause-Policy-Version` header).
///
/// # Errors
/// 400/415/422 for bodies that are not a check request, 413 above 64 KB.
#[tracing::instrument(skip_all)]
pub async fn check(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Response, AppError> {
    let at = match req.at.as_deref() {
        None | Some("") => None,
        Some(s) => Some(DateTime::<FixedOffset>::parse_from_rfc3339(s).map_err(|e| {
            AppError::Unprocessable(format!(
                "field `at`: {e}; expected RFC 3339, e.g. 2026-03-01T03:12:00Z"
            ))
        })?),
    };
    let loaded = state.engines.current().await?;
    let body = if req.text.len() > LARGE_DRAFT {
        let loaded = loaded.clone();
        tokio::task::spawn_blocking(move || serde_json::to_vec(&loaded.engine.check(&req.text, at)))
            .await
            .map_err(|e| anyhow::anyhow!("the check panicked: {e}"))?
    } else {
        serde_json::to_vec(&loaded.engine.check(&req.text, at))
    }
    .map_err(|e| anyhow::anyhow!("serialising the report: {e}"))?;
    let mut res = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    let version = loaded.version.unwrap_or(0).to_string();
    if let Ok(v) = HeaderValue::from_str(&version) {
        res.headers_mut().insert("pause-policy-version", v);
    }
    Ok(res)
}

/// Why someone posted although the verdict was "pause" (the choices the compose page offers).
pub const REASONS: &[(&str, &str)] = &[
    ("checked", "I have thought about it and it is fine"),
    ("consent", "I have consent or permission"),
    ("already-public", "It is already public"),
    ("false-alarm", "The finding is wrong"),
    ("other", "Another reason"),
];

/// The body of `POST /api/v1/outcomes`: what became of a draft, without the draft.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    /// `pause` or `post`: the verdict when the person finished.
    pub verdict: String,
    /// The rule ids of the findings (medium and high).
    #[serde(default)]
    pub rules: Vec<String>,
    /// Whether the person copied the draft to post it.
    pub went_ahead: bool,
    /// One of [`REASONS`] when going ahead despite "pause".
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/outcomes` (signed in, `X-CSRF-Token`): adds one to the anonymous counters.
///
/// # Errors
/// 401 without a session, 403 without the CSRF token, 422 for unknown rules or reasons.
#[tracing::instrument(skip_all)]
pub async fn outcome(
    State(state): State<AppState>,
    who: SignedIn,
    headers: HeaderMap,
    ApiJson(req): ApiJson<OutcomeRequest>,
) -> Result<Response, AppError> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    who.check_csrf(token)?;
    // Nothing about the person goes further than this line.
    drop(who);
    record(
        &state,
        &req.verdict,
        &req.rules,
        &[],
        req.went_ahead,
        req.reason.as_deref(),
        false,
    )
    .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// Validates one outcome and adds one to each of its anonymous counters (the draft, each
/// category, each rule) for this week. `loose_reason`: a reason that is not one of [`REASONS`]
/// is counted as `other` (the extension asks for a free one-word reason, which could name
/// someone, so it is never stored) instead of being refused.
async fn record(
    state: &AppState,
    verdict: &str,
    rule_ids: &[String],
    category_ids: &[String],
    went_ahead: bool,
    reason: Option<&str>,
    loose_reason: bool,
) -> Result<(), AppError> {
    let verdict: &'static str = match verdict {
        "pause" => "pause",
        "post" => "post",
        other => {
            return Err(AppError::Unprocessable(format!(
                "field `verdict`: `{other}` is neither `pause` nor `post`"
            )))
        }
    };
    let reason = match (reason, went_ahead && verdict == "pause") {
        (Some(r), true) if REASONS.iter().any(|(id, _)| *id == r) => r.to_string(),
        (Some(""), true) | (None, true) => "unstated".into(),
        (Some(_), true) if loose_reason => "other".into(),
        (Some(r), true) => {
            return Err(AppError::Unprocessable(format!(
                "field `reason`: `{r}` is not one of the offered reasons"
            )))
        }
        (_, false) => String::new(),
    };
    if rule_ids.len() > 64 || category_ids.len() > 64 {
        return Err(AppError::Unprocessable(
            "field `rules` or `categories`: too many".into(),
        ));
    }
    let mut rules: Vec<&'static pause_core::Rule> = Vec::new();
    for id in rule_ids {
        let rule = pause_core::rules::find(id).ok_or_else(|| {
            AppError::Unprocessable(format!("field `rules`: no rule named `{id}`"))
        })?;
        if !rules.iter().any(|r| r.id == rule.id) {
            rules.push(rule);
        }
    }
    let mut categories: Vec<Category> = rules.iter().map(|r| r.category).collect();
    for id in category_ids {
        let c = Category::from_id(id).ok_or_else(|| {
            AppError::Unprocessable(format!("field `categories`: no category named `{id}`"))
        })?;
        categories.push(c);
    }
    categories.sort();
    categories.dedup();
    let week_start = pause_store::week_start(crate::now());
    let key = |kind: &'static str, key: &str| UsageKey {
        week_start,
        kind,
        key: key.to_string(),
        verdict,
        went_ahead,
        reason: reason.clone(),
    };
    let mut keys = vec![key("draft", "")];
    keys.extend(categories.iter().map(|c| key("category", c.id())));
    keys.extend(rules.iter().map(|r| key("rule", r.id)));
    state.store.record_usage(&keys).await?;
    Ok(())
}

/// The body of `POST /api/v1/events`: the browser extension's "post anyway" count.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRequest {
    /// `pause` or `post`.
    pub verdict: String,
    /// Rule ids.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Category ids (those of the rules are added anyway).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Whether the person posted.
    pub went_ahead: bool,
    /// One of [`REASONS`]; any other word is counted as `other`, never stored.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/events` (anyone, JSON only, rate limited per address: 300 per 15 minutes): the browser
/// extension's anonymous counts, recorded exactly like the compose page's outcomes. Cookies are
/// ignored: nothing about who sent it is read. Only `Content-Type: application/json` is
/// accepted, which a cross-site form cannot send, and no CORS headers are given, so a web page
/// cannot send it from a browser either; the extension can (it holds the host permission).
///
/// # Errors
/// 415 without JSON, 400/422 for bodies that do not fit, 429 over the rate limit.
#[tracing::instrument(skip_all)]
pub async fn event(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<EventRequest>,
) -> Result<Response, AppError> {
    let window_len = state.config.login_window;
    let now = crate::now();
    let window = now - now.rem_euclid(window_len);
    let key = format!("events:address:{}", peer.ip());
    if state.store.rate_hits(&key, window).await? >= state.config.events_limit_per_address {
        return Err(AppError::TooManyRequests(
            (window + window_len - now + 59) / 60,
        ));
    }
    state.store.rate_hit(&key, window).await?;
    record(
        &state,
        &req.verdict,
        &req.rules,
        &req.categories,
        req.went_ahead,
        req.reason.as_deref(),
        true,
    )
    .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/policy` (signed in): the policy in force as the TOML that `pause check
/// --policy` reads (its version in `Pause-Policy-Version`), for the browser extension's options
/// page, which fetches it with the person's session (it may hold codenames, so not for anyone).
///
/// # Errors
/// 401 without a session.
#[tracing::instrument(skip_all)]
pub async fn policy(State(state): State<AppState>, _who: SignedIn) -> Result<Response, AppError> {
    let (id, text, _) = crate::handlers::policy::in_force(&state).await?;
    let mut res = ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    if let Ok(v) = HeaderValue::from_str(&id.to_string()) {
        res.headers_mut().insert("pause-policy-version", v);
    }
    Ok(res)
}

/// The OpenAPI 3 document describing the API.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        OPENAPI,
    )
        .into_response()
}
