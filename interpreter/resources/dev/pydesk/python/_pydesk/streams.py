"""`sys.stdout` and `sys.stderr` of page Python: text straight to the host's console stream.

Not through file descriptors 1 and 2: GraalPy writes those through an interruptible channel, and when the watchdog
interrupts a script in the middle of a `print`, that channel closes for good (every later `print` of the page
would then fail with BrokenPipeError).
"""

import io
import sys


class HostStream(io.TextIOBase):
    def __init__(self, host, error, original):
        self._write = host.write
        self._error = error
        self._original = original
        self.buffer = _HostBuffer(self)

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    @property
    def name(self):
        return "<stderr>" if self._error else "<stdout>"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._original.fileno()

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._write(self._error, text)
        return len(text)

    def flush(self):
        pass


class _HostBuffer:
    """`sys.stdout.buffer`: bytes, decoded as UTF-8."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, data):
        self._stream.write(bytes(data).decode("utf-8", "replace"))
        return len(data)

    def flush(self):
        pass


def install(host):
    sys.stdout = HostStream(host, False, sys.__stdout__)
    sys.stderr = HostStream(host, True, sys.__stderr__)
