//! Generic CSV and JSON Lines files.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    if which % 2 == 0 {
        common::read("posts.csv", rest, Some(Platform::Csv));
    } else {
        common::read("posts.jsonl", rest, Some(Platform::JsonLines));
    }
});
