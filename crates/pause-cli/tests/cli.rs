//! The `pause` binary run as a user would.

use assert_cmd::Command;

fn pause() -> Command {
    Command::cargo_bin("pause").expect("binary built")
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_risky_draft_pauses_with_exit_1_and_explains() {
    let out = pause()
        .args(["check", "Mr Patel in bed 12 is refusing his warfarin again"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("patient-name"), "{text}");
    assert!(text.contains("why:"), "{text}");
    assert!(text.contains("instead:"), "{text}");
    assert!(text.contains("pause:"), "{text}");
}

#[test]
fn a_clean_draft_posts_with_exit_0() {
    let out = pause()
        .args(["check", "Well done Jo and Priya on passing your exams!"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Fine to post"));
}

#[test]
fn json_output_has_the_documented_shape_and_byte_spans() {
    let text = "Can anyone chase bloods for NHS no 943 476 5919?";
    let out = pause()
        .args(["check", "--format", "json", text])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "pause");
    assert_eq!(v["raise_concern"], false);
    let f = &v["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "message",
        "why",
        "policy",
        "suggestion",
    ] {
        assert!(f.get(key).is_some(), "missing {key} in {f}");
    }
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "943 476 5919");
    assert_eq!(
        v["redacted"],
        "Can anyone chase bloods for NHS no [NHS number]?"
    );
}

#[test]
fn stdin_and_dash_are_read() {
    let out = pause()
        .args(["check", "-", "--format", "json"])
        .write_stdin("Absolutely fuming, f*** this")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn jsonl_streams_results_with_ids_and_reports_bad_lines_by_number() {
    let input = "{\"id\": 1, \"text\": \"Well done Jo!\"}\nnot json\n{\"id\": \"b\", \"text\": \"MRN 00482913 please\", \"extra\": true}\n";
    let out = pause()
        .args(["check", "--jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["verdict"], "post");
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["verdict"], "pause");
    assert!(String::from_utf8(out.stderr).unwrap().contains("line 2"));
}

#[test]
fn jsonl_strict_stops_at_the_first_bad_line() {
    let out = pause()
        .args(["check", "--jsonl", "--strict"])
        .write_stdin("{\"id\":1,\"text\":\"hi\"}\n{oops\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("line 2"));
}

#[test]
fn an_invalid_policy_names_line_and_column_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("pause-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bad.toml");
    std::fs::write(&p, "[organisation]\nname = \"X\"\nnmae = \"Y\"\n").unwrap();
    let out = pause()
        .args(["check", "--policy", p.to_str().unwrap(), "hello"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 3, column 1"), "{err}");
}

#[test]
fn non_utf8_input_is_a_clear_error() {
    let out = pause()
        .args(["check", "-"])
        .write_stdin(vec![b'h', b'i', 0xff, b'!'])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("not valid UTF-8 (first bad byte at offset 2)"));
}

#[test]
fn empty_input_is_fine_to_post() {
    let out = pause()
        .args(["check", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_policy_turns_public_contacts_off_and_names_the_employer() {
    let policy = repo("examples/policy.toml");
    let out = pause()
        .args([
            "check",
            "--policy",
            &policy,
            "--format",
            "json",
            "Staff cutbacks at Metropolis NHS Trust are putting patient care at risk",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "pause");
    assert_eq!(v["raise_concern"], true);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["category"] == "organisation-reputation"));
}

#[test]
fn redact_replaces_identifiers() {
    let out = pause()
        .args(["redact", "Mr Patel in bed 12, NHS no 943 476 5919"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[patient name] in bed 12, NHS no [NHS number]\n"
    );
}

#[test]
fn rules_lists_every_rule_with_its_clause() {
    let out = pause().args(["rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("nhs-number") && text.contains("R01"),
        "{text}"
    );
}

#[test]
fn docs_rules_md_is_current() {
    let out = pause().args(["docs"]).output().unwrap();
    let generated = String::from_utf8(out.stdout).unwrap();
    let committed = std::fs::read_to_string(repo("docs/rules.md")).unwrap();
    assert!(
        generated == committed,
        "docs/rules.md is stale: run `cargo run -p pause-cli -- docs > docs/rules.md`"
    );
}

#[test]
fn a_10_mb_post_is_checked() {
    let big = "Lovely day on the ward, thanks team. ".repeat(10 * 1024 * 1024 / 37);
    let out = pause()
        .args(["check", "-", "--format", "json"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// Snapshot of what a person sees on a terminal (no colour when not a terminal).
#[test]
fn human_output_snapshot() {
    let out = pause()
        .env("NO_COLOR", "1")
        .args(["check", "--policy", &repo("examples/policy.toml"), "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk"])
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

/// Snapshot of the JSON every other surface (service, extension, audit) consumes.
#[test]
fn json_output_snapshot() {
    let out = pause()
        .args([
            "check",
            "--format",
            "json",
            "--policy",
            &repo("examples/policy.toml"),
            "Use my code PHARM20 for 20% off these vitamins, DM me for your dose",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}

/// The recall of `category` in `pause eval`'s table.
fn recall_of(table: &str, category: &str) -> f64 {
    table
        .lines()
        .find(|l| l.starts_with(category))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("no {category} row in:\n{table}"))
}

#[test]
fn cross_validated_eval_judges_each_post_with_a_model_that_never_saw_it() {
    // In name order, as the shell's glob in scripts/test gives them (the folds follow it).
    let mut corpus: Vec<String> = std::fs::read_dir(repo("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".jsonl"))
        .collect();
    corpus.sort();
    let eval = |extra: &[&str]| {
        let out = pause()
            .args([
                "eval",
                "--no-thresholds",
                "--policy",
                &repo("examples/policy.toml"),
            ])
            .args(extra)
            .args(&corpus)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    // The shipped model was trained on this corpus: as built, it finds every labelled post.
    let as_built = eval(&[]);
    let cross = eval(&["--cross-validate"]);
    let (seen, unseen) = (
        recall_of(&as_built, "organisation-reputation"),
        recall_of(&cross, "organisation-reputation"),
    );
    assert!(seen > 0.99, "{as_built}");
    assert!(
        unseen < seen - 0.05,
        "seen {seen}, out of fold {unseen}\n{cross}"
    );
    assert!(cross.contains("false alarms:"), "{cross}");
}

#[test]
fn cross_validated_eval_with_the_learned_rules_off_is_the_rules_alone() {
    let corpus = repo("tests/corpus/behaviour.jsonl");
    let rules_only = repo("tests/rules-only.toml");
    let run = |extra: &[&str]| {
        let out = pause()
            .args([
                "eval",
                "--no-thresholds",
                "--errors",
                "--policy",
                &rules_only,
            ])
            .args(extra)
            .arg(&corpus)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let cross = run(&["--cross-validate"]);
    assert_eq!(cross, run(&[]));
    assert!(!cross.contains("out of fold"), "{cross}");
}
