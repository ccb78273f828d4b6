// Sparring request form: refresh the suggested peers when the phases change.
// Without this file the "Find sparringspartnere" button does the same with a round trip.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("sparring-form");
  const url = form && form.dataset.suggestionsUrl;
  if (!form || !url) { return; }

  const chosenRecipients = () => Array.from(form.querySelectorAll("input[name='recipients']:checked"))
    .map((input) => input.value);

  let latest = 0;
  const refresh = async () => {
    const mine = ++latest;
    const params = new URLSearchParams();
    form.querySelectorAll("input[name='phases']:checked").forEach((input) => params.append("phases", input.value));
    chosenRecipients().forEach((id) => params.append("recipients", id));
    try {
      const response = await fetch(`${url}?${params}`, {
        credentials: "same-origin", headers: { "Accept": "text/html" },
      });
      // A slower answer to an earlier change must not overwrite a newer one.
      if (!response.ok || mine !== latest) { return; }
      const current = document.getElementById("sparring-suggestions");
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("#sparring-suggestions");
      if (mine === latest && current && fresh) { current.replaceWith(fresh); }
    } catch (error) {
      // Offline: the "Find sparringspartnere" button still works.
    }
  };

  form.querySelectorAll("input[name='phases']").forEach((input) => input.addEventListener("change", refresh));
});
