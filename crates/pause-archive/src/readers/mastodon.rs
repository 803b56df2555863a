//! Mastodon account exports (a `.zip`, or a `.tar.gz` from older servers).
//!
//! The posts are in `outbox.json`, an `ActivityStreams` `OrderedCollection` whose
//! `orderedItems` are `Create` activities wrapping a `Note` (or a `Question`, for polls) and
//! `Announce` activities (boosts, which carry no text of the person's). `content` is HTML;
//! `summary` is the content warning; each attachment's `name` is its alt text; `inReplyTo`
//! marks a reply. Visibility is not stored as such but follows from the addressing: the public
//! collection in `to` is public, in `cc` is unlisted, the followers collection alone is
//! followers-only, and anything else is a direct message, which matter most for
//! confidentiality. `totalItems` is checked against what was read.

use serde::Deserialize;

use super::{parse_time, Ctx, FileSink, ReadFail, Stopped};
use crate::container::EntryReader;
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::json::Scanner;
use crate::post::{Audience, Kind, Platform, Post};
use crate::text::html_to_text;

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<serde_json::Value>),
    #[default]
    None,
}

impl OneOrMany {
    fn iter(&self) -> impl Iterator<Item = &str> {
        let (one, many): (Option<&str>, &[serde_json::Value]) = match self {
            OneOrMany::One(s) => (Some(s.as_str()), &[]),
            OneOrMany::Many(v) => (None, v.as_slice()),
            OneOrMany::None => (None, &[]),
        };
        one.into_iter()
            .chain(many.iter().filter_map(serde_json::Value::as_str))
    }

    fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

#[derive(Deserialize)]
struct Activity {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    published: Option<String>,
    #[serde(default)]
    to: OneOrMany,
    #[serde(default)]
    cc: OneOrMany,
    object: Option<Object>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Object {
    Link(String),
    Note(Box<Note>),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Note {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    summary: Option<String>,
    content: Option<String>,
    in_reply_to: Option<serde_json::Value>,
    published: Option<String>,
    url: Option<serde_json::Value>,
    #[serde(default)]
    to: OneOrMany,
    #[serde(default)]
    cc: OneOrMany,
    #[serde(default)]
    attachment: Vec<Attachment>,
    #[serde(default)]
    one_of: Vec<PollOption>,
    #[serde(default)]
    any_of: Vec<PollOption>,
}

#[derive(Deserialize)]
struct Attachment {
    name: Option<String>,
}

#[derive(Deserialize)]
struct PollOption {
    name: Option<String>,
}

const PUBLIC: [&str; 3] = [
    "https://www.w3.org/ns/activitystreams#Public",
    "as:Public",
    "Public",
];

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    for entry in ctx.files(Role::MastodonOutbox) {
        ctx.read_file(&entry, read_outbox)?;
    }
    Ok(())
}

fn read_outbox(reader: &mut EntryReader<'_>, sink: &mut FileSink<'_>) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let mut s = Scanner::new(reader, &file);
    match s.skip_ws()? {
        Some(b'{') => s.expect(b'{')?,
        None => return Ok(()),
        Some(_) => return Err(s.error("expected the outbox's `{`").into()),
    }
    let mut total_items: Option<u64> = None;
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        match key.as_str() {
            "orderedItems" => {
                crate::json::each_in_array(&mut s, |s, at, n| {
                    sink.record();
                    match s.parse::<Activity>(at, n) {
                        Ok(activity) => match to_post(activity, &file) {
                            Some(post) => sink.post(post),
                            None => Ok(()),
                        },
                        Err(e) => sink.problem(e),
                    }
                })?;
            }
            "totalItems" => {
                s.scan_value(true)?;
                total_items = serde_json::from_slice(&s.buf).ok();
            }
            _ => s.scan_value(false)?,
        }
    }
    if let Some(expected) = total_items {
        let read = sink.records();
        if expected != read {
            sink.problem(ArchiveError::CountMismatch {
                file: file.clone(),
                expected,
                read,
                listed_in: format!("{file} (totalItems)"),
            })?;
        }
    }
    if !s.at_end()? {
        return Err(ArchiveError::Json {
            file,
            position: Position {
                record: None,
                ..s.position()
            },
            message: "unexpected data after the outbox".to_owned(),
        }
        .into());
    }
    Ok(())
}

/// The last path segment of a status address (`.../statuses/1234` or `.../statuses/1234/activity`).
fn status_id(address: &str) -> String {
    let trimmed = address.trim_end_matches('/').trim_end_matches("/activity");
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_owned()
}

fn audience(to: &OneOrMany, cc: &OneOrMany) -> Audience {
    if to.iter().any(|a| PUBLIC.contains(&a)) {
        Audience::Public
    } else if cc.iter().any(|a| PUBLIC.contains(&a)) {
        Audience::Unlisted
    } else if to
        .iter()
        .chain(cc.iter())
        .any(|a| a.ends_with("/followers"))
    {
        Audience::Followers
    } else {
        Audience::Direct
    }
}

fn to_post(activity: Activity, file: &str) -> Option<Post> {
    match activity.kind.as_deref() {
        Some("Announce") => {
            let target = match &activity.object {
                Some(Object::Link(link)) => Some(link.clone()),
                Some(Object::Note(note)) => note.id.clone(),
                None => None,
            };
            Some(Post {
                platform: Platform::Mastodon,
                id: activity.id.as_deref().map(status_id).unwrap_or_default(),
                created_at: activity.published.as_deref().and_then(parse_time),
                url: target,
                audience: audience(&activity.to, &activity.cc),
                kind: Kind::Repost,
                text: String::new(),
                source: file.to_owned(),
            })
        }
        Some("Create") => {
            let Some(Object::Note(note)) = activity.object else {
                return None;
            };
            let (to, cc) = if note.to.is_empty() && note.cc.is_empty() {
                (&activity.to, &activity.cc)
            } else {
                (&note.to, &note.cc)
            };
            let audience = audience(to, cc);
            let is_reply = note.in_reply_to.as_ref().is_some_and(|v| !v.is_null());
            let kind = if audience == Audience::Direct {
                Kind::DirectMessage
            } else if is_reply {
                Kind::Reply
            } else {
                Kind::Own
            };
            let mut parts = Vec::new();
            if let Some(cw) = note
                .summary
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                parts.push(format!("CW: {}", html_to_text(cw)));
            }
            let body = html_to_text(note.content.as_deref().unwrap_or_default());
            if !body.is_empty() {
                parts.push(body);
            }
            let options: Vec<String> = note
                .one_of
                .iter()
                .chain(&note.any_of)
                .filter_map(|o| o.name.as_deref())
                .map(|name| format!("- {name}"))
                .collect();
            if !options.is_empty() {
                parts.push(options.join("\n"));
            }
            for alt in note
                .attachment
                .iter()
                .filter_map(|a| a.name.as_deref())
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                parts.push(format!("[image description: {alt}]"));
            }
            let url = match &note.url {
                Some(serde_json::Value::String(u)) => Some(u.clone()),
                Some(serde_json::Value::Object(o)) => {
                    o.get("href").and_then(|h| h.as_str()).map(str::to_owned)
                }
                _ => None,
            }
            .or_else(|| note.id.clone());
            let _ = note.kind;
            Some(Post {
                platform: Platform::Mastodon,
                id: note
                    .id
                    .as_deref()
                    .or(activity.id.as_deref())
                    .map(status_id)
                    .unwrap_or_default(),
                created_at: note
                    .published
                    .as_deref()
                    .or(activity.published.as_deref())
                    .and_then(parse_time),
                url,
                audience,
                kind,
                text: parts.join("\n\n"),
                source: file.to_owned(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(items: &[&str]) -> OneOrMany {
        OneOrMany::Many(
            items
                .iter()
                .map(|s| serde_json::Value::String((*s).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn visibility_follows_addressing() {
        let followers = "https://m.example/users/a/followers";
        let public = PUBLIC[0];
        assert_eq!(
            audience(&many(&[public]), &many(&[followers])),
            Audience::Public
        );
        assert_eq!(
            audience(&many(&[followers]), &many(&[public])),
            Audience::Unlisted
        );
        assert_eq!(
            audience(&many(&[followers]), &many(&[])),
            Audience::Followers
        );
        assert_eq!(
            audience(&many(&["https://m.example/users/b"]), &many(&[])),
            Audience::Direct
        );
        assert_eq!(
            audience(&OneOrMany::One("as:Public".into()), &OneOrMany::None),
            Audience::Public
        );
    }

    #[test]
    fn status_ids_from_addresses() {
        assert_eq!(
            status_id("https://m.example/users/a/statuses/109/activity"),
            "109"
        );
        assert_eq!(status_id("https://m.example/users/a/statuses/109"), "109");
    }
}
