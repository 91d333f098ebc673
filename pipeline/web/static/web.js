// The form works without this script; with it, the student sees that the check is running (it takes a few
// seconds) and cannot send the same report twice by clicking again.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("check-form");
  if (!form) { return; }
  var button = document.getElementById("send");
  var working = document.getElementById("working");
  form.addEventListener("submit", function () {
    working.hidden = false;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
  });
  // back from the result page: the form is usable again
  window.addEventListener("pageshow", function () {
    working.hidden = true;
    button.disabled = false;
    form.removeAttribute("aria-busy");
  });
});
