//! `LinkedIn` "Get a copy of your data" exports.
//!
//! `Shares.csv` holds posts (`Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl,
//! Visibility`), `Comments.csv` comments (`Date, Link, Message`) and `messages.csv` messages
//! (`CONVERSATION ID, ..., FROM, ..., DATE, SUBJECT, CONTENT, FOLDER`). Commentary often runs
//! over several lines and contains quotes; exports have quoted them both the standard way
//! (`""`) and with backslashes (`\"`), and the reader takes whichever the file uses. Dates
//! are UTC. A share's id is the activity or share number in its link.

use super::generic::{column, csv_error, csv_reader, time_of};
use super::{Ctx, FileSink, ReadFail, Stopped};
use crate::container::EntryReader;
use crate::detect::Role;
use crate::error::{ArchiveError, Position};
use crate::post::{Audience, Kind, Platform, Post};

pub(crate) fn read(ctx: &mut Ctx<'_>) -> Result<(), Stopped> {
    for (role, kind) in [
        (Role::LinkedInShares, Kind::Own),
        (Role::LinkedInComments, Kind::Reply),
        (Role::LinkedInMessages, Kind::DirectMessage),
    ] {
        for entry in ctx.files(role) {
            ctx.read_file(&entry, |r, sink| read_csv(r, sink, kind))?;
        }
    }
    Ok(())
}

/// `urn:li:activity:7096...` (perhaps percent-encoded) at the end of a link.
fn id_from_link(link: &str) -> Option<String> {
    let decoded = link.replace("%3A", ":").replace("%3a", ":");
    let last = decoded.trim_end_matches('/').rsplit('/').next()?;
    let id = last.rsplit(':').next()?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
}

fn read_csv(
    reader: &mut EntryReader<'_>,
    sink: &mut FileSink<'_>,
    kind: Kind,
) -> Result<(), ReadFail> {
    let file = sink.file.clone();
    let mut csv = csv_reader(reader, &file)?;
    let headers = csv.headers().map_err(|e| csv_error(&file, e))?.clone();
    let text_names: &[&str] = match kind {
        Kind::Own => &["sharecommentary"],
        Kind::Reply => &["message"],
        _ => &["content"],
    };
    let text = column(&headers, text_names).ok_or_else(|| ArchiveError::Record {
        file: file.clone(),
        position: Position {
            line: Some(1),
            ..Position::default()
        },
        message: format!(
            "no {} column; the columns are: {}",
            text_names[0],
            headers.iter().collect::<Vec<_>>().join(", ")
        ),
    })?;
    let date = column(&headers, &["date"]);
    let link = column(&headers, &["sharelink", "link"]);
    let visibility = column(&headers, &["visibility"]);
    let subject = column(&headers, &["subject"]);
    let conversation = column(&headers, &["conversation_id"]);
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                let problem = csv_error(&file, e);
                if fatal {
                    return Err(problem.into());
                }
                sink.problem(problem)?;
                continue;
            }
        }
        n += 1;
        sink.record();
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let url = field(link).map(str::to_owned);
        let mut body = record.get(text).unwrap_or_default().to_owned();
        if let Some(subject) = field(subject) {
            body = format!("{subject}\n\n{body}");
        }
        let audience = match kind {
            Kind::DirectMessage => Audience::Direct,
            _ => match field(visibility).map(str::to_ascii_uppercase).as_deref() {
                Some("MEMBER_NETWORK" | "CONNECTIONS") => Audience::Followers,
                Some("PUBLIC" | "ANYONE") => Audience::Public,
                _ => Audience::Unknown,
            },
        };
        let id = url
            .as_deref()
            .and_then(id_from_link)
            .or_else(|| field(conversation).map(|c| format!("{c}:{n}")))
            .unwrap_or_else(|| format!("row-{n}"));
        sink.post(Post {
            platform: Platform::LinkedIn,
            id,
            created_at: field(date).and_then(time_of),
            url,
            audience,
            kind,
            text: body,
            source: file.clone(),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_links() {
        assert_eq!(
            id_from_link(
                "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7096123456789012480"
            )
            .as_deref(),
            Some("7096123456789012480")
        );
        assert_eq!(
            id_from_link("https://www.linkedin.com/feed/update/urn:li:activity:7/").as_deref(),
            Some("7")
        );
        assert_eq!(id_from_link("https://example.org/x"), None);
    }
}
