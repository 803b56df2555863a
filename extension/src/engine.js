// The engine, in the page's content-script world: pause-wasm loaded once per page, and a check()
// that never throws (a draft is either checked or, if the engine is unavailable, let through).
"use strict";
var PauseEngine = (() => {
  const timings = { loadMs: null, firstCheckMs: null };
  let state = "idle"; // idle | loading | ready | failed
  let error = null;
  let loading = null;

  /** Starts loading the WebAssembly module (once); resolves when it can check. */
  function load() {
    if (!loading) {
      state = "loading";
      const t0 = performance.now();
      const url = chrome.runtime.getURL("pkg/pause_wasm_bg.wasm");
      loading = wasm_bindgen({ module_or_path: url }).then(
        () => {
          timings.loadMs = performance.now() - t0;
          state = "ready";
        },
        (e) => {
          state = "failed";
          error = String(e && e.message ? e.message : e);
        },
      );
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
   * Checks a draft now (synchronously). Returns the report (the CLI's JSON plus start16/end16 on
   * every finding), or null when the engine is not loaded or failed: callers let the post go.
   * A policy that does not parse falls back to the built-in defaults and is reported.
   */
  function check(text, policyToml) {
    if (state !== "ready") return null;
    const at = localTime();
    const t0 = performance.now();
    let json;
    try {
      json = wasm_bindgen.check(text, policyToml || undefined, at);
    } catch (e) {
      error = `policy: ${e && e.message ? e.message : e}`;
      try {
        json = wasm_bindgen.check(text, undefined, at);
      } catch (e2) {
        error = String(e2);
        return null;
      }
    }
    if (timings.firstCheckMs === null) timings.firstCheckMs = performance.now() - t0;
    return JSON.parse(json);
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
