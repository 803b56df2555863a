// The test "sites": one HTTPS server on 127.0.0.1 that answers as x.com, mastodon.social,
// bsky.app, www.linkedin.com and www.facebook.com (Chromium is started with host-resolver rules
// that send those names here, so the extension's real manifest matches are what is tested).
// Each page reproduces the site's compose markup and handlers, with a strict CSP like the
// real sites'. The certificate is made on the spot with openssl and trusted only by the test
// browser (ignoreHTTPSErrors).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pages = join(here, "pages");
const modules = join(here, "..", "node_modules");

export const SITES = {
  "x.com": {
    site: "x",
    title: "Home / X",
    markup: '<header>Home</header><div id="react-root"></div>',
  },
  "mastodon.social": {
    site: "mastodon",
    title: "Mastodon",
    head: '<meta name="application-name" content="Mastodon">',
    body: ' class="app-body theme-default"',
    markup: '<div id="mastodon" data-props=\'{"locale":"en"}\'><div class="drawer"><div class="drawer__inner"></div></div><div class="columns"></div></div>',
  },
  "bsky.app": { site: "bluesky", title: "Home — Bluesky", markup: '<div id="root"></div>' },
  "www.linkedin.com": {
    site: "linkedin",
    title: "Feed | LinkedIn",
    markup: `<div class="artdeco-modal share-box" role="dialog" aria-labelledby="share-to-linkedin-modal__header">
  <div class="artdeco-modal__header" id="share-to-linkedin-modal__header">Create a post</div>
  <div class="share-creation-state__text-editor"><div class="editor-container"><div class="ql-container">
    <div class="ql-editor ql-blank" data-gramm="false" contenteditable="true" role="textbox" aria-multiline="true"
      aria-label="Text editor for creating content" data-placeholder="What do you want to talk about?"><p><br></p></div>
  </div></div></div>
  <div class="share-box_actions"><button id="ember42" class="share-actions__primary-action artdeco-button artdeco-button--2 artdeco-button--primary ember-view" type="button"><span class="artdeco-button__text">Post</span></button></div>
</div>`,
  },
  "www.facebook.com": { site: "facebook", title: "Facebook", markup: '<div id="mount_0_0_x"></div>' },
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

function page(host) {
  const s = SITES[host];
  return readFileSync(join(pages, "shell.html"), "utf8")
    .replaceAll("{{SITE}}", s.site)
    .replace("{{TITLE}}", s.title)
    .replace("{{HEAD}}", s.head || "")
    .replace("{{BODY}}", s.body || "")
    .replace("{{MARKUP}}", s.markup);
}

const TYPES = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8" };

export async function start() {
  const dir = mkdtempSync(join(tmpdir(), "pause-cert-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=pause-test"], { stdio: "ignore" });
  const server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (req, res) => {
    const host = (req.headers.host || "").replace(/:\d+$/, "");
    const path = new URL(req.url, "https://x").pathname;
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "content-security-policy": CSP, "cache-control": "no-store" });
      res.end(body);
    };
    try {
      if (path === "/vendor/react.js") return send(200, TYPES[".js"], readFileSync(join(modules, "react/umd/react.production.min.js")));
      if (path === "/vendor/react-dom.js") return send(200, TYPES[".js"], readFileSync(join(modules, "react-dom/umd/react-dom.production.min.js")));
      if (path.startsWith("/pages/") && /^[a-z]+\.(js|css)$/.test(path.slice(7))) {
        return send(200, TYPES[path.slice(path.lastIndexOf("."))], readFileSync(join(pages, path.slice(7))));
      }
      if (path === "/favicon.ico") return send(404, "text/plain", "");
      if (SITES[host]) return send(200, TYPES[".html"], page(host));
      return send(404, "text/plain", `no test site ${host}`);
    } catch (e) {
      return send(500, "text/plain", String(e));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: server.address().port };
}
