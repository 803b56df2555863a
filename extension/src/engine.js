// The engine, as the content script sees it: a client of the background worker, where the
// WebAssembly module runs. (A content script cannot compile WebAssembly on a page whose Content
// Security Policy forbids it, which the real sites' policies do; the extension's own worker runs
// under the extension's CSP, which allows 'wasm-unsafe-eval'.) Checks are asynchronous and never
// throw: a draft is either checked or, when the engine cannot answer, let through.
"use strict";
var PauseEngine = (() => {
  const api = globalThis.browser || globalThis.chrome;
  const timings = { loadMs: null, buildMs: null, lastCheck: null };
  let state = "idle"; // idle | loading | ready | failed
  let error = null;
  let loading = null;

  /** Wakes the worker and waits until its engine is built; resolves either way. */
  function load() {
    if (!loading || state === "failed") {
      state = "loading";
      loading = api.runtime.sendMessage({ type: "ready" }).then(
        (r) => {
          if (!r || r.error) throw new Error(r ? r.error : "no answer from the extension's worker");
          timings.loadMs = r.loadMs;
          timings.buildMs = r.buildMs;
          state = "ready";
        },
      ).catch((e) => {
        state = "failed";
        error = String(e && e.message ? e.message : e);
      });
    }
    return loading;
  }

  /** The time now as RFC 3339 with the local offset (3am is 3am where the person is). */
  function localTime(d = new Date()) {
    const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
    const off = -d.getTimezoneOffset();
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
      `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
      `${off >= 0 ? "+" : "-"}${pad(off / 60)}:${pad(off % 60)}`
    );
  }

  /**
   * Checks a draft: resolves to the report (the CLI's JSON plus start16/end16 on every finding),
   * or null when the engine cannot answer (callers then let the post go).
   */
  async function check(text) {
    const t0 = performance.now();
    try {
      const r = await api.runtime.sendMessage({ type: "check", text, at: localTime() });
      if (!r || r.error) {
        error = r ? r.error : "no answer from the extension's worker";
        return null;
      }
      timings.lastCheck = { chars: text.length, engineMs: r.ms, roundTripMs: performance.now() - t0 };
      return JSON.parse(r.json);
    } catch (e) {
      error = String(e && e.message ? e.message : e);
      return null;
    }
  }

  return {
    load,
    check,
    localTime,
    timings,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
  };
})();
