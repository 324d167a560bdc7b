// Medspill's only script: accessibility after htmx swaps. No inline code, so
// it runs under a strict Content-Security-Policy.
//
// After htmx swaps a region (in place or out of band), focus moves to the
// first invalid field, else to the element marked [data-focus] in the new
// content; the text of a [data-announce] element in it is read out through
// the live region. Each marker is used once, so later swaps do not replay it.
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("kunngjoring");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text node after a tick makes screen readers read it again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function focus(target) {
    if (!target.matches("a, button, input, select, textarea, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }

  function settle(root) {
    if (!root || !root.isConnected) return;
    var notice = root.querySelector("[data-announce]");
    if (notice) {
      announce(notice.getAttribute("data-announce"));
      notice.removeAttribute("data-announce");
    }
    var invalid = root.querySelector("[aria-invalid='true']");
    var marked = root.querySelector("[data-focus]");
    if (marked) marked.removeAttribute("data-focus");
    if (invalid) focus(invalid);
    else if (marked) focus(marked);
  }

  document.addEventListener("htmx:oobAfterSwap", function (event) {
    settle(event.detail.target);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    settle(event.detail.elt);
  });
})();
