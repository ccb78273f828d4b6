// @mentions: typing "@" and the start of a name in a post's text offers matching members;
// choosing one inserts "@[Full Name]". Progressive enhancement: without this file members
// type @[Full Name] by hand. Works on every textarea named "body".
"use strict";

(() => {
  const TRIGGER = /@\[?([^\]\n@]{1,40})$/;
  let counter = 0;

  function setUp(textarea) {
    const id = `mention-list-${++counter}`;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    textarea.insertAdjacentElement("afterend", list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);
    let timer = null;
    let active = -1;
    let items = [];

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function choose(member) {
      const caret = textarea.selectionStart;
      const before = textarea.value.slice(0, caret).replace(TRIGGER, "");
      const after = textarea.value.slice(caret);
      textarea.value = `${before}@[${member.name}] ${after}`;
      const position = before.length + member.name.length + 4;
      textarea.setSelectionRange(position, position);
      textarea.focus();
      close();
    }

    function highlight(index) {
      items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (items[index]) { textarea.setAttribute("aria-activedescendant", items[index].id); }
    }

    function show(members) {
      close();
      members.forEach((member, index) => {
        const item = document.createElement("li");
        item.id = `${id}-${index}`;
        item.setAttribute("role", "option");
        item.textContent = `${member.name} (${member.organization})`;
        item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(member); });
        item.member = member;
        list.appendChild(item);
        items.push(item);
      });
      list.hidden = items.length === 0;
      if (items.length) { highlight(0); }
    }

    textarea.addEventListener("input", () => {
      const match = textarea.value.slice(0, textarea.selectionStart).match(TRIGGER);
      window.clearTimeout(timer);
      if (!match) { close(); return; }
      timer = window.setTimeout(() => {
        fetch(`/members/autocomplete?q=${encodeURIComponent(match[1])}`, { credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : []))
          .then(show)
          .catch(close);
      }, 150);
    });

    textarea.addEventListener("keydown", (event) => {
      if (list.hidden || !items.length) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) { event.preventDefault(); choose(items[active].member); }
      } else if (event.key === "Escape") { close(); }
    });
    textarea.addEventListener("blur", () => window.setTimeout(close, 150));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll('textarea[name="body"]').forEach(setUp);
  });
})();
