"""`await fetch(url, **options)`: PyScript's fetch, on the JDK's HTTP client.

URLs are relative to the page; `http:`/`https:` go over the network, other URLs must name a file inside the page's
folder. The response mirrors the browser's (`ok`, `status`, `statusText`, `headers`, `url`) with the awaitables
`text()`, `json()`, `bytearray()`, `arrayBuffer()` (a memoryview) and `blob()` (a JS Blob); `fetch(url).json()`
chains into one await. A 404 is a response with `ok == False`; a refused connection or a file outside the page's
folder raises.
"""

import _pydesk

__all__ = ["fetch"]

_ERRORS = {
    "PermissionError": PermissionError,
    "ConnectionRefusedError": ConnectionRefusedError,
    "ConnectionError": ConnectionError,
    "TimeoutError": TimeoutError,
    "ValueError": ValueError,
    "OSError": OSError,
}


class Headers:
    """The response's headers: case-insensitive `get`, `[]`, `in`, `items()`, iteration over names."""

    def __init__(self, pairs):
        self._pairs = pairs

    def get(self, name, default=None):
        name = name.lower()
        for key, value in self._pairs:
            if key == name:
                return value
        return default

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return self.get(name) is not None

    def __iter__(self):
        return iter([key for key, _ in self._pairs])

    def items(self):
        return list(self._pairs)

    def __repr__(self):
        return f"Headers({dict(self._pairs)!r})"


class Response:
    def __init__(self, status, status_text, url, headers, body):
        self.status = status
        self.statusText = status_text
        self.url = url
        self.headers = headers
        self.ok = 200 <= status < 300
        self._body = body

    def _charset(self):
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"')
        return "utf-8"

    async def text(self):
        return self._body.decode(self._charset(), errors="replace")

    async def json(self):
        import json

        return json.loads(self._body.decode(self._charset(), errors="replace"))

    async def bytearray(self):
        return bytearray(self._body)

    async def arrayBuffer(self):
        return memoryview(self._body)

    async def blob(self):
        from pyscript.context import window
        from pyscript.ffi import to_js

        options = to_js({"type": self.headers.get("content-type", "")})
        return window.Blob.new(to_js([self._body]), options)

    def __repr__(self):
        return f"<Response [{self.status}] {self.url}>"


class _Pending:
    """What `fetch()` returns: awaitable for the response, or chained (`await fetch(url).json()`)."""

    def __init__(self, url, options):
        from _pydesk.loop import get_loop

        self._future = get_loop().create_future()
        method = str(options.pop("method", "GET"))
        headers = options.pop("headers", None) or {}
        if hasattr(headers, "object_keys"):  # a JS object given as headers
            headers = {key: getattr(headers, key) for key in headers.object_keys()}
        flat = []
        for key, value in dict(headers).items():
            flat += [str(key), str(value)]
        body = options.pop("body", None)
        if isinstance(body, str):
            body = body.encode("utf-8").decode("latin-1")
        elif isinstance(body, (bytes, bytearray, memoryview)):
            body = bytes(body).decode("latin-1")
        elif body is not None:
            raise TypeError(f"fetch: body must be str or bytes, not {type(body).__name__}")
        _pydesk.host.fetch(str(url), method, flat, body, self._answered)

    def _answered(self, status, status_text, url, headers, body, error_type, error):
        if self._future.done():
            return
        if error_type is not None:
            self._future.set_exception(_ERRORS.get(error_type, OSError)(error))
            return
        flat = [str(item) for item in headers]  # names and values, alternating
        pairs = list(zip(flat[0::2], flat[1::2]))
        self._future.set_result(Response(status, status_text, url, Headers(pairs), body.encode("latin-1")))

    def __await__(self):
        return self._future.__await__()

    async def _then(self, name):
        response = await self
        return await getattr(response, name)()

    def text(self):
        return self._then("text")

    def json(self):
        return self._then("json")

    def bytearray(self):
        return self._then("bytearray")

    def arrayBuffer(self):
        return self._then("arrayBuffer")

    def blob(self):
        return self._then("blob")


def fetch(url, **options):
    """Requests `url` (relative to the page); await it for the response, or chain `.text()`, `.json()`, ..."""
    return _Pending(url, options)
