"""PyDesk's private runtime for one interpreter: the host handles, set once when the interpreter meets its page."""

host = None
"""The interpreter's Java host object (config, interpreter type, output target)."""

js = None
"""The JavaScript bridge (JsAccess): the only way to the page."""


def bind(interpreter_host, js_access):
    """Called once, when the interpreter is bound to its page; then `pyscript` can be imported."""
    global host, js
    host = interpreter_host
    js = js_access
