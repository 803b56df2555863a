//! # pause-wasm: the Pause engine for JavaScript
//!
//! A thin [wasm-bindgen] wrapper around [`pause_core`], built for `wasm32-unknown-unknown` and
//! used by the browser extension (`extension/`) and anything else that runs JavaScript.
//!
//! ```js
//! import init, { check } from "./pause_wasm.js";
//! await init();
//! const report = JSON.parse(check("Mr Patel in bed 12 is refusing his warfarin", undefined, undefined));
//! report.verdict;                 // "pause"
//! report.findings[0].rule;        // "patient-name"
//! report.findings[0].start16;     // 0: a UTF-16 offset, ready for String.prototype.slice
//! ```
//!
//! ## Decisions
//! * **The same JSON as the CLI.** `check` returns exactly what `pause check --format json`
//!   prints, plus two fields on each finding: `start16` and `end16`, the span in UTF-16 code
//!   units. The engine's spans are bytes into UTF-8 (like regex and aho-corasick); JavaScript
//!   strings index UTF-16, so the conversion happens here, at the edge, and nowhere else. A
//!   test (`tests/json_matches_cli.rs`) checks that removing the two fields gives the CLI's
//!   bytes, and `extension/tests/corpus.mjs` runs the built `.wasm` in Node over the whole
//!   corpus and compares it with `pause check --jsonl`.
//! * **A string, not a JavaScript object.** One `JSON.parse` on the JavaScript side costs less
//!   than building the object field by field across the boundary, and it keeps this crate free
//!   of `serde-wasm-bindgen`.
//! * **Build once.** Building an engine compiles every lexicon into one automaton (milliseconds);
//!   checking a draft takes microseconds. The last engine is cached with the policy text it was
//!   built from, so a page that checks on every keystroke builds it once.
//! * **Checking cannot fail** (only building an engine from a policy can): errors are a bad
//!   policy or a bad `at` time, and reach JavaScript as a thrown `Error` with the line and column.
//!
//! [wasm-bindgen]: https://docs.rs/wasm-bindgen

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset};
use pause_core::{Engine, Finding, Policy, Report, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Checks a draft and returns the report as JSON: the CLI's JSON plus `start16`/`end16` on
/// every finding.
///
/// `policy_toml` is the organisation's policy file (none: the built-in defaults, as the CLI
/// without `--policy`); `at` is the time of posting in RFC 3339 with its offset (late-night
/// posting is a signal), e.g. `2026-03-01T03:12:00+00:00`.
///
/// # Errors
/// A policy that does not parse (with line and column), or an `at` that is not RFC 3339.
#[wasm_bindgen]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen passes optional strings from JavaScript as owned values"
)]
pub fn check(
    text: &str,
    policy_toml: Option<String>,
    at: Option<String>,
) -> Result<String, JsError> {
    check_json(text, policy_toml.as_deref(), at.as_deref()).map_err(|e| JsError::new(&e))
}

/// Checks that a policy file is valid, building the engine from it (and caching it); `undefined`
/// when it is, otherwise the reason with the line and column.
#[wasm_bindgen(js_name = policyError)]
#[must_use]
pub fn policy_error(policy_toml: &str) -> Option<String> {
    engine_for(Some(policy_toml)).err()
}

/// The version of the engine (the workspace version).
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

thread_local! {
    /// The last engine built, and the policy text it was built from.
    static CACHE: RefCell<Option<(String, Rc<Engine>)>> = const { RefCell::new(None) };
}

/// The engine for a policy, built once and cached while the policy text stays the same.
fn engine_for(policy_toml: Option<&str>) -> Result<Rc<Engine>, String> {
    let key = policy_toml.unwrap_or("");
    if let Some(engine) = CACHE.with_borrow(|c| {
        c.as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, e)| Rc::clone(e))
    }) {
        return Ok(engine);
    }
    let policy = match policy_toml {
        None => Policy::default(),
        Some(src) => Policy::from_toml(src).map_err(|e| format!("invalid policy: {e}"))?,
    };
    let engine = Rc::new(Engine::new(&policy).map_err(|e| format!("invalid policy: {e}"))?);
    CACHE.with_borrow_mut(|c| *c = Some((key.to_string(), Rc::clone(&engine))));
    Ok(engine)
}

/// What [`check`] does, callable from native Rust (tests, benches): the report as JSON with
/// UTF-16 spans.
///
/// # Errors
/// A policy that does not parse, or an `at` that is not RFC 3339.
pub fn check_json(
    text: &str,
    policy_toml: Option<&str>,
    at: Option<&str>,
) -> Result<String, String> {
    let at: Option<DateTime<FixedOffset>> = at
        .map(|s| {
            DateTime::parse_from_rfc3339(s)
                .map_err(|e| format!("`at` is not an RFC 3339 time ({e}): {s:?}"))
        })
        .transpose()?;
    let engine = engine_for(policy_toml)?;
    let report = engine.check(text, at);
    Ok(to_json16(text, &report))
}

/// The report as JSON, each finding carrying `start16`/`end16` after the CLI's fields.
#[must_use]
pub fn to_json16(text: &str, report: &Report) -> String {
    let offsets: Vec<usize> = report
        .findings
        .iter()
        .flat_map(|f| [f.start, f.end])
        .collect();
    let utf16 = utf16_offsets(text, &offsets);
    let out = Report16 {
        verdict: report.verdict,
        findings: report
            .findings
            .iter()
            .zip(utf16.chunks_exact(2))
            .map(|(finding, span)| Finding16 {
                finding,
                start16: span[0],
                end16: span[1],
            })
            .collect(),
        redacted: &report.redacted,
        raise_concern: report.raise_concern,
    };
    // Serialising plain structs of strings, numbers and enums into a String cannot fail.
    serde_json::to_string(&out).unwrap_or_default()
}

/// [`Report`] with UTF-16 spans. Its fields mirror `Report`'s, in the same order; the test
/// `json_matches_cli` fails if they drift apart.
#[derive(Serialize)]
struct Report16<'a> {
    verdict: Verdict,
    findings: Vec<Finding16<'a>>,
    redacted: &'a str,
    raise_concern: bool,
}

#[derive(Serialize)]
struct Finding16<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    start16: usize,
    end16: usize,
}

/// Converts byte offsets into `text` to UTF-16 code-unit offsets, in one pass over the text.
///
/// An offset inside a character (the engine never produces one) rounds up to the end of that
/// character; one past the end maps to the UTF-16 length.
#[must_use]
pub fn utf16_offsets(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for i in order {
        while let Some(&(byte, c)) = chars.peek() {
            if byte >= offsets[i] {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out[i] = units;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_utf16(text: &str, byte: usize, expected: usize) {
        assert_eq!(
            utf16_offsets(text, &[byte]),
            vec![expected],
            "{text:?} at byte {byte}"
        );
    }

    #[test]
    fn ascii_offsets_are_unchanged() {
        assert_utf16("hello", 0, 0);
        assert_utf16("hello", 3, 3);
        assert_utf16("hello", 5, 5);
    }

    #[test]
    fn astral_emoji_count_two_units() {
        // 😂 is 4 bytes in UTF-8 and a surrogate pair in UTF-16.
        assert_utf16("😂 Bob", 5, 3);
    }

    #[test]
    fn combining_marks_and_rtl_count_one_unit_each() {
        let text = "e\u{301}\u{5e9}\u{5dc} Bob"; // é as e + combining acute, then Hebrew
        assert_utf16(text, text.find("Bob").unwrap(), 5);
    }

    #[test]
    fn offsets_in_any_order_map_in_one_pass() {
        let text = "ab😂cd😂ef";
        assert_eq!(utf16_offsets(text, &[12, 0, 6, 2]), vec![8, 0, 4, 2]);
    }

    #[test]
    fn offset_inside_a_character_rounds_to_its_end() {
        assert_utf16("😂x", 2, 2);
    }

    #[test]
    fn spans_slice_the_same_text_in_utf16() {
        let text = "👩🏽‍⚕️ نحن Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin";
        let json: serde_json::Value =
            serde_json::from_str(&check_json(text, None, None).unwrap()).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let findings = json["findings"].as_array().unwrap();
        assert!(!findings.is_empty());
        let at =
            |f: &serde_json::Value, key: &str| usize::try_from(f[key].as_u64().unwrap()).unwrap();
        for f in findings {
            let (s, e, s16, e16) = (
                at(f, "start"),
                at(f, "end"),
                at(f, "start16"),
                at(f, "end16"),
            );
            assert_eq!(String::from_utf16(&units[s16..e16]).unwrap(), &text[s..e]);
        }
    }

    #[test]
    fn bad_policy_names_line_and_column() {
        let err = check_json("hi", Some("[organisation]\nnmae = \"x\"\n"), None).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(policy_error("[organisation]\nname = \"Metropolis\"\n").is_none());
    }

    #[test]
    fn bad_time_is_an_error() {
        assert!(check_json("hi", None, Some("yesterday")).is_err());
        assert!(check_json("hi", None, Some("2026-03-01T03:12:00+00:00")).is_ok());
    }

    #[test]
    fn engine_is_cached_per_policy_text() {
        let a = engine_for(Some("[organisation]\nname = \"A\"\n")).unwrap();
        let b = engine_for(Some("[organisation]\nname = \"A\"\n")).unwrap();
        assert!(Rc::ptr_eq(&a, &b));
        let c = engine_for(None).unwrap();
        assert!(!Rc::ptr_eq(&a, &c));
    }
}
