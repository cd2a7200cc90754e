# The micro-benchmark's page Python (bench/micro, MicroBench): single DOM operations from Python, each timed over
# N repetitions in ROUNDS rounds with time.perf_counter(), on the page's main thread or in a worker (same code).
# The results go into #result as JSON: per-operation microseconds, one figure per round.
import json
import time

from pyscript import RUNNING_IN_WORKER, document, when

with open("micro_params.json") as _f:
    PARAMS = json.loads(_f.read())
N = PARAMS["n"]
ROUNDS = PARAMS["rounds"]

x = document.getElementById("x")
ul = document.getElementById("list")


def empty_loop(n):
    for i in range(n):
        pass


def read(n):
    # one DOM read: the kit's dom_ops read loop, without its len()
    for i in range(n):
        document.getElementById("x").textContent


def write(n):
    # one attribute write on an element Python holds
    for i in range(n):
        x.title = "t"


def call(n):
    # one method call with a plain argument and a plain result
    for i in range(n):
        x.getAttribute("id")


def member(n):
    # the parts of a read and a call: one member read (a string from JavaScript) ...
    for i in range(n):
        x.textContent


def method(n):
    # ... one method read (no crossing: DOM methods are known per class) ...
    for i in range(n):
        x.getAttribute


def held_call(n):
    # ... and one call of a method Python already holds
    get_attribute = x.getAttribute
    for i in range(n):
        get_attribute("id")


def create(n):
    # the kit's dom_ops create loop: a new element, one write, one append
    for i in range(n):
        li = document.createElement("li")
        li.textContent = "item"
        ul.appendChild(li)


def timed(body):
    rounds = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        body(N)
        rounds.append((time.perf_counter() - t0) / N * 1e6)
        ul.replaceChildren()
    return rounds


results = {"worker": RUNNING_IN_WORKER}
for name, body in [("loop", empty_loop), ("read", read), ("write", write), ("call", call), ("create", create),
                   ("member", member), ("method", method), ("held_call", held_call)]:
    results[name] = timed(body)

count = 0


@when("click", "#b")
def on_click(event):
    global count
    count += 1
    document.getElementById("count").textContent = str(count)


document.getElementById("result").textContent = json.dumps(results)
