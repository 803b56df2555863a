//! Checks every corpus post many times, for profilers (`valgrind --tool=callgrind`, `perf`).
//! `cargo run --release -p pause-core --example profile -- tests/corpus/*.jsonl`

fn main() {
    let policy = match std::env::var("POLICY") {
        Ok(path) => {
            pause_core::Policy::from_toml(&std::fs::read_to_string(path).expect("policy file"))
                .expect("valid policy")
        }
        Err(_) => pause_core::Policy::example(),
    };
    let engine = pause_core::Engine::new(&policy).expect("engine builds");
    let mut posts = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines() {
            // The corpus is JSON Lines; take the text field without a JSON dependency.
            if let Some(i) = line.find("\"text\": \"") {
                let rest = &line[i + 9..];
                if let Some(j) = rest.find("\", \"") {
                    posts.push(rest[..j].to_string());
                }
            }
        }
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let start = std::time::Instant::now();
    let mut flagged = 0usize;
    for _ in 0..rounds {
        for p in &posts {
            flagged += usize::from(engine.check(p, None).verdict == pause_core::Verdict::Pause);
        }
    }
    let n = rounds * posts.len();
    let per = start.elapsed().as_secs_f64() / n as f64;
    println!("{n} checks, {flagged} paused, {:.2} µs per post", per * 1e6);
}
