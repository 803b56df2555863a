// LinkedIn's share box: a Quill editor (.ql-editor, one <p> per line) and an Ember-rendered
// "Post" button (button.share-actions__primary-action) with a plain DOM listener, not React.
"use strict";
const editor = document.querySelector(".ql-editor");
const button = document.querySelector(".share-actions__primary-action");
const sync = () => {
  const empty = editor.innerText.trim() === "";
  editor.classList.toggle("ql-blank", empty);
  button.disabled = empty;
};
editor.addEventListener("input", sync);
button.addEventListener("click", () => {
  window.__sent(editor.innerText);
  editor.innerHTML = "<p><br></p>";
  sync();
});
sync();
