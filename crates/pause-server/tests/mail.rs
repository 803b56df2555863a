//! Notification e-mail through a real SMTP server on loopback (mailin-embedded on port 0): what
//! arrives, what is refused, and that no password shows in an error.

use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use mailin_embedded::{response, Handler, Response, Server, SslConfig};
use pause_server::mail::{attention_message, MailConfig, MailError, Mailer, SEND_TIMEOUT};

const FROM: &str = "Pause <pause@trust.example>";
const PUBLIC_URL: &str = "https://pause.trust.example";
const PASSWORD: &str = "hunter2-Secret";
/// The server answers 550 to this recipient, naming it.
const UNKNOWN: &str = "nobody@trust.example";

/// One message as the server received it: the envelope and the DATA, dot-unstuffed.
#[derive(Debug, Default, Clone)]
struct Received {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: Vec<u8>,
}

/// mailin-embedded clones the handler for each connection.
#[derive(Clone)]
struct Inbox {
    current: Received,
    delivered: mpsc::Sender<Received>,
}

impl Handler for Inbox {
    fn rcpt(&mut self, to: &str) -> Response {
        if to == UNKNOWN {
            // Echoing the address, as Postfix does.
            Response::custom(550, format!("5.1.1 <{to}>: Recipient address rejected"))
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Received {
            mail_from: from.to_string(),
            rcpt_to: to.to_vec(),
            data: Vec::new(),
        };
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let _ = self.delivered.send(std::mem::take(&mut self.current));
        response::OK
    }
}

/// Starts an SMTP server on a free loopback port; it runs until the test process ends.
fn smtp_server() -> (SocketAddr, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (delivered, inbox) = mpsc::channel();
    let mut server = Server::new(Inbox {
        current: Received::default(),
        delivered,
    });
    server
        .with_name("mx.trust.example")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        if let Err(e) = server.serve() {
            eprintln!("the test SMTP server stopped: {e}");
        }
    });
    (addr, inbox)
}

fn config(smtp_url: String) -> MailConfig {
    MailConfig {
        smtp_url,
        from: FROM.into(),
        public_url: PUBLIC_URL.into(),
    }
}

/// A loopback port with nothing listening on it.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The message split into (header name in lower case, unfolded value) pairs and the body with
/// LF line endings.
fn parse(data: &[u8]) -> (Vec<(String, String)>, String) {
    let text = std::str::from_utf8(data).expect("the message is ASCII");
    let (head, body) = text.split_once("\r\n\r\n").expect("headers end");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            headers.last_mut().expect("a header to continue").1 += line;
        } else {
            let (name, value) = line.split_once(':').expect("a header line");
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    (headers, body.replace("\r\n", "\n"))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    let found: Vec<&str> = headers
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(found.len(), 1, "exactly one {name} header in {headers:?}");
    found[0]
}

#[tokio::test]
async fn the_attention_message_arrives_and_says_nothing_else() {
    let (addr, inbox) = smtp_server();
    let mailer = Mailer::new(config(format!("smtp://{addr}"))).unwrap();

    mailer
        .send_attention("guardian@trust.example")
        .await
        .unwrap();
    let got = inbox.recv_timeout(Duration::from_secs(5)).unwrap();

    // The envelope.
    assert_eq!(got.mail_from, "pause@trust.example");
    assert_eq!(got.rcpt_to, ["guardian@trust.example"]);

    // The headers: the expected ones and no others, so nothing rides in a header.
    let (headers, body) = parse(&got.data);
    assert_eq!(header(&headers, "from"), FROM);
    assert_eq!(header(&headers, "to"), "guardian@trust.example");
    assert_eq!(
        header(&headers, "subject"),
        "Pause: something needs your attention"
    );
    assert_eq!(
        header(&headers, "content-type"),
        "text/plain; charset=utf-8"
    );
    assert_eq!(header(&headers, "content-transfer-encoding"), "7bit");
    for (name, value) in &headers {
        assert!(
            [
                "from",
                "to",
                "subject",
                "date",
                "message-id",
                "mime-version",
                "content-type",
                "content-transfer-encoding"
            ]
            .contains(&name.as_str()),
            "unexpected header {name}: {value}"
        );
    }

    // The body: exactly the fixed text, which holds the link and nothing of any case.
    let (subject, expected) = attention_message(PUBLIC_URL);
    assert_eq!(subject, "Pause: something needs your attention");
    // The CRLF that ends the mail data (RFC 5321 4.1.1.4) ends the last line.
    assert_eq!(body.strip_suffix('\n'), Some(expected.as_str()));
    assert!(body.contains("\nhttps://pause.trust.example/notifications\n"));
    assert!(body.contains("speak-up"));
}

#[tokio::test]
async fn every_recipient_gets_the_same_message() {
    let (addr, inbox) = smtp_server();
    let mailer = Mailer::new(config(format!("smtp://{addr}"))).unwrap();
    let mut bodies = Vec::new();
    for to in [
        "line.manager@trust.example",
        "Head.Of.Service@trust.example",
    ] {
        mailer.send_attention(to).await.unwrap();
        let got = inbox.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(got.rcpt_to, [to]);
        bodies.push(parse(&got.data).1);
    }
    assert_eq!(bodies[0], bodies[1]);
}

#[tokio::test]
async fn the_servers_refusal_is_reported() {
    let (addr, inbox) = smtp_server();
    let mailer = Mailer::new(config(format!("smtp://{addr}"))).unwrap();
    let err = mailer.send_attention(UNKNOWN).await.unwrap_err();
    assert!(matches!(err, MailError::Send { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(shown.contains("550"), "{shown}");
    assert!(shown.contains("Recipient address rejected"), "{shown}");
    assert!(shown.contains(&format!("smtp://{addr}")), "{shown}");
    assert!(
        !shown.contains(UNKNOWN),
        "the recipient is not named: {shown}"
    );
    assert!(inbox.try_recv().is_err(), "nothing was delivered");
}

#[tokio::test]
async fn an_unreachable_server_fails_fast_without_the_password() {
    let port = closed_port();
    let mailer = Mailer::new(config(format!("smtp://pause:{PASSWORD}@127.0.0.1:{port}"))).unwrap();
    let started = Instant::now();
    let err = mailer
        .send_attention("guardian@trust.example")
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        took < SEND_TIMEOUT / 4,
        "refused at once, not timed out: {took:?}"
    );
    assert!(matches!(err, MailError::Send { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(shown.contains(&format!("127.0.0.1:{port}")), "{shown}");
    assert!(shown.contains("pause:***@"), "{shown}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(!format!("{err:?}").contains(PASSWORD));
    assert!(!format!("{mailer:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_silent_server_times_out() {
    // Accepts connections and never greets.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let mailer = Mailer::new(config(format!("smtp://{addr}"))).unwrap();
    let started = Instant::now();
    let err = mailer
        .send_attention("guardian@trust.example")
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, MailError::Timeout { .. }), "{err:?}");
    assert!(
        took >= SEND_TIMEOUT.saturating_sub(Duration::from_millis(100)) && took < SEND_TIMEOUT * 2,
        "{took:?}"
    );
}

#[test]
fn bad_smtp_urls_are_refused_by_name_without_the_password() {
    for url in [
        format!("smtpx://pause:{PASSWORD}@mail.trust.example:25"),
        format!("pause:{PASSWORD}@mail.trust.example"),
        format!("smtp://pause:{PASSWORD}@mail.trust.example:99999"),
        format!("smtp://pause:{PASSWORD}@:25"),
        format!("smtp://pause:{PASSWORD}@mail.trust.example:587?tls=sometimes"),
        format!("smtps://pause:{PASSWORD}%FF@mail.trust.example:465"),
    ] {
        let err = Mailer::new(config(url.clone())).unwrap_err();
        assert!(matches!(err, MailError::SmtpUrl { .. }), "{url}: {err:?}");
        let shown = err.to_string();
        assert!(shown.starts_with("the SMTP URL `"), "{shown}");
        assert!(!shown.contains(PASSWORD), "{shown}");
        assert!(!format!("{err:?}").contains(PASSWORD), "{err:?}");
    }
}

#[test]
fn a_bad_from_address_is_refused_by_name() {
    for from in [
        "Pause pause.trust.example",
        "pause@",
        "Pause <pause@trust.example",
        "",
    ] {
        let err = Mailer::new(MailConfig {
            smtp_url: format!("smtps://pause:{PASSWORD}@mail.trust.example:465"),
            from: from.into(),
            public_url: PUBLIC_URL.into(),
        })
        .unwrap_err();
        assert!(matches!(err, MailError::From { .. }), "{from}: {err:?}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("the from address `{from}`")),
            "{shown}"
        );
        assert!(!shown.contains(PASSWORD), "{shown}");
    }
}

#[tokio::test]
async fn a_bad_recipient_is_refused_before_connecting() {
    let mailer = Mailer::new(config(format!("smtp://127.0.0.1:{}", closed_port()))).unwrap();
    let err = mailer
        .send_attention("guardian at trust")
        .await
        .unwrap_err();
    assert!(matches!(err, MailError::Recipient { .. }), "{err:?}");
    assert!(!err.to_string().contains("guardian"), "{err}");
}
