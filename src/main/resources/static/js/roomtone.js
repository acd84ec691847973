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

  // Times are studio time. A visitor whose browser is in another zone also sees theirs: beside the
  // footer's zone line, and after every <time data-local datetime="…Z"> of the page.
  function visitorTimes(root) {
    var studio = document.querySelector('meta[name="studio-zone"]');
    var label = document.querySelector('meta[name="visitor-zone-label"]');
    if (!studio || !label || !window.Intl) {
      return;
    }
    var visitor = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!visitor || visitor === studio.content) {
      return;
    }
    var footer = document.querySelector(".foot .zone-visitor");
    if (footer && !footer.textContent) {
      footer.textContent = label.dataset.zone.replace("{0}", visitor);
    }
    // 24-hour like the studio's own times, whatever the browser's locale prefers
    var clock = new Intl.DateTimeFormat(undefined, { timeZone: visitor, hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" });
    root.querySelectorAll("time[data-local][datetime]").forEach(function (time) {
      if (time.nextElementSibling && time.nextElementSibling.classList.contains("visitor-time")) {
        return;
      }
      var instant = new Date(time.getAttribute("datetime"));
      if (isNaN(instant)) {
        return;
      }
      var yours = document.createElement("span");
      yours.className = "visitor-time";
      yours.textContent = " (" + label.content.replace("{0}", clock.format(instant)) + ")";
      time.insertAdjacentElement("afterend", yours);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { visitorTimes(document); });
  document.addEventListener("htmx:afterSettle", function (event) { visitorTimes(event.detail.target || document); });
})();
