//! The text repairs: HTML to text, Meta's mojibake, X's escaping, entity decoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pause_archive::text;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = text::html_to_text(s);
    let _ = text::fix_mojibake(s);
    let _ = text::unescape_x(s);
    let _ = text::decode_entities(s);
    let _ = text::expand_links(s, &[("a", "bb"), ("", "x")]);
});
