/* eventwire dashboard charts: plain SVG drawn from JSON embedded in the page.
 * No libraries and no network access, so the dashboard works offline. All labels are set with
 * textContent (never innerHTML) because names come from untrusted article text. */
"use strict";

const EW = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  // One colour per PLOVER type (grouped: cooperation blues/greens, conflict oranges/reds).
  const COLORS = {
    AGREE: "#2f7ebc", CONSULT: "#5aa2d6", SUPPORT: "#1f9e89", CONCEDE: "#7fc6a4", COOPERATE: "#3b8f4f",
    AID: "#6cbf4a", RETREAT: "#a5b4c4", REQUEST: "#8c7fc0", ACCUSE: "#d9a33c", REJECT: "#c98a5a",
    THREATEN: "#e07b39", PROTEST: "#b565a7", SANCTION: "#7a5230", MOBILIZE: "#c0504d", COERCE: "#d6453d",
    ASSAULT: "#a1161f",
  };
  const color = (type) => COLORS[type] || "#777";

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(parent, x, y, str, attrs) {
    const t = el("text", Object.assign({ x, y }, attrs || {}), parent);
    t.textContent = str;
    return t;
  }
  function tip(node, str) {
    el("title", {}, node).textContent = str;
  }
  function data(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function empty(container, message) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    container.appendChild(p);
  }
  function legend(container, types) {
    const box = document.createElement("div");
    box.className = "legend-row";
    for (const t of types) {
      const item = document.createElement("span");
      const sw = document.createElement("i");
      sw.style.background = color(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      box.appendChild(item);
    }
    container.appendChild(box);
  }

  const DAY = 86400000;
  const parseDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const fmtDay = (ms) => new Date(ms).toISOString().slice(0, 10);

  /* Stacked bars of events per day (or per N days when the range is long), one colour per type. */
  function timeline(container, d) {
    if (!container || !d) return;
    if (!d.days.length) return empty(container, "No dated events to plot.");
    const first = parseDay(d.days[0]);
    const last = parseDay(d.days[d.days.length - 1]);
    const span = Math.round((last - first) / DAY) + 1;
    const bin = Math.max(1, Math.ceil(span / 120)); // at most ~120 bars
    const nBins = Math.ceil(span / bin);
    const stacks = Array.from({ length: nBins }, () => ({}));
    d.days.forEach((day, i) => {
      const b = Math.floor((parseDay(day) - first) / DAY / bin);
      for (const t of d.types) if (d.counts[t][i]) stacks[b][t] = (stacks[b][t] || 0) + d.counts[t][i];
    });
    const totals = stacks.map((s) => Object.values(s).reduce((a, b) => a + b, 0));
    const maxY = Math.max(1, ...totals);
    const W = Math.max(320, container.clientWidth || 600), H = 200;
    const m = { l: 34, r: 8, t: 8, b: 26 };
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "timeline-svg" }, container);
    const step = niceStep(maxY, 4);
    for (let v = 0; v <= maxY; v += step) {
      const y = m.t + ih - (v / maxY) * ih;
      el("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, class: "grid" }, svg);
      text(svg, m.l - 6, y + 4, String(v), { class: "axis", "text-anchor": "end" });
    }
    const bw = iw / nBins;
    stacks.forEach((stack, b) => {
      let y = m.t + ih;
      const x = m.l + b * bw;
      const start = fmtDay(first + b * bin * DAY);
      const label = bin > 1 ? `${start} (+${bin - 1}d)` : start;
      for (const t of d.types) {
        const n = stack[t];
        if (!n) continue;
        const h = (n / maxY) * ih;
        y -= h;
        const r = el("rect", { x: x + bw * 0.12, y, width: Math.max(1, bw * 0.76), height: h, fill: color(t), class: "bar" }, svg);
        tip(r, `${label} · ${t}: ${n}`);
      }
    });
    el("line", { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih, class: "axis-line" }, svg);
    const ticks = Math.min(nBins, 6);
    for (let i = 0; i < ticks; i++) {
      const b = Math.round((i * (nBins - 1)) / Math.max(1, ticks - 1));
      const x = m.l + (b + 0.5) * bw;
      const anchor = ticks === 1 ? "middle" : i === 0 ? "start" : i === ticks - 1 ? "end" : "middle";
      text(svg, x, H - 8, fmtDay(first + b * bin * DAY), { class: "axis", "text-anchor": anchor });
    }
    legend(container, d.types);
  }

  function niceStep(max, n) {
    const raw = max / n;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw) || raw;
    return Math.max(1, step);
  }

  /* Equirectangular plot: x = longitude, y = latitude, fitted to the points, with a graticule.
   * No tiles or coastlines (nothing to download); circle area ∝ events, colour = top type. */
  function map(container, d, opts) {
    if (!container || !d) return;
    opts = opts || {};
    const W = Math.max(320, container.clientWidth || 600), H = opts.height || 300;
    const pts = d.points || [];
    let [lon0, lon1, lat0, lat1] = [-180, 180, -70, 80];
    if (pts.length) {
      const lons = pts.map((p) => p.lon), lats = pts.map((p) => p.lat);
      const pad = 6;
      lon0 = Math.min(...lons) - pad; lon1 = Math.max(...lons) + pad;
      lat0 = Math.min(...lats) - pad; lat1 = Math.max(...lats) + pad;
      // Keep 1° of longitude as wide as 1° of latitude is tall (that is what equirectangular means).
      const want = W / H;
      if ((lon1 - lon0) / (lat1 - lat0) < want) {
        const grow = ((lat1 - lat0) * want - (lon1 - lon0)) / 2; lon0 -= grow; lon1 += grow;
      } else {
        const grow = ((lon1 - lon0) / want - (lat1 - lat0)) / 2; lat0 -= grow; lat1 += grow;
      }
    }
    const x = (lon) => ((lon - lon0) / (lon1 - lon0)) * W;
    const y = (lat) => ((lat1 - lat) / (lat1 - lat0)) * H;
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "map-svg" }, container);
    el("rect", { x: 0, y: 0, width: W, height: H, class: "ocean" }, svg);
    const stepDeg = lon1 - lon0 > 120 ? 30 : lon1 - lon0 > 40 ? 10 : 5;
    for (let g = Math.ceil(lon0 / stepDeg) * stepDeg; g <= lon1; g += stepDeg) {
      el("line", { x1: x(g), x2: x(g), y1: 0, y2: H, class: g === 0 ? "grat major" : "grat" }, svg);
      if (x(g) < 34) continue; // keep the corner free for the latitude labels
      text(svg, x(g) + 3, H - 4, `${Math.abs(g)}°${g < 0 ? "W" : g > 0 ? "E" : ""}`, { class: "grat-label" });
    }
    for (let g = Math.ceil(lat0 / stepDeg) * stepDeg; g <= lat1; g += stepDeg) {
      el("line", { x1: 0, x2: W, y1: y(g), y2: y(g), class: g === 0 ? "grat major" : "grat" }, svg);
      if (y(g) > H - 16 || y(g) < 12) continue; // clear of the longitude labels and the top edge
      text(svg, 3, y(g) - 3, `${Math.abs(g)}°${g < 0 ? "S" : g > 0 ? "N" : ""}`, { class: "grat-label" });
    }
    if (!pts.length) {
      text(svg, W / 2, H / 2, "No geocoded events", { class: "axis", "text-anchor": "middle" });
      return;
    }
    const maxN = Math.max(...pts.map((p) => p.events));
    // Biggest first so small points stay clickable on top.
    for (const p of [...pts].sort((a, b) => b.events - a.events)) {
      const top = Object.entries(p.by_type).sort((a, b) => b[1] - a[1])[0][0];
      const r = 4 + 12 * Math.sqrt(p.events / maxN);
      const link = el("a", { href: `/articles/${encodeURIComponent(p.example_article)}#event-${p.example_event}`, class: "pt" }, svg);
      el("circle", { cx: x(p.lon), cy: y(p.lat), r, fill: color(top), class: "point" }, link);
      const breakdown = Object.entries(p.by_type).map(([t, n]) => `${t} ${n}`).join(", ");
      tip(link, `${p.name || "?"}${p.country ? " (" + p.country + ")" : ""}: ${p.events} event(s) · ${breakdown}`);
      if (opts.labels) text(svg, x(p.lon) + r + 3, y(p.lat) + 4, p.name || "", { class: "pt-label" });
    }
  }

  return { data, timeline, map, color };
})();
