"""The foreign function interface: Python values to JavaScript and back (`to_js`, `create_proxy`, `is_none`).

A Python callable handed to JavaScript becomes a JS function. How long it lives follows PyScript:
- `create_proxy(fn)`: until `destroy()`.
- passed as an argument of a JS call (`el.addEventListener("click", fn)`): on `py`, a borrowed proxy that is released
  when the call returns, as Pyodide does (calling it later raises an error in JavaScript that says what to do); on
  `mpy`, kept alive, as MicroPython does;
- with `experimental_create_proxy = "auto"` in the config: kept alive until JavaScript lets go of it (a JS
  `FinalizationRegistry` tells PyDesk), and the same Python function always gives the same JS function, so
  `removeEventListener(type, fn)` works.
"""

import _pydesk
from _pydesk import jsproxy
from _pydesk.jsproxy import JsException, JsProxy

__all__ = ["JsException", "JsProxy", "assign", "create_proxy", "is_none", "jsnull", "to_js"]

_js = _pydesk.js


class JsNull:
    """JavaScript's `null` as a value of its own (Pyodide's `jsnull`): passed to JavaScript it is `null`. Values
    that come from JavaScript carry `null` as `None`; `is_none()` is true for both."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self):
        return False

    def __repr__(self):
        return "jsnull"


jsnull = JsNull()

_auto_ids = None
"""experimental_create_proxy = "auto": callable -> the callback id of its JS function (weak keys). Only the id: a
handle on the function itself would keep it alive in JavaScript, whose FinalizationRegistry (which releases the
callback, and with it the callable) would then never fire."""


def _auto_proxy(fn):
    """The JS function JavaScript still holds for `fn` (so removeEventListener(type, fn) finds the listener), or a
    new one that is released once JavaScript lets go of it."""
    global _auto_ids
    if _auto_ids is None:
        import weakref

        _auto_ids = weakref.WeakKeyDictionary()
    try:
        callback_id = _auto_ids.get(fn)
    except TypeError:  # not weak-referenceable: a fresh proxy each time
        return _js.autoProxy(fn)
    if callback_id is not None:
        alive = _js.liveAutoProxy(callback_id)
        if alive is not None:
            return alive
    proxy = _js.autoProxy(fn)
    _auto_ids[fn] = _js.callbackId(proxy)
    return proxy


def create_proxy(fn):
    """A JavaScript function that calls `fn` and stays alive until `destroy()` is called."""
    if not callable(fn):
        raise TypeError(f"create_proxy() needs a callable, not {type(fn).__name__}")
    proxy = _js.createProxy(fn)
    jsproxy.call_directly(proxy, fn)
    return proxy


def is_none(value):
    """True for Python `None`, `jsnull`, and JavaScript `null`/`undefined` (which arrive as `None`)."""
    return value is None or value is jsnull


def assign(target, *sources):
    """Copies the properties of each source (dicts are converted with `to_js`) onto the JavaScript object
    `target`, as `Object.assign` does; returns `target`."""
    from pyscript.context import window

    for source in sources:
        window.Object.assign(target, to_js(source))
    return target


def to_js(value, dict_converter=None, **_options):
    """A JavaScript value for `value`: dicts become object literals (or what `dict_converter` makes of their
    items), lists and tuples arrays, nested; callables functions; other values as they are."""
    if callable(value) and not isinstance(value, JsProxy):
        return _js.implicitProxy(value)
    return _to_js(value, dict_converter)


def _to_js(value, dict_converter):
    kind = type(value)
    if value is None or kind in (str, int, float, bool) or isinstance(value, JsProxy):
        return value
    if value is jsnull:
        return None
    if isinstance(value, dict):
        if dict_converter is not None:  # applied to every dict, nested ones too, as in Pyodide
            pairs = _js.array([_js.array([_to_js(k, dict_converter), _to_js(v, dict_converter)])
                               for k, v in value.items()])
            return dict_converter(pairs)
        target = _js.object()
        for key, item in value.items():
            _js.setItem(target, str(key), _to_js(item, dict_converter))
        return target
    if isinstance(value, (list, tuple, set, frozenset)):
        return _js.array([_to_js(item, dict_converter) for item in value])
    if callable(value):
        return value  # the bridge makes the function (borrowed, kept or "auto", as for any argument)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _js.bytesToJs(bytes(value).decode("latin-1"))
    return str(value)


def _convert_for_js(value):
    """What the bridge hands JavaScript for a value that is neither plain nor a callable: containers converted,
    anything else its str."""
    return _to_js(value, None)
