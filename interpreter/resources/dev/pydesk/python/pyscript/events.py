"""`when`: Python functions as handlers of DOM events, and `Event`, a Python-side event with listeners.

`@when("click", "#button")` adds the function as a listener of every element the selector matches (or of the
element, list of elements, `pyscript.web` Element or ElementCollection given instead); keyword arguments are
`addEventListener` options (`once=True`). The handler takes the event or nothing, and may be `async def`.
`@when(event)` (an `Event`, or a list of them) adds it as a listener of that event.
"""

import sys

from pyscript.context import document
from pyscript.ffi import JsException, create_proxy, to_js

__all__ = ["Event", "when"]


class Event:
    """A Python-side event: each `trigger(result)` calls every listener with `result`, in the order they were
    added; `async def` listeners run as tasks. A listener's exception propagates out of `trigger` (the listeners
    after it are not called), as in PyScript."""

    def __init__(self):
        self._listeners = []

    def trigger(self, result=None):
        for listener in list(self._listeners):
            outcome = listener(result)
            if type(outcome).__name__ == "coroutine":
                from _pydesk.loop import get_loop

                get_loop().create_task(outcome)

    def add_listener(self, listener):
        """Adds a function (or `async def` function) to call on each trigger; adding it twice adds it once."""
        if not callable(listener):
            raise ValueError("Listener must be callable.")
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove_listener(self, *listeners):
        """Removes these listeners (ones that were never added are ignored), or all of them when none is given."""
        if not listeners:
            self._listeners = []
        for listener in listeners:
            if listener in self._listeners:
                self._listeners.remove(listener)


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
        from _pydesk import dom

        try:
            found = [node for node, _tag in dom.elements("find", selector, [document])]
        except JsException as error:  # an invalid selector: PyScript's JsException, saying which call
            raise JsException(f"when({event_types!r}, {selector!r}): {error}") from None
        if not found:
            raise ValueError(f"when({event_types!r}, {selector!r}): no element matches the selector {selector!r}")
        return found
    web = sys.modules.get("pyscript.web")  # never imported here: a page that uses no web has none
    if web is not None:
        if isinstance(selector, web.Element):
            return [selector._dom_element]
        if isinstance(selector, web.ElementCollection):
            return [element._dom_element for element in selector]
    if isinstance(selector, (list, tuple)):
        elements = []
        for item in selector:
            elements.extend(_elements(item, event_types))
        return elements
    if hasattr(selector, "addEventListener"):
        return [selector]
    try:
        return list(selector)  # a NodeList or HTMLCollection
    except TypeError:
        raise ValueError(f"when({event_types!r}, ...): {selector!r} is not a selector, an element or a list of them")


def when(event_type, selector=None, handler=None, **options):
    """Handles `event_type` (a DOM event name, a list of them, or an `Event` or list of `Event`s) on the elements
    `selector` names. Works as a decorator (`@when("click", "#b")`) or as a call with the handler
    (`when("click", "#b", f)`, and `when(event, f)` for `Event`s, which take no selector). `options` go to
    `addEventListener` (`capture`, `once`, `passive`, `signal`); `Event`s ignore them."""
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
            listen_options = to_js(options) if options else False
            for element in elements:
                for name in dom_events:
                    element.addEventListener(name, listener, listen_options)
        return func

    return decorator(handler) if handler is not None else decorator
