"""`from pyscript.js_modules import name`: the JavaScript modules the config's `[js_modules.main]` names."""

from _pydesk import js_modules as _modules


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    if name in _modules.loaded:
        return _modules.loaded[name]
    if name in _modules.worker_only:
        raise ImportError(f"pyscript.js_modules.{name} is a worker module ([js_modules.worker] in the config): "
                          "it cannot be imported on the main thread")
    raise ImportError(f"pyscript.js_modules has no module {name!r}: name it in the config's [js_modules.main]")


def __dir__():
    return sorted(_modules.loaded)
