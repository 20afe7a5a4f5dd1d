// The canvas's tools beyond reading (loaded after graph_read.js, before graph_view.js, same scope): measuring
// where every node is (what an export of the canvas draws), fullscreen (the Fullscreen API on the component's
// root, so the bar and the legend come along; a CSS "maximised" mode where the browser refuses it), and box
// selection (Shift-drag).

function measure(g) {  // every node's place on the canvas, in rounded canvas pixels (what an export draws)
  const pos = g.network.getPositions(g.nodes.getIds());
  const out = {};
  for (const id of Object.keys(pos)) out[id] = [Math.round(pos[id].x), Math.round(pos[id].y)];
  g.positions = out;
  g.root.dataset.moves = String((+g.root.dataset.moves || 0) + 1);  // tests wait on this, never on time
}

function onScreen(root) {  // is this component fullscreen (or maximised, where the API was refused)?
  return document.fullscreenElement === root || root.classList.contains("ag-max");
}

function screenFit(g, root) {  // after entering or leaving fullscreen: the canvas takes the free height, refits
  const on = onScreen(root);
  let height = g.tall ? Math.max(g.height, Math.round(window.innerHeight * 0.88)) : g.height;
  if (on) height = Math.max(160, window.innerHeight - g.ui.bar.offsetHeight - g.ui.legend.offsetHeight - 16);
  g.ui.canvas.style.height = `${height}px`;
  g.network.setSize("100%", `${height}px`);
  g.network.redraw();
  g.network.fit({animation: false});
  g.ui.full.textContent = on ? "Exit fullscreen" : "Fullscreen";
  root.dataset.fullscreen = on ? (document.fullscreenElement === root ? "api" : "css") : "";
  soon(g);
}

function toggleFullscreen(g, root) {
  if (document.fullscreenElement === root) { document.exitFullscreen(); return; }
  if (root.classList.contains("ag-max")) { root.classList.remove("ag-max"); screenFit(g, root); return; }
  const maximise = () => { root.classList.add("ag-max"); screenFit(g, root); };
  if (!root.requestFullscreen || !document.fullscreenEnabled) { maximise(); return; }
  root.requestFullscreen().catch(maximise);  // refused (e.g. a frame without allowfullscreen): maximised instead
}

if (!window.__atlasEscape) {  // Esc leaves fullscreen or the maximised mode (whichever canvas has it)
  window.__atlasEscape = true;
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    const full = document.fullscreenElement;
    if (full && full.classList.contains("atlas-graph")) document.exitFullscreen();
    for (const el of document.querySelectorAll(".atlas-graph.ag-max")) {
      el.classList.remove("ag-max");
      if (el.__atlas) screenFit(el.__atlas, el);
    }
  });
}

function boxSelect(g, root, setStateValue) {
  const {wrap, box} = g.ui;
  let start = null;
  const local = (ev) => {
    const r = wrap.getBoundingClientRect();
    return {x: ev.clientX - r.left, y: ev.clientY - r.top};
  };
  wrap.addEventListener("pointerdown", (ev) => {
    if (!ev.shiftKey || ev.button !== 0) return;
    ev.stopPropagation();
    ev.preventDefault();
    start = local(ev);
    Object.assign(box.style, {display: "block", left: `${start.x}px`, top: `${start.y}px`, width: "0", height: "0"});
  }, true);
  wrap.addEventListener("pointermove", (ev) => {
    if (!start) return;
    ev.stopPropagation();
    const p = local(ev);
    Object.assign(box.style, {left: `${Math.min(p.x, start.x)}px`, top: `${Math.min(p.y, start.y)}px`,
                              width: `${Math.abs(p.x - start.x)}px`, height: `${Math.abs(p.y - start.y)}px`});
  }, true);
  wrap.addEventListener("pointerup", (ev) => {
    if (!start) return;
    ev.stopPropagation();
    const p = local(ev);
    const [x0, x1] = [Math.min(p.x, start.x), Math.max(p.x, start.x)];
    const [y0, y1] = [Math.min(p.y, start.y), Math.max(p.y, start.y)];
    start = null;
    box.style.display = "none";
    const pos = g.network.getPositions();
    const ids = Object.keys(pos).filter((id) => {
      const n = g.nodes.get(id);
      if (!n || n.hidden) return false;
      const d = g.network.canvasToDOM(pos[id]);
      return d.x >= x0 && d.x <= x1 && d.y >= y0 && d.y <= y1;
    });
    g.network.selectNodes(ids);
    g.chosen = ids;
    counted(g, root);
    send(g, setStateValue, false);
  }, true);
}
