"""The foreign function interface: Python values to JavaScript and back (`to_js`, `create_proxy`, `is_none`,
`assign`, `jsnull`).

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
from _pydesk.jsproxy import _ERROR, JsException, JsProxy, to_js_arg, to_python

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


class JsCallable(JsProxy):
    """A JavaScript function that calls a Python callable; `destroy()` releases it. Called from Python it calls the
    callable directly (as Pyodide's proxies do), so it also works in a worker, whose JavaScript calls are answered
    later on the worker's own thread."""

    __slots__ = ("_callback_id", "_python")

    def __init__(self, ref, callback_id, python=None):
        super().__init__(ref)
        object.__setattr__(self, "_callback_id", callback_id)
        object.__setattr__(self, "_python", python)

    def __call__(self, *args, **kwargs):
        python = object.__getattribute__(self, "_python")
        if python is None:
            return super().__call__(*args, **kwargs)
        return python(*args, **kwargs)

    def destroy(self):
        """Releases the Python callable: JavaScript calling it afterwards gets an error in the console."""
        _js.releaseCallback(self._callback_id)
        object.__setattr__(self, "_python", None)


def _wrap_callable(fn, auto=False):
    def called_from_js(*args):
        result = fn(*[to_python(a) for a in args])
        if type(result).__name__ == "coroutine":  # an async def handler runs as a task on the loop
            from _pydesk.loop import run_coroutine
            from _pydesk.runner import report_error

            run_coroutine(result, report_error)
            return None
        return to_js_arg(result)

    callback_id = _js.registerCallback(called_from_js)
    return JsCallable(_js.function(callback_id, auto), callback_id, fn)


_auto_ids = None
"""experimental_create_proxy = "auto": callable -> the callback id of its JS function (weak keys). Only the id: a
handle on the function itself would keep it alive in JavaScript, whose FinalizationRegistry (which releases the
callback, and with it the callable) would then never fire."""
_policy = None


def _lifetime():
    """'auto', 'keep' (mpy) or 'borrow' (py): what happens to a callable passed to JavaScript implicitly."""
    global _policy
    if _policy is None:
        from pyscript.context import config

        if config.get("experimental_create_proxy") == "auto":
            _policy = "auto"
        else:
            _policy = "keep" if config.get("type") == "mpy" else "borrow"
    return _policy


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
        return _wrap_callable(fn, auto=True)
    if callback_id is not None:
        alive = _js.function(-callback_id, True)  # boot.js: a negative id asks for the live function, or null
        if alive is not None and alive is not _ERROR:
            return JsCallable(alive, callback_id, fn)
    proxy = _wrap_callable(fn, auto=True)
    _auto_ids[fn] = proxy._callback_id
    return proxy


def implicit_proxy(fn):
    """The JS function for a callable passed to JavaScript without create_proxy (see the module's docstring)."""
    policy = _lifetime()
    if policy == "auto":
        return _auto_proxy(fn)
    proxy = _wrap_callable(fn)
    if policy == "borrow":
        from _pydesk.jsproxy import borrow

        borrow(proxy)
    return proxy


def create_proxy(fn):
    """A JavaScript function that calls `fn` and stays alive until `destroy()` is called."""
    if not callable(fn):
        raise TypeError(f"create_proxy() needs a callable, not {type(fn).__name__}")
    return _wrap_callable(fn)


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
    return to_python(_to_js(value, dict_converter))


def _to_js(value, dict_converter):
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if value is jsnull:
        return None
    if isinstance(value, JsProxy):
        return object.__getattribute__(value, "_js_ref")
    if isinstance(value, dict):
        if dict_converter is not None:  # applied to every dict, nested ones too, as in Pyodide
            pairs = _js.array([_js.array([_to_js(k, dict_converter), _to_js(v, dict_converter)])
                               for k, v in value.items()])
            return to_js_arg(dict_converter(to_python(pairs)))
        target = _js.object()
        for key, item in value.items():
            _js.set(target, str(key), _to_js(item, dict_converter))
        return target
    if isinstance(value, (list, tuple, set, frozenset)):
        return _js.array([_to_js(item, dict_converter) for item in value])
    if callable(value):
        return object.__getattribute__(implicit_proxy(value), "_js_ref")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _js.bytesToJs(bytes(value).decode("latin-1"))
    return str(value)


def _convert_for_js(value):
    """Arguments passed to JavaScript: containers and callables are converted, anything else becomes its str."""
    return _to_js(value, None)
