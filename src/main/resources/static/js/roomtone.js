// Roomtone's only script of its own. Pages work without it (and without htmx): it makes them faster.
(function () {
  "use strict";

  // htmx requests that change something carry the CSRF token like a form's hidden field does;
  // the token comes from the page's <meta name="csrf-token"> (no inline script: the CSP forbids it).
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb === "get") {
      return;
    }
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.parameters["_csrf"] = meta.content;
    }
  });

  // While htmx loads a result, tell assistive technology the region is busy.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) {
      target.setAttribute("aria-busy", "true");
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target) {
      target.removeAttribute("aria-busy");
    }
  });
})();
