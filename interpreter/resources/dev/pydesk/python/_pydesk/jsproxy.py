"""JavaScript values seen from Python, on top of the JsAccess host object.

A JS object becomes a `JsProxy`: attribute get/set/delete, calls (keyword arguments become a trailing JS
object, as in Pyodide), `new()`, indexing, iteration, `len`, `in`, `typeof` and `to_py()`. JS `null` and
`undefined` become `None`; a missing attribute raises `AttributeError`; a JS exception raises `JsException`.
"""

import _pydesk

_js = _pydesk.js
_UNDEF = _js.undefinedMarker()
_MISSING = _js.missingMarker()
_ERROR = _js.errorMarker()
_FUNCTION = _js.functionMarker()
_FOREIGN = type(_UNDEF)
_PLAIN = (str, int, float, bool)


class JsException(Exception):
    """A JavaScript exception raised while Python called into the page."""


def _raise_js_error():
    raise JsException(_js.lastError())


def to_python(value):
    """Maps a value that came back from JsAccess into Python (markers, JsRefs, primitives)."""
    if value is None:
        return None  # JS null arrives as GraalPy's ForeignNone (`is None`, yet unhashable as None, not JSON)
    if type(value) is _FOREIGN:
        if value is _UNDEF:
            return None
        if value is _ERROR:
            _raise_js_error()
        if value is _MISSING:
            return None
        return JsProxy(value)
    return value


def to_js_arg(value):
    """Maps a Python value into what JsAccess can hand to JavaScript."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if kind is JsProxy or isinstance(value, JsProxy):
        return object.__getattribute__(value, "_js_ref")
    import pyscript.ffi as ffi

    return ffi._convert_for_js(value)


_borrowed = []
"""Proxies made for the arguments of the JS call under way; released when it returns (Pyodide's borrowed proxies)."""
_calls = 0


def borrow(proxy):
    if _calls:
        _borrowed.append(proxy)


def _borrowing(function, ref, this, args, kwargs):
    """Calls JsAccess `function` with converted arguments; proxies borrowed for them are released afterwards."""
    global _calls
    mark = len(_borrowed)
    _calls += 1
    try:
        converted = _args(args, kwargs)
        return function(ref, converted) if this is _NO_THIS else function(ref, this, converted)
    finally:
        _calls -= 1
        while len(_borrowed) > mark:
            _borrowed.pop().destroy()


_NO_THIS = object()


def _args(args, kwargs):
    converted = [to_js_arg(a) for a in args]
    if kwargs:
        import pyscript.ffi as ffi

        converted.append(object.__getattribute__(ffi.to_js(kwargs), "_js_ref"))
    return converted


def _append(array, value):
    array.push(value)


def _extend(array, values):
    for value in values:
        array.push(value)


def _pop(array, index=-1):
    size = len(array)
    position = index + size if index < 0 else index
    if not 0 <= position < size:
        raise IndexError("pop index out of range")
    return array.splice(position, 1)[0]


_ARRAY_METHODS = {"append": _append, "extend": _extend, "pop": _pop}
"""Python list methods a JavaScript array answers to, as Pyodide's JsArray does (`window.items.append(x)`)."""


class JsProxy:
    """A JavaScript object, function or array, as Pyodide's JsProxy presents it."""

    __slots__ = ("_js_ref", "_js_this", "__weakref__")

    def __init__(self, ref, this=None):
        object.__setattr__(self, "_js_ref", ref)
        object.__setattr__(self, "_js_this", this)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name == "pop" and _js.isArray(self._js_ref) is True:
            return _pop.__get__(self)  # Python's pop(index), not JavaScript's pop(), as on Pyodide's JsArray
        value = _js.attr(self._js_ref, name)
        if type(value) is _FOREIGN:
            if value is _FUNCTION:
                return JsMethod(self._js_ref, name)
            if value is _MISSING:
                list_method = _ARRAY_METHODS.get(name)
                if list_method is not None and _js.isArray(self._js_ref) is True:
                    return list_method.__get__(self)
                raise AttributeError(f"JavaScript object has no attribute '{name}'")
            if value is _UNDEF:
                return None
            if value is _ERROR:
                _raise_js_error()
            return JsProxy(value, self._js_ref)
        return None if value is None else value

    def __setattr__(self, name, value):
        if _js.set(self._js_ref, name, to_js_arg(value)) is _ERROR:
            _raise_js_error()

    def __delattr__(self, name):
        if _js.delete(self._js_ref, name) is _ERROR:
            _raise_js_error()

    def __call__(self, *args, **kwargs):
        if not args and not kwargs:
            return to_python(_js.call(self._js_ref, self._js_this, None))
        return to_python(_borrowing(_js.call, self._js_ref, self._js_this, args, kwargs))

    def new(self, *args, **kwargs):
        """`new C(...args)`: constructs an instance of this JavaScript class."""
        return to_python(_borrowing(_js.construct, self._js_ref, _NO_THIS, args, kwargs))

    # Binary data: typed arrays, ArrayBuffer and DataView to Python bytes and back (Pyodide's JsBuffer methods).
    def to_bytes(self):
        """The bytes of a typed array, ArrayBuffer or DataView."""
        data = _js.bytesFromJs(self._js_ref)
        if data is _ERROR:
            _raise_js_error()
        return data.encode("latin-1")

    def __bytes__(self):
        return self.to_bytes()

    def to_memoryview(self):
        return memoryview(self.to_bytes())

    def to_bytearray(self):
        return bytearray(self.to_bytes())

    def __getitem__(self, key):
        if type(key) is int and key < 0:
            key += len(self)
        value = _js.get(self._js_ref, key)
        if value is _MISSING:
            raise (IndexError if type(key) is int else KeyError)(key)
        return to_python(value)

    def __setitem__(self, key, value):
        if _js.set(self._js_ref, key, to_js_arg(value)) is _ERROR:
            _raise_js_error()

    def __delitem__(self, key):
        if _js.delete(self._js_ref, key) is _ERROR:
            _raise_js_error()

    def __len__(self):
        for name in ("length", "size"):
            value = _js.get(self._js_ref, name)
            if type(value) is int or type(value) is float:
                return int(value)
        raise TypeError(f"object of type '{self.typeof}' has no len()")

    def __iter__(self):
        if self._has("length"):
            for index in range(len(self)):
                yield to_python(_js.get(self._js_ref, index))
            return
        iterator = to_python(_js.callMethod(self._js_ref, "values", []))
        if iterator is None:
            raise TypeError("JavaScript object is not iterable")
        while True:
            step = iterator.next()
            if step.done:
                return
            yield step.value

    def __contains__(self, item):
        # As in Pyodide: a Map's or Set's has(), an array's includes(), else the items of an iterable (NodeList).
        value = to_js_arg(item)
        if isinstance(item, JsProxy) and item.typeof == "symbol":  # `js.Symbol.iterator in obj`: JavaScript's `in`
            return bool(to_python(_js.has(self._js_ref, value)))
        for method in ("has", "includes"):
            found = _js.callMethod(self._js_ref, method, [value])
            if found is _ERROR:
                _raise_js_error()
            if found is not _MISSING:
                return bool(to_python(found))
        if self._has("length") or self._has("values"):
            return any(element is item or element == item for element in self)
        return bool(to_python(_js.has(self._js_ref, value)))

    def _has(self, name):
        return to_python(_js.has(self._js_ref, name)) is True

    def __bool__(self):
        return True

    def __eq__(self, other):
        if isinstance(other, JsProxy):
            return bool(to_python(_js.same(self._js_ref, other._js_ref)))
        return NotImplemented

    __hash__ = object.__hash__

    def __repr__(self):
        return str(to_python(_js.str(self._js_ref)))

    __str__ = __repr__

    def __dir__(self):
        return list(self.object_keys())

    def __await__(self):
        """Awaiting a JS Promise (or any thenable) gives its value; a rejection raises JsException."""
        from _pydesk.loop import get_loop

        then = _js.get(self._js_ref, "then")
        if then is _MISSING or then is _UNDEF:
            raise TypeError(f"object of type '{self.typeof}' can't be used in 'await' expression (not a Promise)")
        loop = get_loop()
        future = loop.create_future()
        import pyscript.ffi as ffi

        def settle(setter, value):
            if not future.done():
                setter(value)

        on_value = ffi.create_proxy(lambda value=None: loop.call_soon(settle, future.set_result, value))
        on_error = ffi.create_proxy(
            lambda reason=None: loop.call_soon(settle, future.set_exception, JsException(str(reason)))
        )

        def release(_done):
            on_value.destroy()
            on_error.destroy()

        future.add_done_callback(release)
        self.then(on_value, on_error)
        return future.__await__()

    @property
    def typeof(self):
        """JavaScript's `typeof` of this value."""
        return to_python(_js.typeOf(self._js_ref))

    def object_keys(self):
        return [str(k) for k in to_python(_js.keys(self._js_ref))]

    def to_py(self, depth=-1):
        """A deep copy into Python lists and dicts (arrays and plain objects), memoryviews (typed arrays,
        ArrayBuffer); other objects stay proxies."""
        if depth == 0:
            return self
        if to_python(_js.isBinary(self._js_ref)):
            return self.to_memoryview()
        if to_python(_js.isArray(self._js_ref)):
            return [_to_py(item, depth - 1) for item in self]
        if self.typeof == "object" and str(self) == "[object Object]":
            return {key: _to_py(getattr(self, key), depth - 1) for key in self.object_keys()}
        return self


class JsMethod(JsProxy):
    """A function read as an attribute (`document.getElementById`): calling it is one call of the method on its
    object; the function object itself is fetched only when something else is done with it."""

    __slots__ = ("_js_owner", "_js_name", "_js_function")

    def __init__(self, owner, name):
        object.__setattr__(self, "_js_owner", owner)
        object.__setattr__(self, "_js_name", name)
        object.__setattr__(self, "_js_function", None)

    @property
    def _js_ref(self):
        function = object.__getattribute__(self, "_js_function")
        if function is None:
            function = _js.get(object.__getattribute__(self, "_js_owner"), object.__getattribute__(self, "_js_name"))
            if function is _ERROR:
                _raise_js_error()
            if type(function) is not _FOREIGN or function is _MISSING or function is _UNDEF:
                raise TypeError(f"{object.__getattribute__(self, '_js_name')} is no longer a JavaScript function")
            object.__setattr__(self, "_js_function", function)
        return function

    @property
    def _js_this(self):
        return object.__getattribute__(self, "_js_owner")

    def __call__(self, *args, **kwargs):
        owner = object.__getattribute__(self, "_js_owner")
        name = object.__getattribute__(self, "_js_name")
        if not args and not kwargs:
            result = _js.callMethod(owner, name, None)
        else:
            result = _borrowing(_js.callMethod, owner, name, args, kwargs)
        if result is _MISSING:
            raise TypeError(f"{name} is not a function")
        return to_python(result)


def _to_py(value, depth):
    return value.to_py(depth) if isinstance(value, JsProxy) else value


def window():
    return JsProxy(_js.window())
