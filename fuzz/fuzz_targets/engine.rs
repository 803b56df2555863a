//! Fuzz the engine: any bytes that are UTF-8 must check without panicking, every span must lie
//! on character boundaries of the input, and the redacted text must be valid.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pause_core::{Engine, Policy};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(&Policy::example()).expect("engine builds"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T03:12:00Z").ok();
    let report = ENGINE.check(text, at);
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= text.len(), "span out of range");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "span splits a character");
    }
});
