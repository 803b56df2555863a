// The content script: finds this site's adapter, watches its compose boxes, shows the indicator
// while the person types, and pauses a send (capture phase, before the site's own handlers) when
// the draft has findings at or above the chosen sensitivity.
//
// Fail safe, everywhere: if the adapter finds no compose box, the engine has not loaded, or
// anything here throws, the click goes through as if Pause were not installed, and what broke is
// recorded for the options page.
"use strict";
(() => {
  if (globalThis.__pauseContent) return;
  globalThis.__pauseContent = true;

  const DEFAULTS = {
    sites: {},
    sensitivity: "standard", // relaxed: high only; standard: medium and high; strict: all
    coolingOff: true,
    policyToml: "",
    speakUpUrl: "",
  };
  const COOLING_OFF_MS = 10 * 60 * 1000;
  const DEBOUNCE_MS = 250;

  let settings = { ...DEFAULTS };
  let adapter = null;
  let allowed = null; // the one element whose next click or key goes to the site ("Post anyway")
  let hold = null; // { box, until } while cooling off
  let lastHealth = null;
  let debounce = 0;
  let pending = false; // a send held while its draft is checked

  const SEVERITY = { low: 0, medium: 1, high: 2 };
  const threshold = () => ({ relaxed: 2, standard: 1, strict: 0 })[settings.sensitivity] ?? 1;

  function active() {
    return adapter !== null && settings.sites[adapter.id] !== false;
  }

  /** Records the adapter's health (only when it changes) for the options page. */
  function health(status, reason) {
    if (!adapter) return;
    const key = `${status}:${reason}`;
    if (key === lastHealth) return;
    lastHealth = key;
    try {
      chrome.storage.local.get("health").then(({ health: h = {} }) => {
        h[adapter.id] = { status, reason, host: location.hostname, at: Date.now() };
        return chrome.storage.local.set({ health: h });
      }).catch(() => {});
    } catch (_) {
      // The extension was reloaded under this page: nothing to record to.
    }
  }

  const isEditable = (e) => e instanceof HTMLTextAreaElement || (e instanceof HTMLElement && e.isContentEditable);

  /** The compose box an element is in (the outermost match), or null. */
  function composeOf(node) {
    if (!(node instanceof Element)) return null;
    let box = node.closest(adapter.compose);
    while (box && box.parentElement && box.parentElement.closest(adapter.compose)) box = box.parentElement.closest(adapter.compose);
    return box;
  }

  /** The compose boxes that belong with a send button: the nearest ancestor holding any. */
  function boxesFor(button) {
    let el = button.parentElement;
    for (let depth = 0; el && depth < 16; depth++, el = el.parentElement) {
      const boxes = [...el.querySelectorAll(adapter.compose)].filter((b) => composeOf(b) === b);
      if (boxes.length) return boxes;
    }
    return [];
  }

  /** The send button that belongs with a compose box, or null. */
  function buttonFor(box) {
    let el = box.parentElement;
    for (let depth = 0; el && depth < 16; depth++, el = el.parentElement) {
      const b = el.querySelector(adapter.send);
      if (b) return b;
    }
    return null;
  }

  function textOf(box) {
    return box instanceof HTMLTextAreaElement ? box.value : box.innerText;
  }

  /** Replaces a compose box's text the way typing would, so the site's editor state follows. */
  function setText(box, text) {
    box.focus();
    if (box instanceof HTMLTextAreaElement) {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
      setter.call(box, text);
      box.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    const range = document.createRange();
    range.selectNodeContents(box);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    if (!document.execCommand("insertText", false, text)) {
      box.textContent = text;
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
    }
  }

  /** The last report for each compose box, with the text it is for. */
  const reports = new WeakMap();
  const inFlight = new WeakMap();

  /**
   * Checks a box's draft through the engine (one request at a time per box; when it returns and
   * the text has changed meanwhile, once more). Resolves to { text, report } or null.
   */
  function refresh(box) {
    if (inFlight.has(box)) return inFlight.get(box);
    const text = textOf(box);
    const p = PauseEngine.check(text).then((report) => {
      inFlight.delete(box);
      if (report === null) {
        health("broken", `the engine did not answer: ${PauseEngine.error}`);
        return null;
      }
      const entry = { text, report };
      reports.set(box, entry);
      if (PauseEngine.timings.lastCheck) recordCheck(PauseEngine.timings.lastCheck);
      return textOf(box) === text ? entry : refresh(box);
    });
    inFlight.set(box, p);
    return p;
  }

  /** The report for exactly this text, if we have it already. */
  function known(box, text) {
    const entry = reports.get(box);
    return entry && entry.text === text ? entry.report : null;
  }

  const atOrAbove = (report) => report.findings.filter((f) => SEVERITY[f.severity] >= threshold());

  /**
   * Whether to pause a send from these boxes: { box, text, report } for the first box whose draft
   * has findings at or above the sensitivity; null to let it go; undefined when a draft has not
   * been checked yet (the caller then holds the send for the check).
   */
  function decideNow(boxes) {
    for (const box of boxes) {
      const text = textOf(box);
      if (!text.trim()) continue;
      const report = known(box, text);
      if (!report) return undefined;
      if (atOrAbove(report).length) return { box, text, report };
    }
    return null;
  }

  async function decideLater(boxes) {
    for (const box of boxes) {
      if (!textOf(box).trim()) continue;
      const entry = await refresh(box);
      if (entry === null) return null; // no engine: never block
      if (atOrAbove(entry.report).length) return { box, ...entry };
    }
    return null;
  }

  /**
   * Decides on a send event. Usually the draft was checked while it was typed, and the decision
   * is made at once: a clean draft's click goes on to the site untouched. When it was not (a
   * click straight after a paste), the event is held for the check (a few milliseconds), then
   * either paused or sent on once. If the engine does not answer within 3 s, it is sent on.
   */
  function onSend(e, boxes, sendOn) {
    const now = decideNow(boxes);
    if (now === null) return;
    stop(e);
    if (now) {
      pause(now, sendOn);
      return;
    }
    if (pending) return; // a second click while the first is being checked
    pending = true;
    let done = false;
    const finish = (d) => {
      if (done) return;
      done = true;
      pending = false;
      if (d) pause(d, sendOn);
      else sendOn();
    };
    setTimeout(() => {
      if (!done) health("broken", "the engine took over 3 s to answer; the post was let through");
      finish(null);
    }, 3000);
    decideLater(boxes).then(finish, () => finish(null));
  }

  function stop(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  /** Lets the site's own handler run exactly once: re-sends the click (or key) past us. */
  function resend(target, kind, key) {
    allowed = target;
    try {
      if (kind === "click") target.click();
      else target.dispatchEvent(new KeyboardEvent("keydown", { ...key, bubbles: true, cancelable: true, composed: true }));
    } finally {
      allowed = null;
    }
  }

  function onClick(e) {
    if (!active() || !(e.target instanceof Element)) return;
    try {
      if (PausePanel.isOpen && e.composedPath().some((n) => n.localName === "pause-panel")) return;
      const button = e.target.closest(adapter.send);
      if (!button) return;
      if (allowed === button) return;
      if (button.disabled || button.getAttribute("aria-disabled") === "true") return;
      const boxes = boxesFor(button);
      if (!boxes.length) {
        health("broken", "found a send button but no compose box near it: the site may have changed its markup");
        return;
      }
      health("ok", "compose box and send button found");
      onSend(e, boxes, () => resend(button, "click"));
    } catch (err) {
      health("broken", `error while checking a send: ${err && err.message}`);
    }
  }

  function onKeydown(e) {
    if (!active() || e.key !== "Enter" || e.isComposing) return;
    try {
      const box = composeOf(e.target);
      if (!box || allowed === box || allowed === e.target) return;
      const modifier = e.ctrlKey || e.metaKey;
      const plainEnterSends = adapter.enterSends && !e.shiftKey && !e.altKey && !modifier && e.target.closest(adapter.enterSends);
      if (!modifier && !plainEnterSends) return;
      const key = { key: "Enter", code: "Enter", keyCode: 13, which: 13, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey };
      const target = e.target;
      onSend(e, [box], () => {
        const button = plainEnterSends ? null : buttonFor(box);
        if (button) resend(button, "click");
        else resend(target, "key", key);
      });
    } catch (err) {
      health("broken", `error while checking a send: ${err && err.message}`);
    }
  }

  /** Shows the panel for a paused send; `go` lets the site's handler run once. */
  function pause({ box, text, report }, go) {
    const findings = report.findings.filter((f) => SEVERITY[f.severity] >= Math.min(threshold(), 1));
    const holding = hold && hold.box === box && hold.until > Date.now() ? hold.until : null;
    const heated = findings.some((f) => f.category === "heat-of-the-moment" && f.severity !== "low");
    PausePanel.open({
      text,
      report,
      findings,
      speakUpUrl: settings.speakUpUrl,
      hold: holding,
      canWait: settings.coolingOff && heated,
      onEdit: () => editAt(box, findings[0]),
      onRedact: report.redacted !== text ? () => { setText(box, report.redacted); schedule(box); } : null,
      onRaise: settings.speakUpUrl ? () => raise(report) : null,
      onWait: () => wait(box),
      onPostAnyway: (reason) => {
        try {
          chrome.runtime.sendMessage({
            type: "posted-anyway",
            reason,
            categories: [...new Set(findings.map((f) => f.category))],
            rules: [...new Set(findings.map((f) => f.rule))],
          }).catch(() => {});
        } catch (_) {
          // Counting is best effort; posting is the person's choice.
        }
        go();
      },
    });
  }

  function editAt(box, finding) {
    box.focus();
    if (finding && box instanceof HTMLTextAreaElement) box.setSelectionRange(finding.start16, finding.end16);
  }

  function raise(report) {
    // Only the redacted draft travels, and only in the URL's fragment, which the browser never
    // sends to any server: a Pause service's raise page (/concerns/new) fills it in and removes
    // it from the address bar. It also goes to the clipboard, for any other speak-up page.
    navigator.clipboard.writeText(report.redacted).catch(() => {});
    const url = settings.speakUpUrl.split("#")[0] +
      "#category=patient-safety&text=" + encodeURIComponent(report.redacted);
    window.open(url, "_blank", "noopener");
  }

  function wait(box) {
    hold = { box, until: Date.now() + COOLING_OFF_MS };
    const tick = () => {
      if (!hold || hold.box !== box) return;
      const left = hold.until - Date.now();
      if (left <= 0) {
        PausePanel.indicate(box, "hold", "10 minutes are up: read it again", null);
        hold = null;
        return;
      }
      PausePanel.indicate(box, "hold", `Waiting: ${Math.ceil(left / 60000)} min`, null);
      setTimeout(tick, Math.min(left, 30000));
    };
    tick();
  }

  /** Updates the indicator soon (debounced) from the box's latest check. */
  function schedule(box) {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (!box.isConnected) return;
      if (hold && hold.box === box && hold.until > Date.now()) return;
      if (!textOf(box).trim()) {
        PausePanel.hideIndicator();
        return;
      }
      refresh(box).then((entry) => {
        if (entry === null || !box.isConnected) return;
        const { text, report } = entry;
        const flagged = atOrAbove(report);
        if (flagged.length) {
          const n = flagged.length;
          PausePanel.indicate(box, "pause", `Pause: ${n === 1 ? "one thing" : `${n} things`} to look at`, () =>
            PausePanel.open({ text, report, findings: flagged, speakUpUrl: settings.speakUpUrl, hold: null, canWait: false, onEdit: () => editAt(box, flagged[0]), onRedact: null, onRaise: null, onWait: () => {}, onPostAnyway: null }),
          );
        } else {
          PausePanel.indicate(box, "clear", "Pause: clear", null);
        }
      }).catch((err) => health("broken", `error while checking a draft: ${err && err.message}`));
    }, DEBOUNCE_MS);
  }

  let lastRecorded = 0;
  function recordCheck(c) {
    // How long checks take here, for the options page (at most once a second).
    if (Date.now() - lastRecorded < 1000) return;
    lastRecorded = Date.now();
    chrome.storage.local.get("perf").then(({ perf = {} }) => chrome.storage.local.set({ perf: { ...perf, lastCheck: c } })).catch(() => {});
  }

  let reportedMissing = false;

  function onInput(e) {
    if (!active()) return;
    try {
      const box = composeOf(e.target);
      if (box) {
        // Check now (so a click on Post usually finds the answer ready); show it debounced.
        refresh(box).catch(() => {});
        schedule(box);
        return;
      }
      // Typing into an editor that no adapter selector matches, on a page where none matches:
      // the site has probably changed its markup. Say so (once); block nothing.
      if (!reportedMissing && isEditable(e.target) && !document.querySelector(adapter.compose)) {
        reportedMissing = true;
        health("broken", "no compose box matched on this page: the site may have changed its markup");
      }
    } catch (err) {
      health("broken", `error while watching the compose box: ${err && err.message}`);
    }
  }

  function loadEngine() {
    PauseEngine.load().then(() => {
      if (PauseEngine.state === "ready") {
        const t = PauseEngine.timings;
        chrome.storage.local.set({ perf: { loadMs: t.loadMs, buildMs: t.buildMs, host: location.hostname, at: Date.now() } }).catch(() => {});
      } else {
        health("broken", `the engine did not load: ${PauseEngine.error}`);
      }
    });
  }

  function start() {
    adapter = PauseAdapters.forPage(location, document, (a, e) => {
      adapter = a;
      health("broken", `adapter error: ${e && e.message}`);
      adapter = null;
    });
    if (!adapter) return;
    if (active()) loadEngine();
    window.addEventListener("click", onClick, true);
    window.addEventListener("keydown", onKeydown, true);
    document.addEventListener("input", onInput, true);
    let raf = 0;
    const replace = () => {
      if (!raf) raf = requestAnimationFrame(() => { raf = 0; PausePanel.place(); });
    };
    window.addEventListener("scroll", replace, true);
    window.addEventListener("resize", replace);
  }

  chrome.storage.local.get("settings").then(({ settings: s }) => {
    settings = { ...DEFAULTS, ...(s || {}) };
    start();
  }, () => start());
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !changes.settings) return;
    settings = { ...DEFAULTS, ...(changes.settings.newValue || {}) };
    if (active()) loadEngine();
    else PausePanel.hideIndicator();
  });
})();
