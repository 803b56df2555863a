//! The JSON that JavaScript gets is the CLI's JSON, byte for byte, plus `start16`/`end16`.
//! (The same check against the built `.wasm`, over the whole corpus, is
//! `extension/tests/corpus.mjs`, run by `extension/test.sh`.)

use pause_core::{Engine, Policy};

fn without_utf16(json: &str) -> String {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    for f in value["findings"].as_array_mut().unwrap() {
        let f = f.as_object_mut().unwrap();
        assert!(f.remove("start16").is_some() && f.remove("end16").is_some());
    }
    value.to_string()
}

#[test]
fn json_matches_cli() {
    let engine = Engine::new(&Policy::default()).unwrap();
    let posts = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .collect::<Vec<_>>()
        });
    let mut n = 0;
    for post in posts {
        let text = post["text"].as_str().unwrap();
        let at = post["at"].as_str();
        let native = engine.check(
            text,
            at.map(|s| chrono::DateTime::parse_from_rfc3339(s).unwrap()),
        );
        let ours = pause_wasm::check_json(text, None, at).unwrap();
        // Key order is part of "the same JSON": compare the strings, not just the values.
        let cli: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&native).unwrap()).unwrap();
        assert_eq!(without_utf16(&ours), cli.to_string(), "post {}", post["id"]);
        n += 1;
    }
    assert!(n > 1000, "only {n} posts read");
}
