// Site adapters: where each site keeps its compose box and its send button.
//
// One small file per site (x.js, mastodon.js, ...), each calling PauseAdapters.register with:
//   id, name        the key in the options page ("sites on/off", health) and a human name
//   matches(loc, doc)  true on this site's pages (by host name, or by page markup for Mastodon)
//   compose         CSS selector of compose boxes (a textarea or a contenteditable editor)
//   send            CSS selector of the buttons that post, reply or send
//   enterSends      optional CSS selector of compose boxes where a plain Enter sends (comments)
// Sites change their markup. When an adapter stops matching, the content script lets every
// click through (it never blocks posting because an adapter broke) and records what failed, which
// the options page shows. Updating a site means editing its one file.
"use strict";
var PauseAdapters = globalThis.PauseAdapters || {
  all: [],
  register(adapter) {
    this.all.push(adapter);
  },
  /** The adapter for this page, or null. An adapter that throws is skipped (and reported). */
  forPage(loc, doc, onError) {
    for (const a of this.all) {
      try {
        if (a.matches(loc, doc)) return a;
      } catch (e) {
        onError(a, e);
      }
    }
    return null;
  },
};
globalThis.PauseAdapters = PauseAdapters;
