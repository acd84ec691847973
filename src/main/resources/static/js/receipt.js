// The receipt's "Print" button: hidden until this script runs, so that without JavaScript nobody
// sees a button that does nothing (the page's hint says how to print from the browser).
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
