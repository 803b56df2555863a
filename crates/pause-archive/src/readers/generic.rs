//! Any CSV file with a text column, and any JSON Lines file whose objects have a text field:
//! for exports of platforms not listed, or posts gathered by other tools.
//!
//! The text column is the first of `text`, `full_text`, `content`, `body`, `message`, `post`,
//! `caption`, `comment`, `sharecommentary` (any case); `id`, a date (`created_at`, `date`,
//! `timestamp`, `published`, ...) and `url` are used when present. Dates may be RFC 3339,
//! `YYYY-MM-DD HH:MM:SS` (taken as UTC) or Unix seconds. CSV quoting may double quotes (`""`,
//! the standard) or escape them with a backslash (`\"`); which one a file uses is judged from
//! its first 64 KiB.

use std::io::{BufRead, Read};

use serde_json::Value;

use super::{from_unix, parse_time, Ctx, FileSink, ReadFail, Stopped};
use crate::container::EntryReader;
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::post::{Audience, Kind, Post};

const TEXT: [&str; 9] = [
    "text",
    "full_text",
    "content",
    "body",
    "message",
    "post",
    "caption",
    "comment",
    "sharecommentary",
];
const ID: [&str; 5] = ["id", "post_id", "tweet_id", "status_id", "uri"];
const DATE: [&str; 9] = [
    "created_at",
    "createdat",
    "date",
    "timestamp",
    "time",
    "published",
    "posted_at",
    "datetime",
    "created",
];
const URL: [&str; 4] = ["url", "link", "permalink", "sharelink"];

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    for entry in ctx.files(Role::Csv) {
        ctx.read_file(&entry, read_csv)?;
    }
    for entry in ctx.files(Role::JsonLines) {
        ctx.read_file(&entry, read_jsonl)?;
    }
    Ok(())
}

/// A CSV reader over `reader`, with the quoting style its first 64 KiB suggest.
pub(crate) fn csv_reader<'r>(
    reader: &'r mut EntryReader<'_>,
    file: &str,
) -> Result<csv::Reader<Box<dyn Read + 'r>>, ArchiveError> {
    let mut head = Vec::new();
    (&mut *reader)
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| super::io_to_archive(file, Position::byte(head.len() as u64), e))?;
    let backslash =
        head.windows(2).any(|w| w == b"\\\"") && malformed(&head, true) < malformed(&head, false);
    let delimiter = if file.to_ascii_lowercase().ends_with(".tsv") {
        b'\t'
    } else {
        b','
    };
    let chained: Box<dyn Read + 'r> = Box::new(std::io::Cursor::new(head).chain(reader));
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true).delimiter(delimiter);
    if backslash {
        builder.escape(Some(b'\\')).double_quote(false);
    }
    Ok(builder.from_reader(chained))
}

/// Records whose field count differs from the header's, parsing `head` in one style.
fn malformed(head: &[u8], backslash: bool) -> usize {
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true);
    if backslash {
        builder.escape(Some(b'\\')).double_quote(false);
    }
    let mut r = builder.from_reader(head);
    let Ok(width) = r.headers().map(csv::StringRecord::len) else {
        return usize::MAX;
    };
    let records: Vec<_> = r.records().collect();
    // The last record may be cut by the 64 KiB window.
    let n = records.len().saturating_sub(1);
    records
        .iter()
        .take(n)
        .filter(|rec| rec.as_ref().map_or(true, |rec| rec.len() != width))
        .count()
}

pub(crate) fn csv_error(file: &str, e: csv::Error) -> ArchiveError {
    let position = e.position().map_or_else(Position::default, |p| Position {
        line: Some(p.line()),
        column: None,
        byte: Some(p.byte()),
        record: Some(p.record()),
    });
    let message = match e.into_kind() {
        csv::ErrorKind::Io(io) => return super::io_to_archive(file, position, io),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where {expected_len} were expected"),
        other => format!("{other:?}"),
    };
    ArchiveError::Csv {
        file: file.to_owned(),
        position,
        message,
    }
}

/// The index of the first header among `names` (compared without case or spaces).
pub(crate) fn column(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    let norm = |h: &str| {
        h.trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
    };
    names
        .iter()
        .find_map(|name| headers.iter().position(|h| norm(h) == *name))
}

pub(crate) fn time_of(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let s = s.trim();
    match s.parse::<i64>() {
        // Seconds, or milliseconds when too large to be seconds.
        Ok(n) if n > 100_000_000_000 => super::from_unix_ms(n),
        Ok(n) => from_unix(n),
        Err(_) => parse_time(s),
    }
}

fn read_csv(reader: &mut EntryReader<'_>, sink: &mut FileSink<'_>) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let mut csv = csv_reader(reader, &file)?;
    let headers = csv.headers().map_err(|e| csv_error(&file, e))?.clone();
    let text = column(&headers, &TEXT).ok_or_else(|| ArchiveError::Record {
        file: file.clone(),
        position: Position {
            line: Some(1),
            ..Position::default()
        },
        message: format!(
            "no text column (looked for {}); the columns are: {}",
            TEXT.join(", "),
            headers.iter().collect::<Vec<_>>().join(", ")
        ),
    })?;
    let (id, date, url) = (
        column(&headers, &ID),
        column(&headers, &DATE),
        column(&headers, &URL),
    );
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                let problem = csv_error(&file, e);
                if fatal {
                    return Err(problem.into());
                }
                sink.problem(problem)?;
                continue;
            }
        }
        n += 1;
        sink.record();
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        sink.post(Post {
            platform: sink.platform,
            id: field(id).map_or_else(|| format!("row-{n}"), str::to_owned),
            created_at: field(date).and_then(time_of),
            url: field(url).map(str::to_owned),
            audience: Audience::Unknown,
            kind: Kind::Own,
            text: record.get(text).unwrap_or_default().to_owned(),
            source: file.clone(),
        })?;
    }
    Ok(())
}

fn read_jsonl(reader: &mut EntryReader<'_>, sink: &mut FileSink<'_>) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let mut line = Vec::new();
    let mut line_no = 0u64;
    let mut byte = 0u64;
    loop {
        line.clear();
        let got = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| super::io_to_archive(&file, Position::byte(byte), e))?;
        if got == 0 {
            break;
        }
        line_no += 1;
        let at = Position {
            line: Some(line_no),
            column: Some(1),
            byte: Some(byte),
            record: None,
        };
        byte += got as u64;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink.record();
        let value: Value = match serde_json::from_slice(&line) {
            Ok(v) => v,
            Err(e) => {
                sink.problem(crate::json::json_error(&file, at, None, &e))?;
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            sink.problem(ArchiveError::Record {
                file: file.clone(),
                position: at,
                message: "expected a JSON object".to_owned(),
            })?;
            continue;
        };
        let get = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| obj.get(*n))
                .filter(|v| !v.is_null())
        };
        let Some(text) = get(&TEXT).and_then(Value::as_str) else {
            sink.problem(ArchiveError::Record {
                file: file.clone(),
                position: at,
                message: format!("no text field (looked for {})", TEXT.join(", ")),
            })?;
            continue;
        };
        let id = match get(&ID) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("line-{line_no}"),
        };
        let created_at = match get(&DATE) {
            Some(Value::String(s)) => time_of(s),
            Some(Value::Number(n)) => n.as_i64().and_then(|n| time_of(&n.to_string())),
            _ => None,
        };
        let kind = match obj.get("kind").and_then(Value::as_str) {
            Some("reply") => Kind::Reply,
            Some("repost") => Kind::Repost,
            Some("direct-message" | "dm") => Kind::DirectMessage,
            _ => Kind::Own,
        };
        let audience = match obj.get("audience").and_then(Value::as_str) {
            Some("public") => Audience::Public,
            Some("unlisted") => Audience::Unlisted,
            Some("followers") => Audience::Followers,
            Some("direct") => Audience::Direct,
            _ => Audience::Unknown,
        };
        sink.post(Post {
            platform: sink.platform,
            id,
            created_at,
            url: get(&URL).and_then(Value::as_str).map(str::to_owned),
            audience,
            kind,
            text: text.to_owned(),
            source: file.clone(),
        })?;
    }
    Ok(())
}
