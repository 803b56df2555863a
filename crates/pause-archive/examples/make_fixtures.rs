//! Writes the synthetic exports in `tests/fixtures/`, or a large X archive on demand.
//!
//! ```text
//! cargo run -p pause-archive --example make_fixtures                    # rewrite tests/fixtures/
//! cargo run -p pause-archive --example make_fixtures -- DIR             # write them into DIR
//! cargo run --release -p pause-archive --example make_fixtures -- \
//!     --large-x 200000 /tmp/x-200k.zip [--per-part 50000]               # a big archive, not committed
//! ```
//!
//! All data is invented; see `tests/support/gen.rs`.

#[path = "../tests/support/gen.rs"]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("--large-x") => large(&args[1..]),
        Some("-h" | "--help") => {
            eprintln!("usage: make_fixtures [DIR] | --large-x N OUT.zip [--per-part M]");
            return ExitCode::SUCCESS;
        }
        Some(dir) => write(std::path::Path::new(dir)),
        None => write(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn write(dir: &std::path::Path) -> Result<(), String> {
    let written = gen::write_all(dir).map_err(|e| format!("writing {}: {e}", dir.display()))?;
    for (name, posts) in written {
        eprintln!("{name}: {posts} posts");
    }
    eprintln!("wrote fixtures to {}", dir.display());
    Ok(())
}

fn large(args: &[String]) -> Result<(), String> {
    let usage = "usage: make_fixtures --large-x N OUT.zip [--per-part M]";
    let n: usize = args.first().and_then(|n| n.parse().ok()).ok_or(usage)?;
    let out = PathBuf::from(args.get(1).ok_or(usage)?);
    let per_part = match args.get(2).map(String::as_str) {
        Some("--per-part") => args.get(3).and_then(|m| m.parse().ok()).ok_or(usage)?,
        _ => 50_000,
    };
    gen::write_large_x(&out, n, per_part).map_err(|e| format!("writing {}: {e}", out.display()))?;
    let size = std::fs::metadata(&out).map_or(0, |m| m.len());
    eprintln!("wrote {n} posts to {} ({size} bytes)", out.display());
    Ok(())
}
