"""PyScript's `pyscript` module, as PyDesk provides it on GraalPy.

Public names: `window`, `document`, `display`, `HTML`, `current_target`, `config`, `RUNNING_IN_WORKER`,
`ffi` (`to_js`, `create_proxy`, `is_none`, `assign`, `jsnull`), `PyWorker`, `sync`, `when`, `fetch`, `WebSocket`,
`js_modules`, `js_import`, `py_import`, `workers`, `create_named_worker`, `storage`, `Storage`. Submodules imported
by name: `pyscript.media`, `pyscript.fs`, `pyscript.util`.
"""

from pyscript import ffi, js_modules
from pyscript.context import (
    RUNNING_IN_WORKER,
    PyWorker,
    config,
    current_target,
    document,
    js_import,
    sync,
    window,
)
from pyscript.display import HTML, display
from pyscript.events import Event, when
from pyscript.fetch import fetch
from pyscript.storage import Storage, storage
from pyscript.util import NotSupported
from pyscript.websocket import WebSocket
from pyscript.workers import create_named_worker, workers
from _pydesk.packages import py_import
