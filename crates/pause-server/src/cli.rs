//! `pause serve` and `pause users`: the command-line side of the service, kept here so that
//! the `pause` binary only names them.

use std::io::{self, BufRead, IsTerminal, Write};
use std::net::SocketAddr;

use anyhow::{bail, Context, Result};
use pause_store::{NewUser, Role, Store};

use crate::auth;
use crate::state::{AppState, Config};

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE: &str = "sqlite://pause.db";

/// Where the data lives.
#[derive(clap::Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// Database URL: postgres://USER:PASSWORD@HOST/DB, or sqlite://FILE. Default: $DATABASE_URL,
    /// else a SQLite file `pause.db` in the working directory.
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
}

impl DatabaseArgs {
    /// The URL in force: the option, then `DATABASE_URL`, then the default.
    #[must_use]
    pub fn url(&self) -> String {
        self.database
            .clone()
            .or_else(|| std::env::var("DATABASE_URL").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| DEFAULT_DATABASE.to_string())
    }
}

/// `pause serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Mark cookies Secure and send Strict-Transport-Security (set this behind TLS; requests
    /// with `X-Forwarded-Proto: https` get them anyway).
    #[arg(long)]
    pub secure_cookies: bool,
    /// How long a sign-in lasts, in seconds.
    #[arg(long, default_value_t = 8 * 3600, value_name = "SECONDS")]
    pub session_ttl: i64,
    /// A sign-in unused for this long ends sooner, in seconds.
    #[arg(long, default_value_t = 30 * 60, value_name = "SECONDS")]
    pub session_idle: i64,
    #[command(flatten)]
    pub speak_up: crate::cli_speakup::SpeakUpArgs,
}

/// `pause users`.
#[derive(clap::Args, Debug)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub command: UsersCommand,
}

/// The `pause users` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum UsersCommand {
    /// Add an account. The password is read from standard input (first line) or, on a
    /// terminal, prompted for twice; never from the command line.
    Add {
        email: String,
        /// staff, line-manager, senior-manager, head-of-service, speak-up-guardian, comms, admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The person's line manager (an existing account's e-mail).
        #[arg(long, value_name = "EMAIL")]
        manager: Option<String>,
        /// The service (department) the person works in, e.g. "Pharmacy".
        #[arg(long, value_name = "NAME")]
        service: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Set a new password (ends the account's sessions). Read like `add`.
    Passwd {
        email: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List the accounts: e-mail, role, manager, service.
    List {
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_id(s).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
        format!("unknown role `{s}`; one of: {}", all.join(", "))
    })
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")
}

/// Logs to standard error, filtered by `RUST_LOG` (default: info, sqlx quiet).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(std::env::var_os("NO_COLOR").is_none() && io::stderr().is_terminal())
        .try_init();
}

/// Runs `pause serve` until Ctrl-C or SIGTERM. Returns the exit code.
///
/// # Errors
/// When the database cannot be opened or the address cannot be bound.
pub fn serve(args: &ServeArgs) -> Result<u8> {
    init_logging();
    let rt = runtime()?;
    rt.block_on(async {
        let url = args.db.url();
        let store = pause_store::connect(&url).await.with_context(|| {
            format!(
                "could not open the database {}",
                pause_store::redact_url(&url)
            )
        })?;
        let config = Config {
            secure_cookies: args.secure_cookies,
            session_ttl: args.session_ttl,
            session_idle: args.session_idle,
            ..Config::default()
        };
        let mut state = AppState::new(store.clone(), config).await?;
        match args.speak_up.load()? {
            Some(speak_up) => {
                let mail = speak_up.mailer.is_some();
                state = state.with_speak_up(speak_up);
                tokio::spawn(crate::speakup::jobs::run(
                    state.clone(),
                    std::time::Duration::from_secs(args.speak_up.speak_up_every.max(1)),
                ));
                tracing::info!(mail, "speaking up is on");
            }
            None => tracing::warn!(
                "speaking up is off: no key (make one with `pause speak-up keygen FILE`, then --speak-up-key-file FILE)"
            ),
        }
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("could not listen on {}", args.bind))?;
        let addr = listener.local_addr()?;
        tokio::spawn(prune_loop(store));
        tracing::info!(
            database = store_kind(&state),
            "Pause is listening on http://{addr}"
        );
        crate::serve(listener, state, shutdown())
            .await
            .context("the server stopped")?;
        tracing::info!("stopped");
        Ok(0)
    })
}

fn store_kind(state: &AppState) -> &'static str {
    state.store.dialect()
}

async fn prune_loop(store: std::sync::Arc<dyn Store>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        match store.prune(crate::now()).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "pruning failed"),
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Reads a new password: prompted twice on a terminal, else the first line of stdin.
fn read_new_password() -> Result<String> {
    let password = if io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12 characters or more): ")?;
        let second = rpassword::prompt_password("Again: ")?;
        if first != second {
            bail!("the passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        io::stdin()
            .lock()
            .read_line(&mut line)
            .context("could not read the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    auth::check_new_password(&password).map_err(|m| {
        anyhow::anyhow!("{m}\nhint: pipe it in (`printf '%s\\n' \"$PW\" | pause users add ...`) or run on a terminal to be asked")
    })?;
    Ok(password)
}

/// Runs a `pause users` command. Returns the exit code.
///
/// # Errors
/// Unknown managers, duplicate accounts, unreadable passwords, database errors.
pub fn users(args: &UsersArgs, out: &mut dyn Write) -> Result<u8> {
    let rt = runtime()?;
    rt.block_on(async {
        match &args.command {
            UsersCommand::Add {
                email,
                role,
                manager,
                service,
                db,
            } => {
                let email = auth::normalise_email(email).map_err(anyhow::Error::msg)?;
                let store = open(db).await?;
                let manager_id = match manager {
                    None => None,
                    Some(m) => {
                        let m = auth::normalise_email(m).map_err(anyhow::Error::msg)?;
                        Some(
                            store
                                .user_by_email(&m)
                                .await?
                                .with_context(|| {
                                    format!("no account for the manager {m}\nhint: add the manager first")
                                })?
                                .id,
                        )
                    }
                };
                let password = read_new_password()?;
                let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
                    .await??;
                let service = service
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                let user = store
                    .create_user(&NewUser {
                        email,
                        role: *role,
                        manager_id,
                        service,
                        password_hash: hash,
                        created_at: crate::now(),
                    })
                    .await?;
                if user.role == Role::HeadOfService && user.service.is_some() {
                    // Record them as the head of their service (where escalations end).
                    store
                        .set_org_entry(user.id, user.role, user.manager_id, user.service.as_deref())
                        .await?;
                }
                writeln!(out, "added {} ({})", user.email, user.role)?;
                Ok(0)
            }
            UsersCommand::Passwd { email, db } => {
                let email = auth::normalise_email(email).map_err(anyhow::Error::msg)?;
                let store = open(db).await?;
                let user = store
                    .user_by_email(&email)
                    .await?
                    .with_context(|| format!("no account for {email}"))?;
                let password = read_new_password()?;
                let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
                    .await??;
                store.set_password(user.id, &hash).await?;
                writeln!(out, "password changed for {email}; their sessions were ended")?;
                Ok(0)
            }
            UsersCommand::List { db } => {
                let store = open(db).await?;
                let users = store.list_users().await?;
                let email_of = |id: Option<i64>| {
                    id.and_then(|id| users.iter().find(|u| u.id == id))
                        .map_or("-", |u| u.email.as_str())
                };
                writeln!(out, "{:<36} {:<18} {:<36} SERVICE", "EMAIL", "ROLE", "MANAGER")?;
                for u in &users {
                    writeln!(
                        out,
                        "{:<36} {:<18} {:<36} {}",
                        u.email,
                        u.role.id(),
                        email_of(u.manager_id),
                        u.service.as_deref().unwrap_or("-")
                    )?;
                }
                Ok(0)
            }
        }
    })
}

pub(crate) async fn open(db: &DatabaseArgs) -> Result<std::sync::Arc<dyn Store>> {
    let url = db.url();
    pause_store::connect(&url).await.with_context(|| {
        format!(
            "could not open the database {}",
            pause_store::redact_url(&url)
        )
    })
}
