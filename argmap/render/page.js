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
  // the SVG was drawn with one) says which claim or group. -----------------------------------
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
  if (svg) {
    for (const box of svg.querySelectorAll("g.node.claim, g.node.junction")) {
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
    for (const element of svg.querySelectorAll("g.cluster.group, g.edge.link, g.edge.arrow")) {
      let rest = element.id;
      const own = unprefixed(rest);
      if (own !== null) rest = own;
      const found = /^(frame|link|arrow):(.*)$/.exec(rest);
      if (!found) continue;
      const group = found[2].split(":")[0];
      addPart(unprefixed(group) ?? group, element);
    }
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
  if (svg) {
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
    camera.setAttribute("transform", transform);
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
    svg.setAttribute("width", viewport.clientWidth);
    svg.setAttribute("height", viewport.clientHeight);
  }
  function fit() {
    if (!camera) return;
    size();
    scale = fitScale();
    dx = (viewport.clientWidth - scale * width) / 2;
    dy = (viewport.clientHeight - scale * height) / 2;
    fitted = true;
    apply();
  }
  function zoom(factor, x, y) {
    if (!camera) return;
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
    if (!camera) return;
    dx += x;
    dy += y;
    fitted = false;
    apply();
  }
  // Brings a box into view, and near enough to read: for the outline, the keyboard, search.
  function reveal(box) {
    if (!box || !camera) return;
    const frame = viewport.getBoundingClientRect();
    let rect = box.getBoundingClientRect();
    if (scale < READABLE) {
      const x = rect.left + rect.width / 2 - frame.left;
      const y = rect.top + rect.height / 2 - frame.top;
      zoom(READABLE / scale, x, y);
      rect = box.getBoundingClientRect();
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
  function scrollWithin(container, element) {
    const outer = container.getBoundingClientRect();
    const inner = element.getBoundingClientRect();
    if (inner.top < outer.top) container.scrollTop -= outer.top - inner.top + 12;
    else if (inner.bottom > outer.bottom) container.scrollTop += inner.bottom - outer.bottom + 12;
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
    if (evaluateSwitch) evaluateSwitch.checked = evaluating;
    if (evaluating && !badged) {
      badged = true;
      for (const id of Object.keys(evaluation)) {
        const label = evaluation[id][0];
        for (const element of parts.get(id) || []) element.classList.add("av-" + label);
        const box = boxes.get(id);
        if (box) {
          box.classList.add("av-" + label);
          if (nodes[id].kind === "claim") badge(box, label);
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
  if (viewport && camera) {
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
      const box = event.target.closest("g.node");
      select(box && ids.has(box) ? ids.get(box) : null, { reveal: false });
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
    svg.addEventListener("focusin", (event) => {
      const box = event.target.closest("g.node");
      if (box && ids.has(box) && !pointers.size) select(ids.get(box), { reveal: true });
    });
    // Focus moving to a box must not scroll the viewport: the transform does the moving.
    viewport.addEventListener("scroll", () => {
      viewport.scrollTop = 0;
      viewport.scrollLeft = 0;
    });
    viewport.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const step = 80;
      const box = event.target.closest && event.target.closest("g.node");
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
          if (!box || !ids.has(box)) return;
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
    if (window.ResizeObserver) {
      new ResizeObserver(() => {
        if (fitted) fit();
        else size();
      }).observe(viewport);
    }
    fit();
  }

  overlay(data.evaluate);
  if (standalone && location.hash) {
    const id = unprefixed(decodeURIComponent(location.hash.slice(1)));
    if (id !== null && has(id)) select(id, { reveal: true });
  }
})();
