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
  // Filter the claims matrix by status: a row stays when one of its cells has it.
  var filter = document.getElementById("matrix-filter");
  if (filter) {
    filter.hidden = false;
    var count = filter.querySelector(".filter-count");
    var applyFilter = function () {
      var picked = filter.querySelector("input[name=matrix-status]:checked");
      var want = picked ? picked.value : "all";
      var rows = document.querySelectorAll("table.matrix tr.claim-row");
      var shown = 0;
      rows.forEach(function (tr) {
        var keep = want === "all" || (" " + tr.getAttribute("data-statuses") + " ").indexOf(" " + want + " ") >= 0;
        tr.hidden = !keep;
        if (keep) shown += 1;
      });
      // a sub-event heading goes with its rows
      document.querySelectorAll("table.matrix tbody").forEach(function (tb) {
        var head = tb.querySelector("tr.subevent");
        if (head) head.hidden = !tb.querySelector("tr.claim-row:not([hidden])");
      });
      if (count) count.textContent = shown + " of " + rows.length + " rows";
    };
    filter.addEventListener("change", applyFilter);
    applyFilter();
  }
  // Following an evidence link moves keyboard focus to the sentence, so that
  // Tab continues from there and screen readers announce it.
  function focusTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusTarget);
  if (window.location.hash) focusTarget();
})();
