// The options page: sites on/off (with each adapter's health), sensitivity, cooling-off, the
// organisation's policy (imported from a file or fetched from the organisation's service, and
// validated by the engine before it is saved), the speak-up and counts URLs, and the engine's
// measured speed on this device.
"use strict";
const api = globalThis.browser || globalThis.chrome;
const $ = (id) => document.getElementById(id);
const DEFAULTS = { sites: {}, sensitivity: "standard", coolingOff: true, policyToml: "", policySource: "", speakUpUrl: "", countsUrl: "" };

// The same drafts as `cargo bench -p pause-core --bench check`.
const TYPICAL = "Long day on the ward. Huge thanks to Jo and Priya in the dispensary for sorting the TTOs so fast, and to the night team for the handover. Reminder: flu jab clinic in the canteen 9-5 tomorrow! #NHS #pharmacy #teamwork Kettle on, feet up.";
const RISKY = "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! Cutbacks at our trust are putting patients at risk and management couldn't care less. F*** this place";

let settings = { ...DEFAULTS };
const engine = (async () => {
  const t0 = performance.now();
  await wasm_bindgen({ module_or_path: "../pkg/pause_wasm_bg.wasm" });
  return performance.now() - t0;
})();

async function save(patch) {
  settings = { ...settings, ...patch };
  await api.storage.local.set({ settings });
}

function status(el, text, ok) {
  el.textContent = text;
  el.className = `status ${ok ? "ok" : "error"}`;
}

function ago(ms) {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleDateString();
}

async function renderSites() {
  const { health = {} } = await api.storage.local.get("health");
  const list = $("sites");
  list.replaceChildren();
  for (const a of PauseAdapters.all) {
    const li = document.createElement("li");
    li.dataset.site = a.id;
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = settings.sites[a.id] !== false;
    box.addEventListener("change", () => save({ sites: { ...settings.sites, [a.id]: box.checked } }));
    label.append(box, ` ${a.name}`);
    const h = document.createElement("span");
    const rec = health[a.id];
    h.className = `health ${rec ? rec.status : ""}`;
    h.dataset.health = rec ? rec.status : "unknown";
    h.textContent = !rec
      ? "not seen yet"
      : rec.status === "ok"
        ? `working (${rec.host}, ${ago(rec.at)})`
        : `not working on ${rec.host} (${ago(rec.at)}): ${rec.reason}. Posting is not blocked there; an update to Pause will fix it.`;
    li.append(label, h);
    list.append(li);
  }
}

async function renderInstances() {
  const list = $("instances");
  list.replaceChildren();
  let scripts = [];
  try {
    scripts = await api.scripting.getRegisteredContentScripts();
  } catch (_) {
    return;
  }
  for (const s of scripts.filter((s) => s.id.startsWith("mastodon:"))) {
    const li = document.createElement("li");
    const rm = document.createElement("button");
    rm.type = "button";
    rm.textContent = "Remove";
    rm.addEventListener("click", async () => {
      await api.scripting.unregisterContentScripts({ ids: [s.id] });
      await api.permissions.remove({ origins: s.matches });
      renderInstances();
    });
    li.append(`${s.id.slice("mastodon:".length)} `, rm);
    list.append(li);
  }
}

$("instance-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const host = $("instance").value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return;
  const origins = [`https://${host}/*`];
  if (!(await api.permissions.request({ origins }))) return;
  const manifest = api.runtime.getManifest();
  await api.scripting.registerContentScripts([{ id: `mastodon:${host}`, matches: origins, js: manifest.content_scripts[0].js, runAt: "document_idle" }]);
  $("instance").value = "";
  renderInstances();
});

async function usePolicy(toml, source) {
  const el = $("policy-status");
  await engine;
  const err = wasm_bindgen.policyError(toml);
  if (err) {
    status(el, `Not saved: ${err}`, false);
    return false;
  }
  await save({ policyToml: toml, policySource: source });
  status(el, `Saved: ${source}. It applies to the next draft you check.`, true);
  renderPolicy();
  return true;
}

function renderPolicy() {
  $("policy-source").textContent = settings.policyToml ? settings.policySource || "a policy file" : "the built-in defaults";
}

$("policy-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  await usePolicy(await file.text(), `${file.name}, imported ${new Date().toLocaleDateString()}`);
  e.target.value = "";
});

$("policy-reset").addEventListener("click", async () => {
  await save({ policyToml: "", policySource: "" });
  status($("policy-status"), "Using the built-in defaults.", true);
  renderPolicy();
});

/**
 * An https address; the organisation's `pause serve` address alone (no path) means its route
 * `path` (`/api/v1/policy` for the policy, `/api/v1/events` for the counts).
 */
function serviceUrl(text, path) {
  const url = new URL(text.trim());
  if (url.protocol !== "https:") throw new Error("the address must start with https://");
  if (url.pathname === "/" && !url.search) url.pathname = path;
  return url;
}

$("policy-url-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const el = $("policy-status");
  let url;
  try {
    url = serviceUrl($("policy-url").value, "/api/v1/policy");
  } catch (err) {
    status(el, `Not fetched: ${err.message}`, false);
    return;
  }
  if (!(await api.permissions.request({ origins: [`${url.origin}/*`] }))) {
    status(el, "Not fetched: permission to reach that address was not given.", false);
    return;
  }
  try {
    // The person's session with the service goes with it (the policy may name codenames, so
    // the service answers only people signed in); the host permission lets the cookie through.
    const res = await fetch(url, { credentials: "include", cache: "no-store", redirect: "error" });
    if (res.status === 401) throw new Error(`sign in to ${url.origin} in this browser first, then fetch again`);
    if (!res.ok) throw new Error(`the service answered ${res.status}`);
    await usePolicy(await res.text(), `${url.host}, fetched ${new Date().toLocaleDateString()}`);
  } catch (err) {
    status(el, `Not fetched: ${err.message}`, false);
  }
});

$("org-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  let speakUpUrl = $("speak-up-url").value.trim();
  let countsUrl = $("counts-url").value.trim();
  for (const u of [speakUpUrl, countsUrl]) {
    if (u && !/^https:\/\//.test(u)) {
      status($("org-status"), "Addresses must start with https://", false);
      return;
    }
  }
  try {
    if (countsUrl) countsUrl = serviceUrl(countsUrl, "/api/v1/events").href;
    // A Pause service's address alone means its raise page.
    if (speakUpUrl && new URL(speakUpUrl).pathname === "/") speakUpUrl = new URL("/concerns/new", speakUpUrl).href;
  } catch (err) {
    status($("org-status"), `Not saved: ${err.message}`, false);
    return;
  }
  $("counts-url").value = countsUrl;
  $("speak-up-url").value = speakUpUrl;
  if (countsUrl && !(await api.permissions.request({ origins: [`${new URL(countsUrl).origin}/*`] }))) {
    status($("org-status"), "Not saved: permission to reach the counts address was not given.", false);
    return;
  }
  await save({ speakUpUrl, countsUrl });
  status($("org-status"), "Saved.", true);
});

document.querySelectorAll('input[name="sensitivity"]').forEach((r) => r.addEventListener("change", () => save({ sensitivity: r.value })));
$("cooling-off").addEventListener("change", (e) => save({ coolingOff: e.target.checked }));

/** Times the engine on this device: module load, first check (builds the engine), then checks. */
async function measure() {
  const dl = $("diag");
  const row = (k, v, id) => {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    if (id) dd.dataset.measure = id;
    dl.append(dt, dd);
  };
  dl.replaceChildren();
  const loadMs = await engine;
  const { perf, counts } = await api.storage.local.get(["perf", "counts"]);
  row("Engine version", wasm_bindgen.version());
  row("WebAssembly module load (this page)", `${loadMs.toFixed(1)} ms`, "load-ms");
  if (perf && perf.loadMs != null) {
    row("Engine start for the sites (module load, then build)", `${perf.loadMs.toFixed(1)} ms + ${perf.buildMs.toFixed(1)} ms`, "site-load-ms");
  }
  if (perf && perf.lastCheck) {
    const c = perf.lastCheck;
    row("Last check on a site (engine / with messaging)", `${(c.engineMs * 1000).toFixed(0)} µs / ${c.roundTripMs.toFixed(1)} ms for ${c.chars} characters`, "site-check");
  }
  const policy = settings.policyToml || undefined;
  let t0 = performance.now();
  wasm_bindgen.check(TYPICAL, policy, undefined);
  row("Building the engine (first check)", `${(performance.now() - t0).toFixed(1)} ms`, "build-ms");
  const time = (text, n) => {
    for (let i = 0; i < 20; i++) wasm_bindgen.check(text, policy, undefined);
    const t = performance.now();
    for (let i = 0; i < n; i++) JSON.parse(wasm_bindgen.check(text, policy, undefined));
    return (performance.now() - t) / n;
  };
  row("Checking a typical 280-character draft", `${(time(TYPICAL, 500) * 1000).toFixed(0)} µs`, "check-typical-us");
  row("Checking a risky draft", `${(time(RISKY, 500) * 1000).toFixed(0)} µs`, "check-risky-us");
  if (counts) $("counts").textContent = `On this device you chose "Post anyway" ${counts.postedAnyway} time${counts.postedAnyway === 1 ? "" : "s"}.`;
}

(async () => {
  const s = await api.storage.local.get("settings");
  settings = { ...DEFAULTS, ...(s.settings || {}) };
  document.querySelectorAll('input[name="sensitivity"]').forEach((r) => (r.checked = r.value === settings.sensitivity));
  $("cooling-off").checked = settings.coolingOff;
  $("speak-up-url").value = settings.speakUpUrl;
  $("counts-url").value = settings.countsUrl;
  renderPolicy();
  await renderSites();
  renderInstances();
  await measure();
  document.body.dataset.ready = "true";
})();
api.storage.onChanged.addListener((c) => {
  if (c.health) renderSites();
});
