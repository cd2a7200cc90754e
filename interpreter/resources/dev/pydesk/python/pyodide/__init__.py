"""`pyodide`: the names real PyScript pages import from Pyodide, on PyDesk's GraalPy.

Provided: `pyodide.ffi` (`create_proxy`, `to_js`, `JsProxy`, `JsException`, `destroy_proxies`, `jsnull`,
`IN_BROWSER`), `pyodide.ffi.wrappers` (event listeners and timers), `pyodide.code` (`eval_code`,
`eval_code_async`, `find_imports`, `run_js`, `should_quiet`) and `pyodide.http` (`pyfetch`, `open_url`,
`FetchResponse`, `HttpStatusError`, `BodyUsedError`). Anything else of Pyodide raises an ImportError that says what
PyDesk offers instead.
"""

import sys

__all__ = ["code", "ffi", "http"]

OFFERED = ("PyDesk's pyodide module offers pyodide.ffi (create_proxy, to_js, JsProxy, JsException, "
           "destroy_proxies, jsnull), pyodide.ffi.wrappers (add_event_listener, remove_event_listener, set_timeout, "
           "clear_timeout, set_interval, clear_interval), pyodide.code (eval_code, eval_code_async, find_imports, "
           "run_js) and pyodide.http (pyfetch, open_url); for everything else use the pyscript module")


def missing(what):
    """The ImportError for a part of Pyodide that PyDesk does not provide."""
    return ImportError(f"{what} is not available: PyDesk runs Python on GraalPy, not on Pyodide. {OFFERED}.")


def module_getattr(module_name, provided):
    """A module-level __getattr__ that names what is provided: `from pyodide.x import unknown` gets our message."""

    def __getattr__(name):
        if name.startswith("__") or name in provided:
            raise AttributeError(name)
        raise missing(f"{module_name}.{name}")

    return __getattr__


class _Unprovided:
    """Finds every `pyodide.*` submodule PyDesk has no source for, and refuses it with a clear ImportError."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname.startswith("pyodide."):
            raise missing(fullname)
        return None


if _Unprovided not in sys.meta_path:
    sys.meta_path.append(_Unprovided)  # last: PyDesk's own finder serves the submodules that do exist

__getattr__ = module_getattr("pyodide", ("code", "ffi", "http"))
