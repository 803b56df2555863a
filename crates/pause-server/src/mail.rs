//! Notification e-mail: telling a person that something in Pause needs their attention.
//!
//! When a speak-up case needs someone (a new case, a message, a missed deadline, an escalation,
//! a retention warning) the service sends them one fixed message with a link to the
//! notifications page. The message is the same for every event and every person: it is made
//! from the service's public URL alone, and [`Mailer::send_attention`] takes nothing but the
//! recipient, so no category, text, name or case number can reach an inbox, a mail server's
//! logs or a forwarded e-mail.
//!
//! ```no_run
//! # async fn demo() -> Result<(), pause_server::mail::MailError> {
//! use pause_server::mail::{MailConfig, Mailer};
//! let mailer = Mailer::new(MailConfig {
//!     smtp_url: "smtp://mail.trust.example:587?tls=required".into(),
//!     from: "Pause <pause@trust.example>".into(),
//!     public_url: "https://pause.trust.example".into(),
//! })?;
//! mailer.send_attention("guardian@trust.example").await?;
//! # Ok(()) }
//! ```
//!
//! ## Decisions
//! * **lettre over tokio with rustls (ring)**: no OpenSSL to link or ship, the same TLS stack
//!   on every platform; `smtps://` and `?tls=required` verify the server against the
//!   webpki roots.
//! * **Checked when the service starts**: [`Mailer::new`] parses the SMTP URL, the from
//!   address and the public URL, so a typo stops `pause serve` instead of the first
//!   notification.
//! * **The SMTP password never leaves this module**: the URL is shown redacted in errors and
//!   `Debug`, and error text from lettre or the server is scrubbed of the password before it
//!   is kept.
//! * **Ten seconds at most per send**: a slow or silent mail server must not hold a request.
//! * **The recipient is not named in errors**: who is told about a case is itself sensitive.

use std::fmt;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long one send may take, from connecting to the server's answer to the message.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and how to send e-mail.
#[derive(Clone)]
pub struct MailConfig {
    /// The SMTP server in lettre's URL forms: `smtp://127.0.0.1:2525` (no TLS),
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465` (TLS from the
    /// start). Characters of the user or password outside `A-Za-z0-9-._~` are percent-encoded.
    pub smtp_url: String,
    /// The sender, e.g. `Pause <pause@trust.example>`.
    pub from: String,
    /// The service's address as people reach it, e.g. `https://pause.trust.example`; the
    /// message links to `{public_url}/notifications`.
    pub public_url: String,
}

/// By hand, so that the password in the URL is never printed.
impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &redact(&self.smtp_url))
            .field("from", &self.from)
            .field("public_url", &self.public_url)
            .finish()
    }
}

/// Sends the attention message. Cheap to clone; each send opens its own connection.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The SMTP URL with the password replaced by `***`.
    server: String,
    /// The password as written in the URL, to scrub from error text.
    password: Option<String>,
    from: Mailbox,
    subject: String,
    body: String,
}

/// By hand, so that the password (which the transport holds) is never printed.
impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// What can go wrong building a [`Mailer`] or sending. No variant carries the SMTP password
/// or the recipient's address (both are scrubbed from the server's answers too).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL does not parse or names an unknown scheme.
    #[error("the SMTP URL `{url}` is not usable: {reason} (expected smtp://HOST:PORT, smtp://HOST:PORT?tls=required or smtps://USER:PASSWORD@HOST:PORT)")]
    SmtpUrl { url: String, reason: String },
    /// The configured sender is not a mailbox.
    #[error("the from address `{address}` is not an e-mail address: {reason} (expected `Name <user@domain>` or `user@domain`)")]
    From { address: String, reason: String },
    /// The public URL cannot make a link.
    #[error("the public URL `{url}` cannot make a link: {reason}")]
    PublicUrl { url: String, reason: &'static str },
    /// The recipient is not a mailbox.
    #[error("the recipient address is not an e-mail address: {reason}")]
    Recipient { reason: String },
    /// The message could not be assembled (should not happen with a valid from and to).
    #[error("could not build the message: {0}")]
    Message(String),
    /// Connecting, TLS, authentication or the server's answer failed.
    #[error("sending through {server} failed: {reason}")]
    Send { server: String, reason: String },
    /// The send took longer than [`SEND_TIMEOUT`].
    #[error("sending through {server} took longer than {} seconds", SEND_TIMEOUT.as_secs())]
    Timeout { server: String },
}

/// The subject of every notification e-mail.
pub const SUBJECT: &str = "Pause: something needs your attention";

/// The message's subject and plain-text body, made from the public URL only: nothing about
/// the case or the person can be in it. Lines stay under 76 characters so that the body goes
/// out as plain `7bit` text (a public URL longer than that makes it quoted-printable). No
/// final newline: SMTP ends the last line itself (lettre sends `CRLF . CRLF` after the body).
#[must_use]
pub fn attention_message(public_url: &str) -> (String, String) {
    let link = format!("{}/notifications", public_url.trim_end_matches('/'));
    let body = format!(
        "Something in Pause needs your attention. To protect the privacy of\n\
         everyone involved, this e-mail says nothing more about it. Sign in to\n\
         see what it is:\n\
         {link}\n\
         \n\
         You are receiving this because of your role in your organisation's\n\
         speak-up process."
    );
    (SUBJECT.to_string(), body)
}

impl Mailer {
    /// Checks the SMTP URL, the from address and the public URL now, so that a mistake shows
    /// when the service starts. Connects to nothing.
    ///
    /// # Errors
    /// [`MailError::SmtpUrl`], [`MailError::From`] or [`MailError::PublicUrl`], naming what is
    /// wrong, with any password in the URL replaced by `***`.
    pub fn new(config: MailConfig) -> Result<Mailer, MailError> {
        let server = redact(&config.smtp_url);
        let password = url_password(&config.smtp_url).map(str::to_string);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| {
                let reason = e.to_string();
                // lettre files URL errors under "Connection error", which they are not.
                let reason = reason.strip_prefix("Connection error: ").unwrap_or(&reason);
                MailError::SmtpUrl {
                    url: server.clone(),
                    reason: scrub(reason, password.as_deref()),
                }
            })?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = match config.from.parse::<Mailbox>() {
            Ok(from) => from,
            Err(e) => {
                return Err(MailError::From {
                    address: config.from,
                    reason: e.to_string(),
                })
            }
        };
        check_public_url(&config.public_url)?;
        let (subject, body) = attention_message(&config.public_url);
        Ok(Mailer {
            transport,
            server,
            password,
            from,
            subject,
            body,
        })
    }

    /// Sends the fixed "something needs your attention" message to `to`, taking at most
    /// [`SEND_TIMEOUT`].
    ///
    /// # Errors
    /// [`MailError::Recipient`] for an address that does not parse; [`MailError::Send`] with
    /// the cause (connection refused, TLS, or the server's answer, e.g. `permanent error (550):
    /// mailbox unavailable`); [`MailError::Timeout`].
    pub async fn send_attention(&self, to: &str) -> Result<(), MailError> {
        let to: Mailbox =
            to.parse()
                .map_err(|e: lettre::address::AddressError| MailError::Recipient {
                    reason: e.to_string(),
                })?;
        let address = to.email.to_string();
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(self.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(self.body.clone())
            .map_err(|e| MailError::Message(e.to_string()))?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(Ok(_response)) => Ok(()),
            Ok(Err(e)) if e.is_timeout() => Err(MailError::Timeout {
                server: self.server.clone(),
            }),
            Ok(Err(e)) => {
                // Servers often echo the recipient in a refusal (`550 5.1.1 <a@b>: ...`).
                let reason = scrub(&e.to_string(), self.password.as_deref())
                    .replace(&address, "(the recipient)")
                    .replace(&address.to_lowercase(), "(the recipient)");
                Err(MailError::Send {
                    server: self.server.clone(),
                    reason,
                })
            }
            Err(_elapsed) => Err(MailError::Timeout {
                server: self.server.clone(),
            }),
        }
    }
}

/// Where the password is in `scheme://user:password@host...` (also when the scheme is
/// missing), as written (percent-encoded). Like [`pause_store::redact_url`], the last `@` ends
/// the user information, so a password holding an unencoded `@` or `/` is still found whole.
fn password_range(url: &str) -> Option<std::ops::Range<usize>> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url.rfind('@')?;
    let colon = start + url.get(start..end)?.find(':')? + 1;
    (colon < end).then_some(colon..end)
}

fn url_password(url: &str) -> Option<&str> {
    password_range(url).map(|r| &url[r])
}

/// The URL with its password replaced by `***`.
fn redact(url: &str) -> String {
    match password_range(url) {
        Some(r) => format!("{}***{}", &url[..r.start], &url[r.end..]),
        None => url.to_string(),
    }
}

/// `text` with every occurrence of the password, as written and percent-decoded, replaced by
/// `***`.
fn scrub(text: &str, password: Option<&str>) -> String {
    let Some(password) = password else {
        return text.to_string();
    };
    let mut out = text.replace(password, "***");
    let decoded = percent_decode(password);
    if !decoded.is_empty() && decoded != password {
        out = out.replace(&decoded, "***");
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'%'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn check_public_url(url: &str) -> Result<(), MailError> {
    let fail = |reason| {
        Err(MailError::PublicUrl {
            url: url.to_string(),
            reason,
        })
    };
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return fail("it must start with https:// (or http://)");
    };
    if rest.trim_end_matches('/').is_empty() {
        return fail("it names no host");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return fail("it contains a space or a control character");
    }
    if url.contains(['?', '#']) {
        return fail("it must not have a query or fragment (`/notifications` is appended)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_password_is_found_whole() {
        assert_eq!(url_password("smtps://u:p%40ss@h:465"), Some("p%40ss"));
        assert_eq!(url_password("smtps://u:p@ss@h:465"), Some("p@ss"));
        assert_eq!(url_password("smtp://u@h"), None);
        assert_eq!(url_password("smtp://h:25"), None);
        assert_eq!(url_password("smtp://u:@h:25"), None);
        assert_eq!(redact("u:pw@h"), "u:***@h");
        assert_eq!(redact("smtp://u:a@mail.a:25"), "smtp://u:***@mail.a:25");
    }

    #[test]
    fn scrub_removes_the_password_as_written_and_decoded() {
        assert_eq!(
            scrub("bad p%40ss and p@ss", Some("p%40ss")),
            "bad *** and ***"
        );
        assert_eq!(scrub("nothing", None), "nothing");
    }

    #[test]
    fn the_link_has_one_slash() {
        let (_, a) = attention_message("https://pause.example/");
        let (_, b) = attention_message("https://pause.example");
        assert_eq!(a, b);
        assert!(a.contains("\nhttps://pause.example/notifications\n"));
    }

    #[test]
    fn public_urls_that_cannot_make_a_link_are_refused() {
        for bad in [
            "pause.example",
            "https://",
            "https://pause .example",
            "https://p.example/?x=1",
        ] {
            assert!(check_public_url(bad).is_err(), "{bad}");
        }
        assert!(check_public_url("https://pause.example/base").is_ok());
    }

    #[test]
    fn debug_hides_the_password() {
        let config = MailConfig {
            smtp_url: "smtps://user:hunter2secret@mail.example:465".into(),
            from: "Pause <pause@example.org>".into(),
            public_url: "https://pause.example".into(),
        };
        assert!(!format!("{config:?}").contains("hunter2secret"));
        let mailer = Mailer::new(config).unwrap();
        let shown = format!("{mailer:?}");
        assert!(!shown.contains("hunter2secret"), "{shown}");
        assert!(shown.contains("user:***@mail.example"), "{shown}");
    }
}
