//! Facebook and Instagram JSON files, chosen by the first byte.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

const FILES: [(&str, Platform); 5] = [
    ("your_posts_1.json", Platform::Facebook),
    ("comments.json", Platform::Facebook),
    ("message_1.json", Platform::Facebook),
    ("posts_1.json", Platform::Instagram),
    ("post_comments_1.json", Platform::Instagram),
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let (name, platform) = FILES[usize::from(which) % FILES.len()];
    common::read(name, rest, Some(platform));
});
