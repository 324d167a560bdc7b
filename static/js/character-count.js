// Long text fields say how many characters are left, instead of silently
// cutting a paste at maxlength. No inline code, so it runs under a strict
// Content-Security-Policy.
//
// The server renders, after each textarea with a limit, a [data-character-count]
// element ("Høyst 10 000 tegn.") with the words in the page's language in data
// attributes. Here its text follows what is written ("9 950 tegn igjen",
// "50 tegn for mye") on every keystroke, for the eye only; screen readers hear
// the same words from a polite live region once the person pauses, not on
// every keystroke. The field's maxlength is removed, so a paste is kept whole
// and the server explains when a text is too long, keeping it.
(function () {
  "use strict";

  var PAUSE_MS = 1000;
  var timers = {};

  function words(counter, length) {
    var left = Number(counter.getAttribute("data-character-count")) - length;
    var count = Math.abs(left);
    var name = (left < 0 ? "data-over-" : "data-left-") + (count === 1 ? "one" : "other");
    var lang = document.documentElement.lang || undefined;
    return counter.getAttribute(name).replace("%(count)s", count.toLocaleString(lang));
  }

  function liveRegion(counter) {
    return document.getElementById(counter.id + "_live");
  }

  function setUp(root) {
    if (!root || !root.querySelectorAll) return;
    var counters = root.matches && root.matches("[data-character-count]")
      ? [root] : root.querySelectorAll("[data-character-count]");
    Array.prototype.forEach.call(counters, function (counter) {
      var field = document.getElementById(counter.id.replace(/_count$/, ""));
      if (!field || liveRegion(counter)) return;
      field.removeAttribute("maxlength");
      var live = document.createElement("p");
      live.id = counter.id + "_live";
      live.className = "ds-sr-only";
      live.setAttribute("aria-live", "polite");
      counter.setAttribute("aria-hidden", "true");  // the field describes itself by it
      counter.after(live);
      counter.textContent = words(counter, field.value.length);
    });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    var counter = field.id && document.getElementById(field.id + "_count");
    if (!counter || !counter.hasAttribute("data-character-count")) return;
    var text = words(counter, field.value.length);
    counter.textContent = text;
    counter.toggleAttribute(
      "data-over", field.value.length > Number(counter.getAttribute("data-character-count")));
    var live = liveRegion(counter);
    window.clearTimeout(timers[counter.id]);
    timers[counter.id] = window.setTimeout(function () {
      // Not if htmx has since replaced the form (a new one starts afresh).
      if (live && live.isConnected) live.textContent = text;
    }, PAUSE_MS);
  });

  document.addEventListener("htmx:load", function (event) { setUp(event.detail.elt); });
  setUp(document);
})();
