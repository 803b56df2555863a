//! Mastodon's `outbox.json`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

fuzz_target!(|data: &[u8]| {
    common::read("outbox.json", data, Some(Platform::Mastodon));
});
