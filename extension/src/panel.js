// The panel shown when a send is paused, and the small indicator beside the compose box. Both
// live in shadow roots so the site's styles cannot reach them (nor theirs the site), and both are
// built with textContent only: the draft is never parsed as HTML.
"use strict";
var PausePanel = (() => {
  const CATEGORY_TITLES = {
    "patient-confidentiality": "Patient confidentiality",
    "confidential-information": "Confidential information",
    "organisation-reputation": "Your organisation's reputation",
    defamation: "Defamation",
    "bullying-harassment": "Bullying and harassment",
    "heat-of-the-moment": "Heat of the moment",
    "professional-boundaries": "Professional boundaries",
  };

  const STYLE = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .backdrop { position: fixed; inset: 0; background: rgba(15, 23, 42, .45); z-index: 2147483646;
      display: flex; align-items: center; justify-content: center; padding: 16px;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1e293b; }
    .card { background: #fff; border-radius: 14px; max-width: 640px; width: 100%; max-height: calc(100vh - 32px);
      display: flex; flex-direction: column; overflow: hidden; box-shadow: 0 20px 50px rgba(15, 23, 42, .3); padding: 20px 24px 14px; }
    .scroll { overflow: auto; min-height: 0; flex: 1 1 auto; border-top: 1px solid #e2e8f0; border-bottom: 1px solid #e2e8f0; margin: 0 -24px; padding: 0 24px; }
    header { display: flex; gap: 12px; align-items: flex-start; margin-bottom: 10px; flex: none; }
    .actions, form.anyway, .note { flex: none; }
    .icon { flex: none; width: 36px; height: 36px; border-radius: 50%; background: #fef3c7; color: #92400e;
      display: flex; align-items: center; justify-content: center; font-weight: 700; letter-spacing: 1px; }
    h2 { font-size: 18px; margin: 4px 0 2px; font-weight: 650; }
    .lead { margin: 0; color: #475569; font-size: 14px; }
    .draft { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #e2e8f0; background: #f8fafc;
      border-radius: 10px; padding: 10px 12px; margin: 4px 0 12px; max-height: 22vh; overflow: auto; unicode-bidi: plaintext; flex: none; }
    mark { background: #fde68a; color: inherit; border-radius: 3px; padding: 0 1px; box-shadow: inset 0 -2px #d97706; }
    mark.high { background: #fecaca; box-shadow: inset 0 -2px #dc2626; }
    mark.low { background: #e0f2fe; box-shadow: inset 0 -2px #0284c7; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 10px 0; }
    li + li { border-top: 1px solid #f1f5f9; }
    .tag { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 8px; margin-right: 6px;
      background: #fef3c7; color: #92400e; }
    .tag.high { background: #fee2e2; color: #991b1b; }
    .tag.low { background: #e0f2fe; color: #075985; }
    .cat { font-weight: 600; }
    .msg { margin: 4px 0 2px; }
    .why, .policy { color: #475569; font-size: 13.5px; margin: 2px 0; }
    .fix { font-size: 13.5px; margin: 4px 0 0; }
    .policy { font-size: 12.5px; color: #64748b; }
    .concern, .hold { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 10px; padding: 8px 12px; margin: 12px 0 0; font-size: 14px; flex: none; }
    .hold { background: #f0fdf4; border-color: #bbf7d0; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; align-items: center; }
    .spacer { flex: 1; }
    button { font: inherit; font-size: 14px; border-radius: 8px; padding: 8px 14px; cursor: pointer;
      border: 1px solid #cbd5e1; background: #fff; color: #1e293b; }
    button:hover { background: #f1f5f9; }
    button:focus-visible, input:focus-visible { outline: 3px solid #ffb81c; outline-offset: 1px; }
    button.primary { background: #005eb8; border-color: #005eb8; color: #fff; }
    button.primary:hover { background: #004a93; }
    button.quiet { border-color: transparent; color: #475569; text-decoration: underline; background: none; }
    form.anyway { display: none; margin-top: 12px; padding: 10px 12px; border: 1px solid #e2e8f0; border-radius: 10px; }
    form.anyway.open { display: block; }
    form.anyway label { display: block; font-size: 14px; margin-bottom: 6px; }
    form.anyway input { font: inherit; padding: 6px 10px; border: 1px solid #94a3b8; border-radius: 8px; width: 14em; }
    form.anyway .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .err { color: #b91c1c; font-size: 13px; min-height: 1em; margin-top: 4px; }
    .note { color: #64748b; font-size: 12.5px; margin-top: 10px; }
  `;

  const INDICATOR_STYLE = `
    :host { all: initial; }
    .pill { position: fixed; z-index: 2147483645; display: inline-flex; align-items: center; gap: 6px;
      font: 12px/1 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #334155;
      background: rgba(255, 255, 255, .95); border: 1px solid #e2e8f0; border-radius: 999px; padding: 4px 9px 4px 7px;
      box-shadow: 0 1px 3px rgba(15, 23, 42, .12); cursor: default; user-select: none; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: #94a3b8; }
    .clear .dot { background: #16a34a; }
    .pause .dot { background: #d97706; }
    .hold .dot { background: #2563eb; }
  `;

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }

  /**
   * The draft as text nodes with <mark>s over the findings (UTF-16 spans). Where spans overlap
   * (a whole-draft signal such as the time of posting over a named patient), the narrower one is
   * marked: it says more about where to look.
   */
  function highlighted(text, findings) {
    const box = el("div", { class: "draft", "data-pause": "draft", dir: "auto" });
    const chosen = [];
    for (const f of [...findings].sort((a, b) => a.end16 - a.start16 - (b.end16 - b.start16))) {
      if (f.start16 < f.end16 && f.end16 <= text.length && !chosen.some((c) => f.start16 < c.end16 && c.start16 < f.end16)) chosen.push(f);
    }
    chosen.sort((a, b) => a.start16 - b.start16);
    let at = 0;
    for (const f of chosen) {
      box.append(text.slice(at, f.start16));
      box.append(el("mark", { class: f.severity, "data-rule": f.rule, title: f.message, text: text.slice(f.start16, f.end16) }));
      at = f.end16;
    }
    box.append(text.slice(at));
    return box;
  }

  let host = null;

  function close() {
    if (host) host.remove();
    host = null;
    if (indicator) indicator.style.display = "";
  }

  /**
   * Shows the panel. opts: { text, report, findings (the ones to show), speakUpUrl, canWait,
   * hold (ms timestamp or null), onEdit, onRedact (or null), onRaise (or null), onWait,
   * onPostAnyway(reason) (or null in review mode) }.
   */
  function open(opts) {
    close();
    host = el("pause-panel");
    const root = host.attachShadow({ mode: "open" });
    root.append(el("style", { text: STYLE }));
    const blocking = opts.findings.filter((f) => f.severity !== "low");
    const n = blocking.length;
    const card = el("div", { class: "card", role: "dialog", "aria-modal": "true", "aria-labelledby": "pause-title" });
    const backdrop = el("div", { class: "backdrop", "data-pause": "panel" }, card);
    root.append(backdrop);

    card.append(
      el("header", {},
        el("div", { class: "icon", "aria-hidden": "true", text: "II" }),
        el("div", {},
          el("h2", { id: "pause-title", text: "Take a moment before you post" }),
          el("p", { class: "lead", text: opts.onPostAnyway
            ? `Pause found ${n === 1 ? "one thing" : `${n} things`} in this draft that could put a patient, a colleague or your registration at risk. Nothing has been sent.`
            : `What Pause sees in this draft so far.` }),
        ),
      ),
    );
    card.append(highlighted(opts.text, opts.findings));

    const scroll = el("div", { class: "scroll" });
    card.append(scroll);
    const list = el("ul", { "data-pause": "findings" });
    const rank = { high: 0, medium: 1, low: 2 };
    for (const f of [...opts.findings].sort((a, b) => rank[a.severity] - rank[b.severity] || a.start16 - b.start16)) {
      list.append(
        el("li", { "data-rule": f.rule },
          el("div", {},
            el("span", { class: `tag ${f.severity}`, text: f.severity === "high" ? "High" : f.severity === "medium" ? "Medium" : "Note" }),
            el("span", { class: "cat", text: CATEGORY_TITLES[f.category] || f.category }),
          ),
          el("p", { class: "msg", text: f.message }),
          el("p", { class: "why", text: f.why }),
          f.suggestion ? el("p", { class: "fix", text: `Instead: ${f.suggestion}` }) : null,
          el("p", { class: "policy", text: f.policy }),
        ),
      );
    }
    scroll.append(list);

    if (opts.report.raise_concern) {
      card.append(el("div", { class: "concern", "data-pause": "concern", text: opts.speakUpUrl
        ? "This reads like a patient-safety concern. Raising it inside your organisation gets it fixed and protects you; posting it publicly may not."
        : "This reads like a patient-safety concern. Your line manager or your Freedom to Speak Up guardian can act on it; posting it publicly may not help the patient and may put you at risk." }));
    }
    if (opts.hold) {
      const mins = Math.max(1, Math.ceil((opts.hold - Date.now()) / 60000));
      const until = new Date(opts.hold).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      card.append(el("div", { class: "hold", "data-pause": "hold", text: `You chose to wait until ${until} (${mins} min to go). Coming back to it with a clear head is usually worth it.` }));
    }

    const actions = el("div", { class: "actions" });
    const edit = el("button", { class: "primary", "data-pause": "edit", text: "Edit" });
    edit.addEventListener("click", () => { close(); opts.onEdit(); });
    actions.append(edit);
    if (opts.onRedact) {
      const b = el("button", { "data-pause": "redact", text: "Redact identifiers" });
      b.addEventListener("click", () => { close(); opts.onRedact(); });
      actions.append(b);
    }
    if (opts.onRaise) {
      const b = el("button", { "data-pause": "raise", text: "Raise it internally instead" });
      b.addEventListener("click", () => { close(); opts.onRaise(); });
      actions.append(b);
    }
    if (opts.canWait && !opts.hold) {
      const b = el("button", { "data-pause": "wait", text: "Wait 10 minutes" });
      b.addEventListener("click", () => { close(); opts.onWait(); });
      actions.append(b);
    }
    actions.append(el("span", { class: "spacer" }));
    const form = el("form", { class: "anyway", "data-pause": "anyway-form" });
    if (opts.onPostAnyway) {
      const anyway = el("button", { class: "quiet", "data-pause": "post-anyway", type: "button", text: "Post anyway" });
      anyway.addEventListener("click", () => {
        form.classList.add("open");
        form.querySelector("input").focus();
      });
      actions.append(anyway);
      const input = el("input", { id: "pause-reason", "data-pause": "reason", autocomplete: "off", maxlength: "30", placeholder: "e.g. approved" });
      const err = el("div", { class: "err", "aria-live": "polite" });
      form.append(
        el("label", { for: "pause-reason", text: "In one word, why post it anyway? Only an anonymous count is kept." }),
        el("div", { class: "row" }, input,
          el("button", { class: "primary", "data-pause": "confirm", type: "submit", text: "Post" }),
          (() => { const c = el("button", { type: "button", text: "Cancel" }); c.addEventListener("click", () => form.classList.remove("open")); return c; })(),
        ),
        err,
      );
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const reason = input.value.trim();
        if (!/^[\p{L}\p{N}'-]{1,30}$/u.test(reason)) {
          err.textContent = "One word, please (letters or numbers).";
          return;
        }
        close();
        opts.onPostAnyway(reason.toLowerCase());
      });
    }
    card.append(actions, form);
    card.append(el("p", { class: "note", text: "Checked on your device by Pause: your draft was not sent anywhere." }));

    // Keys stay inside the panel: the site's shortcuts must not fire behind it.
    backdrop.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") { close(); opts.onEdit(); }
    });
    for (const t of ["keyup", "keypress", "input", "beforeinput", "paste"]) backdrop.addEventListener(t, (e) => e.stopPropagation());
    document.documentElement.append(host);
    if (indicator) indicator.style.display = "none"; // the panel says it all
    edit.focus({ preventScroll: true });
    return host;
  }

  let indicator = null;

  /** The calm indicator near a compose box: state is "clear", "pause" or "hold". */
  function indicate(box, state, label, onClick) {
    if (!indicator) {
      indicator = el("pause-indicator");
      const root = indicator.attachShadow({ mode: "open" });
      root.append(el("style", { text: INDICATOR_STYLE }));
      const pill = el("div", { class: "pill", "data-pause": "indicator", role: "status" }, el("span", { class: "dot" }), el("span", { class: "label" }));
      pill.addEventListener("click", () => indicator._onClick && indicator._onClick());
      root.append(pill);
      document.documentElement.append(indicator);
    }
    const pill = indicator.shadowRoot.querySelector(".pill");
    pill.className = `pill ${state}`;
    pill.dataset.state = state;
    pill.querySelector(".label").textContent = label;
    pill.style.cursor = onClick ? "pointer" : "default";
    indicator._onClick = onClick;
    indicator._box = box;
    place();
  }

  function place() {
    if (!indicator || !indicator._box) return;
    const pill = indicator.shadowRoot.querySelector(".pill");
    const box = indicator._box;
    if (!box.isConnected) { pill.style.display = "none"; return; }
    const r = box.getBoundingClientRect();
    pill.style.display = r.width === 0 && r.height === 0 ? "none" : "inline-flex";
    pill.style.top = `${Math.max(0, Math.min(window.innerHeight - 28, r.bottom + 4))}px`;
    pill.style.left = `${Math.max(4, Math.min(window.innerWidth - 190, r.right - 150))}px`;
  }

  function hideIndicator() {
    if (indicator) indicator.remove();
    indicator = null;
  }

  return { open, close, indicate, place, hideIndicator, get isOpen() { return host !== null; } };
})();
