//! Reads an export and prints what was found: platform, posts per file and kind, problems.
//!
//! ```text
//! cargo run --release -p pause-archive --example read_export -- PATH [--platform NAME] [--posts]
//! ```
//!
//! A development aid (and the crate's benchmark of record until `pause audit` exists): it
//! reads every post on the background reader thread, as `pause audit` will.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use pause_archive::Platform;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut platform = None;
    let mut show_posts = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--platform" => match args.next().map(|p| p.parse::<Platform>()) {
                Some(Ok(p)) => platform = Some(p),
                Some(Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
                None => {
                    eprintln!("error: --platform needs a value");
                    return ExitCode::from(2);
                }
            },
            "--posts" => show_posts = true,
            _ => path = Some(PathBuf::from(arg)),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: read_export PATH [--platform NAME] [--posts]");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let archive = match pause_archive::open(&path, platform) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!(
        "found a {} ({})",
        archive.platform().describe(),
        archive.packaging()
    );
    let mut posts = archive.posts();
    let mut bytes = 0usize;
    let mut count = 0u64;
    for post in &mut posts {
        bytes += post.text.len();
        count += 1;
        if show_posts {
            println!("{}", serde_json::to_string(&post).unwrap_or_default());
        }
    }
    let report = posts.finish();
    for file in &report.files {
        let c = file.counts;
        eprintln!(
            "{:>8} posts  {:<40} own {} reply {} dm {} repost {}{}",
            c.total(),
            file.file,
            c.own,
            c.reply,
            c.direct_message,
            c.repost,
            if file.complete { "" } else { "  (incomplete)" }
        );
    }
    for problem in &report.problems {
        eprintln!("problem: {problem}");
    }
    let elapsed = start.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)] // a rate for people to read
    let rate = count as f64 / elapsed.max(1e-9);
    eprintln!("{count} posts, {bytes} bytes of text in {elapsed:.2} s ({rate:.0} posts/s)");
    if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
