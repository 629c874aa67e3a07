// Progressive enhancement only: every page is complete without JavaScript.
(function () {
  "use strict";
  var toggle = document.getElementById("show-translations");
  if (toggle) {
    var apply = function () {
      document.body.classList.toggle("hide-tr", !toggle.checked);
    };
    toggle.addEventListener("change", apply);
    apply();
  }
  // The claims matrix: filter by status and by outlet or language, sort by
  // salience or time. A row stays when one of the chosen outlets' cells has
  // the status (a cell's statuses include its numbers' and dates').
  var controls = document.getElementById("matrix-controls");
  if (controls) {
    controls.hidden = false;
    var status = document.getElementById("mf-status");
    var who = document.getElementById("mf-who");
    var sort = document.getElementById("mf-sort");
    var count = controls.querySelector(".filter-count");
    var chosen = function (cell) {
      var w = who.value;
      if (!w) return true;
      var kind = w.slice(0, w.indexOf(":")), value = w.slice(w.indexOf(":") + 1);
      return cell.getAttribute(kind === "lang" ? "data-lang" : "data-outlet") === value;
    };
    var has = function (cell, want) {
      var st = " " + cell.getAttribute("data-statuses") + " ";
      return want === "all" ? st !== " not_covered " : st.indexOf(" " + want + " ") >= 0;
    };
    var applyFilter = function () {
      var want = status.value;
      var rows = document.querySelectorAll("table.matrix tr.claim-row");
      var shown = 0;
      rows.forEach(function (tr) {
        var keep = false;
        tr.querySelectorAll("td[data-outlet]").forEach(function (td) {
          var mine = chosen(td);
          td.classList.toggle("dim", !mine);
          if (mine && has(td, want)) keep = true;
        });
        if (want === "all" && !who.value) keep = true;
        tr.hidden = !keep;
        if (keep) shown += 1;
      });
      document.querySelectorAll("table.matrix thead th[data-outlet]").forEach(function (th) {
        th.classList.toggle("dim", !chosen(th));
      });
      // a sub-event goes with its rows
      document.querySelectorAll("details.subevent").forEach(function (d) {
        d.hidden = !d.querySelector("tr.claim-row:not([hidden])");
      });
      // the words come from the page (data-count: "{shown} of 14 rows" in the page's language)
      if (count) count.textContent = (controls.getAttribute("data-count") || "{shown} of " + rows.length + " rows")
        .replace("{shown}", shown);
    };
    var applySort = function () {
      var byTime = sort.value === "time";
      document.querySelectorAll("table.matrix tbody").forEach(function (tb) {
        var rows = Array.prototype.slice.call(tb.querySelectorAll("tr.claim-row"));
        rows.sort(function (a, b) {
          if (byTime) {
            var ta = a.getAttribute("data-time") || "~", tb2 = b.getAttribute("data-time") || "~";
            if (ta !== tb2) return ta < tb2 ? -1 : 1;
          }
          return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        rows.forEach(function (tr) { tb.appendChild(tr); });
      });
    };
    status.addEventListener("change", applyFilter);
    who.addEventListener("change", applyFilter);
    sort.addEventListener("change", applySort);
    applyFilter();
  }
  // Folded parts (the texts, a sub-event) open when a link points into them,
  // and all open for printing.
  function openAround(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  // Following an evidence link moves keyboard focus to the sentence, so that
  // Tab continues from there and screen readers announce it.
  function focusTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    openAround(el);
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusTarget);
  if (window.location.hash) focusTarget();
})();
