// The calendar board's drag-to-book (loaded by /admin/calendar only). Without it the board works the
// same through links: "New booking" per row, and each block's details page.
(function () {
  "use strict";

  var drag = null;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // The local date-time "2026-12-01T10:30" of column boundary `index` (0-based) of a lane: the lane
  // carries its day, its first minute and its step; the server reads the result in the studio's zone.
  function timeAt(lane, index) {
    var parts = lane.dataset.day.split("-");
    var minutes = parseInt(lane.dataset.first, 10) + index * parseInt(lane.dataset.step, 10);
    var at = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2], 0, minutes));
    return at.getUTCFullYear() + "-" + pad(at.getUTCMonth() + 1) + "-" + pad(at.getUTCDate()) +
      "T" + pad(at.getUTCHours()) + ":" + pad(at.getUTCMinutes());
  }

  function columnAt(lane, clientX) {
    var box = lane.getBoundingClientRect();
    var cols = parseInt(lane.dataset.cols, 10);
    var col = Math.floor(((clientX - box.left) / box.width) * cols);
    return Math.max(0, Math.min(cols - 1, col));
  }

  function show(state) {
    var from = Math.min(state.start, state.end);
    var to = Math.max(state.start, state.end);
    state.mark.className = "drag-select c-" + (from + 1) + " s-" + (to - from + 1);
  }

  document.addEventListener("pointerdown", function (event) {
    var lane = event.target.closest && event.target.closest(".lane[data-room]");
    // only empty time: a block is a link to its details
    if (!lane || event.button !== 0 || event.target.closest(".block")) {
      return;
    }
    var col = columnAt(lane, event.clientX);
    var mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    lane.appendChild(mark);
    drag = { lane: lane, start: col, end: col, mark: mark, moved: false };
    show(drag);
    lane.setPointerCapture(event.pointerId);
    event.preventDefault();
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) {
      return;
    }
    var col = columnAt(drag.lane, event.clientX);
    if (col !== drag.end) {
      drag.end = col;
      drag.moved = true;
      show(drag);
    }
  });

  function finish(event, cancelled) {
    if (!drag) {
      return;
    }
    var state = drag;
    drag = null;
    state.mark.remove();
    if (cancelled) {
      return;
    }
    var from = Math.min(state.start, state.end);
    var to = Math.max(state.start, state.end) + 1;
    if (!state.moved) {
      // a click without a drag: an hour from there
      to = from + Math.max(1, Math.round(60 / parseInt(state.lane.dataset.step, 10)));
    }
    window.location.assign("/admin/calendar/new?room=" + encodeURIComponent(state.lane.dataset.room) +
      "&start=" + encodeURIComponent(timeAt(state.lane, from)) +
      "&end=" + encodeURIComponent(timeAt(state.lane, to)));
  }

  document.addEventListener("pointerup", function (event) {
    finish(event, false);
  });
  document.addEventListener("pointercancel", function (event) {
    finish(event, true);
  });

  // A service's own colour (data-colour, #rrggbb) on its blocks and its key in the legend: set
  // through the CSSOM, which the CSP allows (a style attribute it refuses). The server chose the ink
  // for this colour; without this script the block keeps a palette class with the same ink.
  var HEX = /^#[0-9a-fA-F]{6}$/;
  function paint(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("[data-colour]").forEach(function (el) {
      if (HEX.test(el.dataset.colour)) {
        el.style.setProperty("--block-bg", el.dataset.colour);
        el.classList.add("painted");
      }
    });
  }
  paint(document);
  // the board swapped in by htmx (previous, next, another view)
  document.addEventListener("htmx:load", function (event) {
    paint(event.detail && event.detail.elt);
  });

  // a block's details arrive in the side panel: take the keyboard there
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "panel") {
      var heading = document.getElementById("detail-heading");
      if (heading) {
        heading.focus();
      }
    }
  });
})();
