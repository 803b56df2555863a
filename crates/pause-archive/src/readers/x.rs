//! X (Twitter) archives.
//!
//! Layout since 2019: `data/manifest.js` (`window.__THAR_CONFIG = {...}`) lists every data
//! file with its record count; tweets are in `data/tweets.js` and, in big archives,
//! `data/tweets-part1.js`, `-part2.js`, ... (`window.YTD.tweets.partN = [ {"tweet": {...}} ]`).
//! Archives of 2018-2019 call the file `tweet.js` and may put the fields at the top level
//! instead of under `"tweet"`. Archives before that are "Grailbird" ones:
//! `data/js/tweets/2013_01.js` starting `Grailbird.data.tweets_2013_01 =`.
//!
//! Quirks handled: ids and counts are strings; `created_at` looks like
//! `Sat Aug 12 16:10:37 +0000 2023`; `full_text` has `&`, `<` and `>` escaped; links are
//! `https://t.co/...` with the real address in `entities.urls[].expanded_url`; retweets are
//! `RT @name: ...` (reported as reposts, apart from the person's own words); posts longer than
//! 280 characters are cut in `tweets.js` and given whole in `note-tweet.js`, which has no
//! tweet id, so each note is matched to its tweet by time and by the start of its text (notes
//! that match nothing are still reported, as posts of `note-tweet.js`).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{parse_time, Ctx, FileSink, ReadFail, Stopped};
use crate::container::{Entry, EntryReader};
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::json::Scanner;
use crate::post::{Audience, Kind, Platform, Post};
use crate::text::{expand_links, unescape_x};

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    #[serde(default)]
    user_info: UserInfo,
    #[serde(default)]
    data_types: HashMap<String, DataType>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct UserInfo {
    account_id: Option<String>,
    user_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct DataType {
    #[serde(default)]
    files: Vec<ManifestFile>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManifestFile {
    file_name: String,
    count: Option<StrOrNum>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum StrOrNum {
    Str(String),
    Num(u64),
}

impl StrOrNum {
    fn as_u64(&self) -> Option<u64> {
        match self {
            StrOrNum::Str(s) => s.trim().parse().ok(),
            StrOrNum::Num(n) => Some(*n),
        }
    }

    fn into_string(self) -> String {
        match self {
            StrOrNum::Str(s) => s,
            StrOrNum::Num(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct AccountRecord {
    account: Account,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    account_id: Option<String>,
    username: Option<String>,
}

#[derive(Deserialize)]
struct Wrapped<T> {
    tweet: T,
}

#[derive(Deserialize, Default)]
struct Tweet {
    id_str: Option<String>,
    id: Option<StrOrNum>,
    full_text: Option<String>,
    text: Option<String>,
    created_at: Option<String>,
    in_reply_to_status_id_str: Option<String>,
    in_reply_to_status_id: Option<StrOrNum>,
    #[serde(default)]
    entities: Entities,
    retweeted_status: Option<serde::de::IgnoredAny>,
    user: Option<User>,
}

#[derive(Deserialize, Default)]
struct User {
    screen_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct Entities {
    #[serde(default)]
    urls: Vec<UrlEntity>,
    #[serde(default)]
    media: Vec<UrlEntity>,
}

#[derive(Deserialize)]
struct UrlEntity {
    url: Option<String>,
    expanded_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NoteRecord {
    note_tweet: NoteTweet,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // named by the format
struct NoteTweet {
    note_tweet_id: Option<String>,
    created_at: Option<String>,
    core: NoteCore,
}

#[derive(Deserialize)]
struct NoteCore {
    text: String,
    #[serde(default)]
    urls: Vec<NoteUrl>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NoteUrl {
    short_url: Option<String>,
    expanded_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DmRecord {
    dm_conversation: DmConversation,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DmConversation {
    conversation_id: Option<String>,
    #[serde(default)]
    messages: Vec<DmEvent>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DmEvent {
    message_create: Option<DmMessage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DmMessage {
    id: Option<String>,
    sender_id: Option<String>,
    text: Option<String>,
    created_at: Option<String>,
    #[serde(default)]
    urls: Vec<DmUrl>,
}

#[derive(Deserialize)]
struct DmUrl {
    url: Option<String>,
    expanded: Option<String>,
}

/// A long post from `note-tweet.js`, waiting for its tweet.
struct Note {
    id: String,
    created_at: Option<DateTime<FixedOffset>>,
    text: String,
    key: String,
    used: bool,
    source: String,
}

#[derive(Default)]
struct State {
    account_id: Option<String>,
    user_name: Option<String>,
    /// Record counts the manifest gives, by file name as the manifest spells it.
    expected: Vec<(String, u64)>,
    notes: Vec<Note>,
    /// Notes by the second they were posted.
    notes_by_time: HashMap<i64, Vec<usize>>,
}

impl State {
    fn url(&self, id: &str) -> String {
        match &self.user_name {
            Some(user) => format!("https://x.com/{user}/status/{id}"),
            None => format!("https://x.com/i/status/{id}"),
        }
    }
}

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    let mut state = State::default();

    for entry in ctx.files(Role::XManifest) {
        let mut manifest = None;
        ctx.read_small(&entry, |bytes, sink| {
            manifest = Some(parse_manifest(bytes, &sink.file)?);
            Ok(())
        })?;
        if let Some(manifest) = manifest {
            check_manifest(ctx, &entry, &manifest, &mut state)?;
        }
    }
    if state.user_name.is_none() || state.account_id.is_none() {
        for entry in ctx.files(Role::XAccount) {
            ctx.read_small(&entry, |bytes, sink| {
                let mut scanner = Scanner::new(bytes, &sink.file);
                if scanner.skip_prefix()?.is_some() {
                    crate::json::each_in_array(&mut scanner, |s, at, n| {
                        let record: AccountRecord = s.parse(at, n)?;
                        state.account_id = state.account_id.take().or(record.account.account_id);
                        state.user_name = state.user_name.take().or(record.account.username);
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        }
    }

    let mut note_files = Vec::new();
    for entry in ctx.files(Role::XNotes) {
        let outcome =
            ctx.read_deferred(&entry, |reader, sink| read_notes(reader, sink, &mut state))?;
        note_files.push((entry, outcome));
    }

    for (role, audience) in [
        (Role::XTweets, Audience::Public),
        (Role::XCommunity, Audience::Public),
        (Role::XCircle, Audience::Followers),
        (Role::XDeleted, Audience::Public),
        (Role::XGrailbird, Audience::Public),
    ] {
        let mut files = ctx.files(role);
        files.sort_by_key(|e| part_number(&e.name));
        for entry in files {
            let outcome = ctx.read_file(&entry, |reader, sink| {
                read_tweets(reader, sink, &mut state, audience)
            })?;
            check_count(ctx, &state, &entry, outcome)?;
        }
    }

    for role in [Role::XDirectMessages, Role::XGroupMessages] {
        let mut files = ctx.files(role);
        files.sort_by_key(|e| part_number(&e.name));
        for entry in files {
            ctx.read_file(&entry, |reader, sink| read_dms(reader, sink, &state))?;
        }
    }

    // Notes no tweet claimed: still the person's words, reported under their own file.
    for (entry, outcome) in note_files {
        let posts: Vec<Post> = state
            .notes
            .iter_mut()
            .filter(|n| !n.used && n.source == entry.name)
            .map(|n| {
                n.used = true;
                Post {
                    platform: Platform::X,
                    id: n.id.clone(),
                    created_at: n.created_at,
                    url: None,
                    audience: Audience::Public,
                    kind: Kind::Own,
                    text: n.text.clone(),
                    source: n.source.clone(),
                }
            })
            .collect();
        let posts = posts
            .into_iter()
            .map(|mut p| {
                p.url = Some(state.url(&p.id));
                p
            })
            .collect();
        ctx.send_file(&entry.name, posts, outcome)?;
    }
    Ok(())
}

/// The N of `tweets-partN.js`, so parts are read in order (0 for the first file).
fn part_number(name: &str) -> (String, u64) {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.trim_end_matches(".js");
    match stem.rsplit_once("-part") {
        Some((base, n)) => (
            format!("{}{}", &name[..name.len() - file.len()], base),
            n.parse().unwrap_or(u64::MAX),
        ),
        None => (name.strip_suffix(".js").unwrap_or(name).to_owned(), 0),
    }
}

fn parse_manifest(bytes: &[u8], file: &str) -> Result<Manifest, ArchiveError> {
    let start = bytes
        .iter()
        .position(|&b| b == b'{')
        .ok_or_else(|| ArchiveError::Json {
            file: file.to_owned(),
            position: Position::byte(0),
            message: "no `{` found: not a manifest".to_owned(),
        })?;
    let mut end = bytes.len();
    while end > start && matches!(bytes[end - 1], b' ' | b'\n' | b'\r' | b'\t' | b';') {
        end -= 1;
    }
    let body = &bytes[start..end];
    #[allow(clippy::naive_bytecount)] // a short prefix
    let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let column = (start
        - bytes[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)) as u64
        + 1;
    serde_json::from_slice(body).map_err(|e| {
        crate::json::json_error(
            file,
            Position {
                line: Some(line),
                column: Some(column),
                byte: None,
                record: None,
            },
            None,
            &e,
        )
    })
}

fn check_manifest(
    ctx: &mut Ctx<'_>,
    manifest_entry: &Entry,
    manifest: &Manifest,
    state: &mut State,
) -> Result<(), Stopped> {
    state.account_id.clone_from(&manifest.user_info.account_id);
    state.user_name.clone_from(&manifest.user_info.user_name);
    // The manifest names files relative to the archive's root; the archive may sit in a folder.
    let root = manifest_entry
        .name
        .strip_suffix("data/manifest.js")
        .unwrap_or("");
    let post_types = [
        "tweets",
        "tweet",
        "noteTweet",
        "deletedTweets",
        "communityTweet",
        "twitterCircleTweet",
        "directMessages",
        "directMessagesGroup",
    ];
    let mut names: Vec<&String> = manifest.data_types.keys().collect();
    names.sort();
    for name in names {
        if !post_types.contains(&name.as_str()) {
            continue;
        }
        for file in &manifest.data_types[name].files {
            let full = format!("{root}{}", file.file_name.trim_start_matches("./"));
            let present = ctx.plan.iter().any(|(e, _)| e.name == full);
            if !present {
                ctx.problem(ArchiveError::Missing {
                    file: full.clone(),
                    listed_in: manifest_entry.name.clone(),
                })?;
            }
            if matches!(
                name.as_str(),
                "tweets" | "tweet" | "communityTweet" | "twitterCircleTweet" | "deletedTweets"
            ) {
                if let Some(count) = file.count.as_ref().and_then(StrOrNum::as_u64) {
                    state.expected.push((full, count));
                }
            }
        }
    }
    Ok(())
}

fn check_count(
    ctx: &mut Ctx<'_>,
    state: &State,
    entry: &Entry,
    outcome: super::FileOutcome,
) -> Result<(), Stopped> {
    if !outcome.complete {
        return Ok(());
    }
    if let Some((_, expected)) = state.expected.iter().find(|(name, _)| *name == entry.name) {
        if *expected != outcome.records {
            ctx.problem(ArchiveError::CountMismatch {
                file: entry.name.clone(),
                expected: *expected,
                read: outcome.records,
                listed_in: "data/manifest.js".to_owned(),
            })?;
        }
    }
    Ok(())
}

/// Starts a scanner past the `window.YTD.x.partN = ` prefix.
fn open_array<'r, 'e>(
    reader: &'r mut EntryReader<'e>,
    file: &str,
) -> Result<Option<Scanner<&'r mut EntryReader<'e>>>, ArchiveError> {
    let mut scanner = Scanner::new(reader, file);
    match scanner.skip_prefix()? {
        Some(b'[') => Ok(Some(scanner)),
        Some(_) => Err(scanner.error("expected a `[` array of records")),
        // An empty file: nothing to read, and nothing lost.
        None => Ok(None),
    }
}

fn read_tweets(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    state: &mut State,
    audience: Audience,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let Some(mut scanner) = open_array(reader, &file)? else {
        return Ok(());
    };
    crate::json::each_in_array(&mut scanner, |s, at, n| {
        sink.record();
        let tweet = if is_wrapped(&s.buf, b"tweet") {
            s.parse::<Wrapped<Tweet>>(at, n).map(|w| w.tweet)
        } else {
            s.parse::<Tweet>(at, n)
        };
        match tweet {
            Ok(tweet) => match tweet_post(tweet, state, &file, audience) {
                Some(post) => sink.post(post),
                None => sink.problem(ArchiveError::Record {
                    file: file.clone(),
                    position: Position {
                        record: Some(n),
                        ..at
                    },
                    message: "a tweet without an id".to_owned(),
                }),
            },
            Err(e) => sink.problem(e),
        }
    })?;
    if !scanner.at_end()? {
        return Err(scanner.error("unexpected data after the array").into());
    }
    Ok(())
}

/// Whether an element is `{"<key>": ...}` (the records of 2019+ archives) rather than bare.
fn is_wrapped(buf: &[u8], key: &[u8]) -> bool {
    let rest = buf.strip_prefix(b"{").unwrap_or(buf);
    let rest = trim_ascii_start(rest);
    rest.strip_prefix(b"\"")
        .and_then(|r| r.strip_prefix(key))
        .is_some_and(|r| r.starts_with(b"\""))
}

fn trim_ascii_start(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b {
        if first.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    b
}

fn tweet_post(tweet: Tweet, state: &mut State, file: &str, audience: Audience) -> Option<Post> {
    let id = tweet
        .id_str
        .or_else(|| tweet.id.map(StrOrNum::into_string))
        .filter(|s| !s.is_empty())?;
    let raw = tweet.full_text.or(tweet.text).unwrap_or_default();
    let unescaped = unescape_x(&raw);
    let created_at = tweet.created_at.as_deref().and_then(parse_time);
    let is_retweet = tweet.retweeted_status.is_some() || unescaped.starts_with("RT @");
    let is_reply = tweet
        .in_reply_to_status_id_str
        .as_deref()
        .is_some_and(|s| !s.is_empty())
        || tweet.in_reply_to_status_id.is_some();
    let kind = if is_retweet {
        Kind::Repost
    } else if is_reply {
        Kind::Reply
    } else {
        Kind::Own
    };
    let links: Vec<(&str, &str)> = tweet
        .entities
        .urls
        .iter()
        .chain(&tweet.entities.media)
        .filter_map(|u| Some((u.url.as_deref()?, u.expanded_url.as_deref()?)))
        .collect();
    let mut text = expand_links(&unescaped, &links).into_owned();
    if kind != Kind::Repost {
        if let Some(note) = claim_note(state, created_at, &unescaped) {
            text = note;
        }
    }
    if state.user_name.is_none() {
        state.user_name = tweet.user.and_then(|u| u.screen_name);
    }
    Some(Post {
        platform: Platform::X,
        url: Some(state.url(&id)),
        id,
        created_at,
        audience,
        kind,
        text,
        source: file.to_owned(),
    })
}

/// Text reduced for matching a cut tweet against its note: links and the ellipsis dropped,
/// whitespace collapsed.
fn match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if word.starts_with("https://t.co/") || word.starts_with("http://t.co/") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word.trim_end_matches('…'));
    }
    out.trim_end_matches('…').trim_end().to_owned()
}

fn claim_note(
    state: &mut State,
    created_at: Option<DateTime<FixedOffset>>,
    tweet_text: &str,
) -> Option<String> {
    let at = created_at?.timestamp();
    if state.notes.is_empty() {
        return None;
    }
    let key = match_key(tweet_text);
    if key.is_empty() {
        return None;
    }
    let prefix: String = key.chars().take(100).collect();
    // The tweet and its note are stamped within a second or two of each other.
    for second in [at, at - 1, at + 1, at - 2, at + 2] {
        let Some(candidates) = state.notes_by_time.get(&second) else {
            continue;
        };
        for &i in candidates {
            let note = &mut state.notes[i];
            if !note.used && note.key.starts_with(&prefix) {
                note.used = true;
                return Some(note.text.clone());
            }
        }
    }
    None
}

fn read_notes(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    state: &mut State,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let Some(mut scanner) = open_array(reader, &file)? else {
        return Ok(());
    };
    crate::json::each_in_array(&mut scanner, |s, at, n| {
        sink.record();
        match s.parse::<NoteRecord>(at, n) {
            Ok(record) => {
                let note = record.note_tweet;
                let links: Vec<(&str, &str)> = note
                    .core
                    .urls
                    .iter()
                    .filter_map(|u| Some((u.short_url.as_deref()?, u.expanded_url.as_deref()?)))
                    .collect();
                let text = expand_links(&note.core.text, &links).into_owned();
                let created_at = note.created_at.as_deref().and_then(parse_time);
                let index = state.notes.len();
                if let Some(t) = created_at {
                    state
                        .notes_by_time
                        .entry(t.timestamp())
                        .or_default()
                        .push(index);
                }
                state.notes.push(Note {
                    id: note.note_tweet_id.unwrap_or_else(|| format!("note-{n}")),
                    created_at,
                    key: match_key(&note.core.text),
                    text,
                    used: false,
                    source: file.clone(),
                });
                Ok(())
            }
            Err(e) => sink.problem(e),
        }
    })?;
    Ok(())
}

fn read_dms(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    state: &State,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let Some(mut scanner) = open_array(reader, &file)? else {
        return Ok(());
    };
    crate::json::each_in_array(&mut scanner, |s, at, n| {
        let record = match s.parse::<DmRecord>(at, n) {
            Ok(record) => record,
            Err(e) => return sink.problem(e),
        };
        let conversation = record.dm_conversation;
        for event in conversation.messages {
            let Some(message) = event.message_create else {
                continue;
            };
            sink.record();
            // Only what the person sent is theirs to answer for.
            let mine = match (&state.account_id, &message.sender_id) {
                (Some(me), Some(sender)) => me == sender,
                _ => true,
            };
            if !mine {
                continue;
            }
            let raw = message.text.unwrap_or_default();
            let links: Vec<(&str, &str)> = message
                .urls
                .iter()
                .filter_map(|u| Some((u.url.as_deref()?, u.expanded.as_deref()?)))
                .collect();
            let text = expand_links(&unescape_x(&raw), &links).into_owned();
            let id = message.id.unwrap_or_else(|| {
                format!(
                    "{}#{n}",
                    conversation.conversation_id.as_deref().unwrap_or("dm")
                )
            });
            sink.post(Post {
                platform: Platform::X,
                id,
                created_at: message.created_at.as_deref().and_then(parse_time),
                url: conversation
                    .conversation_id
                    .as_ref()
                    .map(|c| format!("https://x.com/messages/{c}")),
                audience: Audience::Direct,
                kind: Kind::DirectMessage,
                text,
                source: file.clone(),
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_sort_in_numeric_order() {
        let mut names = vec![
            "data/tweets-part10.js",
            "data/tweets-part2.js",
            "data/tweets.js",
            "data/tweets-part1.js",
        ];
        names.sort_by_key(|n| part_number(n));
        assert_eq!(
            names,
            [
                "data/tweets.js",
                "data/tweets-part1.js",
                "data/tweets-part2.js",
                "data/tweets-part10.js"
            ]
        );
    }

    #[test]
    fn match_key_drops_links_and_ellipsis() {
        assert_eq!(
            match_key("A long  post about… https://t.co/abc"),
            "A long post about"
        );
    }

    #[test]
    fn wrapped_records_are_recognised() {
        assert!(is_wrapped(b"{ \"tweet\" : {}}", b"tweet"));
        assert!(!is_wrapped(b"{\"tweets\": 1}", b"tweet"));
        assert!(!is_wrapped(b"{\"id_str\": \"1\"}", b"tweet"));
    }
}
