// The graph component's front end (Streamlit components v2, no build step). vis-network (the copy pyvis
// ships) is inlined before this module by graph_view.py. Streamlit calls the default export on mount and
// again whenever `data` changes; the network lives on the root element, so an update is a diff of the
// DataSets: nodes already drawn keep their place, new ones appear around the node they came from.
//
// data: {base, nodes, edges, options, selected, expanded, height, big, legend, restore}; restore ({hidden,
// positions}: what the reader did to this view before it was drawn afresh) is read only when the canvas is built.
// state out ("view"): {base, selected, expanded, chosen, hidden, positions}; positions ({id: [x, y]}, rounded
// canvas pixels of every node of this view) are measured only when something moved them: the end of a drag,
// a stabilisation, or an expansion that followed a moved node (never per frame); null until then.

const MENU_ITEMS = [["open", "Details"], ["expand", "Expand / collapse"], ["hide", "Hide"], ["pin", "Pin / unpin"]];

function h(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

function build(root) {
  const bar = h("div", "ag-bar");
  const back = h("button", "ag-btn", "◀ Back");
  const fwd = h("button", "ag-btn", "Forward ▶");
  const fit = h("button", "ag-btn", "Fit");
  const unhide = h("button", "ag-btn", "Show hidden");
  const taller = h("button", "ag-btn", "Taller");
  const full = h("button", "ag-btn", "Fullscreen");
  full.title = "Show the canvas on the whole screen (Esc leaves)";
  const labels = h("button", "ag-btn", "All labels");
  const captions = h("button", "ag-btn", "Edge types");
  const cluster = h("button", "ag-btn", "Cluster by type");
  const find = h("input", "ag-find");
  find.type = "search";
  find.placeholder = "Find on canvas";
  find.setAttribute("aria-label", "Find on canvas");
  const found = h("span", "ag-hint");
  const count = h("span", "ag-count");
  const hint = h("span", "ag-hint",
    "click: details · double-click: expand/collapse · right-click: menu · Ctrl-click or Shift-drag: select several"
    + " · Ctrl+wheel (or click the canvas, then wheel): zoom");
  back.dataset.act = "back"; fwd.dataset.act = "forward"; fit.dataset.act = "fit"; unhide.dataset.act = "unhide";
  bar.append(back, fwd, fit, unhide, taller, full, labels, captions, cluster, find, found, count, hint);
  const legendBox = h("div", "ag-legend");
  const canvas = h("div", "ag-canvas");
  const menu = h("div", "ag-menu");
  menu.style.display = "none";
  for (const [act, text] of MENU_ITEMS) {
    const item = h("div", "ag-item", text);
    item.dataset.act = act;
    menu.append(item);
  }
  const box = h("div", "ag-box");
  box.style.display = "none";
  const wrap = h("div", "ag-wrap");
  wrap.append(canvas, menu, box);
  root.append(bar, wrap, legendBox);
  return {bar, back, fwd, fit, unhide, taller, full, labels, captions, cluster, find, found, count, canvas, menu, box, wrap,
          legend: legendBox};
}

function sameSet(a, b) {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  if (!data || !window.vis) return;
  let root = parentElement.querySelector(".atlas-graph");
  if (!root) {
    root = h("div", "atlas-graph");
    parentElement.append(root);
  }
  let g = root.__atlas;
  if (!g || g.base !== data.base) {
    if (g && g.network) g.network.destroy();
    root.textContent = "";
    g = root.__atlas = {base: data.base, ui: build(root), hidden: new Set(), pinned: new Set(), py: new Map(),
                        history: [], at: -1, expanded: [], selected: "", chosen: [], pending: null, positions: null};
    setup(g, root, data, setStateValue);
  } else {
    update(g, root, data, setStateValue);
  }
}

function send(g, setStateValue, record = true) {
  if (record) {
    g.history = g.history.slice(0, g.at + 1);
    g.history.push({selected: g.selected, expanded: g.expanded.slice(), hidden: [...g.hidden],
                    pinned: [...g.pinned]});
    g.at = g.history.length - 1;
  }
  buttons(g);
  setStateValue("view", {base: g.base, selected: g.selected, expanded: g.expanded, chosen: g.chosen,
                         hidden: [...g.hidden], positions: g.positions});
}

function buttons(g) {
  g.ui.back.disabled = g.at <= 0;
  g.ui.fwd.disabled = g.at >= g.history.length - 1;
  g.ui.unhide.disabled = g.hidden.size === 0;
}

function counted(g, root) {
  const shown = g.nodes.get({filter: (n) => !n.hidden}).length;
  const rels = g.edges.length;
  root.dataset.nodes = String(shown);
  g.ui.count.textContent = `${shown} nodes, ${rels} relationships` + (g.hidden.size ? ` · ${g.hidden.size} hidden` : "")
    + (g.chosen.length > 1 ? ` · ${g.chosen.length} selected` : "");
}

function styled(g, n) {
  const out = {...n, text: n.label};
  out.hidden = g.hidden.has(n.id);
  if (g.pinned.has(n.id)) {
    out.fixed = {x: true, y: true};
    out.shapeProperties = {borderDashes: [4, 3]};
    out.borderWidth = 3;
  } else {
    out.fixed = false;
    out.shapeProperties = {borderDashes: false};
  }
  return out;
}

function setup(g, root, data, setStateValue) {
  const ui = g.ui;
  root.dataset.t0 = String(performance.now());  // the bench reads these: data in hand -> first frame drawn
  g.height = data.height || 600;
  ui.canvas.style.height = `${g.height}px`;
  for (const n of data.nodes) g.py.set(n.id, [n.x, n.y]);
  const restore = data.restore || {};
  const at = restore.positions || {};
  for (const id of restore.hidden || []) if (g.py.has(id)) g.hidden.add(id);
  if (Object.keys(at).length) g.positions = {...at};
  g.nodes = new vis.DataSet(data.nodes.map((n) => styled(g, at[n.id] ? {...n, x: at[n.id][0], y: at[n.id][1]} : n)));
  g.edges = new vis.DataSet(data.edges);
  const options = JSON.parse(JSON.stringify(data.options || {}));
  options.physics = {enabled: false};
  options.layout = {improvedLayout: false};
  options.interaction = Object.assign({}, options.interaction || {}, {
    multiselect: true, hover: true, hideEdgesOnDrag: !!data.big, hideEdgesOnZoom: !!data.big, zoomView: false,
  });
  g.network = new vis.Network(ui.canvas, {nodes: g.nodes, edges: g.edges}, options);
  readable(g, root, data);
  g.network.once("afterDrawing", () => {
    relabel(g);
    g.network.once("afterDrawing", () => {
      root.dataset.t1 = String(performance.now());
      root.dataset.drawn = "1";
    });
  });
  g.expanded = (data.expanded || []).slice();
  g.selected = data.selected || "";
  if (g.selected && g.nodes.get(g.selected)) g.network.selectNodes([g.selected]);
  g.history = [{selected: g.selected, expanded: g.expanded.slice(), hidden: [...g.hidden], pinned: []}];
  g.at = 0;
  buttons(g);
  counted(g, root);

  const chosenNow = () => g.network.getSelectedNodes();
  g.network.on("click", (p) => {
    ui.menu.style.display = "none";
    const multi = p.event && p.event.srcEvent && (p.event.srcEvent.ctrlKey || p.event.srcEvent.metaKey);
    if (multi) {
      g.chosen = chosenNow();
      counted(g, root);
      send(g, setStateValue, false);
      return;
    }
    if (!p.nodes.length) return;
    const id = p.nodes[0];
    clearTimeout(g.pending);
    g.pending = setTimeout(() => {  // wait: a double-click cancels the single click
      g.selected = id;
      g.chosen = [id];
      counted(g, root);
      send(g, setStateValue);
    }, 260);
  });
  g.network.on("doubleClick", (p) => {
    clearTimeout(g.pending);
    if (p.nodes.length && g.network.isCluster(p.nodes[0])) { g.network.openCluster(p.nodes[0]); soon(g); return; }
    if (p.nodes.length) toggle(g, p.nodes[0], setStateValue);
  });
  g.network.on("oncontext", (p) => {
    p.event.preventDefault();
    const id = g.network.getNodeAt(p.pointer.DOM);
    if (!id) { ui.menu.style.display = "none"; return; }
    g.menuFor = id;
    ui.menu.style.left = `${p.pointer.DOM.x}px`;
    ui.menu.style.top = `${p.pointer.DOM.y}px`;
    ui.menu.style.display = "block";
  });
  ui.menu.addEventListener("click", (ev) => {
    const act = ev.target.dataset.act;
    const id = g.menuFor;
    ui.menu.style.display = "none";
    if (!act || !id) return;
    if (act === "open") { g.selected = id; g.chosen = [id]; g.network.selectNodes([id]); send(g, setStateValue); }
    if (act === "expand") toggle(g, id, setStateValue);
    if (act === "hide") { g.hidden.add(id); restyle(g, [id]); counted(g, root); send(g, setStateValue); }
    if (act === "pin") {
      if (g.pinned.has(id)) g.pinned.delete(id); else g.pinned.add(id);
      restyle(g, [id]);
      send(g, setStateValue);
    }
  });
  ui.bar.addEventListener("click", (ev) => {
    const act = ev.target.dataset && ev.target.dataset.act;
    if (act === "fit") { g.network.fit({animation: false}); soon(g); }
    if (act === "unhide") {
      const ids = [...g.hidden];
      g.hidden.clear();
      restyle(g, ids);
      counted(g, root);
      send(g, setStateValue);
    }
    if ((act === "back" && g.at > 0) || (act === "forward" && g.at < g.history.length - 1)) {
      g.at += act === "back" ? -1 : 1;
      const snap = g.history[g.at];
      const touched = new Set([...g.hidden, ...g.pinned, ...snap.hidden, ...snap.pinned]);
      g.hidden = new Set(snap.hidden);
      g.pinned = new Set(snap.pinned);
      restyle(g, [...touched]);
      g.selected = snap.selected;
      g.expanded = snap.expanded.slice();
      g.chosen = g.selected ? [g.selected] : [];
      g.network.selectNodes(g.chosen.filter((i) => g.nodes.get(i)));
      counted(g, root);
      send(g, setStateValue, false);
    }
  });
  const moved = () => { measure(g); send(g, setStateValue, false); };
  g.network.on("dragEnd", (p) => { if (p.nodes && p.nodes.length) moved(); });
  g.network.on("stabilized", moved);
  boxSelect(g, root, setStateValue);
  if (onScreen(root)) screenFit(g, root);  // a new view drawn while fullscreen takes the screen too
}

function restyle(g, ids) {
  const rows = [];
  for (const id of ids) {
    const n = g.nodes.get(id);
    if (n) rows.push({id, ...styledPatch(g, id)});
  }
  g.nodes.update(rows);
}

function styledPatch(g, id) {
  const pin = g.pinned.has(id);
  return {hidden: g.hidden.has(id), fixed: pin ? {x: true, y: true} : false,
          shapeProperties: {borderDashes: pin ? [4, 3] : false}, borderWidth: pin ? 3 : 1};
}

function toggle(g, id, setStateValue) {
  const i = g.expanded.indexOf(id);
  if (i >= 0) g.expanded.splice(i, 1); else g.expanded.push(id);
  g.selected = id;
  g.chosen = [id];
  send(g, setStateValue);
}

function update(g, root, data, setStateValue) {
  // Only the difference is applied: positions of nodes already drawn are never reset.
  const want = new Map(data.nodes.map((n) => [n.id, n]));
  const have = new Set(g.nodes.getIds());
  const gone = [...have].filter((id) => !want.has(id));
  const current = g.network.getPositions([...have].filter((id) => want.has(id)));
  const added = [];
  let shifted = false;  // an added node placed off Python's position (it followed a moved anchor)
  for (const n of data.nodes) {
    if (have.has(n.id)) continue;
    let [x, y] = [n.x, n.y];
    const a = n.anchor;
    if (a && current[a] && g.py.has(a)) {  // follow the anchor if the reader moved it
      const [ax, ay] = g.py.get(a);
      x = n.x - ax + current[a].x;
      y = n.y - ay + current[a].y;
      shifted = shifted || Math.round(x) !== Math.round(n.x) || Math.round(y) !== Math.round(n.y);
    }
    g.py.set(n.id, [n.x, n.y]);
    added.push(styled(g, {...n, x, y}));
  }
  if (gone.length) g.nodes.remove(gone);
  if (added.length) g.nodes.add(added);
  const wantE = new Set(data.edges.map((e) => e.id));
  const goneE = g.edges.getIds().filter((id) => !wantE.has(id));
  if (goneE.length) g.edges.remove(goneE);
  const addE = data.edges.filter((e) => !g.edges.get(e.id));
  if (addE.length) g.edges.add(addE);
  g.deg = degrees(g);
  legend(g, data);
  highlight(g, data);
  if (added.length || gone.length) g.network.fit({animation: false});  // what an expansion added is in view
  relabel(g);
  if (!sameSet(data.expanded || [], g.expanded)) g.expanded = (data.expanded || []).slice();
  if (data.selected && data.selected !== g.selected && g.nodes.get(data.selected)) {
    g.selected = data.selected;
    g.network.selectNodes([data.selected]);
  }
  buttons(g);
  counted(g, root);
  if (shifted) { measure(g); send(g, setStateValue, false); }
}
