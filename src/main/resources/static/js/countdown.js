// The hold's countdown on the booking step. The server renders the expiry time (enough without
// JavaScript) and the seconds left by its own clock; this counts those down, so a wrong clock on the
// visitor's device changes nothing. The visible "mm:ss left" changes every second but is hidden from
// screen readers; a polite live region speaks only at whole minutes, at 30 s, and when it runs out.
(function () {
  "use strict";

  function start(box) {
    var left = parseInt(box.getAttribute("data-seconds-left"), 10);
    if (isNaN(left)) {
      return;
    }
    var format = box.getAttribute("data-format") || "{0} left";
    var shown = box.querySelector("[data-countdown-text]");
    var announce = box.querySelector("[data-countdown-announce]");
    var expired = document.querySelector("[data-countdown-expired]");
    var deadline = Date.now() + left * 1000;
    var lastSpoken = null;

    function text(seconds) {
      var m = Math.floor(seconds / 60);
      var s = seconds % 60;
      return format.replace("{0}", m + ":" + (s < 10 ? "0" : "") + s);
    }

    function tick() {
      var seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (seconds === 0) {
        box.hidden = true;
        if (expired) {
          expired.hidden = false;
          var problem = expired.querySelector(".problem");
          if (problem) {
            problem.setAttribute("role", "alert");
          }
        }
        return;
      }
      shown.hidden = false;
      shown.setAttribute("aria-hidden", "true");
      shown.textContent = text(seconds);
      var speak = seconds % 60 === 0 || seconds === 30 || lastSpoken === null;
      if (speak && announce && lastSpoken !== seconds) {
        lastSpoken = seconds;
        announce.textContent = text(seconds);
      }
      window.setTimeout(tick, 500);
    }

    tick();
  }

  function init() {
    var boxes = document.querySelectorAll("[data-countdown]");
    for (var i = 0; i < boxes.length; i++) {
      start(boxes[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
