//! `pause serve` and `pause users` run as processes, as an organisation would run them: two
//! instances over one PostgreSQL, accounts made on the command line, and the proof that a
//! draft never reaches the database or the logs.

#[path = "../../pause-server/tests/support/mod.rs"]
mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{contains_bytes, files_under, wait_for, Client, Postgres, PASSWORD};

const PAUSE: &str = env!("CARGO_BIN_EXE_pause");

/// A `pause serve` process on a free port, its log in a file; stopped with SIGTERM on drop.
struct Serve {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Serve {
    fn start(dir: &Path, name: &str, database: Option<&str>, rust_log: &str) -> Serve {
        let log = dir.join(format!("{name}.log"));
        let mut cmd = Command::new(PAUSE);
        cmd.args(["serve", "--bind", "127.0.0.1:0"])
            .current_dir(dir)
            .env("RUST_LOG", rust_log)
            .env("NO_COLOR", "1")
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        if let Some(db) = database {
            cmd.args(["--database", db]);
        }
        let child = cmd.spawn().unwrap();
        let mut base = String::new();
        wait_for("pause serve to listen", Duration::from_secs(60), || {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(i) = text.find("listening on http://") {
                let rest = &text[i + "listening on ".len()..];
                base = rest.split_whitespace().next().unwrap().to_string();
                true
            } else {
                assert!(!text.contains("error:"), "pause serve failed: {text}");
                false
            }
        });
        Serve { child, base, log }
    }

    fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// Stops the server (SIGTERM, graceful) and returns its log.
    fn stop(mut self) -> String {
        self.terminate();
        std::fs::read_to_string(&self.log).unwrap()
    }

    fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.terminate();
        }
    }
}

/// `pause users add` with the password on standard input.
fn users_add(dir: &Path, db: &str, args: &[&str], password: &str) -> std::process::Output {
    let mut child = Command::new(PAUSE)
        .arg("users")
        .arg("add")
        .args(args)
        .args(["--database", db])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Ignored: a command refused by clap never reads it.
    let _ = writeln!(child.stdin.take().unwrap(), "{password}");
    child.wait_with_output().unwrap()
}

#[test]
fn users_are_added_on_the_command_line_with_the_password_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let db = "sqlite://pause.db";
    let out = users_add(
        dir.path(),
        db,
        &[
            "boss@t.nhs.uk",
            "--role",
            "line-manager",
            "--service",
            "Pharmacy",
        ],
        PASSWORD,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = users_add(
        dir.path(),
        db,
        &[
            "Ann@T.nhs.uk",
            "--role",
            "staff",
            "--manager",
            "boss@t.nhs.uk",
        ],
        PASSWORD,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Refusals: a short password, an unknown role, an unknown manager, a duplicate.
    let short = users_add(dir.path(), db, &["c@t.nhs.uk", "--role", "staff"], "short");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));
    let role = users_add(dir.path(), db, &["c@t.nhs.uk", "--role", "boss"], PASSWORD);
    assert!(String::from_utf8_lossy(&role.stderr).contains("speak-up-guardian"));
    let mgr = users_add(
        dir.path(),
        db,
        &["c@t.nhs.uk", "--role", "staff", "--manager", "x@t.nhs.uk"],
        PASSWORD,
    );
    assert!(String::from_utf8_lossy(&mgr.stderr).contains("no account for the manager"));
    let dup = users_add(
        dir.path(),
        db,
        &["ann@t.nhs.uk", "--role", "staff"],
        PASSWORD,
    );
    assert!(String::from_utf8_lossy(&dup.stderr).contains("already exists"));
    let list = Command::new(PAUSE)
        .args(["users", "list", "--database", db])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(
        text.contains("ann@t.nhs.uk")
            && text.contains("boss@t.nhs.uk")
            && text.contains("Pharmacy"),
        "{text}"
    );
    assert!(!text.contains(PASSWORD) && !text.contains("argon2"));
    // `pause serve` with no options uses that same pause.db in the working directory.
    let serve = Serve::start(dir.path(), "default", None, "info");
    serve.client().login_ok("ann@t.nhs.uk");
}

#[test]
fn two_instances_over_one_postgres_agree_at_once() {
    let pg = Postgres::start();
    let dir = tempfile::tempdir().unwrap();
    let out = users_add(
        dir.path(),
        &pg.url,
        &["comms@t.nhs.uk", "--role", "comms"],
        PASSWORD,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = Serve::start(dir.path(), "a", Some(&pg.url), "info");
    let b = Serve::start(dir.path(), "b", Some(&pg.url), "info");
    let draft = "Heron goes live for the whole pharmacy team next month";
    let rules = |r: &support::Resp| r.body.contains("\"rule\":\"confidential-term\"");
    assert!(!rules(&b.client().check(draft)));
    // A session made on one instance works on the other.
    let on_a = a.client();
    on_a.login_ok("comms@t.nhs.uk");
    let on_b = b.client();
    *on_b.cookies.borrow_mut() = on_a.cookies.borrow().clone();
    assert_eq!(on_b.get("/policy").status, 200);
    // A policy change on A is enforced by B from the very next request, repeatedly.
    let csrf = on_a.csrf();
    let mut previous: Option<&str> = None;
    for term in ["Heron", "Kingfisher", "Bittern"] {
        let toml = format!("[confidential]\nterms = [\"{term}\"]\n");
        let r = on_a.post_form("/policy/import", &[("csrf", &csrf), ("toml", &toml)]);
        assert_eq!(r.status, 303, "{}", r.body);
        let text = |t: &str| format!("{t} goes live for the whole pharmacy team next month");
        let r = b.client().check(&text(term));
        assert!(rules(&r), "{term} not enforced by B at once: {}", r.body);
        if let Some(p) = previous {
            assert!(
                !rules(&b.client().check(&text(p))),
                "{p} still enforced by B"
            );
        }
        previous = Some(term);
    }
    // Signing out on B ends the session on A too.
    let csrf_b = on_b.csrf();
    assert_eq!(on_b.post_form("/logout", &[("csrf", &csrf_b)]).status, 303);
    assert_eq!(on_a.get("/policy").status, 303);
    a.stop();
    b.stop();
}

fn assert_nowhere(marker: &str, files: &[PathBuf], logs: &[String]) {
    assert!(!files.is_empty());
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_default();
        assert!(
            !contains_bytes(&bytes, marker.as_bytes()),
            "the draft is in {}",
            f.display()
        );
    }
    for log in logs {
        assert!(!log.contains(marker), "the draft is in the log:\n{log}");
    }
}

/// Posts the draft through every door a draft can go through: the check API (including as a
/// malformed request and with a bad `at`), the outcome API, the compose page.
fn use_the_service(serve: &Serve, marker: &str) {
    let draft = format!("Mr Patel in bed 12 {marker} is refusing his warfarin AGAIN!!!");
    let c = serve.client();
    c.login_ok("ann@t.nhs.uk");
    let r = c.check(&draft);
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains(marker),
        "the answer carries the text back to the person"
    );
    let _ = c.post_json(
        "/api/v1/check",
        &format!("{{\"text\": \"{draft}\", \"at\": \"{marker}\"}}"),
    );
    let _ = c.post_json("/api/v1/check", &format!("{{\"text\": \"{draft}\""));
    let _ = c.post_json("/api/v1/check", &format!("{{\"txt\": \"{draft}\"}}"));
    let csrf = c.csrf();
    let r = c.post_json_with(
        "/api/v1/outcomes",
        r#"{"verdict":"pause","rules":["patient-name"],"went_ahead":true,"reason":"checked"}"#,
        &[("X-CSRF-Token", &csrf)],
    );
    assert_eq!(r.status, 204);
    let _ = c.get(&format!("/compose?draft={marker}"));
}

#[test]
fn drafts_never_reach_the_sqlite_file_or_the_logs() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("pause.db").display());
    users_add(
        dir.path(),
        &db,
        &["ann@t.nhs.uk", "--role", "staff"],
        PASSWORD,
    );
    let serve = Serve::start(dir.path(), "serve", Some(&db), "trace");
    let marker = format!("ZQX{}MARKER", std::process::id());
    use_the_service(&serve, &marker);
    let log = serve.stop();
    assert!(
        log.contains("request"),
        "the log was captured at trace level"
    );
    let files: Vec<PathBuf> = files_under(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "log"))
        .collect();
    assert!(files.iter().any(|f| f.ends_with("pause.db")));
    assert_nowhere(&marker, &files, &[log]);
}

#[test]
fn drafts_never_reach_postgres_or_the_logs() {
    let pg = Postgres::start();
    let dir = tempfile::tempdir().unwrap();
    users_add(
        dir.path(),
        &pg.url,
        &["ann@t.nhs.uk", "--role", "staff"],
        PASSWORD,
    );
    let serve = Serve::start(dir.path(), "serve", Some(&pg.url), "trace");
    let marker = format!("ZQX{}PGMARKER", std::process::id());
    use_the_service(&serve, &marker);
    let log = serve.stop();
    let dump = pg.dump();
    assert!(dump.contains("usage_counts"), "the dump is real");
    let files = pg.data_dir().map(|d| files_under(&d)).unwrap_or_default();
    assert_nowhere(&marker, &files, &[log, dump]);
}
