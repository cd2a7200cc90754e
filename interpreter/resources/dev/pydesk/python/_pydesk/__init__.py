"""PyDesk's private runtime for one interpreter: the host handles, set once when the interpreter meets its page.
Java sees this module as `dev.pydesk.interpreter.python.PyDeskModule`."""

host = None
"""The interpreter's Java host object (config, interpreter type, output target)."""

js = None
"""The JavaScript bridge (JsAccess): the only way to the page."""


def bind(interpreter_host, js_access, object_class, callback_class, working_folder):
    """Called once, when the interpreter is bound to its page (the page's folder is the working folder and on
    `sys.path`); then `pyscript` can be imported. Returns what the JavaScript bridge asks of Python
    (`_pydesk.jsproxy`)."""
    global host, js
    import os

    import sys

    host = interpreter_host
    js = js_access
    os.chdir(working_folder)
    sys.path.insert(0, os.getcwd())  # the page's folder is on sys.path, as /home/pyodide is in PyScript
    # Keep the GIL through calls into Java and JavaScript: they are short, and this interpreter has no other thread
    # (GraalPy otherwise releases and takes it again around every DOM access). For the interpreter's lifetime.
    import polyglot

    polyglot.gil_locked_during_interop(True).__enter__()
    from _pydesk.jsproxy import install

    side = install(js_access, object_class, callback_class)
    _install_loop_on_asyncio_import()
    from _pydesk import literals, sandbox, stdlib, streams

    # sys.stdout/sys.stderr write to the host (a line goes to the console when it is complete, as Pyodide's batched
    # stdout does), and input() is window.prompt on the main thread and in a worker alike
    streams.install(interpreter_host)
    sandbox.install()
    stdlib.install()
    literals.install()
    return side


def _install_loop_on_asyncio_import():
    """Makes PyDesk's loop asyncio's loop as soon as anything imports asyncio (`asyncio.get_event_loop()` in a
    script that never awaited must not make a loop of its own that nobody runs)."""
    import sys

    if "asyncio" in sys.modules:
        from _pydesk.loop import get_loop

        get_loop()
        return
    from importlib.machinery import PathFinder

    class AsyncioHook:
        @classmethod
        def find_spec(cls, fullname, path=None, target=None):
            if fullname != "asyncio":
                return None
            spec = PathFinder.find_spec(fullname, path)
            if spec is None or spec.loader is None:
                return spec
            original = spec.loader.exec_module

            def exec_module(module):
                original(module)
                sys.meta_path.remove(AsyncioHook)
                if "_pydesk.loop" in sys.modules:
                    return  # _pydesk.loop itself is importing asyncio: its get_loop() is what runs next
                from _pydesk.loop import get_loop

                get_loop()

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, AsyncioHook)
