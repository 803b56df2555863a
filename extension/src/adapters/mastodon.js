// Mastodon, on any instance: recognised by its markup (the #mastodon root the web app mounts on,
// or its initial-state script), not by host name. The compose box is a React textarea in
// .compose-form; the button submits the form ("Post", "Reply", "Publish").
"use strict";
PauseAdapters.register({
  id: "mastodon",
  name: "Mastodon (any instance)",
  matches: (loc, doc) =>
    doc.getElementById("mastodon") !== null ||
    doc.querySelector('script#initial-state[type="application/json"]') !== null ||
    doc.querySelector('meta[name="application-name"][content="Mastodon"]') !== null,
  compose: ".compose-form textarea, textarea.autosuggest-textarea__textarea",
  send: '.compose-form button[type="submit"], .compose-form__publish button, .compose-form__submit button',
});
