//! Format quirks not covered by the fixtures, each with a small input made here.

use std::io::Write;

use pause_archive::{open_bytes, ArchiveError, Audience, Kind, Limits, Platform, Post, ReadReport};

fn read(name: &str, bytes: &[u8], platform: Option<Platform>) -> (Vec<Post>, ReadReport) {
    let archive = open_bytes(name, bytes.to_vec(), platform, Limits::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut posts = Vec::new();
    let report = archive.read(|p| posts.push(p));
    (posts, report)
}

fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in files {
        zip.start_file(*name, options).expect("start");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

#[test]
fn facebook_status_updates_of_2018() {
    let json = r#"{"status_updates": [
        {"timestamp": 1514800000, "data": [{"post": "Happy new year from the night shift \u00f0\u009f\u008e\u0086"}], "title": "Jo updated her status."}
    ]}"#;
    let bytes = zip_of(&[("posts/your_posts.json", json)]);
    let (posts, report) = read("facebook.zip", &bytes, None);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].text, "Happy new year from the night shift 🎆");
    assert_eq!(posts[0].platform, Platform::Facebook);
}

#[test]
fn x_archive_inside_a_top_level_folder() {
    let manifest = r#"window.__THAR_CONFIG = {"userInfo": {"accountId": "1", "userName": "jo"},
        "dataTypes": {"tweets": {"files": [{"fileName": "data/tweets.js", "count": "1"}]}}}"#;
    let tweets = r#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "9", "full_text": "a &lt;b&gt; &amp; c", "created_at": "Sat Aug 12 16:10:37 +0000 2023"}}]"#;
    let bytes = zip_of(&[
        ("twitter-2023-08-12/data/manifest.js", manifest),
        ("twitter-2023-08-12/data/tweets.js", tweets),
    ]);
    let (posts, report) = read("twitter.zip", &bytes, None);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(posts[0].text, "a <b> & c");
    assert_eq!(posts[0].url.as_deref(), Some("https://x.com/jo/status/9"));
    assert_eq!(
        posts[0].created_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2023-08-12T16:10:37+00:00")
    );
}

#[test]
fn mastodon_addressing_as_single_strings() {
    let outbox = r#"{"orderedItems": [
        {"type": "Create", "object": {"id": "https://m.example/users/jo/statuses/1", "type": "Note",
         "to": "https://m.example/users/sam", "content": "<p>private</p>"}},
        {"type": "Create", "object": {"id": "https://m.example/users/jo/statuses/2", "type": "Note",
         "to": "as:Public", "content": "<p>hello</p>", "inReplyTo": "https://m.example/x"}}
    ], "totalItems": 2}"#;
    let (posts, report) = read("outbox.json", outbox.as_bytes(), None);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(
        (posts[0].audience, posts[0].kind),
        (Audience::Direct, Kind::DirectMessage)
    );
    assert_eq!(
        (posts[1].audience, posts[1].kind),
        (Audience::Public, Kind::Reply)
    );
}

#[test]
fn mastodon_total_items_mismatch_is_reported() {
    let outbox = r#"{"totalItems": 3, "orderedItems": [{"type": "Announce", "object": "https://o.example/1"}]}"#;
    let (posts, report) = read("outbox.json", outbox.as_bytes(), None);
    assert_eq!(posts.len(), 1);
    assert!(
        matches!(
            report.problems[..],
            [ArchiveError::CountMismatch {
                expected: 3,
                read: 1,
                ..
            }]
        ),
        "{:#?}",
        report.problems
    );
}

#[test]
fn jsonl_bad_lines_are_reported_by_line() {
    let jsonl = "{\"text\": \"one\"}\nnot json\n{\"body\": \"three\", \"created_at\": \"2023-08-12 16:10:37\"}\n[1]\n{\"no_text\": 1}\n";
    let (posts, report) = read("posts.jsonl", jsonl.as_bytes(), None);
    assert_eq!(
        posts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        ["one", "three"]
    );
    let lines: Vec<Option<u64>> = report
        .problems
        .iter()
        .map(|p| p.position().and_then(|p| p.line))
        .collect();
    assert_eq!(lines, [Some(2), Some(4), Some(5)]);
    assert_eq!(report.files[0].records, 5);
}

#[test]
fn csv_without_a_text_column_says_which_columns_it_has() {
    let (posts, report) = read("data.csv", b"name,age\nSam,30\n", None);
    assert!(posts.is_empty());
    let message = report.problems[0].to_string();
    assert!(
        message.contains("no text column") && message.contains("name, age"),
        "{message}"
    );
}

#[test]
fn csv_invalid_utf8_row_is_skipped_with_its_line() {
    let mut csv = b"text\nfine\n".to_vec();
    csv.extend_from_slice(b"bad \xff\xfe\nalso fine\n");
    let (posts, report) = read("posts.csv", &csv, None);
    assert_eq!(
        posts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        ["fine", "also fine"]
    );
    assert_eq!(report.problems[0].position().and_then(|p| p.line), Some(3));
}

#[test]
fn platform_names_parse_with_aliases() {
    for (name, platform) in [
        ("twitter", Platform::X),
        ("X", Platform::X),
        ("bsky", Platform::Bluesky),
        ("ndjson", Platform::JsonLines),
    ] {
        assert_eq!(name.parse::<Platform>(), Ok(platform));
    }
    assert!("myspace".parse::<Platform>().is_err());
}

#[test]
fn a_csv_given_as_jsonl_platform_is_read_as_chosen() {
    let (posts, _) = read(
        "export.txt",
        b"{\"text\": \"hi\"}\n",
        Some(Platform::JsonLines),
    );
    assert_eq!(posts.len(), 1);
}
