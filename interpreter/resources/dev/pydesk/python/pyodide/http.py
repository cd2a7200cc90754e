"""`pyodide.http`: `await pyfetch(url, ...)` (a `FetchResponse` whose body can be read once, as the browser's) and
`open_url(url)` (a synchronous request: it waits for the answer, like Pyodide's synchronous XMLHttpRequest, so prefer
`pyfetch` for anything slow). Both go through PyDesk's fetch: `http(s)` URLs and files of the page's folder."""

from pyodide import module_getattr as _module_getattr

__all__ = ["BodyUsedError", "FetchResponse", "HttpStatusError", "open_url", "pyfetch"]


class BodyUsedError(OSError):
    """The body of a FetchResponse was already read (use `clone()` to read it twice)."""

    def __init__(self, *args):
        super().__init__(*(args or ("Response body is already used",)))


class HttpStatusError(OSError):
    """`raise_for_status()` on a 4xx or 5xx response."""

    def __init__(self, status, status_text, url):
        self.status = status
        self.status_text = status_text
        self.url = url
        kind = "Client" if status < 500 else "Server"
        super().__init__(f"{status} {kind} Error: {status_text} for url: {url}")


class FetchResponse:
    """The answer of `pyfetch`: `ok`, `status`, `status_text`, `url`, `headers` (a dict), `redirected`, `type`,
    `body_used`, and the awaitable readers `text()`, `string()`, `json()`, `bytes()`, `memoryview()`, `buffer()`,
    `unpack_archive()`."""

    def __init__(self, url, response):
        self._url = url
        self._response = response
        self._used = False

    ok = property(lambda self: self._response.ok)
    status = property(lambda self: self._response.status)
    status_text = property(lambda self: self._response.statusText)
    url = property(lambda self: self._response.url)
    body_used = property(lambda self: self._used)

    @property
    def headers(self):
        return dict(self._response.headers.items())

    @property
    def redirected(self):
        from pyscript.context import window

        return str(window.URL.new(self._url, window.document.baseURI).href) != self._response.url

    @property
    def type(self):
        from pyscript.context import window

        same = str(window.URL.new(self._response.url).origin) == str(window.location.origin)
        return "basic" if same else "cors"

    def __repr__(self):
        return f"<FetchResponse [{self.status}] {self.url}>"

    def clone(self):
        if self._used:
            raise BodyUsedError()
        return FetchResponse(self._url, self._response)

    def raise_for_status(self):
        if 400 <= self.status < 600:
            raise HttpStatusError(self.status, self.status_text, self.url)

    def _body(self):
        if self._used:
            raise BodyUsedError()
        self._used = True
        return self._response._body

    async def bytes(self):
        return bytes(self._body())

    async def memoryview(self):
        return memoryview(self._body())

    async def buffer(self):
        """The body as a JavaScript ArrayBuffer."""
        from pyscript.ffi import to_js

        return to_js(bytes(self._body())).buffer

    async def text(self):
        return self._body().decode(self._response._charset(), errors="replace")

    async def string(self):
        return await self.text()

    async def json(self, **kwargs):
        import json

        return json.loads(await self.text(), **kwargs)

    async def unpack_archive(self, *, extract_dir=None, format=None):
        """Unpacks a zip or tar archive into `extract_dir` (the working folder when None)."""
        import io
        import shutil
        import tempfile

        data = self._body()
        name = self._response.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "archive"
        with tempfile.TemporaryDirectory(dir=".") as folder:
            path = f"{folder}/{name}"
            with open(path, "wb") as archive:
                archive.write(data)
            shutil.unpack_archive(path, extract_dir or ".", format)


async def pyfetch(url, **kwargs):
    """`await pyfetch(url, method=..., headers=..., body=...)`: the response, whatever its status; a network
    failure raises OSError."""
    from pyscript.fetch import fetch

    return FetchResponse(url, await fetch(url, **kwargs))


def open_url(url):
    """The text at `url` as an `io.StringIO`, fetched synchronously."""
    import io

    import _pydesk
    from pyscript.fetch import Headers, Response, _ERRORS

    answer = []

    def answered(status, status_text, final_url, headers, body, error_type, error):
        answer.append((status, status_text, final_url, headers, body, error_type, error))

    _pydesk.host.fetchNow(str(url), "GET", [], None, answered)
    status, status_text, final_url, headers, body, error_type, error = answer[0]
    if error_type is not None:
        raise _ERRORS.get(error_type, OSError)(str(error).replace("fetch", "open_url", 1))
    lines = headers.split("\n") if headers else []
    response = Response(status, status_text, final_url, Headers(list(zip(lines[0::2], lines[1::2]))),
                        body.encode("latin-1"))
    return io.StringIO(response._body.decode(response._charset(), errors="replace"))


__getattr__ = _module_getattr("pyodide.http", __all__)
