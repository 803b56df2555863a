//! Every route of the service, in one function, and the layers around them.

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::error::AppError;
use crate::handlers::{
    api, compose, concerns, guidance, health, insight, org, oversight, policy, session, training,
};
use crate::speakup::files::UPLOAD_BODY_LIMIT;
use crate::state::AppState;
use crate::{assets, error};

/// The largest request body accepted: drafts are short, and so are policy files.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Every route. Who may use each is written beside it (and tested for every role in
/// `tests/access.rs`).
pub fn router(state: AppState) -> Router {
    Router::new()
        // Anyone (load balancers, the browser extension, scripts).
        .route("/healthz", get(health::healthz))
        .route("/api/v1/check", post(api::check))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/events", post(api::event))
        .route("/static/{file}", get(assets::serve))
        .route("/login", get(session::login_page).post(session::login))
        // Speaking up: anyone, signed in or not (anonymous concerns need no account); open and
        // confidential concerns need a session, checked in the handler.
        .route("/api/v1/concerns", post(concerns::api_raise))
        .route(
            "/api/v1/concerns/receipt/{receipt}",
            get(concerns::api_receipt),
        )
        .route(
            "/api/v1/concerns/receipt/{receipt}/messages",
            post(concerns::api_receipt_message),
        )
        .route("/speak-up", get(concerns::landing))
        .route(
            "/concerns/new",
            get(concerns::new_page).post(concerns::new_submit),
        )
        .route(
            "/concerns/follow",
            get(concerns::follow_page).post(concerns::follow),
        )
        .route("/concerns/follow/write", post(concerns::follow_write))
        .route(
            "/concerns/follow/files",
            post(concerns::follow_upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/concerns/follow/download", post(concerns::follow_download))
        // Anyone signed in.
        .route("/", get(compose::home))
        .route("/logout", post(session::logout))
        .route("/compose", get(compose::page))
        .route("/api/v1/outcomes", post(api::outcome))
        .route("/api/v1/policy", get(api::policy))
        .route("/guidance", get(guidance::index))
        // A case: its raiser, its handler chain and the speak-up guardian (everyone else: 404).
        .route("/concerns/{id}", get(concerns::case_page))
        .route("/concerns/{id}/act", post(concerns::act))
        .route("/concerns/{id}/pass-up", post(concerns::pass_up))
        .route("/concerns/{id}/write", post(concerns::write))
        .route("/concerns/{id}/consent", post(concerns::consent))
        .route("/concerns/{id}/detriment", post(concerns::detriment))
        .route(
            "/concerns/{id}/files",
            post(concerns::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/concerns/{id}/files/{file}", get(concerns::download))
        .route("/notifications", get(concerns::notifications))
        .route("/notifications/read", post(concerns::notifications_read))
        // The speak-up guardian.
        .route("/concerns/detriment/{id}", post(concerns::detriment_status))
        // The guardian and heads of service.
        .route("/speak-up/oversight", get(oversight::page))
        .route("/speak-up/oversight.csv", get(oversight::csv))
        // admin.
        .route("/org", get(org::page))
        .route("/org/import", post(org::upload))
        .route("/org/{id}", post(org::edit))
        .route("/guidance/{category}", get(guidance::category))
        .route("/training", get(training::index))
        .route(
            "/training/{id}",
            get(training::scenario).post(training::answer),
        )
        // Line managers and up: their own team's training.
        .route("/training/team", get(training::team))
        // comms, admin.
        .route(
            "/training/new",
            get(training::new_page).post(training::create),
        )
        .route("/policy", get(policy::page).post(policy::save))
        .route("/policy/import", post(policy::import))
        .route("/policy/export", get(policy::export))
        .route("/policy/versions/{id}", get(policy::version))
        // comms, head-of-service, admin.
        .route("/insight", get(insight::page))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(error::html_errors))
        .layer(middleware::from_fn(log_requests))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

async fn fallback() -> AppError {
    AppError::NotFound
}

/// The route, status and time of each request, never its body or query string.
async fn log_requests(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", MatchedPath::as_str)
        .to_owned();
    let method = req.method().clone();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    tracing::debug!(
        %method,
        route,
        status = res.status().as_u16(),
        micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        "request"
    );
    res
}

/// The Content-Security-Policy: only this site's own scripts, styles and connections.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let secure = crate::auth::secure(&state, req.headers());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let has_cache_control = h.contains_key(header::CACHE_CONTROL);
    // A handler may set a stricter policy of its own (downloads: `sandbox`).
    let has_csp = h.contains_key(header::CONTENT_SECURITY_POLICY);
    let mut set = |name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    if !has_csp {
        set(header::CONTENT_SECURITY_POLICY, CSP);
    }
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if secure {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !has_cache_control {
        set(header::CACHE_CONTROL, "no-store");
    }
    res
}
