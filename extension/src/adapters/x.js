// X (Twitter): a Draft.js contenteditable for the post, the reply and the quote; the button is
// "tweetButtonInline" on the timeline and in replies, "tweetButton" in the compose dialog.
"use strict";
PauseAdapters.register({
  id: "x",
  name: "X (Twitter)",
  matches: (loc) => /(^|\.)(x|twitter)\.com$/.test(loc.hostname),
  compose: '[data-testid^="tweetTextarea_"][contenteditable="true"], [data-testid^="tweetTextarea_"] [contenteditable="true"]',
  send: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
});
