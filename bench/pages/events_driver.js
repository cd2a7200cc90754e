// PyDesk events bench, JavaScript side. Waits for the Python script's #py-result, lets the page settle, then
// times clicks on #b in the page with performance.now() and writes everything as one JSON line into #result.
//   click_sync: button.click() (dispatch is synchronous: the Python handler runs inside it), then read #count
//               and check it against the expected count.
//   click_mo:   button.click(), then wait until a MutationObserver sees #count change (a microtask after the
//               click; the end point of the baseline's in-page "click->DOM" figure).
//   js_only:    click_sync against a plain JavaScript listener: what WebKit itself costs.
// JavaFX's WebKit gives performance.now() in whole milliseconds, so one click's time is only known to +-1 ms.
// The loop therefore takes one timestamp per click boundary (t[0..1000]): per-click times t[i+1]-t[i] (1 ms
// steps), and 100 batches of 10 consecutive clicks, (t[10k+10]-t[10k])/10, known to 0.1 ms; the mean is exact
// to 0.001 ms. cpu_per_click: CPU time of JavaFX's thread (where WebKit, the bridge and Python run) over the
// loop / 1,000, read from Python's time.thread_time() through a "bench-cpu" event before and after the loop:
// less inflated than wall time when other processes compete for the cores.
(function () {
  "use strict";
  const CLICKS = 1000, BATCH = 10;
  const SETTLE_MS = Number(document.body.dataset.settleMs || 2000);

  const round = (x) => Math.round(x * 1000) / 1000;
  const median = (list) => {
    const s = [...list].sort((a, b) => a - b), m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const p95 = (list) => {
    const s = [...list].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
  };

  const cpuNow = () => {
    const cpu = document.getElementById("cpu");
    cpu.dispatchEvent(new Event("bench-cpu"));
    return Number(cpu.getAttribute("data-ms"));
  };

  /** Statistics of one run of CLICKS clicks from its boundary timestamps t[0..CLICKS] and CPU ms [before, after]. */
  const stats = (t, cpu) => {
    const clicks = [], batches = [];
    for (let i = 0; i < CLICKS; i++) clicks.push(t[i + 1] - t[i]);
    for (let i = 0; i < CLICKS; i += BATCH) batches.push((t[i + BATCH] - t[i]) / BATCH);
    return {
      n: CLICKS,
      mean: round((t[CLICKS] - t[0]) / CLICKS),
      cpu_per_click: round((cpu[1] - cpu[0]) / CLICKS),
      batch10_median: round(median(batches)),
      batch10_p95: round(p95(batches)),
      click_median: round(median(clicks)),
      click_p95: round(p95(clicks)),
      click_max: round(Math.max(...clicks)),
      first_batch10: round(batches[0]),
      last_batch10: round(batches[batches.length - 1]),
      total: round(t[CLICKS] - t[0]),
      resolution_ms: clockResolution(),
    };
  };

  /** The smallest step performance.now() makes (1 in JavaFX's WebKit, 0.005-0.1 in Chromium). */
  function clockResolution() {
    let smallest = Infinity;
    for (let i = 0; i < 5; i++) {
      const a = performance.now();
      let b = performance.now();
      while (b === a) b = performance.now();
      smallest = Math.min(smallest, b - a);
    }
    return round(smallest);
  }

  function clickSync(button, counter) {
    const t = new Array(CLICKS + 1);
    let expected = Number(counter.textContent);
    const cpu0 = cpuNow();
    t[0] = performance.now();
    for (let i = 0; i < CLICKS; i++) {
      button.click();
      const text = counter.textContent;
      t[i + 1] = performance.now();
      expected++;
      if (text !== String(expected)) throw new Error(`click ${i}: #${counter.id} is ${text}, expected ${expected}`);
    }
    return stats(t, [cpu0, cpuNow()]);
  }

  async function clickObserved(button, counter) {
    const t = new Array(CLICKS + 1);
    let seen = null;
    const observer = new MutationObserver(() => {
      const now = performance.now();
      if (seen) { const done = seen; seen = null; done(now); }
    });
    observer.observe(counter, { childList: true, characterData: true, subtree: true });
    let expected = Number(counter.textContent);
    const cpu0 = cpuNow();
    t[0] = performance.now();
    for (let i = 0; i < CLICKS; i++) {
      const changed = new Promise((resolve) => { seen = resolve; });
      button.click();
      t[i + 1] = await changed;
      expected++;
      if (counter.textContent !== String(expected)) throw new Error(`observed click ${i}: #count is ${counter.textContent}`);
    }
    const cpu1 = cpuNow();
    observer.disconnect();
    return stats(t, [cpu0, cpu1]);
  }

  async function run(python) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const jsButton = document.getElementById("jb"), jsCounter = document.getElementById("jcount");
    let jsCount = 0;
    jsButton.addEventListener("click", () => { jsCounter.textContent = String(++jsCount); });

    const button = document.getElementById("b"), counter = document.getElementById("count");
    const sync = clickSync(button, counter);
    const observed = await clickObserved(button, counter);
    const jsOnly = clickSync(jsButton, jsCounter);
    return Object.assign(python, {
      bench: "events",
      interp: document.body.dataset.interp,
      clicks: CLICKS,
      settle_ms: SETTLE_MS,
      click_sync_ms: sync,
      click_mo_ms: observed,
      js_only_click_ms: jsOnly,
      final_count: counter.textContent,
      user_agent: navigator.userAgent,
      t_since_nav_ms: Math.round(performance.now()),
    });
  }

  function whenReady() {
    const ready = document.getElementById("py-result");
    if (!ready || !ready.textContent) { setTimeout(whenReady, 10); return; }
    run(JSON.parse(ready.textContent))
      .then((result) => { document.getElementById("result").textContent = JSON.stringify(result); })
      .catch((error) => {
        document.getElementById("result").textContent = JSON.stringify({ bench: "events", error: String(error) });
      });
  }
  whenReady();
})();
