//! Bad input: zip bombs, damaged archives, cut and corrupt files, unknown formats, empty
//! exports. Every problem names the file and, where it can, the position; the rest of the
//! export is still read.

#[path = "support/gen.rs"]
mod gen;

use std::io::Write;
use std::path::{Path, PathBuf};

use pause_archive::{
    open, open_bytes, open_with, ArchiveError, Limits, Platform, Post, ReadReport,
};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read_all(path: &Path, limits: Limits) -> (Vec<Post>, ReadReport) {
    let archive =
        open_with(path, None, limits).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut posts = Vec::new();
    let report = archive.read(|p| posts.push(p));
    (posts, report)
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn x_export() -> gen::Export {
    gen::x_archive().0
}

fn expected_x() -> usize {
    gen::x_archive().1.len()
}

/// Posts from `source` in the fixture's expected posts.
fn expected_from(source: &str) -> usize {
    gen::x_archive()
        .1
        .iter()
        .filter(|p| p["source"] == source)
        .count()
}

// ------------------------------------------------------------------ zip bombs

/// A tweets file that decompresses 40 MB of spaces (about 1000:1).
fn bomb() -> Vec<u8> {
    let mut tweets = b"window.YTD.tweets.part0 = [".to_vec();
    tweets.resize(40 << 20, b' ');
    tweets.extend_from_slice(b"]");
    tweets
}

#[test]
fn zip_bomb_ratio_is_refused_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    ex.add("data/tweets-part1.js", bomb());
    let path = dir.path().join("bomb.zip");
    std::fs::write(&path, ex.zip_bytes().expect("zip")).expect("write");

    let (posts, report) = read_all(&path, Limits::default());
    let ratio: Vec<_> = report
        .problems
        .iter()
        .filter(|p| matches!(p, ArchiveError::RatioTooHigh { .. }))
        .collect();
    assert_eq!(ratio.len(), 1, "{:#?}", report.problems);
    assert_eq!(ratio[0].file(), Some("data/tweets-part1.js"));
    assert!(ratio[0].to_string().contains("zip bomb"), "{}", ratio[0]);
    // Everything but the bomb is read; the long post whose cut tweet was in the bomb's place
    // is still read whole from note-tweet.js.
    assert_eq!(
        posts.len(),
        expected_x() - expected_from("data/tweets-part1.js") + 1
    );
    let part1 = report
        .files
        .iter()
        .find(|f| f.file == "data/tweets-part1.js")
        .expect("reported");
    assert!(!part1.complete);
}

#[test]
fn per_file_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.zip");
    std::fs::write(&path, x_export().zip_bytes().expect("zip")).expect("write");
    let limits = Limits {
        max_entry_bytes: 4096,
        ..Limits::default()
    };
    let (_, report) = read_all(&path, limits);
    let too_large: Vec<_> = report
        .problems
        .iter()
        .filter(|p| matches!(p, ArchiveError::EntryTooLarge { .. }))
        .collect();
    assert!(
        too_large.iter().any(|p| p.file() == Some("data/tweets.js")),
        "{:#?}",
        report.problems
    );
    assert!(
        too_large[0]
            .to_string()
            .contains("over the limit of 4096 bytes"),
        "{}",
        too_large[0]
    );
}

#[test]
fn total_size_limit_stops_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("x.zip");
    std::fs::write(&path, x_export().zip_bytes().expect("zip")).expect("write");
    let limits = Limits {
        max_total_bytes: 20_000,
        ..Limits::default()
    };
    let (posts, report) = read_all(&path, limits);
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, ArchiveError::TotalTooLarge { .. })),
        "{:#?}",
        report.problems
    );
    assert!(posts.len() < expected_x());
}

#[test]
fn a_tar_gz_bomb_is_refused() {
    // A tar.gz has no directory to check first: the ratio is enforced as bytes arrive, and
    // listing the entries already trips it.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = gen::Export::default();
    let mut outbox = br#"{"type":"OrderedCollection","orderedItems":[],"padding":""#.to_vec();
    outbox.resize(30 << 20, b'a');
    outbox.extend_from_slice(b"\"}");
    ex.add("outbox.json", outbox);
    let path = dir.path().join("m.tar.gz");
    std::fs::write(&path, ex.tar_gz_bytes().expect("tar")).expect("write");
    let err = open(&path, None).expect_err("bomb");
    assert!(matches!(err, ArchiveError::RatioTooHigh { .. }), "{err}");
    assert!(err.to_string().contains("m.tar.gz"), "{err}");
}

// ------------------------------------------------------------------ damaged archives

#[test]
fn truncated_zip_reads_the_entries_before_the_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = x_export().zip_bytes().expect("zip");
    // Cut two thirds in: the directory at the end is gone, and so is the entry cut through.
    let cut = bytes.len() * 2 / 3;
    let path = dir.path().join("cut.zip");
    std::fs::write(&path, &bytes[..cut]).expect("write");

    let (posts, report) = read_all(&path, Limits::default());
    assert!(
        matches!(
            report.problems.first(),
            Some(ArchiveError::DamagedZip { .. })
        ),
        "{:#?}",
        report.problems
    );
    assert!(!posts.is_empty(), "entries before the cut are read");
    // The cut entry is reported with where it stopped; entries after it are lost, and said to be.
    assert!(report.problems.len() >= 2, "{:#?}", report.problems);
}

#[test]
fn not_a_zip_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.zip");
    std::fs::write(&path, b"PK\x03\x04 this is not really a zip").expect("write");
    let err = open(&path, None).expect_err("not a zip");
    assert!(matches!(err, ArchiveError::Zip { .. }), "{err}");
    assert!(err.to_string().contains("broken.zip"), "{err}");
}

#[test]
fn corrupt_entry_is_reported_and_the_others_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = x_export().zip_bytes().expect("zip");
    // Flip bytes in the middle of data/tweets.js's compressed data.
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("zip");
    let index = archive.index_for_name("data/tweets.js").expect("present");
    let mut archive = archive;
    let (start, len) = {
        let f = archive.by_index_raw(index).expect("entry");
        (
            usize::try_from(f.data_start()).expect("fits"),
            usize::try_from(f.compressed_size()).expect("fits"),
        )
    };
    for b in &mut bytes[start + len / 2..start + len / 2 + 16] {
        *b ^= 0x5a;
    }
    let path = dir.path().join("corrupt.zip");
    std::fs::write(&path, &bytes).expect("write");

    let (posts, report) = read_all(&path, Limits::default());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.file() == Some("data/tweets.js")),
        "{:#?}",
        report.problems
    );
    let others = expected_x() - expected_from("data/tweets.js");
    assert!(
        posts.len() >= others,
        "{} posts; the other files hold {others}",
        posts.len()
    );
    assert!(
        report
            .files
            .iter()
            .filter(|f| f.file != "data/tweets.js")
            .all(|f| f.complete),
        "{:#?}",
        report.files
    );
}

#[test]
fn truncated_json_names_file_and_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    let tweets = ex.files["data/tweets.js"].clone();
    let cut = tweets.len() / 2;
    ex.add("data/tweets.js", tweets[..cut].to_vec());
    let root = dir.path().join("x");
    ex.write_folder(&root).expect("write");

    let (posts, report) = read_all(&root, Limits::default());
    let problems: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.file() == Some("data/tweets.js"))
        .collect();
    assert_eq!(problems.len(), 1, "{:#?}", report.problems);
    let position = problems[0].position().expect("position");
    let lines = tweets[..cut].split(|&b| b == b'\n').count() as u64;
    assert_eq!(position.line, Some(lines), "{}", problems[0]);
    assert!(
        problems[0].to_string().contains("truncated"),
        "{}",
        problems[0]
    );
    // Some of tweets.js and all of every other file.
    let others = expected_x() - expected_from("data/tweets.js");
    assert!(posts.len() > others && posts.len() < expected_x());
    // A file cut short is not also reported as a count mismatch.
    assert!(!report
        .problems
        .iter()
        .any(|p| matches!(p, ArchiveError::CountMismatch { .. })));
}

#[test]
fn a_broken_record_is_skipped_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    let tweets = String::from_utf8(ex.files["data/tweets.js"].clone()).expect("utf8");
    // Break the third record's `"favorited" : false` into invalid JSON.
    let mut seen = 0;
    let broken: String = tweets
        .split_inclusive('\n')
        .map(|line| {
            if line.contains("\"favorited\": false") {
                seen += 1;
                if seen == 3 {
                    return line.replace("false", "fals");
                }
            }
            line.to_owned()
        })
        .collect();
    ex.add("data/tweets.js", broken.clone());
    let root = dir.path().join("x");
    ex.write_folder(&root).expect("write");

    let (posts, report) = read_all(&root, Limits::default());
    assert_eq!(posts.len(), expected_x() - 1);
    let problem = report
        .problems
        .iter()
        .find(|p| p.file() == Some("data/tweets.js"))
        .expect("reported");
    let position = problem.position().expect("position");
    assert_eq!(position.record, Some(3), "{problem}");
    let line = broken
        .lines()
        .position(|l| l.contains("fals,"))
        .expect("line") as u64
        + 1;
    assert_eq!(position.line, Some(line), "{problem}");
    // The file still counts as read to its end, and its count still matches the manifest.
    assert!(!report
        .problems
        .iter()
        .any(|p| matches!(p, ArchiveError::CountMismatch { .. })));
}

#[test]
fn truncated_car_reads_what_is_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (car, expected) = gen::bluesky_car();
    let path = dir.path().join("repo.car");
    // The commit and tree come first; cut off the last records.
    std::fs::write(&path, &car[..car.len() - 400]).expect("write");
    let (posts, report) = read_all(&path, Limits::default());
    assert!(
        !posts.is_empty() && posts.len() < expected.len(),
        "{} of {}",
        posts.len(),
        expected.len()
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, ArchiveError::Car { .. })),
        "{:#?}",
        report.problems
    );
    let cut = report
        .problems
        .iter()
        .find(|p| p.to_string().contains("truncated"))
        .expect("cut reported");
    assert_eq!(cut.file(), Some("repo.car"));
    let missing = report
        .problems
        .iter()
        .filter(|p| p.to_string().contains("is missing"))
        .count();
    assert_eq!(
        posts.len() + missing,
        expected.len(),
        "each lost record is reported: {:#?}",
        report.problems
    );
}

#[test]
fn corrupt_car_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("repo.car");
    std::fs::write(
        &path,
        [
            0x0a, 0xa2, 0x65, b'r', b'o', b'o', b't', b's', 0xff, 0xff, 0xff,
        ],
    )
    .expect("write");
    let (posts, report) = read_all(&path, Limits::default());
    assert!(posts.is_empty());
    let problem = report.problems.first().expect("reported");
    assert!(matches!(problem, ArchiveError::Car { .. }), "{problem}");
    assert_eq!(problem.file(), Some("repo.car"));
}

// ------------------------------------------------------------------ what the export says it holds

#[test]
fn a_part_listed_in_the_manifest_but_missing_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    ex.files.remove("data/tweets-part1.js");
    let root = dir.path().join("x");
    ex.write_folder(&root).expect("write");
    let (_, report) = read_all(&root, Limits::default());
    let missing = report
        .problems
        .iter()
        .find(|p| matches!(p, ArchiveError::Missing { .. }))
        .expect("reported");
    assert_eq!(missing.file(), Some("data/tweets-part1.js"));
    assert!(
        missing.to_string().contains("data/manifest.js"),
        "{missing}"
    );
}

#[test]
fn a_count_that_differs_from_the_manifest_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    let manifest = String::from_utf8(ex.files["data/manifest.js"].clone()).expect("utf8");
    ex.add(
        "data/manifest.js",
        manifest.replace("\"count\": \"30\"", "\"count\": \"31\""),
    );
    let root = dir.path().join("x");
    ex.write_folder(&root).expect("write");
    let (_, report) = read_all(&root, Limits::default());
    let mismatch = report
        .problems
        .iter()
        .find(|p| matches!(p, ArchiveError::CountMismatch { .. }))
        .expect("reported");
    assert_eq!(mismatch.file(), Some("data/tweets.js"));
    assert!(
        mismatch
            .to_string()
            .contains("30 records read but data/manifest.js says it holds 31"),
        "{mismatch}"
    );
}

#[test]
fn an_undeclared_part_is_still_read() {
    // Never silently skip: a part the manifest does not list is read all the same.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ex = x_export();
    let part1 = ex.files["data/tweets-part1.js"].clone();
    let part2 = String::from_utf8(part1)
        .expect("utf8")
        .replace("tweets.part1", "tweets.part2");
    let part2 = part2.replace("\"id_str\": \"16", "\"id_str\": \"26");
    ex.add("data/tweets-part2.js", part2);
    let root = dir.path().join("x");
    ex.write_folder(&root).expect("write");
    let (posts, report) = read_all(&root, Limits::default());
    assert_eq!(
        posts.len(),
        expected_x() + expected_from("data/tweets-part1.js")
    );
    assert!(report
        .files
        .iter()
        .any(|f| f.file == "data/tweets-part2.js" && f.complete));
}

// ------------------------------------------------------------------ what cannot be read at all

#[test]
fn unknown_format_lists_what_is_supported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "just some notes").expect("write");
    let err = open(&path, None).expect_err("unknown");
    let message = err.to_string();
    assert!(
        matches!(err, ArchiveError::UnknownFormat { .. }),
        "{message}"
    );
    for platform in [
        "X (Twitter)",
        "Mastodon",
        "Bluesky",
        "Facebook",
        "Instagram",
        "LinkedIn",
        "CSV",
        "JSON Lines",
    ] {
        assert!(
            message.contains(platform),
            "{platform} missing from: {message}"
        );
    }
}

#[test]
fn a_folder_of_photos_is_not_an_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("IMG_0001.jpg"), [0xFF, 0xD8]).expect("write");
    let err = open(dir.path(), None).expect_err("unknown");
    assert!(matches!(err, ArchiveError::UnknownFormat { .. }), "{err}");
}

#[test]
fn empty_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = open(dir.path(), None).expect_err("empty folder");
    assert!(matches!(err, ArchiveError::Empty { .. }), "{err}");

    let path = dir.path().join("empty.zip");
    std::fs::write(&path, zip_of(&[])).expect("write");
    let err = open(&path, None).expect_err("empty zip");
    assert!(matches!(err, ArchiveError::Empty { .. }), "{err}");

    let path = dir.path().join("empty.csv");
    std::fs::write(&path, "").expect("write");
    let err = open(&path, None).expect_err("empty file");
    assert!(err.to_string().contains("empty"), "{err}");

    // An X archive whose tweet files hold no tweets: read, with nothing in it.
    let path = dir.path().join("no-tweets.zip");
    std::fs::write(
        &path,
        zip_of(&[("data/tweets.js", b"window.YTD.tweets.part0 = [ ]")]),
    )
    .expect("write");
    let (posts, report) = read_all(&path, Limits::default());
    assert!(
        posts.is_empty() && report.problems.is_empty(),
        "{:#?}",
        report.problems
    );
    assert_eq!(report.files.len(), 1);
}

#[test]
fn facebook_html_export_says_to_download_json() {
    let err = open(&fixtures().join("facebook-html"), None).expect_err("html");
    assert!(
        matches!(
            err,
            ArchiveError::HtmlExport {
                platform: Platform::Facebook,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("hint: download your information again and choose Format: JSON"),
        "{err}"
    );
}

#[test]
fn a_chosen_platform_that_is_not_there() {
    let err =
        open(&fixtures().join("x-2023.zip"), Some(Platform::Mastodon)).expect_err("not mastodon");
    assert!(
        matches!(
            err,
            ArchiveError::PlatformNotFound {
                platform: Platform::Mastodon,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn several_platforms_in_one_folder_must_be_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    x_export()
        .write_folder(&dir.path().join("x"))
        .expect("write");
    gen::mastodon_outbox()
        .0
        .write_folder(&dir.path().join("m"))
        .expect("write");
    let err = open(dir.path(), None).expect_err("ambiguous");
    assert!(matches!(err, ArchiveError::Ambiguous { .. }), "{err}");
    assert!(err.to_string().contains("--platform"), "{err}");
    let archive = open(dir.path(), Some(Platform::Mastodon)).expect("chosen");
    assert_eq!(archive.posts().count(), gen::mastodon_outbox().1.len());
}

#[test]
fn paths_that_escape_the_folder_are_only_names() {
    // Nothing is extracted, so `../` in a name cannot write anywhere; the entry is read in place.
    let bytes = zip_of(&[
        (
            "../../../../tmp/evil/data/tweets.js",
            b"window.YTD.tweets.part0 = [{\"tweet\":{\"id_str\":\"1\",\"full_text\":\"hi\"}}]",
        ),
        ("/etc/passwd", b"root:x:0:0"),
    ]);
    let archive = open_bytes("evil.zip", bytes, None, Limits::default()).expect("open");
    let posts: Vec<Post> = archive.posts().collect();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].source, "../../../../tmp/evil/data/tweets.js");
    assert!(!Path::new("/tmp/evil").exists());
}

// ------------------------------------------------------------------ large archives

#[test]
fn a_large_multi_part_archive_reads_every_post() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.zip");
    gen::write_large_x(&path, 20_000, 6_000).expect("write");
    let archive = open(&path, None).expect("open");
    assert_eq!(archive.files().len(), 5, "{:?}", archive.files());
    let mut posts = archive.posts();
    let count = posts.by_ref().count();
    let report = posts.finish();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(count, 20_000);
    assert_eq!(report.counts().total(), 20_000);
    let records: Vec<u64> = report.files.iter().map(|f| f.records).collect();
    assert_eq!(records, [6_000, 6_000, 6_000, 2_000]);
}
