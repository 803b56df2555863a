//! The command-line side of speaking up: the key (`pause speak-up keygen`), the org chart
//! (`pause org import`), the audit log (`pause audit-log verify`) and `pause serve`'s
//! speak-up options.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use crate::cli::{open, runtime, DatabaseArgs};
use crate::mail::{MailConfig, Mailer};
use crate::speakup::{load_key, SpeakUp};

/// `pause serve`'s speak-up options.
#[derive(clap::Args, Debug, Clone)]
pub struct SpeakUpArgs {
    /// The key that seals concerns at rest (made by `pause speak-up keygen`); else
    /// $PAUSE_SPEAK_UP_KEY. Without either, speaking up is off. Keep it out of the database's
    /// backups: a copied database is unreadable without it.
    #[arg(long, value_name = "FILE")]
    pub speak_up_key_file: Option<PathBuf>,
    /// Deadlines, working days and retention (TOML; `pause speak-up config` prints the
    /// defaults).
    #[arg(long, value_name = "FILE")]
    pub speak_up_config: Option<PathBuf>,
    /// Send "something needs your attention" e-mails through this SMTP server, e.g.
    /// smtp://127.0.0.1:25 or smtps://USER:PASSWORD@HOST:465 (else $PAUSE_SMTP_URL, which keeps
    /// a password out of the process list).
    #[arg(long, value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The e-mails' From address.
    #[arg(
        long,
        value_name = "ADDRESS",
        default_value = "Pause <pause@localhost>"
    )]
    pub mail_from: String,
    /// The service's address as people reach it, for the link in e-mails.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    pub public_url: String,
    /// Seconds between rounds of escalation, retention and e-mail.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub speak_up_every: u64,
}

impl SpeakUpArgs {
    /// The speak-up part of the service, or `None` without a key.
    ///
    /// # Errors
    /// An unreadable or invalid key, config or mail setting, named.
    pub fn load(&self) -> Result<Option<SpeakUp>> {
        let Some(keys) = load_key(self.speak_up_key_file.as_deref())? else {
            return Ok(None);
        };
        let config = load_config(self.speak_up_config.as_deref())?;
        let smtp_url = self.smtp_url.clone().or_else(|| {
            std::env::var("PAUSE_SMTP_URL")
                .ok()
                .filter(|s| !s.is_empty())
        });
        let mailer = match &smtp_url {
            Some(url) => Some(
                Mailer::new(MailConfig {
                    smtp_url: url.clone(),
                    from: self.mail_from.clone(),
                    public_url: self.public_url.clone(),
                })
                .context("the e-mail settings are not valid")?,
            ),
            None => None,
        };
        Ok(Some(SpeakUp {
            keys,
            config,
            mailer,
        }))
    }
}

fn load_config(path: Option<&std::path::Path>) -> Result<pause_speakup::SpeakUpConfig> {
    match path {
        None => Ok(pause_speakup::SpeakUpConfig::default()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("could not read {}", p.display()))?;
            pause_speakup::SpeakUpConfig::parse(&text)
                .with_context(|| format!("{} is not a valid speak-up configuration", p.display()))
        }
    }
}

/// `pause speak-up`.
#[derive(clap::Args, Debug)]
pub struct SpeakUpCommandArgs {
    #[command(subcommand)]
    pub command: SpeakUpCommand,
}

/// The `pause speak-up` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum SpeakUpCommand {
    /// Make a new key and write it to FILE (created with owner-only permissions; an existing
    /// file is never overwritten).
    Keygen { file: PathBuf },
    /// Print the speak-up configuration in force (the defaults, or FILE checked and completed).
    Config { file: Option<PathBuf> },
}

/// `pause org`.
#[derive(clap::Args, Debug)]
pub struct OrgArgs {
    #[command(subcommand)]
    pub command: OrgCommand,
}

/// The `pause org` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum OrgCommand {
    /// Add and update people from a CSV file with the columns email,role,manager,service.
    /// Every row is checked first (unknown managers, loops, two heads of one service, bad
    /// roles...); a file with any problem changes nothing.
    Import {
        file: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

/// `pause audit-log`.
#[derive(clap::Args, Debug)]
pub struct AuditLogArgs {
    #[command(subcommand)]
    pub command: AuditLogCommand,
}

/// The `pause audit-log` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum AuditLogCommand {
    /// Check that no entry of the speak-up audit log was changed, removed or reordered.
    Verify {
        /// The speak-up key (else $PAUSE_SPEAK_UP_KEY): the chain is keyed.
        #[arg(long, value_name = "FILE")]
        speak_up_key_file: Option<PathBuf>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

/// Runs `pause speak-up`.
///
/// # Errors
/// An existing key file, an unwritable path, an invalid configuration.
pub fn speak_up(args: &SpeakUpCommandArgs, out: &mut dyn Write) -> Result<u8> {
    match &args.command {
        SpeakUpCommand::Keygen { file } => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut f = options.open(file).with_context(|| {
                format!(
                    "could not create {} (an existing key is never overwritten: losing it makes every concern unreadable)",
                    file.display()
                )
            })?;
            f.write_all(pause_speakup::Keys::generate().as_bytes())
                .with_context(|| format!("could not write {}", file.display()))?;
            writeln!(
                out,
                "wrote a new speak-up key to {}; start the service with --speak-up-key-file {0} and keep a copy somewhere safe, apart from the database's backups",
                file.display()
            )?;
            Ok(0)
        }
        SpeakUpCommand::Config { file } => {
            let config = load_config(file.as_deref())?;
            write!(out, "{}", config.to_toml())?;
            Ok(0)
        }
    }
}

/// Runs `pause org`.
///
/// # Errors
/// An unreadable file, a database error; problems in the file are printed and exit 2.
pub fn org(args: &OrgArgs, out: &mut dyn Write) -> Result<u8> {
    let OrgCommand::Import { file, db } = &args.command;
    let bytes =
        std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (at byte {}); save it as CSV UTF-8",
            file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        match crate::handlers::org::import(
            store.as_ref(),
            &text,
            crate::now(),
            crate::handlers::org::GuardianChanges::Allowed,
        )
        .await
        {
            Ok(done) => {
                writeln!(
                    out,
                    "imported {}: {} added, {} updated",
                    file.display(),
                    done.added,
                    done.updated
                )?;
                if done.added > 0 {
                    writeln!(out, "new accounts have no password yet: `pause users passwd EMAIL` gives them one")?;
                }
                Ok(0)
            }
            Err(crate::handlers::org::ImportError::Invalid(problems)) => {
                bail!("{} was not imported; nothing changed:\n{problems}", file.display())
            }
            Err(crate::handlers::org::ImportError::Store(e)) => Err(e),
        }
    })
}

/// Runs `pause audit-log`. Exit 0 when the chain holds, 1 when it does not.
///
/// # Errors
/// No key, a database error.
pub fn audit_log(args: &AuditLogArgs, out: &mut dyn Write) -> Result<u8> {
    let AuditLogCommand::Verify {
        speak_up_key_file,
        db,
    } = &args.command;
    let keys = load_key(speak_up_key_file.as_deref())?.context(
        "the audit log is keyed: give the speak-up key with --speak-up-key-file or PAUSE_SPEAK_UP_KEY",
    )?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let (rows, head) = store.audit_log().await?;
        let mac = store.audit_head_mac().await?;
        let expected = keys.index("audit-head", &format!("{}:{}", head.0, head.1));
        if head.0 > 0 && mac != expected {
            writeln!(
                out,
                "audit log NOT intact: its head (entry {}) was not written by this service's key: the end of the log may have been cut off",
                head.0
            )?;
            return Ok(1);
        }
        let entries = rows.into_iter().map(|r| pause_speakup::AuditEntry {
            seq: r.seq,
            at: r.at,
            case_id: r.case_id,
            actor: r.actor,
            action: r.action,
            detail: r.detail,
            prev_hash: r.prev_hash,
            hash: r.hash,
        });
        match pause_speakup::verify_chain(&keys, entries, Some(head)) {
            Ok(n) => {
                writeln!(
                    out,
                    "audit log intact: {n} entries, each chained to the one before"
                )?;
                Ok(0)
            }
            Err(e) => {
                writeln!(out, "audit log NOT intact: {e}")?;
                Ok(1)
            }
        }
    })
}
