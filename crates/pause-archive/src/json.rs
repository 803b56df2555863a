//! Streaming over large JSON arrays one element at a time.
//!
//! Exports put every post in one array (`window.YTD.tweets.part0 = [ ... ]`, Mastodon's
//! `orderedItems`, Facebook's `your_posts_1.json`). Rather than parse the whole file into
//! memory, a small scanner finds where each element starts and ends (tracking only strings,
//! escapes and bracket depth), copies that element's bytes into a reused buffer and hands them
//! to `serde_json::from_slice`. Memory is bounded by the largest element, not the file; an
//! element that fails to parse is reported with its line and column and the next is still
//! read; a file cut short is reported where it ends.

use std::io::BufRead;

use serde::de::DeserializeOwned;

use crate::error::{ArchiveError, Position};
use crate::readers::io_to_archive;

/// A position-tracking scanner over a `BufRead`.
pub(crate) struct Scanner<R> {
    r: R,
    file: String,
    byte: u64,
    line: u64,
    column: u64,
    /// The bytes of the last element scanned with `keep`.
    pub(crate) buf: Vec<u8>,
}

impl<R: BufRead> Scanner<R> {
    pub(crate) fn new(r: R, file: &str) -> Self {
        Scanner {
            r,
            file: file.to_owned(),
            byte: 0,
            line: 1,
            column: 1,
            buf: Vec::new(),
        }
    }

    /// Where the next unread byte is.
    pub(crate) fn position(&self) -> Position {
        Position {
            line: Some(self.line),
            column: Some(self.column),
            byte: Some(self.byte),
            record: None,
        }
    }

    fn io(&self, e: std::io::Error) -> ArchiveError {
        io_to_archive(&self.file, self.position(), e)
    }

    /// A JSON error at the current position.
    pub(crate) fn error(&self, message: impl Into<String>) -> ArchiveError {
        ArchiveError::Json {
            file: self.file.clone(),
            position: self.position(),
            message: message.into(),
        }
    }

    fn truncated(&self) -> ArchiveError {
        self.error("the file ends in the middle of the JSON (truncated?)")
    }

    fn peek(&mut self) -> Result<Option<u8>, ArchiveError> {
        loop {
            match self.r.fill_buf() {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    fn bump(&mut self, b: u8) {
        self.r.consume(1);
        self.advance(b);
    }

    fn advance(&mut self, b: u8) {
        self.byte += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
    }

    /// Skips whitespace (and a UTF-8 byte order mark); returns the next byte without consuming it.
    pub(crate) fn skip_ws(&mut self) -> Result<Option<u8>, ArchiveError> {
        loop {
            match self.peek()? {
                Some(b @ (b' ' | b'\t' | b'\n' | b'\r')) => self.bump(b),
                Some(0xEF) if self.byte == 0 => {
                    for b in [0xEF, 0xBB, 0xBF] {
                        if self.peek()? == Some(b) {
                            self.r.consume(1);
                            self.byte += 1;
                        }
                    }
                }
                other => return Ok(other),
            }
        }
    }

    /// Skips a JavaScript prefix such as `window.YTD.tweets.part0 = ` up to the first `[` or `{`,
    /// which is left unread. Returns it, or `None` if the file holds neither.
    pub(crate) fn skip_prefix(&mut self) -> Result<Option<u8>, ArchiveError> {
        loop {
            match self.peek()? {
                None => return Ok(None),
                Some(b @ (b'[' | b'{')) => return Ok(Some(b)),
                Some(b) => self.bump(b),
            }
        }
    }

    /// Consumes `expected` after optional whitespace.
    pub(crate) fn expect(&mut self, expected: u8) -> Result<(), ArchiveError> {
        match self.skip_ws()? {
            Some(b) if b == expected => {
                self.bump(b);
                Ok(())
            }
            Some(b) => Err(self.error(format!(
                "expected `{}`, found `{}`",
                expected as char,
                printable(b)
            ))),
            None => Err(self.truncated()),
        }
    }

    /// Scans one complete value starting at the next non-space byte. With `keep`, its bytes
    /// replace `self.buf`; otherwise they are skipped.
    pub(crate) fn scan_value(&mut self, keep: bool) -> Result<(), ArchiveError> {
        if keep {
            self.buf.clear();
        }
        let first = self.skip_ws()?.ok_or_else(|| self.truncated())?;
        match first {
            b'{' | b'[' | b'"' => self.scan_nested(keep),
            b',' | b']' | b'}' | b':' => {
                Err(self.error(format!("expected a value, found `{}`", first as char)))
            }
            _ => self.scan_scalar(keep),
        }
    }

    fn scan_scalar(&mut self, keep: bool) -> Result<(), ArchiveError> {
        while let Some(b) = self.peek()? {
            if matches!(b, b',' | b']' | b'}' | b':' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            if keep {
                self.buf.push(b);
            }
            self.bump(b);
        }
        Ok(())
    }

    /// Scans an object, array or string, whose first byte is next.
    fn scan_nested(&mut self, keep: bool) -> Result<(), ArchiveError> {
        let mut depth: u32 = 0;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let chunk = match self.r.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            };
            if chunk.is_empty() {
                return Err(self.truncated());
            }
            let mut used = 0;
            let mut done = false;
            let (mut line, mut column) = (self.line, self.column);
            for &b in chunk {
                used += 1;
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            done = true;
                            break;
                        }
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                done = true;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            if keep {
                self.buf.extend_from_slice(&chunk[..used]);
            }
            self.r.consume(used);
            self.byte += used as u64;
            self.line = line;
            self.column = column;
            if done {
                return Ok(());
            }
        }
    }

    /// Reads an object key (a string) and the `:` after it. Call after `{` or `,`.
    fn key(&mut self) -> Result<String, ArchiveError> {
        let at = self.position();
        match self.skip_ws()? {
            Some(b'"') => {}
            Some(b) => {
                return Err(self.error(format!("expected an object key, found `{}`", printable(b))))
            }
            None => return Err(self.truncated()),
        }
        self.scan_value(true)?;
        let key: String =
            serde_json::from_slice(&self.buf).map_err(|e| json_error(&self.file, at, None, &e))?;
        self.expect(b':')?;
        Ok(key)
    }

    /// Moves to the next key of the object being walked (its `{` already consumed), consuming
    /// the `:` after it; `None` after the closing `}`.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<String>, ArchiveError> {
        match self.skip_ws()? {
            Some(b'}') => {
                self.bump(b'}');
                return Ok(None);
            }
            Some(b',') if !*first => self.bump(b','),
            Some(_) if *first => {}
            Some(b) => {
                return Err(self.error(format!("expected `,` or `}}`, found `{}`", printable(b))))
            }
            None => return Err(self.truncated()),
        }
        *first = false;
        self.key().map(Some)
    }

    /// Moves to the next element of the array being walked (its `[` already consumed) and
    /// scans it into `buf`, returning where it started; `None` after the closing `]`.
    pub(crate) fn next_element(
        &mut self,
        first: &mut bool,
    ) -> Result<Option<Position>, ArchiveError> {
        match self.skip_ws()? {
            Some(b']') => {
                self.bump(b']');
                return Ok(None);
            }
            Some(b',') if !*first => {
                self.bump(b',');
                if self.skip_ws()? == Some(b']') {
                    // A trailing comma, which JavaScript allows.
                    self.bump(b']');
                    return Ok(None);
                }
            }
            Some(_) if *first => {}
            Some(b) => {
                return Err(self.error(format!("expected `,` or `]`, found `{}`", printable(b))))
            }
            None => return Err(self.truncated()),
        }
        *first = false;
        self.skip_ws()?;
        let at = self.position();
        self.scan_value(true)?;
        Ok(Some(at))
    }

    /// Parses the element last scanned, which started at `at`, as the `record`th of its array.
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        at: Position,
        record: u64,
    ) -> Result<T, ArchiveError> {
        serde_json::from_slice(&self.buf).map_err(|e| json_error(&self.file, at, Some(record), &e))
    }

    /// Whether anything but whitespace or a `;` is left.
    pub(crate) fn at_end(&mut self) -> Result<bool, ArchiveError> {
        loop {
            match self.skip_ws()? {
                None => return Ok(true),
                Some(b';') => self.bump(b';'),
                Some(_) => return Ok(false),
            }
        }
    }
}

/// Turns a `serde_json` error inside an element that started at `at` into a position in the file.
pub(crate) fn json_error(
    file: &str,
    at: Position,
    record: Option<u64>,
    e: &serde_json::Error,
) -> ArchiveError {
    let (line, column) = (e.line() as u64, e.column() as u64);
    let position = match (at.line, at.column) {
        (Some(l), Some(c)) if line > 0 => Position {
            line: Some(l + line - 1),
            column: Some(if line == 1 {
                c + column.saturating_sub(1)
            } else {
                column
            }),
            byte: None,
            record,
        },
        _ => Position { record, ..at },
    };
    let message = e.to_string();
    // serde_json appends " at line L column C", relative to the element: drop it.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    ArchiveError::Json {
        file: file.to_owned(),
        position,
        message,
    }
}

fn printable(b: u8) -> String {
    if b.is_ascii_graphic() {
        (b as char).to_string()
    } else {
        format!("\\x{b:02x}")
    }
}

/// Walks a file whose posts are one JSON array, perhaps after a JavaScript prefix
/// (`window.YTD.tweets.part0 = [...]`), calling `each` with every element's scanner and
/// position. Elements that fail inside `each` are the caller's to report.
pub(crate) fn each_in_array<R: BufRead>(
    scanner: &mut Scanner<R>,
    mut each: impl FnMut(&mut Scanner<R>, Position, u64) -> Result<(), crate::readers::ReadFail>,
) -> Result<u64, crate::readers::ReadFail> {
    scanner.expect(b'[')?;
    let mut first = true;
    let mut record = 0;
    while let Some(at) = scanner.next_element(&mut first)? {
        record += 1;
        each(scanner, at, record)?;
    }
    Ok(record)
}

/// Walks a file whose records are either a top-level array or arrays under any of `keys` of a
/// top-level object (`{"comments_v2": [...]}`), calling `each` with every element. Other keys
/// are skipped. An empty file has no records.
pub(crate) fn each_record<R: BufRead>(
    scanner: &mut Scanner<R>,
    keys: &[&str],
    mut each: impl FnMut(&mut Scanner<R>, Position, u64) -> Result<(), crate::readers::ReadFail>,
) -> Result<u64, crate::readers::ReadFail> {
    let mut record = 0;
    match scanner.skip_ws()? {
        None => return Ok(0),
        Some(b'[') => {
            record = each_in_array(scanner, &mut each)?;
        }
        Some(b'{') => {
            scanner.expect(b'{')?;
            let mut first = true;
            while let Some(key) = scanner.next_key(&mut first)? {
                if keys.contains(&key.as_str()) && scanner.skip_ws()? == Some(b'[') {
                    let base = record;
                    record += each_in_array(scanner, |s, at, n| each(s, at, base + n))?;
                } else {
                    scanner.scan_value(false)?;
                }
            }
        }
        Some(_) => return Err(scanner.error("expected a JSON array or object").into()),
    }
    if !scanner.at_end()? {
        return Err(scanner.error("unexpected data after the JSON value").into());
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(input: &str) -> (Vec<String>, Option<ArchiveError>) {
        let mut s = Scanner::new(input.as_bytes(), "t.json");
        let mut out = Vec::new();
        if s.skip_prefix().ok().flatten().is_none() {
            return (out, None);
        }
        let result = each_in_array(&mut s, |s, _, _| {
            out.push(String::from_utf8_lossy(&s.buf).into_owned());
            Ok(())
        });
        match result {
            Err(crate::readers::ReadFail::Error(e)) => (out, Some(e)),
            Ok(_) | Err(crate::readers::ReadFail::Stopped) => (out, None),
        }
    }

    #[test]
    fn splits_an_array_after_a_javascript_prefix() {
        let (els, err) =
            elements("window.YTD.tweets.part0 = [ {\"a\":\"]}\\\"\"}, [1,2] ,3, \"x\" ]");
        assert!(err.is_none(), "{err:?}");
        assert_eq!(els, vec!["{\"a\":\"]}\\\"\"}", "[1,2]", "3", "\"x\""]);
    }

    #[test]
    fn reports_truncation_with_line_and_column() {
        let (els, err) = elements("[\n {\"a\":1},\n {\"b\":");
        assert_eq!(els, vec!["{\"a\":1}"]);
        let err = err.expect("truncated");
        assert_eq!(err.position().and_then(|p| p.line), Some(3));
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn element_errors_point_into_the_file() {
        let mut s = Scanner::new("[\n  {\"a\": tru}\n]".as_bytes(), "t.json");
        let mut errors = Vec::new();
        each_in_array(&mut s, |s, at, n| {
            if let Err(e) = s.parse::<serde_json::Value>(at, n) {
                errors.push(e);
            }
            Ok(())
        })
        .ok();
        let position = errors[0].position().expect("position");
        assert_eq!((position.line, position.record), (Some(2), Some(1)));
        assert_eq!(position.column, Some(12));
    }
}
