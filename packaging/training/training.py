# The py part of the AOT training page: imports, display, DOM reads and writes, events, a little compute.
import json

from pyscript import display, document, when

display("Hello from Python")
state = json.loads(json.dumps({"clicks": 0, "items": list(range(10))}))

items = document.createElement("ul")
document.body.append(items)
for i in range(300):
    item = document.createElement("li")
    item.textContent = f"item {i}"
    items.append(item)
read = 0
for _ in range(1000):
    read += len(document.getElementById("text").textContent)


@when("click", "#b")
def clicked(event):
    state["clicks"] += 1
    document.getElementById("count").textContent = str(state["clicks"])


button = document.getElementById("b")
for _ in range(200):
    button.click()


def advance(bodies, steps, dt):
    """Bodies pulling at each other in one dimension: the interpreter's float arithmetic, loops and indexing."""
    for _ in range(steps):
        for i in range(len(bodies)):
            xi, vi = bodies[i]
            for j in range(i + 1, len(bodies)):
                pull = (bodies[j][0] - xi) * dt
                bodies[i][1] += pull
                bodies[j][1] -= pull
        for body in bodies:
            body[0] += body[1] * dt
    return sum(body[1] for body in bodies)


advance([[float(i), 0.0] for i in range(5)], 20000, 0.01)
display(f"{read} characters read, {state['clicks']} clicks")
