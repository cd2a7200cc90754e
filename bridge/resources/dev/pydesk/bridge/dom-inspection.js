// The inspector's Elements tab, on the page's side: evaluated by boot.js's installInspector (only when the tab is
// first used) and handed to Java alone: no page script has a reference to it or to anything it keeps.
// `env` holds what boot.js took before any page script ran (MutationObserver, JSON.stringify, WeakRef), its
// `notify()` (tells Java the document changed) and `made(el)` (what PyDesk made the element for, or null).
// Nodes are named by numbers kept in a WeakMap, so the inspector never keeps a removed node alive. Answers are JSON.
(function (env) {
  "use strict";
  const stringify = env.stringify, Observer = env.MutationObserver;
  const weak = typeof env.WeakRef === "function" ? (node) => new env.WeakRef(node) : (node) => ({ deref: () => node });
  const ids = new WeakMap(), byId = new Map(), dirty = new Set();
  const TEXT_LIMIT = 200, CHILD_LIMIT = 1000;
  let nextId = 1, observer = null, signalled = false, selected = null, exposed = null;

  const idOf = (node) => {
    let id = ids.get(node);
    if (id === undefined) {
      id = nextId++;
      ids.set(node, id);
      byId.set(id, weak(node));
    }
    return id;
  };
  const nodeOf = (id) => {
    const ref = byId.get(id), node = ref === undefined ? undefined : ref.deref();
    if (node === undefined) byId.delete(id);
    return node;
  };
  // What DevTools shows: elements, comments, the doctype and text that is not only white space.
  const shown = (node) => node.nodeType === 1 || node.nodeType === 8 || node.nodeType === 10
    || (node.nodeType === 3 && node.data.trim() !== "");
  const shownChildren = (node) => {
    const out = [];
    for (let child = node.firstChild; child !== null; child = child.nextSibling) if (shown(child)) out.push(child);
    return out;
  };
  const clip = (text) => (text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) + "\u2026" : text);
  const attributesOf = (el) => {
    const out = [];
    for (const attribute of el.attributes) out.push({ name: attribute.name, value: attribute.value });
    return out;
  };
  const summary = (node) => {
    const s = { id: idOf(node), type: node.nodeType, name: node.nodeName.toLowerCase(), attributes: [], text: null,
      children: 0, made: null };
    if (node.nodeType === 1) {
      s.attributes = attributesOf(node);
      s.children = shownChildren(node).length;
      s.made = env.made(node);
    } else if (node.nodeType === 10) {
      s.name = "!doctype";
      s.text = node.name;
    } else if (node.nodeType === 3 || node.nodeType === 8) {
      s.text = clip(node.data);
    }
    return s;
  };
  const sides = (style, prefix, suffix) => ["top", "right", "bottom", "left"]
    .map((side) => parseFloat(style.getPropertyValue(prefix + side + suffix)) || 0);
  const boxOf = (node) => {
    let rect;
    if (node.nodeType === 1) {
      rect = node.getBoundingClientRect();
    } else if (node.nodeType === 3) {
      const range = document.createRange();
      range.selectNodeContents(node);
      rect = range.getBoundingClientRect();
    } else {
      return null;
    }
    const box = { x: rect.left, y: rect.top, width: rect.width, height: rect.height,
      margin: [0, 0, 0, 0], border: [0, 0, 0, 0], padding: [0, 0, 0, 0] };
    if (node.nodeType === 1) {
      const style = getComputedStyle(node);
      box.margin = sides(style, "margin-", "");
      box.border = sides(style, "border-", "-width");
      box.padding = sides(style, "padding-", "");
    }
    return box;
  };
  const declarations = (style) => {
    const out = [];
    for (let i = 0; i < style.length; i++) {
      const name = style[i], priority = style.getPropertyPriority(name);
      out.push({ name, value: style.getPropertyValue(name) + (priority ? " !" + priority : "") });
    }
    return out;
  };
  const label = (node) => {
    if (node.nodeType !== 1) return node.nodeName.toLowerCase();
    let text = "<" + node.nodeName.toLowerCase();
    if (node.id) text += ` id="${node.id}"`;
    if (node.getAttribute("class")) text += ` class="${node.getAttribute("class")}"`;
    return text + ">";
  };
  const describe = (value) => {
    if (value === undefined) return "";
    if (value !== null && typeof value === "object" && typeof value.nodeType === "number"
      && typeof value.nodeName === "string") return label(value);
    try {
      const plain = Array.isArray(value) || (value !== null && typeof value === "object"
        && Object.getPrototypeOf(value) === Object.prototype);
      return plain ? stringify(value) : String(value);
    } catch (e) {
      return Object.prototype.toString.call(value);
    }
  };
  const noted = (records) => {
    for (const record of records) if (ids.has(record.target)) dirty.add(record.target);
    if (dirty.size > 0 && !signalled) {
      signalled = true;
      env.notify();
    }
  };

  return {
    watch(on) {
      if (on && observer === null) {
        observer = new Observer(noted);
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      } else if (!on && observer !== null) {
        observer.disconnect();
        observer = null;
        dirty.clear();
        signalled = false;
      }
      return observer !== null;
    },
    roots() { return stringify(shownChildren(document).map(summary)); },
    children(id) {
      const node = nodeOf(id);
      if (node === undefined) return stringify({ nodes: [], more: 0 });
      const all = shownChildren(node);
      return stringify({ nodes: all.slice(0, CHILD_LIMIT).map(summary), more: Math.max(0, all.length - CHILD_LIMIT) });
    },
    // The nodes whose attributes, children or text changed since the last call (each once), as they are now.
    changes() {
      const out = [];
      for (const node of dirty) out.push(summary(node));
      dirty.clear();
      signalled = false;
      return stringify(out);
    },
    find(selector, index) {
      let found;
      try {
        found = document.querySelectorAll(selector);
      } catch (e) {
        return stringify({ count: 0, path: [], error: String(e.message) });
      }
      if (found.length === 0) return stringify({ count: 0, path: [], error: null });
      const path = [];
      for (let node = found[((index % found.length) + found.length) % found.length]; node !== null && node !== document;
        node = node.parentNode) path.unshift(idOf(node));
      return stringify({ count: found.length, path, error: null });
    },
    box(id) {
      const node = nodeOf(id);
      return node === undefined || !node.isConnected ? null : stringify(boxOf(node));
    },
    details(id) {
      const node = nodeOf(id);
      if (node === undefined) return null;
      const element = node.nodeType === 1;
      return stringify({
        node: summary(node),
        attributes: element ? attributesOf(node) : [],
        inline: element && node.style ? declarations(node.style) : [],
        computed: element ? declarations(getComputedStyle(node)) : [],
        box: node.isConnected ? boxOf(node) : null,
      });
    },
    select(id) {
      const node = nodeOf(id);
      selected = node === undefined ? null : node;
    },
    selected() { return selected; },
    // The REPL's JavaScript: `$0` is the selected node while the input runs, as in DevTools' console (a property of
    // window only for that time; a page's own `$0` comes back afterwards).
    expose(on) {
      if (on && exposed === null) {
        const own = Object.getOwnPropertyDescriptor(window, "$0");
        if (own !== undefined && !own.configurable) return;
        exposed = { own };
        Object.defineProperty(window, "$0", { configurable: true, get: () => selected });
      } else if (!on && exposed !== null) {
        if (exposed.own === undefined) delete window.$0;
        else Object.defineProperty(window, "$0", exposed.own);
        exposed = null;
      }
    },
    describe,
  };
});
