// The catalog editors' colour fields: the picker and the hex code stay in step. Without this file the
// form still works (the server takes the picker's value when only the picker changed).
(function () {
  "use strict";
  var HEX = /^#[0-9a-fA-F]{6}$/;
  document.querySelectorAll("input[type=color][data-color-for]").forEach(function (picker) {
    var text = document.getElementById(picker.dataset.colorFor);
    if (!text) {
      return;
    }
    picker.addEventListener("input", function () { text.value = picker.value; });
    text.addEventListener("input", function () {
      var value = text.value.trim();
      if (HEX.test(value)) {
        picker.value = value.toLowerCase();
      }
    });
  });
})();
