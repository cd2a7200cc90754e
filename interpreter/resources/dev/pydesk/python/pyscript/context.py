"""What differs between the page's main thread and a worker lives here, and only here."""

import sys as _sys

import _pydesk
from _pydesk.jsproxy import window as _window
from pyscript.util import NotSupported

_host = _pydesk.host

RUNNING_IN_WORKER = bool(_host.isWorker())
"""True when this code runs in a worker, False on the page's main thread."""


def _as_json(value):
    """A plain copy of the host's config data, as PyScript has it after `json.loads(JSON.stringify(config))`: NaN
    and infinities become None."""
    if value is None:
        return None  # (JSON null arrives as a foreign null, which is None but not NoneType)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value


config = _as_json(_host.config())
"""The interpreter's configuration as a dict (a copy: changing it changes nothing), with `type` added."""
if not isinstance(config, dict):
    config = {}
config["type"] = _sys.intern(_host.interpreterType())  # interned, so `config["type"] is "py"` holds, as in PyScript

window = _window()
"""The page's global object (`globalThis`), also from a worker."""

document = window.document
"""The page's document."""


async def js_import(*urls):
    """Imports JavaScript modules (paths relative to the page, or URLs); returns them as a tuple."""
    modules = await _pydesk.js.jsImport([str(url) for url in urls])
    return tuple(modules)


def current_target():
    """The id of the element that `display()` writes to by default for the running script: its output element
    (`py-0`) on the main thread; in a worker, PyScript's `<script-py id="py-w0-target">` right after the worker's
    script element, made when first asked for ("" for a worker started with `PyWorker`, which has no element)."""
    if not RUNNING_IN_WORKER:
        return _host.currentTarget()
    global _worker_target
    if _worker_target is None:
        _worker_target = _make_worker_target(_host.currentTarget())
    return _worker_target


_worker_target = None


def _make_worker_target(script_id):
    if not script_id:
        return ""
    script = document.getElementById(script_id)
    if script is None:
        return ""
    if script.tagName != "SCRIPT":  # <py-script worker>: it shows its output itself
        script.replaceChildren()
        script.style.display = "block"
        return script_id
    target = document.createElement("script-" + _host.interpreterType())
    target.id = script_id + "-target"
    script.after(target)
    return target.id


if RUNNING_IN_WORKER:
    from _pydesk.workers import WorkerSync as _WorkerSync

    PyWorker = NotSupported("pyscript.PyWorker", "pyscript.PyWorker works only when running in the main thread")
    sync = _WorkerSync()
    """Calls the main thread's `worker.sync` handlers (`sync.name(*args)` waits for the result); `sync.name = f`
    lets the main thread call `f`."""
else:
    from pyscript.workers import PyWorker

    sync = NotSupported("pyscript.sync", "pyscript.sync works only when running in a worker")
