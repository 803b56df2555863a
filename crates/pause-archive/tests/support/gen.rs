//! Writes synthetic platform exports, and the posts a reader should find in each.
//!
//! Shared by `examples/make_fixtures.rs` (which writes `tests/fixtures/`) and the tests (which
//! make bad and large inputs on the fly). Every person, patient, place and number here is
//! invented for this project. Risky posts (a patient named, a manager insulted, a night out in
//! uniform, an NHS number) sit among ordinary ones, with emoji, Welsh, Polish, Urdu, Chinese
//! and Greek text, long posts, replies, direct messages and reposts.
//!
//! Each fixture `NAME` is written beside `NAME.expected.jsonl`: one line per post, as
//! `pause_archive::Post` serialises, built here from what was written rather than from what the
//! reader does, so a test comparing the two checks the reader against the format.
// A data generator, not library code: pedantic lints would only add noise here.
#![allow(dead_code, clippy::pedantic, clippy::too_many_arguments)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use cid::Cid;
use ipld_core::ipld::Ipld;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Ordinary posts.
pub const ORDINARY: &[&str] = &[
    "Lovely sunrise on the walk in to the ward this morning ☀️",
    "Shout out to the night team on ward 7, absolute legends 💙",
    "Anyone got a good lasagne recipe? Asking for a hungry nurse",
    "Proud to have finished my ALS refresher today. Always learning!",
    "Parkrun PB this morning 🏃‍♀️ 24:31",
    "Reminder: staff flu jabs at the wellbeing hub all week, no appointment needed",
    "Diolch yn fawr i bawb am y negeseuon pen-blwydd! 🎂",
    "Dziękuję wszystkim za wsparcie w tym tygodniu ❤️",
    "آج کی شفٹ بہت لمبی تھی، لیکن ٹیم کمال کی ہے",
    "新年快乐！祝大家身体健康 🧧",
    "Καλημέρα από τη νυχτερινή βάρδια ☕",
    "Fish & chips on the seafront <3 best way to end a long week",
    "Three years qualified today. Still learning something new every shift.",
    "Does anyone else's car park ticket machine only take exact change?? 🙃",
];

/// Posts with a professional risk in them (all invented).
pub const RISKY: &[&str] = &[
    "Bed 4 Mrs Dorothy Pembleton is the most difficult patient I have ever had, honestly",
    "Can't believe Dr Hargreaves is running our unit. Useless, worst manager ever",
    "Absolutely wasted after the Christmas do, still in scrubs 🍻🍻 don't tell occ health",
    "Someone left a handover sheet in the canteen with NHS number 943 476 5919 on it lol",
    "Just saw my neighbour come into A&E, won't say why but wow 👀",
    "Selfie in resus between cases 😎 (covered the monitor, mostly)",
    "If one more relative shouts at me today I swear I'll lose it",
    "Off sick today 🤒 (the beach is lovely though 🏖️)",
];

/// Direct messages (all invented).
pub const DIRECT: &[&str] = &[
    "Can you check the bloods for Mr Okafor in bay 2 and text me the results? He's my mate's dad",
    "Running 10 mins late, can you cover the drug round?",
    "Did you hear what happened on ward 9 last night 😬 don't tell anyone I told you",
    "Thanks for today, you were brilliant with that family",
];

/// A post longer than 280 characters, with its risk at the end.
pub const LONG: &str = "Long one, sorry. Twelve hours on a short-staffed ward today and I'm still buzzing from it: we discharged two patients who came in very unwell, the students were fantastic, and the family in side room 3 brought in cake for everyone 🍰. But I need to say it somewhere: the way the bed manager spoke to my colleague at 3pm was out of order and I'm writing it up. Mrs K in bay 6 deserves better than what we could give her today. Rant over. Bed now. 😴";

pub const LONG_2: &str = "Another long post because brevity is not my thing. Reflections on my first year as a band 6: you learn that the paperwork never ends, that tea goes cold, that kindness is a clinical skill, and that the best colleagues are the ones who notice when you are drowning before you do. Thank you to everyone on the acute medical unit. Πάμε! 💪 Next year: less caffeine, more sleep (ha).";

/// The account every fixture belongs to.
pub const SCREEN_NAME: &str = "nurse_jo_example";
pub const ACCOUNT_ID: &str = "1111111111";
pub const OTHER_ID: &str = "2222222222";
pub const FULL_NAME: &str = "Jo Ėxample";
pub const DID: &str = "did:plc:fictionalnurse0000000";

/// A small deterministic generator (xorshift), so fixtures are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// One text in five is risky.
    pub fn text(&mut self) -> &'static str {
        if self.next() % 5 == 0 {
            self.pick(RISKY)
        } else {
            self.pick(ORDINARY)
        }
    }
}

/// The time of the `i`th post: every 7 h 13 min from 2 January 2023.
pub fn time(i: usize) -> DateTime<Utc> {
    let start = Utc
        .with_ymd_and_hms(2023, 1, 2, 8, 0, 0)
        .single()
        .unwrap_or_default();
    start + Duration::minutes(433 * i as i64)
}

/// A time as `chrono`'s serde writes it (RFC 3339, `Z` for UTC).
fn rfc3339(t: DateTime<Utc>) -> String {
    serde_json::to_value(t.fixed_offset())
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An expected post, as `pause_archive::Post` serialises.
pub fn expect(
    platform: &str,
    id: &str,
    at: Option<DateTime<Utc>>,
    url: Option<String>,
    audience: &str,
    kind: &str,
    text: &str,
    source: &str,
) -> Value {
    json!({
        "platform": platform,
        "id": id,
        "created_at": at.map(rfc3339),
        "url": url,
        "audience": audience,
        "kind": kind,
        "text": text,
        "source": source,
    })
}

/// Files of an export, by path inside it.
#[derive(Default)]
pub struct Export {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Export {
    pub fn add(&mut self, path: &str, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.to_owned(), bytes.into());
    }

    pub fn write_folder(&self, dir: &Path) -> io::Result<()> {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        for (path, bytes) in &self.files {
            let full = dir.join(path);
            if let Some(parent) = full.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(full, bytes)?;
        }
        Ok(())
    }

    pub fn zip_bytes(&self) -> io::Result<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (path, bytes) in &self.files {
            zip.start_file(path.as_str(), options)
                .map_err(io::Error::other)?;
            zip.write_all(bytes)?;
        }
        Ok(zip.finish().map_err(io::Error::other)?.into_inner())
    }

    pub fn tar_gz_bytes(&self) -> io::Result<Vec<u8>> {
        let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let mut tar = tar::Builder::new(gz);
        for (path, bytes) in &self.files {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_mtime(1_700_000_000);
            header.set_entry_type(tar::EntryType::Regular);
            tar.append_data(&mut header, path, bytes.as_slice())?;
        }
        tar.into_inner()?.finish()
    }
}

/// Writes `posts` as JSON Lines.
pub fn write_expected(path: &Path, posts: &[Value]) -> io::Result<()> {
    let mut out = String::new();
    for p in posts {
        out.push_str(&serde_json::to_string(p).map_err(io::Error::other)?);
        out.push('\n');
    }
    fs::write(path, out)
}

/// Reads an expected-posts file.
pub fn read_expected(path: &Path) -> io::Result<Vec<Value>> {
    let text = fs::read_to_string(path)?;
    text.lines()
        .map(|l| serde_json::from_str(l).map_err(io::Error::other))
        .collect()
}

// ---------------------------------------------------------------- X

fn x_time(t: DateTime<Utc>) -> String {
    t.format("%a %b %d %H:%M:%S +0000 %Y").to_string()
}

fn x_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn ytd(global: &str, records: &[Value]) -> String {
    let body = serde_json::to_string_pretty(records).unwrap_or_default();
    format!("window.YTD.{global} = {body}")
}

/// One tweet record and the post a reader should make of it.
struct XTweet {
    record: Value,
    expected: Value,
}

fn x_tweet(i: usize, rng: &mut Rng, source: &str, audience: &str) -> XTweet {
    let id = format!("16{:017}", 100_000 + i * 7919);
    let at = time(i);
    let mut text = rng.text().to_owned();
    let mut full_text = x_escape(&text);
    let mut urls = Vec::new();
    let mut kind = "own";
    let mut reply_to = Value::Null;
    if i % 6 == 2 {
        // A link, shortened by t.co in the text, expanded in entities.
        let short = format!("https://t.co/lnk{i:04}");
        let long = format!("https://example.org/articles/{i}?utm=x&ref=feed");
        text = format!("{text} {long}");
        full_text = format!("{full_text} {short}");
        urls.push(json!({"url": short, "expanded_url": long, "display_url": format!("example.org/articles/{i}"), "indices": ["0", "23"]}));
    }
    if i % 7 == 3 {
        kind = "reply";
        reply_to = json!(format!("15{:017}", i));
        text = format!("@ward7_news {text}");
        full_text = format!("@ward7_news {full_text}");
    } else if i % 9 == 5 {
        kind = "repost";
        text = format!("RT @ward7_news: {text}");
        full_text = format!("RT @ward7_news: {full_text}");
    }
    let mut tweet = json!({
        "edit_info": {"initial": {"editTweetIds": [id], "editableUntil": "2023-01-01T00:00:00.000Z", "editsRemaining": "5", "isEditEligible": true}},
        "retweeted": false,
        "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": urls},
        "display_text_range": ["0", "140"],
        "favorite_count": "3",
        "id_str": id,
        "truncated": false,
        "retweet_count": "0",
        "id": id,
        "created_at": x_time(at),
        "favorited": false,
        "full_text": full_text,
        "lang": "en",
    });
    if !reply_to.is_null() {
        tweet["in_reply_to_status_id_str"] = reply_to.clone();
        tweet["in_reply_to_status_id"] = reply_to;
        tweet["in_reply_to_screen_name"] = json!("ward7_news");
        tweet["in_reply_to_user_id_str"] = json!("3333333333");
    }
    let url = format!("https://x.com/{SCREEN_NAME}/status/{id}");
    XTweet {
        record: json!({ "tweet": tweet }),
        expected: expect("x", &id, Some(at), Some(url), audience, kind, &text, source),
    }
}

/// A long post: cut in tweets.js with a link to itself, whole in note-tweet.js.
fn x_long(i: usize, long: &str, source: &str) -> (XTweet, Value) {
    let id = format!("16{:017}", 100_000 + i * 7919);
    let at = time(i);
    let short = format!("https://t.co/note{i:04}");
    let cut: String = long.chars().take(254).collect();
    let full_text = format!("{}… {short}", x_escape(cut.trim_end()));
    let tweet = json!({"tweet": {
        "id_str": id, "id": id, "created_at": x_time(at), "full_text": full_text, "lang": "en",
        "favorite_count": "0", "retweet_count": "0", "truncated": false, "display_text_range": ["0", "280"],
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [],
            "urls": [{"url": short, "expanded_url": format!("https://twitter.com/i/web/status/{id}"), "display_url": "twitter.com/i/web/status/1…", "indices": ["256", "279"]}]},
    }});
    let note = json!({"noteTweet": {
        "noteTweetId": format!("17{:017}", i),
        "updatedAt": (at + Duration::milliseconds(400)).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "lifecycle": {"value": "…", "name": "…", "originalName": "…", "annotations": {}},
        "createdAt": (at + Duration::milliseconds(400)).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "core": {"styletags": [], "urls": [], "text": long, "mentions": [], "cashtags": [], "hashtags": []},
    }});
    let url = format!("https://x.com/{SCREEN_NAME}/status/{id}");
    (
        XTweet {
            record: tweet,
            expected: expect("x", &id, Some(at), Some(url), "public", "own", long, source),
        },
        note,
    )
}

fn dm(id: usize, sender: &str, recipient: Option<&str>, text: &str, at: DateTime<Utc>) -> Value {
    let mut m = json!({"messageCreate": {
        "reactions": [], "urls": [], "text": text, "mediaUrls": [], "senderId": sender,
        "id": format!("18{id:017}"), "createdAt": at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    }});
    if let Some(r) = recipient {
        m["messageCreate"]["recipientId"] = json!(r);
    }
    m
}

/// The 2023 X archive: manifest, two tweet parts, notes, deleted, community, circle and DMs.
pub fn x_archive() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(7);
    let mut ex = Export::default();
    let mut expected = Vec::new();
    let mut notes = Vec::new();

    let part = |range: std::ops::Range<usize>,
                source: &str,
                rng: &mut Rng,
                expected: &mut Vec<Value>,
                notes: &mut Vec<Value>| {
        let mut records = Vec::new();
        for i in range {
            let t = if i == 4 || i == 33 {
                let (t, note) = x_long(i, if i == 4 { LONG } else { LONG_2 }, source);
                notes.push(note);
                t
            } else {
                x_tweet(i, rng, source, "public")
            };
            records.push(t.record);
            expected.push(t.expected);
        }
        records
    };
    let part0 = part(0..30, "data/tweets.js", &mut rng, &mut expected, &mut notes);
    let part1 = part(
        30..42,
        "data/tweets-part1.js",
        &mut rng,
        &mut expected,
        &mut notes,
    );

    let mut community = Vec::new();
    for i in 42..45 {
        let t = x_tweet(i, &mut rng, "data/community-tweet.js", "public");
        let mut record = t.record;
        record["tweet"]["community_id"] = json!("1500000000000000000");
        community.push(record);
        expected.push(t.expected);
    }
    let mut circle = Vec::new();
    for i in 45..47 {
        let t = x_tweet(i, &mut rng, "data/twitter-circle-tweet.js", "followers");
        circle.push(t.record);
        expected.push(t.expected);
    }
    let mut deleted = Vec::new();
    for i in 47..50 {
        let t = x_tweet(i, &mut rng, "data/deleted-tweets.js", "public");
        let mut record = t.record;
        record["tweet"]["deleted_at"] = json!(x_time(time(i) + Duration::days(30)));
        deleted.push(record);
        expected.push(t.expected);
    }

    // Direct messages: only those the person sent are theirs.
    let conversation = format!("{ACCOUNT_ID}-{OTHER_ID}");
    let mut messages = Vec::new();
    for (n, text) in DIRECT.iter().enumerate() {
        let at = time(60 + n);
        let mine = n % 2 == 0;
        let (sender, recipient) = if mine {
            (ACCOUNT_ID, OTHER_ID)
        } else {
            (OTHER_ID, ACCOUNT_ID)
        };
        messages.push(dm(n, sender, Some(recipient), text, at));
        if mine {
            expected.push(expect(
                "x",
                &format!("18{n:017}"),
                Some(at),
                Some(format!("https://x.com/messages/{conversation}")),
                "direct",
                "direct-message",
                text,
                "data/direct-messages.js",
            ));
        }
    }
    let dms =
        vec![json!({"dmConversation": {"conversationId": conversation, "messages": messages}})];

    let group_id = "1690000000000000001";
    let group_text = "Rota swap anyone? I can't do Saturday, my sister's hen do 🥂";
    let group = vec![
        json!({"dmConversation": {"conversationId": group_id, "messages": [
            {"joinConversation": {"initiatingUserId": OTHER_ID, "participantsSnapshot": [ACCOUNT_ID, OTHER_ID], "createdAt": "2023-03-01T10:00:00.000Z"}},
            dm(90, ACCOUNT_ID, None, group_text, time(90)),
            dm(91, OTHER_ID, None, "I can swap with you x", time(91)),
        ]}}),
    ];
    expected.push(expect(
        "x",
        &format!("18{:017}", 90),
        Some(time(90)),
        Some(format!("https://x.com/messages/{group_id}")),
        "direct",
        "direct-message",
        group_text,
        "data/direct-messages-group.js",
    ));

    // A note whose tweet is not in the archive: still reported, from note-tweet.js.
    let orphan_at = time(95);
    notes.push(json!({"noteTweet": {
        "noteTweetId": "1799999999999999999", "createdAt": orphan_at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "updatedAt": orphan_at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        "core": {"styletags": [], "urls": [], "text": LONG_2.replace("band 6", "band 5"), "mentions": [], "cashtags": [], "hashtags": []},
    }}));
    expected.push(expect(
        "x",
        "1799999999999999999",
        Some(orphan_at),
        Some(format!(
            "https://x.com/{SCREEN_NAME}/status/1799999999999999999"
        )),
        "public",
        "own",
        &LONG_2.replace("band 6", "band 5"),
        "data/note-tweet.js",
    ));

    let file = |name: &str, global: &str, count: usize| json!({"fileName": name, "globalName": global, "count": count.to_string()});
    let manifest = json!({
        "userInfo": {"accountId": ACCOUNT_ID, "userName": SCREEN_NAME, "displayName": "Jo"},
        "archiveInfo": {"sizeBytes": "123456", "generationDate": "2023-08-12T16:10:37.000Z", "isPartialArchive": false, "maxPartSizeBytes": "53687091200"},
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": {
            "account": {"files": [file("data/account.js", "YTD.account.part0", 1)]},
            "tweets": {"mediaDirectory": "data/tweets_media", "files": [
                file("data/tweets.js", "YTD.tweets.part0", part0.len()),
                file("data/tweets-part1.js", "YTD.tweets.part1", part1.len()),
            ]},
            "noteTweet": {"files": [file("data/note-tweet.js", "YTD.note_tweet.part0", notes.len())]},
            "communityTweet": {"files": [file("data/community-tweet.js", "YTD.community_tweet.part0", community.len())]},
            "twitterCircleTweet": {"files": [file("data/twitter-circle-tweet.js", "YTD.twitter_circle_tweet.part0", circle.len())]},
            "deletedTweets": {"files": [file("data/deleted-tweets.js", "YTD.deleted_tweets.part0", deleted.len())]},
            "directMessages": {"files": [file("data/direct-messages.js", "YTD.direct_messages.part0", 1)]},
            "directMessagesGroup": {"files": [file("data/direct-messages-group.js", "YTD.direct_messages_group.part0", 1)]},
            "like": {"files": [file("data/like.js", "YTD.like.part0", 1)]},
        },
    });
    ex.add(
        "data/manifest.js",
        format!(
            "window.__THAR_CONFIG = {}",
            serde_json::to_string_pretty(&manifest).unwrap_or_default()
        ),
    );
    ex.add(
        "data/account.js",
        ytd("account.part0", &[json!({"account": {"email": "jo@example.org", "createdVia": "web", "username": SCREEN_NAME, "accountId": ACCOUNT_ID, "createdAt": "2015-05-01T10:00:00.000Z", "accountDisplayName": "Jo"}})]),
    );
    ex.add("data/tweets.js", ytd("tweets.part0", &part0));
    ex.add("data/tweets-part1.js", ytd("tweets.part1", &part1));
    ex.add("data/note-tweet.js", ytd("note_tweet.part0", &notes));
    ex.add(
        "data/community-tweet.js",
        ytd("community_tweet.part0", &community),
    );
    ex.add(
        "data/twitter-circle-tweet.js",
        ytd("twitter_circle_tweet.part0", &circle),
    );
    ex.add(
        "data/deleted-tweets.js",
        ytd("deleted_tweets.part0", &deleted),
    );
    ex.add(
        "data/direct-messages.js",
        ytd("direct_messages.part0", &dms),
    );
    ex.add(
        "data/direct-messages-group.js",
        ytd("direct_messages_group.part0", &group),
    );
    ex.add(
        "data/like.js",
        ytd(
            "like.part0",
            &[json!({"like": {"tweetId": "1", "fullText": "not the person's words"}})],
        ),
    );
    ex.add(
        "data/tweet-headers.js",
        ytd(
            "tweet_headers.part0",
            &[json!({"tweet": {"tweet_id": "1"}})],
        ),
    );
    ex.add(
        "data/tweets_media/1690000000000000000-photo.jpg",
        vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0],
    );
    ex.add(
        "Your archive.html",
        "<html><body>Open this file to browse your archive.</body></html>",
    );
    (ex, expected)
}

/// The 2019 layout: `tweet.js` at the root, records not wrapped in `"tweet"`, no manifest.
pub fn x_2019() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(19);
    let mut records = Vec::new();
    let mut expected = Vec::new();
    for i in 0..8 {
        let t = x_tweet(i, &mut rng, "tweet.js", "public");
        records.push(t.record["tweet"].clone());
        let mut e = t.expected;
        // No manifest or account file: the link cannot name the account.
        let id = e["id"].as_str().unwrap_or_default().to_owned();
        e["url"] = json!(format!("https://x.com/i/status/{id}"));
        expected.push(e);
    }
    let mut ex = Export::default();
    ex.add("tweet.js", ytd("tweet.part0", &records));
    (ex, expected)
}

/// The pre-2019 "Grailbird" layout: `data/js/tweets/YYYY_MM.js`.
pub fn x_grailbird() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(13);
    let mut ex = Export::default();
    let mut expected = Vec::new();
    for (month, range) in [("2013_01", 0..4), ("2013_02", 4..7)] {
        let mut records = Vec::new();
        let source = format!("data/js/tweets/{month}.js");
        for i in range {
            let id = format!("29{:016}", 1000 + i);
            let at = time(i);
            let text = rng.text();
            let retweet = i == 5;
            let mut record = json!({
                "source": "web", "entities": {"user_mentions": [], "media": [], "hashtags": [], "urls": []},
                "geo": {}, "id_str": id, "text": x_escape(text), "id": id.parse::<u64>().unwrap_or(0),
                "created_at": at.format("%Y-%m-%d %H:%M:%S +0000").to_string(),
                "user": {"name": "Jo", "screen_name": SCREEN_NAME, "protected": false, "id_str": ACCOUNT_ID},
            });
            if retweet {
                record["retweeted_status"] = json!({"id_str": "1", "text": text});
            }
            records.push(record);
            let kind = if retweet { "repost" } else { "own" };
            expected.push(expect(
                "x",
                &id,
                Some(at),
                Some(format!("https://x.com/{SCREEN_NAME}/status/{id}")),
                "public",
                kind,
                text,
                &source,
            ));
        }
        let body = serde_json::to_string_pretty(&records).unwrap_or_default();
        ex.add(&source, format!("Grailbird.data.tweets_{month} = \n{body}"));
    }
    ex.add("data/js/tweet_index.js", "var tweet_index = []");
    (ex, expected)
}

/// A large X archive of `n` posts, written straight to a zip without holding it in memory:
/// parts of at most `per_part` tweets, with a manifest giving each part's count.
pub fn write_large_x(path: &Path, n: usize, per_part: usize) -> io::Result<()> {
    let file = fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true)
        .last_modified_time(zip::DateTime::default());
    let mut rng = Rng::new(42);
    let parts = n.div_ceil(per_part.max(1)).max(1);
    let mut files = Vec::new();
    for p in 0..parts {
        let name = if p == 0 {
            "data/tweets.js".to_owned()
        } else {
            format!("data/tweets-part{p}.js")
        };
        let start = p * per_part;
        let end = n.min(start + per_part);
        zip.start_file(name.as_str(), options)
            .map_err(io::Error::other)?;
        write!(zip, "window.YTD.tweets.part{p} = [ ")?;
        for i in start..end {
            if i > start {
                zip.write_all(b", ")?;
            }
            let t = x_tweet(i, &mut rng, &name, "public");
            serde_json::to_writer_pretty(&mut zip, &t.record).map_err(io::Error::other)?;
        }
        zip.write_all(b" ]")?;
        files.push(json!({"fileName": name, "globalName": format!("YTD.tweets.part{p}"), "count": (end - start).to_string()}));
    }
    let manifest = json!({"userInfo": {"accountId": ACCOUNT_ID, "userName": SCREEN_NAME}, "dataTypes": {"tweets": {"files": files}}});
    zip.start_file("data/manifest.js", options)
        .map_err(io::Error::other)?;
    write!(zip, "window.__THAR_CONFIG = {manifest}")?;
    zip.finish().map_err(io::Error::other)?.flush()
}

// ---------------------------------------------------------------- Mastodon

const AS_PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
const ACTOR: &str = "https://mastodon.example/users/jo";

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Plain text as Mastodon's HTML: paragraphs, `<br>`, links split into invisible parts.
fn to_html(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        out.push_str("<p>");
        let lines: Vec<String> = para
            .split('\n')
            .map(|line| {
                line.split(' ')
                    .map(|word| match word.strip_prefix("https://") {
                        Some(rest) => format!(
                            "<a href=\"{w}\" target=\"_blank\" rel=\"nofollow noopener noreferrer\"><span class=\"invisible\">https://</span><span class=\"\">{r}</span><span class=\"invisible\"></span></a>",
                            w = html_escape(word),
                            r = html_escape(rest)
                        ),
                        None => html_escape(word),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        out.push_str(&lines.join("<br />"));
        out.push_str("</p>");
    }
    out
}

pub fn mastodon_outbox() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(11);
    let mut items = Vec::new();
    let mut expected = Vec::new();
    let followers = format!("{ACTOR}/followers");
    for i in 0..24 {
        let id = format!("1100{:014}", 1000 + i);
        let at = time(i);
        let status = format!("{ACTOR}/statuses/{id}");
        let published = at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        if i % 8 == 7 {
            // A boost: no words of the person's.
            let target = format!("https://other.example/users/sam/statuses/{}", 900 + i);
            items.push(json!({"id": format!("{status}/activity"), "type": "Announce", "actor": ACTOR, "published": published,
                "to": [AS_PUBLIC], "cc": [followers, "https://other.example/users/sam"], "object": target}));
            expected.push(expect(
                "mastodon",
                &id,
                Some(at),
                Some(target),
                "public",
                "repost",
                "",
                "outbox.json",
            ));
            continue;
        }
        let (to, cc, audience) = match i % 5 {
            0 | 1 => (
                vec![AS_PUBLIC.to_owned()],
                vec![followers.clone()],
                "public",
            ),
            2 => (
                vec![followers.clone()],
                vec![AS_PUBLIC.to_owned()],
                "unlisted",
            ),
            3 => (vec![followers.clone()], vec![], "followers"),
            _ => (
                vec!["https://other.example/users/sam".to_owned()],
                vec![],
                "direct",
            ),
        };
        let mut text = if audience == "direct" {
            rng.pick(DIRECT).to_owned()
        } else {
            rng.text().to_owned()
        };
        if i == 6 {
            text = format!(
                "{text}\n\nMore here: https://example.org/blog/shift-{i}\nand a second line"
            );
        }
        if i == 10 {
            text = LONG.to_owned();
        }
        let reply =
            (i % 6 == 1).then(|| format!("https://other.example/users/sam/statuses/{}", 500 + i));
        let summary = (i % 7 == 2).then_some("work rant, mild swearing");
        let alt = (i % 4 == 0).then(|| format!("Photo of the ward garden in spring, picture {i}"));
        let attachment: Vec<Value> = alt
            .iter()
            .map(|a| json!({"type": "Document", "mediaType": "image/jpeg", "url": format!("/media_attachments/files/{i}/original/x.jpg"), "name": a, "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH", "width": 1200, "height": 800}))
            .collect();
        let mut note = json!({
            "id": status, "type": "Note", "summary": summary, "inReplyTo": reply, "published": published,
            "url": format!("https://mastodon.example/@jo/{id}"), "attributedTo": ACTOR, "to": to, "cc": cc,
            "sensitive": summary.is_some(), "atomUri": status, "inReplyToAtomUri": reply, "conversation": "tag:mastodon.example,2023:objectId=1:objectType=Conversation",
            "content": to_html(&text), "contentMap": {"en": to_html(&text)}, "attachment": attachment, "tag": [],
            "replies": {"id": format!("{status}/replies"), "type": "Collection", "first": {"type": "CollectionPage", "next": format!("{status}/replies?only_other_accounts=true&page=true"), "partOf": format!("{status}/replies"), "items": []}},
        });
        if i == 13 {
            note["type"] = json!("Question");
            note["oneOf"] = json!([{"type": "Note", "name": "Tea ☕", "replies": {"type": "Collection", "totalItems": 3}}, {"type": "Note", "name": "Coffee", "replies": {"type": "Collection", "totalItems": 5}}]);
        }
        items.push(json!({"id": format!("{status}/activity"), "type": "Create", "actor": ACTOR, "published": published, "to": note["to"].clone(), "cc": note["cc"].clone(), "object": note}));
        let mut parts = Vec::new();
        if let Some(s) = summary {
            parts.push(format!("CW: {s}"));
        }
        parts.push(text.clone());
        if i == 13 {
            parts.push("- Tea ☕\n- Coffee".to_owned());
        }
        if let Some(a) = &alt {
            parts.push(format!("[image description: {a}]"));
        }
        let kind = if audience == "direct" {
            "direct-message"
        } else if reply.is_some() {
            "reply"
        } else {
            "own"
        };
        expected.push(expect(
            "mastodon",
            &id,
            Some(at),
            Some(format!("https://mastodon.example/@jo/{id}")),
            audience,
            kind,
            &parts.join("\n\n"),
            "outbox.json",
        ));
    }
    let outbox = json!({
        "@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection",
        "totalItems": items.len(), "orderedItems": items,
    });
    let mut ex = Export::default();
    ex.add(
        "outbox.json",
        serde_json::to_string(&outbox).unwrap_or_default(),
    );
    ex.add(
        "actor.json",
        serde_json::to_string(
            &json!({"id": ACTOR, "type": "Person", "preferredUsername": "jo", "name": "Jo"}),
        )
        .unwrap_or_default(),
    );
    ex.add("likes.json", r#"{"type":"OrderedCollection","orderedItems":["https://other.example/users/sam/statuses/1"]}"#);
    ex.add(
        "media_attachments/files/0/original/x.jpg",
        vec![0xFF, 0xD8, 0xFF, 0xE0],
    );
    (ex, expected)
}

// ---------------------------------------------------------------- Bluesky

fn ipld(v: &Value) -> Ipld {
    match v {
        Value::Null => Ipld::Null,
        Value::Bool(b) => Ipld::Bool(*b),
        Value::Number(n) => Ipld::Integer(i128::from(n.as_i64().unwrap_or(0))),
        Value::String(s) => Ipld::String(s.clone()),
        Value::Array(a) => Ipld::List(a.iter().map(ipld).collect()),
        Value::Object(o) => Ipld::Map(o.iter().map(|(k, v)| (k.clone(), ipld(v))).collect()),
    }
}

fn cid_of(bytes: &[u8]) -> Cid {
    let digest = Sha256::digest(bytes);
    let hash = cid::multihash::Multihash::<64>::wrap(0x12, &digest).unwrap_or_default();
    Cid::new_v1(0x71, hash)
}

fn varint(mut n: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Blocks of a CAR file, in the order made.
#[derive(Default)]
pub struct CarBuilder {
    pub blocks: Vec<(Cid, Vec<u8>)>,
    /// Tree nodes, written after the commit and before the records, as servers do.
    pub nodes: Vec<(Cid, Vec<u8>)>,
}

impl CarBuilder {
    pub fn put(&mut self, value: &Ipld) -> Cid {
        let bytes = serde_ipld_dagcbor::to_vec(value).unwrap_or_default();
        let cid = cid_of(&bytes);
        self.blocks.push((cid, bytes));
        cid
    }

    pub fn put_node(&mut self, value: &Ipld) -> Cid {
        let bytes = serde_ipld_dagcbor::to_vec(value).unwrap_or_default();
        let cid = cid_of(&bytes);
        self.nodes.push((cid, bytes));
        cid
    }

    pub fn bytes(&self, root: Cid) -> Vec<u8> {
        let header = Ipld::Map(BTreeMap::from([
            ("roots".to_owned(), Ipld::List(vec![Ipld::Link(root)])),
            ("version".to_owned(), Ipld::Integer(1)),
        ]));
        let header = serde_ipld_dagcbor::to_vec(&header).unwrap_or_default();
        let mut out = Vec::new();
        varint(header.len() as u64, &mut out);
        out.extend_from_slice(&header);
        // The commit first, then the tree, then the records.
        let mut blocks: Vec<&(Cid, Vec<u8>)> =
            self.blocks.iter().filter(|(cid, _)| *cid == root).collect();
        blocks.extend(self.nodes.iter());
        blocks.extend(self.blocks.iter().filter(|(cid, _)| *cid != root));
        for (cid, data) in blocks {
            let cid_bytes = cid.to_bytes();
            varint((cid_bytes.len() + data.len()) as u64, &mut out);
            out.extend_from_slice(&cid_bytes);
            out.extend_from_slice(data);
        }
        out
    }
}

/// An MST node of `entries` (full keys, record CIDs, right subtrees) and a left subtree.
fn mst_node(
    car: &mut CarBuilder,
    left: Option<Cid>,
    entries: &[(String, Cid, Option<Cid>)],
) -> Cid {
    let mut prev = String::new();
    let mut list = Vec::new();
    for (key, value, right) in entries {
        let shared = prev
            .bytes()
            .zip(key.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        list.push(Ipld::Map(BTreeMap::from([
            ("p".to_owned(), Ipld::Integer(shared as i128)),
            (
                "k".to_owned(),
                Ipld::Bytes(key.as_bytes()[shared..].to_vec()),
            ),
            ("v".to_owned(), Ipld::Link(*value)),
            ("t".to_owned(), right.map_or(Ipld::Null, Ipld::Link)),
        ])));
        prev.clone_from(key);
    }
    let node = Ipld::Map(BTreeMap::from([
        ("l".to_owned(), left.map_or(Ipld::Null, Ipld::Link)),
        ("e".to_owned(), Ipld::List(list)),
    ]));
    car.put_node(&node)
}

/// A two-level tree over sorted `records`: leaves of five keys, separated by keys in the root.
fn mst(car: &mut CarBuilder, records: &[(String, Cid)]) -> Cid {
    let mut leaves = Vec::new();
    let mut separators = Vec::new();
    let mut chunk = Vec::new();
    for (i, (key, cid)) in records.iter().enumerate() {
        if i % 6 == 5 {
            separators.push((key.clone(), *cid));
            leaves.push(std::mem::take(&mut chunk));
        } else {
            chunk.push((key.clone(), *cid, None));
        }
    }
    leaves.push(chunk);
    let mut leaf_cids: Vec<Option<Cid>> = leaves
        .iter()
        .map(|l| (!l.is_empty()).then(|| mst_node(car, None, l)))
        .collect();
    let left = leaf_cids.remove(0);
    let root_entries: Vec<(String, Cid, Option<Cid>)> = separators
        .into_iter()
        .zip(leaf_cids)
        .map(|((k, v), t)| (k, v, t))
        .collect();
    mst_node(car, left, &root_entries)
}

pub fn bluesky_car() -> (Vec<u8>, Vec<Value>) {
    let mut rng = Rng::new(23);
    let mut car = CarBuilder::default();
    let mut records: Vec<(String, Cid)> = Vec::new();
    let mut expected = Vec::new();
    let profile = car.put(&ipld(&json!({"$type": "app.bsky.actor.profile", "displayName": "Jo 🩺", "description": "Nurse. Views my own."})));
    records.push(("app.bsky.actor.profile/self".to_owned(), profile));
    for i in 0..3 {
        let like = car.put(&ipld(&json!({"$type": "app.bsky.feed.like", "createdAt": rfc3339(time(i)), "subject": {"uri": "at://did:plc:other/app.bsky.feed.post/1", "cid": "bafy"}})));
        records.push((format!("app.bsky.feed.like/3lk{i:010}"), like));
    }
    for i in 0..17 {
        let rkey = format!("3lp{i:010}");
        let at = time(i);
        let mut text = rng.text().to_owned();
        let mut record = json!({"$type": "app.bsky.feed.post", "text": text, "createdAt": at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), "langs": ["en"]});
        if i % 5 == 1 {
            // A link shown shortened; the facet holds the whole address for its byte range.
            let shown = "example.org/long-path/artic...";
            let full = format!("https://example.org/long-path/article-{i}");
            let shown_text = format!("🔗 {text} {shown}");
            let start = shown_text.len() - shown.len();
            record["text"] = json!(shown_text);
            record["facets"] = json!([{"$type": "app.bsky.richtext.facet", "index": {"byteStart": start, "byteEnd": shown_text.len()}, "features": [{"$type": "app.bsky.richtext.facet#link", "uri": full}]}]);
            text = format!("🔗 {text} {full}");
        }
        let reply = i % 4 == 3;
        if reply {
            record["reply"] = json!({"root": {"uri": "at://did:plc:other/app.bsky.feed.post/3aaa", "cid": "bafyroot"}, "parent": {"uri": "at://did:plc:other/app.bsky.feed.post/3aab", "cid": "bafyparent"}});
        }
        if i % 6 == 0 {
            record["embed"] = json!({"$type": "app.bsky.embed.images", "images": [{"alt": format!("Staff room noticeboard, picture {i}"), "image": {"$type": "blob", "mimeType": "image/jpeg", "size": 12345}}]});
            text = format!("{text}\n\n[image description: Staff room noticeboard, picture {i}]");
        }
        if i == 8 {
            record["text"] = json!(LONG.chars().take(300).collect::<String>());
            text = LONG.chars().take(300).collect();
        }
        let mut block = ipld(&record);
        if i % 6 == 0 {
            // The image blob's reference is a CID link, as in real records.
            if let Ipld::Map(m) = &mut block {
                if let Some(Ipld::Map(embed)) = m.get_mut("embed") {
                    if let Some(Ipld::List(images)) = embed.get_mut("images") {
                        if let Some(Ipld::Map(img)) = images.get_mut(0) {
                            if let Some(Ipld::Map(blob)) = img.get_mut("image") {
                                blob.insert("ref".to_owned(), Ipld::Link(cid_of(b"image bytes")));
                            }
                        }
                    }
                }
            }
        }
        let cid = car.put(&block);
        records.push((format!("app.bsky.feed.post/{rkey}"), cid));
        expected.push(expect(
            "bluesky",
            &rkey,
            Some(at),
            Some(format!("https://bsky.app/profile/{DID}/post/{rkey}")),
            "public",
            if reply { "reply" } else { "own" },
            &text,
            "repo.car",
        ));
    }
    for i in 0..2 {
        let rkey = format!("3lr{i:010}");
        let at = time(40 + i);
        let subject = format!("at://did:plc:other/app.bsky.feed.post/3zz{i}");
        let cid = car.put(&ipld(&json!({"$type": "app.bsky.feed.repost", "createdAt": at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), "subject": {"uri": subject, "cid": "bafy"}})));
        records.push((format!("app.bsky.feed.repost/{rkey}"), cid));
        expected.push(expect(
            "bluesky",
            &rkey,
            Some(at),
            Some(format!(
                "https://bsky.app/profile/did:plc:other/post/3zz{i}"
            )),
            "public",
            "repost",
            "",
            "repo.car",
        ));
    }
    records.sort_by(|a, b| a.0.cmp(&b.0));
    let data = mst(&mut car, &records);
    let commit = car.put(&Ipld::Map(BTreeMap::from([
        ("did".to_owned(), Ipld::String(DID.to_owned())),
        ("version".to_owned(), Ipld::Integer(3)),
        ("data".to_owned(), Ipld::Link(data)),
        ("rev".to_owned(), Ipld::String("3lzzzzzzzzzz2".to_owned())),
        ("prev".to_owned(), Ipld::Null),
        ("sig".to_owned(), Ipld::Bytes(vec![7; 64])),
    ])));
    (car.bytes(commit), expected)
}

// ---------------------------------------------------------------- Facebook and Instagram

/// Meta's mojibake: every UTF-8 byte of a non-ASCII character as its own `\u00XX`.
pub fn meta_json(value: &Value) -> String {
    let plain = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\u00{b:02x}"));
            }
        }
    }
    out
}

/// Which of Facebook's folder layouts to write.
#[derive(Clone, Copy)]
pub enum FacebookLayout {
    /// Until 2021: `posts/`, `comments/`, `messages/` at the root.
    Y2020,
    /// 2022-2023: under `your_activity_across_facebook/`.
    Y2022,
    /// From 2024: under `your_facebook_activity/`.
    Y2024,
}

pub fn facebook(layout: FacebookLayout) -> (Export, Vec<Value>) {
    let (root, posts_name, comments_key, profile_path, profile_key) = match layout {
        FacebookLayout::Y2020 => (
            "",
            "posts/your_posts_1.json",
            "comments",
            "profile_information/profile_information.json",
            "profile",
        ),
        FacebookLayout::Y2022 => (
            "your_activity_across_facebook/",
            "posts/your_posts_1.json",
            "comments_v2",
            "personal_information/profile_information/profile_information.json",
            "profile_v2",
        ),
        FacebookLayout::Y2024 => (
            "your_facebook_activity/",
            "posts/your_posts__check_ins__photos_and_videos_1.json",
            "comments_v2",
            "personal_information/profile_information/profile_information.json",
            "profile_v2",
        ),
    };
    let comments_path = match layout {
        FacebookLayout::Y2020 => "comments/comments.json",
        _ => "comments_and_reactions/comments.json",
    };
    let seed = match layout {
        FacebookLayout::Y2020 => 31,
        FacebookLayout::Y2022 => 32,
        FacebookLayout::Y2024 => 33,
    };
    let mut rng = Rng::new(seed);
    let mut ex = Export::default();
    let mut expected = Vec::new();
    let posts_source = format!("{root}{posts_name}");
    let stem = posts_name
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".json")
        .to_owned();

    let mut posts = Vec::new();
    for i in 0..12 {
        let at = time(i);
        let text = if i == 5 {
            LONG.to_owned()
        } else {
            rng.text().to_owned()
        };
        let mut post = json!({"timestamp": at.timestamp(), "data": [{"post": text}, {"update_timestamp": at.timestamp() + 60}], "title": format!("{FULL_NAME} updated their status.")});
        let mut expected_text = text.clone();
        if i % 4 == 2 {
            let caption = "Our team at the summer fair 🎡 — Zespół na festynie";
            post["attachments"] = json!([{"data": [{"media": {"uri": format!("photos_and_videos/album/{i}.jpg"), "creation_timestamp": at.timestamp(), "title": "Mobile uploads", "description": caption}}]}]);
            expected_text = format!("{text}\n\n{caption}");
        }
        if i == 9 {
            // A shared link with no words: still a post, with no text to screen.
            post = json!({"timestamp": at.timestamp(), "attachments": [{"data": [{"external_context": {"url": "https://example.org/news"}}]}], "title": format!("{FULL_NAME} shared a link.")});
            expected_text = String::new();
        }
        posts.push(post);
        expected.push(expect(
            "facebook",
            &format!("{stem}:{}", i + 1),
            Some(at),
            None,
            "unknown",
            "own",
            &expected_text,
            &posts_source,
        ));
    }
    ex.add(&posts_source, meta_json(&Value::Array(posts)));

    let comments_source = format!("{root}{comments_path}");
    let mut comments = Vec::new();
    for i in 0..6 {
        let at = time(20 + i);
        let text = rng.text();
        comments.push(json!({"timestamp": at.timestamp(), "data": [{"comment": {"timestamp": at.timestamp(), "comment": text, "author": FULL_NAME}}], "title": format!("{FULL_NAME} commented on Sam Ńowak's post.")}));
        expected.push(expect(
            "facebook",
            &format!("comments:{}", i + 1),
            Some(at),
            None,
            "unknown",
            "reply",
            text,
            &comments_source,
        ));
    }
    ex.add(
        &comments_source,
        meta_json(&json!({ comments_key: comments })),
    );

    let thread_source = format!("{root}messages/inbox/samnowak_k3j4h5/message_1.json");
    let mut messages = Vec::new();
    for (n, text) in DIRECT.iter().enumerate() {
        let at = time(40 + n);
        let mine = n % 2 == 0;
        let sender = if mine { FULL_NAME } else { "Sam Ńowak" };
        messages.push(json!({"sender_name": sender, "timestamp_ms": at.timestamp_millis(), "content": text, "is_geoblocked_for_viewer": false}));
        if mine {
            expected.push(expect(
                "facebook",
                &format!("samnowak_k3j4h5/message_1:{}", n + 1),
                Some(at),
                None,
                "direct",
                "direct-message",
                text,
                &thread_source,
            ));
        }
    }
    // A photo sent without words: a record, not a post.
    messages.push(json!({"sender_name": FULL_NAME, "timestamp_ms": time(50).timestamp_millis(), "photos": [{"uri": "messages/photos/1.jpg"}]}));
    ex.add(
        &thread_source,
        meta_json(&json!({"participants": [{"name": "Sam Ńowak"}, {"name": FULL_NAME}], "messages": messages, "title": "Sam Ńowak", "is_still_participant": true, "thread_path": "inbox/samnowak_k3j4h5", "magic_words": []})),
    );
    ex.add(profile_path, meta_json(&json!({ profile_key: {"name": {"full_name": FULL_NAME, "first_name": "Jo", "last_name": "Ėxample"}, "emails": {"emails": ["jo@example.org"]}}})));
    ex.add(&format!("{root}posts/media/album_1.jpg"), vec![0xFF, 0xD8]);
    ex.add("index.html", "<html>Your information</html>");
    (ex, expected)
}

/// A Facebook export downloaded as HTML: refused with a hint.
pub fn facebook_html() -> Export {
    let mut ex = Export::default();
    ex.add(
        "index.html",
        "<html><body>Your Facebook information</body></html>",
    );
    ex.add(
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html",
        "<html><div>Lovely day</div></html>",
    );
    ex.add(
        "your_facebook_activity/comments_and_reactions/comments.html",
        "<html></html>",
    );
    ex
}

pub fn instagram() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(41);
    let mut ex = Export::default();
    let mut expected = Vec::new();
    let posts_source = "your_instagram_activity/content/posts_1.json";
    let mut posts = Vec::new();
    for i in 0..9 {
        let at = time(i);
        let caption = format!("{} #nhs #nurselife", rng.text());
        let post = if i % 3 == 0 {
            // Several photos: the caption is the post's title.
            json!({"media": [
                {"uri": format!("media/posts/202301/{i}a.jpg"), "creation_timestamp": at.timestamp(), "title": ""},
                {"uri": format!("media/posts/202301/{i}b.jpg"), "creation_timestamp": at.timestamp(), "title": ""},
            ], "title": caption, "creation_timestamp": at.timestamp()})
        } else {
            json!({"media": [{"uri": format!("media/posts/202301/{i}.jpg"), "creation_timestamp": at.timestamp(), "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 51.5, "longitude": -0.12}]}}, "title": caption, "cross_post_source": {"source_app": "FB"}}]})
        };
        posts.push(post);
        expected.push(expect(
            "instagram",
            &format!("posts_1:{}", i + 1),
            Some(at),
            None,
            "unknown",
            "own",
            &caption,
            posts_source,
        ));
    }
    ex.add(posts_source, meta_json(&Value::Array(posts)));
    let comments_source = "your_instagram_activity/comments/post_comments_1.json";
    let mut comments = Vec::new();
    for i in 0..4 {
        let at = time(30 + i);
        let text = rng.text();
        comments.push(json!({"media_list_data": [{"uri": ""}], "string_map_data": {"Comment": {"value": text}, "Media Owner": {"value": "ward7_news"}, "Time": {"timestamp": at.timestamp()}}}));
        expected.push(expect(
            "instagram",
            &format!("post_comments_1:{}", i + 1),
            Some(at),
            None,
            "unknown",
            "reply",
            text,
            comments_source,
        ));
    }
    ex.add(comments_source, meta_json(&Value::Array(comments)));
    ex.add("personal_information/personal_information/personal_information.json", meta_json(&json!({"profile_user": [{"string_map_data": {"Name": {"value": FULL_NAME}, "Username": {"value": "jo.example"}}}]})));
    ex.add("media/posts/202301/0a.jpg", vec![0xFF, 0xD8]);
    (ex, expected)
}

// ---------------------------------------------------------------- LinkedIn and generic

fn csv_quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn csv_backslash(field: &str) -> String {
    format!("\"{}\"", field.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn linkedin() -> (Export, Vec<Value>) {
    let mut rng = Rng::new(51);
    let mut ex = Export::default();
    let mut expected = Vec::new();

    // Shares.csv: the standard quoting, `""` inside quoted fields, commentary over several lines.
    let mut shares = String::from("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n");
    for i in 0..7 {
        let at = time(i);
        let id = 7_096_000_000_000_000_000u64 + i as u64;
        let link = format!("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{id}");
        let text = match i {
            2 => format!("Delighted to share that I've started as \"Senior Staff Nurse\" today!\n\nThank you all, {}", rng.text()),
            4 => LONG.to_owned(),
            _ => rng.text().to_owned(),
        };
        let (visibility, audience) = if i % 2 == 0 {
            ("MEMBER_NETWORK", "followers")
        } else {
            ("PUBLIC", "public")
        };
        shares.push_str(&format!(
            "{},{},{},{},,{}\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            link,
            csv_quote(&text),
            if i == 3 {
                "https://example.org/report"
            } else {
                ""
            },
            visibility
        ));
        expected.push(expect(
            "linkedin",
            &id.to_string(),
            Some(at),
            Some(link),
            audience,
            "own",
            &text,
            "Shares.csv",
        ));
    }
    ex.add("Shares.csv", shares);

    // Comments.csv: every field quoted, quotes escaped with a backslash.
    let mut comments = String::from("\"Date\",\"Link\",\"Message\"\n");
    for i in 0..5 {
        let at = time(20 + i);
        let id = 7_097_000_000_000_000_000u64 + i as u64;
        let link = format!("https://www.linkedin.com/feed/update/urn:li:activity:{id}");
        let text = if i == 1 {
            format!("She said \"thank you\", which made my week. {}", rng.text())
        } else {
            rng.text().to_owned()
        };
        comments.push_str(&format!(
            "{},{},{}\n",
            csv_backslash(&at.format("%Y-%m-%d %H:%M:%S").to_string()),
            csv_backslash(&link),
            csv_backslash(&text)
        ));
        expected.push(expect(
            "linkedin",
            &id.to_string(),
            Some(at),
            Some(link),
            "unknown",
            "reply",
            &text,
            "Comments.csv",
        ));
    }
    ex.add("Comments.csv", comments);

    let mut messages = String::from("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n");
    for (n, text) in DIRECT.iter().enumerate().take(2) {
        let at = time(40 + n);
        let conv = "2-YmQ3ZTU0ZmEtZmljdGlvbmFs";
        messages.push_str(&format!(
            "{conv},,Jo Example,https://www.linkedin.com/in/jo-example,Sam Nowak,https://www.linkedin.com/in/sam-nowak,{} UTC,,{},INBOX\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            csv_quote(text)
        ));
        expected.push(expect(
            "linkedin",
            &format!("{conv}:{}", n + 1),
            Some(at),
            None,
            "direct",
            "direct-message",
            text,
            "messages.csv",
        ));
    }
    ex.add("messages.csv", messages);
    ex.add(
        "Connections.csv",
        "First Name,Last Name,Company\nSam,Nowak,NHS\n",
    );
    (ex, expected)
}

pub fn generic_csv() -> (String, Vec<Value>) {
    let mut rng = Rng::new(61);
    let mut out = String::from("id,created_at,text,url\n");
    let mut expected = Vec::new();
    for i in 0..6 {
        let at = time(i);
        let text = if i == 2 {
            "Line one, with a comma\nand line two".to_owned()
        } else {
            rng.text().to_owned()
        };
        let id = format!("p{i}");
        let url = format!("https://forum.example/t/{i}");
        out.push_str(&format!(
            "{id},{},{},{url}\n",
            at.format("%Y-%m-%dT%H:%M:%SZ"),
            csv_quote(&text)
        ));
        expected.push(expect(
            "csv",
            &id,
            Some(at),
            Some(url),
            "unknown",
            "own",
            &text,
            "posts.csv",
        ));
    }
    (out, expected)
}

pub fn generic_jsonl() -> (String, Vec<Value>) {
    let mut rng = Rng::new(71);
    let mut out = String::new();
    let mut expected = Vec::new();
    for i in 0..6 {
        let at = time(i);
        let text = rng.text();
        let line = json!({"id": i, "created_at": at.timestamp(), "text": text, "kind": if i == 3 { "reply" } else { "own" }});
        out.push_str(&serde_json::to_string(&line).unwrap_or_default());
        out.push('\n');
        if i == 2 {
            out.push('\n');
        }
        expected.push(expect(
            "jsonl",
            &i.to_string(),
            Some(at),
            None,
            "unknown",
            if i == 3 { "reply" } else { "own" },
            text,
            "posts.jsonl",
        ));
    }
    (out, expected)
}

/// Writes every small fixture into `dir`; returns (fixture, posts written) pairs.
pub fn write_all(dir: &Path) -> io::Result<Vec<(String, usize)>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut note = |name: &str, posts: &[Value]| -> io::Result<()> {
        write_expected(&dir.join(format!("{name}.expected.jsonl")), posts)?;
        written.push((name.to_owned(), posts.len()));
        Ok(())
    };

    let (x, posts) = x_archive();
    x.write_folder(&dir.join("x-2023"))?;
    fs::write(dir.join("x-2023.zip"), x.zip_bytes()?)?;
    note("x-2023", &posts)?;

    let (x, posts) = x_2019();
    x.write_folder(&dir.join("x-2019"))?;
    note("x-2019", &posts)?;

    let (x, posts) = x_grailbird();
    x.write_folder(&dir.join("x-grailbird"))?;
    note("x-grailbird", &posts)?;

    let (m, posts) = mastodon_outbox();
    fs::write(dir.join("mastodon.zip"), m.zip_bytes()?)?;
    fs::write(dir.join("mastodon.tar.gz"), m.tar_gz_bytes()?)?;
    note("mastodon", &posts)?;

    let (car, posts) = bluesky_car();
    fs::write(dir.join("repo.car"), car)?;
    note("repo", &posts)?;

    for (name, layout) in [
        ("facebook-2020", FacebookLayout::Y2020),
        ("facebook-2022", FacebookLayout::Y2022),
        ("facebook-2024", FacebookLayout::Y2024),
    ] {
        let (fb, posts) = facebook(layout);
        if matches!(layout, FacebookLayout::Y2024) {
            fs::write(dir.join(format!("{name}.zip")), fb.zip_bytes()?)?;
        } else {
            fb.write_folder(&dir.join(name))?;
        }
        note(name, &posts)?;
    }
    facebook_html().write_folder(&dir.join("facebook-html"))?;

    let (ig, posts) = instagram();
    ig.write_folder(&dir.join("instagram"))?;
    note("instagram", &posts)?;

    let (li, posts) = linkedin();
    li.write_folder(&dir.join("linkedin"))?;
    note("linkedin", &posts)?;

    let (csv, posts) = generic_csv();
    fs::write(dir.join("posts.csv"), csv)?;
    note("posts.csv", &posts)?;
    let (jsonl, posts) = generic_jsonl();
    fs::write(dir.join("posts.jsonl"), jsonl)?;
    note("posts.jsonl", &posts)?;
    Ok(written)
}
