//! Bluesky repository exports: one CAR v1 file.
//!
//! A CAR file is a header (a varint length, then DAG-CBOR `{version: 1, roots: [cid]}`)
//! followed by blocks (a varint length, then a CID and the block's bytes). The root is the
//! repository's signed commit, whose `data` is the root of a Merkle Search Tree: each node is
//! `{l: left subtree, e: [{p: shared prefix length, k: key suffix, v: record, t: right
//! subtree}]}`, and a full key is `collection/record-key`. Walking the tree from the root gives
//! every record with its key; records of collection `app.bsky.feed.post` are posts (text,
//! `createdAt`, link facets, `reply`, image alt text in `embed`), and `app.bsky.feed.repost`
//! are reposts.
//!
//! Blocks are found by CID, so the file is read twice: once forwards to index where each block
//! is (a few dozen bytes per block in memory), then by position while walking. A file cut
//! short loses only the blocks past the cut: each missing record is reported by key.

use std::collections::{HashMap, HashSet};
use std::io::{Read, SeekFrom};

use cid::Cid;
use serde::Deserialize;

use super::{parse_time, Ctx, FileSink, ReadFail, Stopped};
use crate::container::ReadSeek;
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::post::{Audience, Kind, Platform, Post};

/// Blocks larger than this are not repository nodes or records.
const MAX_BLOCK: u64 = 8 << 20;

#[derive(Deserialize)]
struct CarHeader {
    version: u64,
    #[serde(default)]
    roots: Vec<Cid>,
}

#[derive(Deserialize)]
struct Commit {
    did: Option<String>,
    data: Cid,
}

#[derive(Deserialize)]
struct MstNode {
    l: Option<Cid>,
    #[serde(default)]
    e: Vec<MstEntry>,
}

#[derive(Deserialize)]
struct MstEntry {
    p: u64,
    #[serde(with = "serde_bytes")]
    k: Vec<u8>,
    v: Cid,
    t: Option<Cid>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostRecord {
    text: Option<String>,
    created_at: Option<String>,
    #[serde(default)]
    facets: Vec<Facet>,
    reply: Option<serde::de::IgnoredAny>,
    embed: Option<Embed>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepostRecord {
    subject: Option<StrongRef>,
    created_at: Option<String>,
}

#[derive(Deserialize)]
struct StrongRef {
    uri: Option<String>,
}

#[derive(Deserialize)]
struct Facet {
    index: ByteSlice,
    #[serde(default)]
    features: Vec<Feature>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ByteSlice {
    byte_start: u64,
    byte_end: u64,
}

#[derive(Deserialize)]
struct Feature {
    #[serde(rename = "$type")]
    kind: Option<String>,
    uri: Option<String>,
}

#[derive(Deserialize)]
struct Embed {
    #[serde(default)]
    images: Vec<Image>,
    alt: Option<String>,
    media: Option<Box<Embed>>,
}

#[derive(Deserialize)]
struct Image {
    alt: Option<String>,
}

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    for entry in ctx.files(Role::BlueskyCar) {
        ctx.read_seekable(&entry, read_car)?;
    }
    Ok(())
}

fn car_error(file: &str, byte: u64, message: impl Into<String>) -> ArchiveError {
    ArchiveError::Car {
        file: file.to_owned(),
        position: Position::byte(byte),
        message: message.into(),
    }
}

/// Reads an unsigned LEB128 varint; `Ok(None)` at a clean end of file.
fn read_varint(
    r: &mut dyn ReadSeek,
    file: &str,
    at: u64,
) -> Result<Option<(u64, u64)>, ArchiveError> {
    let mut value: u64 = 0;
    for i in 0..10u32 {
        let mut byte = [0u8; 1];
        match r.read(&mut byte) {
            Ok(0) if i == 0 => return Ok(None),
            Ok(0) => {
                return Err(car_error(
                    file,
                    at + u64::from(i),
                    "the file ends inside a length (truncated?)",
                ))
            }
            Ok(_) => {}
            Err(e) => {
                return Err(crate::readers::io_to_archive(
                    file,
                    Position::byte(at + u64::from(i)),
                    e,
                ))
            }
        }
        value |= u64::from(byte[0] & 0x7f) << (7 * i);
        if byte[0] & 0x80 == 0 {
            return Ok(Some((value, u64::from(i) + 1)));
        }
    }
    Err(car_error(file, at, "a length longer than ten bytes"))
}

/// Reads blocks by position through a window, so that the walk, which mostly moves forwards,
/// does not seek and refill for every small record.
struct Blocks<'r> {
    r: &'r mut dyn ReadSeek,
    file: String,
    window: Vec<u8>,
    window_start: u64,
}

const WINDOW: u64 = 256 * 1024;

impl Blocks<'_> {
    fn get(&mut self, at: u64, len: u64) -> Result<&[u8], ArchiveError> {
        let end = at.saturating_add(len);
        let window_end = self.window_start + self.window.len() as u64;
        if !(at >= self.window_start && end <= window_end) {
            let file = &self.file;
            self.r
                .seek(SeekFrom::Start(at))
                .map_err(|e| crate::readers::io_to_archive(file, Position::byte(at), e))?;
            self.window.clear();
            self.window_start = at;
            (&mut *self.r)
                .take(len.max(WINDOW))
                .read_to_end(&mut self.window)
                .map_err(|e| crate::readers::io_to_archive(file, Position::byte(at), e))?;
            if (self.window.len() as u64) < len {
                return Err(car_error(
                    file,
                    at + self.window.len() as u64,
                    "the file ends inside a block (truncated?)",
                ));
            }
        }
        let from = usize::try_from(at - self.window_start).unwrap_or(usize::MAX);
        let to = usize::try_from(end - self.window_start).unwrap_or(usize::MAX);
        self.window
            .get(from..to)
            .ok_or_else(|| car_error(&self.file, at, "a block outside the file"))
    }
}

/// Where each block's bytes are.
struct Index {
    blocks: HashMap<Cid, (u64, u64)>,
    roots: Vec<Cid>,
}

/// Reads the file forwards once, noting where each block's bytes are.
fn index(r: &mut dyn ReadSeek, sink: &mut FileSink<'_>) -> Result<Index, ReadFail> {
    let file = sink.file.clone();
    let (header_len, n) =
        read_varint(r, &file, 0)?.ok_or_else(|| car_error(&file, 0, "the file is empty"))?;
    if header_len == 0 || header_len > MAX_BLOCK {
        return Err(car_error(&file, 0, format!("implausible header length {header_len}")).into());
    }
    let mut buf = Vec::new();
    read_block(r, &file, n, header_len, &mut buf)?;
    let header: CarHeader = serde_ipld_dagcbor::from_slice(&buf)
        .map_err(|e| car_error(&file, n, format!("the header is not valid DAG-CBOR: {e}")))?;
    if header.version != 1 {
        return Err(ArchiveError::Unsupported {
            file: file.clone(),
            what: format!("CAR version {}", header.version),
        }
        .into());
    }
    let mut blocks = HashMap::new();
    let mut at = n + header_len;
    loop {
        let (len, n) = match read_varint(r, &file, at) {
            Ok(Some(v)) => v,
            Ok(None) => break,
            Err(e) => {
                sink.problem(e)?;
                break;
            }
        };
        if len == 0 || len > MAX_BLOCK {
            sink.problem(car_error(
                &file,
                at,
                format!("implausible block length {len}; the rest of the file is not read"),
            ))?;
            break;
        }
        let start = at + n;
        if let Err(e) = read_block(r, &file, start, len, &mut buf) {
            sink.problem(e)?;
            break;
        }
        let mut cursor = std::io::Cursor::new(&buf[..]);
        let cid = match Cid::read_bytes(&mut cursor) {
            Ok(cid) => cid,
            Err(e) => {
                sink.problem(car_error(
                    &file,
                    start,
                    format!(
                        "a block with an unreadable CID ({e}); the rest of the file is not read"
                    ),
                ))?;
                break;
            }
        };
        let cid_len = cursor.position();
        blocks.insert(cid, (start + cid_len, len - cid_len));
        at = start + len;
    }
    Ok(Index {
        blocks,
        roots: header.roots,
    })
}

/// Reads the next `len` bytes (which start at `at`) into `buf`.
fn read_block(
    r: &mut dyn ReadSeek,
    file: &str,
    at: u64,
    len: u64,
    buf: &mut Vec<u8>,
) -> Result<(), ArchiveError> {
    buf.clear();
    r.take(len)
        .read_to_end(buf)
        .map_err(|e| crate::readers::io_to_archive(file, Position::byte(at), e))?;
    if (buf.len() as u64) < len {
        return Err(car_error(
            file,
            at + buf.len() as u64,
            "the file ends inside a block (truncated?)",
        ));
    }
    Ok(())
}

fn load<T: for<'de> Deserialize<'de>>(
    blocks: &mut Blocks<'_>,
    index: &Index,
    cid: &Cid,
    what: &str,
) -> Result<T, ArchiveError> {
    let &(at, len) = index.blocks.get(cid).ok_or_else(|| ArchiveError::Car {
        file: blocks.file.clone(),
        position: Position::default(),
        message: format!("{what} (block {cid}) is missing from the file (truncated?)"),
    })?;
    let bytes = blocks.get(at, len)?;
    serde_ipld_dagcbor::from_slice(bytes).map_err(|e| {
        car_error(
            &blocks.file,
            at,
            format!("{what} (block {cid}) is not valid: {e}"),
        )
    })
}

enum Work {
    Node(Cid, String),
    Record(String, Cid),
}

fn read_car(r: &mut dyn ReadSeek, sink: &mut FileSink<'_>) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let index = index(r, sink)?;
    let mut blocks = Blocks {
        r,
        file: file.clone(),
        window: Vec::new(),
        window_start: 0,
    };
    let root = index
        .roots
        .first()
        .ok_or_else(|| car_error(&file, 0, "the header names no root"))?;
    let commit: Commit = load(&mut blocks, &index, root, "the repository's commit")?;
    let did = commit.did.unwrap_or_default();

    // Depth-first, left to right, so records come in key order.
    let mut stack = vec![Work::Node(commit.data, String::new())];
    let mut seen: HashSet<Cid> = HashSet::new();
    while let Some(work) = stack.pop() {
        match work {
            Work::Node(cid, after) => {
                if !seen.insert(cid) {
                    sink.problem(car_error(
                        &file,
                        0,
                        format!("the tree visits block {cid} twice; not followed again"),
                    ))?;
                    continue;
                }
                let what = if after.is_empty() {
                    "a tree node".to_owned()
                } else {
                    format!("the tree node after key {after}")
                };
                let node: MstNode = match load(&mut blocks, &index, &cid, &what) {
                    Ok(node) => node,
                    Err(e) => {
                        sink.problem(e)?;
                        continue;
                    }
                };
                let mut items = Vec::new();
                if let Some(left) = node.l {
                    items.push(Work::Node(left, after.clone()));
                }
                let mut key: Vec<u8> = Vec::new();
                for entry in node.e {
                    let keep = usize::try_from(entry.p)
                        .unwrap_or(usize::MAX)
                        .min(key.len());
                    key.truncate(keep);
                    key.extend_from_slice(&entry.k);
                    let full = String::from_utf8_lossy(&key).into_owned();
                    items.push(Work::Record(full.clone(), entry.v));
                    if let Some(right) = entry.t {
                        items.push(Work::Node(right, full));
                    }
                }
                stack.extend(items.into_iter().rev());
            }
            Work::Record(key, cid) => read_record(&mut blocks, &index, sink, &did, &key, &cid)?,
        }
    }
    Ok(())
}

/// Reads the record at `key` if it is a post or a repost; other collections are not posts.
fn read_record(
    blocks: &mut Blocks<'_>,
    index: &Index,
    sink: &mut FileSink<'_>,
    did: &str,
    key: &str,
    cid: &Cid,
) -> Result<(), ReadFail> {
    let Some((collection, rkey)) = key.split_once('/') else {
        return Ok(());
    };
    let what = format!("record {key}");
    match collection {
        "app.bsky.feed.post" => {
            sink.record();
            match load::<PostRecord>(blocks, index, cid, &what) {
                Ok(record) => sink.post(post(record, did, rkey, &sink.file.clone())),
                Err(e) => sink.problem(e),
            }
        }
        "app.bsky.feed.repost" => {
            sink.record();
            match load::<RepostRecord>(blocks, index, cid, &what) {
                Ok(record) => sink.post(Post {
                    platform: Platform::Bluesky,
                    id: rkey.to_owned(),
                    created_at: record.created_at.as_deref().and_then(parse_time),
                    url: record.subject.and_then(|s| s.uri).map(|u| web_url(&u)),
                    audience: Audience::Public,
                    kind: Kind::Repost,
                    text: String::new(),
                    source: sink.file.clone(),
                }),
                Err(e) => sink.problem(e),
            }
        }
        _ => Ok(()),
    }
}

/// `at://did/app.bsky.feed.post/rkey` as a bsky.app address.
fn web_url(at_uri: &str) -> String {
    let rest = at_uri.strip_prefix("at://").unwrap_or(at_uri);
    let mut parts = rest.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(did), Some("app.bsky.feed.post"), Some(rkey)) => {
            format!("https://bsky.app/profile/{did}/post/{rkey}")
        }
        _ => at_uri.to_owned(),
    }
}

fn post(record: PostRecord, did: &str, rkey: &str, file: &str) -> Post {
    let mut text = record.text.unwrap_or_default();
    // Links are shown shortened; a link facet holds the full address for a byte range.
    let mut links: Vec<(usize, usize, String)> = record
        .facets
        .iter()
        .filter_map(|f| {
            let uri = f
                .features
                .iter()
                .find(|x| x.kind.as_deref() == Some("app.bsky.richtext.facet#link"))
                .and_then(|x| x.uri.clone())?;
            Some((
                usize::try_from(f.index.byte_start).ok()?,
                usize::try_from(f.index.byte_end).ok()?,
                uri,
            ))
        })
        .collect();
    links.sort_by_key(|l| std::cmp::Reverse(l.0));
    let mut limit = text.len();
    for (start, end, uri) in links {
        if start < end && end <= limit && text.is_char_boundary(start) && text.is_char_boundary(end)
        {
            if text[start..end] != uri {
                text.replace_range(start..end, &uri);
            }
            limit = start;
        }
    }
    let mut alts = Vec::new();
    let mut embed = record.embed.as_ref();
    while let Some(e) = embed {
        alts.extend(e.images.iter().filter_map(|i| i.alt.as_deref()));
        alts.extend(e.alt.as_deref());
        embed = e.media.as_deref();
    }
    for alt in alts.into_iter().map(str::trim).filter(|a| !a.is_empty()) {
        text.push_str("\n\n[image description: ");
        text.push_str(alt);
        text.push(']');
    }
    Post {
        platform: Platform::Bluesky,
        id: rkey.to_owned(),
        created_at: record.created_at.as_deref().and_then(parse_time),
        url: (!did.is_empty()).then(|| format!("https://bsky.app/profile/{did}/post/{rkey}")),
        audience: Audience::Public,
        kind: if record.reply.is_some() {
            Kind::Reply
        } else {
            Kind::Own
        },
        text,
        source: file.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_uris_become_web_addresses() {
        assert_eq!(
            web_url("at://did:plc:abc/app.bsky.feed.post/3k2"),
            "https://bsky.app/profile/did:plc:abc/post/3k2"
        );
        assert_eq!(
            web_url("at://did:plc:abc/app.bsky.feed.like/3k2"),
            "at://did:plc:abc/app.bsky.feed.like/3k2"
        );
    }
}
