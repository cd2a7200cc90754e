"""JavaScript values seen from Python, as Pyodide's JsProxy presents them.

A JavaScript object reaches Python as a Java object of the bridge (`dev.pydesk.bridge.JsObject`) that GraalPy's
interop reads directly: `el.textContent`, `el.title = "t"` and `document.getElementById("x")` go to Java and into
JavaScript without running Python code. `JsProxy` below is mixed into the Python type of those objects
(`polyglot.register_interop_type`) for the rest of Pyodide's JsProxy: keyword arguments (a trailing JS object),
`new()`, indexing, iteration, `len`, `in`, `typeof`, `to_py()`, binary data, `await`. JS `null` and `undefined`
arrive as `None`; a missing attribute raises `AttributeError`; a JavaScript exception raises `JsException`.
"""

import polyglot

_js = None
"""The interpreter's JsAccess (set by `install`)."""
_call = polyglot.ForeignExecutable.__call__
"""`_call(proxy, *args)`: GraalPy's own call of a foreign executable, straight into `JsObject.execute` (Java). A
call has to pass through `JsProxy.__call__` for its keyword arguments (GraalPy's foreign call takes none), but goes
on from there without a second crossing (measured: a held method's call 7.6 -> 5.4 us, bench/micro)."""


class JsException(Exception):
    """A JavaScript exception raised while Python called into the page."""


class JsProxy:
    """A JavaScript object, function or array. Never made in Python: the bridge's objects are instances."""

    def __call__(self, *args, **kwargs):
        if kwargs:  # as in Pyodide: keyword arguments become one trailing object
            from pyscript.ffi import to_js

            return _call(self, *args, to_js(kwargs))
        return _call(self, *args)

    def new(self, *args, **kwargs):
        """`new C(...args)`: constructs an instance of this JavaScript class."""
        if kwargs:
            from pyscript.ffi import to_js

            return _js.construct(self, (*args, to_js(kwargs)))
        return _js.construct(self, args)

    @property
    def typeof(self):
        """JavaScript's `typeof` of this value."""
        return _js.typeOf(self)

    def object_keys(self):
        return list(_js.keys(self))

    def __dir__(self):
        return self.object_keys()

    # Binary data: typed arrays, ArrayBuffer and DataView to Python bytes (Pyodide's JsBuffer methods).
    def to_bytes(self):
        """The bytes of a typed array, ArrayBuffer or DataView."""
        return _js.bytesFromJs(self).encode("latin-1")

    def __bytes__(self):
        return self.to_bytes()

    def to_memoryview(self):
        return memoryview(self.to_bytes())

    def to_bytearray(self):
        return bytearray(self.to_bytes())

    def __getitem__(self, key):
        if type(key) is int and key < 0:
            key += len(self)
        return _js.item(self, key)

    def __setitem__(self, key, value):
        _js.setItem(self, key, value)

    def __delitem__(self, key):
        _js.deleteItem(self, key)

    def __len__(self):
        size = _js.size(self)
        if size < 0:
            raise TypeError(f"object of type '{self.typeof}' has no len()")
        return size

    def __iter__(self):
        if _js.isArrayLike(self):
            for index in range(_js.size(self)):
                yield _js.item(self, index)
            return
        iterator = _js.iterator(self)
        if iterator is None:
            raise TypeError("JavaScript object is not iterable")
        while True:
            step = iterator.next()
            if step.done:
                return
            yield step.value

    def __contains__(self, item):
        # As in Pyodide: a Map's or Set's has(), an array's includes(), else the items of an iterable (NodeList).
        if isinstance(item, JsProxy) and item.typeof == "symbol":  # `js.Symbol.iterator in obj`: JavaScript's `in`
            return _js.has(self, item)
        found = _js.contains(self, item)
        if found is not None:
            return found
        if _js.isArrayLike(self) or _js.iterator(self) is not None:
            return any(element is item or element == item for element in self)
        return _js.has(self, item)

    def __bool__(self):
        return True

    def __eq__(self, other):
        if isinstance(other, JsProxy):
            return _js.same(self, other)
        return NotImplemented

    def __hash__(self):
        return _js.hash(self)

    def __repr__(self):
        return _js.str(self)

    __str__ = __repr__

    def __await__(self):
        """Awaiting a JS Promise (or any thenable) gives its value; a rejection raises JsException."""
        from _pydesk.loop import get_loop

        then = getattr(self, "then", None)
        if then is None:
            raise TypeError(f"object of type '{self.typeof}' can't be used in 'await' expression (not a Promise)")
        loop = get_loop()
        future = loop.create_future()

        def settle(setter, value):
            if not future.done():
                setter(value)

        on_value = _js.createProxy(lambda value=None: loop.call_soon(settle, future.set_result, value))
        on_error = _js.createProxy(
            lambda reason=None: loop.call_soon(settle, future.set_exception, JsException(str(reason)))
        )

        def release(_done):
            on_value.destroy()
            on_error.destroy()

        future.add_done_callback(release)
        then(on_value, on_error)
        return future.__await__()

    def to_py(self, depth=-1):
        """A deep copy into Python lists and dicts (arrays and plain objects), memoryviews (typed arrays,
        ArrayBuffer); other objects stay proxies."""
        if depth == 0:
            return self
        if _js.isBinary(self):
            return self.to_memoryview()
        if _js.isArray(self):
            return [_to_py(item, depth - 1) for item in self]
        if self.typeof == "object" and str(self) == "[object Object]":
            return {key: _to_py(_js.item(self, key), depth - 1) for key in self.object_keys()}
        return self


_direct = {}
"""create_proxy's callback id -> its Python callable (until `destroy()`)."""


def call_directly(proxy, fn):
    """Called from Python, `proxy` (made by create_proxy) calls `fn` directly, as Pyodide's proxies do: that also
    works in a worker, whose calls into JavaScript are answered later on the worker's own thread."""
    _direct[_js.callbackId(proxy)] = fn


class JsCallable:
    """A JavaScript function that calls a Python callable (`create_proxy`); `destroy()` releases it."""

    def __call__(self, *args, **kwargs):
        fn = _direct.get(_js.callbackId(self))
        if fn is not None:
            return fn(*args, **kwargs)
        return JsProxy.__call__(self, *args, **kwargs)

    def destroy(self):
        """Releases the Python callable: JavaScript calling it afterwards gets an error in the console."""
        _direct.pop(_js.callbackId(self), None)
        _js.release(self)


def _tuple(*items):
    return items


def _to_py(value, depth):
    return value.to_py(depth) if isinstance(value, JsProxy) else value


class _PythonSide:
    """What the bridge asks of Python (dev.pydesk.bridge.PythonSide)."""

    def none(self):
        return None

    def tupleMaker(self):
        return _tuple

    def raiseJsException(self, message):
        raise JsException(message)

    def raiseError(self, kind, message):
        import builtins

        raise getattr(builtins, kind)(message)

    def forJs(self, value):
        from pyscript.ffi import _convert_for_js

        return _convert_for_js(value)

    def autoProxy(self, callable_):
        from pyscript.ffi import _auto_proxy

        return _auto_proxy(callable_)


def install(js_access, object_class, callback_class):
    """Makes the bridge's Java classes JsProxy (and JsCallable) in Python; returns what the bridge calls."""
    global _js
    _js = js_access
    polyglot.register_interop_type(object_class, JsProxy)
    polyglot.register_interop_type(callback_class, JsCallable)
    return _PythonSide()


def window():
    return _js.window()
