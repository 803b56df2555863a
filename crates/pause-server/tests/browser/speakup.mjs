// Browser tests of speaking up in `pause serve`, in Debian's headless Chromium (playwright-core
// drives the installed /usr/bin/chromium; no browser is ever downloaded).
//
//   PAUSE_BIN=target/debug/pause node speakup.mjs [--screenshots DIR]
//
// Starts `pause serve` on a fresh SQLite file with a key made by `pause speak-up keygen`,
// imports an org chart with `pause org import` and gives everyone a password with
// `pause users passwd`, then, as the people would: a member of staff raises a concern from the
// compose page (the draft goes across redacted), raises a confidential one that only the chain
// sees; someone not signed in raises an anonymous one and follows it with the receipt code and
// passphrase; the guardian and the line manager handle cases and the raisers see the answers;
// the guardian reads the oversight figures and downloads them; the admin reads the org chart.
// Any Content-Security-Policy violation, console error or page error fails the run.
// Screenshots (speak-up-*.png) go to docs/serve/ (or --screenshots DIR).

import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const dir = mkdtempSync(join(tmpdir(), "pause-speakup-"));
const db = `sqlite://${join(dir, "pause.db")}`;
const keyFile = join(dir, "speak-up.key");

// The organisation: a head of Pharmacy, a senior manager under them, a line manager under the
// senior manager, two members of staff under the line manager; the guardian and an admin.
const HEAD = "head.pharmacy@metropolis.nhs.uk";
const SENIOR = "senior@metropolis.nhs.uk";
const MANAGER = "manager@metropolis.nhs.uk";
const ANN = "ann@metropolis.nhs.uk";
const BEN = "ben@metropolis.nhs.uk";
const GUARDIAN = "guardian@metropolis.nhs.uk";
const ADMIN = "admin@metropolis.nhs.uk";
const ORG = [
  "email,role,manager,service,name",
  `${HEAD},head-of-service,,Pharmacy,Hana Head`,
  `${SENIOR},senior-manager,${HEAD},Pharmacy,Sam Senior`,
  `${MANAGER},line-manager,${SENIOR},Pharmacy,Lin Manager`,
  `${ANN},staff,${MANAGER},Pharmacy,Ann Staff`,
  `${BEN},staff,${MANAGER},Pharmacy,Ben Staff`,
  `${GUARDIAN},speak-up-guardian,,Freedom to Speak Up,Gail Guardian`,
  `${ADMIN},admin,,Digital,Adi Admin`,
  "",
].join("\n");
const PEOPLE = [HEAD, SENIOR, MANAGER, ANN, BEN, GUARDIAN, ADMIN];

function run(args, input) {
  const r = spawnSync(pause, args, { input, encoding: "utf8" });
  assert.equal(r.status, 0, `pause ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

function setUp() {
  run(["speak-up", "keygen", keyFile]);
  const csv = join(dir, "org.csv");
  writeFileSync(csv, ORG);
  const out = run(["org", "import", csv, "--database", db]);
  assert.match(out, /7 added/, out);
  for (const email of PEOPLE) run(["users", "passwd", email, "--database", db], PASSWORD + "\n");
}

function startServer() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      pause,
      ["serve", "--bind", "127.0.0.1:0", "--database", db, "--speak-up-key-file", keyFile, "--speak-up-every", "1"],
      { env: { ...process.env, RUST_LOG: "info", NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] }
    );
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

// Pages this run opens on purpose with a 404 answer (a case that is not the viewer's, a wrong
// passphrase): Chromium reports the status of such a page as a console error, which is expected
// there and nowhere else.
const expected404 = new Set();
// The same for a form refused on purpose (422: a program offered as a photo).
const expected422 = new Set();

function watch(page) {
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/status of 404/.test(msg.text()) && expected404.has(page.url())) return;
    if (/status of 422/.test(msg.text()) && expected422.has(page.url())) return;
    problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
}

async function signIn(page, base, email) {
  await page.goto(`${base}/login`);
  await page.fill("#email", email);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(/\/compose$/), page.click("button[type=submit]")]);
}

// A person's own browser: a context with one watched page, signed in unless `email` is null.
async function person(browser, base, email, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  watch(page);
  if (email) await signIn(page, base, email);
  return page;
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(button)]);
}

// The case number on the "Thank you for speaking up" page.
async function raisedCase(page) {
  assert.equal(await page.textContent("h1"), "Thank you for speaking up");
  const m = (await page.textContent("p.lede")).match(/case #(\d+)/);
  assert.ok(m, `no case number in: ${await page.textContent("p.lede")}`);
  return Number(m[1]);
}

const timelineText = (page) => page.textContent("ol.timeline");

// Opens an anonymous case with the receipt code and passphrase, as the raiser does.
async function follow(page, base, receipt, passphrase) {
  await page.goto(`${base}/concerns/follow`);
  await page.fill("#receipt", receipt);
  await page.fill("#passphrase", passphrase);
  await submit(page, "form[action='/concerns/follow'] button[type=submit]");
}

// Moves a case on with the button of `transition` (acknowledge, investigate, give-outcome...).
async function act(page, transition, note) {
  const form = page.locator(`form.act:has(button[data-transition="${transition}"])`);
  assert.equal(await form.count(), 1, `no "${transition}" button on ${page.url()}`);
  if (note !== undefined) await form.locator("[name=note]").fill(note);
  await Promise.all([page.waitForNavigation(), form.locator("button[type=submit]").click()]);
  assert.equal(await page.locator("p.error").count(), 0, await page.textContent("main"));
}

// Writes on a case page: a message, an action taken ("you said, we did") or an internal note.
async function write(page, text, kind) {
  const form = page.locator("section.write form");
  await form.locator("textarea[name=text]").fill(text);
  if (kind) await form.locator(`input[name=kind][value=${kind}]`).check();
  await Promise.all([page.waitForNavigation(), form.locator("button[type=submit]").click()]);
}

const DRAFT =
  "Mr Patel in bed 12 (NHS no 943 476 5919) fell again last night because there was one nurse for 28 patients. Unsafe staffing on ward 7 is putting patients at risk";
const CONFIDENTIAL =
  "The controlled drugs cupboard on ward 7 has been left unlocked on several night shifts this month and the register is not being signed.";
const ANONYMOUS =
  "A senior pharmacist shouts at junior staff in front of patients and tells them that anyone who complains will lose their shifts.";
const PASSPHRASE = "blue heron over the canal";
const GUARDIAN_MESSAGE = "Thank you for telling me. Which shifts does this happen on, and is it always the same person?";
const REPLY = "Mostly the Saturday late shift, and yes, always the same person.";
const ACTION = "The rota has been changed so that this pharmacist no longer supervises juniors on weekend shifts.";
const OUTCOME = "We looked into it and found your concern was justified. The pharmacist has been given formal feedback and is attending training; the team will be asked in three months whether things have improved.";
const MANAGER_MESSAGE = "I have spoken to the ward 7 matron; an extra nurse is on nights from Monday while we review the rota.";
const RECEIPT = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

setUp();
const { child, base } = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });

try {
  const ann = await person(browser, base, ANN);
  const manager = await person(browser, base, MANAGER);
  let openCase = null; // step 1
  let confidentialCase = null; // step 2
  let anonymousCase = null; // step 3
  let receipt = null; // step 3

  await step("staff raise a concern from the compose page: the draft goes across redacted", async () => {
    const page = ann;
    await page.goto(`${base}/compose`);
    await page.click("#draft");
    await page.keyboard.type(DRAFT, { delay: 2 });
    await page.waitForSelector("#concern:not([hidden])");
    // The link carries the answer about the whole draft, not an earlier part of it.
    await page.waitForFunction(() => decodeURIComponent(document.querySelector("#raise").href).endsWith("at risk"));
    await Promise.all([page.waitForURL(/\/concerns\/new/), page.click("#raise")]);
    await page.waitForFunction(() => document.querySelector("#text").value.length > 0);
    assert.equal(new URL(page.url()).hash, "", `the fragment is still in the address bar: ${page.url()}`);
    assert.equal(page.url(), `${base}/concerns/new`);
    const text = await page.inputValue("#text");
    assert.ok(!text.includes("943 476 5919") && !/Patel/.test(text), `identifiers not redacted: ${text}`);
    assert.match(text, /Unsafe staffing on ward 7 is putting patients at risk/);
    assert.match(text, /\[NHS number\]/);
    assert.equal(await page.inputValue("#category"), "patient-safety");
    await page.check('input[name=identity][value="open"]');
    assert.ok(await page.isHidden("#anonymous"), "the passphrase fields are hidden for an open concern");
    assert.ok(await page.isChecked('input[name=recipient][value="line-manager"]'));
    await page.screenshot({ path: join(shots, "speak-up-raise.png"), fullPage: true });
    await submit(page, "form.raise button[type=submit]");
    openCase = await raisedCase(page);
    await Promise.all([page.waitForURL(new RegExp(`/concerns/${openCase}$`)), page.getByRole("link", { name: "See the case", exact: true }).click()]);
    assert.match(await page.textContent("h1"), new RegExp(`^Case #${openCase}: Patient safety`));
    assert.match(await page.textContent("section.concern-text"), /Unsafe staffing on ward 7/);
    assert.doesNotMatch(await page.textContent("main"), /943 476 5919/);
    assert.match(await page.textContent("p.meta"), /Raised/);
    assert.match(await page.textContent("p.meta"), new RegExp(`with ${MANAGER.replace(/\./g, "\\.")}`));
  });

  await step("a confidential concern: the line manager sees the name, the head of service gets 404", async () => {
    const page = ann;
    await page.goto(`${base}/concerns/new`);
    assert.ok(await page.isChecked('input[name=identity][value="confidential"]'), "confidential is the default");
    await page.selectOption("#category", "patient-safety");
    await page.fill("#text", CONFIDENTIAL);
    await page.fill("#name", "Ann Staff");
    await submit(page, "form.raise button[type=submit]");
    confidentialCase = await raisedCase(page);

    await manager.goto(`${base}/concerns/${confidentialCase}`);
    const meta = await manager.textContent("main p.meta >> nth=1");
    assert.match(meta, /Raised by: Ann Staff \(ann@metropolis\.nhs\.uk\)/);
    assert.match(meta, /confidential/);
    assert.match(await manager.textContent("section.concern-text"), /controlled drugs cupboard/);

    const head = await person(browser, base, HEAD);
    const url = `${base}/concerns/${confidentialCase}`;
    expected404.add(url);
    const res = await head.goto(url);
    assert.equal(res.status(), 404);
    assert.equal(await head.textContent("h1"), "Not Found");
    assert.doesNotMatch(await head.textContent("body"), /Ann Staff|controlled drugs/);
    await head.context().close();
  });

  await step("not signed in: raise an anonymous concern to the guardian, get a receipt code", async () => {
    const page = await person(browser, base, null);
    await page.goto(`${base}/concerns/new`);
    assert.ok(await page.isChecked('input[name=identity][value="anonymous"]'));
    assert.ok(await page.isDisabled('input[name=identity][value="open"]'));
    assert.ok(await page.isChecked('input[name=recipient][value="guardian"]'));
    assert.ok(await page.isVisible("#passphrase"));
    await page.selectOption("#category", "bullying-harassment");
    await page.fill("#text", ANONYMOUS);
    await page.fill("#passphrase", PASSPHRASE);
    await page.fill("#passphrase_again", PASSPHRASE);
    await submit(page, "form.raise button[type=submit]");
    assert.equal(await page.textContent("h1"), "Thank you for speaking up");
    receipt = (await page.textContent("#receipt")).trim();
    assert.match(receipt, RECEIPT);
    await page.screenshot({ path: join(shots, "speak-up-receipt.png"), fullPage: true });

    await Promise.all([page.waitForURL(/\/concerns\/follow$/), page.getByRole("link", { name: "Follow the case", exact: true }).click()]);
    await follow(page, base, receipt, PASSPHRASE);
    const h1 = await page.textContent("h1");
    const m = h1.match(/^Case #(\d+): Bullying or harassment/);
    assert.ok(m, h1);
    anonymousCase = Number(m[1]);
    assert.match(await page.textContent("section.concern-text"), /shouts at junior staff/);
    assert.match(await page.textContent("main"), /You raised this concern/);

    expected404.add(`${base}/concerns/follow`);
    await follow(page, base, receipt, "not my passphrase at all");
    assert.match(await page.textContent("p.error"), /That receipt code and passphrase do not open a case/);
    assert.equal(await page.locator("section.concern-text").count(), 0);
    await page.context().close();
  });

  await step("the guardian and the anonymous raiser talk; the raiser sees the outcome", async () => {
    assert.ok(anonymousCase && receipt, "needs the anonymous case of the step before");
    const guardian = await person(browser, base, GUARDIAN);
    await Promise.all([guardian.waitForURL(/\/notifications$/), guardian.click("nav >> text=Notifications")]);
    const notice = guardian.locator(`ul.notifications li.unread:has(a[href="/concerns/${anonymousCase}"])`);
    assert.equal(await notice.count(), 1, await guardian.textContent("main"));
    assert.match(await notice.textContent(), /A concern has been sent to you/);
    await Promise.all([guardian.waitForURL(new RegExp(`/concerns/${anonymousCase}$`)), notice.locator("a").click()]);
    assert.match(await guardian.textContent("main"), /Raised by: an anonymous member of staff/);
    await act(guardian, "acknowledge");
    assert.match(await guardian.textContent("p.meta"), /Acknowledged/);
    await write(guardian, GUARDIAN_MESSAGE);
    assert.match(await timelineText(guardian), /Thank you for telling me/);

    const raiser = await person(browser, base, null);
    await follow(raiser, base, receipt, PASSPHRASE);
    assert.match(await timelineText(raiser), /Which shifts does this happen on/);
    assert.match(await raiser.textContent("p.meta"), /Acknowledged/);
    await write(raiser, REPLY);
    assert.match(await timelineText(raiser), /Saturday late shift/);

    await guardian.goto(`${base}/notifications`);
    const reply = guardian.locator(`ul.notifications li.unread:has(a[href="/concerns/${anonymousCase}"])`);
    assert.match(await reply.textContent(), /New message/, await guardian.textContent("main"));
    await Promise.all([guardian.waitForURL(new RegExp(`/concerns/${anonymousCase}$`)), reply.locator("a").click()]);
    assert.match(await timelineText(guardian), /Anonymous raiser · wrote\s*Mostly the Saturday late shift/);
    await write(guardian, ACTION, "action");
    assert.match(await timelineText(guardian), /recorded an action taken[\s\S]*no longer supervises juniors/);
    await act(guardian, "give-outcome", OUTCOME);
    assert.match(await guardian.textContent("p.meta"), /Outcome given/);
    assert.match(await guardian.textContent("section.outcome"), /found your concern was justified/);

    await follow(raiser, base, receipt, PASSPHRASE);
    assert.match(await raiser.textContent("section.outcome"), /found your concern was justified/);
    assert.match(await timelineText(raiser), /no longer supervises juniors/);
    assert.match(await raiser.textContent("p.meta"), /Outcome given/);
    await raiser.screenshot({ path: join(shots, "speak-up-outcome.png"), fullPage: true });
    await raiser.context().close();
    await guardian.context().close();
  });

  await step("the line manager handles the open case; the raiser sees it on their case page", async () => {
    assert.ok(openCase, "needs the open case of step 1");
    await Promise.all([manager.waitForURL(/\/notifications$/), manager.click("nav >> text=Notifications")]);
    const notice = manager.locator(`ul.notifications li:has(a[href="/concerns/${openCase}"])`);
    assert.equal(await notice.count(), 1, await manager.textContent("main"));
    await Promise.all([manager.waitForURL(new RegExp(`/concerns/${openCase}$`)), notice.locator("a").click()]);
    assert.match(await manager.textContent("main"), /Raised by: ann@metropolis\.nhs\.uk · open/, "named once (no name given: the e-mail)");
    await act(manager, "acknowledge");
    await act(manager, "investigate", "Reviewing the ward 7 night rota");
    assert.match(await manager.textContent("p.meta"), /Being investigated/);
    await write(manager, MANAGER_MESSAGE);
    assert.match(await timelineText(manager), /an extra nurse is on nights/);
    await manager.screenshot({ path: join(shots, "speak-up-case.png"), fullPage: true });

    // The raiser finds the case from the speak-up page's list of the concerns they raised.
    await ann.goto(`${base}/compose`);
    await Promise.all([ann.waitForURL(/\/speak-up$/), ann.click("nav >> text=Speak up")]);
    const row = ann.locator(`table.cases tr:has(a[href="/concerns/${openCase}"])`);
    assert.equal(await row.count(), 1, await ann.textContent("main"));
    assert.match(await row.textContent(), /Patient safety[\s\S]*Being investigated/);
    await Promise.all([ann.waitForURL(new RegExp(`/concerns/${openCase}$`)), row.locator("a").click()]);
    assert.match(await ann.textContent("p.meta"), /Being investigated/);
    const timeline = await timelineText(ann);
    assert.match(timeline, /acknowledged it/);
    assert.match(timeline, /started investigating/);
    assert.match(timeline, /an extra nurse is on nights/);
    await ann.goto(`${base}/notifications`);
    assert.match(await ann.textContent("ul.notifications"), /Your concern is being investigated/);
  });

  await step("the raiser attaches a photo; its location is gone; the handler downloads it", async () => {
    assert.ok(openCase, "needs the open case of step 1");
    // A JPEG whose EXIF names a place and whose comment names the photographer.
    const seg = (marker, text) => {
      const body = Buffer.from(text, "latin1");
      const len = Buffer.alloc(2);
      len.writeUInt16BE(body.length + 2);
      return Buffer.concat([Buffer.from([0xff, marker]), len, body]);
    };
    const photo = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      seg(0xe0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"),
      seg(0xe1, "Exif\0\0GPS 53.4808N 2.2426W"),
      seg(0xfe, "Taken by Ann Staff"),
      seg(0xda, "\x01\x01\0\0\x3f\0"),
      Buffer.from([0x12, 0x34, 0x56, 0x78, 0xff, 0xd9]),
    ]);
    await ann.goto(`${base}/concerns/${openCase}`);
    await ann.setInputFiles("#file", { name: "ward7-rota.jpg", mimeType: "image/jpeg", buffer: photo });
    await Promise.all([ann.waitForURL(new RegExp(`/concerns/${openCase}$`)), ann.click("form.upload button[type=submit]")]);
    assert.match(await ann.textContent("section.files"), /ward7-rota\.jpg · image\/jpeg/);
    await manager.goto(`${base}/concerns/${openCase}`);
    const link = manager.locator("section.files a", { hasText: "ward7-rota.jpg" });
    const response = await manager.request.get(new URL(await link.getAttribute("href"), base).toString());
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-disposition"], /^attachment;/);
    const body = Buffer.from(await response.body());
    assert.ok(body.includes(Buffer.from([0x12, 0x34, 0x56, 0x78])), "the picture itself");
    assert.ok(!body.includes(Buffer.from("GPS")) && !body.includes(Buffer.from("Ann Staff")), "no place, no photographer");
    // A program is refused, saying what is accepted.
    expected422.add(`${base}/concerns/${openCase}/files`);
    await ann.setInputFiles("#file", { name: "rota.jpg", mimeType: "image/jpeg", buffer: Buffer.from("MZ\x90\x00\x03\x00", "latin1") });
    await ann.click("form.upload button[type=submit]");
    await ann.waitForSelector("p.error");
    assert.match(await ann.textContent("p.error"), /only PDF documents, PNG or JPEG images and plain text/);
  });

  await step("the guardian reads the oversight figures and downloads them", async () => {
    const guardian = await person(browser, base, GUARDIAN);
    await Promise.all([guardian.waitForURL(/\/speak-up\/oversight$/), guardian.click("nav >> text=Oversight")]);
    assert.equal(await guardian.textContent("h1"), "Speak-up oversight");
    const figures = await guardian.$$eval("dl.figures dt", (dts) =>
      Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))
    );
    assert.equal(figures["Cases"], "3", JSON.stringify(figures));
    assert.equal(figures["Open"], "3", JSON.stringify(figures));
    assert.equal(figures["Overdue"], "0", JSON.stringify(figures));
    assert.match(figures["Time to acknowledge"], /days \(median\)/);
    const themes = await guardian.$$eval("table.figures:first-of-type tbody tr", (trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent))
    );
    assert.deepEqual(
      Object.fromEntries(themes),
      { "Patient safety": "2", "Bullying or harassment": "1" },
      JSON.stringify(themes)
    );
    await guardian.screenshot({ path: join(shots, "speak-up-oversight.png"), fullPage: true });

    const [download] = await Promise.all([guardian.waitForEvent("download"), guardian.getByRole("link", { name: "Download as CSV" }).click()]);
    assert.equal(download.suggestedFilename(), "speak-up-quarters.csv");
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.trim().split("\n");
    assert.match(lines[0], /^quarter,total,anonymous,/);
    assert.equal(lines.length, 2, csv);
    assert.match(lines[1], /^[^,]+,3,1,/, csv);
    const res = await guardian.request.get(`${base}/speak-up/oversight.csv`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()["content-type"], /^text\/csv/);
    assert.equal(await res.text(), csv);
    await guardian.context().close();
  });

  await step("the admin sees the imported org chart", async () => {
    const admin = await person(browser, base, ADMIN);
    await Promise.all([admin.waitForURL(/\/org$/), admin.click("nav >> text=Org chart")]);
    assert.equal(await admin.textContent("h1"), "Organisation chart");
    const people = await admin.$$eval("table.org tbody tr", (trs) =>
      trs.map((tr) => ({
        email: tr.cells[0].textContent,
        role: tr.querySelector("select[name=role]").value,
        manager: tr.querySelector("select[name=manager]").selectedOptions[0].textContent,
        service: tr.querySelector("input[name=service]").value,
      }))
    );
    const byEmail = Object.fromEntries(people.map((p) => [p.email, p]));
    assert.deepEqual(Object.keys(byEmail).sort(), [...PEOPLE].sort());
    assert.deepEqual(byEmail[ANN], { email: ANN, role: "staff", manager: MANAGER, service: "Pharmacy" });
    assert.deepEqual(byEmail[MANAGER], { email: MANAGER, role: "line-manager", manager: SENIOR, service: "Pharmacy" });
    assert.deepEqual(byEmail[HEAD], { email: HEAD, role: "head-of-service", manager: "(none)", service: "Pharmacy" });
    assert.equal(byEmail[GUARDIAN].role, "speak-up-guardian");
    const services = await admin.$$eval("main table:not(.org) tbody tr", (trs) =>
      trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent])
    );
    assert.ok(services.some(([s, h]) => s === "Pharmacy" && h === HEAD), JSON.stringify(services));
    await admin.context().close();
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
