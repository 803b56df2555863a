// Facebook: Lexical editors (data-lexical-editor) everywhere; the post dialog's button is a
// div with role="button" and aria-label "Post"; comments and Messenger send on a plain Enter.
"use strict";
PauseAdapters.register({
  id: "facebook",
  name: "Facebook",
  matches: (loc) => /(^|\.)facebook\.com$/.test(loc.hostname),
  compose: '[contenteditable="true"][data-lexical-editor="true"], [contenteditable="true"][role="textbox"]',
  send: '[role="button"][aria-label="Post"], [role="button"][aria-label="Reply"], [role="button"][aria-label="Comment"], [role="button"][aria-label="Press enter to send"], [role="button"][aria-label="Send"]',
  enterSends: 'form [contenteditable="true"][data-lexical-editor="true"][aria-label^="Write a"], [contenteditable="true"][aria-label^="Write a comment"], [contenteditable="true"][aria-label="Message"]',
});
