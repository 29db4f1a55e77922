// Contact-moment form: ask before leaving with changes that are not saved anywhere yet.
// (The form autosaves a draft through htmx; without JavaScript the "Concept bewaren" button does.)
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-autosave]");
    if (!form) { return; }
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt === form && event.detail.successful) { dirty = false; }
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });
})();
