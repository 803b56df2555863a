//! Whole exports: zip (including damaged ones, read by scanning), tar.gz, and detection of
//! what a file is, with no platform given.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::read("export.zip", data, None);
});
