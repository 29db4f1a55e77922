// Small progressive enhancements; every action also works without JavaScript.
(function () {
  "use strict";
  document.documentElement.classList.add("nabij-js");
  document.addEventListener("DOMContentLoaded", function () {
    // The team switcher submits on change (a button is there without JavaScript).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // Move focus to the error summary after a failed submit, so it is read out first.
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
})();
