//! Which platform an export is from, and which of its files hold posts.
//!
//! Detection goes by file names and folder layout, which each platform keeps stable, and for a
//! single file by a look at its first bytes. Photos, videos and every other file are never
//! opened.

// File names are lower-cased before their extensions are compared.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use crate::container::Entry;
use crate::post::Platform;

/// What a file in an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    XManifest,
    XAccount,
    XTweets,
    XNotes,
    XDeleted,
    XCommunity,
    XCircle,
    XDirectMessages,
    XGroupMessages,
    /// The pre-2019 archive: `data/js/tweets/2013_01.js` with a `Grailbird.data` prefix.
    XGrailbird,
    MastodonOutbox,
    BlueskyCar,
    FacebookPosts,
    FacebookComments,
    FacebookProfile,
    /// A Facebook export downloaded as HTML.
    FacebookHtml,
    /// `message_N.json` in a Meta export (Facebook or Instagram: the same format).
    MetaMessages,
    InstagramPosts,
    InstagramComments,
    InstagramProfile,
    InstagramHtml,
    LinkedInShares,
    LinkedInComments,
    LinkedInMessages,
    Csv,
    JsonLines,
}

impl Role {
    pub(crate) fn platform(self) -> Option<Platform> {
        use Role::{
            BlueskyCar, Csv, FacebookComments, FacebookHtml, FacebookPosts, FacebookProfile,
            InstagramComments, InstagramHtml, InstagramPosts, InstagramProfile, JsonLines,
            LinkedInComments, LinkedInMessages, LinkedInShares, MastodonOutbox, MetaMessages,
            XAccount, XCircle, XCommunity, XDeleted, XDirectMessages, XGrailbird, XGroupMessages,
            XManifest, XNotes, XTweets,
        };
        Some(match self {
            XManifest | XAccount | XTweets | XNotes | XDeleted | XCommunity | XCircle
            | XDirectMessages | XGroupMessages | XGrailbird => Platform::X,
            MastodonOutbox => Platform::Mastodon,
            BlueskyCar => Platform::Bluesky,
            FacebookPosts | FacebookComments | FacebookProfile | FacebookHtml => Platform::Facebook,
            InstagramPosts | InstagramComments | InstagramProfile | InstagramHtml => {
                Platform::Instagram
            }
            LinkedInShares | LinkedInComments | LinkedInMessages => Platform::LinkedIn,
            Csv => Platform::Csv,
            JsonLines => Platform::JsonLines,
            MetaMessages => return None,
        })
    }

    /// Whether a file in this role can hold posts (rather than help read them).
    fn holds_posts(self) -> bool {
        !matches!(
            self,
            Role::XManifest
                | Role::XAccount
                | Role::FacebookProfile
                | Role::InstagramProfile
                | Role::FacebookHtml
                | Role::InstagramHtml
        )
    }
}

/// `stem` followed by nothing or `-partN`, then `.js`.
fn js_part(file: &str, stem: &str) -> bool {
    let Some(rest) = file.strip_prefix(stem).and_then(|r| r.strip_suffix(".js")) else {
        return false;
    };
    rest.is_empty()
        || rest
            .strip_prefix("-part")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `stem` followed by digits, then `ext`.
fn numbered(file: &str, stem: &str, ext: &str) -> bool {
    file.strip_prefix(stem)
        .and_then(|r| r.strip_suffix(ext))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The role of one file in a packaged export, by its path.
pub(crate) fn classify(path: &str) -> Option<Role> {
    let lower = path.to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    let dirs: Vec<&str> = lower.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    let in_dir = |name: &str| dirs.contains(&name);
    // macOS zips carry resource forks under __MACOSX/: never posts.
    if in_dir("__macosx") || file.starts_with("._") {
        return None;
    }

    if file == "manifest.js" {
        return Some(Role::XManifest);
    }
    if file == "account.js" {
        return Some(Role::XAccount);
    }
    if js_part(file, "tweets") || js_part(file, "tweet") {
        return Some(Role::XTweets);
    }
    if js_part(file, "note-tweet") {
        return Some(Role::XNotes);
    }
    if js_part(file, "deleted-tweets") || js_part(file, "deleted-tweet") {
        return Some(Role::XDeleted);
    }
    if js_part(file, "community-tweet") {
        return Some(Role::XCommunity);
    }
    if js_part(file, "twitter-circle-tweet") {
        return Some(Role::XCircle);
    }
    if js_part(file, "direct-messages") || js_part(file, "direct-message") {
        return Some(Role::XDirectMessages);
    }
    if js_part(file, "direct-messages-group") || js_part(file, "direct-message-group") {
        return Some(Role::XGroupMessages);
    }
    if lower.contains("data/js/tweets/") && file.ends_with(".js") {
        return Some(Role::XGrailbird);
    }

    if file == "outbox.json" {
        return Some(Role::MastodonOutbox);
    }
    if file.ends_with(".car") {
        return Some(Role::BlueskyCar);
    }

    let instagram = in_dir("your_instagram_activity") || in_dir("content") || in_dir("media");
    if file.starts_with("your_posts") && file.ends_with(".json") {
        return Some(Role::FacebookPosts);
    }
    if file.starts_with("your_posts") && file.ends_with(".html") {
        return Some(Role::FacebookHtml);
    }
    if file == "comments.json" && (in_dir("comments") || in_dir("comments_and_reactions")) {
        return Some(Role::FacebookComments);
    }
    if file == "profile_information.json" {
        return Some(Role::FacebookProfile);
    }
    if numbered(file, "message_", ".json") && in_dir("messages") {
        return Some(Role::MetaMessages);
    }
    if numbered(file, "posts_", ".json") && instagram {
        return Some(Role::InstagramPosts);
    }
    if numbered(file, "posts_", ".html") && instagram {
        return Some(Role::InstagramHtml);
    }
    if numbered(file, "post_comments_", ".json") && in_dir("comments") {
        return Some(Role::InstagramComments);
    }
    if file == "personal_information.json" {
        return Some(Role::InstagramProfile);
    }

    match file {
        "shares.csv" => Some(Role::LinkedInShares),
        "comments.csv" => Some(Role::LinkedInComments),
        "messages.csv" => Some(Role::LinkedInMessages),
        _ => None,
    }
}

/// The platforms whose post files appear among `entries`.
pub(crate) fn platforms(plan: &[(Entry, Role)]) -> Vec<Platform> {
    let mut found: Vec<Platform> = plan
        .iter()
        .filter(|(_, r)| r.holds_posts() || matches!(r, Role::FacebookHtml | Role::InstagramHtml))
        .filter_map(|(_, r)| r.platform())
        .collect();
    if found.is_empty() && plan.iter().any(|(_, r)| *r == Role::MetaMessages) {
        found.push(Platform::Facebook);
    }
    found.sort();
    found.dedup();
    found
}

/// Classifies every entry of a packaged export.
pub(crate) fn plan(entries: &[Entry]) -> Vec<(Entry, Role)> {
    entries
        .iter()
        .filter_map(|e| classify(&e.name).map(|r| (e.clone(), r)))
        .collect()
}

/// The subset of `plan` that `platform` reads.
pub(crate) fn for_platform(plan: &[(Entry, Role)], platform: Platform) -> Vec<(Entry, Role)> {
    plan.iter()
        .filter(|(_, r)| match r.platform() {
            Some(p) => p == platform,
            None => matches!(platform, Platform::Facebook | Platform::Instagram),
        })
        .cloned()
        .collect()
}

/// Whether `plan` has any file that can hold posts (beyond HTML ones).
pub(crate) fn has_posts(plan: &[(Entry, Role)]) -> bool {
    plan.iter().any(|(_, r)| r.holds_posts())
}

/// Whether the only post files are HTML.
pub(crate) fn html_only(plan: &[(Entry, Role)]) -> Option<Platform> {
    let html = plan
        .iter()
        .find(|(_, r)| matches!(r, Role::FacebookHtml | Role::InstagramHtml))?;
    if has_posts(plan) {
        None
    } else {
        html.1.platform()
    }
}

/// The role of a single file given on its own, by its name and first bytes.
pub(crate) fn sniff_single(name: &str, head: &[u8]) -> Option<Role> {
    let lower = name.to_ascii_lowercase();
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(role) = classify(&lower).filter(|r| !matches!(r, Role::XManifest | Role::XAccount))
    {
        // A lone message_1.json or posts_1.json has no folder to tell them apart by.
        return Some(role);
    }
    if lower.ends_with(".car") || looks_like_car(head) {
        return Some(Role::BlueskyCar);
    }
    if trimmed.starts_with("window.YTD.") {
        return Some(if trimmed.starts_with("window.YTD.note_tweet") {
            Role::XNotes
        } else if trimmed.starts_with("window.YTD.deleted_tweets") {
            Role::XDeleted
        } else if trimmed.starts_with("window.YTD.direct_messages_group") {
            Role::XGroupMessages
        } else if trimmed.starts_with("window.YTD.direct_messages") {
            Role::XDirectMessages
        } else {
            Role::XTweets
        });
    }
    if trimmed.starts_with("Grailbird.data") {
        return Some(Role::XGrailbird);
    }
    let json_like =
        lower.ends_with(".json") || trimmed.starts_with('{') || trimmed.starts_with('[');
    if json_like {
        if text.contains("\"orderedItems\"") || text.contains("activitystreams") {
            return Some(Role::MastodonOutbox);
        }
        if text.contains("\"comments_v2\"")
            || text.contains("\"comments\"") && text.contains("\"author\"")
        {
            return Some(Role::FacebookComments);
        }
        if text.contains("\"messages\"") && text.contains("\"sender_name\"") {
            return Some(Role::MetaMessages);
        }
        if text.contains("\"status_updates\"")
            || (text.contains("\"data\"") && text.contains("\"post\""))
        {
            return Some(Role::FacebookPosts);
        }
        if text.contains("\"creation_timestamp\"") {
            return Some(Role::InstagramPosts);
        }
    }
    if lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || (trimmed.starts_with('{') && !lower.ends_with(".json"))
    {
        return Some(Role::JsonLines);
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        let header = trimmed.lines().next().unwrap_or("").to_ascii_lowercase();
        if header.contains("sharecommentary") {
            return Some(Role::LinkedInShares);
        }
        if header.contains("conversation id") && header.contains("content") {
            return Some(Role::LinkedInMessages);
        }
        if header.starts_with("date,link,message")
            || header.starts_with("\"date\",\"link\",\"message\"")
        {
            return Some(Role::LinkedInComments);
        }
        return Some(Role::Csv);
    }
    if lower.ends_with(".json") && trimmed.starts_with('{') {
        return Some(Role::JsonLines);
    }
    None
}

/// A CAR v1 file starts with a varint length and a DAG-CBOR map holding `roots` and `version`.
fn looks_like_car(head: &[u8]) -> bool {
    let window = &head[..head.len().min(64)];
    window.len() > 10
        && window.windows(5).any(|w| w == b"roots")
        && window.windows(7).any(|w| w == b"version")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_file_names() {
        assert_eq!(classify("twitter-2023/data/tweets.js"), Some(Role::XTweets));
        assert_eq!(classify("data/tweets-part12.js"), Some(Role::XTweets));
        assert_eq!(classify("tweet.js"), Some(Role::XTweets));
        assert_eq!(classify("data/tweet-headers.js"), None);
        assert_eq!(classify("data/tweets-partx.js"), None);
        assert_eq!(classify("data/note-tweet.js"), Some(Role::XNotes));
        assert_eq!(
            classify("data/direct-messages-group.js"),
            Some(Role::XGroupMessages)
        );
        assert_eq!(
            classify("data/js/tweets/2013_01.js"),
            Some(Role::XGrailbird)
        );
        assert_eq!(classify("__MACOSX/data/._tweets.js"), None);
    }

    #[test]
    fn meta_layouts() {
        assert_eq!(
            classify("posts/your_posts_1.json"),
            Some(Role::FacebookPosts)
        );
        assert_eq!(
            classify(
                "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
            ),
            Some(Role::FacebookPosts)
        );
        assert_eq!(
            classify("your_activity_across_facebook/comments_and_reactions/comments.json"),
            Some(Role::FacebookComments)
        );
        assert_eq!(
            classify("messages/inbox/bob_x1/message_1.json"),
            Some(Role::MetaMessages)
        );
        assert_eq!(
            classify("your_instagram_activity/content/posts_1.json"),
            Some(Role::InstagramPosts)
        );
        assert_eq!(classify("content/posts_1.json"), Some(Role::InstagramPosts));
        assert_eq!(
            classify("posts/your_posts_1.html"),
            Some(Role::FacebookHtml)
        );
    }
}
