// Bluesky (bsky.app): a TipTap (ProseMirror) editor in the composer dialog; the publish button
// carries data-testid="composerPublishBtn" (React Native Web renders it as a button).
"use strict";
PauseAdapters.register({
  id: "bluesky",
  name: "Bluesky",
  matches: (loc) => loc.hostname === "bsky.app" || loc.hostname.endsWith(".bsky.app"),
  compose: '[data-testid="composerTextInput"] [contenteditable="true"], [data-testid="composerTextInput"][contenteditable="true"], .ProseMirror[contenteditable="true"]',
  send: '[data-testid="composerPublishBtn"]',
});
