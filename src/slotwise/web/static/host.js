// The host's pages: copy a booking link, confirm a deletion, add and remove a day's ranges,
// fill a form's zone with the browser's. Every page works without it.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        var status = document.getElementById("copy-status");
        if (status) { status.textContent = "Link copied"; }
      });
    }
    var add = event.target.closest("[data-add-range]");
    if (add) {
      var list = document.getElementById(add.getAttribute("data-add-range"));
      var template = list && list.querySelector("template");
      if (template) {
        list.insertBefore(template.content.cloneNode(true), template);
        var inputs = list.querySelectorAll("input");
        if (inputs.length) { inputs[inputs.length - 2].focus(); }
      }
    }
    var remove = event.target.closest("[data-remove-range]");
    if (remove) {
      var range = remove.closest(".range");
      if (range) { range.remove(); }
    }
  });
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
  // A page answered to a POST (a new API key shown once): a reload must not post again.
  if (document.querySelector("[data-answer-to-post]") && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.href);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll("[data-browser-zone]").forEach(function (input) {
      if (zone && (!input.value || input.value === "UTC")) { input.value = zone; }
    });
  });
})();
