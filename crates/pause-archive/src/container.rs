//! Where the files of an export live: a folder, one file, a zip or a tar.gz, on disk or in
//! memory. Entries are read in place through size-limited readers; nothing is extracted.

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::GzDecoder;
use zip::ZipArchive;

use crate::error::{ArchiveError, Position};

/// Limits on how much an export may decompress to: the defence against zip bombs.
///
/// Only the files that can hold posts are decompressed (never photos or videos), so the limits
/// bound the text files, and the defaults leave room for the largest real archives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes one file may decompress to. Default 2 GiB.
    pub max_entry_bytes: u64,
    /// Most bytes all files read may decompress to together. Default 8 GiB.
    pub max_total_bytes: u64,
    /// Most uncompressed bytes per compressed byte, checked once a file passes 1 MiB
    /// (JSON compresses about 10:1; bombs 1000:1). Default 200.
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 2 << 30,
            max_total_bytes: 8 << 30,
            max_ratio: 200,
        }
    }
}

/// Below this many decompressed bytes the ratio is not checked: tiny files compress oddly.
const RATIO_FLOOR: u64 = 1 << 20;

/// How the export was packaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Packaging {
    /// A `.zip` file.
    Zip,
    /// A `.tar.gz` (or `.tgz`) file.
    TarGz,
    /// A folder (an unpacked export).
    Folder,
    /// A single file (`tweets.js`, `outbox.json`, a `.car`, a `.csv`, ...).
    File,
}

impl std::fmt::Display for Packaging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Packaging::Zip => "zip",
            Packaging::TarGz => "tar.gz",
            Packaging::Folder => "folder",
            Packaging::File => "file",
        })
    }
}

/// Bytes of the export itself: a path on disk or a buffer in memory.
#[derive(Clone)]
pub(crate) enum Blob {
    Path(PathBuf),
    Memory(Arc<[u8]>),
}

pub(crate) trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

impl Blob {
    fn open(&self) -> io::Result<Box<dyn ReadSeek>> {
        match self {
            Blob::Path(path) => Ok(Box::new(BufReader::with_capacity(
                64 * 1024,
                File::open(path)?,
            ))),
            Blob::Memory(bytes) => Ok(Box::new(Cursor::new(Arc::clone(bytes)))),
        }
    }

    fn len(&self) -> io::Result<u64> {
        match self {
            Blob::Path(path) => Ok(std::fs::metadata(path)?.len()),
            Blob::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }
}

/// One file in the export.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Path inside the export, `/`-separated, without a leading `./`.
    pub name: String,
    /// Uncompressed size, as declared.
    pub size: u64,
    /// Position in the zip's directory.
    index: usize,
}

pub(crate) enum Container {
    Folder {
        root: PathBuf,
    },
    File {
        blob: Blob,
    },
    Zip {
        zip: Box<ZipArchive<Box<dyn ReadSeek>>>,
    },
    /// A zip whose central directory is missing or damaged (an interrupted download): its
    /// entries were found by scanning the local headers from the start.
    ZipStream {
        blob: Blob,
    },
    TarGz {
        blob: Blob,
    },
}

/// An entry opened for reading: a `BufRead` that enforces the limits.
pub(crate) type EntryReader<'a> = BufReader<Limited<Box<dyn Read + 'a>>>;

impl Container {
    /// Opens `blob` as the packaging its first bytes say, and lists its entries.
    pub(crate) fn open(
        blob: Blob,
        display: &Path,
        name: &str,
        limits: &Limits,
    ) -> Result<(Container, Packaging, Vec<Entry>, Vec<ArchiveError>), ArchiveError> {
        let io_err = |source| ArchiveError::Io {
            path: display.to_path_buf(),
            source,
        };
        let mut head = [0u8; 4];
        let got = {
            let mut r = blob.open().map_err(io_err)?;
            read_up_to(&mut r, &mut head).map_err(io_err)?
        };
        let head = &head[..got];
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            let reader = blob.open().map_err(io_err)?;
            let mut zip = match ZipArchive::new(reader) {
                Ok(zip) => zip,
                Err(source) => {
                    let entries = list_zip_stream(&blob, limits);
                    if entries.is_empty() {
                        return Err(ArchiveError::Zip {
                            path: display.to_path_buf(),
                            source,
                        });
                    }
                    let warning = ArchiveError::DamagedZip {
                        path: display.to_path_buf(),
                        source,
                    };
                    return Ok((
                        Container::ZipStream { blob },
                        Packaging::Zip,
                        entries,
                        vec![warning],
                    ));
                }
            };
            let mut entries = Vec::new();
            for index in 0..zip.len() {
                let Ok(file) = zip.by_index_raw(index) else {
                    continue;
                };
                if file.is_dir() {
                    continue;
                }
                entries.push(Entry {
                    name: clean_name(file.name()),
                    size: file.size(),
                    index,
                });
            }
            Ok((
                Container::Zip { zip: Box::new(zip) },
                Packaging::Zip,
                entries,
                Vec::new(),
            ))
        } else if head.starts_with(&[0x1f, 0x8b]) {
            let entries = list_tar(&blob, display, limits)?;
            Ok((
                Container::TarGz { blob },
                Packaging::TarGz,
                entries,
                Vec::new(),
            ))
        } else {
            let size = blob.len().map_err(io_err)?;
            let entries = vec![Entry {
                name: name.to_owned(),
                size,
                index: 0,
            }];
            Ok((
                Container::File { blob },
                Packaging::File,
                entries,
                Vec::new(),
            ))
        }
    }

    /// Lists a folder, recursively, without following symbolic links.
    pub(crate) fn folder(root: &Path) -> Result<(Container, Vec<Entry>), ArchiveError> {
        let mut entries = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let read = std::fs::read_dir(&dir).map_err(|source| ArchiveError::Io {
                path: dir.clone(),
                source,
            })?;
            for item in read {
                let item = item.map_err(|source| ArchiveError::Io {
                    path: dir.clone(),
                    source,
                })?;
                let Ok(kind) = item.file_type() else { continue };
                let path = item.path();
                if kind.is_dir() {
                    stack.push(path);
                } else if kind.is_file() {
                    let size = item.metadata().map_or(0, |m| m.len());
                    let Ok(rel) = path.strip_prefix(root) else {
                        continue;
                    };
                    let name = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    entries.push(Entry {
                        name,
                        size,
                        index: 0,
                    });
                }
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((
            Container::Folder {
                root: root.to_path_buf(),
            },
            entries,
        ))
    }

    /// Opens `entry` for reading, with `limits` enforced on what it decompresses to.
    pub(crate) fn read<'a>(
        &'a mut self,
        entry: &Entry,
        limits: &Limits,
        total: &Arc<AtomicU64>,
    ) -> Result<EntryReader<'a>, ArchiveError> {
        let file = entry.name.clone();
        let read_err = |source| ArchiveError::Read {
            file: file.clone(),
            position: Position::byte(0),
            source,
        };
        let (inner, compressed): (Box<dyn Read + 'a>, Compressed) = match self {
            Container::Folder { root } => {
                let path = root.join(&entry.name);
                (
                    Box::new(File::open(path).map_err(read_err)?),
                    Compressed::None,
                )
            }
            Container::File { blob, .. } => {
                (Box::new(blob.open().map_err(read_err)?), Compressed::None)
            }
            Container::Zip { zip } => {
                let declared = zip
                    .by_index_raw(entry.index)
                    .map(|f| (f.size(), f.compressed_size()))
                    .map_err(|e| zip_entry_err(&file, e))?;
                check_declared(&file, declared.0, declared.1, limits)?;
                let zf = zip
                    .by_index(entry.index)
                    .map_err(|e| zip_entry_err(&file, e))?;
                (Box::new(zf), Compressed::Fixed(declared.1))
            }
            Container::ZipStream { blob } => {
                let reader = read_zip_stream_entry(blob, entry, limits, total).map_err(read_err)?;
                (reader, Compressed::None)
            }
            Container::TarGz { blob } => {
                let counter = Arc::new(AtomicU64::new(0));
                let gz = GzDecoder::new(Counting {
                    inner: blob.open().map_err(read_err)?,
                    count: Arc::clone(&counter),
                });
                // The stream up to and through the entry is held to the ratio; the entry's own
                // bytes are held to the per-file size and count towards the total.
                let stream = Limited::new(
                    gz,
                    entry.name.clone(),
                    Limits {
                        max_entry_bytes: u64::MAX,
                        max_total_bytes: u64::MAX,
                        ..*limits
                    },
                    Compressed::Live(counter),
                    Arc::new(AtomicU64::new(0)),
                );
                let reader = TarEntryReader::new(stream, &entry.name).map_err(|source| {
                    crate::readers::io_to_archive(&file, Position::byte(0), source)
                })?;
                let limited = Limited::new(
                    Box::new(reader) as Box<dyn Read + 'a>,
                    file.clone(),
                    Limits {
                        max_ratio: u64::MAX,
                        ..*limits
                    },
                    Compressed::None,
                    Arc::clone(total),
                );
                return Ok(BufReader::with_capacity(64 * 1024, limited));
            }
        };
        let limited = Limited::new(inner, file, *limits, compressed, Arc::clone(total));
        Ok(BufReader::with_capacity(64 * 1024, limited))
    }
}

impl Container {
    /// Opens `entry` for random access: files on disk in place, entries of a zip or tar.gz
    /// decompressed into memory (within the limits).
    pub(crate) fn seekable<'a>(
        &'a mut self,
        entry: &Entry,
        limits: &Limits,
        total: &Arc<AtomicU64>,
    ) -> Result<Box<dyn ReadSeek + 'a>, ArchiveError> {
        let read_err = |source| ArchiveError::Read {
            file: entry.name.clone(),
            position: Position::byte(0),
            source,
        };
        match self {
            Container::Folder { root } => {
                let file = File::open(root.join(&entry.name)).map_err(read_err)?;
                Ok(Box::new(BufReader::with_capacity(64 * 1024, file)))
            }
            Container::File { blob, .. } => blob.open().map_err(read_err),
            Container::Zip { .. } | Container::ZipStream { .. } | Container::TarGz { .. } => {
                let mut reader = self.read(entry, limits, total)?;
                let mut bytes = Vec::new();
                reader.read_to_end(&mut bytes).map_err(|e| {
                    crate::readers::io_to_archive(
                        &entry.name,
                        Position::byte(bytes.len() as u64),
                        e,
                    )
                })?;
                Ok(Box::new(Cursor::new(bytes)))
            }
        }
    }
}

/// Lists a damaged zip's entries by reading local headers from the start, up to the damage.
fn list_zip_stream(blob: &Blob, limits: &Limits) -> Vec<Entry> {
    let mut entries = Vec::new();
    let Ok(mut reader) = blob.open() else {
        return entries;
    };
    while let Ok(Some(mut file)) = zip::read::read_zipfile_from_stream(&mut reader) {
        let name = clean_name(file.name());
        let (is_dir, size, compressed) = (file.is_dir(), file.size(), file.compressed_size());
        let mut limited = Limited::new(
            &mut file,
            name.clone(),
            Limits {
                max_total_bytes: u64::MAX,
                ..*limits
            },
            Compressed::Fixed(compressed),
            Arc::new(AtomicU64::new(0)),
        );
        let copied = io::copy(&mut limited, &mut io::sink());
        if !is_dir {
            entries.push(Entry {
                name,
                size,
                index: entries.len(),
            });
        }
        if copied.is_err() {
            // This entry is cut or corrupt: nothing after it can be found.
            break;
        }
    }
    entries
}

/// Reads one entry of a damaged zip into memory, scanning from the start. An entry cut short
/// yields what could be read, then the error, so the reader reports where it stopped.
fn read_zip_stream_entry<'a>(
    blob: &Blob,
    entry: &Entry,
    limits: &Limits,
    total: &Arc<AtomicU64>,
) -> io::Result<Box<dyn Read + 'a>> {
    let mut reader = blob.open()?;
    loop {
        let Some(mut file) =
            zip::read::read_zipfile_from_stream(&mut reader).map_err(io::Error::other)?
        else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "entry not found in the damaged zip",
            ));
        };
        if clean_name(file.name()) != entry.name {
            io::copy(&mut file, &mut io::sink())?;
            continue;
        }
        let compressed = file.compressed_size();
        let mut limited = Limited::new(
            &mut file,
            entry.name.clone(),
            *limits,
            Compressed::Fixed(compressed),
            Arc::clone(total),
        );
        let mut bytes = Vec::new();
        let outcome = limited.read_to_end(&mut bytes);
        let data = Cursor::new(bytes);
        return Ok(match outcome {
            Ok(_) => Box::new(data),
            Err(e) => Box::new(data.chain(FailAfter { error: Some(e) })),
        });
    }
}

/// A reader that fails once with `error`, then reads as empty.
struct FailAfter {
    error: Option<io::Error>,
}

impl Read for FailAfter {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

fn zip_entry_err(file: &str, e: zip::result::ZipError) -> ArchiveError {
    match e {
        zip::result::ZipError::UnsupportedArchive(what) => ArchiveError::Unsupported {
            file: file.to_owned(),
            what: what.to_owned(),
        },
        other => ArchiveError::Read {
            file: file.to_owned(),
            position: Position::byte(0),
            source: io::Error::other(other),
        },
    }
}

fn check_declared(
    file: &str,
    size: u64,
    compressed: u64,
    limits: &Limits,
) -> Result<(), ArchiveError> {
    if size > limits.max_entry_bytes {
        return Err(ArchiveError::EntryTooLarge {
            file: file.to_owned(),
            size,
            limit: limits.max_entry_bytes,
        });
    }
    if size > RATIO_FLOOR && size / compressed.max(1) > limits.max_ratio {
        return Err(ArchiveError::RatioTooHigh {
            file: file.to_owned(),
            ratio: size / compressed.max(1),
            limit: limits.max_ratio,
        });
    }
    Ok(())
}

fn clean_name(name: &str) -> String {
    let name = name.replace('\\', "/");
    let mut name = name.as_str();
    while let Some(rest) = name.strip_prefix("./") {
        name = rest;
    }
    name.trim_start_matches('/').to_owned()
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

fn list_tar(blob: &Blob, display: &Path, limits: &Limits) -> Result<Vec<Entry>, ArchiveError> {
    let name = display
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io_err = |source| ArchiveError::Io {
        path: display.to_path_buf(),
        source,
    };
    let counter = Arc::new(AtomicU64::new(0));
    let gz = GzDecoder::new(Counting {
        inner: blob.open().map_err(io_err)?,
        count: Arc::clone(&counter),
    });
    // Listing decompresses the whole stream once: it is held to the ratio, not to the total,
    // which is for the files actually read.
    let stream = Limited::new(
        gz,
        name.clone(),
        Limits {
            max_total_bytes: u64::MAX,
            max_entry_bytes: u64::MAX,
            ..*limits
        },
        Compressed::Live(counter),
        Arc::new(AtomicU64::new(0)),
    );
    let mut walker = TarWalker { stream };
    let mut entries = Vec::new();
    let list_err =
        |source: io::Error| crate::readers::io_to_archive(&name, Position::default(), source);
    while let Some((entry_name, size, is_file)) = walker.next_header().map_err(list_err)? {
        if is_file {
            entries.push(Entry {
                name: entry_name,
                size,
                index: entries.len(),
            });
        }
        walker.skip(size).map_err(list_err)?;
    }
    Ok(entries)
}

/// Walks a tar stream header by header with the `tar` crate's header parser, so that a reader
/// of one entry can own the stream (the crate's `Entries` borrow the archive).
struct TarWalker<R: Read> {
    stream: R,
}

impl<R: Read> TarWalker<R> {
    /// The next entry's name, size and whether it is a regular file; `None` at the end.
    fn next_header(&mut self) -> io::Result<Option<(String, u64, bool)>> {
        let mut long_name: Option<Vec<u8>> = None;
        let mut pax_path: Option<Vec<u8>> = None;
        loop {
            let mut block = [0u8; 512];
            match self.stream.read_exact(&mut block) {
                Ok(()) => {}
                // A tar without its closing zero blocks still ends cleanly at a header.
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
                Err(e) => return Err(e),
            }
            if block.iter().all(|&b| b == 0) {
                return Ok(None);
            }
            let header = tar::Header::from_byte_slice(&block);
            let size = header.entry_size()?;
            let kind = header.entry_type();
            if kind.is_gnu_longname() || kind.is_pax_local_extensions() {
                let mut data = Vec::new();
                (&mut self.stream)
                    .take(size.min(1 << 20))
                    .read_to_end(&mut data)?;
                self.skip_padding_after(size, data.len() as u64)?;
                if kind.is_gnu_longname() {
                    while data.last() == Some(&0) {
                        data.pop();
                    }
                    long_name = Some(data);
                } else {
                    pax_path = pax_path_of(&data);
                }
                continue;
            }
            let path = match (pax_path.take(), long_name.take()) {
                (Some(p), _) | (None, Some(p)) => p,
                (None, None) => header.path_bytes().into_owned(),
            };
            let name = clean_name(&String::from_utf8_lossy(&path));
            return Ok(Some((name, size, kind.is_file())));
        }
    }

    fn skip_padding_after(&mut self, size: u64, consumed: u64) -> io::Result<()> {
        let padded = size.div_ceil(512) * 512;
        let rest = padded - consumed.min(padded);
        let copied = io::copy(&mut (&mut self.stream).take(rest), &mut io::sink())?;
        if copied < rest {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "tar stream cut short",
            ));
        }
        Ok(())
    }

    /// Skips the current entry's data.
    fn skip(&mut self, size: u64) -> io::Result<()> {
        self.skip_padding_after(size, 0)
    }
}

/// Reads one named entry out of a tar stream, scanning from the start.
struct TarEntryReader<R: Read> {
    inner: io::Take<R>,
}

impl<R: Read> TarEntryReader<R> {
    fn new(stream: R, wanted: &str) -> io::Result<Self> {
        let mut walker = TarWalker { stream };
        while let Some((name, size, is_file)) = walker.next_header()? {
            if is_file && name == wanted {
                return Ok(TarEntryReader {
                    inner: walker.stream.take(size),
                });
            }
            walker.skip(size)?;
        }
        Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{wanted} not found in the tar stream"),
        ))
    }
}

fn pax_path_of(data: &[u8]) -> Option<Vec<u8>> {
    for ext in tar::PaxExtensions::new(data).flatten() {
        if ext.key_bytes() == b"path" {
            return Some(ext.value_bytes().to_vec());
        }
    }
    None
}

impl<R: Read> Read for TarEntryReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.inner.limit() > 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "tar entry cut short",
            ));
        }
        Ok(n)
    }
}

/// Counts bytes read from the compressed side.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How many compressed bytes produced what has been read so far.
pub(crate) enum Compressed {
    /// Not compressed: no ratio to check.
    None,
    /// The entry's compressed size, from the zip directory.
    Fixed(u64),
    /// A live count of compressed bytes consumed (a gzip stream).
    Live(Arc<AtomicU64>),
}

/// A reader that fails with an [`ArchiveError`] (inside the `io::Error`) once a limit is passed.
pub(crate) struct Limited<R> {
    inner: R,
    file: String,
    limits: Limits,
    compressed: Compressed,
    out: u64,
    total: Arc<AtomicU64>,
}

impl<R> Limited<R> {
    pub(crate) fn new(
        inner: R,
        file: String,
        limits: Limits,
        compressed: Compressed,
        total: Arc<AtomicU64>,
    ) -> Self {
        Limited {
            inner,
            file,
            limits,
            compressed,
            out: 0,
            total,
        }
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = n as u64;
        self.out += n64;
        let total = self.total.fetch_add(n64, Ordering::Relaxed) + n64;
        if self.out > self.limits.max_entry_bytes {
            return Err(io::Error::other(ArchiveError::EntryTooLarge {
                file: self.file.clone(),
                size: self.out,
                limit: self.limits.max_entry_bytes,
            }));
        }
        if total > self.limits.max_total_bytes {
            return Err(io::Error::other(ArchiveError::TotalTooLarge {
                file: self.file.clone(),
                limit: self.limits.max_total_bytes,
            }));
        }
        if self.out > RATIO_FLOOR {
            let compressed = match &self.compressed {
                Compressed::None => None,
                Compressed::Fixed(c) => Some(*c),
                Compressed::Live(c) => Some(c.load(Ordering::Relaxed)),
            };
            if let Some(c) = compressed {
                let ratio = self.out / c.max(1);
                if ratio > self.limits.max_ratio {
                    return Err(io::Error::other(ArchiveError::RatioTooHigh {
                        file: self.file.clone(),
                        ratio,
                        limit: self.limits.max_ratio,
                    }));
                }
            }
        }
        Ok(n)
    }
}
