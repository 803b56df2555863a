// Shared by the test pages: what the "site" received. Each page's own handler pushes the text it
// posted to window.__posts (read by the tests through page.evaluate in the page's main world).
"use strict";
window.__posts = [];
window.__sent = (text) => {
  window.__posts.push(text);
  const toast = document.getElementById("toast");
  if (toast) {
    toast.textContent = "Your post was sent.";
    toast.hidden = false;
  }
};
window.h = React.createElement;
