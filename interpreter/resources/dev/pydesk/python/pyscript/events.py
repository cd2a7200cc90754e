"""`when`: Python functions as handlers of DOM events, and `Event`, a one-shot Python-side event.

`@when("click", "#button")` adds the function as a listener of every element the selector matches (or of the
element, or list of elements, given instead). The handler takes the event or nothing, and may be `async def`.
"""

from pyscript.context import document
from pyscript.ffi import create_proxy

__all__ = ["Event", "when"]


class Event:
    """Something that happens once: listeners are called with its result when it is triggered (or at once, when
    they are added after that). Listeners may be functions or `async def` functions."""

    def __init__(self):
        self._listeners = []
        self._result = None
        self._triggered = False

    @property
    def triggered(self):
        return self._triggered

    @property
    def result(self):
        if self._triggered:
            return self._result
        raise ValueError("Event has not been triggered yet. No result available.")

    def trigger(self, result=None):
        if self._triggered:
            raise RuntimeError("Event has already been triggered.")
        self._triggered = True
        self._result = result
        for listener in list(self._listeners):
            self._call(listener)

    def add_listener(self, listener):
        if not callable(listener):
            raise ValueError("Listener must be callable or awaitable.")
        if listener not in self._listeners:
            self._listeners.append(listener)
            if self._triggered:
                self._call(listener)

    def remove_listener(self, *listeners):
        if listeners:
            for listener in listeners:
                self._listeners.remove(listener)
        else:
            self._listeners = []

    def _call(self, listener):
        result = listener(self._result)
        if type(result).__name__ == "coroutine":
            from _pydesk.loop import get_loop

            get_loop().create_task(result)


def takes_event(func):
    """True when `func` accepts a positional argument (the event); handlers may also take nothing."""
    code = getattr(func, "__code__", None)
    if code is not None:
        positional = code.co_argcount + code.co_posonlyargcount
        if hasattr(func, "__self__"):
            positional -= 1
        return positional > 0 or bool(code.co_flags & 0x04)  # CO_VARARGS
    try:
        import inspect

        return bool(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return True


def handler_for(func):
    """A function JavaScript can call with the event, whatever `func` takes."""
    if takes_event(func):
        return func

    def without_event(*_args):
        return func()

    return without_event


def _elements(selector, event_types):
    if isinstance(selector, str):
        from pyscript.ffi import JsException

        try:
            found = list(document.querySelectorAll(selector))
        except JsException as error:
            raise ValueError(f"when({event_types!r}, {selector!r}): {selector!r} is not a valid CSS selector ({error})")
        if not found:
            raise ValueError(f"when({event_types!r}, {selector!r}): no element matches the selector {selector!r}")
        return found
    if isinstance(selector, (list, tuple)):
        elements = []
        for item in selector:
            elements.extend(_elements(item, event_types))
        return elements
    if hasattr(selector, "addEventListener"):
        return [selector]
    if hasattr(selector, "_dom_element"):  # pyscript.web-style wrappers
        return [selector._dom_element]
    try:
        return list(selector)  # a NodeList or HTMLCollection
    except TypeError:
        raise ValueError(f"when({event_types!r}, ...): {selector!r} is not a selector, an element or a list of them")


def when(event_type, selector=None, handler=None):
    """Handles `event_type` (a DOM event name, a list of them, or an `Event`) on the elements `selector` names.
    Works as a decorator (`@when("click", "#b")`) or as a call with the handler (`when("click", "#b", f)`, and
    `when(event, f)` for `Event`s, which take no selector)."""
    targets = event_type if isinstance(event_type, (list, tuple)) else [event_type]
    python_events = [t for t in targets if isinstance(t, Event)]
    dom_events = [t for t in targets if not isinstance(t, Event)]
    for name in dom_events:
        if not isinstance(name, str) or not name:
            raise ValueError(f"when(): {name!r} is not an event name")
    if not dom_events and handler is None and callable(selector):
        handler, selector = selector, None  # when(event, handler): an Event takes no selector, as in PyScript
    elements = []
    if dom_events:
        if selector is None:
            raise ValueError(f"when({event_type!r}): no selector provided")
        elements = _elements(selector, event_type)

    def decorator(func):
        if not callable(func):
            raise TypeError(f"when({event_type!r}, ...) decorates a function, not {type(func).__name__}")
        wrapper = handler_for(func)
        for event in python_events:
            event.add_listener(wrapper)
        if dom_events:
            listener = create_proxy(wrapper)
            for element in elements:
                for name in dom_events:
                    element.addEventListener(name, listener)
        return func

    return decorator(handler) if handler is not None else decorator
