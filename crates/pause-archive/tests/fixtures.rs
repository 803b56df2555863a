//! Every fixture in `tests/fixtures/` reads to exactly the posts written into it, no more and
//! no fewer, with no problems; and the committed fixtures are what the generator writes.

#[path = "support/gen.rs"]
mod gen;

use std::path::{Path, PathBuf};

use pause_archive::{open, Kind, Packaging, Platform, Post, ReadReport};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Reads `path` on the reader thread, returning the posts as JSON and the report.
fn read(path: &Path) -> (Vec<Value>, ReadReport, Platform, Packaging) {
    let archive = open(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (platform, packaging) = (archive.platform(), archive.packaging());
    let mut posts = archive.posts();
    let read: Vec<Post> = posts.by_ref().collect();
    let report = posts.finish();
    let json = read
        .iter()
        .map(|p| serde_json::to_value(p).expect("post serialises"))
        .collect();
    (json, report, platform, packaging)
}

fn sorted(mut posts: Vec<Value>) -> Vec<Value> {
    posts.sort_by_key(|p| {
        (
            p["source"].as_str().map(str::to_owned),
            p["id"].as_str().map(str::to_owned),
            p.to_string(),
        )
    });
    posts
}

#[track_caller]
fn assert_reads_exactly(fixture: &str, expected: &str, platform: Platform, packaging: Packaging) {
    let path = fixtures().join(fixture);
    let want = gen::read_expected(&fixtures().join(format!("{expected}.expected.jsonl")))
        .expect("expected posts");
    let (got, report, found, packed) = read(&path);
    assert_eq!(
        (found, packed),
        (platform, packaging),
        "{fixture}: platform and packaging"
    );
    assert!(
        report.problems.is_empty(),
        "{fixture}: problems: {:#?}",
        report.problems
    );
    assert!(
        report.files.iter().all(|f| f.complete),
        "{fixture}: {:#?}",
        report.files
    );
    assert_eq!(
        report.counts().total(),
        want.len() as u64,
        "{fixture}: posts counted"
    );
    assert_eq!(got.len(), want.len(), "{fixture}: posts read");
    let (got, want) = (sorted(got), sorted(want));
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{fixture}: post differs");
    }
}

#[test]
fn x_2023_zip() {
    assert_reads_exactly("x-2023.zip", "x-2023", Platform::X, Packaging::Zip);
}

#[test]
fn x_2023_folder() {
    assert_reads_exactly("x-2023", "x-2023", Platform::X, Packaging::Folder);
}

#[test]
fn x_2023_single_part_file() {
    // One file on its own: no manifest, so links cannot name the account.
    let path = fixtures().join("x-2023/data/tweets-part1.js");
    let (got, report, platform, packaging) = read(&path);
    assert_eq!((platform, packaging), (Platform::X, Packaging::File));
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(got.len(), 12);
    assert!(got.iter().all(|p| p["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://x.com/i/status/"))));
}

#[test]
fn x_2019_tweet_js() {
    assert_reads_exactly("x-2019", "x-2019", Platform::X, Packaging::Folder);
}

#[test]
fn x_grailbird() {
    assert_reads_exactly("x-grailbird", "x-grailbird", Platform::X, Packaging::Folder);
}

#[test]
fn mastodon_zip() {
    assert_reads_exactly(
        "mastodon.zip",
        "mastodon",
        Platform::Mastodon,
        Packaging::Zip,
    );
}

#[test]
fn mastodon_tar_gz() {
    assert_reads_exactly(
        "mastodon.tar.gz",
        "mastodon",
        Platform::Mastodon,
        Packaging::TarGz,
    );
}

#[test]
fn bluesky_car() {
    assert_reads_exactly("repo.car", "repo", Platform::Bluesky, Packaging::File);
}

#[test]
fn facebook_2020_layout() {
    assert_reads_exactly(
        "facebook-2020",
        "facebook-2020",
        Platform::Facebook,
        Packaging::Folder,
    );
}

#[test]
fn facebook_2022_layout() {
    assert_reads_exactly(
        "facebook-2022",
        "facebook-2022",
        Platform::Facebook,
        Packaging::Folder,
    );
}

#[test]
fn facebook_2024_layout_zip() {
    assert_reads_exactly(
        "facebook-2024.zip",
        "facebook-2024",
        Platform::Facebook,
        Packaging::Zip,
    );
}

#[test]
fn instagram() {
    assert_reads_exactly(
        "instagram",
        "instagram",
        Platform::Instagram,
        Packaging::Folder,
    );
}

#[test]
fn linkedin_both_quoting_styles() {
    assert_reads_exactly(
        "linkedin",
        "linkedin",
        Platform::LinkedIn,
        Packaging::Folder,
    );
}

#[test]
fn generic_csv() {
    assert_reads_exactly("posts.csv", "posts.csv", Platform::Csv, Packaging::File);
}

#[test]
fn generic_jsonl() {
    assert_reads_exactly(
        "posts.jsonl",
        "posts.jsonl",
        Platform::JsonLines,
        Packaging::File,
    );
}

#[test]
fn per_file_counts_by_kind() {
    let (_, report, _, _) = read(&fixtures().join("x-2023.zip"));
    let want = gen::read_expected(&fixtures().join("x-2023.expected.jsonl")).expect("expected");
    for file in &report.files {
        let of_file: Vec<&Value> = want
            .iter()
            .filter(|p| p["source"] == file.file.as_str())
            .collect();
        let count = |kind: &str| of_file.iter().filter(|p| p["kind"] == kind).count() as u64;
        assert_eq!(file.counts.own, count("own"), "{}", file.file);
        assert_eq!(file.counts.reply, count("reply"), "{}", file.file);
        assert_eq!(file.counts.repost, count("repost"), "{}", file.file);
        assert_eq!(
            file.counts.direct_message,
            count("direct-message"),
            "{}",
            file.file
        );
    }
    let names: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        names,
        [
            "data/tweets.js",
            "data/tweets-part1.js",
            "data/community-tweet.js",
            "data/twitter-circle-tweet.js",
            "data/deleted-tweets.js",
            "data/direct-messages.js",
            "data/direct-messages-group.js",
            "data/note-tweet.js",
        ]
    );
    // Records: every message in the DM file, the person's or not.
    let dms = report
        .files
        .iter()
        .find(|f| f.file == "data/direct-messages.js")
        .expect("dm report");
    assert_eq!((dms.records, dms.counts.direct_message), (4, 2));
}

#[test]
fn retweets_are_reposts_not_own_words() {
    let archive = open(&fixtures().join("x-2023.zip"), None).expect("open");
    let mut reposts = Vec::new();
    let _ = archive.read(|p| {
        if p.kind == Kind::Repost {
            reposts.push(p.text);
        }
    });
    assert!(!reposts.is_empty());
    assert!(
        reposts.iter().all(|t| t.starts_with("RT @ward7_news: ")),
        "{reposts:?}"
    );
}

#[test]
fn long_posts_are_read_whole_from_note_tweets() {
    let (got, ..) = read(&fixtures().join("x-2023.zip"));
    let long = got
        .iter()
        .find(|p| p["text"] == gen::LONG)
        .expect("the long post, whole");
    assert_eq!(long["source"], "data/tweets.js");
    assert!(got.iter().all(|p| !p["text"]
        .as_str()
        .unwrap_or_default()
        .contains("https://t.co/")));
}

#[test]
fn callback_and_iterator_read_the_same() {
    let path = fixtures().join("mastodon.zip");
    let mut by_callback = Vec::new();
    let report = open(&path, None)
        .expect("open")
        .read(|p| by_callback.push(p));
    let by_iterator: Vec<Post> = open(&path, None).expect("open").posts().collect();
    assert_eq!(by_callback, by_iterator);
    assert_eq!(report.files.len(), 1);
}

#[test]
fn stopping_early_ends_the_reader() {
    let mut posts = open(&fixtures().join("x-2023.zip"), None)
        .expect("open")
        .posts();
    assert!(posts.next().is_some());
    drop(posts);
}

#[test]
fn committed_fixtures_match_the_generator() {
    let dir = tempfile::tempdir().expect("tempdir");
    gen::write_all(dir.path()).expect("generate");
    let mut stale = Vec::new();
    compare_dirs(dir.path(), &fixtures(), dir.path(), &mut stale);
    assert!(
        stale.is_empty(),
        "fixtures differ from the generator; run `cargo run -p pause-archive --example make_fixtures`: {stale:?}"
    );
}

fn compare_dirs(generated: &Path, committed: &Path, root: &Path, stale: &mut Vec<String>) {
    let Ok(items) = std::fs::read_dir(generated) else {
        return;
    };
    for item in items.flatten() {
        let path = item.path();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let other = committed.join(&rel);
        if path.is_dir() {
            compare_dirs(&path, committed, root, stale);
        } else if std::fs::read(&path).ok() != std::fs::read(&other).ok() {
            stale.push(rel.display().to_string());
        }
    }
}
