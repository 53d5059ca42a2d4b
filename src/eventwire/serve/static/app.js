// eventwire web UI: map (clusters by quad class), timeline (brush to filter), filters, table, event detail.
// Vanilla JS, no build step, no network beyond this server. All data comes from /api (see /api/openapi.json);
// text from the store is only ever set with textContent, never parsed as HTML.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"];
const QUAD_COLOR = { "verbal-cooperation": "var(--vc)", "material-cooperation": "var(--mc)",
                     "verbal-conflict": "var(--vx)", "material-conflict": "var(--mx)" };
const FILTER_NAMES = ["date_from", "date_to", "type", "quad_class", "acled_event_type", "acled_subtype", "country",
                      "factuality", "actor", "actor_sector", "min_fatalities", "q"];
const PAGE = 50;
const WORLD = { x: -180, y: -90, w: 360, h: 180 };

const state = { filters: {}, sort: "-date", offset: 0, inView: false, view: { ...WORLD }, meta: null,
                seq: 0, names: {}, unit: "events" };  // unit: "events" (one row per report) or "incidents"
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, text) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, v);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// ---------- query strings & the API ----------

function filterParams({ withDates = true, withView = true } = {}) {
  const p = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const v = state.filters[name];
    if (!v || (!withDates && name.startsWith("date_"))) continue;
    p.set(name, v);
  }
  if (withView && state.inView) p.set("bbox", viewBbox().join(","));
  return p;
}

async function api(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : `HTTP ${response.status}`);
  return body;
}

function showError(err) {
  const box = $("#error");
  box.hidden = !err;
  box.textContent = err ? String(err.message || err) : "";
}

// ---------- state <-> URL hash & form ----------

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.filters = {};
  for (const name of FILTER_NAMES) if (p.get(name)) state.filters[name] = p.get(name);
  state.sort = p.get("sort") || "-date";
  state.offset = Math.max(0, parseInt(p.get("offset") || "0", 10) || 0);
  state.inView = p.get("in_view") === "1";
  state.unit = p.get("unit") === "incidents" ? "incidents" : "events";
  const v = (p.get("view") || "").split(",").map(Number);
  if (v.length === 4 && v.every(Number.isFinite) && v[2] > 0 && v[3] > 0) state.view = { x: v[0], y: v[1], w: v[2], h: v[3] };
}

function writeHash() {
  const p = filterParams({ withView: false });
  if (state.sort !== "-date") p.set("sort", state.sort);
  if (state.offset) p.set("offset", state.offset);
  if (state.inView) p.set("in_view", "1");
  if (state.unit === "incidents") p.set("unit", "incidents");
  const v = state.view;
  p.set("view", [v.x, v.y, v.w, v.h].map((n) => +n.toFixed(3)).join(","));
  history.replaceState(null, "", `#${p}`);
}

function fillForm() {
  const form = $("#filters");
  for (const name of FILTER_NAMES) form.elements[name].value = state.filters[name] || "";
  form.elements.in_view.checked = state.inView;
  form.elements.unit.value = state.unit;
}

function readForm() {
  const form = $("#filters");
  state.filters = {};
  for (const name of FILTER_NAMES) {
    const v = form.elements[name].value.trim();
    if (v) state.filters[name] = v;
  }
  state.inView = form.elements.in_view.checked;
  state.unit = form.elements.unit.value === "incidents" ? "incidents" : "events";
}

function fillSelects(meta) {
  const form = $("#filters");
  const add = (name, values, label = (v) => v) => {
    for (const v of values) form.elements[name].append(el("option", { value: v }, label(v)));
  };
  add("type", meta.vocabularies.type);
  add("quad_class", meta.vocabularies.quad_class);
  add("acled_event_type", meta.vocabularies.acled_event_type);
  add("acled_subtype", meta.vocabularies.acled_subtype);
  add("actor_sector", meta.vocabularies.actor_sector);
  add("factuality", meta.vocabularies.factuality);
  for (const c of meta.countries) {
    form.elements.country.append(el("option", { value: c.key }, `${state.names[c.key] || c.key} (${c.count})`));
  }
}

// ---------- refresh everything ----------

let refreshTimer = null;
function scheduleRefresh(parts, delay = 250) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh(parts), delay);
}

async function refresh(parts = { map: true, timeline: true, table: true }) {
  const seq = ++state.seq;
  document.body.dataset.ready = "0";
  writeHash();
  updateExports();
  showError(null);
  try {
    const jobs = [];
    if (parts.map) jobs.push(drawMap(seq));
    if (parts.timeline) jobs.push(drawTimeline(seq));
    if (parts.table) jobs.push(drawTable(seq));
    await Promise.all(jobs);
    if (seq === state.seq) document.body.dataset.ready = "1";
  } catch (err) {
    if (seq === state.seq) { showError(err); document.body.dataset.ready = "1"; }
  }
}

function updateExports() {
  for (const fmt of ["csv", "jsonl", "geojson", "parquet"]) {
    const p = filterParams();
    p.set("format", fmt);
    $(`#export-${fmt}`).href = `/api/export?${p}`;
  }
}

// ---------- map ----------

function mapSize() {
  const r = $("#map").getBoundingClientRect();
  return { width: Math.max(r.width, 1), height: Math.max(r.height, 1) };
}

function fitView() {
  // keep the view's aspect equal to the element's, within the world's latitudes
  const { width, height } = mapSize();
  const v = state.view;
  const cx = v.x + v.w / 2, cy = v.y + v.h / 2;
  let w = Math.min(v.w, 360 * 1.5), h = (w * height) / width;
  if (h > 180 * 1.2) { h = 180 * 1.2; w = (h * width) / height; }
  state.view = { x: cx - w / 2, y: Math.max(-90 - h * 0.4, Math.min(cy - h / 2, 90 - h * 0.6)), w, h };
}

function viewBbox() {
  const v = state.view;  // y is -lat
  const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, n));
  const west = clamp(v.x, -180, 180), east = clamp(v.x + v.w, -180, 180);
  const south = clamp(-(v.y + v.h), -90, 90), north = clamp(-v.y, -90, 90);
  return [west, south, east, north].map((n) => +n.toFixed(4));
}

function applyView() {
  fitView();
  const v = state.view;
  $("#map").setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
}

function ringPath(ring) {
  return "M" + ring.map(([lon, lat]) => `${lon},${-lat}`).join("L") + "Z";
}

async function drawCountries() {
  const world = await (await fetch("/static/world.json")).json();
  const g = $("#countries");
  for (const f of world.features) {
    state.names[f.id] = f.properties.name;
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const d = polys.map((poly) => poly.map(ringPath).join("")).join("");
    const path = el("svg:path", { d, "data-iso3": f.id });
    path.append(el("svg:title", {}, f.properties.name));
    g.append(path);
  }
}

function cellSize() {
  const raw = state.view.w / 24;  // about 24 cells across the view
  const nice = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 45];
  return nice.find((n) => n >= raw) || 45;
}

async function drawMap(seq) {
  const p = filterParams({ withView: false });
  p.set("bbox", viewBbox().join(","));
  p.set("cell", cellSize());
  p.set("of", state.unit);
  const data = await api("/api/clusters", p);
  if (seq !== state.seq) return;
  const g = $("#markers");
  g.replaceChildren();
  const perPx = state.view.w / mapSize().width;
  for (const c of data.clusters) g.append(marker(c, perPx));
  const what = state.unit === "incidents" ? "incident(s)" : "event(s)";
  $("#map-note").textContent = `${data.located.toLocaleString()} located ${what} in view` +
    (data.truncated ? " (largest clusters only)" : "");
}

function marker(c, perPx) {
  const r = c.count === 1 ? 6 : Math.min(26, 8 + 3 * Math.log2(c.count));
  const dominant = QUADS.reduce((a, b) => (c.quad[b] > c.quad[a] ? b : a));
  const g = el("svg:g", { class: "marker", transform: `translate(${c.lon},${-c.lat}) scale(${perPx})`,
                          "data-count": c.count, "data-quad": dominant, "data-event-id": c.event_id,
                          "data-incident-id": c.incident_id,
                          "data-lat": c.lat, "data-lon": c.lon });
  g.append(el("svg:circle", { class: "core", r }));
  let start = 0;
  for (const q of QUADS) {  // a ring split by quad class: each arc's length is its share of the cluster
    const share = (100 * c.quad[q]) / c.count;
    if (!share) continue;
    g.append(el("svg:circle", { r: r - 2, fill: "none", stroke: QUAD_COLOR[q], "stroke-width": 4, pathLength: 100,
                                "stroke-dasharray": `${share} ${100 - share}`, "stroke-dashoffset": 25 - start }));
    start += share;
  }
  if (c.count > 1) g.append(el("svg:text", {}, c.count > 9999 ? `${Math.round(c.count / 1000)}k` : c.count));
  const parts = QUADS.filter((q) => c.quad[q]).map((q) => `${c.quad[q]} ${q}`).join(", ");
  g.append(el("svg:title", {}, `${c.count} ${c.incident_id !== undefined ? "incident" : "event"}(s): ${parts}`));
  g.addEventListener("click", (ev) => { ev.stopPropagation(); clickCluster(c); });
  return g;
}

function clickCluster(c) {
  if (c.count === 1 && c.event_id) return openEvent(c.event_id);
  if (c.count === 1 && c.incident_id) return openIncident(c.incident_id);
  const [west, south, east, north] = c.bbox;
  const onePlace = east - west < 1e-6 && north - south < 1e-6;
  if (onePlace) {  // every event at one point: zooming cannot split them, so list them in the table
    state.view = { x: c.lon - 1, y: -c.lat - 0.5, w: 2, h: 1 };
    state.inView = true;
    $("#filters").elements.in_view.checked = true;
  } else {
    const pad = Math.max(east - west, north - south, 0.05) * 0.3;
    state.view = { x: west - pad, y: -north - pad, w: east - west + 2 * pad, h: north - south + 2 * pad };
  }
  state.offset = 0;
  applyView();
  refresh({ map: true, timeline: state.inView, table: state.inView });
}

function zoom(factor, px, py) {
  const { width, height } = mapSize();
  const v = state.view;
  const fx = px === undefined ? 0.5 : px / width, fy = py === undefined ? 0.5 : py / height;
  const ax = v.x + fx * v.w, ay = v.y + fy * v.h;
  const w = Math.max(0.05, Math.min(540, v.w * factor)), h = (w * v.h) / v.w;
  state.view = { x: ax - fx * w, y: ay - fy * h, w, h };
  applyView();
  viewChanged();
}

function viewChanged() {
  if (state.inView) state.offset = 0;
  scheduleRefresh({ map: true, timeline: state.inView, table: state.inView });
}

function setupMap() {
  const svg = $("#map");
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, view: { ...state.view }, moved: false }; });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const { width } = mapSize();
    const k = drag.view.w / width, dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svg.classList.add("dragging"); }
    state.view = { ...drag.view, x: drag.view.x - dx * k, y: drag.view.y - dy * k };
    applyView();
  });
  window.addEventListener("mouseup", () => {
    if (drag && drag.moved) viewChanged();
    drag = null;
    svg.classList.remove("dragging");
  });
  $("#zoom-in").onclick = () => zoom(0.5);
  $("#zoom-out").onclick = () => zoom(2);
  $("#zoom-reset").onclick = () => { state.view = { ...WORLD }; applyView(); viewChanged(); };
  window.addEventListener("resize", () => { applyView(); scheduleRefresh({ map: true }); });
  const legend = $("#legend");
  for (const q of QUADS) { legend.append(el("span", { style: `background:${QUAD_COLOR[q]}` })); legend.append(q); }
}

// ---------- timeline ----------

const DAY = 86400000;
const toDay = (s) => Date.parse(`${s}T00:00:00Z`);
const fromDay = (t) => new Date(t).toISOString().slice(0, 10);

// The axis spans the dense range of the dated events: dates far outside it (a history piece's 1805 among
// 2020's news) are listed apart instead of stretching the axis. Far = beyond 3 interquartile ranges of the
// event dates (at least 30 days) from the quartiles.
function denseRange(buckets) {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const at = (q) => {  // the date below which a share q of the events lie
    let seen = 0;
    for (const b of buckets) { seen += b.count; if (seen >= q * total) return toDay(b.key); }
    return toDay(buckets[buckets.length - 1].key);
  };
  const q1 = at(0.25), q3 = at(0.75), reach = Math.max(3 * (q3 - q1), 30 * DAY);
  const inside = buckets.filter((b) => toDay(b.key) >= q1 - reach && toDay(b.key) <= q3 + reach);
  return { inside, outliers: buckets.filter((b) => !inside.includes(b)) };
}

function byMonth(buckets) {
  const months = new Map();
  for (const b of buckets) months.set(b.key.slice(0, 7), (months.get(b.key.slice(0, 7)) || 0) + b.count);
  return [...months].map(([key, count]) => ({ key, count }));
}

async function drawTimeline(seq) {
  const p = filterParams({ withDates: false });
  p.set("by", "day");
  const data = await api("/api/aggregates", p);
  if (seq !== state.seq) return;
  const svg = $("#timeline");
  svg.replaceChildren();
  const dated = data.buckets.filter((b) => b.key);
  const undated = data.buckets.filter((b) => !b.key).reduce((n, b) => n + b.count, 0);
  const { inside, outliers } = dated.length ? denseRange(dated) : { inside: [], outliers: [] };
  const span = inside.length ? (toDay(inside[inside.length - 1].key) - toDay(inside[0].key)) / DAY : 0;
  const by = span > 1500 ? "month" : "day";
  const buckets = by === "month" ? byMonth(inside) : inside;
  const { width, height } = svg.getBoundingClientRect();
  const left = 30, right = width - 10, top = 8, bottom = height - 18;
  const start = (k) => toDay(by === "month" ? `${k}-01` : k);
  const end = (k) => (by === "month" ? Date.UTC(+k.slice(0, 4), +k.slice(5, 7), 1) : start(k) + DAY);
  const t0 = buckets.length ? start(buckets[0].key) : Date.now() - DAY;
  const t1 = buckets.length ? end(buckets[buckets.length - 1].key) : Date.now();
  const x = (t) => left + ((t - t0) / Math.max(t1 - t0, 1)) * (right - left);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const from = state.filters.date_from ? toDay(state.filters.date_from) : -Infinity;
  const to = state.filters.date_to ? toDay(state.filters.date_to) + DAY : Infinity;
  for (const b of buckets) {
    const h = ((bottom - top) * b.count) / max, a = start(b.key), z = end(b.key);
    const bar = el("svg:rect", { class: `bar${z <= from || a >= to ? " out" : ""}`, x: x(a) + 0.5,
                                 width: Math.max(1, x(z) - x(a) - 1), y: bottom - h, height: h,
                                 "data-key": b.key, "data-count": b.count });
    bar.append(el("svg:title", {}, `${b.key}: ${b.count} event(s)`));
    svg.append(bar);
  }
  svg.append(el("svg:text", { x: left, y: height - 4 }, buckets.length ? buckets[0].key : "no dated events"));
  if (buckets.length) svg.append(el("svg:text", { x: right, y: height - 4, "text-anchor": "end" }, buckets[buckets.length - 1].key));
  svg.append(el("svg:text", { x: 2, y: top + 8 }, max));
  if (undated) svg.append(el("svg:text", { x: width / 2, y: height - 4, "text-anchor": "middle" }, `${undated} undated`));
  if (Number.isFinite(from) || Number.isFinite(to)) {
    const a = Math.max(left, Number.isFinite(from) ? x(from) : left), z = Math.min(right, Number.isFinite(to) ? x(to) : right);
    if (z > left && a < right) svg.append(el("svg:rect", { class: "brush", x: a, width: Math.max(1, z - a), y: top, height: bottom - top }));
  }
  svg.dataset.t0 = t0; svg.dataset.t1 = t1; svg.dataset.left = left; svg.dataset.right = right; svg.dataset.by = by;
  drawOutliers(outliers);
}

function drawOutliers(outliers) {
  // dates outside the axis, each a button that filters on its day
  const box = $("#timeline-outliers");
  box.replaceChildren();
  box.hidden = !outliers.length;
  if (!outliers.length) return;
  const n = outliers.reduce((k, b) => k + b.count, 0);
  box.append(`${n} event(s) dated far from the rest, left off the axis: `);
  for (const b of outliers.slice(0, 20)) {
    const button = el("button", { type: "button", class: "outlier", "data-key": b.key,
                                  title: b.key < "1900" ? "before 1900: check the date" : "far from the other dates" },
                      `${b.key}${b.count > 1 ? ` (${b.count})` : ""}`);
    button.onclick = () => {
      state.filters.date_from = b.key; state.filters.date_to = b.key; state.offset = 0; fillForm(); refresh();
    };
    box.append(button, " ");
  }
  if (outliers.length > 20) box.append(`and ${outliers.length - 20} more days`);
}

// A date to check: before 1900, or after the article's publication day.
function dateFlag(e) {
  if (!e.date) return null;
  if (e.date < "1900") return "dated before 1900: check the date (a history piece, or a misread year)";
  const published = (e.article && e.article.published) || "";
  if (/^\d{4}-\d{2}-\d{2}/.test(published) && e.date > published.slice(0, 10)) {
    return `dated after its article was published (${published.slice(0, 10)}): a plan, a forecast or a misread date`;
  }
  return null;
}

function setupTimeline() {
  const svg = $("#timeline");
  let brush = null;
  const timeAt = (clientX) => {
    const r = svg.getBoundingClientRect(), d = svg.dataset;
    const f = (clientX - r.left - d.left) / (d.right - d.left);
    return +d.t0 + Math.max(0, Math.min(1, f)) * (d.t1 - d.t0);
  };
  svg.addEventListener("mousedown", (ev) => {
    const r = svg.getBoundingClientRect();
    brush = { x0: ev.clientX, rect: el("svg:rect", { class: "brush", x: ev.clientX - r.left, y: 8, width: 0, height: r.height - 26 }) };
    svg.querySelectorAll(".brush").forEach((b) => b.remove());
    svg.append(brush.rect);
  });
  window.addEventListener("mousemove", (ev) => {
    if (!brush) return;
    const r = svg.getBoundingClientRect();
    const a = Math.min(brush.x0, ev.clientX) - r.left, z = Math.max(brush.x0, ev.clientX) - r.left;
    brush.rect.setAttribute("x", a);
    brush.rect.setAttribute("width", z - a);
  });
  window.addEventListener("mouseup", (ev) => {
    if (!brush) return;
    const x0 = brush.x0;
    brush = null;
    if (Math.abs(ev.clientX - x0) < 4) {  // a click clears the date range
      delete state.filters.date_from; delete state.filters.date_to;
    } else {
      const a = timeAt(Math.min(x0, ev.clientX)), z = timeAt(Math.max(x0, ev.clientX));
      state.filters.date_from = fromDay(Math.floor(a / DAY) * DAY);
      state.filters.date_to = fromDay(Math.max(Math.ceil(z / DAY) * DAY - DAY, Math.floor(a / DAY) * DAY));
    }
    state.offset = 0;
    fillForm();
    refresh();
  });
}

// ---------- table ----------

// where: the town (with its district and province) when the event was placed in one, else the area's name
function place(loc) {
  if (!loc) return "";
  const parts = [loc.name];
  if (loc.precision === "site" || loc.precision === "city") parts.push(loc.admin2, loc.admin1);
  parts.push(loc.country);
  return [...new Set(parts.filter(Boolean))].join(", ");
}

const names = (actors) => actors.map((a) => a.name + (a.country ? ` (${a.country})` : "")).join("; ");

const reports = (i) => `${i.articles} report${i.articles === 1 ? "" : "s"}, ${i.sources} source${i.sources === 1 ? "" : "s"}`;

async function drawTable(seq) {
  const p = filterParams();
  p.set("limit", PAGE);
  p.set("offset", state.offset);
  p.set("sort", state.sort);
  const incidents = state.unit === "incidents";
  const data = await api(incidents ? "/api/incidents" : "/api/events", p);
  if (seq !== state.seq) return;
  const rows = incidents ? data.incidents : data.events;
  const body = $("#events tbody");
  body.replaceChildren();
  for (const e of rows) {
    const tr = el("tr", incidents ? { "data-incident-id": e.incident_id } : { "data-event-id": e.event_id,
                                                                            "data-incident-id": e.incident_id });
    const loc = e.location;
    const quad = el("td");
    quad.append(el("span", { class: "quad", style: `background:${QUAD_COLOR[e.quad_class]}` }), e.quad_class);
    const flag = dateFlag(e);
    const when = el("td", flag ? { class: "flagged", title: flag } : {}, e.date || "");
    if (flag) { when.append(el("span", { class: "flag", "aria-label": flag }, " ⚠")); tr.classList.add("date-flagged"); }
    tr.append(when, el("td", {}, e.type + (e.mode ? ` (${e.mode})` : "")), quad,
              el("td", {}, e.acled_subtype || e.acled_event_type || ""),
              el("td", loc ? { title: `precision: ${loc.precision}` } : {}, place(loc)),
              el("td", {}, names(e.actor)), el("td", {}, names(e.recipient)),
              el("td", {}, e.fatalities ?? ""), el("td", {}, e.factuality),
              el("td", { class: "reports" }, incidents ? reports(e) : ""),
              el("td", { class: "evidence", title: e.evidence.text }, e.evidence.text));
    tr.addEventListener("click", () => (incidents ? openIncident(e.incident_id) : openEvent(e.event_id)));
    body.append(tr);
  }
  const what = incidents ? "incident(s)" : "event(s)";
  const last = Math.min(data.offset + rows.length, data.total);
  $("#page-info").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total.toLocaleString()} ${what}` : `no ${what} match`;
  $("#page-info").dataset.total = data.total;
  $("#prev").disabled = data.offset === 0;
  $("#next").disabled = last >= data.total;
  const all = incidents ? state.meta.incidents : state.meta.events;
  $("#totals").textContent = `${data.total.toLocaleString()} of ${all.toLocaleString()} ${incidents ? "incidents" : "events"}`;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.classList.toggle("sorted-asc", state.sort === th.dataset.sort);
    th.classList.toggle("sorted-desc", state.sort === `-${th.dataset.sort}`);
  }
}

function setupTable() {
  $("#prev").onclick = () => { state.offset = Math.max(0, state.offset - PAGE); refresh({ table: true }); };
  $("#next").onclick = () => { state.offset += PAGE; refresh({ table: true }); };
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.onclick = () => {
      const key = th.dataset.sort;
      state.sort = state.sort === `-${key}` ? key : `-${key}`;
      state.offset = 0;
      refresh({ table: true });
    };
  }
}

// ---------- event detail ----------

function highlighted(body, spans) {
  // split the article at every span boundary; each piece is marked with the kinds of spans covering it
  const cuts = new Set([0, body.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(body.length, s.start))); cuts.add(Math.max(0, Math.min(body.length, s.end))); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], z = points[i + 1], text = body.slice(a, z);
    const kinds = spans.filter((s) => s.start <= a && s.end >= z).map((s) => s.kind);
    if (!kinds.length) { out.append(text); continue; }
    out.append(el("mark", { class: kinds.includes("evidence") ? "evidence" : "mention", "data-start": a }, text));
  }
  return out;
}

async function openEvent(id) {
  let data;
  try { data = await api(`/api/events/${encodeURIComponent(id)}`); } catch (err) { return showError(err); }
  const e = data.event, a = data.article, loc = e.location;
  const box = $("#detail-body");
  box.replaceChildren();
  box.append(el("h2", {}, `${e.type}${e.mode ? ` (${e.mode})` : ""} — ${e.date || "undated"}`));
  const dl = el("dl");
  const row = (k, v) => { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", {}, k), el("dd", {}, v)); };
  row("event id", e.event_id); row("quad class", e.quad_class);
  row("ACLED", [e.acled_event_type, e.acled_subtype].filter(Boolean).join(" / "));
  row("CAMEO root", e.cameo_root); row("actor", names(e.actor)); row("recipient", names(e.recipient));
  row("date", `${e.date || "?"} (${e.date_precision})${dateFlag(e) ? ` ⚠ ${dateFlag(e)}` : ""}`);
  row("location", loc ? `${[loc.name, loc.admin2, loc.admin1, loc.country].filter((x, k) => x && (k === 0 || x !== loc.name)).join(", ")} (${loc.precision}; ${loc.lat}, ${loc.lon})` : null);
  row("killed", e.fatalities); row("injured", e.injured); row("factuality", e.factuality);
  row("confidence", e.confidence); row("trigger", e.evidence.trigger);
  row("mentions", `${data.mentions.length} sentence(s) highlighted below`);
  box.append(dl);
  const title = el("h3", {}, a.title || a.id);
  box.append(title);
  const source = el("p");
  source.append([a.publisher, a.published].filter(Boolean).join(" · ") + " ");
  if (a.url && /^https?:\/\//.test(a.url)) source.append(el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, "original"));
  box.append(source);
  box.append(highlighted(a.body, data.mentions));
  box.append(otherReports(data.incident, data.other_reports || []));
  $("#detail").hidden = false;
  $("#detail").dataset.eventId = e.event_id;
  document.querySelectorAll("#events tr.open").forEach((tr) => tr.classList.remove("open"));
  document.querySelectorAll("#events tr").forEach((tr) => { if (tr.dataset.eventId === e.event_id) tr.classList.add("open"); });
  const mark = box.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}

function otherReports(incident, others) {
  // the other reports of this event's incident, each a link to its own panel
  const section = el("section", { id: "incident-reports" });
  if (!incident) return section;
  section.append(el("h3", {}, `Incident ${incident.incident_id}: ${reports(incident)}`));
  if (!others.length) { section.append(el("p", {}, "No other report of this incident is stored.")); return section; }
  const list = el("ol");
  for (const r of others) {
    const item = el("li", { "data-event-id": r.event_id });
    const link = el("a", { href: "#" }, [r.date, r.article.publisher, r.article.title || r.article.id].filter(Boolean).join(" · "));
    link.addEventListener("click", (ev) => { ev.preventDefault(); openEvent(r.event_id); });
    item.append(link, el("div", { class: "evidence" }, r.evidence));
    list.append(item);
  }
  section.append(list);
  return section;
}

async function openIncident(id) {
  // an incident opens at its most confident report, whose panel lists the others
  let data;
  try { data = await api(`/api/incidents/${encodeURIComponent(id)}`); } catch (err) { return showError(err); }
  const best = data.events.reduce((a, b) => (b.confidence > a.confidence ? b : a), data.events[0]);
  if (best) await openEvent(best.event_id);
}

// ---------- start ----------

async function main() {
  readHash();
  setupMap();
  setupTimeline();
  setupTable();
  applyView();
  try {
    const [meta] = await Promise.all([api("/api/meta"), drawCountries()]);
    state.meta = meta;
    fillSelects(meta);
  } catch (err) { showError(err); document.body.dataset.ready = "1"; return; }
  fillForm();
  const form = $("#filters");
  form.addEventListener("change", () => { readForm(); state.offset = 0; refresh(); });
  form.addEventListener("input", (ev) => {
    if (ev.target.type === "search") { readForm(); state.offset = 0; scheduleRefresh(undefined, 400); }
  });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  $("#reset").onclick = () => { state.filters = {}; state.inView = false; state.offset = 0; fillForm(); refresh(); };
  $("#close-detail").onclick = () => { $("#detail").hidden = true; };
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("#detail").hidden = true; });
  await refresh();
}

document.addEventListener("DOMContentLoaded", main);
