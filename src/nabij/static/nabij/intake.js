// Intake front door: progressive disclosure on the public form, Ctrl+Enter on the staff
// screen. Without JavaScript every field shows and the submit button works as always.
(function () {
  "use strict";
  function reporterKind(form) {
    var checked = form.querySelector("input[name=reporter_kind]:checked");
    return checked ? checked.value : "";
  }
  function updateReporter(form) {
    var kind = reporterKind(form);
    var part = form.querySelector("[data-reporter-part]");
    if (part) { part.hidden = kind === "" || kind === "zelf"; }
    form.querySelectorAll("[data-reporter-only]").forEach(function (el) {
      el.hidden = el.getAttribute("data-reporter-only") !== kind;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // The "look up" button is for pages without JavaScript; with it the panel updates as the
    // worker types. Removed (not hidden) so Enter in a field still saves the form.
    document.querySelectorAll("[data-nojs-only]").forEach(function (el) { el.remove(); });
    document.querySelectorAll("form[data-intake-form]").forEach(function (form) {
      updateReporter(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "reporter_kind") { updateReporter(form); }
      });
    });
    document.querySelectorAll("form[data-ctrl-enter]").forEach(function (form) {
      form.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          var button = form.querySelector("button[type=submit][data-default]");
          if (button) { form.requestSubmit(button); } else { form.requestSubmit(); }
        }
      });
    });
  });
})();
