//! Speaking up from the command line, as an administrator would: make the key, import the org
//! chart, run `pause serve` with the key, and verify the audit log (and see tampering caught).

#[path = "../../pause-server/tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use support::{contains_bytes, wait_for, Client};

const PAUSE: &str = env!("CARGO_BIN_EXE_pause");

fn pause(dir: &Path, args: &[&str]) -> Output {
    Command::new(PAUSE)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("DATABASE_URL")
        .env_remove("PAUSE_SPEAK_UP_KEY")
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

struct Serve {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Serve {
    fn start(dir: &Path, db: &str, key: &Path) -> Serve {
        let log = dir.join("serve.log");
        let child = Command::new(PAUSE)
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--database",
                db,
                "--speak-up-key-file",
            ])
            .arg(key)
            .current_dir(dir)
            .env("RUST_LOG", "debug")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
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

    fn stop(mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        std::fs::read_to_string(&self.log).unwrap()
    }
}

#[test]
fn keygen_writes_a_private_key_once() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("speak-up.key");
    let o = pause(dir.path(), &["speak-up", "keygen", key.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let content = std::fs::read_to_string(&key).unwrap();
    assert_eq!(content.trim_end().len(), 64);
    assert!(content.trim_end().bytes().all(|b| b.is_ascii_hexdigit()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner may read the key");
    }
    // Never overwritten: losing it would make every concern unreadable.
    let again = pause(dir.path(), &["speak-up", "keygen", key.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again).1.contains("never overwritten"),
        "{:?}",
        text(&again)
    );
    assert_eq!(std::fs::read_to_string(&key).unwrap(), content);
    // A broken key is refused at start, without echoing it.
    std::fs::write(dir.path().join("bad.key"), "not-a-key-0123").unwrap();
    let o = pause(
        dir.path(),
        &[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            "sqlite://x.db",
            "--speak-up-key-file",
            "bad.key",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(
        err.contains("bad.key") && err.contains("not valid"),
        "{err}"
    );
    assert!(!err.contains("not-a-key-0123"), "{err}");
}

#[test]
fn the_deadline_settings_are_printed_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let o = pause(dir.path(), &["speak-up", "config"]);
    assert_eq!(o.status.code(), Some(0));
    let (out, _) = text(&o);
    assert!(
        out.contains("2 working days")
            && out.contains("20 working days")
            && out.contains("3 months"),
        "{out}"
    );
    std::fs::write(
        dir.path().join("c.toml"),
        "retention = \"6 months\"\n[deadlines.patient-safety]\nacknowledge = \"2 wrking days\"\n",
    )
    .unwrap();
    let o = pause(dir.path(), &["speak-up", "config", "c.toml"]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(
        err.contains("c.toml") && err.contains("line 3") && err.contains("2 wrking days"),
        "{err}"
    );
}

#[test]
fn the_org_chart_imports_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("p.db").display());
    std::fs::write(
        dir.path().join("bad.csv"),
        "email,role,manager,service\nann@t.nhs.uk,staff,bob@t.nhs.uk,Pharmacy\nbob@t.nhs.uk,line-manager,ann@t.nhs.uk,Pharmacy\ncy@t.nhs.uk,boss,,Pharmacy\n",
    )
    .unwrap();
    let o = pause(dir.path(), &["org", "import", "bad.csv", "--database", &db]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(err.contains("nothing changed"), "{err}");
    assert!(err.contains("line 4") && err.contains("boss"), "{err}");
    assert!(
        err.contains("ann@t.nhs.uk") && err.contains("bob@t.nhs.uk"),
        "a loop: {err}"
    );
    let list = text(&pause(dir.path(), &["users", "list", "--database", &db])).0;
    assert!(!list.contains("ann@t.nhs.uk"), "{list}");

    std::fs::write(
        dir.path().join("good.csv"),
        "Email,Role,Manager,Service\nhead@t.nhs.uk,head-of-service,,Pharmacy\nbob@t.nhs.uk,line-manager,head@t.nhs.uk,Pharmacy\nann@t.nhs.uk,staff,bob@t.nhs.uk,Pharmacy\n",
    )
    .unwrap();
    let o = pause(
        dir.path(),
        &["org", "import", "good.csv", "--database", &db],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(text(&o).0.contains("3 added, 0 updated"), "{:?}", text(&o));
    let list = text(&pause(dir.path(), &["users", "list", "--database", &db])).0;
    assert!(
        list.lines().any(|l| l.starts_with("ann@t.nhs.uk")
            && l.contains("bob@t.nhs.uk")
            && l.contains("Pharmacy")),
        "{list}"
    );
    // Not UTF-8: named, nothing changed.
    std::fs::write(
        dir.path().join("latin1.csv"),
        b"email,role,manager,service\nz\xe9@t.nhs.uk,staff,,\n",
    )
    .unwrap();
    let o = pause(
        dir.path(),
        &["org", "import", "latin1.csv", "--database", &db],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("not UTF-8"), "{:?}", text(&o));
}

#[test]
fn the_audit_log_verifies_and_tampering_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.db");
    let db = format!("sqlite://{}", file.display());
    let key = dir.path().join("speak-up.key");
    assert!(
        pause(dir.path(), &["speak-up", "keygen", key.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::write(
        dir.path().join("org.csv"),
        "email,role,manager,service\nguardian@t.nhs.uk,speak-up-guardian,,Corporate\n",
    )
    .unwrap();
    assert!(
        pause(dir.path(), &["org", "import", "org.csv", "--database", &db])
            .status
            .success()
    );

    let serve = Serve::start(dir.path(), &db, &key);
    let c = Client::new(&serve.base);
    const TEXT: &str = "Heron-Lantern-3390: temperature logs for the vaccine fridge are being filled in afterwards.";
    let r = c.post_json(
        "/api/v1/concerns",
        &serde_json::json!({"category": "patient-safety", "text": TEXT, "identity": "anonymous", "recipient": "guardian", "passphrase": "a long enough passphrase"}).to_string(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let receipt = r.json()["receipt"].as_str().unwrap().to_string();
    let view = c.get_with(
        &format!("/api/v1/concerns/receipt/{receipt}"),
        &[("Pause-Passphrase", "a long enough passphrase")],
    );
    assert_eq!(view.status, 200);
    let log = serve.stop();
    assert!(
        !log.contains("Heron-Lantern"),
        "the concern reached the log"
    );
    assert!(!log.contains(&receipt), "the receipt reached the log");
    assert!(log.contains("speaking up is on"), "{log}");
    for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
        if f.file_name().to_string_lossy().starts_with("p.db") {
            assert!(!contains_bytes(
                &std::fs::read(f.path()).unwrap(),
                b"Heron-Lantern"
            ));
        }
    }

    let verify = |key: &Path| {
        pause(
            dir.path(),
            &[
                "audit-log",
                "verify",
                "--database",
                &db,
                "--speak-up-key-file",
                key.to_str().unwrap(),
            ],
        )
    };
    let o = verify(&key);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(
        text(&o).0.contains("audit log intact: 2 entries"),
        "{:?}",
        text(&o)
    );
    // Without the key it cannot be checked; with another key, nothing matches.
    let o = pause(dir.path(), &["audit-log", "verify", "--database", &db]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("keyed"), "{:?}", text(&o));
    let other = dir.path().join("other.key");
    assert!(
        pause(dir.path(), &["speak-up", "keygen", other.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(verify(&other).status.code(), Some(1));

    // Someone with the database but not the key rewrites who looked at the case.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&db).await.unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'user:1' WHERE seq = 2")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let o = verify(&key);
    assert_eq!(o.status.code(), Some(1));
    let (out, _) = text(&o);
    assert!(
        out.contains("NOT intact") && out.contains("entry 2"),
        "{out}"
    );
}
