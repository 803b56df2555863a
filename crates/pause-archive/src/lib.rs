//! Reads the data exports social-media platforms give people into one stream of [`Post`]s.
//!
//! `pause audit` points this crate at whatever a person downloaded (an X archive zip, a
//! Mastodon tar.gz, a Bluesky `.car`, a Facebook folder, a `LinkedIn` `Shares.csv`) and screens
//! every post it yields. The crate knows nothing of rules: it only finds, decodes and counts
//! posts, and says plainly what it could not read.
//!
//! ```no_run
//! let archive = pause_archive::open("twitter-2023-08-12.zip".as_ref(), None)?;
//! eprintln!("found a {} ({})", archive.platform().describe(), archive.packaging());
//! let mut posts = archive.posts();
//! for post in &mut posts {
//!     println!("{} {:?} {}", post.id, post.kind, post.text);
//! }
//! let report = posts.report();
//! for problem in &report.problems {
//!     eprintln!("could not read: {problem}");
//! }
//! # Ok::<(), pause_archive::ArchiveError>(())
//! ```
//!
//! # Why it is built this way
//!
//! - **Never silently skip.** Archive tools commonly miss whole parts of big exports (a second
//!   `tweets-part1.js`, a third Facebook folder layout). Every file that can hold posts is
//!   read; X's `manifest.js` is checked against what was found and what was counted; every
//!   file gets a [`FileReport`] with its counts by kind; whatever could not be read becomes a
//!   problem naming the file and the position, and the rest is still read.
//! - **Constant memory.** A 200,000-post X archive is about 100 MB of JavaScript. Large JSON
//!   arrays are streamed an element at a time (see `json.rs`), zip and tar.gz entries are
//!   decompressed as they are read, and posts flow through a bounded channel from a reader
//!   thread, so memory does not grow with the archive.
//! - **A thread behind the iterator.** Zip and tar entries borrow their archive, and readers
//!   read most clearly as plain loops that push posts; a reader thread feeding a bounded
//!   channel turns those loops into a pull [`Iterator`] without self-referential types, and
//!   lets parsing overlap with screening on a second core. [`Archive::read`] runs the same
//!   readers on the calling thread for callers that prefer a callback (fuzzing, tests).
//! - **Nothing is extracted.** Entries are read in place, so paths that escape the folder are
//!   harmless, and [`Limits`] stop zip bombs (per-file size, total size and compression
//!   ratio) with an error that says which limit was hit.
//! - **Well-kept crates for formats, small code for framing.** `zip`, `tar`, `flate2`, `csv`,
//!   `serde_json`, and `cid` with `serde_ipld_dagcbor` for Bluesky's DAG-CBOR. The CAR framing
//!   (two varints per block) is read here because the CAR crates are async-only and stream
//!   forwards, while walking a repository's tree needs to look blocks up by CID.

#![forbid(unsafe_code)]

mod container;
mod detect;
mod error;
mod json;
mod post;
mod readers;
pub mod text;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

pub use container::{Limits, Packaging};
pub use error::{supported_list, ArchiveError, Position};
pub use post::{Audience, Kind, KindCounts, Platform, Post, UnknownPlatform};

use container::{Blob, Container, Entry};
use detect::Role;
use readers::{Ctx, Event};

/// What was read from one file of the export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileReport {
    /// The file inside the export.
    pub file: String,
    /// Posts read from it, by kind.
    pub counts: KindCounts,
    /// Records read, posts or not (a DM someone else sent, a boost, a conversation).
    pub records: u64,
    /// Whether it was read to the end without a problem.
    pub complete: bool,
}

/// What a whole read found besides the posts themselves.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// One report per file read, in the order read.
    pub files: Vec<FileReport>,
    /// What could not be read, each naming the file and position.
    pub problems: Vec<ArchiveError>,
}

impl ReadReport {
    /// Posts read in all, by kind.
    #[must_use]
    pub fn counts(&self) -> KindCounts {
        let mut all = KindCounts::default();
        for f in &self.files {
            all.own += f.counts.own;
            all.reply += f.counts.reply;
            all.direct_message += f.counts.direct_message;
            all.repost += f.counts.repost;
        }
        all
    }

    fn take(&mut self, event: Event) -> Option<Post> {
        match event {
            Event::Post(post) => return Some(post),
            Event::Problem(problem) => self.problems.push(problem),
            Event::File(file) => self.files.push(file),
        }
        None
    }
}

/// An export, opened and recognised, ready to read.
pub struct Archive {
    path: PathBuf,
    platform: Platform,
    packaging: Packaging,
    container: Container,
    plan: Vec<(Entry, Role)>,
    limits: Limits,
    /// Problems found while opening, reported first when reading.
    warnings: Vec<ArchiveError>,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("path", &self.path)
            .field("platform", &self.platform)
            .field("packaging", &self.packaging)
            .field("files", &self.files())
            .finish_non_exhaustive()
    }
}

/// Opens the export at `path` (a zip, tar.gz, folder or single file) with the default
/// [`Limits`], recognising its platform unless `platform` says which it is.
///
/// # Errors
/// When the path cannot be read, is not a format this crate reads (the error lists those it
/// does), holds no posts files, is an HTML Facebook or Instagram export, or holds several
/// platforms' files and none was chosen.
pub fn open(path: &Path, platform: Option<Platform>) -> Result<Archive, ArchiveError> {
    open_with(path, platform, Limits::default())
}

/// [`open`] with chosen [`Limits`].
///
/// # Errors
/// As [`open`].
pub fn open_with(
    path: &Path,
    platform: Option<Platform>,
    limits: Limits,
) -> Result<Archive, ArchiveError> {
    let meta = std::fs::metadata(path).map_err(|source| ArchiveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        let (container, entries) = Container::folder(path)?;
        return Archive::new(
            path,
            container,
            Packaging::Folder,
            &entries,
            platform,
            limits,
            Vec::new(),
        );
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let blob = Blob::Path(path.to_path_buf());
    let (container, packaging, entries, warnings) = Container::open(blob, path, &name, &limits)?;
    Archive::new(
        path, container, packaging, &entries, platform, limits, warnings,
    )
}

/// Opens an export held in memory (an upload, a fuzz input); `name` is its file name, which
/// helps recognise single files.
///
/// # Errors
/// As [`open`].
pub fn open_bytes(
    name: &str,
    bytes: Vec<u8>,
    platform: Option<Platform>,
    limits: Limits,
) -> Result<Archive, ArchiveError> {
    let path = PathBuf::from(name);
    let blob = Blob::Memory(Arc::from(bytes));
    let (container, packaging, entries, warnings) = Container::open(blob, &path, name, &limits)?;
    Archive::new(
        &path, container, packaging, &entries, platform, limits, warnings,
    )
}

impl Archive {
    fn new(
        path: &Path,
        mut container: Container,
        packaging: Packaging,
        entries: &[Entry],
        platform: Option<Platform>,
        limits: Limits,
        warnings: Vec<ArchiveError>,
    ) -> Result<Archive, ArchiveError> {
        let plan = if packaging == Packaging::File {
            let entry = entries
                .first()
                .cloned()
                .ok_or_else(|| ArchiveError::Empty {
                    path: path.to_path_buf(),
                    detail: String::new(),
                })?;
            if entry.size == 0 {
                return Err(ArchiveError::Empty {
                    path: path.to_path_buf(),
                    detail: "the file is empty".to_owned(),
                });
            }
            let head = read_head(&mut container, &entry, &limits);
            let role = match platform {
                Some(Platform::Csv) => Some(Role::Csv),
                Some(Platform::JsonLines) => Some(Role::JsonLines),
                _ => detect::sniff_single(&entry.name, &head),
            };
            let Some(role) = role else {
                let detail = if entry.size == 0 {
                    "the file is empty".to_owned()
                } else {
                    String::new()
                };
                return Err(ArchiveError::UnknownFormat {
                    path: path.to_path_buf(),
                    detail,
                });
            };
            vec![(entry, role)]
        } else {
            detect::plan(entries)
        };

        let found = detect::platforms(&plan);
        let platform = match platform {
            Some(p) => p,
            None => match found.as_slice() {
                [] if entries.is_empty() => {
                    return Err(ArchiveError::Empty {
                        path: path.to_path_buf(),
                        detail: "it holds no files".to_owned(),
                    })
                }
                [] => {
                    return Err(ArchiveError::UnknownFormat {
                        path: path.to_path_buf(),
                        detail: format!("{} files, none of them a known posts file", entries.len()),
                    })
                }
                [one] => *one,
                // A Meta export holds both only in odd cases; prefer the one with posts files.
                many => {
                    return Err(ArchiveError::Ambiguous {
                        path: path.to_path_buf(),
                        found: many.to_vec(),
                    });
                }
            },
        };
        let plan = detect::for_platform(&plan, platform);
        if let Some(html) = detect::html_only(&plan) {
            return Err(ArchiveError::HtmlExport {
                path: path.to_path_buf(),
                platform: html,
            });
        }
        if plan.is_empty() {
            return Err(ArchiveError::PlatformNotFound {
                path: path.to_path_buf(),
                platform,
            });
        }
        if !detect::has_posts(&plan) {
            return Err(ArchiveError::Empty {
                path: path.to_path_buf(),
                detail: format!("no posts files of a {}", platform.describe()),
            });
        }
        Ok(Archive {
            path: path.to_path_buf(),
            platform,
            packaging,
            container,
            plan,
            limits,
            warnings,
        })
    }

    /// The platform found (or chosen).
    #[must_use]
    pub fn platform(&self) -> Platform {
        self.platform
    }

    /// How the export was packaged.
    #[must_use]
    pub fn packaging(&self) -> Packaging {
        self.packaging
    }

    /// The path given.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The files that will be read, in the order they were found.
    #[must_use]
    pub fn files(&self) -> Vec<&str> {
        self.plan.iter().map(|(e, _)| e.name.as_str()).collect()
    }

    /// Reads every post on this thread, calling `on_post` with each; returns what was read
    /// and what could not be.
    pub fn read(mut self, mut on_post: impl FnMut(Post)) -> ReadReport {
        let mut report = ReadReport::default();
        self.run(&mut |event| {
            if let Some(post) = report.take(event) {
                on_post(post);
            }
            true
        });
        report
    }

    /// Reads the posts on a background thread, as an iterator. Memory stays bounded: the
    /// reader waits while the consumer is busy. Dropping the iterator stops the reader.
    #[must_use]
    pub fn posts(mut self) -> Posts {
        let (tx, rx) = sync_channel::<Event>(1024);
        let handle = std::thread::Builder::new()
            .name("pause-archive-reader".to_owned())
            .spawn(move || {
                self.run(&mut |event| tx.send(event).is_ok());
            });
        match handle {
            Ok(handle) => Posts {
                rx: Some(rx),
                handle: Some(handle),
                report: ReadReport::default(),
            },
            Err(e) => Posts {
                rx: None,
                handle: None,
                report: ReadReport {
                    files: Vec::new(),
                    problems: vec![ArchiveError::Io {
                        path: PathBuf::from("(reader thread)"),
                        source: e,
                    }],
                },
            },
        }
    }

    fn run(&mut self, emit: &mut dyn FnMut(Event) -> bool) {
        for warning in std::mem::take(&mut self.warnings) {
            if !emit(Event::Problem(warning)) {
                return;
            }
        }
        let mut ctx = Ctx {
            container: &mut self.container,
            plan: &self.plan,
            limits: self.limits,
            total: Arc::new(AtomicU64::new(0)),
            platform: self.platform,
            emit,
        };
        let _ = match self.platform {
            Platform::X => readers::x::read(&mut ctx),
            Platform::Mastodon => readers::mastodon::read(&mut ctx),
            Platform::Bluesky => readers::bluesky::read(&mut ctx),
            Platform::Facebook | Platform::Instagram => readers::meta::read(&mut ctx),
            Platform::LinkedIn => readers::linkedin::read(&mut ctx),
            Platform::Csv | Platform::JsonLines => readers::generic::read(&mut ctx),
        };
    }
}

fn read_head(container: &mut Container, entry: &Entry, limits: &Limits) -> Vec<u8> {
    let total = Arc::new(AtomicU64::new(0));
    let mut head = Vec::new();
    if let Ok(reader) = container.read(entry, limits, &total) {
        let _ = reader.take(64 * 1024).read_to_end(&mut head);
    }
    head
}

/// The posts of an [`Archive`], read on a background thread.
pub struct Posts {
    rx: Option<Receiver<Event>>,
    handle: Option<JoinHandle<()>>,
    report: ReadReport,
}

impl Posts {
    /// What has been read so far besides posts: per-file counts and problems. Complete once
    /// the iterator has returned `None`.
    #[must_use]
    pub fn report(&self) -> &ReadReport {
        &self.report
    }

    /// Reads any posts left (discarding them) and returns the report.
    #[must_use]
    pub fn finish(mut self) -> ReadReport {
        while self.next().is_some() {}
        std::mem::take(&mut self.report)
    }
}

impl Iterator for Posts {
    type Item = Post;

    fn next(&mut self) -> Option<Post> {
        let rx = self.rx.as_ref()?;
        loop {
            if let Ok(event) = rx.recv() {
                if let Some(post) = self.report.take(event) {
                    return Some(post);
                }
            } else {
                self.rx = None;
                if let Some(handle) = self.handle.take() {
                    if handle.join().is_err() {
                        self.report.problems.push(ArchiveError::Record {
                            file: "(reader)".to_owned(),
                            position: Position::default(),
                            message: "the reader stopped unexpectedly; posts after this point were not read".to_owned(),
                        });
                    }
                }
                return None;
            }
        }
    }
}

impl std::fmt::Debug for Posts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Posts")
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}
