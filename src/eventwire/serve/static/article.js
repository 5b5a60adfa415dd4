/* Article view: #event-ID in the URL scrolls to that event's sentence and highlights it. */
"use strict";

(() => {
  function focusEvent() {
    document.querySelectorAll(".focus").forEach((n) => n.classList.remove("focus"));
    const hash = decodeURIComponent(location.hash.slice(1));
    if (!hash.startsWith("event-")) return;
    const id = hash.slice("event-".length);
    // data-ev lists the events whose sentence covers a segment (space-separated ids).
    const parts = [...document.querySelectorAll("[data-ev]")].filter((n) => n.dataset.ev.split(" ").includes(id));
    parts.forEach((n) => n.classList.add("focus"));
    document.querySelectorAll(".ev-item").forEach((n) => n.classList.toggle("focus", n.dataset.target === id));
    const anchor = document.getElementById(hash);
    const target = parts[0] || anchor;
    if (target) target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusEvent);
  focusEvent();
})();
