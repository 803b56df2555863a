//! Reading drafts: TEXT, FILE or standard input, with clear errors for unreadable input.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{bail, Context, Result};

/// A draft and where it came from.
pub struct Draft {
    pub text: String,
    /// A name for diagnostics: the file path, `<stdin>` or `<text>`.
    pub origin: String,
}

/// Reads the draft named on the command line.
pub fn read_draft(arg: Option<&str>) -> Result<Draft> {
    let (bytes, origin) = match arg {
        None | Some("-") => {
            let mut b = Vec::new();
            io::stdin()
                .read_to_end(&mut b)
                .context("could not read standard input")?;
            (b, "<stdin>".to_string())
        }
        Some(a) if Path::new(a).is_file() => {
            let b = std::fs::read(a).with_context(|| format!("could not read {a}"))?;
            (b, a.to_string())
        }
        Some(a) => (a.as_bytes().to_vec(), "<text>".to_string()),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Draft { text, origin }),
        Err(e) => bail!(
            "{origin} is not valid UTF-8 (first bad byte at offset {})\nhint: save the draft as UTF-8 text",
            e.utf8_error().valid_up_to()
        ),
    }
}

/// Opens the JSON Lines input: a file or standard input.
pub fn open_reader(arg: Option<&str>) -> Result<Box<dyn BufRead>> {
    match arg {
        None | Some("-") => Ok(Box::new(BufReader::new(io::stdin()))),
        Some(path) => {
            let f = std::fs::File::open(path).with_context(|| format!("could not open {path}"))?;
            Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
        }
    }
}
