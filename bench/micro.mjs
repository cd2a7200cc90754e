// bench/micro.mjs - runs MicroBench (bench/java/dev/pydesk/bench) through ./pydesk, checkouts and modes taking
// turns run by run, and summarises: per run the median of its rounds, over runs the median [min-max]. Started by
// bench/micro, which builds each checkout first.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : def; };
const RUNS = Number(opt('runs', 5));
const MODES = opt('modes', 'main,worker').split(',');
const INTERPS = opt('interps', 'py').split(',');
const N = opt('n', '2000'), ROUNDS = opt('rounds', '5'), CLICKS = opt('clicks', '300');
const LABEL = opt('label', '');
const SIDES = [['this', REPO], ...argv.filter((a, i) => argv[i - 1] === '--side')
  .map((s) => [s.slice(0, s.indexOf('=')), path.resolve(s.slice(s.indexOf('=') + 1))])];

const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();
const median = (a) => {
  const s = a.filter((v) => typeof v === 'number' && isFinite(v)).sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const git = (dir) => {
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : path.basename(dir);
};

function runOnce(side, dir, interp, mode) {
  const env = { ...process.env, PYDESK_MAIN_CLASS: 'dev.pydesk.bench.MicroBench',
    PYDESK_BENCH_CP: path.join(dir, 'target/test-classes') };
  const args = ['--headless', '--interp', interp, '--mode', mode, '--n', N, '--rounds', ROUNDS, '--clicks', CLICKS];
  const started = Date.now();
  const r = spawnSync(path.join(dir, 'pydesk'), args, { env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 1800e3 });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('MICRO '));
  if (!line) return { side, interp, mode, failure: `exit ${r.status}: ${(r.stderr || '').split('\n').slice(-6).join(' | ')}` };
  return { side, interp, mode, wallMs: Date.now() - started, ...JSON.parse(line.slice(6)) };
}

const facts = { date: new Date().toISOString(), sides: Object.fromEntries(SIDES.map(([s, d]) => [s, `${d} (${git(d)})`])),
  n: N, rounds: ROUNDS, clicks: CLICKS, loadStart: loadavg() };
console.log(`micro: runs=${RUNS} modes=${MODES} interps=${INTERPS} sides=${SIDES.map((s) => s[0])} load=${facts.loadStart}`);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  for (const interp of INTERPS) {
    for (const mode of MODES) {
      const order = i % 2 === 0 ? SIDES : [...SIDES].reverse(); // a trend in the machine's load hits both alike
      for (const [side, dir] of order) {
        const rec = runOnce(side, dir, interp, mode);
        runs.push(rec);
        const read = rec.python_us ? median(rec.python_us.read).toFixed(1) : '-';
        console.log(`  run ${i + 1} ${side} ${interp} ${mode}: ${rec.failure || `read ${read} us, load ${rec.load_before.split(' ')[0]}`}`);
      }
    }
  }
}
facts.loadEnd = loadavg();

// per run: the median of its rounds (clicks: median and mean of all); over runs: median [min-max]
const cell = (values, digits = 1) => {
  const v = values.filter((x) => isFinite(x));
  if (!v.length) return '-';
  return `${median(v).toFixed(digits)} [${Math.min(...v).toFixed(digits)}-${Math.max(...v).toFixed(digits)}]`;
};
const rows = [
  ['empty loop step (Python)', (r) => median(r.python_us.loop)],
  ['`document.getElementById("x").textContent` (Python)', (r) => median(r.python_us.read)],
  ['`x.title = "t"` (Python)', (r) => median(r.python_us.write)],
  ['`x.getAttribute("id")` (Python)', (r) => median(r.python_us.call)],
  ['create + `textContent` + `appendChild` (Python)', (r) => median(r.python_us.create)],
  ['  part of a read: `x.textContent` (Python)', (r) => median(r.python_us.member ?? [])],
  ['  part of a call: `x.getAttribute` read (Python)', (r) => median(r.python_us.method ?? [])],
  ['  part of a call: a held `getAttribute("id")` (Python)', (r) => median(r.python_us.held_call ?? [])],
  ['click -> Python handler -> DOM, median', (r) => median(r.click_us)],
  ['click -> Python handler -> DOM, mean', (r) => mean(r.click_us)],
  ['click -> JavaScript handler -> DOM, median (the same without Python)', (r) => median(r.js_click_us)],
  ['read, from Java (`JSObject`)', (r) => median(r.java_us.read)],
  ['write, from Java', (r) => median(r.java_us.write)],
  ['call, from Java', (r) => median(r.java_us.call)],
  ['`getMember` of a function, from Java', (r) => median(r.java_us.get_function)],
];
const columns = [];
for (const interp of INTERPS) for (const mode of MODES) for (const [side] of SIDES) columns.push({ side, interp, mode });
const ok = runs.filter((r) => !r.failure);
const loads = ok.map((r) => Number(r.load_before.split(' ')[0]));
let md = `# bench/micro ${facts.date}${LABEL ? ` (${LABEL})` : ''}\n\n`;
md += `- sides: ${Object.entries(facts.sides).map(([s, d]) => `${s} = ${d}`).join('; ')}\n`;
md += `- ${RUNS} runs per column taking turns, ${N} operations x ${ROUNDS} rounds per run (Java: 20,000), ${CLICKS} clicks; `
  + 'per run the median of its rounds, then median [min-max] over runs; microseconds per operation\n';
md += `- load average at start: ${facts.loadStart}; at end: ${facts.loadEnd}; 1-min load seen by the runs: `
  + `${cell(loads, 2)}\n\n`;
md += `| us per operation | ${columns.map((c) => `${c.side} ${c.interp} ${c.mode}`).join(' | ')} |\n`;
md += `|---|${columns.map(() => '---').join('|')}|\n`;
for (const [label, f] of rows) {
  md += `| ${label} | ${columns.map((c) => cell(ok.filter((r) => r.side === c.side && r.interp === c.interp
    && r.mode === c.mode).map(f))).join(' | ')} |\n`;
}
const failures = runs.filter((r) => r.failure);
if (failures.length) md += `\nFailed runs: ${failures.map((r) => `${r.side} ${r.interp} ${r.mode}: ${r.failure}`).join('; ')}\n`;
const errors = ok.filter((r) => r.errors?.length);
if (errors.length) md += `\nPage errors: ${errors.map((r) => `${r.side} ${r.mode}: ${r.errors[0].slice(0, 200)}`).join('; ')}\n`;
console.log('\n' + md);
const out = path.join(REPO, 'bench/results');
fs.mkdirSync(out, { recursive: true });
const stamp = facts.date.replace(/[:.]/g, '').slice(0, 15) + 'Z' + (LABEL ? `-${LABEL}` : '');
fs.writeFileSync(path.join(out, `micro-${stamp}.json`), JSON.stringify({ facts, runs }, null, 1));
fs.writeFileSync(path.join(out, `micro-${stamp}.md`), md);
console.log(`written: bench/results/micro-${stamp}.{md,json}`);
