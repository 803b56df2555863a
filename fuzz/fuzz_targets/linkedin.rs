//! LinkedIn CSV files (both quoting styles are sniffed from the data).
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

const NAMES: [&str; 3] = ["Shares.csv", "Comments.csv", "messages.csv"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    common::read(NAMES[usize::from(which) % NAMES.len()], rest, Some(Platform::LinkedIn));
});
