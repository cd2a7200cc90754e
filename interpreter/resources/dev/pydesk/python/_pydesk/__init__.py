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
    _install_loop_with_asyncio()


def _install_loop_with_asyncio():
    """PyDesk's loop is asyncio's running loop from the moment asyncio is imported, by the page or by PyDesk, as
    Pyodide's WebLoop always is: `asyncio.create_task()` in a handler works even if nothing awaited before. Pages
    that never import asyncio do not pay for importing it (seconds on a cold interpreter)."""
    import sys

    if "asyncio" in sys.modules:
        from _pydesk.loop import get_loop

        get_loop()
        return

    class LoopAfterAsyncio:
        """Finds asyncio as usual; once it has been executed, makes PyDesk's loop the running one."""

        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            if fullname != "asyncio":
                return None
            sys.meta_path.remove(cls)
            from importlib.util import find_spec

            spec = find_spec(fullname)
            if spec is not None and spec.loader is not None:
                spec.loader = _ThenInstallLoop(spec.loader)
            return spec

    sys.meta_path.insert(0, LoopAfterAsyncio)


class _ThenInstallLoop:
    """asyncio's own loader, followed by installing PyDesk's loop."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        import sys

        loop = sys.modules.get("_pydesk.loop")
        if loop is not None and not hasattr(loop, "get_loop"):
            return  # _pydesk.loop itself is importing asyncio: its get_loop() installs the loop when first used
        from _pydesk.loop import get_loop

        get_loop()

    def __getattr__(self, name):  # get_source, is_package, ...: asyncio's loader answers
        return getattr(self._loader, name)
