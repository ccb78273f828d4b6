// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    try { window.DKFDS.init(); } catch (error) { /* a page without DKFDS components */ }
  }
  // Forms that ask before a destructive action carry data-confirm="question".
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
});
