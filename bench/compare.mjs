// bench/compare.mjs - PyDesk (headless, GraalPy) vs real PyScript in headless Chromium, the same unmodified pages
// of the perf kit ($PERF_KIT/pages), taking turns run by run. Started by bench/compare (which builds
// PyDesk and its bench driver first); see docs/performance.md for what each figure means.
//
//   node bench/compare.mjs [--runs 5] [--pages hello,dom_ops,events,compute,worker] [--interps py,mpy]
//                          [--clicks 500] [--reruns 4] [--sides pydesk,chromium] [--label NAME]
//                          [--pydesk-env 'PYDESK_JAVA_OPTS=...'] [--variant NAME='ARGS' [--variant-pages P,..]]
//                          [--out bench/results]
//
// Chromium side: playwright-core drives /usr/bin/chromium (cold: a new browser and an empty profile per run),
// pages served by the kit's serve.mjs on 127.0.0.1 (COOP/COEP), an init script records marks in the page.
// PyDesk side: `./pydesk --headless PAGE` with PYDESK_MAIN_CLASS=dev.pydesk.app.BenchDriver (bench/java), which
// starts exactly as the Launcher does and injects the same marks when the page's session starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
// the perf kit: PERF_KIT, by default ../shared/perf from the project root (bench/compare resolves it)
const KIT = path.resolve(REPO, process.env.PERF_KIT || '../shared/perf');
const BASE = process.env.BASE || '/tmp/baseline';
const require = createRequire(path.join(BASE, 'package.json'));
const { chromium } = require('playwright-core');
const { createStaticServer } = await import(pathToFileURL(path.join(KIT, 'serve.mjs')).href);

// ------------------------------------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const KNOWN = ['runs', 'pages', 'interps', 'clicks', 'reruns', 'sides', 'label', 'out', 'timeout', 'variant', 'variant-pages',
  'pydesk-env', 'pydesk-arg'];
for (const [i, a] of argv.entries()) {
  // every option takes a value: a word after a value that starts with -- is an unknown option (a typo would
  // otherwise start a run of many minutes with the defaults)
  if (a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--') || !KNOWN.includes(argv[i - 1].slice(2)))
      && !KNOWN.includes(a.slice(2))) {
    console.error(`bench/compare: unknown option ${a} (bench/compare --help lists them)`);
    process.exit(2);
  }
}
const RUNS = Number(opt('runs', 5));
const PAGES = opt('pages', 'hello,dom_ops,events,compute,worker').split(',');
const INTERPS = opt('interps', 'py,mpy').split(',');
const CLICKS = Number(opt('clicks', 500));
const RERUNS = Number(opt('reruns', 4));
// --variant NAME='ARGS': one more PyDesk side, named pydesk-NAME, with extra arguments; an argument env:VAR=VALUE
// sets an environment variable instead (e.g. --variant jit=--jit, --variant g1='env:PYDESK_JAVA_OPTS=-XX:+UseG1GC'),
// and repo:PATH runs another checkout of PyDesk (built, e.g. the code before a change: --variant before=repo:/tmp/old).
const VARIANTS = Object.fromEntries(argv.filter((a, i) => argv[i - 1] === '--variant').map((v) => {
  const name = v.slice(0, v.indexOf('='));
  const items = v.slice(v.indexOf('=') + 1).split(/\s+(?=--|env:|repo:)/).filter(Boolean);
  const repo = items.find((x) => x.startsWith('repo:'));
  return [`pydesk-${name}`, {
    repo: repo ? path.resolve(repo.slice(5)) : REPO,
    args: items.filter((x) => !x.startsWith('env:') && !x.startsWith('repo:')),
    env: Object.fromEntries(items.filter((x) => x.startsWith('env:')).map((x) => [x.slice(4, x.indexOf('=')), x.slice(x.indexOf('=') + 1)])),
  }];
}));
const gitOf = (dir) => {
  try { return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return path.basename(dir); }
};
const SIDES = [...opt('sides', 'pydesk,chromium').split(',').filter((s) => s && s !== 'none'), ...Object.keys(VARIANTS)];
const PYDESK_SIDES = SIDES.filter((s) => s.startsWith('pydesk'));
// --variant-pages hello,compute: the variants run on these pages only (default: all)
const VARIANT_PAGES = opt('variant-pages', '').split(',').filter(Boolean);
const LABEL = opt('label', '');
const OUT = path.resolve(REPO, opt('out', 'bench/results'));
const TIMEOUT_MS = Number(opt('timeout', 900)) * 1000;
const PYDESK_ENV = Object.fromEntries((argv.filter((a, i) => argv[i - 1] === '--pydesk-env'))
  .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const PYDESK_ARGS = argv.filter((a, i) => argv[i - 1] === '--pydesk-arg');
const PAGES_DIR = path.join(KIT, 'pages');
const EXE = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TEXT = { hello: 'Hello from Python', worker: 'worker up' };

// The same Python runs again in the page's own interpreter (namespace of compute.py) for the n-th run.
const RERUN_CODE = `import json as _bench_json
_bench_b = make_bodies()
offset_momentum(_bench_b)
_bench_t0 = window.performance.now()
advance(_bench_b, STEPS, DT)
_bench_t1 = window.performance.now()
document.getElementById("bench-rerun").textContent = _bench_json.dumps({"ms": _bench_t1 - _bench_t0, "energy_after": energy(_bench_b)})
`;
const RERUN_FILE = path.join(os.tmpdir(), `pydesk-bench-rerun-${process.pid}.py`);
fs.writeFileSync(RERUN_FILE, RERUN_CODE);

// ------------------------------------------------------------------------------------------------ in-page marks
// Chromium: init script (before any page script). PyDesk: BenchDriver.INSTRUMENT, the same marks.
const INSTRUMENT = (TEXT) => {
  const now = () => performance.now();
  const B = (window.__bench = { marks: {}, epoch: {}, errors: [], clicks: [], counts: [], lastCount: null });
  addEventListener('error', (e) => B.errors.push('error: ' + (e.message || e)));
  addEventListener('click', () => B.clicks.push(now()), true);
  const hasText = (root) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const p = n.parentNode && n.parentNode.nodeName;
      if (p === 'SCRIPT' || p === 'STYLE' || p === 'PY-CONFIG' || p === 'MPY-CONFIG') continue;
      if (n.data.includes(TEXT)) return true;
    }
    return false;
  };
  const check = () => {
    const t = now();
    if (TEXT && B.marks.text === undefined && document.body && hasText(document.body)) {
      B.marks.text = t; B.epoch.text = Date.now();
    }
    const r = document.getElementById('result');
    if (r && r.textContent && B.marks.result === undefined) {
      B.marks.result = t; B.epoch.result = Date.now(); B.resultText = r.textContent;
    }
    const c = document.getElementById('count');
    if (c && c.textContent !== B.lastCount) {
      if (B.lastCount !== null) B.counts.push(t);
      B.lastCount = c.textContent;
    }
    if (!B.pyError) {
      const e = document.querySelector('.py-error');
      if (e) B.pyError = e.textContent.slice(0, 2000);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
};

// ------------------------------------------------------------------------------------------------ /proc sampling
function listProcs() {
  const out = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const rp = stat.lastIndexOf(')');
      const f = stat.slice(rp + 2).split(' ');
      out.set(Number(d), { ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone */ }
  }
  return out;
}
function treePids(roots, procs) {
  const kids = new Map();
  for (const [pid, { ppid }] of procs) { if (!kids.has(ppid)) kids.set(ppid, []); kids.get(ppid).push(pid); }
  const seen = new Set();
  const stack = roots.filter((p) => procs.has(p));
  while (stack.length) {
    const p = stack.pop();
    if (seen.has(p)) continue;
    seen.add(p);
    for (const k of kids.get(p) || []) stack.push(k);
  }
  return [...seen];
}
const readKb = (file, key) => {
  try {
    const m = fs.readFileSync(file, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
};
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
// Peak summed VmRSS (every 100 ms) and Pss (every 300 ms) of a process tree; CPU = last seen utime+stime per pid.
class Sampler {
  constructor(rootsFn) {
    this.rootsFn = rootsFn; this.peakRssKb = 0; this.peakPssKb = 0; this.n = 0; this.cpu = new Map();
    this.tick();
    this.timer = setInterval(() => this.tick(), 100);
  }
  tick() {
    const procs = listProcs();
    const pids = treePids(this.rootsFn(), procs);
    let rss = 0;
    for (const p of pids) {
      rss += readKb(`/proc/${p}/status`, 'VmRSS');
      this.cpu.set(p, procs.get(p).cpuTicks);
    }
    this.peakRssKb = Math.max(this.peakRssKb, rss);
    if (this.n++ % 3 === 0) {
      let pss = 0;
      for (const p of pids) pss += readKb(`/proc/${p}/smaps_rollup`, 'Pss');
      this.peakPssKb = Math.max(this.peakPssKb, pss);
    }
  }
  stop() {
    clearInterval(this.timer);
    let ticks = 0;
    for (const t of this.cpu.values()) ticks += t;
    return { peakRssMiB: this.peakRssKb / 1024, peakPssMiB: this.peakPssKb / 1024, cpuMs: ticks * TICK_MS };
  }
}
const load1 = () => Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

// ------------------------------------------------------------------------------------------------ helpers
const median = (a) => {
  const s = a.filter((v) => typeof v === 'number' && isFinite(v)).sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const mean = (a) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function inPageClicks(B) {
  const d = [];
  for (let i = 0; i < Math.min(B.clicks.length, B.counts.length); i++) d.push(B.counts[i] - B.clicks[i]);
  return d;
}
function parseJson(text) { try { return JSON.parse(text); } catch { return text ?? null; } }

// Turns a run's raw marks into the compared figures (same code for both sides).
function figures(name, rec) {
  const B = rec.bench || {};
  const f = {};
  const result = parseJson(B.resultText);
  f.launchToResultMs = B.epoch?.result !== undefined ? B.epoch.result - rec.launchEpoch : undefined;
  f.navToResultMs = B.marks?.result;
  if (TEXT[name]) {
    f.launchToTextMs = B.epoch?.text !== undefined ? B.epoch.text - rec.launchEpoch : undefined;
    f.navToTextMs = B.marks?.text;
  }
  if (name === 'dom_ops' && result) { f.createMs = result.create_ms; f.readMs = result.read_ms; }
  if (name === 'compute' && result) {
    f.nbody1Ms = result.ms;
    f.energyOk = Math.abs(result.energy_after - -0.169078071) < 1e-8;
    if (rec.reruns?.length) {
      f.nbodyRunsMs = [result.ms, ...rec.reruns.map((r) => r?.ms)];
      f.nbody5Ms = f.nbodyRunsMs[4];
      f.energyOk = f.energyOk && rec.reruns.every((r) => r && Math.abs(r.energy_after - -0.169078071) < 1e-8);
    }
  }
  if (name === 'events' && B.clicks) {
    const d = inPageClicks(B);
    f.clickInPageMeanMs = mean(d);
    f.clickInPageMedianMs = median(d);
    f.clickCount = B.lastCount;
    f.clickRttMedianMs = rec.rttMs ? median(rec.rttMs) : undefined;
  }
  f.peakRssMiB = rec.mem?.peakRssMiB;
  f.peakPssMiB = rec.mem?.peakPssMiB;
  f.cpuMs = rec.mem?.cpuMs;
  return f;
}

// ------------------------------------------------------------------------------------------------ PyDesk side
function runPyDesk(name, interp, side = 'pydesk') {
  const variant = VARIANTS[side] || { args: [], env: {}, repo: REPO };
  return new Promise((resolve) => {
    const page = path.join(PAGES_DIR, `${name}_${interp}.html`);
    const args = ['--headless', '--interp', interp, '--timeout', String(TIMEOUT_MS / 1000)];
    if (TEXT[name]) args.push('--text', TEXT[name]);
    if (name === 'events') args.push('--clicks', String(CLICKS));
    if (name === 'compute' && RERUNS > 0) args.push('--reruns', String(RERUNS), '--rerun-code', RERUN_FILE);
    args.push(...PYDESK_ARGS, ...variant.args, page);
    const env = {
      ...process.env, ...PYDESK_ENV, ...variant.env,
      PYDESK_MAIN_CLASS: 'dev.pydesk.app.BenchDriver',
      PYDESK_BENCH_CP: path.join(variant.repo, 'target/test-classes'),
    };
    const rec = { side, name, interp, load1Before: load1() };
    rec.launchEpoch = Date.now();
    const child = spawn(path.join(variant.repo, 'pydesk'), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = new Sampler(() => [child.pid]);
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS + 30000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      rec.wallMs = Date.now() - rec.launchEpoch;
      rec.mem = sampler.stop();
      rec.exit = code;
      rec.load1After = load1();
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (!line) {
        rec.failure = `no BENCH line (exit ${code}): ${err.split('\n').slice(-5).join(' | ')}`;
      } else {
        const j = JSON.parse(line.slice(6));
        rec.failure = j.failure;
        rec.workerSkipped = j.workerSkipped;
        rec.bench = j.bench;
        rec.rttMs = j.rtt_ms;
        rec.reruns = j.reruns;
        rec.jvmStartEpoch = j.jvmStartEpoch;
        rec.cpuAtResultMs = j.cpuAtResultMs;
        rec.cpuAtEndMs = j.cpuAtEndMs;
      }
      rec.stderrTail = err.split('\n').filter((l) => l && !l.startsWith('[timing]')).slice(-8);
      rec.timing = err.split('\n').filter((l) => l.startsWith('[timing]'));
      resolve(rec);
    });
  });
}

// ------------------------------------------------------------------------------------------------ Chromium side
async function runChromium(name, interp, origin, srv) {
  const udd = fs.mkdtempSync(path.join(BASE, 'profiles', 'compare-'));
  const rec = { side: 'chromium', name, interp, load1Before: load1() };
  let roots = [];
  const sampler = new Sampler(() => roots);
  rec.launchEpoch = Date.now();
  const ctx = await chromium.launchPersistentContext(udd, {
    executablePath: EXE, headless: true, args: ARGS, viewport: { width: 1280, height: 800 },
  });
  roots = findRoots(udd);
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.addInitScript(INSTRUMENT, TEXT[name] || null);
    srv.reset();
    await page.goto(`${origin}/${name}_${interp}.html`, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction((needText) => {
      const B = window.__bench;
      if (!B) return false;
      if (B.pyError || B.errors.length) return true;
      return B.marks.result !== undefined && (!needText || B.marks.text !== undefined);
    }, !!TEXT[name], { polling: 10, timeout: TIMEOUT_MS });
    let B = await page.evaluate(() => window.__bench);
    if (B.pyError || B.errors.length) throw new Error(`page error: ${B.pyError || B.errors.join(' | ')}`);
    if (name === 'events') {
      const box = await page.locator('#b').boundingBox();
      const x = box.x + box.width / 2, y = box.y + box.height / 2;
      rec.rttMs = [];
      for (let i = 1; i <= CLICKS; i++) {
        const t0 = performance.now();
        await page.mouse.click(x, y);
        await page.evaluate((n) => new Promise((res) => {
          const el = document.getElementById('count');
          if (el.textContent === String(n)) return res();
          const mo = new MutationObserver(() => { if (el.textContent === String(n)) { mo.disconnect(); res(); } });
          mo.observe(el, { subtree: true, childList: true, characterData: true });
        }), i);
        rec.rttMs.push(performance.now() - t0);
      }
    }
    if (name === 'compute' && RERUNS > 0) {
      rec.reruns = [];
      for (let i = 0; i < RERUNS; i++) {
        await page.evaluate(([type, code]) => {
          let out = document.getElementById('bench-rerun');
          if (!out) { out = document.createElement('div'); out.id = 'bench-rerun'; document.body.appendChild(out); }
          out.textContent = '';
          const s = document.createElement('script');
          s.type = type; s.textContent = code;
          document.body.appendChild(s);
        }, [interp, RERUN_CODE]);
        await page.waitForFunction(() => {
          const el = document.getElementById('bench-rerun');
          return (el && el.textContent) || window.__bench.pyError;
        }, null, { polling: 20, timeout: TIMEOUT_MS });
        rec.reruns.push(parseJson(await page.evaluate(() => document.getElementById('bench-rerun').textContent)));
      }
    }
    B = await page.evaluate(() => ({ ...window.__bench, timeOrigin: performance.timeOrigin, coi: self.crossOriginIsolated }));
    if (B.pyError) throw new Error(`page error: ${B.pyError}`);
    rec.bench = B;
  } catch (e) {
    rec.failure = String(e.message || e).split('\n')[0];
  }
  rec.mem = sampler.stop();
  rec.http = { requests: srv.stats.requests, bytes: srv.stats.bytes, notFound: srv.stats.notFound };
  await ctx.close();
  rec.wallMs = Date.now() - rec.launchEpoch;
  rec.load1After = load1();
  fs.rmSync(udd, { recursive: true, force: true });
  return rec;
}
function findRoots(udd) {
  const roots = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(udd) && !cmd.startsWith('/bin/sh') && !cmd.startsWith('sh\0')) roots.push(Number(d));
    } catch { /* gone */ }
  }
  return roots;
}

// ------------------------------------------------------------------------------------------------ CPython reference
function cpythonNbody() {
  try {
    const out = execFileSync('python3', [path.join(HERE, 'nbody_cpython.py'), path.join(PAGES_DIR, 'compute.py'),
      String(RERUNS + 1)], { encoding: 'utf8' });
    return JSON.parse(out);
  } catch (e) { return { error: String(e.message || e).split('\n')[0] }; }
}

// ------------------------------------------------------------------------------------------------ main
function describe(rec) {
  const f = figures(rec.name, rec);
  const bits = [`${rec.side.padEnd(8)} ${rec.name}_${rec.interp}`];
  if (rec.workerSkipped) bits.push('worker script skipped (workers not supported)');
  if (rec.failure) bits.push(`FAIL ${rec.failure}`);
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) bits.push(`${k}=[${v.map((x) => (typeof x === 'number' ? x.toFixed(0) : x)).join(',')}]`);
    else if (typeof v === 'number') bits.push(`${k}=${v.toFixed(v < 10 ? 2 : 0)}`);
    else if (v !== undefined) bits.push(`${k}=${v}`);
  }
  bits.push(`load=${rec.load1Before}->${rec.load1After}`);
  return bits.join('  ');
}

function machineFacts() {
  const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return '?'; } };
  const ver = (p) => { try { return require(`${p}/package.json`).version; } catch { return '?'; } };
  return {
    date: new Date().toISOString(),
    git: sh('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']) + (sh('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no']) ? ' (modified)' : ''),
    nproc: os.cpus().length,
    cpu: (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1],
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: sh('sh', ['-c', '. /etc/os-release; echo "$PRETTY_NAME"']) + ` (kernel ${os.release()})`,
    chromium: sh('/usr/lib/chromium/chromium', ['--version']),
    node: process.version,
    '@pyscript/core': ver('@pyscript/core'), pyodide: ver('pyodide'),
    micropython: ver('@micropython/micropython-webassembly-pyscript'), 'playwright-core': ver('playwright-core'),
    python3: sh('python3', ['--version']),
    pydeskEnv: PYDESK_ENV, pydeskArgs: PYDESK_ARGS,
  };
}

async function main() {
  fs.mkdirSync(path.join(BASE, 'profiles'), { recursive: true });
  fs.mkdirSync(OUT, { recursive: true });
  const facts = machineFacts();
  facts.java = execFileSync('sh', ['-c', `"${process.env.JAVA_HOME || '/usr/lib/jvm/temurin-25-jdk-amd64'}/bin/java" -version 2>&1 | head -1`], { encoding: 'utf8' }).trim();
  facts.loadStart = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const srv = createStaticServer();
  const port = await srv.listen(0);
  const origin = `http://127.0.0.1:${port}`;
  console.log(`compare: runs=${RUNS} pages=${PAGES} interps=${INTERPS} sides=${SIDES} load=${facts.loadStart}`);
  const runs = [];
  for (const name of PAGES) {
    for (const interp of INTERPS) {
      for (let i = 0; i < RUNS; i++) {
        // alternate which side goes first, so a trend in the machine's load hits both alike
        const order = i % 2 === 0 ? SIDES : [...SIDES].reverse();
        for (const side of order) {
          if (VARIANTS[side] && VARIANT_PAGES.length && !VARIANT_PAGES.includes(name)) continue;
          const rec = side.startsWith('pydesk') ? await runPyDesk(name, interp, side) : await runChromium(name, interp, origin, srv);
          rec.run = i;
          runs.push(rec);
          console.log(describe(rec));
          await sleep(300);
        }
      }
    }
  }
  await srv.close();
  facts.loadEnd = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const cpython = PAGES.includes('compute') ? cpythonNbody() : null;
  if (cpython) console.log(`cpython n-body runs (ms): ${JSON.stringify(cpython.runsMs || cpython)}`);
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*/, 'Z');
  const base = path.join(OUT, `compare-${stamp}${LABEL ? '-' + LABEL : ''}`);
  const summary = render(facts, runs, cpython);
  fs.writeFileSync(`${base}.json`, JSON.stringify({ facts, args: { RUNS, PAGES, INTERPS, CLICKS, RERUNS, SIDES, VARIANTS, ARGS }, cpython, runs }, null, 1));
  fs.writeFileSync(`${base}.md`, summary);
  console.log('\n' + summary);
  console.log(`raw runs: ${path.relative(REPO, base)}.json, table: ${path.relative(REPO, base)}.md`);
  fs.rmSync(RERUN_FILE, { force: true });
}

// ------------------------------------------------------------------------------------------------ table
function render(facts, runs, cpython) {
  const fmt = (v) => (typeof v === 'number' && isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)) : '-');
  const cell = (side, name, interp, key) => {
    const rs = runs.filter((r) => r.side === side && r.name === name && r.interp === interp);
    const ok = rs.filter((r) => !r.failure);
    const vals = ok.map((r) => figures(name, r)[key]).filter((v) => typeof v === 'number' && isFinite(v));
    const skipped = rs.some((r) => r.workerSkipped);
    if (!vals.length) return { text: skipped ? 'n/a (workers not supported)' : rs.length ? `failed (${rs.length - ok.length}/${rs.length})` : '-', med: NaN };
    const med = median(vals);
    return { text: `${fmt(med)} [${fmt(Math.min(...vals))}-${fmt(Math.max(...vals))}]${ok.length < rs.length ? ` (${rs.length - ok.length} failed)` : ''}`, med, n: vals.length };
  };
  const rows = [
    ['launch -> first output, hello (ms)', 'hello', 'launchToTextMs', 'launchToTextMs'],
    ['  page load -> first output, hello (ms)', 'hello', 'navToTextMs', 'navToTextMs'],
    ['DOM: create 2,000 `<li>` (ms, in page)', 'dom_ops', 'createMs', 'createMs'],
    ['DOM: 10,000 reads (ms, in page)', 'dom_ops', 'readMs', 'readMs'],
    ['click -> DOM update, mean of 500 (ms, in page)', 'events', 'clickInPageMeanMs', 'clickInPageMeanMs'],
    ['  same, median (ms; PyDesk clock has 1 ms steps)', 'events', 'clickInPageMedianMs', 'clickInPageMedianMs'],
    ['  harness round trip, median (ms; PyDesk: Java-side, Chromium: via CDP)', 'events', 'clickRttMedianMs', 'clickRttMedianMs'],
    ['n-body, 1st run in a fresh page (ms, in page)', 'compute', 'nbody1Ms', 'nbody1Ms'],
    [`n-body, ${RERUNS + 1}th run in the same page (ms, in page)`, 'compute', 'nbody5Ms', 'nbody5Ms'],
    ['page load -> first worker output (ms)', 'worker', 'navToTextMs', 'navToTextMs'],
    ['peak memory, hello: PyDesk RSS vs Chromium PSS (MiB)', 'hello', 'peakRssMiB', 'peakPssMiB'],
    ['peak memory, compute: PyDesk RSS vs Chromium PSS (MiB)', 'compute', 'peakRssMiB', 'peakPssMiB'],
    ['  (other side: PyDesk PSS vs Chromium RSS, hello, MiB)', 'hello', 'peakPssMiB', 'peakRssMiB'],
    ['CPU time of the whole run, hello (ms, user+sys of the process tree)', 'hello', 'cpuMs', 'cpuMs'],
    ['launch -> #result, dom_ops (ms)', 'dom_ops', 'launchToResultMs', 'launchToResultMs'],
  ];
  const engine = { py: 'Pyodide', mpy: 'MicroPython' };
  const L = [];
  L.push(`# bench/compare: PyDesk vs PyScript in Chromium${LABEL ? ` (${LABEL})` : ''}`, '');
  L.push(`${facts.date}, git ${facts.git}; ${facts.nproc} cores (${facts.cpu}), ${facts.memGiB} GiB; ${facts.os}`);
  L.push(`${facts.java}; ${facts.chromium}; @pyscript/core ${facts['@pyscript/core']}, Pyodide ${facts.pyodide}, MicroPython ${facts.micropython}; ${facts.python3}`);
  L.push(`load average at start: ${facts.loadStart}; at end: ${facts.loadEnd}; 1-min load seen by the runs: ${fmt(median(runs.map((r) => r.load1Before)))} median [${fmt(Math.min(...runs.map((r) => r.load1Before)))}-${fmt(Math.max(...runs.map((r) => r.load1Before)))}]`);
  if (Object.keys(PYDESK_ENV).length || PYDESK_ARGS.length) L.push(`PyDesk environment: ${JSON.stringify(PYDESK_ENV)} ${PYDESK_ARGS.join(' ')}`);
  L.push(`${RUNS} runs per cell, sides taking turns; median [min-max]; ratio = PyDesk median / PyScript median (< 1: PyDesk faster / smaller).`, '');
  for (const interp of INTERPS) {
    // a variant column says what differs: its arguments, environment and, for another checkout, its name and commit
    const title = (s) => (s === 'pydesk' ? 'PyDesk (GraalPy)' : `PyDesk ${VARIANTS[s].args.join(' ')} ${Object.entries(VARIANTS[s].env).map(([k, v]) => `${k}=${v}`).join(' ')}${VARIANTS[s].repo !== REPO ? ` ${s.slice(7)} (${gitOf(VARIANTS[s].repo)})` : ''}`.replace(/\s+/g, ' ').trim());
    L.push(`| ${interp}: metric | ${PYDESK_SIDES.map(title).join(' | ')} | PyScript + ${engine[interp]} in Chromium | ${PYDESK_SIDES.map((s) => (s === 'pydesk' ? 'ratio' : `ratio (${s})`)).join(' | ')} |`,
      `|---|${PYDESK_SIDES.map(() => '---|').join('')}---|${PYDESK_SIDES.map(() => '---|').join('')}`);
    for (const [label, name, pk, ck] of rows) {
      if (!PAGES.includes(name)) continue;
      const b = cell('chromium', name, interp, ck);
      const as = PYDESK_SIDES.map((s) => cell(s, name, interp, pk));
      L.push(`| ${label} | ${as.map((a) => a.text).join(' | ')} | ${b.text} | ${as.map((a) => (isFinite(a.med / b.med) ? (a.med / b.med).toFixed(2) : '-')).join(' | ')} |`);
    }
    L.push('');
  }
  if (PAGES.includes('compute')) {
    L.push('n-body, median of each run in the same page (ms; 1st = the page\'s own run):', '');
    for (const interp of INTERPS) {
      for (const s of [...PYDESK_SIDES, 'chromium']) {
        const rs = runs.filter((r) => r.side === s && r.name === 'compute' && r.interp === interp && !r.failure)
          .map((r) => figures('compute', r).nbodyRunsMs).filter(Boolean);
        if (!rs.length) continue;
        const per = rs[0].map((_, k) => median(rs.map((x) => x[k])));
        const ok = runs.filter((r) => r.side === s && r.name === 'compute' && r.interp === interp && !r.failure).every((r) => figures('compute', r).energyOk);
        L.push(`- ${s} ${interp}: ${per.map(fmt).join(', ')}${ok ? '' : ' (ENERGY CHECK FAILED)'}`);
      }
    }
    L.push('');
  }
  if (cpython && cpython.runsMs) {
    L.push(`CPython reference (${facts.python3}, same machine, same n-body code, one process): runs ${cpython.runsMs.map(fmt).join(', ')} ms.`);
    for (const interp of INTERPS) {
      for (const s of PYDESK_SIDES) {
        const a = cell(s, 'compute', interp, 'nbody5Ms');
        if (isFinite(a.med)) L.push(`${s} ${interp}: ${RERUNS + 1}th n-body run / CPython's ${RERUNS + 1}th run = ${(a.med / cpython.runsMs[RERUNS]).toFixed(2)}  `);
      }
    }
    L.push('');
  }
  const skipped = runs.filter((r) => r.failure && r.workerSkipped);
  if (skipped.length) {
    L.push(`Worker pages: PyDesk skipped the worker script in ${skipped.length} run(s) ("Worker scripts are not supported yet"): n/a.`, '');
  }
  const failures = runs.filter((r) => r.failure && !r.workerSkipped);
  if (failures.length) {
    L.push('Failures:');
    for (const r of failures) L.push(`- ${r.side} ${r.name}_${r.interp} run ${r.run}: ${r.failure}`);
    L.push('');
  }
  return L.join('\n') + '\n';
}

main().catch((e) => { console.error(e); process.exit(1); });
