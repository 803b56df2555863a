//! Bluesky CAR repositories: framing, DAG-CBOR blocks and the tree walk.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use pause_archive::Platform;

fuzz_target!(|data: &[u8]| {
    common::read("repo.car", data, Some(Platform::Bluesky));
});
