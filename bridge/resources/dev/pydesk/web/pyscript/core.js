// PyDesk's stand-in for PyScript's core.js. PyDesk serves it wherever a page imports PyScript's loader (a CDN URL,
// a local copy such as ./dist/core.js, an import map entry): PyScript's own runtime never starts in PyDesk, its
// Python runs on GraalPy. This module has PyScript's exports and is driven by PyDesk's real lifecycle: every instance
// (one per URL the page used) shares the state the boot script keeps on window, and PyDesk's Java side calls the
// hooks as PyScript calls them (main: onReady, onBeforeRun[Async], codeBeforeRun[Async], the script,
// codeAfterRun[Async], onAfterRun[Async]; the same for workers, whose JavaScript hooks run on the page's thread).
const state = globalThis[Symbol.for("pydesk.pyscript")];
if (!state) throw new Error("PyDesk's stand-in for PyScript's core.js needs a page opened by PyDesk");

const TYPE_NAMES = new Map([["py", "pyodide"], ["mpy", "micropython"]]);
const FUNCTION_HOOKS = ["onReady", "onBeforeRun", "onBeforeRunAsync", "onAfterRun", "onAfterRunAsync"];
const CODE_HOOKS = ["codeBeforeRun", "codeBeforeRunAsync", "codeAfterRun", "codeAfterRunAsync"];

// PyScript's hooks are Sets that only take values of one type.
const typedSet = (kind) => class extends Set {
  constructor(values) {
    super();
    if (values) for (const value of values) this.add(value);
  }
  add(value) {
    if (typeof value !== kind) throw new TypeError(`hooks take a ${kind}, not ${typeof value}`);
    return super.add(value);
  }
};
const FunctionSet = typedSet("function");
const StringSet = typedSet("string");

const dedent = (text) => {
  const lines = String(text).replace(/^\n+/, "").split("\n");
  const margins = lines.filter((line) => line.trim()).map((line) => line.match(/^[ \t]*/)[0].length);
  const margin = margins.length ? Math.min(...margins) : 0;
  return lines.map((line) => line.slice(margin)).join("\n");
};

const reportLater = (error) => queueMicrotask(() => { throw error; }); // an uncaught error: console and exit status

const unavailable = (what, instead) => () => {
  throw new Error(`${what} is not available in PyDesk (its Python runs on GraalPy, not in JavaScript)${instead}`);
};

function makeApi() {
  const branch = (functions) => {
    const hooks = {};
    for (const name of functions) hooks[name] = new FunctionSet();
    for (const name of CODE_HOOKS) hooks[name] = new StringSet();
    return hooks;
  };
  const hooks = { main: branch(["onWorker", ...FUNCTION_HOOKS]), worker: branch(FUNCTION_HOOKS) };
  const config = {};
  const defined = new Map();
  const definedEntry = (type) => {
    if (!defined.has(type)) {
      let resolve;
      const promise = new Promise((done) => { resolve = done; });
      defined.set(type, { promise, resolve, done: false });
    }
    return defined.get(type);
  };
  const wrap = (type) => ({
    type,
    config: structuredClone(config[type]),
    io: { stdout: (...args) => console.log(...args), stderr: (...args) => console.error(...args) },
    get interpreter() { return unavailable("wrap.interpreter", ": use hooks.main.codeBeforeRun to run Python")(); },
    run: unavailable("wrap.run()", ": use hooks.main.codeBeforeRun to run Python"),
    runAsync: unavailable("wrap.runAsync()", ": use hooks.main.codeBeforeRunAsync to run Python"),
  });
  const tickets = new Map();
  let nextTicket = 1;

  // Runs the callbacks of one hook; 0 when they are done, else a ticket PyDesk polls with settled().
  const run = (where, name, type, ref) => {
    const callbacks = [...(hooks[where][name] || [])];
    const args = [wrap(type), ref === undefined ? null : ref];
    if (name === "onReady" && where === "main") define(type, args[0]);
    if (!callbacks.length) return 0;
    const awaited = where === "main" && (name === "onReady" || name.endsWith("Async"));
    if (!awaited) {
      for (const callback of callbacks) {
        try {
          callback(...args);
        } catch (error) {
          reportLater(error);
        }
      }
      return 0;
    }
    const ticket = nextTicket++;
    tickets.set(ticket, false);
    (async () => {
      for (const callback of callbacks) {
        try {
          await callback(...args);
        } catch (error) {
          reportLater(error);
        }
      }
    })().finally(() => tickets.set(ticket, true));
    return ticket;
  };
  const define = (type, value) => {
    const entry = definedEntry(type);
    if (!entry.done) {
      entry.done = true;
      entry.resolve(value);
    }
  };
  return {
    hooks,
    config,
    whenDefined: (type) => definedEntry(type).promise,
    // what PyDesk's Java side calls (through the boot script's helpers)
    configure(configs) {
      for (const type of TYPE_NAMES.keys()) config[type] = configs[type] === null ? undefined : configs[type];
    },
    run,
    settled(ticket) {
      if (tickets.get(ticket) === false) return false;
      tickets.delete(ticket);
      return true;
    },
    code: (where, name) => [...(hooks[where][name] || [])].map(dedent).join("\n"),
    workerStarted(type) { define(type, { type, xworker: null }); },
  };
}

if (!state.api) {
  state.api = makeApi();
  state.configured.then((configs) => state.api.configure(configs));
}
const api = state.api;
await state.configured; // PyScript's core.js resolves the page's configs before it exports them

const pyWorker = (type) => async () => unavailable(`${type === "py" ? "PyWorker" : "MPWorker"}() from page JavaScript`,
  `: start the worker from Python (pyscript.PyWorker) or with <script type="${type}" worker>`)();
const codemirrorModule = new Proxy({}, {
  get: (target, name) => typeof name === "string"
    ? Promise.reject(new Error("PyScript's code editor (codemirror) is not part of PyDesk")) : undefined,
});

export const hooks = api.hooks;
export const config = api.config;
export const whenDefined = api.whenDefined;
export const TYPES = new Map(TYPE_NAMES);
export const PyWorker = pyWorker("py");
export const MPWorker = pyWorker("mpy");
export const relative_url = (url, base = location.href) => new URL(url, base).href;
export const offline_interpreter = (options) => options?.interpreter && relative_url(options.interpreter);
// PyScript's Python bootstrap (its pyscript package as source): PyDesk's pyscript package is built in.
export const stdlib = "";
export const optional = "";
export const inputFailure = "";
export const codemirror = codemirrorModule;
export const donkey = () => Promise.reject(new Error("PyScript's donkey (a Python evaluator for JavaScript) is not part of PyDesk"));
