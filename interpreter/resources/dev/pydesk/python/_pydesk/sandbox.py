"""What page Python may not do, refused in Python's terms: a catchable exception that names what is not allowed,
why, and what to do instead (the host refuses all of these anyway; this is about the message).

Also `input()`, which on the main thread and in a worker alike asks with the page's `window.prompt`, as in
PyScript (headless, the prompt reads a line of standard input).
"""

import builtins
import sys


def install():
    builtins.input = _input
    _refuse_exit()
    _refuse_threads()
    _after_import("socket", _explain_socket_refusals)


def _input(prompt=""):
    from pyscript.context import window

    answer = window.prompt(str(prompt))
    if answer is None:
        raise EOFError("input(): the prompt was dismissed (or, headless, no line came on standard input)")
    return str(answer)


_EXIT = ("os._exit() is not allowed in a PyDesk page: it would end PyDesk itself, not just this script. End the "
         "script with sys.exit() or return; the user closes the window.")

_THREADS = ("PyDesk pages cannot start threads (threading, _thread, concurrent.futures): page Python runs on the "
            "page's own thread. Use asyncio (async def, await, asyncio.create_task) for concurrent work, or a worker "
            "(<script type=\"py\" worker>) for long work.")


def _refuse_exit():
    import os
    import posix

    def _exit(status=0):
        raise RuntimeError(_EXIT)

    os._exit = posix._exit = _exit


def _refuse_threads():
    import _thread

    def start(*args, **kwargs):
        raise RuntimeError(_THREADS)

    for name in ("start_new_thread", "start_new", "start_joinable_thread"):
        if hasattr(_thread, name):
            setattr(_thread, name, start)
    threading = sys.modules.get("threading")
    if threading is not None:
        for name in ("_start_new_thread", "_start_joinable_thread"):
            if hasattr(threading, name):
                setattr(threading, name, start)


_SOCKET_REFUSAL = "PyDesk pages cannot "


def _explain_socket_refusals(socket):
    """PyDesk's host refuses listening and UDP sockets with an OSError (EIO) that says why: make it the
    PermissionError it is."""
    import errno

    def explained(call):
        def wrapper(*args, **kwargs):
            try:
                return call(*args, **kwargs)
            except OSError as error:
                if error.errno == errno.EIO and str(error.strerror or "").startswith(_SOCKET_REFUSAL):
                    raise PermissionError(errno.EACCES, error.strerror) from None
                raise

        wrapper.__name__ = call.__name__
        wrapper.__doc__ = call.__doc__
        return wrapper

    cls = socket.socket
    cls.__init__ = explained(cls.__init__)
    cls.listen = explained(cls.listen)


def _after_import(name, callback):
    """Runs `callback(module)` once the module `name` has been imported (now, if it already was)."""
    if name in sys.modules:
        callback(sys.modules[name])
        return
    from importlib.machinery import PathFinder

    class AfterImport:
        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            if fullname != name:
                return None
            spec = PathFinder.find_spec(fullname, path)
            if spec is None or spec.loader is None:
                return spec
            original = spec.loader.exec_module

            def exec_module(module):
                original(module)
                if AfterImport in sys.meta_path:
                    sys.meta_path.remove(AfterImport)
                callback(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, AfterImport)
