//! Evidence attached to a case: a photo of a broken lock, a rota, a document. Files are checked
//! by their contents (not their name), stripped of the metadata that could identify whoever took
//! or wrote them where the format allows, sealed like everything else, and handed out only to
//! the case's parties, always as a download.

use pause_store::{FileRow, NewAudit, NewEvent, NewFile};

use super::cases::{speak_up, Part, Viewer};
use crate::error::AppError;
use crate::state::AppState;

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The most files one case may hold.
pub const MAX_FILES: i64 = 10;
/// The request body limit of the upload routes (the file and the form around it).
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;

/// What a file is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Text,
}

impl Kind {
    /// The content type it is served with.
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Text => "text/plain; charset=utf-8",
        }
    }

    fn extension(content_type: &str) -> &'static str {
        match content_type {
            "application/pdf" => "pdf",
            "image/png" => "png",
            "image/jpeg" => "jpg",
            _ => "txt",
        }
    }
}

/// The kind of a file from its contents, or `None` for anything else (programs, archives,
/// office documents, which can carry macros).
#[must_use]
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if !bytes.is_empty()
        && std::str::from_utf8(bytes)
            .is_ok_and(|t| !t.chars().any(|c| c.is_control() && !c.is_whitespace()))
    {
        Some(Kind::Text)
    } else {
        None
    }
}

/// The image without the metadata that can identify its author or place (EXIF with GPS and the
/// camera's serial number, XMP, comments, text chunks). Pixels are untouched.
///
/// # Errors
/// A message when the image is damaged.
pub fn strip_metadata(kind: Kind, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    match kind {
        Kind::Jpeg => {
            let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(bytes.into())
                .map_err(|e| format!("the JPEG could not be read ({e})"))?;
            // APP1..APP15 (EXIF, XMP, Photoshop IRB...) and comments; APP0 (JFIF) stays.
            for marker in 0xE1..=0xEF {
                jpeg.remove_segments_by_marker(marker);
            }
            jpeg.remove_segments_by_marker(0xFE);
            Ok(jpeg.encoder().bytes().to_vec())
        }
        Kind::Png => {
            let mut png = img_parts::png::Png::from_bytes(bytes.into())
                .map_err(|e| format!("the PNG could not be read ({e})"))?;
            for kind in [*b"tEXt", *b"iTXt", *b"zTXt", *b"eXIf", *b"tIME"] {
                png.remove_chunks_by_type(kind);
            }
            Ok(png.encoder().bytes().to_vec())
        }
        Kind::Pdf | Kind::Text => Ok(bytes),
    }
}

fn invalid(message: impl Into<String>) -> AppError {
    AppError::Unprocessable(message.into())
}

/// A file's name as shown and as a download's name: its last path part, printable, at most 120
/// characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if cleaned.trim().is_empty() {
        "file".into()
    } else {
        cleaned.trim().to_string()
    }
}

/// Attaches a file to a case.
///
/// # Errors
/// 403 for a part that may not write, 422 for a closed case, an empty, unrecognised or damaged
/// file, or a case that already has [`MAX_FILES`]; 413 above [`MAX_FILE_BYTES`].
#[allow(clippy::too_many_arguments)]
pub async fn attach(
    state: &AppState,
    viewer: &Viewer,
    row: &pause_store::ConcernRow,
    part: Part,
    name: &str,
    bytes: Vec<u8>,
    now: i64,
) -> Result<i64, AppError> {
    let su = speak_up(state)?;
    if !part.raises() && !part.acts() {
        return Err(AppError::Forbidden);
    }
    if row.status == "closed" {
        return Err(invalid("the case is closed: files can no longer be added"));
    }
    if bytes.is_empty() {
        return Err(invalid("the file is empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::TooLarge(format!(
            "the file is {:.1} MB; the most this service accepts is {} MB. Send a smaller photo or scan, or describe the evidence and the handler will arrange to see it",
            bytes.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    let kind = sniff(&bytes).ok_or_else(|| {
        invalid("only PDF documents, PNG or JPEG images and plain text files can be attached (judged by what the file contains, not its name)")
    })?;
    let bytes = strip_metadata(kind, bytes).map_err(invalid)?;
    let name = clean_name(name);
    let at = if part.raises() && row.identity == "anonymous" {
        su.config.calendar.start_of_day(now)
    } else {
        now
    };
    let actor = match part {
        Part::Guardian => "guardian",
        Part::Handler { .. } => "handler",
        Part::Raiser | Part::AnonymousRaiser => "raiser",
    };
    let actor_id = match (part, viewer) {
        (Part::Guardian | Part::Handler { .. }, Viewer::Person(u)) => Some(u.id),
        _ => None,
    };
    let file = NewFile {
        uploaded_at: at,
        actor: actor.into(),
        actor_id,
        content_type: kind.content_type().into(),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        name_sealed: su
            .keys
            .seal_str(&super::cases::ctx(&row.seal_context, "file.name"), &name),
        body_sealed: su
            .keys
            .seal(&super::cases::ctx(&row.seal_context, "file.body"), &bytes),
    };
    let event = NewEvent {
        at,
        actor: actor.into(),
        actor_id,
        kind: "file".into(),
        body_sealed: Some(su.keys.seal_str(
            &super::cases::ctx(&row.seal_context, "concern.event"),
            &format!("Attached {name}"),
        )),
        to_raiser: true,
    };
    let mut notify: Vec<pause_store::NewNotification> = if part.raises() {
        row.handler_id
            .into_iter()
            .map(|user_id| pause_store::NewNotification {
                user_id,
                concern_id: None,
                kind: "file".into(),
                created_at: at,
                mail: su.mailer.is_some(),
                mail_after: 0,
                link_case: true,
            })
            .collect()
    } else {
        super::cases::raiser_notices(su, row, "file", at)
    };
    if part == Part::AnonymousRaiser {
        let morning = su.config.calendar.start_of_day(now) + 86_400 + 8 * 3600;
        for n in &mut notify {
            n.mail_after = morning;
        }
    }
    let audit = NewAudit {
        at,
        case_id: Some(row.id),
        actor: super::cases::actor_label(viewer, part),
        action: "attach".into(),
        detail: format!("type={} size={}", kind.content_type(), bytes.len()),
    };
    state
        .store
        .add_file(
            row.id,
            &file,
            MAX_FILES,
            &event,
            &notify,
            &audit,
            su.as_ref(),
        )
        .await?
        .ok_or_else(|| invalid(format!("a case holds at most {MAX_FILES} files")))
}

/// A file's name, opened for listing.
///
/// # Errors
/// When the sealed name does not open (wrong key).
pub fn name_of(
    state: &AppState,
    row: &pause_store::ConcernRow,
    f: &FileRow,
) -> Result<String, AppError> {
    speak_up(state)?
        .keys
        .open_string(
            &super::cases::ctx(&row.seal_context, "file.name"),
            &f.name_sealed,
        )
        .map_err(|e| AppError::Internal(anyhow::anyhow!("could not open a file's name: {e}")))
}

/// A file of the case, opened, with its download name; the download is in the audit log.
///
/// # Errors
/// 404 when the case has no such file; a sealed value that does not open.
pub async fn download(
    state: &AppState,
    viewer: &Viewer,
    row: &pause_store::ConcernRow,
    part: Part,
    file_id: i64,
    now: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let su = speak_up(state)?;
    let (meta, sealed) = state
        .store
        .file(row.id, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = su
        .keys
        .open(&super::cases::ctx(&row.seal_context, "file.body"), &sealed)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("could not open a file: {e}")))?;
    let name = name_of(state, row, &meta)?;
    let at = match viewer {
        Viewer::Receipt => su.config.calendar.start_of_day(now),
        Viewer::Person(_) => now,
    };
    state
        .store
        .append_audit(
            &[NewAudit {
                at,
                case_id: Some(row.id),
                actor: super::cases::actor_label(viewer, part),
                action: "download".into(),
                detail: format!("file={file_id}"),
            }],
            su.as_ref(),
        )
        .await?;
    // An ASCII name for the header; the extension follows the checked type, not the upload.
    let stem: String = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(s, _)| s)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let download = format!(
        "case-{}-{stem}.{}",
        row.id,
        Kind::extension(&meta.content_type)
    );
    Ok((meta.content_type, download, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_judged_by_their_contents() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Kind::Jpeg));
        assert_eq!(
            sniff("Rota: nights 2 RNs for 28 beds\n".as_bytes()),
            Some(Kind::Text)
        );
        assert_eq!(sniff(b"MZ\x90\x00\x03"), None, "a Windows program");
        assert_eq!(sniff(b"PK\x03\x04"), None, "an archive or office document");
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn names_lose_their_folders_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\ann\\rota.pdf"), "rota.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name("   "), "file");
    }
}
