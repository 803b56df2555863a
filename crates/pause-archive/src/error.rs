//! Errors: each says which file, and where in it, went wrong.

use std::fmt;
use std::path::PathBuf;

use crate::post::Platform;

/// Where in a file a problem was found. Fields the reader could not know are `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column, in bytes.
    pub column: Option<u64>,
    /// 0-based byte offset into the (decompressed) file.
    pub byte: Option<u64>,
    /// 1-based record number (array element, CSV row, CAR block).
    pub record: Option<u64>,
}

impl Position {
    /// A position known only by its byte offset.
    #[must_use]
    pub fn byte(byte: u64) -> Self {
        Position {
            byte: Some(byte),
            ..Position::default()
        }
    }

    /// A position known only by its record number.
    #[must_use]
    pub fn record(record: u64) -> Self {
        Position {
            record: Some(record),
            ..Position::default()
        }
    }

    /// Whether nothing is known.
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        *self == Position::default()
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(record) = self.record {
            parts.push(format!("record {record}"));
        }
        match (self.line, self.column) {
            (Some(line), Some(column)) => parts.push(format!("line {line}, column {column}")),
            (Some(line), None) => parts.push(format!("line {line}")),
            _ => {}
        }
        if let Some(byte) = self.byte {
            parts.push(format!("byte {byte}"));
        }
        if parts.is_empty() {
            f.write_str("unknown position")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// Everything that can go wrong reading an export.
///
/// Errors returned by [`open`](crate::open) stop the whole read. The same type describes the
/// per-file problems collected while reading ([`ReadReport::problems`](crate::ReadReport)),
/// after which the rest of the export is still read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ArchiveError {
    /// The path could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path given.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },

    /// Nothing recognisable was found.
    #[error("{} is not an export this tool can read{}\nsupported: {}", path.display(), detail_suffix(detail), supported_list())]
    UnknownFormat {
        /// The path given.
        path: PathBuf,
        /// What was seen, if anything useful.
        detail: String,
    },

    /// The export holds no file that could contain posts.
    #[error("{} is an empty export: it holds no posts files{}", path.display(), detail_suffix(detail))]
    Empty {
        /// The path given.
        path: PathBuf,
        /// What was looked for.
        detail: String,
    },

    /// More than one platform's files were found and none was chosen.
    #[error("{} holds files of more than one platform ({}); choose one with --platform", path.display(), list(found))]
    Ambiguous {
        /// The path given.
        path: PathBuf,
        /// The platforms found.
        found: Vec<Platform>,
    },

    /// The platform asked for was not found in the export.
    #[error("{} does not look like a {}: none of its files were found", path.display(), platform.describe())]
    PlatformNotFound {
        /// The path given.
        path: PathBuf,
        /// The platform asked for.
        platform: Platform,
    },

    /// A Facebook or Instagram export downloaded as HTML, which holds no machine-readable posts.
    #[error("{} is a {} export in HTML format, which cannot be read reliably\nhint: download your information again and choose Format: JSON", path.display(), platform.describe())]
    HtmlExport {
        /// The path given.
        path: PathBuf,
        /// Facebook or Instagram.
        platform: Platform,
    },

    /// The zip's directory could not be read (not a zip, or cut short).
    #[error("{}: not a readable zip archive: {source}", path.display())]
    Zip {
        /// The path given.
        path: PathBuf,
        /// The cause.
        source: zip::result::ZipError,
    },

    /// The zip's directory is missing or damaged; entries were found by scanning instead.
    #[error("{}: the zip's central directory is missing or damaged ({source}), perhaps an interrupted download; the files before the damage were found by scanning, any after it are lost", path.display())]
    DamagedZip {
        /// The path given.
        path: PathBuf,
        /// The cause.
        source: zip::result::ZipError,
    },

    /// An entry would decompress to more than the limit allows.
    #[error("{file}: uncompressed size {size} bytes is over the limit of {limit} bytes per file (a zip bomb, or raise the limit)")]
    EntryTooLarge {
        /// The file inside the export.
        file: String,
        /// Its (declared or actual) uncompressed size.
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// An entry decompresses far more than real data does.
    #[error("{file}: compression ratio {ratio}:1 is over the limit of {limit}:1 (a zip bomb?)")]
    RatioTooHigh {
        /// The file inside the export.
        file: String,
        /// Uncompressed bytes per compressed byte, rounded down.
        ratio: u64,
        /// The limit.
        limit: u64,
    },

    /// Reading stopped because the total decompressed so far reached the limit.
    #[error("{file}: stopped after {limit} bytes decompressed in total, the limit for one export (a zip bomb, or raise the limit)")]
    TotalTooLarge {
        /// The file being read when the limit was reached.
        file: String,
        /// The limit.
        limit: u64,
    },

    /// The entry uses something this reader does not support.
    #[error("{file}: {what} is not supported")]
    Unsupported {
        /// The file inside the export.
        file: String,
        /// What it uses.
        what: String,
    },

    /// A file listed by the export itself (e.g. in X's `manifest.js`) is missing.
    #[error("{file}: listed in {listed_in} but missing from the export")]
    Missing {
        /// The file that is missing.
        file: String,
        /// The file that listed it.
        listed_in: String,
    },

    /// Fewer (or more) records were read than the export says it holds.
    #[error("{file}: {read} records read but {listed_in} says it holds {expected}")]
    CountMismatch {
        /// The file read.
        file: String,
        /// The number the export gave.
        expected: u64,
        /// The number read.
        read: u64,
        /// Where the expected number came from.
        listed_in: String,
    },

    /// Reading a file inside the export failed (corrupt compressed data, checksum, I/O).
    #[error("{file}: read failed at {position}: {source}")]
    Read {
        /// The file inside the export.
        file: String,
        /// How far it got.
        position: Position,
        /// The cause.
        source: std::io::Error,
    },

    /// Invalid or truncated JSON.
    #[error("{file}: invalid JSON at {position}: {message}")]
    Json {
        /// The file inside the export.
        file: String,
        /// Where.
        position: Position,
        /// What was wrong.
        message: String,
    },

    /// Invalid CSV.
    #[error("{file}: invalid CSV at {position}: {message}")]
    Csv {
        /// The file inside the export.
        file: String,
        /// Where.
        position: Position,
        /// What was wrong.
        message: String,
    },

    /// Invalid or truncated CAR repository, or a bad block in it.
    #[error("{file}: invalid CAR repository at {position}: {message}")]
    Car {
        /// The file inside the export.
        file: String,
        /// Where.
        position: Position,
        /// What was wrong.
        message: String,
    },

    /// A record that parsed but is not shaped as the format says.
    #[error("{file}: unexpected record at {position}: {message}")]
    Record {
        /// The file inside the export.
        file: String,
        /// Where.
        position: Position,
        /// What was wrong.
        message: String,
    },
}

impl ArchiveError {
    /// The file inside the export the problem is in, where there is one.
    #[must_use]
    pub fn file(&self) -> Option<&str> {
        match self {
            ArchiveError::EntryTooLarge { file, .. }
            | ArchiveError::RatioTooHigh { file, .. }
            | ArchiveError::TotalTooLarge { file, .. }
            | ArchiveError::Unsupported { file, .. }
            | ArchiveError::Missing { file, .. }
            | ArchiveError::CountMismatch { file, .. }
            | ArchiveError::Read { file, .. }
            | ArchiveError::Json { file, .. }
            | ArchiveError::Csv { file, .. }
            | ArchiveError::Car { file, .. }
            | ArchiveError::Record { file, .. } => Some(file),
            _ => None,
        }
    }

    /// Where in the file, where known.
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        match self {
            ArchiveError::Read { position, .. }
            | ArchiveError::Json { position, .. }
            | ArchiveError::Csv { position, .. }
            | ArchiveError::Car { position, .. }
            | ArchiveError::Record { position, .. } => Some(*position),
            _ => None,
        }
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(" ({detail})")
    }
}

fn list(found: &[Platform]) -> String {
    found
        .iter()
        .map(|p| p.describe())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The formats this crate reads, one per line, as shown in [`ArchiveError::UnknownFormat`].
#[must_use]
pub fn supported_list() -> String {
    let mut out = String::new();
    for line in [
        "X (Twitter) archive: the .zip, or its folder (data/tweets.js, tweets-partN.js, tweet.js)",
        "Mastodon export: the .zip or .tar.gz, or outbox.json",
        "Bluesky repository: the .car file",
        "Facebook export in JSON: the .zip or folder (your_posts_N.json, comments.json, messages)",
        "Instagram export in JSON: the .zip or folder (posts_N.json, post_comments_N.json)",
        "LinkedIn export: the .zip or folder (Shares.csv, Comments.csv, messages.csv)",
        "a CSV file with a text column (text, content, body, message or post)",
        "a JSON Lines file (.jsonl) whose objects have a text field",
    ] {
        out.push_str("\n  - ");
        out.push_str(line);
    }
    out
}
