// Live preview of Markdown while writing: the server renders and sanitizes (POST /preview),
// this file only shows the result. Without JavaScript the forms work the same.
"use strict";

(function () {
  const DELAY_MS = 400;

  function csrfToken(form) {
    const input = form && form.querySelector("input[name='csrf_token']");
    return input ? input.value : "";
  }

  function attach(textarea) {
    const target = document.getElementById(textarea.dataset.previewTarget);
    if (!target) { return; }
    const body = target.querySelector(".preview-body");
    let timer = null;
    let sent = 0;

    async function refresh() {
      const source = textarea.value;
      if (!source.trim()) { target.hidden = true; return; }
      const ticket = ++sent;
      const data = new URLSearchParams();
      data.set("body", source);
      data.set("csrf_token", csrfToken(textarea.form));
      try {
        const response = await fetch(textarea.dataset.previewUrl, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(textarea.form), "Accept": "application/json" },
        });
        if (!response.ok || ticket !== sent) { return; }
        const result = await response.json();
        // The HTML was sanitized by the server with the same allowlist as stored posts.
        body.innerHTML = result.html;
        target.hidden = false;
      } catch (error) { /* offline or logged out: no preview, the form still works */ }
    }

    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });
    if (textarea.value.trim()) { refresh(); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("textarea[data-preview-url]").forEach(attach);
  });
})();
