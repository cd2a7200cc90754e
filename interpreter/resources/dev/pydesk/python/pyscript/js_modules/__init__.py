"""`from pyscript.js_modules import name` and `from pyscript.js_modules.name import default`: the JavaScript
modules the config's `[js_modules.main]` names (a package, so that each module is also a submodule)."""

import sys

from _pydesk import js_modules as _modules

_PREFIX = __name__ + "."


def _module(name):
    if name in _modules.loaded:
        return _modules.loaded[name]
    if name in _modules.worker_only:
        raise ImportError(f"pyscript.js_modules.{name} is a worker module ([js_modules.worker] in the config): "
                          "it cannot be imported on the main thread")
    raise ImportError(f"pyscript.js_modules has no module {name!r}: name it in the config's [js_modules.main]")


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return _module(name)


def __dir__():
    return sorted(_modules.loaded)


class _Submodules:
    """Finds `pyscript.js_modules.NAME`: the module's namespace itself becomes the submodule."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not fullname.startswith(_PREFIX) or "." in fullname[len(_PREFIX):]:
            return None
        _module(fullname[len(_PREFIX):])  # a clear ImportError for a module the config does not name
        from importlib.machinery import ModuleSpec

        return ModuleSpec(fullname, cls)

    @classmethod
    def create_module(cls, spec):
        return None

    @classmethod
    def exec_module(cls, module):
        sys.modules[module.__name__] = _module(module.__name__[len(_PREFIX):])


if _Submodules not in sys.meta_path:
    sys.meta_path.append(_Submodules)
