//! Facebook and Instagram "Download Your Information" exports, in JSON.
//!
//! Facebook has moved its files three times; all three layouts are read:
//! - until 2021: `posts/your_posts_1.json` (earlier `posts/your_posts.json` with
//!   `{"status_updates": [...]}`), `comments/comments.json`, `messages/inbox/*/message_1.json`;
//! - 2022-2023: the same files under `your_activity_across_facebook/` (comments in
//!   `comments_and_reactions/comments.json` as `{"comments_v2": [...]}`);
//! - from 2024: under `your_facebook_activity/`, posts in
//!   `posts/your_posts__check_ins__photos_and_videos_1.json`.
//!
//! Instagram keeps captions in `content/posts_1.json` (later under
//! `your_instagram_activity/content/` or `.../media/`), comments in
//! `comments/post_comments_1.json`, and messages in the same format as Facebook's.
//!
//! Meta writes each UTF-8 byte of non-ASCII text as its own `\u00XX` escape, so every string is
//! repaired with [`fix_mojibake`]. Messages count as the person's only when they sent them:
//! the owner's name comes from `profile_information.json` (Facebook) or
//! `personal_information.json` (Instagram); without it, every message is read. The HTML export
//! is refused at [`open`](crate::open) with a hint to download JSON.

use serde_json::Value;

use super::{from_unix, from_unix_ms, Ctx, FileSink, ReadFail, Stopped};
use crate::container::EntryReader;
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::json::Scanner;
use crate::post::{Audience, Kind, Platform, Post};
use crate::text::fix_mojibake;

/// Array keys under which the records sit when a file is an object rather than an array.
const RECORD_KEYS: [&str; 8] = [
    "status_updates",
    "status_updates_v2",
    "comments",
    "comments_v2",
    "comments_media_comments",
    "messages",
    "posts",
    "posts_v2",
];

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    let mut owner: Option<String> = None;
    for role in [Role::FacebookProfile, Role::InstagramProfile] {
        for entry in ctx.files(role) {
            ctx.read_small(&entry, |bytes, sink| {
                let value: Value = serde_json::from_slice(bytes).map_err(|e| {
                    crate::json::json_error(
                        &sink.file,
                        Position {
                            line: Some(1),
                            column: Some(1),
                            ..Position::default()
                        },
                        None,
                        &e,
                    )
                })?;
                owner = owner.take().or_else(|| owner_name(&value));
                Ok(())
            })?;
        }
    }

    let platform = ctx.platform;
    let plan: Vec<_> = ctx.plan.to_vec();
    for (entry, role) in plan {
        match role {
            Role::FacebookPosts | Role::InstagramPosts => {
                ctx.read_file(&entry, |r, sink| {
                    read_records(r, sink, |v, n, sink| post(v, n, sink, platform))
                })?;
            }
            Role::FacebookComments | Role::InstagramComments => {
                ctx.read_file(&entry, |r, sink| {
                    read_records(r, sink, |v, n, sink| comment(v, n, sink, platform))
                })?;
            }
            Role::MetaMessages => {
                let owner = owner.clone();
                ctx.read_file(&entry, |r, sink| {
                    read_messages(r, sink, owner.as_deref(), platform)
                })?;
            }
            _ => {}
        }
    }
    Ok(())
}

fn owner_name(profile: &Value) -> Option<String> {
    for key in ["profile_v2", "profile"] {
        if let Some(name) = profile
            .pointer(&format!("/{key}/name/full_name"))
            .and_then(Value::as_str)
        {
            return Some(fix_mojibake(name).into_owned());
        }
    }
    let user = profile.pointer("/profile_user/0/string_map_data")?;
    user.pointer("/Name/value")
        .or_else(|| user.pointer("/Username/value"))
        .and_then(Value::as_str)
        .map(|s| fix_mojibake(s).into_owned())
}

fn read_records(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    mut to_post: impl FnMut(&Value, u64, &FileSink<'_>) -> Option<Post>,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let mut scanner = Scanner::new(reader, &file);
    crate::json::each_record(&mut scanner, &RECORD_KEYS, |s, at, n| {
        sink.record();
        match s.parse::<Value>(at, n) {
            Ok(value) => match to_post(&value, n, sink) {
                Some(post) => sink.post(post),
                None => sink.problem(ArchiveError::Record {
                    file: file.clone(),
                    position: Position {
                        record: Some(n),
                        ..at
                    },
                    message: "not a post record (expected an object)".to_owned(),
                }),
            },
            Err(e) => sink.problem(e),
        }
    })?;
    Ok(())
}

fn text_of(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(|s| fix_mojibake(s).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// An id for a record of a file with no ids of its own: the file's name and the record number.
fn record_id(file: &str, n: u64) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.strip_suffix(".json").unwrap_or(name);
    format!("{stem}:{n}")
}

fn post(value: &Value, n: u64, sink: &FileSink<'_>, platform: Platform) -> Option<Post> {
    let obj = value.as_object()?;
    let mut parts: Vec<String> = Vec::new();
    // Facebook: the words are in data[].post; Instagram: the caption is the title.
    if let Some(data) = obj.get("data").and_then(Value::as_array) {
        parts.extend(data.iter().filter_map(|d| text_of(d.get("post"))));
    }
    if platform == Platform::Instagram {
        let caption = text_of(obj.get("title")).or_else(|| {
            obj.get("media")
                .and_then(|m| m.get(0))
                .and_then(|m| text_of(m.get("title")))
        });
        parts.extend(caption);
    }
    // Photo descriptions the person wrote.
    if let Some(attachments) = obj.get("attachments").and_then(Value::as_array) {
        for a in attachments {
            for d in a
                .get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(desc) = text_of(d.pointer("/media/description")) {
                    if !parts.contains(&desc) {
                        parts.push(desc);
                    }
                }
            }
        }
    }
    let created_at = obj
        .get("timestamp")
        .or_else(|| obj.get("creation_timestamp"))
        .or_else(|| {
            obj.get("media")
                .and_then(|m| m.get(0))
                .and_then(|m| m.get("creation_timestamp"))
        })
        .and_then(Value::as_i64)
        .and_then(from_unix);
    Some(Post {
        platform,
        id: record_id(&sink.file, n),
        created_at,
        url: None,
        audience: Audience::Unknown,
        kind: Kind::Own,
        text: parts.join("\n\n"),
        source: sink.file.clone(),
    })
}

fn comment(value: &Value, n: u64, sink: &FileSink<'_>, platform: Platform) -> Option<Post> {
    let obj = value.as_object()?;
    let (text, at) = if let Some(map) = obj.get("string_map_data") {
        // Instagram: {"string_map_data": {"Comment": {"value": ...}, "Time": {"timestamp": ...}}}
        (
            text_of(map.pointer("/Comment/value")),
            map.pointer("/Time/timestamp").and_then(Value::as_i64),
        )
    } else {
        let comments: Vec<String> = obj
            .get("data")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|d| text_of(d.pointer("/comment/comment")))
            .collect();
        let text = (!comments.is_empty()).then(|| comments.join("\n\n"));
        (text, obj.get("timestamp").and_then(Value::as_i64))
    };
    Some(Post {
        platform,
        id: record_id(&sink.file, n),
        created_at: at.and_then(from_unix),
        url: None,
        audience: Audience::Unknown,
        kind: Kind::Reply,
        text: text.unwrap_or_default(),
        source: sink.file.clone(),
    })
}

fn read_messages(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    owner: Option<&str>,
    platform: Platform,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    // The thread's folder and file identify it: inbox/bob_1a2b/message_1.json.
    let mut parts = file.rsplit('/');
    let name = parts.next().unwrap_or_default();
    let thread = match parts.next() {
        Some(dir) => format!("{dir}/{}", name.trim_end_matches(".json")),
        None => name.trim_end_matches(".json").to_owned(),
    };
    let mut scanner = Scanner::new(reader, &file);
    crate::json::each_record(&mut scanner, &["messages"], |s, at, n| {
        sink.record();
        let value = match s.parse::<Value>(at, n) {
            Ok(value) => value,
            Err(e) => return sink.problem(e),
        };
        let sender = text_of(value.get("sender_name"));
        if let (Some(owner), Some(sender)) = (owner, sender.as_deref()) {
            if owner != sender {
                return Ok(());
            }
        }
        let Some(text) = text_of(value.get("content")) else {
            return Ok(());
        };
        sink.post(Post {
            platform,
            id: format!("{thread}:{n}"),
            created_at: value
                .get("timestamp_ms")
                .and_then(Value::as_i64)
                .and_then(from_unix_ms),
            url: None,
            audience: Audience::Direct,
            kind: Kind::DirectMessage,
            text,
            source: file.clone(),
        })
    })?;
    Ok(())
}
