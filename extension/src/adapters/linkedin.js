// LinkedIn: Quill editors (.ql-editor) for posts and comments, and the messaging box; the
// buttons are the share box's primary action, the comment submit and the message send.
"use strict";
PauseAdapters.register({
  id: "linkedin",
  name: "LinkedIn",
  matches: (loc) => /(^|\.)linkedin\.com$/.test(loc.hostname),
  compose: '.ql-editor[contenteditable="true"], .msg-form__contenteditable[contenteditable="true"]',
  send: "button.share-actions__primary-action, button.comments-comment-box__submit-button, button.comments-comment-box__submit-button--cr, button.msg-form__send-button",
});
