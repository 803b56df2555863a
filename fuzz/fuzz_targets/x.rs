//! X archive files: `tweets.js` and friends, chosen by the first byte.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

const NAMES: [&str; 7] = [
    "tweets.js",
    "note-tweet.js",
    "deleted-tweets.js",
    "direct-messages.js",
    "direct-messages-group.js",
    "2013_01.js",
    "community-tweet.js",
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    common::read(NAMES[usize::from(which) % NAMES.len()], rest, Some(Platform::X));
});
