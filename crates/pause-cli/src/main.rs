//! `pause`: a pause for thought before you post.
//!
//! Exit codes (like a linter): 0 fine to post, 1 pause (medium or high findings), 2 error.

mod audit;
mod eval;
mod input;
mod render;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand, ValueEnum};
use pause_core::{Engine, Policy, Verdict};

#[derive(Parser)]
#[command(
    name = "pause",
    version,
    about = "A pause for thought before you post: checks a draft social-media post for risks to patients, your employer, colleagues and yourself."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Diagnostics against the text, for people.
    Human,
    /// One JSON object.
    Json,
}

#[derive(clap::Args)]
struct PolicyArgs {
    /// The organisation's policy (TOML). Without one, generic employer phrases are used.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

impl PolicyArgs {
    fn load(&self) -> Result<Policy> {
        match &self.policy {
            None => Ok(Policy::default()),
            Some(path) => {
                let src = std::fs::read_to_string(path).with_context(|| {
                    format!("could not read the policy file {}", path.display())
                })?;
                Policy::from_toml(&src)
                    .with_context(|| format!("invalid policy file {}", path.display()))
            }
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check a draft: TEXT, a FILE, or standard input (`-` or nothing).
    Check {
        /// The draft itself, a file containing it, or `-` for standard input.
        input: Option<String>,
        /// Time of posting (RFC 3339, e.g. 2026-03-01T03:12:00Z).
        #[arg(long, value_parser = parse_at)]
        at: Option<DateTime<FixedOffset>>,
        #[command(flatten)]
        policy: PolicyArgs,
        /// Output format (default: human on a terminal, JSON otherwise... no: human unless asked).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Read JSON Lines `{"id", "text", "at"?}` from the input and write one result per line.
        #[arg(long, conflicts_with = "format")]
        jsonl: bool,
        /// With --jsonl: stop at the first malformed line instead of reporting it and going on.
        #[arg(long, requires = "jsonl")]
        strict: bool,
        /// Print the policy in force (as TOML) and exit.
        #[arg(long)]
        show_policy: bool,
    },
    /// Screen a whole social-media export (X, Mastodon, Bluesky, Facebook, Instagram, LinkedIn,
    /// CSV, JSON Lines): a summary, JSON, CSV or a private HTML report of the risky posts.
    Audit(Box<audit::AuditArgs>),
    /// Print the draft with identifiers replaced by labels such as [NHS number].
    Redact {
        input: Option<String>,
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// List every rule: id, category, default severity and the policy clause it enforces.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Explain one rule in full.
    Explain { rule: String },
    /// Print docs/rules.md, generated from the rule table.
    Docs,
    /// Run the organisation's service: check API, compose page, policy, guidance, training.
    Serve(Box<pause_server::cli::ServeArgs>),
    /// Manage the service's accounts (the first admin is made here).
    Users(pause_server::cli::UsersArgs),
    /// Speaking up: make the key that seals concerns, show the deadlines in force.
    #[command(name = "speak-up")]
    SpeakUp(pause_server::cli_speakup::SpeakUpCommandArgs),
    /// The organisation chart: import people, managers and services from CSV.
    Org(pause_server::cli_speakup::OrgArgs),
    /// The speak-up audit log: verify that nothing in it was altered.
    #[command(name = "audit-log")]
    AuditLog(pause_server::cli_speakup::AuditLogArgs),
    /// Measure precision, recall and false alarms on labelled JSON Lines corpora.
    Eval {
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        #[command(flatten)]
        policy: PolicyArgs,
        /// List the posts the engine got wrong.
        #[arg(long)]
        errors: bool,
        /// Do not fail when below the quality thresholds.
        #[arg(long)]
        no_thresholds: bool,
        /// Judge each post with a learned model that never saw it: 5-fold cross-validation
        /// on the given corpora (the rules as they are). For the corpus the model is trained on.
        #[arg(long)]
        cross_validate: bool,
    },
}

fn parse_at(s: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("{e}: expected RFC 3339, e.g. 2026-03-01T03:12:00Z"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Check {
            input,
            at,
            policy,
            format,
            jsonl,
            strict,
            show_policy,
        } => {
            let policy = policy.load()?;
            if show_policy {
                write!(out, "{}", policy.to_toml())?;
                out.flush()?;
                return Ok(0);
            }
            let engine = Engine::new(&policy)?;
            if jsonl {
                let reader = input::open_reader(input.as_deref())?;
                check_jsonl(&engine, reader, &mut out, strict)?
            } else {
                let draft = input::read_draft(input.as_deref())?;
                let report = engine.check(&draft.text, at);
                match format {
                    Format::Json => {
                        serde_json::to_writer(&mut out, &report)?;
                        writeln!(out)?;
                    }
                    Format::Human => render::human(&mut out, &draft, &report)?,
                }
                u8::from(report.verdict == Verdict::Pause)
            }
        }
        Command::Audit(args) => audit::run(&args, &mut out)?,
        Command::Serve(args) => pause_server::cli::serve(&args)?,
        Command::Users(args) => pause_server::cli::users(&args, &mut out)?,
        Command::SpeakUp(args) => pause_server::cli_speakup::speak_up(&args, &mut out)?,
        Command::Org(args) => pause_server::cli_speakup::org(&args, &mut out)?,
        Command::AuditLog(args) => pause_server::cli_speakup::audit_log(&args, &mut out)?,
        Command::Redact { input, policy } => {
            let engine = Engine::new(&policy.load()?)?;
            let draft = input::read_draft(input.as_deref())?;
            let report = engine.check(&draft.text, None);
            write!(out, "{}", report.redacted)?;
            if !report.redacted.ends_with('\n') {
                writeln!(out)?;
            }
            0
        }
        Command::Rules { format } => {
            render::rules(&mut out, format == Format::Json)?;
            0
        }
        Command::Explain { rule } => {
            let r = pause_core::rules::find(&rule).with_context(|| {
                format!("no rule named `{rule}`\nhint: `pause rules` lists them all")
            })?;
            write!(out, "{}", pause_core::docs::rule_markdown(r))?;
            0
        }
        Command::Docs => {
            write!(out, "{}", pause_core::docs::catalogue_markdown())?;
            0
        }
        Command::Eval {
            corpus,
            policy,
            errors,
            no_thresholds,
            cross_validate,
        } => {
            let engine = Engine::new(&policy.load()?)?;
            let mode = if cross_validate {
                eval::Mode::CrossValidated
            } else {
                eval::Mode::AsBuilt
            };
            eval::run(&engine, &mode, &corpus, errors, !no_thresholds, &mut out)?
        }
    };
    out.flush()?;
    Ok(code)
}

#[derive(serde::Deserialize)]
struct JsonlIn {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    at: Option<String>,
}

#[derive(serde::Serialize)]
struct JsonlOut<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    report: &'a pause_core::Report,
}

/// Streams JSON Lines: one line in, one result out, constant memory.
fn check_jsonl(
    engine: &Engine,
    mut reader: Box<dyn BufRead>,
    out: &mut impl Write,
    strict: bool,
) -> Result<u8> {
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut any_pause = false;
    let mut bad = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(&buf)
            .map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))
            .and_then(|s| serde_json::from_str::<JsonlIn>(s).map_err(|e| e.to_string()))
            .and_then(
                |rec| match rec.at.as_deref().map(DateTime::parse_from_rfc3339) {
                    Some(Err(e)) => Err(format!("field `at`: {e}")),
                    Some(Ok(t)) => Ok((rec.id, rec.text, Some(t))),
                    None => Ok((rec.id, rec.text, None)),
                },
            );
        match parsed {
            Ok((id, text, at)) => {
                let report = engine.check(&text, at);
                any_pause |= report.verdict == Verdict::Pause;
                serde_json::to_writer(
                    &mut *out,
                    &JsonlOut {
                        id: &id,
                        report: &report,
                    },
                )?;
                out.write_all(b"\n")?;
            }
            Err(msg) => {
                bad += 1;
                if strict {
                    anyhow::bail!("line {line_no}: {msg}");
                }
                let _ = writeln!(io::stderr(), "warning: line {line_no}: {msg} (skipped)");
            }
        }
    }
    if bad > 0 {
        out.flush()?;
        let _ = writeln!(io::stderr(), "error: {bad} malformed line(s) skipped");
        return Ok(2);
    }
    Ok(u8::from(any_pause))
}
