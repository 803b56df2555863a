// The WebAssembly build gives the same findings as the native engine on the whole corpus:
// every post of tests/corpus/*.jsonl goes through extension/pkg/pause_wasm_bg.wasm (the
// artefact the extension ships, run here in Node) and through `pause check --jsonl`, with the
// built-in defaults and with examples/policy.toml. The JSON must be identical once the two
// UTF-16 fields are set aside, and those must slice the same text as the byte spans.
//
// Needs extension/build.sh to have run, and PAUSE_BIN (default: the debug build of pause-cli).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const pkg = join(here, "..", "pkg");
const bin = process.env.PAUSE_BIN || join(process.env.CARGO_TARGET_DIR || join(root, "target"), "debug", "pause");

export function loadWasm() {
  // wasm-bindgen's no-modules output defines one global, wasm_bindgen, as in a content script.
  const wasm_bindgen = new Function(`${readFileSync(join(pkg, "pause_wasm.js"), "utf8")}\nreturn wasm_bindgen;`)();
  wasm_bindgen.initSync({ module: readFileSync(join(pkg, "pause_wasm_bg.wasm")) });
  return wasm_bindgen;
}

const corpusDir = join(root, "tests", "corpus");
const input = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .map((f) => readFileSync(join(corpusDir, f), "utf8"))
  .join("");
const posts = input.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

function cli(args) {
  // Exit status 1 means "some draft paused": expected here.
  try {
    return execFileSync(bin, ["check", "--jsonl", ...args], { input, maxBuffer: 1 << 28 }).toString();
  } catch (e) {
    if (e.status === 1) return e.stdout.toString();
    throw e;
  }
}

for (const [name, policyArgs, policyToml] of [
  ["built-in defaults", [], undefined],
  ["examples/policy.toml", ["--policy", join(root, "examples", "policy.toml")], readFileSync(join(root, "examples", "policy.toml"), "utf8")],
]) {
  test(`the wasm build matches \`pause check --jsonl\` on every corpus post (${name})`, () => {
    const wasm = loadWasm();
    const native = cli(policyArgs).split("\n").filter((l) => l);
    assert.equal(native.length, posts.length);
    assert.ok(posts.length > 1000, `only ${posts.length} posts`);
    let findings = 0;
    for (const [i, post] of posts.entries()) {
      const fromWasm = JSON.parse(wasm.check(post.text, policyToml, post.at));
      const bytes = Buffer.from(post.text, "utf8");
      for (const f of fromWasm.findings) {
        assert.equal(post.text.slice(f.start16, f.end16), bytes.subarray(f.start, f.end).toString("utf8"), `${post.id}: ${f.rule}`);
        delete f.start16;
        delete f.end16;
        findings++;
      }
      const fromCli = JSON.parse(native[i]);
      assert.deepEqual(fromCli.id, post.id);
      delete fromCli.id;
      // Same values and the same key order: compare the serialised text.
      assert.equal(JSON.stringify(fromWasm), JSON.stringify(fromCli), `post ${post.id}`);
    }
    assert.ok(findings > 500, `only ${findings} findings compared`);
  });
}

test("a bad policy is an Error naming the line", () => {
  const wasm = loadWasm();
  assert.throws(() => wasm.check("hi", "[organisation]\nnmae = 1\n", undefined), /line 2/);
  assert.match(wasm.policyError("[rules]\nno-such-rule = { enabled = false }\n"), /no-such-rule/);
  assert.equal(wasm.policyError(readFileSync(join(root, "examples", "policy.toml"), "utf8")), undefined);
});
