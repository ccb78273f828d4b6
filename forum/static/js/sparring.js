// Sparring request form: refresh the suggested peers when the phases change.
// Without this file the "Find sparringspartnere" button does the same with a round trip.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("sparring-form");
  const url = form && form.dataset.suggestionsUrl;
  if (!form || !url) { return; }

  const chosenRecipients = () => Array.from(form.querySelectorAll("input[name='recipients']:checked"))
    .map((input) => input.value);

  let pending = null;
  const refresh = async () => {
    const params = new URLSearchParams();
    form.querySelectorAll("input[name='phases']:checked").forEach((input) => params.append("phases", input.value));
    chosenRecipients().forEach((id) => params.append("recipients", id));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    try {
      const response = await fetch(`${url}?${params}`, {
        credentials: "same-origin", signal: pending.signal, headers: { "Accept": "text/html" },
      });
      if (!response.ok) { return; }
      const current = document.getElementById("sparring-suggestions");
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("#sparring-suggestions");
      if (current && fresh) { current.replaceWith(fresh); }
    } catch (error) {
      // Offline or aborted: the button still works.
    }
  };

  form.querySelectorAll("input[name='phases']").forEach((input) => input.addEventListener("change", refresh));
});
