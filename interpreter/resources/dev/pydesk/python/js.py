"""`import js`: the page's global object (`globalThis`), as in Pyodide."""

import sys

from _pydesk.jsproxy import window as _window

sys.modules[__name__] = _window()
