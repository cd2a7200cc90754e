"""What differs between the page's main thread and a worker lives here, and only here."""

import _pydesk
from _pydesk.jsproxy import window as _window
from pyscript.util import NotSupported

_host = _pydesk.host

RUNNING_IN_WORKER = bool(_host.isWorker())
"""True when this code runs in a worker, False on the page's main thread."""

config = eval(_host.configLiteral(), {"__builtins__": {}})
"""The interpreter's configuration as a dict (a copy: changing it changes nothing), with `type` added."""
if not isinstance(config, dict):
    config = {}
config["type"] = _host.interpreterType()

window = _window()
"""The page's global object (`globalThis`), also from a worker."""

document = window.document
"""The page's document."""


def current_target():
    """The id of the element that `display()` writes to by default for the running script."""
    return _host.currentTarget()


if RUNNING_IN_WORKER:
    PyWorker = NotSupported("pyscript.PyWorker", "pyscript.PyWorker works only when running in the main thread")
else:
    sync = NotSupported("pyscript.sync", "pyscript.sync works only when running in a worker")

    def PyWorker(url, **options):
        """Starts a worker running `url` (PyDesk runs it on a thread of its own)."""
        raise NotImplementedError("PyWorker is not available in PyDesk yet")
