// PyDesk boot script: served as /__pydesk__/boot.js and injected as the first script of every page.
// It runs before page code, so it captures pristine built-ins and the console before the page can replace them.
// It defines one thing, window.__pydesk_boot: a factory that PyDesk's Java side calls once the page has loaded
// (as a method of window, so no page-replaceable Function.prototype.call is involved). It cannot be replaced
// (non-writable, non-configurable) and works once: afterwards it returns null and `pending` is false.
// factory(door, UNDEF, MISSING, UNDEF_IN, DESTROYED, METHOD, FUNCTION, SECRET) returns the helpers the bridge uses.
// `door` is the only Java object the page could ever reach; it lives in this closure and is never stored anywhere
// the page can see. SECRET lets Java ask for the same helpers again (factory.again) when WebKit invalidated its handles.
(function () {
  "use strict";
  if (Object.prototype.hasOwnProperty.call(window, "__pydesk_boot")) return;
  const R = Reflect, apply = Reflect.apply, construct = Reflect.construct, ownKeys = Reflect.ownKeys;
  const ownDescriptor = Reflect.getOwnPropertyDescriptor, protoOf = Reflect.getPrototypeOf;
  const iteratorSymbol = Symbol.iterator, toPrimitiveSymbol = Symbol.toPrimitive;
  const toStr = String, isArray = Array.isArray, stringify = JSON.stringify, parse = JSON.parse, origConsole = {};
  const later = window.setTimeout.bind(window);
  // Taken before any page script runs, for what only Java holds (the inspector's side of the page).
  const pristine = { eval: window.eval, MutationObserver: window.MutationObserver, stringify, WeakRef: window.WeakRef };
  const queue = [], netQueue = [];
  const made = new WeakMap(); // elements PyDesk made -> what they are (the Elements tab marks them)
  let door = null;

  const describe = (value) => {
    if (typeof value === "string") return value;
    // WebKit's stack has the frames only: the error's own text goes first, as in other browsers' consoles
    if (value instanceof Error) return toStr(value) + (value.stack ? "\n" + toStr(value.stack) : "");
    if (value === null || typeof value !== "object") return toStr(value);
    try { return stringify(value); } catch (e) { return toStr(value); }
  };
  const format = (args) => {
    const parts = [];
    for (let i = 0; i < args.length; i++) parts.push(describe(args[i]));
    return parts.join(" ");
  };
  const send = (level, text) => {
    if (door) door.console(level, text);
    else queue.push([level, text]);
  };

  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const original = console[level];
    origConsole[level] = original;
    console[level] = function (...args) {
      send(level, format(args));
      return apply(original, console, args);
    };
  }
  // The page's one-shot timers still to run: headless mode waits for them as for Python's (an error thrown in one
  // is a page error, and must happen before PyDesk decides the page is done). setInterval timers never end: not counted.
  const pendingTimers = new Set();
  const nativeSetTimeout = window.setTimeout, nativeClearTimeout = window.clearTimeout;
  // When the last one is gone, Java is told (door.timersDone: the page may be idle), two tasks later: an error or an
  // unhandled rejection of that timer is reported in a task of its own, and must come first.
  const timersDone = () => {
    if (pendingTimers.size !== 0 || !door) return;
    later(() => later(() => { if (pendingTimers.size === 0 && door) door.timersDone(); }, 0), 0);
  };
  window.setTimeout = function setTimeout(handler, delay, ...args) {
    let id;
    const run = typeof handler === "function"
      ? function () { pendingTimers.delete(id); try { return apply(handler, this, args); } finally { timersDone(); } }
      : function () { pendingTimers.delete(id); try { return (0, eval)(toStr(handler)); } finally { timersDone(); } };
    id = apply(nativeSetTimeout, window, [run, delay]);
    pendingTimers.add(id);
    return id;
  };
  window.clearTimeout = function clearTimeout(id) {
    const had = pendingTimers.delete(id);
    if (had) timersDone();
    return apply(nativeClearTimeout, window, [id]);
  };
  window.addEventListener("error", (event) => {
    const where = event.filename ? ` (${event.filename}:${event.lineno})` : "";
    const stack = event.error && event.error.stack ? "\n" + event.error.stack : "";
    send("uncaught", `${event.message}${where}${stack}`);
  });
  window.addEventListener("unhandledrejection", (event) => {
    send("uncaught", "Unhandled promise rejection: " + describe(event.reason));
  });

  // Page JavaScript's own fetch and XMLHttpRequest, for the inspector's Network tab (the page server leaves requests
  // made by fetch/XHR to this log, which also sees other sites). The page gets exactly what it would get unwrapped.
  const report = (kind, method, url, status, size, millis, detail) => {
    const entry = [kind, toStr(method).toUpperCase(), toStr(url), Number(status) || 0, Number(size) || 0,
      Math.round(millis), toStr(detail)];
    if (door) deliver(entry);
    else netQueue.push(entry);
  };
  const deliver = (e) => door.network(e[0], e[1], e[2], e[3], e[4], e[5], e[6]);
  const now = performance.now.bind(performance), then = Promise.prototype.then;
  const absolute = (url) => { try { return new URL(toStr(url), document.baseURI).href; } catch (e) { return toStr(url); } };
  const nativeFetch = window.fetch, NativeRequest = window.Request;
  const sizeOf = (response) => {
    const length = response.headers.get("content-length");
    if (length !== null) return Promise.resolve(Number(length));
    return apply(then, response.clone().arrayBuffer(), [(buffer) => buffer.byteLength, () => 0]);
  };
  window.fetch = function fetch(input, init) {
    const started = now();
    let method = "GET", url = "";
    try {
      const request = input instanceof NativeRequest;
      method = init && init.method !== undefined ? init.method : request ? input.method : "GET";
      url = request ? input.url : absolute(input);
    } catch (e) { /* the native fetch below reports what is wrong with the arguments */ }
    const answer = apply(nativeFetch, this, [input, init]);
    apply(then, answer, [(response) => {
      apply(then, sizeOf(response), [(size) => report("js fetch", method, url, response.status, size, now() - started, "")]);
    }, (error) => report("js fetch", method, url, 0, 0, now() - started, toStr(error))]);
    return answer;
  };
  const XHR = window.XMLHttpRequest.prototype, xhrOpen = XHR.open, xhrSend = XHR.send;
  const listen = EventTarget.prototype.addEventListener, xhrRequests = new WeakMap();
  const xhrSize = (xhr) => {
    const length = xhr.getResponseHeader("content-length");
    if (length !== null) return Number(length);
    const body = xhr.response;
    if (typeof body === "string") return body.length;
    if (body instanceof ArrayBuffer) return body.byteLength;
    return body instanceof Blob ? body.size : 0;
  };
  XHR.open = function open(method, url) {
    xhrRequests.set(this, [method, absolute(url)]);
    return apply(xhrOpen, this, arguments);
  };
  XHR.send = function send(body) {
    const request = xhrRequests.get(this), xhr = this, started = now();
    if (request) apply(listen, this, ["loadend", () => {
      let size = 0;
      try { size = xhrSize(xhr); } catch (e) { /* no body */ }
      report("js xhr", request[0], request[1], xhr.status, size, now() - started, xhr.status === 0 ? "failed" : "");
    }]);
    return apply(xhrSend, this, arguments);
  };

  // UNDEF and MISSING are Java objects that only travel back to Java (where identity holds); JavaScript cannot
  // compare Java objects by identity, so Java writes `undefined` towards JavaScript as the string UNDEF_IN.
  // WebView's own WebSocket is broken in the Maven builds of JavaFX: this one runs on Java's WebSocket client.
  const waitingForDoor = [];
  const latin1ToBuffer = (text) => {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes.buffer;
  };
  const bufferToLatin1 = (buffer) => {
    const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return text;
  };
  class WebSocket extends EventTarget {
    constructor(url, protocols) {
      super();
      const absolute = new URL(url, document.baseURI);
      if (absolute.protocol === "http:") absolute.protocol = "ws:";
      if (absolute.protocol === "https:") absolute.protocol = "wss:";
      if (absolute.protocol !== "ws:" && absolute.protocol !== "wss:") {
        throw new DOMException(`The URL's scheme must be either 'ws' or 'wss'. '${absolute.protocol}' is not allowed.`, "SyntaxError");
      }
      this._url = absolute.href;
      this._protocols = protocols === undefined ? [] : [].concat(protocols).map(String);
      this._id = 0;
      this._state = WebSocket.CONNECTING;
      this._protocol = "";
      this._extensions = "";
      this.binaryType = "blob";
      for (const name of ["open", "message", "error", "close"]) this["on" + name] = null;
      const start = () => {
        this._id = door.wsOpen(this._url, this._protocols.join(","), (kind, a, b, c) => this._event(kind, a, b, c));
      };
      if (door) start(); else waitingForDoor.push(start);
    }
    _fire(event) {
      const handler = this["on" + event.type];
      if (typeof handler === "function") handler.call(this, event);
      this.dispatchEvent(event);
    }
    _event(kind, a, b, c) {
      if (kind === "open") {
        this._state = WebSocket.OPEN; this._protocol = a; this._extensions = b;
        this._fire(new Event("open"));
      } else if (kind === "message") {
        let data = a;
        if (b) data = this.binaryType === "arraybuffer" ? latin1ToBuffer(a) : new Blob([latin1ToBuffer(a)]);
        this._fire(new MessageEvent("message", { data, origin: new URL(this._url).origin }));
      } else if (kind === "error") {
        this._fire(new Event("error"));
      } else if (kind === "close") {
        this._state = WebSocket.CLOSED;
        this._fire(new CloseEvent("close", { code: a, reason: b, wasClean: c }));
      }
    }
    get url() { return this._url; }
    get readyState() { return this._state; }
    get protocol() { return this._protocol; }
    get extensions() { return this._extensions; }
    get bufferedAmount() { return this._id && door ? door.wsBuffered(this._id) : 0; }
    send(data) {
      if (this._state === WebSocket.CONNECTING) throw new DOMException("Still in CONNECTING state.", "InvalidStateError");
      if (this._state !== WebSocket.OPEN) return;
      if (typeof data === "string") door.wsSend(this._id, data, false);
      else if (data instanceof Blob) data.arrayBuffer().then((buffer) => door.wsSend(this._id, bufferToLatin1(buffer), true));
      else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) door.wsSend(this._id, bufferToLatin1(data), true);
      else door.wsSend(this._id, String(data), false);
    }
    close(code, reason) {
      if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
        throw new DOMException(`The code must be either 1000, or between 3000 and 4999. ${code} is neither.`, "InvalidAccessError");
      }
      if (this._state >= WebSocket.CLOSING) return;
      this._state = WebSocket.CLOSING;
      const send = () => door.wsClose(this._id, code === undefined ? 1000 : code, reason === undefined ? "" : String(reason));
      if (this._id) send(); else waitingForDoor.push(send);
    }
  }
  for (const [name, value] of [["CONNECTING", 0], ["OPEN", 1], ["CLOSING", 2], ["CLOSED", 3]]) {
    Object.defineProperty(WebSocket, name, { value });
    Object.defineProperty(WebSocket.prototype, name, { value });
  }
  Object.defineProperty(window, "WebSocket", { value: WebSocket, writable: true, configurable: true });

  // PyScript's JavaScript API for page modules that import its core.js: PyDesk serves a stand-in module
  // (/__pydesk__/pyscript/core.js) whose instances share this state; its api appears with the first instance.
  // Scripts run once the page's module scripts registered their hooks: after DOMContentLoaded and, when a module
  // imported the stand-in, after the modules waiting on its top-level await (for the configs) ran too. That await
  // ends when PyDesk hands over the configs; DOMContentLoaded does not wait for it, and the importers' bodies run
  // in the microtasks that follow it, so they are done by the next task.
  let contentLoaded = false, importersRan = false, configure = null;
  // Java waits for this moment (helpers.contentLoaded) without polling: the door is told when it comes.
  const loaded = () => contentLoaded && (pyscript.api === null || importersRan);
  const loadedNow = () => { if (door && loaded()) door.contentLoaded(); };
  document.addEventListener("DOMContentLoaded", () => { contentLoaded = true; loadedNow(); }, { once: true });
  const pyscript = { api: null };
  pyscript.configured = new Promise((resolve) => { configure = resolve; });
  pyscript.configured.then(() => later(() => { importersRan = true; loadedNow(); }, 0));
  Object.defineProperty(window, Symbol.for("pydesk.pyscript"), { value: pyscript });

  let helpers = null, secret = null;
  function factory(javaDoor, UNDEF, MISSING, UNDEF_IN, DESTROYED, METHOD, FUNCTION, SECRET) {
    if (door !== null || javaDoor === null || javaDoor === undefined) return null;
    door = javaDoor;
    secret = typeof SECRET === "string" && SECRET.length > 0 ? SECRET : null;
    helpers = makeHelpers(UNDEF, MISSING, UNDEF_IN, DESTROYED, METHOD, FUNCTION);
    return helpers;
  }
  function makeHelpers(UNDEF, MISSING, UNDEF_IN, DESTROYED, METHOD, FUNCTION) {
    while (queue.length) { const [level, text] = queue.shift(); door.console(level, text); }
    while (netQueue.length) deliver(netQueue.shift());
    while (waitingForDoor.length) waitingForDoor.shift()();
    // WebKit's Java bridge turns a Symbol into null: a symbol leaves JavaScript in a box (one per symbol, so the
    // same symbol gives the same box) and every value that comes back in is unboxed.
    const boxes = new Map(), unboxed = new WeakMap();
    const box = (symbol) => {
      let made = boxes.get(symbol);
      if (made === undefined) {
        // used as a key or `in` operand by JavaScript itself (a box passed straight to Reflect.has), it is the symbol
        made = Object.freeze(Object.create(null, { [toPrimitiveSymbol]: { value: () => symbol } }));
        boxes.set(symbol, made);
        unboxed.set(made, symbol);
      }
      return made;
    };
    const unbox = (v) => (typeof v === "object" && v !== null && unboxed.has(v) ? unboxed.get(v) : v);
    const out = (v) => (v === undefined ? UNDEF : typeof v === "symbol" ? box(v) : v);
    const undef = (v) => (v === UNDEF_IN ? undefined : unbox(v));
    const undefAll = (args) => { for (let i = 0; i < args.length; i++) args[i] = undef(args[i]); return args; };
    // experimental_create_proxy = "auto": Python is told when JavaScript has let go of a function. Python keeps
    // only the id of such a function (a handle on it would keep it alive) and asks for it again with makeFunction(-id).
    // JavaFX's WebKit collects such functions (their WeakRefs empty) but never runs FinalizationRegistry callbacks, so
    // the WeakRefs are swept too: a second after functions were made (again while any live) and when their number
    // doubles.
    const autoFunctions = new Map(); // id -> WeakRef of the function
    const release = (id) => { if (autoFunctions.delete(id)) door.release(id); };
    const registry = typeof FinalizationRegistry === "function" ? new FinalizationRegistry(release) : null;
    const weakRefs = typeof WeakRef === "function";
    let sweepAt = 256, sweepTimer = null;
    const sweep = () => {
      for (const [id, weak] of autoFunctions) if (weak.deref() === undefined) release(id);
      sweepAt = Math.max(256, 2 * autoFunctions.size);
    };
    const sweepLater = () => {
      if (sweepTimer !== null) return;
      sweepTimer = later(() => {
        sweepTimer = null;
        sweep();
        if (autoFunctions.size) sweepLater();
      }, 1000);
    };
    // pyscript.web: several DOM steps in one crossing (from a worker, every crossing is a hop to the FX thread).
    // Elements come back as a flat array [element, lower-case tag, element, tag, ...] (the tag picks the class).
    const tagOf = (node) => (typeof node.tagName === "string" ? node.tagName.toLowerCase() : "");
    const tagged = (nodes) => {
      const result = [];
      for (const node of nodes) if (node !== null && node !== undefined) result.push(node, tagOf(node));
      return result;
    };
    const byId = (root, id) => (typeof root.getElementById === "function" ? root.getElementById(id)
      : root.querySelector("#" + CSS.escape(id)));
    const queryAll = (root, selector) => {
      try {
        return root.querySelectorAll(selector);
      } catch (error) {
        // WebKit says only "The string did not match the expected pattern."; Chromium's wording names the selector.
        throw new SyntaxError(`'${selector}' is not a valid selector`);
      }
    };
    const elementsBy = {
      find(selector, targets) { return targets.flatMap((root) => tagged(queryAll(root, selector))); },
      children(_, [parent]) { return tagged(parent.children); },
      items(_, [list]) { return tagged(Array.from(list)); },
      each(_, targets) { return tagged(targets); },
      id(id, targets) {
        for (const root of targets) { const found = byId(root, id); if (found) return tagged([found]); }
        return [];
      },
      // an element of a collection, or one inside it
      idSelf(id, targets) {
        for (const root of targets) {
          if (root.id === id) return tagged([root]);
          const found = root.querySelector("#" + CSS.escape(id));
          if (found) return tagged([found]);
        }
        return [];
      },
      parent(_, [child]) { return tagged([child.parentElement]); },
      options(_, [list]) { return tagged(list.options ? Array.from(list.options) : list.querySelectorAll(":scope > option")); },
      selected(_, [select]) { return select.selectedIndex < 0 ? [] : tagged([select.options[select.selectedIndex]]); },
      clone(id, [original]) {
        const copy = original.cloneNode(true);
        if (id === null) copy.removeAttribute("id"); else copy.id = id;
        return tagged([copy]);
      },
    };
    // spec = count, name, value, ... (DOM properties), count, class, ... , count, CSS property, value, ...;
    // returns the index after it
    const applySpec = (targets, spec, i) => {
      const properties = i + 1, classes = properties + 2 * spec[i] + 1, styles = classes + spec[classes - 1] + 1;
      const end = styles + 2 * spec[styles - 1];
      for (const el of targets) {
        for (let k = classes; k < styles - 1; k++) el.classList.add(spec[k]);
        for (let k = styles; k < end; k += 2) el.style.setProperty(spec[k], spec[k + 1]);
        for (let k = properties; k < classes - 1; k += 2) el[spec[k]] = undef(spec[k + 1]);
      }
      return end;
    };
    const appendAll = (el, items) => {
      for (const item of items) {
        if (item !== null && typeof item === "object") {
          if ("nodeType" in item) el.appendChild(item);
          else for (const node of Array.from(item)) el.appendChild(node);
        } else el.append(toStr(item));
      }
    };
    // WebKit's innerText keeps the line breaks that end a block child when content follows the element
    // ("a\nb\n" for <div><div>a</div><div>b</div></div>); the spec (and Chromium, Firefox) drop them. Keep only the
    // trailing line breaks the element's own last content makes: a <br>, or preformatted text ending in newlines.
    const preformatted = (node) => /^(pre|pre-wrap|pre-line|break-spaces)$/.test(getComputedStyle(node).whiteSpace);
    const ownTrailingBreaks = (node) => {
      for (let child = node.lastChild; child; child = child.previousSibling) {
        if (child.nodeType === 3) {
          const pre = preformatted(node);
          if (!pre && !child.data.trim()) continue;
          return pre ? child.data.length - child.data.replace(/\n+$/, "").length : 0;
        }
        if (child.nodeType !== 1) continue;
        if (child.tagName === "BR") return 1;
        if (getComputedStyle(child).display === "none") continue;
        const found = ownTrailingBreaks(child);
        if (found >= 0) return found;
      }
      return -1;
    };
    const innerText = (el) => {
      const text = el.innerText;
      if (typeof text !== "string" || !text.endsWith("\n")) return text;
      return text.replace(/\n+$/, "") + "\n".repeat(Math.max(0, ownTrailingBreaks(el)));
    };
    return {
      webInnerText(el) { return out(innerText(el)); },
      webElements(how, arg, ...targets) { return elementsBy[how](arg, targets); },
      // createElement, classes, style, properties, then children: HTML strings or nodes
      webBuild(tag, ...spec) {
        const el = document.createElement(tag);
        for (let k = applySpec([el], spec, 0); k < spec.length; k++) {
          const child = spec[k];
          if (child !== null && typeof child === "object") appendAll(el, [child]);
          else el.insertAdjacentHTML("beforeend", toStr(child));
        }
        return el;
      },
      webUpdate(count, ...rest) { applySpec(rest.slice(0, count), rest, count); },
      webAppend(el, ...items) { appendAll(el, items); },
      // element.on_NAME: only for an event the element has (onNAME, or a NAME method such as click)
      webListen(el, name, listener, options) {
        if (!("on" + name in el) && !(name in el)) return false;
        el.addEventListener(name, listener, undef(options));
        return true;
      },
      get(o, k) {
        o = unbox(o); k = unbox(k);
        const v = o[k];
        if (v === undefined && !(k in Object(o))) return MISSING;
        return out(v);
      },
      // A member read from Python that Java could not classify alone: a function comes back as a marker (Java
      // calls it by name on its object, without fetching it), METHOD when it is a plain function property of the
      // object's prototype chain (what a DOM class's methods are: Java remembers such names per class), FUNCTION
      // otherwise (an own property, an accessor); MISSING when there is no such member at all. A symbol leaves in
      // its box (Java asks here for every null it reads, since WebKit hands a symbol over as null).
      member(o, k) {
        o = unbox(o);
        const v = o[k];
        if (typeof v === "function") {
          if (o === null || (typeof o !== "object" && typeof o !== "function") || ownDescriptor(o, k)) return FUNCTION;
          for (let p = protoOf(o); p !== null; p = protoOf(p)) {
            const d = ownDescriptor(p, k);
            if (d) return "value" in d ? METHOD : FUNCTION;
          }
          return FUNCTION;
        }
        if (v === undefined) return k in Object(o) ? UNDEF : MISSING;
        return out(v);
      },
      // len(): an array-like's length, a Map's or Set's size, or -1
      size(o) {
        const n = o.length;
        if (typeof n === "number") return n;
        const s = o.size;
        return typeof s === "number" ? s : -1;
      },
      isArrayLike(o) { return typeof o.length === "number"; },
      // `in`: a Map's or Set's has(), an array's includes(); MISSING when the object has neither
      contains(o, v) {
        if (typeof o.has === "function") return !!o.has(undef(v));
        if (typeof o.includes === "function") return !!o.includes(undef(v));
        return MISSING;
      },
      iterator(o) {
        if (typeof o.values === "function") return o.values();
        if (o !== null && o !== undefined && typeof o[iteratorSymbol] === "function") return o[iteratorSymbol]();
        return null;
      },
      set(o, k, v) { unbox(o)[unbox(k)] = undef(v); },
      del(o, k) { return delete unbox(o)[unbox(k)]; },
      has(o, k) { return unbox(k) in Object(unbox(o)); },
      apply(f, self, ...args) { return out(apply(f, undef(self), undefAll(args))); },
      callMethod(o, k, ...args) {
        o = unbox(o);
        const f = o[k];
        if (typeof f !== "function") return MISSING;
        return out(apply(f, o, undefAll(args)));
      },
      construct(C, ...args) { return construct(C, undefAll(args)); },
      typeOf(v) { return typeof unbox(v); },
      pendingTimers() { return pendingTimers.size; },
      win() { return window; },
      str(v) { v = unbox(v); try { return toStr(v); } catch (e) { return Object.prototype.toString.call(v); } },
      same(a, b) { return unbox(a) === unbox(b); },
      isArray(v) { return isArray(v); },
      keys(o) { return ownKeys(Object(unbox(o))).filter((k) => typeof k === "string"); },
      array(...items) { return undefAll(items); },
      object() { return {}; },
      makeFunction(id, auto) {
        if (id < 0) {
          const weak = autoFunctions.get(-id), alive = weak === undefined ? undefined : weak.deref();
          return alive === undefined ? null : alive;
        }
        const f = function (...args) {
          for (let i = 0; i < args.length; i++) args[i] = out(args[i]);
          const result = door.invoke(id, this === undefined ? UNDEF : this, args);
          if (result === DESTROYED) {
            throw new Error("This Python function was released: it was passed to JavaScript without " +
              "create_proxy() and only lived for that call, or its proxy was destroyed. Keep it with " +
              "pyscript.ffi.create_proxy(), or set experimental_create_proxy = \"auto\" in the config.");
          }
          return undef(result);
        };
        Object.defineProperty(f, "name", { value: "pyproxy" });
        if (auto && weakRefs) {
          autoFunctions.set(id, new WeakRef(f));
          if (registry) registry.register(f, id);
          if (autoFunctions.size >= sweepAt) sweep();
          sweepLater();
        }
        return f;
      },
      // Binary data crosses as latin-1 strings: one char per byte, no per-element calls.
      bytesToJs(text) {
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
        return bytes;
      },
      isBinary(v) { return v instanceof ArrayBuffer || ArrayBuffer.isView(v); },
      bytesFromJs(v) {
        const bytes = v instanceof ArrayBuffer ? new Uint8Array(v)
          : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let text = "";
        for (let i = 0; i < bytes.length; i += 8192) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
        }
        return text;
      },
      // js_import and js_modules: dynamic import(), relative to the page (not to this script).
      jsImport(...urls) {
        // A failure names the module: WebKit's "Importing a module script failed." does not.
        return Promise.all(urls.map((url) => import(new URL(url, document.baseURI).href).catch((error) => {
          throw new Error(`could not import ${url}: ${error}`);
        })));
      },
      dispatch(target, type, detail) {
        const eventDetail = detail === UNDEF_IN || detail === null ? { worker: false } : detail;
        target.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: eventDetail }));
      },
      dispatchWorker(target, type) {
        target.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { worker: true } }));
      },
      event(target, type) { target.dispatchEvent(new Event(type)); },
      // document.currentScript is the running <script> while its Python runs, as in PyScript.
      setCurrentScript(el) {
        Object.defineProperty(document, "currentScript", { configurable: true, get: () => el });
      },
      clearCurrentScript() { delete document.currentScript; },
      evaluate(code) { return out(pristine.eval(code)); },
      // The inspector's Elements tab: its script (dom-inspection.js) is evaluated here once, given what it needs, and
      // returned to Java only. It may tell Java that the document changed, and read which elements PyDesk made.
      installInspector(source) {
        return pristine.eval(source)({ ...pristine, notify: () => door.domChanged(), made: (el) => made.get(el) || null });
      },
      markMade(el, what) { made.set(el, toStr(what)); },
      // PyScript's error banner (its error plugin's markup and style): a red box at the end of the body
      banner(message) {
        const div = document.createElement("div");
        div.className = "py-error";
        made.set(div, "error banner");
        div.textContent = toStr(message);
        div.style.cssText = "border: 1px solid red; background: #ffdddd; color: black; font-family: courier, monospace;"
          + " white-space: pre; overflow-x: auto; padding: 8px; margin-top: 8px;";
        (document.body || document.documentElement).append(div);
      },
      contentLoaded() { return loaded(); },
      pyscriptConfigure(json) { if (configure) { configure(parse(json)); configure = null; } },
      // A hook of the stand-in core.js (hooks.main.onReady, ...): 0 once done, else a ticket for pyscriptSettled.
      pyscriptHook(where, name, type, ref) {
        return pyscript.api ? pyscript.api.run(where, name, type, ref === UNDEF_IN ? null : ref) : 0;
      },
      pyscriptSettled(ticket) { return !pyscript.api || pyscript.api.settled(ticket); },
      pyscriptCode(where, name) { return pyscript.api ? pyscript.api.code(where, name) : ""; },
      pyscriptWorker(type) { if (pyscript.api) pyscript.api.workerStarted(type); },
      // py-*/mpy-* attributes: every element that has one (now or later) gets a listener that hands the
      // attribute's value (a function name, read when the event fires) to the interpreter's dispatcher.
      eventAttributes(prefix, dispatcher) {
        const start = prefix + "-", wired = new WeakMap();
        const describe = (el) => {
          let text = "<" + el.tagName.toLowerCase();
          if (el.id) text += ` id="${el.id}"`;
          return text + ">";
        };
        const wire = (el) => {
          if (!el.getAttributeNames) return;
          for (const attribute of el.getAttributeNames()) {
            if (!attribute.startsWith(start) || attribute.length === start.length) continue;
            let done = wired.get(el);
            if (!done) wired.set(el, (done = new Set()));
            if (done.has(attribute)) continue;
            done.add(attribute);
            el.addEventListener(attribute.slice(start.length), (event) => {
              const name = el.getAttribute(attribute);
              if (name !== null) dispatcher(name, event, describe(el), attribute);
            });
          }
        };
        const scan = (root) => {
          if (root.nodeType !== 1) return;
          wire(root);
          for (const el of root.querySelectorAll("*")) wire(el);
        };
        scan(document.documentElement);
        new MutationObserver((records) => {
          for (const record of records) {
            if (record.type === "attributes") wire(record.target);
            else for (const node of record.addedNodes) scan(node);
          }
        }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
      },
    };
  }
  Object.defineProperty(factory, "pending", { get: () => door === null });
  // WebKit invalidates Java's handles now and then: Java asks for the helpers again with this page load's secret.
  Object.defineProperty(factory, "again", {
    value: (given) => (secret !== null && given === secret ? helpers : null),
  });
  Object.freeze(factory);
  Object.defineProperty(window, "__pydesk_boot", { value: factory, writable: false, configurable: false });
})();
