"""Small helpers shared by the pyscript modules, and public as in PyScript: `as_bytearray`, `NotSupported`,
`is_awaitable`."""

__all__ = ["NotSupported", "as_bytearray", "is_awaitable"]


class NotSupported:
    """A feature that is missing in this context: any use raises a clear error instead of failing later."""

    def __init__(self, name, error):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "error", error)

    def __repr__(self):
        return f"<NotSupported {self.name} [{self.error}]>"

    def __getattr__(self, attr):
        raise AttributeError(self.error)

    def __setattr__(self, attr, value):
        raise AttributeError(self.error)

    def __call__(self, *args, **kwargs):
        raise TypeError(self.error)


def as_bytearray(buffer):
    """A JavaScript ArrayBuffer (or typed array, DataView) as a Python bytearray; Python bytes-like values are
    copied as they are."""
    if isinstance(buffer, (bytes, bytearray, memoryview)):
        return bytearray(buffer)
    from _pydesk.jsproxy import JsProxy

    if not isinstance(buffer, JsProxy):
        raise TypeError(f"as_bytearray() needs a JavaScript ArrayBuffer or typed array, not {type(buffer).__name__}")
    return bytearray(buffer.to_bytes())  # the bytes cross in one go, not one call per byte


def is_awaitable(obj):
    """True when calling `obj` gives something to await: an `async def` function, or a bound method or closure
    of one. Both `py` and `mpy` run CPython semantics in PyDesk, so there is no MicroPython special case."""
    import inspect

    return inspect.iscoroutinefunction(obj)
