/* eventwire dashboard: the timeline (stacked bars that adapt to the span, brushable) and shared
 * helpers for map.js. Data comes from JSON data blocks in the page; no inline script, no network.
 * Every label is set with textContent (never innerHTML): names come from untrusted article text. */
"use strict";

const EW = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  // One colour per PLOVER type, grouped: cooperation in blues and greens, conflict in ambers and reds.
  const COLORS = {
    AGREE: "#1f77b4", CONSULT: "#6baed6", SUPPORT: "#17a2b8", CONCEDE: "#9ecae1",
    COOPERATE: "#2ca02c", AID: "#8fd16f", RETREAT: "#b8bf3a", REQUEST: "#9467bd",
    ACCUSE: "#e6b43c", REJECT: "#c49c94", THREATEN: "#ff7f0e", PROTEST: "#e377c2",
    SANCTION: "#8c564b", MOBILIZE: "#f28e8e", COERCE: "#d62728", ASSAULT: "#7f0a0a",
    "as source": "#1f5fa8", "as target": "#e07b39",
  };
  const color = (type) => COLORS[type] || "#7a8594";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, cls, parent, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgText(parent, x, y, str, attrs) {
    const t = el("text", Object.assign({ x, y }, attrs || {}), parent);
    t.textContent = str;
    return t;
  }
  function data(id) {
    const node = id && document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function legend(container, types) {
    const box = html("div", "legend-row", container);
    box.setAttribute("aria-label", "Colours");
    for (const t of types) {
      const item = html("span", "", box);
      const sw = html("i", "", item);
      sw.style.background = color(t);
      item.appendChild(document.createTextNode(t));
    }
    return box;
  }
  /* The current URL with some query parameters set (null deletes them), back to the first page. */
  function urlWith(changes, path) {
    const url = new URL(window.location.href);
    if (path) url.pathname = path;
    for (const [k, v] of Object.entries(changes)) {
      url.searchParams.delete(k);
      if (v !== null && v !== undefined) for (const one of [].concat(v)) url.searchParams.append(k, one);
    }
    url.searchParams.delete("offset");
    url.hash = "";
    return url.pathname + url.search;
  }
  const fmt = new Intl.NumberFormat("en");
  function niceStep(max, n) {
    const raw = max / n;
    const pow = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const step = [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw) || raw;
    return Math.max(1, step);
  }

  /* A floating tooltip shared by the charts (text only). */
  let tipNode = null;
  function showTip(lines, x, y) {
    if (!tipNode) tipNode = html("div", "ew-tip", document.body);
    tipNode.textContent = "";
    lines.forEach((line, i) => html("div", i ? "" : "ew-tip-head", tipNode, line));
    tipNode.hidden = false;
    const w = tipNode.offsetWidth, h = tipNode.offsetHeight;
    const left = Math.min(window.scrollX + document.documentElement.clientWidth - w - 8, x + 14);
    tipNode.style.left = `${Math.max(window.scrollX + 4, left)}px`;
    tipNode.style.top = `${Math.max(window.scrollY + 4, y - h - 10)}px`;
  }
  function hideTip() {
    if (tipNode) tipNode.hidden = true;
  }

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function tickLabel(bin, unit, prev) {
    // The year is written on the first tick and whenever it changes.
    const [y, m, d] = bin.start.split("-").map(Number);
    const newYear = !prev || Number(prev.start.slice(0, 4)) !== y;
    if (unit === "year") return String(y);
    if (unit === "month") return newYear ? `${MONTHS[m - 1]} ${y}` : MONTHS[m - 1];
    return `${MONTHS[m - 1]} ${d}${newYear ? " " + y : ""}`;
  }

  /* Stacked bars, one per bin (day, week, month or year: the server picks by span), coloured by
   * series. Drag across bars (or press Enter on one) to set the date filter to their range. */
  function timeline(container, d, opts) {
    opts = opts || {};
    if (!container || !d) return;
    container.textContent = "";
    const series = d.types || d.series || [];
    if (!d.bins || !d.bins.length) {
      html("p", "empty", container, "No event with a day-precise date matches.");
      return;
    }
    const W = Math.max(300, container.clientWidth || 600), H = opts.height || 270;
    const m = { l: 36, r: 10, t: 10, b: 24 };
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const maxY = Math.max(1, d.max);
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "timeline-svg" }, container);
    const step = niceStep(maxY, 4);
    for (let v = 0; v <= maxY; v += step) {
      const y = m.t + ih - (v / maxY) * ih;
      el("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, class: "grid" }, svg);
      svgText(svg, m.l - 6, y + 4, fmt.format(v), { class: "axis", "text-anchor": "end" });
    }
    const n = d.bins.length, bw = iw / n;
    const gap = bw > 6 ? Math.min(2, bw * 0.15) : 0;
    const sel = el("rect", { x: 0, y: m.t, width: 0, height: ih, class: "brush", visibility: "hidden" }, svg);
    const groups = [];
    d.bins.forEach((bin, i) => {
      const g = el("g", { class: "bin", tabindex: "0", role: "button", "data-start": bin.start, "data-end": bin.end }, svg);
      const label = bin.start === bin.end ? bin.start : `${bin.start} – ${bin.end}`;
      const parts = series.filter((s) => bin.counts[s]).map((s) => `${s} ${bin.counts[s]}`);
      g.setAttribute("aria-label", `${label}: ${bin.total}${parts.length ? " (" + parts.join(", ") + ")" : ""}. Press Enter to filter to these dates.`);
      el("rect", { x: m.l + i * bw, y: m.t, width: bw, height: ih, class: "hit" }, g);
      let y = m.t + ih;
      for (const s of series) {
        const c = bin.counts[s];
        if (!c) continue;
        const h = (c / maxY) * ih;
        y -= h;
        el("rect", { x: m.l + i * bw + gap / 2, y, width: Math.max(1, bw - gap), height: h, fill: color(s), class: "bar" }, g);
      }
      g.addEventListener("pointerenter", (ev) => showTip([label, `${fmt.format(bin.total)} in all`, ...parts], ev.pageX, ev.pageY));
      g.addEventListener("pointermove", (ev) => showTip([label, `${fmt.format(bin.total)} in all`, ...parts], ev.pageX, ev.pageY));
      g.addEventListener("pointerleave", hideTip);
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(i, i); }
        else if (ev.key === "ArrowRight" && groups[i + 1]) groups[i + 1].focus();
        else if (ev.key === "ArrowLeft" && groups[i - 1]) groups[i - 1].focus();
      });
      groups.push(g);
    });
    el("line", { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih, class: "axis-line" }, svg);
    const every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(iw / 78))));
    let prev = null, right = -Infinity;
    for (let i = 0; i < n; i += every) {
      const label = tickLabel(d.bins[i], d.unit, prev);
      const width = label.length * 6.2;  // about 10.5 px type
      const start = i === 0 && bw < 40;
      const x = start ? m.l + i * bw : m.l + (i + 0.5) * bw;
      const left = start ? x : x - width / 2;
      if (left < right + 8 || left + width > W) continue;  // no overlapping or clipped labels
      svgText(svg, x, H - 7, label, { class: "axis", "text-anchor": start ? "start" : "middle" });
      right = left + width;
      prev = d.bins[i];
    }

    function go(a, b) {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      if (opts.noBrush) return;
      // Only events with a day (or week) are on the bars, so the brushed range keeps to those:
      // "2025" or "2025-02" alone cannot be placed inside a range of days.
      const changes = Object.assign({ since: d.bins[lo].start, until: d.bins[hi].end, dated: "day" }, opts.extra || {});
      window.location.assign(urlWith(changes, opts.path));
    }
    // Brushing: press on a bar, drag, release. A press and release on one bar selects that bar.
    const binAt = (ev) => {
      const box = svg.getBoundingClientRect();
      const x = ((ev.clientX - box.left) / box.width) * W;
      return Math.max(0, Math.min(n - 1, Math.floor((x - m.l) / bw)));
    };
    let from = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0 || opts.noBrush) return;
      from = binAt(ev);
      svg.setPointerCapture(ev.pointerId);
      draw(from, from);
    });
    svg.addEventListener("pointermove", (ev) => { if (from !== null) draw(from, binAt(ev)); });
    svg.addEventListener("pointerup", (ev) => {
      if (from === null) return;
      const to = binAt(ev);
      const a = from;
      from = null;
      go(a, to);
    });
    svg.addEventListener("pointercancel", () => { from = null; sel.setAttribute("visibility", "hidden"); });
    function draw(a, b) {
      const lo = Math.min(a, b), hi = Math.max(a, b);
      sel.setAttribute("x", m.l + lo * bw);
      sel.setAttribute("width", (hi - lo + 1) * bw);
      sel.setAttribute("visibility", "visible");
      hideTip();
    }
    if (series.length) legend(container, series);
  }

  function boot() {
    const t = document.getElementById("timeline");
    const a = document.getElementById("actor-timeline");
    const draw = () => {
      if (t) timeline(t, data(t.dataset.source));
      if (a) timeline(a, data(a.dataset.source), { path: "/", height: 170, extra: { actor_name: a.dataset.actor } });
    };
    draw();
    let width = window.innerWidth, timer = null;
    window.addEventListener("resize", () => {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      clearTimeout(timer);
      timer = setTimeout(draw, 150);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();

  return { data, color, el, html, legend, urlWith, showTip, hideTip, fmt, timeline };
})();
