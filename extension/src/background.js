// The background worker keeps the only thing Pause ever counts: how often someone chose "Post
// anyway", with the categories, rule ids and their one-word reason. No text, no site, no user id.
// The counts stay on this device unless the organisation set a counts URL in the options (and the
// person granted that one origin); then each count is also sent there.
"use strict";
const api = globalThis.browser || globalThis.chrome;

api.runtime.onMessage.addListener((msg, sender) => {
  if (!msg || msg.type !== "posted-anyway" || sender.id !== api.runtime.id) return;
  record(msg).catch(() => {});
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
