// The raise-a-concern form: fills in a draft passed in the URL's fragment (from the compose page
// or the browser extension; a fragment never reaches the server), then removes it from the
// address bar; shows the fields that belong to the chosen identity.
(function () {
  "use strict";
  const form = document.querySelector("form.raise");
  if (!form) return;
  const text = document.getElementById("text");
  const category = document.getElementById("category");
  if (location.hash.length > 1) {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get("text") && !text.value) text.value = params.get("text");
    if (params.get("category") && category) category.value = params.get("category");
    history.replaceState(null, "", location.pathname);
  }
  const named = document.getElementById("named");
  const anonymous = document.getElementById("anonymous");
  function sync() {
    const chosen = form.querySelector('input[name="identity"]:checked');
    const anon = chosen && chosen.value === "anonymous";
    named.hidden = anon;
    anonymous.hidden = !anon;
    document.getElementById("passphrase").required = anon;
    document.getElementById("passphrase_again").required = anon;
  }
  form.querySelectorAll('input[name="identity"]').forEach(function (r) {
    r.addEventListener("change", sync);
  });
  sync();
})();
