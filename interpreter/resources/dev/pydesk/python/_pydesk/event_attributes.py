"""`py-click="name"` / `mpy-click="name"` attributes: the value is looked up as a (dotted) name in the
interpreter's globals when the event fires and called with the event. It is never evaluated as code."""

import __main__
import _pydesk

_IDENTIFIER_PARTS = str.isidentifier


def _lookup(name):
    parts = name.strip().split(".")
    if not parts or not all(_IDENTIFIER_PARTS(part) for part in parts):
        return None, "is not a function name (py-* attributes name a function; they are never evaluated as code)"
    namespace = vars(__main__)
    if parts[0] not in namespace:
        import builtins

        if not hasattr(builtins, parts[0]):
            return None, f"names no function: there is no '{parts[0]}' in the {_pydesk.host.interpreterType()} interpreter"
        value = getattr(builtins, parts[0])
    else:
        value = namespace[parts[0]]
    for index, part in enumerate(parts[1:], 1):
        try:
            value = getattr(value, part)
        except AttributeError:
            return None, f"names no function: '{'.'.join(parts[:index])}' has no attribute '{part}'"
    if not callable(value):
        return None, f"names '{name}', which is a {type(value).__name__}, not a function"
    return value, None


def dispatch(name, event, element, attribute):
    """Called by the page for an event on an element with a py-*/mpy-* attribute."""
    function, problem = _lookup(str(name))
    if function is None:
        _pydesk.host.reportError(f'{attribute}="{name}" on {element} {problem}.')
        return None
    from pyscript.events import handler_for

    return handler_for(function)(event)


def dispatcher():
    """The JavaScript function the page calls (handed to the boot script)."""
    from pyscript.ffi import create_proxy

    return create_proxy(dispatch)
