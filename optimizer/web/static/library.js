// The library of saved scenarios, in <section id="library">: the open one's name and link,
// Save as, the list (open, rename, duplicate, delete, export), import of a .toml file, the
// open one's history and two side by side. Every word comes from /api/words. It talks to
// the server through the page's helpers (window.grantopt: api, update, from app.js, which
// is loaded first); when the session has ended (the `grantopt:ended` event, or a 401 here) it offers to
// reopen the saved scenario the page was on, by its URL.
"use strict";

(() => {
  const section = document.getElementById("library");
  if (!section) return;

  let W = {};          // the words of the page's language
  let doc = null;      // the last /api/library answer
  let lastOpen = sessionStorage.getItem("grantopt-library-open");  // slug, for "ended"

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }
  const w = (key) => W[key] || key;
  const page = () => window.grantopt;
  const call = (method, path, body) => page().api(method, path, body);

  // --- the section's parts, made once -----------------------------------------------------

  const heading = el("h2", "", { id: "library-title" });
  section.setAttribute("aria-labelledby", "library-title");
  const status = el("p", "", { id: "library-open", "aria-live": "polite" });
  const message = el("p", "", { id: "library-message", role: "alert", hidden: "" });
  const ended = el("p", "", { id: "library-ended", role: "alert", hidden: "" });

  const saveForm = el("form", null, { id: "library-save" });
  const nameLabel = el("label");
  const nameText = el("span");
  const nameInput = el("input", null, { type: "text", id: "library-name", maxlength: "120",
                                        autocomplete: "off" });
  nameLabel.append(nameText, " ", nameInput);
  const saveButton = el("button", "", { type: "submit", id: "library-save-button" });
  saveForm.append(nameLabel, " ", saveButton);

  const listHeading = el("h3");
  const refresh = el("button", "", { type: "button", id: "library-refresh" });
  const list = el("table", null, { id: "library-list" });
  const empty = el("p", "", { id: "library-empty", hidden: "" });

  const importLabel = el("label");
  const importText = el("span");
  const importInput = el("input", null, { type: "file", id: "library-import", accept: ".toml,text/plain" });
  importLabel.append(importText, " ", importInput);

  const historyBox = el("details", null, { id: "library-history-box" });
  const historySummary = el("summary");
  const history = el("table", null, { id: "library-history" });
  historyBox.append(historySummary, history);

  const diffBox = el("fieldset", null, { id: "library-diff-box" });
  const diffLegend = el("legend");
  const pickA = el("select", null, { id: "library-diff-a" });
  const pickB = el("select", null, { id: "library-diff-b" });
  const labelA = el("label"); const textA = el("span"); labelA.append(textA, " ", pickA);
  const labelB = el("label"); const textB = el("span"); labelB.append(textB, " ", pickB);
  const compare = el("button", "", { type: "button", id: "library-diff-button" });
  const diffText = el("pre", "", { id: "library-diff", hidden: "" });
  diffBox.append(diffLegend, labelA, " ", labelB, " ", compare, diffText);

  section.replaceChildren(heading, status, ended, message, saveForm, listHeading, refresh,
                          list, empty, importLabel, historyBox, diffBox);

  function showMessage(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  function labelParts() {
    heading.textContent = w("library");
    nameText.textContent = w("lib_name");
    saveButton.textContent = w("lib_save_as");
    listHeading.textContent = w("lib_list");
    refresh.textContent = w("lib_reload");
    empty.textContent = w("lib_empty");
    importText.textContent = w("lib_import");
    historySummary.textContent = w("lib_history");
    diffLegend.textContent = w("lib_diff");
    textA.textContent = w("lib_first");
    textB.textContent = w("lib_second");
    compare.textContent = w("lib_compare");
  }

  // --- rendering --------------------------------------------------------------------------

  const when = (iso) => iso ? new Date(iso).toLocaleString(W.lang === "fi" ? "fi-FI" : "en-GB") : "";

  function render() {
    if (!doc) return;
    const open = doc.scenarios.find((s) => s.slug === doc.open) || null;
    lastOpen = open ? open.slug : lastOpen;
    if (open) sessionStorage.setItem("grantopt-library-open", open.slug);
    // The address bar names what is open: a saved scenario's URL, else the page's own.
    const path = open ? open.url : "/";
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
    status.replaceChildren();
    if (open) {
      const link = el("a", w("lib_link"), { href: open.url, id: "library-link" });
      status.append(w("lib_open_now") + ": ", el("strong", open.name, { id: "library-open-name" }),
                    " (", link, "). " + w("lib_autosaved"));
    } else {
      status.textContent = w("lib_unsaved");
    }
    renderList(open);
    renderPicks();
    historyBox.hidden = !open;
    if (open) loadHistory(open.slug);
  }

  function renderList(open) {
    const head = el("tr");
    for (const key of ["lib_name", "lib_base", "lib_updated", "lib_who"]) head.append(el("th", w(key), { scope: "col" }));
    head.append(el("th", w("lib_action"), { scope: "col" }));
    const rows = doc.scenarios.map((s) => {
      const tr = el("tr", null, { "data-slug": s.slug });
      if (open && s.slug === open.slug) tr.setAttribute("aria-current", "true");
      tr.append(el("td", s.name), el("td", s.base), el("td", when(s.updated_at)),
                el("td", s.updated_by || "–"));
      const actions = el("td");
      actions.append(
        button("lib_open", s, () => openSaved(s.slug)),
        button("lib_rename", s, () => renameOrCopy(s, "rename")),
        button("lib_duplicate", s, () => renameOrCopy(s, "duplicate")),
        button("lib_delete", s, () => remove(s)),
        el("a", w("lib_export"), { href: "/api/library/" + s.slug + "/scenario.toml",
                                     download: "", "aria-label": w("lib_export") + ": " + s.name }));
      tr.append(actions);
      return tr;
    });
    list.replaceChildren(el("thead"), el("tbody"));
    list.tHead.append(head);
    list.tBodies[0].append(...rows);
    list.hidden = !rows.length;
    empty.hidden = rows.length > 0;
  }

  function button(key, s, action) {
    const b = el("button", w(key), { type: "button", "aria-label": w(key) + ": " + s.name,
                                     "data-action": key.slice(4) });
    b.addEventListener("click", action);
    return b;
  }

  function renderPicks() {
    for (const [select, other] of [[pickA, 0], [pickB, 1]]) {
      const kept = select.value;
      select.replaceChildren(...doc.scenarios.map((s) => el("option", s.name, { value: s.slug })));
      if (doc.scenarios.some((s) => s.slug === kept)) select.value = kept;
      else if (doc.scenarios[other]) select.value = doc.scenarios[other].slug;
    }
    if (pickA.value === pickB.value && doc.scenarios.length > 1) {  // two different ones
      pickB.value = doc.scenarios.find((s) => s.slug !== pickA.value).slug;
    }
    diffBox.hidden = doc.scenarios.length < 2;
  }

  async function loadHistory(slug) {
    try {
      const answer = await call("GET", "/api/library/" + slug + "/history");
      const head = el("tr");
      for (const key of ["lib_when", "lib_who", "lib_action", "lib_key", "lib_old", "lib_new"]) {
        head.append(el("th", w(key), { scope: "col" }));
      }
      const rows = answer.entries.slice().reverse().map((e) => {
        const tr = el("tr");
        tr.append(el("td", when(e.at)), el("td", e.who || "–"), el("td", e.action_text),
                  el("td", e.key_text, e.key ? { "data-key": e.key } : {}),
                  el("td", e.old === null ? "" : e.old), el("td", e.new === null ? "" : e.new));
        return tr;
      });
      history.replaceChildren(el("thead"), el("tbody"));
      history.tHead.append(head);
      history.tBodies[0].append(...rows);
    } catch (error) {
      showMessage(error.message);
    }
  }

  // --- actions ----------------------------------------------------------------------------

  async function load() {
    try {
      doc = await call("GET", "/api/library");
      render();
    } catch (error) {
      showMessage(error.message);
    }
  }

  async function act(method, path, body) {
    try {
      doc = await call(method, path, body);
      showMessage("");
      render();
      return true;
    } catch (error) {
      showMessage(error.message);
      return false;
    }
  }

  async function openSaved(slug) {
    showMessage("");
    await page().update("POST", "/api/library/" + slug + "/open");
    await load();
  }

  async function renameOrCopy(s, what) {
    const name = window.prompt(w("lib_new_name") + " (" + w(what === "rename" ? "lib_rename" : "lib_duplicate") + ": " + s.name + ")", s.name);
    if (name === null || !name.trim()) return;
    await act("POST", "/api/library/" + s.slug + "/" + what, { name: name.trim() });
  }

  async function remove(s) {
    if (!window.confirm(w("lib_confirm_delete") + "\n" + s.name)) return;
    await act("DELETE", "/api/library/" + s.slug);
  }

  saveForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) { nameInput.focus(); return; }
    if (await act("POST", "/api/library", { name })) nameInput.value = "";
  });

  refresh.addEventListener("click", load);

  importInput.addEventListener("change", async () => {
    const file = importInput.files && importInput.files[0];
    if (!file) return;
    const text = await file.text();
    const name = file.name.replace(/\.toml$/i, "");
    await act("POST", "/api/library/import", { name, toml: text });
    importInput.value = "";
  });

  compare.addEventListener("click", async () => {
    try {
      const answer = await call("GET", "/api/library/diff?a=" + encodeURIComponent(pickA.value) +
                                "&b=" + encodeURIComponent(pickB.value));
      diffText.textContent = answer.text;
      diffText.hidden = false;
      showMessage("");
    } catch (error) {
      showMessage(error.message);
    }
  });

  // The session has ended (server restarted, or idle too long): offer the saved scenario's
  // URL, which opens it in a new session.
  document.addEventListener("grantopt:ended", (event) => {
    ended.replaceChildren(event.detail && event.detail.message ? event.detail.message + " " : "");
    if (lastOpen) {
      ended.append(el("a", w("lib_ended_reopen"), { href: "/s/" + lastOpen, id: "library-reopen" }));
    }
    ended.hidden = false;
  });

  // --- words, and keeping up with the page ------------------------------------------------

  async function loadWords() {
    const lang = document.documentElement.lang || "en";
    try {
      W = await call("GET", "/api/words?lang=" + lang);
    } catch (error) {
      return;
    }
    labelParts();
    render();
  }

  // The page switches language by setting <html lang>; its results change with each
  // change of the session (the summary is redrawn): the history follows.
  new MutationObserver(loadWords).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  const summary = document.getElementById("summary");
  let pending = null;
  if (summary) {
    new MutationObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(load, 200);
    }).observe(summary, { childList: true, subtree: true, characterData: true });
  }

  loadWords().then(load);
})();
