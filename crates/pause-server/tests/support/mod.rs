//! Test support: a throwaway PostgreSQL cluster, an in-process server on port 0, and an HTTP
//! client that keeps cookies. Shared with pause-cli's process tests (`#[path]`).
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use pause_server::{AppState, Config};
use pause_store::{NewUser, Role, Store, User};

/// The password of every test account.
pub const PASSWORD: &str = "correct horse battery staple";

/// The argon2 hash of [`PASSWORD`], computed once per test binary.
pub fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| pause_server::auth::hash_password(PASSWORD).unwrap())
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/// A PostgreSQL cluster in a temporary directory on a free loopback port, stopped on drop.
///
/// `PAUSE_TEST_POSTGRES_URL` (a server the caller runs, e.g. in CI) is used instead when set:
/// each test then gets a fresh database on it. Without either, the test fails (never skips)
/// with a message saying how to install PostgreSQL.
pub struct Postgres {
    dir: Option<tempfile::TempDir>,
    bin: PathBuf,
    as_postgres_user: bool,
    pub url: String,
}

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    candidates.sort();
    candidates.pop().unwrap_or_else(|| {
        panic!(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin \
             and PG_BIN is not set. These tests need a real PostgreSQL: install it with \
             `apt-get install -y postgresql` (scripts/test-serve.sh does), or set \
             PAUSE_TEST_POSTGRES_URL to a server you run."
        )
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    )
}

impl Postgres {
    /// Starts a cluster (or picks a fresh database on `PAUSE_TEST_POSTGRES_URL`).
    pub fn start() -> Postgres {
        if let Ok(base) = std::env::var("PAUSE_TEST_POSTGRES_URL") {
            let db = unique("pause_test");
            let admin = format!("{}/postgres", base.trim_end_matches('/'));
            run_sql(&admin, &format!("CREATE DATABASE {db}"));
            return Postgres {
                dir: None,
                bin: PathBuf::new(),
                as_postgres_user: false,
                url: format!("{}/{db}", base.trim_end_matches('/')),
            };
        }
        let bin = pg_bin();
        let as_postgres_user = is_root();
        let dir = tempfile::Builder::new()
            .prefix("pause-pg-")
            .tempdir()
            .unwrap();
        let data = dir.path().join("data");
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, "pause-test\n").unwrap();
        if as_postgres_user {
            // initdb refuses to run as root: the cluster belongs to the `postgres` OS user.
            let ok = Command::new("chown")
                .args(["-R", "postgres:"])
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok,
                "running as root, the test cluster must belong to the `postgres` OS user, \
                 which does not exist here: `apt-get install -y postgresql` creates it"
            );
        }
        let port = free_port();
        let pg = Postgres {
            dir: Some(dir),
            bin,
            as_postgres_user,
            url: format!("postgres://pause:pause-test@127.0.0.1:{port}/postgres"),
        };
        pg.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "pause",
                "--pwfile",
                pwfile.to_str().unwrap(),
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            pg.dir.as_ref().unwrap().path().display()
        );
        pg.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                pg.dir
                    .as_ref()
                    .unwrap()
                    .path()
                    .join("log")
                    .to_str()
                    .unwrap(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        pg
    }

    fn command(&self, program: &str) -> Command {
        let exe = self.bin.join(program);
        if self.as_postgres_user {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self
            .command(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("could not run {program}: {e}"));
        assert!(
            out.status.success(),
            "{program} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The cluster's data directory (raw files), when this helper started it.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.path().join("data"))
    }

    /// Runs pg_dump on the database; returns the dump.
    pub fn dump(&self) -> String {
        let mut c = if self.dir.is_some() {
            self.command("pg_dump")
        } else {
            Command::new("pg_dump")
        };
        let out = c.arg(&self.url).output().expect("pg_dump");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let data = dir.path().join("data");
            let _ = self
                .command("pg_ctl")
                .args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"])
                .output();
        }
    }
}

fn run_sql(url: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::Executor::execute(&mut c, sql).await.unwrap();
    });
}

// ---------------------------------------------------------------------------------------------
// The server in this process

/// The databases every server test runs against.
pub enum Db {
    Sqlite(tempfile::TempDir),
    Postgres(Postgres),
}

impl Db {
    pub fn sqlite() -> Db {
        Db::Sqlite(tempfile::tempdir().unwrap())
    }
    pub fn postgres() -> Db {
        Db::Postgres(Postgres::start())
    }
    pub fn url(&self) -> String {
        match self {
            Db::Sqlite(dir) => format!("sqlite://{}", dir.path().join("pause.db").display()),
            Db::Postgres(pg) => pg.url.clone(),
        }
    }
    /// The SQLite file and its journal files.
    pub fn sqlite_files(&self) -> Vec<PathBuf> {
        match self {
            Db::Sqlite(dir) => std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .collect(),
            Db::Postgres(_) => Vec::new(),
        }
    }
}

/// A server running in this process on a free port, with its own runtime.
pub struct TestServer {
    pub base: String,
    pub store: Arc<dyn Store>,
    /// The server's state (its clock, and the speak-up jobs, which tests run with [`tick`]).
    pub state: AppState,
    rt: Option<tokio::runtime::Runtime>,
}

/// The speak-up key of the tests' servers (64 hex characters).
pub const TEST_KEY: &str = "5a17e1c0ffee5a17e1c0ffee5a17e1c0ffee5a17e1c0ffee5a17e1c0ffee5a17";

impl TestServer {
    pub fn start(db: &Db) -> TestServer {
        TestServer::start_with(db, Config::default())
    }

    pub fn start_with(db: &Db, config: Config) -> TestServer {
        TestServer::start_full(db, config, None, pause_server::speakup::Clock::system())
    }

    /// A server with speaking up on (the test key, default deadlines, e-mail through `mail` if
    /// given) and its speak-up clock at `clock`.
    pub fn start_speak_up(
        db: &Db,
        clock: pause_server::speakup::Clock,
        mail: Option<pause_server::mail::MailConfig>,
    ) -> TestServer {
        let speak_up = pause_server::speakup::SpeakUp {
            keys: pause_speakup::Keys::parse(TEST_KEY).unwrap(),
            config: pause_speakup::SpeakUpConfig::default(),
            mailer: mail.map(|m| pause_server::mail::Mailer::new(m).unwrap()),
        };
        TestServer::start_full(db, Config::default(), Some(speak_up), clock)
    }

    pub fn start_full(
        db: &Db,
        config: Config,
        speak_up: Option<pause_server::speakup::SpeakUp>,
        clock: pause_server::speakup::Clock,
    ) -> TestServer {
        if std::env::var_os("PAUSE_TEST_LOG").is_some() {
            let _ = tracing_subscriber::fmt().with_test_writer().try_init();
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let url = db.url();
        let (store, listener, state) = rt.block_on(async {
            let store = pause_store::connect(&url).await.unwrap();
            let mut state = AppState::new(store.clone(), config)
                .await
                .unwrap()
                .with_clock(clock);
            if let Some(su) = speak_up {
                state = state.with_speak_up(su);
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            (store, listener, state)
        });
        let addr = listener.local_addr().unwrap();
        let serving = state.clone();
        rt.spawn(async move {
            pause_server::serve(listener, serving, std::future::pending())
                .await
                .unwrap();
        });
        TestServer {
            base: format!("http://{addr}"),
            store,
            state,
            rt: Some(rt),
        }
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.as_ref().unwrap().block_on(f)
    }

    /// Adds an account with [`PASSWORD`].
    pub fn add_user(&self, email: &str, role: Role, manager: Option<i64>, service: &str) -> User {
        self.block_on(
            self.store
                .create_user(&new_user(email, role, manager, service)),
        )
        .unwrap()
    }

    /// One round of the speak-up background work at the clock's time.
    pub fn tick(&self) -> pause_server::speakup::jobs::Round {
        let now = self.state.clock.now();
        self.block_on(pause_server::speakup::jobs::tick(&self.state, now))
            .unwrap()
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// An account with [`PASSWORD`], to add with `Store::create_user`.
pub fn new_user(email: &str, role: Role, manager: Option<i64>, service: &str) -> NewUser {
    NewUser {
        email: email.to_string(),
        role,
        manager_id: manager,
        service: (!service.is_empty()).then(|| service.to_string()),
        password_hash: password_hash().to_string(),
        created_at: pause_server::now(),
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The value of the first hidden `csrf` field in a page.
    pub fn csrf_field(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("a csrf field") + marker.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_string()
    }
}

/// An HTTP client that keeps cookies and never follows redirects.
pub struct Client {
    pub base: String,
    agent: ureq::Agent,
    pub cookies: RefCell<BTreeMap<String, String>>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            agent: ureq::AgentBuilder::new()
                .redirects(0)
                // A server may close a connection whose request body it did not need (a refused
                // POST); a pooled connection could then be stale. One connection per request.
                .max_idle_connections(0)
                .timeout(Duration::from_secs(30))
                .build(),
            cookies: RefCell::new(BTreeMap::new()),
        }
    }

    fn finish(&self, r: Result<ureq::Response, ureq::Error>) -> Resp {
        let resp = match r {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("request failed: {e}"),
        };
        for c in resp.all("set-cookie") {
            let kv = c.split(';').next().unwrap_or("");
            if let Some((k, v)) = kv.split_once('=') {
                if v.is_empty() || c.contains("Max-Age=0") {
                    self.cookies.borrow_mut().remove(k);
                } else {
                    self.cookies
                        .borrow_mut()
                        .insert(k.to_string(), v.to_string());
                }
            }
        }
        let headers = resp
            .headers_names()
            .into_iter()
            .flat_map(|n| {
                resp.all(&n)
                    .into_iter()
                    .map(|v| (n.clone(), v.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let status = resp.status();
        let body = resp.into_string().unwrap_or_default();
        Resp {
            status,
            headers,
            body,
        }
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        let mut req = self.agent.request(method, &format!("{}{path}", self.base));
        let cookies: Vec<String> = self
            .cookies
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookies.is_empty() {
            req = req.set("Cookie", &cookies.join("; "));
        }
        req
    }

    pub fn get(&self, path: &str) -> Resp {
        self.finish(self.request("GET", path).call())
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = self.request("GET", path);
        for (k, v) in headers {
            req = req.set(k, v);
        }
        self.finish(req.call())
    }

    /// A request with any content type and body.
    pub fn finish_raw(&self, method: &str, path: &str, content_type: &str, body: &str) -> Resp {
        self.finish(
            self.request(method, path)
                .set("Content-Type", content_type)
                .send_string(body),
        )
    }

    /// A request with a binary body (multipart uploads).
    pub fn send_bytes(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Resp {
        self.finish(
            self.request(method, path)
                .set("Content-Type", content_type)
                .send_bytes(body),
        )
    }

    /// A response whose body is bytes (downloads): status, headers, body.
    pub fn fetch_bytes(
        &self,
        method: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let req = self.request(method, path);
        let r = if form.is_empty() {
            req.call()
        } else {
            req.send_form(form)
        };
        let resp = match r {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("request failed: {e}"),
        };
        let headers = resp
            .headers_names()
            .into_iter()
            .filter_map(|n| resp.header(&n).map(|v| (n.clone(), v.to_string())))
            .collect();
        let status = resp.status();
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut resp.into_reader(), &mut body).unwrap();
        (status, headers, body)
    }

    pub fn send(&self, method: &str, path: &str) -> Resp {
        self.finish(self.request(method, path).call())
    }

    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        self.finish(self.request("POST", path).send_form(fields))
    }

    pub fn post_json(&self, path: &str, body: &str) -> Resp {
        self.post_json_with(path, body, &[])
    }

    pub fn post_json_with(&self, path: &str, body: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = self
            .request("POST", path)
            .set("Content-Type", "application/json");
        for (k, v) in headers {
            req = req.set(k, v);
        }
        self.finish(req.send_string(body))
    }

    /// `POST /api/v1/check`.
    pub fn check(&self, text: &str) -> Resp {
        self.post_json(
            "/api/v1/check",
            &serde_json::json!({ "text": text }).to_string(),
        )
    }

    /// Signs in; returns the response to the form.
    pub fn login(&self, email: &str, password: &str) -> Resp {
        let page = self.get("/login");
        assert_eq!(page.status, 200, "{}", page.body);
        let csrf = page.csrf_field();
        self.post_form(
            "/login",
            &[("email", email), ("password", password), ("csrf", &csrf)],
        )
    }

    /// Signs in and checks that it worked.
    pub fn login_ok(&self, email: &str) {
        let r = self.login(email, PASSWORD);
        assert_eq!(r.status, 303, "sign-in failed: {}", r.body);
    }

    /// This session's CSRF token (from the compose page).
    pub fn csrf(&self) -> String {
        let page = self.get("/compose");
        assert_eq!(page.status, 200);
        page.csrf_field()
    }
}

/// Waits until `f` is true (for processes starting up).
pub fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether any byte sequence in `haystack` equals `needle`.
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
