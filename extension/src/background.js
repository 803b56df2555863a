// The background worker runs the engine (pause-wasm) for the content scripts, and keeps the only
// thing Pause ever counts: how often someone chose "Post anyway", with the categories, rule ids
// and their one-word reason. No text, no site, no user id. The counts stay on this device unless
// the organisation set a counts URL in the options (and the person granted that one origin).
//
// Drafts reach this worker by the extension's own messaging and go no further: nothing here
// stores, logs or sends them.
"use strict";
if (typeof wasm_bindgen === "undefined" && typeof importScripts === "function") {
  importScripts("/pkg/pause_wasm.js"); // Chromium's service worker; Firefox lists it in manifest.json
}
const api = globalThis.browser || globalThis.chrome;

const engine = (() => {
  const t0 = performance.now();
  let loadMs = null;
  let buildMs = null;
  let policy = null;
  const policyLoaded = api.storage.local.get("settings").then(({ settings }) => {
    policy = (settings && settings.policyToml) || undefined;
  });
  const ready = wasm_bindgen({ module_or_path: api.runtime.getURL("pkg/pause_wasm_bg.wasm") })
    .then(() => {
      loadMs = performance.now() - t0;
      return policyLoaded;
    })
    .then(() => {
      const t1 = performance.now();
      build();
      buildMs = performance.now() - t1;
    });
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.settings) policy = (changes.settings.newValue && changes.settings.newValue.policyToml) || undefined;
  });
  /** Builds (or takes from the cache) the engine for the policy; a bad policy falls back to defaults. */
  function build() {
    const err = policy ? wasm_bindgen.policyError(policy) : undefined;
    if (err) policy = undefined;
    wasm_bindgen.check("", policy, undefined); // builds the engine now, not on the first draft
    return err;
  }
  return {
    ready,
    get loadMs() { return loadMs; },
    get buildMs() { return buildMs; },
    check(text, at) {
      const t = performance.now();
      let json;
      try {
        json = wasm_bindgen.check(text, policy, at);
      } catch (e) {
        // Only a policy that stopped parsing can get here: check with the defaults, say so.
        const err = String(e && e.message ? e.message : e);
        policy = undefined;
        json = wasm_bindgen.check(text, undefined, at);
        return { json, ms: performance.now() - t, warning: err };
      }
      return { json, ms: performance.now() - t };
    },
  };
})();

api.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!msg || sender.id !== api.runtime.id) return false;
  if (msg.type === "ready") {
    engine.ready.then(() => reply({ loadMs: engine.loadMs, buildMs: engine.buildMs }), (e) => reply({ error: String(e) }));
    return true;
  }
  if (msg.type === "check" && typeof msg.text === "string") {
    engine.ready.then(() => reply(engine.check(msg.text, typeof msg.at === "string" ? msg.at : undefined)), (e) => reply({ error: String(e) }));
    return true;
  }
  if (msg.type === "posted-anyway") {
    record(msg).catch(() => {});
  }
  return false;
});

async function record({ reason, categories, rules }) {
  const clean = (xs) => (Array.isArray(xs) ? xs.filter((x) => typeof x === "string" && /^[a-z-]{1,40}$/.test(x)).slice(0, 20) : []);
  const event = {
    went_ahead: true,
    verdict: "pause",
    reason: typeof reason === "string" ? reason.slice(0, 30) : "",
    categories: clean(categories),
    rules: clean(rules),
  };
  const { counts = { postedAnyway: 0, reasons: {}, categories: {} }, settings = {} } = await api.storage.local.get(["counts", "settings"]);
  counts.postedAnyway += 1;
  counts.reasons[event.reason] = (counts.reasons[event.reason] || 0) + 1;
  for (const c of event.categories) counts.categories[c] = (counts.categories[c] || 0) + 1;
  await api.storage.local.set({ counts });
  if (settings.countsUrl) {
    await fetch(settings.countsUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  }
}
