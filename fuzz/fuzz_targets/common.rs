//! Shared by the fuzz targets: read `data` as the file `name` and touch every post.

use pause_archive::{open_bytes, Limits, Platform};

/// Small limits, so that inputs which decompress a lot stay fast.
pub const LIMITS: Limits = Limits { max_entry_bytes: 4 << 20, max_total_bytes: 16 << 20, max_ratio: 200 };

/// Opens `data` as a file called `name` and reads every post; errors are fine, panics are not.
pub fn read(name: &str, data: &[u8], platform: Option<Platform>) {
    let Ok(archive) = open_bytes(name, data.to_vec(), platform, LIMITS) else { return };
    let mut chars = 0usize;
    let report = archive.read(|post| {
        chars += post.text.len() + post.id.len();
    });
    for problem in &report.problems {
        let _ = problem.to_string();
    }
    assert!(report.counts().total() as usize <= data.len().max(1) * 64);
}
