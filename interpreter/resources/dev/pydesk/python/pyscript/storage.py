"""`await storage("name")`: a named, persistent dict, PyScript's `pyscript.storage`.

PyScript keeps it in the browser's IndexedDB, per origin; PyDesk keeps it in a file of the user's state folder
(`$XDG_STATE_HOME/pydesk/storage/`), per site root (the folder the page is served from: its own folder, or the
one `--root` or `pydesk.toml` names): it survives reloads and restarts, the page's interpreters and workers share
it, and two site roots never do.

Values: `None`, `bool`, `int`, `float`, `str`, and `list`, `tuple`, `dict` of them (a tuple comes back as a list
once reloaded, as in PyScript), and `bytearray` / `memoryview` as whole values. Anything else is a TypeError.
Changes are written in the background at once; `await store.sync()` waits until they are on disk. Unlike
PyScript's, `update()`, `pop()`, `popitem()`, `setdefault()` and `|=` are saved too (PyScript's only save `[]=`,
`del` and `clear()`).
"""

import _pydesk
from pyscript.ffi import is_none

__all__ = ["Storage", "storage"]


def _host():
    return _pydesk.host.storage()


def _future():
    from _pydesk.loop import get_loop

    return get_loop().create_future()


def _encode_key(key):
    import json

    if isinstance(key, bool) or not isinstance(key, (str, int, float)):
        raise TypeError(f"storage keys must be str, int or float, not {type(key).__name__}")
    if isinstance(key, float) and key.is_integer():
        key = int(key)  # 1 and 1.0 are one key, in Python as in JavaScript
    return json.dumps(key)


def _encode(value):
    import json

    if is_none(value):
        kind, data = "null", 0
    elif isinstance(value, (bool, int, float, str, list, dict, tuple)):
        kind, data = "generic", value
    elif isinstance(value, (bytearray, memoryview)):
        import base64

        kind, data = type(value).__name__, base64.b64encode(bytes(value)).decode("ascii")
    else:
        hint = " (store it as a bytearray)" if isinstance(value, bytes) else ""
        raise TypeError(f"Cannot serialize type {type(value).__name__} for storage.{hint}")
    try:
        return json.dumps([kind, data])
    except (TypeError, ValueError) as error:
        raise TypeError(f"Cannot serialize {type(value).__name__} for storage: {error}") from None


def _decode(text):
    import json

    kind, data = json.loads(text)
    if kind == "null":
        return None
    if kind in ("bytearray", "memoryview"):
        import base64

        raw = bytearray(base64.b64decode(data))
        return raw if kind == "bytearray" else memoryview(raw)
    return data


class _Store:
    """The open store in the host: what a Storage writes through to."""

    def __init__(self, name, store_id, entries):
        self.name = name
        self._id = store_id
        self._entries = entries

    def entries(self):
        import json

        return [(json.loads(key), _decode(value)) for key, value in self._entries]

    def set(self, key, value):
        refused = _host().set(self._id, _encode_key(key), _encode(value))
        if refused is not None:
            raise OSError(28, str(refused))  # ENOSPC, as a browser's QuotaExceededError

    def delete(self, key):
        _host().delete(self._id, _encode_key(key))

    def clear(self):
        _host().clear(self._id)

    def sync(self):
        future = _future()

        def written(error):
            if not future.done():
                if error is None:
                    future.set_result(None)
                else:
                    future.set_exception(OSError(str(error)))

        _host().sync(self._id, written)
        return future


class Storage(dict):
    """A dict whose changes are saved: `store[key] = value`, `del store[key]`, `clear()`, `update()`, `pop()`,
    `popitem()`, `setdefault()`; `await store.sync()` waits until they are on disk. Subclass it and pass the class
    as `storage(name, storage_class=...)` to add behaviour."""

    def __init__(self, store):
        super().__init__(store.entries())
        self._store = store

    def __setitem__(self, key, value):
        self._store.set(key, value)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        super().__getitem__(key)  # a KeyError for a missing key, before anything is saved
        self._store.delete(key)
        super().__delitem__(key)

    def clear(self):
        self._store.clear()
        super().clear()

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    _MISSING = object()

    def pop(self, key, default=_MISSING):
        if key in self:
            value = super().__getitem__(key)
            del self[key]
            return value
        if default is Storage._MISSING:
            raise KeyError(key)
        return default

    def popitem(self):
        if not self:
            raise KeyError("popitem(): storage is empty")
        key = next(reversed(list(super().keys())))
        value = super().__getitem__(key)
        del self[key]
        return key, value

    async def sync(self):
        await self._store.sync()


async def storage(name="", storage_class=Storage):
    """Opens (or creates) the site's store `name` and returns it as a `storage_class` (a `Storage`). A ValueError
    when `name` is empty."""
    if not name:
        raise ValueError("Storage name must be a non-empty string")
    name = str(name)
    future = _future()

    def opened(store_id, entries, error):
        if future.done():
            return
        if error is not None:
            future.set_exception(OSError(str(error)))
            return
        import json

        future.set_result(_Store(name, store_id, [tuple(pair) for pair in json.loads(entries)]))

    _host().open(name, opened)
    return storage_class(await future)
