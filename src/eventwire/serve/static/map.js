/* eventwire map: Leaflet over Natural Earth country boundaries (vendored, no tile server).
 *
 * - Events known to a city or a site are circles: area by number of events, the ring by type;
 *   nearby places merge into one circle when zoomed out (a simple screen-grid clustering).
 *   A click on a merged circle zooms in; on a place it lists the events there.
 * - Events known only to a country or a region are shaded country areas (a choropleth), never a
 *   point at a centroid.
 * - The view (zoom/lat/lon) is kept in the URL fragment (#map=z/lat/lon), so a link shows the same map.
 * All text goes through textContent: place and actor names come from untrusted articles. */
"use strict";

(() => {
  const box = document.getElementById("map");
  if (!box || typeof L === "undefined" || typeof EW === "undefined") return;
  const d = EW.data(box.dataset.source) || { points: [], areas: [] };
  const unit = d.unit || "events";
  const large = box.classList.contains("map-large");
  const AREA_COLORS = ["#d5c8ea", "#b49dd7", "#9173c0", "#6f4ba6", "#4c2785"];
  const LAND = "#ebe7df", BORDER = "#ffffff";

  const map = L.map(box, {
    minZoom: 1, maxZoom: 10, zoomSnap: 0.5, zoomDelta: 1, worldCopyJump: false,
    maxBounds: [[-80, -230], [88, 230]], maxBoundsViscosity: 0.7, scrollWheelZoom: large,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth · Leaflet");
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", `Map of the ${unit}: circles at places, shaded countries for ${unit} known only to a country or region`);
  const fromHash = /#map=([\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(window.location.hash);
  if (fromHash) map.setView([+fromHash[2], +fromHash[3]], +fromHash[1]);
  else map.setView([25, 15], large ? 2 : 1);

  // --- shaded countries -------------------------------------------------------------------------
  const areaOf = new Map();
  for (const a of d.areas || []) {
    if (a.iso_n3) areaOf.set(a.iso_n3, a);
    areaOf.set(`name:${a.name}`, a);
  }
  const maxArea = Math.max(1, ...(d.areas || []).map((a) => a.events));
  const breaks = [];
  for (let k = 0; k < AREA_COLORS.length; k++) {
    const b = Math.max(1, Math.round(Math.exp((Math.log(maxArea) * k) / AREA_COLORS.length)));
    if (!breaks.length || b > breaks[breaks.length - 1]) breaks.push(b);
  }
  const classOf = (n) => { let i = 0; while (i + 1 < breaks.length && n >= breaks[i + 1]) i++; return i; };
  // Few classes take the darker end of the scale, so one shaded country never looks like bare land.
  const areaColor = (n) => AREA_COLORS[AREA_COLORS.length - breaks.length + classOf(n)];
  const areaFor = (feature) => areaOf.get(feature.id) || areaOf.get(`name:${feature.properties.name}`);

  function fixAntimeridian(feature) {
    // Rings crossing 180° (Russia's far east, Fiji) are drawn continuous past 180° instead of across the map.
    const g = feature.geometry;
    if (!g) return feature;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    for (const poly of polys) for (const ring of poly) {
      let jumps = false;
      for (let i = 1; i < ring.length && !jumps; i++) jumps = Math.abs(ring[i][0] - ring[i - 1][0]) > 180;
      if (jumps) for (const c of ring) if (c[0] < 0) c[0] += 360;
    }
    return feature;
  }

  function areaPopup(a, feature) {
    const node = EW.html("div", "ew-pop");
    EW.html("div", "ew-pop-title", node, `${feature.properties.name} (${a.country})`);
    EW.html("div", "ew-pop-sub", node, `${a.events} ${unit} known only to the country or a region in it`);
    typeLine(node, a.by_type);
    const list = EW.html("ul", "ew-pop-list", node);
    for (const p of a.places) {
      const li = EW.html("li", "", list);
      const link = EW.html("a", "", li, `${p.name} (${p.precision})`);
      link.href = EW.urlWith({ place: p.name }, "/");
      li.appendChild(document.createTextNode(` · ${p.events}`));
    }
    const all = EW.html("a", "ew-pop-all", node, `All ${a.events} shaded ${unit} here →`);
    all.href = EW.urlWith({ place: a.places.map((p) => p.name) }, "/");
    return node;
  }

  let countries = null;
  const renderer = L.canvas({ padding: 0.3 });
  const world = large ? "countries-50m.json" : "countries-110m.json";
  const loaded = fetch(`/static/vendor/world-atlas/${world}`)
    .then((r) => r.json())
    .then((topo) => {
      const fc = topojson.feature(topo, topo.objects.countries);
      fc.features = fc.features.filter((f) => f.properties.name !== "Antarctica").map(fixAntimeridian);
      let shaded = 0;
      countries = L.geoJSON(fc, {
        renderer,
        style: (feature) => {
          const a = areaFor(feature);
          if (a) shaded++;
          return { color: BORDER, weight: 0.7, fillColor: a ? areaColor(a.events) : LAND, fillOpacity: 1 };
        },
        onEachFeature: (feature, layer) => {
          const a = areaFor(feature);
          const tip = EW.html("div", "", undefined, a ? `${feature.properties.name}: ${a.events} ${unit} known only to the country or a region` : feature.properties.name);
          layer.bindTooltip(tip, { sticky: true, className: "ew-ttip" });
          if (a) {
            layer.bindPopup(() => areaPopup(a, feature), { maxWidth: 320 });
            layer.on("mouseover", () => layer.setStyle({ weight: 2, color: "#1c2430" }));
            layer.on("mouseout", () => layer.setStyle({ weight: 0.7, color: BORDER }));
          }
        },
      }).addTo(map);
      countries.bringToBack();
      box.dataset.areas = String(shaded);
      return countries;
    })
    .catch(() => { box.dataset.areas = "0"; return null; });

  // --- places, clustered on a screen grid -----------------------------------------------------------
  const points = d.points || [];
  const markers = L.layerGroup().addTo(map);
  const CELL = 64;

  function typeLine(parent, byType) {
    const row = EW.html("div", "ew-pop-types", parent);
    for (const [t, n] of Object.entries(byType)) {
      const item = EW.html("span", "", row);
      const sw = EW.html("i", "", item);
      sw.style.background = EW.color(t);
      item.appendChild(document.createTextNode(`${t} ${n}`));
    }
  }
  function merge(group) {
    const byType = {};
    let events = 0, lat = 0, lon = 0;
    for (const p of group) {
      events += p.events;
      lat += p.lat * p.events;
      lon += p.lon * p.events;
      for (const [t, n] of Object.entries(p.by_type)) byType[t] = (byType[t] || 0) + n;
    }
    const sorted = Object.fromEntries(Object.entries(byType).sort((a, b) => b[1] - a[1]));
    return { events, lat: lat / events, lon: lon / events, by_type: sorted, places: group };
  }
  function ring(byType) {
    const total = Object.values(byType).reduce((a, b) => a + b, 0);
    let at = 0;
    const stops = Object.entries(byType).map(([t, n]) => {
      const from = (at / total) * 100;
      at += n;
      return `${EW.color(t)} ${from}% ${(at / total) * 100}%`;
    });
    return stops.length === 1 ? EW.color(Object.keys(byType)[0]) : `conic-gradient(${stops.join(", ")})`;
  }
  function describe(c) {
    const types = Object.entries(c.by_type).map(([t, n]) => `${t} ${n}`).join(", ");
    if (c.places.length > 1) return `${c.places.length} places, ${c.events} ${unit} (${types}). Select to zoom in.`;
    const p = c.places[0];
    return `${p.name || "unnamed place"}${p.country ? " (" + p.country + ")" : ""}: ${p.events} ${unit} (${types}). Select to list them.`;
  }
  // The latest events at a place under the page's filters, from the JSON API (same filters).
  const FILTERS = ["type", "mode", "modality", "source_country", "target_country", "actor_name", "outlet",
    "actor", "country", "since", "until", "dated", "text", "article"];
  function latest(place) {
    const here = new URLSearchParams(window.location.search);
    const q = new URLSearchParams();
    for (const [k, v] of here) if (FILTERS.includes(k) && v) q.append(k, v);
    q.set("place", place);
    q.set("sort", "-date");
    q.set("limit", "6");
    return fetch(`/api/events?${q}`).then((r) => (r.ok ? r.json() : Promise.reject(r.status))).then((body) => body.data);
  }
  function placePopup(c) {
    const node = EW.html("div", "ew-pop");
    if (c.places.length === 1) {
      const p = c.places[0];
      EW.html("div", "ew-pop-title", node, `${p.name || "unnamed place"}${p.country ? " (" + p.country + ")" : ""}`);
      EW.html("div", "ew-pop-sub", node, `${p.events} ${unit}`);
      typeLine(node, p.by_type);
      if (p.name) {
        const list = EW.html("ul", "ew-pop-list", node);
        const wait = EW.html("li", "muted", list, "Loading the latest…");
        latest(p.name).then((events) => {
          wait.remove();
          for (const s of events) {
            const li = EW.html("li", "", list);
            const a = EW.html("a", "ew-pop-event", li, `${s.date || "undated"} · ${s.type} · ${s.source_name || "?"} → ${s.target_name || "?"}`);
            a.href = `/events/${encodeURIComponent(s.id).replace(/%3A/g, ":")}`;
          }
        }).catch(() => { wait.textContent = "Could not load the events."; });
        const all = EW.html("a", "ew-pop-all", node, `All ${p.events} ${unit} at ${p.name} →`);
        all.href = EW.urlWith({ place: p.name }, "/");
      }
    } else {
      EW.html("div", "ew-pop-title", node, `${c.places.length} places, ${c.events} ${unit}`);
      const list = EW.html("ul", "ew-pop-list", node);
      for (const p of c.places) {
        const li = EW.html("li", "", list);
        const a = EW.html("a", "", li, p.name || "unnamed place");
        a.href = EW.urlWith({ place: p.name }, "/");
        li.appendChild(document.createTextNode(` · ${p.events}`));
      }
    }
    return node;
  }
  function rebuild() {
    markers.clearLayers();
    const z = map.getZoom();
    const cells = new Map();
    for (const p of points) {
      const pt = map.project([p.lat, p.lon], z);
      const key = `${Math.floor(pt.x / CELL)}:${Math.floor(pt.y / CELL)}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(p);
    }
    const clusters = [...cells.values()].map(merge).sort((a, b) => b.events - a.events);
    for (const c of clusters) {
      const size = Math.round(Math.min(56, 20 + 4.5 * Math.sqrt(c.events)));
      const node = EW.html("div", "ew-ring");
      node.style.background = ring(c.by_type);
      EW.html("span", "ew-count", node, EW.fmt.format(c.events));
      const cluster = c.places.length > 1;
      const marker = L.marker([c.lat, c.lon], {
        icon: L.divIcon({ className: `ew-mk${cluster ? " ew-cluster" : " ew-place"}`, html: node, iconSize: [size, size] }),
        keyboard: true, riseOnHover: true,
      });
      marker.bindTooltip(EW.html("div", "", undefined, describe(c)), { direction: "top", offset: [0, -size / 2], className: "ew-ttip" });
      const activate = () => {
        const bounds = L.latLngBounds(c.places.map((p) => [p.lat, p.lon]));
        const spread = map.project(bounds.getNorthEast(), map.getMaxZoom()).distanceTo(map.project(bounds.getSouthWest(), map.getMaxZoom()));
        if (cluster && map.getZoom() < map.getMaxZoom() && spread > CELL / 2) {
          const target = Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 1, map.getBoundsZoom(bounds.pad(0.3))));
          map.flyTo(bounds.getCenter(), target, { duration: 0.35 });
        } else {
          L.popup({ maxWidth: 340 }).setLatLng([c.lat, c.lon]).setContent(placePopup(c)).openOn(map);
        }
      };
      marker.on("click", activate);
      marker.on("keypress", (e) => {  // Enter or Space on a focused circle, as a click
        const key = e.originalEvent.key;
        if (key === "Enter" || key === " ") { L.DomEvent.preventDefault(e.originalEvent); activate(); }
      });
      marker.addTo(markers);
      const elm = marker.getElement();
      if (elm) {
        elm.setAttribute("aria-label", describe(c));
        elm.dataset.events = String(c.events);
        elm.dataset.places = String(c.places.length);
        if (!cluster && c.places[0].name) elm.dataset.place = c.places[0].name;
      }
    }
    box.dataset.zoom = String(map.getZoom());
    box.dataset.markers = String(clusters.length);
  }
  map.on("zoomend", rebuild);
  map.on("moveend", () => {
    const c = map.getCenter();
    const hash = `#map=${map.getZoom()}/${c.lat.toFixed(3)}/${c.lng.toFixed(3)}`;
    if (window.location.hash !== hash) history.replaceState(null, "", window.location.pathname + window.location.search + hash);
  });

  // --- first view: fit what there is (unless the URL says where) -------------------------------------
  loaded.then((layer) => {
    if (!fromHash) {
      let bounds = points.length ? L.latLngBounds(points.map((p) => [p.lat, p.lon])) : null;
      if (layer) layer.eachLayer((l) => {
        if (areaFor(l.feature)) bounds = bounds ? bounds.extend(l.getBounds()) : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast());
      });
      if (bounds && bounds.isValid()) map.fitBounds(bounds.pad(0.15), { maxZoom: 5, animate: false });
    }
    rebuild();
    box.dataset.ready = "1";
  });

  // --- legend, under the map ---------------------------------------------------------------------------
  const legend = EW.html("div", "map-legend");
  box.after(legend);
  const types = {};
  for (const p of points) for (const [t, n] of Object.entries(p.by_type)) types[t] = (types[t] || 0) + n;
  const ordered = Object.keys(types).sort((a, b) => types[b] - types[a]);
  if (ordered.length) {
    EW.html("span", "legend-title", legend, "Circles (ring = type):");
    EW.legend(legend, ordered).classList.add("inline");
  }
  if ((d.areas || []).length) {
    const scale = EW.html("div", "area-scale", legend);
    EW.html("span", "legend-title", scale, `Shaded: ${unit} known only to a country or region`);
    breaks.forEach((b, i) => {
      const hi = i + 1 < breaks.length ? breaks[i + 1] - 1 : maxArea;
      const item = EW.html("span", "", scale);
      const sw = EW.html("i", "", item);
      sw.style.background = areaColor(b);
      item.appendChild(document.createTextNode(hi > b ? `${b}–${hi}` : `${b}`));
    });
  }
})();
