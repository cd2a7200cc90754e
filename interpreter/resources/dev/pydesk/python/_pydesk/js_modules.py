"""Loads the JavaScript modules named in the config's `[js_modules.main]` (`"./lib.js" = "lib"`) before the page's
scripts run, so that `from pyscript.js_modules import lib` works; `.css` entries become stylesheets of the page.
Names listed only under `[js_modules.worker]` raise ImportError on the main thread, as in PyScript. Relative URLs
are relative to the config's file (the page, for an inline config). Java sees this module as
`dev.pydesk.interpreter.python.JsModulesModule`."""

import _pydesk

loaded = {}
"""name -> the module's namespace (a JsProxy)."""

worker_only = set()


def load(outcome):
    """Loads the config's modules, then tells `outcome` (Java's ScriptOutcome) how it went."""
    from _pydesk.loop import run_coroutine
    from _pydesk.runner import tell

    run_coroutine(_load(), lambda error: tell(outcome, error))


async def _load():
    from pyscript.context import RUNNING_IN_WORKER, config, document, js_import

    sections = config.get("js_modules") or {}
    if RUNNING_IN_WORKER:  # a worker reaches the page's modules too (its JavaScript is the page's)
        here = {**(sections.get("main") or {}), **(sections.get("worker") or {})}
        other = {}
    else:
        here = sections.get("main") or {}
        other = sections.get("worker") or {}
    worker_only.update(name for name in other.values() if name not in here.values())
    scripts = []
    for url, name in here.items():
        url = _pydesk.host.configRelative(str(url))  # relative to the config's file, as in PyScript
        if str(url).split("?")[0].endswith(".css"):
            if RUNNING_IN_WORKER:
                continue  # stylesheets are the main thread's business
            link = document.createElement("link")
            link.rel = "stylesheet"
            link.href = url
            document.head.append(link)
        else:
            scripts.append((url, name))
    for url, name in scripts:
        try:
            (module,) = await js_import(url)
        except Exception as error:
            raise ImportError(f"js_modules: could not load {url!r} as {name!r}: {error}") from None
        loaded[name] = module
