"""Standard-library modules that GraalPy ships incomplete, completed when (and only when) a page imports them.

`tracemalloc`: GraalPy's `_tracemalloc` has no `start()`: tracing cannot work, so `start()` says so clearly and
the rest behaves as CPython's does while not tracing (`get_traced_memory()` is `(0, 0)`, `is_tracing()` False).
"""

import sys

_NO_TRACING = ("tracemalloc.start(): PyDesk runs Python on GraalPy, which cannot trace memory allocations, so "
               "tracemalloc does not work here. Remove the tracemalloc calls, or guard them with "
               "`if sys.implementation.name == \"cpython\"`.")


def _complete_tracemalloc(module):
    def start(nframe=1):
        raise NotImplementedError(_NO_TRACING)

    def stop():
        pass

    def is_tracing():
        return False

    def get_traced_memory():
        return (0, 0)

    def reset_peak():
        pass

    def clear_traces():
        pass

    def get_traceback_limit():
        return 1

    def get_tracemalloc_memory():
        return 0

    for function in (start, stop, is_tracing, get_traced_memory, reset_peak, clear_traces, get_traceback_limit,
                     get_tracemalloc_memory):
        if not hasattr(module, function.__name__):
            function.__module__ = module.__name__
            setattr(module, function.__name__, function)


_COMPLETIONS = {"tracemalloc": _complete_tracemalloc}


class _CompleteOnImport:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        complete = _COMPLETIONS.get(fullname)
        if complete is None:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        original = spec.loader.exec_module

        def exec_module(module):
            original(module)
            complete(module)

        spec.loader.exec_module = exec_module
        return spec


def install():
    if _CompleteOnImport not in sys.meta_path:
        sys.meta_path.insert(1, _CompleteOnImport)  # after PyDesk's own modules' finder
