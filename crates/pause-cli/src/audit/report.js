// Filters and sorting for the audit report. Reads only the page itself; loads nothing.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var list = document.getElementById("posts");
  var posts = Array.prototype.slice.call(list.querySelectorAll("article.post"));
  var texts = posts.map(function (p) {
    var t = p.querySelector(".text");
    return t ? t.textContent.toLowerCase() : "";
  });
  var cat = document.getElementById("f-cat");
  var sev = document.getElementById("f-sev");
  var year = document.getElementById("f-year");
  var sort = document.getElementById("f-sort");
  var query = document.getElementById("f-q");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");

  function apply() {
    var c = cat.value, s = +sev.value, y = year.value, q = query.value.trim().toLowerCase();
    var n = 0;
    posts.forEach(function (p, i) {
      var ok = (!c || (" " + p.dataset.cats + " ").indexOf(" " + c + " ") >= 0) &&
        +p.dataset.sev >= s &&
        (y === "*" || p.dataset.year === y) &&
        (!q || texts[i].indexOf(q) >= 0);
      p.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = "Showing " + n.toLocaleString() + " of " + posts.length.toLocaleString();
    empty.style.display = n ? "none" : "block";
  }

  function order() {
    var by = sort.value;
    var num = function (p, k) { return p.dataset[k] === "" ? NaN : +p.dataset[k]; };
    var sorted = posts.slice().sort(function (a, b) {
      if (by === "worst") {
        return num(b, "score") - num(a, "score") || num(a, "seq") - num(b, "seq");
      }
      var ta = num(a, "time"), tb = num(b, "time");
      // Undated posts last either way.
      if (isNaN(ta) || isNaN(tb)) {
        return (isNaN(ta) - isNaN(tb)) || num(a, "seq") - num(b, "seq");
      }
      return (by === "new" ? tb - ta : ta - tb) || num(a, "seq") - num(b, "seq");
    });
    var frag = document.createDocumentFragment();
    sorted.forEach(function (p) { frag.appendChild(p); });
    list.appendChild(frag);
  }

  [cat, sev, year].forEach(function (el) { el.addEventListener("change", apply); });
  query.addEventListener("input", apply);
  sort.addEventListener("change", order);
  Array.prototype.forEach.call(document.querySelectorAll("button.cat"), function (b) {
    b.addEventListener("click", function () {
      cat.value = cat.value === b.dataset.cat ? "" : b.dataset.cat;
      apply();
      document.getElementById("flagged").scrollIntoView({ behavior: "smooth" });
    });
  });
  order();
  apply();
})();
