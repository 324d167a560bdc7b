// Medspill's only script: accessibility after htmx swaps. No inline code, so
// it runs under a strict Content-Security-Policy.
//
// After htmx swaps a region, focus moves to the first invalid field, else to
// the element marked [data-focus] in the new content; the text of any
// [data-announce] element in it is read out through the live region.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("kunngjoring");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text node after a tick makes screen readers read it again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focusInto(root) {
    var target = root.querySelector("[aria-invalid='true']") || root.querySelector("[data-focus]");
    if (!target) return;
    if (!target.matches("a, button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document.body;
    var notice = root.querySelector("[data-announce]");
    if (notice) announce(notice.getAttribute("data-announce"));
    focusInto(root);
  });
})();
