//! Passwords, sessions, cookies, CSRF tokens and sign-in rate limits.
//!
//! * Passwords: argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes), verified off the
//!   async threads.
//! * Sessions: a random 256-bit token in an `HttpOnly; SameSite=Strict` cookie (`Secure` behind
//!   TLS); the store keeps only its SHA-256, with the session's CSRF token and expiry.
//! * CSRF: every form carries the session's token (sign-in, before a session exists, uses a
//!   double-submit cookie); scripts send it as `X-CSRF-Token`. Compared in constant time.
//! * Rate limits: failed sign-ins counted in the store per account and per client address in
//!   fixed windows, so every instance sees the same count.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use pause_store::{Role, SessionRecord, User};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "pause_session";
/// The sign-in form's double-submit cookie.
pub const LOGIN_CSRF_COOKIE: &str = "pause_login_csrf";

/// Hashes a password with argon2id and a random salt.
///
/// # Errors
/// Only if the system's random source fails.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?
        .to_string())
}

/// Whether `password` matches the stored PHC string.
#[must_use]
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash of a password nobody has, verified against when the account does not exist, so that
/// unknown and known e-mail addresses take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password anyone has").unwrap_or_default())
}

/// What a new password must satisfy (NCSC: length over complexity).
///
/// # Errors
/// A message for the person choosing it.
pub fn check_new_password(password: &str) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < 12 {
        return Err("the password must be at least 12 characters long".into());
    }
    if chars > 1024 {
        return Err("the password must be at most 1024 characters long".into());
    }
    Ok(())
}

/// A random token: 32 bytes, hex.
///
/// # Panics
/// If the operating system has no random source (nothing secure could work then).
#[must_use]
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source failed");
    hex(&bytes)
}

/// SHA-256, hex.
#[must_use]
pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Constant-time string comparison.
#[must_use]
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A cookie's value from the request headers.
#[must_use]
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether cookies should carry `Secure`: configured, or the request came through TLS.
#[must_use]
pub fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value: `HttpOnly; SameSite=Strict; Path=/`, `Secure` when asked.
#[must_use]
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A signed-in person and their session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub session: SessionRecord,
}

impl SignedIn {
    /// Refuses unless the person holds one of `roles`.
    ///
    /// # Errors
    /// [`AppError::Forbidden`].
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Refuses unless `token` is this session's CSRF token.
    ///
    /// # Errors
    /// [`AppError::Csrf`].
    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        if same(token, &self.session.csrf_token) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }

    /// The CSRF token to put in forms.
    #[must_use]
    pub fn csrf(&self) -> &str {
        &self.session.csrf_token
    }
}

async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<SignedIn>, AppError> {
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    if token.len() != 64 {
        return Ok(None);
    }
    let found = state
        .store
        .session(&sha256_hex(token), crate::now())
        .await?;
    let Some((mut session, user)) = found else {
        return Ok(None);
    };
    // The idle timeout: each use moves the expiry to `now + idle`, never past the session's
    // lifetime. Written at most about once a minute per session (a tenth of the idle time when
    // that is shorter), not on every request.
    let cfg = &state.config;
    let now = crate::now();
    let wanted = (now + cfg.session_idle).min(session.created_at + cfg.session_ttl);
    let step = (cfg.session_idle / 10).clamp(1, 60);
    if wanted - session.expires_at >= step {
        state
            .store
            .extend_session(&session.token_hash, wanted)
            .await?;
        session.expires_at = wanted;
    }
    Ok(Some(SignedIn { user, session }))
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        session_of(parts, state)
            .await?
            .ok_or(AppError::Unauthorized)
    }
}

/// The signed-in person, if any.
#[derive(Debug, Clone)]
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(MaybeSignedIn(session_of(parts, state).await?))
    }
}

/// Normalises an e-mail address (trimmed, lower case) and checks its shape.
///
/// # Errors
/// A message naming the problem.
pub fn normalise_email(email: &str) -> Result<String, String> {
    let e = email.trim().to_lowercase();
    let ok = e.len() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(e)
    } else {
        Err(format!("`{}` is not an e-mail address", email.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; pause_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalise_email(" Ann@Trust.NHS.uk ").unwrap(),
            "ann@trust.nhs.uk"
        );
        assert!(normalise_email("ann").is_err());
        assert!(normalise_email("ann @x.uk").is_err());
    }

    #[test]
    fn constant_time_comparison_agrees_with_equality() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}

/// A set of roles that may use a page (see [`Authorised`]).
pub trait RoleSet {
    const ROLES: &'static [Role];
}

/// Edit the policy and add training scenarios.
#[derive(Debug)]
pub struct Editors;
impl RoleSet for Editors {
    const ROLES: &'static [Role] = &[Role::Comms, Role::Admin];
}

/// See the insight page.
#[derive(Debug)]
pub struct InsightViewers;
impl RoleSet for InsightViewers {
    const ROLES: &'static [Role] = &[Role::Comms, Role::HeadOfService, Role::Admin];
}

/// See their team's training.
#[derive(Debug)]
pub struct Managers;
impl RoleSet for Managers {
    const ROLES: &'static [Role] = &[
        Role::LineManager,
        Role::SeniorManager,
        Role::HeadOfService,
        Role::Admin,
    ];
}

/// A signed-in person holding one of `R::ROLES`. As an extractor it runs before the body is
/// read, so a person without the role gets 403 whatever they send.
#[derive(Debug)]
pub struct Authorised<R>(pub SignedIn, std::marker::PhantomData<R>);

impl<R> std::ops::Deref for Authorised<R> {
    type Target = SignedIn;
    fn deref(&self) -> &SignedIn {
        &self.0
    }
}

impl<R: RoleSet + Send + Sync> FromRequestParts<AppState> for Authorised<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let who = SignedIn::from_request_parts(parts, state).await?;
        who.require(R::ROLES)?;
        Ok(Authorised(who, std::marker::PhantomData))
    }
}
