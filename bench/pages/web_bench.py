# pyscript.web bench, Python side (web_main.html runs it on the page's thread, web_worker.html in a worker).
# Each step is done twice on N elements: with pyscript.web (its DOM steps are batched, one crossing each), and with
# the same DOM calls made one by one from Python, the way PyScript 0.7.31's web.py makes them (but without its Python
# element objects). Figures and what they say: docs/web.md, "How fast".
import json
import time

from pyscript import RUNNING_IN_WORKER, document, web

N = 200
WARM_UP = 3  # untimed rounds first: interpreted GraalPy runs a function's first calls slower


def timed(step):
    start = time.perf_counter()
    step()
    return round((time.perf_counter() - start) * 1000, 1)


def clear():
    document.getElementById("host-web").replaceChildren()
    document.getElementById("host-dom").replaceChildren()


def web_create():
    host = web.page["host-web"]
    host.append(*[web.div(web.h3(f"card {i}"), web.p("text"), id=f"w{i}", classes=["card", "new"],
                          style={"color": "blue"}, title="t") for i in range(N)])


def dom_create():
    host = document.getElementById("host-dom")
    for i in range(N):
        card = document.createElement("div")
        for tag, text in (("h3", f"card {i}"), ("p", "text")):
            child = document.createElement(tag)
            child.insertAdjacentHTML("beforeend", text)
            card.appendChild(child)
        card.classList.add("card")
        card.classList.add("new")
        card.style.setProperty("color", "blue")
        card.id = f"d{i}"
        card.title = "t"
        host.appendChild(card)


def web_find():
    assert len(web.page["host-web"].find(".card")) == N


def dom_find():
    found = document.getElementById("host-dom").querySelectorAll(".card")
    tags = [found[i].tagName.lower() for i in range(found.length)]
    assert len(tags) == N


def web_update():
    web.page["host-web"].find(".card").update_all(classes="done", title="u")


def dom_update():
    found = document.getElementById("host-dom").querySelectorAll(".card")
    for i in range(found.length):
        element = found[i]
        element.classList.add("done")
        element.title = "u"


STEPS = (("create", web_create, dom_create), ("find", web_find, dom_find), ("update_all", web_update, dom_update))
for _ in range(WARM_UP):
    for _name, *steps in STEPS:
        for step in steps:
            step()
    clear()
result = {"bench": "web", "worker": RUNNING_IN_WORKER, "n": N, "warm_up_rounds": WARM_UP}
for name, with_web, one_by_one in STEPS:
    result[name] = {"web_ms": timed(with_web), "one_by_one_ms": timed(one_by_one)}
document.getElementById("result").textContent = json.dumps(result)
