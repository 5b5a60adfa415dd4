/* /api/docs: a "Try it" form sends only the fields that were filled in (a blank date is no date). */
"use strict";
document.querySelectorAll("form.try-it").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("input").forEach((input) => { input.disabled = input.value.trim() === ""; });
    setTimeout(() => form.querySelectorAll("input").forEach((input) => { input.disabled = false; }), 0);
  });
});
