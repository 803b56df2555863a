// The compose page: check the draft as the person types, mark what was found, redact, copy.
// The draft goes only to /api/v1/check (answered from memory); /api/v1/outcomes receives rule
// ids, the verdict and a reason, never text. No innerHTML: every piece of text is a text node.
"use strict";

(function () {
  const draft = document.getElementById("draft");
  if (!draft) return;
  const verdictEl = document.getElementById("verdict");
  const markedEl = document.getElementById("marked");
  const findingsEl = document.getElementById("findings");
  const redactBtn = document.getElementById("redact");
  const copyBtn = document.getElementById("copy");
  const dontPostBtn = document.getElementById("dontpost");
  const reasonsEl = document.getElementById("reasons");
  const copyAnywayBtn = document.getElementById("copyanyway");
  const cancelCopyBtn = document.getElementById("cancelcopy");
  const copiedEl = document.getElementById("copied");
  const concernEl = document.getElementById("concern");
  const raiseLink = document.getElementById("raise");
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";

  const CATEGORY = {
    "patient-confidentiality": "Patient confidentiality",
    "confidential-information": "Confidential information",
    "organisation-reputation": "Your organisation's reputation",
    defamation: "Defamation",
    "bullying-harassment": "Bullying and harassment",
    "heat-of-the-moment": "Heat of the moment",
    "professional-boundaries": "Professional boundaries",
  };

  let seq = 0; // the latest request sent
  let shown = 0; // the request whose answer is on screen
  let report = null; // the answer on screen
  let reportText = ""; // the text that answer is about
  let timer = null;

  // Byte offsets (UTF-8, as the engine reports them) -> JavaScript string indices (UTF-16).
  // Walks the text once by code point; every span boundary the engine gives falls on one.
  function byteToIndex(text) {
    const map = new Map();
    let byte = 0;
    let index = 0;
    for (const ch of text) {
      map.set(byte, index);
      const cp = ch.codePointAt(0);
      byte += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      index += ch.length; // 2 for astral characters (surrogate pairs)
    }
    map.set(byte, index);
    return function (b) {
      const i = map.get(b);
      return i === undefined ? null : i;
    };
  }

  // RFC 3339 with the person's own offset, so late-night posting is judged in their time.
  function localNow() {
    const d = new Date();
    const pad = (n) => String(Math.abs(n)).padStart(2, "0");
    const off = -d.getTimezoneOffset();
    const sign = off >= 0 ? "+" : "-";
    return (
      d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) +
      "T" + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) +
      sign + pad(Math.trunc(off / 60)) + ":" + pad(off % 60)
    );
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function render(text, rep) {
    report = rep;
    reportText = text;
    const toIndex = byteToIndex(text);
    // The marked copy of the draft. Findings about the whole draft (the time of posting, its
    // tone) are listed but not marked; where spans overlap, the narrower one is marked.
    clear(markedEl);
    const spans = [];
    rep.findings.forEach(function (f, n) {
      const s = toIndex(f.start);
      const e = toIndex(f.end);
      if (s === null || e === null || e <= s) return;
      if (s === 0 && e >= text.trimEnd().length) return;
      spans.push({ s: s, e: e, f: f, n: n });
    });
    spans.sort((a, b) => a.e - a.s - (b.e - b.s));
    const chosen = [];
    spans.forEach(function (x) {
      if (chosen.every((y) => x.e <= y.s || x.s >= y.e)) chosen.push(x);
    });
    chosen.sort((a, b) => a.s - b.s);
    let pos = 0;
    chosen.forEach(function (x) {
      markedEl.appendChild(document.createTextNode(text.slice(pos, x.s)));
      const m = el("mark", "sev-" + x.f.severity, text.slice(x.s, x.e));
      m.title = x.f.message;
      m.dataset.finding = String(x.n + 1);
      markedEl.appendChild(m);
      pos = x.e;
    });
    markedEl.appendChild(document.createTextNode(text.slice(pos)));
    // The findings.
    clear(findingsEl);
    rep.findings.forEach(function (f) {
      const li = el("li", "finding sev-" + f.severity);
      const head = el("p", "head");
      head.appendChild(el("span", "badge", f.severity));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("strong", "", CATEGORY[f.category] || f.category));
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(el("code", "", f.rule));
      li.appendChild(head);
      li.appendChild(el("p", "msg", f.message));
      const why = el("p", "why");
      why.appendChild(el("strong", "", "Why it matters: "));
      why.appendChild(document.createTextNode(f.why));
      li.appendChild(why);
      const todo = el("p", "todo");
      todo.appendChild(el("strong", "", "What to do: "));
      todo.appendChild(document.createTextNode(f.suggestion));
      li.appendChild(todo);
      li.appendChild(el("p", "clause", f.policy));
      findingsEl.appendChild(li);
    });
    // The verdict.
    verdictEl.classList.remove("empty", "pause", "post");
    if (!text.trim()) {
      verdictEl.classList.add("empty");
      verdictEl.textContent = "Start typing to check your draft.";
    } else if (rep.verdict === "pause") {
      verdictEl.classList.add("pause");
      const n = rep.findings.filter((f) => f.severity !== "low").length;
      verdictEl.textContent = "Pause: " + n + (n === 1 ? " thing" : " things") + " to look at before you post.";
    } else {
      verdictEl.classList.add("post");
      verdictEl.textContent = rep.findings.length
        ? "Fine to post (with a gentle reminder below)."
        : "Fine to post.";
    }
    redactBtn.disabled = rep.redacted === text;
    copyBtn.disabled = !text.trim();
    dontPostBtn.disabled = !text.trim() || rep.verdict !== "pause";
    concernEl.hidden = !rep.raise_concern;
    if (rep.raise_concern) {
      // The redacted draft travels in the fragment, which the browser never sends to a server;
      // the raise page fills it in and removes it from the address bar.
      raiseLink.href = "/concerns/new#category=patient-safety&text=" + encodeURIComponent(rep.redacted);
    }
  }

  function check() {
    const text = draft.value;
    const mine = ++seq;
    if (!text.trim()) {
      render(text, { verdict: "post", findings: [], redacted: text, raise_concern: false });
      shown = mine;
      return;
    }
    verdictEl.classList.add("checking");
    fetch("/api/v1/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, at: localNow() }),
      credentials: "same-origin",
    })
      .then(function (res) {
        if (!res.ok) {
          return res.json().then(function (body) {
            throw new Error(body && body.error ? body.error.message : "HTTP " + res.status);
          });
        }
        return res.json();
      })
      .then(function (rep) {
        // Answers can arrive out of order: keep only the newest.
        if (mine < shown || mine !== seq) return;
        shown = mine;
        verdictEl.classList.remove("checking");
        render(text, rep);
      })
      .catch(function (err) {
        if (mine !== seq) return;
        verdictEl.classList.remove("checking", "pause", "post");
        verdictEl.textContent = "Could not check the draft: " + err.message;
      });
  }

  function schedule() {
    copiedEl.hidden = true;
    reasonsEl.hidden = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  function ruleIds() {
    if (!report) return [];
    return report.findings.filter((f) => f.severity !== "low").map((f) => f.rule);
  }

  function sendOutcome(wentAhead, reason) {
    const body = {
      verdict: report ? report.verdict : "post",
      rules: ruleIds(),
      went_ahead: wentAhead,
    };
    if (reason) body.reason = reason;
    return fetch("/api/v1/outcomes", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).catch(function () {});
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP intranets: the older way.
    const ta = el("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand("copy");
    document.body.removeChild(ta);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function doCopy(reason) {
    const text = draft.value;
    const upToDate = report && reportText === text;
    const paused = upToDate && report.verdict === "pause";
    sendOutcome(true, paused ? reason : null);
    reasonsEl.hidden = true;
    copyText(text).then(
      function () {
        copiedEl.textContent = "Copied. Your draft was not stored anywhere.";
        copiedEl.hidden = false;
      },
      function () {
        copiedEl.textContent = "Your browser did not allow copying: select the text and copy it yourself.";
        copiedEl.hidden = false;
      }
    );
  }

  draft.addEventListener("input", schedule);

  redactBtn.addEventListener("click", function () {
    if (!report || reportText !== draft.value) return;
    draft.value = report.redacted;
    check();
    draft.focus();
  });

  copyBtn.addEventListener("click", function () {
    if (report && reportText === draft.value && report.verdict === "pause") {
      reasonsEl.hidden = false;
      const first = reasonsEl.querySelector("input");
      if (first) first.focus();
      return;
    }
    doCopy(null);
  });

  copyAnywayBtn.addEventListener("click", function () {
    const picked = reasonsEl.querySelector('input[name="reason"]:checked');
    doCopy(picked ? picked.value : null);
  });

  cancelCopyBtn.addEventListener("click", function () {
    reasonsEl.hidden = true;
    draft.focus();
  });

  dontPostBtn.addEventListener("click", function () {
    sendOutcome(false, null);
    copiedEl.textContent = "Thank you for taking a moment. Nothing was posted or stored.";
    copiedEl.hidden = false;
    dontPostBtn.disabled = true;
  });

  if (draft.value) check();
})();
