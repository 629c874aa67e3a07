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
