// Typed suggestions for the search box: the server renders them (/ui/suggest), this script only
// asks as the reader types and lets arrow keys and Enter pick one. Without it the box is a plain
// search form. Also wires the print button of the gap page.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  if (!input || !list) return;
  var timer = null, asked = 0, active = -1;

  function options() { return list.querySelectorAll("[role=option]"); }
  function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; input.removeAttribute("aria-activedescendant"); }
  function mark(index) {
    var opts = options();
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && opts[index]) { input.setAttribute("aria-activedescendant", opts[index].id); opts[index].scrollIntoView({ block: "nearest" }); }
  }
  function ask() {
    var q = input.value.trim();
    if (!q) { list.innerHTML = ""; close(); return; }
    var ticket = ++asked;
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { headers: { Accept: "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (ticket !== asked) return; // an older answer arriving late
        list.innerHTML = html;
        list.hidden = list.innerHTML.trim() === "";
        input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
        active = -1;
      })
      .catch(close);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 150); });
  input.addEventListener("keydown", function (e) {
    var opts = options();
    if (list.hidden || !opts.length) return;
    if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % opts.length); }
    else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + opts.length) % opts.length); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = opts[active].href; }
    else if (e.key === "Escape") { close(); }
  });
  document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== input) close(); });
})();
