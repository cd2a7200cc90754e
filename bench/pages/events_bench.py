# PyDesk events bench, Python side (shared by events_py.html and events_mpy.html).
# 1. DOM ops exactly as /work/shared/perf/pages/dom_ops.py: 2,000 <li> created, then 10,000 reads of
#    document.getElementById('x').textContent, timed here with performance.now(); then once more (pass 2).
# 2. The click handler of /work/shared/perf/pages/events.py: @when("click", "#b") increments #count.
# events_driver.js (plain JavaScript) does the clicking once #py-result is filled.
import json
import sys

from pyscript import document, window, when

N_CREATE = 2000
N_READ = 10000


def dom_ops(list_id):
    ul = document.getElementById(list_id)
    t0 = window.performance.now()
    for i in range(N_CREATE):
        li = document.createElement("li")
        li.textContent = "item " + str(i)
        ul.appendChild(li)
    t1 = window.performance.now()
    total = 0
    for i in range(N_READ):
        total += len(document.getElementById("x").textContent)
    t2 = window.performance.now()
    created = ul.childElementCount
    ul.replaceChildren()  # untimed: keeps the --dump text output short
    return {"create_ms": t1 - t0, "read_ms": t2 - t1, "created": created, "read_chars": total}


first = dom_ops("list")
second = dom_ops("list2")

count = 0


@when("click", "#b")
def on_click(event):
    global count
    count += 1
    document.getElementById("count").textContent = str(count)


document.getElementById("py-result").textContent = json.dumps({
    "python": sys.version.split()[0],
    "implementation": sys.implementation.name,
    "dom_pass1": first,
    "dom_pass2": second,
})
