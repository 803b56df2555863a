//! One module per platform. Each reads the files [`detect`](crate::detect) assigned to it and
//! pushes posts, problems and per-file summaries through a [`Ctx`].

pub(crate) mod bluesky;
pub(crate) mod generic;
pub(crate) mod linkedin;
pub(crate) mod mastodon;
pub(crate) mod meta;
pub(crate) mod x;

use std::io;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use crate::container::{Container, Entry, EntryReader, Limits};
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::post::{KindCounts, Platform, Post};
use crate::FileReport;

/// What a read produces, in order.
pub(crate) enum Event {
    Post(Post),
    Problem(ArchiveError),
    File(FileReport),
}

/// Why a reader stopped early.
pub(crate) enum ReadFail {
    /// Whoever was taking the posts has gone: stop quietly.
    Stopped,
    /// This file could not be read further.
    Error(ArchiveError),
}

impl From<ArchiveError> for ReadFail {
    fn from(e: ArchiveError) -> Self {
        ReadFail::Error(e)
    }
}

/// The consumer hung up.
pub(crate) struct Stopped;

/// Turns an I/O error from inside an entry into an archive error, keeping a limit error that a
/// [`Limited`](crate::container::Limited) reader raised as itself.
pub(crate) fn io_to_archive(file: &str, position: Position, e: io::Error) -> ArchiveError {
    if matches!(e.get_ref(), Some(inner) if inner.is::<ArchiveError>()) {
        if let Some(inner) = e.into_inner() {
            return match inner.downcast::<ArchiveError>() {
                Ok(limit) => *limit,
                Err(other) => ArchiveError::Read {
                    file: file.to_owned(),
                    position,
                    source: io::Error::other(other),
                },
            };
        }
        return ArchiveError::Read {
            file: file.to_owned(),
            position,
            source: io::Error::other("read failed"),
        };
    }
    ArchiveError::Read {
        file: file.to_owned(),
        position,
        source: e,
    }
}

/// Everything a platform reader needs.
pub(crate) struct Ctx<'a> {
    pub(crate) container: &'a mut Container,
    pub(crate) plan: &'a [(Entry, Role)],
    pub(crate) limits: Limits,
    pub(crate) total: Arc<AtomicU64>,
    pub(crate) platform: Platform,
    pub(crate) emit: &'a mut dyn FnMut(Event) -> bool,
}

/// Where a file's posts go; counts them by kind.
pub(crate) struct FileSink<'a> {
    pub(crate) file: String,
    pub(crate) platform: Platform,
    counts: KindCounts,
    records: u64,
    emit: &'a mut dyn FnMut(Event) -> bool,
}

impl FileSink<'_> {
    /// Sends one post on.
    pub(crate) fn post(&mut self, post: Post) -> Result<(), ReadFail> {
        self.counts.add(post.kind);
        if (self.emit)(Event::Post(post)) {
            Ok(())
        } else {
            Err(ReadFail::Stopped)
        }
    }

    /// Reports a problem with part of this file; reading goes on.
    pub(crate) fn problem(&mut self, e: ArchiveError) -> Result<(), ReadFail> {
        if (self.emit)(Event::Problem(e)) {
            Ok(())
        } else {
            Err(ReadFail::Stopped)
        }
    }

    /// Counts one record read (a post or not: a DM someone else sent, a boost, a like).
    pub(crate) fn record(&mut self) {
        self.records += 1;
    }

    /// Records counted so far.
    pub(crate) fn records(&self) -> u64 {
        self.records
    }
}

impl Ctx<'_> {
    /// The planned files with `role`, in order.
    pub(crate) fn files(&self, role: Role) -> Vec<Entry> {
        self.plan
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(e, _)| e.clone())
            .collect()
    }

    /// Reports a problem not tied to reading one file.
    pub(crate) fn problem(&mut self, e: ArchiveError) -> Result<(), Stopped> {
        if (self.emit)(Event::Problem(e)) {
            Ok(())
        } else {
            Err(Stopped)
        }
    }

    /// Opens `entry` and runs `f` over it; a failure becomes a problem naming the file, and a
    /// summary of the file is always sent. Returns the number of records `f` counted.
    pub(crate) fn read_file<F>(&mut self, entry: &Entry, f: F) -> Result<FileOutcome, Stopped>
    where
        F: FnOnce(&mut EntryReader<'_>, &mut FileSink<'_>) -> Result<(), ReadFail>,
    {
        self.read_file_inner(entry, true, f)
    }

    fn read_file_inner<F>(
        &mut self,
        entry: &Entry,
        report: bool,
        f: F,
    ) -> Result<FileOutcome, Stopped>
    where
        F: FnOnce(&mut EntryReader<'_>, &mut FileSink<'_>) -> Result<(), ReadFail>,
    {
        let mut sink = FileSink {
            file: entry.name.clone(),
            platform: self.platform,
            counts: KindCounts::default(),
            records: 0,
            emit: &mut *self.emit,
        };
        let outcome = match self.container.read(entry, &self.limits, &self.total) {
            Ok(mut reader) => f(&mut reader, &mut sink),
            Err(e) => Err(ReadFail::Error(e)),
        };
        finish(sink, outcome, report)
    }

    /// Reads a small helper file (a manifest, a profile) whole into memory and runs `f` over
    /// it. Problems are reported; no file summary is sent, since it holds no posts.
    pub(crate) fn read_small<F>(&mut self, entry: &Entry, f: F) -> Result<FileOutcome, Stopped>
    where
        F: FnOnce(&[u8], &mut FileSink<'_>) -> Result<(), ReadFail>,
    {
        self.read_file_inner(entry, false, |reader, sink| {
            let mut bytes = Vec::new();
            io::Read::read_to_end(reader, &mut bytes)
                .map_err(|e| io_to_archive(&sink.file, Position::byte(bytes.len() as u64), e))?;
            f(&bytes, sink)
        })
    }

    /// Reads a file whose posts are sent later (X's `note-tweet.js`, whose posts are merged
    /// into the tweets they belong to): problems are reported, the summary is left to
    /// [`send_file`](Self::send_file).
    pub(crate) fn read_deferred<F>(&mut self, entry: &Entry, f: F) -> Result<FileOutcome, Stopped>
    where
        F: FnOnce(&mut EntryReader<'_>, &mut FileSink<'_>) -> Result<(), ReadFail>,
    {
        self.read_file_inner(entry, false, f)
    }

    /// Sends posts of a file read earlier, then its summary.
    pub(crate) fn send_file(
        &mut self,
        file: &str,
        posts: Vec<Post>,
        outcome: FileOutcome,
    ) -> Result<(), Stopped> {
        let mut sink = FileSink {
            file: file.to_owned(),
            platform: self.platform,
            counts: KindCounts::default(),
            records: outcome.records,
            emit: &mut *self.emit,
        };
        for post in posts {
            if sink.post(post).is_err() {
                return Err(Stopped);
            }
        }
        let report = FileReport {
            file: sink.file,
            counts: sink.counts,
            records: sink.records,
            complete: outcome.complete,
        };
        if (sink.emit)(Event::File(report)) {
            Ok(())
        } else {
            Err(Stopped)
        }
    }

    /// Like [`read_file`](Self::read_file) but seekable: files on disk are read in place,
    /// entries of a zip or tar.gz are read into memory (within the limits).
    pub(crate) fn read_seekable<F>(&mut self, entry: &Entry, f: F) -> Result<FileOutcome, Stopped>
    where
        F: FnOnce(&mut dyn crate::container::ReadSeek, &mut FileSink<'_>) -> Result<(), ReadFail>,
    {
        let mut sink = FileSink {
            file: entry.name.clone(),
            platform: self.platform,
            counts: KindCounts::default(),
            records: 0,
            emit: &mut *self.emit,
        };
        let outcome = match self.container.seekable(entry, &self.limits, &self.total) {
            Ok(mut reader) => f(&mut *reader, &mut sink),
            Err(e) => Err(ReadFail::Error(e)),
        };
        finish(sink, outcome, true)
    }
}

/// How reading one file went.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileOutcome {
    pub(crate) records: u64,
    pub(crate) complete: bool,
}

fn finish(
    sink: FileSink<'_>,
    outcome: Result<(), ReadFail>,
    report: bool,
) -> Result<FileOutcome, Stopped> {
    let complete = match outcome {
        Ok(()) => true,
        Err(ReadFail::Stopped) => return Err(Stopped),
        Err(ReadFail::Error(e)) => {
            if !(sink.emit)(Event::Problem(e)) {
                return Err(Stopped);
            }
            false
        }
    };
    let outcome = FileOutcome {
        records: sink.records,
        complete,
    };
    if !report {
        return Ok(outcome);
    }
    let summary = FileReport {
        file: sink.file,
        counts: sink.counts,
        records: sink.records,
        complete,
    };
    if (sink.emit)(Event::File(summary)) {
        Ok(outcome)
    } else {
        Err(Stopped)
    }
}

/// Parses the timestamps exports use: RFC 3339 (`2023-08-12T16:10:37.000Z`), X's
/// `Sat Aug 12 16:10:37 +0000 2023`, old X's `2013-01-31 22:14:05 +0000`, and `LinkedIn`'s
/// `2023-08-12 16:10:37` (UTC).
pub(crate) fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%a %b %d %H:%M:%S %z %Y"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S %z"))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S UTC",
                "%Y-%m-%d %H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|naive| Utc.from_utc_datetime(&naive).fixed_offset())
        })
}

/// A Unix time in seconds as a UTC date.
pub(crate) fn from_unix(seconds: i64) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.fixed_offset())
}

/// A Unix time in milliseconds as a UTC date.
pub(crate) fn from_unix_ms(ms: i64) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp_millis(ms).map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_export_time_format() {
        let want = "2023-08-12T16:10:37+00:00";
        for s in [
            "Sat Aug 12 16:10:37 +0000 2023",
            "2023-08-12T16:10:37.000Z",
            "2023-08-12 16:10:37 +0000",
            "2023-08-12 16:10:37",
            "2023-08-12 16:10:37 UTC",
        ] {
            assert_eq!(
                parse_time(s).map(|t| t.to_rfc3339()),
                Some(want.to_owned()),
                "{s}"
            );
        }
        assert_eq!(parse_time("not a date"), None);
    }
}
