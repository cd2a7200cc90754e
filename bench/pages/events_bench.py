# PyDesk events bench, Python side (shared by events_py.html and events_mpy.html).
# 1. DOM ops exactly as the perf kit's pages/dom_ops.py: 2,000 <li> created, then 10,000 reads of
#    document.getElementById('x').textContent, timed here with performance.now(); then once more (pass 2).
# 2. The click handler of the perf kit's pages/events.py: @when("click", "#b") increments #count.
# events_driver.js (plain JavaScript) does the clicking once #py-result is filled.
# Besides wall time (performance.now(), 1 ms steps in JavaFX's WebKit) it reports CPU time of the page's thread
# (time.thread_time(): Python, the bridge and WebKit all run on JavaFX's thread), which other processes competing
# for the CPU inflate much less than wall time.
import json
import sys
import time

from pyscript import document, window, when

# MicroPython (PyScript's mpy in a browser) has no time.thread_time: the CPU figures are then 0.
thread_time = getattr(time, "thread_time", lambda: 0.0)

N_CREATE = 2000
N_READ = 10000


def dom_ops(list_id):
    ul = document.getElementById(list_id)
    c0 = thread_time()
    t0 = window.performance.now()
    for i in range(N_CREATE):
        li = document.createElement("li")
        li.textContent = "item " + str(i)
        ul.appendChild(li)
    t1 = window.performance.now()
    c1 = thread_time()
    total = 0
    for i in range(N_READ):
        total += len(document.getElementById("x").textContent)
    t2 = window.performance.now()
    c2 = thread_time()
    created = ul.childElementCount
    ul.replaceChildren()  # untimed: keeps the --dump text output short
    return {"create_ms": t1 - t0, "read_ms": t2 - t1, "created": created, "read_chars": total,
            "create_cpu_ms": round((c1 - c0) * 1000, 1), "read_cpu_ms": round((c2 - c1) * 1000, 1)}


first = dom_ops("list")
second = dom_ops("list2")

count = 0


@when("click", "#b")
def on_click(event):
    global count
    count += 1
    document.getElementById("count").textContent = str(count)


@when("bench-cpu", "#cpu")
def report_cpu(event):
    """The driver dispatches bench-cpu before and after each click loop: CPU ms of this thread so far."""
    event.target.setAttribute("data-ms", str(thread_time() * 1000))


document.getElementById("py-result").textContent = json.dumps({
    "python": sys.version.split()[0],
    "implementation": sys.implementation.name,
    "dom_pass1": first,
    "dom_pass2": second,
})
