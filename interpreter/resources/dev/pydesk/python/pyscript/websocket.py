"""`pyscript.WebSocket`: the browser's WebSocket API for Python, on Java's WebSocket client.

Handlers (`onopen`, `onmessage`, `onerror`, `onclose`) are set as attributes or keyword arguments, may be plain or
`async def` functions, and receive one event object; a binary message's `event.data` is a memoryview.
"""

import _pydesk

__all__ = ["WebSocket"]


class WebSocketEvent:
    """The event a handler receives: `type`, `target`, and `data` / `code`, `reason`, `wasClean` / `message`."""

    def __init__(self, type, target, **fields):
        self.type = type
        self.target = target
        self.currentTarget = target
        for name, value in fields.items():
            setattr(self, name, value)

    def __repr__(self):
        return f"<WebSocketEvent {self.type}>"


class WebSocket:
    CONNECTING = 0
    OPEN = 1
    CLOSING = 2
    CLOSED = 3

    def __init__(self, url=None, protocols=None, **handlers):
        if url is None:
            raise TypeError("WebSocket() needs url=")
        if isinstance(protocols, str):
            protocols = [protocols]
        self.url = str(url)
        self.binaryType = "arraybuffer"
        self.protocol = ""
        self.extensions = ""
        self._closing = False
        self._opened = False  # readyState stays CONNECTING until the open event reaches this thread, as in browsers
        self.onopen = self.onmessage = self.onerror = self.onclose = None
        for name, handler in handlers.items():
            if name not in ("onopen", "onmessage", "onerror", "onclose"):
                raise TypeError(f"WebSocket() got an unexpected keyword argument {name!r}")
            setattr(self, name, handler)
        self._id = _pydesk.host.wsOpen(self.url, list(protocols or []), self._event)

    @property
    def readyState(self):
        state = _pydesk.host.wsState(self._id)
        if state == self.OPEN and not self._opened:
            return self.CONNECTING
        return self.CLOSING if self._closing and state == self.OPEN else state

    @property
    def bufferedAmount(self):
        return int(_pydesk.host.wsBuffered(self._id))

    def send(self, data):
        """Sends a str as text, or bytes / bytearray / memoryview as binary."""
        if self.readyState == self.CONNECTING:
            raise RuntimeError("WebSocket.send(): the connection is not open yet (readyState CONNECTING)")
        if isinstance(data, str):
            _pydesk.host.wsSend(self._id, data, False)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            _pydesk.host.wsSend(self._id, bytes(data).decode("latin-1"), True)
        else:
            raise TypeError(f"WebSocket.send() takes str or bytes, not {type(data).__name__}")

    def close(self, code=1000, reason=""):
        """Closes the connection (code 1000, or 3000-4999)."""
        if code != 1000 and not 3000 <= code <= 4999:
            raise ValueError(f"WebSocket.close(): the code must be 1000 or between 3000 and 4999, not {code}")
        self._closing = True
        _pydesk.host.wsClose(self._id, code, str(reason))

    def _event(self, kind, a, b, c):
        if kind == "open":
            self._opened = True
            self.protocol, self.extensions = a, b
            event = WebSocketEvent("open", self)
        elif kind == "message":
            data = memoryview(a.encode("latin-1")) if b else a
            event = WebSocketEvent("message", self, data=data)
        elif kind == "error":
            event = WebSocketEvent("error", self, message=a)
        else:
            event = WebSocketEvent("close", self, code=a, reason=b, wasClean=c)
        handler = getattr(self, "on" + kind, None)
        if handler is None:
            return
        result = handler(event)
        if type(result).__name__ == "coroutine":
            from _pydesk.loop import run_coroutine
            from _pydesk.runner import report_error

            run_coroutine(result, report_error)
