"""`pyodide.ffi.wrappers`: event listeners and timers that take Python functions and manage their proxies (made
when added, destroyed when removed, cleared or, for a timeout, after it ran), as Pyodide's do."""

from pyodide import module_getattr as _module_getattr
from pyscript.ffi import create_proxy

__all__ = ["add_event_listener", "clear_interval", "clear_timeout", "remove_event_listener", "set_interval",
           "set_timeout"]

_listeners = []
"""(element, event, listener, proxy) of each listener added here. A list, not a dict: two proxies of one element
are equal but do not hash alike."""
_timers = {}
"""timer id -> its proxy."""


def _window():
    from pyscript.context import window

    return window


def add_event_listener(elt, event, listener):
    """`elt.addEventListener(event, listener)` for a Python function."""
    proxy = create_proxy(listener)
    elt.addEventListener(event, proxy)
    _listeners.append((elt, event, listener, proxy))


def remove_event_listener(elt, event, listener):
    """Removes a listener added with `add_event_listener`; a KeyError when there is none."""
    for index, (element, name, function, proxy) in enumerate(_listeners):
        if name == event and function == listener and element == elt:
            elt.removeEventListener(event, proxy)
            proxy.destroy()
            del _listeners[index]
            return
    raise KeyError(f"no listener {listener!r} for {event!r} on {elt!r} was added with add_event_listener")


def set_timeout(callback, timeout):
    """Calls `callback()` once after `timeout` milliseconds; returns an id for `clear_timeout`."""
    timer = None

    def once(*_args):
        _timers.pop(timer, None)
        proxy.destroy()
        callback()

    proxy = create_proxy(once)
    timer = _window().setTimeout(proxy, timeout)
    _timers[timer] = proxy
    return timer


def clear_timeout(timeout_retval):
    """Cancels a `set_timeout` that has not run yet."""
    _window().clearTimeout(timeout_retval)
    proxy = _timers.pop(timeout_retval, None)
    if proxy is not None:
        proxy.destroy()


def set_interval(callback, interval):
    """Calls `callback()` every `interval` milliseconds; returns an id for `clear_interval`."""
    proxy = create_proxy(lambda *_args: callback())
    timer = _window().setInterval(proxy, interval)
    _timers[timer] = proxy
    return timer


def clear_interval(interval_retval):
    """Stops a `set_interval`."""
    _window().clearInterval(interval_retval)
    proxy = _timers.pop(interval_retval, None)
    if proxy is not None:
        proxy.destroy()


__getattr__ = _module_getattr("pyodide.ffi.wrappers", __all__)
