// Medspill's only script: accessibility after htmx swaps. No inline code, so
// it runs under a strict Content-Security-Policy.
//
// After htmx swaps a region (in place or out of band), focus moves to the
// error summary of a form sent with mistakes, else to the element marked
// [data-focus] in the new content; the text of a [data-announce] element in
// it is read out through the live region. Each marker is used once, so later
// swaps do not replay it. (On a full page the summary's autofocus does it.)
// A link in an error summary puts focus in its field, with the label in view.
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

  // An error summary in swapped content takes focus as soon as it is in the
  // page. Its autofocus (for full pages) is dropped here, or htmx would focus
  // it again when it settles, after the person may have moved on.
  function focusErrorSummary(root) {
    if (!root || !root.isConnected) return;
    var summary = root.matches("[data-error-summary][autofocus]")
      ? root : root.querySelector("[data-error-summary][autofocus]");
    if (!summary) return;
    summary.removeAttribute("autofocus");
    if (!summary.contains(document.activeElement)) focus(summary);
  }

  function settle(root) {
    if (!root || !root.isConnected) return;
    var notice = root.querySelector("[data-announce]");
    if (notice) {
      announce(notice.getAttribute("data-announce"));
      notice.removeAttribute("data-announce");
    }
    var marked = root.querySelector("[data-focus]");
    if (marked) marked.removeAttribute("data-focus");
    if (marked && !root.querySelector("[data-error-summary]")) focus(marked);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var label = field.labels && field.labels[0];
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.detail.elt);
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    focusErrorSummary(event.detail.target);
    settle(event.detail.target);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    settle(event.detail.elt);
  });

  // A page loaded after a form was sent (a redirect, or htmx's client
  // redirect after a change that shows all over the page) opens at its
  // message, so keyboard and screen-reader users hear what happened.
  var message = document.querySelector("#meldinger .ds-alert");
  if (message && !document.querySelector("[data-error-summary][autofocus]")) focus(message);
})();
