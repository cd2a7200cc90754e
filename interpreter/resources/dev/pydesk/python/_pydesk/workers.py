"""How interpreters talk to each other for workers: values cross marshalled (plain data only, never objects), a
worker's exported functions are called for other interpreters, and a main thread's `sync` handlers are run for
its workers. Java moves the text between threads (WorkerAccess, PageWorker) and sees this module as
`dev.pydesk.interpreter.python.WorkerCallsModule`; a failure crosses as a WorkerFailure (type, message, traceback)."""

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


def remote_error(failure):
    """The exception to raise for a WorkerFailure: the builtin exception PyDesk itself reported (no traceback), or
    WorkerError with the traceback of what the other interpreter raised."""
    import builtins

    kind = getattr(builtins, failure.type(), None)
    if failure.traceback() is None and isinstance(kind, type) and issubclass(kind, Exception):
        return kind(failure.message())
    if failure.traceback() is None:
        return WorkerError(failure.message() if failure.type() == "WorkerError" else f"{failure.type()}: {failure.message()}")
    return WorkerError(failure.traceback().rstrip())


def _fail(reply, error):
    from _pydesk.runner import format_error

    reply.fail(type(error).__name__, str(error), format_error(error))


# In a worker: what the page's other interpreters call.
def exports():
    """The names this worker exports (`__export__` and `sync.name = f`)."""
    import __main__

    names = [str(name) for name in (getattr(__main__, "__export__", None) or [])]
    names += [name for name in exported if name not in names]
    return names


def _lookup(name):
    import __main__

    if name in exported:
        return exported[name]
    if name in (getattr(__main__, "__export__", None) or []) and name in __main__.__dict__:
        return __main__.__dict__[name]
    return None


def callExport(name, arguments, reply):
    """Calls what the worker exports as `name` with marshalled arguments; answers `reply` (now or, for a
    coroutine, when it is done)."""
    function = _lookup(name)
    if function is None:
        reply.fail("AttributeError", f"the worker exports no function {name!r}: list it in __export__ "
                   f"(exported: {','.join(exports()) or 'nothing'})", None)
        return
    _call(function, arguments, reply)


def runSync(handler, arguments, reply):
    """On the main thread: runs a `worker.sync.name` handler for the worker waiting on it."""
    _call(handler, arguments, reply)


def _call(function, arguments, reply):
    try:
        result = function(*loads(arguments))
    except BaseException as error:
        _fail(reply, error)
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
                reply.fail("CancelledError", "the call was cancelled", None)
            elif done.exception() is not None:
                _fail(reply, done.exception())
            else:
                _answer(reply, done.result())

        task.add_done_callback(finished)
    else:
        _answer(reply, result)


def _answer(reply, result):
    try:
        reply.ok(dumps(result))
    except TypeError as error:
        reply.fail("TypeError", str(error), None)


class WorkerSync:
    """`pyscript.sync` in a worker: `sync.name(*args)` calls the main thread's handler and waits for its result;
    `sync.name = function` lets the main thread (and other workers) call `function`."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)

        def call(*args):
            answer = _pydesk.host.workers().syncCall(name, dumps(args))
            if answer.failure() is not None:
                raise remote_error(answer.failure())
            return loads(answer.payload())

        call.__name__ = name
        return call

    def __setattr__(self, name, function):
        if not callable(function):
            raise TypeError(f"sync.{name} must be a function, not {type(function).__name__}")
        exported[name] = function

    def __repr__(self):
        return "<pyscript.sync>"
