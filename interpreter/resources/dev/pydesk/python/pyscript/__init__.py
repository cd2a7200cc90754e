"""PyScript's `pyscript` module, as PyDesk provides it on GraalPy.

Public names: `window`, `document`, `display`, `HTML`, `current_target`, `config`, `RUNNING_IN_WORKER`,
`ffi` (`to_js`, `create_proxy`, `is_none`), `PyWorker`, `sync`, `when`, `fetch`, `WebSocket`, `js_modules`,
`js_import`, `py_import`, `workers`.
"""

from pyscript import ffi, js_modules
from pyscript.context import (
    RUNNING_IN_WORKER,
    PyWorker,
    config,
    current_target,
    document,
    js_import,
    window,
)
from pyscript.display import HTML, display
from pyscript.events import Event, when
from pyscript.fetch import fetch
from pyscript.util import NotSupported
from pyscript.websocket import WebSocket

try:
    from pyscript.context import sync
except ImportError:  # the main thread has no `sync`
    pass


def _not_yet(name):
    return NotSupported(f"pyscript.{name}", f"pyscript.{name} is not available in this version of PyDesk yet")


py_import = _not_yet("py_import")
workers = _not_yet("workers")
