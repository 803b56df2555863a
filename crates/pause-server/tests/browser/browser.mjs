// Browser tests of `pause serve` in Debian's headless Chromium (playwright-core drives the
// installed /usr/bin/chromium; no browser is ever downloaded).
//
//   PAUSE_BIN=target/debug/pause node browser.mjs [--screenshots DIR]
//
// Starts `pause serve` on a fresh SQLite file, adds accounts with `pause users add`, then, as a
// person would: signs in, types a risky draft and sees the highlight and the verdict, redacts,
// copies with a reason, uses the page on a phone screen, completes a training scenario, and
// changes the policy as comms and sees it enforced. Any Content-Security-Policy violation or
// page error fails the run. Screenshots go to docs/serve/ (or --screenshots DIR).

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../../..");
const pause = resolve(process.env.PAUSE_BIN || join(repo, "target/debug/pause"));
const shotsArg = process.argv.indexOf("--screenshots");
const shots = resolve(shotsArg > 0 ? process.argv[shotsArg + 1] : join(repo, "docs/serve"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const PASSWORD = "correct horse battery staple";

mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "pause-browser-"));
const db = `sqlite://${join(dir, "pause.db")}`;

function addUser(email, role, extra = []) {
  const r = spawnSync(pause, ["users", "add", email, "--role", role, ...extra, "--database", db], {
    input: PASSWORD + "\n",
    encoding: "utf8",
  });
  assert.equal(r.status, 0, `pause users add ${email}: ${r.stderr}`);
}

function startServer() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(pause, ["serve", "--bind", "127.0.0.1:0", "--database", db], {
      env: { ...process.env, RUST_LOG: "info", NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    const timer = setTimeout(() => reject(new Error("pause serve did not start: " + log)), 60000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, base: m[1] });
      }
    });
    child.on("exit", (code) => reject(new Error(`pause serve exited ${code}: ${log}`)));
  });
}

let passed = 0;
let failed = 0;
const problems = [];

async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED - ${name}\n${e.stack || e}`);
  }
}

function watch(page) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
}

async function signIn(page, base, email) {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(/\/compose$/), page.click("button[type=submit]")]);
}

addUser("boss@metropolis.nhs.uk", "line-manager", ["--service", "Pharmacy"]);
addUser("ann@metropolis.nhs.uk", "staff", ["--manager", "boss@metropolis.nhs.uk", "--service", "Pharmacy"]);
addUser("comms@metropolis.nhs.uk", "comms", ["--service", "Communications"]);
for (const n of [1, 2, 3, 4]) {
  addUser(`pharmacist${n}@metropolis.nhs.uk`, "staff", ["--manager", "boss@metropolis.nhs.uk", "--service", "Pharmacy"]);
}
const { child, base } = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });

// An emoji (two UTF-16 units, four UTF-8 bytes) and accents before the identifiers, so that a
// wrong byte-to-index conversion would mark the wrong characters.
const RISKY =
  "👩‍⚕️ Café shift: Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk";

try {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await desktop.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await desktop.newPage();
  watch(page);

  await step("sign in and see the compose page", async () => {
    await signIn(page, base, "ann@metropolis.nhs.uk");
    assert.equal(await page.textContent("h1"), "Take a moment before you post");
  });

  await step("type a risky draft: spans highlighted exactly, verdict pause", async () => {
    await page.click("#draft");
    await page.keyboard.type(RISKY, { delay: 2 });
    await page.waitForSelector("#verdict.pause");
    const marks = await page.$$eval("#marked mark", (ms) => ms.map((m) => m.textContent));
    assert.ok(marks.includes("Mr Patel"), `marks: ${JSON.stringify(marks)}`);
    assert.ok(marks.some((m) => m.includes("943 476 5919")), `marks: ${JSON.stringify(marks)}`);
    const text = await page.textContent("#marked");
    assert.equal(text, RISKY, "the marked copy is the draft, character for character");
    assert.match(await page.textContent("#verdict"), /^Pause: \d+ things? to look at/);
    const findings = await page.$$eval("#findings li", (ls) => ls.length);
    assert.ok(findings >= 3, `${findings} findings`);
    assert.ok(await page.isVisible("#concern"), "the raise-a-concern panel is offered");
    await page.screenshot({ path: join(shots, "compose.png"), fullPage: true });
  });

  await step("redact identifiers in one click", async () => {
    await page.click("#redact");
    await page.waitForFunction(() => document.querySelector("#draft").value.includes("[NHS number]"));
    const value = await page.inputValue("#draft");
    assert.ok(!value.includes("943 476 5919") && !value.includes("Mr Patel"), value);
    await page.waitForFunction(
      () => !document.querySelector("#marked").textContent.includes("943 476 5919")
    );
    await page.screenshot({ path: join(shots, "compose-redacted.png"), fullPage: true });
  });

  await step("copy anyway with a reason; the draft reaches the clipboard", async () => {
    await page.waitForSelector("#verdict.pause");
    await page.click("#copy");
    await page.waitForSelector("#reasons:not([hidden])");
    await page.check('input[name=reason][value="checked"]');
    await page.click("#copyanyway");
    await page.waitForSelector("#copied:not([hidden])");
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, await page.inputValue("#draft"));
  });

  await step("a harmless draft is fine to post", async () => {
    await page.fill("#draft", "So proud of our pharmacy team for getting the new allergy checks live this week!");
    await page.waitForSelector("#verdict.post");
    assert.match(await page.textContent("#verdict"), /^Fine to post/);
  });

  await step("works on a phone screen", async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    watch(p);
    await signIn(p, base, "ann@metropolis.nhs.uk");
    await p.fill("#draft", "Sarah on ward 7 is the laziest nurse I have ever worked with, a total waste of space");
    await p.waitForSelector("#verdict.pause");
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await p.screenshot({ path: join(shots, "compose-phone.png"), fullPage: true });
    await phone.close();
  });

  await step("complete a training scenario", async () => {
    await page.goto(`${base}/training/s01`);
    await page.click("button[value=raise]");
    await page.waitForSelector(".result-right");
    assert.equal(await page.textContent("#training-verdict"), "Pause");
    assert.ok((await page.$$("mark")).length >= 1);
    await page.screenshot({ path: join(shots, "training.png"), fullPage: true });
    await page.goto(`${base}/training`);
    assert.match(await page.textContent("main"), /completed 1 of/);
  });

  await step("guidance page", async () => {
    await page.goto(`${base}/guidance/patient-confidentiality`);
    assert.match(await page.textContent("h1"), /Patient confidentiality/);
    await page.screenshot({ path: join(shots, "guidance.png") });
  });

  await step("comms changes the policy; the compose page enforces it at once", async () => {
    const comms = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await comms.newPage();
    watch(p);
    await signIn(p, base, "comms@metropolis.nhs.uk");
    await p.goto(`${base}/policy`);
    await p.fill("#name", "Metropolis NHS Trust");
    await p.fill("#aliases", "Metropolis General\nMGH");
    await p.fill("#handles", "@MetropolisNHS");
    await p.fill("#suppliers", "MediSupply Ltd");
    await p.fill("#confidential", "Nightjar");
    await p.selectOption('select[name="setting:swearing"]', "low");
    await p.fill("#note", "Nightjar is confidential until launch");
    await Promise.all([p.waitForURL(/saved=\d+/), p.click("#policy-form button[type=submit]")]);
    assert.match(await p.textContent(".notice"), /Saved as version \d+/);
    await p.screenshot({ path: join(shots, "policy.png") });
    await p.goto(`${base}/compose`);
    await p.fill("#draft", "Nightjar goes live for the whole pharmacy team next month");
    await p.waitForSelector("#findings li");
    assert.match(await p.textContent("#findings"), /confidential-term/);
    // Outcomes as the compose page reports them (rule ids only), for the insight page.
    const outcomes = await p.evaluate(async () => {
      const csrf = document.querySelector('meta[name="csrf-token"]').content;
      const send = (body) =>
        fetch("/api/v1/outcomes", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify(body),
        }).then((r) => r.status);
      const statuses = [];
      const plan = [
        [14, { verdict: "post", rules: [], went_ahead: true }],
        [8, { verdict: "pause", rules: ["patient-name", "nhs-number"], went_ahead: false }],
        [6, { verdict: "pause", rules: ["employer-criticism"], went_ahead: true, reason: "checked" }],
        [5, { verdict: "pause", rules: ["insult"], went_ahead: false }],
        [5, { verdict: "pause", rules: ["swearing"], went_ahead: true, reason: "false-alarm" }],
      ];
      for (const [n, body] of plan) for (let i = 0; i < n; i++) statuses.push(await send(body));
      return statuses;
    });
    assert.ok(outcomes.every((s) => s === 204), JSON.stringify(outcomes));
    // What the browser extension fetches with the person's session, and its anonymous counts.
    const api = await p.evaluate(async () => {
      const policy = await fetch("/api/v1/policy", { credentials: "include" });
      const event = await fetch("/api/v1/events", {
        method: "POST",
        credentials: "omit",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ went_ahead: true, verdict: "pause", reason: "approved", categories: ["confidential-information"], rules: ["confidential-term"] }),
      });
      return { status: policy.status, toml: await policy.text(), event: event.status };
    });
    assert.equal(api.status, 200);
    assert.match(api.toml, /Nightjar/);
    assert.equal(api.event, 204);
    await p.goto(`${base}/insight`);
    assert.match(await p.textContent("main"), /Pharmacy/);
    assert.match(await p.textContent("h1"), /Insight/);
    assert.equal(await p.locator("#training-chart").count(), 1);
    await p.screenshot({ path: join(shots, "insight.png"), fullPage: true });
    await comms.close();
  });

  await step("comms uploads a policy file", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    watch(p);
    await signIn(p, base, "comms@metropolis.nhs.uk");
    await p.goto(`${base}/policy`);
    await p.setInputFiles("#policy-file", resolve(here, "..", "..", "..", "..", "examples", "policy.toml"));
    await p.fill("#upload-note", "the example policy, uploaded");
    await Promise.all([p.waitForURL(/saved=\d+/), p.click("#policy-upload button[type=submit]")]);
    assert.match(await p.textContent(".notice"), /Saved as version \d+/);
    assert.match(await p.textContent("main"), /the example policy, uploaded/);
    await ctx.close();
  });

  await step("the line manager sees the team's training", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const p = await ctx.newPage();
    watch(p);
    await signIn(p, base, "boss@metropolis.nhs.uk");
    await p.goto(`${base}/training/team`);
    assert.match(await p.textContent("main"), /ann@metropolis\.nhs\.uk/);
    await ctx.close();
  });

  await step("no Content-Security-Policy violations or script errors", async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close();
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
