// End-to-end: the unpacked extension in real headless Chromium (Debian's), on local pages that
// reproduce each site's compose markup (tests/pages/), served on 127.0.0.1 under the sites' own
// host names. Needs extension/build.sh (pkg/) and npm ci (playwright-core, react).
//
// Screenshots of the panel on each site go to docs/extension/; the figures measured in the
// browser go to extension/test-results/measurements.json and are printed.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { start, SITES } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const EXT = resolve(here, "..");
const SHOTS = resolve(here, "..", "..", "docs", "extension");
const RESULTS = resolve(here, "..", "test-results");

const RISKY = "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk and management couldn't care less. F*** this place";
const CLEAN = "Long day on the ward. Huge thanks to Jo and Priya in the dispensary for sorting the TTOs so fast, and to the night team for the handover. Reminder: flu jab clinic in the canteen 9-5 tomorrow! #NHS #pharmacy #teamwork Kettle on, feet up.";
const HEATED = "Absolutely furious right now!!! Handing my notice in tomorrow, they can all get lost";
// Emoji (a ZWJ sequence with a skin tone: 7 UTF-16 units), Hebrew (right to left) and a combining
// accent before the findings: the highlights must still cover exactly the right characters.
const MIXED = "👩🏽‍⚕️ שלום חברים! Cafe\u0301 break over 😤 Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin";

// How each test site is driven: where to type, what to click.
const DRIVE = {
  x: { host: "x.com", box: '[data-testid="tweetTextarea_0"]', send: '[data-testid="tweetButtonInline"]' },
  mastodon: { host: "mastodon.social", box: "textarea.autosuggest-textarea__textarea", send: '.compose-form__submit button[type="submit"]' },
  bluesky: { host: "bsky.app", box: ".ProseMirror", send: '[data-testid="composerPublishBtn"]' },
  linkedin: { host: "www.linkedin.com", box: ".ql-editor", send: "button.share-actions__primary-action" },
  facebook: { host: "www.facebook.com", box: '[aria-label="What\'s on your mind, Alex?"]', send: '[role="button"][aria-label="Post"]' },
};

let ctx;
let server;
let worker;
let extensionId;
const measured = {};

before(async () => {
  const s = await start();
  server = s.server;
  // The sites, and an organisation's speak-up page (answered with a 404: only its address matters).
  const rules = [...Object.keys(SITES), "speak-up.trust.example"].map((h) => `MAP ${h} 127.0.0.1:${s.port}`);
  rules.push("MAP * ~NOTFOUND", "EXCLUDE 127.0.0.1");
  const profile = mkdtempSync(join(tmpdir(), "pause-chromium-"));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: false, // the new headless mode, which loads extensions, is asked for in args
    ignoreHTTPSErrors: true,
    viewport: { width: 1000, height: 760 },
    ignoreDefaultArgs: ["--disable-extensions"],
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
      "--disable-component-update", `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`,
      `--host-resolver-rules=${rules.join(", ")}`,
    ],
  });
  worker = ctx.serviceWorkers()[0] || (await ctx.waitForEvent("serviceworker", { timeout: 15000 }));
  extensionId = new URL(worker.url()).host;
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
});

after(async () => {
  if (Object.keys(measured).length) {
    writeFileSync(join(RESULTS, "measurements.json"), `${JSON.stringify(measured, null, 2)}\n`);
    console.log("measured in the browser:", JSON.stringify(measured, null, 2));
  }
  await ctx?.close();
  server?.close();
});

async function settings(patch) {
  await worker.evaluate(async (p) => {
    const { settings = {} } = await chrome.storage.local.get("settings");
    await chrome.storage.local.set({ settings: { ...settings, ...p } });
  }, patch);
}

/** Opens a test site and waits until the content script has loaded the engine there. */
async function open(site, path = "/", box = DRIVE[site].box) {
  const d = DRIVE[site];
  const since = Date.now();
  const page = await ctx.newPage();
  await page.goto(`https://${d.host}${path}`);
  await page.locator(box).waitFor();
  await waitFor(async () => {
    const { perf } = await worker.evaluate(() => chrome.storage.local.get("perf"));
    return perf && perf.host === d.host && perf.at >= since - 1000 ? perf : null;
  }, `the engine to load on ${d.host}`);
  return page;
}

async function waitFor(fn, what, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function type(page, site, text) {
  const box = page.locator(DRIVE[site].box);
  await box.click();
  await page.keyboard.insertText(text); // one input event, as a paste
}

const posts = (page) => page.evaluate(() => window.__posts);
const panel = (page) => page.locator("pause-panel [data-pause=panel]");
const marks = (page) => page.locator("pause-panel mark").evaluateAll((ms) => ms.map((m) => ({ rule: m.dataset.rule, text: m.textContent })));

for (const site of Object.keys(DRIVE)) {
  test(`${site}: a risky draft is paused; Edit returns; Post anyway posts once; a clean draft goes through`, async () => {
    await settings({ sensitivity: "standard", sites: {}, speakUpUrl: "https://speak-up.trust.example/raise" });
    const page = await open(site);
    const d = DRIVE[site];
    await type(page, site, RISKY);
    await page.click(d.send);
    await panel(page).waitFor();
    assert.deepEqual(await posts(page), [], "the site's handler must not have run");
    const m = await marks(page);
    assert.ok(m.some((x) => x.rule === "nhs-number" && x.text === "943 476 5919"), JSON.stringify(m));
    assert.ok(m.some((x) => x.rule === "patient-name" && x.text.includes("Patel")), JSON.stringify(m));
    await page.waitForTimeout(150); // let the panel settle before the picture
    await page.screenshot({ path: join(SHOTS, `${site}-panel.png`) });

    await page.locator("pause-panel [data-pause=edit]").click();
    await panel(page).waitFor({ state: "detached" });
    assert.deepEqual(await posts(page), []);
    assert.ok(await page.locator(d.box).evaluate((b) => b === document.activeElement || b.contains(document.activeElement)), "Edit puts the person back in the compose box");

    await page.click(d.send);
    await panel(page).waitFor();
    await page.locator("pause-panel [data-pause=post-anyway]").click();
    await page.locator("pause-panel [data-pause=reason]").fill("two words");
    await page.locator("pause-panel [data-pause=confirm]").click();
    await panel(page).waitFor(); // still open: one word only
    await page.locator("pause-panel [data-pause=reason]").fill("approved");
    await page.locator("pause-panel [data-pause=confirm]").click();
    await panel(page).waitFor({ state: "detached" });
    await page.waitForTimeout(300);
    const sent = await posts(page);
    assert.equal(sent.length, 1, "the site's handler ran exactly once");
    assert.match(sent[0], /NHS no 943 476 5919/);

    await type(page, site, CLEAN);
    await page.click(d.send);
    await page.waitForTimeout(200);
    assert.equal(await panel(page).count(), 0, "no panel for a clean draft");
    assert.equal((await posts(page)).length, 2);
    assert.match((await posts(page))[1], /flu jab clinic/);
    await page.close();
  });
}

test("Raise it internally instead opens the organisation's speak-up page, and nothing is posted", async () => {
  await settings({ speakUpUrl: "https://speak-up.trust.example/raise" });
  const page = await open("x");
  await type(page, "x", RISKY);
  await page.click(DRIVE.x.send);
  const opened = ctx.waitForEvent("page");
  await page.locator("pause-panel [data-pause=raise]").click();
  const speakUp = await opened;
  await waitFor(() => speakUp.url() !== "about:blank", "the speak-up page's address");
  const url = new URL(speakUp.url());
  assert.equal(url.origin + url.pathname + url.search, "https://speak-up.trust.example/raise", "nothing in the path or query");
  const carried = new URLSearchParams(url.hash.slice(1));
  assert.equal(carried.get("category"), "patient-safety");
  const text = carried.get("text") || "";
  assert.ok(text.includes("[NHS number]"), `the redacted draft, in the fragment only: ${text}`);
  assert.ok(!/943\s*476\s*5919/.test(text), "no NHS number leaves the page");
  await speakUp.close();
  assert.deepEqual(await posts(page), []);
  await settings({ speakUpUrl: "" });
  await page.close();
});

test("the indicator says clear or pause while typing (debounced)", async () => {
  const page = await open("x");
  const pill = page.locator("pause-indicator [data-pause=indicator]");
  await page.locator(DRIVE.x.box).click();
  await page.keyboard.type("Lovely sunny walk to work today", { delay: 5 });
  await waitFor(async () => (await pill.count()) && (await pill.getAttribute("data-state")) === "clear", "indicator: clear");
  await page.keyboard.type(" but Mr Patel in bed 12 is refusing his warfarin again", { delay: 5 });
  await waitFor(async () => (await pill.getAttribute("data-state")) === "pause", "indicator: pause");
  assert.match(await pill.textContent(), /to look at/);
  await page.screenshot({ path: join(SHOTS, "x-indicator.png"), clip: { x: 150, y: 0, width: 700, height: 240 } });
  await page.close();
});

test("Redact identifiers replaces them in the compose box, and nothing is posted", async () => {
  const page = await open("mastodon");
  await type(page, "mastodon", RISKY);
  await page.click(DRIVE.mastodon.send);
  await page.locator("pause-panel [data-pause=redact]").click();
  await panel(page).waitFor({ state: "detached" });
  const value = await page.locator(DRIVE.mastodon.box).inputValue();
  assert.match(value, /\[NHS number\]/);
  assert.doesNotMatch(value, /943 476 5919|Patel/);
  assert.deepEqual(await posts(page), []);
  // React's state followed the edit: the site posts the redacted text.
  await settings({ sensitivity: "relaxed" });
  await page.click(DRIVE.mastodon.send);
  await page.waitForTimeout(200);
  if (await panel(page).count()) {
    await page.locator("pause-panel [data-pause=post-anyway]").click();
    await page.locator("pause-panel [data-pause=reason]").fill("redacted");
    await page.locator("pause-panel [data-pause=confirm]").click();
  }
  await waitFor(async () => (await posts(page)).length === 1, "the post");
  assert.match((await posts(page))[0], /\[NHS number\]/);
  await settings({ sensitivity: "standard" });
  await page.close();
});

test("keyboard sends are paused too: Ctrl+Enter on Mastodon, Enter in a Facebook comment", async () => {
  const page = await open("mastodon");
  await type(page, "mastodon", RISKY);
  await page.keyboard.press("Control+Enter");
  await panel(page).waitFor();
  assert.deepEqual(await posts(page), []);
  await page.close();

  const fb = await open("facebook");
  const comment = fb.locator('[aria-label="Write a comment…"]');
  await comment.click();
  await fb.keyboard.insertText(RISKY);
  await fb.keyboard.press("Enter");
  await panel(fb).waitFor();
  assert.deepEqual(await posts(fb), []);
  await fb.locator("pause-panel [data-pause=post-anyway]").click();
  await fb.locator("pause-panel [data-pause=reason]").fill("agreed");
  await fb.locator("pause-panel [data-pause=confirm]").click();
  await waitFor(async () => (await posts(fb)).length === 1, "the comment");
  await fb.waitForTimeout(200);
  assert.equal((await posts(fb)).length, 1, "sent exactly once");
  await fb.close();
});

for (const site of ["x", "mastodon"]) {
  test(`${site}: emoji, right-to-left text and combining characters: highlights cover exactly the findings`, async () => {
    const page = await open(site);
    await type(page, site, MIXED);
    await page.click(DRIVE[site].send);
    await panel(page).waitFor();
    const m = await marks(page);
    const nhs = m.find((x) => x.rule === "nhs-number");
    assert.equal(nhs && nhs.text, "943 476 5919", JSON.stringify(m));
    const name = m.find((x) => x.rule === "patient-name");
    assert.ok(name && /^(Mr )?Patel/.test(name.text), JSON.stringify(m));
    // The panel shows the draft as typed, emoji and all.
    const shown = await page.locator("pause-panel [data-pause=draft]").textContent();
    assert.ok(shown.includes("👩🏽‍⚕️ שלום חברים! Cafe\u0301"), shown);
    await page.screenshot({ path: join(SHOTS, `${site}-mixed-scripts.png`) });
    await page.close();
  });
}

for (const site of ["x", "mastodon"]) {
  test(`${site}: a 20,000-character paste does not freeze the page`, async () => {
    const page = await open(site);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: "longtask", buffered: false });
    });
    let big = "";
    while (big.length < 20000) big += `${CLEAN} `;
    big = `${big.slice(0, 20000 - RISKY.length - 1)} ${RISKY}`;
    assert.equal(big.length, 20000);
    const t0 = Date.now();
    await type(page, site, big);
    // The debounced check runs; the page must keep answering.
    const pill = page.locator("pause-indicator [data-pause=indicator]");
    await waitFor(async () => (await pill.count()) && (await pill.getAttribute("data-state")) === "pause", "the check of the paste");
    const checked = Date.now() - t0;
    const t1 = Date.now();
    await page.click(DRIVE[site].send);
    await panel(page).waitFor();
    const toPanel = Date.now() - t1;
    const longest = await page.evaluate(() => window.__longest);
    measured[`paste_20k_${site}`] = { paste_to_indicator_ms: checked, click_to_panel_ms: toPanel, longest_task_ms: Math.round(longest) };
    assert.ok(toPanel < 2000, `the panel took ${toPanel} ms`);
    assert.ok(longest < 500, `a task blocked the page for ${longest} ms`);
    assert.deepEqual(await posts(page), []);
    await page.close();
  });
}

test("a broken adapter fails safe: the post goes through, and the options page says so", async () => {
  await worker.evaluate(() => chrome.storage.local.remove("health"));
  const page = await open("x", "/broken", '[data-testid="composerRichText_0"]');
  await page.locator('[data-testid="composerRichText_0"]').click();
  await page.keyboard.insertText(RISKY);
  await page.locator('[data-testid="postButton"]').click();
  await waitFor(async () => (await posts(page)).length === 1, "the post");
  assert.equal(await panel(page).count(), 0);
  await page.close();

  const options = await ctx.newPage();
  await options.goto(`chrome-extension://${extensionId}/options/options.html`);
  await options.locator("body[data-ready=true]").waitFor();
  const health = options.locator('[data-site="x"] .health');
  assert.equal(await health.getAttribute("data-health"), "broken");
  assert.match(await health.textContent(), /not working on x\.com.*Posting is not blocked/);
  await options.close();
});

test("wait 10 minutes holds a heat-of-the-moment post and says so if they try again", async () => {
  const page = await open("bluesky");
  await type(page, "bluesky", HEATED);
  await page.click(DRIVE.bluesky.send);
  await page.locator("pause-panel [data-pause=wait]").click();
  const pill = page.locator("pause-indicator [data-pause=indicator]");
  await waitFor(async () => (await pill.getAttribute("data-state")) === "hold", "the hold");
  assert.match(await pill.textContent(), /Waiting: 10 min/);
  await page.click(DRIVE.bluesky.send);
  await page.locator("pause-panel [data-pause=hold]").waitFor();
  assert.deepEqual(await posts(page), []);
  await page.close();
});

test("sensitivity and sites on/off come from the options", async () => {
  await settings({ sensitivity: "relaxed" });
  let page = await open("linkedin");
  await type(page, "linkedin", HEATED); // medium findings only
  await page.click(DRIVE.linkedin.send);
  await waitFor(async () => (await posts(page)).length === 1, "the post under relaxed sensitivity");
  await page.close();

  await settings({ sensitivity: "standard", sites: { linkedin: false } });
  page = await ctx.newPage();
  await page.goto("https://www.linkedin.com/");
  await type(page, "linkedin", RISKY);
  await page.click(DRIVE.linkedin.send);
  await waitFor(async () => (await posts(page)).length === 1, "the post with the site switched off");
  await page.close();
  await settings({ sites: {} });
});

test("options page: policy import is validated by the engine; speed measured in the browser", async () => {
  const page = await ctx.newPage();
  await page.goto(`chrome-extension://${extensionId}/options/options.html`);
  await page.locator("body[data-ready=true]").waitFor();
  const dir = mkdtempSync(join(tmpdir(), "pause-policy-"));
  writeFileSync(join(dir, "bad.toml"), "[organisation]\nnmae = \"Metropolis\"\n");
  await page.locator("#policy-file").setInputFiles(join(dir, "bad.toml"));
  await waitFor(async () => /Not saved: .*line 2/.test(await page.locator("#policy-status").textContent()), "the policy error");
  await page.locator("#policy-file").setInputFiles(resolve(EXT, "..", "examples", "policy.toml"));
  await waitFor(async () => /Saved: policy\.toml/.test(await page.locator("#policy-status").textContent()), "the policy saved");
  rmSync(dir, { recursive: true });

  // The organisation's policy is in force on the sites: its employer name is recognised.
  const { settings: s } = await worker.evaluate(() => chrome.storage.local.get("settings"));
  assert.match(s.policyToml, /Metropolis/);

  // A Pause service's address alone is taken to mean its raise page; other pages are kept.
  await page.fill("#speak-up-url", "https://pause.trust.example");
  await page.click("#org-form button[type=submit]");
  await waitFor(async () => /Saved/.test(await page.locator("#org-status").textContent()), "the speak-up address saved");
  assert.equal(await page.inputValue("#speak-up-url"), "https://pause.trust.example/concerns/new");
  await page.fill("#speak-up-url", "http://plain.example/raise");
  await page.click("#org-form button[type=submit]");
  await waitFor(async () => /https:/.test(await page.locator("#org-status").textContent()), "refused without https");
  await page.fill("#speak-up-url", "");
  await page.click("#org-form button[type=submit]");
  await waitFor(async () => /Saved/.test(await page.locator("#org-status").textContent()), "cleared");

  // Speed, measured in this browser: a fresh options page loads the module, builds the engine
  // and times checks of the same 280-character draft as the native bench.
  await page.reload();
  await page.locator("body[data-ready=true]").waitFor();
  const num = async (id) => parseFloat(await page.locator(`[data-measure=${id}]`).textContent());
  measured.wasm_load_ms = await num("load-ms");
  measured.engine_build_ms = await num("build-ms");
  measured.check_280_chars_us = await num("check-typical-us");
  measured.check_risky_us = await num("check-risky-us");
  const { perf } = await worker.evaluate(() => chrome.storage.local.get("perf"));
  measured.worker_wasm_load_ms = Math.round(perf.loadMs * 10) / 10;
  measured.worker_engine_build_ms = Math.round(perf.buildMs * 10) / 10;
  const wasm = readFileSync(join(EXT, "pkg", "pause_wasm_bg.wasm"));
  measured.wasm_bytes = wasm.length;
  measured.wasm_gzip_bytes = gzipSync(wasm, { level: 9 }).length;
  await page.screenshot({ path: join(SHOTS, "options.png"), fullPage: true });
  await settings({ policyToml: "", policySource: "" });
  assert.ok(measured.check_280_chars_us < 1000, `a 280-character check took ${measured.check_280_chars_us} µs`);
  assert.ok(measured.wasm_gzip_bytes < 2 * 1024 * 1024);
  await page.close();
});
