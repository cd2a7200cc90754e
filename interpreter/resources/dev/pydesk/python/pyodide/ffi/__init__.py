"""`pyodide.ffi` on PyDesk: the same JavaScript proxies as `pyscript.ffi`, with Pyodide's defaults (`to_js` turns
a dict into a JavaScript `Map` unless a `dict_converter` is given, as Pyodide does)."""

from pyodide import module_getattr as _module_getattr
from pyscript.ffi import JsException, JsProxy, create_proxy as _create_proxy, is_none, jsnull
from pyscript.ffi import to_js as _to_js

__all__ = ["IN_BROWSER", "JsException", "JsProxy", "create_proxy", "destroy_proxies", "is_none", "jsnull", "to_js"]

IN_BROWSER = True
"""PyDesk runs pages in a web view, with a DOM and `window`: code that checks for a browser takes that branch."""


def create_proxy(obj, *, capture_this=False, roundtrip=True):
    """A JavaScript function that calls `obj` and lives until `destroy()` (Pyodide's keywords are accepted;
    `capture_this` is not supported)."""
    if capture_this:
        raise NotImplementedError("create_proxy(capture_this=True) is not supported by PyDesk")
    return _create_proxy(obj)


def to_js(value, *, depth=-1, pyproxies=None, create_pyproxies=True, dict_converter=None, default_converter=None,
          eager_converter=None):
    """A JavaScript value for `value`: lists and tuples become arrays, dicts `Map`s (or what `dict_converter` makes
    of their items, e.g. `js.Object.fromEntries`), callables functions."""
    if dict_converter is None:
        from pyscript.context import window

        dict_converter = window.Map.new
    return _to_js(value, dict_converter=dict_converter)


def destroy_proxies(pyproxies):
    """Destroys each proxy made by `create_proxy` in `pyproxies`."""
    for proxy in list(pyproxies):
        destroy = getattr(proxy, "destroy", None)
        if destroy is None:
            raise TypeError(f"destroy_proxies() takes proxies made by create_proxy, not {type(proxy).__name__}")
        destroy()


__getattr__ = _module_getattr("pyodide.ffi", (*__all__, "wrappers"))
