"""Workers from Python: `PyWorker(url, type=...)` on the main thread, `await workers["name"]` for a named worker
(from the main thread or another worker), `await create_named_worker(src, name)`, and calls of what a worker
exports (`__export__ = ["f"]` or `sync.f = f` in the worker): `await worker.f(*args)`. Arguments and results
are plain values (marshalled), as PyScript's are structured clones."""

import _pydesk
from _pydesk.workers import WorkerError, dumps, loads, remote_error

__all__ = ["PyWorker", "WorkerError", "create_named_worker", "workers"]

_TYPES = {"pyodide": "pyodide", "micropython": "micropython", "py": "pyodide", "mpy": "micropython"}


def _access():
    return _pydesk.host.workers()


def _future():
    from _pydesk.loop import get_loop

    return get_loop().create_future()


class _MainSync:
    """`worker.sync` on the main thread: `worker.sync.name = handler` lets the worker call `handler`;
    `await worker.sync.name(*args)` calls what the worker put on its own `sync`."""

    def __init__(self, worker):
        object.__setattr__(self, "_worker", worker)

    def __setattr__(self, name, handler):
        if not callable(handler):
            raise TypeError(f"worker.sync.{name} must be a function, not {type(handler).__name__}")
        if not _access().setSync(self._worker._id, name, handler):
            raise RuntimeError(f"{self._worker!r} cannot take sync handlers")

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._worker._function(name)


class Worker:
    """A running worker as another interpreter sees it."""

    def __init__(self, worker_id, description):
        self._id = worker_id
        self._description = description
        self._ready = None
        self.sync = _MainSync(self)

    def __repr__(self):
        return f"<worker {self._description}>"

    @property
    def ready(self):
        """An awaitable that completes (with the worker) once the worker's script has run."""
        if self._ready is None:
            future = self._ready = _future()

            def answered(failure):
                if future.done():
                    return
                if failure is None:
                    future.set_result(self)
                else:
                    future.set_exception(WorkerError(failure.message()))

            _access().ready(self._id, answered)
        return self._ready

    def __await__(self):
        return self.ready.__await__()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._function(name)

    def _function(self, name):
        def call(*args):
            future = _future()
            payload = dumps(args)

            def answered(payload, failure):
                if future.done():
                    return
                if failure is None:
                    future.set_result(loads(payload))
                else:
                    future.set_exception(remote_error(failure))

            _access().call(self._id, name, payload, answered)
            return future

        call.__name__ = name
        return call

    def terminate(self):
        """Stops the worker: its thread and interpreter end; calls still waiting fail."""
        _access().terminate(self._id)


def PyWorker(url, *, type=None, config=None, name=None):
    """Starts a worker running the Python file at `url` (relative to the page). `type` must be "pyodide" or
    "micropython" (PyDesk runs both on GraalPy, in an interpreter of their own). `config` is a dict, a JSON
    string or the path of a .json/.toml file."""
    if type not in _TYPES:
        raise ValueError(f'PyWorker needs type="pyodide" or type="micropython", not {type!r}')
    if isinstance(config, dict):
        import json

        config = json.dumps(config)
    elif config is not None and not isinstance(config, str):
        raise TypeError(f"PyWorker config must be a dict or a str, not {config.__class__.__name__}")
    worker_id = _access().create(str(url), _TYPES[type], config, name)  # raises ValueError, RuntimeError
    return Worker(worker_id, name or url)


async def create_named_worker(src, name, config=None, type="py"):
    """Starts a named worker from Python and returns it once its script has run."""
    return await PyWorker(src, type=type, config=config, name=name)


class _Workers:
    """`pyscript.workers`: `await workers["name"]` (or `await workers.name`) is the named worker once it is ready."""

    def __getitem__(self, name):
        worker_id = _access().named(str(name))
        if worker_id < 0:
            raise KeyError(f"this page has no worker named {name!r} (<script type=\"py\" worker name=\"...\">)")
        return Worker(worker_id, name).ready

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as missing:
            raise AttributeError(missing.args[0]) from None

    def __contains__(self, name):
        return _access().named(str(name)) >= 0

    def __repr__(self):
        return "<pyscript.workers>"


workers = _Workers()
