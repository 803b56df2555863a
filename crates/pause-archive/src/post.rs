//! The one thing every reader produces: a [`Post`].

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A platform whose export this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    /// X, formerly Twitter: the "Download an archive of your data" zip.
    X,
    /// A Mastodon account export (`outbox.json` in a zip or an older tar.gz).
    Mastodon,
    /// A Bluesky repository export (a CAR v1 file).
    Bluesky,
    /// Facebook "Download Your Information" in JSON.
    Facebook,
    /// Instagram "Download Your Information" in JSON.
    Instagram,
    /// `LinkedIn` "Get a copy of your data" (`Shares.csv`, `Comments.csv`, `messages.csv`).
    #[serde(rename = "linkedin")]
    LinkedIn,
    /// Any CSV file with a text column.
    Csv,
    /// Any JSON Lines file whose objects carry a text field.
    #[serde(rename = "jsonl")]
    JsonLines,
}

impl Platform {
    /// Every platform, in the order they are listed to people.
    pub const ALL: [Platform; 8] = [
        Platform::X,
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Facebook,
        Platform::Instagram,
        Platform::LinkedIn,
        Platform::Csv,
        Platform::JsonLines,
    ];

    /// The short name used on the command line and in JSON (`x`, `mastodon`, ...).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::LinkedIn => "linkedin",
            Platform::Csv => "csv",
            Platform::JsonLines => "jsonl",
        }
    }

    /// A name for people, e.g. `X (Twitter) archive`.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Platform::X => "X (Twitter) archive",
            Platform::Mastodon => "Mastodon export",
            Platform::Bluesky => "Bluesky repository (CAR)",
            Platform::Facebook => "Facebook export (JSON)",
            Platform::Instagram => "Instagram export (JSON)",
            Platform::LinkedIn => "LinkedIn export",
            Platform::Csv => "CSV file with a text column",
            Platform::JsonLines => "JSON Lines file with a text field",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The error of parsing a [`Platform`] name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown platform `{0}` (expected one of: x, mastodon, bluesky, facebook, instagram, linkedin, csv, jsonl)")]
pub struct UnknownPlatform(pub String);

impl FromStr for Platform {
    type Err = UnknownPlatform;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "x" | "twitter" => Ok(Platform::X),
            "mastodon" => Ok(Platform::Mastodon),
            "bluesky" | "bsky" => Ok(Platform::Bluesky),
            "facebook" | "fb" => Ok(Platform::Facebook),
            "instagram" | "ig" => Ok(Platform::Instagram),
            "linkedin" => Ok(Platform::LinkedIn),
            "csv" => Ok(Platform::Csv),
            "jsonl" | "json-lines" | "jsonlines" | "ndjson" => Ok(Platform::JsonLines),
            _ => Err(UnknownPlatform(s.to_owned())),
        }
    }
}

/// Who could see a post when it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Anyone, and listed in public timelines or search.
    Public,
    /// Anyone with the link, but kept out of public timelines (Mastodon "unlisted").
    Unlisted,
    /// Followers, connections or a chosen circle only.
    Followers,
    /// Only the people addressed: a direct message.
    Direct,
    /// The export does not say.
    Unknown,
}

/// What sort of post this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The person's own post (including quote posts and long "note" posts).
    Own,
    /// A reply or comment on someone's post.
    Reply,
    /// A direct (private) message the person sent.
    DirectMessage,
    /// A repost of someone else's words (retweet, boost); not the person's own words.
    Repost,
}

/// One post read from an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Which platform it came from.
    pub platform: Platform,
    /// The platform's id for the post, or a stable id made from the file and record number
    /// where the export carries none (Facebook, Instagram, CSV).
    pub id: String,
    /// When it was posted, in the offset the export gave (UTC for most).
    pub created_at: Option<DateTime<FixedOffset>>,
    /// A link to the post on the platform, so it can be found, edited or deleted.
    pub url: Option<String>,
    /// Who could see it.
    pub audience: Audience,
    /// Own post, reply, direct message or repost.
    pub kind: Kind,
    /// The text as the person wrote it: entities unescaped, links expanded, HTML turned into
    /// text, content warnings and image descriptions included.
    pub text: String,
    /// The file inside the export it was read from.
    pub source: String,
}

/// Posts read from one file, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// Own posts.
    pub own: u64,
    /// Replies and comments.
    pub reply: u64,
    /// Direct messages.
    pub direct_message: u64,
    /// Reposts.
    pub repost: u64,
}

impl KindCounts {
    /// Counts one post of `kind`.
    pub fn add(&mut self, kind: Kind) {
        match kind {
            Kind::Own => self.own += 1,
            Kind::Reply => self.reply += 1,
            Kind::DirectMessage => self.direct_message += 1,
            Kind::Repost => self.repost += 1,
        }
    }

    /// All posts counted.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.own + self.reply + self.direct_message + self.repost
    }
}
