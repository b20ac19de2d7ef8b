// The what-if page: every control sends the scenario key it sets with a typed JSON value
// ({"key": "budget.appropriation", "value": 12000000}; docs/api.md), and the server answers
// with the whole state, numbers already written in the page's language. What a person typed
// in an amount or share field goes as the text it is, which the server reads in the page's
// language. Hand-written, no library, nothing fetched from anywhere but this server.
"use strict";

let L = {};            // labels of the page's language (/api/words)
let state = null;      // the last state the server sent
let selected = null;   // the application whose explanation is shown
let queue = Promise.resolve();  // changes go to the server one after another, in order
let job = null;        // the running background job
let ended = false;     // the server said the session has ended: nothing more is sent

const $ = (id) => document.getElementById(id);

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

// The session's token, which the page carries and a page of another origin cannot read;
// the server refuses a change without it.
const TOKEN = (document.querySelector('meta[name="grantopt-token"]') || {}).content || "";

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (method !== "GET") options.headers["X-Grantopt-Token"] = TOKEN;
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const doc = await response.json();
  if (response.status === 401) sessionEnded(doc.error || response.statusText);
  if (!response.ok) throw new Error(doc.error || response.statusText);
  return doc;
}

// The session is gone (a restart, or idle while room was needed): say so where it is seen,
// stop sending changes, and let the library (library.js) offer to reopen a saved scenario.
function sessionEnded(message) {
  if (!ended) {
    ended = true;
    document.dispatchEvent(new CustomEvent("grantopt:ended", { detail: { message } }));
  }
  $("ended-text").textContent = message;
  $("ended").hidden = false;
  for (const node of document.querySelectorAll("#controls input, #controls select, " +
                                                "#controls button")) node.disabled = true;
}

function showError(message) {
  $("error-text").textContent = message;
  $("error").hidden = !message;
}

// Send a request that changes the state; on a bad value the server keeps the state as it was,
// the message shows, and the controls go back to the state's values.
function update(method, path, body) {
  queue = queue.then(async () => {
    if (ended) return;
    $("busy").hidden = false;
    try {
      render(await api(method, path, body));
      showError("");
    } catch (error) {
      showError(error.message);
      if (state) renderControls(state);
    } finally {
      $("busy").hidden = true;
    }
  });
  return queue;
}

// Changes as [{key, value}, ...]: typed JSON values, checked by the server's scenario schema.
function send(changes) { return update("POST", "/api/change", { changes }); }

function change(key, value) { return { key, value }; }

// --- labels ---------------------------------------------------------------------------------

async function loadWords(lang) {
  L = await api("GET", "/api/words?lang=" + lang);
  document.documentElement.lang = lang;
  document.title = L.title;
  for (const node of document.querySelectorAll("[data-label]")) {
    node.textContent = L[node.dataset.label] || node.dataset.label;
  }
  for (const node of document.querySelectorAll("[data-aria-label]")) {
    node.setAttribute("aria-label", L[node.dataset.ariaLabel] || node.dataset.ariaLabel);
  }
}

// --- rendering ------------------------------------------------------------------------------

function render(next) {
  state = next;
  renderOffers(next);
  renderControls(next);
  renderSummary(next);
  renderChange($("last-change"), $("last-change-body"), next.last_change);
  renderChange($("pinned"), $("pinned-body"), next.pinned);
  $("unpin").hidden = !next.pinned;
  renderTables(next);
  renderSwing(next);
  renderRobustStale(next);
  renderFigures(next);
  renderValueForMoney(next);
  for (const a of document.querySelectorAll(".needs-portfolio")) {
    a.classList.toggle("disabled", !next.result.feasible);
  }
  if (selected) explain(selected);
}

function renderOffers(s) {
  const select = $("offer");
  if (select.options.length !== s.offers.length) {
    select.replaceChildren(...s.offers.map((name) => el("option", name, { value: name })));
  }
  select.value = s.offer;
}

function renderControls(s) {
  const values = s.controls.values;
  for (const input of document.querySelectorAll("#controls [data-key]")) {
    const value = values[input.dataset.key];
    if (input.type === "checkbox") input.checked = Boolean(value);
    else if (!input.dataset.typing) input.value = value === null || value === undefined
      ? "" : String(value);
  }
  const slider = $("budget-slider");
  slider.max = String(Math.ceil(s.controls.budget_max / 100000) * 100000);
  slider.value = String(values["budget.appropriation"]);
  renderWeights(s);
  renderLinks(s);
  renderPools(s);
  renderYears(s);
  const locks = [...values["locks.fund"].map((id) => id + " (" + L.locked_in + ")"),
                 ...values["locks.reject"].map((id) => id + " (" + L.locked_out + ")")];
  $("locks-list").textContent = locks.length ? locks.join(", ") : L.none_value;
}

function renderWeights(s) {
  const body = $("weights-body");
  const rows = [];
  const given = s.controls.values["scoring.weights"] || {};
  // No weight given: each input shows the weight in effect (the normalised one), and a
  // change sends them all, so that the weights given stay a whole table.
  const none = Object.keys(given).length === 0;
  for (const group of s.controls.groups) {
    const row = el("tr", null, { class: "group" });
    const name = L.group + " " + group.id + ": " + group.label;
    row.append(el("th", name, { scope: "row" }),
               weightCell(group.id, given[group.id], name, false), el("td"));
    rows.push(row);
  }
  for (const c of s.controls.criteria) {
    const row = el("tr");
    const shown = c.given ?? (none ? Math.round(c.normalised * 1000) / 1000 : null);
    row.append(el("th", c.label, { scope: "row" }), weightCell(c.id, shown, c.name, none),
               el("td", c.normalised_text, { class: "num", "data-weight": c.id }));
    rows.push(row);
  }
  body.replaceChildren(...rows);
  $("proxy-note").hidden = !s.proxy;
  $("proxy-note").textContent = L.proxy;
}

// --- links, pools and years (issue 14): each change a typed value the server checks ----------

// What a person typed as a number: a plain number as it is, else the text, which the server
// reads in the page's language ("12 000 000 €", "0,6" in Finnish) or refuses with an example.
function numberOr(text) {
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(n) ? n : text.trim();
}

// A bonus in score points (neither an amount nor a share): a decimal comma or point.
function scoreOr(text) {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() !== "" && Number.isFinite(n) ? n : text.trim();
}

// "2021 = 0,5, 2022 = 50 %" as {"2021": 0.5 or "0,5", ...}: entries part where a year
// begins (a decimal comma stays inside its share), each share sent as typed.
function yearShares(text) {
  const entries = text.split(/[;\n]|,\s*(?=\d{4}\s*=)/).map((e) => e.trim()).filter((e) => e);
  return Object.fromEntries(entries.map((entry) => {
    const [year, ...rest] = entry.split("=");
    return [year.trim(), numberOr(rest.join("="))];
  }));
}

function renderLinks(s) {
  const items = s.controls.links.map((link, n) => {
    const li = el("li", link.text, { "data-kind": link.kind, "data-ids": link.ids.join(",") });
    const remove = el("button", L.remove, { type: "button", "data-remove-link": String(n) });
    remove.addEventListener("click", () => {
      send([change("links", s.controls.values.links.filter((_, m) => m !== n))]);
    });
    li.append(remove);
    return li;
  });
  $("links-list").replaceChildren(...(items.length ? items : [el("li", L.no_links)]));
  const kind = $("link-kind").value;
  for (const node of document.querySelectorAll(".for-requires")) node.hidden = kind !== "requires";
  for (const node of document.querySelectorAll(".for-synergy")) node.hidden = kind !== "synergy";
}

async function addLink() {
  const kind = $("link-kind").value;
  const ids = $("link-ids").value.split(/[,\s]+/).map((x) => x.trim()).filter((x) => x);
  const link = { kind, ids };
  if (kind === "requires") link.requires = $("link-requires").value.trim();
  if (kind === "synergy") {
    if ($("link-bonus").value.trim()) link.bonus = scoreOr($("link-bonus").value);
    if ($("link-saving").value.trim()) link.saving_eur = numberOr($("link-saving").value);
  }
  const before = state ? state.version : null;
  await send([change("links", [...(state ? state.controls.values.links : []), link])]);
  if (state && state.version !== before) {
    for (const id of ["link-ids", "link-requires", "link-bonus", "link-saving"]) $(id).value = "";
  }
}

function pickForLink(id, kind) {
  if (kind) $("link-kind").value = kind;
  const ids = $("link-ids").value.split(/[,\s]+/).filter((x) => x && x !== id);
  $("link-ids").value = (kind ? [id] : [...ids, id]).join(", ") + (kind ? ", " : "");
  if (state) renderLinks(state);
  $("link-ids").focus();
}

function renderPools(s) {
  const pools = s.controls.values["budget.pools"];
  $("no-pools").hidden = pools.length > 0;
  $("pools-table").hidden = !pools.length;
  const rows = pools.map((pool, n) => {
    const tr = el("tr", null, { "data-pool": pool.name });
    const who = s.controls.pools[n].who;  // in words, from the server
    const input = el("input", null, { type: "text", inputmode: "numeric",
                                      "aria-label": L.pool + " " + pool.name,
                                      "data-pool-eur": pool.name });
    input.value = String(pool.appropriation_eur);
    input.addEventListener("change", () => {
      const next = pools.map((p, m) => (m === n ? { ...p, appropriation_eur: numberOr(input.value) }
                                                 : p));
      send([change("budget.pools", next)]);
    });
    const cell = el("td");
    cell.append(input);
    const remove = el("button", L.remove, { type: "button", "data-remove-pool": pool.name });
    remove.addEventListener("click", () => {
      send([change("budget.pools", pools.filter((_, m) => m !== n))]);
    });
    const last = el("td");
    last.append(remove);
    tr.append(el("td", pool.name), el("td", who || L.pool_anyone, { class: "note" }), cell, last);
    return tr;
  });
  $("pools-body").replaceChildren(...rows);
  // the round's regions, one checkbox each, for a new pool (checked ones kept on a re-render)
  const list = $("pool-regions-list");
  const checked = new Set([...list.querySelectorAll("input:checked")].map((i) => i.value));
  if (list.dataset.regions !== s.controls.regions.join("|")) {
    list.dataset.regions = s.controls.regions.join("|");
    list.replaceChildren(...s.controls.regions.map((region) => {
      const label = el("label", null, { class: "check" });
      const box = el("input", null, { type: "checkbox", value: region, name: "pool-region" });
      box.checked = checked.has(region);
      label.append(box, " " + region);
      return label;
    }));
  }
}

// A new pool from its form: name, appropriation as typed, the regions checked (none: any).
async function addPool() {
  if (!state) return;
  const name = $("pool-name").value.trim();
  const pool = { name, appropriation_eur: numberOr($("pool-eur").value) };
  const regions = [...document.querySelectorAll("#pool-regions-list input:checked")]
    .map((i) => i.value);
  if (regions.length) pool.regions = regions;
  const before = state.version;
  await send([change("budget.pools", [...state.controls.values["budget.pools"], pool])]);
  if (state.version !== before) {
    $("pool-name").value = "";
    $("pool-eur").value = "";
    for (const box of document.querySelectorAll("#pool-regions-list input")) box.checked = false;
  }
}

function renderYears(s) {
  const years = s.controls.values["budget.years"] || {};
  const split = s.controls.values["budget.year_split"] || {};
  $("no-years").hidden = Object.keys(years).length > 0;
  $("years-table").hidden = !Object.keys(years).length;
  const rows = Object.entries(years).map(([year, eur]) => {
    const tr = el("tr", null, { "data-year": year });
    const input = el("input", null, { type: "text", inputmode: "numeric",
                                      "aria-label": L.year + " " + year, "data-year-eur": year });
    input.value = String(eur);
    input.addEventListener("change", () => send([change("budget.years." + year,
                                                        numberOr(input.value))]));
    const cell = el("td");
    cell.append(input);
    tr.append(el("td", year), cell);
    return tr;
  });
  $("years-body").replaceChildren(...rows);
  $("year-split").value = Object.entries(split).map(([y, v]) => y + " = " + v).join(", ");
}

// A weight's input, labelled by the criterion's (or group's) name; its key goes to the server.
// `whole`: send every criterion's weight shown with this one (no weight was given before).
function weightCell(id, given, name, whole) {
  const input = el("input", null, { type: "text", inputmode: "decimal", size: "5",
                                    "data-weight-key": id, "aria-label": L.weight + ": " + name });
  input.value = given === null || given === undefined ? "" : String(given);
  input.addEventListener("change", () => {
    if (input.value.trim() === "") return;
    if (!whole) { send([change("scoring.weights." + id, scoreOr(input.value))]); return; }
    const table = {};
    for (const other of document.querySelectorAll("#weights-body tr:not(.group) [data-weight-key]")) {
      if (other.value.trim() !== "") table[other.dataset.weightKey] = scoreOr(other.value);
    }
    send([change("scoring.weights", table)]);
  });
  const cell = el("td");
  cell.append(input);
  return cell;
}

function fact(id, label, text, value) {
  const box = el("div", null, { class: "fact" });
  const number = el("strong", text, { id });
  if (value !== undefined && value !== null) number.dataset.value = String(value);
  box.append(number, el("span", label));
  return box;
}

function renderSummary(s) {
  $("title").textContent = s.title;
  const r = s.result;
  $("diagnosis").hidden = r.feasible;
  $("diagnosis-text").textContent = r.feasible ? "" : r.diagnosis;
  const summary = $("summary");
  if (!r.feasible) {
    summary.replaceChildren(fact("projects", L.projects, "–", ""));
    return;
  }
  const facts = [fact("projects", L.projects, r.projects, r.projects),
                 fact("value", L.value, r.value_text, r.value),
                 fact("spent", L.spent + " / " + r.budget_text, r.spent_text, r.spent_eur)];
  if (r.saving_eur) {  // awarded - saving = spent, so the line adds up as shown
    facts.push(fact("awarded", L.awarded, r.awarded_text, r.awarded_eur),
               fact("saving", L.saving, r.saving_text, r.saving_eur));
  }
  if (r.comparison) {
    facts.push(fact("efficiency", L.actual_efficiency, r.comparison.efficiency_text,
                    r.comparison.efficiency),
               fact("fewest", L.fewest_changes, r.comparison.fewest_changes,
                    r.comparison.fewest_changes));
  }
  summary.replaceChildren(...facts);
}

function moveList(title, moves, cls) {
  const box = el("div", null, { class: "moves " + cls });
  box.append(el("h4", title + " (" + moves.length + ")"));
  const list = el("ul");
  for (const m of moves) {
    list.append(el("li", m.id + " " + m.label + ": " + (m.change_text || m.award_text),
                   { "data-id": m.id }));
  }
  box.append(list);
  return box;
}

function renderChange(box, body, d) {
  box.hidden = !d;
  if (!d) return;
  const parts = [el("p", d.title, { class: "note" })];
  if (!d.feasible) {
    parts.push(el("p", L.infeasible));
  } else if (!d.enters.length && !d.leaves.length && !d.changes.length) {
    parts.push(el("p", L.nothing_moved));
  } else {
    parts.push(moveList(L.enters, d.enters, "enters"), moveList(L.leaves, d.leaves, "leaves"));
    if (d.changes.length) parts.push(moveList(L.change, d.changes, "changes"));
    const regions = el("p", L.moved_per_region + ": " +
                       d.regions.map((r) => r.region + " " + r.change_text).join("; "));
    parts.push(regions);
  }
  if (d.feasible) {
    parts.push(el("p", d.value_sentence, { class: "value-change" }));
  }
  body.replaceChildren(...parts);
}

function appTable(table, headers, rows, cells) {
  const head = el("tr");
  headers.forEach((h) => head.append(el("th", h, { scope: "col" })));
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const row of rows) {
    const tr = el("tr", null, { "data-id": row.id, tabindex: "0" });
    if (row.lock && row.lock !== "free") tr.classList.add("locked-" + row.lock);
    cells(row).forEach(([text, cls]) => tr.append(el("td", text, cls ? { class: cls } : {})));
    tr.setAttribute("aria-label", row.id + " " + (row.project || ""));
    tr.addEventListener("click", () => explain(row.id, true));
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); explain(row.id, true); }
    });
    tbody.append(tr);
  }
  table.replaceChildren(thead, tbody);
}

function lockMark(lock) {
  return lock === "in" ? " · " + L.locked_in : lock === "out" ? " · " + L.locked_out : "";
}

function renderTables(s) {
  const locks = Object.fromEntries(s.applications.map((a) => [a.id, a.lock]));
  const funded = s.result.feasible ? s.result.funded : [];
  // the robust portfolios' marks (core / borderline / exterior), while they are this state's
  const marks = robustMarks(s);
  const markHead = marks ? [L.robust_mark] : [];
  const mark = (id) => (marks ? [[marks[id] ? marks[id].category_text : "",
                                  "robust-mark robust-" + (marks[id] ? marks[id].category : "none")]]
                              : []);
  appTable($("portfolio"), [L.id, L.project, L.lead, L.region, L.score, L.award, L.actual,
                            ...markHead],
           funded.map((r) => ({ ...r, lock: locks[r.id] })),
           (r) => [[r.id + lockMark(r.lock)], [r.project], [r.lead], [r.region],
                   [r.score_text, "num"], [r.award_text, "num"], [r.actual_text, "num"],
                   ...mark(r.id)]);
  const others = s.applications.filter((a) => a.status !== "in");
  appTable($("others"), [L.id, L.project, L.lead, L.region, L.score, L.requested_or_why,
                         L.actual, ...markHead],
           others, (a) => [[a.id + lockMark(a.lock)], [a.project], [a.lead], [a.region],
                           [a.score_text, "num"],
                           [a.status === "excluded" ? a.reasons.join("; ") : a.requested_text],
                           [a.actual_text, "num"], ...mark(a.id)]);
  renderLinkResults(s);
  renderFunds(s);
  const regions = $("regions");
  if (!s.result.feasible) { regions.replaceChildren(); return; }
  const fair = Boolean(s.result.fair_share_basis);
  const head = el("tr");
  [L.region, L.projects, L.award, L.share, L.per_resident, L.actual + ": " + L.projects,
   L.actual, ...(fair ? [L.fair_share, L.fair_ratio, L.actual_fair_ratio] : [])]
    .forEach((h) => head.append(el("th", h)));
  const body = el("tbody");
  for (const r of s.result.regions) {
    const tr = el("tr", null, { "data-region": r.region });
    [[r.region], [r.projects, "num"], [r.award_text, "num"], [r.share_text, "num"],
     [r.per_resident_text, "num"], [r.actual_projects ?? "", "num"], [r.actual_text, "num"],
     ...(fair ? [[r.fair_share_text, "num fair-share"], [r.fair_ratio_text, "num fair-ratio"],
                 [r.actual_fair_ratio_text, "num actual-fair-ratio"]] : [])]
      .forEach(([t, c]) => tr.append(el("td", t, c ? { class: c } : {})));
    body.append(tr);
  }
  const thead = el("thead");
  thead.append(head);
  regions.replaceChildren(thead, body);
}

function renderLinkResults(s) {
  const links = s.controls.links;
  $("links-result").hidden = !links.length;
  const funded = new Set(s.result.feasible ? s.result.funded.map((r) => r.id) : []);
  $("links-result-list").replaceChildren(...links.map((link) => {
    const ids = [...link.ids, ...(link.requires ? [link.requires] : [])];
    const inside = ids.filter((id) => funded.has(id));
    return el("li", link.text + " — " + L.funded + ": " + (inside.join(", ") || "–"));
  }));
}

function renderFunds(s) {
  const rows = s.result.feasible ? s.result.funds : [];
  $("funds").hidden = !rows.length;
  // appropriation + carried over + saving - spent = left: the extra columns when they hold
  const carried = rows.some((f) => f.carried_in_eur), saved = rows.some((f) => f.saving_eur);
  const head = el("tr");
  [L.pool_or_year, L.appropriation, ...(carried ? [L.carried_over] : []),
   ...(saved ? [L.saving] : []),
   L.optimum + ": " + L.spent, L.left, L.actual + ": " + L.spent]
    .forEach((h) => head.append(el("th", h)));
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const f of rows) {
    const tr = el("tr", null, { "data-kind": f.kind, "data-name": f.name });
    [[(f.kind === "year" ? L.year : L.pool) + " " + f.label], [f.appropriation_text, "num"],
     ...(carried ? [[f.carried_text, "num carried"]] : []),
     ...(saved ? [[f.saving_text, "num saving"]] : []),
     [f.spent_text, "num spent"], [f.left_text, "num"], [f.actual_text, "num actual"]]
      .forEach(([t, c]) => tr.append(el("td", t, c ? { class: c } : {})));
    body.append(tr);
  }
  $("funds-table").replaceChildren(thead, body);
}

function renderFigures(s) {
  const tag = "?v=" + s.version + "&lang=" + s.lang;
  showFigure($("frontier"), "/api/figure/frontier.svg" + tag, L.frontier);
  showFigure($("map"), "/api/figure/map.svg" + tag, L.map);
}

// A figure's new image: until it has loaded, its box says it is updating (the old picture
// stays, marked as stale, and aria-busy tells a screen reader).
function showFigure(img, src, alt) {
  img.alt = alt;
  if (img.getAttribute("src") === src) return;
  const box = img.closest(".figure-box");
  box.classList.add("stale");
  box.setAttribute("aria-busy", "true");
  box.querySelector(".stale-mark").hidden = false;
  img.src = src;
}

function figureLoaded(img) {
  if (!img.complete || img.getAttribute("src") === "data:,") return;
  const box = img.closest(".figure-box");
  box.classList.remove("stale");
  box.removeAttribute("aria-busy");
  box.querySelector(".stale-mark").hidden = true;
}

// --- explanation and locks ------------------------------------------------------------------

// `reveal`: asked for by a click or a key on a row, so the explanation is brought into view
// and takes the focus (a keyboard user lands on it, the lock buttons next); a re-render
// after a change does neither.
async function explain(id, reveal = false) {
  selected = id;
  const box = $("explain");
  box.hidden = false;
  box.dataset.id = id;
  $("explain-id").textContent = id;
  try {
    const e = await api("GET", "/api/explain?id=" + encodeURIComponent(id));
    if (selected !== id) return;
    $("explain-text").textContent = e.sentence;
    const parts = [];
    if (e.pushed_out.length) parts.push(moveList(L.would_push_out, e.pushed_out, "pushed-out"));
    if (e.brought_in.length) parts.push(moveList(L.would_bring_in, e.brought_in, "brought-in"));
    $("explain-moves").replaceChildren(...parts);
    for (const b of box.querySelectorAll("[data-lock]")) {
      b.classList.toggle("active", b.dataset.lock === e.lock);
    }
  } catch (error) {
    $("explain-text").textContent = error.message;
    $("explain-moves").replaceChildren();
  }
  if (reveal && selected === id) {
    box.dataset.shown = id;
    box.scrollIntoView({ block: "nearest" });
    box.focus({ preventScroll: true });
  }
}

// --- background jobs ------------------------------------------------------------------------

async function startJob(kind) {
  try {
    job = await api("POST", "/api/jobs", { kind, samples: Number($("samples").value) });
    showError("");
    $("job").hidden = false;
    $("job-result").replaceChildren();
    pollJob();
  } catch (error) {
    showError(error.message);
  }
}

async function pollJob() {
  if (!job) return;
  job = await api("GET", "/api/jobs/" + job.id);
  $("job-progress").max = job.total || 1;
  $("job-progress").value = job.done;
  $("job-status").textContent = (L[job.kind] || job.kind) + ": " + job.done + " / " +
    job.total + " " + (L[job.status] || job.status) + (job.error ? ": " + job.error : "");
  $("job-cancel").hidden = job.status !== "running";
  if (job.status === "running") {
    setTimeout(pollJob, 250);
  } else if (job.status === "done") {
    renderJobResult(job.result);
  }
}

function renderJobResult(result) {
  const box = $("job-result");
  if (result.kind === "robustness") {
    const table = el("table");
    const head = el("tr");
    [L.id, L.lead, L.acceptability, L.class].forEach((h) => head.append(el("th", h)));
    table.append(head);
    for (const item of result.items) {
      const tr = el("tr");
      [[item.id], [item.label], [item.index_text, "num"], [item.category_text]]
        .forEach(([t, c]) => tr.append(el("td", t, c ? { class: c } : {})));
      table.append(tr);
    }
    box.replaceChildren(table);
  } else {
    const list = el("ul");
    result.weights.forEach((w) => list.append(el("li", w.name + ": " + w.weight_text,
                                                  { "data-id": w.id })));
    box.replaceChildren(el("h4", L.closest_weights), list,
                        el("p", L.euro_share + ": " + result.euro_share_text + "; " +
                           L.project_share + ": " + result.project_share_text));
  }
}

// --- wiring ---------------------------------------------------------------------------------

// A control's change as a typed value: true/false, a choice, null for an emptied optional
// field, a number as it is, else the text as typed (the server reads amounts and shares).
function controlChange(input) {
  const key = input.dataset.key;
  if (input.type === "checkbox") return change(key, input.checked);
  const text = input.value.trim();
  if (text === "" && input.hasAttribute("data-optional")) return change(key, null);
  if (input.tagName === "SELECT") return change(key, text);
  return change(key, numberOr(text));
}

function wire() {
  for (const input of document.querySelectorAll("#controls [data-key]")) {
    // Typed but not sent yet: a state that arrives meanwhile (the answer to an earlier
    // request) leaves the field as typed, or the change would be lost with no event.
    input.addEventListener("input", () => { input.dataset.typing = "1"; });
    input.addEventListener("change", () => {
      delete input.dataset.typing;
      send([controlChange(input)]);
    });
  }
  let timer = null;
  $("budget-slider").addEventListener("input", (e) => {
    $("budget-exact").value = e.target.value;
    clearTimeout(timer);
    timer = setTimeout(() => send([change("budget.appropriation", Number(e.target.value))]),
                       150);
  });
  $("offer").addEventListener("change", (e) => {
    selected = null;
    $("explain").hidden = true;
    update("POST", "/api/open", { scenario: e.target.value });
  });
  $("reset").addEventListener("click", () => update("POST", "/api/reset"));
  $("pin").addEventListener("click", () => update("POST", "/api/pin"));
  $("unpin").addEventListener("click", () => update("POST", "/api/unpin"));
  $("lang-switch").addEventListener("click", async () => {
    const lang = state && state.lang === "fi" ? "en" : "fi";
    await loadWords(lang);
    showWho();
    update("POST", "/api/lang", { lang });
  });
  for (const button of document.querySelectorAll("[data-lock]")) {
    button.addEventListener("click", () => {
      if (selected) update("POST", "/api/lock", { id: selected, lock: button.dataset.lock });
    });
  }
  $("link-kind").addEventListener("change", () => { if (state) renderLinks(state); });
  $("link-add").addEventListener("click", addLink);
  $("exclude-with").addEventListener("click", () => { if (selected) pickForLink(selected, "excludes"); });
  $("add-to-link").addEventListener("click", () => { if (selected) pickForLink(selected, null); });
  $("pool-add-button").addEventListener("click", addPool);
  $("year-add-button").addEventListener("click", () => {
    const year = $("year-add-year").value.trim();
    if (year) send([change("budget.years." + year, numberOr($("year-add-eur").value))]);
  });
  $("years-clear").addEventListener("click", () => send([change("budget.years", {}),
                                                          change("budget.year_split", {})]));
  $("year-split").addEventListener("change", () => {
    const text = $("year-split").value.trim();
    send([change("budget.year_split", {}),
          ...(text ? [change("budget.year_split", yearShares(text))] : [])]);
  });
  for (const img of document.querySelectorAll(".figure-box img")) {
    img.addEventListener("load", () => figureLoaded(img));
    img.addEventListener("error", () => figureLoaded(img));
  }
  for (const a of document.querySelectorAll("#downloads a[download]")) {
    a.addEventListener("click", (e) => { e.preventDefault(); download(a); });
  }
  $("ended-reload").addEventListener("click", () => window.location.reload());
  // Escape in the explanation goes back to the row it explains
  $("explain").addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !selected) return;
    const row = document.querySelector(`table.apps tbody tr[data-id="${CSS.escape(selected)}"]`);
    if (row) row.focus();
  });
  for (const button of document.querySelectorAll("[data-job]")) {
    button.addEventListener("click", () => startJob(button.dataset.job));
  }
  $("job-cancel").addEventListener("click", async () => {
    if (job) await api("DELETE", "/api/jobs/" + job.id);
  });
  wireRobust();
}

// A download shows that it is on its way (a report takes seconds): the link is marked busy
// until the file has arrived, then saved under the server's name for it.
async function download(a) {
  if (a.classList.contains("disabled") || a.getAttribute("aria-busy") === "true") return;
  a.setAttribute("aria-busy", "true");
  a.classList.add("busy");
  $("dl-status").textContent = L.downloading + " " + a.textContent;
  try {
    const response = await fetch(a.href);
    if (!response.ok) {
      const doc = await response.json();
      if (response.status === 401) sessionEnded(doc.error);
      throw new Error(doc.error || response.statusText);
    }
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") || "";
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || "download";
    const url = URL.createObjectURL(blob);
    const save = el("a", null, { href: url, download: name, hidden: "" });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    $("dl-status").textContent = "";
  } catch (error) {
    $("dl-status").textContent = "";
    showError(error.message);
  } finally {
    a.removeAttribute("aria-busy");
    a.classList.remove("busy");
  }
}

window.grantopt = { api, update, render, labels: () => L, state: () => state };

async function start() {
  wire();
  const first = await api("GET", "/api/state");
  await loadWords(first.lang);
  render(first);
  await showWho();
  document.body.dataset.ready = "1";
}

// With a users file the server names who is signed in; the page says so and offers to sign out.
async function showWho() {
  const me = await api("GET", "/api/me");
  $("who").hidden = $("sign-out").hidden = !me.user;
  if (me.user) $("who").textContent = L.signed_in_as.replace("{name}", me.user);
}

start().catch((error) => showError(error.message));

// --- value for money and the grid of applications × scenarios -----------------------------

let gridTag = "";  // the state (version and language) whose grid the page wants

function renderValueForMoney(s) {
  const tag = "?v=" + s.version + "&lang=" + s.lang;
  showFigure($("value-for-money"), "/api/figure/value_for_money.svg" + tag, L.value_for_money);
  gridTag = tag + "&pinned=" + (s.pinned ? 1 : 0);
  loadGrid(gridTag);
}

async function loadGrid(tag) {
  try {
    const g = await api("GET", "/api/grid" + tag);
    if (tag === gridTag) renderGrid(g);  // a later state's grid is on its way
  } catch (error) {
    if (tag === gridTag) $("grid").replaceChildren(el("caption", error.message));
  }
}

const GRID_MARKS = { funded: "●", not_funded: "–", not_fundable: "×" };
const GRID_WORDS = { not_funded: "not_funded", not_fundable: "status_excluded" };

function renderGrid(g) {
  const head = el("tr");
  head.append(el("th", L.id), el("th", L.project));
  for (const c of g.columns) {
    head.append(el("th", c.label, { class: "g-col g-" + c.kind + (c.feasible ? "" : " g-infeasible"),
                                    title: c.title, "data-kind": c.kind }));
  }
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const r of g.rows) {
    const tr = el("tr", null, { "data-id": r.id, class: r.differs ? "differs" : "" });
    tr.append(el("td", r.id), el("td", r.project, { class: "g-project" }));
    r.cells.forEach((cell, i) => {
      tr.append(el("td", GRID_MARKS[cell.state], {
        class: "g-cell g-" + cell.state, "data-state": cell.state,
        title: g.columns[i].label + ": " + (cell.text || L[GRID_WORDS[cell.state]]) }));
    });
    body.append(tr);
  }
  const foot = el("tr");
  foot.append(el("th", L.grid_funded), el("th", ""));
  for (const c of g.columns) foot.append(el("td", c.feasible ? c.funded : "–",
                                            { class: "num", title: c.total_text }));
  const tfoot = el("tfoot");
  tfoot.append(foot);
  $("grid").replaceChildren(thead, body, tfoot);
}

// --- robust portfolios: SWING elicitation, weight statements, non-dominated portfolios ------

// The ranking as the person left it (names, most important first), and the points typed.
const swing = { level: "criteria", key: "", order: [], points: {} };
let robustJob = null;     // the running robust-portfolio job
let robust = null;        // its answer, and the state version it answers for

function swingNames(s) {
  const r = s.robust;
  if (swing.level === "groups" && r.groups.length) {
    return r.groups.map((g) => ({ id: g.id, label: g.members.join(" + "),
                                  name: L.group + " " + g.id }));
  }
  return r.criteria;
}

function renderSwing(s) {
  const r = s.robust;
  $("swing-level-box").hidden = !r.groups.length;
  if (!r.groups.length) swing.level = "criteria";
  $("swing-level").value = swing.level;
  const names = swingNames(s);
  const key = swing.level + ":" + names.map((n) => n.id).join("|");
  if (key !== swing.key) {  // another scenario or level: its names in their own order
    swing.key = key;
    swing.order = names.map((n) => n.id);
    swing.points = {};
    $("statements").value = r.statements.join("\n");
    $("score-interval").value = r.score_interval ? String(r.score_interval) : "";
  }
  const labels = Object.fromEntries(names.map((n) => [n.id, n.label]));
  const plain = Object.fromEntries(names.map((n) => [n.id, n.name || n.label]));  // spoken
  const rows = swing.order.map((id, k) => {
    const tr = el("tr", null, { "data-name": id });
    const points = el("td");
    if (k === 0) {
      points.append(el("span", "100", { class: "num" }));
    } else {
      const input = el("input", null, { type: "text", size: "7", inputmode: "decimal",
                                        "data-points": id,
                                        "aria-label": L.swing_points + ": " + plain[id] });
      input.value = swing.points[id] || "";
      input.addEventListener("change", () => { swing.points[id] = input.value; swingChanged(); });
      points.append(input);
    }
    const moves = el("td");
    for (const [step, word, mark] of [[-1, "move_up", "↑"], [1, "move_down", "↓"]]) {
      const b = el("button", mark, { type: "button", "data-move": word, title: L[word],
                                     "aria-label": L[word] + ": " + plain[id] });
      b.disabled = (step < 0 && k === 0) || (step > 0 && k === swing.order.length - 1);
      b.addEventListener("click", () => moveSwing(k, step));
      moves.append(b);
    }
    const name = el("th", id, { scope: "row", title: labels[id] || id });
    tr.append(el("td", String(k + 1), { class: "num" }), name, points, moves);
    return tr;
  });
  $("swing-body").replaceChildren(...rows);
  $("robust-proxy").hidden = !s.proxy;
  $("robust-proxy").textContent = L.proxy;
}

function moveSwing(k, step) {
  const order = swing.order;
  [order[k], order[k + step]] = [order[k + step], order[k]];
  if (state) renderSwing(state);
  const again = document.querySelector(`#swing-body tr[data-name="${CSS.escape(order[k + step])}"] ` +
                                       `[data-move="${step < 0 ? "move_up" : "move_down"}"]`);
  if (again && !again.disabled) again.focus();
  swingChanged();
}

function robustError(message) {
  $("robust-error").textContent = message;
  $("robust-error").hidden = !message;
}

// The ranking and points as statements, from the server (which checks them), into the text.
async function swingChanged() {
  try {
    const doc = await api("POST", "/api/swing", { order: swing.order, points: swing.points });
    $("statements").value = doc.statements.join("\n");
    robustError("");
  } catch (error) {
    robustError(error.message);
  }
}

async function runRobust() {
  const statements = $("statements").value.split("\n").map((t) => t.trim()).filter((t) => t);
  const interval = $("score-interval").value.trim();
  try {
    robustJob = await api("POST", "/api/jobs", {
      kind: "portfolios", statements, score_interval: interval ? numberOr(interval) : null,
      samples: Number($("samples").value) });
    robustJob.version = state.version;
    robustError("");
    $("robust-job").hidden = false;
    pollRobust();
  } catch (error) {
    robustError(error.message);
  }
}

async function pollRobust() {
  if (!robustJob) return;
  const version = robustJob.version;
  robustJob = { ...(await api("GET", "/api/jobs/" + robustJob.id)), version };
  $("robust-status").textContent = L.robust + ": " + (L[robustJob.status] || robustJob.status);
  $("robust-cancel").hidden = robustJob.status !== "running";
  $("robust-progress").hidden = robustJob.status !== "running";
  if (robustJob.status === "running") {
    setTimeout(pollRobust, 250);
  } else if (robustJob.status === "done") {
    robust = { ...robustJob.result, version };
    renderRobust(robust);
    if (state) renderTables(state);
    renderRobustStale(state);
  } else if (robustJob.error) {
    robustError(robustJob.error);
  }
}

// The marks of the last answer, by application, while it answers for the state shown.
function robustMarks(s) {
  if (!robust || !s || robust.version !== s.version) return null;
  return Object.fromEntries(robust.items.map((i) => [i.id, i]));
}

function renderRobustStale(s) {
  $("robust-stale").hidden = !robust || !s || robust.version === s.version;
}

function renderRobust(r) {
  $("robust-result").hidden = false;
  $("robust-facts").replaceChildren(
    fact("robust-n", L.nondominated, r.count, r.count),
    fact("robust-core", L.core, r.counts.core, r.counts.core),
    fact("robust-borderline", L.borderline, r.counts.borderline, r.counts.borderline),
    fact("robust-exterior", L.exterior, r.counts.exterior, r.counts.exterior));
  $("robust-count").textContent = r.count_text;
  $("robust-totals").textContent = r.totals_text;
  $("robust-actual").textContent = r.actual ? r.actual.text : "";
  $("robust-actual").dataset.nondominated = r.actual ? String(r.actual.nondominated) : "";
  $("robust-versus").textContent = r.versus_text;
  $("robust-ranges").textContent = L.weight_ranges + ": " + r.ranges.map((x) => x.text).join(", ");
  const table = el("table", null, { id: "robust-items" });
  const head = el("tr");
  [L.id, L.project, L.core_index, L.class, ...(r.samples ? [L.acceptability] : []),
   L.decided_by].forEach((h) => head.append(el("th", h, { scope: "col" })));
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const item of r.items) {
    const tr = el("tr", null, { "data-id": item.id, "data-category": item.category });
    [[item.id], [item.label], [item.index_text, "num"], [item.category_text],
     ...(r.samples ? [[item.acceptability_text, "num"]] : []),
     [item.deciders.map((d) => d.text).join("; ")]]
      .forEach(([t, c]) => tr.append(el("td", t, c ? { class: c } : {})));
    body.append(tr);
  }
  table.append(thead, body);
  const box = el("div", null, { class: "table-scroll" });
  box.append(table);
  $("robust-lists").replaceChildren(box);
}

function wireRobust() {
  $("swing-level").addEventListener("change", (e) => {
    swing.level = e.target.value;
    if (state) renderSwing(state);
  });
  $("robust-run").addEventListener("click", runRobust);
  $("robust-cancel").addEventListener("click", async () => {
    if (robustJob) await api("DELETE", "/api/jobs/" + robustJob.id);
  });
}
