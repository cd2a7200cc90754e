"""CPython reference for bench/compare: runs the perf kit's compute.py (n-body) unmodified with a stand-in
`pyscript` module (window.performance.now(), document.getElementById(...).textContent), then runs the same
advance() loop again in the same namespace, as bench/compare does in a page.
Usage: python3 nbody_cpython.py path/to/compute.py [RUNS]   -> {"runsMs": [...], "python": "..."}"""
import json
import sys
import time
import types

source_path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5


class _Element:
    textContent = ""


class _Document:
    def __init__(self):
        self.elements = {}

    def getElementById(self, element_id):
        return self.elements.setdefault(element_id, _Element())


class _Performance:
    @staticmethod
    def now():
        return time.perf_counter() * 1000


stub = types.ModuleType("pyscript")
stub.document = _Document()
stub.window = types.SimpleNamespace(performance=_Performance())
sys.modules["pyscript"] = stub

namespace = {"__name__": "__main__"}
exec(compile(open(source_path).read(), source_path, "exec"), namespace)
times = [json.loads(stub.document.getElementById("result").textContent)["ms"]]
rerun = """
_b = make_bodies()
offset_momentum(_b)
_t0 = window.performance.now()
advance(_b, STEPS, DT)
_t1 = window.performance.now()
"""
for _ in range(runs - 1):
    exec(rerun, namespace)
    times.append(namespace["_t1"] - namespace["_t0"])
print(json.dumps({"runsMs": [round(t, 1) for t in times], "python": sys.version.split()[0]}))
