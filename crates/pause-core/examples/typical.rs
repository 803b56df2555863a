//! Checks the bench's typical 280-character post once to warm up, then N more times (`N`,
//! default 0; `TEXT` replaces the post), for counting instructions:
//! `N=2000 valgrind --tool=callgrind --toggle-collect=typical::checks` and divide by N.

const TYPICAL: &str = "Long day on the ward. Huge thanks to Jo and Priya in the dispensary for sorting the TTOs so fast, and to the night team for the handover. Reminder: flu jab clinic in the canteen 9-5 tomorrow! #NHS #pharmacy #teamwork Kettle on, feet up.";

fn main() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let text = std::env::var("TEXT").unwrap_or_else(|_| TYPICAL.to_string());
    let engine = pause_core::Engine::new(&pause_core::Policy::example()).expect("engine builds");
    // One check first, so the rules' lazily compiled regexes are built outside the loop.
    let mut paused = usize::from(engine.check(&text, None).verdict == pause_core::Verdict::Pause);
    paused += checks(&engine, &text, n);
    println!("{} checks, {paused} paused", n + 1);
}

/// The measured loop (`--toggle-collect=typical::checks` counts only this).
#[inline(never)]
fn checks(engine: &pause_core::Engine, text: &str, n: usize) -> usize {
    let mut paused = 0;
    for _ in 0..n {
        let report = engine.check(std::hint::black_box(text), None);
        paused += usize::from(report.verdict == pause_core::Verdict::Pause);
    }
    paused
}
