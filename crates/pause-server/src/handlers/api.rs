//! The JSON API: `POST /api/v1/check`, `POST /api/v1/outcomes`, `GET /api/v1/openapi.json`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request, State};
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
    let verdict: &'static str = match req.verdict.as_str() {
        "pause" => "pause",
        "post" => "post",
        other => {
            return Err(AppError::Unprocessable(format!(
                "field `verdict`: `{other}` is neither `pause` nor `post`"
            )))
        }
    };
    let reason = match (&req.reason, req.went_ahead && verdict == "pause") {
        (Some(r), true) if REASONS.iter().any(|(id, _)| id == r) => r.clone(),
        (Some(r), true) => {
            return Err(AppError::Unprocessable(format!(
                "field `reason`: `{r}` is not one of the offered reasons"
            )))
        }
        (None, true) => "unstated".into(),
        (_, false) => String::new(),
    };
    if req.rules.len() > 64 {
        return Err(AppError::Unprocessable("field `rules`: too many".into()));
    }
    let mut rules: Vec<&'static pause_core::Rule> = Vec::new();
    for id in &req.rules {
        let rule = pause_core::rules::find(id).ok_or_else(|| {
            AppError::Unprocessable(format!("field `rules`: no rule named `{id}`"))
        })?;
        if !rules.iter().any(|r| r.id == rule.id) {
            rules.push(rule);
        }
    }
    let mut categories: Vec<Category> = rules.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    let week_start = pause_store::week_start(crate::now());
    let key = |kind: &'static str, key: &str| UsageKey {
        week_start,
        kind,
        key: key.to_string(),
        verdict,
        went_ahead: req.went_ahead,
        reason: reason.clone(),
    };
    let mut keys = vec![key("draft", "")];
    keys.extend(categories.iter().map(|c| key("category", c.id())));
    keys.extend(rules.iter().map(|r| key("rule", r.id)));
    state.store.record_usage(&keys).await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
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
