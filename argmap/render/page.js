/* argmap's interactive page (argmap/render/page.py inlines this). It works inside the element
   that holds it and nothing else, so several maps can share a page. User text only ever goes
   into the page as textContent; the map arrives as JSON. */
(() => {
  "use strict";
  const script = document.currentScript;
  const root = script ? script.closest(".argmap-view") : null;
  if (!root || root.hasAttribute("data-argmap-ready")) return;
  root.setAttribute("data-argmap-ready", "");

  const SVG = "http://www.w3.org/2000/svg";
  const data = JSON.parse(root.querySelector("script.av-data").textContent);
  const nodes = data.nodes;
  const sources = data.sources;
  const evaluation = data.evaluation;
  const prefix = data.prefix || "";
  const standalone = root.classList.contains("av-page");
  const find = (selector) => root.querySelector(selector);
  const viewport = find(".av-viewport");
  const svg = viewport ? viewport.querySelector("svg") : null;
  const details = find(".av-details");
  const hint = details.firstElementChild;
  const outline = find(".av-outline");
  const search = find(".av-search");
  const counter = find(".av-count");
  const evaluateSwitch = find(".av-evaluate");
  find(".av-toolbar").hidden = false;

  const has = (id) => Object.prototype.hasOwnProperty.call(nodes, id);
  const KINDS = {
    reason: "Reason",
    objection: "Objection",
    rebuttal: "Rebuttal",
  };

  function make(tag, text, className) {
    const element = document.createElement(tag);
    if (text) element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  function name(id) {
    const node = nodes[id];
    if (node.kind === "claim") return node.text;
    const premises = (node.premises || []).map((p) => nodes[p].text);
    return premises.length ? node.text + ": " + premises.join(" + ") : node.text;
  }

  // The drawing: the renderer's classes say what an element is; its id (after the prefix, if
  // the SVG was drawn with one) says which claim or group. A large map comes as shapes to
  // paint on a canvas (data.shapes) rather than as SVG: each element is then a Painted, which
  // answers the same classList calls, and each box gets a focusable stand-in in the page
  // (once the drawing is on screen: until then a box keeps what its stand-in will have). ----
  const shapes = data.shapes;
  const canvas = viewport ? viewport.querySelector("canvas.av-canvas") : null;
  const painted = []; // every Painted, in the order they are painted
  const standIns = new Map(); // stand-in -> its box
  let repaint = () => {};
  const classSets = new Map(); // classes -> their set, shared until an element's change
  class Painted {
    constructor([id, names, bounds, drawn, lines]) {
      this.id = id;
      if (!classSets.has(names)) classSets.set(names, new Set(names.split(" ").filter(Boolean)));
      this.names = classSets.get(names);
      this.shared = true;
      const own = this.names;
      this.kind = own.has("node") ? "node" : own.has("edge") ? "edge" : "cluster"; // to paint
      this.bounds = bounds;
      this.drawn = drawn;
      this.lines = lines;
      this.paths = null; // made when first painted
      this.standIn = null;
      this.attributes = null; // for its stand-in
      this.classList = this;
    }
    own() {
      if (this.shared) this.names = new Set(this.names);
      this.shared = false;
    }
    add(...names) {
      this.own();
      for (const name of names) this.names.add(name);
      if (this.standIn) this.standIn.classList.add(...names);
      repaint();
    }
    remove(...names) {
      this.own();
      for (const name of names) this.names.delete(name);
      if (this.standIn) this.standIn.classList.remove(...names);
      repaint();
    }
    contains(name) {
      return this.names.has(name);
    }
    setAttribute(name, value) {
      if (!this.attributes) this.attributes = new Map();
      this.attributes.set(name, value);
    }
  }
  const boxes = new Map(); // id -> the claim's box or the group's pill
  const parts = new Map(); // group id -> its pill, frame, lines and arrow
  const ids = new Map(); // box -> id
  function unprefixed(value) {
    if (!prefix) return value;
    return value.startsWith(prefix) ? value.slice(prefix.length) : null;
  }
  function addPart(id, element) {
    if (!has(id)) return;
    if (!parts.has(id)) parts.set(id, []);
    parts.get(id).push(element);
  }
  let found = [];
  let others = [];
  let makeStandIns = () => {};
  if (svg) {
    found = Array.from(svg.querySelectorAll("g.node.claim, g.node.junction"));
    others = Array.from(svg.querySelectorAll("g.cluster.group, g.edge.link, g.edge.arrow"));
  } else if (canvas && shapes) {
    for (const item of shapes.items) {
      const element = new Painted(item);
      painted.push(element);
      const names = element.names;
      if (names.has("node") && (names.has("claim") || names.has("junction"))) {
        found.push(element);
      } else if (
        (names.has("cluster") && names.has("group")) ||
        (names.has("edge") && (names.has("link") || names.has("arrow")))
      ) {
        others.push(element);
      }
    }
    // The stand-ins: a thousand elements the first frame need not lay out. A click finds its
    // box by the bounds in the meantime.
    makeStandIns = () => {
      const made = document.createDocumentFragment();
      for (const box of found) {
        const standIn = document.createElement("span");
        standIn.className = "av-box " + Array.from(box.names).join(" ");
        standIn.id = box.id;
        for (const [name, value] of box.attributes || []) standIn.setAttribute(name, value);
        box.standIn = standIn;
        standIns.set(standIn, box);
        made.append(standIn);
      }
      find(".av-boxes").append(made);
    };
    find(".av-needs-script").remove();
  }
  for (const box of found) {
    let id = unprefixed(box.id);
    if (id !== null && box.classList.contains("copy")) {
      // A reused claim drawn again in another group's frame (copy:GROUP:CLAIM) selects the
      // claim it copies.
      id = id.slice(id.lastIndexOf(":") + 1);
      if (!has(id)) continue;
      ids.set(box, id);
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "button");
      box.setAttribute("aria-label", "Reused claim: " + name(id));
      continue;
    }
    if (id === null || !has(id)) continue; // a second definition of an id is not selectable
    boxes.set(id, box);
    ids.set(box, id);
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "button");
    const node = nodes[id];
    const what = node.conclusion ? "Conclusion: " : node.implicit ? "Unstated premise: " : "";
    box.setAttribute("aria-label", what + name(id));
    if (node.kind !== "claim") addPart(id, box);
  }
  for (const element of others) {
    let rest = element.id;
    const own = unprefixed(rest);
    if (own !== null) rest = own;
    const match = /^(frame|link|arrow):(.*)$/.exec(rest);
    if (!match) continue;
    const group = match[2].split(":")[0];
    addPart(unprefixed(group) ?? group, element);
  }

  const items = outline ? Array.from(outline.querySelectorAll("a.av-item")) : [];
  const itemsOf = new Map(); // id -> every outline line that names it
  for (const item of items) {
    const id = item.getAttribute("data-node");
    if (!itemsOf.has(id)) itemsOf.set(id, []);
    itemsOf.get(id).push(item);
  }
  const mainItem = (id) => {
    const list = itemsOf.get(id) || [];
    return list.find((item) => !item.classList.contains("av-repeat")) || list[0] || null;
  };

  // Pan and zoom: one transform on a group that holds the whole drawing. ----------------------
  let scale = 1;
  let dx = 0;
  let dy = 0;
  let width = 1;
  let height = 1;
  let originX = 0;
  let originY = 0;
  let fitted = true;
  let camera = null;
  const live = Boolean(svg || painted.length);
  if (painted.length) {
    [originX, originY, width, height] = shapes.box;
    width = width || 1;
    height = height || 1;
    root.classList.add("av-live", "av-sketch");
  } else if (svg) {
    const box = svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width && box.height) {
      width = box.width;
      height = box.height;
      originX = box.x;
      originY = box.y;
    } else {
      width = parseFloat(svg.getAttribute("width")) || 1;
      height = parseFloat(svg.getAttribute("height")) || 1;
    }
    camera = document.createElementNS(SVG, "g");
    camera.setAttribute("class", "av-camera");
    while (svg.firstChild) camera.appendChild(svg.firstChild);
    svg.appendChild(camera);
    for (const attribute of ["viewBox", "width", "height", "preserveAspectRatio"]) {
      svg.removeAttribute(attribute);
    }
    svg.setAttribute("tabindex", "-1"); // the viewport is the tab stop, then each box
    // The boxes' text is laid out only once it is large enough to read: for a large map, most
    // of the time Chromium takes to open the page is laying out text too small to see.
    root.classList.add("av-live", "av-sketch");
  }
  const READABLE = 0.9; // the scale a box is brought to, if smaller, to be read
  const SKETCH = 0.25; // below this scale, 11-point text is under 4 pixels high
  const round = (value) => Math.round(value * 1000) / 1000;
  function apply() {
    let transform = `translate(${round(dx)} ${round(dy)}) scale(${round(scale)})`;
    if (originX || originY) transform += ` translate(${-originX} ${-originY})`;
    if (camera) camera.setAttribute("transform", transform);
    else canvas.setAttribute("data-view", transform);
    repaint();
    // Drawn again once large enough, and left out again well below that (not at once, so
    // that zooming about the threshold does not lay the text out each time).
    const sketched = root.classList.contains("av-sketch");
    root.classList.toggle("av-sketch", scale < (sketched ? SKETCH : SKETCH * 0.6));
  }
  function fitScale() {
    const w = viewport.clientWidth - 24;
    const h = viewport.clientHeight - 24;
    const found = Math.min(w / width, h / height, 1.5);
    return found > 0 ? found : 1;
  }
  // The drawing's size in pixels, not "100%": Chromium lays out an SVG sized by percentage
  // again whenever anything on the page changes, which takes a second for 1,000 claims.
  function size() {
    if (!svg) return repaint(); // a canvas is sized as it is painted
    svg.setAttribute("width", viewport.clientWidth);
    svg.setAttribute("height", viewport.clientHeight);
  }
  function fit() {
    if (!live) return;
    size();
    scale = fitScale();
    dx = (viewport.clientWidth - scale * width) / 2;
    dy = (viewport.clientHeight - scale * height) / 2;
    fitted = true;
    apply();
  }
  function zoom(factor, x, y) {
    if (!live) return;
    if (x === undefined) {
      x = viewport.clientWidth / 2;
      y = viewport.clientHeight / 2;
    }
    const next = Math.min(8, Math.max(Math.min(0.05, fitScale() / 2), scale * factor));
    const change = next / scale;
    dx = x - (x - dx) * change;
    dy = y - (y - dy) * change;
    scale = next;
    fitted = false;
    apply();
  }
  function pan(x, y) {
    if (!live) return;
    dx += x;
    dy += y;
    fitted = false;
    apply();
  }
  // Brings a box into view, and near enough to read: for the outline, the keyboard, search.
  function rectOf(box) {
    if (!box.bounds) return box.getBoundingClientRect();
    const frame = viewport.getBoundingClientRect();
    const [x0, y0, x1, y1] = box.bounds;
    const left = frame.left + dx + scale * (x0 - originX);
    const top = frame.top + dy + scale * (y0 - originY);
    const right = left + scale * (x1 - x0);
    const bottom = top + scale * (y1 - y0);
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  }
  function reveal(box) {
    if (!box || !live) return;
    const frame = viewport.getBoundingClientRect();
    let rect = rectOf(box);
    if (scale < READABLE) {
      const x = rect.left + rect.width / 2 - frame.left;
      const y = rect.top + rect.height / 2 - frame.top;
      zoom(READABLE / scale, x, y);
      rect = rectOf(box);
    }
    const outside =
      rect.left < frame.left ||
      rect.right > frame.right ||
      rect.top < frame.top ||
      rect.bottom > frame.bottom;
    if (outside) {
      pan(
        frame.left + frame.width / 2 - (rect.left + rect.width / 2),
        frame.top + frame.height / 2 - (rect.top + rect.height / 2),
      );
    }
  }

  // Painting, for a drawing that comes as shapes: every element in view, in the SVG's order,
  // with the look the style sheet gives the same element in an SVG (page.css). --------------
  const PICK = "#1565c0";
  const REASON = "#2e7d32";
  const OBJECTION = "#c62828";
  const BADGES = { in: ["#263238", "#fff"], out: ["#757575", "#fff"], undecided: ["#ffc107", "#3e2723"] };
  if (canvas && painted.length) {
    const context = canvas.getContext("2d");
    const ALIGN = { start: "left", middle: "center", end: "right" };
    const fonts = shapes.fonts.map(([style, weight, points, family, fill, anchor]) => ({
      font: `${style} ${weight} ${parseFloat(points)}px ${family}`,
      fill,
      align: ALIGN[anchor] || "left",
    }));
    const looks = shapes.looks.map(([fill, stroke, width, dashes], index) => ({
      fill,
      stroke,
      width: parseFloat(width) || 1,
      dashes: dashes ? dashes.split(/[ ,]+/).map(Number) : [],
      key: String(index), // a look as the data gives it, for together()
    }));
    // Text in a faded element, as the SVG's group opacity shows it: its colour over white,
    // painted opaque (faded itself, it would show the pill or badge under it through).
    const faded = (color, alpha) => {
      if (alpha === 1) return color;
      let named = { white: "#ffffff", black: "#000000" }[color] || color;
      if (/^#[0-9a-f]{3}$/i.test(named)) named = named.replace(/[0-9a-f]/gi, "$&$&");
      const hex = /^#([0-9a-f]{6})$/i.exec(named);
      if (!hex) return color;
      const value = parseInt(hex[1], 16);
      const mix = (shift) => Math.round(255 - (255 - ((value >> shift) & 255)) * alpha);
      return `rgb(${mix(16)} ${mix(8)} ${mix(0)})`;
    };
    let queued = false;
    repaint = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(paint);
    };
    // searching, selecting: the page's state, read once a paint.
    const opacity = (names, kind, searching, selecting) => {
      if (searching && kind === "node" && names.has("claim")) {
        if (!names.has("av-match")) return 0.45;
      }
      if (evaluating && names.has("av-out") && kind !== "node") return 0.45;
      if (selecting && !names.has("av-lit")) {
        return kind === "cluster" ? 0.4 : 0.28;
      }
      return 1;
    };
    function lookOf(element, kind, shape, focused) {
      const look = looks[shape[0]];
      const names = element.names;
      let { fill, stroke, width, dashes } = look;
      if (shape.length === 2) {
        // A path (not an arrowhead): what the style sheet changes.
        const claim = names.has("claim");
        if (kind === "node") {
          if (claim && names.has("av-match")) fill = "#fff59d";
          if (names.has("av-selected")) [stroke, width] = [PICK, 4];
          else if (claim && names.has("av-support")) [stroke, width] = [REASON, 3.5];
          else if (claim && names.has("av-oppose")) [stroke, width] = [OBJECTION, 3.5];
          if (names.has("av-target") || names.has("av-member")) width = 2.5;
          if (focused) [stroke, width, dashes] = [PICK, 3, [5, 3]];
          if (evaluating && claim && names.has("av-out")) [fill, stroke] = ["#f0f0f0", "#9e9e9e"];
          if (evaluating && claim && names.has("av-undecided")) {
            [fill, stroke] = ["#fff8e1", "#c79100"];
          }
          if (evaluating && !claim && names.has("av-out")) fill = "#fff";
        } else {
          if (names.has("av-lit")) width = kind === "edge" ? 3 : 2.5;
          if (evaluating && names.has("av-undecided")) dashes = [6, 3];
        }
      }
      const same =
        fill === look.fill && stroke === look.stroke && width === look.width && dashes === look.dashes;
      return same ? look : { fill, stroke, width, dashes };
    }
    // A path's curves and lines, in absolute points (the data's paths are relative).
    function curves(d) {
      const tokens = d.match(/[a-zA-Z]|-?[0-9.]+(?:e[-+]?[0-9]+)?/g) || [];
      const found = [];
      let command = "";
      let at = [0, 0];
      let start = at;
      let numbers = [];
      for (const token of tokens) {
        if (/[a-zA-Z]/.test(token)) {
          command = token;
          numbers = [];
          if (command === "Z" || command === "z") found.push([at, at, start, start]);
          continue;
        }
        numbers.push(Number(token));
        const need = command === "c" ? 6 : 2;
        if (numbers.length < need) continue;
        const points = [];
        for (let i = 0; i < need; i += 2) points.push([at[0] + numbers[i], at[1] + numbers[i + 1]]);
        numbers = [];
        if (command === "m") {
          at = start = points[0];
          command = "l";
        } else if (command === "c") {
          found.push([at, ...points]);
          at = points[2];
        } else {
          found.push([at, at, points[0], points[0]]);
          at = points[0];
        }
      }
      return found;
    }
    // A long dashed line (Graphviz's dotted line between a reused claim's copies can cross
    // the whole map) is stroked only where it is in view: its curves are halved until each
    // piece is small or out of sight, since dashing costs by the length dashed.
    function strokeInView(element, index, view) {
      if (!element.curves) element.curves = [];
      if (!element.curves[index]) element.curves[index] = curves(element.drawn[index][1]);
      const limit = 2000 / scale;
      const pieces = element.curves[index].slice();
      while (pieces.length) {
        const piece = pieces.pop();
        const xs = piece.map((point) => point[0]);
        const ys = piece.map((point) => point[1]);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (x1 < view[0] || x0 > view[2] || y1 < view[1] || y0 > view[3]) continue;
        if (x1 - x0 > limit || y1 - y0 > limit) {
          const [a, b, c, d] = piece;
          const mid = (p, q) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
          const ab = mid(a, b);
          const bc = mid(b, c);
          const cd = mid(c, d);
          const abc = mid(ab, bc);
          const bcd = mid(bc, cd);
          const middle = mid(abc, bcd);
          pieces.push([a, ab, abc, middle], [middle, bcd, cd, d]);
          continue;
        }
        context.beginPath();
        context.moveTo(...piece[0]);
        context.bezierCurveTo(...piece[1], ...piece[2], ...piece[3]);
        context.stroke();
      }
    }
    function paintShape({ fill, stroke, width, dashes }, path, element, index, view) {
      if (fill) {
        context.fillStyle = fill;
        context.fill(path);
      }
      if (stroke) {
        context.strokeStyle = stroke;
        context.lineWidth = width;
        // Dashes finer than a pixel look like a line, and cost a stroke each.
        const period = dashes.reduce((sum, dash) => sum + dash, 0) * scale;
        context.setLineDash(period < 2 ? [] : dashes);
        const [x0, y0, x1, y1] = element ? element.bounds : [0, 0, 0, 0];
        const long = (x1 - x0 + (y1 - y0)) * scale > 4000;
        if (period >= 2 && long) strokeInView(element, index, view);
        else context.stroke(path);
      }
    }
    // A box's lines of text: a number is the next piece of its claim's text, that long, after
    // the spaces the line was broken at (page.py: the text comes once).
    function texts(element) {
      const text = ids.has(element) ? nodes[ids.get(element)].text : "";
      let at = 0;
      return element.lines.map((line) => {
        if (typeof line[3] !== "number") return line[3];
        while (text[at] === " ") at++;
        at += line[3];
        return text.slice(at - line[3], at);
      });
    }
    const LAYERS = { cluster: 0, edge: 1, node: 2 };
    // Too small to read, a large map is painted a few strokes at a time: its shapes are put
    // together by look (and by layer, frames under lines under boxes, which is how Graphviz
    // orders them), since each stroke costs the rasteriser far more than its length.
    function together(batches, look, alpha, layer, path) {
      const own = look.key || [look.fill, look.stroke, look.width, look.dashes].join("|");
      const key = layer + "|" + alpha + "|" + own;
      let batch = batches.get(key);
      if (!batch) {
        batch = { look, alpha, layer, path: new Path2D() };
        batches.set(key, batch);
      }
      if (Array.isArray(path)) batch.path.rect(...path);
      else batch.path.addPath(path);
    }
    function words(alpha, color) {
      const shown = faded(color, alpha);
      context.globalAlpha = shown === color ? alpha : 1;
      context.fillStyle = shown;
    }
    function paintBadge(element, alpha) {
      const label = ["in", "out", "undecided"].find((word) => element.names.has("av-" + word));
      if (!label) return;
      const [x0, y0, x1] = element.bounds;
      const word = label.toUpperCase();
      const w = 8 + word.length * 5.4;
      context.setLineDash([]);
      context.fillStyle = BADGES[label][0];
      context.beginPath();
      context.roundRect(x1 - w - 4, y0 - 6, w, 12, 6);
      context.fill();
      words(alpha, BADGES[label][1]);
      context.font = "700 7px Helvetica, Arial, sans-serif";
      context.letterSpacing = "0.28px";
      context.textAlign = "center";
      context.fillText(word, x1 - 4 - w / 2, y0 + 3);
      context.letterSpacing = "0px";
      context.globalAlpha = alpha;
    }
    function paint() {
      queued = false;
      const ratio = window.devicePixelRatio || 1;
      const w = viewport.clientWidth;
      const h = viewport.clientHeight;
      if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
        canvas.width = Math.round(w * ratio);
        canvas.height = Math.round(h * ratio);
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, canvas.width, canvas.height);
      const k = ratio * scale;
      context.setTransform(k, 0, 0, k, ratio * (dx - scale * originX), ratio * (dy - scale * originY));
      context.miterLimit = 4; // as in SVG
      const margin = 8 / scale + 8; // strokes and badges reach beyond an element's points
      const left = originX - dx / scale - margin;
      const top = originY - dy / scale - margin;
      const right = originX + (w - dx) / scale + margin;
      const bottom = originY + (h - dy) / scale + margin;
      const legible = !root.classList.contains("av-sketch");
      const focused = standIns.get(document.activeElement);
      const ring = focused && document.activeElement.matches(":focus-visible") ? focused : null;
      const batches = legible ? null : new Map();
      const searching = root.classList.contains("av-searching");
      const selecting = root.classList.contains("av-selecting");
      for (const element of painted) {
        const [x0, y0, x1, y1] = element.bounds;
        if (x1 < left || x0 > right || y1 < top || y0 > bottom) continue;
        const names = element.names;
        const kind = element.kind;
        const alpha = opacity(names, kind, searching, selecting);
        if (batches) {
          // A box or frame a few pixels across is its rectangle (its rounded corners are a
          // tenth of a pixel): no path to read.
          const tiny = kind !== "edge" && Math.max(x1 - x0, y1 - y0) * scale < 4;
          const drawn = element.drawn;
          for (let index = 0; index < drawn.length; index++) {
            const look = lookOf(element, kind, drawn[index], ring === element);
            let path = [x0, y0, x1 - x0, y1 - y0];
            if (!tiny) {
              if (!element.paths) element.paths = drawn.map((one) => new Path2D(one[1]));
              path = element.paths[index];
            }
            together(batches, look, alpha, LAYERS[kind], path);
          }
          if (evaluating && kind === "node" && names.has("claim")) {
            const label = ["in", "out", "undecided"].find((word) => names.has("av-" + word));
            if (label) {
              const [x0, y0, x1] = element.bounds;
              const w = 8 + label.length * 5.4;
              const badge = new Path2D();
              badge.roundRect(x1 - w - 4, y0 - 6, w, 12, 6);
              const look = { fill: BADGES[label][0], stroke: null, width: 1, dashes: [] };
              together(batches, look, alpha, 3, badge);
            }
          }
          continue;
        }
        context.globalAlpha = alpha;
        if (!element.paths) element.paths = element.drawn.map((shape) => new Path2D(shape[1]));
        element.drawn.forEach((shape, index) => {
          const look = lookOf(element, kind, shape, ring === element);
          paintShape(look, element.paths[index], element, index, [left, top, right, bottom]);
        });
        if (legible) {
          const out = evaluating && names.has("av-out");
          if (!element.texts) element.texts = texts(element);
          element.lines.forEach(([font, x, y], index) => {
            const text = element.texts[index];
            const look = fonts[font];
            context.font = look.font;
            context.textAlign = look.align;
            words(alpha, out ? (names.has("claim") ? "#7a7a7a" : "#757575") : look.fill);
            context.fillText(text, x, y);
          });
          context.globalAlpha = alpha;
        }
        if (evaluating && kind === "node" && names.has("claim")) paintBadge(element, alpha);
      }
      if (batches) {
        for (const batch of Array.from(batches.values()).sort((a, b) => a.layer - b.layer)) {
          context.globalAlpha = batch.alpha;
          paintShape(batch.look, batch.path);
        }
      }
      context.globalAlpha = 1;
    }
  }

  // Selection: the box, what supports it and what opposes it. --------------------------------
  let selected = null;
  let lit = [];
  function mark(element, className) {
    if (!element) return;
    element.classList.add(className, "av-lit");
    lit.push([element, className]);
  }
  function markGroup(group, className) {
    for (const element of parts.get(group) || []) mark(element, className);
    for (const premise of nodes[group].premises || []) mark(boxes.get(premise), className);
  }
  function select(id, how) {
    for (const [element, className] of lit) element.classList.remove(className, "av-lit");
    lit = [];
    if (selected !== null) {
      for (const item of itemsOf.get(selected) || []) {
        item.classList.remove("av-current");
        item.removeAttribute("aria-current");
      }
    }
    selected = id !== null && has(id) ? id : null;
    root.classList.toggle("av-selecting", selected !== null);
    repaint();
    if (selected === null) {
      details.replaceChildren(hint);
      return;
    }
    const node = nodes[selected];
    for (const element of parts.get(selected) || []) mark(element, "av-selected");
    mark(boxes.get(selected), "av-selected");
    if (node.kind !== "claim") {
      for (const premise of node.premises) mark(boxes.get(premise), "av-member");
      if (node.target) mark(boxes.get(node.target), "av-target");
    }
    for (const group of node.by) {
      markGroup(group, nodes[group].kind === "reason" ? "av-support" : "av-oppose");
    }
    for (const item of itemsOf.get(selected) || []) {
      item.classList.add("av-current");
      item.setAttribute("aria-current", "true");
    }
    show(selected);
    const item = mainItem(selected);
    if (item && how && how.from !== "outline") scrollWithin(outline, item);
    if (how && how.reveal) reveal(boxes.get(selected));
  }
  function scrollWithin(container, element, tries = 8) {
    const outer = container.getBoundingClientRect();
    const inner = element.getBoundingClientRect();
    if (inner.height > outer.height) {
      // Taller than the outline: its start at the top.
      const off = outer.top - inner.top + 12;
      if (Math.abs(off) >= 2) container.scrollTop -= off;
    } else if (inner.top < outer.top) {
      container.scrollTop -= outer.top - inner.top + 12;
    } else if (inner.bottom > outer.bottom) {
      container.scrollTop += inner.bottom - outer.bottom + 12;
    } else if (!container.classList.contains("av-long")) return;
    // A long outline lays out the entries that come into sight only then (page.css), which
    // can move this one: look again after the next few frames, when they have their sizes.
    if (tries > 1) {
      const again = () => scrollWithin(container, element, tries - 1);
      requestAnimationFrame(() => setTimeout(again, 0));
    }
  }

  // The details of the selected claim or group. -----------------------------------------------
  function linkTo(id) {
    const button = make("button", name(id), "av-link");
    button.type = "button";
    button.setAttribute("data-node", id);
    return button;
  }
  function list(title, members) {
    if (!members.length) return null;
    const section = make("div", "", "av-related");
    section.append(make("h3", title));
    const ul = make("ul");
    for (const id of members) {
      const li = make("li");
      li.append(linkTo(id));
      ul.append(li);
    }
    section.append(ul);
    return section;
  }
  function withCode(element, text) {
    // `id` in an explanation is set as code; the text stays text.
    text.split("`").forEach((piece, index) => {
      element.append(index % 2 ? make("code", piece) : document.createTextNode(piece));
    });
    return element;
  }
  function show(id) {
    const node = nodes[id];
    const shown = [];
    let kind = KINDS[node.kind] || "Claim";
    if (node.kind === "claim") {
      kind = node.conclusion ? "Conclusion" : node.implicit ? "Unstated premise" : "Claim";
    }
    shown.push(make("p", kind, "av-kind"));
    shown.push(make("p", node.kind === "claim" ? node.text : name(id), "av-text"));
    if (node.sources.length) {
      const by = make("div", "", "av-by");
      for (const source of node.sources) {
        const line = make("p", "\u2014 ");
        line.append(make("strong", source));
        if (sources[source]) line.append(": " + sources[source]);
        by.append(line);
      }
      shown.push(by);
    }
    if (evaluation && evaluating && evaluation[id]) {
      const [label, why] = evaluation[id];
      const verdict = make("p", "", "av-verdict av-" + label);
      const word = label.toUpperCase();
      verdict.append(make("span", word, "av-word"), " ");
      shown.push(withCode(verdict, why.startsWith(word + " ") ? why.slice(word.length + 1) : why));
    }
    const supports = node.by.filter((group) => nodes[group].kind === "reason");
    const opposes = node.by.filter((group) => nodes[group].kind !== "reason");
    shown.push(list("Supported by", supports), list("Opposed by", opposes));
    if (node.kind === "claim") {
      const within = node.in.filter((group) => nodes[group].target && has(nodes[group].target));
      shown.push(list("Bears on", within.map((group) => nodes[group].target)));
    } else {
      shown.push(list("Premises", node.premises));
      if (node.target && has(node.target)) shown.push(list("Bears on", [node.target]));
    }
    if (node.line) shown.push(make("p", "Line " + node.line + " of the map", "av-line"));
    details.replaceChildren(...shown.filter(Boolean));
  }
  details.addEventListener("click", (event) => {
    const button = event.target.closest("button.av-link");
    if (button) select(button.getAttribute("data-node"), { reveal: true });
  });

  // The evaluation overlay. -------------------------------------------------------------------
  let evaluating = false;
  let badged = false;
  function badge(box, label) {
    const shape = box.querySelector("path, polygon");
    if (!shape) return;
    const bounds = shape.getBBox();
    const word = label.toUpperCase();
    const w = 8 + word.length * 5.4;
    const group = document.createElementNS(SVG, "g");
    group.setAttribute("class", "av-badge av-badge-" + label);
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("x", round(bounds.x + bounds.width - w - 4));
    rect.setAttribute("y", round(bounds.y - 6));
    rect.setAttribute("width", round(w));
    rect.setAttribute("height", "12");
    rect.setAttribute("rx", "6");
    const text = document.createElementNS(SVG, "text");
    text.setAttribute("x", round(bounds.x + bounds.width - 4 - w / 2));
    text.setAttribute("y", round(bounds.y + 3));
    text.setAttribute("text-anchor", "middle");
    text.textContent = word;
    group.append(rect, text);
    box.append(group);
  }
  function overlay(on) {
    evaluating = Boolean(on && evaluation);
    root.classList.toggle("av-evaluated", evaluating);
    repaint();
    if (evaluateSwitch) evaluateSwitch.checked = evaluating;
    if (evaluating && !badged) {
      badged = true;
      for (const id of Object.keys(evaluation)) {
        const label = evaluation[id][0];
        for (const element of parts.get(id) || []) element.classList.add("av-" + label);
        const box = boxes.get(id);
        if (box) {
          box.classList.add("av-" + label);
          if (nodes[id].kind === "claim" && !box.bounds) badge(box, label); // painted: paint()
        }
        for (const item of itemsOf.get(id) || []) item.classList.add("av-" + label);
      }
    }
    if (selected !== null) show(selected);
  }
  if (evaluateSwitch) {
    evaluateSwitch.addEventListener("change", () => overlay(evaluateSwitch.checked));
  }

  // Search over the claims' text. -------------------------------------------------------------
  const folded = new Map();
  const fold = (text) => text.toLocaleLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  let matches = [];
  let matched = [];
  let at = -1;
  function runSearch(query) {
    for (const element of matched) element.classList.remove("av-match");
    matched = [];
    matches = [];
    at = -1;
    const words = fold(query).split(/\s+/).filter(Boolean);
    if (words.length) {
      for (const id of Object.keys(nodes)) {
        if (nodes[id].kind !== "claim") continue;
        if (!folded.has(id)) folded.set(id, fold(nodes[id].text));
        const text = folded.get(id);
        if (!words.every((word) => text.includes(word))) continue;
        matches.push(id);
        for (const element of [boxes.get(id), ...(itemsOf.get(id) || [])]) {
          if (!element) continue;
          element.classList.add("av-match");
          matched.push(element);
        }
      }
    }
    root.classList.toggle("av-searching", words.length > 0);
    repaint();
    counter.textContent = words.length
      ? matches.length === 1
        ? "1 match"
        : matches.length + " matches"
      : "";
  }
  search.addEventListener("input", () => runSearch(search.value));
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && matches.length) {
      event.preventDefault();
      at = (at + (event.shiftKey ? matches.length - 1 : 1)) % matches.length;
      select(matches[at], { reveal: true });
    } else if (event.key === "Escape") {
      search.value = "";
      runSearch("");
    }
  });

  // The outline: linked to the boxes both ways; arrow keys move through it. --------------------
  if (outline) {
    outline.addEventListener("click", (event) => {
      const item = event.target.closest("a.av-item");
      if (!item) return;
      event.preventDefault();
      const id = item.getAttribute("data-node");
      select(id, { reveal: true, from: "outline" });
      if (standalone && history.replaceState) history.replaceState(null, "", "#" + prefix + id);
    });
    // A click selects on "click"; focus from the keyboard selects at once.
    let pressing = false;
    outline.addEventListener("pointerdown", () => {
      pressing = true;
    });
    outline.addEventListener("pointerup", () => {
      pressing = false;
    });
    outline.addEventListener("focusin", (event) => {
      const item = event.target.closest("a.av-item");
      if (item && !pressing) {
        select(item.getAttribute("data-node"), { reveal: true, from: "outline" });
      }
    });
    outline.addEventListener("keydown", (event) => {
      const index = items.indexOf(event.target);
      if (index < 0) return;
      const next = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        Home: 0,
        End: items.length - 1,
      }[event.key];
      if (next === undefined || next < 0 || next >= items.length) return;
      event.preventDefault();
      items[next].focus();
    });
  }

  // Pointer, wheel and keyboard on the drawing. -----------------------------------------------
  const pointers = new Map();
  let dragged = false;
  let start = null;
  let pinch = null;
  const spread = () => {
    const [a, b] = Array.from(pointers.values());
    return {
      distance: Math.hypot(a.x - b.x, a.y - b.y) || 1,
      x: (a.x + b.x) / 2,
      y: (a.y + b.y) / 2,
    };
  };
  // The box an event is on (a click's point on a canvas), or null.
  function boxAt(event) {
    if (svg) {
      const box = event.target.closest && event.target.closest("g.node");
      return box && ids.has(box) ? box : null;
    }
    if (standIns.has(event.target)) return standIns.get(event.target);
    if (event.target !== canvas) return null;
    const frame = viewport.getBoundingClientRect();
    const x = originX + (event.clientX - frame.left - dx) / scale;
    const y = originY + (event.clientY - frame.top - dy) / scale;
    for (let index = found.length - 1; index >= 0; index--) {
      const [x0, y0, x1, y1] = found[index].bounds;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && ids.has(found[index])) return found[index];
    }
    return null;
  }
  if (viewport && live) {
    viewport.addEventListener("pointerdown", (event) => {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 1) {
        start = { x: event.clientX, y: event.clientY };
        dragged = false;
      } else if (pointers.size === 2) {
        pinch = spread();
        dragged = true;
      }
    });
    viewport.addEventListener("pointermove", (event) => {
      const pointer = pointers.get(event.pointerId);
      if (!pointer) return;
      const moveX = event.clientX - pointer.x;
      const moveY = event.clientY - pointer.y;
      pointer.x = event.clientX;
      pointer.y = event.clientY;
      if (pointers.size >= 2 && pinch) {
        const now = spread();
        const frame = viewport.getBoundingClientRect();
        zoom(now.distance / pinch.distance, now.x - frame.left, now.y - frame.top);
        pan(now.x - pinch.x, now.y - pinch.y);
        pinch = now;
        return;
      }
      if (!dragged && Math.hypot(event.clientX - start.x, event.clientY - start.y) > 4) {
        dragged = true;
        viewport.setPointerCapture(event.pointerId);
        root.classList.add("av-dragging");
      }
      if (dragged) pan(moveX, moveY);
    });
    const up = (event) => {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = null;
      if (!pointers.size) root.classList.remove("av-dragging");
    };
    viewport.addEventListener("pointerup", up);
    viewport.addEventListener("pointercancel", up);
    viewport.addEventListener("click", (event) => {
      if (dragged) {
        dragged = false;
        return;
      }
      const box = boxAt(event);
      select(box ? ids.get(box) : null, { reveal: false });
    });
    viewport.addEventListener(
      "wheel",
      (event) => {
        // On a page of its own the wheel zooms; inside a longer page it scrolls the page,
        // and zooms with Ctrl or Cmd held (which is also what a trackpad's pinch sends).
        if (!standalone && !event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        const unit = event.deltaMode === 1 ? 0.05 : event.deltaMode === 2 ? 1 : 0.002;
        const frame = viewport.getBoundingClientRect();
        zoom(Math.exp(-event.deltaY * unit), event.clientX - frame.left, event.clientY - frame.top);
      },
      { passive: false },
    );
    (svg || find(".av-boxes")).addEventListener("focusin", (event) => {
      const box = boxAt(event);
      if (box && !pointers.size) select(ids.get(box), { reveal: true });
      if (canvas) repaint(); // its focus ring
    });
    if (canvas) find(".av-boxes").addEventListener("focusout", () => repaint());
    // Focus moving to a box must not scroll the viewport: the transform does the moving.
    viewport.addEventListener("scroll", () => {
      viewport.scrollTop = 0;
      viewport.scrollLeft = 0;
    });
    viewport.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const step = 80;
      const box = boxAt(event);
      switch (event.key) {
        case "+":
        case "=":
          zoom(1.25);
          break;
        case "-":
        case "_":
          zoom(0.8);
          break;
        case "0":
          fit();
          break;
        case "ArrowLeft":
          pan(step, 0);
          break;
        case "ArrowRight":
          pan(-step, 0);
          break;
        case "ArrowUp":
          pan(0, step);
          break;
        case "ArrowDown":
          pan(0, -step);
          break;
        case "Escape":
          select(null);
          break;
        case "Enter":
        case " ":
          if (!box) return;
          select(ids.get(box), { reveal: true });
          break;
        default:
          return;
      }
      event.preventDefault();
    });
    const button = (selector, action) => {
      const found = find(selector);
      if (found) found.addEventListener("click", action);
    };
    button(".av-zoom-in", () => zoom(1.25));
    button(".av-zoom-out", () => zoom(0.8));
    button(".av-fit", fit);
    let seen = "";
    if (window.ResizeObserver) {
      new ResizeObserver(() => {
        // Its first call, with the size the page opened at, has nothing to change.
        const now = viewport.clientWidth + "x" + viewport.clientHeight;
        if (now === seen) return;
        seen = now;
        if (fitted) fit();
        else size();
      }).observe(viewport);
    }
    fit();
    seen = viewport.clientWidth + "x" + viewport.clientHeight;
  }

  overlay(data.evaluate);
  if (standalone && location.hash) {
    const id = unprefixed(decodeURIComponent(location.hash.slice(1)));
    if (id !== null && has(id)) select(id, { reveal: true });
  }
  // A painted drawing's stand-ins, once its first frame is drawn: when the browser is next idle.
  if (painted.length) {
    const later = window.requestIdleCallback
      ? (work) => requestIdleCallback(work, { timeout: 250 })
      : (work) => setTimeout(work, 0);
    requestAnimationFrame(() => later(makeStandIns));
  }
})();
