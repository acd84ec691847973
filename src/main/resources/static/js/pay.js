// Stripe's Payment Element on the "Request sent" page: the card form lives in Stripe's frames, so
// no card number ever reaches Roomtone. Without Stripe's script (blocked, offline) the page still
// says how to pay at the studio.
(function () {
  "use strict";
  var mount = document.getElementById("payment-element");
  if (!mount || typeof window.Stripe !== "function") {
    return;
  }
  var stripe = window.Stripe(mount.dataset.stripeKey);
  var elements = stripe.elements({ clientSecret: mount.dataset.clientSecret });
  elements.create("payment").mount(mount);
  var form = document.getElementById("pay-form");
  var message = document.getElementById("pay-message");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.setAttribute("aria-busy", "true");
    stripe
      .confirmPayment({
        elements: elements,
        confirmParams: { return_url: new URL(mount.dataset.returnUrl, window.location.href).href },
      })
      .then(function (result) {
        form.removeAttribute("aria-busy");
        if (result.error) {
          message.textContent = result.error.message;
        }
      });
  });
})();
