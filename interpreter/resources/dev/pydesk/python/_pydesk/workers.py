"""How interpreters talk to each other for workers: values cross marshalled (plain data only, never objects), a
worker's exported functions are called for other interpreters, and a main thread's `sync` handlers are run for
its workers. Java moves the text between threads (WorkerAccess, PageWorker)."""

import marshal
import sys

import _pydesk

_PLAIN = "None, bool, int, float, complex, str, bytes, bytearray, tuple, list, set, frozenset and dict"

exported = {}
"""Functions a worker exposes with `sync.name = function` (besides its `__export__` list)."""


class WorkerError(Exception):
    """A worker's function raised, or the worker is not available (its traceback is the message)."""


def dumps(value):
    try:
        return marshal.dumps(value).decode("latin-1")
    except ValueError:
        raise TypeError(f"only plain values ({_PLAIN}) can cross between a worker and the main thread, "
                        f"not {_describe(value)}") from None


def _describe(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            try:
                marshal.dumps(item)
            except ValueError:
                return _describe(item)
    if isinstance(value, dict):
        for item in value.values():
            try:
                marshal.dumps(item)
            except ValueError:
                return _describe(item)
    return f"{type(value).__name__} {value!r:.60}"


def loads(text):
    return marshal.loads(text.encode("latin-1"))


def remote_error(text):
    """The exception to raise for an error text that came from another interpreter."""
    import builtins

    first, _, rest = text.partition(": ")
    kind = getattr(builtins, first, None)
    if "\n" not in text.strip() and isinstance(kind, type) and issubclass(kind, Exception):
        return kind(rest)
    return WorkerError(text.rstrip())


# In a worker: what the page's other interpreters call.
def exports():
    """The names this worker exports (`__export__` and `sync.name = f`), comma-separated."""
    import __main__

    names = [str(name) for name in (getattr(__main__, "__export__", None) or [])]
    names += [name for name in exported if name not in names]
    return ",".join(names)


def _lookup(name):
    import __main__

    if name in exported:
        return exported[name]
    if name in (getattr(__main__, "__export__", None) or []) and name in __main__.__dict__:
        return __main__.__dict__[name]
    return None


def call_export(name, arguments, reply):
    function = _lookup(name)
    if function is None:
        reply.fail(f"AttributeError: the worker exports no function {name!r}: list it in __export__ "
                   f"(exported: {exports() or 'nothing'})")
        return True
    _call(function, arguments, reply)
    return True


def run_sync(handler, arguments, reply):
    """On the main thread: runs a `worker.sync.name` handler for the worker waiting on it."""
    _call(handler, arguments, reply)
    return True


def _call(function, arguments, reply):
    from _pydesk.runner import format_error

    try:
        result = function(*loads(arguments))
    except BaseException as error:
        reply.fail(format_error(error))
        return
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if hasattr(result, "__await__"):
        import asyncio

        from _pydesk.loop import get_loop

        async def wait():
            return await result

        task = get_loop().create_task(wait())

        def finished(done):
            if done.cancelled():
                reply.fail("CancelledError: the call was cancelled")
            elif done.exception() is not None:
                reply.fail(format_error(done.exception()))
            else:
                _answer(reply, done.result())

        task.add_done_callback(finished)
    else:
        _answer(reply, result)


def _answer(reply, result):
    try:
        reply.ok(dumps(result))
    except TypeError as error:
        reply.fail(f"TypeError: {error}")


class WorkerSync:
    """`pyscript.sync` in a worker: `sync.name(*args)` calls the main thread's handler and waits for its result;
    `sync.name = function` lets the main thread (and other workers) call `function`."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)

        def call(*args):
            answer = _pydesk.host.workers().syncCall(name, dumps(args))
            if answer[:1] == "1":
                return loads(answer[1:])
            raise remote_error(answer[1:])

        call.__name__ = name
        return call

    def __setattr__(self, name, function):
        if not callable(function):
            raise TypeError(f"sync.{name} must be a function, not {type(function).__name__}")
        exported[name] = function

    def __repr__(self):
        return "<pyscript.sync>"
