// What makes the canvas read (loaded before graph_view.js, same scope): labels drawn at a fixed screen size
// whatever the zoom (their font is set in canvas units as LABEL_PX / scale on every zoom), the least connected
// labels hidden only where they would overprint a more connected one (all shown on zoom or hover), node size
// by degree, a legend of the labels and relationship types drawn, edges coloured by type, neighbours lit on
// hover, find on canvas, wheel zoom only with Ctrl or once the canvas is clicked, a taller mode (fullscreen: in
// graph_tools.js), and for large views clustering by label.

const LABEL_PX = 12;        // screen pixels of an ordinary label (a focus node's: FOCUS_PX)
const FOCUS_PX = 15;
const CROWD = 40;           // up to this many nodes every label is drawn; above it colliding minor ones hide
const INSIDE = new Set(["box", "database", "ellipse", "circle", "text"]);  // shapes that draw their label inside
const SHAPE_GLYPH = {dot: "●", box: "▬", diamond: "◆", database: "⛁", triangle: "▲", star: "★",
                     hexagon: "⬢", square: "■", ellipse: "⬬"};

function degrees(g) {
  const deg = new Map();
  for (const e of g.edges.get()) {
    deg.set(e.from, (deg.get(e.from) || 0) + 1);
    deg.set(e.to, (deg.get(e.to) || 0) + 1);
  }
  return deg;
}

function sized(g, n) {  // node size by degree (canvas units); a focus node a little larger
  const d = g.deg ? (g.deg.get(n.id) || 0) : 0;
  return Math.min(46, (n.focus ? 20 : 9) + 3 * Math.sqrt(d));
}

function priority(g) {  // ids, most important label first: focus, selected, then by degree, then name
  const ids = g.nodes.getIds();
  const score = (id) => {
    const n = g.nodes.get(id);
    return (n.focus ? 1e6 : 0) + (id === g.selected ? 5e5 : 0) + (g.deg.get(id) || 0);
  };
  return ids.map((id) => [score(id), id]).sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)).map((p) => p[1]);
}

function collide(boxes, cell, b) {  // does b overlap a box already placed? (grid of cell-sized buckets)
  const x0 = Math.floor(b.x0 / cell), x1 = Math.floor(b.x1 / cell);
  const y0 = Math.floor(b.y0 / cell), y1 = Math.floor(b.y1 / cell);
  for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) {
    for (const o of boxes.get(`${i},${j}`) || []) {
      if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) return true;
    }
  }
  for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) {
    const k = `${i},${j}`;
    if (!boxes.has(k)) boxes.set(k, []);
    boxes.get(k).push(b);
  }
  return false;
}

function relabel(g) {  // fonts at a fixed screen size, minor colliding labels hidden, hover lighting
  if (!g.network) return;
  const s = g.network.getScale() || 1;
  const pos = g.network.getPositions();
  const shown = g.nodes.get({filter: (n) => !n.hidden});
  const crowded = shown.length > CROWD && !g.allLabels;
  const lit = g.lit;  // the hovered node and its neighbours, or null
  const boxes = new Map();
  const visible = new Set();
  const order = priority(g).filter((id) => pos[id] && !g.nodes.get(id).hidden);
  const shift = new Map();  // label drop (screen px) that clears a label already placed (Gephi's label adjust)
  for (const id of order) {
    const n = g.nodes.get(id);
    const px = n.focus ? FOCUS_PX : LABEL_PX;
    const d = g.network.canvasToDOM(pos[id]);
    const w = String(n.text || "").length * px * 0.56 + 6;
    const inside = INSIDE.has(n.shape);
    const below = inside ? 0 : sized(g, n) * s + px * 0.7;
    let placed = false;
    for (const dy of inside ? [0] : [0, 1.45, 2.9, 4.35, 5.8].map((k) => k * px)) {
      const b = {x0: d.x - w / 2, x1: d.x + w / 2, y0: d.y + below + dy - px * 0.7, y1: d.y + below + dy + px * 0.7};
      if (!collide(boxes, 120, b)) { placed = true; if (dy) shift.set(id, dy); break; }
    }
    if (placed || !crowded || (lit && lit.has(id))) visible.add(id);
  }
  const rows = [];
  for (const n of g.nodes.get()) {
    const px = n.focus ? FOCUS_PX : LABEL_PX;
    const dim = lit && !lit.has(n.id);
    const on = visible.has(n.id) && !dim;
    const inside = INSIDE.has(n.shape);
    rows.push({id: n.id, size: sized(g, n), opacity: dim ? 0.18 : 1, label: on || !inside ? n.text : "",
               font: {size: px / s, face: "sans-serif", vadjust: (shift.get(n.id) || 0) / s, color: on ? (inside ? "#fff" : "#1d1d1d")
                      : "rgba(0,0,0,0)", strokeWidth: on && !inside ? 3 / s : 0,
                      strokeColor: "rgba(255,255,255,0.85)"}});
  }
  g.quiet = true;
  g.nodes.update(rows);
  const erows = [];
  for (const e of g.edges.get()) {
    const dim = lit && !(lit.has(e.from) && lit.has(e.to) && (!g.hovered || e.from === g.hovered || e.to === g.hovered));
    erows.push({id: e.id, color: {color: e.tcolor || "#9a9a9a", opacity: dim ? 0.08 : 0.9},
                width: dim ? 1 : (lit ? 2.5 : 1.2), label: g.captions ? e.etype : undefined,
                font: {size: 10 / s, color: "#555", strokeWidth: 2 / s, align: "middle"}});
  }
  g.edges.update(erows);
  g.quiet = false;
  g.labelled = visible.size;
  g.root.dataset.labels = String(visible.size);
  g.root.dataset.scale = String(s);
}

function soon(g) {  // relabel once per frame however many zoom events arrive
  if (g.raf) return;
  g.raf = requestAnimationFrame(() => { g.raf = 0; relabel(g); });
}

function legend(g, data) {  // the label shapes/colours and the relationship types drawn
  const box = g.ui.legend;
  box.textContent = "";
  const leg = data.legend || {labels: [], edges: []};
  for (const e of leg.labels) {
    const item = h("span", "ag-leg-item");
    const glyph = h("span", "ag-glyph", SHAPE_GLYPH[e.shape] || "●");
    glyph.style.color = e.color;
    item.append(glyph, document.createTextNode(` ${e.label}`));
    item.title = `${e.label} (${e.shape})`;
    item.dataset.label = e.label;
    box.append(item);
  }
  for (const e of leg.edges) {
    const item = h("span", "ag-leg-item ag-leg-edge");
    const line = h("span", "ag-line");
    line.style.background = e.color;
    item.append(line, document.createTextNode(` ${e.type}`));
    item.dataset.etype = e.type;
    box.append(item);
  }
  if (leg.survey) box.append(h("span", "ag-leg-item", leg.survey_means || "✦ added after the survey"));
}

function zoomAt(g, ev) {  // Ctrl+wheel (or wheel on a focused canvas) zooms around the pointer
  const net = g.network;
  const r = g.ui.canvas.getBoundingClientRect();
  const p = {x: ev.clientX - r.left, y: ev.clientY - r.top};
  const before = net.DOMtoCanvas(p);
  const s0 = net.getScale();
  const s1 = Math.max(0.02, Math.min(8, s0 * (ev.deltaY < 0 ? 1.12 : 1 / 1.12)));
  const c = net.getViewPosition();
  net.moveTo({scale: s1, position: {x: before.x + (c.x - before.x) * s0 / s1, y: before.y + (c.y - before.y) * s0 / s1},
              animation: false});
  soon(g);
}

function findOnCanvas(g, text) {
  const q = text.trim().toLowerCase();
  if (!q) { g.ui.found.textContent = ""; return; }
  const hits = g.nodes.get({filter: (n) => !n.hidden && `${n.name || ""} ${n.text || ""} ${n.id}`.toLowerCase().includes(q)});
  g.ui.found.textContent = hits.length ? `${hits.length} found` : "none found";
  if (!hits.length) return;
  const ids = hits.map((n) => n.id);
  g.network.selectNodes(ids);
  g.lit = new Set(ids);
  g.network.fit({nodes: ids, animation: false, maxZoomLevel: 1.5});
  relabel(g);
}

function clusterByLabel(g) {  // large views: one node per label (double-click one to open it)
  const net = g.network;
  if (g.clustered) {
    for (const id of g.clustered) if (net.isCluster(id)) net.openCluster(id);
    g.clustered = null;
  } else {
    g.clustered = [];
    const kinds = new Map();
    for (const n of g.nodes.get({filter: (n) => !n.hidden})) kinds.set(n.kind, (kinds.get(n.kind) || 0) + 1);
    for (const [kind, count] of kinds) {
      if (count < 2) continue;
      const one = g.nodes.get({filter: (n) => n.kind === kind})[0];
      const id = `cluster:${kind}`;
      net.cluster({joinCondition: (n) => n.kind === kind && !n.hidden,
                   clusterNodeProperties: {id, label: `${kind} (${count})`, shape: one.shape, color: one.color,
                                           size: 18 + 4 * Math.sqrt(count), font: {size: LABEL_PX / (net.getScale() || 1)}}});
      g.clustered.push(id);
    }
  }
  g.ui.cluster.textContent = g.clustered ? "Uncluster" : "Cluster by type";
  net.fit({animation: false});
  soon(g);
}

function highlight(g, data) {  // the ids the page lights up (a path of several), the rest dimmed
  const ids = (data.highlight || []).filter((id) => g.nodes.get(id));
  g.pathLit = ids.length ? new Set(ids) : null;
  g.lit = g.pathLit;
}

function readable(g, root, data) {  // wire the reading aids onto a freshly built network
  const ui = g.ui;
  highlight(g, data);
  g.root = root;
  g.deg = degrees(g);
  legend(g, data);
  ui.canvas.tabIndex = 0;
  ui.canvas.addEventListener("wheel", (ev) => {
    if (!(ev.ctrlKey || ev.metaKey || document.activeElement === ui.canvas)) return;  // the page scrolls
    ev.preventDefault();
    zoomAt(g, ev);
  }, {passive: false});
  ui.canvas.addEventListener("pointerdown", () => ui.canvas.focus({preventScroll: true}));
  g.network.on("zoom", () => soon(g));
  g.network.on("animationFinished", () => soon(g));
  g.network.on("dragEnd", () => soon(g));
  g.network.on("hoverNode", (p) => {
    g.hovered = p.node;
    g.lit = new Set([p.node, ...g.network.getConnectedNodes(p.node)]);
    soon(g);
  });
  g.network.on("blurNode", () => { g.hovered = null; g.lit = g.pathLit; soon(g); });
  ui.find.addEventListener("input", () => {
    clearTimeout(g.findT);
    g.findT = setTimeout(() => findOnCanvas(g, ui.find.value), 150);
  });
  ui.find.addEventListener("keydown", (ev) => { if (ev.key === "Escape") { ui.find.value = ""; g.lit = g.pathLit; soon(g); } });
  ui.taller.addEventListener("click", () => {
    g.tall = !g.tall;
    ui.canvas.style.height = g.tall ? `${Math.max(g.height, Math.round(window.innerHeight * 0.88))}px` : `${g.height}px`;
    ui.taller.textContent = g.tall ? "Shorter" : "Taller";
    g.network.setSize("100%", ui.canvas.style.height);
    g.network.fit({animation: false});
    soon(g);
  });
  ui.full.addEventListener("click", () => toggleFullscreen(g, root));
  root.onfullscreenchange = () => requestAnimationFrame(() => { if (root.__atlas) screenFit(root.__atlas, root); });
  ui.captions.addEventListener("click", () => { g.captions = !g.captions; soon(g); });
  ui.labels.addEventListener("click", () => { g.allLabels = !g.allLabels; ui.labels.classList.toggle("on", g.allLabels); soon(g); });
  ui.cluster.addEventListener("click", () => clusterByLabel(g));
  ui.cluster.style.display = data.big ? "" : "none";
}
